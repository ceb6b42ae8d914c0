package router_test

import "testing"

// TestOrderOnAnItemOfTheList: after the bot's list (the deployments
// waiting for approval, the locks, the freezes, the reminders), an order
// that names one item by its rank, its id, its project, its requester or
// its action acts on that item; an order that names several, none, or
// doubts itself chooses nothing; a verb of another list's items chooses
// nothing.
func TestOrderOnAnItemOfTheList(t *testing.T) {
	pending := []string{"pending", "Waiting for approval\n#61: deploy api 3.4.2 → production (alice)\n#63: deploy web 5.4.0 → production (julie)"}
	pendingFr := []string{"en attente ?", "En attente d'approbation\n#61 : déployer api 3.4.2 → production (alice)\n#63 : déployer web 5.4.0 → production (julie)"}
	marked := []string{"pending", "⏳ #82 deploy api 3.5.2 → production (tom) · #83 rollback web → 5.4.2 on staging (julie)"}
	locks := []string{"list locks", "Locks\n🔒 web/production: alice — canary KO\n🔒 api/staging: bob — tests"}
	oneLock := []string{"list locks", "Locks\n🔒 web/production: alice — canary KO"}
	freezes := []string{"list freezes", "Deployment freezes\n#3: web / production, 2026-12-01 11:00 → 2026-12-04 00:00 CET (in force, set by alice) — black friday"}
	reminders := []string{"reminders", "Reminders\n#1: #deploys · every Monday at 09:30 · \"check windows\" (alice)\n#2: #api · every Friday at 16:00 · \"no api release before monday\" (bob)"}
	remindersWithFreezes := []string{"list my reminders", "Reminders: #1 #deploys weekly windows (Mon 09:30), #2 #oncall (Mon 09:00), #3 #api freezes (daily 09:00)."}
	checkReadings(t, []reading{
		{"approve the web one", pending, "command approve id=63"},
		{"approve the first one", pending, "command approve id=61"},
		{"approve the second", pending, "command approve id=63"},
		{"approve alice's", pending, "command approve id=61"},
		{"cancel the last one", pending, "question orchestrator"}, // the list's last, or the latest request? The bot asks
		{"refuse la première, pas de tests de charge", pendingFr, "command deny id=61 reason=pas de tests de charge"},
		{"approuve celle du site", pendingFr, "command approve id=63"},
		{"approuve celle de julie", pendingFr, "command approve id=63"},
		{"approve the rollback", marked, "command approve id=83"},
		{"approve the production one", pending, "command approve env=production"}, // both are: the agent asks which
		{"approve the web one tomorrow", pending, "question orchestrator"},
		{"approve the web one, no wait", pending, "question orchestrator"},
		{"approve the web one lol", pending, "question orchestrator"},
		{"approve the web one?", pending, "question orchestrator"},
		{"lève le 1", pending, "unknown"}, // no freeze listed
		{"unlock the api one: tests fixed", locks, "command unlock app=api env=staging reason=tests fixed"},
		{"unlock it", locks, "command unlock"}, // two locks: the bot asks which
		{"unlock it: fixed in 5.4.2", oneLock, "command unlock app=web env=production reason=fixed in 5.4.2"},
		{"lève le 3", freezes, "command unfreeze app=web env=production id=3"},
		{"lift it, the client agreed", freezes, "command unfreeze app=web env=production id=3"},
		{"lift it, no wait", freezes, "unknown"},
		{"lift it if the client agrees", freezes, "unknown"},
		{"supprime le #2", reminders, "command reminders id=2 op=delete"},
		{"delete the second one", reminders, "command reminders id=2 op=delete"},
		{"delete the second one", remindersWithFreezes, "command reminders id=2 op=delete"}, // not the freeze #2
	})
}

