// Package deploy runs deployments and rollbacks: plan (policy and
// checklist), confirmation, approval, a database lock, the team's executor,
// verification, monitoring and notifications. It is driven by the agents
// and uses the store, executors, probes and metrics through interfaces.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"deploybot"
	"deploybot/deploy/safe"
	"deploybot/policy"
)

// Store is what the service needs of the database.
type Store interface {
	CreateDeployment(ctx context.Context, d deploybot.Deployment) (int64, error)
	DeploymentByRequest(ctx context.Context, key string) (deploybot.Deployment, bool, error)
	Deployment(ctx context.Context, id int64) (deploybot.Deployment, error)
	MoveDeployment(ctx context.Context, d *deploybot.Deployment, to deploybot.DeployState, actor, note string) error
	MoveDeploymentLeased(ctx context.Context, d *deploybot.Deployment, to deploybot.DeployState, actor, note string, holder deploybot.Holder, ttl time.Duration) error
	RecordRun(ctx context.Context, id int64, ref string) error
	// HistoryRuns returns, of the runs of project in env (the
	// deployments whose executor's run started, in the order they
	// started), those NewHistory depends on: the latest run, and each
	// version's latest run that made it good and latest that made it bad.
	// Every run would do, but their number grows with every deployment.
	HistoryRuns(ctx context.Context, project, env string) ([]deploybot.Deployment, error)
	// VersionGood is History.Good of version, read from its runs in env.
	VersionGood(ctx context.Context, project, env, version string) (bool, error)
	// RunSince is the id of a deployment of project's env, other than id,
	// whose run started after since or that was planned after id.
	RunSince(ctx context.Context, project, env string, id int64, since time.Time) (int64, bool, error)
	FindDeployments(ctx context.Context, f deploybot.DeploymentFilter) ([]deploybot.Deployment, error)
	LeaseOf(ctx context.Context, id int64) (deploybot.Lease, bool, error)
	TakeLease(ctx context.Context, id int64, holder deploybot.Holder, ttl time.Duration, gone func(deploybot.Holder) bool) (deploybot.Lease, bool, error)
	RenewLease(ctx context.Context, id int64, holder deploybot.Holder, ttl time.Duration) error
	ReleaseLease(ctx context.Context, id int64, holder deploybot.Holder) error
	AcquireLock(ctx context.Context, l deploybot.Lock, ttl time.Duration) (deploybot.Lock, error)
	// StartDeployment moves d to running with l taken, in one transaction,
	// first to approved with holder's lease when d is not approved yet;
	// when l is held by another, only the approval is committed and the
	// error is a *deploybot.LockError.
	StartDeployment(ctx context.Context, d *deploybot.Deployment, l deploybot.Lock, actor, note string, holder deploybot.Holder, ttl time.Duration) error
	ReleaseLock(ctx context.Context, project, env, holder, actor, reason string) (bool, error)
	Locks(ctx context.Context, project string) ([]deploybot.Lock, error)
	AddFreeze(ctx context.Context, f deploybot.Freeze) (int64, error)
	LiftFreeze(ctx context.Context, id int64, by string) (bool, error)
	Freezes(ctx context.Context) ([]deploybot.Freeze, error)
	TickChecklist(ctx context.Context, id int64, items []string) error
	RecordFirstCommit(ctx context.Context, id int64, at time.Time) error
}

// Target is everything the service knows of one environment of one
// project, from the configuration.
type Target struct {
	Project          string
	Env              string
	Production       bool
	StagingEnv       string // where a version must succeed before production
	StagingFirst     bool
	StagingFirstNote string // the recorded reason when StagingFirst is off
	Strategy         deploybot.Strategy
	URL              string
	Executor         deploybot.Executor // nil: deploying is not configured
	ExecutorDesc     string             // what the executor runs, for people ("shell ./deploy.sh")
	// CIStatus tells the CI state of a version's commit (success, pending,
	// failure), where the executor's platform can; nil: unknown.
	CIStatus          func(ctx context.Context, version string) (string, error)
	ExecTimeout       time.Duration
	Deployers         []string
	Rollbackers       []string
	ForceRoles        []string
	Approval          policy.Approval
	Approvers         []string
	RollbackApproval  bool
	HealthChecks      []deploybot.Check
	SmokeTests        []deploybot.Check
	MonitorWindow     time.Duration // 0: no monitoring
	DashboardURL      string        // monitoring links shown in notifications
	LogsURL           string
	Thresholds        policy.Thresholds // what monitoring watches; zero fields take the brief's values
	AutoRollback      bool              // roll back on its own when monitoring sees a breach
	LockAfterRollback bool
	RollbackProcedure string
	MinCertDays       int
	ChecklistSkip     []string // checklist item ids not required
	TickChecklist     bool     // the requester ticks each manual item before confirming
	Channel           string   // where notifications go when the request came from elsewhere
	Validations       []string // validations the project requires, shown on the checklist
	// Confirm: a plan waits for its requester's "yes" (agency.confirm).
	Confirm bool
	// ConfirmTimeout and ApprovalTimeout, when set, replace the service's.
	ConfirmTimeout, ApprovalTimeout time.Duration
	// Settings holds each setting read for this target, with where it
	// comes from, for the plan to say why (nil: no provenance known).
	// Read only: the targets of one view of the settings share it
	// (cmd/deploybot's buildTargets), as they share their lists.
	Settings map[string]deploybot.Setting
	// DrillEvery is how often production's rollback should be drilled
	// (default 30 days); RequireDrill refuses a production plan past it,
	// where a drill was possible.
	DrillEvery   time.Duration
	RequireDrill bool
}

// Directory turns the entries of an access list (a name, a chat user id,
// an "@group") into the actors they stand for (deploybot.SlackActor ids on
// Slack). An entry that cannot be resolved is an error: the service then
// grants it nothing (it fails closed).
type Directory interface {
	Resolve(ctx context.Context, entry string) ([]string, error)
}

// target resolves project/env and its access lists into actors.
func (s *Service) target(ctx context.Context, project, env string) (Target, error) {
	t, err := s.Targets(ctx, project, env)
	if err != nil {
		return t, err
	}
	for _, list := range []*[]string{&t.Deployers, &t.Approvers, &t.Rollbackers, &t.ForceRoles} {
		*list = s.resolve(ctx, *list)
	}
	return t, nil
}

// resolve turns the entries of an access list into actors. Without a
// directory (the terminal chat), names are actors and "@group" entries
// match nobody. With one, every entry goes through it. An entry that
// resolves to nobody grants nothing and stays in the list as its stand-in
// (policy.Unresolved), so that a list naming only such entries never turns
// into "anyone may" and a refusal still says whom the configuration names.
func (s *Service) resolve(ctx context.Context, list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s.Directory == nil {
			if strings.HasPrefix(x, "@") {
				out = append(out, policy.Unresolved(x))
			} else {
				out = append(out, x)
			}
			continue
		}
		actors, err := s.Directory.Resolve(ctx, x)
		if err != nil {
			s.Logger.Warn("access list entry grants nothing", "entry", x, "err", err)
		}
		if len(actors) == 0 {
			out = append(out, policy.Unresolved(x))
			continue
		}
		out = append(out, actors...)
	}
	return out
}

