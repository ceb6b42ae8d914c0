package router_test

import "testing"

// TestSession21 holds what holdout44, read in session 21, found missing
// as general rules: the bot's plans worded otherwise ("Reply yes to
// start", "Je lance ? oui / non", a plan's "#95" without parentheses), an
// outcome asked at the end of a reply, "rbk" and the other short names of
// a rollback before what they act on, a freeze or a lift of all with its
// reason in the next clause, a value's closing politeness, the audit of a
// setting, and "lift" read as "list" (it froze what it lifted).
func TestSession21(t *testing.T) {
	planEn := []string{"deploy front 7f3c2e9 to staging", "Deploy web 7f3c2e9 → staging (#85). No approval needed on staging. Reply yes to start, no to drop it."}
	planFr := []string{"rbk api prod", "Plan #95 — retour arrière api (production) : 2.4.0 → 2.3.1, dernière version saine.\nAutorisé hors créneau (chemin d'urgence). L'environnement restera verrouillé ensuite.\nJe lance ? oui / non (2 min)"}
	rbPlan := []string{"rollback api prod", "Here is the plan: roll back api on production from v2.4.0 to v2.3.1 (#96), the last good version there. Production stays locked afterwards until someone unlocks it with a reason. Go ahead? (yes/no, 2 minutes)"}
	offer := []string{"checkout is broken on the site since the release", "Roll back web production to 2.4.0, the last good version? (yes / no)"}
	outcomeEn := []string{"outcome 97", "#97 was interrupted (the process restarted mid-run): outcome unknown. Did it succeed or fail?"}
	outcomeFr := []string{"outcome 97", "#97 est interrompu : résultat inconnu, api production reste verrouillé. Réussi ou échoué ?"}
	checkReadings(t, []reading{
		// Plans in other words.
		{"yes", planEn, "command confirm id=85"},
		{"sure, go ahead", planEn, "command confirm id=85"},
		{"nope, wrong commit", planEn, "command cancel decline=yes id=85 reason=wrong commit"},
		{"oui", planFr, "command confirm id=95"},
		{"oui oui go 🙏", planFr, "command confirm id=95"},
		{"c'est bon, lance", planFr, "command confirm id=95"},
		{"non", planFr, "command cancel decline=yes id=95"},
		{"non, en staging d'abord", planFr, "action rollback app=api env=staging replaces=95"},
		{"yes", rbPlan, "command confirm id=96"},
		{"no, 2.3.0 — 2.3.1 had the cache bug too", rbPlan, "action rollback app=api env=production version=2.3.0 replaces=96"},
		{"yes", []string{"deploy api 2.4.0 prod", "Deploy api production #95: 2.4.0. Confirm?"}, "command confirm id=95"},
		// The bot's offer without a plan's id: the yes orders it.
		{"yes roll it back", offer, "action rollback app=web env=production version=2.4.0"},
		// The outcome asked at the end of a reply.
		{"succeeded", outcomeEn, "command outcome id=97 outcome=succeeded"},
		{"succeeded, v2.3.1 answers on /healthz", outcomeEn, "command outcome id=97 outcome=succeeded reason=v2.3.1 answers on /healthz"},
		{"échoué", outcomeFr, "command outcome id=97 outcome=failed"},
		{"échoué : la migration n'est pas allée au bout", outcomeFr, "command outcome id=97 outcome=failed reason=la migration n'est pas allée au bout"},
		// A rollback's short names.
		{"rbk web", nil, "action rollback app=web"},
		{"prod", []string{"rbk web", "Rollback web: which environment? (staging, production)"}, "action rollback app=web env=production"},
		{"rlbk api prod", nil, "action rollback app=api env=production"},
		{"rbk l'api en prod asap stp, on a des 500 partout", nil, "action rollback app=api env=production"},
		// The incident told after the order is no report of the rollback
		// (it deployed api's latest version to production).
		{"rb l'api en prod asap stp, on a des 500 partout", nil, "action rollback app=api env=production"},
		{"rb web was a mistake", nil, "question rollback"},
		// All, then the reason.
		{"gèle tout, incident en cours sur l'api", nil, "command freeze all=yes reason=incident en cours sur l'api"},
		{"freeze everything, incident on the api", nil, "command freeze all=yes reason=incident on the api"},
		{"freeze api prod, incident on web", nil, "command freeze app=api env=production reason=incident on web"},
		{"freeze api prod, until friday", nil, "command freeze app=api env=production until=friday"},
		{"gèle tout, jusqu'à lundi", nil, "command freeze all=yes until=monday"},
		{"we freeze the site, black friday", nil, "command freeze app=web reason=black friday"},
		{"dégèle tout, la démo est passée 🎉", nil, "command unfreeze"},
		{"unfreeze all, the demo went fine", nil, "command unfreeze"},
		{"et les locks de la prod, unlock tout", nil, "command unlock env=production all=yes"},
		{"lift the freeze on web, the demo is over", nil, "command unfreeze app=web reason=the demo is over"},
		// A value's closing words, a setting's audit.
		{"set api strategy to canary then", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"set la stratégie de l'api à blue-green stp", nil, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"pour le projet api, la stratégie est canary alors", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"audit api strategy this month", nil, "command audit app=api key=strategy since=month"},
		{"audit de la stratégie de l'api", nil, "command audit app=api key=strategy"},
		{"audit api", nil, "command audit app=api"},
		{"rest strategy for web", nil, "command reset app=web key=strategy scope=project"},
	})
}
