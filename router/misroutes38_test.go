package router_test

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestSession38YesRemarks holds a yes to a plan said with a remark of the
// few kinds a yes comes with (router/yesremark.go): certainty, hope, a
// check done, people around, staging green, a request to be told or to
// approve, the client waiting. A remark that also delays, sets a
// condition, names another target, says no or jokes confirms nothing.
func TestSession38YesRemarks(t *testing.T) {
	card := []string{"deploy web 2.0.0 to production", "Deploy web 2.0.0 → production (#33)\nRules:\n✅ recommended window — windows: agency, file line 90\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               2.0.0\n(answer \"yes\" or \"no\")"}
	cardFr := []string{"déploie l'api 4.2.0 en prod", "Déploiement api 4.2.0 → production (#47)\nRègles :\n✅ fenêtre recommandée\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : api\n(répondez « oui » ou « non »)"}
	yes, yesFr := "command confirm id=33", "command confirm id=47"
	checkReadings(t, []reading{
		{"yes I'm sure", card, yes},
		{"yes — both approvers are online", card, yes},
		{"yes (went through the checklist already)", card, yes},
		{"yes, fingers crossed 🤞", card, yes},
		{"yes, and ping #api when it's done", card, yes},
		{"go ahead, staging's been green all morning", card, yes},
		{"yes, @bob approve it when it pops up pls", card, yes},
		{"yes but tell me when it's done", card, yes},
		{"yolo 🚀", card, yes},
		{"oui, et préviens #api après", cardFr, yesFr},
		{"oui (bon, croisons les doigts)", cardFr, yesFr},
		{"go, on a vérifié la checklist ensemble", cardFr, yesFr},
		{"oui, le client a validé ce matin", cardFr, yesFr},
		{"ouais vas-y, le client attend depuis ce matin", cardFr, yesFr},
		{"oui — @lucie tu pourras approuver derrière ?", cardFr, yesFr},
		{"oui mais fais vite", cardFr, yesFr},
	})
	// Around the rule: the same shapes with a delay, a condition, a no,
	// another target, a joke or a doubt.
	for _, text := range []string{"yes but wait for bob", "yes once the tests pass", "yes if staging is green", "yes after lunch",
		"yes, in 10 minutes", "yes, the build is red", "yes I think", "oui demain matin", "yes, and deploy the api too", "yes @bob?",
		"yes, what could possibly go wrong 😂", "yes lol", "yes when bob is back", "yes, @bob don't approve", "yes @bob approve it tomorrow",
		"yes, I'm not sure", "yes fingers crossed the migration holds?", "yes, both approvers are away", "yes, staging is broken",
		"yes, we checked nothing", "yes, went through the checklist tomorrow", "oui, la recette n'est pas finie", "yes I'm sure... not",
		"yes, fingers crossed 😅", "oui, on a vérifié la moitié", "yes, tell me when it's done, or cancel it", "yes, staging has been red all morning",
		"yes, the client is waiting for the fix on the api", "yes, ping #api after the freeze", "yes, and ping #api when the freeze is over"} {
		checkNothingChanged(t, text, card)
	}
}

// checkNothingChanged fails when text, after history, would change
// something (an action, or a command that runs or approves).
func checkNothingChanged(t *testing.T, text string, history []string) {
	t.Helper()
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Parse(context.Background(), text, history); changesSomething(got) {
		t.Errorf("%q %q: %s, want nothing changed", text, history, brief(got))
	}
}

// TestSession38RollbackInstead holds an answer to a deploy's plan that
// asks for a rollback in its place (router/planswitch.go): the plan's
// project, the environment named (else the plan's), the version named as
// the target; never one told, denied, put off or doubted.
func TestSession38RollbackInstead(t *testing.T) {
	staging := []string{"deploy web 2.0.0 to staging", "Deploy web 2.0.0 → staging (#8)\nRules:\n✅ no rule applies to this environment\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n(answer \"yes\" or \"no\")"}
	prod := []string{"déploie le site 4.0.1 en prod", "Déploiement web 4.0.1 → production (#46)\nRègles :\n✅ fenêtre recommandée\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : web\n  version actuelle   : 4.0.0\n(répondez « oui » ou « non »)"}
	checkReadings(t, []reading{
		{"no, rollback staging", staging, "action rollback app=web env=staging replaces=8"},
		{"no wait, I meant a rollback of staging, not a deploy", staging, "action rollback app=web env=staging replaces=8"},
		{"let's roll back instead", staging, "action rollback app=web env=staging replaces=8"},
		{"non, rollback en staging stp", staging, "action rollback app=web env=staging replaces=8"},
		{"actually no, let's roll back instead, 4.0.0 is bad", prod, "action rollback app=web env=production replaces=46"},
		{"en fait fais plutôt un rollback vers la 3.9", prod, "action rollback app=web env=production version=3.9 replaces=46"},
	})
	for _, text := range []string{"no, not a rollback", "no, rollback staging tomorrow", "no, rollback the api", "no, I think a rollback",
		"no, rollback drill", "no, we did a rollback yesterday", "no, the rollback went fine", "no, rollback is for emergencies",
		"rollback staging? no", "let's roll back instead lol", "@bob let's roll back instead", "I meant the rollback we did last week",
		"plutôt un rollback, si le client est d'accord", "let's rehearse a rollback instead"} {
		if got := parseOf(t, text, staging); got.Kind == deploybot.KindAction {
			t.Errorf("%q: %s, want no order", text, brief(got))
		}
	}
}

func parseOf(t *testing.T, text string, history []string) deploybot.Request {
	t.Helper()
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	return r.Parse(context.Background(), text, history)
}