// TestSameCommandForAnotherID: "and 62 too" after a command on one id and
// the bot's report is the command again for 62; an id alone is no such
// sequel.
func TestSameCommandForAnotherID(t *testing.T) {
	approved := []string{"approve 61", "Go: deploy api 3.4.2 → production (#61) started, approved by bob."}
	denied := []string{"deny 61 no load tests", "Deployment #61 denied."}
	checkReadings(t, []reading{
		{"et la 62 aussi", approved, "command approve id=62"},
		{"and 62 too", approved, "command approve id=62"},
		{"same for 62", approved, "command approve id=62"},
		{"pareil pour la 62", approved, "command approve id=62"},
		{"and 62 too", denied, "command deny id=62 reason=no load tests"},
		{"62", approved, "unknown"},
		{"the 62", approved, "unknown"},
	})
}

// TestNobodyAndPastPushes: "nobody lock production please" forbids the
// lock (a negated subject right before a lock's verb), while "nobody
// deploys tonight, freeze prod" still freezes; "no one deploy api to
// prod" orders nothing; "Tom already pushed 3.4.2 to staging" is told.
func TestNobodyAndPastPushes(t *testing.T) {
	checkReadings(t, []reading{
		{"nobody lock production please, we still need to push the hotfix", nil, "question orchestrator"},
		{"nobody freeze api please", nil, "question orchestrator"},
		{"no one lock prod please", nil, "question orchestrator"},
		{"nobody deploys anything tonight, freeze prod", nil, "command freeze env=production"},
		{"personne ne touche à la prod api, verrouille stp", nil, "command lock app=api env=production"},
		{"no one deploy api to prod please", nil, "question production"},
		{"I think Tom already pushed 3.4.2 to staging this morning", nil, "question staging"},
		{"Tom pushed api 3.4.2 to staging", nil, "question staging"},
		{"push api 3.4.2 to staging", nil, "action deploy app=api env=staging version=3.4.2"},
	})
}

