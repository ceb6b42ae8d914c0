package shell_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy/deploytest"
	"deploybot/deploy/shell"
	"deploybot/process"
)

// TestMain lets the test binary act as the wrapper of detached runs (the
// default Wrapper is this program followed by shell.WrapperArg), and as a
// deploybot process that starts a run and is killed (executeEnv).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == shell.WrapperArg {
		os.Exit(shell.RunWrapper(os.Args[2:]))
	}
	if os.Getenv(executeEnv) != "" {
		os.Exit(executeAndWait())
	}
	os.Exit(m.Run())
}

// executeEnv makes the test binary a process that runs Execute for
// deploymentForProcess with the executor it holds (JSON), prints the ref
// the run reports, and waits to be killed.
const executeEnv = "DEPLOYBOT_SHELL_TEST_EXECUTE"

func executeAndWait() int {
	var ex shell.Executor
	if err := json.Unmarshal([]byte(os.Getenv(executeEnv)), &ex); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx := deploybot.WithRefRecorder(context.Background(), func(ref string) { fmt.Printf("ref %s\n", ref) })
	_, err := ex.Execute(ctx, deploytest.NewDeployment())
	fmt.Printf("returned %v\n", err)
	select {} // until killed
}

// poll is the executors' PollInterval in tests. Execute returns once the
// status file is there, without waiting for the wrapper's exit, which the
// race detector delays by a second.
const poll = 5 * time.Millisecond

// Bound is how long a test waits for what should happen at once: it is
// never reached, whatever the machine's speed.
const Bound = 30 * time.Second

// waitFor waits until cond holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(Bound); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen within %s", what, Bound)
		}
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// writeScript writes an executable /bin/sh script with body to a temporary
// directory and returns its path.
func writeScript(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "deploy.sh")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// runDir returns a directory for runs, whose runs are stopped when the test
// ends: a run left going must not write into a removed directory.
func runDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Cleanup(func() { stopRuns(t, dir) })
	return dir
}

// stopRuns stops the wrappers that still run in dir, and waits for them.
func stopRuns(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		run := filepath.Join(dir, e.Name())
		lock, err := os.OpenFile(filepath.Join(run, "lock"), os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			lock.Close() // nobody holds it
			continue
		}
		var h deploybot.Holder
		if b, err := os.ReadFile(filepath.Join(run, "wrapper.json")); err == nil && json.Unmarshal(b, &h) == nil &&
			h.PID > 0 && process.Of(h.PID).StartTime == h.StartTime {
			_ = syscall.Kill(h.PID, syscall.SIGTERM)
		}
		locked := make(chan error, 1)
		go func() { locked <- syscall.Flock(int(lock.Fd()), syscall.LOCK_EX) }()
		select {
		case <-locked:
		case <-time.After(Bound):
			t.Errorf("the wrapper of %s still runs %s after SIGTERM", run, Bound)
		}
		lock.Close()
	}
}

// fakeScript is the fake pipeline of the contract suite: it writes what it
// received to a new file in $FAKE_RECORDS, then acts out $FAKE_OUTCOME.
const fakeScript = `rec="$FAKE_RECORDS/run.$$"
{
	printf 'project=%s\n' "$DEPLOY_PROJECT"
	printf 'env=%s\n' "$DEPLOY_ENV"
	printf 'version=%s\n' "$DEPLOY_VERSION"
	printf 'previous_version=%s\n' "$DEPLOY_PREVIOUS_VERSION"
	printf 'strategy=%s\n' "$DEPLOY_STRATEGY"
	printf 'action=%s\n' "$DEPLOY_ACTION"
	printf 'id=%s\n' "$DEPLOY_ID"
	printf 'requester=%s\n' "$DEPLOY_REQUESTER"
} > "$rec.tmp" && mv "$rec.tmp" "$rec"
echo "deploying $DEPLOY_PROJECT $DEPLOY_VERSION to $DEPLOY_ENV"
case "$FAKE_OUTCOME" in
succeed-on-release|fail-on-release)
	while [ ! -e "$FAKE_RELEASE" ]; do sleep 0.01; done ;;
esac
case "$FAKE_OUTCOME" in
succeed|succeed-on-release) echo "done" ;;
fail|fail-on-release) echo "migration 0042 failed" >&2; exit 3 ;;
hang) sleep 3600 & wait ;;
esac
`

