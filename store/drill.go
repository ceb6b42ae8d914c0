package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"deploybot"
)

const drillColumns = `id, project, env, requester, state, target_version, return_version, step_id, back_id, forward_id,
back_ms, forward_ms, health, note, created_at, updated_at, ended_at`

func scanDrill(s scanner) (deploybot.Drill, error) {
	var d deploybot.Drill
	var state, health, created, updated, ended string
	var back, forward int64
	if err := s.Scan(&d.ID, &d.Project, &d.Env, &d.Requester, &state, &d.TargetVersion, &d.ReturnVersion, &d.StepID,
		&d.BackID, &d.ForwardID, &back, &forward, &health, &d.Note, &created, &updated, &ended); err != nil {
		return d, err
	}
	d.State = deploybot.DrillState(state)
	d.Back, d.Forward = time.Duration(back)*time.Millisecond, time.Duration(forward)*time.Millisecond
	if health != "" {
		d.Health = strings.Split(health, "\n")
	}
	var err error
	if d.CreatedAt, err = parseTime(created); err != nil {
		return d, err
	}
	if d.UpdatedAt, err = parseTime(updated); err != nil {
		return d, err
	}
	if ended != "" {
		d.EndedAt, err = parseTime(ended)
	}
	return d, err
}

// CreateDrill records drill dr and its first step (the rollback
// deployment, which carries the drill's id) in one transaction, and
// returns both ids.
func (db *DB) CreateDrill(ctx context.Context, dr deploybot.Drill, step deploybot.Deployment) (drillID, stepID int64, err error) {
	now := formatTime(db.now())
	err = db.inTx(ctx, func(tx dbtx) error {
		var err error
		drillID, err = tx.insertID(ctx, `
INSERT INTO drills (project, env, requester, state, target_version, return_version, note, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, dr.Project, dr.Env, dr.Requester, string(dr.State), dr.TargetVersion, dr.ReturnVersion, dr.Note, now, now)
		if err != nil {
			return err
		}
		step.DrillID = drillID
		if stepID, err = insertDeployment(ctx, tx, step, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE drills SET step_id = ?, back_id = ? WHERE id = ?`, stepID, stepID, drillID)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("store: create drill of %s/%s: %w", dr.Project, dr.Env, err)
	}
	return drillID, stepID, nil
}

// Drill returns drill id, or a *deploybot.Error with code ENOTFOUND.
func (db *DB) Drill(ctx context.Context, id int64) (deploybot.Drill, error) {
	d, err := scanDrill(db.q.QueryRowContext(ctx, `SELECT `+drillColumns+` FROM drills WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, deploybot.Errorf(deploybot.ENOTFOUND, "no drill #%d", id)
	} else if err != nil {
		return d, fmt.Errorf("store: drill %d: %w", id, err)
	}
	return d, nil
}

// Drills returns the drills of project ("" for all) in env ("" for all),
// newest first; only those in states when states is not empty.
func (db *DB) Drills(ctx context.Context, project, env string, limit int, states ...deploybot.DrillState) ([]deploybot.Drill, error) {
	key := []string{"drills", project, env, strconv.Itoa(limit)}
	for _, s := range states {
		key = append(key, string(s))
	}
	return keptRead(ctx, db, deploysOf, deployReadsOf, readKey(key...), cloneDrills, func() ([]deploybot.Drill, error) {
		return db.drills(ctx, project, env, limit, states...)
	})
}

func (db *DB) drills(ctx context.Context, project, env string, limit int, states ...deploybot.DrillState) ([]deploybot.Drill, error) {
	q := `SELECT ` + drillColumns + ` FROM drills WHERE (? = '' OR project = ?) AND (? = '' OR env = ?)`
	args := []any{project, project, env, env}
	if len(states) > 0 {
		ph := make([]string, len(states))
		for i, s := range states {
			ph[i] = "?"
			args = append(args, string(s))
		}
		q += " AND state IN (" + strings.Join(ph, ", ") + ")"
	}
	if limit <= 0 {
		limit = 20
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	rows, err := db.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: drills: %w", err)
	}
	defer rows.Close()
	var out []deploybot.Drill
	for rows.Next() {
		d, err := scanDrill(rows)
		if err != nil {
			return nil, fmt.Errorf("store: drills: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// UpdateDrill stores dr's state, steps, measures and note, if its stored
// state is still from (else a *deploybot.Error ECONFLICT: another process
// moved it).
func (db *DB) UpdateDrill(ctx context.Context, dr deploybot.Drill, from deploybot.DrillState) error {
	return db.inTx(ctx, func(tx dbtx) error {
		return updateDrill(ctx, tx, dr, from, formatTime(db.now()))
	})
}

func updateDrill(ctx context.Context, tx dbtx, dr deploybot.Drill, from deploybot.DrillState, now string) error {
	ended := ""
	if dr.State.Ended() {
		ended = now
	}
	res, err := tx.ExecContext(ctx, `
UPDATE drills SET state = ?, step_id = ?, back_id = ?, forward_id = ?, back_ms = ?, forward_ms = ?, health = ?, note = ?,
	updated_at = ?, ended_at = CASE WHEN ? <> '' THEN ? ELSE ended_at END
WHERE id = ? AND state = ?`,
		string(dr.State), dr.StepID, dr.BackID, dr.ForwardID, dr.Back.Milliseconds(), dr.Forward.Milliseconds(),
		strings.Join(dr.Health, "\n"), dr.Note, now, ended, ended, dr.ID, string(from))
	if err != nil {
		return fmt.Errorf("store: update drill %d: %w", dr.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return deploybot.Errorf(deploybot.ECONFLICT, "drill #%d is no longer %s", dr.ID, from)
	}
	return nil
}

// AdvanceDrill ends the drill's current step and starts its next one in
// one transaction: done moves to its final state, next is recorded
// approved under holder's lease, and the drill points at it. A process
// that dies at any moment leaves either the current step or the next one
// to adopt, never a drill without a step. It returns next's id.
func (db *DB) AdvanceDrill(ctx context.Context, dr deploybot.Drill, from deploybot.DrillState, done *deploybot.Deployment,
	to deploybot.DeployState, note string, next deploybot.Deployment, holder deploybot.Holder, ttl time.Duration) (int64, error) {
	now := db.now()
	at := formatTime(now)
	var id int64
	err := db.inTx(ctx, func(tx dbtx) error {
		if err := tx.serialize(ctx, leaseKey(done.ID)); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
UPDATE deployments SET state = ?, reasons = ?, executor_ref = ?, output = ?, started = ?, failure = ?, updated_at = ?
WHERE id = ? AND state = ?`,
			string(to), strings.Join(done.Reasons, "\n"), done.ExecutorRef, done.Output, done.Started, string(done.Failure), at,
			done.ID, string(done.State))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return deploybot.Errorf(deploybot.ECONFLICT, "deployment #%d is no longer %s", done.ID, done.State)
		}
		if err := insertEvent(ctx, tx, done.ID, done.State, to, "deploybot", note, at); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE deployment_id = ?`, done.ID); err != nil {
			return err
		}
		next.DrillID = dr.ID
		next.State = deploybot.StateApproved
		if id, err = insertDeployment(ctx, tx, next, at); err != nil {
			return err
		}
		if err := putLease(ctx, tx, id, holder, now, now.Add(ttl)); err != nil {
			return err
		}
		dr.StepID = id
		switch dr.State {
		case deploybot.DrillForward:
			dr.ForwardID = id
		}
		return updateDrill(ctx, tx, dr, from, at)
	})
	if err != nil {
		if deploybot.ErrorCode(err) == deploybot.ECONFLICT {
			return 0, err
		}
		return 0, fmt.Errorf("store: advance drill %d: %w", dr.ID, err)
	}
	done.State, done.UpdatedAt = to, now
	return id, nil
}
