package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

// t0 is the fixed moment of the tests.
var t0 = time.Date(2026, 3, 14, 9, 26, 53, 589793000, time.UTC)

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

func TestOpenFreshAppliesAllMigrations(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	want := len(migrationFiles(t))
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != want {
		t.Errorf("SchemaVersion = %d, want %d", v, want)
	}
	var n int
	if err := db.SQLDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Errorf("schema_migrations has %d rows, want %d", n, want)
	}
	var name, at string
	err = db.SQLDB().QueryRowContext(ctx, `SELECT name, applied_at FROM schema_migrations WHERE version = 1`).Scan(&name, &at)
	if err != nil {
		t.Fatal(err)
	}
	if name != "init" {
		t.Errorf("migration 1 name = %q, want init", name)
	}
	if _, err := time.Parse(time.RFC3339Nano, at); err != nil {
		t.Errorf("applied_at %q: %v", at, err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestReopenAppliesNothingAndKeepsData(t *testing.T) {
	ctx := context.Background()
	db, path := open(t)
	set := deploybot.Setting{Scope: deploybot.ScopeAgency, Key: deploybot.KeyPipeline, Value: "gitlab-ci", SetBy: "alice"}
	if _, _, err := db.PutSetting(ctx, set); err != nil {
		t.Fatal(err)
	}
	migrated := appliedAt(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db2 := openAt(t, path)
	if got := appliedAt(t, db2); fmt.Sprint(got) != fmt.Sprint(migrated) {
		t.Errorf("schema_migrations changed on reopen:\n got %v\nwant %v", got, migrated)
	}
	v, err := db2.SchemaVersion(ctx)
	if err != nil || v != len(migrationFiles(t)) {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, len(migrationFiles(t)))
	}
	vals, err := db2.SettingValues(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 1 || vals[0].Value != "gitlab-ci" || vals[0].SetBy != "alice" {
		t.Errorf("values after reopen = %+v", vals)
	}
}

// appliedAt returns schema_migrations as version -> applied_at.
func appliedAt(t *testing.T, db *store.DB) map[int]string {
	t.Helper()
	rows, err := db.SQLDB().Query(`SELECT version, applied_at FROM schema_migrations`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int]string{}
	for rows.Next() {
		var v int
		var at string
		if err := rows.Scan(&v, &at); err != nil {
			t.Fatal(err)
		}
		out[v] = at
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	db, path := open(t)
	_, err := db.SQLDB().ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01T00:00:00Z')`)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db2, err := store.Open(ctx, path)
	if err == nil {
		_ = db2.Close()
		t.Fatal("Open succeeded on a schema from the future")
	}
	if !errors.Is(err, store.ErrSchemaTooNew) {
		t.Errorf("error %v does not wrap ErrSchemaTooNew", err)
	}
	want := fmt.Sprintf("database schema version 999 is newer than this deploybot supports (%d): "+
		"upgrade deploybot or point --db at another file", len(migrationFiles(t)))
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
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
			{"synchronous", "1"}, // NORMAL
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

func TestConcurrentOpenOfNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "race.db")
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			db, err := store.Open(context.Background(), path)
			if err != nil {
				errs <- err
				return
			}
			errs <- db.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	db := openAt(t, path)
	if v, err := db.SchemaVersion(context.Background()); err != nil || v != len(migrationFiles(t)) {
		t.Errorf("SchemaVersion = %d, %v", v, err)
	}
}
