package main_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"deploybot/slack/slackfake"
)

// slackServe is a deploybot serve process with Slack in HTTP mode, talking
// to a fake Web API.
type slackServe struct {
	t      *testing.T
	dir    string
	cfg    string
	db     string
	addr   string
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	env    []string
}

// loopbackAddr returns a loopback address nothing listens on.
func loopbackAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// newSlackServe appends the Slack and HTTP sections to the configuration
// dir/deploybot.yaml, with extra before them, pointed at api.
func newSlackServe(t *testing.T, dir string, api *slackfake.Server, extra string, env ...string) *slackServe {
	s := &slackServe{t: t, dir: dir, cfg: filepath.Join(dir, "deploybot.yaml"), db: filepath.Join(dir, "bot.db"), addr: loopbackAddr(t),
		env: append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)}
	cfg, err := os.ReadFile(s.cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, []byte(extra+"slack:\n  mode: http\n  bot_token: xoxb-test\n  signing_secret: test-secret\n  api_url: "+api.APIURL()+"\nhttp:\n  addr: "+s.addr+"\n")...)
	if err := os.WriteFile(s.cfg, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return s
}

// start starts serve and waits until it is ready.
func (s *slackServe) start() {
	s.t.Helper()
	s.cmd = exec.Command(bin, "serve", "--config", s.cfg, "--db", s.db)
	s.cmd.Dir = s.dir
	s.cmd.Env = s.env
	s.stderr = &bytes.Buffer{}
	s.cmd.Stderr = s.stderr
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	cmd := s.cmd
	s.t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	waitUntil(s.t, "serve ready", func() bool {
		resp, err := http.Get("http://" + s.addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

// stop stops serve with SIGTERM.
func (s *slackServe) stop() {
	s.t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		_ = s.cmd.Process.Kill()
		s.t.Error("serve did not stop on SIGTERM")
	}
	if s.t.Failed() {
		s.t.Logf("serve stderr:\n%s", s.stderr.String())
	}
}

// kill stops serve with SIGKILL.
func (s *slackServe) kill() {
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

func (s *slackServe) signer() *slackfake.Signer {
	return &slackfake.Signer{BaseURL: "http://" + s.addr, Secret: "test-secret"}
}

// slackAPI is the fake Web API of these tests: alice (U1), dave (U2),
// erin (U3), bob (U4) and carol (U5), dave alone in @release-managers.
func slackAPI(t *testing.T) *slackfake.Server {
	api := slackfake.New()
	t.Cleanup(api.Close)
	api.AddUser(slackfake.User{ID: "U1", Name: "alice", Locale: "en-US"})
	api.AddUser(slackfake.User{ID: "U2", Name: "dave", Locale: "en-US"})
	api.AddUser(slackfake.User{ID: "U3", Name: "erin", Locale: "en-US"})
	api.AddUser(slackfake.User{ID: "U4", Name: "bob", Locale: "en-US"})
	api.AddUser(slackfake.User{ID: "U5", Name: "carol", Locale: "fr-FR"})
	api.AddGroup(slackfake.Group{ID: "S1", Handle: "release-managers", Members: []string{"U2"}})
	return api
}

// TestServeSlackUserGroupRoles runs serve with Slack in HTTP mode against a
// fake Web API, with staging deploys reserved to "@release-managers": a
// member's mention deploys (the deploy service asks the adapter for the
// group's members, as actors), a non-member's is refused, and the refusal
// names the person, not their id.
func TestServeSlackUserGroupRoles(t *testing.T) {
	dir, record := deployFixture(t)
	api := slackAPI(t)
	cfgPath := filepath.Join(dir, "deploybot.yaml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg = bytes.Replace(cfg, []byte("access:\n"), []byte("access:\n  staging:\n    deploy: [\"@release-managers\"]\n"), 1)
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	s := newSlackServe(t, dir, api, "", "RECORD="+record)
	s.start()
	defer s.stop()
	mention := func(eventID, user, text, ts string) {
		t.Helper()
		body := slackfake.Event{ID: eventID, Team: "T0TEAM", Channel: "C1", User: user, Text: "<@UBOT> " + text, TS: ts}.Body()
		resp, err := s.signer().Event(context.Background(), body, 0)
		if err != nil || resp.Status != http.StatusOK {
			t.Fatalf("event %s: %+v, %v", eventID, resp, err)
		}
	}

	// erin is not in @release-managers: refused, nothing runs.
	mention("Ev1", "U3", "deploy shop v1.2.0 to staging --yes", "1700000100.000100")
	waitUntil(t, "the refusal", func() bool { return len(api.Posts("C1")) >= 1 })
	if got := received(t, record); len(got) != 0 {
		t.Fatalf("a non-member deployed: %v", got)
	}
	// dave is: the deployment runs in his name.
	mention("Ev2", "U2", "deploy shop v1.2.0 to staging --yes", "1700000200.000100")
	waitUntil(t, "dave's deployment", func() bool { return len(received(t, record)) == 1 })
	if got := received(t, record)[0]; !strings.HasPrefix(got, "deploy shop staging v1.2.0 prev= by=") ||
		!strings.Contains(got, "by=U2@T0TEAM") && !strings.Contains(got, "by=dave") {
		t.Errorf("executor received %q", got)
	}
	if len(api.Calls("usergroups.users.list")) == 0 {
		t.Error("the group's members were never asked of Slack")
	}
	if first := api.Posts("C1")[0]; !strings.Contains(first.Text, "erin may not deploy shop to staging") {
		t.Errorf("refusal posted as %q", first.Text)
	}
}

// TestServeSlackKilledAnswersEveryAcknowledgedEventOnce sends signed
// mentions to serve while it is killed (SIGKILL) and restarted: every
// event acknowledged with 200 is answered exactly once, across the
// restart, and Slack's retries of it change nothing.
func TestServeSlackKilledAnswersEveryAcknowledgedEventOnce(t *testing.T) {
	dir, _ := deployFixture(t)
	api := slackAPI(t)
	s := newSlackServe(t, dir, api, "")
	s.start()
	const n = 600
	ctx := context.Background()
	body := func(i int) []byte {
		return slackfake.Event{ID: fmt.Sprintf("EvK%d", i), Team: "T0TEAM", Channel: fmt.Sprintf("C%d", i%7), User: "U1",
			Text: "<@UBOT> what's in production?", TS: fmt.Sprintf("1700000000.%06d", i)}.Body()
	}
	// Eight clients send the events; serve is killed when half of them
	// are acknowledged, with work in flight.
	var mu sync.Mutex
	acked := map[int]bool{}
	next := make(chan int)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range next {
				resp, err := s.signer().Event(ctx, body(i), 0)
				if err == nil && resp.Status == http.StatusOK {
					mu.Lock()
					acked[i] = true
					if len(acked) == n/2 {
						s.kill()
					}
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	answeredBeforeRestart := len(api.Posts(""))
	s.start()
	defer s.stop()
	// Slack retries every event: the acknowledged ones are dropped, the
	// others are handled now.
	for i := range n {
		resp, err := s.signer().Event(ctx, body(i), 1)
		if err != nil || resp.Status != http.StatusOK {
			t.Fatalf("retry of event %d: %+v, %v", i, resp, err)
		}
	}
	answered := func() map[string]int {
		m := map[string]int{}
		for _, p := range api.Posts("") {
			m[p.Channel+"|"+p.ThreadTS]++
		}
		return m
	}
	waitUntil(t, "an answer to every event", func() bool { return len(answered()) == n })
	time.Sleep(200 * time.Millisecond) // a duplicate would come now, if ever
	got := answered()
	dups := 0
	for i := range n {
		k := fmt.Sprintf("C%d|1700000000.%06d", i%7, i)
		if got[k] != 1 {
			dups++
			t.Errorf("event %d (acknowledged first: %v) answered %d times", i, acked[i], got[k])
		}
	}
	t.Logf("%d events, %d acknowledged before the kill, %d of them answered before the restart; %d answers, %d not answered exactly once",
		n, len(acked), answeredBeforeRestart, len(api.Posts("")), dups)
}

// waitUntil polls cond until it holds, or fails the test after a minute
// (a bound for a stuck test, not a speed requirement).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAccessNamesResolvedInSlack: with Slack configured, config validate
// and serve resolve every access-list name through Slack: a name nobody
// has, or one two accounts share, is refused with the entry named, and
// serve does not start on it.
func TestAccessNamesResolvedInSlack(t *testing.T) {
	dir, _ := deployFixture(t)
	api := slackAPI(t)
	api.AddUser(slackfake.User{ID: "U6", Name: "mallory", DisplayName: "carol"}) // another "carol"
	cfgPath := filepath.Join(dir, "deploybot.yaml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg = bytes.Replace(cfg, []byte("approve: [carol, bob]"), []byte("approve: [carol, bob, zed]"), 1)
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	s := newSlackServe(t, dir, api, "")
	r := run(t, dir, "", nil, "config", "validate", "--config", s.cfg)
	if r.code != 1 || !strings.Contains(r.stderr, "zed") || !strings.Contains(r.stderr, "carol") {
		t.Errorf("config validate: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, dir, "", nil, "serve", "--config", s.cfg, "--db", s.db)
	if r.code != 1 || !strings.Contains(r.stderr, "zed") {
		t.Errorf("serve on unresolvable access lists: exit %d\n%s", r.code, r.stderr)
	}
}
