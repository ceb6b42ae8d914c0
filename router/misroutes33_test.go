package router_test

import (
	"context"
	"testing"

	"deploybot/router"
)

// The conversations the session's tests read a message after.
var (
	rollbackPlan33 = []string{"the site is broken in prod since this morning, roll it back please", "Rollback web v2.3.0 → production (#6)\nRules:\n✅ a rollback is the emergency path: no window or freeze holds it\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:         web\n  environment:     production\n  version:         v2.3.0\n  current version: v2.4.0\n(answer \"yes\" or \"no\")"}
	versionEn33    = []string{"ship web to prod pls", "Which version of web for production? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."}
	versionFr33    = []string{"déploie le site en prod", "Quelle version de web pour production ? Je ne devine jamais une version, et je ne connais pas la dernière ici (son exécuteur n'a pas de « resolve ») : nommez un tag, une release ou un commit. Rien n'a été lancé."}
	envRbFr33      = []string{"rollback le site", "Sur quel environnement pour le rollback de web ? staging ou production."}
	envEn33        = []string{"deploy web v2.5.0", "Which environment for the deploy of web v2.5.0? staging or production."}
	lockedPlan33   = []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#7)\nRules:\n✅ recommended window — windows: agency, file line 90\n❌ web/production is locked by rollback #6 (locked after a rollback: unlock with a reason to deploy again)\n🔐 approval by another person (four eyes)\n\nRefused: nothing ran."}
	contextWeb33   = []string{"show context for web", "Context of project web\n  strategy:                    rolling  (agency, file line 42)\n  approval:                    four-eyes  (agency, file line 49)"}
	contextApi33   = []string{"contexte du projet api", "Contexte du projet api\n  stratégie                              : blue-green  (projet api, fichier ligne 127)"}
)

// TestSession33NotOrders holds what was about to be done, or wished in the
// past, and a freeze's noun as a subject (holdout60, once read): "j'allais
// annuler le déploiement #12 mais Bob l'a fait avant moi" cancelled #12,
// "je voulais approuver le 14 mais il est parti" approved it, "the
// year-end freeze is blocking my api release to production" froze the
// api's production.
func TestSession33NotOrders(t *testing.T) {
	checkNoOrders(t, nil, []string{
		"j'allais annuler le déploiement #12 mais Bob l'a fait avant moi",
		"j'allais annuler le 12",
		"on allait déployer le site en prod",
		"j'allais déployer le site en prod",
		"je voulais approuver le 14 mais il est parti",
		"je voulais annuler le 12",
		"I wanted to approve 14 but he left",
		"I meant to deploy web to prod yesterday",
		"the year-end freeze is blocking my api release to production",
		"the freeze blocks the api in production",
		"the freeze is blocking the api in production",
	})
	checkReadings(t, []reading{
		{"on y allait, déploie le site en prod", nil, "action deploy app=web env=production"},
		{"I meant approve 14", nil, "command approve id=14"},
		{"non je voulais dire déployer le front en recette", nil, "action deploy app=web env=staging"},
		{"freeze api production", nil, "command freeze app=api env=production"},
		{"ok freeze the api in production", nil, "command freeze app=api env=production"},
		{"please freeze the api, the black friday freeze starts tomorrow", nil, "command freeze app=api reason=the black friday freeze starts tomorrow"},
	})
}

