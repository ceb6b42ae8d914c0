package router_test

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/router"
)

// Session 17's readings, from holdout36 (read at the session's start) and
// the attacks on them.

// TestListsAndOffersSession17: a list of the bot's, one item a line, then
// "Which one?" (with the command to type after it) is answered by an id;
// "yes the first one" and "le 1er" pick a suggestion; a go-ahead after
// the bot's offer of one order types that order, an "ok" does not, and
// nothing but an action is typed this way.
func TestListsAndOffersSession17(t *testing.T) {
	approvals := []string{"approve", "Two deployments wait for your approval:\n• #61 deploy api 3.8.1 → production (karim)\n• #62 deploy web 5.3.1 → production (chloe)\nWhich one? Answer \"approve ID\"."}
	approvalsFr := []string{"approuve", "Deux déploiements attendent votre approbation :\n• #61 déployer api 3.8.1 → production (karim)\n• #62 déployer web 5.3.1 → production (chloe)\nLequel ? Répondez « approve ID »."}
	suggested := []string{"rolbak api prd", "I'm not sure what you mean. Did you mean:\n• rollback api on production\n• status api\n• help"}
	suggestedFr := []string{"deplyo webb stagign", "Je ne suis pas sûr de comprendre. Vouliez-vous dire :\n• deploy web to staging\n• status web\n• aide"}
	monitored := []string{"status api prod", "api production: 3.8.0 (#57) ⚠️ monitoring: error rate 3.2% > 0.1%, 12 min after the deploy.\nReady to roll back to 3.7.2: \"rollback api production\"."}
	cancelled := []string{"annule le déploiement du site", "Aucun déploiement de web n'attend votre décision. Pour revenir à la version précédente : « rollback web production »."}
	reminder := []string{"remind #deploys every tuesday at 9 to check staging", "Reminder #3 set. To stop it: \"delete reminder 3\"."}
	checkReadings(t, []reading{
		{"61", approvals, "command approve id=61"},
		{"le 62", approvalsFr, "command approve id=62"},
		{"yes the first one", suggested, "action rollback app=api env=production"},
		{"le 1er", suggestedFr, "action deploy app=web env=staging"},
		{"yes the first one?", suggested, "unknown"},
		{"do it", monitored, "action rollback app=api env=production"},
		{"yes", monitored, "action rollback app=api env=production"},
		{"vas-y", cancelled, "action rollback app=web env=production"},
		{"ok", cancelled, "command confirm"},
		{"non", cancelled, "command cancel decline=yes"},
		{"do it", reminder, "command confirm"},
		{"yes", []string{"help", "Try \"status\" or \"history\"."}, "command confirm"},
	})
}

