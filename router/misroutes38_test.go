package router_test

import (
	"slices"
	"testing"

	"deploybot"
)

// TestSession38YesRemarks holds a yes to a plan said with a remark of the
// few kinds a yes comes with (router/yesremark.go): certainty, hope, a
// check done, people around, staging green, a request to be told or to
// approve, the client waiting. A remark that also delays, sets a
// condition, names another target, says no or jokes confirms nothing.
func TestSession38YesRemarks(t *testing.T) {
	card := []string{"deploy web 2.0.0 to production", "Deploy web 2.0.0 → production (#33)\nRules:\n✅ recommended window — windows: agency, file line 90\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               2.0.0\n(answer \"yes\" or \"no\")"}
	cardFr := []string{"déploie l'api 4.2.0 en prod", "Déploiement api 4.2.0 → production (#47)\nRègles :\n✅ fenêtre recommandée\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : api\n(répondez « oui » ou « non »)"}
	yes, yesFr := "command confirm id=33", "command confirm id=47"
	checkReadings(t, []reading{
		{"yes I'm sure", card, yes},
		{"yes — both approvers are online", card, yes},
		{"yes (went through the checklist already)", card, yes},
		{"yes, fingers crossed 🤞", card, yes},
		{"yes, and ping #api when it's done", card, yes},
		{"go ahead, staging's been green all morning", card, yes},
		{"yes, @bob approve it when it pops up pls", card, yes},
		{"yes but tell me when it's done", card, yes},
		{"yolo 🚀", card, yes},
		{"oui, et préviens #api après", cardFr, yesFr},
		{"oui (bon, croisons les doigts)", cardFr, yesFr},
		{"go, on a vérifié la checklist ensemble", cardFr, yesFr},
		{"oui, le client a validé ce matin", cardFr, yesFr},
		{"ouais vas-y, le client attend depuis ce matin", cardFr, yesFr},
		{"oui — @lucie tu pourras approuver derrière ?", cardFr, yesFr},
		{"oui mais fais vite", cardFr, yesFr},
	})
	// Around the rule: the same shapes with a delay, a condition, a no,
	// another target, a joke or a doubt.
	for _, text := range []string{"yes but wait for bob", "yes once the tests pass", "yes if staging is green", "yes after lunch",
		"yes, in 10 minutes", "yes, the build is red", "yes I think", "oui demain matin", "yes, and deploy the api too", "yes @bob?",
		"yes, what could possibly go wrong 😂", "yes lol", "yes when bob is back", "yes, @bob don't approve", "yes @bob approve it tomorrow",
		"yes, I'm not sure", "yes fingers crossed the migration holds?", "yes, both approvers are away", "yes, staging is broken",
		"yes, we checked nothing", "yes, went through the checklist tomorrow", "oui, la recette n'est pas finie", "yes I'm sure... not",
		"yes, fingers crossed 😅", "oui, on a vérifié la moitié", "yes, tell me when it's done, or cancel it", "yes, staging has been red all morning",
		"yes, the client is waiting for the fix on the api", "yes, ping #api after the freeze", "yes, and ping #api when the freeze is over",
		// the first attack on the rule (helper, 9,365 probes)
		"yes, nobody has checked", "oui, personne a testé", "yes, we should have tested", "yes please, who has tested it",
		"oui, a priori ils ont testé", "oui, Paul l'a déjà fait", "yes, already done", "oui, dis-moi", "yes, tell me", "yes, I'm sure #not",
		"yes, staging is green #lies", "\"yes, I'm sure\"", "`yes, I'm sure`", "> yes, I'm sure", "oui, personne valide", "oui, quasi validé",
		"yes @bob approval denied", "oui @lucie valide, moi je suis contre", "yes @bob approve it, staging is on fire", "yes @bob would you approve this",
		"yes? @bob approve it", "yes... @bob approve it", "yes @bob approve it 🙄", "yes @bob please review and approve, I have doubts"} {
		checkNoChange(t, text, card)
	}
}

