package schedule_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/policy"
	"deploybot/schedule"
)

// builtin returns the built-in reminder of kind for #deploys.
func builtin(kind schedule.Kind, lang deploybot.Lang) deploybot.Reminder {
	for _, r := range schedule.Defaults("#deploys", "", lang) {
		if r.Kind == string(kind) {
			return r
		}
	}
	panic("no built-in " + kind)
}

func nextTimes(t *testing.T, s *schedule.Scheduler, kind schedule.Kind, from time.Time, n int) string {
	t.Helper()
	ts, err := s.Next(builtin(kind, deploybot.French), from, n)
	if err != nil {
		t.Fatalf("Next(%s): %v", kind, err)
	}
	var out []string
	for _, x := range ts {
		out = append(out, x.Format("Mon 01-02 15:04 MST"))
	}
	return strings.Join(out, "|")
}

func calendarScheduler(cal policy.Calendar) *schedule.Scheduler {
	return &schedule.Scheduler{Calendar: func(string) policy.Calendar { return cal }}
}

// TestBuiltinsAcrossAWeek lists when each built-in reminder posts in an
// ordinary week, then across the autumn daylight-saving change.
func TestBuiltinsAcrossAWeek(t *testing.T) {
	s := calendarScheduler(agencyCalendar(t))
	from := at(2026, 11, 22, 20, 0) // Sunday evening
	tests := []struct {
		kind schedule.Kind
		want string
	}{
		{schedule.KindWeekly, "Mon 11-23 09:00 CET|Mon 11-30 09:00 CET"},
		{schedule.KindWindowOpen, "Tue 11-24 10:00 CET|Wed 11-25 10:00 CET|Thu 11-26 10:00 CET|Tue 12-01 10:00 CET"},
		{schedule.KindWindowClose, "Tue 11-24 16:00 CET|Wed 11-25 16:00 CET|Thu 11-26 16:00 CET|Tue 12-01 16:00 CET"},
		{schedule.KindAvoidStart, "Fri 11-27 12:00 CET|Fri 12-04 12:00 CET"},
	}
	for _, tt := range tests {
		n := strings.Count(tt.want, "|") + 1
		if got := nextTimes(t, s, tt.kind, from, n); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.kind, got, tt.want)
		}
	}
	// Windows keep their local hours across the change of 25 October.
	if got := nextTimes(t, s, schedule.KindWindowOpen, at(2026, 10, 19, 0, 0), 4); got != "Tue 10-20 10:00 CEST|Wed 10-21 10:00 CEST|Thu 10-22 10:00 CEST|Tue 10-27 10:00 CET" {
		t.Errorf("window_open across the autumn change: %s", got)
	}
	if got := nextTimes(t, s, schedule.KindWeekly, at(2027, 3, 20, 0, 0), 2); got != "Mon 03-22 09:00 CET|Mon 03-29 09:00 CEST" {
		t.Errorf("weekly across the spring change: %s", got)
	}
}

