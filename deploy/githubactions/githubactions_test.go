package githubactions_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy/deploytest"
	"deploybot/deploy/githubactions"
)

const (
	token   = "ghp_test"
	apiRoot = "/api/v3/repos/acme/api/actions"
)

// fakeRun is a workflow run of the fake GitHub.
type fakeRun struct {
	ID           int64     `json:"id"`
	RunNumber    int       `json:"run_number"`
	DisplayTitle string    `json:"display_title"`
	Event        string    `json:"event"`
	Status       string    `json:"status"`
	Conclusion   *string   `json:"conclusion"`
	CreatedAt    time.Time `json:"created_at"`
	HTMLURL      string    `json:"html_url"`
	gets         int       // GET requests of the run
}

// fakeGitHub speaks the REST endpoints the executor uses: dispatch, list a
// workflow's runs, get a run. A dispatched run shows in the list from the
// second list request on (GitHub takes a moment too), and completes as
// conclusion says after completeAfter gets (never when hang).
type fakeGitHub struct {
	t             *testing.T
	record        func(deploytest.Received)
	runName       bool   // the workflow sets a run-name with "#<deploy_id>"
	conclusion    string // of dispatched runs
	hang          bool
	refuse        bool            // dispatches are refused (422)
	release       <-chan struct{} // when set, runs complete only once it is closed
	completeAfter int
	failures      map[string][]int  // path: statuses to answer first
	refs          map[string]string // git refs ("heads/main", "tags/v1"): commit sha

	mu         sync.Mutex
	runs       []*fakeRun // newest first
	dispatches []dispatchBody
	lists      []string // raw queries of list requests
	listCalls  int
}

type dispatchBody struct {
	Ref    string            `json:"ref"`
	Inputs map[string]string `json:"inputs"`
}

func newFakeGitHub(t *testing.T) *fakeGitHub {
	return &fakeGitHub{t: t, record: func(deploytest.Received) {}, runName: true, conclusion: "success", completeAfter: 1}
}

// start serves f and returns an executor wired to it.
func (f *fakeGitHub) start() githubactions.Executor {
	f.t.Helper()
	srv := httptest.NewServer(f)
	f.t.Cleanup(srv.Close)
	client, err := githubactions.NewClient(token, srv.URL)
	if err != nil {
		f.t.Fatal(err)
	}
	return githubactions.Executor{
		Client: client, Owner: "acme", Repo: "api", Workflow: "deploy.yml",
		PollInterval: time.Millisecond, Timeout: 30 * time.Second,
	}
}

