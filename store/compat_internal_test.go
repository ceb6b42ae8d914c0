package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestDeclaredCompat(t *testing.T) {
	for _, tc := range []struct {
		name, sql string
		want      int
		bad       bool
	}{
		{"none", "CREATE TABLE a (x TEXT);", 0, false},
		{"declared", "-- drops what release 2 stopped using\n-- compat: 2\nALTER TABLE a DROP COLUMN x;", 2, false},
		{"spaces", "--compat:\t7 \nSELECT 1;", 7, false},
		{"in a sentence", "-- no compat: 2 here, it is prose\nSELECT 1;", 0, false},
		{"twice", "-- compat: 2\n-- compat: 3\n", 0, true},
		{"zero", "-- compat: 0\n", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := declaredCompat(tc.sql)
			if (err != nil) != tc.bad || got != tc.want {
				t.Errorf("declaredCompat = %d, %v; want %d, error %v", got, err, tc.want, tc.bad)
			}
		})
	}
}

// TestContractRaisesCompat: a migration that declares a number raises the
// database's when it is applied, in its transaction; then the release that
// accepts less refuses the database, and the one that accepts it opens it.
func TestContractRaisesCompat(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "deploybot.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	last := ms[len(ms)-1].version
	expand, err := newMigration(last+1, "expand", "ALTER TABLE settings ADD COLUMN later TEXT NOT NULL DEFAULT '';")
	if err != nil {
		t.Fatal(err)
	}
	contract, err := newMigration(last+2, "contract", "-- compat: 2\nALTER TABLE settings DROP COLUMN later;")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.migrateTo(ctx, append(ms, expand), 1); err != nil {
		t.Fatalf("expand: %v", err)
	}
	if n, err := db.SchemaCompat(ctx); err != nil || n != 1 {
		t.Fatalf("after an expand, SchemaCompat = %d, %v; want 1", n, err)
	}
	if err := db.migrateTo(ctx, append(ms, expand, contract), 2); err != nil {
		t.Fatalf("contract: %v", err)
	}
	if n, err := db.SchemaCompat(ctx); err != nil || n != 2 {
		t.Fatalf("after a contract declaring 2, SchemaCompat = %d, %v; want 2", n, err)
	}
	err = db.migrateTo(ctx, ms, 1)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("a release accepting 1 on a schema at 2: %v; want ErrSchemaTooNew", err)
	}
	if err := db.migrateTo(ctx, append(ms, expand), 2); err != nil {
		t.Errorf("a release accepting 2 on a schema at 2: %v", err)
	}
}
