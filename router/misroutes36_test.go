package router_test

import "testing"

// Histories of session 36's readings: the bot's own words.
var (
	planAPI36    = []string{"deploy api v1.4.0 to staging", "Deploy api v1.4.0 → staging (#1)\nRules:\n⚠️ the target is not healthy before deploying\n\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").\n(answer \"yes\" or \"no\")"}
	planBack36   = []string{"déploie le back en 2.11.0 en staging", "Déploiement api 2.11.0 → staging (#1)\nRègles :\n✅ aucune règle ne s'applique à cet environnement\n\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »).\n(répondez « oui » ou « non »)"}
	envAsked36   = []string{"deploy api v4.0.0", "Which environment for the deploy of api v4.0.0? staging, production, uat, qa, demo, preview or sandbox."}
	envAskedFr36 = []string{"tu peux déployer le front en 1.5.0 ?", "Sur quel environnement pour le déploiement de web 1.5.0 ? staging ou production."}
	envAskedWeb  = []string{"deploy web v2.3.1", "Which environment for the deploy of web v2.3.1? staging or production."}
	verAsked36   = []string{"deploy api to production", "Which version of api for production? I never guess one, and I cannot tell the latest here (its executor could not find it): name a tag, a release or a commit. Nothing ran."}
	verAskedFr36 = []string{"passe le site en prod, la version de la preprod", "Quelle version de web pour production ? Je ne devine jamais une version, et je ne connais pas la dernière ici (son exécuteur n'a pas de « resolve ») : nommez un tag, une release ou un commit. Rien n'a été lancé."}
	verAskedStg  = []string{"mets le site en recette", "Quelle version de web pour staging ? Je ne devine jamais une version, et je ne connais pas la dernière ici (son exécuteur n'a pas de « resolve ») : nommez un tag, une release ou un commit. Rien n'a été lancé."}
)

// TestSession36Yes holds yeses to a plan said in other words than the
// bot's list knew (holdout64: "oké go", "yes sir", "affirmative 🫡",
// "yes — all checklist items are done" were not understood), and noes
// ("scratch that"). An acknowledgement stays none ("oke thanks").
func TestSession36Yes(t *testing.T) {
	checkReadings(t, []reading{
		{"oké go", planBack36, "command confirm id=1"},
		{"yes sir", planAPI36, "command confirm id=1"},
		{"oui chef", planBack36, "command confirm id=1"},
		{"affirmative 🫡", planAPI36, "command confirm id=1"},
		{"roger that", planAPI36, "command confirm id=1"},
		{"yes — all checklist items are done", planAPI36, "command confirm id=1"},
		{"scratch that", planAPI36, "command cancel decline=yes id=1"},
		{"oublie ça", planBack36, "command cancel decline=yes id=1"},
		{"no sir", planAPI36, "command cancel decline=yes id=1"},
		{"oke thanks", planAPI36, "unknown"},
		{"yes sir, but wait", planAPI36, "unknown"},
		{"🫡", planAPI36, "smalltalk"},
	})
}

// TestSession36VersionChanged holds changes of a plan's version said with
// why, or described before they are written (holdout64: "non, la 2.11.1,
// j'ai retaggé ce matin", "actually v1.4.1, I just tagged a fix", "ah non
// : la rc.2, v3.0.0-rc.2", "non, le commit d'après : b2c3d4e").
func TestSession36VersionChanged(t *testing.T) {
	checkReadings(t, []reading{
		{"non, la 2.11.1, j'ai retaggé ce matin", planBack36, "action deploy app=api env=staging version=2.11.1 replaces=1"},
		{"actually v1.4.1, I just tagged a fix", planAPI36, "action deploy app=api env=staging version=v1.4.1 replaces=1"},
		{"no, v1.4.1, I just fixed the typo", planAPI36, "action deploy app=api env=staging version=v1.4.1 replaces=1"},
		{"ah non : la rc.2, 2.11.1-rc.2", planBack36, "action deploy app=api env=staging version=2.11.1-rc.2 replaces=1"},
		{"attends, plutôt la rc.5 : 2.11.1-rc.5", planBack36, "action deploy app=api env=staging version=2.11.1-rc.5 replaces=1"},
		{"non, le commit d'après : b2c3d4e", planBack36, "action deploy app=api env=staging version=b2c3d4e replaces=1"},
		{"no, the next build: v1.4.1", planAPI36, "action deploy app=api env=staging version=v1.4.1 replaces=1"},
		{"no, the next build: v1.4.1 or v1.4.2", planAPI36, "command cancel decline=yes id=1"},
		{"no, maybe the next build: v1.4.1", planAPI36, "command cancel decline=yes id=1"},
		{"actually v1.4.1, I just tagged it but not tested", planAPI36, "question staging"},
		{"no, bob's: v1.4.1", planAPI36, "command cancel decline=yes id=1"},
	})
}

