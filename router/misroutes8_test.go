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
		{"3", ivEn, "command interview app=web"},
		{"canary I guess, we like going slow", ivEn, "command interview app=web"},
		{"passe", ivFr, "command interview app=api"},
		{"rolling, pas de coupure possible chez ce client", ivFr, "command interview app=api"},
		{"on arrête là, je finirai demain", ivFr, "command interview app=api"},
		{"yes, always", ivNext, "command interview app=web"},
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
	})
}
