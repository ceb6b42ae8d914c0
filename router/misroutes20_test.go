package router_test

import "testing"

// TestSession20 holds what session 19's attacks left: an answer to "Which
// environment?" that names a moment or tells what someone else did orders
// nothing now; "ok do it tomorrow" after a question and its answer is no
// order; a lock's reason that tells of a rollback under way is the reason;
// and an order after a report takes its own clause's project.
func TestSession20(t *testing.T) {
	envAsked := []string{"deploy api 2.14.1", "Which environment for the deploy of api 2.14.1? staging or production."}
	envAskedFr := []string{"déploie l'api 2.14.1", "Quel environnement pour le déploiement de api 2.14.1 ? staging ou production."}
	steps := []string{"should we roll back the api?", "Rollback procedure for *api*\n1. Switch the load balancer back to the previous (blue) pool.\n2. Check /healthz, then tell #api."}
	lockAsked := []string{"lock web prod", `Give a reason to lock web production: "lock web production: incident in progress", or answer with the reason.`}
	lockAskedFr := []string{"verrouille le site en prod", "Donnez une raison pour verrouiller web production : « lock web production : incident en cours », ou répondez par la raison."}
	checkReadings(t, []reading{
		// An environment's answer with a moment: the bot asks again.
		{"prod, demain matin", envAskedFr, "unknown"},
		{"prod next week", envAsked, "unknown"},
		{"prod dans 2h", envAskedFr, "unknown"},
		{"prod à 18h", envAskedFr, "unknown"},
		{"prod this afternoon", envAsked, "unknown"},
		{"prod, lundi 9h", envAskedFr, "unknown"},
		{"prod, la semaine prochaine", envAskedFr, "unknown"},
		{"prod now", envAsked, "action deploy app=api env=production version=2.14.1"},
		{"prod today", envAsked, "action deploy app=api env=production version=2.14.1"},
		{"production", envAsked, "action deploy app=api env=production version=2.14.1"},
		// A reason's moment is no deferral.
		{"production, carol is approving from montreal in 10 min", envAsked, "action deploy app=api env=production version=2.14.1"},
		{"en recette, Nadia doit la tester cet aprèm", envAskedFr, "action deploy app=api env=staging version=2.14.1"},
		{"staging, it's for the client demo tomorrow", envAsked, "action deploy app=api env=staging version=2.14.1"},
		// What someone else did or does.
		{"paul put it in staging", envAsked, "unknown"},
		{"Paul put it in staging", envAsked, "unknown"},
		{"carol put it on staging yesterday", envAsked, "unknown"},
		{"put it in staging", envAsked, "action deploy app=api env=staging version=2.14.1"},
		{"julie, staging please", envAsked, "action deploy app=api env=staging version=2.14.1"},
		{"paul: staging", envAsked, "action deploy app=api env=staging version=2.14.1"},
		// "do it" for later, by someone else, or by the writer.
		{"ok do it tomorrow, api prod", steps, "question orchestrator"},
		{"ok julie do it, api prod", steps, "question orchestrator"},
		{"ok do it after lunch, api prod", steps, "question orchestrator"},
		{"ok do it on prod when ready", steps, "question production"},
		{"vas-y fais-le en prod demain", steps, "question production"},
		{"ok do it, api prod", steps, "action rollback app=api env=production"},
		{"ok do it on prod", steps, "action rollback app=api env=production"},
		// A rollback under way is a lock's reason.
		{"rollback en cours sur le site", lockAskedFr, "command lock app=web env=production reason=rollback en cours sur le site"},
		{"rollback in progress on the site", lockAsked, "command lock app=web env=production reason=rollback in progress on the site"},
		{"rollback web prod", lockAsked, "action rollback app=web env=production"},
		// A report, then an order with its own project.
		{"the site is down, rollback api prod", nil, "action rollback app=api env=production"},
		{"web is down, rollback api prod", nil, "action rollback app=api env=production"},
		{"the site is down. rollback api prod", nil, "action rollback app=api env=production"},
		{"le site plante, donc rollback l'api en prod", nil, "action rollback app=api env=production"},
		{"julie tested the site, deploy api v2.1.0 to prod", nil, "action deploy app=api env=production version=v2.1.0"},
		{"the audit of the site found an XSS, rollback api prod", nil, "action rollback app=api env=production"},
		{"l'audit du site a trouvé une faille, rollback web prod", nil, "action rollback app=web env=production"},
		{"web is down, rollback prod", nil, "action rollback app=web env=production"},
		{"rollback api prod, the site is down", nil, "action rollback app=api env=production"},
		{"audit web", nil, "command audit app=web"},
		// How a deploy went, or one that nearly happened: no order.
		{"yesterday's deploy of web to production went fine btw", nil, "question production"},
		{"web deploy to prod went well", nil, "question production"},
		{"Léa a failli déployer le back en prod par erreur 😅", nil, "question production"},
		{"le déploiement du site s'est bien passé, merci", nil, "question production"},
		{"rollback worked, thanks", nil, "question rollback"},
		{"deploy went fine", nil, "question production"},
		{"rollback web prod, the last deploy went wrong", nil, "action rollback app=web env=production"},
		{"deploy api to prod since staging went fine", nil, "action deploy app=api env=production from=staging"},
		{"le déploiement 42 a bien marché en fait, marque-le réussi", nil, "command outcome id=42 outcome=succeeded"},
	})
}