// TestAlertThenOrderSession17: an alert pasted before the order (a quoted
// line, a monitoring tool's label, an error in backquotes) leaves the
// order standing, in the writer's language; a metric is no version; a
// "how long" question about promoting promotes nothing; "remets … en
// VERSION" after a fault goes back.
func TestAlertThenOrderSession17(t *testing.T) {
	checkReadings(t, []reading{
		{"api p95 4s. db cpu 100%. rollback api prod.", nil, "action rollback app=api env=production"},
		{"> [PagerDuty] CRITICAL api-prod: HTTP 5xx ratio 7.3% (threshold 1%)\nthat's the migration. rollback api prod to 3.7.2", nil, "action rollback app=api env=production version=3.7.2"},
		{"> rollback api prod to 3.7.2\nthat's what bob said", nil, "question rollback"},
		{"> rollback api prod\npas de rollback", nil, "question rollback"},
		{"> rollback api prod\ncarol said to rollback", nil, "question rollback"},
		{"> approve 61\napprove is for carol only", nil, "question orchestrator"},
		{"> [PagerDuty] CRITICAL api-prod 5xx rate 12% (threshold 2%)\nbob: rollback api prod", nil, "question rollback"},
		{"> [PagerDuty] CRITICAL api-prod 5xx rate 12%\nrollback api prod? or wait?", nil, "question rollback"},
		{"> deploy api 3.4.4 to production\nc'est ce que j'ai tapé hier et rien ne s'est passé, pourquoi ?", nil, "question production"},
		{"spam: unfreeze production", nil, "question orchestrator"},
		{"Sentry: bob: rollback api prod", nil, "question rollback"},
		{"Datadog: deploy web 5.3.1 to production?", nil, "question production"},
		{"monitoring : rollback de l'api en prod effectué", nil, "question rollback"},
		{"spam: FREE BITCOIN deploy api to production", nil, "question production"},
		{"`FIXME deploy web 5.3.1 to production`", nil, "question production"},
		{"`the fix: rollback api production`", nil, "question rollback"},
		{"`rollback api production`", nil, "action rollback app=api env=production"},
		{"> rollback api prod", nil, "question rollback"},
		{"Sentry spam: `OperationalError: could not connect to server: Connection refused (db-new-01:5432)` x 2,4k\n\nrollback du backend en prod stp", nil, "action rollback app=api env=production"},
		{"the syntax is `rollback api prod`", nil, "question rollback"},
		{"bob: rollback api prod", nil, "question rollback"},
		{"combien de temps on laisse tourner une version en staging avant de la promouvoir ?", nil, "question staging"},
		{"le client rappelle Sophie pour la 5e fois, le site est toujours en erreur 500 sur /compte. Remets le site en 5.2.4 en prod", nil, "action rollback app=web env=production version=5.2.4"},
	})
}

// TestPlanCorrectionsSession17: a plan changed by "yes but …", "c'est la
// prod qu'il faut …", a promotion instead, a wrong sha, or a new version
// with why the old will not do.
func TestPlanCorrectionsSession17(t *testing.T) {
	prod := []string{"deploy api 3.8.2 to prod", "Deploy api 3.8.2 → production (#67)\n*Rules*:\n✅ recommended window\n🔐 approval by carol (named)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rb := []string{"rollback api staging", "Rollback api → 3.7.2 en staging (#68)\n✅ 3.7.2 est bonne en staging\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	sha := []string{"deploy api a3f9c21 to staging", "Deploy api a3f9c21 → staging (#69)\n*Rules*:\n✅ no approval needed on staging\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	prodFr := []string{"déploie l'api en prod", "Déployer api 3.8.2 → production (#70)\n*Règles* :\n✅ fenêtre recommandée\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	hotfix := []string{"hotfix api 3.8.3 en prod", "Déployer api 3.8.3 → production (#74)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"hmm no, promote what's on staging instead", prod, "action deploy app=api env=production from=staging replaces=67"},
		{"non, c'est la prod qu'il faut rollback", rb, "action rollback app=api env=production replaces=68"},
		{"non, c'est la prod", rb, "action rollback app=api env=production replaces=68"},
		{"non, la recette est ok", rb, "command cancel decline=yes id=68"},
		{"oops wrong sha, 7c1d0e4", sha, "action deploy app=api env=staging version=7c1d0e4 replaces=69"},
		{"non, la 3.8.1, la 3.8.2 n'est pas passée en recette", prodFr, "action deploy app=api env=production version=3.8.1 replaces=70"},
		{"yes but on staging, not prod", prod, "action deploy app=api env=staging version=3.8.2 replaces=67"},
		{"oui mais la 3.8.4, pas la 3.8.3", hotfix, "action deploy app=api env=production version=3.8.4 replaces=74"},
		{"yes but with 4.2.0", prod, "action deploy app=api env=production version=4.2.0 replaces=67"},
		{"yes but not now", prod, "unknown"},
	})
}