// Admin reports whether actor is one of the agency's admins.
func (s *Service) Admin(ctx context.Context, actor string) bool {
	return policy.Member(s.resolve(ctx, s.Admins), actor)
}

// Targets resolves a project and an environment to its target, with the
// settings in effect now, or a *deploybot.Error with code ENOTFOUND.
type Targets func(ctx context.Context, project, env string) (Target, error)

// Service runs deployments. Its methods are safe for concurrent use; the
// database, not the process, decides who holds a lock.
type Service struct {
	Store     Store
	Targets   Targets
	Calendar  func(project string) policy.Calendar
	Prober    deploybot.Prober  // nil: no health checks
	Metrics   deploybot.Metrics // nil: no monitoring
	Changelog deploybot.Changelog
	Poster    deploybot.Poster // nil: no notifications
	// Directory resolves the access lists' entries into actors; nil: names
	// are actors (the terminal chat) and "@group" entries match nobody.
	Directory Directory
	// Admins lists the agency's admins (names, ids or "@groups"), who may
	// lift any freeze and settle an interrupted deployment.
	Admins []string
	// Self names this process in the leases of the deployments it runs;
	// Gone tells whether another holder is dead (on this machine). Both
	// come from package process; a zero Self never adopts anything.
	Self deploybot.Holder
	Gone func(deploybot.Holder) bool
	// AllTargets lists every project/environment pair, for the rules that
	// concern all projects at once (a global freeze); nil: no check.
	AllTargets func() [][2]string
	// Environments lists a project's environments; nil: staging and
	// production.
	Environments func(project string) []string
	// Channel is the agency's notification channel, where changes that
	// loosen production safety are announced.
	Channel string
	Logger  *slog.Logger
	Now     deploybot.Clock
	Lang    deploybot.Lang // language of notifications

	ConfirmTimeout  time.Duration // a plan not confirmed in time expires; default 2m
	ApprovalTimeout time.Duration // default 2h
	LeaseTTL        time.Duration // lease of a deployment's run, renewed while it runs; default 30s
	WaitTimeout     time.Duration // how long a --wait request waits for a lock; default 10m
	LockPoll        time.Duration // how often a waiting request tries the lock; default 1s
	MonitorInterval time.Duration // how often monitoring samples; default 1m

	mu       sync.Mutex
	active   map[int64]int  // deployments this process acts on now, under its lease
	draining atomic.Bool    // a stop was asked: nothing new starts
	work     inflight       // deployments and verifications in flight
	monitors sync.WaitGroup // monitoring windows
	notes    map[int64]*notification
	starts   freezeStarts // the calendars' freezes sorted by start (Freezes)
	ctx      context.Context
	cancel   context.CancelFunc
	once     sync.Once
}

func (s *Service) init() {
	s.once.Do(func() {
		s.ctx, s.cancel = context.WithCancel(context.Background())
		s.notes = map[int64]*notification{}
		s.active = map[int64]int{}
		if s.ConfirmTimeout == 0 {
			s.ConfirmTimeout = 2 * time.Minute
		}
		if s.ApprovalTimeout == 0 {
			s.ApprovalTimeout = 2 * time.Hour
		}
		if s.LeaseTTL == 0 {
			s.LeaseTTL = 30 * time.Second
		}
		if s.Gone == nil {
			s.Gone = func(deploybot.Holder) bool { return false }
		}
		if s.WaitTimeout == 0 {
			s.WaitTimeout = 10 * time.Minute
		}
		if s.LockPoll == 0 {
			s.LockPoll = time.Second
		}
		if s.MonitorInterval == 0 {
			s.MonitorInterval = time.Minute
		}
		if s.Logger == nil {
			s.Logger = slog.New(slog.DiscardHandler)
		}
		if s.Now == nil {
			s.Now = deploybot.SystemClock
		}
	})
}

// Settle waits until the deployments started so far have run and been
// verified (their monitoring windows go on).
func (s *Service) Settle(ctx context.Context) error {
	s.init()
	return s.work.Wait(ctx)
}

// inflight counts work in progress; unlike a sync.WaitGroup, work may start
// while someone waits.
type inflight struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to zero
}

func (f *inflight) Add(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		f.idle = make(chan struct{})
	}
	f.n += n
}

func (f *inflight) Done() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n--
	if f.n == 0 {
		close(f.idle)
	}
}

