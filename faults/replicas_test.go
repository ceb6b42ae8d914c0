package faults_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot/slack/slackfake"
	"deploybot/store/storetest"
)

// leasePeriod is a deployment's lease (deploy.Service.LeaseTTL) and
// inboxClaim an inbox entry's claim (slack.Options.ClaimTTL): the
// periods within which a dead replica's work must be taken over.
const (
	leasePeriod = 30 * time.Second
	inboxClaim  = time.Minute
)

// newReplica is one serve process of a replica set: its own HTTP address
// and configuration (base plus http.addr), the shared database at dbURL.
func newReplica(f *fixture, name, base, dbURL string) *server {
	s := &server{f: f, name: name, cfg: filepath.Join(f.dir, name+".yaml"), db: dbURL, addr: freeAddr(f.t)}
	if err := os.WriteFile(s.cfg, []byte(base+"http:\n  addr: "+s.addr+"\n"), 0o644); err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() {
		if s.cmd != nil && !s.hasExited() {
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
		if f.t.Failed() {
			s.dumpLogs()
		}
	})
	return s
}

// lockWatch samples the database every 100 ms: the longest-held advisory
// lock, the longest a lease stayed past its expiry, and, once a replica
// was killed, how long its leases and inbox claims stayed its own.
type lockWatch struct {
	mu            sync.Mutex
	maxAdvisory   time.Duration
	maxOverdue    time.Duration
	samples       int
	deadPID       int
	killedAt      time.Time
	lastDeadLease time.Time // last sample that still saw a lease of the dead replica
	lastDeadClaim time.Time // ... an unfinished inbox entry it claimed
	deadLeases    int       // the most of its leases seen at once after the kill
	deadClaims    int
}

func (w *lockWatch) run(ctx context.Context, t *testing.T, db *sql.DB) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		var advisory float64
		// Advisory locks of deploybot's sessions: held for one transaction.
		err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(EXTRACT(EPOCH FROM clock_timestamp() - a.xact_start)), 0)
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() AND a.pid <> pg_backend_pid()`).Scan(&advisory)
		if err != nil {
			continue // the context ended, or a sample lost: the next one counts
		}
		now := time.Now()
		overdue := time.Duration(0)
		rows, err := db.QueryContext(ctx, `SELECT expires_at FROM leases`)
		if err == nil {
			for rows.Next() {
				var s string
				if rows.Scan(&s) == nil {
					if at, err := time.Parse(time.RFC3339Nano, s); err == nil && now.Sub(at) > overdue {
						overdue = now.Sub(at)
					}
				}
			}
			rows.Close()
		}
		w.mu.Lock()
		w.samples++
		w.maxAdvisory = max(w.maxAdvisory, time.Duration(advisory*float64(time.Second)))
		w.maxOverdue = max(w.maxOverdue, overdue)
		dead := w.deadPID
		w.mu.Unlock()
		if dead == 0 {
			continue
		}
		var leases, claims int
		if db.QueryRowContext(ctx, `SELECT COUNT(*) FROM leases WHERE pid = $1`, dead).Scan(&leases) != nil ||
			db.QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox WHERE state <> 'done' AND pid = $1`, dead).Scan(&claims) != nil {
			continue
		}
		w.mu.Lock()
		if leases > 0 {
			w.lastDeadLease = now
		}
		if claims > 0 {
			w.lastDeadClaim = now
		}
		w.deadLeases, w.deadClaims = max(w.deadLeases, leases), max(w.deadClaims, claims)
		w.mu.Unlock()
	}
}

