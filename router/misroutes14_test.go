package router_test

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/router"
)

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
		{"prod", failed, "command status env=production"},
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

// TestWaitAloneAfterALock: "--wait" alone after an order the bot refused
// (the environment is locked) is that order again, waiting its turn;
// "--yes" alone is a yes, never the order again without its plan; with no
// order before it, "--wait" repeats nothing.
func TestWaitAloneAfterALock(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	locked := []string{"deploy api 2.8.4 to staging", "❌ api/staging is locked by Priya (repro redis)"}
	ctx := context.Background()
	got := r.Parse(ctx, "--wait", locked)
	if got.Kind != deploybot.KindAction || got.App != "api" || got.Env != deploybot.EnvStaging || got.Version != "2.8.4" || !got.Wait || got.Yes || got.Force {
		t.Errorf("--wait after a lock: %+v", got)
	}
	if got := r.Parse(ctx, "--yes", locked); got.Kind == deploybot.KindAction {
		t.Errorf("--yes after a lock is the order again: %+v", got)
	}
	if got := r.Parse(ctx, "--wait", []string{"status api", "api staging runs 2.8.3"}); got.Kind == deploybot.KindAction {
		t.Errorf("--wait after a status: %+v", got)
	}
	// The chat keeps the order, not the refusal after it.
	if got := r.Parse(ctx, "--wait", locked[:1]); got.Kind != deploybot.KindAction || !got.Wait || got.Version != "2.8.4" {
		t.Errorf("--wait after the order alone: %+v", got)
	}
}

// TestCancelTheRunningDeployment: "annule le déploiement en cours" (its
// "cours" was read as an environment of a rollback), "cancel the running
// deployment", "stop the deploy", with the reason after a comma, cancel
// (the bot asks which when several wait); with what to go back to it is
// still a rollback.
func TestCancelTheRunningDeployment(t *testing.T) {
	started := []string{"deploy api 2.9.1 to staging", "🚀 Deployment api 2.9.1 (#90) started…"}
	checkReadings(t, []reading{
		{"annule le déploiement en cours, mauvaise version", started, "command cancel reason=mauvaise version"},
		{"annule le déploiement en cours", nil, "command cancel"},
		{"cancel the running deployment", nil, "command cancel"},
		{"cancel the deploy, wrong version", nil, "command cancel reason=wrong version"},
		{"stop the deploy", nil, "command cancel"},
		{"arrête le déploiement", nil, "command cancel"},
		{"annule le déploiement 32 stp, mauvaise version", nil, "command cancel id=32 reason=stp, mauvaise version"},
		{"annule le déploiement de l'api en prod et reviens sur la précédente", nil, "action rollback app=api env=production"},
		{"cancel the deploy, deploy web 2.0 instead", nil, "question production"},
	})
}

// TestStrategyChangedAfterItWasSet: a strategy said alone or with a
// correction's words right after the bot noted another one for a project
// sets that one instead; asked, negated or another order, it does not.
func TestStrategyChangedAfterItWasSet(t *testing.T) {
	setFr := []string{"pour le projet api, la stratégie est canary", "C'est noté : pour le projet api, stratégie = *canary* (avant : blue-green, pratique standard)."}
	setEn := []string{"set web strategy to canary", "Noted: for project web, strategy = *canary* (was rolling, built-in practice)."}
	checkReadings(t, []reading{
		{"plutôt blue-green finalement", setFr, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"non, blue-green", setFr, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"actually rolling", setEn, "command context app=web key=strategy scope=project value=rolling what=set"},
		{"what about rolling?", setEn, "question production"},
		{"not rolling", setEn, "question production"},
		{"deploy web to staging", setEn, "action deploy app=web env=staging"},
	})
}