// TestPlanChangedAfterAHesitation: a change of the plan opened by a
// hesitation ("ah non, en staging d'abord alors", "mmh non, 5.3.0
// plutôt"), toward a version ("non, vers la 3.4.0"), or with the plan's
// environment put off ("make it staging, prod can wait till tuesday") is
// the change (it cancelled the plan, or was talk); a no with what waits
// ("hmm then no, let's wait for monday") and a no opened by "en fait",
// "actually" decline.
func TestPlanChangedAfterAHesitation(t *testing.T) {
	rollback := []string{"rollback api production", "Rollback api → 3.4.1 sur production (#82)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	rollbackWeb := []string{"rollback web production en 5.3.1", "Rollback web → 5.3.1 sur production (#83)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	deploy := []string{"deploy api 3.5.2 to prod", "Deploy api 3.5.2 → production (#87)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	envAsked := []string{"déploie le site en 5.4.5", "Quel environnement : staging ou production ?"}
	checkReadings(t, []reading{
		{"non, vers la 3.4.0", rollback, "action rollback app=api env=production version=3.4.0 replaces=82"},
		{"mmh non, 5.3.0 plutôt, la 5.3.1 avait aussi le bug", rollbackWeb, "action rollback app=web env=production version=5.3.0 replaces=83"},
		{"ah non, en staging d'abord alors", deploy, "action deploy app=api env=staging version=3.5.2 replaces=87"},
		{"actually make it staging, prod can wait till tuesday", deploy, "action deploy app=api env=staging version=3.5.2 replaces=87"},
		{"ah non, pas en staging", deploy, "command cancel decline=yes id=87 reason=pas en staging"},
		{"make it staging, prod can wait?", deploy, "question staging"},
		{"hmm then no, let's wait for monday", deploy, "command cancel decline=yes id=87 reason=let's wait for monday"},
		{"actually never mind", deploy, "command cancel decline=yes id=87"},
		{"euh en fait laisse tomber, je le fais lundi", envAsked, "command cancel decline=yes reason=je le fais lundi"},
		{"never mind the canary, how long does it bake?", nil, "question production"},
	})
}

// TestActionCompletedFromTheBotsTurn: an action that names no project
// takes it from the bot's last reply when that reply names one project
// and says what the action answers: a monitoring alert for a rollback
// ("rollback now"), the version compared for a deploy ("ok ship 5.4.2 to
// prod" after a diff); a setting said on a possessive ("set its strategy
// to rolling") is the project's the conversation names, never the
// agency's nor a project called "its".
func TestActionCompletedFromTheBotsTurn(t *testing.T) {
	alert := []string{"Monitoring api 3.5.2 on production (#89): error rate 2.4% > 0.1% ⚠️"}
	twoProjects := []string{"⚠️ api production and web production: error rate above 0.1%"}
	diff := []string{"diff web staging production", "web: staging ↔ production\nstaging: 5.4.2 · production: 5.4.0"}
	context := []string{"show context for web", "web: strategy (standard practice: rolling) · approval four-eyes"}
	checkReadings(t, []reading{
		{"rollback now", alert, "action rollback app=api env=production"},
		{"roll it back", alert, "action rollback app=api env=production"},
		{"rollback now", twoProjects, "action rollback"},
		{"ok ship 5.4.2 to prod", diff, "action deploy app=web env=production version=5.4.2"},
		{"set its strategy to rolling", context, "command context app=web key=strategy scope=project value=rolling what=set"},
		{"set its strategy to rolling", nil, "command context key=strategy scope=project value=rolling what=set"},
		{"set the agency strategy to canary", nil, "command context key=strategy scope=agency value=canary what=set"},
	})
}

// TestAttack28: the first attack on session 15's rules (about 900 probes,
// 32 dangerous readings): an order on an item of the bot's list must
// act only on an item with an id (not a freeze from the configuration
// file), with one rank ("the second one first" picked the first), never
// quoted, addressed to someone, mocked, forbidden by an emoji, or doubted
// or put off after the choice; "and 62 too" never asked, mocked, for id
// 0, or after a refusal.
func TestAttack28(t *testing.T) {
	h1 := []string{"list freezes", "Deployment freezes\n  #1:     web / production, 2026-12-01 11:00 → 2026-12-11 00:00 CET (in force, set by carol) — end of year\n  config: every project / production, 2026-12-20 00:00 → 2027-01-04 00:00 CET (planned, configuration file) — end of year"}
	h2 := []string{"pending", "Waiting for approval\n  #4: deploy api 3.4.5 → production (alice)\n  #3: deploy api 3.4.4 → production (alice)\n  #2: deploy api 3.4.3 → production (alice)\n  #1: deploy api 3.4.2 → production (alice)"}
	h3 := []string{"pending", "Waiting for approval\n#61: deploy api 3.4.2 → production (alice)\n#63: deploy web 5.4.0 → production (julie)"}
	h4 := []string{"list freezes", "Deployment freezes\n#3: web / production, 2026-12-20 → 2027-01-03 — end of year\n#5: api / staging, 2026-12-01 → 2026-12-02 — audit"}
	h5 := []string{"list locks", "Locks\n🔒 web/production: alice — canary KO\n🔒 api/staging: bob — migration"}
	h6 := []string{"reminders", "Reminders\n#1: #deploys · every Monday 09:00 — weekly sync\n#2: #ops · every day 18:00 — check backups"}
	h7 := []string{"approve 61", "❌ deployment #61 is failed, not waiting for an approval"}
	h8 := []string{"approve 61", "❌ you cannot approve your own request"}
	h9 := []string{"approve 61", "Go: deploy api 3.4.2 → production (#61) started, approved by carol."}
	for _, tt := range []reading{
		{"lift the config one", h1, ""},
		{"lift the one for every project", h1, ""},
		{"lift the planned one", h1, ""},
		{"lift it", h1, ""},
		{"lift the last one", h1, ""},
		{"approve the second one first", h2, ""},
		{"approve the second one first", h3, ""},
		{"lift the second one first", h4, ""},
		{"delete the second one first", h6, ""},
		{"unlock it first", h5, ""},
		{"> approve the web one", h3, ""},
		{"« approuve celle du web »", h3, ""},
		{"\"deny the first one, flaky\" he said", h3, ""},
		{"\"approve the web one\" — that's what julie said", h3, ""},
		{"@bob approve the web one", h3, ""},
		{"approve the web one @bob", h3, ""},
		{"@bob approuve celle du web", h3, ""},
		{"🚫 approve the web one", h3, ""},
		{"🚫 delete the backups one", h6, ""},
		{"approuve celle du web 😂", h3, ""},
		{"approve the web one /s", h3, ""},
		{"approve the web one, but wait for QA first", h3, ""},
		{"approve the second one, but not yet", h3, ""},
		{"and 62 too?", h7, ""},
		{"and 62?", h8, ""},
		{"same for 62?", h9, ""},
		{"@bob and 62 too", h9, ""},
		{"and 62 too 😂", h9, ""},
		{"and 0 too", h9, ""},
	} {
		checkNoChange(t, tt.text, tt.history)
	}
	// Commands without their object, as before the rule: the bot asks
	// which one.
	checkReadings(t, []reading{
		{"unlock the second one first", h5, "command unlock"},
		{"deny the first one, flaky jk", h3, "command deny reason=the first one, flaky jk"},
		{"unlock the web one: fixed tomorrow", h5, "command unlock app=web reason=fixed tomorrow"},
	})
}

// TestCopyABuildOrData: a build copied from one environment to another
// ("copie la version du staging de l'api vers la prod") is a promotion (it
// rolled back staging); data copied ("copie la base de prod vers
// staging", "copy prod data to staging") deploys nothing.
func TestCopyABuildOrData(t *testing.T) {
	checkReadings(t, []reading{
		{"copie la version du staging de l'api vers la prod", nil, "action deploy app=api env=production from=staging"},
		{"copy the staging build of web to prod", nil, "action deploy app=web env=production from=staging"},
		{"copie la base de prod vers staging", nil, "question staging"},
		{"copy prod data to staging for web", nil, "question staging"},
		{"on copie les données de la prod vers la recette ?", nil, "question staging"},
	})
}

// TestHelpStressed: a request for help with words that only stress it
// ("t'sais faire quoi au juste ?", "what can you do exactly?") is help.
func TestHelpStressed(t *testing.T) {
	checkReadings(t, []reading{
		{"t'sais faire quoi au juste ?", nil, "command help"},
		{"what can you do exactly?", nil, "command help"},
		{"tu sais faire quoi pour nous ?", nil, "command help"},
	})
}

// TestServersAreDevops: a request about servers with no project nor
// environment named ("ssh into prod-web-02 and restart nginx") is handed
// to devops (it was "not understood").
func TestServersAreDevops(t *testing.T) {
	checkReadings(t, []reading{
		{"ssh into prod-web-02 and restart nginx", nil, "question devops"},
		{"can you configure the nginx upstreams on the new box?", nil, "question devops"},
		{"what's the weather like", nil, "unknown"},
	})
}

// TestAttack29: the second attack on session 15's rules (about 1,400
// probes, 35 dangerous readings): an order on an item never with an emoji
// or an emoticon that doubts it (👎, 🛑, :P, -_-, "sike"); a plan change
// never mocked, joked or addressed to someone; a rollback takes its
// project from the bot's alert only, never from a report without a
// breach, a diff, or for "everything"; a deploy after a diff takes the
// diff's project only for a version the diff compared.
func TestAttack29(t *testing.T) {
	h1 := []string{"pending", "Waiting for approval\n#61: deploy api 3.4.2 → production (alice)\n#63: deploy web 5.4.0 → production (julie)"}
	h2 := []string{"list freezes", "Deployment freezes\n#3: web / production, 2026-12-20 → 2027-01-03 — end of year\n#5: api / staging, 2026-12-01 → 2026-12-02 — audit"}
	h3 := []string{"reminders", "Reminders\n#1: #deploys · every Monday 09:00 — weekly sync\n#2: #ops · every day 18:00 — check backups"}
	h5 := []string{"approve 61", "Go: deploy api 3.4.2 → production (#61) started, approved by carol."}
	h6 := []string{"deny 61 flaky tests", "Deployment #61 denied."}
	h7 := []string{"deploy api 3.5.2 to prod", "Deploy api 3.5.2 → production (#87)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	h8 := []string{"diff api staging production", "api: staging ↔ production\nstaging: 3.5.2 · production: 3.5.0"}
	h9 := []string{"diff api staging production", "api: staging ↔ production\nI can only compare two deployed versions.\n  staging:    nothing deployed by deploybot\n  production: 3.4.2"}
	h10 := []string{"diff web staging production", "web: staging ↔ production\nstaging: 5.4.2 · production: 5.4.0"}
	h11 := []string{"status", "Monitoring api 3.5.2 on production (#89): 30 min without a breach (12 samples): highest error rate 0.02%, highest p95 120ms."}
	h12 := []string{"status", "Monitoring api 3.5.2 on production (#89): error rate 2.4% > 0.1% ⚠️"}
	for _, tt := range []reading{
		{"approve the web one 👎", h1, ""},
		{"approve the web one 🛑", h1, ""},
		{"approve the web one 😒", h1, ""},
		{"approve the web one 🤡", h1, ""},
		{"approve the web one 💀", h1, ""},
		{"approve the web one 😅", h1, ""},
		{"approve the web one :P", h1, ""},
		{"approve the web one ;)", h1, ""},
		{"approve the web one :-(", h1, ""},
		{"approve the web one -_-", h1, ""},
		{"approve the web one. sike", h1, ""},
		{"approuve celle du web 👎", h1, ""},
		{"approuve celle du web :(", h1, ""},
		{"approve the backend one 👎", h1, ""},
		{"lift the audit one 🛑", h2, ""},
		{"lift the end of year one 👎", h2, ""},
		{"delete the backups one :P", h3, ""},
		{"and 62 too 👎", h5, ""},
		{"and 62 too 🛑", h5, ""},
		{"and 62 as well 👎", h5, ""},
		{"and 62 too 🛑", h6, ""},
		{"actually make it staging, prod can wait till tuesday 🙃", h7, ""},
		{"actually make it staging, prod can wait till tuesday lol", h7, ""},
		{"@bob actually make it staging, prod can wait", h7, ""},
	} {
		checkNoChange(t, tt.text, tt.history)
	}
	// Actions without their project: the bot asks which.
	checkReadings(t, []reading{
		{"ok ship 5.4.2 to prod", h8, "action deploy env=production version=5.4.2"},
		{"ok ship 5.4.2 to prod for payments", h8, "action deploy env=production version=5.4.2"},
		{"ok ship 5.4.2 to prod for payments", h9, "action deploy env=production version=5.4.2"},
		{"ok ship 5.4.2 to prod on the mobile app", h8, "action deploy env=production version=5.4.2"},
		{"deploy 5.4.2 to prod for the other project", h8, "action deploy env=production version=5.4.2"},
		{"rollback now", h10, "action rollback"},
		{"rollback now", h11, "action rollback"},
		{"rollback everything", h12, "action rollback"},
	})
}

// TestApprovalQuestions: a question about approvals is the
// orchestrator's (it went to staging, production or rollback), and one
// about a canary's bake time is understood (the cooking word made it off
// topic).
func TestApprovalQuestions(t *testing.T) {
	checkReadings(t, []reading{
		{"what's four-eyes approval exactly?", nil, "question orchestrator"},
		{"if carol doesn't answer by 3pm, would bob approving be enough?", nil, "question orchestrator"},
		{"do we need approval to deploy to production?", nil, "question orchestrator"},
		{"how long should the canary bake before we go to 100%?", nil, "question production"},
		{"how do I bake a cake", nil, "unknown"},
	})
}

// TestUnlockReasonsThatSayItWorks: an unlock's reason may say what works
// again ("les paiements repassent", "le rollback est vérifié", "site is up
// again"); "je vérifie", "broken again" and a question are still no reason.
func TestUnlockReasonsThatSayItWorks(t *testing.T) {
	asked := []string{"unlock api production", "Donnez une raison pour déverrouiller api production : « unlock api production : corrigé », ou répondez par la raison."}
	checkReadings(t, []reading{
		{"les paiements repassent", asked, "command unlock app=api env=production reason=les paiements repassent"},
		{"le rollback est vérifié, les paiements repassent", asked, "command unlock app=api env=production reason=le rollback est vérifié, les paiements repassent"},
		{"site is up again", asked, "command unlock app=api env=production reason=site is up again"},
		{"je vérifie", asked, "command unlock app=api env=production"},
		{"broken again", asked, "command unlock app=api env=production"},
		{"up?", asked, "command unlock app=api env=production"},
	})
}

// TestDecisionDescribed: with no list before, "approve the prod one" is
// the decision on what waits in production (the agent asks when several
// or none do); doubts, negations and questions decide nothing.
func TestDecisionDescribed(t *testing.T) {
	checkReadings(t, []reading{
		{"approve the prod one", nil, "command approve env=production"},
		{"approuve celle de la prod", nil, "command approve env=production"},
		{"approve the web one", nil, "command approve app=web"},
		{"approve the web one tomorrow", nil, "question orchestrator"},
		{"don't approve the web one", nil, "question orchestrator"},
		{"approve the web one?", nil, "question orchestrator"},
	})
}

// TestAttack30: the third attack (about 150 chats): an answer to "Which
// environment?" that names two environments and puts one off is the
// other one (it took the first named), and asks again when both are put
// off;
// "the last one" of a list newest first is no pick; "up" alone, "up in the
// air", "up next" are no unlock reason.
func TestAttack30(t *testing.T) {
	deployAsked := []string{"deploy api 5.2.1", "Which environment for the deploy of api 5.2.1? staging, production."}
	rollbackAsked := []string{"rollback api", "Which environment for the rollback of api? staging, production."}
	unlockAsked := []string{"unlock api production", "Give a reason to unlock api production: \"unlock api production: fixed\", or answer with the reason."}
	pending := []string{"pending", "Waiting for approval\n#3: deploy web 2.0 → production (alice)\n#2: deploy api 5.2.2 → staging (bob)\n#1: deploy api 5.2.1 → production (alice)"}
	checkReadings(t, []reading{
		{"prod plus tard, staging d abord", deployAsked, "action deploy app=api env=staging version=5.2.1"},
		{"la prod attendra, staging", deployAsked, "action deploy app=api env=staging version=5.2.1"},
		{"prod is broken, do staging", rollbackAsked, "action rollback app=api env=staging"},
		{"staging is broken, prod is down too", rollbackAsked, "unknown"},
		// The fourth attack: both put off, or a negated fault.
		{"staging later, prod too", deployAsked, "unknown"},
		{"staging plus tard, la prod aussi", deployAsked, "unknown"},
		{"staging plus tard, prod pareil", deployAsked, "unknown"},
		{"staging isn't broken, prod is", rollbackAsked, "unknown"},
		{"le staging n'est pas cassé, la prod oui", rollbackAsked, "unknown"},
		{"production is down right now, hotfix", deployAsked, "action deploy app=api env=production version=5.2.1"},
		{"production is down right now", rollbackAsked, "action rollback app=api env=production"},
		{"la prod, pas le staging", deployAsked, "action deploy app=api env=production version=5.2.1"},
		{"prod", deployAsked, "action deploy app=api env=production version=5.2.1"},
		{"up in the air", unlockAsked, "command unlock app=api env=production"},
		{"up", unlockAsked, "command unlock app=api env=production"},
		{"up next: fix payments", unlockAsked, "command unlock app=api env=production"},
		{"api is back up", unlockAsked, "command unlock app=api env=production reason=api is back up"},
		{"approuve la deuxième", pending, "command approve id=2"},
	})
	checkNoChange(t, "approve the last one", pending)
}

// TestFailedOutcomeWithANegation: a failed verdict whose reason says what
// does not work ("échoué, le pod ne démarre pas") is recorded (the
// negation made it no answer); a joke, a condition or a doubted success
// records nothing.
func TestFailedOutcomeWithANegation(t *testing.T) {
	asked := []string{"outcome 54", "Deployment #54: succeeded or failed? Answer \"succeeded\" or \"failed\", then what you saw at the target (e.g. \"succeeded: v3 answers\")."}
	askedFr := []string{"résultat du 54", "Déploiement #54 : réussi ou échoué ? Répondez « réussi » ou « échoué », puis ce que vous avez constaté sur la cible (ex. « réussi : la v3 répond »)."}
	checkReadings(t, []reading{
		{"failed, the pod does not start", asked, "command outcome id=54 outcome=failed reason=the pod does not start"},
		{"échoué, le pod ne démarre pas", askedFr, "command outcome id=54 outcome=failed reason=le pod ne démarre pas"},
		{"failed, lol jk", asked, "unknown"},
		{"failed if the pod does not start", asked, "unknown"},
		{"succeeded? not really", asked, "unknown"},
	})
}

// TestSameOrderAgainAsksHowItWent: the last order said again with no
// verb nor version of its own ("c bon c en preprod ?", "ok c bon en
// preprod") asks how it went (it planned a redeploy a "oui" ran); a verb
// ("redéploie en preprod") or another environment ("et en prod") orders.
func TestSameOrderAgainAsksHowItWent(t *testing.T) {
	order := []string{"déploie api v2.1.0 en preprod"}
	checkReadings(t, []reading{
		{"c bon c en preprod ?", order, "command status app=api env=staging"},
		{"ok c bon en preprod", order, "command status app=api env=staging"},
		{"bon, en preprod ?", order, "command status app=api env=staging"},
		{"redéploie en preprod", order, "action deploy app=api env=staging version=v2.1.0"},
		{"et en prod", order, "action deploy app=api env=production version=v2.1.0"},
	})
}

// TestWhoApprovesAfterAnOpener: "et qui peut approuver une mep api ?",
// "merci !! et qui …", "ok who approves prod for api?" ask for the
// approvers (the opener made it the incident card).
func TestWhoApprovesAfterAnOpener(t *testing.T) {
	checkReadings(t, []reading{
		{"et qui peut approuver une mep api ?", nil, "command context app=api env=production what=approvers"},
		{"merci !! et qui peut approuver une mep api ?", nil, "command context app=api env=production what=approvers"},
		{"ok who approves prod for api?", nil, "command context app=api env=production what=approvers"},
	})
}

// TestFarewells: "bon week end !", "à+" are small talk (not understood,
// in English).
func TestFarewells(t *testing.T) {
	checkReadings(t, []reading{
		{"bon week end !", nil, "smalltalk"},
		{"à+", nil, "smalltalk"},
		{"next week", nil, "unknown"},
	})
}

// TestAnotherEnvironmentAsked: the last order asked of another environment
// with no verb nor version ("c bon c en prod ?" after a preprod deploy)
// asks what runs there (it planned a production deploy); with a verb ("on
// passe en prod ?") it is still the order, to confirm.
func TestAnotherEnvironmentAsked(t *testing.T) {
	order := []string{"déploie api v2.1.0 en preprod"}
	checkReadings(t, []reading{
		{"c bon c en prod ?", order, "command status app=api env=production"},
		{"c en prod ?", order, "command status app=api env=production"},
		{"et en prod", order, "action deploy app=api env=production version=v2.1.0"},
		{"on passe en prod ?", order, "action deploy app=api env=production version=v2.1.0"},
	})
}
