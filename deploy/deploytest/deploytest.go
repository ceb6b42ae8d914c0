// Package deploytest holds the contract test suite that every
// deploybot.Executor passes, whatever pipeline it drives.
//
// An executor's test calls RunExecutorSuite with a function that builds the
// executor wired to a fake pipeline (a script, an HTTP server, a fake GitHub
// API). The fake acts out the Outcome it is given and reports each run it
// receives through Outcome.Record, so that the suite can check what reached
// the pipeline and that refused deployments reached nothing.
package deploytest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
)

// Behavior is what a fake pipeline does with a run.
type Behavior int

// The behaviors of a fake pipeline.
const (
	Succeed Behavior = iota + 1 // the run concludes successfully
	Fail                        // the run concludes with a failure
	Hang                        // the run never concludes
)

// String returns the behavior's name.
func (b Behavior) String() string {
	switch b {
	case Succeed:
		return "succeed"
	case Fail:
		return "fail"
	case Hang:
		return "hang"
	}
	return "Behavior(" + strconv.Itoa(int(b)) + ")"
}

// Outcome says what a fake pipeline should do, and how it reports what it
// received.
type Outcome struct {
	Behavior Behavior

	// Record must be called once for each run the fake pipeline is asked
	// to start (a deployment request, a start of the script: not the
	// polls that follow), and for any request the fake does not expect,
	// with the deployment's values as the pipeline saw them, at the
	// latest when Execute returns. It is safe for concurrent use and never
	// nil when the suite builds a fake.
	Record func(Received)
}

// Received holds what a fake pipeline received of one run, by key. The keys
// are the Key constants; a fake sets those its executor sends (a workflow
// dispatch, for instance, carries no requester).
type Received map[string]string

// The keys of Received.
const (
	KeyProject         = "project"
	KeyEnv             = "env"
	KeyVersion         = "version"
	KeyPreviousVersion = "previous_version"
	KeyStrategy        = "strategy"
	KeyAction          = "action"
	KeyID              = "id"
	KeyRequester       = "requester"
)

// requiredKeys are the keys every executor passes on.
var requiredKeys = []string{KeyProject, KeyEnv, KeyVersion, KeyAction, KeyID}

// Expected returns what a pipeline should receive of d, with every key set.
// An empty action is sent as deploy.
func Expected(d deploybot.Deployment) Received {
	action := d.Action
	if action == "" {
		action = deploybot.ActionDeploy
	}
	return Received{
		KeyProject:         d.Project,
		KeyEnv:             d.Env,
		KeyVersion:         d.Version,
		KeyPreviousVersion: d.PreviousVersion,
		KeyStrategy:        string(d.Strategy),
		KeyAction:          string(action),
		KeyID:              strconv.FormatInt(d.ID, 10),
		KeyRequester:       d.Requester,
	}
}

// NewDeployment returns a valid deployment to run in tests: recorded (it
// has an id), with a version that uses every allowed kind of character.
func NewDeployment() deploybot.Deployment {
	return deploybot.Deployment{
		ID:              42,
		Project:         "shop-api",
		Env:             "staging",
		Version:         "release-2024.11+build_7/rc1",
		PreviousVersion: "v1.4.1",
		Strategy:        deploybot.StrategyBlueGreen,
		Action:          deploybot.ActionDeploy,
		Requester:       "jean.dupont",
		Reason:          "weekly release; $(not a command)",
		State:           deploybot.StateRunning,
	}
}

// Wait bounds how long the suite lets an executor take to notice that its
// context ended.
const Wait = 5 * time.Second

// recorder collects what a fake pipeline received.
type recorder struct {
	mu    sync.Mutex
	runs  []Received
	first chan struct{} // closed at the first record
}

func newRecorder() *recorder { return &recorder{first: make(chan struct{})} }

func (r *recorder) record(got Received) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.runs = append(r.runs, got)
	if len(r.runs) == 1 {
		close(r.first)
	}
}

