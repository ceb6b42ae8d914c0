package router_test

import "testing"

// TestSession22 holds what holdout45, read in session 22, found missing as
// general rules: a question that opens on a moment and asks whether it will
// do, a question on the card just given, small talk drawn out or of a
// newcomer, an answer to a plan that puts it off or says yes with a remark
// or with the plan's own words, a no that answers a colleague's question,
// "redeploy api" alone, and words read as slots ("en vrille", "to sleep",
// "502s", a time).
func TestSession22(t *testing.T) {
	checklist := []string{"pre-deploy checklist pls", "Pre-deployment checklist\n☐ Tests pass\n☐ Code reviewed\n☐ No critical vulnerability\n☐ Docs up to date\n☐ Validated on staging\n☐ Rollback plan ready"}
	metricsFr := []string{"on surveille quoi après la MEP ?", "Métriques à surveiller 30 minutes après une mise en production\n*Pendant les 30 minutes qui suivent :*\n✅ taux d'erreur < 0,1 %\n✅ temps de réponse p95 < 500 ms"}
	windows := []string{"can I deploy wednesday 2pm?", "Deployment windows\nWednesday 12/16 14:00 CET: ✅ *recommended* — team present, time to react.\nRecommended: Tue-Thu 10:00-16:00 · Acceptable: Mon 12:00-18:00, Fri 09:00-12:00 · Avoid: Fri 12:00-24:00, Sat-Sun"}
	planEn := []string{"deploy web 3.13.4 to production", "Deploy web 3.13.4 → production (#71)\n*Rules*:\n⚠️ acceptable window (Friday morning): extra care\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planStg := []string{"déploie front 3.12.2 sur stg stp", "Déployer web 3.12.2 → staging (#74)\n*Règles* :\n✅ créneau recommandé\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		// A moment asked first.
		{"lundi 14h c'est acceptable ou à éviter ?", nil, "question orchestrator"},
		{"is thursday 5:30pm acceptable if it's a tiny change?", nil, "question orchestrator"},
		{"le 31 décembre à 10h pour la bannière des soldes ?", nil, "question orchestrator"},
		{"demain 9h c'est ok pour mettre en prod ?", nil, "question orchestrator"},
		{"le 18 après-midi c'est possible ou pas du tout ?", nil, "question orchestrator"},
		{"demain 9h c'est ok pour rollback l'api ?", nil, "question orchestrator"},
		// A question on the card just given.
		{"do I really need all 12 for a css fix?", checklist, "question orchestrator"},
		{"where is 'no critical vulnerability' checked?", checklist, "question orchestrator"},
		{"30 min c'est pas un peu court pour un samedi de soldes ?", metricsFr, "question orchestrator"},
		{"what's the difference between 'acceptable' and 'avoid' in practice?", windows, "question orchestrator"},
		{"so who wants pizza tonight?", checklist, "unknown"},
		// Small talk.
		{"coool", nil, "smalltalk"},
		{"merciiii", nil, "smalltalk"},
		{"heyyy", nil, "smalltalk"},
		{"mdrrr", nil, "unknown"},
		{"bonjour, je suis théo le nouveau stagiaire !", nil, "smalltalk"},
		{"thanks, going back to sleep 😴", nil, "smalltalk"},
		{"going back to bed, rollback api prod", nil, "action rollback app=api env=production"},
		// Answers to a plan.
		{"later", planEn, "command cancel decline=yes id=71"},
		{"plus tard, après le daily", planStg, "command cancel decline=yes id=74"},
		{"laisse, carol va le faire", planStg, "unknown"},
		{"yes, acceptable is fine, it's a tiny fix", planEn, "unknown"},
		{"oui, staging", planStg, "command confirm id=74"},
		{"oui staging stp", planStg, "command confirm id=74"},
		{"yes prod", planEn, "command confirm id=71"},
		{"yes, good luck with that", planEn, "unknown"},
		{"yes, if CI is fine", planEn, "question orchestrator"},
		{"yes, api too, it's fine", planEn, "question orchestrator"},
		{"oui mais plus tard", planStg, "unknown"},
		// A no to a colleague's question.
		{"no, julie will freeze it tomorrow morning", []string{"should I freeze web now?"}, "command cancel decline=yes reason=julie will freeze it tomorrow morning"},
		{"not yet, let's wait for 10 more minutes of metrics before rolling back", []string{"should we roll back the api?"}, "command cancel decline=yes reason=let's wait for 10 more minutes of metrics before rolling back"},
		{"non pas ce soir, demain 10h en prod, on est pas fous", []string{"on déploie le site ce soir ?"}, "question production"},
		{"non, rollback l'api en prod", []string{"should we wait?"}, "action rollback app=api env=production"},
		{"no, julie will freeze it tomorrow morning", nil, "command cancel decline=yes reason=julie will freeze it tomorrow morning"},
		// A deploy run again.
		{"redeploy api", nil, "action deploy app=api"},
		{"redéploie le front stp", nil, "action deploy app=web"},
		{"redeploy api?", nil, "question orchestrator"},
		// Words that are no slot.
		{"rollback du back stp, ça part en vrille", nil, "action rollback app=api"},
		{"api 502s everywhere since the 18:05 deploy, roll back api on production now", nil, "action rollback app=api env=production"},
		{"payment provider errors since 10:05 on live, roll web back", nil, "action rollback app=web env=production"},
		{"rollback api to the 18:05 version", nil, "action rollback app=api unsafe=18:05"},
		{"rollback api prod 18:05;rm", nil, "action rollback app=api env=production unsafe=18:05;rm"},
	})
}

