package deploybot_test

import (
	"testing"
	"time"

	"deploybot"
)

func TestEarliestCommit(t *testing.T) {
	t1 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	t2 := t1.Add(3 * time.Hour)
	tests := []struct {
		name    string
		changes []deploybot.Change
		want    time.Time
		ok      bool
	}{
		{"no change", nil, time.Time{}, false},
		{"none dated", []deploybot.Change{{SHA: "a"}, {SHA: "b"}}, time.Time{}, false},
		{"newest first", []deploybot.Change{{SHA: "b", CommittedAt: t2}, {SHA: "a", CommittedAt: t1}}, t1, true},
		{"oldest first", []deploybot.Change{{SHA: "a", CommittedAt: t1}, {SHA: "b", CommittedAt: t2}}, t1, true},
		{"undated ones are skipped", []deploybot.Change{{SHA: "c"}, {SHA: "b", CommittedAt: t2}, {SHA: "d"}}, t2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := deploybot.EarliestCommit(tt.changes)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Errorf("EarliestCommit = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
