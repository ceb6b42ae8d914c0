package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeOperations runs every deploybot command of the README's
// "Operations" section, in order, on a SQLite database where alice has
// talked to the bot: purge, forget, backup, restore, version. The lines
// for a PostgreSQL server (a postgres:// URL, pg_dump, pg_restore) are
// checked by sh -n only.
func TestReadmeOperations(t *testing.T) {
	sec := readmeText(t, "## Operations")
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(bin, filepath.Join(binDir, "deploybot")); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + binDir + ":" + os.Getenv("PATH"), "HOME=" + dir, "USER=ops"}
	sh := func(line string) string {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), "sh", "-c", line)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		return string(out)
	}
	sh(`printf '%s\n' 'what is a canary release?' | deploybot chat --user alice`)
	ran := 0
	for _, b := range codeBlocks(sec) {
		if b.lang != "sh" {
			continue
		}
		for _, line := range strings.Split(strings.TrimSpace(b.text), "\n") {
			line = strings.TrimSpace(trailingComment.ReplaceAllString(line, ""))
			if line == "" {
				continue
			}
			if !strings.HasPrefix(line, "deploybot ") || strings.Contains(line, "postgres://") {
				if out, err := exec.Command("sh", "-n", "-c", line).CombinedOutput(); err != nil {
					t.Errorf("sh -n %s: %v: %s", line, err, out)
				}
				t.Logf("not run (needs a PostgreSQL server): %s", line)
				continue
			}
			out := sh(line)
			ran++
			for prefix, want := range map[string]string{
				"deploybot audit purge": "messages",
				"deploybot forget":      "Forgot alice",
				"deploybot store":       "inbox",
				"deploybot version":     "compatibility number",
			} {
				if strings.HasPrefix(line, prefix) && !strings.Contains(out, want) {
					t.Errorf("%s printed no %q:\n%s", line, want, out)
				}
			}
		}
	}
	if ran < 5 {
		t.Fatalf("%d deploybot commands ran: the section lost its commands", ran)
	}
	// The restored copy holds what the backup held: alice forgotten.
	if out := sh(`deploybot audit --db data/restored.db --format csv`); strings.Contains(out, "alice") || !strings.Contains(out, "person-") {
		t.Errorf("the restored audit names alice, or no pseudonym:\n%s", out)
	}
}
