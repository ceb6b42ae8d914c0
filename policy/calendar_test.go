package policy_test

import (
	"strings"
	"testing"
	"time"

	"deploybot/policy"
)

func windows(t *testing.T, specs ...string) []policy.Window {
	t.Helper()
	var ws []policy.Window
	for _, s := range specs {
		w, err := policy.ParseWindow(s)
		if err != nil {
			t.Fatalf("ParseWindow(%q): %v", s, err)
		}
		ws = append(ws, w)
	}
	return ws
}

func TestCalendarAt(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	hol, ok := policy.NewHolidays("FR")
	if !ok {
		t.Fatal("FR holidays unknown")
	}
	cal := policy.Calendar{
		Location:    paris,
		Recommended: windows(t, "Tue-Thu 10:00-16:00"),
		Acceptable:  windows(t, "Mon 12:00-18:00", "Fri 09:00-12:00"),
		Avoid:       windows(t, "Fri 12:00-24:00", "Sat-Sun"),
		Holidays:    hol,
		Freezes: []policy.Freeze{{
			From: time.Date(2026, 12, 20, 0, 0, 0, 0, paris), To: time.Date(2027, 1, 3, 0, 0, 0, 0, paris),
			Environments: []string{"production"}, Reason: "end of year",
		}},
	}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, paris) }
	tests := []struct {
		name    string
		t       time.Time
		env     string
		class   policy.Class
		holiday string
		eve     string
	}{
		{"tuesday morning", at(2026, 11, 24, 10, 0), "production", policy.Recommended, "", ""},
		{"thursday 15:59", at(2026, 11, 26, 15, 59), "production", policy.Recommended, "", ""},
		{"thursday 16:00 is outside", at(2026, 11, 26, 16, 0), "production", policy.Outside, "", ""},
		{"monday afternoon", at(2026, 11, 30, 14, 0), "production", policy.Acceptable, "", ""},
		{"monday morning", at(2026, 11, 30, 9, 0), "production", policy.Outside, "", ""},
		{"friday morning", at(2026, 11, 27, 10, 0), "production", policy.Acceptable, "", ""},
		{"friday 17:00", at(2026, 11, 27, 17, 0), "production", policy.Avoid, "", ""},
		{"saturday", at(2026, 11, 28, 11, 0), "production", policy.Avoid, "", ""},
		{"eve of armistice (wednesday 10 nov)", at(2026, 11, 10, 11, 0), "production", policy.Avoid, "", "Armistice"},
		{"armistice itself", at(2026, 11, 11, 11, 0), "production", policy.Avoid, "Armistice", ""},
		{"christmas eve in the freeze", at(2026, 12, 24, 11, 0), "production", policy.Frozen, "", ""},
		{"freeze spares staging, eve of christmas still avoided", at(2026, 12, 24, 11, 0), "staging", policy.Avoid, "", "Noël"},
		{"after the freeze", at(2027, 1, 5, 11, 0), "production", policy.Recommended, "", ""},
		{"after the spring DST change, local time holds", at(2027, 3, 30, 10, 30), "production", policy.Recommended, "", ""},
		{"UTC instant converted to Paris", time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), "production", policy.Recommended, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := cal.At(tt.t, "api", tt.env)
			if m.Class != tt.class {
				t.Errorf("class %s, want %s (%+v)", m.Class, tt.class, m)
			}
			if tt.holiday != "" && !strings.Contains(m.Holiday, tt.holiday) || tt.eve != "" && !strings.Contains(m.Eve, tt.eve) {
				t.Errorf("holiday %q eve %q, want %q %q", m.Holiday, m.Eve, tt.holiday, tt.eve)
			}
		})
	}
	next, ok := cal.NextRecommended(at(2026, 11, 27, 17, 0), "api", "production")
	if !ok || !next.Equal(at(2026, 12, 1, 10, 0)) {
		t.Errorf("next recommended after friday 17:00: %v %v, want tuesday 1 dec 10:00", next, ok)
	}
	next, ok = cal.NextRecommended(at(2026, 12, 22, 11, 0), "api", "production")
	if !ok || !next.Equal(at(2027, 1, 5, 10, 0)) {
		t.Errorf("next recommended in the freeze: %v %v, want tuesday 5 jan 10:00", next, ok)
	}
}

func TestNewHolidays(t *testing.T) {
	for _, c := range []string{"FR", "fr", "", "none", "DE", "US"} {
		if _, ok := policy.NewHolidays(c); !ok {
			t.Errorf("NewHolidays(%q) unknown", c)
		}
	}
	if _, ok := policy.NewHolidays("XX"); ok {
		t.Error("NewHolidays(XX) should be unknown")
	}
}
