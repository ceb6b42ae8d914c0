-- 0008_trust: what the trust rules need to know of each deployment and who
-- runs it.
--
-- deployments.ref: what the requester named when the executor resolved it
-- (latest, a branch); version is then what it resolved to.
-- deployments.started, started_at: the executor's run began (a run that
-- never began changed nothing and is no environment's current version).
-- deployments.failure: what failed (executor, verification, monitoring); a
-- version whose verification or monitoring failed is bad there.
-- deployments.replaces: the version that ran there when it was planned
-- (previous_version is, for a deploy, the version a rollback would go back
-- to; for a rollback, the version it leaves).
-- deployments.request_key: the chat message that asked for it, so that a
-- message handled again after a crash plans nothing twice.
--
-- leases: the process that runs a deployment now (approved, running,
-- verifying, monitoring), renewed while it does. A lease whose holder is
-- gone (expired, or a dead process on this machine) is adopted by another
-- process, which then follows the run to its end.
--
-- messages.user_display: the name the writer had when writing; user_name
-- keeps the stable identity (a Slack user id at its team).

ALTER TABLE deployments ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN started INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deployments ADD COLUMN started_at TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN failure TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN request_key TEXT;
ALTER TABLE deployments ADD COLUMN replaces TEXT NOT NULL DEFAULT '';
UPDATE deployments SET replaces = previous_version;

UPDATE deployments SET started = 1, started_at = updated_at
WHERE state IN ('running', 'verifying', 'monitoring', 'succeeded', 'rolled_back', 'failed');
UPDATE deployments SET failure = CASE
    WHEN reasons LIKE '%verification failed%' THEN 'verification'
    WHEN reasons LIKE '%monitoring%' THEN 'monitoring'
    ELSE 'executor' END
WHERE state = 'failed';

CREATE UNIQUE INDEX deployments_request_key ON deployments (request_key) WHERE request_key IS NOT NULL;
CREATE INDEX deployments_runs ON deployments (project, env, started, started_at);

CREATE TABLE leases (
    deployment_id INTEGER PRIMARY KEY REFERENCES deployments (id),
    host          TEXT NOT NULL DEFAULT '',
    boot_id       TEXT NOT NULL DEFAULT '',
    pid_ns        TEXT NOT NULL DEFAULT '',
    pid           INTEGER NOT NULL DEFAULT 0,
    start_time    INTEGER NOT NULL DEFAULT 0,
    acquired_at   TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);

ALTER TABLE messages ADD COLUMN user_display TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_message_id ON messages (platform, message_id);
