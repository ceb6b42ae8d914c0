package router

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSplitSentences compares splitSentences with the regexp it stands
// for, on the corpus' messages and on random texts of the bytes the
// regexp reads.
func TestSplitSentences(t *testing.T) {
	texts := []string{"", ".", ". ", " .", "a. b", "a.b", "a..  b!?\n\nc", "\n\na", "a\n", "a !", "a!! ", "a;\tb\fc\rd", "v1.2.3 ok. then",
		"déploie l'api. stp !", "a ...b... c"}
	files, err := filepath.Glob(filepath.Join("corpus", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var l struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &l) == nil {
				texts = append(texts, l.Text, strings.TrimSpace(l.Text))
			}
		}
		fh.Close()
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	const alphabet = ".!?; \t\n\f\rab\v"
	for range 20000 {
		b := make([]byte, rnd.IntN(12))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		if got, want := splitSentences(s), sentenceEnd.Split(s, -1); !slices.Equal(got, want) {
			t.Fatalf("splitSentences(%q) = %q, the regexp gives %q", s, got, want)
		}
	}
}
