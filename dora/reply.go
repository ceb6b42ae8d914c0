package dora

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"deploybot"
)

// Answer loads the runs of projects (the configured project names),
// computes the report of project ("" for the agency) over p with the trend
// against the period before, and formats it in lang. It is what the chat
// command "dora [PROJECT]" and the weekly dora reminder call.
func Answer(ctx context.Context, src Source, projects []string, project string, p Period, now time.Time, loc *time.Location, lang deploybot.Lang) (deploybot.Reply, error) {
	if project != "" {
		found := false
		for _, name := range projects {
			if strings.EqualFold(name, project) {
				project, found = name, true
			}
		}
		if !found {
			return deploybot.Reply{}, deploybot.Errorf2(deploybot.ENOTFOUND, "projet %q inconnu", "unknown project %q", project)
		}
	}
	hs, err := Load(ctx, src, projects)
	if err != nil {
		return deploybot.Reply{}, err
	}
	return Format(NewReport(project, Only(hs, project), p, now, loc), lang), nil
}

// Format writes a report as a chat reply in lang: each figure with its
// 2024 band and its trend against the previous period.
func Format(r Report, l deploybot.Lang) deploybot.Reply {
	days := int(math.Round(r.Period.Duration().Hours() / 24))
	who := r.Project
	if who == "" {
		who = l.Pick("l'agence", "the agency")
	}
	out := deploybot.Reply{Lang: l,
		Title: fmt.Sprintf(l.Pick("Métriques DORA — %s, %d derniers jours", "DORA figures — %s, last %d days"), who, days)}
	c, p, t := r.Current, r.Previous, r.Trends
	if c.Deployments == 0 && p.Deployments == 0 {
		out.Text = l.Pick("Aucun déploiement en production sur cette période ni la précédente : rien à mesurer.",
			"No production deployment in this period nor the one before: nothing to measure.")
	}
	freq := fmt.Sprintf(l.Pick("%d déploiement(s), %s/semaine", "%d deployment(s), %s/week"), c.Deployments, decimal(c.PerWeek, l))
	out.Fields = append(out.Fields, deploybot.Field{Label: l.Pick("Fréquence de déploiement", "Deployment frequency"),
		Value: freq + band(c.FrequencyBand, l) + arrow(t.Frequency, fmt.Sprint(p.Deployments), l)})
	lead := l.Pick("pas de mesure", "no sample")
	if c.LeadSamples > 0 {
		lead = fmt.Sprintf(l.Pick("%s (médiane de %d, %s)", "%s (median of %d, %s)"), Duration(c.LeadTime, l), c.LeadSamples, LeadStarts(c, l))
	}
	prevLead := "-"
	if p.LeadSamples > 0 {
		prevLead = Duration(p.LeadTime, l)
	}
	out.Fields = append(out.Fields, deploybot.Field{Label: l.Pick("Délai de mise en production", "Lead time for changes"),
		Value: lead + band(c.LeadTimeBand, l) + arrow(t.LeadTime, prevLead, l)})
	cfr := l.Pick("pas de déploiement terminé", "no concluded deployment")
	if c.Concluded > 0 {
		cfr = fmt.Sprintf(l.Pick("%s (%d sur %d)", "%s (%d of %d)"), Percent(c.FailureRate), c.Failures, c.Concluded)
	}
	prevCFR := "-"
	if p.Concluded > 0 {
		prevCFR = Percent(p.FailureRate)
	}
	out.Fields = append(out.Fields, deploybot.Field{Label: l.Pick("Taux d'échec des changements", "Change failure rate"),
		Value: cfr + band(c.FailureBand, l) + arrow(t.FailureRate, prevCFR, l)})
	restore := l.Pick("aucun échec rétabli", "no failure restored")
	if c.Restored > 0 {
		restore = fmt.Sprintf(l.Pick("%s (médiane de %d)", "%s (median of %d)"), Duration(c.Restore, l), c.Restored)
	}
	if c.Unrestored > 0 {
		restore += fmt.Sprintf(l.Pick(", %d pas encore rétabli(s)", ", %d not restored yet"), c.Unrestored)
	}
	prevRestore := "-"
	if p.Restored > 0 {
		prevRestore = Duration(p.Restore, l)
	}
	out.Fields = append(out.Fields, deploybot.Field{Label: l.Pick("Temps de rétablissement", "Time to restore"),
		Value: restore + band(c.RestoreBand, l) + arrow(t.Restore, prevRestore, l)})
	out.Note = fmt.Sprintf(l.Pick(
		"Niveaux : rapport DORA %d. %s Les exercices de rollback ne comptent pas. Tendance : par rapport aux %d jours précédents.",
		"Bands: DORA report %d. %s Rollback drills do not count. Trend: against the %d days before."),
		ReportYear, LeadNote(c.LeadFrom, l), days)
	return out
}

