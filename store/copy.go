package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// table is one table of the schema, with its primary key: what Copy
// copies, and how it recognises a row already there.
type table struct {
	name string
	key  []string
	id   bool // its key is an id the database assigns (an identity on PostgreSQL)
}

// tables lists every table of the schema but schema_migrations,
// schema_compat and change_counters (the copied settings and interviews
// bump the destination's, by its triggers: copying the counter could
// lower it, and a process would trust a stale copy), parents
// before the tables whose rows point at them. TestCopyCoversEveryTable
// keeps it complete.
var tables = []table{
	{name: "messages", key: []string{"id"}, id: true},
	{name: "model_calls", key: []string{"id"}, id: true},
	{name: "context_changes", key: []string{"id"}, id: true},
	{name: "settings", key: []string{"scope", "project", "env", "key"}},
	{name: "interviews", key: []string{"platform", "channel", "user_name"}},
	{name: "deployments", key: []string{"id"}, id: true},
	{name: "deployment_events", key: []string{"id"}, id: true},
	{name: "leases", key: []string{"deployment_id"}},
	{name: "locks", key: []string{"project", "env"}},
	{name: "lock_events", key: []string{"id"}, id: true},
	{name: "freezes", key: []string{"id"}, id: true},
	{name: "reminders", key: []string{"id"}, id: true},
	{name: "reminder_runs", key: []string{"reminder_key", "scheduled_at"}},
	{name: "drills", key: []string{"id"}, id: true},
	{name: "inbox", key: []string{"key"}},
	{name: "erasures", key: []string{"id"}, id: true},
	{name: "secrets", key: []string{"name"}},
}

// TableCount is how many rows of a table a copy wrote.
type TableCount struct {
	Table string
	Rows  int64
}

// Copy copies every row of every table of from into to (audit, settings,
// deployments and their history, leases, locks, freezes, reminders and
// their runs, drills, the inbox), whatever the engines, and returns the
// rows copied per table. Rows are matched by primary key: a row already
// in to is overwritten with from's, and nothing is deleted, so that
// copying again changes nothing (it is idempotent). Both databases must
// be at the same schema version (Open migrates both to this deploybot's).
//
// What is read is one consistent snapshot of from, taken in a read-only
// transaction, so that from may be in use meanwhile (a backup of a
// running serve); what is written is one transaction: to gets all of it
// or nothing.
func Copy(ctx context.Context, from, to *DB) ([]TableCount, error) {
	if from.location == to.location && from.engine == to.engine {
		return nil, errors.New("store: copy: source and destination are the same database")
	}
	vf, err := from.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	vt, err := to.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	if vf != vt {
		return nil, fmt.Errorf("store: copy: schema versions differ (%d and %d): open both with this deploybot first", vf, vt)
	}
	src, done, err := from.snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: copy: read %s: %w", from.location, err)
	}
	defer done()
	var counts []TableCount
	err = to.inTx(ctx, func(dst dbtx) error {
		for _, t := range tables {
			n, err := copyTable(ctx, src, dst, t)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			counts = append(counts, TableCount{Table: t.name, Rows: n})
		}
		return nil
	})
	to.written()
	if err != nil {
		return nil, fmt.Errorf("store: copy to %s: %w", to.location, err)
	}
	return counts, nil
}

// snapshot opens a read-only transaction that sees one state of db until
// done is called. On SQLite it is a deferred transaction on its own
// connection (the pool's are BEGIN IMMEDIATE, which would stop writers for
// the whole copy): in WAL mode its first read fixes what it sees while
// others write. On PostgreSQL it is REPEATABLE READ.
func (db *DB) snapshot(ctx context.Context) (dbtx, func(), error) {
	if db.engine == enginePostgres {
		tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return dbtx{}, nil, err
		}
		return dbtx{engine: db.engine, x: tx}, func() { _ = tx.Rollback() }, nil
	}
	reader, err := sql.Open("sqlite3", readerDSN(db.path))
	if err != nil {
		return dbtx{}, nil, err
	}
	tx, err := reader.BeginTx(ctx, nil)
	if err != nil {
		_ = reader.Close()
		return dbtx{}, nil, err
	}
	return dbtx{engine: db.engine, x: tx}, func() { _ = tx.Rollback(); _ = reader.Close() }, nil
}

