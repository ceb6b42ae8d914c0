package router_test

import "testing"

// Conversations the session's tests answer: a plan waiting for its
// yes, a rollback's environment asked, the bot's suggestions.
var (
	rollbackEnvAsked25 = []string{"the site is down since the deploy, roll it back", "Which environment for the rollback of web? (staging, production)"}
	planProd25         = []string{"deploy api 2.9.0", "Deploy api 2.9.0 → production (#51)\n*Rules*: ✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planRC25           = []string{"déploie web 4.0.0-rc.3 en recette", "Déploiement web 4.0.0-rc.3 → staging (#58)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planBack25         = []string{"déploie le back 3.9.0 en staging", "Déploiement api 3.9.0 → staging (#56)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planFr25           = []string{"déploie le site en préprod", "Déploiement web 3.9.8 → staging (#96)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planEn25           = []string{"deploy api staging pls", "Deploy api 2.9.9 → staging (#101)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rollbackFr25       = []string{"le site est en rade depuis la MEP, rollback immédiat !", "Rollback web → production : retour à 3.5.0, la dernière version bonne là-bas (#91)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	offered25          = []string{"rolbak webb stagign", "I'm not sure what you mean. I have no precise answer to that.\n(answer \"rollback web on staging\", \"status web\" or \"history web\")"}
)

// TestSession25Slots holds the slots holdout49 read wrongly once read: a
// number after "release" taken over the version written ("deploy api
// 2.10.0 to staging, that's release 1" planned version 1), a version
// closing a bracket opened before it, and an answer with words of its
// own to the bot's question on a rollback's environment (it planned a
// deploy of the site it names).
func TestSession25Slots(t *testing.T) {
	checkReadings(t, []reading{
		{"deploy api 2.10.0 to staging — that's release 1", nil, "action deploy app=api env=staging version=2.10.0"},
		{"deploy api 2.10.0 to staging, release 1 of 2", nil, "action deploy app=api env=staging version=2.10.0"},
		{"deploy api to staging, build 42", nil, "action deploy app=api env=staging version=42"},
		{"déploie la première partie de la migration (api 2.10.0) en staging", nil, "action deploy app=api env=staging version=2.10.0"},
		{"deploy (api 2.10.0) to staging", nil, "action deploy app=api env=staging version=2.10.0"},
		{"prod pls, it's the live site", rollbackEnvAsked25, "action rollback app=web env=production"},
		{"production, it's the live one", rollbackEnvAsked25, "action rollback app=web env=production"},
		{"la prod stp, c'est le site en ligne", []string{"le site est en rade, rollback", "Quel environnement pour le rollback de web ? (staging, production)"}, "action rollback app=web env=production"},
		{"staging pls, it's the site", []string{"deploy web 1.1.0", "Which environment for the deploy of web 1.1.0? (staging, production)"}, "action deploy app=web env=staging version=1.1.0"},
		{"prod, but not now", rollbackEnvAsked25, "unknown"},
	})
}

// TestSession25Corrections holds changes of a plan holdout49 read as its
// cancellation once read: the plan's value taken back ("not
// production") where the order left the environment to the bot, a
// release candidate taken back by its suffix ("pas la rc.3"), the
// backend taken back as "le back".
func TestSession25Corrections(t *testing.T) {
	checkReadings(t, []reading{
		{"no — staging, not production", planProd25, "action deploy app=api env=staging version=2.9.0 replaces=51"},
		{"staging, not production", planProd25, "action deploy app=api env=staging version=2.9.0 replaces=51"},
		{"wait, staging not prod", planProd25, "action deploy app=api env=staging version=2.9.0 replaces=51"},
		{"non, en staging, pas en prod", planProd25, "action deploy app=api env=staging version=2.9.0 replaces=51"},
		{"staging, not production ?", planProd25, "question staging"},
		{"no, not production", planProd25, "command cancel decline=yes id=51 reason=not production"},
		{"non, la 4.0.0-rc.4, pas la rc.3", planRC25, "action deploy app=web env=staging version=4.0.0-rc.4 replaces=58"},
		{"non, le front, pas le back", planBack25, "action deploy app=web env=staging replaces=56"},
	})
}

// TestSession25Yes holds the yeses to a plan holdout49 did not read once
// read: a yes said long, "affirmative", "je confirme" with the plan's own
// kind named, the order to run it, who was told; and what stays no yes:
// the other kind named, a delay, a doubt, a question.
func TestSession25Yes(t *testing.T) {
	checkReadings(t, []reading{
		{"ouiii", planFr25, "command confirm id=96"},
		{"euh oui, je confirme", planFr25, "command confirm id=96"},
		{"oui je confirme le déploiement", planFr25, "command confirm id=96"},
		{"oui, l'astreinte est prévenue", planFr25, "command confirm id=96"},
		{"oui, lance-le", planFr25, "command confirm id=96"},
		{"affirmative", planEn25, "command confirm id=101"},
		{"yesss", planEn25, "command confirm id=101"},
		{"yes, launch it 🚀", planEn25, "command confirm id=101"},
		{"yes, on call is aware", planEn25, "command confirm id=101"},
		{"yes, run it", planEn25, "command confirm id=101"},
		{"noooo", planEn25, "command cancel decline=yes id=101"},
		{"oui, je confirme le rollback", rollbackFr25, "command confirm id=91"},
		// No yes: the other kind, a delay, a doubt, a question, elsewhere.
		{"oui, je confirme le rollback", planFr25, "question rollback"},
		{"oui je confirme le déploiement", rollbackFr25, "question orchestrator"},
		{"yes, run it tomorrow", planEn25, "unknown"},
		{"yes, on call is not aware", planEn25, "unknown"},
		{"ouiii mais attends", planFr25, "unknown"},
		{"yesss?", planEn25, "unknown"},
		{"yes, run it on prod", planEn25, "question production"},
	})
}

// TestSession25Commands holds the commands holdout49 did not read once
// read: lists asked with "show" and "every", a setting said to become a
// value, a suggestion echoed after the writer's own "yes:". The attack
// on them: a value with more words than a value, a suggestion with words
// of its own, a yes relayed. ("gèle le back en prod" was read as the
// api's freeze for a while: the attack had "gèle la prod sauf le back"
// freeze only the api, and the chat refuses "back" anyway.)
func TestSession25Commands(t *testing.T) {
	checkReadings(t, []reading{
		{"liste des gels en cours et à venir", nil, "command list what=freezes"},
		{"show me every lock", nil, "command list what=locks"},
		{"list every freeze", nil, "command list what=freezes"},
		{"what is a lock", nil, "question orchestrator"},
		{"pour le site, la stratégie devient rolling", nil, "command context app=web key=strategy scope=project value=rolling what=set"},
		{"l'approbation de l'api passe en quatre yeux", nil, "command context app=api key=approval scope=project value=quatre yeux what=set"},
		{"web strategy becomes rolling", nil, "command context app=web key=strategy scope=project value=rolling what=set"},
		{"la stratégie du site devient rolling ?", nil, "question production"},
		{"pour le site et l'api, la stratégie devient rolling", nil, "question production"},
		{"yes that one: rollback web on staging", offered25, "action rollback app=web env=staging"},
		{"oui : rollback web on staging", offered25, "action rollback app=web env=staging"},
		{"bob said yes: rollback web on staging", offered25, "question rollback"},
		{"yes: rollback web on staging worked last time", offered25, "question rollback"},
		{"yes: rollback web on staging, if errors climb", offered25, "question rollback"},
		{"web strategy becomes canary, then back to rolling", nil, "question production"},
		{"web strategy becomes rolling according to bob", nil, "question production"},
		{"web strategy becomes canary for now", nil, "question production"},
		{"la stratégie du site passe en prod", nil, "question production"},
	})
}

// TestSession25Promotion holds a promotion holdout49 planned backwards:
// "on envoie la même version en prod" sends the version to production
// (production was read as where the version is, and staging planned from
// production); a version said to be in an environment is still its source.
func TestSession25Promotion(t *testing.T) {
	checkReadings(t, []reading{
		{"le client a validé la recette, on envoie la même version en prod pour le front", nil, "action deploy app=web env=production from=staging"},
		{"la version en préprod d'api est validée, envoie-la en prod", nil, "action deploy app=api env=production from=staging"},
	})
}

// TestAttackSession25 holds what the attack on the session's rules found: a
// correction that re-planned the value it took back ("non, la prod, pas
// la rc.3" sent the rc.3 to production), one whose new value is of
// another kind or two values, a question tag; a version in brackets
// called broken; a yes whose words were read one by one ("yes, let on
// call run it", "yes run it for all"); "noon" read as a no.
func TestAttackSession25(t *testing.T) {
	checkReadings(t, []reading{
		{"non, la prod, pas la rc.3", planRC25, "command cancel decline=yes id=58"},
		{"non, pas la rc.3, la prod", planRC25, "command cancel decline=yes id=58"},
		{"non, la prod, pas le back", planBack25, "command cancel decline=yes id=56"},
		{"no, web, not production", planProd25, "command cancel decline=yes id=51"},
		{"no, the backend, not the back", planProd25, "command cancel decline=yes id=51"},
		{"no, uat and staging, not production", planProd25, "command cancel decline=yes id=51"},
		{"non, staging, pas production, et le front", planProd25, "command cancel decline=yes id=51"},
		{"staging, not production, right", planProd25, "question staging"},
		{"rollback api in prod (broken: 2.10.0)", nil, "action rollback app=api env=production bad=2.10.0)"},
		{"deploy api to staging (was 2.10.0)", nil, "action deploy app=api env=staging bad=2.10.0)"},
		{"ok, is on call aware", planEn25, "unknown"},
		{"yes, let on call run it", planEn25, "unknown"},
		{"yes, call on call", planEn25, "unknown"},
		{"yes run it for all", planEn25, "unknown"},
		{"yes, call it", planEn25, "unknown"},
		{"yes at noon", planEn25, "unknown"},
		{"noon", planEn25, "unknown"},
	})
}

// TestAttackSession25b holds what the second attack found: a build on
// production sent to staging read the other way round, a version number
// after "release" in the order's own clause, a bracket's version in a
// rollback, yeses struck through or beside a Slack no, a slot answer
// with the environment of its own after "Which project?", a setting
// hesitated over.
func TestAttackSession25b(t *testing.T) {
	checkReadings(t, []reading{
		{"deploy the build on prod to staging for web", nil, "action deploy app=web env=staging from=production"},
		{"envoie la version en prod en recette pour le site", nil, "action deploy app=web env=staging from=production"},
		{"envoie en recette la version en prod pour le site", nil, "action deploy app=web env=staging from=production"},
		{"upgrade api from 2.9.0 to release 12 in prod", nil, "action deploy app=api env=production version=12"},
		{"v2.9.0 was bad, ship api release 7 to prod", nil, "action deploy app=api env=production version=7"},
		{"rollback web in prod (web 3.2.0)", nil, "action rollback app=web env=production bad=3.2.0)"},
		{"ouiii :-1:", planEn25, "unknown"},
		{"affirmative :thumbsdown:", planEn25, "unknown"},
		{"~yesss~", planEn25, "unknown"},
		{"yesss 🤡", planEn25, "unknown"},
		{"yes oops", planEn25, "unknown"},
		// ":+1:" split at its colons read "yes 1", plan #1's confirmation.
		{"yes :+1:", planEn25, "command confirm id=101"},
		{"yes :+1::skin-tone-2:", planEn25, "command confirm id=101"},
		{"no :-1:", planEn25, "command cancel decline=yes id=101"},
		{"oui, je confirme le rollback :x:", rollbackFr25, "question rollback"},
		{"yes: rollback web on staging ❌", offered25, "question rollback"},
		{"yes: ~rollback web on staging~", offered25, "question rollback"},
		{"web pls, on staging", []string{"roll back prod", "Which project for the rollback → production? I know: api, web."}, "action rollback app=web env=staging"},
		{"web approval becomes none...", nil, "question orchestrator"},
		{"@bob web approval becomes none", nil, "question orchestrator"},
	})
}

// TestOlderUnsafe25 holds what both attacks found unsafe before the
// session too: a version called bad or replaced taken as the target
// ("deploy api release 7 to prod — v2.9.0 was bad" deployed v2.9.0), the
// production version shipped the other way round, a verb of deploying
// said to a rollback's plan taken for its yes.
func TestOlderUnsafe25(t *testing.T) {
	checkReadings(t, []reading{
		{"deploy api release 7 to prod — v2.9.0 was bad", nil, "action deploy app=api env=production version=7"},
		{"deploy api 2.10.0 to prod, 2.9.0 was bad", nil, "action deploy app=api env=production version=2.10.0"},
		{"deploy api build 42 to prod, replaces 2.9.0", nil, "action deploy app=api env=production version=42"},
		{"deploy api 2.10.0 to prod, replaces 2.9.0", nil, "action deploy app=api env=production version=2.10.0"},
		{"ship the prod version to staging for web", nil, "action deploy app=web env=staging from=production"},
		{"ship the staging version to prod for web", nil, "action deploy app=web env=production from=staging"},
		{"oui, déploie", rollbackFr25, "question orchestrator"},
		{"yes, deploy", rollbackFr25, "question orchestrator"},
		{"oui, rollback", rollbackFr25, "command confirm id=91"},
		{"c'est bon, lance", rollbackFr25, "command confirm id=91"},
		{"ship it", rollbackFr25, "command confirm id=91"},
		// An answer to a rollback's environment question that refuses it;
		// a version's answer that names another target than the one asked
		// about (the versions offered25 were that target's).
		{"prod, it's the live site, but don't roll back yet", []string{"the site is down since the deploy, roll it back", "Which environment for the rollback of web? (staging, production)"}, "unknown"},
		{"prod pls, it's the live site, no rollback though", []string{"the site is down since the deploy, roll it back", "Which environment for the rollback of web? (staging, production)"}, "unknown"},
		{"2.8.0, web", []string{"rollback api in prod", "Which version of api for production? 2.9.0, 2.8.0, 2.7.1"}, "unknown"},
		{"2.10.0 pls, on staging", []string{"deploy api to prod", "Which version of api for production? 2.10.0, 2.9.1"}, "unknown"},
		{"2.10.0 pls", []string{"deploy api to prod", "Which version of api for production? 2.10.0, 2.9.1"}, "action deploy app=api env=production version=2.10.0"},
		{"actually make it prod, v2.4.2", []string{"deploy front to staging", "Which version?"}, "action deploy app=web env=production version=v2.4.2"},
	})
}
