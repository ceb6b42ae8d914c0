package router_test

import "testing"

// Bot turns the session's tests answer.
var (
	planWeb       = []string{"deploy web 4.0.0 to staging", "Deploy web 4.0.0 → staging (#1)\nRules:\n✅ no rule applies to this environment\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n(answer \"yes\" or \"no\")"}
	planWebFr     = []string{"déploie le site 7.1.0 en recette", "Déploiement web 7.1.0 → staging (#1)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n(répondez « oui » ou « non »)"}
	newsOrOrderFr = []string{"web 1.0.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 1.0.0 to production »."}
	newsOrOrderEn = []string{"web 1.0.0 to prod this morning", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy web 1.0.0 to production\"."}
	twoWaiting    = []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0 → uat), #1 (api 2.4.1 → uat). Which one?"}
	twoWaitingFr  = []string{"approuve", "❌ plusieurs déploiements attendent votre approbation : #2 (api 2.5.0 → uat), #1 (api 2.4.1 → uat). Lequel ?"}
	webLocked     = []string{"lock web production: incident", "🔒 web/production locked by alice: incident"}
	unlockReason  = []string{"déverrouille le site en prod", "Donnez une raison pour déverrouiller web production : « unlock web production : corrigé », ou répondez par la raison."}
	envAskedFr    = []string{"déploie le front", "Sur quel environnement pour le déploiement de web ? staging ou production."}
	doraCard      = []string{"dora", "DORA figures — the agency, last 30 days\nNo production deployment in this period nor the one before: nothing to measure.\n  Deployment frequency:  0 deployment(s), 0.0/week → steady\n  Lead time for changes: no sample"}
)

// TestSession30Yes holds yeses to a plan in other words (holdout55, once
// read): "carrément", "allez zou" were not understood, and "yes go
// ahead, the client is waiting" listed the pending deployments (its
// "waiting"). Urgency said beside a yes keeps it a yes; anything else
// beside it does not. "grave" (slang for "totally") stays no yes: the
// attack had "d'accord, c'est grave" confirm.
func TestSession30Yes(t *testing.T) {
	checkReadings(t, []reading{
		{"carrément", planWebFr, "command confirm id=1"},
		{"allez zou", planWebFr, "command confirm id=1"},
		{"zou", planWebFr, "command confirm id=1"},
		{"yes go ahead, the client is waiting", planWeb, "command confirm id=1"},
		{"oui vas-y, le client attend", planWebFr, "command confirm id=1"},
		{"yes please, we're late", planWeb, "command confirm id=1"},
		// Not yeses.
		{"grave", planWebFr, "unknown"},
		{"grave, go", planWebFr, "unknown"},
		{"d'accord, c'est grave", planWebFr, "unknown"},
		{"c'est grave ?", planWebFr, "unknown"},
		{"carrément pas", planWebFr, "unknown"},
		{"yes, but the client is waiting for the other one", planWeb, "question orchestrator"},
		{"is the client waiting?", planWeb, "question orchestrator"},
	})
}

