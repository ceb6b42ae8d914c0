package changelog

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"deploybot"
	"deploybot/githubapi"
)

// GitHub reads changelogs with GitHub's compare API.
type GitHub struct {
	// Client talks to GitHub (or GitHub Enterprise).
	Client *githubapi.Client
	// Repos maps a project name to its repository: "owner/name", also
	// accepted as "github.com/owner/name" or "https://github.com/owner/name.git".
	Repos map[string]string
}

var _ deploybot.Changelog = (*GitHub)(nil)

// Changes lists the commits of the comparison from...to (base...head),
// newest first, merge commits left out, at most a thousand, each with its
// committer time. A project without
// a repository gives a *deploybot.Error with code ENOTFOUND, as does a
// repository or version GitHub does not know; a repository that is not
// owner/name, or a version that is not a plain name (letters, digits, ._/+-,
// not starting with '-'), gives EINVALID.
func (g *GitHub) Changes(ctx context.Context, project, from, to string) ([]deploybot.Change, error) {
	repo, ok := g.Repos[project]
	if !ok || repo == "" {
		return nil, notConfigured(project)
	}
	owner, name, ok := ownerName(repo)
	if !ok {
		return nil, deploybot.Errorf(deploybot.EINVALID, "repository %q of project %s is not owner/name", repo, project)
	}
	if g.Client == nil {
		return nil, errors.New("changelog: GitHub has no client")
	}
	if err := checkRefs(from, to); err != nil {
		return nil, err
	}
	var commits []repositoryCommit
	path := githubapi.Repo(owner, name, "compare", githubapi.EscapeRef(from)+"..."+githubapi.EscapeRef(to))
	for page := 1; ; {
		q := url.Values{"per_page": {"100"}}
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		var comp struct {
			Commits []repositoryCommit `json:"commits"`
		}
		resp, err := g.Client.Get(ctx, path, q, &comp)
		if err != nil {
			if githubapi.StatusCode(err) == http.StatusNotFound {
				err = fmt.Errorf("%w: %w", deploybot.Errorf(deploybot.ENOTFOUND,
					"repository %s/%s or version %s or %s not found on GitHub", owner, name, from, to), err)
			}
			return nil, fmt.Errorf("changelog: compare %s/%s %s...%s: %w", owner, name, from, to, err)
		}
		commits = append(commits, comp.Commits...)
		if resp.NextPage <= page || len(commits) >= maxCommits || len(comp.Commits) == 0 {
			break
		}
		page = resp.NextPage
	}
	// GitHub lists the oldest first, at most maxCommits of them; keep the
	// newest.
	if len(commits) > maxCommits {
		commits = commits[len(commits)-maxCommits:]
	}
	changes := make([]deploybot.Change, 0, len(commits))
	for _, c := range slices.Backward(commits) {
		if len(c.Parents) > 1 {
			continue
		}
		ch := Parse(c.Commit.Message)
		ch.SHA = c.SHA
		ch.CommittedAt = commitTime(c.Commit)
		changes = append(changes, ch)
	}
	return changes, nil
}

// commitTime returns a commit's committer time (deploybot.Change says
// why), else its author time, in UTC; zero when GitHub gives neither.
func commitTime(c gitCommit) time.Time {
	for _, who := range []*commitAuthor{c.Committer, c.Author} {
		if who != nil && !who.Date.IsZero() {
			return who.Date.UTC()
		}
	}
	return time.Time{}
}

// repositoryCommit is what a changelog reads of a compared commit.
type repositoryCommit struct {
	SHA     string     `json:"sha"`
	Commit  gitCommit  `json:"commit"`
	Parents []struct{} `json:"parents"`
}

type gitCommit struct {
	Message   string        `json:"message"`
	Author    *commitAuthor `json:"author"`
	Committer *commitAuthor `json:"committer"`
}

type commitAuthor struct {
	Date time.Time `json:"date"`
}

// ownerName splits a repository reference into its owner and name.
func ownerName(repo string) (owner, name string, ok bool) {
	repo = strings.TrimSpace(repo)
	for _, p := range []string{"https://", "http://", "github.com/"} {
		repo = strings.TrimPrefix(repo, p)
	}
	repo = strings.TrimSuffix(strings.TrimSuffix(repo, "/"), ".git")
	owner, name, ok = strings.Cut(repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return "", "", false
	}
	return owner, name, true
}
