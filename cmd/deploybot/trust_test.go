package main_test

import (
	"bufio"
	"io"
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

// trustFixture writes a configuration whose shell executor records each
// run and, for versions ending in -slow, waits for a "go" file before it
// ends (exiting with the code in the file), so that a test can stop
// deploybot while the script runs.
func trustFixture(t *testing.T, extra string) (dir, record string) {
	t.Helper()
	dir = t.TempDir()
	record = filepath.Join(dir, "received.log")
	script := filepath.Join(dir, "deploy.sh")
	if err := os.WriteFile(script, []byte(`#!/bin/sh
echo "$DEPLOY_ACTION $DEPLOY_PROJECT $DEPLOY_ENV $DEPLOY_VERSION prev=$DEPLOY_PREVIOUS_VERSION by=$DEPLOY_REQUESTER" >> "$RECORD"
case "$DEPLOY_VERSION" in
*-slow)
	touch "$WORK/started"
	while [ ! -f "$WORK/go" ]; do sleep 0.05; done
	echo "finished $DEPLOY_VERSION"
	exit "$(cat "$WORK/go")"
	;;
esac
echo "shipped $DEPLOY_VERSION"
`), 0o755); err != nil {
		t.Fatal(err)
	}
	exec := `{type: shell, command: ["` + script + `"], env: {RECORD: "` + record + `", WORK: "` + dir + `"}}`
	cfg := `agency:
  name: Acme
  language: en
` + extra + `
access:
  production:
    deploy: [alice, bob]
    approve: [carol, bob]
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

// friday18 is a Friday at 18:00 in Paris: an avoid window.
const friday18 = "DEPLOYBOT_NOW=2026-11-27T18:00:00+01:00"

// TestRollbackIsNoBackDoorThroughChat: during a freeze of everything, on a
// Friday evening, "rollback to" a version that never ran there is a deploy
// and is refused by every rule; nothing runs.
func TestRollbackIsNoBackDoorThroughChat(t *testing.T) {
	dir, record := trustFixture(t, "  admins: [root]")
	chat(t, dir, tuesday,
		"deploy shop v1.2.0 to staging --yes",
		"deploy shop v1.2.0 to production --yes",
		"[carol] approve",
	)
	n := len(received(t, record))
	out := chat(t, dir, friday18,
		"[carol] freeze all: incident",
		"rollback shop production to v9.9.9-untested",
		"yes",
		"[bob] approve",
		"can I deploy now?",
		"list freezes",
	)
	wantAll(t, out, "Freeze #", "not a rollback but a deploy", "deployment freeze in force: incident",
		"has not succeeded on staging", "Refused", "Nothing here waits for your confirmation",
		"no deployment is waiting for your approval", "set by carol")
	if got := received(t, record); len(got) != n {
		t.Fatalf("the executor ran: %v", got[n:])
	}
	// Alice deploys production but approves nothing: she may not lift
	// carol's freeze of everything; bob approves production: he may.
	out = chat(t, dir, friday18, "unfreeze", "[bob] unfreeze")
	wantAll(t, out, "you may not lift", "Freeze lifted (1)")
}

// TestVersionsAreNeverGuessedThroughChat: a word in the version's place
// that is not a version is refused by name, and a deploy with no version
// needs an executor that can tell what "latest" is — even with
// agency.confirm off.
func TestVersionsAreNeverGuessedThroughChat(t *testing.T) {
	dir, record := trustFixture(t, "  confirm: false")
	out := chat(t, dir, tuesday,
		"deploy shop --help to staging",
		"deploy shop v1/../../etc to staging",
		"deploy shop to staging",
		"deploy shop latest to staging",
	)
	wantAll(t, out, `"--help" is not a version`, `"v1/../../etc" is not a version`, "Which version of shop for staging? I never guess one, and I cannot tell the latest here")
	if got := received(t, record); len(got) != 0 {
		t.Fatalf("the executor ran: %v", got)
	}
}

// startChat starts a scripted chat that reads its lines from the returned
// writer; its output goes to the returned reader.
func startChat(t *testing.T, dir, now string) (*exec.Cmd, io.WriteCloser, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(bin, "chat", "--user", "alice")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "USER=tester", now}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, in, bufio.NewReader(out)
}

// waitFile waits for path to exist; the bound only stops a broken test.
func waitFile(t *testing.T, path string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	t.Fatalf("%s never appeared", path)
}

// TestKillDuringDeploy: deploybot killed with SIGKILL while the script
// runs. The script goes on; the next start adopts the run at once (its
// process is gone, on this machine) and reports the script's real outcome,
// success or failure, instead of "failed"; the lock is free afterwards.
func TestKillDuringDeploy(t *testing.T) {
	for _, tc := range []struct {
		exit string
		want string
	}{{"0", "succeeded"}, {"3", "failed"}} {
		t.Run("exit "+tc.exit, func(t *testing.T) {
			dir, record := trustFixture(t, "")
			cmd, in, _ := startChat(t, dir, tuesday)
			io.WriteString(in, "deploy shop v1.0.0-slow to staging --yes\n")
			waitFile(t, filepath.Join(dir, "started"))
			_ = cmd.Process.Signal(syscall.SIGKILL)
			_ = cmd.Wait()
			// The script ends while no deploybot runs.
			if err := os.WriteFile(filepath.Join(dir, "go"), []byte(tc.exit), 0o644); err != nil {
				t.Fatal(err)
			}
			out := chat(t, dir, tuesday, "history shop staging", "deploy shop v1.1.0 to staging --yes")
			wantAll(t, out, "#1", "shop v1.0.0-slow → staging: "+tc.want, "Go: deploy shop v1.1.0 → staging (#2) started")
			if got := received(t, record); len(got) != 2 {
				t.Errorf("executor runs: %v; want the slow one once, then v1.1.0", got)
			}
		})
	}
}

// TestSigtermDrainsDeploys: serve adopts a deployment left by a killed
// chat; SIGTERM then waits for it (drain) instead of failing it, and the
// deploy completes.
func TestSigtermDrainsDeploys(t *testing.T) {
	dir, record := trustFixture(t, "")
	cmd, in, _ := startChat(t, dir, tuesday)
	io.WriteString(in, "deploy shop v2.0.0-slow to staging --yes\n")
	waitFile(t, filepath.Join(dir, "started"))
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()

	addr := freeAddr(t)
	cfg, _ := os.ReadFile(filepath.Join(dir, "deploybot.yaml"))
	os.WriteFile(filepath.Join(dir, "deploybot.yaml"), append(cfg, []byte("http: {addr: "+addr+"}\n")...), 0o644)
	srv := exec.Command(bin, "serve")
	srv.Dir = dir
	srv.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "USER=tester"}
	var stderr strings.Builder
	srv.Stderr = &stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Process.Kill() })
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if r, err := http.Get("http://" + addr + "/readyz"); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve never ready:\n%s", stderr.String())
		}
	}
	_ = srv.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		t.Fatalf("serve stopped before the deploy ended: %v\n%s", err, stderr.String())
	case <-time.After(300 * time.Millisecond):
		// Still draining, as it should: let the script end.
	}
	os.WriteFile(filepath.Join(dir, "go"), []byte("0"), 0o644)
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, stderr.String())
	}
	wantAll(t, stderr.String(), "waiting up to 10m0s for running deployments")
	out := chat(t, dir, tuesday, "history shop staging")
	wantAll(t, out, "shop v2.0.0-slow → staging: succeeded")
	if got := received(t, record); len(got) != 1 {
		t.Errorf("executor runs: %v; want one", got)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestFreezeUntilADay: "until monday" ends a freeze when that day starts;
// it froze for a year.
func TestFreezeUntilADay(t *testing.T) {
	dir, _ := trustFixture(t, "  admins: [root]")
	out := chat(t, dir, friday18, "[carol] freeze shop production until monday: client demo", "[carol] gèle le staging de shop jusqu'à demain : tests")
	wantAll(t, out, "Freeze #1: shop / production, from 2026-11-27 18:00 to 2026-11-29 23:59 — client demo",
		"Gel #2 : shop / staging, du 2026-11-27 18:00 au 2026-11-27 23:59 — tests")
}
