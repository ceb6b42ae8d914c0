package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// auditCheckingWriter is the chat's standard output. At every write it
// reads, from a connection of its own (as another process would), the
// audit entries committed so far, and checks that every reply in the
// output, this write's included, has its message's entry there, in order.
type auditCheckingWriter struct {
	t     *testing.T
	check *sql.DB
	skip  int // audit entries of earlier sessions

	mu     sync.Mutex
	out    bytes.Buffer
	writes int
}

func (w *auditCheckingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.out.Write(p)
	w.writes++
	var said []string // the messages echoed, in order
	replies := 0
	for _, l := range strings.Split(w.out.String(), "\n") {
		switch {
		case strings.HasPrefix(l, "bot> "):
			replies++
		case strings.HasPrefix(l, "alice> "), strings.HasPrefix(l, "bob> "):
			_, text, _ := strings.Cut(l, "> ")
			said = append(said, text)
		}
	}
	rows, err := w.check.Query(`SELECT text FROM messages ORDER BY id`)
	if err != nil {
		w.t.Errorf("read the audit: %v", err)
		return len(p), nil
	}
	defer rows.Close()
	var audited []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			w.t.Errorf("read the audit: %v", err)
			return len(p), nil
		}
		audited = append(audited, s)
	}
	audited = audited[min(w.skip, len(audited)):]
	if len(audited) < replies {
		w.t.Errorf("%d replies printed, only %d audit entries committed", replies, len(audited))
		return len(p), nil
	}
	for i := range replies {
		if audited[i] != said[i] {
			w.t.Errorf("reply %d printed for %q, audit entry %d is %q", i, said[i], i, audited[i])
			break
		}
	}
	return len(p), nil
}

// TestScriptedChatAuditsBeforeEachReply runs a scripted chat of many
// varied messages (questions, commands that write settings, an interview,
// small talk, messages not understood, two speakers): every reply is
// printed, in order, only once its message's audit entry is committed
// (readable from another connection at the moment it is written).
func TestScriptedChatAuditsBeforeEachReply(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "chat.db")
	lines := []string{
		"what should we watch after a production release?",
		"je peux déployer vendredi à 17h ?",
		"set api strategy to canary",
		"blue-green ou canary pour api ?",
		"[bob] merci !",
		"status api",
		"configure le projet api",
		"canary",
		"stop",
		"xyzzy plugh",
		"contexte du projet api",
		"[bob] how do we roll back a bad release?",
	}
	var script []string
	for i := range 25 {
		for _, l := range lines {
			script = append(script, l)
		}
		script = append(script, fmt.Sprintf("reset api strategy %d", i))
	}
	env := func(k string) string {
		switch k {
		case "DEPLOYBOT_NOW":
			return "2026-11-24T11:00:00+01:00"
		case "USER":
			return "alice"
		}
		return ""
	}
	// The database exists before the chat, so that the check opens it
	// read-only.
	first := &Main{Stdin: strings.NewReader("help\n"), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: env}
	if code := first.Run(t.Context(), []string{"chat", "--db", db, "--user", "alice"}); code != 0 {
		t.Fatalf("first chat: exit %d: %s", code, first.Stderr)
	}
	check, err := sql.Open("sqlite3", "file:"+db+"?_query_only=1&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	w := &auditCheckingWriter{t: t, check: check, skip: 1}
	stderr := &bytes.Buffer{}
	m := &Main{Stdin: strings.NewReader(strings.Join(script, "\n") + "\n"), Stdout: w, Stderr: stderr, Getenv: env}
	if code := m.Run(t.Context(), []string{"chat", "--db", db, "--user", "alice"}); code != 0 {
		t.Fatalf("chat: exit %d: %s", code, stderr)
	}
	out := w.out.String()
	if got := strings.Count(out, "\nbot> "); got != len(script) {
		t.Errorf("%d replies for %d messages", got, len(script))
	}
	if w.writes < 2 {
		t.Errorf("%d writes: the check ran too seldom to mean anything", w.writes)
	}
	for _, want := range []string{"strategy = canary", "Question 2/13", "bob> merci"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}