// TestAnswerLanguageSession17: a pick or a go-ahead speaks the
// conversation's language; an order after a pasted error, the writer's.
func TestAnswerLanguageSession17(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text    string
		history []string
		want    deploybot.Lang
	}{
		{"le 1er", []string{"deplyo webb stagign", "Je ne suis pas sûr de comprendre. Vouliez-vous dire :\n• deploy web to staging\n• status web\n• aide"}, deploybot.French},
		{"vas-y", []string{"annule le déploiement du site", "Aucun déploiement de web n'attend votre décision. Pour revenir à la version précédente : « rollback web production »."}, deploybot.French},
		{"Sentry spam: `OperationalError: could not connect to server: Connection refused (db-new-01:5432)` x 2,4k\n\nrollback du backend en prod stp", nil, deploybot.French},
		{"> [PagerDuty] le site est en erreur\nroll back web prod now please", nil, deploybot.English},
	} {
		if got := r.Parse(context.Background(), tt.text, tt.history).Lang; got != tt.want {
			t.Errorf("%q %q: lang %s, want %s", tt.text, tt.history, got, tt.want)
		}
	}
}

// TestYesInOtherWordsSession17: a yes to a plan that names the plan's own
// action or adds a remark confirms it; one that puts it off, thanks,
// names someone or orders something else does not.
func TestYesInOtherWordsSession17(t *testing.T) {
	rb := []string{"rollback de l'api en prod", "Rollback api → 3.7.2 en production (#63)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	prod := []string{"deploy api 3.8.2 to prod", "Deploy api 3.8.2 → production (#67)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"go go go, le client attend", rb, "command confirm id=63"},
		{"oui rollback", rb, "command confirm id=63"},
		{"go pour le rollback", rb, "command confirm id=63"},
		{"oui, fais le rollback", rb, "command confirm id=63"},
		{"oui cette fois c'est bon", rb, "command confirm id=63"},
		{"yes, this time it's good", prod, "command confirm id=67"},
		{"go for the deploy", prod, "command confirm id=67"},
		{"oui, laisse-moi vérifier", rb, "unknown"},
		{"ok, merci", rb, "unknown"},
		{"yes, I'll ask carol", prod, "unknown"},
		{"go go, after lunch", prod, "unknown"},
		{"oui deploy", rb, "question orchestrator"},
		{"yes, deploy web too", prod, "action deploy app=web"},
	})
}

// TestOtherRequestsSession17: a state that names one environment gives
// a rollback its own; a decision on a named person's request of a
// project; "rn"; advice asked about the delivery figures; servers and
// databases to build, restore or resize are devops'.
func TestOtherRequestsSession17(t *testing.T) {
	state := []string{"qu'est-ce qui tourne en prod ?", "En production : api 3.8.0 (#57, par karim à 22:10), web 5.3.0 (#55, par chloe à 11:30)."}
	plan := []string{"deploy api 3.8.1 to staging", "Deploy api 3.8.1 → staging (#71)\n*Rules*:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"ok rollback l'api en 3.7.2", state, "action rollback app=api env=production version=3.7.2"},
		{"déploie le site 5.3.1", state, "action deploy app=web version=5.3.1"}, // a deploy names its own environment
		{"and make it 3.8.2, just tagged", plan, "action deploy app=api env=staging version=3.8.2 replaces=71"},
		{"wrong sha, 7c1d0e4", plan, "action deploy app=api env=staging version=7c1d0e4 replaces=71"},
		{"make it 3.8.2, tomorrow", plan, "unknown"}, // a change for later orders nothing now
		{"approve karim's api deploy", nil, "command approve app=api by=karim"},
		{"approuve le déploiement de l'api de Léa", nil, "command approve app=api by=lea"},
		{"approve the api deploy by karim", nil, "command approve app=api by=karim"},
		{"approve yesterday's api deploy", nil, "question orchestrator"},
		{"approve the api deploy by mistake", nil, "question orchestrator"},
		{"approve karim's deploy", nil, "question orchestrator"},
		{"approuve le déploiement de l'api de demain", nil, "question orchestrator"},
		{"whats pending rn?", nil, "command pending"},
		{"our change failure rate is 40% this week 😬 what are we doing wrong?", nil, "question orchestrator"},
		{"what's our change failure rate?", nil, "command dora"},
		{"comment on track le MTTR après un incident de deploy ?", nil, "question rollback"},
		{"peux-tu créer l'instance RDS pour la nouvelle base ?", nil, "question devops"},
		{"restore last night's pg backup on the db server please", nil, "question devops"},
		{"configure pgbouncer on the new db host, max 200 connections", nil, "question devops"},
		{"how do I restore the database after a failed migration?", nil, "question rollback"},
		{"on a restauré la base mais il manque les inscriptions de la dernière heure, on les récupère comment ?", nil, "question rollback"},
		{"api p1 incident, rollback api prod", nil, "action rollback app=api env=production"},
	})
}

