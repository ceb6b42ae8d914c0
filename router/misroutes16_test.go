package router_test

import (
	"context"
	"testing"

	"deploybot/router"
)

// TestTimesAndReportsAreNoOrders: a lock word that dates something ("just
// before the freeze", "pendant le gel"), a plan someone was supposed to
// carry out, and an order's word followed by its outcome ("rollback
// verified") order nothing.
func TestTimesAndReportsAreNoOrders(t *testing.T) {
	checkReadings(t, []reading{
		{"we deployed the front to prod on Dec 23 just before the freeze, that's what broke", nil, "question orchestrator"},
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
		{"le site répond", unlockWeb, "command unlock app=web env=production reason=le site répond"},
		{"le site répond pas", unlockWeb, "command unlock app=web env=production"}, // asked again
		{"site still not responding", unlockWeb, "command unlock app=web env=production"},
		{"freeze, wait for january", deny, "command deny id=53 reason=freeze, wait for january"},
		{"gel de fin d'année, on verra en janvier", denyFr, "command deny id=53 reason=gel de fin d'année, on verra en janvier"},
		{"on verra", denyFr, "unknown"},
		{"wait, not that one", deny, "unknown"},
		{"incident chez l'hébergeur", freezeAll, "command freeze all=yes reason=incident chez l'hébergeur"},
	})
}

// TestForceReasonAnswer: after a forced deploy refused for want of a
// reason (the bot's rule, or its refused plan as the chat keeps it), the
// answer is the reason; an answer that only agrees, backs out or asks
// forces nothing.
func TestForceReasonAnswer(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	asked := []string{"deploy web 5.3.2 to production --force", `--force needs a reason: --force "reason".`}
	refused := []string{"deploy web 5.3.2 to production --force", "Deploy web 5.3.2 → production (#2)\n*Refused*: nothing ran."}
	for _, tt := range []struct {
		text    string
		history []string
		reason  string // "" for no forced deploy
	}{
		{"checkout down for all customers", asked, "checkout down for all customers"},
		{"checkout down for all customers", refused, "checkout down for all customers"},
		{"paiement cassé pour tous les clients", []string{"déploie le site 5.3.2 en prod --force", "--force demande une raison : --force \"raison\"."}, "paiement cassé pour tous les clients"},
		{"fine", refused, ""},
		{"great thanks", refused, ""},
		{"no idea", asked, ""},
		{"why?", asked, ""},
		{"oops, forget it", asked, ""},
		{"checkout down for all customers", []string{"deploy web 5.3.2 to production", "Deploy web 5.3.2 → production (#2)\n*Refused*: nothing ran."}, ""},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		forced := got.Kind == "action" && got.Force && got.ForceReason != ""
		if tt.reason == "" && forced || tt.reason != "" && (!forced || got.ForceReason != tt.reason || got.App != "web" || got.Env != "production" || got.Version != "5.3.2") {
			t.Errorf("%q after %q: got %s force=%v reason=%q, want reason %q", tt.text, tt.history, brief(got), got.Force, got.ForceReason, tt.reason)
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
