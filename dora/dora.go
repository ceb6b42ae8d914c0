// Package dora computes the four DORA figures of software delivery —
// deployment frequency, lead time for changes, change failure rate and
// time to restore — from the deployments deploybot ran, and places each
// beside the performance clusters of the 2024 DORA report. It is pure: it
// reads the domain's deployments and does no I/O of its own (Load reads
// through a Source the caller gives).
//
// Definitions (from the data the bot holds):
//
//   - A production deployment is a run in the production environment whose
//     executor started, of action deploy, that is not a step of a rollback
//     drill. Rollbacks are not deployments of a change; drills are not
//     incidents: neither counts as a deployment or a failure.
//   - Deployment frequency: production deployments started in the period,
//     and per week.
//   - Lead time for changes: for each production deployment that
//     succeeded, from the earliest commit it shipped (when the changelog
//     source gives commit times) else from the version's first staging run,
//     to its success in production. The median is shown.
//   - Change failure rate: production deployments that were rolled back (by
//     hand or automatically) or failed, among those whose outcome is known
//     (succeeded, failed or rolled back).
//   - Time to restore: for each such failure, from the start of the failed
//     deployment to the next good production state: the success of the next
//     production run (a deploy or a rollback). The median is shown; failures
//     not restored yet are counted apart.
package dora

import (
	"cmp"
	"slices"
	"time"

	"deploybot"
)

// ReportYear is the year of the DORA report whose performance clusters the
// bands come from.
const ReportYear = 2024

// Band is a performance cluster of the 2024 DORA report.
type Band string

// The clusters, best first; BandNone when there is nothing to place.
const (
	BandElite  Band = "elite"
	BandHigh   Band = "high"
	BandMedium Band = "medium"
	BandLow    Band = "low"
	BandNone   Band = ""
)

// Period is the span [From, To).
type Period struct {
	From, To time.Time
}

// Duration returns the period's length.
func (p Period) Duration() time.Duration { return p.To.Sub(p.From) }

// Previous returns the period of the same length just before p.
func (p Period) Previous() Period {
	return Period{From: p.From.Add(-p.Duration()), To: p.From}
}

// Contains reports whether t falls in p.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }

// LastDays returns the n days (of 24 hours) up to now.
func LastDays(now time.Time, n int) Period {
	return Period{From: now.Add(-time.Duration(n) * 24 * time.Hour), To: now}
}

// History is what Compute reads of one project: its production and staging
// runs (deployments whose executor started, in any order), and what the
// deployments themselves do not say.
type History struct {
	Project    string
	Production []deploybot.Deployment
	Staging    []deploybot.Deployment
	// SucceededAt gives, by deployment id, when a run reached succeeded;
	// needed only for runs no longer in that state (a success later rolled
	// back). A run in state succeeded reached it at its UpdatedAt.
	SucceededAt map[int64]time.Time
	// CommitAt gives, by production deployment id, the time of the earliest
	// commit it shipped, where the changelog source gives commit times.
	// Without one, lead time starts at the version's first staging run.
	CommitAt map[int64]time.Time
}

// LeadSource says where lead times start.
type LeadSource string

// The starts of lead times.
const (
	LeadFromCommit  LeadSource = "commit"  // the earliest commit shipped
	LeadFromStaging LeadSource = "staging" // the version's first staging run
	LeadFromBoth    LeadSource = "mixed"   // commits where known, else staging
	LeadFromNone    LeadSource = ""        // no sample
)

// Week is one week of the chart: Monday 00:00 in the agency's zone.
type Week struct {
	Start       time.Time `json:"start"`
	Deployments int       `json:"deployments"`
	Failures    int       `json:"failures"`
}

