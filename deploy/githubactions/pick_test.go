package githubactions

import (
	"testing"
	"time"
)

func TestPickRun(t *testing.T) {
	after := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	run := func(id int64, title string, created time.Duration) *WorkflowRun {
		return &WorkflowRun{ID: id, DisplayTitle: title, Name: "Deploy", Event: "workflow_dispatch", CreatedAt: after.Add(created)}
	}
	tests := []struct {
		name string
		runs []*WorkflowRun
		want int64 // 0: none
	}{
		{"none", nil, 0},
		{"marked", []*WorkflowRun{run(3, "Deploy api #43", 3*time.Second), run(2, "Deploy api 1.42.0 #42", 2*time.Second)}, 2},
		{"deploy- marker", []*WorkflowRun{run(2, "release deploy-42", time.Second)}, 2},
		{"marker is case-insensitive", []*WorkflowRun{run(2, "Deploy-42", time.Second)}, 2},
		{"marker with leading zeros", []*WorkflowRun{run(2, "run #0042", time.Second)}, 2},
		{"another deployment's run is never taken", []*WorkflowRun{run(3, "Deploy api #43", time.Second)}, 0},
		{"the id must be whole", []*WorkflowRun{run(3, "Deploy api #421", time.Second), run(4, "Deploy #4", time.Second)}, 0},
		{"a version is not a marker", []*WorkflowRun{run(5, "Deploy 1.42.0", time.Second), run(6, "Deploy 42", 2*time.Second)}, 6},
		{"marked but too old", []*WorkflowRun{run(2, "Deploy #42", -time.Second)}, 0},
		{"unmarked: the newest since the dispatch", []*WorkflowRun{run(7, "Deploy", time.Second), run(8, "Deploy", 4*time.Second), run(6, "Deploy", -time.Minute)}, 8},
		{"unmarked: same time, the higher id", []*WorkflowRun{run(7, "Deploy", time.Second), run(8, "Deploy", time.Second)}, 8},
		{"unmarked: older runs are not taken", []*WorkflowRun{run(6, "Deploy", -time.Minute)}, 0},
		{"a marked run wins over a newer unmarked one", []*WorkflowRun{run(9, "Deploy", 9*time.Second), run(2, "Deploy #42", time.Second)}, 2},
		{"other events are skipped", []*WorkflowRun{func() *WorkflowRun {
			r := run(2, "Deploy #42", time.Second)
			r.Event = "push"
			return r
		}()}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pickRun(tt.runs, 42, after)
			var id int64 // 0: none
			if got != nil {
				id = got.ID
			}
			if id != tt.want {
				t.Errorf("pickRun = run %d, want %d", id, tt.want)
			}
		})
	}
}
