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
		{"roger that", planAPI36, "unknown"}, // "roger" may be a name: "roger, go" (the attack)
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

// TestSession36Pick holds orders picked from a message the bot refused
// for giving several (holdout64: "d'accord, juste le site en staging pour
// l'instant", "ok, l'api en prod d'abord"), an order after news
// ("c'était une news. par contre mets-la en recette stp", "it's news. but
// now promote it to prod please"), a told order given now ("ok, alors
// déploie-la maintenant" after the bot refused to schedule it), a read
// asked first, a reminder deleted by its number after the list, and an
// order after the writer's own yes and a colon ("yeah that: roll back web
// on staging", "bon, c'est le cas là : rollback du site en prod").
func TestSession36Pick(t *testing.T) {
	several := []string{"déploie le site en staging et l’api en prod", "Je ne lance rien : ce message donne plusieurs ordres. Envoyez-les un par un (un déploiement, un rollback ou un verrou par message), chacun avec son projet et son environnement."}
	severalEn := []string{"deploy web 1.2.0 to staging and api 2.0.0 to production", "I ran nothing: this message gives several orders. Send them one at a time (one deploy, rollback or lock per message), each with its project and environment."}
	newsFr := []string{"web 1.0.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 1.0.0 to production »."}
	newsEn := []string{"api 2.4.0 on staging since monday", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy api 2.4.0 to staging\"."}
	later := []string{"déploie le front en 3.4.0 en prod vendredi à 17h", "Je ne programme pas d'ordre : rien n'est lancé. Donnez-le au moment voulu, je préparerai le plan alors.\nvendredi 20/02 17:00 CET : ❌ à éviter — vendredi après-midi et week-end : personne pour réagir en cas de problème. Pas de mise en production.\nProchain créneau recommandé : mardi 24/02 10:00 CET"}
	reminders := []string{"rappels", "Rappels\nAucun rappel créé par chat pour l'instant. Par exemple : « rappelle à #deploys chaque mardi à 9h30 de vérifier le staging ».\n(Les rappels intégrés (fenêtres, jours fériés, gels) et ceux de la configuration : deploybot reminders list.)"}
	freeze := []string{"freeze web", "Give a reason to freeze web until lifted: \"freeze web: client audit\", or answer with the reason; with an end: \"freeze web until 24/12: client audit\"."}
	checkReadings(t, []reading{
		{"d'accord, juste le site en staging pour l'instant", several, "action deploy app=web env=staging"},
		{"ok, l'api en prod d'abord", several, "action deploy app=api env=production"},
		{"just web first", severalEn, "action deploy app=web env=staging version=1.2.0"},
		{"c'était une news. par contre mets-la en recette stp", newsFr, "action deploy app=web env=staging version=1.0.0"},
		{"it's news. but now promote it to prod please", newsEn, "action deploy app=api env=production from=staging"},
		{"ok, alors déploie-la maintenant", later, "action deploy app=web env=production version=3.4.0"},
		{"hmm, list freezes first", freeze, "command list what=freezes"},
		{"status first", nil, "command status"},
		{"supprime le 1", reminders, "command reminders id=1 op=delete"},
		{"delete #2 please", reminders, "command reminders id=2 op=delete"},
		{"yeah that: roll back web on staging", nil, "action rollback app=web env=staging"},
		{"bon, c'est le cas là : rollback du site en prod", nil, "action rollback app=web env=production"},
		{"oui c'est le cas : rollback du site en prod", nil, "action rollback app=web env=production"},
	})
	for _, tc := range []struct {
		h     []string
		texts []string
	}{
		{several, []string{"pas l'api", "tout sauf l'api", "web lol"}},
		{severalEn, []string{"ok api then web", "api and web", "web, but tomorrow", "not api", "no, api"}},
		{newsEn, []string{"it's news. but deploy it to prod tomorrow", "it's news. but maybe deploy it to prod", "just news, but bob will deploy it to prod", "it's news. but don't deploy it"}},
		{later, []string{"déploie-la mardi"}},
		{reminders, []string{"ne supprime pas le 1", "supprime le 1 demain"}},
		{nil, []string{"bob said that: roll back web on staging", "si c'est le cas : rollback du site en prod", "test message: roll back web on staging", "jenkins: approve 12"}},
	} {
		checkNoOrders(t, tc.h, tc.texts)
	}
}

