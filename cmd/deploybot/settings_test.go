package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// settingsFixture is trustFixture with an admin, carol; alice and bob
// deploy production, carol and bob approve it.
func settingsFixture(t *testing.T) (dir, record string) {
	t.Helper()
	dir, record = trustFixture(t, "  admins: [carol]")
	cfg, err := os.ReadFile(filepath.Join(dir, "deploybot.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The project's strategy is written in the file.
	cfg = []byte(strings.Replace(string(cfg), "  - name: shop\n", "  - name: shop\n    strategy: blue-green\n", 1))
	if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, record
}

// TestSettingsDecidePlans: what chat sets in the context layers is what
// the next plan and the executor use, with its provenance; only admins
// change what loosens production; reset returns to the file; a file
// change applies where no chat value stands; the interview's answers reach
// the plan.
func TestSettingsDecidePlans(t *testing.T) {
	dir, record := settingsFixture(t)
	out := chat(t, dir, tuesday,
		"[bob] set shop approval to none",
		"[carol] set shop approval to none",
		"[carol] set shop staging strategy to canary",
		"deploy shop v1.0.0 to staging --yes",
		"[carol] set shop staging first to no",
		"deploy shop v1.1.0 to production",
	)
	wantAll(t, out,
		`"approval" can loosen production safety: only the admins may change it (carol)`,
		"⚠️ Production rule changed", "Noted: for project shop, approval = none",
		"strategy:              canary — environment shop/staging, set by carol on 24 Nov",
		"staging first is turned off", "staging first no: project shop, set by carol on 24 Nov",
		"✅ no approval required — approval none: project shop, set by carol on 24 Nov",
		"strategy:              blue-green — project shop, file line 11",
	)
	if got := received(t, record); len(got) != 1 || !strings.HasPrefix(got[0], "deploy shop staging v1.0.0") {
		t.Fatalf("executor runs: %v", got)
	}
	strategy := regexp.MustCompile(`strategy=(\S+)`)
	_ = strategy

	// Reset returns to the file's value: four-eyes from the agency (the
	// default), the file's blue-green.
	out = chat(t, dir, tuesday,
		"[carol] reset approval for shop",
		"[carol] reset strategy for shop staging",
		"deploy shop v1.2.0 to production",
	)
	wantAll(t, out, "Reset: for project shop, approval = four-eyes", "Reset: for shop/staging, strategy = blue-green",
		"🔐 approval by another person (four eyes) — approval four-eyes: built-in practice")

	// A file change applies where no chat value stands: the project's
	// strategy now comes from the new file; staging first stays off (chat).
	cfgPath := filepath.Join(dir, "deploybot.yaml")
	cfg, _ := os.ReadFile(cfgPath)
	os.WriteFile(cfgPath, []byte(strings.Replace(string(cfg), "strategy: blue-green", "strategy: recreate", 1)), 0o644)
	out = chat(t, dir, tuesday, "deploy shop v1.3.0 to production", "show context for shop")
	wantAll(t, out, "strategy:              recreate — project shop, file line 11", "staging first is turned off",
		"staging first:               no  (project shop, set by carol on 24 Nov)")
}

// TestInterviewReachesThePlan: the interview writes the settings the next
// plan reads.
func TestInterviewReachesThePlan(t *testing.T) {
	dir, _ := settingsFixture(t)
	out := chat(t, dir, tuesday,
		"[carol] configure le projet shop",
		// The agency's five questions first: its conventions are not set.
		"[carol] passer", "[carol] passer", "[carol] passer", "[carol] passer", "[carol] passer",
		// The project's: constraints, zero downtime, strategy, extra
		// environments, validations, SLA, approval, staging first.
		"[carol] non", "[carol] non", "[carol] 4", "[carol] non", "[carol] aucune", "[carol] une par semaine",
		"[carol] 1",   // approval: none
		"[carol] non", // staging first: no
		"deploy shop v1.0.0 to production",
	)
	wantAll(t, out, "l'entretien est terminé", "✅ no approval required — approval none: project shop, set by carol",
		"staging first is turned off", "strategy:              canary — project shop, set by carol")
}

// TestExportGivesTheSamePlans: context export writes a configuration that
// config validate accepts and that, on an empty database, gives the same
// plans as the file and the chat values together.
func TestExportGivesTheSamePlans(t *testing.T) {
	dir, _ := settingsFixture(t)
	chat(t, dir, tuesday,
		"[carol] set shop approval to none",
		"[carol] set shop staging strategy to canary",
		"[carol] set shop staging first to no",
		"[carol] set agency recommended windows to Mon-Fri 08:00-20:00",
	)
	r := run(t, dir, "", []string{tuesday}, "context", "export")
	if r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	exported := filepath.Join(dir, "exported.yaml")
	if err := os.WriteFile(exported, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if v := run(t, dir, "", nil, "config", "validate", "--config", exported); v.code != 0 {
		t.Fatalf("the export does not validate:\n%s\n%s", v.stderr, r.stdout)
	}
	requests := []string{
		"deploy shop v2.0.0 to staging",
		"deploy shop v2.0.0 to production",
		"rollback shop production",
		"can I deploy shop now?",
	}
	for _, now := range []string{tuesday, "DEPLOYBOT_NOW=2026-11-23T09:00:00+01:00", friday18} {
		before := plans(t, run(t, dir, strings.Join(requests, "\n"), []string{now}, "chat", "--user", "alice").stdout)
		// The same database's chat values: compare against a fresh one
		// holding nothing, on the exported file.
		after := plans(t, run(t, dir, strings.Join(requests, "\n"), []string{now}, "chat", "--user", "alice", "--config", exported, "--db", filepath.Join(dir, "fresh.db")).stdout)
		if before != after {
			t.Errorf("%s: plans differ\nwith chat values:\n%s\nfrom the export:\n%s", now, before, after)
		}
	}
}

// plans keeps what decides in a transcript: each line without the
// provenance after " — " and without deployment numbers.
func plans(t *testing.T, out string) string {
	t.Helper()
	ids := regexp.MustCompile(`#\d+`)
	var b strings.Builder
	for _, line := range strings.Split(out, "\n") {
		if i := strings.Index(line, " — "); i >= 0 {
			line = line[:i]
		}
		b.WriteString(ids.ReplaceAllString(line, "#N") + "\n")
	}
	return b.String()
}

// TestAuditReadsTheTrail: the audit trail, by command and by chat: setting
// changes with old and new values, deployments, and messages recorded as
// the commands they are ("yes" is a confirmation) with the reply.
func TestAuditReadsTheTrail(t *testing.T) {
	dir, _ := settingsFixture(t)
	out := chat(t, dir, tuesday,
		"[carol] set shop approval to none",
		"deploy shop v1.0.0 to staging",
		"yes",
		"qui a changé l'approbation de shop ?",
		"what changed this week?",
		"who changed the approval setting this week?",
	)
	wantAll(t, out, "Qui a changé approbation de shop", "carol shop — set approval (project): - → none",
		"Changes since 2026-11-17", "#1 deploy v1.0.0: requested → approved", "Who changed approval since 2026-11-17")
	if _, last, _ := strings.Cut(out, "Who changed approval since"); !strings.Contains(last, "carol shop — set approval (project): - → none") {
		t.Errorf("the approval's changes of the week, of every project: want carol's\n%s", out)
	}
	r := run(t, dir, "", []string{tuesday}, "audit", "--project", "shop", "--format", "jsonl")
	if r.code != 0 {
		t.Fatalf("audit: exit %d\n%s", r.code, r.stderr)
	}
	wantAll(t, r.stdout, `"kind":"setting"`, `"what":"set approval (project): - → none"`, `"actor":"carol"`, `"kind":"deployment"`)
	r = run(t, dir, "", []string{tuesday}, "audit", "--format", "jsonl")
	wantAll(t, r.stdout, `"what":"command confirm"`, `"detail":"yes ⇒ Go: deploy shop v1.0.0`)
	r = run(t, dir, "", []string{tuesday}, "audit", "--user", "carol", "--format", "csv")
	if !strings.HasPrefix(r.stdout, "at,kind,actor,name,project,env,what,detail\n") || strings.Contains(r.stdout, ",alice,") {
		t.Errorf("audit --user carol --format csv:\n%s", r.stdout)
	}
	r = run(t, dir, "", []string{tuesday}, "audit", "--since", "2026-12-01")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("audit --since after everything: exit %d\n%s", r.code, r.stdout)
	}
	if r := run(t, dir, "", nil, "audit", "--since", "last tuesday"); r.code != 1 || !strings.Contains(r.stderr, "expected a duration") {
		t.Errorf("audit with a bad --since: exit %d\n%s", r.code, r.stderr)
	}
}

// TestSettingAskedForItsValue: a setting changed without its value
// ("change la stratégie de shop") asks for it, in the writer's language,
// and the next message sets it (a yes or a no for a yes-or-no key, not a
// plan's answer); a value the key refuses is refused, an answer that
// loosens production safety is refused to a non-admin as the whole
// command is, and another command in between is no value.
func TestSettingAskedForItsValue(t *testing.T) {
	dir, _ := settingsFixture(t)
	out := chat(t, dir, tuesday,
		"[carol] change la stratégie de shop",
		"[carol] aucune idée, je demande à Julie",
		"[carol] le canary",
		"[carol] set the approval for shop",
		"[carol] sometimes",
		"[carol] set the approval for shop",
		"[carol] status",
		"[carol] none",
		"[bob] set the approval for shop",
		"[bob] none",
		"[carol] set the staging first for shop",
		"[carol] non",
		"show context for shop",
	)
	wantAll(t, out,
		"Quelle valeur de stratégie pour le projet shop ? recreate, rolling, blue-green, canary",
		"C'est noté : pour le projet shop, stratégie = canary", "jusqu'à « reset strategy for shop ».",
		"Which value of approval for project shop?",
		"choose one of",
		"canary  (project shop, set by carol on 24 Nov)",
		`❌ "approval" can loosen production safety: only the admins may change it (carol)`,
		"Which value of staging first for project shop? yes or no",
		"staging first:               no  (project shop, set by carol on 24 Nov)",
	)
	if strings.Contains(out, "approval = none") {
		t.Errorf("'none' after a status set the approval:\n%s", out)
	}
}

// TestStrategyNotChangedAfterAQuestion: "no, recreate" changes the
// strategy just set only right after it; after a question in between it
// changes nothing (session 19's new user, on the example configuration:
// "set api to canary", "is web on canary?", "no, recreate" set api's
// strategy to recreate).
func TestStrategyNotChangedAfterAQuestion(t *testing.T) {
	say := exampleChat(t)
	out := say("set api to canary", "is web on canary?", "no, recreate")
	wantAll(t, out, "strategy = canary")
	if strings.Contains(out, "strategy = recreate") {
		t.Fatalf("a strategy named after a question changed the setting:\n%s", out)
	}
	wantAll(t, say("set api to canary", "no, rolling"), "strategy = rolling")
}

// TestReasonQuestionTakenBack: a lock or a freeze taken back when the bot
// asks for its reason ("don't lock it", "cancel") drops the question, so
// that the next message is no reason (session 20's second attack: "don't
// lock it", then "it was a false alarm" locked web production; "cancel",
// then "the api is down" locked it before this session too).
func TestReasonQuestionTakenBack(t *testing.T) {
	say := exampleChat(t)
	for _, lines := range [][]string{
		{"lock web production", "don't lock it", "it was a false alarm", "status web"},
		{"lock web production", "cancel", "the api is down", "status web"},
		{"freeze web prod", "don't freeze it", "false alarm", "status web"},
	} {
		if out := say(lines...); strings.Contains(out, "locked by alice") || strings.Contains(out, "🧊 Freeze #") {
			t.Errorf("%q: a reason's question taken back still locked or froze:\n%s", lines, out)
		}
	}
	wantAll(t, say("lock web production", "incident in progress", "status web"), "locked by alice — incident in progress")
}

// exampleChat returns a function that runs a scripted chat of its lines,
// each in a new database, on the example configuration (a Tuesday at
// 10:00), and returns what it printed.
func exampleChat(t *testing.T) func(lines ...string) string {
	t.Helper()
	example, err := filepath.Abs(filepath.Join("..", "..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	say := func(lines ...string) string {
		t.Helper()
		r := run(t, t.TempDir(), strings.Join(lines, "\n"), []string{tuesday}, "chat", "--user", "alice", "--config", example)
		if r.code != 0 {
			t.Fatalf("chat exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		return r.stdout
	}
	return say
}
