package schedule_test

import (
	"strings"
	"testing"
	"time"

	"deploybot/schedule"
)

// nextN returns the n next runs of spec after from, in loc, formatted.
func nextN(t *testing.T, spec string, loc *time.Location, from time.Time, n int) []string {
	t.Helper()
	s, err := schedule.Parse(spec, loc)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	at := from
	for range n {
		at = s.Next(at)
		out = append(out, at.In(loc).Format("Mon 01-02 15:04 MST"))
	}
	return out
}

func TestParseAcrossAWeek(t *testing.T) {
	got := nextN(t, "30 9 * * 1-5", paris, at(2026, 11, 20, 10, 0), 5)
	want := "Mon 11-23 09:30 CET|Tue 11-24 09:30 CET|Wed 11-25 09:30 CET|Thu 11-26 09:30 CET|Fri 11-27 09:30 CET"
	if strings.Join(got, "|") != want {
		t.Errorf("weekdays at 9:30:\n got %v\nwant %s", got, want)
	}
	// A spec without a zone is read in the zone given, never the host's;
	// CRON_TZ wins over it.
	ny := mustLoad("America/New_York")
	if got := nextN(t, "0 9 * * MON", ny, at(2026, 11, 20, 10, 0), 1)[0]; got != "Mon 11-23 09:00 EST" {
		t.Errorf("in New York: %s", got)
	}
	if got := nextN(t, "CRON_TZ=Europe/Paris 0 9 * * MON", ny, at(2026, 11, 20, 10, 0), 1)[0]; got != "Mon 11-23 03:00 EST" {
		t.Errorf("CRON_TZ=Europe/Paris seen from New York: %s", got)
	}
	if got := nextN(t, "@daily", paris, at(2026, 11, 20, 10, 0), 2); strings.Join(got, "|") != "Sat 11-21 00:00 CET|Sun 11-22 00:00 CET" {
		t.Errorf("@daily: %v", got)
	}
	if got := nextN(t, "@every 90m", paris, at(2026, 11, 20, 10, 0), 2); strings.Join(got, "|") != "Fri 11-20 11:30 CET|Fri 11-20 13:00 CET" {
		t.Errorf("@every 90m: %v", got)
	}
}

// TestParseDaylightSaving checks both changes of Europe/Paris: 2026-10-25
// (03:00 CEST becomes 02:00 CET) and 2027-03-28 (02:00 CET becomes 03:00
// CEST). Local times hold; a repeated local time runs once; a missing one
// runs once, when the clocks jump.
func TestParseDaylightSaving(t *testing.T) {
	tests := []struct {
		name, spec string
		from       time.Time
		want       string
	}{
		{"09:00 keeps its local time in autumn", "0 9 * * *", at(2026, 10, 23, 12, 0),
			"Sat 10-24 09:00 CEST|Sun 10-25 09:00 CET|Mon 10-26 09:00 CET"},
		{"09:00 keeps its local time in spring", "0 9 * * *", at(2027, 3, 26, 12, 0),
			"Sat 03-27 09:00 CET|Sun 03-28 09:00 CEST|Mon 03-29 09:00 CEST"},
		{"02:30 is not sent twice when clocks go back", "30 2 * * *", at(2026, 10, 24, 3, 0),
			"Sun 10-25 02:30 CEST|Mon 10-26 02:30 CET|Tue 10-27 02:30 CET"},
		{"02:30 runs at 03:00 when it does not exist", "30 2 * * *", at(2027, 3, 27, 3, 0),
			"Sun 03-28 03:00 CEST|Mon 03-29 02:30 CEST|Tue 03-30 02:30 CEST"},
		{"hourly skips the repeated hour", "0 * * * *", at(2026, 10, 25, 1, 30),
			"Sun 10-25 02:00 CEST|Sun 10-25 03:00 CET|Sun 10-25 04:00 CET"},
		{"hourly skips the missing hour", "0 * * * *", at(2027, 3, 28, 0, 30),
			"Sun 03-28 01:00 CET|Sun 03-28 03:00 CEST|Sun 03-28 04:00 CEST"},
		{"every quarter in the missing hour runs once", "*/15 2 * * *", at(2027, 3, 27, 23, 0),
			"Sun 03-28 03:00 CEST|Mon 03-29 02:00 CEST|Mon 03-29 02:15 CEST"},
		{"the Monday reminder after the change", "30 9 * * MON", at(2026, 10, 19, 10, 0),
			"Mon 10-26 09:30 CET|Mon 11-02 09:30 CET|Mon 11-09 09:30 CET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(nextN(t, tt.spec, paris, tt.from, 3), "|"); got != tt.want {
				t.Errorf("%s from %s:\n got %s\nwant %s", tt.spec, tt.from, got, tt.want)
			}
		})
	}
	// Over the whole autumn day, no local time of an every-5-minutes
	// schedule runs twice, and none is lost.
	s, err := schedule.Parse("*/5 * * * *", paris)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for x := s.Next(at(2026, 10, 24, 23, 59)); x.Before(at(2026, 10, 26, 0, 0)); x = s.Next(x) {
		wall := x.In(paris).Format("01-02 15:04")
		if seen[wall] {
			t.Fatalf("local time %s runs twice", wall)
		}
		seen[wall] = true
	}
	if len(seen) != 24*12 {
		t.Errorf("%d runs on 25 October, want %d", len(seen), 24*12)
	}
}

func TestParseErrors(t *testing.T) {
	for _, spec := range []string{"", "0 30 9 * * MON", "61 9 * * *", "CRON_TZ=Mars/Base 0 9 * * *"} {
		if _, err := schedule.Parse(spec, paris); err == nil {
			t.Errorf("Parse(%q) accepted", spec)
		}
	}
}
