// Package deploytest holds the contract test suite that every
// deploybot.Executor passes, whatever pipeline it drives.
//
// An executor's test calls RunExecutorSuite with a function that builds the
// executor wired to a fake pipeline (a script, an HTTP server, a fake GitHub
// API). The fake acts out the Outcome it is given and reports each run it
// receives through Outcome.Record, so that the suite can check what reached
// the pipeline and that refused deployments reached nothing.
//
// Executors that implement deploybot.Adopter are also checked to follow, as
// a restarted process would, a run that another executor value started and
// stopped following (see Restarter).
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
	// Refuse: the run never starts; the pipeline refuses it or cannot be
	// reached (a 4xx answer, a refused connection, a missing program).
	Refuse
	// SucceedOnRelease: the run goes on until Outcome.Release is closed,
	// then concludes successfully.
	SucceedOnRelease
	// FailOnRelease: the run goes on until Outcome.Release is closed, then
	// concludes with a failure.
	FailOnRelease
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
	case Refuse:
		return "refuse"
	case SucceedOnRelease:
		return "succeed-on-release"
	case FailOnRelease:
		return "fail-on-release"
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

	// Release is closed when a run of behavior SucceedOnRelease or
	// FailOnRelease may conclude. It is never nil when the suite builds a
	// fake.
	Release <-chan struct{}
}

// Restarter is implemented by an executor built for the suite (usually the
// test's own wrapper around the real executor) whose runs can be adopted:
// Restart returns a new executor value configured as a restarted deploybot
// would configure it, following the same fake pipeline and sharing no
// memory with the first. The suite adopts runs with it. An Adopter that is
// not a Restarter adopts with itself.
type Restarter interface {
	Restart() deploybot.Executor
}

// Options says which optional parts of the contract an executor honours.
type Options struct {
	// OneRunPerDeployment: Execute called again for a deployment whose
	// run exists, running or ended, follows that run (or reports its
	// outcome) and never starts a second one, also from another executor
	// value. The shell executor, which keeps its runs on disk, does.
	OneRunPerDeployment bool
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
// failed run returns an error; a context that ends while the run goes on
// makes Execute return promptly with an error that wraps
// deploybot.ErrDetached and the context's error, and the run is neither
// stopped nor asked to stop; a run that never starts (a context ended
// before, a pipeline that refuses it) gives an error wrapping
// deploybot.ErrNotStarted; a deployment with an invalid project,
// environment, version, previous version or requester is refused with a
// deploybot.EINVALID error naming the field before anything reaches the
// pipeline; the pipeline receives the deployment's values exactly.
//
// For an executor that implements deploybot.Adopter: the run it started
// reports its id through deploybot.ReportRef; a fresh executor value (see
// Restarter) adopts a detached run by that id (in Deployment.ExecutorRef)
// and reports its real outcome; adopting a deployment that never ran gives
// an error wrapping deploybot.ErrNotStarted or deploybot.ErrOutcomeUnknown.
func RunExecutorSuite(t *testing.T, newExec func(t *testing.T, outcome Outcome) deploybot.Executor) {
	t.Helper()
	RunExecutorSuiteWith(t, Options{}, newExec)
}

// RunExecutorSuiteWith runs the contract as RunExecutorSuite does, and the
// optional parts that opts names.
func RunExecutorSuiteWith(t *testing.T, opts Options, newExec func(t *testing.T, outcome Outcome) deploybot.Executor) {
	t.Helper()
	t.Run("Succeeds", func(t *testing.T) { testSucceeds(t, newExec) })
	t.Run("Fails", func(t *testing.T) { testFails(t, newExec) })
	t.Run("Cancelled", func(t *testing.T) { testCancelled(t, newExec) })
	t.Run("AlreadyCancelled", func(t *testing.T) { testAlreadyCancelled(t, newExec) })
	t.Run("NotStarted", func(t *testing.T) { testNotStarted(t, newExec) })
	t.Run("RefusesUnsafeValues", func(t *testing.T) { testRefusesUnsafe(t, newExec) })
	t.Run("Adoption", func(t *testing.T) { testAdoption(t, newExec) })
	t.Run("AdoptionOfNothing", func(t *testing.T) { testAdoptionOfNothing(t, newExec) })
	if opts.OneRunPerDeployment {
		t.Run("OneRunPerDeployment", func(t *testing.T) { testOneRun(t, newExec) })
	}
}

// fake is an executor built for a subtest, with what its fake pipeline
// reports.
type fake struct {
	ex      deploybot.Executor
	rec     *recorder
	release chan struct{}
}

func build(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor, b Behavior) (deploybot.Executor, *recorder) {
	t.Helper()
	f := buildFake(t, newExec, b)
	return f.ex, f.rec
}

func buildFake(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor, b Behavior) *fake {
	t.Helper()
	rec := newRecorder()
	release := make(chan struct{})
	ex := newExec(t, Outcome{Behavior: b, Record: rec.record, Release: release})
	if ex == nil {
		t.Fatal("newExec returned a nil executor")
	}
	return &fake{ex: ex, rec: rec, release: release}
}

// restart returns the executor that adopts f's runs.
func (f *fake) restart() deploybot.Adopter {
	if r, ok := f.ex.(Restarter); ok {
		if a, ok := r.Restart().(deploybot.Adopter); ok {
			return a
		}
	}
	return f.ex.(deploybot.Adopter)
}

// refs collects the refs an executor reports through its context.
type refs struct {
	mu    sync.Mutex
	all   []string
	first chan struct{} // closed at the first ref
}

func newRefs() *refs { return &refs{first: make(chan struct{})} }

func (r *refs) context(ctx context.Context) context.Context {
	return deploybot.WithRefRecorder(ctx, func(ref string) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.all = append(r.all, ref)
		if len(r.all) == 1 {
			close(r.first)
		}
	})
}

