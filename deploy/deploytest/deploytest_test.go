package deploytest_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"deploybot"
	"deploybot/deploy/deploytest"
	"deploybot/deploy/safe"
)

// memExecutor is an executor whose pipeline is in memory: it shows that the
// suite's contract can be met and that the suite checks what it says.
type memExecutor struct {
	outcome deploytest.Outcome
	omit    []string     // keys the pipeline does not receive
	once    bool         // one run per deployment: Execute follows a run that exists
	p       *memPipeline // shared with the executors Restart returns
}

// memPipeline holds the runs of a memExecutor, by ref.
type memPipeline struct {
	mu   sync.Mutex
	runs map[string]bool // ref: started
}

func newMem(o deploytest.Outcome, omit ...string) memExecutor {
	return memExecutor{outcome: o, omit: omit, p: &memPipeline{runs: map[string]bool{}}}
}

func (e memExecutor) Restart() deploybot.Executor {
	return memExecutor{outcome: e.outcome, omit: e.omit, once: e.once, p: e.p}
}

func (e memExecutor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("%w: %w", deploybot.ErrNotStarted, err)
	}
	ref := fmt.Sprintf("mem-%d", d.ID)
	e.p.mu.Lock()
	exists := e.p.runs[ref]
	e.p.mu.Unlock()
	if e.once && exists {
		deploybot.ReportRef(ctx, ref)
		return e.follow(ctx, ref)
	}
	got := deploytest.Expected(d)
	for _, k := range e.omit {
		delete(got, k)
	}
	e.outcome.Record(got)
	if e.outcome.Behavior == deploytest.Refuse {
		return deploybot.ExecResult{}, fmt.Errorf("refused: %w", deploybot.ErrNotStarted)
	}
	e.p.mu.Lock()
	e.p.runs[ref] = true
	e.p.mu.Unlock()
	deploybot.ReportRef(ctx, ref)
	return e.follow(ctx, ref)
}

func (e memExecutor) Adopt(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	e.p.mu.Lock()
	ok := e.p.runs[d.ExecutorRef]
	e.p.mu.Unlock()
	if !ok {
		return deploybot.ExecResult{}, fmt.Errorf("no run %q: %w", d.ExecutorRef, deploybot.ErrNotStarted)
	}
	return e.follow(ctx, d.ExecutorRef)
}

func (e memExecutor) follow(ctx context.Context, ref string) (deploybot.ExecResult, error) {
	res := deploybot.ExecResult{Ref: ref}
	switch e.outcome.Behavior {
	case deploytest.Succeed:
		return res, nil
	case deploytest.Fail:
		return res, errors.New("the run failed")
	case deploytest.SucceedOnRelease, deploytest.FailOnRelease:
		select {
		case <-e.outcome.Release:
			if e.outcome.Behavior == deploytest.FailOnRelease {
				return res, errors.New("the run failed")
			}
			return res, nil
		case <-ctx.Done():
		}
	default:
		<-ctx.Done()
	}
	return res, fmt.Errorf("%w: %w", deploybot.ErrDetached, ctx.Err())
}

// plainExecutor is an executor that adopts nothing.
type plainExecutor struct{ ex memExecutor }

func (e plainExecutor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	return e.ex.Execute(ctx, d)
}

func TestSuiteInMemory(t *testing.T) {
	deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		return newMem(o)
	})
}

func TestSuiteOneRunPerDeployment(t *testing.T) {
	deploytest.RunExecutorSuiteWith(t, deploytest.Options{OneRunPerDeployment: true}, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		ex := newMem(o)
		ex.once = true
		return ex
	})
}

func TestSuiteOptionalKeys(t *testing.T) {
	deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		return newMem(o, deploytest.KeyRequester, deploytest.KeyStrategy, deploytest.KeyPreviousVersion)
	})
}

func TestSuiteWithoutAdoption(t *testing.T) {
	deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		return plainExecutor{newMem(o)}
	})
}

func TestExpected(t *testing.T) {
	tests := []struct {
		name   string
		action deploybot.Action
		want   string
	}{
		{"deploy", deploybot.ActionDeploy, "deploy"},
		{"rollback", deploybot.ActionRollback, "rollback"},
		{"empty means deploy", "", "deploy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := deploytest.NewDeployment()
			d.Action = tt.action
			got := deploytest.Expected(d)
			if got[deploytest.KeyAction] != tt.want {
				t.Errorf("action = %q, want %q", got[deploytest.KeyAction], tt.want)
			}
			if got[deploytest.KeyID] != "42" || got[deploytest.KeyVersion] != d.Version {
				t.Errorf("Expected = %v", got)
			}
		})
	}
}

func TestNewDeploymentIsValid(t *testing.T) {
	if err := safe.Check(deploytest.NewDeployment()); err != nil {
		t.Fatal(err)
	}
}

func TestBehaviorString(t *testing.T) {
	for b, want := range map[deploytest.Behavior]string{
		deploytest.Succeed: "succeed", deploytest.Fail: "fail", deploytest.Hang: "hang", deploytest.Refuse: "refuse",
		deploytest.SucceedOnRelease: "succeed-on-release", deploytest.FailOnRelease: "fail-on-release", 9: "Behavior(9)",
	} {
		if got := b.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}
