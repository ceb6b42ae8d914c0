package router_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestSession11Readings holds the readings session 11 added.
func TestSession11Readings(t *testing.T) {
	askedEn := []string{"outcome 13", `Deployment #13: succeeded or failed? Answer "succeeded" or "failed", then what you saw at the target (e.g. "succeeded: v3 answers").`}
	askedFr := []string{"issue du déploiement 13", "Déploiement #13 : réussi ou échoué ? Répondez « réussi » ou « échoué », puis ce que vous avez constaté sur la cible (ex. « réussi : la v3 répond »)."}
	checkReadings(t, []reading{
		// An outcome without its verdict: the bot asks, and the answer
		// is the verdict with what the person saw.
		{"outcome 13", nil, "command outcome id=13"},
		{"outcome #13", nil, "command outcome id=13"},
		{"issue du déploiement 13", nil, "command outcome id=13"},
		{"succeeded: v3 answers", askedEn, "command outcome id=13 outcome=succeeded reason=v3 answers"},
		{"failed - still a blank page", askedEn, "command outcome id=13 outcome=failed reason=still a blank page"},
		{"failed", askedEn, "command outcome id=13 outcome=failed"}, // the service asks what was seen
		{"réussi, la v3 répond", askedFr, "command outcome id=13 outcome=succeeded reason=la v3 répond"},
		{"échoué : page blanche", askedFr, "command outcome id=13 outcome=failed reason=page blanche"},
		// Anything else records nothing: a doubt, a question, another order.
		{"not sure yet, checking", askedEn, "unknown"},
		{"ok", askedEn, "unknown"}, // a yes to the verdict question answers it no way, and confirms no plan waiting from before (session 14)
		{"deploy api to prod", askedEn, "action deploy app=api env=production"},
		{"outcome 14 succeeded: fine", askedEn, "command outcome id=14 outcome=succeeded reason=fine"},
		// A person asking the same words is no bot's question.
		{"succeeded", []string{"outcome 13", "was it succeeded or failed? I can't tell"}, "unknown"},
	})
}

// TestCommandsNameAnUnknownProject: a decision, a diff or a question of
// approvers that writes a project the configuration does not know names
// it (the bot says so and lists the known ones). "cancel shop staging"
// cancelled the single staging deployment waiting, whatever its project;
// "approve shop prod" and "who approves production for shop?" answered
// the capabilities card; "diff shop staging production" asked which
// project, and the answer "diff api staging production" lost api.
func TestCommandsNameAnUnknownProject(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text, history     string
		cmd               deploybot.Command
		app, env, unknown string
	}{
		{"cancel shop staging", "", deploybot.CmdCancel, "", "staging", "shop"},
		{"approve shop prod", "", deploybot.CmdApprove, "", "production", "shop"},
		{"annule le shop en recette", "", "", "", "staging", "shop"}, // a rollback of shop: the bot names it too
		{"diff shop staging production", "", deploybot.CmdDiff, "", "", "shop"},
		{"compare foo staging et prod", "", deploybot.CmdDiff, "", "", "foo"},
		{"who approves production for shop?", "", deploybot.CmdContext, "", "production", "shop"},
		{"who approves shop production?", "", deploybot.CmdContext, "", "production", "shop"},
		{"qui valide la prod de shop ?", "", deploybot.CmdContext, "", "production", "shop"},
		// Known names, and no name, as before.
		{"cancel web staging", "", deploybot.CmdCancel, "web", "staging", ""},
		{"approve api prod", "", deploybot.CmdApprove, "api", "production", ""},
		{"cancel the deploy to prod", "", deploybot.CmdCancel, "", "production", ""},
		{"stop the rollback in prod", "", deploybot.CmdCancel, "", "production", ""},
		{"diff staging production", "", deploybot.CmdDiff, "", "", ""},
		{"diff du site entre recette et prod", "", deploybot.CmdDiff, "web", "", ""},
		{"who approves production for web?", "", deploybot.CmdContext, "web", "production", ""},
		{"who signs off on staging before prod, QA or the client?", "", "", "", "", ""},
		// A command that names its project after the bot asked is its own.
		{"diff api staging production", "diff shop staging production|Which project for \"diff\"? I know: api, web.", deploybot.CmdDiff, "api", "", ""},
	} {
		var h []string
		if tt.history != "" {
			h = strings.Split(tt.history, "|")
		}
		got := r.Parse(context.Background(), tt.text, h)
		if got.Command != tt.cmd || got.App != tt.app || got.Env != tt.env || got.UnknownApp != tt.unknown {
			t.Errorf("%q: %s %s app=%q env=%q unknown=%q; want %q app=%q env=%q unknown=%q", tt.text, got.Kind, got.Command, got.App, got.Env,
				got.UnknownApp, tt.cmd, tt.app, tt.env, tt.unknown)
		}
	}
}

