-- 0015_inbox_channel: the unfinished entries of one channel, by arrival.
-- Before handing a new Slack delivery to its worker, serve asks whether
-- its channel has an earlier unfinished entry another process holds
-- (store.EarlierUnfinished, the order of a channel's answers across
-- replicas). With only the index on received_at, that question read
-- every earlier unfinished entry of every channel: a CPU profile of the
-- events endpoint under a burst (issue 19) showed it as a quarter of the
-- process's time, growing with the backlog. Expand only: a new index.
CREATE INDEX inbox_channel_unfinished ON inbox (channel, received_at, key) WHERE state <> 'done';