// recording is the suite's executor: the shell executor, and what its fake
// script recorded, reported once per run of the script.
type recording struct {
	ex    shell.Executor
	seen  *seen
	build func() shell.Executor
}

type seen struct {
	mu     sync.Mutex
	dir    string
	files  map[string]bool
	record func(deploytest.Received)
}

func (r recording) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	res, err := r.ex.Execute(ctx, d)
	r.seen.collect(err)
	return res, err
}

func (r recording) Adopt(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	res, err := r.ex.Adopt(ctx, d)
	r.seen.collect(err)
	return res, err
}

func (r recording) Restart() deploybot.Executor {
	return recording{ex: r.build(), seen: r.seen, build: r.build}
}

// collect reports the runs of the script not reported yet. When err says
// that the script ran and none was reported, it waits for the record the
// script writes first.
func (s *seen) collect(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var exit *shell.ExitError
	ran := err == nil || errors.Is(err, deploybot.ErrDetached) || errors.As(err, &exit)
	for deadline := time.Now().Add(Bound); ; time.Sleep(5 * time.Millisecond) {
		files, _ := filepath.Glob(filepath.Join(s.dir, "run.*"))
		for _, f := range files {
			if strings.HasSuffix(f, ".tmp") || s.files[f] {
				continue
			}
			if got, ok := readRecord(f); ok {
				s.files[f] = true
				s.record(got)
			}
		}
		if !ran || len(s.files) > 0 || time.Now().After(deadline) {
			return
		}
	}
}

func readRecord(path string) (deploytest.Received, bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	got := deploytest.Received{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		got[k] = v
	}
	return got, true
}

func TestContract(t *testing.T) {
	deploytest.RunExecutorSuiteWith(t, deploytest.Options{OneRunPerDeployment: true}, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		records := t.TempDir()
		release := filepath.Join(t.TempDir(), "release")
		stop := make(chan struct{})
		t.Cleanup(func() { close(stop) })
		go func() {
			select {
			case <-o.Release:
				_ = os.WriteFile(release, nil, 0o644)
			case <-stop:
			}
		}()
		command := []string{writeScript(t, fakeScript)}
		if o.Behavior == deploytest.Refuse {
			command = []string{filepath.Join(t.TempDir(), "missing.sh")}
		}
		dir := runDir(t)
		build := func() shell.Executor {
			return shell.Executor{
				Command:      command,
				Env:          []string{"FAKE_OUTCOME=" + o.Behavior.String(), "FAKE_RECORDS=" + records, "FAKE_RELEASE=" + release},
				Timeout:      time.Hour,
				RunDir:       dir,
				PollInterval: poll,
			}
		}
		return recording{ex: build(), seen: &seen{dir: records, files: map[string]bool{}, record: o.Record}, build: build}
	})
}

func TestSecretsAreNotPassed(t *testing.T) {
	secrets := []string{"OPENAI_API_KEY", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "GITHUB_TOKEN", "DEPLOYBOT_WEBHOOK_SECRET"}
	for _, k := range secrets {
		t.Setenv(k, "secret-"+k)
	}
	t.Setenv("LANG", "C.UTF-8")
	envFile := filepath.Join(t.TempDir(), "env")
	ex := shell.Executor{
		Command:      []string{writeScript(t, `env > "$1"`), envFile},
		Env:          []string{"TEAM=web"},
		RunDir:       runDir(t),
		PollInterval: poll,
	}
	if _, err := ex.Execute(context.Background(), deploytest.NewDeployment()); err != nil {
		t.Fatalf("Execute: %v", err)
	}
	b, err := os.ReadFile(envFile)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		seen[k] = v
	}
	for _, k := range secrets {
		if _, ok := seen[k]; ok {
			t.Errorf("the command saw %s", k)
		}
	}
	if strings.Contains(string(b), "secret-") {
		t.Errorf("a secret value reached the command:\n%s", b)
	}
	allowed := map[string]bool{
		"PATH": true, "HOME": true, "LANG": true, "TEAM": true,
		"PWD": true, "OLDPWD": true, "SHLVL": true, "_": true, // set by the shell itself
	}
	for k := range seen {
		if !allowed[k] && !strings.HasPrefix(k, "DEPLOY_") {
			t.Errorf("the command saw %s", k)
		}
	}
	for k, want := range map[string]string{
		"LANG": "C.UTF-8", "TEAM": "web", "PATH": os.Getenv("PATH"),
		"DEPLOY_VERSION": deploytest.NewDeployment().Version, "DEPLOY_ID": "42",
	} {
		if seen[k] != want {
			t.Errorf("%s = %q, want %q", k, seen[k], want)
		}
	}
}

