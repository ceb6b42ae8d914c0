package changelog

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"deploybot"
)

// Git reads changelogs from local git repositories with the git command.
type Git struct {
	Dirs map[string]string // project name -> path of its local repository
}

var _ deploybot.Changelog = (*Git)(nil)

// Changes lists the commits reachable from to but not from from, newest
// first, merge commits left out, at most a thousand, each with its
// committer time (git's %cI). A project without a
// directory gives a *deploybot.Error with code ENOTFOUND; a version that is
// not a plain name (letters, digits, ._/+-, not starting with '-') gives
// EINVALID; a version the repository does not know gives ENOTFOUND.
func (g *Git) Changes(ctx context.Context, project, from, to string) ([]deploybot.Change, error) {
	dir, ok := g.Dirs[project]
	if !ok || dir == "" {
		return nil, notConfigured(project)
	}
	if err := checkRefs(from, to); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "-c", "log.showSignature=false", "log", "--no-merges",
		"--max-count="+strconv.Itoa(maxCommits), "--format=%H%x1f%cI%x1f%s", from+".."+to, "--")
	cmd.Env = append(os.Environ(), "LC_ALL=C", "GIT_TERMINAL_PROMPT=0") // messages in English, never a prompt
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if ctx.Err() == nil && (strings.Contains(msg, "unknown revision") || strings.Contains(msg, "bad revision")) {
			err = deploybot.Errorf(deploybot.ENOTFOUND, "version %s or %s not found in the repository of %s", from, to, project)
		}
		return nil, fmt.Errorf("changelog: git log %s..%s in %s: %s: %w", from, to, dir, msg, err)
	}
	var changes []deploybot.Change
	for line := range strings.Lines(stdout.String()) {
		sha, rest, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "\x1f")
		if !ok {
			continue
		}
		date, subject, ok := strings.Cut(rest, "\x1f")
		if !ok {
			continue
		}
		c := Parse(subject)
		c.SHA = sha
		if t, err := time.Parse(time.RFC3339, date); err == nil {
			c.CommittedAt = t.UTC()
		}
		changes = append(changes, c)
	}
	return changes, nil
}
