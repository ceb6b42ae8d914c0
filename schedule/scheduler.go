// Package schedule posts deploybot's reminders on their schedules, with
// robfig/cron: the built-in reminders (the week's windows, window openings
// and closings, the Friday-noon warning, public holidays and their eves,
// freezes, pending approvals, held locks), the custom reminders of the
// configuration and those created by chat.
//
// Every run of a reminder (its key and scheduled time) is recorded in the
// store before it is sent, with INSERT ... ON CONFLICT DO NOTHING, so a run
// is sent at most once even across restarts or by two processes. A run
// missed while the process was down is sent late if it is within the grace
// period, else recorded as skipped; of several missed runs of one reminder,
// only the latest is sent. Schedules keep their local time across
// daylight-saving changes (see Parse).
//
// The calendar rules (windows, holidays, freezes) are the policy package's;
// this package only decides when to speak of them.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"deploybot"
	"deploybot/policy"
)

// Defaults of the Scheduler's settings.
const (
	DefaultGrace       = 15 * time.Minute // how late a missed run may still be sent
	DefaultApprovalAge = 30 * time.Minute // pending approvals older than this are reminded
	DefaultLockAge     = 2 * time.Hour    // locks held longer than this are reminded
	DefaultReload      = time.Minute      // how often the reminders created by chat are reloaded
	DefaultStopTimeout = 10 * time.Second // how long Run waits for running jobs on shutdown
)

// onTime is how late a run may be handled and still count as on time
// (timer latency, a slow previous run): it is sent whatever the grace
// period, and its message does not say it is late.
const onTime = time.Minute

// maxBacklog bounds how far back missed runs are recorded one by one after
// a long stop; older ones are only counted in the log.
const maxBacklog = 31 * 24 * time.Hour

// Log keys.
const (
	logReminder = "reminder"
	logAt       = "at"
	logChannel  = "channel"
	logErr      = "err"
)

// PendingApprovals gives the deployments waiting for an approver (state
// awaiting_approval, since UpdatedAt). Until one is wired, the
// pending_approvals reminders do not run.
type PendingApprovals interface {
	PendingApprovals(ctx context.Context) ([]deploybot.Deployment, error)
}

// PendingApprovalsFunc adapts a function to PendingApprovals.
type PendingApprovalsFunc func(ctx context.Context) ([]deploybot.Deployment, error)

// PendingApprovals calls f.
func (f PendingApprovalsFunc) PendingApprovals(ctx context.Context) ([]deploybot.Deployment, error) {
	return f(ctx)
}

// HeldLocks gives the locks held now. Until one is wired, the held_locks
// reminders do not run.
type HeldLocks interface {
	HeldLocks(ctx context.Context) ([]deploybot.Lock, error)
}

// HeldLocksFunc adapts a function to HeldLocks.
type HeldLocksFunc func(ctx context.Context) ([]deploybot.Lock, error)

// HeldLocks calls f.
func (f HeldLocksFunc) HeldLocks(ctx context.Context) ([]deploybot.Lock, error) { return f(ctx) }

// ErrInactive is wrapped by the error of a reminder that cannot run: a
// kind whose source is not wired, or timed by windows that do not exist.
var ErrInactive = errors.New("reminder inactive")

// Scheduler runs reminders. Set its fields, then call Run; Next, When and
// Compose need only Calendar. A Scheduler must not be copied after use.
type Scheduler struct {
	Store  deploybot.ReminderStore // the record of runs, and the reminders created by chat
	Poster deploybot.Poster        // where reminders are posted
	// Calendar returns the deployment calendar (windows, holidays,
	// freezes, time zone) of a project, or of the agency for "". A
	// reminder is timed and worded by its project's calendar. Nil: no
	// windows, in UTC.
	Calendar func(project string) policy.Calendar
	// Reminders are the built-in and configured reminders; those created
	// by chat are read from Store, and reloaded every Reload.
	Reminders []deploybot.Reminder
	Approvals PendingApprovals // nil: pending_approvals reminders do not run
	Locks     HeldLocks        // nil: held_locks reminders do not run
	// DORA returns the DORA figures of project ("" for the agency) over
	// the seven days up to at, with their trend, in lang (dora.Answer).
	// Nil: dora reminders do not run.
	DORA func(ctx context.Context, project string, at time.Time, lang deploybot.Lang) (deploybot.Reply, error)

	Lang        deploybot.Lang  // language of reminders that have none; default French
	Grace       time.Duration   // how late a missed run may be sent: 0 means DefaultGrace, negative never
	ApprovalAge time.Duration   // default DefaultApprovalAge
	LockAge     time.Duration   // default DefaultLockAge
	Reload      time.Duration   // default DefaultReload
	StopTimeout time.Duration   // default DefaultStopTimeout
	Now         deploybot.Clock // default the system clock; it must agree with the clock cron runs on
	Logger      *slog.Logger    // default: discard

	mu   sync.Mutex
	jobs map[string]*job // by reminder key
	told map[string]bool // reminders not scheduled, already logged
}

