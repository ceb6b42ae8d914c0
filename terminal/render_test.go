package terminal_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deploybot"
	"deploybot/terminal"
)

var update = flag.Bool("update", false, "rewrite the golden files of terminal renderings")

// golden compares got with testdata/name.golden (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./terminal -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// Replies as the agents and the deploy service write them.
var (
	planEn = deploybot.Reply{Lang: deploybot.English, Title: "Deploy shop v1.2.0 → production (#2)",
		Text: "Promotion: version v1.2.0, which runs on staging.\n*Rules*:\n✅ recommended window — windows: built-in practice\n" +
			"🔐 approval by another person (four eyes)\n\n*Checklist*:\n✅ Staging OK\n☐ All tests pass\n_(☐ items are attested by your confirmation)_\n\n" +
			"Confirm? Answer \"yes\" within 2 minutes (or \"no\").",
		Fields: []deploybot.Field{{Label: "project", Value: "shop"}, {Label: "current version", Value: "v1.1.0"},
			{Label: "strategy", Value: "*rolling* — built-in practice"}},
		Actions: []deploybot.Button{{ID: "deploy_confirm", Label: "Confirm", Value: "2", Style: "primary"}, {ID: "deploy_cancel", Label: "Cancel", Value: "2"}}}
	planFr = deploybot.Reply{Lang: deploybot.French, Title: "Déploiement shop v1.2.0 → staging (#1)",
		Text:   "*Règles* :\n✅ aucune règle ne s'applique à cet environnement\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).",
		Fields: []deploybot.Field{{Label: "projet", Value: "shop"}, {Label: "environnement", Value: "staging"}, {Label: "version actuelle", Value: "aucune connue"}},
		Actions: []deploybot.Button{{ID: "deploy_tick", Label: "Tout cocher", Value: "1 all"},
			{ID: "deploy_confirm", Label: "Confirmer", Value: "1"}, {ID: "deploy_cancel", Label: "Annuler", Value: "1"}}}
	overview = deploybot.Reply{Lang: deploybot.English, Title: "The 4 deployment strategies at a glance",
		Text: "```\nStrategy     Complexity  Risk\nRecreate     low         high\nCanary       high        very low\n```\n\nHere: strategy *rolling* (agency convention).",
		Note: "See also: Choosing a deployment strategy · *Canary* strategy"}
	runbook = deploybot.Reply{Lang: deploybot.English,
		Text: "# Rollback runbook: shop (production)\n\n## How\n\n- deploybot goes through the environment's executor: `shell ./deploy.sh`, with `DEPLOY_ACTION=rollback`.\n" +
			"- Strategy **rolling** (built-in practice): the rollback redeploys the previous version.\n- No written procedure (projects[].rollback_procedure): document it.\n\n" +
			"## Who\n\n  - nested item\n1. first\nSee <https://runbooks.example.com/shop|the wiki> or [the docs](https://docs.example.com/rollback) and <https://status.example.com>.",
		Note: "The same runbook: \"runbook shop\"; to drill it: \"drill shop\"."}
	marks = deploybot.Reply{Lang: deploybot.English, Text: "5 * 3 = 15, files *.yaml, rollback_procedure, DEPLOY_VERSION, a*b*c\n" +
		"_(Interview in progress)_ What is *the* _strategy_ of ~old~ *api*? *bold*: *a* *b*\n" +
		"`*not bold*` and `a_b_c` stay as written\nan unmatched ` backtick *is* fine"}
	notUnderstood = deploybot.Reply{Lang: deploybot.French, Text: "Je ne suis pas sûr de comprendre.",
		Actions: []deploybot.Button{{ID: "suggest_command", Label: "aide", Value: "aide"}, {ID: "suggest_command", Label: "status", Value: "status"},
			{ID: "suggest_command", Label: "je peux déployer maintenant ?", Value: "je peux déployer maintenant ?"}}}
	failed = deploybot.Reply{Lang: deploybot.English, Title: "❌ Deployment shop v1.3.0 (#4)",
		Fields:  []deploybot.Field{{Label: "Status", Value: "Failed ❌"}},
		Note:    "smoke tests failed: /healthz 500",
		Actions: []deploybot.Button{{ID: "deploy_rollback", Label: "Roll back", Value: "4 shop production", Style: "danger"}, {ID: "deploy_approve", Label: "Approve", Value: "4"}, {ID: "unknown", Label: "Mystery"}}}
)

