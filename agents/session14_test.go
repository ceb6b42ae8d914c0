package agents_test

import "testing"

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
