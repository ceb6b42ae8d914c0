package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

// replicas opens n handles on one database, as n processes would: each
// has its own connection pool. The first is the one Open made.
func replicas(t *testing.T, h *H, n int) []*store.DB {
	t.Helper()
	db, loc := h.Open(t)
	out := []*store.DB{db}
	for len(out) < n {
		out = append(out, h.OpenAt(t, loc))
	}
	return out
}

// holderN is process n of a test.
func holderN(n int) deploybot.Holder {
	return deploybot.Holder{Host: "h", BootID: "boot", PIDNamespace: "pid:[1]", PID: 1000 + n, StartTime: uint64(5000 + n)}
}

func newDeployment(project, env, version string) deploybot.Deployment {
	return deploybot.Deployment{Project: project, Env: env, Version: version, Action: deploybot.ActionDeploy,
		Requester: "alice", Strategy: "rolling", Reasons: []string{"a", "b"}, Force: true, Platform: deploybot.PlatformSlack,
		Channel: "C1", Thread: "1.2", Lang: deploybot.English}
}

func testDeploymentLifecycle(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	d := newDeployment("shop", "staging", "v1.2.3")
	d.RequestKey = "message:C1:1.2"
	id, err := db.CreateDeployment(ctx, d)
	if err != nil || id <= 0 {
		t.Fatalf("CreateDeployment = %d, %v", id, err)
	}
	got, err := db.Deployment(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != deploybot.StateRequested || got.Version != "v1.2.3" || !got.Force || got.Wait || got.Started ||
		fmt.Sprint(got.Reasons) != "[a b]" || got.RequestKey != d.RequestKey || !got.CreatedAt.Equal(T0) || got.Lang != deploybot.English {
		t.Errorf("stored deployment = %+v", got)
	}
	if _, err := db.Deployment(ctx, id+100); deploybot.ErrorCode(err) != deploybot.ENOTFOUND {
		t.Errorf("Deployment(missing) = %v, want ENOTFOUND", err)
	}
	if byReq, ok, err := db.DeploymentByRequest(ctx, d.RequestKey); err != nil || !ok || byReq.ID != id {
		t.Errorf("DeploymentByRequest = %+v, %v, %v", byReq, ok, err)
	}

	// The lifecycle, each move a compare and swap on the state.
	me := holderN(1)
	steps := []struct {
		to     deploybot.DeployState
		leased bool
	}{
		{deploybot.StateApproved, true},
		{deploybot.StateRunning, false},
		{deploybot.StateVerifying, false},
		{deploybot.StateSucceeded, false},
	}
	for _, s := range steps {
		var err error
		if s.to == deploybot.StateRunning {
			got.Started = true
		}
		if s.leased {
			err = db.MoveDeploymentLeased(ctx, &got, s.to, "bob", "go", me, time.Minute)
		} else {
			err = db.MoveDeployment(ctx, &got, s.to, "deploybot", string(s.to))
		}
		if err != nil || got.State != s.to {
			t.Fatalf("move to %s: %v (state %s)", s.to, err, got.State)
		}
		if s.to == deploybot.StateApproved {
			if l, ok, err := db.LeaseOf(ctx, id); err != nil || !ok || l.Holder != me || !l.ExpiresAt.Equal(T0.Add(time.Minute)) {
				t.Errorf("lease after a leased move = %+v, %v, %v", l, ok, err)
			}
		}
	}
	if _, ok, _ := db.LeaseOf(ctx, id); ok {
		t.Error("a succeeded deployment kept its lease")
	}
	// A stale state is refused, and so is a move the lifecycle forbids.
	stale := got
	stale.State = deploybot.StateVerifying
	if err := db.MoveDeployment(ctx, &stale, deploybot.StateFailed, "x", ""); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("move from a stale state = %v, want ECONFLICT", err)
	}
	if err := db.MoveDeployment(ctx, &got, deploybot.StateRunning, "x", ""); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("succeeded → running = %v, want ECONFLICT", err)
	}
	evs, err := db.DeploymentEvents(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var path []string
	for _, e := range evs {
		path = append(path, string(e.From)+">"+string(e.To))
	}
	if want := "[>requested requested>approved approved>running running>verifying verifying>succeeded]"; fmt.Sprint(path) != want {
		t.Errorf("events = %v, want %s", path, want)
	}
	final, _ := db.Deployment(ctx, id)
	if !final.Started || !final.StartedAt.Equal(T0) {
		t.Errorf("started = %v at %v", final.Started, final.StartedAt)
	}
	runs, err := db.Runs(ctx, "shop", "staging")
	if err != nil || len(runs) != 1 || runs[0].ID != id {
		t.Errorf("Runs = %v, %v", runs, err)
	}
	for _, c := range []struct {
		version string
		want    bool
	}{{"v1.2.3", true}, {"v1.2.4", false}} {
		if good, err := db.VersionGood(ctx, "shop", "staging", c.version); err != nil || good != c.want {
			t.Errorf("VersionGood(%s) = %v, %v, want %v", c.version, good, err, c.want)
		}
	}
	counts, err := db.CountDeployments(ctx)
	if err != nil || counts[deploybot.StateSucceeded] != 1 || len(counts) != 1 {
		t.Errorf("CountDeployments = %v, %v", counts, err)
	}
}

