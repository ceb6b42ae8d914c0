package router_test

import "testing"

// TestSession39Questions holds questions that name an order's words and
// ask for none (holdout67, once read): a promotion talked about, a drill
// asked about, someone else's wish for a lock.
func TestSession39Questions(t *testing.T) {
	checkReadings(t, []reading{
		{"smoke tests are red on staging but only on the newsletter page, does that block the promotion?", nil, "question staging"},
		{"smoke tests are red on staging, does that block the promotion?", nil, "question staging"},
		{"y a un exercice de rollback à prévoir ce mois-ci pour le site ?", nil, "question rollback"},
		{"Karim veut qu'on verrouille la prod de l'api pendant sa migration", nil, "question orchestrator"},
		{"the client wants us to approve 14", nil, "question orchestrator"},
		{"Karim voudrait qu'on gèle le site", nil, "question orchestrator"},
	})
	// Around them: the same words asked of the bot, or the writer's own
	// wish, still order.
	checkReadings(t, []reading{
		{"can you do the promotion of api to prod?", nil, "action deploy app=api env=production from=staging"},
		{"tu peux faire la promotion de l'api en prod ?", nil, "action deploy app=api env=production from=staging"},
		{"promotion of api staging to prod please", nil, "action deploy app=api env=production from=staging"},
		{"shall we run a rollback drill on the site in staging?", nil, "command drill app=web env=staging"},
		{"tu peux lancer un exercice de rollback sur le site en staging ?", nil, "command drill app=web env=staging"},
		{"je veux qu'on verrouille la prod de l'api", nil, "command lock app=api env=production"},
	})
}

// TestSession39GoLabel holds a go said before a colon that opens the
// order: "do it: rollback web production" was read as a label's quote
// ("jenkins: approve 12"), no order.
func TestSession39GoLabel(t *testing.T) {
	checkReadings(t, []reading{
		{"do it: rollback web production", nil, "action rollback app=web env=production"},
		{"vas-y : rollback du site en prod", nil, "action rollback app=web env=production"},
		{"do it: deploy web 1.2.0 to staging", nil, "action deploy app=web env=staging version=1.2.0"},
	})
	for _, text := range []string{"bob do it: rollback web production", "do it: rollback web production? no",
		"do it: rollback web production lol", "don't do it: rollback web production", "jenkins: rollback web production"} {
		checkNoChange(t, text, nil)
	}
}

