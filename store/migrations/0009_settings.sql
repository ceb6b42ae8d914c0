-- 0009_settings: the context layers as settings. The configuration file's
-- values are no longer copied into the database: deploybot reads them from
-- the file, with their line, at every decision. The database keeps only
-- what people set by chat or in the interview, per layer (agency, project,
-- environment), each overriding the file's value of its layer until it is
-- reset. Changes are audited in context_changes (a reset has an empty new
-- value).

CREATE TABLE settings (
    scope       TEXT NOT NULL CHECK (scope IN ('agency', 'project', 'environment')),
    project     TEXT NOT NULL DEFAULT '',
    env         TEXT NOT NULL DEFAULT '',
    key         TEXT NOT NULL CHECK (key <> ''),
    value       TEXT NOT NULL,
    set_by      TEXT NOT NULL,
    set_by_name TEXT NOT NULL DEFAULT '',
    set_at      TEXT NOT NULL,
    PRIMARY KEY (scope, project, env, key),
    CHECK ((scope = 'agency') = (project = '')),
    CHECK ((scope = 'environment') = (env <> ''))
);

-- What people set before: kept; what the file or the built-in knowledge
-- seeded: dropped (read from the file now).
INSERT INTO settings (scope, project, env, key, value, set_by, set_at)
SELECT scope, project, '', key, value, set_by, set_at FROM context_values
WHERE scope IN ('agency', 'project') AND set_by NOT IN ('config', 'builtin');

DROP TABLE context_values;

ALTER TABLE context_changes ADD COLUMN env TEXT NOT NULL DEFAULT '';
ALTER TABLE context_changes ADD COLUMN changed_by_name TEXT NOT NULL DEFAULT '';
DELETE FROM context_changes WHERE changed_by IN ('config', 'builtin');
