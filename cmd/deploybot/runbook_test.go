package main_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestRunbookExample keeps docs/runbook-example.md, the runbook of
// config.example.yaml's api, current: it is what `deploybot runbook api`
// prints on that configuration (go test ./cmd/deploybot -run
// TestRunbookExample -update rewrites it).
func TestRunbookExample(t *testing.T) {
	dir := t.TempDir()
	example, err := filepath.Abs(filepath.Join("..", "..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "", []string{"DEPLOYBOT_NOW=2026-11-24T11:00:00+01:00"}, "runbook", "api", "--lang", "en",
		"--config", example, "--db", filepath.Join(dir, "d.db"))
	if r.code != 0 {
		t.Fatalf("runbook: exit %d\n%s", r.code, r.stderr)
	}
	golden := filepath.Join("..", "..", "docs", "runbook-example.md")
	if *update {
		if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if r.stdout != string(want) {
		t.Errorf("docs/runbook-example.md is out of date (-update rewrites it):\n%s", r.stdout)
	}
	for _, w := range []string{"## When to roll back", "## How", "## Back to which version", "## Who", "## Last drill", "## Commands",
		"Switch the load balancer back"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("runbook lacks %q", w)
		}
	}
}
