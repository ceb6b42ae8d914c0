package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"deploybot"
)

// Lease is a deployment's lease.
type Lease = deploybot.Lease

func putLease(ctx context.Context, tx dbtx, id int64, h deploybot.Holder, now, expires time.Time) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO leases (deployment_id, host, boot_id, pid_ns, pid, start_time, acquired_at, expires_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (deployment_id) DO UPDATE SET host = excluded.host, boot_id = excluded.boot_id, pid_ns = excluded.pid_ns,
	pid = excluded.pid, start_time = excluded.start_time, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
		id, h.Host, h.BootID, h.PIDNamespace, h.PID, int64(h.StartTime), formatTime(now), formatTime(expires))
	return err
}

const leaseColumns = `deployment_id, host, boot_id, pid_ns, pid, start_time, acquired_at, expires_at`

func scanLease(s scanner) (Lease, error) {
	var l Lease
	var start int64
	var acquired, expires string
	if err := s.Scan(&l.DeploymentID, &l.Holder.Host, &l.Holder.BootID, &l.Holder.PIDNamespace, &l.Holder.PID, &start,
		&acquired, &expires); err != nil {
		return l, err
	}
	l.Holder.StartTime = uint64(start)
	var err error
	if l.AcquiredAt, err = parseTime(acquired); err != nil {
		return l, err
	}
	l.ExpiresAt, err = parseTime(expires)
	return l, err
}

// leaseKey is what the changes of deployment id's lease serialize on.
func leaseKey(id int64) string { return "lease:" + strconv.FormatInt(id, 10) }

// sameHolder reports whether a and b name the same process.
func sameHolder(a, b deploybot.Holder) bool {
	return a.BootID == b.BootID && a.PIDNamespace == b.PIDNamespace && a.PID == b.PID && a.StartTime == b.StartTime && a.Host == b.Host
}

// LeaseOf returns the lease of deployment id, if any.
func (db *DB) LeaseOf(ctx context.Context, id int64) (Lease, bool, error) {
	l, err := scanLease(db.q.QueryRowContext(ctx, `SELECT `+leaseColumns+` FROM leases WHERE deployment_id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, false, nil
	} else if err != nil {
		return l, false, fmt.Errorf("store: lease of %d: %w", id, err)
	}
	return l, true, nil
}

// ErrLeaseLost is deploybot.ErrLeaseLost.
var ErrLeaseLost = deploybot.ErrLeaseLost

// RenewLease extends holder's lease of deployment id until now + ttl. It
// fails with an error wrapping ErrLeaseLost when the lease is gone or held
// by another process.
func (db *DB) RenewLease(ctx context.Context, id int64, holder deploybot.Holder, ttl time.Duration) error {
	now := db.now()
	var n int64
	// Serialized with TakeLease: a renewal never lands between another
	// process' reading of the lease as expired and its taking it.
	err := db.inTx(ctx, func(tx dbtx) error {
		if err := tx.serialize(ctx, leaseKey(id)); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
UPDATE leases SET expires_at = ? WHERE deployment_id = ? AND host = ? AND boot_id = ? AND pid_ns = ? AND pid = ? AND start_time = ?`,
			formatTime(now.Add(ttl)), id, holder.Host, holder.BootID, holder.PIDNamespace, holder.PID, int64(holder.StartTime))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("store: renew lease of %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("store: renew lease of %d: %w", id, ErrLeaseLost)
	}
	return nil
}

// TakeLease gives the lease of deployment id to holder for ttl when no
// process holds it: there is none, it expired, or gone says its holder is
// dead. It reports whether holder has the lease now (true also when holder
// held it already) and, when not, the lease that stands. The check and the
// write are one transaction: of several processes trying, one wins.
func (db *DB) TakeLease(ctx context.Context, id int64, holder deploybot.Holder, ttl time.Duration, gone func(deploybot.Holder) bool) (Lease, bool, error) {
	now := db.now()
	var cur Lease
	took := false
	err := db.inTx(ctx, func(tx dbtx) error {
		took = false
		if err := tx.serialize(ctx, leaseKey(id)); err != nil {
			return err
		}
		var err error
		cur, err = scanLease(tx.QueryRowContext(ctx, `SELECT `+leaseColumns+` FROM leases WHERE deployment_id = ?`, id))
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case sameHolder(cur.Holder, holder):
		case now.Before(cur.ExpiresAt) && (gone == nil || !gone(cur.Holder)):
			return nil // a live holder
		}
		took = true
		cur = Lease{DeploymentID: id, Holder: holder, AcquiredAt: now, ExpiresAt: now.Add(ttl)}
		return putLease(ctx, tx, id, holder, now, cur.ExpiresAt)
	})
	if err != nil {
		return cur, false, fmt.Errorf("store: take lease of %d: %w", id, err)
	}
	return cur, took, nil
}

// ReleaseLease ends holder's lease of deployment id, if holder holds it.
func (db *DB) ReleaseLease(ctx context.Context, id int64, holder deploybot.Holder) error {
	_, err := db.q.ExecContext(ctx, `
DELETE FROM leases WHERE deployment_id = ? AND host = ? AND boot_id = ? AND pid_ns = ? AND pid = ? AND start_time = ?`,
		id, holder.Host, holder.BootID, holder.PIDNamespace, holder.PID, int64(holder.StartTime))
	if err != nil {
		return fmt.Errorf("store: release lease of %d: %w", id, err)
	}
	return nil
}
