package deploy

import (
	"testing"

	"deploybot"
)

func run(id int64, version string, state deploybot.DeployState, failure deploybot.Failure) deploybot.Deployment {
	return deploybot.Deployment{ID: id, Version: version, State: state, Failure: failure, Started: true}
}

func TestHistory(t *testing.T) {
	ok, rb, failed := deploybot.StateSucceeded, deploybot.StateRolledBack, deploybot.StateFailed
	tests := []struct {
		name    string
		runs    []deploybot.Deployment
		current string
		target  string // RollbackTarget(current)
		good    []string
		bad     []string
		notGood []string
	}{
		{name: "nothing ran", target: ""},
		{name: "one version", runs: []deploybot.Deployment{run(1, "v1", ok, "")}, current: "v1", target: "", good: []string{"v1"}},
		{name: "two versions", runs: []deploybot.Deployment{run(1, "v1", ok, ""), run(2, "v2", ok, "")}, current: "v2", target: "v1"},
		{
			// v3 -> v1 named: "roll back" then goes to v2.
			name:    "after a rollback to an older version",
			runs:    []deploybot.Deployment{run(1, "v1", ok, ""), run(2, "v2", ok, ""), run(3, "v3", rb, ""), run(4, "v1", ok, "")},
			current: "v1", target: "v2", bad: []string{"v3"},
		},
		{
			// v3 -> v2: the next "roll back" goes to v1, never to v3.
			name:    "after a rollback to the previous version",
			runs:    []deploybot.Deployment{run(1, "v1", ok, ""), run(2, "v2", ok, ""), run(3, "v3", rb, ""), run(4, "v2", ok, "")},
			current: "v2", target: "v1", bad: []string{"v3"}, notGood: []string{"v3"},
		},
		{
			name:    "the issue's case: v1.3.0 rolled back to v1.2.0, nothing older",
			runs:    []deploybot.Deployment{run(1, "v1.2.0", ok, ""), run(2, "v1.3.0", rb, ""), run(3, "v1.2.0", ok, "")},
			current: "v1.2.0", target: "", bad: []string{"v1.3.0"},
		},
		{
			name:    "verification failure marks bad; executor failure does not",
			runs:    []deploybot.Deployment{run(1, "v1", ok, ""), run(2, "v2", failed, deploybot.FailureVerification), run(3, "v3", failed, deploybot.FailureExecutor)},
			current: "v3", target: "v1", bad: []string{"v2"}, notGood: []string{"v2", "v3"},
		},
		{
			name:    "monitoring failure marks bad until a later success",
			runs:    []deploybot.Deployment{run(1, "v1", ok, ""), run(2, "v2", ok, ""), run(3, "v2", failed, deploybot.FailureMonitoring), run(4, "v1", ok, ""), run(5, "v2", ok, "")},
			current: "v2", target: "v1", good: []string{"v1", "v2"},
		},
		{
			name:    "interrupted and monitoring runs are current but not good",
			runs:    []deploybot.Deployment{run(1, "v1", ok, ""), run(2, "v2", deploybot.StateInterrupted, "")},
			current: "v2", target: "v1", notGood: []string{"v2"},
		},
		{
			name:    "a run that never started is not current",
			runs:    []deploybot.Deployment{run(1, "v1", ok, ""), {ID: 2, Version: "v2", State: failed, Failure: deploybot.FailureExecutor}},
			current: "v1", target: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := NewHistory(tt.runs)
			if h.Current != tt.current {
				t.Errorf("Current = %q, want %q", h.Current, tt.current)
			}
			if got := h.RollbackTarget(h.Current); got != tt.target {
				t.Errorf("RollbackTarget = %q, want %q", got, tt.target)
			}
			for _, v := range tt.good {
				if !h.Good(v) {
					t.Errorf("%s is not good", v)
				}
			}
			for _, v := range tt.notGood {
				if h.Good(v) {
					t.Errorf("%s is good", v)
				}
			}
			for _, v := range tt.bad {
				if !h.Bad(v) {
					t.Errorf("%s is not bad", v)
				}
			}
		})
	}
}
