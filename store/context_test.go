package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

func global(key, value string) deploybot.ContextValue {
	return deploybot.ContextValue{Scope: deploybot.ScopeGlobal, Key: key, Value: value, SetBy: "builtin"}
}

func agency(key, value string) deploybot.ContextValue {
	return deploybot.ContextValue{Scope: deploybot.ScopeAgency, Key: key, Value: value, SetBy: "config"}
}

func project(p, key, value string) deploybot.ContextValue {
	return deploybot.ContextValue{Scope: deploybot.ScopeProject, Project: p, Key: key, Value: value, SetBy: "alice"}
}

// setAll calls SetContext for each value.
func setAll(t *testing.T, db *store.DB, vs ...deploybot.ContextValue) {
	t.Helper()
	for _, v := range vs {
		if err := db.SetContext(context.Background(), v); err != nil {
			t.Fatalf("SetContext(%+v): %v", v, err)
		}
	}
}

// summary renders values as "scope/project/key=value" lines, in order.
func summary(vs []deploybot.ContextValue) []string {
	var out []string
	for _, v := range vs {
		out = append(out, fmt.Sprintf("%s/%s/%s=%s", v.Scope, v.Project, v.Key, v.Value))
	}
	return out
}

func TestContextLayersResolve(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	setAll(t, db,
		global(deploybot.KeyStrategy, "rolling"),
		global(deploybot.KeySmokeTests, "http 200 on /health"),
		global(deploybot.KeyPipeline, "any"),
		agency(deploybot.KeyStrategy, "blue-green"),
		agency(deploybot.KeyPipeline, "github-actions"),
		project("shop", deploybot.KeyStrategy, "canary"),
		project("blog", deploybot.KeyStrategy, "recreate"),
		project("blog", deploybot.KeyZeroDowntime, "no"),
	)

	tests := []struct {
		project string
		values  []string          // ContextValues, in order
		resolve map[string]string // ResolveContext: key -> scope=value
	}{
		{
			project: "",
			values: []string{
				"global//pipeline=any", "global//smoke_tests=http 200 on /health", "global//strategy=rolling",
				"agency//pipeline=github-actions", "agency//strategy=blue-green",
			},
			resolve: map[string]string{
				"strategy": "agency=blue-green", "pipeline": "agency=github-actions", "smoke_tests": "global=http 200 on /health",
			},
		},
		{
			project: "shop",
			values: []string{
				"global//pipeline=any", "global//smoke_tests=http 200 on /health", "global//strategy=rolling",
				"agency//pipeline=github-actions", "agency//strategy=blue-green",
				"project/shop/strategy=canary",
			},
			resolve: map[string]string{
				"strategy": "project=canary", "pipeline": "agency=github-actions", "smoke_tests": "global=http 200 on /health",
			},
		},
		{
			project: "blog",
			values: []string{
				"global//pipeline=any", "global//smoke_tests=http 200 on /health", "global//strategy=rolling",
				"agency//pipeline=github-actions", "agency//strategy=blue-green",
				"project/blog/strategy=recreate", "project/blog/zero_downtime=no",
			},
			resolve: map[string]string{
				"strategy": "project=recreate", "pipeline": "agency=github-actions",
				"smoke_tests": "global=http 200 on /health", "zero_downtime": "project=no",
			},
		},
		{
			project: "unknown",
			values: []string{
				"global//pipeline=any", "global//smoke_tests=http 200 on /health", "global//strategy=rolling",
				"agency//pipeline=github-actions", "agency//strategy=blue-green",
			},
			resolve: map[string]string{
				"strategy": "agency=blue-green", "pipeline": "agency=github-actions", "smoke_tests": "global=http 200 on /health",
			},
		},
	}
	for _, tc := range tests {
		t.Run("project="+tc.project, func(t *testing.T) {
			vals, err := db.ContextValues(ctx, tc.project)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(vals); fmt.Sprint(got) != fmt.Sprint(tc.values) {
				t.Errorf("ContextValues:\n got %q\nwant %q", got, tc.values)
			}
			res := deploybot.ResolveContext(vals, tc.project)
			got := map[string]string{}
			for k, v := range res {
				got[k] = fmt.Sprintf("%s=%s", v.Scope, v.Value)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.resolve) {
				t.Errorf("ResolveContext:\n got %v\nwant %v", got, tc.resolve)
			}
		})
	}
}

