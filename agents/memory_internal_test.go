package agents

import (
	"fmt"
	"testing"
	"time"
)

// TestMemoryEvict: a full memory forgets its oldest conversations, an
// eighth of memoryMax at once, those heard at one instant included.
func TestMemoryEvict(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		at   func(i int) time.Time
	}{
		{"distinct times", func(i int) time.Time { return t0.Add(time.Duration(i) * time.Second) }},
		{"one instant", func(int) time.Time { return t0 }},
		{"pairs", func(i int) time.Time { return t0.Add(time.Duration(i/2) * time.Second) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMemory()
			for i := range memoryMax {
				m.convs[fmt.Sprint(i)] = &recent{at: tc.at(i)}
			}
			m.evict()
			if want := memoryMax - memoryMax/8; len(m.convs) != want {
				t.Fatalf("%d conversations kept, want %d", len(m.convs), want)
			}
			// Nothing kept is older than something forgotten.
			var newestGone, oldestKept time.Time
			for i := range memoryMax {
				at := tc.at(i)
				if r, ok := m.convs[fmt.Sprint(i)]; ok {
					if oldestKept.IsZero() || r.at.Before(oldestKept) {
						oldestKept = r.at
					}
				} else if at.After(newestGone) {
					newestGone = at
				}
			}
			if oldestKept.Before(newestGone) {
				t.Errorf("kept a conversation of %s, forgot one of %s", oldestKept, newestGone)
			}
		})
	}
}
