package router_test

import (
	"testing"

	"deploybot"
)

// moreEnvProjects are the example configuration's projects with its
// further environments (qa, uat, demo).
var moreEnvProjects = []deploybot.Project{
	{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}, {Name: "uat"}, {Name: "qa"}, {Name: "demo"}}},
	{Name: "web", Aliases: []string{"site", "front"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}, {Name: "uat"}, {Name: "qa"}, {Name: "demo"}}},
}

// TestSession28WhichOne holds the answer to "several deployments wait for
// your approval: #2 (api 2.4.2 → uat), #1 (api 2.4.1 → uat). Which one?"
// (holdout52, once read): after a plan's "An approver answers "approve
// 2"", the bare "approve" had read that id, so the answer ("2", "#1",
// "le 2") found an approval with its id already and chose nothing; a
// choice by version ("the 2.4.2 one", "celui de la 2.4.1") was refused as
// an id written inside a version. A version no item has, a doubt or a
// question still choose nothing.
func TestSession28WhichOne(t *testing.T) {
	confirmed := []string{"yes", `Confirmed: deploy api 2.4.2 → uat (#2) waits for an approval. An approver answers "approve 2" (or "deny 2").`}
	en := append(confirmed[:2:2], "approve", "❌ several deployments wait for your approval: #2 (api 2.4.2 → uat), #1 (api 2.4.1 → uat). Which one?")
	fr := []string{"oui", "Confirmé : déploiement api 2.4.2 → uat (#2) attend une approbation. Un approbateur répond « approuve 2 » (ou « refuse 2 »).",
		"approuve", "❌ plusieurs déploiements attendent votre approbation : #2 (api 2.4.2 → uat), #1 (api 2.4.1 → uat). Lequel ?"}
	checkReadings(t, []reading{
		{"2", en, "command approve id=2"},
		{"#1", en, "command approve id=1"},
		{"le 2", fr, "command approve id=2"},
		{"the 2.4.2 one", en, "command approve id=2"},
		{"the 2.4.1 one", en, "command approve id=1"},
		{"celui de la 2.4.1", fr, "command approve id=1"},
		{"2.4.1", en, "command approve id=1"},
		{"2.4.3", en, "command approve"},
		{"not the 2.4.1 one", en, "unknown"},
		{"2.4.1 maybe", en, "question production"},
		{"the 2.4.1 one, tomorrow", en, "question production"},
		// The id the bot offered, without its "Which one?", is still read.
		{"approve", confirmed, "command approve id=2"},
	})
}

// TestSession28NotTheOldEnv holds a plan's correction that takes back a
// configured environment ("no — 2.5.0 to staging, not qa", "non, la 2.5.0
// en recette, pas en démo"): the "not qa" was read as a refusal of the
// change, and the no cancelled the plan; only the standard environments'
// words were known as the plan's value taken back.
func TestSession28NotTheOldEnv(t *testing.T) {
	qa := []string{"deploy api 2.5.0 to qa", "Deploy api 2.5.0 → qa (#1)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n  environment:           qa\n  version:               2.5.0\n(answer \"yes\" or \"no\")"}
	demo := []string{"déploie api 2.5.0 en demo", "Déploiement api 2.5.0 → demo (#1)\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : api\n  environnement      : demo\n  version            : 2.5.0\n(répondez « oui » ou « non »)"}
	checkReadingsOf(t, moreEnvProjects, []reading{
		{"no — 2.5.0 to staging, not qa", qa, "action deploy app=api env=staging version=2.5.0 replaces=1"},
		{"no, staging not qa", qa, "action deploy app=api env=staging version=2.5.0 replaces=1"},
		{"not qa, staging", qa, "action deploy app=api env=staging version=2.5.0 replaces=1"},
		{"non, la 2.5.0 en recette, pas en démo", demo, "action deploy app=api env=staging version=2.5.0 replaces=1"},
		{"no, not qa", qa, "command cancel decline=yes id=1 reason=not qa"},
		{"no, staging not qa, it is broken", qa, "command cancel decline=yes id=1"},
	})
}