// job is one scheduled reminder.
type job struct {
	r     deploybot.Reminder
	key   string
	cal   policy.Calendar
	sched cron.Schedule
	when  string // the schedule, for people

	entry  cron.EntryID
	mu     sync.Mutex // serialises the handling of its runs (cron's wrappers already do, CatchUp aside)
	cursor time.Time  // the last scheduled time handled
}

func (j *job) loc() *time.Location {
	if j.cal.Location == nil {
		return time.UTC
	}
	return j.cal.Location
}

func (s *Scheduler) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Scheduler) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (s *Scheduler) calendar(project string) policy.Calendar {
	var c policy.Calendar
	if s.Calendar != nil {
		c = s.Calendar(project)
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
	return c
}

func (s *Scheduler) lang(r deploybot.Reminder) deploybot.Lang {
	switch {
	case r.Lang != "":
		return r.Lang
	case s.Lang != "":
		return s.Lang
	}
	return deploybot.French
}

// build prepares r to run. The error wraps ErrInactive when r cannot run.
func (s *Scheduler) build(r deploybot.Reminder) (*job, error) {
	k := Kind(r.Kind)
	if k == "" {
		k, r.Kind = KindCustom, string(KindCustom)
	}
	if k != KindCustom && !IsBuiltin(r.Kind) {
		return nil, fmt.Errorf("schedule: reminder %s: unknown kind %q", r.Key(), r.Kind)
	}
	switch {
	case k == KindPendingApprovals && s.Approvals == nil:
		return nil, fmt.Errorf("%w: no source of pending approvals is wired yet", ErrInactive)
	case k == KindHeldLocks && s.Locks == nil:
		return nil, fmt.Errorf("%w: no source of held locks is wired yet", ErrInactive)
	case k == KindDORA && s.DORA == nil:
		return nil, fmt.Errorf("%w: no source of DORA figures is wired yet", ErrInactive)
	case k == KindCustom && r.Message == "":
		return nil, fmt.Errorf("schedule: reminder %s: a custom reminder needs a message", r.Key())
	case k == KindRollbackDrill && r.Project == "":
		return nil, fmt.Errorf("schedule: reminder %s: a rollback_drill reminder names its project", r.Key())
	}
	j := &job{r: r, key: r.Key(), cal: s.calendar(r.Project)}
	if windowTimed(k) && r.Cron == "" {
		sched, specs, err := windowEdges(k, j.cal)
		if err != nil {
			return nil, fmt.Errorf("schedule: reminder %s: %w", j.key, err)
		}
		if len(specs) == 0 {
			return nil, fmt.Errorf("%w: no window edge to announce", ErrInactive)
		}
		j.sched = sched
		j.when = fmt.Sprintf("%s: %s (%s)", edgeNames[k], strings.Join(specs, ", "), j.loc())
		return j, nil
	}
	spec := r.Cron
	if spec == "" {
		spec = DefaultCron(k)
	}
	if spec == "" {
		return nil, fmt.Errorf("schedule: reminder %s: no cron spec", j.key)
	}
	sched, err := Parse(spec, j.loc())
	if err != nil {
		return nil, fmt.Errorf("schedule: reminder %s: %w", j.key, err)
	}
	j.sched, j.when = sched, spec
	if !hasZone(spec) {
		j.when += " (" + j.loc().String() + ")"
	}
	return j, nil
}

func hasZone(spec string) bool {
	return strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=")
}

// edgeNames say which window edges a kind runs at.
var edgeNames = map[Kind]string{
	KindWindowOpen:  "starts of the recommended windows",
	KindWindowClose: "ends of the recommended windows",
	KindAvoidStart:  "starts of the avoid windows during the day",
}

// conditional reports whether a kind speaks only when its occasion
// arises, which the calendar alone decides.
func conditional(k Kind) bool {
	switch k {
	case KindWindowOpen, KindWindowClose, KindAvoidStart, KindHolidayEve, KindFreezeStart, KindFreezeEnd:
		return true
	}
	return false
}

// compose returns what j posts for its run at; false when it has nothing
// to say then.
func (s *Scheduler) compose(ctx context.Context, j *job, at time.Time) (deploybot.Reply, bool, error) {
	l := s.lang(j.r)
	var r deploybot.Reply
	ok := true
	switch Kind(j.r.Kind) {
	case KindWeekly:
		r = composeWeekly(j, at, l)
	case KindWindowOpen:
		r, ok = composeWindowOpen(j, at, l)
	case KindWindowClose:
		r, ok = composeWindowClose(j, at, l)
	case KindAvoidStart:
		r, ok = composeAvoidStart(j, at, l)
	case KindHolidayEve:
		r, ok = composeHolidayEve(j, at, l)
	case KindFreezeStart:
		r, ok = composeFreezeStart(j, at, l)
	case KindFreezeEnd:
		r, ok = composeFreezeEnd(j, at, l)
	case KindPendingApprovals:
		return s.composeApprovals(ctx, j, at, l)
	case KindHeldLocks:
		return s.composeLocks(ctx, j, at, l)
	case KindRollbackDrill:
		r, ok = composeRollbackDrill(j, at, l)
	case KindDORA:
		var err error
		if r, err = s.DORA(ctx, j.r.Project, at, l); err != nil {
			return r, false, err
		}
	default:
		return composeCustom(j, l), true, nil
	}
	if ok && j.r.Message != "" {
		r.Text = strings.TrimRight(j.r.Message+"\n"+r.Text, "\n")
	}
	return r, ok, nil
}

// Compose returns what reminder r posts for a run at time at, and false
// when it has nothing to say then (a window that is not open that day, no
// holiday ahead...). It does not check that r runs at that time.
func (s *Scheduler) Compose(ctx context.Context, r deploybot.Reminder, at time.Time) (deploybot.Reply, bool, error) {
	j, err := s.build(r)
	if err != nil {
		return deploybot.Reply{}, false, err
	}
	return s.compose(ctx, j, at)
}

// Next returns the next n times after after, in the reminder's time zone,
// at which r will post something. For kinds that depend only on the
// calendar, the runs with nothing to say are left out; pending approvals
// and held locks are listed at each check. The error wraps ErrInactive
// when r cannot run.
func (s *Scheduler) Next(r deploybot.Reminder, after time.Time, n int) ([]time.Time, error) {
	j, err := s.build(r)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	at := after
	for i := 0; len(out) < n && i < 2000; i++ {
		at = j.sched.Next(at)
		if at.IsZero() {
			break
		}
		if conditional(Kind(j.r.Kind)) {
			if _, ok, _ := s.compose(context.Background(), j, at); !ok {
				continue
			}
		}
		out = append(out, at.In(j.loc()))
	}
	return out, nil
}

// When describes r's schedule: its cron spec and time zone, or the window
// edges it runs at.
func (s *Scheduler) When(r deploybot.Reminder) (string, error) {
	j, err := s.build(r)
	if err != nil {
		return "", err
	}
	return j.when, nil
}

// All returns the reminders the scheduler runs: Reminders, then those
// created by chat.
func (s *Scheduler) All(ctx context.Context) ([]deploybot.Reminder, error) {
	all := append([]deploybot.Reminder(nil), s.Reminders...)
	if s.Store == nil {
		return all, nil
	}
	stored, err := s.Store.Reminders(ctx)
	if err != nil {
		return all, fmt.Errorf("schedule: reminders: %w", err)
	}
	return append(all, stored...), nil
}

// Run schedules every reminder, sends the runs missed while the process
// was down (within the grace period), and posts each reminder at its times
// until ctx is done. It then stops scheduling and waits for the running
// jobs (cancelling them after StopTimeout) before it returns.
//
// Each job is wrapped, in this order, by cron.SkipIfStillRunning (a run
// never overlaps the previous one of the same reminder) and cron.Recover (a
// panic is logged and the job keeps its schedule).
func (s *Scheduler) Run(ctx context.Context) error {
	if s.Store == nil || s.Poster == nil {
		return errors.New("schedule: run: a Store and a Poster are required")
	}
	log := s.logger()
	cl := cronLogger{log}
	c := cron.New(cron.WithLocation(s.calendar("").Location), cron.WithLogger(cl),
		cron.WithChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)))
	// Jobs get their own context: on shutdown they may finish what they
	// are sending, for StopTimeout at most.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()

	c.Start()
	s.sync(jobCtx, c)
	c.Schedule(cron.Every(orDuration(s.Reload, DefaultReload)), cron.FuncJob(func() { s.sync(jobCtx, c) }))
	log.Info("reminders scheduled", "count", s.count())

	<-ctx.Done()
	stopped := c.Stop()
	select {
	case <-stopped.Done():
	case <-time.After(orDuration(s.StopTimeout, DefaultStopTimeout)):
		log.Warn("reminders still running at shutdown: cancelling them")
		cancelJobs()
		<-stopped.Done()
	}
	log.Info("reminders stopped")
	return nil
}

