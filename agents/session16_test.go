package agents_test

import (
	"strings"
	"testing"
)

// TestForceReasonIsTypedWithTheFlag: a forced deploy without its reason
// is refused with the way to give it; an answer after the refusal forces
// nothing (the reason goes with the flag); the flag with its reason plans
// the forced deploy, with its approval.
func TestForceReasonIsTypedWithTheFlag(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	say("alice", "deploy web v2.0.0 to staging --yes")
	if got := say("alice", "deploy web v2.0.0 to production --force"); !strings.Contains(got, "Refused") || !strings.Contains(got, `--force "reason"`) {
		t.Fatalf("forced without a reason: %s", got)
	}
	if got := say("alice", "checkout down for every customer"); strings.Contains(got, "forced deployment") {
		t.Errorf("an answer forced the deploy: %s", got)
	}
	got := say("alice", `deploy web v2.0.0 to production --force "checkout down for every customer"`)
	if !strings.Contains(got, `forced deployment ("checkout down for every customer")`) || !strings.Contains(got, "web v2.0.0 → production") {
		t.Errorf("the flag with its reason:\n%s", got)
	}
}

// TestSameForAnotherProjectAfterALock: "same for web" right after a lock
// or an unlock of api's production does the same for web's, for the
// same reason; "unlock it" right after a lock still names that lock.
func TestSameForAnotherProjectAfterALock(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	steps := []struct{ text, want string }{
		{"lock api production: incident", "🔒 api/production locked by alice: incident"},
		{"same for web", "🔒 web/production locked by alice: incident"},
		{"unlock it: fixed", "🔓 web/production unlocked by alice: fixed"},
		{"unlock api production: fixed by 2.14.2", "🔓 api/production unlocked by alice: fixed by 2.14.2"},
		{"lock web production: demo", "🔒 web/production locked by alice: demo"},
		{"unlock web production: demo over", "🔓 web/production unlocked by alice: demo over"},
		{"same for api", "api/production"}, // not locked: says so
	}
	for _, s := range steps {
		if got := say("alice", s.text); !strings.Contains(got, s.want) {
			t.Errorf("%q:\n got  %s\n want %q in it", s.text, got, s.want)
		}
	}
}

// TestSuggestionPickedInTheChat: "the first one" right after the bot's
// suggestions for a message it did not understand runs that suggestion;
// a question the bot asked before is not lost for a typo.
func TestSuggestionPickedInTheChat(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	if got := say("alice", "stauts webb"); !strings.Contains(got, "not sure") {
		t.Fatalf("stauts webb: %s", got)
	}
	if got := say("alice", "the first one"); !strings.Contains(got, "Status of web") { // the first suggestion: "status web"
		t.Errorf("the first one: %s", got)
	}
	if got := say("alice", "deploy web v2.0.0"); !strings.Contains(got, "Which environment") {
		t.Fatalf("deploy web v2.0.0: %s", got)
	}
	say("alice", "qsdfqsdf")
	if got := say("alice", "staging"); !strings.Contains(got, "web v2.0.0 → staging") {
		t.Errorf("staging after a typo: %s", got)
	}
}
