package agents

import (
	"testing"

	"deploybot"
)

// TestVersionWarning: a plan says when its version already runs there, or
// is older than what runs there (review 12 downgraded production with
// nothing in the plan to flag it); a rollback, a first deploy and
// versions that are no semantic versions say nothing.
func TestVersionWarning(t *testing.T) {
	deploy := func(v, cur string) deploybot.Deployment {
		return deploybot.Deployment{Action: deploybot.ActionDeploy, Project: "web", Env: "production", Version: v, Replaces: cur}
	}
	tests := []struct {
		d    deploybot.Deployment
		lang deploybot.Lang
		want string
	}{
		{deploy("v1.0.0", "v1.1.0"), deploybot.English, "⚠️ v1.0.0 is older than v1.1.0, which runs on web/production: this is a downgrade."},
		{deploy("1.0.9", "v1.0.10"), deploybot.French, "⚠️ 1.0.9 est plus ancienne que v1.0.10, qui tourne sur web/production : c'est un retour en arrière de version."},
		{deploy("v1.1.0", "v1.1.0"), deploybot.English, "⚠️ v1.1.0 already runs on web/production: this deploy changes no version."},
		{deploy("1.1.0", "v1.1.0"), deploybot.French, "⚠️ 1.1.0 tourne déjà sur web/production : ce déploiement ne change pas de version."},
		{deploy("v1.2.0", "v1.1.0"), deploybot.English, ""},
		{deploy("v1.2.0", ""), deploybot.English, ""},
		{deploy("a1b2c3d", "v1.1.0"), deploybot.English, ""},
		{deploybot.Deployment{Action: deploybot.ActionRollback, Project: "web", Env: "production", Version: "v1.0.0", Replaces: "v1.1.0"}, deploybot.English, ""},
	}
	for _, tt := range tests {
		if got := versionWarning(tt.lang, tt.d); got != tt.want {
			t.Errorf("%s over %s (%s): %q, want %q", tt.d.Version, tt.d.Replaces, tt.d.Action, got, tt.want)
		}
	}
}
