package router_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestTimesAndReportsAreNoOrders: a lock word that dates something ("just
// before the freeze", "pendant le gel"), a plan someone was supposed to
// carry out, and an order's word followed by its outcome ("rollback
// verified") order nothing.
func TestTimesAndReportsAreNoOrders(t *testing.T) {
	checkReadings(t, []reading{
		{"we deployed the front to prod on Dec 23 just before the freeze, that's what broke", nil, "question production"},
		{"on a mis le site en prod le 23 juste avant le gel, c'est ça qui a tout cassé", nil, "question orchestrator"},
		{"lock api prod during the freeze: audit", nil, "command lock app=api env=production reason=audit"},
		{"freeze web prod until the freeze ends", nil, "command freeze app=web env=production"},
		{"Tom was supposed to promote web to prod but he's off sick", nil, "question production"},
		{"Léa devait passer le front en prod mais elle est malade", nil, "question production"},
		{"I'm supposed to deploy api to staging today", nil, "question staging"},
		{"deploy api to staging, it was supposed to go out yesterday", nil, "action deploy app=api env=staging"},
		{"rollback verified, site is back", nil, "question rollback"},
		{"rollback vérifié, le site répond", nil, "question rollback"},
		{"rollback réussi", nil, "question rollback"},
		{"rollback succeeded", nil, "question rollback"},
		{"de retour de congés, on déploie le site ?", nil, "action deploy app=web"}, // a plan to confirm, never a rollback
		{"le site est de retour", nil, "question orchestrator"},
		{"back from leave, rollback api prod", nil, "action rollback app=api env=production"},
		{"retour à la 5.2.9 sur le site en prod", nil, "action rollback app=web env=production version=5.2.9"},
		{"fais un retour arrière sur le site", nil, "action rollback app=web"},
	})
}

// TestSituationThenOrder: a situation's label before a colon ("bad
// news:", "boxing day surprise:") is no speaker quoted: the order after
// it stands; a --force reason's words are no state told.
func TestSituationThenOrder(t *testing.T) {
	checkReadings(t, []reading{
		{"boxing day surprise: login is broken on the front in production. rollback!", nil, "action rollback app=web env=production"},
		{"bad news: api is down in prod, roll it back", nil, "action rollback app=api env=production"},
		{"mauvaise nouvelle : le site est cassé en prod, rollback", nil, "action rollback app=web env=production"},
		{"jenkins: rollback api prod", nil, "question rollback"},
		{"bob: rollback api prod", nil, "question rollback"},
		{`hotfix api 2.14.3 en prod --force "commandes bloquées chez le client, validé par carol"`, nil, "action deploy app=api env=production version=2.14.3"},
		{"prod gelée !", nil, "question orchestrator"},
		{"morning! back from leave", nil, "smalltalk"},
		{"coucou, de retour de congés", nil, "smalltalk"},
		{"ouf 😅 merci", nil, "smalltalk"},
	})
}

// TestReasonAnswers: the bot's questions for a reason, in its words or
// others' ("Il faut une raison", "Give the requester a reason", "--force
// needs a reason"), are answered by the reason; what to wait for is a
// reason, "wait" alone is none; a refusal's later clause may say "on
// verra".
func TestReasonAnswers(t *testing.T) {
	unlockFr := []string{"déverrouille l'api en prod", "Il faut une raison pour déverrouiller : « unlock api production: <raison> »."}
	unlockWeb := []string{"unlock the front in prod", "Give a reason to unlock web production: \"unlock web production: fixed\", or answer with the reason."}
	deny := []string{"deny 53", `Give the requester a reason: "deny 53 <reason>".`}
	denyFr := []string{"refuse la 53", "Donnez une raison au demandeur : « deny 53 <raison> »."}
	freezeAll := []string{"gèle tout", "Un gel de tout demande une raison : « freeze all: <raison> »."}
	checkReadings(t, []reading{
		{"corrigé par la 2.14.2, métriques au vert depuis 1h", unlockFr, "command unlock app=api env=production reason=corrigé par la 2.14.2, métriques au vert depuis 1h"},
		{"rollback verified, site is back", unlockWeb, "command unlock app=web env=production reason=rollback verified, site is back"},
		{"le site répond", unlockWeb, "command unlock app=web env=production"}, // "répond en 502": no reason, asked again
		{"le site répond en 502", unlockWeb, "command unlock app=web env=production"},
		{"le site répond pas", unlockWeb, "command unlock app=web env=production"}, // asked again
		{"site still not responding", unlockWeb, "command unlock app=web env=production"},
		{"freeze, wait for january", deny, "command deny id=53 reason=freeze, wait for january"},
		{"gel de fin d'année, on verra en janvier", denyFr, "command deny id=53 reason=gel de fin d'année, on verra en janvier"},
		{"on verra", denyFr, "unknown"},
		{"wait, not that one", deny, "unknown"},
		{"incident chez l'hébergeur", freezeAll, "command freeze all=yes reason=incident chez l'hébergeur"},
	})
}

// TestForceReasonNeverAnAnswer: a forced deploy refused for want of its
// reason is never forced by the answer after it, whatever it says: the
// reason is typed with the flag (--force "reason"). A first version took
// the answer as the reason; two attacks found "the outage is over",
// "nothing is broken", "tell me what counts as urgent", "urgent. scratch
// that", "ok, after the freeze then" planned as forced deploys.
func TestForceReasonNeverAnAnswer(t *testing.T) {
	asked := []string{"deploy web 5.3.2 to production --force", `--force needs a reason: --force "reason".`}
	refused := []string{"deploy web 5.3.2 to production --force", "Deploy web 5.3.2 → production (#2)\n❌ --force needs a reason (--force \"reason\")\n*Refused*: nothing ran."}
	for _, text := range []string{"checkout down for all customers", "paiement cassé pour tous les clients", "the outage is over",
		"nothing is broken", "tell me what counts as urgent", "urgent. scratch that", "ok, after the freeze then", "don't force it",
		"I'll ask carol", "urgent", "bug", "la panne est terminée", "in case of outage", "fine"} {
		for _, h := range [][]string{asked, refused} {
			if got := parse(t, text, h); got.Force || got.Kind == "action" {
				t.Errorf("%q after %.40q: %s force=%v reason=%q, want no forced deploy", text, h[len(h)-1], brief(got), got.Force, got.ForceReason)
			}
		}
	}
}

// TestOutcomeAnswers: the bot's question for a deployment's outcome, in
// other words than its own, and its alert on an interrupted deployment
// that says how to record it, are answered by a verdict first, maybe
// after its subject ("it succeeded"), with what was seen as the reason.
func TestOutcomeAnswers(t *testing.T) {
	asked := []string{"outcome 58", "Deployment #58 (api v2.14.2 → production) is interrupted. Succeeded or failed?"}
	askedFr := []string{"outcome 58", "Le déploiement #58 (api v2.14.2 → production) est interrompu. Réussi ou échoué ?"}
	alert := []string{`⚠️ Deployment #58 api v2.14.2 → production is interrupted: outcome unknown, production stays locked. An approver or an admin checks the target, then "outcome 58 succeeded" (or failed).`}
	own := []string{"outcome 58", `Deployment #58: succeeded or failed? Answer "succeeded" or "failed", then what you saw at the target (e.g. "succeeded: v3 answers").`}
	checkReadings(t, []reading{
		{"failed: 502 on checkout", asked, "command outcome id=58 outcome=failed reason=502 on checkout"},
		{"succeeded", asked, "command outcome id=58 outcome=succeeded"},
		{"échoué : 502 sur le panier", askedFr, "command outcome id=58 outcome=failed reason=502 sur le panier"},
		{"réussi, la 2.14.2 répond", askedFr, "command outcome id=58 outcome=succeeded reason=la 2.14.2 répond"},
		{"it succeeded, /healthz answers 2.14.2", alert, "command outcome id=58 outcome=succeeded reason=/healthz answers 2.14.2"},
		{"ça a échoué, page blanche", own, "command outcome id=58 outcome=failed reason=page blanche"},
		{"not sure yet", alert, "unknown"},
		{"it failed? not sure", own, "unknown"},
		{"marque-le réussi", nil, "command outcome outcome=succeeded"},
	})
}

// TestPlanCorrectionsSession16: a no that names another version and
// blames the plan's own (the version the bot chose, when the person
// named none), a rollback instead after "no wait" or "non finalement",
// "make that prod", "not now" and "banco".
func TestPlanCorrectionsSession16(t *testing.T) {
	rollbackPlan := []string{"site's broken in prod, roll back", "Rollback web production → 5.3.0 (#84)\n*Rules*:\n🚨 rollback: the emergency path\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rollbackPlanFr := []string{"le site est cassé en prod, rollback", "Rollback web production → 5.3.0 (#114)\n*Règles* :\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	deployPlan := []string{"deploy web 5.3.3 to production", "Deploy web 5.3.3 → production (#85)\n*Rules*:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	deployPlanFr := []string{"déploie le site 5.3.3 en prod", "Déploiement web 5.3.3 → production (#115)\n*Règles* :\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	stagingPlan := []string{"deploy api v2.14.2 to staging", "Deploy api v2.14.2 → staging (#83)\n*Rules*:\n✅ staging is not frozen\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"no, 5.2.9 — 5.3.0 had the bug too", rollbackPlan, "action rollback app=web env=production version=5.2.9 replaces=84"},
		{"non, la 5.2.9, la 5.3.0 avait aussi le bug", rollbackPlanFr, "action rollback app=web env=production version=5.2.9 replaces=114"},
		{"no, 5.3.0 is fine", rollbackPlan, "command cancel decline=yes id=84"},
		{"no wait, just roll it back instead", deployPlan, "action rollback app=web env=production replaces=85"},
		{"non finalement fais plutôt un rollback", deployPlanFr, "action rollback app=web env=production replaces=115"},
		{"no wait, don't roll it back", deployPlan, "command cancel decline=yes id=85 reason=don't roll it back"},
		{"no wait, roll it back if it breaks", deployPlan, "command cancel decline=yes id=85 reason=roll it back if it breaks"},
		{"actually make that prod", stagingPlan, "action deploy app=api env=production version=v2.14.2 replaces=83"},
		{"make that 2.14.3", stagingPlan, "action deploy app=api env=staging version=2.14.3 replaces=83"},
		{"not now", deployPlan, "command cancel decline=yes id=85"},
		{"pas maintenant", deployPlanFr, "command cancel decline=yes id=115"},
		{"banco", rollbackPlanFr, "command confirm id=114"},
		{"just roll it back", nil, "action rollback"},
		{"just deployed api to staging", nil, "question staging"},
	})
}

// TestListsInOtherWordsSession16: the deployments offered as "#52 web
// 5.3.2 → production (alice)" and a "Which one?" followed by an example
// are picked by what they are; "same for front" after an unlock and its
// report unlocks the front too.
func TestListsInOtherWordsSession16(t *testing.T) {
	approve := []string{"approve", `Two deployments wait for your approval: #52 web 5.3.2 → production (alice), #53 api 2.14.2 → production (bob). Which one? ("approve 52")`}
	approveFr := []string{"j'approuve", "Deux déploiements attendent votre approbation : #52 web 5.3.2 → production (alice), #53 api 2.14.2 → production (bob). Lequel ? (« approve 52 »)"}
	deny := []string{"deny", `Two deployments wait for your approval: #52 web 5.3.2 → production (alice), #53 api 2.14.2 → production (bob). Which one? ("deny 52 <reason>")`}
	unlocked := []string{"unlock api production: fixed by 2.14.2", "🔓 api/production unlocked by bob: fixed by 2.14.2"}
	locked := []string{"lock api production: incident", "🔒 api/production locked by bob: incident"}
	checkReadings(t, []reading{
		{"the api one", approve, "command approve id=53"},
		{"celui du site", approveFr, "command approve id=52"},
		{"52, not during the freeze", deny, "command deny id=52 reason=not during the freeze"},
		{"same for front", unlocked, "command unlock app=web env=production reason=fixed by 2.14.2"},
		{"pareil pour le site", locked, "command lock app=web env=production reason=incident"},
	})
}

// TestAttackOnSession16Rules holds what the attack on this session's
// first rules found: outcomes read from talk, reasons from pauses,
// orders after a freeze to come, labels that quote, reports of an
// order done.
func TestAttackOnSession16Rules(t *testing.T) {
	alert := []string{`⚠️ Deployment #58 api v2.14.2 → production is interrupted: outcome unknown, production stays locked. An approver or an admin checks the target, then "outcome 58 succeeded" (or failed).`}
	own := []string{"outcome 58", `Deployment #58: succeeded or failed? Answer "succeeded" or "failed", then what you saw at the target (e.g. "succeeded: v3 answers").`}
	freezeAll := []string{"gèle tout", "Un gel de tout demande une raison : « freeze all: <raison> »."}
	lock := []string{"lock api prod", `Give a reason to lock api production: "lock api production: <reason>".`}
	deny := []string{"deny 53", `Give the requester a reason: "deny 53 <reason>".`}
	for _, text := range []string{"was it successful", "done", "its done", "il a réussi à tout casser", "elle a réussi son permis !",
		"a failed pod restarted, looking into it", "it failed last time too", "failed to load, hang on", "it succeeded, I hope",
		"it succeeded apparently", "c'est réussi a priori", "succeeded on staging", "it was successful on staging",
		"it failed, the old one I mean", "@carol it failed, can you record it", "it failed, carol can you confirm",
		"failure is not an option", "failed to ssh into the box", "success kid meme", "succeeded 🙄", "réussi, sauf le checkout",
		"failed, redo it", "échoué, relance", "failed, 2.14.1 please"} {
		for _, h := range [][]string{alert, own} {
			if got := brief(parse(t, text, h)); got != "unknown" && !strings.HasPrefix(got, "question") && !strings.HasPrefix(got, "action") {
				t.Errorf("%q after %.30q: %s, want no outcome", text, h[len(h)-1], got)
			}
		}
	}
	checkReadings(t, []reading{
		{"it succeeded, /healthz answers 2.14.2", alert, "command outcome id=58 outcome=succeeded reason=/healthz answers 2.14.2"},
		{"failed - still a blank page", own, "command outcome id=58 outcome=failed reason=still a blank page"},
		{"ko, revert", alert, "action rollback app=api env=production"},
		{"failed, roll back to 2.14.1", alert, "action rollback app=api env=production version=2.14.1"},
		{"it failed", []string{`bob: #58 is stuck, just type "outcome 58 succeeded" if it's fine`}, "unknown"},
		{"attends la, je vérifie", freezeAll, "unknown"},
		{"wait till I check", freezeAll, "unknown"},
		{"wait until I check with carol", lock, "unknown"},
		{"risky, but ok go ahead", deny, "unknown"},
		{"trop risqué, pas de raison en fait", deny, "unknown"},
		{"after the freeze, deploy web 5.3.2 to prod", nil, "question production"},
		{"après le gel, déploie le site 5.3.2 en prod", nil, "question production"},
		{"before the freeze, promote web to prod", nil, "action deploy app=web env=production from=staging"},
		{"wtf: rollback api prod??", nil, "question rollback"},
		{"carol says bad news: rollback api prod", nil, "question rollback"},
		{"good news: rollback api prod", nil, "question rollback"},
		{"bob: api is down in prod, rollback", nil, "question rollback"},
		{"rollback api prod done", nil, "question rollback"},
		{"rollback bien effectué", nil, "question rollback"},
		{"rollback: verified", nil, "question rollback"},
		{"deploy verified build 5.3.2 to prod", nil, "action deploy env=production version=5.3.2"},
		{"rollback checked version 2.14.1 on api prod", nil, "action rollback app=api env=production version=2.14.1"},
		{"back!", nil, "question orchestrator"},
		{"i'm back", nil, "question orchestrator"},
		{"back from 2.14.2 to 2.14.1 on api prod", nil, "action rollback app=api env=production version=2.14.1"},
		{"demande de retour à la 2.14.1 sur l'api en prod", nil, "action rollback app=api env=production version=2.14.1"},
		{"Tom was suposed to promote web to prod", nil, "question production"},
		{"il fallait déployer le site en prod hier", nil, "question production"},
	})
}

// parse reads text after history with the example projects.
func parse(t *testing.T, text string, history []string) deploybot.Request {
	t.Helper()
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	return r.Parse(context.Background(), text, history)
}

// TestSuggestionPicked: after the bot's reply to a message it did not
// understand, with what it can do instead (its buttons as a terminal
// shows them, or a list), "the first one", "2", "la première" are that
// suggestion; doubt, negation, a question, a plan's "(answer "yes" or
// "no")" or an interview's "(répondez librement…)" pick nothing.
func TestSuggestionPicked(t *testing.T) {
	offered := []string{"rolbak webb stagign", "I'm not sure what you mean. I have no precise answer to that.\n(answer \"rollback web on staging\", \"status web\" or \"history web\")"}
	listed := []string{"rolbak webb stagign", "I'm not sure what you mean. Did you mean:\n• rollback web on staging\n• status web\n• help"}
	offeredFr := []string{"statu du sitte", "Je ne suis pas sûr de comprendre.\n(répondez « statut web », « historique web » ou « aide »)"}
	plan := []string{"deploy web 5.3.3 to production", "Deploy web 5.3.3 → production (#85)\nConfirm?\n(answer \"yes\" or \"no\")"}
	interview := []string{"configure le projet web", "Question 3/12 : quelle stratégie de déploiement pour web ? (répondez librement, « passer » pour sauter, « stop » pour mettre en pause)"}
	checkReadings(t, []reading{
		{"the first one", offered, "action rollback app=web env=staging"},
		{"the first one", listed, "action rollback app=web env=staging"},
		{"la première", offered, "action rollback app=web env=staging"},
		{"2", offered, "command status app=web"},
		{"le premier", offeredFr, "command status app=web"},
		{"not the first one", offered, "unknown"},
		{"the first one?", offered, "unknown"},
		{"the first one lol", offered, "smalltalk"},
		{"the first one", plan, "unknown"},
		{"the first one", interview, "command interview app=web scope=project"},
	})
}

// TestObjectsThatAreNoDeployment: a cancel, a freeze or a lock whose
// object is a meeting, the scope or a date orders nothing; "annule le
// déploiement du site" without its environment cancels what waits (the
// bot says how to go back if nothing does); the text of a notification
// asked with its release's version deploys nothing (a new user's
// "prepare le mail client pour la mise en prod du site 2.5.0" was a
// production deploy, confirmed and approved).
func TestObjectsThatAreNoDeployment(t *testing.T) {
	checkReadings(t, []reading{
		{"le client veut attendre finalement, annule le deploiement du site", nil, "command cancel app=web"},
		{"annule le déploiement du site en prod, il casse tout", nil, "action rollback app=web env=production"},
		{"annule la mise en prod de la 5.0.0 du front", nil, "action rollback app=web env=production"},
		{"annule la reunion de mise en prod du site", nil, "question rollback"},
		{"annule tout", nil, "question rollback"},
		{"on gele le perimetre du site jusqu'au 18/12", nil, "question orchestrator"},
		{"freeze the scope for web until friday", nil, "question orchestrator"},
		{"il faut bloquer la date de mise en prod du site avec le client", nil, "question production"},
		{"lock the date with the client", nil, "question orchestrator"},
		{"gèle le site jusqu'au 18/12", nil, "command freeze app=web dates=18/12"},
		{"redige moi l'annonce de la release du site 2.5.0 en francais stp", nil, "question orchestrator"},
		{"prepare le mail client pour la mise en prod du site 2.5.0", nil, "question orchestrator"},
		{"post the release notification for web 2.5.0 to production", nil, "question orchestrator"},
		{"write the changelog and deploy web 2.5.0 to production", nil, "question production"},
		{"send web 2.5.0 to production", nil, "action deploy app=web env=production version=2.5.0"},
	})
}

// TestSecondAttackOnSession16Rules holds what the second attack found.
func TestSecondAttackOnSession16Rules(t *testing.T) {
	asked := []string{"outcome 58", "Deployment #58 (api 2.14.2 → production) is interrupted. Succeeded or failed?"}
	plan := []string{"deploy web 5.3.3 to production", "Deploy web 5.3.3 → production (#85)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	staging := []string{"deploy web 5.3.3 to staging", "Deploy web 5.3.3 → staging (#85)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	list := []string{"approve", `Two deployments wait for your approval: #52 web 5.3.2 → production (alice), #53 api 2.14.2 → production (bob). Which one? ("approve 52")`}
	unlocked := []string{"unlock api production: fixed by 2.14.2", "🔓 api/production unlocked by bob: fixed by 2.14.2"}
	deny := []string{"deny 53", `Give the requester a reason: "deny 53 <reason>".`}
	freezeAll := []string{"gèle tout", "Un gel de tout demande une raison : « freeze all: <raison> »."}
	unlock := []string{"unlock the front in prod", `Give a reason to unlock web production: "unlock web production: fixed", or answer with the reason.`}
	for _, tt := range []struct {
		history []string
		texts   []string
	}{
		{asked, []string{"it failed, cancel that", "it succeeded, to be confirmed", "it succeeded, pending checks", "ça a réussi, à confirmer",
			"it succeeded, though /healthz still answers 2.14.1", "échec, non"}},
		{plan, []string{"no wait, don't just roll it back instead", "no, don't just rollback instead", "no wait, just rollback instead 😂",
			"no wait, just roll it back instead, i mean deploy", "just roll it back?"}},
		{staging, []string{"actually make that prod 😂", "actually make that production 🤔"}},
		{list, []string{"53 no", "the api one, no", "the api one 🤔", "the api one 😂"}},
		{unlocked, []string{"same for front: it's still broken", "same for front — it's not fixed", "pareil pour le site : toujours cassé",
			"same for front, wait for carol", "same for front, but not yet", "same for front — jk", "same for front, bob", "@bob same for front",
			"same for front 😂"}},
		{deny, []string{"seems fine", "good to go", "ok for me", "pas de souci", "not this one", "the other one"}},
		{freezeAll, []string{"pas de gel", "c'était une blague", "pour rire", "tout va bien", "je teste", "test"}},
		{nil, []string{"scenario: api is down in prod, roll it back", "exercice : le site est cassé en prod, rollback",
			"bad news: api is down in prod; carol, roll it back", "après le freeze, déploie web 5.3.2 en prod",
			"after the unfreeze, deploy web 5.3.2 to production"}},
	} {
		for _, text := range tt.texts {
			got := parse(t, text, tt.history)
			if changesSomething(got) && !(got.Kind == "command" && (got.Command == "unlock" || got.Command == "deny" || got.Command == "freeze") && got.Arg("reason") == "" && got.Arg("all") == "") {
				t.Errorf("%q after %.40q: %s, want nothing done", text, tt.history, brief(got))
			}
		}
	}
	checkReadings(t, []reading{
		{"no, keep it locked", unlock, "command cancel decline=yes reason=keep it locked"},
		{"not yet", unlock, "command unlock app=web env=production"}, // asked again
		{"53, no load tests", []string{"deny", "Which deployment? #52 or #53?"}, "command deny id=53 reason=no load tests"},
		{"failed, the pod does not start", asked, "command outcome id=58 outcome=failed reason=the pod does not start"},
	})
	for _, text := range []string{"/healthz answers 2.14.2", "healthz says 2.14.1"} {
		if got := parse(t, text, asked); got.Command == "outcome" || got.App != "" {
			t.Errorf("%q after the outcome question: %s, want no outcome and no project taken from the question", text, brief(got))
		}
	}
}

// TestNewUserSession16: a project manager's first week. State asked the
// French inverted way, being stuck, who may deploy, approving a project's
// waiting request by its name, and a request after a greeting.
func TestNewUserSession16(t *testing.T) {
	checkReadings(t, []reading{
		{"le site 2.5.0 est-il en prod ?", nil, "command status app=web env=production"},
		{"l'api tourne-t-elle en 2.4 en prod ?", nil, "command status app=api env=production"},
		{"je suis bloquee sur la mise en prod du site", nil, "question production"},
		{"le paiement est bloqué en prod depuis la MEP, remets la version précédente", nil, "action rollback env=production"},
		{"qui peut approuver les mises en prod ?", nil, "command context env=production what=approvers"},
		{"qui peut deployer en prod ?", nil, "command context env=production what=approvers"},
		{"who can deploy web to production?", nil, "command context app=web env=production what=approvers"},
		{"qui a le droit de faire un rollback en prod ?", nil, "question rollback"},
		{"approve web", nil, "command approve app=web"},
		{"approuve le site", nil, "command approve app=web"},
		{"approve web?", nil, "question orchestrator"},
		{"bonjour, je suis ines, nouvelle chef de projet. c quoi qui tourne en prod ?", nil, "command status env=production"},
		{"hi, I am new here. what runs in prod?", nil, "command status env=production"},
		{"bonjour deploybot, tu sais faire quoi ?", nil, "command help"},
		{"morning! back from leave", nil, "smalltalk"},
		{"hello, deploy api 1.2.0 to staging", nil, "action deploy app=api env=staging version=1.2.0"},
	})
}

// TestHoldout35Conversations: a yes to a plan whose rules say "no
// approval needed" confirms it (it approved it); a bare "approve" after
// the one deployment that waits for the person's approval approves it;
// a rollback plan's chosen version is the one after its arrow; "wait no
// — 4.2.2, …", "no, b4e5f6a, I pasted the wrong sha", "non c'est le
// front que je voulais" change the plan; a number or a rank after the
// bot's numbered options picks that option.
func TestHoldout35Conversations(t *testing.T) {
	staging := []string{"deploy web 4.2.2 to staging", "Deploy web 4.2.2 → staging (#54)\n*Rules*:\n✅ no approval needed on staging\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	one := []string{"anything waiting for me?", "1 deployment waits for your approval:\n#74 deploy api v2.8.2 → production — asked by alice, 4 min ago\nAnswer \"approve 74\" or \"deny 74\"."}
	requester := []string{"deploy web 4.13.1 to production", "Deploy web 4.13.1 → production (#91) waits for an approval. An approver answers \"approve 91\" (or \"deny 91\")."}
	rollback := []string{"rollback api prod", "Rollback api production : v2.8.1 → v2.8.0 (#84)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	hotfix := []string{"hotfix web 4.2.1 to prod", "Deploy web 4.2.1 → production (#70)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	sha := []string{"deploy web a1b2c3d to staging", "Deploy web a1b2c3d → staging (#63)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	apiStaging := []string{"déploie l'api en recette", "Déployer api v2.8.3 → staging (#55)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	envs := []string{"deploy web 4.2.0", "Deploy web 4.2.0: which environment?\n1. staging\n2. production"}
	projects := []string{"deploy to staging", "Which project?\n1. api (backend)\n2. web (site, front)"}
	versions := []string{"mets le site en recette", "Quelle version de web ? Dernières builds :\n1. 4.2.2\n2. 4.2.1\n3. 4.2.0"}
	checkReadings(t, []reading{
		{"yep 👍", staging, "command confirm id=54"},
		{"confirm", staging, "command confirm id=54"},
		{"approve", one, "command approve id=74"},
		{"cancel", requester, "command cancel decline=yes id=91"}, // the requester's own: not a refusal
		{"non, la v2.7.9, la v2.8.0 avait déjà le bug des sessions", rollback, "action rollback app=api env=production version=v2.7.9 replaces=84"},
		{"wait no — 4.2.2, 4.2.1 has the broken footer", hotfix, "action deploy app=web env=production version=4.2.2 replaces=70"},
		{"no, b4e5f6a, I pasted the wrong sha", sha, "action deploy app=web env=staging version=b4e5f6a replaces=63"},
		{"non c'est le front que je voulais", apiStaging, "action deploy app=web env=staging replaces=55"},
		{"2", envs, "action deploy app=web env=production version=4.2.0"},
		{"2", projects, "action deploy app=web env=staging"},
		{"la 2", versions, "action deploy app=web env=staging version=4.2.1"},
		{"not the first one", projects, "unknown"},
		{"3", projects, "unknown"},
		{"staging", []string{"déploie le backend en 2.9.0", "Déployer api 2.9.0 : quel environnement ?\n1. staging\n2. production"}, "action deploy app=api env=staging version=2.9.0"},
	})
}

// TestThirdAttackOnSession16Rules: a date or a slot "of the deployment"
// blocked, frozen or unblocked orders nothing (it deployed); a cancel
// reads only "annule le déploiement du site" alone or after a reason to
// wait, and goes back after an incident told; a pick among suggestions is
// a rank or a number and nothing else; "valide le site" is no approval.
func TestThirdAttackOnSession16Rules(t *testing.T) {
	offered := []string{"rolbak webb prodd", "I'm not sure what you mean.\n(answer \"rollback web en production\", \"status web\" or \"help\")"}
	checkReadings(t, []reading{
		{"bloque la date de déploiement du site en prod", nil, "question orchestrator"},
		{"gèle les specs du déploiement du site en prod", nil, "question orchestrator"},
		{"débloque le créneau de déploiement du site en prod", nil, "question orchestrator"},
		{"gèle le créneau de déploiement du site en prod du 20/12 au 03/01", nil, "question orchestrator"},
		{"annule le déploiement du site de bob", nil, "action rollback app=web"},
		{"annule le déploiement du site, les images ne chargent plus", nil, "action rollback app=web"},
		{"annule le déploiement du site qui vient de partir", nil, "action rollback app=web"},
		{"annule le déploiement du site", []string{"le checkout du site est cassé en prod"}, "action rollback app=web env=production"},
		{"valide le site", nil, "question orchestrator"},
		{"-1", offered, "unknown"},
		{"+1", offered, "unknown"},
		// "le 1er" alone picks the first (session 17: holdout36's writer,
		// blind, read it so); with a date's words it picks nothing.
		{"le 1er", offered, "action rollback app=web env=production"},
		{"le 1er décembre", offered, "unknown"},
		{"le 1er à 10h", offered, "unknown"},
		{"first!", offered, "unknown"},
		{"1️⃣", offered, "unknown"},
	})
}

// TestAnnouncementsAndHabits: publishing or announcing a release's
// notification deploys nothing; a habit told ("I deploy web to
// production on Fridays", "je m'occupe du rollback du site") orders
// nothing; "publish web 2.5.0 to production" still deploys.
func TestAnnouncementsAndHabits(t *testing.T) {
	checkReadings(t, []reading{
		{"publie l'annonce de la release du site 2.5.0 en prod", nil, "question orchestrator"},
		{"announce the web 2.5.0 release in production", nil, "question orchestrator"},
		{"hi, I am Tom, I deploy web to production on Fridays", nil, "question production"},
		{"bonjour, je suis Inès, je m'occupe du rollback du site en prod", nil, "question rollback"},
		{"publish web 2.5.0 to production", nil, "action deploy app=web env=production version=2.5.0"},
	})
}

// TestReviewOfSession16: numbered options that are themselves numbers
// pick nothing (options "1. 2", "2. 1" read each other until the stack
// overflowed); the cancel of a deployment names any configured project
// (it knew api, web and their aliases only).
func TestReviewOfSession16(t *testing.T) {
	checkReadings(t, []reading{
		{"1", []string{"deploy web", "Which environment?\n1. 2\n2. 1"}, "unknown"},
		{"12", []string{"deploy web", "Which environment?\n1. 12\n2. 13"}, "unknown"},
		{"2", []string{"deploy web 4.2.0", "Deploy web 4.2.0: which environment?\n1. staging\n2. production"}, "action deploy app=web env=production version=4.2.0"},
	})
	shop := []deploybot.Project{{Name: "shop", Aliases: []string{"boutique"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}}}
	checkReadingsOf(t, shop, []reading{
		{"annule le déploiement de shop", nil, "command cancel app=shop"},
		{"annule le déploiement de la boutique", nil, "command cancel app=shop"},
		{"annule le déploiement de shop en prod", nil, "action rollback app=shop env=production"},
	})
}
