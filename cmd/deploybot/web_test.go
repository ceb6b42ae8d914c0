package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/agents"
	"deploybot/config"
	"deploybot/schedule"
	"deploybot/settings"
	"deploybot/store"
)

// webConfig is the agency of the web tests: three projects with staging
// and production, the end-of-year freeze, a weekly summary and a dora
// reminder.
const webConfig = `
agency: {name: Acme Web, timezone: Europe/Paris, language: en}
freezes:
  - {from: 2026-12-20, to: 2027-01-03, environments: [production], reason: end of year}
slack: {notify_channel: "#deploys"}
projects:
  - {name: shop}
  - {name: api}
  - {name: blog}
reminders:
  - {cron: "CRON_TZ=Europe/Paris 30 9 * * MON", channel: "#deploys", kind: weekly_windows}
  - {cron: "CRON_TZ=Europe/Paris 0 9 * * MON", channel: "#deploys", kind: dora}
`

// seeder writes a history into the store, each step at its own time.
type seeder struct {
	t     testing.TB
	ctx   context.Context
	db    *store.DB
	clock time.Time
}

func (s *seeder) move(d *deploybot.Deployment, to deploybot.DeployState, at time.Time, actor, note string) {
	s.t.Helper()
	s.clock = at
	if err := s.db.MoveDeployment(s.ctx, d, to, actor, note); err != nil {
		s.t.Fatalf("move #%d to %s: %v", d.ID, to, err)
	}
}

// outcome of a seeded run.
type outcome string

const (
	ok        outcome = "ok"
	verifyKO  outcome = "verification failed"
	monitorKO outcome = "monitoring failed"
	execKO    outcome = "executor failed"
	running   outcome = "running"
	waiting   outcome = "awaiting approval"
)

// run plans, approves and runs a deployment at at, to its outcome; it
// records the chat message that planned it, with the plan as the reply.
func (s *seeder) run(project, env, version, replaces string, action deploybot.Action, rollbackOf int64, at time.Time, by string, o outcome) deploybot.Deployment {
	s.t.Helper()
	s.clock = at
	d := deploybot.Deployment{Project: project, Env: env, Version: version, Replaces: replaces, Action: action, RollbackOf: rollbackOf,
		Requester: by, Strategy: deploybot.StrategyRolling, Platform: deploybot.PlatformTerminal, Lang: deploybot.English, State: deploybot.StateRequested}
	id, err := s.db.CreateDeployment(s.ctx, d)
	if err != nil {
		s.t.Fatal(err)
	}
	d.ID = id
	verb := "Deploy"
	if action == deploybot.ActionRollback {
		verb = "Rollback"
	}
	msg, err := s.db.RecordMessage(s.ctx, deploybot.AuditEntry{MessageID: fmt.Sprintf("m%d", id), Platform: deploybot.PlatformTerminal, User: by,
		Text: fmt.Sprintf("%s %s %s to %s", strings.ToLower(verb), project, version, env), App: project, Env: env, Lang: deploybot.English, At: at})
	if err != nil {
		s.t.Fatal(err)
	}
	plan := fmt.Sprintf("%s %s %s → %s (#%d)\n*Rules*:\n✅ recommended window — windows: built-in practice\n✅ version %s succeeded on staging — staging first yes: built-in practice\n🔐 approval by another person (four eyes) — approval four-eyes: agency, file line 4\n*Checklist*: ✅ Staging OK ✅ Rollback ready (%s)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").",
		verb, project, version, env, id, version, replaces)
	if err := s.db.RecordReply(s.ctx, msg, "", plan); err != nil {
		s.t.Fatal(err)
	}
	if o == waiting {
		s.move(&d, deploybot.StateAwaitingApproval, at.Add(time.Minute), by, "confirmed")
		return d
	}
	if env == deploybot.EnvProduction {
		d.Approver = "bob"
		if by == "bob" {
			d.Approver = "carol"
		}
		s.move(&d, deploybot.StateAwaitingApproval, at.Add(time.Minute), by, "confirmed")
		s.move(&d, deploybot.StateApproved, at.Add(3*time.Minute), d.Approver, "approved by "+d.Approver)
	} else {
		s.move(&d, deploybot.StateApproved, at.Add(time.Minute), by, "confirmed")
	}
	s.clock = at.Add(startDelay)
	if err := s.db.RecordRun(s.ctx, id, fmt.Sprintf("run-%d", id)); err != nil {
		s.t.Fatal(err)
	}
	d.Started, d.ExecutorRef = true, fmt.Sprintf("run-%d", id)
	s.move(&d, deploybot.StateRunning, at.Add(startDelay), "deploybot", "executor started")
	if o == running {
		return d
	}
	d.Output = fmt.Sprintf("+ ./deploy.sh %s %s\nbuilding %s… done\nrolling out 3/3 pods… done", project, env, version)
	if o == execKO {
		d.Failure, d.Reasons = deploybot.FailureExecutor, []string{"the executor failed: exit status 2"}
		d.Output += "\nerror: image not found"
		s.move(&d, deploybot.StateFailed, at.Add(9*time.Minute), "deploybot", "exit status 2")
		return d
	}
	s.move(&d, deploybot.StateVerifying, at.Add(10*time.Minute), "deploybot", "executor done")
	if o == verifyKO {
		d.Failure, d.Reasons = deploybot.FailureVerification, []string{"health check https://" + project + ".example.com/healthz: 502"}
		s.move(&d, deploybot.StateFailed, at.Add(12*time.Minute), "deploybot", "health check: 502")
		return d
	}
	if env != deploybot.EnvProduction {
		s.move(&d, deploybot.StateSucceeded, at.Add(12*time.Minute), "deploybot", "health checks ok (2/2)")
		return d
	}
	s.move(&d, deploybot.StateMonitoring, at.Add(12*time.Minute), "deploybot", "health checks ok (2/2), smoke tests ok (3/3)")
	if o == monitorKO {
		d.Failure, d.Reasons = deploybot.FailureMonitoring, []string{"error rate 2.4% > 0.1%"}
		s.move(&d, deploybot.StateFailed, at.Add(20*time.Minute), "deploybot", "error rate 2.4% > 0.1%")
		return d
	}
	s.move(&d, deploybot.StateSucceeded, at.Add(42*time.Minute), "deploybot", "monitoring ok for 30m: error rate 0.02%, p95 180ms")
	return d
}

