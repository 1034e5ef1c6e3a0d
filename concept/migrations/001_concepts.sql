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
    last_changed_by text        NOT NULL DEFAULT '',
    -- Set when the body no longer validates: the row is then left untouched (never saved over,
    -- listed or deleted by the app, its shares kept) and reported until someone repairs it.
    set_aside_at     timestamptz,
    set_aside_reason text
);

CREATE INDEX concepts_by_owner ON concepts (owner, updated_at DESC) WHERE set_aside_at IS NULL;
CREATE INDEX concepts_by_change ON concepts (updated_at DESC) WHERE set_aside_at IS NULL;
