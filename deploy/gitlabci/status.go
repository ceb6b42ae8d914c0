package gitlabci

import (
	"context"
	"errors"
	"fmt"
	"strings"

	gitlab "gitlab.com/gitlab-org/api/client-go/v2"

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
func CommitStatus(ctx context.Context, client *gitlab.Client, project, ref string) (string, error) {
	if !safe.Version(ref) {
		return "", deploybot.Errorf(deploybot.EINVALID, "ref %q is not valid: use a commit sha, a branch or a tag", ref)
	}
	// The statuses endpoint takes a commit SHA: read the commit a branch or
	// a tag names first.
	c, _, err := client.Commits.GetCommit(project, ref, nil, gitlab.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("get commit %s of %s: %w", ref, project, err)
	}
	failed, pending, reported := false, false, false
	opts := &gitlab.GetCommitStatusesOptions{ListOptions: gitlab.ListOptions{PerPage: 100}}
	for {
		statuses, resp, err := client.Commits.GetCommitStatuses(project, c.ID, opts, gitlab.WithContext(ctx))
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
		if resp == nil || resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
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
	if _, _, err := e.Client.Tags.GetTag(e.Project, name, gitlab.WithContext(ctx)); err == nil {
		return name, nil
	} else if !errors.Is(err, gitlab.ErrNotFound) {
		return "", fmt.Errorf("resolve %s in %s: %w", name, e.Project, err)
	}
	if b, _, err := e.Client.Branches.GetBranch(e.Project, name, gitlab.WithContext(ctx)); err == nil {
		if b.Commit != nil && safe.Version(b.Commit.ID) {
			return b.Commit.ID, nil
		}
	} else if !errors.Is(err, gitlab.ErrNotFound) {
		return "", fmt.Errorf("resolve %s in %s: %w", name, e.Project, err)
	}
	c, _, err := e.Client.Commits.GetCommit(e.Project, name, nil, gitlab.WithContext(ctx))
	switch {
	case err == nil && safe.Version(c.ID):
		return c.ID, nil
	case err == nil:
		return "", fmt.Errorf("resolve %s in %s: GitLab answered %q, which is not a commit sha", name, e.Project, c.ID)
	case errors.Is(err, gitlab.ErrNotFound):
		return "", deploybot.Errorf2(deploybot.ENOTFOUND,
			"%q n'est ni une branche, ni un tag, ni un commit de %s",
			"%q is not a branch, a tag or a commit of %s", name, e.Project)
	}
	return "", fmt.Errorf("resolve %s in %s: %w", name, e.Project, err)
}
