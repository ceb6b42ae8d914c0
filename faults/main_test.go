package faults_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
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

	_ "github.com/mattn/go-sqlite3" // reads serve's database, read only

	"deploybot/slack/slackfake"
	"deploybot/store/storetest"
)

// bin is the deploybot binary TestMain builds.
var bin string

// full is the full form of the suite (DEPLOYBOT_FAULTS=full); the default
// is the short form that go test ./... and CI run.
var full = os.Getenv("DEPLOYBOT_FAULTS") == "full"

// The bounds of this suite are limits for a stuck run, never speed
// requirements: on a busy machine things take longer, and still pass.
const (
	stuck     = time.Minute     // one step (a start, a stop, a file)
	longStuck = 3 * time.Minute // everything answered after a burst
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "deploybot-faults")
	if err != nil {
		panic(err)
	}
	if bin = os.Getenv("DEPLOYBOT_FAULTS_BIN"); bin == "" {
		bin = filepath.Join(dir, "deploybot")
		if err := buildBinary(bin); err != nil {
			fmt.Fprintf(os.Stderr, "faults: %v\n", err)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	mode := "short"
	if full {
		mode = "full"
	}
	fmt.Printf("FAULTS form: %s\n", mode)
	start := time.Now()
	code := storetest.Main(m) // m.Run, then the PostgreSQL test database is dropped
	printSummary(mode, time.Since(start))
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildBinary builds ./cmd/deploybot of this module into path, with the
// build flags given (such as -tags).
func buildBinary(path string, flags ...string) error {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" {
		return fmt.Errorf("go env GOMOD: %v", err)
	}
	build := exec.Command("go", append(append([]string{"build"}, flags...), "-o", path, "./cmd/deploybot")...)
	build.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s ./cmd/deploybot: %v\n%s", strings.Join(flags, " "), err, out)
	}
	return nil
}

// figures keeps every figure printed, for the summary at the end.
var figures struct {
	sync.Mutex
	lines []string
}

// figure prints one figure of a scenario, greppable as "FAULTS scenario
// name: value", and logs it in the test's output.
func figure(t *testing.T, scenario, name string, value any) {
	t.Helper()
	if d, ok := value.(time.Duration); ok {
		value = d.Round(time.Millisecond)
	}
	line := fmt.Sprintf("FAULTS %s %s: %v", scenario, name, value)
	figures.Lock()
	figures.lines = append(figures.lines, line)
	figures.Unlock()
	fmt.Println(line)
	t.Log(line)
}

func printSummary(mode string, took time.Duration) {
	figures.Lock()
	defer figures.Unlock()
	fmt.Printf("FAULTS summary (%s form, %d figures, %s):\n", mode, len(figures.lines), took.Round(100*time.Millisecond))
	for _, l := range figures.lines {
		fmt.Println("  " + l)
	}
	fmt.Printf("FAULTS total time: %s\n", took.Round(100*time.Millisecond))
}

