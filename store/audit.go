package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"deploybot"
)

var _ deploybot.AuditLog = (*DB)(nil)

// RecordMessage appends e to the message audit and returns its new id. e.ID
// is ignored; a zero e.At means db.Now(). A message already recorded (the
// same platform and message id: a delivery handled again after a crash) is
// not recorded twice: its first entry's id is returned.
func (db *DB) RecordMessage(ctx context.Context, e deploybot.AuditEntry) (int64, error) {
	if e.At.IsZero() {
		e.At = db.now()
	}
	if e.MessageID != "" {
		var id int64
		err := db.sql.QueryRowContext(ctx, `SELECT id FROM messages WHERE platform = ? AND message_id = ? LIMIT 1`,
			string(e.Platform), e.MessageID).Scan(&id)
		if err == nil {
			return id, nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("store: record message %s: %w", e.MessageID, err)
		}
	}
	res, err := db.sql.ExecContext(ctx, `
INSERT INTO messages (message_id, platform, user_name, user_display, channel, text, route, intent, app, env, version, lang, at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.MessageID, string(e.Platform), e.User, e.UserName, e.Channel, e.Text, string(e.Route), string(e.Intent),
		e.App, e.Env, e.Version, string(e.Lang), formatTime(e.At))
	if err != nil {
		return 0, fmt.Errorf("store: record message %s: %w", e.MessageID, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("store: record message %s: %w", e.MessageID, err)
	}
	return id, nil
}

// RecentMessages returns the limit most recent audited messages, newest
// first (by At, then by id). A limit of zero or less returns them all.
func (db *DB) RecentMessages(ctx context.Context, limit int) ([]deploybot.AuditEntry, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := db.sql.QueryContext(ctx, `
SELECT id, COALESCE(message_id, ''), COALESCE(platform, ''), COALESCE(user_name, ''), user_display, COALESCE(channel, ''),
	COALESCE(text, ''), COALESCE(route, ''), COALESCE(intent, ''), COALESCE(app, ''), COALESCE(env, ''),
	COALESCE(version, ''), COALESCE(lang, ''), at
FROM messages
ORDER BY at DESC, id DESC
LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: recent messages: %w", err)
	}
	defer rows.Close()
	var out []deploybot.AuditEntry
	for rows.Next() {
		var (
			e                             deploybot.AuditEntry
			platform, route, intent, lang string
			at                            string
		)
		err := rows.Scan(&e.ID, &e.MessageID, &platform, &e.User, &e.UserName, &e.Channel, &e.Text, &route, &intent,
			&e.App, &e.Env, &e.Version, &lang, &at)
		if err != nil {
			return nil, fmt.Errorf("store: recent messages: %w", err)
		}
		e.Platform = deploybot.Platform(platform)
		e.Route = deploybot.Route(route)
		e.Intent = deploybot.IntentKind(intent)
		e.Lang = deploybot.Lang(lang)
		if e.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("store: recent messages: message %d: %w", e.ID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: recent messages: %w", err)
	}
	return out, nil
}

// --- Model use (migration 0006). ---

var _ deploybot.ModelAuditLog = (*DB)(nil)

// RecordModelUse appends one call of the language model and, when the model
// wrote the answer of u.MessageID, names it in that message's record.
func (db *DB) RecordModelUse(ctx context.Context, u deploybot.ModelUse) error {
	if u.At.IsZero() {
		u.At = db.now()
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: record model use: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `
INSERT INTO model_calls (message, op, model, prompt_tokens, completion_tokens, fallback, at)
VALUES (?, ?, ?, ?, ?, ?, ?)`, u.MessageID, u.Op, u.Model, u.Usage.PromptTokens, u.Usage.CompletionTokens,
		u.Fallback, formatTime(u.At)); err != nil {
		return fmt.Errorf("store: record model use: %w", err)
	}
	if u.Op == deploybot.ModelOpAnswer && u.Fallback == "" && u.MessageID > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET model = ? WHERE id = ?`, u.Model, u.MessageID); err != nil {
			return fmt.Errorf("store: record model use: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: record model use: %w", err)
	}
	return nil
}

// ModelUsage totals the recorded model calls by model and operation.
func (db *DB) ModelUsage(ctx context.Context) ([]deploybot.ModelUsage, error) {
	rows, err := db.sql.QueryContext(ctx, `
SELECT model, op, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(fallback <> '')
FROM model_calls GROUP BY model, op ORDER BY model, op`)
	if err != nil {
		return nil, fmt.Errorf("store: model usage: %w", err)
	}
	defer rows.Close()
	var out []deploybot.ModelUsage
	for rows.Next() {
		var u deploybot.ModelUsage
		if err := rows.Scan(&u.Model, &u.Op, &u.Calls, &u.PromptTokens, &u.CompletionTokens, &u.Fallbacks); err != nil {
			return nil, fmt.Errorf("store: model usage: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: model usage: %w", err)
	}
	return out, nil
}

// AnsweredBy returns the model that wrote the answer of the audited message
// id; empty when deploybot composed it offline.
func (db *DB) AnsweredBy(ctx context.Context, id int64) (string, error) {
	var model string
	if err := db.sql.QueryRowContext(ctx, `SELECT model FROM messages WHERE id = ?`, id).Scan(&model); err != nil {
		return "", fmt.Errorf("store: answered by, message %d: %w", id, err)
	}
	return model, nil
}
