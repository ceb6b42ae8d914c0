package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"deploybot"
)

// Group commit.
//
// SQLite here commits one small row per transaction in about 30 µs (the
// WAL append and its lock, measured in issue 19), and 8 rows per
// transaction in about 7 µs a row: a chat or an inbox that commits each
// message alone is bound by the commit, not by its work. The group
// committer lets many small units of work (a message's audit row, a Slack
// event's inbox row) share one transaction while each keeps its own
// outcome:
//
//	c := db.group.submit(ctx, func(ctx context.Context, tx dbtx) error {
//		_, err := tx.ExecContext(ctx, `INSERT INTO ...`, ...)
//		return err
//	})
//	// ... more work, more submissions ...
//	if err := c.Wait(ctx); err != nil { ... } // committed, or failed alone
//
// API (package-internal; store methods wrap it, as QueueMessage does):
//
//   - db.group.submit(ctx, fn) queues fn and returns at once a *Commit.
//     Units run in the order they were submitted, one at a time, on the
//     committer's goroutine, each inside its own SAVEPOINT of the shared
//     transaction (no savepoint when the batch holds one unit). fn gets
//     ctx's values without its cancellation: cancelling a query inside a
//     shared SQLite transaction would roll back the whole transaction. A
//     unit whose ctx is already done when its turn comes is skipped with
//     ctx's error.
//   - db.group.do(ctx, fn) is submit then Wait.
//   - Commit.Wait(ctx) returns once the unit's transaction has committed
//     (nil) or once the unit failed: fn's error (its savepoint rolled
//     back; the other units of the batch are kept), or the shared
//     COMMIT's error (every unit of that batch failed). Commit.Done gives
//     a channel closed at that moment, for select.
//   - fn must only use tx, never db.q or db.inTx: on SQLite the shared
//     transaction holds the write lock, and a second writer would wait
//     for it (busy_timeout) while the committer waits for fn. Values fn
//     computes (an id) may be read once Wait returned nil.
//
// Batching needs no timer: while one batch commits, the units submitted
// meanwhile queue, and the next batch takes all of them (up to
// maxGroupBatch). A lone unit commits at once, so nobody waits for
// company. Close (DB.Close) commits what is queued, then stops.
//
// Lingering (DB.LingerCommits, the scripted chat only): units that nobody
// waits for in haste may wait for company, up to the linger duration
// after the oldest was queued or until maxGroupBatch are queued. A Wait
// whose context is not marked deploybot.WithPatience (a message's write
// waiting for its audit entry, a Slack acknowledgement) ends the lingering
// at once. The scripted chat's printer waits patiently while more replies
// are queued behind the one it waits for: a script commits in batches of
// a hundred or more, not of the twenty-odd units queued while the last
// batch committed (issue 19: each COMMIT writes again the pages the last
// one left half full, and the chat's committer spent a third of its CPU
// in BEGIN, COMMIT and their WAL writes).
type groupCommitter struct {
	db *DB

	mu      sync.Mutex
	queue   []*groupUnit
	running bool // the committer goroutine is started
	closed  bool
	wake    chan struct{} // capacity 1: something was queued
	stopped chan struct{} // closed when the goroutine has returned
	urgent  bool          // someone waits in haste for a unit queued (lingering only)
	oldest  time.Time     // when the oldest unit queued was (lingering only)

	linger atomic.Int64 // time.Duration units may wait for company; 0: none

	batches atomic.Int64 // shared transactions run
}

// maxGroupBatch bounds one shared transaction, so that a burst does not
// hold SQLite's write lock (and the replies waiting on it) for long.
const maxGroupBatch = 256

// errGroupClosed is the error of units submitted after DB.Close.
var errGroupClosed = errors.New("store: group commit: database closed")

type groupUnit struct {
	ctx context.Context
	fn  func(ctx context.Context, tx dbtx) error
	c   *Commit
	// stmt: fn writes with one statement at most (reads before it
	// change nothing). On SQLite a statement that fails changes nothing
	// (its own implicit savepoint), so that such a unit needs no
	// SAVEPOINT of its own (see commit).
	stmt bool
	// after: units queued before this one that it follows: it runs only
	// if each of them ran, else it fails with ErrPriorWriteFailed and
	// changes nothing (a Slack reply stored with its message's audit
	// entry, ReplyInboxAfter). failed says, on the committer's goroutine,
	// that the unit's last run failed, or its transaction.
	after  []*groupUnit
	failed bool
}

