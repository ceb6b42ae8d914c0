// Package store keeps deploybot's state in a SQLite file: the context layers
// and their audit trail, and the audit of every handled message.
//
// The schema is created and upgraded by the numbered SQL files of the
// migrations folder, embedded in the binary and applied by Open. A new domain
// noun (deployments, locks, approvals...) gets its own file, 0002_..., and
// nothing else changes.
//
// Times are stored as UTC text in RFC 3339 with a fixed nine-digit fraction
// (2006-01-02T15:04:05.000000000Z), so that comparing the text compares the
// instants.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"deploybot"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// ErrSchemaTooNew is wrapped by the error Open returns when the database was
// migrated by a newer deploybot than this one.
var ErrSchemaTooNew = errors.New("database schema is newer than this deploybot supports")

// DB is deploybot's SQLite store. It is safe for concurrent use.
type DB struct {
	// Now gives the time recorded when a value carries none. Open sets it
	// to deploybot.SystemClock; tests may replace it before use.
	Now deploybot.Clock

	sql *sql.DB
}

// Open opens (creating it and its parent directory if needed) the SQLite
// database at path, checks it answers, and applies the migrations it lacks.
// It fails with an error wrapping ErrSchemaTooNew when the file was migrated
// by a newer deploybot.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: open: empty database path")
	}
	path = filepath.Clean(path)
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	conn, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := conn.PingContext(ctx); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db := &DB{Now: deploybot.SystemClock, sql: conn}
	if err := db.migrate(ctx); err != nil {
		_ = conn.Close()
		if errors.Is(err, ErrSchemaTooNew) {
			return nil, err // already says what to do; shown as is
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// dsn builds the go-sqlite3 data source name for the file at p. The
// connection pragmas belong in the DSN because the driver applies them to
// every pooled connection.
func dsn(p string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")   // readers don't block the writer
	q.Set("_busy_timeout", "5000")  // ms to wait on SQLITE_BUSY
	q.Set("_foreign_keys", "on")    // per-connection pragma
	q.Set("_txlock", "immediate")   // BEGIN IMMEDIATE: take the write lock up front
	q.Set("_synchronous", "NORMAL") // safe with WAL, fewer fsyncs
	return "file:" + escapeURIPath(p) + "?" + q.Encode()
}

// escapeURIPath escapes the characters that would end or alter the path part
// of an SQLite URI filename. SQLite decodes %HH in the path; spaces and other
// characters are taken literally.
func escapeURIPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// Close closes the database.
func (db *DB) Close() error {
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Ping checks that the database answers, for a readiness probe.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// SchemaVersion returns the highest migration version applied to the
// database, 0 when none is.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.sql.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// inTx runs f in a transaction (BEGIN IMMEDIATE, from the DSN), committing
// when f succeeds.
func (db *DB) inTx(ctx context.Context, f func(tx *sql.Tx) error) (err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// now returns the store's current time.
func (db *DB) now() time.Time {
	if db.Now == nil {
		return time.Now()
	}
	return db.Now()
}

// timeFormat is RFC 3339 with a fixed nine-digit fraction. Unlike
// time.RFC3339Nano, which drops trailing zeros, its text sorts in time order
// (for UTC times), so ORDER BY and range queries on the column are correct.
// time.Parse(time.RFC3339Nano, s) reads it back.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

// formatTime returns the stored text of t: UTC, timeFormat.
func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// parseTime reads back a time stored by formatTime.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one embedded schema change.
type migration struct {
	version int
	name    string // file name without the version prefix and .sql
	sql     string
}

// loadMigrations returns the embedded migrations in version order. File
// names are NNNN_name.sql; versions must be unique and positive.
func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	seen := make(map[int]string)
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".sql")
		num, name, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || name == "" {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", n)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", prev, n, v)
		}
		seen[v] = n
		body, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// schemaTooNewError says the database was migrated by a newer deploybot.
type schemaTooNewError struct {
	have, supported int
}

func (e *schemaTooNewError) Error() string {
	return fmt.Sprintf("database schema version %d is newer than this deploybot supports (%d): "+
		"upgrade deploybot or point --db at another file", e.have, e.supported)
}

func (e *schemaTooNewError) Unwrap() error { return ErrSchemaTooNew }

// migrate creates schema_migrations if needed and applies, in version
// order and each in its own transaction, the embedded migrations the
// database has not recorded yet.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	_, err = db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`)
	if err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	have, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	supported := 0
	if len(ms) > 0 {
		supported = ms[len(ms)-1].version
	}
	if have > supported {
		return &schemaTooNewError{have: have, supported: supported}
	}
	for _, m := range ms {
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
		}
	}
	return nil
}

// apply runs m and records it, in one transaction, unless it is already
// recorded. The check is inside the transaction (which holds the write lock)
// so that two processes opening the same new file don't both apply it.
func (db *DB) apply(ctx context.Context, m migration) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, formatTime(db.now()))
		return err
	})
}
