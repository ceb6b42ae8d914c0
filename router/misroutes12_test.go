package router_test

import (
	"context"
	"testing"

	"deploybot/router"
)

// TestActionNamesAnUnknownProjectBeforeItsEnvironment: an action that
// writes an unknown name where its project goes, right before the
// environment ("shop staging deploy pls", "blog en prod stp", "put shop
// on staging"), names it; it took the project of the conversation's
// earlier message (a deploy of web to staging for "shop staging deploy").
func TestActionNamesAnUnknownProjectBeforeItsEnvironment(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	earlier := []string{"deploy web to prod", "Deploy web → production (#12)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	for _, tt := range []struct {
		text    string
		unknown string
	}{
		{"shop staging deploy pls", "shop"},
		{"shop to staging please", "shop"},
		{"put shop on staging", "shop"},
		{"blog en prod stp", "blog"},
		{"mets blog en prod", "blog"},
		{"api en prod stp", ""},
	} {
		for _, h := range [][]string{nil, earlier} {
			got := r.Parse(context.Background(), tt.text, h)
			if got.UnknownApp != tt.unknown || tt.unknown != "" && got.App != "" {
				t.Errorf("%q (history %d): app=%q unknown=%q, want unknown=%q", tt.text, len(h), got.App, got.UnknownApp, tt.unknown)
			}
		}
	}
}

// TestReview12Readings holds the readings a new-user and attacker review
// of session 12 found wrong: orders passed on to someone, asked or
// suggested, quoted, reported after a colon, negated deletions of a
// reminder, an assent asked, a reason that says "not yet", a sentence
// that speaks of an id, "now in production" after a deploy to staging.
func TestReview12Readings(t *testing.T) {
	reasonAsked := []string{"lock web production: incident", "🔒 web/production locked by alice: incident", "unlock web production",
		`Give a reason to unlock web production: "unlock web production: fixed", or answer with the reason.`}
	whichOne := []string{"approve", "Several deployments wait for your approval: #14 (shop → production), #13 (shop → production). Which one?"}
	stagingDone := []string{"deploy web v1.2.0 to staging --yes", "🚀 Deployment web v1.2.0 (#11) — Status: Done ✅"}
	checkReadings(t, []reading{
		// Passed on to someone else: the sender gives no order.
		{"ask carol to approve 12", nil, "question orchestrator"},
		{"tell carol to unfreeze web", nil, "question orchestrator"},
		{"ask bob to unlock web production: fixed", nil, "question orchestrator"},
		{"dis à carol de dégeler le front", nil, "question orchestrator"},
		{"ask carol to cancel 12", nil, "question orchestrator"},
		{"ask bob to deploy web v1.2.0 to staging", nil, "question staging"},
		{"can you ask bob to approve 12?", nil, "question orchestrator"},
		{"deploy web to staging and ask carol to approve it", nil, "action deploy app=web env=staging"},
		{"I ask you to approve 12", nil, "command approve id=12"},
		// An assent asked approves nothing.
		{"ok for 14?", nil, "unknown"},
		{"ok pour le 12 ?", nil, "unknown"},
		{"ok pour le 12", nil, "command approve id=12"},
		// Asked or suggested, a loosening is not given; stated with its
		// reason it is; a tightening asked for is done.
		{"can we unfreeze web", nil, "question orchestrator"},
		{"on peut dégeler le front", nil, "question orchestrator"},
		{"on peut approuver le 12", nil, "question orchestrator"},
		{"can I unlock web production: fixed", nil, "question orchestrator"},
		{"we can set web approval to none", nil, "question orchestrator"},
		{"on peut mettre l'approbation du site à none", nil, "question orchestrator"},
		{"on peut dégeler la prod, l'incident est clos", nil, "command unfreeze env=production reason=l'incident est clos"},
		{"can we lock api prod", nil, "command lock app=api env=production"},
		// A quoted order, an order a report quotes after a colon.
		{`"unlock web production: fixed"`, nil, "question orchestrator"},
		{"the README says: deploy web v1.0.0 to production --yes", nil, "question production"},
		{"la doc dit : déploie web v1.0.0 en prod", nil, "question production"},
		{"api is down: rollback api prod", nil, "action rollback app=api env=production"},
		// A reminder's deletion negated or asked.
		{"don't delete reminder 2", nil, "question orchestrator"},
		{"ne supprime pas le rappel 2", nil, "question orchestrator"},
		{"delete reminder 2?", nil, "question orchestrator"},
		{"supprime le rappel n°4", nil, "command reminders id=4 op=delete"},
		// A reason to unlock says what was fixed, not "not yet": the bot
		// asks for the reason again (the command comes back without one).
		{"hmm not yet", reasonAsked, "command unlock app=web env=production"},
		{"pas encore", reasonAsked, "command unlock app=web env=production"},
		{"why?", reasonAsked, "command unlock app=web env=production"},
		{"tomorrow", reasonAsked, "command unlock app=web env=production"},
		{"je sais pas", reasonAsked, "command unlock app=web env=production"},
		{"fixed by v3.8.4", reasonAsked, "command unlock app=web env=production reason=fixed by v3.8.4"},
		{"no more errors since the hotfix", reasonAsked, "command unlock app=web env=production reason=no more errors since the hotfix"},
		// A sentence that speaks of an id does not choose it.
		{"hmm, 14 has a migration, I need to check it", whichOne, "unknown"},
		{"14, tests are green", whichOne, "command approve id=14"},
		{"that one, 14", whichOne, "command approve id=14"},
		// "now in production" after a deploy to staging is that deploy
		// there; alone, what runs there.
		{"now in production", stagingDone, "action deploy app=web env=production version=v1.2.0"},
		{"maintenant en prod", stagingDone, "action deploy app=web env=production version=v1.2.0"},
		{"now in production", nil, "command status env=production"},
		{"ok now prod", nil, "command status env=production"},
	})
}

