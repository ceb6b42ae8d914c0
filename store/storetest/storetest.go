// Package storetest is the contract suite of package store: every test of
// the store's behaviour runs, unchanged, on each engine (SQLite, and a
// real PostgreSQL server).
//
// A test package calls Run for each engine Engines returns:
//
//	func TestContract(t *testing.T) {
//		for _, e := range storetest.Engines(t) {
//			t.Run(e.Name, func(t *testing.T) { storetest.Run(t, e) })
//		}
//	}
//
// SQLite needs nothing. PostgreSQL is found at DEPLOYBOT_TEST_POSTGRES
// (default postgres://postgres@127.0.0.1:5432/test?sslmode=disable); a
// fresh database is created for each test run (deploybot_test_...,
// dropped by Main at the end) and a fresh schema in it for each test.
// Where no server answers, the PostgreSQL tests are skipped with a line
// that says how to run them, except in CI (the CI environment variable is
// set, as .ci/run does), where they fail.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3" // raw SQLite connections

	"deploybot"
	"deploybot/store"
)

// Engine is a database engine to run the suite on.
type Engine struct {
	Name string // "sqlite" or "postgres"
	// New returns the location (a file path or a URL) of a new, empty
	// database, removed at the end of the test.
	New func(t testing.TB) string
	// Missing says why the engine cannot be had here: the tests on it
	// are skipped, with this reason (never in CI, where they fail).
	Missing string
	// Watch makes every database the tests open watch its log
	// (store.DB.WatchWAL, SQLite), as the scripted chat's does: the suite
	// then runs on what the store keeps in memory until a commit or a
	// change counter moves (SQLiteWatched).
	Watch bool
}

// Skip skips t when e cannot be had here, saying why and how to run it.
func (e Engine) Skip(t testing.TB) {
	t.Helper()
	if e.Missing != "" {
		t.Skip(e.Missing)
	}
}

// EnvURL names the environment variable that points the tests at a
// PostgreSQL server, and DefaultURL is where they look without it: the
// server of the project's machines (trust authentication).
const (
	EnvURL     = "DEPLOYBOT_TEST_POSTGRES"
	DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
)

// SQLite is the embedded engine: a new file in the test's directory.
func SQLite() Engine {
	return Engine{Name: "sqlite", New: func(t testing.TB) string {
		return filepath.Join(t.TempDir(), "deploybot.db")
	}}
}

// SQLiteWatched returns SQLite whose databases watch their log, each
// opened once per test as a process opens its database for its life (the
// tests that open a second handle on a file play another process).
func SQLiteWatched() Engine {
	e := SQLite()
	e.Watch = true
	return e
}

// Engines returns SQLite and PostgreSQL. Without a PostgreSQL server it
// fails the test in CI; elsewhere the PostgreSQL engine comes with the
// reason it is Missing, for its tests to skip (Run and Engine.Skip do).
func Engines(t testing.TB) []Engine {
	t.Helper()
	pg, ok := Postgres(t)
	if !ok {
		pg = Engine{Name: "postgres", Missing: unavailableMessage(run.err)}
	}
	return []Engine{SQLite(), pg}
}

// Postgres returns the PostgreSQL engine. When no server can be had it
// fails t in CI and otherwise logs the reason and reports false.
func Postgres(t testing.TB) (Engine, bool) {
	t.Helper()
	base, err := runDatabase()
	if err != nil {
		Unavailable(t, err)
		return Engine{}, false
	}
	return Engine{Name: "postgres", New: func(t testing.TB) string { return newSchema(t, base) }}, true
}

// PostgresURL returns the URL of a new, empty PostgreSQL database (a
// schema of the run's database), or fails or skips t as Postgres does
// when no server can be had.
func PostgresURL(t testing.TB) string {
	t.Helper()
	e, ok := Postgres(t)
	if !ok {
		t.SkipNow()
	}
	return e.New(t)
}

// InCI reports whether the tests run in CI, where PostgreSQL is required.
func InCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return v != "" && v != "0" && v != "false"
}

var toldUnavailable atomic.Bool

// Unavailable reports that PostgreSQL cannot be had: a failure in CI, a
// visible line (once per test binary, also on standard error) elsewhere.
func Unavailable(t testing.TB, err error) {
	t.Helper()
	msg := unavailableMessage(err)
	if InCI() {
		t.Fatalf("CI requires PostgreSQL: %s", msg)
	}
	if toldUnavailable.CompareAndSwap(false, true) {
		fmt.Fprintln(os.Stderr, "storetest: "+msg)
	}
	t.Log(msg)
}

func unavailableMessage(err error) string {
	return fmt.Sprintf("PostgreSQL tests not run: %v. Start a server (on Debian: apt-get install postgresql && "+
		"pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set %s=postgres://USER@HOST:PORT/DB, "+
		"then run go test ./store/...", err, EnvURL)
}

