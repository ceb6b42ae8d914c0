package schedule

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"deploybot"
	"deploybot/policy"
)

// The built-in reminders speak of production deployments, the ones the
// windows, holidays and freezes are about.
const production = deploybot.EnvProduction

// lookahead is how many days ahead holidays and freezes are looked for.
const lookahead = 21

// midnight returns the start of t's day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// addDays moves a day by n calendar days (not 24-hour periods).
func addDays(day time.Time, n int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day()+n, 0, 0, 0, 0, day.Location())
}

// onDay returns the instant of day's wall clock at off since midnight.
func onDay(day time.Time, off time.Duration) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), int(off/time.Hour), int(off%time.Hour/time.Minute), 0, 0, day.Location())
}

// hasWindows reports whether weekday wd has a recommended or acceptable
// window: a day people deploy on, holidays and freezes aside.
func hasWindows(cal policy.Calendar, wd time.Weekday) bool {
	for _, w := range append(append([]policy.Window(nil), cal.Recommended...), cal.Acceptable...) {
		if w.Days[wd] {
			return true
		}
	}
	return false
}

// deployable reports whether production may be deployed on day: the
// calendar classes the start of one of its recommended or acceptable
// windows as such (so not a holiday, an eve or a frozen day).
func deployable(cal policy.Calendar, day time.Time, project string) bool {
	for _, w := range append(append([]policy.Window(nil), cal.Recommended...), cal.Acceptable...) {
		if !w.Days[day.Weekday()] {
			continue
		}
		switch cal.At(onDay(day, w.Start), project, production).Class {
		case policy.Recommended, policy.Acceptable:
			return true
		}
	}
	return false
}

// lastDeployableBefore returns the last deployable day before day.
func lastDeployableBefore(cal policy.Calendar, day time.Time, project string) (time.Time, bool) {
	for i := 1; i <= lookahead; i++ {
		if d := addDays(day, -i); deployable(cal, d, project) {
			return d, true
		}
	}
	return time.Time{}, false
}

// firstDeployableAfter returns the first deployable day after day.
func firstDeployableAfter(cal policy.Calendar, day time.Time, project string) (time.Time, bool) {
	for i := 1; i <= lookahead; i++ {
		if d := addDays(day, i); deployable(cal, d, project) {
			return d, true
		}
	}
	return time.Time{}, false
}

