package agents

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"deploybot/router"
)

// weekdays maps day names, French and English, to weekdays.
var weekdays = map[string]time.Weekday{
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
	"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday,
	"sat": time.Saturday, "sun": time.Sunday,
}

// months maps month names, French and English, to months.
var months = map[string]time.Month{
	"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
	"septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
}

// dateOf reads "24 décembre", "december 24", "24/12" around words[i], and
// returns the next such date from now.
func dateOf(words []string, i int, now time.Time) (time.Time, bool) {
	w := words[i]
	day, month := 0, time.Month(0)
	if m, ok := months[w]; ok {
		month = m
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(words) {
				if d, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(words[j], "th"), "er")); err == nil && d >= 1 && d <= 31 {
					day = d
					break
				}
			}
		}
	} else if d, m, ok := strings.Cut(w, "-"); ok {
		dd, err1 := strconv.Atoi(d)
		mm, err2 := strconv.Atoi(m)
		if err1 == nil && err2 == nil && dd >= 1 && dd <= 31 && mm >= 1 && mm <= 12 {
			day, month = dd, time.Month(mm)
		}
	}
	if day == 0 {
		return time.Time{}, false
	}
	t := time.Date(now.Year(), month, day, 0, 0, 0, 0, now.Location())
	if t.Before(time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())) {
		t = t.AddDate(1, 0, 0)
	}
	return t, true
}

// colonTime matches "17:30", which the router's words would split.
var colonTime = regexp.MustCompile(`\b(\d{1,2}):(\d{2})\b`)

// slashDate matches "24/12", which the router's words would split.
var slashDate = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\b`)

// dayParts are words that name a part of the day, with the hour they stand
// for when no hour is given.
var dayParts = map[string]int{
	"matin": 10, "morning": 10, "midi": 12, "noon": 12, "aprem": 15, "apres-midi": 15, "afternoon": 15,
	"soir": 19, "evening": 19, "tonight": 19, "soiree": 19, "nuit": 23, "night": 23,
}

// when finds the moment a message asks about ("vendredi à 17h", "friday
// 5pm", "demain matin", "now") relative to now, in now's location. It
// reports false when the message names no day and no time: the question is
// then about now.
func when(text string, now time.Time) (time.Time, bool) {
	text = colonTime.ReplaceAllString(text, "${1}h${2}")
	text = slashDate.ReplaceAllString(text, " ${1}-${2} ")
	words := router.Words(text)
	day := now
	found := false
	hour, minute := -1, 0
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch {
		case w == "demain" || w == "tomorrow":
			day, found = now.AddDate(0, 0, 1), true
		case w == "apres-demain":
			day, found = now.AddDate(0, 0, 2), true
		case w == "aujourd" || w == "today" || w == "ce" && (next == "soir" || next == "matin") || w == "cet" && next == "aprem":
			found = true
		case w == "weekend" || w == "week-end":
			day, found = nextWeekday(now, time.Saturday), true
			if hour < 0 {
				hour = 11
			}
		default:
			if d, ok := dateOf(words, i, now); ok {
				day, found = d, true
				continue
			}
			if wd, ok := weekdays[w]; ok {
				day, found = nextWeekday(now, wd), true
				continue
			}
			if h, ok := dayParts[w]; ok && hour < 0 {
				hour, found = h, true
				continue
			}
			if h, m, ok := clockOf(w, next); ok {
				hour, minute, found = h, m, true
			}
		}
	}
	if !found {
		return now, false
	}
	if hour < 0 {
		if sameDay(day, now) {
			return now, true
		}
		hour = 10
	}
	return time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, now.Location()), true
}

// clockOf reads a time of day: "17h", "17h30", "17:30", "5pm", "5" followed
// by "pm", "10am".
func clockOf(w, next string) (int, int, bool) {
	pm, am := false, false
	switch {
	case strings.HasSuffix(w, "pm"):
		pm, w = true, strings.TrimSuffix(w, "pm")
	case strings.HasSuffix(w, "am"):
		am, w = true, strings.TrimSuffix(w, "am")
	case next == "pm":
		pm = true
	case next == "am":
		am = true
	}
	h, m := w, ""
	if i := strings.IndexAny(w, "h:"); i >= 0 {
		h, m = w[:i], w[i+1:]
	} else if !pm && !am {
		return 0, 0, false
	}
	hour, err := strconv.Atoi(h)
	if err != nil || hour < 0 || hour > 23 {
		return 0, 0, false
	}
	minute := 0
	if m != "" {
		if minute, err = strconv.Atoi(m); err != nil || minute < 0 || minute > 59 {
			return 0, 0, false
		}
	}
	if pm && hour < 12 {
		hour += 12
	}
	if am && hour == 12 {
		hour = 0
	}
	return hour, minute, true
}

// nextWeekday returns the next day that is wd, today included.
func nextWeekday(now time.Time, wd time.Weekday) time.Time {
	d := (int(wd) - int(now.Weekday()) + 7) % 7
	return now.AddDate(0, 0, d)
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}