// TestSession28PoliteOrders holds an order asked politely: "I'd like to
// deploy web 3.2.2 to production", "… if that's ok", "je voudrais
// déployer le site 3.2.2 en prod si c'est possible", "tu peux sortir
// l'api 2.5.1 en prod ?" were questions ("I'd" was an advice's, "if" a
// condition's, "sortir" a removal's). An advice ("I'd roll back web"), a
// real condition ("if the tests pass", "if that's ok with bob", "if it's
// ok": the release's state) and a removal ("sors la 2.5.1 de la prod")
// stay no order.
func TestSession28PoliteOrders(t *testing.T) {
	checkReadings(t, []reading{
		{"I'd like to deploy web 3.2.2 to production if that's ok", nil, "action deploy app=web env=production version=3.2.2"},
		{"I would like to deploy web 3.2.2 to production please", nil, "action deploy app=web env=production version=3.2.2"},
		{"I'd like to roll back web prod", nil, "action rollback app=web env=production"},
		{"deploy web 3.2.2 to production if possible", nil, "action deploy app=web env=production version=3.2.2"},
		{"je voudrais déployer le site 3.2.2 en prod si c'est possible", nil, "action deploy app=web env=production version=3.2.2"},
		{"déploie le site 3.2.2 en prod si possible", nil, "action deploy app=web env=production version=3.2.2"},
		{"tu peux sortir l'api 2.5.1 en prod ? hotfix pour le bug de login", nil, "action deploy app=api env=production version=2.5.1"},
		{"sortez le site 3.2.2 en production", nil, "action deploy app=web env=production version=3.2.2"},
		{"I'd roll back web", nil, "question rollback"},
		{"I'd deploy web on tuesday", nil, "question production"},
		{"I'd like to know how to deploy web", nil, "question orchestrator"},
		{"deploy web 3.2.2 to production if that's ok with bob", nil, "question production"},
		{"deploy web 3.2.2 to production if the tests pass", nil, "question production"},
		{"deploy web 3.2.2 to production if it's ok", nil, "question production"},
		{"déploie le site 3.2.2 en prod si ça passe", nil, "question production"},
		{"sors l'api 2.5.1 de prod", nil, "question rollback"},
	})
}

// TestSession28CorrectedAnswer holds an answer to the bot's question for a
// slot that corrects the order it completes: "euh non pas le site, l'api,
// en recette" after web's "Sur quel environnement ?", "wait no, I meant
// web, on prod" after api's rollback "Which environment?" were not
// understood. A slot only filled ("no, staging"), a value taken back with
// nothing for it, a remark, two projects or "too" are no correction.
func TestSession28CorrectedAnswer(t *testing.T) {
	webEnv := []string{"déploie le site", "Sur quel environnement pour le déploiement de web ? staging ou production."}
	apiRb := []string{"rollback api", "Which environment for the rollback of api? staging or production."}
	apiV := []string{"deploy api v2.5.0", "Which environment for the deploy of api v2.5.0? staging or production."}
	checkReadings(t, []reading{
		{"euh non pas le site, l'api, en recette", webEnv, "action deploy app=api env=staging"},
		{"pas le site, l'api en recette", webEnv, "action deploy app=api env=staging"},
		{"wait no, I meant web, on prod", apiRb, "action rollback app=web env=production"},
		{"I meant web, on prod", apiRb, "action rollback app=web env=production"},
		{"no, web prod", apiRb, "action rollback app=web env=production"},
		{"staging, v2.5.1 actually", apiV, "action deploy app=api env=staging version=v2.5.1"},
		{"oops, web staging", apiV, "action deploy app=web env=staging"},
		{"web, sorry", []string{"deploy a1b2c3d to staging", "Which project?"}, "action deploy app=web env=staging version=a1b2c3d"},
		{"no, staging", apiV, "unknown"},
		{"pas le site, le front est ok", webEnv, "question production"},
		{"non, pas le site", webEnv, "question production"},
		{"no, web and api prod", apiRb, "unknown"},
		{"non, l'api aussi", webEnv, "unknown"},
	})
}

