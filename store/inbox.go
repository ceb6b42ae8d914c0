package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"deploybot"
)

// InboxState is where an inbox entry stands.
type InboxState string

// The states of an inbox entry.
const (
	InboxNew     InboxState = "new"     // to handle
	InboxReplied InboxState = "replied" // the reply is stored and may have been posted
	InboxDone    InboxState = "done"    // answered (or given up); kept as a seen key until it expires
)

// InboxEntry is one chat delivery in the durable inbox: what the adapter
// needs to handle it again after a crash (Payload, opaque to the store),
// who handles it now (Holder, until ClaimExpiresAt) and what came of it.
type InboxEntry struct {
	Key     string // the de-duplication key: unique while the entry lives
	Kind    string // what it is, for the adapter and the logs
	Channel string // where it came from: its answers keep the channel's order
	Payload []byte
	State   InboxState

	// Attempts counts the claims that started handling it.
	Attempts int
	// Claim numbers the entry's current claim. Every change after a claim
	// names it, so that a worker whose claim was taken over changes
	// nothing (compare and swap).
	Claim          int64
	Holder         deploybot.Holder // the process that claimed it; zero: nobody
	ClaimExpiresAt time.Time        // zero: claimable now

	Reply    []byte // what the adapter stored to post (state replied and done)
	PostedTS string // the posted reply's id (Slack ts), when done

	ReceivedAt time.Time
	ExpiresAt  time.Time // the key is remembered until then (a done entry is purged after)
	DoneAt     time.Time
}

const inboxColumns = `key, kind, channel, payload, state, attempts, claim, host, boot_id, pid_ns, pid, start_time,
	claim_expires_at, reply, posted_ts, received_at, expires_at, done_at`

func scanInbox(s scanner) (InboxEntry, error) {
	var e InboxEntry
	var state, claimExp, received, expires, done string
	var start int64
	err := s.Scan(&e.Key, &e.Kind, &e.Channel, &e.Payload, &state, &e.Attempts, &e.Claim,
		&e.Holder.Host, &e.Holder.BootID, &e.Holder.PIDNamespace, &e.Holder.PID, &start,
		&claimExp, &e.Reply, &e.PostedTS, &received, &expires, &done)
	if err != nil {
		return e, err
	}
	e.State = InboxState(state)
	e.Holder.StartTime = uint64(start)
	for _, f := range []struct {
		s string
		t *time.Time
	}{{claimExp, &e.ClaimExpiresAt}, {received, &e.ReceivedAt}, {expires, &e.ExpiresAt}, {done, &e.DoneAt}} {
		if f.s == "" {
			continue
		}
		if *f.t, err = parseTime(f.s); err != nil {
			return e, err
		}
	}
	return e, nil
}

// optTime is the stored text of t, "" for the zero time.
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

