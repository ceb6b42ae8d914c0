package deploy_test

import (
	"context"
	"testing"
	"time"

	"deploybot"
)

// datedChangelog gives the changes between two versions, with commit
// times, from a table keyed "from..to"; an unknown pair is an error.
type datedChangelog map[string][]deploybot.Change

func (c datedChangelog) Changes(_ context.Context, project, from, to string) ([]deploybot.Change, error) {
	cs, ok := c[from+".."+to]
	if !ok {
		return nil, deploybot.Errorf(deploybot.ENOTFOUND, "version %s or %s not found in the repository of %s", from, to, project)
	}
	return cs, nil
}

// TestFirstCommitRecorded: a production deploy records, on its deployment,
// when the earliest commit it ships was made, from the changelog its
// notification lists; staging runs, rollbacks and deploys without a dated
// changelog record nothing.
func TestFirstCommitRecorded(t *testing.T) {
	f := newFixture(t)
	c1 := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	c2 := c1.Add(26 * time.Hour)
	c3 := c2.Add(24 * time.Hour)
	f.svc.Poster, f.svc.Lang = &poster{}, deploybot.English
	f.svc.Changelog = datedChangelog{
		"v1..v2": {{Type: "fix", Summary: "b", SHA: "b", CommittedAt: c2}, {Type: "feat", Summary: "a", SHA: "a", CommittedAt: c1}},
		"v2..v3": {{Type: "fix", Summary: "undated", SHA: "c"}},
		"v4..v5": {{Type: "perf", Summary: "d", SHA: "d", CommittedAt: c3}},
	}
	tests := []struct {
		name, env, version string
		want               time.Time // zero: nothing recorded
	}{
		{"first production deploy: no previous version, no changelog", "production", "v1", time.Time{}},
		{"staging: not a production deploy", "staging", "v2", time.Time{}},
		{"production: the earliest commit of v1..v2", "production", "v2", c1},
		{"production: no commit dated", "production", "v3", time.Time{}},
		{"production: the changelog fails", "production", "v4", time.Time{}},
		{"production: the commit of v4..v5", "production", "v5", c3},
	}
	staged := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env == "production" && !staged[tt.version] {
				f.deploy(t, "staging", tt.version, "alice")
			}
			staged[tt.version] = true
			d := f.deploy(t, tt.env, tt.version, "alice")
			if d.State != deploybot.StateSucceeded {
				t.Fatalf("deployment %+v", d)
			}
			if !d.FirstCommitAt.Equal(tt.want) {
				t.Errorf("FirstCommitAt = %v, want %v", d.FirstCommitAt, tt.want)
			}
		})
	}

	// A rollback ships no change of its own: it records nothing, although
	// its changelog (v4..v5, undone) is dated.
	p := f.rollbackTo(t, "production", "v4", "alice")
	rb, err := f.db.Deployment(context.Background(), p.Deployment.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rb.Action != deploybot.ActionRollback || !rb.FirstCommitAt.IsZero() {
		t.Errorf("rollback %s -> %s: FirstCommitAt = %v, want none", rb.PreviousVersion, rb.Version, rb.FirstCommitAt)
	}
}
