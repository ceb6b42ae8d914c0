package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"deploybot"
)

func scanLock(s scanner) (deploybot.Lock, error) {
	var l deploybot.Lock
	var acquired, expires string
	if err := s.Scan(&l.Project, &l.Env, &l.Holder, &l.DeploymentID, &l.Reason, &acquired, &expires); err != nil {
		return l, err
	}
	var err error
	if l.AcquiredAt, err = parseTime(acquired); err != nil {
		return l, err
	}
	if expires != "" {
		l.ExpiresAt, err = parseTime(expires)
	}
	return l, err
}

const lockColumns = `project, env, holder, deployment_id, reason, acquired_at, expires_at`

// lockKey is what AcquireLock and ReleaseLock serialize on.
func lockKey(project, env string) string { return "lock:" + project + "\n" + env }

// lockExpired reports whether a lease has run out at now. A manual lock
// (no expiry) never expires.
func lockExpired(l deploybot.Lock, now time.Time) bool {
	return !l.ExpiresAt.IsZero() && !now.Before(l.ExpiresAt)
}

func insertLockEvent(ctx context.Context, tx dbtx, l deploybot.Lock, event, actor, at string) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO lock_events (project, env, event, holder, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		l.Project, l.Env, event, l.Holder, actor, l.Reason, at)
	return err
}

// AcquireLock takes the lock of l.Project and l.Env for l.Holder, with a
// lease of ttl (0: until unlocked). It succeeds if the lock is free, held by
// the same holder (a renewal), or held by a lease that has expired (its
// process died). Otherwise it returns a *deploybot.LockError naming the
// holder. The check and the write are one transaction, so concurrent
// callers, in this process or another, get exactly one winner.
func (db *DB) AcquireLock(ctx context.Context, l deploybot.Lock, ttl time.Duration) (deploybot.Lock, error) {
	now := db.now()
	l.AcquiredAt = now
	l.ExpiresAt = time.Time{}
	if ttl > 0 {
		l.ExpiresAt = now.Add(ttl)
	}
	err := db.inTx(ctx, func(tx dbtx) error {
		if err := tx.serialize(ctx, lockKey(l.Project, l.Env)); err != nil {
			return err
		}
		return acquireIn(ctx, tx, l, now)
	})
	var le *deploybot.LockError
	if errors.As(err, &le) {
		return le.Lock, err
	} else if err != nil {
		return l, fmt.Errorf("store: lock %s/%s: %w", l.Project, l.Env, err)
	}
	return l, nil
}

// acquireIn is AcquireLock's work in tx, under the lock's key: l (its
// AcquiredAt and ExpiresAt set by the caller, AcquiredAt kept on a
// renewal) is written unless another holder's live lock is there, which is
// returned as a *deploybot.LockError.
func acquireIn(ctx context.Context, tx dbtx, l deploybot.Lock, now time.Time) error {
	cur, err := scanLock(tx.QueryRowContext(ctx, `SELECT `+lockColumns+` FROM locks WHERE project = ? AND env = ?`, l.Project, l.Env))
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	case cur.Holder == l.Holder:
		l.AcquiredAt = cur.AcquiredAt
	case !lockExpired(cur, now):
		return &deploybot.LockError{Lock: cur}
	default:
		if err := insertLockEvent(ctx, tx, cur, "expire", "deploybot", formatTime(now)); err != nil {
			return err
		}
	}
	expires := ""
	if !l.ExpiresAt.IsZero() {
		expires = formatTime(l.ExpiresAt)
	}
	if _, err := tx.ExecContext(ctx, `
INSERT INTO locks (project, env, holder, deployment_id, reason, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (project, env) DO UPDATE SET holder = excluded.holder, deployment_id = excluded.deployment_id,
	reason = excluded.reason, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
		l.Project, l.Env, l.Holder, l.DeploymentID, l.Reason, formatTime(l.AcquiredAt), expires); err != nil {
		return err
	}
	if cur.Holder == l.Holder {
		return nil
	}
	return insertLockEvent(ctx, tx, l, "lock", l.Holder, formatTime(now))
}

// ReleaseLock frees the lock of project and env if holder holds it; actor
// and reason are recorded. With holder "" it frees whatever lock is there
// (a manual unlock). It reports whether a lock was released.
func (db *DB) ReleaseLock(ctx context.Context, project, env, holder, actor, reason string) (bool, error) {
	released := false
	err := db.inTx(ctx, func(tx dbtx) error {
		if err := tx.serialize(ctx, lockKey(project, env)); err != nil {
			return err
		}
		cur, err := scanLock(tx.QueryRowContext(ctx, `SELECT `+lockColumns+` FROM locks WHERE project = ? AND env = ?`, project, env))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if holder != "" && cur.Holder != holder {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM locks WHERE project = ? AND env = ?`, project, env); err != nil {
			return err
		}
		released = true
		cur.Reason = reason
		return insertLockEvent(ctx, tx, cur, "unlock", actor, formatTime(db.now()))
	})
	if err != nil {
		return false, fmt.Errorf("store: unlock %s/%s: %w", project, env, err)
	}
	return released, nil
}

