package deploy

import (
	"slices"
	"time"

	"deploybot"
)

// History is what an environment's runs say of its versions: which one
// runs now, which are good and which are bad there. It is computed from the
// runs whose executor started, in the order they started (DESIGN §4b,
// "Versions and rollback targets").
type History struct {
	// Current is the version of the latest run whose executor started,
	// whatever its outcome ("" when nothing ever ran there).
	Current   string
	CurrentID int64 // the deployment of that run
	// lastGood holds, for each good version, when its last successful run
	// started; bad holds the versions that are bad there now.
	lastGood map[string]goodRun
	bad      map[string]bool
}

type goodRun struct {
	at time.Time
	id int64
}

// NewHistory reads runs (oldest first) of one environment.
//
// A version is good there once a run of it succeeded, and bad after a run
// of it failed verification or monitoring, or was rolled back (by hand or
// automatically), until a later run of it there succeeds. A run whose
// executor failed, an interrupted run and a run still being monitored mark
// nothing: they are neither proof of health nor proof of harm. Neither
// do the steps of a rollback drill (they only move the current version).
func NewHistory(runs []deploybot.Deployment) History {
	h := History{lastGood: map[string]goodRun{}, bad: map[string]bool{}}
	for _, r := range runs {
		if !r.Started || r.Version == "" {
			continue
		}
		h.Current, h.CurrentID = r.Version, r.ID
		if r.DrillID != 0 {
			continue // a drill's steps prove nothing and mark nothing bad
		}
		switch r.State {
		case deploybot.StateSucceeded:
			h.lastGood[r.Version] = goodRun{at: r.CreatedAt, id: r.ID}
			delete(h.bad, r.Version)
		case deploybot.StateRolledBack:
			h.bad[r.Version] = true
		case deploybot.StateFailed:
			if r.Failure == deploybot.FailureVerification || r.Failure == deploybot.FailureMonitoring {
				h.bad[r.Version] = true
			}
		}
	}
	return h
}

// Good reports whether version is good there: it succeeded there and is not
// bad since.
func (h History) Good(version string) bool {
	_, ok := h.lastGood[version]
	return ok && !h.bad[version]
}

// Bad reports whether version is bad there now.
func (h History) Bad(version string) bool { return h.bad[version] }

// RollbackTarget returns the version a rollback with no version named goes
// back to: among the good versions other than except (the current version,
// or the version about to be deployed), the one whose last successful run
// is the latest. It returns "" when there is none.
func (h History) RollbackTarget(except string) string {
	best, bestID := "", int64(0)
	for v, g := range h.lastGood {
		if v == except || h.bad[v] {
			continue
		}
		if g.id > bestID {
			best, bestID = v, g.id
		}
	}
	return best
}

// LastGoodAt returns when version's last successful run there was
// planned (zero when never).
func (h History) LastGoodAt(version string) time.Time {
	return h.lastGood[version].at
}

// BadVersions lists the versions bad there now, sorted.
func (h History) BadVersions() []string {
	out := make([]string, 0, len(h.bad))
	for v := range h.bad {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// LastGoodID returns the deployment of version's last successful run, or 0.
func (h History) LastGoodID(version string) int64 {
	return h.lastGood[version].id
}
