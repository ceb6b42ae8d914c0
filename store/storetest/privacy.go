package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

// testPurgeTexts: the retention purges what people wrote and the bot's
// replies before the cutoff, keeps who, when, what command and every
// decision, empties old done inbox entries, and audits itself.
func testPurgeTexts(t *testing.T, h *H) {
	ctx := context.Background()
	db, _ := h.Open(t)
	for i, age := range []time.Duration{500 * 24 * time.Hour, 450 * 24 * time.Hour, 10 * 24 * time.Hour} {
		id, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: fmt.Sprint("m", i), User: "U1@T1", UserName: "alice",
			App: "shop", Env: "production", Text: fmt.Sprint("deploy shop please ", i), At: T0.Add(-age)})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.RecordReply(ctx, id, "deploy", "planned"); err != nil {
			t.Fatal(err)
		}
	}
	old := store.InboxEntry{Key: "old", Kind: "message", Payload: []byte(`{"user":"U1","text":"hi"}`), ReceivedAt: T0.Add(-500 * 24 * time.Hour),
		ExpiresAt: T0.Add(-499 * 24 * time.Hour), Holder: holderN(1), ClaimExpiresAt: T0}
	waiting := old
	waiting.Key = "waiting"
	for _, e := range []store.InboxEntry{old, waiting} {
		if _, err := db.AddInbox(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ReplyInbox(ctx, "old", 1, []byte(`[]`)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FinishInbox(ctx, "old", 1, "1.1", old.ReceivedAt); err != nil {
		t.Fatal(err)
	}
	id, _ := db.CreateDeployment(ctx, newDeployment("shop", "production", "v1"))

	cutoff := T0.Add(-400 * 24 * time.Hour)
	counts, err := db.PurgeTexts(ctx, cutoff, "deploybot", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(counts); got != "[{messages 2} {inbox 1}]" {
		t.Errorf("counts = %s", got)
	}
	msgs, _ := db.RecentMessages(ctx, 0)
	var texts []string
	for _, m := range msgs {
		texts = append(texts, m.Text)
		if m.User != "U1@T1" || m.UserName != "alice" || m.App != "shop" {
			t.Errorf("a purge changed who or what: %+v", m)
		}
	}
	if want := "[deploy shop please 2 [purged] [purged]]"; fmt.Sprint(texts) != want {
		t.Errorf("texts = %v, want %s", texts, want)
	}
	if e, _, _ := db.InboxEntryOf(ctx, "old"); e.Payload != nil || e.Reply != nil || e.State != store.InboxDone {
		t.Errorf("old done entry = %+v", e)
	}
	if e, _, _ := db.InboxEntryOf(ctx, "waiting"); string(e.Payload) != string(old.Payload) {
		t.Errorf("an entry still to handle lost its payload: %+v", e)
	}
	if d, err := db.Deployment(ctx, id); err != nil || d.Requester != "alice" {
		t.Errorf("a decision changed: %+v %v", d, err)
	}
	// Again, by the daily run of another replica: nothing to do, nothing
	// recorded; by hand: recorded even when nothing changed.
	if counts, _ := db.PurgeTexts(ctx, cutoff, "deploybot", false); fmt.Sprint(counts) != "[{messages 0} {inbox 0}]" {
		t.Errorf("second purge = %v", counts)
	}
	if _, err := db.PurgeTexts(ctx, cutoff, "U9@T1", true); err != nil {
		t.Fatal(err)
	}
	es, err := db.Erasures(ctx, time.Time{})
	if err != nil || len(es) != 2 || es[0].Kind != "purge" || es[0].Counts != "messages=2 inbox=1" || !es[0].Cutoff.Equal(cutoff) ||
		es[1].Actor != "U9@T1" {
		t.Errorf("erasures = %+v, %v", es, err)
	}
	evs, _ := db.AuditEvents(ctx, deploybot.AuditFilter{Kinds: []string{"erasure"}})
	if len(evs) != 2 || !strings.HasPrefix(evs[0].What, "purged message texts before ") {
		t.Errorf("audit = %+v", evs)
	}
}

// testForget: a person's texts become a marker and their ids and names a
// stable pseudonym everywhere, others' records stay, the decisions stay
// under the pseudonym, and the erasure is audited. On SQLite the old text
// is gone from the files too.
func testForget(t *testing.T, h *H) {
	ctx := context.Background()
	db, loc := h.Open(t)
	const alice, bob, other = "U1@T1", "U2@T1", "U7@T1"
	secret := fmt.Sprintf("the-launch-code-is-%d", time.Now().UnixNano())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mid, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", User: alice, UserName: "alice", Text: "deploy shop " + secret})
	must(err)
	must(db.RecordReply(ctx, mid, "deploy", "ok alice, "+secret))
	bobMsg, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m2", User: bob, UserName: "bob", Text: "approve 1"})
	must(err)
	// Others name her: in a reply to bob, and in the reply to bob's
	// event that waits to be posted (Slack throttles).
	must(db.RecordReply(ctx, bobMsg, "approve", "Approved: requested by alice (<@U1>), malice aside"))
	_, err = db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m3", User: other, UserName: "Alice", Text: "hello"})
	must(err)
	d := newDeployment("shop", "production", "v1")
	d.Requester, d.Reasons = alice, []string{"lock forced by " + alice + ": test"}
	id, err := db.CreateDeployment(ctx, d)
	must(err)
	d, _ = db.Deployment(ctx, id)
	d.Approver = bob
	must(db.MoveDeployment(ctx, &d, deploybot.StateAwaitingApproval, alice, "asked by "+alice))
	_, _, err = db.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeProject, Project: "shop", Key: "approval", Value: "none", SetBy: alice, SetByName: "alice"})
	must(err)
	_, err = db.AcquireLock(ctx, deploybot.Lock{Project: "shop", Env: "staging", Holder: alice, Reason: "maintenance"}, 0)
	must(err)
	_, err = db.AddFreeze(ctx, deploybot.Freeze{Project: "shop", From: T0, To: T0.Add(time.Hour), CreatedBy: alice})
	must(err)
	payload, _ := json.Marshal(map[string]any{"kind": "message", "user": "U1", "team": "T1", "text": secret})
	done := store.InboxEntry{Key: "done", Payload: payload, ReceivedAt: T0, ExpiresAt: T0.Add(time.Hour), Holder: holderN(1), ClaimExpiresAt: T0.Add(time.Minute)}
	waiting := done
	waiting.Key = "waiting"
	for _, e := range []store.InboxEntry{done, waiting} {
		_, err := db.AddInbox(ctx, e)
		must(err)
	}
	_, err = db.FinishInbox(ctx, "done", 1, "1.1", T0)
	must(err)
	bobPayload, _ := json.Marshal(map[string]any{"kind": "message", "user": "U2", "team": "T1", "text": "approve 1"})
	bobs := done
	bobs.Key, bobs.Payload = "bobs", bobPayload
	_, err = db.AddInbox(ctx, bobs)
	must(err)
	bobReply, _ := json.Marshal([]map[string]any{{"op": "ephemeral", "channel": "C1", "user": "U2", "text": "Approved: requested by alice"}})
	_, err = db.ReplyInbox(ctx, "bobs", 1, bobReply)
	must(err)

	// Who "alice" may be: two people have had that name.
	people, err := db.People(ctx, "alice")
	must(err)
	if len(people) != 2 || people[0].Actor != alice || people[1].Actor != other {
		t.Fatalf("People(alice) = %+v, want %s and %s", people, alice, other)
	}
	for _, who := range []string{alice, "U1"} {
		if ps, _ := db.People(ctx, who); len(ps) != 1 || ps[0].Actor != alice || fmt.Sprint(ps[0].Names) != "[alice]" {
			t.Errorf("People(%s) = %+v", who, ps)
		}
	}
	if ps, _ := db.People(ctx, "nobody"); len(ps) != 0 {
		t.Errorf("People(nobody) = %+v", ps)
	}

	if h.Engine.Name == "sqlite" {
		// The secret in the database file itself, not only in its WAL.
		h.Exec(t, loc, `PRAGMA wal_checkpoint(TRUNCATE)`)
		if b, _ := os.ReadFile(loc); !bytes.Contains(b, []byte(secret)) {
			t.Fatal("the test's secret is not in the database file before forget")
		}
	}
	res, err := db.Forget(ctx, people[0], "U9@T1")
	must(err)
	if !strings.HasPrefix(res.Pseudonym, "person-") || len(res.Pseudonym) != len("person-")+10 {
		t.Errorf("pseudonym %q", res.Pseudonym)
	}
	counts := map[string]int64{}
	for _, c := range res.Counts {
		counts[c.Table] = c.Rows
	}
	for table, want := range map[string]int64{"messages": 1, "deployments": 1, "deployment_events": 2, "settings": 1,
		"context_changes": 1, "locks": 1, "lock_events": 1, "freezes": 1, "inbox": 2,
		"messages (mentions)": 1, "inbox (mentions)": 1, "deployments (mentions)": 0} {
		if counts[table] != want {
			t.Errorf("%s: %d rows changed, want %d (%v)", table, counts[table], want, res.Counts)
		}
	}
	p := res.Pseudonym
	msgs, _ := db.RecentMessages(ctx, 0)
	for _, m := range msgs {
		switch m.MessageID {
		case "m1":
			if m.Text != store.ErasedText || m.User != p || m.UserName != p {
				t.Errorf("alice's message = %+v", m)
			}
		case "m2", "m3":
			if m.Text == store.ErasedText || m.User == p {
				t.Errorf("someone else's message changed: %+v", m)
			}
			var reply string
			if err := Raw(t, loc).QueryRow(`SELECT reply FROM messages WHERE message_id = 'm2'`).Scan(&reply); err != nil {
				t.Fatal(err)
			}
			if want := "Approved: requested by " + p + " (<@" + p + ">), malice aside"; m.MessageID == "m2" && reply != want {
				t.Errorf("bob's reply naming alice = %q, want %q", reply, want)
			}
		}
	}
	d, _ = db.Deployment(ctx, id)
	if d.Requester != p || d.Approver != bob || d.State != deploybot.StateAwaitingApproval || strings.Contains(strings.Join(d.Reasons, " "), alice) {
		t.Errorf("deployment = requester %q approver %q state %s reasons %q", d.Requester, d.Approver, d.State, d.Reasons)
	}
	evs, _ := db.DeploymentEvents(ctx, id)
	for _, e := range evs {
		if e.Actor == alice || strings.Contains(e.Note, alice) {
			t.Errorf("event still names alice: %+v", e)
		}
	}
	if vals, _ := db.SettingValues(ctx); len(vals) != 1 || vals[0].SetBy != p || vals[0].SetByName != p {
		t.Errorf("setting = %+v", vals)
	}
	if locks, _ := db.Locks(ctx, ""); len(locks) != 1 || locks[0].Holder != p {
		t.Errorf("locks = %+v", locks)
	}
	if e, _, _ := db.InboxEntryOf(ctx, "done"); e.Payload != nil {
		t.Errorf("done entry kept its payload: %s", e.Payload)
	}
	if e, _, _ := db.InboxEntryOf(ctx, "waiting"); bytes.Contains(e.Payload, []byte(secret)) || !bytes.Contains(e.Payload, []byte(`"user":"U1"`)) {
		t.Errorf("waiting entry = %s", e.Payload)
	}
	if e, _, _ := db.InboxEntryOf(ctx, "bobs"); !bytes.Contains(e.Reply, []byte("requested by "+p)) || bytes.Contains(e.Reply, []byte("alice")) ||
		!bytes.Contains(e.Reply, []byte(`"user":"U2"`)) || !bytes.Contains(e.Payload, []byte(`"user":"U2"`)) {
		t.Errorf("bob's waiting reply = %s (payload %s)", e.Reply, e.Payload)
	}
	// Stable: the same actor gets the same pseudonym; the pseudonym is
	// found again; the erasure is audited without the name.
	if again, _ := db.Pseudonym(ctx, alice); again != p {
		t.Errorf("pseudonym changed: %s then %s", p, again)
	}
	if ps, _ := db.People(ctx, p); len(ps) != 1 {
		t.Errorf("People(pseudonym) = %+v", ps)
	}
	if ps, _ := db.People(ctx, alice); len(ps) != 0 {
		t.Errorf("alice is still known: %+v", ps)
	}
	es, _ := db.Erasures(ctx, time.Time{})
	if len(es) != 1 || es[0].Kind != "forget" || es[0].Subject != p || es[0].Actor != "U9@T1" || strings.Contains(es[0].Counts, "alice") {
		t.Errorf("erasures = %+v", es)
	}
	if !res.Scrubbed {
		t.Error("the old values may remain in the files")
	}
	// The bytes of the database files no longer hold the secret.
	if h.Engine.Name == "sqlite" {
		_ = db.Close()
		for _, f := range []string{loc, loc + "-wal"} {
			b, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s still holds the erased text", f)
			}
		}
	}
}