// alive reports whether process pid runs (a zombie does not).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// pid (comm) state ...: comm may hold spaces, so read after the last ")".
	s := string(b)
	rest := s[strings.LastIndexByte(s, ')')+1:]
	fields := strings.Fields(rest)
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

// readPID waits for a file that holds a pid, and returns it.
func readPID(t *testing.T, path string) int {
	t.Helper()
	var pid int
	waitFor(t, "the pid in "+filepath.Base(path), func() bool {
		b, err := os.ReadFile(path)
		if err != nil {
			return false
		}
		pid, err = strconv.Atoi(strings.TrimSpace(string(b)))
		return err == nil
	})
	return pid
}

// TestTimeoutKillsTheProcessGroup checks that on a timeout the script's
// child dies with it. The timeout is a real clock's, in the wrapper: when
// it passes before the child started (a busy machine), there is nothing to
// check, and the test tries again with a longer one.
func TestTimeoutKillsTheProcessGroup(t *testing.T) {
	for timeout := 50 * time.Millisecond; ; timeout *= 4 {
		if timeout > Bound {
			t.Fatalf("the child never started within the timeout, up to %s", timeout/4)
		}
		childFile := filepath.Join(t.TempDir(), "child")
		// The child writes its own pid, and the script waits for it: on a
		// timeout both must die, not only the script.
		script := writeScript(t, `sh -c 'echo $$ > "$1.tmp"; mv "$1.tmp" "$1"; exec sleep 3600' child "$1" &
echo started
wait
`)
		dir := runDir(t)
		ex := shell.Executor{Command: []string{script, childFile}, Timeout: timeout, RunDir: dir, PollInterval: poll}
		res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
		if err == nil {
			t.Fatal("Execute of a hanging command returned a nil error")
		}
		if want := "deploy.sh timed out after " + timeout.String(); !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
		}
		if want := filepath.Join(dir, "42"); res.Ref != want {
			t.Errorf("Ref = %q, want %q", res.Ref, want)
		}
		b, err := os.ReadFile(childFile)
		if err != nil {
			t.Logf("the child had not started within %s: again with a longer timeout", timeout)
			continue
		}
		pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		waitFor(t, fmt.Sprintf("the end of child %d after the timeout", pid), func() bool { return !alive(pid) })
		return
	}
}

func TestStopTheWrapper(t *testing.T) {
	dir := runDir(t)
	childFile := filepath.Join(t.TempDir(), "child")
	script := writeScript(t, `sh -c 'echo $$ > "$1.tmp"; mv "$1.tmp" "$1"; exec sleep 3600' child "$1" &
echo started
wait
`)
	ex := shell.Executor{Command: []string{script, childFile}, RunDir: dir, PollInterval: poll}
	done := make(chan error, 1)
	go func() {
		_, err := ex.Execute(context.Background(), deploytest.NewDeployment())
		done <- err
	}()
	child := readPID(t, childFile)
	h := wrapperOf(t, filepath.Join(dir, "42"))
	if err := syscall.Kill(h.PID, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-done:
	case <-time.After(Bound):
		t.Fatal("Execute did not return after its wrapper was stopped")
	}
	if err == nil || !strings.Contains(err.Error(), "deploy.sh was stopped: its wrapper received terminated; last output:\nstarted") {
		t.Errorf("error = %v, want the stop", err)
	}
	if wrong := sentinels(err); len(wrong) > 0 {
		t.Errorf("error %v wraps %v", err, wrong)
	}
	waitFor(t, "the end of the child", func() bool { return !alive(child) })
}

// sentinels lists the executor sentinel errors that err wraps.
func sentinels(err error) []error {
	var in []error
	for _, e := range []error{deploybot.ErrNotStarted, deploybot.ErrDetached, deploybot.ErrOutcomeUnknown} {
		if errors.Is(err, e) {
			in = append(in, e)
		}
	}
	return in
}

