package main

import (
	"context"
	"fmt"

	"deploybot"
	"deploybot/config"
)

// runConfig runs "config validate": it prints every problem of the
// configuration with its line number, and fails if there is any.
//
// With a Slack bot token configured, it also resolves every name, id and
// "@group" of the access lists and agency.admins through Slack: an unknown
// or ambiguous name is a problem (people are known by their Slack id).
func runConfig(ctx context.Context, m *Main, args []string) error {
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
	cfg, src, err := config.Load(*cfgPath)
	if err != nil {
		return err
	}
	if errs := validateSlackAccess(ctx, cfg); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintf(m.Stderr, "%s: access: %s\n", src, deploybot.ErrorMessage(e))
		}
		return deploybot.Errorf(deploybot.EINVALID, "%d access list entries cannot be resolved in Slack", len(errs))
	}
	_, err = fmt.Fprintf(m.Stdout, "%s: valid\n", src)
	return err
}
