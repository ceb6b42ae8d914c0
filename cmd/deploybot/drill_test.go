package main_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// drillFixture is a project whose shell script records each run with
// DEPLOY_DRILL, fails the drill's forward step when $WORK/fail-forward
// exists, and waits for $WORK/go in the drill's forward step when
// $WORK/slow-forward exists.
func drillFixture(t *testing.T) (dir, record string) {
	t.Helper()
	dir = t.TempDir()
	record = filepath.Join(dir, "received.log")
	script := filepath.Join(dir, "deploy.sh")
	if err := os.WriteFile(script, []byte(`#!/bin/sh
echo "$DEPLOY_ACTION $DEPLOY_ENV $DEPLOY_VERSION drill=$DEPLOY_DRILL" >> "$RECORD"
if [ -n "$DEPLOY_DRILL" ] && [ "$DEPLOY_ACTION" = deploy ]; then
	if [ -f "$WORK/slow-forward" ]; then
		touch "$WORK/started"
		while [ ! -f "$WORK/go" ]; do sleep 0.05; done
	fi
	if [ -f "$WORK/fail-forward" ]; then echo "forward broke"; exit 4; fi
fi
echo "shipped $DEPLOY_VERSION"
`), 0o755); err != nil {
		t.Fatal(err)
	}
	exec := `{type: shell, command: ["` + script + `"], env: {RECORD: "` + record + `", WORK: "` + dir + `"}}`
	cfg := `agency: {name: Acme, language: en, admins: [carol]}
access:
  production: {deploy: [alice, bob], approve: [carol, bob]}
projects:
  - name: shop
    environments:
      - {name: staging, executor: ` + exec + `}
      - {name: production, executor: ` + exec + `}
`
	if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, record
}

// TestDrillThroughChat: a staging drill rolls back to the earlier good
// version and forward again through the script, DEPLOY_DRILL set on both
// steps; it marks nothing bad and leaves the next rollback target as it
// was; the runbook and the next production plan know of it.
func TestDrillThroughChat(t *testing.T) {
	dir, record := drillFixture(t)
	out := chat(t, dir, tuesday,
		"drill shop staging", // nothing ran yet
		"deploy shop v1.0.0 to staging --yes",
		"drill shop staging", // one version: nothing to go back to
		"deploy shop v1.1.0 to staging --yes",
		"drill shop staging",
		"yes",
		"runbook shop staging",
		"drill shop production", // alice is no admin
	)
	wantAll(t, out, "nothing to go back to on shop/staging", "Rollback drill #1: shop/staging, v1.1.0 → v1.0.0 → v1.1.0",
		"🧯 Rollback drill #1 of shop/staging succeeded", "• Now: v1.0.0", "Last drill\n     \n     • today",
		"a production rollback drill is requested by an admin (carol)")
	got := received(t, record)
	want := []string{"deploy staging v1.0.0 drill=", "deploy staging v1.1.0 drill=", "rollback staging v1.0.0 drill=1", "deploy staging v1.1.0 drill=1"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("script runs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The drill marked nothing bad: rolling back still goes to v1.0.0.
	out = chat(t, dir, tuesday, "rollback shop staging")
	wantAll(t, out, "Rollback shop v1.0.0 → staging")
}

// TestDrillFailingForwardStepLeavesItHealthy: the forward step fails; the
// drill returns to its target, a healthy version, and frees the
// environment.
func TestDrillFailingForwardStepLeavesItHealthy(t *testing.T) {
	dir, record := drillFixture(t)
	chat(t, dir, tuesday, "deploy shop v1.0.0 to staging --yes", "deploy shop v1.1.0 to staging --yes")
	os.WriteFile(filepath.Join(dir, "fail-forward"), nil, 0o644)
	out := chat(t, dir, tuesday, "drill shop staging", "yes", "status shop staging", "deploy shop v1.2.0 to staging --yes")
	wantAll(t, out, "Rollback drill #1 of shop/staging: failed", "the forward step failed", "back on v1.0.0, healthy",
		"Go: deploy shop v1.2.0 → staging")
	got := received(t, record)
	if len(got) != 6 || got[4] != "rollback staging v1.0.0 drill=1" || got[5] != "deploy staging v1.2.0 drill=" {
		t.Errorf("script runs: %v", got)
	}
}

// TestDrillKilledBetweenSteps: deploybot is killed while the drill's
// forward step runs; the next start adopts the step and finishes the
// drill.
func TestDrillKilledBetweenSteps(t *testing.T) {
	dir, record := drillFixture(t)
	chat(t, dir, tuesday, "deploy shop v1.0.0 to staging --yes", "deploy shop v1.1.0 to staging --yes")
	os.WriteFile(filepath.Join(dir, "slow-forward"), nil, 0o644)
	cmd, in, _ := startChat(t, dir, tuesday)
	io.WriteString(in, "drill shop staging\nyes\n")
	waitFile(t, filepath.Join(dir, "started"))
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	os.WriteFile(filepath.Join(dir, "go"), nil, 0o644)
	out := chat(t, dir, tuesday, "runbook shop staging", "deploy shop v1.2.0 to staging --yes")
	wantAll(t, out, "🧯 Rollback drill #1 of shop/staging succeeded", "• today", "Go: deploy shop v1.2.0 → staging")
	got := received(t, record)
	forward := 0
	for _, g := range got {
		if g == "deploy staging v1.1.0 drill=1" {
			forward++
		}
	}
	if forward != 1 {
		t.Errorf("the forward step ran %d times: %v", forward, got)
	}
}