// TestBuiltinsAroundHolidays checks the eves and holidays of the French
// calendar: no window opens on a holiday or its eve, and the holiday_eve
// reminder comes on the last day one may still deploy before them.
func TestBuiltinsAroundHolidays(t *testing.T) {
	s := calendarScheduler(agencyCalendar(t))
	tests := []struct {
		name string
		kind schedule.Kind
		from time.Time
		n    int
		want string
	}{
		// Christmas 2026 is a Friday: Thursday 24 is its eve, and 31
		// December the eve of New Year's Day.
		{"no window on Christmas eve nor New Year's eve", schedule.KindWindowOpen, at(2026, 12, 21, 0, 0), 4,
			"Tue 12-22 10:00 CET|Wed 12-23 10:00 CET|Tue 12-29 10:00 CET|Wed 12-30 10:00 CET"},
		{"no Friday warning on Christmas and New Year's Day", schedule.KindAvoidStart, at(2026, 12, 21, 0, 0), 1,
			"Fri 01-08 12:00 CET"},
		{"Christmas announced on Wednesday 23", schedule.KindHolidayEve, at(2026, 12, 21, 0, 0), 2,
			"Wed 12-23 09:00 CET|Wed 12-30 09:00 CET"},
		// Ascension 2026 is Thursday 14 May; its eve Wednesday 13.
		{"Ascension 2026: no window on its eve nor on it", schedule.KindWindowOpen, at(2026, 5, 11, 0, 0), 3,
			"Tue 05-12 10:00 CEST|Tue 05-19 10:00 CEST|Wed 05-20 10:00 CEST"},
		{"Ascension 2026 announced on Tuesday 12", schedule.KindHolidayEve, at(2026, 5, 11, 0, 0), 1,
			"Tue 05-12 09:00 CEST"},
		// Ascension 2027 is Thursday 6 May (not 13 May, an ordinary
		// Thursday), and Saturday 8 May makes Friday 7 an eve.
		{"Ascension 2027 and 8 May: windows", schedule.KindWindowOpen, at(2027, 5, 3, 0, 0), 4,
			"Tue 05-04 10:00 CEST|Tue 05-11 10:00 CEST|Wed 05-12 10:00 CEST|Thu 05-13 10:00 CEST"},
		{"Ascension 2027 and 8 May announced together on Tuesday 4", schedule.KindHolidayEve, at(2027, 5, 3, 0, 0), 2,
			"Tue 05-04 09:00 CEST|Fri 05-14 09:00 CEST"},
		{"no Friday warning on the eve of 8 May", schedule.KindAvoidStart, at(2027, 5, 3, 0, 0), 1,
			"Fri 05-14 12:00 CEST"},
		// Easter Monday 2027 is the day after the spring change.
		{"Easter Monday 2027 announced on Friday, before the change", schedule.KindHolidayEve, at(2027, 3, 22, 0, 0), 1,
			"Fri 03-26 09:00 CET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextTimes(t, s, tt.kind, tt.from, tt.n); got != tt.want {
				t.Errorf("\n got %s\nwant %s", got, tt.want)
			}
		})
	}

	ctx := context.Background()
	r, ok, err := s.Compose(ctx, builtin(schedule.KindHolidayEve, deploybot.French), at(2027, 5, 4, 9, 0))
	if err != nil || !ok {
		t.Fatalf("holiday_eve on 4 May 2027: %v %v", ok, err)
	}
	for _, want := range []string{"Jours fériés en vue", "jeudi 6 mai : Ascension ; la veille, mercredi 5 mai, est aussi à éviter",
		"samedi 8 mai : Fête de la Victoire ; la veille, vendredi 7 mai, est aussi à éviter", "Aujourd'hui est le dernier jour",
		"mardi 11 mai à 10h"} {
		if !strings.Contains(r.Title+"\n"+r.Text, want) {
			t.Errorf("holiday_eve lacks %q:\n%s\n%s", want, r.Title, r.Text)
		}
	}
	w, _, _ := s.Compose(ctx, builtin(schedule.KindWeekly, deploybot.English), at(2027, 3, 29, 9, 0))
	if !strings.Contains(w.Fields[0].Label+" "+w.Fields[0].Value, "Monday 29 🚫 public holiday (Lundi de Pâques)") {
		t.Errorf("weekly on Easter Monday: %+v", w.Fields)
	}
}