func (r *recorder) all() []Received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.runs)
}

// RunExecutorSuite runs the contract every executor honours against the
// executors newExec builds. newExec is called once per subtest, with the
// subtest's t (for t.TempDir, t.Cleanup) and the outcome its fake pipeline
// acts out.
//
// The contract: a successful run returns a nil error and a non-empty Ref; a
// failed run returns an error; an ended context makes Execute return
// promptly with an error that wraps the context's error; a deployment with
// an invalid project, environment, version, previous version or requester is
// refused with a deploybot.EINVALID error naming the field before anything
// reaches the pipeline; the pipeline receives the deployment's values
// exactly.
func RunExecutorSuite(t *testing.T, newExec func(t *testing.T, outcome Outcome) deploybot.Executor) {
	t.Helper()
	t.Run("Succeeds", func(t *testing.T) { testSucceeds(t, newExec) })
	t.Run("Fails", func(t *testing.T) { testFails(t, newExec) })
	t.Run("Cancelled", func(t *testing.T) { testCancelled(t, newExec) })
	t.Run("AlreadyCancelled", func(t *testing.T) { testAlreadyCancelled(t, newExec) })
	t.Run("RefusesUnsafeValues", func(t *testing.T) { testRefusesUnsafe(t, newExec) })
}

func build(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor, b Behavior) (deploybot.Executor, *recorder) {
	t.Helper()
	rec := newRecorder()
	ex := newExec(t, Outcome{Behavior: b, Record: rec.record})
	if ex == nil {
		t.Fatal("newExec returned a nil executor")
	}
	return ex, rec
}

func testSucceeds(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	rollback := NewDeployment()
	rollback.ID = 43
	rollback.Action = deploybot.ActionRollback
	rollback.Version, rollback.PreviousVersion = "v1.4.1", "release-2024.11+build_7/rc1"
	rollback.RollbackOf = 42
	rollback.Strategy = deploybot.StrategyRecreate
	rollback.Env = "Production"

	minimal := NewDeployment()
	minimal.ID = 7
	minimal.PreviousVersion, minimal.Strategy, minimal.Action = "", "", ""
	minimal.Version = "0123456789abcdef0123456789abcdef01234567"

	tests := []struct {
		name string
		d    deploybot.Deployment
	}{
		{"deploy", NewDeployment()},
		{"rollback", rollback},
		{"minimal", minimal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, rec := build(t, newExec, Succeed)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			res, err := ex.Execute(ctx, tt.d)
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if res.Ref == "" {
				t.Error("Execute succeeded with an empty Ref")
			}
			runs := rec.all()
			if len(runs) != 1 {
				t.Fatalf("the pipeline received %d runs, want 1: %v", len(runs), runs)
			}
			if err := compare(runs[0], Expected(tt.d)); err != nil {
				t.Error(err)
			}
		})
	}
}

// compare checks that got holds the required keys and that every key it
// holds has the expected value.
func compare(got, want Received) error {
	var problems []string
	for _, k := range requiredKeys {
		if _, ok := got[k]; !ok {
			problems = append(problems, fmt.Sprintf("%s was not received", k))
		}
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		w, known := want[k]
		switch {
		case !known:
			problems = append(problems, fmt.Sprintf("unknown key %q received", k))
		case got[k] != w:
			problems = append(problems, fmt.Sprintf("%s = %q, want %q", k, got[k], w))
		}
	}
	if len(problems) > 0 {
		return errors.New("the pipeline received wrong values: " + strings.Join(problems, "; "))
	}
	return nil
}

func testFails(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	ex, rec := build(t, newExec, Fail)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := ex.Execute(ctx, NewDeployment())
	if err == nil {
		t.Fatal("Execute of a failing run returned a nil error")
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a failed run is reported as an ended context: %v", err)
	}
	if n := len(rec.all()); n != 1 {
		t.Errorf("the pipeline received %d runs, want 1", n)
	}
}

