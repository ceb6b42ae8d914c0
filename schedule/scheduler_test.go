package schedule_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"deploybot"
	"deploybot/policy"
	"deploybot/schedule"
)

// These tests run a real robfig/cron scheduler on synctest's virtual clock,
// which starts on Saturday 1 January 2000 at 00:00 UTC (01:00 in Paris).
// Sleeping advances it instantly once every goroutine is blocked.

// running is a scheduler started by start.
type running struct {
	cancel context.CancelFunc
	done   chan error
}

func start(s *schedule.Scheduler) *running {
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- s.Run(ctx) }()
	return r
}

func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	if err := <-r.done; err != nil {
		t.Fatalf("Run: %v", err)
	}
}

// sleepUntil advances the virtual clock to t.
func sleepUntil(t time.Time) { time.Sleep(time.Until(t)) }

func custom(spec, msg string) deploybot.Reminder {
	return deploybot.Reminder{Kind: "custom", Cron: spec, Channel: "#deploys", Message: msg, Lang: deploybot.French, CreatedBy: "config"}
}

func newScheduler(st *memStore, p *recPoster, rs ...deploybot.Reminder) *schedule.Scheduler {
	return &schedule.Scheduler{Store: st, Poster: p, Reminders: rs,
		Calendar: func(string) policy.Calendar { return policy.Calendar{Location: paris} }}
}

func statuses(runs []deploybot.ReminderRun) string {
	var out []string
	for _, r := range runs {
		out = append(out, r.At.In(paris).Format("01-02 15:04")+" "+string(r.Status))
	}
	return strings.Join(out, ", ")
}

// TestRunPostsTheBuiltinsOnVirtualTime runs the built-in reminders of a
// channel for two weeks of January 2000 (1 January is a holiday).
func TestRunPostsTheBuiltinsOnVirtualTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cal := agencyCalendar(t)
		st, p := newMemStore(), &recPoster{}
		s := &schedule.Scheduler{Store: st, Poster: p, Reminders: schedule.Defaults("#deploys", "", deploybot.English),
			Calendar: func(string) policy.Calendar { return cal }}
		r := start(s)
		sleepUntil(at(2000, 1, 15, 0, 0))
		r.stop(t)
		var got []string
		for _, x := range p.all() {
			first, _, _ := strings.Cut(x.reply.Title+x.reply.Text, ":")
			got = append(got, x.at.In(paris).Format("Mon 01-02 15:04")+" "+first)
		}
		want := []string{
			"Mon 01-03 09:00 🗓️ Week of Monday 3 January",
			"Tue 01-04 10:00 ☀️ The recommended deployment window is open until 16",
			"Tue 01-04 16:00 🌙 The recommended deployment window is closed",
			"Wed 01-05 10:00 ☀️ The recommended deployment window is open until 16",
			"Wed 01-05 16:00 🌙 The recommended deployment window is closed",
			"Thu 01-06 10:00 ☀️ The recommended deployment window is open until 16",
			"Thu 01-06 16:00 🌙 The recommended deployment window is closed",
			"Fri 01-07 12:00 ⚠️ Friday 12",
			"Mon 01-10 09:00 🗓️ Week of Monday 10 January",
			"Tue 01-11 10:00 ☀️ The recommended deployment window is open until 16",
			"Tue 01-11 16:00 🌙 The recommended deployment window is closed",
			"Wed 01-12 10:00 ☀️ The recommended deployment window is open until 16",
			"Wed 01-12 16:00 🌙 The recommended deployment window is closed",
			"Thu 01-13 10:00 ☀️ The recommended deployment window is open until 16",
			"Thu 01-13 16:00 🌙 The recommended deployment window is closed",
			"Fri 01-14 12:00 ⚠️ Friday 12",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("posts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// The daily checks ran every day and had nothing to say: recorded
		// as empty, sent nothing.
		runs := st.runsOf(builtin(schedule.KindHolidayEve, deploybot.English).Key())
		if len(runs) != 14 || runs[0].Status != deploybot.RunEmpty {
			t.Errorf("holiday_eve runs: %s", statuses(runs))
		}
	})
}

