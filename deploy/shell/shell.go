// Package shell runs deployments with a local command: the team's own
// deploy script.
//
// The command is run directly, never through a shell, and the deployment's
// values reach it only as DEPLOY_* environment variables, after safe.Check
// has validated them. The command sees none of deploybot's own environment
// but PATH, HOME and LANG: tokens and API keys stay in deploybot.
//
// # Detached runs
//
// A run outlives the deploybot process that started it. Execute starts a
// small wrapper process (deploybot itself, with the hidden argument
// WrapperArg, see RunWrapper) in its own session, with no pipe to deploybot;
// the wrapper starts the command, enforces the timeout and records how the
// command ended. Everything a run leaves is in its directory,
// RunDir/<deployment id>/:
//
//	lock          locked (flock) by the wrapper for as long as it lives
//	run.json      the deployment the run is for, written before it starts
//	wrapper.json  the wrapper's identity (a deploybot.Holder), written before the command starts
//	output.log    the command's standard output and standard error
//	status.json   how the command ended, written atomically (temporary file and rename) when it did
//
// A process that did not start the run follows it with Adopt, where that
// directory is visible. A deployment never gets two runs: Execute follows
// the run its directory already holds instead of starting another.
package shell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"deploybot"
	"deploybot/deploy/safe"
)

// Defaults of an Executor's zero fields.
const (
	DefaultTimeout        = 10 * time.Minute
	DefaultOutput         = 4096
	DefaultPollInterval   = time.Second
	DefaultResolveTimeout = 30 * time.Second
	// DefaultRunDir is where runs are kept when RunDir is empty: the runs
	// directory of deploybot's default data directory, relative to the
	// working directory.
	DefaultRunDir = "data/runs"
)

// killGrace is how long a command has to exit after SIGTERM, when it timed
// out or was stopped, before its process group is killed.
const killGrace = 5 * time.Second

// outputLines is how many lines of output an error quotes.
const outputLines = 10

// inherited lists the variables of deploybot's environment that the command
// receives. Nothing else is passed on.
var inherited = []string{"PATH", "HOME", "LANG"}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

var (
	_ deploybot.Executor = Executor{}
	_ deploybot.Adopter  = Executor{}
	_ deploybot.Resolver = Executor{}
)

// Executor runs a deployment with a local command. The zero value of each
// optional field has a default.
//
// The command's environment holds PATH, HOME and LANG from deploybot's,
// then Env, then DEPLOY_PROJECT, DEPLOY_ENV, DEPLOY_VERSION,
// DEPLOY_PREVIOUS_VERSION, DEPLOY_STRATEGY, DEPLOY_ACTION (deploy or
// rollback), DEPLOY_ID, DEPLOY_REQUESTER and DEPLOY_DRILL (a rollback
// drill's id, or empty), which Env cannot replace.
type Executor struct {
	Command []string      // program and arguments, as configured; run without a shell
	Timeout time.Duration // the whole run, enforced by the wrapper; zero means DefaultTimeout
	Dir     string        // working directory; empty: deploybot's; a relative Command[0] is taken from it
	Env     []string      // extra NAME=value variables, from the configuration
	Output  int           // bytes of output kept; zero means DefaultOutput

	// RunDir holds a directory per run (see the package documentation).
	// deploybot passes <store.data_dir>/runs. It must be private to one
	// deploybot database (deployment ids name the runs) and support flock
	// (a local disk, or NFS with locking). Empty means DefaultRunDir.
	RunDir string
	// Wrapper is the program and leading arguments that start the wrapper
	// process; the wrapper's own arguments follow them. Empty means this
	// program (os.Executable) followed by WrapperArg, whose main must
	// call RunWrapper.
	Wrapper []string
	// PollInterval is how often a run that another process started is
	// checked; zero means DefaultPollInterval.
	PollInterval time.Duration

	// ResolveCommand, when set, tells which version a moving reference
	// names (see Resolve). Without it the executor resolves nothing.
	ResolveCommand []string
	// ResolveTimeout bounds ResolveCommand; zero means
	// DefaultResolveTimeout.
	ResolveTimeout time.Duration
}