// TestOffTopicSession17: errands, parties, translations and a page's
// design are not understood; a thanks for what was needed is small talk.
func TestOffTopicSession17(t *testing.T) {
	checkReadings(t, []reading{
		{"the client wants the logo bigger on the homepage", nil, "unknown"},
		{"the logo is broken on the site", nil, "question rollback"},
		{"c'est quoi la recette de la blanquette ?", nil, "unknown"},
		{"c'est quoi la recette du site ?", nil, "question staging"},
		{"traduis « fenêtre de maintenance » en allemand stp", nil, "unknown"},
		{"can someone water the plants, I'm stuck on the migration", nil, "unknown"},
		{"c'est l'anniv de Julien vendredi, on cotise ?", nil, "unknown"},
		{"la machine à café est encore en panne 😤", nil, "unknown"},
		{"thanks, that's what I needed", nil, "smalltalk"},
		{"thanks, that's what I deploy", nil, "question orchestrator"},
	})
}

// TestDatesAheadSession17: a deploy or a rollback for a date is no order
// now (the bot does not schedule); a decision "pour le 24" with its
// project names a date, not deployment #24, while "approuve le 62" and
// "coche tests pour le 17" name deployments; a freeze "du jeudi 24 au
// lundi 28 décembre" keeps both days.
func TestDatesAheadSession17(t *testing.T) {
	checkReadings(t, []reading{
		{"déploie le site 2.5.0 en prod le 24", nil, "question production"},
		{"deploy web 2.5.0 to prod on the 24th", nil, "question production"},
		{"deploy web 2.5.0 to prod on Dec 24", nil, "question production"},
		{"déploie le site 2.5.0 en prod le 24 décembre", nil, "question production"},
		{"déploie le site en prod jeudi 24", nil, "question production"},
		{"rollback web prod le 24", nil, "question rollback"},
		{"deploy web 2.5.0 to prod", nil, "action deploy app=web env=production version=2.5.0"},
		{"deploy web v24 to staging", nil, "action deploy app=web env=staging version=v24"},
		{"rollback api to the 23rd build", nil, "action rollback app=api"},
		{"rollback api prod, it broke on the 23rd", nil, "action rollback app=api env=production"},
		{"bon. apres 3 jours de recette on est enfin bons, tu peux pousser le site en prod", nil, "action deploy app=web env=production from=staging"},
		{"approuve le site pour le 24", nil, "question orchestrator"},
		{"approuve le 62", nil, "command approve id=62"},
		{"annule le 10", nil, "command cancel id=10"},
		{"approve 24", nil, "command approve id=24"},
		{"coche tests et migrations pour le 27", nil, "command tick id=27 items=tests migrations"},
		{"gèle la prod du jeudi 24 au lundi 28 décembre : vacances", nil, "command freeze env=production dates=24/12 28/12 reason=vacances"},
	})
}

