package deploy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"deploybot"
)

// threader is a Poster whose messages carry threads (Slack): what follows a
// deployment's message (alerts, the monitoring summary) goes under it.
type threader interface {
	ThreadOf(ref string) (channel, thread string, ok bool)
}

// threadOf returns where what follows d's message goes: under that message
// when the poster has threads, else in d's conversation.
func (s *Service) threadOf(d deploybot.Deployment) (channel, thread string) {
	s.mu.Lock()
	n := s.notes[d.ID]
	s.mu.Unlock()
	if th, ok := s.Poster.(threader); ok && n != nil && n.ref != "" {
		if ch, ts, ok := th.ThreadOf(n.ref); ok {
			return ch, ts
		}
	}
	return d.Channel, d.Thread
}

// notification is the message of one deployment, posted once and updated in
// place as its state changes.
type notification struct {
	ref     string
	changes []string
}

// notify posts the deployment's message the first time and updates it
// afterwards.
func (s *Service) notify(ctx context.Context, d deploybot.Deployment, t Target) {
	if s.Poster == nil {
		return
	}
	s.mu.Lock()
	n, ok := s.notes[d.ID]
	if !ok {
		n = &notification{}
		s.notes[d.ID] = n
	}
	s.mu.Unlock()
	if !ok {
		n.changes = s.changes(ctx, d, t)
	}
	r := s.Render(d, n.changes)
	if d.Action == deploybot.ActionRollback && (d.State == deploybot.StateMonitoring || d.State == deploybot.StateSucceeded) && s.lockedBy(ctx, d) {
		// The lock taken after a rollback (Target.LockAfterRollback) is
		// said where the rollback is reported, with the way out: the next
		// deploy was refused by a lock nobody had mentioned.
		l := s.langOf(d)
		r.Note = strings.TrimSpace(r.Note + "\n" + fmt.Sprintf(l.Pick(
			"🔒 %s/%s reste verrouillé après ce rollback ; une fois la cause corrigée : « unlock %s %s : <cause corrigée> ».",
			"🔒 %s/%s stays locked after this rollback; once the cause is fixed: \"unlock %s %s: <what was fixed>\"."),
			d.Project, d.Env, d.Project, d.Env))
	}
	if t.DashboardURL != "" || t.LogsURL != "" {
		var links []string
		if t.DashboardURL != "" {
			links = append(links, "Dashboard: "+t.DashboardURL)
		}
		if t.LogsURL != "" {
			links = append(links, "Logs: "+t.LogsURL)
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: "Monitoring", Value: strings.Join(links, " · ")})
	}
	ctx = context.WithoutCancel(ctx)
	if n.ref == "" {
		channel, thread := d.Channel, d.Thread
		if t.Channel != "" && t.Channel != d.Channel {
			channel, thread = t.Channel, "" // the project's channel: a thread of its own
		}
		ref, err := s.Poster.Post(ctx, channel, thread, r)
		if err != nil {
			s.Logger.Warn("post notification", "deployment", d.ID, "err", err)
			if d.State.Terminal() {
				s.mu.Lock()
				delete(s.notes, d.ID)
				s.mu.Unlock()
			}
			return
		}
		n.ref = ref
		return
	}
	if err := s.Poster.Update(ctx, n.ref, r); err != nil {
		s.Logger.Warn("update notification", "deployment", d.ID, "err", err)
	}
	if d.State.Terminal() {
		s.mu.Lock()
		delete(s.notes, d.ID)
		s.mu.Unlock()
	}
}

// changes lists the changes between the previous and the new version. For
// a production deploy it records, on the deployment, when the earliest of
// them was committed: lead time for changes starts there (package dora),
// and the figures read it from the store, not from the changelog source.
func (s *Service) changes(ctx context.Context, d deploybot.Deployment, t Target) []string {
	l := s.langOf(d)
	if s.Changelog == nil || d.Replaces == "" || d.Version == "" {
		return []string{l.Pick("(changements indisponibles : pas de version précédente ou de dépôt configuré)",
			"(changes unavailable: no previous version or no repository configured)")}
	}
	from, to := d.Replaces, d.Version
	if d.Action == deploybot.ActionRollback {
		from, to = to, from
	}
	cs, err := s.Changelog.Changes(ctx, d.Project, from, to)
	if err != nil {
		return []string{l.Pick("(changements indisponibles : ", "(changes unavailable: ") + deploybot.ErrorMessageIn(err, l) + ")"}
	}
	if first, ok := deploybot.EarliestCommit(cs); ok && t.Production && d.Action == deploybot.ActionDeploy && d.DrillID == 0 {
		if err := s.Store.RecordFirstCommit(context.WithoutCancel(ctx), d.ID, first); err != nil {
			s.Logger.Warn("record first commit", "deployment", d.ID, "err", err)
		}
	}
	var out []string
	for _, kind := range []string{"feat", "fix", "perf"} {
		for _, c := range cs {
			if c.Type == kind {
				out = append(out, "- "+c.Type+": "+c.Summary)
			}
		}
	}
	other := 0
	for _, c := range cs {
		if c.Type != "feat" && c.Type != "fix" && c.Type != "perf" {
			other++
		}
	}
	if other > 0 {
		out = append(out, fmt.Sprintf(l.Pick("- et %d autre(s) changement(s)", "- and %d other change(s)"), other))
	}
	if len(out) == 0 {
		out = []string{l.Pick("(aucun changement)", "(no changes)")}
	}
	return out
}