// Wait returns when nothing is in progress, or when ctx ends.
func (f *inflight) Wait(ctx context.Context) error {
	for {
		f.mu.Lock()
		if f.n == 0 {
			f.mu.Unlock()
			return nil
		}
		idle := f.idle
		f.mu.Unlock()
		select {
		case <-idle:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Request asks for a deployment or a rollback.
type Request struct {
	Action    deploybot.Action
	Project   string
	Env       string
	Version   string // a rollback with none goes to the rollback target; a deploy with none deploys "latest", if the executor can resolve it
	Requester string // an actor
	Force     bool
	Wait      bool // wait in line (bounded by WaitTimeout) when the environment is locked
	Reason    string
	Platform  deploybot.Platform
	Channel   string
	Thread    string
	Lang      deploybot.Lang // the conversation's language; default the service's
	// RequestKey identifies the chat message that asks (its platform and
	// id): a message handled again after a crash gets the plan it got the
	// first time, never a second deployment.
	RequestKey string
}

// ChecklistItem is one item of a plan's pre-deployment checklist.
type ChecklistItem struct {
	policy.ChecklistItem
	Auto bool // checked by deploybot
	OK   bool // for automatic items: the result
}

// Plan is a deployment as proposed to its requester before anything runs.
type Plan struct {
	Deployment deploybot.Deployment
	Verdict    policy.Verdict
	Checklist  []ChecklistItem
	Target     Target
	ExpiresAt  time.Time
	// Notes say what the plan changed of the request, in both languages:
	// a moving reference resolved to a version, a rollback to a version
	// that was never good there planned as a deploy.
	Notes [][2]string
	// Replayed: the request was planned before (the same message, handled
	// again); Deployment is that plan, in its current state.
	Replayed bool
	// LastDrill says, for a rollback, when its environment's rollback was
	// last drilled (set by the caller; "" when unknown).
	LastDrill string
}

// Plan validates req, evaluates every rule and records the deployment:
// rejected with its reasons when a rule denies it, else requested, waiting
// for the requester's confirmation until ExpiresAt.
//
// A rollback goes back to a version that was good in that environment: the
// one named, or the rollback target (History.RollbackTarget). A rollback to
// any other version is planned as a deploy, under every rule. A version is
// never guessed: a deploy with no version, or with a moving reference
// (latest, a branch), needs an executor that resolves it to a fixed
// version, which the plan records and shows.
func (s *Service) Plan(ctx context.Context, req Request) (Plan, error) {
	s.init()
	t, err := s.target(ctx, req.Project, req.Env)
	if err != nil {
		return Plan{}, err
	}
	if req.RequestKey != "" {
		if d, ok, err := s.Store.DeploymentByRequest(ctx, req.RequestKey); err != nil {
			return Plan{}, err
		} else if ok {
			return s.replay(ctx, d, t)
		}
	}
	if t.Executor == nil {
		return Plan{}, deploybot.Errorf2(deploybot.EINVALID, "%s/%s n'a pas d'exécuteur configuré (projects[].environments[].executor) : rien ne peut être déployé", "%s/%s has no executor configured (projects[].environments[].executor): nothing can be deployed", t.Project, t.Env)
	}
	if req.Version != "" && !safe.Version(req.Version) {
		return Plan{}, badVersion(req.Version)
	}
	runs, err := s.Store.HistoryRuns(ctx, t.Project, t.Env)
	if err != nil {
		return Plan{}, err
	}
	h := NewHistory(runs)
	now := s.Now()
	d := deploybot.Deployment{
		Project: t.Project, Env: t.Env, Version: req.Version, Strategy: t.Strategy, Action: req.Action,
		Requester: req.Requester, Reason: req.Reason, Force: req.Force, Wait: req.Wait, State: deploybot.StateRequested,
		Platform: req.Platform, Channel: req.Channel, Thread: req.Thread, Lang: req.Lang, RequestKey: req.RequestKey,
		Replaces: h.Current,
	}
	var notes [][2]string
	if d.Action == deploybot.ActionRollback {
		note, err := s.rollbackTarget(&d, h)
		if err != nil {
			return Plan{}, err
		}
		if note != ([2]string{}) {
			notes = append(notes, note)
		}
	}
	if d.Action == deploybot.ActionDeploy && d.Version == "" && len(t.Deployers) > 0 && !policy.Member(t.Deployers, d.Requester) {
		// Who may, before which version: a new user was asked for the
		// version, then refused for rights.
		return Plan{}, &deploybot.Error{Code: deploybot.EFORBIDDEN,
			French: fmt.Sprintf("%s n'a pas le droit de déployer %s en %s (qui peut : %s) : rien n'a été lancé",
				d.Requester, d.Project, d.Env, policy.Who(deploybot.French, t.Deployers, ", ")),
			Message: fmt.Sprintf("%s may not deploy %s to %s (who may: %s): nothing ran",
				d.Requester, d.Project, d.Env, policy.Who(deploybot.English, t.Deployers, ", "))}
	}
	if d.Action == deploybot.ActionDeploy {
		note, err := s.resolveVersion(ctx, &d, t)
		if err != nil {
			return Plan{}, err
		}
		if note != ([2]string{}) {
			notes = append(notes, note)
		}
		d.PreviousVersion = h.RollbackTarget(d.Version)
	}
	if err := checkNames(d.Project, d.Env, d.Version); err != nil {
		return Plan{}, err
	}
	facts, err := s.facts(ctx, d, t, now)
	if err != nil {
		return Plan{}, err
	}
	s.autoChecks(ctx, t, &facts)
	v := policy.Evaluate(facts)
	p := Plan{Verdict: v, Target: t, Checklist: checklist(t, facts), ExpiresAt: now.Add(s.confirmTimeout(t)), Notes: notes}
	if v.Denied() {
		d.State = deploybot.StateRejected
		d.Reasons = v.Reasons(s.langOf(d), policy.Deny)
	}
	if d.ID, err = s.Store.CreateDeployment(ctx, d); err != nil {
		if req.RequestKey != "" {
			// Another worker planned the same message meanwhile.
			if prev, ok, ferr := s.Store.DeploymentByRequest(ctx, req.RequestKey); ferr == nil && ok {
				return s.replay(ctx, prev, t)
			}
		}
		return Plan{}, err
	}
	d.CreatedAt, d.UpdatedAt = now, now
	p.Deployment = d
	return p, nil
}

// replay rebuilds the plan of a deployment already planned for the same
// request.
func (s *Service) replay(ctx context.Context, d deploybot.Deployment, t Target) (Plan, error) {
	facts, err := s.facts(ctx, d, t, d.CreatedAt)
	if err != nil {
		return Plan{}, err
	}
	v := policy.Evaluate(facts)
	return Plan{Deployment: d, Verdict: v, Target: t, Checklist: checklist(t, facts),
		ExpiresAt: d.CreatedAt.Add(s.confirmTimeout(t)), Replayed: true}, nil
}

func badVersion(v string) error {
	return deploybot.Errorf2(deploybot.EINVALID,
		"« %s » n'est pas une version : lettres, chiffres, points, tirets, + et / seulement, sans « .. » (v1.4.2, release-2024.11, un sha de commit). Rien n'a été lancé.",
		"%q is not a version: letters, digits, dots, dashes, + and / only, no \"..\" (v1.4.2, release-2024.11, a commit sha). Nothing ran.", v)
}

// rollbackTarget sets d's version to the version the rollback goes back to
// (DESIGN §4b): the one named, if it is good there and not the current one;
// else, with none named, the rollback target. A named version that was
// never good there makes d a deploy, which every rule then judges: the note
// says so.
func (s *Service) rollbackTarget(d *deploybot.Deployment, h History) ([2]string, error) {
	d.PreviousVersion = h.Current
	d.RollbackOf = h.CurrentID
	switch {
	case d.Version == "":
		d.Version = h.RollbackTarget(h.Current)
		if d.Version == "" {
			return [2]string{}, deploybot.Errorf2(deploybot.ECONFLICT,
				"aucune version antérieure saine de %s en %s vers laquelle revenir (une version saine y a réussi et n'a pas été annulée depuis) : rien n'a été lancé",
				"no earlier good version of %s on %s to roll back to (a good version succeeded there and was not rolled back since): nothing ran",
				d.Project, d.Env)
		}
	case d.Version == h.Current && h.Current != "":
		return [2]string{}, deploybot.Errorf2(deploybot.ECONFLICT,
			"%s tourne déjà en %s : rien vers quoi revenir", "%s is what runs on %s now: nothing to roll back to", d.Version, d.Env)
	case !h.Good(d.Version):
		why := [2]string{"n'a jamais réussi", "never succeeded"}
		if h.Bad(d.Version) {
			why = [2]string{"est marquée mauvaise (échec ou rollback)", "is marked bad (it failed or was rolled back)"}
		}
		d.Action, d.RollbackOf = deploybot.ActionDeploy, 0
		return [2]string{
			fmt.Sprintf("%s %s en %s : ce n'est pas un rollback mais un déploiement, soumis à toutes les règles", d.Version, why[0], d.Env),
			fmt.Sprintf("%s %s on %s: this is not a rollback but a deploy, under every rule", d.Version, why[1], d.Env),
		}, nil
	}
	return [2]string{}, nil
}

// resolveVersion fixes the version of a deploy. A fixed version (a tag, a
// release name, a commit sha) is kept. A moving reference ("latest" or no
// version, a branch name) is resolved by the executor to the version it
// names now; an executor that cannot resolve it refuses the request: a
// version is never guessed, and production never deploys an unresolved
// "latest".
func (s *Service) resolveVersion(ctx context.Context, d *deploybot.Deployment, t Target) ([2]string, error) {
	ref := d.Version
	if ref == "" {
		ref = "latest"
	}
	if !Moving(ref) {
		return [2]string{}, nil
	}
	r, ok := t.Executor.(deploybot.Resolver)
	if !ok {
		return [2]string{}, cannotResolve(d, ref, nil)
	}
	v, err := r.Resolve(ctx, d.Project, d.Env, ref)
	if err != nil {
		s.Logger.Warn("resolve a version", "project", d.Project, "env", d.Env, "ref", ref, "err", err)
		return [2]string{}, cannotResolve(d, ref, err)
	}
	if !safe.Version(v) || Moving(v) {
		return [2]string{}, cannotResolve(d, ref, fmt.Errorf("it answered %q, which is not a fixed version", v))
	}
	d.Version, d.Ref = v, ref
	return [2]string{
		fmt.Sprintf("%s désigne %s : c'est %s qui sera déployé", ref, v, v),
		fmt.Sprintf("%s resolves to %s: %s is what will be deployed", ref, v, v),
	}, nil
}

func cannotResolve(d *deploybot.Deployment, ref string, err error) error {
	fr := "l'exécuteur de cet environnement ne sait pas dire quelle version c'est"
	en := "this environment's executor cannot tell which version that is"
	if err != nil {
		msgFr, msgEn := deploybot.ErrorMessageIn(err, deploybot.French), deploybot.ErrorMessage(err)
		if deploybot.ErrorCode(err) == deploybot.EINTERNAL {
			msgFr, msgEn = err.Error(), err.Error()
		}
		fr = "l'exécuteur n'a pas pu la résoudre (" + msgFr + ")"
		en = "the executor could not resolve it (" + msgEn + ")"
	}
	if d.Version == "" {
		// No version named: the person is asked for one, in words the
		// conversation reads as that question (the answer completes the
		// order); it said "latest" was no fixed version, a word they never
		// wrote (review 12).
		// A question, not a failure: the reply asks it without the ❌ of
		// an error (agents), and says why in a few words; the executor's
		// own error, a URL and a DNS failure, goes to the log.
		whyFr, why := "son exécuteur n'a pas de « resolve »", `its executor has no "resolve"`
		if err != nil && deploybot.ErrorCode(err) == deploybot.EINTERNAL {
			whyFr, why = "son exécuteur n'a pas pu la trouver", "its executor could not find it"
		}
		return &deploybot.Error{Code: deploybot.EINVALID,
			French: fmt.Sprintf("Quelle version de %s pour %s ? Je ne devine jamais une version, et je ne connais pas la dernière ici (%s) : nommez un tag, une release ou un commit. Rien n'a été lancé.",
				d.Project, d.Env, whyFr),
			Message: fmt.Sprintf("Which version of %s for %s? I never guess one, and I cannot tell the latest here (%s): name a tag, a release or a commit. Nothing ran.",
				d.Project, d.Env, why)}
	}
	return &deploybot.Error{Code: deploybot.EINVALID,
		French: fmt.Sprintf("« %s » n'est pas une version fixe et %s : nommez la version (deploy %s v1.4.2 to %s). Rien n'a été lancé.",
			ref, fr, d.Project, d.Env),
		Message: fmt.Sprintf("%q is not a fixed version and %s: name the version (deploy %s v1.4.2 to %s). Nothing ran.",
			ref, en, d.Project, d.Env)}
}

// Moving reports whether v names a moving reference rather than a fixed
// version: "latest", "head", or a name with no digit (a branch such as
// main, develop or feature/login). Tags, release names and commit shas all
// hold a digit.
func Moving(v string) bool {
	switch strings.ToLower(v) {
	case "", "latest", "head":
		return true
	}
	return !strings.ContainsAny(v, "0123456789")
}

// ruleFacts gathers what the rules decide on for d but the locks: the
// clock and calendar (freezes set by chat included), staging, drills and
// the access lists of its target. With warnings false, the facts that can
// only warn are left out (a recheck acts on refusals only).
func (s *Service) ruleFacts(ctx context.Context, d deploybot.Deployment, t Target, now time.Time, warnings bool) (policy.Facts, error) {
	facts := policy.Facts{
		Action: d.Action, Project: t.Project, Env: t.Env, Production: t.Production, Version: d.Version,
		Requester: d.Requester, Force: d.Force, ForceReason: d.Reason, ForceRoles: t.ForceRoles, Wait: d.Wait,
		Deployers: t.Deployers, Approval: t.Approval, Approvers: t.Approvers,
		StagingFirst: t.StagingFirst, StagingNote: t.StagingFirstNote, CertDays: -1, MinCertDays: t.MinCertDays,
	}
	if d.DrillID != 0 {
		// A drill's step is no emergency: it is judged as a deploy
		// (freezes, production's windows and approval), without the
		// staging-first rule: both versions ran there already.
		facts.Action, facts.Drill = deploybot.ActionDeploy, true
	} else if d.Action == deploybot.ActionRollback {
		if len(t.Rollbackers) > 0 {
			facts.Deployers = t.Rollbackers
		}
		facts.Approval = policy.ApprovalNone
		if t.RollbackApproval {
			facts.Approval = t.Approval
		}
	}
	if s.Calendar != nil {
		facts.Moment = s.Calendar(t.Project).At(now, t.Project, t.Env)
	}
	if t.Production && d.Action == deploybot.ActionDeploy && d.DrillID == 0 && (warnings || s.drillRequirable(t)) {
		// The environment's history is read only when a drill is due and
		// required: a profile of approval to executor start (issue 19)
		// showed reading every run of production, at every recheck, as
		// most of an approval's time, growing with the history. A drill
		// that is only due warns: a recheck does not read the drills.
		history := func() (History, error) {
			runs, err := s.Store.HistoryRuns(ctx, t.Project, t.Env)
			return NewHistory(runs), err
		}
		var err error
		if facts.DrillDue, facts.DrillRequired, err = s.drillDue(ctx, t, history, now); err != nil {
			return facts, err
		}
	}
	if t.Production && t.StagingFirst && d.Version != "" && d.Action == deploybot.ActionDeploy && d.DrillID == 0 {
		// Good on staging: a run of it succeeded there (its monitoring
		// over) and it is not bad there since (rolled back, failed).
		// Only that version's runs say it (see NewHistory).
		var err error
		if facts.StagingOK, err = s.Store.VersionGood(ctx, t.Project, t.StagingEnv, d.Version); err != nil {
			return facts, err
		}
		if other := otherSpelling(d.Version); !facts.StagingOK && other != "" {
			// "2.3.0" on staging, "v2.3.0" asked for production (or the
			// other way): one tag written two ways (a new user's plan was
			// refused "v2.3.0 has not succeeded on staging").
			if facts.StagingOK, err = s.Store.VersionGood(ctx, t.Project, t.StagingEnv, other); err != nil {
				return facts, err
			}
		}
	}
	return facts, nil
}

// otherSpelling returns a semantic version written the other way, with or
// without its "v" ("v2.3.0" and "2.3.0"), or "" for any other version.
func otherSpelling(v string) string {
	if rest, ok := strings.CutPrefix(v, "v"); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' && strings.Contains(rest, ".") {
		return rest
	}
	if v != "" && v[0] >= '0' && v[0] <= '9' && strings.Contains(v, ".") {
		return "v" + v
	}
	return ""
}

// facts is ruleFacts with the lock held by someone else on t's
// environment, if any.
func (s *Service) facts(ctx context.Context, d deploybot.Deployment, t Target, now time.Time) (policy.Facts, error) {
	facts, err := s.ruleFacts(ctx, d, t, now, true)
	if err != nil {
		return facts, err
	}
	locks, err := s.Store.Locks(ctx, t.Project)
	if err != nil {
		return facts, err
	}
	for i := range locks {
		if locks[i].Env == t.Env && locks[i].Holder != holder(d) {
			facts.Lock = &locks[i]
		}
	}
	return facts, nil
}

// recheck evaluates the rules again on d before it moves on (a
// confirmation, an approval hours later, a start after waiting for a lock):
// a window that closed or a freeze set since the plan refuses it now. The
// lock rule is left to the start, which takes the lock. A refusal rejects d
// with its reasons.
func (s *Service) recheck(ctx context.Context, d *deploybot.Deployment, t Target, actor string) error {
	return s.recheckPlan(ctx, d, t, actor, false)
}

// recheckDecision is recheck for a person's decision on d (its
// confirmation, its approval), which also refuses a plan its environment
// outran: a deployment ran there since the plan was made, so d would now
// replace another version than the one its plan showed (a new user's
// approval of #20, api 2.9.0, ran after #22 had put 2.9.1 in production:
// a downgrade nobody saw). A start after waiting for a lock does not ask
// it: waiting its turn behind another deployment is what --wait means.
func (s *Service) recheckDecision(ctx context.Context, d *deploybot.Deployment, t Target, actor string) error {
	return s.recheckPlan(ctx, d, t, actor, true)
}

func (s *Service) recheckPlan(ctx context.Context, d *deploybot.Deployment, t Target, actor string, decision bool) error {
	// The locks are not read: the start takes the lock, in the same
	// transaction as the move to running.
	facts, err := s.ruleFacts(ctx, *d, t, s.Now(), false)
	if err != nil {
		return err
	}
	v := policy.Evaluate(facts)
	frs, ens := v.Reasons(deploybot.French, policy.Deny), v.Reasons(deploybot.English, policy.Deny)
	if !v.Denied() {
		frs, ens = nil, nil
	}
	stale, err := s.staleDrill(ctx, *d)
	if err != nil {
		return err
	}
	if stale != ([2]string{}) {
		frs, ens = append(frs, stale[0]), append(ens, stale[1])
	}
	if decision && d.DrillID == 0 {
		outran, err := s.outranPlan(ctx, *d)
		if err != nil {
			return err
		}
		if outran != ([2]string{}) {
			frs, ens = append(frs, outran[0]), append(ens, outran[1])
		}
	}
	if len(ens) == 0 {
		return nil
	}
	d.Reasons = append(d.Reasons, ens...)
	to := deploybot.StateRejected
	if !deploybot.CanMove(d.State, to) {
		to = deploybot.StateCancelled
	}
	if err := s.Store.MoveDeployment(ctx, d, to, actor, "refused on recheck: "+strings.Join(ens, "; ")); err != nil {
		return err
	}
	s.drillStopped(ctx, *d, deploybot.DrillRejected, "refused on recheck: "+strings.Join(ens, "; "))
	fr, en := strings.Join(frs, " ; "), strings.Join(ens, "; ")
	return &deploybot.Error{Code: deploybot.ECONFLICT,
		Message: fmt.Sprintf("deployment #%d is refused now: %s", d.ID, en),
		French:  fmt.Sprintf("le déploiement #%d est refusé maintenant : %s", d.ID, fr)}
}

// outranPlan says, in French and English, that a deployment ran in d's
// environment since d was planned (one planned after it, or one planned
// before it whose run started after d's plan was made), or nothing: a
// plan that showed "1.0.0 already runs: no change", approved after #7 put
// 1.1.0 there, went back to 1.0.0 unseen. Read from one row: an approval
// reading the environment's history (HistoryRuns) took three times as
// long (BenchmarkApprovalToExecutor p50 0.25 -> 1.7 ms).
func (s *Service) outranPlan(ctx context.Context, d deploybot.Deployment) ([2]string, error) {
	id, ran, err := s.Store.RunSince(ctx, d.Project, d.Env, d.ID, d.CreatedAt)
	if err != nil || !ran {
		return [2]string{}, err
	}
	return [2]string{
		fmt.Sprintf("%s/%s a changé depuis le plan (le déploiement #%d y a tourné depuis ; le plan remplaçait %s) : redemandez le déploiement",
			d.Project, d.Env, id, orNone(d.Replaces)),
		fmt.Sprintf("%s/%s changed since the plan (deployment #%d ran there since; the plan replaced %s): ask for the deployment again",
			d.Project, d.Env, id, orNone(d.Replaces)),
	}, nil
}

// autoChecks fills the checklist facts deploybot can check itself.
func (s *Service) autoChecks(ctx context.Context, t Target, f *policy.Facts) {
	if f.Action == deploybot.ActionRollback {
		return
	}
	if t.CIStatus != nil && f.Version != "" && f.Version != "latest" && !skipped(t, "tests") {
		if state, err := t.CIStatus(ctx, f.Version); err == nil {
			f.CIState = state
		} else {
			s.Logger.Warn("CI status", "version", f.Version, "err", err)
		}
	}
	if s.Prober == nil {
		return
	}
	if t.MinCertDays > 0 && strings.HasPrefix(t.URL, "https://") && !skipped(t, "tls") {
		if exp, err := s.Prober.CertExpiry(ctx, t.URL); err == nil {
			f.CertDays = int(exp.Sub(s.Now()).Hours() / 24)
		} else {
			s.Logger.Warn("certificate check", "url", t.URL, "err", err)
		}
	}
	if len(t.HealthChecks) > 0 && !skipped(t, "health") {
		ok := allOK(s.Prober.Probe(ctx, t.HealthChecks))
		f.HealthOK = &ok
	}
}

func allOK(rs []deploybot.CheckResult) bool {
	for _, r := range rs {
		if !r.OK {
			return false
		}
	}
	return true
}

func skipped(t Target, id string) bool {
	for _, x := range t.ChecklistSkip {
		if x == id {
			return true
		}
	}
	return false
}

// checklist builds the brief's pre-deployment checklist for a plan: the
// items deploybot checks itself carry their result; the others are
// attested by the requester's confirmation.
func checklist(t Target, f policy.Facts) []ChecklistItem {
	auto := map[string][2]bool{ // id -> checked, result
		"tests":         {f.CIState != "", f.CIState == "success"},
		"staging":       {t.Production && t.StagingFirst, f.StagingOK},
		"tls":           {f.CertDays >= 0, f.CertDays >= f.MinCertDays},
		"health":        {f.HealthOK != nil, f.HealthOK != nil && *f.HealthOK},
		"rollback_plan": {t.RollbackProcedure != "", t.RollbackProcedure != ""},
	}
	var out []ChecklistItem
	for _, it := range policy.Checklist {
		if skipped(t, it.ID) {
			continue
		}
		a := auto[it.ID]
		out = append(out, ChecklistItem{ChecklistItem: it, Auto: a[0], OK: a[1]})
	}
	// The validations the project requires (load tests, a security
	// review...) are attested like the brief's items.
	for _, v := range t.Validations {
		out = append(out, ChecklistItem{ChecklistItem: policy.ChecklistItem{ID: "validation-" + strings.ReplaceAll(v, " ", "-"), Group: "code",
			Label: [2]string{"Validation requise : " + v, "Required validation: " + v}}})
	}
	return out
}

// Confirm records the requester's confirmation of a plan: it then waits for
// an approval, or starts. Only the requester may confirm, before the plan
// expires.
func (s *Service) Confirm(ctx context.Context, id int64, user string) (deploybot.Deployment, error) {
	s.init()
	d, err := s.Store.Deployment(ctx, id)
	if err != nil {
		return d, err
	}
	if d.State != deploybot.StateRequested {
		return d, deploybot.Errorf2(deploybot.ECONFLICT, "le déploiement #%[1]d est %[2]s : rien à confirmer", "deployment #%[1]d is %[3]s: nothing to confirm", id, d.State.Label(deploybot.French), d.State.Label(deploybot.English))
	}
	if d.Requester != user {
		return d, deploybot.Errorf2(deploybot.EFORBIDDEN, "seul %s, qui a demandé le déploiement #%d, peut le confirmer", "only %s, who asked for deployment #%d, can confirm it", d.Requester, id)
	}
	t, err := s.target(ctx, d.Project, d.Env)
	if err != nil {
		return d, err
	}
	if policy.Expired(d.CreatedAt, s.confirmTimeout(t), s.Now()) {
		d.Reasons = append(d.Reasons, "plan expired before confirmation")
		if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateCancelled, "deploybot", "plan expired"); err != nil {
			return d, err
		}
		s.drillStopped(ctx, d, deploybot.DrillCancelled, "plan expired")
		return d, deploybot.Errorf2(deploybot.ECONFLICT, "le plan du déploiement #%d a expiré : redemandez", "the plan of deployment #%d expired: ask again", id)
	}
	if left := untickedItems(t, d); len(left) > 0 {
		return d, deploybot.Errorf2(deploybot.EINVALID,
			"ce projet demande de cocher chaque point de la checklist : « tick %d all » ou « tick %d %s »",
			"this project asks you to tick each checklist item first: \"tick %d all\" or \"tick %d %s\"",
			d.ID, d.ID, strings.Join(left, " "))
	}
	if err := s.recheckDecision(ctx, &d, t, user); err != nil {
		return d, err
	}
	if s.needsApproval(t, d) {
		err := s.Store.MoveDeployment(ctx, &d, deploybot.StateAwaitingApproval, user, "confirmed by the requester")
		return d, err
	}
	return s.approve(ctx, d, t, user, "confirmed; no approval required")
}

// manualItems are the checklist items of t that deploybot does not check
// itself, and that the requester attests.
func manualItems(t Target) []string {
	var out []string
	for _, it := range checklist(t, policy.Facts{CertDays: -1}) {
		if !it.Auto {
			out = append(out, it.ID)
		}
	}
	return out
}

// untickedItems lists what the requester still has to tick on d when its
// project asks for ticks.
func untickedItems(t Target, d deploybot.Deployment) []string {
	if !t.TickChecklist || d.Action != deploybot.ActionDeploy {
		return nil
	}
	var left []string
	for _, id := range manualItems(t) {
		if !slices.Contains(d.Ticked, id) {
			left = append(left, id)
		}
	}
	return left
}

// Tick records checklist items ticked by the requester of plan id ("all"
// ticks every item deploybot does not check itself) and returns the items
// still to tick.
func (s *Service) Tick(ctx context.Context, id int64, user string, items []string) ([]string, error) {
	s.init()
	d, err := s.Store.Deployment(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.Requester != user {
		return nil, deploybot.Errorf2(deploybot.EFORBIDDEN, "seul %s peut cocher la checklist du déploiement #%d",
			"only %s can tick the checklist of deployment #%d", d.Requester, id)
	}
	t, err := s.target(ctx, d.Project, d.Env)
	if err != nil {
		return nil, err
	}
	manual := manualItems(t)
	for _, it := range items {
		switch {
		case it == "all" || it == "tout":
			d.Ticked = manual
		case slices.Contains(manual, it):
			if !slices.Contains(d.Ticked, it) {
				d.Ticked = append(d.Ticked, it)
			}
		default:
			return nil, deploybot.Errorf2(deploybot.EINVALID, "point inconnu « %s » ; points à cocher : %s",
				"unknown item %q; items to tick: %s", it, strings.Join(manual, ", "))
		}
	}
	if err := s.Store.TickChecklist(ctx, id, d.Ticked); err != nil {
		return nil, err
	}
	t.TickChecklist = true
	return untickedItems(t, d), nil
}

func (s *Service) needsApproval(t Target, d deploybot.Deployment) bool {
	if d.Force {
		return true
	}
	if d.Action == deploybot.ActionRollback && !t.RollbackApproval && d.DrillID == 0 {
		return false
	}
	return t.Approval == policy.ApprovalFourEyes || t.Approval == policy.ApprovalNamed
}

// Approve records user's approval of deployment id (0: the single one
// waiting for an approval that user may give) and starts it.
func (s *Service) Approve(ctx context.Context, id int64, user string) (deploybot.Deployment, error) {
	s.init()
	d, t, err := s.decidable(ctx, id, user)
	if err != nil {
		return d, err
	}
	if err := s.recheckDecision(ctx, &d, t, user); err != nil {
		return d, err
	}
	return s.approve(ctx, d, t, user, "approved")
}

// Deny refuses deployment id (0: the single one waiting for user).
func (s *Service) Deny(ctx context.Context, id int64, user, reason string) (deploybot.Deployment, error) {
	s.init()
	d, _, err := s.decidable(ctx, id, user)
	if err != nil {
		return d, err
	}
	d.Reasons = append(d.Reasons, "denied by "+user+optional(": ", reason))
	if err = s.Store.MoveDeployment(ctx, &d, deploybot.StateRejected, user, reason); err == nil {
		s.drillStopped(ctx, d, deploybot.DrillRejected, "denied by "+user+optional(": ", reason))
	}
	return d, err
}

func optional(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

// decidable finds the deployment user approves or denies and checks that
// user may decide on it (never their own request); d.Approver is user.
func (s *Service) decidable(ctx context.Context, id int64, user string) (deploybot.Deployment, Target, error) {
	d, t, err := s.awaiting(ctx, id, user)
	if err != nil {
		return d, t, err
	}
	if ok, why := policy.CanApprove(t.Approval, t.Approvers, d.Requester, user); !ok {
		return d, t, &deploybot.Error{Code: deploybot.EFORBIDDEN, Message: why[1], French: why[0]}
	}
	d.Approver = user
	return d, t, nil
}

// awaiting finds the deployment an approver acts on.
func (s *Service) awaiting(ctx context.Context, id int64, user string) (deploybot.Deployment, Target, error) {
	var d deploybot.Deployment
	if id == 0 {
		ds, err := s.Pending(ctx, user)
		if err != nil {
			return d, Target{}, err
		}
		switch len(ds) {
		case 0:
			if others, err := s.Pending(ctx, ""); err == nil && len(others) > 0 {
				// Some wait, none that user may decide on: say so, and who
				// may (a new user's "j'approuve" was told nothing waits).
				x := others[0]
				whoFR, whoEN := "—", "—"
				if t, err := s.target(ctx, x.Project, x.Env); err == nil && len(t.Approvers) > 0 {
					whoFR, whoEN = policy.Who(deploybot.French, t.Approvers, ", "), policy.Who(deploybot.English, t.Approvers, ", ")
				}
				return d, Target{}, &deploybot.Error{Code: deploybot.ENOTFOUND,
					French: fmt.Sprintf("%d déploiement(s) attendent une approbation, mais aucun que vous puissiez approuver (#%d %s → %s : %s, jamais le demandeur)",
						len(others), x.ID, x.Project, x.Env, whoFR),
					Message: fmt.Sprintf("%d deployment(s) wait for an approval, none that you may approve (#%d %s → %s: %s, never the requester)",
						len(others), x.ID, x.Project, x.Env, whoEN)}
			}
			return d, Target{}, deploybot.Errorf2(deploybot.ENOTFOUND, "aucun déploiement n'attend votre approbation", "no deployment is waiting for your approval")
		case 1:
			d = ds[0]
		default:
			// Each offered with what it is, so that the answer may name it
			// ("the web one", "celle du site": the router reads it).
			ids := make([]string, len(ds))
			for i, x := range ds {
				// With its version: two waiting deploys of one target
				// differ by it alone (a new user approved the older).
				ids[i] = fmt.Sprintf("#%d (%s%s → %s)", x.ID, x.Project, optional(" ", x.Version), x.Env)
			}
			return d, Target{}, deploybot.Errorf2(deploybot.EINVALID, "plusieurs déploiements attendent votre approbation : %s. Lequel ?", "several deployments wait for your approval: %s. Which one?", strings.Join(ids, ", "))
		}
	} else {
		var err error
		if d, err = s.Store.Deployment(ctx, id); err != nil {
			return d, Target{}, err
		}
	}
	if d.State != deploybot.StateAwaitingApproval {
		// Said as people say it: "deployment #8 is succeeded" read
		// badly (session 24's review).
		switch {
		case d.State == deploybot.StateRequested:
			return d, Target{}, deploybot.Errorf2(deploybot.ECONFLICT, "le déploiement #%d attend la confirmation de son demandeur, pas une approbation",
				"deployment #%d waits for its requester's confirmation, not for an approval", d.ID)
		case d.State.Terminal():
			return d, Target{}, &deploybot.Error{Code: deploybot.ECONFLICT,
				French:  fmt.Sprintf("le déploiement #%d est terminé (%s) : il n'attend pas d'approbation", d.ID, d.State.Label(deploybot.French)),
				Message: fmt.Sprintf("deployment #%d is over (%s): it waits for no approval", d.ID, d.State.Label(deploybot.English))}
		}
		return d, Target{}, &deploybot.Error{Code: deploybot.ECONFLICT,
			French:  fmt.Sprintf("le déploiement #%d a déjà commencé (%s) : il n'attend pas d'approbation", d.ID, d.State.Label(deploybot.French)),
			Message: fmt.Sprintf("deployment #%d has already started (%s): it waits for no approval", d.ID, d.State.Label(deploybot.English))}
	}
	t, err := s.target(ctx, d.Project, d.Env)
	if err != nil {
		return d, Target{}, err
	}
	if policy.Expired(d.UpdatedAt, s.approvalTimeout(t), s.Now()) {
		d.Reasons = append(d.Reasons, "approval expired")
		if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateCancelled, "deploybot", "approval expired"); err != nil && deploybot.ErrorCode(err) != deploybot.ECONFLICT {
			return d, Target{}, err
		}
		s.drillStopped(ctx, d, deploybot.DrillCancelled, "approval expired")
		return d, Target{}, deploybot.Errorf2(deploybot.ECONFLICT, "la demande d'approbation du déploiement #%d a expiré : redemandez", "the approval request of deployment #%d expired: ask again", d.ID)
	}
	return d, t, nil
}

// Pending returns the deployments waiting for an approval that user may
// give (never their own).
func (s *Service) Pending(ctx context.Context, user string) ([]deploybot.Deployment, error) {
	s.init()
	ds, err := s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{States: []deploybot.DeployState{deploybot.StateAwaitingApproval}, Limit: 100})
	if err != nil {
		return nil, err
	}
	var out []deploybot.Deployment
	for _, d := range ds {
		t, err := s.target(ctx, d.Project, d.Env)
		if err != nil {
			continue
		}
		if ok, _ := policy.CanApprove(t.Approval, t.Approvers, d.Requester, user); ok || user == "" {
			out = append(out, d)
		}
	}
	return out, nil
}

// AwaitingConfirmation returns the latest plan of user in channel and
// thread that waits for their confirmation, if any: a "yes" in another
// thread confirms nothing.
func (s *Service) AwaitingConfirmation(ctx context.Context, user, channel, thread string) (deploybot.Deployment, bool, error) {
	s.init()
	ds, err := s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{States: []deploybot.DeployState{deploybot.StateRequested},
		Requester: user, Channel: channel, Thread: thread, MatchThread: true, Limit: 1})
	if err != nil || len(ds) == 0 {
		return deploybot.Deployment{}, false, err
	}
	return ds[0], true, nil
}

