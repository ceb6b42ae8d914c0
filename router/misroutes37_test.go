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