func testCancelled(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	ex, rec := build(t, newExec, Hang)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := ex.Execute(ctx, NewDeployment())
		done <- err
	}()
	// Cancel once the pipeline has the run, or after a short while for
	// fakes that record only when Execute returns.
	select {
	case <-rec.first:
	case <-time.After(50 * time.Millisecond):
	case err := <-done:
		t.Fatalf("Execute of a hanging run returned before it was cancelled: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Execute of a cancelled run returned a nil error")
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the error of a cancelled run does not wrap context.Canceled: %v", err)
		}
	case <-time.After(Wait):
		t.Fatalf("Execute did not return within %s of its context's cancellation", Wait)
	}
}

func testAlreadyCancelled(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	ex, _ := build(t, newExec, Succeed)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err := ex.Execute(ctx, NewDeployment())
	if err == nil {
		t.Fatal("Execute with a cancelled context returned a nil error")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("the error does not wrap context.Canceled: %v", err)
	}
	if d := time.Since(start); d > Wait {
		t.Errorf("Execute took %s with a cancelled context", d)
	}
}

// unsafeCase is a deployment every executor must refuse, with the field its
// error must name.
type unsafeCase struct {
	name  string
	field string
	d     deploybot.Deployment
}

// unsafeDeployments lists the deployments every executor must refuse.
func unsafeDeployments() []unsafeCase {
	with := func(name, field string, change func(d *deploybot.Deployment)) unsafeCase {
		d := NewDeployment()
		change(&d)
		return unsafeCase{name: name, field: field, d: d}
	}
	return []unsafeCase{
		with("version with a command", "version", func(d *deploybot.Deployment) { d.Version = "v1;rm -rf /" }),
		with("version with a substitution", "version", func(d *deploybot.Deployment) { d.Version = "$(id)" }),
		with("version with backquotes", "version", func(d *deploybot.Deployment) { d.Version = "`id`" }),
		with("version with a newline", "version", func(d *deploybot.Deployment) { d.Version = "1.0\nX" }),
		with("version with a path", "version", func(d *deploybot.Deployment) { d.Version = "1.0/../../etc/passwd" }),
		with("version like an option", "version", func(d *deploybot.Deployment) { d.Version = "--force" }),
		with("empty version", "version", func(d *deploybot.Deployment) { d.Version = "" }),
		with("project with a command", "project", func(d *deploybot.Deployment) { d.Project = "api;id" }),
		with("project with a path", "project", func(d *deploybot.Deployment) { d.Project = "../api" }),
		with("project with a substitution", "project", func(d *deploybot.Deployment) { d.Project = "$(id)" }),
		with("environment with a pipe", "environment", func(d *deploybot.Deployment) { d.Env = "prod|sh" }),
		with("environment with a space", "environment", func(d *deploybot.Deployment) { d.Env = "production " }),
		with("previous version with a command", "previous version", func(d *deploybot.Deployment) { d.PreviousVersion = "v1&&id" }),
		with("requester with a command", "requester", func(d *deploybot.Deployment) { d.Requester = "bob; rm -rf ~" }),
	}
}

func testRefusesUnsafe(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	for _, tt := range unsafeDeployments() {
		t.Run(tt.name, func(t *testing.T) {
			ex, rec := build(t, newExec, Succeed)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			_, err := ex.Execute(ctx, tt.d)
			if code := deploybot.ErrorCode(err); code != deploybot.EINVALID {
				t.Errorf("Execute: error code %q (%v), want %q", code, err, deploybot.EINVALID)
			} else if msg := deploybot.ErrorMessage(err); !strings.Contains(msg, tt.field) {
				t.Errorf("message %q does not name the field %q", msg, tt.field)
			}
			if runs := rec.all(); len(runs) != 0 {
				t.Errorf("the pipeline received %d runs of a refused deployment: %v", len(runs), runs)
			}
		})
	}
}
