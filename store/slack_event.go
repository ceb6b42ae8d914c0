package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// FirstSeen records key (a Slack event id, a slash command's trigger id, a
// click) as seen for ttl and reports whether it was new: false means the
// key was recorded before and has not expired, so the delivery is a
// duplicate. A key whose expiry has passed counts as new again, even before
// PurgeSeen removes it. The check and the write are one statement, so
// concurrent callers, in this process or another, get exactly one true.
func (db *DB) FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if key == "" {
		return false, errors.New("store: first seen: empty key")
	}
	if ttl <= 0 {
		return false, fmt.Errorf("store: first seen %q: ttl %s must be positive", key, ttl)
	}
	now := db.now()
	res, err := db.sql.ExecContext(ctx, `
INSERT INTO slack_events (key, seen_at, expires_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at
WHERE slack_events.expires_at <= excluded.seen_at`,
		key, formatTime(now), formatTime(now.Add(ttl)))
	if err != nil {
		return false, fmt.Errorf("store: first seen %q: %w", key, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: first seen %q: %w", key, err)
	}
	return n > 0, nil
}

// ForgetSeen removes key, so that the next delivery of it is handled: the
// adapter calls it when it accepted a delivery it then could not queue.
func (db *DB) ForgetSeen(ctx context.Context, key string) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM slack_events WHERE key = ?`, key); err != nil {
		return fmt.Errorf("store: forget seen %q: %w", key, err)
	}
	return nil
}

// PurgeSeen deletes the keys that have expired and returns how many.
func (db *DB) PurgeSeen(ctx context.Context) (int64, error) {
	res, err := db.sql.ExecContext(ctx, `DELETE FROM slack_events WHERE expires_at <= ?`, formatTime(db.now()))
	if err != nil {
		return 0, fmt.Errorf("store: purge seen: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: purge seen: %w", err)
	}
	return n, nil
}
