package storetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testFirstSeen(t *testing.T, h *H) {
	ctx := context.Background()
	db, path := h.Open(t)
	first, err := db.FirstSeen(ctx, "Ev1", time.Hour)
	if err != nil || !first {
		t.Fatalf("FirstSeen(Ev1) = %v, %v; want true", first, err)
	}
	again, err := db.FirstSeen(ctx, "Ev1", time.Hour)
	if err != nil || again {
		t.Fatalf("FirstSeen(Ev1) again = %v, %v; want false", again, err)
	}
	// Survives a reopen.
	_ = db.Close()
	db2 := h.OpenAt(t, path)
	if seen, err := db2.FirstSeen(ctx, "Ev1", time.Hour); err != nil || seen {
		t.Fatalf("after reopen FirstSeen(Ev1) = %v, %v; want false", seen, err)
	}
	// Expired keys count as new, and are purged.
	db2.Now = func() time.Time { return T0.Add(2 * time.Hour) }
	if _, err := db2.FirstSeen(ctx, "Ev2", time.Minute); err != nil {
		t.Fatal(err)
	}
	db2.Now = func() time.Time { return T0.Add(3 * time.Hour) }
	// Ev1 (expires T0+1h) and Ev2 (expires T0+2h1m) have both expired.
	if n, err := db2.PurgeSeen(ctx); err != nil || n != 2 {
		t.Fatalf("PurgeSeen = %d, %v; want 2", n, err)
	}
	if first, err := db2.FirstSeen(ctx, "Ev1", time.Hour); err != nil || !first {
		t.Fatalf("FirstSeen(Ev1) after expiry = %v, %v; want true", first, err)
	}
	if err := db2.ForgetSeen(ctx, "Ev1"); err != nil {
		t.Fatal(err)
	}
	if first, err := db2.FirstSeen(ctx, "Ev1", time.Hour); err != nil || !first {
		t.Fatalf("FirstSeen(Ev1) after forget = %v, %v; want true", first, err)
	}
	if _, err := db2.FirstSeen(ctx, "", time.Hour); err == nil {
		t.Error("FirstSeen with an empty key: no error")
	}
}

func testFirstSeenConcurrent(t *testing.T, h *H) {
	db, _ := h.Open(t)
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			ok, err := db.FirstSeen(context.Background(), "Ev-race", time.Hour)
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

// TestFirstSeenSharesTheInbox: FirstSeen and the inbox record the same
// keys; forgetting a key never drops an entry still to be handled.
func testFirstSeenSharesTheInbox(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	if first, err := db.FirstSeen(ctx, "seen-first", time.Hour); err != nil || !first {
		t.Fatalf("FirstSeen = %v, %v", first, err)
	}
	if ok, err := db.AddInbox(ctx, entry("seen-first", 0, me)); err != nil || ok {
		t.Errorf("AddInbox of a key FirstSeen recorded = %v, %v; want a duplicate", ok, err)
	}
	mustAdd(t, db, entry("inbox-first", 0, me))
	if first, err := db.FirstSeen(ctx, "inbox-first", time.Hour); err != nil || first {
		t.Errorf("FirstSeen of an inbox key = %v, %v; want seen", first, err)
	}
	if err := db.ForgetSeen(ctx, "inbox-first"); err != nil {
		t.Fatal(err)
	}
	if e := get(t, db, "inbox-first"); e.State != "new" {
		t.Errorf("ForgetSeen dropped an unfinished entry: %+v", e)
	}
}
