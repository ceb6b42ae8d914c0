package router_test

import (
	"fmt"
	"testing"
	"time"

	"deploybot/router"
)

// TestMoments reads moments in both languages against a fixed now
// (Wednesday 25 November 2026, 09:30 in Paris): each gives the moment it
// names, in the zone the caller places it in.
func TestMoments(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, paris)
	tests := []struct{ text, want string }{
		{"can I deploy on Dec 22 at 10am?", "2026-12-22 10:00"},
		// A weekday with its day number is that date (a new user's "jeudi
		// 24 à 11h" was the next Thursday, the 26th of November).
		{"on peut livrer jeudi 24 a 11h ?", "2026-12-24 11:00"},
		{"can we deploy on thursday 24 at 11am?", "2026-12-24 11:00"},
		{"vendredi 27 à 15h", "2026-11-27 15:00"},
		{"can we ship on friday the 18th at 3pm?", "2026-12-18 15:00"},
		{"mardi 1er à 10h", "2026-12-01 10:00"},
		{"le 23 au soir", "2026-12-23 19:00"},
		{"le 30 à 10h", "2026-11-30 10:00"},
		{"ven 27 à 15h", "2026-11-27 15:00"},
		{"jeudi 27", "2026-11-27 10:00"}, // the 27th is a Friday: that date, whose weekday the answer shows (not some Thursday 27th next year)
		{"le 22/12 à 10h", "2026-12-22 10:00"},
		{"22 décembre à 14h30", "2026-12-22 14:30"},
		{"December 22nd at 3pm", "2026-12-22 15:00"},
		{"can I deploy next Tuesday at 10?", "2026-12-01 10:00"},
		{"mardi prochain à 10h", "2026-12-01 10:00"},
		{"demain 9h", "2026-11-26 09:00"},
		{"tomorrow at 5pm", "2026-11-26 17:00"},
		{"dans deux heures", "2026-11-25 11:30"},
		{"in 2 hours", "2026-11-25 11:30"},
		{"dans 30 minutes", "2026-11-25 10:00"},
		{"in 45 minutes", "2026-11-25 10:15"},
		{"this Friday afternoon", "2026-11-27 15:00"},
		{"vendredi après-midi", "2026-11-27 15:00"},
		{"lundi prochain", "2026-11-30 10:00"},
		{"next monday", "2026-11-30 10:00"},
		{"wednesday at 2pm", "2026-11-25 14:00"},
		{"next wednesday", "2026-12-02 10:00"},
		{"mercredi prochain", "2026-12-02 10:00"},
		{"aujourd'hui à 15h", "2026-11-25 15:00"},
		{"today at 3pm", "2026-11-25 15:00"},
		{"ce soir", "2026-11-25 19:00"},
		{"tonight", "2026-11-25 19:00"},
		{"demain matin", "2026-11-26 10:00"},
		{"tomorrow morning", "2026-11-26 10:00"},
		{"après-demain à 11h", "2026-11-27 11:00"},
		{"le 1er décembre", "2026-12-01 10:00"},
		{"2026-12-24 16:00", "2026-12-24 16:00"},
		{"le 24/12 à 11h", "2026-12-24 11:00"},
		{"24/12/2026 à 9h", "2026-12-24 09:00"},
		{"à 17h", "2026-11-25 17:00"},
		{"at 8am", "2026-11-26 08:00"},
		{"17h30", "2026-11-25 17:30"},
		{"Friday 5pm", "2026-11-27 17:00"},
		{"je peux déployer vendredi à 17h ?", "2026-11-27 17:00"},
		{"samedi", "2026-11-28 10:00"},
		{"this weekend", "2026-11-28 11:00"},
		{"ce week-end", "2026-11-28 11:00"},
		{"next week", "2026-11-30 10:00"},
		{"la semaine prochaine", "2026-11-30 10:00"},
		{"jan 5 at 10am", "2027-01-05 10:00"},
		{"le 5 janvier", "2027-01-05 10:00"},
		{"in 3 days", "2026-11-28 09:30"},
		{"dans 2 jours", "2026-11-27 09:30"},
		{"dans une heure", "2026-11-25 10:30"},
		{"in an hour", "2026-11-25 10:30"},
		{"at noon", "2026-11-25 12:00"},
		{"à midi", "2026-11-25 12:00"},
		{"demain midi", "2026-11-26 12:00"},
		{"thursday at 10", "2026-11-26 10:00"},
		{"jeudi vers 15h", "2026-11-26 15:00"},
		{"on tue at 14:00", "2026-12-01 14:00"},
		{"le 3 mars à 9h", "2027-03-03 09:00"},
		{"march 3rd 9am", "2027-03-03 09:00"},
		{"on peut livrer le 24 décembre à 11h ?", "2026-12-24 11:00"},
		{"demain soir", "2026-11-26 19:00"},
		{"tomorrow evening", "2026-11-26 19:00"},
		{"vendredi 12h", "2026-11-27 12:00"},
		{"friday at noon", "2026-11-27 12:00"},
		// "the Nth of <month>": the month was dropped, and "Go ahead"
		// answered for the 24th of the current month (session 24).
		{"can I deploy on the 24th of december?", "2026-12-24 10:00"},
		{"can i deploy on the 1st of april at 11?", "2027-04-01 11:00"},
		{"is the 3rd of december ok at 2pm?", "2026-12-03 14:00"},
		{"can I deploy at 17 on the 3rd of march?", "2027-03-03 17:00"},
		{"je peux déployer à 15h le 3 mars ?", "2027-03-03 15:00"},
	}
	days := []struct {
		fr, en string
		date   string
	}{
		{"lundi", "monday", "2026-11-30"}, {"mardi", "tuesday", "2026-12-01"}, {"mercredi", "wednesday", "2026-11-25"},
		{"jeudi", "thursday", "2026-11-26"}, {"vendredi", "friday", "2026-11-27"}, {"samedi", "saturday", "2026-11-28"},
		{"dimanche", "sunday", "2026-11-29"},
	}
	for _, d := range days {
		tests = append(tests,
			struct{ text, want string }{fmt.Sprintf("je peux déployer %s à 11h ?", d.fr), d.date + " 11:00"},
			struct{ text, want string }{fmt.Sprintf("can I deploy on %s at 11am?", d.en), d.date + " 11:00"},
			struct{ text, want string }{fmt.Sprintf("%s 16h30", d.fr), d.date + " 16:30"},
		)
	}
	if len(tests) < 80 {
		t.Fatalf("%d expressions: the table needs at least 80", len(tests))
	}
	for _, tt := range tests {
		m, ok := router.Moment(tt.text)
		if !ok {
			t.Errorf("Moment(%q): none found, want %s", tt.text, tt.want)
			continue
		}
		if got := m.At(now).Format("2006-01-02 15:04"); got != tt.want {
			t.Errorf("Moment(%q) = %s, want %s (%+v)", tt.text, got, tt.want, m)
		}
	}
	for _, text := range []string{"what is a canary release?", "deploy shop v1.2.0 to production", "status"} {
		if m, ok := router.Moment(text); ok {
			t.Errorf("Moment(%q) = %+v, want none", text, m)
		}
	}
}
