package gitlabci

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"deploybot"
	"deploybot/deploy/safe"
)

// The states CommitStatus returns (those of githubactions.CommitStatus).
const (
	StateSuccess = "success"
	StatePending = "pending"
	StateFailure = "failure"
)

// Latest is the moving reference that names the newest commit of the
// branch the executor runs the pipeline on (Ref).
const Latest = "latest"

// CommitStatus returns the CI state of ref (a commit SHA, branch or tag) in
// project, from the latest commit status of each name (GitLab CI jobs
// report theirs, and so do external CI systems): StateFailure if any
// failed or was cancelled without being allowed to fail, else StatePending
// if any has not finished or nothing was reported yet, else StateSuccess
// (skipped counts as passed). A ref that safe.Version refuses is an
// EINVALID *deploybot.Error, and no request is made.
func CommitStatus(ctx context.Context, client *Client, project, ref string) (string, error) {
	if !safe.Version(ref) {
		return "", deploybot.Errorf(deploybot.EINVALID, "ref %q is not valid: use a commit sha, a branch or a tag", ref)
	}
	// The statuses endpoint takes a commit SHA: read the commit a branch or
	// a tag names first.
	sha, err := client.commitID(ctx, project, ref)
	if err != nil {
		return "", fmt.Errorf("get commit %s of %s: %w", ref, project, err)
	}
	failed, pending, reported := false, false, false
	for page := 0; ; {
		statuses, next, err := client.commitStatuses(ctx, project, sha, page)
		if err != nil {
			return "", fmt.Errorf("get the commit statuses of %s in %s: %w", ref, project, err)
		}
		for _, s := range statuses {
			reported = true
			switch s.Status {
			case "success", "skipped":
			case "failed", "canceled":
				if !s.AllowFailure {
					failed = true
				}
			default: // created, waiting_for_resource, preparing, pending, running, manual, scheduled
				pending = true
			}
		}
		if next == 0 || next == page {
			break
		}
		page = next
	}
	switch {
	case failed:
		return StateFailure, nil
	case pending, !reported:
		return StatePending, nil
	}
	return StateSuccess, nil
}

// Resolve tells which version ref names now in the executor's project
// (project and env are deploybot's, and are not used): "latest" is the
// commit SHA of the branch Ref (DefaultRef when empty); a tag is itself,
// since it names a fixed version; a branch is its commit SHA; a commit
// SHA, whole or abbreviated, is the whole SHA. A ref that names nothing
// there is an ENOTFOUND *deploybot.Error; one that safe.Version refuses is
// an EINVALID one, and no request is made.
func (e Executor) Resolve(ctx context.Context, project, env, ref string) (string, error) {
	if !safe.Version(ref) {
		return "", deploybot.Errorf(deploybot.EINVALID, "reference %q is not valid: use latest, a branch, a tag or a commit sha", ref)
	}
	if err := e.check(); err != nil {
		return "", err
	}
	name := ref
	if strings.EqualFold(ref, Latest) {
		name = e.ref()
	}
	if _, err := e.Client.refCommit(ctx, e.Project, "tags", name); err == nil {
		return name, nil
	} else if !errors.Is(err, ErrNotFound) {
		return "", fmt.Errorf("resolve %s in %s: %w", name, e.Project, err)
	}
	if sha, err := e.Client.refCommit(ctx, e.Project, "branches", name); err == nil {
		if safe.Version(sha) {
			return sha, nil
		}
	} else if !errors.Is(err, ErrNotFound) {
		return "", fmt.Errorf("resolve %s in %s: %w", name, e.Project, err)
	}
	sha, err := e.Client.commitID(ctx, e.Project, name)
	switch {
	case err == nil && safe.Version(sha):
		return sha, nil
	case err == nil:
		return "", fmt.Errorf("resolve %s in %s: GitLab answered %q, which is not a commit sha", name, e.Project, sha)
	case errors.Is(err, ErrNotFound):
		return "", deploybot.Errorf2(deploybot.ENOTFOUND,
			"%q n'est ni une branche, ni un tag, ni un commit de %s",
			"%q is not a branch, a tag or a commit of %s", name, e.Project)
	}
	return "", fmt.Errorf("resolve %s in %s: %w", name, e.Project, err)
}
