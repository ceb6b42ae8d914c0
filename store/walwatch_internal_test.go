package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"deploybot"
)

// TestWatchWAL: with the log watched, the change counter is read again
// only after a commit, by this process or another, and a commit that
// changes no setting nor interview leaves it where it was.
func TestWatchWAL(t *testing.T) {
	ctx := context.Background()
	db, other := watchedPair(t)
	w := db.wal.Load()
	if w == nil {
		t.Fatal("no watch")
	}
	read := func() int64 {
		t.Helper()
		n, err := db.readContextVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// skipped reports whether the counter would be taken from the watch.
	skipped := func() bool {
		h, ok := w.header()
		_, known := w.counters(h)
		return ok && known
	}
	n0 := read()
	if !skipped() {
		t.Fatal("no commit since the counter was read, yet the watch would read it again")
	}
	if got := read(); got != n0 {
		t.Fatalf("counter %d, then %d with no commit", n0, got)
	}
	for _, tc := range []struct {
		name  string
		write func() error
		moves bool
	}{
		{"a message recorded here", func() error {
			_, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", Platform: deploybot.PlatformTerminal, Text: "hi"})
			return err
		}, false},
		{"a setting set by another process", func() error {
			_, _, err := other.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeAgency, Key: "strategy", Value: "canary", SetBy: "bob"})
			return err
		}, true},
		{"an interview saved here", func() error {
			return db.SaveInterview(ctx, deploybot.Interview{Platform: deploybot.PlatformTerminal, Channel: "c", User: "alice", Status: deploybot.InterviewActive})
		}, true},
		{"a message recorded by another process", func() error {
			_, err := other.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m2", Platform: deploybot.PlatformTerminal, Text: "hi"})
			return err
		}, false},
	} {
		before := read()
		if err := tc.write(); err != nil {
			t.Fatal(err)
		}
		if skipped() {
			t.Errorf("after %s: the watch would not read the counter again", tc.name)
		}
		after := read()
		if moved := after != before; moved != tc.moves {
			t.Errorf("after %s: counter %d -> %d", tc.name, before, after)
		}
		if !skipped() {
			t.Errorf("after %s and a read: the watch would read the counter again", tc.name)
		}
	}
}

