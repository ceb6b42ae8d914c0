package router_test

import (
	"strings"
	"testing"
)

// The conversations the session's tests read a message after.
var (
	rc32      = []string{"deploy web 4.0.0-rc2 to stg", "Deploy web 4.0.0-rc2 → staging (#1)\nRules:\n✅ no rule applies to this environment\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	refused32 = []string{"déploie le site en prod en 3.0.4, c'est un hotfix", "Déploiement web 3.0.4 → production (#1)\nRègles :\n❌ fenêtre à éviter (ven. 17:30) : personne pour réagir — fenêtres : agence, fichier ligne 90\n\nRefusé : rien n'a été lancé."}
	laterEn32 = []string{"deploy web to prod thursday at 10", "I don't schedule orders: nothing was started. Give it when the time comes and I will plan it then."}
	rb32      = []string{"rollback api prod", "Rollback api → production to 2.5.1 (#3)\nRules:\n✅ ok\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
)

// TestSession32ThirdPerson holds French lock verbs after their subject
// (holdout58, once read): "le bandeau cookies bloque tout" locked every
// project and environment, "le gel bloque tout" froze everything, "la
// prod bloque" locked production: the verb's imperative is also its third
// person, and a subject before it tells what something does.
func TestSession32ThirdPerson(t *testing.T) {
	checkNoOrders(t, nil, []string{
		"le bandeau cookies bloque tout",
		"ça bloque tout",
		"le bug bloque tout",
		"le client bloque tout le monde",
		"le gel bloque tout",
		"le bug gèle tout",
		"la prod bloque",
		"le bandeau cookies verrouille tout",
		"ça débloque tout",
		"le fix débloque tout le monde",
		"le client gèle la prod",
		"le client dégèle la prod demain",
		"ça verrouille la prod",
	})
	checkReadings(t, []reading{
		{"*urgent* : MEP du front en 3.0.8, le bandeau cookies bloque tout", nil, "action deploy app=web env=production version=3.0.8"},
		{"bloque tout", nil, "command lock all=yes"},
		{"bloque tout, incident", nil, "command lock all=yes reason=incident"},
		{"on bloque tout", nil, "command lock all=yes"},
		{"ok bloque tout", nil, "command lock all=yes"},
		{"bon ben gèle tout", nil, "command freeze all=yes"},
		{"la prod, gèle-la", nil, "command freeze env=production"},
		{"gel prod", nil, "command freeze env=production"},
		{"gèle le site du 27/11 au 30/11 : black friday", nil, "command freeze app=web dates=27/11 30/11 reason=black friday"},
	})
}

// TestSession32Sequels holds answers to the bot's refusals (holdout58,
// once read): "3.1.0 then" after "nothing to promote. Name a version"
// deployed 3.1.0 to staging (the environment the refusal names), "bon ben
// déploie maintenant alors" after "I don't schedule orders" was talk.
func TestSession32Sequels(t *testing.T) {
	nothing := []string{"promote web staging to production", "Nothing runs on staging for web: nothing to promote. Name a version: \"deploy web VERSION to production\"."}
	rien := []string{"promeus le back en prod", "Rien ne tourne sur staging pour api : rien à promouvoir. Donnez une version : « deploy api VERSION to production »."}
	later := []string{"déploie le site en prod jeudi à 10h", "Je ne programme pas d'ordre : rien n'est lancé. Donnez-le au moment voulu, je préparerai le plan alors.\njeudi 12/03 10:00 CET : ✅ fenêtre recommandée : l'équipe est là pour réagir. Allez-y."}
	checkReadings(t, []reading{
		{"3.1.0 then", nothing, "action deploy app=web env=production version=3.1.0"},
		{"3.1.0", nothing, "action deploy app=web env=production version=3.1.0"},
		{"3.1.0 on staging then", nothing, "action deploy app=web env=staging version=3.1.0"},
		{"la 2.5.0 alors", rien, "action deploy app=api env=production version=2.5.0"},
		{"bon ben déploie maintenant alors", later, "action deploy app=web env=production"},
		{"déploie maintenant", later, "action deploy app=web env=production"},
		{"well deploy now then", laterEn32, "action deploy app=web env=production"},
		{"ok deploy now", laterEn32, "action deploy app=web env=production"},
	})
	checkNoOrders(t, nothing, []string{"not 3.1.0", "3.1.0 was broken"})
	checkNoOrders(t, later, []string{"bon ben je déploie maintenant alors", "on déploie maintenant ?", "bon ben on verra maintenant"})
	checkNoOrders(t, laterEn32, []string{"well don't deploy now then", "don't deploy now"})
}

// TestSession32Corrections holds changes of a plan (holdout58, once
// read): a pre-release by its short name ("rc3 actually, rc2 was broken"
// after a plan of 4.0.0-rc2), a change under a label ("correction: commit
// e4d5f6a, not a1b2c3d"), a new value praised in other words ("finalement
// la 4.0.1, on a corrigé un truc ce matin"), and "non, le back en 2.5.2",
// whose "back" is the api, no going back (it planned a rollback).
func TestSession32Corrections(t *testing.T) {
	sha := []string{"deploy web a1b2c3d to staging", "Deploy web a1b2c3d → staging (#1)\nRules:\n✅ no rule applies to this environment\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	prodFr := []string{"go-live du site client : deploy web 4.0.0 to production", "Déploiement web 4.0.0 → production (#1)\nRègles :\n✅ fenêtre recommandée — fenêtres : agence, fichier ligne 90\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	stgFr := []string{"déploie le front en preprod v3.3.0", "Déploiement web v3.3.0 → staging (#1)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"rc3 actually, rc2 was broken", rc32, "action deploy app=web env=staging version=4.0.0-rc3 replaces=1"},
		{"no, rc3", rc32, "action deploy app=web env=staging version=4.0.0-rc3 replaces=1"},
		{"4.0.0-rc3 actually, rc2 was broken", rc32, "action deploy app=web env=staging version=4.0.0-rc3 replaces=1"},
		{"correction: commit e4d5f6a, not a1b2c3d", sha, "action deploy app=web env=staging version=e4d5f6a replaces=1"},
		{"typo: e4d5f6a", sha, "action deploy app=web env=staging version=e4d5f6a replaces=1"},
		{"correction : e4d5f6a, pas a1b2c3d", sha, "action deploy app=web env=staging version=e4d5f6a replaces=1"},
		{"finalement la 4.0.1, on a corrigé un truc ce matin", prodFr, "action deploy app=web env=production version=4.0.1 replaces=1"},
		{"non, le back en 2.5.2", stgFr, "action deploy app=api env=staging version=2.5.2 replaces=1"},
		{"le back en 2.5.2", nil, "action deploy app=api version=2.5.2"},
		{"remets le back en 2.5.2", nil, "action rollback app=api version=2.5.2"},
		{"le back en 2.5.2, ça plante", nil, "action rollback app=api version=2.5.2"},
	})
	checkNoOrders(t, rc32, []string{"rc3?", "rc2 was broken", "rc3 is broken too", "ok rc3 later"})
	checkNoOrders(t, sha, []string{"correction: don't deploy e4d5f6a", "typo: it's fine", "correction: no"})
}

// TestSession32Commands holds commands read wrongly in holdout58 (once
// read): "also remind …" showed the DORA figures its text names; "nan, on
// attend la validation du PO" after a plan listed the pending deployments
// (a no, and why); "… what 'time to restore' means in the DORA report"
// showed the figures.
func TestSession32Commands(t *testing.T) {
	plan := []string{"déploie api v2.5.0 en staging", "Déploiement api v2.5.0 → staging (#1)\nRègles :\n⚠️ la cible ne répond pas correctement avant le déploiement\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"also remind #api every monday at 10:00 to read the DORA figures", nil, "command reminders channel=#api dow=1 hour=10 minute=0 op=add text=read the DORA figures"},
		{"et rappelle à #api chaque lundi à 10h de lire les chiffres DORA", nil, "command reminders channel=#api dow=1 hour=10 minute=0 op=add text=lire les chiffres DORA"},
		{"nan, on attend la validation du PO", plan, "command cancel decline=yes id=1"},
		{"on attend la validation du PO", nil, "question orchestrator"},
		{"qu'est-ce qui attend mon approbation ?", nil, "command pending"},
		{"on attend quelle validation ?", nil, "command pending"},
		{"the manager wants to know what 'time to restore' means in the DORA report", nil, "question orchestrator"},
		{"DORA figures for api", nil, "command dora app=api"},
	})
}

// TestSession32UrgencyLead holds an order after its urgency said alone,
// in a conversation (holdout58, once read): "c'est une vraie urgence,
// déploie-le avec --force …" after a plan refused was talk.
func TestSession32UrgencyLead(t *testing.T) {
	checkReadings(t, []reading{
		{"c'est une vraie urgence, déploie-le avec --force \"paiement HS\"", refused32, "action deploy app=web env=production version=3.0.4"},
		{"c'est urgent, déploie-le", refused32, "action deploy app=web env=production version=3.0.4"},
		{"urgent: ship it anyway", refused32, "action deploy app=web env=production version=3.0.4"},
	})
	checkNoOrders(t, refused32, []string{"c'est urgent, ne le déploie pas", "c'est urgent, déploie-le ?", "c'est urgent, on verra demain",
		"it's urgent, but don't ship it", "c'est urgent, je le déploierai demain"})
}

// TestSession32Attack holds the attack on this session's first rules:
// once "… bloque …" after its subject was no lock, the model read the
// words left as a deploy or a rollback ("la mep bloque le front en prod"
// planned a production deploy, "le back dégèle la prod" a rollback), a
// subject without article still locked ("Safari bloque les cookies en
// prod"), an order after the statement was lost ("ça bloque tout donc on
// bloque tout", "là on bloque tout"); a pre-release's short name was
// planned for later, in someone's words or refused ("rc3 tomorrow", "Paul
// meant rc3", "no rc3"); a time was a version after "nothing to promote"
// ("la 10.30 alors"); "also remind …" asked and taken back, or quoted,
// added a reminder.
func TestSession32Attack(t *testing.T) {
	checkNoOrders(t, nil, []string{
		"la mep bloque le front en prod",
		"le déploiement bloque la prod",
		"cette mep bloque tout",
		"le back dégèle la prod",
		"la recette bloque le front en prod",
		"le rate limiter bloque le back en prod",
		"le cache bloque la prod",
		"also remind #api every monday at 10:00 to check the error budget? no, forget it",
		"\"also remind #api every monday at 10:00 to check the error budget\" is what Paul wrote",
	})
	checkNoOrders(t, rc32, []string{"rc3 tomorrow", "Paul meant rc3", "no rc3", "pas la rc3", "rc3 later"})
	nothing := []string{"promote web to prod", "Nothing runs on staging for web: nothing to promote. Name a version: \"deploy web VERSION to production\"."}
	checkNoOrders(t, nothing, []string{"la 10.30 alors"})
	checkReadings(t, []reading{
		{"là on bloque tout", nil, "command lock all=yes"},
		{"ça bloque tout donc on bloque tout", nil, "command lock all=yes"},
		{"le gel bloque tout, gèle la prod", nil, "command freeze env=production"},
		{"lock api prod: le bug bloque tout", nil, "command lock app=api env=production reason=le bug bloque tout"},
		{"le gel bloque tout, gèle la prod : incident", nil, "command freeze env=production reason=incident"},
		{"ça bloque tout, lock api prod: incident", nil, "command lock app=api env=production reason=incident"},
		{"le bug bloque tout, rollback api prod", nil, "action rollback app=api env=production"},
		{"vite bloque la prod", nil, "command lock env=production"},
		{"non, la rc3", rc32, "action deploy app=web env=staging version=4.0.0-rc3 replaces=1"},
	})
}

// TestSession32AttackB holds what the second look at the attack found:
// the freeze's noun as a subject ("le gel ne bloque pas l'api" froze the
// api, "c'est le gel qui bloque tout" froze everything), a terse order
// refused before its project ("non, pas le back en 2.5.2" planned it).
func TestSession32AttackB(t *testing.T) {
	checkNoOrders(t, nil, []string{
		"le gel ne bloque pas l'api",
		"c'est le gel qui bloque tout",
		"non, surtout pas le back en 2.5.2",
		"non, pas le back en 2.5.2",
	})
	checkReadings(t, []reading{
		{"lève le gel n°2", nil, "command unfreeze id=2"},
		{"gel de la prod", nil, "command freeze env=production"},
		{"wrong project — api 2.4.1 to staging, not web", nil, "action deploy app=api env=staging version=2.4.1"},
	})
}

// TestSession32Windows holds window questions that were not understood
// (the read sets): the day before a public holiday ("la veille d'un jour
// férié c'est à éviter aussi ?", "is the day before a bank holiday a
// no-go?"), a moment asked with "on peut" or "on a le droit".
func TestSession32Windows(t *testing.T) {
	checkReadings(t, []reading{
		{"la veille d'un jour férié c'est à éviter aussi ?", nil, "question orchestrator"},
		{"pourquoi on évite les veilles de jours fériés ?", nil, "question orchestrator"},
		{"is the day before a bank holiday a no-go?", nil, "question orchestrator"},
		{"jeudi soir 19h on peut ou pas ?", nil, "question orchestrator"},
		{"le 1er mai à 10h on a le droit ?", nil, "question orchestrator"},
		{"on peut se voir jeudi 19h ?", nil, "unknown"},
		{"c'est qui le père Noël ?", nil, "unknown"},
	})
}

// TestSession32Absence holds a person away asked about (the read sets):
// "what happens if carol is on holiday?" went to the rollback card once
// "holiday" was a word of the domain.
func TestSession32Absence(t *testing.T) {
	checkReadings(t, []reading{
		{"what happens if carol is on holiday?", nil, "question orchestrator"},
		{"not rolling back the front until Carol's back from holiday, too risky without her", nil, "question rollback"},
	})
}

// TestSession32AttackC holds the second attack on the session's rules: a
// pre-release named twice ("rc3 rc3") rewrote itself without end (the
// parser hung and grew to gigabytes); "ok, là gèle tout" confirmed the
// plan waiting (its "là", folded "la", read as an article and subject);
// the clause left after a lock's statement planned what it reported ("la
// mep bloque le front, deploy annulé"); a lock verb negated by "ne" or
// after "au lieu de" unfroze everything; an urgency lead before
// someone's deed, a quote or "mais pas en prod" planned a deploy; a
// pre-release's short name negated, in someone's words or addressed
// elsewhere was planned.
func TestSession32AttackC(t *testing.T) {
	checkNoOrders(t, rc32, []string{"rc3 rc3", "rc3, rc3", "correction: rc3 rc3", "rc3 or rc4", "I didn't mean rc3", "nobody meant rc3", "rc3 no",
		"he meant rc3", "@carol rc3", "rc3 @paul", "typo in rc3", "correction: no 4.0.1"})
	checkNoOrders(t, nil, []string{
		"la mep bloque le front, deploy annulé",
		"ce fix débloque la prod, rollback annulé",
		"la mep bloque le front, déploiement du site en prod repoussé",
		"le bug bloque tout, rollback api prod raté",
		"le cache bloque la prod, Paul fait un rollback web prod",
		"le gel bloque tout tant qu'on ne dégèle pas la prod",
		"le gel bloque tout, au lieu de dégeler la prod",
	})
	checkNoOrders(t, refused32, []string{"c'est une vraie urgence, Marie le déploie", "c'est une vraie urgence, déploie-le mais pas en prod",
		"\"c'est une vraie urgence, déploie-le avec --force\"", "> c'est une vraie urgence, déploie-le"})
	checkNoOrders(t, laterEn32, []string{"bon ben déploie maintenant alors mais pas en prod", "\"bon ben déploie maintenant alors\""})
	checkReadings(t, []reading{
		{"ok, là gèle tout", rc32, "command freeze all=yes"},
		{"ok, là dégèle tout", rb32, "command unfreeze all=yes"},
		{"hop bloque tout", nil, "command lock all=yes"},
		{"là bloque la prod", nil, "command lock env=production"},
		{"make it rc3", rc32, "action deploy app=web env=staging version=4.0.0-rc3 replaces=1"},
		{"c'est urgent, déploie-le", refused32, "action deploy app=web env=production version=3.0.4"},
	})
}

// TestSession32AttackD holds the third attack on the session's rules: a
// lock's statement beside a yes confirmed the plan waiting ("le cache
// bloque la prod, oui"); the clause after the statement was read as an
// unlock or an unfreeze nobody ordered ("impossible de débloquer la prod",
// "avant de dégeler la prod", "unlock prod not needed"), or as an order it
// reported ("rollback api prod pas utile", "déploiement web prod refusé",
// "~~rollback api prod~~"); a dotted pre-release's "." ended its clause
// ("beta.2 no"); an urgency lead addressed to someone, a schedule's "now"
// with a no, a condition or a joke planned a deploy; "ok, ok, …, deploy
// web 3.0.1 to prod" took seconds (each clause read its tail twice).
func TestSession32AttackD(t *testing.T) {
	dep := []string{"deploy web 3.0.5 to prod", "Deploy web 3.0.5 → production (#2)\nRules:\n✅ ok\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	beta := []string{"deploy web 4.0.0-beta.1 to stg", "Deploy web 4.0.0-beta.1 → staging (#1)\nRules:\n✅ no rule applies to this environment\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkNoOrders(t, rb32, []string{"le cache bloque la prod, oui"})
	checkNoOrders(t, dep, []string{"oui, le cache dégèle la prod", "ok, le cache débloque la prod"})
	checkNoOrders(t, nil, []string{
		"ça bloque tout, impossible de débloquer la prod",
		"la mep bloque le front. après avoir débloqué la prod",
		"le cache bloque la prod, avant de dégeler la prod",
		"ça bloque tout, unlock prod not needed",
		"ça bloque tout, unlock prod by Paul",
		"ça bloque tout : rollback api prod pas utile",
		"ça bloque tout, ~~rollback api prod~~",
		"ça bloque tout : rollback api prod, il s'en occupe",
		"ça bloque tout : déploiement web prod refusé",
		"ça bloque tout, rollback api prod, je sais pas",
		"ça aussi dégèle la prod",
		"la mise en prod du front dégèle la prod",
		"tout dégèle",
	})
	checkNoOrders(t, beta, []string{"beta.2 no", "beta.2 for api", "beta.2 confirmed"})
	checkNoOrders(t, refused32, []string{"@paul c'est urgent, déploie-le", "c'est urgent, `déploie-le`"})
	checkNoOrders(t, laterEn32, []string{"ok deploy now no", "ok deploy now once tests pass", "bon ben déploie maintenant alors 😂", "`well deploy now then`"})
	checkReadings(t, []reading{
		{strings.Repeat("ok, ", 40) + "deploy web 3.0.1 to prod", nil, "action deploy app=web env=production version=3.0.1"},
		{strings.Repeat("no, ", 40) + "deploy web 3.0.1 to prod", nil, "action deploy app=web env=production version=3.0.1"},
		{strings.Repeat("ok. ", 40) + "deploy web 3.0.1 to prod", nil, "action deploy app=web env=production version=3.0.1"},
		{strings.Repeat("merci, ", 40) + "deploy web 3.0.1 to prod", nil, "action deploy app=web env=production version=3.0.1"},
		{"ok dégèle tout", nil, "command unfreeze all=yes"},
	})
}
