package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deploybot/store"
)

// bin is the deploybot binary built once for these end-to-end tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "deploybot-e2e")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "deploybot")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary gave.
type result struct {
	stdout, stderr string
	code           int
}

// run runs the binary in dir with args and stdin, with a clean environment
// (no Slack token, no API key) plus env.
func run(t *testing.T, dir, stdin string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "USER=tester"}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

func testdata(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersion(t *testing.T) {
	r := run(t, t.TempDir(), "", nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "deploybot ") {
		t.Fatalf("version: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestRouteText(t *testing.T) {
	cfg := testdata(t, "dev-config.yaml")
	tests := []struct {
		text string
		want map[string]any
	}{
		{"@deploybot déploie shop en prod v2.0.1", map[string]any{
			"route": "production", "intent": "deploy", "app": "shop", "env": "production", "version": "v2.0.1", "lang": "fr"}},
		{"rollback pay on prod please", map[string]any{
			"route": "rollback", "intent": "rollback", "app": "payments", "env": "production", "lang": "en"}},
		{"what's on the pre-deploy checklist?", map[string]any{
			"route": "orchestrator", "intent": "question", "lang": "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := run(t, t.TempDir(), "", nil, "route", "--config", cfg, tt.text)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("not one JSON object: %q", r.stdout)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v (all: %s)", k, got[k], v, r.stdout)
				}
			}
			if _, ok := got["confidence"].(float64); !ok {
				t.Errorf("no confidence in %s", r.stdout)
			}
			if tt.want["intent"] == "question" {
				for _, k := range []string{"app", "env", "version"} {
					if _, ok := got[k]; ok {
						t.Errorf("a question has %s: %s", k, r.stdout)
					}
				}
			}
		})
	}
}

func TestRouteJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"text": "deploy blog to staging"}`,
		`not json`,
		`{"txt": "missing field"}`,
		``,
		`{"text": "rollback crm en prod stp"}`,
	}, "\n")
	r := run(t, t.TempDir(), in, nil, "route", "--jsonl", "--config", testdata(t, "dev-config.yaml"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 output lines, got %d:\n%s", len(lines), r.stdout)
	}
	var objs []map[string]any
	for _, l := range lines {
		var o map[string]any
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("line %q is not JSON", l)
		}
		objs = append(objs, o)
	}
	if objs[0]["route"] != "staging" || objs[0]["app"] != "blog" {
		t.Errorf("line 1: %v", objs[0])
	}
	for i := 1; i <= 2; i++ {
		if _, ok := objs[i]["error"]; !ok {
			t.Errorf("line %d should be an error: %v", i+1, objs[i])
		}
	}
	if objs[3]["intent"] != "rollback" || objs[3]["app"] != "crm" || objs[3]["lang"] != "fr" {
		t.Errorf("line 4: %v", objs[3])
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		env  []string
		want string
	}{
		{[]string{"nope"}, nil, "unknown command"},
		{[]string{"route"}, nil, "give the message"},
		{[]string{"route", "--bogus", "x"}, nil, "flag provided but not defined"},
		{[]string{"chat"}, []string{"DEPLOYBOT_NOW=yesterday"}, "RFC 3339"},
		{[]string{"route", "--config", "/nonexistent.yaml", "x"}, nil, "nonexistent"},
	}
	for _, tt := range tests {
		r := run(t, t.TempDir(), "", tt.env, tt.args...)
		if r.code != 1 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

// TestScriptedChat runs the real binary with a here-document, as a person
// would script it, on the embedded defaults and a fresh database.
func TestScriptedChat(t *testing.T) {
	dir := t.TempDir()
	script := `cd "$1" && "$2" chat --user alice <<'EOF'
help
aide
[bob] déploie api v1.4.2 en prod stp
deploy web to staging
# a comment line is skipped
rollback the frobnicator in prod

