package policy_test

import (
	"strings"
	"testing"

	"deploybot"
	"deploybot/policy"
)

// TestUnresolvedEntry: an access-list entry that named nobody grants
// nothing, to anyone however spelled, and refusals show it as written.
func TestUnresolvedEntry(t *testing.T) {
	list := []string{"alice", policy.Unresolved("@developers")}
	for _, actor := range []string{"@developers", "developers", policy.Unresolved("@developers"), "\x00", ""} {
		if policy.Member(list, actor) {
			t.Errorf("Member(%q) = true", actor)
		}
	}
	if !policy.Member(list, "alice") {
		t.Error("alice is not a member")
	}
	if got, want := policy.Who(deploybot.English, list, ", "), "alice, @developers (nobody found)"; got != want {
		t.Errorf("Who = %q, want %q", got, want)
	}
	if got, want := policy.Who(deploybot.French, list, " ou "), "alice ou @developers (personne trouvée)"; got != want {
		t.Errorf("Who = %q, want %q", got, want)
	}
	v := policy.Evaluate(policy.Facts{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Requester: "bob",
		Deployers: []string{policy.Unresolved("@developers")}})
	for _, r := range v.Results {
		for _, s := range r.Reason {
			if strings.Contains(s, "\x00") {
				t.Errorf("a refusal holds the stand-in's bytes: %q", s)
			}
		}
	}
	if v.Level != policy.Deny {
		t.Errorf("level %v, want deny", v.Level)
	}
}
