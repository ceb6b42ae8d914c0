package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
)

const (
	jsonType = "application/json"
	formType = "application/x-www-form-urlencoded"
)

func TestMentionGetsThreadedAnswer(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()

	body := mentionEvent("Ev1", "C1", "U1", "<@UBOT> what's in *production*? &amp; <@U2>", "1700000100.000100", "")
	code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now()))
	if code != http.StatusOK {
		t.Fatalf("status %d, want 200", code)
	}
	waitFor(t, "the threaded reply", func() bool { return len(f.Calls("chat.postMessage")) == 1 })

	msgs := h.messages()
	if len(msgs) != 1 {
		t.Fatalf("handler got %d messages, want 1", len(msgs))
	}
	want := deploybot.Message{ID: "Ev1", Platform: deploybot.PlatformSlack, Channel: "C1", Thread: "1700000100.000100",
		User: actor("U1"), UserName: "alice", Text: "what's in *production*? & @bob", At: time.Unix(1700000100, 100000)}
	if got := msgs[0]; !got.At.Equal(want.At) {
		t.Errorf("message at %s, want %s", got.At, want.At)
	} else if got.At = want.At; got != want {
		t.Errorf("message\n got %+v\nwant %+v", got, want)
	}
	if h.ids[0] != "U1" {
		t.Errorf("slack.UserID = %q, want U1", h.ids[0])
	}
	post := f.Calls("chat.postMessage")[0]
	if post.Form.Get("channel") != "C1" || post.Form.Get("thread_ts") != "1700000100.000100" {
		t.Errorf("posted in %q thread %q, want C1 thread 1700000100.000100", post.Form.Get("channel"), post.Form.Get("thread_ts"))
	}
	bs := blocksOf(t, post)
	if len(bs) != 2 || bs[0]["type"] != "header" || bs[1]["type"] != "section" {
		t.Errorf("blocks = %v, want a header and a section", bs)
	}

	// A follow-up in the thread continues it; bot messages and edits are ignored.
	for _, b := range []string{
		mentionEvent("Ev2", "C1", "U1", "<@UBOT> yes", "1700000101.000100", "1700000100.000100"),
		`{"type":"event_callback","event_id":"Ev3","event":{"type":"app_mention","user":"U9","bot_id":"B9","text":"<@UBOT> hi","ts":"1.1","channel":"C1"}}`,
		`{"type":"event_callback","event_id":"Ev4","event":{"type":"message","subtype":"message_changed","channel":"D1","channel_type":"im","ts":"1.2"}}`,
		`{"type":"event_callback","event_id":"Ev5","event":{"type":"message","user":"UBOT","text":"my own","channel":"D1","channel_type":"im","ts":"1.3"}}`,
		`{"type":"event_callback","event_id":"Ev6","event":{"type":"message","user":"U2","text":"status api","channel":"D1","channel_type":"im","ts":"1700000102.000100"}}`,
	} {
		if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", b, jsonType, time.Now())); code != http.StatusOK {
			t.Fatalf("status %d for %s", code, b)
		}
	}
	waitFor(t, "two more replies", func() bool { return len(f.Calls("chat.postMessage")) == 3 })
	// Channels are served by different workers: order holds within a
	// channel only, so the two follow-ups are found by id.
	byID := map[string]deploybot.Message{}
	for _, m := range h.messages() {
		byID[m.ID] = m
	}
	if m := byID["Ev2"]; len(byID) != 3 || m.Thread != "1700000100.000100" || m.Text != "yes" {
		t.Errorf("thread follow-up: %+v (all: %+v)", m, byID)
	}
	if m := byID["Ev6"]; m.Channel != "D1" || m.User != actor("U2") || m.UserName != "bob" || m.Text != "status api" {
		t.Errorf("direct message: %+v", m)
	}
}

func TestURLVerification(t *testing.T) {
	f := newFakeSlack(t)
	a := newAdapter(t, f, nil, &recorder{})
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	body := `{"type":"url_verification","token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`
	code, got := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now()))
	if code != 200 || got != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("got %d %q", code, got)
	}
}