// TestSession36AttackA holds what the attack of the session's first rules
// found (8,000 probes): reasons after an environment that doubt, delay,
// ask, report a failure or hand the answer on ("prod, the window is fine
// I think", "prod, but the tests are red", "prod, the client said no":
// the last two planned production in the session-start binary too); a
// version told of in the reason ("le client a déjà validé la 1.4.0"); the
// environment named only to rule it out ("it's an RC, it's not going
// anywhere near prod" planned production); "but make it vX" after an
// environment that is no plain answer; questions without their mark after
// a plan ("ok is that it", "yes are all checklist items done"); "roger" a
// name; a new version with a doubt or a denial in its account, or with
// "keep" the old one; a described version that contradicts the one
// written; the version's reference taken for the target ("mets la même
// que sur la prod, la 5.4.0 ?" planned production in both binaries);
// plans told in more words ("je pensais faire un rollback de l'api en
// preprod" rolled api back in both); a fix said ready tomorrow or not
// ready lending its project. Each reads now as no order.
func TestSession36AttackA(t *testing.T) {
	cases := []struct {
		h     []string
		texts []string
	}{
		{envAsked36, []string{"prod, is the window fine", "prod, the window is fine I think", "prod, the window is fine tomorrow",
			"prod, the window is fine, but the tests are red", "prod, the db is fine but the window isn't", "prod, the window is fine lol no",
			"prod, CI is fine but the client said no", "prod, but the tests are red", "prod, the client said no",
			"prod, already tested and it failed", "prod, already tested (not really)", "prod, already tested, waiting on Paul",
			"prod, already tested on staging @paul", "prod, already tested on staging, I think", "prod, maybe, already tested on staging",
			"prod, already tested on staging last week with v3.9.0", "it's an RC, it's not going anywhere near prod",
			"prod — it's an RC, it's not going anywhere near prod", "prod, it's not going anywhere near prod",
			"no prod, but make it v2.3.2", "prod I guess, but make it v2.3.2 actually", "prod eventually, but make it v2.3.2 actually",
			"@paul prod, but make it v2.3.2 actually", "staging and prod, but make it v2.3.2 actually", "nowhere, but make it v2.3.2 actually",
			"prod, the window is fine, but staging", "prod, CI is fine next week", "prod, already tested ;)"}},
		{envAskedFr36, []string{"prod, le client n'a pas déjà validé", "prod, le client a déjà validé je crois", "prod, le client a déjà validé mdr non",
			"prod, la base est ok mais la CI est rouge", "prod, déjà testé mais ça plante", "prod, le client a déjà validé la 1.4.0",
			"prod, déjà validé, enfin presque", "prod, déjà validé, à moitié", "prod, déjà validé, Paul confirmera", "prod, la recette est ok mais attends"}},
		{planAPI36, []string{"ok is that it", "yes are all checklist items done", "roger, are all items done", "roger that, is that all",
			"roger, go", "go roger", "roger is done", "actually v1.4.1, I just tagged a fix, but keep v1.4.0 for now",
			"actually v1.4.1, I fixed it 🤔", "actually v1.4.1, I fixed it hopefully", "actually v1.4.1, I fixed it @paul",
			"actually v1.4.1, I just tagged a broken fix", "actually v1.4.1, I fixed nothing", "actually v1.4.1, I tagged it by accident",
			"actually v1.4.1, I fixed it :thinking_face:", "no, the next build: v1.3.0"}},
		{planBack36, []string{"non, la 2.11.1, j'ai corrigé 🤔", "non, la 2.11.1, j'ai corrigé normalement", "non, la 2.11.1, j'ai retaggé ce matin @paul",
			"ah non : la rc.3, 2.11.1-rc.2", "non, la suivante : 2.10.0", "non, la 2.11.1, j'ai corrigé rien du tout"}},
		{verAsked36, []string{"what staging is on", "what staging has now", "hmm 3.0.0, the one validated on staging"}},
		{verAskedStg, []string{"mets la même que sur la prod, la 5.4.0 ?", "mets la même que sur la prod, la 5.4.0 peut-être",
			"mets la même que sur la prod, la 5.4.0, en prod"}},
		{nil, []string{"je pensais faire un rollback de l'api en preprod", "je prévoyais de rollback l'api en preprod",
			"j'envisageais de rollback l'api en preprod", "I thought about rolling back web in prod"}},
	}
	for _, tc := range cases {
		checkNoOrders(t, tc.h, tc.texts)
	}
	checkReadings(t, []reading{
		{"envoie-le en prod", []string{"le correctif de la 2.18.0 de l'api sera prêt demain"}, "action deploy env=production"},
		// (The session-start binary too: the incident carry lends the
		// project of a line the topic model routes to the rollback; the
		// bot asks the version.)
		{"envoie-le en prod", []string{"hotfix for api 2.18.0 is not ready"}, "action deploy app=api env=production"},
		{"prod, not tested on staging", envAsked36, "action deploy app=api env=production from=staging"},
		{"the planned rollback of web: go ahead in prod", nil, "action rollback app=web env=production"},
		{"mets la même que sur la prod, la 5.4.0", verAskedStg, "action deploy app=web env=staging version=5.4.0"},
		// What the doubts must not take: urgency, a laugh in the reason, a
		// told moment, a fault told for a rollback, a version given.
		{"live, the client is waiting", []string{"deploy api 2.0.4", "Which environment? staging or production"}, "action deploy app=api env=production version=2.0.4"},
		{"production, le client a validé la recette hier", []string{"déploie api 2.9.0", "Quel environnement ?"}, "action deploy app=api env=production version=2.9.0"},
		{"prod, vite 🔥", []string{"rollback du site", "Quel environnement ?"}, "action rollback app=web env=production"},
		{"production, where else 😬", []string{"the api is throwing 502s, roll it back", "Which environment: staging or production?"}, "action rollback app=api env=production"},
		{"la prod, et reviens sur la 2.3.0 stp", []string{"rollback api", "Quel environnement ?"}, "action rollback app=api env=production version=2.3.0"},
		{"staging — oh and it's 3.1.1 not 3.1.0", []string{"deploy web 3.1.0", "Which environment for the deploy of web 3.1.0? staging or production."}, "action deploy app=web env=staging version=3.1.1"},
		{"staging, then we'll see", []string{"roll back backend to 1.7.9", "Which environment for the rollback of api 1.7.9? staging, production, uat, qa, demo, preview or sandbox."}, "action rollback app=api env=staging version=1.7.9"},
		{"yes, checklist is all good", planAPI36, "command confirm id=1"},
		{"staging, la démo est demain", []string{"déploie l'api 2.14.1", "Quel environnement pour le déploiement de api 2.14.1 ? staging ou production."}, "action deploy app=api env=staging version=2.14.1"},
	})
}

