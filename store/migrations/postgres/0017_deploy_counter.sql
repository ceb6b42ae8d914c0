-- 0017_deploy_counter, PostgreSQL's text: see ../0017_deploy_counter.sql.
-- The counter's row only, no triggers: only a process that watches
-- SQLite's log reads it (store/deploycache.go), and on PostgreSQL a
-- trigger would make every transaction that writes a deployment wait for
-- the counter's row lock held by every other one until it commits.

INSERT INTO change_counters (name, n) VALUES ('deploys', 0);
