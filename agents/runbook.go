package agents

import (
	"context"
	"fmt"

	"deploybot"
)

// runbook answers "runbook PROJECT [ENV]": the project's rollback runbook
// (issue 18).
func (o *Orchestrator) runbook(ctx context.Context, l deploybot.Lang, project, env string) (deploybot.Reply, error) {
	commandIs(ctx, "runbook")
	if env == "" {
		env = deploybot.EnvProduction
	}
	proc := o.rollbackProcedure(ctx, deploybot.Intent{Route: deploybot.RouteRollback, SubjectApp: project, SubjectEnv: env, Lang: l})
	if proc == "" {
		proc = fmt.Sprintf(l.Pick("Aucune procédure de rollback documentée pour %s.", "No rollback procedure documented for %s."), project)
	}
	return deploybot.Reply{Lang: l, Title: "Runbook " + project, Text: proc}, nil
}