// TestSession38RollbackInstead holds an answer to a deploy's plan that
// asks for a rollback in its place (router/planswitch.go): the plan's
// project, the environment named (else the plan's), the version named as
// the target; never one told, denied, put off or doubted.
func TestSession38RollbackInstead(t *testing.T) {
	staging := []string{"deploy web 2.0.0 to staging", "Deploy web 2.0.0 → staging (#8)\nRules:\n✅ no rule applies to this environment\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n(answer \"yes\" or \"no\")"}
	prod := []string{"déploie le site 4.0.1 en prod", "Déploiement web 4.0.1 → production (#46)\nRègles :\n✅ fenêtre recommandée\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : web\n  version actuelle   : 4.0.0\n(répondez « oui » ou « non »)"}
	checkReadings(t, []reading{
		{"no, rollback staging", staging, "action rollback app=web env=staging replaces=8"},
		{"no wait, I meant a rollback of staging, not a deploy", staging, "action rollback app=web env=staging replaces=8"},
		{"let's roll back instead", staging, "action rollback app=web env=staging replaces=8"},
		{"non, rollback en staging stp", staging, "action rollback app=web env=staging replaces=8"},
		{"actually no, let's roll back instead, 4.0.0 is bad", prod, "action rollback app=web env=production replaces=46"},
		{"en fait fais plutôt un rollback vers la 3.9", prod, "action rollback app=web env=production version=3.9 replaces=46"},
		{"no, roll back staging", staging, "action rollback app=web env=staging replaces=8"},
		{"non, retour arrière en staging", staging, "action rollback app=web env=staging replaces=8"},
		{"non, fais un rollback", staging, "action rollback app=web env=staging replaces=8"},
		{"let's do a rollback instead", staging, "action rollback app=web env=staging replaces=8"},
	})
	for _, text := range []string{"no, not a rollback", "no, rollback staging tomorrow", "no, rollback the api", "no, I think a rollback",
		"no, rollback drill", "no, we did a rollback yesterday", "no, the rollback went fine", "no, rollback is for emergencies",
		"rollback staging? no", "let's roll back instead lol", "@bob let's roll back instead", "I meant the rollback we did last week",
		"plutôt un rollback, si le client est d'accord", "let's rehearse a rollback instead",
		// the first attack on the rule (helper, 9,365 probes)
		"deploy instead of a rollback", "plutôt qu'un rollback, on déploie", "a rollback instead won't help", "le rollback est plutôt compliqué ici",
		"what about a rollback instead", "the client wants a rollback instead", "let's roll back instead after the demo",
		"staging's fine, I meant a rollback of prod", "plutôt un rollback, pas en prod", "I meant a rollback of the migration",
		"let's revert the PR instead", "I meant a rollback of the back", "let's do a rollback test instead", "plutôt un rollback à blanc",
		"I meant rb, not jb", "rollback instead, I'm joking", "I meant rollback. scratch that, deploy", "no rollback staging",
		"on pourrait plutôt faire un rollback", "rollback instead, wdyt", "Bob says let's roll back instead", "rollback instead as plan b"} {
		if got := parse(t, text, staging); got.Kind == deploybot.KindAction {
			t.Errorf("%q: %s, want no order", text, brief(got))
		}
	}
}

// TestSession38Answers holds answers said with an aside or said long: a
// slot's answer with a remark in brackets or a request to a colleague to
// approve afterwards, an environment written long ("prodddd"), a no in
// other words ("surtout pas", "scrap it", "oublie") and a no with why
// (router/yesremark.go: answerAside, noWithReason; slots.go: elongated).
func TestSession38Answers(t *testing.T) {
	envQ := []string{"deploy web 4.5.6", "Which environment for the deploy of web? staging or production."}
	versionQ := []string{"déploie le site en prod", "Quelle version de web pour production ? Je ne devine jamais une version, et je ne connais pas la dernière ici (son exécuteur n'a pas de « resolve ») : nommez un tag, une release ou un commit. Rien n'a été lancé."}
	card := []string{"deploy web 2.0.0 to production", "Deploy web 2.0.0 → production (#33)\nRules:\n✅ recommended window\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n(answer \"yes\" or \"no\")"}
	no := "command cancel decline=yes id=33"
	checkReadings(t, []reading{
		{"production (the client signed off yesterday)", envQ, "action deploy app=web env=production version=4.5.6"},
		{"production (not sure)", envQ, "unknown"},
		{"production (tomorrow)", envQ, "unknown"},
		{"2.5.0 — @sarah tu pourras approuver derrière ?", versionQ, "action deploy app=web env=production version=2.5.0"},
		{"2.5.0 (@sarah approuve stp)", versionQ, "action deploy app=web env=production version=2.5.0"},
		{"2.5.0 — @sarah tu confirmes ?", versionQ, "unknown"},
		{"2.5.0 — @sarah n'approuve pas", versionQ, "unknown"},
		{"prodddd", envQ, "action deploy app=web env=production version=4.5.6"},
		{"deploy web 2.0.0 to stagiiing", nil, "action deploy app=web env=staging version=2.0.0"},
		// a question of its own after the bot's question of a slot (parse.go)
		{"what's the actual difference between staging and production here anyway?", []string{"deploy web 0.5.0", "Which environment for the deploy of web? staging or production."}, "question staging"},
		{"why?", envQ, "unknown"},
		{"prod?", envQ, "unknown"},
		{"surtout pas", card, no},
		{"scrap it", card, no},
		{"oublie", card, no},
		{"on annule, la recette n'est pas finie", card, no},
		{"not yet — waiting for the marketing email to go out, no", card, no},
		{"no, staging first", card, "action deploy app=web env=staging version=2.0.0 replaces=33"},
		{"no, deploy the api instead", card, "action deploy app=api env=production replaces=33"},
	})
}

