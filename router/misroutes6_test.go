package router_test

import (
	"context"
	"testing"

	"deploybot/router"
)

// TestSession6Readings holds, in other words than the evaluation sets',
// the readings session 6 fixed from routing_holdout14's misses.
func TestSession6Readings(t *testing.T) {
	checkReadings(t, []reading{
		// A shortened name after a determiner names the project of a
		// command too, not only of an action.
		{"statut du back ?", nil, "command status app=api"},
		{"lock the back in prod: db migration", nil, "command lock app=api env=production reason=db migration"},
		{"historique du front", nil, "command history app=web"},
		// An order said as its noun stands when the past is told in
		// another clause; the environment a validation is told of is no
		// target.
		{"MEP de l'api en 3.0.1 stp, QA a tout validé en recette", nil, "action deploy app=api env=production version=3.0.1"},
		{"la préprod est validée. MEP du front", nil, "action deploy app=web env=production from=staging"},
		{"deploy web 2.0.0 to prod, QA tested staging", nil, "action deploy app=web env=production version=2.0.0"},
		// A message that is one code span is the command typed in code
		// style; one quoted among other words is no order.
		{"`deploy api 3.0.1 to staging`", nil, "action deploy app=api env=staging version=3.0.1"},
		{"```rollback web prod```", nil, "action rollback app=web env=production"},
		{"type `rollback web prod` to go back", nil, "question rollback"},
	})
}

// TestOrdersNotGivenSession6 holds the ways around session 6's readings:
// an order's noun with a moment told, a code span among other words.
func TestOrdersNotGivenSession6(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"mise en prod du back hier, tout est validé", "la MEP d'hier a tout cassé, le client a validé trop vite",
		"depuis la MEP du site, la recette est cassée", "MEP du front il y a 2 jours, validée par le client",
		"le déploiement précédent du site a été validé", "to roll back, type `rollback web prod`",
		"`rollback web prod` is the command, don't run it", "ne tape pas `deploy api 1.0.0 to prod`",
	} {
		if req := r.Parse(context.Background(), text, nil); changesSomething(req) {
			t.Errorf("%q changes something: %s", text, brief(req))
		}
	}
}