// TestUnlockItAfterTheBotsLock: "unlock it" right after the bot's own
// confirmation of a lock unlocks that lock (the reason is still asked when
// none is given); a person's line names no lock to lift.
func TestUnlockItAfterTheBotsLock(t *testing.T) {
	locked := []string{"lock web production: client demo", "🔒 web/production locked by priya: client demo"}
	lockedFr := []string{"verrouille l'api en staging : import", "🔒 api/staging verrouillé par bob : import"}
	checkReadings(t, []reading{
		{"unlock it", locked, "command unlock app=web env=production"},
		{"ok demo's over, unlock it", locked, "command unlock app=web env=production reason=ok demo's over"},
		{"déverrouille-le, c'est fini", lockedFr, "command unlock app=api env=staging reason=c'est fini"},
		{"don't unlock it", locked, "question orchestrator"},
		{"unlock it tomorrow", locked, "question orchestrator"},
		{"déverrouille-le : fini", []string{"la prod du site doit rester verrouillée"}, "command unlock reason=fini"},
		{"freeze it", locked, "unknown"},
	})
}

// TestAttack17 holds the attack on session 12's first rules (a helper's
// 1,326 probes, /tmp/attack17): an id refused, asked or doubted after
// "Which one?"; a reason to unlock that says nothing is over; a
// loosening suggested with a doubt for its reason, or asked in other
// words; a reminder's deletion taken back, passed on or asked; a request
// for an approval; an order copied from a source after a colon; an
// environment named alone after talk, a question or a failed deploy.
func TestAttack17(t *testing.T) {
	whichOne := []string{"approve", "Several deployments wait for your approval: #14 (shop → production), #13 (shop → production). Which one?"}
	reasonAsked := []string{"lock web production: incident", "🔒 web/production locked by alice: incident", "unlock web production",
		`Give a reason to unlock web production: "unlock web production: fixed", or answer with the reason.`}
	stagingDone := []string{"deploy web v1.2.0 to staging --yes", "🚀 Deployment web v1.2.0 (#11) — Status: Done ✅"}
	stagingFailed := []string{"deploy web v1.2.0 to staging --yes", "🚀 Deployment web v1.2.0 (#11) — Status: Failed ❌"}
	statusRead := []string{"how is web doing?", "web/staging runs v1.2.0, web/production runs v1.1.0."}
	checkReadings(t, []reading{
		{"don't approve 14", whichOne, "unknown"},
		{"sauf le 14", whichOne, "unknown"},
		{"14?", whichOne, "unknown"},
		{"14 not yet", whichOne, "unknown"},
		{"14 breaks login", whichOne, "unknown"},
		{"carol said 14", whichOne, "unknown"},
		{"14 and 13", whichOne, "unknown"},
		{"14 looks fine, go", whichOne, "command approve id=14"},
		{"still broken", reasonAsked, "command unlock app=web env=production"},
		{"plus tard", reasonAsked, "command unlock app=web env=production"},
		{"when the fix is out", reasonAsked, "command unlock app=web env=production"},
		{"fixed I think", reasonAsked, "command unlock app=web env=production"},
		{"ask bob", reasonAsked, "command unlock app=web env=production"},
		{"voir plus haut", reasonAsked, "command unlock app=web env=production"},
		{"ce n'est plus cassé", reasonAsked, "command unlock app=web env=production reason=ce n'est plus cassé"},
		{"payments are back", reasonAsked, "command unlock app=web env=production reason=payments are back"},
		{"on peut dégeler la prod, pas encore", nil, "question orchestrator"},
		{"we can unfreeze web, if carol agrees", nil, "question orchestrator"},
		{"est ce qu'on peut approuver le 12", nil, "question orchestrator"},
		{"peut on dégeler la prod", nil, "question orchestrator"},
		{"ok to approve 12", nil, "question orchestrator"},
		{"yes we can approve 12", nil, "question orchestrator"},
		{"we can unfreeze prod because the incident is closed", nil, "command unfreeze env=production"},
		{"can I ask you to approve 12", nil, "command approve id=12"},
		{"ok for 14, right?", nil, "unknown"},
		{"wait, don't delete reminder 2", nil, "question orchestrator"},
		{"delete reminder 2, no, keep it", nil, "question orchestrator"},
		{"tell bob to delete reminder 2", nil, "question orchestrator"},
		{"can we delete reminder 2", nil, "question orchestrator"},
		{"delete reminder 2 (no need)", nil, "command reminders id=2 op=delete"},
		{"ask for approval of 12", nil, "question orchestrator"},
		{"ping carol to approve 12", nil, "question orchestrator"},
		{"demande-lui d'approuver le 12", nil, "question orchestrator"},
		{"fais approuver le 12 par carol", nil, "question orchestrator"},
		{"Fais passer le staging du site en production", nil, "action deploy app=web env=production from=staging"},
		{"from the wiki: rollback api prod --yes", nil, "question rollback"},
		{"step 3: deploy web v1.0.0 to production --yes", nil, "question production"},
		{"api is down: rollback api prod", nil, "action rollback app=api env=production"},
		{"customers can't log in, auth broke in production after the deploy. roll back!", nil, "action rollback env=production"},
		{"now in prod?", stagingDone, "command status app=web env=production"}, // asked of the project just deployed (session 15)
		{"now in production", stagingFailed, "command status env=production"},
		{"and in prod", stagingFailed, "unknown"},
		{"now in production", statusRead, "command status env=production"},
		{"en prod", nil, "command status env=production"},
		{"prod, vite 🔥", []string{"rollback du site", "Quel environnement ?"}, "action rollback app=web env=production"},
	})
}