// wrapperOf waits for the identity of a run's wrapper.
func wrapperOf(t *testing.T, run string) deploybot.Holder {
	t.Helper()
	var h deploybot.Holder
	waitFor(t, "the wrapper's identity", func() bool {
		b, err := os.ReadFile(filepath.Join(run, "wrapper.json"))
		return err == nil && json.Unmarshal(b, &h) == nil
	})
	if h.PID <= 0 || h.PID == os.Getpid() {
		t.Fatalf("wrapper identity %+v", h)
	}
	return h
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		script  string
		args    []string
		exec    func(e *shell.Executor)
		wantErr []string // substrings of the error; nil: success
		check   func(t *testing.T, res deploybot.ExecResult, err error)
	}{
		{
			name:   "arguments are passed as they are, without a shell",
			script: `for a in "$@"; do printf '[%s]\n' "$a"; done`,
			args:   []string{"$(id)", "a b;c", "*", "$HOME"},
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				if want := "[$(id)]\n[a b;c]\n[*]\n[$HOME]\n"; res.Output != want {
					t.Errorf("Output = %q, want %q", res.Output, want)
				}
			},
		},
		{
			name:   "the working directory is Dir",
			script: `pwd`,
			exec:   func(e *shell.Executor) { e.Dir = dir },
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				if got := strings.TrimSpace(res.Output); got != dir {
					t.Errorf("pwd = %q, want %q", got, dir)
				}
			},
		},
		{
			name:   "a relative command is taken from Dir",
			script: `echo ran`,
			exec: func(e *shell.Executor) {
				e.Dir = filepath.Dir(e.Command[0])
				e.Command = []string{"./deploy.sh"}
			},
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				if res.Output != "ran\n" {
					t.Errorf("Output = %q", res.Output)
				}
			},
		},
		{
			name:   "standard input is empty",
			script: `cat; echo "read $?"`,
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				if res.Output != "read 0\n" {
					t.Errorf("Output = %q", res.Output)
				}
			},
		},
		{
			name:   "the command leads its own process group, in the wrapper's session",
			script: `cat /proc/$$/stat`,
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				// pid (comm) state ppid pgrp session ...
				s := res.Output
				pid := strings.Fields(s)[0]
				f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
				pgrp, session := f[2], f[3]
				if pgrp != pid || session == pgrp || session == strconv.Itoa(getsid()) {
					t.Errorf("pid %s, process group %s, session %s; deploybot's session %d", pid, pgrp, session, getsid())
				}
			},
		},
		{
			name:   "Env cannot replace the deployment's values",
			script: `echo "$DEPLOY_VERSION $DEPLOY_ACTION $TEAM"`,
			exec: func(e *shell.Executor) {
				e.Env = []string{"DEPLOY_VERSION=evil", "DEPLOY_ACTION=rollback", "TEAM=web"}
			},
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				if want := deploytest.NewDeployment().Version + " deploy web\n"; res.Output != want {
					t.Errorf("Output = %q, want %q", res.Output, want)
				}
			},
		},
		{
			name:    "a non-zero status is an error with the last lines",
			script:  `i=1; while [ $i -le 20 ]; do echo "line $i"; i=$((i+1)); done; echo "fatal: boom" >&2; exit 3`,
			wantErr: []string{"deploy.sh failed: exit status 3", "line 12\n", "line 20\nfatal: boom"},
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				var exit *shell.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != 3 {
					t.Errorf("error %v does not wrap exit status 3", err)
				}
				if strings.Contains(err.Error(), "line 10\n") {
					t.Errorf("error quotes more than the last lines: %v", err)
				}
				if !strings.HasPrefix(res.Output, "line 1\n") || !strings.HasSuffix(res.Output, "fatal: boom\n") {
					t.Errorf("Output = %q", res.Output)
				}
			},
		},
		{
			name:    "a signal is an error",
			script:  `echo before; kill -KILL $$`,
			wantErr: []string{"deploy.sh failed: signal: killed; last output:\nbefore"},
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				var exit *shell.ExitError
				if !errors.As(err, &exit) || exit.Signal != "killed" || exit.ExitCode() != -1 {
					t.Errorf("error %v does not wrap the signal", err)
				}
			},
		},
		{
			name:   "Output keeps the last bytes",
			script: `i=1; while [ $i -le 200 ]; do echo "line $i é"; i=$((i+1)); done`,
			exec:   func(e *shell.Executor) { e.Output = 33 },
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				if len(res.Output) > 33 || !strings.HasSuffix(res.Output, "line 199 é\nline 200 é\n") {
					t.Errorf("Output = %q", res.Output)
				}
			},
		},
		{
			name:    "a missing program does not start",
			exec:    func(e *shell.Executor) { e.Command = []string{filepath.Join(dir, "missing.sh")} },
			wantErr: []string{"start missing.sh: the run did not start", "no such file"},
		},
		{
			name:    "a missing wrapper does not start",
			exec:    func(e *shell.Executor) { e.Wrapper = []string{filepath.Join(dir, "missing-wrapper")} },
			wantErr: []string{"start deploy.sh: ", "missing-wrapper"},
		},
		{
			name:    "no command is an error",
			exec:    func(e *shell.Executor) { e.Command = nil },
			wantErr: []string{"no command is configured"},
		},
		{
			name:    "a bad Env entry is an error that hides its value",
			exec:    func(e *shell.Executor) { e.Env = []string{"A=1", "TOKEN secret"} },
			wantErr: []string{"environment entry 2 is not NAME=value"},
			check: func(t *testing.T, res deploybot.ExecResult, err error) {
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("error shows the value: %v", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := runDir(t)
			ex := shell.Executor{Command: append([]string{writeScript(t, tt.script)}, tt.args...), RunDir: rd, PollInterval: poll}
			if tt.exec != nil {
				tt.exec(&ex)
			}
			var reported []string
			ctx := deploybot.WithRefRecorder(context.Background(), func(ref string) { reported = append(reported, ref) })
			res, err := ex.Execute(ctx, deploytest.NewDeployment())
			if tt.wantErr == nil && err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if tt.wantErr != nil && err == nil {
				t.Fatal("Execute returned a nil error")
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			if strings.HasPrefix(tt.name, "a missing") || strings.HasPrefix(tt.name, "no command") || strings.HasPrefix(tt.name, "a bad Env") {
				if !errors.Is(err, deploybot.ErrNotStarted) {
					t.Errorf("error %v does not wrap deploybot.ErrNotStarted", err)
				}
			} else {
				if want := filepath.Join(rd, "42"); res.Ref != want || len(reported) != 1 || reported[0] != want {
					t.Errorf("Ref = %q, reported %q, want %q", res.Ref, reported, want)
				}
				if wrong := sentinels(err); len(wrong) > 0 {
					t.Errorf("error %v wraps %v", err, wrong)
				}
			}
			if tt.check != nil {
				tt.check(t, res, err)
			}
		})
	}
}

