package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"deploybot"
)

// What was read of deployments and drills, kept while they don't change.
//
// The scripted chat asks the store of an environment's history, of the
// deployments in flight and of the last drills at every status, plan,
// history or drill it answers: a CPU profile of bench's chat (issue 19)
// put those reads (HistoryRuns, FindDeployments, Drills, Runs) at about a
// fifth of the process, on a database where no deployment was ever
// made. Each read after a commit by another connection begins a read
// transaction and reads its pages again, and the chat's own audit rows
// commit every few dozen messages, so that a memory kept only until the
// next commit (as the freezes are, walwatch.go) would hardly ever be read.
//
// These reads are kept by the counter of migration 0017 instead: every
// write of deployments or drills, by any process, bumps it in the same
// transaction (the migration's triggers), and it is read with the
// context's (cache.go) after any commit, once, and from memory until the
// next (walwatch.go). A read is answered from memory while that counter
// is the one its rows were read at. The counter is read before the rows,
// so that rows are never older than the counter they are kept under (a
// write between the two makes them newer, and the next read misses).
// Only with a watch of the log (DB.WatchWAL, SQLite): PostgreSQL has the
// counter's row without its triggers, and serve reads as before.

// The change counters' names: of deployments and drills (migration
// 0017), of freezes, locks and reminders (0018).
const (
	deploysCounter   = "deploys"
	freezesCounter   = "freezes"
	locksCounter     = "locks"
	remindersCounter = "reminders"
)

// maxDeployReads bounds the reads kept: past it, the memory starts again
// empty.
const maxDeployReads = 1024

// deployCache holds reads of deployments and drills made at one value
// of the deploys' counter.
type deployCache struct {
	mu sync.Mutex
	at int64          // the counter the reads were made at
	m  map[string]any // by the read's key (its method and arguments)
}

func (c *deployCache) get(key string, n int64) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at != n {
		return nil, false
	}
	v, ok := c.m[key]
	return v, ok
}

func (c *deployCache) put(key string, n int64, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case n < c.at:
		return // read at an older counter than what is kept
	case n > c.at || c.m == nil || len(c.m) >= maxDeployReads:
		c.at, c.m = n, make(map[string]any)
	}
	c.m[key] = v
}

// keptVersion returns the counter of what is read, which picks it from
// the counters, and false when such reads are not kept (no watch of the
// log, a writer changing its header, a database without the counter).
func (db *DB) keptVersion(ctx context.Context, which func(counters) int64) (*walWatch, int64, bool) {
	w := db.wal.Load()
	if w == nil {
		return nil, 0, false
	}
	hdr, watched := w.header()
	if !watched {
		return nil, 0, false
	}
	cs, err := db.watchedCounters(ctx, w, hdr)
	if err != nil || which(cs) < 0 {
		return nil, 0, false
	}
	return w, which(cs), true
}

func deploysOf(cs counters) int64   { return cs.deploys }
func freezesOf(cs counters) int64   { return cs.freezes }
func locksOf(cs counters) int64     { return cs.locks }
func remindersOf(cs counters) int64 { return cs.reminders }

// keptRead answers read (key names it and its arguments) from what was
// read at the counter which picks, in the cache that picks from w, else
// reads it and keeps it. Each caller gets its own copy (clone).
func keptRead[T any](ctx context.Context, db *DB, which func(counters) int64, cache func(*walWatch) *deployCache, key string, clone func(T) T, read func() (T, error)) (T, error) {
	w, n, ok := db.keptVersion(ctx, which)
	if !ok {
		return read()
	}
	c := cache(w)
	if v, ok := c.get(key, n); ok {
		return clone(v.(T)), nil
	}
	v, err := read()
	if err == nil {
		c.put(key, n, clone(v))
	}
	return v, err
}

func deployReadsOf(w *walWatch) *deployCache   { return &w.deployReads }
func lockReadsOf(w *walWatch) *deployCache     { return &w.lockReads }
func reminderReadsOf(w *walWatch) *deployCache { return &w.reminderReads }

// cloneDeployments copies ds and the slices of each.
func cloneDeployments(ds []deploybot.Deployment) []deploybot.Deployment {
	if ds == nil {
		return nil
	}
	out := slices.Clone(ds)
	for i := range out {
		out[i].Reasons = slices.Clone(out[i].Reasons)
		out[i].Ticked = slices.Clone(out[i].Ticked)
	}
	return out
}

// cloneDrills copies ds and the slices of each.
func cloneDrills(ds []deploybot.Drill) []deploybot.Drill {
	if ds == nil {
		return nil
	}
	out := slices.Clone(ds)
	for i := range out {
		out[i].Health = slices.Clone(out[i].Health)
	}
	return out
}

// readKey joins a read's name and arguments into its key, each part
// after its length, so that no two lists of parts share a key.
func readKey(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strconv.Itoa(len(p)))
		b.WriteByte(':')
		b.WriteString(p)
	}
	return b.String()
}

// filterKey is the key of FindDeployments(f).
func filterKey(f deploybot.DeploymentFilter) string {
	parts := []string{"find", f.Project, f.Env, string(f.Action), f.Version, f.Requester, f.Channel, f.Thread,
		strconv.FormatBool(f.MatchThread), strconv.Itoa(f.Limit)}
	for _, s := range f.States {
		parts = append(parts, string(s))
	}
	return readKey(parts...)
}
