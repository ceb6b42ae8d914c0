package gitlabci

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The client speaks the dozen calls of GitLab's REST API v4 that this
// package makes (pipelines, their jobs and variables, commits, branches,
// tags, commit statuses). It replaced GitLab's own Go module
// (gitlab.com/gitlab-org/api/client-go), which types the whole API: 5.4
// MB of the release binary (1.9 MB of code), and a package init that
// allocated 240 KB in every deploybot process, chat or serve, whether a
// GitLab executor was configured or not (issue 19: an idle serve's
// resident memory is 1.9 MB lower without it). What that client did and the
// executor relies on is kept, and tested against the fake GitLab of the
// tests: PRIVATE-TOKEN authentication, project paths and refs escaped as
// GitLab wants them ("/" and "." too), pagination by X-Next-Page, an
// answer other than 2xx as an *ErrorResponse (a 404 is ErrNotFound).
//
// Retries: a POST is never tried again after a 5xx answer, which could
// create a second pipeline when the first request did reach GitLab, and a
// GET is not either, so that the executor bounds its waits by its poll
// interval: the client retries only a 429 (GitLab refuses a rate-limited
// request before doing anything) and a request that never left (a
// refused connection); the executor handles 5xx answers itself. The wait
// after a 429 honours Retry-After first, then RateLimit-Reset.

const (
	// requestTimeout bounds one API request of a client from NewClient.
	requestTimeout = 30 * time.Second
	// retries is how many times the client tries a request again after a
	// 429 or a network error that happened before the request was sent.
	retries = 4
	// maxRetryAfter bounds the wait a Retry-After header may ask for.
	maxRetryAfter = 5 * time.Minute
	// maxBody bounds an answer's body read.
	maxBody = 16 << 20
)

// ErrNotFound is what a 404 answer's *ErrorResponse is (errors.Is).
var ErrNotFound = errors.New("404 Not Found")

// ErrorResponse is an answer other than 2xx.
type ErrorResponse struct {
	Method, URL string
	StatusCode  int
	Message     string // the body's message or error, else its text
}

func (e *ErrorResponse) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.URL, e.StatusCode, e.Message)
}

// Is makes a 404 answer ErrNotFound.
func (e *ErrorResponse) Is(target error) bool {
	return target == ErrNotFound && e.StatusCode == http.StatusNotFound
}

// Client is a GitLab REST API v4 client.
type Client struct {
	base  *url.URL // ends with /api/v4/
	token string
	http  *http.Client
}

// NewClient returns a GitLab REST API v4 client that authenticates with
// token (a project, group or personal access token; none when empty) and
// whose requests time out after 30 seconds. baseURL is the GitLab
// instance, with or without its /api/v4 path (https://gitlab.example.com);
// empty means gitlab.com.
func NewClient(token, baseURL string) (*Client, error) {
	base := "https://gitlab.com/api/v4/"
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("gitlab client: base URL %q is not an http or https URL", baseURL)
		}
		base = strings.TrimRight(baseURL, "/")
		if !strings.HasSuffix(base, "/api/v4") {
			base += "/api/v4"
		}
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("gitlab client: %w", err)
	}
	return &Client{base: u, token: token, http: &http.Client{Timeout: requestTimeout}}, nil
}

// BaseURL returns the API's URL (ending with /api/v4/).
func (c *Client) BaseURL() *url.URL {
	u := *c.base
	return &u
}

// Pipeline is a pipeline (docs.gitlab.com/api/pipelines).
type Pipeline struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	Ref    string `json:"ref"`
	SHA    string `json:"sha"`
	WebURL string `json:"web_url"`
}

// Job is a pipeline's job.
type Job struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Stage         string `json:"stage"`
	Status        string `json:"status"`
	AllowFailure  bool   `json:"allow_failure"`
	FailureReason string `json:"failure_reason"`
	WebURL        string `json:"web_url"`
}

// Variable is a pipeline's variable.
type Variable struct {
	Key          string `json:"key"`
	Value        string `json:"value"`
	VariableType string `json:"variable_type,omitempty"`
}

// commit is what the calls here read of a commit.
type commit struct {
	ID string `json:"id"`
}

// refInfo is what the calls here read of a branch or a tag.
type refInfo struct {
	Commit *commit `json:"commit"`
}

// commitStatus is one status of a commit.
type commitStatus struct {
	Status       string `json:"status"`
	AllowFailure bool   `json:"allow_failure"`
}

