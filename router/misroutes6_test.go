package router_test

import (
	"testing"

	"deploybot"
)

// TestSession6Readings holds, in other words than the evaluation sets',
// the readings session 6 fixed from routing_holdout14's misses.
func TestSession6Readings(t *testing.T) {
	checkReadings(t, []reading{
		// A shortened name after a determiner names the project of a
		// command too, not only of an action.
		{"statut du back ?", nil, "command status app=api"},
		{"lock the back in prod: db migration", nil, "command lock app=api env=production reason=db migration"},
		{"historique du front", nil, "command history app=web"},
		// An order said as its noun stands when the past is told in
		// another clause; the environment a validation is told of is no
		// target.
		{"MEP de l'api en 3.0.1 stp, QA a tout validé en recette", nil, "action deploy app=api env=production version=3.0.1"},
		{"la préprod est validée. MEP du front", nil, "action deploy app=web env=production from=staging"},
		{"deploy web 2.0.0 to prod, QA tested staging", nil, "action deploy app=web env=production version=2.0.0"},
		// A message that is one code span is the command typed in code
		// style; one quoted among other words is no order.
		{"`deploy api 3.0.1 to staging`", nil, "action deploy app=api env=staging version=3.0.1"},
		{"```rollback web prod```", nil, "action rollback app=web env=production"},
		{"type `rollback web prod` to go back", nil, "question rollback"},
		// A light verb orders the noun after it, with or without a
		// project; the answers to the questions back complete it.
		{"fais un rollback stp", nil, "action rollback"},
		{"trigger a rollback", nil, "action rollback"},
		{"lance le déploiement du front", nil, "action deploy app=web"},
		{"le front", []string{"fais un rollback", "Quel projet ? api ou web ?"}, "action rollback app=web"},
		{"la 4.0.0", []string{"MEP du front", "Quelle version ?"}, "action deploy app=web env=production version=4.0.0"},
		// A promotion said in answer, of the project asked about.
		{"from preprod to prod", []string{"promote api", "From which environment to which?"}, "action deploy app=api env=production from=staging"},
		{"de la recette vers la prod", []string{"déploie le front", "Quel environnement ?"}, "action deploy app=web env=production from=staging"},
		// A plan changed in answer to its "Confirm?": a new plan.
		{"non, plutôt la 3.2.1", planFr, "action deploy app=web env=production version=3.2.1 replaces=41"},
		{"en fait mets-le en recette", planFr, "action deploy app=web env=staging version=3.2.0 replaces=41"},
		{"attends, fais plutôt un rollback", planFr, "action rollback app=web env=production replaces=41"},
		// A reminder's text may name another command.
		{"remind #ops every friday at 4pm to review pending approvals", nil, "command reminders channel=#ops dow=5 hour=16 minute=0 op=add text=review pending approvals"},
		// A setting said as a rule from now on.
		{"from now on the site's strategy is canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
		{"dorénavant pour l'api, la stratégie c'est blue-green", nil, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"the site's strategy is canary", nil, "question production"},
		// The action on what the state was asked of.
		{"roll it back then", []string{"what runs on staging for web?"}, "action rollback app=web env=staging"},
		// The reason the bot asked for.
		{"migration en cours", []string{"lock web prod", "Donnez une raison : « lock api prod : incident en cours »."}, "command lock app=web env=production reason=migration en cours"},
		// What an action lacks, from the incident told before it.
		{"reviens à la 4.1.0 stp", []string{"l'api est en rade en recette", "c'est la release de 9h, la 4.2.0"}, "action rollback app=api env=staging version=4.1.0"},
		{"roll back web", []string{"web is throwing 500s in prod since the deploy"}, "action rollback app=web env=production"},
		{"roll back api", []string{"web is throwing 500s in prod since the deploy"}, "action rollback app=api"},
		{"rollback", []string{"how do canary releases work in prod?"}, "action rollback"},
		// Emoji answer a plan.
		{"👍🏼", planFr, "command confirm id=41"},
		{"✅", planEn, "command confirm id=52"},
		{"👎", planEn, "command cancel decline=yes id=52"},
		// A project's name that starts like "back" is no going back.
		{"backoffice", nil, "unknown"},
		{"the backend", []string{"how do we roll back?", "For which project?"}, "question rollback"},
		// Going back said by the team, or as its noun before the incident.
		{"on revient à la 1.9.0 sur l'api", nil, "action rollback app=api version=1.9.0"},
		{"on fait un rollback du site", nil, "action rollback app=web"},
		{"retour arrière du front en prod, le panier est en panne", nil, "action rollback app=web env=production"},
		{"RB de l'api en prod", nil, "action rollback app=api env=production"},
		// Commands said in more ways.
		{"qui a touché à quoi aujourd'hui ? l'audit stp", nil, "command audit since=today"},
		{"audit of api, this month please", nil, "command audit app=api since=month"},
		{"who approves the site?", nil, "command context app=web what=approvers"},
		{"nah, deny #12: no load tests", nil, "command deny id=12 reason=no load tests"},
		{"non, refuse la 12 : pas de recette", nil, "command deny id=12 reason=pas de recette"},
		{"écart recette/prod de l'api", nil, "command diff app=api a=staging b=production"},
		{"gel général, l'hébergeur est en panne", nil, "command freeze all=yes reason=l'hébergeur est en panne"},
		{"gèle les MEP du site : audit sécu", nil, "command freeze app=web env=production reason=audit sécu"},
		{"afficher la liste des rappels", nil, "command reminders op=list"},
		{"oublie l'approbation de l'api et remets celle par défaut", nil, "command reset app=api key=approval scope=project"},
		{"forget the site's strategy, back to the default", nil, "command reset app=web key=strategy scope=project"},
		{"wat can u do", nil, "command help"},
		// Urgent orders said with their situation.
		{"security fix: deploy the backend v3.0.2 to prod asap, CVE in a dependency", nil, "action deploy app=api env=production version=v3.0.2"},
		{"urgence : fuite mémoire dans le back 3.0.1, rollback de la prod", nil, "action rollback app=api env=production"},
		{"the cart is broken in prod and 5.1.1 fixes it, ship the site to production now", nil, "action deploy app=web env=production version=5.1.1"},
		{"correctif 3.0.2 pour le back, direct en prod, plus personne ne peut se connecter", nil, "action deploy app=api env=production version=3.0.2"},
		{"roll back api to 3.0.0, the leak is in 3.0.1", nil, "action rollback app=api version=3.0.0"},
		// A reminder's channel after its schedule, its text after a colon.
		{"ajoute un rappel chaque mardi à 10h dans #ops : pas de MEP avant la démo", nil, "command reminders channel=#ops dow=2 hour=10 minute=0 op=add text=pas de MEP avant la démo"},
		{"add a reminder every monday 9am on #web: check the staging data", nil, "command reminders channel=#web dow=1 hour=9 minute=0 op=add text=check the staging data"},
		{"remind me every friday at 5pm to post in #deploys", nil, "command reminders dow=5 hour=17 minute=0 op=add text=post in #deploys"},
		// A decision after a no, with its reason after a dash.
		{"nah, deny #40 - wait for the client", nil, "command deny id=40 reason=wait for the client"},
		{"what version of the site is on prod rn", nil, "command status app=web env=production"},
		// Wishes open an order; answers complete it.
		{"je voudrais déployer", nil, "action deploy"},
		{"I want to deploy", nil, "action deploy"},
		{"staging", []string{"je veux déployer", "Quel projet ?", "le front", "Quel environnement ?"}, "action deploy app=web env=staging"},
		{"web, staging only", []string{"history", "Which project?"}, "command history app=web env=staging"},
		{"preprod vs prod", []string{"diff web", "Between which environments?"}, "command diff app=web a=staging b=production"},
		{"diff", nil, "command diff"},
		// Asking whether a moment is fine is the windows' question.
		{"MEP jeudi 10h ça passe ?", nil, "question orchestrator"},
		{"ok to deploy web sat 9am??", nil, "question orchestrator"},
		{"c'est quand le prochain créneau conseillé ?", nil, "question orchestrator"},
		// Praise is small talk.
		{"bravo pour la mise en prod 🎉", nil, "smalltalk"},
		{"congrats on the release everyone", nil, "smalltalk"},
		{"rolling or recreate for the api?", nil, "question production"},
		{"merci pour le coup de main cette nuit, tu m'as sauvé", nil, "smalltalk"},
		{"incident closed", []string{"unlock web prod", "With what reason?"}, "command unlock app=web env=production reason=incident closed"},
		// Locks and freezes asked about are the orchestrator's; a table's
		// lock is a migration's.
		{"how does the lock on an environment work?", nil, "question orchestrator"},
		{"should I lock web staging while QA tests? asking @sam", nil, "question orchestrator"},
		{"how do we migrate the db during a prod release without locking tables?", nil, "question production"},
		// Orders the attacker's review found missed.
		{"procède à la MEP de l'api", nil, "action deploy app=api env=production"},
		{"lance la MEP de l'api dès que possible", nil, "action deploy app=api env=production"},
		{"j'aimerais faire un rollback du site en prod", nil, "action rollback app=web env=production"},
		{"redéploie la version précédente de l'api en prod", nil, "action rollback app=api env=production"},
		{"instead roll back to 5.0.0", planEn, "action rollback app=api env=staging version=5.0.0 replaces=52"},
	})
}

// TestOrdersNotGivenSession6 holds the ways around session 6's readings:
// an order's noun with a moment told, a code span among other words.
func TestOrdersNotGivenSession6(t *testing.T) {
	checkNoOrders(t, nil, []string{
		"mise en prod du back hier, tout est validé", "la MEP d'hier a tout cassé, le client a validé trop vite",
		"depuis la MEP du site, la recette est cassée", "MEP du front il y a 2 jours, validée par le client",
		"le déploiement précédent du site a été validé", "to roll back, type `rollback web prod`",
		"`rollback web prod` is the command, don't run it", "ne tape pas `deploy api 1.0.0 to prod`",
		"je lance un rollback ?", "on fait un rollback ?", "faut-il faire un rollback du front ?",
		"on revient à la 1.9.0 ?", "on revient à la 1.9.0 sur l'api si la recette casse", "on va revenir à la 1.9.0 de l'api demain",
		"la MEP du site, le paiement plante", "on revient sur ce point plus tard",
		"le correctif 3.0.2 du back a cassé la prod", "je veux comprendre comment déployer", "je veux déployer ?",
		"ok to ship web fri 5pm??", "bravo pour la MEP, mais le panier plante",
		// session 6's attacker's review, in other words
		"je reviens", "je reviens vers vous pour la MEP du site", "back to work on the api",
		"Julie a lancé la MEP de l'api tout à l'heure", "on a déclenché un rollback du front en prod", "Sam did a rollback of web in prod",
		"I kicked off a deploy of api to staging", "le client voudrait qu'on déploie le front en prod", "the PO wants us to deploy web to prod",
		"je voulais déployer le site en recette mais la CI est rouge", "I wanted to roll back api",
		"on revient vers toi pour la MEP de l'api", "we go back to the web topic after lunch", "on revient sur la décision de MEP de l'api",
		"on revient à l'ancienne stratégie sur le site", "le hotfix 3.0.2 pour le site est parti en prod hier",
		"hotfix 3.0.2 for web went to production yesterday", "incident web prod: 3.0.2 was the fix, deployed by bob at 9:12",
		"ajoute un rappel : rollback web production",
		"from now on the site's strategy is canary?", "from now on the site's strategy is canary, said bob",
		"désormais pour l'api la stratégie c'est rolling ou canary ?", "dorénavant la stratégie du site sera rolling à partir de janvier",
		"merci pour le coup de main de cette nuit sur la prod, tu gères", "thanks for the help last night on prod, you rock", "the fix 3.0.2 for api never reached prod", "j'ai déployé le correctif 3.0.2 de l'api en prod",
	})
	// A change said to a plan that negates or defers what it names is
	// no new plan: the plan is declined or the bot asks again.
	checkNoOrders(t, planFr, []string{"non, finalement pas la 3.2.1", "en fait la 3.2.1 demain matin", "plutôt la 3.2.1 ce soir",
		"actually not 3.2.1", "rather 3.2.1 in two hours", "attends, plutôt la 3.2.1 mais pas maintenant",
		"actually production is frozen this week", "la recette est cassée en ce moment en fait",
		"on aurait dû faire la 3.2.1 plutôt", "plutôt en recette, c'est ce que voulait Carol ?", "rather staging? no"})
	// An incident told that is no incident now names nothing.
	for _, h := range []string{"le site n'est pas cassé en recette", "si le site casse en recette on fait quoi ?",
		"web was broken in prod last week", "web isn't broken in prod, it's the CDN"} {
		checkReadings(t, []reading{{"rollback le front", []string{h}, "action rollback app=web"}})
	}
}

// planEn is an English staging deploy plan waiting for its confirmation.
var planEn = []string{"deploy api 5.1.0 to staging", "Deploy api 5.1.0 → staging (#52)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}

// TestTeamsNamedLikeEnvironments reads "QA" and "UAT" as the team when they
// do something, as the environment where they are the target, with
// projects that have such environments.
func TestTeamsNamedLikeEnvironments(t *testing.T) {
	envs := []deploybot.Environment{{Name: "staging"}, {Name: "qa"}, {Name: "uat"}, {Name: "production"}}
	projects := []deploybot.Project{{Name: "api", Aliases: []string{"backend"}, Environments: envs},
		{Name: "web", Aliases: []string{"site", "front"}, Environments: envs}}
	checkReadingsOf(t, projects, []reading{
		{"UAT wants web 1.2.0 on staging, push it", nil, "action deploy app=web env=staging version=1.2.0"},
		{"QA needs the backend on staging, deploy it", nil, "action deploy app=api env=staging"},
		{"la QA a besoin du front en 2.0.1 sur staging", nil, "action deploy app=web env=staging version=2.0.1"},
		{"deploy api to qa", nil, "action deploy app=api env=qa"},
		{"uat is down for api, roll it back", nil, "action rollback app=api env=uat"},
		{"promote web from staging to uat", nil, "action deploy app=web env=uat from=staging"},
	})
}
