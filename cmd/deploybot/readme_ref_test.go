package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestReadmeCommandLine checks that the README's "Command line" block names
// every subcommand, so that a new one is documented where users look.
func TestReadmeCommandLine(t *testing.T) {
	block := firstBlock(t, "## Command line")
	for _, c := range commands() {
		if !strings.Contains(block, "\ndeploybot "+c.Name+" ") {
			t.Errorf("README's command line does not show %q (%s)", "deploybot "+c.Name, c.UsageLine)
		}
	}
}

// TestReadmeLayout checks that the README's "Layout" block names every
// package of the module by its first path element.
func TestReadmeLayout(t *testing.T) {
	block := firstBlock(t, "## Layout")
	out, err := exec.Command("go", "list", "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		rel, ok := strings.CutPrefix(pkg, "deploybot/")
		if !ok {
			continue
		}
		top, _, _ := strings.Cut(rel, "/")
		if !strings.Contains(block, top+"/") && !strings.Contains(block, top+",") {
			t.Errorf("README's layout does not name %s/ (package %s)", top, pkg)
		}
	}
}

// firstBlock returns the first fenced block of the README section under heading.
func firstBlock(t *testing.T, heading string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README has no %q section", heading)
	}
	_, after, ok := strings.Cut(sec, "```")
	if !ok {
		t.Fatalf("README's %q section has no code block", heading)
	}
	block, _, _ := strings.Cut(after, "```")
	return block
}