// Figures are the four figures over one period.
type Figures struct {
	Period Period `json:"-"`
	// Deployments counts the production deployments started in the period;
	// Days the distinct days (in the agency's zone) with one.
	Deployments   int     `json:"deployments"`
	Days          int     `json:"deploy_days"`
	PerWeek       float64 `json:"per_week"`
	FrequencyBand Band    `json:"frequency_band"`
	// LeadTime is the median lead time of LeadSamples successful
	// deployments, measured from LeadFrom: LeadFromCommits of them from
	// the earliest commit they shipped, the others from their version's
	// first staging run.
	LeadTime        time.Duration `json:"lead_time_ns"`
	LeadSamples     int           `json:"lead_time_samples"`
	LeadFromCommits int           `json:"lead_time_from_commits"`
	LeadFrom        LeadSource    `json:"lead_time_from"`
	LeadTimeBand    Band          `json:"lead_time_band"`
	// Failures among Concluded deployments (those with a known outcome).
	Concluded   int     `json:"concluded"`
	Failures    int     `json:"failures"`
	FailureRate float64 `json:"change_failure_rate"`
	FailureBand Band    `json:"change_failure_band"`
	// Restore is the median time to restore of the Restored failures;
	// Unrestored failures have no good production state after them yet.
	Restore     time.Duration `json:"time_to_restore_ns"`
	Restored    int           `json:"restored"`
	Unrestored  int           `json:"unrestored"`
	RestoreBand Band          `json:"time_to_restore_band"`
	Weeks       []Week        `json:"weeks"`
}

// start returns when a run started: its executor's start, else its
// creation.
func start(d deploybot.Deployment) time.Time {
	if !d.StartedAt.IsZero() {
		return d.StartedAt
	}
	return d.CreatedAt
}

// counted reports whether d is a production deployment of a change: its
// executor started, it deploys (not a rollback), and it is no drill step.
func counted(d deploybot.Deployment) bool {
	return d.Started && d.DrillID == 0 && (d.Action == deploybot.ActionDeploy || d.Action == "")
}

// failed reports whether a deployment counts as a change failure.
func failed(d deploybot.Deployment) bool {
	return d.State == deploybot.StateRolledBack || d.State == deploybot.StateFailed
}

// concluded reports whether d's outcome is known.
func concluded(d deploybot.Deployment) bool {
	return d.State == deploybot.StateSucceeded || failed(d)
}

// goodAt returns when d reached succeeded, if it did and that is known.
func (h History) goodAt(d deploybot.Deployment) (time.Time, bool) {
	if t, ok := h.SucceededAt[d.ID]; ok && !t.IsZero() {
		return t, true
	}
	if d.State == deploybot.StateSucceeded {
		return d.UpdatedAt, true
	}
	return time.Time{}, false
}

// samples are the measurements of one period, before they are summed up.
type samples struct {
	deploys     []deploybot.Deployment
	days        map[string]bool
	leads       []time.Duration
	fromCommit  int
	fromStaging int
	concluded   int
	failures    []time.Time // starts of the failed deployments
	restores    []time.Duration
	unrestored  int
}

// measure adds h's measurements over p to s.
func (h History) measure(s *samples, p Period, now time.Time, loc *time.Location) {
	prod := slices.Clone(h.Production)
	slices.SortStableFunc(prod, func(a, b deploybot.Deployment) int {
		return cmp.Or(start(a).Compare(start(b)), cmp.Compare(a.ID, b.ID))
	})
	firstStaging := map[string]time.Time{}
	for _, d := range h.Staging {
		if !d.Started || d.DrillID != 0 || d.Version == "" {
			continue
		}
		if t, ok := firstStaging[d.Version]; !ok || start(d).Before(t) {
			firstStaging[d.Version] = start(d)
		}
	}
	for i, d := range prod {
		if !counted(d) || !p.Contains(start(d)) {
			continue
		}
		s.deploys = append(s.deploys, d)
		s.days[start(d).In(loc).Format(time.DateOnly)] = true
		if good, ok := h.goodAt(d); ok {
			if c, ok := h.CommitAt[d.ID]; ok && !c.IsZero() && !good.Before(c) {
				s.leads = append(s.leads, good.Sub(c))
				s.fromCommit++
			} else if st, ok := firstStaging[d.Version]; ok && !good.Before(st) {
				s.leads = append(s.leads, good.Sub(st))
				s.fromStaging++
			}
		}
		if !concluded(d) {
			continue
		}
		s.concluded++
		if !failed(d) {
			continue
		}
		s.failures = append(s.failures, start(d))
		restored := false
		for _, r := range prod[i+1:] {
			if !r.Started || r.DrillID != 0 {
				continue
			}
			if good, ok := h.goodAt(r); ok && good.After(start(d)) && !good.After(now) {
				s.restores = append(s.restores, good.Sub(start(d)))
				restored = true
				break
			}
		}
		if !restored {
			s.unrestored++
		}
	}
}