// rollback rolls d back to version at at, and marks d rolled back.
func (s *seeder) rollback(d *deploybot.Deployment, version string, at time.Time, by string) deploybot.Deployment {
	s.t.Helper()
	rb := s.run(d.Project, d.Env, version, d.Version, deploybot.ActionRollback, d.ID, at, by, ok)
	d.Reasons = append(d.Reasons, fmt.Sprintf("rolled back by deployment #%d", rb.ID))
	s.move(d, deploybot.StateRolledBack, rb.UpdatedAt, by, fmt.Sprintf("rolled back by #%d", rb.ID))
	return rb
}

// startDelay is how long after its request a seeded deployment's
// executor starts: DORA counts a deploy by that start.
const startDelay = 4 * time.Minute

// seedWeb writes five weeks of history ending now: shop ships often and
// rolls back once, api fails verification once and an auto-rollback
// once, blog ships rarely; shop has a deployment running, api one
// waiting for approval, blog production a chat freeze, api staging a
// manual lock. It returns the number of production deploys (not
// rollbacks) whose executor started in the last 30 days.
func seedWeb(t testing.TB, db *store.DB, now time.Time, loc *time.Location) int {
	s := &seeder{t: t, ctx: context.Background(), db: db}
	db.Now = func() time.Time { return s.clock }
	day := func(daysAgo int, hour int) time.Time {
		d := now.In(loc).AddDate(0, 0, -daysAgo)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, loc)
	}
	people := []string{"alice", "bob", "carol"}
	prod30 := 0
	count := func(at time.Time) { // at: the deploy's request; its executor starts startDelay later
		if !at.Add(startDelay).Before(now.Add(-30 * 24 * time.Hour)) {
			prod30++
		}
	}
	prev := ""
	for i := range 12 {
		v := fmt.Sprintf("v1.%d.0", i)
		ago := 36 - i*3
		s.run("shop", "staging", v, prev, deploybot.ActionDeploy, 0, day(ago, 10), people[i%3], ok)
		at := day(ago, 15)
		if i%4 == 3 {
			at = day(ago-1, 11) // the next morning
		}
		o := ok
		if i == 7 {
			o = monitorKO
		}
		d := s.run("shop", "production", v, prev, deploybot.ActionDeploy, 0, at, people[(i+1)%3], o)
		count(at)
		if o == monitorKO {
			s.rollback(&d, prev, at.Add(25*time.Minute), "bob")
			continue
		}
		prev = v
	}
	s.run("shop", "staging", "v1.12.0", prev, deploybot.ActionDeploy, 0, now.Add(-2*time.Hour), "alice", ok)
	cur := s.run("shop", "production", "v1.12.0", prev, deploybot.ActionDeploy, 0, now.Add(-6*time.Minute), "alice", running)
	count(now.Add(-6 * time.Minute))
	if _, err := db.AcquireLock(s.ctx, deploybot.Lock{Project: "shop", Env: "production", Holder: fmt.Sprintf("deployment #%d", cur.ID), DeploymentID: cur.ID}, time.Hour); err != nil {
		t.Fatal(err)
	}

	prev = "v2.0.0"
	for i := range 5 {
		v := fmt.Sprintf("v2.%d.0", i+1)
		ago := 33 - i*7
		s.run("api", "staging", v, prev, deploybot.ActionDeploy, 0, day(ago, 11), "carol", ok)
		switch i {
		case 1:
			d := s.run("api", "production", v, prev, deploybot.ActionDeploy, 0, day(ago-1, 10), "carol", verifyKO)
			count(d.StartedAt)
			s.run("api", "staging", v+"-fix", prev, deploybot.ActionDeploy, 0, day(ago-1, 14), "carol", ok)
			fixed := s.run("api", "production", v+"-fix", prev, deploybot.ActionDeploy, 0, day(ago-1, 16), "carol", ok)
			count(fixed.StartedAt)
			v += "-fix"
		case 3:
			d := s.run("api", "production", v, prev, deploybot.ActionDeploy, 0, day(ago-2, 10), "bob", ok)
			count(d.StartedAt)
			s.rollback(&d, prev, day(ago-2, 13), "carol")
			continue
		default:
			d := s.run("api", "production", v, prev, deploybot.ActionDeploy, 0, day(ago-1, 10), "alice", ok)
			count(d.StartedAt)
		}
		prev = v
	}
	s.run("api", "staging", "v2.6.0", prev, deploybot.ActionDeploy, 0, day(1, 15), "bob", ok)
	s.run("api", "production", "v2.6.0", prev, deploybot.ActionDeploy, 0, now.Add(-20*time.Minute), "bob", waiting)
	s.clock = now.Add(-3 * time.Hour)
	if _, err := db.AcquireLock(s.ctx, deploybot.Lock{Project: "api", Env: "staging", Holder: "carol", Reason: "database migration under test"}, 0); err != nil {
		t.Fatal(err)
	}

	s.run("blog", "staging", "2026.11.1", "", deploybot.ActionDeploy, 0, day(20, 10), "alice", ok)
	d := s.run("blog", "production", "2026.11.1", "", deploybot.ActionDeploy, 0, day(19, 10), "alice", ok)
	count(d.StartedAt)
	s.run("blog", "staging", "2026.11.2", "2026.11.1", deploybot.ActionDeploy, 0, day(6, 10), "carol", execKO)
	if _, err := db.AddFreeze(s.ctx, deploybot.Freeze{Project: "blog", Env: "production", From: now.Add(-time.Hour), To: now.Add(48 * time.Hour),
		Reason: "content migration", CreatedBy: "carol"}); err != nil {
		t.Fatal(err)
	}
	db.Now = deploybot.SystemClock
	return prod30
}

