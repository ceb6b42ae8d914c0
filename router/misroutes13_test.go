package router_test

import "testing"

// TestReadHoldout28Readings: holdout28 (session 10's honest set, read at
// session 13's start) misread these; the dangerous ones first: a setting
// put back to its default read as a rollback, a reset that named a
// project reset the agency's, a state ("tout le monde bloqué") read as a
// lock of everything.
func TestReadHoldout28Readings(t *testing.T) {
	lockAsked := []string{"verrouille web staging", "Verrouiller web staging : pour quelle raison ? (elle est affichée à qui voudrait déployer)"}
	checkReadings(t, []reading{
		{"oublie la stratégie qu'on a mise sur le front, reviens au défaut", nil, "command reset app=web key=strategy scope=project"},
		{"remets par défaut", nil, "question orchestrator"},
		{"reviens au défaut pour la stratégie", nil, "question production"},
		{"remets la stratégie du site par défaut, on s'est emballés", nil, "command reset app=web key=strategy scope=project"},
		// A project the bot does not know is never the agency's reset:
		// the bot asks which project.
		{"reset shop strategy", nil, "command reset key=strategy scope=project"},
		{"reset the strategy", nil, "command reset key=strategy scope=agency"},
		{"reset the approval setting", nil, "command reset key=approval scope=agency"},
		{"tout le monde bloqué, on attend le client", nil, "question orchestrator"},
		{"la prod est gelée jusqu'à lundi", nil, "question orchestrator"},
		{"bloque tout, on attend le client", nil, "command lock all=yes reason=on attend le client"},
		{"tout le monde bloqué, on attend le client", lockAsked, "command lock app=web env=staging reason=tout le monde bloqué, on attend le client"},
		{"attend non", []string{"lock web staging", "Give a reason: it is shown to anyone who tries to deploy."}, "unknown"},
		// Reason questions worded "ORDER: why?" and the like.
		{"client investigating a data issue", []string{"lock web prod", "Lock web production: why? Give a reason, it is shown to anyone who tries to deploy."},
			"command lock app=web env=production reason=client investigating a data issue"},
		{"root cause found, hotfix 3.14.1 verified", []string{"unlock backend production", "Unlock api production: what was fixed? Give a reason."},
			"command unlock app=api env=production reason=root cause found, hotfix 3.14.1 verified"},
		{"le client n'a pas validé la maquette", []string{"refuse la 36", "Refuser #36 (déploiement web production) : pour quelle raison ? (une phrase, elle sera transmise au demandeur)"},
			"command deny id=36 reason=le client n'a pas validé la maquette"},
		{"until the client signs the PV", []string{"deny 57", "Deny #57 (deploy web production): a reason? (one sentence, it is sent to the requester)"},
			"command deny id=57 reason=until the client signs the PV"},
		// "Which one? Answer with its number.": the choice asked, then how.
		{"34", []string{"approve", "Several deployments are waiting for your approval: #34 (rollback api production), #35 (deploy web staging). Which one? Answer with its number."},
			"command approve id=34"},
		{"36", []string{"approve", "Several deployments are waiting for your approval: #34 (rollback api production), #35 (deploy web staging). Which one? Answer with its number."},
			"unknown"},
		{"la 35", []string{"approuve", "Plusieurs déploiements attendent votre approbation : #34 (rollback api production), #35 (déploiement web staging). Lequel ? Répondez par son numéro."},
			"command approve id=35"},
		{"le 4", []string{"supprime le rappel du jeudi", "Quel rappel supprimer ? Donnez son numéro (« liste des rappels » les affiche)."}, "command reminders id=4 op=delete"},
		{"2", []string{"kill the friday reminder", "Which reminder should I delete? Give its number (list reminders shows them)."}, "command reminders id=2 op=delete"},
		{"kill reminder 3", nil, "command reminders id=3 op=delete"},
	})
}