// LeadNote says where lead times start, in lang.
func LeadNote(from LeadSource, l deploybot.Lang) string {
	switch from {
	case LeadFromCommit:
		return l.Pick("Délai mesuré depuis le premier commit livré par chaque déploiement (heure du commit, d'après son changelog).",
			"Lead time measured from the earliest commit each deploy shipped (its committer time, from the deploy's changelog).")
	case LeadFromBoth:
		return l.Pick("Délai mesuré depuis le premier commit livré quand le changelog du déploiement date ses commits, sinon depuis le premier déploiement de la version en staging.",
			"Lead time measured from the earliest commit shipped where the deploy's changelog dates its commits, else from the version's first staging deploy.")
	case LeadFromNone:
		return l.Pick("Le délai se mesure depuis le premier commit livré quand le changelog du déploiement date ses commits, sinon depuis le premier déploiement de la version en staging.",
			"Lead time is measured from the earliest commit shipped where the deploy's changelog dates its commits, else from the version's first staging deploy.")
	}
	return l.Pick("Délai mesuré depuis le premier déploiement de la version en staging (aucune heure de commit enregistrée pour ces déploiements : pas de source de changelog configurée, ou pas de version précédente à comparer).",
		"Lead time measured from the version's first staging deploy (no commit time recorded for these deploys: no changelog source configured, or no previous version to compare with).")
}

// LeadStarts says briefly where the lead times of f start, in lang: from
// the commits, from staging, or how many from each.
func LeadStarts(f Figures, l deploybot.Lang) string {
	switch f.LeadFrom {
	case LeadFromCommit:
		return l.Pick("depuis les commits", "from the commits")
	case LeadFromBoth:
		return fmt.Sprintf(l.Pick("%d depuis les commits, %d depuis le staging", "%d from the commits, %d from staging"),
			f.LeadFromCommits, f.LeadSamples-f.LeadFromCommits)
	}
	return l.Pick("depuis le staging", "from staging")
}

// BandName names a band in lang ("" for none).
func BandName(b Band, l deploybot.Lang) string {
	switch b {
	case BandElite:
		return l.Pick("élite", "elite")
	case BandHigh:
		return l.Pick("élevé", "high")
	case BandMedium:
		return l.Pick("moyen", "medium")
	case BandLow:
		return l.Pick("faible", "low")
	}
	return ""
}

func band(b Band, l deploybot.Lang) string {
	if b == BandNone {
		return ""
	}
	return " — " + BandName(b, l)
}

func arrow(t Trend, before string, l deploybot.Lang) string {
	switch t {
	case Better:
		return fmt.Sprintf(l.Pick(" ↗ mieux (avant : %s)", " ↗ better (before: %s)"), before)
	case Worse:
		return fmt.Sprintf(l.Pick(" ↘ moins bien (avant : %s)", " ↘ worse (before: %s)"), before)
	case Same:
		return l.Pick(" → stable", " → steady")
	}
	return ""
}

// Percent formats a rate as a whole percentage ("8%").
func Percent(rate float64) string { return fmt.Sprintf("%.0f%%", rate*100) }

func decimal(v float64, l deploybot.Lang) string {
	s := fmt.Sprintf("%.1f", v)
	if l != deploybot.English {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Duration formats d for people, in its two largest units: "2d 4h",
// "3h 20m", "45m" ("2 j 4 h", "45 min" in French).
func Duration(d time.Duration, l deploybot.Lang) string {
	if d < time.Minute {
		return l.Pick("< 1 min", "< 1m")
	}
	days, hours, mins := int(d/day), int(d%day/time.Hour), int(d%time.Hour/time.Minute)
	unit := func(n int, fr, en string) string {
		if l == deploybot.English {
			return fmt.Sprintf("%d%s", n, en)
		}
		return fmt.Sprintf("%d %s", n, fr)
	}
	switch {
	case days > 0 && hours > 0:
		return unit(days, "j", "d") + " " + unit(hours, "h", "h")
	case days > 0:
		return unit(days, "j", "d")
	case hours > 0 && mins > 0:
		return unit(hours, "h", "h") + " " + unit(mins, "min", "m")
	case hours > 0:
		return unit(hours, "h", "h")
	}
	return unit(mins, "min", "m")
}
