package agents_test

import (
	"strings"
	"testing"
)

// TestForceReasonGivenAfterTheRefusal: a forced deploy without its reason
// is refused; the answer right after is the reason, and the same forced
// deploy is planned again, with its approval (the chat kept the order
// without its flag, and the reason got "no precise answer"). An answer
// that only agrees forces nothing.
func TestForceReasonGivenAfterTheRefusal(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	say("alice", "deploy web v2.0.0 to staging --yes")
	if got := say("alice", "deploy web v2.0.0 to production --force"); !strings.Contains(got, "Refused") {
		t.Fatalf("forced without a reason: %s", got)
	}
	if got := say("alice", "fine"); strings.Contains(got, "forced deployment") {
		t.Errorf("fine: %s", got)
	}
	say("alice", "deploy web v2.0.0 to production --force")
	got := say("alice", "checkout down for every customer")
	if !strings.Contains(got, `forced deployment ("checkout down for every customer")`) || !strings.Contains(got, "web v2.0.0 → production") {
		t.Errorf("the reason as an answer:\n%s", got)
	}
}