func TestOwnTimeout(t *testing.T) {
	ex := shell.Executor{Command: []string{writeScript(t, `sleep 3600 & wait`)}, Timeout: 10 * time.Millisecond, RunDir: runDir(t), PollInterval: poll}
	_, err := ex.Execute(context.Background(), deploytest.NewDeployment())
	if want := "deploy.sh timed out after 10ms (no output)"; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
}

// detach starts ex on d, waits until its script wrote ready, cancels the
// context and returns Execute's result.
func detach(t *testing.T, ex shell.Executor, d deploybot.Deployment, ready string) (deploybot.ExecResult, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		res deploybot.ExecResult
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := ex.Execute(ctx, d)
		done <- result{res, err}
	}()
	waitFor(t, "the script's start", func() bool { return exists(ready) })
	cancel()
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(Bound):
		t.Fatal("Execute did not return once its context was cancelled")
	}
	return deploybot.ExecResult{}, nil
}

func TestDetachAndAdopt(t *testing.T) {
	tests := []struct {
		name    string
		exit    int
		wantErr string // "": success
	}{
		{"succeeds", 0, ""},
		{"fails", 4, "deploy.sh failed: exit status 4; last output:\nstep 1\nstep 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := t.TempDir()
			ready, release := filepath.Join(files, "ready"), filepath.Join(files, "release")
			script := writeScript(t, fmt.Sprintf(`echo step 1
touch %q
while [ ! -e %q ]; do sleep 0.01; done
echo step 2
exit %d
`, ready, release, tt.exit))
			dir := runDir(t)
			ex := shell.Executor{Command: []string{script}, RunDir: dir, PollInterval: poll}
			d := deploytest.NewDeployment()
			res, err := detach(t, ex, d, ready)
			if !errors.Is(err, deploybot.ErrDetached) || !errors.Is(err, context.Canceled) {
				t.Fatalf("Execute with a cancelled context: %v, want an error wrapping ErrDetached and context.Canceled", err)
			}
			run := filepath.Join(dir, "42")
			if want := "deploy.sh (run " + run + "): stopped following the run, which goes on: context canceled"; err.Error() != want {
				t.Errorf("error = %q, want %q", err, want)
			}
			if res.Ref != run || res.Output != "step 1\n" {
				t.Errorf("result %+v", res)
			}
			// The script goes on: it ends only once released.
			if exists(filepath.Join(run, "status.json")) {
				t.Fatal("the run ended when Execute stopped following it")
			}
			if err := os.WriteFile(release, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			// A new executor value, as a restarted deploybot builds it.
			fresh := shell.Executor{Command: []string{script}, RunDir: dir, PollInterval: poll}
			res, err = fresh.Adopt(context.Background(), d)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Adopt: %v", err)
				}
			} else if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("Adopt: %v, want %q", err, tt.wantErr)
			}
			if res.Ref != run || res.Output != "step 1\nstep 2\n" {
				t.Errorf("adopted result %+v", res)
			}
			// Adopting again, or executing again, even with a context that
			// ended, reports the same end.
			cancelled, cancel := context.WithCancel(context.Background())
			cancel()
			for _, ctx := range []context.Context{context.Background(), cancelled} {
				for _, f := range []func(context.Context, deploybot.Deployment) (deploybot.ExecResult, error){fresh.Adopt, fresh.Execute} {
					_, again := f(ctx, d)
					if fmt.Sprint(again) != fmt.Sprint(err) {
						t.Errorf("again: %v, want %v", again, err)
					}
				}
			}
		})
	}
}