// TestRestartDoesNotSendTwice stops and restarts the scheduler on the same
// store, right after a run and later: nothing is sent twice, nothing lost.
func TestRestartDoesNotSendTwice(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemStore()
		daily := custom("0 9 * * *", "vérifier le staging")
		p1 := &recPoster{}
		r := start(newScheduler(st, p1, daily))
		sleepUntil(at(2000, 1, 3, 9, 5))
		r.stop(t)
		// Restarted five minutes after the 9:00 run, which is within the
		// grace period: it is not sent again.
		p2 := &recPoster{}
		r = start(newScheduler(st, p2, daily))
		sleepUntil(at(2000, 1, 4, 9, 5))
		r.stop(t)
		// And once more, with two schedulers on the same store at once.
		p3, p4 := &recPoster{}, &recPoster{}
		r3, r4 := start(newScheduler(st, p3, daily)), start(newScheduler(st, p4, daily))
		sleepUntil(at(2000, 1, 6, 9, 5))
		r3.stop(t)
		r4.stop(t)

		if got := strings.Join(p1.times(), "|"); got != "Sat 01-01 09:00 CET|Sun 01-02 09:00 CET|Mon 01-03 09:00 CET" {
			t.Errorf("first run posted %s", got)
		}
		if got := strings.Join(p2.times(), "|"); got != "Tue 01-04 09:00 CET" {
			t.Errorf("after the restart: %s", got)
		}
		if got := strings.Join(append(p3.times(), p4.times()...), "|"); len(p3.all())+len(p4.all()) != 2 ||
			!strings.Contains(got, "Wed 01-05 09:00") || !strings.Contains(got, "Thu 01-06 09:00") {
			t.Errorf("two schedulers on one store posted %s", got)
		}
		runs := st.runsOf(daily.Key())
		if got := statuses(runs); got != "01-01 09:00 sent, 01-02 09:00 sent, 01-03 09:00 sent, 01-04 09:00 sent, 01-05 09:00 sent, 01-06 09:00 sent" {
			t.Errorf("runs: %s", got)
		}
	})
}

// TestMissedRuns stops the scheduler over a run: a run missed by less than
// the grace period is sent late, saying so; one missed by more is recorded
// as skipped; of several missed runs only the latest is sent.
func TestMissedRuns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemStore()
		daily := custom("0 9 * * *", "vérifier le staging")
		often := custom("*/5 * * * *", "regarder les alertes")
		s := func(p *recPoster) *schedule.Scheduler {
			x := newScheduler(st, p, daily, often)
			x.Grace = 15 * time.Minute
			return x
		}
		p := &recPoster{}
		r := start(s(p))
		sleepUntil(at(2000, 1, 3, 8, 57))
		r.stop(t)
		// Down from 8:57 to 9:12: 9:00 is 12 minutes late, within grace.
		sleepUntil(at(2000, 1, 3, 9, 12))
		late := &recPoster{}
		r = start(s(late))
		synctest.Wait()
		posts := late.all()
		if len(posts) != 2 {
			t.Fatalf("after 15 minutes down: %d posts, want the daily one and the latest 5-minute one", len(posts))
		}
		for _, x := range posts {
			if !x.at.Equal(at(2000, 1, 3, 9, 12)) || !strings.Contains(x.reply.Note, "Envoyé en retard") {
				t.Errorf("late post at %s, note %q", x.at.In(paris), x.reply.Note)
			}
		}
		if !strings.Contains(posts[0].reply.Note+posts[1].reply.Note, "prévu à 9h") ||
			!strings.Contains(posts[0].reply.Note+posts[1].reply.Note, "prévu à 9h10") {
			t.Errorf("notes: %q %q", posts[0].reply.Note, posts[1].reply.Note)
		}
		if got := statuses(st.runsOf(often.Key())); !strings.HasSuffix(got, "01-03 08:55 sent, 01-03 09:00 skipped, 01-03 09:05 skipped, 01-03 09:10 sent") {
			t.Errorf("5-minute runs: %s", got)
		}
		r.stop(t)

		// Down from 9:12 on the 3rd to 9:20 on the 4th: the 9:00 run is
		// 20 minutes late, beyond grace: skipped, not sent.
		sleepUntil(at(2000, 1, 4, 9, 20))
		beyond := &recPoster{}
		r = start(s(beyond))
		synctest.Wait()
		for _, x := range beyond.all() {
			if strings.Contains(x.reply.Text, "staging") {
				t.Errorf("the daily run was sent %s late", x.at.Sub(at(2000, 1, 4, 9, 0)))
			}
		}
		runs := st.runsOf(daily.Key())
		last := runs[len(runs)-1]
		if last.Status != deploybot.RunSkipped || !last.At.Equal(at(2000, 1, 4, 9, 0)) || !strings.Contains(last.Detail, "beyond the grace period") {
			t.Errorf("the missed run: %+v", last)
		}
		if sent := runs[len(runs)-2]; sent.Status != deploybot.RunSent || !strings.Contains(sent.Detail, "late") {
			t.Errorf("the late run: %+v", sent)
		}
		// It goes on the next day as usual.
		sleepUntil(at(2000, 1, 5, 9, 1))
		r.stop(t)
		if got := beyond.all(); !strings.Contains(got[len(got)-1].reply.Text, "staging") && !strings.Contains(got[len(got)-2].reply.Text, "staging") {
			t.Errorf("no daily post on the 5th")
		}
	})
}

