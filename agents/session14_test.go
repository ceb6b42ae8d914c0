package agents_test

import (
	"slices"
	"strings"
	"testing"
)

// TestStrategyChangedRightAfter: a strategy said instead, right after the
// bot noted one for a project ("plutôt blue-green finalement"), sets that
// one (the conversation was forgotten after a setting: a new user's
// correction was not understood); a question about a strategy after it
// changes nothing.
func TestStrategyChangedRightAfter(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	saySteps(t, o, []step{
		{"alice", "pour le projet api, la stratégie est canary", "stratégie = *canary*"},
		{"alice", "plutôt blue-green finalement", "stratégie = *blue-green* (avant : canary"},
		{"alice", "set web strategy to canary", "strategy = *canary*"},
		{"alice", "what is rolling?", "Rolling"},
		{"alice", "show context for web", "canary"},
	})
}

// TestFreezeWithoutEndAsksWhy: a freeze with neither an end nor a reason
// ("gèle web") asks why, as a lock does, and the answer freezes (it froze
// every environment of web for a year on two words); with a reason or an
// end it freezes at once.
func TestFreezeWithoutEndAsksWhy(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "gèle web", "Donnez une raison pour geler web"},
		{"alice", "audit client en cours", "audit client en cours"},
		{"bob", "freeze api production", "Give a reason to freeze api production"},
		{"bob", "client demo", "— client demo"},
		{"alice", "freeze api staging: tests", "— tests"},
	})
}

// TestReasonAskedAfterTheProject: "verrouille", "Quel projet ?", "le site
// en prod", "Donnez une raison…", "migration en cours" locks web
// production (the verb fell out of the conversation's three turns and
// the reason answered nothing); the same for a freeze and an unlock,
// whose reason may say the cause is found.
func TestReasonAskedAfterTheProject(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "verrouille", "Quel projet pour « lock »"},
		{"alice", "le site en prod", "Donnez une raison pour verrouiller web production"},
		{"alice", "migration en cours", "🔒 web/production verrouillé par alice : migration en cours"},
		{"alice", "c'est quoi le rolling ?", "Rolling"}, // right after the lock, "déverrouille" names it (TestBareUnlockAfterLock)
		{"alice", "déverrouille", "Quel projet pour « unlock »"},
		{"alice", "le site en prod", "Donnez une raison pour déverrouiller web production"},
		{"alice", "pool de connexions saturé", "Donnez une raison pour déverrouiller web production"},
		{"alice", "cause trouvée, pool de connexions saturé, fix en 2.8.5", "web"},
		{"alice", "gèle", "Quel projet pour « freeze »"},
		{"alice", "l'api en prod", "Donnez une raison pour geler api production"},
		{"alice", "migration en cours", "— migration en cours"},
	})
}

// TestInterviewWantsWords: a bare number or "je sais pas" to an
// interview's question in words is asked again, never stored (a new
// user's "2" became the project's constraints, a hedge its environments);
// "passer" skips it, and a number still picks a choice.
func TestInterviewWantsWords(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	saySteps(t, o, []step{
		{"alice", "configure le projet api", "Question 1/13"},
		{"alice", "1", "Question 2/13"},
		{"alice", "2", "Cette question attend une réponse en mots"},
		{"alice", "euh je sais pas trop", "Cette question attend une réponse en mots"},
		{"alice", "passer", "Question 3/13"},
	})
}

// TestStrategyChangedOnlyRightAfter: a strategy named right after the bot
// noted one changes it; after another question ("is web on canary?")
// nothing is changed (session 19's new user set api's strategy to
// recreate so, answering about web: the router reads the bot's note
// right before).
func TestStrategyChangedOnlyRightAfter(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	saySteps(t, o, []step{
		{"alice", "set api to canary", "strategy = *canary*"},
		{"alice", "is web on canary?", "anary"},
	})
	if got := full(sayIn(t, o, "alice", "c1", "no, recreate")); strings.Contains(got, "recreate*") {
		t.Fatalf("\"no, recreate\" after a question about web changed a setting:\n%s", got)
	}
	saySteps(t, o, []step{
		{"alice", "set api to canary", "strategy = *canary*"},
		{"alice", "no, rolling", "strategy = *rolling* (was canary"},
	})
}

// TestBareUnlockAfterLock: a bare unlock right after the bot's own lock
// names that lock (session 26: it asked which project); its reason is
// still asked.
func TestBareUnlockAfterLock(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "verrouille le site en prod : migration en cours", "🔒 web/production verrouillé par alice : migration en cours"},
		{"alice", "c'est bon, déverrouille", "Donnez une raison pour déverrouiller web production"},
		{"alice", "cause trouvée, migration terminée", "web"},
		{"bob", "lock api staging: data import", "🔒 api/staging locked by bob: data import"},
		{"bob", "unlock: import done", "api/staging unlocked"},
	})
}

// TestYesAfterAside: a yes after the person's own question while a plan
// waits confirms nothing; the bot offers that plan's yes and no by
// number, and picking the first runs it (session 26: it only said it was
// not sure).
func TestYesAfterAside(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"bob", "deploy api 2.5.0 to staging", "Confirm?"},
		{"bob", "what is a canary release?", "anary"},
	})
	r := sayIn(t, o, "bob", "c1", "yes")
	var offered []string
	for _, a := range r.Actions {
		offered = append(offered, a.Value)
	}
	if !slices.Equal(offered, []string{"confirm 1", "cancel 1"}) || strings.Contains(full(r), "started") {
		t.Fatalf("yes after an aside: %q, offered %q", full(r), offered)
	}
	saySteps(t, o, []step{{"bob", "the first one", "started"}})
}
