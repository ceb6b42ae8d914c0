package deploy_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy"
	"deploybot/store"
)

// TestHistoryRuns: the history read from the store's HistoryRuns, which
// plans read, is the one read from every run, and so is VersionGood, over
// random histories: versions run again, fail in each way, are rolled
// back, drilled, started in another order than planned.
func TestHistoryRuns(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(19, 2026))
	versions := []string{"v1", "v2", "v3", "v4", ""}
	ends := [][]deploybot.DeployState{
		{deploybot.StateSucceeded}, {deploybot.StateSucceeded}, {deploybot.StateSucceeded},
		{deploybot.StateFailed}, {deploybot.StateFailed},
		{deploybot.StateMonitoring, deploybot.StateRolledBack},
		{deploybot.StateMonitoring, deploybot.StateFailed},
		{deploybot.StateMonitoring},
		{deploybot.StateSucceeded, deploybot.StateRolledBack},
	}
	failures := []deploybot.Failure{deploybot.FailureVerification, deploybot.FailureMonitoring, deploybot.FailureExecutor, ""}
	for round := range 12 {
		db, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
		now := t0
		db.Now = func() time.Time { return now }
		for range 5 + rng.IntN(40) {
			d := deploybot.Deployment{Project: "api", Env: "production", Version: versions[rng.IntN(len(versions))],
				Action: deploybot.ActionDeploy, Requester: "alice"}
			if rng.IntN(6) == 0 {
				d.DrillID = 1 + rng.Int64N(3)
			}
			id, err := db.CreateDeployment(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			d.ID, d.State = id, deploybot.StateRequested
			// Runs start in an order of their own: several at the same
			// instant, some before runs planned earlier.
			now = t0.Add(time.Duration(rng.IntN(20)) * time.Minute)
			started := rng.IntN(8) != 0
			path := []deploybot.DeployState{deploybot.StateApproved, deploybot.StateRunning, deploybot.StateVerifying}
			if rng.IntN(8) == 0 {
				path = []deploybot.DeployState{deploybot.StateApproved, deploybot.StateRunning, deploybot.StateInterrupted}
			} else {
				path = append(path, ends[rng.IntN(len(ends))]...)
			}
			for _, to := range path {
				d.Started = started && to != deploybot.StateApproved
				if to == deploybot.StateFailed {
					d.Failure = failures[rng.IntN(len(failures))]
				}
				if err := db.MoveDeployment(ctx, &d, to, "x", ""); err != nil {
					t.Fatal(err)
				}
			}
		}
		all, err := db.Runs(ctx, "api", "production")
		if err != nil {
			t.Fatal(err)
		}
		some, err := db.HistoryRuns(ctx, "api", "production")
		if err != nil {
			t.Fatal(err)
		}
		h := deploy.NewHistory(all)
		if want, got := describe(h, versions), describe(deploy.NewHistory(some), versions); got != want {
			t.Errorf("round %d: from %d of %d runs:\n%s\nwant (every run):\n%s", round, len(some), len(all), got, want)
		}
		for _, v := range versions[:len(versions)-1] {
			if good, err := db.VersionGood(ctx, "api", "production", v); err != nil || good != h.Good(v) {
				t.Errorf("round %d: VersionGood(%s) = %v, %v; the history of every run says %v", round, v, good, err, h.Good(v))
			}
		}
		db.Close()
	}
}

// describe says all that h answers about versions.
func describe(h deploy.History, versions []string) string {
	s := fmt.Sprintf("current %q #%d, bad %v", h.Current, h.CurrentID, h.BadVersions())
	for _, v := range slices.Concat(versions, []string{"v9"}) {
		s += fmt.Sprintf("\n%q: good %v bad %v target %q last good #%d at %v", v, h.Good(v), h.Bad(v), h.RollbackTarget(v),
			h.LastGoodID(v), h.LastGoodAt(v))
	}
	return s
}