// TestSession30OrderSaidFirst holds answers to "News or an order?" that
// say "an order" and then what to do (holdout55, once read): the order
// offered, or sent where the answer says; a negation or a doubt after it
// orders nothing.
func TestSession30OrderSaidFirst(t *testing.T) {
	checkReadings(t, []reading{
		{"c'est un ordre, vas-y déploie", newsOrOrderFr, "action deploy app=web env=production version=1.0.0"},
		{"non c'est un ordre : mets-la en recette", newsOrOrderFr, "action deploy app=web env=staging version=1.0.0"},
		{"it's an order, deploy it", newsOrOrderEn, "action deploy app=web env=production version=1.0.0"},
		{"no, it's an order: ship it to staging", newsOrOrderEn, "action deploy app=web env=staging version=1.0.0"},
		{"c'est un ordre", newsOrOrderFr, "action deploy app=web env=production version=1.0.0"},
		// Not the order offered.
		{"pas un ordre, vas-y déploie", newsOrOrderFr, "question production"},
		{"c'est un ordre, mais attends demain", newsOrOrderFr, "unknown"},
		{"c'est un ordre, ne déploie pas", newsOrOrderFr, "question production"},
		// The attack's: a tail that is no deploy of the offer, someone
		// addressed, a question, a joke, a moment.
		{"c'est un ordre, en prod", newsOrOrderFr, "question production"},
		{"it's an order, in prod", newsOrOrderEn, "question orchestrator"},
		{"c'est un ordre, le backend en prod", newsOrOrderFr, "question production"},
		{"@bob c'est un ordre, vas-y déploie", newsOrOrderFr, "question orchestrator"},
		{"c'est un ordre, @bob déploie-la", newsOrOrderFr, "question orchestrator"},
		{"c'est un ordre, déploie-la, mais demain", newsOrOrderFr, "question production"},
		{"c'est un ordre, deploy it?", newsOrOrderFr, "question orchestrator"},
		{"it's an order, deploy it 😂", newsOrOrderEn, "question orchestrator"},
		{"it's an order? deploy it", newsOrOrderEn, "question orchestrator"},
		{"it's an order, but from bob", newsOrOrderEn, "unknown"},
		{"c'est un ordre, vas-y déploie", nil, "question orchestrator"},
	})
}

// TestSession30NeverKnow holds requests that end with "on sait jamais"
// (holdout55, once read): its "jamais" negated the answer, which was not
// understood.
func TestSession30NeverKnow(t *testing.T) {
	checkReadings(t, []reading{
		{"euh en staging d'abord, on sait jamais", envAskedFr, "action deploy app=web env=staging"},
		{"staging, on sait jamais", envAskedFr, "action deploy app=web env=staging"},
		{"prod, on ne sait jamais", envAskedFr, "action deploy app=web env=production"},
		{"déploie l'api 2.0 en recette, on sait jamais", nil, "action deploy app=api env=staging version=2.0"},
		// The saying alone orders nothing; a negation before it keeps its
		// sense (not production: staging).
		{"on sait jamais", envAskedFr, "unknown"},
		{"pas en prod, on sait jamais", envAskedFr, "action deploy app=web env=staging"},
	})
}

// TestSession30SameForAnother holds a lock said again for another
// project (holdout55, once read): "and api too, same reason" after web's
// lock was read as a question; the lock's reason goes with it. A doubt
// or a question locks nothing. A whole order for another project after
// one that ran ("and api 2.5.1 to staging too") is that order (it was not
// understood, as "… also").
func TestSession30SameForAnother(t *testing.T) {
	done := []string{"deploy web 3.2.2 to staging", "Deploy web 3.2.2 → staging (#142)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes", "Go: deploy web 3.2.2 → staging (#142) started."}
	checkReadings(t, []reading{
		{"and api too, same reason", webLocked, "command lock app=api env=production reason=incident"},
		{"api too", webLocked, "command lock app=api env=production reason=incident"},
		{"l'api aussi, même raison", []string{"verrouille le site en prod : incident", "🔒 web/production verrouillé par alice : incident"}, "command lock app=api env=production reason=incident"},
		{"api too, but not now", webLocked, "question rollback"},
		{"api too?", webLocked, "question orchestrator"},
		{"and api 2.5.1 to staging too", done, "action deploy app=api env=staging version=2.5.1"},
		{"and api 2.5.1 to staging also", done, "action deploy app=api env=staging version=2.5.1"},
		// Another project's answer to web's question stays two orders.
		{"prod, l'api aussi", envAskedFr, "unknown"},
	})
}

// TestSession30Reasons holds reasons said as an end (holdout55, once
// read): "fin de la campagne marketing" after the bot asked why to unlock
// unlocked with no reason (the bot asked again).
func TestSession30Reasons(t *testing.T) {
	checkReadings(t, []reading{
		{"fin de la campagne marketing", unlockReason, "command unlock app=web env=production reason=fin de la campagne marketing"},
		{"fin de l'incident", unlockReason, "command unlock app=web env=production reason=fin de l'incident"},
		{"end of the incident", []string{"unlock web prod", "Give a reason to unlock web production: \"unlock web production: fixed\", or answer with the reason."},
			"command unlock app=web env=production reason=end of the incident"},
		{"fin de l'incident ? pas sûr", unlockReason, "command unlock app=web env=production"},
		{"fin de semaine peut-être", unlockReason, "command unlock app=web env=production"},
	})
}