// TestSession33Answers holds answers to the bot's questions that said
// more than the answer (holdout60, once read).
func TestSession33Answers(t *testing.T) {
	checkReadings(t, []reading{
		// A yes that names the plan's own version and says it is right
		// (it declined the plan, as a yes with another version does).
		{"go, v2.3.0 is fine", rollbackPlan33, "command confirm id=6"},
		{"oui la 2.3.0 c'est bon", rollbackPlan33, "command confirm id=6"},
		{"yes, v2.3.0 is the good one", rollbackPlan33, "command confirm id=6"},
		{"yes, v2.2.0 is fine", rollbackPlan33, "command cancel decline=yes id=6"},
		{"yes, v2.3.0 is not fine", rollbackPlan33, "command cancel decline=yes id=6"},
		{"no, v2.3.0 is fine", rollbackPlan33, "command cancel decline=yes id=6"},
		// What runs on an environment, asked to choose the version: that
		// project's (it was every project's).
		{"which version is on staging right now?", versionEn33, "command status app=web env=staging"},
		{"c'est quoi la version qui tourne en recette ?", versionFr33, "command status app=web env=staging"},
		{"what's on staging for api?", versionEn33, "command status app=api env=staging"},
		{"what's in prod right now?", envEn33, "command status env=production"},
		// The version, then what is good about it.
		{"La 2.5.0. Elle a été validée en recette hier par le client, donc normalement c'est bon", versionFr33, "action deploy app=web env=production version=2.5.0"},
		{"la dernière release, la v2.5.0", versionFr33, "action deploy app=web env=production version=v2.5.0"},
		{"la 2.5.0, elle a été cassée hier", versionFr33, "unknown"},
		// A rollback's environment, then the incident, past the answer's
		// length.
		{"la prod. Le formulaire de contact ne marche plus depuis ce matin, les clients appellent", envRbFr33, "action rollback app=web env=production"},
		// "it" after a plan refused for a lock: that lock.
		{"ok unlock it, the bug is fixed", lockedPlan33, "command unlock app=web env=production reason=the bug is fixed"},
		{"déverrouille-le, le bug est corrigé", lockedPlan33, "command unlock app=web env=production reason=le bug est corrigé"},
		// A setting changed right after a project's context: that
		// project's (the agency's was reset, or the bot asked which).
		{"set strategy to blue-green", contextWeb33, "command context app=web key=strategy scope=project value=blue-green what=set"},
		{"remets la stratégie comme dans le fichier", contextApi33, "command reset app=api key=strategy scope=project"},
		{"remets la stratégie de l'agence comme dans le fichier", contextApi33, "command reset key=strategy scope=agency"},
		{"set api strategy to canary", contextWeb33, "command context app=api key=strategy scope=project value=canary what=set"},
	})
}

// TestSession33LongAnswers holds answers past the answer's length that
// are no plain answer: only a rollback's environment followed by the
// incident is read past it (an attack found takebacks, jokes, doubts and
// other versions in such reasons).
func TestSession33LongAnswers(t *testing.T) {
	checkNoOrders(t, envRbFr33, []string{
		"la prod. Le formulaire de contact ne marche plus depuis ce matin, les clients appellent, mais attends avant de lancer",
		"la prod, le formulaire ne marche plus depuis ce matin mais attends que Julie confirme",
	})
	checkNoOrders(t, envEn33, []string{
		"prod, but I'm not sure the client has validated it yet, let me check with them first",
		// A deploy's reason is not read past the length: the bot asks
		// again.
		"prod, the client wants it live before the end of the day because of the newsletter campaign tonight",
	})
}

// TestSession33Smalltalk holds small talk that was not understood.
func TestSession33Smalltalk(t *testing.T) {
	checkReadings(t, []reading{
		{"bonne nuit les gens", nil, "smalltalk"},
		{"t'es le meilleur des bots", nil, "smalltalk"},
		{"oops 😅 sorry", nil, "smalltalk"},
		{"damn. ok thanks", nil, "smalltalk"},
		{"sorry wrong channel", nil, "unknown"},
		{"sorry, deploy web to prod", nil, "action deploy app=web env=production"},
		{"sorry, staging", envEn33, "action deploy app=web env=staging version=v2.5.0"},
	})
}

