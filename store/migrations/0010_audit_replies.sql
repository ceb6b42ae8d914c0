-- 0010_audit_replies: the audit keeps, with each message, the command it
-- was (a "yes" is a confirmation, not the router's guess) and the bot's
-- reply, so that the trail can be read back (deploybot audit).

ALTER TABLE messages ADD COLUMN command TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN reply TEXT NOT NULL DEFAULT '';
CREATE INDEX deployment_events_at ON deployment_events (at);
CREATE INDEX lock_events_at ON lock_events (at);
CREATE INDEX context_changes_at ON context_changes (changed_at);
