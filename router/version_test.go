package router_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestVersionPosition checks what the router reads in a version's position:
// a version as written, nothing (no version named), or a bad version that
// the action is refused for. A version is never a part of what was typed.
func TestVersionPosition(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	const dep, rb = deploybot.IntentDeploy, deploybot.IntentRollback
	tests := []struct {
		text    string
		intent  deploybot.IntentKind
		app     string
		version string
		bad     string
	}{
		// No version named: nothing guessed, nothing refused.
		{"deploy shop to staging", dep, "shop", "", ""},
		{"déploie shop en recette", dep, "shop", "", ""},
		{"rollback shop prod", rb, "shop", "", ""},
		{"reviens à la version d'avant sur shop", rb, "shop", "", ""},
		{"roll back shop to the previous version", rb, "shop", "", ""},
		{"revert api to the previous release", rb, "api", "", ""},
		{"remets la version précédente de shop en prod stp", rb, "shop", "", ""},
		{"rollback shop to the last good build", rb, "shop", "", ""},
		{"reviens à la dernière version stable de api en prod", rb, "api", "", ""},
		{"deploy the latest api to prod", dep, "api", "", ""},
		{"deploy shop latest to staging", dep, "shop", "", ""},
		{"déploie shop maintenant en prod stp", dep, "shop", "", ""},
		{"deploy shop now to production please", dep, "shop", "", ""},
		{"déploie shop demain 9h en prod", dep, "shop", "", ""},
		{"deploy shop tomorrow at 10am to prod", dep, "shop", "", ""},
		{"deploy shop 17:00 to prod", dep, "shop", "", ""},
		{"déploie shop le 20/12 en prod", dep, "shop", "", ""},
		{"deploy shop api to staging", dep, "shop", "", ""},
		{"deploy shop v1.2.3 to prod --yes", dep, "shop", "v1.2.3", ""},
		{"deploy shop v1.2.3 -y", dep, "shop", "v1.2.3", ""},
		{"déploie shop --wait en prod", dep, "shop", "", ""},
		{`deploy shop to prod --force "client demo at 9"`, dep, "shop", "", ""},
		{"deploy shop to prod --force=hotfix", dep, "shop", "", ""},
		{"rollback shop to yesterday's build", rb, "shop", "", ""},
		{"the shop checkout page is down, roll back shop on prod", rb, "shop", "", ""},

		// A version, as written.
		{"deploy shop v1.4.2 to staging", dep, "shop", "v1.4.2", ""},
		{"déploie shop 2.0.0-rc.1 en recette", dep, "shop", "2.0.0-rc.1", ""},
		{"mets api release-2024.11 en prod", dep, "api", "release-2024.11", ""},
		{"deploy shop release/2024.11 to staging", dep, "shop", "release/2024.11", ""},
		{"deploy shop@1.2.3 to staging", dep, "shop", "1.2.3", ""},
		{"deploy shop (v1.2.3) to prod", dep, "shop", "v1.2.3", ""},
		{"deploy shop `v1.2.3` to prod", dep, "shop", "v1.2.3", ""},
		{"déploie shop build 42 en prod", dep, "shop", "42", ""},
		{"deploy shop to staging, sha e41b07d", dep, "shop", "e41b07d", ""},
		{"rollback payments en prod vers la v3.3.0 stp", rb, "payments", "v3.3.0", ""},
		{"roll back shop to v1.2.0.", rb, "shop", "v1.2.0", ""},

		// A word where a version is expected that is not one.
		{"deploy shop --help to staging", dep, "shop", "", "--help"},
		{"déploie shop --help en recette", dep, "shop", "", "--help"},
		{"deploy shop v1/../../etc to staging", dep, "shop", "", "v1/../../etc"},
		{"déploie shop v1/../../etc en prod", dep, "shop", "", "v1/../../etc"},
		{"deploy shop ../../etc/passwd to staging", dep, "shop", "", "../../etc/passwd"},
		{"deploy shop v1.2.3/../x to prod", dep, "shop", "", "v1.2.3/../x"},
		{"deploy shop /v2 to prod", dep, "shop", "", "/v2"},
		{"deploy shop v1..2 to prod", dep, "shop", "", "v1..2"},
		{"deploy shop v1.2.3... to prod", dep, "shop", "", "v1.2.3..."},
		{"deploy shop 1.2.3$x to prod", dep, "shop", "", "1.2.3$x"},
		{"deploy shop $(id) to prod", dep, "shop", "", "$(id)"},
		{"deploy shop v1;id to prod", dep, "shop", "", "v1;id"},
		{"deploy shop vé1.2 to prod", dep, "shop", "", "vé1.2"},
		{"deploy shop foo to staging", dep, "shop", "", "foo"},
		{"déploie shop bidule en prod", dep, "shop", "", "bidule"},
		{"deploy shop version foo to prod", dep, "shop", "", "foo"},
		{"déploie la version truc de shop en prod", dep, "shop", "", "truc"},
		{"déploie shop tag bidule en prod", dep, "shop", "", "bidule"},
		{"deploy shop 42 to staging", dep, "shop", "", "42"},
		{"deploy shop main to staging", dep, "shop", "", "main"},
		{"deploy shop -rf to prod", dep, "shop", "", "-rf"},
		{"deploy shop to staging --dry-run", dep, "shop", "", "--dry-run"},
		{"rollback shop --help", rb, "shop", "", "--help"},
		{"rollback shop to foo", rb, "shop", "", "foo"},
		{"reviens à la bidule sur shop en prod", rb, "shop", "", "bidule"},
		{"rollback shop to ../../etc", rb, "shop", "", "../../etc"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := r.Route(context.Background(), tt.text)
			if got.Intent != tt.intent || got.App != tt.app || got.Version != tt.version || got.BadVersion != tt.bad {
				t.Errorf("Route(%q)\n got  %s app=%q version=%q bad=%q\n want %s app=%q version=%q bad=%q",
					tt.text, got.Intent, got.App, got.Version, got.BadVersion, tt.intent, tt.app, tt.version, tt.bad)
			}
			if got.Version != "" && got.BadVersion == got.Version {
				t.Errorf("bad version %q is also the version", got.BadVersion)
			}
		})
	}
}

// TestVersionNeverAPrefix checks that a version is always a whole word of
// the message: what follows it up to the next space is never dropped.
func TestVersionNeverAPrefix(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tail := range []string{"/../../etc", "/..", "$(id)", ";rm", "`id`", "|sh", "&&x", "\\x", "'", "\x00x", "\xffx", "é", "/"} {
		text := "deploy shop v1" + tail + " to staging"
		got := r.Route(context.Background(), text)
		if got.Version != "" {
			t.Errorf("Route(%q): version %q, want none", text, got.Version)
		}
		if got.BadVersion == "" || !strings.HasPrefix(got.BadVersion, "v1") {
			t.Errorf("Route(%q): bad version %q, want the word as written", text, got.BadVersion)
		}
	}
}

// TestQuestionsCarryNoBadVersion: only an action is refused for a bad
// version; a question that shows one is answered.
func TestQuestionsCarryNoBadVersion(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"comment je déploie api --help en prod ?",
		"how do we validate v1/../../etc before prod?",
	} {
		if got := r.Route(context.Background(), text); got.Intent.IsAction() || got.BadVersion != "" {
			t.Errorf("Route(%q) = %s with bad version %q, want a question with none", text, got.Intent, got.BadVersion)
		}
	}
}