func (f *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if codes := f.failures[r.URL.Path]; len(codes) > 0 {
		f.failures[r.URL.Path] = codes[1:]
		w.WriteHeader(codes[0])
		fmt.Fprintf(w, `{"message":"fake failure %d"}`, codes[0])
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+token {
		f.record(deploytest.Received{})
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message":"Bad credentials"}`)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, apiRoot)
	switch {
	case r.Method == http.MethodPost && f.refuse && (path == "/workflows/deploy.yml/dispatches" || path == "/workflows/1234/dispatches"):
		f.record(deploytest.Received{})
		w.WriteHeader(http.StatusUnprocessableEntity)
		io.WriteString(w, `{"message":"Unexpected inputs provided"}`)
	case r.Method == http.MethodPost && (path == "/workflows/deploy.yml/dispatches" || path == "/workflows/1234/dispatches"):
		var body dispatchBody
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.record(deploytest.Received{})
			w.WriteHeader(http.StatusUnprocessableEntity)
			return
		}
		f.dispatches = append(f.dispatches, body)
		f.record(deploytest.Received{
			deploytest.KeyProject: body.Inputs["project"],
			deploytest.KeyEnv:     body.Inputs["env"],
			deploytest.KeyVersion: body.Inputs["version"],
			deploytest.KeyAction:  body.Inputs["action"],
			deploytest.KeyID:      body.Inputs["deploy_id"],
		})
		id := int64(9000 + len(f.dispatches))
		title := "Deploy"
		if f.runName {
			title = fmt.Sprintf("Deploy %s %s to %s #%s", body.Inputs["project"], body.Inputs["version"], body.Inputs["env"], body.Inputs["deploy_id"])
		}
		run := &fakeRun{
			ID: id, RunNumber: len(f.dispatches), DisplayTitle: title, Event: "workflow_dispatch",
			Status: "queued", CreatedAt: time.Now().UTC().Truncate(time.Second),
			HTMLURL: fmt.Sprintf("https://github.com/acme/api/actions/runs/%d", id),
		}
		f.runs = append([]*fakeRun{run}, f.runs...)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodGet && (path == "/workflows/deploy.yml/runs" || path == "/workflows/1234/runs"):
		f.lists = append(f.lists, r.URL.RawQuery)
		f.listCalls++
		visible := f.runs
		if f.listCalls == 1 && len(visible) > 0 {
			visible = visible[1:] // the newest run is not listed yet
		}
		writeJSON(w, map[string]any{"total_count": len(visible), "workflow_runs": visible})
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/runs/"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(path, "/runs/"), 10, 64)
		for _, run := range f.runs {
			if run.ID != id {
				continue
			}
			run.gets++
			if run.Status == "completed" {
				writeJSON(w, run)
				return
			}
			run.Status = "in_progress"
			if !f.hang && run.gets >= f.completeAfter && f.released() {
				run.Status = "completed"
				run.Conclusion = &f.conclusion
			}
			writeJSON(w, run)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Not Found"}`)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v3/repos/acme/api/git/ref/"):
		ref := strings.TrimPrefix(r.URL.Path, "/api/v3/repos/acme/api/git/ref/")
		sha, ok := f.refs[ref]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"Not Found"}`)
			return
		}
		writeJSON(w, map[string]any{"ref": "refs/" + ref, "object": map[string]any{"sha": sha, "type": "commit"}})
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/v3/repos/acme/api/commits/"):
		ref := strings.TrimPrefix(r.URL.Path, "/api/v3/repos/acme/api/commits/")
		for _, sha := range f.refs {
			if len(ref) >= 7 && strings.HasPrefix(sha, ref) {
				io.WriteString(w, sha)
				return
			}
		}
		w.WriteHeader(http.StatusUnprocessableEntity)
		io.WriteString(w, `{"message":"No commit found for SHA: `+ref+`"}`)
	default:
		f.record(deploytest.Received{})
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Not Found"}`)
	}
}

// released reports whether runs may complete.
func (f *fakeGitHub) released() bool {
	if f.release == nil {
		return true
	}
	select {
	case <-f.release:
		return true
	default:
		return false
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// restartable is the suite's executor: Restart builds a new one from the
// same configuration, as a restarted deploybot would.
type restartable struct {
	githubactions.Executor
	build func() githubactions.Executor
}

func (r restartable) Restart() deploybot.Executor { return r.build() }

func TestContract(t *testing.T) {
	deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		f := newFakeGitHub(t)
		f.record = o.Record
		f.completeAfter = 2
		switch o.Behavior {
		case deploytest.Fail:
			f.conclusion = "failure"
		case deploytest.Hang:
			f.hang = true
		case deploytest.Refuse:
			f.refuse = true
		case deploytest.SucceedOnRelease:
			f.release = o.Release
		case deploytest.FailOnRelease:
			f.release, f.conclusion = o.Release, "failure"
		}
		ex := f.start()
		ex.Timeout = time.Hour
		return restartable{ex, func() githubactions.Executor { return ex }}
	})
}

