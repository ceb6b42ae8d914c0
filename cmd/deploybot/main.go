// Command deploybot is a chat-driven deployment orchestrator: it answers
// deployment questions, deploys and rolls back by chat, and reminds teams of
// deployment windows. See README.md for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"deploybot/deploy/shell"
)

func main() {
	// The wrapper of a detached shell run (see shell.RunWrapper): nothing
	// else of deploybot starts in that process.
	if len(os.Args) > 1 && os.Args[1] == shell.WrapperArg {
		os.Exit(shell.RunWrapper(os.Args[2:]))
	}
	stopProfiles, err := startProfiles(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "deploybot:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	code := m.Run(ctx, os.Args[1:])
	stop()
	if err := stopProfiles(); err != nil {
		fmt.Fprintln(os.Stderr, "deploybot:", err)
	}
	os.Exit(code)
}