// TestSession38Corrections holds a plan changed with more than its new
// value (router/planswitch.go, correctionReduced), and a redo of the
// order a lock refused once the lock is lifted (parse.go, redoFollows).
func TestSession38Corrections(t *testing.T) {
	stagingPlan := []string{"déploie l'api 2.4.0 en staging", "Déploiement api 2.4.0 → staging (#16)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : api\n(répondez « oui » ou « non »)"}
	prodPlan := []string{"déploie l'api 1.5.0 en prod", "Déploiement api 1.5.0 → production (#48)\nRègles :\n✅ fenêtre recommandée\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : api\n(répondez « oui » ou « non »)"}
	locked := []string{"deploy web 1.3.1 to production", "Deploy web 1.3.1 → production (#8)\nRules:\n❌ web/production is locked by rollback #5\n\nRefused: nothing ran.\n  project:               web\n  environment:           production\n  version:               1.3.1",
		"unlock web production: cache bug fixed in 1.3.1", "🔓 web/production unlocked by alice: cache bug fixed in 1.3.1"}
	lockedFr := []string{"déploie le site 1.6.0 en prod", "Déploiement web 1.6.0 → production (#6)\nRègles :\n❌ web/production est verrouillé\n\nRefusé : rien n'a été lancé.\n  projet             : web",
		"déverrouille web production : corrigé", "🔓 web/production déverrouillé par alice : corrigé"}
	pending := []string{"pending", "Waiting for approval\n  #12: deploy api v2.4.0 → production (alice)\n  #13: deploy web 1.5.0 → production (bob)"}
	pendingFr := []string{"quoi à approuver ?", "En attente d'approbation\n  #12 : déploiement api v2.4.0 → production (alice)\n  #13 : déploiement web 1.5.0 → production (bob)"}
	failed := []string{"deploy api 1.1.0 to staging", "Go: deploy api 1.1.0 → staging (#3) started.", "🚀 Deployment api 1.1.0 (#3) — Status: Failed ❌ (answer \"rollback api staging\" to go back)"}
	checkReadings(t, []reading{
		{"non, pas sur staging, direct en prod, c'est un hotfix", stagingPlan, "action deploy app=api env=production version=2.4.0 replaces=16"},
		{"euh non, sur le site pas sur l'api, même version", prodPlan, "action deploy app=web env=production version=1.5.0 replaces=48"},
		{"non, le site, même version", prodPlan, "action deploy app=web env=production version=1.5.0 replaces=48"},
		{"non, pas en prod, pas sur l'api", prodPlan, "command cancel decline=yes id=48"},
		{"redeploy the same thing now please, it's unlocked", locked, "action deploy app=web env=production version=1.3.1"},
		{"retry", locked, "action deploy app=web env=production version=1.3.1"},
		{"relance le même déploiement stp, j'ai levé le verrou", lockedFr, "action deploy app=web env=production version=1.6.0"},
		{"retry the same deploy pls, the runner was flaky", failed, "action deploy app=api env=staging version=1.1.0"},
		{"retry, the runner was not flaky", failed, "question devops"},
		// a pick from the pending list said in two clauses (listpick.go, pickSaidApart)
		{"deny bob's, no QA yet", pending, "command deny id=13 reason=no QA yet"},
		{"le premier c'est bon, approuve", pendingFr, "command approve id=12"},
		{"le premier pas bon, approuve", pendingFr, "question orchestrator"},
		{"approve bob's, no QA yet", pending, "question staging"},
	})
}

