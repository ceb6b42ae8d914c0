package router_test

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestSession10Readings holds, in other words than the evaluation sets',
// the readings session 10 fixed.
func TestSession10Readings(t *testing.T) {
	webProd := []string{"the shop is half broken in prod, the payment page hangs", "web production: v3.1.0 since 09:12 by alice, no deployment running."}
	apiLocked := []string{"rollback the backend in prod", "↩️ Rollback api → production (#40) to 2.2.0: done ✅. api production stays locked until someone unlocks it with a reason."}
	frenchFreezes := []string{"y a des gels ?", "Gels en cours : tout (bob, « bascule DNS »), depuis le 02/02 07:00."}
	checkReadings(t, []reading{
		// A lock or a freeze said on a pronoun, or the verb alone, is that
		// order; which project, the bot asks (it never guesses one from the
		// conversation).
		{"lock that", webProd, "command lock"}, // the bot asks which project
		{"verrouille-la, raison : paiement cassé", webProd, "command lock reason=paiement cassé"},
		{"freeze it till tomorrow", webProd, "unknown"}, // "it": the bot cannot tell what to freeze
		// (Session 36: after a rollback of the person's, when the bot's
		// report names its project and environment, "it" is that one, as
		// "lift it" after the bot's lock card is since session 35.)
		{"bon, unlock it: patched and checked", apiLocked, "command unlock app=api env=production reason=patched and checked"},
		{"déverrouille, tout est rentré dans l'ordre", apiLocked, "command unlock reason=tout est rentré dans l'ordre"}, // no pointer: the bot asks
		{"lève-la", frenchFreezes, "unknown"}, // never the agency's freeze lifted on a pronoun
		// Without a pointer, a freeze covers what it says; alone, a lock
		// asks.
		{"lock it", nil, "command lock"},
		{"freeze all: DNS switch", webProd, "command freeze all=yes reason=DNS switch"},
		// Sequel words are no project.
		{"verrouille alors", nil, "command lock"},
		// A freeze until a day says which (the agent's calendar dates it).
		{"freeze web prod until friday: client demo", nil, "command freeze app=web env=production reason=client demo until=friday"},
		{"gèle l'api en prod jusqu'à demain", nil, "command freeze app=api env=production until=tomorrow"},
		// A freeze that names a project the configuration does not know
		// names it (the bot says so): it froze every project's production.
		{"freeze shp prod: demo", nil, "command freeze env=production reason=demo"},
		// A list asked in sequel; what waits; what else the bot does.
		{"and the freezes?", nil, "command list what=freezes"},
		{"et les projets ?", nil, "command list what=projects"},
		{"so which ones are still waiting?", nil, "command pending"},
		{"tu sais faire quoi d'autre ?", nil, "command help"},
		{"which environments do you know about?", nil, "command list what=environments"},
		{"y a-t-il un gel prévu en août ?", nil, "command list what=freezes"},
		// Who did what: the audit; the state of everything.
		{"who approved what this month", nil, "command audit since=month"},
		{"qui a validé quoi aujourd'hui ?", nil, "command audit since=today"},
		{"audit trail of the week please, the client wants to know who deployed what", nil, "command audit since=week"},
		{"what's the state of all the projects?", nil, "command status"},
		{"quel est l'état des environnements ?", nil, "command status"},
		// The bot's answer to a read, told from a person's line: the
		// answer after it narrows the read.
		{"just this month", []string{"audit", "Today: 3 entries: deploy web 3.1.0 (alice), lock api production (bob)."}, "command audit since=month"},
		{"seulement la recette", []string{"historique du site", "web : 6 déploiements depuis le 1er décembre."}, "command history app=web env=staging"},
		// A guide asked about staging is no promotion.
		{"validation checklist for a build on staging before prod?", nil, "question orchestrator"},
		// A lock told in the past, a wish that was not given: no order.
		{"Marie a lock le site en prod ce matin", nil, "question orchestrator"},
		{"alice locked web production yesterday", nil, "question orchestrator"},
		{"Paul aurait voulu passer l'api en prod vendredi", nil, "question production"},
		// Small talk of the evening and of the on-call.
		{"bonne soirée à tous, je me déconnecte", nil, "smalltalk"},
		{"bon courage à celles qui sont d'astreinte", nil, "smalltalk"},
		{"merci bcp", nil, "smalltalk"},
		// A quoted reason holds no order; the command's own period.
		{"outcome 21 failed \"rollback done by hand at 3am\"", nil, "command outcome id=21 outcome=failed reason=rollback done by hand at 3am"},
		{"audit since month", nil, "command audit since=month"},
		// A plan corrected by taking its own value back.
		{"la recette en fait, pas la prod", planFr, "action deploy app=web env=staging version=3.2.0 replaces=41"},
		// The bot keeps none of its offers in a conversation: a yes after
		// one is the person's own line, and plans nothing.
		{"yes", []string{"the front is slow in prod since the release", "Do you want me to roll back web in production?"}, "unknown"},
		{"oui vas-y", []string{"on peut promouvoir l'api ?", "Tu veux que je promeuve api de staging vers la production ?"}, "unknown"},
		{"yes", []string{"Rollback web → production?"}, "unknown"},
		{"yes", []string{"Do you know how a canary works?"}, "unknown"},
		// The bot's question back about a command, told from a person's
		// line by where it stands: the answer completes the command.
		{"today", []string{"audit api", "From when? today, this week, this month?"}, "command audit app=api since=today"},
		{"set web approval", nil, "command context app=web key=approval scope=project what=set"},
		// "it" is what the person's last order deployed, with its version,
		// whatever was said between.
		{"now ship it to prod", []string{"deploy web 3.4.0 to staging", "🚀 Deployment web 3.4.0 → staging (#40) Status: Done ✅", "QA is happy"},
			"action deploy app=web env=production version=3.4.0"},
		// "go" and an environment orders the deploy; after staging said
		// validated, it ships what staging runs.
		{"ok go for prod now", []string{"QA signed off api on staging", "🎉"}, "action deploy app=api env=production from=staging"},
		{"go en recette", []string{"l'api est prête"}, "action deploy app=api env=staging"},
		// A branch where the version goes: the executor resolves it
		// (README); "latest" is no version, "à la main" no branch; any
		// other word stays a bad version.
		{"deploy api develop to staging", nil, "action deploy app=api env=staging version=develop"},
		{"mets l'api en recette, branche hotfix/panier", nil, "action deploy app=api env=staging version=hotfix/panier"},
		{"ship the release/4.2 branch of web to staging", nil, "action deploy app=web env=staging version=release/4.2"},
		{"deploy web latest to staging", nil, "action deploy app=web env=staging"},
		{"déploie le site à la main en recette", nil, "action deploy app=web env=staging"},
		// An interview's question that tells how to pause is still its
		// question.
		{"passer", []string{"configure le projet web", "Question 4/12 : qui approuve ? (« passer » pour sauter, « stop » pour mettre en pause)"}, "command interview app=web scope=project"},
		{"web, in production", []string{"deploy", "What should I deploy? api or web, and where?"}, "action deploy app=web env=production"},
		{"staging, raison : tests de charge", []string{"lock api", "Quel environnement, et pourquoi ?"}, "command lock app=api env=staging reason=tests de charge"},
		{"blue-green", []string{"change api strategy", "Which one? recreate, rolling, blue-green or canary?"}, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"tout, panne chez l'hébergeur", []string{"gèle", "Geler quoi (un projet, un environnement, ou tout) ?"}, "command freeze all=yes reason=panne chez l'hébergeur"},
	})
}

