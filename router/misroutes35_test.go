package router_test

import "testing"

// TestSession35Lifts holds orders to lift what the bot's last message set,
// said on a pronoun or on nothing (holdout63: "lift it" after the bot's
// freeze card was not understood, "c'est bon tu peux déverrouiller, c'est
// réparé" after its lock confirmation too). The bot's card names the
// freeze or the lock, and quotes the command that lifts a freeze: that
// command, with the person's reason. A person's line never names what
// "it" is here; talk, a delay, a joke or a taken-back order lifts nothing.
func TestSession35Lifts(t *testing.T) {
	freeze := []string{"freeze web production: client demo", "🧊 Freeze #1: web / production, from 2026-11-17 11:30 to 2027-11-17 11:29 — client demo. \"unfreeze web production\" lifts it."}
	gel := []string{"gèle la prod", "🧊 Gel #2 : tous les projets / production, du 2026-11-17 11:30 au 2027-11-17 11:29. « dégel production » pour le lever."}
	lock := []string{"lock api production: incident paiement", "🔒 api/production verrouillé par alice : incident paiement"}
	locked := []string{"lock web production: demo", "🔒 web/production locked by priya: demo"}
	checkReadings(t, []reading{
		{"lift it", freeze, "command unfreeze app=web env=production"},
		{"remove it please", freeze, "command unfreeze app=web env=production"},
		{"ok unfreeze it", freeze, "command unfreeze app=web env=production"},
		{"tu peux l'enlever", gel, "command unfreeze env=production"},
		{"lève-le", gel, "command unfreeze env=production"},
		{"c'est bon tu peux déverrouiller, c'est réparé", lock, "command unlock app=api env=production reason=c'est réparé"},
		{"tu peux l'enlever", lock, "command unlock app=api env=production"},
		{"remove it", locked, "command unlock app=web env=production"},
		{"can you lift it now?", locked, "command unlock app=web env=production"},
	})
	for _, h := range [][]string{freeze, gel, lock, locked} {
		checkNoOrders(t, h, []string{"lift it tomorrow", "don't remove it", "ne l'enlève pas", "lift it lol", "tu peux déverrouiller, non je rigole",
			"how do I lift it?", "remove it, wait", "who can lift it?", "lift it after the demo", "on l'enlèvera demain"})
	}
}

// TestSession35AskedProject holds answers to the bot's question of a
// version or an environment that names the order's project, when the
// order read from the conversation has lost it (holdout63's "v3.4.1" and
// "2.5.0" after "le site"/"l'api", "prod" and "Quelle version de api ?":
// the project was carried only by the naive Bayes topic model routing
// "l'api" alone to the rollback).
func TestSession35AskedProject(t *testing.T) {
	api := []string{"déploie", "Quel projet ? api ou web ?", "l'api", "Quel environnement ? staging ou production ?", "prod",
		"Quelle version de api ? La recette (staging) a la 2.5.0."}
	web := []string{"deploy", "Which project? (api, web)", "the site", "Which environment? (staging, production)", "prod",
		"Deploy web → production: which version? (in production: v3.4.0)"}
	checkReadings(t, []reading{
		{"2.5.0", api, "action deploy app=api env=production version=2.5.0"},
		{"v3.4.1", web, "action deploy app=web env=production version=v3.4.1"},
	})
	// The bot's question naming two projects names none.
	checkReadings(t, []reading{
		{"2.5.0", []string{"déploie", "Quel projet ? api ou web ?", "prod", "Quelle version ? (api 2.4.0, web 3.1.0)"}, "action deploy env=production version=2.5.0"},
	})
}

// TestSession35IncidentWords holds rollbacks that take their project and
// environment from an incident told with an incident word the fault words
// miss ("4% d'erreurs", "latency"), which only the naive Bayes topic model
// routing those lines to the rollback had carried (holdout33). Not from a
// line that says all is fine.
func TestSession35IncidentWords(t *testing.T) {
	checkReadings(t, []reading{
		{"ok rollback alors", []string{"le canary du site en prod est à 4% d'erreurs", "Canary en échec : arrêter la progression et revenir en arrière (rollback)"}, "action rollback app=web env=production"},
		{"rollback", []string{"api latency in prod tripled since the release"}, "action rollback app=api env=production"},
		{"rollback", []string{"no errors on api prod, all green"}, "action rollback"},
		{"rollback", []string{"pas d'erreur sur l'api en prod"}, "action rollback"},
		{"rollback", []string{"0 errors on api prod since the release"}, "action rollback"},
		{"rollback", []string{"api prod without errors since this morning"}, "action rollback"},
	})
}

