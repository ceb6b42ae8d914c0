-- 0007_inbox: the durable inbox of chat deliveries (Slack events, slash
-- commands, button clicks). A delivery is written here, by its
-- de-duplication key, before it is acknowledged; workers claim it, store
-- the reply, post it and mark it done. An entry whose claim expired or
-- whose holder died is handled again by another worker or process. Done
-- entries stay until expires_at, as the record of the keys already seen
-- (Slack's retries of them are dropped), then are purged.
--
-- state: new (to handle), replied (the reply is stored and may have been
-- posted), done. claim counts the claims, so that a worker that lost its
-- claim cannot change the entry any more. attempts counts the claims too,
-- minus the one an entry is accepted with when nobody took it at once;
-- an entry that keeps failing is ended after a few.
--
-- It replaces slack_events, whose unexpired keys are kept as done entries.

CREATE TABLE inbox (
    key              TEXT PRIMARY KEY CHECK (key <> ''),
    kind             TEXT NOT NULL DEFAULT '',
    channel          TEXT NOT NULL DEFAULT '',
    payload          BLOB,
    state            TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'replied', 'done')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    claim            INTEGER NOT NULL DEFAULT 0,
    host             TEXT NOT NULL DEFAULT '',
    boot_id          TEXT NOT NULL DEFAULT '',
    pid_ns           TEXT NOT NULL DEFAULT '',
    pid              INTEGER NOT NULL DEFAULT 0,
    start_time       INTEGER NOT NULL DEFAULT 0,
    claim_expires_at TEXT NOT NULL DEFAULT '', -- '' sorts before any time: claimable
    reply            BLOB,
    posted_ts        TEXT NOT NULL DEFAULT '',
    received_at      TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    done_at          TEXT NOT NULL DEFAULT ''
);

CREATE INDEX inbox_unfinished ON inbox (received_at) WHERE state <> 'done';
CREATE INDEX inbox_done_expires_at ON inbox (expires_at) WHERE state = 'done';

INSERT INTO inbox (key, kind, state, received_at, expires_at, done_at)
SELECT key, 'seen', 'done', seen_at, expires_at, seen_at FROM slack_events;

DROP TABLE slack_events;