// Execute runs the command for d, detached, and waits for it to end. It
// returns an error when d is not valid (a *deploybot.Error, and nothing
// runs); an error wrapping deploybot.ErrNotStarted when the command could
// not start; an *ExitError with the last lines of output when it exits with
// a non-zero status or a signal; a timeout error wrapping
// context.DeadlineExceeded when it ran longer than Timeout (its process
// group got SIGTERM, then SIGKILL after a grace period); and an error
// wrapping deploybot.ErrDetached and the context's error when ctx ends
// first: the command then goes on, and Adopt follows it.
//
// When d's run directory already holds a run, Execute starts none: it
// follows that run, or reports how it ended.
//
// The result's Ref is the run's directory and its Output holds the end of
// the combined standard output and standard error, also when the run failed.
// Once the run has started, deploybot.ReportRef gets its Ref.
func (e Executor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if len(e.Command) == 0 || e.Command[0] == "" {
		return deploybot.ExecResult{}, fmt.Errorf("shell executor: no command is configured: %w", deploybot.ErrNotStarted)
	}
	env, err := e.environ(d)
	if err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%w: %w", err, deploybot.ErrNotStarted)
	}
	name := filepath.Base(e.Command[0])
	r, err := e.run(d.ID)
	if err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("shell executor: %w: %w", err, deploybot.ErrNotStarted)
	}
	if err := ctx.Err(); err != nil {
		// Too late to start a run; one that exists is reported.
		if _, serr := os.Stat(r.dir); serr != nil {
			return deploybot.ExecResult{}, fmt.Errorf("%s %w: %w", name, deploybot.ErrNotStarted, context.Cause(ctx))
		}
		return e.follow(ctx, d, r, nil)
	}
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("shell executor: %w: %w", err, deploybot.ErrNotStarted)
	}
	return e.follow(ctx, d, r, &starter{name: name, env: env})
}

// Adopt follows the run that a process, maybe another one, started for d,
// and reports how it ended as Execute does. It returns an error wrapping
// deploybot.ErrNotStarted when no run was started for d; one wrapping
// deploybot.ErrOutcomeUnknown when the wrapper died without recording how
// the command ended (the command may still be running); and one wrapping
// deploybot.ErrDetached when ctx ends before the run.
func (e Executor) Adopt(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	r, err := e.run(d.ID)
	if err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("shell executor: %w", err)
	}
	if _, err := os.Stat(r.dir); errors.Is(err, os.ErrNotExist) {
		return deploybot.ExecResult{}, fmt.Errorf("shell executor: no run of deployment %d in %s: %w", d.ID, filepath.Dir(r.dir), deploybot.ErrNotStarted)
	} else if err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("shell executor: %w", err)
	}
	return e.follow(ctx, d, r, nil)
}

// run returns the run directory of deployment id.
func (e Executor) run(id int64) (run, error) {
	base := e.RunDir
	if base == "" {
		base = DefaultRunDir
	}
	abs, err := filepath.Abs(base)
	if err != nil {
		return run{}, fmt.Errorf("run directory %q: %w", base, err)
	}
	return run{dir: filepath.Join(abs, strconv.FormatInt(id, 10))}, nil
}

func (e Executor) timeout() time.Duration {
	if e.Timeout <= 0 {
		return DefaultTimeout
	}
	return e.Timeout
}

func (e Executor) outputSize() int {
	if e.Output <= 0 {
		return DefaultOutput
	}
	return e.Output
}

func (e Executor) pollInterval() time.Duration {
	if e.PollInterval <= 0 {
		return DefaultPollInterval
	}
	return e.PollInterval
}

// environ returns the command's environment for d.
func (e Executor) environ(d deploybot.Deployment) ([]string, error) {
	action := d.Action
	if action == "" {
		action = deploybot.ActionDeploy
	}
	// Last, so that they win over Env: only the last of duplicates is used.
	return e.environWith(
		"DEPLOY_PROJECT="+d.Project,
		"DEPLOY_ENV="+d.Env,
		"DEPLOY_VERSION="+d.Version,
		"DEPLOY_PREVIOUS_VERSION="+d.PreviousVersion,
		"DEPLOY_STRATEGY="+string(d.Strategy),
		"DEPLOY_ACTION="+string(action),
		"DEPLOY_ID="+strconv.FormatInt(d.ID, 10),
		"DEPLOY_REQUESTER="+d.Requester,
		// A rollback drill's steps carry its id; empty otherwise.
		"DEPLOY_DRILL="+drillID(d),
	)
}

func drillID(d deploybot.Deployment) string {
	if d.DrillID == 0 {
		return ""
	}
	return strconv.FormatInt(d.DrillID, 10)
}

// environWith returns PATH, HOME and LANG from deploybot's environment,
// then Env, then vars.
func (e Executor) environWith(vars ...string) ([]string, error) {
	env := make([]string, 0, len(inherited)+len(e.Env)+len(vars))
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
	return append(env, vars...), nil
}

// ExitError says how a command that failed ended: its exit status, or the
// signal that ended it.
type ExitError struct {
	Code   int    // the exit status; -1 when a signal ended the command
	Signal string // the signal that ended the command ("killed"), if one did
}

func (e *ExitError) Error() string {
	if e.Signal != "" {
		return "signal: " + e.Signal
	}
	return "exit status " + strconv.Itoa(e.Code)
}

// ExitCode returns the exit status, or -1 when a signal ended the command.
func (e *ExitError) ExitCode() int { return e.Code }

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
		t.cut = t.cut || len(p) > t.max
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