// readerDSN is a SQLite DSN for reading while others write: deferred
// transactions, which take no lock until they read.
func readerDSN(p string) string {
	return "file:" + escapeURIPath(p) + "?_busy_timeout=5000&_txlock=deferred&_query_only=1"
}

// copyTable copies the rows of t from src to dst and returns how many.
func copyTable(ctx context.Context, src, dst dbtx, t table) (int64, error) {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+t.name+` ORDER BY `+strings.Join(t.key, ", "))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	ph := make([]string, len(cols))
	var set []string
	for i, c := range cols {
		ph[i] = "?"
		if !contains(t.key, c) {
			set = append(set, c+" = excluded."+c)
		}
	}
	q := `INSERT INTO ` + t.name + ` (` + strings.Join(cols, ", ") + `) VALUES (` + strings.Join(ph, ", ") + `)
ON CONFLICT (` + strings.Join(t.key, ", ") + `) DO `
	if len(set) == 0 {
		q += `NOTHING`
	} else {
		q += `UPDATE SET ` + strings.Join(set, ", ")
	}
	var n int64
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if _, err := dst.ExecContext(ctx, q, vals...); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	if t.id && dst.engine == enginePostgres {
		// Rows came with their ids: the identity goes on after the
		// highest, so that the next row does not take one of theirs.
		_, err := dst.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t.name+`', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM `+t.name)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Tables returns the names of the tables the store keeps (schema_migrations
// aside), in the order Copy copies them.
func Tables() []string {
	out := make([]string, len(tables))
	for i, t := range tables {
		out[i] = t.name
	}
	return out
}

// Count returns the number of rows of each table, in Tables' order.
func (db *DB) Count(ctx context.Context) ([]TableCount, error) {
	out := make([]TableCount, 0, len(tables))
	for _, t := range tables {
		var n int64
		if err := db.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t.name).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: count %s: %w", t.name, err)
		}
		out = append(out, TableCount{Table: t.name, Rows: n})
	}
	return out, nil
}

// SchemaTables returns the tables the database holds, schema_migrations
// and schema_compat aside (each Open writes them), sorted: for a test to check that Copy knows them all.
func (db *DB) SchemaTables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if db.engine == enginePostgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	rows, err := db.q.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		if n != "schema_migrations" && n != "schema_compat" && n != "change_counters" {
			out = append(out, n)
		}
	}
	return out, rows.Err()
}

// Backup writes a consistent copy of db, taken while it may be in use
// (serve running and writing), into the new SQLite file at path, and
// returns its rows per table. From SQLite it is VACUUM INTO, one read
// transaction; from PostgreSQL it is Copy from a REPEATABLE READ snapshot
// into a new SQLite file. It refuses to overwrite a file. Restoring is
// Copy from the file (deploybot store copy --from FILE --to ...).
func (db *DB) Backup(ctx context.Context, path string) ([]TableCount, error) {
	if IsURL(path) {
		return nil, errors.New("store: backup: the backup is a SQLite file: give a file path (for a PostgreSQL copy, use store copy)")
	}
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("store: backup: %s exists: choose a new file", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: backup: %w", err)
		}
	}
	if db.engine == engineSQLite {
		if _, err := db.sql.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
			_ = os.Remove(path)
			return nil, fmt.Errorf("store: backup to %s: %w", path, err)
		}
		out, err := Open(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("store: backup: check %s: %w", path, err)
		}
		defer out.Close()
		return out.Count(ctx)
	}
	out, err := Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("store: backup: %w", err)
	}
	defer out.Close()
	counts, err := Copy(ctx, db, out)
	if err != nil {
		_ = out.Close()
		_ = os.Remove(path)
		return nil, err
	}
	return counts, nil
}
