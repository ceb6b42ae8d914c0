package router_test

import (
	"context"
	"testing"

	"deploybot"
)

// TestSession27Needs holds an order said as a need of its noun (holdout51,
// once read): "I need a rollback", "j'ai besoin d'un rollback du site en
// prod" were questions (the bot answered it had no precise answer). A
// need asked, conditioned, denied or of another noun stays talk.
func TestSession27Needs(t *testing.T) {
	checkReadings(t, []reading{
		// Without a project, a need stays talk: "I need a deploy, @bob"
		// was the yes of the plan waiting (TestAttackSession27b).
		{"j'ai besoin d'un rollback", nil, "question rollback"},
		{"I need a rollback", nil, "question rollback"},
		{"il faut faire un rollback du site", nil, "action rollback app=web"},
		{"on a besoin d'un rollback sur l'api", nil, "action rollback app=api"},
		{"j'ai besoin d'un rollback du site en prod", nil, "action rollback app=web env=production"},
		{"we need a rollback on web production", nil, "action rollback app=web env=production"},
		{"do I need a rollback?", nil, "question rollback"},
		{"I need a rollback plan for the migration", nil, "question rollback"},
		{"I don't need a rollback", nil, "question rollback"},
		{"il faut un rollback si ça casse", nil, "question rollback"},
		{"I need a rollback if it breaks", nil, "question rollback"},
	})
}

// TestSession27Picks holds an option picked by its rank in the bot's
// question ("Which environment for the deploy of api 1.3.0? staging or
// production.", "Quel projet ? api (backend) ou web (site, front)"): "the
// first one", "la deuxième", "le 2e", "the last one" were not understood.
func TestSession27Picks(t *testing.T) {
	envEn := []string{"deploy backend 1.3.0", "Which environment for the deploy of api 1.3.0? staging or production."}
	envFr := []string{"déploie web v2.2.0", "Quel environnement pour le déploiement de web v2.2.0 ? staging ou production."}
	checkReadings(t, []reading{
		{"the first one", envEn, "action deploy app=api env=staging version=1.3.0"},
		{"the last one", envEn, "action deploy app=api env=production version=1.3.0"},
		{"la deuxième", envFr, "action deploy app=web env=production version=v2.2.0"},
		{"la deuxième stp", envFr, "action deploy app=web env=production version=v2.2.0"},
		{"le 2e", []string{"statut", "Quel projet ? api (backend) ou web (site, front)"}, "command status app=web"},
		{"le premier", []string{"rollback stp", "Quel projet pour le rollback ? Je connais : api, web."}, "action rollback app=api"},
		{"the first one?", envEn, "unknown"},
		{"the first one is broken", envEn, "unknown"},
		{"the fourth", envEn, "unknown"},
		{"the first one", []string{"what's a canary?", "Canary: a new version gets a small share of the traffic first."}, "unknown"},
	})
}