// TestPlanCorrectedAfterANo: a no or a wait that opens a change of the
// plan the bot asks to confirm ("non, staging", "wait, staging not prod",
// "the backend, not the site") is a new plan replacing it, to confirm in
// turn; a no that changes nothing, adds one ("staging aussi") or cancels
// ("nan annule": it was read as a rollback instead) is no change.
func TestPlanCorrectedAfterANo(t *testing.T) {
	plan := []string{"deploy web 3.0.2 to prod", "Deploy web 3.0.2 → production (#50)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"deploie web 2.9.2 en prod", "Déployer web 2.9.2 → production (#49)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	rollback := []string{"rollback prod", "Roll back production: which project? api or web?", "web",
		"Roll back web 3.0.1 → 2.9.3 on production (#72)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"no, staging", plan, "action deploy app=web env=staging version=3.0.2 replaces=50"},
		{"wait, staging not prod", plan, "action deploy app=web env=staging version=3.0.2 replaces=50"},
		{"no, v3.0.3", plan, "action deploy app=web env=production version=v3.0.3 replaces=50"},
		{"non c'est la 2.9.3 pas la 2.9.2", planFr, "action deploy app=web env=production version=2.9.3 replaces=49"},
		{"non, staging", planFr, "action deploy app=web env=staging version=2.9.2 replaces=49"},
		{"the backend, not the site", rollback, "action rollback app=api env=production replaces=72"},
		{"no, roll back instead", plan, "action rollback app=web env=production replaces=50"},
		{"no", plan, "command cancel decline=yes id=50"},
		{"no, production", plan, "command cancel decline=yes id=50"},
		{"nan annule", plan, "command cancel decline=yes id=50"},
		{"no, revert", plan, "command cancel decline=yes id=50 reason=revert"},
		{"non, pas en staging", planFr, "command cancel decline=yes id=49 reason=pas en staging"},
		{"no, staging is down", plan, "command cancel decline=yes id=50"},
		{"no, tomorrow", plan, "command cancel decline=yes id=50"},
		{"euh, staging aussi", plan, "action deploy app=web env=staging version=3.0.2"},
	})
}

// TestThenNamesTheEnvironment: "ok then production" answering "Which
// environment?" is production (it was staging: "then" put production
// after another environment the answer did not name); "staging then
// prod" still orders staging first.
func TestThenNamesTheEnvironment(t *testing.T) {
	unlock := []string{"unlock web: client done testing", "Which environment? staging or production?"}
	deploy := []string{"deploy web v1.2.0", "Which environment? staging or production?"}
	checkReadings(t, []reading{
		{"ok then production", unlock, "command unlock app=web env=production reason=client done testing"},
		{"then production", deploy, "action deploy app=web env=production version=v1.2.0"},
		{"staging then production", deploy, "action deploy app=web env=staging version=v1.2.0"},
		{"both? ok then production", []string{"unlock web: client done testing", "Unlock web: which environment? staging or production?"}, "unknown"},
		{"production", []string{"unlock web: client done testing", "Unlock web: which environment? staging or production?"},
			"command unlock app=web env=production reason=client done testing"},
		{"hotfix api 3.16.4", nil, "action deploy app=api version=3.16.4"},
		{"staging first yeah", []string{"hotfix api 3.16.4", "Which environment for api: staging or production?"}, "action deploy app=api env=staging version=3.16.4"},
		{"le hotfix api 3.16.4 est cassé", nil, "question rollback"},
	})
}

// TestReadHoldout28Commands: commands holdout28 said in a sentence.
func TestReadHoldout28Commands(t *testing.T) {
	checkReadings(t, []reading{
		// The broken version named with "depuis" is no rollback target.
		{"urgent : le client n'arrive plus à se connecter depuis la 3.16.2 de l'api, on revient à la précédente en prod", nil,
			"action rollback app=api env=production"},
		// An audit told as a reason after the colon asks no audit log.
		{"plus de déploiement sur l'api jusqu'à lundi : audit sécu client", nil, "question orchestrator"},
		{"audit de l'api : cette semaine", nil, "command audit app=api since=week"},
		{"release the lock on backend staging, demo's over", nil, "command unlock app=api env=staging reason=demo's over"},
		{"who changed the web strategy this week?", nil, "command audit app=web key=strategy since=week"},
		{"qui a touché aux réglages de l'api ce mois-ci ?", nil, "command audit app=api since=month"},
		{"what's our change failure rate lately? the client asked in the steering committee", nil, "command dora"},
		{"lead time et fréquence de déploiement, t'as ça ?", nil, "command dora"},
		{"how do we reduce our lead time?", nil, "question orchestrator"},
		{"c'est quoi les rappels en place ?", nil, "command reminders op=list"},
		{"what settings does the site have now? want to double check what Tom changed", nil, "command context app=web what=show"},
	})
}

