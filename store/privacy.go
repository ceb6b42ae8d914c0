package store

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// The markers that replace people's words.
const (
	PurgedText = "[purged]" // older than the retention (audit.retention, audit purge)
	ErasedText = "[erased]" // its writer was forgotten (forget)
)

// execCount runs a change and returns how many rows it changed.
func execCount(ctx context.Context, tx dbtx, query string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// formatCounts writes counts as "table=n table=n".
func formatCounts(counts []TableCount) string {
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%s=%d", c.Table, c.Rows)
	}
	return strings.Join(parts, " ")
}

func recordErasure(ctx context.Context, tx dbtx, kind, actor, subject, cutoff string, counts []TableCount, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO erasures (kind, actor, subject, cutoff, counts, at) VALUES (?, ?, ?, ?, ?, ?)`,
		kind, actor, subject, cutoff, formatCounts(counts), formatTime(at))
	return err
}

// PurgeTexts replaces with PurgedText what people wrote and what the bot
// answered in the messages recorded before cutoff, and empties the
// payload and reply of the done inbox entries received before it (kept
// only as seen keys). Who wrote each message, when, what command it was
// and what it was about stay, and so does every decision: deployments and
// their history, approvals, locks, freezes, setting changes. The purge is
// recorded in the audit (kind purge, by actor) when it changed something,
// or always when always is set (a purge asked by hand); several replicas
// running the daily purge record it once. It returns the rows changed per
// table.
func (db *DB) PurgeTexts(ctx context.Context, cutoff time.Time, actor string, always bool) ([]TableCount, error) {
	c := formatTime(cutoff)
	var counts []TableCount
	err := db.inTx(ctx, func(tx dbtx) error {
		if err := tx.serialize(ctx, "purge"); err != nil {
			return err
		}
		msgs, err := execCount(ctx, tx, `
UPDATE messages SET text = ?, reply = CASE WHEN reply = '' THEN '' ELSE ? END
WHERE at < ? AND (COALESCE(text, '') NOT IN ('', ?, ?) OR reply NOT IN ('', ?, ?))`,
			PurgedText, PurgedText, c, PurgedText, ErasedText, PurgedText, ErasedText)
		if err != nil {
			return err
		}
		inbox, err := execCount(ctx, tx, `
UPDATE inbox SET payload = NULL, reply = NULL WHERE state = 'done' AND received_at < ? AND (payload IS NOT NULL OR reply IS NOT NULL)`, c)
		if err != nil {
			return err
		}
		counts = []TableCount{{"messages", msgs}, {"inbox", inbox}}
		if !always && msgs+inbox == 0 {
			return nil
		}
		return recordErasure(ctx, tx, "purge", actor, "", c, counts, db.now())
	})
	if err != nil {
		return nil, fmt.Errorf("store: purge texts before %s: %w", c, err)
	}
	return counts, nil
}

// Person is someone the store knows: an actor (a Slack user id at its
// team, or a terminal name) and the names recorded with it.
type Person struct {
	Actor string
	Names []string
}

// actorColumns are the columns that hold an actor, by table.
var actorColumns = []struct {
	table string
	cols  []string
}{
	{"messages", []string{"user_name"}},
	{"deployments", []string{"requester", "approver"}},
	{"deployment_events", []string{"actor"}},
	{"settings", []string{"set_by"}},
	{"context_changes", []string{"changed_by"}},
	{"locks", []string{"holder"}},
	{"lock_events", []string{"actor", "holder"}},
	{"freezes", []string{"created_by", "lifted_by"}},
	{"reminders", []string{"created_by", "deleted_by"}},
	{"drills", []string{"requester"}},
	{"interviews", []string{"user_name"}},
	{"erasures", []string{"actor"}},
}

// nameColumns pair a column of names with the actor column of its row.
var nameColumns = []struct{ table, actor, name string }{
	{"messages", "user_name", "user_display"},
	{"settings", "set_by", "set_by_name"},
	{"context_changes", "changed_by", "changed_by_name"},
}

// People returns the people who may be meant by who: the actor who is;
// on Slack, the actors of the user id who (at any team); and the actors
// recorded with the name who (any case). Several people mean that who is
// ambiguous.
func (db *DB) People(ctx context.Context, who string) ([]Person, error) {
	who = strings.TrimSpace(who)
	if who == "" {
		return nil, errors.New("store: people: no one named")
	}
	var selects []string
	for _, t := range actorColumns {
		for _, c := range t.cols {
			selects = append(selects, `SELECT `+c+` AS a FROM `+t.table)
		}
	}
	actors := map[string]bool{}
	add := func(q string, args ...any) error {
		rows, err := db.q.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a sql.NullString
			if err := rows.Scan(&a); err != nil {
				return err
			}
			if a.Valid && a.String != "" {
				actors[a.String] = true
			}
		}
		return rows.Err()
	}
	err := add(`SELECT DISTINCT a FROM (`+strings.Join(selects, " UNION ")+`) x
WHERE a = ? OR substr(a, 1, length(?) + 1) = ? || '@'`, who, who, who)
	for _, n := range nameColumns {
		if err == nil {
			err = add(`SELECT DISTINCT `+n.actor+` FROM `+n.table+` WHERE LOWER(`+n.name+`) = LOWER(?)`, who)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: people named %q: %w", who, err)
	}
	var out []Person
	for a := range actors {
		p := Person{Actor: a}
		names := map[string]bool{}
		for _, n := range nameColumns {
			rows, err := db.q.QueryContext(ctx, `SELECT DISTINCT `+n.name+` FROM `+n.table+` WHERE `+n.actor+` = ? AND `+n.name+` <> ''`, a)
			if err != nil {
				return nil, fmt.Errorf("store: names of %s: %w", a, err)
			}
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err == nil {
					names[s] = true
				}
			}
			rows.Close()
		}
		for s := range names {
			p.Names = append(p.Names, s)
		}
		sort.Strings(p.Names)
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Actor < out[j].Actor })
	return out, nil
}

// secret returns the value kept under name, creating it (32 random bytes)
// the first time.
func (db *DB) secret(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	if _, err := db.q.ExecContext(ctx, `INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, fresh); err != nil {
		return nil, err
	}
	var v []byte
	err := db.q.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
	return v, err
}

