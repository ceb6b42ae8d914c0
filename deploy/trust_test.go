package deploy_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy"
	"deploybot/policy"
)

// rollbackTo plans, confirms and settles a rollback of env to version
// ("" for the rollback target) by user, and returns its plan.
func (f *fixture) rollbackTo(t *testing.T, env, version, user string) deploy.Plan {
	t.Helper()
	ctx := context.Background()
	p := f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: env, Version: version, Requester: user})
	if p.Deployment.State != deploybot.StateRequested {
		t.Fatalf("rollback plan refused: %v", p.Verdict.Reasons(deploybot.English, policy.Deny))
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
	if _, err := f.svc.Unlock(ctx, "api", env, user, "rollback checked"); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRollbackIsNoBackDoor: a rollback goes back only to a version that was
// good there; a rollback to any other version is a deploy and meets every
// rule — a freeze, a Friday evening, staging first and the approval.
func TestRollbackIsNoBackDoor(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1.2.0", "alice")
	f.deploy(t, "production", "v1.2.0", "alice")
	f.clock.Add(3 * 24 * time.Hour) // Friday 11:00
	f.clock.Add(7 * time.Hour)      // Friday 18:00
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{To: f.clock.Now().Add(24 * time.Hour), CreatedBy: "bob", Reason: "incident"}); err != nil {
		t.Fatal(err)
	}
	p := f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "production", Version: "v9.9.9-untested", Requester: "alice"})
	d := p.Deployment
	if d.Action != deploybot.ActionDeploy || d.State != deploybot.StateRejected {
		t.Fatalf("rollback to a version never run there: %s %s, want a rejected deploy", d.Action, d.State)
	}
	reasons := strings.Join(p.Verdict.Reasons(deploybot.English, policy.Deny), "; ")
	for _, want := range []string{"freeze", "has not succeeded on staging"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("refusal %q does not say %q", reasons, want)
		}
	}
	if len(p.Notes) == 0 || !strings.Contains(p.Notes[0][1], "not a rollback but a deploy") {
		t.Errorf("the plan does not say it is a deploy: %v", p.Notes)
	}
	for _, c := range f.exec.Calls() {
		if c.Version == "v9.9.9-untested" {
			t.Fatalf("the executor ran %+v", c)
		}
	}
	// A rollback to the current version, or with nothing earlier, is refused.
	if _, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "production", Requester: "alice"}); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("rollback with no earlier good version: %v", err)
	}
	if _, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "production", Version: "v1.2.0", Requester: "alice"}); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("rollback to the current version: %v", err)
	}
}

// TestRollbackNeverGoesToABadVersion: after v1.3.0 is rolled back to
// v1.2.0, "roll back" goes to the version before v1.2.0, never to v1.3.0,
// and DEPLOY_PREVIOUS_VERSION always names a real good version.
func TestRollbackNeverGoesToABadVersion(t *testing.T) {
	f := newFixture(t)
	for _, v := range []string{"v1.1.0", "v1.2.0", "v1.3.0"} {
		d := f.deploy(t, "staging", v, "alice")
		if d.State != deploybot.StateSucceeded {
			t.Fatalf("deploy %s: %s", v, d.State)
		}
	}
	calls := f.exec.Calls()
	if got := calls[len(calls)-1].PreviousVersion; got != "v1.2.0" {
		t.Errorf("DEPLOY_PREVIOUS_VERSION of v1.3.0 = %q, want v1.2.0", got)
	}
	if got := calls[0].PreviousVersion; got != "" {
		t.Errorf("DEPLOY_PREVIOUS_VERSION of the first deploy = %q, want empty", got)
	}
	p := f.rollbackTo(t, "staging", "", "alice")
	if p.Deployment.Version != "v1.2.0" || p.Deployment.PreviousVersion != "v1.3.0" {
		t.Fatalf("first rollback %s -> %s, want v1.3.0 -> v1.2.0", p.Deployment.PreviousVersion, p.Deployment.Version)
	}
	p = f.rollbackTo(t, "staging", "", "alice")
	if p.Deployment.Version != "v1.1.0" {
		t.Errorf("second rollback goes to %s, want v1.1.0 (never the bad v1.3.0)", p.Deployment.Version)
	}
	// v1.3.0 is bad: naming it is a deploy, not a rollback.
	p = f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "staging", Version: "v1.3.0", Requester: "alice"})
	if p.Deployment.Action != deploybot.ActionDeploy || !strings.Contains(p.Notes[0][1], "marked bad") {
		t.Errorf("rollback to the bad v1.3.0: %s, notes %v", p.Deployment.Action, p.Notes)
	}
	// A new deploy's previous version is the rollback target: v1.2.0
	// (good), never "latest" or the bad v1.3.0.
	d := f.deploy(t, "staging", "v1.4.0", "alice")
	if d.PreviousVersion != "v1.1.0" {
		t.Errorf("v1.4.0's rollback target is %q, want v1.1.0", d.PreviousVersion)
	}
	for _, c := range f.exec.Calls() {
		if c.PreviousVersion == "latest" || c.Action == deploybot.ActionDeploy && c.PreviousVersion == "v1.3.0" && c.Version != "v1.3.0" && c.Version != "v1.2.0" {
			t.Errorf("executor got DEPLOY_PREVIOUS_VERSION=%q for %s %s", c.PreviousVersion, c.Action, c.Version)
		}
	}
}