// TestSession22b holds the second batch of holdout45's findings: a
// read-only command asked in sequel ("and history for it?"), "it" that is
// no project's name, a rollback after a project's runbook, and "déploie-le"
// after the line that says which version is ready.
func TestSession22b(t *testing.T) {
	status := []string{"status web", "*web*\n• staging: v3.12.3 (#88, 12/16 10:12 by theo) ✅\n• production: v3.12.0 (#85, 12/16 14:02 by alice) ✅"}
	runbook := []string{"runbook api production", "Runbook api production\n1. Switch the load balancer back to the previous (blue) pool.\n2. Check /healthz, then tell #api.\nPrêt pour un rollback vers : v5.19.3 (bonne en production le 15/12)"}
	checkReadings(t, []reading{
		{"and history for it?", status, "command history app=web"},
		{"history for it", status, "command history app=web"},
		{"history for it", nil, "command history"},
		{"et l'historique du back ?", nil, "command history app=api"},
		{"and deploy api", nil, "action deploy app=api"},
		{"vas-y, rollback vers la 5.19.3 en prod", runbook, "action rollback app=api env=production version=5.19.3"},
		{"ok, déploie-le en prod sur le site", []string{"le hotfix est prêt ?", "oui v3.16.5, validé en recette"}, "action deploy app=web env=production"},
		{"ok, déploie-le en prod sur le site", []string{"le hotfix est prêt ?", "v3.16.5 pas encore validé"}, "action deploy app=web env=production"},
		{"ship it to prod on the api", []string{"is the fix ready?", "v2.4.1 is green on staging"}, "action deploy app=api env=production"},
		{"ship it to prod on the api", []string{"is the fix ready?", "v2.4.1 is broken on staging"}, "action deploy app=api env=production"},
	})
}

