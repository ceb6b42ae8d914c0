package deploy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"deploybot"
	"deploybot/policy"
)

// DrillStore is what drills need of the database, besides Store.
type DrillStore interface {
	CreateDrill(ctx context.Context, dr deploybot.Drill, step deploybot.Deployment) (drillID, stepID int64, err error)
	Drill(ctx context.Context, id int64) (deploybot.Drill, error)
	Drills(ctx context.Context, project, env string, limit int, states ...deploybot.DrillState) ([]deploybot.Drill, error)
	UpdateDrill(ctx context.Context, dr deploybot.Drill, from deploybot.DrillState) error
	AdvanceDrill(ctx context.Context, dr deploybot.Drill, from deploybot.DrillState, done *deploybot.Deployment,
		to deploybot.DeployState, note string, next deploybot.Deployment, holder deploybot.Holder, ttl time.Duration) (int64, error)
}

func (s *Service) drills() (DrillStore, error) {
	ds, ok := s.Store.(DrillStore)
	if !ok {
		return nil, deploybot.Errorf2(deploybot.EINVALID, "les exercices de rollback ne sont pas disponibles ici", "rollback drills are not available here")
	}
	return ds, nil
}

// DrillRequest asks for a rollback drill of an environment.
type DrillRequest struct {
	Project, Env string // Env: default staging
	Requester    string
	Platform     deploybot.Platform
	Channel      string
	Thread       string
	Lang         deploybot.Lang
	RequestKey   string
}

