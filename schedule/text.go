package schedule

import (
	"fmt"
	"strings"
	"time"

	"deploybot"
)

var (
	frDays   = [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	frMonths = [13]string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
)

// dayDate writes a date as people say it: "mardi 1er décembre",
// "Tuesday 1 December".
func dayDate(l deploybot.Lang, t time.Time) string {
	if l == deploybot.English {
		return t.Format("Monday 2 January")
	}
	d := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		d = "1er"
	}
	return fmt.Sprintf("%s %s %s", frDays[t.Weekday()], d, frMonths[t.Month()])
}

// dayShort writes a day of the coming week: "lundi 23", "Monday 23".
func dayShort(l deploybot.Lang, t time.Time) string {
	if l == deploybot.English {
		return t.Format("Monday 2")
	}
	return fmt.Sprintf("%s %d", frDays[t.Weekday()], t.Day())
}

// clockOf writes a time of day given as a duration since midnight: "16h",
// "9h30" in French, "16:00", "09:30" in English.
func clockOf(l deploybot.Lang, d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if l == deploybot.English {
		return fmt.Sprintf("%02d:%02d", h, m)
	}
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02d", h, m)
}

// clock writes the time of day of t.
func clock(l deploybot.Lang, t time.Time) string {
	return clockOf(l, time.Duration(t.Hour())*time.Hour+time.Duration(t.Minute())*time.Minute)
}

// moment writes a day and a time: "mardi 1er décembre à 10h", "Tuesday 1
// December at 10:00".
func moment(l deploybot.Lang, t time.Time) string {
	return dayDate(l, t) + l.Pick(" à ", " at ") + clock(l, t)
}

// span writes a window's hours: "10h–16h", "10:00–16:00".
func span(l deploybot.Lang, from, to time.Duration) string {
	return clockOf(l, from) + "–" + clockOf(l, to)
}

// age writes a duration roughly: "45 min", "2 h 05", "1 j 3 h" / "1 d 3 h".
func age(l deploybot.Lang, d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	case d < 24*time.Hour:
		if m := int(d % time.Hour / time.Minute); m != 0 {
			return fmt.Sprintf("%d h %02d", int(d/time.Hour), m)
		}
		return fmt.Sprintf("%d h", int(d/time.Hour))
	}
	days, hours := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour)
	unit := l.Pick("j", "d")
	if hours == 0 {
		return fmt.Sprintf("%d %s", days, unit)
	}
	return fmt.Sprintf("%d %s %d h", days, unit, hours)
}

// quote puts a text between the language's quotation marks.
func quote(l deploybot.Lang, s string) string {
	return l.Pick("« "+s+" »", "\""+s+"\"")
}

// colon joins a label and a text with the language's colon: "a : b", "a: b".
func colon(l deploybot.Lang, a, b string) string {
	return a + l.Pick(" : ", ": ") + b
}

// joinNote joins the non-empty parts of a footnote.
func joinNote(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
