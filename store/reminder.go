package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"deploybot"
)

var _ deploybot.ReminderStore = (*DB)(nil)

// reminderScanner is a *sql.Row or *sql.Rows.
type reminderScanner interface{ Scan(dest ...any) error }

const reminderColumns = `id, kind, cron, channel, project, message, lang, created_by, created_at, deleted_by, deleted_at`

func scanReminder(s reminderScanner) (deploybot.Reminder, error) {
	var r deploybot.Reminder
	var lang, created, deleted string
	if err := s.Scan(&r.ID, &r.Kind, &r.Cron, &r.Channel, &r.Project, &r.Message, &lang,
		&r.CreatedBy, &created, &r.DeletedBy, &deleted); err != nil {
		return r, err
	}
	r.Lang = deploybot.Lang(lang)
	var err error
	if r.CreatedAt, err = parseTime(created); err != nil {
		return r, err
	}
	if deleted != "" {
		r.DeletedAt, err = parseTime(deleted)
	}
	return r, err
}

// AddReminder stores a reminder created by chat and returns its id. An
// empty Kind means custom, an empty Lang French, a zero CreatedAt db.Now().
func (db *DB) AddReminder(ctx context.Context, r deploybot.Reminder) (int64, error) {
	if strings.TrimSpace(r.Cron) == "" || strings.TrimSpace(r.Channel) == "" || strings.TrimSpace(r.CreatedBy) == "" {
		return 0, deploybot.Errorf(deploybot.EINVALID, "a reminder needs a schedule, a channel and who created it")
	}
	if r.Kind == "" {
		r.Kind = deploybot.ReminderCustom
	}
	if r.Lang == "" {
		r.Lang = deploybot.French
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = db.now()
	}
	id, err := db.q.insertID(ctx, `
INSERT INTO reminders (kind, cron, channel, project, message, lang, created_by, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Kind, r.Cron, r.Channel, r.Project, r.Message, string(r.Lang), r.CreatedBy, formatTime(r.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("store: add reminder: %w", err)
	}
	return id, nil
}

// Reminders returns the active reminders created by chat, oldest first.
func (db *DB) Reminders(ctx context.Context) ([]deploybot.Reminder, error) {
	// With SQLite's log watched (the scripted chat), read again only once
	// a reminder was written, by any process (deploycache.go).
	return keptRead(ctx, db, remindersOf, reminderReadsOf, "reminders", slices.Clone[[]deploybot.Reminder], func() ([]deploybot.Reminder, error) {
		return db.reminders(ctx)
	})
}

func (db *DB) reminders(ctx context.Context) ([]deploybot.Reminder, error) {
	rows, err := db.q.QueryContext(ctx, `SELECT `+reminderColumns+` FROM reminders WHERE deleted_at = '' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: reminders: %w", err)
	}
	defer rows.Close()
	var out []deploybot.Reminder
	for rows.Next() {
		r, err := scanReminder(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reminders: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reminders: %w", err)
	}
	return out, nil
}

// Reminder returns reminder id, deleted or not: a deleted one carries who
// deleted it and when. It returns an ENOTFOUND error when there is none.
func (db *DB) Reminder(ctx context.Context, id int64) (deploybot.Reminder, error) {
	r, err := scanReminder(db.q.QueryRowContext(ctx, `SELECT `+reminderColumns+` FROM reminders WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, deploybot.Errorf(deploybot.ENOTFOUND, "no reminder %d", id)
	} else if err != nil {
		return r, fmt.Errorf("store: reminder %d: %w", id, err)
	}
	return r, nil
}

// DeleteReminder deletes reminder id on behalf of by, keeping the row with
// who deleted it and when. It returns an ENOTFOUND error when there is no
// active reminder id.
func (db *DB) DeleteReminder(ctx context.Context, id int64, by string) error {
	res, err := db.q.ExecContext(ctx, `
UPDATE reminders SET deleted_by = ?, deleted_at = ? WHERE id = ? AND deleted_at = ''`, by, formatTime(db.now()), id)
	if err != nil {
		return fmt.Errorf("store: delete reminder %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: delete reminder %d: %w", id, err)
	}
	if n == 0 {
		return deploybot.Errorf(deploybot.ENOTFOUND, "no active reminder %d", id)
	}
	return nil
}

// ClaimRun records run with INSERT ... ON CONFLICT DO NOTHING and reports
// whether this call inserted it: false means a run of the same key and time
// was recorded before, by this process or another. A zero UpdatedAt means
// db.Now().
func (db *DB) ClaimRun(ctx context.Context, run deploybot.ReminderRun) (bool, error) {
	if run.Key == "" || run.At.IsZero() {
		return false, fmt.Errorf("store: claim run: empty key or time")
	}
	if run.UpdatedAt.IsZero() {
		run.UpdatedAt = db.now()
	}
	res, err := db.q.ExecContext(ctx, `
INSERT INTO reminder_runs (reminder_key, scheduled_at, status, ref, detail, updated_at)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (reminder_key, scheduled_at) DO NOTHING`,
		run.Key, formatTime(run.At), string(run.Status), run.Ref, run.Detail, formatTime(run.UpdatedAt))
	if err != nil {
		return false, fmt.Errorf("store: claim run %s at %s: %w", run.Key, formatTime(run.At), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: claim run %s at %s: %w", run.Key, formatTime(run.At), err)
	}
	return n == 1, nil
}

// FinishRun sets the status, reference and detail of a recorded run. It
// returns an ENOTFOUND error when the run was never claimed.
func (db *DB) FinishRun(ctx context.Context, run deploybot.ReminderRun) error {
	if run.UpdatedAt.IsZero() {
		run.UpdatedAt = db.now()
	}
	res, err := db.q.ExecContext(ctx, `
UPDATE reminder_runs SET status = ?, ref = ?, detail = ?, updated_at = ?
WHERE reminder_key = ? AND scheduled_at = ?`,
		string(run.Status), run.Ref, run.Detail, formatTime(run.UpdatedAt), run.Key, formatTime(run.At))
	if err != nil {
		return fmt.Errorf("store: finish run %s at %s: %w", run.Key, formatTime(run.At), err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: finish run %s at %s: %w", run.Key, formatTime(run.At), err)
	} else if n == 0 {
		return deploybot.Errorf(deploybot.ENOTFOUND, "no run of %s at %s", run.Key, formatTime(run.At))
	}
	return nil
}

const runColumns = `reminder_key, scheduled_at, status, ref, detail, updated_at`

func scanRun(s reminderScanner) (deploybot.ReminderRun, error) {
	var r deploybot.ReminderRun
	var at, status, updated string
	if err := s.Scan(&r.Key, &at, &status, &r.Ref, &r.Detail, &updated); err != nil {
		return r, err
	}
	r.Status = deploybot.RunStatus(status)
	var err error
	if r.At, err = parseTime(at); err != nil {
		return r, err
	}
	r.UpdatedAt, err = parseTime(updated)
	return r, err
}

// LastRun returns the run of key with the latest scheduled time; false when
// none is recorded.
func (db *DB) LastRun(ctx context.Context, key string) (deploybot.ReminderRun, bool, error) {
	r, err := scanRun(db.q.QueryRowContext(ctx, `
SELECT `+runColumns+` FROM reminder_runs WHERE reminder_key = ? ORDER BY scheduled_at DESC LIMIT 1`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	} else if err != nil {
		return r, false, fmt.Errorf("store: last run of %s: %w", key, err)
	}
	return r, true, nil
}

// ReminderRuns returns the recorded runs of key, oldest first; every key's
// when key is empty.
func (db *DB) ReminderRuns(ctx context.Context, key string) ([]deploybot.ReminderRun, error) {
	q := `SELECT ` + runColumns + ` FROM reminder_runs`
	var args []any
	if key != "" {
		q += ` WHERE reminder_key = ?`
		args = append(args, key)
	}
	rows, err := db.q.QueryContext(ctx, q+` ORDER BY scheduled_at, reminder_key`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reminder runs: %w", err)
	}
	defer rows.Close()
	var out []deploybot.ReminderRun
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reminder runs: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reminder runs: %w", err)
	}
	return out, nil
}