// Render formats a deployment's notification after the brief's template:
// version, status, environment, time, changes, monitoring, owner, rollback.
func (s *Service) Render(d deploybot.Deployment, changes []string) deploybot.Reply {
	l := s.langOf(d)
	icon, what := "🚀", l.Pick("Déploiement", "Deployment")
	if d.Action == deploybot.ActionRollback {
		icon, what = "⏪", "Rollback"
	}
	status := map[deploybot.DeployState][2]string{
		deploybot.StateRunning:    {"En cours", "In progress"},
		deploybot.StateVerifying:  {"En cours (vérification)", "In progress (verifying)"},
		deploybot.StateMonitoring: {"Terminé, sous surveillance", "Done, under monitoring"},
		deploybot.StateSucceeded:  {"Terminé ✅", "Done ✅"},
		deploybot.StateFailed:     {"Échec ❌", "Failed ❌"},
		deploybot.StateRolledBack: {"Annulé par un rollback", "Rolled back"},
	}[d.State]
	st := l.Pick(status[0], status[1])
	if st == "" {
		st = string(d.State)
	}
	// A deploy's PreviousVersion is its rollback target: a version that
	// was good there (never "latest", never a bad one).
	rollback := l.Pick("Prêt en cas de problème", "Ready if needed")
	switch {
	case d.Action == deploybot.ActionRollback:
		rollback = l.Pick("remplace ", "replaces ") + orUnknown(d.PreviousVersion, l)
	case d.PreviousVersion != "":
		rollback += " (" + d.PreviousVersion + ")"
	default:
		rollback = l.Pick("aucune version saine antérieure connue", "no earlier good version known")
	}
	r := deploybot.Reply{
		Lang:  l,
		Title: fmt.Sprintf("%s %s %s %s (#%d)", icon, what, d.Project, d.Version, d.ID),
		Fields: []deploybot.Field{
			{Label: l.Pick("Statut", "Status"), Value: st},
			{Label: l.Pick("Environnement", "Environment"), Value: d.Env},
			{Label: l.Pick("Heure", "Time"), Value: d.UpdatedAt.In(s.location()).Format("2006-01-02 15:04 MST")},
			{Label: l.Pick("Responsable", "Owner"), Value: "@" + d.Requester},
			{Label: "Rollback", Value: rollback},
		},
		Text: l.Pick("*Changements* :\n", "*Changes*:\n") + strings.Join(changes, "\n"),
	}
	if strings.HasPrefix(d.ExecutorRef, "https://") || strings.HasPrefix(d.ExecutorRef, "http://") {
		// The pipeline, workflow run or sync at the executor.
		r.Fields = append(r.Fields, deploybot.Field{Label: l.Pick("Exécution", "Run"), Value: d.ExecutorRef})
	}
	if len(d.Reasons) > 0 && (d.State == deploybot.StateFailed || d.State == deploybot.StateRolledBack) {
		r.Note = strings.Join(d.Reasons, "; ")
	}
	if d.State == deploybot.StateFailed && d.Action == deploybot.ActionDeploy {
		r.Actions = []deploybot.Button{rollbackButton(s, d)}
	}
	return r
}

// lockedBy reports whether d's project and environment are locked by d, a
// rollback (the lock taken after it).
func (s *Service) lockedBy(ctx context.Context, d deploybot.Deployment) bool {
	locks, err := s.Store.Locks(context.WithoutCancel(ctx), d.Project)
	if err != nil {
		return false
	}
	for _, lk := range locks {
		if lk.Env == d.Env && lk.Holder == rollbackHolder(d.ID) {
			return true
		}
	}
	return false
}

// RollbackLockReason is the reason of the lock taken after a rollback
// (Target.LockAfterRollback); the chat says it in the reader's language.
const RollbackLockReason = "locked after a rollback: unlock with a reason to deploy again"

// rollbackHolder is the holder of the lock taken after rollback id.
func rollbackHolder[ID ~int64 | ~int](id ID) string { return fmt.Sprintf("rollback #%d", id) }

