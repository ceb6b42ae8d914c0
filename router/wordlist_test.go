package router

import (
	"fmt"
	"strings"
	"testing"
)

// TestWordList checks that a list answers as the map of its words, for its
// words and for others that share their lengths and edges.
func TestWordList(t *testing.T) {
	for _, words := range [][]string{
		nil,
		{""},
		{"a"},
		{"deploie", "deploye", "deploies", "deployer", "deployez", "deploy", "d", "", "de", "des", "du"},
		fillersOf(300),
		{strings.Repeat("a", 63), strings.Repeat("b", 64), strings.Repeat("c", 70), "ab"}, // the lengths' last bit holds 63 and more
	} {
		l := setOf(words...)
		want := map[string]bool{}
		for _, w := range words {
			want[w] = true
		}
		probes := append([]string{"", "x", "deplxie", "deploi", "zz", "dé", "a b"}, words...)
		for _, w := range words {
			for _, p := range []string{w + "s", "x" + w, w[:len(w)/2], w + w} {
				probes = append(probes, p)
			}
		}
		for _, p := range probes {
			if got := l.has(p); got != want[p] {
				t.Errorf("list of %d words: has(%q) = %v, want %v", len(words), p, got, want[p])
			}
		}
	}
}

func fillersOf(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("w%dx%d", i%17, i)
	}
	return out
}
