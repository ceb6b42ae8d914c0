package deploy_test

// Attack tests of rollback drills (issue 18, deploy/drill.go): each tries
// another route to an action the rules forbid. A test passes when the rule
// holds.

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy"
	"deploybot/policy"
)

// atk2PlanDrill plans a drill of env by user and fails unless the plan
// waits for its confirmation.
func atk2PlanDrill(t *testing.T, f *fixture, env, user string) (deploy.Plan, deploybot.Drill) {
	t.Helper()
	p, dr, err := f.svc.PlanDrill(context.Background(), deploy.DrillRequest{Project: "api", Env: env, Requester: user})
	if err != nil {
		t.Fatal(err)
	}
	if p.Deployment.State != deploybot.StateRequested {
		t.Fatalf("drill plan of %s refused: %v", env, p.Deployment.Reasons)
	}
	return p, dr
}

// atk2Current returns the version env runs.
func atk2Current(t *testing.T, f *fixture, env string) string {
	t.Helper()
	cur, _, _, err := f.svc.Current(context.Background(), "api", env)
	if err != nil {
		t.Fatal(err)
	}
	return cur.Version
}

// TestAttack2DrillPlanOutrunByADeploy: a drill planned while v2 runs
// (back to v1, forward to v2), confirmed after v3 was deployed there,
// would take the environment back to v1 and then "forward" to v2, leaving
// it on an older version than the one it ran. The confirmation must
// refuse the drill: nothing runs, v3 stays.
func TestAttack2DrillPlanOutrunByADeploy(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	p, dr := atk2PlanDrill(t, f, "staging", "alice")
	f.deploy(t, "staging", "v3", "alice")
	n := len(f.exec.Calls())
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err == nil {
		t.Error("a drill planned before another deploy was confirmed")
	}
	f.svc.Settle(ctx)
	if calls := f.exec.Calls()[n:]; len(calls) != 0 {
		t.Errorf("the stale drill ran: %+v", calls)
	}
	if v := atk2Current(t, f, "staging"); v != "v3" {
		t.Errorf("staging runs %s after the stale drill, want v3", v)
	}
	if got, _ := f.db.Drill(ctx, dr.ID); !got.State.Ended() {
		t.Errorf("the refused drill is still %s", got.State)
	}
}

// TestAttack2DrillForwardToAVersionBadSince: a drill planned while v2 runs,
// confirmed after v2 was rolled back there (v2 is bad), must not deploy v2
// again as its "forward" step.
func TestAttack2DrillForwardToAVersionBadSince(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	p, _ := atk2PlanDrill(t, f, "staging", "alice")
	f.rollbackTo(t, "staging", "", "alice")
	if _, h, _, _ := f.svc.Current(ctx, "api", "staging"); !h.Bad("v2") {
		t.Fatal("setup: v2 is not bad after its rollback")
	}
	n := len(f.exec.Calls())
	_, _ = f.svc.Confirm(ctx, p.Deployment.ID, "alice")
	f.svc.Settle(ctx)
	for _, c := range f.exec.Calls()[n:] {
		if c.Version == "v2" {
			t.Errorf("the drill deployed v2, bad there since its rollback: %+v", c)
		}
	}
	if v := atk2Current(t, f, "staging"); v != "v1" {
		t.Errorf("staging runs %s, want v1", v)
	}
}

// TestAttack2ExpiredDrillBlocksNoOtherDrill: a drill plan whose requester
// confirms too late, or whose approver approves too late, ends: it is not
// left "in progress", refusing every later drill of the environment (and,
// with require_drill, every production deploy).
func TestAttack2ExpiredDrillBlocksNoOtherDrill(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.Admins = []string{"root"}
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	f.deploy(t, "production", "v1", "alice")
	f.deploy(t, "production", "v2", "alice")

	p, dr := atk2PlanDrill(t, f, "staging", "alice")
	f.clock.Add(3 * time.Minute) // past the confirmation's 2 minutes
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Fatalf("late confirmation: %v", err)
	}
	if got, _ := f.db.Drill(ctx, dr.ID); !got.State.Ended() {
		t.Errorf("expired drill #%d is still %s", dr.ID, got.State)
	}
	if _, _, err := f.svc.PlanDrill(ctx, deploy.DrillRequest{Project: "api", Env: "staging", Requester: "alice"}); err != nil {
		t.Errorf("a new drill after an expired one: %v", err)
	}

	p, dr = atk2PlanDrill(t, f, "production", "root")
	d, err := f.svc.Confirm(ctx, p.Deployment.ID, "root")
	if err != nil || d.State != deploybot.StateAwaitingApproval {
		t.Fatalf("production drill confirmed: %s %v", d.State, err)
	}
	f.clock.Add(3 * time.Hour) // past the approval's 2 hours
	if _, err := f.svc.Approve(ctx, d.ID, "bob"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Fatalf("late approval: %v", err)
	}
	if got, _ := f.db.Drill(ctx, dr.ID); !got.State.Ended() {
		t.Errorf("expired production drill #%d is still %s", dr.ID, got.State)
	}
}

