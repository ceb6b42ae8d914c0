package router_test

import "testing"

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
		{"ok", askedEn, "command confirm"}, // a yes to nothing: "Nothing here waits for your confirmation."
		{"deploy api to prod", askedEn, "action deploy app=api env=production"},
		{"outcome 14 succeeded: fine", askedEn, "command outcome id=14 outcome=succeeded reason=fine"},
		// A person asking the same words is no bot's question.
		{"succeeded", []string{"outcome 13", "was it succeeded or failed? I can't tell"}, "unknown"},
	})
}
