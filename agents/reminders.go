package agents

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"deploybot"
	"deploybot/router"
)

// Reminder commands. The create commands are matched on the raw text, so
// that the reminder keeps its case and accents; list and delete on folded
// text.
var (
	remindPrefixRe = regexp.MustCompile(`(?i)^\s*(?:<@[^>]+>\s*|@\S+\s+)?(rappelle|rappeler|rappel|remind)\b(?:[\s-]+(?:moi|nous|me|us|everyone|tout le monde))?\s*`)
	remindChanRe   = regexp.MustCompile(`(?i)^(?:(?:à|a|dans|sur|en|in|on)\s+)?(<#([A-Z0-9]+)(?:\|[^>]*)?>|#[\p{L}\p{N}_.-]+|ici|here)(?:\s+|$)`)
	connectorFrRe  = regexp.MustCompile(`(?i)\s(?:de\s+|d['’]\s*|pour\s+|qu['’]\s*|que\s+)`)
	connectorEnRe  = regexp.MustCompile(`(?i)\s(?:to|that|about)\s+`)
	dotTime        = regexp.MustCompile(`\b(\d{1,2})\.(\d{2})\b`)
	listFrRe       = regexp.MustCompile(`^(?:(?:liste|lister|affiche|afficher|montre|montrer|voir|quels sont)\s+)?(?:moi\s+)?(?:les\s+|mes\s+|tous\s+les\s+)?rappels$`)
	listEnRe       = regexp.MustCompile(`^(?:(?:list|show)\s+)?(?:me\s+)?(?:the\s+|my\s+|all\s+)?reminders$`)
	deleteFrRe     = regexp.MustCompile(`^(?:supprime|supprimer|efface|effacer|retire|retirer|annule|annuler|enleve|enlever)\s+(?:le\s+)?rappel\s+(?:n\s+|no\s+|numero\s+)?(\d+)$`)
	deleteEnRe     = regexp.MustCompile(`^(?:delete|remove|cancel|drop)\s+(?:the\s+)?reminder\s+(?:no\s+|number\s+)?(\d+)$`)
	reminderCronRe = regexp.MustCompile(`^(?:(?:CRON_TZ|TZ)=\S+\s+)?(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+(\S+)$`)
)

// reminderCommand handles the reminder commands of the chat ("rappelle à
// #deploys chaque mardi à 9h30 de vérifier le staging", "list reminders",
// "supprime le rappel 3"). It reports false when text is not one. Replies
// are in the language of the command; the reminder posts in it too.
func (o *Orchestrator) reminderCommand(ctx context.Context, msg deploybot.Message, _ deploybot.Lang) (deploybot.Reply, bool, error) {
	line := foldLine(msg.Text)
	switch {
	case listFrRe.MatchString(line):
		r, err := o.listReminders(ctx, deploybot.French)
		return r, true, err
	case listEnRe.MatchString(line):
		r, err := o.listReminders(ctx, deploybot.English)
		return r, true, err
	}
	if m := deleteFrRe.FindStringSubmatch(line); m != nil {
		r, err := o.deleteReminder(ctx, msg, deploybot.French, m[1])
		return r, true, err
	}
	if m := deleteEnRe.FindStringSubmatch(line); m != nil {
		r, err := o.deleteReminder(ctx, msg, deploybot.English, m[1])
		return r, true, err
	}
	return o.createReminder(ctx, msg)
}

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
// complete: a channel (the message's by default), days, a time and a text.
func parseReminder(msg deploybot.Message) (req reminderRequest, matched, ok bool) {
	m := remindPrefixRe.FindStringSubmatchIndex(msg.Text)
	if m == nil {
		return req, false, false
	}
	req.lang = deploybot.French
	connector := connectorFrRe
	if strings.EqualFold(msg.Text[m[2]:m[3]], "remind") {
		req.lang, connector = deploybot.English, connectorEnRe
	}
	rest := msg.Text[m[1]:]
	req.channel = msg.Channel
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
	if !hint {
		_, hasDays, _, _, hasTime := parseWhen(rest)
		hint = hasDays || hasTime
	}
	return req, hint, false
}

