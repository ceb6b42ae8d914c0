package deploybot

import (
	"context"
	"errors"
	"strings"
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
	// StateInterrupted: the process running it stopped before the outcome
	// was known. Reconcile turns it into succeeded or failed when the
	// executor can tell; otherwise it stays interrupted ("outcome unknown:
	// check the target") until someone records the outcome or unlocks the
	// environment with --force. Its lock is held by the deployment.
	StateInterrupted DeployState = "interrupted"
)

// Label names s in language l, as people read it: "awaiting approval",
// "attend une approbation".
func (s DeployState) Label(l Lang) string {
	if l != French {
		return strings.ReplaceAll(string(s), "_", " ")
	}
	switch s {
	case StateRequested:
		return "à confirmer"
	case StateAwaitingApproval:
		return "attend une approbation"
	case StateApproved:
		return "approuvé"
	case StateRunning:
		return "en cours"
	case StateVerifying:
		return "vérification"
	case StateMonitoring:
		return "surveillance"
	case StateSucceeded:
		return "réussi"
	case StateFailed:
		return "échoué"
	case StateRolledBack:
		return "annulé par rollback"
	case StateCancelled:
		return "annulé"
	case StateRejected:
		return "refusé"
	case StateInterrupted:
		return "interrompu"
	}
	return string(s)
}

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
	StateRunning:          {StateVerifying, StateFailed, StateInterrupted},
	StateVerifying:        {StateMonitoring, StateSucceeded, StateFailed, StateInterrupted},
	StateMonitoring:       {StateSucceeded, StateFailed, StateRolledBack},
	StateSucceeded:        {StateRolledBack},
	StateFailed:           {StateRolledBack},
	StateInterrupted:      {StateSucceeded, StateFailed},
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
	ID      int64
	Project string
	Env     string
	Version string
	// PreviousVersion is, for a deploy, the version a rollback would go
	// back to (its rollback target, "" when there is none); for a
	// rollback, the version it leaves. Executors get it as
	// DEPLOY_PREVIOUS_VERSION.
	PreviousVersion string
	// Replaces is the version that ran in the environment when the
	// deployment was planned ("" when none did).
	Replaces    string
	Strategy    Strategy
	Action      Action
	RollbackOf  int64 // for a rollback: the deployment it undoes, if any
	Requester   string
	Approver    string
	Reason      string
	Force       bool // break-glass: outside windows or freezes, with a reason
	Wait        bool // wait in line for a held lock instead of failing
	State       DeployState
	Reasons     []string // why it was rejected, cancelled or failed
	Ticked      []string // checklist items the requester ticked one by one
	ExecutorRef string   // the run's id or URL at the executor
	// Ref is what the requester named when it was a moving reference
	// (latest, a branch) that the executor resolved to Version; "" when
	// Version is what was named.
	Ref string
	// Started says that the executor's run began (a failure before it did
	// changed nothing at the target); StartedAt is when it moved to
	// running.
	Started   bool
	StartedAt time.Time
	// Failure says what failed, for a failed deployment: the executor,
	// the verification or the monitoring. A version whose verification or
	// monitoring failed is bad in that environment.
	Failure Failure
	// RequestKey identifies the chat message that asked for it, so that a
	// message handled twice (after a crash) plans it once.
	RequestKey string
	// DrillID is the rollback drill this deployment is a step of (0:
	// none). Executors get it as DEPLOY_DRILL.
	DrillID int64
	// FirstCommitAt is when the earliest commit this deployment shipped
	// was made (Change.CommittedAt), recorded when a production deploy
	// runs and its changelog dates commits; zero otherwise. Lead time for
	// changes starts there.
	FirstCommitAt time.Time
	Output        string // an excerpt of what the executor said
	Platform      Platform
	Channel       string
	Thread        string
	Lang          Lang // language of the conversation: notifications follow it
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Failure says what part of a deployment failed.
type Failure string

// The parts of a deployment that can fail.
const (
	FailureExecutor     Failure = "executor"     // the run itself failed or never started
	FailureVerification Failure = "verification" // health checks or smoke tests after the run
	FailureMonitoring   Failure = "monitoring"   // a threshold was crossed in the monitoring window
)

// Executor runs a deployment in the team's own pipeline: a script, a
// webhook, a CI workflow. Execute blocks until the run has concluded and
// returns an error when it failed. The executor enforces its own timeout
// (it stops the run then). When ctx ends first, the process stops
// following the run, which goes on at the target: Execute returns an error
// that wraps ErrDetached, and another process may adopt the run (Adopter).
// An error for a run that never began wraps ErrNotStarted. The
// deployment's fields are validated before Execute is called.
type Executor interface {
	Execute(ctx context.Context, d Deployment) (ExecResult, error)
}

// Errors an executor wraps to say what became of a run.
var (
	// ErrNotStarted: the run never began; nothing changed at the target.
	ErrNotStarted = errors.New("the run did not start")
	// ErrDetached: this process stopped following a run that goes on.
	ErrDetached = errors.New("stopped following the run, which goes on")
	// ErrOutcomeUnknown: the run ended, or its follower died, and its
	// outcome cannot be told: someone must check the target.
	ErrOutcomeUnknown = errors.New("outcome unknown: check the target")
)

// Adopter is implemented by executors that can follow to its end a run
// that another process (one that stopped or crashed) started for d: a
// script started detached whose exit status is left in a file, a CI run
// followed by its id. Adopt blocks like Execute. It returns an error
// wrapping ErrNotStarted when no run was ever started for d, and one
// wrapping ErrOutcomeUnknown when the run cannot be found or its outcome
// was lost.
type Adopter interface {
	Adopt(ctx context.Context, d Deployment) (ExecResult, error)
}

type refRecorderKey struct{}

// WithRefRecorder returns a context whose executors report, through f, the
// id or URL of their run as soon as they know it (ReportRef): the
// deployment records it before the run ends, so that another process can
// adopt the run if this one stops.
func WithRefRecorder(ctx context.Context, f func(ref string)) context.Context {
	return context.WithValue(ctx, refRecorderKey{}, f)
}

// ReportRef tells the recorder of ctx, if any, the id or URL of a run that
// has started. Executors call it once the run exists.
func ReportRef(ctx context.Context, ref string) {
	if f, ok := ctx.Value(refRecorderKey{}).(func(string)); ok && f != nil {
		f(ref)
	}
}

// Resolver is implemented by executors that can tell which version a
// moving reference ("latest", a branch) names now, so that a deployment
// records and runs a fixed version. An executor that is not a Resolver
// deploys only versions named exactly.
type Resolver interface {
	Resolve(ctx context.Context, project, env, ref string) (version string, err error)
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
	// CommittedAt is the commit's committer time (zero when the source
	// gives none). The committer time, not the author time: an author time
	// survives rebases, amends and cherry-picks, so a commit rebased onto
	// a release long after it was first written would claim weeks of lead
	// time it did not spend waiting; the committer time is when the commit
	// that ships was made, and for a squash or rebase merge it is the
	// merge into the branch that is deployed.
	CommittedAt time.Time
}

// EarliestCommit returns the earliest commit time of changes, or false
// when none is dated: where lead times for changes start (package dora).
func EarliestCommit(changes []Change) (time.Time, bool) {
	var first time.Time
	for _, c := range changes {
		if !c.CommittedAt.IsZero() && (first.IsZero() || c.CommittedAt.Before(first)) {
			first = c.CommittedAt
		}
	}
	return first, !first.IsZero()
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
