-- 0016_inbox_unfinished_order: one index of the unfinished entries, in the
-- order they are handled (received_at, key), holding their channel and
-- state (so that the turn is read from the index alone), for
-- both questions asked of them: the recovery loop's oldest unfinished
-- entries (UnfinishedInbox) and an entry's turn in its channel (InboxTurn:
-- no earlier unfinished entry of the channel).
--
-- It replaces 0007's index on received_at and 0015's by channel. Every new
-- delivery is inserted in each index of the inbox before it is
-- acknowledged, and the group committer writes to the log, at each commit,
-- every page a batch changed: the index by channel put each batch's rows
-- on as many pages as channels (50 under bench -only slack), where an
-- index in arrival order puts them on one or two. Issue 19, 20,000 rows
-- from 32 writers: 35-42 -> 24-25 µs of CPU a row for that index alone.
-- The turn, read by the worker before it handles an entry (not at the
-- acknowledgement, as when 0015 was made), passes only the unfinished
-- entries older than it: those queued for the other workers, since the
-- entries are taken oldest first.
--
-- Expand only: the release before names no index; its queries find this
-- one.
CREATE INDEX inbox_unfinished_order ON inbox (received_at, key, channel, state) WHERE state <> 'done';
DROP INDEX inbox_channel_unfinished;
DROP INDEX inbox_unfinished;