// parseWhen reads a recurring schedule: days ("chaque mardi", "tous les
// jours", "du lundi au vendredi", "every weekday", "on Mondays and
// Thursdays") and a time of day ("à 9h30", "at 9:30", "at 5pm", "à midi").
func parseWhen(phrase string) (days [7]bool, hasDays bool, hour, minute int, hasTime bool) {
	phrase = colonTime.ReplaceAllString(phrase, "${1}h${2}")
	phrase = dotTime.ReplaceAllString(phrase, "${1}h${2}")
	words := router.Words(phrase)
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
			if n, err := strconv.Atoi(next); err == nil && n >= 0 && n <= 23 && !hasTime {
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

// describeCron writes a reminder's schedule as people say it: "chaque
// mardi à 9h30", "every Tuesday at 09:30". A spec this chat did not write
// is shown as is.
func describeCron(l deploybot.Lang, spec string) string {
	m := reminderCronRe.FindStringSubmatch(strings.TrimSpace(spec))
	if m == nil {
		return "cron `" + spec + "`"
	}
	minute, _ := strconv.Atoi(m[1])
	hour, _ := strconv.Atoi(m[2])
	at := fmt.Sprintf("%dh%02d", hour, minute)
	if minute == 0 {
		at = fmt.Sprintf("%dh", hour)
	}
	at = l.Pick("à "+at, fmt.Sprintf("at %02d:%02d", hour, minute))
	switch m[3] {
	case "*":
		return l.Pick("tous les jours ", "every day ") + at
	case "1-5":
		return l.Pick("du lundi au vendredi ", "on weekdays ") + at
	}
	var names []string
	for _, f := range strings.Split(m[3], ",") {
		d, err := strconv.Atoi(f)
		if err != nil || d < 0 || d > 7 {
			return "cron `" + spec + "`"
		}
		if l == deploybot.English {
			names = append(names, time.Weekday(d%7).String())
		} else {
			names = append(names, frDays[d%7])
		}
	}
	list := names[0]
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], ", ") + l.Pick(" et ", " and ") + names[n-1]
	}
	return l.Pick("chaque ", "every ") + list + " " + at
}

// nextReminder returns the first time after now the schedule of req comes.
func nextReminder(req reminderRequest, now time.Time) time.Time {
	for d := 0; d <= 7; d++ {
		t := time.Date(now.Year(), now.Month(), now.Day()+d, req.hour, req.minute, 0, 0, now.Location())
		if req.days[t.Weekday()] && t.After(now) {
			return t
		}
	}
	return time.Time{}
}

// slackChannelID matches a Slack channel id.
var slackChannelID = regexp.MustCompile(`^[CGD][A-Z0-9]{4,}$`)

// channelLabel shows a stored channel: a Slack mention for a Slack channel
// id, else as written ("#deploys", "terminal").
func channelLabel(c string) string {
	if slackChannelID.MatchString(c) {
		return "<#" + c + ">"
	}
	return c
}

func (o *Orchestrator) createReminder(ctx context.Context, msg deploybot.Message) (deploybot.Reply, bool, error) {
	req, matched, ok := parseReminder(msg)
	if !matched {
		return deploybot.Reply{}, false, nil
	}
	l := req.lang
	if !ok {
		return deploybot.Reply{Lang: l, Text: l.Pick(
			"Je n'ai pas compris le rappel. Dites où, quand et quoi, par exemple : « rappelle à #deploys chaque mardi à 9h30 de vérifier le staging » (jours : tous les jours, du lundi au vendredi, chaque lundi et jeudi ; heure : 9h30, 17h, midi).",
			"I did not get the reminder. Say where, when and what, for example: \"remind #deploys every tuesday at 9:30 to check staging\" (days: every day, every weekday, every monday and thursday; time: 9:30, 5pm, noon)."),
		}, true, nil
	}
	loc := o.calendar("").Location
	if loc == nil {
		loc = time.UTC
	}
	now := o.now().In(loc)
	r := deploybot.Reminder{
		Kind:      deploybot.ReminderCustom,
		Cron:      fmt.Sprintf("CRON_TZ=%s %d %d * * %s", loc, req.minute, req.hour, dowField(req.days)),
		Channel:   req.channel,
		Message:   req.text,
		Lang:      l,
		CreatedBy: msg.User,
		CreatedAt: now,
	}
	id, err := o.Reminders.AddReminder(ctx, r)
	if err != nil {
		if deploybot.ErrorCode(err) == deploybot.EINVALID {
			return deploybot.Reply{Lang: l, Text: deploybot.ErrorMessage(err)}, true, nil
		}
		return deploybot.Reply{}, true, fmt.Errorf("agents: add reminder: %w", err)
	}
	if o.Logger != nil {
		o.Logger.Info("reminder created", "id", id, "by", msg.User, "channel", r.Channel, "cron", r.Cron)
	}
	text := fmt.Sprintf(l.Pick("C'est noté : rappel n°%d dans %s, %s : %s.", "Noted: reminder #%d in %s, %s: %s."),
		id, channelLabel(r.Channel), describeCron(l, r.Cron), quoted(l, r.Message))
	if next := nextReminder(req, now); !next.IsZero() {
		text += "\n" + l.Pick("Prochain envoi : ", "Next: ") + formatMoment(l, next)
	}
	return deploybot.Reply{Lang: l, Text: text,
		Note: fmt.Sprintf(l.Pick("Pour l'arrêter : « supprime le rappel %d ».", "To stop it: \"delete reminder %d\"."), id)}, true, nil
}