func (r *refs) last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.all) == 0 {
		return ""
	}
	return r.all[len(r.all)-1]
}

// Started bounds how long the suite waits for a run to start: it should
// never be reached, whatever the machine's speed.
const Started = 30 * time.Second

// notExpected reports which of the executors' sentinel errors err wraps
// although it should not.
func notExpected(err error, want error) []string {
	var wrong []string
	for _, e := range []error{deploybot.ErrNotStarted, deploybot.ErrDetached, deploybot.ErrOutcomeUnknown} {
		if e != want && errors.Is(err, e) {
			wrong = append(wrong, fmt.Sprintf("%q", e))
		}
	}
	return wrong
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
	if wrong := notExpected(err, nil); len(wrong) > 0 {
		t.Errorf("the error of a failed run wraps %s: %v", strings.Join(wrong, ", "), err)
	}
	if n := len(rec.all()); n != 1 {
		t.Errorf("the pipeline received %d runs, want 1", n)
	}
}

// result is what Execute or Adopt returned.
type result struct {
	res deploybot.ExecResult
	err error
}

// started waits until the run that Execute began is known to the pipeline
// (its first record) or to the caller (its first ref). Fakes that record
// only when Execute returns, with executors that report no ref, make it
// wait Started.
func started(t *testing.T, rec *recorder, rs *refs, done <-chan result) {
	t.Helper()
	select {
	case <-rec.first:
	case <-rs.first:
	case <-time.After(Started):
	case r := <-done:
		t.Fatalf("Execute of a run that goes on returned: %v", r.err)
	}
}