// Cancel cancels deployment id before it runs; only its requester or an
// approver may.
func (s *Service) Cancel(ctx context.Context, id int64, user string) (deploybot.Deployment, error) {
	s.init()
	d, err := s.Store.Deployment(ctx, id)
	if err != nil {
		return d, err
	}
	switch d.State {
	case deploybot.StateRequested, deploybot.StateAwaitingApproval, deploybot.StateApproved:
	default:
		return d, deploybot.Errorf2(deploybot.ECONFLICT, "le déploiement #%[1]d est %[2]s : trop tard pour annuler", "deployment #%[1]d is %[3]s: too late to cancel", id, d.State.Label(deploybot.French), d.State.Label(deploybot.English))
	}
	t, err := s.target(ctx, d.Project, d.Env)
	if err != nil {
		return d, err
	}
	if d.Requester != user && !policy.Member(t.Approvers, user) {
		return d, deploybot.Errorf2(deploybot.EFORBIDDEN, "seul %s ou un approbateur peut annuler le déploiement #%d", "only %s or an approver can cancel deployment #%d", d.Requester, id)
	}
	d.Reasons = append(d.Reasons, "cancelled by "+user)
	if err = s.Store.MoveDeployment(ctx, &d, deploybot.StateCancelled, user, "cancelled"); err == nil {
		s.drillStopped(ctx, d, deploybot.DrillCancelled, "cancelled by "+user)
	}
	return d, err
}

