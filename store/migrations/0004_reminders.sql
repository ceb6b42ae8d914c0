-- 0004_reminders: the reminders created by chat and the record of every
-- scheduled run of every reminder (built-in, configured or chat), so that a
-- restart neither sends twice nor loses a run silently.
--
-- A deleted reminder is kept, with who deleted it and when: with created_by
-- and created_at, that is its audit trail.

CREATE TABLE reminders (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL DEFAULT 'custom',
    cron       TEXT NOT NULL,
    channel    TEXT NOT NULL CHECK (channel <> ''),
    project    TEXT NOT NULL DEFAULT '',
    message    TEXT NOT NULL DEFAULT '',
    lang       TEXT NOT NULL DEFAULT 'fr',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_by TEXT NOT NULL DEFAULT '',
    deleted_at TEXT NOT NULL DEFAULT ''
);

-- One row per reminder key and scheduled time: INSERT ... ON CONFLICT DO
-- NOTHING on the primary key is what makes sending exactly-once.
CREATE TABLE reminder_runs (
    reminder_key TEXT NOT NULL,
    scheduled_at TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'empty', 'skipped', 'failed')),
    ref          TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (reminder_key, scheduled_at)
);
