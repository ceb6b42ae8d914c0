package router

import (
	"maps"
	"slices"
	"strings"
	"time"

	"deploybot"
)

// weekdays maps day names, French and English, to weekdays.
var weekdays = map[string]time.Weekday{
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
	"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"thurs": time.Thursday, "fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

// shortWeekdays are French weekdays cut short, read only before a day
// number ("ven 18", "jeu 24": "jeu" alone is a game).
var shortWeekdays = map[string]time.Weekday{"lun": time.Monday, "mer": time.Wednesday, "jeu": time.Thursday, "ven": time.Friday,
	"sam": time.Saturday, "dim": time.Sunday}

// months maps month names and abbreviations, French and English, to months.
var months = map[string]time.Month{
	"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
	"septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
	"nov": 11, "dec": 12, "janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12,
}

// numberWords are the small numbers people write out.
var numberWords = map[string]int{
	"un": 1, "une": 1, "one": 1, "a": 1, "an": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4,
	"cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "dix": 10, "ten": 10,
	"quinze": 15, "fifteen": 15, "vingt": 20, "twenty": 20, "trente": 30, "thirty": 30, "quarante-cinq": 45,
}

// momentNames are the words of weekdays, months and dayParts.
var momentNames = setOf(slices.Concat(slices.Collect(maps.Keys(weekdays)), slices.Collect(maps.Keys(months)),
	slices.Collect(maps.Keys(dayParts)), slices.Collect(maps.Keys(shortWeekdays)))...)

// dayParts name a part of the day, with the hour they stand for.
var dayParts = map[string]int{
	"matin": 10, "morning": 10, "midi": 12, "noon": 12, "aprem": 15, "apres-midi": 15, "afternoon": 15,
	"soir": 19, "evening": 19, "tonight": 19, "soiree": 19, "nuit": 23, "night": 23, "minuit": 0, "midnight": 0,
}

var (
	// meridiem writes "p.m." and "a.m." as "pm" and "am".
	meridiem  = strings.NewReplacer(" p.m.", "pm", "p.m.", "pm", " a.m.", "am", "a.m.", "am", " P.M.", "pm", " A.M.", "am")
	colonTime = mustCompile(`\b(\d{1,2}):(\d{2})(am|pm|AM|PM)?\b`)
	slashDate = mustCompile(`\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b`)
	isoDate   = mustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// Moment finds the moment a message names ("Dec 22 at 10am", "le 22/12 à
// 10h", "next Tuesday at 10", "demain 9h", "dans deux heures", "this
// Friday afternoon", "lundi prochain"). It reports false when the message
// names none.
func Moment(text string) (deploybot.Moment, bool) {
	return momentOf(text, nil)
}

// momentOf is Moment; words, when not nil, are Words(text), read as they
// are when no time or date of text needs writing otherwise.
func momentOf(text string, words []string) (deploybot.Moment, bool) {
	m := deploybot.Moment{Hour: -1}
	rewritten := colonTime.ReplaceAllString(meridiem.Replace(text), " ${1}h${2}${3} ")
	rewritten = isoDate.ReplaceAllString(rewritten, " iso${1}-${2}-${3} ")
	rewritten = slashDate.ReplaceAllString(rewritten, " date${1}-${2}-${3} ")
	if words == nil || rewritten != text {
		words = wordsOf(rewritten)
	}
	found := false
	var written []string
	note := func(ws ...string) { written = append(written, ws...) }
	at := func(i int) string {
		if i < 0 || i >= len(words) {
			return ""
		}
		return words[i]
	}
	for i := 0; i < len(words); i++ {
		w, next, prev := words[i], at(i+1), at(i-1)
		switch {
		case w == "demain" || w == "tomorrow" || laterSlangDays.has(w):
			m.Days, found = 1, true
			note(w)
		case w == "apres-demain" || w == "apres" && next == "demain":
			m.Days, found = 2, true
			note("après-demain")
			if w == "apres" {
				i++
			}
		case w == "aujourd" || w == "today" || w == "tonight" && m.Hour < 0:
			found = true
			note(w)
			if w == "tonight" {
				m.Hour = 19
			}
		case (w == "dans" || w == "in") && durationAt(words, i+1) > 0:
			m.In, found = durationAt(words, i+1), true
			note(w, next, at(i+2))
			i += 2
		case (w == "next" || w == "prochain" || w == "prochaine") && (next == "week" || prev == "semaine"):
			m.Days, m.HasDay, m.Weekday, m.NextWeek, found = 0, true, time.Monday, true, true
			note(w)
		case w == "weekend" || w == "week-end":
			m.HasDay, m.Weekday, found = true, time.Saturday, true
			if m.Hour < 0 {
				m.Hour = 11
			}
			note(w)
		case strings.HasPrefix(w, "iso"):
			if p := strings.Split(strings.TrimPrefix(w, "iso"), "-"); len(p) == 3 {
				y, _ := atoi(p[0])
				mo, _ := atoi(p[1])
				d, _ := atoi(p[2])
				if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
					m.Year, m.Month, m.Day, found = y, time.Month(mo), d, true
					note(w)
				}
			}
		case strings.HasPrefix(w, "date"):
			p := strings.Split(strings.TrimPrefix(w, "date"), "-")
			if len(p) >= 2 {
				d, _ := atoi(p[0])
				mo, _ := atoi(p[1])
				if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
					m.Month, m.Day, found = time.Month(mo), d, true
					if len(p) == 3 && p[2] != "" {
						y, _ := atoi(p[2])
						if y < 100 {
							y += 2000
						}
						m.Year = y
					}
					note(w)
				}
			}
		default:
			// A month, a day or a part of a day: momentNames refuses the
			// other words before the three maps (their look-ups of every
			// word were 1 % of route --jsonl's CPU, issue 19).
			if momentNames.has(w) {
				if mo, ok := months[w]; ok && (dayNumber(prev) > 0 || dayNumber(next) > 0 || prev == "of" && dayNumber(at(i-2)) > 0) {
					d := dayNumber(prev)
					if d == 0 && prev == "of" {
						d = dayNumber(at(i - 2)) // "the 24th of december": the month was dropped
					}
					if d == 0 {
						d = dayNumber(next)
					}
					m.Month, m.Day, found = mo, d, true
					note(w)
					continue
				}
				if wd, ok := shortWeekdays[w]; ok && dayNumber(next) > 0 && dayNumber(next) <= 31 && !isMonth(at(i+2)) && m.Month == 0 {
					// "ven 18 à 15h", "jeu 24": a short weekday, with its date.
					m.HasDay, m.Weekday, m.Day, found = true, wd, dayNumber(next), true
					note(w, next)
					i++
					continue
				}
				if wd, ok := weekdays[w]; ok && (len(w) > 3 || i > 0) {
					m.HasDay, m.Weekday, found = true, wd, true
					if k := i + 1 + btoi(next == "the"); m.Month == 0 && dayNumber(at(k)) > 0 && dayNumber(at(k)) <= 31 && !isMonth(at(k+1)) && !isMonth(prev) {
						// "jeudi 24 à 11h", "friday the 18th": that date.
						m.Day = dayNumber(at(k))
						note(w, at(k))
						i = k
						continue
					}
					if next == "prochain" || next == "prochaine" || prev == "next" || next == "next" {
						m.NextWeek = true
					}
					if prev == "next" && (at(i-2) == "the" || at(i-2) == "a") {
						m.NextWeek = true
					}
					note(w)
					continue
				}
				if h, ok := dayParts[w]; ok && m.Hour < 0 {
					m.Hour, found = h, true
					note(w)
					continue
				}
			}
			if h, mi, ok := clockOf(w, next); ok {
				m.Hour, m.Minute, found = h, mi, true
				note(w)
				continue
			}
			// "le 23 au soir", "the 23rd at 8pm": a day of the month alone,
			// with the time of that day.
			if (w == "le" || w == "the") && m.Day == 0 && dayNumber(next) > 0 && dayNumber(next) <= 31 && !isMonth(at(i+2)) &&
				(dayParts[at(i+2)] > 0 || dayParts[at(i+3)] > 0 && (at(i+2) == "au" || at(i+2) == "in" || at(i+2) == "dans") ||
					(at(i+2) == "a" || at(i+2) == "at" || at(i+2) == "vers") && at(i+3) != "") {
				if _, _, ok := clockOf(at(i+3), at(i+4)); ok || dayParts[at(i+2)] > 0 || dayParts[at(i+3)] > 0 {
					m.Day, found = dayNumber(next), true
					note(w, next)
					i++
					continue
				}
			}
			// "at 10", "à 10", "vers 9": a bare hour after "at", "à".
			if (w == "at" || w == "a" || w == "vers" || w == "around") && found {
				if n, err := atoi(next); err == nil && n >= 0 && n <= 23 && m.Hour < 0 {
					m.Hour, m.Minute = n, 0
					if n >= 1 && n <= 7 {
						m.Hour += 12 // "at 3": an afternoon hour in a working day
					}
					note(w, next)
					i++
				}
			}
		}
	}
	if !found {
		return deploybot.Moment{}, false
	}
	if m.Hour < 0 {
		if h, ok := bareHourOf(words); ok {
			m.Hour, m.Minute = h, 0 // "at 17 on the 3rd of march": the hour said before the date
		}
	}
	m.Written = strings.Join(written, " ")
	return m, true
}

