package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"unicode/utf8"

	"deploybot"
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
	if !*jsonl {
		enc := json.NewEncoder(m.Stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(r.Parse(ctx, strings.Join(rest, " "), nil))
	}
	if m.Getenv("GOGC") == "" {
		// As the scripted chat (chat.go): the parser allocates fast and
		// the process keeps little (the cache of parses, a few MB), and
		// the default GOGC collected every 30 ms, 8 % of route --jsonl's
		// CPU (issue 19).
		defer debug.SetGCPercent(debug.SetGCPercent(scriptGCPercent))
	}
	return routeLines(ctx, r, m.Stdin, m.Stdout, runtime.GOMAXPROCS(0))
}

// parser is what routeLines needs of the router.
type parser interface {
	Parse(ctx context.Context, text string, history []string) deploybot.Request
}

// routeLines writes the route JSON of each JSON line of in to out, in the
// order of the lines. workers lines are parsed at once: a line is read,
// handed to a free worker and queued for the writer, which writes the
// results in turn and flushes whenever no later line has been read yet
// (at once for a caller that writes a line and waits for its answer).
func routeLines(ctx context.Context, p parser, in io.Reader, out io.Writer, workers int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		line   []byte
		result chan []byte
	}
	jobs := make(chan *job, 2*workers)
	order := make(chan *job, 1024)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			for j := range jobs {
				buf.Reset()
				if err := routeLine(ctx, p, &buf, enc, j.line); err != nil {
					buf.Reset()
					_ = enc.Encode(map[string]string{"error": err.Error()})
				}
				j.result <- bytes.Clone(buf.Bytes())
			}
		})
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
		for sc.Scan() {
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			// A job goes to the workers before the writer's queue: the
			// writer never waits for a job no worker has.
			j := &job{line: bytes.Clone(line), result: make(chan []byte, 1)}
			select {
			case jobs <- j:
			case <-ctx.Done():
				readErr <- nil
				return
			}
			select {
			case order <- j:
			case <-ctx.Done():
				readErr <- nil
				return
			}
		}
		if err := sc.Err(); err != nil {
			readErr <- fmt.Errorf("read standard input: %w", err)
			return
		}
		readErr <- nil
	}()
	w := bufio.NewWriterSize(out, 64*1024)
	var writeErr error
	for j := range order {
		res := <-j.result
		if writeErr != nil {
			continue // drain, so that the reader and the workers end
		}
		if _, writeErr = w.Write(res); writeErr == nil && len(order) == 0 {
			writeErr = w.Flush()
		}
		if writeErr != nil {
			cancel()
		}
	}
	wg.Wait()
	if writeErr != nil {
		return writeErr
	}
	if err := <-readErr; err != nil {
		return err
	}
	return w.Flush()
}

// routeLine writes to buf the route JSON of one JSON line, or with enc
// (which writes to buf) an error line for a line that is not a message. A
// request is written as its AppendJSON gives it, in buf's free room: the
// bytes enc would write, without enc's second pass over them (5 % of
// route --jsonl's CPU went to encoding).
func routeLine(ctx context.Context, p parser, buf *bytes.Buffer, enc *json.Encoder, line []byte) error {
	var in struct {
		Text    *string  `json:"text"`
		History []string `json:"history"` // the conversation's earlier messages, oldest first
	}
	if text, ok := plainTextLine(line); ok {
		in.Text = &text
	} else if err := json.Unmarshal(line, &in); err != nil {
		return enc.Encode(map[string]string{"error": "invalid JSON: " + err.Error()})
	}
	if in.Text == nil {
		return enc.Encode(map[string]string{"error": "missing \"text\" field"})
	}
	out, err := p.Parse(ctx, *in.Text, in.History).AppendJSON(buf.AvailableBuffer())
	if err != nil {
		return fmt.Errorf("encode the route: %w", err)
	}
	buf.Write(out)
	buf.WriteByte('\n')
	return nil
}

// plainTextLine returns the text of a line that is exactly {"text": "…"}
// (JSON's spaces allowed) whose string holds no escape, no control
// character and only valid UTF-8: the text json.Unmarshal would decode,
// without its reflection (4 % of route --jsonl's CPU went to decoding
// such lines). Any other line is left to json.Unmarshal.
func plainTextLine(line []byte) (string, bool) {
	rest, ok := bytes.CutPrefix(skipJSONSpace(line), []byte("{"))
	if !ok {
		return "", false
	}
	if rest, ok = bytes.CutPrefix(skipJSONSpace(rest), []byte(`"text"`)); !ok {
		return "", false
	}
	if rest, ok = bytes.CutPrefix(skipJSONSpace(rest), []byte(":")); !ok {
		return "", false
	}
	if rest, ok = bytes.CutPrefix(skipJSONSpace(rest), []byte(`"`)); !ok {
		return "", false
	}
	end := bytes.IndexByte(rest, '"')
	if end < 0 {
		return "", false
	}
	text := rest[:end]
	for _, c := range text {
		if c < 0x20 || c == '\\' {
			return "", false
		}
	}
	if !utf8.Valid(text) {
		return "", false
	}
	rest, ok = bytes.CutPrefix(skipJSONSpace(rest[end+1:]), []byte("}"))
	if !ok || len(skipJSONSpace(rest)) > 0 {
		return "", false
	}
	return string(text), true
}

// skipJSONSpace returns b without its leading JSON white space.
func skipJSONSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}