// TestSession28VersionAnswers holds answers to "Which version of api for
// production?": "whatever is on staging right now" (a moment after the
// environment), "the one we validated on staging yesterday, 2.5.4" (the
// version, and what is good about it), "api, I just said so 🙄" after the
// project asked again were not understood; "2.5.4 or 2.5.3" took the
// last. A doubt, a fault or a question beside the version is no answer.
func TestSession28VersionAnswers(t *testing.T) {
	q := []string{"deploy api to production", "Which version of api for production? I never guess one, and I cannot tell the latest here (its executor could not find it): name a tag, a release or a commit. Nothing was started."}
	project := []string{"deploy to production", "Which project for the deploy → production? I know: api, web."}
	checkReadings(t, []reading{
		{"whatever is on staging right now", q, "action deploy app=api env=production from=staging"},
		{"celle qui est en recette en ce moment", q, "action deploy app=api env=production from=staging"},
		{"the one we validated on staging yesterday, 2.5.4", q, "action deploy app=api env=production version=2.5.4"},
		{"la 2.5.4, celle validée en recette hier", q, "action deploy app=api env=production version=2.5.4"},
		{"2.5.4, not validated yet", q, "unknown"},
		{"2.5.4, broken on staging", q, "unknown"},
		{"2.5.4, validated?", q, "unknown"},
		{"2.5.4 or 2.5.3", q, "unknown"},
		{"2.5.4 ou 2.5.3, validées", q, "unknown"},
		{"api, I just said so 🙄", project, "action deploy app=api env=production"},
		{"l'api, je l'ai déjà dit", project, "action deploy app=api env=production"},
		{"api, I said no", project, "question production"},
		{"api tomorrow, I just said so", project, "unknown"},
	})
}

// TestSession28AskedInstead holds a question asked where the bot waited
// for a reason ("en fait c'est quoi la différence entre un gel et un
// verrou ?" after "Give a reason to freeze production"): the bot asked
// for the reason again; now the question is answered. A short "why?" or
// a reason with "ok?" still gives no reason. And a project's history
// asked with a possessive ("et son historique ?", "and its history?")
// after its status was a question.
func TestSession28AskedInstead(t *testing.T) {
	freeze := []string{"gèle la prod", "Donnez une raison pour geler production jusqu'à ce qu'on le lève : « gèle production : audit client », ou répondez par la raison ; avec une fin : « gèle production jusqu'au 24/12 : audit client »."}
	lock := []string{"lock api prod", `Give a reason to lock api/production: "lock api production: incident", or answer with the reason.`}
	status := []string{"status api", "State of api\n  api/production: nothing deployed by deploybot\n(No deployment in flight.)"}
	checkReadings(t, []reading{
		{"en fait c'est quoi la différence entre un gel et un verrou ?", freeze, "question orchestrator"},
		{"what's the difference between a lock and a freeze?", lock, "question orchestrator"},
		{"pourquoi ?", freeze, "command freeze env=production"},
		{"incident, ok?", lock, "command lock app=api env=production"},
		{"incident in progress", lock, "command lock app=api env=production reason=incident in progress"},
		{"and its history?", status, "command history app=api env=production"},
		{"son historique", nil, "command history"},
	})
}

// TestSession28ValueAnswers holds a setting's value answered in a phrase
// ("on passe en blue-green", "let's go with rolling": the value was
// empty, and the bot asked again) or as a command without its project
// ("mets rolling" after the value was asked for api: the bot asked which
// project).
func TestSession28ValueAnswers(t *testing.T) {
	api := []string{"change la stratégie de l'api", "Quelle valeur de stratégie pour le projet api ? recreate, rolling, blue-green, canary"}
	checkReadings(t, []reading{
		{"on passe en blue-green", api, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"let's go with rolling", api, "command context app=api key=strategy scope=project value=rolling what=set"},
		{"mets rolling", api, "command context app=api key=strategy scope=project value=rolling what=set"},
		{"on passe en blue-green ou canary", api, "command context app=api key=strategy scope=project value= what=set"},
		{"pas en canary", api, "command context app=api key=strategy scope=project value= what=set"},
		{"on passe en canary demain", api, "command context app=api key=strategy scope=project value= what=set"},
	})
}

