package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/web"
)

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return loc
}()

var now = time.Date(2026, 11, 26, 15, 0, 0, 0, paris)

// fakeStore holds deployments in memory, newest last.
type fakeStore struct {
	ds     []deploybot.Deployment
	events map[int64][]web.Event
	locks  []deploybot.Lock
	audit  []deploybot.AuditEvent
}

func (f *fakeStore) FindDeployments(_ context.Context, q deploybot.DeploymentFilter) ([]deploybot.Deployment, error) {
	var out []deploybot.Deployment
	for i := len(f.ds) - 1; i >= 0; i-- {
		d := f.ds[i]
		if (q.Project != "" && d.Project != q.Project) || (q.Env != "" && d.Env != q.Env) || (q.Action != "" && d.Action != q.Action) ||
			(len(q.States) > 0 && !slices.Contains(q.States, d.State)) {
			continue
		}
		out = append(out, d)
	}
	return out, nil
}

func (f *fakeStore) Deployment(_ context.Context, id int64) (deploybot.Deployment, error) {
	for _, d := range f.ds {
		if d.ID == id {
			return d, nil
		}
	}
	return deploybot.Deployment{}, deploybot.Errorf(deploybot.ENOTFOUND, "no deployment #%d", id)
}

func (f *fakeStore) Runs(_ context.Context, project, env string) ([]deploybot.Deployment, error) {
	var out []deploybot.Deployment
	for _, d := range f.ds {
		if d.Project == project && d.Env == env && d.Started {
			out = append(out, d)
		}
	}
	return out, nil
}

func (f *fakeStore) Locks(context.Context, string) ([]deploybot.Lock, error) { return f.locks, nil }

func (f *fakeStore) AuditEvents(context.Context, deploybot.AuditFilter) ([]deploybot.AuditEvent, error) {
	return f.audit, nil
}

func (f *fakeStore) Events(_ context.Context, id int64) ([]web.Event, error) {
	return f.events[id], nil
}

func dep(id int64, project, env, version string, state deploybot.DeployState, hoursAgo float64) deploybot.Deployment {
	at := now.Add(-time.Duration(hoursAgo * float64(time.Hour)))
	return deploybot.Deployment{ID: id, Project: project, Env: env, Version: version, Action: deploybot.ActionDeploy, State: state,
		Requester: "alice", Started: state != deploybot.StateAwaitingApproval, StartedAt: at, CreatedAt: at.Add(-time.Minute), UpdatedAt: at.Add(10 * time.Minute)}
}

func newStore() *fakeStore {
	return &fakeStore{
		ds: []deploybot.Deployment{
			dep(1, "shop", "staging", "v1.1.0", deploybot.StateSucceeded, 50),
			dep(2, "shop", "production", "v1.1.0", deploybot.StateSucceeded, 48),
			dep(3, "api", "production", "v2.0.0", deploybot.StateRolledBack, 26),
			dep(4, "shop", "production", "v1.2.0", deploybot.StateRunning, 0.1),
			dep(5, "api", "production", "v2.0.1", deploybot.StateAwaitingApproval, 0.05),
		},
		events: map[int64][]web.Event{2: {{To: deploybot.StateRequested, Actor: "alice", At: now.Add(-49 * time.Hour)},
			{From: deploybot.StateRequested, To: deploybot.StateApproved, Actor: "bob", Note: "approved by bob", At: now.Add(-48 * time.Hour)}}},
		locks: []deploybot.Lock{{Project: "shop", Env: "production", Holder: "deployment #4", DeploymentID: 4, AcquiredAt: now.Add(-6 * time.Minute)}},
		audit: []deploybot.AuditEvent{{Kind: "message", Actor: "alice", Project: "shop", What: "command deploy",
			Detail: "deploy shop v1.1.0 to production ⇒ Deploy shop v1.1.0 → production (#2)\n✅ recommended window — windows: built-in practice", At: now.Add(-49 * time.Hour)}},
	}
}

