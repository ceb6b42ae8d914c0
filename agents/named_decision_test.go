package agents_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
)

// TestDecisionNamedByProject: "approve api production" without an id
// decides on the single deployment waiting that matches the project and
// environment named, never on another one waiting.
func TestDecisionNamedByProject(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := func(user, text string) string {
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