// alert posts a monitoring breach in the deployment's thread.
func (s *Service) alert(ctx context.Context, d deploybot.Deployment, t Target, breaches []string) {
	if s.Poster == nil {
		return
	}
	l := s.langOf(d)
	r := deploybot.Reply{Lang: l,
		Title:   fmt.Sprintf(l.Pick("⚠️ %s %s en %s : seuils dépassés", "⚠️ %s %s on %s: thresholds breached"), d.Project, d.Version, d.Env),
		Text:    "• " + strings.Join(breaches, "\n• "),
		Actions: []deploybot.Button{rollbackButton(s, d)},
	}
	if t.AutoRollback {
		r.Note = l.Pick("Rollback automatique lancé.", "Automatic rollback started.")
	}
	channel, thread := s.threadOf(d)
	if _, err := s.Poster.Post(context.WithoutCancel(ctx), channel, thread, r); err != nil {
		s.Logger.Warn("post alert", "deployment", d.ID, "err", err)
	}
}

// rollbackButton offers to roll d back; its value, "ID PROJECT ENV", lets a
// chat adapter turn a click into the chat command "rollback PROJECT ENV".
func rollbackButton(s *Service, d deploybot.Deployment) deploybot.Button {
	l := s.langOf(d)
	return deploybot.Button{ID: "deploy_rollback", Label: l.Pick("Rollback", "Roll back"),
		Value: fmt.Sprintf("%d %s %s", d.ID, d.Project, d.Env), Style: "danger"}
}

// monitored is what a monitoring window saw: the highest values of its
// samples, how many were taken, and how many could not be.
type monitored struct {
	worst           deploybot.MetricsSample
	samples, failed int
	lastErr         error
}

// summary posts, in the deployment's thread, the end of its monitoring
// window with the worst values seen; a window without a sample says that
// nothing was checked (it said "✅ without a breach (0 samples)" while the
// metrics server was down, right after an incident).
func (s *Service) summary(ctx context.Context, d deploybot.Deployment, t Target, m monitored, channel, thread string) {
	if s.Poster == nil {
		return
	}
	l := s.langOf(d)
	r := deploybot.Reply{Lang: l,
		Title: fmt.Sprintf(l.Pick("✅ Fin de la surveillance de %s %s en %s", "✅ Monitoring of %s %s on %s is over"), d.Project, d.Version, d.Env),
		Text: fmt.Sprintf(l.Pick("%s sans dépassement de seuil (%d mesures) : taux d'erreur max %.2f%%, p95 max %s.",
			"%s without a breach (%d samples): highest error rate %.2f%%, highest p95 %s."),
			t.MonitorWindow, m.samples, 100*m.worst.ErrorRate, m.worst.P95.Round(time.Millisecond)),
	}
	if m.samples == 0 {
		r.Title = fmt.Sprintf(l.Pick("⚠️ Surveillance de %s %s en %s : aucune mesure", "⚠️ Monitoring of %s %s on %s: no sample"), d.Project, d.Version, d.Env)
		r.Text = fmt.Sprintf(l.Pick("%s sans une seule mesure des métriques : rien n'a été vérifié après le déploiement. À surveiller à la main (tableaux de bord, logs).",
			"%s without a single metrics sample: nothing was checked after the deploy. Watch it by hand (dashboards, logs)."), t.MonitorWindow)
	} else if m.failed > 0 {
		r.Text += " " + fmt.Sprintf(l.Pick("%d mesure(s) manquée(s) : métriques injoignables par moments.", "%d sample(s) missed: metrics unreachable at times."), m.failed)
	}
	if m.failed > 0 && m.lastErr != nil {
		s.Logger.Warn("monitoring window with missed samples", "deployment", d.ID, "missed", m.failed, "err", m.lastErr)
	}
	if _, err := s.Poster.Post(context.WithoutCancel(ctx), channel, thread, r); err != nil {
		s.Logger.Warn("post monitoring summary", "deployment", d.ID, "err", err)
	}
}

// location is the time zone of notifications: the agency's.
func (s *Service) location() *time.Location {
	if s.Calendar != nil {
		if loc := s.Calendar("").Location; loc != nil {
			return loc
		}
	}
	return time.UTC
}

// langOf is the language of d's messages: its conversation's, else the
// service's.
func (s *Service) langOf(d deploybot.Deployment) deploybot.Lang {
	if d.Lang != "" {
		return d.Lang
	}
	if s.Lang != "" {
		return s.Lang
	}
	return deploybot.English
}

func orUnknown(v string, l deploybot.Lang) string {
	if v == "" {
		return l.Pick("une version inconnue", "an unknown version")
	}
	return v
}
