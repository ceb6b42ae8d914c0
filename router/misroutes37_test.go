package router_test

import "testing"

// TestSession37AskedOrder holds an answer to the bot's question of an
// order's environment or version when the person's order itself is out
// of reach (beyond the conversation's window, or read as talk): the
// bot's question names the order ("Which version of api for staging?",
// "Which environment for the rollback of web?"). A project the answer
// names wins; a doubt, a joke or a question answers nothing.
func TestSession37AskedOrder(t *testing.T) {
	versionQ := "Which version of api for staging? I never guess one, and I cannot tell the latest here (its executor has no \"resolve\"): name a tag, a release or a commit. Nothing ran."
	chain := []string{"deploy", "Which project for the deploy? I know: api, web.", "api",
		"Which environment for the deploy of api? staging, production, uat, qa, demo, preview or sandbox.", "staging", versionQ}
	rbEnv := []string{"Which environment for the rollback of web? staging or production."}
	rbEnvFr := []string{"Sur quel environnement pour le rollback de web ? staging ou production."}
	checkReadings(t, []reading{
		{"v1.0.0", chain, "action deploy app=api env=staging version=v1.0.0"},
		{"2.3.1", []string{versionQ}, "action deploy app=api env=staging version=2.3.1"},
		{"staging", chain[1:4], "action deploy app=api env=staging"},
		{"2.14.2 please", []string{"hotfix the backend in prod", "Which version of api? Staging runs 2.14.2, production runs 2.14.1."}, "action deploy app=api env=production version=2.14.2"},
		{"2.14.2 stp", []string{"hotfix du backend en prod", "Quelle version de api ? La recette a 2.14.2, la production 2.14.1."}, "action deploy app=api env=production version=2.14.2"},
		{"prod", rbEnv, "action rollback app=web env=production"},
		{"en prod stp", rbEnvFr, "action rollback app=web env=production"},
		{"web 1.2.3", []string{"deploy to prod", "Which version of api for production? I never guess one."}, "action deploy app=web env=production version=1.2.3"},
		{"not sure, ask bob", []string{versionQ}, "unknown"},
		{"lol no", rbEnv, "unknown"},
		{"why?", rbEnv, "unknown"},
	})
}

// TestSession37Drill holds a drill asked as "the exercise" or with the
// verb "exercer": "ok fais l'exercice sur la staging de l'api" after the
// runbook planned a deploy of api to staging, and "exerce le rollback de
// l'api en staging" a real rollback. Told, put off or asked, no drill.
func TestSession37Drill(t *testing.T) {
	runbook := []string{"runbook api production", "Runbook de rollback : api (production)\n…\nDernier exercice\n\n• jamais : « drill api production » pour l'exercer"}
	checkReadings(t, []reading{
		{"ok fais l'exercice sur la staging de l'api alors", runbook, "command drill app=api env=staging"},
		{"fais l'exercice sur la staging de l'api", nil, "command drill app=api env=staging"},
		{"exerce le rollback de l'api en staging", nil, "command drill app=api env=staging"},
		{"exerçons le rollback du site en recette", nil, "command drill app=web env=staging"},
		{"do the exercise for web staging", nil, "command drill app=web env=staging"},
		{"can you run the exercise on web staging", nil, "command drill app=web env=staging"},
		{"the exercise on api staging went fine", nil, "question staging"},
		{"fais l'exercice demain sur l'api", nil, "question orchestrator"},
		{"on fait l'exercice sur le site en prod ?", nil, "question production"},
		{"fais l'exercice", nil, "unknown"},
	})
}