// Pseudonym returns the name forget gives actor: "person-" and ten hex
// digits of a keyed hash (HMAC-SHA256 with a random key kept in the
// database), the same every time for the same actor, and telling nothing
// of it without the key.
func (db *DB) Pseudonym(ctx context.Context, actor string) (string, error) {
	key, err := db.secret(ctx, "pseudonym_key")
	if err != nil {
		return "", fmt.Errorf("store: pseudonym: %w", err)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(actor))
	return "person-" + hex.EncodeToString(m.Sum(nil))[:10], nil
}

// ForgetResult is what Forget did.
type ForgetResult struct {
	Pseudonym string
	Counts    []TableCount // rows changed per table
	// Scrubbed says the old texts are gone from the database's files too
	// (SQLite: secure_delete and a truncating WAL checkpoint; PostgreSQL:
	// VACUUM FULL of the tables changed). False when the checkpoint could
	// not complete (a reader held the WAL): forget again once serve is
	// stopped, or wait for the next checkpoint.
	Scrubbed bool
}

// Forget erases person p: the texts of their messages (and the bot's
// replies to them) become ErasedText; their actor and names become a
// pseudonym everywhere — messages, deployments and their history,
// approvals, settings and their changes, locks, freezes, reminders,
// drills, interviews; the inbox entries they sent lose their payload and
// reply (done entries) or their texts (entries still to handle). The
// records decisions need stay, under the pseudonym. Then the old values
// are removed from the database files (see ForgetResult.Scrubbed). The
// erasure is recorded (kind forget, by actor, subject the pseudonym).
//
// Inbox payloads are read as JSON objects that name their sender's
// platform id in "user" (and its team in "team"), as the Slack adapter's
// do.
func (db *DB) Forget(ctx context.Context, p Person, actor string) (ForgetResult, error) {
	var res ForgetResult
	pseudo, err := db.Pseudonym(ctx, p.Actor)
	if err != nil {
		return res, err
	}
	res.Pseudonym = pseudo
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	if db.engine == engineSQLite {
		// What the updates overwrite or free is zeroed, not left in free
		// space of the file's pages.
		if _, err := conn.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
			return res, fmt.Errorf("store: forget: %w", err)
		}
		defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA secure_delete = OFF`) }()
	}
	a := p.Actor
	err = inTxOn(ctx, conn, db.engine, func(tx dbtx) error {
		res.Counts = nil
		if err := tx.serialize(ctx, "forget"); err != nil {
			return err
		}
		count := func(table, query string, args ...any) error {
			n, err := execCount(ctx, tx, query, args...)
			if err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
			for i := range res.Counts {
				if res.Counts[i].Table == table {
					res.Counts[i].Rows += n
					return nil
				}
			}
			res.Counts = append(res.Counts, TableCount{table, n})
			return nil
		}
		// In free texts an actor is replaced only when it cannot be part
		// of another word: a Slack actor, "U0123@T0456".
		note := func(col string) string {
			if strings.Contains(a, "@") {
				return `REPLACE(` + col + `, ?, ?)`
			}
			return col
		}
		noteArgs := func() []any {
			if strings.Contains(a, "@") {
				return []any{a, pseudo}
			}
			return nil
		}
		steps := []struct {
			table, query string
			args         []any
		}{
			{"messages", `UPDATE messages SET text = ?, reply = CASE WHEN reply = '' THEN '' ELSE ? END, user_name = ?, user_display = ?
WHERE user_name = ?`, []any{ErasedText, ErasedText, pseudo, pseudo, a}},
			{"deployments", `UPDATE deployments SET requester = CASE WHEN requester = ? THEN ? ELSE requester END,
	approver = CASE WHEN approver = ? THEN ? ELSE approver END, reasons = ` + note("reasons") + `
WHERE requester = ? OR approver = ?` + likeClause("reasons", a), concat([]any{a, pseudo, a, pseudo}, noteArgs(), []any{a, a}, likeArgs(a))},
			{"deployment_events", `UPDATE deployment_events SET actor = CASE WHEN actor = ? THEN ? ELSE actor END, note = ` + note("note") + `
WHERE actor = ?` + likeClause("note", a), concat([]any{a, pseudo}, noteArgs(), []any{a}, likeArgs(a))},
			{"settings", `UPDATE settings SET set_by = ?, set_by_name = ? WHERE set_by = ?`, []any{pseudo, pseudo, a}},
			{"context_changes", `UPDATE context_changes SET changed_by = ?, changed_by_name = ? WHERE changed_by = ?`, []any{pseudo, pseudo, a}},
			{"locks", `UPDATE locks SET holder = ? WHERE holder = ?`, []any{pseudo, a}},
			{"lock_events", `UPDATE lock_events SET actor = CASE WHEN actor = ? THEN ? ELSE actor END,
	holder = CASE WHEN holder = ? THEN ? ELSE holder END WHERE actor = ? OR holder = ?`, []any{a, pseudo, a, pseudo, a, a}},
			{"freezes", `UPDATE freezes SET created_by = CASE WHEN created_by = ? THEN ? ELSE created_by END,
	lifted_by = CASE WHEN lifted_by = ? THEN ? ELSE lifted_by END WHERE created_by = ? OR lifted_by = ?`, []any{a, pseudo, a, pseudo, a, a}},
			{"reminders", `UPDATE reminders SET created_by = CASE WHEN created_by = ? THEN ? ELSE created_by END,
	deleted_by = CASE WHEN deleted_by = ? THEN ? ELSE deleted_by END WHERE created_by = ? OR deleted_by = ?`, []any{a, pseudo, a, pseudo, a, a}},
			{"drills", `UPDATE drills SET requester = ? WHERE requester = ?`, []any{pseudo, a}},
			{"interviews", `UPDATE interviews SET user_name = ? WHERE user_name = ?`, []any{pseudo, a}},
		}
		for _, s := range steps {
			if err := count(s.table, s.query, s.args...); err != nil {
				return err
			}
		}
		n, err := forgetInbox(ctx, tx, a, pseudo)
		if err != nil {
			return fmt.Errorf("inbox: %w", err)
		}
		res.Counts = append(res.Counts, TableCount{"inbox", n})
		named, err := forgetMentions(ctx, tx, mentionWords(p), pseudo)
		if err != nil {
			return err
		}
		res.Counts = append(res.Counts, named...)
		return recordErasure(ctx, tx, "forget", actor, pseudo, "", res.Counts, db.now())
	})
	db.written()
	if err != nil {
		return res, fmt.Errorf("store: forget: %w", err)
	}
	res.Scrubbed, err = db.scrub(ctx, conn)
	if err != nil {
		return res, fmt.Errorf("store: forget: remove the old values from the files: %w", err)
	}
	return res, nil
}

// mentionTexts are the free texts where others may name a person: what
// people wrote and the bot answered, reasons and notes, reminders, and the
// inbox's payloads and stored replies (blob: bytes, JSON).
var mentionTexts = []struct {
	table, col string
	blob       bool
}{
	{"messages", "text", false}, {"messages", "reply", false},
	{"deployments", "reason", false}, {"deployments", "reasons", false},
	{"deployment_events", "note", false},
	{"locks", "reason", false}, {"lock_events", "reason", false},
	{"freezes", "reason", false}, {"reminders", "message", false},
	{"drills", "note", false},
	{"inbox", "payload", true}, {"inbox", "reply", true},
}

// mentionWords are the words that name p in a text: their names, their
// actor, and on Slack their user id (as in a mention, <@U024BE7LH>).
func mentionWords(p Person) []string {
	words := append([]string{p.Actor}, p.Names...)
	if user, _, ok := strings.Cut(p.Actor, "@"); ok {
		words = append(words, user)
	}
	var out []string
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	// Longest first, so that "U1@T1" is replaced whole before "U1".
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// mentionPattern matches one of words as a whole word: not inside a longer
// run of letters, digits or underscores. Case counts: a name is replaced
// as the person wrote it.
func mentionPattern(words []string) *regexp.Regexp {
	alts := make([]string, len(words))
	for i, w := range words {
		alts[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(^|[^\p{L}\p{N}_])(` + strings.Join(alts, "|") + `)([^\p{L}\p{N}_]|$)`)
}

