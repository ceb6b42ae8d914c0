package router_test

import (
	"strings"
	"testing"
)

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

var (
	planWebStg31   = []string{"déploie le site 2.25.0 en recette", "Déploiement web 2.25.0 → staging (#41)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	planWebEn31    = []string{"deploy web 4.1.0 to staging", "Deploy web 4.1.0 → staging (#1)\nRules:\n✅ no rule applies to this environment\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rbPlanWeb31    = []string{"rollback web staging", "Rollback web 2.7.0 → staging (#39)\nRules:\n✅ a rollback is the emergency path: no window or freeze holds it\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	rbPlanWebFr31  = []string{"rollback du site en recette", "Rollback web 2.7.0 → staging (#39)\nRègles :\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	rbStartedWeb31 = []string{"revert the front in prod", "Rollback web 2.7.0 → production (#26)\nRules:\n✅ a rollback is the emergency path\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes", "Go: rollback web 2.7.0 → production (#26) started."}
	rbStartedApi31 = []string{"rollback du back en prod", "Rollback api v1.9.0 → production (#16)\nRègles :\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).", "oui", "C'est parti : rollback api v1.9.0 → production (#16) est lancé."}
)

// TestSession31Corrections holds changes of a plan said with why
// (holdout56, once read): "euh non, la 2.25.1, j'ai retagué" cancelled
// the plan (the writer's own account after the change); "no wait — it's
// the api that's broken, not the site" after a rollback's plan cancelled
// it (the project said in a cleft).
func TestSession31Corrections(t *testing.T) {
	checkReadings(t, []reading{
		{"euh non, la 2.25.1, j'ai retagué", planWebStg31, "action deploy app=web env=staging version=2.25.1 replaces=41"},
		{"non, la 2.25.1, je me suis trompé", planWebStg31, "action deploy app=web env=staging version=2.25.1 replaces=41"},
		{"no, 4.1.1, I retagged it", planWebEn31, "action deploy app=web env=staging version=4.1.1 replaces=1"},
		{"no wait — it's the api that's broken, not the site", rbPlanWeb31, "action rollback app=api env=staging replaces=39"},
		{"no wait, it's the api that's broken", rbPlanWeb31, "action rollback app=api env=staging replaces=39"},
		{"non attends, c'est l'api qui est cassée, pas le site", rbPlanWebFr31, "action rollback app=api env=staging replaces=39"},
		{"non attends, c'est l'api qui plante", rbPlanWebFr31, "action rollback app=api env=staging replaces=39"},
		{"it's prod that's broken, not staging", rbPlanWeb31, "action rollback app=web env=production replaces=39"},
	})
	// No change.
	checkNoOrders(t, planWebStg31, []string{"non, la 2.25.1, j'ai pas retagué", "non, la 2.25.1, j'ai demandé à bob"})
	checkNoOrders(t, planWebEn31, []string{"no, 4.1.1, I retagged it?", "no, I retagged it"})
}

// TestSession31RollbackSequels holds another project named after a
// rollback started (holdout56, once read): "and the backend too, it's
// the one calling the broken endpoint", "et pour le site ?" were
// questions; the same rollback of that project, plainly asked, is
// planned (and waits for its own yes).
func TestSession31RollbackSequels(t *testing.T) {
	checkReadings(t, []reading{
		{"and the backend too, it's the one calling the broken endpoint", rbStartedWeb31, "action rollback app=api env=production"},
		{"and the backend too", rbStartedWeb31, "action rollback app=api env=production"},
		{"the backend too", rbStartedWeb31, "action rollback app=api env=production"},
		{"et pour le site ?", rbStartedApi31, "action rollback app=web env=production"},
		{"le site aussi", rbStartedApi31, "action rollback app=web env=production"},
		// The chat's memory keeps the person's rollback once its plan is
		// answered, not the bot's "Go: …".
		{"and the backend too", []string{"rollback web production"}, "action rollback app=api env=production"},
		{"the backend too", []string{"rollback web production"}, "action rollback app=api env=production"},
	})
	// Asked, doubted, addressed, mocked, put off, two projects.
	checkNoOrders(t, rbStartedWeb31, []string{"and the backend too?", "what about the backend?", "the backend too, probably",
		"and the backend too, not yet", "and the backend too lol", "and the backend too, bob will do it", "the backend too 😂",
		"@bob and the backend too", "and the backend too, it's fine", "and the backend, the web and the api", "et le back aussi, je pense"})
}

// TestSession31AfterRefusalAndDiff holds orders said as the sequel of the
// bot's reply (holdout56, once read): "fine, staging then" after a plan
// refused for staging first was a question; "ok let's ship 2.9.0 to
// staging then" after a diff that found the same version on both sides
// named no project.
func TestSession31AfterRefusalAndDiff(t *testing.T) {
	refused := []string{"deploy web v2.24.0 to production", "Deploy web v2.24.0 → production (#40)\nRules:\n✅ recommended window\n❌ version v2.24.0 has not succeeded on staging — staging first yes: built-in practice\nRefused: nothing ran."}
	sameDiff := []string{"diff web", "web: staging ↔ production\nThe same version on both sides (2.8.0): nothing to promote.\n  staging:    2.8.0\n  production: 2.8.0"}
	checkReadings(t, []reading{
		{"fine, staging then", refused, "action deploy app=web env=staging version=v2.24.0"},
		{"ok fine staging", refused, "action deploy app=web env=staging version=v2.24.0"},
		{"ok let's ship 2.9.0 to staging then", sameDiff, "action deploy app=web env=staging version=2.9.0"},
	})
	checkNoOrders(t, refused, []string{"fine, staging then?", "fine, staging then 😂", "no staging then", "fine, staging then!!"})
}

// TestSession31Reminders holds a reminder deleted right after the bot
// listed or noted it (holdout56, once read): "supprime le 2" after the
// list and "actually delete it" after the note were not understood.
func TestSession31Reminders(t *testing.T) {
	list := []string{"liste des rappels", "Rappels\n  n°1 : #deploys · chaque mardi à 9h30 · « check staging » (alice)\n  n°2 : #api · chaque vendredi à 16h · « ne pas déployer » (alice)\n(Pour en supprimer un : « supprime le rappel 1 ». …)"}
	noted := []string{"remind #deploys every tuesday at 9:30 to check staging", "Noted: reminder #1 in #deploys, every Tuesday at 09:30: \"check staging\".\nNext: Tuesday 24 February 09:30 CET\n(To stop it: \"delete reminder 1\".)"}
	notedFr := []string{"rappelle à #api chaque lundi à 9h de vérifier la prod", "C'est noté : rappel n°2 dans #api, chaque lundi à 9h : « vérifier la prod ».\n(Pour l'arrêter : « supprime le rappel 2 ».)"}
	checkReadings(t, []reading{
		{"supprime le 2", list, "command reminders id=2 op=delete"},
		{"vire le 2 stp", list, "command reminders id=2 op=delete"},
		{"actually delete it", noted, "command reminders id=1 op=delete"},
		{"remove it", noted, "command reminders id=1 op=delete"},
		{"supprime-le", notedFr, "command reminders id=2 op=delete"},
	})
	for _, tt := range []struct {
		history []string
		texts   []string
	}{
		{list, []string{"supprime le 3", "supprime", "ne supprime pas le 2", "supprime le 2?", "supprime le 2 😂", "supprime le 2 demain", "@bob supprime le 2"}},
		{noted, []string{"delete 2", "delete it tomorrow", "bob, delete it", "don't delete it", "delete it?", "delete"}},
	} {
		for _, text := range tt.texts {
			if got := parse(t, text, tt.history); got.Command == "reminders" && got.Arg("op") == "delete" {
				t.Errorf("%q after %q: deletes a reminder", text, tt.history)
			}
		}
	}
}

// TestSession31Reads holds reads asked in other words (holdout56, once
// read): the runbook right after a rollback's plan that quotes it, "any
// locks too?" after the freezes, an audit's period before its project,
// "qu'est-ce qu'on a en préprod sur le site".
func TestSession31Reads(t *testing.T) {
	rbPlan := []string{"rollback du back en prod", "Rollback api v1.9.0 → production (#28)\nRègles :\n✅ un rollback est la voie d'urgence\nRunbook : « runbook api production » · dernier exercice : jamais : « drill api production » pour l'exercer\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	freezes := []string{"list freezes", "Deployment freezes\n  config: web / every environment, 2026-11-27 00:00 → 2026-12-01 00:00 CET (planned, configuration file) — Black Friday"}
	checkReadings(t, []reading{
		{"montre moi le runbook", rbPlan, "command runbook app=api env=production"},
		{"runbook web", rbPlan, "command runbook app=web"},
		{"any locks too?", freezes, "command list what=locks"},
		{"les verrous aussi ?", nil, "command list what=locks"},
		{"journal d'audit du mois pour le back", nil, "command audit app=api since=month"},
		{"audit log of the week for web", nil, "command audit app=web since=week"},
		{"qu'est-ce qu'on a en préprod sur le site en ce moment", nil, "command status app=web env=staging"},
		{"what do we have in prod for the api?", nil, "command status app=api env=production"},
	})
}

// TestSession31MicCheck holds messages that only try the bot out
// (holdout56, once read): "test 123" got the smoke tests' card.
func TestSession31MicCheck(t *testing.T) {
	checkReadings(t, []reading{
		{"test", nil, "unknown"},
		{"test 123", nil, "unknown"},
		{"testing 1 2 3", nil, "unknown"},
		{"test test", nil, "unknown"},
		{"essai", nil, "unknown"},
		{"test staging", nil, "question staging"},
	})
}

// TestSession31Attack holds the first attack on the session's rules: each
// line acted on the first revision (a production deploy from "no,
// 3.2.1, I guessed", a rollback from "how do I 💀 rollback api prod" or
// "the backend too, it's the one that still works", a reminder deleted on
// "delete it, actually no", a refused order planned again on "prod
// okay"); none orders anything now.
func TestSession31Attack(t *testing.T) {
	for _, l := range []string{
		"deploy api 3.2.0 to production|Deploy api 3.2.0 → production (#7)\\nRules:\\n✅ recommended window\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|no, 3.2.1, I joked",
		"deploy api 3.2.0 to production|Deploy api 3.2.0 → production (#7)\\nRules:\\n✅ recommended window\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|no, 3.2.1, I guessed",
		"deploy api 3.2.0 to production|Deploy api 3.2.0 → production (#7)\\nRules:\\n✅ recommended window\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|no, 3.2.1, I doubted",
		"deploy api 3.2.0 to production|Deploy api 3.2.0 → production (#7)\\nRules:\\n✅ recommended window\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|no 3.2.1, I wondered",
		"deploy api 3.2.0 to production|Deploy api 3.2.0 → production (#7)\\nRules:\\n✅ recommended window\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|no, 3.2.1, I suggested",
		"deploy api 3.2.0 to production|Deploy api 3.2.0 → production (#7)\\nRules:\\n✅ recommended window\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|no, 3.2.1, I trolled",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, it's the one that still works",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, because that would be a disaster",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, because it would make things worse",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, since it's unaffected",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, it's the one I'd leave alone",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, since it's april fools",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, c'est lui qui va bien",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, car ça empirerait les choses",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, parce qu'on vient de le réparer",
		"how do I 💀 rollback api prod",
		"should we 🔥 rollback web prod",
		"do we need to 🙏 rollback api prod",
		"est-ce qu'on 🙏 rollback api prod",
		"est-ce qu'on doit 🙏 rollback api prod",
		"comment on fait pour 💀 rollback api prod",
		"pourquoi bob a fait 👀 rollback api prod",
		"for the record, I did NOT 🤞 deploy api to prod",
		"is it safe to 🙏 roll back the api",
		"this morning 🔥 rollback api prod, all good now",
		"la semaine dernière 🙏 rollback api prod, heureusement ça a marché",
		"ce matin 🙏 rollback api prod, it failed",
		"last friday 🙏 deploy web to prod, luckily it worked",
		"after we 🔥 rollback api prod",
		"before we 🔥 roll back the api",
		"test message 🔥 roll back the api",
		"instead of 🙏 roll back the api",
		"step 3 of the runbook 👀 roll back the api",
		"the button 🔘 roll back the api does nothing",
		"roll back the api 🙏 @bob will do it",
		"roll back the api 🙏 was the plan",
		"on revient à la version d'avant 😱 non",
		"prod is on fire 💀 roll back the api — bob's idea",
		"how do I 🤞 deploy web 3.13.2 to production",
		"comment on fait pour 🔥 déploie le site en prod",
		"deploy web 4.1.0 to staging|Deploy web 4.1.0 → staging (#1)\\nRules:\\n✅ no rule applies to this environment\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|no, 4.1.1, I guessed",
		"déploie le site 2.25.0 en recette|Déploiement web 2.25.0 → staging (#41)\\nRègles :\\n✅ aucune règle ne s'applique à cet environnement\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|non, la 2.25.1, j'ai deviné",
		"déploie le site 2.25.0 en recette|Déploiement web 2.25.0 → staging (#41)\\nRègles :\\n✅ aucune règle ne s'applique à cet environnement\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|non, la 2.25.1, j'ai douté",
		"déploie le site 2.25.0 en recette|Déploiement web 2.25.0 → staging (#41)\\nRègles :\\n✅ aucune règle ne s'applique à cet environnement\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|non, la 2.25.1, j'ai suggéré",
		"remind #deploys every tuesday at 9:30 to check staging|Noted: reminder #1 in #deploys, every Tuesday at 09:30: \"check staging\".\\nNext: Tuesday 24 February 09:30 CET\\n(To stop it: \"delete reminder 1\".)|delete it, actually no",
		"rappelle à #api chaque lundi à 9h de vérifier la prod|C'est noté : rappel n°2 dans #api, chaque lundi à 9h : « vérifier la prod ».\\n(Pour l'arrêter : « supprime le rappel 2 ».)|supprime-le, en fait non",
		"rappelle à #api chaque lundi à 9h de vérifier la prod|C'est noté : rappel n°2 dans #api, chaque lundi à 9h : « vérifier la prod ».\\n(Pour l'arrêter : « supprime le rappel 2 ».)|supprime le 2, non",
		"rappelle à #api chaque lundi à 9h de vérifier la prod|C'est noté : rappel n°2 dans #api, chaque lundi à 9h : « vérifier la prod ».\\n(Pour l'arrêter : « supprime le rappel 2 ».)|retire-le non merci",
		"remind #deploys every tuesday at 9:30 to check staging|Noted: reminder #1 in #deploys, every Tuesday at 09:30: \"check staging\".\\nNext: Tuesday 24 February 09:30 CET\\n(To stop it: \"delete reminder 1\".)|remove it, no",
		"liste des rappels|Rappels\\n  n°1 : #deploys · chaque mardi à 9h30 · « check staging » (alice)\\n  n°2 : #api · chaque vendredi à 16h · « ne pas déployer » (alice)\\n(Pour en supprimer un : « supprime le rappel 1 ». …)|supprime le 2 non",
		"remind #deploys every tuesday at 9:30 to check staging|Noted: reminder #1 in #deploys, every Tuesday at 09:30: \"check staging\".\\nNext: Tuesday 24 February 09:30 CET\\n(To stop it: \"delete reminder 1\".)|remove one",
		"deploy web v2.24.0 to production|Deploy web v2.24.0 → production (#40)\\nRules:\\n✅ recommended window\\n❌ version v2.24.0 has not succeeded on staging — staging first yes: built-in practice\\nRefused: nothing ran.|prod fine",
		"deploy web v2.24.0 to production|Deploy web v2.24.0 → production (#40)\\nRules:\\n✅ recommended window\\n❌ version v2.24.0 has not succeeded on staging — staging first yes: built-in practice\\nRefused: nothing ran.|prod okay",
		"deploy api 3.0.0 to production|Deploy api 3.0.0 → production (#42)\\nRules:\\n❌ production is locked by alice: incident\\nRefused: nothing ran.|prod okay",
		"deploy web v2.24.0 to production|Deploy web v2.24.0 → production (#40)\\nRules:\\n✅ recommended window\\n❌ version v2.24.0 has not succeeded on staging — staging first yes: built-in practice\\nRefused: nothing ran.|well, prod",
		"deploy api 3.0.0 to production|Deploy api 3.0.0 → production (#42)\\nRules:\\n❌ production is locked by alice: incident\\nRefused: nothing ran.|staging fine",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|et le site ?",
	} {
		parts := strings.Split(l, "|")
		for i := range parts {
			parts[i] = strings.ReplaceAll(parts[i], `\n`, "\n")
		}
		checkNoOrders(t, parts[:len(parts)-1], parts[len(parts)-1:])
	}
}

// TestSession31AttackKept holds orders the first revision lost: an order
// after a past moment told, after a case of its own, before a "reviendra
// en avant".
func TestSession31AttackKept(t *testing.T) {
	checkReadings(t, []reading{
		{"yesterday, deploy 2.3 broke login, rollback api prod please", nil, "action rollback app=api env=production"},
		{"hier soir, deploy broke checkout — roll back the api in prod now", nil, "action rollback app=api env=production"},
		{"yesterday, rollback api prod worked — do it again now", nil, "action rollback app=api env=production"},
		{"hier, rollback api prod a marché, refais-le maintenant", nil, "action rollback app=api env=production"},
		{"en cas de pépin, appelle-moi. rollback api prod", nil, "action rollback app=api env=production"},
		{"revenons en arrière sur le site en prod, on reviendra en avant demain", nil, "action rollback app=web env=production"},
		{"hier soir, deployment of api failed, lock production", nil, "command lock app=api env=production"},
	})
}

// TestSession31AttackB holds the second attack on the session's rules: a
// reason after "X too" that puts the fault elsewhere, earlier or in doubt
// ("since it crashes only on staging", "broken on my laptop", "en panne,
// enfin il l'était"); a comment after the order a pictograph parted from
// an incident ("… 🔥 roll back the api won't help"); an opening that is no
// live incident ("prod isn't down 🔥 …", "… in the meme 👀 …"); a please or
// a now that says not to ("yesterday 🙏 rollback api prod, please don't do
// it again"); a doubt by a pictograph after an environment answered; a
// delete taken back after an ellipsis. None orders anything now.
func TestSession31AttackB(t *testing.T) {
	for _, l := range []string{
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, since it crashes only on staging",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|and the api too, since it crashes only on staging",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, because it's broken on my laptop",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, because its tests are failing locally",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, because it crashed in the test env",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, because it was down for maintenance",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, because it's down, or was",
		"revert the front in prod|Rollback web 2.7.0 → production (#26)\\nRules:\\n✅ a rollback is the emergency path\\n\\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").|yes|Go: rollback web 2.7.0 → production (#26) started.|the backend too, since it fails, supposedly",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, car il plante en recette seulement",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|site aussi, car il plante en recette seulement",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, parce qu'il plante sur mon poste",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, parce que ses tests plantent en local",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, c'est lui qui plante dans l'exercice",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, parce qu'il est en panne, enfin il l'était",
		"rollback du back en prod|Rollback api v1.9.0 → production (#16)\\nRègles :\\n✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|oui|C'est parti : rollback api v1.9.0 → production (#16) est lancé.|le site aussi, parce qu'il plante, paraît-il",
		"prod is down 🔥 roll back the api won't help",
		"prod is on fire 🙏 roll back the api won't help",
		"la prod plante 🔥 roll back the api is not the fix",
		"prod is down 🔥 roll back the api did not help",
		"prod is down 😱 roll back the api is not my call",
		"la prod plante 🔥 rollback de l'api n'y changera rien",
		"la prod est en feu 🙏 roll back the api won't help",
		"prod is on fire 🔥 roll back the api is step 1",
		"prod is on fire 🔥 roll back the api was useless",
		"prod is on fire 🔥 roll back the api they said",
		"prod is on fire 🔥 rollback api prod is what bob did",
		"prod is on fire 🔥 roll back the api is the answer in the quiz",
		"prod is on fire in the meme 👀 roll back the api",
		"prod is down for maintenance 🔥 roll back the api tomorrow",
		"prod is down for maintenance 🙏 rollback api prod demain",
		"prod is down for maintenance 👉 on rollback l'api en prod",
		"fake alert, prod is down 🔥 roll back the api is not an option",
		"hypothetically prod is down 💀 roll back the api won't help",
		"prod isn't down 🔥 roll back the api won't help",
		"prod ain't broken 🤞 roll back the api won't help",
		"pour l'exercice, la prod plante 😅 roll back the api won't help",
		"bob thinks prod is down 🔥 roll back the api won't help",
		"the site is down in staging 👉 deploy the api won't help",
		"yesterday, rollback api prod, luckily it worked, all good now",
		"hier soir, rollback api prod, heureusement ça a marché, tout va bien maintenant",
		"yesterday, rollback api prod, now it's fine",
		"yesterday 🙏 rollback api prod, please don't do it again",
		"hier soir, rollback api prod, stp ne le refais pas",
		"yesterday, rollback api prod, please no more",
		"deploy web v2.24.0 to production|Deploy web v2.24.0 → production (#40)\\nRules:\\n✅ recommended window\\n❌ version v2.24.0 has not succeeded on staging — staging first yes: built-in practice\\nRefused: nothing ran.|d'accord, staging then 🤔",
		"remind #deploys every tuesday at 9:30 to check staging|Noted: reminder #1 in #deploys, every Tuesday at 09:30: \"check staging\".\\nNext: Tuesday 24 February 09:30 CET\\n(To stop it: \"delete reminder 1\".)|delete it... actually",
	} {
		parts := strings.Split(l, "|")
		for i := range parts {
			parts[i] = strings.ReplaceAll(parts[i], `\n`, "\n")
		}
		checkNoOrders(t, parts[:len(parts)-1], parts[len(parts)-1:])
	}
	checkReadings(t, []reading{
		{"hier soir, rollback du site en prod vite 😱", nil, "action rollback app=web env=production"},
		{"prod is on fire 🔥 roll back the api please", nil, "action rollback app=api env=production"},
	})
}

// TestSession31Holdout57 holds holdout57's misses (once read, after it was
// measured blind): an order told as someone's moment ("when you deploy api
// to prod, ping me"), an intention given up ("I was about to deploy web to
// staging but Tom beat me to it"), a yes after the bot's "Yes to what? Plan
// #69 (…) still waits. Confirm it?" quoted without its answers.
func TestSession31Holdout57(t *testing.T) {
	checkNoOrders(t, nil, []string{"when you deploy api to prod, ping me", "quand tu déploies l'api en prod, préviens-moi",
		"ping me when you deploy api to prod", "once QA passes, deploy api to prod", "I was about to deploy web to staging but Tom beat me to it",
		"procédure de retour arrière du backend ?"})
	checkReadings(t, []reading{
		{"deploy api to prod now", nil, "action deploy app=api env=production"},
		{"dès que possible, déploie l'api en prod", nil, "action deploy app=api env=production"},
		{"yes", []string{"ok they ran", "Yes to what? Plan #69 (deploy api 2.4.1 → production) still waits. Confirm it?"}, "command confirm id=69"},
	})
	checkNoOrders(t, []string{"can you confirm it?"}, []string{"yes"})
}

// TestSession31Holdout57Orders holds holdout57's misses that were orders
// or commands: a correction of an order the bot refused for want of an
// executor ("my bad, api not web", "non c'est la prod que je voulais"); a
// correction with why it changes ("euh non en recette, c'est pas validé":
// its "pas" is the reason's); a project's short name after its article in
// a freeze ("dégèle le back"); "c quoi la version en prod du back".
func TestSession31Holdout57Orders(t *testing.T) {
	noExecFr := []string{"déploie le site en recette", "❌ web/staging n'a pas d'exécuteur configuré (projects[].environments[].executor) : rien ne peut être déployé"}
	noExecEn := []string{"deploy web 3.0.2 to staging", "❌ web/staging has no executor configured (projects[].environments[].executor): nothing can be deployed"}
	planProd := []string{"déploie le back 2.8.0 en prod", "Déploiement api 2.8.0 → production (#125)\nRègles :\n✅ fenêtre recommandée\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"non c'est la prod que je voulais", noExecFr, "action deploy app=web env=production"},
		{"my bad, api not web", noExecEn, "action deploy app=api env=staging"},
		{"euh non en recette, c'est pas validé", planProd, "action deploy app=api env=staging version=2.8.0 replaces=125"},
		{"no, staging, it's not validated yet", planProd, "action deploy app=api env=staging version=2.8.0 replaces=125"},
		{"dégèle le back stp, l'audit est fini", nil, "command unfreeze app=api"},
		{"gèle le back : audit", nil, "command freeze app=api reason=audit"},
		{"c quoi la version en prod du back", nil, "command status app=api env=production"},
	})
	checkNoOrders(t, noExecEn, []string{"api not web?", "not api either", "ok, so web has no executor", "the api is fine, not web", "no, api, bob will do it"})
	checkNoOrders(t, planProd, []string{"non, c'est pas validé", "euh non en recette, c'est pas validé ?", "non pas en recette, c'est pas validé"})
	checkReadings(t, []reading{
		{"freeze prod, back in 10 min", nil, "command freeze env=production"},
	})
}

// TestSession31WhichOneSaidOtherwise holds answers to the bot's questions
// said in other words than its own (holdout57, once read): "Which one?
// "approve 14" or "approve 15".", "Which one do you cancel?", "Did it
// succeed or fail? Answer …" were not read as questions, and "14", "la
// 21", "réussi, la v2.4.1 répond" were not understood.
func TestSession31WhichOneSaidOtherwise(t *testing.T) {
	approveEn := []string{"approve", "Several deployments wait for your approval: #14 api 2.4.1 → production (bob), #15 api 2.4.2 → production (dave). Which one? \"approve 14\" or \"approve 15\"."}
	approveFr := []string{"approuve", "Plusieurs déploiements attendent votre approbation : #14 api 2.4.1 → production (bob), #15 api 2.4.2 → production (dave). Lequel ? « approve 14 » ou « approve 15 »."}
	cancelEn := []string{"cancel", "Two plans wait: #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Which one do you cancel? \"cancel 21\" or \"cancel 22\"."}
	outcomeEn := []string{"outcome 42", "Deployment #42 (api 2.4.1 → production) is interrupted: its outcome is unknown and api/production stays locked. Did it succeed or fail? Answer \"succeeded\" or \"failed\", with what you checked."}
	outcomeFr := []string{"outcome 42", "Le déploiement #42 (api 2.4.1 → production) est interrompu : son issue est inconnue et api/production reste verrouillé. A-t-il réussi ou échoué ? Répondez « réussi » ou « échoué », avec ce que vous avez vérifié."}
	checkReadings(t, []reading{
		{"14", approveEn, "command approve id=14"},
		{"the second one", approveEn, "command approve id=15"},
		{"le 15", approveFr, "command approve id=15"},
		{"22", cancelEn, "command cancel decline=yes id=22"},
		{"succeeded, /healthz answers 2.4.1", outcomeEn, "command outcome id=42 outcome=succeeded reason=/healthz answers 2.4.1"},
		{"échoué, les workers ne démarrent pas", outcomeFr, "command outcome id=42 outcome=failed reason=les workers ne démarrent pas"},
	})
	checkNoOrders(t, approveEn, []string{"14?", "not 14", "@bob 14", "14 lol", "16"})
	checkNoOrders(t, outcomeEn, []string{"succeeded?", "no idea if it succeeded", "bob says it succeeded"})
}

// TestSession31AttackC holds the third attack, on holdout57's rules: a
// change to production or to another project said with "c'est pas
// validé"; which one stays or whose it is ("keep 21", "21 is fine", "14 is
// bob's, ask him", "dave: 15") after "Which one?"; a re-plan's "confirm
// it?"; a moment said first ("when you get the green light, deploy api to
// prod"). None orders anything now.
func TestSession31AttackC(t *testing.T) {
	for _, l := range []string{
		"déploie le back 2.8.0 en recette|Déploiement api 2.8.0 → staging (#125)\\nRègles :\\n✅ fenêtre recommandée\\n\\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).|euh non en prod, c'est pas validé",
		"deploy api 2.8.0 to staging|Deploy api 2.8.0 → staging (#125)\\nRules:\\n✅ recommended window\\n\\nConfirm? Reply \"yes\" within 2 minutes (or \"no\").|no, prod, it's not validated",
		"deploy api 2.8.0 to prod|Deploy api 2.8.0 → production (#125)\\nRules:\\n✅ recommended window\\n\\nConfirm? Reply \"yes\" within 2 minutes (or \"no\").|no, web, it's not validated",
		"deploy api 2.8.0 to prod|Deploy api 2.8.0 → production (#125)\\nRules:\\n✅ recommended window\\n\\nConfirm? Reply \"yes\" within 2 minutes (or \"no\").|euh non, web, c'est pas validé",
		"annule|Deux plans attendent : #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Lequel ? « cancel 21 » ou « cancel 22 ».|garde la 21",
		"cancel|Two plans wait: #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Which one do you cancel? \"cancel 21\" or \"cancel 22\".|keep 21",
		"cancel|Two plans wait: #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Which one do you cancel? \"cancel 21\" or \"cancel 22\".|21 is the good one",
		"annule|Deux plans attendent : #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Lequel ? « cancel 21 » ou « cancel 22 ».|la 21 est bonne",
		"cancel|Two plans wait: #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Which one do you cancel? \"cancel 21\" or \"cancel 22\".|21 stays",
		"cancel|Two plans wait: #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Which one do you cancel? \"cancel 21\" or \"cancel 22\".|21 is fine",
		"annule|Deux plans attendent : #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Lequel ? « cancel 21 » ou « cancel 22 ».|laisse la 21",
		"cancel|Two plans wait: #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Which one do you cancel? \"cancel 21\" or \"cancel 22\".|21 is mine",
		"annule|Deux plans attendent : #21 api 2.5.0 → staging, #22 api 2.5.0 → production. Lequel ? « cancel 21 » ou « cancel 22 ».|la 21 c'est à bob",
		"approve|Several deployments wait for your approval: #14 api 2.4.1 → production (bob), #15 api 2.4.2 → production (dave). Which one? \"approve 14\" or \"approve 15\".|14 is bob's, ask him",
		"approve|Several deployments wait for your approval: #14 api 2.4.1 → production (bob), #15 api 2.4.2 → production (dave). Which one? \"approve 14\" or \"approve 15\".|14 — bob's on it",
		"approve|Several deployments wait for your approval: #14 api 2.4.1 → production (bob), #15 api 2.4.2 → production (dave). Which one? \"approve 14\" or \"approve 15\".|dave: 15",
		"what happened to 69?|Plan #69 (deploy api 2.4.1 → production) was cancelled by bob. Want me to re-plan and confirm it?|yes",
		"deploy api 2.4.1 to prod|Plan #69 (deploy api 2.4.1 → production) expired before anyone answered. Redo it and confirm it?|yes to web",
		"when you get the green light, deploy api to prod",
		"quand tu auras le feu vert, déploie l'api en prod",
		"when you have the sign-off, deploy api to prod",
		"when you can deploy api to prod, let me know",
		"quand tu peux déployer l'api en prod, dis-moi",
	} {
		parts := strings.Split(l, "|")
		for i := range parts {
			parts[i] = strings.ReplaceAll(parts[i], `\n`, "\n")
		}
		checkNoOrders(t, parts[:len(parts)-1], parts[len(parts)-1:])
	}
	checkReadings(t, []reading{
		{"about to go home — deploy api to staging first please", nil, "action deploy app=api env=staging"},
		{"quand tu peux, déploie l'api en prod", nil, "action deploy app=api env=production"},
		{"14 looks fine, go", []string{"approve", "❌ several deployments wait for your approval: #15 (api 2.4.2 → production), #14 (api 2.4.1 → production). Which one?"}, "command approve id=14"},
	})
}

// TestSession31Exclusions holds lock, unlock, freeze and unfreeze orders
// that leave something out (the third attack, and older): "unlock
// everything except api", "déverrouille tout sauf l'api", "lock all
// except web", "dégèle tout sauf le back" acted on the project left out or
// on everything; they order nothing now. A reason may say "but not".
func TestSession31Exclusions(t *testing.T) {
	checkNoOrders(t, nil, []string{"unlock all but not api", "unlock everything except api", "déverrouille tout sauf l'api",
		"lock all except web", "lock all except web: audit", "dégèle tout sauf le back"})
	checkReadings(t, []reading{
		{"unlock api prod: fixed, but not web yet", nil, "command unlock app=api env=production reason=fixed, but not web yet"},
		{"gèle l'api sauf le 24/12/2026", nil, "command freeze app=api dates=24/12/2026 to=2026-12-24"},
	})
}