// PlanDrill plans a rollback drill: the environment goes back to its
// rollback target through the real rollback path (same rules, lock,
// executor, verification), then forward to the version that runs now. It
// records the drill and its first step, a rollback deployment waiting for
// its requester's confirmation like any plan; the plan's approval covers
// both steps.
//
// A staging (or other non-production) drill needs the rights to roll back
// and to deploy there. A production drill is requested by an admin and
// planned as a production deploy: windows, freezes and the environment's
// approval apply. An environment with no earlier good version, or with a
// drill in progress, is refused with the reason.
func (s *Service) PlanDrill(ctx context.Context, req DrillRequest) (Plan, deploybot.Drill, error) {
	s.init()
	ds, err := s.drills()
	if err != nil {
		return Plan{}, deploybot.Drill{}, err
	}
	if req.Env == "" {
		req.Env = deploybot.EnvStaging
	}
	t, err := s.target(ctx, req.Project, req.Env)
	if err != nil {
		return Plan{}, deploybot.Drill{}, err
	}
	if req.RequestKey != "" {
		if d, ok, err := s.Store.DeploymentByRequest(ctx, req.RequestKey); err != nil {
			return Plan{}, deploybot.Drill{}, err
		} else if ok && d.DrillID != 0 {
			dr, err := ds.Drill(ctx, d.DrillID)
			if err != nil {
				return Plan{}, dr, err
			}
			p, err := s.replay(ctx, d, t)
			return p, dr, err
		}
	}
	if t.Executor == nil {
		return Plan{}, deploybot.Drill{}, deploybot.Errorf2(deploybot.EINVALID, "%s/%s n'a pas d'exécuteur configuré : pas d'exercice possible",
			"%s/%s has no executor configured: no drill is possible", t.Project, t.Env)
	}
	if t.Production {
		if !s.Admin(ctx, req.Requester) {
			return Plan{}, deploybot.Drill{}, deploybot.Errorf2(deploybot.EFORBIDDEN,
				"un exercice de rollback en production se demande par un admin (%s)",
				"a production rollback drill is requested by an admin (%s)", strings.Join(s.Admins, ", "))
		}
	} else {
		rollbackers := t.Rollbackers
		if len(rollbackers) == 0 {
			rollbackers = t.Deployers
		}
		if len(t.Deployers) > 0 && !policy.Member(t.Deployers, req.Requester) || len(rollbackers) > 0 && !policy.Member(rollbackers, req.Requester) {
			return Plan{}, deploybot.Drill{}, deploybot.Errorf2(deploybot.EFORBIDDEN,
				"un exercice sur %s/%s demande le droit d'y revenir en arrière et d'y déployer",
				"a drill of %s/%s needs the rights to roll back and to deploy there", t.Project, t.Env)
		}
	}
	if running, err := ds.Drills(ctx, t.Project, t.Env, 1, deploybot.DrillRequested, deploybot.DrillBack, deploybot.DrillForward, deploybot.DrillReturning); err != nil {
		return Plan{}, deploybot.Drill{}, err
	} else if len(running) > 0 {
		return Plan{}, deploybot.Drill{}, deploybot.Errorf2(deploybot.ECONFLICT, "l'exercice #%d de %s/%s est déjà en cours (%s)",
			"drill #%d of %s/%s is already in progress (%s)", running[0].ID, t.Project, t.Env, running[0].State)
	}
	runs, err := s.Store.HistoryRuns(ctx, t.Project, t.Env)
	if err != nil {
		return Plan{}, deploybot.Drill{}, err
	}
	h := NewHistory(runs)
	target := h.RollbackTarget(h.Current)
	if h.Current == "" || target == "" {
		return Plan{}, deploybot.Drill{}, deploybot.Errorf2(deploybot.ECONFLICT,
			"rien vers quoi revenir sur %s/%s : aucune version saine antérieure à la version actuelle (%s) ; un exercice a besoin d'une cible de rollback",
			"nothing to go back to on %s/%s: no good version before the current one (%s); a drill needs a rollback target",
			t.Project, t.Env, orNone(h.Current))
	}
	now := s.Now()
	step := deploybot.Deployment{Project: t.Project, Env: t.Env, Version: target, PreviousVersion: h.Current, Replaces: h.Current,
		Strategy: t.Strategy, Action: deploybot.ActionRollback, Requester: req.Requester, Reason: "rollback drill",
		State: deploybot.StateRequested, Platform: req.Platform, Channel: req.Channel, Thread: req.Thread, Lang: req.Lang,
		RequestKey: req.RequestKey}
	step.DrillID = -1 // judged as a drill step (see facts) before it has its id
	facts, err := s.facts(ctx, step, t, now)
	if err != nil {
		return Plan{}, deploybot.Drill{}, err
	}
	step.DrillID = 0
	v := policy.Evaluate(facts)
	dr := deploybot.Drill{Project: t.Project, Env: t.Env, Requester: req.Requester, State: deploybot.DrillRequested,
		TargetVersion: target, ReturnVersion: h.Current}
	if v.Denied() {
		step.State, dr.State = deploybot.StateRejected, deploybot.DrillRejected
		step.Reasons = v.Reasons(s.langOf(step), policy.Deny)
		dr.Note = strings.Join(step.Reasons, "; ")
	}
	dr.ID, step.ID, err = ds.CreateDrill(ctx, dr, step)
	if err != nil {
		return Plan{}, dr, err
	}
	step.DrillID, dr.StepID, dr.BackID = dr.ID, step.ID, step.ID
	step.CreatedAt, step.UpdatedAt = now, now
	notes := [][2]string{{
		fmt.Sprintf("exercice de rollback #%d : retour à %s (cible de rollback), vérification, puis retour à %s ; le verrou est tenu du début à la fin", dr.ID, target, h.Current),
		fmt.Sprintf("rollback drill #%d: back to %s (the rollback target), verified, then forward to %s; the lock is held from start to end", dr.ID, target, h.Current),
	}}
	return Plan{Deployment: step, Verdict: v, Target: t, ExpiresAt: now.Add(s.confirmTimeout(t)), Notes: notes}, dr, nil
}

func orNone(v string) string {
	if v == "" {
		return "none"
	}
	return v
}