// TestSession36AttackB holds what the attack of the second commit found
// (2,550 probes): after the refusal of several orders, a question or a
// report that names one ("why api", "api crashed", "what's on prod"), a
// "do it", or a pick among orders that were hedged ("…, but not before
// 5pm", "…, je crois") or held a lock planned a deploy; after "News or an
// order?", an order with a doubt or another environment after it; a
// yes pointing at the bot's suggestion, asked or sent to someone; a case
// asked, denied or hedged before the colon. Each gives no order now; the
// plain reasons the first attack's doubts had refused answer again.
func TestSession36AttackB(t *testing.T) {
	severalEn := []string{"deploy web 1.2.0 to staging and api 2.0.0 to production", "I ran nothing: this message gives several orders. Send them one at a time (one deploy, rollback or lock per message), each with its project and environment."}
	severalFr := []string{"déploie le site en staging et l’api en prod", "Je ne lance rien : ce message donne plusieurs ordres. Envoyez-les un par un (un déploiement, un rollback ou un verrou par message), chacun avec son projet et son environnement."}
	refusal := severalEn[1]
	newsFr := []string{"web 1.0.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy web 1.0.0 to production »."}
	sug := []string{"rolbak webb stagign", "I'm not sure what you mean. I have no precise answer to that.\n(answer \"rollback web on staging\", \"status web\" or \"history web\")"}
	for _, tc := range []struct {
		h     []string
		texts []string
	}{
		{severalEn, []string{"what's on prod", "why api", "which api", "api crashed", "api bug", "api down", "api deployed on prod", "what's on staging",
			"web on staging works"}},
		{severalFr, []string{"pourquoi l'api", "quand l'api en prod", "l'api plante", "la prod plante", "le site en staging plante", "quel site"}},
		{[]string{"deploy web to staging and api to prod, but not before 5pm", refusal}, []string{"api first"}},
		{[]string{"deploy web to staging and api to prod, maybe", refusal}, []string{"api first"}},
		{[]string{"déploie le site en staging et l'api en prod, je crois", severalFr[1]}, []string{"l'api d'abord"}},
		{[]string{"deploy web to staging and lock prod", refusal}, []string{"prod first"}},
		{newsFr, []string{"c'était une news. par contre mets-la en recette, je crois", "c'était une news. par contre mets-la en recette, la CI est rouge"}},
		// (After the English news, the promotion said with a doubt is still
		// read as a promotion of no project, in the session-start binary
		// too: the bot asks which project.)
		{sug, []string{"yeah that: roll back web on staging?", "yeah that: roll back web on staging @paul"}},
		{nil, []string{"est-ce que c'est le cas : rollback du site en prod", "c'est le cas : rollback du site en prod, je crois"}},
		{envAsked36, []string{"prod but the tests are red, I think"}},
	} {
		checkNoOrders(t, tc.h, tc.texts)
	}
	checkReadings(t, []reading{
		// A yes there confirms nothing ("Nothing here waits for your
		// confirmation"); it took the first order's project.
		{"do it", severalEn, "command confirm"},
		{"ok go ahead", severalEn, "command confirm"},
		{"prod, bien sûr", envAsked36, "action deploy app=api env=production version=v4.0.0"},
		{"prod, but quickly", envAsked36, "action deploy app=api env=production version=v4.0.0"},
		{"prod, paul said it's urgent", envAsked36, "action deploy app=api env=production version=v4.0.0"},
		{"prod, the client is waiting on us", envAsked36, "action deploy app=api env=production version=v4.0.0"},
		{"staging, it fixes the login crash", envAsked36, "action deploy app=api env=staging version=v4.0.0"},
		{"prod, apparently it's down", []string{"rollback web", "Which environment for the rollback of web? staging, production, uat, qa, demo, preview or sandbox."}, "action rollback app=web env=production"},
		{"prod, mais vite", []string{"rollback web", "Which environment for the rollback of web? staging, production, uat, qa, demo, preview or sandbox."}, "action rollback app=web env=production"},
		{"pas en prod, on sait jamais", []string{"déploie le front", "Sur quel environnement pour le déploiement de web ? staging ou production."}, "action deploy app=web env=staging"},
	})
}