// TestSession38AttackB holds the second attack on the session's rules
// (helper, 86,100 probes): a change of plan that also rules out or blames
// its version, names two environments or projects, or laughs; a bare "no,
// rollback" (of what?); a rollback to a version no older than the plan;
// an aside that delays or reports bad news; a value told or hedged before
// a colleague's mention; a redo after a lift of another target, or a lift
// refused; "redeploy" after a rollback. None changes anything.
func TestSession38AttackB(t *testing.T) {
	en := []string{"deploy web 2.0.0 to production", "Deploy web 2.0.0 → production (#33)\nRules:\n✅ recommended window — windows: agency, file line 90\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               web\n  environment:           production\n  version:               2.0.0\n  current version:       1.9.0\n(answer \"yes\" or \"no\")"}
	enAPI := []string{"deploy api 3.2.0 to staging", "Deploy api 3.2.0 → staging (#21)\nRules:\n✅ no rule applies to this environment\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n  project:               api\n(answer \"yes\" or \"no\")"}
	frs := []string{"déploie l'api 2.4.0 en staging", "Déploiement api 2.4.0 → staging (#16)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n  projet             : api\n  environnement      : staging\n  version            : 2.4.0\n(répondez « oui » ou « non »)"}
	envQ := []string{"deploy web 4.5.6", "Which environment for the deploy of web? staging or production."}
	versionQ := []string{"déploie le site en prod", "Quelle version de web pour production ? Je ne devine jamais une version, et je ne connais pas la dernière ici (son exécuteur n'a pas de « resolve ») : nommez un tag, une release ou un commit. Rien n'a été lancé."}
	locked := []string{"deploy web 1.3.1 to production", "Deploy web 1.3.1 → production (#8)\nRules:\n❌ web/production is locked by rollback #5\n\nRefused: nothing ran.\n  project:               web\n  environment:           production\n  version:               1.3.1"}
	pending := []string{"pending", "Waiting for approval\n  #12: deploy api v2.4.0 → production (alice)\n  #13: deploy web 1.5.0 → production (bob)"}
	pendingFr := []string{"quoi à approuver ?", "En attente d'approbation\n  #12 : déploiement api v2.4.0 → production (alice)\n  #13 : déploiement web 1.5.0 → production (bob)"}
	failedRollback := []string{"rollback api production", "Go: rollback api production → 1.0.0 (#4) started.", "⏪ Rollback api 1.0.0 (#4) — Status: Failed ❌"}
	cases := []struct {
		history []string
		texts   []string
	}{
		{enAPI, []string{"no, not staging, prod, it's a hotfix, not 3.2.0"}},
		{frs, []string{"non, pas sur staging, en prod, surtout pas la 2.4.0", "non, pas sur staging, en prod ou staging, c'est un hotfix",
			"non, pas staging, prod, staging, c'est urgent", "non, pas sur staging, en prod, c'est un hotfix, staging après",
			"non, pas l'api, le site et le back, même version", "non, pas sur staging, direct en prod, c'est un hotfix 😂", "non, retour arrière"}},
		{en, []string{"actually no, not on staging, prod then staging, it's a quick fix", "no, not prod, staging, 2.0.0 is broken",
			"no wait, rollback staging prod", "wait, rollback prod, not in prod", "no, revert it", "no, roll it back", "no wait, roll back",
			"no, rollback", "no wait, rollback to 2.1.0", "no wait, rollback to 2.0"}},
		{envQ, []string{"production (after the demo)", "production (once staging is green)", "production (the client signs off tomorrow)",
			"prod (staging is broken)"}},
		{versionQ, []string{"Paul dit 2.5.0 — @sarah tu pourras approuver derrière ?", "2.5.0 je crois — @sarah tu pourras approuver derrière ?",
			"ou 2.5.0 — @sarah tu pourras approuver derrière ?"}},
		{append(slices.Clone(locked), "unlock api production: fixed", "🔓 api/production unlocked by alice: fixed"), []string{"retry"}},
		{append(slices.Clone(locked), "unlock web production", "❌ web/production was not unlocked: only admins may"), []string{"retry"}},
		{failedRollback, []string{"redeploy"}},
		// the third attack (helper, 35,115 probes)
		{pending, []string{"deny bob's, no wait", "deny bob's, actually approve it", "deny bob's, sorry I mean alice's",
			"deny bob's, unless QA passes", "deny #13, tomorrow", "deny bob's, Paul", "deny bob's, says Paul", "deny bob's, said nobody",
			"deny bob's, rollback web prod", "deny bob's, lock web production", "the first one looks good, deny", "deny bob's, not really"}},
		{pendingFr, []string{"refuse celui d'alice, non attends", "refuse #13, demain", "le premier c'est bon, refuse", "refuse celui de bob, en fait approuve-le"}},
		{en, []string{"oui, je teste", "oui, QA teste", "oui, on teste ensemble", "oui, le client valide ce matin"}},
		{envQ, []string{"production (la QA teste ce matin)", "prod (le client valide ce matin)"}},
	}
	for _, c := range cases {
		for _, text := range c.texts {
			if got := parse(t, text, c.history); changesSomething(got) && !(got.Kind == deploybot.KindCommand && got.Arg("id") == "" &&
				(got.Command == deploybot.CmdDeny || got.Command == deploybot.CmdApprove)) {
				// (A denial with no id picked asks which one.)
				t.Errorf("%q %q: %s, want nothing changed", text, c.history, brief(got))
			}
		}
	}
}

