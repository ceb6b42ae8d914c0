package store

import (
	"context"
	"database/sql"
)

// SQLDB exposes the connection pool to the external tests, to read pragmas
// and tamper with schema_migrations.
func (db *DB) SQLDB() *sql.DB { return db.sql }

// GroupSubmit exposes the group committer to the external tests: fn runs
// as one unit of a shared transaction, exec running a statement in it.
func (db *DB) GroupSubmit(ctx context.Context, fn func(ctx context.Context, exec func(q string, args ...any) error) error) *Commit {
	return db.group.submit(ctx, func(ctx context.Context, tx dbtx) error {
		return fn(ctx, func(q string, args ...any) error {
			_, err := tx.ExecContext(ctx, q, args...)
			return err
		})
	})
}

// GroupBatches returns how many shared transactions the group committer
// has run.
func (db *DB) GroupBatches() int64 { return db.group.batches.Load() }
