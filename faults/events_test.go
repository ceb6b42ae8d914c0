package faults_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot/slack/slackfake"
)

// TestEventsAcrossKill9 sends N signed Slack events (full form: 1,000;
// short: 200), each delivered three times, from eight concurrent senders:
// a third of the events get their three deliveries one now and two later
// (with X-Slack-Retry-Num 1 and 2, as Slack retries), a third two at once
// and one later, a third three at once. Most events are questions; one in
// ten is a staging deploy order of its own version (spread over four
// projects) run by a script that logs each run. When half of the events
// are acknowledged, serve is killed with SIGKILL and started again;
// deliveries that failed meanwhile (connection refused or reset) are sent
// again after the restart, like Slack does, until acknowledged.
//
// Then every acknowledged event must have exactly one reply (found by the
// inbox key in the reply's metadata), and no version may have run twice.
func TestEventsAcrossKill9(t *testing.T) {
	const scenario = "events-kill9"
	n := 200
	if full {
		n = 1000
	}
	const (
		senders   = 8
		channels  = 8
		lag       = 25 // later deliveries of event i go with the first of event i+lag
		deployOne = 10 // one event in deployOne is a deploy order
	)
	projects := []string{"shop", "blog", "wiki", "crm"}
	users := []slackfake.User{{ID: "U1", Name: "alice", Locale: "en-US"}, {ID: "U2", Name: "bob", Locale: "en-US"},
		{ID: "U3", Name: "carol", Locale: "en-US"}, {ID: "U4", Name: "dave", Locale: "en-US"}, {ID: "U5", Name: "erin", Locale: "en-US"}}
	f := newFixture(t, fixtureConfig{Projects: projects, Users: users})
	srv := newServer(f)
	srv.run()
	db := f.openDB()

	// The events. Slack's ts are unique per channel; these are unique.
	base := time.Now().Add(-time.Hour).Unix()
	type event struct {
		channel, ts, key string
		deploy           bool
		project, version string
		body             []byte
	}
	events := make([]event, n)
	questions, orders := 0, 0
	for i := range events {
		e := event{channel: fmt.Sprintf("CF%d", i%channels), ts: fmt.Sprintf("%d.%06d", base+int64(i), i)}
		e.key = inboxKey(e.channel, e.ts)
		user := users[i%len(users)].ID
		text := "what is a canary release?"
		if i%deployOne == deployOne/2 {
			e.deploy, e.project, e.version = true, projects[(i/deployOne)%len(projects)], fmt.Sprintf("v1.0.%d", i)
			text = fmt.Sprintf("deploy %s %s to staging --yes", e.project, e.version)
			orders++
		} else {
			questions++
		}
		e.body = mention(fmt.Sprintf("EvF%d", i), e.channel, user, text, e.ts)
		// Slack has the message the event tells of.
		f.api.AddMessage(slackfake.Message{Channel: e.channel, TS: e.ts, User: user, Text: "<@UBOT> " + text})
		events[i] = e
	}

	allKeys := make([]string, n)
	for i, e := range events {
		allKeys[i] = e.key
	}

	type delivery struct{ ev, retry int }
	first := func(i int) []delivery { // sent at once, concurrently
		switch i % 3 {
		case 0:
			return []delivery{{i, 0}}
		case 1:
			return []delivery{{i, 0}, {i, 1}}
		}
		return []delivery{{i, 0}, {i, 1}, {i, 2}}
	}
	later := func(i int) []delivery {
		switch i % 3 {
		case 0:
			return []delivery{{i, 1}, {i, 2}}
		case 1:
			return []delivery{{i, 2}}
		}
		return nil
	}

	var (
		mu            sync.Mutex
		acked         = map[int]bool{}
		sent, failed  int
		statuses      = map[string]int{}
		retryQueue    []delivery
		killed        bool
		ackedAtKill   int
		repliedAtKill int
		killedAt      time.Time
		restartErr    error
		restarted     = make(chan struct{})
	)
	signer := srv.signer()
	ctx := context.Background()
	// send delivers d once and reports whether it was acknowledged.
	send := func(d delivery) bool {
		resp, err := signer.Event(ctx, events[d.ev].body, d.retry)
		mu.Lock()
		defer mu.Unlock()
		sent++
		switch {
		case err != nil:
			statuses["error"]++
		default:
			statuses[fmt.Sprint(resp.Status)]++
		}
		if err != nil || resp.Status != http.StatusOK {
			failed++
			return false
		}
		acked[d.ev] = true
		if !killed && len(acked) >= n/2 {
			// Half acknowledged: kill -9 in the middle of the burst,
			// then start again while the senders go on.
			killed = true
			ackedAtKill = len(acked)
			go func() {
				defer close(restarted)
				srv.kill()
				mu.Lock()
				killedAt = time.Now()
				mu.Unlock()
				repliedAtKill = countAnswered(f.api, allKeys)
				if err := srv.start(); err != nil {
					restartErr = err
					return
				}
				restartErr = srv.waitReady()
			}()
		}
		return true
	}
	// sendGroup sends deliveries at once; those that fail are retried
	// after the restart, as Slack's next retry.
	sendGroup := func(g []delivery) {
		var wg sync.WaitGroup
		for _, d := range g {
			wg.Go(func() {
				if !send(d) {
					mu.Lock()
					retryQueue = append(retryQueue, delivery{d.ev, min(d.retry+1, 3)})
					mu.Unlock()
					time.Sleep(50 * time.Millisecond) // a sender backs off a little
				}
			})
		}
		wg.Wait()
	}

	start := time.Now()
	work := make(chan []delivery)
	var wg sync.WaitGroup
	for range senders {
		wg.Go(func() {
			for g := range work {
				sendGroup(g)
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

	mu.Lock()
	wasKilled := killed
	mu.Unlock()
	if !wasKilled {
		t.Fatalf("serve was never killed: %d of %d events acknowledged", len(acked), n)
	}
	select {
	case <-restarted:
	case <-time.After(2 * stuck):
		t.Fatal("serve did not restart")
	}
	if restartErr != nil {
		t.Fatal(restartErr)
	}

	// Slack delivers again what failed, until it is acknowledged.
	mu.Lock()
	queue := retryQueue
	mu.Unlock()
	retried := len(queue)
	deadline := time.Now().Add(stuck)
	for len(queue) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries still refused after the restart (%v)", len(queue), statuses)
		}
		var next []delivery
		var qmu sync.Mutex
		work := make(chan delivery)
		var wg sync.WaitGroup
		for range senders {
			wg.Go(func() {
				for d := range work {
					if !send(d) {
						qmu.Lock()
						next = append(next, delivery{d.ev, min(d.retry+1, 3)})
						qmu.Unlock()
					}
				}
			})
		}
		for _, d := range queue {
			work <- d
		}
		close(work)
		wg.Wait()
		if queue = next; len(queue) > 0 {
			time.Sleep(100 * time.Millisecond)
		}
	}

	// Every acknowledged event gets its answer; then serve settles (its
	// deployments end) and stops.
	mu.Lock()
	ackedKeys := make([]string, 0, len(acked))
	for i := range acked {
		ackedKeys = append(ackedKeys, events[i].key)
	}
	ackedCount := len(acked)
	mu.Unlock()
	waitUntil(t, longStuck, "an answer to every acknowledged event", func() bool {
		got := replies(f.api)
		for _, k := range ackedKeys {
			if got[k+"#0"] == 0 {
				return false
			}
		}
		return true
	})
	answeredAll := time.Since(srv.started)
	waitUntil(t, longStuck, "serve to settle (inbox done, no deployment in flight)", func() bool { return settled(t, db) })
	srv.stop()

	// Count.
	got := replies(f.api)
	unanswered, duplicates := 0, 0
	var unansweredKeys, duplicateKeys []string
	for i, e := range events {
		if !acked[i] {
			continue
		}
		if got[e.key+"#0"] == 0 {
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
	// A question's thread holds its answer and nothing else.
	threadPosts := map[string]int{}
	for _, p := range f.api.Posts("") {
		threadPosts[p.Channel+"|"+p.ThreadTS]++
	}
	strays := 0
	for _, e := range events {
		if !e.deploy && threadPosts[e.channel+"|"+e.ts] > 1 {
			strays += threadPosts[e.channel+"|"+e.ts] - 1
			duplicateKeys = append(duplicateKeys, fmt.Sprintf("thread of %s: %d posts", e.key, threadPosts[e.channel+"|"+e.ts]))
		}
	}
	duplicates += strays
	// An answer that is an error (a poison entry, an internal error) is
	// not an answer.
	errorReplies := 0
	for _, p := range f.api.Posts("") {
		if strings.Contains(p.Text, "internal error (ref") || strings.Contains(p.Text, "could not handle this message") {
			errorReplies++
		}
	}

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
	// Outcomes: the script always succeeds, so a deployment whose script
	// ran is succeeded, and one that is succeeded ran.
	ds := deployments(t, db, `env = 'staging'`)
	wrong := 0
	var wrongOnes []string
	for _, d := range ds {
		ran := perVersion["staging "+d.Project+" "+d.Version] > 0
		if ran != (d.State == "succeeded") {
			wrong++
			wrongOnes = append(wrongOnes, fmt.Sprintf("#%d %s %s: %s, %d runs (%s)", d.ID, d.Project, d.Version, d.State,
				perVersion["staging "+d.Project+" "+d.Version], d.Reasons))
		}
	}
	// Each deployment that ended shows its outcome in its thread (not
	// asserted here: TestKill9MidDeploy asserts it).
	stale := 0
	for _, d := range ds {
		for _, e := range events {
			if e.deploy && e.project == d.Project && e.version == d.Version && statusLine[d.State] != "" &&
				!notified(f, e.channel, e.ts, d.State) {
				stale++
			}
		}
	}
	sort.Strings(unansweredKeys)
	sort.Strings(duplicateKeys)
	sort.Strings(dupRunKeys)

	figure(t, scenario, "events sent", n)
	figure(t, scenario, "questions", questions)
	figure(t, scenario, "deploy orders", orders)
	figure(t, scenario, "deliveries planned (3 per event)", 3*n)
	figure(t, scenario, "deliveries sent (with resends)", sent)
	figure(t, scenario, "deliveries failed (serve down)", failed)
	figure(t, scenario, "deliveries resent after restart", retried)
	figure(t, scenario, "responses", fmtCounts(statuses))
	figure(t, scenario, "acknowledged before the kill", ackedAtKill)
	figure(t, scenario, "answered before the kill", repliedAtKill)
	figure(t, scenario, "acknowledged", ackedCount)
	figure(t, scenario, "unanswered acknowledged events", unanswered)
	figure(t, scenario, "duplicate replies", duplicates)
	figure(t, scenario, "error replies", errorReplies)
	figure(t, scenario, "executor runs", len(runs))
	figure(t, scenario, "duplicate executor runs", dupRuns)
	figure(t, scenario, "deployments", stateCounts(ds))
	figure(t, scenario, "wrong outcomes", wrong)
	figure(t, scenario, "ended deployments whose thread never shows the outcome", stale)
	figure(t, scenario, "burst duration", burst)
	figure(t, scenario, "time to readiness after restart", srv.ready.Sub(srv.started))
	figure(t, scenario, "downtime (kill to ready)", srv.ready.Sub(killedAt))
	figure(t, scenario, "all answered, after restart", answeredAll)

	if ackedCount != n {
		t.Errorf("%d of %d events never acknowledged", n-ackedCount, n)
	}
	if unanswered != 0 {
		t.Errorf("%d acknowledged events unanswered: %v", unanswered, head(unansweredKeys))
	}
	if duplicates != 0 {
		t.Errorf("%d duplicate replies: %v", duplicates, head(duplicateKeys))
	}
	if errorReplies != 0 {
		t.Errorf("%d replies are errors (internal error or poison entry)", errorReplies)
	}
	if dupRuns != 0 {
		t.Errorf("%d duplicate executor runs: %v", dupRuns, head(dupRunKeys))
	}
	if wrong != 0 {
		t.Errorf("%d deployments whose recorded state is not the script's outcome: %v", wrong, head(wrongOnes))
	}
}

// countAnswered counts the keys that have a reply.
func countAnswered(api *slackfake.Server, keys []string) int {
	got := replies(api)
	n := 0
	for _, k := range keys {
		if got[k+"#0"] > 0 {
			n++
		}
	}
	return n
}

// fmtCounts writes counts as "k=n" in key order.
func fmtCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}

// head returns the first items of a list, for a failure message.
func head(s []string) []string {
	if len(s) > 20 {
		return append(s[:20:20], fmt.Sprintf("... and %d more", len(s)-20))
	}
	return s
}
