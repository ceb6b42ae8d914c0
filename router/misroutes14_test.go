package router_test

import "testing"

// TestSequelAfterAConfirmedPlan: after an order, the bot's plan, "yes"
// and its report, a sequel ("same for web", "pareil en prod", "prod")
// repeats the confirmed order elsewhere (it read a status, or talk); a
// failed report carries no version on; a no to the plan is no order to
// repeat.
func TestSequelAfterAConfirmedPlan(t *testing.T) {
	deployed := []string{"deploy web 4.13.0 to staging", "Deploy web 4.13.0 → staging (#82)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes",
		"🚀 Deployment web 4.13.0 (#82) ... Status: Done ✅"}
	failed := []string{"deploy web 4.13.0 to staging", "Deploy web 4.13.0 → staging (#82)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes",
		"🚀 Deployment web 4.13.0 (#82) ... Status: Failed ❌"}
	declined := []string{"deploy web 4.13.0 to staging", "Deploy web 4.13.0 → staging (#82)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "no"}
	rolledBack := []string{"rollback api staging", "Rollback api → v2.7.3 on staging (#57)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes",
		"Confirmed: rollback api → v2.7.3 on staging (#57) started."}
	frDeployed := []string{"déploie api 2.9.0 en staging", "Déployer api 2.9.0 → staging (#83)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »).", "oui",
		"🚀 Déploiement api 2.9.0 (#83) ... Statut : terminé ✅"}
	checkReadings(t, []reading{
		{"same on prod", deployed, "action deploy app=web env=production version=4.13.0"},
		{"prod", deployed, "action deploy app=web env=production version=4.13.0"},
		{"same thing but on prod", deployed, "action deploy app=web env=production version=4.13.0"},
		{"même chose en prod", deployed, "action deploy app=web env=production version=4.13.0"},
		{"pareil en prod", frDeployed, "action deploy app=api env=production version=2.9.0"},
		{"same for web", rolledBack, "action rollback app=web env=staging"},
		{"pareil pour le site", rolledBack, "action rollback app=web env=staging"},
		{"same on prod", failed, "unknown"},
		{"prod", failed, "unknown"},
		{"prod", declined, "command status env=production"},
		{"what's the status of prod", deployed, "command status env=production"},
	})
}

// TestPlanChangeWithItsReason: a change of the plan followed by what is
// wrong with the plan's version ("make it 2.8.3, 2.8.2 has the typo") is
// the change (it was talk, or a no that cancelled the plan); the plan's
// value taken back before the change ("pas l'api, le front", "not api,
// web") as well as after it.
func TestPlanChangeWithItsReason(t *testing.T) {
	plan := []string{"deploy api 2.8.2 to staging", "Deploy api 2.8.2 → staging (#63)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rollback := []string{"rollback api production", "Rollback api → v2.7.3 en production (#68)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"actually make it 2.8.3, 2.8.2 has the typo in the export", plan, "action deploy app=api env=staging version=2.8.3 replaces=63"},
		{"make it 2.8.3, the other has a bug", plan, "action deploy app=api env=staging version=2.8.3 replaces=63"},
		{"no, 2.8.3, 2.8.2 has the typo", plan, "action deploy app=api env=staging version=2.8.3 replaces=63"},
		{"non, plutôt la 2.8.3, la 2.8.2 a un bug", plan, "action deploy app=api env=staging version=2.8.3 replaces=63"},
		{"no, 2.8.2 has the typo", plan, "command cancel decline=yes id=63"},
		{"make it 2.8.3, 2.8.2 has the typo?", plan, "question staging"},
		{"non attends, pas l'api, le front", rollback, "action rollback app=web env=production replaces=68"},
		{"pas l'api, le front", rollback, "action rollback app=web env=production replaces=68"},
		{"not api, web", rollback, "action rollback app=web env=production replaces=68"},
		{"not api", rollback, "question production"}, // no change said: the plan waits
	})
}

// TestNewsForTheTeam: a greeting to the team with a project and a
// version and no verb that orders ("hello team, D-day for api 2.8",
// "salut l'équipe, aujourd'hui MEP du site en 4.12.0") is news, no
// deploy; with an order's verb, a please, or the bot named, it is an
// order.
func TestNewsForTheTeam(t *testing.T) {
	checkReadings(t, []reading{
		{"hello team, D-day for api 2.8 🚀", nil, "smalltalk"},
		{"salut l'équipe, aujourd'hui MEP du site en 4.12.0 👀", nil, "smalltalk"},
		{"bonjour à tous, MEP du site en 4.12.0 cet aprem", nil, "smalltalk"},
		{"hi all, api 2.8 goes live today", nil, "smalltalk"},
		{"hello team, deploy api 2.8 to prod", nil, "action deploy app=api env=production version=2.8"},
		{"hi all, api 2.8 to prod please", nil, "action deploy app=api env=production version=2.8"},
		{"hi team, @deploybot release web 4.2.1 on staging 🙏", nil, "action deploy app=web env=staging version=4.2.1"},
	})
}