// TestSession37ListPicks holds an item of the bot's list picked in other
// words: the choice before its verb ("the web one, approve"), a deny's
// reason that says what is wrong ("wrong version"), a project by its rank
// in the list of projects, a French reminder's "n°2" by its rank, a
// freeze's project and environment with its id.
func TestSession37ListPicks(t *testing.T) {
	pending := []string{"pending", "Waiting for approval\n  #14: deploy web 4.0.0 → production (bob)\n  #12: deploy api v2.0.0 → production (alice)"}
	projects := []string{"list projects", "Projects\n  api: staging, production, uat, qa, demo, preview, sandbox (aliases: backend)\n  web: staging, production (aliases: site, front)"}
	projectsFr := []string{"liste des projets", "Projets\n  api : staging, production, uat, qa, demo, preview, sandbox (alias : backend)\n  web : staging, production (alias : site, front)"}
	reminders := []string{"liste des rappels", "Rappels\n  n°1 : #deploys · chaque lundi à 9h · « check freezes » (carol)\n  n°2 : #api · chaque vendredi à 16h · « pas de MEP » (carol)\n(Pour en supprimer un : « supprime le rappel 1 ».)"}
	freezes := []string{"list freezes", "Deployment freezes\n  #1: web / production, 2026-10-13 11:00 → 2026-10-16 00:00 CET (in force, set by carol) — black friday\n  #2: api / production, 2026-10-13 11:00 → 2026-10-14 00:00 CET (in force, set by carol) — migration"}
	which := []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0 → uat), #1 (api 2.4.1 → uat). Which one?"}
	checkReadings(t, []reading{
		{"deny the api one, wrong version", pending, "command deny id=12 reason=wrong version"},
		{"refuse celle de l'api, mauvaise version", pending, "command deny id=12 reason=mauvaise version"},
		{"the web one, approve", pending, "command approve id=14"},
		{"the web one, approve it please", pending, "command approve id=14"},
		{"celle de l'api : refuse", pending, "command deny id=12"},
		{"the web one, approve?", pending, "question orchestrator"},
		{"the web one, approve later", pending, "question orchestrator"},
		{"approve the api one, wrong version", pending, "question orchestrator"},
		{"just 2, deny", which, "unknown"},
		{"status of the second one", projects, "command status app=web"},
		{"historique du premier", projectsFr, "command history app=api"},
		{"deploy the last one to staging", projects, "action deploy app=web env=staging"},
		{"lock the first one: migration", projects, "command lock app=api reason=migration"},
		{"rollback le premier en prod", projectsFr, "action rollback app=api env=production"},
		{"the second one", projects, "unknown"},
		{"I like the second one", projects, "unknown"},
		{"supprime le deuxième", reminders, "command reminders id=2 op=delete"},
		{"lift the first one", freezes, "command unfreeze app=web env=production id=1"},
	})
}

// TestSession37AfterACard holds an order on what the bot's last card is
// about: a freeze or a lock lifted after why ("ok c'est fini, lève-le",
// "migration terminée, tu peux déverrouiller") or cancelled ("annule-le",
// a freeze: never a rollback); a bare command after a project's status
// ("diff ?"); the diff's offer to promote taken ("ok ship it", "passe la
// staging en prod"); "the list" after a reminder set.
func TestSession37AfterACard(t *testing.T) {
	freeze := []string{"gèle l'api en prod : migration", "🧊 Gel #2 : api / production, du 2026-10-13 11:00 au 2027-10-13 10:59 — migration. « dégel api production » pour le lever."}
	freezeWeb := []string{"gèle le site en staging : démo client", "🧊 Gel #5 : web / staging, du 2026-10-13 11:00 au 2027-10-13 10:59 — démo client. « dégel web staging » pour le lever."}
	lock := []string{"verrouille l'api en prod : migration en cours", "🔒 api/production verrouillé par carol : migration en cours"}
	state := []string{"statut du site", "État de web\n  web/staging    : 3.0.3 depuis le 13/10 11:00, par alice (réussi)\n  web/production : 3.0.2 depuis le 12/10 15:20, par bob (réussi)\n(Aucun déploiement en cours.)"}
	diffFr := []string{"diff du site", "web : staging ↔ production\nChangements inconnus : aucun dépôt configuré pour le projet web\n  staging    : 3.0.3\n  production : 3.0.2\n(Pour passer 3.0.3 en production : « promote web to production ».)"}
	diffEn := []string{"diff web staging production", "web: staging ↔ production\nChanges unknown: no repository configured for project web\n  staging    : 3.0.3\n  production : 3.0.2\n(To ship 3.0.3 to production: \"promote web to production\".)"}
	reminder := []string{"remind #deploys every monday at 9:00 to check freezes", "Noted: reminder #1 in #deploys, every Monday at 09:00: \"check freezes\".\nNext: Monday 19 October 09:00 CEST\n(To stop it: \"delete reminder 1\".)"}
	reminderFr := []string{"rappelle #deploys chaque lundi à 9h de vérifier les gels", "C'est noté : rappel n°1 dans #deploys, chaque lundi à 9h : « vérifier les gels »."}
	checkReadings(t, []reading{
		{"ok c'est fini, lève-le", freeze, "command unfreeze app=api env=production reason=ok c'est fini"},
		{"pas fini, lève-le", freeze, "unknown"},
		{"bob dit que c'est fini, lève-le", freeze, "unknown"},
		{"annule-le, c'était une erreur", freezeWeb, "command unfreeze app=web env=staging reason=c'était une erreur"},
		{"annule-le", freezeWeb, "command unfreeze app=web env=staging"},
		{"cancel it", freezeWeb, "command unfreeze app=web env=staging"},
		{"migration terminée, tu peux déverrouiller", lock, "command unlock app=api env=production reason=migration terminée"},
		{"migration pas terminée, tu peux déverrouiller", lock, "question orchestrator"},
		{"fixed, unlock it", lock, "command unlock app=api env=production reason=fixed"},
		{"diff ?", state, "command diff app=web"},
		{"et l'historique ?", state, "command history app=web"},
		{"history", []string{"status web"}, "command history"},
		{"status", []string{"stauts", "Je ne suis pas sûr de comprendre. Le plus proche : `rollback web on staging` · `aide` · `status`"}, "command status"},
		{"vas-y, passe la staging en prod", diffFr, "action deploy app=web env=production from=staging"},
		{"passe la staging en prod", diffFr, "action deploy app=web env=production from=staging"},
		{"vas-y", diffFr, "action deploy app=web env=production from=staging"},
		{"ok ship it", diffEn, "action deploy app=web env=production from=staging"},
		{"staging prod", []string{"diff api", "Which environments? e.g. diff api staging production"}, "command diff app=api a=staging b=production"},
		{"and show me the list now", reminder, "command reminders op=list"},
		{"montre-moi la liste", reminderFr, "command reminders op=list"},
		{"show me the list", []string{"status web", "web ..."}, "unknown"},
	})
}

