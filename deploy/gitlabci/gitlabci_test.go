package gitlabci_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy/deploytest"
	"deploybot/deploy/gitlabci"
)

const (
	token        = "glpat-test"
	triggerToken = "glptt-trigger"
	projectPath  = "/api/v4/projects/acme%2Fapi"
)

// fakePipeline is a pipeline of the fake GitLab, in the shape of the REST
// API v4 (docs.gitlab.com/api/pipelines).
type fakePipeline struct {
	ID        int64     `json:"id"`
	IID       int64     `json:"iid"`
	ProjectID int64     `json:"project_id"`
	Status    string    `json:"status"`
	Source    string    `json:"source"`
	Ref       string    `json:"ref"`
	SHA       string    `json:"sha"`
	WebURL    string    `json:"web_url"`
	CreatedAt time.Time `json:"created_at"`
	vars      map[string]string
	gets      int
}

type fakeJob struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Stage         string `json:"stage"`
	Status        string `json:"status"`
	AllowFailure  bool   `json:"allow_failure"`
	FailureReason string `json:"failure_reason,omitempty"`
	WebURL        string `json:"web_url"`
}

// fakeGitLab speaks the endpoints the executor uses: create a pipeline
// (with an access token or a trigger token), get it, list its jobs and
// variables, list pipelines, cancel one, and commits, tags, branches and
// commit statuses. A pipeline goes created, running, then ends as final
// says after completeAfter gets (never when hang, or not before release).
type fakeGitLab struct {
	t             *testing.T
	record        func(deploytest.Received)
	final         string // status a pipeline ends with
	hang          bool
	refuse        bool // creation is refused (400)
	release       <-chan struct{}
	completeAfter int
	failures      map[string][]int // "METHOD path" (escaped): statuses to answer first
	retryAfter    string           // Retry-After of a 429 failure
	statuses      []map[string]any // commit statuses of any commit
	refs          map[string]string

	mu        sync.Mutex
	pipelines []*fakePipeline
	creates   []map[string]string // variables of each creation
	requests  []requestSeen
	cancels   int
}

type requestSeen struct {
	method, path string
	at           time.Time
}

func newFake(t *testing.T) *fakeGitLab {
	return &fakeGitLab{t: t, record: func(deploytest.Received) {}, final: "success", completeAfter: 1}
}

func (f *fakeGitLab) start() gitlabci.Executor {
	f.t.Helper()
	srv := httptest.NewServer(f)
	f.t.Cleanup(srv.Close)
	client, err := gitlabci.NewClient(token, srv.URL)
	if err != nil {
		f.t.Fatal(err)
	}
	return gitlabci.Executor{Client: client, Project: "acme/api", PollInterval: time.Millisecond, Timeout: time.Hour, Logger: quiet}
}

// quiet is the executors' logger in tests.
var quiet = slog.New(slog.DiscardHandler)

func (f *fakeGitLab) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	path := r.URL.EscapedPath()
	f.requests = append(f.requests, requestSeen{r.Method, path, time.Now()})
	key := r.Method + " " + path
	if codes := f.failures[key]; len(codes) > 0 {
		f.failures[key] = codes[1:]
		if codes[0] == http.StatusTooManyRequests && f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		w.WriteHeader(codes[0])
		fmt.Fprintf(w, `{"message":"fake failure %d"}`, codes[0])
		return
	}
	trigger := r.Method == http.MethodPost && path == projectPath+"/trigger/pipeline"
	if !trigger && r.Header.Get("PRIVATE-TOKEN") != token {
		f.record(deploytest.Received{})
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message":"401 Unauthorized"}`)
		return
	}
	rest, ok := strings.CutPrefix(path, projectPath)
	if !ok {
		f.unexpected(w, r)
		return
	}
	switch {
	case r.Method == http.MethodPost && (rest == "/pipeline" || rest == "/trigger/pipeline"):
		f.create(w, r, trigger)
	case r.Method == http.MethodGet && rest == "/pipelines":
		f.list(w, r)
	case r.Method == http.MethodGet && strings.HasPrefix(rest, "/pipelines/"):
		f.pipeline(w, r, strings.TrimPrefix(rest, "/pipelines/"))
	case r.Method == http.MethodPost && strings.HasPrefix(rest, "/pipelines/") && strings.HasSuffix(rest, "/cancel"):
		// A cancellation is a request the contract suite counts.
		f.record(deploytest.Received{})
		f.cancels++
		id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(rest, "/pipelines/"), "/cancel"), 10, 64)
		if p := f.find(id); p != nil {
			p.Status = "canceled"
			writeJSON(w, http.StatusOK, p)
			return
		}
		notFound(w)
	case r.Method == http.MethodGet && strings.HasPrefix(rest, "/repository/"):
		f.repository(w, strings.TrimPrefix(rest, "/repository/"))
	default:
		f.unexpected(w, r)
	}
}