// TestRenderGolden renders replies of every shape for a terminal, plain
// (a pipe, a file) and with ANSI attributes (a TTY): no Slack markup
// shows raw, buttons are the words to type.
func TestRenderGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    deploybot.Reply
	}{
		{"plan_en", planEn}, {"plan_fr", planFr}, {"code_block", overview}, {"runbook_markdown", runbook},
		{"marks", marks}, {"not_understood_fr", notUnderstood}, {"failed_card", failed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := terminal.Render(tc.r)
			golden(t, tc.name, plain)
			golden(t, tc.name+"_ansi", terminal.Style{ANSI: true}.Render(tc.r))
			for _, raw := range []string{"```", "*Rules*", "**", "[Confirm]", "<https", "_(", "\x1b"} {
				if strings.Contains(plain, raw) {
					t.Errorf("plain rendering shows %q:\n%s", raw, plain)
				}
			}
		})
	}
}

// card returns a deployment's card in state.
func card(state string) deploybot.Reply {
	return deploybot.Reply{Lang: deploybot.English, Title: "🚀 Deployment shop v1.2.0 (#1)",
		Text: "*Changes*:\n- feat: new profile page",
		Fields: []deploybot.Field{{Label: "Status", Value: state}, {Label: "Environment", Value: "staging"},
			{Label: "Owner", Value: "@alice"}}}
}

// TestDeploymentPrintedOncePerState posts a deployment's card and updates
// it as its state changes, through the chat's poster: the card is printed
// once, then one line per state change; an update that changes nothing
// prints nothing.
func TestDeploymentPrintedOncePerState(t *testing.T) {
	h := &handler{}
	c := &terminal.Chat{Handler: h, User: "alice"}
	var out bytes.Buffer
	ctx := context.Background()
	p := c.Poster()
	// RunScript owns the output while it runs: post from the handler.
	h.onMessage = func() {
		ref, err := p.Post(ctx, "terminal", "", card("In progress"))
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []string{"In progress (verifying)", "In progress (verifying)", "Done ✅"} {
			if err := p.Update(ctx, ref, card(st)); err != nil {
				t.Fatal(err)
			}
		}
		failedCard := card("Failed ❌")
		failedCard.Note = "smoke tests failed"
		failedCard.Actions = failed.Actions[:1]
		if err := p.Update(ctx, ref, failedCard); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.RunScript(ctx, strings.NewReader("deploy shop v1.2.0 to staging --yes\n"), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	golden(t, "deployment_updates", got)
	if n := strings.Count(got, "🚀 Deployment shop v1.2.0 (#1)"); n != 4 {
		t.Errorf("the deployment's title printed %d times, want 4 (the card, then one line per state change):\n%s", n, got)
	}
	if n := strings.Count(got, "feat: new profile page"); n != 1 {
		t.Errorf("the card's body printed %d times, want once:\n%s", n, got)
	}
	if strings.Contains(got, "post-1") {
		t.Errorf("a reference shows:\n%s", got)
	}

	// The stand-alone poster (serve without Slack) prints the same way.
	var posted bytes.Buffer
	tp := terminal.NewPoster(&posted)
	ref, _ := tp.Post(ctx, "#deploys", "", card("In progress"))
	_ = tp.Update(ctx, ref, card("In progress"))
	_ = tp.Update(ctx, ref, card("Done ✅"))
	golden(t, "poster_updates", posted.String())
}