// TestAttack25: the attack on this session's rules. A change of the plan
// that is negated ("don't make it 2.8.3, …"), a project taken back beside
// a verdict on the other ("pas l'api, le front est ok", "not api, web ✅")
// or beside the same one again ("not api, web and api"), a sequel asked or
// after a report of a rollback or failure, and news to the team that is
// an order after all ("hi team, api 2.8 to prod now", "… merci", verbs
// the action words miss) each read as a careful person would.
func TestAttack25(t *testing.T) {
	planStaging := []string{"deploy api 2.8.2 to staging", "Deploy api 2.8.2 → staging (#63)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rollbackFr := []string{"rollback api production", "Rollback api → v2.7.3 sur production (#57)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	rollbackEn := []string{"rollback api production", "Rollback api → v2.7.3 on production (#57)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rolledBack := []string{"deploy web 4.13.0 to staging", "Deploy web 4.13.0 → staging (#82)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes",
		"🚀 Deployment web 4.13.0 (#82) ... Status: Rolled back ⏪"}
	rollbackFailed := []string{"rollback api on staging", "Rollback api → v2.7.3 on staging (#57)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes",
		"⏪ Rollback api v2.7.3 (#57) ... Status: Failed ❌"}
	done := []string{"deploy web 4.13.0 to staging", "Deploy web 4.13.0 → staging (#82)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes",
		"🚀 Deployment web 4.13.0 (#82) ... Status: Done ✅"}
	for _, tt := range []reading{
		{"don't make it 2.8.3, 2.8.2 has the fix", planStaging, ""},
		{"no, don't make it 2.8.3, 2.8.2 has the fix", planStaging, ""},
		{"don't switch to 2.8.3, 2.8.2 has the fix", planStaging, ""},
		{"pas l'api, le front est ok", rollbackFr, ""},
		{"pas l'api, le front c'est bon", rollbackFr, ""},
		{"pas l'api, le front OK", rollbackFr, ""},
		{"not api, web ok", rollbackEn, ""},
		{"not api, web ✅", rollbackEn, ""},
		{"not api, web nope", rollbackEn, ""},
		{"not api, web and api", rollbackEn, ""},
		{"pas l'api, le front et l'api", rollbackFr, ""},
		{"pas l'api, le front est ok", planStaging, ""},
		{"same for prod", rolledBack, ""},
		{"prod", rolledBack, ""},
		{"pareil en prod", rolledBack, ""},
		{"same for prod", rollbackFailed, ""},
		{"same for prod?", done, ""},
		{"la prod pareil ?", done, ""},
		{"l'api aussi ?", done, ""},
		{"hi all, the api 2.8 deploy is done today", nil, ""},
	} {
		checkNoChange(t, tt.text, tt.history)
	}
	checkReadings(t, []reading{
		{"hi team, api 2.8 to prod now", nil, "action deploy app=api env=production version=2.8"},
		{"hey team, api 2.8 → prod", nil, "action deploy app=api env=production version=2.8"},
		{"hi team, put api 2.8 on prod", nil, "action deploy app=api env=production version=2.8"},
		{"hi team, bump api to 2.8 in prod", nil, "action deploy app=api env=production version=2.8"},
		{"hi team, api 2.8 prod asap", nil, "action deploy app=api env=production version=2.8"},
		{"salut l'équipe, go MEP api 2.8", nil, "action deploy app=api env=production version=2.8"},
		{"salut l'équipe, MEP du site en 4.12.0, merci", nil, "action deploy app=web env=production version=4.12.0"},
		{"hi team: web 4.12.0 to production", nil, "action deploy app=web env=production version=4.12.0"},
	})
}

// checkNoChange fails when text, after history, would change something.
func checkNoChange(t *testing.T, text string, history []string) {
	t.Helper()
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Parse(context.Background(), text, history); changesSomething(got) {
		t.Errorf("%q after %q changes something: %s", text, history, brief(got))
	}
}

// TestReadHoldout27: holdout27 (session 11's honest set, read at session
// 14) misread these: an obligation for later ("faudra geler la prod
// pendant les soldes") froze production; "exactly", "c'est ça" say yes.
// Its writer, as holdout28's and holdout31's, expected a yes to an order
// the bot offers ("Do you mean: roll back api → production?") to be that
// order; the bot offers none in a conversation, so such a line is a
// person's, and a yes to it still plans nothing (session 10's rule).
func TestReadHoldout27(t *testing.T) {
	checkReadings(t, []reading{
		{"faudra geler la prod pendant les soldes, je le note pour plus tard", nil, "question orchestrator"},
		{"il faudra geler la prod pendant les soldes", nil, "question orchestrator"},
		{"on devra geler la prod", nil, "question orchestrator"},
		{"faudra déployer l'api en prod", nil, "question production"},
		{"yes exactly", []string{"can you put the api back how it was this morning in prod", "Do you mean: roll back api → production?"}, "unknown"},
		{"gèle la prod pendant les soldes", nil, "command freeze env=production"},
		{"yeah right", nil, "unknown"},
		// What a named person did is told, not ordered; an order with an
		// English article stays one.
		{"Inès a rollback le site en recette vers midi, juste pour info", nil, "question rollback"},
		{"Do a rollback of web prod", nil, "action rollback app=web env=production"},
		{"Trigger a rollback on web prod", nil, "action rollback app=web env=production"},
		// The bot's verdict question with its article; "staging first" as
		// a plan's change.
		{"failed, le job a timeout", []string{"outcome 83", "Le déploiement #83 : réussi ou échoué ? Donne aussi la raison."}, "command outcome id=83 outcome=failed reason=le job a timeout"},
		{"plutôt en preprod d'abord en fait", []string{"mets le site v2.1.0 en prod", "Déployer web v2.1.0 → production (#74)\n❌ la version v2.1.0 n'a pas réussi en staging\nConfirmer ? Réponds « oui » dans les 2 minutes (ou « non »)."},
			"action deploy app=web env=staging version=v2.1.0 replaces=74"},
		{"wait, no, staging first, not prod", []string{"deploy api v1.9.0 to production", "Deploy api v1.9.0 → production (#49). Confirm? Answer \"yes\" within 2 minutes (or \"no\")."},
			"action deploy app=api env=staging version=v1.9.0 replaces=49"},
		{"oui c'est ça", nil, "command confirm"},
	})
}

// TestAttack26: the second attack on this session's rules. An obligation
// for later that says it is for now still orders; a yes to the verdict
// question confirms no plan; the verdict goes to the deployment the bot's
// question names, and an answer naming another records nothing; "c'est ça
// ouais" is French for "yeah right"; "staging first, then api" is two
// steps, no change of the plan.
func TestAttack26(t *testing.T) {
	verdict := []string{"outcome 83", "Le déploiement #83 : réussi ou échoué ? Donne aussi la raison."}
	plan := []string{"deploy web 3.0.2 to prod", "Deploy web 3.0.2 → production (#50)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"il faudra rollback l'api en prod immédiatement", nil, "action rollback app=api env=production"},
		{"il faudra déployer l'api en prod tout de suite", nil, "action deploy app=api env=production"},
		{"oui", verdict, "unknown"},
		{"échoué", []string{"outcome du 84, pardon du 83", "Le déploiement #83 : réussi ou échoué ? Donne aussi la raison."}, "command outcome id=83 outcome=failed"},
		{"échoué, mais je parlais du #84", verdict, "unknown"},
		{"c'est ça ouais", plan, "unknown"},
		{"ouais c'est ça ouais", plan, "unknown"},
		{"oui c'est ça", plan, "command confirm id=50"},
		// A release named by its noun: now it orders, for later it is talk
		// (as "deploy web to prod tomorrow" is).
		{"go-live pour le front maintenant 🚀", nil, "action deploy app=web env=production"},
		{"MEP du front demain ?", nil, "question production"},
		{"go-live du front demain ?", nil, "question production"},
		{"MEP du front ce soir", nil, "question production"},
		{"MEP du front maintenant", nil, "action deploy app=web env=production"},
		{"hey bot, put front 4.10.0 on staging so the client can have a look tomorrow", nil, "action deploy app=web env=staging version=4.10.0"},
		// Another project's numbering is no version of this one's: the bot
		// asks which (a new user's "same for web" after api 2.9.3 planned
		// web 2.9.3; web runs 1.4.x).
		{"same for web", []string{"deploy api 2.9.3 to staging"}, "action deploy app=web env=staging"},
		{"pareil pour le site", []string{"déploie l'api 2.9.3 en staging"}, "action deploy app=web env=staging"},
		{"same for web, 1.4.2", []string{"deploy api 2.9.3 to staging"}, "action deploy app=web env=staging version=1.4.2"},
		// A yes, then the command it gives (a new user's approval was read
		// as talk).
		{"c bon pour moi, j'approuve", nil, "command approve"},
		{"ok pour moi, j'approuve le 22", nil, "command approve id=22"},
		// An answer asked, then taken back, after the bot's question.
		{"les deux? non juste le site", []string{"rollback en prod", "Quel projet ? api ou web ?"}, "action rollback app=web env=production"},
		{"both? no just staging", []string{"deploy web v2.5.0", "Which environment? (staging, production)"}, "action deploy app=web env=staging version=v2.5.0"},
		{"actually staging first, then api", []string{"deploy web v2.1.0 to prod", "Deploy web v2.1.0 → production (#74)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question staging"},
	})
}

// TestAttack27: the third attack on this session's rules. An answer to
// the bot's "Give a reason" that takes the command back, names another
// project, gives none or gives the freeze's end freezes nothing with that
// as its reason; an unlock's reason that says the fix is not there is
// none; what someone did is told in more forms, and English orders with
// an article stay orders; "--wait" answers only the person's own deploy
// refused for a lock; a release for a later day is talk; "ok, how do I
// approve 22?" asks.
func TestAttack27(t *testing.T) {
	freeze := []string{"freeze web", "Give a reason to freeze web until lifted: \"freeze web: client audit\", or answer with the reason; with an end: \"freeze web until 24/12: client audit\"."}
	lock := []string{"lock web prod", "Give a reason to lock web production: \"lock web production: incident in progress\", or answer with the reason."}
	unlock := []string{"unlock web production", "Give a reason to unlock web production: \"unlock web production: fixed\", or answer with the reason."}
	for _, tt := range []reading{
		{"oublie ça", freeze, ""}, {"scratch that", freeze, ""}, {"drop it", freeze, ""}, {"my bad", freeze, ""},
		{"tant pis", freeze, ""}, {"je me suis trompé", freeze, ""}, {"ignore that", freeze, ""}, {"pas besoin", freeze, ""},
		{"demande à bob", freeze, ""}, {"none", freeze, ""}, {"aucune", freeze, ""}, {"just testing", freeze, ""},
		{"en fait non, l'api", freeze, ""}, {"oublie", lock, ""},

		{"bob a rollback le site en prod", nil, ""}, {"Inès vient de rollback le site en prod", nil, ""},
		{"Inès a déjà rollback le site", nil, ""},
		{"--wait", []string{"deploy api 2.9.3 to production", "🚀 Deployment api 2.9.3 (#22) ... Status: Done ✅"}, ""},
		{"--wait", []string{"<@bob> deploy api 2.9.3 to staging"}, ""},
		{"--wait", []string{"rollback api production"}, ""},
		{"MEP du front, demain", nil, ""}, {"MEP du front mardi", nil, ""}, {"go-live web monday", nil, ""},
		{"mise en prod du front demain", nil, ""},
		{"ok, how do I approve 22?", nil, ""}, {"ok, comment on approuve le 22 ?", nil, ""},
		// A go before a condition, a lock for later (both acted at once).
		{"go, rollback api production if it breaks", nil, ""}, {"ok, on rollback le site si ça casse", nil, ""},
		{"lock api production tomorrow", nil, ""}, {"yes please, lock api production tomorrow", nil, ""},
		{"verrouille l'api en prod demain", nil, ""},
	} {
		checkNoChange(t, tt.text, tt.history)
	}
	checkReadings(t, []reading{
		{"until friday", freeze, "command freeze app=web until=friday"},
		{"audit client", freeze, "command freeze app=web reason=audit client"},
		{"tests de charge en cours", freeze, "command freeze app=web reason=tests de charge en cours"},
		{"root cause found", unlock, "command unlock app=web env=production reason=root cause found"},
		// No reason for an unlock: the bot asks again.
		{"fix tomorrow", unlock, "command unlock app=web env=production"},
		{"fix failed", unlock, "command unlock app=web env=production"},
		{"found a new issue", unlock, "command unlock app=web env=production"},
		{"identified a second bug", unlock, "command unlock app=web env=production"},
		{"cause pas encore trouvée", unlock, "command unlock app=web env=production"},
		{"we need to fix it first", unlock, "command unlock app=web env=production"},
		{"Now a rollback on web prod!", nil, "action rollback app=web env=production"},
		{"Do a rollback of web prod", nil, "action rollback app=web env=production"},
		{"hotfix 2.3.2 du backend à pousser en prod asap", nil, "action deploy app=api env=production version=2.3.2"},
		{"ok, approve 22", nil, "command approve id=22"},
		{"same for web, same version", []string{"deploy api 2.9.3 to staging"}, "action deploy app=web env=staging version=2.9.3"},
		{"ditto prod", []string{"deploy api 2.9.3 to staging"}, "action deploy app=api env=production version=2.9.3"},
		{"rebelote en prod", []string{"déploie l'api 2.9.3 en staging"}, "action deploy app=api env=production version=2.9.3"},
		{"MEP du front maintenant", nil, "action deploy app=web env=production"},
		{"go, deploy web to prod", nil, "action deploy app=web env=production"},
		{"lock api prod: release tomorrow morning", nil, "command lock app=api env=production reason=release tomorrow morning"},
	})
}
