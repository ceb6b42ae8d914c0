package router_test

import "testing"

// TestSession9Readings holds, in other words than the evaluation sets',
// the readings session 9 fixed.
func TestSession9Readings(t *testing.T) {
	approveEn := []string{"approve", "❌ several deployments wait for your approval: #3 (api → production), #4 (web → production). Which one?"}
	denyFr := []string{"refuse", "Quel déploiement ? #7 (api → staging), #9 (web → staging)"}
	cancelEn := []string{"cancel", "Which deployment? #12 (api → staging), #13 (api → production)"}
	rollbackAsk := []string{"rollback the backend in prod", "Two good versions to go back to: 2.2.0, 2.1.4. Which version?"}
	projectAsk := []string{"deploy 4.0.0 to staging", "Which project? api or web?"}
	planFr := []string{"rollback web prod", "Rollback web → production vers v3.0.1 (#52). Confirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		// A deployment chosen from the bot's list by what it is or by
		// its rank; one that fits two asks again.
		{"the api one", approveEn, "command approve id=3"},
		{"celui du site", denyFr, "command deny id=9"},
		{"le back", denyFr, "command deny id=7"},
		{"the production one", cancelEn, "command cancel decline=yes id=13"},
		{"the last one", approveEn, "command approve id=4"},
		{"le deuxième", denyFr, "command deny id=9"},
		{"the api one", cancelEn, "command cancel decline=yes"},
		// A version asked at the end of the bot's reply.
		{"2.1.4", rollbackAsk, "action rollback app=api env=production version=2.1.4"},
		{"la 2.2.0", rollbackAsk, "action rollback app=api env=production version=2.2.0"},
		// An answer corrected on the way.
		{"web... non attends, l'api", projectAsk, "action deploy app=api env=staging version=4.0.0"},
		{"api, I mean web", projectAsk, "action deploy app=web env=staging version=4.0.0"},
		// A yes in a hurry.
		{"oui oui vite", planFr, "command confirm id=52"},
		{"yes, right away", planFr, "command confirm id=52"},
		{"non pas maintenant", planFr, "command cancel decline=yes id=52"},
		// A second order joined to the first does not put it off.
		{"deploy web 3.2.0 to staging and tell Marc when it's done", nil, "action deploy app=web env=staging version=3.2.0"},
		{"rollback l'api en prod puis verrouille-la jusqu'à lundi", nil, "action rollback app=api env=production"},
		{"deploy web 3.2.0 to staging when QA is done", nil, "question staging"},
		// A command's first word mistyped; a read command with its
		// purpose after it.
		{"lsit locks", nil, "command list what=locks"},
		{"history of web, I have to write the monthly report", nil, "command history app=web"},
		{"audit de la semaine, c'est pour le client", nil, "command audit since=week"},
		// A numbered answer of the bot is its turn, not a request.
		{"et pour le site ?", []string{"how do we roll back api?", "Rollback procedure of api: 1. Point the router back to the previous release. 2. Watch the error rate, then tell #api."}, "question rollback"},
		// A deploy's clause that names the freeze orders the deploy.
		{"mets l'api en recette pendant le gel, c'est juste pour tester", nil, "action deploy app=api env=staging"},
		{"deploy web to staging during the freeze, QA only", nil, "action deploy app=web env=staging"},
		{"gel du site en prod, le client fait sa compta", nil, "command freeze app=web env=production reason=le client fait sa compta"},
		// Going back to the version before, said by the team.
		{"on revient à la version précédente du site en prod", nil, "action rollback app=web env=production"},
		// A clause that points back to the version named before it.
		{"the hotfix is tagged 2.4.1, put it on staging for the api", nil, "action deploy app=api env=staging version=2.4.1"},
		{"le correctif est dans la 3.0.2, mets-la en recette pour le site", nil, "action deploy app=web env=staging version=3.0.2"},
		{"put web 4.1.0 on staging so the client can test it on Monday", nil, "action deploy app=web env=staging version=4.1.0"},
		// A request, then a remark that names and orders nothing; a
		// remark that takes it back.
		{"Petit récap : la 2.3.0 du site corrige le panier et elle est validée en recette. Tu peux la passer en prod stp ? Je reste dispo cet aprem.", nil, "action deploy app=web env=production version=2.3.0"},
		{"ship api 2.0.0 to prod. just kidding.", nil, "question production"},
		{"rollback le site en prod. c'est une blague hein.", nil, "question rollback"},
		// A celebration or a wish, whatever it names; not with an order,
		// a fault or a question.
		{"enfin en prod 🎉 bravo l'équipe", nil, "smalltalk"},
		{"well done on the staging demo everyone 👏", nil, "smalltalk"},
		{"joyeuses fêtes à tous 🎄", nil, "smalltalk"},
		{"bienvenue Hugo ! 🎉", nil, "smalltalk"},
		{"bravo, maintenant déploie le site en prod", nil, "action deploy app=web env=production"},
		{"wow prod is down", nil, "question rollback"},
		{"bravo pour la MEP, on peut faire pareil pour le site ?", nil, "question orchestrator"},
		// The client named beside nothing of the domain.
		{"qui prend l'appel client de 16h ?", nil, "unknown"},
		{"the client loved the new colours", nil, "unknown"},
		// The release notification to the client; the status page's
		// for an outage.
		{"comment on prévient le client après une MEP ? il y a un modèle de notif ?", nil, "question orchestrator"},
		// Whether one may, asked last, with its moment.
		{"il est 18h30 un vendredi et Paul veut livrer le site en prod, on a le droit ?", nil, "question orchestrator"},
		{"Marc wants to push the api hotfix to prod on Saturday morning, is that allowed?", nil, "question orchestrator"},
		// What to watch after a release, asked after an incident.
		{"for the post-mortem: which metrics should we have watched after the release?", nil, "question orchestrator"},
		// A setting's value without the word of time after it.
		{"pour l'agence, la stratégie c'est rolling désormais", nil, "command context key=strategy scope=agency value=rolling what=set"},
		{"set the agency pipeline to github-actions from now on", nil, "command context key=pipeline scope=agency value=github-actions what=set"},
		// Of two versions, the one going back goes to; the one said to
		// run is never the target.
		{"take the site back to 3.1.0 in prod, 3.1.1 is double-charging", nil, "action rollback app=web env=production version=3.1.0"},
		{"deploy web 3.0.0 to staging, prod runs 2.9.0", nil, "action deploy app=web env=staging version=3.0.0"},
		{"ship api 2.2.0 to staging, staging has 2.1.0 today", nil, "action deploy app=api env=staging version=2.2.0"},
		// A state told orders nothing.
		{"le back tourne en 2.4.0 en prod", nil, "question rollback"},
		{"web staging runs 3.2.0", nil, "question staging"},
		{"the api in prod is on 2.6.1 now", nil, "question rollback"},
		{"la prod est en 2.6.1, repasse-la en 2.6.0", nil, "action rollback env=production version=2.6.0"},
		// The reason a question of the bot asks for.
		{"the load tests are red", []string{"deny 31", "Why do you deny #31? (the requester sees the reason)"}, "command deny id=31 reason=the load tests are red"},
		{"c'est réparé", []string{"unlock api production", "Unlocking needs a reason: unlock api production: REASON"}, "command unlock app=api env=production reason=c'est réparé"},
		// Whether a version runs somewhere is the state; the order after
		// it takes that version, or what runs there.
		{"is 2.5.0 of the web on staging yet?", nil, "command status app=web env=staging"},
		{"ok ship it to staging", []string{"is 2.5.0 of the web on staging yet?", "web staging runs 2.4.9; 2.5.0 has not been deployed there."}, "action deploy app=web env=staging version=2.5.0"},
		{"ok pousse-la en prod", []string{"qu'est-ce qui tourne en recette sur l'api ?", "api staging : 2.0.0 ✅"}, "action deploy app=api env=production from=staging"},
		// The runbook talked of among the deliverables or quoted.
		{"on livre quoi au client à la fin ? le runbook ?", nil, "question orchestrator"},
		{"le runbook du site stp", nil, "command runbook app=web"},
		// Writing a text of the release is no script to write.
		{"how should I write the changelog for the client?", nil, "question orchestrator"},
		{"how do I write the deploy script for web?", nil, "question devops"},
		// A decision on the deployment the bot's reply says waits for an
		// approval, by its pronoun.
		{"approve it", []string{"deploy web 3.1.0 to prod", "Deployment #44 is waiting for approval from bob or carol."}, "command approve id=44"},
		{"valide-le", []string{"déploie le site en prod", "Le déploiement #45 attend l'approbation de bob."}, "command approve id=45"},
		{"approuve-le", nil, "command approve"},
		// Who changed a setting, with or without its project and period.
		{"qui a modifié l'approbation ce mois-ci ?", nil, "command audit key=approval since=month"},
		{"who changed the strategy this week?", nil, "command audit key=strategy since=week"},
		{"who set the pipeline of web?", nil, "command audit app=web key=pipeline"},
		// The agency's interview, said in words of its own.
		{"let's configure the agency settings, ask away", nil, "command interview scope=agency"},
		{"on configure les conventions de l'agence", nil, "command interview scope=agency"},
		// Wishes, introductions and jokes, whatever they name.
		{"joyeux noël deploybot 🎄", nil, "smalltalk"},
		{"hello, I'm Inès, the new front dev, nice to meet you, enchantée", nil, "smalltalk"},
		{"raconte une blague, la nuit a été longue", nil, "smalltalk"},
		// A setting changed with its key before its project, or without
		// its value; the value the bot asks for.
		{"change the strategy of web to canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
		{"passe la stratégie de l'api en blue-green", nil, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"modifie l'approbation du site", nil, "command context app=web key=approval scope=project what=set"},
		{"rolling", []string{"change la stratégie du site", "Quelle valeur de stratégie pour le projet web ? recreate, rolling, blue-green, canary"}, "command context app=web key=strategy scope=project value=rolling what=set"},
		{"non", []string{"set the staging first for api", "Which value of staging first for project api? yes or no"}, "command context app=api key=staging_first scope=project value=no what=set"},
		{"oui bien sûr", []string{"set the staging first for api", "Which value of staging first for project api? yes or no"}, "command context app=api key=staging_first scope=project value=yes what=set"},
		{"non", []string{"change la stratégie du site", "Quelle valeur de stratégie pour le projet web ? recreate, rolling, blue-green, canary"}, "command cancel decline=yes"},
		{"named", []string{"set the approval for api production", "Which approval for api production? none, four-eyes or named?"}, "command context app=api env=production key=approval scope=environment value=named what=set"},
		// An order on what the conversation named, by its pronoun.
		{"bon ben pousse-la en recette", []string{"la 4.0.1 de l'api est en recette ?", "api staging : 4.0.0 ; la 4.0.1 n'y a pas été déployée."}, "action deploy app=api env=staging version=4.0.1"},
		{"mets-le en prod stp", nil, "action deploy env=production"},
		// Who approves a MEP: production's approvers.
		{"qui valide une MEP de l'api ?", nil, "command context app=api env=production what=approvers"},
		// A command run by hand on a server is devops'; a strategy asked
		// about, no going back, production's.
		{"comment je déploie à la main sur le serveur, c'est quoi la commande ?", nil, "question devops"},
		{"le blue-green ça marche avec une seule machine en prod ?", nil, "question production"},
		// A read command after another, of the same project; a diff asked.
		{"and the history?", []string{"status web"}, "command history app=web"},
		{"history", []string{"status web"}, "command history"},
		{"et la diff avec la prod ?", []string{"statut de l'api"}, "command diff app=api a=staging b=production"},
		// The same trail or figures, for another period or project.
		{"et le mois dernier ?", []string{"qui a fait quoi cette semaine ?"}, "command audit since=month"},
		{"only for web", []string{"audit this week"}, "command audit app=web since=week"},
		{"and for the whole month?", []string{"dora figures for api this week"}, "command dora app=api period=month"},
	})
}

