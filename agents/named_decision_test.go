package agents_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
	"deploybot/agents"
)

// TestDecisionNamedByProject: "approve api production" without an id
// decides on the single deployment waiting that matches the project and
// environment named, never on another one waiting.
func TestDecisionNamedByProject(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	for _, text := range []string{"deploy api v1.0.0 to staging --yes", "deploy api v1.1.0 to staging --yes", "deploy api v1.1.0 to production --yes"} {
		say("alice", text)
	}
	tests := []struct {
		user, text, want string
	}{
		{"carol", "approve web production", "No deployment of web production waits"},
		{"carol", "approve api staging", "No deployment of api staging waits"},
		{"carol", "approve api production", "(#3) started, approved by carol"},
	}
	for _, tt := range tests {
		got := say(tt.user, tt.text)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s> %q:\n got  %s\n want %q in it", tt.user, tt.text, got, tt.want)
		}
	}
}

// TestDecisionChosenFromTheList: with several deployments waiting, a
// decision without an id lists them with what they are, and an answer
// that names one by its project or its rank (the newest waiting first)
// decides on that one, in either language; an answer that fits two or
// none asks again.
func TestDecisionChosenFromTheList(t *testing.T) {
	for _, tt := range []struct {
		name, ask, answer, want, notWant string
	}{
		{"by project", "approve", "the web one", "(#4) started, approved by carol", ""},
		{"by alias", "approuve", "celle du site", "(#4) est lancé", ""},
		{"by rank", "approve", "the first one", "(#4) started, approved by carol", ""},
		{"by id", "approve", "4", "(#4) started, approved by carol", ""},
		{"fits both", "approve", "the production one", "Which one?", "started"},
		{"fits none", "approve", "the staging one", "Which one?", "started"},
		{"denied by name", "deny", "the api one", "#3 denied", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o, _ := langOrchestrator(t)
			say := sayer(t, o)
			for _, text := range []string{"deploy api v1.1.0 to staging --yes", "deploy web v2.0.0 to staging --yes",
				"deploy api v1.1.0 to production --yes", "deploy web v2.0.0 to production --yes"} {
				say("alice", text)
			}
			list := say("carol", tt.ask)
			for _, w := range []string{"#3 (api v1.1.0 → production)", "#4 (web v2.0.0 → production)"} {
				if !strings.Contains(list, w) {
					t.Fatalf("carol> %q:\n got  %s\n want %q in it", tt.ask, list, w)
				}
			}
			got := say("carol", tt.answer)
			if !strings.Contains(got, tt.want) || tt.notWant != "" && strings.Contains(got, tt.notWant) {
				t.Errorf("carol> %q, %q:\n got  %s\n want %q in it (not %q)", tt.ask, tt.answer, got, tt.want, tt.notWant)
			}
		})
	}
}

// sayer returns a function that hands user's text to o in one terminal
// channel, lets what it started settle, and returns the reply as shown.
func sayer(t *testing.T, o *agents.Orchestrator) func(user, text string) string {
	return func(user, text string) string {
		t.Helper()
		r, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c", User: user, Text: text, At: wednesday})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if err := o.Settle(context.Background()); err != nil {
			t.Fatal(err)
		}
		return shown(r)
	}
}
