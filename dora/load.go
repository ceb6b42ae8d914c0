package dora

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"deploybot"
)

// Source gives the runs of an environment: the deployments whose executor
// started, whatever their outcome (store.DB.Runs satisfies it).
type Source interface {
	Runs(ctx context.Context, project, env string) ([]deploybot.Deployment, error)
}

// SuccessTimes is implemented by sources that can tell, from a
// deployment's recorded transitions, when it reached succeeded. Load uses
// it for production runs later rolled back after they had succeeded;
// without it such a run is no good state for time to restore.
type SuccessTimes interface {
	SucceededAt(ctx context.Context, id int64) (time.Time, bool, error)
}

// CommitTimes is implemented by sources that can tell when the earliest
// commit a deployment shipped was made (a changelog with commit times).
// Without it, lead times start at the version's first staging run.
type CommitTimes interface {
	CommitAt(ctx context.Context, d deploybot.Deployment) (time.Time, bool, error)
}

// Load reads the production and staging runs of each project.
func Load(ctx context.Context, src Source, projects []string) ([]History, error) {
	var out []History
	for _, p := range projects {
		h := History{Project: p, SucceededAt: map[int64]time.Time{}, CommitAt: map[int64]time.Time{}}
		var err error
		if h.Production, err = src.Runs(ctx, p, deploybot.EnvProduction); err != nil {
			return nil, fmt.Errorf("dora: runs of %s: %w", p, err)
		}
		if h.Staging, err = src.Runs(ctx, p, deploybot.EnvStaging); err != nil {
			return nil, fmt.Errorf("dora: runs of %s: %w", p, err)
		}
		st, hasSuccess := src.(SuccessTimes)
		ct, hasCommits := src.(CommitTimes)
		for _, d := range h.Production {
			if hasSuccess && d.State == deploybot.StateRolledBack && d.Failure == "" {
				if t, ok, err := st.SucceededAt(ctx, d.ID); err != nil {
					return nil, fmt.Errorf("dora: deployment %d: %w", d.ID, err)
				} else if ok {
					h.SucceededAt[d.ID] = t
				}
			}
			if hasCommits && counted(d) {
				if t, ok, err := ct.CommitAt(ctx, d); err == nil && ok {
					h.CommitAt[d.ID] = t
				}
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// Only returns the histories of project, or all of them for "".
func Only(hs []History, project string) []History {
	if project == "" {
		return hs
	}
	for _, h := range hs {
		if strings.EqualFold(h.Project, project) {
			return []History{h}
		}
	}
	return nil
}

// DefaultDays is the length of the period when none is named.
const DefaultDays = 30

// ParsePeriod reads a period ending at now: "" (DefaultDays), a number of
// days ("7d", "90d", "30"), or a word: week / semaine (7 days), month /
// mois (30 days), quarter / trimestre (90 days), year / an / année (365
// days). Rolling periods keep the comparison with the period before fair.
func ParsePeriod(s string, now time.Time) (Period, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	words := map[string]int{"": DefaultDays, "week": 7, "semaine": 7, "month": 30, "mois": 30,
		"quarter": 90, "trimestre": 90, "year": 365, "an": 365, "année": 365, "annee": 365}
	if n, ok := words[s]; ok {
		return LastDays(now, n), nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
	if err != nil || n < 1 || n > 3660 {
		return Period{}, deploybot.Errorf2(deploybot.EINVALID,
			"période %q inconnue : un nombre de jours (7d, 30d, 90d) ou semaine, mois, trimestre, année",
			"unknown period %q: a number of days (7d, 30d, 90d) or week, month, quarter, year", s)
	}
	return LastDays(now, n), nil
}
