package deploy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"deploybot"
	"deploybot/policy"
)

// Drain stops starting new deployments and waits, until ctx ends, for the
// executors and verifications in flight (not for monitoring windows, which
// the next process adopts). A stop never marks a deployment failed: what
// is still running when ctx ends is left under its lease (see Close).
func (s *Service) Drain(ctx context.Context) error {
	s.init()
	s.draining.Store(true)
	return s.work.Wait(ctx)
}

// Close stops the background work: executors stop being followed (their
// runs go on), monitoring windows stop, and the leases of the deployments
// this process was running are released, so that the next process adopts
// them at once (also on another machine). It waits for the work to return.
func (s *Service) Close() error {
	s.init()
	s.draining.Store(true)
	s.cancel()
	_ = s.work.Wait(context.Background())
	s.monitors.Wait()
	if s.Self.PID == 0 {
		return nil
	}
	ds, err := s.Store.FindDeployments(context.Background(), deploybot.DeploymentFilter{Limit: 1000, States: activeStates})
	if err != nil {
		return err
	}
	for _, d := range ds {
		if l, ok, err := s.Store.LeaseOf(context.Background(), d.ID); err == nil && ok && l.Holder == s.Self {
			if err := s.Store.ReleaseLease(context.Background(), d.ID, s.Self); err != nil {
				s.Logger.Warn("release lease at stop", "deployment", d.ID, "err", err)
			}
		}
	}
	return nil
}

// activeStates are the states in which a process acts on a deployment,
// under its lease.
var activeStates = []deploybot.DeployState{deploybot.StateApproved, deploybot.StateRunning,
	deploybot.StateVerifying, deploybot.StateMonitoring}

// Reconcile repairs what stopped processes left behind, at start and every
// few seconds: expired plans and approvals are cancelled, and every
// deployment in flight whose lease holder is gone (its lease expired, or
// its process died on this machine) is adopted: this process takes its
// lease and carries it on where it stood. A run the executor can follow
// (a detached script, a CI run) is followed to its real outcome; one it
// cannot becomes interrupted (outcome unknown). It returns how many
// deployments it repaired or adopted.
func (s *Service) Reconcile(ctx context.Context) (int, error) {
	s.init()
	states := append([]deploybot.DeployState{deploybot.StateRequested, deploybot.StateAwaitingApproval}, activeStates...)
	ds, err := s.Store.FindDeployments(ctx, deploybot.DeploymentFilter{Limit: 1000, States: states})
	if err != nil {
		return 0, err
	}
	now := s.Now()
	n := 0
	for _, d := range ds {
		switch d.State {
		case deploybot.StateRequested, deploybot.StateAwaitingApproval:
			t, err := s.target(ctx, d.Project, d.Env)
			if err != nil {
				t = Target{} // a target gone from the configuration: the service's timeouts
			}
			ttl, from, note := s.confirmTimeout(t), d.CreatedAt, "plan expired"
			if d.State == deploybot.StateAwaitingApproval {
				ttl, from, note = s.approvalTimeout(t), d.UpdatedAt, "approval expired"
			}
			if !policy.Expired(from, ttl, now) {
				continue
			}
			d.Reasons = append(d.Reasons, note)
			if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateCancelled, "deploybot", note); err != nil {
				if deploybot.ErrorCode(err) == deploybot.ECONFLICT {
					continue
				}
				return n, err
			}
			s.drillStopped(ctx, d, deploybot.DrillCancelled, note)
			n++
			continue
		}
		if s.Self.PID == 0 || s.draining.Load() || s.running(d.ID) {
			continue
		}
		prev, had, err := s.Store.LeaseOf(ctx, d.ID)
		if err != nil {
			return n, err
		}
		if had && s.Now().Before(prev.ExpiresAt) && !s.Gone(prev.Holder) {
			continue // a live process runs it (this one, about to)
		}
		if _, took, err := s.Store.TakeLease(ctx, d.ID, s.Self, s.LeaseTTL, s.Gone); err != nil {
			return n, err
		} else if !took {
			continue
		}
		// The list read above may be stale: the process that ran d may
		// have finished it (its lease deleted with the final state)
		// between the list and the lease taken here. Adopting it then
		// left this lease behind, never renewed nor released (seen in
		// the replicas' fault test under load: a lease 30 s past its
		// expiry). Read d again under the lease.
		if cur, err := s.Store.Deployment(ctx, d.ID); err != nil || cur.State != d.State {
			if rerr := s.Store.ReleaseLease(context.WithoutCancel(ctx), d.ID, s.Self); rerr != nil {
				s.Logger.Warn("release a lease taken on a deployment that moved on", "deployment", d.ID, "err", rerr)
			}
			if err != nil {
				return n, err
			}
			continue
		} else {
			d = cur
		}
		from := "no process"
		if had {
			from = prev.Holder.String()
		}
		s.Logger.Warn("adopting a deployment whose process is gone", "deployment", d.ID, "state", d.State, "from", from)
		s.adopt(ctx, d)
		n++
	}
	return n, nil
}

