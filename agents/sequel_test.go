package agents_test

import "testing"

// TestRefusedRollbackSequel: the bot's refusal of a rollback for want of
// an earlier good version stays in the conversation, so that "and on
// staging?" right after asks the rollback there (it answered what runs on
// staging: the refusal was not kept, and the router read a state asked).
func TestRefusedRollbackSequel(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "rollback web prod", "no earlier good version of web on production"},
		{"alice", "and on staging?", "no earlier good version of web on staging"},
		{"alice", "rollback du site en prod", "aucune version antérieure saine de web en production"},
		{"alice", "et en recette ?", "aucune version antérieure saine de web en staging"},
	})
}