// dayNumber reads a day of the month: "22", "22nd", "1er".
func dayNumber(w string) int {
	for _, suf := range []string{"st", "nd", "rd", "th", "er", "e"} {
		if strings.HasSuffix(w, suf) {
			w = strings.TrimSuffix(w, suf)
			break
		}
	}
	d, err := atoi(w)
	if err != nil || d < 1 || d > 31 {
		return 0
	}
	return d
}

// durationAt reads "2 hours", "deux heures", "30 min", "une heure" at
// words[i]; 0 when none.
func durationAt(words []string, i int) time.Duration {
	if i+1 > len(words) {
		return 0
	}
	w := words[i]
	n, err := atoi(w)
	unit := ""
	if i+1 < len(words) {
		unit = words[i+1]
	}
	if err != nil {
		v, ok := numberWords[w]
		if !ok {
			// "2h", "30min"
			for _, suf := range []string{"h", "min", "mn"} {
				if strings.HasSuffix(w, suf) {
					if v, err := atoi(strings.TrimSuffix(w, suf)); err == nil {
						if suf == "h" {
							return time.Duration(v) * time.Hour
						}
						return time.Duration(v) * time.Minute
					}
				}
			}
			return 0
		}
		n = v
	}
	switch unit {
	case "h", "heure", "heures", "hour", "hours", "hr", "hrs":
		return time.Duration(n) * time.Hour
	case "min", "mins", "minute", "minutes", "mn":
		return time.Duration(n) * time.Minute
	case "jour", "jours", "day", "days":
		return time.Duration(n) * 24 * time.Hour
	}
	return 0
}

