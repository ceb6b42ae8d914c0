package router_test

import (
	"testing"

	"deploybot"
)

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
		// The attack's: the writer's own order after the wish, a
		// promotion asked with its target or a please.
		{"julie veut que je valide, je valide le 14", nil, "command approve id=14"},
		{"promotion of web from staging to production please?", nil, "action deploy app=web env=production from=staging"},
		{"the promotion of web to production, now?", nil, "action deploy app=web env=production from=staging"},
		{"promotion du site en prod stp ?", nil, "action deploy app=web env=production from=staging"},
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
		{"nope, just news: web 2.0.0 on staging since this morning", en, "smalltalk"},
		{"non non c'était juste une info, rien à faire", fr, "smalltalk"},
		// The news, then an order said against it, is still read.
		{"non non c'est une info. par contre tu peux mettre la 2.4.1 en prod ?", fr, "action deploy env=production version=2.4.1"},
		// A command after the news is read as before (the attack: they
		// were dropped as news).
		{"just news, but lock api production", en, "command lock app=api env=production"},
		{"no just news. approve 14 though", en, "command approve id=14"},
		{"non juste une info, mais déverrouille la prod de l'api", fr, "command unlock app=api env=production"},
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
		// The attack's: any line the bot does not write for a run going
		// well, another deployment's or another version's.
		run("Smoke tests : KO", done),
		run("Smoke tests : rouges", done),
		run("2 pods redémarrés (CrashLoopBackOff)", done),
		run("Statut : Bloqué", done),
		run("Retenté 3 fois", done),
		run("rolled-back puis redéployé", done),
		run("pas de smoke tests", done),
		run("déploiement api 3.1.0 (#8) en cours", done),
		run("Version : 2.0.1", done),
		run("1.9.0 → 2.0.0", done),
		run("🚀 Déploiement web 2.0.1 (#7) — Statut : En cours", done),
		run("🚀 Déploiement web 2.0.0 (#7) — Statut : Suspendu par Karim", done),
	} {
		checkNoChange(t, "nickel, maintenant en prod", h)
	}
	checkNoChange(t, "nickel, un jour en prod", run(done))
	checkNoChange(t, "nickel, maintenant en prod", []string{"C'est parti : déploiement web 2.0.0 → staging (#7) est lancé.\n\n" + done})
}

// TestSession39PlanAnswers holds answers to a plan and to the bot's
// questions: "oui pour le 7" after plan #7's "Confirm?" confirms it (it
// approved a deployment that waited for no approval); "oui lance" says
// yes; a project the configuration does not know given to "Which
// project?" goes on with the order (the bot names it unknown and asks
// again; it was "not understood"), never a word that is no name.
func TestSession39PlanAnswers(t *testing.T) {
	plan := []string{"deploy web 1.2.0 to prod", "Deploy web 1.2.0 → production (#7)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"ok for 7", plan, "command confirm id=7"},
		{"oui pour le 7", plan, "command confirm id=7"},
		{"ok for 8", plan, "command approve id=8"},
		{"ok pour le 7 j'approuve", plan, "command approve id=7"},
		{"oui lance", plan, "command confirm id=7"},
		{"oui lance", nil, "command confirm"},
	})
	which := []string{"déploie en prod", "Quel projet pour le déploiement → production ? Je connais : api, web."}
	for _, text := range []string{"shop", "euh le shop", "crm", "the intranet project"} {
		req := parse(t, text, which)
		if req.Kind != "action" || req.App != "" || req.UnknownApp == "" || req.Env != "production" {
			t.Errorf("%q after %q: got %+v, want the deploy to production with an unknown project", text, which[1], req)
		}
	}
	// The attack's: a no, a pause, a goodbye, indifference, both, not
	// knowing, a curse, keys struck at random.
	for _, text := range []string{"lol", "mdr", "dunno", "lequel", "aucune idée", "jsp", "tous", "qsdfgh", "xkcdj", "nan", "nein", "jamais",
		"nvm", "none", "cancelled", "pause", "bye", "sorry", "whatever", "osef", "merde", "both", "les-deux", "pareil", "the other",
		"chepa", "tbd", "typo", "hein"} {
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
		{"nice numbers 😎 thanks", nil, "smalltalk"},
		{"great figures thanks", nil, "smalltalk"},
		// A thanks after an order, a fault or a target is no small talk.
		{"rollback web thanks", nil, "action rollback app=web"},
		{"api prod thanks", nil, "command status app=api env=production"},
	})
	// The acknowledgements carry their topic: the bot answers "noted",
	// never a greeting; thanks and greetings carry none.
	news := []string{"api 2.4.0 on staging", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy api 2.4.0 to staging\"."}
	answer := []string{"who can approve a prod deploy for api?", "Who approves api/production\nApprovers: carol (approval: named).\n  may deploy: alice"}
	for _, c := range []struct {
		text string
		h    []string
		want deploybot.Topic
	}{{"haha fair enough", nil, deploybot.TopicAcknowledged}, {"got it", nil, deploybot.TopicAcknowledged},
		{"just news", news, deploybot.TopicAcknowledged}, {"ok", answer, deploybot.TopicAcknowledged},
		{"merci", nil, ""}, {"hello", nil, ""}, {"ok bon merci", nil, ""}} {
		if got := parse(t, c.text, c.h).Topic; got != c.want {
			t.Errorf("%q: topic %q, want %q", c.text, got, c.want)
		}
	}
	for _, text := range []string{"the site is down thanks", "not great thanks", "deploy it thanks"} {
		if req := parse(t, text, nil); req.Kind == "smalltalk" {
			t.Errorf("%q: small talk", text)
		}
	}
}