// resolver is an executor that resolves moving references.
type resolver struct {
	executor
	to string
}

func (r *resolver) Resolve(_ context.Context, project, env, ref string) (string, error) {
	if r.to == "" {
		return "", errors.New("no such branch")
	}
	return r.to, nil
}

// TestVersionsAreNeverGuessed: no version, "latest" or a branch name need
// an executor that resolves them; the plan says what they resolved to.
func TestVersionsAreNeverGuessed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, v := range []string{"", "latest", "main", "feature/login"} {
		_, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: v, Requester: "alice"})
		want := "not a fixed version"
		if v == "" {
			want = "Which version of api for staging? I never guess one" // the bot asks which one
		}
		if deploybot.ErrorCode(err) != deploybot.EINVALID || !strings.Contains(deploybot.ErrorMessage(err), want) {
			t.Errorf("deploy of %q with an executor that cannot resolve: %v", v, err)
		}
	}
	for _, v := range []string{"--help", "v1/../../etc", "v1;id", "$(id)", "-rf"} {
		_, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: v, Requester: "alice"})
		if deploybot.ErrorCode(err) != deploybot.EINVALID {
			t.Errorf("deploy of %q: %v, want invalid", v, err)
		}
	}
	r := &resolver{to: "3f9c2ab"}
	stg := f.tgt["staging"]
	stg.Executor = r
	f.tgt["staging"] = stg
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Requester: "alice"})
	if p.Deployment.Version != "3f9c2ab" || p.Deployment.Ref != "latest" || len(p.Notes) == 0 || !strings.Contains(p.Notes[0][1], "latest resolves to 3f9c2ab") {
		t.Errorf("resolved plan: version %q ref %q notes %v", p.Deployment.Version, p.Deployment.Ref, p.Notes)
	}
	r.to = ""
	if _, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "main", Requester: "alice"}); deploybot.ErrorCode(err) != deploybot.EINVALID {
		t.Errorf("unresolvable branch: %v", err)
	}
}

// TestRequestPlannedOnce: a message handled again (a crash, a retried
// delivery) gets the plan it got the first time, even when many workers
// handle it at once: one deployment, one executor run.
func TestRequestPlannedOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	ids := make(chan int64, 50)
	for range 50 {
		wg.Go(func() {
			p, err := f.svc.Plan(ctx, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v1",
				Requester: "alice", RequestKey: "slack:Ev123"})
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil && deploybot.ErrorCode(err) != deploybot.ECONFLICT {
				t.Error(err)
			}
			ids <- p.Deployment.ID
		})
	}
	wg.Wait()
	close(ids)
	f.svc.Settle(ctx)
	seen := map[int64]bool{}
	for id := range ids {
		seen[id] = true
	}
	if len(seen) != 1 || len(f.exec.Calls()) != 1 {
		t.Errorf("%d deployments, %d executor runs for one request; want 1, 1", len(seen), len(f.exec.Calls()))
	}
}

// TestConcurrentApprovals: fifty approvals of one deployment at once run
// it once.
func TestConcurrentApprovals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v1", Requester: "alice"})
	if _, err := f.svc.Confirm(ctx, p.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for i := range 50 {
		who := []string{"bob", "carol"}[i%2]
		wg.Go(func() {
			if _, err := f.svc.Approve(ctx, p.Deployment.ID, who); err == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	f.svc.Settle(ctx)
	runs := 0
	for _, c := range f.exec.Calls() {
		if c.Env == "production" {
			runs++
		}
	}
	if ok != 1 || runs != 1 {
		t.Errorf("%d approvals accepted, %d production runs; want 1, 1", ok, runs)
	}
}

// TestOneCalendar: a freeze set by chat holds for plans of every
// environment it covers, with the freeze's own line (not a false staging
// line), and is listed with the configuration's.
func TestOneCalendar(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{To: f.clock.Now().Add(time.Hour), CreatedBy: "bob", Reason: "incident"}); err != nil {
		t.Fatal(err)
	}
	p := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "staging", Version: "v1", Requester: "alice"})
	reasons := strings.Join(p.Verdict.Reasons(deploybot.English, policy.Allow), "; ")
	if p.Deployment.State != deploybot.StateRejected || !strings.Contains(reasons, "freeze in force: incident") || strings.Contains(reasons, "staging") {
		t.Errorf("staging plan during a freeze: %s: %s", p.Deployment.State, reasons)
	}
	fs := f.svc.Freezes("api")
	if len(fs) != 1 || fs[0].Reason != "incident" || fs[0].CreatedBy != "bob" {
		t.Errorf("freezes listed: %+v", fs)
	}
	f.clock.Add(2 * time.Hour)
	if fs := f.svc.Freezes(""); len(fs) != 0 {
		t.Errorf("a freeze that ended is still listed: %+v", fs)
	}
}