// TestSession37AttackA holds what the attack on the session's first rules
// found (13,700 probes through the real binary), each now refused or
// read right: an answer to the bot's question of a version or an
// environment said to someone, quoted, in jest, on a condition or for
// later; two environments for one; the order taken from the bot's
// question after talk, after another project, or from a person's line
// that only starts as the bot's question; drills said, told, quoted,
// doubted, put off or beside another order; a deny's "wrong thread";
// ranks that name no item ("the last version", "for the first time",
// "can I deploy the last one to prod?"); "supprime le premier gel" after
// the reminders; lifts quoted, doubted ("presque fini") or with an order
// in their reason; "cancel it" after a refusal; "ship it" after the offer
// of a rollback; "passe la prod en staging" (production's build to
// staging, not the other way); a bare command after a bot's error.
func TestSession37AttackA(t *testing.T) {
	qvs := "Which version of api for staging? Staging runs 2.14.2, production runs 2.14.1."
	qvp := "Which version of api for production? Staging runs 2.14.2, production runs 2.14.1."
	qv := "Which version of api? Staging runs 2.14.2, production runs 2.14.1."
	qrb := "Which environment for the rollback of web? staging or production."
	pending := []string{"pending", "Waiting for approval\n  #14: deploy web 4.0.0 → production (bob)\n  #12: deploy api v2.0.0 → production (alice)"}
	projects := []string{"list projects", "Projects\n  api: staging, production, uat, qa, demo, preview, sandbox (aliases: backend)\n  web: staging, production (aliases: site, front)"}
	reminders := []string{"liste des rappels", "Rappels\n  n°1 : #deploys · chaque lundi à 9h · « check freezes » (carol)\n  n°2 : #api · chaque vendredi à 16h · « pas de MEP » (carol)"}
	lock := []string{"🔒 api/production verrouillé par carol : migration en cours"}
	gel := []string{"🧊 Gel #2 : api / production, du 2026-10-13 11:00 au 2027-10-13 10:59 — migration. « dégel api production » pour le lever."}
	refusal := []string{"deploy web 3.0.4 to production", "🧊 Freeze #3: web / production, from 2026-10-13 11:00 to 2026-10-16 00:00 — black friday. Deploy of web 3.0.4 refused. \"unfreeze web production\" lifts it."}
	rbOffer := []string{"deploy web 3.0.3 to prod", "Deploy of web 3.0.3 to production (#51) failed: health check KO.\n(Ready to roll back to 3.0.2: \"rollback web production\".)"}
	diff := []string{"diff web staging production", "web: staging ↔ production\n  staging    : 3.0.3\n  production : 3.0.2\n(To ship 3.0.3 to production: \"promote web to production\".)"}
	checkReadings(t, []reading{
		{"@bob v1.0.0", []string{qvs}, "unknown"},
		{"\"v1.0.0\"", []string{qvs}, "unknown"},
		{"> v1.0.0", []string{qvs}, "unknown"},
		{"v1.0.0 😂", []string{qvs}, "unknown"},
		{"v1.0.0 if tests pass", []string{qvp}, "unknown"},
		{"v1.0.0 once bob approves", []string{qvp}, "unknown"},
		{"v1.0.0 tonight", []string{qvp}, "unknown"},
		{"v1.0.0 tomorrow", []string{qvp}, "unknown"},
		{"v1.0.0 à 15h", []string{qvp}, "unknown"},
		{"v1.0.0 when QA is done", []string{qv}, "unknown"},
		{"`v1.0.0`", []string{qvs}, "action deploy app=api env=staging version=v1.0.0"},
		{"the one from this morning, 9d4e2f1", []string{"deploy api to staging", "Which version of api? (a tag, a release or a commit)"}, "action deploy app=api env=staging version=9d4e2f1"},
		{"v1.0.0 tonight", []string{"deploy api to prod", "Which version of api for production? I never guess one."}, "unknown"},
		{"@bob prod", []string{qrb}, "unknown"},
		{"> prod", []string{qrb}, "unknown"},
		{"staging and prod", []string{qrb}, "unknown"},
		{"staging, prod is fine", []string{"rollback api", "Which environment for the rollback of api? staging, production, uat, qa, demo, preview or sandbox."}, "action rollback app=api env=staging"},
		{"prod cc @julie", []string{"rollback web", qrb}, "action rollback app=web env=production"},
		{"2.14.2 please", []string{"faut pas toucher au backend en prod", qv}, "action deploy version=2.14.2"},
		{"2.14.2 please", []string{"bob deployed the backend in prod yesterday", qv}, "action deploy version=2.14.2"},
		{"2.14.2 please", []string{"hotfix the site in prod", qv}, "action deploy app=web env=production version=2.14.2"},
		{"latest", []string{"api sandbox is broken", qv}, "unknown"},
		{"prod", []string{"I won't roll back the site before you're back", qrb}, "action deploy env=production"},
		{"prod", []string{"Which environment for the rollback of web? I'm asking for the postmortem"}, "action deploy env=production"},
		{"v1.0.0", []string{"Which version of api for staging? I forgot"}, "action deploy version=v1.0.0"},

		{"exercer le rollback de l'api en prod, c'est risqué", nil, "question rollback"},
		{"exerce le rollback de l'api en prod — non attends", nil, "question rollback"},
		{"do the exercise for web production I think", nil, "question production"},
		{"we must do the exercise for web production", nil, "question production"},
		{"> exerce le rollback de l'api en prod", nil, "question rollback"},
		{"exerce le rollback de l'api en production dans une heure", nil, "question rollback"},
		{"do the exercise for web staging at 3pm", nil, "question staging"},
		{"do the exercise in the book for web staging", nil, "question staging"},
		{"on s'exerce au rollback de l'api en staging", nil, "command drill app=api env=staging"},
		{"exerçons-nous au rollback de web en staging", nil, "command drill app=web env=staging"},

		{"deny the api one, wrong thread", pending, "command deny reason=the api one, wrong thread"},
		{"refuse celle de l'api, mauvais fil", pending, "command deny reason=refuse celle de l'api, mauvais fil"},
		{"deny the api one, wrong env", pending, "command deny id=12 reason=wrong env"},
		{"can I deploy the last one to prod", projects, "question orchestrator"},
		{"deploy the last one to prod?", projects, "action deploy env=production"},
		{"deploy to prod for the first time", projects, "question production"},
		{"déploie la dernière version en prod", projects, "action deploy env=production"},
		{"rollback the last deploy in prod", projects, "action rollback env=production"},
		{"deny the second one", projects, "command deny reason=the second one"},
		{"deploy the last one to prod", []string{"list projects", "Projects\n  api: staging\n  web: staging\n  mobile: staging, production"}, "action deploy env=production"},
		{"supprime le premier gel", reminders, "question orchestrator"},
		{"annule le deuxième", reminders, "command reminders id=2 op=delete"},

		{"> cancel it", lock, "command cancel decline=yes"},
		{"« annule-le »", lock, "question orchestrator"},
		{"presque fini, lève-le", lock, "command unfreeze"},
		{"almost done, lift it", lock, "unknown"},
		{"done I guess, lift it", gel, "unknown"},
		{"carol: done, lift it", gel, "unknown"},
		{"cancel it, then deploy web prod", lock, "question production"},
		{"cancel it", refusal, "command cancel decline=yes"},
		{"ship it", rbOffer, "command approve"},
		{"do it", rbOffer, "action rollback app=web env=production"},
		{"passe la prod en staging", diff, "action deploy app=web env=staging from=production"},
		{"promote staging to prod?", diff, "action deploy env=production from=staging"},
		{"history", []string{"status web", "Unknown project: webb"}, "command history"},
	})
}