// TestSession28WhoSetsItUp holds a question of who sets up or fixes the
// infrastructure behind a deploy ("who sets up the executor for web? is
// that devops?", "le webhook ne résout pas, c'est qui qui gère ça ?"):
// the orchestrator answered; it is devops' hand-off. Who ran a deploy, or
// who approves, is not.
func TestSession28WhoSetsItUp(t *testing.T) {
	checkReadings(t, []reading{
		{"who sets up the executor for web? is that devops?", nil, "question devops"},
		{"qui configure l'exécuteur du site ?", nil, "question devops"},
		{"why did it fail? the webhook host doesn't resolve, who fixes that?", nil, "question devops"},
		{"le webhook ne résout pas, c'est qui qui gère ça ?", nil, "question devops"},
		{"who triggered the webhook deploy of api?", nil, "question staging"},
		{"who approves production?", nil, "command context env=production what=approvers"},
	})
}

// TestSession28TopicRoutes holds two questions routed by a word that
// meant something else there: what to validate on staging before asking
// for production's approval ("approval" made it the orchestrator's; it
// is staging's, as every set labels it), and when traffic is low as the
// moment of a release ("traffic" made it a strategy's question).
func TestSession28TopicRoutes(t *testing.T) {
	checkReadings(t, []reading{
		{"qu'est-ce qu'il faut valider en staging avant de demander l'approbation prod ?", nil, "question staging"},
		{"what exactly do we need to validate on staging before asking for prod approval?", nil, "question staging"},
		{"should I lock api staging while I test?", nil, "question orchestrator"},
		{"what should I check before a prod deploy?", nil, "question orchestrator"},
		{"Sunday night when traffic is low, good moment for a release or not?", nil, "question orchestrator"},
		{"dimanche soir le trafic est faible, c'est un bon moment pour une MEP ?", nil, "question orchestrator"},
		{"how does canary move the traffic, good moment to use it?", nil, "question production"},
	})
}

// TestAttackSession28 holds what an attack (about 2,800 probes) found in
// the first revision of this session's rules, each taken back or
// narrowed: "I'd" stopped hedging an order it advised against after it
// ("approve 2, I'd rather not" approved #2, "unlock api production, I'd
// wait for bob" unlocked); "I'd like to" made any verb an order ("I'd
// like to cancel the deploy of web …" planned the deploy) and any tail
// ("… someday", "… I guess", "… but we're frozen"); "if possible" ran
// commands at once ("unlock api production if possible"); "sortir" with
// any "en" released ("sors l'api 2.5.1 en urgence de la prod" planned it
// in production); a choice by version ignored the project or environment
// named and two versions; an id inside a version was taken as the
// offered id ("approve 3.2" approved #2); "what's on staging right
// now?" and "@carol …" answered a version question; "api, web, I just
// said so" planned api. Older and found on the way: "api and web" after
// "Which project?" planned api only.
func TestAttackSession28(t *testing.T) {
	which := []string{"approve", "❌ several deployments wait for your approval: #52 (web 5.3.2 → production), #53 (api 2.14.2 → production). Which one?"}
	which2 := []string{"approve", "❌ several deployments wait for your approval: #3 (api 2.4.1 → production), #4 (web 5.3.0 → staging). Which one?"}
	offered := []string{"yes", `Confirmed: deploy api 2.4.2 → uat (#2) waits for an approval. An approver answers "approve 2" (or "deny 2").`}
	version := []string{"deploy api to production", "Which version of api for production? I never guess one, and I cannot tell the latest here (its executor could not find it): name a tag, a release or a commit. Nothing was started."}
	project := []string{"deploy to production", "Which project for the deploy → production? I know: api, web."}
	checkReadings(t, []reading{
		{"approve 2, I'd rather not", nil, "question orchestrator"},
		{"unlock api production, I'd wait for bob", nil, "question orchestrator"},
		{"deploy web 3.2.2 to production, I'd wait though", nil, "question production"},
		{"I'd like to cancel the deploy of web 3.2.2 to production", nil, "question orchestrator"},
		{"I'd like to double check before we deploy web", nil, "question orchestrator"},
		{"I'd like to deploy web 3.2.2 to production someday", nil, "question production"},
		{"I'd like to deploy web 3.2.2 to production I guess", nil, "question production"},
		{"I'd like to deploy web 3.2.2 to production, who approves?", nil, "question production"},
		{"we'd love to roll back web prod but it's frozen", nil, "question orchestrator"},
		{"je voudrais déployer le site 3.2.2 en prod, mais pas aujourd'hui", nil, "question production"},
		{"we need to undo the api release on live right now, customers can't pay", nil, "action rollback app=api env=production"},
		{"unlock api production if possible", nil, "question orchestrator"},
		{"gèle la prod si possible", nil, "question orchestrator"},
		{"deploy web to prod if possible, otherwise tomorrow", nil, "question production"},
		{"roll back web prod if possible, if it breaks", nil, "question rollback"},
		{"sors l'api 2.5.1 en urgence de la prod", nil, "question rollback"},
		{"on va sortir l'api 2.5.1 en prod demain", nil, "question rollback"},
		{"sors l'api 2.5.1 en prod demain", nil, "question rollback"},
		{"sors l'api 2.5.1 en prod, elle plante", nil, "action rollback app=api env=production"},
		{"the api 5.3.2 one", which, "command approve"},
		{"the web 5.3.2 one", which, "command approve id=52"},
		{"2.4.1 on staging", which2, "command approve"},
		{"which is 2.4.1", which2, "command approve"},
		{"approve 3.2", offered, "unknown"},
		{"deny 5.2", offered, "unknown"},
		{"what's on staging right now?", version, "command status app=api env=staging"}, // api's, since session 33: the version asked is api's
		{"@carol whatever is on staging right now", version, "question staging"},
		{"2.5.4, tested on staging 🤞", version, "unknown"},
		{"api, web, I just said so", project, "unknown"},
		{"api and web", project, "unknown"},
		{"api, web", project, "unknown"},
		{"web... no, api", project, "action deploy app=api env=production"},
	})
}

