package deploy_test

// Attack tests: each tries another route to an action the rules forbid
// (issues 10 and 11, README "Rules that hold without exception", "Stops and
// crashes"). A test passes when the rule holds; one that shows a bypass is
// kept, skipped with "BUG: ...".

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy"
	"deploybot/policy"
	"deploybot/process"
)

// atkLeftRunning records a deployment of v to env of project api moved to
// running under holder h's lease, as a process that then stopped leaves it.
func atkLeftRunning(t *testing.T, f *fixture, env, v string, h deploybot.Holder, ttl time.Duration) deploybot.Deployment {
	t.Helper()
	ctx := context.Background()
	d := deploybot.Deployment{Project: "api", Env: env, Version: v, Action: deploybot.ActionDeploy, Requester: "alice", State: deploybot.StateRequested}
	id, err := f.db.CreateDeployment(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	d.ID = id
	if err := f.db.MoveDeploymentLeased(ctx, &d, deploybot.StateApproved, "alice", "", h, ttl); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.AcquireLock(ctx, deploybot.Lock{Project: "api", Env: env, Holder: fmt.Sprintf("deployment #%d", id), DeploymentID: id}, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.db.MoveDeployment(ctx, &d, deploybot.StateRunning, "alice", ""); err != nil {
		t.Fatal(err)
	}
	if err := f.db.RecordRun(ctx, id, "run-x"); err != nil {
		t.Fatal(err)
	}
	return d
}

// atkDeadHolder is a holder of this machine whose process is gone.
func atkDeadHolder(t *testing.T) deploybot.Holder {
	t.Helper()
	h := process.Self()
	if h.BootID == "" {
		t.Skip("no /proc here: a dead holder cannot be told")
	}
	h.StartTime++
	return h
}

// TestAttackStagingFirstWithAVersionBadOnStaging: a version deployed twice
// to staging, then rolled back there, is bad on staging (README: bad after
// it "was rolled back, until a later run of it succeeds there"). Its first,
// older success must not carry it to production as "succeeded on staging".
// With a single staging run the same rollback does refuse it: only the
// redeploy opens the way.
func TestAttackStagingFirstWithAVersionBadOnStaging(t *testing.T) {
	f := newFixture(t)
	f.deploy(t, "staging", "v1.0.0", "alice")
	f.deploy(t, "staging", "v2.0.0", "alice")
	f.deploy(t, "staging", "v2.0.0", "alice") // a redeploy, succeeded too
	p := f.rollbackTo(t, "staging", "", "alice")
	if p.Deployment.Version != "v1.0.0" {
		t.Fatalf("staging rolled back to %s, want v1.0.0", p.Deployment.Version)
	}
	_, h, _, err := f.svc.Current(context.Background(), "api", "staging")
	if err != nil || !h.Bad("v2.0.0") {
		t.Fatalf("v2.0.0 is not bad on staging after its rollback (%v)", err)
	}
	p = f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v2.0.0", Requester: "alice"})
	if p.Deployment.State != deploybot.StateRejected {
		t.Errorf("production plan of v2.0.0, rolled back on staging: %s; rules: %s", p.Deployment.State,
			strings.Join(p.Verdict.Reasons(deploybot.English, policy.Allow), "; "))
	}
}

// TestAttackStagingFirstSingleRolledBackRun is the control of the test
// above: one staging run, rolled back, does not pass staging first.
func TestAttackStagingFirstSingleRolledBackRun(t *testing.T) {
	f := newFixture(t)
	f.deploy(t, "staging", "v1.0.0", "alice")
	f.deploy(t, "staging", "v2.0.0", "alice")
	f.rollbackTo(t, "staging", "", "alice")
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v2.0.0", Requester: "alice"})
	if p.Deployment.State != deploybot.StateRejected {
		t.Errorf("production plan of v2.0.0, rolled back on staging: %s", p.Deployment.State)
	}
}

// TestAttackRollbackToAnotherSpelling: a good version named with another
// case, spaces or build metadata is not that version: it is a deploy, and
// production refuses it (it never ran on staging). Nothing runs.
func TestAttackRollbackToAnotherSpelling(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1.2.0", "alice")
	f.deploy(t, "production", "v1.2.0", "alice")
	f.deploy(t, "staging", "v1.3.0", "alice")
	f.deploy(t, "production", "v1.3.0", "alice")
	f.clock.Add(3*24*time.Hour + 7*time.Hour) // Friday 18:00: an avoid window
	n := len(f.exec.Calls())
	for _, v := range []string{"V1.2.0", "v1.2.0+build.7", "v1.2", "v1.2.0-rc1", "1.2.0"} {
		p := f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "production", Version: v, Requester: "alice"})
		if p.Deployment.Action != deploybot.ActionDeploy || p.Deployment.State != deploybot.StateRejected {
			t.Errorf("rollback to %q: %s %s, want a rejected deploy", v, p.Deployment.Action, p.Deployment.State)
		}
	}
	for _, v := range []string{" v1.2.0", "v1.2.0 ", "v1.2.0\x00", "v1.2.0\n", "v1..2.0", "-v1.2.0", "ｖ1.2.0", strings.Repeat("v", 200)} {
		if _, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "production", Version: v, Requester: "alice"}); deploybot.ErrorCode(err) != deploybot.EINVALID {
			t.Errorf("rollback to %q: %v, want invalid", v, err)
		}
	}
	if got := f.exec.Calls(); len(got) != n {
		t.Errorf("the executor ran: %+v", got[n:])
	}
}