// TestUnlockWhenDone: "unlock api prod: done" lifts the lock, the work it
// kept others from being done; it answered the notification template. A
// rollback or a deploy reported done is still a report, and a lock said
// done asks nothing of the bot.
func TestUnlockWhenDone(t *testing.T) {
	checkReadings(t, []reading{
		{"unlock api prod: done", nil, "command unlock app=api env=production reason=done"},
		{"déverrouille l'api en prod : c'est fait", nil, "command unlock app=api env=production reason=c'est fait"},
		{"unfreeze prod: done", nil, "command unfreeze env=production"},
		{"rollback api prod: done", nil, "question rollback"},
		{"deploy web to staging - done", nil, "question staging"},
		{"lock api prod: done", nil, "question orchestrator"},
	})
	// A reason too short to say its language leaves the verb's.
	r, _ := router.New(exampleProjects)
	for _, text := range []string{"unlock api prod: ok", "unlock api prod: ✅"} {
		if got := r.Parse(context.Background(), text, nil); got.Lang != deploybot.English {
			t.Errorf("%q: lang %s", text, got.Lang)
		}
	}
}

// TestSession11Holdout29Readings holds, in other words than the set's,
// the readings fixed after routing_holdout29 was measured blind and read.
func TestSession11Holdout29Readings(t *testing.T) {
	checkReadings(t, []reading{
		// "promo" is a sale in French, no promotion of staging's build.
		{"les smoke tests de la promo en preprod, on les lance quand ?", nil, "question staging"},
		{"les prix promo sont faux en prod sur le site, on revient en arrière", nil, "action rollback app=web env=production"},
		{"monte un redis sur l'infra pour le cache de la promo", nil, "question devops"},
		{"promote web", nil, "action deploy app=web env=production from=staging"},
		{"promeus le site en prod", nil, "action deploy app=web env=production from=staging"},
		// An amount is no version: the rollback was refused as unsafe.
		{"rollback api prod, error rate at 5%", nil, "action rollback app=api env=production"},
		{"le panier affiche 0€ sur le site en prod, rollback !", nil, "action rollback app=web env=production"},
		{"deploy api v1.2;rm to prod", nil, "action deploy app=api env=production bad=v1.2;rm"}, // still refused
		// A freeze of everything keeps its reason and its scope.
		{"on gèle tout : la prod est en feu", nil, "command freeze all=yes reason=la prod est en feu"},
		{"we freeze everything, the db is corrupted", nil, "command freeze all=yes reason=the db is corrupted"},
		// An order on a pronoun after "now", with a reason after a comma;
		// the reason's "back" is no rollback.
		{"now lock it", nil, "command lock"},
		{"unlock it, checkout is back", nil, "command unlock reason=checkout is back"},
		{"ok now unlock it, payments are back: hotfix 2.15.2", nil, "command unlock reason=payments are back: hotfix 2.15.2"},
		// A French infinitive and its project: a deploy (the bot asks where).
		{"déployer le front", nil, "action deploy app=web"},
		{"livrer l'api en recette", nil, "action deploy app=api env=staging"},
		{"déployer le front sans coupure ?", nil, "question production"},
		// Small talk: a thanks that praises, holidays wished.
		{"thanks, that's exactly what we needed", nil, "smalltalk"},
		{"merci c'est parfait", nil, "smalltalk"},
		{"bonnes vacances et à l'année prochaine !", nil, "smalltalk"},
		// Off the domain.
		{"what should I buy for secret santa?", nil, "unknown"},
		{"une recette de foie gras pour noël ?", nil, "unknown"},
		{"write a poem about helm", nil, "unknown"},
		// Which deployment tools to use is the orchestrator's tools card.
		{"kamal or helm for the blog, which one?", nil, "question orchestrator"},
		{"comment installer argocd et helm sur le cluster ?", nil, "question devops"},
	})
	// "same for web" after a context read: that project's.
	checkReadings(t, []reading{
		{"same for web", []string{"show context for api"}, "command context app=web what=show"},
		{"et pour le site ?", []string{"qui valide la prod de l'api ?"}, "command context app=web env=production what=approvers"},
		{"same for web", []string{"set api strategy to canary"}, "question production"}, // never a setting changed for another project
	})
}