// TestNumberedSuggestions: the bot's "not sure" reply may number its
// suggestions ("Closest:\n1. `rollback web on production`\n2. how do I
// roll back?\n3. `help`"); "1", "la 1", "3 pls" pick one.
func TestNumberedSuggestions(t *testing.T) {
	en := []string{"rolbak webb prdo", "I'm not sure what you mean. Closest:\n1. `rollback web on production`\n2. how do I roll back?\n3. `help`"}
	fr := []string{"deplyo le sitte en stagign", "Je ne suis pas sûr de comprendre. Au plus proche :\n1. `déploie web en staging`\n2. `aide`\n3. je peux déployer maintenant ?"}
	list := []string{"lsit", "I'm not sure what you mean. Closest:\n1) `list projects`\n2) `list locks`\n3) `list freezes`"}
	checkReadings(t, []reading{
		{"1", en, "action rollback app=web env=production"},
		{"2", en, "question rollback"},
		{"3", en, "command help"},
		{"1", fr, "action deploy app=web env=staging"},
		{"la 1", fr, "action deploy app=web env=staging"},
		{"2", list, "command list what=locks"},
		{"3 pls", list, "command list what=freezes"},
		{"4", en, "unknown"},
	})
}

// TestHoldout43Session20 holds holdout43's misses fixed as general
// rules: corrections of a plan by a short name ("non, le back"), with a
// hurried reason ("non, en prod directement, c'est un hotfix"), or "the
// other project: web"; a rollback's word at the end of an incident told
// ("la home est toute blanche 😱 rollback !!", "le site est cassé
// rollback"), "rb" after a deployment's card; thanks that wait; a command
// that ends with "alors".
func TestHoldout43Session20(t *testing.T) {
	planFr := []string{"déploie le front v3.0.1 en staging", "Déployer web v3.0.1 → staging (#53)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planEn := []string{"deploy web 2.4.2 to staging", "Deploy web 2.4.2 → staging (#55)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rb := []string{"rollback api prod", "Rollback api v3.0.0 → v2.9.3 on production (#57)\n*Rules*: ...\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	started := []string{"deploy web v2.4.1 to prod", "Go: deploy web v2.4.1 → production (#51) started, approved by bob."}
	done := []string{"MEP du site v2.4.1", "🚀 Deployment web v2.4.1 (#51) ... Status: Done ✅"}
	waits := []string{"deploy web v2.4.3 to production", "Confirmed: deploy web v2.4.3 → production (#65) waits for an approval. An approver answers \"approve 65\" (or \"deny 65\")."}
	checkReadings(t, []reading{
		{"non, le back", planFr, "action deploy app=api env=staging replaces=53"},
		{"ah non, le back, pas le front", planFr, "action deploy app=api env=staging replaces=53"},
		{"non, c'est le site qu'il faut rollback", planFr, "command cancel decline=yes id=53"},
		{"non, en prod directement, c'est un hotfix", planFr, "action deploy app=web env=production version=v3.0.1 replaces=53"},
		{"no, to prod, because it's a hotfix", planEn, "action deploy app=web env=production version=2.4.2 replaces=55"},
		{"non, en prod, c'est bloqué", planFr, "command status env=production"},
		{"no, prod, it's broken there", planEn, "command cancel decline=yes id=55"},
		{"no sorry, the other project: web", rb, "action rollback app=web env=production replaces=57"},
		{"non, l'autre projet : le site", rb, "action rollback app=web env=production replaces=57"},
		{"la home est toute blanche 😱 rollback !!", done, "action rollback app=web env=production"},
		{"le site est cassé rollback", nil, "action rollback app=web"},
		{"the site is broken rollback!!", nil, "action rollback app=web"},
		{"le site est cassé depuis le rollback", nil, "question rollback"},
		{"le site marche bien rollback", nil, "question rollback"},
		{"the site is down no rollback", nil, "question rollback"},
		{"rb stp", started, "action rollback app=web env=production"},
		{"rb now", started, "action rollback app=web env=production"},
		{"site en carafe 😱 rb stp", started, "action rollback app=web env=production"},
		{"l'api est en rade en prod, rollback stp", nil, "action rollback app=api env=production"},
		{"ok thanks, I'll wait", waits, "smalltalk"},
		{"oh ok, thanks", nil, "smalltalk"},
		{"merci, je patiente", nil, "smalltalk"},
		{"configure le projet web alors", nil, "command interview app=web scope=project"},
	})
}

// TestAttack20a holds the first attack on session 20's rules (2,031
// probes): an outage blamed on a rollback is no rollback ("the site is
// down since the api rollback" rolled back web, new this session); "rb
// ok" after a card is no order; moments in slang and orders for later or
// for someone else after the bot's question; a reason under way; the
// order's own project after a face or a polite ask; reports of a deploy
// done or running; and readings older than the session (a French
// "annule-le" on a plan rolled back, "ok thanks, api prod" after a
// rollback procedure deployed, "yes, prod" confirmed a staging plan, "the
// prod freeze ended" froze, "don't lock it" locked, "j'attends pour
// déployer" deployed).
func TestAttack20a(t *testing.T) {
	hen := []string{"deploy api 2.14.1", "Which environment for the deploy of api 2.14.1? staging or production."}
	hfr := []string{"déploie l'api 2.14.1", "Quel environnement pour le déploiement de api 2.14.1 ? staging ou production."}
	rb := []string{"how do I roll back the api?", "Rollback procedure for *api*\n1. Switch the load balancer back to the previous (blue) pool.\n2. Check /healthz, then tell #api."}
	lk := []string{"lock web production", `Give a reason to lock web production: "lock web production: incident in progress", or answer with the reason.`}
	cs := []string{"deploy web 2.4.2 to staging", "Deploy web 2.4.2 → staging (#55)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	cp := []string{"deploy web 2.4.2 to production", "Deploy web 2.4.2 → production (#55)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	cf := []string{"déploie le site 2.4.2 en prod", "Déployer web 2.4.2 → production (#55)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	goCard := []string{"deploy web 2.4.1 to prod", "Go: deploy web v2.4.1 → production (#51) started, approved by bob."}
	checkReadings(t, []reading{
		{"the site is down since the api rollback", nil, "question rollback"},
		{"site down after api rb", nil, "question rollback"},
		{"le site est cassé suite au rollback", nil, "question rollback"},
		{"la home est blanche, le fameux rollback", nil, "question rollback"},
		{"rb ok", goCard, "command status app=web env=production"},
		{"rb by bob", goCard, "command status app=web env=production"},
		{"rb prod", goCard, "action rollback app=web env=production"},
		{"prod tmrw", hen, "unknown"},
		{"prod EOD", hen, "unknown"},
		{"prod dem1", hfr, "unknown"},
		{"prod, carol will do it tomorrow", hen, "unknown"},
		{"prod, I'll do it tomorrow", hen, "unknown"},
		{"prod, carol le fera demain", hfr, "unknown"},
		{"prod, demain matin c'est mieux", hfr, "unknown"},
		{"let paul do prod", hen, "unknown"},
		{"prod, carol approves in 10 min", hen, "action deploy app=api env=production version=2.14.1"},
		{"staging, la démo est demain", hfr, "action deploy app=api env=staging version=2.14.1"},
		{"ok do it tmrw, api prod", rb, "question production"},
		{"ok do it at 6pm, api prod", rb, "question orchestrator"},
		{"ok someone do it, api prod", rb, "question orchestrator"},
		{"ok team do it, api prod", rb, "unknown"},
		{"ok fais-le lundi, api prod", rb, "unknown"},
		{"ok on le fera demain, api prod", nil, "question production"},
		{"ok you do it, api prod", rb, "action rollback app=api env=production"},
		{"ok do it, web prod", rb, "action rollback app=web env=production"},
		{"ok thanks, api prod", rb, "command status app=api env=production"},
		{"ok noted, api prod", rb, "command status app=api env=production"},
		{"api rollback running", lk, "command lock app=web env=production reason=api rollback running"},
		{"don't lock it", lk, "command cancel decline=yes"}, // the question dropped (cmd/deploybot TestReasonQuestionTakenBack)
		{"the site is down 😱 rollback api prod", nil, "action rollback app=api env=production"},
		{"le site est tombé, rollback le back en prod", nil, "action rollback app=api env=production"},
		{"the site is down, can you rollback api prod", nil, "action rollback app=api env=production"},
		{"le site est down, merci de rollback l'api en prod", nil, "action rollback app=api env=production"},
		{"the site is broken, rollback in progress", nil, "question rollback"},
		{"rollback web prod in progress", nil, "question rollback"},
		{"déploiement du site en prod en cours", nil, "question production"},
		{"the site is broken, rollback failed", nil, "question rollback"},
		{"web deploy to prod was successful", nil, "question production"},
		{"annule le déploiement en cours", nil, "command cancel"},
		{"freeze web prod: rollback in progress", nil, "command freeze app=web env=production reason=rollback in progress"},
		{"annule-le", cf, "command cancel decline=yes id=55"},
		{"annule-le", cp, "command cancel decline=yes id=55"},
		{"merci, je patiente, annule", cp, "command cancel decline=yes id=55"},
		{"yes, prod", cs, "action deploy app=web env=production version=2.4.2"},
		{"yes", cs, "command confirm id=55"},
		{"no, in prod directly, it's a hotfix", cs, "action deploy app=web env=production version=2.4.2 replaces=55"},
		{"non, en prod directement c'est un hotfix", cs, "action deploy app=web env=production version=2.4.2 replaces=55"},
		{"no, prod is broken", cs, "command cancel decline=yes id=55"},
		{"the prod freeze ended", nil, "question orchestrator"},
		{"no prod freeze this week", nil, "question orchestrator"},
		{"freeze prod until it's done", nil, "command freeze env=production"},
		{"merci, j'attends pour déployer le site en prod", nil, "question production"},
		{"I'm waiting to deploy web to prod", nil, "question production"},
		{"ok ça marche", cf, "command confirm id=55"},
		{"sounds good", cp, "command confirm id=55"},
		{"2 pls", []string{"deploy api 3.8.0", "Which environment? 1. staging 2. production"}, "action deploy app=api env=production version=3.8.0"},
		{"any freezes still active?", nil, "command list what=freezes"},
	})
}

// TestAttack20b holds the second attack on session 20's rules (about
// 2,120 probes, 1,300 of them through the scripted chat): a rollback's
// word after a fault negated, past or doubted orders nothing; "rb ✅" is
// a verdict; "rb" alone after a card rolls it back; a command's reason
// that tells a deploy failed keeps the command; a reason's event with a
// later moment still deploys; and older readings: "plz rb api prod"
// deployed the latest version to production, a plan declined in other
// words ("merci mais annule", "zut annule", "annule le déploiement du
// site en prod") planned a rollback, and the order after a fault told
// without a comma took the fault's project.
func TestAttack20b(t *testing.T) {
	goCard := []string{"deploy web 2.4.1 to prod", "Go: deploy web v2.4.1 → production (#51) started, approved by bob."}
	cf := []string{"déploie le site 2.4.2 en prod", "Déployer web 2.4.2 → production (#55)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	hen := []string{"deploy api 2.14.1", "Which environment for the deploy of api 2.14.1? staging or production."}
	checkReadings(t, []reading{
		{"the site isn't down rollback", nil, "question rollback"},
		{"the site was down rollback", nil, "question rollback"},
		{"is the site down rollback", nil, "question rollback"},
		{"I think the site is down rollback", nil, "question rollback"},
		{"le site n'est plus HS rollback", nil, "question rollback"},
		{"the site is broken rollback!!", nil, "action rollback app=web"},
		{"rb ✅", goCard, "command status app=web env=production"},
		{"rb", goCard, "action rollback app=web env=production"},
		{"RB!", goCard, "action rollback app=web env=production"},
		{"freeze web prod: deploy failed", nil, "command freeze app=web env=production reason=deploy failed"},
		{"lock web prod: incident, rollback failed", nil, "command lock app=web env=production reason=incident, rollback failed"},
		{"prod, deadline tomorrow", hen, "action deploy app=api env=production version=2.14.1"},
		{"plz rb api prod", nil, "action rollback app=api env=production"},
		{"can you rb api prod", nil, "action rollback app=api env=production"},
		{"tu peux rb l'api en prod", nil, "action rollback app=api env=production"},
		{"the site is down, plz rb api prod", nil, "action rollback app=api env=production"},
		{"rb web was a mistake", nil, "question rollback"},
		{"merci mais annule", cf, "command cancel decline=yes id=55"},
		{"zut annule", cf, "command cancel decline=yes id=55"},
		{"annule-ça", cf, "command cancel decline=yes id=55"},
		{"annule le déploiement du site en prod", cf, "command cancel decline=yes id=55"},
		{"non annule, rollback le front en prod plutôt", cf, "action rollback app=web env=production replaces=55"},
		{"the site is down rollback api prod", nil, "action rollback app=api env=production"},
		{"the site is down -> rollback api prod", nil, "action rollback app=api env=production"},
		{"the api is down rollback web prod", nil, "action rollback app=web env=production"},
		{"le site est down, peux-tu rollback l'api en prod", nil, "action rollback app=api env=production"},
		{"web is down rollback prod", nil, "action rollback app=web env=production"},
		{"deploy web 2.4.2 to prod tmrw", nil, "question production"},
		{"tmrw, deploy web 2.4.2 to prod", nil, "question production"},
		{"dem1, déploie le site 2.4.2 en prod", nil, "question production"},
		{"eod, rollback api prod", nil, "question rollback"},
		{"rollback web prod terminé", nil, "question rollback"},
		{"rollback web prod failed", nil, "question rollback"},
		{"déploiement web 2.4.2 prod terminé", nil, "question production"},
		{"deploy web 2.4.2 to prod done", nil, "question production"},
		{"deploy web 3.2.0 to staging and tell Marc when it's done", nil, "action deploy app=web env=staging version=3.2.0"},
		{"lock web prod: deploy done", nil, "command lock app=web env=production reason=deploy done"},
		{"ok c'est noté, api prod", []string{"how do I roll back the api?", "Rollback procedure for *api*\n1. Switch the load balancer back to the previous (blue) pool."}, "command status app=api env=production"},
		{"prod, on hold", hen, "unknown"},
		{"prod en attente", hen, "unknown"},
		{"prod par carol", hen, "unknown"},
		{"prod, bob does it", hen, "unknown"},
		{"prod, carol is on it", hen, "unknown"},
		{"prod, carol is approving", hen, "action deploy app=api env=production version=2.14.1"},
		{"staging, paul is testing there", hen, "action deploy app=api env=staging version=2.14.1"},
	})
}
