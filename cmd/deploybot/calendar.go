package main

import (
	"deploybot/config"
	"deploybot/policy"
)

// calendars returns, for a project name ("" for the agency), its deployment
// calendar: windows, public holidays and freezes in its time zone. The
// configuration was validated, so every spec parses.
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
			if named && !f.AppliesTo(p, "production") {
				continue
			}
			from, end := f.Span(loc)
			c.Freezes = append(c.Freezes, policy.Freeze{From: from, To: end.AddDate(0, 0, -1),
				Environments: f.Environments, Reason: f.Reason})
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

func windows(specs []string) []policy.Window {
	var out []policy.Window
	for _, s := range specs {
		if w, err := policy.ParseWindow(s); err == nil {
			out = append(out, w)
		}
	}
	return out
}
