-- 0013_change_counters: a counter bumped in the same transaction as every
-- write of what processes keep in memory (the context layers' settings and
-- the interviews), so that a process reads one row, not the tables, to
-- know that its copy is still exact, also when another process (a replica,
-- a chat beside serve) wrote. Copy does not copy it: it bumps it.

CREATE TABLE change_counters (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
);

INSERT INTO change_counters (name, n) VALUES ('context', 0);