// clockOf reads a time of day: "17h", "17h30", "5pm", "5" followed by
// "pm", "10am".
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
	h, mi := w, ""
	if i := strings.IndexAny(w, "h:"); i >= 0 {
		h, mi = w[:i], w[i+1:]
	} else if !pm && !am {
		return 0, 0, false
	}
	hour, err := atoi(h)
	if err != nil || hour < 0 || hour > 23 {
		return 0, 0, false
	}
	minute := 0
	if mi != "" {
		if minute, err = atoi(mi); err != nil || minute < 0 || minute > 59 {
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

// isMonth reports whether w names a month.
func isMonth(w string) bool {
	_, ok := months[w]
	return ok
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Chat's spellings of a later moment: tomorrow ("tmrw", "2moro", "dem1")
// and later today ("l8r", "tonite", "eod"). laterSlangDays count a day;
// laterSpelled are both, the words laterMoment and the deferrals know.
var (
	tomorrowSpellings = []string{"tmrw", "tmw", "tomorow", "tommorow", "tommorrow", "2moro", "2morrow", "2mrw", "dem1", "dmain", "2main"}
	laterTodaySpelled = []string{"l8r", "tonite", "2nite", "eod"}
	laterSlangDays    = setOf(tomorrowSpellings...)
	laterSpelled      = setOf(append(slices.Clone(tomorrowSpellings), laterTodaySpelled...)...)
)
