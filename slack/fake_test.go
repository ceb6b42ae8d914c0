package slack_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
	"deploybot/slack/slackfake"
	"deploybot/store"
)

const (
	secret   = "test-signing-secret"
	botToken = "xoxb-test-token"
	team     = "T0TEAM" // slackfake's team
)

// actor is the actor of Slack user id in the fake's team.
func actor(id string) string { return deploybot.SlackActor(team, id) }

// newFakeSlack returns a fake Web API knowing alice (U1) and bob (U2),
// closed at the end of the test.
func newFakeSlack(t testing.TB) *slackfake.Server {
	f := slackfake.New()
	t.Cleanup(f.Close)
	f.AddUser(slackfake.User{ID: "U1", Name: "alice", Locale: "en-US"})
	f.AddUser(slackfake.User{ID: "U2", Name: "bob", Locale: "en-US"})
	f.AddUser(slackfake.User{ID: "UBOT", Name: "deploybot", IsBot: true})
	return f
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

// dbInbox returns the inbox of a SQLite store at path (a new one for "").
func dbInbox(t testing.TB, path string) slack.Inbox { return storeInbox{openStore(t, path)} }

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

// newAdapter returns a started adapter talking to f, with inbox (nil: in
// memory), closed at the end of the test. The recovery loop looks often,
// so that tests of recovery do not wait; none depends on how often.
func newAdapter(t testing.TB, f *slackfake.Server, inbox slack.Inbox, h deploybot.Handler, mod ...func(*slack.Options)) *slack.Adapter {
	t.Helper()
	opts := slack.Options{
		BotToken: botToken, AppToken: "xapp-test", SigningSecret: secret, APIURL: f.APIURL(),
		Handler: h, Inbox: inbox, Logger: testLogger(t), MaxRetryAfter: 2 * time.Second,
		RecoverEvery: 20 * time.Millisecond, RetryBackoff: time.Millisecond,
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

// signed builds a request to url with body signed at ts.
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
	slackfake.Sign(req.Header, key, []byte(body), ts)
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
	return string(slackfake.Event{ID: eventID, Team: team, Channel: channel, User: user, Text: text, TS: ts, ThreadTS: threadTS}.Body())
}

// waitFor polls cond until it holds or 20 s pass (a bound for a stuck
// test, not a speed requirement).
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// blocksOf decodes the blocks form value of a call.
func blocksOf(t testing.TB, c slackfake.Call) []map[string]any {
	t.Helper()
	var bs []map[string]any
	if err := json.Unmarshal([]byte(c.Form.Get("blocks")), &bs); err != nil {
		t.Fatalf("%s blocks %q: %v", c.Method, c.Form.Get("blocks"), err)
	}
	return bs
}
