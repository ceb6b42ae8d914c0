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
