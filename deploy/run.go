package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"deploybot"
	"deploybot/deploy/safe"
)

// checkNames refuses names and versions that are not safe to hand to an
// executor, before anything is recorded or run.
func checkNames(project, env, version string) error {
	d := deploybot.Deployment{ID: 1, Project: project, Env: env, Version: version, Requester: "check"}
	return safe.Check(d)
}

// start takes the lock of the deployment's environment, moves it to
// running and runs it in the background under the service's lifetime. A
// lock held by someone else cancels the deployment and says who holds it,
// unless the request waits in line: it then tries again in the background
// until WaitTimeout.
func (s *Service) start(ctx context.Context, d deploybot.Deployment, t Target, actor string) (deploybot.Deployment, error) {
	err := s.lock(ctx, d)
	if err != nil && d.Wait && isLockConflict(err) {
		s.work.Add(1)
		go func() {
			defer s.work.Done()
			s.waitForLock(s.ctx, d, t, actor)
		}()
		return d, nil
	}
	if err != nil {
		return d, s.cancelLocked(ctx, &d, err)
	}
	return s.launch(ctx, d, t, actor)
}

func (s *Service) lock(ctx context.Context, d deploybot.Deployment) error {
	_, err := s.Store.AcquireLock(ctx, deploybot.Lock{Project: d.Project, Env: d.Env, Holder: holder(d.ID),
		DeploymentID: d.ID, Reason: string(d.Action) + " " + d.Version}, s.LockTTL)
	return err
}

func isLockConflict(err error) bool {
	var le *deploybot.LockError
	return errors.As(err, &le)
}

// cancelLocked records that a lock held by someone else stopped d.
func (s *Service) cancelLocked(ctx context.Context, d *deploybot.Deployment, err error) error {
	err = lockConflict(err)
	d.Reasons = append(d.Reasons, deploybot.ErrorMessage(err))
	if merr := s.Store.MoveDeployment(ctx, d, deploybot.StateCancelled, "deploybot", deploybot.ErrorMessage(err)); merr != nil {
		return merr
	}
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
				_, _ = s.Store.ReleaseLock(context.WithoutCancel(ctx), d.Project, d.Env, holder(d.ID), "deploybot", "refused on recheck")
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
			if err := s.cancelLocked(context.WithoutCancel(ctx), &d, err); deploybot.ErrorCode(err) == deploybot.EINTERNAL {
				s.Logger.Error("cancel after waiting", "deployment", d.ID, "err", err)
			}
		}
	}
}

// launch moves d, whose lock is held, to running and runs it.
func (s *Service) launch(ctx context.Context, d deploybot.Deployment, t Target, actor string) (deploybot.Deployment, error) {
	if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateRunning, actor, "executor started"); err != nil {
		_, _ = s.Store.ReleaseLock(ctx, d.Project, d.Env, holder(d.ID), "deploybot", "could not start")
		return d, err
	}
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		s.run(s.ctx, d, t)
	}()
	return d, nil
}

// run executes, verifies and hands over to monitoring one deployment. It
// owns the lock until verification ends.
func (s *Service) run(ctx context.Context, d deploybot.Deployment, t Target) {
	log := s.Logger.With("deployment", d.ID, "project", d.Project, "env", d.Env, "version", d.Version)
	s.notify(ctx, d, t)
	release := func(note string) {
		if _, err := s.Store.ReleaseLock(context.WithoutCancel(ctx), d.Project, d.Env, holder(d.ID), "deploybot", note); err != nil {
			log.Error("release lock", "err", err)
		}
	}
	var baseline deploybot.MetricsSample
	if s.Metrics != nil && t.MonitorWindow > 0 {
		if b, err := s.Metrics.Sample(ctx, d.Project, d.Env); err == nil {
			baseline = b
		}
	}

	// Keep the lease alive while the executor runs.
	renew, stopRenew := context.WithCancel(ctx)
	go s.renewLock(renew, d)
	timeout := t.ExecTimeout
	if timeout <= 0 {
		timeout = 30 * time.Minute
	}
	execCtx, cancel := context.WithTimeout(ctx, timeout)
	res, err := t.Executor.Execute(execCtx, d)
	cancel()
	stopRenew()
	d.ExecutorRef, d.Output = res.Ref, res.Output
	if err != nil {
		s.fail(ctx, &d, t, "executor: "+err.Error())
		release("executor failed")
		return
	}
	if !s.move(ctx, &d, t, deploybot.StateVerifying, "executor succeeded") {
		release("state conflict")
		return
	}
	if s.Prober != nil && len(t.HealthChecks)+len(t.SmokeTests) > 0 {
		checks := append(append([]deploybot.Check{}, t.HealthChecks...), t.SmokeTests...)
		var failed []string
		for _, r := range s.Prober.Probe(ctx, checks) {
			if !r.OK {
				failed = append(failed, r.Name+": "+r.Detail)
			}
		}
		if len(failed) > 0 {
			s.fail(ctx, &d, t, "verification failed: "+strings.Join(failed, "; "))
			release("verification failed")
			return
		}
	}
	if d.Action == deploybot.ActionRollback {
		s.markRolledBack(ctx, d)
	}
	release("deployed and verified")
	if d.Action == deploybot.ActionRollback && t.LockAfterRollback {
		if _, err := s.Store.AcquireLock(context.WithoutCancel(ctx), deploybot.Lock{Project: d.Project, Env: d.Env,
			Holder: fmt.Sprintf("rollback #%d", d.ID), Reason: "locked after a rollback: unlock with a reason to deploy again"}, 0); err != nil {
			log.Error("lock after rollback", "err", err)
		}
	}
	if s.Metrics == nil || t.MonitorWindow <= 0 {
		s.move(ctx, &d, t, deploybot.StateSucceeded, "verified")
		return
	}
	if !s.move(ctx, &d, t, deploybot.StateMonitoring, "verified; monitoring") {
		return
	}
	s.monitors.Add(1)
	go func() {
		defer s.monitors.Done()
		s.monitor(ctx, d, t, baseline)
	}()
}

