package main

import (
	"context"
	"fmt"

	"deploybot/config"
)

// runConfig runs "config validate": it prints every problem of the
// configuration with its line number, and fails if there is any.
func runConfig(_ context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] != "validate" {
		return &usageError{msg: "the only config subcommand is validate"}
	}
	fs := m.flagSet("config validate")
	cfgPath := fs.String("config", "", "configuration file")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "config validate takes no arguments"}
	}
	_, src, err := config.Load(*cfgPath)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(m.Stdout, "%s: valid\n", src)
	return err
}
