package store

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"

	"deploybot"
)

// This file holds what differs between the two engines. The queries of the
// package are written once, in the SQL both engines share, with SQLite's
// "?" placeholders; a dbtx runs them on either engine:
//
//   - PostgreSQL numbers its placeholders: "?" becomes "$1", "$2"...
//   - Booleans are stored as 0/1 integers on both engines (SQLite has no
//     boolean type, and one schema serves both): a Go bool argument is
//     passed to PostgreSQL as an integer.
//   - New rows return their id with INSERT ... RETURNING id (both engines;
//     pgx has no LastInsertId).
//   - Times are text in both, in the fixed-width format of formatTime, and
//     text columns compare bytewise in both (COLLATE "C" on PostgreSQL), so
//     that ORDER BY and range conditions on times mean the same.
//
// Isolation. SQLite runs one writing transaction at a time (BEGIN
// IMMEDIATE, from the DSN): a read-then-write transaction sees nothing
// change under it. PostgreSQL runs them concurrently (READ COMMITTED), so
// every transaction that decides on what it read first (a lease, an
// environment's lock, a setting's old value) takes a transaction-level
// advisory lock on what it decides about (dbtx.serialize): transactions on
// the same key then run one after the other, as on SQLite, and others run
// at once. Advisory locks rather than SELECT ... FOR UPDATE because the row
// to decide on may not exist yet (a free environment has no lock row, a
// deployment never run has no lease row: FOR UPDATE would lock nothing and
// two processes would both insert). Transaction-level ones rather than
// session-level because PostgreSQL releases them at COMMIT or ROLLBACK,
// and when the connection drops: a replica killed mid-transaction holds
// nothing once its connection is gone. Single statements that compare and
// swap (UPDATE ... WHERE claim = ?, INSERT ... ON CONFLICT) need no lock:
// PostgreSQL re-checks their condition on the row's latest version.

// engine is the database engine behind a DB.
type engine int

const (
	engineSQLite engine = iota
	enginePostgres
)

func (e engine) String() string {
	if e == enginePostgres {
		return "postgres"
	}
	return "sqlite"
}

// execer is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// dbtx runs the package's queries, written with "?" placeholders, on the
// pool or in a transaction of either engine.
type dbtx struct {
	engine engine
	x      execer
	stmts  *stmtCache // the DB's prepared statements; nil: prepare on every call
}

func (h dbtx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := h.beforeWrite(ctx); err != nil {
		return nil, err
	}
	return h.exec(ctx, query, args)
}

// exec is ExecContext once beforeWrite has returned.
func (h dbtx) exec(ctx context.Context, query string, args []any) (sql.Result, error) {
	q := h.rebind(query)
	if st := h.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, h.args(args)...)
	}
	return h.x.ExecContext(ctx, q, h.args(args)...)
}

func (h dbtx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	q := h.rebind(query)
	if st := h.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, h.args(args)...)
	}
	return h.x.QueryContext(ctx, q, h.args(args)...)
}

func (h dbtx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	q := h.rebind(query)
	if st := h.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, h.args(args)...)
	}
	return h.x.QueryRowContext(ctx, q, h.args(args)...)
}

// stmtCache holds a DB's prepared statements, by query text, for the life
// of the DB. A CPU profile of the question path (issue 19) showed the
// statements' preparation (sqlite3_prepare_v2, run by the driver on every
// call) as the largest part of each audit insert and context read; a
// prepared *sql.Stmt is prepared once per pooled connection by
// database/sql, and inside a transaction Tx.StmtContext reuses the
// statement already prepared on the transaction's connection.
type stmtCache struct {
	pool *sql.DB
	m    sync.Map // query text -> *sql.Stmt
	mu   sync.Mutex
	n    int // statements in m, guarded by mu
}

// maxStmts bounds the cache. The package's queries are a fixed set (a few
// hundred texts at most, some built from a bounded list of filters); past
// the bound, queries run unprepared rather than grow the cache.
const maxStmts = 1024

// stmt returns the prepared statement of q for h, or nil when h runs on a
// single connection (migrations) or has no cache, or the preparation
// failed (the query then runs unprepared and reports its own error).
func (h dbtx) stmt(ctx context.Context, q string) *sql.Stmt {
	if h.stmts == nil {
		return nil
	}
	switch x := h.x.(type) {
	case *sql.DB:
		return h.stmts.get(ctx, q)
	case *sql.Tx:
		if st := h.stmts.get(ctx, q); st != nil {
			return x.StmtContext(ctx, st)
		}
	}
	return nil
}