// grace returns how late a missed run may still be sent.
func (s *Scheduler) grace() time.Duration {
	switch {
	case s.Grace < 0:
		return 0
	case s.Grace == 0:
		return DefaultGrace
	}
	return s.Grace
}

func (s *Scheduler) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.jobs)
}

// sync brings the scheduled jobs in line with the reminders: it adds the
// new ones (whose first run, at once, catches up their missed runs) and
// removes the deleted ones. With c nil it only loads them.
func (s *Scheduler) sync(ctx context.Context, c *cron.Cron) {
	log := s.logger()
	all, err := s.All(ctx)
	if err != nil {
		log.Error("load reminders", logErr, err) // keep what runs; retried at the next reload
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.jobs == nil {
		s.jobs, s.told = make(map[string]*job), make(map[string]bool)
	}
	seen := make(map[string]bool, len(all))
	var added []*job // scheduled once the loop is done
	for _, r := range all {
		key := r.Key()
		if seen[key] {
			continue
		}
		seen[key] = true
		if _, ok := s.jobs[key]; ok {
			continue
		}
		j, err := s.build(r)
		if err == nil {
			err = s.initCursor(ctx, j)
		}
		switch {
		case err != nil && s.told[key]:
			continue
		case errors.Is(err, ErrInactive):
			log.Info("reminder inactive", logReminder, key, "why", err)
			s.told[key] = true
			continue
		case err != nil:
			log.Error("reminder not scheduled", logReminder, key, logErr, err)
			s.told[key] = true
			continue
		}
		s.jobs[key] = j
		added = append(added, j)
	}
	for key, j := range s.jobs {
		if !seen[key] {
			if c != nil {
				c.Remove(j.entry)
			}
			delete(s.jobs, key)
			log.Info("reminder removed", logReminder, key)
		}
	}
	if c == nil {
		return
	}
	for _, j := range added {
		// The first run comes at once and handles the runs missed while
		// the reminder was not scheduled; it goes through the same
		// wrappers as the others, so it never overlaps them.
		j.entry = c.Schedule(&firstNow{next: j.sched}, cron.FuncJob(func() { s.tick(ctx, j) }))
	}
}

// initCursor sets where j's runs start: after its last recorded run; for
// a reminder created by chat that never ran, at its creation; otherwise
// the grace period ago, so that a run due just before the start is sent.
func (s *Scheduler) initCursor(ctx context.Context, j *job) error {
	last, ok, err := s.Store.LastRun(ctx, j.key)
	switch {
	case err != nil:
		return fmt.Errorf("schedule: last run of %s: %w", j.key, err)
	case ok:
		j.cursor = last.At
	case j.r.ID > 0 && !j.r.CreatedAt.IsZero():
		j.cursor = j.r.CreatedAt
	default:
		j.cursor = s.now().Add(-max(s.grace(), onTime))
	}
	return nil
}

// CatchUp loads the reminders and handles every run due until now, as Run
// does when it starts, without scheduling anything: the runs within the
// grace period are sent, older ones recorded as skipped.
func (s *Scheduler) CatchUp(ctx context.Context) error {
	if s.Store == nil || s.Poster == nil {
		return errors.New("schedule: catch up: a Store and a Poster are required")
	}
	s.sync(ctx, nil)
	s.mu.Lock()
	jobs := make([]*job, 0, len(s.jobs))
	for _, j := range s.jobs {
		jobs = append(jobs, j)
	}
	s.mu.Unlock()
	safe := cron.Recover(cronLogger{s.logger()})
	for _, j := range jobs {
		safe(cron.FuncJob(func() { s.tick(ctx, j) })).Run()
	}
	return nil
}

// firstNow is a schedule that first runs at once, then on next.
type firstNow struct {
	next    cron.Schedule
	started atomic.Bool
}

// Next returns t the first time, then next's runs.
func (f *firstNow) Next(t time.Time) time.Time {
	if f.started.CompareAndSwap(false, true) {
		return t
	}
	return f.next.Next(t)
}

// tick handles j's runs due since the last one handled: the latest is sent
// if it is within the grace period; the others are recorded as skipped. It
// looks again before it returns, so that a run that came due while it was
// sending (and that cron skipped) is not left for the next one.
func (s *Scheduler) tick(ctx context.Context, j *job) {
	j.mu.Lock()
	defer j.mu.Unlock()
	log := s.logger().With(logReminder, j.key)
	grace := s.grace()
	for ctx.Err() == nil {
		now := s.now()
		if oldest := now.Add(-maxBacklog); j.cursor.Before(oldest) {
			log.Warn("reminder stopped for a long time: older missed runs are not recorded one by one", "since", j.cursor, "recorded_from", oldest)
			j.cursor = oldest
		}
		var due []time.Time
		for at := j.sched.Next(j.cursor); !at.IsZero() && !at.After(now); at = j.sched.Next(at) {
			due = append(due, at)
		}
		if len(due) == 0 {
			return
		}
		s.handle(ctx, log, j, due, now, grace)
	}
}

// handle handles the runs due, in time order.
func (s *Scheduler) handle(ctx context.Context, log *slog.Logger, j *job, due []time.Time, now time.Time, grace time.Duration) {
	for i, at := range due {
		if ctx.Err() != nil {
			return // shutting down: the rest is handled at the next start
		}
		j.cursor = at
		switch {
		case now.Sub(at) > max(grace, onTime):
			s.record(ctx, log, j, at, deploybot.RunSkipped,
				fmt.Sprintf("missed: due %s, handled %s, beyond the grace period of %s", at.Format(time.RFC3339), now.Format(time.RFC3339), grace))
		case i < len(due)-1:
			s.record(ctx, log, j, at, deploybot.RunSkipped, "superseded by the run due "+due[len(due)-1].Format(time.RFC3339))
		default:
			s.fire(ctx, log, j, at, now)
		}
	}
}

// record records a run that is not sent.
func (s *Scheduler) record(ctx context.Context, log *slog.Logger, j *job, at time.Time, status deploybot.RunStatus, detail string) {
	won, err := s.Store.ClaimRun(ctx, deploybot.ReminderRun{Key: j.key, At: at, Status: status, Detail: detail})
	switch {
	case err != nil:
		log.Error("record reminder run", logAt, at, "status", status, logErr, err)
	case !won:
		log.Debug("reminder run already recorded", logAt, at)
	case status == deploybot.RunSkipped:
		log.Warn("reminder run skipped", logAt, at, "why", detail)
	default:
		log.Debug("reminder run recorded", logAt, at, "status", status)
	}
}

// fire composes and sends one run, claiming it first so that it is sent at
// most once.
func (s *Scheduler) fire(ctx context.Context, log *slog.Logger, j *job, at, now time.Time) {
	reply, ok, err := s.compose(ctx, j, at)
	if err != nil {
		log.Error("compose reminder", logAt, at, logErr, err)
		s.record(ctx, log, j, at, deploybot.RunFailed, err.Error())
		return
	}
	if !ok {
		s.record(ctx, log, j, at, deploybot.RunEmpty, "")
		return
	}
	run := deploybot.ReminderRun{Key: j.key, At: at, Status: deploybot.RunClaimed}
	late := now.Sub(at)
	if late >= onTime {
		l := reply.Lang
		reply.Note = joinNote(reply.Note, colon(l, l.Pick("Envoyé en retard", "Sent late"), l.Pick("prévu à ", "due at ")+clock(l, at.In(j.loc())))+".")
		run.Detail = fmt.Sprintf("sent %s late", late.Round(time.Second))
	}
	won, err := s.Store.ClaimRun(ctx, run)
	if err != nil {
		log.Error("claim reminder run", logAt, at, logErr, err)
		return
	}
	if !won {
		log.Debug("reminder run already handled", logAt, at)
		return
	}
	ref, err := s.Poster.Post(ctx, j.r.Channel, "", reply)
	run.Status, run.Ref = deploybot.RunSent, ref
	if err != nil {
		run.Status, run.Detail = deploybot.RunFailed, err.Error()
		log.Error("post reminder", logAt, at, logChannel, j.r.Channel, logErr, err)
	} else {
		log.Info("reminder sent", logAt, at, logChannel, j.r.Channel, "ref", ref)
	}
	if err := s.Store.FinishRun(context.WithoutCancel(ctx), run); err != nil {
		log.Error("record reminder run", logAt, at, logErr, err)
	}
}

// cronLogger writes robfig/cron's logs to slog: its routine messages at
// debug level, a skipped run (a job still running) as a warning, errors
// (panics, with their stack) as errors.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.l.Warn("reminder job still running: run skipped", kv...)
		return
	}
	c.l.Debug("cron "+msg, kv...)
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron "+msg, append([]any{logErr, err}, kv...)...)
}
