package router

import (
	"bytes"
	"errors"
	"flag"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write model.bin from the corpus (go generate ./router/)")

// TestModelFile retrains the models on the corpus and checks that the
// embedded model.bin is that training, byte for byte, and that it reads
// back as the trained models, feature by feature. With -update it writes
// model.bin instead: go generate ./router/ runs it so.
func TestModelFile(t *testing.T) {
	if runtime.GOARCH != "amd64" && !*update {
		// math.Log is assembly on amd64 and Go elsewhere: the last bit of
		// a log-probability may differ, and model.bin is generated on
		// amd64.
		t.Skip("model.bin is generated and checked on amd64")
	}
	ls, err := corpus()
	if err != nil {
		t.Fatal(err)
	}
	reads, err := readQuestions()
	if err != nil {
		t.Fatal(err)
	}
	l, err := trainCorpus(ls, reads)
	if err != nil {
		t.Fatal(err)
	}
	data, err := l.encode()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("model.bin", data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote model.bin: %d bytes", len(data))
		return
	}
	if !bytes.Equal(data, []byte(modelBin)) {
		t.Fatalf("model.bin (%d bytes) is not the model trained on the corpus and the rules (%d bytes): run go generate ./router/",
			len(modelBin), len(data))
	}
	intent, topic, lang, vocab, err := decodeModelFile(modelBin)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		dense   *denseModel
		compact *model
	}{{"intent", l.intent, intent}, {"topic", l.topic, topic}, {"lang", l.lang, lang}} {
		k := len(c.dense.classes)
		if !slices.Equal(c.compact.prior, c.dense.prior) {
			t.Errorf("%s: prior %v, trained %v", c.name, c.compact.prior, c.dense.prior)
		}
		for h := range uint32(hashSize) {
			for class := range k {
				if got, want := c.compact.logp(h, class), c.dense.logp[int(h)*k+class]; got != want {
					t.Fatalf("%s: feature %d class %s: %v, trained %v", c.name, h, c.dense.classes[class], got, want)
				}
			}
		}
	}
	if !slices.Equal(vocab, slices.Sorted(maps.Keys(l.vocab))) {
		t.Errorf("vocabulary of %d words, trained %d", len(vocab), len(l.vocab))
	}
}

// TestModelFileDamaged checks that a model file that is not exactly one
// written by this code is refused, never read out of bounds.
func TestModelFileDamaged(t *testing.T) {
	good := modelBin
	_, _, _, vocab, err := decodeModelFile(good)
	if err != nil {
		t.Fatalf("model.bin: %v", err)
	}
	// The vocabulary is the file's end: its count, then its words.
	start := len(good) - 4
	for _, w := range vocab {
		start -= len(w) + 1
	}
	twoWords := func(a, b string) string {
		return good[:start] + string([]byte{2, 0, 0, 0}) + a + "\n" + b + "\n"
	}
	if _, _, _, _, err := decodeModelFile(twoWords("a", "b")); err != nil {
		t.Fatalf("a vocabulary of two words: %v", err)
	}
	tests := []struct {
		name string
		data string
	}{
		{"empty", ""},
		{"magic only", modelMagic},
		{"other version", "deploybot router model 3\n" + good[len(modelMagic):]},
		{"cut in the intent model", good[:len(modelMagic)+100]},
		{"cut in the rows", good[:len(good)/2]},
		{"cut in the vocabulary", good[:len(good)-3]},
		{"trailing byte", good + "x"},
		{"vocabulary out of order", twoWords("b", "a")},
		{"a word twice", twoWords("a", "a")},
		{"other classes", good[:len(modelMagic)] + string(rune(9)) + good[len(modelMagic)+1:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, _, _, err := decodeModelFile(tt.data); !errors.Is(err, errModelFile) {
				t.Errorf("decodeModelFile: %v, want %v", err, errModelFile)
			}
		})
	}
}

// TestSpellings checks that a message scores the same with the spellings
// of its words as feature by feature, to the last bit, and the ground for
// it: every log-probability has a magnitude of 1 or more, so that sums of
// them weighted by 1 or 0.25 are exact whatever their grouping.
func TestSpellings(t *testing.T) {
	tr, err := loadTrained()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"deploy shop v1.2.3 to staging", "déploie l'api en prod stp", "rollback web now, it is down",
		"can I deploy on friday?", "qsdfqsdf zzz", "", "__app __prod",
		"shop crm 1.4.2 v2.0.0-rc.1 " + strings.Repeat("x", spelledMaxWord) + " " + strings.Repeat("y", spelledMaxWord+1)}
	for _, w := range tr.vocab.words {
		texts = append(texts, w, "please "+w+" now")
	}
	for _, m := range []*model{tr.intent, tr.lang} {
		for c, vs := range m.values {
			for _, v := range vs {
				if v > -1 {
					t.Fatalf("%s class %d: log-probability %v above -1", m.classes[0], c, v)
				}
			}
		}
		k := len(m.classes)
		lists := [][]string{{phApp, "deploy", phVersion, "to", phEnv}, {"rollback", phApp}}
		for _, text := range texts {
			lists = append(lists, langWords(normalize(text)))
		}
		for _, words := range lists {
			text := strings.Join(words, " ")
			got := make([]float64, k)
			gotTotal := m.scores(words, true, false, got)
			// Again: the words outside the vocabulary from the cache.
			again := make([]float64, k)
			if againTotal := m.scores(words, true, false, again); !slices.Equal(again, got) || againTotal != gotTotal {
				t.Fatalf("%q: scores %v (weight %v), then %v (weight %v)", text, got, gotTotal, again, againTotal)
			}
			want := make([]float64, k)
			wantTotal := 0.0
			features(words, true, false, func(h uint32, w float64) {
				for c := range k {
					want[c] += w * float64(m.logp(h, c))
				}
				wantTotal += w
			}, nil)
			for c := range k {
				want[c] += m.prior[c]
			}
			if !slices.Equal(got, want) || gotTotal != wantTotal {
				t.Fatalf("%q: scores %v (weight %v), feature by feature %v (weight %v)", text, got, gotTotal, want, wantTotal)
			}
		}
	}
}