// TestAttack22a holds what the session's first attack found in its rules,
// each read now as before them: a yes with a remark, a moment, a doubt, a
// hand-off, markup or a hesitation confirms nothing; a put-off followed by
// an order or a yes cancels nothing; a no with a cancel of its own stays a
// cancel; "redeploy" with anything but its project orders nothing; a
// moment's question of another topic, or with an order after it, is no
// windows verdict; small talk swallows no order.
func TestAttack22a(t *testing.T) {
	pe := []string{"deploy web 3.13.4 to production", "Deploy web 3.13.4 → production (#71)\nRules:\n⚠️ acceptable window (Fri 10:00): extra precautions, team warned, rollback ready\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	pf := []string{"mets le site en prod en 3.14.0", "Déploiement web 3.14.0 → production (#90)\nRègles :\n⚠️ fenêtre acceptable (ven. 10:00) : précautions en plus, équipe prévenue, rollback prêt\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"yes, fine, tonight", pe, "unknown"},
		{"yes, fine, tmrw", pe, "unknown"},
		{"oui, compris, laisse tomber", pe, "unknown"},
		{"yes, acceptable isn't fine, it's a huge change", pe, "unknown"},
		{"ok fine, freeze web instead", pe, "command freeze app=web"},
		{"yes julie, fine", pe, "unknown"},
		{"yes, fine, carol will do it", pe, "unknown"},
		{"yes, fine, dry run", pe, "unknown"},
		{"~yes prod~", pe, "action deploy app=web env=production version=3.13.4"},
		{"yes prod :grimacing:", pe, "action deploy app=web env=production version=3.13.4"},
		{"yes prod, hmm", pe, "action deploy app=web env=production version=3.13.4"},
		{"oui prod, euh", pf, "action deploy app=web env=production version=3.14.0"},
		{"oui, compris, ce soir", pf, "unknown"},
		{"yes production please", pe, "command confirm id=71"},
		{"nvm, lock web production", pe, "command lock app=web env=production"},
		{"tant pis, vas-y", pe, "unknown"},
		{"later, freeze web production: client demo", pe, "command freeze app=web env=production"},
		{"plus tard, gèle le site", pf, "command freeze app=web"},
		{"leave it running", pe, "unknown"},
		{"not now", pe, "command cancel decline=yes id=71"},
		{"merciii, stop", pe, "unknown"},
		{"deploy web 3.14.0 to production at 18:05", nil, "action deploy app=web env=production version=3.14.0 unsafe=18:05"},
		{"no, cancel it", append(append([]string{}, pe...), "should we really do this now?"), "command cancel decline=yes"},
		{"non, annule le déploiement", []string{"t'es sûr ?"}, "command cancel decline=yes reason=annule le déploiement"},
		{"no worries, go ahead", []string{"should we wait?"}, "unknown"},
		{"redeploy api broke prod", nil, "question rollback"},
		{"redeploy api no", nil, "question production"},
		{"redeploy api 🛑", nil, "question orchestrator"},
		{"redeploy api n-1", nil, "question staging"},
		{"redeploy api web", nil, "question production"},
		{"redeploy the api on staging", nil, "action deploy app=api env=staging"},
		{"tomorrow 9am ok? meanwhile deploy api 2.4.0 to staging", nil, "action deploy app=api env=staging version=2.4.0"},
		{"demain 9h c'est bon, déploie api 2.4.0 en prod ?", nil, "action deploy app=api env=production version=2.4.0"},
		{"tomorrow 2pm ok for the db migration?", nil, "question orchestrator"},
		{"demain 9h pour le daily ?", nil, "unknown"},
		{"tomorrow 9am good for a call?", nil, "unknown"},
		{"going home, cancel the deploy", nil, "question orchestrator"},
	})
}