// TestAttackOutcomeCannotRewriteHistory: "outcome" is for interrupted
// deployments only. An admin (and an approver) cannot turn a refused,
// cancelled, waiting or finished deployment into a success: that would
// make a version that never ran "good", a rollback target (the emergency
// path, allowed during freezes).
func TestAttackOutcomeCannotRewriteHistory(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.Admins = []string{"root"}
	f.deploy(t, "staging", "v1.0.0", "alice")
	good := f.deploy(t, "staging", "v2.0.0", "alice")
	// Refused: production before staging.
	rejected := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v6.6.6", Requester: "alice"}).Deployment
	// Cancelled by its requester.
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v7.7.7", Requester: "alice"})
	cancelled, err := f.svc.Cancel(ctx, p.Deployment.ID, "alice")
	if err != nil {
		t.Fatal(err)
	}
	// Waiting for a confirmation, and for an approval.
	requested := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v8.8.8", Requester: "alice"}).Deployment
	p = f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v2.0.0", Requester: "alice"})
	awaiting, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice")
	if err != nil || awaiting.State != deploybot.StateAwaitingApproval {
		t.Fatalf("production plan: %s %v", awaiting.State, err)
	}
	for _, d := range []deploybot.Deployment{rejected, cancelled, requested, awaiting, good} {
		for _, who := range []string{"root", "bob"} {
			for _, ok := range []bool{true, false} {
				if got, err := f.svc.RecordOutcome(ctx, d.ID, who, ok, "I checked"); err == nil {
					t.Errorf("%s recorded outcome %v of #%d (%s %s): now %s", who, ok, d.ID, d.Version, d.State, got.State)
				}
			}
		}
	}
	// Nothing changed what is good on staging: a rollback from v2.0.0 goes
	// to v1.0.0, never to a version that did not run.
	p = f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "staging", Requester: "alice"})
	if p.Deployment.Version != "v1.0.0" {
		t.Errorf("rollback target after the attempts: %q, want v1.0.0", p.Deployment.Version)
	}
	for _, v := range []string{"v7.7.7", "v8.8.8"} {
		p = f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "staging", Version: v, Requester: "alice"})
		if p.Deployment.Action != deploybot.ActionDeploy {
			t.Errorf("rollback to %s, which never ran, is a %s", v, p.Deployment.Action)
		}
	}
}