func TestDispatch(t *testing.T) {
	tests := []struct {
		name     string
		exec     func(e *githubactions.Executor)
		wantRef  string
		wantPath string
	}{
		{"defaults", func(e *githubactions.Executor) {}, "main", "deploy.yml"},
		{"ref and workflow id", func(e *githubactions.Executor) { e.Ref = "v2"; e.Workflow = "1234" }, "v2", "1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeGitHub(t)
			ex := f.start()
			ex.Inputs = map[string]string{"region": "eu-west-3", "version": "evil", "deploy_id": "1"}
			tt.exec(&ex)
			d := deploytest.NewDeployment()
			d.Action = deploybot.ActionRollback
			res, err := ex.Execute(context.Background(), d)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if res.Ref != "https://github.com/acme/api/actions/runs/9001" {
				t.Errorf("Ref = %q", res.Ref)
			}
			if !strings.Contains(res.Output, "success") {
				t.Errorf("Output = %q", res.Output)
			}
			if len(f.dispatches) != 1 {
				t.Fatalf("%d dispatches", len(f.dispatches))
			}
			got := f.dispatches[0]
			want := map[string]string{
				"project": d.Project, "env": d.Env, "version": d.Version, "action": "rollback",
				"deploy_id": "42", "region": "eu-west-3",
			}
			if got.Ref != tt.wantRef || fmt.Sprint(got.Inputs) != fmt.Sprint(want) {
				t.Errorf("dispatch ref %q inputs %v, want %q %v", got.Ref, got.Inputs, tt.wantRef, want)
			}
			if len(f.lists) == 0 || !strings.Contains(f.lists[0], "event=workflow_dispatch") || !strings.Contains(f.lists[0], "created=%3E%3D") {
				t.Errorf("list queries %v", f.lists)
			}
		})
	}
}

func TestConclusions(t *testing.T) {
	tests := []struct {
		conclusion string
		wantErr    bool
	}{
		{"success", false},
		{"failure", true},
		{"cancelled", true},
		{"timed_out", true},
		{"skipped", true},
		{"startup_failure", true},
	}
	for _, tt := range tests {
		t.Run(tt.conclusion, func(t *testing.T) {
			f := newFakeGitHub(t)
			f.conclusion = tt.conclusion
			f.completeAfter = 3
			res, err := f.start().Execute(context.Background(), deploytest.NewDeployment())
			if res.Ref != "https://github.com/acme/api/actions/runs/9001" {
				t.Errorf("Ref = %q", res.Ref)
			}
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("Execute: %v", err)
				}
				return
			}
			want := fmt.Sprintf("GitHub Actions run https://github.com/acme/api/actions/runs/9001 concluded %q", tt.conclusion)
			if err == nil || err.Error() != want {
				t.Fatalf("error = %v, want %q", err, want)
			}
		})
	}
}

// TestRunMatching runs two deployments of the same workflow while other
// runs exist, and checks that each finds its own run.
func TestRunMatching(t *testing.T) {
	tests := []struct {
		name    string
		runName bool
		older   []*fakeRun // runs that exist before the dispatch
	}{
		{"run-name names the deployment", true, []*fakeRun{
			{ID: 8001, DisplayTitle: "Deploy shop-api v1 to staging #41", Event: "workflow_dispatch", Status: "completed", CreatedAt: time.Now().Add(-time.Hour)},
		}},
		{"newest since the dispatch", false, []*fakeRun{
			{ID: 8002, DisplayTitle: "Deploy", Event: "workflow_dispatch", Status: "completed", CreatedAt: time.Now().Add(-time.Hour)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeGitHub(t)
			f.runName = tt.runName
			f.runs = tt.older
			ex := f.start()
			for i, id := range []int64{42, 43} {
				d := deploytest.NewDeployment()
				d.ID = id
				res, err := ex.Execute(context.Background(), d)
				if err != nil {
					t.Fatalf("Execute %d: %v", id, err)
				}
				if want := fmt.Sprintf("https://github.com/acme/api/actions/runs/%d", 9001+i); res.Ref != want {
					t.Errorf("deployment %d found %q, want %q", id, res.Ref, want)
				}
			}
		})
	}
}

func TestTransientErrors(t *testing.T) {
	runPath := apiRoot + "/runs/9001"
	listPath := apiRoot + "/workflows/deploy.yml/runs"
	tests := []struct {
		name     string
		failures map[string][]int
		wantErr  string // "": success
		sentinel error
	}{
		{"5xx while listing", map[string][]int{listPath: {502, 503}}, "", nil},
		{"5xx while polling", map[string][]int{runPath: {500, 502}}, "", nil},
		{"5xx too often", map[string][]int{runPath: {500, 502, 503}}, "503", deploybot.ErrOutcomeUnknown},
		{"404 while polling", map[string][]int{runPath: {404}}, "404", deploybot.ErrOutcomeUnknown},
		{"listing fails", map[string][]int{listPath: {401}}, "list the runs of workflow deploy.yml of acme/api", deploybot.ErrOutcomeUnknown},
		{"dispatch refused", map[string][]int{apiRoot + "/workflows/deploy.yml/dispatches": {422}}, "dispatch workflow deploy.yml of acme/api on main", deploybot.ErrNotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeGitHub(t)
			f.failures = tt.failures
			f.completeAfter = 2
			_, err := f.start().Execute(context.Background(), deploytest.NewDeployment())
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Execute: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			for _, e := range []error{deploybot.ErrNotStarted, deploybot.ErrDetached, deploybot.ErrOutcomeUnknown} {
				if errors.Is(err, e) != (e == tt.sentinel) {
					t.Errorf("errors.Is(%v, %q) = %v", err, e, e != tt.sentinel)
				}
			}
		})
	}
}