// replaceMentions replaces each whole-word match of re in s by pseudo.
func replaceMentions(re *regexp.Regexp, s, pseudo string) string {
	for { // adjacent mentions share the character between them: again until none
		next := re.ReplaceAllString(s, "${1}"+pseudo+"${3}")
		if next == s {
			return s
		}
		s = next
	}
}

// forgetMentions replaces, in every free text where others may have named
// the person (mentionTexts), each of words by pseudo, and returns the rows
// changed per table, as "TABLE (mentions)". Another person who had the
// same name is replaced in those texts too: erasure errs on the side of
// the person forgotten.
func forgetMentions(ctx context.Context, tx dbtx, words []string, pseudo string) ([]TableCount, error) {
	if len(words) == 0 {
		return nil, nil
	}
	re := mentionPattern(words)
	changed := map[string]map[string]bool{} // table -> rows changed
	for _, mt := range mentionTexts {
		key := tableKey(mt.table)
		if len(key) == 0 {
			return nil, fmt.Errorf("forget: no key known for table %s", mt.table)
		}
		cols := strings.Join(key, ", ")
		// Texts are narrowed by LIKE first (the pattern decides); the
		// inbox's blobs are read whole (PostgreSQL has no LIKE on bytea),
		// and the inbox keeps days, not years.
		where, args := mt.col+` IS NOT NULL`, []any(nil)
		if !mt.blob {
			likes := make([]string, len(words))
			for i, w := range words {
				likes[i] = mt.col + ` LIKE ? ESCAPE '\'`
				args = append(args, "%"+likeEscaper.Replace(w)+"%")
			}
			where += ` AND (` + strings.Join(likes, " OR ") + `)`
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+cols+`, `+mt.col+` FROM `+mt.table+` WHERE `+where, args...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", mt.table, err)
		}
		type change struct {
			key []any
			val string
		}
		var changes []change
		for rows.Next() {
			keys := make([]any, len(key))
			ptrs := make([]any, len(key)+1)
			for i := range keys {
				ptrs[i] = &keys[i]
			}
			var val []byte
			ptrs[len(key)] = &val
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, fmt.Errorf("%s: %w", mt.table, err)
			}
			next := string(val)
			if mt.blob {
				next = replaceJSONMentions(re, val, pseudo)
			} else {
				next = replaceMentions(re, next, pseudo)
			}
			if next != string(val) {
				changes = append(changes, change{keys, next})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", mt.table, err)
		}
		byKey := make([]string, len(key))
		for i, k := range key {
			byKey[i] = k + " = ?"
		}
		for _, c := range changes {
			var v any = c.val
			if mt.blob {
				v = []byte(c.val)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE `+mt.table+` SET `+mt.col+` = ? WHERE `+strings.Join(byKey, " AND "),
				append([]any{v}, c.key...)...); err != nil {
				return nil, fmt.Errorf("%s: %w", mt.table, err)
			}
		}
		if changed[mt.table] == nil {
			changed[mt.table] = map[string]bool{}
		}
		for _, c := range changes {
			changed[mt.table][fmt.Sprint(c.key...)] = true
		}
	}
	var out []TableCount
	for _, mt := range mentionTexts {
		if label := mt.table + " (mentions)"; !slices.ContainsFunc(out, func(c TableCount) bool { return c.Table == label }) {
			out = append(out, TableCount{label, int64(len(changed[mt.table]))})
		}
	}
	return out, nil
}

// idKeys are the members of the inbox's JSON that address Slack (who
// sent, where to answer): kept as they are, so that an entry still to
// handle is answered.
var idKeys = map[string]bool{"user": true, "team": true, "channel": true, "ts": true, "thread": true,
	"thread_ts": true, "url": true, "op": true, "response_url": true, "trigger_id": true}

// replaceJSONMentions replaces the mentions in the string values of the
// JSON b, but in those of idKeys; b that is not JSON is replaced as text.
func replaceJSONMentions(re *regexp.Regexp, b []byte, pseudo string) string {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return replaceMentions(re, string(b), pseudo)
	}
	changed := false
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case string:
			if y := replaceMentions(re, x, pseudo); y != x {
				changed = true
				return y
			}
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		case map[string]any:
			for k, e := range x {
				if !idKeys[k] {
					x[k] = walk(e)
				}
			}
		}
		return v
	}
	v = walk(v)
	if !changed {
		return string(b)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return replaceMentions(re, string(b), pseudo)
	}
	return strings.TrimSuffix(out.String(), "\n")
}

// tableKey returns the primary key columns of the table named.
func tableKey(name string) []string {
	for _, t := range tables {
		if t.name == name {
			return t.key
		}
	}
	return nil
}

// likeClause widens an UPDATE's WHERE to the rows whose free text col
// names a Slack actor a.
func likeClause(col, a string) string {
	if !strings.Contains(a, "@") {
		return ""
	}
	return ` OR ` + col + ` LIKE ?`
}

func likeArgs(a string) []any {
	if !strings.Contains(a, "@") {
		return nil
	}
	return []any{"%" + likeEscaper.Replace(a) + "%"}
}

// likeEscaper escapes a text for LIKE ... ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func concat(lists ...[]any) []any {
	var out []any
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// forgetInbox erases the inbox entries actor a sent: a done entry loses
// its payload and reply; one still to be handled keeps its sender's ids
// (it is answered) but loses its texts.
func forgetInbox(ctx context.Context, tx dbtx, a, pseudo string) (int64, error) {
	user, team, _ := strings.Cut(a, "@")
	rows, err := tx.QueryContext(ctx, `SELECT key, state, payload FROM inbox WHERE payload IS NOT NULL`)
	if err != nil {
		return 0, err
	}
	type hit struct {
		key, state string
		payload    map[string]any
	}
	var hits []hit
	for rows.Next() {
		var key, state string
		var payload []byte
		if err := rows.Scan(&key, &state, &payload); err != nil {
			rows.Close()
			return 0, err
		}
		var m map[string]any
		if json.Unmarshal(payload, &m) != nil {
			continue
		}
		if u, _ := m["user"].(string); u != user {
			continue
		}
		if t, ok := m["team"].(string); ok && t != "" && team != "" && t != team {
			continue
		}
		hits = append(hits, hit{key, state, m})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var n int64
	for _, h := range hits {
		if h.state == string(InboxDone) {
			if _, err := tx.ExecContext(ctx, `UPDATE inbox SET payload = NULL, reply = NULL WHERE key = ?`, h.key); err != nil {
				return n, err
			}
			n++
			continue
		}
		for _, k := range []string{"text", "typed", "msg_text"} {
			if _, ok := h.payload[k]; ok {
				h.payload[k] = ErasedText
			}
		}
		b, err := json.Marshal(h.payload)
		if err != nil {
			return n, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE inbox SET payload = ? WHERE key = ?`, b, h.key); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// scrubbed lists the tables whose old row versions a PostgreSQL scrub
// rewrites: those that hold people's words or names.
var scrubbed = []string{"messages", "inbox", "deployments", "deployment_events", "settings", "context_changes",
	"locks", "lock_events", "freezes", "reminders", "drills", "interviews"}

// scrub removes from the database's files the values that changes left
// behind: on SQLite the WAL is checkpointed into the database (whose freed
// space secure_delete zeroed) and truncated; on PostgreSQL the tables are
// rewritten (VACUUM FULL), so that their files hold no dead row. It
// reports false when SQLite could not complete the checkpoint (a reader
// still uses the WAL).
func (db *DB) scrub(ctx context.Context, conn *sql.Conn) (bool, error) {
	if db.engine == enginePostgres {
		for _, t := range scrubbed {
			if _, err := conn.ExecContext(ctx, `VACUUM (FULL) `+t); err != nil {
				return false, err
			}
		}
		return true, nil
	}
	var busy, logged, checkpointed int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &checkpointed); err != nil {
		return false, err
	}
	return busy == 0, nil
}

// Erasures returns the recorded purges and erasures since since, oldest
// first.
func (db *DB) Erasures(ctx context.Context, since time.Time) ([]Erasure, error) {
	rows, err := db.q.QueryContext(ctx, `SELECT id, kind, actor, subject, cutoff, counts, at FROM erasures WHERE at >= ? ORDER BY at, id`,
		formatTime(since))
	if err != nil {
		return nil, fmt.Errorf("store: erasures: %w", err)
	}
	defer rows.Close()
	var out []Erasure
	for rows.Next() {
		var e Erasure
		var cutoff, at string
		if err := rows.Scan(&e.ID, &e.Kind, &e.Actor, &e.Subject, &cutoff, &e.Counts, &at); err != nil {
			return nil, fmt.Errorf("store: erasures: %w", err)
		}
		if cutoff != "" {
			if e.Cutoff, err = parseTime(cutoff); err != nil {
				return nil, err
			}
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Erasure is one recorded purge or erasure.
type Erasure struct {
	ID      int64
	Kind    string // purge or forget
	Actor   string // who asked ("deploybot" for the daily retention)
	Subject string // forget: the pseudonym given
	Cutoff  time.Time
	Counts  string // "table=n ..."
	At      time.Time
}