// TestSession36Commands holds holdout64's commands: the releases' history
// ("historique des MEP de l'api" is production's), a lock on "it" after
// the person's order and the bot's reply naming its project and
// environment, an interview's answer after the agency's first question
// (its scope), a command said "now" or "first".
func TestSession36Commands(t *testing.T) {
	refused := []string{"rollback api staging", "❌ no earlier good version of api on staging to roll back to (a good version succeeded there and was not rolled back since): nothing ran"}
	interview := []string{"interview", "Let's set up the agency's conventions. Answer freely or with a number; \"skip\" to skip a question, \"stop\" to continue later.\n\nQuestion 1/5 — Which default deployment strategy does the agency use?\n  1. recreate\n  2. rolling\n  3. blue-green\n  4. canary"}
	checkReadings(t, []reading{
		{"historique des MEP de l'api", nil, "command history app=api env=production"},
		{"history of web go-lives", nil, "command history app=web env=production"},
		{"ok then lock it: broken build", refused, "command lock app=api env=staging reason=broken build"},
		{"verrouille-le : build cassé", refused, "command lock app=api env=staging reason=build cassé"},
		{"2", interview, "command interview scope=agency"},
		{"canary", interview, "command interview scope=agency"},
		{"configure le projet web maintenant", nil, "command interview app=web scope=project"},
		{"status now", nil, "command status"},
	})
	checkNoOrders(t, refused, []string{"don't lock it", "lock it tomorrow", "should I lock it?"})
}