// TestSession33Yes holds yeses to a plan said in other words (holdout60,
// once read): "ok validé" and "nickel, go" were not understood, "yes. and
// please post in #deploys when it's done" was a question.
func TestSession33Yes(t *testing.T) {
	planEn := []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"passe la version de recette du site en prod", "Déploiement web v2.4.1 → production (#6)\nPromotion : la version v2.4.1, qui tourne sur staging.\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	pending := []string{"pending", "Waiting for approval\n  #7: deploy web v2.5.0 → production (bob)"}
	checkReadings(t, []reading{
		{"ok validé", planFr, "command confirm id=6"},
		{"c'est validé", planFr, "command confirm id=6"},
		{"nickel, go", planFr, "command confirm id=6"},
		{"okk", planEn, "command confirm id=6"},
		{"sounds good, go", planEn, "command confirm id=6"},
		{"all good, go ahead", planEn, "command confirm id=6"},
		{"yes. and please post in #deploys when it's done, the client is watching", planEn, "command confirm id=6"},
		{"yes, go, and ping me when done", planEn, "command confirm id=6"},
		{"oui, et préviens-moi quand c'est fini, le client attend", planFr, "command confirm id=6"},
		{"I approve it", pending, "command approve"},
		{"ok I approve it", pending, "command approve"},
	})
	checkNoOrders(t, planEn, []string{
		"yes, ping me when it's done or cancel if it fails",
		"yes, ping me when it's done, but wait for carol",
		"yes, ping me when done?",
		"yes, and post in #deploys when it's done, then rollback api",
	})
	checkNoOrders(t, planFr, []string{"oui, préviens-moi quand c'est fini, mais pas avant 14h"})
}

// TestSession33Attack holds what an attack on the session's rules found
// in their first revision (8,300 probes): an environment answer with a
// long reason that took it back, joked, doubted, put it off, quoted
// someone or named another version or project ran the order; "the latest
// release, v2.5.0, has a bug" after "Which version?" deployed it; a yes
// naming the plan's version with a tag question or in quotes confirmed;
// "oops wrong version" was small talk. None changes anything now.
func TestSession33Attack(t *testing.T) {
	for _, tt := range []struct {
		history []string
		text    string
	}{
		{[]string{"déploie le site en v2.5.0", "Sur quel environnement pour le déploiement de web v2.5.0 ? staging ou production."}, "pas staging. mais ne fais rien tant que je ne t'ai pas donné le feu vert, je préviens le client"},
		{[]string{"deploy web v2.5.0", "Which environment for the deploy of web v2.5.0? staging or production."}, "not staging... but don't do anything until I give you the green light, I'm warning the client"},
		{[]string{"rollback le site", "Sur quel environnement pour le rollback de web ? staging ou production."}, "pas staging\nen fait non, pas de rollback, on va plutôt corriger en avant avec un hotfix"},
		{[]string{"rollback le site", "Sur quel environnement pour le rollback de web ? staging ou production."}, "pas la prod... stop, oublie ce que je viens de dire, je me suis trompé de conversation"},
		{[]string{"deploy web v2.5.0", "Which environment for the deploy of web v2.5.0? staging or production."}, "prod\nnah I'm joking, we're not doing anything today, the client has demos all day"},
		{[]string{"déploie le site en v2.5.0", "Sur quel environnement pour le déploiement de web v2.5.0 ? staging ou production."}, "la prod - non je rigole, on ne fait rien aujourd'hui, le client est en démo toute la journée"},
		{[]string{"déploie le site en v2.5.0", "Sur quel environnement pour le déploiement de web v2.5.0 ? staging ou production."}, "prod. Bob a dit qu'il ne fallait surtout pas y toucher avant la fin du sprint"},
		{[]string{"rollback le site", "Sur quel environnement pour le rollback de web ? staging ou production."}, "prod, Bob a dit qu'il ne fallait surtout pas y toucher avant la fin du sprint"},
		{[]string{"déploie le site en v2.5.0", "Sur quel environnement pour le déploiement de web v2.5.0 ? staging ou production."}, "la prod - par contre pas tout de suite, on attend la fin de la campagne marketing ce soir"},
		{[]string{"deploy web v2.5.0", "Which environment for the deploy of web v2.5.0? staging or production."}, "prod - but I'm not sure it's a good idea since the client is doing a demo"},
		{[]string{"ship web to prod pls", "Which version of web for production? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."}, "the latest release, v2.5.0, has a bug"},
		{[]string{"déploie le site en prod", "Quelle version de web pour production ? Je ne devine jamais une version, et je ne connais pas la dernière ici (son exécuteur n'a pas de « resolve ») : nommez un tag, une release ou un commit. Rien n'a été lancé."}, "la dernière release, la v2.5.0 : elle a un bug"},
		{[]string{"deploy web v2.5.0", "Which environment for the deploy of web v2.5.0? staging or production."}, "prod - but v2.4.0 rather than v2.5.0, the latest has a bug on the contact form"},
		{[]string{"déploie le site en v2.5.0", "Sur quel environnement pour le déploiement de web v2.5.0 ? staging ou production."}, "la prod. mais la v2.4.0 plutôt que la v2.5.0, la dernière a un bug sur le formulaire"},
		{[]string{"déploie en prod", "Quel projet pour le déploiement en production ? Je connais : api, web."}, "le site... mais pour l'api, pas pour le site, c'est l'api qui a le bug depuis ce matin"},
		{[]string{"deploy to production", "Which project for the deploy to production? I know: api, web."}, "the site\nbut for the api, not the site, the api is the one with the bug since this morning"},
		{[]string{"rollback le site", "Sur quel environnement pour le rollback de web ? staging ou production."}, "la prod - enfin je crois, il faudrait demander à Julie qui connaît mieux le projet que moi"},
		{[]string{"deploy web v2.3.0 to production", "Deploy web v2.3.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:         web\n  environment:     production\n  version:         v2.3.0\n  current version: v2.2.0\n(answer \"yes\" or \"no\")"}, "ok v2.3.0 is fine, is it"},
		{[]string{"deploy web v2.3.0 to production", "Deploy web v2.3.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:         web\n  environment:     production\n  version:         v2.3.0\n  current version: v2.2.0\n(answer \"yes\" or \"no\")"}, "> yes v2.3.0 is fine"},
		{[]string{"deploy web v2.3.0 to production", "Deploy web v2.3.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:         web\n  environment:     production\n  version:         v2.3.0\n  current version: v2.2.0\n(answer \"yes\" or \"no\")"}, "\"yes v2.3.0 is fine\""},
		{[]string{"deploy web v2.3.0 to production", "Deploy web v2.3.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:         web\n  environment:     production\n  version:         v2.3.0\n  current version: v2.2.0\n(answer \"yes\" or \"no\")"}, "oops wrong version"},
		{[]string{"ship web to prod pls", "Which version of web for production? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."}, "what's on staging everywhere?"},
	} {
		checkNoOrders(t, tt.history, []string{tt.text})
	}
	checkReadings(t, []reading{
		{"la prod. Le formulaire de contact ne marche plus depuis ce matin, les clients appellent", envRbFr33, "action rollback app=web env=production"},
	})
}

