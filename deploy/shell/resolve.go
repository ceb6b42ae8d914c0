package shell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"deploybot"
	"deploybot/deploy/deadline"
	"deploybot/deploy/safe"
)

// ErrCannotResolve is wrapped by Resolve's error when the executor has no
// ResolveCommand: such an executor deploys only versions named exactly.
// The error also carries a *deploybot.Error (EINVALID) that says so to the
// user.
var ErrCannotResolve = errors.New("the shell executor has no resolve command (executor.resolve)")

// resolveOutput bounds what is read of ResolveCommand's output.
const resolveOutput = 64 << 10

// Resolve tells which version ref (latest, a branch) names now for
// project's env, by running ResolveCommand: directly, without a shell,
// in Dir, with the environment rules of Execute (PATH, HOME, LANG, Env)
// and DEPLOY_PROJECT, DEPLOY_ENV and DEPLOY_REF, for at most
// ResolveTimeout. The first line of its standard output is the version,
// which must pass safe.Version.
//
// Without ResolveCommand, Resolve returns an error wrapping
// ErrCannotResolve. Invalid arguments, a command that fails, times out or
// prints no valid version give an error carrying a *deploybot.Error whose
// message says why.
func (e Executor) Resolve(ctx context.Context, project, env, ref string) (string, error) {
	if len(e.ResolveCommand) == 0 || e.ResolveCommand[0] == "" {
		return "", fmt.Errorf("%w: %w", ErrCannotResolve, deploybot.Errorf2(deploybot.EINVALID,
			"%s ne sait pas quelle version %q désigne (pas de « resolve » dans son exécuteur) : donnez une version précise (v1.4.2)",
			"%s cannot tell which version %q names (its executor has no \"resolve\"): name a version (v1.4.2)",
			project+"/"+env, ref))
	}
	switch {
	case !safe.Name(project):
		return "", deploybot.Errorf(deploybot.EINVALID, "project %q is not valid", project)
	case !safe.Name(env):
		return "", deploybot.Errorf(deploybot.EINVALID, "environment %q is not valid", env)
	case !safe.Version(ref):
		return "", deploybot.Errorf(deploybot.EINVALID, "reference %q is not valid: use latest or a branch name", ref)
	}
	vars, err := e.environWith("DEPLOY_PROJECT="+project, "DEPLOY_ENV="+env, "DEPLOY_REF="+ref)
	if err != nil {
		return "", err
	}
	timeout := e.ResolveTimeout
	if timeout <= 0 {
		timeout = DefaultResolveTimeout
	}
	ctx, cancel := deadline.WithTimeout(ctx, timeout)
	defer cancel()

	name := filepath.Base(e.ResolveCommand[0])
	var stdout bytes.Buffer
	stderr := &tail{max: DefaultOutput}
	cmd := exec.CommandContext(ctx, e.ResolveCommand[0], e.ResolveCommand[1:]...)
	cmd.Dir = e.Dir
	cmd.Env = vars
	cmd.Stdout = &limitWriter{w: &stdout, n: resolveOutput}
	cmd.Stderr = stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	switch {
	case ctx.Err() != nil:
		return "", fmt.Errorf("resolve %s with %s: %w", ref, name, deploybot.Errorf(deploybot.EINTERNAL,
			"%s %s while resolving %q", name, deadline.Ended(ctx), ref))
	case err != nil:
		return "", fmt.Errorf("resolve %s with %s: %w", ref, name, deploybot.Errorf(deploybot.EINVALID,
			"%s could not resolve %q: %v%s", name, ref, err, quote(stderr.String())))
	}
	line, _, _ := strings.Cut(stdout.String(), "\n")
	version := strings.TrimSpace(line)
	if !safe.Version(version) {
		if len(version) > 80 {
			version = version[:80] + "..."
		}
		return "", deploybot.Errorf(deploybot.EINVALID, "%s resolved %q to %q, which is not a valid version", name, ref, version)
	}
	return version, nil
}

// limitWriter writes the first n bytes to w and drops the rest.
type limitWriter struct {
	w *bytes.Buffer
	n int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if k := min(len(p), l.n); k > 0 {
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
