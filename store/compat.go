package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Rolling upgrades (issue 20, item 4; the rule is in
// migrations/README.md). Two releases of deploybot may run on one database
// at once while replicas are upgraded one by one, so a release's
// migrations only expand the schema (new tables, new columns with a
// default, new indexes): the release before keeps working on it. What an
// expand made useless is removed one release later (a contract), once no
// running binary uses it.
//
// The database records a compatibility number in schema_compat. A
// migration that the release before cannot run on (a contract, or any
// change it would misread) declares a higher number in a line of its own
// text, "-- compat: N", and raises the database's number when it is
// applied. A binary runs on a database whose number it accepts
// (AcceptedCompat) and refuses any other, naming both numbers; migration
// versions it does not know (a later release's expands) don't stop it.

// AcceptedCompat is the highest schema compatibility number this deploybot
// runs on. It is raised in the release whose code stops using what the
// next release's contract removes, so that this release keeps running
// while the next one contracts; it is never below the number this
// release's own migrations declare (Compat).
const AcceptedCompat = 1

// baseCompat is the number of a schema whose migrations declare none: the
// schema of the releases before the number existed.
const baseCompat = 1

// compatLine is a migration's declaration of the compatibility number the
// schema has once it is applied.
var compatLine = regexp.MustCompile(`(?m)^--[ \t]*compat:[ \t]*([0-9]+)[ \t]*$`)

// declaredCompat returns the compatibility number sql declares, 0 when it
// declares none.
func declaredCompat(sql string) (int, error) {
	m := compatLine.FindAllStringSubmatch(sql, -1)
	switch len(m) {
	case 0:
		return 0, nil
	case 1:
		n, err := strconv.Atoi(m[0][1])
		if err != nil || n < baseCompat {
			return 0, fmt.Errorf("compat: %q is not a number from %d", m[0][1], baseCompat)
		}
		return n, nil
	}
	return 0, fmt.Errorf("compat: declared %d times", len(m))
}

// Compat returns the compatibility number of the schema this deploybot's
// migrations make: the highest one they declare, or the base number.
func Compat() int {
	ms, err := loadMigrations()
	if err != nil {
		return baseCompat
	}
	return compatOf(ms)
}

func compatOf(ms []migration) int {
	n := baseCompat
	for _, m := range ms {
		n = max(n, m.compat)
	}
	return n
}

// ErrSchemaTooNew is wrapped by the error Open returns when the database's
// schema compatibility number is beyond what this deploybot accepts: a
// later release contracted the schema, and this one cannot run on it.
var ErrSchemaTooNew = errors.New("database schema is beyond what this deploybot accepts")

// schemaTooNewError says the database's compatibility number is beyond
// what this deploybot accepts.
type schemaTooNewError struct {
	have, accepted int
}

func (e *schemaTooNewError) Error() string {
	return fmt.Sprintf("database schema compatibility number %d is beyond what this deploybot accepts (%d): "+
		"upgrade deploybot or point --db at another database", e.have, e.accepted)
}

func (e *schemaTooNewError) Unwrap() error { return ErrSchemaTooNew }

// createCompat creates schema_compat, one row holding the database's
// compatibility number, with the base number when the database has none
// yet (it was made by a release before the number existed). It is part
// of the bootstrap, like schema_migrations, not a numbered migration: a
// new migration version would stop the releases before this one, which
// refuse any version they don't know.
func createCompat(ctx context.Context, q dbtx) error {
	create := `CREATE TABLE IF NOT EXISTS schema_compat (
	id     INTEGER PRIMARY KEY CHECK (id = 1),
	number INTEGER NOT NULL
)`
	if q.engine == enginePostgres {
		create = postgresSQL(create)
	}
	if _, err := q.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("create schema_compat: %w", err)
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO schema_compat (id, number) VALUES (1, ?) ON CONFLICT (id) DO NOTHING`, baseCompat); err != nil {
		return fmt.Errorf("create schema_compat: %w", err)
	}
	return nil
}

// checkCompat fails with a schemaTooNewError when the database's number is
// beyond accepted.
func checkCompat(ctx context.Context, q dbtx, accepted int) error {
	have, err := schemaCompat(ctx, q)
	if err != nil {
		return err
	}
	if have > accepted {
		return &schemaTooNewError{have: have, accepted: accepted}
	}
	return nil
}

// raiseCompat records, with migration m in tx, the number m declares.
func raiseCompat(ctx context.Context, tx dbtx, m migration) error {
	if m.compat == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE schema_compat SET number = ? WHERE id = 1 AND number < ?`, m.compat, m.compat)
	return err
}

func schemaCompat(ctx context.Context, q dbtx) (int, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT number FROM schema_compat WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: schema compatibility number: %w", err)
	}
	return n, nil
}

// SchemaCompat returns the database's schema compatibility number.
func (db *DB) SchemaCompat(ctx context.Context) (int, error) {
	return schemaCompat(ctx, db.q)
}

// nextRelease holds the migrations of a build that plays the next release
// (the build tag deploybot_nextrelease, for the rolling upgrade test):
// each file, in name order, is numbered after this release's migrations.
// It is nil in a release build.
var nextRelease fs.FS

// nextReleaseMigrations returns nextRelease's migrations, numbered after
// the last of ms.
func nextReleaseMigrations(ms []migration) ([]migration, error) {
	if nextRelease == nil {
		return nil, nil
	}
	names, err := fs.Glob(nextRelease, "*.sql")
	if err != nil {
		return nil, err
	}
	last := 0
	if len(ms) > 0 {
		last = ms[len(ms)-1].version
	}
	var out []migration
	for i, n := range names { // Glob sorts by name
		body, err := fs.ReadFile(nextRelease, n)
		if err != nil {
			return nil, err
		}
		m, err := newMigration(last+1+i, strings.TrimSuffix(path.Base(n), ".sql"), string(body))
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", n, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// newMigration returns the migration of version v whose SQLite text is
// body; its PostgreSQL text is translated (postgresSQL) when it is needed.
func newMigration(v int, name, body string) (migration, error) {
	c, err := declaredCompat(body)
	if err != nil {
		return migration{}, err
	}
	return migration{version: v, name: name, sql: body, compat: c}, nil
}