// TestMayChange: admins change every key; keys that loosen production only
// admins, and nobody by chat without admins; other project keys its
// deployers.
func TestMayChange(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	prod := f.tgt["production"]
	prod.Deployers = []string{"alice"}
	f.tgt["production"] = prod
	f.svc.AllTargets = func() [][2]string { return [][2]string{{"api", "production"}} }
	check := func(scope deploybot.Scope, key, who, code string) {
		t.Helper()
		err := f.svc.MayChange(ctx, scope, "api", key, who)
		if deploybot.ErrorCode(err) != code {
			t.Errorf("%s changes %s (%s): %v, want %q", who, key, scope, err, code)
		}
	}
	check(deploybot.ScopeProject, deploybot.KeyApproval, "alice", deploybot.EFORBIDDEN)
	if err := f.svc.MayChange(ctx, deploybot.ScopeProject, "api", deploybot.KeyApproval, "alice"); !strings.Contains(deploybot.ErrorMessage(err), "none is configured (agency.admins)") {
		t.Errorf("without admins the refusal says so: %v", err)
	}
	check(deploybot.ScopeProject, deploybot.KeyStrategy, "alice", "")
	check(deploybot.ScopeProject, deploybot.KeyStrategy, "mallory", deploybot.EFORBIDDEN)
	f.svc.Admins = []string{"root"}
	check(deploybot.ScopeProject, deploybot.KeyApproval, "root", "")
	check(deploybot.ScopeAgency, deploybot.KeyWindowsRecommend, "alice", deploybot.EFORBIDDEN)
	if err := f.svc.MayChange(ctx, deploybot.ScopeAgency, "", deploybot.KeyStagingFirst, "bob"); !strings.Contains(deploybot.ErrorMessage(err), "only the admins may change it (root)") {
		t.Errorf("the refusal names who may: %v", err)
	}
}

// TestAnOutrunPlanIsRefused: a plan its environment outran (another
// deployment ran there since it was made) is refused when it is approved
// or confirmed, never run as planned: a new user's approval of an older
// waiting deploy put it over the newer one without a word. Waiting its
// turn behind a lock (--wait) is not refused so.
func TestAnOutrunPlanIsRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	old := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v1", Requester: "alice"})
	if _, err := f.svc.Confirm(ctx, old.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	unconfirmed := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v1", Requester: "carol"})
	f.deploy(t, "production", "v2", "alice") // planned, confirmed, approved by bob, run
	d, err := f.svc.Approve(ctx, old.Deployment.ID, "bob")
	if deploybot.ErrorCode(err) != deploybot.ECONFLICT || !strings.Contains(err.Error(), "changed since the plan") {
		t.Fatalf("approving the outrun plan: %v (%s)", err, d.State)
	}
	if _, err := f.svc.Confirm(ctx, unconfirmed.Deployment.ID, "carol"); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Fatalf("confirming the outrun plan: %v", err)
	}
	f.svc.Settle(ctx)
	for _, c := range f.exec.Calls() {
		if c.Env == "production" && c.Version == "v1" {
			t.Fatalf("the executor ran the outrun plan: %+v", c)
		}
	}
	// Planned again, it shows what it replaces now, and runs.
	f.deploy(t, "production", "v1", "alice")
}

