package argocd_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy/argocd"
	"deploybot/deploy/deploytest"
)

const (
	token   = "argocd-token"
	appPath = "/api/v1/applications/shop"
)

var quiet = slog.New(slog.DiscardHandler)

// The fake's JSON types, in the shape of Argo CD's API (v1alpha1).
type (
	helmParam struct {
		Name        string `json:"name"`
		Value       string `json:"value"`
		ForceString bool   `json:"forceString,omitempty"`
	}
	fakeSource struct {
		RepoURL        string `json:"repoURL"`
		TargetRevision string `json:"targetRevision"`
		Helm           *struct {
			Parameters []helmParam `json:"parameters,omitempty"`
		} `json:"helm,omitempty"`
		Kustomize *struct {
			Images []string `json:"images,omitempty"`
		} `json:"kustomize,omitempty"`
	}
	info      struct{ Name, Value string }
	fakeOp    struct{ Info []info }
	fakeState struct {
		Operation  fakeOp    `json:"operation"`
		Phase      string    `json:"phase"`
		Message    string    `json:"message,omitempty"`
		StartedAt  time.Time `json:"startedAt"`
		SyncResult *struct {
			Revision string `json:"revision"`
		} `json:"syncResult,omitempty"`
	}
	fakeResource struct {
		Kind      string `json:"kind"`
		Namespace string `json:"namespace"`
		Name      string `json:"name"`
		Status    string `json:"status"`
		Health    *struct {
			Status  string `json:"status"`
			Message string `json:"message,omitempty"`
		} `json:"health,omitempty"`
	}
	fakeHistory struct {
		ID       int64      `json:"id"`
		Revision string     `json:"revision"`
		Source   fakeSource `json:"source"`
	}
)

// fakeArgoCD is one application, "shop", behind Argo CD's endpoints: get,
// patch (merge), sync, rollback and terminate. A sync or rollback request becomes the pending operation, which the next get
// starts; the operation ends as final says after completeAfter gets (never
// when hang, or not before release).
type fakeArgoCD struct {
	t             *testing.T
	record        func(deploytest.Received)
	mode          string // which spec field holds the version: target_revision, helm_parameter, kustomize_image, git
	final         string // Succeeded, Failed, Degraded
	hang, refuse  bool
	release       <-chan struct{}
	completeAfter int
	failures      map[string][]int // "METHOD path": statuses to answer first
	retryAfter    string
	automated     bool
	inProgress    bool // the first sync request finds an automated operation running

	mu        sync.Mutex
	source    fakeSource
	history   []fakeHistory
	pending   *fakeOp // requested, not started
	state     *fakeState
	revision  string // of the pending sync
	sync      string
	health    string
	resources []fakeResource
	gets      int
	syncs     []map[string]any
	patches   []string
	rollbacks []string
	deletes   int
	requests  []string
	times     map[string][]time.Time
}

func newFake(t *testing.T) *fakeArgoCD {
	f := &fakeArgoCD{t: t, record: func(deploytest.Received) {}, mode: argocd.TargetRevision, final: "Succeeded", completeAfter: 1,
		sync: "Synced", health: "Healthy", times: map[string][]time.Time{}}
	f.source = fakeSource{RepoURL: "https://github.com/acme/shop-deploy.git", TargetRevision: "v1.4.1"}
	return f
}

func (f *fakeArgoCD) start() (argocd.Executor, *httptest.Server) {
	srv := httptest.NewServer(f)
	f.t.Cleanup(srv.Close)
	return argocd.Executor{Server: srv.URL, Application: "shop", Token: token, RevisionSource: f.mode,
		Parameter: "image.tag", Image: "ghcr.io/acme/shop", PollInterval: time.Millisecond, Timeout: time.Hour, Logger: quiet}, srv
}

