package slack_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
	"deploybot/store"
)

const (
	secret   = "test-signing-secret"
	botToken = "xoxb-test-token"
	botUser  = "UBOT"
)

// call is one Web API call the fake Slack received.
type call struct {
	Method string
	Form   url.Values
	At     time.Time
}

// fakeSlack is an httptest server that speaks the Slack Web API methods the
// adapter calls, and records every call.
type fakeSlack struct {
	*httptest.Server
	users map[string]string // id -> name

	mu        sync.Mutex
	calls     []call
	ts        int
	limited   map[string]int // method -> 429 answers still to give
	ws        func(w http.ResponseWriter, r *http.Request)
	notMember map[string]bool // channels where chat.postMessage fails

	groups  []map[string]any            // usergroups.list: id, handle...
	members map[string][]string         // usergroups.users.list: group id -> user ids
	replies map[string][]map[string]any // conversations.replies: "channel|ts" -> messages
}

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{
		users:     map[string]string{"U1": "alice", "U2": "bob", botUser: "deploybot"},
		limited:   map[string]int{},
		notMember: map[string]bool{},
		members:   map[string][]string{},
		replies:   map[string][]map[string]any{},
	}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSlack) URL() string { return f.Server.URL + "/" }

func (f *fakeSlack) serve(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/")
	if method == "ws" && f.ws != nil {
		f.ws(w, r)
		return
	}
	_ = r.ParseForm()
	f.mu.Lock()
	f.calls = append(f.calls, call{Method: method, Form: r.Form, At: time.Now()})
	if n := f.limited[method]; n > 0 {
		f.limited[method] = n - 1
		f.mu.Unlock()
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	f.ts++
	ts := fmt.Sprintf("1700000000.%06d", f.ts)
	notMember := f.notMember[r.Form.Get("channel")]
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	var resp map[string]any
	switch method {
	case "auth.test":
		resp = map[string]any{"ok": true, "user_id": botUser, "bot_id": "BBOT", "team": "Acme", "user": "deploybot"}
	case "users.info":
		id := r.Form.Get("user")
		name, ok := f.users[id]
		if !ok {
			resp = map[string]any{"ok": false, "error": "user_not_found"}
			break
		}
		resp = map[string]any{"ok": true, "user": map[string]any{"id": id, "name": name, "locale": "en-US"}}
	case "chat.postMessage":
		if notMember {
			resp = map[string]any{"ok": false, "error": "not_in_channel"}
			break
		}
		resp = map[string]any{"ok": true, "channel": strings.TrimPrefix(r.Form.Get("channel"), "#"), "ts": ts}
	case "chat.update":
		resp = map[string]any{"ok": true, "channel": r.Form.Get("channel"), "ts": r.Form.Get("ts"), "text": r.Form.Get("text")}
	case "chat.postEphemeral":
		resp = map[string]any{"ok": true, "message_ts": ts}
	case "usergroups.list":
		f.mu.Lock()
		resp = map[string]any{"ok": true, "usergroups": append([]map[string]any(nil), f.groups...)}
		f.mu.Unlock()
	case "usergroups.users.list":
		f.mu.Lock()
		users, ok := f.members[r.Form.Get("usergroup")]
		f.mu.Unlock()
		if !ok {
			resp = map[string]any{"ok": false, "error": "no_such_subteam"}
			break
		}
		resp = map[string]any{"ok": true, "users": users}
	case "conversations.replies":
		f.mu.Lock()
		msgs, ok := f.replies[r.Form.Get("channel")+"|"+r.Form.Get("ts")]
		f.mu.Unlock()
		if !ok {
			resp = map[string]any{"ok": false, "error": "thread_not_found"}
			break
		}
		resp = map[string]any{"ok": true, "messages": msgs, "has_more": false}
	case "apps.connections.open":
		resp = map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.Server.URL, "http") + "/ws"}
	default:
		resp = map[string]any{"ok": true}
	}
	_ = json.NewEncoder(w).Encode(resp)
}

// callsTo returns the recorded calls of method.
func (f *fakeSlack) callsTo(method string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeSlack) allCalls() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// handlerFunc is a deploybot.Handler made of a function.
type handlerFunc func(ctx context.Context, msg deploybot.Message) (deploybot.Reply, error)

func (h handlerFunc) Handle(ctx context.Context, msg deploybot.Message) (deploybot.Reply, error) {
	return h(ctx, msg)
}

// recorder is a Handler that records the messages and answers with reply.
type recorder struct {
	mu    sync.Mutex
	msgs  []deploybot.Message
	ids   []string // Slack user ids seen in the context
	reply func(deploybot.Message) (deploybot.Reply, error)
}

func (r *recorder) Handle(ctx context.Context, msg deploybot.Message) (deploybot.Reply, error) {
	id, _ := slack.UserID(ctx)
	r.mu.Lock()
	r.msgs = append(r.msgs, msg)
	r.ids = append(r.ids, id)
	r.mu.Unlock()
	if r.reply != nil {
		return r.reply(msg)
	}
	return deploybot.Reply{Title: "Answer", Text: "you said *" + msg.Text + "*"}, nil
}

func (r *recorder) messages() []deploybot.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]deploybot.Message(nil), r.msgs...)
}

func openStore(t testing.TB, path string) *store.DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "deploybot.db")
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func testLogger(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// newAdapter returns a started adapter talking to f, deduplicating in db,
// closed at the end of the test.
func newAdapter(t testing.TB, f *fakeSlack, db slack.Dedup, h deploybot.Handler, mod ...func(*slack.Options)) *slack.Adapter {
	t.Helper()
	opts := slack.Options{
		BotToken: botToken, AppToken: "xapp-test", SigningSecret: secret, APIURL: f.URL(),
		Handler: h, Dedup: db, Logger: testLogger(t), MaxRetryAfter: 2 * time.Second,
	}
	for _, m := range mod {
		m(&opts)
	}
	a, err := slack.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return a
}

// signed builds a request to path with body signed at ts.
func signed(t testing.TB, url, body, contentType string, ts time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	sign(req, body, ts, secret)
	return req
}

func sign(req *http.Request, body string, ts time.Time, key string) {
	s := strconv.FormatInt(ts.Unix(), 10)
	m := hmac.New(sha256.New, []byte(key))
	fmt.Fprintf(m, "v0:%s:%s", s, body)
	req.Header.Set("X-Slack-Request-Timestamp", s)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(m.Sum(nil)))
}

func do(t testing.TB, c *http.Client, req *http.Request) (int, string) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// mentionEvent is an event_callback with an app_mention.
func mentionEvent(eventID, channel, user, text, ts, threadTS string) string {
	ev := map[string]any{"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": channel, "event_ts": ts}
	if threadTS != "" {
		ev["thread_ts"] = threadTS
	}
	b, _ := json.Marshal(map[string]any{
		"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": eventID, "event_time": 1700000000,
		"event": ev,
	})
	return string(b)
}

// waitFor polls cond until it holds or 5 s pass.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// blocksOf decodes the blocks form value of a call.
func blocksOf(t testing.TB, c call) []map[string]any {
	t.Helper()
	var bs []map[string]any
	if err := json.Unmarshal([]byte(c.Form.Get("blocks")), &bs); err != nil {
		t.Fatalf("%s blocks %q: %v", c.Method, c.Form.Get("blocks"), err)
	}
	return bs
}
