package router

import (
	"strconv"
	"strings"
	"time"

	"deploybot"
)

// Reminder commands are read on the raw text, so that the reminder keeps
// its case and accents.
var (
	remindPrefixRe = mustCompile(`(?i)^\s*(?:<@[^>]+>\s*|@\S+\s+)?(?:(?:ajoute|ajouter|ajoutez|cr[ée]e|cr[ée]er|cr[ée]ez|programme|programmer|mets|pose|add|create|set|schedule)\s+(?:(?:un|une|a|an|le|the|new|nouveau)\s+)?(?:new\s+|nouveau\s+)?)?(rappelle|rappeler|rappel|reminder|remind)\b(?:[\s-]+(?:moi|nous|me|us|everyone|tout le monde))?\s*`)
	remindChanRe   = mustCompile(`(?i)^(?:(?:à|a|dans|sur|en|in|on)\s+)?(<#([A-Z0-9]+)(?:\|[^>]*)?>|#[\p{L}\p{N}_.-]+|ici|here)(?:\s+|$)`)
	connectorFrRe  = mustCompile(`(?i)\s(?:de\s+|d['’]\s*|pour\s+|qu['’]\s*|que\s+)`)
	connectorEnRe  = mustCompile(`(?i)\s(?:to|that|about)\s+`)
	dotTime        = mustCompile(`\b(\d{1,2})\.(\d{2})\b`)
	// remindChanAnyRe is a channel named after a preposition anywhere.
	remindChanAnyRe = mustCompile(`(?i)(?:^|\s)(?:à|a|dans|sur|en|in|on|to)\s+(?:<#([A-Z0-9]+)(?:\|[^>]*)?>|(#[\p{L}\p{N}_.-]+))`)
)

// textColon returns the index of the colon that opens a reminder's text:
// one not inside a time ("16:30"), or -1.
func textColon(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		if i > 0 && i+1 < len(s) && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			continue
		}
		return i
	}
	return -1
}

func itoa(n int) string { return strconv.Itoa(n) }

// reminderRequest is what a create command asks for.
type reminderRequest struct {
	lang    deploybot.Lang
	channel string
	days    [7]bool
	hour    int
	minute  int
	text    string
}

// parseReminder reads a create command. It reports matched when the text
// is one (a reminder verb with a channel or a schedule), and ok when it is
// complete: days, a time and a text (the channel is the message's when
// none is named: "" here).
func parseReminder(text string) (req reminderRequest, matched, ok bool) {
	m := remindPrefixRe.FindStringSubmatchIndex(text)
	if m == nil {
		return req, false, false
	}
	req.lang = deploybot.French
	connector := connectorFrRe
	if strings.HasPrefix(strings.ToLower(text[m[2]:m[3]]), "remind") {
		req.lang, connector = deploybot.English, connectorEnRe
	}
	rest := text[m[1]:]
	explicitChannel := false
	if c := remindChanRe.FindStringSubmatch(rest); c != nil {
		explicitChannel = true
		switch {
		case c[2] != "": // Slack markup <#C123|name>
			req.channel = c[2]
		case strings.HasPrefix(c[1], "#"):
			req.channel = c[1]
		}
		rest = rest[len(c[0]):]
	}
	if !explicitChannel {
		// "ajoute un rappel tous les vendredis à 16h sur #deploys : …",
		// "add a reminder every friday 4pm in #web: …": the channel after
		// the schedule.
		// Only before the text: "remind me daily at 9 to post in #deploys"
		// keeps its channel in the text.
		limit := len(rest)
		if i := textColon(rest); i > 0 {
			limit = i
		} else if loc := connector.FindStringIndex(rest); loc != nil {
			limit = loc[0]
		}
		if c := remindChanAnyRe.FindStringSubmatchIndex(rest[:limit]); c != nil {
			explicitChannel = true
			if c[4] >= 0 {
				req.channel = rest[c[4]:c[5]]
			} else {
				req.channel = rest[c[2]:c[3]]
			}
			rest = rest[:c[0]] + " " + rest[c[1]:]
		}
	}
	if i := textColon(rest); i > 0 {
		// "… à 16h : pas de MEP le week-end": the text after the colon,
		// whatever its words ("de" in it is no connector).
		days, hasDays, hour, minute, hasTime := parseWhen(rest[:i])
		text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(rest[i+1:]), ".!"))
		if hasDays && hasTime && text != "" {
			req.days, req.hour, req.minute, req.text = days, hour, minute, text
			return req, true, true
		}
	}
	hint := explicitChannel
	for _, loc := range connector.FindAllStringIndex(rest, -1) {
		days, hasDays, hour, minute, hasTime := parseWhen(rest[:loc[0]])
		hint = hint || hasDays || hasTime
		text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(rest[loc[1]:]), ".!"))
		if hasDays && hasTime && text != "" {
			req.days, req.hour, req.minute, req.text = days, hour, minute, text
			return req, true, true
		}
	}
	spaced := " " + rest // the connector right after the channel: "remind #deploys to …"
	for _, loc := range connector.FindAllStringIndex(spaced, -1) {
		// The schedule after the text: "remind #deploys to check staging
		// every monday at 10", "rappelle à #deploys de vérifier le
		// staging chaque lundi à 10h".
		if _, hd, _, _, ht := parseWhen(spaced[:loc[0]]); hd || ht {
			continue
		}
		text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(spaced[loc[1]:]), ".!"))
		if head, days, hour, minute, ok := trailingWhen(text); ok {
			req.days, req.hour, req.minute, req.text = days, hour, minute, head
			return req, true, true
		}
	}
	if !hint {
		_, hasDays, _, _, hasTime := parseWhen(rest)
		hint = hasDays || hasTime
	}
	if t, ok := strings.CutPrefix(strings.TrimSpace(rest), ":"); ok {
		req.text = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), ".!")) // "… dans #deploys : penser au changelog"
	}
	return req, hint, false
}

