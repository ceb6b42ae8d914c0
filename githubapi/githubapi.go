// Package githubapi is a client of the few calls of GitHub's REST API that
// deploybot makes: workflow dispatches and runs (the GitHub Actions
// executor), commit statuses and check runs (CI gates), references and
// commits (resolving a version), comparisons (changelogs).
//
// It replaced github.com/google/go-github, which types the whole API: 4.5
// MB of the release binary and package inits in every deploybot process,
// chat or serve, whether GitHub was configured or not (issue 19). What
// that client did and deploybot relies on is kept: Bearer authentication,
// GitHub Enterprise URLs (/api/v3/ added unless the host starts with
// "api."), the API version header, pagination by the Link header, an
// answer other than 2xx as an *ErrorResponse, a rate limit as a
// *RateLimitError. Nothing is retried here: the callers decide.
package githubapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	// requestTimeout bounds one request of a client from NewClient.
	requestTimeout = 30 * time.Second
	// maxBody bounds an answer's body read.
	maxBody = 32 << 20
	// apiVersion is the REST API version asked for.
	apiVersion = "2022-11-28"
)

// Client is a GitHub REST API client.
type Client struct {
	base  *url.URL // ends with "/"
	token string
	http  *http.Client
}

// NewClient returns a client that authenticates with token (none when
// empty) and whose requests time out after 30 seconds. baseURL, when set,
// is a GitHub Enterprise Server URL, with or without its /api/v3 path
// (https://github.example.com), or any API root whose host starts with
// "api."; empty means api.github.com.
func NewClient(token, baseURL string) (*Client, error) {
	base := "https://api.github.com/"
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("github client: base URL %q is not an http or https URL", baseURL)
		}
		base = strings.TrimRight(baseURL, "/") + "/"
		if !strings.HasSuffix(base, "/api/v3/") && !strings.HasPrefix(u.Host, "api.") && !strings.Contains(u.Host, ".api.") {
			base += "api/v3/"
		}
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("github client: %w", err)
	}
	return &Client{base: u, token: token, http: &http.Client{Timeout: requestTimeout}}, nil
}

// BaseURL returns the API's root URL, ending with "/".
func (c *Client) BaseURL() string { return c.base.String() }

// ErrorResponse is an answer other than 2xx.
type ErrorResponse struct {
	Method, URL string
	StatusCode  int
	Message     string // the body's message, else its text
}

func (e *ErrorResponse) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.URL, e.StatusCode, e.Message)
}

// RateLimitError is an answer that says the rate limit is reached
// (primary: no request left until Reset; secondary: wait RetryAfter).
type RateLimitError struct {
	ErrorResponse
	Reset      time.Time     // zero when not said
	RetryAfter time.Duration // zero when not said
}

func (e *RateLimitError) Error() string {
	return e.ErrorResponse.Error() + " (rate limited)"
}

// Unwrap lets errors.As find the *ErrorResponse of a rate limit.
func (e *RateLimitError) Unwrap() error { return &e.ErrorResponse }

// StatusCode returns the HTTP status of an error answer (an
// *ErrorResponse or a *RateLimitError), else 0.
func StatusCode(err error) int {
	var er *ErrorResponse
	if errors.As(err, &er) {
		return er.StatusCode
	}
	return 0
}

// Response is what a call reads of an answer besides its body.
type Response struct {
	// NextPage is the page that the Link header's rel="next" names, 0
	// when there is none.
	NextPage int
}

// Get reads path (relative to the API's root, escaped) with query into
// out (JSON).
func (c *Client) Get(ctx context.Context, path string, query url.Values, out any) (*Response, error) {
	return c.do(ctx, http.MethodGet, path, query, nil, out, "")
}

// Post sends body (JSON) to path and reads the answer into out when not
// nil.
func (c *Client) Post(ctx context.Context, path string, body, out any) (*Response, error) {
	return c.do(ctx, http.MethodPost, path, nil, body, out, "")
}

// GetText reads path as the media type accept, returning the body.
func (c *Client) GetText(ctx context.Context, path, accept string) (string, error) {
	var b []byte
	_, err := c.do(ctx, http.MethodGet, path, nil, nil, &b, accept)
	return string(b), err
}

// do sends one request and reads its answer: into out as JSON, or as the
// raw body when out is a *[]byte.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any, accept string) (*Response, error) {
	u := c.base.String() + strings.TrimPrefix(path, "/")
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("github client: encode the request: %w", err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("github client: %w", err)
	}
	if accept == "" {
		accept = "application/vnd.github+json"
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("X-GitHub-Api-Version", apiVersion)
	req.Header.Set("User-Agent", "deploybot")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("%s %s: read the answer: %w", method, u, err)
	}
	if resp.StatusCode/100 != 2 {
		return nil, answerError(method, u, resp, data)
	}
	r := &Response{NextPage: nextPage(resp.Header.Get("Link"))}
	switch out := out.(type) {
	case nil:
	case *[]byte:
		*out = data
	default:
		if len(bytes.TrimSpace(data)) > 0 {
			if err := json.Unmarshal(data, out); err != nil {
				return r, fmt.Errorf("%s %s: decode the answer: %w", method, u, err)
			}
		}
	}
	return r, nil
}

// answerError reads an answer other than 2xx; a 403 or 429 that says the
// rate limit is reached is a *RateLimitError, as go-github read them.
func answerError(method, u string, resp *http.Response, data []byte) error {
	e := ErrorResponse{Method: method, URL: u, StatusCode: resp.StatusCode}
	var body struct {
		Message          string `json:"message"`
		DocumentationURL string `json:"documentation_url"`
	}
	if json.Unmarshal(data, &body) == nil && body.Message != "" {
		e.Message = body.Message
	} else {
		e.Message = strings.TrimSpace(string(data[:min(len(data), 512)]))
	}
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusTooManyRequests {
		return &e
	}
	rl := &RateLimitError{ErrorResponse: e}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
		rl.RetryAfter = time.Duration(s) * time.Second
	}
	if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
		rl.Reset = time.Unix(reset, 0)
	}
	switch {
	case resp.Header.Get("X-RateLimit-Remaining") == "0",
		strings.Contains(body.DocumentationURL, "secondary-rate-limits"),
		strings.Contains(strings.ToLower(body.Message), "secondary rate limit"),
		rl.RetryAfter > 0:
		return rl
	}
	return &e
}

// nextPage reads the page number of the Link header's rel="next".
func nextPage(link string) int {
	for part := range strings.SplitSeq(link, ",") {
		target, params, ok := strings.Cut(strings.TrimSpace(part), ";")
		if !ok || !strings.Contains(params, `rel="next"`) {
			continue
		}
		u, err := url.Parse(strings.Trim(strings.TrimSpace(target), "<>"))
		if err != nil {
			return 0
		}
		n, _ := strconv.Atoi(u.Query().Get("page"))
		return n
	}
	return 0
}

// Repo is the path of a repository's resource: repos/OWNER/REPO/rest.
func Repo(owner, repo string, rest ...string) string {
	p := "repos/" + url.PathEscape(owner) + "/" + url.PathEscape(repo)
	for _, r := range rest {
		p += "/" + r
	}
	return p
}

// EscapeRef escapes a git reference for a path, each segment on its own
// ("heads/release/2.x" keeps its slashes).
func EscapeRef(ref string) string {
	segs := strings.Split(ref, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
