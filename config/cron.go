package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// cronField describes one field of a standard 5-field cron spec.
type cronField struct {
	name     string
	min, max int
	names    []string // names for min, min+1, ...
}

var cronFields = []cronField{
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day of month", min: 1, max: 31},
	{name: "month", min: 1, max: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
	{name: "day of week", min: 0, max: 6, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
}

var cronDescriptors = []string{"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}

// checkCron checks a cron spec as robfig/cron's standard parser reads it: an
// optional CRON_TZ=Zone (or TZ=Zone) prefix, then five fields (minute hour
// day-of-month month day-of-week) or a descriptor such as @daily or
// "@every 1h".
func checkCron(spec string) error {
	s := strings.TrimSpace(spec)
	if s == "" {
		return fmt.Errorf("empty cron spec: write five fields, e.g. \"30 9 * * MON\"")
	}
	if strings.HasPrefix(s, "CRON_TZ=") || strings.HasPrefix(s, "TZ=") {
		tz, rest, _ := strings.Cut(s, " ")
		_, zone, _ := strings.Cut(tz, "=")
		if _, err := loadZone(zone); err != nil {
			return err
		}
		s = strings.TrimSpace(rest)
	}
	if strings.HasPrefix(s, "@") {
		if every, ok := strings.CutPrefix(s, "@every "); ok {
			d, err := time.ParseDuration(strings.TrimSpace(every))
			if err != nil || d <= 0 {
				return fmt.Errorf("invalid @every duration %q: use a positive duration such as 1h", every)
			}
			return nil
		}
		for _, d := range cronDescriptors {
			if s == d {
				return nil
			}
		}
		return fmt.Errorf("%s, or @every <duration>", oneOfMessage("unknown descriptor", s, cronDescriptors))
	}
	fields := strings.Fields(s)
	if len(fields) != 5 {
		return fmt.Errorf("cron spec %q has %d fields; expected 5: minute hour day-of-month month day-of-week", s, len(fields))
	}
	for i, f := range fields {
		if err := checkCronField(f, cronFields[i]); err != nil {
			return err
		}
	}
	return nil
}

func checkCronField(s string, f cronField) error {
	for part := range strings.SplitSeq(s, ",") {
		rng, step, hasStep := strings.Cut(part, "/")
		if hasStep {
			if n, err := strconv.Atoi(step); err != nil || n <= 0 {
				return fmt.Errorf("invalid step %q in %s field %q", step, f.name, s)
			}
		}
		if rng == "*" || rng == "?" {
			continue
		}
		lo, hi, isRange := strings.Cut(rng, "-")
		a, err := cronValue(lo, f)
		if err != nil {
			return fmt.Errorf("%w in %s field %q", err, f.name, s)
		}
		if isRange {
			b, err := cronValue(hi, f)
			if err != nil {
				return fmt.Errorf("%w in %s field %q", err, f.name, s)
			}
			if a > b {
				return fmt.Errorf("range %s is backwards in %s field %q", rng, f.name, s)
			}
		}
	}
	return nil
}

func cronValue(s string, f cronField) (int, error) {
	for i, name := range f.names {
		if strings.EqualFold(s, name) {
			return f.min + i, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < f.min || n > f.max {
		return 0, fmt.Errorf("invalid value %q (expected %d-%d)", s, f.min, f.max)
	}
	return n, nil
}
