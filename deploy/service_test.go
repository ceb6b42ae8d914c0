package deploy_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy"
	"deploybot/policy"
	"deploybot/probe"
	"deploybot/process"
	"deploybot/store"
)

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// executor records its calls and does what run says.
type executor struct {
	mu      sync.Mutex
	calls   []deploybot.Deployment
	started chan time.Time
	run     func(ctx context.Context, d deploybot.Deployment) error
}

func (e *executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	e.mu.Lock()
	e.calls = append(e.calls, d)
	e.mu.Unlock()
	if e.started != nil {
		e.started <- time.Now()
	}
	if e.run != nil {
		if err := e.run(ctx, d); err != nil {
			return deploybot.ExecResult{Ref: "x"}, err
		}
	}
	return deploybot.ExecResult{Ref: fmt.Sprintf("run-%d", d.ID), Output: "ok"}, nil
}

func (e *executor) Calls() []deploybot.Deployment {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.calls)
}

var paris, _ = time.LoadLocation("Europe/Paris")

// fixture is a service on a real SQLite store, a Tuesday 11:00 in Paris.
type fixture struct {
	svc   *deploy.Service
	db    *store.DB
	exec  *executor
	clock *clock
	tgt   map[string]deploy.Target
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Date(2026, 11, 24, 11, 0, 0, 0, paris)}
	db.Now = c.Now
	f := &fixture{db: db, exec: &executor{}, clock: c, tgt: map[string]deploy.Target{}}
	for _, env := range []string{"staging", "production"} {
		f.tgt[env] = deploy.Target{Project: "api", Env: env, Production: env == "production", StagingEnv: "staging",
			StagingFirst: true, Strategy: deploybot.StrategyRolling, Executor: f.exec, LockAfterRollback: true}
	}
	prod := f.tgt["production"]
	prod.Approval, prod.Approvers = policy.ApprovalFourEyes, []string{"bob", "carol"}
	f.tgt["production"] = prod
	rec, _ := policy.ParseWindow("Tue-Thu 10:00-16:00")
	avoid, _ := policy.ParseWindow("Fri 12:00-24:00")
	f.svc = &deploy.Service{
		Store: db, Now: c.Now, LeaseTTL: time.Minute, Self: process.Self(), Gone: process.Gone,
		Targets: func(_ context.Context, project, env string) (deploy.Target, error) {
			tg, ok := f.tgt[env]
			if project != "api" || !ok {
				return deploy.Target{}, deploybot.Errorf(deploybot.ENOTFOUND, "unknown %s/%s", project, env)
			}
			return tg, nil
		},
		Calendar: deploy.WithChatFreezes(func(string) policy.Calendar {
			return policy.Calendar{Location: paris, Recommended: []policy.Window{rec}, Avoid: []policy.Window{avoid}}
		}, db, nil),
	}
	t.Cleanup(func() { f.svc.Close(); db.Close() })
	return f
}

// plan records a plan of req, failing the test on an error.
func (f *fixture) plan(t testing.TB, req deploy.Request) deploy.Plan {
	t.Helper()
	p, err := f.svc.Plan(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *fixture) deploy(t testing.TB, env, version, user string) deploybot.Deployment {
	t.Helper()
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: env, Version: version, Requester: user, Channel: "c"})
	if p.Deployment.State != deploybot.StateRequested {
		t.Fatalf("plan of %s %s rejected: %v", env, version, p.Verdict.Reasons(deploybot.English, policy.Deny))
	}
	d, err := f.svc.Confirm(context.Background(), p.Deployment.ID, user)
	if err != nil {
		t.Fatal(err)
	}
	if d.State == deploybot.StateAwaitingApproval {
		if d, err = f.svc.Approve(context.Background(), d.ID, "bob"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.Settle(context.Background()); err != nil {
		t.Fatal(err)
	}
	got, err := f.db.Deployment(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestLifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.deploy(t, "staging", "v1.0.0", "alice")
	if d.State != deploybot.StateSucceeded || d.ExecutorRef != fmt.Sprintf("run-%d", d.ID) {
		t.Fatalf("staging deployment: %+v", d)
	}
	d = f.deploy(t, "production", "v1.0.0", "alice")
	if d.State != deploybot.StateSucceeded || d.Approver != "bob" {
		t.Fatalf("production deployment: %+v", d)
	}
	events, err := f.db.DeploymentEvents(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var path []string
	for _, e := range events {
		path = append(path, string(e.To))
	}
	want := "requested awaiting_approval approved running verifying succeeded"
	if strings.Join(path, " ") != want {
		t.Errorf("transitions %q, want %q", strings.Join(path, " "), want)
	}
	if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 0 {
		t.Errorf("a lock is still held: %+v", locks)
	}
}

func TestSelfApprovalAndExpiry(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1.0.0", "alice")
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v1.0.0", Requester: "bob"})
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("someone else's confirmation: %v, want forbidden", err)
	}
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Approve(ctx, 0, "bob"); deploybot.ErrorCode(err) != deploybot.ENOTFOUND ||
		!strings.Contains(err.Error(), "none that you may approve") || !strings.Contains(err.Error(), "never the requester") {
		t.Errorf("bob sees his own request as pending: %v (want it named as one he may not approve)", err)
	}
	if _, err := f.svc.Approve(ctx, p.Deployment.ID, "bob"); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("self-approval: %v, want forbidden", err)
	}
	if _, err := f.svc.Approve(ctx, p.Deployment.ID, "mallory"); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("approval by a non-approver: %v, want forbidden", err)
	}
	f.clock.Add(3 * time.Hour) // approvals expire after 2h by default
	if _, err := f.svc.Approve(ctx, p.Deployment.ID, "carol"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("expired approval: %v, want conflict", err)
	}

	// An unconfirmed plan expires and runs nothing.
	p = f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v1.1.0", Requester: "alice"})
	f.clock.Add(3 * time.Minute)
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("expired plan: %v, want conflict", err)
	}
	d, _ := f.db.Deployment(ctx, p.Deployment.ID)
	if d.State != deploybot.StateCancelled {
		t.Errorf("expired plan is %s, want cancelled", d.State)
	}
	if n := len(f.exec.Calls()); n != 1 {
		t.Errorf("executor ran %d times, want 1 (the first staging deploy)", n)
	}
}

func TestPolicyRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	plan := func(env, version string) deploy.Plan {
		p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: env, Version: version, Requester: "alice"})
		return p
	}
	if p := plan("production", "v9.9.9"); p.Deployment.State != deploybot.StateRejected ||
		!strings.Contains(strings.Join(p.Deployment.Reasons, ";"), "has not succeeded on staging") {
		t.Errorf("production before staging: %+v", p.Deployment)
	}
	f.deploy(t, "staging", "v2.0.0", "alice")
	f.clock.Add(3*24*time.Hour + 6*time.Hour) // Friday 17:00
	if p := plan("production", "v2.0.0"); p.Deployment.State != deploybot.StateRejected ||
		!strings.Contains(strings.Join(p.Deployment.Reasons, ";"), "avoid window") {
		t.Errorf("friday evening: %+v", p.Deployment)
	}
	for _, v := range []string{"v1;rm -rf /", "$(id)", "1.0\nx", "../etc"} {
		if _, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: v, Requester: "alice"}); deploybot.ErrorCode(err) != deploybot.EINVALID {
			t.Errorf("version %q: %v, want invalid", v, err)
		}
	}
	if _, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionDeploy, Project: "nope", Env: "staging", Requester: "alice"}); deploybot.ErrorCode(err) != deploybot.ENOTFOUND {
		t.Errorf("unknown project: %v", err)
	}

	// Where the platform tells the CI status of the commit, a red CI refuses
	// the deploy and a green one ticks the checklist's tests item.
	tg := f.tgt["staging"]
	ci := map[string]string{"v7": "failure", "v8": "success"}
	tg.CIStatus = func(_ context.Context, version string) (string, error) { return ci[version], nil }
	f.tgt["staging"] = tg
	if p := plan("staging", "v7"); p.Deployment.State != deploybot.StateRejected || !strings.Contains(strings.Join(p.Deployment.Reasons, ";"), "CI failing for v7") {
		t.Errorf("red CI: %+v", p.Deployment)
	}
	p := plan("staging", "v8")
	if p.Deployment.State != deploybot.StateRequested || !p.Checklist[0].Auto || !p.Checklist[0].OK || p.Checklist[0].ID != "tests" {
		t.Errorf("green CI: %+v %+v", p.Deployment, p.Checklist[0])
	}
}

// TestOneDeploymentInFlight sends 50 confirmed requests for the same
// environment at once: exactly one runs, the others are told who holds the
// lock.
func TestOneDeploymentInFlight(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	release := make(chan struct{})
	f.exec.run = func(ctx context.Context, d deploybot.Deployment) error {
		<-release
		return nil
	}
	var ids []int64
	for i := range 50 {
		p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging",
			Version: fmt.Sprintf("v1.0.%d", i), Requester: fmt.Sprintf("user%d", i)})
		ids = append(ids, p.Deployment.ID)
	}
	var wg sync.WaitGroup
	var started, refused atomic.Int32
	errs := make(chan error, 50)
	for i, id := range ids {
		wg.Go(func() {
			d, err := f.svc.Confirm(ctx, id, fmt.Sprintf("user%d", i))
			switch {
			case err == nil && d.State == deploybot.StateRunning:
				started.Add(1)
			case deploybot.ErrorCode(err) == deploybot.ECONFLICT && strings.Contains(deploybot.ErrorMessage(err), "is locked by deployment #"):
				refused.Add(1)
			default:
				errs <- fmt.Errorf("deployment %d: %v %v", id, d.State, err)
			}
		})
	}
	wg.Wait()
	close(release)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := f.svc.Settle(ctx); err != nil {
		t.Fatal(err)
	}
	if started.Load() != 1 || refused.Load() != 49 || len(f.exec.Calls()) != 1 {
		t.Errorf("started %d, refused %d, executor calls %d; want 1, 49, 1", started.Load(), refused.Load(), len(f.exec.Calls()))
	}
}

// adopter is an executor whose runs another process can follow: Adopt
// reports what adopt says.
type adopter struct {
	executor
	adopted []int64
	adopt   func(d deploybot.Deployment) (deploybot.ExecResult, error)
}

func (a *adopter) Adopt(_ context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	a.mu.Lock()
	a.adopted = append(a.adopted, d.ID)
	a.mu.Unlock()
	return a.adopt(d)
}