// TestAttackInterruptedSettledByTheWrongPeople: an interrupted production
// deployment keeps its lock until an approver of production or an admin
// settles it. A deployer, a member of the break-glass list, an approver of
// another environment, someone with a name differing by case or spaces
// cannot; and nobody can settle a run that a live process still holds.
func TestAttackInterruptedSettledByTheWrongPeople(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	prod := f.tgt["production"]
	prod.Deployers, prod.ForceRoles = []string{"alice", "dave"}, []string{"dave"}
	f.tgt["production"] = prod
	stg := f.tgt["staging"]
	stg.Approvers = []string{"sam"}
	f.tgt["staging"] = stg
	d := atkLeftRunning(t, f, "production", "v3", atkDeadHolder(t), time.Hour)
	if _, err := f.svc.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	f.svc.Settle(ctx)
	if got, _ := f.db.Deployment(ctx, d.ID); got.State != deploybot.StateInterrupted {
		t.Fatalf("after reconcile: %s, want interrupted", got.State)
	}
	for _, who := range []string{"alice", "dave", "sam", "mallory", "Bob", "bob ", " carol", ""} {
		if ok, err := f.svc.ForceUnlock(ctx, "api", "production", who, "checked"); err == nil || ok {
			t.Errorf("%q forced production's lock: %v %v", who, ok, err)
		}
		if got, err := f.svc.RecordOutcome(ctx, d.ID, who, true, "checked"); err == nil {
			t.Errorf("%q recorded the outcome: %s", who, got.State)
		}
		if ok, err := f.svc.Unlock(ctx, "api", "production", who, "checked"); err == nil || ok {
			t.Errorf("%q unlocked an interrupted deployment's lock without --force: %v %v", who, ok, err)
		}
	}
	if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 1 || locks[0].DeploymentID != d.ID {
		t.Errorf("production's lock after the attempts: %+v", locks)
	}
	if got, _ := f.db.Deployment(ctx, d.ID); got.State != deploybot.StateInterrupted {
		t.Errorf("the interrupted deployment is now %s", got.State)
	}

	// A run held by a live process (this one, its lease current) is no
	// one's to settle, not even an admin's.
	f.svc.Admins = []string{"root"}
	live := atkLeftRunning(t, f, "staging", "v4", process.Self(), time.Hour)
	for _, who := range []string{"root", "sam"} {
		if ok, err := f.svc.ForceUnlock(ctx, "api", "staging", who, "checked"); deploybot.ErrorCode(err) != deploybot.ECONFLICT || ok {
			t.Errorf("%s forced the lock of a live run: %v %v", who, ok, err)
		}
		if _, err := f.svc.RecordOutcome(ctx, live.ID, who, false, "checked"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
			t.Errorf("%s recorded the outcome of a live run: %v", who, err)
		}
	}
	if got, _ := f.db.Deployment(ctx, live.ID); got.State != deploybot.StateRunning {
		t.Errorf("the live run is now %s", got.State)
	}
}