// TestAttackOnSession17Rules: the first attack on this session's rules —
// a yes with a remark confirms only for urgency or readiness; an offer
// is the bot's own and a go-ahead says go; a correction's remark must say
// something good of the new value; a state gives its environment to a
// bare rollback only.
func TestAttackOnSession17Rules(t *testing.T) {
	plan := []string{"deploy api 3.8.2 to production", "Deploy api 3.8.2 → production (#67)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	offer := []string{"annule le déploiement du site", "Aucun déploiement de web n'attend votre décision. Pour revenir à la version précédente : « rollback web production »."}
	state := []string{"what's in prod?", "En production : api 3.8.0 (#57, déployée hier par alice), web 5.3.0 (#58, déployée lundi par bob)."}
	readings := []reading{
		{"yes, the client is waiting", plan, "command confirm id=67"},
		{"yes, nah", plan, "command cancel decline=yes id=67"},
		{"oui, bonne nuit", plan, "smalltalk"},
		{"yes, the CI is red", plan, "question devops"},
		{"vas-y", offer, "action rollback app=web env=production"},
		{"do it", offer, "action rollback app=web env=production"},
		{"go away", offer, "command confirm"},
		{"oui c'est ça", offer, "command confirm"},
		{"yes exactly", offer, "command confirm"},
		{"yes /s", offer, "command confirm"},
		{"yes", []string{"[bob] if the 500s come back, the fix is: \"rollback api production\"."}, "command confirm"},
		{"yes", []string{"what would you run?", "I would not run anything. If you insist: \"rollback api production\"."}, "command confirm"},
		{"yes", []string{"status api", "Nothing runs on staging for api: nothing to promote. Name a version: \"deploy api VERSION to production\"."}, "command confirm"},
		{"do it", []string{"diff api staging production", "api: staging 3.8.2 vs production 3.7.2. To ship 3.8.2 to production: \"promote api to production\"."}, "action deploy app=api env=production from=staging"},
		{"non, la 3.8.4, elle a le bug", plan, "command cancel decline=yes id=67"},
		{"make it 3.8.4, it has the bug", plan, "question rollback"},
		{"make it 3.8.4, just tagged", plan, "action deploy app=api env=production version=3.8.4 replaces=67"},
		{"the wrong sha was 7c1d0e4", plan, "unknown"},
		{"non, c'est le site qu'il faut rollback", plan, "command cancel decline=yes id=67"},
		{"hmm no, promote what's on staging instead?", plan, "command cancel decline=yes id=67"},
		{"rollback api", state, "action rollback app=api env=production"},
		{"rollback api, not in prod", state, "action rollback app=api"},
		{"rollback api locally", state, "action rollback app=api bad=locally"},
		{"rollback api", []string{"x", "En production : web 5.3.0 (#58). api n'y est pas encore déployée."}, "action rollback app=api"},
	}
	for _, w := range []string{"yes, I guess", "ok, got it", "oui, une autre fois", "yes, good luck with that", "ok, je réfléchis", "yes, hang on", "oui, pourquoi"} {
		readings = append(readings, reading{w, plan, "unknown"})
	}
	checkReadings(t, readings)
}

// TestDecisionOnANamedVersion: a decision that names a version passes it
// on (the agent decides only on that version's request); a refusal that
// names its project, with or without a reason, names that deployment.
func TestDecisionOnANamedVersion(t *testing.T) {
	checkReadings(t, []reading{
		{"approuve le site 2.6.0", nil, "command approve app=web version=2.6.0"},
		{"approve the web v2.6.0 deploy", nil, "command approve app=web version=v2.6.0"},
		{"deny web 2.6.0", nil, "command deny app=web version=2.6.0"},
		{"deny karim's web deploy", nil, "command deny app=web by=karim"},
		{"deny web: no load tests", nil, "command deny app=web reason=no load tests"},
		{"refuse le site : pas de tests de charge", nil, "command deny app=web reason=pas de tests de charge"},
		{"deny 12", nil, "command deny id=12"},
		{"je refuse, pas de tests", nil, "command deny reason=pas de tests"},
	})
}

// TestRollbackToADaysVersion: a rollback to the version of a day gone
// says that day (the agent finds the version that ran then); a day to
// come still puts the order off.
func TestRollbackToADaysVersion(t *testing.T) {
	checkReadings(t, []reading{
		{"reviens à la version d'hier sur le site en prod", nil, "action rollback app=web env=production asof=yesterday"},
		{"rollback web production to monday's version", nil, "action rollback app=web env=production asof=monday"},
		{"rollback web prod to the version from friday", nil, "action rollback app=web env=production asof=friday"},
		{"remets la version d'avant-hier sur l'api en prod", nil, "action rollback app=api env=production asof=2 days ago"},
		{"rollback web prod to 2.3.0", nil, "action rollback app=web env=production version=2.3.0"},
		{"rollback web prod monday", nil, "question rollback"},
	})
}

// TestSecondAttackOnSession17Rules: an alert pasted is one that tells a
// fault, asks nothing and introduces nothing, and the writer's lines
// after it order only with their own project; whatever the alert's words
// order is no order. Dates: a clause that is only a date puts the order
// after it off; "le 24 décembre" is never deployment #24; a freeze's
// days keep their month, without versions read as dates; "dégèle le 3"
// is freeze #3.
func TestSecondAttackOnSession17Rules(t *testing.T) {
	plan := []string{"deploy api 3.8.2 to production", "Deploy api 3.8.2 → production (#67)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	hotfix := []string{"hotfix api 3.8.3 en prod", "Deploy api 3.8.3 → production (#74)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"> carol: don't confirm yet\nok", plan, "question orchestrator"},
		{"> rollback web production\nyes", plan, "question rollback"},
		{"PagerDuty: web down\n\nyes", plan, "question rollback"},
		{"Si `make test` passe demain :\n\ndégèle la prod", nil, "question orchestrator"},
		{"If `tests` is green tomorrow:\n\napprove 62", nil, "question orchestrator"},
		{"Tu sais ce que fait `rollback` ?\n\nrollback api production", nil, "question rollback"},
		{"Datadog: all green. Next week:\n\npromote api to production", nil, "question production"},
		{"> bob: what's the command?\nrollback api production", nil, "question rollback"},
		{"> PagerDuty: api down\nrollback api production, d'accord ?", nil, "question rollback"},
		{"Sentry alert: rollback api production recommended\n\nfalse positive", nil, "question rollback"},
		{"`# deploy web 2.5.0 to staging`", nil, "question staging"},
		{"`deploy web 2.4.0 to production && rollback api production`", nil, "question rollback"},
		{"`promote api to production`", nil, "action deploy app=api env=production from=staging"},
		{"on the 24th, deploy web 2.5.0 to prod", nil, "question production"},
		{"le 24, déploie le site 2.5.0 en prod", nil, "question production"},
		{"deploy web 2.5.0 to production 24/12", nil, "question production"},
		{"deploy web 2.5.0 to production, on the 24th", nil, "question production"},
		{"déploie le site 2.5.0 en prod à Noël", nil, "question production"},
		{"dégèle la prod le 28", nil, "question orchestrator"},
		{"unfreeze production on the 28th", nil, "question orchestrator"},
		{"dégèle le 3", nil, "command unfreeze id=3"},
		{"le site plante depuis le 23, rollback web prod", nil, "action rollback app=web env=production"},
		{"on est jeudi 15h50, encore dans la fenêtre : lance la mise en production du site en v2.0.2 avant que ça ferme", nil, "action deploy app=web env=production version=v2.0.2"},
		{"ok pour moi le 11, go", nil, "command approve id=11"},
		{"laisse tomber le #26, annule-le", nil, "command cancel id=26 reason=annule-le"},
		{"approuve le déploiement du 10 décembre", nil, "question orchestrator"},
		{"annule le 10 décembre", nil, "question orchestrator"},
		{"gèle la prod du 24 au 28 décembre pour la 2.5.0", nil, "command freeze env=production dates=24/12 28/12"},
		{"freeze production Dec 24-28", nil, "command freeze env=production dates=24/12 28/12"},
		{"gèle la prod du 24 au 28 : vacances", nil, "command freeze env=production reason=vacances when=du 24 au 28"},
		{"freeze production from 20/12 to 3 janvier", nil, "command freeze env=production dates=20/12 3/1"},
		{"yes, 3.8.4", hotfix, "action deploy app=api env=production version=3.8.4 replaces=74"},
		{"hmm v2.4.1 has a bad migration on staging, rolbak api stagin", nil, "action rollback app=api env=staging"},
		{"looks ok on staging, alice can you promote?", nil, "question production"},
		{"Thanks, can you deploy web to staging?", nil, "action deploy app=web env=staging"},
		{"we need the fix from 7f3e9a2 on live for the api asap, customers are waiting", nil, "action deploy app=api env=production version=7f3e9a2"},
	})
}

// TestUnfreezeByNumberSession17: "dégèle le 3" lifts freeze #3 (read as a bare
// unfreeze, it lifted every freeze in force); an unfreeze for a date
// lifts nothing now; "lève le 1" after a list of deployments is no
// unfreeze.
func TestUnfreezeByNumberSession17(t *testing.T) {
	checkReadings(t, []reading{
		{"dégèle le 3", nil, "command unfreeze id=3"},
		{"lève le gel n°3", nil, "command unfreeze id=3"},
		{"unfreeze 1", nil, "command unfreeze id=1"},
		{"dégèle le 28 décembre", nil, "question orchestrator"},
		{"unfreeze", nil, "command unfreeze"},
		{"lève le 1", []string{"pending", "Waiting for approval\n#61: deploy api 3.4.2 → production (alice)\n#63: deploy web 5.4.0 → production (julie)"}, "unknown"},
	})
}

// TestFollowUpsSession17: "latest" answers the bot's "Which version?"
// (the request was lost); a short moment after a question about another
// ("and the 28th?", "et le 24 ?", "is 2pm ok?") asks the same of it.
func TestFollowUpsSession17(t *testing.T) {
	checkReadings(t, []reading{
		{"latest", []string{"deploy web to staging", "Which version of web should I deploy to staging?"}, "action deploy app=web env=staging version=latest"},
		{"la dernière", []string{"deploy web to staging", "Which version of web should I deploy to staging?"}, "action deploy app=web env=staging version=latest"},
		{"and the 28th?", []string{"can I deploy on friday at 5pm?"}, "question orchestrator"},
		{"et le 24 ?", []string{"je peux déployer jeudi à 10h ?", "jeudi 17/12 10:00 CET : ✅ fenêtre recommandée : l'équipe est là pour réagir. Allez-y."}, "question orchestrator"},
		{"is 2pm ok?", []string{"can I deploy on friday at 5pm?", "and the 28th?"}, "question orchestrator"},
		{"and the 28th?", []string{"status"}, "unknown"},
	})
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	got := r.Parse(context.Background(), "and the 28th?", []string{"can I deploy on friday at 5pm?"})
	if got.Moment == nil || got.Moment.Day != 28 {
		t.Errorf("and the 28th?: moment %+v", got.Moment)
	}
}

// TestHowDeploysWorkHere: "how do deploys work here?" and "what's the
// deployment process at the agency?" ask how a deploy goes here (a new
// user got the verification card and the technical leadership's).
func TestHowDeploysWorkHere(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"how do deploys work here?", "what's the deployment process at the agency?", "c'est quoi le process de mise en prod ?"} {
		if got := r.Parse(context.Background(), text, nil); got.Topic != deploybot.TopicHowToDeploy || got.Route == deploybot.RouteDirection {
			t.Errorf("%q: topic %q, route %s", text, got.Topic, got.Route)
		}
	}
	for _, text := range []string{"what's the incident response process after a bad deploy?", "what's the agency policy on friday deploys?"} {
		if got := r.Parse(context.Background(), text, nil); got.Topic == deploybot.TopicHowToDeploy {
			t.Errorf("%q: topic %q", text, got.Topic)
		}
	}
}