// running records a deployment of v to env moved to running under the
// lease of holder h, as a process that then died would have left it.
func (f *fixture) leftRunning(t *testing.T, env, v string, h deploybot.Holder, ttl time.Duration) deploybot.Deployment {
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

// deadHolder names a process of this machine that no longer exists.
func deadHolder(t *testing.T) deploybot.Holder {
	t.Helper()
	h := process.Self()
	if h.BootID == "" {
		t.Skip("no /proc here: a dead holder cannot be told")
	}
	h.StartTime++ // same pid, another start: not this process
	return h
}

// TestReconcileAfterCrash: a process that dies while a deployment runs
// leaves it running under its lease. A process of the same machine adopts
// it at once (the holder's pid is gone); one elsewhere waits for the lease
// to expire. Adopting follows the run to its real outcome when the
// executor can; otherwise the deployment is interrupted, keeps its lock,
// and only an approver can settle it.
func TestReconcileAfterCrash(t *testing.T) {
	ctx := context.Background()
	t.Run("followed to its real outcome", func(t *testing.T) {
		f := newFixture(t)
		a := &adopter{adopt: func(d deploybot.Deployment) (deploybot.ExecResult, error) {
			return deploybot.ExecResult{Ref: d.ExecutorRef, Output: "done while nobody watched"}, nil
		}}
		stg := f.tgt["staging"]
		stg.Executor = a
		f.tgt["staging"] = stg
		d := f.leftRunning(t, "staging", "v3", deadHolder(t), time.Hour)
		if n, err := f.svc.Reconcile(ctx); err != nil || n != 1 {
			t.Fatalf("reconciled %d, %v; want the dead holder's run adopted at once", n, err)
		}
		f.svc.Settle(ctx)
		got, _ := f.db.Deployment(ctx, d.ID)
		if got.State != deploybot.StateSucceeded || got.Output != "done while nobody watched" {
			t.Errorf("after adoption: %s %q", got.State, got.Output)
		}
		if len(a.Calls()) != 0 || len(a.adopted) != 1 {
			t.Errorf("executed %d times, adopted %v: the run must be followed, never started again", len(a.Calls()), a.adopted)
		}
		if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 0 {
			t.Errorf("locks after the adopted run ended: %+v", locks)
		}
	})
	t.Run("a live holder elsewhere keeps it until its lease expires", func(t *testing.T) {
		f := newFixture(t)
		elsewhere := deploybot.Holder{Host: "other", BootID: "another-machine", PID: 42, StartTime: 7}
		d := f.leftRunning(t, "staging", "v3", elsewhere, time.Minute)
		if n, err := f.svc.Reconcile(ctx); err != nil || n != 0 {
			t.Fatalf("reconciled %d, %v while the lease lives", n, err)
		}
		f.clock.Add(2 * time.Minute) // the lease expires: its process is gone
		if n, err := f.svc.Reconcile(ctx); err != nil || n != 1 {
			t.Fatalf("reconciled %d, %v after the lease expired", n, err)
		}
		f.svc.Settle(ctx)
		got, _ := f.db.Deployment(ctx, d.ID)
		// The test executor cannot be followed: the outcome is unknown.
		if got.State != deploybot.StateInterrupted || !strings.Contains(strings.Join(got.Reasons, ";"), "outcome unknown") {
			t.Fatalf("after reconcile: %s %v", got.State, got.Reasons)
		}
		if len(f.exec.Calls()) != 0 {
			t.Errorf("the executor ran again")
		}
		// Its lock stays: nobody knows what runs there.
		var le *deploybot.LockError
		if _, err := f.db.AcquireLock(ctx, deploybot.Lock{Project: "api", Env: "staging", Holder: "other"}, 0); !errors.As(err, &le) {
			t.Fatalf("lock of an interrupted deployment: %v", err)
		}
		if _, err := f.svc.Unlock(ctx, "api", "staging", "alice", "hurry"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
			t.Errorf("plain unlock of an interrupted deployment: %v", err)
		}
		if _, err := f.svc.ForceUnlock(ctx, "api", "staging", "mallory", "checked"); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
			t.Errorf("forced unlock by mallory: %v", err)
		}
		if _, err := f.svc.ForceUnlock(ctx, "api", "staging", "bob", ""); deploybot.ErrorCode(err) != deploybot.EINVALID {
			t.Errorf("forced unlock without a reason: %v", err)
		}
		f.svc.Admins = []string{"root"}
		if ok, err := f.svc.ForceUnlock(ctx, "api", "staging", "root", "checked the target: v3 runs"); err != nil || !ok {
			t.Errorf("forced unlock by an admin: %v %v", ok, err)
		}
		got, _ = f.db.Deployment(ctx, d.ID)
		if got.State != deploybot.StateInterrupted {
			t.Errorf("forced unlock changed the state to %s", got.State)
		}
		events, _ := f.db.DeploymentEvents(ctx, d.ID)
		if len(events) != 4 {
			t.Errorf("audit has %d events, want 4 (requested, approved, running, interrupted)", len(events))
		}
	})
	t.Run("outcome recorded by an approver", func(t *testing.T) {
		f := newFixture(t)
		d := f.leftRunning(t, "production", "v3", deadHolder(t), time.Hour)
		if _, err := f.svc.Reconcile(ctx); err != nil {
			t.Fatal(err)
		}
		f.svc.Settle(ctx)
		if _, err := f.svc.RecordOutcome(ctx, d.ID, "alice", true, "looks fine"); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
			t.Errorf("outcome by a non-approver: %v", err)
		}
		got, err := f.svc.RecordOutcome(ctx, d.ID, "bob", true, "v3 answers on production")
		if err != nil || got.State != deploybot.StateSucceeded {
			t.Fatalf("outcome by an approver: %v %v", got.State, err)
		}
		if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 0 {
			t.Errorf("locks after the outcome: %+v", locks)
		}
		if _, err := f.svc.RecordOutcome(ctx, d.ID, "bob", false, "again"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
			t.Errorf("outcome of a settled deployment: %v", err)
		}
	})
	t.Run("a live process of this machine keeps its run", func(t *testing.T) {
		f := newFixture(t)
		f.leftRunning(t, "staging", "v3", process.Self(), time.Hour)
		f.clock.Add(2 * time.Hour) // expired, but... this process lives and renews: here, it does not run it
		// An expired lease is taken over, even from a live process: it failed to renew.
		if n, err := f.svc.Reconcile(ctx); err != nil || n != 1 {
			t.Fatalf("reconciled %d, %v", n, err)
		}
		f.svc.Settle(ctx)
	})
}