// AddInbox records a new delivery, e, and reports whether it was new:
// false means its key is already in the inbox (a repeated delivery, to
// acknowledge and drop). The check and the write are one statement, so
// that concurrent deliveries of one key, in this process or another, get
// exactly one true. A done entry whose ExpiresAt has passed is replaced,
// even before PurgeInbox deletes it.
//
// The entry may come claimed: with a Holder and a ClaimExpiresAt, it is
// stored with claim 1 and one attempt, so that the process that received
// it handles it without another write. Without a holder, it waits for
// ClaimInbox. ReceivedAt and ExpiresAt are required.
//
// It returns once the entry is committed: the delivery may then be
// acknowledged. Deliveries that arrive together share one commit (the
// group committer, group.go): a CPU profile of serve under 32 concurrent
// senders (issue 19) showed each delivery committing alone, its writers
// waiting on SQLite's lock in the busy handler's sleeps, and new pooled
// connections opened for them, as most of an acknowledgement's time.
func (db *DB) AddInbox(ctx context.Context, e InboxEntry) (bool, error) {
	if e.Key == "" {
		return false, errors.New("store: add inbox entry: empty key")
	}
	if e.ReceivedAt.IsZero() || !e.ExpiresAt.After(e.ReceivedAt) {
		return false, fmt.Errorf("store: add inbox entry %q: expiry %s not after receipt %s", e.Key, e.ExpiresAt, e.ReceivedAt)
	}
	var claim, attempts int64
	if e.Holder != (deploybot.Holder{}) && !e.ClaimExpiresAt.IsZero() {
		claim, attempts = 1, 1
	} else {
		e.Holder, e.ClaimExpiresAt = deploybot.Holder{}, time.Time{}
	}
	added, err := db.inboxExec(ctx, `
INSERT INTO inbox (key, kind, channel, payload, state, attempts, claim, host, boot_id, pid_ns, pid, start_time,
	claim_expires_at, received_at, expires_at)
VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, channel = excluded.channel, payload = excluded.payload,
	state = 'new', attempts = excluded.attempts, claim = excluded.claim, host = excluded.host, boot_id = excluded.boot_id,
	pid_ns = excluded.pid_ns, pid = excluded.pid, start_time = excluded.start_time,
	claim_expires_at = excluded.claim_expires_at, reply = NULL, posted_ts = '', received_at = excluded.received_at,
	expires_at = excluded.expires_at, done_at = ''
WHERE inbox.state = 'done' AND inbox.expires_at <= excluded.received_at`,
		e.Key, e.Kind, e.Channel, e.Payload, attempts, claim,
		e.Holder.Host, e.Holder.BootID, e.Holder.PIDNamespace, e.Holder.PID, int64(e.Holder.StartTime),
		optTime(e.ClaimExpiresAt), formatTime(e.ReceivedAt), formatTime(e.ExpiresAt))
	if err != nil {
		return false, fmt.Errorf("store: add inbox entry %q: %w", e.Key, err)
	}
	return added, nil
}