// operator checks that user may lock, unlock or freeze project/env: whoever
// may deploy it (anyone, when its deploy list is empty) or approve it.
func operator(t Target, user string) error {
	if len(t.Deployers) == 0 || policy.Member(t.Deployers, user) || policy.Member(t.Approvers, user) {
		return nil
	}
	return deploybot.Errorf2(deploybot.EFORBIDDEN, "%s ne peut pas verrouiller, déverrouiller ni geler %s/%s (réservé à ceux qui déploient ou approuvent)",
		"%s may not lock, unlock or freeze %s/%s (deployers and approvers only)", user, t.Project, t.Env)
}

// Lock locks project/env by hand until someone unlocks it.
func (s *Service) Lock(ctx context.Context, project, env, user, reason string) (deploybot.Lock, error) {
	s.init()
	t, err := s.target(ctx, project, env)
	if err != nil {
		return deploybot.Lock{}, err
	}
	if err := operator(t, user); err != nil {
		return deploybot.Lock{}, err
	}
	return s.Store.AcquireLock(ctx, deploybot.Lock{Project: project, Env: env, Holder: user, Reason: reason}, 0)
}

// Unlock frees project/env, whoever holds it, recording who and why.
func (s *Service) Unlock(ctx context.Context, project, env, user, reason string) (bool, error) {
	s.init()
	if strings.TrimSpace(reason) == "" {
		return false, deploybot.Errorf2(deploybot.EINVALID, "dites pourquoi vous déverrouillez (unlock %s %s : raison)", "say why you unlock (unlock %s %s: reason)", project, env)
	}
	t, err := s.target(ctx, project, env)
	if err != nil {
		return false, err
	}
	if err := operator(t, user); err != nil {
		return false, err
	}
	locks, err := s.Store.Locks(ctx, project)
	if err != nil {
		return false, err
	}
	for _, l := range locks {
		if l.Env == env && l.DeploymentID != 0 {
			// A deployment's lock: freeing it would let a second
			// deployment run at the same time. An interrupted one, or one
			// whose process is gone, is settled with --force.
			return false, deploybot.Errorf2(deploybot.ECONFLICT,
				"%s/%s est tenu par le déploiement #%d : attendez sa fin ; s'il est interrompu, un approbateur vérifie la cible puis « unlock %s %s --force \"raison\" »",
				"%s/%s is held by deployment #%d: wait for it to end; if it was interrupted, an approver checks the target then types \"unlock %s %s --force \\\"reason\\\"\"",
				project, env, l.DeploymentID, project, env)
		}
	}
	return s.Store.ReleaseLock(ctx, project, env, "", user, reason)
}

