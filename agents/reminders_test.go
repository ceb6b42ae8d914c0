package agents_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"deploybot"
	"deploybot/agents"
	"deploybot/policy"
	"deploybot/router"
	"deploybot/store"
)

// reminderOrchestrator wires an orchestrator with reminders on a real
// SQLite store in a temporary directory, on Wednesday 25 November 2026,
// 09:30 in Paris.
func reminderOrchestrator(t *testing.T) (*agents.Orchestrator, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "deploybot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = deploybot.FixedClock(wednesday)
	r, err := router.New(projects)
	if err != nil {
		t.Fatal(err)
	}
	k, err := agents.NewKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	cal := policy.Calendar{Location: paris}
	return &agents.Orchestrator{Router: r, Audit: db, Settings: testSettings(t, db), Interviews: db, Reminders: db, Knowledge: k, Projects: projects,
		Calendar: func(string) policy.Calendar { return cal }, Now: deploybot.FixedClock(wednesday)}, db
}

// TestRemindersByChat creates, lists and deletes reminders by chat, in
// French and in English, through the orchestrator and the real store.
func TestRemindersByChat(t *testing.T) {
	o, db := reminderOrchestrator(t)
	ctx := context.Background()

	creates := []struct {
		user, text string
		want       []string
		cron       string
		channel    string
		message    string
		lang       deploybot.Lang
	}{
		{"alice", "rappelle à #deploys chaque mardi à 9h30 de vérifier le staging",
			[]string{"C'est noté : rappel n°1 dans #deploys, chaque mardi à 9h30 : « vérifier le staging ».", "Prochain envoi : mardi 1/12 09:30 CET", "supprime le rappel 1"},
			"CRON_TZ=Europe/Paris 30 9 * * 2", "#deploys", "vérifier le staging", deploybot.French},
		{"bob", "remind #deploys every tuesday at 9:30 to check staging",
			[]string{"Noted: reminder #2 in #deploys, every Tuesday at 09:30: \"check staging\".", "Next: Tuesday 1 December 09:30 CET", "delete reminder 2"},
			"CRON_TZ=Europe/Paris 30 9 * * 2", "#deploys", "check staging", deploybot.English},
		{"carol", "Rappelle-nous ici du lundi au vendredi à 17h de remplir le suivi des mises en prod.",
			[]string{"rappel n°3 dans c1, du lundi au vendredi à 17h : « remplir le suivi des mises en prod »", "Prochain envoi : mercredi 25/11 17:00 CET"},
			"CRON_TZ=Europe/Paris 0 17 * * 1-5", "c1", "remplir le suivi des mises en prod", deploybot.French},
		{"dave", "remind me every monday and thursday at 5pm to update the changelog",
			[]string{"reminder #4 in c1, every Monday and Thursday at 17:00: \"update the changelog\"", "Next: Thursday 26 November 17:00 CET"},
			"CRON_TZ=Europe/Paris 0 17 * * 1,4", "c1", "update the changelog", deploybot.English},
		{"erin", "<@U1> rappelle dans <#C0123|deploys> tous les jours à midi d'annoncer les déploiements du jour",
			[]string{"rappel n°5 dans <#C0123>, tous les jours à 12h : « annoncer les déploiements du jour »"},
			"CRON_TZ=Europe/Paris 0 12 * * *", "C0123", "annoncer les déploiements du jour", deploybot.French},
	}
	for _, c := range creates {
		got := full(sayIn(t, o, c.user, "c1", c.text))
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: reply lacks %q:\n%s", c.text, w, got)
			}
		}
	}
	stored, err := db.Reminders(ctx)
	if err != nil || len(stored) != len(creates) {
		t.Fatalf("stored reminders: %d %v", len(stored), err)
	}
	for i, c := range creates {
		r := stored[i]
		if r.Cron != c.cron || r.Channel != c.channel || r.Message != c.message || r.Lang != c.lang || r.CreatedBy != c.user || !r.CreatedAt.Equal(wednesday) || r.Kind != "custom" {
			t.Errorf("reminder %d: %+v", i+1, r)
		}
	}

	list := full(sayIn(t, o, "alice", "c1", "liste les rappels"))
	for _, w := range []string{"Rappels", "n°1: #deploys · chaque mardi à 9h30 · « vérifier le staging » (alice)", "n°4: c1 · chaque lundi et jeudi à 17h", "deploybot reminders list"} {
		if !strings.Contains(list, w) {
			t.Errorf("French list lacks %q:\n%s", w, list)
		}
	}
	list = full(sayIn(t, o, "bob", "c1", "list reminders"))
	if !strings.Contains(list, "#2: #deploys · every Tuesday at 09:30 · \"check staging\" (bob)") {
		t.Errorf("English list:\n%s", list)
	}

	del := full(sayIn(t, o, "bob", "c1", "supprime le rappel 1"))
	if !strings.Contains(del, "Rappel n°1 supprimé : « vérifier le staging » dans #deploys (chaque mardi à 9h30).") {
		t.Errorf("delete reply:\n%s", del)
	}
	if r, err := db.Reminder(ctx, 1); err != nil || r.DeletedBy != "bob" || !r.DeletedAt.Equal(wednesday) {
		t.Errorf("the deletion is not recorded: %+v %v", r, err)
	}
	if del := full(sayIn(t, o, "bob", "c1", "delete reminder 1")); !strings.Contains(del, "I find no reminder #1") {
		t.Errorf("deleting twice:\n%s", del)
	}
	if del := full(sayIn(t, o, "bob", "c1", "Delete reminder #4")); !strings.Contains(del, "Reminder #4 deleted: \"update the changelog\" in c1 (every Monday and Thursday at 17:00).") {
		t.Errorf("English delete:\n%s", del)
	}
	list = full(sayIn(t, o, "alice", "c1", "rappels"))
	if strings.Contains(list, "n°1:") || strings.Contains(list, "n°4:") || !strings.Contains(list, "n°2:") {
		t.Errorf("list after the deletes:\n%s", list)
	}

	// Every command is in the audit trail of messages.
	msgs, err := db.RecentMessages(ctx, 0)
	if err != nil || len(msgs) != 11 {
		t.Errorf("audit log has %d messages (%v), want 11", len(msgs), err)
	}
}

