package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// FirstSeen records key (a delivery id) as seen for ttl and reports whether
// it was new: false means the key was recorded before and has not expired,
// so the delivery is a duplicate. A key whose expiry has passed counts as
// new again, even before PurgeSeen removes it. The check and the write are
// one statement, so concurrent callers, in this process or another, get
// exactly one true.
//
// The keys live in the inbox (AddInbox), which replaced the table of seen
// keys: FirstSeen records a done entry, with nothing to handle, and shares
// the inbox's keys, so that a key seen by either is seen by both.
func (db *DB) FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if key == "" {
		return false, errors.New("store: first seen: empty key")
	}
	if ttl <= 0 {
		return false, fmt.Errorf("store: first seen %q: ttl %s must be positive", key, ttl)
	}
	now := formatTime(db.now())
	res, err := db.q.ExecContext(ctx, `
INSERT INTO inbox (key, kind, state, received_at, expires_at, done_at) VALUES (?, 'seen', 'done', ?, ?, ?)
ON CONFLICT (key) DO UPDATE SET kind = 'seen', channel = '', payload = NULL, state = 'done', attempts = 0, claim = 0,
	host = '', boot_id = '', pid_ns = '', pid = 0, start_time = 0, claim_expires_at = '', reply = NULL, posted_ts = '',
	received_at = excluded.received_at, expires_at = excluded.expires_at, done_at = excluded.done_at
WHERE inbox.state = 'done' AND inbox.expires_at <= excluded.received_at`,
		key, now, formatTime(db.now().Add(ttl)), now)
	if err != nil {
		return false, fmt.Errorf("store: first seen %q: %w", key, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: first seen %q: %w", key, err)
	}
	return n > 0, nil
}

// ForgetSeen removes key, so that the next delivery of it is handled. It
// forgets only a key recorded by FirstSeen or a done inbox entry: an entry
// still to be handled stays.
func (db *DB) ForgetSeen(ctx context.Context, key string) error {
	if _, err := db.q.ExecContext(ctx, `DELETE FROM inbox WHERE key = ? AND state = 'done'`, key); err != nil {
		return fmt.Errorf("store: forget seen %q: %w", key, err)
	}
	return nil
}

// PurgeSeen deletes the keys that have expired and returns how many: the
// done inbox entries past their expiry (PurgeInbox at the store's now).
func (db *DB) PurgeSeen(ctx context.Context) (int64, error) {
	n, err := db.PurgeInbox(ctx, db.now())
	if err != nil {
		return 0, fmt.Errorf("store: purge seen: %w", err)
	}
	return n, nil
}
