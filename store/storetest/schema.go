package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

// appliedAt returns schema_migrations as version -> applied_at.
func appliedAt(t *testing.T, location string) map[int]string {
	t.Helper()
	rows, err := Raw(t, location).Query(`SELECT version, applied_at FROM schema_migrations`)
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

func testOpenFreshAppliesAllMigrations(t *testing.T, h *H) {
	ctx := context.Background()
	db, loc := h.Open(t)
	want := store.LatestSchema()
	if v, err := db.SchemaVersion(ctx); err != nil || v != want {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, want)
	}
	applied := appliedAt(t, loc)
	if len(applied) != want {
		t.Errorf("schema_migrations has %d rows, want %d", len(applied), want)
	}
	var name string
	if err := Raw(t, loc).QueryRow(`SELECT name FROM schema_migrations WHERE version = 1`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if name != "init" {
		t.Errorf("migration 1 name = %q, want init", name)
	}
	if _, err := time.Parse(time.RFC3339Nano, applied[1]); err != nil {
		t.Errorf("applied_at %q: %v", applied[1], err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if db.Engine() != h.Engine.Name {
		t.Errorf("Engine() = %q, want %q", db.Engine(), h.Engine.Name)
	}
}

func testReopenAppliesNothingAndKeepsData(t *testing.T, h *H) {
	ctx := context.Background()
	db, loc := h.Open(t)
	set := deploybot.Setting{Scope: deploybot.ScopeAgency, Key: deploybot.KeyPipeline, Value: "gitlab-ci", SetBy: "alice"}
	if _, _, err := db.PutSetting(ctx, set); err != nil {
		t.Fatal(err)
	}
	migrated := appliedAt(t, loc)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2 := h.OpenAt(t, loc)
	if got := appliedAt(t, loc); fmt.Sprint(got) != fmt.Sprint(migrated) {
		t.Errorf("schema_migrations changed on reopen:\n got %v\nwant %v", got, migrated)
	}
	vals, err := db2.SettingValues(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 1 || vals[0].Value != "gitlab-ci" || vals[0].SetBy != "alice" {
		t.Errorf("values after reopen = %+v", vals)
	}
}

// testOpenAcceptsLaterExpand: a database a later release expanded (a
// migration version this deploybot does not know, a column it does not
// write) opens, keeps its migrations, and takes this release's writes.
func testOpenAcceptsLaterExpand(t *testing.T, h *H) {
	ctx := context.Background()
	db, loc := h.Open(t)
	_ = db.Close()
	later := store.LatestSchema() + 1
	h.Exec(t, loc,
		`ALTER TABLE settings ADD COLUMN later_note TEXT NOT NULL DEFAULT ''`,
		fmt.Sprintf(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (%d, 'later_expand', '2030-01-01T00:00:00Z')`, later))
	before := appliedAt(t, loc)
	db2, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatalf("Open of a schema a later release expanded: %v", err)
	}
	defer db2.Close()
	if v, err := db2.SchemaVersion(ctx); err != nil || v != later {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, later)
	}
	if got := appliedAt(t, loc); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("schema_migrations changed:\n got %v\nwant %v", got, before)
	}
	set := deploybot.Setting{Scope: deploybot.ScopeAgency, Key: deploybot.KeyPipeline, Value: "github-actions", SetBy: "alice"}
	if _, _, err := db2.PutSetting(ctx, set); err != nil {
		t.Fatalf("write on the expanded schema: %v", err)
	}
	var note string
	if err := Raw(t, loc).QueryRow(`SELECT later_note FROM settings WHERE set_by = 'alice'`).Scan(&note); err != nil || note != "" {
		t.Errorf("the later release's column = %q, %v; want its default", note, err)
	}
}

// testCompatNumber: a new database records this release's compatibility
// number; one made before the number existed gets the base number (1) at
// its next open.
func testCompatNumber(t *testing.T, h *H) {
	ctx := context.Background()
	db, loc := h.Open(t)
	if n, err := db.SchemaCompat(ctx); err != nil || n != store.Compat() {
		t.Errorf("SchemaCompat = %d, %v; want %d", n, err, store.Compat())
	}
	if store.Compat() > store.AcceptedCompat {
		t.Errorf("this release's migrations declare %d, beyond the %d it accepts", store.Compat(), store.AcceptedCompat)
	}
	_ = db.Close()
	h.Exec(t, loc, `DROP TABLE schema_compat`)
	db2 := h.OpenAt(t, loc)
	if n, err := db2.SchemaCompat(ctx); err != nil || n != 1 {
		t.Errorf("SchemaCompat of a database older than the number = %d, %v; want 1", n, err)
	}
}

// testOpenRefusesSchemaBeyondAccepted: a database a later release
// contracted beyond what this one accepts is refused, with both numbers.
func testOpenRefusesSchemaBeyondAccepted(t *testing.T, h *H) {
	ctx := context.Background()
	db, loc := h.Open(t)
	_ = db.Close()
	beyond := store.AcceptedCompat + 1
	h.Exec(t, loc, fmt.Sprintf(`UPDATE schema_compat SET number = %d`, beyond))
	db2, err := store.Open(ctx, loc)
	if err == nil {
		_ = db2.Close()
		t.Fatal("Open succeeded on a schema beyond the accepted compatibility number")
	}
	if !errors.Is(err, store.ErrSchemaTooNew) {
		t.Errorf("error %v does not wrap ErrSchemaTooNew", err)
	}
	want := fmt.Sprintf("database schema compatibility number %d is beyond what this deploybot accepts (%d): "+
		"upgrade deploybot or point --db at another database", beyond, store.AcceptedCompat)
	if err.Error() != want {
		t.Errorf("error = %q\nwant    %q", err, want)
	}
	h.Exec(t, loc, fmt.Sprintf(`UPDATE schema_compat SET number = %d`, store.AcceptedCompat))
	h.OpenAt(t, loc) // the accepted number opens
}

// testConcurrentOpenOfNewDatabase: processes that start at once on a new
// database migrate it once, one after the other.
func testConcurrentOpenOfNewDatabase(t *testing.T, h *H) {
	loc := h.Engine.New(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			db, err := store.Open(context.Background(), loc)
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
	if got := appliedAt(t, loc); len(got) != store.LatestSchema() {
		t.Errorf("%d migrations recorded, want %d", len(got), store.LatestSchema())
	}
}
