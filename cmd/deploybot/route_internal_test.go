package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"deploybot"
	"deploybot/router"
)

// routeInput returns the JSON lines of the routing sets, each message with
// its history.
func routeInput(t testing.TB) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "routing_*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no routing sets: %v", err)
	}
	var in bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in.Write(data)
	}
	return in.Bytes()
}

// TestRouteLinesInOrder checks that the lines parsed at once come out in
// the order of the input, each the route JSON one worker alone writes.
func TestRouteLinesInOrder(t *testing.T) {
	r, err := router.New([]deploybot.Project{{Name: "shop"}, {Name: "api"}})
	if err != nil {
		t.Fatal(err)
	}
	in := routeInput(t)
	in = in[:bytes.Index(in[20000:], []byte("\n"))+20001] // about 200 lines
	in = append(in, "not json\n{\"history\": []}\n\n"...)
	var one bytes.Buffer
	if err := routeLines(context.Background(), r, bytes.NewReader(in), &one, 1); err != nil {
		t.Fatal(err)
	}
	want := 0
	for l := range bytes.Lines(in) {
		if len(bytes.TrimSpace(l)) > 0 {
			want++
		}
	}
	if n := strings.Count(one.String(), "\n"); n != want {
		t.Fatalf("%d lines out for %d lines in", n, want)
	}
	for _, workers := range []int{2, 4, 16} {
		var many bytes.Buffer
		if err := routeLines(context.Background(), r, iotest.OneByteReader(bytes.NewReader(in)), &many, workers); err != nil {
			t.Fatal(err)
		}
		if many.String() != one.String() {
			t.Errorf("%d workers: the output differs from one worker's", workers)
		}
	}
	sc := bufio.NewScanner(&one)
	var last map[string]string
	for sc.Scan() {
		last = nil
		_ = json.Unmarshal(sc.Bytes(), &last)
	}
	if last["error"] != `missing "text" field` {
		t.Errorf("last line %v, want the missing text error", last)
	}
}

// failingWriter fails after n writes.
type failingWriter struct{ n int }

var errWrite = errors.New("write failed")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errWrite
	}
	w.n--
	return len(p), nil
}

// TestRouteLinesWriteError checks that a failing output ends routeLines
// with its error, the reader and the workers stopped.
func TestRouteLinesWriteError(t *testing.T) {
	r, err := router.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	in := bytes.Repeat([]byte(`{"text": "deploy shop to prod"}`+"\n"), 5000)
	for _, n := range []int{0, 1, 3} {
		if err := routeLines(context.Background(), r, bytes.NewReader(in), &failingWriter{n: n}, 2); !errors.Is(err, errWrite) {
			t.Errorf("after %d writes: %v, want %v", n, err, errWrite)
		}
	}
}

// BenchmarkRouteLines measures route --jsonl without the process: the
// routing sets' lines read, parsed with two workers and written.
func BenchmarkRouteLines(b *testing.B) {
	r, err := router.New([]deploybot.Project{{Name: "shop"}, {Name: "api"}, {Name: "web"}})
	if err != nil {
		b.Fatal(err)
	}
	in := routeInput(b)
	lines := bytes.Count(in, []byte("\n"))
	b.ResetTimer()
	for b.Loop() {
		if err := routeLines(context.Background(), r, bytes.NewReader(in), discard{}, 2); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*lines)/b.Elapsed().Seconds(), "msgs/s")
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestPlainTextLine checks that the lines plainTextLine reads are read as
// json.Unmarshal reads them, and that it leaves the others to it.
func TestPlainTextLine(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
	}{
		{`{"text": "deploy shop to prod"}`, true},
		{`{"text":"déploie l'api en prod 🚀"}`, true},
		{" \t{ \"text\" :\r\n\"x\" }  ", true},
		{`{"text": ""}`, true},
		{`{"text": "a \"quoted\" word"}`, false},
		{`{"text": "tab\there"}`, false},
		{`{"text": "\u00e9"}`, false},
		{"{\"text\": \"ctl\x01\"}", false},
		{"{\"text\": \"bad \xff utf-8\"}", false},
		{`{"Text": "other case"}`, false},
		{`{"text": "x", "history": ["a"]}`, false},
		{`{"history": ["a"], "text": "x"}`, false},
		{`{"text": "x"} trailing`, false},
		{`{"text": "x"`, false},
		{`{"text": 3}`, false},
		{`{"text": "x"}}`, false},
		{`[{"text": "x"}]`, false},
		{``, false},
	}
	for _, tt := range tests {
		got, ok := plainTextLine([]byte(tt.line))
		if ok != tt.ok {
			t.Errorf("%q: ok %v, want %v", tt.line, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		var in struct {
			Text *string `json:"text"`
		}
		if err := json.Unmarshal([]byte(tt.line), &in); err != nil || in.Text == nil || *in.Text != got {
			t.Errorf("%q: %q, json.Unmarshal %v (%v)", tt.line, got, in.Text, err)
		}
	}
}
