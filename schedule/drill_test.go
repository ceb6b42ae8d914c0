package schedule_test

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/policy"
	"deploybot/schedule"
)

// TestRollbackDrillReminder: a rollback_drill reminder proposes a drill of
// its project's staging, with a button, in a recommended window only; it
// starts nothing; it needs a project.
func TestRollbackDrillReminder(t *testing.T) {
	s := &schedule.Scheduler{Calendar: func(string) policy.Calendar { return agencyCalendar(t) }}
	r := deploybot.Reminder{Kind: string(schedule.KindRollbackDrill), Cron: "0 11 * * *", Channel: "#shop", Project: "shop", Lang: deploybot.English}
	ctx := context.Background()
	reply, ok, err := s.Compose(ctx, r, at(2026, 11, 24, 11, 0)) // Tuesday 11:00: recommended
	if err != nil || !ok {
		t.Fatalf("compose in a recommended window: %v %v", ok, err)
	}
	if len(reply.Actions) != 1 || reply.Actions[0].ID != "deploy_drill" || reply.Actions[0].Value != "shop staging" {
		t.Errorf("drill button: %+v", reply.Actions)
	}
	if _, ok, _ := s.Compose(ctx, r, at(2026, 11, 27, 18, 0)); ok { // Friday evening
		t.Error("a drill proposed outside a recommended window")
	}
	r.Project = ""
	if _, _, err := s.Compose(ctx, r, at(2026, 11, 24, 11, 0)); err == nil {
		t.Error("a rollback_drill reminder without a project")
	}
}
