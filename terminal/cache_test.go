package terminal

import (
	"strconv"
	"strings"
	"testing"
)

// TestInlineCache: a line rendered again, from the cache, is rendered as
// the first time, in its own style (plain and ANSI are kept apart), and
// the cache stays bounded.
func TestInlineCache(t *testing.T) {
	lines := []string{"*Rollback* _now_ with `make *x*`", "see <https://example.com|the runbook>", "**strong** and ~gone~", "plain text"}
	for _, ansi := range []bool{false, true, false} {
		s := Style{ANSI: ansi}
		for _, l := range lines {
			want := s.markup(l)
			if ansi && strings.Contains(l, "*") && !strings.Contains(want, boldOn) {
				t.Fatalf("markup(%q) has no bold on a terminal: %q", l, want)
			}
			for range 2 {
				if got := s.inline(l); got != want {
					t.Errorf("ANSI %v: inline(%q) = %q, want %q", ansi, l, got, want)
				}
			}
		}
	}
	for i := range maxRenderCache + 10 {
		Style{}.inline("*" + strconv.Itoa(i) + "*")
	}
	inlineCache.mu.Lock()
	n := len(inlineCache.lines[0])
	inlineCache.mu.Unlock()
	if n > maxRenderCache {
		t.Errorf("%d lines cached, bound %d", n, maxRenderCache)
	}
}