func TestBadSignatureAndStaleTimestampRefused(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	before := len(f.AllCalls()) // auth.test

	body := mentionEvent("EvBad", "C1", "U1", "<@UBOT> deploy api", "1.1", "")
	forged := signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())
	sign(forged, body, time.Now(), "not-the-secret")
	tampered := signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())
	tampered.Body = http.NoBody
	unsigned, _ := http.NewRequest(http.MethodPost, srv.URL+"/slack/events", strings.NewReader(body))
	stale := signed(t, srv.URL+"/slack/events", body, jsonType, time.Now().Add(-6*time.Minute))
	future := signed(t, srv.URL+"/slack/events", body, jsonType, time.Now().Add(6*time.Minute))
	cmd := url.Values{"command": {"/deploy"}, "text": {"api v1 production"}, "user_id": {"U1"}, "channel_id": {"C1"}, "trigger_id": {"tr"}}.Encode()
	staleCmd := signed(t, srv.URL+"/slack/commands", cmd, formType, time.Now().Add(-10*time.Minute))
	click := url.Values{"payload": {`{"type":"block_actions","user":{"id":"U2"},"actions":[{"action_id":"deploy_approve","value":"12"}]}`}}.Encode()
	forgedClick := signed(t, srv.URL+"/slack/interactions", click, formType, time.Now())
	sign(forgedClick, click+"x", time.Now(), secret)

	for name, req := range map[string]*http.Request{
		"forged": forged, "tampered": tampered, "unsigned": unsigned, "stale": stale, "future": future,
		"stale command": staleCmd, "forged click": forgedClick,
	} {
		if code, _ := do(t, srv.Client(), req); code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, code)
		}
	}
	// The event id was not recorded: a genuine delivery of it is handled.
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != 200 {
		t.Fatalf("genuine delivery: %d", code)
	}
	waitFor(t, "the genuine reply", func() bool { return len(f.Calls("chat.postMessage")) == 1 })
	if n := len(h.messages()); n != 1 {
		t.Errorf("handler saw %d messages, want only the genuine one", n)
	}
	if calls := f.AllCalls(); len(calls) != before+2 { // users.info + chat.postMessage
		t.Errorf("Web API calls after the refused requests: %v", calls[before:])
	}
}

func TestRetriedEventHandledOnceAcrossRestarts(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{}
	path := t.TempDir() + "/deploybot.db"
	a := newAdapter(t, f, dbInbox(t, path), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()

	body := mentionEvent("EvRetry", "C1", "U1", "<@UBOT> deploy api v1.4.2 to production", "1700000200.000100", "")
	for i, retry := range []string{"", "1", "2"} {
		req := signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())
		if retry != "" {
			req.Header.Set("X-Slack-Retry-Num", retry)
			req.Header.Set("X-Slack-Retry-Reason", "http_timeout")
		}
		if code, _ := do(t, srv.Client(), req); code != http.StatusOK {
			t.Fatalf("delivery %d: status %d", i, code)
		}
	}
	waitFor(t, "the reply", func() bool { return len(f.Calls("chat.postMessage")) >= 1 })

	// A new adapter (a restart) on the same database drops it too.
	a2 := newAdapter(t, f, dbInbox(t, path), h)
	srv2 := httptest.NewServer(a2.HTTPHandler())
	defer srv2.Close()
	req := signed(t, srv2.URL+"/slack/events", body, jsonType, time.Now())
	req.Header.Set("X-Slack-Retry-Num", "3")
	if code, _ := do(t, srv2.Client(), req); code != http.StatusOK {
		t.Fatalf("delivery after restart: status %d", code)
	}
	// Let both adapters drain before counting.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = a.Close(ctx)
	_ = a2.Close(ctx)
	if n := len(h.messages()); n != 1 {
		t.Errorf("handled %d times, want 1", n)
	}
	if n := len(f.Calls("chat.postMessage")); n != 1 {
		t.Errorf("%d replies posted, want 1", n)
	}
}

