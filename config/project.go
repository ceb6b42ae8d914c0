package config

import (
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zones on hosts without a zoneinfo database

	"deploybot"
)

// SetBy names the configuration as the author of what it seeds (reminders).
const SetBy = "config"

// Names returns the project's name followed by its aliases.
func (p ProjectConfig) Names() []string {
	return append([]string{p.Name}, p.Aliases...)
}

// Environment returns the project's environment called name, compared
// case-insensitively.
func (p ProjectConfig) Environment(name string) (EnvironmentConfig, bool) {
	for _, e := range p.Environments {
		if strings.EqualFold(e.Name, name) {
			return e, true
		}
	}
	return EnvironmentConfig{}, false
}

// Project returns the project whose name or one of whose aliases is name,
// compared case-insensitively.
func (c *Config) Project(name string) (ProjectConfig, bool) {
	name = strings.TrimSpace(name)
	for _, p := range c.ProjectConfigs {
		for _, n := range p.Names() {
			if strings.EqualFold(n, name) {
				return p, true
			}
		}
	}
	return ProjectConfig{}, false
}

// Projects returns the projects as the domain sees them: names, aliases and
// environments with their URL.
func (c *Config) Projects() []deploybot.Project {
	out := make([]deploybot.Project, 0, len(c.ProjectConfigs))
	for _, p := range c.ProjectConfigs {
		dp := deploybot.Project{Name: p.Name, Aliases: slices.Clone(p.Aliases)}
		for _, e := range p.Environments {
			dp.Environments = append(dp.Environments, deploybot.Environment{Name: e.Name, URL: e.URL})
		}
		out = append(out, dp)
	}
	return out
}

// Location returns the agency's time zone, Europe/Paris by default.
func (c *Config) Location() *time.Location {
	return zoneOr(c.Agency.Timezone, nil)
}

// LocationFor returns the project's time zone, the agency's unless the
// project overrides it.
func (c *Config) LocationFor(p ProjectConfig) *time.Location {
	return zoneOr(p.Timezone, c.Location())
}

// zoneOr loads name, falling back to def, then Europe/Paris.
func zoneOr(name string, def *time.Location) *time.Location {
	if loc, err := loadZone(name); err == nil {
		return loc
	}
	if def != nil {
		return def
	}
	if loc, err := loadZone(defaultTimezone); err == nil {
		return loc
	}
	return time.UTC
}

// StrategyFor returns the project's strategy, the agency's default unless
// the project overrides it.
func (c *Config) StrategyFor(p ProjectConfig) deploybot.Strategy {
	if p.Strategy != "" {
		return p.Strategy
	}
	if c.Agency.DefaultStrategy != "" {
		return c.Agency.DefaultStrategy
	}
	return deploybot.StrategyRolling
}

// WindowsFor returns the project's deployment windows: each list the project
// gives replaces the agency's.
func (c *Config) WindowsFor(p ProjectConfig) Windows {
	w := c.Windows
	if p.Windows != nil {
		if p.Windows.Recommended != nil {
			w.Recommended = p.Windows.Recommended
		}
		if p.Windows.Acceptable != nil {
			w.Acceptable = p.Windows.Acceptable
		}
		if p.Windows.Avoid != nil {
			w.Avoid = p.Windows.Avoid
		}
	}
	return w
}

// ApprovalFor returns the approval a deploy of the project to env needs: the
// environment's own setting; else, for production, the project's then the
// agency's; else none (staging and other environments are automatic unless
// they say otherwise).
func (c *Config) ApprovalFor(p ProjectConfig, env string) Approval {
	if e, ok := p.Environment(env); ok && e.Approval != "" {
		return e.Approval
	}
	if !strings.EqualFold(env, deploybot.EnvProduction) {
		return ApprovalNone
	}
	if p.Approval != "" {
		return p.Approval
	}
	if c.Agency.Approval != "" {
		return c.Agency.Approval
	}
	return ApprovalFourEyes
}

// AccessFor returns who may act on the project's environment env: the
// project's access for env when it has one, else the agency's.
func (c *Config) AccessFor(p ProjectConfig, env string) Access {
	if a, ok := p.Access[env]; ok {
		return a
	}
	return c.Access[env]
}

// Span returns when the freeze starts and ends in loc: from 00:00 on its
// first day to 00:00 the day after its last. Both are zero when a date does
// not parse, which a validated configuration rules out.
func (f Freeze) Span(loc *time.Location) (start, end time.Time) {
	from, err1 := time.ParseInLocation(dateLayout, f.From, loc)
	to, err2 := time.ParseInLocation(dateLayout, f.To, loc)
	if err1 != nil || err2 != nil {
		return time.Time{}, time.Time{}
	}
	return from, to.AddDate(0, 0, 1)
}

// AppliesTo reports whether the freeze concerns a deploy of project p to
// env: an empty list of environments or projects means all of them.
func (f Freeze) AppliesTo(p ProjectConfig, env string) bool {
	envOK := len(f.Environments) == 0 || slices.ContainsFunc(f.Environments, func(e string) bool { return strings.EqualFold(e, env) })
	projOK := len(f.Projects) == 0 || slices.ContainsFunc(f.Projects, func(name string) bool {
		return slices.ContainsFunc(p.Names(), func(n string) bool { return strings.EqualFold(n, name) })
	})
	return envOK && projOK
}

// ReminderSeed returns the reminders of the configuration as domain
// reminders, created by "config", with their project's canonical name and the
// agency's language. Cron specs are as written: without a CRON_TZ= prefix
// they run in the agency's time zone.
func (c *Config) ReminderSeed() []deploybot.Reminder {
	out := make([]deploybot.Reminder, 0, len(c.Reminders))
	for _, r := range c.Reminders {
		out = append(out, deploybot.Reminder{
			Kind:      string(r.Kind),
			Cron:      strings.TrimSpace(r.Cron),
			Channel:   r.Channel,
			Project:   r.Project,
			Message:   r.Message,
			Lang:      c.Agency.Language,
			CreatedBy: SetBy,
		})
	}
	return out
}