// Locks returns the locks held now (expired leases are left out), for one
// project when project is not empty.
//
// With SQLite's log watched (DB.WatchWAL, the scripted chat), the rows are
// read again only once a lock was written, by any process (the locks'
// counter, migration 0018; deploycache.go); those expired are left out
// at each call.
func (db *DB) Locks(ctx context.Context, project string) ([]deploybot.Lock, error) {
	rows, err := keptRead(ctx, db, locksOf, lockReadsOf, readKey("locks", project), slices.Clone[[]deploybot.Lock], func() ([]deploybot.Lock, error) {
		return db.locks(ctx, project)
	})
	if err != nil {
		return nil, err
	}
	now := db.now()
	out := rows[:0]
	for _, l := range rows {
		if !lockExpired(l, now) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// locks reads the locks of project ("" for all), expired ones included.
func (db *DB) locks(ctx context.Context, project string) ([]deploybot.Lock, error) {
	q := `SELECT ` + lockColumns + ` FROM locks`
	var args []any
	if project != "" {
		q += ` WHERE project = ?`
		args = append(args, project)
	}
	rows, err := db.q.QueryContext(ctx, q+` ORDER BY project, env`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: locks: %w", err)
	}
	defer rows.Close()
	var out []deploybot.Lock
	for rows.Next() {
		l, err := scanLock(rows)
		if err != nil {
			return nil, fmt.Errorf("store: locks: %w", err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: locks: %w", err)
	}
	return out, nil
}

// AddFreeze records a freeze set by chat and returns its id.
func (db *DB) AddFreeze(ctx context.Context, f deploybot.Freeze) (int64, error) {
	id, err := db.q.insertID(ctx, `
INSERT INTO freezes (project, env, from_at, to_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		f.Project, f.Env, formatTime(f.From), formatTime(f.To), f.Reason, f.CreatedBy, formatTime(db.now()))
	if err != nil {
		return 0, fmt.Errorf("store: add freeze: %w", err)
	}
	return id, nil
}

// LiftFreeze ends freeze id (set by chat, not lifted yet), recording who
// lifted it; it reports whether it was lifted.
func (db *DB) LiftFreeze(ctx context.Context, id int64, by string) (bool, error) {
	now := formatTime(db.now())
	res, err := db.q.ExecContext(ctx, `UPDATE freezes SET lifted_by = ?, lifted_at = ? WHERE id = ? AND lifted_at = ''`, by, now, id)
	if err != nil {
		return false, fmt.Errorf("store: lift freeze %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Freezes returns the freezes set by chat that are not lifted and not over.
// The caller reads the slice and never changes it (the store may hand the
// same one to others).
//
// With SQLite's log watched (DB.WatchWAL, the scripted chat), they are
// read again only once a freeze was written, by any process (the
// freezes' counter, migration 0018; deploycache.go): until then the ones
// read last that are not over yet are the answer. Every calendar reads
// them (a plan, a status, a question of time): 2 % of bench's chat when
// they were read again after any commit.
func (db *DB) Freezes(ctx context.Context) ([]deploybot.Freeze, error) {
	now := db.now()
	w, n, ok := db.keptVersion(ctx, freezesOf)
	if !ok {
		return db.freezes(ctx, now)
	}
	if fs, ok := w.freezesAtCounter(n, now); ok {
		return fs, nil
	}
	fs, err := db.freezes(ctx, now)
	if err == nil {
		w.rememberFreezes(n, now, fs) // the counter was read before them
	}
	return fs, err
}

func (db *DB) freezes(ctx context.Context, now time.Time) ([]deploybot.Freeze, error) {
	rows, err := db.q.QueryContext(ctx, `
SELECT id, project, env, from_at, to_at, reason, created_by FROM freezes WHERE lifted_at = '' AND to_at > ? ORDER BY id`,
		formatTime(now))
	if err != nil {
		return nil, fmt.Errorf("store: freezes: %w", err)
	}
	defer rows.Close()
	var out []deploybot.Freeze
	for rows.Next() {
		var f deploybot.Freeze
		var from, to string
		if err := rows.Scan(&f.ID, &f.Project, &f.Env, &from, &to, &f.Reason, &f.CreatedBy); err != nil {
			return nil, fmt.Errorf("store: freezes: %w", err)
		}
		if f.From, err = parseTime(from); err != nil {
			return nil, err
		}
		if f.To, err = parseTime(to); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