func TestRollbackAndVerification(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	p := f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "staging", Requester: "alice"})
	if p.Deployment.Version != "v1" || p.Deployment.PreviousVersion != "v2" {
		t.Fatalf("rollback plan %+v, want v2 -> v1", p.Deployment)
	}
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	f.svc.Settle(ctx)
	calls := f.exec.Calls()
	last := calls[len(calls)-1]
	if last.Action != deploybot.ActionRollback || last.Version != "v1" {
		t.Errorf("executor got %+v", last)
	}
	old, _ := f.db.Deployment(ctx, p.Deployment.RollbackOf)
	if old.State != deploybot.StateRolledBack {
		t.Errorf("the rolled back deployment is %s", old.State)
	}
	if locks, _ := f.db.Locks(ctx, "api"); len(locks) != 1 || !strings.HasPrefix(locks[0].Holder, "rollback #") {
		t.Errorf("no lock after the rollback: %+v", locks)
	}

	// A failing health check after the executor fails the deployment.
	health := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }))
	defer health.Close()
	f.svc.Prober = &probe.Prober{Client: health.Client(), Timeout: time.Second}
	tg := f.tgt["staging"]
	tg.HealthChecks = []deploybot.Check{{Name: "healthz", URL: health.URL, ExpectStatus: 200}}
	f.tgt["staging"] = tg
	if _, err := f.svc.Unlock(ctx, "api", "staging", "alice", "done"); err != nil {
		t.Fatal(err)
	}
	d := f.deploy(t, "staging", "v3", "alice")
	if d.State != deploybot.StateFailed || !strings.Contains(strings.Join(d.Reasons, ";"), "healthz") {
		t.Errorf("verification failure: %+v", d)
	}
}

// metrics returns a breach after the first sample.
type metrics struct{ n atomic.Int32 }

func (m *metrics) Sample(ctx context.Context, project, env string) (deploybot.MetricsSample, error) {
	if m.n.Add(1) == 1 {
		return deploybot.MetricsSample{ErrorRate: 0.0001, P95: 100 * time.Millisecond}, nil
	}
	return deploybot.MetricsSample{ErrorRate: 0.02, P95: 900 * time.Millisecond}, nil
}

func TestMonitoringBreachRollsBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.svc.Metrics = &metrics{}
	f.svc.MonitorInterval = 5 * time.Millisecond
	tg := f.tgt["staging"]
	tg.MonitorWindow, tg.AutoRollback, tg.LockAfterRollback = time.Second, true, false
	f.tgt["staging"] = tg
	d := f.deploy(t, "staging", "v2", "alice")
	if d.State != deploybot.StateMonitoring {
		t.Fatalf("state %s, want monitoring", d.State)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		calls := f.exec.Calls()
		if c := calls[len(calls)-1]; c.Action == deploybot.ActionRollback {
			if c.Version != "v1" {
				t.Errorf("automatic rollback to %s, want v1", c.Version)
			}
			got, _ := f.db.Deployment(ctx, d.ID)
			if !strings.Contains(strings.Join(got.Reasons, ";"), "error rate 2% > 0.1%") {
				t.Errorf("breach reasons: %v", got.Reasons)
			}
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("no automatic rollback after the breach")
}

// BenchmarkApprovalToExecutor measures from an approval to the executor's
// start, and BenchmarkRollbackToExecutor from a confirmed rollback request
// (plan and confirmation) to the executor's start; both report p99.
func BenchmarkApprovalToExecutor(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	f.exec.started = make(chan time.Time, 1)
	f.deploy(b, "staging", "v1", "alice") // staging first
	<-f.exec.started
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		p := f.plan(b, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v1", Requester: "alice"})
		if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		if _, err := f.svc.Approve(ctx, p.Deployment.ID, "bob"); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, (<-f.exec.started).Sub(t0))
		b.StopTimer()
		f.svc.Settle(ctx)
		b.StartTimer()
	}
	report(b, lat)
}

func BenchmarkRollbackToExecutor(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	tg := f.tgt["staging"]
	tg.LockAfterRollback = false
	f.tgt["staging"] = tg
	f.exec.started = make(chan time.Time, 1)
	f.deploy(b, "staging", "v1", "alice")
	<-f.exec.started
	f.deploy(b, "staging", "v2", "alice")
	<-f.exec.started
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		p := f.plan(b, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "staging", Version: "v1", Requester: "alice"})
		if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, (<-f.exec.started).Sub(t0))
		b.StopTimer()
		f.svc.Settle(ctx)
		b.StartTimer()
	}
	report(b, lat)
}

func report(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
}

