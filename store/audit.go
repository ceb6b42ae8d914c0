package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"deploybot"
)

var _ deploybot.AuditLog = (*DB)(nil)

// RecordMessage appends e to the message audit and returns its new id. e.ID
// is ignored; a zero e.At means db.Now(). A message already recorded (the
// same platform and message id: a delivery handled again after a crash) is
// not recorded twice: its first entry's id is returned. e.Command and
// e.Reply, when set, are recorded with it (as RecordReply would).
func (db *DB) RecordMessage(ctx context.Context, e deploybot.AuditEntry) (int64, error) {
	return recordMessage(ctx, db.q, db.now(), e)
}

// MessageCommit is the outcome of QueueMessage: ID is the audit entry's id
// once Wait returned nil.
type MessageCommit struct {
	*Commit
	id int64
}

// ID returns the audit entry's id; valid once Wait returned nil.
func (m *MessageCommit) ID() int64 {
	if m.Err() != nil {
		return 0
	}
	select {
	case <-m.Done():
		return m.id
	default:
		return 0
	}
}

// QueueMessage records e as RecordMessage does (its command and reply
// included), in the group committer's next shared transaction (group.go),
// and returns at once. The entry is committed, and may be announced (a
// reply printed or posted), once the returned commit's Wait returns nil; a
// failure of this entry fails it alone.
func (db *DB) QueueMessage(ctx context.Context, e deploybot.AuditEntry) *MessageCommit {
	m := &MessageCommit{}
	now := db.now()
	// recordMessage writes one statement at most (the INSERT, or the
	// UPDATE of a message recorded before; the lookup writes nothing): a
	// one-statement unit, which needs no SAVEPOINT of its own when it
	// shares a batch (groupUnit.stmt; two fewer calls into SQLite per
	// message in the scripted chat).
	m.Commit = db.group.enqueue(&groupUnit{ctx: ctx, stmt: true, fn: func(ctx context.Context, tx dbtx) error {
		id, err := recordMessage(ctx, tx, now, e)
		m.id = id
		return err
	}})
	return m
}

// QueueAudit is QueueMessage for agents.Orchestrator.AuditQueue: the
// function it returns waits for the commit and gives the entry's id.
func (db *DB) QueueAudit(ctx context.Context, e deploybot.AuditEntry) func(context.Context) (int64, error) {
	m := db.QueueMessage(ctx, e)
	return func(ctx context.Context) (int64, error) {
		if err := m.Wait(ctx); err != nil {
			return 0, err
		}
		return m.ID(), nil
	}
}