// adopt carries on d, whose lease this process has just taken, from the
// state it was left in.
func (s *Service) adopt(ctx context.Context, d deploybot.Deployment) {
	t, err := s.target(ctx, d.Project, d.Env)
	if err != nil {
		s.Logger.Error("adopt deployment", "deployment", d.ID, "err", err)
		return
	}
	switch d.State {
	case deploybot.StateApproved:
		// It never reached the executor: start it, once its rules still
		// allow it (hours may have passed).
		s.work.Add(1)
		go func() {
			defer s.work.Done()
			// A drill's later steps were approved with its first: they
			// go on whatever the clock says, or the environment would be
			// left half-way.
			if !s.laterDrillStep(s.ctx, d) {
				if err := s.recheck(s.ctx, &d, t, "deploybot"); err != nil {
					s.release(s.ctx, d, "refused on recheck")
					return
				}
			}
			if _, err := s.start(s.ctx, d, t, "deploybot"); err != nil {
				s.Logger.Warn("start adopted deployment", "deployment", d.ID, "err", err)
			}
		}()
	case deploybot.StateRunning:
		a, ok := t.Executor.(deploybot.Adopter)
		if !ok {
			s.work.Add(1)
			go func() {
				defer s.work.Done()
				s.interrupt(s.ctx, &d, t, "the process running it stopped and this executor's runs cannot be followed by another process")
			}()
			return
		}
		s.work.Add(1)
		go func() {
			defer s.work.Done()
			s.run(d, t, a)
		}()
	case deploybot.StateVerifying:
		s.work.Add(1)
		go func() {
			defer s.work.Done()
			lctx, stop := s.leased(d)
			if !s.verify(lctx, d, t, deploybot.MetricsSample{}, stop) {
				stop()
			}
		}()
	case deploybot.StateMonitoring:
		if s.Metrics == nil || t.MonitorWindow <= 0 {
			s.work.Add(1)
			go func() {
				defer s.work.Done()
				s.move(s.ctx, &d, t, deploybot.StateSucceeded, "verified; monitoring no longer configured")
			}()
			return
		}
		rest := t.MonitorWindow - s.Now().Sub(d.UpdatedAt)
		lctx, stop := s.leased(d)
		s.monitors.Add(1)
		go func() {
			defer s.monitors.Done()
			defer stop()
			s.monitor(lctx, d, t, deploybot.MetricsSample{}, max(rest, time.Millisecond))
		}()
	}
}

// mayForce checks that user may settle project/env's interrupted
// deployment: its approvers and the admins (the break-glass list gives no
// right to it).
func (s *Service) mayForce(ctx context.Context, t Target, user string) error {
	if policy.Member(t.Approvers, user) || s.Admin(ctx, user) {
		return nil
	}
	return deploybot.Errorf2(deploybot.EFORBIDDEN,
		"seuls les approbateurs de %s/%s et les admins peuvent forcer le verrou ou dire l'issue d'un déploiement interrompu",
		"only the approvers of %s/%s and the admins may force its lock or record an interrupted deployment's outcome",
		t.Project, t.Env)
}

// holderGone reports whether nobody runs d any more: it is interrupted, or
// the process that held its lease is gone.
func (s *Service) holderGone(ctx context.Context, d deploybot.Deployment) (bool, error) {
	if d.State == deploybot.StateInterrupted || d.State.Terminal() {
		return true, nil
	}
	l, ok, err := s.Store.LeaseOf(ctx, d.ID)
	if err != nil {
		return false, err
	}
	return !ok || !s.Now().Before(l.ExpiresAt) || s.Gone(l.Holder), nil
}