// TestAttack2DrillTwiceAtOnce: two drills of one environment asked at the
// same moment never both run a step at once, and the environment ends on
// the version it ran.
func TestAttack2DrillTwiceAtOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	n := len(f.exec.Calls())
	var wg sync.WaitGroup
	plans := make([]deploy.Plan, 4)
	for i := range plans {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, _, err := f.svc.PlanDrill(ctx, deploy.DrillRequest{Project: "api", Env: "staging", Requester: "alice"})
			if err == nil {
				plans[i] = p
			}
		}()
	}
	wg.Wait()
	for _, p := range plans {
		if p.Deployment.ID != 0 && p.Deployment.State == deploybot.StateRequested {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = f.svc.Confirm(ctx, p.Deployment.ID, "alice")
			}()
		}
	}
	wg.Wait()
	f.svc.Settle(ctx)
	calls := f.exec.Calls()[n:]
	if len(calls)%2 != 0 || len(calls) == 0 {
		t.Errorf("drill steps run: %d (%+v)", len(calls), calls)
	}
	for i := 0; i+1 < len(calls); i += 2 {
		if calls[i].DrillID != calls[i+1].DrillID || calls[i].Action != deploybot.ActionRollback || calls[i+1].Action != deploybot.ActionDeploy {
			t.Errorf("steps of two drills interleaved: %+v then %+v", calls[i], calls[i+1])
		}
	}
	if v := atk2Current(t, f, "staging"); v != "v2" {
		t.Errorf("staging runs %s after the drills, want v2", v)
	}
	if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 0 {
		t.Errorf("locks left: %+v", locks)
	}
}

