package router_test

import "testing"

// TestSession8Readings holds, in other words than the evaluation sets',
// the readings session 8 fixed.
func TestSession8Readings(t *testing.T) {
	ivEn := []string{"onboard project web", "Project web, question 1/10: which deployment strategy? 1) recreate 2) rolling 3) blue-green 4) canary — or \"skip\""}
	ivFr := []string{"configure le projet api", "Configurons le projet *api*. Répondez librement ou par un numéro.\n\n*Question 1/13* — Quelle stratégie ?\n  1. recreate"}
	ivNext := append(append([]string{}, ivEn...), "4", "Noted. *Question 2/10* — is zero downtime mandatory? (yes/no)")
	paused := []string{"configure le projet api", "Entretien en pause à la question 3/13. Dites « configure le projet api » pour reprendre."}
	checkReadings(t, []reading{
		// The answer to an interview's question, whatever it says, but a
		// question of its own or an order naming its project.
		{"3", ivEn, "command interview app=web scope=project"},
		{"canary I guess, we like going slow", ivEn, "command interview app=web scope=project"},
		{"passe", ivFr, "command interview app=api scope=project"},
		{"rolling, pas de coupure possible chez ce client", ivFr, "command interview app=api scope=project"},
		{"on arrête là, je finirai demain", ivFr, "command interview app=api scope=project"},
		{"yes, always", ivNext, "command interview app=web scope=project"},
		{"c'est quoi la différence entre rolling et canary ?", ivFr, "question production"},
		{"deploy api 2.0.0 to staging", ivFr, "action deploy app=api env=staging version=2.0.0"},
		// Paused, the interview asks nothing.
		{"2", paused, "unknown"},
		// A reaction is small talk; other pictures say nothing.
		{"🙌🏾", nil, "smalltalk"},
		{"🥳", nil, "smalltalk"},
		{"🌮🌮", nil, "unknown"},
		{"🐙", nil, "unknown"},
		// A name after a thanks or a greeting, without its capital; a
		// newcomer who introduces himself.
		{"merci julie 🙏", nil, "smalltalk"},
		{"salut karim, bonne journée", nil, "smalltalk"},
		{"mdr qsdfgh", nil, "unknown"},
		{"hello all, I'm Sarah, the new designer", nil, "smalltalk"},
		{"yo tt le monde", nil, "smalltalk"},
		{"nice catch, thanks a lot", nil, "smalltalk"},
		// A question of whether one may, with a please and no moment, is
		// a request; with a moment it stays the windows' question.
		{"on peut pousser le site en 3.1.0 en prod svp ?", nil, "action deploy app=web env=production version=3.1.0"},
		{"could we please roll back the api in staging?", nil, "action rollback app=api env=staging"},
		{"on peut pousser le site en prod demain svp ?", nil, "question orchestrator"},
		{"on peut pas pousser le site en prod svp ?", nil, "question orchestrator"},
		// Assent, then the order; an incident, then going back to a version.
		{"bah allez, go pour la MEP de l'api en 5.0.1", nil, "action deploy app=api env=production version=5.0.1"},
		{"le front rame depuis la release, on repasse sur la 3.0.0", nil, "action rollback app=web version=3.0.0"},
		{"payments are failing on the api since the release, take it back to 2.0.0", nil, "action rollback app=api version=2.0.0"},
		// An environment said validated is where the release comes from.
		{"preprod validée, maintenant le site 3.1.0 en prod", nil, "action deploy app=web env=production version=3.1.0"},
		{"staging looks good, ship api 2.0.0 to production", nil, "action deploy app=api env=production version=2.0.0"},
		// The name the bot offers for one it does not know, taken.
		{"yep", []string{"deploy webxx 1.0.0 to staging", "I know no project \"webxx\". Configured projects: api, web. Did you mean web?"}, "action deploy app=web env=staging version=1.0.0"},
		{"oui, celui-là", []string{"déploie apixx 1.0.0 en prod", "Je ne connais pas de projet « apixx ». Projets configurés : api, web. Vouliez-vous dire api ?"}, "action deploy app=api env=production version=1.0.0"},
		// Read commands asked in a sentence.
		{"et mes déploiements en attente, ça donne quoi ?", nil, "command pending"},
		{"je sais pas quoi taper, aide", nil, "command help"},
		{"des gels prévus la semaine prochaine ?", nil, "command list what=freezes"},
		{"où en est la MEP du site ?", nil, "command status app=web env=production"},
		{"où en est la migration du schéma ?", nil, "question production"},
		{"how is the web rollback doing?", nil, "command status app=web"},
		{"how's the blue-green approach going in general for agencies?", nil, "question production"},
		{"qui a fait quoi hier ?", nil, "command audit"},
		{"who did what today?", nil, "command audit since=today"},
		{"what shipped to staging this week?", nil, "command history env=staging"},
		{"any locks on the api right now?", nil, "command list app=api what=locks"},
		// An approval after words of assent; not one refused.
		{"lgtm 👍 approve 14", nil, "command approve id=14"},
		{"bon pour moi, approuve", nil, "command approve"},
		{"ok je valide pas", nil, "question orchestrator"},
		// The interview as a profile to set up.
		{"let's set up the web project", nil, "command interview app=web scope=project"},
		{"set up monitoring for the api", nil, "question orchestrator"},
		// A question about staging alone, no incident in it, is staging's;
		// talk about a production release with no incident, production's.
		{"un petit fix css doit vraiment passer par la préprod ?", nil, "question staging"},
		{"deployed the api to staging an hour ago and it took forever, normal?", nil, "question staging"},
		{"la préprod est plantée depuis ce matin, on fait quoi ?", nil, "question rollback"},
		{"surtout ne pousse pas l'api en prod ce soir", nil, "question production"},
		{"the site's release tonight left the home page blank, what now?", nil, "question rollback"},
		// The watch after a release, its figures, are the orchestrator's.
		{"the web release is done, which numbers do I watch now?", nil, "question orchestrator"},
		{"once api 2.0 is out, what should I keep an eye on?", nil, "question orchestrator"},
		// A production deploy told that waits for someone's validation is
		// production's talk; an approval told is the orchestrator's.
		{"on mettra le site en prod lundi si la recette valide", nil, "question production"},
		{"we'll push api to production once QA validates it", nil, "question production"},
		{"bob approuvera la MEP de l'api demain", nil, "question orchestrator"},
		// Whether a deploy may fall in a period of the client's calendar.
		{"on peut pousser le site en prod pendant les soldes ?", nil, "question orchestrator"},
		{"can we ship api to prod during the client's payroll week?", nil, "question orchestrator"},
		// No malformed version out of a word of another clause or an
		// adverb; the version "en préprod" is where the release comes from.
		{"celle qui tourne en recette pour le site, balance-la en prod", nil, "action deploy app=web env=production from=staging"},
		{"pousse l'api en prod avec la version actuellement en recette", nil, "action deploy app=api env=production from=staging"},
		{"the build on staging for api is signed off, ship it to production", nil, "action deploy app=api env=production from=staging"},
		{"deploy api pomme to prod", nil, "action deploy app=api env=production bad=pomme"},
		// A promotion right after a diff or a status of one project.
		{"ok promote", []string{"diff web staging production", "web: staging 3.1.0 vs production 3.0.2 — 4 commits"}, "action deploy app=web env=production from=staging"},
		// How to go live, no staging said, is production's; the
		// environments before production other than staging, staging's.
		{"comment on passe l'api en prod chez vous ?", nil, "question production"},
		{"how do I get the site to production here?", nil, "question production"},
		{"on a un env de démo pour le client ?", nil, "question staging"},
		{"who signs off in UAT, us or the client?", nil, "question staging"},
		// A status shown, then another project, or the two environments
		// compared.
		{"and the site?", []string{"what's on prod?", "In production: api 2.3.9 (deployed Monday by alice) · web 1.9.2"}, "command status app=web env=production"},
		{"et les écarts entre les deux ?", []string{"état de l'api"}, "command diff app=api a=staging b=production"},
		{"what's the difference between the two strategies?", []string{"status api"}, "question production"},
		// "Do it" after a question about a project's rollback or deploy:
		// that action, there; not asked, not refused.
		{"ok vas-y fais-le en prod", []string{"comment on fait un rollback du site ?"}, "action rollback app=web env=production"},
		{"alright, do it in staging then", []string{"how do I deploy api to staging?"}, "action deploy app=api env=staging"},
		{"don't do it in prod", []string{"comment on fait un rollback du site ?"}, "question production"},
		// Bad practices asked in other words; why the windows avoid a day.
		{"c'est une mauvaise idée de livrer trois semaines de dev d'un coup ?", nil, "question orchestrator"},
		{"is it bad to skip the smoke tests on a tiny release?", nil, "question orchestrator"},
		{"why can't we ever ship on a friday evening?", nil, "question orchestrator"},
		// A reminder's schedule said after its text, or in answer to the
		// bot's question; "the monday release" is no schedule.
		{"remind #web to post the release notes on mondays at 9", nil, "command reminders channel=#web dow=1 hour=9 minute=0 op=add text=post the release notes"},
		{"rappelle à #front de relire le changelog tous les vendredis à 16h", nil, "command reminders channel=#front dow=5 hour=16 minute=0 op=add text=relire le changelog"},
		{"remind me to check the monday release at 10", nil, "command reminders op=incomplete"},
		{"tous les jours à 9h", []string{"rappelle à #deploys de vérifier le staging", "Quand dois-je le rappeler dans #deploys ? Par exemple « chaque mardi à 9h30 »."}, "command reminders channel=#deploys dow=* hour=9 minute=0 op=add text=vérifier le staging"},
		// The version asked with "laquelle", a speaker's name first.
		{"la version de l'api en recette c'est laquelle ?", nil, "command status app=api env=staging"},
		{"Tom here: which version of web is on prod?", nil, "command status app=web env=production"},
		{"Paris ici, rien à signaler", nil, "unknown"},
		{"Staging here: deploy api 2.0.0", nil, "action deploy app=api env=staging version=2.0.0"},
		{"Prod ici : déploie le site en 3.1.0", nil, "action deploy app=web env=production version=3.1.0"},
		{"non", []string{"deploy webxx 1.0.0 to staging", "I know no project \"webxx\". Configured projects: api, web. Did you mean web?"}, "command cancel decline=yes"},
	})
}