// TestWaitInLine: a request with Wait meets a held lock, waits, and runs
// once the lock is released; another one gives up after WaitTimeout.
func TestWaitInLine(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.LockPoll, f.svc.WaitTimeout = 5*time.Millisecond, 10*time.Second
	if _, err := f.svc.Lock(ctx, "api", "staging", "ops", "incident"); err != nil {
		t.Fatal(err)
	}
	plan := func() deploy.Plan {
		p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v5", Requester: "alice", Wait: true})
		if p.Deployment.State != deploybot.StateRequested {
			t.Fatalf("a waiting request was refused: %v", p.Verdict.Reasons(deploybot.English, policy.Deny))
		}
		return p
	}
	p := plan()
	d, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice")
	if err != nil || d.State != deploybot.StateApproved {
		t.Fatalf("confirm: %v %v, want approved and waiting", d.State, err)
	}
	time.Sleep(20 * time.Millisecond)
	if n := len(f.exec.Calls()); n != 0 {
		t.Fatalf("ran while locked: %d calls", n)
	}
	if _, err := f.svc.Unlock(ctx, "api", "staging", "ops", "incident over"); err != nil {
		t.Fatal(err)
	}
	f.svc.Settle(ctx)
	if got, _ := f.db.Deployment(ctx, p.Deployment.ID); got.State != deploybot.StateSucceeded {
		t.Errorf("after the unlock: %s", got.State)
	}

	f.svc.WaitTimeout = 30 * time.Millisecond
	if _, err := f.svc.Lock(ctx, "api", "staging", "ops", "again"); err != nil {
		t.Fatal(err)
	}
	p = plan()
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	f.svc.Settle(ctx)
	if got, _ := f.db.Deployment(ctx, p.Deployment.ID); got.State != deploybot.StateCancelled || !strings.Contains(strings.Join(got.Reasons, ";"), "locked by ops") {
		t.Errorf("after the wait timeout: %s %v", got.State, got.Reasons)
	}
}

// TestTickChecklist: a project that asks for ticks refuses the confirmation
// until its requester has ticked every item deploybot does not check.
func TestTickChecklist(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tg := f.tgt["staging"]
	tg.TickChecklist = true
	tg.ChecklistSkip = []string{"docs", "communication"}
	f.tgt["staging"] = tg
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v1", Requester: "alice"})
	id := p.Deployment.ID
	if _, err := f.svc.Confirm(ctx, id, "alice"); deploybot.ErrorCode(err) != deploybot.EINVALID || !strings.Contains(deploybot.ErrorMessage(err), "tests review") {
		t.Fatalf("confirm before ticking: %v", err)
	}
	if _, err := f.svc.Tick(ctx, id, "bob", []string{"tests"}); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("tick by someone else: %v", err)
	}
	if _, err := f.svc.Tick(ctx, id, "alice", []string{"docs"}); deploybot.ErrorCode(err) != deploybot.EINVALID {
		t.Errorf("tick of a skipped item: %v", err)
	}
	left, err := f.svc.Tick(ctx, id, "alice", []string{"tests", "review"})
	if err != nil || slices.Contains(left, "tests") || !slices.Contains(left, "migrations") {
		t.Fatalf("after two ticks: %v %v", left, err)
	}
	if left, err = f.svc.Tick(ctx, id, "alice", []string{"all"}); err != nil || len(left) != 0 {
		t.Fatalf("after all: %v %v", left, err)
	}
	if d, err := f.svc.Confirm(ctx, id, "alice"); err != nil || d.State != deploybot.StateRunning {
		t.Fatalf("confirm after ticking: %v %v", d.State, err)
	}
	f.svc.Settle(ctx)
	got, _ := f.db.Deployment(ctx, id)
	if got.State != deploybot.StateSucceeded || len(got.Ticked) != 10 {
		t.Errorf("ticked deployment: %s, ticked %v", got.State, got.Ticked)
	}
}

// directory resolves access-list entries as a chat adapter does: names and
// groups to actor ids; anything else is an error.
type directory map[string][]string

func (d directory) Resolve(_ context.Context, entry string) ([]string, error) {
	ids, ok := d[entry]
	if !ok {
		return nil, deploybot.Errorf(deploybot.ENOTFOUND, "no user or group %q", entry)
	}
	return ids, nil
}

// TestIdentityByID: access lists are resolved to actor ids and compared
// exactly; a user group's members may approve; a renamed account, an
// id written in another case and an unresolvable group gain nothing.
func TestIdentityByID(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	prod := f.tgt["production"]
	prod.Approvers = []string{"@release-managers", "carol", "@ghosts"}
	f.tgt["production"] = prod
	f.svc.Directory = directory{
		"@release-managers": {"U0DAVE@T1"},
		"carol":             {"U0CAROL@T1"},
		// "@ghosts" cannot be resolved: it grants nothing.
	}
	f.deploy(t, "staging", "v1", "U0ALICE@T1")
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v1", Requester: "U0ALICE@T1"})
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "U0ALICE@T1"); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{
		"carol",       // a name is not an identity
		"U0OTHER@T1",  // another account, whatever it is called now
		"u0carol@t1",  // an id in another case
		"U0CAROL",     // an id without its team
		"@ghosts",     // the group's own name
		"ghosts",      //
		"U0CAROL@T2",  // the same user id in another workspace
		"\x00@ghosts", // the stand-in of an entry that resolved to nobody
	} {
		if _, err := f.svc.Approve(ctx, p.Deployment.ID, who); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
			t.Errorf("approval by %q: %v, want forbidden", who, err)
		}
	}
	if d, err := f.svc.Approve(ctx, p.Deployment.ID, "U0DAVE@T1"); err != nil || d.State != deploybot.StateRunning {
		t.Errorf("approval by a member of the group: %v %v", d.State, err)
	}
	f.svc.Settle(ctx)

	// A list whose every entry fails to resolve is not an open list.
	prod.Approvers = []string{"@ghosts"}
	prod.Approval = policy.ApprovalNamed
	f.tgt["production"] = prod
	f.deploy(t, "staging", "v2", "U0ALICE@T1")
	p = f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v2", Requester: "U0ALICE@T1"})
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "U0ALICE@T1"); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Approve(ctx, p.Deployment.ID, "U0DAVE@T1")
	if deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("approval under an unresolvable list: %v, want forbidden", err)
	}
	// The refusal names the entry as configured, in each language, and
	// never the stand-in's bytes.
	for lang, want := range map[deploybot.Lang]string{deploybot.English: "@ghosts (nobody found)", deploybot.French: "@ghosts (personne trouvée)"} {
		if msg := deploybot.ErrorMessageIn(err, lang); !strings.Contains(msg, want) || strings.Contains(msg, "\x00") {
			t.Errorf("refusal in %s = %q, want %q and no NUL byte", lang, msg, want)
		}
	}
}