// drillStepDone carries a drill on once its step d verified: the rollback
// step is followed by the forward step (in one transaction), the forward
// step ends the drill, a return step ends it failed but healthy. It
// reports whether d was a drill step (then the caller does nothing more).
func (s *Service) drillStepDone(ctx context.Context, d deploybot.Deployment, t Target) bool {
	if d.DrillID == 0 {
		return false
	}
	ds, err := s.drills()
	if err != nil {
		return false
	}
	dr, err := ds.Drill(ctx, d.DrillID)
	if err != nil {
		s.Logger.Error("drill step verified", "deployment", d.ID, "err", err)
		return true
	}
	took := s.Now().Sub(d.StartedAt)
	if d.StartedAt.IsZero() {
		took = 0
	}
	switch {
	case dr.State == deploybot.DrillBack && d.ID == dr.StepID:
		from := dr.State
		dr.Back, dr.State = took, deploybot.DrillForward
		dr.Health = append(dr.Health, fmt.Sprintf("back to %s: verified in %s", d.Version, took.Round(time.Millisecond)))
		next := deploybot.Deployment{Project: d.Project, Env: d.Env, Version: dr.ReturnVersion, PreviousVersion: dr.TargetVersion,
			Replaces: dr.TargetVersion, Strategy: t.Strategy, Action: deploybot.ActionDeploy, Requester: dr.Requester,
			Approver: d.Approver, Reason: "rollback drill: forward", Platform: d.Platform, Channel: d.Channel, Thread: d.Thread, Lang: d.Lang}
		id, err := ds.AdvanceDrill(context.WithoutCancel(ctx), dr, from, &d, deploybot.StateSucceeded, "drill: back, verified", next, s.Self, s.LeaseTTL)
		if err != nil {
			s.Logger.Error("drill: start the forward step", "drill", dr.ID, "err", err)
			return true
		}
		s.notify(ctx, d, t)
		next.ID, next.DrillID, next.State = id, dr.ID, deploybot.StateApproved
		if _, err := s.start(context.WithoutCancel(ctx), next, t, "deploybot"); err != nil {
			s.Logger.Error("drill: start the forward step", "drill", dr.ID, "err", err)
		}
	case dr.State == deploybot.DrillForward && d.ID == dr.StepID:
		from := dr.State
		dr.Forward, dr.State = took, deploybot.DrillSucceeded
		dr.Health = append(dr.Health, fmt.Sprintf("forward to %s: verified in %s", d.Version, took.Round(time.Millisecond)))
		dr.Note = "back and forward verified; " + d.Version + " runs"
		s.endDrillStep(ctx, &d, t, deploybot.StateSucceeded, "drill: forward, verified", dr, from)
	case dr.State == deploybot.DrillReturning && d.ID == dr.StepID:
		from := dr.State
		dr.State = deploybot.DrillFailed
		dr.Health = append(dr.Health, fmt.Sprintf("returned to %s: verified", d.Version))
		dr.Note += "; the environment is back on " + d.Version + ", healthy"
		s.endDrillStep(ctx, &d, t, deploybot.StateSucceeded, "drill: returned, verified", dr, from)
	default:
		s.Logger.Warn("drill step verified out of turn", "drill", dr.ID, "deployment", d.ID, "state", dr.State)
		s.move(ctx, &d, t, deploybot.StateSucceeded, "verified")
	}
	return true
}

// endDrillStep ends step d and the drill, and frees the environment.
func (s *Service) endDrillStep(ctx context.Context, d *deploybot.Deployment, t Target, to deploybot.DeployState, note string, dr deploybot.Drill, from deploybot.DrillState) {
	ds, _ := s.drills()
	s.move(ctx, d, t, to, note)
	if err := ds.UpdateDrill(context.WithoutCancel(ctx), dr, from); err != nil {
		s.Logger.Error("end drill", "drill", dr.ID, "err", err)
	}
	s.release(ctx, *d, "drill #"+fmt.Sprint(dr.ID)+" "+string(dr.State))
	s.drillSummary(ctx, *d, dr)
}