func (f *fakeGitLab) unexpected(w http.ResponseWriter, r *http.Request) {
	f.record(deploytest.Received{})
	f.t.Logf("unexpected request %s %s", r.Method, r.URL.EscapedPath())
	notFound(w)
}

func (f *fakeGitLab) create(w http.ResponseWriter, r *http.Request, trigger bool) {
	vars := map[string]string{}
	var ref string
	if trigger {
		// The trigger API takes token, ref and variables[KEY]; the client
		// sends them as JSON.
		var body struct {
			Ref       string            `json:"ref"`
			Token     string            `json:"token"`
			Variables map[string]string `json:"variables"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Token != triggerToken {
			f.record(deploytest.Received{})
			writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Not Found"})
			return
		}
		ref, vars = body.Ref, body.Variables
	} else {
		var body struct {
			Ref       string `json:"ref"`
			Variables []struct {
				Key          string `json:"key"`
				Value        string `json:"value"`
				VariableType string `json:"variable_type"`
			} `json:"variables"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.record(deploytest.Received{})
			writeJSON(w, http.StatusBadRequest, map[string]string{"message": "bad body"})
			return
		}
		ref = body.Ref
		for _, v := range body.Variables {
			if v.VariableType != "env_var" {
				f.t.Errorf("variable %s has type %q", v.Key, v.VariableType)
			}
			vars[v.Key] = v.Value
		}
	}
	got := deploytest.Received{}
	for k, name := range map[string]string{
		deploytest.KeyProject: "DEPLOY_PROJECT", deploytest.KeyEnv: "DEPLOY_ENV", deploytest.KeyVersion: "DEPLOY_VERSION",
		deploytest.KeyPreviousVersion: "DEPLOY_PREVIOUS_VERSION", deploytest.KeyStrategy: "DEPLOY_STRATEGY",
		deploytest.KeyAction: "DEPLOY_ACTION", deploytest.KeyID: "DEPLOY_ID", deploytest.KeyRequester: "DEPLOY_REQUESTER",
	} {
		if v, ok := vars[name]; ok {
			got[k] = v
		}
	}
	f.record(got)
	f.creates = append(f.creates, vars)
	if f.refuse {
		// GitLab's answer for a ref that does not exist.
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": map[string]any{"base": []string{"Reference not found"}}})
		return
	}
	id := int64(7000 + len(f.creates))
	p := &fakePipeline{
		ID: id, IID: int64(len(f.creates)), ProjectID: 12, Status: "created", Source: "api", Ref: ref,
		SHA: "0123456789abcdef0123456789abcdef01234567", CreatedAt: time.Now().UTC(),
		WebURL: fmt.Sprintf("https://gitlab.example.com/acme/api/-/pipelines/%d", id), vars: vars,
	}
	if trigger {
		p.Source = "trigger"
	}
	f.pipelines = append([]*fakePipeline{p}, f.pipelines...)
	writeJSON(w, http.StatusCreated, p)
}

