package agents_test

import (
	"strings"
	"testing"
)

// TestOrderOnAnItemOfTheList: after "pending", an order that names one of
// the deployments listed ("approve the web one", "refuse la première")
// decides on that one; "and 3 too" after a decision decides on 3 as well;
// after the locks, the freezes and the reminders, "unlock it", "lift it",
// "delete the second one" act on the item they name (the conversation was
// forgotten after a list, and each asked which one).
func TestOrderOnAnItemOfTheList(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	for _, text := range []string{"deploy api v1.1.0 to staging --yes", "deploy web v2.0.0 to staging --yes",
		"deploy api v1.1.0 to production --yes", "deploy web v2.0.0 to production --yes"} {
		say("alice", text)
	}
	steps := []struct{ user, text, want string }{
		{"carol", "pending", "#4: deploy web v2.0.0 → production (alice)"},
		{"carol", "approve the web one", "(#4) started, approved by carol"},
		{"carol", "pending", "#3: deploy api v1.1.0 → production (alice)"},
		{"carol", "refuse la première, pas de tests de charge", "Déploiement #3 refusé"},
		{"alice", "lock web staging: smoke tests red", "🔒 web/staging locked by alice"},
		{"alice", "list locks", "🔒 web/staging"},
		{"alice", "unlock it: fixed in 2.0.1", "🔓 web/staging unlocked by alice: fixed in 2.0.1"},
		{"alice", "freeze web production until friday: black friday", "Freeze #1"},
		{"alice", "list freezes", "#1"},
		{"alice", "lift it, the client agreed", "Freeze #1 lifted"},
		{"alice", "remind #deploys every monday at 9:30 to check windows", "reminder #1"},
		{"alice", "remind #api every friday at 16:00 to hold api releases", "reminder #2"},
		{"alice", "reminders", "#2"},
		{"alice", "delete the second one", "Reminder #2 deleted"},
	}
	for _, s := range steps {
		if got := say(s.user, s.text); !strings.Contains(got, s.want) {
			t.Errorf("%s> %q:\n got  %s\n want %q in it", s.user, s.text, got, s.want)
		}
	}
}

// TestSameDecisionForAnotherID: "and 4 too" right after "approve 3" and
// its report approves 4.
func TestSameDecisionForAnotherID(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	for _, text := range []string{"deploy api v1.1.0 to staging --yes", "deploy web v2.0.0 to staging --yes",
		"deploy api v1.1.0 to production --yes", "deploy web v2.0.0 to production --yes"} {
		say("alice", text)
	}
	if got := say("carol", "approve 3"); !strings.Contains(got, "(#3) started, approved by carol") {
		t.Fatalf("approve 3: %s", got)
	}
	if got := say("carol", "and 4 too"); !strings.Contains(got, "(#4) started, approved by carol") {
		t.Errorf("and 4 too: %s", got)
	}
}

// TestSettingAsksItsProject: a setting said without its project ("set
// the strategy to rolling") asks which project, and the answer sets it
// there (the conversation was forgotten, and "web" answered nothing); a
// possessive after the project's context ("set its strategy to canary")
// sets that project's.
func TestSettingAsksItsProject(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	saySteps(t, o, []step{
		{"alice", "set the strategy to rolling", "Which project"},
		{"alice", "web", "for project web, strategy = *rolling*"},
		{"alice", "show context for api", "api"},
		{"alice", "set its strategy to canary", "for project api, strategy = *canary*"},
	})
}

// TestCorrectionAfterARefusedPlan: a correction right after a plan the
// rules refused ("non, en staging d'abord") is the order changed (it got a
// help card, and the next "actually" replanned production); a version
// correction after a changed plan changes that plan (it was read as a
// rollback of the version).
func TestCorrectionAfterARefusedPlan(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"carol", "freeze api production: audit", "audit"},
		{"alice", "déploie api v1.1.0 en prod", "rien n'a été lancé"},
		{"alice", "non, en staging d'abord", "Déploiement api v1.1.0 → staging"},
		{"alice", "actually v1.2.0", "api v1.2.0 → staging"},
		{"alice", "no wait, production", "api v1.2.0 → production"},
	})
}

// TestAnswersKeptWithTheirQuestion: the answer to the environment a
// rollback asks for may exclude another ("la prod, pas le staging"; it got
// the staging card), and an unlock's reason may say what works again ("les
// paiements repassent"; it was asked again and again).
func TestAnswersKeptWithTheirQuestion(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "rollback api", "Which environment for the rollback of api?"},
		{"alice", "la prod, pas le staging", "api en production"},
		{"alice", "lock api production: incident", "🔒 api/production"},
		{"alice", "unlock api production", "Donnez une raison pour déverrouiller api production"},
		{"alice", "le rollback est vérifié, les paiements repassent", "🔓 api/production"},
	})
}

// TestDecisionDescribedWithoutAList: "approve the prod one" decides on
// the one deployment waiting in production, with no list shown before
// (it got the approvals card); "approve the web one" when none of web
// waits says so.
func TestDecisionDescribedWithoutAList(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	for _, text := range []string{"deploy api v1.1.0 to staging --yes", "deploy api v1.1.0 to production --yes"} {
		say("alice", text)
	}
	if got := say("carol", "approve the web one"); strings.Contains(got, "started") {
		t.Errorf("approve the web one with none of web waiting: %s", got)
	}
	if got := say("carol", "approve the prod one"); !strings.Contains(got, "(#2) started, approved by carol") {
		t.Errorf("approve the prod one: %s", got)
	}
}

// TestPendingShowsOnesOwnRequests: "pending" from the requester says her
// own request waits for someone else's approval (she was told nothing
// waited).
func TestPendingShowsOnesOwnRequests(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	for _, text := range []string{"deploy api v1.1.0 to staging --yes", "deploy api v1.1.0 to production --yes"} {
		say("alice", text)
	}
	if got := say("alice", "pending"); !strings.Contains(got, "Your requests wait for someone else's approval: #2 deploy api v1.1.0 → production") {
		t.Errorf("alice's pending: %s", got)
	}
	if got := say("carol", "pending"); !strings.Contains(got, "#2: deploy api v1.1.0 → production (alice)") || strings.Contains(got, "Your requests") {
		t.Errorf("carol's pending: %s", got)
	}
}

// TestFarewellIsNoGreeting: a farewell gets a farewell, never "Hello!"
// (a new user's "a+" got one).
func TestFarewellIsNoGreeting(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	saySteps(t, o, []step{
		{"alice", "a+", "À bientôt"},
		{"alice", "bonne soirée", "À bientôt"},
		{"bob", "bye!", "See you"},
		{"carol", "salut", "Bonjour"},
	})
}

// TestWindowsCardSaysTheProjectsWindows: the windows card for a named
// project says the project's own windows, days in French in French (a
// new user planned api for a Thursday the brief's windows allow and api's
// do not).
func TestWindowsCardSaysTheProjectsWindows(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	saySteps(t, o, []step{
		{"alice", "set api windows.recommended to Tue-Wed 10:00-12:00", "Tue-Wed 10:00-12:00"},
		{"alice", "c quand le prochain creneau pour api ?", "Pour le projet *api* : fenêtres recommandées *mar-mer 10:00-12:00*"},
	})
}
