package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"deploybot"
	"deploybot/deploy/safe"
)

// checkNames refuses names and versions that are not safe to hand to an
// executor, before anything is recorded or run.
func checkNames(project, env, version string) error {
	d := deploybot.Deployment{ID: 1, Project: project, Env: env, Version: version, Requester: "check"}
	if err := safe.Check(d); err != nil {
		if !safe.Version(version) {
			return badVersion(version)
		}
		return err
	}
	return nil
}

// approve moves d, confirmed or approved by actor, to approved with this
// process' lease, then starts it: whoever moves a deployment to approved
// runs it, and another process sees it approved only under a live lease
// (or adopts it when that lease is gone). The approval, the lock and the
// move to running are one transaction (store's StartDeployment): one
// commit between an approval and its executor's start, not three.
func (s *Service) approve(ctx context.Context, d deploybot.Deployment, t Target, actor, note string) (deploybot.Deployment, error) {
	if s.draining.Load() {
		if err := s.Store.MoveDeploymentLeased(ctx, &d, deploybot.StateApproved, actor, note, s.Self, s.LeaseTTL); err != nil {
			return d, err
		}
		return s.start(ctx, d, t, actor)
	}
	return s.begin(ctx, d, t, actor, note)
}

// start takes the lock of the deployment's environment, moves it to
// running and runs it in the background under the service's lifetime. A
// lock held by someone else cancels the deployment and says who holds it,
// unless the request waits in line: it then tries again in the background
// until WaitTimeout. While the service drains (a stop was asked), nothing
// new starts: the deployment stays approved under this process' lease, and
// the next process adopts it.
func (s *Service) start(ctx context.Context, d deploybot.Deployment, t Target, actor string) (deploybot.Deployment, error) {
	if s.draining.Load() {
		s.Logger.Warn("not starting while stopping: the next process starts it", "deployment", d.ID)
		return d, nil
	}
	return s.begin(ctx, d, t, actor, "")
}

// begin is start for d approved or about to be (by actor, with note): in
// one transaction the approval and this process' lease when d is not
// approved yet, the lock, the move to running; then the run. When the lock
// is held by another, the approval stands and d waits in line or is
// cancelled, as start says.
func (s *Service) begin(ctx context.Context, d deploybot.Deployment, t Target, actor, note string) (deploybot.Deployment, error) {
	err := s.Store.StartDeployment(ctx, &d, lockOf(d), actor, note, s.Self, s.LeaseTTL)
	if err != nil && d.Wait && isLockConflict(err) {
		s.work.Add(1)
		go func() {
			defer s.work.Done()
			lctx, stop := s.leased(d)
			defer stop()
			s.waitForLock(lctx, d, t, actor)
		}()
		return d, nil
	}
	if isLockConflict(err) {
		return d, s.cancelLocked(ctx, &d, err)
	}
	if err != nil {
		return d, err
	}
	s.goRun(ctx, d, t)
	return d, nil
}

// lockOf is the lock of d's environment that its run holds.
func lockOf(d deploybot.Deployment) deploybot.Lock {
	return deploybot.Lock{Project: d.Project, Env: d.Env, Holder: holder(d), DeploymentID: d.ID, Reason: string(d.Action) + " " + d.Version}
}

// lock takes the environment's lock for d. A deployment's lock has no
// expiry: it is the deployment's until it ends (an interrupted deployment
// keeps it until someone settles it); the process that runs it holds a
// lease instead.
func (s *Service) lock(ctx context.Context, d deploybot.Deployment) error {
	_, err := s.Store.AcquireLock(ctx, lockOf(d), 0)
	return err
}

func (s *Service) release(ctx context.Context, d deploybot.Deployment, note string) {
	if _, err := s.Store.ReleaseLock(context.WithoutCancel(ctx), d.Project, d.Env, holder(d), "deploybot", note); err != nil {
		s.Logger.Error("release lock", "deployment", d.ID, "err", err)
	}
}

func isLockConflict(err error) bool {
	var le *deploybot.LockError
	return errors.As(err, &le)
}