// TestSession28NotOrders holds messages read as orders that give none
// (holdout53, once read): a promotion that is the moment of something
// else ("what should QA check on staging before we promote anything"
// planned a promotion to qa, QA the team), a version among random letters
// ("kdjfh 2.3 lkj"), a setting put back ("remets la stratégie du site
// comme dans le fichier" planned a rollback of web), news ("fyi site 1.8.0
// on staging", "api a1b2c3d in prod, dashboards look fine so far") and an
// order told as under way by someone ("bob is rolling back web prod",
// "Léa est en train de rollback le site en preprod").
func TestSession28NotOrders(t *testing.T) {
	checkReadings(t, []reading{
		{"what should QA check on staging before we promote anything", nil, "question staging"},
		{"before the freeze, promote web to prod", nil, "action deploy app=web env=production from=staging"},
		{"kdjfh 2.3 lkj", nil, "unknown"},
		// Session 29 reads it as what it asks: that setting reset.
		{"remets la stratégie du site comme dans le fichier", nil, "command reset app=web key=strategy scope=project"},
		{"remets le site en 2.3.1", nil, "action rollback app=web version=2.3.1"},
		{"fyi site 1.8.0 on staging", nil, "question staging"},
		{"heads up: api 2.6.0-rc1 on staging for QA", nil, "question staging"},
		{"api a1b2c3d in prod, dashboards look fine so far", nil, "question production"},
		{"site 1.8.0 on staging pls", nil, "action deploy app=web env=staging version=1.8.0"},
		{"bob is rolling back web prod", nil, "question rollback"},
		{"Léa est en train de rollback le site en preprod", nil, "question rollback"},
		{"je suis en train de déployer le site en prod", nil, "question production"},
		{"rolling back web prod", nil, "action rollback app=web env=production"},
		{"deploy web, it's shipping the fix", nil, "action deploy app=web"},
	})
}