// TestSession11ReadSetReadings holds readings fixed from the read sets'
// lost orders: an approval on a pronoun right after the bot says which
// deployment waits, a command after a clause that says something is over.
func TestSession11ReadSetReadings(t *testing.T) {
	waits := []string{"deploy web 4.0.0 to production", `Confirmed: deploy web 4.0.0 → production (#31) waits for an approval. An approver answers "approve 31" (or "deny 31").`}
	checkReadings(t, []reading{
		{"approve it then", waits, "command approve id=31"},
		{"ok approuve-le alors", waits, "command approve id=31"},
		// Not after a person's line, nor said for later.
		{"approve it then", []string{"invoice #44 awaits approval from finance"}, "question orchestrator"},
		{"I'll approve it then, after lunch", waits, "unknown"},
		// Something over, then the command.
		{"ok the demo's over, unlock it", []string{"lock web production: client demo"}, "command unlock reason=ok the demo's over"},
		{"migration finie, déverrouille l'api en prod", nil, "command unlock app=api env=production"},
		{"the demo is not over, unlock it", nil, "question orchestrator"},
	})
}

// TestEventIsNoEnvironment: an extra environment named by a common word
// ("demo") after an article or a possessive, with another environment
// named, is an event: the rollback of "staging api is dead …, and the demo
// is in 10 min" went to the demo environment.
func TestEventIsNoEnvironment(t *testing.T) {
	withDemo := []deploybot.Project{
		{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}, {Name: "demo"}}},
		{Name: "web", Aliases: []string{"site", "front"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	}
	checkReadingsOf(t, withDemo, []reading{
		{"staging api is completely dead after my deploy and the demo is soon, undo it please", nil, "action rollback app=api env=staging"},
		{"il me faut la dernière version de l'api en staging pour ma démo de 14h", nil, "action deploy app=api env=staging"},
		{"rollback api on the demo", nil, "action rollback app=api env=demo"},
		{"deploy api to the demo env", nil, "action deploy app=api env=demo"},
		{"deploy api 2.0 to demo", nil, "action deploy app=api env=demo version=2.0"},
	})
}

// TestImperativeWithItsTarget: a deploy's verb first with its project and
// environment orders it, whatever purpose follows ("… for the client
// review", "…, le cache est pourri").
func TestImperativeWithItsTarget(t *testing.T) {
	checkReadings(t, []reading{
		{"put the new web build on preprod for the client review", nil, "action deploy app=web env=staging"},
		{"re-déploie le backend en staging, le cache est pourri", nil, "action deploy app=api env=staging"},
		{"release notes for web in prod", nil, "question orchestrator"},
		{"don't put the new web build on preprod", nil, "question staging"},
		{"I pushed the web build to preprod yesterday", nil, "question staging"},
	})
}

// TestNewOrderIsNoAnswer: after the bot asks for an environment, a new
// order with its own project or version is that order: "deploy foo
// v1.0.0 to production" (or a typo of web) after "deploy web v1.1.0 to
// uat" planned web v1.1.0 to production. An answer's version is the one
// said last.
func TestNewOrderIsNoAnswer(t *testing.T) {
	asked := []string{"deploy web v1.1.0 to uat", "❌ web has no environment \"uat\" (staging, production).\nWhich environment?"}
	checkReadings(t, []reading{
		{"deploy foo v1.0.0 to production", asked, "action deploy env=production version=v1.0.0"}, // the bot names foo (UnknownApp)
		{"deploy webb v1.0.0 to production", asked, "action deploy env=production version=v1.0.0"},
		{"deploy api to production", asked, "action deploy app=api env=production"},
		{"production", asked, "action deploy app=web env=production version=v1.1.0"},
		{"production, v1.0.0", asked, "action deploy app=web env=production version=v1.0.0"},
		{"deploy it to production", asked, "action deploy app=web env=production version=v1.1.0"},
	})
}

// TestUnfreezeByNumber: "unfreeze 1" lifts freeze #1 (it lifted every
// freeze of all projects, the number read as nothing).
func TestUnfreezeByNumber(t *testing.T) {
	checkReadings(t, []reading{
		{"unfreeze 1", nil, "command unfreeze id=1"},
		{"lift freeze #3", nil, "command unfreeze id=3"},
		{"annule le gel 2", nil, "command unfreeze id=2"},
		{"dégel web", nil, "command unfreeze app=web"},
		{"unfreeze", nil, "command unfreeze"},
	})
}

// TestDrillSettings: the drills' settings are set, not drilled.
func TestDrillSettings(t *testing.T) {
	checkReadings(t, []reading{
		{"set web rollback drill required to yes", nil, "command context app=web key=require_drill scope=project value=yes what=set"},
		{"set api drill every to 7d", nil, "command context app=api key=drill_every scope=project value=7d what=set"},
		{"set api approval timeout to 2h", nil, "command context app=api key=approval_timeout scope=project value=2h what=set"},
		{"lance un drill sur web en staging", nil, "command drill app=web env=staging"},
	})
}