// TestReplicas runs three serve replicas on one PostgreSQL database behind
// a "load balancer" (the senders): N signed Slack events (full form:
// 1,000; short: 200), each delivered three times, each time to another
// replica; a delivery a replica cannot take goes to the next one. One in
// ten events is a staging deploy order (a quarter of them run a script
// that waits until the test lets it end); four reminders are due every
// minute in every replica. When half of the events are acknowledged one
// replica gets kill -9; it is started again once the others have taken
// over its work.
//
// Then: every acknowledged event has exactly one reply, no version ran
// twice, each deployment's state is its script's outcome, each due
// reminder was sent once, the dead replica's claims and leases were taken
// over within their periods, and no lock was held past a lease period.
func TestReplicas(t *testing.T) {
	const scenario = "replicas"
	dbURL := storetest.PostgresURL(t) // a new database; fails in CI without a server
	n := 200
	if full {
		n = 1000
	}
	const (
		senders   = 8
		channels  = 8
		lag       = 25
		deployOne = 10
		slowOne   = 4 // one deploy order in slowOne runs until released
		reminders = 4
		killed    = 1 // the replica that gets kill -9
	)
	projects := []string{"shop", "blog", "wiki", "crm"}
	users := []slackfake.User{{ID: "U1", Name: "alice", Locale: "en-US"}, {ID: "U2", Name: "bob", Locale: "en-US"},
		{ID: "U3", Name: "carol", Locale: "en-US"}, {ID: "U4", Name: "dave", Locale: "en-US"}, {ID: "U5", Name: "erin", Locale: "en-US"}}
	f := newFixture(t, fixtureConfig{Projects: projects, Users: users})
	baseCfg, err := os.ReadFile(f.cfg)
	if err != nil {
		t.Fatal(err)
	}
	base := string(baseCfg) + "store:\n  data_dir: " + f.dir + "\nreminders:\n"
	for k := range reminders {
		base += fmt.Sprintf("  - {cron: \"* * * * *\", channel: CR%d, kind: custom, message: \"replica reminder %d\"}\n", k, k)
	}
	rs := make([]*server, 3)
	for i := range rs {
		rs[i] = newReplica(f, fmt.Sprintf("replica%d", i), base, dbURL)
	}
	// All three start at once on the new database (they migrate it one
	// after the other).
	var startWG sync.WaitGroup
	startErrs := make([]error, len(rs))
	for i, r := range rs {
		startWG.Go(func() {
			if startErrs[i] = r.start(); startErrs[i] == nil {
				startErrs[i] = r.waitReady()
			}
		})
	}
	startWG.Wait()
	for _, err := range startErrs {
		if err != nil {
			t.Fatal(err)
		}
	}
	firstReady := time.Now()
	db := storetest.Raw(t, dbURL)
	watchCtx, stopWatch := context.WithCancel(context.Background())
	watch := &lockWatch{}
	var watchWG sync.WaitGroup
	watchWG.Go(func() { watch.run(watchCtx, t, storetest.Raw(t, dbURL)) })
	defer func() { stopWatch(); watchWG.Wait() }()

	type event struct {
		channel, ts, key string
		deploy, slow     bool
		project, version string
		body             []byte
	}
	base0 := time.Now().Add(-time.Hour).Unix()
	events := make([]event, n)
	orders, slow := 0, 0
	for i := range events {
		e := event{channel: fmt.Sprintf("CF%d", i%channels), ts: fmt.Sprintf("%d.%06d", base0+int64(i), i)}
		e.key = inboxKey(e.channel, e.ts)
		user := users[i%len(users)].ID
		text := "what is a canary release?"
		if i%deployOne == deployOne/2 {
			e.deploy, e.project, e.version = true, projects[(i/deployOne)%len(projects)], fmt.Sprintf("v2.0.%d", i)
			if (i/deployOne)%slowOne == 1 {
				e.slow, e.version = true, e.version+"-hold"
				slow++
			}
			text = fmt.Sprintf("deploy %s %s to staging --yes", e.project, e.version)
			orders++
		}
		e.body = mention(fmt.Sprintf("EvR%d", i), e.channel, user, text, e.ts)
		f.api.AddMessage(slackfake.Message{Channel: e.channel, TS: e.ts, User: user, Text: "<@UBOT> " + text})
		events[i] = e
	}

	type delivery struct{ ev, k, retry int }
	first := func(i int) []delivery {
		switch i % 3 {
		case 0:
			return []delivery{{i, 0, 0}}
		case 1:
			return []delivery{{i, 0, 0}, {i, 1, 1}}
		}
		return []delivery{{i, 0, 0}, {i, 1, 1}, {i, 2, 2}}
	}
	later := func(i int) []delivery {
		switch i % 3 {
		case 0:
			return []delivery{{i, 1, 1}, {i, 2, 2}}
		case 1:
			return []delivery{{i, 2, 2}}
		}
		return nil
	}

	var (
		mu          sync.Mutex
		acked       = map[int]bool{}
		sent        int
		failedOver  int
		perReplica  = make([]int, len(rs))
		statuses    = map[string]int{}
		unsent      []delivery
		didKill     bool
		ackedAtKill int
		killedAt    time.Time
		deadPID     int
		takeover    time.Duration
		restartErr  error
		restarted   = make(chan struct{})
	)
	signers := make([]*slackfake.Signer, len(rs))
	for i, r := range rs {
		signers[i] = r.signer()
	}
	ctx := context.Background()
	// send delivers d to its replica, or to the next ones when that one
	// cannot take it (a load balancer's retry); it reports whether a
	// replica acknowledged it.
	send := func(d delivery) bool {
		target := (d.ev + d.k) % len(rs)
		for try := range len(rs) {
			r := (target + try) % len(rs)
			resp, err := signers[r].Event(ctx, events[d.ev].body, d.retry)
			mu.Lock()
			sent++
			if err != nil {
				statuses["error"]++
			} else {
				statuses[fmt.Sprint(resp.Status)]++
			}
			if err != nil || resp.Status != http.StatusOK {
				failedOver++
				mu.Unlock()
				continue
			}
			acked[d.ev] = true
			perReplica[r]++
			if !didKill && len(acked) >= n/2 {
				didKill = true
				ackedAtKill = len(acked)
				go func() {
					defer close(restarted)
					pid := rs[killed].pid()
					rs[killed].kill()
					mu.Lock()
					killedAt, deadPID = time.Now(), pid
					mu.Unlock()
					watch.mu.Lock()
					watch.deadPID, watch.killedAt = pid, killedAt
					watch.mu.Unlock()
					// The others take its work over; then it starts again.
					deadline := time.Now().Add(longStuck)
					for queryInt(t, db, `SELECT COUNT(*) FROM inbox WHERE state <> 'done' AND pid = $1`, pid)+
						queryInt(t, db, `SELECT COUNT(*) FROM leases WHERE pid = $1`, pid) > 0 {
						if time.Now().After(deadline) {
							restartErr = fmt.Errorf("the dead replica's work not taken over after %s", longStuck)
							return
						}
						time.Sleep(50 * time.Millisecond)
					}
					mu.Lock()
					takeover = time.Since(killedAt)
					mu.Unlock()
					if restartErr = rs[killed].start(); restartErr == nil {
						restartErr = rs[killed].waitReady()
					}
				}()
			}
			mu.Unlock()
			return true
		}
		mu.Lock()
		unsent = append(unsent, d)
		mu.Unlock()
		return false
	}

	start := time.Now()
	work := make(chan []delivery)
	var wg sync.WaitGroup
	for range senders {
		wg.Go(func() {
			for g := range work {
				var gw sync.WaitGroup
				for _, d := range g {
					gw.Go(func() { send(d) })
				}
				gw.Wait()
			}
		})
	}
	for i := 0; i < n+lag; i++ {
		if i < n {
			work <- first(i)
		}
		if j := i - lag; j >= 0 {
			for _, d := range later(j) {
				work <- []delivery{d}
			}
		}
	}
	close(work)
	wg.Wait()
	burst := time.Since(start)
	select {
	case <-restarted:
	case <-time.After(longStuck + stuck):
		t.Fatal("the killed replica did not start again")
	}
	if restartErr != nil {
		t.Fatal(restartErr)
	}
	if !didKill {
		t.Fatalf("no replica was killed: %d of %d events acknowledged", len(acked), n)
	}
	for _, d := range unsent { // none expected: two replicas were always up
		send(d)
	}

	// Every acknowledged event is answered; the held deploys are let end;
	// every replica sees a minute's reminders after the restart.
	ackedKeys := make([]string, 0, len(acked))
	for i := range acked {
		ackedKeys = append(ackedKeys, events[i].key)
	}
	waitUntil(t, longStuck, "an answer to every acknowledged event", func() bool {
		got := replies(f.api)
		for _, k := range ackedKeys {
			if got[k+"#0"] == 0 {
				return false
			}
		}
		return true
	})
	answered := time.Since(start)
	for _, e := range events {
		if e.slow {
			f.release(e.version, 0)
		}
	}
	restartReady := rs[killed].ready
	nextMinute := restartReady.Truncate(time.Minute).Add(time.Minute)
	waitUntil(t, 2*time.Minute, "a minute's reminders after the restart", func() bool {
		return time.Now().After(nextMinute.Add(10 * time.Second))
	})
	waitUntil(t, longStuck, "the replicas to settle (inbox done, no deployment in flight)", func() bool { return settled(t, db) })
	for _, r := range rs {
		r.stop()
	}
	stopWatch()
	watchWG.Wait()

	// Replies.
	got := replies(f.api)
	unanswered, duplicates := 0, 0
	var unansweredKeys, duplicateKeys []string
	for i, e := range events {
		if acked[i] && got[e.key+"#0"] == 0 {
			unanswered++
			unansweredKeys = append(unansweredKeys, e.key)
		}
	}
	for k, c := range got {
		if c > 1 {
			duplicates += c - 1
			duplicateKeys = append(duplicateKeys, fmt.Sprintf("%s ×%d", k, c))
		}
	}
	threadPosts := map[string]int{}
	for _, p := range f.api.Posts("") {
		threadPosts[p.Channel+"|"+p.ThreadTS]++
	}
	for _, e := range events {
		if c := threadPosts[e.channel+"|"+e.ts]; !e.deploy && c > 1 {
			duplicates += c - 1
			duplicateKeys = append(duplicateKeys, fmt.Sprintf("thread of %s: %d posts", e.key, c))
		}
	}
	errorReplies := 0
	for _, p := range f.api.Posts("") {
		if strings.Contains(p.Text, "internal error (ref") || strings.Contains(p.Text, "could not handle this message") {
			errorReplies++
		}
	}
	// Who handled what: the last claim of each event's inbox entry.
	handledBy := map[string]int{}
	rows, err := db.Query(`SELECT pid, COUNT(*) FROM inbox WHERE key LIKE 'message:CF%' GROUP BY pid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pid, c int
		if err := rows.Scan(&pid, &c); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprint("pid ", pid)
		for _, r := range rs {
			if r.pid() == pid {
				name = r.name
			}
		}
		if pid == deadPID {
			name = rs[killed].name + " (killed)"
		}
		handledBy[name] += c
	}
	rows.Close()
	// Runs and outcomes.
	runs := f.runs()
	perVersion := map[string]int{}
	for _, l := range runs {
		if fs := strings.Fields(l); len(fs) >= 4 {
			perVersion[fs[2]+" "+fs[1]+" "+fs[3]]++
		}
	}
	dupRuns := 0
	var dupRunKeys []string
	for k, c := range perVersion {
		if c > 1 {
			dupRuns += c - 1
			dupRunKeys = append(dupRunKeys, fmt.Sprintf("%s ×%d", k, c))
		}
	}
	ds := deployments(t, db, `env = 'staging'`)
	wrong := 0
	var wrongOnes []string
	for _, d := range ds {
		ran := perVersion["staging "+d.Project+" "+d.Version] > 0
		if ran != (d.State == "succeeded") {
			wrong++
			wrongOnes = append(wrongOnes, fmt.Sprintf("#%d %s %s: %s (%s)", d.ID, d.Project, d.Version, d.State, d.Reasons))
		}
	}
	adopted := 0
	for _, r := range rs {
		adopted += r.countLogs("adopting a deployment whose process is gone")
	}
	// Reminders: each run recorded once (the key and time are the
	// primary key); each sent run posted once; none lost between its
	// claim and its post.
	type runCount struct{ sent, skipped, claimed, other int }
	remRuns := map[string]*runCount{}
	// Every minute from the one before the first start to the last one
	// before the stop is due in every replica: each must have a run.
	end := time.Now()
	var due []time.Time
	for m := firstReady.Truncate(time.Minute); !m.After(end.Add(-10 * time.Second)); m = m.Add(time.Minute) {
		due = append(due, m)
	}
	seen := map[string]bool{}
	rrows, err := db.Query(`SELECT reminder_key, scheduled_at, status FROM reminder_runs WHERE reminder_key LIKE 'custom:CR%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rrows.Next() {
		var key, at, status string
		if err := rrows.Scan(&key, &at, &status); err != nil {
			t.Fatal(err)
		}
		ch := strings.Split(key, ":")[1]
		seen[ch+" "+dbTime(t, at).UTC().Format(time.RFC3339)] = true
		if remRuns[ch] == nil {
			remRuns[ch] = &runCount{}
		}
		switch status {
		case "sent":
			remRuns[ch].sent++
		case "skipped":
			remRuns[ch].skipped++
		case "claimed":
			remRuns[ch].claimed++
		default:
			remRuns[ch].other++
		}
	}
	rrows.Close()
	remSent, remPosts, remDup, remLost, remSkipped, remMissed := 0, 0, 0, 0, 0, 0
	var remDetail []string
	for k := range reminders {
		ch := fmt.Sprintf("CR%d", k)
		for _, m := range due {
			if !seen[ch+" "+m.UTC().Format(time.RFC3339)] {
				remMissed++
				remDetail = append(remDetail, ch+" missed "+m.Format(time.RFC3339))
			}
		}
		rc := remRuns[ch]
		if rc == nil {
			rc = &runCount{}
		}
		posts := len(f.api.Posts(ch))
		remSent += rc.sent
		remPosts += posts
		remSkipped += rc.skipped
		remLost += rc.claimed + rc.other
		if posts > rc.sent {
			remDup += posts - rc.sent
		}
		remDetail = append(remDetail, fmt.Sprintf("%s: %d sent, %d posts", ch, rc.sent, posts))
	}

	watch.mu.Lock()
	deadLease := time.Duration(0)
	if !watch.lastDeadLease.IsZero() {
		deadLease = watch.lastDeadLease.Sub(killedAt)
	}
	deadClaim := time.Duration(0)
	if !watch.lastDeadClaim.IsZero() {
		deadClaim = watch.lastDeadClaim.Sub(killedAt)
	}
	maxAdvisory, maxOverdue, samples := watch.maxAdvisory, watch.maxOverdue, watch.samples
	deadLeases, deadClaims := watch.deadLeases, watch.deadClaims
	watch.mu.Unlock()
	sort.Strings(unansweredKeys)
	sort.Strings(duplicateKeys)
	sort.Strings(dupRunKeys)

	figure(t, scenario, "replicas", len(rs))
	figure(t, scenario, "events sent", n)
	figure(t, scenario, "deploy orders (held until released)", fmt.Sprintf("%d (%d)", orders, slow))
	figure(t, scenario, "deliveries planned (3 per event, each to another replica)", 3*n)
	figure(t, scenario, "deliveries sent (with fail-overs)", sent)
	figure(t, scenario, "deliveries a replica could not take (sent on to the next)", failedOver)
	figure(t, scenario, "responses", fmtCounts(statuses))
	figure(t, scenario, "acknowledgements per replica", fmt.Sprint(perReplica))
	figure(t, scenario, "events handled per replica (last claim)", fmtCounts(handledBy))
	figure(t, scenario, "acknowledged before the kill", ackedAtKill)
	figure(t, scenario, "acknowledged", len(acked))
	figure(t, scenario, "unanswered acknowledged events", unanswered)
	figure(t, scenario, "duplicate replies", duplicates)
	figure(t, scenario, "error replies", errorReplies)
	figure(t, scenario, "executor runs", len(runs))
	figure(t, scenario, "duplicate executor runs", dupRuns)
	figure(t, scenario, "deployments", stateCounts(ds))
	figure(t, scenario, "wrong outcomes", wrong)
	figure(t, scenario, "deployments adopted", adopted)
	figure(t, scenario, "reminders: due minutes while up × reminders", fmt.Sprintf("%d × %d", len(due), reminders))
	figure(t, scenario, "reminders: runs sent / posts / skipped (older than the last at start)", fmt.Sprintf("%d / %d / %d", remSent, remPosts, remSkipped))
	figure(t, scenario, "reminders: duplicate posts / lost (claimed, never sent) / due minutes without a run", fmt.Sprintf("%d / %d / %d", remDup, remLost, remMissed))
	figure(t, scenario, "the killed replica held at most (inbox claims, leases)", fmt.Sprintf("%d, %d", deadClaims, deadLeases))
	figure(t, scenario, "its work taken over by the others after", takeover)
	figure(t, scenario, "its inbox claims last seen after the kill (claim period 1m)", deadClaim)
	figure(t, scenario, "its leases last seen after the kill (lease period 30s)", deadLease)
	figure(t, scenario, "longest advisory lock hold seen", maxAdvisory)
	figure(t, scenario, "longest a lease was seen past its expiry", maxOverdue)
	figure(t, scenario, "lock samples", samples)
	figure(t, scenario, "burst duration", burst)
	figure(t, scenario, "all answered, after the first event", answered)
	figure(t, scenario, "restarted replica ready after", rs[killed].ready.Sub(rs[killed].started))

	if len(acked) != n {
		t.Errorf("%d of %d events never acknowledged", n-len(acked), n)
	}
	if unanswered != 0 {
		t.Errorf("%d acknowledged events unanswered: %v", unanswered, head(unansweredKeys))
	}
	if duplicates != 0 {
		t.Errorf("%d duplicate replies: %v", duplicates, head(duplicateKeys))
	}
	if errorReplies != 0 {
		t.Errorf("%d replies are errors", errorReplies)
	}
	if dupRuns != 0 {
		t.Errorf("%d duplicate executor runs: %v", dupRuns, head(dupRunKeys))
	}
	if wrong != 0 {
		t.Errorf("%d deployments whose recorded state is not the script's outcome: %v", wrong, head(wrongOnes))
	}
	if remDup != 0 || remLost != 0 || remMissed != 0 {
		t.Errorf("reminders: %d duplicate posts, %d lost, %d minutes without a run: %v", remDup, remLost, remMissed, remDetail)
	}
	if remSent < reminders {
		t.Errorf("only %d reminder runs sent: %v", remSent, remDetail)
	}
	if deadClaim >= inboxClaim || deadLease >= leasePeriod {
		t.Errorf("the dead replica's work was not taken over within its periods: claims %s, leases %s", deadClaim, deadLease)
	}
	if maxAdvisory >= leasePeriod || maxOverdue >= leasePeriod {
		t.Errorf("a lock held past a lease period: advisory %s, lease overdue %s", maxAdvisory, maxOverdue)
	}
}

// countLogs counts the JSON log lines whose msg is msg, in every log of
// every start of s.
func (s *server) countLogs(msg string) int {
	n := 0
	for i := 1; i <= s.n; i++ {
		b, _ := os.ReadFile(filepath.Join(s.f.dir, fmt.Sprintf("%s-%d.log", s.name, i)))
		n += strings.Count(string(b), `"msg":"`+msg+`"`)
	}
	return n
}