// TestAttackWaitingDeployMeetsAFreeze: a deploy that waits in line for a
// locked environment (--wait) is judged again when the lock frees: a
// freeze set while it waited refuses it; nothing runs.
func TestAttackWaitingDeployMeetsAFreeze(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.LockPoll = 5 * time.Millisecond
	f.svc.WaitTimeout = time.Hour // never reached: the unlock comes first
	if _, err := f.svc.Lock(ctx, "api", "staging", "alice", "maintenance"); err != nil {
		t.Fatal(err)
	}
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v1", Requester: "alice", Wait: true})
	d, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice")
	if err != nil || d.State != deploybot.StateApproved {
		t.Fatalf("confirm with --wait: %s %v, want approved (waiting)", d.State, err)
	}
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{To: f.clock.Now().Add(time.Hour), CreatedBy: "bob", Reason: "incident"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Unlock(ctx, "api", "staging", "alice", "maintenance over"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Settle(ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.exec.Calls(); len(got) != 0 {
		t.Fatalf("the waiting deploy ran during the freeze: %+v", got)
	}
	got, _ := f.db.Deployment(ctx, d.ID)
	if !got.State.Terminal() || got.State == deploybot.StateSucceeded {
		t.Errorf("the waiting deploy is %s", got.State)
	}
	if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 0 {
		t.Errorf("a lock stayed after the refusal: %+v", locks)
	}
}

// TestAttackForcedDeployNeedsAnotherPerson: break glass needs the force
// role and a reason, and always an approval by someone else; a rollback
// cannot carry a forced deploy's emergency either.
func TestAttackForcedDeployNeedsAnotherPerson(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	prod := f.tgt["production"]
	prod.Deployers, prod.ForceRoles, prod.Approvers = []string{"alice", "dave"}, []string{"dave"}, []string{"bob", "carol", "dave"}
	f.tgt["production"] = prod
	f.deploy(t, "staging", "v9", "alice")
	n := len(f.exec.Calls())
	f.clock.Add(3*24*time.Hour + 7*time.Hour) // Friday 18:00
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{To: f.clock.Now().Add(time.Hour), CreatedBy: "bob", Reason: "incident"}); err != nil {
		t.Fatal(err)
	}
	for _, req := range []deploy.Request{
		{Requester: "alice", Force: true, Reason: "urgent"}, // not in the force list
		{Requester: "dave", Force: true, Reason: "  "},      // no reason
		{Requester: "dave", Force: true},                    // no reason
		{Requester: "mallory", Force: true, Reason: "urgent"},
	} {
		req.Action, req.Project, req.Env, req.Version = deploybot.ActionDeploy, "api", "production", "v9"
		if p := f.plan(t, req); p.Deployment.State != deploybot.StateRejected {
			t.Errorf("forced deploy by %s with reason %q: %s", req.Requester, req.Reason, p.Deployment.State)
		}
	}
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v9", Requester: "dave", Force: true, Reason: "site down"})
	d, err := f.svc.Confirm(ctx, p.Deployment.ID, "dave")
	if err != nil || d.State != deploybot.StateAwaitingApproval {
		t.Fatalf("forced deploy by dave: %s %v, want awaiting approval", d.State, err)
	}
	for _, who := range []string{"dave", "alice", "mallory", "Dave"} {
		if _, err := f.svc.Approve(ctx, d.ID, who); err == nil {
			t.Errorf("%s approved dave's forced deploy", who)
		}
	}
	f.svc.Settle(ctx)
	if got := f.exec.Calls(); len(got) != n {
		t.Errorf("the executor ran: %+v", got[n:])
	}
}

// TestAttackWaitAndForceDoNotSkipTheQueueOfAnotherDeployment: a --wait or
// --force request cannot take the lock of a deployment that runs.
func TestAttackWaitAndForceDoNotSkipTheQueueOfAnotherDeployment(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.LockPoll = 5 * time.Millisecond
	release := make(chan struct{})
	started := make(chan struct{}, 4)
	f.exec.run = func(ctx context.Context, d deploybot.Deployment) error {
		started <- struct{}{}
		if d.Version == "v1" {
			<-release
		}
		return nil
	}
	first := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v1", Requester: "alice"})
	if _, err := f.svc.Confirm(ctx, first.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	<-started // v1 runs and holds the lock
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v2", Requester: "bob", Wait: true})
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "bob"); err != nil {
		t.Fatal(err)
	}
	if ok, err := f.svc.Unlock(ctx, "api", "staging", "bob", "let me in"); err == nil || ok {
		t.Errorf("a plain unlock freed a running deployment's lock: %v %v", ok, err)
	}
	f.svc.Admins = []string{"root"}
	if ok, err := f.svc.ForceUnlock(ctx, "api", "staging", "root", "let me in"); err == nil || ok {
		t.Errorf("a forced unlock freed a live deployment's lock: %v %v", ok, err)
	}
	select {
	case <-started:
		t.Fatal("v2 started while v1 ran")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	f.svc.Settle(ctx)
	calls := f.exec.Calls()
	if len(calls) != 2 || calls[0].Version != "v1" || calls[1].Version != "v2" {
		t.Errorf("executor calls: %+v, want v1 then v2", calls)
	}
}
