package router_test

import "testing"

// TestSession23 holds the plan changes read wrongly at session 23's start
// (found among the read sets' remaining misses, in other words than
// theirs): a change to production that says the plan's version is on
// staging keeps that version (it promoted whatever staging ran); a no,
// the environment and a reason each in its own sentence is the change
// (the no cancelled the plan).
func TestSession23(t *testing.T) {
	plan := []string{"deploy web 4.6.2 to staging", "Deploy web 4.6.2 → staging (#174)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"déploie le site 3.8.1 en staging", "Déployer web 3.8.1 → staging (#75)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planProd := []string{"deploy api 3.8.2 to prod", "Deploy api 3.8.2 → production (#9)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		// The plan's version, said to be on staging.
		{"actually prod, it's been on staging since monday", plan, "action deploy app=web env=production version=4.6.2 replaces=174"},
		{"non, en prod directement, c'est déjà validé en recette", planFr, "action deploy app=web env=production version=3.8.1 replaces=75"},
		// What staging runs, said so.
		{"hmm no, promote what's on staging instead", planProd, "action deploy app=api env=production from=staging replaces=9"},
		// A no, an environment and a sentence after it stay a no: read as
		// a change with its reason, "non. en prod. c'est trop risqué" made
		// a production plan (the session's attack).
		{"no, prod. it is tested already", plan, "command cancel decline=yes id=174"},
		{"non, en prod. le client l'a validée", plan, "command cancel decline=yes id=174"},
		// A change word, the change over two clauses, then only why.
		{"actually, prod. it's tested already", plan, "action deploy app=web env=production version=4.6.2 replaces=174"},
		{"actually, prod. it's tested. carol will check it", plan, "question staging"},
		{"actually, prod. it's tested. or not", plan, "question production"},
		{"actually, prod, staging. it's tested", plan, "question staging"},
		// Not a change: the same environment, a state, a promise.
		{"no, staging. it is tested already", plan, "command cancel decline=yes id=174"},
		{"non, en prod, c'est bloqué", plan, "command status env=production"},
		{"no, prod. we will test it later", plan, "command cancel decline=yes id=174"},
		{"no, prod. it is broken", plan, "command cancel decline=yes id=174"},
	})
}

