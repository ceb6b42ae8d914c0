// Package policy evaluates deployment rules without doing any I/O: windows,
// public holidays and their eves, freezes. Callers give it the facts (the
// configuration, the moment) and it returns verdicts with their reasons.
package policy

import (
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/us"
)

// Class is how suitable a moment is for a production deployment.
type Class string

// The classes of a moment, from best to worst.
const (
	Recommended Class = "recommended" // the team is there and has time to react
	Acceptable  Class = "acceptable"  // allowed, with extra precautions
	Outside     Class = "outside"     // in no configured window
	Avoid       Class = "avoid"       // nobody to react if it goes wrong
	Frozen      Class = "frozen"      // a freeze forbids deployments
)

// Freeze is a period with no deployment to some environments of some
// projects: whole days in the calendar's location (from the configuration),
// or an exact span (set by chat).
type Freeze struct {
	From, To     time.Time // first and last day, both included (dates at midnight)
	Environments []string  // empty: every environment
	Projects     []string  // canonical names; empty: every project
	Reason       string

	// Exact spans (freezes set by chat): when Until is set, the freeze
	// covers [Since, Until) exactly and From/To are ignored.
	Since, Until time.Time
	ID           int64  // the chat freeze's id
	CreatedBy    string // who set it by chat
}

// Chat reports whether f was set by chat (an exact span), not by the
// configuration file.
func (f Freeze) Chat() bool { return !f.Until.IsZero() }

// Covers reports whether the freeze applies at t for project and env.
func (f Freeze) Covers(t time.Time, project, env string) bool {
	if f.Chat() {
		if t.Before(f.Since) || !t.Before(f.Until) {
			return false
		}
	} else {
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, f.From.Location())
		if d.Before(f.From) || d.After(f.To) {
			return false
		}
	}
	return matches(f.Environments, env) && matches(f.Projects, project)
}

// Ends returns the first instant after the freeze, in loc.
func (f Freeze) Ends(loc *time.Location) time.Time {
	if f.Chat() {
		return f.Until.In(loc)
	}
	return time.Date(f.To.Year(), f.To.Month(), f.To.Day()+1, 0, 0, 0, 0, loc)
}

// Starts returns the freeze's first instant, in loc.
func (f Freeze) Starts(loc *time.Location) time.Time {
	if f.Chat() {
		return f.Since.In(loc)
	}
	return time.Date(f.From.Year(), f.From.Month(), f.From.Day(), 0, 0, 0, 0, loc)
}

func matches(list []string, v string) bool {
	if len(list) == 0 || v == "" {
		return true
	}
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

// Holidays tells public holidays apart.
type Holidays struct {
	cal *cal.Calendar
}

var countries = map[string][]*cal.Holiday{
	"FR": fr.Holidays, "BE": be.Holidays, "CH": ch.Holidays, "DE": de.Holidays, "ES": es.Holidays,
	"IT": it.Holidays, "NL": nl.Holidays, "GB": gb.Holidays, "US": us.Holidays, "CA": ca.Holidays,
}

// Countries lists the country codes NewHolidays knows.
func Countries() []string {
	return []string{"BE", "CA", "CH", "DE", "ES", "FR", "GB", "IT", "NL", "US"}
}

// NewHolidays returns the national public holidays of country (an ISO 3166
// code such as "FR"); "" or "none" gives a calendar with none. It reports
// false for an unknown country.
func NewHolidays(country string) (Holidays, bool) {
	c := strings.ToUpper(strings.TrimSpace(country))
	if c == "" || c == "NONE" {
		return Holidays{}, true
	}
	hs, ok := countries[c]
	if !ok {
		return Holidays{}, false
	}
	k := &cal.Calendar{}
	k.AddHoliday(hs...)
	return Holidays{cal: k}, true
}

// On returns the name of the public holiday on the date of t (in t's
// location), if there is one.
func (h Holidays) On(t time.Time) (string, bool) {
	if h.cal == nil {
		return "", false
	}
	actual, observed, hol := h.cal.IsHoliday(t)
	if (actual || observed) && hol != nil {
		return hol.Name, true
	}
	return "", false
}

// Calendar holds the deployment windows, holidays and freezes of an agency
// or a project, in one location.
type Calendar struct {
	Location    *time.Location
	Recommended []Window
	Acceptable  []Window
	Avoid       []Window
	Holidays    Holidays
	Freezes     []Freeze
}

// Moment is the verdict on one moment.
type Moment struct {
	At      time.Time // in the calendar's location
	Class   Class
	Holiday string  // the holiday on that day, if any
	Eve     string  // the holiday of the next day, if that day is its eve
	Freeze  *Freeze // the freeze in force, if any
	// Window is the avoid window the moment falls in (Class Avoid, no
	// holiday): the reason said is its own, not always the brief's
	// Friday afternoon.
	Window Window
}

// At evaluates t for a deployment of project to env. Freezes come first
// (they cover the environments they name, staging included), then public
// holidays and their eves, then the windows: an avoid window wins over a
// recommended or acceptable one. Windows and holidays are production
// rules: the caller applies them to production only.
func (c Calendar) At(t time.Time, project, env string) Moment {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	m := Moment{At: t}
	for i := range c.Freezes {
		if c.Freezes[i].Covers(t, project, env) {
			m.Freeze = &c.Freezes[i]
			m.Class = Frozen
			return m
		}
	}
	if name, ok := c.Holidays.On(t); ok {
		m.Holiday, m.Class = name, Avoid
		return m
	}
	next := time.Date(t.Year(), t.Month(), t.Day()+1, 12, 0, 0, 0, loc)
	if name, ok := c.Holidays.On(next); ok {
		m.Eve, m.Class = name, Avoid
		return m
	}
	switch {
	case in(c.Avoid, t):
		m.Class = Avoid
		for _, w := range c.Avoid {
			if w.Contains(t) {
				m.Window = w
				break
			}
		}
	case in(c.Recommended, t):
		m.Class = Recommended
	case in(c.Acceptable, t):
		m.Class = Acceptable
	default:
		m.Class = Outside
	}
	return m
}

// NextRecommended returns the start of the first recommended moment after
// t, looking up to four weeks ahead, to suggest when to deploy instead.
func (c Calendar) NextRecommended(t time.Time, project, env string) (time.Time, bool) {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	for d := 0; d < 28; d++ {
		day := time.Date(t.Year(), t.Month(), t.Day()+d, 0, 0, 0, 0, loc)
		for _, w := range c.Recommended {
			if !w.Days[day.Weekday()] {
				continue
			}
			start := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc).Add(w.Start)
			end := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc).Add(w.End)
			if !end.After(t) {
				continue
			}
			if start.Before(t) {
				start = t
			}
			if c.At(start, project, env).Class == Recommended {
				return start, true
			}
		}
	}
	return time.Time{}, false
}

func in(ws []Window, t time.Time) bool {
	for _, w := range ws {
		if w.Contains(t) {
			return true
		}
	}
	return false
}
