package router_test

import "testing"

// TestSession21 holds what holdout44, read in session 21, found missing
// as general rules: the bot's plans worded otherwise ("Reply yes to
// start", "Je lance ? oui / non", a plan's "#95" without parentheses), an
// outcome asked at the end of a reply, "rbk" and the other short names of
// a rollback before what they act on, a freeze or a lift of all with its
// reason in the next clause, a value's closing politeness, the audit of a
// setting, and "lift" read as "list" (it froze what it lifted).
func TestSession21(t *testing.T) {
	planEn := []string{"deploy front 7f3c2e9 to staging", "Deploy web 7f3c2e9 → staging (#85). No approval needed on staging. Reply yes to start, no to drop it."}
	planFr := []string{"rbk api prod", "Plan #95 — retour arrière api (production) : 2.4.0 → 2.3.1, dernière version saine.\nAutorisé hors créneau (chemin d'urgence). L'environnement restera verrouillé ensuite.\nJe lance ? oui / non (2 min)"}
	rbPlan := []string{"rollback api prod", "Here is the plan: roll back api on production from v2.4.0 to v2.3.1 (#96), the last good version there. Production stays locked afterwards until someone unlocks it with a reason. Go ahead? (yes/no, 2 minutes)"}
	offer := []string{"checkout is broken on the site since the release", "Roll back web production to 2.4.0, the last good version? (yes / no)"}
	outcomeEn := []string{"outcome 97", "#97 was interrupted (the process restarted mid-run): outcome unknown. Did it succeed or fail?"}
	outcomeFr := []string{"outcome 97", "#97 est interrompu : résultat inconnu, api production reste verrouillé. Réussi ou échoué ?"}
	checkReadings(t, []reading{
		// Plans in other words.
		{"yes", planEn, "command confirm id=85"},
		{"sure, go ahead", planEn, "command confirm id=85"},
		{"nope, wrong commit", planEn, "command cancel decline=yes id=85 reason=wrong commit"},
		{"oui", planFr, "command confirm id=95"},
		{"oui oui go 🙏", planFr, "command confirm id=95"},
		{"c'est bon, lance", planFr, "command confirm id=95"},
		{"non", planFr, "command cancel decline=yes id=95"},
		{"non, en staging d'abord", planFr, "action rollback app=api env=staging replaces=95"},
		{"yes", rbPlan, "command confirm id=96"},
		{"no, 2.3.0 — 2.3.1 had the cache bug too", rbPlan, "action rollback app=api env=production version=2.3.0 replaces=96"},
		{"yes", []string{"deploy api 2.4.0 prod", "Deploy api production #95: 2.4.0. Confirm?"}, "command confirm id=95"},
		// The bot's offer without a plan's id: the yes orders it.
		{"yes roll it back", offer, "action rollback app=web env=production version=2.4.0"},
		// The outcome asked at the end of a reply.
		{"succeeded", outcomeEn, "command outcome id=97 outcome=succeeded"},
		{"succeeded, v2.3.1 answers on /healthz", outcomeEn, "command outcome id=97 outcome=succeeded reason=v2.3.1 answers on /healthz"},
		{"échoué", outcomeFr, "command outcome id=97 outcome=failed"},
		{"échoué : la migration n'est pas allée au bout", outcomeFr, "command outcome id=97 outcome=failed reason=la migration n'est pas allée au bout"},
		// A rollback's short names.
		{"rbk web", nil, "action rollback app=web"},
		{"prod", []string{"rbk web", "Rollback web: which environment? (staging, production)"}, "action rollback app=web env=production"},
		{"rlbk api prod", nil, "action rollback app=api env=production"},
		{"rbk l'api en prod asap stp, on a des 500 partout", nil, "action rollback app=api env=production"},
		// The incident told after the order is no report of the rollback
		// (it deployed api's latest version to production).
		{"rb l'api en prod asap stp, on a des 500 partout", nil, "action rollback app=api env=production"},
		{"rb web was a mistake", nil, "question rollback"},
		// All, then the reason.
		{"gèle tout, incident en cours sur l'api", nil, "command freeze all=yes reason=incident en cours sur l'api"},
		{"freeze everything, incident on the api", nil, "command freeze all=yes reason=incident on the api"},
		{"freeze api prod, incident on web", nil, "command freeze app=api env=production reason=incident on web"},
		{"freeze api prod, until friday", nil, "command freeze app=api env=production until=friday"},
		{"gèle tout, jusqu'à lundi", nil, "command freeze all=yes until=monday"},
		{"we freeze the site, black friday", nil, "command freeze app=web reason=black friday"},
		{"dégèle tout, la démo est passée 🎉", nil, "command unfreeze reason=la démo est passée 🎉"},
		{"unfreeze all, the demo went fine", nil, "command unfreeze reason=the demo went fine"},
		{"et les locks de la prod, unlock tout", nil, "command unlock env=production all=yes"},
		{"lift the freeze on web, the demo is over", nil, "command unfreeze app=web reason=the demo is over"},
		// A value's closing words, a setting's audit.
		{"set api strategy to canary then", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"set la stratégie de l'api à blue-green stp", nil, "command context app=api key=strategy scope=project value=blue-green what=set"},
		// "alors", "then" close only an order to set ("la stratégie de
		// l'api c'est none alors" is a conclusion; the attack had it set).
		{"pour le projet api, la stratégie est canary alors", nil, "command context app=api key=strategy scope=project value=canary alors what=set"},
		{"l'approbation de l'api c'est none alors", nil, "question orchestrator"},
		{"audit api strategy this month", nil, "command audit app=api key=strategy since=month"},
		{"audit de la stratégie de l'api", nil, "command audit app=api key=strategy"},
		{"audit api", nil, "command audit app=api"},
		{"rest strategy for web", nil, "command reset app=web key=strategy scope=project"},
	})
}