[carol] what's on the pre-deploy checklist?
EOF`
	cmd := exec.CommandContext(t.Context(), "sh", "-c", script, "sh", dir, bin)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("chat failed: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"alice> help", "What I understand",
		"alice> aide", "Ce que je comprends",
		"bob> déploie api v1.4.2 en prod stp", "api/production n'a pas d'exécuteur configuré",
		"alice> deploy web to staging", "web/staging has no executor configured",
		"I know no project \"frobnicator\"", "Which project for the rollback",
		"carol> what's on the pre-deploy checklist?",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("reply lacks %q; transcript:\n%s", want, got)
		}
	}
	if strings.Contains(got, "a comment line") {
		t.Errorf("the comment line was handled:\n%s", got)
	}

	// Every message is in the audit log of the default database.
	db, err := store.Open(context.Background(), filepath.Join(dir, "data", "deploybot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	msgs, err := db.RecentMessages(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 6 {
		t.Fatalf("audit log has %d messages, want 6", len(msgs))
	}
	bob := msgs[len(msgs)-3]
	if bob.User != "bob" || bob.Route != "production" || bob.Intent != "deploy" || bob.App != "api" || bob.Version != "v1.4.2" {
		t.Errorf("audit of bob's message: %+v", bob)
	}
}

func TestChatSaysWhichConfig(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "help\n", nil, "chat", "--db", filepath.Join(dir, "x.db"))
	if r.code != 0 || !strings.Contains(r.stderr, "built-in defaults") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), []byte("projects:\n  - name: shop\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, "deploy nope to prod\n", nil, "chat", "--db", filepath.Join(dir, "x.db"))
	if r.code != 0 || !strings.Contains(r.stderr, "deploybot.yaml") || !strings.Contains(r.stdout, "Configured projects: shop") {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestScriptedInterviewAcrossRestarts sets a value and starts an interview
// in one run of the chat, stops it, and resumes it in a second run on the
// same database: what chat set survives the restart and is audited.
func TestScriptedInterviewAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	env := []string{"DEPLOYBOT_NOW=2026-11-25T11:00:00+01:00"}
	first := run(t, dir, strings.Join([]string{
		"[bob] pour le projet api, la stratégie est canary",
		"configure le projet api",
		"1",
		"stop",
	}, "\n"), env, "chat", "--db", db, "--user", "alice")
	if first.code != 0 {
		t.Fatalf("first run: exit %d\n%s", first.code, first.stderr)
	}
	for _, want := range []string{"stratégie = canary", "Question 1/13", "Question 2/13", "Entretien en pause à la question 2/13"} {
		if !strings.Contains(first.stdout, want) {
			t.Errorf("first run lacks %q:\n%s", want, first.stdout)
		}
	}
	second := run(t, dir, strings.Join([]string{
		"contexte du projet api",
		"contexte",
		"configure le projet api",
		"github-actions",
	}, "\n"), env, "chat", "--db", db, "--user", "alice")
	for _, want := range []string{"canary  (projet api, posé par bob le 25/11)", "recreate  (agence, posé par alice le 25/11)", "On reprend là où on s'était arrêté (question 2/13)", "Question 3/13"} {
		if !strings.Contains(second.stdout, want) {
			t.Errorf("second run lacks %q:\n%s", want, second.stdout)
		}
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	changes, err := s.ContextChanges(context.Background(), "api", "strategy", time.Time{})
	if err != nil || len(changes) != 1 || changes[0].By != "bob" || changes[0].New != "canary" {
		t.Errorf("the chat change is not audited: %+v %v", changes, err)
	}
}

// TestConfigValidate checks that every problem is printed with its line.
func TestConfigValidate(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("agency:\n  timezone: Mars/Olympus\n  default_strategy: yolo\nprojects:\n  - name: api\n    stratgy: canary\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "", nil, "config", "validate", "--config", bad)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"bad.yaml:2:", "bad.yaml:3:", "bad.yaml:6:", "did you mean \"strategy\""} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	r = run(t, dir, "", nil, "config", "validate", "--config", testdata(t, "dev-config.yaml"))
	if r.code != 0 || !strings.Contains(r.stdout, "valid") {
		t.Errorf("dev config: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
}