// drillSummary posts how a drill ended in its conversation.
func (s *Service) drillSummary(ctx context.Context, d deploybot.Deployment, dr deploybot.Drill) {
	if s.Poster == nil {
		return
	}
	l := s.langOf(d)
	r := deploybot.Reply{Lang: l}
	switch dr.State {
	case deploybot.DrillSucceeded:
		r.Title = fmt.Sprintf(l.Pick("🧯 Exercice de rollback #%d de %s/%s réussi", "🧯 Rollback drill #%d of %s/%s succeeded"), dr.ID, dr.Project, dr.Env)
		r.Text = fmt.Sprintf(l.Pick("Retour à %s en %s, puis à %s en %s (exécution et vérification). %s tourne.",
			"Back to %s in %s, then forward to %s in %s (run and verification). %s runs."),
			dr.TargetVersion, dr.Back.Round(time.Second), dr.ReturnVersion, dr.Forward.Round(time.Second), dr.ReturnVersion)
	default:
		r.Title = fmt.Sprintf(l.Pick("🧯 Exercice de rollback #%d de %s/%s : %s", "🧯 Rollback drill #%d of %s/%s: %s"), dr.ID, dr.Project, dr.Env, dr.State)
		r.Text = dr.Note
	}
	channel, thread := d.Channel, d.Thread
	if _, err := s.Poster.Post(context.WithoutCancel(ctx), channel, thread, r); err != nil {
		s.Logger.Warn("post drill summary", "drill", dr.ID, "err", err)
	}
}

// drillStepFailed handles the failure of drill step d (not moved yet):
// the rollback step's failure sends the environment forward again to the
// version that ran before, the forward step's back to the drill's target,
// so that the environment is left on a healthy version; a return that
// fails ends the drill failed. It reports whether d was a drill step.
func (s *Service) drillStepFailed(ctx context.Context, d *deploybot.Deployment, t Target, failure deploybot.Failure, reason string) bool {
	if d.DrillID == 0 {
		return false
	}
	ds, err := s.drills()
	if err != nil {
		return false
	}
	dr, err := ds.Drill(ctx, d.DrillID)
	if err != nil {
		s.Logger.Error("drill step failed", "deployment", d.ID, "err", err)
		return false
	}
	d.Reasons = append(d.Reasons, reason)
	d.Failure = failure
	from := dr.State
	dr.Health = append(dr.Health, fmt.Sprintf("%s %s: %s", d.Action, d.Version, reason))
	var back string
	switch dr.State {
	case deploybot.DrillBack:
		back = dr.ReturnVersion
		dr.Note = "the rollback step failed (" + reason + ")"
	case deploybot.DrillForward:
		back = dr.TargetVersion
		dr.Note = "the forward step failed (" + reason + ")"
	default:
		dr.State = deploybot.DrillFailed
		dr.Note += "; returning to a healthy version failed too (" + reason + "): check the target"
		s.endDrillStep(ctx, d, t, deploybot.StateFailed, reason, dr, from)
		return true
	}
	if !d.Started {
		// The step never ran: nothing changed, the environment is where
		// it was.
		dr.State = deploybot.DrillFailed
		dr.Note += "; nothing changed, " + orNone(d.Replaces) + " still runs"
		s.endDrillStep(ctx, d, t, deploybot.StateFailed, reason, dr, from)
		return true
	}
	dr.State = deploybot.DrillReturning
	action := deploybot.ActionDeploy
	if back == dr.TargetVersion {
		action = deploybot.ActionRollback
	}
	next := deploybot.Deployment{Project: d.Project, Env: d.Env, Version: back, PreviousVersion: d.Version, Replaces: d.Version,
		Strategy: t.Strategy, Action: action, Requester: dr.Requester, Approver: d.Approver, Reason: "rollback drill: return to a healthy version",
		Platform: d.Platform, Channel: d.Channel, Thread: d.Thread, Lang: d.Lang}
	id, err := ds.AdvanceDrill(context.WithoutCancel(ctx), dr, from, d, deploybot.StateFailed, reason, next, s.Self, s.LeaseTTL)
	if err != nil {
		s.Logger.Error("drill: return to a healthy version", "drill", dr.ID, "err", err)
		return true
	}
	s.notify(ctx, *d, t)
	next.ID, next.DrillID, next.State = id, dr.ID, deploybot.StateApproved
	if _, err := s.start(context.WithoutCancel(ctx), next, t, "deploybot"); err != nil {
		s.Logger.Error("drill: return to a healthy version", "drill", dr.ID, "err", err)
	}
	return true
}

