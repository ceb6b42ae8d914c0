package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
	"deploybot/store/storetest"
)

// t0 is the fixed moment of the tests.
var t0 = storetest.T0

// open opens a fresh database in a temporary directory, with the clock
// fixed at t0, and closes it at the end of the test.
func open(t *testing.T) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "deploybot.db")
	return openAt(t, path), path
}

// openAt opens the database at path and closes it at the end of the test.
func openAt(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	db.Now = deploybot.FixedClock(t0)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// migrationFiles returns the migration files of the package.
func migrationFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no migration files: %v", err)
	}
	return files
}

func TestMigrationFilesAreNumberedFromOne(t *testing.T) {
	re := regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)
	for i, f := range migrationFiles(t) { // Glob sorts by name
		m := re.FindStringSubmatch(filepath.Base(f))
		if m == nil {
			t.Fatalf("%s: want NNNN_name.sql", f)
		}
		if v, _ := strconv.Atoi(m[1]); v != i+1 {
			t.Errorf("%s: version %d, want %d (no gaps, no duplicates)", f, v, i+1)
		}
	}
}

func TestOpenPathWithSpacesCreatesDirectory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "with space", "a#b?c 100%", "deploy bot.db")
	db := openAt(t, path)
	if _, _, err := db.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeAgency, Key: "k", Value: "v", SetBy: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not at the path given: %v", err)
	}
}

func TestPragmasOnEveryPooledConnection(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	pool := db.SQLDB()
	// Hold several connections at once so that the pool must open new ones.
	for i := range 3 {
		conn, err := pool.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		for _, tc := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"foreign_keys", "1"},
			{"busy_timeout", "5000"},
			{"synchronous", "1"},        // NORMAL
			{"wal_autocheckpoint", "0"}, // checkpoint.go
			{"journal_size_limit", "67108864"},
		} {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("conn %d: PRAGMA %s = %q, want %q", i, tc.pragma, got, tc.want)
			}
		}
	}
}

// TestCheckpointsOffTheCommits: no connection checkpoints by itself
// (wal_autocheckpoint is 0), and the process's checkpointer copies the log
// back into the database file while it stays open: the file grows with
// what was committed, which it would not before 4 MB of log without the
// checkpointer, nor with SQLite's automatic checkpoints.
func TestCheckpointsOffTheCommits(t *testing.T) {
	ctx := context.Background()
	db, path := open(t)
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte(strings.Repeat("x", 4000))
	now := time.Now()
	const n = 300 // one group commit each: more than checkpointBatches
	for i := range n {
		e := store.InboxEntry{Key: fmt.Sprintf("k%d", i), Kind: "message", Channel: "C1", Payload: payload,
			ReceivedAt: now, ExpiresAt: now.Add(time.Hour)}
		if ok, err := db.AddInbox(ctx, e); err != nil || !ok {
			t.Fatalf("AddInbox = %v, %v", ok, err)
		}
	}
	want := before.Size() + n*4000
	deadline := time.Now().Add(time.Minute) // a bound for a stuck test
	for {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() >= want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("database file %d bytes a minute after %d bytes were committed (%d before): the log was not checkpointed", fi.Size(), n*4000, before.Size())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