func TestSlashDeploy(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
		if strings.HasPrefix(m.Text, "deploy") {
			return deploybot.Reply{Title: "Plan: api v1.4.2 → production (#12)", Fields: []deploybot.Field{{Label: "Window", Value: "recommended"}},
				Actions: []deploybot.Button{{ID: "deploy_confirm", Label: "Confirm", Value: "12", Style: "primary"}, {ID: "deploy_cancel", Label: "Cancel", Value: "12"}}}, nil
		}
		return deploybot.Reply{Text: "api: v1.4.1 in production"}, nil
	}}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()

	form := url.Values{"command": {"/deploy"}, "text": {"api v1.4.2 production"}, "user_id": {"U1"}, "user_name": {"alice"},
		"channel_id": {"C1"}, "trigger_id": {"trig-1"}, "response_url": {f.URL + "/response"}}
	code, body := do(t, srv.Client(), signed(t, srv.URL+"/slack/commands", form.Encode(), formType, time.Now()))
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	var ack map[string]string
	if err := json.Unmarshal([]byte(body), &ack); err != nil || ack["response_type"] != "ephemeral" || !strings.HasPrefix(ack["text"], "⏳") {
		t.Fatalf("ack = %s (%v), want an ephemeral ⏳", body, err)
	}
	waitFor(t, "the plan in the channel", func() bool { return len(f.Calls("chat.postMessage")) == 1 })
	msgs := h.messages()
	if msgs[0].Text != "deploy api v1.4.2 to production" || msgs[0].User != actor("U1") || msgs[0].Channel != "C1" || !strings.HasPrefix(msgs[0].ID, "command:") {
		t.Errorf("message = %+v", msgs[0])
	}
	plan := f.Calls("chat.postMessage")[0]
	bs := blocksOf(t, plan)
	if plan.Form.Get("channel") != "C1" || plan.Form.Get("thread_ts") != "" || bs[len(bs)-1]["type"] != "actions" {
		t.Errorf("plan posted as %v", plan.Form)
	}
	if !strings.Contains(plan.Form.Get("blocks"), "@alice: /deploy api v1.4.2 production") {
		t.Errorf("plan does not say who asked: %s", plan.Form.Get("blocks"))
	}

	// status: only the requester sees the answer.
	form.Set("text", "status api")
	form.Set("trigger_id", "trig-2")
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/commands", form.Encode(), formType, time.Now())); code != 200 {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the ephemeral status", func() bool { return len(f.Calls("chat.postEphemeral")) == 1 })
	eph := f.Calls("chat.postEphemeral")[0]
	if eph.Form.Get("user") != "U1" || eph.Form.Get("channel") != "C1" || !strings.Contains(eph.Form.Get("blocks"), "v1.4.1") {
		t.Errorf("ephemeral = %v", eph.Form)
	}
	if got := h.messages()[1].Text; got != "status api" {
		t.Errorf("status text = %q", got)
	}
}

func TestParseSlash(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   string
		public bool
	}{
		{"", "help", false},
		{"help", "help", false},
		{"status", "status", false},
		{"status api", "status api", false},
		{"api v1.4.2 production", "deploy api v1.4.2 to production", true},
		{"deploy api v1.4.2 production", "deploy api v1.4.2 to production", true},
		{"api v1.4.2 to production", "deploy api v1.4.2 to production", true},
		{"api v1.4.2 production --yes", "deploy api v1.4.2 to production --yes", true},
		{`api v1.4.2 production --force "hotfix"`, `deploy api v1.4.2 to production --force "hotfix"`, true},
		{"rollback api production", "rollback api production", true},
		{"approve 12", "approve 12", true},
		{"pending", "pending", false},
	} {
		got := slack.ParseSlash(tc.in)
		if got.Text != tc.want || got.Public != tc.public {
			t.Errorf("ParseSlash(%q) = %+v, want {%q %v}", tc.in, got, tc.want, tc.public)
		}
	}
}

// approvalMessage is the message with buttons the click comes from.
const approvalMessage = `{"type":"message","ts":"1700000300.000100","text":"api v1.4.2 waits for approval","blocks":[
 {"type":"section","block_id":"s1","text":{"type":"mrkdwn","text":"*api v1.4.2* → production"}},
 {"type":"actions","block_id":"deploybot_actions","elements":[
  {"type":"button","action_id":"deploy_approve","value":"12","text":{"type":"plain_text","text":"Approve"}},
  {"type":"button","action_id":"deploy_deny","value":"12","text":{"type":"plain_text","text":"Deny"}}]}]}`

