package agents

import (
	"context"

	"deploybot"
)

// drill answers "drill PROJECT [ENV]" (default staging): a rollback drill,
// planned through the real rollback and deploy paths (issue 18).
func (o *Orchestrator) drill(ctx context.Context, msg deploybot.Message, l deploybot.Lang, project, env string) (deploybot.Reply, error) {
	commandIs(ctx, "drill")
	return deploybot.Reply{Lang: l, Text: l.Pick("Les exercices de rollback arrivent bientôt.", "Rollback drills are coming soon.")}, nil
}
