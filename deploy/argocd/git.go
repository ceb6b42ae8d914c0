package argocd

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The git kinds of a Git source.
const (
	GitHub = "github"
	GitLab = "gitlab"
)

// Git is where revision_source git commits the version: a file of a
// repository that the application's source reads (a Helm values file or a
// Kustomize overlay names the file's content; see examples/argocd).
type Git struct {
	Kind    string // GitHub or GitLab
	APIURL  string // https://api.github.com, https://gitlab.example.com/api/v4
	Project string // owner/name (GitHub) or the project's full path (GitLab)
	Path    string // the file, from the repository's root
	Token   string // a token that may commit to the repository
	Branch  string // empty: the application's target revision, else the default branch
}

// ParseRepository reads a repository of the git revision source:
// github.com/OWNER/NAME (or an https URL of it) is on GitHub, through
// api.github.com; a host whose name starts with "github." is GitHub
// Enterprise Server (https://HOST/api/v3); any other host is GitLab
// (https://HOST/api/v4), gitlab.com or self-managed. A trailing .git is
// dropped.
func ParseRepository(repo string) (kind, apiURL, project string, err error) {
	s := strings.TrimSuffix(strings.TrimSpace(repo), ".git")
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, perr := url.Parse(s)
	if perr != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", "", "", fmt.Errorf("repository %q is not HOST/OWNER/NAME or an https URL", repo)
	}
	project = strings.Trim(u.Path, "/")
	if strings.Count(project, "/") < 1 || strings.Contains(project, "..") || strings.Contains(project, "//") {
		return "", "", "", fmt.Errorf("repository %q does not name OWNER/NAME", repo)
	}
	host := strings.ToLower(u.Host)
	switch {
	case host == "github.com":
		return GitHub, "https://api.github.com", project, nil
	case strings.HasPrefix(host, "github."):
		return GitHub, u.Scheme + "://" + u.Host + "/api/v3", project, nil
	}
	return GitLab, u.Scheme + "://" + u.Host + "/api/v4", project, nil
}

// commit writes content to g.Path on branch (the default branch when
// empty) and returns the commit's SHA. An unchanged file is not committed
// again: its branch's head is returned.
func (g Git) commit(ctx context.Context, c *http.Client, branch, content, message string) (string, error) {
	switch g.Kind {
	case GitHub:
		return g.commitGitHub(ctx, caller{client: c, header: "Authorization", value: bearer(g.Token)}, branch, content, message)
	case GitLab:
		return g.commitGitLab(ctx, caller{client: c, header: "PRIVATE-TOKEN", value: g.Token}, branch, content, message)
	}
	return "", fmt.Errorf("git revision source: unknown kind %q", g.Kind)
}

func bearer(token string) string {
	if token == "" {
		return ""
	}
	return "Bearer " + token
}

// commitGitHub uses the contents API: GET then PUT
// /repos/{owner}/{repo}/contents/{path}.
func (g Git) commitGitHub(ctx context.Context, api caller, branch, content, message string) (string, error) {
	base := strings.TrimRight(g.APIURL, "/") + "/repos/" + g.Project + "/contents/" + escapePath(g.Path)
	get := base
	if branch != "" {
		get += "?ref=" + url.QueryEscape(branch)
	}
	var file struct {
		SHA      string `json:"sha"`
		Content  string `json:"content"`
		Encoding string `json:"encoding"`
	}
	err := api.do(ctx, http.MethodGet, get, nil, &file)
	switch {
	case err == nil:
		if old, derr := base64.StdEncoding.DecodeString(strings.ReplaceAll(file.Content, "\n", "")); derr == nil && string(old) == content {
			return g.headGitHub(ctx, api, branch)
		}
	case statusOf(err) == http.StatusNotFound:
		file.SHA = ""
	default:
		return "", fmt.Errorf("read %s in %s: %w", g.Path, g.Project, err)
	}
	body := map[string]string{"message": message, "content": base64.StdEncoding.EncodeToString([]byte(content))}
	if file.SHA != "" {
		body["sha"] = file.SHA
	}
	if branch != "" {
		body["branch"] = branch
	}
	var out struct {
		Commit struct {
			SHA string `json:"sha"`
		} `json:"commit"`
	}
	if err := api.do(ctx, http.MethodPut, base, body, &out); err != nil {
		return "", fmt.Errorf("commit %s in %s: %w", g.Path, g.Project, err)
	}
	if out.Commit.SHA == "" {
		return "", fmt.Errorf("commit %s in %s: GitHub answered no commit", g.Path, g.Project)
	}
	return out.Commit.SHA, nil
}

func (g Git) headGitHub(ctx context.Context, api caller, branch string) (string, error) {
	if branch == "" {
		var repo struct {
			DefaultBranch string `json:"default_branch"`
		}
		if err := api.do(ctx, http.MethodGet, strings.TrimRight(g.APIURL, "/")+"/repos/"+g.Project, nil, &repo); err != nil {
			return "", fmt.Errorf("read %s: %w", g.Project, err)
		}
		branch = repo.DefaultBranch
	}
	var c struct {
		SHA string `json:"sha"`
	}
	if err := api.do(ctx, http.MethodGet, strings.TrimRight(g.APIURL, "/")+"/repos/"+g.Project+"/commits/"+url.PathEscape(branch), nil, &c); err != nil {
		return "", fmt.Errorf("read the head of %s in %s: %w", branch, g.Project, err)
	}
	return c.SHA, nil
}

// commitGitLab uses the repository files API: GET, then PUT (update) or
// POST (create) /projects/:id/repository/files/:file_path.
func (g Git) commitGitLab(ctx context.Context, api caller, branch, content, message string) (string, error) {
	project := strings.TrimRight(g.APIURL, "/") + "/projects/" + url.PathEscape(g.Project)
	if branch == "" {
		var p struct {
			DefaultBranch string `json:"default_branch"`
		}
		if err := api.do(ctx, http.MethodGet, project, nil, &p); err != nil {
			return "", fmt.Errorf("read %s: %w", g.Project, err)
		}
		branch = p.DefaultBranch
	}
	file := project + "/repository/files/" + url.PathEscape(g.Path)
	var cur struct {
		Content string `json:"content"`
	}
	method := http.MethodPut
	err := api.do(ctx, http.MethodGet, file+"?ref="+url.QueryEscape(branch), nil, &cur)
	switch {
	case err == nil:
		if old, derr := base64.StdEncoding.DecodeString(cur.Content); derr == nil && string(old) == content {
			return g.headGitLab(ctx, api, project, branch)
		}
	case statusOf(err) == http.StatusNotFound:
		method = http.MethodPost
	default:
		return "", fmt.Errorf("read %s in %s: %w", g.Path, g.Project, err)
	}
	body := map[string]string{"branch": branch, "content": content, "commit_message": message}
	if err := api.do(ctx, method, file, body, nil); err != nil {
		return "", fmt.Errorf("commit %s in %s: %w", g.Path, g.Project, err)
	}
	// The files API answers the file's path and branch, not the commit.
	return g.headGitLab(ctx, api, project, branch)
}

func (g Git) headGitLab(ctx context.Context, api caller, project, branch string) (string, error) {
	var b struct {
		Commit struct {
			ID string `json:"id"`
		} `json:"commit"`
	}
	if err := api.do(ctx, http.MethodGet, project+"/repository/branches/"+url.PathEscape(branch), nil, &b); err != nil {
		return "", fmt.Errorf("read the head of %s in %s: %w", branch, g.Project, err)
	}
	return b.Commit.ID, nil
}

// escapePath escapes each segment of a file path.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