// TestNoGrace checks that a negative grace period never sends late, but
// still sends what is handled on time.
func TestNoGrace(t *testing.T) {
	st, p := newMemStore(), &recPoster{}
	daily := custom("0 9 * * *", "x")
	catchUp := func(now time.Time) {
		s := newScheduler(st, p, daily)
		s.Grace, s.Now = -1, deploybot.FixedClock(now)
		if err := s.CatchUp(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	catchUp(at(2026, 11, 23, 8, 0))
	catchUp(at(2026, 11, 23, 9, 0).Add(2 * time.Second)) // on time
	catchUp(at(2026, 11, 24, 9, 5))                      // 5 minutes late
	if got := statuses(st.runsOf(daily.Key())); got != "11-23 09:00 sent, 11-24 09:00 skipped" || len(p.all()) != 1 || p.all()[0].reply.Note != "" {
		t.Errorf("runs: %s, %d posts", got, len(p.all()))
	}
}

// TestDaylightSavingOnVirtualTime runs the scheduler through both changes
// of 2000 in Paris (26 March, 29 October): a 02:30 reminder is sent once a
// day (at 03:00 on the day 02:30 does not exist), and 09:00 stays 09:00.
func TestDaylightSavingOnVirtualTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemStore()
		night, morning := custom("30 2 * * *", "sauvegarde"), custom("0 9 * * *", "café")
		for _, period := range [][2]time.Time{
			{at(2000, 3, 24, 12, 0), at(2000, 3, 28, 12, 0)},
			{at(2000, 10, 27, 12, 0), at(2000, 10, 31, 12, 0)},
		} {
			sleepUntil(period[0])
			p := &recPoster{}
			r := start(newScheduler(st, p, night, morning))
			sleepUntil(period[1])
			r.stop(t)
			var nights, mornings []string
			for _, x := range p.all() {
				if strings.Contains(x.reply.Text, "sauvegarde") {
					nights = append(nights, x.at.In(paris).Format("01-02 15:04 MST"))
				} else {
					mornings = append(mornings, x.at.In(paris).Format("01-02 15:04 MST"))
				}
			}
			switch period[0].Month() {
			case time.March:
				if got := strings.Join(nights, "|"); got != "03-25 02:30 CET|03-26 03:00 CEST|03-27 02:30 CEST|03-28 02:30 CEST" {
					t.Errorf("02:30 in spring: %s", got)
				}
				if got := strings.Join(mornings, "|"); got != "03-25 09:00 CET|03-26 09:00 CEST|03-27 09:00 CEST|03-28 09:00 CEST" {
					t.Errorf("09:00 in spring: %s", got)
				}
			case time.October:
				if got := strings.Join(nights, "|"); got != "10-28 02:30 CEST|10-29 02:30 CEST|10-30 02:30 CET|10-31 02:30 CET" {
					t.Errorf("02:30 in autumn: %s", got)
				}
				if got := strings.Join(mornings, "|"); got != "10-28 09:00 CEST|10-29 09:00 CET|10-30 09:00 CET|10-31 09:00 CET" {
					t.Errorf("09:00 in autumn: %s", got)
				}
			}
		}
		// The months in between were missed while stopped: the last 31
		// days of them are recorded as skipped one by one (older ones are
		// counted in the log).
		skipped := 0
		for _, r := range st.runsOf(night.Key()) {
			if r.Status == deploybot.RunSkipped {
				skipped++
			}
		}
		if skipped != 31 {
			t.Errorf("%d skipped runs recorded between March and October, want 31", skipped)
		}
	})
}

