package faults_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot/slack/slackfake"
)

// TestConcurrentRequestsAndApprovals: 50 people ask at once for the same
// staging deploy (distinct events, each allowed to deploy), while the
// script of the first one to start is still running, so that every
// request meets the others; then alice asks for that version in
// production, which waits for an approval, and 50 approvers approve it at
// once, half by typing "approve N", half by clicking the Approve button.
// Each gives exactly one executor run.
func TestConcurrentRequestsAndApprovals(t *testing.T) {
	const scenario = "concurrency"
	const people = 50
	users := []slackfake.User{{ID: "U1", Name: "alice", Locale: "en-US"}}
	var devs, approvers []string
	for i := 1; i <= people; i++ {
		users = append(users, slackfake.User{ID: fmt.Sprintf("U1%03d", i), Name: fmt.Sprintf("dev%02d", i), Locale: "en-US"},
			slackfake.User{ID: fmt.Sprintf("U2%03d", i), Name: fmt.Sprintf("approver%02d", i), Locale: "en-US"})
		devs = append(devs, fmt.Sprintf("dev%02d", i))
		approvers = append(approvers, fmt.Sprintf("approver%02d", i))
	}
	access := fmt.Sprintf("access:\n  staging:\n    deploy: [%s]\n  production:\n    deploy: [alice]\n    approve: [%s]\n",
		strings.Join(devs, ", "), strings.Join(approvers, ", "))
	f := newFixture(t, fixtureConfig{Users: users, Access: access})
	srv := newServer(f)
	srv.run()
	defer srv.stop()
	db := f.openDB()
	signer := srv.signer()
	ctx := context.Background()
	base := time.Now().Add(-time.Hour).Unix()

	// 50 deploy requests at once, in ten channels.
	const version = "v2.0.0-hold"
	keys := make([]string, people)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	statuses := make([]int, people)
	for i := range people {
		ch, ts := fmt.Sprintf("CD%d", i%10), fmt.Sprintf("%d.%06d", base+int64(i), i)
		keys[i] = inboxKey(ch, ts)
		body := mention(fmt.Sprintf("EvD%d", i), ch, fmt.Sprintf("U1%03d", i+1), "deploy shop "+version+" to staging --yes", ts)
		wg.Go(func() {
			<-gate
			resp, err := signer.Event(ctx, body, 0)
			if err == nil {
				statuses[i] = resp.Status
			}
		})
	}
	close(gate)
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("deploy request %d: status %d", i, s)
		}
	}
	// Every request is answered while the first run still holds the
	// environment; then the script ends.
	waitUntil(t, stuck, "an answer to every deploy request", func() bool {
		got := replies(f.api)
		for _, k := range keys {
			if got[k+"#0"] == 0 {
				return false
			}
		}
		return true
	})
	f.waitFile(f.dir + "/started-" + version)
	f.release(version, 0)
	waitUntil(t, stuck, "the staging deploy to end", func() bool { return settled(t, db) })
	staging := deployments(t, db, `env = 'staging' AND version = ?`, version)
	started := 0
	for _, p := range f.api.Posts("") {
		if strings.Contains(p.Text, "started") && strings.Contains(p.Text, version) && p.Metadata != nil {
			started++
		}
	}
	stagingRuns := f.runsOf("staging", version)
	figure(t, scenario, "deploy requests (same version, 50 people)", people)
	figure(t, scenario, "deploy requests answered", countAnswered(f.api, keys))
	figure(t, scenario, "deploy replies saying started", started)
	figure(t, scenario, "deploy deployments", stateCounts(staging))
	figure(t, scenario, "deploy executor runs", stagingRuns)
	if stagingRuns != 1 {
		t.Errorf("%d executor runs of %s on staging for 50 concurrent requests, want 1: %v", stagingRuns, version, f.runs())
	}
	if n := len(deployments(t, db, `env = 'staging' AND version = ? AND state = 'succeeded'`, version)); n != 1 {
		t.Errorf("%d succeeded staging deployments of %s, want 1: %s", n, version, stateCounts(staging))
	}

	// Production: alice asks, 50 approvers approve at once.
	prodCh, prodTS := "CP", fmt.Sprintf("%d.%06d", base+1000, 0)
	resp, err := signer.Event(ctx, mention("EvP", prodCh, "U1", "deploy shop "+version+" to production --yes", prodTS), 0)
	if err != nil || resp.Status != http.StatusOK {
		t.Fatalf("production request: %+v, %v", resp, err)
	}
	var prod []deployment
	waitUntil(t, stuck, "the production deploy to wait for an approval", func() bool {
		prod = deployments(t, db, `env = 'production' AND state = 'awaiting_approval'`)
		return len(prod) == 1
	})
	id := prod[0].ID
	waitUntil(t, stuck, "the approval request in Slack", func() bool { return replies(f.api)[inboxKey(prodCh, prodTS)+"#0"] > 0 })
	var card slackfake.Message
	for _, p := range f.api.Posts(prodCh) {
		if p.ThreadTS == prodTS && p.Metadata != nil {
			card = p
		}
	}
	gate = make(chan struct{})
	statuses = make([]int, people)
	approvalKeys := []string{}
	for i := range people {
		user := fmt.Sprintf("U2%03d", i+1)
		ch, ts := fmt.Sprintf("CA%d", i%10), fmt.Sprintf("%d.%06d", base+2000+int64(i), i)
		var send func() (slackfake.Response, error)
		if i%2 == 0 {
			approvalKeys = append(approvalKeys, inboxKey(ch, ts))
			body := mention(fmt.Sprintf("EvA%d", i), ch, user, fmt.Sprintf("approve %d", id), ts)
			send = func() (slackfake.Response, error) { return signer.Event(ctx, body, 0) }
		} else {
			click := slackfake.Click{TriggerID: fmt.Sprintf("trig-%d", i), User: user, Team: "T0TEAM", Channel: prodCh,
				MessageTS: card.TS, ThreadTS: prodTS, Message: nil, ActionID: "deploy_approve", BlockID: "",
				Value: strconv.FormatInt(id, 10), ActionTS: fmt.Sprintf("%d.%06d", base+3000, i)}
			send = func() (slackfake.Response, error) { return signer.Interaction(ctx, click.Payload()) }
		}
		wg.Go(func() {
			<-gate
			if resp, err := send(); err == nil {
				statuses[i] = resp.Status
			}
		})
	}
	close(gate)
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("approval %d: status %d", i, s)
		}
	}
	waitUntil(t, stuck, "every approval handled and the production deploy ended", func() bool { return settled(t, db) })
	approved := queryInt(t, db, `SELECT COUNT(*) FROM deployment_events WHERE deployment_id = ? AND to_state = 'approved'`, id)
	prodRuns := f.runsOf("production", version)
	final := deployments(t, db, `id = ?`, id)
	figure(t, scenario, "approvals sent at once (25 typed, 25 clicks)", people)
	figure(t, scenario, "typed approvals answered", countAnswered(f.api, approvalKeys))
	figure(t, scenario, "approvals recorded", approved)
	figure(t, scenario, "approval deployment", stateCounts(final))
	figure(t, scenario, "approval executor runs", prodRuns)
	if prodRuns != 1 {
		t.Errorf("%d executor runs of %s in production for 50 concurrent approvals, want 1: %v", prodRuns, version, f.runs())
	}
	if approved != 1 {
		t.Errorf("deployment #%d approved %d times, want once", id, approved)
	}
	if final[0].State != "succeeded" {
		t.Errorf("production deployment #%d is %s (%s)", id, final[0].State, final[0].Reasons)
	}
}
