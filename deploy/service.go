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
	"time"

	"deploybot"
	"deploybot/policy"
)

// Store is what the service needs of the database.
type Store interface {
	CreateDeployment(ctx context.Context, d deploybot.Deployment) (int64, error)
	Deployment(ctx context.Context, id int64) (deploybot.Deployment, error)
	MoveDeployment(ctx context.Context, d *deploybot.Deployment, to deploybot.DeployState, actor, note string) error
	FindDeployments(ctx context.Context, f deploybot.DeploymentFilter) ([]deploybot.Deployment, error)
	AcquireLock(ctx context.Context, l deploybot.Lock, ttl time.Duration) (deploybot.Lock, error)
	ReleaseLock(ctx context.Context, project, env, holder, actor, reason string) (bool, error)
	Locks(ctx context.Context, project string) ([]deploybot.Lock, error)
	AddFreeze(ctx context.Context, f deploybot.Freeze) (int64, error)
	LiftFreezes(ctx context.Context, project, by string) (int, error)
	Freezes(ctx context.Context) ([]deploybot.Freeze, error)
	TickChecklist(ctx context.Context, id int64, items []string) error
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
}

// GroupResolver lists the members of a user group (names and ids), such as
// a Slack user group named "@release-managers" in an access list.
type GroupResolver interface {
	Members(ctx context.Context, group string) ([]string, error)
}

// target resolves project/env and expands the user groups of its access
// lists into their members.
func (s *Service) target(ctx context.Context, project, env string) (Target, error) {
	t, err := s.Targets(project, env)
	if err != nil || s.Groups == nil {
		return t, err
	}
	for _, list := range []*[]string{&t.Deployers, &t.Approvers, &t.Rollbackers, &t.ForceRoles} {
		*list = s.expand(ctx, *list)
	}
	return t, nil
}

// expand adds the members of each "@group" of list; a group that cannot be
// resolved stays as it is (and matches nobody but a user of that name).
func (s *Service) expand(ctx context.Context, list []string) []string {
	out := list
	for _, x := range list {
		if !strings.HasPrefix(x, "@") {
			continue
		}
		members, err := s.Groups.Members(ctx, strings.TrimPrefix(x, "@"))
		if err != nil {
			s.Logger.Warn("resolve user group", "group", x, "err", err)
			continue
		}
		if len(out) == len(list) {
			out = slices.Clone(list)
		}
		out = append(out, members...)
	}
	return out
}

// Targets resolves a project and an environment (names already canonical)
// to its target, or a *deploybot.Error with code ENOTFOUND.
type Targets func(project, env string) (Target, error)

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
	Groups    GroupResolver    // resolves "@group" entries of access lists; nil: they match by name only
	// AllTargets lists every project/environment pair, for the rules that
	// concern all projects at once (a global freeze); nil: no check.
	AllTargets func() [][2]string
	Logger     *slog.Logger
	Now        deploybot.Clock
	Lang       deploybot.Lang // language of notifications

	ConfirmTimeout  time.Duration // a plan not confirmed in time expires; default 2m
	ApprovalTimeout time.Duration // default 2h
	LockTTL         time.Duration // lease of a deployment's lock, renewed while it runs; default 5m
	WaitTimeout     time.Duration // how long a --wait request waits for a lock; default 10m
	LockPoll        time.Duration // how often a waiting request tries the lock; default 1s
	MonitorInterval time.Duration // how often monitoring samples; default 1m

	mu       sync.Mutex
	work     inflight       // deployments and verifications in flight
	monitors sync.WaitGroup // monitoring windows
	notes    map[int64]*notification
	ctx      context.Context
	cancel   context.CancelFunc
	once     sync.Once
}