func testCancelled(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	ex, rec := build(t, newExec, Hang)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rs := newRefs()
	done := make(chan result, 1)
	go func() {
		res, err := ex.Execute(rs.context(ctx), NewDeployment())
		done <- result{res, err}
	}()
	started(t, rec, rs, done)
	cancel()
	select {
	case r := <-done:
		if r.err == nil {
			t.Fatal("Execute of a cancelled run returned a nil error")
		}
		if !errors.Is(r.err, context.Canceled) {
			t.Errorf("the error of a cancelled run does not wrap context.Canceled: %v", r.err)
		}
		if !errors.Is(r.err, deploybot.ErrDetached) {
			t.Errorf("the error of a run left going does not wrap deploybot.ErrDetached: %v", r.err)
		}
		if wrong := notExpected(r.err, deploybot.ErrDetached); len(wrong) > 0 {
			t.Errorf("the error of a run left going wraps %s: %v", strings.Join(wrong, ", "), r.err)
		}
	case <-time.After(Wait):
		t.Fatalf("Execute did not return within %s of its context's cancellation", Wait)
	}
	if runs := rec.all(); len(runs) != 1 {
		t.Errorf("the pipeline received %d requests, want 1 run and no request to stop it: %v", len(runs), runs)
	}
}

func testAlreadyCancelled(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	ex, rec := build(t, newExec, Succeed)
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
	if !errors.Is(err, deploybot.ErrNotStarted) {
		t.Errorf("the error does not wrap deploybot.ErrNotStarted: %v", err)
	}
	if d := time.Since(start); d > Wait {
		t.Errorf("Execute took %s with a cancelled context", d)
	}
	if runs := rec.all(); len(runs) != 0 {
		t.Errorf("the pipeline received %d runs with a cancelled context", len(runs))
	}
}

func testNotStarted(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	ex, rec := build(t, newExec, Refuse)
	ctx, cancel := context.WithTimeout(context.Background(), Started)
	defer cancel()
	_, err := ex.Execute(ctx, NewDeployment())
	if err == nil {
		t.Fatal("Execute of a refused run returned a nil error")
	}
	if !errors.Is(err, deploybot.ErrNotStarted) {
		t.Errorf("the error of a refused run does not wrap deploybot.ErrNotStarted: %v", err)
	}
	if wrong := notExpected(err, deploybot.ErrNotStarted); len(wrong) > 0 {
		t.Errorf("the error of a refused run wraps %s: %v", strings.Join(wrong, ", "), err)
	}
	if runs := rec.all(); len(runs) > 1 {
		t.Errorf("the pipeline received %d requests of a refused run: %v", len(runs), runs)
	}
}

func testAdoption(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	tests := []struct {
		name     string
		behavior Behavior
		fails    bool
	}{
		{"succeeds", SucceedOnRelease, false},
		{"fails", FailOnRelease, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := buildFake(t, newExec, tt.behavior)
			if _, ok := f.ex.(deploybot.Adopter); !ok {
				t.Skip("not a deploybot.Adopter")
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rs := newRefs()
			d := NewDeployment()
			done := make(chan result, 1)
			go func() {
				res, err := f.ex.Execute(rs.context(ctx), d)
				done <- result{res, err}
			}()
			select {
			case <-rs.first:
			case r := <-done:
				t.Fatalf("Execute returned before its run was released: %v", r.err)
			case <-time.After(Started):
				t.Fatalf("the run reported no ref within %s (deploybot.ReportRef)", Started)
			}
			cancel()
			var detached result
			select {
			case detached = <-done:
			case <-time.After(Wait):
				t.Fatalf("Execute did not return within %s of its context's cancellation", Wait)
			}
			if !errors.Is(detached.err, deploybot.ErrDetached) {
				t.Fatalf("Execute with a cancelled context: %v, want an error wrapping deploybot.ErrDetached", detached.err)
			}
			ref := rs.last()
			if detached.res.Ref != "" && detached.res.Ref != ref {
				t.Errorf("Execute returned Ref %q but reported %q: the deployment would keep a ref it cannot adopt", detached.res.Ref, ref)
			}
			// The run goes on after the detach: it concludes only now.
			close(f.release)
			d.ExecutorRef = ref
			actx, acancel := context.WithTimeout(context.Background(), Started)
			defer acancel()
			res, err := f.restart().(deploybot.Adopter).Adopt(actx, d)
			switch {
			case !tt.fails && err != nil:
				t.Fatalf("Adopt of a run that succeeded: %v", err)
			case tt.fails && err == nil:
				t.Fatal("Adopt of a run that failed returned a nil error")
			case tt.fails && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
				t.Errorf("Adopt of a failed run reports an ended context: %v", err)
			}
			if wrong := notExpected(err, nil); len(wrong) > 0 {
				t.Errorf("Adopt's error wraps %s: %v", strings.Join(wrong, ", "), err)
			}
			if res.Ref == "" {
				t.Error("Adopt returned an empty Ref")
			}
			if runs := f.rec.all(); len(runs) != 1 {
				t.Errorf("the pipeline received %d requests, want 1 run: %v", len(runs), runs)
			}
		})
	}
}