// waitUntil polls cond until it holds, or fails the test after bound (a
// limit for a stuck test, not a speed requirement).
func waitUntil(t *testing.T, bound time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(bound)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s after %s", what, bound)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// The script every scenario deploys with. It records each run as one line
// of $RUNLOG ("ACTION PROJECT ENV VERSION ID"). A version ending in -slow
// (any environment), or in -hold on staging, waits for the file
// $WORK/go-VERSION and exits with the status written in it, after
// creating $WORK/started-VERSION.
const deployScript = `#!/bin/sh
echo "$DEPLOY_ACTION $DEPLOY_PROJECT $DEPLOY_ENV $DEPLOY_VERSION $DEPLOY_ID" >> "$RUNLOG"
case "$DEPLOY_ENV:$DEPLOY_VERSION" in
*-slow|staging:*-hold)
	touch "$WORK/started-$DEPLOY_VERSION"
	while [ ! -f "$WORK/go-$DEPLOY_VERSION" ]; do
		[ -d "$WORK" ] || exit 99 # the test is gone
		sleep 0.05
	done
	echo "finished $DEPLOY_VERSION"
	exit "$(cat "$WORK/go-$DEPLOY_VERSION")"
	;;
esac
echo "shipped $DEPLOY_VERSION"
`

// fixture is one scenario's directory: configuration, script, run log,
// database and serve's logs.
type fixture struct {
	t      *testing.T
	dir    string
	cfg    string
	db     string
	runLog string
	api    *slackfake.Server
}

// fixtureConfig is what a scenario puts in its configuration.
type fixtureConfig struct {
	Projects []string // each with staging and production on the script; default: shop
	Access   string   // an access: section, or ""
	Users    []slackfake.User
}

// newFixture writes the script and a configuration whose projects deploy
// staging and production with it, on every day and hour (windows cover the
// whole week, no public holidays), with Slack in HTTP mode against a new
// fake Web API that knows fc.Users.
func newFixture(t *testing.T, fc fixtureConfig) *fixture {
	t.Helper()
	dir := t.TempDir()
	f := &fixture{t: t, dir: dir, cfg: filepath.Join(dir, "deploybot.yaml"), db: filepath.Join(dir, "bot.db"),
		runLog: filepath.Join(dir, "runs.log"), api: slackfake.New()}
	t.Cleanup(f.api.Close)
	t.Cleanup(f.releaseAll)
	for _, u := range fc.Users {
		f.api.AddUser(u)
	}
	script := filepath.Join(dir, "deploy.sh")
	if err := os.WriteFile(script, []byte(deployScript), 0o755); err != nil {
		t.Fatal(err)
	}
	if len(fc.Projects) == 0 {
		fc.Projects = []string{"shop"}
	}
	executor := fmt.Sprintf(`{type: shell, command: [%q], env: {RUNLOG: %q, WORK: %q}}`, script, f.runLog, dir)
	var b strings.Builder
	fmt.Fprintf(&b, `agency:
  name: Acme
  language: en
  holidays: none
windows:
  recommended: ["Mon-Sun"]
  acceptable: []
  avoid: []
log: {format: json}
%s
projects:
`, fc.Access)
	for _, p := range fc.Projects {
		fmt.Fprintf(&b, "  - name: %s\n    environments:\n      - {name: staging, executor: %s}\n      - {name: production, executor: %s}\n",
			p, executor, executor)
	}
	fmt.Fprintf(&b, "slack:\n  mode: http\n  bot_token: xoxb-test\n  signing_secret: %s\n  api_url: %s\n", secret, f.api.APIURL())
	if err := os.WriteFile(f.cfg, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

const secret = "faults-secret"

// runs returns the lines of the run log: one per executor run.
func (f *fixture) runs() []string {
	f.t.Helper()
	data, err := os.ReadFile(f.runLog)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		f.t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// runsOf counts the executor runs of a version in an environment.
func (f *fixture) runsOf(env, version string) int {
	n := 0
	for _, l := range f.runs() {
		if fs := strings.Fields(l); len(fs) >= 4 && fs[2] == env && fs[3] == version {
			n++
		}
	}
	return n
}

// release lets the script's run of version end with exit status code: the
// file is written whole, then renamed, so that the script never reads it
// half written.
func (f *fixture) release(version string, code int) {
	f.t.Helper()
	tmp := filepath.Join(f.dir, ".go-"+version)
	if err := os.WriteFile(tmp, []byte(fmt.Sprint(code)), 0o644); err != nil {
		f.t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(f.dir, "go-"+version)); err != nil {
		f.t.Fatal(err)
	}
}

// releaseAll lets every script still waiting end (a test that stopped
// early leaves no script behind).
func (f *fixture) releaseAll() {
	started, _ := filepath.Glob(filepath.Join(f.dir, "started-*"))
	for _, p := range started {
		version := strings.TrimPrefix(filepath.Base(p), "started-")
		if _, err := os.Stat(filepath.Join(f.dir, "go-"+version)); err != nil {
			_ = os.WriteFile(filepath.Join(f.dir, "go-"+version), []byte("99"), 0o644)
		}
	}
}

// waitFile waits for a file to exist.
func (f *fixture) waitFile(path string) {
	f.t.Helper()
	waitUntil(f.t, stuck, path, func() bool {
		_, err := os.Stat(path)
		return err == nil
	})
}

// server is deploybot serve on a fixture, started and stopped as a
// scenario says. Each start logs to its own file (serve-N.log).
type server struct {
	f       *fixture
	name    string // "serve", or the replica's name: its logs are NAME-N.log
	bin     string // the binary it runs; "" for the one TestMain built
	cfg     string // its configuration file
	db      string // its database: the fixture's file, or a PostgreSQL URL
	addr    string
	n       int // starts so far
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{}
	waitErr error
	started time.Time // when the current process was started
	ready   time.Time // when it first answered /readyz with 200
}

// newServer gives the fixture's configuration an HTTP address.
func newServer(f *fixture) *server {
	s := &server{f: f, name: "serve", cfg: f.cfg, db: f.db, addr: freeAddr(f.t)}
	cfg, err := os.ReadFile(f.cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	cfg = append(cfg, []byte("http:\n  addr: "+s.addr+"\n")...)
	if err := os.WriteFile(f.cfg, cfg, 0o644); err != nil {
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

// start starts serve and returns without waiting for it to be ready; it
// may be called from any goroutine.
func (s *server) start() error {
	s.n++
	s.logPath = filepath.Join(s.f.dir, fmt.Sprintf("%s-%d.log", s.name, s.n))
	log, err := os.Create(s.logPath)
	if err != nil {
		return err
	}
	defer log.Close()
	binary := bin
	if s.bin != "" {
		binary = s.bin
	}
	cmd := exec.Command(binary, "serve", "--config", s.cfg, "--db", s.db)
	cmd.Dir = s.f.dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + s.f.dir, "USER=faults"}
	cmd.Stdout, cmd.Stderr = log, log
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd, s.exited, s.ready = cmd, make(chan struct{}), time.Time{}
	exited := s.exited
	go func() {
		s.waitErr = cmd.Wait()
		close(exited)
	}()
	return nil
}

func (s *server) hasExited() bool {
	select {
	case <-s.exited:
		return true
	default:
		return false
	}
}

// waitReady waits until /readyz answers 200, and records when.
func (s *server) waitReady() error {
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(stuck)
	for {
		if s.hasExited() {
			return fmt.Errorf("serve exited before it was ready: %v\n%s", s.waitErr, s.logs())
		}
		if resp, err := client.Get("http://" + s.addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.ready = time.Now()
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("serve not ready after %s\n%s", stuck, s.logs())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// run starts serve and waits until it is ready.
func (s *server) run() {
	s.f.t.Helper()
	if err := s.start(); err != nil {
		s.f.t.Fatal(err)
	}
	if err := s.waitReady(); err != nil {
		s.f.t.Fatal(err)
	}
}

// kill kills serve with SIGKILL and waits for it to be gone.
func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

// term sends SIGTERM.
func (s *server) term() { _ = s.cmd.Process.Signal(syscall.SIGTERM) }

// waitExit waits for serve to exit and returns its exit status.
func (s *server) waitExit() int {
	s.f.t.Helper()
	select {
	case <-s.exited:
	case <-time.After(stuck):
		s.f.t.Fatalf("serve did not exit within %s", stuck)
	}
	var ee *exec.ExitError
	if errors.As(s.waitErr, &ee) {
		return ee.ExitCode()
	}
	if s.waitErr != nil {
		return -1
	}
	return 0
}

// stop stops serve with SIGTERM and checks that it exits 0.
func (s *server) stop() {
	s.f.t.Helper()
	s.term()
	if code := s.waitExit(); code != 0 {
		s.f.t.Errorf("serve exited %d on SIGTERM", code)
	}
}

// logs returns what the current process wrote.
func (s *server) logs() string {
	b, _ := os.ReadFile(s.logPath)
	return string(b)
}

// dumpLogs logs every process' output, for a failed test.
func (s *server) dumpLogs() {
	for i := 1; i <= s.n; i++ {
		b, _ := os.ReadFile(filepath.Join(s.f.dir, fmt.Sprintf("%s-%d.log", s.name, i)))
		if len(b) > 64<<10 {
			b = append([]byte("...\n"), b[len(b)-64<<10:]...)
		}
		s.f.t.Logf("%s start %d output:\n%s", s.name, i, b)
	}
}

// logTime returns the time of the first JSON log line of the current
// process whose msg is msg.
func (s *server) logTime(msg string) (time.Time, bool) {
	b, _ := os.ReadFile(s.logPath)
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l struct {
			Time time.Time `json:"time"`
			Msg  string    `json:"msg"`
		}
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == msg {
			return l.Time, true
		}
	}
	return time.Time{}, false
}

// pid is the current process' id.
func (s *server) pid() int { return s.cmd.Process.Pid }

func (s *server) signer() *slackfake.Signer {
	return &slackfake.Signer{BaseURL: "http://" + s.addr, Secret: secret, Client: &http.Client{
		Timeout:   30 * time.Second, // a hung request, not a slow one
		Transport: &http.Transport{MaxIdleConnsPerHost: 32, DisableCompression: true},
	}}
}

// mention is an app_mention of the bot by user in channel at ts.
func mention(id, channel, user, text, ts string) []byte {
	return slackfake.Event{ID: id, Team: "T0TEAM", Channel: channel, User: user, Text: "<@UBOT> " + text, TS: ts}.Body()
}

// inboxKey is the durable inbox's key of a message (app_mention or
// message event), the key deploybot's reply carries in its metadata.
func inboxKey(channel, ts string) string { return "message:" + channel + ":" + ts }

// replies counts the bot's posts by the inbox key and part in their
// metadata ("KEY#PART").
func replies(api *slackfake.Server) map[string]int {
	m := map[string]int{}
	for _, p := range api.Posts("") {
		if p.Metadata == nil || p.Metadata.EventType != "deploybot_reply" {
			continue
		}
		key, _ := p.Metadata.EventPayload["inbox_key"].(string)
		m[fmt.Sprintf("%s#%v", key, p.Metadata.EventPayload["part"])]++
	}
	return m
}

// db opens serve's database for reading.
func (f *fixture) openDB() *sql.DB {
	f.t.Helper()
	db, err := sql.Open("sqlite3", "file:"+f.db+"?_busy_timeout=10000&_query_only=1")
	if err != nil {
		f.t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	f.t.Cleanup(func() { db.Close() })
	return db
}

// queryInt runs a query that returns one integer.
func queryInt(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// deployment is what the suite reads of a deployment.
type deployment struct {
	ID      int64
	Project string
	Env     string
	Version string
	State   string
	Reasons string
}

func deployments(t *testing.T, db *sql.DB, where string, args ...any) []deployment {
	t.Helper()
	rows, err := db.Query(`SELECT id, project, env, version, state, reasons FROM deployments WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []deployment
	for rows.Next() {
		var d deployment
		if err := rows.Scan(&d.ID, &d.Project, &d.Env, &d.Version, &d.State, &d.Reasons); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// activeStates are the states in which a deployment is still in flight.
const activeStates = `('approved', 'running', 'verifying', 'monitoring')`

// settled reports whether serve has nothing left to do: every inbox entry
// done and no deployment in flight.
func settled(t *testing.T, db *sql.DB) bool {
	return queryInt(t, db, `SELECT COUNT(*) FROM inbox WHERE state <> 'done'`) == 0 &&
		queryInt(t, db, `SELECT COUNT(*) FROM deployments WHERE state IN `+activeStates) == 0
}

// dbTime reads a time as the store writes it.
func dbTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("time %q: %v", s, err)
	}
	return at
}

// stateCounts counts deployments by state, as "state=n" in a stable order.
func stateCounts(ds []deployment) string {
	counts := map[string]int{}
	var order []string
	for _, d := range ds {
		if counts[d.State] == 0 {
			order = append(order, d.State)
		}
		counts[d.State]++
	}
	parts := make([]string, len(order))
	for i, s := range order {
		parts[i] = fmt.Sprintf("%s=%d", s, counts[s])
	}
	return strings.Join(parts, " ")
}