var projects = []deploybot.Project{
	{Name: "api", Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	{Name: "shop", Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
}

func handler(t *testing.T, auth web.Auth) http.Handler {
	t.Helper()
	h, err := web.New(web.Options{Store: newStore(), Projects: projects, Location: paris, Now: deploybot.FixedClock(now), Auth: auth})
	if err != nil {
		t.Fatal(err)
	}
	return h.Routes()
}

// get serves one request from peer with headers and returns the status
// and body.
func get(h http.Handler, target, peer string, header map[string]string) (int, string) {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.RemoteAddr = peer
	for k, v := range header {
		if k == "Host" {
			r.Host = v
			continue
		}
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

func TestLoopbackOnlyWithoutSignIn(t *testing.T) {
	h := handler(t, web.Auth{})
	tests := []struct {
		name   string
		peer   string
		header map[string]string
		want   int
		reason string
	}{
		{"loopback peer and host", "127.0.0.1:5000", map[string]string{"Host": "127.0.0.1:8080"}, 200, ""},
		{"localhost name", "127.0.0.1:5000", map[string]string{"Host": "localhost:8080"}, 200, ""},
		{"IPv6 loopback", "[::1]:5000", map[string]string{"Host": "[::1]:8080"}, 200, ""},
		{"remote peer", "192.0.2.7:5000", map[string]string{"Host": "127.0.0.1:8080"}, 403, "not a loopback address"},
		{"public host name (DNS rebinding)", "127.0.0.1:5000", map[string]string{"Host": "deploy.example.com"}, 403, "not localhost"},
		{"through a proxy", "127.0.0.1:5000", map[string]string{"Host": "localhost", "X-Forwarded-For": "192.0.2.7"}, 403, "through a proxy"},
		{"Forwarded header", "127.0.0.1:5000", map[string]string{"Host": "localhost", "Forwarded": "for=192.0.2.7"}, 403, "through a proxy"},
	}
	for _, tt := range tests {
		for _, path := range []string{"/", "/api/v1/now"} {
			code, body := get(h, path, tt.peer, tt.header)
			if code != tt.want || !strings.Contains(body, tt.reason) {
				t.Errorf("%s %s: %d %q, want %d with %q", tt.name, path, code, body, tt.want, tt.reason)
			}
			if code == 403 && !strings.Contains(body, "no sign-in is configured") {
				t.Errorf("%s %s: the refusal does not say why: %q", tt.name, path, body)
			}
		}
	}
	if code, _ := get(h, "/assets/style.css", "192.0.2.7:1", nil); code != 200 {
		t.Errorf("assets: %d", code)
	}
}

func TestTrustedProxy(t *testing.T) {
	h := handler(t, web.Auth{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	tests := []struct {
		name   string
		peer   string
		header map[string]string
		want   int
	}{
		{"proxy names the user", "10.1.2.3:4000", map[string]string{"X-Forwarded-User": "carol"}, 200},
		{"proxy without a user", "10.1.2.3:4000", nil, 403},
		{"header from elsewhere is ignored", "192.0.2.7:4000", map[string]string{"X-Forwarded-User": "carol"}, 403},
		{"loopback is no proxy", "127.0.0.1:4000", map[string]string{"Host": "localhost"}, 403},
	}
	for _, tt := range tests {
		code, body := get(h, "/api/v1/projects", tt.peer, tt.header)
		if code != tt.want {
			t.Errorf("%s: %d %s, want %d", tt.name, code, body, tt.want)
		}
		if code == 200 && !strings.Contains(body, `"id": "carol"`) {
			t.Errorf("%s: user not named: %s", tt.name, body)
		}
	}
}

func TestReadOnly(t *testing.T) {
	h := handler(t, web.Auth{})
	for _, path := range []string{"/", "/deployments", "/api/v1/now", "/auth/login"} {
		r := httptest.NewRequest(http.MethodPost, path, strings.NewReader("x=1"))
		r.RemoteAddr, r.Host = "127.0.0.1:1", "localhost"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST %s: %d, want 405", path, w.Code)
		}
	}
}

func local(h http.Handler, target string) (int, string) {
	return get(h, target, "127.0.0.1:1", map[string]string{"Host": "localhost"})
}

func TestAPI(t *testing.T) {
	h := handler(t, web.Auth{})
	tests := []struct {
		target string
		code   int
		want   []string
		not    []string
	}{
		{"/api/v1/now", 200, []string{`"project": "shop"`, `"version": "v1.2.0"`, `"holder": "deployment #4"`, `"state": "awaiting_approval"`}, nil},
		{"/api/v1/deployments?project=api", 200, []string{`"count": 2`, `"v2.0.1"`, `"v2.0.0"`}, []string{`"v1.1.0"`}},
		{"/api/v1/deployments?state=rolled_back", 200, []string{`"count": 1`, `"v2.0.0"`}, nil},
		{"/api/v1/deployments?person=bob", 200, []string{`"count": 0`}, nil},
		{"/api/v1/deployments?from=2026-11-25&to=2026-11-25", 200, []string{`"count": 1`, `"v2.0.0"`}, nil},
		{"/api/v1/deployments?state=exploded", 400, []string{`unknown state`}, nil},
		{"/api/v1/deployments/2", 200, []string{`"approved by bob"`, `"plan": "Deploy shop v1.1.0 → production (#2)`, `"changes": []`}, nil},
		{"/api/v1/deployments/99", 404, []string{`no deployment #99`}, nil},
		{"/api/v1/deployments/x", 400, []string{`not a deployment number`}, nil},
		{"/api/v1/dora?period=7d", 200, []string{`"report_year": 2024`, `"deployments": 3`, `"failures": 1`}, nil},
		{"/api/v1/dora?period=7d&project=nope", 404, []string{`unknown project`}, nil},
		{"/api/v1/dora?period=soon", 400, []string{`unknown period`}, nil},
		{"/api/v1/calendar", 200, []string{`"days": []`}, nil},
		{"/api/v1/projects", 200, []string{`"name": "api"`, `"via": "loopback"`}, nil},
		{"/api/v1/nothing", 404, []string{`docs/api.md`}, nil},
	}
	for _, tt := range tests {
		code, body := local(h, tt.target)
		if code != tt.code {
			t.Errorf("%s: %d, want %d: %s", tt.target, code, tt.code, body)
		}
		if !json.Valid([]byte(body)) {
			t.Errorf("%s: not JSON: %s", tt.target, body)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %s:\n%s", tt.target, w, body)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(body, w) {
				t.Errorf("%s has %s", tt.target, w)
			}
		}
	}
}

func TestPages(t *testing.T) {
	h := handler(t, web.Auth{})
	tests := []struct {
		target string
		code   int
		want   []string
	}{
		{"/", 200, []string{"<h1>Now", "v1.2.0", "deployment #4", "approval", `data-poll="/api/v1/now"`}},
		{"/deployments?project=shop", 200, []string{"3 deployment(s)", `data-project="shop"`, `<option selected>shop</option>`}},
		{"/deployments/2", 200, []string{"#2 Deploy shop v1.1.0", "approved by bob", "recommended window — windows: built-in practice"}},
		{"/deployments/99", 404, []string{"no deployment #99"}},
		{"/calendar", 200, []string{"No calendar is configured"}},
		{"/dora", 200, []string{"DORA figures", "Agency", "2024 DORA report", "first staging deploy"}},
	}
	for _, tt := range tests {
		code, body := local(h, tt.target)
		if code != tt.code {
			t.Errorf("%s: %d, want %d", tt.target, code, tt.code)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q:\n%s", tt.target, w, body)
			}
		}
	}
}

func TestSignInRequiresTeam(t *testing.T) {
	_, err := web.New(web.Options{Store: newStore(), Auth: web.Auth{OIDC: &web.OIDC{Issuer: "https://slack.com", ClientID: "c", RedirectURL: "https://x/auth/callback"}}})
	if err == nil {
		t.Error("a sign-in without team_id was accepted")
	}
	_ = io.EOF
}

// TestEmptyStore: every page and endpoint answers on a store with no
// deployment, with empty lists and figures without bands.
func TestEmptyStore(t *testing.T) {
	h, err := web.New(web.Options{Store: &fakeStore{}, Projects: projects, Location: paris, Now: deploybot.FixedClock(now)})
	if err != nil {
		t.Fatal(err)
	}
	routes := h.Routes()
	for _, tt := range []struct{ target, want string }{
		{"/", "never deployed"},
		{"/deployments", "No deployment matches"},
		{"/dora", "no concluded deploy"},
		{"/api/v1/now", `"running": []`},
		{"/api/v1/deployments", `"days": []`},
		{"/api/v1/dora", `"frequency_band": ""`},
	} {
		code, body := local(routes, tt.target)
		if code != 200 || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, lacks %q:\n%.400s", tt.target, code, tt.want, body)
		}
	}
}

// commitStore is a store whose deployments carry their first commit's
// time, as the real store's do (dora.CommitTimes).
type commitStore struct{ *fakeStore }

func (commitStore) CommitAt(_ context.Context, d deploybot.Deployment) (time.Time, bool, error) {
	return d.FirstCommitAt, !d.FirstCommitAt.IsZero(), nil
}

// TestDORALeadFrom: the DORA page and its API say, for the agency and for
// each project, where lead times start; a deployment's page shows its
// first commit.
func TestDORALeadFrom(t *testing.T) {
	s := newStore()
	s.ds = append(s.ds,
		dep(6, "api", "staging", "v2.1.0", deploybot.StateSucceeded, 12),
		dep(7, "api", "production", "v2.1.0", deploybot.StateSucceeded, 10))
	// shop's v1.1.0 shipped commits from three days before its production
	// deploy; api's v2.1.0 has no commit time: it starts at staging.
	s.ds[1].FirstCommitAt = now.Add(-(48 + 72) * time.Hour)
	h, err := web.New(web.Options{Store: commitStore{s}, Projects: projects, Location: paris, Now: deploybot.FixedClock(now)})
	if err != nil {
		t.Fatal(err)
	}
	routes := h.Routes()
	_, page := local(routes, "/dora?period=7d")
	for _, w := range []string{
		`<tr data-project="">`, `data-from="mixed">1 from the commits, 1 from staging</span>`,
		`<tr data-project="api">`, `data-from="staging">from staging</span>`,
		`<tr data-project="shop">`, `data-from="commit">from the commits</span>`,
		"Lead time measured from the earliest commit shipped where the deploy&#39;s changelog dates its commits",
	} {
		if !strings.Contains(page, w) {
			t.Errorf("/dora lacks %q", w)
		}
	}
	_, body := local(routes, "/api/v1/dora?period=7d&project=shop")
	for _, w := range []string{`"lead_time_from": "commit"`, `"lead_time_from_commits": 1`, `"lead_time_samples": 1`,
		`"lead_time_ns": 259800000000000`} { // 72h 10m: to its success, 10 minutes after its start
		if !strings.Contains(body, w) {
			t.Errorf("/api/v1/dora?project=shop lacks %s:\n%s", w, body)
		}
	}
	_, body = local(routes, "/api/v1/deployments/2")
	if !strings.Contains(body, `"first_commit_at": "2026-11-21T15:00:00+01:00"`) {
		t.Errorf("deployment 2 lacks its first commit:\n%s", body)
	}
	_, page = local(routes, "/deployments/2")
	if !strings.Contains(page, `<dd id="first-commit">Sat 21 Nov 15:00`) {
		t.Errorf("the deployment's page lacks its first commit:\n%s", page)
	}
	if _, page = local(routes, "/deployments/7"); strings.Contains(page, "first-commit") {
		t.Errorf("a deployment without a commit time shows one")
	}
}
