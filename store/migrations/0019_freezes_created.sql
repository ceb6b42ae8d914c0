-- 0019_freezes_created: the freezes by the time they were set, as the
-- audit reads them ("audit", the chat's and the command's: the last
-- fifteen events of each kind, newest first). Without it, every audit
-- read all the freezes ever set and sorted them to keep fifteen (issue
-- 19: the most of the chat's "audit" on bench's scripted chat, growing
-- with the freezes). An expand.

CREATE INDEX freezes_created ON freezes (created_at);
