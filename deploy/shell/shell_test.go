package shell_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy/deploytest"
	"deploybot/deploy/shell"
)

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

// fakeScript is the fake pipeline of the contract suite: it writes what it
// received to $FAKE_RECORD, then acts out $FAKE_OUTCOME.
const fakeScript = `{
	printf 'project=%s\n' "$DEPLOY_PROJECT"
	printf 'env=%s\n' "$DEPLOY_ENV"
	printf 'version=%s\n' "$DEPLOY_VERSION"
	printf 'previous_version=%s\n' "$DEPLOY_PREVIOUS_VERSION"
	printf 'strategy=%s\n' "$DEPLOY_STRATEGY"
	printf 'action=%s\n' "$DEPLOY_ACTION"
	printf 'id=%s\n' "$DEPLOY_ID"
	printf 'requester=%s\n' "$DEPLOY_REQUESTER"
} > "$FAKE_RECORD.tmp" && mv "$FAKE_RECORD.tmp" "$FAKE_RECORD"
echo "deploying $DEPLOY_PROJECT $DEPLOY_VERSION to $DEPLOY_ENV"
case "$FAKE_OUTCOME" in
succeed) echo "done" ;;
fail) echo "migration 0042 failed" >&2; exit 3 ;;
hang) sleep 30 & wait ;;
esac
`

// recording reports what the fake script received once Execute returns.
type recording struct {
	ex     shell.Executor
	file   string
	record func(deploytest.Received)
}

func (r recording) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	res, err := r.ex.Execute(ctx, d)
	if got, ok := readRecord(r.file); ok {
		r.record(got)
	}
	return res, err
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
	deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		record := filepath.Join(t.TempDir(), "record")
		return recording{
			ex: shell.Executor{
				Command: []string{writeScript(t, fakeScript)},
				Env:     []string{"FAKE_OUTCOME=" + o.Behavior.String(), "FAKE_RECORD=" + record},
				Timeout: 30 * time.Second,
			},
			file:   record,
			record: o.Record,
		}
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
		Command: []string{writeScript(t, `env > "$1"`), envFile},
		Env:     []string{"TEAM=web"},
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

func TestTimeoutKillsTheProcessGroup(t *testing.T) {
	childFile := filepath.Join(t.TempDir(), "child")
	// The child writes its own pid, and the script waits for it: on a
	// timeout both must die, not only the script.
	script := writeScript(t, `sh -c 'echo $$ > "$1.tmp"; mv "$1.tmp" "$1"; exec sleep 30' child "$1" &
echo started
wait
`)
	ex := shell.Executor{Command: []string{script, childFile}, Timeout: 50 * time.Millisecond}
	start := time.Now()
	res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
	if err == nil {
		t.Fatal("Execute of a hanging command returned a nil error")
	}
	if took := time.Since(start); took > deploytest.Wait {
		t.Errorf("Execute took %s", took)
	}
	if !strings.Contains(err.Error(), "deploy.sh timed out after 50ms") {
		t.Errorf("error %q does not say it timed out", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if !strings.HasPrefix(res.Ref, "pid ") {
		t.Errorf("Ref = %q", res.Ref)
	}
	var pid int
	for deadline := time.Now().Add(deploytest.Wait); ; {
		if b, err := os.ReadFile(childFile); err == nil {
			pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the child never started")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for deadline := time.Now().Add(deploytest.Wait); alive(pid); {
		if time.Now().After(deadline) {
			t.Fatalf("child %d still runs after the timeout", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
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
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != 3 {
					t.Errorf("error %v does not wrap exit status 3", err)
				}
				if strings.Contains(err.Error(), "line 10\n") {
					t.Errorf("error quotes more than the last lines: %v", err)
				}
				if !strings.HasPrefix(res.Output, "line 1\n") || !strings.HasSuffix(res.Output, "fatal: boom\n") {
					t.Errorf("Output = %q", res.Output)
				}
				if !strings.HasPrefix(res.Ref, "pid ") {
					t.Errorf("Ref = %q", res.Ref)
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
			name:    "a missing program is an error",
			exec:    func(e *shell.Executor) { e.Command = []string{filepath.Join(dir, "missing.sh")} },
			wantErr: []string{"start missing.sh"},
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
			ex := shell.Executor{Command: append([]string{writeScript(t, tt.script)}, tt.args...)}
			if tt.exec != nil {
				tt.exec(&ex)
			}
			res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
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
			if tt.check != nil {
				tt.check(t, res, err)
			}
		})
	}
}

func TestWhyItEnded(t *testing.T) {
	tests := []struct {
		name     string
		timeout  time.Duration // the executor's
		deadline time.Duration // the caller's; 0: none
		want     string
	}{
		{"own timeout", 10 * time.Millisecond, 0, "deploy.sh timed out after 10ms (no output)"},
		{"caller's deadline", 10 * time.Minute, 10 * time.Millisecond, "deploy.sh was stopped: context deadline exceeded (no output)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := shell.Executor{Command: []string{writeScript(t, `sleep 30 & wait`)}, Timeout: tt.timeout}
			ctx := context.Background()
			if tt.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.deadline)
				defer cancel()
			}
			_, err := ex.Execute(ctx, deploytest.NewDeployment())
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
			}
		})
	}
}

func ExampleExecutor() {
	ex := shell.Executor{Command: []string{"/bin/sh", "-c", `echo "$DEPLOY_PROJECT@$DEPLOY_VERSION to $DEPLOY_ENV"`}}
	d := deploybot.Deployment{ID: 7, Project: "api", Env: "staging", Version: "v1.4.2", Requester: "alice"}
	res, err := ex.Execute(context.Background(), d)
	fmt.Print(res.Output, err)
	// Output:
	// api@v1.4.2 to staging
	// <nil>
}