func TestAdoptAfterTheWrapperDied(t *testing.T) {
	files := t.TempDir()
	ready := filepath.Join(files, "ready")
	script := writeScript(t, fmt.Sprintf(`echo $$ > %q.tmp; mv %q.tmp %q
sleep 3600 & wait
`, ready, ready, ready))
	dir := runDir(t)
	ex := shell.Executor{Command: []string{script}, RunDir: dir, PollInterval: poll}
	d := deploytest.NewDeployment()
	done := make(chan error, 1)
	go func() {
		_, err := ex.Execute(context.Background(), d)
		done <- err
	}()
	pid := readPID(t, ready)
	// The script is orphaned: stop its group when the test ends.
	t.Cleanup(func() { _ = syscall.Kill(-pid, syscall.SIGKILL) })
	h := wrapperOf(t, filepath.Join(dir, "42"))
	if err := syscall.Kill(h.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, deploybot.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "signal: killed") {
			t.Errorf("Execute whose wrapper was killed: %v, want an error wrapping ErrOutcomeUnknown", err)
		}
	case <-time.After(Bound):
		t.Fatal("Execute did not return once its wrapper was killed")
	}
	for _, f := range []func(context.Context, deploybot.Deployment) (deploybot.ExecResult, error){ex.Adopt, ex.Execute} {
		_, err := f(context.Background(), d)
		if !errors.Is(err, deploybot.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "ended without recording how the command ended") {
			t.Errorf("Adopt or Execute after the wrapper died: %v, want an error wrapping ErrOutcomeUnknown", err)
		}
	}
	if !alive(pid) {
		t.Error("the script died with its wrapper")
	}
}

// TestAdoptAfterAKill runs Execute in another process, kills that process
// with SIGKILL while the script runs, and adopts the run from this one.
func TestAdoptAfterAKill(t *testing.T) {
	files := t.TempDir()
	ready, release := filepath.Join(files, "ready"), filepath.Join(files, "release")
	script := writeScript(t, fmt.Sprintf(`touch %q
while [ ! -e %q ]; do sleep 0.01; done
echo deployed
`, ready, release))
	dir := runDir(t)
	ex := shell.Executor{Command: []string{script}, RunDir: dir, PollInterval: poll}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	config, _ := json.Marshal(ex)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), executeEnv+"="+string(config))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if want := "ref " + filepath.Join(dir, "42") + "\n"; err != nil || line != want {
		_ = cmd.Process.Kill()
		t.Fatalf("the process printed %q (%v), want %q", line, err, want)
	}
	waitFor(t, "the script's start", func() bool { return exists(ready) })
	_ = cmd.Process.Kill()
	_ = cmd.Wait()

	if err := os.WriteFile(release, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ex.Adopt(context.Background(), deploytest.NewDeployment())
	if err != nil {
		t.Fatalf("Adopt: %v", err)
	}
	if res.Output != "deployed\n" {
		t.Errorf("Output = %q", res.Output)
	}
}

