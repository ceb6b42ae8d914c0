package agents

import (
	"context"
	"fmt"
	"strings"
	"time"

	"deploybot"
	"deploybot/policy"
	"deploybot/prompts"
)

// runbook answers "runbook PROJECT [ENV]": the project's rollback runbook.
func (o *Orchestrator) runbook(ctx context.Context, l deploybot.Lang, project, env string) (deploybot.Reply, error) {
	commandIs(ctx, "runbook")
	p, ok := o.project(project)
	if !ok {
		return o.unknownProject(l, project), nil
	}
	text, err := o.Runbook(ctx, l, p.Name, env)
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	return deploybot.Reply{Lang: l, Text: text}, nil
}

// Runbook builds the rollback runbook of project's env (default
// production) in Markdown, in l, from the context layers and the
// environment's history: when to roll back, how, to which version now and
// why, who may, who to tell, the last drill, and the commands to type.
func (o *Orchestrator) Runbook(ctx context.Context, l deploybot.Lang, project, env string) (string, error) {
	if o.Deploys == nil || o.Deploys.Targets == nil {
		return "", deploybot.Errorf2(deploybot.EINVALID, "pas de déploiements configurés ici", "deployments are not configured here")
	}
	if env == "" {
		env = deploybot.EnvProduction
	}
	t, err := o.Deploys.Targets(ctx, project, env)
	if err != nil {
		return "", err
	}
	loc := o.location()
	why := func(key string) string {
		if s, ok := t.Settings[key]; ok {
			return s.Provenance(l, loc)
		}
		return l.Pick("configuration", "configuration")
	}
	d := prompts.RunbookData{Lang: l, Project: t.Project, Env: t.Env, Now: o.now().In(loc).Format("2006-01-02 15:04 MST"),
		Monitored: t.MonitorWindow > 0, Window: shortDuration(t.MonitorWindow),
		MaxErrorRate: fmt.Sprintf("%.2f%%", 100*t.Thresholds.MaxErrorRate), MaxLatency: t.Thresholds.MaxP95.String(),
		ThresholdsFrom: why(deploybot.KeyMaxErrorRate), AutoRollback: t.AutoRollback, AutoRollbackFrom: why(deploybot.KeyAutoRollback),
		Executor: orDefault(t.ExecutorDesc, l.Pick("aucun exécuteur configuré : rien ne peut être lancé", "no executor configured: nothing can run")),
		Strategy: string(t.Strategy), StrategyFrom: why(deploybot.KeyStrategy), StrategyNote: rollbackNote(l, t.Strategy),
		Procedure: strings.TrimSpace(t.RollbackProcedure), Migrations: o.migrationsNote(ctx, l, t.Project, t.Strategy),
		Channel: orDefault(t.Channel, l.Pick("le fil du déploiement", "the deployment's thread")), DrillEnv: deploybot.EnvStaging}
	if p, ok := o.project(t.Project); ok {
		if _, has := envOf(p, deploybot.EnvStaging); !has {
			d.DrillEnv = t.Env
		}
	}
	rollbackers := t.Rollbackers
	if len(rollbackers) == 0 {
		rollbackers = t.Deployers
	}
	d.Rollbackers = policy.Who(l, rollbackers, ", ")
	if d.Rollbackers == "" {
		d.Rollbackers = l.Pick("tout le monde (aucune liste d'accès)", "anyone (no access list)")
	}
	d.RollbackApproval = l.Pick("aucune : le rollback est la voie d'urgence", "none: rollback is the emergency path") + " (" + why(deploybot.KeyRollbackApproval) + ")"
	if t.RollbackApproval {
		d.RollbackApproval = fmt.Sprintf(l.Pick("%s, par %s", "%s, by %s"), t.Approval, orDefault(policy.Who(l, t.Approvers, ", "), l.Pick("une autre personne", "another person"))) +
			" (" + why(deploybot.KeyRollbackApproval) + ")"
	}
	cur, h, ok, err := o.Deploys.Current(ctx, t.Project, t.Env)
	if err != nil {
		return "", err
	}
	if ok {
		d.Current = cur.Version
		if target := h.RollbackTarget(cur.Version); target != "" {
			d.Target = target
			d.TargetAt = h.LastGoodAt(target).In(loc).Format("2006-01-02 15:04")
		}
	}
	d.Bad = strings.Join(h.BadVersions(), ", ")
	d.LastDrill, err = o.lastDrill(ctx, l, t.Project, t.Env)
	if err != nil {
		return "", err
	}
	return prompts.Runbook(d)
}

