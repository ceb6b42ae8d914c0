package deploybot

import (
	"context"
	"time"
)

// DeployState is a state of a deployment's lifecycle.
type DeployState string

// The states of a deployment. Terminal states end it.
const (
	StateRequested        DeployState = "requested"         // planned, waiting for the requester's confirmation
	StateAwaitingApproval DeployState = "awaiting_approval" // confirmed, waiting for an approver
	StateApproved         DeployState = "approved"          // may run once it holds the lock
	StateRunning          DeployState = "running"           // the executor is running
	StateVerifying        DeployState = "verifying"         // health checks and smoke tests
	StateMonitoring       DeployState = "monitoring"        // watching the metrics
	StateSucceeded        DeployState = "succeeded"         // terminal
	StateFailed           DeployState = "failed"            // terminal
	StateRolledBack       DeployState = "rolled_back"       // terminal: a rollback replaced it
	StateCancelled        DeployState = "cancelled"         // terminal: cancelled or expired before running
	StateRejected         DeployState = "rejected"          // terminal: refused by policy or by an approver
)

// Terminal reports whether s ends a deployment.
func (s DeployState) Terminal() bool {
	switch s {
	case StateSucceeded, StateFailed, StateRolledBack, StateCancelled, StateRejected:
		return true
	}
	return false
}

// transitions lists the states each state may move to.
var transitions = map[DeployState][]DeployState{
	StateRequested:        {StateAwaitingApproval, StateApproved, StateCancelled, StateRejected},
	StateAwaitingApproval: {StateApproved, StateRejected, StateCancelled},
	StateApproved:         {StateRunning, StateCancelled, StateFailed},
	StateRunning:          {StateVerifying, StateFailed},
	StateVerifying:        {StateMonitoring, StateSucceeded, StateFailed},
	StateMonitoring:       {StateSucceeded, StateFailed, StateRolledBack},
	StateSucceeded:        {StateRolledBack},
	StateFailed:           {StateRolledBack},
}

// CanMove reports whether a deployment in state from may move to state to.
// It is the one place where the lifecycle's transitions are decided.
func CanMove(from, to DeployState) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Action says whether a deployment ships a version or goes back to one.
type Action string

// The actions of a deployment.
const (
	ActionDeploy   Action = "deploy"
	ActionRollback Action = "rollback"
)

// Deployment is one request to ship (or roll back to) a version of a project
// in an environment, from its plan to its end.
type Deployment struct {
	ID              int64
	Project         string
	Env             string
	Version         string
	PreviousVersion string // what ran before, if known
	Strategy        Strategy
	Action          Action
	RollbackOf      int64 // for a rollback: the deployment it undoes, if any
	Requester       string
	Approver        string
	Reason          string
	Force           bool // break-glass: outside windows or freezes, with a reason
	Wait            bool // wait in line for a held lock instead of failing
	State           DeployState
	Reasons         []string // why it was rejected, cancelled or failed
	Ticked          []string // checklist items the requester ticked one by one
	ExecutorRef     string   // the run's id or URL at the executor
	Output          string   // an excerpt of what the executor said
	Platform        Platform
	Channel         string
	Thread          string
	Lang            Lang // language of the conversation: notifications follow it
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Executor runs a deployment in the team's own pipeline: a script, a
// webhook, a CI workflow. Execute blocks until the run has concluded and
// returns an error when it failed; ctx ends it early (timeout, shutdown).
// The deployment's fields are validated before Execute is called.
type Executor interface {
	Execute(ctx context.Context, d Deployment) (ExecResult, error)
}

// ExecResult is what an executor reports of a run.
type ExecResult struct {
	Ref    string // run id, URL or process id
	Output string // the last lines of its output
}

// Check is one HTTP health check or smoke test.
type Check struct {
	Name         string
	URL          string
	ExpectStatus int    // 0: any 2xx
	Contains     string // the body must contain it, when set
}

// CheckResult is the outcome of one check.
type CheckResult struct {
	Name   string
	OK     bool
	Detail string // status, latency, or what went wrong
}

// Prober runs health checks and smoke tests, and reads the validity of TLS
// certificates.
type Prober interface {
	Probe(ctx context.Context, checks []Check) []CheckResult
	CertExpiry(ctx context.Context, url string) (time.Time, error)
}

// MetricsSample is the state of an environment's metrics at one moment.
type MetricsSample struct {
	At        time.Time
	ErrorRate float64       // fraction of failed requests, 0.001 = 0.1%
	P95       time.Duration // 95th percentile of response time
	CPU       float64       // fraction of a core, or of the quota
	Memory    float64       // bytes
	Alerts    []string      // firing alerts
}

// Metrics samples the metrics of a project's environment.
type Metrics interface {
	Sample(ctx context.Context, project, env string) (MetricsSample, error)
}

// Change is one change between two versions.
type Change struct {
	Type    string // conventional-commit type: feat, fix, perf, ... ("other" if none)
	Summary string
	SHA     string
}

// Changelog lists the changes between two versions of a project.
type Changelog interface {
	Changes(ctx context.Context, project, from, to string) ([]Change, error)
}

// DeploymentFilter selects deployments; zero fields match everything.
type DeploymentFilter struct {
	Project   string
	Env       string
	States    []DeployState
	Action    Action
	Version   string
	Requester string
	Channel   string
	Thread    string
	// MatchThread makes Thread count even when empty (a conversation
	// outside any thread).
	MatchThread bool
	Limit       int // 0: 20
}
