package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"deploybot/store"
)

func TestHealth(t *testing.T) {
	tests := []struct {
		name   string
		status int
		want   int
	}{
		{"healthy", http.StatusOK, 0},
		{"unhealthy", http.StatusServiceUnavailable, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/healthz" {
					http.NotFound(w, r)
					return
				}
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			var out, errs bytes.Buffer
			m := &Main{Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
			code := m.Run(context.Background(), []string{"health", "--addr", strings.TrimPrefix(srv.URL, "http://")})
			if code != tt.want {
				t.Errorf("exit %d, want %d; stdout %q stderr %q", code, tt.want, out.String(), errs.String())
			}
		})
	}
}

func TestHealthURL(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1:8080", "http://127.0.0.1:8080/healthz"},
		{":8080", "http://127.0.0.1:8080/healthz"},
		{"0.0.0.0:9000", "http://127.0.0.1:9000/healthz"},
		{"[::]:9000", "http://[::1]:9000/healthz"},
		{"deploybot.internal:8080", "http://deploybot.internal:8080/healthz"},
		{"8080", ""},
	}
	for _, tt := range tests {
		got, err := healthURL(tt.addr)
		if (err != nil) != (tt.want == "") || got != tt.want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", tt.addr, got, err, tt.want)
		}
	}
}

func TestVersion(t *testing.T) {
	run := func(args ...string) string {
		var out bytes.Buffer
		m := &Main{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
		if code := m.Run(context.Background(), args); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, out.String())
		}
		return out.String()
	}
	v := run("version")
	if !strings.HasPrefix(v, "deploybot ") || !strings.Contains(v, "(commit ") {
		t.Errorf("version printed %q", v)
	}
	if want := fmt.Sprintf("schema: migrations 1-%d, compatibility number %d; runs on a database whose number is at most %d\n",
		store.LatestSchema(), store.Compat(), store.AcceptedCompat); !strings.HasSuffix(v, want) {
		t.Errorf("version printed %q, want it to end with %q", v, want)
	}
	if got := run("--version"); got != v {
		t.Errorf("--version printed %q, version %q", got, v)
	}
	old := commit
	defer func() { commit = old }()
	commit = "0123abc"
	if got := run("version"); !strings.Contains(got, "(commit 0123abc,") {
		t.Errorf("with -X main.commit: %q", got)
	}
}