// ForceUnlock frees project/env from the lock of a deployment nobody runs
// any more (interrupted, or whose process is gone): an approver or an
// admin checked the target and says why. A deployment still run by a live
// process is refused: freeing its lock would let a second one run at once.
func (s *Service) ForceUnlock(ctx context.Context, project, env, user, reason string) (bool, error) {
	s.init()
	if strings.TrimSpace(reason) == "" {
		return false, deploybot.Errorf2(deploybot.EINVALID, "dites pourquoi vous forcez le verrou (unlock %s %s --force \"raison\")",
			"say why you force the lock (unlock %s %s --force \"reason\")", project, env)
	}
	t, err := s.target(ctx, project, env)
	if err != nil {
		return false, err
	}
	if err := s.mayForce(ctx, t, user); err != nil {
		return false, err
	}
	l, ok, err := s.lockOf(ctx, t.Project, t.Env)
	if err != nil || !ok {
		return false, err
	}
	if l.DeploymentID != 0 {
		d, err := s.Store.Deployment(ctx, l.DeploymentID)
		if err != nil {
			return false, err
		}
		gone, err := s.holderGone(ctx, d)
		if err != nil {
			return false, err
		}
		if !gone {
			return false, deploybot.Errorf2(deploybot.ECONFLICT,
				"%s/%s est tenu par le déploiement #%d, qu'un processus vivant exécute : attendez sa fin",
				"%s/%s is held by deployment #%d, which a live process runs: wait for it to end", t.Project, t.Env, d.ID)
		}
		if d.State != deploybot.StateInterrupted && !d.State.Terminal() {
			d.Reasons = append(d.Reasons, "interrupted: its process is gone; lock forced by "+user+": "+reason)
			if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateInterrupted, user, "lock forced: "+reason); err != nil {
				return false, err
			}
		}
	}
	return s.Store.ReleaseLock(ctx, t.Project, t.Env, "", user, "forced: "+reason)
}

func (s *Service) lockOf(ctx context.Context, project, env string) (deploybot.Lock, bool, error) {
	locks, err := s.Store.Locks(ctx, project)
	if err != nil {
		return deploybot.Lock{}, false, err
	}
	for _, l := range locks {
		if l.Env == env {
			return l, true, nil
		}
	}
	return deploybot.Lock{}, false, nil
}

// RecordOutcome settles deployment id, interrupted (or whose process is
// gone), with the outcome an approver or an admin saw at the target, and
// frees its lock.
func (s *Service) RecordOutcome(ctx context.Context, id int64, user string, succeeded bool, reason string) (deploybot.Deployment, error) {
	s.init()
	d, err := s.Store.Deployment(ctx, id)
	if err != nil {
		return d, err
	}
	if strings.TrimSpace(reason) == "" {
		return d, deploybot.Errorf2(deploybot.EINVALID, "dites ce que vous avez constaté (outcome %d succeeded \"raison\")",
			"say what you saw at the target (outcome %d succeeded \"reason\")", id)
	}
	t, err := s.target(ctx, d.Project, d.Env)
	if err != nil {
		return d, err
	}
	if err := s.mayForce(ctx, t, user); err != nil {
		return d, err
	}
	gone, err := s.holderGone(ctx, d)
	if err != nil {
		return d, err
	}
	if d.State.Terminal() || !gone || d.State == deploybot.StateApproved || d.State == deploybot.StateRequested || d.State == deploybot.StateAwaitingApproval {
		return d, deploybot.Errorf2(deploybot.ECONFLICT,
			"le déploiement #%[1]d est %[2]s : son issue n'est pas à dire à la main", "deployment #%[1]d is %[3]s: its outcome is not yours to record",
			d.ID, d.State.Label(deploybot.French), d.State.Label(deploybot.English))
	}
	if d.State != deploybot.StateInterrupted {
		d.Reasons = append(d.Reasons, "interrupted: its process is gone")
		if err := s.Store.MoveDeployment(ctx, &d, deploybot.StateInterrupted, user, "its process is gone"); err != nil {
			return d, err
		}
	}
	to, word := deploybot.StateFailed, "failed"
	if succeeded {
		to, word = deploybot.StateSucceeded, "succeeded"
	} else {
		d.Failure = deploybot.FailureExecutor
	}
	d.Started = true
	d.Reasons = append(d.Reasons, fmt.Sprintf("outcome recorded by %s: %s (%s)", user, word, reason))
	if err := s.Store.MoveDeployment(ctx, &d, to, user, "outcome recorded: "+reason); err != nil {
		return d, err
	}
	if _, err := s.Store.ReleaseLock(ctx, d.Project, d.Env, holder(d), user, "outcome recorded: "+reason); err != nil {
		return d, err
	}
	return d, nil
}