func (f *fakeGitLab) find(id int64) *fakePipeline {
	for _, p := range f.pipelines {
		if p.ID == id {
			return p
		}
	}
	return nil
}

func (f *fakeGitLab) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var out []*fakePipeline
	after, _ := time.Parse(time.RFC3339, q.Get("created_after"))
	for _, p := range f.pipelines {
		if (q.Get("ref") == "" || q.Get("ref") == p.Ref) && !p.CreatedAt.Before(after) {
			out = append(out, p)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (f *fakeGitLab) pipeline(w http.ResponseWriter, r *http.Request, rest string) {
	idPart, sub, _ := strings.Cut(rest, "/")
	id, _ := strconv.ParseInt(idPart, 10, 64)
	p := f.find(id)
	if p == nil {
		notFound(w)
		return
	}
	switch sub {
	case "":
		p.gets++
		if p.Status == "created" || p.Status == "running" {
			p.Status = "running"
			if !f.hang && p.gets >= f.completeAfter && f.released() {
				p.Status = f.final
			}
		}
		writeJSON(w, http.StatusOK, p)
	case "jobs":
		deploy := fakeJob{ID: id*10 + 2, Name: "deploy", Stage: "deploy", Status: "pending", WebURL: fmt.Sprintf("https://gitlab.example.com/acme/api/-/jobs/%d", id*10+2)}
		build := fakeJob{ID: id*10 + 1, Name: "build", Stage: "build", Status: "success"}
		switch p.Status {
		case "running":
			deploy.Status = "running"
		case "success":
			deploy.Status = "success"
		case "failed":
			deploy.Status, deploy.FailureReason = "failed", "script_failure"
		case "canceled":
			deploy.Status = "canceled"
		}
		writeJSON(w, http.StatusOK, []fakeJob{build, deploy})
	case "variables":
		var vars []map[string]string
		for k, v := range p.vars {
			vars = append(vars, map[string]string{"key": k, "value": v, "variable_type": "env_var"})
		}
		writeJSON(w, http.StatusOK, vars)
	default:
		notFound(w)
	}
}

func (f *fakeGitLab) repository(w http.ResponseWriter, rest string) {
	kind, name, _ := strings.Cut(rest, "/")
	name, statuses := strings.CutSuffix(name, "/statuses")
	name, _ = url.PathUnescape(name) // the client escapes "/" and "."
	switch kind {
	case "commits":
		if sha := name; statuses {
			if sha != "1111111111111111111111111111111111111111" {
				f.t.Errorf("statuses of %q, want a commit sha", sha)
			}
			writeJSON(w, http.StatusOK, f.statuses)
			return
		}
		for ref, sha := range f.refs {
			if ref == name || (len(name) >= 7 && strings.HasPrefix(sha, name)) {
				writeJSON(w, http.StatusOK, map[string]any{"id": sha, "short_id": sha[:8]})
				return
			}
		}
	case "tags":
		if sha, ok := f.refs["tags/"+name]; ok {
			writeJSON(w, http.StatusOK, map[string]any{"name": name, "commit": map[string]any{"id": sha}})
			return
		}
	case "branches":
		if sha, ok := f.refs["heads/"+name]; ok {
			writeJSON(w, http.StatusOK, map[string]any{"name": name, "commit": map[string]any{"id": sha}})
			return
		}
	}
	notFound(w)
}

func (f *fakeGitLab) released() bool {
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

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Not Found"})
}

// restartable is the suite's executor: Restart builds a new value with a
// new client, as a restarted deploybot would.
type restartable struct {
	gitlabci.Executor
	build func() gitlabci.Executor
}

func (r restartable) Restart() deploybot.Executor { return r.build() }

func TestContract(t *testing.T) {
	for _, trigger := range []bool{false, true} {
		t.Run(fmt.Sprintf("trigger token %v", trigger), func(t *testing.T) {
			deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
				f := newFake(t)
				f.record = o.Record
				f.completeAfter = 2
				switch o.Behavior {
				case deploytest.Fail:
					f.final = "failed"
				case deploytest.Hang:
					f.hang = true
				case deploytest.Refuse:
					f.refuse = true
				case deploytest.SucceedOnRelease:
					f.release = o.Release
				case deploytest.FailOnRelease:
					f.release, f.final = o.Release, "failed"
				}
				srv := httptest.NewServer(f)
				t.Cleanup(srv.Close)
				build := func() gitlabci.Executor {
					client, err := gitlabci.NewClient(token, srv.URL)
					if err != nil {
						t.Fatal(err)
					}
					ex := gitlabci.Executor{Client: client, Project: "acme/api", PollInterval: time.Millisecond, Timeout: time.Hour, Logger: quiet}
					if trigger {
						ex.TriggerToken = triggerToken
					}
					return ex
				}
				return restartable{build(), build}
			})
		})
	}
}