// TestSeveralOrders: a message that gives a second order runs none (one
// of them ran, the other was dropped without a word or read as a reason).
func TestSeveralOrders(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for text, several := range map[string]bool{
		"deploy web v1.1.0 to staging and api v1.1.0 to production":   true,
		"deploy web and api to staging":                               true,
		"déploie le site et l'api en recette":                         true,
		"lock web production: incident and unlock api production: ok": true,
		"rollback web prod and api prod":                              true,
		"deploy web to staging and lock it":                           false, // the plan's own lock, the bot asks nothing else
		"ship web to staging, then to production next week":           false, // the staging deploy; the rest is for later
		"deploy api v2 to staging, the web one is fine":               false,
		"lock web production: incident":                               false,
	} {
		got := r.Parse(context.Background(), text, nil)
		if (got.Topic == deploybot.TopicSeveralOrders) != several || several && got.Kind != deploybot.KindQuestion {
			t.Errorf("%q: %s %s topic %q; several orders %v", text, got.Kind, got.Command, got.Topic, several)
		}
	}
}

// TestEnFaitCorrects: "en fait" (actually) in a correction of the plan's
// environment; it read the staging FAQ and the request was lost.
func TestEnFaitCorrects(t *testing.T) {
	checkReadings(t, []reading{
		{"en fait sur staging", []string{"déploie web en prod"}, "action deploy app=web env=staging"},
		{"staging en fait", []string{"déploie web en prod"}, "action deploy app=web env=staging"},
		{"c'est fait en staging", []string{"déploie web en prod"}, "question staging"},
	})
}

// TestAttack15 holds the attack on session 11's rules: readings it found
// that changed state nobody ordered, or on the wrong target, now read as
// at the session's start (or asked).
func TestAttack15(t *testing.T) {
	askedOutcome := []string{"outcome 42", `Deployment #42: succeeded or failed? Answer "succeeded" or "failed", then what you saw at the target (e.g. "succeeded: v3 answers").`}
	waits := []string{"deploy web v1.2.0 to production", `Confirmed: deploy web v1.2.0 → production (#31) waits for an approval. An approver answers "approve 31" (or "deny 31").`}
	withDemo := []deploybot.Project{
		{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}, {Name: "demo"}, {Name: "qa"}}},
		{Name: "web", Aliases: []string{"site", "front"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	}
	checkReadings(t, []reading{
		// An outcome's answer opens with its verdict, says no negation and
		// asks nothing.
		{"it didn't fail", askedOutcome, "unknown"},
		{"ask bob whether it succeeded", askedOutcome, "unknown"},
		{"not failed", askedOutcome, "unknown"},
		{"failed - 502 on checkout", askedOutcome, "command outcome id=42 outcome=failed reason=502 on checkout"},
		// An order for later is no order now.
		{"push the web build to prod for the client review in two weeks", nil, "question production"},
		{"put the new web build on preprod for the client review next week", nil, "question staging"},
		// A question or a condition unlocks nothing.
		{"unlock api prod: done?", nil, "question orchestrator"},
		{"une fois la démo terminée, déverrouille-le", nil, "question orchestrator"},
		// An approval said to someone else or asked approves nothing.
		{"@carol approve it then", waits, "question orchestrator"},
		{"so approve it then?", waits, "question orchestrator"},
	})
	checkReadingsOf(t, withDemo, []reading{
		// The environment an order acts on is its target, whatever other
		// environment is said fine.
		{"rollback the qa, production is fine", nil, "action rollback env=qa"},
		{"revert the demo, leave staging alone", nil, "action rollback env=demo"},
		{"deploy api to my demo, prod is frozen", nil, "action deploy app=api env=demo"},
	})
}