func (s *Service) init() {
	s.once.Do(func() {
		s.ctx, s.cancel = context.WithCancel(context.Background())
		s.notes = map[int64]*notification{}
		if s.ConfirmTimeout == 0 {
			s.ConfirmTimeout = 2 * time.Minute
		}
		if s.ApprovalTimeout == 0 {
			s.ApprovalTimeout = 2 * time.Hour
		}
		if s.LockTTL == 0 {
			s.LockTTL = 5 * time.Minute
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

// Close stops the background work (executors get their context cancelled;
// their deployments are reconciled at the next start) and waits for it.
func (s *Service) Close() error {
	s.init()
	s.cancel()
	_ = s.work.Wait(context.Background())
	s.monitors.Wait()
	return nil
}

// Request asks for a deployment or a rollback.
type Request struct {
	Action    deploybot.Action
	Project   string
	Env       string
	Version   string // empty for a rollback: the previous good version
	Requester string
	Force     bool
	Wait      bool // wait in line (bounded by WaitTimeout) when the environment is locked
	Reason    string
	Platform  deploybot.Platform
	Channel   string
	Thread    string
	Lang      deploybot.Lang // the conversation's language; default the service's
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
}

// Plan validates req, evaluates every rule and records the deployment:
// rejected with its reasons when a rule denies it, else requested, waiting
// for the requester's confirmation until ExpiresAt.
func (s *Service) Plan(ctx context.Context, req Request) (Plan, error) {
	s.init()
	t, err := s.target(ctx, req.Project, req.Env)
	if err != nil {
		return Plan{}, err
	}
	if req.Action == deploybot.ActionDeploy && req.Version == "" {
		req.Version = "latest" // the executor deploys its default (the branch head, the newest image)
	}
	if req.Version != "" {
		if err := checkNames(req.Project, req.Env, req.Version); err != nil {
			return Plan{}, err
		}
	}
	now := s.Now()
	d := deploybot.Deployment{
		Project: t.Project, Env: t.Env, Version: req.Version, Strategy: t.Strategy, Action: req.Action,
		Requester: req.Requester, Reason: req.Reason, Force: req.Force, Wait: req.Wait, State: deploybot.StateRequested,
		Platform: req.Platform, Channel: req.Channel, Thread: req.Thread, Lang: req.Lang,
	}
	current, hasCurrent, err := s.current(ctx, t.Project, t.Env)
	if err != nil {
		return Plan{}, err
	}
	if hasCurrent {
		d.PreviousVersion = current.Version
	}
	if req.Action == deploybot.ActionRollback {
		if err := s.rollbackTarget(ctx, &d, current, hasCurrent); err != nil {
			return Plan{}, err
		}
	}
	if t.Executor == nil {
		return Plan{}, deploybot.Errorf2(deploybot.EINVALID, "%s/%s n'a pas d'exécuteur configuré (projects[].environments[].executor) : rien ne peut être déployé", "%s/%s has no executor configured (projects[].environments[].executor): nothing can be deployed", t.Project, t.Env)
	}
	facts, err := s.facts(ctx, d, t, now)
	if err != nil {
		return Plan{}, err
	}
	s.autoChecks(ctx, t, &facts)
	v := policy.Evaluate(facts)
	p := Plan{Verdict: v, Target: t, Checklist: checklist(t, facts), ExpiresAt: now.Add(s.ConfirmTimeout)}
	if v.Denied() {
		d.State = deploybot.StateRejected
		d.Reasons = v.Reasons(deploybot.English, policy.Deny)
	}
	if d.ID, err = s.Store.CreateDeployment(ctx, d); err != nil {
		return Plan{}, err
	}
	d.CreatedAt, d.UpdatedAt = now, now
	p.Deployment = d
	return p, nil
}

// facts gathers what the rules decide on for d: the clock and calendar,
// freezes, staging, locks and the access lists of its target.
func (s *Service) facts(ctx context.Context, d deploybot.Deployment, t Target, now time.Time) (policy.Facts, error) {
	facts := policy.Facts{
		Action: d.Action, Project: t.Project, Env: t.Env, Production: t.Production, Version: d.Version,
		Requester: d.Requester, Force: d.Force, ForceReason: d.Reason, ForceRoles: t.ForceRoles, Wait: d.Wait,
		Deployers: t.Deployers, Approval: t.Approval, Approvers: t.Approvers,
		StagingFirst: t.StagingFirst, StagingNote: t.StagingFirstNote, CertDays: -1, MinCertDays: t.MinCertDays,
	}
	if d.Action == deploybot.ActionRollback {
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
		s.addChatFreezes(ctx, &facts, now)
	}
	if t.Production && t.StagingFirst && d.Version != "" && d.Action == deploybot.ActionDeploy {
		ok, err := s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{Project: t.Project, Env: t.StagingEnv, Version: d.Version,
			Action: deploybot.ActionDeploy, States: []deploybot.DeployState{deploybot.StateSucceeded, deploybot.StateMonitoring}, Limit: 1})
		if err != nil {
			return facts, err
		}
		facts.StagingOK = len(ok) > 0
	}
	locks, err := s.Store.Locks(ctx, t.Project)
	if err != nil {
		return facts, err
	}
	for i := range locks {
		if locks[i].Env == t.Env && locks[i].Holder != holder(d.ID) {
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
	facts, err := s.facts(ctx, *d, t, s.Now())
	if err != nil {
		return err
	}
	facts.Lock = nil
	v := policy.Evaluate(facts)
	if !v.Denied() {
		return nil
	}
	d.Reasons = append(d.Reasons, v.Reasons(deploybot.English, policy.Deny)...)
	to := deploybot.StateRejected
	if !deploybot.CanMove(d.State, to) {
		to = deploybot.StateCancelled
	}
	if err := s.Store.MoveDeployment(ctx, d, to, actor, "refused on recheck: "+strings.Join(v.Reasons(deploybot.English, policy.Deny), "; ")); err != nil {
		return err
	}
	fr, en := strings.Join(v.Reasons(deploybot.French, policy.Deny), " ; "), strings.Join(v.Reasons(deploybot.English, policy.Deny), "; ")
	return &deploybot.Error{Code: deploybot.ECONFLICT,
		Message: fmt.Sprintf("deployment #%d is refused now: %s", d.ID, en),
		French:  fmt.Sprintf("le déploiement #%d est refusé maintenant : %s", d.ID, fr)}
}

// addChatFreezes applies the freezes set by chat to the calendar's verdict.
func (s *Service) addChatFreezes(ctx context.Context, f *policy.Facts, now time.Time) {
	if f.Moment.Class == policy.Frozen {
		return
	}
	freezes, err := s.Store.Freezes(ctx)
	if err != nil {
		s.Logger.Warn("read freezes", "err", err)
		return
	}
	for _, fr := range freezes {
		if (fr.Project == "" || fr.Project == f.Project) && (fr.Env == "" || fr.Env == f.Env) &&
			!now.Before(fr.From) && now.Before(fr.To) {
			f.Moment.Class = policy.Frozen
			f.Moment.Freeze = &policy.Freeze{From: fr.From, To: fr.To, Reason: fr.Reason}
			if !f.Production {
				// A freeze set by chat covers every environment it names,
				// staging included: apply it as a production rule would.
				f.Production = true
			}
			return
		}
	}
}

// current returns the deployment that runs now in project/env: the last
// one that succeeded (or is being monitored).
func (s *Service) current(ctx context.Context, project, env string) (deploybot.Deployment, bool, error) {
	ds, err := s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{Project: project, Env: env, Limit: 1,
		States: []deploybot.DeployState{deploybot.StateSucceeded, deploybot.StateMonitoring}})
	if err != nil || len(ds) == 0 {
		return deploybot.Deployment{}, false, err
	}
	return ds[0], true, nil
}

// rollbackTarget picks the version a rollback goes back to: the one named,
// else the last good version before the current one.
func (s *Service) rollbackTarget(ctx context.Context, d *deploybot.Deployment, current deploybot.Deployment, hasCurrent bool) error {
	if hasCurrent {
		d.RollbackOf = current.ID
	}
	if d.Version != "" {
		return nil
	}
	ds, err := s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{Project: d.Project, Env: d.Env, Limit: 50,
		States: []deploybot.DeployState{deploybot.StateSucceeded, deploybot.StateRolledBack, deploybot.StateMonitoring}})
	if err != nil {
		return err
	}
	for _, x := range ds {
		if hasCurrent && (x.ID == current.ID || x.Version == current.Version) {
			continue
		}
		if x.Version != "" {
			d.Version = x.Version
			return nil
		}
	}
	return deploybot.Errorf2(deploybot.EINVALID, "aucune version antérieure valide de %s en %s vers laquelle revenir : précisez-en une", "no earlier good version of %s on %s to roll back to: name one", d.Project, d.Env)
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
		return d, deploybot.Errorf2(deploybot.ECONFLICT, "le déploiement #%d est %s : rien à confirmer", "deployment #%d is %s: nothing to confirm", id, d.State)
	}
	if !strings.EqualFold(d.Requester, user) {
		return d, deploybot.Errorf2(deploybot.EFORBIDDEN, "seul %s, qui a demandé le déploiement #%d, peut le confirmer", "only %s, who asked for deployment #%d, can confirm it", d.Requester, id)
	}
	if policy.Expired(d.CreatedAt, s.ConfirmTimeout, s.Now()) {
		d.Reasons = append(d.Reasons, "plan expired before confirmation")
		if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateCancelled, "deploybot", "plan expired"); err != nil {
			return d, err
		}
		return d, deploybot.Errorf2(deploybot.ECONFLICT, "le plan du déploiement #%d a expiré : redemandez", "the plan of deployment #%d expired: ask again", id)
	}
	t, err := s.target(ctx, d.Project, d.Env)
	if err != nil {
		return d, err
	}
	if left := untickedItems(t, d); len(left) > 0 {
		return d, deploybot.Errorf2(deploybot.EINVALID,
			"ce projet demande de cocher chaque point de la checklist : « tick %d all » ou « tick %d %s »",
			"this project asks you to tick each checklist item first: \"tick %d all\" or \"tick %d %s\"",
			d.ID, d.ID, strings.Join(left, " "))
	}
	if err := s.recheck(ctx, &d, t, user); err != nil {
		return d, err
	}
	if s.needsApproval(t, d) {
		err := s.Store.MoveDeployment(ctx, &d, deploybot.StateAwaitingApproval, user, "confirmed by the requester")
		return d, err
	}
	if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateApproved, user, "confirmed; no approval required"); err != nil {
		return d, err
	}
	return s.start(ctx, d, t, user)
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
	if !strings.EqualFold(d.Requester, user) {
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
	if d.Action == deploybot.ActionRollback && !t.RollbackApproval {
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
	if err := s.recheck(ctx, &d, t, user); err != nil {
		return d, err
	}
	if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateApproved, user, "approved"); err != nil {
		return d, err
	}
	return s.start(ctx, d, t, user)
}

// Deny refuses deployment id (0: the single one waiting for user).
func (s *Service) Deny(ctx context.Context, id int64, user, reason string) (deploybot.Deployment, error) {
	s.init()
	d, _, err := s.decidable(ctx, id, user)
	if err != nil {
		return d, err
	}
	d.Reasons = append(d.Reasons, "denied by "+user+optional(": ", reason))
	err = s.Store.MoveDeployment(ctx, &d, deploybot.StateRejected, user, reason)
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
			return d, Target{}, deploybot.Errorf2(deploybot.ENOTFOUND, "aucun déploiement n'attend votre approbation", "no deployment is waiting for your approval")
		case 1:
			d = ds[0]
		default:
			ids := make([]string, len(ds))
			for i, x := range ds {
				ids[i] = fmt.Sprintf("#%d", x.ID)
			}
			return d, Target{}, deploybot.Errorf2(deploybot.EINVALID, "plusieurs déploiements attendent (%s) : précisez lequel", "several deployments are waiting (%s): name one", strings.Join(ids, ", "))
		}
	} else {
		var err error
		if d, err = s.Store.Deployment(ctx, id); err != nil {
			return d, Target{}, err
		}
	}
	if d.State != deploybot.StateAwaitingApproval {
		return d, Target{}, deploybot.Errorf2(deploybot.ECONFLICT, "le déploiement #%d est %s, il n'attend pas d'approbation", "deployment #%d is %s, not waiting for an approval", d.ID, d.State)
	}
	if policy.Expired(d.UpdatedAt, s.ApprovalTimeout, s.Now()) {
		d.Reasons = append(d.Reasons, "approval expired")
		if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateCancelled, "deploybot", "approval expired"); err != nil && deploybot.ErrorCode(err) != deploybot.ECONFLICT {
			return d, Target{}, err
		}
		return d, Target{}, deploybot.Errorf2(deploybot.ECONFLICT, "la demande d'approbation du déploiement #%d a expiré : redemandez", "the approval request of deployment #%d expired: ask again", d.ID)
	}
	t, err := s.target(ctx, d.Project, d.Env)
	return d, t, err
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
		return d, deploybot.Errorf2(deploybot.ECONFLICT, "le déploiement #%d est %s : trop tard pour annuler", "deployment #%d is %s: too late to cancel", id, d.State)
	}
	t, err := s.target(ctx, d.Project, d.Env)
	if err != nil {
		return d, err
	}
	if !strings.EqualFold(d.Requester, user) && !policy.Member(t.Approvers, user) {
		return d, deploybot.Errorf2(deploybot.EFORBIDDEN, "seul %s ou un approbateur peut annuler le déploiement #%d", "only %s or an approver can cancel deployment #%d", d.Requester, id)
	}
	d.Reasons = append(d.Reasons, "cancelled by "+user)
	err = s.Store.MoveDeployment(ctx, &d, deploybot.StateCancelled, user, "cancelled")
	return d, err
}