// TestAttack9 holds the dangerous readings an attacker's review of
// session 8's first rules found (435 probes, /work/attack9 during the
// session), now read right: no order nor decision out of them.
func TestAttack9(t *testing.T) {
	ivEn := []string{"onboard project web", "Project web, question 1/10: which deployment strategy? 1) recreate 2) rolling 3) blue-green 4) canary — or \"skip\""}
	suggested := []string{"deploy webxx 1.0.0 to staging", "I know no project \"webxx\". Configured projects: api, web. Did you mean web?"}
	checkReadings(t, []reading{
		// A please does not make an order of whether one may.
		{"is it ok to deploy api 2.4.0 to prod please?", nil, "question orchestrator"},
		{"am I allowed to deploy the api to prod pls?", nil, "question orchestrator"},
		{"on peut déployer l'api en prod une fois que le client a validé stp ?", nil, "question orchestrator"},
		{"on peut déployer l'api en prod sans approbation stp ?", nil, "question orchestrator"},
		{"on peut déployer l'api en prod pendant la paie svp ?", nil, "question orchestrator"},
		{"can we deploy web to prod this week please?", nil, "question orchestrator"},
		{"on peut parler de la mep du site stp ?", nil, "question orchestrator"},
		{"on peut prévoir la mep du site en 3.2.0 stp ?", nil, "question orchestrator"},
		{"on peut tester le rollback de l'api en staging stp ?", nil, "question orchestrator"},
		{"can we even deploy the api to prod please?", nil, "question orchestrator"},
		// Praise of a deploy done, retracting what one said.
		{"cool deploy of the api to prod yesterday, well done", nil, "question production"},
		{"take it back, I was wrong about the api being down", nil, "question rollback"},
		{"take us back to the old process, approvals were faster", nil, "question rollback"},
		// The bot's suggestion asked back.
		{"yes?", suggested, "unknown"},
		// Validated is no approval; asked is none either.
		{"c'est validé", nil, "question staging"},
		{"ok c'est validé", nil, "question staging"},
		{"ok approve?", nil, "question orchestrator"},
		// Praise of a deploy or a rollback done orders none; a call back
		// goes back to nothing; going back to a version is a rollback.
		{"great rollback guys, api is fine now", nil, "question rollback"},
		{"top le déploiement de l'api en prod, merci", nil, "question production"},
		{"cool cool, the deploy of web 3.1.0 to prod is done", nil, "question production"},
		{"cool, deploy web 3.1.0 to prod", nil, "action deploy app=web env=production version=3.1.0"},
		{"merci de déployer l'api en prod", nil, "action deploy app=api env=production"},
		{"super, la MEP de l'api en 2.4.0 stp", nil, "action deploy app=api env=production version=2.4.0"},
		{"get back to me when api 2.4.0 is in prod", nil, "question rollback"},
		{"on repasse le site en 3.0.9 en prod", nil, "action rollback app=web env=production version=3.0.9"},
		// How an environment is, told, orders nothing there.
		{"prod ok, staging ko", nil, "question production"},
		{"prod fine, thanks", nil, "question production"},
		{"staging green, prod red, api 2.4.2 broke something", nil, "question production"},
		{"staging ok, now api 2.4.2 to prod pls", nil, "action deploy app=api env=production version=2.4.2"},
		{"deploy api to prod ok", nil, "action deploy app=api env=production"},
		// Commands of their own during an interview.
		{"approve 14", ivEn, "command approve id=14"},
		{"status", ivEn, "command status"},
		{"3", []string{"je suis à la question 3/10 du questionnaire, c'est long"}, "unknown"},
	})
}
