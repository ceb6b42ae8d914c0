package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"deploybot"
)

// Watching SQLite's log for commits.
//
// The change counter of settings and interviews (cache.go) is read once
// per message: a query that begins and ends a read transaction, two
// fcntl locks and a dozen calls into database/sql and SQLite. A CPU
// profile of bench's scripted chat (issue 19) showed that read as 6-8 %
// of the process, for a counter that moved 341 times in 30,000 messages.
//
// Every transaction committed to a database in WAL mode, by any process,
// rewrites the WAL-index header at the start of its -shm file (two copies
// of 48 bytes: the change counter iChange, the last frame, the salts and
// a checksum; https://www.sqlite.org/walformat.html, "The WAL-Index
// Header"). The format is SQLite's contract between processes of every
// version since 3.7.0, which read that header lock-free as done here: the
// writer writes the second copy, then the first; a reader reads the first,
// then the second, and trusts them when they are equal. So while the
// header is the one seen before the counter was last read, nobody has
// committed since, and the counter read then is the counter now: the
// store reads it again only after a commit, its own included (the
// scripted chat's audit rows commit in batches of a hundred or more).
//
// Two rules keep the -shm file mapped here the one SQLite uses:
//   - a connection of the pool is held for the life of the watch: a
//     connection in WAL mode keeps a shared lock on the database file, so
//     that no process can take the exclusive lock it needs to remove the
//     log and the -shm file when it closes (a new -shm file would leave
//     this mapping on a file nobody writes);
//   - the -shm file's descriptor is never closed: POSIX file locks belong
//     to the process, and closing any descriptor of a file drops every
//     lock the process holds on it, SQLite's own included. A watch is
//     meant for a process that opens its database once (the scripted
//     chat: DB.WatchWAL); the descriptor and the mapping end with it.

// walHeaderWords is the WAL-index header's size in 32-bit words (48
// bytes); the second copy follows the first.
const walHeaderWords = 12

// walWatch maps the first page of a database's -shm file.
type walWatch struct {
	mem  []byte    // read-only, shared with every process
	conn *sql.Conn // held: see the top of this file

	mu    sync.Mutex
	known bool
	hdr   [walHeaderWords]uint32 // the header when the counters were last read
	cs    counters               // the counters then

	// What was read of deployments and drills, by the deploys' counter,
	// of locks and of reminders, by theirs (deploycache.go).
	deployReads, lockReads, reminderReads deployCache

	// The freezes set by chat, as DB.Freezes last read them.
	freezesKnown bool
	freezesAt    int64              // the freezes' counter when they were read
	freezesNow   time.Time          // the store's time then
	freezes      []deploybot.Freeze // not lifted and not over then
}

// counters are the change counters of what the store keeps in memory:
// the context's (settings and interviews, cache.go), and those of
// deployments and drills, freezes, locks and reminders
// (deploycache.go), -1 for a counter the database does not have.
type counters struct {
	context, deploys, freezes, locks, reminders int64
}

// WatchWAL lets the store read the change counter of settings and
// interviews again only after a commit to the database, by any process
// (see walwatch.go); until then it is the one read last. For a process
// that opens one SQLite database for its life, as the scripted chat does:
// the watch holds a connection of the pool and keeps the -shm file open
// until the process ends, even past Close. It does nothing on
// PostgreSQL. If the log cannot be watched, it returns the error and the
// store reads the counter as before.
func (db *DB) WatchWAL(ctx context.Context) error {
	if db.engine != engineSQLite || db.path == "" || db.wal.Load() != nil {
		return nil
	}
	conn, err := db.sql.Conn(context.WithoutCancel(ctx))
	if err != nil {
		return fmt.Errorf("store: watch the log: %w", err)
	}
	// A first read opens the connection's log and -shm file, and the
	// shared lock on the database that it then keeps.
	var n int64
	if err := conn.QueryRowContext(context.WithoutCancel(ctx), `SELECT n FROM change_counters WHERE name = ?`, contextCounter).Scan(&n); err != nil {
		_ = conn.Close()
		return fmt.Errorf("store: watch the log: %w", err)
	}
	w, err := mapWALIndex(db.path + "-shm")
	if err != nil {
		_ = conn.Close()
		return fmt.Errorf("store: watch the log: %w", err)
	}
	w.conn = conn
	db.wal.Store(w)
	return nil
}

// header returns the WAL-index header, and false while a writer is
// changing it (its two copies differ) or before it is initialised.
func (w *walWatch) header() (h [walHeaderWords]uint32, ok bool) {
	p := unsafe.Pointer(unsafe.SliceData(w.mem))
	for i := range h {
		h[i] = atomic.LoadUint32((*uint32)(unsafe.Add(p, 4*i)))
	}
	for i := range h {
		if atomic.LoadUint32((*uint32)(unsafe.Add(p, 4*(walHeaderWords+i)))) != h[i] {
			return h, false
		}
	}
	// iVersion, the first word, is 0 until a connection has built the
	// index (3007000 since).
	return h, h[0] != 0
}

// counters returns the counters read when the header was last h.
func (w *walWatch) counters(h [walHeaderWords]uint32) (counters, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cs, w.known && w.hdr == h
}

// remember records that the counters were cs when the header was h, h
// having been read before the counters.
func (w *walWatch) remember(h [walHeaderWords]uint32, cs counters) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.known, w.hdr, w.cs = true, h, cs
}

// freezesAtCounter returns the freezes read when the freezes' counter
// was n that are not over at now; false if they were read at another
// counter, or the store's clock went back (a freeze over then may not be
// over now). The slice is shared by every caller (read only, clipped so
// that an append copies it): a copy for each calendar built was a tenth
// of the bytes bench's scripted chat allocated (issue 19). Those over
// are dropped from the memory, which then holds the freezes not over at
// now.
func (w *walWatch) freezesAtCounter(n int64, now time.Time) ([]deploybot.Freeze, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.freezesKnown || w.freezesAt != n || now.Before(w.freezesNow) {
		return nil, false
	}
	// What the query's to_at > now keeps: the stored times are read back
	// whole (nanoseconds), so that comparing the times compares the text.
	over := slices.ContainsFunc(w.freezes, func(f deploybot.Freeze) bool { return !f.To.After(now) })
	if over {
		var out []deploybot.Freeze
		for _, f := range w.freezes {
			if f.To.After(now) {
				out = append(out, f)
			}
		}
		w.freezes, w.freezesNow = out, now
	}
	return slices.Clip(w.freezes), true
}

// rememberFreezes records that the freezes not over at now were fs when
// the freezes' counter was n, n having been read before them.
func (w *walWatch) rememberFreezes(n int64, now time.Time, fs []deploybot.Freeze) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.freezesKnown && n < w.freezesAt {
		return // read at an older counter than what is kept
	}
	w.freezesKnown, w.freezesAt, w.freezesNow, w.freezes = true, n, now, slices.Clone(fs)
}
