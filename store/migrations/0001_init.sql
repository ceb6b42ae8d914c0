-- 0001_init: context layers (ADR-005) with their audit trail, and the audit
-- of every handled message.
--
-- Times are TEXT in UTC, RFC 3339 with a fixed nine-digit fraction
-- (2006-01-02T15:04:05.000000000Z), so that text order is time order.

CREATE TABLE context_values (
    scope   TEXT NOT NULL CHECK (scope IN ('global', 'agency', 'project')),
    project TEXT NOT NULL DEFAULT '',
    key     TEXT NOT NULL CHECK (key <> ''),
    value   TEXT NOT NULL,
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL,
    PRIMARY KEY (scope, project, key),
    CHECK ((scope = 'project') = (project <> ''))
);

CREATE TABLE context_changes (
    id         INTEGER PRIMARY KEY,
    scope      TEXT NOT NULL,
    project    TEXT NOT NULL DEFAULT '',
    key        TEXT NOT NULL,
    old_value  TEXT NOT NULL DEFAULT '',
    new_value  TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

CREATE INDEX context_changes_project_key ON context_changes (project, key, id);

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    message_id TEXT,
    platform   TEXT,
    user_name  TEXT,
    channel    TEXT,
    text       TEXT,
    route      TEXT,
    intent     TEXT,
    app        TEXT,
    env        TEXT,
    version    TEXT,
    lang       TEXT,
    at         TEXT NOT NULL
);

CREATE INDEX messages_at ON messages (at);
