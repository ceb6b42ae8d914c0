package slack

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"deploybot"
)

// InboxState is where an inbox entry stands.
type InboxState string

// The states of an inbox entry.
const (
	InboxNew     InboxState = "new"     // to handle
	InboxReplied InboxState = "replied" // the reply is stored and may have been posted
	InboxDone    InboxState = "done"    // answered, or given up; a seen key until it expires
)

// InboxEntry is one Slack delivery in the durable inbox. The adapter owns
// Payload and Reply (JSON); the inbox keeps them.
type InboxEntry struct {
	Key     string // the de-duplication key
	Kind    string // message, command, click...
	Channel string // the channel whose order its answers keep
	Payload []byte
	State   InboxState

	Attempts       int              // claims that started handling it
	Claim          int64            // number of the current claim; every change names it
	Holder         deploybot.Holder // who claimed it; zero: nobody
	ClaimExpiresAt time.Time        // zero: claimable now

	Reply    []byte
	PostedTS string

	ReceivedAt time.Time
	ExpiresAt  time.Time // the key is remembered until then
}

// Inbox is the durable record of the deliveries Slack made: every event,
// slash command and click is added before Slack is told it was received,
// and stays until it is answered. The store implements it in SQLite (see
// cmd/deploybot for the glue); without one, the adapter keeps an inbox in
// memory, lost on restart.
//
// Every method that changes an entry after Add names the claim it acts
// under and reports false, changing nothing, when that claim is no longer
// the entry's (another worker took it over) or the entry is done.
type Inbox interface {
	// Add records a new delivery and reports whether its key was new;
	// false is a repeated delivery. An entry given with a Holder and a
	// ClaimExpiresAt is stored claimed (claim 1, one attempt). A done
	// entry past its ExpiresAt counts as absent.
	Add(ctx context.Context, e InboxEntry) (bool, error)
	// Claim takes the unfinished entry for h until the given time if its
	// claim is still prev, counting an attempt, and returns it.
	Claim(ctx context.Context, key string, prev int64, h deploybot.Holder, until time.Time) (InboxEntry, bool, error)
	// Renew extends a claim.
	Renew(ctx context.Context, key string, claim int64, until time.Time) (bool, error)
	// Release lets the entry be claimed again from retryAt on, by any
	// process: it is held by nobody meanwhile, so that the channel's later
	// entries, here and in other processes, wait for it (issue 20: thread
	// order across replicas).
	Release(ctx context.Context, key string, claim int64, retryAt time.Time) (bool, error)
	// Reply stores the reply of a new entry: it is then replied.
	Reply(ctx context.Context, key string, claim int64, reply []byte) (bool, error)
	// Finish marks the entry done, with the posted reply's ts.
	Finish(ctx context.Context, key string, claim int64, postedTS string, at time.Time) (bool, error)
	// Unfinished lists, oldest first, the entries not done whose claim
	// expired at now or that another holder than self claimed.
	Unfinished(ctx context.Context, now time.Time, self deploybot.Holder, limit int) ([]InboxEntry, error)
	// Purge deletes the done entries expired at now.
	Purge(ctx context.Context, now time.Time) (int64, error)
}

// ClaimRequest names an inbox entry to claim and the claim its caller saw
// (see BatchClaimer).
type ClaimRequest struct {
	Key  string
	Prev int64
}

// BatchClaimer is an Inbox that claims several entries in one write: the
// recovery loop takes the entries waiting in the inbox so, rather than
// one Claim (one commit, waited for) each. ClaimBatch claims each entry as
// Claim does and returns those it claimed, in the order asked.
type BatchClaimer interface {
	ClaimBatch(ctx context.Context, claims []ClaimRequest, h deploybot.Holder, until time.Time) ([]InboxEntry, error)
}

// QueuedFinisher is an Inbox whose Finish may be waited for later: the
// change is queued at once (with a group committer, it shares the next
// commit with the other writes), and the returned function waits for its
// outcome, which is Finish's. A worker marks an entry done so and goes on
// to the next one meanwhile (see Adapter.finish).
type QueuedFinisher interface {
	FinishQueued(ctx context.Context, key string, claim int64, postedTS string, at time.Time) func(context.Context) (bool, error)
}