// TestAttack21a holds what the first attack on session 21's rules found:
// a clause after a freeze, a lift or a lock taken for its reason whatever
// it said (a moment froze for a year, "staging only" froze production,
// "nvm" froze), the short names of a rollback before a take-back, replies
// with "(yes/no)" and a number taken for plans, a conclusion set as a
// value; and what it found that was there before ("ok, rb api prod, no
// wait" deployed api's latest to production; "yes, the rollback plan is
// ready" on a deploy's plan rolled production back).
func TestAttack21a(t *testing.T) {
	plan := []string{"deploy web v3.0.0 to production", "Deploy web v3.0.0 → production (#104)\n*Rules*:\n⚠️ acceptable window only (Friday morning)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"déploie l'api 2.4.1 en prod", "Déployer api 2.4.1 → production (#101)\n*Règles* :\n✅ créneau recommandé\nConfirmer ? Réponds « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		// A moment after a freeze: the bot asks the dates.
		{"gèle tout, du 24 au 28", nil, "command freeze all=yes when=du 24 au 28"},
		{"freeze everything, for the weekend", nil, "command freeze all=yes when=weekend"},
		{"freeze api prod, for 2 hours", nil, "command freeze app=api env=production when=for 2 hours"},
		{"freeze api prod, at 6pm", nil, "command freeze app=api env=production when=at 6pm"},
		// A take-back, an exception: no freeze; a scope, a question, a
		// condition: the freeze the whole message names, its reason asked
		// (as before the session).
		{"freeze api, staging only", nil, "command freeze app=api env=staging"},
		{"freeze everything, prod only", nil, "question orchestrator"},
		{"gèle tout, sauf l'api", nil, "question orchestrator"},
		{"freeze api prod, nvm", nil, "question orchestrator"},
		{"freeze api staging, wait no, prod", nil, "question orchestrator"},
		{"freeze api prod, if the error rate climbs", nil, "command freeze app=api env=production"},
		{"freeze api prod, it is already frozen", nil, "question orchestrator"},
		{"gèle la prod, is that possible", nil, "command freeze env=production"},
		{"lock api prod, nvm", nil, "question orchestrator"},
		{"lock api prod, already done", nil, "question orchestrator"},
		{"unfreeze api, but keep prod frozen", nil, "question orchestrator"},
		{"dégèle tout, staging only", nil, "question orchestrator"},
		{"dégèle tout, should we", nil, "question orchestrator"},
		// Reasons stay reasons.
		{"freeze api prod, needed for the audit", nil, "command freeze app=api env=production reason=needed for the audit"},
		{"unlock api prod, already fixed", nil, "command unlock app=api env=production reason=already fixed"},
		{"unlock web prod, deploy done", nil, "command unlock app=web env=production reason=deploy done"},
		{"débloque le back en prod : rollback vérifié, tout est ok", nil, "command unlock app=api env=production reason=rollback vérifié, tout est ok"},
		// A rollback's short name, then a take-back, a doubt, a report.
		{"rb api prod, already rolled back", nil, "question rollback"},
		{"rbk api prod, not needed anymore", nil, "question rollback"},
		{"rbck web production, cancel that", nil, "question rollback"},
		{"prod is down, rbk api prod?", nil, "question rollback"},
		{"ok, rb api prod, no wait", nil, "question production"},
		{"ok, rbk api prod, no wait", nil, "question production"},
		{"rb api prod, everything is on fire", nil, "action rollback app=api env=production"},
		// Replies that are no plans.
		{"yes", []string{"Freeze #3 on api production is in force until Friday. Lift it? (yes/no)"}, "unknown"},
		{"yes", []string{"PR #123 is merged. Deploy it to staging? (yes/no)"}, "unknown"},
		{"oui", []string{"Freeze every project until lifted. Tu confirmes ?"}, "unknown"},
		{"failed", []string{"outcome 97", "#97 is settled already; #98 was interrupted. Did it succeed or fail?"}, "unknown"},
		// A conclusion is no setting; a wait, a look are no orders.
		{"l'approbation de l'api c'est none alors", nil, "question orchestrator"},
		{"set api constraints to deploy only when the client says please", nil, "command context app=api key=constraints scope=project value=deploy only when the client says please what=set"},
		{"look at api prod", nil, "question orchestrator"},
		{"dent 12", nil, "command deny id=12"},
		{"lack prod", nil, "command lock env=production"},
		// A checklist's item told ready is a yes; the rollback plan named
		// orders no rollback.
		{"yes, rollback plan is in the ticket", plan, "command confirm id=104"},
		{"yes, the rollback plan is ready", plan, "command confirm id=104"},
		{"oui, le plan de rollback est prêt", plan, "command confirm id=104"},
		{"yes, the rollback plan is ready", nil, "question rollback"},
		{"the rollback is ready, go", nil, "question rollback"},
		{"rollback web prod, rollback plan is ready", nil, "action rollback app=web env=production"},
		{"rollback checked version 2.14.1 on api prod", nil, "action rollback app=api env=production version=2.14.1"},
		// Corrections of a plan.
		{"hold on, v3.0.1 not v3.0.0", plan, "action deploy app=web env=production version=v3.0.1 replaces=104"},
		{"non, mets-la en staging avant", planFr, "action deploy app=api env=staging version=2.4.1 replaces=101"},
		{"non, la version d'avant", planFr, "command cancel decline=yes id=101 reason=la version d'avant"},
		// A version and no word of going back is a deploy.
		{"api now, 2.4.1", nil, "action deploy app=api version=2.4.1"},
		{"la prod est en 2.6.1, repasse-la en 2.6.0", nil, "action rollback env=production version=2.6.0"},
	})
}