// TestAttack10 holds the attacker's probes of session 9's rules that read
// an order, or the wrong target, where none was meant (in other words
// than the probes').
func TestAttack10(t *testing.T) {
	versions := []string{"rollback web prod", "Two good versions to go back to: 3.4.0, 3.3.2. Which version?"}
	list := []string{"approve", "❌ several deployments wait for your approval: #5 (api → production), #6 (web → production). Which one?"}
	plan := []string{"deploy web 3.4.0 to prod", "Deploy web → production v3.4.0 (#61). Confirm? Answer yes within 2 minutes (or no)."}
	value := []string{"change the pipeline of api", "Which value of pipeline for project api?"}
	checkReadings(t, []reading{
		// A version named to refuse it or to point elsewhere.
		{"3.4.0 is the one that broke", versions, "unknown"},
		{"pas la 3.4.0, elle est cassée", versions, "unknown"},
		{"the one before 3.4.0", versions, "unknown"},
		{"3.3.2", versions, "action rollback app=web env=production version=3.3.2"},
		// A choice denied, asked, put off or hedged chooses nothing.
		{"not the api one", list, "question production"},
		{"the api one, after lunch", list, "question orchestrator"},
		{"api?", list, "question orchestrator"},
		// Sarcasm is no yes.
		{"yeah right", plan, "unknown"},
		// A value put off, delegated or doubted is none: the bot asks again.
		{"ask Marc", value, "command context app=api key=pipeline scope=project value= what=set"},
		{"aucune idée", value, "command context app=api key=pipeline scope=project value= what=set"},
		{"jenkins... non attends, gitlab-ci", value, "command context app=api key=pipeline scope=project value=gitlab-ci what=set"},
		{"change the pipeline of api to jenkins?", nil, "question devops"},
		// A joke denied keeps the order; one told takes it back.
		{"sans blague, rollback le site en prod", nil, "action rollback app=web env=production"},
		{"joking aside, lock api prod", nil, "command lock app=api env=production"},
		{"rollback web prod... je plaisante", nil, "question rollback"},
		{"ship web to prod, j/k", nil, "question production"},
		// A condition or a wait after the order.
		{"déploie l'api 2.0.0 en prod et préviens Marc, enfin seulement si la recette est ok", nil, "question production"},
		{"push web 3.1.0 to prod after the client has signed off", nil, "question production"},
		{"ship web 3.1.0 to prod after lunch", nil, "question production"},
		{"rollback api prod, it broke after lunch", nil, "action rollback app=api env=production"},
		{"deploy api 2.0.0 to production next week", nil, "question production"},
		{"Can you ship the api to prod please? Actually, wait for Léa.", nil, "question production"},
		{"le hotfix sera tagué 2.4.1, Paul la mettra en recette pour l'api", nil, "question staging"},
		// Two orders in one message, or a plan of them: none is planned.
		{"deploy web 3.1.0 to staging and deploy api 2.5.0 to production", nil, "question staging"},
		{"deploy web, lock api prod", nil, "question production"},
		{"tomorrow deploy web to production and then lock it", nil, "question orchestrator"},
		{"the plan is to roll back web and then lock it", nil, "question orchestrator"},
		// A report, then the command.
		{"deploy done, lock web prod", nil, "command lock app=web env=production"},
		// A version denied is no target.
		{"ship api 2.7.2 to prod, not 2.7.1", nil, "action deploy app=api env=production version=2.7.2"},
		{"rollback le site en prod mais pas vers la 3.0.1, prends la 3.0.0", nil, "action rollback app=web env=production version=3.0.0"},
		{"deploy web to production? and then lock it? no", nil, "question orchestrator"},
	})
}