// poster records what the service posts and updates; like Slack, its
// messages carry threads.
type poster struct {
	mu      sync.Mutex
	posts   []deploybot.Reply
	threads []string // channel|thread of each post (not updates)
}

func (p *poster) Post(_ context.Context, channel, thread string, r deploybot.Reply) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.posts = append(p.posts, r)
	p.threads = append(p.threads, channel+"|"+thread)
	return fmt.Sprintf("%s|ts-%d", channel, len(p.posts)), nil
}

func (p *poster) ThreadOf(ref string) (string, string, bool) {
	ch, ts, ok := strings.Cut(ref, "|")
	return ch, ts, ok
}

func (p *poster) Update(_ context.Context, ref string, r deploybot.Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.posts = append(p.posts, r)
	return nil
}

// TestNotification follows the brief's template: version, status,
// environment, time, owner, rollback readiness and monitoring links, posted
// once and updated in place.
func TestNotification(t *testing.T) {
	f := newFixture(t)
	p := &poster{}
	f.svc.Poster, f.svc.Lang = p, deploybot.English
	tg := f.tgt["staging"]
	tg.DashboardURL, tg.LogsURL = "https://grafana.example/d/api", "https://logs.example/api"
	f.tgt["staging"] = tg
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	last := p.posts[len(p.posts)-1]
	text := last.Title + "\n" + last.Text + "\n"
	for _, fl := range last.Fields {
		text += fl.Label + ": " + fl.Value + "\n"
	}
	for _, want := range []string{"🚀 Deployment api v2", "Status: Done ✅", "Environment: staging", "Owner: @alice",
		"Rollback: Ready if needed (v1)", "Dashboard: https://grafana.example/d/api", "Logs: https://logs.example/api"} {
		if !strings.Contains(text, want) {
			t.Errorf("notification lacks %q:\n%s", want, text)
		}
	}
	if n := len(p.posts); n != 6 {
		t.Errorf("%d posts and updates for two deployments, want 6 (post, verifying, done each)", n)
	}
}

// slowPoster is a poster whose first post waits for the executor's start
// (or, should the start wait for the post, gives up after a long while).
type slowPoster struct {
	poster
	executorStarted <-chan struct{}
	once            sync.Once
	waited          bool // the post gave up waiting: the executor waited for it
}

func (p *slowPoster) Post(ctx context.Context, channel, thread string, r deploybot.Reply) (string, error) {
	p.once.Do(func() {
		select {
		case <-p.executorStarted:
		case <-time.After(10 * time.Second):
			p.waited = true
		}
	})
	return p.poster.Post(ctx, channel, thread, r)
}

// TestExecutorStartsWhileTheMessageIsPosted: the deployment's message
// (changes read from the forge, then a post to the chat) does not stand
// between the approval and the executor's start; the message is still
// posted first and updated after, in order.
func TestExecutorStartsWhileTheMessageIsPosted(t *testing.T) {
	f := newFixture(t)
	started := make(chan struct{})
	var once sync.Once
	f.exec.run = func(context.Context, deploybot.Deployment) error {
		once.Do(func() { close(started) })
		return nil
	}
	p := &slowPoster{executorStarted: started}
	f.svc.Poster, f.svc.Lang = p, deploybot.English
	d := f.deploy(t, "staging", "v1", "alice")
	if p.waited {
		t.Error("the executor started only once the deployment's message was posted")
	}
	if d.State != deploybot.StateSucceeded {
		t.Errorf("deployment %s", d.State)
	}
	if n := len(p.posts); n != 3 || !strings.Contains(p.posts[2].Title+p.posts[2].Text+fmt.Sprint(p.posts[2].Fields), "Done") {
		t.Errorf("%d posts and updates, want 3 (post, verifying, done): %+v", n, p.posts)
	}
}

type healthyMetrics struct{}

func (healthyMetrics) Sample(context.Context, string, string) (deploybot.MetricsSample, error) {
	return deploybot.MetricsSample{ErrorRate: 0.0002, P95: 120 * time.Millisecond}, nil
}

// TestMonitoringSummary: a healthy monitoring window ends the deployment as
// succeeded and posts its summary with the worst values seen.
func TestMonitoringSummary(t *testing.T) {
	last, thread := monitoredWindow(t, healthyMetrics{})
	if !strings.Contains(last.Title, "Monitoring of api v1 on staging is over") || !strings.Contains(last.Text, "highest error rate 0.02%, highest p95 120ms") {
		t.Errorf("summary: %s / %s", last.Title, last.Text)
	}
	if thread != "c|ts-1" {
		t.Errorf("summary posted in %q, want under the deployment's message c|ts-1", thread)
	}
}

// monitoredWindow deploys api v1 to staging with a 30 ms monitoring window
// sampling m, waits for the window's end, and returns the last message
// posted (its summary) and the thread it was posted in.
func monitoredWindow(t *testing.T, m deploybot.Metrics) (deploybot.Reply, string) {
	t.Helper()
	f := newFixture(t)
	p := &poster{}
	f.svc.Poster, f.svc.Lang, f.svc.Metrics, f.svc.MonitorInterval = p, deploybot.English, m, 2*time.Millisecond
	tg := f.tgt["staging"]
	tg.MonitorWindow = 30 * time.Millisecond
	f.tgt["staging"] = tg
	d := f.deploy(t, "staging", "v1", "alice")
	// The monitor's window runs on its own timer: wait for its end.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		got, _ := f.db.Deployment(context.Background(), d.ID)
		if got.State.Terminal() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the window: %s", got.State)
		}
	}
	f.svc.Close() // the summary is posted before the monitor returns
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.posts[len(p.posts)-1], p.threads[len(p.threads)-1]
}