func clickPayload(user, actionID, value, trigger string) string {
	return `{"type":"block_actions","trigger_id":"` + trigger + `","user":{"id":"` + user + `"},` +
		`"container":{"type":"message","message_ts":"1700000300.000100","channel_id":"C1"},"channel":{"id":"C1"},` +
		`"message":` + approvalMessage + `,` +
		`"actions":[{"action_id":"` + actionID + `","block_id":"deploybot_actions","value":"` + value + `","type":"button","action_ts":"1700000301.000001"}]}`
}

func TestApprovalClick(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
		if m.User == actor("U1") { // the requester
			return deploybot.Reply{Text: "❌ four-eyes: alice requested #12 and may not approve it"}, nil
		}
		return deploybot.Reply{Text: "Go: deploy api v1.4.2 → production (#12) started, approved by bob."}, nil
	}}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()

	// The requester's own click is refused: only they see why, the buttons stay.
	form := url.Values{"payload": {clickPayload("U1", "deploy_approve", "12", "trig-a")}}.Encode()
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/interactions", form, formType, time.Now())); code != 200 {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the refusal", func() bool { return len(f.Calls("chat.postEphemeral")) == 1 })
	if n := len(f.Calls("chat.update")); n != 0 {
		t.Errorf("a refused click updated the message")
	}
	if eph := f.Calls("chat.postEphemeral")[0]; eph.Form.Get("user") != "U1" || !strings.Contains(eph.Form.Get("text"), "four-eyes") {
		t.Errorf("refusal = %v", eph.Form)
	}

	// Another user's click approves and updates the message.
	form = url.Values{"payload": {clickPayload("U2", "deploy_approve", "12", "trig-b")}}.Encode()
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/interactions", form, formType, time.Now())); code != 200 {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the update", func() bool { return len(f.Calls("chat.update")) == 1 })
	msgs := h.messages()
	if got := msgs[1]; got.Text != "approve 12" || got.User != actor("U2") || got.Channel != "C1" || got.Thread != "1700000300.000100" {
		t.Errorf("click reached the handler as %+v", got)
	}
	up := f.Calls("chat.update")[0]
	if up.Form.Get("channel") != "C1" || up.Form.Get("ts") != "1700000300.000100" {
		t.Errorf("updated %v", up.Form)
	}
	bs := blocksOf(t, up)
	if len(bs) != 2 || bs[0]["type"] != "section" || bs[1]["type"] != "context" {
		t.Fatalf("updated blocks = %v, want the section kept and the buttons replaced by a context line", bs)
	}
	if !strings.Contains(up.Form.Get("blocks"), "✅ approved by @bob") {
		t.Errorf("context line = %s", up.Form.Get("blocks"))
	}

	// The same click delivered again is dropped.
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/interactions", form, formType, time.Now())); code != 200 {
		t.Fatalf("status %d", code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = a.Close(ctx)
	if n := len(h.messages()); n != 2 {
		t.Errorf("handler saw %d clicks, want 2", n)
	}
}

func TestClickText(t *testing.T) {
	for _, tc := range []struct{ id, value, want string }{
		{"deploy_approve", "12", "approve 12"},
		{"deploy_deny", "12", "deny 12"},
		{"deploy_cancel", "12", "cancel 12"},
		{"deploy_confirm", "12", "confirm 12"},
		{"deploy_rollback", "12 api production", "rollback api production"},
		{"deploy_drill", "api staging", "drill api staging"},
		{"deploy_rollback", "12", ""},
		{"deploy_tick", "12 all", "tick 12 all"},
		{"deploy_tick", "12 tests review", "tick 12 tests review"},
		{"deploy_tick", "12 all --yes", ""},
		{"deploy_approve", "12; rm -rf /", ""},
		{"deploy_rollback", "12 api production --force x", ""},
		{"suggest_command", "status", "status"},
		{"suggest_command", "je peux déployer maintenant ?", "je peux déployer maintenant ?"},
		// An order suggested (router/suggest.go) is sent as the clicker's
		// message, never as a confirmation: it is planned and asks.
		{"suggest_command", "rollback web on staging", "rollback web on staging"},
		{"suggest_command", "", ""},
		{"suggest_command", "deploy api to production --yes", ""},
		{"suggest_command", "status\ndeploy api", ""},
		{"suggest_command", strings.Repeat("a", 201), ""},
		{"other", "12", ""},
	} {
		got, ok := slack.ClickText(tc.id, tc.value)
		if got.Text != tc.want || ok != (tc.want != "") {
			t.Errorf("ClickText(%q, %q) = %q, %v; want %q", tc.id, tc.value, got.Text, ok, tc.want)
		}
	}
}

