package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"deploybot"
)

var _ deploybot.InterviewStore = (*DB)(nil)

// Interview returns the interview of user in channel on platform; false if
// there is none. It is read from memory while the change counter says that
// no process changed the interviews or settings (cache.go).
func (db *DB) Interview(ctx context.Context, platform deploybot.Platform, channel, user string) (deploybot.Interview, bool, error) {
	n, err := db.contextVersion(ctx)
	if err != nil {
		return deploybot.Interview{}, false, fmt.Errorf("store: interview of %s in %s: %w", user, channel, err)
	}
	k := interviewKey{platform, channel, user}
	if e, ok := db.cache.cachedInterview(k, n); ok {
		return e.iv, e.found, nil
	}
	iv, found, err := db.interview(ctx, platform, channel, user)
	if err != nil {
		return iv, found, err
	}
	db.cache.putInterview(k, cachedInterview{at: n, iv: iv, found: found})
	return iv, found, nil
}

func (db *DB) interview(ctx context.Context, platform deploybot.Platform, channel, user string) (deploybot.Interview, bool, error) {
	iv := deploybot.Interview{Platform: platform, Channel: channel, User: user}
	var status, lang, updated string
	err := db.q.QueryRowContext(ctx, `
SELECT project, step, agency, status, lang, updated_at FROM interviews
WHERE platform = ? AND channel = ? AND user_name = ?`, string(platform), channel, user).
		Scan(&iv.Project, &iv.Step, &iv.Agency, &status, &lang, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return iv, false, nil
	} else if err != nil {
		return iv, false, fmt.Errorf("store: interview of %s in %s: %w", user, channel, err)
	}
	iv.Status, iv.Lang = deploybot.InterviewStatus(status), deploybot.Lang(lang)
	if iv.UpdatedAt, err = parseTime(updated); err != nil {
		return iv, false, fmt.Errorf("store: interview of %s in %s: %w", user, channel, err)
	}
	return iv, true, nil
}

// SaveInterview creates or replaces the interview of its user and channel.
// A zero UpdatedAt means db.Now().
func (db *DB) SaveInterview(ctx context.Context, iv deploybot.Interview) error {
	if iv.UpdatedAt.IsZero() {
		iv.UpdatedAt = db.now()
	}
	if iv.Lang == "" {
		iv.Lang = deploybot.French
	}
	_, err := db.q.ExecContext(ctx, `
INSERT INTO interviews (platform, channel, user_name, project, step, agency, status, lang, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (platform, channel, user_name) DO UPDATE SET
    project = excluded.project, step = excluded.step, agency = excluded.agency,
    status = excluded.status, lang = excluded.lang, updated_at = excluded.updated_at`,
		string(iv.Platform), iv.Channel, iv.User, iv.Project, iv.Step, iv.Agency, string(iv.Status),
		string(iv.Lang), formatTime(iv.UpdatedAt))
	db.written()
	if err != nil {
		return fmt.Errorf("store: save interview of %s in %s: %w", iv.User, iv.Channel, err)
	}
	return nil
}