func TestSetContextReplacesAndKeepsTimes(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	setAll(t, db, agency(deploybot.KeyStrategy, "rolling"))
	later := t0.Add(time.Hour)
	db.Now = deploybot.FixedClock(later)
	v := agency(deploybot.KeyStrategy, "canary")
	v.SetBy = "bob"
	setAll(t, db, v)

	vals, err := db.ContextValues(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 1 {
		t.Fatalf("values = %+v, want one", vals)
	}
	got := vals[0]
	if got.Value != "canary" || got.SetBy != "bob" || !got.SetAt.Equal(later) || got.SetAt.Location() != time.UTC {
		t.Errorf("value = %+v, want canary by bob at %v UTC", got, later)
	}

	// An explicit SetAt, in another zone, is kept to the nanosecond.
	paris := time.FixedZone("CET", 3600)
	at := time.Date(2026, 1, 2, 3, 4, 5, 6, paris)
	setAll(t, db, deploybot.ContextValue{Scope: deploybot.ScopeGlobal, Key: "k", Value: "v", SetBy: "x", SetAt: at})
	vals, err = db.ContextValues(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if vals[0].Key != "k" || !vals[0].SetAt.Equal(at) {
		t.Errorf("value = %+v, want SetAt %v", vals[0], at)
	}
}

func TestSeedContextNeverOverwrites(t *testing.T) {
	ctx := context.Background()
	db, path := open(t)
	// Chat sets the strategy first.
	chat := agency(deploybot.KeyStrategy, "canary")
	chat.SetBy = "alice"
	setAll(t, db, chat)

	seed := []deploybot.ContextValue{
		agency(deploybot.KeyStrategy, "rolling"), // set by chat: kept
		agency(deploybot.KeyPipeline, "github-actions"),
		project("shop", deploybot.KeyApproval, "client sign-off"),
		agency(deploybot.KeyPipeline, "gitlab-ci"), // duplicate in the seed: first wins
	}
	if err := db.SeedContext(ctx, seed); err != nil {
		t.Fatal(err)
	}
	// Seeding again (as every start does) changes nothing.
	if err := db.SeedContext(ctx, seed); err != nil {
		t.Fatal(err)
	}

	check := func(db *store.DB) {
		t.Helper()
		vals, err := db.ContextValues(ctx, "shop")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"agency//pipeline=github-actions", "agency//strategy=canary", "project/shop/approval=client sign-off"}
		if got := summary(vals); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("values:\n got %q\nwant %q", got, want)
		}
		changes, err := db.ContextChanges(ctx, "", "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range changes {
			got = append(got, fmt.Sprintf("%s/%s/%s %q->%q by %s", c.Scope, c.Project, c.Key, c.Old, c.New, c.By))
		}
		want = []string{
			`agency//strategy ""->"canary" by alice`,
			`agency//pipeline ""->"github-actions" by config`,
			`project/shop/approval ""->"client sign-off" by alice`,
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("changes:\n got %q\nwant %q", got, want)
		}
	}
	check(db)

	// The value set by chat survives a restart, and the seed still does not
	// overwrite it.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2 := openAt(t, path)
	if err := db2.SeedContext(ctx, seed); err != nil {
		t.Fatal(err)
	}
	check(db2)
}