// TestRecheckAtApproval: a freeze set, or a window closed, between the plan
// and its approval refuses the deployment at approval time.
func TestRecheckAtApproval(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v1", Requester: "alice"})
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{To: f.clock.Now().Add(time.Hour), Reason: "incident", CreatedBy: "ops"}); err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.Approve(ctx, p.Deployment.ID, "bob")
	if deploybot.ErrorCode(err) != deploybot.ECONFLICT || !strings.Contains(deploybot.ErrorMessage(err), "incident") || d.State != deploybot.StateRejected {
		t.Errorf("approval during a freeze: %v %v", d.State, err)
	}
	if n := len(f.exec.Calls()); n != 1 {
		t.Errorf("executor ran %d times, want 1 (staging only)", n)
	}
}

// TestOperators: only deployers and approvers lock, unlock and freeze; a
// running deployment's lease cannot be unlocked; unfreeze leaves planned
// freezes alone.
func TestOperators(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	prod := f.tgt["production"]
	prod.Deployers = []string{"alice"}
	f.tgt["production"] = prod
	f.svc.AllTargets = func() [][2]string { return [][2]string{{"api", "production"}} }
	if _, err := f.svc.Lock(ctx, "api", "production", "mallory", "x"); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("lock by mallory: %v", err)
	}
	for _, who := range []string{"mallory", "alice"} { // alice deploys production but does not approve it
		if _, err := f.svc.Freeze(ctx, deploybot.Freeze{To: f.clock.Now().Add(time.Hour), CreatedBy: who}); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
			t.Errorf("global freeze by %s: %v", who, err)
		}
	}
	if _, err := f.svc.Lock(ctx, "api", "production", "bob", "incident"); err != nil {
		t.Fatalf("lock by an approver: %v", err)
	}
	if _, err := f.svc.Unlock(ctx, "api", "production", "mallory", "because"); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("unlock by mallory: %v", err)
	}
	if ok, err := f.svc.Unlock(ctx, "api", "production", "alice", "over"); err != nil || !ok {
		t.Errorf("unlock by a deployer: %v %v", ok, err)
	}
	// A running deployment's lease.
	if _, err := f.db.AcquireLock(ctx, deploybot.Lock{Project: "api", Env: "staging", Holder: "deployment #77", DeploymentID: 77}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Unlock(ctx, "api", "staging", "alice", "hurry"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("unlock of a running deployment: %v", err)
	}
	// Unfreeze lifts the freeze in force, not the one planned later; a
	// global freeze is lifted by its author, an approver of every
	// production or an admin, not by a deployer.
	now := f.clock.Now()
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{To: now.Add(time.Hour), CreatedBy: "bob", Reason: "now"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{From: now.Add(24 * time.Hour), To: now.Add(48 * time.Hour), CreatedBy: "bob", Reason: "later"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Unfreeze(ctx, "", "", "alice"); deploybot.ErrorCode(err) != deploybot.EFORBIDDEN {
		t.Errorf("unfreeze of bob's global freeze by a deployer: %v", err)
	}
	if n, err := f.svc.Unfreeze(ctx, "", "", "carol"); err != nil || n != 1 {
		t.Errorf("unfreeze by another approver lifted %d, %v; want 1", n, err)
	}
	f.svc.Admins = []string{"root"}
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{To: now.Add(time.Hour), CreatedBy: "root", Reason: "admin"}); err != nil {
		t.Errorf("global freeze by an admin: %v", err)
	}
}

// listedFreezes hands the slice it holds, as a store that keeps the
// freezes in memory does.
type listedFreezes struct{ fs []deploybot.Freeze }

func (l *listedFreezes) Freezes(context.Context) ([]deploybot.Freeze, error) { return l.fs, nil }

// TestChatFreezesFollowTheList: the calendars built while the store hands
// the same list share its conversion; a new list, even of the same
// length, is converted again, and each calendar keeps its project's.
func TestChatFreezesFollowTheList(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	l := &listedFreezes{fs: []deploybot.Freeze{
		{ID: 1, Project: "shop", From: t0, To: t0.Add(time.Hour)},
		{ID: 2, From: t0, To: t0.Add(time.Hour)},
	}}
	cal := deploy.WithChatFreezes(func(string) policy.Calendar { return policy.Calendar{} }, l, nil)
	ids := func(project string) []int64 {
		var out []int64
		for _, f := range cal(project).Freezes {
			out = append(out, f.ID)
		}
		return out
	}
	if got := ids("shop"); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("shop: %v", got)
	}
	if got := ids("blog"); !slices.Equal(got, []int64{2}) {
		t.Errorf("blog: %v", got)
	}
	l.fs = []deploybot.Freeze{{ID: 3, Project: "blog", From: t0, To: t0.Add(time.Hour)}, {ID: 4, Env: "production", From: t0, To: t0.Add(time.Hour)}}
	if got := ids("shop"); !slices.Equal(got, []int64{4}) {
		t.Errorf("shop, a new list: %v", got)
	}
	if got := ids("blog"); !slices.Equal(got, []int64{3, 4}) {
		t.Errorf("blog, a new list: %v", got)
	}
	if envs := cal("blog").Freezes[1].Environments; !slices.Equal(envs, []string{"production"}) {
		t.Errorf("the new list's environments: %v", envs)
	}
}