// TestSession38PraiseThenPromote holds praise, then the order to ship
// elsewhere what the bot just reported done (parse.go,
// praisedThenPromoted); never after a failure, a warning, a rollback or
// someone else's deploy, nor with a moment, a hedge, a tag, a question or
// a mocking emoji (the third attack found each with a first reading).
func TestSession38PraiseThenPromote(t *testing.T) {
	doneFr := []string{"déploie le site 1.4.0 en recette", "C'est parti : déploiement web 1.4.0 → staging (#9) est lancé.", "🚀 Déploiement web 1.4.0 (#9) — Statut : Terminé ✅"}
	done := []string{"deploy web 2.0.0 to staging", "Go: deploy web 2.0.0 → staging (#4) started.", "🚀 Deployment web 2.0.0 (#4) — Status: Done ✅"}
	checkReadings(t, []reading{
		{"parfait, maintenant la même en prod", doneFr, "action deploy app=web env=production version=1.4.0"},
		{"great, now push it to prod", done, "action deploy app=web env=production version=2.0.0"},
	})
	cases := []struct {
		history []string
		texts   []string
	}{
		{doneFr, []string{"nickel, et la prod", "génial, en prod demain matin", "parfait, en prod j'espère", "nickel, en prod, hein"}},
		{done, []string{"great, now the same in prod 🙄", "great, what about prod"}},
		{[]string{"deploy api 1.1.0 to staging", "Go: deploy api 1.1.0 → staging (#3) started.", "🚀 Deployment api 1.1.0 (#3) — Status: Failed ❌"}, []string{"super, let's go prod"}},
		{[]string{"deploy web 2.0.0 to staging", "Go: deploy web 2.0.0 → staging (#4) started.", "🚀 Deployment api 3.1.0 (#51) by bob → staging — Status: Done ✅"}, []string{"parfait, maintenant la même en prod"}},
		{[]string{"rollback api prod", "⏪ Rollback api production (#7) to 2.3.0 (replaces #6) — Status: Done ✅"}, []string{"excellent, let's go prod"}},
		{[]string{"deploy api 2.4.0 to production", "Go: deploy api 2.4.0 → production (#50) started.", "🚀 Deployment api 2.4.0 (#50) — Status: Done ✅"}, []string{"super, let's go prod"}},
		// the last attack (helper, 3,000 probes and a 38,400 grid)
		{[]string{"deploy web 2.0.0 to staging", "Go: deploy web 2.0.0 → staging (#4) started.", "🚀 Deployment web 2.0.0 (#4) — Status: Done ✅ (with warnings)"}, []string{"perfect, same to prod"}},
		{[]string{"deploy web 2.0.0 to staging", "Go: deploy web 2.0.0 → staging (#4) started.", "🚀 Deployment web 2.0.0 (#4) — Status: Done ✅\nDuration: 45m (timeout at 30m)"}, []string{"great, now the same in prod"}},
		{[]string{"déploie le site 1.4.0 en recette", "C'est parti : déploiement web 1.4.0 → staging (#9) est lancé.", "🚀 Déploiement web 1.4.0 (#9) — Statut : Terminé ✅\nAttention : 5% d'erreurs 500 depuis"}, []string{"super, la même en prod stp"}},
		{[]string{"Mark: deploy web 2.0.0 to staging", "Go: deploy web 2.0.0 → staging (#4) started.", "🚀 Deployment web 2.0.0 (#4) — Status: Done ✅"}, []string{"great, now the same in prod"}},
		{done, []string{"perfect, now the same in prod for 2.0.1", "excellent, push it to prod after QA", "great, send it to production …"}},
		{doneFr, []string{"super, la même en prod pour la 1.4.1", "parfait, la même en prod …"}},
		{[]string{"déploie le site 1.4.0 en prod", "C'est parti : déploiement web 1.4.0 → production (#9) est lancé.", "🚀 Déploiement web 1.4.0 (#9) — Statut : Terminé ✅"}, []string{"super, la même en preprod"}},
	}
	for _, c := range cases {
		for _, text := range c.texts {
			checkNoChange(t, text, c.history)
		}
	}
}