// TestSuggestionClick clicks one of the suggestions a not-understood
// reply offers: its value reaches the handler as a message of the
// clicking person, in the clicked message's thread, and the reply is
// posted there.
func TestSuggestionClick(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
		return deploybot.Reply{Title: "What runs where", Text: "api/production: v1.4.2"}, nil
	}}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()

	form := url.Values{"payload": {clickPayload("U2", "suggest_command", "status", "trig-s")}}.Encode()
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/interactions", form, formType, time.Now())); code != 200 {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the reply in the thread", func() bool { return len(f.Calls("chat.postMessage")) == 1 })
	msgs := h.messages()
	if len(msgs) != 1 {
		t.Fatalf("handler got %d messages, want 1", len(msgs))
	}
	if got := msgs[0]; got.Text != "status" || got.User != actor("U2") || got.Channel != "C1" || got.Thread != "1700000300.000100" {
		t.Errorf("click reached the handler as %+v", got)
	}
	if post := f.Calls("chat.postMessage")[0]; post.Form.Get("thread_ts") != "1700000300.000100" || !strings.Contains(post.Form.Get("blocks"), "What runs where") {
		t.Errorf("reply posted as %v", post.Form)
	}
	waitFor(t, "the clicked message updated", func() bool { return len(f.Calls("chat.update")) == 1 })
	if up := f.Calls("chat.update")[0]; !strings.Contains(up.Form.Get("blocks"), `💬 \"status\" asked by @bob`) {
		t.Errorf("context line = %s", up.Form.Get("blocks"))
	}
}

func TestPosterRetriesAfterRateLimit(t *testing.T) {
	f := newFakeSlack(t)
	a := newAdapter(t, f, nil, &recorder{})
	f.LimitNext("chat.postMessage", 1, time.Second)

	start := time.Now()
	ref, err := a.Post(context.Background(), "C1", "", deploybot.Reply{Title: "🚀 deploy api v1.4.2 (#12)", Text: "running"})
	if err != nil {
		t.Fatal(err)
	}
	posts := f.Calls("chat.postMessage")
	if len(posts) != 2 {
		t.Fatalf("%d chat.postMessage calls, want 2 (429 then success)", len(posts))
	}
	if gap := posts[1].At.Sub(posts[0].At); gap < time.Second {
		t.Errorf("retried after %s, want at least the 1s Retry-After", gap)
	}
	if !strings.HasPrefix(ref, "C1|") || len(ref) < 10 {
		t.Errorf("ref = %q, want C1|ts", ref)
	}
	if err := a.Update(context.Background(), ref, deploybot.Reply{Title: "✅ deploy api v1.4.2 (#12)", Text: "done"}); err != nil {
		t.Fatal(err)
	}
	up := f.Calls("chat.update")
	if len(up) != 1 || up[0].Form.Get("channel") != "C1" || up[0].Form.Get("ts") != strings.TrimPrefix(ref, "C1|") {
		t.Errorf("update = %v", up)
	}
	if err := a.Update(context.Background(), "garbage", deploybot.Reply{}); err == nil {
		t.Error("Update with a bad ref: no error")
	}
	t.Logf("post with one 429 took %s", time.Since(start))

	// Bounded: a method that stays limited fails after MaxRetries.
	f.LimitNext("chat.postMessage", 100, time.Second)
	b := newAdapter(t, f, nil, &recorder{}, func(o *slack.Options) { o.MaxRetries = 1 })
	if _, err := b.Post(context.Background(), "C1", "", deploybot.Reply{Text: "x"}); err == nil || !strings.Contains(err.Error(), "rate limit") {
		t.Errorf("Post under a lasting rate limit: %v", err)
	}
}

