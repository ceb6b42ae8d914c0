package config_test

import (
	"strings"
	"testing"
	"time"

	"deploybot/config"
)

func TestParseWindow(t *testing.T) {
	tests := []struct {
		spec string
		want string // String() of the result, or the error's beginning
		err  bool
	}{
		{spec: "Tue-Thu 10:00-16:00", want: "Tue-Thu 10:00-16:00"},
		{spec: "Mon 12:00-18:00", want: "Mon 12:00-18:00"},
		{spec: "Fri 12:00-24:00", want: "Fri 12:00-24:00"},
		{spec: "Sat-Sun", want: "Sat-Sun"},
		{spec: "mon,wed,FRI 09:00-12:00", want: "Mon,Wed,Fri 09:00-12:00"},
		{spec: "Monday-Tuesday 08:30 - 09:15", want: "Mon-Tue 08:30-09:15"},
		{spec: "Fri-Mon", want: "Mon,Fri-Sun"},
		{spec: "Mon-Sun 00:00-24:00", want: "Mon-Sun"},
		{spec: "", want: "empty window", err: true},
		{spec: "Tus 10:00-12:00", want: `unknown day "Tus"; did you mean "Tue"?`, err: true},
		{spec: "Xyz 10:00-12:00", want: `unknown day "Xyz"; expected one of`, err: true},
		{spec: "lun,Mer-Vendredi 10:00-12:00", want: "Mon,Wed-Fri 10:00-12:00"},
		{spec: "Mon 10:00", want: `invalid time range "10:00"`, err: true},
		{spec: "Mon 9:00-12:00", want: `invalid time "9:00"`, err: true},
		{spec: "Mon 10:00-24:30", want: `invalid time "24:30"`, err: true},
		{spec: "Mon 10:60-11:00", want: `invalid time "10:60"`, err: true},
		{spec: "Mon 16:00-10:00", want: "start 16:00 is not before end 10:00", err: true},
		{spec: "Mon 10:00-10:00", want: "start 10:00 is not before end 10:00", err: true},
		{spec: "Mon 24:00-24:00", want: "invalid start 24:00", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			w, err := config.ParseWindow(tt.spec)
			switch {
			case tt.err && err == nil:
				t.Fatalf("ParseWindow = %v, want an error", w)
			case tt.err && !strings.HasPrefix(err.Error(), tt.want):
				t.Fatalf("error %q, want it to start with %q", err, tt.want)
			case !tt.err && err != nil:
				t.Fatalf("error %v", err)
			case !tt.err && w.String() != tt.want:
				t.Fatalf("String() = %q, want %q", w.String(), tt.want)
			}
		})
	}
}

func TestWindowContains(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hhmm string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hhmm, paris)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	// 2026-11-24 is a Tuesday.
	tests := []struct {
		spec string
		t    time.Time
		want bool
	}{
		{"Tue-Thu 10:00-16:00", at("2026-11-24", "10:00"), true},
		{"Tue-Thu 10:00-16:00", at("2026-11-26", "15:59"), true},
		{"Tue-Thu 10:00-16:00", at("2026-11-26", "16:00"), false},
		{"Tue-Thu 10:00-16:00", at("2026-11-24", "09:59"), false},
		{"Tue-Thu 10:00-16:00", at("2026-11-23", "11:00"), false},
		{"Fri 12:00-24:00", at("2026-11-27", "23:59"), true},
		{"Fri 12:00-24:00", at("2026-11-28", "00:00"), false},
		{"Sat-Sun", at("2026-11-29", "00:00"), true},
		{"Sat-Sun", at("2026-11-30", "00:00"), false},
	}
	for _, tt := range tests {
		w, err := config.ParseWindow(tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.Contains(tt.t); got != tt.want {
			t.Errorf("%q.Contains(%s) = %v, want %v", tt.spec, tt.t.Format("Mon 15:04"), got, tt.want)
		}
	}
}

func TestDefaultWindowsParse(t *testing.T) {
	w := config.DefaultWindows()
	for _, spec := range append(append(w.Recommended, w.Acceptable...), w.Avoid...) {
		if _, err := config.ParseWindow(spec); err != nil {
			t.Errorf("default window %q: %v", spec, err)
		}
	}
}
