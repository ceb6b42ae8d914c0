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

const deploymentColumns = `id, project, env, version, previous_version, strategy, action, COALESCE(rollback_of, 0),
requester, approver, reason, force, wait, state, reasons, ticked, executor_ref, output, platform, channel, thread, lang, created_at, updated_at,
ref, started, failure, COALESCE(request_key, ''), replaces, drill_id, started_at, COALESCE(first_commit_at, '')`

type scanner interface{ Scan(dest ...any) error }

func scanDeployment(s scanner) (deploybot.Deployment, error) {
	var d deploybot.Deployment
	var strategy, action, state, reasons, ticked, platform, lang, created, updated, failure, startedAt, firstCommit string
	if err := s.Scan(&d.ID, &d.Project, &d.Env, &d.Version, &d.PreviousVersion, &strategy, &action, &d.RollbackOf,
		&d.Requester, &d.Approver, &d.Reason, &d.Force, &d.Wait, &state, &reasons, &ticked, &d.ExecutorRef, &d.Output,
		&platform, &d.Channel, &d.Thread, &lang, &created, &updated, &d.Ref, &d.Started, &failure, &d.RequestKey, &d.Replaces, &d.DrillID, &startedAt, &firstCommit); err != nil {
		return d, err
	}
	d.Failure = deploybot.Failure(failure)
	if startedAt != "" {
		if t, err := parseTime(startedAt); err == nil {
			d.StartedAt = t
		}
	}
	if firstCommit != "" {
		if t, err := parseTime(firstCommit); err == nil {
			d.FirstCommitAt = t
		}
	}
	d.Strategy, d.Action, d.State, d.Platform = deploybot.Strategy(strategy), deploybot.Action(action), deploybot.DeployState(state), deploybot.Platform(platform)
	d.Lang = deploybot.Lang(lang)
	if reasons != "" {
		d.Reasons = strings.Split(reasons, "\n")
	}
	if ticked != "" {
		d.Ticked = strings.Split(ticked, ",")
	}
	var err error
	if d.CreatedAt, err = parseTime(created); err != nil {
		return d, err
	}
	d.UpdatedAt, err = parseTime(updated)
	return d, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ErrDuplicateRequest is wrapped by CreateDeployment's error when a
// deployment with the same RequestKey exists: the message that asks for it
// was handled before (a delivery handled again after a crash).
var ErrDuplicateRequest = errors.New("a deployment was already planned for this request")

// CreateDeployment records a new deployment in its initial state and returns
// its id. The creation is the first event of its history. A deployment
// whose RequestKey is already taken is not created: the error wraps
// ErrDuplicateRequest (DeploymentByRequest finds the first).
func (db *DB) CreateDeployment(ctx context.Context, d deploybot.Deployment) (int64, error) {
	if d.State == "" {
		d.State = deploybot.StateRequested
	}
	now := formatTime(db.now())
	var id int64
	err := db.inTx(ctx, func(tx dbtx) error {
		if d.RequestKey != "" {
			if err := tx.serialize(ctx, "request:"+d.RequestKey); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM deployments WHERE request_key = ?`, d.RequestKey).Scan(&n); err != nil {
				return err
			} else if n > 0 {
				return ErrDuplicateRequest
			}
		}
		var err error
		id, err = insertDeployment(ctx, tx, d, now)
		if err != nil && d.RequestKey != "" && isUniqueViolation(err) {
			return ErrDuplicateRequest // the unique index, should the check above miss it
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: create deployment of %s/%s: %w", d.Project, d.Env, err)
	}
	return id, nil
}

// insertDeployment inserts d, with its first event, in tx.
func insertDeployment(ctx context.Context, tx dbtx, d deploybot.Deployment, now string) (int64, error) {
	id, err := tx.insertID(ctx, `
INSERT INTO deployments (project, env, version, previous_version, strategy, action, rollback_of, requester, approver,
	reason, force, wait, state, reasons, executor_ref, output, platform, channel, thread, lang, created_at, updated_at,
	ref, request_key, replaces, drill_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.Project, d.Env, d.Version, d.PreviousVersion, string(d.Strategy), string(d.Action), nullID(d.RollbackOf),
		d.Requester, d.Approver, d.Reason, d.Force, d.Wait, string(d.State), strings.Join(d.Reasons, "\n"), d.ExecutorRef,
		d.Output, string(d.Platform), d.Channel, d.Thread, string(d.Lang), now, now, d.Ref, nullString(d.RequestKey), d.Replaces, d.DrillID)
	if err != nil {
		return 0, err
	}
	return id, insertEvent(ctx, tx, id, "", d.State, d.Requester, strings.Join(d.Reasons, "; "), now)
}

// DeploymentByRequest returns the deployment planned for request key, if
// any.
func (db *DB) DeploymentByRequest(ctx context.Context, key string) (deploybot.Deployment, bool, error) {
	d, err := scanDeployment(db.q.QueryRowContext(ctx, `SELECT `+deploymentColumns+` FROM deployments WHERE request_key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	} else if err != nil {
		return d, false, fmt.Errorf("store: deployment of request %q: %w", key, err)
	}
	return d, true, nil
}

func insertEvent(ctx context.Context, tx dbtx, id int64, from, to deploybot.DeployState, actor, note, at string) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO deployment_events (deployment_id, from_state, to_state, actor, note, at) VALUES (?, ?, ?, ?, ?, ?)`,
		id, string(from), string(to), actor, note, at)
	return err
}

// Deployment returns deployment id, or a *deploybot.Error with code
// ENOTFOUND.
func (db *DB) Deployment(ctx context.Context, id int64) (deploybot.Deployment, error) {
	d, err := scanDeployment(db.q.QueryRowContext(ctx, `SELECT `+deploymentColumns+` FROM deployments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, deploybot.Errorf(deploybot.ENOTFOUND, "no deployment #%d", id)
	} else if err != nil {
		return d, fmt.Errorf("store: deployment %d: %w", id, err)
	}
	return d, nil
}

// MoveDeployment moves d from the state it holds to state to, storing its
// other mutable fields (approver, reasons, executor reference, output,
// whether its run started, what failed), and records the transition with
// actor and note. The move happens only if the stored state is still
// d.State: otherwise someone else moved it first, and the result is a
// *deploybot.Error with code ECONFLICT. An invalid transition is refused
// the same way. On success d.State is to. A move to a state where no
// process runs the deployment any more (a terminal state, interrupted)
// ends its lease in the same transaction.
func (db *DB) MoveDeployment(ctx context.Context, d *deploybot.Deployment, to deploybot.DeployState, actor, note string) error {
	return db.moveDeployment(ctx, d, to, actor, note, nil, 0)
}

// MoveDeploymentLeased moves d like MoveDeployment and, in the same
// transaction, gives its lease to holder for ttl: the process that moves a
// deployment to approved is the one that runs it, and no other process can
// see it approved without a live lease.
func (db *DB) MoveDeploymentLeased(ctx context.Context, d *deploybot.Deployment, to deploybot.DeployState, actor, note string, holder deploybot.Holder, ttl time.Duration) error {
	return db.moveDeployment(ctx, d, to, actor, note, &holder, ttl)
}

func (db *DB) moveDeployment(ctx context.Context, d *deploybot.Deployment, to deploybot.DeployState, actor, note string, holder *deploybot.Holder, ttl time.Duration) error {
	if !deploybot.CanMove(d.State, to) {
		return deploybot.Errorf(deploybot.ECONFLICT, "deployment #%d cannot go from %s to %s", d.ID, d.State, to)
	}
	now := db.now()
	err := db.inTx(ctx, func(tx dbtx) error {
		if err := tx.serialize(ctx, leaseKey(d.ID)); err != nil {
			return err
		}
		return moveIn(ctx, tx, d, to, actor, note, holder, ttl, now)
	})
	if err != nil {
		if deploybot.ErrorCode(err) == deploybot.ECONFLICT {
			return err
		}
		return fmt.Errorf("store: move deployment %d to %s: %w", d.ID, to, err)
	}
	moved(d, to, now)
	return nil
}

// moveIn is moveDeployment's work in tx, under d's lease key: the update
// of d if it still holds d.State, the lease given or ended, the event. It
// leaves d as it is; moved records the move once committed.
func moveIn(ctx context.Context, tx dbtx, d *deploybot.Deployment, to deploybot.DeployState, actor, note string, holder *deploybot.Holder, ttl time.Duration, now time.Time) error {
	at := formatTime(now)
	startedAt := ""
	if to == deploybot.StateRunning {
		startedAt = at
	}
	res, err := tx.ExecContext(ctx, `
UPDATE deployments SET state = ?, approver = ?, reasons = ?, executor_ref = ?, output = ?, previous_version = ?,
	version = ?, updated_at = ?, started = ?, failure = ?,
	started_at = CASE WHEN ? <> '' THEN ? ELSE started_at END
WHERE id = ? AND state = ?`,
		string(to), d.Approver, strings.Join(d.Reasons, "\n"), d.ExecutorRef, d.Output, d.PreviousVersion,
		d.Version, at, d.Started, string(d.Failure), startedAt, startedAt, d.ID, string(d.State))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return deploybot.Errorf(deploybot.ECONFLICT, "deployment #%d is no longer %s", d.ID, d.State)
	}
	if holder != nil {
		if err := putLease(ctx, tx, d.ID, *holder, now, now.Add(ttl)); err != nil {
			return err
		}
	} else if to.Terminal() || to == deploybot.StateInterrupted {
		if _, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE deployment_id = ?`, d.ID); err != nil {
			return err
		}
	}
	return insertEvent(ctx, tx, d.ID, d.State, to, actor, note, at)
}

// moved records in d its committed move to state to at now.
func moved(d *deploybot.Deployment, to deploybot.DeployState, now time.Time) {
	d.State, d.UpdatedAt = to, now
	if to == deploybot.StateRunning {
		d.StartedAt = now
	}
}

// StartDeployment moves d to running with the lock of its environment
// taken for it (l, held until released, as AcquireLock with no expiry), in
// one transaction. When d is not approved yet (confirmed or approved by
// actor, with note), it is first moved to approved with holder's lease for
// ttl, as MoveDeploymentLeased does: whoever approves it runs it. The
// events recorded are those of the separate calls, in their order (the
// move to approved, the lock, the move to running with the note "executor
// started"). When another holder has the lock, only the move to approved
// is committed and the error is a *deploybot.LockError naming the lock; d
// is then approved. On success d is running.
//
// One commit instead of three (approve, lock, run): what lies between an
// approval and its executor's start (issue 19).
func (db *DB) StartDeployment(ctx context.Context, d *deploybot.Deployment, l deploybot.Lock, actor, note string, holder deploybot.Holder, ttl time.Duration) error {
	approve := d.State != deploybot.StateApproved
	if approve && !deploybot.CanMove(d.State, deploybot.StateApproved) {
		return deploybot.Errorf(deploybot.ECONFLICT, "deployment #%d cannot go from %s to %s", d.ID, d.State, deploybot.StateApproved)
	}
	now := db.now()
	l.AcquiredAt, l.ExpiresAt = now, time.Time{}
	var held *deploybot.LockError
	err := db.inTx(ctx, func(tx dbtx) error {
		held = nil
		// The keys in one order (a lease's, then a lock's): no other
		// transaction takes both.
		if err := tx.serialize(ctx, leaseKey(d.ID)); err != nil {
			return err
		}
		if err := tx.serialize(ctx, lockKey(l.Project, l.Env)); err != nil {
			return err
		}
		x := *d
		if approve {
			if err := moveIn(ctx, tx, &x, deploybot.StateApproved, actor, note, &holder, ttl, now); err != nil {
				return err
			}
			x.State = deploybot.StateApproved
		}
		if err := acquireIn(ctx, tx, l, now); err != nil {
			if errors.As(err, &held) {
				return nil // the approval stands: the caller waits or cancels
			}
			return err
		}
		return moveIn(ctx, tx, &x, deploybot.StateRunning, actor, "executor started", nil, 0, now)
	})
	if err != nil {
		if deploybot.ErrorCode(err) == deploybot.ECONFLICT {
			return err
		}
		return fmt.Errorf("store: start deployment %d: %w", d.ID, err)
	}
	if approve {
		moved(d, deploybot.StateApproved, now)
	}
	if held != nil {
		return held
	}
	moved(d, deploybot.StateRunning, now)
	return nil
}

// FindDeployments returns the deployments that match f, newest first.
func (db *DB) FindDeployments(ctx context.Context, f deploybot.DeploymentFilter) ([]deploybot.Deployment, error) {
	return keptRead(ctx, db, deploysOf, deployReadsOf, filterKey(f), cloneDeployments, func() ([]deploybot.Deployment, error) {
		return db.findDeployments(ctx, f)
	})
}

func (db *DB) findDeployments(ctx context.Context, f deploybot.DeploymentFilter) ([]deploybot.Deployment, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	if f.Project != "" {
		add("project = ?", f.Project)
	}
	if f.Env != "" {
		add("env = ?", f.Env)
	}
	if f.Action != "" {
		add("action = ?", string(f.Action))
	}
	if f.Version != "" {
		add("version = ?", f.Version)
	}
	if f.Requester != "" {
		add("requester = ?", f.Requester)
	}
	if f.Channel != "" {
		add("channel = ?", f.Channel)
	}
	if f.Thread != "" || f.MatchThread {
		add("thread = ?", f.Thread)
	}
	if len(f.States) > 0 {
		ph := make([]string, len(f.States))
		for i, s := range f.States {
			ph[i] = "?"
			args = append(args, string(s))
		}
		where = append(where, "state IN ("+strings.Join(ph, ", ")+")")
	}
	q := `SELECT ` + deploymentColumns + ` FROM deployments`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	rows, err := db.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: deployments: %w", err)
	}
	defer rows.Close()
	var out []deploybot.Deployment
	for rows.Next() {
		d, err := scanDeployment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: deployments: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: deployments: %w", err)
	}
	return out, nil
}

// DeploymentEvent is one transition of a deployment.
type DeploymentEvent struct {
	From, To deploybot.DeployState
	Actor    string
	Note     string
	At       time.Time
}

// DeploymentEvents returns the history of deployment id, oldest first.
func (db *DB) DeploymentEvents(ctx context.Context, id int64) ([]DeploymentEvent, error) {
	rows, err := db.q.QueryContext(ctx, `
SELECT from_state, to_state, actor, note, at FROM deployment_events WHERE deployment_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: deployment events %d: %w", id, err)
	}
	defer rows.Close()
	var out []DeploymentEvent
	for rows.Next() {
		var e DeploymentEvent
		var from, to, at string
		if err := rows.Scan(&from, &to, &e.Actor, &e.Note, &at); err != nil {
			return nil, fmt.Errorf("store: deployment events %d: %w", id, err)
		}
		e.From, e.To = deploybot.DeployState(from), deploybot.DeployState(to)
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// TickChecklist records the checklist items ticked on deployment id, which
// must still wait for its requester's confirmation.
func (db *DB) TickChecklist(ctx context.Context, id int64, items []string) error {
	res, err := db.q.ExecContext(ctx, `UPDATE deployments SET ticked = ?, updated_at = updated_at WHERE id = ? AND state = ?`,
		strings.Join(items, ","), id, string(deploybot.StateRequested))
	if err != nil {
		return fmt.Errorf("store: tick checklist of %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return deploybot.Errorf2(deploybot.ECONFLICT, "le déploiement #%d n'attend plus de confirmation", "deployment #%d no longer waits for a confirmation", id)
	}
	return nil
}

// CountDeployments returns how many deployments are in each state.
func (db *DB) CountDeployments(ctx context.Context) (map[deploybot.DeployState]int, error) {
	rows, err := db.q.QueryContext(ctx, `SELECT state, COUNT(*) FROM deployments GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("store: count deployments: %w", err)
	}
	defer rows.Close()
	out := map[deploybot.DeployState]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("store: count deployments: %w", err)
		}
		out[deploybot.DeployState(s)] = n
	}
	return out, rows.Err()
}

// RecordRun records that the executor's run of deployment id has started,
// with its id or URL at the executor (ref, possibly empty), while the run
// goes on: a process that adopts the deployment follows that run.
func (db *DB) RecordRun(ctx context.Context, id int64, ref string) error {
	_, err := db.q.ExecContext(ctx, `
UPDATE deployments SET started = 1, executor_ref = CASE WHEN ? <> '' THEN ? ELSE executor_ref END WHERE id = ?`, ref, ref, id)
	if err != nil {
		return fmt.Errorf("store: record run of %d: %w", id, err)
	}
	return nil
}

// Runs returns the deployments of project in env whose executor's run
// started, whatever their outcome, in the order they started (oldest
// first): the history from which an environment's current version and its
// good and bad versions are told.
func (db *DB) Runs(ctx context.Context, project, env string) ([]deploybot.Deployment, error) {
	return keptRead(ctx, db, deploysOf, deployReadsOf, readKey("runs", project, env), cloneDeployments, func() ([]deploybot.Deployment, error) {
		return db.runs(ctx, project, env)
	})
}

func (db *DB) runs(ctx context.Context, project, env string) ([]deploybot.Deployment, error) {
	rows, err := db.q.QueryContext(ctx, `SELECT `+deploymentColumns+` FROM deployments
WHERE project = ? AND env = ? AND started = 1 ORDER BY started_at, id`, project, env)
	if err != nil {
		return nil, fmt.Errorf("store: runs of %s/%s: %w", project, env, err)
	}
	return scanRuns(rows, project, env)
}

// HistoryRuns returns, of the runs Runs lists for project in env, only
// those that tell the environment's versions (deploy.NewHistory), in the
// same order: the latest run of a version, and for each version its latest
// run that succeeded and its latest run that was rolled back or failed its
// verification or monitoring, the steps of drills aside. The history read
// from them is the one read from every run.
//
// A plan reads its environment's history. Read whole, it grew with every
// deployment: after 2,000 production deployments, a plan scanned 2,000
// rows into as many Deployments, 3 MB of garbage per plan, and in
// BenchmarkApprovalToExecutor the collections it caused ran while an
// approval waited for its executor's start (a trace of its slowest
// iterations, issue 19). The database still reads every run of the
// environment, but only a few rows per version come back: with 2,000 runs
// of two versions, 3-4 ms a call against 22-26 ms for Runs (wall time at
// load 8).
func (db *DB) HistoryRuns(ctx context.Context, project, env string) ([]deploybot.Deployment, error) {
	return keptRead(ctx, db, deploysOf, deployReadsOf, readKey("history", project, env), cloneDeployments, func() ([]deploybot.Deployment, error) {
		return db.historyRuns(ctx, project, env)
	})
}

func (db *DB) historyRuns(ctx context.Context, project, env string) ([]deploybot.Deployment, error) {
	// Each version's latest good run and latest bad run, in the order
	// they started, say what its latest marking run says: one sort of the
	// marking runs, not one per kind of row kept.
	rows, err := db.q.QueryContext(ctx, `
SELECT `+deploymentColumns+` FROM deployments WHERE id IN (
	SELECT id FROM (
		SELECT id, ROW_NUMBER() OVER (PARTITION BY version, mark ORDER BY started_at DESC, id DESC) AS n
		FROM (
			SELECT id, version, started_at, `+runMark+` AS mark
			FROM deployments WHERE project = ? AND env = ? AND started = 1 AND version <> ''
		) AS r
		WHERE mark IS NOT NULL
	) AS marked WHERE n = 1
	UNION
	SELECT id FROM (
		SELECT id FROM deployments WHERE project = ? AND env = ? AND started = 1 AND version <> ''
		ORDER BY started_at DESC, id DESC LIMIT 1
	) AS latest
)
ORDER BY started_at, id`,
		runMarkArgs[0], runMarkArgs[1], runMarkArgs[2], runMarkArgs[3], runMarkArgs[4], project, env, project, env)
	if err != nil {
		return nil, fmt.Errorf("store: history of %s/%s: %w", project, env, err)
	}
	return scanRuns(rows, project, env)
}

// runMark is what a run says of its version (deploy.NewHistory's rules),
// with runMarkArgs as its arguments: 1 for a run that makes it good (it
// succeeded), 2 for one that makes it bad (rolled back, or failed its
// verification or monitoring), NULL for one that marks nothing (a drill's
// step, a run still going on, interrupted, or whose executor failed).
const runMark = `CASE WHEN drill_id <> 0 THEN NULL
	WHEN state = ? THEN 1
	WHEN state = ? OR state = ? AND failure IN (?, ?) THEN 2
END`

var runMarkArgs = [5]any{string(deploybot.StateSucceeded), string(deploybot.StateRolledBack), string(deploybot.StateFailed),
	string(deploybot.FailureVerification), string(deploybot.FailureMonitoring)}

// VersionGood reports whether version is good in project's env, as
// deploy.NewHistory reads it from the runs: its latest run that marks it
// marks it good. It is History.Good of the version's runs, read in one
// value rather than rows: a production plan and its approval ask it of
// staging, and reading that version's runs (32 columns a row, with their
// names) was 7 KB allocated a call and a sixth to a fourth of an
// approval's CPU (profiles of BenchmarkApprovalToExecutor, issue 19).
func (db *DB) VersionGood(ctx context.Context, project, env, version string) (bool, error) {
	var mark int
	err := db.q.QueryRowContext(ctx, `
SELECT COALESCE((SELECT mark FROM (
	SELECT started_at, id, `+runMark+` AS mark
	FROM deployments WHERE project = ? AND env = ? AND started = 1 AND version = ?
) AS r WHERE mark IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1), 0)`,
		runMarkArgs[0], runMarkArgs[1], runMarkArgs[2], runMarkArgs[3], runMarkArgs[4], project, env, version).Scan(&mark)
	if err != nil {
		return false, fmt.Errorf("store: is %s good on %s/%s: %w", version, project, env, err)
	}
	return mark == 1, nil
}

// RunSince returns the id of a deployment of project's env, other than
// id, whose run started after since or that was planned after id, and
// false when none did. It reads one row by the runs' index, the run that
// started last (by its start, then its id): if any run started after
// since, that one did, and a run planned after id started after id was
// planned. An approval asks it (deploy.Service's outrun plan), where
// reading the history (HistoryRuns) tripled its time.
func (db *DB) RunSince(ctx context.Context, project, env string, id int64, since time.Time) (int64, bool, error) {
	var (
		last    int64
		started string
	)
	err := db.q.QueryRowContext(ctx, `SELECT id, started_at FROM deployments WHERE project = ? AND env = ? AND started = 1
ORDER BY started_at DESC, id DESC LIMIT 1`, project, env).Scan(&last, &started)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: latest run of %s/%s: %w", project, env, err)
	}
	if last == id || last < id && started <= formatTime(since) {
		return 0, false, nil
	}
	return last, true, nil
}

func scanRuns(rows *sql.Rows, project, env string) ([]deploybot.Deployment, error) {
	defer rows.Close()
	var out []deploybot.Deployment
	for rows.Next() {
		d, err := scanDeployment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: runs of %s/%s: %w", project, env, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// RecordFirstCommit records at as the time of the earliest commit
// deployment id shipped, unless an earlier one is recorded already (two
// processes that computed its changelog agree on the earliest). It changes
// nothing else, not even updated_at. An unknown id is a *deploybot.Error
// with code ENOTFOUND.
func (db *DB) RecordFirstCommit(ctx context.Context, id int64, at time.Time) error {
	if at.IsZero() {
		return deploybot.Errorf(deploybot.EINVALID, "no commit time to record on deployment #%d", id)
	}
	t := formatTime(at)
	res, err := db.q.ExecContext(ctx, `
UPDATE deployments SET first_commit_at = CASE WHEN first_commit_at IS NULL OR first_commit_at > ? THEN ? ELSE first_commit_at END
WHERE id = ?`, t, t, id)
	if err != nil {
		return fmt.Errorf("store: record first commit of %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: record first commit of %d: %w", id, err)
	} else if n == 0 {
		return deploybot.Errorf(deploybot.ENOTFOUND, "no deployment #%d", id)
	}
	return nil
}

// CommitAt returns when the earliest commit d shipped was made, as
// RecordFirstCommit recorded it: d is a deployment the store returned
// (Runs, Deployment, FindDeployments), which carries it, so no query is
// made. It makes the store a dora.CommitTimes: lead times start at the
// commits where they are known.
func (db *DB) CommitAt(_ context.Context, d deploybot.Deployment) (time.Time, bool, error) {
	return d.FirstCommitAt, !d.FirstCommitAt.IsZero(), nil
}