// TestTimeout checks the error of a run that outlives the executor's
// timeout. The timeout is a real clock's: when it passes before the run
// was found (a busy machine), the test tries again with a longer one.
func TestTimeout(t *testing.T) {
	for timeout := 30 * time.Millisecond; ; timeout *= 4 {
		if timeout > time.Minute {
			t.Fatal("the run was never found within the timeout")
		}
		f := newFakeGitHub(t)
		f.hang = true
		ex := f.start()
		ex.Timeout = timeout
		res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
		if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, deploybot.ErrOutcomeUnknown) || errors.Is(err, deploybot.ErrDetached) {
			t.Fatalf("error %v does not wrap context.DeadlineExceeded and ErrOutcomeUnknown alone", err)
		}
		if res.Ref == "" {
			t.Logf("the run was not found within %s: again with a longer timeout", timeout)
			continue
		}
		want := "run https://github.com/acme/api/actions/runs/9001 timed out after " + timeout.String() + "; it was not cancelled"
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("error = %v, want a timeout naming the run", err)
		}
		return
	}
}

func TestReportRef(t *testing.T) {
	f := newFakeGitHub(t)
	f.completeAfter = 3
	var reported []string
	ctx := deploybot.WithRefRecorder(context.Background(), func(ref string) { reported = append(reported, ref) })
	res, err := f.start().Execute(ctx, deploytest.NewDeployment())
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://github.com/acme/api/actions/runs/9001"; len(reported) != 1 || reported[0] != want || res.Ref != want {
		t.Errorf("reported %q, Ref %q, want %q", reported, res.Ref, want)
	}
}

