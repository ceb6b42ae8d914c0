package dora

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"deploybot"
)

var (
	paris = mustZone("Europe/Paris")
	t0    = time.Date(2026, 11, 2, 9, 0, 0, 0, paris) // a Monday
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at returns t0 plus h hours.
func at(h float64) time.Time { return t0.Add(time.Duration(h * float64(time.Hour))) }

// run builds a started run: it started at start (hours after t0) and
// reached its state at end.
func run(id int64, env, version string, action deploybot.Action, state deploybot.DeployState, start, end float64) deploybot.Deployment {
	return deploybot.Deployment{ID: id, Project: "shop", Env: env, Version: version, Action: action, State: state,
		Started: true, StartedAt: at(start), CreatedAt: at(start - 0.1), UpdatedAt: at(end), Requester: "alice"}
}

func prod(id int64, v string, s deploybot.DeployState, start, end float64) deploybot.Deployment {
	return run(id, deploybot.EnvProduction, v, deploybot.ActionDeploy, s, start, end)
}

func rollback(id int64, v string, of int64, s deploybot.DeployState, start, end float64) deploybot.Deployment {
	d := run(id, deploybot.EnvProduction, v, deploybot.ActionRollback, s, start, end)
	d.RollbackOf = of
	return d
}

func staging(id int64, v string, start float64) deploybot.Deployment {
	return run(id, deploybot.EnvStaging, v, deploybot.ActionDeploy, deploybot.StateSucceeded, start, start+0.2)
}

func withFailure(d deploybot.Deployment, f deploybot.Failure) deploybot.Deployment {
	d.Failure = f
	return d
}

func withDrill(d deploybot.Deployment, id int64) deploybot.Deployment {
	d.DrillID = id
	return d
}

// week is the period of the first week after t0 (Monday to Monday).
var week = Period{From: t0.Add(-9 * time.Hour), To: t0.Add(-9*time.Hour + 7*24*time.Hour)}

func TestCompute(t *testing.T) {
	now := at(24 * 10)
	tests := []struct {
		name string
		h    History
		want Figures // Period and Weeks are not compared
	}{
		{name: "empty history", h: History{Project: "shop"}, want: Figures{}},
		{
			name: "deploys through staging, all succeeded",
			h: History{Production: []deploybot.Deployment{
				prod(2, "v1", deploybot.StateSucceeded, 2, 2.5),
				prod(4, "v2", deploybot.StateSucceeded, 26, 27),
				prod(6, "v3", deploybot.StateSucceeded, 50, 50.25),
			}, Staging: []deploybot.Deployment{staging(1, "v1", 0), staging(3, "v2", 24), staging(5, "v3", 1)}},
			// leads: 2.5h, 3h, 49.25h: median 3h
			want: Figures{Deployments: 3, Days: 3, PerWeek: 3, FrequencyBand: BandHigh, LeadTime: 3 * time.Hour, LeadSamples: 3,
				LeadFrom: LeadFromStaging, LeadTimeBand: BandElite, Concluded: 3, FailureBand: BandElite},
		},
		{
			name: "a deploy rolled back by hand, restored by the rollback",
			h: History{Production: []deploybot.Deployment{
				prod(1, "v1", deploybot.StateSucceeded, 0, 1),
				prod(2, "v2", deploybot.StateRolledBack, 24, 24.5),
				rollback(3, "v1", 2, deploybot.StateSucceeded, 24.5, 24.75),
			}},
			want: Figures{Deployments: 2, Days: 2, PerWeek: 2, FrequencyBand: BandHigh, Concluded: 2, Failures: 1, FailureRate: 0.5,
				FailureBand: BandLow, Restore: 45 * time.Minute, Restored: 1, RestoreBand: BandElite},
		},
		{
			name: "monitoring failed and auto-rolled back; the retry restores nothing earlier than the rollback",
			h: History{Production: []deploybot.Deployment{
				withFailure(prod(1, "v2", deploybot.StateRolledBack, 0, 0.5), deploybot.FailureMonitoring),
				rollback(2, "v1", 1, deploybot.StateSucceeded, 0.5, 2),
				prod(3, "v2.1", deploybot.StateSucceeded, 5, 6),
			}},
			want: Figures{Deployments: 2, Days: 1, PerWeek: 2, FrequencyBand: BandHigh, Concluded: 2, Failures: 1, FailureRate: 0.5,
				FailureBand: BandLow, Restore: 2 * time.Hour, Restored: 1, RestoreBand: BandHigh},
		},
		{
			name: "only failures: nothing restored",
			h: History{Project: "broken", Production: []deploybot.Deployment{
				withFailure(prod(1, "v1", deploybot.StateFailed, 0, 1), deploybot.FailureExecutor),
				withFailure(prod(2, "v1", deploybot.StateFailed, 3, 4), deploybot.FailureVerification),
			}},
			want: Figures{Deployments: 2, Days: 1, PerWeek: 2, FrequencyBand: BandHigh, Concluded: 2, Failures: 2, FailureRate: 1,
				FailureBand: BandLow, Unrestored: 2},
		},
		{
			name: "drills, rollbacks, unstarted and interrupted runs",
			h: History{Production: []deploybot.Deployment{
				prod(1, "v1", deploybot.StateSucceeded, 0, 1),
				withDrill(rollback(2, "v0", 0, deploybot.StateSucceeded, 2, 2.5), 9),
				withDrill(prod(3, "v1", deploybot.StateFailed, 3, 3.5), 9),
				{ID: 4, Env: deploybot.EnvProduction, Version: "v2", Action: deploybot.ActionDeploy, State: deploybot.StateFailed, CreatedAt: at(4)},
				prod(5, "v2", deploybot.StateInterrupted, 5, 6),
			}},
			want: Figures{Deployments: 2, Days: 1, PerWeek: 2, FrequencyBand: BandHigh, Concluded: 1, FailureBand: BandElite},
		},
		{
			name: "a success later rolled back: restored at its success, known from its transitions",
			h: History{Production: []deploybot.Deployment{
				withFailure(prod(1, "v2", deploybot.StateFailed, 0, 0.5), deploybot.FailureVerification),
				prod(2, "v3", deploybot.StateRolledBack, 3, 48),
				rollback(3, "v1", 2, deploybot.StateSucceeded, 48, 48.5),
			}, SucceededAt: map[int64]time.Time{2: at(4)}, Staging: []deploybot.Deployment{staging(7, "v3", 1)}},
			want: Figures{Deployments: 2, Days: 1, PerWeek: 2, FrequencyBand: BandHigh, LeadTime: 3 * time.Hour, LeadSamples: 1,
				LeadFrom: LeadFromStaging, LeadTimeBand: BandElite, Concluded: 2, Failures: 2, FailureRate: 1, FailureBand: BandLow,
				Restore: 24*time.Hour + 45*time.Minute, Restored: 2, RestoreBand: BandLow},
		},
		{
			name: "lead time from commit times where known",
			h: History{Production: []deploybot.Deployment{
				prod(1, "v1", deploybot.StateSucceeded, 48, 49),
				prod(2, "v2", deploybot.StateSucceeded, 72, 73),
			}, Staging: []deploybot.Deployment{staging(3, "v2", 70)}, CommitAt: map[int64]time.Time{1: at(1)}},
			// v1: 49h-1h = 48h from its commit; v2: 73h-70h = 3h from staging
			want: Figures{Deployments: 2, Days: 2, PerWeek: 2, FrequencyBand: BandHigh, LeadTime: 25*time.Hour + 30*time.Minute, LeadSamples: 2,
				LeadFromCommits: 1, LeadFrom: LeadFromBoth, LeadTimeBand: BandHigh, Concluded: 2, FailureBand: BandElite},
		},
		{
			name: "lead time from staging: commit times unknown",
			h:    commitHistory(nil),
			// v1: 49h-40h = 9h; v2: 73h-70h = 3h; v3: 97h-90h = 7h
			want: Figures{Deployments: 3, Days: 3, PerWeek: 3, FrequencyBand: BandHigh, LeadTime: 7 * time.Hour, LeadSamples: 3,
				LeadFrom: LeadFromStaging, LeadTimeBand: BandElite, Concluded: 3, FailureBand: BandElite},
		},
		{
			name: "lead time from commits: the same deploys, their commits dated",
			h:    commitHistory(map[int64]time.Time{1: at(1), 2: at(61), 3: at(24)}),
			// v1: 49h-1h = 48h; v2: 73h-61h = 12h; v3: 97h-24h = 73h
			want: Figures{Deployments: 3, Days: 3, PerWeek: 3, FrequencyBand: BandHigh, LeadTime: 48 * time.Hour, LeadSamples: 3,
				LeadFromCommits: 3, LeadFrom: LeadFromCommit, LeadTimeBand: BandHigh, Concluded: 3, FailureBand: BandElite},
		},
		{
			name: "mixed: a commit time after the success is no start, staging is",
			h:    commitHistory(map[int64]time.Time{1: at(1), 2: at(80)}),
			// v1: 48h from its commit; v2: 3h from staging (its commit time
			// is after its success); v3: 7h from staging
			want: Figures{Deployments: 3, Days: 3, PerWeek: 3, FrequencyBand: BandHigh, LeadTime: 7 * time.Hour, LeadSamples: 3,
				LeadFromCommits: 1, LeadFrom: LeadFromBoth, LeadTimeBand: BandElite, Concluded: 3, FailureBand: BandElite},
		},
		{
			name: "runs outside the period are not counted, but restore after it",
			h: History{Production: []deploybot.Deployment{
				prod(1, "v0", deploybot.StateSucceeded, -48, -47),
				prod(2, "v1", deploybot.StateRolledBack, 24*6.5, 24*6.5+1),
				rollback(3, "v0", 2, deploybot.StateSucceeded, 24*8, 24*8+1),
			}},
			want: Figures{Deployments: 1, Days: 1, PerWeek: 1, FrequencyBand: BandHigh, Concluded: 1, Failures: 1, FailureRate: 1,
				FailureBand: BandLow, Restore: 37 * time.Hour, Restored: 1, RestoreBand: BandLow},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute([]History{tt.h}, week, now, paris)
			got.Period, got.Weeks = Period{}, nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compute:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// commitHistory is three production deploys, each through staging, with
// the commit times given.
func commitHistory(commits map[int64]time.Time) History {
	return History{Production: []deploybot.Deployment{
		prod(1, "v1", deploybot.StateSucceeded, 48, 49),
		prod(2, "v2", deploybot.StateSucceeded, 72, 73),
		prod(3, "v3", deploybot.StateSucceeded, 96, 97),
	}, Staging: []deploybot.Deployment{staging(11, "v1", 40), staging(12, "v2", 70), staging(13, "v3", 90)}, CommitAt: commits}
}

func TestComputeAgencyAndWeeks(t *testing.T) {
	shop := History{Project: "shop", Production: []deploybot.Deployment{
		prod(1, "v1", deploybot.StateSucceeded, 0, 1),
		prod(2, "v2", deploybot.StateRolledBack, 24*8, 24*8+1),
		rollback(3, "v1", 2, deploybot.StateSucceeded, 24*8+1, 24*8+2),
	}}
	api := History{Project: "api", Production: []deploybot.Deployment{
		// api's failure is not restored by shop's rollback
		withFailure(prod(11, "a1", deploybot.StateFailed, 24*9, 24*9+1), deploybot.FailureExecutor),
	}}
	p := Period{From: week.From, To: week.From.Add(14 * 24 * time.Hour)}
	got := Compute([]History{shop, api}, p, at(24*20), paris)
	if got.Deployments != 3 || got.Failures != 2 || got.Restored != 1 || got.Unrestored != 1 || got.Restore != 2*time.Hour {
		t.Errorf("agency figures: %+v", got)
	}
	if len(got.Weeks) != 2 {
		t.Fatalf("weeks: %+v", got.Weeks)
	}
	want := []Week{{Start: week.From, Deployments: 1}, {Start: week.From.AddDate(0, 0, 7), Deployments: 2, Failures: 2}}
	for i := range want {
		if !got.Weeks[i].Start.Equal(want[i].Start) || got.Weeks[i].Deployments != want[i].Deployments || got.Weeks[i].Failures != want[i].Failures {
			t.Errorf("week %d: got %+v, want %+v", i, got.Weeks[i], want[i])
		}
	}
	if only := Compute(Only([]History{shop, api}, "API"), p, at(24*20), paris); only.Deployments != 1 || only.Failures != 1 {
		t.Errorf("api only: %+v", only)
	}
}

func TestBands(t *testing.T) {
	h := time.Hour
	tests := []struct {
		name string
		got  Band
		want Band
	}{
		{"no deployment", FrequencyBand(0, 0), BandNone},
		{"twice a day", FrequencyBand(14, 28), BandElite},
		{"every working day", FrequencyBand(5, 20), BandHigh},
		{"once a week", FrequencyBand(1, 4), BandHigh},
		{"twice a month", FrequencyBand(0.5, 2), BandMedium},
		{"once a quarter", FrequencyBand(7.0/90, 1), BandLow},
		{"lead 3h", LeadTimeBand(3 * h), BandElite},
		{"lead 2 days", LeadTimeBand(48 * h), BandHigh},
		{"lead 2 weeks", LeadTimeBand(14 * 24 * h), BandMedium},
		{"lead 2 months", LeadTimeBand(60 * 24 * h), BandLow},
		{"cfr 0", FailureRateBand(0), BandElite},
		{"cfr 7.5%", FailureRateBand(0.075), BandElite},
		{"cfr 12% is nearest medium's 10%", FailureRateBand(0.12), BandMedium},
		{"cfr 20%", FailureRateBand(0.20), BandHigh},
		{"cfr 50%", FailureRateBand(0.5), BandLow},
		{"restore 20m", RestoreBand(20 * time.Minute), BandElite},
		{"restore 5h", RestoreBand(5 * h), BandHigh},
		{"restore 3 days", RestoreBand(72 * h), BandLow},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestReportTrendAndFormat(t *testing.T) {
	h := History{Project: "shop", Production: []deploybot.Deployment{
		// the week before: one deploy, rolled back
		prod(1, "v1", deploybot.StateRolledBack, -24*3, -24*3+1),
		rollback(2, "v0", 1, deploybot.StateSucceeded, -24*3+1, -24*3+3),
		// this week: two good deploys
		prod(3, "v2", deploybot.StateSucceeded, 2, 3),
		prod(4, "v3", deploybot.StateSucceeded, 26, 27),
	}, Staging: []deploybot.Deployment{staging(5, "v2", 0), staging(6, "v3", 24)}}
	r := NewReport("shop", []History{h}, week, at(24*8), paris)
	if r.Trends != (Trends{Frequency: Better, LeadTime: Unknown, FailureRate: Better, Restore: Unknown}) {
		t.Errorf("trends: %+v", r.Trends)
	}
	tests := []struct {
		lang deploybot.Lang
		want []string
	}{
		{deploybot.English, []string{"DORA figures — shop, last 7 days", "2 deployment(s), 2.0/week — high ↗ better (before: 1)",
			"3h (median of 2, from staging) — elite", "0% (0 of 2) — elite ↗ better (before: 100%)", "no failure restored",
			"DORA report 2024", "first staging deploy"}},
		{deploybot.French, []string{"Métriques DORA — shop, 7 derniers jours", "2 déploiement(s), 2,0/semaine — élevé ↗ mieux (avant : 1)",
			"3 h (médiane de 2, depuis le staging) — élite", "rapport DORA 2024", "premier déploiement de la version en staging"}},
	}
	for _, tt := range tests {
		reply := Format(r, tt.lang)
		text := reply.Title + "\n" + reply.Text + "\n" + reply.Note
		for _, f := range reply.Fields {
			text += "\n" + f.Label + ": " + f.Value
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s reply lacks %q:\n%s", tt.lang, w, text)
			}
		}
	}
	empty := Format(NewReport("", nil, week, at(24*8), paris), deploybot.English)
	if !strings.Contains(empty.Text, "No production deployment") || !strings.Contains(empty.Title, "the agency") ||
		!strings.Contains(empty.Note, "Lead time is measured from the earliest commit shipped where") {
		t.Errorf("empty report: %+v", empty)
	}
}

// TestFormatLeadSource: the reply says where lead times start, in the
// figure and in the note, in both languages.
func TestFormatLeadSource(t *testing.T) {
	tests := []struct {
		name    string
		commits map[int64]time.Time
		lang    deploybot.Lang
		want    []string
	}{
		{"staging", nil, deploybot.English, []string{"7h (median of 3, from staging)", "from the version's first staging deploy (no commit time recorded"}},
		{"staging", nil, deploybot.French, []string{"7 h (médiane de 3, depuis le staging)", "depuis le premier déploiement de la version en staging (aucune heure de commit"}},
		{"commits", map[int64]time.Time{1: at(1), 2: at(61), 3: at(24)}, deploybot.English,
			[]string{"2d (median of 3, from the commits)", "from the earliest commit each deploy shipped"}},
		{"commits", map[int64]time.Time{1: at(1), 2: at(61), 3: at(24)}, deploybot.French,
			[]string{"2 j (médiane de 3, depuis les commits)", "depuis le premier commit livré par chaque déploiement"}},
		{"mixed", map[int64]time.Time{1: at(1)}, deploybot.English,
			[]string{"7h (median of 3, 1 from the commits, 2 from staging)", "where the deploy's changelog dates its commits, else from the version's first staging deploy"}},
		{"mixed", map[int64]time.Time{1: at(1)}, deploybot.French,
			[]string{"7 h (médiane de 3, 1 depuis les commits, 2 depuis le staging)", "quand le changelog du déploiement date ses commits, sinon depuis le premier déploiement"}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+string(tt.lang), func(t *testing.T) {
			h := commitHistory(tt.commits)
			h.Project = "shop"
			reply := Format(NewReport("shop", []History{h}, week, at(24*8), paris), tt.lang)
			text := reply.Fields[1].Value + "\n" + reply.Note
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("reply lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

type fakeSource map[string][]deploybot.Deployment

func (f fakeSource) Runs(_ context.Context, project, env string) ([]deploybot.Deployment, error) {
	return f[project+"/"+env], nil
}

func (f fakeSource) SucceededAt(_ context.Context, id int64) (time.Time, bool, error) {
	if id == 2 {
		return at(4), true, nil
	}
	return time.Time{}, false, nil
}

func TestAnswer(t *testing.T) {
	src := fakeSource{"shop/production": {
		withFailure(prod(1, "v2", deploybot.StateFailed, 0, 0.5), deploybot.FailureVerification),
		prod(2, "v3", deploybot.StateRolledBack, 3, 48),
	}}
	reply, err := Answer(context.Background(), src, []string{"shop", "api"}, "SHOP", week, at(24*8), paris, deploybot.English)
	if err != nil {
		t.Fatal(err)
	}
	// deployment 2 succeeded at +4h (from its transitions): the failure of 1 was restored in 4h
	if got := reply.Fields[3].Value; !strings.HasPrefix(got, "4h (median of 1)") {
		t.Errorf("time to restore: %q", got)
	}
	if _, err := Answer(context.Background(), src, []string{"shop"}, "nope", week, at(24*8), paris, deploybot.French); deploybot.ErrorCode(err) != deploybot.ENOTFOUND {
		t.Errorf("unknown project: %v", err)
	}
}

func TestParsePeriodAndDuration(t *testing.T) {
	now := at(0)
	for _, tt := range []struct {
		in   string
		days int
		ok   bool
	}{{"", 30, true}, {"week", 7, true}, {"mois", 30, true}, {"90d", 90, true}, {"14", 14, true}, {"0d", 0, false}, {"soon", 0, false}} {
		p, err := ParsePeriod(tt.in, now)
		if (err == nil) != tt.ok || (tt.ok && (p.To != now || p.Duration() != time.Duration(tt.days)*24*time.Hour)) {
			t.Errorf("ParsePeriod(%q) = %+v, %v", tt.in, p, err)
		}
	}
	for _, tt := range []struct {
		d      time.Duration
		en, fr string
	}{{30 * time.Second, "< 1m", "< 1 min"}, {45 * time.Minute, "45m", "45 min"}, {3*time.Hour + 20*time.Minute, "3h 20m", "3 h 20 min"},
		{50 * time.Hour, "2d 2h", "2 j 2 h"}, {48 * time.Hour, "2d", "2 j"}} {
		if got := Duration(tt.d, deploybot.English); got != tt.en {
			t.Errorf("Duration(%v, en) = %q, want %q", tt.d, got, tt.en)
		}
		if got := Duration(tt.d, deploybot.French); got != tt.fr {
			t.Errorf("Duration(%v, fr) = %q, want %q", tt.d, got, tt.fr)
		}
	}
}

// commitSource is a Source whose deployments carry their commit times
// (as the store's do).
type commitSource struct {
	fakeSource
	commits map[int64]time.Time
}

func (c commitSource) CommitAt(_ context.Context, d deploybot.Deployment) (time.Time, bool, error) {
	t, ok := c.commits[d.ID]
	return t, ok, nil
}

// TestLoadCommitTimes: Load asks a CommitTimes source for the commit times
// of production deployments of a change, and the figures start there.
func TestLoadCommitTimes(t *testing.T) {
	runs := fakeSource{
		"shop/production": {
			prod(1, "v1", deploybot.StateSucceeded, 48, 49),
			rollback(2, "v0", 1, deploybot.StateSucceeded, 50, 51),
			withDrill(prod(3, "v1", deploybot.StateSucceeded, 52, 53), 7),
			prod(4, "v2", deploybot.StateSucceeded, 72, 73),
		},
		"shop/staging": {staging(11, "v1", 40), staging(12, "v2", 70)},
	}
	src := commitSource{runs, map[int64]time.Time{1: at(1), 2: at(2), 3: at(3)}}
	hs, err := Load(context.Background(), src, []string{"shop"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int64]time.Time{1: at(1)}; !reflect.DeepEqual(hs[0].CommitAt, want) {
		t.Errorf("CommitAt = %v, want %v (rollbacks and drill steps ship no change)", hs[0].CommitAt, want)
	}
	f := Compute(hs, week, at(24*8), paris)
	// v1: 48h from its commit; v2: 3h from staging
	if f.LeadFrom != LeadFromBoth || f.LeadFromCommits != 1 || f.LeadSamples != 2 || f.LeadTime != 25*time.Hour+30*time.Minute {
		t.Errorf("lead time %v from %q (%d of %d from commits)", f.LeadTime, f.LeadFrom, f.LeadFromCommits, f.LeadSamples)
	}
	// Without commit times, the same runs start at staging.
	hs, err = Load(context.Background(), runs, []string{"shop"})
	if err != nil {
		t.Fatal(err)
	}
	if f := Compute(hs, week, at(24*8), paris); f.LeadFrom != LeadFromStaging || f.LeadTime != 6*time.Hour {
		t.Errorf("without commit times: lead time %v from %q", f.LeadTime, f.LeadFrom)
	}
}