func TestCreate(t *testing.T) {
	tests := []struct {
		name    string
		exec    func(e *gitlabci.Executor)
		wantRef string
		source  string
	}{
		{"access token", func(e *gitlabci.Executor) {}, "main", "api"},
		{"trigger token and a ref", func(e *gitlabci.Executor) { e.TriggerToken = triggerToken; e.Ref = "release/2.x" }, "release/2.x", "trigger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.completeAfter = 2
			ex := f.start()
			ex.Variables = map[string]string{"REGION": "eu-west-3", "DEPLOY_VERSION": "evil"}
			tt.exec(&ex)
			d := deploytest.NewDeployment()
			d.Action = deploybot.ActionRollback
			var reported []string
			ctx := deploybot.WithRefRecorder(context.Background(), func(ref string) { reported = append(reported, ref) })
			res, err := ex.Execute(ctx, d)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			const url = "https://gitlab.example.com/acme/api/-/pipelines/7001"
			if res.Ref != url || len(reported) != 1 || reported[0] != url {
				t.Errorf("Ref %q, reported %q, want %q", res.Ref, reported, url)
			}
			for _, want := range []string{"pipeline #7001 at 01234567: success", "build (build): success", "deploy (deploy): success"} {
				if !strings.Contains(res.Output, want) {
					t.Errorf("Output %q lacks %q", res.Output, want)
				}
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			got := f.creates[0]
			if got["REGION"] != "eu-west-3" || got["DEPLOY_VERSION"] != d.Version || got["DEPLOY_ACTION"] != "rollback" || got["DEPLOY_ID"] != "42" {
				t.Errorf("variables %v", got)
			}
			p := f.pipelines[0]
			if p.Ref != tt.wantRef || p.Source != tt.source {
				t.Errorf("pipeline on %q by %q, want %q by %q", p.Ref, p.Source, tt.wantRef, tt.source)
			}
		})
	}
}

func TestEndings(t *testing.T) {
	tests := []struct {
		final   string
		wantErr string // "": success
	}{
		{"success", ""},
		{"failed", `ended "failed"; failed jobs: deploy https://gitlab.example.com/acme/api/-/jobs/70012`},
		{"canceled", `ended "canceled"`},
		{"skipped", `ended "skipped"`},
	}
	for _, tt := range tests {
		t.Run(tt.final, func(t *testing.T) {
			f := newFake(t)
			f.final = tt.final
			f.completeAfter = 3
			res, err := f.start().Execute(context.Background(), deploytest.NewDeployment())
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			for _, e := range []error{deploybot.ErrNotStarted, deploybot.ErrDetached, deploybot.ErrOutcomeUnknown} {
				if errors.Is(err, e) {
					t.Errorf("a pipeline that ended %s wraps %v", tt.final, e)
				}
			}
			if tt.final == "failed" && !strings.Contains(res.Output, "deploy (deploy): failed (script_failure)") {
				t.Errorf("Output %q", res.Output)
			}
		})
	}
}

