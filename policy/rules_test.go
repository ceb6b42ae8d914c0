package policy_test

import (
	"testing"

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
