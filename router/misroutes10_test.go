package router_test

import "testing"

// TestSession10Readings holds, in other words than the evaluation sets',
// the readings session 10 fixed.
func TestSession10Readings(t *testing.T) {
	webProd := []string{"the shop is half broken in prod, the payment page hangs", "web production: v3.1.0 since 09:12 by alice, no deployment running."}
	apiLocked := []string{"rollback the backend in prod", "↩️ Rollback api → production (#40) to 2.2.0: done ✅. api production stays locked until someone unlocks it with a reason."}
	frenchFreezes := []string{"y a des gels ?", "Gels en cours : tout (bob, « bascule DNS »), depuis le 02/02 07:00."}
	checkReadings(t, []reading{
		// A lock or a freeze said on a pronoun, or the verb alone, acts on
		// what the conversation just named.
		{"lock that", webProd, "command lock app=web env=production"},
		{"verrouille-la, raison : paiement cassé", webProd, "command lock app=web env=production reason=paiement cassé"},
		{"freeze it till tomorrow", webProd, "command freeze app=web env=production"},
		{"bon, unlock it: patched and checked", apiLocked, "command unlock app=api env=production reason=patched and checked"},
		{"déverrouille, tout est rentré dans l'ordre", apiLocked, "command unlock app=api env=production reason=tout est rentré dans l'ordre"},
		{"lève-la", frenchFreezes, "command unfreeze"},
		// Without a pointer, a freeze covers what it says; alone, a lock
		// asks.
		{"lock it", nil, "command lock"},
		{"freeze all: DNS switch", webProd, "command freeze all=yes reason=DNS switch"},
		// Sequel words are no project.
		{"verrouille alors", nil, "command lock"},
		// A list asked in sequel; what waits; what else the bot does.
		{"and the freezes?", nil, "command list what=freezes"},
		{"et les projets ?", nil, "command list what=projects"},
		{"so which ones are still waiting?", nil, "command pending"},
		{"tu sais faire quoi d'autre ?", nil, "command help"},
		{"which environments do you know about?", nil, "command list what=environments"},
		{"y a-t-il un gel prévu en août ?", nil, "command list what=freezes"},
		// Who did what: the audit; the state of everything.
		{"who approved what this month", nil, "command audit since=month"},
		{"qui a validé quoi aujourd'hui ?", nil, "command audit since=today"},
		{"audit trail of the week please, the client wants to know who deployed what", nil, "command audit since=week"},
		{"what's the state of all the projects?", nil, "command status"},
		{"quel est l'état des environnements ?", nil, "command status"},
		// The bot's answer to a read, told from a person's line: the
		// answer after it narrows the read.
		{"just this month", []string{"audit", "Today: 3 entries: deploy web 3.1.0 (alice), lock api production (bob)."}, "command audit since=month"},
		{"seulement la recette", []string{"historique du site", "web : 6 déploiements depuis le 1er décembre."}, "command history app=web env=staging"},
		// A guide asked about staging is no promotion.
		{"validation checklist for a build on staging before prod?", nil, "question orchestrator"},
		// A lock told in the past, a wish that was not given: no order.
		{"Marie a lock le site en prod ce matin", nil, "question orchestrator"},
		{"alice locked web production yesterday", nil, "question orchestrator"},
		{"Paul aurait voulu passer l'api en prod vendredi", nil, "question production"},
		// Small talk of the evening and of the on-call.
		{"bonne soirée à tous, je me déconnecte", nil, "smalltalk"},
		{"bon courage à celles qui sont d'astreinte", nil, "smalltalk"},
		{"merci bcp", nil, "smalltalk"},
		// A quoted reason holds no order; the command's own period.
		{"outcome 21 failed \"rollback done by hand at 3am\"", nil, "command outcome id=21 outcome=failed reason=rollback done by hand at 3am"},
		{"audit since month", nil, "command audit since=month"},
		// A plan corrected by taking its own value back.
		{"la recette en fait, pas la prod", planFr, "action deploy app=web env=staging version=3.2.0 replaces=41"},
		// A yes to the bot's offer of an action is that action (a plan).
		{"yes", []string{"the front is slow in prod since the release", "Do you want me to roll back web in production?"}, "action rollback app=web env=production"},
		{"oui vas-y", []string{"on peut promouvoir l'api ?", "Tu veux que je promeuve api de staging vers la production ?"}, "action deploy app=api env=production from=staging"},
		{"yes", []string{"Rollback web → production?"}, "action rollback app=web env=production"},
		{"yes", []string{"Do you know how a canary works?"}, "unknown"},
		// The bot's question back about a command, told from a person's
		// line by where it stands: the answer completes the command.
		{"today", []string{"audit api", "From when? today, this week, this month?"}, "command audit app=api since=today"},
		{"set web approval", nil, "command context app=web key=approval scope=project what=set"},
		// An interview's question that tells how to pause is still its
		// question.
		{"passer", []string{"configure le projet web", "Question 4/12 : qui approuve ? (« passer » pour sauter, « stop » pour mettre en pause)"}, "command interview app=web scope=project"},
		{"web, in production", []string{"deploy", "What should I deploy? api or web, and where?"}, "action deploy app=web env=production"},
		{"staging, raison : tests de charge", []string{"lock api", "Quel environnement, et pourquoi ?"}, "command lock app=api env=staging reason=tests de charge"},
		{"blue-green", []string{"change api strategy", "Which one? recreate, rolling, blue-green or canary?"}, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"tout, panne chez l'hébergeur", []string{"gèle", "Geler quoi (un projet, un environnement, ou tout) ?"}, "command freeze all=yes reason=panne chez l'hébergeur"},
	})
}
