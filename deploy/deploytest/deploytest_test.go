package deploytest_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"deploybot"
	"deploybot/deploy/deploytest"
	"deploybot/deploy/safe"
)

// memExecutor is an executor whose pipeline is in memory: it shows that the
// suite's contract can be met and that the suite checks what it says.
type memExecutor struct {
	outcome deploytest.Outcome
	omit    []string // keys the pipeline does not receive
}

func (e memExecutor) Execute(ctx context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	if err := safe.Check(d); err != nil {
		return deploybot.ExecResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return deploybot.ExecResult{}, fmt.Errorf("not started: %w", err)
	}
	got := deploytest.Expected(d)
	for _, k := range e.omit {
		delete(got, k)
	}
	e.outcome.Record(got)
	ref := fmt.Sprintf("mem-%d", d.ID)
	switch e.outcome.Behavior {
	case deploytest.Succeed:
		return deploybot.ExecResult{Ref: ref}, nil
	case deploytest.Fail:
		return deploybot.ExecResult{Ref: ref}, errors.New("the run failed")
	default:
		<-ctx.Done()
		return deploybot.ExecResult{Ref: ref}, fmt.Errorf("stopped: %w", ctx.Err())
	}
}

func TestSuiteInMemory(t *testing.T) {
	deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		return memExecutor{outcome: o}
	})
}

func TestSuiteOptionalKeys(t *testing.T) {
	deploytest.RunExecutorSuite(t, func(t *testing.T, o deploytest.Outcome) deploybot.Executor {
		return memExecutor{outcome: o, omit: []string{deploytest.KeyRequester, deploytest.KeyStrategy, deploytest.KeyPreviousVersion}}
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
		deploytest.Succeed: "succeed", deploytest.Fail: "fail", deploytest.Hang: "hang", 9: "Behavior(9)",
	} {
		if got := b.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}