func TestAdopt(t *testing.T) {
	created := time.Now().Add(-time.Minute)
	tests := []struct {
		name    string
		ref     string
		created time.Time
		want    string // the result's Ref; "": an error
		wantErr error
	}{
		{"by URL", "https://github.com/acme/api/actions/runs/9001", time.Time{}, "https://github.com/acme/api/actions/runs/9001", nil},
		{"by a GitHub Enterprise URL", "https://github.example.com/Acme/API/actions/runs/9001/", time.Time{}, "https://github.example.com/Acme/API/actions/runs/9001/", nil},
		{"by id", "9001", time.Time{}, "9001", nil},
		{"by the run's title", "", created, "https://github.com/acme/api/actions/runs/9001", nil},
		{"another repository's run", "https://github.com/acme/web/actions/runs/9001", time.Time{}, "", deploybot.ErrOutcomeUnknown},
		{"not a run", "deploy-42", time.Time{}, "", deploybot.ErrOutcomeUnknown},
		{"a run that does not exist", "9999", time.Time{}, "", deploybot.ErrOutcomeUnknown},
		{"no ref and no title", "", time.Time{}, "", deploybot.ErrOutcomeUnknown},
		{"no ref and a run older than the deployment", "", time.Now().Add(time.Hour), "", deploybot.ErrOutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeGitHub(t)
			f.completeAfter = 3
			ex := f.start()
			// A run dispatched by an earlier process for deployment 42.
			if _, err := ex.Execute(context.Background(), deploytest.NewDeployment()); err != nil {
				t.Fatal(err)
			}
			f.mu.Lock()
			f.runs[0].Status, f.runs[0].Conclusion, f.runs[0].gets = "in_progress", nil, 0
			dispatches := len(f.dispatches)
			f.mu.Unlock()
			d := deploytest.NewDeployment()
			d.ExecutorRef, d.CreatedAt = tt.ref, tt.created
			res, err := ex.Adopt(context.Background(), d)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Adopt = %v, want an error wrapping %v", err, tt.wantErr)
				}
			} else if err != nil || res.Ref != tt.want || !strings.Contains(res.Output, "success") {
				t.Fatalf("Adopt = %+v, %v; want Ref %q", res, err, tt.want)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.dispatches) != dispatches {
				t.Error("Adopt dispatched the workflow")
			}
			if tt.wantErr == nil && f.runs[0].gets < 3 {
				t.Errorf("the run was read %d times: not followed to its end", f.runs[0].gets)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	const (
		mainSHA    = "1111111111111111111111111111111111111111"
		releaseSHA = "2222222222222222222222222222222222222222"
		tagSHA     = "3333333333333333333333333333333333333333"
	)
	tests := []struct {
		name    string
		ref     string
		exec    func(e *githubactions.Executor)
		want    string
		wantErr string // an error code
	}{
		{"latest is the configured branch", "latest", nil, mainSHA, ""},
		{"latest with another ref", "latest", func(e *githubactions.Executor) { e.Ref = "release/2.x" }, releaseSHA, ""},
		{"a branch", "release/2.x", nil, releaseSHA, ""},
		{"a tag is itself", "v1.4.2", nil, "v1.4.2", ""},
		{"an abbreviated sha", "3333333", nil, tagSHA, ""},
		{"a whole sha", mainSHA, nil, mainSHA, ""},
		{"a prefix of a branch is not the branch", "release", nil, "", deploybot.ENOTFOUND},
		{"nothing", "nope", nil, "", deploybot.ENOTFOUND},
		{"unsafe", "main;id", nil, "", deploybot.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeGitHub(t)
			f.refs = map[string]string{"heads/main": mainSHA, "heads/release/2.x": releaseSHA, "tags/v1.4.2": tagSHA}
			ex := f.start()
			if tt.exec != nil {
				tt.exec(&ex)
			}
			got, err := ex.Resolve(context.Background(), "shop", "production", tt.ref)
			if tt.wantErr != "" {
				if deploybot.ErrorCode(err) != tt.wantErr {
					t.Fatalf("Resolve = %q, %v; want a %s error", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Resolve = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestConfiguration(t *testing.T) {
	client, err := githubactions.NewClient("", "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ex   githubactions.Executor
		want string
	}{
		{"no client", githubactions.Executor{Owner: "acme", Repo: "api", Workflow: "deploy.yml"}, "no client"},
		{"bad repository", githubactions.Executor{Client: client, Owner: "acme/x", Repo: "api", Workflow: "deploy.yml"}, "is not owner/name"},
		{"dot repository", githubactions.Executor{Client: client, Owner: "acme", Repo: "..", Workflow: "deploy.yml"}, "is not owner/name"},
		{"no workflow", githubactions.Executor{Client: client, Owner: "acme", Repo: "api"}, "workflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.ex.Execute(context.Background(), deploytest.NewDeployment())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestNewClient(t *testing.T) {
	tests := []struct {
		token, base string
		want        string // the client's BaseURL; "": an error
	}{
		{"t", "", "https://api.github.com/"},
		{"", "", "https://api.github.com/"},
		{"t", "https://github.example.com", "https://github.example.com/api/v3/"},
		{"t", "https://github.example.com/api/v3", "https://github.example.com/api/v3/"},
		{"t", "https://github.example.com/api/v3/", "https://github.example.com/api/v3/"},
		{"t", "https://api.github.com", "https://api.github.com/"},
		{"t", "github.example.com", ""},
		{"t", "ftp://github.example.com", ""},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			c, err := githubactions.NewClient(tt.token, tt.base)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("NewClient(%q) = %v, want an error", tt.base, c.BaseURL())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.BaseURL(); got != tt.want {
				t.Errorf("BaseURL = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommitStatus(t *testing.T) {
	type check struct{ status, conclusion string }
	tests := []struct {
		name     string
		combined string // state; "": no status reported
		checks   [][]check
		want     string
	}{
		{"nothing reported", "", nil, githubactions.StatePending},
		{"statuses pass", "success", nil, githubactions.StateSuccess},
		{"checks pass", "", [][]check{{{"completed", "success"}, {"completed", "skipped"}, {"completed", "neutral"}}}, githubactions.StateSuccess},
		{"both pass", "success", [][]check{{{"completed", "success"}}}, githubactions.StateSuccess},
		{"status pending", "pending", [][]check{{{"completed", "success"}}}, githubactions.StatePending},
		{"check running", "success", [][]check{{{"in_progress", ""}}}, githubactions.StatePending},
		{"status failed", "failure", [][]check{{{"completed", "success"}}}, githubactions.StateFailure},
		{"status error", "error", nil, githubactions.StateFailure},
		{"check failed on page 2", "success", [][]check{{{"completed", "success"}}, {{"in_progress", ""}, {"completed", "timed_out"}}}, githubactions.StateFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("GET /api/v3/repos/acme/api/commits/abc123/status", func(w http.ResponseWriter, r *http.Request) {
				if tt.combined == "" {
					writeJSON(w, map[string]any{"state": "pending", "total_count": 0, "statuses": []any{}})
					return
				}
				writeJSON(w, map[string]any{"state": tt.combined, "total_count": 1, "statuses": []any{map[string]any{"state": tt.combined}}})
			})
			mux.HandleFunc("GET /api/v3/repos/acme/api/commits/abc123/check-runs", func(w http.ResponseWriter, r *http.Request) {
				page, _ := strconv.Atoi(r.URL.Query().Get("page"))
				page = max(page, 1)
				var runs []map[string]any
				if page <= len(tt.checks) {
					for _, c := range tt.checks[page-1] {
						runs = append(runs, map[string]any{"status": c.status, "conclusion": c.conclusion})
					}
				}
				if page < len(tt.checks) {
					w.Header().Set("Link", fmt.Sprintf(`<%s?page=%d>; rel="next"`, "http://"+r.Host+r.URL.Path, page+1))
				}
				writeJSON(w, map[string]any{"total_count": len(runs), "check_runs": runs})
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			client, err := githubactions.NewClient(token, srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			got, err := githubactions.CommitStatus(context.Background(), client, "acme", "api", "abc123")
			if err != nil {
				t.Fatalf("CommitStatus: %v", err)
			}
			if got != tt.want {
				t.Errorf("CommitStatus = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommitStatusRefusesUnsafeRefs(t *testing.T) {
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests++ }))
	defer srv.Close()
	client, err := githubactions.NewClient(token, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"../../../user", "main;id", "", "a\nb"} {
		_, err := githubactions.CommitStatus(context.Background(), client, "acme", "api", ref)
		if deploybot.ErrorCode(err) != deploybot.EINVALID {
			t.Errorf("CommitStatus(%q) = %v, want an EINVALID error", ref, err)
		}
	}
	if requests != 0 {
		t.Errorf("%d requests were made", requests)
	}
}

// Check that the fake's run JSON decodes into the executor's type, so that
// the executor reads the field names the fake writes (those of GitHub's
// documentation).
func TestFakeRunShape(t *testing.T) {
	c := "success"
	b, _ := json.Marshal(&fakeRun{ID: 1, RunNumber: 2, DisplayTitle: "x #1", Event: "workflow_dispatch", Status: "completed", Conclusion: &c, HTMLURL: "u"})
	var run githubactions.WorkflowRun
	if err := json.Unmarshal(b, &run); err != nil {
		t.Fatal(err)
	}
	if run.ID != 1 || run.RunNumber != 2 || run.DisplayTitle != "x #1" || run.Conclusion != "success" || run.HTMLURL != "u" {
		t.Errorf("decoded %+v", run)
	}
}