// TestSession28StateCards holds the bot's state cards read as a person's
// line ("What runs where · production\n  api/production: …", "État de
// web\n  web/staging : …", "Context of project web\n  strategy: …
// (agency, file line 42)"): their first project became the subject of "and in
// staging?", their first environment that of "et le back ?", and "and
// for api?" after a context card was a drill. And "ça tourne où ?" asks
// what runs where.
func TestSession28StateCards(t *testing.T) {
	prod := []string{"what's running in prod?", "What runs where · production\n  api/production: nothing deployed by deploybot\n  web/production: nothing deployed by deploybot\n(No deployment in flight.)"}
	web := []string{"statut du site ?", "État de web\n  web/staging    : rien de déployé par deploybot\n  web/production : rien de déployé par deploybot\n(Aucun déploiement en cours.)"}
	all := []string{"status", "What runs where\n  api/staging:    nothing deployed by deploybot\n  api/production: nothing deployed by deploybot\n(No deployment in flight.)"}
	ctx := []string{"show context for web", "Context of project web\n  strategy:                    rolling  (agency, file line 42)\n  approval: none"}
	checkReadings(t, []reading{
		{"and in staging?", prod, "command status env=staging"},
		{"et le back ?", web, "command status app=api"},
		{"et son historique ?", web, "command history app=web"},
		{"and what's pending?", all, "command pending"},
		{"and for api?", ctx, "command context app=api what=show"},
		{"et en cours, ça tourne où ?", []string{"y a quoi en attente d'approbation ?", "Rien n'attend votre approbation."}, "command status"},
		{"ça tourne où ?", nil, "command status"},
	})
}