// drillInterrupted ends the drill of step d, interrupted: the version that
// runs is not known. Its lock stays with the step until someone settles
// it.
func (s *Service) drillInterrupted(ctx context.Context, d deploybot.Deployment) {
	if d.DrillID == 0 {
		return
	}
	ds, err := s.drills()
	if err != nil {
		return
	}
	dr, err := ds.Drill(ctx, d.DrillID)
	if err != nil || dr.State.Ended() {
		return
	}
	from := dr.State
	dr.State = deploybot.DrillInterrupted
	dr.Note = fmt.Sprintf("step #%d (%s %s) was interrupted: the running version is unknown (%s or %s); check the target", d.ID, d.Action, d.Version, d.Version, orNone(d.Replaces))
	if err := ds.UpdateDrill(context.WithoutCancel(ctx), dr, from); err != nil {
		s.Logger.Error("drill interrupted", "drill", dr.ID, "err", err)
		return
	}
	s.drillSummary(ctx, d, dr)
}

// drillStopped ends the drill of step d, which never ran: cancelled or
// rejected (its plan expired, was cancelled, denied or refused).
func (s *Service) drillStopped(ctx context.Context, d deploybot.Deployment, state deploybot.DrillState, why string) {
	if d.DrillID == 0 {
		return
	}
	ds, err := s.drills()
	if err != nil {
		return
	}
	dr, err := ds.Drill(ctx, d.DrillID)
	if err != nil || dr.State.Ended() {
		return
	}
	from := dr.State
	dr.State, dr.Note = state, why
	if err := ds.UpdateDrill(context.WithoutCancel(ctx), dr, from); err != nil {
		s.Logger.Error("drill stopped", "drill", dr.ID, "err", err)
	}
	s.release(ctx, d, "drill "+string(state))
}

// drillStarted records that the drill of step d, its first step, runs.
func (s *Service) drillStarted(ctx context.Context, d deploybot.Deployment) {
	if d.DrillID == 0 {
		return
	}
	ds, err := s.drills()
	if err != nil {
		return
	}
	dr, err := ds.Drill(ctx, d.DrillID)
	if err != nil || dr.State != deploybot.DrillRequested {
		return
	}
	dr.State = deploybot.DrillBack
	if err := ds.UpdateDrill(context.WithoutCancel(ctx), dr, deploybot.DrillRequested); err != nil {
		s.Logger.Error("drill started", "drill", dr.ID, "err", err)
	}
}

// LastDrill returns the latest drill of project/env that succeeded.
func (s *Service) LastDrill(ctx context.Context, project, env string) (deploybot.Drill, bool, error) {
	ds, err := s.drills()
	if err != nil {
		return deploybot.Drill{}, false, nil
	}
	d, err := ds.Drills(ctx, project, env, 1, deploybot.DrillSucceeded)
	if err != nil || len(d) == 0 {
		return deploybot.Drill{}, false, err
	}
	return d[0], true, nil
}

// Drills returns the latest drills of project ("" for all), newest first.
func (s *Service) Drills(ctx context.Context, project, env string, n int) ([]deploybot.Drill, error) {
	ds, err := s.drills()
	if err != nil {
		return nil, err
	}
	return ds.Drills(ctx, project, env, n)
}