func TestTransientErrors(t *testing.T) {
	get := "GET " + projectPath + "/pipelines/7001"
	create := "POST " + projectPath + "/pipeline"
	tests := []struct {
		name     string
		failures map[string][]int
		wantErr  string
		sentinel error
	}{
		{"5xx while polling", map[string][]int{get: {500, 502, 503}}, "", nil},
		{"5xx too often", map[string][]int{get: {503, 503, 503, 503, 503}}, "503", deploybot.ErrOutcomeUnknown},
		{"creation refused", map[string][]int{create: {403}}, "create a GitLab pipeline of acme/api on main", deploybot.ErrNotStarted},
		{"creation answered 502, nothing created", map[string][]int{create: {502}}, "502", deploybot.ErrNotStarted},
		{"creation rate-limited past the retries", map[string][]int{create: {429, 429, 429, 429, 429}}, "429", deploybot.ErrNotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.failures = tt.failures
			f.retryAfter = "0"
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
					t.Errorf("errors.Is(%v, %q) = %v", err, e, !errors.Is(err, e))
				}
			}
		})
	}
}

// TestRetryAfter checks that a 429 is tried again no sooner than its
// Retry-After says, when creating a pipeline and while following it.
func TestRetryAfter(t *testing.T) {
	for _, key := range []string{"POST " + projectPath + "/pipeline", "GET " + projectPath + "/pipelines/7001"} {
		t.Run(key, func(t *testing.T) {
			f := newFake(t)
			f.failures = map[string][]int{key: {http.StatusTooManyRequests}}
			f.retryAfter = "1"
			if _, err := f.start().Execute(context.Background(), deploytest.NewDeployment()); err != nil {
				t.Fatalf("Execute: %v", err)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			var times []time.Time
			for _, r := range f.requests {
				if r.method+" "+r.path == key {
					times = append(times, r.at)
				}
			}
			if len(times) < 2 {
				t.Fatalf("%d requests %s", len(times), key)
			}
			if gap := times[1].Sub(times[0]); gap < time.Second {
				t.Errorf("tried again after %s, Retry-After said 1s", gap)
			}
			if len(f.creates) != 1 {
				t.Errorf("%d pipelines created", len(f.creates))
			}
		})
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"86400", 5 * time.Minute, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.value != "" {
			h.Set("Retry-After", tt.value)
		}
		got, ok := gitlabci.RetryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RetryAfter(%q) = %s, %v; want %s, %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
}

// TestTimeoutCancels checks that the executor's own timeout cancels the
// pipeline, while a caller's context that ends does not (the contract
// suite checks the latter too). The timeout is a real clock's: it is made
// longer until the pipeline was created within it (a busy machine).
func TestTimeoutCancels(t *testing.T) {
	for timeout := 50 * time.Millisecond; ; timeout *= 4 {
		if timeout > time.Minute {
			t.Fatal("the pipeline was never created within the timeout")
		}
		f := newFake(t)
		f.hang = true
		ex := f.start()
		ex.Timeout = timeout
		res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
		if res.Ref == "" {
			t.Logf("no pipeline within %s: again with a longer timeout", timeout)
			continue
		}
		if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, deploybot.ErrOutcomeUnknown) || errors.Is(err, deploybot.ErrDetached) {
			t.Fatalf("error %v: want context.DeadlineExceeded alone", err)
		}
		if want := "timed out after " + timeout.String() + "; it was cancelled"; !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.cancels != 1 || f.pipelines[0].Status != "canceled" {
			t.Errorf("%d cancels, pipeline %s", f.cancels, f.pipelines[0].Status)
		}
		return
	}
}

func TestCancel(t *testing.T) {
	f := newFake(t)
	f.hang = true
	ex := f.start()
	ctx, cancel := context.WithCancel(context.Background())
	refs := make(chan string, 1)
	go func() {
		_, _ = ex.Execute(deploybot.WithRefRecorder(ctx, func(ref string) { refs <- ref }), deploytest.NewDeployment())
	}()
	ref := <-refs
	cancel()
	d := deploytest.NewDeployment()
	d.ExecutorRef = ref
	if err := ex.Cancel(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pipelines[0].Status != "canceled" {
		t.Errorf("pipeline %s", f.pipelines[0].Status)
	}
}

func TestAdopt(t *testing.T) {
	tests := []struct {
		name    string
		ref     string
		created time.Time
		wantErr error
	}{
		{"by URL", "https://gitlab.example.com/acme/api/-/pipelines/7001", time.Time{}, nil},
		{"by URL with another case and a subgroup prefix", "https://gitlab.example.com/Acme/API/-/pipelines/7001/", time.Time{}, nil},
		{"by id", "7001", time.Time{}, nil},
		{"by the DEPLOY_ID variable", "", time.Now().Add(-time.Minute), nil},
		{"another project's pipeline", "https://gitlab.example.com/acme/web/-/pipelines/7001", time.Time{}, deploybot.ErrOutcomeUnknown},
		{"not a pipeline", "deploy-42", time.Time{}, deploybot.ErrOutcomeUnknown},
		{"a pipeline that does not exist", "9999", time.Time{}, deploybot.ErrOutcomeUnknown},
		{"no ref and no creation time", "", time.Time{}, deploybot.ErrOutcomeUnknown},
		{"no ref and only older pipelines", "", time.Now().Add(time.Hour), deploybot.ErrOutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.completeAfter = 3
			ex := f.start()
			if _, err := ex.Execute(context.Background(), deploytest.NewDeployment()); err != nil {
				t.Fatal(err)
			}
			f.mu.Lock()
			f.pipelines[0].Status, f.pipelines[0].gets = "running", 0
			creates := len(f.creates)
			f.mu.Unlock()
			d := deploytest.NewDeployment()
			d.ExecutorRef, d.CreatedAt = tt.ref, tt.created
			res, err := ex.Adopt(context.Background(), d)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Adopt = %v, want an error wrapping %v", err, tt.wantErr)
				}
			} else if err != nil || res.Ref == "" || !strings.Contains(res.Output, "success") {
				t.Fatalf("Adopt = %+v, %v", res, err)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.creates) != creates {
				t.Error("Adopt created a pipeline")
			}
		})
	}
}