// TestSession39Commands holds commands said in other words (holdout67,
// once read): a period before the audit ("today's audit log"), "ça
// tourne quoi en prod ?", "j'approuve celui-là" after the list of one.
func TestSession39Commands(t *testing.T) {
	pending := []string{"qu'est-ce qui attend une approbation ?", "En attente d'approbation\n  #6 : déploiement web 1.9.0 → production (alice)"}
	checkReadings(t, []reading{
		{"show me today's audit log", nil, "command audit since=today"},
		{"today's audit log", nil, "command audit since=today"},
		{"show me this month's audit log for web", nil, "command audit app=web since=month"},
		{"ça tourne quoi en prod maintenant ?", nil, "command status env=production"},
		{"et ça tourne quoi en recette ?", nil, "command status env=staging"},
		{"ça tourne avec quelle version en prod ?", nil, "command status env=production"},
		{"j'approuve celui-là", pending, "command approve id=6"},
		{"approve that one", pending, "command approve id=6"},
		// Around them: asked or negated, no approval.
		{"j'approuve celui-là ?", pending, "question orchestrator"},
		{"je n'approuve pas celui-là", pending, "question orchestrator"},
	})
}

// TestSession39OkAfterAnswer holds a bare "ok" after the bot's answer, a
// report or a refusal: small talk, the answer taken in. Only right after
// a plan (or its reminder) is "ok" its yes: a plan from before the
// answer was confirmed by the "ok" that thanked for the answer.
func TestSession39OkAfterAnswer(t *testing.T) {
	plan := []string{"deploy web 1.2.0 to prod", "Deploy web 1.2.0 → production (#7)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project: web\n(answer \"yes\" or \"no\")"}
	answer := append(append([]string{}, plan...), "who can approve a prod deploy for api?", "Who approves api/production\nApprovers: carol (approval: named).\n  may deploy: alice")
	checkReadings(t, []reading{
		{"ok", answer, "smalltalk"},
		{"d'accord", answer, "smalltalk"},
		{"👍", plan, "command confirm id=7"},
		{"ok", plan, "command confirm id=7"},
		{"ok", nil, "command confirm"},
	})
}