func TestAdoptWhatNeverRan(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, run string)
		want  error
	}{
		{"no run directory", func(t *testing.T, run string) {}, deploybot.ErrNotStarted},
		{"an empty run directory", func(t *testing.T, run string) {
			if err := os.MkdirAll(run, 0o700); err != nil {
				t.Fatal(err)
			}
		}, deploybot.ErrNotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := runDir(t)
			tt.setup(t, filepath.Join(dir, "42"))
			ex := shell.Executor{Command: []string{"/bin/true"}, RunDir: dir, PollInterval: poll}
			_, err := ex.Adopt(context.Background(), deploytest.NewDeployment())
			if !errors.Is(err, tt.want) {
				t.Errorf("Adopt: %v, want an error wrapping %v", err, tt.want)
			}
		})
	}
}

func TestAdoptDetachesWhenItsContextEnds(t *testing.T) {
	files := t.TempDir()
	ready := filepath.Join(files, "ready")
	dir := runDir(t)
	ex := shell.Executor{Command: []string{writeScript(t, fmt.Sprintf("touch %q; sleep 3600 & wait", ready))}, RunDir: dir, PollInterval: poll}
	if _, err := detach(t, ex, deploytest.NewDeployment(), ready); !errors.Is(err, deploybot.ErrDetached) {
		t.Fatalf("Execute: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ex.Adopt(ctx, deploytest.NewDeployment()); !errors.Is(err, deploybot.ErrDetached) || !errors.Is(err, context.Canceled) {
		t.Errorf("Adopt with a cancelled context: %v, want an error wrapping ErrDetached", err)
	}
}

func TestAnotherDeploymentsRun(t *testing.T) {
	dir := runDir(t)
	marker := filepath.Join(t.TempDir(), "ran")
	ex := shell.Executor{Command: []string{writeScript(t, fmt.Sprintf("touch %q", marker))}, RunDir: dir, PollInterval: poll}
	other := deploytest.NewDeployment()
	other.Project = "blog"
	if _, err := ex.Execute(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(marker); err != nil {
		t.Fatal(err)
	}
	_, err := ex.Execute(context.Background(), deploytest.NewDeployment())
	if !errors.Is(err, deploybot.ErrNotStarted) || !strings.Contains(err.Error(), "holds the run of another deployment (blog staging deploy") {
		t.Errorf("Execute over another deployment's run: %v", err)
	}
	if exists(marker) {
		t.Error("the script ran again")
	}
	if _, err := ex.Adopt(context.Background(), deploytest.NewDeployment()); !errors.Is(err, deploybot.ErrOutcomeUnknown) {
		t.Errorf("Adopt of another deployment's run: %v", err)
	}
}

func TestWrapperArguments(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no arguments", nil, 2},
		{"no program", []string{"-run", dir, "--"}, 2},
		{"no run directory", []string{"--", "/bin/true"}, 2},
		{"unknown flag", []string{"-run", dir, "-x", "--", "/bin/true"}, 2},
		{"bad timeout", []string{"-run", dir, "-timeout", "0s", "--", "/bin/true"}, 2},
		{"a run directory that does not exist", []string{"-run", filepath.Join(dir, "missing"), "--", "/bin/true"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exe, err := os.Executable()
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(exe, append([]string{shell.WrapperArg}, tt.args...)...)
			out, _ := cmd.CombinedOutput()
			if got := cmd.ProcessState.ExitCode(); got != tt.want {
				t.Errorf("exit status %d, want %d; output:\n%s", got, tt.want, out)
			}
		})
	}
}

func TestStatusFile(t *testing.T) {
	dir := runDir(t)
	ex := shell.Executor{Command: []string{writeScript(t, "exit 5")}, RunDir: dir, Timeout: time.Hour, PollInterval: poll}
	_, _ = ex.Execute(context.Background(), deploytest.NewDeployment())
	b, err := os.ReadFile(filepath.Join(dir, "42", "status.json"))
	if err != nil {
		t.Fatal(err)
	}
	var st map[string]any
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	if st["started"] != true || st["exit_code"] != float64(5) || st["timeout"] != "1h0m0s" || st["started_at"] == nil || st["ended_at"] == nil {
		t.Errorf("status.json = %s", b)
	}
	for _, name := range []string{"run.json", "wrapper.json", "output.log", "lock"} {
		if !exists(filepath.Join(dir, "42", name)) {
			t.Errorf("%s is missing", name)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "42")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("run directory mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name     string
		script   string // "": no ResolveCommand
		ref      string
		want     string
		wantErr  string
		sentinel error
	}{
		{"first line", `echo "v1.4.2-$DEPLOY_PROJECT-$DEPLOY_ENV-$DEPLOY_REF"; echo second`, "latest", "v1.4.2-shop-staging-latest", "", nil},
		{"spaces trimmed", `printf '  abc123  \n'`, "main", "abc123", "", nil},
		{"no environment but the rules'", `echo "x${GITHUB_TOKEN}y${TEAM}"`, "main", "xyweb", "", nil},
		{"not a version", `echo 'v1;rm -rf /'`, "latest", "", `resolved "latest" to "v1;rm -rf /", which is not a valid version`, nil},
		{"nothing printed", `true`, "latest", "", `resolved "latest" to ""`, nil},
		{"failure", `echo "no branch $DEPLOY_REF" >&2; exit 1`, "feature/x", "", "resolve.sh could not resolve \"feature/x\": exit status 1; last output:\nno branch feature/x", nil},
		{"bad ref", `echo v1`, "$(id)", "", `reference "$(id)" is not valid`, nil},
		{"no resolve command", "", "latest", "", "cannot tell which version", shell.ErrCannotResolve},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GITHUB_TOKEN", "secret")
			ex := shell.Executor{Command: []string{"/bin/true"}, Env: []string{"TEAM=web"}}
			if tt.script != "" {
				path := filepath.Join(t.TempDir(), "resolve.sh")
				if err := os.WriteFile(path, []byte("#!/bin/sh\n"+tt.script+"\n"), 0o755); err != nil {
					t.Fatal(err)
				}
				ex.ResolveCommand = []string{path}
			}
			got, err := ex.Resolve(context.Background(), "shop", "staging", tt.ref)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Fatalf("Resolve = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(deploybot.ErrorMessage(err), tt.wantErr) {
				t.Fatalf("Resolve = %q, %v; want an error whose message holds %q", got, err, tt.wantErr)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v does not wrap %v", err, tt.sentinel)
			}
		})
	}
}

