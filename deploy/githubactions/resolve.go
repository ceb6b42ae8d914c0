package githubactions

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"deploybot"
	"deploybot/deploy/safe"
	"deploybot/githubapi"
)

// Latest is the moving reference that names the newest commit of the
// branch the executor runs the workflow from (Ref).
const Latest = "latest"

// Resolve tells which version ref names now in the executor's repository
// (project and env are those of the executor, and are not used): "latest"
// is the commit SHA of the branch Ref (DefaultRef when empty); a branch is
// its commit SHA; a tag is itself, since it names a fixed version; a
// commit SHA, whole or abbreviated, is the whole SHA. A ref that names
// nothing there is an ENOTFOUND *deploybot.Error; one that safe.Version
// refuses is an EINVALID one, and no request is made.
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
		if !safe.Version(name) {
			return "", deploybot.Errorf(deploybot.EINVALID, "the executor's ref %q is not a valid branch", name)
		}
	}
	// A tag names a fixed version: deploy it by its name.
	if _, err := e.getRef(ctx, "tags/"+name); err == nil {
		return name, nil
	} else if !notFound(err) {
		return "", err
	}
	if r, err := e.getRef(ctx, "heads/"+name); err == nil {
		if sha := r.Object.SHA; sha != "" {
			return sha, nil
		}
	} else if !notFound(err) {
		return "", err
	}
	// The sha media type answers the commit's sha alone.
	sha, err := e.Client.GetText(ctx, githubapi.Repo(e.Owner, e.Repo, "commits", githubapi.EscapeRef(name)), "application/vnd.github.sha")
	switch {
	case err == nil && safe.Version(sha):
		return sha, nil
	case err == nil:
		return "", fmt.Errorf("resolve %s in %s/%s: GitHub answered %q, which is not a commit sha", name, e.Owner, e.Repo, sha)
	case notFound(err) || unprocessable(err):
		return "", deploybot.Errorf2(deploybot.ENOTFOUND,
			"%q n'est ni une branche, ni un tag, ni un commit de %s/%s",
			"%q is not a branch, a tag or a commit of %s/%s", name, e.Owner, e.Repo)
	}
	return "", fmt.Errorf("resolve %s in %s/%s: %w", name, e.Owner, e.Repo, err)
}

// getRef reads a git reference ("tags/v1", "heads/main"). GitHub answers a
// reference that does not exist exactly with 404.
func (e Executor) getRef(ctx context.Context, ref string) (*reference, error) {
	var r reference
	if _, err := e.Client.Get(ctx, githubapi.Repo(e.Owner, e.Repo, "git", "ref", githubapi.EscapeRef(ref)), nil, &r); err != nil {
		return nil, fmt.Errorf("get %s in %s/%s: %w", ref, e.Owner, e.Repo, err)
	}
	if r.Ref != "refs/"+ref {
		// A prefix match ("refs/heads/main-2" for "heads/main").
		return nil, fmt.Errorf("get %s in %s/%s: %w", ref, e.Owner, e.Repo, errNoRef)
	}
	return &r, nil
}

// reference is what Resolve reads of a git reference.
type reference struct {
	Ref    string `json:"ref"`
	Object struct {
		SHA string `json:"sha"`
	} `json:"object"`
}

// errNoRef is the error of a reference that does not exist.
var errNoRef = errors.New("no such reference")

// notFound reports whether err is GitHub's 404 or errNoRef.
func notFound(err error) bool {
	return errors.Is(err, errNoRef) || githubapi.StatusCode(err) == http.StatusNotFound
}

// unprocessable reports whether err is GitHub's 422, its answer for a
// commit-ish it cannot read ("No commit found for SHA").
func unprocessable(err error) bool {
	return githubapi.StatusCode(err) == http.StatusUnprocessableEntity
}