// TestSession39Answers holds answers to the bot's questions (holdout67,
// once read): a correction in an answer whose words carry accents
// ("recette. non, prod, c'est validé depuis hier" was not understood: the
// correction reader gave up on text whose folding moves its bytes); a
// project then an apology; "roll it back" right after a deployment
// started rolls that one back.
func TestSession39Answers(t *testing.T) {
	envQ := []string{"balance le front 2.0.0", "Sur quel environnement pour le déploiement de web 2.0.0 ? staging ou production."}
	unknown := []string{"deploy shop 1.2.0 to staging", "I know no project \"shop\". Configured projects: api, web.\nWhich project for the deploy 1.2.0 → staging?"}
	started := []string{"approve 6", "Go: deploy web 1.9.0 → production (#6) started, approved by bob.\n\n🚀 Deployment web 1.9.0 (#6)\n  Status : In progress"}
	checkReadings(t, []reading{
		{"recette. non, prod, c'est validé depuis hier", envQ, "action deploy app=web env=production version=2.0.0"},
		{"préprod, non attends, la prod", envQ, "action deploy app=web env=production version=2.0.0"},
		{"web, sorry, not shop", unknown, "action deploy app=web env=staging version=1.2.0"},
		{"web, pas shop, désolé", unknown, "action deploy app=web env=staging version=1.2.0"},
		{"api, sorry, no wait, web", unknown, "action deploy app=web env=staging version=1.2.0"},
		{"roll it back", started, "action rollback app=web env=production"},
		{"rollback now please", started, "action rollback app=web env=production"},
		// Around them.
		{"roll it back", nil, "action rollback"},
		{"roll it back to 1.8.0", started, "action rollback version=1.8.0"},
		{"roll back api", started, "action rollback app=api"},
		{"roll it back?", started, "action rollback"}, // as before: an order asked, its target asked for
	})
	for _, c := range []struct {
		text string
		h    []string
	}{{"web, not api", unknown}, {"web, sorry, or api?", unknown}, {"web, sorry, not shop lol", unknown}, {"both, sorry", unknown},
		{"roll it back lol", started}, {"recette... non, prod, pas validé", envQ}} {
		checkNoChange(t, c.text, c.h)
	}
}