// operator checks that user may lock, unlock or freeze project/env: whoever
// may deploy it (anyone, when its deploy list is empty) or approve it.
func operator(t Target, user string) error {
	if len(t.Deployers) == 0 || policy.Member(t.Deployers, user) || policy.Member(t.Approvers, user) {
		return nil
	}
	return deploybot.Errorf2(deploybot.EFORBIDDEN, "%s ne peut pas verrouiller ni geler %s/%s (réservé à ceux qui déploient ou approuvent)",
		"%s may not lock or freeze %s/%s (deployers and approvers only)", user, t.Project, t.Env)
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
			// A running deployment's lease: freeing it would let a second
			// deployment run at the same time.
			return false, deploybot.Errorf2(deploybot.ECONFLICT, "%s/%s est tenu par le déploiement #%d en cours : attendez sa fin",
				"%s/%s is held by deployment #%d, which is running: wait for it to end", project, env, l.DeploymentID)
		}
	}
	return s.Store.ReleaseLock(ctx, project, env, "", user, reason)
}

// Freeze forbids deployments of project ("" for all) to env ("" for all)
// from now until to.
func (s *Service) Freeze(ctx context.Context, f deploybot.Freeze) (int64, error) {
	s.init()
	if f.From.IsZero() {
		f.From = s.Now()
	}
	if !f.To.After(f.From) {
		return 0, deploybot.Errorf2(deploybot.EINVALID, "un gel doit finir après avoir commencé", "a freeze must end after it starts")
	}
	if err := s.mayFreeze(ctx, f.Project, f.CreatedBy); err != nil {
		return 0, err
	}
	return s.Store.AddFreeze(ctx, f)
}

