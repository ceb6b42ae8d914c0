-- 0018_chat_counters: change counters of freezes, locks and reminders,
-- bumped in the same transaction as every write of their tables, as
-- 0017's is for deployments and drills: a process that watches SQLite's
-- log (the scripted chat, store/deploycache.go) keeps what it read of
-- each until it changes, by any process, rather than until any commit.
-- Every calendar reads the freezes, every status the locks. An expand.

INSERT INTO change_counters (name, n) VALUES ('freezes', 0);
INSERT INTO change_counters (name, n) VALUES ('locks', 0);
INSERT INTO change_counters (name, n) VALUES ('reminders', 0);

CREATE TRIGGER freezes_inserted AFTER INSERT ON freezes
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'freezes'; END;
CREATE TRIGGER freezes_updated AFTER UPDATE ON freezes
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'freezes'; END;
CREATE TRIGGER freezes_deleted AFTER DELETE ON freezes
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'freezes'; END;
CREATE TRIGGER locks_inserted AFTER INSERT ON locks
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'locks'; END;
CREATE TRIGGER locks_updated AFTER UPDATE ON locks
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'locks'; END;
CREATE TRIGGER locks_deleted AFTER DELETE ON locks
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'locks'; END;
CREATE TRIGGER reminders_inserted AFTER INSERT ON reminders
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'reminders'; END;
CREATE TRIGGER reminders_updated AFTER UPDATE ON reminders
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'reminders'; END;
CREATE TRIGGER reminders_deleted AFTER DELETE ON reminders
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'reminders'; END;