// TestSession36SlotAnswers holds answers to the bot's question of an
// environment or a version that say why beside it (holdout64: "prod, the
// window is fine", "prod, le client a déjà validé", "staging — it's an RC,
// it's not going anywhere near prod", "staging, but make it v2.3.2
// actually", "the one that's on staging", "whatever staging is running",
// "alors la 3.0.0, c'est celle validée en recette", "mets la même que sur
// la prod, la 5.4.0"). What is fine must be something else than the
// target; "already" must go with a validation.
func TestSession36SlotAnswers(t *testing.T) {
	checkReadings(t, []reading{
		{"prod, the window is fine", envAsked36, "action deploy app=api env=production version=v4.0.0"},
		{"prod, le client a déjà validé", envAskedFr36, "action deploy app=web env=production version=1.5.0"},
		{"prod, déjà validé", envAskedFr36, "action deploy app=web env=production version=1.5.0"},
		{"prod, already tested on staging", envAsked36, "action deploy app=api env=production version=v4.0.0"},
		{"staging — it's an RC, it's not going anywhere near prod", envAsked36, "action deploy app=api env=staging version=v4.0.0"},
		{"staging, but make it v2.3.2 actually", envAskedWeb, "action deploy app=web env=staging version=v2.3.2"},
		{"prod, mais plutôt la 2.4.1", envAskedWeb, "action deploy app=web env=production version=2.4.1"},
		{"the one that's on staging", verAsked36, "action deploy app=api env=production from=staging"},
		{"whatever staging is running", verAsked36, "action deploy app=api env=production from=staging"},
		{"what staging runs", verAsked36, "action deploy app=api env=production from=staging"},
		{"ce qui tourne en recette", verAskedFr36, "action deploy app=web env=production from=staging"},
		{"alors la 3.0.0, c'est celle validée en recette", verAskedFr36, "action deploy app=web env=production version=3.0.0"},
		{"mets la même que sur la prod, la 5.4.0", verAskedStg, "action deploy app=web env=staging version=5.4.0"},
		{"la même que sur la prod", verAskedStg, "action deploy app=web env=staging from=production"},
		// not answers
		{"prod is fine", envAsked36, "unknown"},
		{"prod, déjà fait", envAskedFr36, "unknown"},
		{"anywhere near prod", envAsked36, "unknown"},
		{"staging, but maybe v2.3.2", envAskedWeb, "unknown"},
		{"staging, make it v2.3.2 or v2.3.3", envAskedWeb, "unknown"},
		{"alors la 3.0.0, c'est celle qui a cassé la recette", verAskedFr36, "unknown"},
		{"whatever staging is running?", verAsked36, "question staging"},
	})
}

// TestSession36Told holds plans and events told, no order (holdout64: "je
// pensais rollback l'api en preprod mais finalement on corrige en avant"
// rolled api's staging back; "Karim va geler la prod vendredi pour
// l'audit" read the audit trail).
func TestSession36Told(t *testing.T) {
	checkReadings(t, []reading{
		{"je pensais rollback l'api en preprod mais finalement on corrige en avant", nil, "question rollback"},
		{"I planned to roll back web on staging but we fixed forward", nil, "question rollback"},
		{"on prévoyait de déployer le site en prod demain", nil, "question production"},
		{"Karim va geler la prod vendredi pour l'audit", nil, "question orchestrator"},
		{"audit pour l'api", nil, "command audit app=api"},
		{"gèle la prod pour l'audit", nil, "command freeze env=production"},
	})
}

// TestSession36ReadyFix holds an order on "it" after a person's line that
// says a fix of a project is ready: the project, never the version (the
// bot asks it). The route the topic model gave that line had carried the
// project, and a new model lost it. Not a changelog, another product's
// build or a build with failures.
func TestSession36ReadyFix(t *testing.T) {
	checkReadings(t, []reading{
		{"envoie-le en prod", []string{"le correctif de la 2.18.0 de l'api est prêt"}, "action deploy app=api env=production"},
		{"deploy it to prod", []string{"hotfix for api 2.18.0 is ready"}, "action deploy app=api env=production"},
		{"envoie-la en staging", []string{"le changelog de l'api 2.18.1 est validé"}, "action deploy env=staging"},
		{"envoie-la en staging", []string{"la 2.18.1 de l'api est taguée, 3 tests en échec"}, "action deploy env=staging"},
		{"deploy it to prod", []string{"the payments backend 1.4.0 is tagged"}, "action deploy env=production"},
	})
}