// TestSession37PlanAnswers holds answers to a plan read this session: "c
// parti" (a yes in texting spelling); a yes with the people it needs
// around ("yes go, approvers are around"; not "nobody is around", "carol
// isn't around", "… tomorrow"); an environment changed with why ("en fait
// en prod direct, elle est déjà validée"; not "… je crois"); a version
// changed with why between brackets ("non, en 3.0.3 (la 3.0.2 a été
// retirée)"; not "(je crois)", "(demain)", "(ou 3.0.4)").
func TestSession37PlanAnswers(t *testing.T) {
	planFr := []string{"go-live du front en 3.0.0", "Déploiement web 3.0.0 → production (#64)\nRègles :\n✅ fenêtre recommandée\n\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	planEn := []string{"deploy api 2.8.0 to prod", "Deploy api 2.8.0 → production (#72)\nRules:\n✅ recommended window\n🔐 approval by carol\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	staging := []string{"déploie le front 1.1.0 en staging", "Déploiement web 1.1.0 → staging (#13)\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	prod := []string{"déploie le site 3.0.2 en prod", "Déploiement web 3.0.2 → production (#36)\nRègles :\n✅ fenêtre recommandée\n\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	prodEn := []string{"deploy web 3.0.2 to prod", "Deploy web 3.0.2 → production (#36)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"c parti", planFr, "command confirm id=64"},
		{"ok c parti", planFr, "command confirm id=64"},
		{"yes go, approvers are around", planEn, "command confirm id=72"},
		{"yes go, carol is around", planEn, "command confirm id=72"},
		{"oui go, l'équipe est là", planFr, "command confirm id=64"},
		{"yes go, nobody is around", planEn, "question orchestrator"},
		{"yes go, carol isn't around", planEn, "question orchestrator"},
		{"yes go, carol is around tomorrow", planEn, "question orchestrator"},
		{"en fait en prod direct, elle est déjà validée", staging, "action deploy app=web env=production version=1.1.0 replaces=13"},
		{"en fait en prod, elle est validée je crois", staging, "question orchestrator"},
		{"en fait en prod direct, il faut attendre", staging, "question production"},
		{"non, en 3.0.3 (la 3.0.2 a été retirée)", prod, "action deploy app=web env=production version=3.0.3 replaces=36"},
		{"no, 3.0.3 (3.0.2 was pulled)", prodEn, "action deploy app=web env=production version=3.0.3 replaces=36"},
		{"non, en 3.0.3 (je crois)", prod, "command cancel decline=yes id=36"},
		{"non, en 3.0.3 (demain)", prod, "command cancel decline=yes id=36"},
		{"non, en 3.0.3 (ou 3.0.4)", prod, "command cancel decline=yes id=36"},
	})
}