// TestSettingAskedThenAnswered: a setting to change named without its
// value ("change the deployment strategy for web", "pour le projet web,
// change la stratégie", "change web's production approval"), then the
// value answered, a choice and maybe a remark after it.
func TestSettingAskedThenAnswered(t *testing.T) {
	approval := []string{"change web's production approval", "Approval for web production: none, four-eyes or named?"}
	checkReadings(t, []reading{
		{"change the deployment strategy for web", nil, "command context app=web key=strategy scope=project what=set"},
		{"pour le projet web, change la stratégie", nil, "command context app=web key=strategy scope=project what=set"},
		{"change web's production approval", nil, "command context app=web env=production key=approval scope=environment what=set"},
		{"blue-green", []string{"change the deployment strategy for web", "Set web's strategy: which one? recreate, rolling, blue-green or canary?"},
			"command context app=web key=strategy scope=project value=blue-green what=set"},
		{"named, and carol is the approver", approval, "command context app=web env=production key=approval scope=environment value=named what=set"},
		{"four-eyes or named", approval, "command context app=web env=production key=approval scope=environment value= what=set"},
	})
}

// TestAttack20: the attack on session 13's first rules (640 probes, 81
// dangerous readings, 35 of them new).
func TestAttack20(t *testing.T) {
	plan := []string{"deploy web 3.0.2 to prod", "Deploy web 3.0.2 → production (#50)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	envAsked := []string{"deploy web 3.0.2", "Which environment for the deploy of web 3.0.2? staging or production."}
	freezeAll := []string{"freeze all", "Freeze all: a reason?"}
	lockAsked := []string{"lock api prod", "Lock api production: why?"}
	denyAsked := []string{"deny 12", "Deny #12: why?"}
	checkReadings(t, []reading{
		// Another project, without a version: never the other's version.
		{"the backend, not the site", plan, "action deploy app=api env=production replaces=50"},
		{"non, l'api", plan, "action deploy app=api env=production replaces=50"},
		{"then production for api", envAsked, "action deploy app=api env=production"},
		{"fais pareil pour le site", []string{"déploie api v2.0.0 en staging"}, "action deploy app=web env=staging"}, // "pareil" no longer keeps another project's version (session 14)
		// A no with what not to do, for later, or of two: a cancel.
		{"no, don't deploy to staging", plan, "command cancel decline=yes id=50"},
		{"no, staging later", plan, "command cancel decline=yes id=50"},
		{"non, recette et prod", plan, "command cancel decline=yes id=50"},
		{"non la prod, staging est ok", []string{"rollback le site", "Quel environnement ? staging ou production ?", "staging",
			"Rollback web → staging (#27). Confirmer ? Réponds « oui » dans les 2 minutes (ou « non »)."}, "action rollback app=web env=production replaces=27"},
		// No reason: nothing runs (a freeze of everything and a refusal
		// run without one: not understood; a lock: the bot asks again).
		{"the api one only", freezeAll, "unknown"},
		{"non pas tout, juste l'api", freezeAll, "unknown"},
		{"everything except web", freezeAll, "unknown"},
		{"lol no", freezeAll, "unknown"},
		{"idk", freezeAll, "unknown"},
		{"staging actually", lockAsked, "command lock app=api env=production"},
		{"the web one, not api", lockAsked, "command lock app=api env=production"},
		{"👍", lockAsked, "command lock app=api env=production"},
		{"nvm", lockAsked, "command lock app=api env=production"},
		{"actually approve it", denyAsked, "unknown"},
		{"no smoke tests on staging", denyAsked, "command deny id=12 reason=no smoke tests on staging"},
		{"no deploys during the demo", lockAsked, "command lock app=api env=production reason=no deploys during the demo"},
		{"demo later today", lockAsked, "command lock app=api env=production reason=demo later today"},
		// No deploy and no rollback.
		{"reset web prod", nil, "question orchestrator"},
		{"prod gelée !", nil, "question orchestrator"},
		{"mets l'api en gel : migration", nil, "question orchestrator"},
		{"hotfix api 3.16.4 and web 2.9.3", nil, "question production"},
		{"the hotfix api 3.16.4", nil, "question rollback"},
		{"revert hotfix api 3.16.4", nil, "action rollback app=api"},
		{"rollback api prod attends", nil, "question rollback"},
		{"déploie le site 2.9.2 en prod, j'attends le go du client", nil, "question production"},
		{"put web v2.8.0 on staging please, QA is waiting", nil, "action deploy app=web env=staging version=v2.8.0"},
		{"deploy api to staging, I'll wait", nil, "action deploy app=api env=staging"},
		{"le client est bloqué depuis ce matin, le correctif est prêt : mets api 2.14.2 en prod tout de suite", nil,
			"action deploy app=api env=production version=2.14.2"},
	})
}

// TestReadHoldout28Answers: answers holdout28 gave to the bot.
func TestReadHoldout28Answers(t *testing.T) {
	versionAsked := []string{"rollback api production", "Roll back api production to which version? Good versions there: 3.14.1, 3.13.2."}
	checkReadings(t, []reading{
		// The slot asked inside the order the bot repeats.
		{"3.14.1 please, the last one that worked", versionAsked, "action rollback app=api env=production version=3.14.1"},
		{"3.13.2?", versionAsked, "unknown"},
		// A version said without a verb goes on with the order before
		// (it was read as a deploy of 3.14.1).
		{"3.14.1 c'est la dernière qui marchait", []string{"rollback api production"}, "action rollback app=api env=production version=3.14.1"},
		{"d'acc", []string{"passe le site de recette en prod", "Promotion web 2.9.3 staging → production (#52)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."},
			"command confirm id=52"},
		{"outcome 44", nil, "command outcome id=44"},
		{"succeeded, I checked the healthz myself", []string{"outcome 44", "Deployment #44: did it succeed or fail? Give a reason too (it is recorded)."},
			"command outcome id=44 outcome=succeeded reason=I checked the healthz myself"},
		{"résultat du 54", nil, "command outcome id=54"},
		{"good job everyone, smooth release today 🎉", nil, "smalltalk"},
		{"good job, now release web to prod", nil, "action deploy app=web env=production"},
		{"np 👍", nil, "smalltalk"},
	})
}

// TestResetNamesItsTarget: a reset that excludes, compares or names two
// projects asks which (an attack reset the excluded one); one that names
// an environment resets that environment's setting, not the project's.
func TestResetNamesItsTarget(t *testing.T) {
	checkReadings(t, []reading{
		{"reset approval, web not api", nil, "command reset key=approval scope=project"},
		{"reset approval for api, not web", nil, "command reset key=approval scope=project"},
		{"reset strategy for api like web", nil, "command reset key=strategy scope=project"},
		{"reset web strategy", nil, "command reset app=web key=strategy scope=project"},
		{"remets la stratégie de la recette du site par défaut", nil, "command reset app=web env=staging key=strategy scope=environment"},
		{"remets l'approbation par défaut sur la prod de l'api", nil, "command reset app=api env=production key=approval scope=environment"},
		// An exclusion anywhere: the bot asks which (attack 22 reset the
		// excluded environment's).
		{"reset approval for web production, not staging", nil, "command reset key=approval scope=project"},
		{"reset approval for api except staging", nil, "command reset key=approval scope=project"},
	})
}

// TestAttack21: the second attack on session 13's rules (371 probes, 77
// dangerous readings, 32 of them new).
func TestAttack21(t *testing.T) {
	approval := []string{"change web's production approval", "Approval for web production: none, four-eyes or named?"}
	strategy := []string{"change the deployment strategy for web", "Which value of strategy for project web? recreate, rolling, blue-green, canary"}
	rollback := []string{"rollback web prod", "Roll back web 3.0.1 → 2.9.3 on production (#72)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	denyAsked := []string{"deny 12", "Deny #12: why?"}
	freezeAll := []string{"freeze all", "Freeze all: a reason?"}
	lockAsked := []string{"lock api prod", "Lock api production: why?"}
	envAsked := []string{"deploy web 3.0.2", "Which environment for the deploy of web 3.0.2? staging or production."}
	checkReadings(t, []reading{
		// A value for another place than the setting asked: asked again.
		{"none on staging", approval, "command context app=web env=production key=approval scope=environment value= what=set"},
		{"named for api", approval, "command context app=web env=production key=approval scope=environment value= what=set"},
		{"canary, mais pas en prod", strategy, "command context app=web key=strategy scope=project value= what=set"},
		{"canary for both", strategy, "command context app=web key=strategy scope=project value= what=set"},
		{"canary", strategy, "command context app=web key=strategy scope=project value=canary what=set"},
		// A remark on an environment is no change of the plan.
		{"non, la recette est ok", rollback, "command cancel decline=yes id=72"},
		{"no, staging", rollback, "action rollback app=web env=staging replaces=72"},
		// A refusal taken back, an exclusion, a delay: no reason.
		{"looks good actually", denyAsked, "unknown"},
		{"changed my mind", denyAsked, "unknown"},
		{"le client n'a pas accepté la maquette", denyAsked, "command deny id=12 reason=le client n'a pas accepté la maquette"},
		{"all but staging", freezeAll, "unknown"},
		{"tout sauf l'api", freezeAll, "unknown"},
		{"pas maintenant", lockAsked, "command lock app=api env=production"},
		{"later", lockAsked, "command lock app=api env=production"},
		{"on verra", lockAsked, "command lock app=api env=production"},
		{"client demo on staging tomorrow", lockAsked, "command lock app=api env=production reason=client demo on staging tomorrow"},
		{"api changes break the site", lockAsked, "command lock app=api env=production reason=api changes break the site"},
		// Another project named around an environment's answer.
		{"prod, after the api one", envAsked, "unknown"},
		{"prod for api and web", envAsked, "unknown"},
		{"production for api", envAsked, "action deploy app=api env=production"},
		{"prod, web is fine", nil, "question production"},
		{"rollback api prod, web is fine", nil, "action rollback app=api env=production"},
		// No deploy and no rollback.
		{"please reset web prod", nil, "question orchestrator"},
		{"bon, réinitialise l'api en prod", nil, "question orchestrator"},
		{"enlève le hotfix 3.16.4 de l'api en prod", nil, "question rollback"},
		{"revert api 3.16.4", nil, "action rollback app=api"},
		{"revert to 3.16.3 on api", nil, "action rollback app=api version=3.16.3"},
		{"deploy web 3.0.2 to prod, but not now", nil, "question production"},
		{"déploie le site 2.9.2 en prod une fois que le client a validé", nil, "question production"},
		{"deploy web to prod now, not staging", nil, "action deploy app=web env=production"},
	})
}

// TestAttack22AndNewUser13: the third attack on session 13's rules (387
// probes, 68 dangerous readings, 11 new) and a new user's conversations.
func TestAttack22AndNewUser13(t *testing.T) {
	envAsked := []string{"deploy web 3.0.2", "Which environment for the deploy of web 3.0.2? staging or production."}
	lockAsked := []string{"lock api prod", "Lock api production: why?"}
	unlockAsked := []string{"unlock api prod", `Give a reason to unlock api production: "unlock api production: fixed", or answer with the reason.`}
	checkReadings(t, []reading{
		// Another project beside an environment's answer: asked again.
		{"prod, api too", envAsked, "unknown"},
		{"prod, l'api aussi", envAsked, "unknown"},
		{"production for api", envAsked, "action deploy app=api env=production"},
		{"prod", envAsked, "action deploy app=web env=production version=3.0.2"},
		// No reason; a reason.
		{"maybe later", lockAsked, "command lock app=api env=production"},
		{"en fait le site", lockAsked, "command lock app=api env=production"},
		{"n/a", lockAsked, "command lock app=api env=production"},
		{"le site refonctionne", unlockAsked, "command unlock app=api env=production reason=le site refonctionne"},
		{"lgtm actually", []string{"deny 12", "Deny #12: why?"}, "unknown"},
		{"named everywhere", []string{"change web's production approval", "Approval for web production: none, four-eyes or named?"},
			"command context app=web env=production key=approval scope=environment value= what=set"},
		// Orders held back, and urgency that is none.
		{"deploy web 3.0.2 to prod after the client validates", nil, "question production"},
		{"deploy api to staging, j'attends depuis ce matin", nil, "action deploy app=api env=staging"},
		{"deploy api to staging, I'm waiting", nil, "action deploy app=api env=staging"},
		// A version taken off, a default put back: no deploy, no rollback.
		{"take 3.16.4 off api prod", nil, "question rollback"},
		{"drop api 3.16.4 from prod", nil, "question rollback"},
		{"remets l'approbation du front par défaut, pas la prod", nil, "question orchestrator"},
		// The new user: a freeze's days with one month; an incident told.
		{"gèle le front du 24 au 26 décembre : noël", nil, "command freeze app=web dates=24/12 26/12 reason=noël"},
		{"freeze web from the 24th to the 26th of december: xmas", nil, "command freeze app=web dates=24/12 26/12 reason=xmas"},
		{"le site est cassé en prod !! les clients voient une page blanche", nil, "question rollback"},
		{"le site est cassé en prod, on revient en arrière", nil, "action rollback app=web env=production"},
	})
}

// TestAttack23: the fourth attack (488 probes): a freeze of everything
// or a refusal given no reason runs nothing; exclusions of a reset in
// more words; removal verbs; other senses of going back; holds "pending"
// or "upon" approval; a value for the whole agency; and what it found
// refused that is an order or a reason.
func TestAttack23(t *testing.T) {
	freezeAll := []string{"freeze all", "Freeze all: a reason?"}
	lockAsked := []string{"lock api prod", "Lock api production: why?"}
	envAsked := []string{"deploy web 3.0.2", "Which environment for the deploy of web 3.0.2? staging or production."}
	checkReadings(t, []reading{
		{"maybe later", freezeAll, "unknown"},
		{"looks ok", []string{"deny 12", "Deny #12: why?"}, "unknown"},
		{"one min", lockAsked, "command lock app=api env=production"},
		{"je regarde les logs, 500 partout", lockAsked, "command lock app=api env=production reason=je regarde les logs, 500 partout"},
		{"reset approval for api excluding prod", nil, "command reset key=approval scope=project"},
		{"reset api strategy please, canary is not working", nil, "command reset app=api key=strategy scope=project"},
		{"yank api 3.16.4 from prod", nil, "question rollback"},
		{"web prod is broken, I'll get back to you", nil, "question rollback"},
		{"roll web back in production", nil, "action rollback app=web env=production"},
		{"deploy web 3.0.2 to prod pending client approval", nil, "question production"},
		{"lance la MEP de l'api dès que possible", nil, "action deploy app=api env=production"},
		{"canary for the whole agency", []string{"change the deployment strategy for web", "Which value of strategy for project web? recreate, rolling, blue-green, canary"},
			"command context app=web key=strategy scope=project value= what=set"},
		{"prod and then the backend", envAsked, "unknown"},
		{"ok then prod for the backend", envAsked, "action deploy app=api env=production"},
		{"rollback web prod, the default page is broken", nil, "action rollback app=web env=production"},
		{"reviens en arrière sur le site en prod, la page par défaut est cassée", nil, "action rollback app=web env=production"},
	})
}

// TestAttack24: the fifth attack (563 probes, 36 new dangerous readings,
// 33 regressions of the fourth round's rules).
func TestAttack24(t *testing.T) {
	freezeAll := []string{"freeze all", "Freeze all: a reason?"}
	denyAsked := []string{"deny 12", "Deny #12: why?"}
	lockAsked := []string{"lock api prod", "Lock api production: why?"}
	plan := []string{"deploy web 3.0.2 to prod", "Deploy web 3.0.2 → production (#50)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		// Backing out of a freeze of everything or a refusal: nothing runs.
		{"false alarm", freezeAll, "unknown"},
		{"on gèle pas", freezeAll, "unknown"},
		{"plus besoin", freezeAll, "unknown"},
		{"sorry, meant 13", denyAsked, "unknown"},
		{"c'était pour la 13", denyAsked, "unknown"},
		{"no smoke tests on staging", denyAsked, "command deny id=12 reason=no smoke tests on staging"},
		{"incident majeur sur le paiement", freezeAll, "command freeze all=yes reason=incident majeur sur le paiement"},
		{"prod is not stable", freezeAll, "unknown"}, // a place named for a freeze of everything: which one?
		// A version changed is no rollback instead; an explicit one is.
		{"wait, undo, 3.0.3 not 3.0.2", plan, "action deploy app=web env=production version=3.0.3 replaces=50"},
		{"instead roll back to 3.0.1", plan, "action rollback app=web env=production version=3.0.1 replaces=50"},
		{"revert 3.16.4 → 3.16.3 on api prod", nil, "action rollback app=api env=production version=3.16.3"},
		// The regressions the fourth round's rules caused.
		{"checking payment outage", lockAsked, "command lock app=api env=production reason=checking payment outage"},
		{"checking", lockAsked, "command lock app=api env=production"},
		{"reset web approval, keep me posted", nil, "command reset app=web key=approval scope=project"},
		{"reset approval for api, prod excluded", nil, "command reset key=approval scope=project"},
		{"rollback web prod, I'll get back to you with details", nil, "action rollback app=web env=production"},
		{"deploy web 3.0.2 to prod, fixes the crash upon login", nil, "action deploy app=web env=production version=3.0.2"},
		{"deploy web 3.0.2 to prod pending client approval", nil, "question production"},
		{"déploie le site 2.9.2 en prod après validation du client", nil, "question production"},
	})
}
