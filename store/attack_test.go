package store_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"deploybot"
	"deploybot/store"
)

// TestAttackForgetLeavesNoTrace: after forget, the person's Slack id and
// words are nowhere in the database file: not in their messages, not in
// the bot's replies to other people that named them ("approved by
// U1@T1"), not in a deployment's record. Another person's words stay.
func TestAttackForgetLeavesNoTrace(t *testing.T) {
	db, path := open(t)
	ctx := context.Background()
	const alice, bob = "U1A11CE@T1", "U2B0B@T1"
	for _, e := range []deploybot.AuditEntry{
		{MessageID: "m1", Platform: deploybot.PlatformSlack, User: alice, UserName: "Alice", Text: "deploy shop, my phone is 0612345678",
			Command: "deploy", Reply: "Deploy shop v1 → production (#1), asked by " + alice},
		{MessageID: "m2", Platform: deploybot.PlatformSlack, User: bob, UserName: "Bob", Text: "approve 1",
			Command: "approve", Reply: "Go: deploy shop v1 → production (#1) started, asked by " + alice + ", approved by " + bob},
		{MessageID: "m3", Platform: deploybot.PlatformSlack, User: bob, UserName: "Bob", Text: "history shop",
			Command: "history", Reply: "#1: deploy shop v1 → production: succeeded (" + alice + ")"},
	} {
		if _, err := db.RecordMessage(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	d := deploybot.Deployment{Project: "shop", Env: "production", Version: "v1", Action: deploybot.ActionDeploy, Requester: alice,
		Approver: bob, State: deploybot.StateRequested, Reasons: []string{"asked by " + alice}}
	if _, err := db.CreateDeployment(ctx, d); err != nil {
		t.Fatal(err)
	}
	people, err := db.People(ctx, alice)
	if err != nil || len(people) != 1 {
		t.Fatalf("people: %v %v", people, err)
	}
	if _, err := db.Forget(ctx, people[0], "cli"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{alice, "0612345678"} {
		if i := bytes.Index(raw, []byte(w)); i >= 0 {
			t.Errorf("%q is still in the database file: …%q…", w, raw[max(0, i-60):min(len(raw), i+60)])
		}
	}
	for _, w := range []string{bob, "history shop"} {
		if !bytes.Contains(raw, []byte(w)) {
			t.Errorf("forget erased %q, someone else's", w)
		}
	}
	_ = store.ErasedText
}