// TestBuiltinsAroundAFreeze checks the end-of-year freeze: announced on the
// last day before it, its end on the first day after it, and nothing of
// Christmas in between.
func TestBuiltinsAroundAFreeze(t *testing.T) {
	s := calendarScheduler(agencyCalendar(t, endOfYear()))
	from := at(2026, 12, 14, 0, 0)
	for _, tt := range []struct {
		kind schedule.Kind
		want string
	}{
		{schedule.KindFreezeStart, "Fri 12-18 09:00 CET"},
		{schedule.KindFreezeEnd, "Mon 01-04 09:00 CET"},
		{schedule.KindHolidayEve, "Fri 03-26 09:00 CET"}, // Christmas and New Year are in the freeze
		{schedule.KindWindowOpen, "Tue 12-15 10:00 CET|Wed 12-16 10:00 CET|Thu 12-17 10:00 CET|Tue 01-05 10:00 CET"},
	} {
		n := strings.Count(tt.want, "|") + 1
		if got := nextTimes(t, s, tt.kind, from, n); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.kind, got, tt.want)
		}
	}
	r, ok, err := s.Compose(context.Background(), builtin(schedule.KindFreezeStart, deploybot.English), at(2026, 12, 18, 9, 0))
	if err != nil || !ok || !strings.Contains(r.Text, "From Sunday 20 December to Sunday 3 January included (production): fin d'année.") ||
		!strings.Contains(r.Text, "Today is the last day to ship") {
		t.Errorf("freeze_start: %v %v %+v", ok, err, r)
	}
}

// TestWeeklyCheckCoversUntilTheNextRun checks that a check on a weekly
// cron announces what comes before its next run.
func TestWeeklyCheckCoversUntilTheNextRun(t *testing.T) {
	s := calendarScheduler(agencyCalendar(t, endOfYear()))
	r := deploybot.Reminder{Kind: string(schedule.KindFreezeStart), Cron: "0 9 * * MON", Channel: "#deploys"}
	ts, err := s.Next(r, at(2026, 12, 1, 0, 0), 1)
	if err != nil || len(ts) != 1 || !ts[0].Equal(at(2026, 12, 14, 9, 0)) {
		t.Errorf("weekly freeze check: %v %v, want Monday 14 December 09:00", ts, err)
	}
}

func TestInactiveAndInvalid(t *testing.T) {
	s := calendarScheduler(agencyCalendar(t))
	for _, k := range []schedule.Kind{schedule.KindPendingApprovals, schedule.KindHeldLocks} {
		if _, err := s.Next(builtin(k, deploybot.French), at(2026, 11, 23, 0, 0), 1); !errors.Is(err, schedule.ErrInactive) {
			t.Errorf("%s without a source: %v, want ErrInactive", k, err)
		}
	}
	noWindows := calendarScheduler(policy.Calendar{Location: paris})
	if _, err := noWindows.When(builtin(schedule.KindWindowOpen, deploybot.French)); !errors.Is(err, schedule.ErrInactive) {
		t.Errorf("window_open without windows: %v", err)
	}
	for _, r := range []deploybot.Reminder{
		{Kind: "nope", Cron: "0 9 * * *", Channel: "#x"},
		{Kind: "custom", Cron: "0 9 * * *", Channel: "#x"},
		{Kind: "custom", Cron: "0 9 * *", Channel: "#x", Message: "m"},
	} {
		if _, err := s.When(r); err == nil || errors.Is(err, schedule.ErrInactive) {
			t.Errorf("%+v: %v, want an error", r, err)
		}
	}
}

func TestExpand(t *testing.T) {
	kinds := func(rs []deploybot.Reminder) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Kind+"@"+r.Cron)
		}
		return strings.Join(out, " ")
	}
	for _, tt := range []struct {
		kind, want string
	}{
		{"weekly_windows", "weekly_windows@0 8 * * 1 window_open@ window_close@ avoid_start@"},
		{"freezes", "freeze_start@0 8 * * 1 freeze_end@0 8 * * 1 holiday_eve@0 8 * * 1"},
		{"pending_approvals", "pending_approvals@0 8 * * 1 held_locks@0 8 * * 1"},
		{"custom", "custom@0 8 * * 1"},
		{"held_locks", "held_locks@0 8 * * 1"},
	} {
		rs := schedule.Expand(deploybot.Reminder{Kind: tt.kind, Cron: "0 8 * * 1", Channel: "#x", Message: "intro"})
		if got := kinds(rs); got != tt.want {
			t.Errorf("Expand(%s) = %s, want %s", tt.kind, got, tt.want)
		}
		if rs[0].Message != "intro" || len(rs) > 1 && rs[1].Message != "" {
			t.Errorf("Expand(%s): the introduction goes to the first only: %+v", tt.kind, rs)
		}
	}
}
