package agents

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"deploybot"
)

var reminderCronRe = regexp.MustCompile(`^(?:(?:CRON_TZ|TZ)=\S+\s+)?(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+(\S+)$`)

// reminderCommand runs the reminder commands the parser read: list, delete,
// add (channel, days as a cron field, hour, minute, text). Replies are in
// the language of the command; the reminder posts in it too.
func (o *Orchestrator) reminderCommand(ctx context.Context, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	l := req.Lang
	switch req.Arg("op") {
	case "list":
		return o.listReminders(ctx, l)
	case "delete":
		return o.deleteReminder(ctx, msg, l, req.Arg("id"))
	case "add":
		return o.createReminder(ctx, msg, req)
	}
	if ch := req.Arg("channel"); ch != "" && req.Arg("missing") == "text" {
		// When is said, what is not ("remind #api every monday at 9"):
		// ask it; the answer is the reminder's text (router: a
		// reminder's follow-up; the memory keeps this question).
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(whatAskFr+" dans %s ? Par exemple « vérifier le staging ».",
			whatAskEn+" in %s? For example \"check staging\"."), ch)}, nil
	}
	if ch := req.Arg("channel"); ch != "" {
		// Where is said, when is not: ask it; the answer ("chaque lundi
		// à 10h") completes the reminder (router: a reminder's
		// follow-up; the memory keeps this question).
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(whenAskFr+" dans %s ? Par exemple « chaque mardi à 9h30 » (jours : tous les jours, du lundi au vendredi, chaque lundi et jeudi ; heure : 9h30, 17h, midi).",
			whenAskEn+" in %s? For example \"every tuesday at 9:30\" (days: every day, every weekday, every monday and thursday; time: 9:30, 5pm, noon)."), ch)}, nil
	}
	return deploybot.Reply{Lang: l, Text: l.Pick(
		"Je n'ai pas compris le rappel. Dites où, quand et quoi, par exemple : « rappelle à #deploys chaque mardi à 9h30 de vérifier le staging » (jours : tous les jours, du lundi au vendredi, chaque lundi et jeudi ; heure : 9h30, 17h, midi).",
		"I did not get the reminder. Say where, when and what, for example: \"remind #deploys every tuesday at 9:30 to check staging\" (days: every day, every weekday, every monday and thursday; time: 9:30, 5pm, noon)."),
	}, nil
}

// The openings of the question for a reminder's schedule, which the
// memory keeps and the router reads as the bot's turn.
const (
	whenAskFr = "Quand dois-je le rappeler"
	whenAskEn = "When should I remind it"
	whatAskFr = "Que dois-je rappeler"
	whatAskEn = "What should I remind"
)

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

// nextReminder returns the first time after now a schedule at hour:minute
// on the days of a cron day-of-week field comes.
func nextReminder(dow string, hour, minute int, now time.Time) time.Time {
	for d := 0; d <= 7; d++ {
		t := time.Date(now.Year(), now.Month(), now.Day()+d, hour, minute, 0, 0, now.Location())
		if t.After(now) && dowHas(dow, t.Weekday()) {
			return t
		}
	}
	return time.Time{}
}

// dowHas reports whether a cron day-of-week field ("*", "1-5", "2,4")
// holds wd.
func dowHas(dow string, wd time.Weekday) bool {
	switch dow {
	case "*":
		return true
	case "1-5":
		return wd >= time.Monday && wd <= time.Friday
	}
	for _, f := range strings.Split(dow, ",") {
		if n, err := strconv.Atoi(f); err == nil && time.Weekday(n%7) == wd {
			return true
		}
	}
	return false
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

func (o *Orchestrator) createReminder(ctx context.Context, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	l := req.Lang
	loc := o.location()
	now := o.now().In(loc)
	hour, _ := strconv.Atoi(req.Arg("hour"))
	minute, _ := strconv.Atoi(req.Arg("minute"))
	channel := req.Arg("channel")
	if channel == "" {
		channel = msg.Channel
	}
	r := deploybot.Reminder{
		Kind:      deploybot.ReminderCustom,
		Cron:      fmt.Sprintf("CRON_TZ=%s %d %d * * %s", loc, minute, hour, req.Arg("dow")),
		Channel:   channel,
		Message:   req.Arg("text"),
		Lang:      l,
		CreatedBy: msg.User,
		CreatedAt: now,
	}
	id, err := o.Reminders.AddReminder(ctx, r)
	if err != nil {
		if deploybot.ErrorCode(err) == deploybot.EINVALID {
			return deploybot.Reply{Lang: l, Text: deploybot.ErrorMessageIn(err, l)}, nil
		}
		return deploybot.Reply{}, fmt.Errorf("agents: add reminder: %w", err)
	}
	if o.Logger != nil {
		o.Logger.Info("reminder created", "id", id, "by", msg.User, "channel", r.Channel, "cron", r.Cron)
	}
	text := fmt.Sprintf(l.Pick("C'est noté : rappel n°%d dans %s, %s : %s.", "Noted: reminder #%d in %s, %s: %s."),
		id, channelLabel(r.Channel), describeCron(l, r.Cron), quoted(l, r.Message))
	if next := nextReminder(req.Arg("dow"), hour, minute, now); !next.IsZero() {
		text += "\n" + l.Pick("Prochain envoi : ", "Next: ") + formatMoment(l, next)
	}
	return deploybot.Reply{Lang: l, Text: text,
		Note: fmt.Sprintf(l.Pick("Pour l'arrêter : « supprime le rappel %d ».", "To stop it: \"delete reminder %d\"."), id)}, nil
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
	if idText == "" {
		// "supprime le rappel du vendredi": which one, from the list;
		// the answer ("le 4", "#5") deletes it (router: a reminder's
		// follow-up; the memory keeps this question).
		rs, err := o.Reminders.Reminders(ctx)
		if err != nil {
			return deploybot.Reply{}, fmt.Errorf("agents: delete reminder: %w", err)
		}
		if len(rs) == 0 {
			return deploybot.Reply{Lang: l, Text: l.Pick("Aucun rappel créé par chat à supprimer.", "No reminder created by chat to delete.")}, nil
		}
		items := make([]string, 0, len(rs))
		for _, x := range rs {
			items = append(items, fmt.Sprintf("#%d (%s, %s)", x.ID, describeCron(l, x.Cron), channelLabel(x.Channel)))
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Rappels : %s. Lequel ?", "Reminders: %s. Which one?"), strings.Join(items, ", "))}, nil
	}
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
