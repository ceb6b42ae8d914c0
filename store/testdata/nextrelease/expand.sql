-- The next release's expand, for the rolling upgrade test only (built in
-- with the tag deploybot_nextrelease; numbered after this release's last
-- migration). It adds what a next release would: a column with a default
-- to tables this release writes on every message and deployment, a table,
-- and an index. This release goes on writing its rows without them.
-- It declares no compat number: an expand keeps the release before it
-- running.

ALTER TABLE messages ADD COLUMN next_channel_kind TEXT NOT NULL DEFAULT '';

ALTER TABLE deployments ADD COLUMN next_change_ticket TEXT NOT NULL DEFAULT '';

ALTER TABLE inbox ADD COLUMN next_priority INTEGER NOT NULL DEFAULT 0;

CREATE TABLE next_release_notes (
    id      INTEGER PRIMARY KEY,
    project TEXT NOT NULL,
    note    TEXT NOT NULL,
    at      TEXT NOT NULL
);

CREATE INDEX deployments_next_change_ticket ON deployments (next_change_ticket);
