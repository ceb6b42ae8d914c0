package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// deployFixture writes a configuration whose executor is a shell script
// that records what it received, and returns the directory and the record
// file.
func deployFixture(t *testing.T) (dir, record string) {
	t.Helper()
	dir = t.TempDir()
	record = filepath.Join(dir, "received.log")
	script := filepath.Join(dir, "deploy.sh")
	if err := os.WriteFile(script, []byte(`#!/bin/sh
echo "$DEPLOY_ACTION $DEPLOY_PROJECT $DEPLOY_ENV $DEPLOY_VERSION prev=$DEPLOY_PREVIOUS_VERSION by=$DEPLOY_REQUESTER secret=$OPENAI_API_KEY" >> "$RECORD"
echo "shipped $DEPLOY_VERSION"
`), 0o755); err != nil {
		t.Fatal(err)
	}
	exec := `{type: shell, command: ["` + script + `"], env: {RECORD: "` + record + `"}}`
	cfg := `agency:
  name: Acme
  language: en
access:
  production:
    deploy: [alice, bob]
    approve: [carol, bob]
projects:
  - name: shop
    aliases: [boutique]
    environments:
      - {name: staging, executor: ` + exec + `}
      - {name: production, executor: ` + exec + `}
`
	if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, record
}

func received(t *testing.T, record string) []string {
	t.Helper()
	data, err := os.ReadFile(record)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		t.Fatal(err)
	}
	// Only whole lines: a script may be writing the next one now.
	text := string(data)
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	} else {
		text = ""
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

// tuesday is inside the recommended window; friday evening is not.
const (
	tuesday       = "DEPLOYBOT_NOW=2026-11-24T11:00:00+01:00"
	fridayEvening = "DEPLOYBOT_NOW=2026-11-27T17:30:00+01:00"
)

func chat(t *testing.T, dir, now string, lines ...string) string {
	t.Helper()
	r := run(t, dir, strings.Join(lines, "\n"), []string{now, "OPENAI_API_KEY=sk-should-not-leak"}, "chat", "--user", "alice")
	if r.code != 0 {
		t.Fatalf("chat exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

func wantAll(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("transcript lacks %q:\n%s", w, out)
		}
	}
}

func TestDeployByChat(t *testing.T) {
	dir, record := deployFixture(t)

	// Production before staging is refused, and nothing runs.
	out := chat(t, dir, tuesday, "deploy shop v1.2.0 to production")
	wantAll(t, out, "version v1.2.0 has not succeeded on staging", "Refused")
	if got := received(t, record); len(got) != 0 {
		t.Fatalf("the executor ran: %v", got)
	}

	// Staging, confirmed, succeeds; production waits for an approval that
	// the requester cannot give (her bare "approve" right after the wait
	// names that deployment, and is refused) and another user's bare
	// "approve" gives.
	out = chat(t, dir, tuesday,
		"déploie shop v1.2.0 en recette",
		"oui",
		"deploy shop v1.2.0 to production",
		"yes",
		"approve",
		"[bob] approve",
	)
	wantAll(t, out,
		"Confirmez-vous ?", "C'est parti : déploiement shop v1.2.0 → staging",
		"Done ✅",
		"✅ version v1.2.0 succeeded on staging", "🔐 approval by another person",
		"waits for an approval",
		"you cannot approve your own request",
		"approved by bob",
	)
	want := []string{
		"deploy shop staging v1.2.0 prev= by=alice secret=",
		"deploy shop production v1.2.0 prev= by=alice secret=",
	}
	if got := received(t, record); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("executor received:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Outside the windows, production is refused with the reason.
	out = chat(t, dir, fridayEvening, "deploy shop v1.2.0 to production")
	wantAll(t, out, "avoid window", "Refused")

	// A second version, then a rollback restores the previous one; the
	// environment stays locked after it.
	out = chat(t, dir, tuesday,
		"deploy shop v1.3.0 to staging --yes",
		"deploy shop v1.3.0 to production --yes",
		"[carol] approve",
		"rollback boutique prod",
		"oui",
		"status shop",
		"deploy shop v1.3.0 to production",
		"unlock shop production: fixed forward",
	)
	wantAll(t, out, "Rollback shop v1.2.0 → production", "current version: v1.3.0",
		// "oui" said French: the conversation goes on in French.
		"v1.2.0 depuis le", "🔒 verrouillé par", "locked after a rollback",
		"🔓 shop/production unlocked by alice: fixed forward")
	got := received(t, record)
	if last := got[len(got)-1]; last != "rollback shop production v1.2.0 prev=v1.3.0 by=alice secret=" {
		t.Errorf("last executor call %q, want the rollback to v1.2.0", last)
	}
	n := len(got)

	// An unknown project and a malformed version get a clear answer; nothing runs.
	out = chat(t, dir, tuesday,
		"deploy frobnicator v1.0.0 to staging",
		"deploy shop v1;rm -rf / to staging",
		"deploy shop $(id) to staging",
		"oui",
		"freeze windows, what are they?",
		"qu'est-ce qui tourne en prod ?",
		"[mallory] lock shop production: mine",
	)
	wantAll(t, out, "I know no project \"frobnicator\"", "\"v1;rm\" is not a version", "\"$(id)\" is not a version", "Rien n'attend votre confirmation ici",
		"Ce qui tourne où", "mallory may not lock, unlock or freeze shop/production")
	if strings.Contains(out, "Freeze #") {
		t.Errorf("a question about freezes created one:\n%s", out)
	}
	if got := received(t, record); len(got) != n {
		t.Errorf("the executor ran for a bad request: %v", got[n:])
	}
}
