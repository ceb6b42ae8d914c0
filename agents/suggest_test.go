package agents_test

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestNotUnderstoodOffersTheClosest: a message not understood is offered
// the closest things the bot can do, as buttons whose value is their
// label (slack's suggest_command sends the value as the clicker's
// message, the terminal prints it to type), in the message's language;
// each of them, sent, is understood.
func TestNotUnderstoodOffersTheClosest(t *testing.T) {
	tests := []struct {
		text, notSure string
		want          []string
	}{
		{"rolbak ??", "I'm not sure", []string{"how do I roll back?", "help", "status"}},
		{"ça rolbak", "Je ne suis pas sûr", []string{"comment faire un rollback ?", "aide", "statut"}},
		{"ça lsit", "Je ne suis pas sûr", []string{"liste des projets", "liste des verrous", "liste des gels"}},
		{"bof checklst", "I'm not sure", []string{"what's the checklist?", "help", "status"}},
		{"stratgies ?", "I'm not sure", []string{"what are the deployment strategies?", "help", "status"}},
		{"asdfghjkl", "I'm not sure", []string{"help", "status", "can I deploy now?"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			o, _ := langOrchestrator(t)
			r := say(t, o, "alice", tc.text)
			if !strings.Contains(r.Text, tc.notSure) {
				t.Fatalf("%q answered %q", tc.text, r.Text)
			}
			var got []string
			for _, a := range r.Actions {
				if a.ID != "suggest_command" || a.Value != a.Label {
					t.Errorf("%q: button %+v", tc.text, a)
				}
				got = append(got, a.Value)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%q offered %q, want %q", tc.text, got, tc.want)
			}
			for _, v := range got {
				if reply := full(say(t, o, "alice", v)); strings.Contains(reply, "not sure") || strings.Contains(reply, "pas sûr") {
					t.Errorf("suggestion %q is not understood:\n%s", v, reply)
				}
			}
		})
	}
}

// TestSuggestionsInTheConversationsLanguage: gibberish says no language;
// after "salut" (small talk, which the conversation's memory does not
// keep) the reply is French, and so are the things it offers (they were
// the parser's English ones).
func TestSuggestionsInTheConversationsLanguage(t *testing.T) {
	o, _ := langOrchestrator(t)
	say(t, o, "alice", "salut")
	r := say(t, o, "alice", "asdkjh qwe")
	var got []string
	for _, a := range r.Actions {
		got = append(got, a.Value)
	}
	if want := []string{"aide", "statut", "je peux déployer maintenant ?"}; !strings.Contains(r.Text, "Je ne suis pas sûr") || !slices.Equal(got, want) {
		t.Errorf("%q offered %q, want French and %q", r.Text, got, want)
	}
}

// TestSuggestedOrderOnlyAsks: the router suggests an order only as a
// deploy or a rollback of the project the person wrote ("rollback web on
// staging" for "rolbak webb stagign"). Its button sends that text as a
// message, which goes through the normal flow: a plan that asks its
// confirmation, nothing run before the "yes"; a deploy without its
// version asks for it and runs nothing.
func TestSuggestedOrderOnlyAsks(t *testing.T) {
	o, _ := langOrchestrator(t)
	for _, v := range []string{"v1.0.0", "v1.0.1"} { // an earlier good version to roll back to
		if got := full(say(t, o, "alice", "deploy web "+v+" to staging --yes")); !strings.Contains(got, "started") {
			t.Fatalf("deploy web %s:\n%s", v, got)
		}
		if err := o.Deploys.Settle(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []step{
		// The suggestions' forms, sent as a click sends them.
		{"alice", "rollback web on staging", "Confirm? Answer \"yes\""},
		{"alice", "status web", "web/staging: v1.0.1"},
		{"alice", "rollback web en staging", "Confirmez-vous ?"},
		{"alice", "status web", "web/staging: v1.0.1"},
		{"alice", "deploy web to production", "Nothing ran."},
		{"alice", "déploie web en production", "Rien n'a été lancé."},
		{"alice", "status web", "web/production: rien de déployé"}, // the conversation speaks French now
	} {
		if got := full(say(t, o, s.user, s.text)); !strings.Contains(got, s.want) {
			t.Fatalf("%q:\n%s\nwant %q", s.text, got, s.want)
		}
	}
}