// ErrPriorWriteFailed is the error of a write queued to follow others
// (ReplyInboxAfter) when one of them failed: it changed nothing.
var ErrPriorWriteFailed = errors.New("store: a write this one follows failed")

// Commit is the outcome of a unit of work submitted to the group
// committer (see group.go).
type Commit struct {
	done chan struct{}
	err  error
	g    *groupCommitter // told when someone waits in haste
	u    *groupUnit      // the unit, for those queued to follow it
}

// Done returns a channel closed once the unit is committed or has failed.
func (c *Commit) Done() <-chan struct{} { return c.done }

// Err returns the unit's outcome once Done is closed: nil when committed.
// Before that it returns nil too: use Wait or Done.
func (c *Commit) Err() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
}

// Wait waits until the unit is committed (nil) or has failed, or until
// ctx is done (ctx's error: the unit may still commit).
func (c *Commit) Wait(ctx context.Context) error {
	if c.g != nil && !deploybot.Patient(ctx) {
		select {
		case <-c.done:
			return c.err
		default:
			c.g.hurry()
		}
	}
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Commit) finish(err error) {
	c.err = err
	close(c.done)
}

func newGroupCommitter(db *DB) *groupCommitter {
	return &groupCommitter{db: db, wake: make(chan struct{}, 1), stopped: make(chan struct{})}
}

// submit queues fn and returns its Commit; see the top of this file.
func (g *groupCommitter) submit(ctx context.Context, fn func(ctx context.Context, tx dbtx) error) *Commit {
	return g.enqueue(&groupUnit{ctx: ctx, fn: fn})
}

// doStatement is do for a unit that runs exactly one SQL statement
// (AddInbox and the other writes of the inbox): see groupUnit.stmt.
func (g *groupCommitter) doStatement(ctx context.Context, fn func(ctx context.Context, tx dbtx) error) error {
	return g.enqueue(&groupUnit{ctx: ctx, fn: fn, stmt: true}).Wait(ctx)
}

func (g *groupCommitter) enqueue(u *groupUnit) *Commit {
	c := &Commit{done: make(chan struct{})}
	lingering := g.linger.Load() > 0
	if lingering {
		c.g = g
	}
	u.c, c.u = c, u
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		c.finish(errGroupClosed)
		return c
	}
	if lingering && len(g.queue) == 0 {
		g.oldest = time.Now()
	}
	g.queue = append(g.queue, u)
	if !g.running {
		g.running = true
		go g.run()
	}
	g.mu.Unlock()
	select {
	case g.wake <- struct{}{}:
	default:
	}
	return c
}

// LingerCommits lets the group committer hold the units queued for up to
// d after the oldest, so that more share their commit, unless someone
// waits for one of them without patience (deploybot.WithPatience); 0, the
// default, commits at once. For a process whose commits are mostly waited
// for patiently: the scripted chat (see the top of group.go).
func (db *DB) LingerCommits(d time.Duration) { db.group.linger.Store(int64(max(d, 0))) }

// hurry ends the lingering of the units queued: someone waits for one.
func (g *groupCommitter) hurry() {
	g.mu.Lock()
	g.urgent = true
	g.mu.Unlock()
	select {
	case g.wake <- struct{}{}:
	default:
	}
}

// lingerLocked returns how much longer the units queued may wait for
// company, 0 if they are to commit now. g.mu is held.
func (g *groupCommitter) lingerLocked() time.Duration {
	d := time.Duration(g.linger.Load())
	if d <= 0 || g.urgent || g.closed || len(g.queue) == 0 || len(g.queue) >= maxGroupBatch {
		return 0
	}
	return max(d-time.Since(g.oldest), 0)
}

// do runs fn in the next shared transaction and waits for its outcome.
func (g *groupCommitter) do(ctx context.Context, fn func(ctx context.Context, tx dbtx) error) error {
	return g.submit(ctx, fn).Wait(ctx)
}

// close commits what is queued and stops the goroutine.
func (g *groupCommitter) close() {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return
	}
	g.closed = true
	running := g.running
	g.mu.Unlock()
	if !running {
		return
	}
	select {
	case g.wake <- struct{}{}:
	default:
	}
	<-g.stopped
}