// windowEdges returns the schedule of a kind timed by the windows: the
// starts of the recommended windows (KindWindowOpen), their ends (KindWindowClose),
// or the starts of the avoid windows that begin during a day (KindAvoidStart);
// and their cron specs. No spec means the kind never runs.
func windowEdges(k Kind, cal policy.Calendar) (cron.Schedule, []string, error) {
	var specs []string
	var u union
	add := func(w policy.Window, off time.Duration) error {
		var days []string
		for d, on := range w.Days {
			if on {
				days = append(days, fmt.Sprint(d))
			}
		}
		spec := fmt.Sprintf("%d %d * * %s", int(off%time.Hour/time.Minute), int(off/time.Hour), strings.Join(days, ","))
		s, err := Parse(spec, cal.Location)
		if err != nil {
			return err
		}
		specs, u = append(specs, spec), append(u, s)
		return nil
	}
	for _, w := range cal.Recommended {
		var err error
		switch {
		case k == KindWindowOpen:
			err = add(w, w.Start)
		case k == KindWindowClose && w.End < 24*time.Hour:
			err = add(w, w.End)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	if k == KindAvoidStart {
		for _, w := range cal.Avoid {
			if w.Start > 0 {
				if err := add(w, w.Start); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	return u, specs, nil
}

// base starts the reply of a built-in reminder: its language, and a note
// naming its project.
func base(j *job, l deploybot.Lang) deploybot.Reply {
	r := deploybot.Reply{Lang: l}
	if j.r.Project != "" {
		r.Note = l.Pick("Projet ", "Project ") + j.r.Project
	}
	return r
}

// period returns the days a check run at stands for: from its day to the
// day of the next run (excluded), at least one day.
func period(j *job, at time.Time) (today, until time.Time) {
	loc := j.loc()
	today = midnight(at, loc)
	until = addDays(today, 1)
	if n := j.sched.Next(at); !n.IsZero() {
		if d := midnight(n, loc); d.After(today) {
			until = d
		}
	}
	return today, until
}

// inPeriod reports whether day is in [from, until).
func inPeriod(day, from, until time.Time) bool { return !day.Before(from) && day.Before(until) }

func composeWindowOpen(j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool) {
	cal := j.cal
	m := cal.At(at, j.r.Project, production)
	if m.Class != policy.Recommended {
		return deploybot.Reply{}, false
	}
	var end time.Duration
	for _, w := range cal.Recommended {
		if w.Contains(m.At) && w.End > end {
			end = w.End
		}
	}
	r := base(j, l)
	r.Text = fmt.Sprintf(l.Pick(
		"☀️ La fenêtre de déploiement recommandée est ouverte jusqu'à %s : c'est le bon moment pour mettre en production ce qui est prêt.",
		"☀️ The recommended deployment window is open until %s: a good time to ship what is ready to production."), clockOf(l, end))
	return r, true
}

func composeWindowClose(j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool) {
	cal := j.cal
	if cal.At(at.Add(-time.Minute), j.r.Project, production).Class != policy.Recommended {
		return deploybot.Reply{}, false
	}
	r := base(j, l)
	r.Text = l.Pick("🌙 La fenêtre de déploiement recommandée est fermée : plus de mise en production sauf urgence.",
		"🌙 The recommended deployment window is closed: no more production deployments unless it is urgent.")
	if next, ok := cal.NextRecommended(at, j.r.Project, production); ok {
		r.Text += " " + colon(l, l.Pick("Prochaine ouverture", "Next opening"), moment(l, next)) + "."
	}
	return r, true
}

func composeAvoidStart(j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool) {
	cal := j.cal
	before := cal.At(at.Add(-time.Minute), j.r.Project, production).Class
	m := cal.At(at, j.r.Project, production)
	if before != policy.Recommended && before != policy.Acceptable || m.Class != policy.Avoid {
		return deploybot.Reply{}, false
	}
	day := m.At.Format("Monday")
	if l != deploybot.English {
		day = capitalize(frDays[m.At.Weekday()])
	}
	r := base(j, l)
	r.Text = fmt.Sprintf(l.Pick(
		"⚠️ %s %s : à partir de maintenant, on évite les mises en production — personne ne serait là pour réagir en cas de problème.",
		"⚠️ %s %s: avoid production deployments from now on — nobody would be around to react if something broke."), day, clock(l, m.At))
	if next, ok := cal.NextRecommended(at, j.r.Project, production); ok {
		r.Text += " " + colon(l, l.Pick("Prochaine fenêtre recommandée", "Next recommended window"), moment(l, next)) + "."
	}
	return r, true
}

func composeHolidayEve(j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool) {
	cal, project := j.cal, j.r.Project
	today, until := period(j, at)
	var lines []string
	var last, lastHoliday time.Time
	for i := 1; i < lookahead; i++ {
		d := addDays(today, i)
		name, ok := cal.Holidays.On(onDay(d, 12*time.Hour))
		if !ok {
			continue
		}
		eve := addDays(d, -1)
		eveCounts := hasWindows(cal, eve.Weekday())
		if _, hol := cal.Holidays.On(onDay(eve, 12*time.Hour)); hol {
			eveCounts = false
		}
		if !hasWindows(cal, d.Weekday()) && !eveCounts {
			continue // a weekend holiday takes no deployment time
		}
		if cal.At(onDay(d, 12*time.Hour), project, production).Class == policy.Frozen {
			continue // the freeze reminders speak for it
		}
		lastDay, ok := lastDeployableBefore(cal, d, project)
		if !ok || !inPeriod(lastDay, today, until) {
			continue
		}
		line := "• " + colon(l, dayDate(l, d), name)
		if eveCounts {
			line += fmt.Sprintf(l.Pick(" ; la veille, %s, est aussi à éviter", "; avoid its eve too, %s"), dayDate(l, eve))
		}
		lines = append(lines, line)
		last, lastHoliday = lastDay, d
	}
	if len(lines) == 0 {
		return deploybot.Reply{}, false
	}
	r := base(j, l)
	r.Title = l.Pick("📅 Jour férié en vue", "📅 Public holiday ahead")
	if len(lines) > 1 {
		r.Title = l.Pick("📅 Jours fériés en vue", "📅 Public holidays ahead")
	}
	if last.Equal(today) {
		lines = append(lines, l.Pick("Aujourd'hui est le dernier jour pour déployer en production avant.",
			"Today is the last day to deploy to production before then."))
	} else {
		lines = append(lines, colon(l, l.Pick("Dernier jour pour déployer en production avant", "Last day to deploy to production before then"), dayDate(l, last))+".")
	}
	if next, ok := cal.NextRecommended(addDays(lastHoliday, 1), project, production); ok {
		lines = append(lines, colon(l, l.Pick("Prochaine fenêtre recommandée ensuite", "Next recommended window after that"), moment(l, next))+".")
	}
	r.Text = strings.Join(lines, "\n")
	return r, true
}

// freezeScope writes what a freeze covers: "(production)", "(production ·
// api, web)", "(tous les environnements)".
func freezeScope(l deploybot.Lang, f policy.Freeze) string {
	envs := strings.Join(f.Environments, ", ")
	if envs == "" {
		envs = l.Pick("tous les environnements", "all environments")
	}
	if len(f.Projects) > 0 {
		envs += " · " + strings.Join(f.Projects, ", ")
	}
	return "(" + envs + ")"
}

// freezeLine writes a freeze: "du dimanche 20 décembre au dimanche 3
// janvier inclus (production) : fin d'année".
func freezeLine(l deploybot.Lang, f policy.Freeze) string {
	s := fmt.Sprintf(l.Pick("du %s au %s inclus %s", "from %s to %s included %s"), dayDate(l, f.From), dayDate(l, f.To), freezeScope(l, f))
	if f.Reason != "" {
		s = colon(l, s, f.Reason)
	}
	return s
}

// freezes returns the freezes of the reminder's calendar that concern its
// project (all of them for an agency-wide reminder).
func freezes(j *job) []policy.Freeze {
	var out []policy.Freeze
	for _, f := range j.cal.Freezes {
		if len(f.Projects) == 0 || j.r.Project == "" || f.Covers(f.From, j.r.Project, "") {
			out = append(out, f)
		}
	}
	return out
}

func composeFreezeStart(j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool) {
	today, until := period(j, at)
	loc := j.loc()
	var lines []string
	var last time.Time
	for _, f := range freezes(j) {
		from := midnight(f.From, loc)
		if !from.After(today) || from.After(addDays(today, lookahead)) {
			continue
		}
		lastDay, ok := lastDeployableBefore(j.cal, from, j.r.Project)
		if !ok || !inPeriod(lastDay, today, until) {
			continue
		}
		lines = append(lines, "• "+capitalize(freezeLine(l, f))+".")
		last = lastDay
	}
	if len(lines) == 0 {
		return deploybot.Reply{}, false
	}
	r := base(j, l)
	r.Title = l.Pick("❄️ Gel des déploiements en vue", "❄️ Deployment freeze ahead")
	if last.Equal(today) {
		lines = append(lines, l.Pick("Aujourd'hui est le dernier jour pour livrer en production avant le gel.",
			"Today is the last day to ship to production before the freeze."))
	} else {
		lines = append(lines, colon(l, l.Pick("Dernier jour pour livrer en production avant le gel", "Last day to ship to production before the freeze"), dayDate(l, last))+".")
	}
	r.Text = strings.Join(lines, "\n")
	return r, true
}

func composeFreezeEnd(j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool) {
	today, until := period(j, at)
	loc := j.loc()
	var lines []string
	for _, f := range freezes(j) {
		to := midnight(f.To, loc)
		if !to.Before(today) || to.Before(addDays(today, -lookahead)) {
			continue
		}
		first, ok := firstDeployableAfter(j.cal, to, j.r.Project)
		if !ok || !inPeriod(first, today, until) {
			continue
		}
		name := l.Pick("Le gel", "The freeze")
		if f.Reason != "" {
			name += " " + quote(l, f.Reason)
		}
		lines = append(lines, fmt.Sprintf(l.Pick("• %s %s s'est terminé le %s : les mises en production reprennent.",
			"• %s %s ended on %s: production deployments resume."), name, freezeScope(l, f), dayDate(l, to)))
	}
	if len(lines) == 0 {
		return deploybot.Reply{}, false
	}
	r := base(j, l)
	r.Title = l.Pick("🌱 Fin du gel des déploiements", "🌱 Deployment freeze over")
	if next, ok := j.cal.NextRecommended(at, j.r.Project, production); ok {
		lines = append(lines, colon(l, l.Pick("Prochaine fenêtre recommandée", "Next recommended window"), moment(l, next))+".")
	}
	r.Text = strings.Join(lines, "\n")
	return r, true
}

func composeWeekly(j *job, at time.Time, l deploybot.Lang) deploybot.Reply {
	cal, project, loc := j.cal, j.r.Project, j.loc()
	today := midnight(at, loc)
	r := base(j, l)
	if today.Weekday() == time.Monday {
		r.Title = fmt.Sprintf(l.Pick("🗓️ Semaine du %s : fenêtres de déploiement", "🗓️ Week of %s: deployment windows"), dayDate(l, today))
	} else {
		r.Title = l.Pick("🗓️ Les sept prochains jours : fenêtres de déploiement", "🗓️ The next seven days: deployment windows")
	}
	for i := 0; i < 7; i++ {
		d := addDays(today, i)
		if !hasWindows(cal, d.Weekday()) {
			continue
		}
		m := cal.At(onDay(d, 12*time.Hour), project, production)
		var value string
		switch {
		case m.Freeze != nil:
			value = l.Pick("❄️ gel", "❄️ freeze")
			if m.Freeze.Reason != "" {
				value = colon(l, value, m.Freeze.Reason)
			}
		case m.Holiday != "":
			value = fmt.Sprintf(l.Pick("🚫 férié (%s) : pas de mise en production", "🚫 public holiday (%s): no production deployment"), m.Holiday)
		case m.Eve != "":
			value = fmt.Sprintf(l.Pick("🚫 veille de férié (%s) : à éviter", "🚫 eve of a public holiday (%s): avoid"), m.Eve)
		default:
			var parts []string
			for _, w := range cal.Recommended {
				if w.Days[d.Weekday()] {
					parts = append(parts, l.Pick("✅ recommandée ", "✅ recommended ")+span(l, w.Start, w.End))
				}
			}
			for _, w := range cal.Acceptable {
				if w.Days[d.Weekday()] {
					parts = append(parts, "⚠️ acceptable "+span(l, w.Start, w.End))
				}
			}
			for _, w := range cal.Avoid {
				if w.Days[d.Weekday()] && w.Start > 0 {
					parts = append(parts, l.Pick("à éviter dès ", "avoid from ")+clockOf(l, w.Start))
				}
			}
			value = strings.Join(parts, ", ")
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: dayShort(l, d), Value: value})
	}
	var lines []string
	if len(r.Fields) == 0 {
		lines = append(lines, l.Pick("Aucune fenêtre de déploiement n'est configurée.", "No deployment window is configured."))
	}
	end := addDays(today, lookahead)
	for _, f := range freezes(j) {
		if f.To.Before(today) || f.From.After(end) {
			continue
		}
		lines = append(lines, l.Pick("❄️ Gel ", "❄️ Freeze ")+freezeLine(l, f)+".")
	}
	r.Text = strings.Join(lines, "\n")
	r.Note = joinNote(colon(l, l.Pick("Fuseau", "Time zone"), loc.String()), r.Note)
	return r
}

func (s *Scheduler) composeApprovals(ctx context.Context, j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool, error) {
	if s.Approvals == nil {
		return deploybot.Reply{}, false, nil
	}
	ds, err := s.Approvals.PendingApprovals(ctx)
	if err != nil {
		return deploybot.Reply{}, false, fmt.Errorf("schedule: pending approvals: %w", err)
	}
	minAge := orDuration(s.ApprovalAge, DefaultApprovalAge)
	var lines []string
	for _, d := range ds {
		if d.State != "" && d.State != deploybot.StateAwaitingApproval || j.r.Project != "" && !strings.EqualFold(d.Project, j.r.Project) {
			continue
		}
		since := d.UpdatedAt
		if since.IsZero() {
			since = d.CreatedAt
		}
		waited := at.Sub(since)
		if waited < minAge {
			continue
		}
		what := d.Project
		if d.Version != "" {
			what += " " + d.Version
		}
		lines = append(lines, fmt.Sprintf(l.Pick("• #%d %s → %s, demandé par %s, en attente depuis %s",
			"• #%d %s → %s, requested by %s, waiting for %s"), d.ID, what, d.Env, d.Requester, age(l, waited)))
	}
	if len(lines) == 0 {
		return deploybot.Reply{}, false, nil
	}
	r := base(j, l)
	r.Title = l.Pick("⏳ Approbations en attente", "⏳ Approvals waiting")
	lines = append(lines, l.Pick("Un approbateur peut répondre dans le fil de chaque demande.", "An approver can answer in the thread of each request."))
	r.Text = strings.Join(lines, "\n")
	return r, true, nil
}

func (s *Scheduler) composeLocks(ctx context.Context, j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool, error) {
	if s.Locks == nil {
		return deploybot.Reply{}, false, nil
	}
	ls, err := s.Locks.HeldLocks(ctx)
	if err != nil {
		return deploybot.Reply{}, false, fmt.Errorf("schedule: held locks: %w", err)
	}
	minAge := orDuration(s.LockAge, DefaultLockAge)
	var lines []string
	for _, k := range ls {
		if j.r.Project != "" && !strings.EqualFold(k.Project, j.r.Project) {
			continue
		}
		held := at.Sub(k.AcquiredAt)
		if held < minAge {
			continue
		}
		line := fmt.Sprintf(l.Pick("• %s/%s : %s, depuis %s", "• %s/%s: %s, for %s"), k.Project, k.Env, k.Holder, age(l, held))
		if k.Reason != "" {
			line += " — " + k.Reason
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return deploybot.Reply{}, false, nil
	}
	r := base(j, l)
	r.Title = l.Pick("🔒 Verrous posés depuis longtemps", "🔒 Locks held for a long time")
	lines = append(lines, l.Pick("Libérez-les si plus rien n'est en cours.", "Release them if nothing is in progress any more."))
	r.Text = strings.Join(lines, "\n")
	return r, true, nil
}

func composeCustom(j *job, l deploybot.Lang) deploybot.Reply {
	r := deploybot.Reply{Lang: l, Text: l.Pick("⏰ Rappel : ", "⏰ Reminder: ") + j.r.Message}
	if j.r.ID > 0 {
		r.Note = fmt.Sprintf(l.Pick("Rappel n°%d · pour l'arrêter : « supprime le rappel %d »", "Reminder #%d · to stop it: \"delete reminder %d\""), j.r.ID, j.r.ID)
	}
	if j.r.Project != "" {
		r.Note = joinNote(l.Pick("Projet ", "Project ")+j.r.Project, r.Note)
	}
	return r
}

func orDuration(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// composeRollbackDrill proposes a drill of the project's staging rollback,
// in a recommended window only, with a button that asks for its plan.
func composeRollbackDrill(j *job, at time.Time, l deploybot.Lang) (deploybot.Reply, bool) {
	if j.cal.At(at, j.r.Project, deploybot.EnvProduction).Class != policy.Recommended {
		return deploybot.Reply{}, false
	}
	r := base(j, l)
	r.Title = fmt.Sprintf(l.Pick("🧯 Exercice de rollback pour %s ?", "🧯 A rollback drill for %s?"), j.r.Project)
	r.Text = fmt.Sprintf(l.Pick(
		"Bon créneau pour vérifier qu'on sait revenir en arrière : l'exercice ramène %s/staging à sa version saine précédente, vérifie, puis revient à la version actuelle, en mesurant les deux durées. Rien ne démarre sans votre confirmation.",
		"A good window to check that going back works: the drill rolls %s/staging back to its previous good version, verifies it, then returns to the current one, timing both. Nothing starts without your confirmation."),
		j.r.Project)
	r.Actions = []deploybot.Button{{ID: "deploy_drill", Label: l.Pick("Exercer le staging", "Drill staging"), Value: j.r.Project + " staging", Style: "primary"}}
	return r, true
}