// TestSession22c holds the plan's corrections holdout46 found missing: the
// change with only its reason after it, and "X plutôt que Y"; a reason that
// doubts, delays, hands over or takes back keeps the plan as it was.
func TestSession22c(t *testing.T) {
	stg := []string{"deploy api 2.20.2 to staging", "Deploy api 2.20.2 → staging (#172)\n*Rules*: ✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	prodFr := []string{"déploie le site 3.15.2 en prod", "Déployer web 3.15.2 → production (#87)\n*Règles* : ✅ créneau recommandé\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	rc := []string{"deploie le site 4.6.0-rc1 en staging", "Déployer web 4.6.0-rc1 → staging (#157)\n*Règles* : ✅ créneau recommandé\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"actually make it 9f3e2c1, the tag isn't pushed yet", stg, "question staging"}, // a reason that says something is not ready: the third attack
		{"actually make it 9f3e2c1, the build is still running", stg, "question staging"},
		{"non, en recette d'abord, c'est le premier deploy de théo", prodFr, "action deploy app=web env=staging version=3.15.2 replaces=87"},
		{"hmm en fait la v4.6.0 plutôt que la rc", rc, "action deploy app=web env=staging version=v4.6.0 replaces=157"},
		{"en fait la 2.20.3 plutôt que la 2.20.2", stg, "action deploy app=api env=staging version=2.20.3 replaces=172"},
		{"actually make it 9f3e2c1, or not", stg, "unknown"},
		{"actually make it 9f3e2c1, carol will check", stg, "unknown"},
		{"actually make it 9f3e2c1, don't deploy yet", stg, "question production"},
		{"actually make it 9f3e2c1, but later", stg, "unknown"},
		{"actually make it 9f3e2c1, tomorrow", stg, "unknown"},
		{"en fait la 4.6.0, non laisse", stg, "question production"},
		{"en fait la 4.6.0, enfin je sais pas", stg, "question production"},
		{"en fait la 2.20.3 plutôt que la 2.20.2 ?", stg, "question rollback"},
	})
}

// TestSession22d: a yes that says run it in so many words with only why
// beside it confirms ("yes, confirmed, it's the login fix", "oui je sais,
// go"); with a moment, a doubt, bad news or a picture it does not; "the
// demo data", "la démo est passée" name no environment.
func TestSession22d(t *testing.T) {
	plan := []string{"ship web 4.4.1 to prod", "Deploy web 4.4.1 → production (#114)\n*Rules*: ❌ outside the windows (Friday afternoon: nobody to react)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"yes, confirmed, it's the login fix", plan, "command confirm id=114"},
		{"oui je sais, go", plan, "command confirm id=114"},
		{"oui, go, c'est le fix du login", plan, "command confirm id=114"},
		{"yes, confirmed, tonight", plan, "question orchestrator"},
		{"yes, confirmed, but later", plan, "question orchestrator"},
		{"yes, confirmed, it's not tested", plan, "question orchestrator"},
		{"yes, confirmed, the tests are red", plan, "question orchestrator"},
		{"yes, go, it's friday lol", plan, "question orchestrator"},
		{"yes go 🙃", plan, "question production"},
		{"yes go, carol will check", plan, "question orchestrator"},
		{"the demo data migration on staging broke everything, roll back api there", nil, "action rollback app=api env=staging"},
	})
}

