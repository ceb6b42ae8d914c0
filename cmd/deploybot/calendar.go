package main

import (
	"log/slog"
	"slices"

	"deploybot/config"
	"deploybot/deploy"
	"deploybot/policy"
	"deploybot/store"
)

// calendars returns, for a project name ("" for the agency), its deployment
// calendar from the configuration: windows, public holidays and the
// configuration's freezes in its time zone, each freeze naming the
// projects (canonical names) and environments it covers. The configuration
// was validated, so every spec parses.
func calendars(cfg *config.Config) func(project string) policy.Calendar {
	hol, _ := policy.NewHolidays(cfg.Agency.Holidays)
	build := func(p config.ProjectConfig, named bool) policy.Calendar {
		loc := cfg.Location()
		ws := cfg.Windows
		if named {
			loc, ws = cfg.LocationFor(p), cfg.WindowsFor(p)
		}
		c := policy.Calendar{Location: loc, Holidays: hol,
			Recommended: windows(ws.Recommended), Acceptable: windows(ws.Acceptable), Avoid: windows(ws.Avoid)}
		for _, f := range cfg.Freezes {
			var projects []string
			for _, n := range f.Projects {
				if fp, ok := cfg.Project(n); ok {
					projects = append(projects, fp.Name)
				}
			}
			if named && len(projects) > 0 && !slices.Contains(projects, p.Name) {
				continue
			}
			from, end := f.Span(loc)
			c.Freezes = append(c.Freezes, policy.Freeze{From: from, To: end.AddDate(0, 0, -1),
				Environments: f.Environments, Projects: projects, Reason: f.Reason})
		}
		return c
	}
	return func(project string) policy.Calendar {
		if p, ok := cfg.Project(project); ok && project != "" {
			return build(p, true)
		}
		return build(config.ProjectConfig{}, false)
	}
}

// calendar is the one calendar every reader uses (plans, "can I deploy…?",
// reminders, status): the configuration's, with the freezes set by chat.
func calendar(cfg *config.Config, db *store.DB, logger *slog.Logger) func(project string) policy.Calendar {
	return deploy.WithChatFreezes(calendars(cfg), db, func(err error) {
		logger.Error("read the freezes set by chat: the calendar fails closed", "err", err)
	})
}

func windows(specs []string) []policy.Window {
	var out []policy.Window
	for _, s := range specs {
		if w, err := policy.ParseWindow(s); err == nil {
			out = append(out, w)
		}
	}
	return out
}