// cancelLocked records that a lock held by someone else stopped d.
func (s *Service) cancelLocked(ctx context.Context, d *deploybot.Deployment, err error) error {
	err = lockConflict(err)
	d.Reasons = append(d.Reasons, deploybot.ErrorMessage(err))
	if merr := s.Store.MoveDeployment(context.WithoutCancel(ctx), d, deploybot.StateCancelled, "deploybot", deploybot.ErrorMessage(err)); merr != nil {
		return merr
	}
	s.drillStopped(ctx, *d, deploybot.DrillCancelled, deploybot.ErrorMessage(err))
	return err
}

// waitForLock tries the lock every LockPoll until WaitTimeout, then runs d
// or cancels it.
func (s *Service) waitForLock(ctx context.Context, d deploybot.Deployment, t Target, actor string) {
	deadline := time.NewTimer(s.WaitTimeout)
	defer deadline.Stop()
	tick := time.NewTicker(s.LockPoll)
	defer tick.Stop()
	for last := false; !last; {
		select {
		case <-ctx.Done():
			return
		case <-deadline.C:
			last = true
		case <-tick.C:
		}
		err := s.lock(ctx, d)
		switch {
		case err == nil:
			// The rules are evaluated again: the wait may have crossed the
			// end of a window or the start of a freeze.
			if err := s.recheck(ctx, &d, t, "deploybot"); err != nil {
				s.release(ctx, d, "refused on recheck")
				s.Logger.Warn("start after waiting", "deployment", d.ID, "err", err)
				return
			}
			if _, err := s.launch(ctx, d, t, actor); err != nil {
				s.Logger.Error("start after waiting", "deployment", d.ID, "err", err)
			}
			return
		case !isLockConflict(err):
			s.Logger.Error("wait for lock", "deployment", d.ID, "err", err)
		case last:
			if err := s.cancelLocked(ctx, &d, err); deploybot.ErrorCode(err) == deploybot.EINTERNAL {
				s.Logger.Error("cancel after waiting", "deployment", d.ID, "err", err)
			}
		}
	}
}

// launch moves d, whose lock is held, to running and runs it.
func (s *Service) launch(ctx context.Context, d deploybot.Deployment, t Target, actor string) (deploybot.Deployment, error) {
	if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateRunning, actor, "executor started"); err != nil {
		s.release(ctx, d, "could not start")
		return d, err
	}
	s.goRun(ctx, d, t)
	return d, nil
}

// goRun runs d, moved to running with its lock held, in the background.
func (s *Service) goRun(ctx context.Context, d deploybot.Deployment, t Target) {
	s.drillStarted(ctx, d)
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		s.run(d, t, nil)
	}()
}

// leased returns a context for acting on d under this process' lease: it
// renews the lease every LeaseTTL/3 and ends when the service closes or
// when the lease is lost (another process took it: this one must stop
// acting on d at once). stop ends it.
func (s *Service) leased(d deploybot.Deployment) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(s.ctx)
	s.mu.Lock()
	s.active[d.ID]++
	s.mu.Unlock()
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(s.LeaseTTL / 3)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			err := s.Store.RenewLease(ctx, d.ID, s.Self, s.LeaseTTL)
			switch {
			case errors.Is(err, deploybot.ErrLeaseLost):
				s.Logger.Warn("lease lost: another process runs this deployment now", "deployment", d.ID)
				cancel()
				return
			case err != nil && ctx.Err() == nil:
				s.Logger.Error("renew lease", "deployment", d.ID, "err", err)
			}
		}
	})
	return ctx, func() {
		cancel()
		wg.Wait()
		s.mu.Lock()
		if s.active[d.ID]--; s.active[d.ID] <= 0 {
			delete(s.active, d.ID)
		}
		s.mu.Unlock()
	}
}

// notifyAside runs notify in a goroutine of its own when there is a
// poster; the channel it returns is closed once notify returned.
func (s *Service) notifyAside(ctx context.Context, d deploybot.Deployment, t Target) <-chan struct{} {
	done := make(chan struct{})
	if s.Poster == nil {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		s.notify(ctx, d, t)
	}()
	return done
}

// running reports whether this process acts on deployment id now.
func (s *Service) running(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active[id] > 0
}