// TestAttack22b holds a sample of what the session's second attack found
// in the rules that carry a told version, the new pronoun orders, the
// plan's echoes and the no to a colleague (60 of its 515 regressions, each
// read now as before the session): a version called broken, not ready,
// another project's, a third party's, from several turns back, from a
// question answered no, or "not the same version" is never carried; a yes
// with a picture or a hesitation confirms nothing; a cancel while a plan
// waits stays a cancel.
func TestAttack22b(t *testing.T) {
	checkReadings(t, []reading{
		{"no, pull the plug", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "c'est bien la version avec le fix des webhooks ?"}, "command cancel decline=yes reason=pull the plug"},
		{"yes prod 😐", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "action deploy app=api env=production version=2.19.1"},
		{"deploy api to production, that's urgent", []string{"api 2.18.0 was released last week"}, "action deploy app=api env=production"},
		{"envoie-la en prod", []string{"on a mis à jour symfony en 7.0.3 sur l'api"}, "action deploy env=production"},
		{"no, wrong version", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "on est sûrs de nous là ?"}, "command cancel decline=yes reason=wrong version"},
		{"non, retire ça", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "are we sure about this?"}, "command cancel decline=yes reason=retire ça"},
		{"envoie-la en prod", []string{"la 2.19.1 de l'api est en attente de validation"}, "action deploy env=production"},
		{"ship it to prod", []string{"api 2.19.1 waiting on client approval"}, "action deploy app=api env=production"},
		{"yes prod . . .", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "action deploy app=api env=production version=2.19.1"},
		{"allez staging 🙃", []string{"déploie le site 4.5.2 en staging", "Déploiement web 4.5.2 → staging (#1)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : web\n  environnement      : staging\n  version            : 4.5.2\n(répondez « oui » ou « non »)"}, "question staging"},
		{"let's put that on prod, wdyt", []string{"api 2.19.1 is ready"}, "question production"},
		{"web", []string{"la 2.18.0 de l'api est prête", "déploie en prod", "Quel projet : api ou web ?"}, "action deploy app=web env=production"},
		{"no, scrap it", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "on est sûrs de nous là ?"}, "command cancel decline=yes"},
		{"mets l'api en prod, comme ça c'est fait", []string{"la doc de l'api 2.17.0 est en ligne"}, "action deploy app=api env=production"},
		{"let's put that on prod, says the client", []string{"api 2.19.1 is ready"}, "question production"},
		{"deploy the api to prod, this one has the new login", []string{"api 2.18.0 had the old login page"}, "action deploy app=api env=production"},
		{"yes prod 🫣", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "action deploy app=api env=production version=2.19.1"},
		{"le site stp", []string{"la 2.18.0 de l'api date de janvier", "déploie en prod", "Quel projet : api ou web ?"}, "action deploy app=web env=production"},
		{"envoie-la en prod", []string{"la 2.20.0 de l'api est taguée", "❌ ne pas déployer"}, "action deploy env=production"},
		{"non, pas celle-là", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "on est sûrs de nous là ?"}, "command cancel decline=yes reason=pas celle-là"},
		{"no, scrap that", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "on est sûrs de nous là ?"}, "command cancel decline=yes"},
		{"no, withdraw it", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "are we sure about this?"}, "command cancel decline=yes reason=withdraw it"},
		{"let's put that on the production incident doc", []string{"api 2.19.1 is ready"}, "question rollback"},
		{"envoie-la en prod", []string{"la 2.19.1 de l'api a des erreurs partout"}, "action deploy app=api env=production"},
		{"envoie-la en prod", []string{"la 2.19.1 de l'api attend la migration"}, "action deploy env=production"},
		{"yes prod 🤷‍♀️", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "action deploy app=api env=production version=2.19.1"},
		{"envoie-le en prod", []string{"la 2.19.1 de l'api est taguée", "bon, passons au front"}, "action deploy env=production"},
		{"web", []string{"la 2.18.0 de l'api date de janvier", "déploie en prod", "Quel projet : api ou web ?"}, "action deploy app=web env=production"},
		{"no, scrap it", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "c'est bien la version avec le fix des webhooks ?"}, "command cancel decline=yes"},
		{"oui staging 🤡", []string{"déploie le site 4.5.2 en staging", "Déploiement web 4.5.2 → staging (#1)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : web\n  environnement      : staging\n  version            : 4.5.2\n(répondez « oui » ou « non »)"}, "action deploy app=web env=staging version=4.5.2"},
		{"ouais staging 😬", []string{"déploie le site 4.5.2 en staging", "Déploiement web 4.5.2 → staging (#1)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : web\n  environnement      : staging\n  version            : 4.5.2\n(répondez « oui » ou « non »)"}, "action deploy app=web env=staging version=4.5.2"},
		{"non non non", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "on est sûrs de nous là ?"}, "command cancel decline=yes"},
		{"envoie en prod", []string{"la spec 3.0.0 du site est prête"}, "action deploy env=production"},
		{"envoie-la en prod", []string{"la 2.19.1 de l'api est boguée"}, "action deploy env=production"},
		{"envoie la en prod", []string{"api 2.19.1 est prête ? 🤔"}, "action deploy env=production"},
		{"envoie-la en prod", []string{"la 2.20.0 de l'api est taguée", "⚠️ attention elle casse le checkout"}, "action deploy env=production"},
		{"yes prod 🚨", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "action deploy app=api env=production version=2.19.1"},
		{"deploy to prod then", []string{"is api 2.19.1 good to go?", "nope"}, "action deploy env=production"},
		{"envoie-la en prod", []string{"la 2.19.1 de l'api ⛔"}, "action deploy env=production"},
		{"envoie-la en prod", []string{"la 2.19.1 de l'api est une RC, recette demain"}, "action deploy env=production"},
		{"go en prod", []string{"la 2.17.0 de l'api est sortie il y a un mois", "le client a appelé", "il veut la nouvelle page"}, "action deploy env=production"},
		{"on la met en prod mais pas moi", []string{"la 2.19.1 de l'api est prête"}, "question production"},
		{"prod please", []string{"api 2.18.0 was released last week", "deploy api", "Which environment: staging or production?"}, "action deploy app=api env=production"},
		{"deploy api to prod this morning", []string{"l'api était en 2.17.0 avant la migration"}, "action deploy app=api env=production"},
		{"go en prod du coup", []string{"le site a fait 1.2.3 millions de visites"}, "action deploy env=production"},
		{"déploie l'api en prod et préviens-le", []string{"la doc de l'api 2.17.0 est en ligne"}, "action deploy app=api env=production"},
		{"ship to prod", []string{"can I ship api 2.19.1?", ":no_entry:"}, "action deploy env=production"},
		{"ship to prod", []string{"can I ship api 2.19.1?", "nope."}, "action deploy env=production"},
		{"déploie l'api en prod puis dis-le à carol", []string{"on a livré la 2.17.0 de l'api en décembre"}, "action deploy app=api env=production"},
		{"mets-la dans le changelog de prod", []string{"la 2.19.1 de l'api est prête"}, "action deploy app=api env=production"},
		{"no, forget it", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "are we sure about this?"}, "command cancel decline=yes"},
		{"envoie-la en prod", []string{"la 2.19.1 de l'api fait des erreurs 404"}, "action deploy app=api env=production"},
		{"let's put that on the prod calendar", []string{"api 2.19.1 is ready"}, "question production"},
		{"sure prod 🙄", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "action deploy app=api env=production version=2.19.1"},
		{"yes prod 💀", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "action deploy app=api env=production version=2.19.1"},
		{"envoie-la en prod", []string{"la 2.19.1 de l'api est à jeter"}, "action deploy env=production"},
		{"déploie l'api en prod puis dis-le à carol", []string{"api 2.17.0 changelog is on the wiki"}, "action deploy app=api env=production"},
		{"no, do not run it", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "are we sure about this?"}, "command cancel decline=yes"},
		{"ship it to prod", []string{"the api 2.19.1 throws errors on checkout"}, "action deploy app=api env=production"},
		{"non, surtout pas de déploiement", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#1)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "on est sûrs de nous là ?"}, "command cancel decline=yes reason=surtout pas de déploiement"},
	})
}

