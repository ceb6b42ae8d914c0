-- 0005_slack_events: the Slack deliveries already accepted (event ids,
-- slash command triggers, button clicks), so that a delivery Slack repeats
-- (X-Slack-Retry-Num, Socket Mode retry_attempt) is handled once, across
-- restarts. Each key expires; expired keys are purged and may be seen anew.

CREATE TABLE slack_events (
    key        TEXT PRIMARY KEY CHECK (key <> ''),
    seen_at    TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX slack_events_expires_at ON slack_events (expires_at);
