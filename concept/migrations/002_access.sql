-- The team server's users, shares and client links (concept/access.py's AccessStore).

-- Everyone who has signed in, so a concept can be handed over to them by e-mail.
CREATE TABLE users (
    issuer   text        NOT NULL,
    subject  text        NOT NULL,
    email    text        NOT NULL DEFAULT '',
    name     text        NOT NULL DEFAULT '',
    seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX users_by_email ON users (email, seen_at DESC);

-- A concept shared with a colleague by e-mail (normalised: trimmed, lower case).
CREATE TABLE shares (
    concept_id  text NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    email       text NOT NULL,
    role        text NOT NULL CHECK (role IN ('editor', 'viewer')),
    PRIMARY KEY (concept_id, email)
);
CREATE INDEX shares_by_email ON shares (email);

-- A client's read-only link: a long random token, the last day it opens, revocable.
CREATE TABLE client_links (
    token       text        PRIMARY KEY,
    concept_id  text        NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    expires     date        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked     boolean     NOT NULL DEFAULT false
);
CREATE INDEX client_links_by_concept ON client_links (concept_id, created_at);
