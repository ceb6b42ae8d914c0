package main

import (
	"context"
	"fmt"

	"deploybot"
	"deploybot/terminal"
)

// runRunbook prints a project's rollback runbook, in Markdown.
func runRunbook(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("runbook")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := dbFlag(fs)
	env := fs.String("env", deploybot.EnvProduction, "the environment")
	lang := fs.String("lang", "", "fr or en (default: the agency's language)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{msg: "name one project"}
	}
	now, err := m.clock()
	if err != nil {
		return err
	}
	cfg, src, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	p, ok := cfg.Project(rest[0])
	if !ok {
		return deploybot.Errorf(deploybot.ENOTFOUND, "no project %q (known: %s)", rest[0], projectNames(cfg))
	}
	l := cfg.Agency.Language
	switch *lang {
	case "":
	case "fr", "en":
		l = deploybot.Lang(*lang)
	default:
		return &usageError{msg: fmt.Sprintf("--lang %q: expected fr or en", *lang)}
	}
	db, err := m.openStore(ctx, *dbPath, cfg, src, now)
	if err != nil {
		return err
	}
	logger := m.logger(cfg)
	bot, err := m.bot(ctx, cfg, db, now, terminal.NewPoster(m.Stderr), logger, botOptions{DataDir: dataDir(cfg, *dbPath)})
	if err != nil {
		return err
	}
	text, err := bot.Runbook(ctx, l, p.Name, *env)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(m.Stdout, text)
	return err
}
