package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"deploybot"
)

var _ deploybot.ContextStore = (*DB)(nil)

// validateContextValue checks v's scope, project and key and returns an
// *deploybot.Error with code EINVALID when they don't fit.
func validateContextValue(v deploybot.ContextValue) error {
	switch v.Scope {
	case deploybot.ScopeGlobal, deploybot.ScopeAgency:
		if v.Project != "" {
			return deploybot.Errorf(deploybot.EINVALID,
				"a %s context value applies to every project: drop the project %q or use the project scope", v.Scope, v.Project)
		}
	case deploybot.ScopeProject:
		if strings.TrimSpace(v.Project) == "" {
			return deploybot.Errorf(deploybot.EINVALID, "a project context value needs a project name")
		}
	default:
		return deploybot.Errorf(deploybot.EINVALID,
			"unknown context scope %q: use global, agency or project", v.Scope)
	}
	if strings.TrimSpace(v.Key) == "" {
		return deploybot.Errorf(deploybot.EINVALID, "a context value needs a key")
	}
	return nil
}

// SetContext stores v, replacing the value of the same scope, project and
// key, and records the change (with the old value, empty if none) in the
// same transaction. Setting the value a key already has changes and records
// nothing. A zero v.SetAt means db.Now(). An invalid scope, a missing or
// unexpected project, or an empty key gives a *deploybot.Error with code
// EINVALID.
func (db *DB) SetContext(ctx context.Context, v deploybot.ContextValue) error {
	if err := validateContextValue(v); err != nil {
		return err
	}
	if v.SetAt.IsZero() {
		v.SetAt = db.now()
	}
	if err := db.setContext(ctx, v); err != nil {
		return fmt.Errorf("store: set context %s: %w", v.Key, err)
	}
	return nil
}

func (db *DB) setContext(ctx context.Context, v deploybot.ContextValue) error {
	return db.inTx(ctx, func(tx *sql.Tx) (err error) {
		var old string
		err = tx.QueryRowContext(ctx,
			`SELECT value FROM context_values WHERE scope = ? AND project = ? AND key = ?`,
			string(v.Scope), v.Project, v.Key).Scan(&old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			old, err = "", nil
		case err != nil:
			return err
		case old == v.Value:
			return nil
		}
		at := formatTime(v.SetAt)
		_, err = tx.ExecContext(ctx, `
	INSERT INTO context_values (scope, project, key, value, set_by, set_at)
	VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (scope, project, key) DO UPDATE SET
		value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at`,
			string(v.Scope), v.Project, v.Key, v.Value, v.SetBy, at)
		if err != nil {
			return err
		}
		if err = insertChange(ctx, tx, v, old, at); err != nil {
			return err
		}
		return nil
	})
}

// insertChange records that v replaced old.
func insertChange(ctx context.Context, tx *sql.Tx, v deploybot.ContextValue, old, at string) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO context_changes (scope, project, key, old_value, new_value, changed_by, changed_at)
VALUES (?, ?, ?, ?, ?, ?, ?)`,
		string(v.Scope), v.Project, v.Key, old, v.Value, v.SetBy, at)
	return err
}

// SeedContext stores, in one transaction, each value of vs that has no value
// yet for its scope, project and key; it never overwrites a value, in
// particular one set by chat. A change is recorded, by the value's SetBy,
// for each row actually inserted. When vs holds the same scope, project and
// key twice, the first wins. If any value is invalid, SeedContext returns a
// *deploybot.Error with code EINVALID and stores nothing.
func (db *DB) SeedContext(ctx context.Context, vs []deploybot.ContextValue) error {
	for _, v := range vs {
		if err := validateContextValue(v); err != nil {
			return err
		}
	}
	if len(vs) == 0 {
		return nil
	}
	if err := db.seedContext(ctx, vs); err != nil {
		return fmt.Errorf("store: seed context: %w", err)
	}
	return nil
}

func (db *DB) seedContext(ctx context.Context, vs []deploybot.ContextValue) error {
	return db.inTx(ctx, func(tx *sql.Tx) (err error) {
		now := db.now()
		for _, v := range vs {
			if v.SetAt.IsZero() {
				v.SetAt = now
			}
			at := formatTime(v.SetAt)
			res, err := tx.ExecContext(ctx, `
	INSERT INTO context_values (scope, project, key, value, set_by, set_at)
	VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (scope, project, key) DO NOTHING`,
				string(v.Scope), v.Project, v.Key, v.Value, v.SetBy, at)
			if err != nil {
				return fmt.Errorf("%s: %w", v.Key, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("%s: %w", v.Key, err)
			}
			if n == 0 {
				continue
			}
			if err := insertChange(ctx, tx, v, "", at); err != nil {
				return fmt.Errorf("%s: %w", v.Key, err)
			}
		}
		return nil
	})
}

// ContextValues returns the global and agency values and, when project is
// not empty, that project's values (and no other project's). They are
// ordered by layer (global, agency, project, the narrowest last), then
// project, then key.
func (db *DB) ContextValues(ctx context.Context, project string) ([]deploybot.ContextValue, error) {
	rows, err := db.sql.QueryContext(ctx, `
SELECT scope, project, key, value, set_by, set_at
FROM context_values
WHERE scope IN ('global', 'agency') OR (scope = 'project' AND ? <> '' AND project = ?)
ORDER BY CASE scope WHEN 'global' THEN 1 WHEN 'agency' THEN 2 ELSE 3 END, project, key`,
		project, project)
	if err != nil {
		return nil, fmt.Errorf("store: context values %s: %w", project, err)
	}
	defer rows.Close()
	var out []deploybot.ContextValue
	for rows.Next() {
		var (
			v     deploybot.ContextValue
			scope string
			at    string
		)
		if err := rows.Scan(&scope, &v.Project, &v.Key, &v.Value, &v.SetBy, &at); err != nil {
			return nil, fmt.Errorf("store: context values %s: %w", project, err)
		}
		v.Scope = deploybot.Scope(scope)
		if v.SetAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("store: context values %s: %s: %w", project, v.Key, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: context values %s: %w", project, err)
	}
	return out, nil
}

// ContextChanges returns the audited changes of context values, oldest
// first. A non-empty project keeps only the changes of that project's
// values; a non-empty key keeps only the changes of that key.
func (db *DB) ContextChanges(ctx context.Context, project string, key string) ([]deploybot.ContextChange, error) {
	rows, err := db.sql.QueryContext(ctx, `
SELECT scope, project, key, old_value, new_value, changed_by, changed_at
FROM context_changes
WHERE (? = '' OR project = ?) AND (? = '' OR key = ?)
ORDER BY id`,
		project, project, key, key)
	if err != nil {
		return nil, fmt.Errorf("store: context changes: %w", err)
	}
	defer rows.Close()
	var out []deploybot.ContextChange
	for rows.Next() {
		var (
			c     deploybot.ContextChange
			scope string
			at    string
		)
		if err := rows.Scan(&scope, &c.Project, &c.Key, &c.Old, &c.New, &c.By, &at); err != nil {
			return nil, fmt.Errorf("store: context changes: %w", err)
		}
		c.Scope = deploybot.Scope(scope)
		if c.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("store: context changes: %s: %w", c.Key, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: context changes: %w", err)
	}
	return out, nil
}