// TestAttack11 holds the second attacker's probes of session 9's newest
// rules, in other words than the probes'.
func TestAttack11(t *testing.T) {
	waiting := []string{"déploie l'api en prod", "Le déploiement #46 attend l'approbation de carol."}
	value := []string{"change the channel of web", "Which value of channel for project web?"}
	versions := []string{"rollback web staging", "Two good versions to go back to: 4.2.0, 4.1.9. Which version?"}
	list := []string{"approve", "❌ several deployments wait for your approval: #8 (api → production), #9 (web → production). Which one?"}
	checkReadings(t, []reading{
		// A cancel or a refusal by its pronoun is no rollback.
		{"annule-le", waiting, "command cancel id=46"},
		{"cancel it please", nil, "command cancel decline=yes"},
		{"refuse-le", waiting, "command deny id=46"},
		{"deny it", waiting, "command deny id=46"},
		// A reply that says a deployment waits no more names none.
		{"approve it", []string{"deploy api to prod", "Deployment #47 no longer waits for approval: it was cancelled."}, "command approve"},
		// A free-text value hedged, delegated or put off is none; one
		// corrected is what follows the correction.
		{"#ops je crois", value, "command context app=web key=channel scope=project value= what=set"},
		{"probably #web-deploys", value, "command context app=web key=channel scope=project value= what=set"},
		{"#web next week", value, "command context app=web key=channel scope=project value= what=set"},
		{"#ops... no, #web-deploys", value, "command context app=web key=channel scope=project value=#web-deploys what=set"},
		{"#web-deploys", value, "command context app=web key=channel scope=project value=#web-deploys what=set"},
		// A version refused in other words.
		{"4.2.0 is the bad one", versions, "unknown"},
		{"la 4.2.0 est pourrie", versions, "unknown"},
		{"4.1.9", versions, "action rollback app=web env=staging version=4.1.9"},
		// A choice corrected.
		{"the first one... no, the second", list, "command approve id=9"},
		{"9, no load tests yet", []string{"deny", "Which deployment? #8 or #9?"}, "command deny id=9 reason=no load tests yet"},
		// A deploy and a lock in one message plan neither; a command with
		// an order as its reason neither ("deny #12, deploy web to prod"
		// denied the waiting web deployment).
		{"ship web to staging and lock the api in prod", nil, "question orchestrator"},
		{"refuse le 14, déploie le site en prod", nil, "question production"},
		{"unlock web prod, ship api to staging", nil, "question staging"},
		{"deny 14, the load tests are red", nil, "command deny id=14 reason=the load tests are red"},
		{"unlock web prod, deploy done", nil, "command unlock app=web env=production reason=deploy done"},
	})
}