// TestSession27Redo holds an order asked again after it failed, expired
// or was refused: "retry", "relance-le", "redo it, I was in a meeting"
// were not understood. The chat keeps the order, not the report of its
// run; the same order is a new plan to confirm. Never while a plan waits
// for its yes, nor after a question, nor negated or asked.
func TestSession27Redo(t *testing.T) {
	failed := []string{"deploy web 2.7.0 to staging", "🚀 Deployment web 2.7.0 (#166) — Status: Failed ❌"}
	checkReadings(t, []reading{
		{"retry", failed, "action deploy app=web env=staging version=2.7.0"},
		{"try again", []string{"deploy web 2.7.0 to staging"}, "action deploy app=web env=staging version=2.7.0"},
		{"re-run it", failed, "action deploy app=web env=staging version=2.7.0"},
		{"don't try again", failed, "unknown"},
		{"relance-le", []string{"déploie api 2.9.1 en staging", "🚀 Déploiement api 2.9.1 (#165) — Statut : Échec ❌"}, "action deploy app=api env=staging version=2.9.1"},
		{"redo it", []string{"deploy api v2.6.2 to production", "the plan of deployment #167 expired: ask again"}, "action deploy app=api env=production version=v2.6.2"},
		{"redo it, I was in a meeting", []string{"deploy api v2.6.2 to production", "the plan of deployment #167 expired: ask again"}, "unknown"}, // nothing may follow (TestAttackSession27b)
		{"refais la demande stp", []string{"MEP du site 4.1.2", "le plan du déploiement #168 a expiré : redemandez"}, "action deploy app=web env=production version=4.1.2"},
		{"retry please", []string{"rollback web staging"}, "action rollback app=web env=staging"},
		{"encore une fois stp", []string{"rollback web staging"}, "unknown"}, // a sigh as often as an order
		{"retry", []string{"deploy web 2.7.0 to staging", "Deploy web 2.7.0 → staging (#1)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "unknown"},
		{"don't retry", failed, "unknown"},
		{"retry?", failed, "unknown"},
		{"retry", []string{"what's a canary?"}, "unknown"},
		{"retry", nil, "unknown"},
	})
}

// TestSession27NewsOrOrder holds the answers to the bot's "News or an
// order? … To plan it: "deploy api 2.4.0 to staging"": "yes, an order",
// "c'est un ordre, vas-y" plan that order; "just news", "juste une info"
// plan nothing.
func TestSession27NewsOrOrder(t *testing.T) {
	asked := []string{"api 2.4.0 on staging", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy api 2.4.0 to staging\"."}
	askedFr := []string{"backend v3.1.0 prod", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy api v3.1.0 to production »."}
	checkReadings(t, []reading{
		{"yes, an order", asked, "action deploy app=api env=staging version=2.4.0"},
		{"order. go ahead", asked, "action deploy app=api env=staging version=2.4.0"},
		{"c'est un ordre, vas-y", askedFr, "action deploy app=api env=production version=v3.1.0"},
		{"just news, no need to do anything", asked, "smalltalk"},
		{"juste une info", askedFr, "smalltalk"},
		{"not an order", asked, "unknown"},
		{"an order? no, news", asked, "unknown"},
	})
}

// TestSession27PromoteAfterDiff holds a promotion that names its project
// right after that project's diff: it was read as the diff again.
func TestSession27PromoteAfterDiff(t *testing.T) {
	checkReadings(t, []reading{
		{"promote web staging to production", []string{"diff web staging production", "web: staging 3.4.0 · production 3.3.2"}, "action deploy app=web env=production from=staging"},
		{"staging vs prod", []string{"diff api", "Which environments for the diff of api?"}, "command diff app=api a=staging b=production"},
	})
}

// TestSession27News holds news that was read as an order: a version told
// as running since a moment, then what is green after it ("dashboards
// green" was the version's readiness), or the client's feedback
// ("aucun retour du client": "retour" was going back).
func TestSession27News(t *testing.T) {
	checkReadings(t, []reading{
		{"site 5.2.1 live since 10:02, dashboards green 👌", nil, "question production"},
		{"backend v3.2.0 en recette depuis jeudi, aucun retour du client", nil, "question staging"},
		{"backend v3.2.0 en recette depuis jeudi, pas de retour du client", nil, "question staging"},
		{"web 4.5.2 just got tagged, ready", nil, "action deploy app=web version=4.5.2"},
		{"retour du site en 3.1.0", nil, "action rollback app=web version=3.1.0"},
		{"retour arrière sur l'api", nil, "action rollback app=api"},
	})
}

// TestSession27YesAndWhy holds a yes to a plan or a denial with why, and
// no id: "yes, it's the security fix", "oui, c'est validé par le client",
// "nope, deny — it's 5pm on a friday" were not understood. A reason that
// doubts, conditions, delays or denies the check makes no yes; an
// approval with a remark and no id stays talk (it answered colleagues'
// questions, TestAttackSession27).
func TestSession27YesAndWhy(t *testing.T) {
	plan := []string{"deploy api 2.8.2 to production", "Deploy api 2.8.2 → production (#104)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"go-live du site en v1.0.0", "Déploiement web v1.0.0 → production (#103)\nRègles :\n✅ fenêtre recommandée\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	waits := []string{"deploy web 4.1.0 to production", "Confirmed: deploy web 4.1.0 → production (#208) waits for an approval. An approver answers \"approve 208\" (or \"deny 208\")."}
	waitsFr := []string{"déploie api 2.7.0 en prod", "Confirmé : déployer api 2.7.0 → production (#60) attend une approbation. Un approbateur répond « approve 60 » (ou « deny 60 »)."}
	checkReadings(t, []reading{
		{"yes, it's the security fix", plan, "command confirm id=104"},
		{"Oui, c'est validé par le client", planFr, "command confirm id=103"},
		{"yes, it's not validated yet", plan, "question orchestrator"},
		{"oui, c'est pas encore validé", plan, "question orchestrator"},
		{"yes, it's the fix but wait for carol", plan, "unknown"},
		{"ok j'approuve, tests de charge vus", waitsFr, "question orchestrator"}, // an approval with a remark and no id stays talk (TestAttackSession27)
		{"approved, load tests look fine", waits, "question orchestrator"},
		{"approve 208, load tests look fine", waits, "command approve id=208"},
		{"nope, deny — it's 5pm on a friday", waits, "question orchestrator"}, // a denial's reason with no id stays talk (TestAttackSession27b)
		{"deny 208 — it's 5pm on a friday", waits, "command deny id=208 reason=it's 5pm on a friday"},
		{"approved, but wait for the payroll run", waits, "question orchestrator"},
		{"approve, if carol agrees", waits, "question orchestrator"}, // approving is the orchestrator's topic (SCHEMA.md); since session 33
		{"j'approuve, pas vu les tests", waits, "question orchestrator"},
	})
}

// TestSession27Promotions holds promotions said with a possessive
// ("the front's staging build") or as going there with the same version
// ("on part en prod avec la même version que la recette"): they were
// questions. Asked or negated, they stay questions.
func TestSession27Promotions(t *testing.T) {
	checkReadings(t, []reading{
		{"take the front's staging build and put it live", nil, "action deploy app=web env=production from=staging"},
		{"the front's staging build is broken", nil, "question rollback"}, // an incident told (session 35)
		{"on part en prod avec la même version que la recette pour le site", nil, "action deploy app=web env=production from=staging"},
		{"on part en prod avec la même version que la recette ?", nil, "question staging"},
		{"on ne part pas en prod avec la même version que la recette", nil, "question staging"},
	})
}

// TestSession27StrategyByValue holds a strategy set by its value alone,
// its verb first: "mets canary alors" was a deploy of nothing; right after
// the project's strategy was asked or told it is that project's, else the
// bot asks which. A pronoun, a question, a negation or a change told stay
// talk.
func TestSession27StrategyByValue(t *testing.T) {
	told := []string{"what's the strategy for web?", "The 4 deployment strategies at a glance\n…\nFor project web: strategy rolling (agency convention).\n(See also: Choosing a deployment strategy)"}
	checkReadings(t, []reading{
		{"mets canary alors", nil, "command context key=strategy scope=project value=canary what=set"},
		{"passe en blue-green", nil, "command context key=strategy scope=project value=blue-green what=set"},
		{"switch to blue-green then", told, "command context app=web key=strategy scope=project value=blue-green what=set"},
		{"switch to blue-green then", []string{"what's the strategy for api?"}, "command context app=api key=strategy scope=project value=blue-green what=set"},
		{"mets canary alors", []string{"what's the default strategy?", "The agency default strategy is rolling."}, "command context key=strategy scope=project value=canary what=set"},
		{"set it to canary", nil, "question production"},
		{"on a mis canary", nil, "question production"},
		{"mets canary ?", nil, "question production"},
		{"mets pas canary", nil, "question production"},
		{"passe en prod", nil, "action deploy env=production"},
	})
}

// TestAttackSession27 holds what an attack of the session's first
// revision found (889 probes): each message changed something the
// person did not ask for, or the wrong thing. None may now.
func TestAttackSession27(t *testing.T) {
	r := exampleRouter(t)
	noO := []string{"api 2.4.0 on staging", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy api 2.4.0 to staging\"."}
	noOFr := []string{"backend v3.1.0 prod", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy api v3.1.0 to production »."}
	w208 := []string{"deploy web 4.1.0 to production", "Confirmed: deploy web 4.1.0 → production (#208) waits for an approval. An approver answers \"approve 208\" (or \"deny 208\")."}
	p104 := []string{"deploy api 2.8.2 to production", "Deploy api 2.8.2 → production (#104)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	p103 := []string{"go-live du site en v1.0.0", "Déploiement web v1.0.0 → production (#103)\nRègles :\n✅ fenêtre recommandée\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	fail := []string{"deploy web 2.7.0 to staging", "🚀 Deployment web 2.7.0 (#166) — Status: Failed ❌"}
	failProd := []string{"deploy web 2.7.0 to production", "🚀 Deployment web 2.7.0 (#166) — Status: Failed ❌"}
	env := []string{"deploy backend 1.3.0", "Which environment for the deploy of api 1.3.0? staging or production."}
	envFr := []string{"déploie web v2.2.0", "Quel environnement pour le déploiement de web v2.2.0 ? staging ou production."}
	for _, tt := range []struct {
		text    string
		history []string
	}{
		// News or an order: a negation, a joke, both said.
		{"non, pas un ordre", noOFr}, {"c'est pas un ordre", noOFr}, {"pas d'ordre", noOFr}, {"ordre non", noOFr},
		{"no order", noO}, {"nope, no order", noO}, {"it was an order, no need to do anything", noO}, {"order 😂", noO},
		{"just an order", noO}, {"order, for your information", noO},
		// An approval with a remark and no id: another question
		// answered, a condition, a doubt, a bad sign, someone else's.
		{"approved, they loved them", append(append([]string(nil), w208...), "carol: did the client approve the mockups?")},
		{"approved, finance signed", w208}, {"approved, once the load tests are green", w208}, {"approve, after lunch", w208},
		{"j'approuve, vers 18h", w208}, {"approve, maybe", w208}, {"j'approuve, peut-être", w208}, {"approved, tests are red", w208},
		{"j'approuve, les tests ont échoué", w208}, {"approved, untested", w208}, {"approved, it's friday", w208}, {"approved, by carol", w208},
		{"approve, bob", w208}, {"did legal approve the privacy page?", nil},
		// A redo that changes its order, puts it off, doubts it, sighs,
		// quotes, or follows someone else's failure or a question.
		{"redo it, I was in a meeting, but on staging", []string{"deploy api v2.6.2 to production", "the plan of deployment #167 expired: ask again"}},
		{"retry, if the tests pass", fail}, {"retry, but tomorrow", fail}, {"relance-le, mais après la démo", fail}, {"retry, maybe", fail},
		{"retry, wait", fail}, {"again!", failProd}, {"again 😩", failProd}, {"encore une fois...", failProd}, {"again, thanks for nothing", failProd},
		{"encore une fois, merci !", []string{"deploy web 2.7.0 to staging"}}, {"rerun it, the tests", fail}, {"relance-le, le pipeline", fail},
		{"retry @bob", fail}, {"> retry", fail}, {"`retry`", fail},
		{"retry", []string{"deploy web 2.7.0 to production", "🚀 Deployment web 2.7.0 (#165) — Status: Succeeded ✅", "🚀 Deployment api 3.1.0 (#170, bob) — Status: Failed ❌"}},
		{"retry", []string{"deploy web 2.7.0 to staging", "carol: our cert #12 expired"}},
		{"retry", []string{"rollback web production?"}},
		// A rank that is no pick: hold on, a colleague's question, yes
		// or no, an emoji, a date.
		{"one second", env}, {"one second please", env}, {"second", env}, {"second, please", env}, {"seconde", envFr}, {"seconde stp", envFr},
		{"the last one", append(append([]string(nil), env...), "bob: which is riskier? staging or production")},
		{"the last one", []string{"which is riskier for api 1.3.0? staging or production"}},
		{"the first one", []string{"deploy api 1.3.0 to staging", "carol: deploy api 1.3.0 now? yes or no"}},
		{"la deuxième 😅", envFr}, {"pour le 1er", envFr},
		// A yes whose reason doubts or weighs the check.
		{"oui, c'est validé je crois", p103}, {"oui, c'est validé normalement", p103}, {"oui, c'est censé être testé", p103},
		{"yes, it's probably tested", p104}, {"yes, it's supposedly tested", p104}, {"yes, it's barely tested", p104},
		{"oui, c'est à peine testé", p103}, {"oui, c'est mal testé", p103}, {"yes, it's validated by nobody", p104},
		{"oui, c'est validé par personne", p103},
		// A need put off, joked, or of something else.
		{"we need a release of web in prod soon", nil}, {"I need a rollback 😅", nil}, {"I need the release of web in prod", nil},
		{"I need a release", nil},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if changesSomething(got) && !(got.Kind == deploybot.KindCommand && got.Command == deploybot.CmdCancel) {
			t.Errorf("%q %q: %s, want nothing changed", tt.text, tt.history, brief(got))
		}
	}
	checkReadings(t, []reading{
		// The redo keeps the order as the person gave it; a change
		// said with it is no redo.
		{"retry, but on production", fail, "action deploy app=web env=production version=2.7.0"},
		{"retry, with 2.7.1", fail, "action deploy app=web env=staging version=2.7.1"},
		// A denial stays one; one said against is no denial.
		{"nah, deny is too harsh, approve", w208, "question orchestrator"},
		{"nope, deny it later", w208, "question orchestrator"},
		// The garbled line after a diff stays the diff's follow-up.
		{"web 3.4.0 staging production", []string{"diff web staging production", "web: staging 3.4.0 · production 3.3.2"}, "command diff app=web a=staging b=production"},
		// Versions listed: "the last one" is unclear, the first one is
		// named.
		{"the last one", []string{"rollback api prod", "Roll back api production to which version? Good versions there: 3.14.1, 3.13.2."}, "unknown"},
		{"le dernier", []string{"deploy api to production", "Which version of api for production? 2.10.0, 2.9.1"}, "unknown"},
	})
}

// TestSession27ValidatedEnv holds a version told validated on its only
// environment ("api 2.4.0 validée en recette", "api 2.4.0 staging ok"): it
// planned staging, where it already runs; the bot now asks whether it is
// news or an order. With another environment after it, the reading is
// unchanged (a third attack found "… green on staging, prod later", "bob
// says …" and "… prod logs please" read as production deploys when the
// other environment was taken as the target).
func TestSession27ValidatedEnv(t *testing.T) {
	checkReadings(t, []reading{
		{"api 2.4.0 validée en recette", nil, "question staging"},
		{"api 2.4.0 staging ok", nil, "question staging"},
		{"deploy api 2.4.0 to staging, tests green on staging", nil, "action deploy app=api env=staging version=2.4.0"},
		{"staging ok, now api 2.4.2 to prod pls", nil, "action deploy app=api env=production version=2.4.2"},
	})
}

// TestSession27MetaVerbs holds a verb done to an order, not the order:
// "can you stop the deploy of api to prod?", "tu peux reporter le
// déploiement de l'api en prod ?", "simule un déploiement de l'api 1.12.0
// en prod" each planned the deploy (older; a third attack found them
// through "est-ce que tu peux …", which this session read as "tu peux …"
// in a first revision, then stopped). "annule la MEP du site, …" stays the
// undo it was.
func TestSession27MetaVerbs(t *testing.T) {
	checkReadings(t, []reading{
		{"can you stop the deploy of api to prod?", nil, "question production"},
		{"can you postpone the deploy of api to prod?", nil, "question production"},
		{"tu peux reporter le déploiement de l'api en prod ?", nil, "question production"},
		{"tu peux arrêter le déploiement de l'api en prod ?", nil, "question production"},
		{"simule un déploiement de l'api 1.12.0 en prod", nil, "question production"},
		{"tu peux vérifier le déploiement de l'api en prod ?", nil, "question production"},
		{"est-ce que tu peux m'aider à déployer l'api en prod ?", nil, "question production"},
		{"tu peux attendre avant de déployer l'api en prod ?", nil, "question production"},
		{"est-ce que tu peux déployer le backend 1.12.0 en prod ?", nil, "question production"},
		{"annule la MEP du site, remets l'ancienne version", nil, "action rollback app=web env=production"},
		{"arrête le déploiement de l'api en prod", nil, "command cancel app=api env=production"},
		{"can you halt the api deploy to prod?", nil, "question production"},
		{"pause the release of web to prod", nil, "question production"},
		{"please stop deploying api to prod", nil, "question production"},
		{"help me deploy api to prod", nil, "question production"},
		{"check the logs then deploy api to prod", nil, "action deploy app=api env=production"},
		{"tu peux déployer le backend 1.12.0 en prod ?", nil, "action deploy app=api env=production version=1.12.0"},
	})
}

// TestSession27DroppedThenOther holds an order dropped for another in
// the same message: "laisse tomber le rollback, déploie plutôt le fix
// 3.0.5 en prod" rolled back to 3.0.5. The dropped order is never run;
// the other one is not read either (a third attack found it told of
// yesterday, of a colleague, addressed to one or denied as often as
// ordered): the bot answers. An undo said as a cancel ("annule la MEP du
// site, remets l'ancienne version") keeps its reading.
func TestSession27DroppedThenOther(t *testing.T) {
	checkReadings(t, []reading{
		{"laisse tomber le rollback, déploie plutôt le fix 3.0.5 en prod", nil, "unknown"},
		{"laisse tomber le rollback, on verra pour déployer l'api en prod", nil, "unknown"},
		{"on ne déploie pas, on rollback le site en prod", nil, "question rollback"},
		{"annule la MEP du site, remets l'ancienne version", nil, "action rollback app=web env=production"},
		{"no rollback, the deploy of web 3.0.5 is fine", nil, "question rollback"},
	})
}

// TestAttackSession27b holds what a second attack (about 3,270 probes)
// found in the narrowed rules: a yes whose reason is said of the fix but
// is no fix ("the fix isn't tested"), a need with no project while a plan
// waits (it was that plan's yes), a denial's reason with no id (it
// denied a colleague's deployment instead of declining one's own plan),
// a strategy set after two projects or a colleague's question, a redo
// with anything after it or said done, a promotion told of someone else,
// put off or hedged, "is it an order", "la dernière". None may change
// anything now.
func TestAttackSession27b(t *testing.T) {
	r := exampleRouter(t)
	plan := []string{"deploy web 2.6.0 to production", "Deploy web 2.6.0 → production (#2)\nRules:\n✅ recommended window\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	fail := []string{"deploy api 2.9.1 to staging", "🚀 Deployment api 2.9.1 (#1) — Status: Failed ❌"}
	w208 := []string{"deploy web 4.1.0 to production", "Confirmed: deploy web 4.1.0 → production (#208) waits for an approval. An approver answers \"approve 208\" (or \"deny 208\")."}
	for _, tt := range []struct {
		text    string
		history []string
	}{
		{"yes, the fix isn't tested", plan}, {"oui, le fix manque", plan}, {"yes, the fix is in review", plan}, {"yes, the fix first", plan},
		{"yes, it's a temporary fix", plan}, {"oui, le correctif d'abord", plan},
		{"I need a deploy, @bob", plan}, {"we need a deploy", plan}, {"il faut un déploiement", plan}, {"I need a deploy", []string{"web staging is broken but prod is ok"}},
		{"I need a rollback, @carol", []string{"web prod is down"}},
		{"bah, refusée, ma demande de congés", nil}, {"nope, ~deny~ — it's friday but the client insists", w208},
		{"nope, deny — maybe", w208}, {"no, deny, if the client says so", w208}, {"nope, deny — it's friday lol", w208},
		{"réessayé, ça plante toujours", []string{"rollback web production"}}, {"retry, the front", fail}, {"retry, l'ancienne version", fail},
		{"relancé, pareil", fail}, {"retry: same error", fail}, {"retry, or rollback", fail}, {"retry, says the client", fail}, {"retry, --force", fail},
		{"bob took the front's staging build and put it live", nil}, {"did bob take the front's staging build and put it live", nil},
		{"on part en prod avec la même version que la recette vendredi", nil}, {"on part en prod avec la même version que la recette à 18h", nil},
		{"on part toujours en prod avec la même version que la recette", nil}, {"bob part en prod avec la même version que la recette", nil},
		{"on part en prod avec la même version que la recette, je crois", nil},
		{"is it an order", []string{"api 2.4.0 on staging", "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"deploy api 2.4.0 to staging\"."}},
		{"la dernière", []string{"rollback stp", "Quel projet pour le rollback ? Je connais : api, web."}},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if changesSomething(got) && !(got.Kind == deploybot.KindCommand && got.Command == deploybot.CmdCancel) {
			t.Errorf("%q %q: %s, want nothing changed", tt.text, tt.history, brief(got))
		}
	}
	checkReadings(t, []reading{
		// A no with a denial, one's own plan waiting: that plan declined,
		// never a colleague's deployment denied.
		{"no, deny, it's friday", []string{"deploy web 2.6.0 to production", "Deploy web 2.6.0 → production (#3)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "command cancel decline=yes id=3"},
		// A strategy after two projects asked about, or a colleague's
		// question: the bot asks which project.
		{"passe en canary", []string{"c'est quoi la strat de l'api ? et celle du site ?"}, "command context key=strategy scope=project value=canary what=set"},
		{"switch to canary", []string{"bob: what's the strategy for web?"}, "command context key=strategy scope=project value=canary what=set"},
		{"retry", fail, "action deploy app=api env=staging version=2.9.1"},
	})
}

// TestSession27StatusAsked holds the state asked in other words: "il en
// est où le déploiement du site ?", "is the api deploy done?", "le
// déploiement de l'api est fini ?", "quick status on everything pls"
// were questions answered by a card.
func TestSession27StatusAsked(t *testing.T) {
	checkReadings(t, []reading{
		{"il en est où le déploiement du site ?", nil, "command status app=web"},
		{"is the api deploy done?", nil, "command status app=api"},
		{"le déploiement de l'api est fini ?", nil, "command status app=api"},
		{"quick status on everything pls 🙏", nil, "command status"},
	})
}

// TestSession27KnowAbout holds what the bot knows of a project asked in
// so many words: its context ("qu'est-ce que tu sais du backend ?" was a
// question answered by the capabilities card).
func TestSession27KnowAbout(t *testing.T) {
	checkReadings(t, []reading{
		{"qu'est-ce que tu sais du backend ?", nil, "command context app=api what=show"},
		{"what do you know about web?", nil, "command context app=web what=show"},
		{"what do you know about canary?", nil, "question production"},
	})
}
