package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"deploybot"
)

// SettingValues returns every value set by chat or in the interview, of
// every layer. They are read from memory while the change counter says
// that no process changed them (cache.go); the slice returned is then
// the one kept, shared with every other caller: read it, never change it
// in place. (A copy for each caller was a twentieth of the bytes the
// scripted chat allocated, issue 19.)
func (db *DB) SettingValues(ctx context.Context) ([]deploybot.Setting, error) {
	n, err := db.contextVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: settings: %w", err)
	}
	if s, ok := db.cache.cachedSettings(n); ok {
		return s, nil
	}
	s, err := db.settingValues(ctx)
	if err != nil {
		return nil, err
	}
	db.cache.putSettings(n, s)
	return s, nil
}

func (db *DB) settingValues(ctx context.Context) ([]deploybot.Setting, error) {
	rows, err := db.q.QueryContext(ctx, `
SELECT scope, project, env, key, value, set_by, set_by_name, set_at FROM settings ORDER BY scope, project, env, key`)
	if err != nil {
		return nil, fmt.Errorf("store: settings: %w", err)
	}
	defer rows.Close()
	var out []deploybot.Setting
	for rows.Next() {
		var s deploybot.Setting
		var scope, at string
		if err := rows.Scan(&scope, &s.Project, &s.Env, &s.Key, &s.Value, &s.SetBy, &s.SetByName, &at); err != nil {
			return nil, fmt.Errorf("store: settings: %w", err)
		}
		s.Scope = deploybot.Scope(scope)
		if s.SetAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("store: settings: %s: %w", s.Key, err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func checkLayer(s deploybot.Setting) error {
	switch {
	case s.Scope == deploybot.ScopeAgency && (s.Project != "" || s.Env != ""),
		s.Scope == deploybot.ScopeProject && (s.Project == "" || s.Env != ""),
		s.Scope == deploybot.ScopeEnvironment && (s.Project == "" || s.Env == ""),
		s.Scope != deploybot.ScopeAgency && s.Scope != deploybot.ScopeProject && s.Scope != deploybot.ScopeEnvironment:
		return deploybot.Errorf(deploybot.EINVALID, "setting %s: layer %q with project %q and environment %q do not fit", s.Key, s.Scope, s.Project, s.Env)
	case s.Key == "":
		return deploybot.Errorf(deploybot.EINVALID, "a setting needs a key")
	}
	return nil
}

// PutSetting stores s (set by s.SetBy at s.SetAt, default now), replacing
// the value of its layer, and records the change with the old value in the
// same transaction. It returns the value it replaced, if any. Setting the
// value a key already has records nothing.
func (db *DB) PutSetting(ctx context.Context, s deploybot.Setting) (deploybot.Setting, bool, error) {
	if err := checkLayer(s); err != nil {
		return deploybot.Setting{}, false, err
	}
	if s.SetAt.IsZero() {
		s.SetAt = db.now()
	}
	var old deploybot.Setting
	had := false
	err := db.inTx(ctx, func(tx dbtx) error {
		if err := tx.serialize(ctx, settingKey(s)); err != nil {
			return err
		}
		var at string
		err := tx.QueryRowContext(ctx, `SELECT value, set_by, set_by_name, set_at FROM settings WHERE scope = ? AND project = ? AND env = ? AND key = ?`,
			string(s.Scope), s.Project, s.Env, s.Key).Scan(&old.Value, &old.SetBy, &old.SetByName, &at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			had = true
			old.Scope, old.Project, old.Env, old.Key = s.Scope, s.Project, s.Env, s.Key
			if old.SetAt, err = parseTime(at); err != nil {
				return err
			}
			if old.Value == s.Value {
				return nil
			}
		}
		now := formatTime(s.SetAt)
		if _, err := tx.ExecContext(ctx, `
INSERT INTO settings (scope, project, env, key, value, set_by, set_by_name, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (scope, project, env, key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by,
	set_by_name = excluded.set_by_name, set_at = excluded.set_at`,
			string(s.Scope), s.Project, s.Env, s.Key, s.Value, s.SetBy, s.SetByName, now); err != nil {
			return err
		}
		return insertSettingChange(ctx, tx, s, old.Value, s.Value, now)
	})
	db.written()
	if err != nil {
		return deploybot.Setting{}, false, fmt.Errorf("store: set %s: %w", s.Key, err)
	}
	return old, had, nil
}

// DeleteSetting removes the value set by chat for key at its layer (a
// reset), recording the change by actor, named name. It reports whether
// there was one.
func (db *DB) DeleteSetting(ctx context.Context, s deploybot.Setting) (bool, error) {
	if err := checkLayer(s); err != nil {
		return false, err
	}
	if s.SetAt.IsZero() {
		s.SetAt = db.now()
	}
	deleted := false
	err := db.inTx(ctx, func(tx dbtx) error {
		if err := tx.serialize(ctx, settingKey(s)); err != nil {
			return err
		}
		var old string
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE scope = ? AND project = ? AND env = ? AND key = ?`,
			string(s.Scope), s.Project, s.Env, s.Key).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE scope = ? AND project = ? AND env = ? AND key = ?`,
			string(s.Scope), s.Project, s.Env, s.Key); err != nil {
			return err
		}
		deleted = true
		return insertSettingChange(ctx, tx, s, old, "", formatTime(s.SetAt))
	})
	db.written()
	if err != nil {
		return false, fmt.Errorf("store: reset %s: %w", s.Key, err)
	}
	return deleted, nil
}

// settingKey is what the changes of s's value serialize on.
func settingKey(s deploybot.Setting) string {
	return "setting:" + strings.Join([]string{string(s.Scope), s.Project, s.Env, s.Key}, "\n")
}

func insertSettingChange(ctx context.Context, tx dbtx, s deploybot.Setting, old, new, at string) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO context_changes (scope, project, env, key, old_value, new_value, changed_by, changed_by_name, changed_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(s.Scope), s.Project, s.Env, s.Key, old, new, s.SetBy, s.SetByName, at)
	return err
}

// ContextChanges returns the audited changes of settings since since (zero:
// all), oldest first; a non-empty project keeps only that project's (and
// its environments'), a non-empty key only that key's.
func (db *DB) ContextChanges(ctx context.Context, project, key string, since time.Time) ([]deploybot.ContextChange, error) {
	rows, err := db.q.QueryContext(ctx, `
SELECT scope, project, env, key, old_value, new_value, changed_by, changed_by_name, changed_at
FROM context_changes
WHERE (? = '' OR project = ?) AND (? = '' OR key = ?) AND changed_at >= ?
ORDER BY id`,
		project, project, key, key, formatTime(since))
	if err != nil {
		return nil, fmt.Errorf("store: context changes: %w", err)
	}
	defer rows.Close()
	var out []deploybot.ContextChange
	for rows.Next() {
		var c deploybot.ContextChange
		var scope, at string
		if err := rows.Scan(&scope, &c.Project, &c.Env, &c.Key, &c.Old, &c.New, &c.By, &c.ByName, &at); err != nil {
			return nil, fmt.Errorf("store: context changes: %w", err)
		}
		c.Scope = deploybot.Scope(scope)
		if c.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("store: context changes: %s: %w", c.Key, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
