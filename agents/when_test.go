package agents

import (
	"testing"
	"time"
)

func TestWhen(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, paris) // a Wednesday
	tests := []struct {
		text  string
		want  time.Time
		named bool
	}{
		{"je peux déployer maintenant ?", now, false},
		{"can I deploy now?", now, false},
		{"vendredi à 17h ?", time.Date(2026, 11, 27, 17, 0, 0, 0, paris), true},
		{"friday 5pm?", time.Date(2026, 11, 27, 17, 0, 0, 0, paris), true},
		{"friday at 5 pm?", time.Date(2026, 11, 27, 17, 0, 0, 0, paris), true},
		{"demain matin ?", time.Date(2026, 11, 26, 10, 0, 0, 0, paris), true},
		{"mercredi 14:30", time.Date(2026, 11, 25, 14, 30, 0, 0, paris), true},
		{"lundi ?", time.Date(2026, 11, 30, 10, 0, 0, 0, paris), true},
		{"le 24 décembre à 11h", time.Date(2026, 12, 24, 11, 0, 0, 0, paris), true},
		{"on 24/12 at 10am", time.Date(2026, 12, 24, 10, 0, 0, 0, paris), true},
		{"cet aprem", time.Date(2026, 11, 25, 15, 0, 0, 0, paris), true},
		{"le 3 janvier", time.Date(2027, 1, 3, 10, 0, 0, 0, paris), true},
	}
	for _, tt := range tests {
		got, named := when(tt.text, now)
		if !got.Equal(tt.want) || named != tt.named {
			t.Errorf("when(%q) = %v, %v; want %v, %v", tt.text, got, named, tt.want, tt.named)
		}
	}
}