// TestAttack22c holds a sample of what the session's third attack found
// (50 of its regressions, each read now as before the session): a cancel
// beside a read-only command or after one's own question stays a cancel; a
// yes with a reason that is not a fix's name confirms nothing; a change of
// the plan with a reason that says something is not ready, with markup or
// a picture, or two environments changes nothing; a version is never
// carried from a person's line alone, nor after a verdict or a card that
// doubts.
func TestAttack22c(t *testing.T) {
	checkReadings(t, []reading{
		{"yes go, the last deploy went badly", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question orchestrator"},
		{"yes go, the security scan found issues", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question staging"},
		{"envoie en prod", []string{"la 2.18.1 de l'api est prête à être testée"}, "action deploy env=production"},
		{"ok go, the freeze after", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question orchestrator"},
		{"yes, go, the rc", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question orchestrator"},
		{"envoie en prod", []string{"la doc de l'api 2.18.1 est prête"}, "action deploy env=production"},
		{"not now, later", []string{"what's the checklist?", "and the windows?", "is it risky to deploy the api?"}, "command cancel decline=yes"},
		{"ship it to staging", []string{"la 2.18.1 de l'api est taguée, tests verts"}, "action deploy app=api env=staging"},
		{"redeploy api to prod, same version or newer", []string{"🚀 Deployment api 2.20.0 (#178) — Status: Failed ❌\n(answer \"rollback api production\")\n(executor: false failed: exit status 1 (no output))"}, "action deploy app=api env=production"},
		{"ok show me the diff, cancel this", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#72)\nRules:\n✅ recommended window — windows: built-in practice\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "command cancel decline=yes id=72"},
		{"parfait, envoie en prod", []string{"la maquette du site 2.1.0 est validée"}, "action deploy env=production"},
		{"redeploy api to prod, same version as staging", []string{"🚀 Deployment api 2.20.0 (#178) — Status: Failed ❌\n(answer \"rollback api production\")\n(executor: false failed: exit status 1 (no output))"}, "action deploy app=api env=production"},
		{"go to prod", []string{"api 2.18.1 might be ready"}, "action deploy app=api env=production"},
		{"deploy it to prod on web", []string{"the v3.16.5 of the plugin is validated"}, "action deploy app=web env=production"},
		{"no, not yet", []string{"what's the checklist?", "and the windows?", "is it risky to deploy the api?"}, "command cancel decline=yes"},
		{"yes go, the master branch", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question orchestrator"},
		{"redeploy api prod, same version which failed", []string{"🚀 Deployment api 2.20.0 (#178) — Status: Failed ❌\n(answer \"rollback api production\")\n(executor: false failed: exit status 1 (no output))"}, "action deploy app=api env=production"},
		{"non, pas maintenant", []string{"c'est quoi la checklist ?", "et les fenêtres ?", "c'est risqué de déployer l'api ?"}, "command cancel decline=yes"},
		{"ok diff api, on annule", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#72)\nRules:\n✅ recommended window — windows: built-in practice\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "command cancel decline=yes id=72"},
		{"non, erreur de ma part", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#72)\nRules:\n✅ recommended window — windows: built-in practice\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "a", "b", "c", "d", "e", "t'es sûr ?"}, "command cancel decline=yes reason=erreur de ma part"},
		{"yes go, the review is pending", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "command pending"},
		{"yes go, it's carol who decides", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question rollback"},
		{"yes, go, the whole thing", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question orchestrator"},
		{"yes go, the skip-checks way", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "unknown"},
		{"non, pas tout de suite", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production #72 — reply yes to start", "t'es sûr ?"}, "command cancel decline=yes reason=pas tout de suite"},
		{"redeploy api to prod, same version or the next one", []string{"🚀 Deployment api 2.20.0 (#178) — Status: Failed ❌\n(answer \"rollback api production\")\n(executor: false failed: exit status 1 (no output))"}, "action deploy app=api env=production"},
		{"no 3.13.3 instead of 3.13.4", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "command cancel decline=yes id=71"},
		{"envoie en prod", []string{"la 2.18.1 de l'api devrait être taguée"}, "action deploy env=production"},
		{"non, pas tout de suite", []string{"c'est quoi la checklist ?", "et les fenêtres ?", "c'est risqué de déployer l'api ?"}, "command cancel decline=yes reason=pas tout de suite"},
		{"go to prod", []string{"the api 2.18.1 branch is ready"}, "action deploy app=api env=production"},
		{"yes go, it's after hours", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question orchestrator"},
		{"yes confirmed, because yolo", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "unknown"},
		{"no, not right now", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production #72 — reply yes to start", "are you sure?"}, "command cancel decline=yes reason=not right now"},
		{"redeploy api prod, same version as the old one", []string{"🚀 Deployment api 2.20.0 (#178) — Status: Failed ❌\n(answer \"rollback api production\")\n(executor: false failed: exit status 1 (no output))"}, "action deploy app=api env=production"},
		{"ok diff api, stop", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#72)\nRules:\n✅ recommended window — windows: built-in practice\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")"}, "command cancel decline=yes id=72"},
		{"go en prod", []string{"la 4.5.2 du site est passée en staging", "🚀 Deployment web 4.5.2 (#135) — Status: Done ✅ — unhealthy"}, "action deploy app=web env=production"},
		{"yes go, the team is away", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question orchestrator"},
		{"go to prod please", []string{"la 2.18.1 de l'api est taguée, tests verts"}, "action deploy app=api env=production"},
		{"non, mets en pause", []string{"can I deploy api 2.19.1 to prod?"}, "command cancel decline=yes reason=mets en pause"},
		{"no, julie will freeze it tomorrow morning", []string{"should I freeze web now?"}, "command cancel decline=yes reason=julie will freeze it tomorrow morning"},
		{"yes go, the qa found regressions", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "action deploy app=web env=production version=3.13.4"},
		{"relance l'api en prod, même version que celle en prod", []string{"🚀 Deployment api 2.20.0 (#178) — Status: Failed ❌\n(answer \"rollback api production\")\n(executor: false failed: exit status 1 (no output))"}, "action deploy app=api env=production"},
		{"déploie-le en prod sur le site", []string{"la v7.0.3 de symfony est validée"}, "action deploy app=web env=production"},
		{"non, pas ce soir", []string{"deploy api 2.19.1 to production", "Deploy api 2.19.1 → production (#72)\nRules:\n✅ recommended window — windows: built-in practice\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           production\n  version:               2.19.1\n(answer \"yes\" or \"no\")", "a", "b", "c", "d", "e", "t'es sûr ?"}, "command cancel decline=yes reason=pas ce soir"},
		{"yes, go, it's my responsibility", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "unknown"},
		{"go to prod", []string{"the api 3.0.0 budget is approved"}, "action deploy app=api env=production"},
		{"go en prod", []string{"le site 4.5.2 est validé"}, "action deploy env=production"},
		{"yes, go, the newest", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "unknown"},
		{"actually make it 3.13.5, the build is still running", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question staging"},
		{"yes go, the main branch", []string{"deploy web 3.13.4 to prod", "Deploy web 3.13.4 → production (#71)\nRules:\n✅ recommended window — windows: built-in practice\n⚠️ staging first is turned off for this project (attack test)\n✅ no approval required\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               3.13.4\n(answer \"yes\" or \"no\")"}, "question orchestrator"},
	})
}

// TestAttack22d holds the fourth attack's findings: a change said to the
// bot's plan of another project than the person's last request changes
// nothing (it built a web plan from the earlier request, with the api's
// version); "relance l'api en prod, même version" after the failure of the
// person's own order relaunches it (it asked the status).
func TestAttack22d(t *testing.T) {
	two := []string{"deploy web 3.13.4 en prod", "Deploy web 3.13.4 → production (#71)\nConfirm?", "et l'api aussi", "Deploy api 2.20.0 → production (#72)\nConfirm?"}
	checkReadings(t, []reading{
		{"la v2.21.0 plutôt que la rc", two, "question rollback"},
		{"non, en recette d'abord, c'est le premier deploy de théo", two, "command cancel decline=yes id=72"},
		{"non, staging", two, "command cancel decline=yes id=72"},
		{"relance l'api en prod, même version", []string{"deploy api 2.20.0 en prod", "❌ Déploiement api 2.20.0 (#178) en production : échec"}, "action deploy app=api env=production version=2.20.0"},
		{"retry api in prod, same version", []string{"deploy api 2.20.0 en prod", "❌ Deploy api 2.20.0 (#178) to production: failed"}, "action deploy app=api env=production version=2.20.0"},
	})
}