// TestAttack12 holds the attacks on session 10's reading rules (a
// helper's probes, /work/attack12): a command said on a pronoun takes its
// project from the conversation's last turn only when that turn names one
// project and says nothing against it; a yes takes only the bot's own
// offer; a moment puts a pronoun's order off.
func TestAttack12(t *testing.T) {
	checkReadings(t, []reading{
		// A lifted box, a frozen thought, a locked laptop: no order.
		{"ok lift it", []string{"can you lift the box for me?"}, "unknown"},
		{"freeze that thought, brb", []string{"maybe we should move api to canary in prod"}, "question orchestrator"},
		// Two projects, one denied or fine, one negated: the bot asks.
		{"lock it: incident in progress", []string{"not api, web is the one failing in prod"}, "command lock reason=incident in progress"},
		{"lock it", []string{"api is fine, it's web that is broken on staging"}, "command lock"},
		{"verrouille alors : migration", []string{"le site migre ce soir", "pas besoin de verrouiller l'api"}, "command lock reason=migration"},
		{"déverrouille alors : fini", []string{"lock api prod: migration", "la prod de l'api est verrouillée pour la migration",
			"surtout garde l'api verrouillée, le site peut être libéré"}, "command unlock reason=fini"},
		{"lock it", []string{"the release branch of api is ready", "should we lock api or web?"}, "command lock"},
		// A stale conversation names nothing now.
		{"déverrouille, c'est bon", []string{"l'api est partie en prod", "on mange où ?", "au japonais", "ok"}, "command unlock reason=c'est bon"},
		// An alias that is a thing of its kind names no project.
		{"lock it: incident", []string{"our backend team is debugging the crm in prod"}, "command lock reason=incident"},
		{"lock it: incident", []string{"the dev site of the client is down in staging"}, "command lock reason=incident"},
		{"verrouille alors", []string{"le back-office du client sur leur site plante en prod"}, "command lock"},
		// "lève-le" lifts what the last turn speaks of.
		{"lève-le", []string{"l'api prod est verrouillée par bob"}, "command unlock"},
		{"lève-le", []string{"le rate limit de l'api en staging est trop bas"}, "unknown"},
		// A moment puts it off; "until" bounds it.
		{"lock it tomorrow", []string{"api prod is flaky"}, "question orchestrator"},
		{"lève-le lundi", []string{"le gel du site en prod"}, "unknown"},
		{"freeze it until monday", []string{"web prod"}, "unknown"},
		// A freeze that names its environment covers every project's.
		{"freeze prod until monday then", []string{"the api release went badly"}, "command freeze env=production until=monday"},
		// A yes to someone else's offer, a reported one, a conditional
		// one, one with a choice, one of the person's own: no plan.
		{"oui", []string{"Marc, tu veux que je fasse le rollback de l'api en prod ?"}, "unknown"},
		{"yes", []string{"Julie asked: do you want me to roll back api in prod?"}, "unknown"},
		{"yes", []string{"If it fails, do you want me to roll back api in production?"}, "unknown"},
		{"yes", []string{"Do you want me to roll back api in production, or keep 2.3 and hotfix?"}, "unknown"},
		{"ok", []string{"Shall I tell the client before we roll back api in prod?"}, "unknown"},
		{"yes", []string{"Want me to tell Bob to roll back api prod?"}, "unknown"},
		{"oui", []string{"rollback api → 2.3 en prod, c'est risqué ?"}, "unknown"},
		// A quoted reason that asks; "a" before an English order.
		{"unlock api prod \"fixed, or is it?\"", nil, "question orchestrator"},
		{"add a freeze on web prod until monday: client demo", nil, "command freeze app=web env=production reason=client demo until=monday"},
		// A correction that asks changes nothing.
		{"actually web, not api?", []string{"deploy api 5.1.0 to staging", "Deploy api 5.1.0 → staging (#52)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question production"},
		// A speaker's line after a read is no bot's answer.
		{"rollback", []string{"status", "Julie: le site plante en prod depuis la 2.4"}, "action rollback app=web env=production"},
	})
}

// TestReminderDeleteReadings: a reminder to delete said by what it is asks
// which one; a number the bot offered answers it.
func TestReminderDeleteReadings(t *testing.T) {
	asked := []string{"delete the monday reminder", "Reminders: #3 (every Monday at 09:00, #ops), #8 (every Monday at 10:00, #web). Which one?"}
	checkReadings(t, []reading{
		{"retire le rappel de lundi", nil, "command reminders op=delete"},
		{"remove that reminder in #ops", nil, "command reminders op=delete"},
		{"le 8", asked, "command reminders id=8 op=delete"},
		{"#3", asked, "command reminders id=3 op=delete"},
		{"5", asked, "unknown"},
	})
}

// TestAttack13 holds the second attack on session 10's rules
// (/work/attack13): a value alone never picks a setting, the person's own
// "did you mean …?" or offer is no bot's, a waiting id is the bot's line
// only, a lock on a pronoun needs a fault told, a branch stands alone in
// the version's place, and an answer that takes a command back is no
// reason.
func TestAttack13(t *testing.T) {
	unlockAsked := []string{"unlock web prod", "Give a reason to unlock web production: \"unlock web production: fixed\", or answer with the reason."}
	checkReadings(t, []reading{
		{"set it to none", []string{"the api validations list is load-tests, security-scan"}, "unknown"},
		{"yes", []string{"did you mean \"set api approval to none\"?"}, "unknown"},
		{"approve it then", []string{"invoice #44 awaits approval from finance"}, "question orchestrator"},
		// A project and an environment said alone ask what runs there:
		// they planned a rollback (older than the session).
		{"api prod", nil, "command status app=api env=production"},
		{"le site en prod", nil, "command status app=web env=production"},
		{"web → staging", nil, "action deploy app=web env=staging"},
		// A state told of an id approves nothing (older than the session).
		{"invoice #44 awaits approval", nil, "command pending"},
		{"#12 needs an approval", nil, "question orchestrator"},
		{"lève-le", []string{"tout est gelé chez le client"}, "unknown"},
		{"déverrouille-le : fini", []string{"la prod du site doit rester verrouillée"}, "command unlock reason=fini"},
		{"lock it: incident", []string{"web prod is green"}, "command lock reason=incident"},
		{"lock it: incident", []string{"web prod is unaffected by the outage"}, "command lock reason=incident"},
		{"set it to canary?", []string{"web strategy is rolling"}, "question production"},
		{"reset it", []string{"the web approval from the client came in"}, "question staging"},
		{"yes", []string{"Do you want me to roll back api in production?"}, "unknown"},
		{"now push it to prod", []string{"deploy api 4.6.0 to staging", "Deployed api 4.6.0 → staging.", "don't push it to prod before Bob checks"},
			"action deploy env=production"},
		{"then push it to prod", []string{"deploy api 4.6.0 to staging", "Deployed api 4.6.0 → staging.", "staging is red"},
			"action deploy env=production"},
		{"deploy web to staging but not the main branch", nil, "action deploy app=web env=staging"},
		{"deploy web master class", nil, "action deploy app=web"},
		{"deploy web to staging, branch protection is on", nil, "action deploy app=web env=staging"},
		{"reset its approval", []string{"api prod"}, "command reset key=approval scope=project"},
		{"wait, wrong project", unlockAsked, "unknown"},
		{"none for now", []string{"set api approval", "Which value of approval for project api?"},
			"command context app=api key=approval scope=project value=none what=set"},
	})
}

// TestAttack14 holds the third attack on session 10's rules
// (/work/attack14): a lock said on a pronoun never takes its project from
// the conversation, a validation asked about, denied, for later or of
// another project ships nothing from staging, bad news said in other
// words stops "push it", an answer that asks deletes nothing, and a branch
// named in a question is no version.
func TestAttack14(t *testing.T) {
	shopDone := []string{"deploy api 2.1.0 to staging", "🚀 Deployment api 2.1.0 → staging (#5) Status: Done ✅"}
	checkReadings(t, []reading{
		{"verrouille-le : incident", []string{"l'api a planté en prod hier, c'est réparé"}, "command lock reason=incident"},
		{"lock it: incident", []string{"is api prod broken?"}, "command lock reason=incident"},
		{"lock it: incident", []string{"the Google Maps api is failing on prod"}, "command lock reason=incident"},
		{"then push it to prod", append(shopDone, "the client rejected it"), "action deploy env=production"},
		{"then push it to prod", append(shopDone, "la recette a échoué"), "action deploy env=production"},
		{"go for prod", []string{"api staging will be validated tomorrow"}, "action deploy app=api env=production"},
		{"go for prod", []string{"api staging hasn't been validated"}, "action deploy app=api env=production"},
		{"go for prod now", []string{"api staging validated", "web staging is red"}, "action deploy env=production"},
		{"go for prod", []string{"api staging is validated"}, "action deploy app=api env=production from=staging"},
		{"push it to prod", append(shopDone, "QA is still testing"), "action deploy env=production"},
		{"then push it to prod", append(shopDone, "smoke tests are green"), "action deploy app=api env=production version=2.1.0"},
		{"go for prod", []string{"api staging should be green by tonight"}, "action deploy app=api env=production"},
		{"1 ?", []string{"supprime le rappel du vendredi", "Rappels : #1 (chaque vendredi à 16h, #api), #2 (chaque vendredi à 11h, #deploys). Lequel ?"}, "unknown"},
		{"deploy api develop to prod by mistake, what now?", nil, "action deploy app=api env=production bad=develop"}, // refused by name
	})
}

// TestFreezeNamesAnUnknownProject: a freeze or an unfreeze of a project
// the configuration does not know carries its name, which the bot refuses
// by name; it froze every project's environment, or lifted every
// production freeze.
func TestFreezeNamesAnUnknownProject(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{"freeze shp prod: demo": "shp", "gèle le sitte en prod : démo": "sitte",
		"freeze all in prod: incident": "", "gel de la prod du 19/12 au 04/01 : fin d'année": "", "freeze production until monday": "",
		"unfreeze foo prod": "foo", "lift the freeze on foo prod": "foo", "unfreeze everything in prod": "", "freeze foo: x": "foo",
		"freeze until monday: demo": "", "freeze all: incident": ""} {
		if got := r.Parse(context.Background(), text, nil); got.Command != deploybot.CmdFreeze && got.Command != deploybot.CmdUnfreeze ||
			got.UnknownApp != want || got.App != "" {
			t.Errorf("%q: %s app=%q unknown=%q, want unknown=%q", text, got.Command, got.App, got.UnknownApp, want)
		}
	}
}