// run executes (or, with follow set, follows the run another process
// started), verifies and hands over to monitoring one deployment, under
// this process' lease. It owns the lock until verification ends.
func (s *Service) run(d deploybot.Deployment, t Target, follow deploybot.Adopter) {
	ctx, stop := s.leased(d)
	monitoring := false
	defer func() {
		if !monitoring {
			stop()
		}
	}()
	log := s.Logger.With("deployment", d.ID, "project", d.Project, "env", d.Env, "version", d.Version)
	// The deployment's first message is written (its changes read from
	// the forge, the earliest commit recorded) and posted while the
	// executor starts, not before: two network round trips that stood
	// between an approval and its executor's start (issue 19). The next
	// messages update it once it is posted.
	posted := s.notifyAside(ctx, d, t)
	defer func() { <-posted }()
	var baseline deploybot.MetricsSample
	if s.Metrics != nil && t.MonitorWindow > 0 && follow == nil {
		if b, err := s.Metrics.Sample(ctx, d.Project, d.Env); err == nil {
			baseline = b
		}
	}

	var started sync.Once
	runCtx := deploybot.WithRefRecorder(ctx, func(ref string) {
		started.Do(func() {
			if err := s.Store.RecordRun(context.WithoutCancel(ctx), d.ID, ref); err != nil {
				log.Error("record run", "err", err)
			}
		})
	})
	var res deploybot.ExecResult
	var err error
	if follow != nil {
		res, err = follow.Adopt(runCtx, d)
		if errors.Is(err, deploybot.ErrNotStarted) && !d.Started && ctx.Err() == nil {
			// The process that moved it to running stopped before the run
			// began: nothing changed at the target, and this process holds
			// the lease: run it now, once its rules still allow it.
			if rerr := s.recheck(ctx, &d, t, "deploybot"); rerr != nil {
				s.release(ctx, d, "refused on recheck")
				return
			}
			res, err = t.Executor.Execute(runCtx, d)
		}
	} else {
		res, err = t.Executor.Execute(runCtx, d)
	}
	<-posted
	if res.Ref != "" {
		d.ExecutorRef = res.Ref
	}
	if res.Output != "" {
		d.Output = res.Output
	}
	switch {
	case err == nil:
		d.Started = true
	case errors.Is(err, deploybot.ErrDetached) || ctx.Err() != nil:
		// This process stops (or lost the lease): the run goes on, and
		// whoever adopts the deployment follows it to its end.
		log.Info("stopped following the run; it goes on", "err", err)
		return
	case errors.Is(err, deploybot.ErrNotStarted) && !d.Started:
		if s.drillStepFailed(ctx, &d, t, deploybot.FailureExecutor, "executor did not start: "+err.Error()) {
			return
		}
		d.Failure = deploybot.FailureExecutor
		s.fail(ctx, &d, t, "executor did not start: "+err.Error())
		s.release(ctx, d, "executor did not start")
		return
	case errors.Is(err, deploybot.ErrOutcomeUnknown) || errors.Is(err, deploybot.ErrNotStarted):
		s.interrupt(ctx, &d, t, err.Error())
		return
	default:
		d.Started = true
		if s.drillStepFailed(ctx, &d, t, deploybot.FailureExecutor, "executor: "+err.Error()) {
			return
		}
		d.Failure = deploybot.FailureExecutor
		s.fail(ctx, &d, t, "executor: "+err.Error())
		s.release(ctx, d, "executor failed")
		return
	}
	if !s.move(ctx, &d, t, deploybot.StateVerifying, "executor succeeded") {
		s.release(ctx, d, "state conflict")
		return
	}
	monitoring = s.verify(ctx, d, t, baseline, stop)
}

