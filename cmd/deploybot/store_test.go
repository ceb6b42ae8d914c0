package main_test

import (
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"deploybot/store/storetest"
)

// counts reads the "  table  n" lines of store copy and backup.
func counts(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, l := range regexp.MustCompile(`(?m)^  (\w+) +(\d+)$`).FindAllStringSubmatch(out, -1) {
		m[l[1]] = l[2]
	}
	if len(m) == 0 {
		t.Fatalf("no counts in:\n%s", out)
	}
	return m
}

// TestStoreBackupAndCopy: a chat's database is backed up, copied to
// another database (PostgreSQL when a server can be had, else SQLite) and
// back, each with its counts per table; a second copy gives the same
// counts; the copy answers chat as the original did.
func TestStoreBackupAndCopy(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	cfg := filepath.Join(dir, "deploybot.yaml")
	conf := "agency: {language: en, holidays: none}\nwindows: {recommended: [\"Mon-Sun\"], acceptable: [], avoid: []}\n" +
		"projects:\n  - name: api\n    environments:\n      - {name: staging, executor: {type: shell, command: [\"true\"]}}\n"
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	now := []string{"DEPLOYBOT_NOW=2026-11-24T11:00:00+01:00"}
	script := "[alice] deploy api v1.2.0 to staging --yes\n[alice] status api\n"
	if r := run(t, dir, script, now, "chat", "--config", cfg, "--db", db, "--user", "alice"); r.code != 0 {
		t.Fatalf("chat: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	backup := filepath.Join(dir, "backups", "bot-backup.db")
	r := run(t, dir, "", nil, "store", "backup", backup, "--db", db)
	if r.code != 0 {
		t.Fatalf("store backup: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	b := counts(t, r.stdout)
	if b["messages"] != "2" || b["deployments"] == "0" || b["deployment_events"] == "0" {
		t.Errorf("backup counts: %v", b)
	}
	if r := run(t, dir, "", nil, "store", "backup", backup, "--db", db); r.code != 1 || !strings.Contains(r.stderr, "exists") {
		t.Errorf("a backup over a file: %d %s", r.code, r.stderr)
	}

	target := filepath.Join(dir, "copy.db")
	if e, ok := storetest.Postgres(t); ok {
		target = e.New(t)
	}
	for i := range 2 {
		r := run(t, dir, "", []string{"PGPASS_UNUSED=x"}, "store", "copy", "--from", backup, "--to", target)
		if r.code != 0 {
			t.Fatalf("store copy %d: %d\n%s%s", i+1, r.code, r.stdout, r.stderr)
		}
		if c := counts(t, r.stdout); len(c) != len(b) || c["messages"] != b["messages"] || c["total"] != b["total"] {
			t.Errorf("copy %d counts %v, backup %v", i+1, c, b)
		}
	}
	back := filepath.Join(dir, "back.db")
	if r := run(t, dir, "", nil, "store", "copy", "--from", target, "--to", back); r.code != 0 || counts(t, r.stdout)["total"] != b["total"] {
		t.Fatalf("copy back: %d %v\n%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, dir, "[alice] status api\n", now, "chat", "--config", cfg, "--db", target, "--user", "alice")
	if r.code != 0 || !strings.Contains(r.stdout, "v1.2.0") {
		t.Errorf("chat on the copy: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, bad := range [][]string{{"store"}, {"store", "copy", "--from", db}, {"store", "backup"}, {"store", "move"}} {
		if r := run(t, dir, "", nil, bad...); r.code != 1 {
			t.Errorf("%v: exit %d, want 1", bad, r.code)
		}
	}
}

// TestServeReportsTheStore: /readyz names the database and /metrics has
// the pool and the inbox, on SQLite and on PostgreSQL (store.url, with
// ${VAR} expanded from the environment).
func TestServeReportsTheStore(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			e.Skip(t)
			dir := t.TempDir()
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := l.Addr().String()
			l.Close()
			cfg := filepath.Join(dir, "deploybot.yaml")
			body := "http:\n  addr: " + addr + "\nstore:\n  url: ${BOT_DB}\nprojects:\n  - name: api\n"
			if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "serve", "--config", cfg)
			cmd.Dir = dir
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "BOT_DB=" + e.New(t)}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() {
				_ = cmd.Process.Signal(syscall.SIGTERM)
				_ = cmd.Wait()
			}()
			get := func(path string) (int, string) {
				resp, err := http.Get("http://" + addr + path)
				if err != nil {
					return 0, err.Error()
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(b)
			}
			deadline := time.Now().Add(time.Minute)
			for {
				if code, _ := get("/readyz"); code == http.StatusOK {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("serve never ready")
				}
				time.Sleep(50 * time.Millisecond)
			}
			if _, body := get("/readyz"); !strings.Contains(body, "store: "+e.Name+" ") || !strings.Contains(body, ": ok") {
				t.Errorf("/readyz:\n%s", body)
			}
			_, metrics := get("/metrics")
			for _, want := range []string{`deploybot_store_info{engine="` + e.Name + `"} 1`, `deploybot_inbox_entries{state="new"} 0`,
				`deploybot_store_connections{state="in_use"}`, "deploybot_store_wait_total"} {
				if !strings.Contains(metrics, want) {
					t.Errorf("/metrics lacks %s", want)
				}
			}
			if e.Name == "sqlite" {
				if _, err := os.Stat(filepath.Join(dir, "data")); err == nil {
					t.Error("store.url was ignored: ./data was created")
				}
			}
		})
	}
}