// TestSession37Offers holds the offer after "News or an order?" taken by
// pointing at it and saying go ("yeah that, go", "oui ça, vas-y"; not
// "yeah that" alone, asked or in jest), and a rollback's version told as
// the one shipped ("since we shipped 3.4.0 to prod, roll it back": the
// broken one, never the target).
func TestSession37Offers(t *testing.T) {
	news := []string{"web v3.2.0 staging", "News or an order? I plan nothing on a message with no verb that says what to do. To plan it: \"deploy web v3.2.0 to staging\"."}
	newsFr := []string{"web 1.0.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 1.0.0 to production »."}
	checkReadings(t, []reading{
		{"yeah that, go", news, "action deploy app=web env=staging version=v3.2.0"},
		{"that one, do it", news, "action deploy app=web env=staging version=v3.2.0"},
		{"oui ça, vas-y", newsFr, "action deploy app=web env=production version=1.0.0"},
		{"yeah that", news, "unknown"},
		{"that, go?", news, "unknown"},
		{"ça, vas-y 😂", newsFr, "unknown"},
		{"login is broken on the site since we shipped 3.4.0 to prod, roll it back", nil, "action rollback app=web env=production"},
		{"depuis qu'on a livré la 3.4.0 le site plante en prod, rollback", nil, "action rollback app=web env=production"},
		{"we deployed 3.4.0 yesterday, roll web prod back to 3.3.0", nil, "action rollback app=web env=production version=3.3.0"},
		{"roll web back to 3.3.0 in prod", nil, "action rollback app=web env=production version=3.3.0"},
	})
}

