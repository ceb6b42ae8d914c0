package storetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

var (
	me    = deploybot.Holder{Host: "h", BootID: "boot", PIDNamespace: "pid:[1]", PID: 10, StartTime: 100}
	other = deploybot.Holder{Host: "h", BootID: "boot", PIDNamespace: "pid:[1]", PID: 11, StartTime: 200}
)

// entry is a delivery received at T0 + at, remembered for a day.
func entry(key string, at time.Duration, holder deploybot.Holder) store.InboxEntry {
	e := store.InboxEntry{Key: key, Kind: "event", Channel: "C1", Payload: []byte(`{"text":"hi"}`),
		ReceivedAt: T0.Add(at), ExpiresAt: T0.Add(at + 24*time.Hour)}
	if holder != (deploybot.Holder{}) {
		e.Holder, e.ClaimExpiresAt = holder, T0.Add(at+time.Minute)
	}
	return e
}

func mustAdd(t *testing.T, db *store.DB, e store.InboxEntry) {
	t.Helper()
	if ok, err := db.AddInbox(context.Background(), e); err != nil || !ok {
		t.Fatalf("AddInbox(%s) = %v, %v; want new", e.Key, ok, err)
	}
}

func get(t *testing.T, db *store.DB, key string) store.InboxEntry {
	t.Helper()
	e, ok, err := db.InboxEntryOf(context.Background(), key)
	if err != nil || !ok {
		t.Fatalf("InboxEntryOf(%s) = %v, %v", key, ok, err)
	}
	return e
}

