package settings_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"deploybot"
	"deploybot/config"
	"deploybot/settings"
	"deploybot/store"
)

const file = `agency:
  approval: four-eyes
  default_strategy: rolling
windows:
  recommended: ["Tue-Thu 10:00-16:00"]
projects:
  - name: shop
    strategy: blue-green
    staging_first: true
    environments:
      - name: staging
      - name: production
        monitoring: {prometheus_url: "http://prom:9090", max_error_rate: 0.01}
  - name: blog
`

func load(t *testing.T, text string) *config.Config {
	t.Helper()
	cfg, err := config.Parse([]byte(text), "deploybot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func newResolver(t *testing.T) (*settings.Resolver, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	return settings.New(load(t, file), db, db.Now), db
}

// TestLayers: the narrowest layer wins; in a layer, chat wins over the
// file until reset; each value says where it comes from.
func TestLayers(t *testing.T) {
	r, _ := newResolver(t)
	ctx := context.Background()
	get := func(project, env, key string) deploybot.Setting {
		t.Helper()
		s, err := r.Resolve(ctx, project, env, key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tc := range []struct {
		project, env, key string
		value             string
		scope             deploybot.Scope
		line              int
	}{
		{"shop", "production", deploybot.KeyStrategy, "blue-green", deploybot.ScopeProject, 8},
		{"blog", "production", deploybot.KeyStrategy, "rolling", deploybot.ScopeAgency, 3},
		{"shop", "production", deploybot.KeyApproval, "four-eyes", deploybot.ScopeAgency, 2},
		{"shop", "staging", deploybot.KeyApproval, "none", deploybot.ScopeGlobal, 0}, // staging is automatic
		{"shop", "production", deploybot.KeyMaxErrorRate, "0.01", deploybot.ScopeEnvironment, 13},
		{"shop", "production", deploybot.KeyMaxLatency, "500ms", deploybot.ScopeGlobal, 0},
		{"shop", "production", deploybot.KeyWindowsRecommend, "Tue-Thu 10:00-16:00", deploybot.ScopeAgency, 5},
		{"shop", "production", deploybot.KeyStagingFirst, "yes", deploybot.ScopeProject, 9},
		{"blog", "production", deploybot.KeyStagingFirst, "yes", deploybot.ScopeGlobal, 0}, // it has a staging
	} {
		s := get(tc.project, tc.env, tc.key)
		if s.Value != tc.value || s.Scope != tc.scope || s.Line != tc.line {
			t.Errorf("%s/%s %s = %q from %s line %d; want %q from %s line %d", tc.project, tc.env, tc.key, s.Value, s.Scope, s.Line, tc.value, tc.scope, tc.line)
		}
	}

	// Chat overrides the file in its own layer, per environment.
	if _, err := r.Set(ctx, deploybot.ScopeEnvironment, "shop", "staging", deploybot.KeyStrategy, "canary", "U1@T1", "carol"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Set(ctx, deploybot.ScopeAgency, "", "", deploybot.KeyApproval, "none", "U1@T1", "carol"); err != nil {
		t.Fatal(err)
	}
	if s := get("shop", "staging", deploybot.KeyStrategy); s.Value != "canary" || s.SetByName != "carol" {
		t.Errorf("staging strategy after chat: %+v", s)
	}
	if s := get("shop", "production", deploybot.KeyStrategy); s.Value != "blue-green" {
		t.Errorf("production strategy changed with staging's: %+v", s)
	}
	s := get("shop", "production", deploybot.KeyApproval)
	if s.Value != "none" || s.Shadows != "four-eyes" || s.ShadowsLine != 2 {
		t.Errorf("agency approval set by chat: %+v", s)
	}
	if got := s.Provenance(deploybot.English, time.UTC); got != "agency, set by carol on 2 Dec" {
		t.Errorf("provenance %q", got)
	}

	// A file change applies where no chat value stands.
	r.SetConfig(load(t, "agency: {approval: named, default_strategy: canary}\naccess: {production: {approve: [carol]}}\nprojects: [{name: shop}, {name: blog}]\n"))
	if s := get("blog", "production", deploybot.KeyStrategy); s.Value != "canary" {
		t.Errorf("file change not applied: %+v", s)
	}
	if s := get("shop", "production", deploybot.KeyApproval); s.Value != "none" || s.Shadows != "named" {
		t.Errorf("chat value does not stand over the changed file: %+v", s)
	}

	// Reset returns to the file's value.
	if ok, err := r.Reset(ctx, deploybot.ScopeAgency, "", "", deploybot.KeyApproval, "U1@T1", "carol"); err != nil || !ok {
		t.Fatalf("reset: %v %v", ok, err)
	}
	if s := get("shop", "production", deploybot.KeyApproval); s.Value != "named" || s.FromChat() {
		t.Errorf("after reset: %+v", s)
	}
	if ok, _ := r.Reset(ctx, deploybot.ScopeAgency, "", "", deploybot.KeyApproval, "U1@T1", "carol"); ok {
		t.Error("a second reset reset something")
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		key, in, want string
		ok            bool
	}{
		{deploybot.KeyStrategy, "Blue Green", "blue-green", true},
		{deploybot.KeyStrategy, "yolo", "", false},
		{deploybot.KeyApproval, "quatre yeux", "four-eyes", true},
		{deploybot.KeyStagingFirst, "oui", "yes", true},
		{deploybot.KeyStagingFirst, "maybe", "", false},
		{deploybot.KeyMonitorWindow, "45m", "45m", true},
		{deploybot.KeyMonitorWindow, "soon", "", false},
		{deploybot.KeyMaxErrorRate, "0,5%", "0.005", true},
		{deploybot.KeyMaxErrorRate, "-1", "", false},
		{deploybot.KeyWindowsRecommend, "Tue-Thu 10:00-16:00; Mon,Wed 12:00-18:00", "Tue-Thu 10:00-16:00; Mon,Wed 12:00-18:00", true},
		{deploybot.KeyWindowsRecommend, "whenever", "", false},
		{deploybot.KeyChecklistSkip, "docs, team", "docs, team", true},
		{deploybot.KeyChecklistSkip, "everything", "", false},
		{"nonsense", "x", "", false},
	} {
		got, err := settings.Validate(tc.key, tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("Validate(%s, %q) = %q, %v", tc.key, tc.in, got, err)
		}
	}
}

// TestSetRefusesWrongLayerOrTarget: a key is set only where it applies,
// for a project and an environment that exist.
func TestSetRefusesWrongLayerOrTarget(t *testing.T) {
	r, _ := newResolver(t)
	ctx := context.Background()
	for _, tc := range []struct {
		scope        deploybot.Scope
		project, env string
		key          string
		code         string
	}{
		{deploybot.ScopeAgency, "", "", deploybot.KeyStagingFirst, deploybot.EINVALID},
		{deploybot.ScopeProject, "foo", "", deploybot.KeyStrategy, deploybot.ENOTFOUND},
		{deploybot.ScopeEnvironment, "shop", "qa", deploybot.KeyStrategy, deploybot.ENOTFOUND},
		{deploybot.ScopeEnvironment, "shop", "staging", deploybot.KeyHolidays, deploybot.EINVALID},
	} {
		if _, err := r.Set(ctx, tc.scope, tc.project, tc.env, tc.key, "canary", "U1@T1", "carol"); deploybot.ErrorCode(err) != tc.code {
			t.Errorf("set %s at %s %s/%s: %v, want %s", tc.key, tc.scope, tc.project, tc.env, err, tc.code)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{30 * time.Minute: "30m", 2 * time.Hour: "2h", 90 * time.Minute: "1h30m",
		45 * time.Second: "45s", 500 * time.Millisecond: "500ms", 30 * 24 * time.Hour: "30d"} {
		if got := config.FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%s) = %q, want %q", d, got, want)
		}
		if back, err := config.ParseDuration(want); err != nil || back != d {
			t.Errorf("ParseDuration(%q) = %s, %v", want, back, err)
		}
	}
}

// TestResolveKeys: the keys resolved at once are those Resolve gives one
// by one, in their order, chat values included.
func TestResolveKeys(t *testing.T) {
	r, _ := newResolver(t)
	ctx := context.Background()
	if _, err := r.Set(ctx, deploybot.ScopeEnvironment, "shop", "staging", deploybot.KeyStrategy, "canary", "U1@T1", "carol"); err != nil {
		t.Fatal(err)
	}
	keys := []string{deploybot.KeyStrategy, deploybot.KeyApproval, deploybot.KeyMaxErrorRate, deploybot.KeyStagingFirst, deploybot.KeyStrategy}
	for _, target := range [][2]string{{"shop", "staging"}, {"shop", "production"}, {"shop", ""}, {"blog", ""}, {"", ""}} {
		got, err := r.ResolveKeys(ctx, target[0], target[1], keys)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(keys) {
			t.Fatalf("%d settings for %d keys", len(got), len(keys))
		}
		for i, key := range keys {
			want, err := r.Resolve(ctx, target[0], target[1], key)
			if err != nil {
				t.Fatal(err)
			}
			if got[i] != want {
				t.Errorf("%s/%s %s: %+v, want %+v", target[0], target[1], key, got[i], want)
			}
		}
	}
}

// valuesInPlace is a Store that hands out its own slice of values, which
// the test then changes in place.
type valuesInPlace struct{ vs []deploybot.Setting }

func (s *valuesInPlace) SettingValues(context.Context) ([]deploybot.Setting, error) { return s.vs, nil }
func (s *valuesInPlace) PutSetting(context.Context, deploybot.Setting) (deploybot.Setting, bool, error) {
	return deploybot.Setting{}, false, nil
}
func (s *valuesInPlace) DeleteSetting(context.Context, deploybot.Setting) (bool, error) {
	return false, nil
}

// TestResolverValuesChangedInPlace: the resolver keeps the chat values by
// layer while they stay the same, and sees a change made in the very
// slice it was given before.
func TestResolverValuesChangedInPlace(t *testing.T) {
	ctx := context.Background()
	st := &valuesInPlace{vs: []deploybot.Setting{{Key: deploybot.KeyStrategy, Value: "canary", Scope: deploybot.ScopeProject, Project: "shop", SetBy: "carol"}}}
	r := settings.New(load(t, file), st, nil)
	for _, want := range []string{"canary", "canary", "recreate", "recreate", ""} {
		switch want {
		case "recreate":
			st.vs[0].Value = want
		case "":
			st.vs, want = nil, "blue-green" // the file's, once the chat value is gone
		}
		s, err := r.Resolve(ctx, "shop", "production", deploybot.KeyStrategy)
		if err != nil {
			t.Fatal(err)
		}
		if s.Value != want {
			t.Fatalf("strategy of shop: %q, want %q", s.Value, want)
		}
	}
}

// TestEmptyListOfTheFileIsNone: a list the file gives empty ("avoid: []")
// is none at its layer, for the agency and for a project; a list left out
// keeps the built-in default. It was read as unset, and the default's
// Friday afternoon stayed an avoid window.
func TestEmptyListOfTheFileIsNone(t *testing.T) {
	cfg := load(t, `windows:
  recommended: ["Mon-Sun 00:00-24:00"]
  acceptable: []
  avoid: []
projects:
  - name: shop
    windows: {avoid: []}
  - name: blog
`)
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := settings.New(cfg, db, db.Now)
	for _, project := range []string{"", "shop", "blog"} {
		for _, key := range []string{deploybot.KeyWindowsAvoid, deploybot.KeyWindowsAcceptable} {
			s, err := r.Resolve(context.Background(), project, "", key)
			if err != nil {
				t.Fatal(err)
			}
			if got := settings.List(key, s.Value); len(got) != 0 || s.Scope == deploybot.ScopeGlobal {
				t.Errorf("%s %s = %q (%s): want none from the file", project, key, s.Value, s.Scope)
			}
		}
	}
	if _, err := settings.Validate(deploybot.KeyWindowsAvoid, "none"); err == nil {
		t.Error(`a chat "none" opened every window`)
	}
}
