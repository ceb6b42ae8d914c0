package policy_test

import (
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/policy"
)

// TestStagingFirstOffNote: the warning that staging first is off gives
// the configuration's reason when it has one, and no "(-)" when it has
// none (a new user found "(-)" in every production plan).
func TestStagingFirstOffNote(t *testing.T) {
	for _, tc := range []struct{ note, want string }{
		{"", "staging first is turned off for this project"},
		{"hotfix-only repo", "staging first is turned off for this project (hotfix-only repo)"},
	} {
		v := policy.Evaluate(policy.Facts{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Production: true,
			Version: "1.2.0", Requester: "alice", StagingFirst: false, StagingNote: tc.note, CertDays: -1})
		found := false
		for _, r := range v.Results {
			if r.Rule == "staging_first" {
				found = true
				if got := r.ReasonIn(deploybot.English); got != tc.want {
					t.Errorf("note %q: %q, want %q", tc.note, got, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("note %q: no staging-first result in %+v", tc.note, v.Results)
		}
	}
}

// TestFreezeRefusalSaysTheWayOut: a freeze's refusal tells one who may
// break glass how (--force, then an approval), and nobody else.
func TestFreezeRefusalSaysTheWayOut(t *testing.T) {
	frozen := policy.Moment{Class: policy.Frozen, Freeze: &policy.Freeze{Reason: "end of year"}}
	for _, tc := range []struct {
		user string
		hint bool
	}{{"alice", true}, {"bob", false}} {
		v := policy.Evaluate(policy.Facts{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Production: true, Version: "1.2.0",
			Requester: tc.user, Moment: frozen, ForceRoles: []string{"alice"}, StagingFirst: true, StagingOK: true, CertDays: -1})
		for _, r := range v.Results {
			if r.Rule == "freeze" {
				if got := strings.Contains(r.ReasonIn(deploybot.English), `add --force "reason"`); got != tc.hint {
					t.Errorf("%s: %q, hint %v, want %v", tc.user, r.ReasonIn(deploybot.English), got, tc.hint)
				}
			}
		}
	}
}

// TestWindowDayInFrench: a window's reason names the day in the reader's
// language ("ven. 17:00", not "Fri 17:00" in a French refusal).
func TestWindowDayInFrench(t *testing.T) {
	at := time.Date(2026, 12, 11, 17, 0, 0, 0, time.UTC) // a Friday
	v := policy.Evaluate(policy.Facts{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Production: true, Version: "1.2.0",
		Requester: "alice", Moment: policy.Moment{Class: policy.Avoid, At: at}, StagingFirst: true, StagingOK: true, CertDays: -1})
	for _, r := range v.Results {
		if r.Rule == "window" {
			if fr, en := r.ReasonIn(deploybot.French), r.ReasonIn(deploybot.English); !strings.Contains(fr, "(ven. 17:00)") || !strings.Contains(en, "(Fri 17:00)") {
				t.Errorf("window reasons: %q / %q", fr, en)
			}
			return
		}
	}
	t.Errorf("no window result in %+v", v.Results)
}

// TestAccessRefusalNamesWhoMay: a refusal for rights names who may
// deploy or roll back there (a new user could not tell whom to ask).
func TestAccessRefusalNamesWhoMay(t *testing.T) {
	for _, action := range []deploybot.Action{deploybot.ActionDeploy, deploybot.ActionRollback} {
		v := policy.Evaluate(policy.Facts{Project: "web", Env: "production", Production: true, Version: "1.2.0", Requester: "malik",
			Deployers: []string{"alice", "bob"}, Action: action, CertDays: -1})
		found := false
		for _, r := range v.Results {
			if r.Rule == "access" && strings.Contains(r.ReasonIn(deploybot.English), "who may: alice, bob") &&
				strings.Contains(r.ReasonIn(deploybot.French), "qui peut : alice, bob") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: %+v", action, v.Results)
		}
	}
}