// TestSession30PickTakenBack holds picks after "Which one?" that a
// later clause takes back: "le 2, annule" approved #2 (older; the second
// attack found it through "juste le 2, annule", "only 2, reject it").
// "just 2" stays no pick (the bot asks again): read as one, any tail
// after it approved.
func TestSession30PickTakenBack(t *testing.T) {
	checkReadings(t, []reading{
		{"le 2", twoWaitingFr, "command approve id=2"},
		{"2, tests are green", twoWaiting, "command approve id=2"},
		{"le 2, annule", twoWaitingFr, "unknown"},
		{"le 2, refuse", twoWaitingFr, "unknown"},
		{"2, reject it", twoWaiting, "unknown"},
		{"2, nvm", twoWaiting, "unknown"},
		{"juste le 2", twoWaitingFr, "unknown"},
		{"just 2, deny", twoWaiting, "unknown"},
	})
}

// TestSession30Talk holds talk the bot read as a command or a topic
// (holdout55, once read): a word of the DORA figures explained was the figures again; greetings,
// thanks and office chatter were not understood or answered with a card.
func TestSession30Talk(t *testing.T) {
	checkReadings(t, []reading{
		{"the security audit is next week, freeze prod?", nil, "question orchestrator"},
		{"montre l'audit de la semaine", nil, "command audit since=week"},
		{"c'est quoi le lead time exactement dans ces chiffres ?", doraCard, "question orchestrator"},
		{"what does change failure rate mean in these figures?", doraCard, "question orchestrator"},
		{"what's our lead time?", nil, "command dora"},
		{"and last month?", doraCard, "command dora period=month"},
		{"Bonjour à tous, belle journée", nil, "smalltalk"},
		{"merci bg", nil, "smalltalk"},
		{"hehe merci, bonne journée", nil, "smalltalk"},
		{"ok thanks, I'll ask alice then", nil, "smalltalk"},
		{"merci, je vais voir avec bob", nil, "smalltalk"},
		{"thanks, I'll ask bob to deploy", nil, "question orchestrator"},
		{"thanks, deploy api", nil, "action deploy app=api"},
		{"blablabla test test", nil, "unknown"},
		{"does anyone have the figma link for the new homepage?", nil, "unknown"},
		{"wifi is down, rollback web prod", nil, "action rollback app=web env=production"},
	})
}

// TestSession30Corrections holds corrections of a plan (holdout55, once
// read): "oops I meant the backend, same version same env" dropped the
// version (another project's numbering is kept only when said so). A
// question after a refusal orders nothing.
func TestSession30Corrections(t *testing.T) {
	plan := []string{"deploy web 1.1.0 to production", "Deploy web 1.1.0 → production (#2)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n(answer \"yes\" or \"no\")"}
	refused := []string{"déploie le back 2.4.1 en prod", "Déploiement api 2.4.1 → production (#1)\nRègles :\n❌ carol n'a pas le droit de déployer api en production (qui peut : alice)\n❌ la version 2.4.1 n'est pas passée en staging avec succès — staging d'abord oui : projet api, fichier ligne 146\n\nRefusé : rien n'a été lancé."}
	checkReadings(t, []reading{
		{"oops I meant the backend, same version same env", plan, "action deploy app=api env=production version=1.1.0 replaces=2"},
		{"no the api, same version", plan, "action deploy app=api env=production version=1.1.0 replaces=2"},
		{"no the api", plan, "action deploy app=api env=production replaces=2"},
		{"no the api, not the same version", plan, "command cancel decline=yes id=2"},
		{"en staging alors", refused, "action deploy app=api env=staging version=2.4.1"},
		// "ben" and "bah" open no answer after talk ("bah api prod"
		// planned a rollback; the second attack); after a refusal for
		// staging first they are consent, as in "en staging alors"
		// (holdout57's label; session 31's review).
		{"bon ben en staging alors", refused, "action deploy app=api env=staging version=2.4.1"},
		{"bah api prod", refused, "question production"},
		{"ben prod alors", refused, "unknown"},
		{"bon ben en staging alors ?", refused, "unknown"},
		{"bon ben pas en staging alors", refused, "unknown"},
		{"staging then?", refused, "question staging"},
	})
}