// TestSession39AttackB holds the second attack's readings of this
// session's rules, each pinned to its safe reading.
func TestSession39AttackB(t *testing.T) {
	// A bare "ok" after a bot turn that asks for a yes in other words,
	// or offers an order not on its last line, is read as before.
	for _, h := range [][]string{
		{"deploy web 1.2.0 to prod", "Deploy web 1.2.0 → production (#7)\nRules:\n✅ recommended window\n\nSay \"yes\" within 2 minutes (or \"no\")."},
		{"deploy web 1.2.0 to prod", "Deploy web 1.2.0 → production (#7)\n\n(answer \"yes\" or \"no\")\n"},
		{"web 2.4.0 on staging", "News or an order? I plan nothing on a message without a verb.\nTo plan it: \"deploy web 2.4.0 to staging\".\nOr tell me more."},
		{"rollback web", "The last good version of web on production is 1.9.0.\nReady to roll back to 1.9.0:\n\"rollback web production\""},
	} {
		if req := parse(t, "ok", h); req.Kind == "smalltalk" {
			t.Errorf("\"ok\" after %q: small talk, want it read as before (a yes)", h[1])
		}
	}
	// A run report whose changes or notes tell of trouble builds no
	// promotion.
	start := []string{"déploie le front 2.0.0 en recette", "Déploiement web 2.0.0 → staging (#7)\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).", "oui"}
	report := func(body string) []string {
		return append(append([]string{}, start...), "C'est parti : déploiement web 2.0.0 → staging (#7) est lancé.\n\n🚀 Déploiement web 2.0.0 (#7)\n"+body+
			"\n  Statut        : En cours\n  Environnement : staging\n\n🚀 Déploiement web 2.0.0 (#7) — Statut : Terminé ✅")
	}
	checkReadings(t, []reading{
		{"nickel, maintenant en prod", report("Changements :\n- feat: nouveau panier\n- fix: typo du footer"), "action deploy app=web env=production version=2.0.0"},
		{"nickel, maintenant en prod", report("Changements :\n(changements indisponibles : aucun dépôt configuré pour le projet web)"), "action deploy app=web env=production version=2.0.0"},
	})
	for _, body := range []string{"Changements :\n- NE PAS PROMOUVOIR EN PROD", "Changes:\n- DO NOT SHIP TO PROD", "Changements :\n- la page paiement est cassée",
		"Changements :\n- feat: checkout broken on staging", "Changements :\n- fix: login\n- Statut : Bloqué", "Changements :\n(changements indisponibles : la vérification a planté)",
		"Changements :\n(aucun changement : pipeline en panne)", "  Exécution     : https://ci.example/run/1#red-smoke-tests",
		"  Rollback      : aucune version saine antérieure connue"} {
		checkNoChange(t, "nickel, maintenant en prod", report(body))
	}
	// The slips of a known name are the parser's ("Did you mean…?"),
	// never a project unknown; a stop is no name either.
	which := []string{"déploie en prod", "Quel projet pour le déploiement → production ? Je connais : api, web."}
	for _, text := range []string{"wbe", "frotn", "aip", "bakend", "ewb", "wev", "weeb", "apu", "apis", "webs", "arrête", "abandonne", "mouais", "truc"} {
		if req := parse(t, text, which); req.UnknownApp != "" {
			t.Errorf("%q after %q: read as the unknown project %q", text, which[1], req.UnknownApp)
		}
	}
	// "j'approuve celui-là" approves only the one of a list of one.
	two := []string{"qu'est-ce qui attend une approbation ?", "En attente d'approbation\n  #6 : déploiement web 1.9.0 → production (alice)\n  #8 : déploiement api 2.0.0 → production (bob)"}
	for _, c := range []struct {
		text string
		h    []string
	}{{"j'approuve celui-là", two}, {"approve that one", two}, {"j'approuve celui-là", nil}, {"approve that one", nil},
		// Someone else's wish with a later clause that is no order of
		// the writer's own.
		{"julie veut que je valide le 14, moi je refuse", nil}, {"julie veut que je valide le 14, j'ai pas validé", nil},
		{"julie veut que je valide le 14, bob l'a validé", nil}, {"julie veut que je valide le 14, approuvé par bob déjà", nil},
		{"Karim veut qu'on verrouille la prod de l'api, perso je verrouillerais pas", nil},
		{"Karim veut qu'on verrouille la prod de l'api, verrouillée depuis hier", nil},
		{"Karim veut qu'on gèle la prod, gel refusé par la direction", nil}, {"Karim veut qu'on annule le 7, annulation = perte de données", nil},
		// A promotion talked about, with its target or a please.
		{"smoke tests are red on staging, does that block the promotion to production?", nil}, {"the promotion to prod was cancelled, right?", nil},
		{"can we skip the promotion to prod please?", nil}, {"la promotion de l'api en prod a besoin d'une validation ?", nil},
		{"s'il vous plaît, c'est quoi la promotion ?", nil},
	} {
		checkNoChange(t, c.text, c.h)
	}
	// "Just news" with a fact after it plans nothing; with an order
	// after it, the order.
	news := []string{"api 2.4.0 on staging from yesterday, looks fine", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy api 2.4.0 to staging\"."}
	checkReadings(t, []reading{
		{"nope, just news: web 2.0.0 on staging, validated by QA", news, "smalltalk"},
		{"just news: web 2.0.0 on staging, approved by alice", news, "smalltalk"},
		{"just news: web 2.0.0 on staging, nothing to lock", news, "smalltalk"},
		{"just news: production freeze starts tomorrow", news, "smalltalk"},
		{"non, juste une info : web 2.0.0 en recette, confirmée par la QA", news, "smalltalk"},
		{"nope, just news: btw cancel 14", news, "command cancel id=14 reason=btw cancel 14"},
	})
}

