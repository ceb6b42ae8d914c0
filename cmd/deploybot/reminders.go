package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"deploybot"
	"deploybot/config"
	"deploybot/schedule"
	"deploybot/store"
)

// configReminders returns the reminders of the configuration: its custom
// reminders, and the built-in ones, following this rule.
//
//   - Built-in reminders go only to channels the configuration names:
//     slack.notify_channel (agency-wide, in the agency's time zone and
//     windows), each project's `channel` (for that project, in its time
//     zone and windows), and the channels of `reminders` entries of a
//     built-in kind. A configuration with none of them posts nothing:
//     there is nowhere to post, and deploybot does not guess a channel.
//   - A notify or project channel gets every built-in kind: each is on by
//     default.
//   - A channel named by `reminders` entries of a built-in kind gets only
//     what those entries turn on (see schedule.Expand: weekly_windows,
//     freezes, pending_approvals), at their cron and for their project; so
//     an entry both configures a channel and turns the other kinds off
//     there.
//   - A project whose channel is the notify channel and which keeps the
//     agency's windows and time zone is covered by the agency-wide
//     reminders, so they are not posted twice.
//
// Reminders are in the agency's language.
func configReminders(cfg *config.Config) []deploybot.Reminder {
	lang := cfg.Agency.Language
	var out []deploybot.Reminder
	configured := make(map[string]bool)
	for _, e := range cfg.Reminders {
		project := ""
		if p, ok := cfg.Project(e.Project); ok && e.Project != "" {
			project = p.Name
		}
		if e.Kind != config.ReminderCustom {
			configured[e.Channel] = true
		}
		out = append(out, schedule.Expand(deploybot.Reminder{Kind: string(e.Kind), Cron: e.Cron, Channel: e.Channel,
			Project: project, Message: e.Message, Lang: lang, CreatedBy: config.SetBy})...)
	}
	type target struct{ channel, project string }
	var targets []target
	notify := cfg.Slack.NotifyChannel
	if notify != "" {
		targets = append(targets, target{notify, ""})
	}
	for _, p := range cfg.ProjectConfigs {
		if p.Channel == "" || p.Channel == notify && p.Windows == nil && p.Timezone == "" {
			continue
		}
		targets = append(targets, target{p.Channel, p.Name})
	}
	for _, t := range targets {
		if !configured[t.channel] {
			out = append(out, schedule.Defaults(t.channel, t.project, lang)...)
		}
	}
	return out
}

// runReminders runs "reminders list".
func runReminders(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] != "list" {
		return &usageError{msg: "expected a subcommand: list"}
	}
	fs := m.flagSet("reminders list")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := fs.String("db", "", "the database of the reminders created by chat, not created if missing: a SQLite file or a postgres:// URL (default: store.url, else "+defaultDB+")")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "reminders list takes no arguments"}
	}
	clock, err := m.clock()
	if err != nil {
		return err
	}
	cfg, _, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	s := &schedule.Scheduler{Calendar: calendars(cfg), Reminders: configReminders(cfg), Lang: cfg.Agency.Language}
	// The database is read only when it exists: a PostgreSQL URL, or a
	// file (not created for a listing).
	loc := m.storeLocation(*dbPath, cfg)
	if _, err := os.Stat(loc); err == nil || store.IsURL(loc) {
		db, err := store.Open(ctx, loc)
		if err != nil {
			if errors.Is(err, store.ErrSchemaTooNew) {
				return deploybot.Errorf(deploybot.EINVALID, "%v", err)
			}
			return err
		}
		m.closers = append(m.closers, db.Close)
		s.Store = db
	}
	all, err := s.All(ctx)
	if err != nil {
		return err
	}
	return printReminders(m.Stdout, s, all, clock().In(cfg.Location()))
}

// printReminders writes each reminder with its next three times, in its
// own time zone.
func printReminders(w io.Writer, s *schedule.Scheduler, rs []deploybot.Reminder, now time.Time) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Now: %s (%s)\n", now.Format(timeLayout), now.Location())
	if len(rs) == 0 {
		b.WriteString("\nNo reminder: configure slack.notify_channel, a project's channel or reminders entries, or create one by chat.\n")
	}
	for _, r := range rs {
		scope := "agency-wide"
		if r.Project != "" {
			scope = "project " + r.Project
		}
		origin := "built-in"
		switch {
		case r.ID > 0:
			origin = fmt.Sprintf("reminder %d, by %s", r.ID, r.CreatedBy)
		case r.CreatedBy == config.SetBy:
			origin = "configuration"
		}
		fmt.Fprintf(&b, "\n%s  %s  %s  (%s)\n", r.Kind, r.Channel, scope, origin)
		if r.Message != "" {
			fmt.Fprintf(&b, "  message: %q\n", r.Message)
		}
		when, err := s.When(r)
		if err != nil {
			if errors.Is(err, schedule.ErrInactive) {
				fmt.Fprintf(&b, "  inactive: %s\n", strings.TrimPrefix(err.Error(), schedule.ErrInactive.Error()+": "))
			} else {
				fmt.Fprintf(&b, "  error: %v\n", err)
			}
			continue
		}
		fmt.Fprintf(&b, "  when: %s\n", when)
		next, err := s.Next(r, now, 3)
		if err != nil {
			return err
		}
		if len(next) == 0 {
			b.WriteString("  next: none in the coming years\n")
			continue
		}
		times := make([]string, len(next))
		for i, t := range next {
			times[i] = t.Format(timeLayout)
		}
		fmt.Fprintf(&b, "  next: %s\n", strings.Join(times, " · "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// timeLayout shows a local time with its day and zone abbreviation.
const timeLayout = "Mon 2006-01-02 15:04 MST"
