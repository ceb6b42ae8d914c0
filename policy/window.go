package policy

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Window is a parsed window spec: some days of the week and, on each of them,
// the time of day from Start (included) to End (excluded).
type Window struct {
	Days  [7]bool       // indexed by time.Weekday
	Start time.Duration // since midnight
	End   time.Duration // since midnight; 24h is the end of the day
}

var dayNames = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// dayOrder lists the day names from Monday, as people write them.
var dayOrder = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// ParseWindow parses a window spec: days, then an optional time range.
//
// Days are English names (Mon..Sun or Monday..Sunday, any case), ranges such
// as "Tue-Thu" (they may wrap: "Fri-Mon") and lists such as "Mon,Wed,Fri-Sat".
// The time range is "HH:MM-HH:MM" with the start before the end; 24:00 ends
// the day. Without a time range the window covers the whole days.
//
// Examples: "Tue-Thu 10:00-16:00", "Mon 12:00-18:00", "Fri 12:00-24:00", "Sat-Sun".
func ParseWindow(spec string) (Window, error) {
	var w Window
	fields := strings.Fields(spec)
	if len(fields) == 0 {
		return w, fmt.Errorf("empty window: write days and an optional time range, e.g. \"Tue-Thu 10:00-16:00\"")
	}
	if err := parseDays(fields[0], &w.Days); err != nil {
		return w, err
	}
	if len(fields) == 1 {
		w.End = 24 * time.Hour
		return w, nil
	}
	rng := strings.Join(fields[1:], "") // "10:00 - 16:00" is accepted too
	from, to, ok := strings.Cut(rng, "-")
	if !ok {
		return w, fmt.Errorf("invalid time range %q: expected HH:MM-HH:MM", rng)
	}
	var err error
	if w.Start, err = parseClock(from); err != nil {
		return w, err
	}
	if w.End, err = parseClock(to); err != nil {
		return w, err
	}
	if w.Start == 24*time.Hour {
		return w, fmt.Errorf("invalid start %s: a window starts at 23:59 at the latest", from)
	}
	if w.Start >= w.End {
		return w, fmt.Errorf("start %s is not before end %s: a window cannot span midnight, write two windows", from, to)
	}
	return w, nil
}

func parseDays(s string, days *[7]bool) error {
	for part := range strings.SplitSeq(s, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, err := parseDay(from)
		if err != nil {
			return err
		}
		b := a
		if isRange {
			if b, err = parseDay(to); err != nil {
				return err
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			days[d] = true
			if d == b {
				break
			}
		}
	}
	return nil
}

func parseDay(s string) (time.Weekday, error) {
	for i, name := range dayNames {
		full := time.Weekday(i).String()
		if strings.EqualFold(s, name) || strings.EqualFold(s, full) {
			return time.Weekday(i), nil
		}
	}
	msg := fmt.Sprintf("unknown day %q;", s)
	if d := closestDay(s); d != "" {
		msg += fmt.Sprintf(" did you mean %q?", d)
	}
	return 0, fmt.Errorf("%s expected one of: %s (ranges like Tue-Thu, lists like Mon,Wed)", msg, strings.Join(dayOrder, ", "))
}

func parseClock(s string) (time.Duration, error) {
	hh, mm, ok := strings.Cut(s, ":")
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	if !ok || len(hh) != 2 || len(mm) != 2 || errH != nil || errM != nil || h > 24 || m > 59 || h == 24 && m != 0 {
		return 0, fmt.Errorf("invalid time %q: expected HH:MM from 00:00 to 24:00", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

// Contains reports whether t, in its own location, falls in the window.
func (w Window) Contains(t time.Time) bool {
	if !w.Days[t.Weekday()] {
		return false
	}
	since := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
		time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond())
	return w.Start <= since && since < w.End
}

// String formats the window as a spec ParseWindow reads, with days in
// ranges: "Tue-Thu 10:00-16:00".
func (w Window) String() string {
	var parts []string
	// Walk from Monday; a run that wraps past Sunday is split.
	order := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	for i := 0; i < len(order); {
		if !w.Days[order[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(order) && w.Days[order[j+1]] {
			j++
		}
		if i == j {
			parts = append(parts, dayNames[order[i]])
		} else {
			parts = append(parts, dayNames[order[i]]+"-"+dayNames[order[j]])
		}
		i = j + 1
	}
	s := strings.Join(parts, ",")
	if w.Start == 0 && w.End == 24*time.Hour {
		return s
	}
	return fmt.Sprintf("%s %s-%s", s, clock(w.Start), clock(w.End))
}

func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

// closestDay returns the day name that s most likely misspells: the only
// one with the same letters in another order ("Fir"), or else the only one
// sharing its first two letters ("Tues").
func closestDay(s string) string {
	if len(s) < 2 {
		return ""
	}
	sorted := func(x string) string {
		r := []rune(strings.ToLower(x))
		slices.Sort(r)
		return string(r)
	}
	for _, match := range []func(d string) bool{
		func(d string) bool { return len(s) == 3 && sorted(d) == sorted(s) },
		func(d string) bool { return strings.EqualFold(d[:2], s[:2]) },
	} {
		found := ""
		for _, d := range dayOrder {
			if match(d) {
				if found != "" {
					found = "-"
					break
				}
				found = d
			}
		}
		if found != "" && found != "-" {
			return found
		}
	}
	return ""
}