// TestReminderCommandsThatAreNot checks incomplete commands (answered with
// an example, nothing stored) and texts that only look like one.
func TestReminderCommandsThatAreNot(t *testing.T) {
	o, db := reminderOrchestrator(t)
	for _, text := range []string{
		"rappelle à #deploys de vérifier le staging",
		"remind #deploys every tuesday to check staging",
		"rappelle à #deploys demain à 9h de vérifier le staging",
	} {
		got := full(sayIn(t, o, "alice", "c1", text))
		if !strings.Contains(got, "« chaque mardi à 9h30 »") && !strings.Contains(got, "\"every tuesday at 9:30\"") {
			t.Errorf("%q: no example in the answer:\n%s", text, got)
		}
	}
	if rs, _ := db.Reminders(context.Background()); len(rs) != 0 {
		t.Errorf("incomplete commands stored reminders: %+v", rs)
	}
	got := full(sayIn(t, o, "alice", "c1", "rappelle-moi la checklist de déploiement"))
	if strings.Contains(got, "pas compris le rappel") {
		t.Errorf("a question was taken for a reminder:\n%s", got)
	}
	if got := full(sayIn(t, o, "alice", "c1", "liste les rappels")); !strings.Contains(got, "Aucun rappel créé par chat") {
		t.Errorf("empty list:\n%s", got)
	}
}

// TestReminderScheduleAsked: a reminder whose schedule is said after its
// text is created; one without a schedule asks when, and the answer
// completes it, in the conversation's language.
func TestReminderScheduleAsked(t *testing.T) {
	o, _ := reminderOrchestrator(t)
	steps := []step{
		{"alice", "rappelle à #deploys de relire le changelog tous les vendredis à 16h", "chaque vendredi à 16h : « relire le changelog »"},
		{"bob", "remind #web to check staging", "When should I remind it in #web?"},
		{"bob", "every monday at 10", "in #web, every Monday at 10:00: \"check staging\""},
		{"carol", "rappelle à #deploys de vérifier le staging", "Quand dois-je le rappeler dans #deploys ?"},
		{"carol", "du lundi au vendredi à 9h", "du lundi au vendredi à 9h : « vérifier le staging »"},
	}
	saySteps(t, o, steps)
}

// TestReminderDeleteAsked: a reminder to delete said by what it is lists
// them and asks which one; the number answered deletes it, one not
// offered deletes nothing.
func TestReminderDeleteAsked(t *testing.T) {
	o, db := reminderOrchestrator(t)
	steps := []step{
		{"alice", "rappelle à #api chaque vendredi à 16h de geler les MEP", "rappel n°1"},
		{"alice", "rappelle à #deploys chaque vendredi à 11h de relire les gels", "rappel n°2"},
		{"bob", "supprime le rappel du vendredi", "Rappels : #1 (chaque vendredi à 16h, #api), #2 (chaque vendredi à 11h, #deploys). Lequel ?"},
		{"bob", "7", "Je ne suis pas sûr de comprendre"},
		{"carol", "delete the friday reminder", "Which one?"},
		{"carol", "#2", "Reminder #2 deleted"},
	}
	saySteps(t, o, steps)
	rs, err := db.Reminders(context.Background())
	if err != nil || len(rs) != 1 || rs[0].ID != 1 {
		t.Errorf("reminders left: %+v %v", rs, err)
	}
}

// step is one message of a conversation in channel c1 and a part of the
// bot's reply to it.
type step struct{ user, text, want string }

// saySteps says each step in turn and stops at the first reply that
// lacks its part.
func saySteps(t *testing.T, o *agents.Orchestrator, steps []step) {
	t.Helper()
	for i, s := range steps {
		if got := full(sayIn(t, o, s.user, "c1", s.text)); !strings.Contains(got, s.want) {
			t.Fatalf("step %d %q:\n%s\nwant %q", i+1, s.text, got, s.want)
		}
	}
}