// verify runs the health checks and smoke tests of d, which is verifying,
// then ends it or hands it over to monitoring, which then owns the lease
// (stop): it reports whether it did.
func (s *Service) verify(ctx context.Context, d deploybot.Deployment, t Target, baseline deploybot.MetricsSample, stop func()) bool {
	log := s.Logger.With("deployment", d.ID)
	if s.Prober != nil && len(t.HealthChecks)+len(t.SmokeTests) > 0 {
		checks := append(append([]deploybot.Check{}, t.HealthChecks...), t.SmokeTests...)
		var failed []string
		for _, r := range s.Prober.Probe(ctx, checks) {
			if !r.OK {
				failed = append(failed, r.Name+": "+r.Detail)
			}
		}
		if ctx.Err() != nil {
			return false // stopping: whoever adopts it verifies again
		}
		if len(failed) > 0 {
			if s.drillStepFailed(ctx, &d, t, deploybot.FailureVerification, "verification failed: "+strings.Join(failed, "; ")) {
				return false
			}
			d.Failure = deploybot.FailureVerification
			s.fail(ctx, &d, t, "verification failed: "+strings.Join(failed, "; "))
			s.release(ctx, d, "verification failed")
			return false
		}
	}
	if s.drillStepDone(ctx, d, t) {
		// A drill's steps end at their verification (the rollback's
		// monitoring ends there); the drill goes on or ends.
		return false
	}
	if d.Action == deploybot.ActionRollback {
		s.markRolledBack(ctx, d)
	}
	s.release(ctx, d, "deployed and verified")
	if d.Action == deploybot.ActionRollback && t.LockAfterRollback {
		if _, err := s.Store.AcquireLock(context.WithoutCancel(ctx), deploybot.Lock{Project: d.Project, Env: d.Env,
			Holder: rollbackHolder(d.ID), Reason: RollbackLockReason}, 0); err != nil {
			log.Error("lock after rollback", "err", err)
		}
	}
	if s.Metrics == nil || t.MonitorWindow <= 0 {
		s.move(ctx, &d, t, deploybot.StateSucceeded, "verified")
		return false
	}
	if !s.move(ctx, &d, t, deploybot.StateMonitoring, "verified; monitoring") {
		return false
	}
	s.monitors.Add(1)
	go func() {
		defer s.monitors.Done()
		defer stop()
		s.monitor(ctx, d, t, baseline, t.MonitorWindow)
	}()
	return true
}

// interrupt records that d's outcome is unknown: it keeps its lock until
// someone settles it (outcome, or unlock --force).
func (s *Service) interrupt(ctx context.Context, d *deploybot.Deployment, t Target, why string) {
	d.Reasons = append(d.Reasons, "interrupted, outcome unknown: check the target ("+why+")")
	if s.move(ctx, d, t, deploybot.StateInterrupted, "outcome unknown: "+why) {
		s.drillInterrupted(ctx, *d)
	}
}

// move records a transition and updates the notification; it reports
// false when the move failed (logged).
func (s *Service) move(ctx context.Context, d *deploybot.Deployment, t Target, to deploybot.DeployState, note string) bool {
	if err := s.Store.MoveDeployment(context.WithoutCancel(ctx), d, to, "deploybot", note); err != nil {
		s.Logger.Error("move deployment", "deployment", d.ID, "to", to, "err", err)
		return false
	}
	s.notify(ctx, *d, t)
	return true
}

func (s *Service) fail(ctx context.Context, d *deploybot.Deployment, t Target, reason string) {
	d.Reasons = append(d.Reasons, reason)
	s.move(ctx, d, t, deploybot.StateFailed, reason)
}

// markRolledBack marks the deployment a rollback replaced.
func (s *Service) markRolledBack(ctx context.Context, rb deploybot.Deployment) {
	if rb.RollbackOf == 0 {
		return
	}
	old, err := s.Store.Deployment(ctx, rb.RollbackOf)
	if err != nil || !deploybot.CanMove(old.State, deploybot.StateRolledBack) {
		return
	}
	old.Reasons = append(old.Reasons, fmt.Sprintf("rolled back by deployment #%d", rb.ID))
	if err := s.Store.MoveDeployment(context.WithoutCancel(ctx), &old, deploybot.StateRolledBack, rb.Requester,
		fmt.Sprintf("rolled back by #%d", rb.ID)); err != nil {
		s.Logger.Error("mark rolled back", "deployment", old.ID, "err", err)
	}
}