func testInboxAdd(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	mustAdd(t, db, entry("claimed", 0, me))
	mustAdd(t, db, entry("waiting", 0, deploybot.Holder{}))

	e := get(t, db, "claimed")
	if e.State != store.InboxNew || e.Claim != 1 || e.Attempts != 1 || e.Holder != me ||
		!e.ClaimExpiresAt.Equal(T0.Add(time.Minute)) || string(e.Payload) != `{"text":"hi"}` || e.Channel != "C1" {
		t.Errorf("claimed entry = %+v", e)
	}
	if w := get(t, db, "waiting"); w.Claim != 0 || w.Attempts != 0 || w.Holder != (deploybot.Holder{}) || !w.ClaimExpiresAt.IsZero() {
		t.Errorf("waiting entry = %+v", w)
	}

	for _, tc := range []struct {
		name string
		e    store.InboxEntry
		want bool
	}{
		{"a repeated delivery", entry("claimed", time.Minute, other), false},
		{"an unfinished entry, even past its expiry", entry("waiting", 48*time.Hour, other), false},
		{"a new key", entry("fresh", time.Minute, deploybot.Holder{}), true},
	} {
		got, err := db.AddInbox(ctx, tc.e)
		if err != nil || got != tc.want {
			t.Errorf("%s: AddInbox = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	if e := get(t, db, "claimed"); e.Holder != me {
		t.Errorf("a duplicate changed the entry: %+v", e)
	}

	// A done entry is a seen key until it expires, then a new delivery.
	if ok, err := db.FinishInbox(ctx, "claimed", 1, "1700000000.000100", T0.Add(time.Second)); err != nil || !ok {
		t.Fatalf("FinishInbox = %v, %v", ok, err)
	}
	if ok, _ := db.AddInbox(ctx, entry("claimed", 23*time.Hour, other)); ok {
		t.Error("a done entry within its window was replaced")
	}
	if ok, err := db.AddInbox(ctx, entry("claimed", 25*time.Hour, other)); err != nil || !ok {
		t.Fatalf("a delivery after the window: %v, %v; want new", ok, err)
	}
	if e := get(t, db, "claimed"); e.State != store.InboxNew || e.Holder != other || e.Claim != 1 || e.PostedTS != "" || !e.DoneAt.IsZero() {
		t.Errorf("replaced entry = %+v", e)
	}

	for _, bad := range []store.InboxEntry{{}, {Key: "k"}, {Key: "k", ReceivedAt: T0, ExpiresAt: T0}} {
		if _, err := db.AddInbox(ctx, bad); err == nil {
			t.Errorf("AddInbox(%+v): no error", bad)
		}
	}
}

func testInboxAddConcurrent(t *testing.T, h *H) {
	db, _ := h.Open(t)
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			h := me
			h.PID = 100 + i
			ok, err := db.AddInbox(context.Background(), entry("race", 0, h))
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d winners, want 1", wins.Load())
	}
}

// TestInboxClaims: every change names the claim it is made under; a worker
// whose claim was taken over changes nothing.
func testInboxClaims(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	mustAdd(t, db, entry("k", 0, me))

	// The holder died: another process takes the entry over.
	e, ok, err := db.ClaimInbox(ctx, "k", 1, other, T0.Add(2*time.Minute))
	if err != nil || !ok || e.Claim != 2 || e.Attempts != 2 || e.Holder != other || !e.ClaimExpiresAt.Equal(T0.Add(2*time.Minute)) {
		t.Fatalf("ClaimInbox = %+v, %v, %v", e, ok, err)
	}
	if _, ok, _ := db.ClaimInbox(ctx, "k", 1, me, T0.Add(time.Hour)); ok {
		t.Error("a claim on a stale claim number succeeded")
	}

	stale := []struct {
		name string
		op   func(claim int64) (bool, error)
	}{
		{"renew", func(c int64) (bool, error) { return db.RenewInbox(ctx, "k", c, T0.Add(3*time.Minute)) }},
		{"release", func(c int64) (bool, error) { return db.ReleaseInbox(ctx, "k", c, T0.Add(3*time.Minute)) }},
		{"reply", func(c int64) (bool, error) { return db.ReplyInbox(ctx, "k", c, []byte("r")) }},
		{"finish", func(c int64) (bool, error) { return db.FinishInbox(ctx, "k", c, "ts", T0) }},
	}
	for _, s := range stale {
		if ok, err := s.op(1); err != nil || ok {
			t.Errorf("%s under the lost claim 1 = %v, %v; want false", s.name, ok, err)
		}
	}
	if e := get(t, db, "k"); e.State != store.InboxNew || e.Claim != 2 || !e.ClaimExpiresAt.Equal(T0.Add(2*time.Minute)) {
		t.Errorf("entry changed by a lost claim: %+v", e)
	}

	// Under the current claim: renew, reply (once), release, finish.
	steps := []struct {
		name string
		op   func() (bool, error)
		want bool
	}{
		{"renew", func() (bool, error) { return db.RenewInbox(ctx, "k", 2, T0.Add(5*time.Minute)) }, true},
		{"reply", func() (bool, error) { return db.ReplyInbox(ctx, "k", 2, []byte(`{"text":"ok"}`)) }, true},
		{"reply again", func() (bool, error) { return db.ReplyInbox(ctx, "k", 2, []byte(`{}`)) }, false},
		{"release", func() (bool, error) { return db.ReleaseInbox(ctx, "k", 2, T0.Add(10*time.Second)) }, true},
		{"finish", func() (bool, error) { return db.FinishInbox(ctx, "k", 2, "1700000000.000200", T0.Add(time.Second)) }, true},
		{"finish again", func() (bool, error) { return db.FinishInbox(ctx, "k", 2, "x", T0) }, false},
		{"renew when done", func() (bool, error) { return db.RenewInbox(ctx, "k", 2, T0.Add(time.Hour)) }, false},
	}
	for _, s := range steps {
		if ok, err := s.op(); err != nil || ok != s.want {
			t.Errorf("%s = %v, %v; want %v", s.name, ok, err, s.want)
		}
	}
	e = get(t, db, "k")
	if e.State != store.InboxDone || string(e.Reply) != `{"text":"ok"}` || e.PostedTS != "1700000000.000200" || !e.DoneAt.Equal(T0.Add(time.Second)) {
		t.Errorf("done entry = %+v", e)
	}
	if _, ok, _ := db.ClaimInbox(ctx, "k", 2, me, T0.Add(time.Hour)); ok {
		t.Error("a done entry was claimed")
	}
	if _, ok, err := db.InboxEntryOf(ctx, "nothing"); ok || err != nil {
		t.Errorf("InboxEntryOf(nothing) = %v, %v", ok, err)
	}
}

// testInboxClaimBatch: ClaimInboxBatch claims each entry as ClaimInbox
// does, in one write: an entry done, or whose claim moved on, is left out;
// FinishInboxQueued's wait gives FinishInbox's outcome.
func testInboxClaimBatch(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	for _, k := range []string{"a", "b", "c", "d"} {
		mustAdd(t, db, entry(k, 0, deploybot.Holder{}))
	}
	if _, ok, err := db.ClaimInbox(ctx, "b", 0, other, T0.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("ClaimInbox(b) = %v, %v", ok, err)
	}
	if ok, err := db.FinishInboxQueued(ctx, "c", 0, "", T0)(ctx); err != nil || !ok {
		t.Fatalf("FinishInboxQueued(c) = %v, %v; want true", ok, err)
	}
	if ok, err := db.FinishInboxQueued(ctx, "c", 0, "", T0)(ctx); err != nil || ok {
		t.Fatalf("FinishInboxQueued(c) again = %v, %v; want false", ok, err)
	}
	got, err := db.ClaimInboxBatch(ctx, []store.InboxClaim{{Key: "a"}, {Key: "b"}, {Key: "c"}, {Key: "d"}, {Key: "none"}},
		me, T0.Add(2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if keys := keysOf(got); fmt.Sprint(keys) != "[a d]" {
		t.Fatalf("ClaimInboxBatch claimed %v, want [a d]", keys)
	}
	for _, e := range got {
		if e.Claim != 1 || e.Attempts != 1 || e.Holder != me || !e.ClaimExpiresAt.Equal(T0.Add(2*time.Minute)) ||
			string(e.Payload) != `{"text":"hi"}` || e.Channel != "C1" {
			t.Errorf("claimed entry = %+v", e)
		}
		if s := get(t, db, e.Key); s.Claim != 1 || s.Holder != me {
			t.Errorf("stored entry = %+v", s)
		}
	}
	if e := get(t, db, "b"); e.Holder != other || e.Claim != 1 {
		t.Errorf("entry b, claimed by another, changed: %+v", e)
	}
	if got, err := db.ClaimInboxBatch(ctx, nil, me, T0); err != nil || len(got) != 0 {
		t.Errorf("ClaimInboxBatch(nothing) = %v, %v", got, err)
	}
}

func testUnfinishedInbox(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	mustAdd(t, db, entry("mine-fresh", 0, me))                         // mine, claim until T0+1m
	mustAdd(t, db, entry("theirs-fresh", time.Second, other))          // another process', until T0+1m1s
	mustAdd(t, db, entry("nobody", 2*time.Second, deploybot.Holder{})) // never claimed
	mustAdd(t, db, entry("mine-old", -time.Hour, me))                  // mine, claim expired at T0-59m
	mustAdd(t, db, entry("done", -2*time.Hour, me))
	if ok, _ := db.FinishInbox(ctx, "done", 1, "", T0); !ok {
		t.Fatal("finish")
	}
	for _, tc := range []struct {
		now   time.Time
		limit int
		want  string
	}{
		{T0, 10, "[mine-old theirs-fresh nobody]"},
		{T0.Add(2 * time.Minute), 10, "[mine-old mine-fresh theirs-fresh nobody]"},
		{T0, 2, "[mine-old theirs-fresh]"},
	} {
		es, err := db.UnfinishedInbox(ctx, tc.now, me, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, e := range es {
			keys = append(keys, e.Key)
		}
		if got := fmt.Sprint(keys); got != tc.want {
			t.Errorf("UnfinishedInbox(%s, limit %d) = %s, want %s", tc.now.Sub(T0), tc.limit, got, tc.want)
		}
	}
}

// testInboxOrder: the order of a channel's entries (issue 20). A renewed
// entry keeps its holder; EarlierUnfinished spares only the entries self
// holds; InboxTurn comes only when every earlier entry of the channel is
// done, whoever holds it; a yielded entry is held by nobody, claimable at
// once, its attempt given back.
func testInboxOrder(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	at := func(key string, d time.Duration, holder deploybot.Holder, channel string) store.InboxEntry {
		e := entry(key, d, holder)
		e.Channel = channel
		return e
	}
	mustAdd(t, db, at("a", 0, me, "C1"))
	mustAdd(t, db, at("b", time.Second, other, "C1"))
	mustAdd(t, db, at("c", 2*time.Second, me, "C1"))
	mustAdd(t, db, at("c2", 2*time.Second, me, "C1")) // same instant: after c
	mustAdd(t, db, at("x", -time.Hour, other, "C2"))  // another channel

	if ok, err := db.RenewInbox(ctx, "a", 1, T0.Add(5*time.Minute)); err != nil || !ok {
		t.Fatalf("RenewInbox = %v, %v", ok, err)
	}
	if e := get(t, db, "a"); e.Holder != me || !e.ClaimExpiresAt.Equal(T0.Add(5*time.Minute)) {
		t.Errorf("renewed entry = holder %+v until %s; want still held by me", e.Holder, e.ClaimExpiresAt)
	}

	turn := func(key string) bool {
		t.Helper()
		e := get(t, db, key)
		ok, err := db.InboxTurn(ctx, e.Channel, key, e.ReceivedAt)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	earlier := func(key string, self deploybot.Holder) bool {
		t.Helper()
		e := get(t, db, key)
		ok, err := db.EarlierUnfinished(ctx, e.Channel, key, e.ReceivedAt, self)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	type want struct {
		turn                 map[string]bool
		earlierMe, earlierOt map[string]bool
	}
	check := func(step string, w want) {
		t.Helper()
		for k, v := range w.turn {
			if got := turn(k); got != v {
				t.Errorf("%s: InboxTurn(%s) = %v, want %v", step, k, got, v)
			}
		}
		for k, v := range w.earlierMe {
			if got := earlier(k, me); got != v {
				t.Errorf("%s: EarlierUnfinished(%s, me) = %v, want %v", step, k, got, v)
			}
		}
		for k, v := range w.earlierOt {
			if got := earlier(k, other); got != v {
				t.Errorf("%s: EarlierUnfinished(%s, other) = %v, want %v", step, k, got, v)
			}
		}
	}
	check("all unfinished", want{
		turn:      map[string]bool{"a": true, "b": false, "c": false, "c2": false, "x": true},
		earlierMe: map[string]bool{"a": false, "b": false, "c": true, "c2": true}, // b is other's
		earlierOt: map[string]bool{"b": true, "c": true},                          // a is mine
	})

	// a is given back out of its turn (it is not, but the store does not
	// judge): nobody holds it, it is claimable now, its attempt is back.
	if ok, err := db.YieldInbox(ctx, "a", 1); err != nil || !ok {
		t.Fatalf("YieldInbox = %v, %v", ok, err)
	}
	if ok, err := db.YieldInbox(ctx, "a", 1); err != nil || !ok {
		t.Fatalf("YieldInbox again under the same claim = %v, %v; want true", ok, err)
	}
	if e := get(t, db, "a"); e.Holder != (deploybot.Holder{}) || !e.ClaimExpiresAt.IsZero() || e.Attempts != 0 || e.Claim != 1 {
		t.Errorf("yielded entry = %+v; want held by nobody, claimable, 0 attempts, claim 1", e)
	}
	if ok, err := db.YieldInbox(ctx, "b", 7); err != nil || ok {
		t.Errorf("YieldInbox under a lost claim = %v, %v; want false", ok, err)
	}
	es, err := db.UnfinishedInbox(ctx, T0, me, 10)
	if err != nil || len(es) == 0 || es[0].Key != "x" || es[1].Key != "a" {
		t.Errorf("UnfinishedInbox after the yield = %v, %v; want x then a first", keysOf(es), err)
	}
	check("a yielded", want{
		earlierMe: map[string]bool{"b": true, "c": true}, // a is held by nobody now
		earlierOt: map[string]bool{"b": true},
	})
	c, ok, err := db.ClaimInbox(ctx, "a", 1, me, T0.Add(time.Minute))
	if err != nil || !ok || c.Attempts != 1 || c.Claim != 2 {
		t.Fatalf("ClaimInbox after the yield = %+v, %v, %v; want attempt 1, claim 2", c, ok, err)
	}

	for _, step := range []struct {
		key   string
		claim int64
		w     want
	}{
		{"a", 2, want{turn: map[string]bool{"b": true, "c": false, "c2": false}}},
		{"b", 1, want{turn: map[string]bool{"c": true, "c2": false}}},
		{"c", 1, want{turn: map[string]bool{"c2": true}, earlierMe: map[string]bool{"c2": false}, earlierOt: map[string]bool{"c2": false}}},
	} {
		if ok, err := db.FinishInbox(ctx, step.key, step.claim, "", T0); err != nil || !ok {
			t.Fatalf("FinishInbox(%s) = %v, %v", step.key, ok, err)
		}
		check(step.key+" done", step.w)
	}
}

func keysOf(es []store.InboxEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Key)
	}
	return out
}

func testPurgeInbox(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	mustAdd(t, db, entry("done-old", -25*time.Hour, me))
	mustAdd(t, db, entry("done-new", -time.Hour, me))
	mustAdd(t, db, entry("unfinished-old", -48*time.Hour, me))
	for _, k := range []string{"done-old", "done-new"} {
		if ok, _ := db.FinishInbox(ctx, k, 1, "", T0); !ok {
			t.Fatal("finish", k)
		}
	}
	if n, err := db.PurgeInbox(ctx, T0); err != nil || n != 1 {
		t.Fatalf("PurgeInbox = %d, %v; want 1", n, err)
	}
	for key, want := range map[string]bool{"done-old": false, "done-new": true, "unfinished-old": true} {
		if _, ok, _ := db.InboxEntryOf(ctx, key); ok != want {
			t.Errorf("%s kept = %v, want %v", key, ok, want)
		}
	}
}

// TestInboxMigrationKeepsSeenKeys: the keys of slack_events, the table the
// inbox replaced, stay seen after the upgrade.
func testInboxMigrationKeepsSeenKeys(t *testing.T, h *H) {
	ctx := context.Background()
	db, path := h.Open(t)
	// Put the database back as version 6 left it, with one seen key.
	_ = db.Close()
	h.Exec(t, path,
		`DROP TABLE inbox`,
		`CREATE TABLE slack_events (key TEXT PRIMARY KEY CHECK (key <> ''), seen_at TEXT NOT NULL, expires_at TEXT NOT NULL)`,
		`INSERT INTO slack_events VALUES ('Ev-old', '2026-03-14T09:00:00.000000000Z', '2026-03-15T09:00:00.000000000Z')`,
		`DELETE FROM schema_migrations WHERE version = 7`)
	db = h.OpenAt(t, path)
	if first, err := db.FirstSeen(ctx, "Ev-old", time.Hour); err != nil || first {
		t.Errorf("FirstSeen(Ev-old) after the upgrade = %v, %v; want seen", first, err)
	}
	if ok, _ := db.AddInbox(ctx, entry("Ev-old", 0, me)); ok {
		t.Error("an inbox delivery of a key seen before the upgrade was accepted")
	}
}
