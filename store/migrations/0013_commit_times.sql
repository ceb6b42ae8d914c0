-- 0013_commit_times: when the earliest commit a production deployment
-- shipped was made, from its changelog (the committer time of the oldest
-- change between the version it replaced and its own), recorded when it
-- runs. Lead time for changes (package dora) starts there; NULL where the
-- changelog gives no commit time (no repository configured, a first
-- deployment, a rollback): lead time then starts at the version's first
-- staging run. Expand only: a nullable column, which older deploybots
-- ignore.

ALTER TABLE deployments ADD COLUMN first_commit_at TEXT;