// monitor samples the metrics for window and compares them with the
// thresholds and the baseline taken before the deployment (a zero baseline
// when the monitoring was adopted from a stopped process).
func (s *Service) monitor(ctx context.Context, d deploybot.Deployment, t Target, baseline deploybot.MetricsSample, window time.Duration) {
	deadline := time.NewTimer(window)
	defer deadline.Stop()
	tick := time.NewTicker(max(min(s.MonitorInterval, window), time.Millisecond))
	defer tick.Stop()
	var worst deploybot.MetricsSample // the highest values seen
	samples, failed := 0, 0
	var lastErr error
	for {
		select {
		case <-ctx.Done():
			return // stopping: whoever adopts it monitors the rest of the window
		case <-deadline.C:
			channel, thread := d.Channel, d.Thread
			if s.Poster != nil {
				channel, thread = s.threadOf(d) // before the move ends the notification
			}
			why := "monitoring window passed with healthy metrics"
			if samples == 0 {
				// Verified by its health checks, but nothing was measured
				// after: said as such, never as a window without a breach.
				why = "monitoring window passed without a metrics sample"
			}
			if s.move(ctx, &d, t, deploybot.StateSucceeded, why) {
				s.summary(ctx, d, t, monitored{worst: worst, samples: samples, failed: failed, lastErr: lastErr}, channel, thread)
			}
			return
		case <-tick.C:
			sample, err := s.Metrics.Sample(ctx, d.Project, d.Env)
			if err != nil {
				s.Logger.Warn("sample metrics", "deployment", d.ID, "err", err)
				failed, lastErr = failed+1, err
				continue
			}
			samples++
			worst.ErrorRate = max(worst.ErrorRate, sample.ErrorRate)
			worst.P95 = max(worst.P95, sample.P95)
			breaches := t.Thresholds.Breaches(baseline, sample, s.langOf(d))
			if len(breaches) == 0 {
				continue
			}
			d.Reasons = append(d.Reasons, "monitoring: "+strings.Join(breaches, "; "))
			d.Failure = deploybot.FailureMonitoring
			s.alert(ctx, d, t, breaches)
			if !s.move(ctx, &d, t, deploybot.StateFailed, "monitoring breach: "+strings.Join(breaches, "; ")) {
				return
			}
			if t.AutoRollback {
				s.autoRollback(ctx, d, t)
			}
			return
		}
	}
}

// autoRollback starts a rollback of d to the environment's rollback target,
// as the project's policy asks after a monitoring breach.
func (s *Service) autoRollback(ctx context.Context, d deploybot.Deployment, t Target) {
	if ctx.Err() != nil {
		return
	}
	runs, err := s.Store.HistoryRuns(ctx, d.Project, d.Env)
	if err != nil {
		s.Logger.Error("automatic rollback", "deployment", d.ID, "err", err)
		return
	}
	h := NewHistory(runs)
	if h.CurrentID != d.ID {
		// A newer deployment ran while d was monitored: rolling back would
		// undo it too. Leave it to people.
		s.Logger.Warn("no automatic rollback: a newer deployment exists", "deployment", d.ID)
		return
	}
	target := h.RollbackTarget(d.Version)
	if target == "" {
		s.Logger.Warn("no automatic rollback: no earlier good version", "deployment", d.ID)
		return
	}
	rb := deploybot.Deployment{Project: d.Project, Env: d.Env, Version: target, PreviousVersion: d.Version, Replaces: d.Version,
		Strategy: d.Strategy, Action: deploybot.ActionRollback, RollbackOf: d.ID, Requester: "deploybot",
		Reason: "automatic rollback after a monitoring breach", State: deploybot.StateRequested,
		Platform: d.Platform, Channel: d.Channel, Thread: d.Thread, Lang: d.Lang}
	id, err := s.Store.CreateDeployment(context.WithoutCancel(ctx), rb)
	if err != nil {
		s.Logger.Error("automatic rollback", "deployment", d.ID, "err", err)
		return
	}
	rb.ID = id
	if _, err := s.approve(context.WithoutCancel(ctx), rb, t, "deploybot", "automatic rollback after a monitoring breach"); err != nil {
		s.Logger.Error("automatic rollback", "deployment", d.ID, "err", err)
	}
}