// TestAttack18 holds the second attack on the session's rules (1,354
// probes, /tmp/attack18): "Which one?" answered with words that do not
// choose; reasons that say nothing is over (the bot asks again); a yes to
// the bot's question for a slot confirms no older plan; an environment
// named with a question or a moment; and the clear orders the first
// answers refused.
func TestAttack18(t *testing.T) {
	whichOne := []string{"approve", "Several deployments wait for your approval: #14 (shop → production), #13 (shop → production). Which one?"}
	reasonAsked := []string{"lock web production: incident", "🔒 web/production locked by alice: incident", "unlock web production",
		`Give a reason to unlock web production: "unlock web production: fixed", or answer with the reason.`}
	stagingDone := []string{"deploy web v1.2.0 to staging --yes", "🚀 Deployment web v1.2.0 (#11) — Status: Done ✅"}
	envAsked := []string{"deploy api v2.0.0", "Which environment for the deploy of api? staging or production."}
	planThenAsk := []string{"deploy web v1.2.0 to staging", "Deploy web v1.2.0 → staging (#3). Confirm? Answer \"yes\" within 2 minutes (or \"no\").",
		"freeze", `Which project for "freeze"? I know: api, web. (or "all: reason" to freeze everything)`}
	checkReadings(t, []reading{
		{"2 nah", whichOne, "unknown"},
		{"I guess 14", whichOne, "unknown"},
		{"14 tonight", whichOne, "unknown"},
		{"what is 14", whichOne, "unknown"},
		{"c'est le 14", whichOne, "command approve id=14"},
		{"on prend le 14", whichOne, "command approve id=14"},
		{"let's do 14", whichOne, "command approve id=14"},
		{"14 (the shop one)", whichOne, "command approve id=14"},
		{"okay", reasonAsked, "command unlock app=web env=production"}, // asked again
		{"working on it", reasonAsked, "command unlock app=web env=production"},
		{"errors are back", reasonAsked, "command unlock app=web env=production"},
		{"done in 10 min", reasonAsked, "command unlock app=web env=production"},
		{"carol says fixed", reasonAsked, "command unlock app=web env=production"},
		{"tests pass now", reasonAsked, "command unlock app=web env=production reason=tests pass now"},
		{"no errors since 10:00", reasonAsked, "command unlock app=web env=production reason=no errors since 10:00"},
		{"all clear", reasonAsked, "command unlock app=web env=production reason=all clear"},
		{"le paiement remarche", reasonAsked, "command unlock app=web env=production reason=le paiement remarche"},
		{"yes", planThenAsk, "unknown"},
		{"prod?", stagingDone, "command status app=web env=production"},
		{"en prod demain", stagingDone, "command status env=production"},
		{"now prod pls", stagingDone, "action deploy app=web env=production version=v1.2.0"},
		{"prod tomorrow", envAsked, "unknown"}, // the bot asks again: no order now
		{"production", envAsked, "action deploy app=api env=production version=v2.0.0"},
		{"same in prod", nil, "command status env=production"},
		{"no, delete reminder 2", nil, "command reminders id=2 op=delete"},
		{"non, supprime le rappel 2", nil, "command reminders id=2 op=delete"},
		{"wait, don't delete reminder 2", nil, "question orchestrator"},
		{"maybe delete reminder 2", nil, "question orchestrator"},
		{"delete reminder 2 after the demo", nil, "question orchestrator"},
		{"QA validated: deploy web v1.2.0 to production", nil, "action deploy app=web env=production version=v1.2.0"},
		{"ticket OPS-42: rollback api prod", nil, "action rollback app=api env=production"},
		{"the doc: deploy web v1.0.0 to production", nil, "question production"},
		{"hey carol can you approve 12", nil, "question orchestrator"},
		{"we can go: approve 12", nil, "command approve id=12"},
		{"„approve 12“", nil, "question orchestrator"},
	})
	// Told or suggested, they change nothing (their route is the model's).
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"approval needed for 12", "what about approving 12", "poke bob to unfreeze web"} {
		if got := r.Parse(context.Background(), text, nil); changesSomething(got) {
			t.Errorf("%q: %s %s, want no order", text, got.Kind, got.Command)
		}
	}
}

