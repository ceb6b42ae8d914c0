package slack_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
	"deploybot/slack/slackfake"
)

// faultyInbox wraps an inbox and fails the operations the test chooses.
type faultyInbox struct {
	slack.Inbox
	failAdd    atomic.Bool
	failFinish atomic.Bool // the first Finish of each entry fails

	mu       sync.Mutex
	finished map[string]bool // entries whose first Finish failed
}

var errDisk = errors.New("disk I/O error")

func (f *faultyInbox) Add(ctx context.Context, e slack.InboxEntry) (bool, error) {
	if f.failAdd.Load() {
		return false, errDisk
	}
	return f.Inbox.Add(ctx, e)
}

func (f *faultyInbox) Finish(ctx context.Context, key string, claim int64, ts string, at time.Time) (bool, error) {
	if f.failFinish.Load() {
		f.mu.Lock()
		first := !f.finished[key]
		if f.finished == nil {
			f.finished = map[string]bool{}
		}
		f.finished[key] = true
		f.mu.Unlock()
		if first {
			return false, errDisk
		}
	}
	return f.Inbox.Finish(ctx, key, claim, ts, at)
}

// holders names two processes of one machine.
var (
	holderA = deploybot.Holder{Host: "h", BootID: "b", PIDNamespace: "ns", PID: 100, StartTime: 1}
	holderB = deploybot.Holder{Host: "h", BootID: "b", PIDNamespace: "ns", PID: 200, StartTime: 2}
)

// postsByThread counts the bot's posts per channel and thread.
func postsByThread(f *slackfake.Server) map[string]int {
	m := map[string]int{}
	for _, p := range f.Posts("") {
		m[p.Channel+"|"+p.ThreadTS]++
	}
	return m
}

func send(t *testing.T, srv *httptest.Server, path, body, contentType string, header http.Header) int {
	t.Helper()
	req := signed(t, srv.URL+path, body, contentType, time.Now())
	for k, v := range header {
		req.Header[k] = v
	}
	code, _ := do(t, srv.Client(), req)
	return code
}

