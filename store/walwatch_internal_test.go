package store

import (
	"context"
	"path/filepath"
	"testing"

	"deploybot"
)

// TestWatchWAL: with the log watched, the change counter is read again
// only after a commit, by this process or another, and a commit that
// changes no setting nor interview leaves it where it was.
func TestWatchWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := Open(ctx, path) // another process
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := db.WatchWAL(ctx); err != nil {
		t.Fatal(err)
	}
	w := db.wal.Load()
	if w == nil {
		t.Fatal("no watch")
	}
	read := func() int64 {
		t.Helper()
		n, err := db.readContextVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// skipped reports whether the counter would be taken from the watch.
	skipped := func() bool {
		h, ok := w.header()
		_, known := w.counter(h)
		return ok && known
	}
	n0 := read()
	if !skipped() {
		t.Fatal("no commit since the counter was read, yet the watch would read it again")
	}
	if got := read(); got != n0 {
		t.Fatalf("counter %d, then %d with no commit", n0, got)
	}
	for _, tc := range []struct {
		name  string
		write func() error
		moves bool
	}{
		{"a message recorded here", func() error {
			_, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", Platform: deploybot.PlatformTerminal, Text: "hi"})
			return err
		}, false},
		{"a setting set by another process", func() error {
			_, _, err := other.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeAgency, Key: "strategy", Value: "canary", SetBy: "bob"})
			return err
		}, true},
		{"an interview saved here", func() error {
			return db.SaveInterview(ctx, deploybot.Interview{Platform: deploybot.PlatformTerminal, Channel: "c", User: "alice", Status: deploybot.InterviewActive})
		}, true},
		{"a message recorded by another process", func() error {
			_, err := other.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m2", Platform: deploybot.PlatformTerminal, Text: "hi"})
			return err
		}, false},
	} {
		before := read()
		if err := tc.write(); err != nil {
			t.Fatal(err)
		}
		if skipped() {
			t.Errorf("after %s: the watch would not read the counter again", tc.name)
		}
		after := read()
		if moved := after != before; moved != tc.moves {
			t.Errorf("after %s: counter %d -> %d", tc.name, before, after)
		}
		if !skipped() {
			t.Errorf("after %s and a read: the watch would read the counter again", tc.name)
		}
	}
}