// Compute returns the figures of the histories (one project, or every
// project for the agency) over p. now bounds what counts as restored; loc
// is the agency's zone, for days and weeks.
func Compute(hs []History, p Period, now time.Time, loc *time.Location) Figures {
	if loc == nil {
		loc = time.UTC
	}
	s := samples{days: map[string]bool{}}
	for _, h := range hs {
		h.measure(&s, p, now, loc)
	}
	f := Figures{Period: p, Deployments: len(s.deploys), Days: len(s.days)}
	if days := p.Duration().Hours() / 24; days > 0 {
		f.PerWeek = float64(f.Deployments) / days * 7
	}
	f.FrequencyBand = FrequencyBand(f.PerWeek, f.Deployments)
	f.LeadSamples, f.LeadFromCommits = len(s.leads), s.fromCommit
	if f.LeadSamples > 0 {
		f.LeadTime = median(s.leads)
		f.LeadTimeBand = LeadTimeBand(f.LeadTime)
		switch {
		case s.fromCommit > 0 && s.fromStaging > 0:
			f.LeadFrom = LeadFromBoth
		case s.fromCommit > 0:
			f.LeadFrom = LeadFromCommit
		default:
			f.LeadFrom = LeadFromStaging
		}
	}
	f.Concluded, f.Failures = s.concluded, len(s.failures)
	if f.Concluded > 0 {
		f.FailureRate = float64(f.Failures) / float64(f.Concluded)
		f.FailureBand = FailureRateBand(f.FailureRate)
	}
	f.Restored, f.Unrestored = len(s.restores), s.unrestored
	if f.Restored > 0 {
		f.Restore = median(s.restores)
		f.RestoreBand = RestoreBand(f.Restore)
	}
	f.Weeks = weeks(p, loc, s.deploys)
	return f
}