// drillDue says whether a production plan of t must warn about (or, with
// require_drill, refuse for) a rollback never drilled or not within
// drill_every. It refuses only where a drill was possible: production has
// a rollback target and an admin exists to request one. It reads the
// environment's history only then.
func (s *Service) drillDue(ctx context.Context, t Target, history func() (History, error), now time.Time) ([2]string, bool, error) {
	if !t.Production {
		return [2]string{}, false, nil
	}
	every := t.DrillEvery
	if every <= 0 {
		every = 30 * 24 * time.Hour
	}
	last, ok, err := s.LastDrill(ctx, t.Project, t.Env)
	if err != nil {
		s.Logger.Warn("last drill", "err", err)
	}
	if ok && now.Sub(last.EndedAt) <= every {
		return [2]string{}, false, nil
	}
	days := int(every.Hours() / 24)
	var why [2]string
	if !ok {
		why = [2]string{"le rollback de " + t.Project + "/" + t.Env + " n'a jamais été exercé", "the rollback of " + t.Project + "/" + t.Env + " was never drilled"}
	} else {
		ago := int(now.Sub(last.EndedAt).Hours() / 24)
		why = [2]string{fmt.Sprintf("dernier exercice de rollback il y a %d jours (plus de %d)", ago, days),
			fmt.Sprintf("last rollback drill %d days ago (more than %d)", ago, days)}
	}
	if s.drillRequirable(t) {
		h, err := history()
		if err != nil {
			return [2]string{}, false, err
		}
		if h.RollbackTarget(h.Current) != "" {
			why[0] += fmt.Sprintf(" : un exercice est exigé tous les %d jours (« drill %s production »)", days, t.Project)
			why[1] += fmt.Sprintf(": a drill is required every %d days (\"drill %s production\")", days, t.Project)
			return why, true, nil
		}
	}
	why[0] += fmt.Sprintf(" : « drill %s production » pour l'exercer", t.Project)
	why[1] += fmt.Sprintf(": \"drill %s production\" to drill it", t.Project)
	return why, false, nil
}

// drillRequirable reports whether a drill due on t can refuse a plan
// (require_drill, with an admin to request the drill); else it only warns.
func (s *Service) drillRequirable(t Target) bool {
	return t.RequireDrill && len(s.Admins) > 0
}

// staleDrill says why the first step d of a drill cannot go on when the
// environment changed since the drill was planned: another version runs
// now, or the drill's target is no longer its rollback target (a deploy,
// a rollback or a failure since). Going on would take the environment back
// and then "forward" to a version older than the one it runs, or bad
// there. Later steps and other deployments are never stale.
func (s *Service) staleDrill(ctx context.Context, d deploybot.Deployment) ([2]string, error) {
	if d.DrillID == 0 || d.Action != deploybot.ActionRollback || s.laterDrillStep(ctx, d) {
		return [2]string{}, nil
	}
	runs, err := s.Store.HistoryRuns(ctx, d.Project, d.Env)
	if err != nil {
		return [2]string{}, err
	}
	h := NewHistory(runs)
	if h.Current == d.Replaces && h.RollbackTarget(h.Current) == d.Version {
		return [2]string{}, nil
	}
	return [2]string{
		fmt.Sprintf("%s/%s a changé depuis le plan de l'exercice (%s tourne, cible de rollback %s ; prévu : %s puis retour à %s) : redemandez l'exercice",
			d.Project, d.Env, orNone(h.Current), orNone(h.RollbackTarget(h.Current)), d.Version, d.Replaces),
		fmt.Sprintf("%s/%s changed since the drill was planned (%s runs, rollback target %s; planned: %s, then forward to %s): ask for the drill again",
			d.Project, d.Env, orNone(h.Current), orNone(h.RollbackTarget(h.Current)), d.Version, d.Replaces),
	}, nil
}

// laterDrillStep reports whether d is a drill step after the first.
func (s *Service) laterDrillStep(ctx context.Context, d deploybot.Deployment) bool {
	if d.DrillID == 0 {
		return false
	}
	ds, err := s.drills()
	if err != nil {
		return false
	}
	dr, err := ds.Drill(ctx, d.DrillID)
	return err == nil && dr.BackID != d.ID
}
