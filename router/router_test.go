package router_test

import (
	"context"
	"sync"
	"testing"

	"deploybot"
	"deploybot/router"
)

var testProjects = []deploybot.Project{
	{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	{Name: "payments", Aliases: []string{"pay"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}, {Name: "uat"}}},
	{Name: "dashboard", Aliases: []string{"dash"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	{Name: "mobile-api", Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	{Name: "shop"},
}

func TestRoute(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text                  string
		route                       deploybot.Route
		intent                      deploybot.IntentKind
		app, env, version, wantLang string
	}{
		{"fr order", "déploie api v1.4.2 en prod", "production", "deploy", "api", "production", "v1.4.2", "fr"},
		{"en order", "deploy api v1.4.2 to production", "production", "deploy", "api", "production", "v1.4.2", "en"},
		{"no accents", "deploie payments en preprod stp", "staging", "deploy", "payments", "staging", "", "fr"},
		{"alias", "ship backend 2.0.1 to prod pls", "production", "deploy", "api", "production", "2.0.1", "en"},
		{"alias fr", "pousse dash en recette", "staging", "deploy", "dashboard", "staging", "", "fr"},
		{"project typo", "deploy paymnets to staging", "staging", "deploy", "payments", "staging", "", "en"},
		{"env typo", "deploy api to stagging", "staging", "deploy", "api", "staging", "", "en"},
		{"slack mention", "<@U04ABCD12> rollback api on prod", "rollback", "rollback", "api", "production", "", "en"},
		{"at mention", "@deploybot déploie shop en prod", "production", "deploy", "shop", "production", "", "fr"},
		{"emoji", "ship dash to prod 🚀🔥", "production", "deploy", "dashboard", "production", "", "en"},
		{"sha", "deploy api to staging sha e41b07d", "staging", "deploy", "api", "staging", "e41b07d", "en"},
		{"release tag", "mets api release-2024.11 en prod", "production", "deploy", "api", "production", "release-2024.11", "fr"},
		{"latest", "deploy the latest api to prod", "production", "deploy", "api", "production", "", "en"},
		{"rollback to version", "rollback payments en prod vers la v3.3.0 stp", "rollback", "rollback", "payments", "production", "v3.3.0", "fr"},
		{"rollback without env is asked", "revert api to the previous release", "rollback", "rollback", "api", "", "", "en"},
		{"source env", "promote dash from staging to prod", "production", "deploy", "dashboard", "production", "", "en"},
		{"declared env", "deploy payments 1.2.0 to uat", "staging", "deploy", "payments", "uat", "1.2.0", "en"},
		{"two-word name", "deploy mobile api to prod", "production", "deploy", "mobile-api", "production", "", "en"},
		{"polite fr", "bonjour, pouvez-vous déployer la 2.3.0 de api en production ? merci", "production", "deploy", "api", "production", "2.3.0", "fr"},
		{"mixed", "can you push pay en prod stp", "production", "deploy", "payments", "production", "", "en"},
		{"negated fr", "ne déploie pas encore api en prod, comment on valide la recette ?", "staging", "question", "", "", "", "fr"},
		{"negated en", "don't roll back api yet, how do we decide between revert and hotfix?", "rollback", "question", "", "", "", "en"},
		{"how-to question", "comment je déploie api en prod ?", "production", "question", "", "", "", "fr"},
		{"windows", "je peux déployer vendredi à 17h ?", "orchestrator", "question", "", "", "", "fr"},
		{"checklist", "what's on the pre-deploy checklist?", "orchestrator", "question", "", "", "", "en"},
		{"incident", "error rate doubled since the api deploy, what do we do?", "rollback", "question", "", "", "", "en"},
		{"devops", "can you write the gitlab-ci pipeline that deploys api?", "devops", "question", "", "", "", "en"},
		{"direction", "il faut un standard de déploiement commun à toute l'agence, qui le définit ?", "direction-technique", "question", "", "", "", "fr"},
		{"strategy", "blue-green ou canary pour payments ?", "production", "question", "", "", "", "fr"},
		{"smoke", "quels smoke tests lancer sur la preprod ?", "staging", "question", "", "", "", "fr"},
		{"ask after context", "context: the client validated it yesterday and the notes are in JIRA-5120. please deploy api 3.2.0 to production now", "production", "deploy", "api", "production", "3.2.0", "en"},
		{"past deploy then question", "we deployed api to staging yesterday. how do we validate the build before prod?", "staging", "question", "", "", "", "en"},
		{"swapped letters", "envoie api en pord stp", "production", "deploy", "api", "production", "", "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Route(context.Background(), tt.text)
			if got.Route != tt.route || got.Intent != tt.intent || got.App != tt.app || got.Env != tt.env ||
				got.Version != tt.version || string(got.Lang) != tt.wantLang {
				t.Errorf("Route(%q)\n got  %s/%s app=%q env=%q version=%q lang=%s\n want %s/%s app=%q env=%q version=%q lang=%s",
					tt.text, got.Route, got.Intent, got.App, got.Env, got.Version, got.Lang,
					tt.route, tt.intent, tt.app, tt.env, tt.version, tt.wantLang)
			}
			if got.Confidence < 0 || got.Confidence > 1 {
				t.Errorf("confidence %v out of [0,1]", got.Confidence)
			}
		})
	}
}

func TestRouteUnknownProject(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	got := r.Route(context.Background(), "deploy frobnicator v1.2.3 to prod")
	if got.Intent != deploybot.IntentDeploy || got.App != "" || got.Version != "v1.2.3" {
		t.Errorf("got %+v, want a deploy with no app", got)
	}
	known := r.Route(context.Background(), "deploy api v1.2.3 to prod")
	if got.Confidence >= known.Confidence {
		t.Errorf("confidence without a project %.2f should be below %.2f", got.Confidence, known.Confidence)
	}
}

func TestRouteEmpty(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"", "   ", "🚀🚀", "<@U123>"} {
		got := r.Route(context.Background(), text)
		if got.Route != deploybot.RouteOrchestrator || got.Intent != deploybot.IntentQuestion || got.Confidence != 0 {
			t.Errorf("Route(%q) = %+v, want a zero-confidence orchestrator question", text, got)
		}
	}
}

// TestRouteConcurrent routes from many goroutines at once (run with -race).
func TestRouteConcurrent(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	want := r.Route(context.Background(), "déploie api v1.4.2 en prod")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := r.Route(context.Background(), "déploie api v1.4.2 en prod"); got != want {
					t.Errorf("concurrent Route gave %+v, want %+v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