// recordMessage is RecordMessage on q: a lookup by message id, then the
// insert (or, for a message recorded before, its reply).
//
// On SQLite a message with an id is first inserted by one statement that
// checks it is new: the lookup and the insert then cost one call, and on
// the pool one transaction, not two. A message recorded before inserts
// nothing and goes on to the lookup. (A separate lookup is a query, with
// its *Rows, and inside the group committer's transaction database/sql
// watches each *Rows with a goroutine. Issue 19, -cpu 1:
// BenchmarkRecordMessage, on the pool, 32 -> 20 allocs/op and user CPU
// 0.57-0.64 s -> 0.47-0.49 s for 20,000 rows; BenchmarkAnswer/HandleQueued
// 146 -> 122 allocs/op, CPU even.)
//
// The check is in the row's values, not in a SELECT: INSERT ... SELECT
// ... WHERE NOT EXISTS (SELECT ... FROM messages) made SQLite materialise
// the one-row SELECT in a temporary table, as it reads the table it
// inserts into, which was half of the insert's cost (a scratch benchmark
// of 30,000 rows queued to the group committer: 17-19 -> 11-14 µs of CPU
// a row). A VALUES row reads nothing until it is inserted: its at is NULL
// when the message is there already, which breaks at's NOT NULL, and OR
// IGNORE then skips the row. The messages table has no other constraint
// that OR IGNORE could skip: its other NOT NULL columns get strings here,
// never NULL, its id is the rowid, and it has no unique index nor CHECK
// (and a foreign key's failure is never ignored).
func recordMessage(ctx context.Context, q dbtx, now time.Time, e deploybot.AuditEntry) (int64, error) {
	if e.At.IsZero() {
		e.At = now
	}
	reply := truncateReply(e.Reply)
	if e.MessageID != "" && q.engine == engineSQLite {
		res, err := q.ExecContext(ctx, `
INSERT OR IGNORE INTO messages (message_id, platform, user_name, user_display, channel, text, route, intent, app, env, version, lang, at, command, reply)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
	CASE WHEN EXISTS (SELECT 1 FROM messages WHERE platform = ? AND message_id = ?) THEN NULL ELSE ? END, ?, ?)`,
			e.MessageID, string(e.Platform), e.User, e.UserName, e.Channel, e.Text, string(e.Route), string(e.Intent),
			e.App, e.Env, e.Version, string(e.Lang), string(e.Platform), e.MessageID, formatTime(e.At), e.Command, reply)
		if err != nil {
			return 0, fmt.Errorf("store: record message %s: %w", e.MessageID, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 1 {
			return res.LastInsertId()
		}
	}
	if e.MessageID != "" {
		var id int64
		err := q.QueryRowContext(ctx, `SELECT id FROM messages WHERE platform = ? AND message_id = ? LIMIT 1`,
			string(e.Platform), e.MessageID).Scan(&id)
		if err == nil {
			if reply != "" { // a full record of a message recorded before: its reply
				if _, err := q.ExecContext(ctx, `UPDATE messages SET command = ?, reply = ? WHERE id = ?`, e.Command, reply, id); err != nil {
					return 0, fmt.Errorf("store: record message %s: %w", e.MessageID, err)
				}
			}
			return id, nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("store: record message %s: %w", e.MessageID, err)
		}
	}
	id, err := q.insertID(ctx, `
INSERT INTO messages (message_id, platform, user_name, user_display, channel, text, route, intent, app, env, version, lang, at, command, reply)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.MessageID, string(e.Platform), e.User, e.UserName, e.Channel, e.Text, string(e.Route), string(e.Intent),
		e.App, e.Env, e.Version, string(e.Lang), formatTime(e.At), e.Command, reply)
	if err != nil {
		return 0, fmt.Errorf("store: record message %s: %w", e.MessageID, err)
	}
	return id, nil
}

// RecentMessages returns the limit most recent audited messages, newest
// first (by At, then by id). A limit of zero or less returns them all.
func (db *DB) RecentMessages(ctx context.Context, limit int) ([]deploybot.AuditEntry, error) {
	q := `
SELECT id, COALESCE(message_id, ''), COALESCE(platform, ''), COALESCE(user_name, ''), user_display, COALESCE(channel, ''),
	COALESCE(text, ''), COALESCE(route, ''), COALESCE(intent, ''), COALESCE(app, ''), COALESCE(env, ''),
	COALESCE(version, ''), COALESCE(lang, ''), at
FROM messages
ORDER BY at DESC, id DESC`
	var args []any
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := db.q.QueryContext(ctx, q, args...)
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
	err := db.inTx(ctx, func(tx dbtx) error {
		if _, err := tx.ExecContext(ctx, `
INSERT INTO model_calls (message, op, model, prompt_tokens, completion_tokens, fallback, at)
VALUES (?, ?, ?, ?, ?, ?, ?)`, u.MessageID, u.Op, u.Model, u.Usage.PromptTokens, u.Usage.CompletionTokens,
			u.Fallback, formatTime(u.At)); err != nil {
			return err
		}
		if u.Op == deploybot.ModelOpAnswer && u.Fallback == "" && u.MessageID > 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET model = ? WHERE id = ?`, u.Model, u.MessageID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: record model use: %w", err)
	}
	return nil
}

// ModelUsage totals the recorded model calls by model and operation.
func (db *DB) ModelUsage(ctx context.Context) ([]deploybot.ModelUsage, error) {
	rows, err := db.q.QueryContext(ctx, `
SELECT model, op, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(CASE WHEN fallback <> '' THEN 1 ELSE 0 END)
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
	if err := db.q.QueryRowContext(ctx, `SELECT model FROM messages WHERE id = ?`, id).Scan(&model); err != nil {
		return "", fmt.Errorf("store: answered by, message %d: %w", id, err)
	}
	return model, nil
}

// MaxReply is how much of a reply the audit keeps, in bytes.
const MaxReply = 2000

// RecordReply records, on message id, the command it was and the reply.
func (db *DB) RecordReply(ctx context.Context, id int64, command, reply string) error {
	if id == 0 {
		return nil
	}
	reply = truncateReply(reply)
	if _, err := db.q.ExecContext(ctx, `UPDATE messages SET command = ?, reply = ? WHERE id = ?`, command, reply, id); err != nil {
		return fmt.Errorf("store: record reply of %d: %w", id, err)
	}
	return nil
}

// truncateReply cuts reply to MaxReply bytes, at a character boundary,
// with a marker.
func truncateReply(reply string) string {
	if len(reply) <= MaxReply {
		return reply
	}
	cut := MaxReply
	for cut > 0 && !utf8.RuneStart(reply[cut]) {
		cut--
	}
	return reply[:cut] + "…"
}

// AuditEvents reads the audit trail, oldest first: messages with what was
// understood (or the command they were) and the reply, setting changes
// with old and new values, deployment transitions, locks and freezes.
func (db *DB) AuditEvents(ctx context.Context, f deploybot.AuditFilter) ([]deploybot.AuditEvent, error) {
	since := formatTime(f.Since)
	want := func(kind string) bool { return len(f.Kinds) == 0 || slices.Contains(f.Kinds, kind) }
	var out []deploybot.AuditEvent
	// With a limit and no person to keep (a filter applied to the rows
	// read), a kind whose rows are read in the order of their time (the
	// stored text of a time sorts as the time does: formatTime) gives at
	// most its last f.Limit rows: the result is the last f.Limit events
	// of every kind sorted stably by time, and each kind's events keep
	// their order in that sort, so that those it has in the result are
	// among its own last f.Limit. They are read newest first, then put
	// back in order. (Issue 19: the chat's "audit" read every lock,
	// setting and freeze ever recorded to show fifteen, 4.5 % of bench's
	// scripted chat, growing with the trail.) A freeze's event is at its
	// creation: its rows are read by that time, then id (the order the
	// stable sort gave the rows read by id), which the index of migration
	// 0019 gives without reading them all (the other kinds' tables have
	// theirs since 0010).
	last := f.Limit > 0 && f.User == ""
	// add reads the events of q, in the order order (a list of columns,
	// ascending, whose first is the events' time).
	add := func(q, order string, args []any, scan func(*sql.Rows) (deploybot.AuditEvent, error)) error {
		from := len(out)
		if last {
			q += " ORDER BY " + strings.ReplaceAll(order, ",", " DESC,") + " DESC LIMIT ?"
			args = append(args, f.Limit)
		} else {
			q += " ORDER BY " + order
		}
		rows, err := db.q.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scan(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		if last {
			slices.Reverse(out[from:])
		}
		return rows.Err()
	}
	userOK := func(actor, name string) bool {
		return f.User == "" || actor == f.User || name == f.User || strings.EqualFold(name, f.User)
	}
	var err error
	if want("message") && f.Key == "" {
		err = add(`SELECT COALESCE(user_name, ''), user_display, COALESCE(app, ''), COALESCE(env, ''), COALESCE(route, ''),
	COALESCE(intent, ''), command, COALESCE(text, ''), reply, at FROM messages WHERE at >= ? AND (? = '' OR app = ?)`, "at, id",
			[]any{since, f.Project, f.Project}, func(r *sql.Rows) (deploybot.AuditEvent, error) {
				e := deploybot.AuditEvent{Kind: "message"}
				var route, intent, command, text, reply, at string
				if err := r.Scan(&e.Actor, &e.Name, &e.Project, &e.Env, &route, &intent, &command, &text, &reply, &at); err != nil {
					return e, err
				}
				if command != "" {
					e.What = "command " + command
				} else {
					e.What = route + " " + intent
				}
				e.Detail = text
				if reply != "" {
					e.Detail += " ⇒ " + reply
				}
				var perr error
				e.At, perr = parseTime(at)
				return e, perr
			})
	}
	if err == nil && want("setting") {
		err = add(`SELECT changed_by, changed_by_name, project, env, scope, key, old_value, new_value, changed_at FROM context_changes
WHERE changed_at >= ? AND (? = '' OR project = ?) AND (? = '' OR key = ?)`, "changed_at, id",
			[]any{since, f.Project, f.Project, f.Key, f.Key}, func(r *sql.Rows) (deploybot.AuditEvent, error) {
				e := deploybot.AuditEvent{Kind: "setting"}
				var scope, key, old, nw, at string
				if err := r.Scan(&e.Actor, &e.Name, &e.Project, &e.Env, &scope, &key, &old, &nw, &at); err != nil {
					return e, err
				}
				switch {
				case nw == "":
					e.What = fmt.Sprintf("reset %s (%s): %s → the file's value", key, scope, orDash(old))
				default:
					e.What = fmt.Sprintf("set %s (%s): %s → %s", key, scope, orDash(old), nw)
				}
				var perr error
				e.At, perr = parseTime(at)
				return e, perr
			})
	}
	if err == nil && want("deployment") && f.Key == "" {
		err = add(`SELECT e.actor, d.project, d.env, d.id, d.action, d.version, e.from_state, e.to_state, e.note, e.at
FROM deployment_events e JOIN deployments d ON d.id = e.deployment_id
WHERE e.at >= ? AND (? = '' OR d.project = ?)`, "e.at, e.id",
			[]any{since, f.Project, f.Project}, func(r *sql.Rows) (deploybot.AuditEvent, error) {
				e := deploybot.AuditEvent{Kind: "deployment"}
				var id int64
				var action, version, from, to, note, at string
				if err := r.Scan(&e.Actor, &e.Project, &e.Env, &id, &action, &version, &from, &to, &note, &at); err != nil {
					return e, err
				}
				if from == "" {
					e.What = fmt.Sprintf("#%d %s %s: %s", id, action, version, to)
				} else {
					e.What = fmt.Sprintf("#%d %s %s: %s → %s", id, action, version, from, to)
				}
				e.Detail = note
				var perr error
				e.At, perr = parseTime(at)
				return e, perr
			})
	}
	if err == nil && want("lock") && f.Key == "" {
		err = add(`SELECT actor, project, env, event, holder, reason, at FROM lock_events WHERE at >= ? AND (? = '' OR project = ?)`, "at, id",
			[]any{since, f.Project, f.Project}, func(r *sql.Rows) (deploybot.AuditEvent, error) {
				e := deploybot.AuditEvent{Kind: "lock"}
				var event, holder, at string
				if err := r.Scan(&e.Actor, &e.Project, &e.Env, &event, &holder, &e.Detail, &at); err != nil {
					return e, err
				}
				e.What = event + " (" + holder + ")"
				var perr error
				e.At, perr = parseTime(at)
				return e, perr
			})
	}
	if err == nil && want("freeze") && f.Key == "" {
		err = add(`SELECT id, created_by, project, env, from_at, to_at, reason, created_at, lifted_by, lifted_at FROM freezes
WHERE (created_at >= ? OR lifted_at >= ?) AND (? = '' OR project = ? OR project = '')`, "created_at, id",
			[]any{since, since, f.Project, f.Project}, func(r *sql.Rows) (deploybot.AuditEvent, error) {
				e := deploybot.AuditEvent{Kind: "freeze"}
				var id int64
				var from, to, created, liftedBy, liftedAt string
				if err := r.Scan(&id, &e.Actor, &e.Project, &e.Env, &from, &to, &e.Detail, &created, &liftedBy, &liftedAt); err != nil {
					return e, err
				}
				e.What = fmt.Sprintf("freeze #%d from %s to %s", id, from[:16], to[:16])
				if liftedBy != "" {
					e.What += ", lifted by " + liftedBy + " at " + liftedAt[:16]
				}
				var perr error
				e.At, perr = parseTime(created)
				return e, perr
			})
	}
	if err == nil && want("erasure") && f.Key == "" && f.Project == "" {
		err = add(`SELECT kind, actor, subject, cutoff, counts, at FROM erasures WHERE at >= ?`, "at, id",
			[]any{since}, func(r *sql.Rows) (deploybot.AuditEvent, error) {
				e := deploybot.AuditEvent{Kind: "erasure"}
				var kind, subject, cutoff, counts, at string
				if err := r.Scan(&kind, &e.Actor, &subject, &cutoff, &counts, &at); err != nil {
					return e, err
				}
				if kind == "forget" {
					e.What = "forgot a person, now " + subject
				} else {
					e.What = "purged message texts before " + cutoff[:10]
				}
				e.Detail = counts
				var perr error
				e.At, perr = parseTime(at)
				return e, perr
			})
	}
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	kept := out[:0]
	for _, e := range out {
		if userOK(e.Actor, e.Name) {
			kept = append(kept, e)
		}
	}
	out = kept
	slices.SortStableFunc(out, func(a, b deploybot.AuditEvent) int { return a.At.Compare(b.At) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[len(out)-f.Limit:]
	}
	return out, nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
