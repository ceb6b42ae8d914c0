package shell

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"deploybot"
	"deploybot/deploy/deadline"
)

// The files of a run directory.
const (
	lockFile    = "lock"
	runFile     = "run.json"
	wrapperFile = "wrapper.json"
	outputFile  = "output.log"
	statusFile  = "status.json"
)

// run is the directory of one deployment's run.
type run struct{ dir string }

func (r run) path(name string) string { return filepath.Join(r.dir, name) }

// runInfo is the content of run.json: which deployment the run is for, so
// that a directory left by another deployment with the same id (another
// database using the same RunDir) is never taken for this one's.
type runInfo struct {
	ID      int64  `json:"id"`
	Project string `json:"project"`
	Env     string `json:"env"`
	Version string `json:"version"`
	Action  string `json:"action"`
	Command string `json:"command"` // the program's base name, for messages
}

func infoOf(d deploybot.Deployment, command string) runInfo {
	action := d.Action
	if action == "" {
		action = deploybot.ActionDeploy
	}
	return runInfo{ID: d.ID, Project: d.Project, Env: d.Env, Version: d.Version, Action: string(action), Command: command}
}

// same reports whether i and o describe the same deployment.
func (i runInfo) same(o runInfo) bool {
	return i.ID == o.ID && i.Project == o.Project && i.Env == o.Env && i.Version == o.Version && i.Action == o.Action
}

// status is the content of status.json: how the command ended.
type status struct {
	Started   bool      `json:"started"`             // the command began
	Error     string    `json:"error,omitempty"`     // why it did not start
	ExitCode  int       `json:"exit_code"`           // -1 when a signal ended it
	Signal    string    `json:"signal,omitempty"`    // the signal that ended it
	TimedOut  bool      `json:"timed_out,omitempty"` // the wrapper stopped it after Timeout
	Timeout   string    `json:"timeout,omitempty"`   // the timeout it ran with, as a Go duration
	Stopped   string    `json:"stopped,omitempty"`   // the signal the wrapper received, when that stopped it
	StartedAt time.Time `json:"started_at,omitzero"`
	EndedAt   time.Time `json:"ended_at"`
}

// readJSON reads a JSON file into v; ok is false when the file does not
// exist.
func readJSON(path string, v any) (ok bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	return true, nil
}

// writeJSON writes v to path atomically: a temporary file in the same
// directory, synced, then renamed.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func (r run) exists(name string) bool {
	_, err := os.Lstat(r.path(name))
	return err == nil
}

