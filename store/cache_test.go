package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"deploybot"
	"deploybot/store"
	"deploybot/store/storetest"
)

// TestContextCacheSeesOtherProcessesWrites: two pools on one database
// (two processes); each reads settings and an interview (and so keeps
// them in memory), then every kind of write by one (a setting set, reset,
// an interview saved, a person forgotten, a copy into it) is seen by the
// other at its next read; also when both watch SQLite's log for commits
// (DB.WatchWAL) rather than read the change counter at every read.
func TestContextCacheSeesOtherProcessesWrites(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		for _, watch := range []bool{false, true} {
			name := e.Name
			if watch {
				name += "/watched"
			}
			t.Run(name, func(t *testing.T) { testContextCacheAcross(t, e, watch) })
		}
	}
}

func testContextCacheAcross(t *testing.T, e storetest.Engine, watch bool) {
	ctx := context.Background()
	a, loc := openEngine(t, e)
	b, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.Now = deploybot.FixedClock(t0)
	if watch {
		for _, db := range []*store.DB{a, b} {
			if err := db.WatchWAL(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}

	value := func(db *store.DB) string {
		t.Helper()
		vs, err := db.SettingValues(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if v.Key == "strategy" && v.Project == "shop" {
				return v.Value + "/" + v.SetBy
			}
		}
		return ""
	}
	step := func(db *store.DB) (int, bool) {
		t.Helper()
		iv, found, err := db.Interview(ctx, deploybot.PlatformSlack, "C1", "U1@T1")
		if err != nil {
			t.Fatal(err)
		}
		return iv.Step, found
	}
	// readBoth makes both processes read, and keep, the current
	// state before the next write.
	readBoth := func() {
		t.Helper()
		for _, db := range []*store.DB{a, b} {
			value(db)
			step(db)
		}
	}
	set := deploybot.Setting{Scope: deploybot.ScopeProject, Project: "shop", Key: "strategy", Value: "canary", SetBy: "U1@T1"}

	// Both read, and keep, the empty state.
	for _, db := range []*store.DB{a, b} {
		if v := value(db); v != "" {
			t.Fatalf("setting %q before any write", v)
		}
		if _, found := step(db); found {
			t.Fatal("interview before any write")
		}
	}
	readBoth()
	if _, _, err := a.PutSetting(ctx, set); err != nil {
		t.Fatal(err)
	}
	if v := value(b); v != "canary/U1@T1" {
		t.Errorf("after a set by the other process: %q", v)
	}
	iv := deploybot.Interview{Platform: deploybot.PlatformSlack, Channel: "C1", User: "U1@T1", Step: 3,
		Status: deploybot.InterviewActive, Lang: deploybot.English}
	readBoth()
	if err := a.SaveInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if s, found := step(b); !found || s != 3 {
		t.Errorf("after an interview saved by the other process: step %d, found %v", s, found)
	}
	iv.Step = 4
	readBoth()
	if err := b.SaveInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if s, _ := step(a); s != 4 {
		t.Errorf("after the interview's next step by the other process: step %d", s)
	}

	// Forget renames the person in both tables.
	readBoth()
	if _, err := b.Forget(ctx, store.Person{Actor: "U1@T1"}, "admin"); err != nil {
		t.Fatal(err)
	}
	if v := value(a); v == "" || v == "canary/U1@T1" {
		t.Errorf("after forget by the other process: setting %q", v)
	}
	if _, found := step(a); found {
		t.Error("after forget by the other process: the interview is still under the person's id")
	}

	readBoth()
	if _, err := b.DeleteSetting(ctx, set); err != nil {
		t.Fatal(err)
	}
	if v := value(a); v != "" {
		t.Errorf("after a reset by the other process: %q", v)
	}

	// A copy into the database.
	src, err := store.Open(ctx, filepath.Join(t.TempDir(), "src.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	set.Value = "blue-green"
	if _, _, err := src.PutSetting(ctx, set); err != nil {
		t.Fatal(err)
	}
	readBoth()
	if _, err := store.Copy(ctx, src, b); err != nil {
		t.Fatal(err)
	}
	if v := value(a); v != "blue-green/U1@T1" {
		t.Errorf("after a copy into the database by the other process: %q", v)
	}
}

// TestReadScope: inside a message's read scope the change counter is read
// once (another process's later write waits for the next message), the
// message's own writes are seen at once, and once the scope ends every
// read checks the counter again.
func TestReadScope(t *testing.T) {
	ctx := context.Background()
	a, path := open(t)
	b := openAt(t, path)
	strategy := func(ctx context.Context) string {
		t.Helper()
		vs, err := a.SettingValues(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if v.Key == "strategy" {
				return v.Value
			}
		}
		return ""
	}
	put := func(db *store.DB, ctx context.Context, v string) {
		t.Helper()
		s := deploybot.Setting{Scope: deploybot.ScopeAgency, Key: "strategy", Value: v, SetBy: "alice"}
		if _, _, err := db.PutSetting(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	put(b, ctx, "rolling")
	scoped, end := a.ReadScope(ctx)
	if got := strategy(scoped); got != "rolling" {
		t.Fatalf("in the scope: %q", got)
	}
	put(b, ctx, "canary")
	if got := strategy(scoped); got != "rolling" {
		t.Errorf("another process's write seen in the middle of a message: %q", got)
	}
	if got := strategy(ctx); got != "canary" {
		t.Errorf("outside the scope: %q, want the other process's write", got)
	}
	put(a, scoped, "blue-green")
	if got := strategy(scoped); got != "blue-green" {
		t.Errorf("the message's own write not seen in its scope: %q", got)
	}
	put(b, ctx, "recreate")
	end()
	if got := strategy(scoped); got != "recreate" {
		t.Errorf("after the scope's end: %q, want the other process's write", got)
	}
}