// TestSession21Sequels holds the sequels holdout44 wrote: the same order
// for another project after a deployment approved and done, or said in
// French in more words; lists, help and thanks in other words.
func TestSession21Sequels(t *testing.T) {
	approved := []string{"deploy web v3.0.0 to production", "Deploy web v3.0.0 → production (#104)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes",
		"Confirmed: deploy web v3.0.0 → production (#104) waits for an approval. An approver answers \"approve 104\" (or \"deny 104\").", "approve 104",
		"Go: deploy web v3.0.0 → production (#104) started, approved by bob.", "🚀 Deployment web v3.0.0 (#104) → production: Done ✅ · watching for 30 min (error rate, p95)"}
	stagingDone := []string{"déploie le front 3.0.0-rc.1 en recette", "Déploiement web 3.0.0-rc.1 (#84) → staging : terminé ✅ — health check OK, smoke tests OK."}
	webCard := []string{"deploy web 3.0.0 to prod", "🚀 Deployment web 3.0.0 (#106) → production: Done ✅"}
	checkReadings(t, []reading{
		{"same for api, 2.4.1", approved, "action deploy app=api env=production version=2.4.1"},
		{"même chose pour l'api, en 2.4.0", stagingDone, "action deploy app=api env=staging version=2.4.0"},
		{"la même pour l'api, 2.4.0", stagingDone, "action deploy app=api env=staging version=2.4.0"},
		{"pareil pour l'api, 2.4.0", stagingDone, "action deploy app=api env=staging version=2.4.0"},
		// No word of going back: after web's card, api's deploy (it
		// rolled api back to 2.4.1); the bot asks where.
		{"and api now, 2.4.1", webCard, "action deploy app=api version=2.4.1"},
		{"tu peux me lister les freezes stp ?", nil, "command list what=freezes"},
		{"tu peux lister les verrous", nil, "command list what=locks"},
		{"c'est quoi les commands dispo ?", nil, "command help"},
		{"which commands do you have?", nil, "command help"},
		{"which commands do you have for the server?", nil, "question devops"},
		{"ok thanks, that settles it 👍", nil, "smalltalk"},
		{"merci ça répond à ma question", nil, "smalltalk"},
		{"thanks, makes sense but the deploy failed", nil, "question rollback"},
	})
}

