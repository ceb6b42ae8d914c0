package agents

import (
	"context"

	"deploybot"
)

// reminderCommand handles the reminder commands of the chat ("rappelle à
// #deploys chaque mardi à 9h30 de vérifier le staging", "list reminders",
// "supprime le rappel 3"). It reports false when text is not one.
func (o *Orchestrator) reminderCommand(ctx context.Context, msg deploybot.Message, l deploybot.Lang) (deploybot.Reply, bool, error) {
	return deploybot.Reply{}, false, nil
}