func TestCommitStatus(t *testing.T) {
	st := func(status string, allow bool) map[string]any {
		return map[string]any{"status": status, "name": "job", "allow_failure": allow}
	}
	tests := []struct {
		name     string
		statuses []map[string]any
		want     string
	}{
		{"nothing reported", nil, gitlabci.StatePending},
		{"all passed", []map[string]any{st("success", false), st("skipped", false)}, gitlabci.StateSuccess},
		{"one running", []map[string]any{st("success", false), st("running", false)}, gitlabci.StatePending},
		{"manual", []map[string]any{st("manual", false)}, gitlabci.StatePending},
		{"one failed", []map[string]any{st("success", false), st("failed", false)}, gitlabci.StateFailure},
		{"failure allowed", []map[string]any{st("success", false), st("failed", true)}, gitlabci.StateSuccess},
		{"cancelled", []map[string]any{st("canceled", false)}, gitlabci.StateFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.statuses = tt.statuses
			f.refs = map[string]string{"tags/v1.2.0": "1111111111111111111111111111111111111111", "v1.2.0": "1111111111111111111111111111111111111111"}
			ex := f.start()
			got, err := gitlabci.CommitStatus(context.Background(), ex.Client, "acme/api", "v1.2.0")
			if err != nil || got != tt.want {
				t.Errorf("CommitStatus = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("unsafe ref", func(t *testing.T) {
		f := newFake(t)
		ex := f.start()
		for _, ref := range []string{"../../user", "main;id", ""} {
			if _, err := gitlabci.CommitStatus(context.Background(), ex.Client, "acme/api", ref); deploybot.ErrorCode(err) != deploybot.EINVALID {
				t.Errorf("CommitStatus(%q) = %v", ref, err)
			}
		}
		if len(f.requests) != 0 {
			t.Errorf("%d requests", len(f.requests))
		}
	})
}

func TestResolve(t *testing.T) {
	const (
		mainSHA    = "1111111111111111111111111111111111111111"
		releaseSHA = "2222222222222222222222222222222222222222"
		tagSHA     = "3333333333333333333333333333333333333333"
	)
	tests := []struct {
		name, ref string
		exec      func(e *gitlabci.Executor)
		want      string
		wantCode  string
	}{
		{"latest is the configured branch", "latest", nil, mainSHA, ""},
		{"latest with another ref", "latest", func(e *gitlabci.Executor) { e.Ref = "release/2.x" }, releaseSHA, ""},
		{"a branch", "release/2.x", nil, releaseSHA, ""},
		{"a tag is itself", "v1.4.2", nil, "v1.4.2", ""},
		{"an abbreviated sha", "3333333", nil, tagSHA, ""},
		{"nothing", "nope", nil, "", deploybot.ENOTFOUND},
		{"unsafe", "main;id", nil, "", deploybot.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.refs = map[string]string{"heads/main": mainSHA, "heads/release/2.x": releaseSHA, "tags/v1.4.2": tagSHA}
			ex := f.start()
			if tt.exec != nil {
				tt.exec(&ex)
			}
			got, err := ex.Resolve(context.Background(), "shop", "production", tt.ref)
			if tt.wantCode != "" {
				if deploybot.ErrorCode(err) != tt.wantCode {
					t.Fatalf("Resolve = %q, %v; want %s", got, err, tt.wantCode)
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
	client, err := gitlabci.NewClient("", "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ex   gitlabci.Executor
		want string
	}{
		{"no client", gitlabci.Executor{Project: "acme/api"}, "no client"},
		{"no project", gitlabci.Executor{Client: client}, "is not a project path"},
		{"a name alone", gitlabci.Executor{Client: client, Project: "api"}, "is not a project path"},
		{"dots", gitlabci.Executor{Client: client, Project: "acme/../x"}, "is not a project path"},
		{"bad ref", gitlabci.Executor{Client: client, Project: "acme/api", Ref: "main;id"}, "ref"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.ex.Execute(context.Background(), deploytest.NewDeployment())
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, deploybot.ErrNotStarted) {
				t.Fatalf("error = %v, want %q and ErrNotStarted", err, tt.want)
			}
		})
	}
}

func TestNewClient(t *testing.T) {
	tests := []struct{ base, want string }{
		{"", "https://gitlab.com/api/v4/"},
		{"https://gitlab.example.com", "https://gitlab.example.com/api/v4/"},
		{"https://gitlab.example.com/", "https://gitlab.example.com/api/v4/"},
		{"https://gitlab.example.com/api/v4", "https://gitlab.example.com/api/v4/"},
		{"https://example.com/gitlab", "https://example.com/gitlab/api/v4/"},
		{"gitlab.example.com", ""},
		{"ftp://gitlab.example.com", ""},
	}
	for _, tt := range tests {
		c, err := gitlabci.NewClient("t", tt.base)
		if tt.want == "" {
			if err == nil {
				t.Errorf("NewClient(%q) succeeded", tt.base)
			}
			continue
		}
		if err != nil || c.BaseURL().String() != tt.want {
			t.Errorf("NewClient(%q) = %v, %v; want %q", tt.base, c.BaseURL(), err, tt.want)
		}
	}
}

// Check that the fake's pipeline decodes into the client's type, so that
// the client reads the field names the fake writes (those of GitLab's
// documentation).
func TestFakeShape(t *testing.T) {
	b, _ := json.Marshal(&fakePipeline{ID: 1, Status: "running", WebURL: "u", SHA: "abc", Ref: "main"})
	var p gitlabci.Pipeline
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if p.ID != 1 || p.Status != "running" || p.WebURL != "u" || p.SHA != "abc" || p.Ref != "main" {
		t.Errorf("decoded %+v", p)
	}
}