// TestSession21Lifts: a lift's verb before a freeze named after it lifts
// it ("lift the web freeze" froze web), "lift" alone orders nothing ("lift
// prod" rolled production back), and a day and an hour before "before
// the demo" put the order off.
func TestSession21Lifts(t *testing.T) {
	checkReadings(t, []reading{
		{"lift the web freeze", nil, "command unfreeze app=web"},
		{"lift api prod freeze", nil, "command unfreeze app=api env=production"},
		{"remove the api freeze", nil, "command unfreeze app=api"},
		{"end the prod freeze", nil, "command unfreeze env=production"},
		{"lift the freeze on web, the demo is over", nil, "command unfreeze app=web reason=the demo is over"},
		{"freeze web, stop deploying", nil, "command freeze app=web reason=stop deploying"},
		{"lift prod", nil, "question orchestrator"},
		{"deploy web 3.0.0 to prod monday at 8 before the demo", nil, "question production"},
		{"déploie le site en prod lundi à 8h avant la démo", nil, "question production"},
		{"deploy web 3.0.0 to prod before the demo on friday", nil, "action deploy app=web env=production version=3.0.0"},
	})
}

// TestSession21Answers: a yes that names the plan's own version confirms
// it (it cancelled the plan), the last deploy asked is the history (it
// deployed), a verdict after "status" and the bot's "succeeded or
// failed?" records the outcome (it rolled api back to "v2").
func TestSession21Answers(t *testing.T) {
	plan := []string{"rollback api prod", "Here is the plan: roll back api on production from v2.4.0 to v2.3.1 (#96), the last good version there. Go ahead? (yes/no, 2 minutes)"}
	asked := []string{"status", "Deployment #97: succeeded or failed? Answer \"outcome 97 succeeded\" or \"outcome 97 failed\"."}
	checkReadings(t, []reading{
		{"confirm 2.3.1", plan, "command confirm id=96"},
		{"oui pour la 2.3.1", plan, "command confirm id=96"},
		{"yes, 2.3.1 is the right one", plan, "command confirm id=96"},
		{"yes 2.3.0", plan, "action rollback app=api env=production version=2.3.0 replaces=96"},
		{"dernier déploiement de l'api", nil, "command history app=api"},
		{"last deploy of api on prod", nil, "command history app=api env=production"},
		{"rollback to the last deploy", nil, "action rollback"},
		{"failed: the api answers v2", asked, "command outcome id=97 outcome=failed reason=the api answers v2"},
		{"rollback api prod", asked, "action rollback app=api env=production"},
	})
}

