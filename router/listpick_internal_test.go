package router

import (
	"slices"
	"testing"
)

// TestSuggestionPickLeavesTheWordsAlone: a pick reads the words of its
// text from wordsOf's memory, shared by every reader of that text; it
// must not change them (it deleted "option" in place).
func TestSuggestionPickLeavesTheWordsAlone(t *testing.T) {
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	text := "option 2"
	before := slices.Clone(wordsOf(text))
	if pick, ok := r.suggestionPicked(text, []string{"status web", "help"}); !ok || pick != "help" {
		t.Fatalf("option 2: %q %v, want help", pick, ok)
	}
	if after := wordsOf(text); !slices.Equal(before, after) {
		t.Errorf("wordsOf(%q) changed: %q, was %q", text, after, before)
	}
}
