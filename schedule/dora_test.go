package schedule_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"deploybot"
	"deploybot/policy"
	"deploybot/schedule"
)

// TestDORAReminder: a dora reminder is off unless configured (not among
// the defaults), inactive until its source is wired, weekly by default,
// and posts what the source says for its project, in its language, after
// its introduction.
func TestDORAReminder(t *testing.T) {
	for _, r := range schedule.Defaults("#deploys", "", deploybot.French) {
		if r.Kind == string(schedule.KindDORA) {
			t.Fatal("a dora reminder is among the defaults")
		}
	}
	r := deploybot.Reminder{Kind: string(schedule.KindDORA), Channel: "#deploys", Project: "shop", Lang: deploybot.English, Message: "Monday figures:"}
	off := &schedule.Scheduler{Calendar: func(string) policy.Calendar { return agencyCalendar(t) }}
	if _, err := off.Next(r, at(2026, 11, 23, 0, 0), 1); !errors.Is(err, schedule.ErrInactive) {
		t.Errorf("without a source: %v, want ErrInactive", err)
	}
	type call struct {
		project string
		at      time.Time
		lang    deploybot.Lang
	}
	var calls []call
	s := &schedule.Scheduler{Calendar: func(string) policy.Calendar { return agencyCalendar(t) },
		DORA: func(_ context.Context, project string, at time.Time, l deploybot.Lang) (deploybot.Reply, error) {
			calls = append(calls, call{project, at, l})
			return deploybot.Reply{Title: "DORA figures — shop", Text: "4 deployments"}, nil
		}}
	next, err := s.Next(r, at(2026, 11, 24, 12, 0), 2)
	if err != nil || len(next) != 2 || !next[0].Equal(at(2026, 11, 30, 9, 0)) || !next[1].Equal(at(2026, 12, 7, 9, 0)) {
		t.Errorf("Next = %v, %v; want Mondays 9:00", next, err)
	}
	reply, ok, err := s.Compose(context.Background(), r, at(2026, 11, 30, 9, 0))
	if err != nil || !ok || reply.Text != "Monday figures:\n4 deployments" {
		t.Errorf("Compose = %+v, %v, %v", reply, ok, err)
	}
	if len(calls) != 1 || calls[0] != (call{"shop", at(2026, 11, 30, 9, 0), deploybot.English}) {
		t.Errorf("source calls: %+v", calls)
	}
	failing := &schedule.Scheduler{DORA: func(context.Context, string, time.Time, deploybot.Lang) (deploybot.Reply, error) {
		return deploybot.Reply{}, errors.New("store down")
	}}
	if _, ok, err := failing.Compose(context.Background(), r, at(2026, 11, 30, 9, 0)); ok || err == nil {
		t.Errorf("a failing source: ok %v, err %v", ok, err)
	}
}