// TestSession33Commands holds commands said in other words (holdout60,
// once read).
func TestSession33Commands(t *testing.T) {
	freezes := []string{"quels gels ?", "Gels des déploiements\n  config : web / tous les environnements, 2026-11-27 00:00 → 2026-12-01 00:00 CET (prévu, fichier de configuration) — Black Friday"}
	news := []string{"web 2.4.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 2.4.0 to production »."}
	checkReadings(t, []reading{
		{"configurons l'agence", nil, "command interview scope=agency"},
		{"configurez l'agence", nil, "command interview scope=agency"},
		{"c'est quoi les approbateurs de l'api en prod ?", nil, "command context app=api env=production what=approvers"},
		{"quels sont les approbateurs du site ?", nil, "command context app=web what=approvers"},
		{"c'est quoi un approbateur ?", nil, "question orchestrator"},
		{"et pour les verrous ?", freezes, "command list what=locks"},
		{"and for the locks?", nil, "command list what=locks"},
		// (Another version after the news is asked its project: the
		// news' project taken "déploie mobile 2.4.1 en prod" as web's.)
		{"non non c'est une info. par contre tu peux mettre la 2.4.1 en prod ?", news, "action deploy env=production version=2.4.1"},
		{"déploie l'api en 2.4.1 en prod", news, "action deploy app=api env=production version=2.4.1"},
	})
	checkNoOrders(t, news, []string{"ne déploie pas la 2.4.1 en prod"})
}

