package router_test

import "testing"

// TestSession31Incidents holds incidents told beside an order (holdout56,
// once read): "users can't log in anymore" named an environment
// "anymore" (the "in" of "log in" read as a target's); a pictograph
// between the incident and the order hid the order; a rollback told for
// later or for a case ("en cas de pépin …, on reviendra en arrière …")
// was planned; a rollback told with the moment it was done ("hier soir,
// rollback api prod, heureusement ça a marché") was planned.
func TestSession31Incidents(t *testing.T) {
	checkReadings(t, []reading{
		{"@deploybot roll back the front, users can't log in anymore", nil, "action rollback app=web"},
		{"roll back web, we can't log in anymore", nil, "action rollback app=web"},
		{"rollback web, nobody can sign in again", nil, "action rollback app=web"},
		{"prod is on fire 🔥 roll back the api", nil, "action rollback app=api env=production"},
		{"site down 🔥 rollback web prod 🙏", nil, "action rollback app=web env=production"},
		{"le front affiche une page blanche en prod 😱 on revient à la version d'avant", nil, "action rollback app=web env=production"},
		{"last one before the freeze 🤞 deploy web 3.13.2 to production", nil, "action deploy app=web env=production version=3.13.2"},
		{"hier, la prod est tombée. rollback api prod stp", nil, "action rollback app=api env=production"},
		{"hier soir, rollback api prod stp", nil, "action rollback app=api env=production"},
		// No order.
		{"en cas de pépin pendant la démo, on reviendra en arrière sur la recette du site", nil, "question rollback"},
		{"on reviendra en arrière sur la recette du site", nil, "question rollback"},
		{"en cas de pépin, rollback du site en recette", nil, "question rollback"},
		{"in case of trouble, roll back web staging", nil, "question rollback"},
		{"hier soir 🙏 rollback api prod, heureusement ça a marché", nil, "question rollback"},
		{"hier soir, rollback api prod, heureusement ça a marché", nil, "question rollback"},
		{"yesterday, rollback api prod, luckily it worked", nil, "question rollback"},
		{"last night: rollback api prod", nil, "question rollback"},
		{"pas besoin 😅 rollback web prod", nil, "question rollback"},
		{"le bouton 👍 rollback api prod ne marche pas", nil, "question rollback"},
		{"deploy web v3.4.5 to prod 💀 if tests pass", nil, "question production"},
	})
}