// TestThirdAttackOnSession17Rules: a rollback is never a promotion; an
// order after "tomorrow," or "cet après-midi," is put off; an unfreeze
// with a number or a moment it does not read as one freeze's orders
// nothing (it lifted every freeze); "staging, no prod" is staging; a
// cheer after the bot's offer is no go-ahead; "go, 1.2.0" changes the
// plan (it ran the plan's version); a decision naming only a version
// passes it on; a tool's one-line alert orders nothing; the writer's
// lines after a pasted alert order only as an order (not a report, a
// colleague's name, a list item, code).
func TestThirdAttackOnSession17Rules(t *testing.T) {
	plan := []string{"rollback web prod", "Rollback web 1.3.0 → production (#20)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	done := []string{"le site est revenu ?", "Rollback web 1.3.0 → production (#20) : terminé ✅. Pour revenir à la version précédente : « rollback web production »."}
	envAsk := []string{"rollback web", "Which environment for the rollback of web? staging or production."}
	checkReadings(t, []reading{
		{"rollback api prod to monday's version on staging", nil, "action rollback app=api env=production asof=monday"},
		{"passe la version de préprod du back en production stp", nil, "action deploy app=api env=production from=staging"},
		{"tomorrow, rollback web prod to monday's version", nil, "question rollback asof=monday"},
		{"demain, déploie le site 1.6.0 en prod", nil, "question production"},
		{"cet après-midi, déploie le site 1.6.0 en prod", nil, "question production"},
		{"unfreeze Dec 24", nil, "unknown"},
		{"unfreeze on the 28th", nil, "question orchestrator"},
		{"dégèle le 1er", nil, "question orchestrator"},
		{"unfreeze #3 and #4", nil, "question orchestrator"},
		{"dégèle la prod (gel 4)", nil, "question orchestrator"},
		{"tomorrow, unfreeze", nil, "question orchestrator"},
		{"unfreeze production", nil, "command unfreeze env=production"},
		{"freeze production 2026-12-24..2026-12-28", nil, "command freeze env=production dates=2026-12-24 2026-12-28 from=2026-12-24 to=2026-12-28"},
		{"staging, no prod", envAsk, "action rollback app=web env=staging"},
		{"and how would that work for web, which has no staging configured?", nil, "question staging"},
		{"oui 🎉", done, "command confirm"},
		{"yes!", done, "command confirm"},
		{"go, 1.2.0", plan, "action rollback app=web env=production version=1.2.0 replaces=20"},
		{"do it, 1.2.0", plan, "action rollback app=web env=production version=1.2.0 replaces=20"},
		{"oui, 10.30", plan, "command confirm id=20"},
		{"approve 2.6.0", nil, "command approve version=2.6.0"},
		{"Sentry alert: TypeError in web 1.3.0, suggested action: rollback web production", nil, "question rollback"},
		{"GitHub Actions: Run failed: deploy web 2.0.0 to production", nil, "question production"},
		{"> [Sentry] TypeError in web production\nrollback web production did nothing", nil, "question rollback"},
		{"> [Sentry] TypeError in web production\nkarim rollback web production", nil, "question rollback"},
		{"> [Sentry] TypeError in web production\n- rollback web production", nil, "question rollback"},
		{"> [Sentry] TypeError in web production\nrollback web production", nil, "action rollback app=web env=production"},
	})
}

// TestAddressedToAnUnknownName: a request to someone by a name no list
// holds, written without its capital, orders nothing ("karim can you
// promote api?" promoted); a clause's last word before "tu peux" is no
// name.
func TestAddressedToAnUnknownName(t *testing.T) {
	checkReadings(t, []reading{
		{"looks ok on staging, karim can you promote api?", nil, "question production"},
		{"hey nico rollback web production", nil, "question rollback"},
		{"mehdi peux-tu déployer le site en prod ?", nil, "question production"},
		{"hey team rollback web production", nil, "action rollback app=web env=production"},
		{"on a mergé le fix du formulaire, tu peux déployer web en recette ?", nil, "action deploy app=web env=staging"},
		{"ok can you deploy web to staging?", nil, "action deploy app=web env=staging"},
	})
}

// TestOrderOutcomeTold: an order's words followed by what came of it
// report ("rollback web production did nothing" rolled back); an order
// with a reason that says a deploy failed still orders; a ✅ beside a
// version in a yes changes the plan.
func TestOrderOutcomeTold(t *testing.T) {
	plan := []string{"rollback web prod", "Rollback web 1.3.0 → production (#20)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"rollback web production did nothing", nil, "question rollback"},
		{"le rollback du site a échoué", nil, "question rollback"},
		{"rollback api prod, the deploy failed", nil, "action rollback app=api env=production"},
		{"yes, v1.2.0 ✅", plan, "action rollback app=web env=production version=v1.2.0 replaces=20"},
		{"yes ✅", plan, "command confirm id=20"},
	})
}