// inboxExec runs one write of the inbox in the group committer's next
// shared transaction and reports, once it is committed, whether it changed
// a row. Every write of the inbox goes this way, so that the workers'
// claims, replies and ends never contend with the deliveries being
// recorded for SQLite's write lock.
func (db *DB) inboxExec(ctx context.Context, query string, args ...any) (bool, error) {
	var n int64
	err := db.group.doStatement(ctx, func(ctx context.Context, tx dbtx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}

// InboxEntryOf returns the entry of key; false when there is none.
func (db *DB) InboxEntryOf(ctx context.Context, key string) (InboxEntry, bool, error) {
	e, err := scanInbox(db.q.QueryRowContext(ctx, `SELECT `+inboxColumns+` FROM inbox WHERE key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	} else if err != nil {
		return e, false, fmt.Errorf("store: inbox entry %q: %w", key, err)
	}
	return e, true, nil
}

// ClaimInbox takes the unfinished entry key for holder until the given
// time, if its claim is still prev (the one its caller saw): it numbers a
// new claim, counts an attempt and returns the entry. It reports false
// when the entry is done or another claim came first.
func (db *DB) ClaimInbox(ctx context.Context, key string, prev int64, holder deploybot.Holder, until time.Time) (InboxEntry, bool, error) {
	var e InboxEntry
	found := false
	err := db.group.doStatement(ctx, func(ctx context.Context, tx dbtx) error {
		var err error
		e, err = scanInbox(tx.QueryRowContext(ctx, claimInboxSQL,
			holder.Host, holder.BootID, holder.PIDNamespace, holder.PID, int64(holder.StartTime), formatTime(until), key, prev))
		if errors.Is(err, sql.ErrNoRows) {
			return nil // not claimed: nothing changed
		}
		found = err == nil
		return err
	})
	if err != nil {
		return InboxEntry{}, false, fmt.Errorf("store: claim inbox entry %q: %w", key, err)
	}
	return e, found, nil
}

// InboxClaim names an entry to claim and the claim its caller saw (see
// ClaimInboxBatch).
type InboxClaim struct {
	Key  string
	Prev int64
}

// claimInboxSQL claims one entry (ClaimInbox, ClaimInboxBatch).
const claimInboxSQL = `
UPDATE inbox SET claim = claim + 1, attempts = attempts + 1, host = ?, boot_id = ?, pid_ns = ?, pid = ?, start_time = ?,
	claim_expires_at = ?
WHERE key = ? AND claim = ? AND state <> 'done'
RETURNING ` + inboxColumns

// ClaimInboxBatch is ClaimInbox for several entries at once, in one unit
// of the group committer's shared transaction: it returns the entries it
// claimed, in the order of claims; one left out was done or claimed by
// another first. The Slack recovery loop takes the entries waiting in the
// inbox so: a CPU profile of serve under a burst of 10,000 Slack events
// (bench -only slack, issue 19) showed it claiming one entry per commit,
// each claim waited for before the next, through the whole backlog.
func (db *DB) ClaimInboxBatch(ctx context.Context, claims []InboxClaim, holder deploybot.Holder, until time.Time) ([]InboxEntry, error) {
	if len(claims) == 0 {
		return nil, nil
	}
	var out []InboxEntry
	err := db.group.do(ctx, func(ctx context.Context, tx dbtx) error {
		out = out[:0]
		for _, c := range claims {
			e, err := scanInbox(tx.QueryRowContext(ctx, claimInboxSQL,
				holder.Host, holder.BootID, holder.PIDNamespace, holder.PID, int64(holder.StartTime), formatTime(until), c.Key, c.Prev))
			if errors.Is(err, sql.ErrNoRows) {
				continue // not claimed: nothing changed
			}
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim %d inbox entries: %w", len(claims), err)
	}
	return out, nil
}

// inboxUpdate runs a change of the unfinished entry key under claim and
// reports whether it applied (false: the claim was lost or it is done).
func (db *DB) inboxUpdate(ctx context.Context, op, key string, query string, args ...any) (bool, error) {
	ok, err := db.inboxExec(ctx, query, args...)
	if err != nil {
		return false, fmt.Errorf("store: %s inbox entry %q: %w", op, key, err)
	}
	return ok, nil
}

// RenewInbox extends claim of the entry key until the given time. It
// reports false when the claim was lost: the caller must stop acting on
// the entry. The holder stays: a renewed entry is still held by the
// process handling it (it once cleared the holder like a release, so that
// another process took a renewed entry for a released one).
func (db *DB) RenewInbox(ctx context.Context, key string, claim int64, until time.Time) (bool, error) {
	return db.inboxUpdate(ctx, "renew", key,
		`UPDATE inbox SET claim_expires_at = ? WHERE key = ? AND claim = ? AND state <> 'done'`,
		formatTime(until), key, claim)
}

// ReleaseInbox gives back claim of the entry key: it may be claimed again
// from retryAt on (by this process or another). It reports false when
// the claim was lost.
func (db *DB) ReleaseInbox(ctx context.Context, key string, claim int64, retryAt time.Time) (bool, error) {
	return db.inboxUpdate(ctx, "release", key,
		`UPDATE inbox SET claim_expires_at = ?, host = '', boot_id = '', pid_ns = '', pid = 0, start_time = 0
WHERE key = ? AND claim = ? AND state <> 'done'`,
		formatTime(retryAt), key, claim)
}

// YieldInbox gives back claim of the entry key, taken out of its turn (an
// earlier entry of its channel is unfinished): it is held by nobody and
// claimable at once, and the attempt the claim counted is taken back, as
// the entry was not handled. It reports false when the claim was lost.
func (db *DB) YieldInbox(ctx context.Context, key string, claim int64) (bool, error) {
	return db.inboxUpdate(ctx, "yield", key,
		`UPDATE inbox SET claim_expires_at = '', attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
	host = '', boot_id = '', pid_ns = '', pid = 0, start_time = 0
WHERE key = ? AND claim = ? AND state <> 'done'`,
		key, claim)
}

// ReplyInbox stores the reply of the new entry key, under claim: it is
// then "replied", and whoever handles it again posts that reply (after
// checking it was not posted already) instead of handling the delivery
// again. It reports false when the claim was lost or the entry was
// replied already.
func (db *DB) ReplyInbox(ctx context.Context, key string, claim int64, reply []byte) (bool, error) {
	if reply == nil {
		reply = []byte{}
	}
	return db.inboxUpdate(ctx, "reply", key,
		`UPDATE inbox SET state = 'replied', reply = ? WHERE key = ? AND claim = ? AND state = 'new'`,
		reply, key, claim)
}

// ReplyInboxAfter is ReplyInbox for a reply that must follow other writes
// queued before it in the group committer (after: a message's audit
// entry, QueueMessage): it is stored only if each of them is written,
// sharing their commit when they share a transaction, and otherwise
// changes nothing and fails with ErrPriorWriteFailed. The Slack worker
// stores its reply so, without waiting for the audit entry first: one
// commit for both, where a profile of serve answering 10,000 Slack events
// (bench -only slack, issue 19) showed the worker waiting for each in
// turn.
func (db *DB) ReplyInboxAfter(ctx context.Context, key string, claim int64, reply []byte, after ...*Commit) (bool, error) {
	if reply == nil {
		reply = []byte{}
	}
	u := &groupUnit{ctx: ctx, stmt: true}
	for _, c := range after {
		if c != nil && c.u != nil {
			u.after = append(u.after, c.u)
		}
	}
	var n int64
	u.fn = func(ctx context.Context, tx dbtx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE inbox SET state = 'replied', reply = ? WHERE key = ? AND claim = ? AND state = 'new'`, reply, key, claim)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	}
	if err := db.group.enqueue(u).Wait(ctx); err != nil {
		return false, fmt.Errorf("store: reply inbox entry %q: %w", key, err)
	}
	return n > 0, nil
}

// FinishInbox marks the entry key done under claim, with the id of the
// posted reply ("" when nothing was posted). The key stays remembered
// until the entry's expiry. It reports false when the claim was lost.
func (db *DB) FinishInbox(ctx context.Context, key string, claim int64, postedTS string, at time.Time) (bool, error) {
	return db.FinishInboxQueued(ctx, key, claim, postedTS, at)(ctx)
}

// FinishInboxQueued is FinishInbox without waiting: the change joins the
// group committer's next shared transaction, and the returned function
// waits for its outcome. The Slack worker marks an entry done so, once its
// reply is posted, and goes on to the next entry meanwhile: the end of one
// entry and the writes of the next share a commit (issue 19).
func (db *DB) FinishInboxQueued(ctx context.Context, key string, claim int64, postedTS string, at time.Time) func(context.Context) (bool, error) {
	var n int64
	c := db.group.enqueue(&groupUnit{ctx: ctx, stmt: true, fn: func(ctx context.Context, tx dbtx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE inbox SET state = 'done', posted_ts = ?, done_at = ? WHERE key = ? AND claim = ? AND state <> 'done'`,
			postedTS, formatTime(at), key, claim)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	}})
	return func(ctx context.Context) (bool, error) {
		if err := c.Wait(ctx); err != nil {
			return false, fmt.Errorf("store: finish inbox entry %q: %w", key, err)
		}
		return n > 0, nil
	}
}

// UnfinishedInbox returns, oldest first and at most limit, the entries not
// done that another process may take over: those whose claim expired at
// now (or that were never claimed), and those held by another process
// than self, whatever their expiry, for the caller to tell whether their
// holder is gone.
func (db *DB) UnfinishedInbox(ctx context.Context, now time.Time, self deploybot.Holder, limit int) ([]InboxEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.q.QueryContext(ctx, `SELECT `+inboxColumns+` FROM inbox
WHERE state <> 'done' AND (claim_expires_at <= ?
	OR NOT (host = ? AND boot_id = ? AND pid_ns = ? AND pid = ? AND start_time = ?))
ORDER BY received_at, key LIMIT ?`,
		formatTime(now), self.Host, self.BootID, self.PIDNamespace, self.PID, int64(self.StartTime), limit)
	if err != nil {
		return nil, fmt.Errorf("store: unfinished inbox entries: %w", err)
	}
	defer rows.Close()
	var out []InboxEntry
	for rows.Next() {
		e, err := scanInbox(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unfinished inbox entries: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unfinished inbox entries: %w", err)
	}
	return out, nil
}

// PurgeInbox deletes the done entries that expired at now and returns how
// many. Unfinished entries are never purged.
func (db *DB) PurgeInbox(ctx context.Context, now time.Time) (int64, error) {
	res, err := db.q.ExecContext(ctx, `DELETE FROM inbox WHERE state = 'done' AND expires_at <= ?`, formatTime(now))
	if err != nil {
		return 0, fmt.Errorf("store: purge inbox: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: purge inbox: %w", err)
	}
	return n, nil
}

// InboxCounts returns how many entries of the inbox are in each state: the
// deliveries waiting (new), whose reply waits to be posted (replied), and
// the done ones kept as seen keys.
func (db *DB) InboxCounts(ctx context.Context) (map[InboxState]int, error) {
	rows, err := db.q.QueryContext(ctx, `SELECT state, COUNT(*) FROM inbox GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("store: inbox counts: %w", err)
	}
	defer rows.Close()
	out := map[InboxState]int{InboxNew: 0, InboxReplied: 0, InboxDone: 0}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("store: inbox counts: %w", err)
		}
		out[InboxState(s)] = n
	}
	return out, rows.Err()
}

// EarlierUnfinished reports whether channel has an unfinished entry
// received before the entry key (at receivedAt; at the same instant, with
// a smaller key) that self does not hold: one nobody claimed, or one
// another process handles. The Slack adapter hands a new delivery to its
// worker only when there is none, so that a channel's answers keep their
// order across replicas.
func (db *DB) EarlierUnfinished(ctx context.Context, channel, key string, receivedAt time.Time, self deploybot.Holder) (bool, error) {
	at := formatTime(receivedAt)
	var n int
	err := db.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM inbox
WHERE state <> 'done' AND channel = ? AND key <> ? AND (received_at < ? OR (received_at = ? AND key < ?))
	AND NOT (host = ? AND boot_id = ? AND pid_ns = ? AND pid = ? AND start_time = ?)
LIMIT 1) x`, channel, key, at, at, key, self.Host, self.BootID, self.PIDNamespace, self.PID, int64(self.StartTime)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: earlier inbox entries of %s: %w", channel, err)
	}
	return n > 0, nil
}

// InboxTurn reports whether it is the turn of the entry key, of channel,
// received at receivedAt: no unfinished entry of the channel was received
// before it (at the same instant, with a smaller key), whoever holds it,
// this process included. A turn, once come, stays until the entry is done:
// done is final, and a later delivery is received later. The Slack
// adapter handles an entry only in its turn, so that a channel's answers
// keep the order of its deliveries whichever process, worker or retry
// handles them (issue 20).
func (db *DB) InboxTurn(ctx context.Context, channel, key string, receivedAt time.Time) (bool, error) {
	at := formatTime(receivedAt)
	var n int
	// (received_at, key) < (?, ?) bounds the scan of the index of the
	// unfinished entries in their order (migration 0016) to those before
	// the entry; written as an OR, it was read to the index's end when no
	// earlier entry of the channel was found.
	err := db.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM inbox
WHERE state <> 'done' AND (received_at, key) < (?, ?) AND channel = ?
LIMIT 1) x`, at, key, channel).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: turn of inbox entry %q: %w", key, err)
	}
	return n == 0, nil
}
