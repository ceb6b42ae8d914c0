-- 0002_interviews: the context interview of each user in each channel, so
-- that it can be stopped, resumed and survive restarts.

CREATE TABLE interviews (
    platform   TEXT NOT NULL,
    channel    TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    project    TEXT NOT NULL DEFAULT '',
    step       INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
    agency     INTEGER NOT NULL DEFAULT 0,
    status     TEXT NOT NULL CHECK (status IN ('active', 'paused', 'done')),
    lang       TEXT NOT NULL DEFAULT 'fr',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (platform, channel, user_name)
);
