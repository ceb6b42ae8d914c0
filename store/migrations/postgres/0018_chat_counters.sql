-- 0018_chat_counters, PostgreSQL's text: see ../0018_chat_counters.sql.
-- The counters' rows only, no triggers, as in 0017_deploy_counter.sql.

INSERT INTO change_counters (name, n) VALUES ('freezes', 0);
INSERT INTO change_counters (name, n) VALUES ('locks', 0);
INSERT INTO change_counters (name, n) VALUES ('reminders', 0);
