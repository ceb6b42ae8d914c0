package router_test

import "testing"

// TestSession23 holds the plan changes read wrongly at session 23's start
// (found among the read sets' remaining misses, in other words than
// theirs): a change to production that says the plan's version is on
// staging keeps that version (it promoted whatever staging ran); a no,
// the environment and a reason each in its own sentence is the change
// (the no cancelled the plan).
func TestSession23(t *testing.T) {
	plan := []string{"deploy web 4.6.2 to staging", "Deploy web 4.6.2 → staging (#174)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"déploie le site 3.8.1 en staging", "Déployer web 3.8.1 → staging (#75)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planProd := []string{"deploy api 3.8.2 to prod", "Deploy api 3.8.2 → production (#9)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		// The plan's version, said to be on staging.
		{"actually prod, it's been on staging since monday", plan, "action deploy app=web env=production version=4.6.2 replaces=174"},
		{"non, en prod directement, c'est déjà validé en recette", planFr, "action deploy app=web env=production version=3.8.1 replaces=75"},
		// What staging runs, said so.
		{"hmm no, promote what's on staging instead", planProd, "action deploy app=api env=production from=staging replaces=9"},
		// A no, the change, then why, in sentences.
		{"no, prod. it is tested already", plan, "action deploy app=web env=production version=4.6.2 replaces=174"},
		{"non, en prod. le client l'a validée", plan, "action deploy app=web env=production version=4.6.2 replaces=174"},
		{"non, en prod. on l'a testée hier", plan, "action deploy app=web env=production version=4.6.2 replaces=174"},
		// Not a change: the same environment, a state, a promise.
		{"no, staging. it is tested already", plan, "command cancel decline=yes id=174"},
		{"non, en prod, c'est bloqué", plan, "command status env=production"},
		{"no, prod. we will test it later", plan, "command cancel decline=yes id=174"},
		{"no, prod. it is broken", plan, "command cancel decline=yes id=174"},
	})
}