// TestSession28Sequels holds follow-ups holdout53 labels (once read): "and
// on staging?" after a rollback refused for want of an earlier good
// version asks the rollback there (it showed the state); a retry with why
// it may run now ("try again pls, I was just added to @developers",
// "relance stp, c'est configuré maintenant"); "non, déploie-la en prod"
// after "News or an order?" (the version offered, where the answer sends
// it); "ok pour moi", "fine by me" to a plan. A retry with a doubt, a
// question or a later moment, and a state asked after a deploy, stay as
// they were.
func TestSession28Sequels(t *testing.T) {
	noGood := []string{"rollback api prod", "❌ no earlier good version of api on production to roll back to (a good version succeeded there and was not undone since): nothing was started"}
	noGoodFr := []string{"rollback du back en prod", "❌ aucune version antérieure saine de api en production vers laquelle revenir (une version saine y a réussi et n'a pas été annulée depuis) : rien n'a été lancé"}
	refused := []string{"deploy api v2.4.1 to staging", "Deploy api v2.4.1 → staging (#1)\nRules:\n❌ alice may not deploy api to staging (who may: @developers)"}
	noExec := []string{"deploy web to staging", "❌ web/staging has no executor configured (projects[].environments[].executor): nothing can be deployed"}
	news := []string{"api 2.4.0 validée en recette", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « déploie api 2.4.0 en staging »."}
	plan := []string{"déploie l'api v2.4.7 en staging", "Déploiement api v2.4.7 → staging (#1)\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n(répondez « oui » ou « non »)"}
	checkReadings(t, []reading{
		{"and on staging?", noGood, "action rollback app=api env=staging"},
		{"et en recette ?", noGoodFr, "action rollback app=api env=staging"},
		{"and on staging? is it broken too?", noGood, "question staging"},
		{"try again pls, I was just added to @developers", refused, "action deploy app=api env=staging version=v2.4.1"},
		{"retry now, devops says the executor is configured", noExec, "action deploy app=web env=staging"},
		{"retry, it's still not configured", noExec, "unknown"},
		{"retry, @bob configured it?", noExec, "unknown"},
		{"retry tomorrow, it's configured", noExec, "unknown"},
		{"non, déploie-la en prod", news, "action deploy app=api env=production version=2.4.0"},
		{"non, déploie le site en prod", news, "action deploy app=web env=production"},
		{"ok pour moi", plan, "command confirm id=1"},
		{"ok pour moi mais attends", plan, "unknown"},
		{"ok pour moi", nil, "unknown"},
	})
}

// TestSession28MoreAnswers holds more of holdout53's readings (once
// read): a correction mark last in an answer ("staging, and make it 1.9.1
// actually", "en prod, et c'est la 1.8.1 en fait") read an empty
// correction and lost the answer; "ok set api strategy to canary" after a
// comparison was talk; "Julie m'a demandé de déployer l'api en préprod,
// je le ferai demain matin" planned the deploy (someone's request told).
func TestSession28MoreAnswers(t *testing.T) {
	web := []string{"push site 1.9.0", "Which environment for the deploy of web 1.9.0? staging or production."}
	webFr := []string{"déploie le site 1.8.0", "Sur quel environnement pour le déploiement de web 1.8.0 ? staging ou production."}
	checkReadings(t, []reading{
		{"staging, and make it 1.9.1 actually", web, "action deploy app=web env=staging version=1.9.1"},
		{"en prod, et c'est la 1.8.1 en fait", webFr, "action deploy app=web env=production version=1.8.1"},
		{"staging... no wait, production", web, "action deploy app=web env=production version=1.9.0"},
		{"staging, no wait", web, "unknown"},
		{"ok set api strategy to canary", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"alors mets la stratégie de l'api à canary", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"ok don't set api strategy to canary", nil, "question production"},
		{"Julie m'a demandé de déployer l'api en préprod, je le ferai demain matin", nil, "question staging"},
		{"the client asked me to roll back web prod", nil, "question rollback"},
		{"deploy api to staging, julie asked me to", nil, "action deploy app=api env=staging"},
	})
}

// TestAttackSession28b holds what the second attack (about 5,250 probes)
// found in this session's later rules, each narrowed: the bot's "Nothing
// waits for your approval. … others': #12 …" known as the bot's made a
// bare "ok" approve #12 (no longer a card), and a person's line starting
// like a card counted as one (a card needs its lines' form); "promote api
// to the qa, check it" read qa as a team (a target word before it keeps
// it the target); a retry's tail took hedges, later moments, other
// orders and versions ("retry, fixed, and unlock prod", "retry, should be
// fixed now"); urgent orders were dropped as under way ("la prod est en
// train de planter, rollback api prod", "web prod is pushing 500s,
// rollback web prod"), as someone's request with a go ("julie m'a demandé
// de déployer l'api en préprod, vas-y") or as news with a please; a value
// with an emoji or struck through was set; a plan's "ready to roll back
// to: no earlier good version" counted as a refused rollback.
func TestAttackSession28b(t *testing.T) {
	pending := []string{"pending", "Nothing waits for your approval. Waiting for other people's approval: #12 deploy api 2.4.0 → production (requested by bob)."}
	refused := []string{"deploy api v2.4.1 to staging", "Deploy api v2.4.1 → staging (#1)\nRules:\n❌ alice may not deploy api to staging (who may: @developers)"}
	value := []string{"change la stratégie de l'api", "Quelle valeur de stratégie pour le projet api ? recreate, rolling, blue-green, canary"}
	plan := []string{"rollback api 2.3.0 prod", "Rollback api 2.3.0 → production (#3)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  ready to roll back to: no earlier good version\n(answer \"yes\" or \"no\")"}
	checkReadings(t, []reading{
		{"ok", pending, "command confirm"},
		{"ok", []string{"Nothing waits for your approval? bob was supposed to approve #12"}, "unknown"},
		{"yes", []string{"deploy api 2.4.0 to prod", "Deploy api 2.4.0 → production (#1)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "Status of api\n  staging is 2.4.0, prod still 2.3.9 — are we sure about this?"}, "unknown"},
		{"retry, fixed, and unlock prod", refused, "command unlock env=production"},
		{"retry, should be fixed now", refused, "unknown"},
		{"retry, the bug is fixed in 2.4.2", refused, "action deploy app=api env=staging version=2.4.2"}, // as before the session: that version, a new plan
		{"retry, I was added to @developers, @carol please approve", refused, "question orchestrator"},
		{"retry, added to @developers @bob", refused, "unknown"},
		{"try again pls, I was just added to @developers", refused, "action deploy app=api env=staging version=v2.4.1"},
		{"la prod est en train de planter, rollback api prod", nil, "action rollback app=api env=production"},
		{"web prod is pushing 500s, rollback web prod", nil, "action rollback app=web env=production"},
		{"complaints are rolling in, rollback web prod now", nil, "action rollback app=web env=production"},
		{"julie m'a demandé de déployer l'api en préprod, vas-y", nil, "action deploy app=api env=staging"},
		{"web 3.2.1 to prod pls, staging looks fine", nil, "action deploy app=web env=production version=3.2.1"},
		{"let's go with canary 🤡", value, "command context app=api key=strategy scope=project value=let's go with canary 🤡 what=set"}, // as before: no such value, refused
		{"and staging", plan, "action rollback app=api env=staging version=2.3.0"},
	})
}

// TestAttackSession28bTargets: an extra environment named after "to the"
// stays the target when an order follows ("promote api to the qa, check
// it" promoted to production, qa read as the team).
func TestAttackSession28bTargets(t *testing.T) {
	checkReadingsOf(t, moreEnvProjects, []reading{
		{"promote api to the qa, check it", nil, "action deploy app=api env=qa from=staging"},
		{"what should QA check on staging before we promote anything", nil, "question staging"},
	})
}

// TestAttackSession28c holds what the third attack (about 340 probes and
// six chats) found past the second round's narrowings, each closed: a
// strategy's value said with a Slack emoji code ("on passe en canary :x:")
// was set at once; "sorry to the qa team" after an order made qa its
// target; a card with a question in or after it ("… 2.3.9 — are we sure
// about this?") counted as the bot's, and a "yes" after it confirmed the
// plan; a retry's tail asked ("retry, is it fixed now"), tagged or told of
// someone else ("access granted to @bob", "added to @production"); "and on
// staging? hmm", "and on staging, same?" after a refused rollback planned
// it; news with a please in another clause, and orders told as under way
// in other words ("bob is currently deploying api to prod", "bob is
// pushing web 2.0 to prod", "I'm in the middle of rolling back web prod").
func TestAttackSession28c(t *testing.T) {
	value := []string{"change la stratégie de l'api", "Quelle valeur de stratégie pour le projet api ? recreate, rolling, blue-green, canary"}
	plan := []string{"deploy api 2.4.0 to prod", "Deploy api 2.4.0 → production (#1)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	refused := []string{"deploy api v2.4.1 to staging", "Deploy api v2.4.1 → staging (#1)\nRules:\n❌ alice may not deploy api to staging (who may: @developers)"}
	noGood := []string{"rollback api prod", "❌ no earlier good version of api on production to roll back to (a good version succeeded there and was not rolled back since): nothing ran"}
	checkReadings(t, []reading{
		{"on passe en canary :x:", value, "command context app=api key=strategy scope=project value= what=set"},
		{"rollback api production, sorry to the qa team", nil, "action rollback app=api env=production"},
		{"yes", append(plan[:2:2], "Status of api\n  api/staging: 2.4.0\n  api/production: 2.3.9 — are we sure about this?"), "unknown"},
		{"yes", append(plan[:2:2], "Status of api\n  api/staging: 2.4.0\n  api/production: 2.3.9\nare we sure about this?"), "unknown"},
		{"retry, is it fixed now", refused, "unknown"},
		{"retry, it was fixed was it", refused, "unknown"},
		{"retry, access granted to @bob", refused, "unknown"},
		{"retry, I was added to @production", refused, "unknown"},
		{"relance, j'ai été ajouté à @developers", refused, "action deploy app=api env=staging version=v2.4.1"},
		{"and on staging? hmm", noGood, "command status app=api env=staging"},
		{"and on staging, same?", noGood, "command status app=api env=staging"},
		{"and on staging?", noGood, "action rollback app=api env=staging"},
		{"fyi api 2.4.0 in prod, please watch the dashboards", nil, "question production"},
		{"bob is currently deploying api to prod", nil, "question production"},
		{"bob is pushing web 2.0 to prod", nil, "question production"},
		{"web prod is pushing 500s, rollback web prod", nil, "action rollback app=web env=production"},
		{"I'm in the middle of rolling back web prod", nil, "question rollback"},
		{"Julie m'a demandé de déployer l'api en préprod, je lui ai dit vas-y demain", nil, "question staging"},
	})
}

// TestSession28NoWordVersion: a rollback that names its version does not
// take a word after the project for a malformed one ("le back rame à mort
// en recette depuis la 2.4.5, retour à la 2.4.4 stp" was refused, "rame"
// not a version, in an incident). A word alone still is refused.
func TestSession28NoWordVersion(t *testing.T) {
	checkReadings(t, []reading{
		{"le back rame à mort en recette depuis la 2.4.5, retour à la 2.4.4 stp", nil, "action rollback app=api env=staging version=2.4.4"},
		{"rollback api foo", nil, "action rollback app=api bad=foo"},
		{"rollback api prod to 2.4.4x", nil, "action rollback app=api env=production bad=2.4.4x"},
		{"deploy api foo to staging", nil, "action deploy app=api env=staging bad=foo"},
	})
}