func (g *groupCommitter) run() {
	defer close(g.stopped)
	var batch []*groupUnit
	var timer *time.Timer
	for {
		<-g.wake
		for {
			// The goroutines woken by the last commit, or about to submit,
			// run first: the next batch takes them. Under 32 concurrent
			// writers on 2 cores (BenchmarkAddInbox, serve under bench
			// -only slack, issue 19) batches held 3-4 rows: the committer
			// began the next one before the writers it had just answered
			// could queue again, and BEGIN and COMMIT were half its time.
			// With nobody else to run, Gosched returns at once: a lone
			// unit still commits without waiting for company.
			runtime.Gosched()
			g.mu.Lock()
			if wait := g.lingerLocked(); wait > 0 {
				g.mu.Unlock()
				if timer == nil {
					timer = time.NewTimer(wait)
				} else {
					timer.Reset(wait)
				}
				select {
				case <-g.wake: // more units, someone in haste, or Close
					timer.Stop()
				case <-timer.C:
				}
				continue
			}
			n := min(len(g.queue), maxGroupBatch)
			batch = append(batch[:0], g.queue[:n]...)
			rest := copy(g.queue, g.queue[n:])
			clear(g.queue[rest:])
			g.queue = g.queue[:rest]
			if rest == 0 {
				g.urgent = false
			}
			closed := g.closed
			g.mu.Unlock()
			if len(batch) == 0 {
				if closed {
					return
				}
				break
			}
			g.commit(batch)
			clear(batch)
		}
	}
}

// commit runs batch in one transaction, one savepoint per unit, and
// finishes each unit's Commit after the COMMIT.
func (g *groupCommitter) commit(batch []*groupUnit) {
	ctx := context.Background()
	live := batch[:0:0]
	for _, u := range batch {
		if err := u.ctx.Err(); err != nil {
			u.failed = true
			u.c.finish(err)
			continue
		}
		live = append(live, u)
	}
	if len(live) == 0 {
		return
	}
	if g.batches.Add(1)%checkpointBatches == 0 {
		g.db.checkpoints.request() // checkpoint.go
	}
	errs := make([]error, len(live))
	err := inTxOn(ctx, g.db.sql, g.db.engine, func(tx dbtx) error {
		tx.stmts = g.db.q.stmts
		if len(live) == 1 {
			errs[0] = runUnit(live[0], tx)
			live[0].failed = errs[0] != nil
			return errs[0] // alone: its failure rolls back the transaction
		}
		for i, u := range live {
			// A profile of serve under 32 concurrent senders (issue 19)
			// showed the SAVEPOINT and RELEASE of each inbox row as two
			// thirds of the committer's calls into SQLite: a one-statement
			// unit goes without them on SQLite, where a failing statement
			// is undone alone (PostgreSQL aborts the whole transaction).
			if u.stmt && g.db.engine == engineSQLite {
				errs[i] = runUnit(u, tx)
				u.failed = errs[i] != nil
				continue
			}
			if _, err := tx.x.ExecContext(ctx, `SAVEPOINT unit`); err != nil {
				return err
			}
			errs[i] = runUnit(u, tx)
			if u.failed = errs[i] != nil; u.failed {
				if _, err := tx.x.ExecContext(ctx, `ROLLBACK TO SAVEPOINT unit`); err != nil {
					return err
				}
			}
			if _, err := tx.x.ExecContext(ctx, `RELEASE SAVEPOINT unit`); err != nil {
				return err
			}
		}
		return nil
	})
	for i, u := range live {
		if err != nil {
			u.failed = true
		}
		switch {
		case errs[i] != nil:
			u.c.finish(errs[i])
		case err != nil:
			u.c.finish(fmt.Errorf("store: group commit: %w", err))
		default:
			u.c.finish(nil)
		}
	}
}

// runUnit runs one unit, a panic becoming its error.
func runUnit(u *groupUnit, tx dbtx) (err error) {
	// The units it follows ran before it, on this goroutine: in an
	// earlier transaction (committed, or failed) or earlier in this one.
	for _, a := range u.after {
		if a.failed {
			return ErrPriorWriteFailed
		}
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: group commit: unit panicked: %v", p)
		}
	}()
	// The unit is in the shared transaction: it waits for no audit entry
	// (it commits after those queued before it).
	return u.fn(deploybot.WithoutAuditBarrier(context.WithoutCancel(u.ctx)), tx)
}
