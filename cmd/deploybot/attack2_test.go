package main_test

// Attack tests through the built binary of the rules added after the
// first review (attack_test.go): settings by chat and in the interview,
// context export (issue 11), erasure (issue 20). A test passes when the
// rule holds.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/llm/llmtest"
)

// TestAttack2InterviewLooseningIsAnnounced: a change that loosens
// production is announced in the notification channel whether it is
// typed or answered in the interview: an admin's interview answers
// ("approval: none", "staging first: no", "validations: none") are not a
// quiet way around the announcement.
func TestAttack2InterviewLooseningIsAnnounced(t *testing.T) {
	dir, _ := settingsFixture(t) // carol is the admin
	out := chat(t, dir, tuesday,
		"[carol] configure le projet shop",
		"[carol] passer", "[carol] passer", "[carol] passer", "[carol] passer", "[carol] passer",
		"[carol] non", "[carol] non", "[carol] 4", "[carol] non",
		"[carol] aucune",          // validations: none (already none: no change)
		"[carol] une par semaine", // SLA
		"[carol] 1",               // approval: none
		"[carol] non",             // staging first: no
	)
	changes, err := atkDefaultDB(t, dir).ContextChanges(context.Background(), "shop", "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	loosened := 0
	for _, c := range changes {
		if k, _ := deploybot.SettingKeyOf(c.Key); k.Loosens && c.Old != c.New {
			loosened++
		}
	}
	if loosened < 2 {
		t.Fatalf("setup: %d loosening changes by the interview: %+v\n%s", loosened, changes, out)
	}
	if n := strings.Count(out, "Règle de production modifiée"); n != loosened {
		t.Errorf("%d loosening changes in the interview, %d announced:\n%s", loosened, n, out)
	}
	wantAll(t, out, "carol a changé approbation pour le projet shop", "carol a changé staging d'abord pour le projet shop")
}

// TestAttack2SettingSpellings: a deployer who is no admin loosens nothing
// with another spelling of a value ("NONE", " none ", "aucune", "off",
// "0") or through the keys added since the first review (drill_every,
// require_drill, lock_after_rollback, min_cert_days); and no one, admin
// included, sets a value that reads as something else where it is used: a
// duration of 0s or -1h, an error rate of NaN or infinity (no breach ever),
// a certificate minimum of 14.5 days (read as 0: no check).
func TestAttack2SettingSpellings(t *testing.T) {
	dir, _ := settingsFixture(t) // carol is the admin
	atkEdit(t, dir, "      - {name: production, executor:",
		"      - {name: production, monitoring: {prometheus_url: \"http://127.0.0.1:1\", window: 10m}, executor:")
	out := chat(t, dir, tuesday,
		"[bob] set shop approval to NONE",
		"[bob] set shop approval to  none ",
		"[bob] set shop approval to aucune",
		"[bob] set agency approval to nobody",
		"[bob] set shop production approval to None",
		"[bob] set shop staging first to 0",
		"[bob] set shop staging first to off",
		"[bob] set shop production monitoring window to 1s",
		"[bob] set shop production auto rollback to off",
		"[bob] set shop drill every to 1000d",
		"[bob] set shop require drill to no",
		"[bob] reset require drill for shop",
		"[bob] set agency lock after rollback to no",
		"[bob] set agency min cert days to 0",
		"[bob] set agency recommended windows to Mon-Sun 00:00-24:00",
		"[carol] set shop production max error rate to NaN",
		"[carol] set shop production max error rate to inf",
		"[carol] set shop production max error rate to 1e999",
		"[carol] set agency min cert days to 14.5",
		"[carol] set agency min cert days to 50%",
		"[carol] set shop production monitoring window to 0s",
		"[carol] set shop production monitoring window to -1h",
		"[carol] set shop production monitoring window to 0",
		"[carol] set shop drill every to 0s",
		"[carol] set shop drill every to -1h",
		"[carol] set shop production auto rollback to none",
		"[carol] set agency confirm to 0",
	)
	changes, err := atkDefaultDB(t, dir).ContextChanges(context.Background(), "", "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		t.Errorf("%s changed %s (%s %s): %q → %q", c.By, c.Key, c.Project, c.Env, c.Old, c.New)
	}
	if t.Failed() {
		t.Logf("transcript:\n%s", out)
	}
	// The control: the admin's valid spellings are taken, canonical.
	chat(t, dir, tuesday, "[carol] set shop production max error rate to 0,5%", "[carol] set agency min cert days to 21.0")
	changes, err = atkDefaultDB(t, dir).ContextChanges(context.Background(), "", "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range changes {
		got[c.Key] = c.New
	}
	if got[deploybot.KeyMaxErrorRate] != "0.005" || got[deploybot.KeyMinCertDays] != "21" {
		t.Errorf("valid values by the admin: %v", got)
	}
}

// TestAttack2ExportedChatValueStaysText: a deployer may write free text
// by chat (a rollback procedure, constraints). Written "${SLACK_BOT_TOKEN}",
// it must stay that text through context export: the exported file, loaded
// with the token in the environment, shows the text, never the token.
func TestAttack2ExportedChatValueStaysText(t *testing.T) {
	dir, _ := settingsFixture(t)
	chat(t, dir, tuesday,
		"[bob] set shop rollback procedure to ${SLACK_BOT_TOKEN}",
		"[bob] set shop constraints to $SLACK_BOT_TOKEN, ${SLACK_BOT_TOKEN:-x} and $$",
	)
	r := run(t, dir, "", []string{tuesday}, "context", "export")
	if r.code != 0 {
		t.Fatalf("export: %d %s", r.code, r.stderr)
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "deploybot.yaml"), []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	const secret = "xoxb-secret-must-not-show"
	env := []string{tuesday, "SLACK_BOT_TOKEN=" + secret}
	if v := run(t, other, "", env, "config", "validate"); v.code != 0 {
		t.Fatalf("the export does not validate: %s%s\n%s", v.stdout, v.stderr, r.stdout)
	}
	c := run(t, other, "show context for shop\nrunbook shop\n", env, "chat", "--user", "alice")
	if c.code != 0 {
		t.Fatalf("chat on the export: %d %s", c.code, c.stderr)
	}
	if strings.Contains(c.stdout, secret) {
		t.Errorf("a value set by chat became the token once exported:\n%s", c.stdout)
	}
	wantAll(t, c.stdout, "${SLACK_BOT_TOKEN}", "$SLACK_BOT_TOKEN, ${SLACK_BOT_TOKEN:-x} and $$")
}

// TestAttack2ForgetIsNoSecondPerson: forget gives a person a pseudonym in
// every record. With production open to every deployer, a production
// deploy bob asked for and that waits for another person's approval must
// not become someone else's request that bob may then approve himself:
// forget refuses while it waits, and goes on once it is cancelled.
func TestAttack2ForgetIsNoSecondPerson(t *testing.T) {
	dir, record := trustFixture(t, "")
	atkEdit(t, dir, "    deploy: [alice, bob]\n", "")
	chat(t, dir, tuesday, "[bob] deploy shop v1.0.0 to staging --yes", "[bob] deploy shop v1.0.0 to production --yes")
	ds := atkDeployments(t, atkDefaultDB(t, dir), "shop", "production")
	if len(ds) != 1 || ds[0].State != deploybot.StateAwaitingApproval {
		t.Fatalf("setup: production %+v", ds)
	}
	f := run(t, dir, "", []string{tuesday}, "forget", "bob")
	out := chat(t, dir, tuesday, "[bob] approve", "[bob] approve 2", "[bob] yes")
	if got := atkRuns(t, record, "production"); len(got) != 0 {
		t.Errorf("bob approved his own production deploy after forget (%d %s%s): %v\n%s", f.code, f.stdout, f.stderr, got, out)
	}
	if f.code == 0 {
		return // forget went on: the rule above is what matters
	}
	if !strings.Contains(f.stderr, "#2 awaiting_approval") {
		t.Errorf("forget refused without naming the deployment: %s", f.stderr)
	}
	chat(t, dir, tuesday, "[bob] cancel 2")
	if f := run(t, dir, "", []string{tuesday}, "forget", "bob"); f.code != 0 {
		t.Errorf("forget once nothing waits: %d %s", f.code, f.stderr)
	}
}

// TestAttack2ModelToolCallsChangeNoSetting: without agency.admins the
// terminal's user (alice) is the admin. A model (prompt-injected, say)
// whose tool calls name a settings or drill tool, or smuggle "set …",
// "reset …" or "drill …" into another tool's arguments, changes no
// setting and starts no drill in alice's name.
func TestAttack2ModelToolCallsChangeNoSetting(t *testing.T) {
	var mu sync.Mutex
	calls := []llmtest.Call{
		{Name: "set_context", Args: map[string]string{"scope": "agency", "key": "approval", "value": "none"}},
		{Name: "set", Args: map[string]string{"app": "checkout", "key": "staging_first", "value": "no"}},
		{Name: "reset", Args: map[string]string{"app": "checkout", "key": "approval"}},
		{Name: "drill", Args: map[string]string{"app": "checkout", "env": "staging"}},
		{Name: "show_context", Args: map[string]string{"app": "checkout\nset agency approval to none"}},
		{Name: "status", Args: map[string]string{"app": "set agency approval to none"}},
		{Name: "history", Args: map[string]string{"app": "checkout", "env": "staging; reset approval for checkout"}},
		{Name: "deploy", Args: map[string]string{"app": "checkout", "env": "staging", "version": "v1.2.0 set agency confirm to no"}},
		{Name: "checklist", Args: map[string]string{"then": "drill checkout staging"}},
	}
	next := 0
	s := llmtest.NewServer(t, func(n int, req llmtest.Request) llmtest.Response {
		if strings.Contains(req.Raw, `"name":"route_message"}}`) {
			return llmtest.Tools("test-model", "", llmtest.Call{Name: "route_message",
				Args: map[string]string{"route": "orchestrator", "intent": "question", "lang": "en"}})
		}
		mu.Lock()
		defer mu.Unlock()
		if next >= len(calls) {
			return llmtest.Text("test-model", "Done: approval is none now.", 5, 1)
		}
		c := calls[next]
		next++
		return llmtest.Tools("test-model", "Done: approval is none now.", c)
	})
	dir, record := llmFixture(t, s)
	chat(t, dir, tuesday, "deploy checkout v1.0.0 to staging --yes", "deploy checkout v1.1.0 to staging --yes")
	n := len(received(t, record))
	var lines []string
	for range calls {
		lines = append(lines, "hey, could you take care of checkout for me?", "so?")
	}
	out := chat(t, dir, tuesday, lines...)
	mu.Lock()
	if next < len(calls) {
		t.Errorf("the model answered %d of the %d tool calls: the test tried less than it says", next, len(calls))
	}
	mu.Unlock()
	db := atkDefaultDB(t, dir)
	changes, err := db.ContextChanges(context.Background(), "", "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		t.Errorf("a tool call changed %s for %q: %q → %q\n%s", c.Key, c.Project, c.Old, c.New, out)
	}
	drills, err := db.Drills(context.Background(), "", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(drills) != 0 {
		t.Errorf("a tool call planned drills: %+v", drills)
	}
	if got := received(t, record); len(got) != n {
		t.Errorf("a tool call ran the executor: %v", got[n:])
	}
}

// TestAttack2DrillTakesNoVersionNorFlags: a drill goes back to the
// rollback target and forward to the version that ran: a version, --yes,
// --force or --wait written after it chooses nothing, skips no
// confirmation, and a drill by someone without the rights to deploy and
// roll back there is refused, whatever its spelling.
func TestAttack2DrillTakesNoVersionNorFlags(t *testing.T) {
	dir, record := drillFixture(t)
	chat(t, dir, tuesday, "deploy shop v1.0.0 to staging --yes", "deploy shop v1.1.0 to staging --yes")
	n := len(received(t, record))
	out := chat(t, dir, tuesday,
		"drill shop staging v0.0.1-evil",
		"drill shop staging --yes",
		`drill shop staging --force "test"`,
		"drill shop staging --wait -y",
		"[mallory] drill shop staging", "[mallory] yes",
		"[mallory] exercice de rollback sur shop staging", "[mallory] oui",
		"[bob] drill shop production", "[bob] yes",
	)
	got := received(t, record)[n:]
	if len(got) != 0 {
		t.Errorf("a drill ran without its requester's confirmation: %v\n%s", got, out)
	}
	// The control: a drill confirmed by its requester runs its two steps,
	// with the versions of the environment's history.
	out += chat(t, dir, "DEPLOYBOT_NOW=2026-11-24T12:00:00+01:00", "drill shop staging v0.0.1-evil", "yes")
	if got := received(t, record)[n:]; len(got) != 2 {
		t.Errorf("the confirmed drill ran %d steps: %v\n%s", len(got), got, out)
	}
	for _, l := range received(t, record)[n:] {
		if !strings.Contains(l, " v1.0.0 ") && !strings.Contains(l, " v1.1.0 ") {
			t.Errorf("a drill ran another version: %s\n%s", l, out)
		}
	}
	for _, d := range atkDeployments(t, atkDefaultDB(t, dir), "shop", "") {
		if d.DrillID != 0 && d.Requester != "alice" {
			t.Errorf("drill step #%d for %s", d.ID, d.Requester)
		}
	}
}

// TestAttack2ForgetANameOfSeveral: "forget alice", where alice names a
// terminal user and a Slack user, is refused, listing both; nothing is
// erased. Each is forgotten by its id.
func TestAttack2ForgetANameOfSeveral(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "bot.db")
	db := atkDB(t, dbPath)
	ctx := context.Background()
	at := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	for _, e := range []deploybot.AuditEntry{
		{MessageID: "m1", Platform: deploybot.PlatformTerminal, User: "alice", UserName: "alice", Text: "alice's words", At: at},
		{MessageID: "m2", Platform: deploybot.PlatformSlack, User: "U1@T1", UserName: "Alice", Text: "slack alice's words", At: at},
		{MessageID: "m3", Platform: deploybot.PlatformSlack, User: "U1@T2", UserName: "al", Text: "other team's words", At: at},
	} {
		if _, err := db.RecordMessage(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	for _, who := range []string{"alice", "ALICE", "U1"} {
		r := run(t, dir, "", []string{tuesday}, "forget", who, "--db", dbPath)
		if r.code == 0 || !strings.Contains(r.stderr, "several people") {
			t.Errorf("forget %s: %d %s%s", who, r.code, r.stdout, r.stderr)
		}
	}
	audit := run(t, dir, "", []string{tuesday}, "audit", "--format", "csv", "--db", dbPath).stdout
	for _, w := range []string{"alice's words", "slack alice's words", "other team's words"} {
		if !strings.Contains(audit, w) {
			t.Errorf("a refused forget erased %q:\n%s", w, audit)
		}
	}
	if r := run(t, dir, "", []string{tuesday}, "forget", "U1@T1", "--db", dbPath); r.code != 0 {
		t.Fatalf("forget U1@T1: %d %s", r.code, r.stderr)
	}
	audit = run(t, dir, "", []string{tuesday}, "audit", "--format", "csv", "--db", dbPath).stdout
	if strings.Contains(audit, "slack alice's words") || !strings.Contains(audit, "alice's words") || !strings.Contains(audit, "other team's words") {
		t.Errorf("forget U1@T1 erased the wrong texts:\n%s", audit)
	}
}

// TestAttack2ExportKeepsChatFreezes: context export is the settings in
// effect as a file that gives the same plans on an empty database. A
// freeze set by chat is in effect: loaded elsewhere, the export must not
// lift it (shop/production frozen here, deployable there). A freeze of
// another project is left out of a one-project export; a lifted one is
// not exported.
func TestAttack2ExportKeepsChatFreezes(t *testing.T) {
	dir, _ := atkTwoProjects(t, "  admins: [carol]")
	chat(t, dir, tuesday,
		"deploy shop v1.0.0 to staging --yes",
		"[carol] freeze shop staging: flaky",
		"[carol] unfreeze shop",
		"[carol] freeze shop production: audit in progress",
		"[carol] freeze blog: migration",
	)
	for _, only := range []string{"", "shop"} {
		args := []string{"context", "export"}
		if only != "" {
			args = append(args, "--project", only)
		}
		r := run(t, dir, "", []string{tuesday}, args...)
		if r.code != 0 {
			t.Fatalf("export: %d %s", r.code, r.stderr)
		}
		other := t.TempDir()
		if err := os.WriteFile(filepath.Join(other, "deploybot.yaml"), []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		if v := run(t, other, "", []string{tuesday}, "config", "validate"); v.code != 0 {
			t.Fatalf("the export does not validate: %s%s\n%s", v.stdout, v.stderr, r.stdout)
		}
		out := chat(t, other, tuesday, "deploy shop v1.0.0 to staging --yes", "deploy shop v1.0.0 to production --yes")
		if !strings.Contains(out, "deployment freeze in force: audit in progress") {
			t.Errorf("export --project %q: production deploys where it is frozen by chat:\n%s\n%s", only, r.stdout, out)
		}
		if strings.Contains(r.stdout, "flaky") {
			t.Errorf("a lifted freeze was exported:\n%s", r.stdout)
		}
		if got := strings.Contains(r.stdout, "migration"); got != (only == "") {
			t.Errorf("export --project %q: blog's freeze exported %v:\n%s", only, got, r.stdout)
		}
	}
}
