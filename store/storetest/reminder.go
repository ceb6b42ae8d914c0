package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

// openReminders opens the database at location with the clock at now.
func openReminders(t *testing.T, h *H, location string, now time.Time) *store.DB {
	t.Helper()
	db := h.OpenAt(t, location)
	db.Now = deploybot.FixedClock(now)
	return db
}

func testRemindersAreAddedListedAndDeletedWithTheirTrail(t *testing.T, h *H) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	path := h.Engine.New(t)
	db := openReminders(t, h, path, now)
	id, err := db.AddReminder(ctx, deploybot.Reminder{Cron: "CRON_TZ=Europe/Paris 30 9 * * 2", Channel: "#deploys",
		Message: "vérifier le staging", CreatedBy: "alice"})
	if err != nil || id != 1 {
		t.Fatalf("AddReminder: %d %v", id, err)
	}
	if _, err := db.AddReminder(ctx, deploybot.Reminder{Cron: "0 9 * * *", CreatedBy: "bob"}); deploybot.ErrorCode(err) != deploybot.EINVALID {
		t.Errorf("a reminder without a channel: %v", err)
	}
	id2, _ := db.AddReminder(ctx, deploybot.Reminder{Cron: "0 17 * * 5", Channel: "C123", Message: "weekly report", Lang: deploybot.English, CreatedBy: "bob"})
	rs, err := db.Reminders(ctx)
	if err != nil || len(rs) != 2 {
		t.Fatalf("Reminders: %v %v", rs, err)
	}
	if r := rs[0]; r.Kind != "custom" || r.Lang != deploybot.French || !r.CreatedAt.Equal(now) || r.CreatedBy != "alice" || r.Key() != "reminder:1" {
		t.Errorf("first reminder: %+v", r)
	}

	if err := db.DeleteReminder(ctx, id, "carol"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteReminder(ctx, id, "carol"); deploybot.ErrorCode(err) != deploybot.ENOTFOUND {
		t.Errorf("deleting twice: %v", err)
	}
	if err := db.DeleteReminder(ctx, 99, "carol"); deploybot.ErrorCode(err) != deploybot.ENOTFOUND {
		t.Errorf("deleting a reminder that never was: %v", err)
	}
	rs, _ = db.Reminders(ctx)
	if len(rs) != 1 || rs[0].ID != id2 {
		t.Errorf("after the delete: %+v", rs)
	}
	// The deleted reminder is kept with who deleted it, across a reopen.
	_ = db.Close()
	db = openReminders(t, h, path, now)
	gone, err := db.Reminder(ctx, id)
	if err != nil || gone.DeletedBy != "carol" || !gone.DeletedAt.Equal(now) || gone.Message != "vérifier le staging" {
		t.Errorf("deleted reminder: %+v %v", gone, err)
	}
}

func testClaimRunIsExactlyOnce(t *testing.T, h *H) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	db := openReminders(t, h, h.Engine.New(t), now)
	at := time.Date(2026, 10, 25, 2, 30, 0, 0, time.FixedZone("CEST", 2*3600))

	// Eight concurrent claims of one run: exactly one wins.
	var wg sync.WaitGroup
	wins := make(chan bool, 8)
	for range 8 {
		wg.Go(func() {
			won, err := db.ClaimRun(ctx, deploybot.ReminderRun{Key: "reminder:1", At: at, Status: deploybot.RunClaimed})
			if err != nil {
				t.Error(err)
			}
			wins <- won
		})
	}
	wg.Wait()
	close(wins)
	n := 0
	for w := range wins {
		if w {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d claims won, want 1", n)
	}
	// The same instant written in another zone is the same run.
	if won, _ := db.ClaimRun(ctx, deploybot.ReminderRun{Key: "reminder:1", At: at.UTC(), Status: deploybot.RunSkipped}); won {
		t.Error("the same instant in UTC was claimed again")
	}
	if err := db.FinishRun(ctx, deploybot.ReminderRun{Key: "reminder:1", At: at, Status: deploybot.RunSent, Ref: "t1", Detail: "sent 5m0s late"}); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(ctx, deploybot.ReminderRun{Key: "reminder:1", At: at.Add(time.Hour), Status: deploybot.RunSent}); deploybot.ErrorCode(err) != deploybot.ENOTFOUND {
		t.Errorf("finishing a run never claimed: %v", err)
	}
	// The second 02:30 of that night is another instant, another run.
	second := at.Add(time.Hour)
	if won, _ := db.ClaimRun(ctx, deploybot.ReminderRun{Key: "reminder:1", At: second, Status: deploybot.RunEmpty}); !won {
		t.Error("another instant was refused")
	}
	last, ok, err := db.LastRun(ctx, "reminder:1")
	if err != nil || !ok || !last.At.Equal(second) || last.Status != deploybot.RunEmpty {
		t.Errorf("LastRun: %+v %v %v", last, ok, err)
	}
	if _, ok, _ := db.LastRun(ctx, "reminder:2"); ok {
		t.Error("LastRun of a key never run")
	}
	runs, err := db.ReminderRuns(ctx, "reminder:1")
	if err != nil || len(runs) != 2 || runs[0].Status != deploybot.RunSent || runs[0].Ref != "t1" || runs[0].Detail != "sent 5m0s late" || !runs[0].UpdatedAt.Equal(now) {
		t.Errorf("runs: %+v %v", runs, err)
	}
}