// TestSession39AttackC holds the third attack's readings, each pinned to
// its safe reading (or, where the rule had lost an order, the order).
func TestSession39AttackC(t *testing.T) {
	envQ := []string{"déploie le site 2.0.0", "Sur quel environnement pour le déploiement de web 2.0.0 ? staging ou production."}
	which := []string{"deploy site 1.2.0", "Quel projet pour le déploiement 1.2.0 → staging ? Je connais : api, web."}
	news := []string{"api 2.4.0 on staging from yesterday, looks fine", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy api 2.4.0 to staging\"."}
	two := []string{"approve 6", "Go: deploy web 2.0.0 → staging (#7) started.\n🚀 Deployment web 2.0.0 (#7) — Status: Done ✅\nGo: deploy web 2.0.0 → production (#8) started."}
	started := []string{"approve 6", "Go: deploy web 1.9.0 → production (#6) started, approved by bob."}
	checkReadings(t, []reading{
		// The last deployment started is the one rolled back.
		{"roll it back", two, "action rollback app=web env=production"},
		{"roll it", started, "action rollback"},
		{"rollback ok", started, "action rollback"},
		// A command after "just news", however it is opened.
		{"just news, but then lock api production", news, "command lock app=api env=production"},
		{"just news, we need to lock api production now", news, "command lock app=api env=production"},
		{"just news, but ASAP rollback web production", news, "action rollback app=web env=production"},
		// The writer's own order after a colleague's wish, in other words.
		{"Karim veut qu'on verrouille la prod de l'api, c'est bon je verrouille", nil, "command lock app=api env=production reason=c'est bon je verrouille"},
		{"Karim veut qu'on gele la prod, je gele", nil, "command freeze env=production reason=je gele"},
		{"julie veut que je valide, c'est bon je valide le 14", nil, "command approve id=14"},
		// A promotion talked about is a question, never the model's deploy.
		{"promotion to prod now? or later?", nil, "question production"},
		{"promotion to prod? really?", nil, "question production"},
		{"promotion du site en prod ? vraiment ?", nil, "question production"},
	})
	for _, c := range []struct {
		text string
		h    []string
	}{
		{"recette. non, prod, mais seulement après la démo de jeudi", envQ}, {"recette. non, prod, après la démo", envQ},
		{"recette. non, prod, dès que Karim a validé", envQ}, {"web, pardon je voulais pas", which}, {"recette, pardon, je voulais dire", envQ},
		{"julie veut que je valide le 14, approuvé par bob déjà", nil}, {"Karim veut qu'on verrouille la prod de l'api, je verrouille demain", nil},
		{"Karim veut qu'on verrouille la prod de l'api, je verrouille si tu confirmes", nil}, {"the promotion?", nil}, {"la promotion ?", nil},
		{"j'approuve celui-là", []string{"qu'est-ce qui attend une approbation ?", "En attente d'approbation\n  aucune\nDernier déploiement : #6 (réussi)"}},
		{"i approve that one", []string{"what waits?", "Waiting for approval\n  #6: deploy web 1.9.0 → production (alice) — expired"}},
	} {
		checkNoChange(t, c.text, c.h)
	}
	// A run report's change lines that tell of trouble build no promotion;
	// ordinary ones (a scope, "redirect", "dropdown") do.
	report := func(change string) []string {
		return []string{"déploie le front 2.0.0 en recette", "Déploiement web 2.0.0 → staging (#7)\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).", "oui",
			"C'est parti : déploiement web 2.0.0 → staging (#7) est lancé.\n\n🚀 Déploiement web 2.0.0 (#7)\nChangements :\n" + change +
				"\n  Statut        : En cours\n\n🚀 Déploiement web 2.0.0 (#7) — Statut : Terminé ✅"}
	}
	for _, change := range []string{"- feat(web): nouveau panier", "- fix: redirect loop on login page", "- feat: dropdown in the header"} {
		checkReadings(t, []reading{{"nickel, maintenant en prod", report(change), "action deploy app=web env=production version=2.0.0"}})
	}
	for _, change := range []string{"- fix: leak", "- feat: staging only, not for prod", "- fix: temporary hack, remove before prod",
		"- fix: data loss on save", "- feat: disable payments temporarily", "- fix: hold until client validates", "- fix: TODO finish before release",
		"- fix: security hole still open"} {
		checkNoChange(t, "nickel, maintenant en prod", report(change))
	}
}
