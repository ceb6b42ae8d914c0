-- 0011_drills: rollback drills. A drill rolls an environment back to its
-- rollback target through the real rollback path, then forward to the
-- version that ran before, holding the environment's lock from start to
-- end. Its steps are deployments that carry the drill's id; the drill
-- records where it stands, so that whoever adopts a step's lease resumes
-- it, and what it measured.

CREATE TABLE drills (
    id             INTEGER PRIMARY KEY,
    project        TEXT NOT NULL,
    env            TEXT NOT NULL,
    requester      TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('requested', 'back', 'forward', 'returning', 'succeeded', 'failed', 'interrupted', 'cancelled', 'rejected')),
    target_version TEXT NOT NULL, -- what the rollback step goes back to
    return_version TEXT NOT NULL, -- what ran before: what the forward step restores
    step_id        INTEGER NOT NULL DEFAULT 0, -- the deployment of the current step
    back_id        INTEGER NOT NULL DEFAULT 0,
    forward_id     INTEGER NOT NULL DEFAULT 0,
    back_ms        INTEGER NOT NULL DEFAULT 0, -- rollback step: executor start to verified
    forward_ms     INTEGER NOT NULL DEFAULT 0,
    health         TEXT NOT NULL DEFAULT '', -- verification results, one per line
    note           TEXT NOT NULL DEFAULT '', -- how it ended, and on which version
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    ended_at       TEXT NOT NULL DEFAULT ''
);

CREATE INDEX drills_target ON drills (project, env, state, id);

ALTER TABLE deployments ADD COLUMN drill_id INTEGER NOT NULL DEFAULT 0;