// TestAPlanOutrunByAnOlderOneIsRefused: a plan made while an older one
// waited for its approval, approved after the older one ran, is refused:
// it showed "v1 already runs: no change" and would have put v1 back over
// the v2 the older plan had just run (session 24's review).
func TestAPlanOutrunByAnOlderOneIsRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	f.deploy(t, "production", "v1", "alice")
	f.clock.Add(time.Minute)
	older := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v2", Requester: "alice"})
	if _, err := f.svc.Confirm(ctx, older.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	newer := f.plan(t, deploy.Request{Action: deploybot.ActionDeploy, Project: "api", Env: "production", Version: "v1", Requester: "carol"})
	if newer.Deployment.Replaces != "v1" {
		t.Fatalf("the newer plan replaces %q, want v1 (no change)", newer.Deployment.Replaces)
	}
	if _, err := f.svc.Confirm(ctx, newer.Deployment.ID, "carol"); err != nil {
		t.Fatal(err)
	}
	f.clock.Add(time.Minute)
	if _, err := f.svc.Approve(ctx, older.Deployment.ID, "bob"); err != nil {
		t.Fatalf("approving the older plan: %v", err)
	}
	f.svc.Settle(ctx)
	f.clock.Add(time.Minute)
	d, err := f.svc.Approve(ctx, newer.Deployment.ID, "bob")
	if deploybot.ErrorCode(err) != deploybot.ECONFLICT || !strings.Contains(err.Error(), "changed since the plan") {
		t.Fatalf("approving the outrun plan: %v (%s)", err, d.State)
	}
	f.svc.Settle(ctx)
	var ran []string
	for _, c := range f.exec.Calls() {
		if c.Env == "production" {
			ran = append(ran, c.Version)
		}
	}
	if !slices.Equal(ran, []string{"v1", "v2"}) {
		t.Fatalf("production ran %v, want [v1 v2]", ran)
	}
}

// TestRollbackReportSaysTheLock: the report of a rollback that locked its
// environment (LockAfterRollback) says so and how to lift it; a deploy's
// report does not (a team rolled back, then found its next deploy refused
// by a lock nobody had mentioned).
func TestRollbackReportSaysTheLock(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p := &poster{}
	f.svc.Poster, f.svc.Lang = p, deploybot.English
	f.deploy(t, "staging", "v1", "alice")
	f.deploy(t, "staging", "v2", "alice")
	for _, r := range p.posts {
		if strings.Contains(r.Note, "stays locked") {
			t.Fatalf("a deploy's report says a lock: %q", r.Note)
		}
	}
	plan := f.plan(t, deploy.Request{Action: deploybot.ActionRollback, Project: "api", Env: "staging", Requester: "alice"})
	if _, err := f.svc.Confirm(ctx, plan.Deployment.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	f.svc.Settle(ctx)
	last := p.posts[len(p.posts)-1]
	if want := `🔒 api/staging stays locked after this rollback; once the cause is fixed: "unlock api staging: <what was fixed>".`; !strings.Contains(last.Note, want) {
		t.Errorf("the rollback's report: %q, want %q in its note", last.Note, want)
	}
}

// downMetrics is a metrics server that never answers.
type downMetrics struct{}

func (downMetrics) Sample(context.Context, string, string) (deploybot.MetricsSample, error) {
	return deploybot.MetricsSample{}, errors.New("prometheus: connection refused")
}

// TestMonitoringWithoutSamples: a monitoring window in which no sample
// could be taken says that nothing was checked; it said "✅ … without a
// breach (0 samples)" while the metrics server was down, right after an
// incident.
func TestMonitoringWithoutSamples(t *testing.T) {
	last, _ := monitoredWindow(t, downMetrics{})
	if strings.Contains(last.Title, "✅") || !strings.Contains(last.Title, "no sample") || !strings.Contains(last.Text, "nothing was checked") {
		t.Errorf("summary of a window without samples: %s / %s", last.Title, last.Text)
	}
}

// TestBareUnfreezeLiftsOnesOwn: a bare "unfreeze" lifts the user's own
// project freeze in force (it lifted only freezes of every project, and a
// new user's own freeze of api staging blocked a deploy two days later),
// never another's project freeze the user may not lift.
func TestBareUnfreezeLiftsOnesOwn(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := f.clock.Now()
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{Project: "api", Env: "staging", To: now.Add(48 * time.Hour), CreatedBy: "alice", Reason: "post-incident"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Freeze(ctx, deploybot.Freeze{Project: "api", Env: "production", To: now.Add(48 * time.Hour), CreatedBy: "carol", Reason: "audit"}); err != nil {
		t.Fatal(err)
	}
	n, err := f.svc.Unfreeze(ctx, "", "", "alice")
	if err != nil || n != 1 {
		t.Fatalf("bare unfreeze by alice lifted %d, %v; want her one freeze", n, err)
	}
	left := 0
	for _, fr := range f.svc.Freezes("api") {
		if fr.Chat() {
			left++
			if fr.Reason != "audit" {
				t.Errorf("freeze left: %+v, want carol's audit", fr)
			}
		}
	}
	if left != 1 {
		t.Errorf("%d chat freezes left, want carol's", left)
	}
}
