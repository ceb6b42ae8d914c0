-- 0003_deployments: deployments and every transition of their lifecycle,
-- the locks that keep one deployment in flight per project and environment,
-- and the freezes set by chat.

CREATE TABLE deployments (
    id               INTEGER PRIMARY KEY,
    project          TEXT NOT NULL,
    env              TEXT NOT NULL,
    version          TEXT NOT NULL DEFAULT '',
    previous_version TEXT NOT NULL DEFAULT '',
    strategy         TEXT NOT NULL DEFAULT '',
    action           TEXT NOT NULL CHECK (action IN ('deploy', 'rollback')),
    rollback_of      INTEGER REFERENCES deployments (id),
    requester        TEXT NOT NULL,
    approver         TEXT NOT NULL DEFAULT '',
    reason           TEXT NOT NULL DEFAULT '',
    force            INTEGER NOT NULL DEFAULT 0,
    wait             INTEGER NOT NULL DEFAULT 0,
    state            TEXT NOT NULL,
    reasons          TEXT NOT NULL DEFAULT '', -- one per line
    ticked           TEXT NOT NULL DEFAULT '', -- checklist items ticked by the requester, comma-separated
    executor_ref     TEXT NOT NULL DEFAULT '',
    output           TEXT NOT NULL DEFAULT '',
    platform         TEXT NOT NULL DEFAULT '',
    channel          TEXT NOT NULL DEFAULT '',
    thread           TEXT NOT NULL DEFAULT '',
    lang             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE INDEX deployments_target ON deployments (project, env, state, id);

CREATE TABLE deployment_events (
    id            INTEGER PRIMARY KEY,
    deployment_id INTEGER NOT NULL REFERENCES deployments (id),
    from_state    TEXT NOT NULL,
    to_state      TEXT NOT NULL,
    actor         TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL
);

CREATE INDEX deployment_events_deployment ON deployment_events (deployment_id, id);

CREATE TABLE locks (
    project       TEXT NOT NULL,
    env           TEXT NOT NULL,
    holder        TEXT NOT NULL,
    deployment_id INTEGER NOT NULL DEFAULT 0,
    reason        TEXT NOT NULL DEFAULT '',
    acquired_at   TEXT NOT NULL,
    expires_at    TEXT NOT NULL DEFAULT '', -- empty: until unlocked
    PRIMARY KEY (project, env)
);

CREATE TABLE lock_events (
    id      INTEGER PRIMARY KEY,
    project TEXT NOT NULL,
    env     TEXT NOT NULL,
    event   TEXT NOT NULL CHECK (event IN ('lock', 'unlock', 'expire')),
    holder  TEXT NOT NULL,
    actor   TEXT NOT NULL,
    reason  TEXT NOT NULL DEFAULT '',
    at      TEXT NOT NULL
);

CREATE TABLE freezes (
    id         INTEGER PRIMARY KEY,
    project    TEXT NOT NULL DEFAULT '',
    env        TEXT NOT NULL DEFAULT '',
    from_at    TEXT NOT NULL,
    to_at      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    lifted_by  TEXT NOT NULL DEFAULT '',
    lifted_at  TEXT NOT NULL DEFAULT ''
);