// TestJobsRecoverAndDoNotOverlap makes the poster panic once, then take
// three minutes to post a reminder due every minute.
func TestJobsRecoverAndDoNotOverlap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemStore()
		var calls atomic.Int32
		p := &recPoster{block: func(ctx context.Context, n int) error {
			switch calls.Add(1) {
			case 1:
				panic("boom")
			case 2:
				time.Sleep(3 * time.Minute)
			}
			return nil
		}}
		s := newScheduler(st, p, custom("* * * * *", "ping"))
		s.Logger = slog.New(slog.DiscardHandler)
		r := start(s)
		sleepUntil(at(2000, 1, 1, 1, 30))
		r.stop(t)
		if p.maxRun != 1 {
			t.Errorf("%d posts ran at once, want 1", p.maxRun)
		}
		// After the panic the job kept its schedule; while the slow post
		// ran, the runs due were skipped by cron and handled by the next
		// run (the latest sent, the others recorded as superseded).
		if n := len(p.all()); n < 20 {
			t.Errorf("%d posts in 30 minutes after a panic and a slow post", n)
		}
		runs := st.runsOf(custom("* * * * *", "ping").Key())
		first := runs[0]
		for _, r := range runs {
			if r.Status != deploybot.RunSkipped {
				first = r
				break
			}
		}
		if first.Status != deploybot.RunClaimed || !first.At.Equal(at(2000, 1, 1, 1, 0)) {
			t.Errorf("the run that panicked: %+v, want the 01:00 run left claimed (never sent twice)", first)
		}
		superseded := 0
		for _, r := range runs {
			if r.Status == deploybot.RunSkipped && strings.Contains(r.Detail, "superseded") {
				superseded++
			}
		}
		if superseded == 0 {
			t.Errorf("no run superseded while the slow post ran: %s", statuses(runs))
		}
	})
}

// TestStopWaitsForRunningJobs stops the scheduler while a post is in
// flight: Run returns once it is done; a post that does not end is
// cancelled after StopTimeout.
func TestStopWaitsForRunningJobs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newMemStore()
		p := &recPoster{block: func(ctx context.Context, _ int) error {
			time.Sleep(5 * time.Second)
			return nil
		}}
		r := start(newScheduler(st, p, custom("0 9 * * *", "x")))
		sleepUntil(at(2000, 1, 1, 9, 0).Add(time.Second))
		began := time.Now()
		r.stop(t)
		if waited := time.Since(began); waited != 4*time.Second || len(p.all()) != 1 {
			t.Errorf("stop waited %s with %d posts, want 4s and the post done", waited, len(p.all()))
		}

		stuck := &recPoster{block: func(ctx context.Context, _ int) error {
			<-ctx.Done()
			return ctx.Err()
		}}
		s := newScheduler(newMemStore(), stuck, custom("0 9 * * *", "x"))
		s.StopTimeout = 10 * time.Second
		r = start(s)
		sleepUntil(at(2000, 1, 2, 9, 0).Add(time.Second))
		began = time.Now()
		r.stop(t)
		if waited := time.Since(began); waited != 10*time.Second {
			t.Errorf("stop waited %s for a stuck post, want 10s", waited)
		}
	})
}