func testFindDeployments(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	var ids []int64
	for i, c := range []struct{ project, env, version string }{
		{"shop", "staging", "v1"}, {"shop", "production", "v1"}, {"blog", "staging", "v9"}, {"shop", "staging", "v2"},
	} {
		d := newDeployment(c.project, c.env, c.version)
		if i == 3 {
			d.Thread = ""
		}
		id, err := db.CreateDeployment(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	d, _ := db.Deployment(ctx, ids[1])
	if err := db.MoveDeployment(ctx, &d, deploybot.StateCancelled, "bob", "no"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    deploybot.DeploymentFilter
		want []int64
	}{
		{"all, newest first", deploybot.DeploymentFilter{}, []int64{ids[3], ids[2], ids[1], ids[0]}},
		{"project", deploybot.DeploymentFilter{Project: "shop"}, []int64{ids[3], ids[1], ids[0]}},
		{"project and env", deploybot.DeploymentFilter{Project: "shop", Env: "staging"}, []int64{ids[3], ids[0]}},
		{"version", deploybot.DeploymentFilter{Version: "v9"}, []int64{ids[2]}},
		{"states", deploybot.DeploymentFilter{States: []deploybot.DeployState{deploybot.StateCancelled, deploybot.StateRunning}}, []int64{ids[1]}},
		{"limit", deploybot.DeploymentFilter{Limit: 2}, []int64{ids[3], ids[2]}},
		{"no thread", deploybot.DeploymentFilter{MatchThread: true}, []int64{ids[3]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := db.FindDeployments(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, d := range ds {
				got = append(got, d.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if err := db.TickChecklist(ctx, ids[0], []string{"backup", "notes"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Deployment(ctx, ids[0]); fmt.Sprint(got.Ticked) != "[backup notes]" {
		t.Errorf("ticked = %v", got.Ticked)
	}
	if err := db.TickChecklist(ctx, ids[1], nil); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("ticking a cancelled deployment = %v, want ECONFLICT", err)
	}
	if err := db.RecordRun(ctx, ids[0], "run-7"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Deployment(ctx, ids[0]); !got.Started || got.ExecutorRef != "run-7" {
		t.Errorf("after RecordRun: started %v, ref %q", got.Started, got.ExecutorRef)
	}
}

// testOneDeploymentPerRequest: processes that handle one message at once
// plan one deployment; the others learn it exists.
func testOneDeploymentPerRequest(t *testing.T, h *H) {
	ctx := context.Background()
	dbs := replicas(t, h, 4)
	const tries = 12
	var wg sync.WaitGroup
	var mu sync.Mutex
	created, dups := 0, 0
	for i := range tries {
		wg.Go(func() {
			d := newDeployment("shop", "staging", "v1")
			d.RequestKey = "message:C1:42.0"
			_, err := dbs[i%len(dbs)].CreateDeployment(ctx, d)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				created++
			case errors.Is(err, store.ErrDuplicateRequest):
				dups++
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if created != 1 || dups != tries-1 {
		t.Errorf("created %d, duplicates %d; want 1 and %d", created, dups, tries-1)
	}
}

// testOneMoveWins: of several processes moving one deployment from the
// same state at once, one wins; the others get ECONFLICT.
func testOneMoveWins(t *testing.T, h *H) {
	ctx := context.Background()
	dbs := replicas(t, h, 4)
	id, err := dbs[0].CreateDeployment(ctx, newDeployment("shop", "production", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := dbs[0].Deployment(ctx, id)
	if err := dbs[0].MoveDeployment(ctx, &d, deploybot.StateAwaitingApproval, "alice", ""); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var winners []deploybot.Holder
	for i := range 12 {
		wg.Go(func() {
			mine := d
			err := dbs[i%len(dbs)].MoveDeploymentLeased(ctx, &mine, deploybot.StateApproved, fmt.Sprint("approver", i), "", holderN(i), time.Minute)
			switch {
			case err == nil:
				mu.Lock()
				winners = append(winners, holderN(i))
				mu.Unlock()
			case deploybot.ErrorCode(err) != deploybot.ECONFLICT:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(winners) != 1 {
		t.Fatalf("%d moves won, want 1", len(winners))
	}
	if l, ok, _ := dbs[0].LeaseOf(ctx, id); !ok || l.Holder != winners[0] {
		t.Errorf("lease = %+v, want the winner %+v", l, winners[0])
	}
	evs, _ := dbs[0].DeploymentEvents(ctx, id)
	if len(evs) != 3 {
		t.Errorf("%d events, want 3 (requested, awaiting, approved once)", len(evs))
	}
}

// testLeases: a lease is renewed by its holder only; it is taken over when
// it expired or its holder is gone, and then its old holder's renewals
// fail; of several processes taking one lease at once, one wins.
func testLeases(t *testing.T, h *H) {
	ctx := context.Background()
	dbs := replicas(t, h, 4)
	db := dbs[0]
	id, err := db.CreateDeployment(ctx, newDeployment("shop", "staging", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := holderN(1), holderN(2)
	never := func(deploybot.Holder) bool { return false }
	if l, took, err := db.TakeLease(ctx, id, a, 30*time.Second, never); err != nil || !took || l.Holder != a {
		t.Fatalf("TakeLease(free) = %+v, %v, %v", l, took, err)
	}
	if l, took, err := db.TakeLease(ctx, id, b, 30*time.Second, never); err != nil || took || l.Holder != a {
		t.Fatalf("TakeLease(held) = %+v, %v, %v; want a's lease", l, took, err)
	}
	if _, took, _ := db.TakeLease(ctx, id, a, 30*time.Second, never); !took {
		t.Error("the holder could not take its own lease again")
	}
	if err := db.RenewLease(ctx, id, a, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := db.RenewLease(ctx, id, b, time.Minute); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("renewal by another = %v, want ErrLeaseLost", err)
	}
	// Its holder is gone: taken over at once.
	goneA := func(x deploybot.Holder) bool { return x == a }
	if _, took, err := db.TakeLease(ctx, id, b, 30*time.Second, goneA); err != nil || !took {
		t.Fatalf("TakeLease from a gone holder = %v, %v", took, err)
	}
	if err := db.RenewLease(ctx, id, a, time.Minute); !errors.Is(err, store.ErrLeaseLost) {
		t.Errorf("renewal by the old holder = %v, want ErrLeaseLost", err)
	}
	// Expired: taken over by whoever comes, one of many.
	for _, d := range dbs {
		d.Now = deploybot.FixedClock(T0.Add(31 * time.Second))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var won []int
	for i := range 12 {
		wg.Go(func() {
			_, took, err := dbs[i%len(dbs)].TakeLease(ctx, id, holderN(10+i), 30*time.Second, never)
			if err != nil {
				t.Error(err)
			}
			if took {
				mu.Lock()
				won = append(won, i)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(won) != 1 {
		t.Fatalf("%d processes took the expired lease, want 1: %v", len(won), won)
	}
	if err := db.ReleaseLease(ctx, id, b); err != nil {
		t.Fatal(err)
	}
	if l, ok, _ := db.LeaseOf(ctx, id); !ok || l.Holder != holderN(10+won[0]) {
		t.Errorf("a release by a former holder changed the lease: %+v", l)
	}
	if err := db.ReleaseLease(ctx, id, holderN(10+won[0])); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.LeaseOf(ctx, id); ok {
		t.Error("the lease is still there after its release")
	}
}

// testLocks: an environment's lock has one holder; its lease expires; of
// several processes locking a free environment at once, one wins.
func testLocks(t *testing.T, h *H) {
	ctx := context.Background()
	dbs := replicas(t, h, 4)
	db := dbs[0]
	l := deploybot.Lock{Project: "shop", Env: "production", Holder: "deployment #1", DeploymentID: 1, Reason: "deploy"}
	got, err := db.AcquireLock(ctx, l, time.Minute)
	if err != nil || got.Holder != l.Holder || !got.ExpiresAt.Equal(T0.Add(time.Minute)) {
		t.Fatalf("AcquireLock = %+v, %v", got, err)
	}
	other := deploybot.Lock{Project: "shop", Env: "production", Holder: "bob", Reason: "maintenance"}
	var le *deploybot.LockError
	if got, err := db.AcquireLock(ctx, other, 0); !errors.As(err, &le) || got.Holder != l.Holder {
		t.Errorf("AcquireLock of a held lock = %+v, %v; want a LockError naming the holder", got, err)
	}
	if ok, err := db.ReleaseLock(ctx, "shop", "production", "bob", "bob", "mine?"); err != nil || ok {
		t.Errorf("release by another = %v, %v", ok, err)
	}
	locks, err := db.Locks(ctx, "")
	if err != nil || len(locks) != 1 {
		t.Fatalf("Locks = %v, %v", locks, err)
	}
	// Expired: the next one takes it, and the expiry is recorded.
	db.Now = deploybot.FixedClock(T0.Add(2 * time.Minute))
	if locks, _ := db.Locks(ctx, "shop"); len(locks) != 0 {
		t.Errorf("an expired lease is listed: %v", locks)
	}
	if _, err := db.AcquireLock(ctx, other, 0); err != nil {
		t.Fatalf("AcquireLock after expiry: %v", err)
	}
	if ok, err := db.ReleaseLock(ctx, "shop", "production", "", "carol", "done"); err != nil || !ok {
		t.Errorf("manual unlock = %v, %v", ok, err)
	}
	evs, err := db.AuditEvents(ctx, deploybot.AuditFilter{Kinds: []string{"lock"}})
	if err != nil {
		t.Fatal(err)
	}
	var whats []string
	for _, e := range evs {
		whats = append(whats, e.What)
	}
	if want := "[lock (deployment #1) expire (deployment #1) lock (bob) unlock (bob)]"; fmt.Sprint(whats) != want {
		t.Errorf("lock events = %v, want %s", whats, want)
	}

	// Many processes, one free environment: one holder.
	for _, d := range dbs {
		d.Now = deploybot.FixedClock(T0.Add(3 * time.Minute))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var winners []string
	for i := range 12 {
		wg.Go(func() {
			l := deploybot.Lock{Project: "shop", Env: "staging", Holder: fmt.Sprintf("deployment #%d", 100+i), DeploymentID: int64(100 + i)}
			_, err := dbs[i%len(dbs)].AcquireLock(ctx, l, time.Minute)
			var le *deploybot.LockError
			switch {
			case err == nil:
				mu.Lock()
				winners = append(winners, l.Holder)
				mu.Unlock()
			case !errors.As(err, &le):
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(winners) != 1 {
		t.Fatalf("%d processes hold the lock: %v", len(winners), winners)
	}
	if locks, _ := dbs[1].Locks(ctx, "shop"); len(locks) != 1 || locks[0].Holder != winners[0] {
		t.Errorf("Locks = %+v, want %s", locks, winners[0])
	}
}

// testStartDeployment: the approval (when the deployment is not approved
// yet), the lock and the move to running are one transaction, with the
// events of separate calls; a lock held by another keeps the approval
// only; a deployment moved by someone else first changes nothing.
func testStartDeployment(t *testing.T, h *H) {
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		from       deploybot.DeployState // the state the deployment is in
		lockedBy   string                // a lock of the environment held before, if any
		stale      bool                  // the caller's copy says awaiting approval, the row is cancelled
		wantState  deploybot.DeployState // stored after the call
		wantErr    string                // "", "lock" (a *deploybot.LockError) or "conflict"
		wantEvents string
		wantLease  bool
		wantLock   string // the lock's holder after the call ("" when free)
	}{
		{name: "awaiting approval: approved, locked and running", from: deploybot.StateAwaitingApproval,
			wantState: deploybot.StateRunning, wantLease: true, wantLock: "deployment #1",
			wantEvents: "[->requested(alice: a; b) requested->awaiting_approval awaiting_approval->approved(bob: approved) approved->running(bob: executor started)]"},
		{name: "confirmed, no approval needed", from: deploybot.StateRequested,
			wantState: deploybot.StateRunning, wantLease: true, wantLock: "deployment #1",
			wantEvents: "[->requested(alice: a; b) requested->approved(bob: approved) approved->running(bob: executor started)]"},
		{name: "already approved: locked and running", from: deploybot.StateApproved,
			wantState: deploybot.StateRunning, wantLease: true, wantLock: "deployment #1",
			wantEvents: "[->requested(alice: a; b) requested->approved(alice: before) approved->running(bob: executor started)]"},
		{name: "locked by another: the approval only", from: deploybot.StateAwaitingApproval, lockedBy: "carol",
			wantState: deploybot.StateApproved, wantErr: "lock", wantLease: true, wantLock: "carol",
			wantEvents: "[->requested(alice: a; b) requested->awaiting_approval awaiting_approval->approved(bob: approved)]"},
		{name: "moved by someone else first: nothing", from: deploybot.StateAwaitingApproval, stale: true,
			wantState: deploybot.StateCancelled, wantErr: "conflict",
			wantEvents: "[->requested(alice: a; b) requested->awaiting_approval awaiting_approval->cancelled(alice: expired)]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := h.Open(t)
			id, err := db.CreateDeployment(ctx, newDeployment("shop", "production", "v1"))
			if err != nil || id != 1 {
				t.Fatalf("CreateDeployment = %d, %v", id, err)
			}
			d, _ := db.Deployment(ctx, id)
			switch tc.from {
			case deploybot.StateAwaitingApproval:
				if err := db.MoveDeployment(ctx, &d, tc.from, "alice", ""); err != nil {
					t.Fatal(err)
				}
			case deploybot.StateApproved:
				if err := db.MoveDeploymentLeased(ctx, &d, tc.from, "alice", "before", holderN(1), time.Minute); err != nil {
					t.Fatal(err)
				}
			}
			if tc.stale {
				row := d
				if err := db.MoveDeployment(ctx, &row, deploybot.StateCancelled, "alice", "expired"); err != nil {
					t.Fatal(err)
				}
			}
			if tc.lockedBy != "" {
				if _, err := db.AcquireLock(ctx, deploybot.Lock{Project: "shop", Env: "production", Holder: tc.lockedBy}, 0); err != nil {
					t.Fatal(err)
				}
			}
			d.Approver = "bob"
			l := deploybot.Lock{Project: "shop", Env: "production", Holder: "deployment #1", DeploymentID: id, Reason: "deploy v1"}
			err = db.StartDeployment(ctx, &d, l, "bob", "approved", holderN(1), time.Minute)
			var le *deploybot.LockError
			switch tc.wantErr {
			case "":
				if err != nil {
					t.Fatalf("StartDeployment = %v", err)
				}
			case "lock":
				if !errors.As(err, &le) || le.Lock.Holder != tc.lockedBy {
					t.Fatalf("StartDeployment = %v, want a LockError naming %s", err, tc.lockedBy)
				}
			case "conflict":
				if deploybot.ErrorCode(err) != deploybot.ECONFLICT {
					t.Fatalf("StartDeployment = %v, want ECONFLICT", err)
				}
			}
			got, err := db.Deployment(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.State != tc.wantState {
				t.Errorf("stored state %s, want %s", got.State, tc.wantState)
			}
			if tc.wantErr != "conflict" && d.State != tc.wantState {
				t.Errorf("the caller's copy is %s, want %s", d.State, tc.wantState)
			}
			running := tc.wantState == deploybot.StateRunning
			if running != !got.StartedAt.IsZero() || (running && !d.StartedAt.Equal(T0)) {
				t.Errorf("started at %v (copy %v), running %v", got.StartedAt, d.StartedAt, running)
			}
			if running && got.Approver != "bob" {
				t.Errorf("approver %q, want bob", got.Approver)
			}
			evs, err := db.DeploymentEvents(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var seen []string
			for _, e := range evs {
				s := string(e.From) + "->" + string(e.To)
				if e.Note != "" {
					s += "(" + e.Actor + ": " + e.Note + ")"
				}
				seen = append(seen, s)
			}
			if fmt.Sprint(seen) != tc.wantEvents {
				t.Errorf("events %v\nwant   %s", seen, tc.wantEvents)
			}
			lease, ok, err := db.LeaseOf(ctx, id)
			if err != nil || ok != tc.wantLease || (ok && lease.Holder != holderN(1)) {
				t.Errorf("lease %+v, %v, %v; want held: %v", lease, ok, err, tc.wantLease)
			}
			locks, err := db.Locks(ctx, "shop")
			if err != nil {
				t.Fatal(err)
			}
			holder := ""
			if len(locks) == 1 {
				holder = locks[0].Holder
			}
			if len(locks) > 1 || holder != tc.wantLock {
				t.Errorf("locks %+v, want held by %q", locks, tc.wantLock)
			}
		})
	}
}

// testOneStartWins: processes starting one deployment awaiting approval at
// once (two approvers' clicks): one runs it, holding its lease and lock.
func testOneStartWins(t *testing.T, h *H) {
	ctx := context.Background()
	dbs := replicas(t, h, 4)
	id, err := dbs[0].CreateDeployment(ctx, newDeployment("shop", "production", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := dbs[0].Deployment(ctx, id)
	if err := dbs[0].MoveDeployment(ctx, &d, deploybot.StateAwaitingApproval, "alice", ""); err != nil {
		t.Fatal(err)
	}
	l := deploybot.Lock{Project: "shop", Env: "production", Holder: fmt.Sprintf("deployment #%d", id), DeploymentID: id}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var winners []int
	for i := range 12 {
		wg.Go(func() {
			mine := d
			err := dbs[i%len(dbs)].StartDeployment(ctx, &mine, l, fmt.Sprint("approver", i), "approved", holderN(i), time.Minute)
			switch {
			case err == nil:
				mu.Lock()
				winners = append(winners, i)
				mu.Unlock()
			case deploybot.ErrorCode(err) != deploybot.ECONFLICT:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(winners) != 1 {
		t.Fatalf("%d starts won, want 1", len(winners))
	}
	if lease, ok, _ := dbs[0].LeaseOf(ctx, id); !ok || lease.Holder != holderN(winners[0]) {
		t.Errorf("lease = %+v, want the winner's", lease)
	}
	if got, _ := dbs[1].Deployment(ctx, id); got.State != deploybot.StateRunning {
		t.Errorf("state %s, want running", got.State)
	}
	if evs, _ := dbs[0].DeploymentEvents(ctx, id); len(evs) != 4 {
		t.Errorf("%d events, want 4 (requested, awaiting, approved and running once)", len(evs))
	}
}

func testFreezes(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	id, err := db.AddFreeze(ctx, deploybot.Freeze{Project: "shop", From: T0, To: T0.Add(24 * time.Hour), Reason: "sales", CreatedBy: "alice"})
	if err != nil || id <= 0 {
		t.Fatalf("AddFreeze = %d, %v", id, err)
	}
	past, _ := db.AddFreeze(ctx, deploybot.Freeze{From: T0.Add(-48 * time.Hour), To: T0.Add(-24 * time.Hour), CreatedBy: "bob"})
	fs, err := db.Freezes(ctx)
	if err != nil || len(fs) != 1 || fs[0].ID != id || fs[0].Reason != "sales" || !fs[0].To.Equal(T0.Add(24*time.Hour)) {
		t.Fatalf("Freezes = %+v, %v", fs, err)
	}
	if ok, err := db.LiftFreeze(ctx, id, "carol"); err != nil || !ok {
		t.Fatalf("LiftFreeze = %v, %v", ok, err)
	}
	if ok, _ := db.LiftFreeze(ctx, id, "carol"); ok {
		t.Error("a freeze was lifted twice")
	}
	if fs, _ := db.Freezes(ctx); len(fs) != 0 {
		t.Errorf("after the lift: %+v (past freeze %d)", fs, past)
	}
}

func testSettings(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	s := deploybot.Setting{Scope: deploybot.ScopeEnvironment, Project: "shop", Env: "staging", Key: "strategy", Value: "canary",
		SetBy: "U1@T1", SetByName: "carol"}
	if _, had, err := db.PutSetting(ctx, s); err != nil || had {
		t.Fatalf("PutSetting = %v, %v", had, err)
	}
	s2 := s
	s2.Value, s2.SetBy = "rolling", "U2@T1"
	old, had, err := db.PutSetting(ctx, s2)
	if err != nil || !had || old.Value != "canary" || old.SetByName != "carol" || !old.SetAt.Equal(T0) {
		t.Fatalf("PutSetting again = %+v, %v, %v", old, had, err)
	}
	if _, _, err := db.PutSetting(ctx, s2); err != nil { // the same value: nothing recorded
		t.Fatal(err)
	}
	for _, bad := range []deploybot.Setting{
		{Scope: deploybot.ScopeAgency, Project: "shop", Key: "k", Value: "v"},
		{Scope: deploybot.ScopeEnvironment, Project: "shop", Key: "k", Value: "v"},
		{Scope: deploybot.ScopeProject, Project: "shop", Value: "v"},
	} {
		if _, _, err := db.PutSetting(ctx, bad); deploybot.ErrorCode(err) != deploybot.EINVALID {
			t.Errorf("PutSetting(%+v) = %v, want EINVALID", bad, err)
		}
	}
	vals, err := db.SettingValues(ctx)
	if err != nil || len(vals) != 1 || vals[0].Value != "rolling" || vals[0].Env != "staging" {
		t.Fatalf("SettingValues = %+v, %v", vals, err)
	}
	if ok, err := db.DeleteSetting(ctx, s); err != nil || !ok {
		t.Fatalf("DeleteSetting = %v, %v", ok, err)
	}
	if ok, _ := db.DeleteSetting(ctx, s); ok {
		t.Error("deleted twice")
	}
	changes, err := db.ContextChanges(ctx, "shop", "strategy", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, c := range changes {
		trail = append(trail, c.Old+">"+c.New)
	}
	if want := "[>canary canary>rolling rolling>]"; fmt.Sprint(trail) != want {
		t.Errorf("changes = %v, want %s", trail, want)
	}
	if cs, _ := db.ContextChanges(ctx, "blog", "", time.Time{}); len(cs) != 0 {
		t.Errorf("changes of another project: %v", cs)
	}
}

func testInterviews(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	if _, ok, err := db.Interview(ctx, deploybot.PlatformSlack, "C1", "U1"); ok || err != nil {
		t.Fatalf("Interview(none) = %v, %v", ok, err)
	}
	iv := deploybot.Interview{Platform: deploybot.PlatformSlack, Channel: "C1", User: "U1", Project: "shop", Step: 3, Agency: true,
		Status: deploybot.InterviewActive}
	if err := db.SaveInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	iv.Step = 4
	if err := db.SaveInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.Interview(ctx, deploybot.PlatformSlack, "C1", "U1")
	if err != nil || !ok || got.Step != 4 || !got.Agency || got.Lang != deploybot.French || !got.UpdatedAt.Equal(T0) {
		t.Errorf("Interview = %+v, %v, %v", got, ok, err)
	}
}

func testModelUsage(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	id, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []deploybot.ModelUse{
		{MessageID: id, Op: deploybot.ModelOpAnswer, Model: "m", Usage: deploybot.Usage{PromptTokens: 10, CompletionTokens: 5}},
		{MessageID: id, Op: deploybot.ModelOpAnswer, Model: "m", Usage: deploybot.Usage{PromptTokens: 1}, Fallback: "timeout"},
	} {
		if err := db.RecordModelUse(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	usage, err := db.ModelUsage(ctx)
	if err != nil || len(usage) != 1 || usage[0].Calls != 2 || usage[0].PromptTokens != 11 || usage[0].Fallbacks != 1 {
		t.Errorf("ModelUsage = %+v, %v", usage, err)
	}
	if m, err := db.AnsweredBy(ctx, id); err != nil || m != "m" {
		t.Errorf("AnsweredBy = %q, %v", m, err)
	}
	if err := db.RecordReply(ctx, id, "status", "all good"); err != nil {
		t.Fatal(err)
	}
	evs, err := db.AuditEvents(ctx, deploybot.AuditFilter{Kinds: []string{"message"}})
	if err != nil || len(evs) != 1 || evs[0].What != "command status" || evs[0].Detail != "hi ⇒ all good" {
		t.Errorf("AuditEvents = %+v, %v", evs, err)
	}
}

// testDrills: a drill and its first step are created together; advancing
// ends a step and starts the next, leased, in one transaction; a stale
// drill state is refused.
func testDrills(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	dr := deploybot.Drill{Project: "shop", Env: "staging", Requester: "alice", State: deploybot.DrillRequested,
		TargetVersion: "v1", ReturnVersion: "v2"}
	step := newDeployment("shop", "staging", "v1")
	step.Action, step.State = deploybot.ActionRollback, deploybot.StateRequested
	drillID, stepID, err := db.CreateDrill(ctx, dr, step)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Drill(ctx, drillID)
	if err != nil || got.StepID != stepID || got.BackID != stepID || got.State != deploybot.DrillRequested {
		t.Fatalf("Drill = %+v, %v", got, err)
	}
	if d, _ := db.Deployment(ctx, stepID); d.DrillID != drillID {
		t.Errorf("step's drill = %d, want %d", d.DrillID, drillID)
	}
	// The rollback step runs and is verified: the drill goes forward.
	d, _ := db.Deployment(ctx, stepID)
	for _, to := range []deploybot.DeployState{deploybot.StateApproved, deploybot.StateRunning, deploybot.StateVerifying} {
		if err := db.MoveDeployment(ctx, &d, to, "deploybot", ""); err != nil {
			t.Fatal(err)
		}
	}
	got.State = deploybot.DrillBack
	if err := db.UpdateDrill(ctx, got, deploybot.DrillRequested); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateDrill(ctx, got, deploybot.DrillRequested); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("UpdateDrill from a stale state = %v, want ECONFLICT", err)
	}
	next := newDeployment("shop", "staging", "v2")
	fwd := got
	fwd.State, fwd.Back = deploybot.DrillForward, 1500*time.Millisecond
	me := holderN(1)
	nextID, err := db.AdvanceDrill(ctx, fwd, deploybot.DrillBack, &d, deploybot.StateSucceeded, "verified", next, me, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != deploybot.StateSucceeded {
		t.Errorf("done step state = %s", d.State)
	}
	if l, ok, _ := db.LeaseOf(ctx, nextID); !ok || l.Holder != me {
		t.Errorf("next step's lease = %+v, %v", l, ok)
	}
	if n, _ := db.Deployment(ctx, nextID); n.State != deploybot.StateApproved || n.DrillID != drillID {
		t.Errorf("next step = %+v", n)
	}
	got, _ = db.Drill(ctx, drillID)
	if got.State != deploybot.DrillForward || got.StepID != nextID || got.ForwardID != nextID || got.Back != 1500*time.Millisecond {
		t.Errorf("drill after advance = %+v", got)
	}
	// Advancing again from the same state is refused, and changes nothing.
	if _, err := db.AdvanceDrill(ctx, fwd, deploybot.DrillBack, &d, deploybot.StateSucceeded, "", next, me, time.Minute); deploybot.ErrorCode(err) != deploybot.ECONFLICT {
		t.Errorf("advance twice = %v, want ECONFLICT", err)
	}
	got.State, got.Note = deploybot.DrillSucceeded, "back and forth"
	if err := db.UpdateDrill(ctx, got, deploybot.DrillForward); err != nil {
		t.Fatal(err)
	}
	ds, err := db.Drills(ctx, "shop", "", 10, deploybot.DrillSucceeded)
	if err != nil || len(ds) != 1 || ds[0].EndedAt.IsZero() || ds[0].Note != "back and forth" {
		t.Errorf("Drills = %+v, %v", ds, err)
	}
	if ds, _ := db.Drills(ctx, "blog", "", 10); len(ds) != 0 {
		t.Errorf("drills of another project: %+v", ds)
	}
}

// testAuditEvents: the trail reads messages, settings, deployments, locks
// and freezes together, oldest first, filtered by project and user.
func testAuditEvents(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	at := func(d time.Duration) { db.Now = deploybot.FixedClock(T0.Add(d)) }
	at(0)
	if _, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", User: "U1", UserName: "alice", App: "shop", Text: "deploy shop"}); err != nil {
		t.Fatal(err)
	}
	at(time.Second)
	if _, _, err := db.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeProject, Project: "shop", Key: "approval", Value: "none", SetBy: "U2", SetByName: "carol"}); err != nil {
		t.Fatal(err)
	}
	at(2 * time.Second)
	id, _ := db.CreateDeployment(ctx, newDeployment("shop", "staging", "v1"))
	at(3 * time.Second)
	if _, err := db.AcquireLock(ctx, deploybot.Lock{Project: "blog", Env: "production", Holder: "bob"}, 0); err != nil {
		t.Fatal(err)
	}
	at(4 * time.Second)
	if _, err := db.AddFreeze(ctx, deploybot.Freeze{Project: "shop", From: T0, To: T0.Add(time.Hour), CreatedBy: "dave"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    deploybot.AuditFilter
		want string
	}{
		{"all", deploybot.AuditFilter{}, "[message setting deployment lock freeze]"},
		{"project", deploybot.AuditFilter{Project: "shop"}, "[message setting deployment freeze]"},
		{"user by name", deploybot.AuditFilter{User: "carol"}, "[setting]"},
		{"since", deploybot.AuditFilter{Since: T0.Add(2500 * time.Millisecond)}, "[lock freeze]"},
		{"limit keeps the latest", deploybot.AuditFilter{Limit: 2}, "[lock freeze]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := db.AuditEvents(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, e := range evs {
				kinds = append(kinds, e.Kind)
			}
			if fmt.Sprint(kinds) != tc.want {
				t.Errorf("kinds = %v, want %s", kinds, tc.want)
			}
		})
	}
	_ = id
}

// testAuditEventsLimit: a limit keeps the latest events of the whole
// trail sorted by time, the order of each kind's rows kept among equal
// times, as taking the last of the events read without a limit does,
// whatever the ties (the store reads only the last rows of each kind).
func testAuditEventsLimit(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	// Times that go forward, stay (ties within a kind and across kinds)
	// and go back.
	steps := []time.Duration{0, 0, time.Second, time.Second, 3 * time.Second, 2 * time.Second, 2 * time.Second, 5 * time.Second}
	for i, d := range steps {
		db.Now = deploybot.FixedClock(T0.Add(d))
		n := strconv.Itoa(i)
		if _, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m" + n, User: "U1", App: "shop", Text: "deploy " + n}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeProject, Project: "shop", Key: "approval", Value: "v" + n, SetBy: "U2"}); err != nil {
			t.Fatal(err)
		}
		env := "production"
		if i%2 == 1 {
			env = "staging"
		}
		if _, err := db.AcquireLock(ctx, deploybot.Lock{Project: "shop", Env: env + n, Holder: "bob"}, 0); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 || i == 2 || i == 4 { // freezes whose ids are not in the order of their times, two at one time
			if _, err := db.AddFreeze(ctx, deploybot.Freeze{Project: "shop", From: T0, To: T0.Add(time.Hour), CreatedBy: "dave"}); err != nil {
				t.Fatal(err)
			}
			id, err := db.CreateDeployment(ctx, newDeployment("shop", "staging", "v"+n))
			if err != nil {
				t.Fatal(err)
			}
			d, err := db.Deployment(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.MoveDeployment(ctx, &d, deploybot.StateApproved, "carol", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	show := func(evs []deploybot.AuditEvent) []string {
		var out []string
		for _, e := range evs {
			out = append(out, e.Kind+" "+e.What+" "+e.Env+" "+e.Detail+" "+e.At.Format(time.RFC3339))
		}
		return out
	}
	for _, f := range []deploybot.AuditFilter{
		{},
		{Project: "shop"},
		{Kinds: []string{"setting", "deployment", "lock", "freeze"}},
		{Kinds: []string{"message", "lock"}},
		{Kinds: []string{"freeze"}},
		{Kinds: []string{"lock", "freeze"}},
		{Since: T0.Add(2 * time.Second)},
	} {
		all, err := db.AuditEvents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for limit := 1; limit <= len(all)+1; limit++ {
			lf := f
			lf.Limit = limit
			got, err := db.AuditEvents(ctx, lf)
			if err != nil {
				t.Fatal(err)
			}
			want := all[max(len(all)-limit, 0):]
			if !slices.Equal(show(got), show(want)) {
				t.Fatalf("%+v: the last %d of the trail =\n%v\nwant\n%v", f, limit, show(got), show(want))
			}
		}
	}
}

func testFirstCommitTimes(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	d := newDeployment("shop", deploybot.EnvProduction, "v2")
	id, err := db.CreateDeployment(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.CreateDeployment(ctx, newDeployment("shop", deploybot.EnvProduction, "v3"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Deployment(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !got.FirstCommitAt.IsZero() {
		t.Errorf("new deployment: FirstCommitAt = %v, want none", got.FirstCommitAt)
	}
	if at, ok, err := db.CommitAt(ctx, got); ok || err != nil {
		t.Errorf("CommitAt before any record = %v, %v, %v; want none", at, ok, err)
	}

	// Recorded while it runs: a later record does not move it forward, an
	// earlier one does; the deployment's other fields do not change.
	monday := time.Date(2026, 3, 9, 8, 15, 0, 123456789, time.FixedZone("CET", 3600))
	for _, at := range []time.Time{monday.Add(time.Hour), monday, monday.Add(48 * time.Hour)} {
		if err := db.RecordFirstCommit(ctx, id, at); err != nil {
			t.Fatalf("RecordFirstCommit(%v): %v", at, err)
		}
	}
	if err := db.MoveDeploymentLeased(ctx, &got, deploybot.StateApproved, "bob", "go", holderN(1), time.Minute); err != nil {
		t.Fatal(err)
	}
	got.Started = true
	if err := db.MoveDeployment(ctx, &got, deploybot.StateRunning, "deploybot", "run"); err != nil {
		t.Fatal(err)
	}
	read := map[string]func() (deploybot.Deployment, error){
		"Deployment": func() (deploybot.Deployment, error) { return db.Deployment(ctx, id) },
		"Runs": func() (deploybot.Deployment, error) {
			runs, err := db.Runs(ctx, "shop", deploybot.EnvProduction)
			if err != nil || len(runs) != 1 {
				return deploybot.Deployment{}, fmt.Errorf("runs = %+v, %v", runs, err)
			}
			return runs[0], nil
		},
		"FindDeployments": func() (deploybot.Deployment, error) {
			ds, err := db.FindDeployments(ctx, deploybot.DeploymentFilter{Project: "shop", Version: "v2"})
			if err != nil || len(ds) != 1 {
				return deploybot.Deployment{}, fmt.Errorf("found %+v, %v", ds, err)
			}
			return ds[0], nil
		},
	}
	for name, f := range read {
		d, err := f()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !d.FirstCommitAt.Equal(monday) || d.State != deploybot.StateRunning || d.Version != "v2" {
			t.Errorf("%s: FirstCommitAt = %v (state %s), want %v", name, d.FirstCommitAt, d.State, monday)
		}
		if at, ok, err := db.CommitAt(ctx, d); !ok || err != nil || !at.Equal(monday) {
			t.Errorf("%s: CommitAt = %v, %v, %v; want %v", name, at, ok, err, monday)
		}
	}
	if o, err := db.Deployment(ctx, other); err != nil || !o.FirstCommitAt.IsZero() {
		t.Errorf("another deployment: FirstCommitAt = %v, %v; want none", o.FirstCommitAt, err)
	}

	if err := db.RecordFirstCommit(ctx, id+100, monday); deploybot.ErrorCode(err) != deploybot.ENOTFOUND {
		t.Errorf("RecordFirstCommit(missing) = %v, want ENOTFOUND", err)
	}
	if err := db.RecordFirstCommit(ctx, other, time.Time{}); deploybot.ErrorCode(err) != deploybot.EINVALID {
		t.Errorf("RecordFirstCommit(zero time) = %v, want EINVALID", err)
	}
}

// testHistoryRuns: of an environment's runs, HistoryRuns keeps the latest
// one, and for each version its latest good run and its latest bad run, in
// the order Runs lists them (the order they started, which is not always
// the order they were planned).
func testHistoryRuns(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	now := T0
	db.Now = func() time.Time { return now }
	// run records a run of version that ended in state (its executor's
	// run began when started), its executor's run beginning at start
	// (none: the zero time).
	run := func(env, version string, state deploybot.DeployState, failure deploybot.Failure, drill int64, started bool, start time.Time) int64 {
		t.Helper()
		d := newDeployment("shop", env, version)
		d.DrillID = drill
		id, err := db.CreateDeployment(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if d, err = db.Deployment(ctx, id); err != nil {
			t.Fatal(err)
		}
		path := []deploybot.DeployState{deploybot.StateApproved, deploybot.StateRunning, deploybot.StateVerifying}
		if state == deploybot.StateRolledBack {
			path = append(path, deploybot.StateMonitoring)
		}
		for _, to := range append(path, state) {
			if to == deploybot.StateRunning && !start.IsZero() {
				now = start
			}
			d.Started = started && to != deploybot.StateApproved
			if to == state {
				d.Failure = failure
			}
			if err := db.MoveDeployment(ctx, &d, to, "x", ""); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	ok, failed, rb := deploybot.StateSucceeded, deploybot.StateFailed, deploybot.StateRolledBack
	var zero time.Time
	v1a := run("production", "v1", ok, "", 0, true, zero)
	v1b := run("production", "v1", ok, "", 0, true, zero)                                // v1's latest good
	v2a := run("production", "v2", ok, "", 0, true, zero)                                // v2's latest good
	v2b := run("production", "v2", failed, deploybot.FailureVerification, 0, true, zero) // v2's latest bad
	v2c := run("production", "v2", failed, deploybot.FailureExecutor, 0, true, zero)     // marks nothing
	v3a := run("production", "v3", rb, "", 0, true, zero)                                // v3's latest bad, no good run
	drill := run("production", "v1", ok, "", 7, true, zero)                              // a drill's step marks nothing
	run("production", "v4", ok, "", 0, false, zero)                                      // never started
	noVersion := run("production", "", ok, "", 0, true, zero)                            // Runs lists it; the history skips it
	run("staging", "v5", ok, "", 0, true, zero)                                          // another environment
	run("staging", "v7", ok, "", 3, true, zero)                                          // only a drill's step
	run("production", "v8", ok, "", 0, true, zero)                                       // before v8's latest good
	v8b := run("production", "v8", rb, "", 0, true, zero)                                // v8's latest bad, before its latest good
	v8c := run("production", "v8", ok, "", 0, true, zero)                                // v8's latest good
	// Two runs of v6 that started in the other order than planned: the
	// one planned second started first and succeeded, the other was
	// rolled back and is the latest run.
	v6b := run("production", "v6", rb, "", 0, true, T0.Add(2*time.Minute))
	v6a := run("production", "v6", ok, "", 0, true, T0.Add(time.Minute))
	all, err := db.Runs(ctx, "shop", "production")
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	for _, r := range all {
		order = append(order, r.ID)
	}
	if want := []int64{v1a, v1b, v2a, v2b, v2c, v3a, drill, noVersion, v8b - 1, v8b, v8c, v6a, v6b}; !slices.Equal(order, want) {
		t.Fatalf("Runs = %v, want %v", order, want)
	}
	got, err := db.HistoryRuns(ctx, "shop", "production")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	if want := []int64{v1b, v2a, v2b, v3a, v8b, v8c, v6a, v6b}; !slices.Equal(ids, want) {
		t.Errorf("HistoryRuns = %v, want %v", ids, want)
	}
	if len(got) > 0 && (got[0].Project != "shop" || got[0].Version != "v1" || !got[0].Started) {
		t.Errorf("HistoryRuns' rows are not whole deployments: %+v", got[0])
	}
	if got, err := db.HistoryRuns(ctx, "shop", "qa"); err != nil || len(got) != 0 {
		t.Errorf("HistoryRuns of an environment with no run = %v, %v", got, err)
	}
	// VersionGood: the latest run that marks a version marks it good.
	for _, c := range []struct {
		env, version string
		want         bool
	}{
		{"production", "v1", true}, {"production", "v2", false}, {"production", "v3", false}, {"production", "v4", false},
		{"production", "v5", false}, {"production", "v6", false}, {"production", "v8", true}, {"production", "v9", false},
		{"staging", "v5", true}, {"staging", "v7", false}, {"staging", "v1", false},
	} {
		if got, err := db.VersionGood(ctx, "shop", c.env, c.version); err != nil || got != c.want {
			t.Errorf("VersionGood(%s, %s) = %v, %v, want %v", c.env, c.version, got, err, c.want)
		}
	}
	// RunSince: the run that started last, by its start then its id,
	// among those planned after the id given or started after the time.
	if id, ok, err := db.RunSince(ctx, "shop", "production", 0, time.Time{}); err != nil || !ok || id != order[len(order)-1] {
		t.Errorf("RunSince(production, 0, zero) = %d, %v, %v, want %d", id, ok, err, order[len(order)-1])
	}
	if id, ok, err := db.RunSince(ctx, "shop", "qa", 0, time.Time{}); err != nil || ok {
		t.Errorf("RunSince of an environment with no run = %d, %v, %v", id, ok, err)
	}
	late := time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
	if id, ok, err := db.RunSince(ctx, "shop", "production", slices.Max(order)+1, late); err != nil || ok {
		t.Errorf("RunSince after every id and every start = %d, %v, %v, want none", id, ok, err)
	}
	if id, ok, err := db.RunSince(ctx, "shop", "production", order[len(order)-1], late); err != nil || ok && id == order[len(order)-1] {
		t.Errorf("RunSince counts the deployment asked about: %d, %v, %v", id, ok, err)
	}
}