// Current returns the deployment whose run is the environment's current
// version (the latest run whose executor started, whatever its outcome),
// with the history of the environment's versions.
func (s *Service) Current(ctx context.Context, project, env string) (deploybot.Deployment, History, bool, error) {
	runs, err := s.Store.HistoryRuns(ctx, project, env)
	if err != nil {
		return deploybot.Deployment{}, History{}, false, err
	}
	h := NewHistory(runs)
	for i := len(runs) - 1; i >= 0; i-- {
		if runs[i].ID == h.CurrentID {
			return runs[i], h, true, nil
		}
	}
	return deploybot.Deployment{}, h, false, nil
}

// Status is what runs where for one project.
type Status struct {
	Current  map[string]deploybot.Deployment // by environment: the deployment of the current version
	InFlight []deploybot.Deployment
	Locks    []deploybot.Lock
}

// StatusOf returns what runs in each environment of project ("" for all
// projects' in-flight work and locks).
func (s *Service) StatusOf(ctx context.Context, project string, envs []string) (Status, error) {
	s.init()
	st := Status{Current: map[string]deploybot.Deployment{}}
	for _, env := range envs {
		d, _, ok, err := s.Current(ctx, project, env)
		if err != nil {
			return st, err
		}
		if ok {
			st.Current[env] = d
		}
	}
	var err error
	st.InFlight, err = s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{Project: project, Limit: 50, States: []deploybot.DeployState{
		deploybot.StateRequested, deploybot.StateAwaitingApproval, deploybot.StateApproved, deploybot.StateRunning,
		deploybot.StateVerifying, deploybot.StateMonitoring}})
	if err != nil {
		return st, err
	}
	st.Locks, err = s.Store.Locks(ctx, project)
	return st, err
}

