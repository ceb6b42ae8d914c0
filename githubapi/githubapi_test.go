package githubapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestNextPage(t *testing.T) {
	tests := []struct {
		link string
		want int
	}{
		{"", 0},
		{`<https://api.github.com/repositories/1/commits?page=2&per_page=100>; rel="next", <https://api.github.com/repositories/1/commits?page=9&per_page=100>; rel="last"`, 2},
		{`<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=3>; rel="next"`, 3},
		{`<https://api.github.com/x?page=1>; rel="first"`, 0},
		{`<https://api.github.com/x?after=abc>; rel="next"`, 0},
	}
	for _, tt := range tests {
		if got := nextPage(tt.link); got != tt.want {
			t.Errorf("nextPage(%q) = %d, want %d", tt.link, got, tt.want)
		}
	}
}

// TestClientAnswers checks what the client sends (authentication, API
// version, media types, escaped paths) and how it reads answers: JSON,
// raw text, pages, errors and rate limits.
func TestClientAnswers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" || r.Header.Get("X-GitHub-Api-Version") != apiVersion {
			t.Errorf("headers %v", r.Header)
		}
		switch r.URL.EscapedPath() {
		case "/api/v3/repos/acme/api/git/ref/heads/release/2+1":
			if r.Header.Get("Accept") != "application/vnd.github+json" {
				t.Errorf("Accept %q", r.Header.Get("Accept"))
			}
			w.Header().Set("Link", fmt.Sprintf(`<http://%s/x?page=2>; rel="next"`, r.Host))
			fmt.Fprint(w, `{"ref":"refs/heads/release/2+1","object":{"sha":"abc"}}`)
		case "/api/v3/repos/acme/api/commits/main":
			if r.Header.Get("Accept") != "application/vnd.github.sha" {
				t.Errorf("Accept %q", r.Header.Get("Accept"))
			}
			fmt.Fprint(w, "0123456789abcdef0123456789abcdef01234567")
		case "/api/v3/repos/acme/api/actions/workflows/deploy.yml/dispatches":
			if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
				t.Errorf("%s %v", r.Method, r.Header)
			}
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, `{"message":"Unexpected inputs provided","documentation_url":"https://docs.github.com/rest"}`)
		case "/api/v3/repos/acme/api/primary":
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", "1700000000")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message":"API rate limit exceeded"}`)
		case "/api/v3/repos/acme/api/secondary":
			w.Header().Set("Retry-After", "60")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message":"You have exceeded a secondary rate limit.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`)
		case "/api/v3/repos/acme/api/forbidden":
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message":"Resource not accessible by integration"}`)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.EscapedPath())
			w.WriteHeader(http.StatusTeapot)
		}
	}))
	defer srv.Close()
	c, err := NewClient("tok", srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var ref struct {
		Ref    string `json:"ref"`
		Object struct {
			SHA string `json:"sha"`
		} `json:"object"`
	}
	resp, err := c.Get(ctx, Repo("acme", "api", "git", "ref", EscapeRef("heads/release/2+1")), nil, &ref)
	if err != nil || ref.Object.SHA != "abc" || resp.NextPage != 2 {
		t.Errorf("Get = %+v, %+v, %v", ref, resp, err)
	}
	if sha, err := c.GetText(ctx, Repo("acme", "api", "commits", "main"), "application/vnd.github.sha"); err != nil || sha != "0123456789abcdef0123456789abcdef01234567" {
		t.Errorf("GetText = %q, %v", sha, err)
	}
	_, err = c.Post(ctx, Repo("acme", "api", "actions", "workflows", "deploy.yml", "dispatches"), map[string]string{"ref": "main"}, nil)
	var rl *RateLimitError
	if StatusCode(err) != 422 || errors.As(err, &rl) || !strings.HasSuffix(err.Error(), "/dispatches: 422 Unexpected inputs provided") {
		t.Errorf("a 422 is %v", err)
	}
	_, err = c.Get(ctx, Repo("acme", "api", "primary"), nil, nil)
	if !errors.As(err, &rl) || !rl.Reset.Equal(time.Unix(1700000000, 0)) || StatusCode(err) != 403 {
		t.Errorf("the primary rate limit is %#v", err)
	}
	_, err = c.Get(ctx, Repo("acme", "api", "secondary"), nil, nil)
	if !errors.As(err, &rl) || rl.RetryAfter != time.Minute {
		t.Errorf("the secondary rate limit is %#v", err)
	}
	_, err = c.Get(ctx, Repo("acme", "api", "forbidden"), nil, nil)
	if errors.As(err, &rl) || StatusCode(err) != 403 {
		t.Errorf("a 403 is %#v", err)
	}
	if StatusCode(errors.New("x")) != 0 {
		t.Error("a network error has a status")
	}
}
