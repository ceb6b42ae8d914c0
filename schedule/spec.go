package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Parse reads a cron spec as robfig/cron's standard parser does: five
// fields (minute hour day-of-month month day-of-week) or a descriptor such
// as @daily or "@every 1h", with an optional CRON_TZ=Zone (or TZ=Zone)
// prefix. A spec without a zone is read in loc, never in the host's zone.
//
// The schedule it returns keeps reminders on their local time across
// daylight-saving changes, as Vixie cron does:
//   - a local time that occurs twice (when clocks go back) runs once, at
//     its first occurrence: a 02:30 reminder is not sent twice;
//   - a local time that does not exist (when clocks go forward) runs once,
//     at the instant the clocks jump to (03:00 for 02:30 in Europe/Paris),
//     rather than being lost.
//
// Every other local time runs exactly when the wall clock shows it. "@every"
// schedules are durations and ignore the wall clock.
func Parse(spec string, loc *time.Location) (cron.Schedule, error) {
	spec = strings.TrimSpace(spec)
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("schedule: cron spec %q: %w", spec, err)
	}
	x, ok := s.(*cron.SpecSchedule)
	if !ok {
		return s, nil
	}
	l := x.Location
	if !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") {
		l = loc
	}
	if l == nil {
		l = time.UTC
	}
	return localSpec{spec: x, loc: l}, nil
}

// starBit marks a field written "*" in robfig/cron's bit sets.
const starBit = 1 << 63

// localSpec is a cron.SpecSchedule evaluated on the wall clock of loc.
type localSpec struct {
	spec *cron.SpecSchedule
	loc  *time.Location
}

// Next returns the first run strictly after t, in t's location, or the zero
// time if there is none within five years.
func (s localSpec) Next(t time.Time) time.Time {
	lt := t.In(s.loc)
	y, m, d := lt.Date()
	for i := 0; i < 5*366; i++ {
		day := time.Date(y, m, d+i, 12, 0, 0, 0, s.loc) // noon: a normalised date, whatever the DST
		if s.spec.Month&(1<<uint(day.Month())) == 0 || !s.dayMatches(day) {
			continue
		}
		// On t's own day, the wall times before t's run no later than t
		// (even around a change), so the search starts at t's wall time.
		h0, m0 := 0, 0
		if i == 0 {
			h0, m0 = lt.Hour(), lt.Minute()
		}
		for h := h0; h < 24; h++ {
			if s.spec.Hour&(1<<uint(h)) == 0 {
				continue
			}
			mStart := 0
			if i == 0 && h == h0 {
				mStart = m0
			}
			for mi := mStart; mi < 60; mi++ {
				if s.spec.Minute&(1<<uint(mi)) == 0 {
					continue
				}
				if at := wallInstant(day.Year(), day.Month(), day.Day(), h, mi, s.loc); at.After(t) {
					return at.In(t.Location())
				}
			}
		}
	}
	return time.Time{}
}

// dayMatches applies cron's rule: when either day field is "*", both must
// match; otherwise either may.
func (s localSpec) dayMatches(day time.Time) bool {
	dom := s.spec.Dom&(1<<uint(day.Day())) != 0
	dow := s.spec.Dow&(1<<uint(day.Weekday())) != 0
	if s.spec.Dom&starBit != 0 || s.spec.Dow&starBit != 0 {
		return dom && dow
	}
	return dom || dow
}

// wallInstant returns the instant the wall clock of loc shows the given
// date and time: the first one if it shows it twice, and the end of the gap
// if it never does (clocks going forward).
func wallInstant(y int, mo time.Month, d, h, mi int, loc *time.Location) time.Time {
	wall := time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
	var best time.Time
	// The offsets in force a day before and a day after bracket any change
	// near this time; each gives a candidate instant.
	for _, probe := range []time.Time{wall.Add(-24 * time.Hour), wall.Add(24 * time.Hour)} {
		_, off := probe.In(loc).Zone()
		u := wall.Add(-time.Duration(off) * time.Second).In(loc)
		uy, um, ud := u.Date()
		if uy == y && um == mo && ud == d && u.Hour() == h && u.Minute() == mi && (best.IsZero() || u.Before(best)) {
			best = u
		}
	}
	if !best.IsZero() {
		return best
	}
	// In a gap: with the offset from before the change, the instant lands
	// past the gap; the zone it lands in started when the gap ended.
	_, off := wall.Add(-24 * time.Hour).In(loc).Zone()
	u := wall.Add(-time.Duration(off) * time.Second).In(loc)
	if start, _ := u.ZoneBounds(); !start.IsZero() && !start.After(u) {
		return start.In(loc)
	}
	return time.Date(y, mo, d, h, mi, 0, 0, loc)
}

// union runs at every run of any of its schedules.
type union []cron.Schedule

// Next returns the earliest next run of the schedules.
func (u union) Next(t time.Time) time.Time {
	var best time.Time
	for _, s := range u {
		if n := s.Next(t); !n.IsZero() && (best.IsZero() || n.Before(best)) {
			best = n
		}
	}
	return best
}
