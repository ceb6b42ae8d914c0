package slack

import (
	"testing"
	"time"
)

// TestOrderTime checks which time orders a channel's inbox entries:
// Slack's own, the same on every replica, unless it is missing or too far
// from this process' clock to be trusted.
func TestOrderTime(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name  string
		slack time.Time
		want  time.Time
	}{
		{"no ts (slash command)", time.Time{}, now},
		{"ts of the message", now.Add(-3 * time.Second), now.Add(-3 * time.Second)},
		{"replica's clock behind Slack's", now.Add(4 * time.Second), now.Add(4 * time.Second)},
		{"ts an hour old", now.Add(-time.Hour), now},
		{"ts in the future", now.Add(time.Hour), now},
	} {
		if got := orderTime(tt.slack, now); !got.Equal(tt.want) {
			t.Errorf("%s: orderTime = %v, want %v", tt.name, got, tt.want)
		}
	}
	// Two replicas whose clocks differ by five seconds receive a thread's
	// two messages, the later one first: Slack's times keep their order.
	first, second := now.Add(-2*time.Second), now.Add(-1*time.Second)
	replicaA, replicaB := now.Add(5*time.Second), now
	if a, b := orderTime(first, replicaA), orderTime(second, replicaB); !a.Before(b) {
		t.Errorf("first message ordered at %v, second at %v", a, b)
	}
}