// TestDeadHolderEntriesAreHandledAgain: a process accepted messages and
// died while handling them (its handler never answered). Another process
// on the same inbox sees the holder is gone, handles them again with the
// same Message.ID, and each is answered once: the first process, should it
// wake up, has lost its claim and posts nothing.
func TestDeadHolderEntriesAreHandledAgain(t *testing.T) {
	f := newFakeSlack(t)
	path := t.TempDir() + "/deploybot.db"
	release := make(chan struct{})
	var firstIDs, secondIDs sync.Map
	stuck := handlerFunc(func(ctx context.Context, m deploybot.Message) (deploybot.Reply, error) {
		firstIDs.Store(m.ID, true)
		<-release // "dead": answers only when the test lets it, too late
		return deploybot.Reply{Text: "late answer"}, nil
	})
	a := newAdapter(t, f, dbInbox(t, path), stuck, func(o *slack.Options) { o.Self = holderA })
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	const n = 5
	for i := range n {
		body := mentionEvent(fmt.Sprintf("EvD%d", i), "C1", "U1", "<@UBOT> status", fmt.Sprintf("1700000100.00010%d", i), "")
		if code := send(t, srv, "/slack/events", body, jsonType, nil); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	waitFor(t, "the first process to start handling", func() bool {
		_, ok := firstIDs.Load("EvD0")
		return ok
	})

	answer := handlerFunc(func(ctx context.Context, m deploybot.Message) (deploybot.Reply, error) {
		secondIDs.Store(m.ID, true)
		return deploybot.Reply{Text: "answer to " + m.ID}, nil
	})
	newAdapter(t, f, dbInbox(t, path), answer, func(o *slack.Options) {
		o.Self = holderB
		o.Gone = func(h deploybot.Holder) bool { return h == holderA }
	})
	waitFor(t, "every message answered", func() bool { return len(postsByThread(f)) == n })
	close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for k, c := range postsByThread(f) {
		if c != 1 {
			t.Errorf("thread %s answered %d times", k, c)
		}
	}
	for i := range n {
		id := fmt.Sprintf("EvD%d", i)
		if _, ok := secondIDs.Load(id); !ok {
			t.Errorf("message %s not handled again under its id", id)
		}
	}
	for _, p := range f.Posts("") {
		if strings.Contains(p.Text, "late answer") {
			t.Errorf("the process that lost its claims posted %q", p.Text)
		}
	}
}

// TestReplyPostedBeforeACrashIsNotPostedAgain: a reply was posted but the
// entry not marked done (the process died in between, or the store
// failed). Handling the entry again finds the reply in its thread, or in
// the channel for a reply outside threads, by the inbox key in its
// metadata, and posts nothing more.
func TestReplyPostedBeforeACrashIsNotPostedAgain(t *testing.T) {
	f := newFakeSlack(t)
	inbox := &faultyInbox{Inbox: dbInbox(t, "")}
	inbox.failFinish.Store(true)
	var calls atomic.Int32
	h := handlerFunc(func(ctx context.Context, m deploybot.Message) (deploybot.Reply, error) {
		calls.Add(1)
		return deploybot.Reply{Title: "Plan", Text: "answer to " + m.Text}, nil
	})
	a := newAdapter(t, f, inbox, h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	if code := send(t, srv, "/slack/events", mentionEvent("EvP", "C1", "U1", "<@UBOT> status", "1700000100.000100", ""), jsonType, nil); code != 200 {
		t.Fatalf("status %d", code)
	}
	cmd := slackfake.Command{Text: "api v1.4.2 production", User: "U1", Channel: "C2"}.Form().Encode()
	if code := send(t, srv, "/slack/commands", cmd, formType, nil); code != 200 {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "both lookups", func() bool {
		return len(f.Calls("conversations.replies")) >= 1 && len(f.Calls("conversations.history")) >= 1
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if got := postsByThread(f); len(got) != 2 || got["C1|1700000100.000100"] != 1 || got["C2|"] != 1 {
		t.Errorf("posts = %v, want one in the thread and one in C2", got)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("handler called %d times, want 2: a stored reply is not asked again", n)
	}
	for _, m := range []string{"conversations.replies", "conversations.history"} {
		if c := f.Calls(m)[0]; c.Form.Get("include_all_metadata") != "1" {
			t.Errorf("%s without include_all_metadata: %v", m, c.Form)
		}
	}
	for _, p := range f.Posts("") {
		if p.Metadata == nil || p.Metadata.EventType != "deploybot_reply" || p.Metadata.EventPayload["inbox_key"] == "" {
			t.Errorf("post without the inbox key in its metadata: %+v", p)
		}
	}
}

// TestPoisonEntryAnsweredOnceWithAnError: a message whose handling fails
// every time gets, after MaxAttempts, one error reply, and is done.
func TestPoisonEntryAnsweredOnceWithAnError(t *testing.T) {
	f := newFakeSlack(t)
	var calls atomic.Int32
	h := handlerFunc(func(ctx context.Context, m deploybot.Message) (deploybot.Reply, error) {
		calls.Add(1)
		panic("boom")
	})
	a := newAdapter(t, f, dbInbox(t, ""), h, func(o *slack.Options) { o.MaxAttempts = 3 })
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	if code := send(t, srv, "/slack/events", mentionEvent("EvX", "C1", "U1", "<@UBOT> boom", "1700000100.000100", ""), jsonType, nil); code != 200 {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the error reply", func() bool { return len(f.Posts("C1")) == 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("handler called %d times, want 3", n)
	}
	if p := f.Posts("C1"); len(p) != 1 || !strings.Contains(p[0].Text, "could not handle this message after 3 attempts") {
		t.Errorf("posts = %+v", p)
	}
}

// TestBacklogWaitsInTheInbox: more deliveries than the queues hold are all
// acknowledged at once and all answered, in order per channel.
func TestBacklogWaitsInTheInbox(t *testing.T) {
	f := newFakeSlack(t)
	gate := make(chan struct{})
	h := handlerFunc(func(ctx context.Context, m deploybot.Message) (deploybot.Reply, error) {
		<-gate
		return deploybot.Reply{Text: m.Text}, nil
	})
	a := newAdapter(t, f, dbInbox(t, ""), h, func(o *slack.Options) { o.Workers = 1; o.QueueSize = 2 })
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	const n = 20
	for i := range n {
		body := mentionEvent(fmt.Sprintf("EvQ%d", i), "C1", "U1", fmt.Sprintf("<@UBOT> m%02d", i), fmt.Sprintf("1700000100.%06d", i+1), "")
		if code := send(t, srv, "/slack/events", body, jsonType, nil); code != 200 {
			t.Fatalf("event %d: status %d", i, code)
		}
	}
	close(gate)
	waitFor(t, "every answer", func() bool { return len(f.Posts("C1")) == n })
	for i, p := range f.Posts("C1") {
		if want := fmt.Sprintf("m%02d", i); p.Text != want {
			t.Errorf("answer %d is %q, want %q: order lost", i, p.Text, want)
		}
	}
}

// TestStoreFailureIs503: a delivery the inbox cannot record is not
// acknowledged, so that Slack delivers it again; once recorded, its
// retry is acknowledged and dropped.
func TestStoreFailureIs503(t *testing.T) {
	f := newFakeSlack(t)
	inbox := &faultyInbox{Inbox: dbInbox(t, "")}
	h := &recorder{}
	a := newAdapter(t, f, inbox, h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	ev := mentionEvent("EvS", "C1", "U1", "<@UBOT> status", "1700000100.000100", "")
	cmd := slackfake.Command{Text: "status", User: "U1", Channel: "C1"}.Form().Encode()
	click := url.Values{"payload": {clickPayload("U2", "deploy_approve", "12", "trig-s")}}.Encode()
	inbox.failAdd.Store(true)
	for _, r := range []struct{ path, body, ct string }{
		{"/slack/events", ev, jsonType}, {"/slack/commands", cmd, formType}, {"/slack/interactions", click, formType},
	} {
		if code := send(t, srv, r.path, r.body, r.ct, nil); code != http.StatusServiceUnavailable {
			t.Errorf("%s with the store failing: %d, want 503", r.path, code)
		}
	}
	inbox.failAdd.Store(false)
	retry := http.Header{"X-Slack-Retry-Num": {"1"}, "X-Slack-Retry-Reason": {"http_error"}}
	for i := range 3 {
		if code := send(t, srv, "/slack/events", ev, jsonType, retry); code != http.StatusOK {
			t.Fatalf("retry %d: %d", i, code)
		}
	}
	waitFor(t, "the answer", func() bool { return len(f.Posts("C1")) == 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = a.Close(ctx)
	if n := len(h.messages()); n != 1 {
		t.Errorf("handled %d times, want 1", n)
	}
}

// TestSlashCommandsDedupedBySignedRequest: a slash command has no id; the
// same signed request delivered twice is handled once, even without a
// trigger_id, while the same words sent again (another request) are a new
// command.
func TestSlashCommandsDedupedBySignedRequest(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) { return deploybot.Reply{Text: "ok"}, nil }}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	form := slackfake.Command{Text: "status api", User: "U1", Channel: "C1"}.Form().Encode() // no trigger_id
	at := time.Now()
	for i, ts := range []time.Time{at, at, at.Add(time.Second)} {
		req := signed(t, srv.URL+"/slack/commands", form, formType, ts)
		code, body := do(t, srv.Client(), req)
		if code != 200 {
			t.Fatalf("command %d: %d", i, code)
		}
		if dup := strings.Contains(body, "already on it"); dup != (i == 1) {
			t.Errorf("command %d ack %s", i, body)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = a.Close(ctx)
	msgs := h.messages()
	if len(msgs) != 2 || msgs[0].ID == msgs[1].ID {
		t.Errorf("handled %+v, want two commands with their own ids", msgs)
	}
}

// TestMalformedDeliveriesGet400: signed bodies Slack could not have sent
// are refused with 400 and recorded nowhere; a bad signature stays 401;
// events deploybot does not answer are acknowledged.
func TestMalformedDeliveriesGet400(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	payload := func(p string) string { return url.Values{"payload": {p}}.Encode() }
	for _, tc := range []struct {
		name, path, body, ct string
		want                 int
	}{
		{"bad JSON", "/slack/events", `{"type":`, jsonType, 400},
		{"no type", "/slack/events", `{"event_id":"Ev1"}`, jsonType, 400},
		{"callback without id", "/slack/events", `{"type":"event_callback","event":{"type":"app_mention","user":"U1","channel":"C1","ts":"1.1","text":"hi"}}`, jsonType, 400},
		{"callback without event", "/slack/events", `{"type":"event_callback","event_id":"Ev2"}`, jsonType, 400},
		{"mention without user", "/slack/events", `{"type":"event_callback","event_id":"Ev3","event":{"type":"app_mention","channel":"C1","ts":"1.1","text":"hi"}}`, jsonType, 400},
		{"mention without channel", "/slack/events", `{"type":"event_callback","event_id":"Ev4","event":{"type":"app_mention","user":"U1","ts":"1.1","text":"hi"}}`, jsonType, 400},
		{"text of the wrong type", "/slack/events", `{"type":"event_callback","event_id":"Ev5","event":{"type":"app_mention","user":"U1","channel":"C1","ts":"1.1","text":7}}`, jsonType, 400},
		{"challenge without a challenge", "/slack/events", `{"type":"url_verification"}`, jsonType, 400},
		{"an event deploybot does not answer", "/slack/events", `{"type":"event_callback","event_id":"Ev6","event":{"type":"reaction_added","user":{"id":"U1"}}}`, jsonType, 200},
		{"rate limited notice", "/slack/events", `{"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820}`, jsonType, 200},
		{"bad form", "/slack/commands", "command=%zz", formType, 400},
		{"command without command", "/slack/commands", "text=status&user_id=U1&channel_id=C1", formType, 400},
		{"command without user", "/slack/commands", "command=%2Fdeploy&text=status&channel_id=C1", formType, 400},
		{"command without channel", "/slack/commands", "command=%2Fdeploy&text=status&user_id=U1", formType, 400},
		{"interaction without payload", "/slack/interactions", "x=1", formType, 400},
		{"interaction of bad JSON", "/slack/interactions", payload(`{"type":`), formType, 400},
		{"interaction without user", "/slack/interactions", payload(`{"type":"block_actions","channel":{"id":"C1"},"actions":[{"action_id":"deploy_approve","value":"1"}]}`), formType, 400},
		{"click without channel", "/slack/interactions", payload(`{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"deploy_approve","value":"1"}]}`), formType, 400},
		{"click without action", "/slack/interactions", payload(`{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"actions":[]}`), formType, 400},
		{"a shortcut", "/slack/interactions", payload(`{"type":"shortcut","user":{"id":"U1"},"callback_id":"x"}`), formType, 200},
	} {
		if code := send(t, srv, tc.path, tc.body, tc.ct, nil); code != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, code, tc.want)
		}
	}
	forged := signed(t, srv.URL+"/slack/commands", "command=%zz", formType, time.Now())
	sign(forged, "other", time.Now(), secret)
	if code, _ := do(t, srv.Client(), forged); code != http.StatusUnauthorized {
		t.Errorf("forged malformed command: %d, want 401", code)
	}
	big := `{"type":"event_callback","event_id":"EvBig","event":{"type":"app_mention","text":"` + strings.Repeat("a", 1<<20) + `"}}`
	if code := send(t, srv, "/slack/events", big, jsonType, nil); code != http.StatusUnauthorized {
		t.Errorf("a body over the limit: %d, want 401", code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = a.Close(ctx)
	if n := len(h.messages()); n != 0 {
		t.Errorf("malformed deliveries reached the handler: %+v", h.messages())
	}
}

// TestInvalidUTF8Replaced: texts from Slack that are not UTF-8 reach the
// handler with U+FFFD in place of the bad bytes.
func TestInvalidUTF8Replaced(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) { return deploybot.Reply{Text: "ok"}, nil }}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	form := url.Values{"command": {"/deploy"}, "text": {"status \xff\xfeapi"}, "user_id": {"U1"}, "channel_id": {"C1"}}.Encode()
	if code := send(t, srv, "/slack/commands", form, formType, nil); code != 200 {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the command", func() bool { return len(h.messages()) == 1 })
	if got := h.messages()[0].Text; got != "status \uFFFDapi" { // one U+FFFD a run of bad bytes
		t.Errorf("text = %q", got)
	}
}
