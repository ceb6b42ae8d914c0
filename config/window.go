package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dayNames are the day abbreviations, indexed by time.Weekday.
var dayNames = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// dayOrder lists the day names from Monday, as people write them.
var dayOrder = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// checkWindow checks a window spec: days, then an optional time range. It
// accepts what policy.ParseWindow reads, with messages for people.
//
// Days are English names (Mon..Sun or Monday..Sunday, any case), ranges such
// as "Tue-Thu" (they may wrap: "Fri-Mon") and lists such as "Mon,Wed,Fri-Sat".
// The time range is "HH:MM-HH:MM" with the start before the end; 24:00 ends
// the day. Without a time range the window covers the whole days.
//
// Examples: "Tue-Thu 10:00-16:00", "Mon 12:00-18:00", "Fri 12:00-24:00", "Sat-Sun".
func checkWindow(spec string) error {
	fields := strings.Fields(spec)
	if len(fields) == 0 {
		return fmt.Errorf("empty window: write days and an optional time range, e.g. \"Tue-Thu 10:00-16:00\"")
	}
	for part := range strings.SplitSeq(fields[0], ",") {
		from, to, isRange := strings.Cut(part, "-")
		if err := checkDay(from); err != nil {
			return err
		}
		if isRange {
			if err := checkDay(to); err != nil {
				return err
			}
		}
	}
	if len(fields) == 1 {
		return nil
	}
	rng := strings.Join(fields[1:], "") // "10:00 - 16:00" is accepted too
	from, to, ok := strings.Cut(rng, "-")
	if !ok {
		return fmt.Errorf("invalid time range %q: expected HH:MM-HH:MM", rng)
	}
	start, err := parseClock(from)
	if err != nil {
		return err
	}
	end, err := parseClock(to)
	if err != nil {
		return err
	}
	if start == 24*time.Hour {
		return fmt.Errorf("invalid start %s: a window starts at 23:59 at the latest", from)
	}
	if start >= end {
		return fmt.Errorf("start %s is not before end %s: a window cannot span midnight, write two windows", from, to)
	}
	return nil
}

func checkDay(s string) error {
	for i, name := range dayNames {
		if strings.EqualFold(s, name) || strings.EqualFold(s, time.Weekday(i).String()) {
			return nil
		}
	}
	msg := fmt.Sprintf("unknown day %q;", s)
	if d := suggest(s, dayOrder); d != "" {
		msg += fmt.Sprintf(" did you mean %q?", d)
	}
	return fmt.Errorf("%s expected one of: %s (ranges like Tue-Thu, lists like Mon,Wed)", msg, strings.Join(dayOrder, ", "))
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
