package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"deploybot"
	"deploybot/schedule"
	"deploybot/terminal"
)

// service is one long-running part of serve. Run returns when ctx is done
// (after stopping cleanly) or when it fails.
type service struct {
	name string
	run  func(ctx context.Context) error
}

// runServe runs the long-running services until SIGTERM or SIGINT: for now
// the reminders, posted on standard output by a terminal Poster. The Slack
// adapter adds its own service (and Poster) to the list.
func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("serve")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := fs.String("db", "./data/deploybot.db", "SQLite database file")
	grace := fs.Duration("grace", schedule.DefaultGrace, "how late a reminder missed while stopped may still be sent (0: never)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "serve takes no arguments"}
	}
	if *grace < 0 {
		return &usageError{msg: "--grace must not be negative"}
	}
	if _, err := m.clock(); err != nil {
		return err
	}
	if m.Getenv("DEPLOYBOT_NOW") != "" {
		fmt.Fprintln(m.Stderr, "deploybot: warning: DEPLOYBOT_NOW is ignored by serve: reminders run on the real clock")
	}
	cfg, src, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	db, err := m.openStore(ctx, *dbPath, cfg, src, deploybot.SystemClock)
	if err != nil {
		return err
	}
	logger := m.logger(cfg)
	if *grace == 0 {
		*grace = -1 // the Scheduler reads 0 as its default
	}
	var poster deploybot.Poster = terminal.NewPoster(m.Stdout)
	reminders := &schedule.Scheduler{
		Store:     db,
		Poster:    poster,
		Calendar:  reminderCalendars(cfg),
		Reminders: configReminders(cfg),
		Lang:      cfg.Agency.Language,
		Grace:     *grace,
		Logger:    logger.With("component", "reminders"),
		// Approvals and Locks are wired when the deployment store offers
		// them; until then those reminders do not run.
	}
	services := []service{{name: "reminders", run: reminders.Run}}
	names := make([]string, len(services))
	for i, s := range services {
		names[i] = s.name
	}
	fmt.Fprintf(m.Stderr, "deploybot: serving %s; stop with Ctrl-C or SIGTERM\n", strings.Join(names, ", "))
	err = runServices(ctx, services)
	fmt.Fprintln(m.Stderr, "deploybot: stopped")
	return err
}

// runServices runs every service until ctx is done or one of them stops:
// then it stops the others and returns once all have returned, with their
// errors.
func runServices(ctx context.Context, services []service) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(services))
	for _, s := range services {
		go func() {
			err := s.run(ctx)
			if err != nil {
				err = fmt.Errorf("%s: %w", s.name, err)
			}
			cancel()
			errs <- err
		}()
	}
	var all []error
	for range services {
		if err := <-errs; err != nil {
			all = append(all, err)
		}
	}
	return errors.Join(all...)
}