// TestWatchWALFreezes: with the log watched, the freezes are read again
// only once a freeze is written (added or lifted by another process:
// seen at once), and those over by the store's clock are left out
// without a read, as the query leaves them out.
func TestWatchWALFreezes(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	db, other := watchedPair(t)
	db.Now = func() time.Time { return now }
	w := db.wal.Load()
	ids := func() []int64 {
		t.Helper()
		fs, err := db.Freezes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	hit := func() bool {
		_, n, kept := db.keptVersion(ctx, freezesOf)
		_, hit := w.freezesAtCounter(n, now)
		return kept && hit
	}
	if got := ids(); len(got) != 0 {
		t.Fatalf("freezes before any: %v", got)
	}
	short, err := other.AddFreeze(ctx, deploybot.Freeze{Project: "shop", From: now, To: now.Add(time.Hour), Reason: "release", CreatedBy: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	long, err := other.AddFreeze(ctx, deploybot.Freeze{From: now, To: now.Add(48 * time.Hour), Reason: "year end", CreatedBy: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(); !slices.Equal(got, []int64{short, long}) {
		t.Fatalf("after two freezes added by another process: %v", got)
	}
	if !hit() {
		t.Fatal("no commit since the freezes were read, yet the watch would read them again")
	}
	now = now.Add(2 * time.Hour) // the first is over
	if got := ids(); !slices.Equal(got, []int64{long}) || !hit() {
		t.Errorf("once the first is over: %v (from memory: %v)", got, hit())
	}
	if ok, err := other.LiftFreeze(ctx, long, "bob"); err != nil || !ok {
		t.Fatalf("lift: %v, %v", ok, err)
	}
	if got := ids(); len(got) != 0 {
		t.Errorf("after a lift by another process: %v", got)
	}
	now = now.Add(-3 * time.Hour) // a clock that went back reads them again
	if _, err := other.AddFreeze(ctx, deploybot.Freeze{From: now, To: now.Add(time.Hour), Reason: "again", CreatedBy: "bob"}); err != nil {
		t.Fatal(err)
	}
	ids()
	now = now.Add(-time.Minute)
	if hit() {
		t.Error("the store's clock went back, yet the watch would answer from memory")
	}
	if got := ids(); len(got) != 2 { // the first (not over at this time) and the last
		t.Errorf("with the clock back: %v", got)
	}
}

// watchedPair opens a database whose log db watches (WatchWAL), and a
// second handle on the same file, as another process would.
func watchedPair(t *testing.T) (db, other *DB) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	other, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	if err := db.WatchWAL(ctx); err != nil {
		t.Fatal(err)
	}
	return db, other
}

// TestWatchWALDeploys: with the log watched, what was read of deployments
// and drills is answered from memory until one of them is written, by
// this process or another (the deploys' counter of migration 0017), and
// a commit that writes neither (an audit row) keeps it.
func TestWatchWALDeploys(t *testing.T) {
	ctx := context.Background()
	db, other := watchedPair(t)
	w := db.wal.Load()
	// kept reports whether a read of key would be answered from memory.
	kept := func(key string) bool {
		t.Helper()
		_, n, ok := db.keptVersion(ctx, deploysOf)
		if !ok {
			t.Fatal("the deploys' counter is not watched")
		}
		_, hit := w.deployReads.get(key, n)
		return hit
	}
	historyKey := readKey("history", "shop", "production")
	findKey := filterKey(deploybot.DeploymentFilter{Project: "shop"})
	// same checks that the watched handle reads what the other, which
	// keeps nothing, reads.
	same := func(when string) []deploybot.Deployment {
		t.Helper()
		got, err := db.HistoryRuns(ctx, "shop", "production")
		if err != nil {
			t.Fatal(err)
		}
		want, err := other.HistoryRuns(ctx, "shop", "production")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want, func(a, b deploybot.Deployment) bool { return a.ID == b.ID && a.State == b.State }) {
			t.Fatalf("%s: HistoryRuns = %v, want %v", when, got, want)
		}
		found, err := db.FindDeployments(ctx, deploybot.DeploymentFilter{Project: "shop"})
		if err != nil {
			t.Fatal(err)
		}
		wantFound, err := other.FindDeployments(ctx, deploybot.DeploymentFilter{Project: "shop"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(found, wantFound, func(a, b deploybot.Deployment) bool { return a.ID == b.ID && a.State == b.State }) {
			t.Fatalf("%s: FindDeployments = %v, want %v", when, found, wantFound)
		}
		if !kept(historyKey) || !kept(findKey) {
			t.Fatalf("%s: read, yet not kept", when)
		}
		return got
	}
	if got := same("before any deployment"); len(got) != 0 {
		t.Fatalf("history before any deployment: %v", got)
	}
	// A commit that writes no deployment keeps what was read.
	if _, err := other.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", Platform: deploybot.PlatformTerminal, Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	if !kept(historyKey) {
		t.Error("an audit row by another process dropped the history read")
	}
	// A deployment run by another process, step by step.
	id, err := other.CreateDeployment(ctx, deploybot.Deployment{Project: "shop", Env: "production", Version: "v1",
		Action: deploybot.ActionDeploy, Requester: "bob", State: deploybot.StateRequested})
	if err != nil {
		t.Fatal(err)
	}
	if kept(historyKey) || kept(findKey) {
		t.Error("a deployment planned by another process, yet the reads are kept")
	}
	if got := same("planned by another process"); len(got) != 0 {
		t.Fatalf("history of a plan: %v", got)
	}
	d, err := other.Deployment(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []deploybot.DeployState{deploybot.StateApproved, deploybot.StateRunning, deploybot.StateVerifying, deploybot.StateSucceeded} {
		d.Started = to != deploybot.StateApproved
		if err := other.MoveDeployment(ctx, &d, to, "bob", ""); err != nil {
			t.Fatal(err)
		}
		same("moved to " + string(to) + " by another process")
	}
	if got := same("succeeded"); len(got) != 1 || got[0].ID != id {
		t.Fatalf("history once succeeded: %v", got)
	}
	// A copy each: what a caller changes is not kept.
	got, _ := db.HistoryRuns(ctx, "shop", "production")
	got[0].Version, got[0].Reasons = "changed", append(got[0].Reasons, "changed")
	if again, _ := db.HistoryRuns(ctx, "shop", "production"); again[0].Version != "v1" || len(again[0].Reasons) != 0 {
		t.Errorf("a caller's change was kept: %+v", again[0])
	}
	// Written by this process: a rollback of the same version.
	d, err = db.Deployment(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MoveDeployment(ctx, &d, deploybot.StateRolledBack, "alice", ""); err != nil {
		t.Fatal(err)
	}
	if got := same("rolled back here"); len(got) != 1 || got[0].State != deploybot.StateRolledBack {
		t.Fatalf("history once rolled back: %v", got)
	}
	// Drills.
	drills := func() []deploybot.Drill {
		t.Helper()
		ds, err := db.Drills(ctx, "shop", "production", 1)
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	if ds := drills(); len(ds) != 0 {
		t.Fatalf("drills before any: %v", ds)
	}
	drillID, _, err := other.CreateDrill(ctx, deploybot.Drill{Project: "shop", Env: "production", Requester: "bob", State: deploybot.DrillRequested},
		deploybot.Deployment{Project: "shop", Env: "production", Version: "v0", Action: deploybot.ActionRollback, Requester: "bob", State: deploybot.StateRequested})
	if err != nil {
		t.Fatal(err)
	}
	if ds := drills(); len(ds) != 1 || ds[0].ID != drillID {
		t.Fatalf("drills after one planned by another process: %v", ds)
	}
	if !kept(readKey("drills", "shop", "production", "1")) {
		t.Error("drills read, yet not kept")
	}
}

// TestWatchWALLocksReminders: with the log watched, locks and reminders
// are read again only once one of them is written, by this process or
// another (the counters of migration 0018); a commit that writes neither
// keeps them, and a lease that runs out is left out without a read.
func TestWatchWALLocksReminders(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	db, other := watchedPair(t)
	db.Now = func() time.Time { return now }
	other.Now = func() time.Time { return now }
	w := db.wal.Load()
	kept := func(which func(counters) int64, c *deployCache, key string) bool {
		t.Helper()
		_, n, ok := db.keptVersion(ctx, which)
		if !ok {
			t.Fatal("the counter is not watched")
		}
		_, hit := c.get(key, n)
		return hit
	}
	locks := func() []string {
		t.Helper()
		ls, err := db.Locks(ctx, "shop")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range ls {
			out = append(out, l.Env+":"+l.Holder)
		}
		if !kept(locksOf, &w.lockReads, readKey("locks", "shop")) {
			t.Fatal("locks read, yet not kept")
		}
		return out
	}
	reminders := func() int {
		t.Helper()
		rs, err := db.Reminders(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !kept(remindersOf, &w.reminderReads, "reminders") {
			t.Fatal("reminders read, yet not kept")
		}
		return len(rs)
	}
	if got := locks(); len(got) != 0 {
		t.Fatalf("locks before any: %v", got)
	}
	if n := reminders(); n != 0 {
		t.Fatalf("reminders before any: %d", n)
	}
	if _, err := other.AcquireLock(ctx, deploybot.Lock{Project: "shop", Env: "production", Holder: "bob"}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := other.AcquireLock(ctx, deploybot.Lock{Project: "shop", Env: "staging", Holder: "lease"}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := locks(); !slices.Equal(got, []string{"production:bob", "staging:lease"}) {
		t.Fatalf("after two locks by another process: %v", got)
	}
	if _, err := other.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", Platform: deploybot.PlatformTerminal, Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	if !kept(locksOf, &w.lockReads, readKey("locks", "shop")) {
		t.Error("an audit row by another process dropped the locks read")
	}
	now = now.Add(2 * time.Minute) // the lease ran out
	if got := locks(); !slices.Equal(got, []string{"production:bob"}) {
		t.Errorf("once the lease ran out: %v", got)
	}
	if ok, err := db.ReleaseLock(ctx, "shop", "production", "bob", "bob", ""); err != nil || !ok {
		t.Fatalf("release here: %v, %v", ok, err)
	}
	if got := locks(); len(got) != 0 {
		t.Errorf("after a release here: %v", got)
	}
	if _, err := other.AddReminder(ctx, deploybot.Reminder{Channel: "c", Cron: "0 10 * * 1", Message: "check", CreatedBy: "bob"}); err != nil {
		t.Fatal(err)
	}
	if n := reminders(); n != 1 {
		t.Errorf("after a reminder added by another process: %d", n)
	}
}
