package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
	"deploybot/store/storetest"
)

// openEngine opens a new database of engine e, closed at the end of t.
func openEngine(t *testing.T, e storetest.Engine) (*store.DB, string) {
	t.Helper()
	e.Skip(t)
	loc := e.New(t)
	db, err := store.Open(context.Background(), loc)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = deploybot.FixedClock(t0)
	t.Cleanup(func() { _ = db.Close() })
	return db, loc
}

// TestGroupCommitFailingUnitLosesOnlyItsWork holds the committer on a
// first unit while five more queue, so that they share one transaction;
// the unit that fails after its insert and the one that panics lose their
// rows, the others keep theirs.
func TestGroupCommitFailingUnitLosesOnlyItsWork(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := openEngine(t, e)
			if _, err := db.SQLDB().ExecContext(ctx, `CREATE TABLE units (n INTEGER NOT NULL)`); err != nil {
				t.Fatal(err)
			}
			insert := func(n int) func(context.Context, func(string, ...any) error) error {
				return func(_ context.Context, exec func(string, ...any) error) error {
					return exec(`INSERT INTO units (n) VALUES (?)`, n)
				}
			}
			boom := errors.New("unit 3 fails")
			started, release := make(chan struct{}), make(chan struct{})
			commits := []*store.Commit{db.GroupSubmit(ctx, func(ctx context.Context, exec func(string, ...any) error) error {
				close(started)
				<-release
				return exec(`INSERT INTO units (n) VALUES (?)`, 0)
			})}
			<-started
			for n := 1; n <= 5; n++ {
				fn := insert(n)
				switch n {
				case 3:
					fn = func(ctx context.Context, exec func(string, ...any) error) error {
						if err := exec(`INSERT INTO units (n) VALUES (?)`, 3); err != nil {
							return err
						}
						return boom
					}
				case 4:
					fn = func(ctx context.Context, exec func(string, ...any) error) error {
						if err := exec(`INSERT INTO units (n) VALUES (?)`, 4); err != nil {
							return err
						}
						panic("unit 4 panics")
					}
				}
				commits = append(commits, db.GroupSubmit(ctx, fn))
			}
			close(release)
			for n, c := range commits {
				err := c.Wait(ctx)
				switch n {
				case 3:
					if !errors.Is(err, boom) {
						t.Errorf("unit 3: %v, want its own error", err)
					}
				case 4:
					if err == nil || !strings.Contains(err.Error(), "panicked") {
						t.Errorf("unit 4: %v, want its panic as an error", err)
					}
				default:
					if err != nil {
						t.Errorf("unit %d: %v", n, err)
					}
				}
			}
			if got := db.GroupBatches(); got != 2 {
				t.Errorf("%d transactions, want 2 (the first unit alone, then the five that queued)", got)
			}
			rows, err := db.SQLDB().QueryContext(ctx, `SELECT n FROM units ORDER BY n`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []int
			for rows.Next() {
				var n int
				if err := rows.Scan(&n); err != nil {
					t.Fatal(err)
				}
				got = append(got, n)
			}
			if want := []int{0, 1, 2, 5}; !slices.Equal(got, want) {
				t.Errorf("rows %v, want %v", got, want)
			}
		})
	}
}

// TestQueueMessageCommittedWhenWaitReturns reads each queued audit entry
// from another connection pool (another process's view) as soon as its
// Wait returns: the row is there, with its reply.
func TestQueueMessageCommittedWhenWaitReturns(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db, loc := openEngine(t, e)
			other, err := store.Open(ctx, loc)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			const n = 200
			var queued []*store.MessageCommit
			for i := range n {
				queued = append(queued, db.QueueMessage(ctx, deploybot.AuditEntry{
					MessageID: fmt.Sprint("m", i), Platform: deploybot.PlatformTerminal, User: "alice",
					Text: fmt.Sprint("question ", i), Command: "status", Reply: fmt.Sprint("reply ", i),
				}))
			}
			for i, c := range queued {
				if err := c.Wait(ctx); err != nil {
					t.Fatalf("message %d: %v", i, err)
				}
				events, err := other.AuditEvents(ctx, deploybot.AuditFilter{Kinds: []string{"message"}})
				if err != nil {
					t.Fatal(err)
				}
				if len(events) <= i || !strings.Contains(events[i].Detail, fmt.Sprint("reply ", i)) {
					t.Fatalf("message %d not readable from another pool once committed (%d rows)", i, len(events))
				}
				if c.ID() <= 0 {
					t.Errorf("message %d: id %d", i, c.ID())
				}
			}
			if b := db.GroupBatches(); b >= n {
				t.Logf("%d transactions for %d messages: none shared", b, n)
			}
			// A message recorded again (a redelivery) keeps its first id.
			again := db.QueueMessage(ctx, deploybot.AuditEntry{MessageID: "m7", Platform: deploybot.PlatformTerminal, Reply: "again"})
			if err := again.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			if again.ID() != queued[7].ID() {
				t.Errorf("redelivered message: id %d, want %d", again.ID(), queued[7].ID())
			}
		})
	}
}