// TestAttack21b holds what the second attack found: a lift of all with a
// moment, a hedge or someone else's doing after it lifted every freeze at
// once; a freeze or a lock whose tail named an environment became a
// promotion; "rb s'il te plaît …" deployed the latest version; an
// incident told without its usual words and a version became a deploy
// (refused in the windows); emphatic tails dropped the order; "avant"
// and "hold on" replaced a plan by a deploy to a demo environment or
// production; and, there before, "ok, dégèle tout, nvm" lifted every
// freeze and an unlock or a lock with a moment acted at once.
func TestAttack21b(t *testing.T) {
	prodPlan := []string{"déploie l'api 2.4.2 en prod", "Déployer api 2.4.2 → production (#3)\nConfirmer ? Réponds « oui » dans les 2 minutes (ou « non »)."}
	stagingPlan := []string{"deploy web 2.4.2 to staging", "Deploy web 2.4.2 → staging (#3). Confirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"dégèle tout, demain", nil, "question orchestrator"},
		{"unfreeze all, tomorrow", nil, "question orchestrator"},
		{"dégèle tout, après la démo", nil, "question orchestrator"},
		{"dégèle tout, on verra", nil, "unknown"},
		{"unfreeze all, maybe", nil, "unknown"},
		{"unfreeze all, bob will do it", nil, "unknown"},
		{"dégèle tout, je le ferai demain", nil, "question orchestrator"},
		{"ok, dégèle tout, nvm", nil, "unknown"},
		{"gèle l'api en prod, staging aussi", nil, "question orchestrator"},
		{"freeze api prod, stg", nil, "command freeze app=api env=production"},
		{"verrouille l'api en prod, staging non", nil, "command lock app=api env=production reason=staging non"}, // a lock holds (round 4)
		{"gèle l'api en prod, la démo", nil, "command freeze app=api env=production reason=la démo"},
		{"bloque les déploiements du site en preprod, démo client cet aprem", nil, "command lock app=web env=staging reason=démo client cet aprem"},
		{"please lock prod on the site, nobody deploys until the migration is sorted", nil, "command lock app=web env=production reason=nobody deploys until the migration is sorted"},
		{"rb s'il te plaît le site en staging", nil, "action rollback app=web env=staging"},
		{"rollback is urgent on api prod", nil, "action rollback app=api env=production"},
		{"execute the rollback plan on api prod", nil, "action rollback app=api env=production"},
		{"rollback est prêt, lance-le sur l'api en prod", nil, "action rollback app=api env=production"},
		{"rollback was a mistake", nil, "question rollback"},
		{"api prod is on fire, 2.3.0", nil, "action rollback app=api env=production version=2.3.0"},
		{"2.4.1 is wrong, go to 2.3.0", nil, "action rollback version=2.3.0"},
		{"wrong version, v3.4.7 please", nil, "action deploy version=v3.4.7"},
		{"freeze api prod, maybe", nil, "command freeze app=api env=production"},
		{"freeze api prod, fyi", nil, "command freeze app=api env=production"},
		{"freeze api prod, overnight", nil, "command freeze app=api env=production when=overnight"},
		{"freeze api prod, during the demo", nil, "command freeze app=api env=production reason=during the demo"},
		{"freeze everything, no, staging", nil, "question orchestrator"},
		{"gèle tout, sans staging", nil, "question orchestrator"},
		{"c'est fait, rbck api prod", nil, "question rollback"},
		{"rbk api staging next time", nil, "question staging"},
		{"rollback api prod, I'm not kidding", nil, "action rollback app=api env=production"},
		{"rollback api prod, pas besoin de confirmation", nil, "action rollback app=api env=production"},
		{"rb api prod, don't wait", nil, "action rollback app=api env=production"},
		{"rollback site prod --yes, no time", nil, "action rollback app=web env=production"},
		{"ship web 5.0.1 to staging, not sure it fixes the bug but QA needs it", nil, "action deploy app=web env=staging version=5.0.1"},
		{"look at deploying api 2.4.1 to prod", nil, "question orchestrator"},
		{"unlock api prod, tomorrow", nil, "question orchestrator"},
		{"unlock api prod, maybe", nil, "question orchestrator"},
		{"lock api prod, tomorrow", nil, "command lock app=api env=production reason=tomorrow"},
		{"lock api prod, until friday", nil, "command lock app=api env=production reason=until friday"},
		{"non, on attend la démo avant", prodPlan, "command cancel decline=yes id=3 reason=on attend la démo avant"},
		{"non, la qa avant", prodPlan, "command cancel decline=yes id=3 reason=la qa avant"},
		{"wait a minute, that's prod", stagingPlan, "question production"},
		{"hold on, then prod", stagingPlan, "question orchestrator"},
		{"hold on, prod instead", stagingPlan, "action deploy app=web env=production version=2.4.2 replaces=3"},
	})
}