// TestSession35Attack holds what the session's attack (21,630 probes, both
// binaries) found against the linear topic model and the follow-up rules:
// incidents told went to the environment they name or to devops where they
// are the rollback's; a line with an incident word that says all is fine
// lent its project and environment to a later order (and could override
// the real incident told before it); a person's "which version? not the
// api" lent api to the order; an answer naming another project than the
// bot's question lost the order. Each reads now as the attack showed it
// should.
func TestSession35Attack(t *testing.T) {
	for _, text := range []string{"l'api est down en prod", "api crashes in prod after the deploy",
		"api timeouts on staging since the release", "nginx returns 502 on api prod since the release"} {
		checkReadings(t, []reading{{text, nil, "question rollback"}})
	}
	checkReadings(t, []reading{
		{"500s on api prod, the database server is down", nil, "question rollback"}, // the topic model's since session 38: a server down
		{"le runner gitlab est down, plus aucun pipeline ne tourne", nil, "question devops"},
		{"how do I deploy the rails app, which file .rb holds the config?", nil, "question orchestrator"},
		{"deploy v1.2.3", []string{"zero errors on web in prod"}, "action deploy version=v1.2.3"},
		{"deploy the fix", []string{"api is broken in staging", "zero errors on web in prod"}, "action deploy app=api env=staging"},
		{"deploy the hotfix 2.0.1", []string{"web is down in prod", "latency on api in staging is fine"}, "action deploy app=web env=production version=2.0.1"},
		{"rollback api", []string{"errors on api en preprod look normal"}, "action rollback app=api"},
		{"rollback api", []string{"errors on api in staging are expected, it's a test"}, "action rollback app=api"},
		{"deploy to prod", []string{"le SLO de erreurs de api en prod est à 99,9 %"}, "action deploy env=production"},
		{"prod", []string{"rollback", "which environment? not the api, it's fine"}, "action rollback env=production"},
		{"1.2.3", []string{"deploy to prod", "Quelle version ? Ne touche pas à l'api."}, "action deploy env=production version=1.2.3"},
		{"1.2.3", []string{"deploy the mobile app to prod", "@alice which version of web did you test on staging?"}, "action deploy env=production version=1.2.3"},
		{"web 1.2.3", []string{"deploy to prod", "Which version of api for production? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."},
			"action deploy app=web env=production version=1.2.3"},
		{"le back 1.2.3", []string{"deploy to prod", "Which version of web for production? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."},
			"action deploy app=api env=production version=1.2.3"},
		{"1.2.3", []string{"deploy to prod", "Which version of api for production? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."},
			"action deploy app=api env=production version=1.2.3"},
	})
}

// TestSession35Sequels holds reads said right after the bot's cards, from
// holdout63: the state card with a deployment in flight ("#11: deploy web
// v2.5.1 → production : awaiting approval") was read as the person's order,
// so "what about api" after it planned api's production deploy; a thanks
// before "and the locks?" made it small talk; "runbook first pls" after a
// rollback's plan, which quotes its runbook, named no project.
func TestSession35Sequels(t *testing.T) {
	status := []string{"status web", "Status of web\n  web/staging:    v2.5.1 since 17 Nov 11:00, by alice (succeeded)\n  web/production: v2.5.0 since 17 Nov 11:00, by alice (succeeded)\n  #11:            deploy web v2.5.1 → production : awaiting approval"}
	freezes := []string{"list freezes", "Deployment freezes\n  config: web / every environment, 2026-11-27 00:00 → 2026-12-01 00:00 CET (planned, configuration file) — Black Friday"}
	plan := []string{"rollback web prod", "Rollback web v2.4.0 → production (#12)\nRules:\n✅ a rollback is the emergency path: no window or freeze holds it\nRunbook: \"runbook web production\" · last drill: never: \"drill web production\" to drill it\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"what about api", status, "command status app=api"},
		{"diff staging prod?", status, "command diff app=web a=staging b=production"},
		{"ok and the locks?", freezes, "command list what=locks"},
		{"merci, et les verrous ?", nil, "command list what=locks"},
		{"ok et les gels ?", nil, "command list what=freezes"},
		{"runbook first pls", plan, "command runbook app=web env=production"},
	})
	// An order after the thanks stays the order's, a plan to confirm.
	checkReadings(t, []reading{{"ok and deploy api to prod", nil, "action deploy app=api env=production"}})
	checkNoOrders(t, status, []string{"what about api?", "and api", "et l'api ?"})
}

