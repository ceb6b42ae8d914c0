// Package shell runs deployments with a local command: the team's own
// deploy script.
//
// The command is run directly, never through a shell, and the deployment's
// values reach it only as DEPLOY_* environment variables, after safe.Check
// has validated them. The command sees none of deploybot's own environment
// but PATH, HOME and LANG: tokens and API keys stay in deploybot.
package shell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"deploybot"
	"deploybot/deploy/deadline"
	"deploybot/deploy/safe"
)

// Defaults of an Executor's zero fields.
const (
	DefaultTimeout = 10 * time.Minute
	DefaultOutput  = 4096
)

// killGrace is how long a command has to exit after SIGTERM, when it timed
// out or was cancelled, before its process group is killed.
const killGrace = 5 * time.Second

// outputLines is how many lines of output an error quotes.
const outputLines = 10

// inherited lists the variables of deploybot's environment that the command
// receives. Nothing else is passed on.
var inherited = []string{"PATH", "HOME", "LANG"}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

var _ deploybot.Executor = Executor{}

// Executor runs a deployment with a local command. The zero value of each
// optional field has a default.
//
// The command's environment holds PATH, HOME and LANG from deploybot's,
// then Env, then DEPLOY_PROJECT, DEPLOY_ENV, DEPLOY_VERSION,
// DEPLOY_PREVIOUS_VERSION, DEPLOY_STRATEGY, DEPLOY_ACTION (deploy or
// rollback), DEPLOY_ID and DEPLOY_REQUESTER, which Env cannot replace.
type Executor struct {
	Command []string      // program and arguments, as configured; run without a shell
	Timeout time.Duration // the whole run; zero means DefaultTimeout
	Dir     string        // working directory; empty: deploybot's; a relative Command[0] is taken from it
	Env     []string      // extra NAME=value variables, from the configuration
	Output  int           // bytes of output kept; zero means DefaultOutput
}

// Execute runs the command for d and waits for it to exit. It returns an
// error when d is not valid (a *deploybot.Error, and nothing runs), when the
// command cannot start, exits with a non-zero status (the error wraps the
// *exec.ExitError and quotes the last lines of output), times out or ctx
// ends. On a timeout or cancellation the command's whole process group gets
// SIGTERM, then SIGKILL after a grace period.
//
// The result's Ref is "pid N" and its Output holds the end of the combined
// standard output and standard error, also when the run failed.
func (e Executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if len(e.Command) == 0 || e.Command[0] == "" {
		return deploybot.ExecResult{}, errors.New("shell executor: no command is configured")
	}
	env, err := e.environ(d)
	if err != nil {
		return deploybot.ExecResult{}, err
	}
	name := filepath.Base(e.Command[0])
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%s not started: %w", name, context.Cause(ctx))
	}

	timeout := e.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	runCtx, cancel := deadline.WithTimeout(ctx, timeout)
	defer cancel()

	size := e.Output
	if size <= 0 {
		size = DefaultOutput
	}
	out := &tail{max: size}

	cmd := exec.CommandContext(runCtx, e.Command[0], e.Command[1:]...)
	cmd.Dir = e.Dir
	cmd.Env = env
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		// The command leads its own process group: stop the group, so that
		// children do not outlive it.
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	}
	cmd.WaitDelay = killGrace

	if err := cmd.Start(); err != nil {
		if runCtx.Err() != nil {
			return deploybot.ExecResult{}, fmt.Errorf("%s not started: %w", name, context.Cause(runCtx))
		}
		return deploybot.ExecResult{}, fmt.Errorf("start %s: %w", name, err)
	}
	pid := cmd.Process.Pid
	res := deploybot.ExecResult{Ref: "pid " + strconv.Itoa(pid)}
	err = cmd.Wait()
	if err != nil && runCtx.Err() != nil {
		// Whatever of the group survived SIGTERM and the grace period dies
		// now. The group id stays reserved while a member lives.
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
	res.Output = out.String()

	switch {
	case err == nil, errors.Is(err, exec.ErrWaitDelay) && cmd.ProcessState.Success():
		// ErrWaitDelay with a success status: the command exited 0 but a
		// background child kept its output open.
		return res, nil
	case runCtx.Err() != nil:
		return res, fmt.Errorf("%s %w%s", name, deadline.Ended(runCtx), quote(res.Output))
	default:
		return res, fmt.Errorf("%s failed: %w%s", name, err, quote(res.Output))
	}
}

// environ returns the command's environment for d.
func (e Executor) environ(d deploybot.Deployment) ([]string, error) {
	env := make([]string, 0, len(inherited)+len(e.Env)+8)
	for _, k := range inherited {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	for i, kv := range e.Env {
		// The value may be a secret: name only the entry.
		if k, _, ok := strings.Cut(kv, "="); !ok || !envName.MatchString(k) {
			return nil, fmt.Errorf("shell executor: environment entry %d is not NAME=value", i+1)
		}
	}
	env = append(env, e.Env...)
	action := d.Action
	if action == "" {
		action = deploybot.ActionDeploy
	}
	// Last, so that they win over Env: only the last of duplicates is used.
	return append(env,
		"DEPLOY_PROJECT="+d.Project,
		"DEPLOY_ENV="+d.Env,
		"DEPLOY_VERSION="+d.Version,
		"DEPLOY_PREVIOUS_VERSION="+d.PreviousVersion,
		"DEPLOY_STRATEGY="+string(d.Strategy),
		"DEPLOY_ACTION="+string(action),
		"DEPLOY_ID="+strconv.FormatInt(d.ID, 10),
		"DEPLOY_REQUESTER="+d.Requester,
	), nil
}

// quote returns the last lines of output, to end an error message.
func quote(output string) string {
	lines := strings.Split(strings.TrimRight(output, "\n"), "\n")
	if len(lines) > outputLines {
		lines = lines[len(lines)-outputLines:]
	}
	s := strings.Join(lines, "\n")
	if strings.TrimSpace(s) == "" {
		return " (no output)"
	}
	return "; last output:\n" + s
}

// tail is an io.Writer that keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
	cut bool // bytes were dropped
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	if len(p) >= t.max {
		t.buf = append(t.buf[:0], p[len(p)-t.max:]...)
		t.cut = true
		return n, nil
	}
	if drop := len(t.buf) + len(p) - t.max; drop > 0 {
		t.buf = t.buf[:copy(t.buf, t.buf[drop:])]
		t.cut = true
	}
	t.buf = append(t.buf, p...)
	return n, nil
}

// String returns the bytes kept, as valid UTF-8 (a character cut at the
// start is dropped).
func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.buf
	if t.cut {
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.RuneStart(b[0]); i++ {
			b = b[1:]
		}
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
}