// tryLock takes the run's lock without waiting. It returns nil and no
// error when another process holds it: a wrapper that lives, or an
// executor that is starting one.
func (r run) tryLock() (*os.File, error) {
	f, err := os.OpenFile(r.path(lockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, nil
		}
		return nil, fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return f, nil
}

func flock(f *os.File, how int) error {
	c, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := c.Control(func(fd uintptr) {
		for {
			ferr = syscall.Flock(int(fd), how)
			if !errors.Is(ferr, syscall.EINTR) {
				return
			}
		}
	}); err != nil {
		return err
	}
	return ferr
}

// tail returns the last size bytes of the run's output.
func (r run) tail(size int) string {
	f, err := os.Open(r.path(outputFile))
	if err != nil {
		return ""
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return ""
	}
	off := max(fi.Size()-int64(size), 0)
	b, err := io.ReadAll(io.NewSectionReader(f, off, fi.Size()-off))
	if err != nil {
		return ""
	}
	t := &tail{max: size, cut: off > 0}
	_, _ = t.Write(b)
	return t.String()
}

// starter starts a run; Adopt follows without one.
type starter struct {
	name string   // the program's base name
	env  []string // the command's environment
}

// follow follows the run in r until it ends or ctx ends. With s, it starts
// the run when none was ever started.
func (e Executor) follow(ctx context.Context, d deploybot.Deployment, r run, s *starter) (deploybot.ExecResult, error) {
	res := deploybot.ExecResult{Ref: r.dir}
	name := "the command"
	if s != nil {
		name = s.name
	}
	reported := false
	report := func() {
		if !reported {
			reported = true
			deploybot.ReportRef(ctx, r.dir)
		}
	}
	var exited <-chan error // the wrapper this process started, once reaped
	var tick <-chan time.Time
	for {
		var info runInfo
		if ok, err := readJSON(r.path(runFile), &info); err != nil {
			return res, fmt.Errorf("shell executor: %w", err)
		} else if ok {
			if info.Command != "" {
				name = info.Command
			}
			if want := infoOf(d, ""); !info.same(want) {
				err := fmt.Errorf("shell executor: %s holds the run of another deployment (%s %s %s %s): is the run directory shared by two databases?",
					r.dir, info.Project, info.Env, info.Action, info.Version)
				if s != nil {
					return res, fmt.Errorf("%w: %w", err, deploybot.ErrNotStarted)
				}
				return res, fmt.Errorf("%w: %w", err, deploybot.ErrOutcomeUnknown)
			}
		}
		var st status
		if ok, err := readJSON(r.path(statusFile), &st); err != nil {
			return res, fmt.Errorf("shell executor: %w: %w", err, deploybot.ErrOutcomeUnknown)
		} else if ok {
			return e.outcome(r, name, st)
		}
		if exited == nil {
			lock, err := r.tryLock()
			switch {
			case err != nil && s != nil:
				return res, fmt.Errorf("shell executor: %w: %w", err, deploybot.ErrNotStarted)
			case err != nil:
				return res, fmt.Errorf("shell executor: %w: %w", err, deploybot.ErrOutcomeUnknown)
			case lock == nil:
				// A live wrapper holds it, or another executor is starting
				// one: follow it.
				report()
			default:
				// Nobody holds the run: it ended, or never started.
				ch, err := e.claim(d, r, lock, s, name)
				if err != nil {
					return res, err
				}
				if ch != nil {
					exited, s = ch, nil
					report()
				}
				continue
			}
		}
		if tick == nil {
			t := time.NewTicker(e.pollInterval())
			defer t.Stop()
			tick = t.C
		}
		select {
		case werr := <-exited:
			var st status
			if ok, err := readJSON(r.path(statusFile), &st); err != nil {
				return res, fmt.Errorf("shell executor: %w: %w", err, deploybot.ErrOutcomeUnknown)
			} else if ok {
				return e.outcome(r, name, st)
			}
			res.Output = r.tail(e.outputSize())
			if !r.exists(wrapperFile) {
				return res, fmt.Errorf("%s not started: the wrapper ended (%v) before starting it%s: %w", name, werr, quote(res.Output), deploybot.ErrNotStarted)
			}
			return res, fmt.Errorf("%s: the wrapper ended (%v) without recording how the command ended: %w", name, werr, deploybot.ErrOutcomeUnknown)
		case <-ctx.Done():
			res.Output = r.tail(e.outputSize())
			return res, fmt.Errorf("%s (run %s): %w: %w", name, r.dir, deploybot.ErrDetached, context.Cause(ctx))
		case <-tick:
		}
	}
}

// claim decides, holding the run's lock, what becomes of a run that nobody
// follows. It returns nil and no error when the run has ended (its status
// is there to read); an error when its wrapper died without recording how
// the command ended, or when it never started and s is nil; else, with s,
// it starts the run and returns the channel that reports the end of its
// wrapper. It closes lock.
func (e Executor) claim(d deploybot.Deployment, r run, lock *os.File, s *starter, name string) (<-chan error, error) {
	defer lock.Close()
	// Nobody can start the run while this process holds the lock: look
	// again at what the run left.
	if r.exists(statusFile) {
		return nil, nil
	}
	if r.exists(wrapperFile) {
		var h deploybot.Holder
		_, _ = readJSON(r.path(wrapperFile), &h)
		return nil, fmt.Errorf("%s (run %s): its wrapper (%s) ended without recording how the command ended: %w", name, r.dir, h, deploybot.ErrOutcomeUnknown)
	}
	if s == nil {
		return nil, fmt.Errorf("shell executor: deployment %d's run in %s never started: %w", d.ID, r.dir, deploybot.ErrNotStarted)
	}
	if err := writeJSON(r.path(runFile), infoOf(d, s.name)); err != nil {
		return nil, fmt.Errorf("shell executor: %w: %w", err, deploybot.ErrNotStarted)
	}
	exited, err := e.startWrapper(r, lock, s)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w: %w", s.name, err, deploybot.ErrNotStarted)
	}
	return exited, nil
}

// wrapper returns the program and leading arguments of the wrapper.
func (e Executor) wrapper() ([]string, error) {
	if len(e.Wrapper) > 0 && e.Wrapper[0] != "" {
		return e.Wrapper, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find the wrapper program: %w", err)
	}
	return []string{exe, WrapperArg}, nil
}

// startWrapper starts the wrapper of run r, detached: in its own session,
// with standard input from /dev/null and its output, like the command's,
// in output.log. It hands lock over to it. The returned channel reports
// the wrapper's end: a goroutine reaps it, so that it leaves no zombie.
func (e Executor) startWrapper(r run, lock *os.File, s *starter) (<-chan error, error) {
	argv, err := e.wrapper()
	if err != nil {
		return nil, err
	}
	args := append([]string{}, argv[1:]...)
	args = append(args,
		"-run", r.dir,
		"-timeout", e.timeout().String(),
		"-grace", killGrace.String(),
		"-lock-fd", "3",
		"--")
	args = append(args, e.Command...)
	out, err := os.OpenFile(r.path(outputFile), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	cmd := exec.Command(argv[0], args...)
	cmd.Dir = e.Dir
	cmd.Env = s.env
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.ExtraFiles = []*os.File{lock} // fd 3: the wrapper holds the lock from now on
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return exited, nil
}

// outcome turns what the wrapper recorded into Execute's result.
func (e Executor) outcome(r run, name string, st status) (deploybot.ExecResult, error) {
	res := deploybot.ExecResult{Ref: r.dir, Output: r.tail(e.outputSize())}
	switch {
	case !st.Started:
		return res, fmt.Errorf("start %s: %w: %s", name, deploybot.ErrNotStarted, st.Error)
	case st.TimedOut:
		timeout, _ := time.ParseDuration(st.Timeout)
		return res, fmt.Errorf("%s %w%s", name, deadline.TimedOut(timeout), quote(res.Output))
	case st.Stopped != "":
		return res, fmt.Errorf("%s was stopped: its wrapper received %s%s", name, st.Stopped, quote(res.Output))
	case st.Signal != "" || st.ExitCode != 0:
		return res, fmt.Errorf("%s failed: %w%s", name, &ExitError{Code: st.ExitCode, Signal: st.Signal}, quote(res.Output))
	}
	return res, nil
}