// TestGroupCommitAfterClose fails units submitted to a closed database,
// and skips those whose context is done.
func TestGroupCommitAfterClose(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.QueueMessage(cancelled, deploybot.AuditEntry{Text: "late"}).Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled unit: %v, want context.Canceled", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.QueueMessage(ctx, deploybot.AuditEntry{Text: "after close"}).Wait(ctx); err == nil {
		t.Error("a unit submitted after Close succeeded")
	}
}

// TestGroupCommitLinger holds the units queued for company when only
// patient waits (deploybot.WithPatience) are on them, and commits them at
// once for a wait in haste: with a linger of an hour, the test ends only
// if the wait in haste, then Close, commit what is queued. Units queued
// before the wait in haste share its transaction.
func TestGroupCommitLinger(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flush func(t *testing.T, db *store.DB, last *store.MessageCommit) // commits what is queued
	}{
		{"wait in haste", func(t *testing.T, db *store.DB, last *store.MessageCommit) {
			if err := last.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
		}},
		{"close", func(t *testing.T, db *store.DB, last *store.MessageCommit) {
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := open(t)
			db.LingerCommits(time.Hour)
			const n = 50
			var queued []*store.MessageCommit
			patient := make(chan error, n)
			for i := range n {
				c := db.QueueMessage(ctx, deploybot.AuditEntry{MessageID: fmt.Sprint("m", i), Platform: deploybot.PlatformTerminal,
					User: "alice", Text: fmt.Sprint("question ", i)})
				queued = append(queued, c)
				go func() { patient <- c.Wait(deploybot.WithPatience(ctx)) }()
			}
			select {
			case err := <-patient:
				t.Fatalf("a patient wait returned (%v) while the units linger", err)
			default:
			}
			if b := db.GroupBatches(); b != 0 {
				t.Fatalf("%d transactions before anyone waited in haste, want 0", b)
			}
			tc.flush(t, db, queued[n-1])
			for range n {
				if err := <-patient; err != nil {
					t.Fatal(err)
				}
			}
			if b := db.GroupBatches(); b != 1 {
				t.Errorf("%d transactions for %d units queued together, want 1", b, n)
			}
			for i, c := range queued {
				if c.ID() <= 0 {
					t.Errorf("message %d: id %d", i, c.ID())
				}
			}
		})
	}
}

// TestReplyInboxAfter: a reply queued to follow other writes is stored
// only if each of them was; after a failed one it changes nothing.
func TestReplyInboxAfter(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := openEngine(t, e)
			holder := deploybot.Holder{Host: "h", BootID: "b", PIDNamespace: "pid:[1]", PID: 1, StartTime: 1}
			for _, k := range []string{"k1", "k2", "k3"} {
				if ok, err := db.AddInbox(ctx, store.InboxEntry{Key: k, Kind: "message", Channel: "C1", Payload: []byte(`{}`),
					Holder: holder, ClaimExpiresAt: t0.Add(time.Minute), ReceivedAt: t0, ExpiresAt: t0.Add(time.Hour)}); err != nil || !ok {
					t.Fatalf("AddInbox(%s) = %v, %v", k, ok, err)
				}
			}
			boom := errors.New("audit fails")
			good := db.GroupSubmit(ctx, func(_ context.Context, exec func(string, ...any) error) error {
				return exec(`UPDATE inbox SET kind = kind WHERE key = ?`, "none")
			})
			bad := db.GroupSubmit(ctx, func(context.Context, func(string, ...any) error) error { return boom })
			for _, c := range []struct {
				key   string
				after []*store.Commit
				ok    bool
			}{
				{"k1", []*store.Commit{good}, true},
				{"k2", []*store.Commit{bad}, false},
				{"k3", []*store.Commit{good, bad}, false},
			} {
				ok, err := db.ReplyInboxAfter(ctx, c.key, 1, []byte(`{"text":"hi"}`), c.after...)
				if c.ok && (err != nil || !ok) {
					t.Errorf("ReplyInboxAfter(%s) = %v, %v; want stored", c.key, ok, err)
				}
				if !c.ok && (ok || !errors.Is(err, store.ErrPriorWriteFailed)) {
					t.Errorf("ReplyInboxAfter(%s) = %v, %v; want ErrPriorWriteFailed", c.key, ok, err)
				}
				got, _, err := db.InboxEntryOf(ctx, c.key)
				if err != nil {
					t.Fatal(err)
				}
				if want := map[bool]store.InboxState{true: store.InboxReplied, false: store.InboxNew}[c.ok]; got.State != want {
					t.Errorf("%s is %s, want %s", c.key, got.State, want)
				}
			}
		})
	}
}