func quoted(l deploybot.Lang, s string) string { return l.Pick("« "+s+" »", "\""+s+"\"") }

func (o *Orchestrator) listReminders(ctx context.Context, l deploybot.Lang) (deploybot.Reply, error) {
	rs, err := o.Reminders.Reminders(ctx)
	if err != nil {
		return deploybot.Reply{}, fmt.Errorf("agents: list reminders: %w", err)
	}
	r := deploybot.Reply{Lang: l, Title: l.Pick("Rappels", "Reminders"),
		Note: l.Pick("Les rappels intégrés (fenêtres, jours fériés, gels) et ceux de la configuration : `deploybot reminders list`.",
			"Built-in reminders (windows, holidays, freezes) and configured ones: `deploybot reminders list`.")}
	if len(rs) == 0 {
		r.Text = l.Pick("Aucun rappel créé par chat pour l'instant. Par exemple : « rappelle à #deploys chaque mardi à 9h30 de vérifier le staging ».",
			"No reminder created by chat yet. For example: \"remind #deploys every tuesday at 9:30 to check staging\".")
		return r, nil
	}
	for _, x := range rs {
		r.Fields = append(r.Fields, deploybot.Field{
			Label: fmt.Sprintf(l.Pick("n°%d", "#%d"), x.ID),
			Value: fmt.Sprintf("%s · %s · %s (%s)", channelLabel(x.Channel), describeCron(l, x.Cron), quoted(l, x.Message), x.CreatedBy),
		})
	}
	r.Note = fmt.Sprintf(l.Pick("Pour en supprimer un : « supprime le rappel %d ». ", "To delete one: \"delete reminder %d\". "), rs[0].ID) + r.Note
	return r, nil
}

func (o *Orchestrator) deleteReminder(ctx context.Context, msg deploybot.Message, l deploybot.Lang, idText string) (deploybot.Reply, error) {
	id, err := strconv.ParseInt(idText, 10, 64)
	notFound := deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
		"Je ne trouve pas de rappel n°%s. « liste les rappels » pour les voir.",
		"I find no reminder #%s. \"list reminders\" shows them."), idText)}
	if err != nil {
		return notFound, nil
	}
	rs, err := o.Reminders.Reminders(ctx)
	if err != nil {
		return deploybot.Reply{}, fmt.Errorf("agents: delete reminder %d: %w", id, err)
	}
	var target *deploybot.Reminder
	for i := range rs {
		if rs[i].ID == id {
			target = &rs[i]
		}
	}
	if target == nil {
		return notFound, nil
	}
	if err := o.Reminders.DeleteReminder(ctx, id, msg.User); err != nil {
		if deploybot.ErrorCode(err) == deploybot.ENOTFOUND {
			return notFound, nil
		}
		return deploybot.Reply{}, fmt.Errorf("agents: delete reminder %d: %w", id, err)
	}
	if o.Logger != nil {
		o.Logger.Info("reminder deleted", "id", id, "by", msg.User)
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Rappel n°%d supprimé : %s dans %s (%s).", "Reminder #%d deleted: %s in %s (%s)."),
		id, quoted(l, target.Message), channelLabel(target.Channel), describeCron(l, target.Cron))}, nil
}