func testAdoptionOfNothing(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	f := buildFake(t, newExec, Succeed)
	if _, ok := f.ex.(deploybot.Adopter); !ok {
		t.Skip("not a deploybot.Adopter")
	}
	ctx, cancel := context.WithTimeout(context.Background(), Started)
	defer cancel()
	_, err := f.restart().(deploybot.Adopter).Adopt(ctx, NewDeployment())
	if !errors.Is(err, deploybot.ErrNotStarted) && !errors.Is(err, deploybot.ErrOutcomeUnknown) {
		t.Errorf("Adopt of a deployment that never ran: %v, want an error wrapping deploybot.ErrNotStarted or deploybot.ErrOutcomeUnknown", err)
	}
	if runs := f.rec.all(); len(runs) != 0 {
		t.Errorf("the pipeline received %d requests: %v", len(runs), runs)
	}
}

func testOneRun(t *testing.T, newExec func(*testing.T, Outcome) deploybot.Executor) {
	tests := []struct {
		name     string
		behavior Behavior
		fails    bool
	}{
		{"succeeds", SucceedOnRelease, false},
		{"fails", FailOnRelease, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := buildFake(t, newExec, tt.behavior)
			second := f.ex
			if r, ok := f.ex.(Restarter); ok {
				second = r.Restart()
			}
			ctx, cancel := context.WithTimeout(context.Background(), Started)
			defer cancel()
			d := NewDeployment()
			execute := func(ex deploybot.Executor, rs *refs) <-chan result {
				done := make(chan result, 1)
				go func() {
					res, err := ex.Execute(rs.context(ctx), d)
					done <- result{res, err}
				}()
				return done
			}
			wait := func(rs *refs, done <-chan result) {
				t.Helper()
				select {
				case <-rs.first:
				case r := <-done:
					t.Fatalf("Execute returned before its run was released: %v", r.err)
				case <-ctx.Done():
					t.Fatal("no ref was reported")
				}
			}
			rs1, rs2 := newRefs(), newRefs()
			done1 := execute(f.ex, rs1)
			wait(rs1, done1)
			done2 := execute(second, rs2)
			wait(rs2, done2)
			close(f.release)
			check := func(which string, r result) {
				t.Helper()
				if (r.err != nil) != tt.fails {
					t.Errorf("%s Execute: %v, want failed=%v", which, r.err, tt.fails)
				}
				if wrong := notExpected(r.err, nil); len(wrong) > 0 {
					t.Errorf("%s Execute's error wraps %s: %v", which, strings.Join(wrong, ", "), r.err)
				}
			}
			for i, done := range []<-chan result{done1, done2} {
				select {
				case r := <-done:
					check([]string{"first", "second"}[i], r)
				case <-ctx.Done():
					t.Fatalf("Execute did not return within %s of its run's end", Started)
				}
			}
			// Once the run has ended, Execute reports its outcome again.
			res, err := second.Execute(ctx, d)
			check("third", result{res, err})
			if runs := f.rec.all(); len(runs) != 1 {
				t.Errorf("the pipeline received %d runs for one deployment, want 1: %v", len(runs), runs)
			}
		})
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