// renewLock extends the lease of d's lock until ctx ends.
func (s *Service) renewLock(ctx context.Context, d deploybot.Deployment) {
	tick := time.NewTicker(s.LockTTL / 3)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if _, err := s.Store.AcquireLock(ctx, deploybot.Lock{Project: d.Project, Env: d.Env, Holder: holder(d.ID),
				DeploymentID: d.ID, Reason: string(d.Action) + " " + d.Version}, s.LockTTL); err != nil && ctx.Err() == nil {
				s.Logger.Error("renew lock", "deployment", d.ID, "err", err)
			}
		}
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

// monitor samples the metrics for the monitoring window and compares them
// with the thresholds and the baseline taken before the deployment.
func (s *Service) monitor(ctx context.Context, d deploybot.Deployment, t Target, baseline deploybot.MetricsSample) {
	deadline := time.NewTimer(t.MonitorWindow)
	defer deadline.Stop()
	tick := time.NewTicker(min(s.MonitorInterval, t.MonitorWindow))
	defer tick.Stop()
	var worst deploybot.MetricsSample // the highest values seen
	samples := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-deadline.C:
			channel, thread := d.Channel, d.Thread
			if s.Poster != nil {
				channel, thread = s.threadOf(d) // before the move ends the notification
			}
			if s.move(ctx, &d, t, deploybot.StateSucceeded, "monitoring window passed with healthy metrics") {
				s.summary(ctx, d, t, worst, samples, channel, thread)
			}
			return
		case <-tick.C:
			sample, err := s.Metrics.Sample(ctx, d.Project, d.Env)
			if err != nil {
				s.Logger.Warn("sample metrics", "deployment", d.ID, "err", err)
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

// autoRollback starts a rollback of d to its previous version, as the
// project's policy asks after a monitoring breach.
func (s *Service) autoRollback(ctx context.Context, d deploybot.Deployment, t Target) {
	if d.PreviousVersion == "" || ctx.Err() != nil {
		return
	}
	// A newer deployment may have shipped while d was monitored: rolling
	// back to d's previous version would undo it too. Leave it to people.
	ds, err := s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{Project: d.Project, Env: d.Env, Limit: 1,
		States: []deploybot.DeployState{deploybot.StateApproved, deploybot.StateRunning, deploybot.StateVerifying,
			deploybot.StateMonitoring, deploybot.StateSucceeded}})
	if err != nil || len(ds) > 0 && ds[0].ID > d.ID {
		s.Logger.Warn("no automatic rollback: a newer deployment exists", "deployment", d.ID, "err", err)
		return
	}
	rb := deploybot.Deployment{Project: d.Project, Env: d.Env, Version: d.PreviousVersion, PreviousVersion: d.Version,
		Strategy: d.Strategy, Action: deploybot.ActionRollback, RollbackOf: d.ID, Requester: "deploybot",
		Reason: "automatic rollback after a monitoring breach", State: deploybot.StateApproved,
		Platform: d.Platform, Channel: d.Channel, Thread: d.Thread, Lang: d.Lang}
	id, err := s.Store.CreateDeployment(context.WithoutCancel(ctx), rb)
	if err != nil {
		s.Logger.Error("automatic rollback", "deployment", d.ID, "err", err)
		return
	}
	rb.ID = id
	if _, err := s.start(ctx, rb, t, "deploybot"); err != nil {
		s.Logger.Error("automatic rollback", "deployment", d.ID, "err", err)
	}
}