// TestSession30Glossary holds questions on words of the domain the bot
// did not know (holdout55, once read): "four eyes" (its "four" is an
// oven in French, off the domain), expand/contract migrations.
func TestSession30Glossary(t *testing.T) {
	checkReadings(t, []reading{
		{`c quoi le "four eyes" dont parle le bot ?`, nil, "question orchestrator"},
		{"what does four-eyes mean?", nil, "question orchestrator"},
		{"let's define the approval policy for all our projects — four eyes everywhere?", nil, "question direction-technique"},
		{"what is expand/contract and do I really need it just to add a nullable column?", nil, "question production"},
		{"c'est quoi expand/contract ?", nil, "question production"},
		{"le four est chaud", nil, "unknown"},
	})
}

// TestSession30HowToCard holds answers after the bot's card on deploying
// through it (holdout55, once read): its steps quote a plan's answer
// ("answer "yes""), and the card was read as a plan asking for one, so
// "ok thanks!" was a yes and a no at once (not understood).
func TestSession30HowToCard(t *testing.T) {
	card := []string{"can I deploy now?", "Deploying here, step by step\nNow (Wednesday 18 February 11:00 CET): ✅ recommended window: the team is around to react. Go ahead.\n\nA deploy always goes through staging, then production, through me:\n1. deploy <project> <version> to staging: I show the plan and the rules, answer \"yes\"\n2. Validate on staging"}
	cardFr := []string{"comment on déploie ici ?", "Déployer ici, pas à pas\n*Un déploiement passe toujours par le staging, puis la prod, par moi :*\n1. `déploie <projet> <version> en staging` : je montre le plan et les règles, répondez « oui »"}
	checkReadings(t, []reading{
		{"ok thanks!", card, "smalltalk"},
		{"ok thanks", card, "smalltalk"},
		{"ok merci", cardFr, "smalltalk"},
		{"yes", card, "command confirm"},
	})
}

// TestSession30Attack holds the attack on the session's first revision:
// an unlock on an end that is a moment, a refusal or to come; a lock on
// a doubted "too"; a rollback planned from "<project> prod too" after
// talk or a question of which deployment; a deploy planned again after
// it started ("go, the client is waiting"); a new order for another
// project that was a report or for someone else; a pick taken back by a
// joke or a wait.
func TestSession30Attack(t *testing.T) {
	unlockEn := []string{"unlock web production", "Give a reason to unlock web production: \"unlock web production: fixed\", or answer with the reason."}
	lunch := []string{"on mange où ce midi ?", "chez Paul ?"}
	ranProd := []string{"deploy web 3.2.2 to production", "Deploy web 3.2.2 → production (#143)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes", "Go: deploy web 3.2.2 → production (#143) started."}
	ran := []string{"deploy web 3.2.2 to staging", "Deploy web 3.2.2 → staging (#142)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes", "Go: deploy web 3.2.2 → staging (#142) started."}
	cancelWhich := []string{"annule", "❌ plusieurs déploiements attendent votre confirmation : #2 (api 2.5.0 → uat), #1 (api 2.4.1 → uat). Lequel ?"}
	checkNoOrders(t, twoWaiting, []string{"api in staging too"})
	checkNoOrders(t, ran, []string{"@bob and api 2.5.1 to staging too", "l'api 2.5.1 est en recette également", "and api 2.5.1 to staging too @bob"})
	checkReadings(t, []reading{
		{"fin de semaine", unlockReason, "command unlock app=web env=production"},
		{"fin de journée", unlockReason, "command unlock app=web env=production"},
		{"end of the day", unlockEn, "command unlock app=web env=production"},
		{"end of discussion, it stays locked", unlockEn, "command unlock app=web env=production"},
		{"fin de l'incident demain", unlockReason, "command unlock app=web env=production"},
		{"fin de l'incident pour api", unlockReason, "command unlock app=web env=production"},
		{"fin de mon café", unlockReason, "command unlock app=web env=production"},
		{"fin de l'incident @bob", unlockReason, "command unlock app=web env=production"},
		{"api too, probably", webLocked, "question orchestrator"},
		{"api également, je pense", webLocked, "question orchestrator"},
		{"api prod too", lunch, "question production"},
		{"api prod", lunch, "command status app=api env=production"},
		{"api prod", []string{"c'est quoi un canary ?"}, "command status app=api env=production"},
		{"api prod", []string{"le site est cassé en prod"}, "action rollback app=api env=production"},
		{"go, the client is waiting", ranProd, "command confirm"},
		{"yes go ahead, the client is waiting", nil, "command confirm"},
		{"en prod, on sait jamais", nil, "question production"},
		{"in prod, you never know", nil, "question production"},
		{"juste le 2, je rigole", cancelWhich, "unknown"},
		{"juste le 2, attends", cancelWhich, "unknown"},
	})
}

