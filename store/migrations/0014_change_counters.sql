-- 0014_change_counters: a counter bumped in the same transaction as every
-- write of what processes keep in memory (the context layers' settings and
-- the interviews), so that a process reads one row, not the tables, to
-- know that its copy is still exact, also when another process (a replica,
-- a chat beside serve) wrote. Triggers bump it, so that every writer does:
-- an older release during a rolling upgrade, store copy, a person at the
-- SQL prompt. Copy does not copy the counter itself.

CREATE TABLE change_counters (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
);

INSERT INTO change_counters (name, n) VALUES ('context', 0);

CREATE TRIGGER settings_inserted AFTER INSERT ON settings
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'context'; END;
CREATE TRIGGER settings_updated AFTER UPDATE ON settings
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'context'; END;
CREATE TRIGGER settings_deleted AFTER DELETE ON settings
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'context'; END;
CREATE TRIGGER interviews_inserted AFTER INSERT ON interviews
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'context'; END;
CREATE TRIGGER interviews_updated AFTER UPDATE ON interviews
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'context'; END;
CREATE TRIGGER interviews_deleted AFTER DELETE ON interviews
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'context'; END;