func (c *stmtCache) get(ctx context.Context, q string) *sql.Stmt {
	if st, ok := c.m.Load(q); ok {
		return st.(*sql.Stmt)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m.Load(q); ok {
		return st.(*sql.Stmt)
	}
	if c.n >= maxStmts {
		return nil
	}
	st, err := c.pool.PrepareContext(context.WithoutCancel(ctx), q)
	if err != nil {
		return nil
	}
	c.m.Store(q, st)
	c.n++
	return st
}

// close closes the prepared statements.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n = 0
	c.m.Range(func(k, v any) bool {
		_ = v.(*sql.Stmt).Close()
		c.m.Delete(k)
		return true
	})
}

// insertID runs an INSERT of one row and returns the new row's id.
//
// On SQLite it is an Exec and the driver's LastInsertId (read by the
// driver right after the statement's step, on the same connection; the
// tables' id is INTEGER PRIMARY KEY, the rowid; a trigger's inserts do not
// change it once the trigger ends), not INSERT ... RETURNING: a query
// inside a transaction makes database/sql start a goroutine per *Rows
// (Rows.awaitDone, since a Tx's context can always be cancelled), and a
// profile of the scripted chat (issue 19) showed it, with the Rows' scan
// and close, as a quarter of the group committer's audit insert; the Exec
// also allocates 6 fewer objects. An INSERT that inserted nothing (a
// conflict ignored) returns sql.ErrNoRows, as RETURNING's empty result
// did. PostgreSQL has no LastInsertId (pgx): RETURNING id there.
func (h dbtx) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	if err := h.beforeWrite(ctx); err != nil {
		return 0, err
	}
	if h.engine == engineSQLite {
		res, err := h.exec(ctx, query, args)
		if err != nil {
			return 0, err
		}
		switch n, err := res.RowsAffected(); {
		case err != nil:
			return 0, err
		case n != 1:
			return 0, sql.ErrNoRows
		}
		return res.LastInsertId()
	}
	var id int64
	err := h.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// beforeWrite waits, for a write on the pool (its own transaction), for
// the audit entry of the message ctx belongs to (deploybot.AwaitAudit):
// what a message changes is committed after its entry. Inside a
// transaction it does nothing: inTxOn waited before it began, and the
// group committer's units commit after the entries queued before them.
func (h dbtx) beforeWrite(ctx context.Context) error {
	if _, pool := h.x.(*sql.DB); !pool {
		return nil
	}
	return deploybot.AwaitAudit(ctx)
}

// serialize makes the transaction h wait for every other transaction that
// serialized on key, and holds key until h ends (see the top of this
// file). On SQLite, where one transaction writes at a time, it does
// nothing. Keys are namespaced by the schema, so that databases in other
// schemas of one server (the tests') don't wait for each other.
func (h dbtx) serialize(ctx context.Context, key string) error {
	if h.engine != enginePostgres {
		return nil
	}
	_, err := h.x.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || $1, 0))`, key)
	return err
}

// args adapts arguments to the engine: booleans become 0/1 for PostgreSQL.
func (h dbtx) args(args []any) []any {
	if h.engine != enginePostgres {
		return args
	}
	var out []any // a copy, made at the first boolean
	for i, a := range args {
		if b, ok := a.(bool); ok {
			if out == nil {
				out = append([]any(nil), args...)
			}
			out[i] = boolInt(b)
		}
	}
	if out == nil {
		return args
	}
	return out
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// rebound caches the PostgreSQL text of each query.
var rebound sync.Map // string -> string

// rebind returns query with PostgreSQL's numbered placeholders when h runs
// on PostgreSQL.
func (h dbtx) rebind(query string) string {
	if h.engine != enginePostgres {
		return query
	}
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	q := numberPlaceholders(query)
	rebound.Store(query, q)
	return q
}

// numberPlaceholders replaces each "?" outside quotes and comments with
// $1, $2...
func numberPlaceholders(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(query[i+1:], c)
			if j < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+j+2])
			i += j + 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+j])
			i += j - 1
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isUniqueViolation reports whether err is a unique constraint's refusal.
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey
	}
	return false
}

// postgresRules turn a migration written for SQLite into PostgreSQL's SQL.
// The schema uses few types: INTEGER (64-bit on SQLite), TEXT, BLOB, and
// "id INTEGER PRIMARY KEY" for the ids SQLite assigns. A migration that
// needs more than these rules has its PostgreSQL text in
// migrations/postgres/ under the same name.
var postgresRules = []struct {
	re *regexp.Regexp
	to string
}{
	{regexp.MustCompile(`\bid(\s+)INTEGER\s+PRIMARY\s+KEY\b`), "id${1}BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
	{regexp.MustCompile(`\bINTEGER\b`), "BIGINT"},
	{regexp.MustCompile(`\bBLOB\b`), "BYTEA"},
	{regexp.MustCompile(`\bTEXT\b`), `TEXT COLLATE "C"`},
}

// postgresSQL translates SQLite DDL with postgresRules.
func postgresSQL(sqlite string) string {
	s := sqlite
	for _, r := range postgresRules {
		s = r.re.ReplaceAllString(s, r.to)
	}
	return s
}
