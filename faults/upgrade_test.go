package faults_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deploybot/slack/slackfake"
	"deploybot/store"
	"deploybot/store/storetest"
)

// TestRollingUpgrade runs two releases on one database, as replicas are
// during a rolling upgrade (issue 20, item 4): this release ("current")
// and a build playing the next one ("next": this code with the build tag
// deploybot_nextrelease, which adds the expand migration of
// store/testdata/nextrelease after this release's migrations). On SQLite
// and on PostgreSQL:
//
//  1. current serves alone and answers events;
//  2. next starts on the same database while current runs: it applies its
//     expand, and both answer events, deploy orders included;
//  3. current is restarted on the expanded schema (a migration version it
//     does not know): it starts, and both answer again.
//
// Then every event has exactly one reply, each deploy order ran once and
// succeeded, both releases handled events, and the database's
// compatibility number is still this release's.
func TestRollingUpgrade(t *testing.T) {
	next := filepath.Join(t.TempDir(), "deploybot-next")
	if err := buildBinary(next, "-tags", "deploybot_nextrelease"); err != nil {
		t.Fatal(err)
	}
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			e.Skip(t)
			testRollingUpgrade(t, e, next)
		})
	}
}

func testRollingUpgrade(t *testing.T, e storetest.Engine, nextBin string) {
	scenario := "rolling-upgrade(" + e.Name + ")"
	users := []slackfake.User{{ID: "U1", Name: "alice", Locale: "en-US"}, {ID: "U2", Name: "bob", Locale: "en-US"}}
	// Each deploy order has a project of its own, so that none waits
	// for another's lock.
	projects := []string{"shop", "blog", "wiki", "crm", "docs", "forum", "quiz", "atlas", "orbit", "pixel"}
	f := newFixture(t, fixtureConfig{Projects: projects, Users: users})
	baseCfg, err := os.ReadFile(f.cfg)
	if err != nil {
		t.Fatal(err)
	}
	base := string(baseCfg) + "store:\n  data_dir: " + f.dir + "\n"
	loc := e.New(t)
	cur := newReplica(f, "current", base, loc)
	nxt := newReplica(f, "next", base, loc)
	nxt.bin = nextBin

	type event struct {
		key, channel, ts string
		to               *server
		deploy           string // the version of a deploy order, or ""
	}
	var events []event
	handledBy := map[int]string{} // pid -> release
	base0 := time.Now().Add(-time.Hour).Unix()
	ctx := context.Background()
	// send delivers n events, in turn to each of to; one in four is a
	// staging deploy order of its own version.
	send := func(phase string, n int, to ...*server) {
		t.Helper()
		for _, s := range to {
			handledBy[s.pid()] = s.name
		}
		for i := range n {
			k := len(events)
			s := to[i%len(to)]
			ev := event{channel: fmt.Sprintf("CU%d", k%3), ts: fmt.Sprintf("%d.%06d", base0+int64(k), k), to: s}
			ev.key = inboxKey(ev.channel, ev.ts)
			text := "what is a canary release?"
			if k%4 == 1 {
				ev.deploy = fmt.Sprintf("v3.0.%d", k)
				text = fmt.Sprintf("deploy %s %s to staging --yes", projects[(k/4)%len(projects)], ev.deploy)
			}
			user := users[k%len(users)].ID
			f.api.AddMessage(slackfake.Message{Channel: ev.channel, TS: ev.ts, User: user, Text: "<@UBOT> " + text})
			resp, err := s.signer().Event(ctx, mention(fmt.Sprintf("EvU%d", k), ev.channel, user, text, ev.ts), 0)
			if err != nil || resp.Status != http.StatusOK {
				t.Fatalf("%s: event %d to %s: %v %+v", phase, k, s.name, err, resp)
			}
			events = append(events, ev)
		}
		waitUntil(t, longStuck, phase+": an answer to every event", func() bool {
			got := replies(f.api)
			for _, ev := range events {
				if got[ev.key+"#0"] == 0 {
					return false
				}
			}
			return true
		})
	}

	db := storetest.Raw(t, loc)
	// 1. This release alone.
	cur.run()
	send("current alone", 8, cur)
	if v := queryInt(t, db, `SELECT MAX(version) FROM schema_migrations`); v != store.LatestSchema() {
		t.Fatalf("schema version %d with this release alone, want %d", v, store.LatestSchema())
	}

	// 2. The next release starts beside it and expands the schema.
	nxt.run()
	later := queryInt(t, db, `SELECT MAX(version) FROM schema_migrations`)
	if later != store.LatestSchema()+1 {
		t.Fatalf("schema version %d once the next release started, want %d (its expand)", later, store.LatestSchema()+1)
	}
	send("both releases", 16, cur, nxt)

	// 3. This release restarts on the expanded schema.
	cur.stop()
	cur.run()
	send("current restarted on the expanded schema", 16, nxt, cur)
	waitUntil(t, longStuck, "both releases to settle (inbox done, no deployment in flight)", func() bool { return settled(t, db) })
	nxt.stop()
	cur.stop()

	// Replies: one per event, none an error.
	got := replies(f.api)
	missing, duplicates := 0, 0
	for _, ev := range events {
		switch c := got[ev.key+"#0"]; {
		case c == 0:
			missing++
		case c > 1:
			duplicates += c - 1
		}
	}
	errorReplies := 0
	for _, p := range f.api.Posts("") {
		if strings.Contains(p.Text, "internal error (ref") || strings.Contains(p.Text, "could not handle this message") {
			errorReplies++
		}
	}
	// Deploys: each order ran once and succeeded, whichever release
	// took it; the rows this release wrote have the expand's default.
	orders, ranOnce := 0, 0
	for _, ev := range events {
		if ev.deploy == "" {
			continue
		}
		orders++
		if f.runsOf("staging", ev.deploy) == 1 {
			ranOnce++
		}
	}
	ds := deployments(t, db, `env = 'staging'`)
	defaulted := queryInt(t, db, `SELECT COUNT(*) FROM deployments WHERE next_change_ticket = ''`)
	// Who handled the events: the last claim of each inbox entry.
	perRelease := map[string]int{}
	rows, err := db.Query(`SELECT pid, COUNT(*) FROM inbox WHERE key LIKE 'message:CU%' GROUP BY pid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pid, c int
		if err := rows.Scan(&pid, &c); err != nil {
			t.Fatal(err)
		}
		name, ok := handledBy[pid]
		if !ok {
			name = fmt.Sprint("pid ", pid)
		}
		perRelease[name] += c
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	compat := schemaCompat(t, db)

	figure(t, scenario, "events sent", len(events))
	figure(t, scenario, "events handled per release", fmt.Sprint(perRelease))
	figure(t, scenario, "schema version before / after the next release started", fmt.Sprintf("%d / %d", store.LatestSchema(), later))
	figure(t, scenario, "schema compatibility number", compat)
	figure(t, scenario, "unanswered events (must be 0)", missing)
	figure(t, scenario, "duplicate replies (must be 0)", duplicates)
	figure(t, scenario, "error replies (must be 0)", errorReplies)
	figure(t, scenario, "deploy orders run exactly once", fmt.Sprintf("%d of %d", ranOnce, orders))
	figure(t, scenario, "deployments", stateCounts(ds))

	if missing+duplicates+errorReplies > 0 {
		t.Errorf("%d unanswered events, %d duplicate replies, %d error replies", missing, duplicates, errorReplies)
	}
	if ranOnce != orders {
		t.Errorf("%d of %d deploy orders ran exactly once", ranOnce, orders)
	}
	for _, d := range ds {
		if d.State != "succeeded" {
			t.Errorf("deployment #%d %s %s: %s (%s)", d.ID, d.Project, d.Version, d.State, d.Reasons)
		}
	}
	if len(ds) != orders || defaulted != len(ds) {
		t.Errorf("%d staging deployments for %d orders; %d with the expand's default", len(ds), orders, defaulted)
	}
	if perRelease["current"] == 0 || perRelease["next"] == 0 {
		t.Errorf("events handled per release: %v; want both", perRelease)
	}
	if compat != store.Compat() {
		t.Errorf("schema compatibility number %d after the upgrade, want %d (an expand keeps it)", compat, store.Compat())
	}
}

// schemaCompat reads the database's compatibility number.
func schemaCompat(t *testing.T, db *sql.DB) int {
	t.Helper()
	return queryInt(t, db, `SELECT number FROM schema_compat WHERE id = 1`)
}