// adminURL is the server's URL the tests were given.
func adminURL() string {
	if u := strings.TrimSpace(os.Getenv(EnvURL)); u != "" {
		return u
	}
	return DefaultURL
}

var run struct {
	once sync.Once
	url  string // the run's database
	name string
	err  error
}

// runDatabase creates, once per test binary, the database of this run and
// returns its URL.
func runDatabase() (string, error) {
	run.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin, err := rawPostgres(adminURL())
		if err != nil {
			run.err = err
			return
		}
		defer admin.Close()
		if err := admin.PingContext(ctx); err != nil {
			run.err = fmt.Errorf("no PostgreSQL server answers at %s: %w", store.Redact(adminURL()), err)
			return
		}
		dropStale(ctx, admin)
		name := fmt.Sprintf("deploybot_test_%s_%d", time.Now().UTC().Format("20060102150405"), os.Getpid())
		if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
			run.err = fmt.Errorf("create the test database on %s: %w", store.Redact(adminURL()), err)
			return
		}
		u, err := url.Parse(adminURL())
		if err != nil {
			run.err = err
			return
		}
		u.Path = "/" + name
		run.url, run.name = u.String(), name
	})
	return run.url, run.err
}

// dropStale drops the databases earlier runs left (a run killed before
// Main could drop its own) once they are a day old: those of runs still
// going are younger.
func dropStale(ctx context.Context, admin *sql.DB) {
	rows, err := admin.QueryContext(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'deploybot\_test\_%'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		parts := strings.Split(name, "_")
		if len(parts) < 4 {
			continue
		}
		at, err := time.Parse("20060102150405", parts[2])
		if err == nil && time.Since(at) > 24*time.Hour {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		_, _ = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`)
	}
}

// Main runs the tests, then drops the run's PostgreSQL database if one was
// made. A test package's TestMain calls it: os.Exit(storetest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if run.name != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if admin, err := rawPostgres(adminURL()); err == nil {
			_, err = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{run.name}.Sanitize()+` WITH (FORCE)`)
			if err != nil {
				fmt.Fprintf(os.Stderr, "storetest: drop %s: %v\n", run.name, err)
			}
			admin.Close()
		}
	}
	return code
}

var schemas atomic.Int64

// newSchema creates a schema in the run's database and returns the URL
// whose search_path is that schema: a new, empty database for one test,
// dropped when the test ends.
func newSchema(t testing.TB, base string) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), schemas.Add(1))
	db, err := rawPostgres(base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE SCHEMA ` + name); err != nil {
		t.Fatalf("create schema %s: %v", name, err)
	}
	t.Cleanup(func() {
		db, err := rawPostgres(base)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec(`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func rawPostgres(location string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(location)
	if err != nil {
		return nil, fmt.Errorf("%s: not a PostgreSQL URL", EnvURL)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 5 * time.Second
	}
	return stdlib.OpenDB(*cfg), nil
}

// Raw opens a plain connection to the database at location, beside the
// store, for a test to read or tamper with what the store wrote. Its
// queries use the engine's own placeholders.
func Raw(t testing.TB, location string) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if store.IsURL(location) {
		db, err = rawPostgres(location)
	} else {
		db, err = sql.Open("sqlite3", "file:"+location+"?_busy_timeout=10000")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// T0 is the fixed moment of the suite.
var T0 = time.Date(2026, 3, 14, 9, 26, 53, 589793000, time.UTC)

// H is what each test of the suite gets: its engine, and helpers to open
// databases on it.
type H struct {
	Engine Engine
}

// Open opens a new database with the clock fixed at T0, closed at the end
// of the test, and returns it with its location.
func (h *H) Open(t testing.TB) (*store.DB, string) {
	t.Helper()
	loc := h.Engine.New(t)
	return h.OpenAt(t, loc), loc
}

// OpenAt opens the database at location with the clock fixed at T0, and
// closes it at the end of the test.
func (h *H) OpenAt(t testing.TB, location string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), location)
	if err != nil {
		t.Fatalf("Open(%s): %v", store.Redact(location), err)
	}
	db.Now = deploybot.FixedClock(T0)
	t.Cleanup(func() { _ = db.Close() })
	if h.Engine.Watch {
		if err := db.WatchWAL(context.Background()); err != nil {
			t.Fatalf("WatchWAL(%s): %v", store.Redact(location), err)
		}
	}
	return db
}

// Exec runs statements, in the engine's SQL, on the database at location.
func (h *H) Exec(t testing.TB, location string, stmts ...string) {
	t.Helper()
	db := Raw(t, location)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	_ = db.Close()
}

// Test is one test of the suite.
type Test struct {
	Name string
	F    func(t *testing.T, h *H)
}

// Run runs every test of the suite on e. The tests run in parallel: each
// has its own database, and none depends on another's timing.
func Run(t *testing.T, e Engine) {
	e.Skip(t)
	h := &H{Engine: e}
	for _, tc := range Tests() {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			tc.F(t, h)
		})
	}
}
