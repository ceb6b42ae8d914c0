package main_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"deploybot"
	"deploybot/policy"
	"deploybot/schedule"
	"deploybot/store"
	"deploybot/terminal"
)

// remindersConfig has an agency-wide notify channel, a project in another
// time zone with its own channel, a project sharing the notify channel (so
// covered by it), a configured custom reminder at 02:30 and a configured
// weekly summary for #team.
const remindersConfig = `agency:
  language: fr
freezes:
  - {from: 2026-12-20, to: 2027-01-03, environments: [production], reason: "fin d'année"}
slack:
  notify_channel: "#deploys"
projects:
  - name: api
    channel: "#api"
    timezone: America/New_York
  - name: web
    channel: "#deploys"
reminders:
  - {cron: "30 2 * * *", channel: "#ops", kind: custom, message: "vérifier les sauvegardes"}
  - {cron: "CRON_TZ=Europe/Paris 30 9 * * MON", channel: "#team", kind: weekly_windows, message: "Bonne semaine !"}
`

// section returns the block of the listing that starts with head.
func section(out, head string) string {
	i := strings.Index(out, "\n"+head+"\n")
	if i < 0 {
		return ""
	}
	rest := out[i+1:]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		return rest[:j]
	}
	return rest
}

// TestRemindersListBinary runs "deploybot reminders list" as a real binary
// with DEPLOYBOT_NOW on the Friday before the autumn change.
func TestRemindersListBinary(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "deploybot.yaml")
	if err := os.WriteFile(cfg, []byte(remindersConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "bot.db")
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddReminder(context.Background(), deploybot.Reminder{Cron: "CRON_TZ=Europe/Paris 30 9 * * 2", Channel: "#deploys",
		Message: "vérifier le staging", CreatedBy: "alice"}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	env := []string{"DEPLOYBOT_NOW=2026-10-23T12:00:00+02:00"}
	r := run(t, dir, "", env, "reminders", "list", "--config", cfg, "--db", dbPath)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	out := r.stdout
	for head, want := range map[string][]string{
		"custom  #ops  agency-wide  (configuration)": {`message: "vérifier les sauvegardes"`, "when: 30 2 * * * (Europe/Paris)",
			"next: Sat 2026-10-24 02:30 CEST · Sun 2026-10-25 02:30 CEST · Mon 2026-10-26 02:30 CET"},
		"weekly_windows  #team  agency-wide  (configuration)": {"when: CRON_TZ=Europe/Paris 30 9 * * MON",
			"next: Mon 2026-10-26 09:30 CET · Mon 2026-11-02 09:30 CET · Mon 2026-11-09 09:30 CET"},
		"window_open  #team  agency-wide  (configuration)":      {"next: Tue 2026-10-27 10:00 CET · Wed 2026-10-28 10:00 CET · Thu 2026-10-29 10:00 CET"},
		"weekly_windows  #deploys  agency-wide  (built-in)":     {"next: Mon 2026-10-26 09:00 CET"},
		"holiday_eve  #deploys  agency-wide  (built-in)":        {"next: Mon 2026-11-09 09:00 CET · Fri 2027-03-26 09:00 CET · Thu 2027-04-29 09:00 CEST"},
		"freeze_start  #deploys  agency-wide  (built-in)":       {"next: Fri 2026-12-18 09:00 CET"},
		"freeze_end  #deploys  agency-wide  (built-in)":         {"next: Mon 2027-01-04 09:00 CET"},
		"pending_approvals  #deploys  agency-wide  (built-in)":  {"inactive: no source of pending approvals is wired yet"},
		"avoid_start  #api  project api  (built-in)":            {"when: starts of the avoid windows during the day: 0 12 * * 5 (America/New_York)", "next: Fri 2026-10-23 12:00 EDT · Fri 2026-10-30 12:00 EDT · Fri 2026-11-06 12:00 EST"},
		"custom  #deploys  agency-wide  (reminder 1, by alice)": {`message: "vérifier le staging"`, "next: Tue 2026-10-27 09:30 CET · Tue 2026-11-03 09:30 CET · Tue 2026-11-10 09:30 CET"},
	} {
		got := section(out, head)
		if got == "" {
			t.Errorf("no %q in the listing:\n%s", head, out)
			continue
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", head, w, got)
			}
		}
	}
	if !strings.HasPrefix(out, "Now: Fri 2026-10-23 12:00 CEST (Europe/Paris)\n") {
		t.Errorf("first line: %q", strings.SplitN(out, "\n", 2)[0])
	}
	// #team is configured by its entry: no daily checks there. #deploys is
	// not configured twice for web, which shares it with the agency.
	if strings.Contains(out, "holiday_eve  #team") || strings.Contains(out, "project web") {
		t.Errorf("unexpected reminders:\n%s", out)
	}
	// Another moment, another listing: computed from DEPLOYBOT_NOW.
	r = run(t, dir, "", []string{"DEPLOYBOT_NOW=2027-03-27T12:00:00+01:00"}, "reminders", "list", "--config", cfg, "--db", dbPath)
	if got := section(r.stdout, "custom  #ops  agency-wide  (configuration)"); !strings.Contains(got, "next: Sun 2027-03-28 03:00 CEST · Mon 2027-03-29 02:30 CEST · Tue 2027-03-30 02:30 CEST") {
		t.Errorf("02:30 across the spring change:\n%s", got)
	}

	// Without a database file, it lists the configuration and creates none.
	missing := filepath.Join(dir, "none", "bot.db")
	r = run(t, dir, "", env, "reminders", "list", "--config", cfg, "--db", missing)
	if r.code != 0 || strings.Contains(r.stdout, "alice") || !strings.Contains(r.stdout, "#ops") {
		t.Errorf("without a database: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("reminders list created a database")
	}
	// The built-in defaults name no channel: nothing to remind.
	r = run(t, t.TempDir(), "", env, "reminders", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "No reminder") {
		t.Errorf("defaults: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{{"reminders"}, {"reminders", "show"}, {"reminders", "list", "extra"}} {
		if r := run(t, dir, "", nil, args...); r.code != 1 || !strings.Contains(r.stderr, "usage: deploybot reminders list") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if r := run(t, dir, "", []string{"DEPLOYBOT_NOW=soon"}, "reminders", "list", "--config", cfg); r.code != 1 || !strings.Contains(r.stderr, "RFC 3339") {
		t.Errorf("bad DEPLOYBOT_NOW: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestServeBinary runs "deploybot serve" as a real binary with a reminder
// due two minutes ago: it is sent late at start, on standard output, and
// SIGTERM stops the server cleanly.
func TestServeBinary(t *testing.T) {
	dir := t.TempDir()
	paris, _ := time.LoadLocation("Europe/Paris")
	due := time.Now().In(paris).Add(-2 * time.Minute)
	cfg := filepath.Join(dir, "deploybot.yaml")
	l, err := net.Listen("tcp", "127.0.0.1:0") // a free port for the HTTP listener
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	conf := fmt.Sprintf("http: {addr: \"%s\"}\nagency: {language: en}\nprojects: [{name: api}]\nreminders:\n  - {cron: \"%d %d * * *\", channel: \"#ops\", message: \"check the backups\"}\n",
		addr, due.Minute(), due.Hour())
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "bot.db")
	cmd := exec.CommandContext(t.Context(), bin, "serve", "--config", cfg, "--db", dbPath)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var got []string
	timeout := time.After(30 * time.Second)
wait:
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("serve ended early: %v\n%s", got, stderr.String())
			}
			got = append(got, l)
			if strings.Contains(l, "Sent late") {
				break wait
			}
		case <-timeout:
			t.Fatalf("no reminder after 30s: %v\n%s", got, stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for range lines {
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v\n%s", err, stderr.String())
	}
	want := []string{"[#ops] t1", "bot> ⏰ Reminder: check the backups",
		fmt.Sprintf("     (Sent late: due at %02d:%02d.)", due.Hour(), due.Minute())}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stdout:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(stderr.String(), "reminders") || !strings.Contains(stderr.String(), "deploybot: stopped") {
		t.Errorf("stderr: %s", stderr.String())
	}
	// The run is recorded as sent: a restart will not send it again.
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := db.ReminderRuns(context.Background(), "")
	if err != nil || len(runs) != 1 || runs[0].Status != deploybot.RunSent || runs[0].Ref != "t1" {
		t.Errorf("runs: %+v %v", runs, err)
	}
}

// TestRestartWithTheRealStore catches up reminders with an injected clock
// on a real SQLite store, as serve does at each start: a restart does not
// send again, a run missed within the grace period is sent late, one missed
// beyond it is recorded as skipped.
func TestRestartWithTheRealStore(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, paris) }
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "bot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out bytes.Buffer
	poster := terminal.NewPoster(&out)
	daily := deploybot.Reminder{Kind: "custom", Cron: "30 9 * * *", Channel: "#deploys", Message: "vérifier le staging", Lang: deploybot.French, CreatedBy: "config"}
	catchUp := func(now time.Time) string {
		out.Reset()
		s := &schedule.Scheduler{Store: db, Poster: poster, Reminders: []deploybot.Reminder{daily}, Now: deploybot.FixedClock(now),
			Calendar: func(string) policy.Calendar { return policy.Calendar{Location: paris} }}
		if err := s.CatchUp(context.Background()); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	if got := catchUp(at(24, 9, 40)); !strings.Contains(got, "⏰ Rappel : vérifier le staging") || !strings.Contains(got, "Envoyé en retard : prévu à 9h30.") {
		t.Errorf("first start, 10 minutes after the run:\n%s", got)
	}
	if got := catchUp(at(24, 9, 41)); got != "" {
		t.Errorf("restart a minute later sent again:\n%s", got)
	}
	if got := catchUp(at(25, 9, 50)); got != "" {
		t.Errorf("20 minutes late, beyond grace, was sent:\n%s", got)
	}
	if got := catchUp(at(26, 9, 30)); !strings.Contains(got, "vérifier le staging") || strings.Contains(got, "retard") {
		t.Errorf("on time:\n%s", got)
	}
	runs, err := db.ReminderRuns(context.Background(), daily.Key())
	var sum []string
	for _, r := range runs {
		sum = append(sum, r.At.In(paris).Format("02 15:04")+" "+string(r.Status))
	}
	if err != nil || strings.Join(sum, ", ") != "24 09:30 sent, 25 09:30 skipped, 26 09:30 sent" {
		t.Errorf("runs: %v %v", sum, err)
	}
}

// TestTerminalRendering checks the terminal rendering of each reminder
// kind against golden strings.
func TestTerminalRendering(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, paris) }
	hol, _ := policy.NewHolidays("FR")
	ws := func(specs ...string) []policy.Window {
		var out []policy.Window
		for _, s := range specs {
			w, err := policy.ParseWindow(s)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, w)
		}
		return out
	}
	cal := policy.Calendar{Location: paris, Holidays: hol,
		Recommended: ws("Tue-Thu 10:00-16:00"), Acceptable: ws("Mon 12:00-18:00", "Fri 09:00-12:00"), Avoid: ws("Fri 12:00-24:00", "Sat-Sun"),
		Freezes: []policy.Freeze{{From: at(2026, 12, 20, 0, 0), To: at(2027, 1, 3, 0, 0), Environments: []string{"production"}, Reason: "fin d'année"}}}
	s := &schedule.Scheduler{Calendar: func(string) policy.Calendar { return cal },
		Approvals: schedule.PendingApprovalsFunc(func(context.Context) ([]deploybot.Deployment, error) {
			return []deploybot.Deployment{{ID: 42, Project: "api", Env: "production", Version: "v1.4.2", Requester: "bob",
				State: deploybot.StateAwaitingApproval, UpdatedAt: at(2026, 12, 1, 9, 15)}}, nil
		}),
		Locks: schedule.HeldLocksFunc(func(context.Context) ([]deploybot.Lock, error) {
			return []deploybot.Lock{{Project: "web", Env: "staging", Holder: "deployment #41", Reason: "smoke tests", AcquiredAt: at(2026, 11, 30, 16, 0)}}, nil
		}),
	}
	tests := []struct {
		kind    schedule.Kind
		lang    deploybot.Lang
		at      time.Time
		project string
		message string
		id      int64
		want    string
	}{
		{schedule.KindWeekly, deploybot.French, at(2027, 5, 3, 9, 0), "", "", 0, `[#deploys] t1
bot> 🗓️ Semaine du lundi 3 mai : fenêtres de déploiement
       lundi 3    : ⚠️ acceptable 12h–18h
       mardi 4    : ✅ recommandée 10h–16h
       mercredi 5 : 🚫 veille de férié (Ascension) : à éviter
       jeudi 6    : 🚫 férié (Ascension) : pas de mise en production
       vendredi 7 : 🚫 veille de férié (Fête de la Victoire) : à éviter
     (Fuseau : Europe/Paris)

`},
		{schedule.KindWeekly, deploybot.English, at(2026, 12, 14, 9, 0), "api", "Have a good week!", 0, `[#deploys] t1
bot> 🗓️ Week of Monday 14 December: deployment windows
     Have a good week!
     ❄️ Freeze from Sunday 20 December to Sunday 3 January included (production): fin d'année.
       Monday 14:    ⚠️ acceptable 12:00–18:00
       Tuesday 15:   ✅ recommended 10:00–16:00
       Wednesday 16: ✅ recommended 10:00–16:00
       Thursday 17:  ✅ recommended 10:00–16:00
       Friday 18:    ⚠️ acceptable 09:00–12:00, avoid from 12:00
     (Time zone: Europe/Paris · Project api)

`},
		{schedule.KindWindowOpen, deploybot.French, at(2026, 11, 24, 10, 0), "", "", 0, `[#deploys] t1
bot> ☀️ La fenêtre de déploiement recommandée est ouverte jusqu'à 16h : c'est le bon moment pour mettre en production ce qui est prêt.

`},
		{schedule.KindWindowClose, deploybot.English, at(2026, 11, 26, 16, 0), "api", "", 0, `[#deploys] t1
bot> 🌙 The recommended deployment window is closed: no more production deployments unless it is urgent. Next opening: Tuesday 1 December at 10:00.
     (Project api)

`},
		{schedule.KindAvoidStart, deploybot.French, at(2026, 11, 27, 12, 0), "", "", 0, `[#deploys] t1
bot> ⚠️ Vendredi 12h : à partir de maintenant, on évite les mises en production — personne ne serait là pour réagir en cas de problème. Prochaine fenêtre recommandée : mardi 1er décembre à 10h.

`},
		{schedule.KindHolidayEve, deploybot.French, at(2027, 5, 4, 9, 0), "", "", 0, `[#deploys] t1
bot> 📅 Jours fériés en vue
     • jeudi 6 mai : Ascension ; la veille, mercredi 5 mai, est aussi à éviter
     • samedi 8 mai : Fête de la Victoire ; la veille, vendredi 7 mai, est aussi à éviter
     Aujourd'hui est le dernier jour pour déployer en production avant.
     Prochaine fenêtre recommandée ensuite : mardi 11 mai à 10h.

`},
		{schedule.KindHolidayEve, deploybot.English, at(2026, 12, 23, 9, 0), "", "", 0, ""}, // Christmas is in the freeze
		{schedule.KindFreezeStart, deploybot.English, at(2026, 12, 18, 9, 0), "", "", 0, `[#deploys] t1
bot> ❄️ Deployment freeze ahead
     • From Sunday 20 December to Sunday 3 January included (production): fin d'année.
     Today is the last day to ship to production before the freeze.

`},
		{schedule.KindFreezeEnd, deploybot.French, at(2027, 1, 4, 9, 0), "", "", 0, `[#deploys] t1
bot> 🌱 Fin du gel des déploiements
     • Le gel « fin d'année » (production) s'est terminé le dimanche 3 janvier : les mises en production reprennent.
     Prochaine fenêtre recommandée : mardi 5 janvier à 10h.

`},
		{schedule.KindPendingApprovals, deploybot.French, at(2026, 12, 1, 11, 0), "", "", 0, `[#deploys] t1
bot> ⏳ Approbations en attente
     • #42 api v1.4.2 → production, demandé par bob, en attente depuis 1 h 45
     Un approbateur peut répondre dans le fil de chaque demande.

`},
		{schedule.KindHeldLocks, deploybot.English, at(2026, 12, 1, 11, 0), "", "", 0, `[#deploys] t1
bot> 🔒 Locks held for a long time
     • web/staging: deployment #41, for 19 h — smoke tests
     Release them if nothing is in progress any more.

`},
		{schedule.KindCustom, deploybot.French, at(2026, 12, 1, 9, 30), "", "vérifier le staging", 3, `[#deploys] t1
bot> ⏰ Rappel : vérifier le staging
     (Rappel n°3 · pour l'arrêter : « supprime le rappel 3 »)

`},
		{schedule.KindCustom, deploybot.English, at(2026, 12, 1, 9, 30), "api", "check staging", 0, `[#deploys] t1
bot> ⏰ Reminder: check staging
     (Project api)

`},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s %s", tt.kind, tt.lang, tt.at.Format("2006-01-02")), func(t *testing.T) {
			r := deploybot.Reminder{ID: tt.id, Kind: string(tt.kind), Cron: schedule.DefaultCron(tt.kind), Channel: "#deploys",
				Project: tt.project, Message: tt.message, Lang: tt.lang}
			if tt.kind == schedule.KindCustom {
				r.Cron = "30 9 * * *"
			}
			reply, ok, err := s.Compose(context.Background(), r, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if ok {
				if _, err := terminal.NewPoster(&out).Post(context.Background(), "#deploys", "", reply); err != nil {
					t.Fatal(err)
				}
			}
			if out.String() != tt.want {
				t.Errorf("rendering:\n%s\nwant:\n%s", out.String(), tt.want)
			}
		})
	}

	// An update prints what changed under the same reference.
	var out bytes.Buffer
	p := terminal.NewPoster(&out)
	ref, _ := p.Post(context.Background(), "#deploys", "1700000000.1", deploybot.Reply{Text: "déploiement en cours"})
	if err := p.Update(context.Background(), ref, deploybot.Reply{Text: "déploiement terminé ✅"}); err != nil {
		t.Fatal(err)
	}
	want := "[#deploys › 1700000000.1] t1\nbot> déploiement en cours\n\n[#deploys › 1700000000.1] t1 (updated)\nbot> déploiement terminé ✅\n\n"
	if out.String() != want {
		t.Errorf("update:\n%q\nwant:\n%q", out.String(), want)
	}
	if err := p.Update(context.Background(), "t9", deploybot.Reply{Text: "x"}); err == nil {
		t.Error("updating an unknown message succeeded")
	}
}
