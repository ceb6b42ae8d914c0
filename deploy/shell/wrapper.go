package shell

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	"deploybot/process"
)

// WrapperArg is the hidden first argument that makes deploybot act as the
// wrapper of a detached run: its main calls RunWrapper with the arguments
// that follow, before anything else.
const WrapperArg = "__shell-run"

// RunWrapper is the wrapper of a detached run: it is what deploybot does
// when started with WrapperArg, and args are the arguments that follow it:
//
//	-run DIR -timeout D -grace D [-lock-fd N] -- PROGRAM [ARGUMENTS...]
//
// It writes its identity (process.Self) to DIR/wrapper.json, starts the
// program in its own process group with its own standard output and error
// (output.log, given by Execute) and its own environment, and waits for it.
// After the timeout, or on SIGTERM or SIGINT, the program's process group
// gets SIGTERM, then SIGKILL after the grace period. Then it writes
// DIR/status.json atomically. File descriptor N, when given, holds the
// run's lock: the wrapper keeps it open, and from the program, for as long
// as it lives.
//
// It returns the wrapper's exit status: 0 once status.json is written,
// whatever the program's outcome; 2 for bad arguments; 1 when status.json
// could not be written.
func RunWrapper(args []string) int {
	fs := flag.NewFlagSet(WrapperArg, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	dir := fs.String("run", "", "the run's directory")
	timeout := fs.Duration("timeout", DefaultTimeout, "how long the program may run")
	grace := fs.Duration("grace", killGrace, "how long the program has to exit after SIGTERM")
	lockFD := fs.Int("lock-fd", -1, "an open file descriptor that holds the run's lock")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *dir == "" || fs.NArg() == 0 || *timeout <= 0 || *grace < 0 {
		fmt.Fprintf(os.Stderr, "deploybot %s: usage: -run DIR -timeout D -grace D [-lock-fd N] -- PROGRAM [ARGUMENTS...]\n", WrapperArg)
		return 2
	}
	if *lockFD > 2 {
		// Keep the lock for as long as this process lives, and not a
		// moment longer: the program must not inherit it.
		syscall.CloseOnExec(*lockFD)
	}
	r := run{dir: *dir}
	st := wrap(r, fs.Args(), *timeout, *grace, os.Stdout, os.Stderr)
	if err := writeJSON(r.path(statusFile), st); err != nil {
		fmt.Fprintf(os.Stderr, "deploybot %s: %v\n", WrapperArg, err)
		return 1
	}
	return 0
}

// wrap runs argv as RunWrapper describes and returns how it ended.
func wrap(r run, argv []string, timeout, grace time.Duration, stdout, stderr io.Writer) status {
	st := status{Timeout: timeout.String()}
	if err := writeJSON(r.path(wrapperFile), process.Self()); err != nil {
		st.Error = "record the wrapper: " + err.Error()
		st.EndedAt = time.Now()
		return st
	}
	// Listen before the program starts, so that no stop is missed. SIGHUP
	// is taken and dropped: the wrapper has no terminal to hang up.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer signal.Stop(sigs)

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		st.Error = err.Error()
		st.EndedAt = time.Now()
		return st
	}
	st.Started, st.StartedAt = true, time.Now()
	pgid := cmd.Process.Pid
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var kill <-chan time.Time
	stop := func() {
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		if kill == nil {
			kill = time.After(grace)
		}
	}
	var err error
wait:
	for {
		select {
		case err = <-done:
			break wait
		case <-timer.C:
			if st.Stopped == "" {
				st.TimedOut = true
			}
			stop()
		case s := <-sigs:
			if s == syscall.SIGHUP {
				continue
			}
			if st.Stopped == "" && !st.TimedOut {
				st.Stopped = s.String()
			}
			stop()
		case <-kill:
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
		}
	}
	st.EndedAt = time.Now()
	if st.TimedOut || st.Stopped != "" {
		// Whatever of the group survived SIGTERM and the grace period
		// dies now. The group id stays reserved while a member lives.
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			st.ExitCode, st.Signal = -1, ws.Signal().String()
		} else {
			st.ExitCode = exit.ExitCode()
		}
	default:
		st.ExitCode, st.Error = -1, err.Error()
	}
	return st
}