// TestSession37VersionBeforeProject holds a plan's project corrected
// when its version was said before any project ("déploie 1.0.2 en
// recette", "Which project?", "api", the plan, "non c'est le site"): the
// version is the one meant, kept; said with a project ("déploie le site
// 1.0.2", the plan, "non, le back"), it was that project's, dropped.
func TestSession37VersionBeforeProject(t *testing.T) {
	chain := []string{"déploie 1.0.2 en recette", "Quel projet pour le déploiement 1.0.2 → staging ? Je connais : api, web.", "api",
		"Déploiement api 1.0.2 → staging (#5)\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	named := []string{"déploie le site 1.0.2 en recette", "Déploiement web 1.0.2 → staging (#5)\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"non c'est le site, pas l'api", chain, "action deploy app=web env=staging version=1.0.2 replaces=5"},
		{"non, le site", chain, "action deploy app=web env=staging version=1.0.2 replaces=5"},
		{"non, le back", named, "action deploy app=api env=staging replaces=5"},
	})
}

// TestSession37AttackB holds what the second attack found (10,000 probes
// through the real binary): a rehearsal the drill rule refuses (doubted,
// asked, told) is never the real rollback (it fell through to one), unless
// the rehearsal is said over ("dry run failed, roll back api staging");
// "cancel it" after a refusal for a lock cancels the request, never the
// lock; a lift after why only with what is over in plain words or the
// card's; the bot's question lends its order only after a person's order
// (not a joke, a question, a report, a habit, a moment, two projects);
// "cancel the second deploy" after the reminders deletes nothing; a rank
// with a doubt or two environments picks nothing; a yes asked in question
// order or to another version confirms nothing; a reason that is no check
// ("il déconne", "elle est presque validée") or a bracket that is no
// reason ("(pour rire)", "(pas testée)") changes no plan; data cloned or
// synced between environments ships no build; "bob: v1.2.0", "v1.2.0
// monday", "is it v1.2.0" answer no version, "the one built at 9am,
// v1.2.0" does; "la v1.2.0 a été retirée" is no answer.
func TestSession37AttackB(t *testing.T) {
	vq := "Which version of api for production? I never guess one, and I cannot tell the latest here (its executor could not find it): name a tag, a release or a commit. Nothing ran."
	eqrb := "Which environment for the rollback of web? staging or production."
	plan := []string{"deploy web 3.0.2 to prod", "Deploy web 3.0.2 → production (#36)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"déploie le site 3.0.2 en prod", "Déploiement web 3.0.2 → production (#36)\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	planFrS := []string{"déploie le front 1.1.0 en staging", "Déploiement web 1.1.0 → staging (#13)\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	locked := []string{"deploy api v1.2.0 to production", "Deploy api v1.2.0 → production (#14)\nConfirm?", "yes", "❌ api/production is locked by alice (migration): try again later"}
	lock := []string{"lock api production: migration", "🔒 api/production locked by alice: migration"}
	freeze := []string{"freeze web prod: black friday", "🧊 Freeze #1: web / production, from 2026-10-13 11:00 to 2026-10-16 00:00 — black friday. \"unfreeze web production\" lifts it."}
	reminders := []string{"list reminders", "Reminders\n  #1: terminal · every Monday at 09:00 · \"check deps\" (alice)\n  #2: #deploys · every Tuesday at 09:30 · \"check staging\" (alice)"}
	projects := []string{"list projects", "Projects\n  api: staging, production, uat, qa, demo, preview, sandbox (aliases: backend)\n  web: staging, production (aliases: site, front)"}
	checkReadings(t, []reading{
		{"dry run a rollback of web in prod I think", nil, "question rollback"},
		{"rehearse a rollback of api in production pour rire", nil, "question rollback"},
		{"on s'exerce au rollback de l'api en staging ?", nil, "question rollback"},
		{"exercer le rollback de l'api en prod", nil, "question rollback"},
		{"dry run failed, roll back api staging", nil, "action rollback app=api env=staging"},
		{"do the exercise on api staging next sprint", nil, "question staging"},
		{"on s'exerce au rollback de l'api en staging chaque trimestre", nil, "question rollback"},
		{"cancel it", locked, "command cancel decline=yes"},
		{"should be done, lift it", lock, "unknown"},
		{"done I hope, lift it", freeze, "unknown"},
		{"black friday is over, lift it", freeze, "command unfreeze app=web env=production reason=black friday is over"},
		{"production", []string{"rollback the site lol", eqrb}, "action deploy app=web env=production"},
		{"production", []string{"rolled back the site", eqrb}, "action deploy app=web env=production"},
		{"production", []string{"rollback the site at 5pm", eqrb}, "action deploy app=web env=production"},
		{"cancel the second deploy", reminders, "question orchestrator"},
		{"cancel 2", reminders, "command cancel id=2"},
		{"rollback the first one in prod I think", projects, "question rollback"},
		{"the second one, prod, go", projects, "question production"},
		{"yes go, are approvers around", plan, "question orchestrator"},
		{"c parti, 3.0.3", plan, "question production"},
		{"c'est parti, 3.0.3", plan, "question production"},
		{"oui, 10.30", []string{"rollback web prod", "Rollback web 1.3.0 → production (#20)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "command confirm id=20"},
		{"en fait en prod direct, il déconne", planFrS, "question production"},
		{"en fait en prod direct, elle est presque validée", planFrS, "question orchestrator"},
		{"non, en 3.0.3 (pour rire)", planFr, "command cancel decline=yes id=36"},
		{"non, en 3.0.3 (pas testée)", planFr, "command cancel decline=yes id=36"},
		{"clone prod to staging", nil, "question production"},
		{"copy the prod secrets to staging", nil, "question staging"},
		{"sync api to staging at v2.10.1", nil, "action deploy app=api env=staging version=v2.10.1"},
		{"promote api prod to staging", nil, "action deploy app=api env=staging from=production"},
		{"bob: v1.2.0", []string{"deploy api to production", vq}, "unknown"},
		{"<@U0123ABCD> v1.2.0", []string{"deploy api to production", vq}, "unknown"},
		{"v1.2.0 monday", []string{"deploy api to production", vq}, "unknown"},
		{"is it v1.2.0", []string{"deploy api to production", vq}, "unknown"},
		{"v1.2.0 🤪", []string{"deploy api to production", vq}, "unknown"},
		{"la v1.2.0 a été retirée", []string{"déploie api en production", "Quelle version de api pour production ? Je ne devine jamais une version."}, "unknown"},
		{"the one built at 9am, v1.2.0", []string{"deploy api to production", vq}, "action deploy app=api env=production version=v1.2.0"},
		{"celle de 15h hier, la v1.2.0", []string{"déploie api en production", "Quelle version de api pour production ? Je ne devine jamais une version."}, "action deploy app=api env=production version=v1.2.0"},
		{"<@U0123ABCD> prod", []string{"rollback web", eqrb}, "unknown"},
		{"paul: staging", []string{"deploy api 2.14.1", "Which environment for the deploy of api 2.14.1? staging or production."}, "action deploy app=api env=staging version=2.14.1"},
		{"roll back to the version we shipped last week, 3.3.9, web prod", nil, "action rollback app=web env=production version=3.3.9"},
	})
}
