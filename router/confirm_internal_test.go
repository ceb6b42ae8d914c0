package router

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfirmAsked checks that confirmAsked, which runs confirmPromptRe
// around its words only, answers as the expression over the whole text:
// on every message and bot turn of the labelled sets, and on phrases
// placed at a text's start, its end and mid-word.
func TestConfirmAsked(t *testing.T) {
	var texts []string
	files, err := filepath.Glob(filepath.Join("..", "testdata", "routing_*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sets: %v", err)
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var l struct {
				Text    string   `json:"text"`
				History []string `json:"history"`
			}
			if json.Unmarshal(sc.Bytes(), &l) == nil {
				texts = append(texts, l.Text)
				texts = append(texts, l.History...)
			}
		}
		fh.Close()
	}
	for _, p := range []string{"Confirm?", "confirmer ?", "Answer \"yes\"", "answer “yes", "Répondez « oui", "répondez \"oui\"", "Réponds oui",
		"confirm with \"yes\"", "Confirmez avec « oui", "CONFIRM ?", "reconfirm?", "préconfirmer ?", "answers yes", "correspond oui", "ſonfirm?"} {
		texts = append(texts, p, "x "+p, p+" x", "é"+p, strings.Repeat("a", 70)+" "+p, p+strings.Repeat(" ", 70)+"?", "Plan: "+p+" within 2 minutes")
	}
	n := 0
	for _, s := range texts {
		if got, want := confirmAsked(s), confirmPromptRe.MatchString(s); got != want {
			t.Errorf("confirmAsked(%q) = %v, want %v", s, got, want)
		}
		if confirmPromptRe.MatchString(s) {
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d texts ask to confirm: the check reads too few", n)
	}
}
