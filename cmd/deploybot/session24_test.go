package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanShowsConstraints: a production plan shows the project's
// constraints, free text no rule checks (a plan inside the client's
// payroll run showed only ✅); a staging plan does not.
func TestPlanShowsConstraints(t *testing.T) {
	dir, _ := deployFixture(t)
	cfg, err := os.ReadFile(filepath.Join(dir, "deploybot.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	withConstraints := strings.Replace(string(cfg), "    aliases: [boutique]\n",
		"    aliases: [boutique]\n    constraints: \"no deploy during the client's payroll run, 25th to 28th\"\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), []byte(withConstraints), 0o644); err != nil {
		t.Fatal(err)
	}
	out := chat(t, dir, tuesday, "deploy shop v1.2.0 to staging", "yes", "deploy shop v1.2.0 to production")
	plans := strings.SplitN(out, "deploy shop v1.2.0 to production", 2)
	if len(plans) != 2 {
		t.Fatalf("no production plan:\n%s", out)
	}
	want := "⚠️ the project's constraints, for you to check: no deploy during the client's payroll run, 25th to 28th"
	if !strings.Contains(plans[1], want) {
		t.Errorf("the production plan lacks %q:\n%s", want, plans[1])
	}
	if strings.Contains(plans[0], "constraints") {
		t.Errorf("the staging plan shows the constraints:\n%s", plans[0])
	}
}