// TestSession39NewsOrOrder holds answers to the bot's "News or an
// order?": a yes said with "that's an order", "c'était un ordre" or "plan
// it" plans the order offered; "just news" first plans nothing, whatever
// the news after it names.
func TestSession39NewsOrOrder(t *testing.T) {
	en := []string{"api 2.4.0 on staging from yesterday, looks fine", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy api 2.4.0 to staging\"."}
	fr := []string{"site 1.9.0 en prod depuis 9h, tout roule", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 1.9.0 to production »."}
	checkReadings(t, []reading{
		{"yes that's an order, go", en, "action deploy app=api env=staging version=2.4.0"},
		{"oui c'était un ordre", fr, "action deploy app=web env=production version=1.9.0"},
		{"oui, planifie-le", fr, "action deploy app=web env=production version=1.9.0"},
		{"yes, plan it please", en, "action deploy app=api env=staging version=2.4.0"},
		{"nope, just news: web 2.0.0 on staging since this morning", en, "unknown"},
		{"non non c'était juste une info, rien à faire", fr, "unknown"},
		// The news, then an order said against it, is still read.
		{"non non c'est une info. par contre tu peux mettre la 2.4.1 en prod ?", fr, "action deploy env=production version=2.4.1"},
	})
	for _, text := range []string{"oui, planifie-le demain", "planifie-le ?", "yes, plan it for tomorrow", "@bob plan it", "oui, planifie-le 😂"} {
		checkNoChange(t, text, fr)
	}
}

// TestSession39DoneThenPromote holds "nickel, maintenant en prod" after the
// reply the terminal prints when the person's own staging deploy runs
// through (its start, its card, its states, "Terminé ✅" last): the same
// build to production. A warning or a failure anywhere in that reply, or
// another deployment's line, makes it no success to build on.
func TestSession39DoneThenPromote(t *testing.T) {
	start := []string{"déploie le front 2.0.0 en recette", "Déploiement web 2.0.0 → staging (#7)\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).", "oui"}
	run := func(lines ...string) []string {
		h := append([]string{}, start...)
		text := "C'est parti : déploiement web 2.0.0 → staging (#7) est lancé.\n\n🚀 Déploiement web 2.0.0 (#7)\n  Statut        : En cours\n  Environnement : staging\n  Rollback      : Prêt en cas de problème (1.9.0)\n"
		for _, l := range lines {
			text += "\n" + l + "\n"
		}
		return append(h, text)
	}
	done := "🚀 Déploiement web 2.0.0 (#7) — Statut : Terminé ✅"
	checkReadings(t, []reading{
		{"nickel, maintenant en prod", run("🚀 Déploiement web 2.0.0 (#7) — Statut : En cours (vérification)", done), "action deploy app=web env=production version=2.0.0"},
	})
	for _, h := range [][]string{
		run("⚠️ smoke test : timeout sur /checkout", done),
		run("🚀 Déploiement web 2.0.0 (#7) — Statut : En cours (vérification) — erreur 502", done),
		run("🚀 Déploiement api 3.1.0 (#8) — Statut : En cours", done),
		run("❌ health check en échec", done),
		run(done, "🚀 Déploiement web 2.0.0 (#7) — Statut : Annulé"),
	} {
		checkNoChange(t, "nickel, maintenant en prod", h)
	}
}

// TestSession39PlanAnswers holds answers to a plan and to the bot's
// questions: "oui pour le 7" after plan #7's "Confirm?" confirms it (it
// approved a deployment that waited for no approval); "oui lance" says
// yes; an unknown project given to "Which project?" is named as unknown.
func TestSession39PlanAnswers(t *testing.T) {
	plan := []string{"deploy web 1.2.0 to prod", "Deploy web 1.2.0 → production (#7)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	which := []string{"déploie en prod", "Quel projet pour le déploiement → production ? Je connais : api, web."}
	checkReadings(t, []reading{
		{"ok for 7", plan, "command confirm id=7"},
		{"oui pour le 7", plan, "command confirm id=7"},
		{"ok for 8", plan, "command approve id=8"},
		{"ok pour le 7 j'approuve", plan, "command approve id=7"},
		{"oui lance", plan, "command confirm id=7"},
		{"oui lance", nil, "command confirm"},
	})
	for _, text := range []string{"shop", "euh le shop", "crm"} {
		req := parse(t, text, which)
		if req.Kind != "action" || req.App != "" || req.UnknownApp == "" || req.Env != "production" {
			t.Errorf("%q after %q: got %+v, want the deploy to production with an unknown project", text, which[1], req)
		}
	}
	for _, text := range []string{"lol", "mdr", "dunno", "lequel", "aucune idée", "jsp", "tous", "qsdfgh", "xkcdj"} {
		if req := parse(t, text, which); req.UnknownApp != "" {
			t.Errorf("%q after %q: read as the unknown project %q", text, which[1], req.UnknownApp)
		}
	}
}

// TestSession39Acknowledgements holds reactions to an answer: small talk,
// and an order after them still orders.
func TestSession39Acknowledgements(t *testing.T) {
	checkReadings(t, []reading{
		{"haha fair enough", nil, "smalltalk"},
		{"perfect, that's exactly what I needed", nil, "smalltalk"},
		{"ok bon merci", nil, "smalltalk"},
		{"fair enough, deploy api to prod", nil, "action deploy app=api env=production"},
		{"bon ben merci, déploie l'api en prod", nil, "action deploy app=api env=production"},
	})
}
