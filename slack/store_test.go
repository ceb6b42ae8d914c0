package slack_test

import (
	"context"
	"time"

	"deploybot"
	"deploybot/slack"
	"deploybot/store"
)

// storeInbox is the SQLite store as the adapter's inbox: the same glue as
// cmd/deploybot's, for the tests.
type storeInbox struct{ db *store.DB }

func fromStore(e store.InboxEntry) slack.InboxEntry {
	return slack.InboxEntry{Key: e.Key, Kind: e.Kind, Channel: e.Channel, Payload: e.Payload, State: slack.InboxState(e.State),
		Attempts: e.Attempts, Claim: e.Claim, Holder: e.Holder, ClaimExpiresAt: e.ClaimExpiresAt, Reply: e.Reply,
		PostedTS: e.PostedTS, ReceivedAt: e.ReceivedAt, ExpiresAt: e.ExpiresAt}
}

func (s storeInbox) Add(ctx context.Context, e slack.InboxEntry) (bool, error) {
	return s.db.AddInbox(ctx, store.InboxEntry{Key: e.Key, Kind: e.Kind, Channel: e.Channel, Payload: e.Payload,
		Holder: e.Holder, ClaimExpiresAt: e.ClaimExpiresAt, ReceivedAt: e.ReceivedAt, ExpiresAt: e.ExpiresAt})
}

func (s storeInbox) Claim(ctx context.Context, key string, prev int64, h deploybot.Holder, until time.Time) (slack.InboxEntry, bool, error) {
	e, ok, err := s.db.ClaimInbox(ctx, key, prev, h, until)
	return fromStore(e), ok, err
}

func (s storeInbox) Renew(ctx context.Context, key string, claim int64, until time.Time) (bool, error) {
	return s.db.RenewInbox(ctx, key, claim, until)
}

func (s storeInbox) Release(ctx context.Context, key string, claim int64, retryAt time.Time) (bool, error) {
	return s.db.ReleaseInbox(ctx, key, claim, retryAt)
}

func (s storeInbox) Reply(ctx context.Context, key string, claim int64, reply []byte) (bool, error) {
	return s.db.ReplyInbox(ctx, key, claim, reply)
}

func (s storeInbox) Finish(ctx context.Context, key string, claim int64, postedTS string, at time.Time) (bool, error) {
	return s.db.FinishInbox(ctx, key, claim, postedTS, at)
}

func (s storeInbox) Unfinished(ctx context.Context, now time.Time, self deploybot.Holder, limit int) ([]slack.InboxEntry, error) {
	es, err := s.db.UnfinishedInbox(ctx, now, self, limit)
	out := make([]slack.InboxEntry, len(es))
	for i, e := range es {
		out[i] = fromStore(e)
	}
	return out, err
}

func (s storeInbox) Purge(ctx context.Context, now time.Time) (int64, error) {
	return s.db.PurgeInbox(ctx, now)
}

func (s storeInbox) Turn(ctx context.Context, channel, key string, at time.Time) (bool, error) {
	return s.db.InboxTurn(ctx, channel, key, at)
}

func (s storeInbox) Yield(ctx context.Context, key string, claim int64) (bool, error) {
	return s.db.YieldInbox(ctx, key, claim)
}

var _ slack.OrderedInbox = storeInbox{}

func (s storeInbox) ClaimBatch(ctx context.Context, claims []slack.ClaimRequest, h deploybot.Holder, until time.Time) ([]slack.InboxEntry, error) {
	req := make([]store.InboxClaim, len(claims))
	for i, c := range claims {
		req[i] = store.InboxClaim{Key: c.Key, Prev: c.Prev}
	}
	es, err := s.db.ClaimInboxBatch(ctx, req, h, until)
	out := make([]slack.InboxEntry, len(es))
	for i, e := range es {
		out[i] = fromStore(e)
	}
	return out, err
}

func (s storeInbox) FinishQueued(ctx context.Context, key string, claim int64, postedTS string, at time.Time) func(context.Context) (bool, error) {
	return s.db.FinishInboxQueued(ctx, key, claim, postedTS, at)
}
