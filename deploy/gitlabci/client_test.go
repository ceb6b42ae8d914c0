package gitlabci

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// TestClientRequests checks what the client sends and reads, beyond the
// executor's tests: paths escaped as GitLab wants them, pages followed by
// X-Next-Page, error answers read, 429s tried again up to the limit.
func TestClientRequests(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("PRIVATE-TOKEN") != "tok" || r.Header.Get("Accept") != "application/json" {
			t.Errorf("headers %v", r.Header)
		}
		switch p, q := r.URL.EscapedPath(), r.URL.Query(); {
		case p == "/gl/api/v4/projects/acme%2Fmy%2Eapp/repository/commits/v1%2E2/statuses" && q.Get("page") == "":
			w.Header().Set("X-Next-Page", "2")
			fmt.Fprint(w, `[{"status":"success"}]`)
		case p == "/gl/api/v4/projects/acme%2Fmy%2Eapp/repository/commits/v1%2E2/statuses" && q.Get("page") == "2":
			fmt.Fprint(w, `[{"status":"failed","allow_failure":false}]`)
		case p == "/gl/api/v4/projects/acme%2Fmy%2Eapp/repository/commits/v1%2E2":
			fmt.Fprint(w, `{"id":"v1.2"}`)
		case p == "/gl/api/v4/projects/42/pipelines/7":
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"message":"404 Not Found"}`)
		case p == "/gl/api/v4/projects/42/pipeline":
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"message":{"base":["Reference not found"]}}`)
		case p == "/gl/api/v4/projects/42/pipelines/8/cancel":
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"error":"insufficient_scope"}`)
		case p == "/gl/api/v4/projects/42/pipelines/9":
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			t.Errorf("unexpected %s %s", r.Method, p)
			w.WriteHeader(http.StatusTeapot)
		}
	}))
	defer srv.Close()
	c, err := NewClient("tok", srv.URL+"/gl")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if state, err := CommitStatus(ctx, c, "acme/my.app", "v1.2"); err != nil || state != StateFailure {
		t.Errorf("CommitStatus over two pages = %q, %v; want %q", state, err, StateFailure)
	}
	if _, err := c.GetPipeline(ctx, "42", 7); !errors.Is(err, ErrNotFound) {
		t.Errorf("a 404 is %v, want ErrNotFound", err)
	}
	_, err = c.CreatePipeline(ctx, "42", "nope", nil)
	var er *ErrorResponse
	if !errors.As(err, &er) || er.StatusCode != 400 || errors.Is(err, ErrNotFound) ||
		!strings.HasSuffix(err.Error(), `/gl/api/v4/projects/42/pipeline: 400 {"base":["Reference not found"]}`) {
		t.Errorf("a 400 is %v", err)
	}
	if err := c.CancelPipeline(ctx, "42", 8); err == nil || !strings.HasSuffix(err.Error(), ": 403 insufficient_scope") {
		t.Errorf("a 403 is %v", err)
	}
	calls.Store(0)
	if _, err := c.GetPipeline(ctx, "42", 9); !errors.As(err, &er) || er.StatusCode != 429 || calls.Load() != retries+1 {
		t.Errorf("429s: %v after %d requests, want a 429 after %d", err, calls.Load(), retries+1)
	}
}

// TestClientRetriesRefusedConnection: a request that never left (a
// refused dial) is tried again; one that failed after it was sent is not.
func TestClientRetriesRefusedConnection(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		wantCalls int32
		wantOK    bool
	}{
		{"refused dial, then an answer", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, 2, true},
		{"reset after sending", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			c, err := NewClient("", "https://gitlab.example.com")
			if err != nil {
				t.Fatal(err)
			}
			c.http.Transport = roundTripper(func(r *http.Request) (*http.Response, error) {
				if calls.Add(1) == 1 {
					return nil, tt.err
				}
				return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"id":1,"status":"running"}`)), Header: http.Header{}}, nil
			})
			p, err := c.GetPipeline(context.Background(), "42", 1)
			if ok := err == nil && p.Status == "running"; ok != tt.wantOK || calls.Load() != tt.wantCalls {
				t.Errorf("got %+v, %v after %d requests; want ok %v after %d", p, err, calls.Load(), tt.wantOK, tt.wantCalls)
			}
		})
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
