// Package store keeps deploybot's state in a SQLite file or a PostgreSQL
// database: settings and their audit trail, the audit of every handled
// message, deployments and their leases, locks, freezes, reminders, drills
// and the durable inbox of chat deliveries.
//
// SQLite (mattn/go-sqlite3) is the embedded default: one process, no
// server. PostgreSQL (jackc/pgx) lets several processes (replicas of
// serve) share one database; what differs between the engines is in
// dialect.go, and the contract suite of package storetest runs every store
// test on both.
//
// The schema is created and upgraded by the numbered SQL files of the
// migrations folder, embedded in the binary and applied by Open: one list
// for both engines (see postgresSQL). A new domain noun gets its own file,
// and nothing else changes.
//
// Times are stored as UTC text in RFC 3339 with a fixed nine-digit fraction
// (2006-01-02T15:04:05.000000000Z), so that comparing the text compares the
// instants, on both engines.
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
	"sync/atomic"
	"time"

	"deploybot"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/mattn/go-sqlite3"
)

// DB is deploybot's store, on SQLite or PostgreSQL. It is safe for
// concurrent use, and on PostgreSQL by several processes at once.
type DB struct {
	// Now gives the time recorded when a value carries none. Open sets it
	// to deploybot.SystemClock; tests may replace it before use.
	Now deploybot.Clock

	sql      *sql.DB
	q        dbtx            // runs the package's queries on the pool
	engine   engine          // which engine sql talks to
	location string          // the SQLite file, or the PostgreSQL URL without its password
	path     string          // the SQLite file; "" on PostgreSQL
	group    *groupCommitter // shared transactions of small writes (group.go)
	// checkpoints copies SQLite's log back into the file, off the
	// commits (checkpoint.go); nil on PostgreSQL.
	checkpoints *checkpointer
	cache       *contextCache // settings and interviews in memory (cache.go)
	// localWrites counts this process's writes of settings and
	// interviews: a ReadScope's pinned counter holds only while it is
	// unchanged (cache.go).
	localWrites atomic.Int64
	// wal, when set, tells when the change counter needs reading again
	// (walwatch.go); SQLite only.
	wal atomic.Pointer[walWatch]
}

func newDB(conn *sql.DB, e engine, location, path string) *DB {
	db := &DB{Now: deploybot.SystemClock, sql: conn, engine: e, location: location, path: path, cache: newContextCache()}
	db.q = dbtx{engine: e, x: conn, stmts: &stmtCache{pool: conn}}
	db.group = newGroupCommitter(db)
	return db
}

// IsURL reports whether location names a PostgreSQL database
// (postgres:// or postgresql://) rather than a SQLite file.
func IsURL(location string) bool {
	l := strings.ToLower(strings.TrimSpace(location))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Redact returns location with the password of a URL hidden, for messages
// and logs.
func Redact(location string) string {
	if !IsURL(location) {
		return location
	}
	u, err := url.Parse(location)
	if err != nil {
		return "postgres://(unreadable URL)"
	}
	return u.Redacted()
}

// Open opens the database at location, checks it answers, and applies the
// migrations it lacks. location is a PostgreSQL URL (postgres://... or
// postgresql://...), or else the path of a SQLite file, which is created
// with its parent directory if needed. It fails with an error wrapping
// ErrSchemaTooNew when the database's schema compatibility number is
// beyond what this deploybot accepts (compat.go).
func Open(ctx context.Context, location string) (*DB, error) {
	if strings.TrimSpace(location) == "" {
		return nil, errors.New("store: open: empty database path")
	}
	var db *DB
	var err error
	if IsURL(location) {
		db, err = openPostgres(ctx, location)
	} else {
		// go-sqlite3 runs a statement whose context may be cancelled in
		// a goroutine of its own, and waits for it (to interrupt it on
		// cancel). Opening a new database is about fifty statements:
		// in a trace of the chat's start each of those handoffs waited
		// up to 8 ms for a processor, while the knowledge's index and
		// router.Warm held both (issue 19). Each statement is short (a
		// lock waits at most the busy timeout), so they run in the
		// caller's goroutine: a signal ends the command once it is open.
		ctx = context.WithoutCancel(ctx)
		db, err = openSQLite(ctx, location)
	}
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		_ = db.sql.Close()
		if errors.Is(err, ErrSchemaTooNew) {
			return nil, err // already says what to do; shown as is
		}
		return nil, fmt.Errorf("store: open %s: %w", db.location, err)
	}
	return db, nil
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	path = filepath.Clean(path)
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	if err := ensureWAL(ctx, path); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	conn, err := sql.Open(sqliteDriver, dsn(path))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := conn.PingContext(ctx); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// database/sql keeps two idle connections by default: under a burst
	// the group committer, the checkpointer, the Slack workers' reads and
	// the recovery loop use more at once, and each one past two was
	// closed when put back, then opened again (the file, the pragmas, the
	// statements prepared anew) for the next query. A CPU profile of serve
	// answering 10,000 Slack events (bench -only slack, issue 19) showed
	// those opens and closes as 8 % of the process's CPU. Idle ones still
	// close after a while, so that an idle process keeps its memory low.
	conn.SetMaxIdleConns(sqliteMaxIdle)
	conn.SetConnMaxIdleTime(sqliteConnMaxIdle)
	db := newDB(conn, engineSQLite, path, path)
	db.checkpoints = startCheckpointer(conn)
	return db, nil
}

