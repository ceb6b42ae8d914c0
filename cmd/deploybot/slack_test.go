package main_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// slackWebAPI is a minimal Slack Web API: the methods serve calls, each
// call recorded.
type slackWebAPI struct {
	*httptest.Server
	mu    sync.Mutex
	calls []string // method and its form, for the failure message
	posts []string // chat.postMessage texts
}

func newSlackWebAPI(t *testing.T) *slackWebAPI {
	s := &slackWebAPI{}
	users := map[string]string{"U1": "alice", "U2": "dave", "U3": "erin"}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		method := strings.TrimPrefix(r.URL.Path, "/")
		s.mu.Lock()
		s.calls = append(s.calls, method+" "+r.Form.Encode())
		n := len(s.calls)
		s.mu.Unlock()
		var resp map[string]any
		switch method {
		case "auth.test":
			resp = map[string]any{"ok": true, "user_id": "UBOT", "bot_id": "BBOT", "team": "Acme"}
		case "users.info":
			id := r.Form.Get("user")
			resp = map[string]any{"ok": true, "user": map[string]any{"id": id, "name": users[id], "locale": "en-US"}}
		case "usergroups.list":
			resp = map[string]any{"ok": true, "usergroups": []map[string]any{{"id": "S1", "handle": "release-managers"}}}
		case "usergroups.users.list":
			resp = map[string]any{"ok": true, "users": []string{"U2"}}
		case "chat.postMessage":
			s.mu.Lock()
			s.posts = append(s.posts, r.Form.Get("text"))
			s.mu.Unlock()
			resp = map[string]any{"ok": true, "channel": r.Form.Get("channel"), "ts": fmt.Sprintf("1700000000.%06d", n)}
		default:
			resp = map[string]any{"ok": true}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *slackWebAPI) postsSoFar() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.posts...)
}

func (s *slackWebAPI) called(method string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.calls {
		if strings.HasPrefix(c, method+" ") {
			return true
		}
	}
	return false
}

// TestServeSlackUserGroupRoles runs serve with Slack in HTTP mode against a
// fake Web API, with staging deploys reserved to "@release-managers": a
// member's mention deploys (the deploy service asks the adapter for the
// group's members), a non-member's is refused.
func TestServeSlackUserGroupRoles(t *testing.T) {
	dir, record := deployFixture(t)
	api := newSlackWebAPI(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cfgPath := filepath.Join(dir, "deploybot.yaml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg = bytes.Replace(cfg, []byte("access:\n"), []byte("access:\n  staging:\n    deploy: [\"@release-managers\"]\n"), 1)
	cfg = append(cfg, []byte("slack:\n  mode: http\n  bot_token: xoxb-test\n  signing_secret: test-secret\n  api_url: "+api.URL+"/\nhttp:\n  addr: "+addr+"\n")...)
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--config", cfgPath, "--db", filepath.Join(dir, "bot.db"))
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "RECORD=" + record}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			t.Error("serve did not stop on SIGTERM")
		}
		if t.Failed() {
			t.Logf("serve stderr:\n%s", stderr.String())
		}
	}()
	waitUntil(t, "serve ready", func() bool {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	mention := func(eventID, user, text, ts string) {
		t.Helper()
		b, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": eventID, "event": map[string]any{
			"type": "app_mention", "user": user, "text": "<@UBOT> " + text, "ts": ts, "channel": "C1", "event_ts": ts}})
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/slack/events", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		now := strconv.FormatInt(time.Now().Unix(), 10)
		m := hmac.New(sha256.New, []byte("test-secret"))
		fmt.Fprintf(m, "v0:%s:%s", now, b)
		req.Header.Set("X-Slack-Request-Timestamp", now)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(m.Sum(nil)))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("event %s: status %d", eventID, resp.StatusCode)
		}
	}

	// erin is not in @release-managers: refused, nothing runs.
	mention("Ev1", "U3", "deploy shop v1.2.0 to staging --yes", "1700000100.000100")
	waitUntil(t, "the refusal", func() bool { return len(api.postsSoFar()) >= 1 })
	if got := received(t, record); len(got) != 0 {
		t.Fatalf("a non-member deployed: %v", got)
	}
	// dave is: the deployment runs in his name.
	mention("Ev2", "U2", "deploy shop v1.2.0 to staging --yes", "1700000200.000100")
	waitUntil(t, "dave's deployment", func() bool { return len(received(t, record)) == 1 })
	if got := received(t, record)[0]; !strings.HasPrefix(got, "deploy shop staging v1.2.0 prev= by=dave") {
		t.Errorf("executor received %q", got)
	}
	if !api.called("usergroups.users.list") {
		t.Error("the group's members were never asked of Slack")
	}
	if first := api.postsSoFar()[0]; !strings.Contains(first, "erin may not deploy shop to staging") {
		t.Errorf("refusal posted as %q", first)
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