// weeks returns the weeks (from Monday) that p touches, with their
// deployments and failures.
func weeks(p Period, loc *time.Location, deploys []deploybot.Deployment) []Week {
	if !p.To.After(p.From) {
		return nil
	}
	monday := func(t time.Time) time.Time {
		t = t.In(loc)
		d := (int(t.Weekday()) + 6) % 7
		return time.Date(t.Year(), t.Month(), t.Day()-d, 0, 0, 0, 0, loc)
	}
	var out []Week
	index := map[string]int{}
	for w := monday(p.From); w.Before(p.To); w = time.Date(w.Year(), w.Month(), w.Day()+7, 0, 0, 0, 0, loc) {
		index[w.Format(time.DateOnly)] = len(out)
		out = append(out, Week{Start: w})
	}
	for _, d := range deploys {
		i, ok := index[monday(start(d)).Format(time.DateOnly)]
		if !ok {
			continue
		}
		out[i].Deployments++
		if failed(d) {
			out[i].Failures++
		}
	}
	return out
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

const day = 24 * time.Hour

// FrequencyBand places a deployment rate (per week) among the 2024
// clusters: elite deploys on demand, several times a day (here: more than
// seven a week); high between once a day and once a week; medium between
// once a week and once a month (here: once in 30 days); low less often.
func FrequencyBand(perWeek float64, deployments int) Band {
	switch {
	case deployments == 0:
		return BandNone
	case perWeek > 7:
		return BandElite
	case perWeek >= 1:
		return BandHigh
	case perWeek >= 7.0/30:
		return BandMedium
	}
	return BandLow
}

// LeadTimeBand places a lead time among the 2024 clusters: elite less
// than a day, high up to a week, medium up to a month, low beyond.
func LeadTimeBand(d time.Duration) Band {
	switch {
	case d < day:
		return BandElite
	case d < 7*day:
		return BandHigh
	case d < 30*day:
		return BandMedium
	}
	return BandLow
}

// FailureRates are the 2024 clusters' change failure rates. They are not
// in the clusters' order (the medium cluster's 10% is below the high
// cluster's 20%): a rate is placed in the cluster whose value is nearest.
var FailureRates = map[Band]float64{BandElite: 0.05, BandHigh: 0.20, BandMedium: 0.10, BandLow: 0.40}

// FailureRateBand places a change failure rate in the 2024 cluster whose
// rate is nearest (ties go to the better cluster): up to 7.5% elite, up
// to 15% medium, up to 30% high, above low.
func FailureRateBand(rate float64) Band {
	switch {
	case rate <= 0.075:
		return BandElite
	case rate <= 0.15:
		return BandMedium
	case rate <= 0.30:
		return BandHigh
	}
	return BandLow
}

// RestoreBand places a time to restore among the 2024 clusters: elite
// less than an hour; high (and medium: both less than a day) less than a
// day; low beyond (the low cluster restores within a week to a month).
func RestoreBand(d time.Duration) Band {
	switch {
	case d < time.Hour:
		return BandElite
	case d < day:
		return BandHigh
	}
	return BandLow
}

// Trend says how a figure moved against the previous period.
type Trend string

// The trends.
const (
	Better  Trend = "better"
	Worse   Trend = "worse"
	Same    Trend = "same"
	Unknown Trend = "" // one of the two periods has no figure
)

func trend[T cmp.Ordered](now, before T, known bool, moreIsBetter bool) Trend {
	switch {
	case !known:
		return Unknown
	case now == before:
		return Same
	case (now > before) == moreIsBetter:
		return Better
	}
	return Worse
}

// Trends compares each figure of cur with prev.
type Trends struct {
	Frequency   Trend `json:"frequency"`
	LeadTime    Trend `json:"lead_time"`
	FailureRate Trend `json:"change_failure_rate"`
	Restore     Trend `json:"time_to_restore"`
}

// Compare returns the trend of each figure from prev to cur.
func Compare(cur, prev Figures) Trends {
	return Trends{
		Frequency:   trend(cur.Deployments, prev.Deployments, true, true),
		LeadTime:    trend(cur.LeadTime, prev.LeadTime, cur.LeadSamples > 0 && prev.LeadSamples > 0, false),
		FailureRate: trend(cur.FailureRate, prev.FailureRate, cur.Concluded > 0 && prev.Concluded > 0, false),
		Restore:     trend(cur.Restore, prev.Restore, cur.Restored > 0 && prev.Restored > 0, false),
	}
}

// Report is the figures of one project ("" for the agency) over a period,
// the previous period of the same length, and the trend between them.
type Report struct {
	Project  string
	Period   Period
	Current  Figures
	Previous Figures
	Trends   Trends
}

// NewReport computes the report of hs over p and the period before it.
func NewReport(project string, hs []History, p Period, now time.Time, loc *time.Location) Report {
	cur := Compute(hs, p, now, loc)
	prev := Compute(hs, p.Previous(), now, loc)
	return Report{Project: project, Period: p, Current: cur, Previous: prev, Trends: Compare(cur, prev)}
}