// TestSession30AttackB holds the second attack: lock and unlock said
// again for another project with a take-back, a doubt or a shrug after
// it; an unlock reason with a joke or a quote (no reason: the bot asks
// again); a pick with a tail that cancels or shrugs; a saying after an
// answer that asks or reports; an order after "c'est un ordre" put off
// or doubted; "ben", "bah" before a name after talk. None orders.
func TestSession30AttackB(t *testing.T) {
	unlocked := []string{"unlock web production: fixed", "🔓 web/production unlocked by alice: fixed"}
	envAsked := []string{"déploie le front", "Sur quel environnement pour le déploiement de web ? staging ou production."}
	checkReadings(t, []reading{
		{"api too", unlocked, "command unlock app=api env=production reason=fixed"},
		{"fin de l'incident 😂", unlockReason, "command unlock app=web env=production"},
		{"> fin de l'incident", unlockReason, "command unlock app=web env=production"},
		{"fin de l'incident...", unlockReason, "command unlock app=web env=production"},
	})
	checkNoOrders(t, unlocked, []string{"api too, actually no", "api too, i meant web", "api également, oups non", "api too, my bad", "api également, euh"})
	checkNoOrders(t, webLocked, []string{"api aussi, oups non", "api également, faut voir", "api too, meh", "api too, your call", "bah l'api",
		"api également, à la rigueur", "api too, who knows", "api too ‽"})
	checkNoOrders(t, twoWaitingFr, []string{"juste le 2, stop", "le 2, peu importe"})
	checkNoOrders(t, twoWaiting, []string{"only 2, whatever", "just 2, rollback", "only 2, up to you"})
	checkNoOrders(t, envAsked, []string{"prod ?, on sait jamais", "prod 🤷, on sait jamais", "prod @alice, on sait jamais", "prod selon bob, on sait jamais",
		"rollback ?, on sait jamais"})
	checkNoOrders(t, newsOrOrderEn, []string{"it's an order, deploy it, probably", "it's an order, deploy it someday"})
	checkNoOrders(t, newsOrOrderFr, []string{"c'est un ordre, deploy it eventually", "c'est un ordre, déploie-la bientôt"})
	checkNoOrders(t, nil, []string{"lock api prod after", "lock api prod afterwards"})
	checkNoOrders(t, []string{"c'est quoi un canary ?"}, []string{"bah api prod", "ben web prod", "api prod too"})
	// The last revision's own: urgency with a question or another order
	// after it, a saying after what is no bare environment, a put-off
	// order, a hesitant "carrément".
	checkNoOrders(t, planWeb, []string{"go, the client is waiting?", "go, the client is waiting, but not in prod", "go, the client is waiting, rollback api"})
	checkNoOrders(t, envAsked, []string{"tu crois en prod, on sait jamais", "prod à voir, on sait jamais", "prod I guess, on sait jamais",
		"approve 2, on sait jamais", "confirm 1, on sait jamais", "rollback, on sait jamais"})
	checkNoOrders(t, newsOrOrderEn, []string{"it's an order, deploy it at some point"})
	checkNoOrders(t, planWebFr, []string{"carrément...", "carrément…", "ah, carrément ?"})
}
