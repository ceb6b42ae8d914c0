package router_test

import "testing"

// TestSession25Slots holds the slots holdout49 read wrongly once read: a
// number after "release" taken over the version written ("deploy api
// 2.10.0 to staging, that's release 1" planned version 1), a version
// closing a bracket opened before it, and an answer with words of its
// own to the bot's question on a rollback's environment (it planned a
// deploy of the site it names).
func TestSession25Slots(t *testing.T) {
	rollbackAsked := []string{"the site is down since the deploy, roll it back", "Which environment for the rollback of web? (staging, production)"}
	checkReadings(t, []reading{
		{"deploy api 2.10.0 to staging — that's release 1", nil, "action deploy app=api env=staging version=2.10.0"},
		{"deploy api 2.10.0 to staging, release 1 of 2", nil, "action deploy app=api env=staging version=2.10.0"},
		{"deploy api to staging, build 42", nil, "action deploy app=api env=staging version=42"},
		{"déploie la première partie de la migration (api 2.10.0) en staging", nil, "action deploy app=api env=staging version=2.10.0"},
		{"deploy (api 2.10.0) to staging", nil, "action deploy app=api env=staging version=2.10.0"},
		{"prod pls, it's the live site", rollbackAsked, "action rollback app=web env=production"},
		{"production, it's the live one", rollbackAsked, "action rollback app=web env=production"},
		{"la prod stp, c'est le site en ligne", []string{"le site est en rade, rollback", "Quel environnement pour le rollback de web ? (staging, production)"}, "action rollback app=web env=production"},
		{"staging pls, it's the site", []string{"deploy web 1.1.0", "Which environment for the deploy of web 1.1.0? (staging, production)"}, "action deploy app=web env=staging version=1.1.0"},
		{"prod, but not now", rollbackAsked, "unknown"},
	})
}

// TestSession25Corrections holds changes of a plan holdout49 read as its
// cancellation once read: the plan's value taken back ("not
// production") where the order left the environment to the bot, a
// release candidate taken back by its suffix ("pas la rc.3"), the
// backend taken back as "le back".
func TestSession25Corrections(t *testing.T) {
	planProd := []string{"deploy api 2.9.0", "Deploy api 2.9.0 → production (#51)\n*Rules*: ✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planRC := []string{"déploie web 4.0.0-rc.3 en recette", "Déploiement web 4.0.0-rc.3 → staging (#58)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planBack := []string{"déploie le back 3.9.0 en staging", "Déploiement api 3.9.0 → staging (#56)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"no — staging, not production", planProd, "action deploy app=api env=staging version=2.9.0 replaces=51"},
		{"staging, not production", planProd, "action deploy app=api env=staging version=2.9.0 replaces=51"},
		{"wait, staging not prod", planProd, "action deploy app=api env=staging version=2.9.0 replaces=51"},
		{"non, en staging, pas en prod", planProd, "action deploy app=api env=staging version=2.9.0 replaces=51"},
		{"staging, not production ?", planProd, "question staging"},
		{"no, not production", planProd, "command cancel decline=yes id=51 reason=not production"},
		{"non, la 4.0.0-rc.4, pas la rc.3", planRC, "action deploy app=web env=staging version=4.0.0-rc.4 replaces=58"},
		{"non, le front, pas le back", planBack, "action deploy app=web env=staging replaces=56"},
	})
}