// memoryInbox is the Inbox used when none is given: a map, lost on
// restart. It follows the Inbox contract like the store does.
type memoryInbox struct {
	mu sync.Mutex
	m  map[string]*InboxEntry
}

func newMemoryInbox() *memoryInbox { return &memoryInbox{m: make(map[string]*InboxEntry)} }

func (m *memoryInbox) Add(_ context.Context, e InboxEntry) (bool, error) {
	if e.Key == "" {
		return false, errors.New("inbox: empty key")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.m[e.Key]; ok && (old.State != InboxDone || e.ReceivedAt.Before(old.ExpiresAt)) {
		return false, nil
	}
	e.State, e.Reply, e.PostedTS = InboxNew, nil, ""
	if e.Holder != (deploybot.Holder{}) && !e.ClaimExpiresAt.IsZero() {
		e.Claim, e.Attempts = 1, 1
	} else {
		e.Claim, e.Attempts, e.Holder, e.ClaimExpiresAt = 0, 0, deploybot.Holder{}, time.Time{}
	}
	m.m[e.Key] = &e
	return true, nil
}

// held returns the unfinished entry key under claim; the caller holds mu.
func (m *memoryInbox) held(key string, claim int64) *InboxEntry {
	e, ok := m.m[key]
	if !ok || e.Claim != claim || e.State == InboxDone {
		return nil
	}
	return e
}

func (m *memoryInbox) Claim(_ context.Context, key string, prev int64, h deploybot.Holder, until time.Time) (InboxEntry, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.held(key, prev)
	if e == nil {
		return InboxEntry{}, false, nil
	}
	e.Claim++
	e.Attempts++
	e.Holder, e.ClaimExpiresAt = h, until
	return *e, true, nil
}

func (m *memoryInbox) Renew(_ context.Context, key string, claim int64, until time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.held(key, claim)
	if e != nil {
		e.ClaimExpiresAt = until
	}
	return e != nil, nil
}

func (m *memoryInbox) Release(_ context.Context, key string, claim int64, retryAt time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.held(key, claim)
	if e != nil {
		e.Holder, e.ClaimExpiresAt = deploybot.Holder{}, retryAt
	}
	return e != nil, nil
}

// Turn makes the memory inbox an OrderedInbox: see OrderedInbox.Turn.
func (m *memoryInbox) Turn(_ context.Context, channel, key string, at time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.m {
		if e.State != InboxDone && e.Channel == channel && e.Key != key &&
			(e.ReceivedAt.Before(at) || e.ReceivedAt.Equal(at) && e.Key < key) {
			return false, nil
		}
	}
	return true, nil
}

// Yield makes the memory inbox an OrderedInbox: see OrderedInbox.Yield.
func (m *memoryInbox) Yield(_ context.Context, key string, claim int64) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.held(key, claim)
	if e != nil {
		e.Holder, e.ClaimExpiresAt = deploybot.Holder{}, time.Time{}
		e.Attempts = max(e.Attempts-1, 0)
	}
	return e != nil, nil
}

func (m *memoryInbox) Reply(_ context.Context, key string, claim int64, reply []byte) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.held(key, claim)
	if e == nil || e.State != InboxNew {
		return false, nil
	}
	e.State, e.Reply = InboxReplied, slices.Clone(reply)
	return true, nil
}

func (m *memoryInbox) Finish(_ context.Context, key string, claim int64, postedTS string, _ time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.held(key, claim)
	if e != nil {
		e.State, e.PostedTS = InboxDone, postedTS
	}
	return e != nil, nil
}

func (m *memoryInbox) Unfinished(_ context.Context, now time.Time, self deploybot.Holder, limit int) ([]InboxEntry, error) {
	m.mu.Lock()
	var out []InboxEntry
	for _, e := range m.m {
		if e.State != InboxDone && (!now.Before(e.ClaimExpiresAt) || e.Holder != self) {
			out = append(out, *e)
		}
	}
	m.mu.Unlock()
	slices.SortFunc(out, func(a, b InboxEntry) int {
		if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
			return c
		}
		switch {
		case a.Key < b.Key:
			return -1
		case a.Key > b.Key:
			return 1
		}
		return 0
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (m *memoryInbox) Purge(_ context.Context, now time.Time) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for k, e := range m.m {
		if e.State == InboxDone && !now.Before(e.ExpiresAt) {
			delete(m.m, k)
			n++
		}
	}
	return n, nil
}