// TestGoodNewsIsNoRollback: something told to be back is good news, no
// order to go back ("payments are back" planned a rollback).
func TestGoodNewsIsNoRollback(t *testing.T) {
	checkReadings(t, []reading{
		{"payments are back", nil, "question rollback"},
		{"api is back up", nil, "question rollback"},
		{"le site est revenu", nil, "question rollback"},
		{"payments are back", []string{"unlock it", `Which project for "unlock"? I know: api, web.`}, "question rollback"},
		{"roll back api, payments are broken", nil, "action rollback app=api"},
	})
}

// TestAttack19AndReview12b holds the third attack (/tmp/attack19) and the
// second new-user review (/tmp/nu13): a refusal given where a project is
// asked; an order addressed to someone by name; a negation after it; a
// freeze said for a moment without its dates; an environment with a word
// of haste or cheer, a time or a "no"; answers that choose in other
// words; reasons with what follows them.
func TestAttack19AndReview12b(t *testing.T) {
	targetAsked := []string{"unlock it", `Which project for "unlock"? I know: api, web.`}
	whichOne := []string{"approve", "Several deployments wait for your approval: #14 (shop → production), #13 (shop → production). Which one?"}
	reasonAsked := []string{"lock web production: incident", "🔒 web/production locked by alice: incident", "unlock web production",
		`Give a reason to unlock web production: "unlock web production: fixed", or answer with the reason.`}
	stagingDone := []string{"deploy web v1.2.0 to staging --yes", "🚀 Deployment web v1.2.0 (#11) — Status: Done ✅"}
	checkReadings(t, []reading{
		{"don't unlock web staging: QA not done", targetAsked, "unknown"},
		{"web staging: QA done", targetAsked, "command unlock app=web env=staging reason=QA done"},
		{"carol peux-tu valider le 12 stp", nil, "question orchestrator"},
		{"plz approve 12 carol", nil, "question orchestrator"},
		{"ship api to qa", nil, "action deploy app=api env=qa"},
		{"approve 12 y/n", nil, "question orchestrator"},
		{"ok d'approuver le 14 ?", nil, "question orchestrator"},
		{"freeze web prod tomorrow: client demo", nil, "command freeze app=web env=production reason=client demo when=tomorrow"},
		{"gèle le site ce week-end : soldes", nil, "command freeze app=web reason=soldes when=week-end"},
		{"freeze web prod on 19/12", nil, "command freeze app=web env=production dates=19/12 day=19/12"},
		{"freeze web prod until monday: demo", nil, "command freeze app=web env=production reason=demo until=monday"},
		{"great, now in prod", nil, "command status env=production"},
		{"let's go prod", nil, "command status env=production"},
		{"prod non", stagingDone, "command status env=production"},
		{"prod à 17h30", stagingDone, "command status env=production"},
		{"go en recette", []string{"l'api est prête"}, "action deploy app=api env=staging"},
		{"I want 14", whichOne, "command approve id=14"},
		{"14 of course", whichOne, "command approve id=14"},
		{"errors back to normal", reasonAsked, "command unlock app=web env=production reason=errors back to normal"},
		{"no issues since the hotfix", reasonAsked, "command unlock app=web env=production reason=no issues since the hotfix"},
		{"resolved, postmortem later", reasonAsked, "command unlock app=web env=production reason=resolved, postmortem later"},
		{"the site is back up", reasonAsked, "command unlock app=web env=production reason=the site is back up"},
		{"fixed then broke again", reasonAsked, "command unlock app=web env=production"},
		{"not sure: delete reminder 2", nil, "question orchestrator"},
		{"could delete reminder 2", nil, "question orchestrator"},
	})
}