// TestSession35Holdout63 holds more of holdout63's misses, each read as a
// rule for its kind: a rollback asked as a rehearsal is the drill ("let's
// rehearse a rollback of the front on staging" planned web's real
// rollback); "yes, the one on staging" after a promotion's plan is a yes
// (it deployed to staging), after a version's plan the promotion instead;
// a lock said for later is no command; a version answered with where it
// runs ("2.5.1, the one on staging") is that version.
func TestSession35Holdout63(t *testing.T) {
	promotion := []string{"promote web to prod", "Deploy web v2.5.1 → production (#12)\nPromotion: version v2.5.1, which runs on staging.\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	plan := []string{"deploy web 2.5.1 to prod", "Deploy web v2.5.1 → production (#12)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	version := []string{"push web to prod", "Which version of web for production? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."}
	checkReadings(t, []reading{
		{"let's rehearse a rollback of the front on staging", nil, "command drill app=web env=staging"},
		{"on fait un exercice de retour arrière sur l'api en recette", nil, "command drill app=api env=staging"},
		{"simulate a rollback of web staging", nil, "command drill app=web env=staging"},
		{"yes, the one on staging", promotion, "command confirm id=12"},
		{"yes, the one on staging", plan, "action deploy app=web env=production from=staging"},
		{"oui, celle de la recette", plan, "action deploy app=web env=production from=staging"},
		{"2.5.1, the one on staging", version, "action deploy app=web env=production version=2.5.1"},
		{"la 2.5.1, celle de la recette", version, "action deploy app=web env=production version=2.5.1"},
		{"lock api production", nil, "command lock app=api env=production"},
	})
	checkNoOrders(t, nil, []string{"tout à l'heure je lock la prod de l'api pour la maintenance", "tomorrow we unlock api prod",
		"demain je déverrouille la prod du site", "the rollback rehearsal went fine yesterday", "the rollback rehearsal of web is tomorrow",
		"don't rehearse a rollback of web now", "rehearse the rollback of the front?", "if we rehearse a rollback of web, does it touch prod"})
	checkNoOrders(t, version, []string{"2.5.1, not the one on staging", "2.5.1, the one on staging?"})
}

// TestSession35StagingInstead holds answers to a production deploy refused
// because its version has not succeeded on staging: naming a staging
// environment instead is the same order there, as the refusal says to do
// first (holdout63's "non, staging" read the status of staging, "ugh ok,
// staging then" was a question; holdout56 and holdout61 held the same).
func TestSession35StagingInstead(t *testing.T) {
	fr := []string{"déploie web 2.6.0 en prod", "Déploiement web 2.6.0 → production (#12)\nRègles :\n✅ fenêtre recommandée — fenêtres : agence, fichier ligne 90\n❌ la version 2.6.0 n'est pas passée en staging avec succès — staging d'abord oui : pratique standard\n\nRefusé : rien n'a été lancé."}
	en := []string{"deploy web v2.6.0 to production", "Deploy web v2.6.0 → production (#12)\nRules:\n✅ recommended window — windows: agency, file line 90\n❌ version v2.6.0 has not succeeded on staging — staging first yes: built-in practice\n\nRefused: nothing ran."}
	checkReadings(t, []reading{
		{"non, staging", fr, "action deploy app=web env=staging version=2.6.0"},
		{"bon, en recette d'abord", fr, "action deploy app=web env=staging version=2.6.0"},
		{"ugh ok, staging then", en, "action deploy app=web env=staging version=v2.6.0"},
		{"ah right, staging first then", en, "action deploy app=web env=staging version=v2.6.0"},
	})
	checkNoOrders(t, en, []string{"staging?", "staging is broken", "not staging", "what about staging?", "staging then, tomorrow maybe"})
	checkNoOrders(t, fr, []string{"pas staging", "staging ?", "le staging est cassé"})
}

// TestSession35AttackB holds what the second attack of the session (4,779
// probes) found against the later rules: a question or a joke after a
// plan ("yes, what's on staging?") confirmed it; a rehearsal word that
// did not govern the rollback ("simulation's over — roll back web
// production for real") made a real rollback a drill, and delays made
// one; a lock said for later in a message that orders now ("tomorrow we
// release web, so unlock web staging now") lost the order; "lift it"
// after a card fired on questions, people addressed, delays, conditions,
// hearsay, and lifted the card's kind where the person named the other
// ("remove the freeze" after a lock confirmation); the state card of one
// project read alone made "et l'api en prod ?" a rollback.
func TestSession35AttackB(t *testing.T) {
	promo := []string{"promote web staging to production", "Deploy web v2.5.1 → production (#12)\nPromotion: version v2.5.1, which runs on staging.\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	plan := []string{"deploy web v2.5.1 to production", "Deploy web v2.5.1 → production (#12)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	lock := []string{"🔒 api/production locked by alice: incident"}
	freeze := []string{"🧊 Freeze #1: web / production, from 2026-11-17 11:30 to 2027-11-17 11:29 — client demo. \"unfreeze web production\" lifts it."}
	card := []string{"Status of web\n  web/staging:    v2.5.1 since 17 Nov 11:00, by alice (succeeded)\n  web/production: v2.5.0 since 17 Nov 11:00, by alice (succeeded)\n  #11:            deploy web v2.5.1 → production : awaiting approval"}
	for _, h := range [][]string{promo, plan} {
		checkNoOrders(t, h, []string{"yes, what's on staging?", "yes, the one on staging?", "yes? the one on staging", "ok celle de la recette ?",
			"ok what's on staging right now?"})
	}
	checkReadings(t, []reading{
		{"simulation's over — roll back web production for real", nil, "action rollback app=web env=production"},
		{"dry run failed, roll back api staging", nil, "action rollback app=api env=staging"},
		{"exercice fini, rollback de l'api en prod pour de vrai", nil, "action rollback app=api env=production"},
		{"répète : rollback de l'api en prod", nil, "question rollback"}, // no drill (the session-start binary read it so too)
		{"tomorrow we release web, so unlock web staging now", nil, "command unlock app=web env=staging"},
		{"this afternoon we had an incident, lock api production", nil, "command lock app=api env=production"},
		{"remove the freeze", lock, "command unfreeze"},
		{"lift it, the client cancelled", lock, "command unlock app=api env=production reason=the client cancelled"},
		{"can you lift it", freeze, "command unfreeze app=web env=production"},
		{"et l'api en prod ?", card, "command status app=api env=production"},
		{"and staging?", card, "command status app=web env=staging"},
	})
	checkNoOrders(t, nil, []string{"rehearse a rollback of web next week", "on fait un exercice de retour arrière sur l'api demain",
		"let's rehearse a rollback of web staging 😂", "let's rehearse a rollback of web staging, bob said",
		"practice a rollback of web staging sometime", "dry run a rollback of api staging once alice is back"})
	for _, h := range [][]string{lock, freeze} {
		checkNoOrders(t, h, []string{"remove it, in 10 minutes", "lift it, don't", "lift it, maybe", "unlock it, if the tests pass", "lift it, once bob says ok",
			"lift it, but only after the demo", "remove it, next week", "lift it, bob will do it", "unlock it, alice", "lift it, scratch that",
			"lift it?", "remove it?", "lève-le ?", "lift it?? 😂", "should I remove it?", "who can lift it?", "@bob lift it", "@carol can you lift it", "lift it — @bob", "remove it, says alice",
			"lift it, when it's done"})
	}
	checkReadings(t, []reading{{"lift the freeze, keep the lock", append(freeze, lock...), "command unfreeze"}})
}

// TestSession35JokeAnswers holds short answers to the bot's question of a
// slot said in jest ("2.5.1 lol", "prod, jk", "la 2.5.1 mdr"): no answer,
// the bot asks again (both binaries planned the deploy; left alone in
// session 34's note). A laugh that goes with the answer's reason keeps the
// answer (holdout27).
func TestSession35JokeAnswers(t *testing.T) {
	version := []string{"push web to prod", "Which version of web for production? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."}
	env := []string{"deploy web 2.5.1", "Which environment for the deploy of web 2.5.1? staging or production."}
	checkNoOrders(t, version, []string{"2.5.1 lol", "2.5.1 jk", "la 2.5.1 mdr"})
	checkNoOrders(t, env, []string{"prod, jk", "prod lol", "en prod mdr"})
	checkReadings(t, []reading{
		{"2.5.1", version, "action deploy app=web env=production version=2.5.1"},
		{"staging, the client broke it during UAT lol", []string{"roll back the api", "Which environment: staging or production?"}, "action rollback app=api env=staging"},
	})
}
