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
	"testing"
	"time"

	"deploybot"
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