// TestAttack21c holds what the third attack found, end to end: a lock
// whose tail was read as a moment, a hedge or someone else's doing was
// dropped (a deploy then ran on the environment the person locked); "stop
// and freeze prod" lifted a freeze; "rollback on the api" and an incident
// told before "rb" ordered nothing; "not later", "pas besoin d'attendre"
// dropped the order; "dernière mep de l'api on annule" showed the
// history; a freeze's scope or open end refused the freeze.
func TestAttack21c(t *testing.T) {
	checkReadings(t, []reading{
		{"lock api prod, do not touch", nil, "command lock app=api env=production reason=do not touch"},
		{"lock web staging, QA will test this afternoon", nil, "command lock app=web env=staging reason=QA will test this afternoon"},
		{"lock api prod, after the incident last night", nil, "command lock app=api env=production reason=after the incident last night"},
		{"verrouille l'api en prod, avant la migration", nil, "command lock app=api env=production reason=avant la migration"},
		{"lock api prod, bob will unlock it", nil, "command lock app=api env=production reason=bob will unlock it"},
		{"lock api prod, nvm", nil, "question orchestrator"},
		{"drop everything and freeze production", nil, "command freeze env=production all=yes"},
		{"stop and freeze prod", nil, "command freeze env=production"},
		{"end of day freeze on api prod", nil, "command freeze app=api env=production"},
		{"end the prod freeze", nil, "command unfreeze env=production"},
		{"rollback on the api", nil, "action rollback app=api"},
		{"rb on web", nil, "action rollback app=web"},
		{"ça marche pas, rb api prod", nil, "action rollback app=api env=production"},
		{"maybe a db issue, rb api prod", nil, "action rollback app=api env=production"},
		{"c'est fait, rbck api prod", nil, "question rollback"},
		{"roll back api prod now, not later", nil, "action rollback app=api env=production"},
		{"rollback api production, pas besoin d'attendre", nil, "action rollback app=api env=production"},
		{"deploy web 1.2.0 to prod, no need for approval", nil, "action deploy app=web env=production version=1.2.0"},
		{"block on review lifted, deploy web 1.2.0 to staging", nil, "action deploy app=web env=staging version=1.2.0"},
		{"dernière mep de l'api on annule", nil, "action rollback app=api env=production"},
		{"dernier déploiement de l'api, on le rollback", nil, "action rollback app=api"},
		{"freeze prod, web only", nil, "command freeze app=web env=production"},
		{"gèle le site en prod, jusqu'à nouvel ordre", nil, "command freeze app=web env=production reason=jusqu'à nouvel ordre"},
		{"unlock web prod, since the hotfix is out", nil, "command unlock app=web env=production reason=since the hotfix is out"},
		{"unfreeze web prod, not needed anymore", nil, "command unfreeze app=web env=production reason=not needed anymore"},
		{"the api is unusable since 2.4.0, 2.3.1 in prod now", nil, "action rollback app=api env=production"},
	})
}

// TestAttack21d holds what the fourth attack found: a freeze of all
// whose tail forbids an order ("gèle tout, pas de rollback du site en
// prod") planned that rollback or deploy; a lock whose tail forbids
// deploys or waits for something was dropped; "unfreeze everything, …"
// knew no project "everything".
func TestAttack21d(t *testing.T) {
	checkReadings(t, []reading{
		{"gèle tout, pas de rollback du site en prod", nil, "command freeze all=yes reason=pas de rollback du site en prod"},
		{"gèle tout, no deploy api prod", nil, "command freeze all=yes reason=no deploy api prod"},
		{"gèle tout, nvm deploy api prod", nil, "question orchestrator"},
		{"gèle tout, sauf la mep de l'api 2.4.1", nil, "question orchestrator"},
		{"dégèle tout, pas de rollback de l'api en prod", nil, "command unfreeze reason=pas de rollback de l'api en prod"},
		{"lock api prod, no prod deploys", nil, "command lock app=api env=production reason=no prod deploys"},
		{"lock api prod, no, prod is broken", nil, "command lock app=api env=production reason=no, prod is broken"},
		{"gèle l'api en prod, pas de mep en prod", nil, "command freeze app=api env=production reason=pas de mep en prod"},
		{"lock api prod, wait for the hotfix", nil, "command lock app=api env=production reason=wait for the hotfix"},
		{"lock api prod, pas encore prêt", nil, "command lock app=api env=production reason=pas encore prêt"},
		{"lock api prod, no wait", nil, "question orchestrator"},
		{"lock api prod, cancel that", nil, "question orchestrator"},
		{"freeze api prod, no, staging", nil, "question orchestrator"},
		{"unfreeze everything, the demo is over", nil, "command unfreeze reason=the demo is over"},
	})
}

