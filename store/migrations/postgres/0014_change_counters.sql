-- 0014_change_counters, PostgreSQL's text: see ../0014_change_counters.sql.
-- One statement-level trigger per table and a function in the database's
-- schema.

CREATE TABLE change_counters (
    name TEXT COLLATE "C" PRIMARY KEY,
    n    BIGINT NOT NULL
);

INSERT INTO change_counters (name, n) VALUES ('context', 0);

CREATE FUNCTION deploybot_context_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE change_counters SET n = n + 1 WHERE name = 'context';
    RETURN NULL;
END
$$;

CREATE TRIGGER settings_changed AFTER INSERT OR UPDATE OR DELETE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION deploybot_context_changed();
CREATE TRIGGER interviews_changed AFTER INSERT OR UPDATE OR DELETE ON interviews
    FOR EACH STATEMENT EXECUTE FUNCTION deploybot_context_changed();
