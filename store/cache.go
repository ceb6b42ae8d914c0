package store

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"deploybot"
)

// The context layers' settings and the interviews are read on every
// message (a CPU profile of the scripted chat, issue 19: SettingValues and
// Interview were a third of the handler's time, most of it in SQLite's
// statement steps and row scans) and written seldom. They are read from
// memory, kept exact by the change counter of migration 0014: every write
// of settings or interviews, by any process (an older release too), bumps
// it in the same transaction (the migration's triggers), and a read
// compares it, one row by its key, with the counter its copy was read at. The counter is read before the
// rows, so that a copy is never older than the counter it is tagged with.

// contextCounter is the change counter's name for settings and interviews.
const contextCounter = "context"

// contextCache is the memory copy of settings and interviews.
type contextCache struct {
	mu         sync.Mutex
	settingsAt int64 // the counter the settings were read at; -1: none
	settings   []deploybot.Setting
	interviews map[interviewKey]cachedInterview
}

type interviewKey struct {
	platform deploybot.Platform
	channel  string
	user     string
}

type cachedInterview struct {
	at    int64 // the counter it was read at
	iv    deploybot.Interview
	found bool
}

// maxCachedInterviews bounds the interviews kept (found or not): past it,
// the map starts again empty.
const maxCachedInterviews = 4096

func newContextCache() *contextCache { return &contextCache{settingsAt: -1} }

// ReadScope returns a context under which the change counter is read
// once, at the first read of settings or interviews, until end is called:
// the reads of one message (about four: its interview, then settings for
// each layer it resolves) cost one query, and see one state of what other
// processes wrote. A write of settings or interviews by this process ends
// the pinned counter at once, so that the message reads its own writes.
// Past end, ctx reads the counter at each read again (work started by the
// message and running on may read later).
func (db *DB) ReadScope(ctx context.Context) (context.Context, func()) {
	s := &readScope{db: db}
	return context.WithValue(ctx, readScopeKey{}, s), s.end
}

type readScopeKey struct{}

// readScope is the counter pinned for one message.
type readScope struct {
	db     *DB
	mu     sync.Mutex
	ended  bool
	pinned bool
	n      int64 // the counter read
	writes int64 // db.localWrites when it was read
}

func (s *readScope) end() {
	s.mu.Lock()
	s.ended = true
	s.mu.Unlock()
}

// written notes a write of settings or interviews by this process (after
// its commit).
func (db *DB) written() { db.localWrites.Add(1) }

// contextVersion reads the change counter of settings and interviews, or
// returns the one pinned by ctx's ReadScope.
func (db *DB) contextVersion(ctx context.Context) (int64, error) {
	s, _ := ctx.Value(readScopeKey{}).(*readScope)
	if s == nil || s.db != db {
		return db.readContextVersion(ctx)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	writes := db.localWrites.Load()
	if s.ended {
		return db.readContextVersion(ctx)
	}
	if s.pinned && s.writes == writes {
		return s.n, nil
	}
	n, err := db.readContextVersion(ctx)
	if err != nil {
		return 0, err
	}
	s.pinned, s.n, s.writes = true, n, writes
	return n, nil
}

func (db *DB) readContextVersion(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("read the change counter: %w", err)
	}
	// Without ctx's cancellation, checked just above: for a query whose
	// context can be cancelled (chat's and serve's are, by a signal),
	// database/sql starts a goroutine per *Rows to watch it
	// (Rows.awaitDone), and this read of one row by its key, once per
	// message, paid for one goroutine and one context.WithCancel each
	// time (issue 19: a CPU profile of the scripted chat).
	//
	// Tried in session 7 and reverted: the read on one connection of its
	// own outside the pool, its statement prepared once (1 allocation,
	// not 13; 6.8 -> 4.6 µs a read with no commit between reads). After a
	// commit by another connection SQLite drops that connection's cached
	// pages and reads them again, while the pool hands the read the
	// connection that just committed (its cache still good): on the
	// question path, a commit per message, Handle's p50 rose 4-10 µs
	// (BenchmarkAnswer, 4 alternating runs), and the scripted chat's CPU
	// did not fall (5 alternating pairs, load 7).
	//
	// With a watch of SQLite's log (DB.WatchWAL), the counter is read
	// only when a transaction was committed since it was last read.
	if w := db.wal.Load(); w != nil {
		if hdr, watched := w.header(); watched {
			cs, err := db.watchedCounters(ctx, w, hdr)
			return cs.context, err
		}
	}
	var n int64
	if err := db.q.QueryRowContext(context.WithoutCancel(ctx), `SELECT n FROM change_counters WHERE name = ?`, contextCounter).Scan(&n); err != nil {
		return 0, fmt.Errorf("read the change counter: %w", err)
	}
	return n, nil
}

// watchedCounters returns the change counters when the log's header is
// hdr, read just before: from memory while nobody has committed since
// they were last read, else read again, all in one query.
func (db *DB) watchedCounters(ctx context.Context, w *walWatch, hdr [walHeaderWords]uint32) (counters, error) {
	if cs, ok := w.counters(hdr); ok {
		return cs, nil
	}
	var cs counters
	if err := db.q.QueryRowContext(context.WithoutCancel(ctx), `
SELECT n,
	COALESCE((SELECT n FROM change_counters WHERE name = ?), -1),
	COALESCE((SELECT n FROM change_counters WHERE name = ?), -1),
	COALESCE((SELECT n FROM change_counters WHERE name = ?), -1),
	COALESCE((SELECT n FROM change_counters WHERE name = ?), -1)
FROM change_counters WHERE name = ?`,
		deploysCounter, freezesCounter, locksCounter, remindersCounter, contextCounter).Scan(
		&cs.context, &cs.deploys, &cs.freezes, &cs.locks, &cs.reminders); err != nil {
		return counters{}, fmt.Errorf("read the change counter: %w", err)
	}
	w.remember(hdr, cs) // the header was read before the counters
	return cs, nil
}

// cachedSettings returns the settings read at counter n, if kept: the
// copy kept, shared by every caller until the counter moves, clipped so
// that an append copies it (see SettingValues).
func (c *contextCache) cachedSettings(n int64) ([]deploybot.Setting, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.settingsAt != n {
		return nil, false
	}
	return slices.Clip(c.settings), true
}

func (c *contextCache) putSettings(n int64, s []deploybot.Setting) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n >= c.settingsAt {
		c.settingsAt, c.settings = n, slices.Clone(s)
	}
}

func (c *contextCache) cachedInterview(k interviewKey, n int64) (cachedInterview, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.interviews[k]
	return e, ok && e.at == n
}

func (c *contextCache) putInterview(k interviewKey, e cachedInterview) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.interviews == nil || len(c.interviews) >= maxCachedInterviews {
		c.interviews = make(map[interviewKey]cachedInterview)
	}
	if old, ok := c.interviews[k]; !ok || e.at >= old.at {
		c.interviews[k] = e
	}
}
