package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"deploybot"
	"deploybot/config"
)

// runAudit prints the audit trail: messages with what was understood (or
// the command they were) and the reply, setting changes with old and new
// values, deployment transitions, locks and freezes, oldest first.
func runAudit(ctx context.Context, m *Main, args []string) error {
	if len(args) > 0 && args[0] == "purge" {
		return runAuditPurge(ctx, m, args[1:]) // privacy.go
	}
	fs := m.flagSet("audit")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := dbFlag(fs)
	since := fs.String("since", "", "a duration (7d, 12h) or a date (YYYY-MM-DD, agency time zone)")
	project := fs.String("project", "", "one project")
	user := fs.String("user", "", "one person (name or Slack id)")
	format := fs.String("format", "table", "table, jsonl or csv")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "audit takes no arguments"}
	}
	switch *format {
	case "table", "jsonl", "csv":
	default:
		return &usageError{msg: fmt.Sprintf("--format %q: expected table, jsonl or csv", *format)}
	}
	now, err := m.clock()
	if err != nil {
		return err
	}
	cfg, src, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	from, err := sinceTime(*since, now(), cfg.Location())
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	if *project != "" {
		p, ok := cfg.Project(*project)
		if !ok {
			return deploybot.Errorf(deploybot.ENOTFOUND, "no project %q (known: %s)", *project, projectNames(cfg))
		}
		*project = p.Name
	}
	db, err := m.openStore(ctx, *dbPath, cfg, src, now)
	if err != nil {
		return err
	}
	events, err := db.AuditEvents(ctx, deploybot.AuditFilter{Since: from, Project: *project, User: *user})
	if err != nil {
		return err
	}
	return writeAudit(m, *format, events, cfg)
}

// sinceTime reads --since: a duration back from now, or a date at midnight
// in loc.
func sinceTime(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := config.ParseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--since %q: expected a duration (7d, 12h) or a date (YYYY-MM-DD)", s)
}

func writeAudit(m *Main, format string, events []deploybot.AuditEvent, cfg *config.Config) error {
	loc := cfg.Location()
	switch format {
	case "jsonl":
		enc := json.NewEncoder(m.Stdout)
		for _, e := range events {
			if err := enc.Encode(map[string]string{"at": e.At.In(loc).Format(time.RFC3339), "kind": e.Kind, "actor": e.Actor, "name": e.Name,
				"project": e.Project, "env": e.Env, "what": e.What, "detail": e.Detail}); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		w := csv.NewWriter(m.Stdout)
		_ = w.Write([]string{"at", "kind", "actor", "name", "project", "env", "what", "detail"})
		for _, e := range events {
			_ = w.Write([]string{e.At.In(loc).Format(time.RFC3339), e.Kind, e.Actor, e.Name, e.Project, e.Env, e.What, e.Detail})
		}
		w.Flush()
		return w.Error()
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "AT\tKIND\tWHO\tWHERE\tWHAT\tDETAIL")
	for _, e := range events {
		who := e.Name
		if who == "" {
			who = e.Actor
		} else if e.Actor != "" && e.Actor != e.Name {
			who += " (" + e.Actor + ")"
		}
		where := e.Project
		if e.Env != "" {
			where += "/" + e.Env
		}
		detail := strings.ReplaceAll(e.Detail, "\n", " ⏎ ")
		if r := []rune(detail); len(r) > 120 {
			detail = string(r[:117]) + "..."
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.At.In(loc).Format("2006-01-02 15:04"), e.Kind, orDefault(who, "-"), orDefault(where, "-"), e.What, detail)
	}
	return tw.Flush()
}
