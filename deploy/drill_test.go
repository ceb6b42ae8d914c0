package deploy_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy"
	"deploybot/process"
)

// drill plans a drill of env by user and confirms it; it returns the drill
// as it ended.
func (f *fixture) drill(t *testing.T, env, user string) deploybot.Drill {
	t.Helper()
	ctx := context.Background()
	p, dr, err := f.svc.PlanDrill(ctx, deploy.DrillRequest{Project: "api", Env: env, Requester: user})
	if err != nil {
		t.Fatal(err)
	}
	if p.Deployment.State != deploybot.StateRequested {
		t.Fatalf("drill plan refused: %v", p.Deployment.Reasons)
	}
	d, err := f.svc.Confirm(ctx, p.Deployment.ID, user)
	if err != nil {
		t.Fatal(err)
	}
	if d.State == deploybot.StateAwaitingApproval {
		if _, err := f.svc.Approve(ctx, d.ID, "bob"); err != nil {
			t.Fatal(err)
		}
	}
	f.svc.Settle(ctx)
	got, err := f.db.Drill(ctx, dr.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestDrill: a staging drill rolls back to the rollback target and forward
// again, both steps carrying the drill's id, through the executor; it
// marks nothing bad, leaves the environment unlocked on the version that
// ran before, and the next rollback target unchanged.
func TestDrill(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	n := len(f.exec.Calls())
	dr := f.drill(t, "staging", "alice")
	if dr.State != deploybot.DrillSucceeded || dr.TargetVersion != "v1" || dr.ReturnVersion != "v2" || dr.BackID == 0 || dr.ForwardID == 0 {
		t.Fatalf("drill: %+v", dr)
	}
	calls := f.exec.Calls()[n:]
	if len(calls) != 2 || calls[0].Action != deploybot.ActionRollback || calls[0].Version != "v1" ||
		calls[1].Action != deploybot.ActionDeploy || calls[1].Version != "v2" || calls[0].DrillID != dr.ID || calls[1].DrillID != dr.ID {
		t.Fatalf("drill steps at the executor: %+v", calls)
	}
	if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 0 {
		t.Errorf("locks after the drill: %+v", locks)
	}
	p := f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "staging", Requester: "alice"})
	if p.Deployment.Version != "v1" || p.Deployment.Replaces != "v2" {
		t.Errorf("after the drill, roll back goes %s -> %s; want v2 -> v1", p.Deployment.Replaces, p.Deployment.Version)
	}
	if last, ok, _ := f.svc.LastDrill(ctx, "api", "staging"); !ok || last.ID != dr.ID {
		t.Errorf("last drill: %+v %v", last, ok)
	}
	// A drill of production needs an admin.
	if _, _, err := f.svc.PlanDrill(ctx, deploy.DrillRequest{Project: "api", Env: "production", Requester: "alice"}); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("production drill by a non-admin: %v", err)
	}
}

// TestDrillRefusedWithNothingToGoBackTo: one version ever: no target.
func TestDrillRefusedWithNothingToGoBackTo(t *testing.T) {
	f := newFixture(t)
	f.deploy(t, "staging", "v1", "alice")
	_, _, err := f.svc.PlanDrill(context.Background(), deploy.DrillRequest{Project: "api", Env: "staging", Requester: "alice"})
	if deploybot.ErrorCode(err) != deploybot.ECONFLICT || !strings.Contains(deploybot.ErrorMessage(err), "nothing to go back to") {
		t.Errorf("drill with nothing to go back to: %v", err)
	}
}

// TestDrillFailingForwardStepReturns: when the forward step fails, the
// drill goes back to its target, a healthy version, and frees the
// environment; it marks nothing bad.
func TestDrillFailingForwardStepReturns(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	f.exec.run = func(_ context.Context, d deploybot.Deployment) error {
		if d.DrillID != 0 && d.Action == deploybot.ActionDeploy {
			return errors.New("boom")
		}
		return nil
	}
	dr := f.drill(t, "staging", "alice")
	if dr.State != deploybot.DrillFailed || !strings.Contains(dr.Note, "back on v1, healthy") {
		t.Fatalf("drill: %s %q", dr.State, dr.Note)
	}
	cur, h, _, _ := f.svc.Current(ctx, "api", "staging")
	if cur.Version != "v1" || h.Bad("v2") || !h.Good("v2") {
		t.Errorf("after the failed drill: current %s, v2 bad=%v good=%v", cur.Version, h.Bad("v2"), h.Good("v2"))
	}
	if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 0 {
		t.Errorf("locks after the drill: %+v", locks)
	}
}

// detachable is an executor whose forward drill steps wait until ctx ends
// (the process stops following: ErrDetached), and whose Adopt reports a
// success.
type detachable struct {
	executor
	started chan struct{}
}

func (e *detachable) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if d.DrillID != 0 && d.Action == deploybot.ActionDeploy {
		e.mu.Lock()
		e.calls = append(e.calls, d)
		e.mu.Unlock()
		close(e.started)
		<-ctx.Done()
		return deploybot.ExecResult{}, fmt.Errorf("stopped: %w", deploybot.ErrDetached)
	}
	return e.executor.Execute(ctx, d)
}

func (e *detachable) Adopt(_ context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	return deploybot.ExecResult{Ref: "adopted", Output: "forward done"}, nil
}

// TestDrillAdoptedMidway: the process running a drill stops during the
// forward step; the next one adopts the step and ends the drill.
func TestDrillAdoptedMidway(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	x := &detachable{started: make(chan struct{})}
	stg := f.tgt["staging"]
	stg.Executor = x
	f.tgt["staging"] = stg
	p, dr, err := f.svc.PlanDrill(ctx, deploy.DrillRequest{Project: "api", Env: "staging", Requester: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	<-x.started
	f.svc.Close() // the process stops: the forward step goes on, unfollowed
	mid, _ := f.db.Drill(ctx, dr.ID)
	if mid.State != deploybot.DrillForward {
		t.Fatalf("drill when the process stopped: %s", mid.State)
	}
	next := &deploy.Service{Store: f.db, Now: f.clock.Now, LeaseTTL: time.Minute, Self: process.Self(), Gone: process.Gone,
		Targets: f.svc.Targets, Calendar: f.svc.Calendar}
	defer next.Close()
	if n, err := next.Reconcile(ctx); err != nil || n != 1 {
		t.Fatalf("reconcile: %d, %v", n, err)
	}
	next.Settle(ctx)
	end, _ := f.db.Drill(ctx, dr.ID)
	if end.State != deploybot.DrillSucceeded {
		t.Errorf("drill after adoption: %s %q", end.State, end.Note)
	}
	if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 0 {
		t.Errorf("locks after the adopted drill: %+v", locks)
	}
}
