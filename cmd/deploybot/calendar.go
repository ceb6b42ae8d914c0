package main

import (
	"context"
	"log/slog"
	"slices"

	"deploybot"
	"deploybot/config"
	"deploybot/deploy"
	"deploybot/policy"
	"deploybot/settings"
	"deploybot/store"
)

// calendars returns, for a project name ("" for the agency), its deployment
// calendar: windows and public holidays from the context layers (res; nil:
// the configuration's), and the configuration's freezes in its time zone,
// each freeze naming the projects (canonical names) and environments it
// covers. The configuration was validated, so every spec parses.
func calendars(cfg *config.Config, res ...*settings.Resolver) func(project string) policy.Calendar {
	build := func(p config.ProjectConfig, named bool) policy.Calendar {
		loc := cfg.Location()
		ws := cfg.Windows
		if named {
			loc, ws = cfg.LocationFor(p), cfg.WindowsFor(p)
		}
		country := cfg.Agency.Holidays
		if len(res) > 0 && res[0] != nil {
			if v, err := res[0].View(context.Background()); err == nil {
				name := ""
				if named {
					name = p.Name
				}
				ws.Recommended = settings.List(deploybot.KeyWindowsRecommend, v.Get(name, "", deploybot.KeyWindowsRecommend).Value)
				ws.Acceptable = settings.List(deploybot.KeyWindowsAcceptable, v.Get(name, "", deploybot.KeyWindowsAcceptable).Value)
				ws.Avoid = settings.List(deploybot.KeyWindowsAvoid, v.Get(name, "", deploybot.KeyWindowsAvoid).Value)
				country = v.Get("", "", deploybot.KeyHolidays).Value
			}
		}
		hol, _ := policy.NewHolidays(country)
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
func calendar(cfg *config.Config, res *settings.Resolver, db *store.DB, logger *slog.Logger) func(project string) policy.Calendar {
	return deploy.WithChatFreezes(calendars(cfg, res), db, func(err error) {
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