// TestChatFreezesJoinedOnce: while base gives a project the same freezes
// and the store the same list, the calendars of that project share their
// freezes, which an append by a reader leaves alone; base's own come
// first; a new list or new freezes of base are joined again.
func TestChatFreezesJoinedOnce(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	fixed := []policy.Freeze{{ID: 100, Reason: "file"}}
	for _, tc := range []struct {
		name  string
		own   func() []policy.Freeze // base's freezes, at each call
		want  []int64                // shop's freezes
		share bool                   // two calendars share them
	}{
		{name: "none of base's", own: func() []policy.Freeze { return nil }, want: []int64{1, 2}, share: true},
		{name: "base's, the same", own: func() []policy.Freeze { return fixed }, want: []int64{100, 1, 2}, share: true},
		{name: "base's, new each time", own: func() []policy.Freeze { return slices.Clone(fixed) }, want: []int64{100, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &listedFreezes{fs: []deploybot.Freeze{
				{ID: 1, Project: "shop", From: t0, To: t0.Add(time.Hour)},
				{ID: 2, From: t0, To: t0.Add(time.Hour)},
				{ID: 3, Project: "blog", From: t0, To: t0.Add(time.Hour)},
			}}
			cal := deploy.WithChatFreezes(func(string) policy.Calendar { return policy.Calendar{Freezes: tc.own()} }, l, nil)
			ids := func(fs []policy.Freeze) []int64 {
				var out []int64
				for _, f := range fs {
					out = append(out, f.ID)
				}
				return out
			}
			a := cal("shop").Freezes
			if got := ids(a); !slices.Equal(got, tc.want) {
				t.Fatalf("shop: %v, want %v", got, tc.want)
			}
			if cap(a) != len(a) {
				t.Errorf("freezes of capacity %d for %d: an append would write in what others share", cap(a), len(a))
			}
			_ = append(a, policy.Freeze{ID: 99}) // a reader's append
			b := cal("shop").Freezes
			if got := ids(b); !slices.Equal(got, tc.want) {
				t.Fatalf("shop after an append: %v, want %v", got, tc.want)
			}
			if shared := &a[0] == &b[0]; shared != tc.share {
				t.Errorf("shared %v, want %v", shared, tc.share)
			}
			if got, want := ids(cal("blog").Freezes), append(ids(tc.own()), 2, 3); !slices.Equal(got, want) {
				t.Errorf("blog: %v, want %v", got, want)
			}
			l.fs = []deploybot.Freeze{{ID: 4, From: t0, To: t0.Add(time.Hour)}}
			if got, want := ids(cal("shop").Freezes), append(ids(tc.own()), 4); !slices.Equal(got, want) {
				t.Errorf("shop, a new list: %v, want %v", got, want)
			}
		})
	}
}

// TestFreezesInStartOrder: Freezes gives the calendar's freezes not over,
// in the order they start (ties in the calendar's order), as sorting
// those not over gives, whether the calendar shares its freezes from one
// call to the next or builds them anew, as time passes over them.
func TestFreezesInStartOrder(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 24, 10, 0, 0, 0, paris)
	var fs []policy.Freeze
	for i := range 40 {
		start := t0.Add(time.Duration((i*7)%11) * time.Hour)
		fs = append(fs, policy.Freeze{ID: int64(i), Since: start, Until: start.Add(time.Duration(1+i%5) * time.Hour)})
	}
	fs = append(fs, policy.Freeze{ID: 100, From: t0, To: t0.AddDate(0, 0, 2)}) // whole days
	want := func(now time.Time) []int64 {
		var kept []policy.Freeze
		for _, f := range fs {
			if f.Ends(paris).After(now) {
				kept = append(kept, f)
			}
		}
		slices.SortStableFunc(kept, func(a, b policy.Freeze) int { return a.Starts(paris).Compare(b.Starts(paris)) })
		var out []int64
		for _, f := range kept {
			out = append(out, f.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		shared bool
	}{{"shared", true}, {"anew", false}} {
		t.Run(tc.name, func(t *testing.T) {
			now := t0.Add(-time.Hour)
			svc := &deploy.Service{Now: func() time.Time { return now }, Calendar: func(string) policy.Calendar {
				if tc.shared {
					return policy.Calendar{Location: paris, Freezes: slices.Clip(fs)}
				}
				return policy.Calendar{Location: paris, Freezes: slices.Clone(fs)}
			}}
			for h := range 60 {
				now = t0.Add(time.Duration(h-1) * time.Hour)
				var got []int64
				for _, f := range svc.Freezes("api") {
					got = append(got, f.ID)
				}
				if w := want(now); !slices.Equal(got, w) {
					t.Fatalf("at %s: %v, want %v", now, got, w)
				}
			}
		})
	}
}

// TestStagingFirstReadsBothSpellings: a version deployed to staging as
// "2.0.0" passed staging for "v2.0.0" and the other way round (a new
// user's "v2.3.0" was refused after "2.3.0" succeeded there); another
// version does not.
func TestStagingFirstReadsBothSpellings(t *testing.T) {
	f := newFixture(t)
	f.deploy(t, "staging", "2.0.0", "alice")
	f.deploy(t, "staging", "v3.0.0", "alice")
	f.clock.Add(30 * time.Minute)
	for _, tt := range []struct {
		version string
		passed  bool
	}{{"v2.0.0", true}, {"2.0.0", true}, {"3.0.0", true}, {"v2.0.1", false}, {"2.0", false}} {
		p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: tt.version, Requester: "alice"})
		refused := strings.Contains(strings.Join(p.Deployment.Reasons, ";"), "has not succeeded on staging")
		if refused == tt.passed {
			t.Errorf("%s after 2.0.0 and v3.0.0 on staging: refused for staging %v, want %v (%v)", tt.version, refused, !tt.passed, p.Deployment.Reasons)
		}
	}
}
