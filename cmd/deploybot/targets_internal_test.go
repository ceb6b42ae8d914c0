package main

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/config"
	"deploybot/settings"
)

// valuesStore is a settings.Store of values held in memory.
type valuesStore struct{ vs []deploybot.Setting }

func (s *valuesStore) SettingValues(context.Context) ([]deploybot.Setting, error) { return s.vs, nil }
func (s *valuesStore) PutSetting(_ context.Context, v deploybot.Setting) (deploybot.Setting, bool, error) {
	return v, true, nil
}
func (s *valuesStore) DeleteSetting(context.Context, deploybot.Setting) (bool, error) {
	return true, nil
}

// TestTargetsFollowSettings: the targets a plan reads keep their settings
// while the chat values stay the same, and take the new ones once they
// change.
func TestTargetsFollowSettings(t *testing.T) {
	ctx := context.Background()
	cfg, err := config.Parse([]byte("projects:\n  - name: shop\n"), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	store := &valuesStore{}
	targets, err := buildTargets(cfg, t.TempDir(), settings.New(cfg, store, nil))
	if err != nil {
		t.Fatal(err)
	}
	strategy := func() string {
		t.Helper()
		tg, err := targets(ctx, "shop", deploybot.EnvProduction)
		if err != nil {
			t.Fatal(err)
		}
		if got := tg.Settings[deploybot.KeyStrategy].Value; got != string(tg.Strategy) {
			t.Errorf("the target's strategy %q, its setting %q", tg.Strategy, got)
		}
		return string(tg.Strategy)
	}
	before := strategy()
	if got := strategy(); got != before {
		t.Fatalf("the same settings: %q, then %q", before, got)
	}
	want := "canary"
	if before == want {
		want = "rolling"
	}
	store.vs = []deploybot.Setting{{Scope: deploybot.ScopeProject, Project: "shop", Key: deploybot.KeyStrategy, Value: want}}
	if got := strategy(); got != want {
		t.Errorf("after the chat set the strategy to %q: %q", want, got)
	}
	store.vs = nil
	if got := strategy(); got != before {
		t.Errorf("after the chat value was reset: %q, want %q", got, before)
	}
}