func (f *fakeArgoCD) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := r.Method + " " + r.URL.Path
	f.requests = append(f.requests, key)
	f.times[key] = append(f.times[key], time.Now())
	if codes := f.failures[key]; len(codes) > 0 {
		f.failures[key] = codes[1:]
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		grpcError(w, codes[0], 14, "fake failure")
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+token {
		f.record(deploytest.Received{})
		grpcError(w, http.StatusUnauthorized, 16, "invalid session: token signature is invalid")
		return
	}
	mutating := r.Method != http.MethodGet
	if mutating && f.refuse {
		f.record(deploytest.Received{})
		grpcError(w, http.StatusForbidden, 7, "permission denied: applications, sync, default/shop, sub: deploybot")
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == appPath:
		f.progress()
		f.writeApp(w)
	case r.Method == http.MethodPatch && r.URL.Path == appPath:
		var req struct{ Name, Patch, PatchType string }
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Name != "shop" || req.PatchType != "merge" {
			f.record(deploytest.Received{})
			grpcError(w, http.StatusBadRequest, 3, "bad patch")
			return
		}
		f.patches = append(f.patches, req.Patch)
		var p struct {
			Spec struct {
				Source fakeSource `json:"source"`
			} `json:"spec"`
		}
		if err := json.Unmarshal([]byte(req.Patch), &p); err != nil {
			f.t.Errorf("patch %q: %v", req.Patch, err)
		}
		if s := p.Spec.Source; s.TargetRevision != "" {
			f.source.TargetRevision = s.TargetRevision
		}
		if s := p.Spec.Source; s.Helm != nil {
			f.source.Helm = s.Helm
		}
		if s := p.Spec.Source; s.Kustomize != nil {
			f.source.Kustomize = s.Kustomize
		}
		f.sync = "OutOfSync"
		f.writeApp(w)
	case r.Method == http.MethodPost && r.URL.Path == appPath+"/sync":
		var req struct {
			Name     string `json:"name"`
			Revision string `json:"revision"`
			Infos    []info `json:"infos"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			f.record(deploytest.Received{})
			grpcError(w, http.StatusBadRequest, 3, "bad sync")
			return
		}
		f.syncs = append(f.syncs, map[string]any{"revision": req.Revision, "infos": req.Infos})
		f.record(f.received(req.Infos, req.Revision))
		if f.inProgress {
			// Automated sync took the change first.
			f.inProgress = false
			f.pending = &fakeOp{}
			grpcError(w, http.StatusBadRequest, 9, "another operation is already in progress")
			return
		}
		if f.pending != nil || (f.state != nil && f.state.Phase == "Running") {
			grpcError(w, http.StatusBadRequest, 9, "another operation is already in progress")
			return
		}
		f.pending, f.revision = &fakeOp{Info: req.Infos}, req.Revision
		f.writeApp(w)
	case r.Method == http.MethodPost && r.URL.Path == appPath+"/rollback":
		var req struct{ Name, ID string }
		_ = json.NewDecoder(r.Body).Decode(&req)
		f.rollbacks = append(f.rollbacks, req.ID)
		f.record(deploytest.Received{})
		if f.automated {
			grpcError(w, http.StatusBadRequest, 9, "rollback cannot be initiated when auto-sync is enabled")
			return
		}
		f.pending = &fakeOp{}
		f.writeApp(w)
	case r.Method == http.MethodDelete && r.URL.Path == appPath+"/operation":
		f.record(deploytest.Received{})
		f.deletes++
		if f.state != nil && f.state.Phase == "Running" {
			f.state.Phase, f.state.Message = "Failed", "Operation terminated"
		}
		io.WriteString(w, "{}")
	default:
		f.record(deploytest.Received{})
		f.t.Logf("unexpected request %s", key)
		grpcError(w, http.StatusNotFound, 5, "not found")
	}
}

// received is what the fake records of a sync: the deployment from its
// infos, and the version that the application's spec (or the synced
// commit's file) holds.
func (f *fakeArgoCD) received(infos []info, revision string) deploytest.Received {
	got := deploytest.Received{}
	for _, i := range infos {
		if k, ok := strings.CutPrefix(i.Name, "deploybot."); ok && k != "version" {
			got[k] = i.Value
		}
	}
	switch f.mode {
	case argocd.TargetRevision:
		got[deploytest.KeyVersion] = f.source.TargetRevision
	case argocd.HelmParameter:
		if f.source.Helm != nil {
			for _, p := range f.source.Helm.Parameters {
				if p.Name == "image.tag" {
					got[deploytest.KeyVersion] = p.Value
				}
			}
		}
	case argocd.KustomizeImage:
		if f.source.Kustomize != nil {
			for _, img := range f.source.Kustomize.Images {
				if tag, ok := strings.CutPrefix(img, "ghcr.io/acme/shop:"); ok {
					got[deploytest.KeyVersion] = tag
				}
			}
		}
	case argocd.GitCommit:
		got["revision"] = revision
	}
	return got
}

// progress moves the operation on, as the application controller would.
func (f *fakeArgoCD) progress() {
	if f.pending != nil {
		f.state = &fakeState{Operation: *f.pending, Phase: "Running", StartedAt: time.Now().UTC()}
		f.pending, f.gets = nil, 0
		f.health = "Progressing"
		return
	}
	if f.state == nil || f.state.Phase != "Running" {
		return
	}
	f.gets++
	if f.hang || f.gets < f.completeAfter || !f.released() {
		return
	}
	switch f.final {
	case "Failed":
		f.state.Phase, f.state.Message = "Failed", `one or more objects failed to apply, reason: Deployment.apps "shop" is invalid`
		f.sync, f.health = "OutOfSync", "Missing"
		f.resources = []fakeResource{{Kind: "Deployment", Namespace: "shop", Name: "shop", Status: "OutOfSync", Health: &struct {
			Status  string `json:"status"`
			Message string `json:"message,omitempty"`
		}{"Missing", ""}}}
	case "Degraded":
		f.state.Phase, f.sync, f.health = "Succeeded", "Synced", "Degraded"
		f.resources = []fakeResource{
			{Kind: "Service", Namespace: "shop", Name: "shop", Status: "Synced"},
			{Kind: "Deployment", Namespace: "shop", Name: "shop", Status: "Synced", Health: &struct {
				Status  string `json:"status"`
				Message string `json:"message,omitempty"`
			}{"Degraded", `Deployment "shop" exceeded its progress deadline`}},
		}
	default:
		f.state.Phase, f.health = "Succeeded", "Healthy"
		f.sync = "Synced"
		if len(f.rollbacks) > 0 && len(f.syncs) == 0 {
			f.sync = "OutOfSync" // after a rollback the spec names another revision
		}
		f.state.SyncResult = &struct {
			Revision string `json:"revision"`
		}{f.revision}
	}
}

func (f *fakeArgoCD) released() bool {
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

func (f *fakeArgoCD) writeApp(w http.ResponseWriter) {
	app := map[string]any{
		"metadata": map[string]any{"name": "shop", "namespace": "argocd"},
		"spec":     map[string]any{"source": f.source},
		"status": map[string]any{
			"sync":      map[string]any{"status": f.sync, "revision": "0123456789abcdef"},
			"health":    map[string]any{"status": f.health},
			"resources": f.resources,
			"history":   f.history,
		},
	}
	if f.automated {
		app["spec"].(map[string]any)["syncPolicy"] = map[string]any{"automated": map[string]any{"prune": true}}
	}
	if f.pending != nil {
		app["operation"] = f.pending
	}
	if f.state != nil {
		app["status"].(map[string]any)["operationState"] = f.state
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(app)
}

func grpcError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": msg, "code": code, "message": msg})
}

type restartable struct {
	argocd.Executor
	build func() argocd.Executor
}

func (r restartable) Restart() deploybot.Executor { return r.build() }

func TestContract(t *testing.T) {
	for _, mode := range []string{argocd.TargetRevision, argocd.HelmParameter, argocd.KustomizeImage} {
		t.Run(mode, func(t *testing.T) {
			deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
				f := newFake(t)
				f.mode = mode
				f.record = o.Record
				f.completeAfter = 2
				switch o.Behavior {
				case deploytest.Fail:
					f.final = "Failed"
				case deploytest.Hang:
					f.hang = true
				case deploytest.Refuse:
					f.refuse = true
				case deploytest.SucceedOnRelease:
					f.release = o.Release
				case deploytest.FailOnRelease:
					f.release, f.final = o.Release, "Degraded"
				}
				ex, _ := f.start()
				return restartable{ex, func() argocd.Executor { return ex }}
			})
		})
	}
}

func TestSources(t *testing.T) {
	tests := []struct {
		mode      string
		before    func(f *fakeArgoCD)
		wantPatch string
	}{
		{argocd.TargetRevision, nil, `{"spec":{"source":{"targetRevision":"v2.0.0"}}}`},
		{argocd.HelmParameter, func(f *fakeArgoCD) {
			f.source.Helm = &struct {
				Parameters []helmParam `json:"parameters,omitempty"`
			}{[]helmParam{{Name: "replicas", Value: "3"}, {Name: "image.tag", Value: "v1.4.1"}}}
		}, `{"spec":{"source":{"helm":{"parameters":[{"name":"replicas","value":"3"},{"name":"image.tag","value":"v2.0.0","forceString":true}]}}}}`},
		{argocd.HelmParameter, nil, `{"spec":{"source":{"helm":{"parameters":[{"name":"image.tag","value":"v2.0.0","forceString":true}]}}}}`},
		{argocd.KustomizeImage, func(f *fakeArgoCD) {
			f.source.Kustomize = &struct {
				Images []string `json:"images,omitempty"`
			}{[]string{"redis:7", "ghcr.io/acme/shop:v1.4.1"}}
		}, `{"spec":{"source":{"kustomize":{"images":["redis:7","ghcr.io/acme/shop:v2.0.0"]}}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			f := newFake(t)
			f.mode = tt.mode
			if tt.before != nil {
				tt.before(f)
			}
			ex, srv := f.start()
			d := deploytest.NewDeployment()
			d.Version = "v2.0.0"
			var reported []string
			ctx := deploybot.WithRefRecorder(context.Background(), func(ref string) { reported = append(reported, ref) })
			res, err := ex.Execute(ctx, d)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if len(reported) != 1 || reported[0] != res.Ref || !strings.HasPrefix(res.Ref, srv.URL+"/applications/shop?deploybot=42&since=") {
				t.Errorf("Ref %q, reported %q", res.Ref, reported)
			}
			if !strings.Contains(res.Output, "shop: Synced, Healthy") || !strings.Contains(res.Output, "operation Succeeded") {
				t.Errorf("Output %q", res.Output)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.patches) != 1 || f.patches[0] != tt.wantPatch {
				t.Errorf("patches %q, want %q", f.patches, tt.wantPatch)
			}
		})
	}
}

func TestUnchangedTargetIsNotPatched(t *testing.T) {
	f := newFake(t)
	ex, _ := f.start()
	d := deploytest.NewDeployment()
	d.Version = "v1.4.1"
	if _, err := ex.Execute(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(f.patches) != 0 || len(f.syncs) != 1 {
		t.Errorf("%d patches, %d syncs", len(f.patches), len(f.syncs))
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name, final string
		want        []string
	}{
		{"sync failed", "Failed", []string{`Argo CD sync of shop failed: one or more objects failed to apply, reason: Deployment.apps "shop" is invalid`, "shop/Deployment/shop Missing, OutOfSync"}},
		{"degraded", "Degraded", []string{"Argo CD application shop is Degraded after its sync", `shop/Deployment/shop Degraded (Deployment "shop" exceeded its progress deadline)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.final = tt.final
			ex, _ := f.start()
			res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
			if err == nil {
				t.Fatal("Execute succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if !strings.Contains(res.Output, tt.want[1]) {
				t.Errorf("output %q lacks %q", res.Output, tt.want[1])
			}
			if strings.Contains(err.Error(), "Service/shop") {
				t.Errorf("a healthy resource is named: %v", err)
			}
			for _, e := range []error{deploybot.ErrNotStarted, deploybot.ErrDetached, deploybot.ErrOutcomeUnknown} {
				if errors.Is(err, e) {
					t.Errorf("error wraps %v", e)
				}
			}
		})
	}
}

func TestRollback(t *testing.T) {
	history := []fakeHistory{
		{ID: 3, Revision: "aaaa", Source: fakeSource{TargetRevision: "v1.4.1"}},
		{ID: 4, Revision: "bbbb", Source: fakeSource{TargetRevision: "v1.5.0"}},
	}
	tests := []struct {
		name         string
		automated    bool
		version      string
		wantRollback []string
		wantPatches  int
	}{
		{"through Argo CD's history", false, "v1.4.1", []string{"3"}, 0},
		{"automated sync: deployed the same way", true, "v1.4.1", nil, 1},
		{"a version not in the history: deployed the same way", false, "v1.3.0", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.automated, f.history = tt.automated, history
			f.source.TargetRevision = "v1.5.0"
			ex, _ := f.start()
			d := deploytest.NewDeployment()
			d.Action, d.Version, d.PreviousVersion = deploybot.ActionRollback, tt.version, "v1.5.0"
			res, err := ex.Execute(context.Background(), d)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if fmt.Sprint(f.rollbacks) != fmt.Sprint(tt.wantRollback) || len(f.patches) != tt.wantPatches {
				t.Errorf("rollbacks %q, %d patches", f.rollbacks, len(f.patches))
			}
			if tt.wantRollback != nil && (!strings.Contains(res.Ref, "history=1") || !strings.Contains(res.Output, "OutOfSync, Healthy")) {
				t.Errorf("Ref %q, Output %q", res.Ref, res.Output)
			}
		})
	}
}

func TestAutomatedSyncFirst(t *testing.T) {
	f := newFake(t)
	f.automated, f.inProgress = true, true
	ex, _ := f.start()
	d := deploytest.NewDeployment()
	d.Version = "v2.0.0"
	if _, err := ex.Execute(context.Background(), d); err != nil {
		t.Fatalf("Execute: %v", err)
	}
}

func TestTimeoutTerminates(t *testing.T) {
	for timeout := 50 * time.Millisecond; ; timeout *= 4 {
		if timeout > time.Minute {
			t.Fatal("the sync never started within the timeout")
		}
		f := newFake(t)
		f.hang = true
		ex, _ := f.start()
		ex.Timeout = timeout
		res, err := ex.Execute(context.Background(), deploytest.NewDeployment())
		if res.Ref == "" {
			t.Logf("no sync within %s: again with a longer timeout", timeout)
			continue
		}
		if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, deploybot.ErrOutcomeUnknown) || errors.Is(err, deploybot.ErrDetached) {
			t.Fatalf("error %v: want context.DeadlineExceeded alone", err)
		}
		if want := "timed out after " + timeout.String() + "; its operation was terminated"; !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.deletes != 1 {
			t.Errorf("%d terminations", f.deletes)
		}
		return
	}
}

func TestCancel(t *testing.T) {
	f := newFake(t)
	f.hang = true
	ex, _ := f.start()
	ctx, cancel := context.WithCancel(context.Background())
	refs := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		_, err := ex.Execute(deploybot.WithRefRecorder(ctx, func(ref string) { refs <- ref }), deploytest.NewDeployment())
		done <- err
	}()
	ref := <-refs
	cancel()
	<-done
	d := deploytest.NewDeployment()
	if err := ex.Cancel(context.Background(), d); err == nil {
		t.Error("Cancel without a ref succeeded")
	}
	d.ExecutorRef = ref
	f.mu.Lock()
	if f.pending != nil {
		f.progress()
	}
	f.mu.Unlock()
	if err := ex.Cancel(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.deletes != 1 || f.state.Phase != "Failed" {
		t.Errorf("%d terminations, phase %s", f.deletes, f.state.Phase)
	}
}

func TestRetryAfter(t *testing.T) {
	for _, key := range []string{"GET " + appPath, "POST " + appPath + "/sync"} {
		t.Run(key, func(t *testing.T) {
			f := newFake(t)
			f.failures = map[string][]int{key: {http.StatusTooManyRequests}}
			f.retryAfter = "1"
			ex, _ := f.start()
			if _, err := ex.Execute(context.Background(), deploytest.NewDeployment()); err != nil {
				t.Fatalf("Execute: %v", err)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			times := f.times[key]
			if len(times) < 2 {
				t.Fatalf("%d requests %s", len(times), key)
			}
			if gap := times[1].Sub(times[0]); gap < time.Second {
				t.Errorf("tried again after %s, Retry-After said 1s", gap)
			}
			if len(f.syncs) != 1 {
				t.Errorf("%d syncs", len(f.syncs))
			}
		})
	}
}

func TestTransientErrors(t *testing.T) {
	tests := []struct {
		name     string
		failures map[string][]int
		sentinel error
	}{
		{"5xx while following", map[string][]int{"GET " + appPath: {0, 502, 503}}, nil},
		{"5xx too often", map[string][]int{"GET " + appPath: {0, 503, 503, 503, 503, 503}}, deploybot.ErrOutcomeUnknown},
		{"sync refused", map[string][]int{"POST " + appPath + "/sync": {403}}, deploybot.ErrNotStarted},
		{"application not found", map[string][]int{"GET " + appPath: {404}}, deploybot.ErrNotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			// A leading 0 lets the first request through.
			if codes := tt.failures["GET "+appPath]; len(codes) > 0 && codes[0] == 0 {
				f.failures = map[string][]int{}
				f.completeAfter = 3
				ex, _ := f.start()
				first := true
				ex.Client = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
					if r.Method == http.MethodGet && !first {
						f.mu.Lock()
						if f.failures["GET "+appPath] == nil {
							f.failures["GET "+appPath] = codes[1:]
						}
						f.mu.Unlock()
					}
					first = false
					return http.DefaultTransport.RoundTrip(r)
				})}
				checkSentinel(t, ex, tt.sentinel)
				return
			}
			f.failures = tt.failures
			ex, _ := f.start()
			checkSentinel(t, ex, tt.sentinel)
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func checkSentinel(t *testing.T, ex argocd.Executor, sentinel error) {
	t.Helper()
	_, err := ex.Execute(context.Background(), deploytest.NewDeployment())
	if sentinel == nil {
		if err != nil {
			t.Fatalf("Execute: %v", err)
		}
		return
	}
	for _, e := range []error{deploybot.ErrNotStarted, deploybot.ErrDetached, deploybot.ErrOutcomeUnknown} {
		if errors.Is(err, e) != (e == sentinel) {
			t.Errorf("errors.Is(%v, %q) = %v", err, e, !errors.Is(err, e))
		}
	}
}

func TestAdopt(t *testing.T) {
	tests := []struct {
		name    string
		ref     func(ref string) string
		wantErr error
	}{
		{"by its ref", func(ref string) string { return ref }, nil},
		{"no ref", func(string) string { return "" }, deploybot.ErrOutcomeUnknown},
		{"another deployment's ref", func(ref string) string { return strings.Replace(ref, "deploybot=42", "deploybot=41", 1) }, deploybot.ErrOutcomeUnknown},
		{"another application's ref", func(ref string) string { return strings.Replace(ref, "/applications/shop?", "/applications/web?", 1) }, deploybot.ErrOutcomeUnknown},
		{"an operation older than the ref", func(ref string) string {
			return strings.Replace(ref, "since=", "since=9", 1)
		}, deploybot.ErrOutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.completeAfter = 3
			release := make(chan struct{})
			f.release = release
			ex, _ := f.start()
			ctx, cancel := context.WithCancel(context.Background())
			refs := make(chan string, 1)
			done := make(chan error, 1)
			go func() {
				_, err := ex.Execute(deploybot.WithRefRecorder(ctx, func(ref string) { refs <- ref }), deploytest.NewDeployment())
				done <- err
			}()
			ref := <-refs
			cancel()
			if err := <-done; !errors.Is(err, deploybot.ErrDetached) {
				t.Fatalf("Execute: %v", err)
			}
			close(release)
			// The operation carries no infos for this check: only its time
			// tells it apart.
			f.mu.Lock()
			if f.pending != nil {
				f.progress() // the controller starts it
			}
			f.state.Operation.Info = nil
			f.mu.Unlock()
			d := deploytest.NewDeployment()
			d.ExecutorRef = tt.ref(ref)
			fresh := ex
			fresh.Client = &http.Client{}
			res, err := fresh.Adopt(context.Background(), d)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Adopt = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || res.Ref != ref {
				t.Fatalf("Adopt = %+v, %v", res, err)
			}
		})
	}
}

// fakeGit is a GitHub contents API or a GitLab repository files API
// holding one file.
type fakeGit struct {
	kind    string
	content string
	commits []string // messages
	branch  string
}

func (g *fakeGit) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	sha := fmt.Sprintf("%040d", len(g.commits))
	switch {
	case g.kind == argocd.GitHub && r.Header.Get("Authorization") != "Bearer git-token",
		g.kind == argocd.GitLab && r.Header.Get("PRIVATE-TOKEN") != "git-token":
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message":"Bad credentials"}`)
	case g.kind == argocd.GitHub && r.URL.Path == "/repos/acme/shop-deploy/contents/envs/production/version":
		if r.Method == http.MethodGet {
			g.branch = r.URL.Query().Get("ref")
			if g.content == "" {
				w.WriteHeader(http.StatusNotFound)
				io.WriteString(w, `{"message":"Not Found"}`)
				return
			}
			json.NewEncoder(w).Encode(map[string]string{"sha": "filesha", "encoding": "base64", "content": base64.StdEncoding.EncodeToString([]byte(g.content))})
			return
		}
		var body map[string]string
		json.NewDecoder(r.Body).Decode(&body)
		b, _ := base64.StdEncoding.DecodeString(body["content"])
		g.content = string(b)
		g.commits = append(g.commits, body["message"])
		json.NewEncoder(w).Encode(map[string]any{"commit": map[string]string{"sha": fmt.Sprintf("%040d", len(g.commits))}})
	case g.kind == argocd.GitLab && r.URL.EscapedPath() == "/api/v4/projects/acme%2Fshop-deploy":
		io.WriteString(w, `{"default_branch":"main"}`)
	case g.kind == argocd.GitLab && r.URL.EscapedPath() == "/api/v4/projects/acme%2Fshop-deploy/repository/files/envs%2Fproduction%2Fversion":
		if r.Method == http.MethodGet {
			g.branch = r.URL.Query().Get("ref")
			if g.content == "" {
				w.WriteHeader(http.StatusNotFound)
				io.WriteString(w, `{"message":"404 File Not Found"}`)
				return
			}
			json.NewEncoder(w).Encode(map[string]string{"content": base64.StdEncoding.EncodeToString([]byte(g.content))})
			return
		}
		var body map[string]string
		json.NewDecoder(r.Body).Decode(&body)
		g.content = body["content"]
		g.commits = append(g.commits, r.Method+" "+body["commit_message"])
		io.WriteString(w, `{"file_path":"envs/production/version","branch":"main"}`)
	case g.kind == argocd.GitLab && r.URL.EscapedPath() == "/api/v4/projects/acme%2Fshop-deploy/repository/branches/main":
		json.NewEncoder(w).Encode(map[string]any{"commit": map[string]string{"id": sha}})
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Not Found"}`)
	}
}

func TestGitSource(t *testing.T) {
	tests := []struct {
		kind, existing string
		wantCommit     string
	}{
		{argocd.GitHub, "v1.4.1\n", "deploybot: deploy shop-api v2.0.0 to staging (#42, by jean.dupont)"},
		{argocd.GitHub, "", "deploybot: deploy shop-api v2.0.0 to staging (#42, by jean.dupont)"},
		{argocd.GitLab, "v1.4.1\n", "PUT deploybot: deploy shop-api v2.0.0 to staging (#42, by jean.dupont)"},
		{argocd.GitLab, "", "POST deploybot: deploy shop-api v2.0.0 to staging (#42, by jean.dupont)"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+" "+fmt.Sprint(tt.existing != ""), func(t *testing.T) {
			g := &fakeGit{kind: tt.kind, content: tt.existing}
			gsrv := httptest.NewServer(g)
			defer gsrv.Close()
			f := newFake(t)
			f.mode = argocd.GitCommit
			f.source.TargetRevision = "HEAD"
			ex, _ := f.start()
			api := gsrv.URL
			if tt.kind == argocd.GitLab {
				api += "/api/v4"
			}
			ex.Git = argocd.Git{Kind: tt.kind, APIURL: api, Project: "acme/shop-deploy", Path: "envs/production/version", Token: "git-token"}
			d := deploytest.NewDeployment()
			d.Version = "v2.0.0"
			if _, err := ex.Execute(context.Background(), d); err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if g.content != "v2.0.0\n" || len(g.commits) != 1 || g.commits[0] != tt.wantCommit {
				t.Errorf("content %q, commits %q", g.content, g.commits)
			}
			if want := fmt.Sprintf("%040d", 1); len(f.syncs) != 1 || f.syncs[0]["revision"] != want {
				t.Errorf("syncs %v, want revision %s", f.syncs, want)
			}
			if len(f.patches) != 0 {
				t.Errorf("the application was patched: %q", f.patches)
			}
		})
	}
}

func TestParseRepository(t *testing.T) {
	tests := []struct {
		repo, kind, api, project string
	}{
		{"github.com/acme/gitops", argocd.GitHub, "https://api.github.com", "acme/gitops"},
		{"https://github.com/acme/gitops.git", argocd.GitHub, "https://api.github.com", "acme/gitops"},
		{"https://github.example.com/acme/gitops", argocd.GitHub, "https://github.example.com/api/v3", "acme/gitops"},
		{"gitlab.com/acme/infra/gitops", argocd.GitLab, "https://gitlab.com/api/v4", "acme/infra/gitops"},
		{"https://git.example.com/acme/gitops", argocd.GitLab, "https://git.example.com/api/v4", "acme/gitops"},
		{"gitops", "", "", ""},
		{"https://github.com/acme/../x", "", "", ""},
	}
	for _, tt := range tests {
		kind, api, project, err := argocd.ParseRepository(tt.repo)
		if (err != nil) != (tt.kind == "") || kind != tt.kind || api != tt.api || project != tt.project {
			t.Errorf("ParseRepository(%q) = %q %q %q %v", tt.repo, kind, api, project, err)
		}
	}
}

func TestConfiguration(t *testing.T) {
	base := argocd.Executor{Server: "https://argocd.example.com", Application: "shop"}
	tests := []struct {
		name   string
		change func(e *argocd.Executor)
		want   string
	}{
		{"no server", func(e *argocd.Executor) { e.Server = "" }, "server"},
		{"bad application", func(e *argocd.Executor) { e.Application = "Shop;x" }, "application"},
		{"unknown source", func(e *argocd.Executor) { e.RevisionSource = "tag" }, "revision_source"},
		{"helm without parameter", func(e *argocd.Executor) { e.RevisionSource = argocd.HelmParameter }, "parameter"},
		{"kustomize without image", func(e *argocd.Executor) { e.RevisionSource = argocd.KustomizeImage }, "image"},
		{"git without repository", func(e *argocd.Executor) { e.RevisionSource = argocd.GitCommit }, "repository"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := base
			tt.change(&ex)
			_, err := ex.Execute(context.Background(), deploytest.NewDeployment())
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, deploybot.ErrNotStarted) {
				t.Fatalf("error %v, want %q and ErrNotStarted", err, tt.want)
			}
		})
	}
}
