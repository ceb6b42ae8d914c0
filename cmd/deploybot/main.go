// Command deploybot is a chat-driven deployment orchestrator: it answers
// deployment questions, deploys and rolls back by chat, and reminds teams of
// deployment windows. See README.md for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