// TestSession11Holdout30Readings holds, in other words than the set's,
// the readings fixed after routing_holdout30 was measured blind and read.
func TestSession11Holdout30Readings(t *testing.T) {
	planFr := []string{"déploie le site en recette", "Déployer web v2.4.0 → staging (#50). Confirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planEn := []string{"deploy web v2.4.0 to staging", `Deploy web v2.4.0 → staging (#51). Confirm? Answer "yes" within 2 minutes (or "no").`}
	checkReadings(t, []reading{
		// A take-back opened by an interjection takes the order back.
		{"rollback api, ah non laisse tomber", nil, "question rollback"},
		{"rollback web prod... oh wait, never mind", nil, "question rollback"},
		{"deploy web to prod, ok", nil, "action deploy app=web env=production"},
		// A client's demo is an event, not the demo environment.
		{"client demo in progress and the api is down in prod, roll it back now", nil, "action rollback app=api env=production"},
		// "I meant", "je voulais dire" correct the plan.
		{"oups je voulais dire l'api, pas le site", planFr, "action deploy app=api env=staging replaces=50"},
		{"sorry I meant v2.4.1 not v2.4.0", planEn, "action deploy app=web env=staging version=v2.4.1 replaces=51"},
		{"non en fait en prod direct", planFr, "action deploy app=web env=production replaces=50"},
	})
}

// TestSession11Holdout30More: lists asked in sequel with an English word
// in French, thanks that say what the answer did, a meal wished.
func TestSession11Holdout30More(t *testing.T) {
	checkReadings(t, []reading{
		{"et les locks ?", nil, "command list what=locks"},
		{"et les freezes ?", nil, "command list what=freezes"},
		{"thank you, that saved the demo", nil, "smalltalk"},
		{"super merci, je vais voir avec eux 👍", nil, "smalltalk"},
		{"bon appétit tout le monde", nil, "smalltalk"},
	})
}

// TestSameThingElsewhere: "now the same thing to production" after an
// order is that order, elsewhere (staging first still applies).
func TestSameThingElsewhere(t *testing.T) {
	checkReadings(t, []reading{
		{"now the same thing to production", []string{"deploy web v2.4.0 to staging"}, "action deploy app=web env=production version=v2.4.0"},
		{"et maintenant la même en prod", []string{"déploie api 1.9.0 en recette"}, "action deploy app=api env=production version=1.9.0"},
		{"same thing", []string{"deploy web v2.4.0 to staging"}, "unknown"},
	})
}

// TestDenyReasonPutsNothingOff: a refusal's reason that says "not before
// …" refuses now (it was read as talk and nothing was refused); a
// reason that jokes, asks or reports someone's order refuses nothing.
func TestDenyReasonPutsNothingOff(t *testing.T) {
	waits := []string{"mets le site en prod en version 2.4.1", "Confirmé : déployer web 2.4.1 → production (#57) attend une approbation. Un approbateur répond « approve 57 » (ou « deny 57 »)."}
	checkReadings(t, []reading{
		{"deny 57, not before the demo ends", nil, "command deny id=57 reason=not before the demo ends"},
		{"refusé, pas avant la fin de la démo", waits, "command deny id=57 reason=pas avant la fin de la démo"},
		{"deny 57, jk", nil, "question orchestrator"},
		{"I'd deny 57, not before the demo ends", nil, "question orchestrator"},
	})
}

// TestAttack16 holds the attack on the latest rules: a sequel after talk
// or a question, a plan's correction asked, an interjection before a yes,
// a demo named with its project.
func TestAttack16(t *testing.T) {
	planEn := []string{"deploy web v2.4.0 to staging", `Deploy web v2.4.0 → staging (#51). Confirm? Answer "yes" within 2 minutes (or "no").`}
	withDemo := []deploybot.Project{
		{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}, {Name: "demo"}}},
	}
	checkReadings(t, []reading{
		{"now the same thing to production", []string{"the deploy of web v2.4.0 to staging broke the login"}, "question production"},
		{"et maintenant la même en prod", []string{"on déploie le site v2.4.0 en recette ?"}, "question production"},
		{"production now?", planEn, "question orchestrator"},
		{"straight to prod?", planEn, "question production"},
		{"rollback api production, ok do it", nil, "action rollback app=api env=production"},
	})
	checkReadingsOf(t, withDemo, []reading{
		{"rollback api demo, client demo on staging", nil, "action rollback app=api env=demo"},
	})
}

// TestSession11Regressions holds readings this session broke and mended
// (compared with 87e32c8 on every attack probe).
func TestSession11Regressions(t *testing.T) {
	askedOutcome := []string{"outcome 42", `Deployment #42: succeeded or failed? Answer "succeeded" or "failed", then what you saw at the target (e.g. "succeeded: v3 answers").`}
	checkReadings(t, []reading{
		{"the deploy of web to staging broke the login", nil, "question staging"},
		{"the deploy of web v2.4.0 to staging broke the login, roll it back", nil, "action rollback app=web env=staging"},
		{"et les locks de la prod, unlock tout", nil, "command unlock env=production all=yes"},
		{"cancel 31 staging", nil, "command cancel id=31 reason=staging"},
		{"before the demo is over, unlock it", nil, "question orchestrator"},
		{"failed to load the page, let me check again", askedOutcome, "question rollback"},
	})
}
