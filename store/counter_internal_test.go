package store

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"deploybot"
)

// TestCounterConnection: the change counter is read on one connection of
// its own, opened at the first read, closed once idle and opened again at
// the next read, closed by Close; it sees the writes of another process
// (another pool on the file) at once; goroutines reading at once get the
// same counter, through the pool when the connection is busy.
func TestCounterConnection(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	a.counter.idle = 50 * time.Millisecond
	opens := func() int {
		a.counter.mu.Lock()
		defer a.counter.mu.Unlock()
		return a.counter.opens
	}
	n0, err := a.readContextVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		if n, err := a.readContextVersion(ctx); err != nil || n != n0 {
			t.Fatalf("counter %d (%v), want %d", n, err, n0)
		}
	}
	if o := opens(); o != 1 {
		t.Fatalf("%d connections opened for 11 reads, want 1", o)
	}
	// Another process writes a setting: the next read sees it.
	if err := b.SaveInterview(ctx, deploybot.Interview{Platform: deploybot.PlatformSlack, Channel: "C1", User: "U1", Status: deploybot.InterviewActive}); err != nil {
		t.Fatal(err)
	}
	n1, err := a.readContextVersion(ctx)
	if err != nil || n1 <= n0 {
		t.Fatalf("counter after another process's write %d (%v), want more than %d", n1, err, n0)
	}
	// Idle, the connection closes; the next read opens another.
	deadline := time.Now().Add(10 * time.Second)
	for {
		a.counter.mu.Lock()
		closed := a.counter.conn == nil
		a.counter.mu.Unlock()
		if closed {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the counter's connection is still open when idle")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n, err := a.readContextVersion(ctx); err != nil || n != n1 || opens() != 2 {
		t.Fatalf("counter %d (%v) after idle, %d connections opened; want %d, 2", n, err, opens(), n1)
	}
	// Readers at once.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if n, err := a.readContextVersion(ctx); err != nil || n != n1 {
					t.Errorf("counter %d (%v), want %d", n, err, n1)
					return
				}
			}
		})
	}
	wg.Wait()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.counter.read(); !errors.Is(err, errCounterClosed) {
		t.Errorf("a read on the counter's connection after Close: %v, want %v", err, errCounterClosed)
	}
	a.counter.mu.Lock()
	defer a.counter.mu.Unlock()
	if a.counter.conn != nil {
		t.Error("the counter's connection is open after Close")
	}
}

// BenchmarkChangeCounter reads the change counter through the pool and on
// its own connection (counter.go).
func BenchmarkChangeCounter(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "d.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	counter := db.counter
	for _, bc := range []struct {
		name string
		c    *counterReader
	}{{"pool", nil}, {"own connection", counter}} {
		b.Run(bc.name, func(b *testing.B) {
			db.counter = bc.c
			b.ReportAllocs()
			for b.Loop() {
				if _, err := db.readContextVersion(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	db.counter = counter
}
