package router_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"deploybot/router"
)

// devConfigSets are the sets that name the projects of dev-config.yaml;
// the others name config.example.yaml's.
var devConfigSets = []string{"routing_dev.jsonl", "routing_holdout.jsonl", "routing_holdout2.jsonl", "routing_holdout3.jsonl"}

// exampleOnlyNames are config.example.yaml's project names the corpus's
// projects (corpusProjects) do not hold; the topic model learns them as the
// corpus's website, whose names become a placeholder.
var exampleOnlyNames = regexp.MustCompile(`(?i)\b(web|front)\b`)

// lineKey is the form under which two sets' lines are the same line.
func lineKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(exampleOnlyNames.ReplaceAllString(s, "website"))), " ")
}

// readSetQuestions returns the questions the topic model learns from: the
// lines of every evaluation set read (never one of neverRead) that are a
// question said on its own, no history, with their route; not a line a set
// never read holds too ("what's on the pre-deployment checklist?" is in
// several), which its measure would find learnt.
func readSetQuestions(t *testing.T) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "routing_*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	blind := map[string]bool{}
	for _, f := range files {
		if neverRead[filepath.Base(f)] {
			for _, l := range readSet(t, f) {
				blind[lineKey(l.Text)] = true
			}
		}
	}
	var out bytes.Buffer
	for _, f := range files {
		name := filepath.Base(f)
		if neverRead[name] {
			continue
		}
		for _, l := range readSet(t, f) {
			if len(l.History) > 0 || l.Intent != "question" || l.Kind != "" && l.Kind != "question" || blind[lineKey(l.Text)] {
				continue
			}
			text := l.Text
			if !slices.Contains(devConfigSets, name) {
				text = exampleOnlyNames.ReplaceAllString(text, "website")
			}
			line, err := json.Marshal(router.Labelled{Text: text, Lang: l.Lang, Route: l.Route, Intent: l.Intent})
			if err != nil {
				t.Fatal(err)
			}
			out.Write(line)
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

// TestReadSetsFile checks that reads/questions.jsonl, which the topic
// model learns from (questionroute.go), holds exactly the questions of the
// read sets; with -update (go generate ./router/) it writes it.
func TestReadSetsFile(t *testing.T) {
	want := readSetQuestions(t)
	path := filepath.Join("reads", "questions.jsonl")
	if router.UpdateFiles() {
		if err := os.MkdirAll("reads", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d lines", path, bytes.Count(want, []byte("\n")))
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not the read sets' questions (a set was added, read or changed): run go generate ./router/", path)
	}
}

// TestReadQuestionsNeverBlind checks that the topic model learns nothing
// of a set never read: no line of one is among its questions.
func TestReadQuestionsNeverBlind(t *testing.T) {
	texts, err := router.ReadQuestions()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range texts {
		seen[lineKey(s)] = true
	}
	if len(texts) < 5000 {
		t.Fatalf("%d read questions: the file lost most of its lines", len(texts))
	}
	for file := range neverRead {
		for _, l := range readSet(t, filepath.Join("..", "testdata", file)) {
			if seen[lineKey(l.Text)] {
				t.Errorf("%s: %q is among the topic model's questions", file, l.Text)
			}
		}
	}
}
