-- 0012_privacy: what retention and erasure need.
--
-- erasures: each purge of old message texts (the daily retention, audit
-- purge) and each erasure of a person (forget), with who asked, the cutoff
-- or the pseudonym given (never the person's name) and the rows changed
-- per table: the audit of the audit's own deletions.
--
-- secrets: values deploybot keeps for itself, such as the key of the
-- pseudonyms forget gives (the same person always gets the same one).

CREATE TABLE erasures (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('purge', 'forget')),
    actor   TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    cutoff  TEXT NOT NULL DEFAULT '',
    counts  TEXT NOT NULL DEFAULT '',
    at      TEXT NOT NULL
);

CREATE INDEX erasures_at ON erasures (at);

CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
