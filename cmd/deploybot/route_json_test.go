package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRouteJSONKinds checks the route JSON of DESIGN §4b through the
// command: kind, command, args and from, and history on --jsonl lines.
func TestRouteJSONKinds(t *testing.T) {
	dir := t.TempDir()
	cfg := "projects:\n  - name: shop\n  - name: blog\n"
	in := strings.Join([]string{
		`{"text": "promote shop to production"}`,
		`{"text": "list freezes"}`,
		`{"text": "hello"}`,
		`{"text": "asdfghjkl"}`,
		`{"text": "staging", "history": ["deploy shop v1.0.0"]}`,
		`{"text": "what's in prod?"}`,
	}, "\n") + "\n"
	path := filepath.Join(dir, "deploybot.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, in, nil, "route", "--jsonl", "--config", path)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	want := []map[string]any{
		{"kind": "action", "intent": "deploy", "route": "production", "app": "shop", "env": "production", "from": "staging"},
		{"kind": "command", "command": "list", "route": "orchestrator", "intent": "question"},
		{"kind": "smalltalk", "route": "orchestrator", "intent": "question"},
		{"kind": "unknown", "route": "orchestrator", "intent": "question"},
		{"kind": "action", "intent": "deploy", "route": "staging", "app": "shop", "env": "staging", "version": "v1.0.0"},
		{"kind": "command", "command": "status", "env": "production"},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), r.stdout)
	}
	for i, line := range lines {
		var got map[string]any
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		for k, v := range want[i] {
			if got[k] != v {
				t.Errorf("line %d %s = %v, want %v (%s)", i, k, got[k], v, line)
			}
		}
		if _, ok := got["confidence"]; !ok {
			t.Errorf("line %d has no confidence: %s", i, line)
		}
	}
	var list map[string]any
	_ = json.Unmarshal([]byte(lines[1]), &list)
	if args, _ := list["args"].(map[string]any); args["what"] != "freezes" {
		t.Errorf("list args %v, want what=freezes", list["args"])
	}
}