// TestSaidVersion23 holds what session 23 tried and took back: a deploy
// that names no version took the one a person's recent line said was
// ready ("la 2.9.0-rc1 de l'api est taguée", then "l'api en préprod
// stp"), and a rollback its project from a trouble dated from a release
// ("api prod is returning stale prices since the deploy"). Two readers of
// a blind set agreed on every such version, but two attacks (827 and
// 1,735 probes) found the word lists that guarded it beaten by negations,
// objections, emoji, take-backs, other products and unknown project names
// (a yes ran api 2.18.1 after "deploy the landing to prod"): a person's
// line carries no version, as before the session; the bot asks. What
// stays: an incident line naming two projects gives none; a false alarm
// or a fix after an incident ends the search for its project.
func TestSaidVersion23(t *testing.T) {
	checkReadings(t, []reading{
		{"l'api en préprod stp", []string{"la 2.9.0-rc1 de l'api est taguée", "avec la grosse migration ?", "oui"}, "action deploy app=api env=staging"},
		{"deploy it to staging now so we can test it tonight", []string{"security patch for api is tagged as 2.8.4", "freeze only covers production right?", "yes, staging is open"}, "action deploy env=staging"},
		{"ok déploie en prod", []string{"la CVE touche l'api, patch en 2.8.4", "on est en gel ?", "oui c'est validé par carol"}, "action deploy app=api env=production"},
		// A "but" after it is a doubt: not carried.
		{"ok déploie en prod", []string{"la CVE touche l'api, patch en 2.8.4", "on est en gel ?", "oui mais exception validée par carol"}, "action deploy app=api env=production"},
		{"bon allez, on l'envoie en prod", []string{"web 3.2.0 validé par le client en recette", "smoke tests OK de mon côté"}, "action deploy app=web env=production"},
		// A release candidate goes to staging only.
		{"deploy it to prod", []string{"web 3.2.0-rc5 is tagged", "changelog is out"}, "action deploy env=production"},
		// Not carried.
		{"envoie l'api en staging", []string{"la v7.0.3 de symfony est validée"}, "action deploy app=api env=staging"},
		{"envoie le site en staging", []string{"la 2.18.1 de l'api est taguée"}, "action deploy app=web env=staging"},
		{"envoie-la en staging", []string{"le changelog de l'api 2.18.1 est validé"}, "action deploy env=staging"},
		{"go to prod", []string{"the api 2.18.1 branch is ready"}, "action deploy app=api env=production"},
		{"envoie en prod", []string{"la 2.18.1 de l'api devrait être taguée"}, "action deploy env=production"},
		{"envoie-la en staging", []string{"la 2.18.1 de l'api est taguée, 3 tests en échec"}, "action deploy env=staging"},
		{"pas la même version, envoie l'api en staging", []string{"la 2.18.1 de l'api est taguée"}, "action deploy app=api env=staging"},
		{"deploy it to staging", []string{"api 2.8.4 is tagged", "is it broken?", "yes it is"}, "action deploy env=staging"},
		{"envoie en staging", []string{"la 2.18.1 de l'api est taguée", "attends, le site d'abord"}, "action deploy env=staging"},
		{"deploy api to staging", []string{"api 2.8.4 is tagged", "web 3.1.0 too"}, "action deploy app=api env=staging"},
		{"web", []string{"la 2.18.0 de l'api est prête", "déploie en prod", "Quel projet : api ou web ?"}, "action deploy app=web env=production"},
		// Incidents.
		{"rollback", []string{"api prod is returning stale prices since the deploy"}, "action rollback"},
		{"rollback staging alors", []string{"le front en recette affiche plus les images depuis le deploy de ce matin"}, "action rollback env=staging"},
		{"rollback le site", []string{"le site est cassé en prod depuis la MEP", "fausse alerte, c'était le cache"}, "action rollback app=web"},
		{"rollback", []string{"le site est cassé en prod depuis la MEP", "c'est réglé, c'était le cache"}, "action rollback"},
		{"rollback", []string{"le site est cassé en prod depuis la MEP", "ok je regarde"}, "action rollback app=web env=production"},
		{"rollback", []string{"web is fine, api is broken"}, "action rollback"},
		{"rollback", []string{"le site va bien, l'api est cassée"}, "action rollback"},
		// The bot's card, its items joined by middle dots under a title,
		// is no person's order: "et pour le site ?" after it was a
		// rollback of web. One line with a dot is a person's (the third
		// attack: a yes after "wait · is it the right version?" confirmed
		// the plan before).
		{"et pour le site ?", []string{"quelle est la stratégie de l'api en prod ?", "Les 4 stratégies de déploiement en un coup d'œil\nRecreate (faible, risque élevé) · Rolling (le standard) · Blue-green (production critique, rollback instantané) · Canary (large audience)"}, "question production"},
		{"yes", []string{"deploy api 2.3.0 to production", "Deploy api 2.3.0 → production (#9)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "wait · is it the right version?"}, "unknown"},
		{"rollback", []string{"api is broken", "not a false alarm"}, "action rollback app=api"},
		{"merci beaucoup, trop efficace, le site est HS", nil, "question rollback"},
		{"goodnight everyone, stop the pipeline", nil, "question devops"},
		{"merci beaucoup, trop efficace", nil, "smalltalk"},
		{"à+ tout le monde", nil, "smalltalk"},
		{"lève le gel du site", []string{"quels gels ?", "Gels : #3 web production du 28/03 au 30/03 (carol : démo client) · #4 tout, depuis mercredi 14:02 (bob : incident api)"}, "command unfreeze app=web"},
	})
}

// TestAttackSession23 holds a sample of what the session's attack found against
// the versions carried from a person's line and the incidents a rollback
// reads (827 probes, 13 chats end to end), each read now without the
// version or the project the attack showed wrong: a no with a reason, a
// healthy environment, a promotion, a fix for a broken version, a
// release candidate or a dev build to production, a doubt, a delay, an
// objection, a take-back, a condition, hearsay, an old validation, a
// library's or another product's version, a redeploy, an older version, a
// build number, a lock after it, a false alarm.
func TestAttackSession23(t *testing.T) {
	checkReadings(t, []reading{
		{"no, prod. it's a terrible idea", []string{"deploy web 4.6.2 to staging", "Deploy web 4.6.2 → staging (#174)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "command cancel decline=yes id=174"},
		{"no. prod. the team is away", []string{"deploy web 4.6.2 to staging", "Deploy web 4.6.2 → staging (#174)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "command cancel decline=yes id=174"},
		{"no, prod. it's already there", []string{"deploy web 4.6.2 to staging", "Deploy web 4.6.2 → staging (#174)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "command cancel decline=yes id=174"},
		{"non. en prod. c'est trop risqué", []string{"déploie le site 3.8.1 en staging", "Déployer web 3.8.1 → staging (#75)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "command cancel decline=yes id=75"},
		{"rollback", []string{"le site en prod va bien depuis la mep", "la recette est HS"}, "action rollback"},
		{"rollback", []string{"l'api en staging est nickel depuis le déploiement", "en prod c'est la cata"}, "action rollback"},
		{"rollback", []string{"api staging is fine since the deploy", "prod is acting weird"}, "action rollback"},
		{"push api staging to prod", []string{"api 2.18.2 tagged"}, "action deploy app=api env=production from=staging"},
		{"passe l'api de staging en prod", []string{"api 2.18.2 tagged"}, "action deploy app=api env=production from=staging"},
		{"no, prod, but the one from staging", []string{"deploy api 2.18.1 to staging", "Deploy api 2.18.1 → staging (#180)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "action deploy app=api env=production from=staging replaces=180"},
		{"deploy it to prod", []string{"hotfix for api 2.18.0 is ready"}, "action deploy app=api env=production"},
		{"envoie-le en prod", []string{"le correctif de la 2.18.0 de l'api est prêt"}, "action deploy app=api env=production"},
		{"deploy it to staging", []string{"security patch for api 2.8.3 is out"}, "action deploy app=api env=staging"},
		{"non, en prod", []string{"la 2.19.0-rc1 de l'api est taguée", "l'api en préprod stp", "Déployer api 2.19.0-rc1 → staging (#91)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "action deploy app=api env=production replaces=91"},
		{"envoie en prod", []string{"la 2.19.0 RC2 de l'api est taguée"}, "action deploy env=production"},
		{"envoie en prod", []string{"la 2.18.1-dev de l'api est taguée"}, "action deploy env=production"},
		{"deploy it to prod", []string{"api 2.18.1 is tagged, tests green", "QA is still testing it"}, "action deploy env=production"},
		{"go en prod", []string{"la 2.18.1 de l'api est taguée, tests verts", "le client veut encore la tester demain"}, "action deploy env=production"},
		{"deploy it to prod", []string{"api 2.18.1 tagged", "[bob] leave it for monday"}, "action deploy env=production"},
		{"deploy it to prod", []string{"api 2.18.1 tagged", "staging only for now"}, "action deploy env=production"},
		{"deploy to prod", []string{"api 2.18.1 validated", "nope"}, "action deploy app=api env=production"},
		{"deploy it to prod", []string{"api 2.18.1 tagged", "nvm, wrong tag"}, "action deploy env=production"},
		{"go en prod", []string{"la 2.18.1 de l'api est prête pour la recette"}, "action deploy app=api env=production"},
		{"envoie en prod", []string{"la 2.18.1 de l'api est taguée, à valider par le client"}, "action deploy env=production"},
		{"deploy it to prod", []string{"if api 2.18.1 is validated by the client, we ship it tonight"}, "action deploy app=api env=production"},
		{"envoie en prod", []string{"je crois que la 2.18.1 de l'api est validée"}, "action deploy env=production"},
		{"deploy it to prod", []string{"api 2.18.1 was validated last month"}, "action deploy app=api env=production"},
		{"envoie en prod", []string{"le client a validé la 4.5.2 du site sauf le panier"}, "action deploy env=production"},
		{"envoie l'api en prod", []string{"api: symfony en 7.0.3, tests verts"}, "action deploy app=api env=production"},
		{"deploy web to prod", []string{"web: node upgraded to 20.11.1, tests green"}, "action deploy app=web env=production"},
		{"deploy it to prod", []string{"the partner's api 3.0.0 is validated"}, "action deploy app=api env=production"},
		{"deploy it to prod", []string{"the payments backend 1.4.0 is tagged"}, "action deploy env=production"},
		{"redéploie l'api en prod", []string{"api 2.18.1 tagged"}, "action deploy app=api env=production"},
		{"deploy the old api version to staging", []string{"api 2.18.1 tagged"}, "action deploy app=api env=staging"},
		{"deploy api to prod, the last one that worked", []string{"api 2.18.1 tagged"}, "action deploy app=api env=production"},
		{"rollback", []string{"after the deploy we'll check api prod metrics"}, "action rollback"},
		{"rollback", []string{"api prod is returning stale prices since the deploy", "false alarm, it was the cache"}, "action rollback"},
		{"rollback", []string{"on fera la démo du site en recette après la livraison"}, "action rollback"},
		{"deploy it to prod", []string{"api build 4521 is green"}, "action deploy app=api env=production"},
		{"deploy it to prod", []string{"api 2.18.1 tagged, carol has to approve it"}, "action deploy app=api env=production"},
		{"deploy api to prod", []string{"api 2.18.1 tagged, tests green", "🔒 api production is locked: incident in progress"}, "action deploy app=api env=production"},
		{"deploy api to prod", []string{"api 2.18.1 tagged", "[carol] lgtm for staging"}, "action deploy app=api env=production"},
		{"rollback prod", []string{"api staging returns stale prices since the deploy"}, "action rollback env=production"},
		// The second attack (1,735 probes) on the guarded rule, each now
		// read as before the session: no version from a person's line.
		{"deploy the landing to prod", []string{"la 2.18.1 de l'api est taguée, tests verts", "[bob] top"}, "action deploy env=production"},
		{"envoie-la en prod", []string{"la 2.18.1 de l'api est taguée, tests verts", "[bob] 🚫"}, "action deploy env=production"},
		{"deploy it to prod", []string{"api 2.18.1 tagged, doesn't even compile lol", "[bob] 💀"}, "action deploy env=production"},
		{"rollback", []string{"api prod isn't returning stale prices since the deploy, nice fix"}, "action rollback"},
		{"envoie-le en prod", []string{"la 2.18.1 de l'api est taguée, tests verts", "[bob] le hotfix du panier est prêt aussi"}, "action deploy env=production"},
		{"envoie-la en prod", []string{"la 2.18.1 de l'api validée puis annulée par le client", "[bob] dommage"}, "action deploy env=production"},
		{"envoie-la en prod", []string{"la 2.18.1-wip de l'api est taguée pour que vous voyiez le diff", "[bob] merci"}, "action deploy env=production"},
		{"deploy it to prod", []string{"\"api 2.18.1 is ready\" they said. it wasn't."}, "action deploy app=api env=production"},
		{"rollback", []string{"api prod is returning stale prices since the deploy", "[bob] it's web, not api"}, "action rollback"},
		{"bon allez, on l'envoie en prod", []string{"la 3.2.0 du site est taguée", "le client a validé la recette"}, "action deploy env=production"},
	})
}
