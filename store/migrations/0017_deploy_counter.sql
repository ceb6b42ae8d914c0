-- 0017_deploy_counter: a second change counter, bumped in the same
-- transaction as every write of deployments and drills, so that a process
-- that watches SQLite's log (the scripted chat, store/walwatch.go) keeps
-- what it read of them (an environment's history, the deployments in
-- flight, the last drills) until one of them changes, by any process,
-- rather than until any commit (its own audit rows commit every few
-- dozen messages). Triggers bump it, as 0014's do the context's, so that
-- every writer does. An expand: the release before writes through the
-- triggers without knowing them.

INSERT INTO change_counters (name, n) VALUES ('deploys', 0);

CREATE TRIGGER deployments_inserted AFTER INSERT ON deployments
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'deploys'; END;
CREATE TRIGGER deployments_updated AFTER UPDATE ON deployments
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'deploys'; END;
CREATE TRIGGER deployments_deleted AFTER DELETE ON deployments
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'deploys'; END;
CREATE TRIGGER drills_inserted AFTER INSERT ON drills
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'deploys'; END;
CREATE TRIGGER drills_updated AFTER UPDATE ON drills
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'deploys'; END;
CREATE TRIGGER drills_deleted AFTER DELETE ON drills
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'deploys'; END;