// History returns the last n deployments of project (and env when set).
func (s *Service) History(ctx context.Context, project, env string, n int) ([]deploybot.Deployment, error) {
	s.init()
	return s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{Project: project, Env: env, Limit: n})
}

// holder names who holds the environment's lock for d: the deployment, or
// the drill it is a step of (a drill holds the lock from start to end).
func holder(d deploybot.Deployment) string {
	if d.DrillID != 0 {
		return fmt.Sprintf("drill #%d", d.DrillID)
	}
	return fmt.Sprintf("deployment #%d", d.ID)
}

// errLockHeld wraps a lock conflict for the user.
func lockConflict(err error) error {
	var le *deploybot.LockError
	if errors.As(err, &le) {
		l := le.Lock
		why := ""
		if l.Reason != "" {
			why = " (" + l.Reason + ")"
		}
		return deploybot.Errorf2(deploybot.ECONFLICT, "%s/%s est verrouillé par %s%s : réessayez plus tard", "%s/%s is locked by %s%s: try again later", l.Project, l.Env, l.Holder, why)
	}
	return err
}

// confirmTimeout is how long a plan of t waits for its confirmation.
func (s *Service) confirmTimeout(t Target) time.Duration {
	if t.ConfirmTimeout > 0 {
		return t.ConfirmTimeout
	}
	return s.ConfirmTimeout
}

// approvalTimeout is how long a deployment of t waits for an approval.
func (s *Service) approvalTimeout(t Target) time.Duration {
	if t.ApprovalTimeout > 0 {
		return t.ApprovalTimeout
	}
	return s.ApprovalTimeout
}