// scheduleOpeners open a schedule said after a reminder's text: "every
// monday at 10", "chaque lundi à 10h", "tous les vendredis à 16h", "du
// lundi au vendredi à 9h", "on mondays at 9".
var scheduleOpeners = setOf("every", "each", "on", "daily", "weekdays", "chaque", "tous", "toutes", "les", "le", "du")

// trailingWhen splits text into a reminder's text and the schedule said
// after it: a head with no day nor time in it, then, from a word that
// opens a schedule, days and a time ("check staging every monday at 10";
// not "check the monday release at 10").
func trailingWhen(text string) (head string, days [7]bool, hour, minute int, ok bool) {
	fields := strings.Fields(text)
	for k := len(fields) - 1; k >= 1; k-- {
		// The last opener whose tail is a whole schedule, then the
		// openers before it ("tous les vendredis à 16h").
		if !scheduleOpeners.has(strings.ToLower(fields[k])) {
			continue
		}
		d, hasDays, h, mi, hasTime := parseWhen(strings.Join(fields[k:], " "))
		if !hasDays || !hasTime {
			continue
		}
		hf := fields[:k]
		for len(hf) > 0 && scheduleOpeners.has(strings.ToLower(hf[len(hf)-1])) {
			hf = hf[:len(hf)-1]
		}
		if _, hd, _, _, ht := parseWhen(strings.Join(hf, " ")); hd || ht || len(hf) == 0 {
			return "", days, 0, 0, false
		}
		return strings.TrimRight(strings.Join(hf, " "), ",;"), d, h, mi, true
	}
	return "", days, 0, 0, false
}

// parseWhen reads a recurring schedule: days ("chaque mardi", "tous les
// jours", "du lundi au vendredi", "every weekday", "on Mondays and
// Thursdays") and a time of day ("à 9h30", "at 9:30", "at 5pm", "à midi").
func parseWhen(phrase string) (days [7]bool, hasDays bool, hour, minute int, hasTime bool) {
	phrase = colonTime.ReplaceAllString(meridiem.Replace(phrase), "${1}h${2}${3}")
	phrase = dotTime.ReplaceAllString(phrase, "${1}h${2}")
	words := wordsOf(phrase)
	var named [7]bool
	hasNamed, all, weekdaysOnly, weekend := false, false, false, false
	last := -1 // the last day named, for ranges
	rangeNext := false
	markRange := func(from, to time.Weekday) {
		for d := from; ; d = (d + 1) % 7 {
			named[d] = true
			if d == to {
				break
			}
		}
	}
	day := func(w string) (time.Weekday, bool) {
		if d, ok := weekdays[w]; ok {
			return d, true
		}
		d, ok := weekdays[strings.TrimSuffix(w, "s")]
		return d, ok
	}
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		if a, b, ok := strings.Cut(w, "-"); ok {
			if da, ok1 := day(a); ok1 {
				if db, ok2 := day(b); ok2 {
					markRange(da, db)
					hasNamed, last = true, int(db)
					continue
				}
			}
		}
		if d, ok := day(w); ok {
			if rangeNext && last >= 0 {
				markRange(time.Weekday(last), d)
			}
			named[d] = true
			hasNamed, last, rangeNext = true, int(d), false
			continue
		}
		switch w {
		case "jour", "jours", "day", "days", "daily", "everyday", "quotidien", "quotidiennement":
			all = true
		case "ouvre", "ouvres", "ouvrable", "ouvrables", "weekday", "weekdays", "semaine":
			weekdaysOnly = true
		case "weekend", "weekends", "week-end", "week-ends":
			weekend = true
		case "au", "to", "through", "thru", "till", "until", "jusqu":
			rangeNext = last >= 0
			continue
		case "midi", "noon":
			hour, minute, hasTime = 12, 0, true
			continue
		case "minuit", "midnight":
			hour, minute, hasTime = 0, 0, true
			continue
		case "a", "at", "vers", "around":
			if n, err := atoi(next); err == nil && n >= 0 && n <= 23 && !hasTime {
				hour, minute, hasTime = n, 0, true
			}
			continue
		}
		if h, m, ok := clockOf(w, next); ok {
			hour, minute, hasTime = h, m, true
		}
		rangeNext = false
	}
	switch {
	case hasNamed:
		days = named
	case weekdaysOnly:
		for d := time.Monday; d <= time.Friday; d++ {
			days[d] = true
		}
	case weekend:
		days[time.Saturday], days[time.Sunday] = true, true
	case all:
		days = [7]bool{true, true, true, true, true, true, true}
	}
	for _, on := range days {
		hasDays = hasDays || on
	}
	return days, hasDays, hour, minute, hasTime
}

// dowField writes the days as a cron day-of-week field.
func dowField(days [7]bool) string {
	var on []string
	for d, ok := range days {
		if ok {
			on = append(on, strconv.Itoa(d))
		}
	}
	switch {
	case len(on) == 7:
		return "*"
	case strings.Join(on, ",") == "1,2,3,4,5":
		return "1-5"
	}
	return strings.Join(on, ",")
}