// TestStopFreeze: "stop, freeze prod" freezes (it lifted the production
// freeze before the session); "stop the freeze", "stop freeze on api
// prod" still lift (the sixth attack found the second freezing), and so
// does "STOP FREEZE PROD" (no mark says which).
func TestStopFreeze(t *testing.T) {
	checkReadings(t, []reading{
		{"stop, freeze prod", nil, "command freeze env=production"},
		{"STOP FREEZE PROD", nil, "command unfreeze env=production"},
		{"stop freeze on api prod", nil, "command unfreeze app=api env=production"},
		{"stop. freeze production.", nil, "command freeze env=production"},
		{"cancel, freeze prod", nil, "command freeze env=production"},
		{"stop the freeze", nil, "command unfreeze"},
		{"cancel the freeze on web", nil, "command unfreeze app=web"},
	})
}

// TestAttack21e holds what the fifth attack found: a lift of all with a
// dash before its moment or take-back ("dégèle tout - ce soir") lifted
// every freeze; "débloque le back en prod, demain" (the back end)
// planned a deploy or a rollback; a look asked after "please" or "ok"
// planned a deploy; "rlbk web staging, next time" ordered the rollback.
func TestAttack21e(t *testing.T) {
	checkReadings(t, []reading{
		{"dégèle tout - ce soir", nil, "question orchestrator"},
		{"dégèle tout — ce soir", nil, "question orchestrator"},
		{"dégèle tout - nvm", nil, "unknown"},
		{"unfreeze everything - tomorrow", nil, "question orchestrator"},
		{"dégèle tout - la démo est passée", nil, "command unfreeze reason=la démo est passée"},
		{"débloque le back en prod, demain", nil, "question orchestrator"},
		{"débloque le back en prod, staging only", nil, "question orchestrator"},
		{"please look at web prod", nil, "question orchestrator"},
		{"ok, look at front to prod", nil, "question orchestrator"},
		{"rlbk web staging, next time", nil, "question staging"},
		{"rlbk api prod, la prochaine fois", nil, "question rollback"},
		{"rb api prod asap, on a des 500 partout", nil, "action rollback app=api env=production"},
	})
}

// TestAttack21f holds what the sixth attack found: a tail that puts
// something else off or sets it aside ("questions later", "ignore the
// warning", "forget the checklist", "cancel the running deploy", "I meant
// it") dropped the order before it.
func TestAttack21f(t *testing.T) {
	checkReadings(t, []reading{
		{"rollback web prod, questions later", nil, "action rollback app=web env=production"},
		{"deploy api 2.4.1 to prod, comms later", nil, "action deploy app=api env=production version=2.4.1"},
		{"rollback web prod, I meant it", nil, "action rollback app=web env=production"},
		{"rollback web prod, ignore the warning", nil, "action rollback app=web env=production"},
		{"rollback api prod, cancel the running deploy", nil, "action rollback app=api env=production"},
		{"déploie l'api 2.4.1 en prod, never mind the freeze", nil, "action deploy app=api env=production version=2.4.1"},
		{"freeze web prod, questions later", nil, "command freeze app=web env=production reason=questions later"},
		{"rollback web prod, forget it", nil, "question rollback"},
		{"rollback web prod, later", nil, "question rollback"},
		{"deploy web to prod, cancel that", nil, "question production"},
	})
}