// TestSession33ThanksAndDay holds a thanks after the bot's verdict that
// says the day chosen (five sets labelled them small talk; they were the
// verdict for that day, or not understood).
func TestSession33ThanksAndDay(t *testing.T) {
	verdictFr := []string{"je peux déployer vendredi à 17h ?", "Déployer hors fenêtre (vendredi soir, fin de journée)\nvendredi 20/02 17:00 CET : ❌ à éviter — vendredi après-midi et week-end : personne pour réagir en cas de problème. Pas de mise en production.\nProchain créneau recommandé : mardi 24/02 10:00 CET"}
	verdictEn := []string{"can I deploy on friday at 5pm?", "Deploying outside the windows (Friday evening, end of day)\nFriday 27/11 17:00 CET: ❌ *avoid* — Friday afternoon"}
	checkReadings(t, []reading{
		{"merci, je verrai ça mardi", verdictFr, "smalltalk"},
		{"ok merci, j'attendrai mardi", verdictFr, "smalltalk"},
		{"merci, je vise jeudi alors", verdictFr, "smalltalk"},
		{"ok merci, je préviens le client", verdictFr, "smalltalk"},
		{"ok thanks, tuesday it is", verdictEn, "smalltalk"},
		{"thanks, I'll wait for monday", verdictEn, "smalltalk"},
		{"merci, je vise jeudi alors, déploie le site en prod", verdictFr, "action deploy app=web env=production"},
	})
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"merci, et mardi ?", "thanks, and tuesday?", "merci, mardi 10h ça passe ?"} {
		if got := r.Parse(context.Background(), text, verdictFr); got.Moment == nil {
			t.Errorf("%q: the verdict for another day is asked: %s", text, brief(got))
		}
	}
}