// TestAttack2ProductionDrillRules: a production drill is a production
// deploy for the rules: outside the windows it is refused; its requester,
// even an admin and an approver, cannot approve it; a non-approver cannot
// either; nothing runs until another approver does.
func TestAttack2ProductionDrillRules(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.Admins = []string{"carol"} // carol approves production too
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "production", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	f.deploy(t, "production", "v2", "alice")
	n := len(f.exec.Calls())

	p, dr := atk2PlanDrill(t, f, "production", "carol")
	d, err := f.svc.Confirm(ctx, p.Deployment.ID, "carol")
	if err != nil || d.State != deploybot.StateAwaitingApproval {
		t.Fatalf("production drill confirmed: %s %v", d.State, err)
	}
	for _, who := range []string{"carol", "alice", "mallory"} {
		if _, err := f.svc.Approve(ctx, d.ID, who); err == nil {
			t.Errorf("%s approved carol's production drill", who)
		}
	}
	f.svc.Settle(ctx)
	if calls := f.exec.Calls()[n:]; len(calls) != 0 {
		t.Errorf("production drill ran without another approver: %+v", calls)
	}
	if _, err := f.svc.Cancel(ctx, d.ID, "carol"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.db.Drill(ctx, dr.ID); got.State != deploybot.DrillCancelled {
		t.Errorf("cancelled drill: %s", got.State)
	}

	f.clock.Add(3*24*time.Hour + 7*time.Hour) // Friday 18:00: an avoid window
	p, _, err = f.svc.PlanDrill(ctx, deploy.DrillRequest{Project: "api", Env: "production", Requester: "carol"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Deployment.State != deploybot.StateRejected {
		t.Errorf("production drill on a Friday evening: %s (%v)", p.Deployment.State, p.Verdict.Reasons(deploybot.English, policy.Deny))
	}
	if calls := f.exec.Calls()[n:]; len(calls) != 0 {
		t.Errorf("production drill ran: %+v", calls)
	}
}

// TestAttack2RequireDrillIsNoBackDoor: with require_drill, a production
// deploy is refused while the rollback was never drilled; a rollback
// spelled to an untested version (a deploy) is refused too; a drill of
// staging does not count for production.
func TestAttack2RequireDrillIsNoBackDoor(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.Admins = []string{"root"}
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "production", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	f.deploy(t, "production", "v2", "alice")
	prod := f.tgt["production"]
	prod.RequireDrill = true
	f.tgt["production"] = prod
	f.deploy(t, "staging", "v3", "alice")
	if dr := f.drill(t, "staging", "alice"); dr.State != deploybot.DrillSucceeded {
		t.Fatalf("staging drill: %s %s", dr.State, dr.Note)
	}
	for _, req := range []deploy.Request{
		{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v3", Requester: "alice"},
		{Action: deploybot.ActionRollback, Project: "api", Env: "production", Version: "v3", Requester: "alice"},
	} {
		p, err := f.svc.Plan(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if p.Deployment.State != deploybot.StateRejected {
			t.Errorf("%s %s to production with its rollback never drilled: %s", req.Action, req.Version, p.Deployment.State)
		}
	}
	// A true rollback stays the emergency path.
	p := f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "production", Requester: "alice"})
	if p.Deployment.State == deploybot.StateRejected {
		t.Errorf("a true rollback refused for want of a drill: %v", p.Verdict.Reasons(deploybot.English, policy.Deny))
	}
}

// TestAttack2UnfreezeOfOneEnvironment: lifting the freeze of one
// environment ("unfreeze shop staging") lifts that environment's freezes
// only: not production's, nor a freeze of the whole project (which covers
// production too), even for someone who may lift them all.
func TestAttack2UnfreezeOfOneEnvironment(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := f.clock.Now()
	for _, fz := range []deploybot.Freeze{
		{Project: "api", Env: "staging", Reason: "flaky tests"},
		{Project: "api", Env: "production", Reason: "audit"},
		{Project: "api", Reason: "migration"},
	} {
		fz.From, fz.To, fz.CreatedBy = now, now.Add(24*time.Hour), "carol"
		if _, err := f.svc.Freeze(ctx, fz); err != nil {
			t.Fatal(err)
		}
	}
	n, err := f.svc.Unfreeze(ctx, "api", "staging", "carol")
	if err != nil || n != 1 {
		t.Errorf("unfreeze api staging lifted %d (%v), want 1", n, err)
	}
	left, err := f.db.Freezes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 2 {
		t.Errorf("freezes left: %+v, want production's and the project's", left)
	}
	for _, fz := range left {
		if fz.Env == "staging" {
			t.Errorf("staging's freeze is still there: %+v", fz)
		}
	}
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v1", Requester: "alice"})
	if p.Deployment.State != deploybot.StateRejected {
		t.Errorf("staging deploys while the project is frozen: %s", p.Deployment.State)
	}
	if n, err := f.svc.Unfreeze(ctx, "api", "", "carol"); err != nil || n != 2 {
		t.Errorf("unfreeze api lifted %d (%v), want 2", n, err)
	}
}

// TestAttack2RequireDrillOnApproval: the approval's recheck, which leaves
// out the drill warning, still reads the drills where they can refuse:
// require_drill set while a production deploy waits for its approval
// refuses it.
func TestAttack2RequireDrillOnApproval(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.Admins = []string{"root"}
	for _, v := range []string{"v1", "v2"} {
		f.deploy(t, "staging", v, "alice")
		f.deploy(t, "production", v, "alice")
	}
	f.deploy(t, "staging", "v3", "alice")
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v3", Requester: "alice"})
	if p.Deployment.State != deploybot.StateRequested || !strings.Contains(strings.Join(p.Verdict.Reasons(deploybot.English, policy.Warn), ";"), "never drilled") {
		t.Fatalf("plan without require_drill: %s, warnings %v", p.Deployment.State, p.Verdict.Reasons(deploybot.English, policy.Warn))
	}
	if d, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil || d.State != deploybot.StateAwaitingApproval {
		t.Fatalf("confirm: %s %v", d.State, err)
	}
	prod := f.tgt["production"]
	prod.RequireDrill = true
	f.tgt["production"] = prod
	d, err := f.svc.Approve(ctx, p.Deployment.ID, "bob")
	if deploybot.ErrorCode(err) != deploybot.ECONFLICT || d.State != deploybot.StateRejected || !strings.Contains(deploybot.ErrorMessage(err), "drill") {
		t.Errorf("approval once a drill is required: %s %v", d.State, err)
	}
	if n := len(f.exec.Calls()); n != 5 {
		t.Errorf("%d executor calls, want the 5 deployments before", n)
	}
}