// lastDrill says when the environment's rollback was last drilled:
// "12 days ago (2026-11-21), 1m40s back, 1m52s forward".
func (o *Orchestrator) lastDrill(ctx context.Context, l deploybot.Lang, project, env string) (string, error) {
	last, ok, err := o.Deploys.LastDrill(ctx, project, env)
	if err != nil {
		return "", err
	}
	if !ok {
		return fmt.Sprintf(l.Pick("jamais : « drill %s %s » pour l'exercer", "never: \"drill %s %s\" to drill it"), project, env), nil
	}
	days := int(o.now().Sub(last.EndedAt).Hours() / 24)
	ago := fmt.Sprintf(l.Pick("il y a %d jours", "%d days ago"), days)
	if days == 0 {
		ago = l.Pick("aujourd'hui", "today")
	}
	return fmt.Sprintf(l.Pick("%s (%s), %s en arrière, %s en avant", "%s (%s), %s back, %s forward"), ago,
		last.EndedAt.In(o.location()).Format("2006-01-02"), last.Back.Round(time.Second), last.Forward.Round(time.Second)), nil
}

// rollbackNote says what a rollback does under strategy.
func rollbackNote(l deploybot.Lang, s deploybot.Strategy) string {
	switch s {
	case deploybot.StrategyBlueGreen:
		return l.Pick("le rollback rebascule le trafic sur l'environnement précédent : instantané.", "the rollback switches traffic back to the previous environment: instant.")
	case deploybot.StrategyCanary:
		return l.Pick("le rollback ramène le poids du canary à 0 : rapide.", "the rollback sets the canary's weight back to 0: fast.")
	case deploybot.StrategyRecreate:
		return l.Pick("le rollback arrête la version actuelle et redémarre la précédente : coupure de service.", "the rollback stops the current version and starts the previous one: downtime.")
	}
	return l.Pick("le rollback redéploie la version précédente instance par instance (rollout undo).", "the rollback redeploys the previous version instance by instance (rollout undo).")
}

// migrationsNote says what a rollback means for database migrations,
// from the project's settings.
func (o *Orchestrator) migrationsNote(ctx context.Context, l deploybot.Lang, project string, s deploybot.Strategy) string {
	zero := false
	constraints := ""
	if o.Settings != nil {
		if v, err := o.Settings.Resolve(ctx, project, "", deploybot.KeyZeroDowntime); err == nil {
			zero = v.Value == "yes"
		}
		if v, err := o.Settings.Resolve(ctx, project, "", deploybot.KeyConstraints); err == nil {
			constraints = v.Value
		}
	}
	note := l.Pick("un rollback redéploie le code, pas le schéma : une migration déjà appliquée reste ; elle doit rester compatible avec la version cible, ou son script de retour doit être prêt.",
		"a rollback redeploys the code, not the schema: a migration already applied stays; it must stay compatible with the target version, or its down script must be ready.")
	if zero || s == deploybot.StrategyBlueGreen || s == deploybot.StrategyCanary {
		note += l.Pick(" Les deux versions tournent ensemble (zéro interruption ou blue-green/canary) : migrations en expand/contract uniquement.",
			" Both versions run side by side (zero downtime, or blue-green/canary): expand/contract migrations only.")
	}
	if constraints != "" {
		note += l.Pick(" Contraintes du projet : ", " The project's constraints: ") + constraints + "."
	}
	return note
}

// shortDuration writes d as people do: 30m, 1h30m, 45s.
func shortDuration(d time.Duration) string {
	s := d.String()
	s = strings.Replace(s, "m0s", "m", 1)
	return strings.Replace(s, "h0m", "h", 1)
}
