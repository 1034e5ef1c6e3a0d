-- One row per concept. The body is the concept as JSON (what the TinyDB store keeps in its file);
-- the summary columns beside it let the start list be read without reading any body.
CREATE TABLE concepts (
    id              text        PRIMARY KEY,
    name            text        NOT NULL DEFAULT '',
    industry        text        NOT NULL DEFAULT '',
    owner           text        NOT NULL DEFAULT '',
    revision        integer     NOT NULL CHECK (revision >= 1),
    body            jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    last_changed_by text        NOT NULL DEFAULT ''
);

CREATE INDEX concepts_by_owner ON concepts (owner, updated_at DESC);
CREATE INDEX concepts_by_change ON concepts (updated_at DESC);

-- A row whose body no longer validates is moved here untouched and reported, never overwritten.
CREATE TABLE concept_quarantine (
    seq        bigserial   PRIMARY KEY,
    id         text        NOT NULL,
    body       jsonb       NOT NULL,
    reason     text        NOT NULL,
    moved_at   timestamptz NOT NULL DEFAULT now()
);
