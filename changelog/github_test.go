package changelog_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"deploybot"
	"deploybot/changelog"
	"deploybot/githubapi"
)

// compareServer speaks GitHub's compare endpoint for acme/api v1.0.0...v1.1.0,
// over two pages, oldest commit first.
func compareServer(t *testing.T) *githubapi.Client {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v3/repos/acme/api/compare/v1.0.0...v1.1.0", func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.Query().Get("per_page"); got != "100" {
			t.Errorf("per_page=%q, want 100", got)
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("page") {
		case "", "1":
			w.Header().Set("Link", fmt.Sprintf(`<http://%s%s?page=2&per_page=100>; rel="next"`, r.Host, r.URL.Path))
			io.WriteString(w, `{"status":"ahead","ahead_by":4,"total_commits":4,"commits":[
				{"sha":"aaa1","commit":{"message":"feat(profile): nouvelle page de profil\n\nBody.",
					"author":{"name":"A","date":"2026-10-30T09:00:00Z"},"committer":{"name":"C","date":"2026-11-02T10:00:00+01:00"}},"parents":[{"sha":"base"}]},
				{"sha":"aaa2","commit":{"message":"fix: handle a nil user",
					"author":{"name":"A","date":"2026-11-02T11:30:00Z"}},"parents":[{"sha":"aaa1"}]}]}`)
		case "2":
			io.WriteString(w, `{"status":"ahead","ahead_by":4,"total_commits":4,"commits":[
				{"sha":"aaa3","commit":{"message":"Merge pull request #7 from acme/perf",
					"committer":{"name":"C","date":"2026-11-01T00:00:00Z"}},"parents":[{"sha":"aaa2"},{"sha":"bbb1"}]},
				{"sha":"aaa4","commit":{"message":"Update the README"},"parents":[{"sha":"aaa3"}]}]}`)
		default:
			t.Errorf("unexpected page %q", r.URL.Query().Get("page"))
		}
	})
	mux.HandleFunc("GET /api/v3/repos/acme/api/compare/v1.0.0...v9.9.9", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest/commits/commits#compare-two-commits","status":"404"}`)
	})
	mux.HandleFunc("GET /api/v3/repos/acme/api/compare/v1.0.0...v5.0.0", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c, err := githubapi.NewClient("", srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGitHubChanges(t *testing.T) {
	client := compareServer(t)
	// aaa1 has both times: its committer time counts (deploybot.Change
	// says why); aaa2 only an author time; aaa4 none.
	committed := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	want := []deploybot.Change{
		{Type: "other", Summary: "Update the README", SHA: "aaa4"},
		{Type: "fix", Summary: "handle a nil user", SHA: "aaa2", CommittedAt: time.Date(2026, 11, 2, 11, 30, 0, 0, time.UTC)},
		{Type: "feat", Summary: "nouvelle page de profil", SHA: "aaa1", CommittedAt: committed},
	}
	for _, repo := range []string{"acme/api", "github.com/acme/api", "https://github.com/acme/api.git"} {
		t.Run(repo, func(t *testing.T) {
			g := &changelog.GitHub{Client: client, Repos: map[string]string{"api": repo}}
			got, err := g.Changes(t.Context(), "api", "v1.0.0", "v1.1.0")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
			// The merge's earlier time is not a change shipped.
			if first, ok := deploybot.EarliestCommit(got); !ok || !first.Equal(committed) {
				t.Errorf("EarliestCommit = %v, %v; want %v", first, ok, committed)
			}
		})
	}
}

func TestGitHubChangesErrors(t *testing.T) {
	g := &changelog.GitHub{Client: compareServer(t), Repos: map[string]string{"api": "acme/api", "bad": "acme"}}
	tests := []struct {
		name, project, from, to, code string
	}{
		{"unknown project", "web", "v1.0.0", "v1.1.0", deploybot.ENOTFOUND},
		{"not owner/name", "bad", "v1.0.0", "v1.1.0", deploybot.EINVALID},
		{"unknown version", "api", "v1.0.0", "v9.9.9", deploybot.ENOTFOUND},
		{"server error", "api", "v1.0.0", "v5.0.0", deploybot.EINTERNAL},
		{"invalid version", "api", "-v1", "v1.1.0", deploybot.EINVALID},
		{"query", "api", "v1.0.0", "v1.1.0?x=1", deploybot.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := g.Changes(t.Context(), tt.project, tt.from, tt.to)
			if err == nil {
				t.Fatal("got no error")
			}
			if got := deploybot.ErrorCode(err); got != tt.code {
				t.Errorf("got %v (code %s), want code %s", err, got, tt.code)
			}
		})
	}
}
