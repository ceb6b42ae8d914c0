package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"deploybot/router"
)

// runRoute prints the route JSON (DESIGN §3 and §4b: route, intent, kind,
// command, app, env, version, from, args, lang, confidence) of one message,
// or of each JSON line of standard input with --jsonl, whose lines may
// carry the conversation's earlier messages as "history".
func runRoute(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("route")
	cfgPath := fs.String("config", "", "configuration file")
	jsonl := fs.Bool("jsonl", false, "read JSON lines {\"text\": ...} on stdin, write one result per line")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if !*jsonl && len(rest) == 0 {
		return &usageError{msg: "give the message to route, or --jsonl"}
	}
	if *jsonl && len(rest) > 0 {
		return &usageError{msg: "--jsonl reads standard input; give no TEXT"}
	}
	cfg, _, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	r, err := router.New(cfg.Projects())
	if err != nil {
		return err
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	if !*jsonl {
		return enc.Encode(r.Parse(ctx, strings.Join(rest, " "), nil))
	}
	sc := bufio.NewScanner(m.Stdin)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var in struct {
			Text    *string  `json:"text"`
			History []string `json:"history"` // the conversation's earlier messages, oldest first
		}
		if err := json.Unmarshal([]byte(line), &in); err != nil {
			if err := enc.Encode(map[string]string{"error": "invalid JSON: " + err.Error()}); err != nil {
				return err
			}
			continue
		}
		if in.Text == nil {
			if err := enc.Encode(map[string]string{"error": "missing \"text\" field"}); err != nil {
				return err
			}
			continue
		}
		if err := enc.Encode(r.Parse(ctx, *in.Text, in.History)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read standard input: %w", err)
	}
	return nil
}
