package githubactions

import (
	"testing"
	"time"

	"github.com/google/go-github/v93/github"
)

func TestPickRun(t *testing.T) {
	after := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	run := func(id int64, title string, created time.Duration) *github.WorkflowRun {
		return &github.WorkflowRun{
			ID: github.Ptr(id), DisplayTitle: github.Ptr(title), Name: github.Ptr("Deploy"),
			Event: github.Ptr("workflow_dispatch"), CreatedAt: &github.Timestamp{Time: after.Add(created)},
		}
	}
	tests := []struct {
		name string
		runs []*github.WorkflowRun
		want int64 // 0: none
	}{
		{"none", nil, 0},
		{"marked", []*github.WorkflowRun{run(3, "Deploy api #43", 3*time.Second), run(2, "Deploy api 1.42.0 #42", 2*time.Second)}, 2},
		{"deploy- marker", []*github.WorkflowRun{run(2, "release deploy-42", time.Second)}, 2},
		{"marker is case-insensitive", []*github.WorkflowRun{run(2, "Deploy-42", time.Second)}, 2},
		{"marker with leading zeros", []*github.WorkflowRun{run(2, "run #0042", time.Second)}, 2},
		{"another deployment's run is never taken", []*github.WorkflowRun{run(3, "Deploy api #43", time.Second)}, 0},
		{"the id must be whole", []*github.WorkflowRun{run(3, "Deploy api #421", time.Second), run(4, "Deploy #4", time.Second)}, 0},
		{"a version is not a marker", []*github.WorkflowRun{run(5, "Deploy 1.42.0", time.Second), run(6, "Deploy 42", 2*time.Second)}, 6},
		{"marked but too old", []*github.WorkflowRun{run(2, "Deploy #42", -time.Second)}, 0},
		{"unmarked: the newest since the dispatch", []*github.WorkflowRun{run(7, "Deploy", time.Second), run(8, "Deploy", 4*time.Second), run(6, "Deploy", -time.Minute)}, 8},
		{"unmarked: same time, the higher id", []*github.WorkflowRun{run(7, "Deploy", time.Second), run(8, "Deploy", time.Second)}, 8},
		{"unmarked: older runs are not taken", []*github.WorkflowRun{run(6, "Deploy", -time.Minute)}, 0},
		{"a marked run wins over a newer unmarked one", []*github.WorkflowRun{run(9, "Deploy", 9*time.Second), run(2, "Deploy #42", time.Second)}, 2},
		{"other events are skipped", []*github.WorkflowRun{func() *github.WorkflowRun {
			r := run(2, "Deploy #42", time.Second)
			r.Event = github.Ptr("push")
			return r
		}()}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pickRun(tt.runs, 42, after)
			if got.GetID() != tt.want {
				t.Errorf("pickRun = run %d, want %d", got.GetID(), tt.want)
			}
		})
	}
}
