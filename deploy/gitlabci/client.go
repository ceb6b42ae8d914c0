package gitlabci

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	gitlab "gitlab.com/gitlab-org/api/client-go/v2"
)

// The client is GitLab's own Go module, gitlab.com/gitlab-org/api/client-go/v2
// (v2.64.0): it builds on this Go version, is kept by GitLab, and types the
// REST API v4 that this package uses. Two of its defaults are changed, in
// NewClient:
//
//   - it retries a POST after a 5xx answer, which could create a second
//     pipeline when the first request did reach GitLab, and retries a GET
//     after a 5xx with waits that the executor cannot bound by its poll
//     interval: here the client retries only a 429 (GitLab refuses a
//     rate-limited request before doing anything) and a request that never
//     left (a refused connection); the executor handles 5xx answers itself;
//   - its wait after a 429 reads RateLimit-Reset but not Retry-After: the
//     backoff here honours Retry-After first.

const (
	// requestTimeout bounds one API request of a client from NewClient.
	requestTimeout = 30 * time.Second
	// retries is how many times the client tries a request again after a
	// 429 or a network error that happened before the request was sent.
	retries = 4
	// maxRetryAfter bounds the wait a Retry-After header may ask for.
	maxRetryAfter = 5 * time.Minute
)

// NewClient returns a GitLab REST API v4 client that authenticates with
// token (a project, group or personal access token; none when empty) and
// whose requests time out after 30 seconds. baseURL is the GitLab
// instance, with or without its /api/v4 path (https://gitlab.example.com);
// empty means gitlab.com.
func NewClient(token, baseURL string) (*gitlab.Client, error) {
	opts := []gitlab.ClientOptionFunc{
		gitlab.WithHTTPClient(&http.Client{Timeout: requestTimeout}),
		gitlab.WithCustomRetry(retry),
		gitlab.WithCustomRetryMax(retries),
		gitlab.WithCustomBackoff(backoff),
	}
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("gitlab client: base URL %q is not an http or https URL", baseURL)
		}
		base := strings.TrimRight(baseURL, "/")
		if !strings.HasSuffix(base, "/api/v4") {
			base += "/api/v4"
		}
		opts = append(opts, gitlab.WithBaseURL(base))
	}
	c, err := gitlab.NewClient(token, opts...)
	if err != nil {
		return nil, fmt.Errorf("gitlab client: %w", err)
	}
	return c, nil
}

// retry says whether a request is tried again: after a 429, or an error
// that happened before the request was sent.
func retry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		var op *net.OpError
		return errors.As(err, &op) && op.Op == "dial", nil
	}
	return resp.StatusCode == http.StatusTooManyRequests, nil
}

// backoff says how long to wait before a request is tried again: what
// Retry-After asks for (seconds or an HTTP date, at most maxRetryAfter),
// else until RateLimit-Reset for a 429, else 1s, 2s, 4s...
func backoff(_, _ time.Duration, attempt int, resp *http.Response) time.Duration {
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
