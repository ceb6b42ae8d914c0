package agents

import (
	"context"
	"fmt"

	"deploybot"
	"deploybot/deploy"
)

// drill answers "drill PROJECT [ENV]" (default staging): the plan of a
// rollback drill, which its requester confirms like any plan; the drill
// then rolls the environment back to its rollback target and forward
// again, and says how long each took.
func (o *Orchestrator) drill(ctx context.Context, msg deploybot.Message, l deploybot.Lang, project, env string) (deploybot.Reply, error) {
	commandIs(ctx, "drill")
	if o.Deploys == nil {
		return deploybot.Reply{Lang: l, Text: l.Pick("Les déploiements ne sont pas configurés ici.", "Deployments are not configured here.")}, nil
	}
	p, ok := o.project(project)
	if !ok {
		return o.unknownProject(l, project), nil
	}
	if env != "" {
		e, ok := envOf(p, env)
		if !ok {
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("❌ %s n'a pas d'environnement « %s ».", "❌ %s has no environment %q."), p.Name, env)}, nil
		}
		env = e
	}
	plan, dr, err := o.Deploys.PlanDrill(ctx, deploy.DrillRequest{Project: p.Name, Env: env, Requester: msg.User,
		Platform: msg.Platform, Channel: msg.Channel, Thread: msg.Thread, Lang: l, RequestKey: requestKey(msg)})
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	r := o.renderPlan(l, plan, plan.Deployment.State == deploybot.StateRequested)
	r.Title = fmt.Sprintf(l.Pick("Exercice de rollback #%d : %s/%s, %s → %s → %s", "Rollback drill #%d: %s/%s, %s → %s → %s"),
		dr.ID, dr.Project, dr.Env, dr.ReturnVersion, dr.TargetVersion, dr.ReturnVersion)
	if last, err := o.lastDrill(ctx, l, dr.Project, dr.Env); err == nil {
		r.Fields = append(r.Fields, deploybot.Field{Label: l.Pick("dernier exercice", "last drill"), Value: last})
	}
	return r, nil
}
