package router_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"deploybot/router"
)

// TestSession26Settings holds settings changed by a verb other than
// "set", or with the key alone (holdout50, once read): "change the
// strategy to canary" right after the project's context was a card on
// migrations; the project the conversation names, or none (the bot
// asks). Told, asked, or a key that is none stay talk.
func TestSession26Settings(t *testing.T) {
	ctxAPI := []string{"show context for api", "Context of api:\n• strategy: blue-green\n• zero downtime: yes"}
	ctxAPIFr := []string{"contexte du projet api", "Contexte de api :\n• stratégie : blue-green\n• zéro interruption : oui"}
	checkReadings(t, []reading{
		{"change the strategy to canary", ctxAPI, "command context app=api key=strategy scope=project value=canary what=set"},
		{"passe la stratégie en canary", ctxAPIFr, "command context app=api key=strategy scope=project value=canary what=set"},
		{"change the strategy to canary", nil, "command context key=strategy scope=project value=canary what=set"},
		{"set strategy to canary", nil, "command context key=strategy scope=project value=canary what=set"},
		{"mets la stratégie à canary", nil, "command context key=strategy scope=project value=canary what=set"},
		{"change api strategy to canary", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"change the api approval to none", nil, "command context app=api key=approval scope=project value=none what=set"},
		{"switch the strategy to rolling please", nil, "command context key=strategy scope=project value=rolling what=set"},
		{"we changed the strategy to canary", nil, "question production"},
		{"change the strategy to canary?", nil, "question production"},
		{"change the version to 2.5.0", nil, "question production"},
		{"passe le site en prod", nil, "action deploy app=web env=production"},
	})
}

// TestSession26YesAfterAside holds a yes said after the person's own
// question while a plan waits: the chat keeps the question, not the
// bot's answer to it, so the yes answers no question of the bot's. It
// confirms nothing (it was not understood, and the bot's reply did not
// say which plan waited): its closest things are that plan's yes and no,
// by number.
func TestSession26YesAfterAside(t *testing.T) {
	r, err := router.New(evalProjects(t, filepath.Join("..", "config.example.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	plan := []string{"deploy api 2.5.0 to production", "Deploy api 2.5.0 → production (#7)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	for _, tt := range []struct {
		text    string
		history []string
		want    []string
	}{
		{"yes", append(slices.Clone(plan), "wait, is the staging run green?"), []string{"confirm 7", "cancel 7"}},
		{"oui", []string{"déploie api 2.5.0 en prod", "Déploiement api 2.5.0 → production (#8)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »).", "attends, la recette est verte ?"}, []string{"confirm 8", "cancel 8"}},
		{"yes", []string{"wait, is the staging run green?"}, nil},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != "unknown" {
			t.Errorf("%q %q: kind %s, want unknown", tt.text, tt.history, got.Kind)
		}
		if tt.want != nil && !slices.Equal(got.Alternatives, tt.want) {
			t.Errorf("%q %q: alternatives %q, want %q", tt.text, tt.history, got.Alternatives, tt.want)
		}
		if tt.want == nil && slices.ContainsFunc(got.Alternatives, func(a string) bool { return len(a) > 8 && a[:8] == "confirm " }) {
			t.Errorf("%q %q: alternatives %q offer a plan's yes", tt.text, tt.history, got.Alternatives)
		}
	}
}