// Unfreeze lifts the freezes set by chat on project ("" for global ones).
func (s *Service) Unfreeze(ctx context.Context, project, user string) (int, error) {
	s.init()
	if err := s.mayFreeze(ctx, project, user); err != nil {
		return 0, err
	}
	return s.Store.LiftFreezes(ctx, project, user)
}

// mayFreeze checks that user may freeze or unfreeze project ("" for all):
// an operator of its production (of every project's, for a global freeze).
func (s *Service) mayFreeze(ctx context.Context, project, user string) error {
	pairs := [][2]string{{project, deploybot.EnvProduction}}
	if project == "" {
		if s.AllTargets == nil {
			return nil
		}
		pairs = s.AllTargets()
	}
	for _, pe := range pairs {
		t, err := s.target(ctx, pe[0], pe[1])
		if err != nil {
			continue
		}
		if err := operator(t, user); err != nil {
			return err
		}
	}
	return nil
}

// Status is what runs where for one project.
type Status struct {
	Current  map[string]deploybot.Deployment // by environment: the last good deployment
	InFlight []deploybot.Deployment
	Locks    []deploybot.Lock
}

// StatusOf returns what runs in each environment of project ("" for all
// projects' in-flight work and locks).
func (s *Service) StatusOf(ctx context.Context, project string, envs []string) (Status, error) {
	s.init()
	st := Status{Current: map[string]deploybot.Deployment{}}
	for _, env := range envs {
		d, ok, err := s.current(ctx, project, env)
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

// Reconcile repairs what a stopped process left behind: deployments that
// were running or verifying, whose lease has expired, fail with the reason;
// monitoring ones succeed with a note; expired plans and approvals are
// cancelled. A deployment whose lease is still alive belongs to a process
// that runs it, and is left alone. It is called at start and periodically.
func (s *Service) Reconcile(ctx context.Context) (int, error) {
	s.init()
	ds, err := s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{Limit: 1000, States: []deploybot.DeployState{
		deploybot.StateRequested, deploybot.StateAwaitingApproval, deploybot.StateApproved,
		deploybot.StateRunning, deploybot.StateVerifying, deploybot.StateMonitoring}})
	if err != nil {
		return 0, err
	}
	now := s.Now()
	held := map[string]bool{} // live leases: their process is still running them
	locks, err := s.Store.Locks(ctx, "")
	if err != nil {
		return 0, err
	}
	for _, l := range locks {
		held[l.Holder] = true
	}
	n := 0
	for _, d := range ds {
		if held[holder(d.ID)] {
			continue // another process holds this deployment's lease
		}
		var to deploybot.DeployState
		note := ""
		switch d.State {
		case deploybot.StateRequested:
			if !policy.Expired(d.CreatedAt, s.ConfirmTimeout, now) {
				continue
			}
			to, note = deploybot.StateCancelled, "plan expired"
		case deploybot.StateAwaitingApproval:
			if !policy.Expired(d.UpdatedAt, s.ApprovalTimeout, now) {
				continue
			}
			to, note = deploybot.StateCancelled, "approval expired"
		case deploybot.StateApproved, deploybot.StateRunning, deploybot.StateVerifying:
			to, note = deploybot.StateFailed, "interrupted: deploybot stopped during the deployment; check the target"
		case deploybot.StateMonitoring:
			to, note = deploybot.StateSucceeded, "monitoring interrupted by a restart"
		}
		d.Reasons = append(d.Reasons, note)
		if err := s.Store.MoveDeployment(ctx, &d, to, "deploybot", note); err != nil {
			if deploybot.ErrorCode(err) == deploybot.ECONFLICT {
				continue
			}
			return n, err
		}
		if _, err := s.Store.ReleaseLock(ctx, d.Project, d.Env, holder(d.ID), "deploybot", note); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func holder(id int64) string { return fmt.Sprintf("deployment #%d", id) }

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
