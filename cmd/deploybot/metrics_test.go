package main_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"deploybot/slack/slackfake"
)

// metricValue returns the value of the sample named (with its labels, as
// /metrics writes them) in a text exposition, and whether it is there.
func metricValue(exposition, sample string) (float64, bool) {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sample) + ` (\S+)$`).FindStringSubmatch(exposition)
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	return v, err == nil
}

// TestMetricsShowSlackQueueAndThrottling: while Slack answers every
// chat.postMessage with 429, the replies wait in the inbox and /metrics
// shows them (deploybot_inbox_entries{state="replied"}) and the throttled
// calls (deploybot_slack_throttled_total); once Slack takes posts again,
// the queue empties and every reply is posted.
func TestMetricsShowSlackQueueAndThrottling(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), []byte("projects:\n  - name: api\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	api := slackAPI(t)
	api.RateLimit("chat.postMessage", func(int) (time.Duration, bool) { return time.Second, true })
	s := newSlackServe(t, dir, api, "")
	s.start()
	defer s.stop()
	metrics := func() string {
		t.Helper()
		resp, err := http.Get("http://" + s.addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if v, ok := metricValue(metrics(), "deploybot_slack_throttled_total"); !ok || v != 0 {
		t.Fatalf("deploybot_slack_throttled_total before any call = %v (present %v), want 0", v, ok)
	}
	const n = 3
	for i := range n {
		body := slackfake.Event{ID: fmt.Sprintf("EvM%d", i), Team: "T0TEAM", Channel: fmt.Sprintf("CM%d", i), User: "U1",
			Text: "<@UBOT> what is a canary release?", TS: fmt.Sprintf("1700000%03d.000100", i)}.Body()
		if resp, err := s.signer().Event(context.Background(), body, 0); err != nil || resp.Status != http.StatusOK {
			t.Fatalf("event %d: %+v, %v", i, resp, err)
		}
	}
	var throttled float64
	waitUntil(t, "the throttled replies waiting in the inbox, in /metrics", func() bool {
		m := metrics()
		waiting, _ := metricValue(m, `deploybot_inbox_entries{state="replied"}`)
		throttled, _ = metricValue(m, "deploybot_slack_throttled_total")
		return waiting == n && throttled >= n
	})
	if posts := api.Posts(""); len(posts) != 0 {
		t.Fatalf("%d posts went through a Slack that refuses them all", len(posts))
	}
	api.RateLimit("chat.postMessage", nil)
	waitUntil(t, "the queue to empty once Slack takes posts", func() bool {
		m := metrics()
		waiting, _ := metricValue(m, `deploybot_inbox_entries{state="replied"}`)
		done, _ := metricValue(m, `deploybot_inbox_entries{state="done"}`)
		return waiting == 0 && done == n
	})
	if posts := api.Posts(""); len(posts) != n {
		t.Errorf("%d replies posted, want %d", len(posts), n)
	}
	if v, _ := metricValue(metrics(), "deploybot_slack_throttled_total"); v < throttled {
		t.Errorf("deploybot_slack_throttled_total went down: %v after %v", v, throttled)
	}
}