// TestChatRemindersAreReloaded adds and deletes a reminder in the store
// while the scheduler runs.
func TestChatRemindersAreReloaded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st, p := newMemStore(), &recPoster{}
		r := start(newScheduler(st, p))
		sleepUntil(at(2000, 1, 3, 9, 0))
		id, _ := st.AddReminder(context.Background(), deploybot.Reminder{Kind: "custom", Cron: "CRON_TZ=Europe/Paris 30 9 * * 1-5",
			Channel: "#deploys", Message: "vérifier le staging", Lang: deploybot.French, CreatedBy: "alice"})
		sleepUntil(at(2000, 1, 4, 10, 0))
		if err := st.DeleteReminder(context.Background(), id, "bob"); err != nil {
			t.Fatal(err)
		}
		sleepUntil(at(2000, 1, 7, 10, 0))
		r.stop(t)
		if got := strings.Join(p.times(), "|"); got != "Mon 01-03 09:30 CET|Tue 01-04 09:30 CET" {
			t.Errorf("posts: %s", got)
		}
		if n := p.all()[0].reply.Note; n != "Rappel n°1 · pour l'arrêter : « supprime le rappel 1 »" {
			t.Errorf("note: %q", n)
		}
	})
}

// TestApprovalsAndLocks runs the approvals and locks reminders, first
// without sources (nothing runs, nothing recorded), then with them.
func TestApprovalsAndLocks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st, p := newMemStore(), &recPoster{}
		rs := []deploybot.Reminder{builtin(schedule.KindPendingApprovals, deploybot.English), builtin(schedule.KindHeldLocks, deploybot.English)}
		s := newScheduler(st, p, rs...)
		r := start(s)
		sleepUntil(at(2000, 1, 3, 12, 0))
		r.stop(t)
		if len(p.all()) != 0 || len(st.runsOf(rs[0].Key())) != 0 {
			t.Fatalf("unwired approvals ran: %d posts", len(p.all()))
		}

		requested := at(2000, 1, 3, 11, 20)
		s = newScheduler(st, p, rs...)
		s.Approvals = schedule.PendingApprovalsFunc(func(context.Context) ([]deploybot.Deployment, error) {
			return []deploybot.Deployment{
				{ID: 42, Project: "api", Env: "production", Version: "v1.4.2", Requester: "bob", State: deploybot.StateAwaitingApproval, UpdatedAt: requested},
				{ID: 43, Project: "web", Env: "production", Requester: "eve", State: deploybot.StateAwaitingApproval, UpdatedAt: time.Now()},
			}, nil
		})
		s.Locks = schedule.HeldLocksFunc(func(context.Context) ([]deploybot.Lock, error) {
			return []deploybot.Lock{{Project: "api", Env: "staging", Holder: "carol", Reason: "incident", AcquiredAt: at(2000, 1, 3, 9, 0)}}, nil
		})
		r = start(s)
		sleepUntil(at(2000, 1, 3, 13, 1))
		r.stop(t)
		// The 12:00 check, due as it started, and the 13:00 one.
		posts := p.all()
		if len(posts) != 4 {
			t.Fatalf("%d posts by 13:00, want approvals and locks at 12:00 and 13:00", len(posts))
		}
		text := posts[2].reply.Text + "\n" + posts[3].reply.Text
		for _, want := range []string{"#42 api v1.4.2 → production, requested by bob, waiting for 1 h", "api/staging: carol, for 4 h — incident"} {
			if !strings.Contains(text, want) {
				t.Errorf("posts lack %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "#43") {
			t.Errorf("a fresh approval request was reminded:\n%s", text)
		}
	})
}

// Example_parse shows the next runs of a Monday reminder across the
// autumn change.
func Example_parse() {
	paris, _ := time.LoadLocation("Europe/Paris")
	s, _ := schedule.Parse("30 9 * * MON", paris)
	t := time.Date(2026, 10, 20, 0, 0, 0, 0, paris)
	for range 2 {
		t = s.Next(t)
		fmt.Println(t.Format("Mon 2006-01-02 15:04 MST"))
	}
	// Output:
	// Mon 2026-10-26 09:30 CET
	// Mon 2026-11-02 09:30 CET
}
