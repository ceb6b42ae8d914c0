package store

import "database/sql"

// SQLDB exposes the connection pool to the external tests, to read pragmas
// and tamper with schema_migrations.
func (db *DB) SQLDB() *sql.DB { return db.sql }