// The SQLite pool's idle connections (see openSQLite).
const (
	sqliteMaxIdle     = 8
	sqliteConnMaxIdle = time.Minute
)

// The PostgreSQL pool of each process. database/sql rather than pgxpool:
// the package's queries, scans and transactions are written once against
// database/sql for both engines, and its pool has the figures /metrics
// shows (DB.Stats). A replica needs few connections: requests are short,
// and the advisory locks are held only for one transaction.
const (
	pgMaxOpen        = 16
	pgMaxIdle        = 8
	pgConnMaxIdle    = 5 * time.Minute
	pgConnMaxLife    = time.Hour
	pgConnectTimeout = 10 * time.Second
)

func openPostgres(ctx context.Context, location string) (*DB, error) {
	shown := Redact(location)
	cfg, err := pgx.ParseConfig(location)
	if err != nil {
		// pgx's message may quote the URL: say only what is wrong.
		return nil, fmt.Errorf("store: open %s: not a valid PostgreSQL URL", shown)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = pgConnectTimeout
	}
	conn := stdlib.OpenDB(*cfg)
	conn.SetMaxOpenConns(pgMaxOpen)
	conn.SetMaxIdleConns(pgMaxIdle)
	conn.SetConnMaxIdleTime(pgConnMaxIdle)
	conn.SetConnMaxLifetime(pgConnMaxLife)
	if err := conn.PingContext(ctx); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("store: open %s: %w", shown, err)
	}
	return newDB(conn, enginePostgres, shown, ""), nil
}

// Engine names the database engine: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.engine.String() }

// Location is where the database is: the SQLite file, or the PostgreSQL
// URL without its password.
func (db *DB) Location() string { return db.location }

// Stats returns the connection pool's figures.
func (db *DB) Stats() sql.DBStats { return db.sql.Stats() }

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

// walWait bounds how long ensureWAL retries a database another process is
// putting in WAL mode at the same instant.
const walWait = 10 * time.Second

// ensureWAL puts the database file in WAL mode, once, before the pool
// opens. Each pooled connection asks for WAL in its DSN, but on a new file
// that switch needs the file to itself, and SQLite answers "database is
// locked" at once, without its busy handler, to a connection that asks
// while another process's connection is switching: processes that start
// at once on a new database failed to open (TestContract's
// ConcurrentOpenOfNewDatabase, about 1 run in 35). Once the file is in WAL
// mode the pool's requests are no-ops; until then this one is retried.
func ensureWAL(ctx context.Context, path string) error {
	deadline := time.Now().Add(walWait)
	for delay := 5 * time.Millisecond; ; delay = min(2*delay, 200*time.Millisecond) {
		err := setWAL(ctx, path)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
	}
}

func setWAL(ctx context.Context, path string) error {
	c, err := sql.Open(sqliteDriver, "file:"+escapeURIPath(path)+"?_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer c.Close()
	var mode string
	if err := c.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal mode is %s, not WAL", mode)
	}
	return nil
}

// isBusy reports whether err is SQLite's "database is locked" or "busy".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// escapeURIPath escapes the characters that would end or alter the path part
// of an SQLite URI filename. SQLite decodes %HH in the path; spaces and other
// characters are taken literally.
func escapeURIPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// Close closes the database.
func (db *DB) Close() error {
	db.group.close()
	db.checkpoints.close()
	db.q.stmts.close()
	if w := db.wal.Swap(nil); w != nil {
		_ = w.conn.Close()
	}
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
	return schemaVersion(ctx, db.q)
}

func schemaVersion(ctx context.Context, q dbtx) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// inTx runs f in a transaction, committing when f succeeds. On SQLite it
// is BEGIN IMMEDIATE (from the DSN): one writer at a time. On PostgreSQL it
// is READ COMMITTED: f serializes with others on what it decides about
// (dbtx.serialize).
func (db *DB) inTx(ctx context.Context, f func(tx dbtx) error) error {
	return inTxOn(ctx, db.sql, db.engine, func(tx dbtx) error {
		tx.stmts = db.q.stmts
		return f(tx)
	})
}

// beginner is *sql.DB or *sql.Conn.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

