package main_test

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAuditPurgeAndForget: audit purge replaces old texts and says how
// many; forget replaces a person's texts and name everywhere and refuses
// someone unknown; both appear in the audit trail.
func TestAuditPurgeAndForget(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	old := []string{"DEPLOYBOT_NOW=2024-01-10T10:00:00+01:00"}
	if r := run(t, dir, "[alice] what is a canary release?\n[bob] status api\n", old, "chat", "--db", db, "--user", "carol"); r.code != 0 {
		t.Fatalf("chat: %d %s", r.code, r.stderr)
	}
	recent := []string{"DEPLOYBOT_NOW=2026-11-24T10:00:00+01:00"}
	if r := run(t, dir, "[alice] status api\n", recent, "chat", "--db", db, "--user", "carol"); r.code != 0 {
		t.Fatalf("chat: %d %s", r.code, r.stderr)
	}
	r := run(t, dir, "", recent, "audit", "purge", "--before", "400d", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "messages") || counts(t, r.stdout)["messages"] != "2" {
		t.Fatalf("audit purge: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	audit := run(t, dir, "", recent, "audit", "--format", "csv", "--db", db).stdout
	if strings.Contains(audit, "canary") || !strings.Contains(audit, "[purged]") || !strings.Contains(audit, "purged message texts before") {
		t.Errorf("audit after purge:\n%s", audit)
	}
	if r := run(t, dir, "", recent, "audit", "purge", "--db", db); r.code != 1 {
		t.Errorf("audit purge without --before: %d", r.code)
	}

	r = run(t, dir, "", recent, "forget", "alice", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "person-") || !strings.Contains(r.stdout, "gone from the database's files") {
		t.Fatalf("forget: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	audit = run(t, dir, "", recent, "audit", "--format", "csv", "--db", db).stdout
	for _, l := range strings.Split(audit, "\n") {
		if strings.Contains(l, "alice") {
			t.Errorf("the audit still names alice: %s", l)
		}
	}
	if !strings.Contains(audit, "forgot a person, now person-") || !strings.Contains(audit, "bob") {
		t.Errorf("audit after forget:\n%s", audit)
	}
	if r := run(t, dir, "", recent, "forget", "alice", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "no one is known") {
		t.Errorf("forget twice: %d %s", r.code, r.stderr)
	}
}

// TestServePurgesOldTexts: serve with audit.retention purges, at start,
// the texts older than it.
func TestServePurgesOldTexts(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	old := []string{"DEPLOYBOT_NOW=2024-01-10T10:00:00+01:00"}
	if r := run(t, dir, "[alice] what is a canary release?\n", old, "chat", "--db", db, "--user", "carol"); r.code != 0 {
		t.Fatalf("chat: %d %s", r.code, r.stderr)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cfg := filepath.Join(dir, "deploybot.yaml")
	if err := os.WriteFile(cfg, []byte("http:\n  addr: "+addr+"\naudit:\n  retention: 400d\nprojects:\n  - name: api\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--config", cfg, "--db", db)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	deadline := time.Now().Add(time.Minute)
	for {
		audit := run(t, dir, "", nil, "audit", "--format", "csv", "--db", db).stdout
		if strings.Contains(audit, "[purged]") && strings.Contains(audit, "deploybot,") && !strings.Contains(audit, "canary") {
			break
		}
		if time.Now().After(deadline) {
			resp, _ := http.Get("http://" + addr + "/readyz")
			t.Fatalf("texts not purged by serve (readyz %v):\n%s", resp, audit)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