func TestResolveTimeout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "resolve.sh")
	if err := os.WriteFile(path, []byte("#!/bin/sh\nsleep 3600 & wait\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	ex := shell.Executor{ResolveCommand: []string{path}, ResolveTimeout: 10 * time.Millisecond}
	_, err := ex.Resolve(context.Background(), "shop", "staging", "latest")
	if err == nil || !strings.Contains(deploybot.ErrorMessage(err), "resolve.sh timed out after 10ms") {
		t.Fatalf("Resolve = %v, want a timeout", err)
	}
}

func ExampleExecutor() {
	runs, err := os.MkdirTemp("", "runs")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(runs)
	ex := shell.Executor{
		Command: []string{"/bin/sh", "-c", `echo "$DEPLOY_PROJECT@$DEPLOY_VERSION to $DEPLOY_ENV"`},
		RunDir:  runs, // deploybot passes <store.data_dir>/runs
	}
	d := deploybot.Deployment{ID: 7, Project: "api", Env: "staging", Version: "v1.4.2", Requester: "alice"}
	res, err := ex.Execute(context.Background(), d)
	fmt.Print(res.Output, err)
	// Output:
	// api@v1.4.2 to staging
	// <nil>
}

// getsid returns this process' session id.
func getsid() int {
	sid, _, _ := syscall.RawSyscall(syscall.SYS_GETSID, 0, 0, 0)
	return int(sid)
}