func inTxOn(ctx context.Context, b beginner, e engine, f func(tx dbtx) error) (err error) {
	// A message's changes commit after its audit entry (dbtx.beforeWrite).
	if err := deploybot.AwaitAudit(ctx); err != nil {
		return err
	}
	tx, err := b.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = f(dbtx{engine: e, x: tx}); err != nil {
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

//go:embed migrations
var migrationFiles embed.FS

// migration is one embedded schema change.
type migration struct {
	version  int
	name     string // file name without the version prefix and .sql
	sql      string // SQLite's text
	postgres string // PostgreSQL's from migrations/postgres/; "": translated by text
	compat   int    // the compatibility number it declares, 0 if none (compat.go)
}

// text returns m's SQL for engine e. The translation for PostgreSQL is
// made only there: made for every migration at each start, its regexps
// were most of the time of opening a SQLite database (issue 19).
func (m migration) text(e engine) string {
	if e == enginePostgres {
		if m.postgres != "" {
			return m.postgres
		}
		return postgresSQL(m.sql)
	}
	return m.sql
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
		m, err := newMigration(v, name, string(body))
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", n, err)
		}
		if pg, err := migrationFiles.ReadFile("migrations/postgres/" + path.Base(n)); err == nil {
			m.postgres = string(pg)
		}
		ms = append(ms, m)
	}
	// A PostgreSQL text must replace one of the list, never add a step.
	pgNames, err := fs.Glob(migrationFiles, "migrations/postgres/*.sql")
	if err != nil {
		return nil, err
	}
	for _, n := range pgNames {
		if _, err := migrationFiles.Open("migrations/" + path.Base(n)); err != nil {
			return nil, fmt.Errorf("migration %s: no migrations/%s for it to replace", n, path.Base(n))
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	next, err := nextReleaseMigrations(ms)
	if err != nil {
		return nil, err
	}
	ms = append(ms, next...)
	if c := compatOf(ms); c > AcceptedCompat {
		return nil, fmt.Errorf("migrations declare compat %d, beyond AcceptedCompat (%d)", c, AcceptedCompat)
	}
	return ms, nil
}

// migrate creates schema_migrations if needed and applies, in version
// order and in one transaction, the embedded migrations the database has
// not recorded yet. Processes that start at once on one
// database migrate one after the other: SQLite's write lock, or a
// PostgreSQL advisory lock held by the migrating connection. A database
// whose compatibility number is beyond AcceptedCompat is refused; later
// migrations it has that this deploybot does not know are left as they
// are (compat.go).
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	return db.migrateTo(ctx, ms, AcceptedCompat)
}

func (db *DB) migrateTo(ctx context.Context, ms []migration, accepted int) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	q := dbtx{engine: db.engine, x: conn}
	if db.engine == enginePostgres {
		const key = `hashtextextended(current_schema() || ':deploybot-migrate', 0)`
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
			return fmt.Errorf("wait for other processes' migrations: %w", err)
		}
		defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+key+`)`) }()
	}
	create := `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`
	if db.engine == enginePostgres {
		create = postgresSQL(create)
	}
	if _, err = q.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	if err := createCompat(ctx, q); err != nil {
		return err
	}
	if err := checkCompat(ctx, q, accepted); err != nil {
		return err
	}
	// An existing database has every migration already: one read says so,
	// and nothing is written (on SQLite, a transaction per migration took
	// the write lock only to find it recorded: the chat's start waited on
	// it, issue 19). The check of each pending one stays inside its
	// transaction, for processes that open a new database at once.
	if ms, err = pending(ctx, q, ms); err != nil || len(ms) == 0 {
		return err
	}
	// The DDL of both engines is transactional: the pending migrations
	// are applied all or none, with one commit. On SQLite a transaction
	// each wrote the schema's pages again at every commit: a new
	// database's 15 migrations took 270 writes and 150 lock calls, about
	// a third of a new database's opening (BenchmarkOpenNew, issue 19:
	// the chat's first reply waits for it).
	return inTxOn(ctx, conn, db.engine, func(tx dbtx) error {
		for _, m := range ms {
			if err := db.apply(ctx, tx, m); err != nil {
				return fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
			}
		}
		return nil
	})
}

// pending returns the migrations of ms that the database has not recorded.
func pending(ctx context.Context, q dbtx, ms []migration) ([]migration, error) {
	rows, err := q.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	applied := make(map[int]bool, len(ms))
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	var out []migration
	for _, m := range ms {
		if !applied[m.version] {
			out = append(out, m)
		}
	}
	return out, nil
}

// apply runs m and records it, in tx, unless it is already recorded. The
// check is inside the transaction (which holds SQLite's write lock, or
// PostgreSQL's migration lock) so that two processes opening the same new
// database don't both apply it.
func (db *DB) apply(ctx context.Context, tx dbtx, m migration) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.x.ExecContext(ctx, m.text(db.engine)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, formatTime(db.now())); err != nil {
		return err
	}
	return raiseCompat(ctx, tx, m)
}

// LatestSchema returns the schema version this deploybot migrates to: the
// highest of its migrations.
func LatestSchema() int {
	ms, err := loadMigrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}