// escape escapes a path segment as GitLab wants it: "/" and "." too (a
// dot would otherwise end a format suffix).
func escape(s string) string {
	return strings.ReplaceAll(url.PathEscape(s), ".", "%2E")
}

// projectPath is the path of a project's resource: a numeric id is
// itself, a full path (group/name) is escaped.
func projectPath(project string, rest ...string) string {
	p := "projects/" + escape(project)
	for _, r := range rest {
		p += "/" + r
	}
	return p
}

// CreatePipeline creates a pipeline on ref with variables (environment
// variables), authenticated by the client's token.
func (c *Client) CreatePipeline(ctx context.Context, project, ref string, variables []Variable) (*Pipeline, error) {
	var p Pipeline
	body := struct {
		Ref       string     `json:"ref"`
		Variables []Variable `json:"variables"`
	}{ref, variables}
	if _, err := c.do(ctx, http.MethodPost, projectPath(project, "pipeline"), nil, body, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// RunPipelineTrigger creates a pipeline on ref with a trigger token.
func (c *Client) RunPipelineTrigger(ctx context.Context, project, ref, token string, variables map[string]string) (*Pipeline, error) {
	var p Pipeline
	body := struct {
		Ref       string            `json:"ref"`
		Token     string            `json:"token"`
		Variables map[string]string `json:"variables,omitempty"`
	}{ref, token, variables}
	if _, err := c.do(ctx, http.MethodPost, projectPath(project, "trigger", "pipeline"), nil, body, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// GetPipeline reads pipeline id.
func (c *Client) GetPipeline(ctx context.Context, project string, id int64) (*Pipeline, error) {
	var p Pipeline
	if _, err := c.do(ctx, http.MethodGet, projectPath(project, "pipelines", strconv.FormatInt(id, 10)), nil, nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// CancelPipeline cancels pipeline id.
func (c *Client) CancelPipeline(ctx context.Context, project string, id int64) error {
	_, err := c.do(ctx, http.MethodPost, projectPath(project, "pipelines", strconv.FormatInt(id, 10), "cancel"), nil, nil, nil)
	return err
}

// PipelineJobs lists the first 100 jobs of pipeline id.
func (c *Client) PipelineJobs(ctx context.Context, project string, id int64) ([]*Job, error) {
	var js []*Job
	q := url.Values{"per_page": {"100"}}
	if _, err := c.do(ctx, http.MethodGet, projectPath(project, "pipelines", strconv.FormatInt(id, 10), "jobs"), q, nil, &js); err != nil {
		return nil, err
	}
	return js, nil
}

// PipelineVariables lists the variables of pipeline id.
func (c *Client) PipelineVariables(ctx context.Context, project string, id int64) ([]*Variable, error) {
	var vs []*Variable
	if _, err := c.do(ctx, http.MethodGet, projectPath(project, "pipelines", strconv.FormatInt(id, 10), "variables"), nil, nil, &vs); err != nil {
		return nil, err
	}
	return vs, nil
}

// RecentPipelines lists the newest 20 pipelines on ref created at after
// or later, newest (highest id) first.
func (c *Client) RecentPipelines(ctx context.Context, project, ref string, after time.Time) ([]*Pipeline, error) {
	var ps []*Pipeline
	q := url.Values{"per_page": {"20"}, "ref": {ref}, "created_after": {after.UTC().Format(time.RFC3339)}, "order_by": {"id"}, "sort": {"desc"}}
	if _, err := c.do(ctx, http.MethodGet, projectPath(project, "pipelines"), q, nil, &ps); err != nil {
		return nil, err
	}
	return ps, nil
}

// commitID reads the commit that ref (a sha, whole or abbreviated, a
// branch or a tag) names.
func (c *Client) commitID(ctx context.Context, project, ref string) (string, error) {
	var cm commit
	if _, err := c.do(ctx, http.MethodGet, projectPath(project, "repository", "commits", escape(ref)), nil, nil, &cm); err != nil {
		return "", err
	}
	return cm.ID, nil
}

// refCommit reads the commit of a branch (kind "branches") or a tag
// ("tags"); "" when the answer names none.
func (c *Client) refCommit(ctx context.Context, project, kind, name string) (string, error) {
	var r refInfo
	if _, err := c.do(ctx, http.MethodGet, projectPath(project, "repository", kind, escape(name)), nil, nil, &r); err != nil {
		return "", err
	}
	if r.Commit == nil {
		return "", nil
	}
	return r.Commit.ID, nil
}

// commitStatuses reads one page (100) of the statuses of commit sha; next
// is the next page's number, 0 after the last.
func (c *Client) commitStatuses(ctx context.Context, project, sha string, page int) (statuses []commitStatus, next int, err error) {
	q := url.Values{"per_page": {"100"}}
	if page > 0 {
		q.Set("page", strconv.Itoa(page))
	}
	resp, err := c.do(ctx, http.MethodGet, projectPath(project, "repository", "commits", escape(sha), "statuses"), q, nil, &statuses)
	if err != nil {
		return nil, 0, err
	}
	next, _ = strconv.Atoi(resp.Header.Get("X-Next-Page"))
	return statuses, next, nil
}

// do sends a request to path (relative to the API's URL, already
// escaped) with query and a JSON body, tries it again after a 429 or a
// connection that never left (up to retries times), and decodes a 2xx
// answer's JSON into out (when not nil). Any other answer is an
// *ErrorResponse.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) (*http.Response, error) {
	u := c.base.String() + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("gitlab client: encode the request: %w", err)
		}
	}
	for attempt := 0; ; attempt++ {
		var rd io.Reader
		if payload != nil {
			rd = bytes.NewReader(payload)
		}
		req, err := http.NewRequestWithContext(ctx, method, u, rd)
		if err != nil {
			return nil, fmt.Errorf("gitlab client: %w", err)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", "deploybot")
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if c.token != "" {
			req.Header.Set("PRIVATE-TOKEN", c.token)
		}
		resp, err := c.http.Do(req)
		var data []byte
		if err == nil {
			data, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
			resp.Body.Close()
			if err != nil {
				return nil, fmt.Errorf("%s %s: read the answer: %w", method, u, err)
			}
		}
		if attempt < retries && retry(ctx, resp, err) {
			t := time.NewTimer(backoff(attempt, resp))
			select {
			case <-ctx.Done():
				t.Stop()
				if err == nil {
					err = answerError(method, u, resp, data)
				}
				return nil, err
			case <-t.C:
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		if resp.StatusCode/100 != 2 {
			return resp, answerError(method, u, resp, data)
		}
		if out != nil && len(bytes.TrimSpace(data)) > 0 {
			if err := json.Unmarshal(data, out); err != nil {
				return resp, fmt.Errorf("%s %s: decode the answer: %w", method, u, err)
			}
		}
		return resp, nil
	}
}

// answerError reads an answer other than 2xx: its message, or error, or
// text.
func answerError(method, u string, resp *http.Response, data []byte) *ErrorResponse {
	e := &ErrorResponse{Method: method, URL: u, StatusCode: resp.StatusCode}
	var body struct {
		Message json.RawMessage `json:"message"`
		Error   string          `json:"error"`
	}
	switch {
	case json.Unmarshal(data, &body) == nil && len(body.Message) > 0:
		var s string
		if json.Unmarshal(body.Message, &s) == nil {
			e.Message = s
		} else {
			e.Message = string(body.Message) // {"base":["Reference not found"]}
		}
	case body.Error != "":
		e.Message = body.Error
	default:
		e.Message = strings.TrimSpace(string(data[:min(len(data), 512)]))
	}
	return e
}

// retry says whether a request is tried again: after a 429, or an error
// that happened before the request was sent.
func retry(ctx context.Context, resp *http.Response, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if err != nil {
		var op *net.OpError
		return errors.As(err, &op) && op.Op == "dial"
	}
	return resp.StatusCode == http.StatusTooManyRequests
}

// backoff says how long to wait before a request is tried again: what
// Retry-After asks for (seconds or an HTTP date, at most maxRetryAfter),
// else until RateLimit-Reset for a 429, else 1s, 2s, 4s...
func backoff(attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := RetryAfter(resp.Header, time.Now()); ok {
			return d
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			if reset, err := strconv.ParseInt(resp.Header.Get("RateLimit-Reset"), 10, 64); err == nil {
				if d := time.Until(time.Unix(reset, 0)); d > 0 {
					return min(d, maxRetryAfter)
				}
			}
		}
	}
	return time.Duration(math.Pow(2, float64(min(attempt, 6)))) * time.Second
}

// RetryAfter reads a Retry-After header: a number of seconds or an HTTP
// date, bounded by maxRetryAfter. It reports false when the header is
// absent or unreadable.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return min(time.Duration(s)*time.Second, maxRetryAfter), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}