// TestSession33AttackB holds what the second attack on the session's
// rules found (9,000 probes): a yes then "tell me when it's done" with a
// condition, a doubt, a moment, another target or a take-back after it
// confirmed the plan (the request is now read from a list of its forms,
// not a list of words to refuse); "nickel" with the plan's version
// cancelled it; another version after the news took the news' project
// whatever the message named (taken back: the bot asks the project); "quels
// sont les approbateurs ? déploie …" lost the order; "thanks, is tuesday
// ok" lost the verdict; "reset strategy globally" after web's context
// reset web's. Each reads as written below.
func TestSession33AttackB(t *testing.T) {
	checkReadings(t, []reading{
		{"yes, ping me when it's done, provided the tests pass", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question production"},
		{"oui, préviens-moi quand c'est fini, le client a refusé", []string{"passe la version de recette du site en prod", "Déploiement web v2.4.1 → production (#6)\nPromotion : la version v2.4.1, qui tourne sur staging.\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "question orchestrator"},
		{"ok, tell me when the freeze is over", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question orchestrator"},
		{"ok, tell me when the tests are done and I'll confirm", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question orchestrator"},
		{"oui, préviens-moi quand c'est fini, à condition que la QA valide", []string{"passe la version de recette du site en prod", "Déploiement web v2.4.1 → production (#6)\nPromotion : la version v2.4.1, qui tourne sur staging.\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "question orchestrator"},
		{"yes, post in #deploys when done, tests still running", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question orchestrator"},
		// (Session 36: "scratch that" is a no, as "never mind" and "forget
		// it" after the same yes: the plan is cancelled, the safe side.)
		{"yes, ping me when done, scratch that", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "command cancel decline=yes id=6"},
		{"go, et tiens-moi au courant lorsque c'est fini, laisse tomber", []string{"passe la version de recette du site en prod", "Déploiement web v2.4.1 → production (#6)\nPromotion : la version v2.4.1, qui tourne sur staging.\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "question orchestrator"},
		{"yes, let me know when it's done, v2.5.1 instead", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "command cancel decline=yes id=6"},
		{"yes, ping me when it's done, I meant staging", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question staging"},
		{"yes, ping me when it's done, tonight", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "unknown"},
		{"oui, préviens-moi quand c'est fini, après 18h", []string{"passe la version de recette du site en prod", "Déploiement web v2.4.1 → production (#6)\nPromotion : la version v2.4.1, qui tourne sur staging.\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "unknown"},
		{"yes, ping me when done, that's for bob", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "unknown"},
		{"nickel, go for v2.5.0", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "action deploy app=web env=production version=v2.5.0"},
		{"nickel, la 2.4.1 c'est bon", []string{"passe la version de recette du site en prod", "Déploiement web v2.4.1 → production (#6)\nPromotion : la version v2.4.1, qui tourne sur staging.\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "question orchestrator"},
		{"déploie la 2.4.1 en prod, côté back", []string{"web 2.4.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 2.4.0 to production »."}, "action deploy env=production version=2.4.1"},
		{"déploie mobile 2.4.1 en prod", []string{"web 2.4.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 2.4.0 to production »."}, "action deploy env=production version=2.4.1"},
		{"bob a mis la 2.4.1 en prod", []string{"web 2.4.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 2.4.0 to production »."}, "action deploy env=production version=2.4.1"},
		{"deploy 2.4.1 to production for both", []string{"web 2.4.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 2.4.0 to production »."}, "action deploy env=production version=2.4.1"},
		{"yes, ping me when done, and freeze prod", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "command freeze env=production"},
		{"oui, préviens-moi quand c'est fini et gèle la prod", []string{"passe la version de recette du site en prod", "Déploiement web v2.4.1 → production (#6)\nPromotion : la version v2.4.1, qui tourne sur staging.\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "question orchestrator"},
		{"yes, ping me when done, and approve #8", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question orchestrator"},
		{"quels sont les approbateurs ? déploie web 2.5.0 en prod", nil, "action deploy app=web env=production version=2.5.0"},
		{"quels sont les approbateurs de web ? rollback web prod", nil, "action rollback app=web env=production"},
		{"what are the approvers of web, approve 8", nil, "command approve id=8"},
		{"reset strategy globally", []string{"show context for web", "Context of project web\n  strategy:                    rolling  (agency, file line 42)"}, "command reset key=strategy scope=project"},
		{"nickel, thanks", []string{"deploy web v2.5.0 to production", "Deploy web v2.5.0 → production (#6)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "smalltalk"},
		{"thanks, is tuesday ok", []string{"can I deploy on friday at 5pm?", "Deploying outside the windows (Friday evening, end of day)\nFriday 27/11 17:00 CET: ❌ *avoid* — Friday afternoon"}, "question orchestrator"},
		{"merci, et jeudi", []string{"je peux déployer vendredi à 17h ?", "Déployer hors fenêtre (vendredi soir, fin de journée)\nvendredi 20/02 17:00 CET : ❌ à éviter — vendredi après-midi et week-end : personne pour réagir en cas de problème. Pas de mise en production.\nProchain créneau recommandé : mardi 24/02 10:00 CET"}, "question orchestrator"},
	})
}

// TestSession33Go holds a go with praise before it, and a go with no word
// of going back (the second attack saw them in both binaries): "génial,
// go en prod le site" planned a rollback of web in production, "top, go
// en prod" showed the status.
func TestSession33Go(t *testing.T) {
	checkReadings(t, []reading{
		{"nickel, go en prod", nil, "action deploy env=production"},
		{"génial, go en prod", nil, "action deploy env=production"},
		{"top, go en prod", nil, "action deploy env=production"},
		{"go en prod le site", nil, "action deploy app=web env=production"},
		{"génial, go en prod le site", nil, "action deploy app=web env=production"},
		{"go rollback le site en prod", nil, "action rollback app=web env=production"},
		{"go back to 2.4.0 on web prod", nil, "action rollback app=web env=production version=2.4.0"},
		{"ok go, revert the api in prod", nil, "action rollback app=api env=production"},
	})
	checkNoOrders(t, nil, []string{"génial, go en prod demain"})
}

// TestSession33SharedHoles holds orders read where none was given, found
// by the second attack in the session-start binary too: a lock's noun in
// a terse line, a question without its mark, a report opening with its
// participle, a validation waited for after the order.
func TestSession33SharedHoles(t *testing.T) {
	checkNoOrders(t, nil, []string{
		"un verrou sur la prod du site stp",
		"should I deploy web v2.5.0 to production",
		"shall we roll back api in production",
		"deployed web v2.5.0 to production",
		"deploy web v2.5.0 to production, if QA agrees",
		"approve 12, if QA agrees",
		"déploie le site en prod, si le client valide",
	})
	checkReadings(t, []reading{
		{"deploy web v2.5.0 to production, if anyone asks it was me", nil, "action deploy app=web env=production version=v2.5.0"},
		{"est-ce que tu peux déployer le site en prod stp", nil, "action deploy app=web env=production"},
		{"mets un verrou sur la prod du site", nil, "command lock app=web env=production"},
	})
}