func TestContextChangesHistory(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	steps := []struct {
		v   deploybot.ContextValue
		by  string
		min int // minutes after t0
	}{
		{agency(deploybot.KeyStrategy, "rolling"), "config", 0},
		{agency(deploybot.KeyStrategy, "canary"), "alice", 1},
		{agency(deploybot.KeyStrategy, "canary"), "bob", 2}, // same value: nothing recorded
		{project("shop", deploybot.KeyStrategy, "blue-green"), "bob", 3},
		{project("shop", deploybot.KeyApproval, "PO"), "carol", 4},
		{project("shop", deploybot.KeyStrategy, "recreate"), "dave", 5},
	}
	for _, s := range steps {
		db.Now = deploybot.FixedClock(t0.Add(time.Duration(s.min) * time.Minute))
		s.v.SetBy = s.by
		setAll(t, db, s.v)
	}

	type change struct {
		scope   deploybot.Scope
		project string
		key     string
		old     string
		new     string
		by      string
		min     int
	}
	all := []change{
		{deploybot.ScopeAgency, "", "strategy", "", "rolling", "config", 0},
		{deploybot.ScopeAgency, "", "strategy", "rolling", "canary", "alice", 1},
		{deploybot.ScopeProject, "shop", "strategy", "", "blue-green", "bob", 3},
		{deploybot.ScopeProject, "shop", "approval", "", "PO", "carol", 4},
		{deploybot.ScopeProject, "shop", "strategy", "blue-green", "recreate", "dave", 5},
	}
	tests := []struct {
		name, project, key string
		want               []change
	}{
		{"all", "", "", all},
		{"key", "", "strategy", []change{all[0], all[1], all[2], all[4]}},
		{"project", "shop", "", all[2:]},
		{"project and key", "shop", "approval", []change{all[3]}},
		{"no match", "blog", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.ContextChanges(ctx, tc.project, tc.key)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d changes %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				at := t0.Add(time.Duration(w.min) * time.Minute)
				if g.Scope != w.scope || g.Project != w.project || g.Key != w.key || g.Old != w.old ||
					g.New != w.new || g.By != w.by || !g.At.Equal(at) {
					t.Errorf("change %d = %+v, want %+v at %v", i, g, w, at)
				}
			}
		})
	}
}

func TestContextInvalid(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	tests := []struct {
		name string
		v    deploybot.ContextValue
	}{
		{"unknown scope", deploybot.ContextValue{Scope: "team", Key: "k", Value: "v"}},
		{"empty scope", deploybot.ContextValue{Key: "k", Value: "v"}},
		{"project scope without project", deploybot.ContextValue{Scope: deploybot.ScopeProject, Key: "k", Value: "v"}},
		{"project scope with blank project", deploybot.ContextValue{Scope: deploybot.ScopeProject, Project: "  ", Key: "k", Value: "v"}},
		{"agency scope with project", deploybot.ContextValue{Scope: deploybot.ScopeAgency, Project: "shop", Key: "k", Value: "v"}},
		{"global scope with project", deploybot.ContextValue{Scope: deploybot.ScopeGlobal, Project: "shop", Key: "k", Value: "v"}},
		{"empty key", deploybot.ContextValue{Scope: deploybot.ScopeGlobal, Value: "v"}},
		{"blank key", deploybot.ContextValue{Scope: deploybot.ScopeProject, Project: "shop", Key: " ", Value: "v"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := db.SetContext(ctx, tc.v)
			if code := deploybot.ErrorCode(err); code != deploybot.EINVALID {
				t.Errorf("SetContext: code %q (%v), want %q", code, err, deploybot.EINVALID)
			}
			if msg := deploybot.ErrorMessage(err); msg == "" || msg == "internal error" {
				t.Errorf("SetContext: no user message: %v", err)
			}
			// One bad value makes the whole seed fail, storing nothing.
			err = db.SeedContext(ctx, []deploybot.ContextValue{agency("ok", "v"), tc.v})
			if code := deploybot.ErrorCode(err); code != deploybot.EINVALID {
				t.Errorf("SeedContext: code %q (%v), want %q", code, err, deploybot.EINVALID)
			}
		})
	}
	vals, err := db.ContextValues(ctx, "shop")
	if err != nil {
		t.Fatal(err)
	}
	changes, err := db.ContextChanges(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 0 || len(changes) != 0 {
		t.Errorf("invalid values were stored: %+v %+v", vals, changes)
	}
}

func TestContextCanceled(t *testing.T) {
	db, _ := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := db.SetContext(ctx, agency("k", "v"))
	if err == nil {
		t.Fatal("SetContext with a canceled context succeeded")
	}
	if code := deploybot.ErrorCode(err); code != deploybot.EINTERNAL {
		t.Errorf("code %q, want %q", code, deploybot.EINTERNAL)
	}
}