// webSite serves the pages of a seeded store as serve builds them (the
// one calendar with chat freezes, the configured reminders), on
// 127.0.0.1.
func webSite(t testing.TB) (*httptest.Server, *store.DB, int) {
	t.Helper()
	return webSiteAt(t, time.Now())
}

// webSiteAt is webSite with its seed and its pages at now.
func webSiteAt(t testing.TB, now time.Time) (*httptest.Server, *store.DB, int) {
	t.Helper()
	cfg, err := config.ParseWith([]byte(webConfig), "web.yaml", func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "deploybot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	prod30 := seedWeb(t, db, now, cfg.Location())
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	cal := calendar(cfg, settings.New(cfg, db, deploybot.SystemClock), db, logger)
	reminders := &schedule.Scheduler{Store: db, Calendar: cal, Reminders: configReminders(cfg), Lang: cfg.Agency.Language}
	mux := http.NewServeMux()
	m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	// The pages run on the seed's clock: with the system's, a deployment
	// seeded at a whole hour 30 days back fell on the other side of the
	// DORA window when the test ran seconds after the hour (CI, 14:00:01).
	bot := &agents.Orchestrator{Calendar: cal, Now: deploybot.FixedClock(now)}
	if _, err := m.webServices(cfg, db, bot, mux, reminders, logger); err != nil {
		t.Fatal(err)
	}
	if reminders.DORA == nil {
		t.Fatal("the dora reminders are not wired")
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, db, prod30
}

// TestWebServesTheStore checks, without a browser, that the pages and the
// API show what the store holds.
func TestWebServesTheStore(t *testing.T) {
	srv, db, prod30 := webSite(t)
	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	all, err := db.FindDeployments(context.Background(), deploybot.DeploymentFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	code, body := get("/api/v1/deployments?limit=500")
	if code != 200 || !strings.Contains(body, fmt.Sprintf(`"count": %d`, len(all))) {
		t.Errorf("deployments: %d, want count %d", code, len(all))
	}
	code, body = get("/api/v1/dora?period=30d")
	if code != 200 || !strings.Contains(body, fmt.Sprintf(`"deployments": %d`, prod30)) {
		t.Errorf("dora: %d, want %d deployments:\n%.600s", code, prod30, body)
	}
	// A commit time recorded on a production deploy: its lead time starts
	// there, the others' at staging.
	runs, err := db.Runs(context.Background(), "shop", deploybot.EnvProduction)
	if err != nil {
		t.Fatal(err)
	}
	var shipped deploybot.Deployment
	for _, d := range runs {
		if d.State == deploybot.StateSucceeded && d.Action == deploybot.ActionDeploy {
			shipped = d
		}
	}
	if err := db.RecordFirstCommit(context.Background(), shipped.ID, shipped.StartedAt.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	code, body = get("/api/v1/dora?period=30d&project=shop")
	for _, w := range []string{`"lead_time_from": "mixed"`, `"lead_time_from_commits": 1`} {
		if code != 200 || !strings.Contains(body, w) {
			t.Errorf("dora of shop lacks %s:\n%.900s", w, body)
		}
	}
	code, body = get(fmt.Sprintf("/api/v1/deployments/%d", shipped.ID))
	if code != 200 || !strings.Contains(body, `"first_commit_at"`) {
		t.Errorf("deployment %d lacks its first commit:\n%.600s", shipped.ID, body)
	}
	code, body = get("/api/v1/now")
	for _, w := range []string{`"reason": "content migration"`, `"reason": "database migration under test"`, `"version": "v1.12.0"`, `"state": "awaiting_approval"`} {
		if code != 200 || !strings.Contains(body, w) {
			t.Errorf("now lacks %s", w)
		}
	}
	code, body = get("/api/v1/calendar")
	for _, w := range []string{`"class": "recommended"`, `"kind": "dora"`, `"kind": "weekly_windows"`, `"reason": "content migration"`} {
		if code != 200 || !strings.Contains(body, w) {
			t.Errorf("calendar lacks %s", w)
		}
	}
	// The dora reminder posts the figures.
	reply, err := doraReminder(webStore{db}, []string{"shop", "api", "blog"}, time.UTC)(context.Background(), "shop", time.Now(), deploybot.French)
	if err != nil || !strings.Contains(reply.Title, "shop, 7 derniers jours") {
		t.Errorf("dora reminder: %+v, %v", reply, err)
	}
}

func TestWebAddressRules(t *testing.T) {
	tests := []struct {
		name, yaml string
		wantErr    string
		wantSaid   string
		service    bool
	}{
		{name: "loopback http.addr", yaml: "http: {addr: \"127.0.0.1:0\"}\n"},
		{name: "public http.addr without sign-in: pages for this machine only", yaml: "http: {addr: \":8080\"}\n", wantSaid: "answer only requests from this machine"},
		{name: "own loopback listener", yaml: "web: {addr: \"localhost:0\"}\n", service: true},
		{name: "public http.addr with a proxy", yaml: "http: {addr: \":8080\"}\nweb: {trusted_proxies: [10.0.0.1]}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.ParseWith([]byte(tt.yaml), "t.yaml", func(string) (string, bool) { return "", false })
			if err != nil {
				t.Fatal(err)
			}
			var said strings.Builder
			m := &Main{Stdout: io.Discard, Stderr: &said}
			svcs, err := m.webServices(cfg, nil, nil, http.NewServeMux(), nil, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(said.String(), tt.wantSaid) || (tt.wantSaid == "" && said.Len() > 0) {
				t.Errorf("said %q, want %q", said.String(), tt.wantSaid)
			}
			if (len(svcs) > 0) != tt.service {
				t.Errorf("services %v", svcs)
			}
		})
	}
	if loopbackAddr(":8080") || loopbackAddr("0.0.0.0:1") || !loopbackAddr("[::1]:1") || !loopbackAddr("127.0.0.2:1") {
		t.Error("loopbackAddr")
	}
}

// TestDoraWindowEdge: at 15:01 a production deploy requested at 15:00
// thirty days back started its executor at 15:04, inside the 30-day
// window DORA counts by; the seed counted it by its request, outside (CI
// failed when it ran between 15:00 and 15:04, the site's time).
func TestDoraWindowEdge(t *testing.T) {
	cfg, err := config.ParseWith([]byte(webConfig), "web.yaml", func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	d := time.Now().In(cfg.Location())
	now := time.Date(d.Year(), d.Month(), d.Day(), 15, 1, 39, 0, cfg.Location())
	srv, _, prod30 := webSiteAt(t, now)
	resp, err := http.Get(srv.URL + "/api/v1/dora?period=30d")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), fmt.Sprintf(`"deployments": %d`, prod30)) {
		t.Errorf("dora at %s: want %d deployments:\n%.600s", now, prod30, b)
	}
}
