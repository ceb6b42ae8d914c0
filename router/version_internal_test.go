package router

import (
	"testing"
)

// TestCorpusActionsNameNoBadVersion checks the rules for bad versions
// against the ordinary requests of the training corpus: none of its
// deploys and rollbacks may be refused for one.
func TestCorpusActionsNameNoBadVersion(t *testing.T) {
	ls, err := corpus()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(corpusProjects)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range ls {
		if l.Intent != "deploy" && l.Intent != "rollback" {
			continue
		}
		n++
		m := normalize(l.Text)
		s, _ := r.ix.extract(&m, r.t.vocab)
		bad := s.badVersion
		if l.Intent == "rollback" {
			bad = s.badTarget
		}
		if bad != "" {
			t.Errorf("%q: bad version %q", l.Text, bad)
		}
	}
	if n < 300 {
		t.Errorf("only %d actions in the corpus", n)
	}
}

func TestFieldCore(t *testing.T) {
	tests := []struct{ raw, core, shown string }{
		{"v1.2.3", "v1.2.3", "v1.2.3"},
		{"v1.2.3,", "v1.2.3", "v1.2.3"},
		{"v1.2.3.", "v1.2.3", "v1.2.3"},
		{"v1.2.3...", "v1.2.3...", "v1.2.3..."},
		{"(v1.2.3),", "v1.2.3", "v1.2.3"},
		{"*`v1.2.3`*", "v1.2.3", "v1.2.3"},
		{"«v1.2.3»", "v1.2.3", "v1.2.3"},
		{"v1.2.3'", "v1.2.3'", "v1.2.3'"},
		{"$(id)", "$(id)", "$(id)"},
		{"#42", "42", "#42"},
		{"--help.", "--help", "--help"},
		{"?!", "?!", "?!"},
	}
	for _, tt := range tests {
		if got := fieldCore(tt.raw); got != tt.core {
			t.Errorf("fieldCore(%q) = %q, want %q", tt.raw, got, tt.core)
		}
		if got := shown(tt.raw); got != tt.shown {
			t.Errorf("shown(%q) = %q, want %q", tt.raw, got, tt.shown)
		}
	}
}