func TestOrderKeptPerChannel(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
		return deploybot.Reply{Text: m.Text}, nil
	}}
	a := newAdapter(t, f, dbInbox(t, ""), h, func(o *slack.Options) { o.Workers = 4 })
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	const n = 30
	for i := range n {
		body := mentionEvent("EvO"+itoa(i), "C7", "U1", "<@UBOT> m"+itoa(i), "1700000400.0001"+itoa(10+i), "")
		if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != 200 {
			t.Fatal(code)
		}
	}
	waitFor(t, "all replies", func() bool { return len(f.Calls("chat.postMessage")) == n })
	for i, c := range f.Calls("chat.postMessage") {
		if got := c.Form.Get("text"); got != "m"+itoa(i) {
			t.Fatalf("reply %d is %q: order lost", i, got)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestRender(t *testing.T) {
	var fields []deploybot.Field
	for i := range 13 {
		fields = append(fields, deploybot.Field{Label: "L" + itoa(i), Value: "v"})
	}
	r := deploybot.Reply{
		Title:   "Plan",
		Text:    "**bold** and *bold* <tag> & `a<b`\n```\nx < y\n```\n| a | b |\n|---|---|\n| 1 | 2 |\nsee [docs](https://example.com)",
		Fields:  fields,
		Note:    "note",
		Actions: []deploybot.Button{{ID: "deploy_confirm", Label: "Confirm", Value: "12", Style: "primary"}, {ID: "deploy_cancel", Label: "Cancel", Value: "12", Style: "danger"}},
	}
	b, err := json.Marshal(slack.Render(r))
	if err != nil {
		t.Fatal(err)
	}
	var bs []map[string]any
	_ = json.Unmarshal(b, &bs)
	var types []string
	for _, x := range bs {
		types = append(types, x["type"].(string))
	}
	if got := strings.Join(types, ","); got != "header,section,section,section,context,actions" {
		t.Errorf("block types = %s", got)
	}
	text := bs[1]["text"].(map[string]any)["text"].(string)
	for _, want := range []string{"*bold* and *bold* &lt;tag&gt; &amp; `a&lt;b`", "```\nx &lt; y\n```", "```\n| a | b |\n|---|---|\n| 1 | 2 |\n```", "docs (<https://example.com>)"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
	if n := len(bs[2]["fields"].([]any)); n != 10 {
		t.Errorf("first fields section has %d fields, want 10", n)
	}
	if n := len(bs[3]["fields"].([]any)); n != 3 {
		t.Errorf("second fields section has %d fields, want 3", n)
	}
	els := bs[5]["elements"].([]any)
	if btn := els[0].(map[string]any); btn["action_id"] != "deploy_confirm" || btn["value"] != "12" || btn["style"] != "primary" {
		t.Errorf("button = %v", btn)
	}
	if btn := els[1].(map[string]any); btn["style"] != "danger" {
		t.Errorf("button = %v", btn)
	}
	long := slack.Render(deploybot.Reply{Text: strings.Repeat("word ", 1500)})
	if len(long) < 2 {
		t.Errorf("a 7500-character text gave %d sections, want it split", len(long))
	}
}

// TestUserSlackCannotNameIsHandledByID: when users.info fails, the writer
// is still known by id (Slack signed it): the message is handled under the
// actor, with the id as the name.
func TestUserSlackCannotNameIsHandledByID(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	body := mentionEvent("EvX", "C1", "U404", "<@UBOT> approve 12", "1700000200.000100", "")
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the reply", func() bool { return len(f.Calls("chat.postMessage")) == 1 })
	if m := h.messages(); len(m) != 1 || m[0].User != actor("U404") || m[0].UserName != "U404" {
		t.Errorf("handled as %+v", m)
	}
}

// TestUserSlackCannotNameIsAskedOnce: Slack's answer that it cannot name a
// writer is kept a while, as a name is, so that each of their messages
// does not call users.info again (issue 19); the writer is still handled
// by id.
func TestUserSlackCannotNameIsAskedOnce(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	for i, ts := range []string{"1700000200.000100", "1700000201.000100", "1700000202.000100"} {
		body := mentionEvent("EvX"+strconv.Itoa(i), "C1", "U404", "<@UBOT> status", ts, "")
		if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	waitFor(t, "the replies", func() bool { return len(f.Calls("chat.postMessage")) == 3 })
	if n := len(f.Calls("users.info")); n != 1 {
		t.Errorf("users.info called %d times for one writer Slack cannot name, want 1", n)
	}
	for _, m := range h.messages() {
		if m.User != actor("U404") || m.UserName != "U404" {
			t.Errorf("handled as %+v", m)
		}
	}
}