// TestWholeEnvironmentIsNoProject: "gel de toute la prod", "freeze the
// whole prod" freeze production ("toute" was read as an unknown project
// and nothing was frozen).
func TestWholeEnvironmentIsNoProject(t *testing.T) {
	checkReadings(t, []reading{
		{"gel de toute la prod du 18/12 au 04/01 : vacances de Noël", nil, "command freeze env=production dates=18/12 04/01 reason=vacances de Noël"},
		{"freeze the whole prod from 18/12 to 04/01: holidays", nil, "command freeze env=production dates=18/12 04/01 reason=holidays"},
	})
}

// TestWhoApprovesWithNoProject: "who approves production?" asks every
// project's approvers.
func TestWhoApprovesWithNoProject(t *testing.T) {
	checkReadings(t, []reading{
		{"who approves production?", nil, "command context env=production what=approvers"},
		{"qui peut approuver en prod ?", nil, "command context env=production what=approvers"},
		{"who approves production for web?", nil, "command context app=web env=production what=approvers"},
	})
}

// TestCompoundUnknownNameBeforeItsEnvironment: a name with digits, dashes
// or underscores right before an environment is named too ("shop-v2
// staging deploy" took web from the earlier message).
func TestCompoundUnknownNameBeforeItsEnvironment(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	earlier := []string{"deploy web v1.2.0 to staging --yes", "🚀 Deployment web v1.2.0 (#11) — Status: Done ✅"}
	for _, tt := range []struct{ text, unknown string }{
		{"shop-v2 staging deploy", "shop-v2"},
		{"backend2 en prod", "backend2"},
		{"shop_api staging deploy pls", "shop_api"},
		{"web 1.2.0 to prod", ""},
		{"api v2 en prod", ""},
	} {
		for _, h := range [][]string{nil, earlier} {
			got := r.Parse(context.Background(), tt.text, h)
			if got.UnknownApp != tt.unknown || tt.unknown != "" && got.App != "" {
				t.Errorf("%q (history %d): app=%q unknown=%q, want unknown=%q", tt.text, len(h), got.App, got.UnknownApp, tt.unknown)
			}
		}
	}
}
