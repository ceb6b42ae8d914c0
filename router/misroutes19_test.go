package router_test

import (
	"context"
	"path/filepath"
	"testing"

	"deploybot/router"
)

// Session 19's readings, from holdout41 (read at the session's start, in
// other words than its own) and the attempts to get around them.

// TestCardsAndVerdictsSession19: the deployment's card without its
// environment ("🚀 Deployment web 3.8.1 (#90) ... Status: Done ✅", the
// README's) takes it from the bot's earlier line on that deployment, and
// only from the same deployment; the bare "succeeded or failed?" after
// "outcome 42" takes the verdict for 42.
func TestCardsAndVerdictsSession19(t *testing.T) {
	done := []string{"deploy web 3.8.1 to production", "Deploy web 3.8.1 → production (#90)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").",
		"yes", "Go: deploy web 3.8.1 → production (#90) started, approved by bob.", "🚀 Deployment web 3.8.1 (#90) ... Status: Done ✅"}
	other := []string{"Go: deploy web 3.8.1 → staging (#91) started, approved by bob.", "🚀 Deployment web 3.8.1 (#90) ... Status: Done ✅"}
	outcome := func(id, ask string) []string { return []string{"outcome " + id, ask} }
	checkReadings(t, []reading{
		{"rollback", done, "action rollback app=web env=production"},
		{"le checkout renvoie des 500 depuis 5 min... rollback stp", done, "action rollback app=web env=production"},
		{"roll it back", other, "action rollback"},                                                       // another deployment's line names no environment for #90
		{"roll it back", []string{"🚀 Deployment web 3.8.1 (#90) ... Status: Done ✅"}, "action rollback"}, // the bot asks where
		{"don't roll it back", done, "question rollback"},
		{"failed: 502 on checkout", outcome("42", "succeeded or failed?"), "command outcome id=42 outcome=failed reason=502 on checkout"},
		{"succeeded", outcome("47", "succeeded or failed?"), "command outcome id=47 outcome=succeeded"},
		{"échoué", outcome("48", "réussi ou échoué ?"), "command outcome id=48 outcome=failed"},
		{"ça a marché", outcome("49", "réussi ou échoué ?"), "command outcome id=49 outcome=succeeded"},
		{"je sais pas encore", outcome("49", "réussi ou échoué ?"), "unknown"},
		{"succeeded", []string{"did the deploy work?", "succeeded or failed?"}, "unknown"}, // a person's question, no outcome command before
	})
}

// TestStateAskedSession19: who approves, what is locked and why, whether
// a version is already somewhere, an audit over a month: the commands
// that read, asked in sentences.
func TestStateAskedSession19(t *testing.T) {
	checkReadings(t, []reading{
		{"any env locked right now?", nil, "command list what=locks"},
		{"who locked prod?", nil, "command list env=production what=locks"},
		{"why is the api production locked??", nil, "command status app=api env=production"},
		{"pourquoi la prod du site est gelée ?", nil, "command status app=web env=production"},
		{"why is web production locked? I just want to deploy the hotfix", nil, "question orchestrator"},
		{"why are locks needed?", nil, "question orchestrator"},
		{"est-ce que la 2.14.1 est déjà en prod ?", nil, "command status env=production"},
		{"est-ce que la v1.5.0-rc.1 de shop est deja en recette ?", nil, "question staging"}, // no project shop: not every project's staging
		{"audit du site depuis un mois", nil, "command audit app=web since=month"},
		{"audit api depuis une semaine", nil, "command audit app=api since=week"},
		{"who can approve then?", nil, "command context what=approvers"},
		{"so who approves now?", nil, "command context what=approvers"},
		{"who can approve my PR?", nil, "question orchestrator"},
		{"ça en est où ?", []string{"mets l'api en prod en v2.14.1", "Go: deploy api v2.14.1 → production (#91) started, approved by carol."},
			"command status app=api"},
	})
}

// TestNextAndSettingsSession19: what comes next after a deploy ("now
// same thing for api v2.14.1", "ok et maintenant l'api en staging") is
// that order for the other project; an audit named as a moment ("pendant
// l'audit") is no audit command; a strategy set by its value alone with
// the project named is the setting ("set it to canary" stays talk).
func TestNextAndSettingsSession19(t *testing.T) {
	deployed := []string{"deploy web 3.8.1 to production", "Deploy web 3.8.1 → production (#90) Confirm?", "yes",
		"Confirmed: deploy web 3.8.1 → production (#90) started."}
	checkReadings(t, []reading{
		{"now same thing for api v2.14.1", deployed, "action deploy app=api env=production version=v2.14.1"},
		{"ok et maintenant l'api en staging", deployed, "action deploy app=api env=staging"},
		{"go-live pour le front maintenant 🚀", nil, "action deploy app=web env=production"},
		{"@sophie peux-tu locker la prod du site pendant l'audit ?", nil, "question orchestrator"},
		{"I would have frozen prod before the audit but nobody asked me", nil, "question orchestrator"},
		{"can I see the audit for api?", nil, "command audit app=api"},
		{"set api to canary", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"passe le site en canary stp", nil, "command context app=web key=strategy scope=project value=canary what=set"},
		{"use canary for api", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"set it to blue-green then", nil, "question production"},
		{"should we set api to canary?", nil, "question production"},
		{"don't set api to canary", nil, "question production"},
		{"on passe l'api en canary la semaine prochaine", nil, "question production"},
	})
}

// TestAttack19: the first attack on this session's rules. The card's
// environment fills only a plain order for that deployment, now: not one
// to someone else, for later, for another deployment named by its number,
// nor talk about rollbacks; never from a card of a rollback or of a
// deployment that never ran. (A person's copy of the bot's "Go: …" line
// reads as the bot's: the history holds texts, not who wrote them.)
// The bare "succeeded or failed?" settles only the "outcome N" right
// before it. Why a lock, who locked: asked of now only. (A project and an
// environment said in a hurry, "web prod now", stay the model's rollback:
// read as a deploy, they turned the answer to "Which project?" after
// "rollback" into a production deploy.)
func TestAttack19(t *testing.T) {
	h := []string{"status", "Go: deploy web 3.8.1 → production (#90) started, approved by bob.", "thanks", "🚀 Deployment web 3.8.1 (#90)\nStatus: Done ✅"}
	rolledBack := []string{"status", "Go: deploy web 3.8.1 → production (#90) started, approved by bob.", "thanks",
		"🚀 Deployment web 3.8.1 (#90) (rollback of #89)\nStatus: Done ✅"}
	refused := []string{"status", "Not started: deploy web 3.8.1 → production (#90) is refused.", "thanks", "🚀 Deployment web 3.8.1 (#90)\nStatus: Done ✅"}
	checkReadings(t, []reading{
		{"rollback", h, "action rollback app=web env=production"},
		{"ça part en 502, rb !", h, "action rollback app=web env=production"},
		{"rollback to 3.8.0", h, "action rollback app=web env=production version=3.8.0"},
		{"rollback was a mistake", h, "question rollback"}, // talk of a rollback (session 21)
		{"I hate rollbacks", h, "action rollback"},
		{"rollback @bob", h, "action rollback"},
		{"rollback at noon", h, "action rollback"},
		{"rollback #89", h, "action rollback"},
		{"rollback deployment 85", h, "action rollback"},
		{"rollback", rolledBack, "action rollback"},
		{"rollback", refused, "action rollback"},
		{"failed", []string{"outcome 43", "succeeded or failed?", "sorry I meant 42", "succeeded or failed?"}, "unknown"},
		{"failed", []string{"outcome 43", "succeeded or failed?", "actually outcome 42", "succeeded or failed?"}, "unknown"},
		{"failed", []string{"outcome 43", "succeeded or failed?", "outcome 42", "succeeded or failed?"}, "command outcome id=42 outcome=failed"},
		{"web prod now", []string{"rollback", "Which project for the rollback? I know: api, web."}, "action rollback app=web env=production"},
		{"who locked prod yesterday?", nil, "question orchestrator"},
		{"any env locked yesterday?", nil, "question orchestrator"},
		{"why was the api production locked?", nil, "question orchestrator"},
		{"why is the api production always locked?", nil, "question orchestrator"},
		{"why isn't the api production locked?", nil, "question orchestrator"},
		{"why would the api production be locked?", nil, "question orchestrator"},
		{"why is prod still locked?", nil, "command status env=production"},
	})
}

// TestAnswersSession19: from holdout40, read again: an environment's
// answer that says it will be done later or by someone else orders
// nothing now; a reason's answer that names an environment's word ("démo
// client jeudi") is the reason; a change to a plan with a remark on the
// new value after it is the change; "fonce" is a yes.
func TestAnswersSession19(t *testing.T) {
	envAskedFr := []string{"déploie le site 2.4.1", "Quel environnement pour web ? staging ou production ?"}
	envAskedEn := []string{"deploy api v3.2.2", "Which environment for api? staging or production?"}
	planEn := []string{"deploy api v3.2.2 to production", "Deploy api v3.2.2 → production (#97)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"mep du site en 2.4.1", "Déployer web 2.4.1 → production (#98)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	rollbackFr := []string{"reviens à la version d'avant sur le site", "Rollback web production : 2.4.1 → 2.4.0 (#72)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"Paul m'a dit qu'il le déploierait en recette cet aprèm", envAskedFr, "unknown"},
		{"on le déploiera en prod demain matin", envAskedFr, "unknown"},
		{"we'll do prod tomorrow", envAskedEn, "unknown"},
		{"prod", envAskedEn, "action deploy app=api env=production version=v3.2.2"},
		{"démo client jeudi", []string{"verrouille le site en recette", "Raison ? (par ex. « lock web staging: incident en cours »)"},
			"command lock app=web env=staging reason=démo client jeudi"},
		{"yes but with v3.2.3, it has the migration fix", planEn, "action deploy app=api env=production version=v3.2.3 replaces=97"},
		{"non non, la 2.4.0, c'est celle que le client a validée", planFr, "action deploy app=web env=production version=2.4.0 replaces=98"},
		{"non, la 2.4.0 n'est pas validée par le client", planFr, "command cancel decline=yes id=98"},
		{"ouais vas-y fonce", rollbackFr, "command confirm id=72"},
		{"fonce pas", rollbackFr, "unknown"},
	})
}

// TestAttack19b: the second attack. "What comes next" carries a deploy
// elsewhere only after the bot started or finished it, never a plan still
// waiting, expired, refused or rolled back, never a rollback, never asked
// or told ("maintenant la prod a la même version"), never two projects. A
// strategy set by its value is an order said verb first, not a report
// ("we use canary for api"), and never while a plan waits for its yes.
// Orders after an audit are put off. "ok fais-le, api prod" after a question about rolling back
// is that rollback.
func TestAttack19b(t *testing.T) {
	g := []string{"deploy api 2.14.1 to staging", "Go: deploy api 2.14.1 → staging (#91) started"}
	after := func(reply string) []string { return []string{"deploy web 3.8.1 to staging", reply} }
	checkReadings(t, []reading{
		{"maintenant la prod a la même version", g, "question production"},
		{"et maintenant le site en prod ?", g, "question production"},
		{"now same thing for web", g, "action deploy app=web env=staging"},
		{"ok et maintenant l'api et le site en prod", g, "question production"},
		{"now same version to prod", after("Deploy web 3.8.1 → staging (#90) Confirm? (yes/no)"), "question production"},
		{"now same version to prod", after("Plan expired: nothing ran."), "question production"},
		{"now same version to prod", after("🚀 Deployment web 3.8.1 (#90) → staging … Status: Rolled back"), "question production"},
		{"now same version to prod", after("🚀 Deployment web 3.8.1 (#90) → staging … Status: Done ✅"), "action deploy app=web env=production version=3.8.1"},
		{"now the site", []string{"rollback api production", "Go: rollback api production (#92) started"}, "question orchestrator"},
		{"we use canary for api", nil, "question production"},
		{"on a passé l'api en canary", nil, "question production"},
		{"use canary for api", []string{"deploy api 2.14.1 to production", "Deploy api 2.14.1 → production (#97)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "unknown"},
		{"after the audit, rollback api prod", nil, "question rollback"},
		{"après l'audit, déploie l'api 2.14.1 en prod", nil, "question production"},
		{"the audit of the site found an XSS, rollback web prod", nil, "action rollback app=web env=production"}, // session 20: the order, with its own project
		{"ok do it, api prod", []string{"should we roll back the api?", "Rollback procedure for *api*\n1. Switch the load balancer back to the previous (blue) pool.\n2. Check /healthz, then tell #api."},
			"action rollback app=api env=production"},
	})
}

// TestAttack19c: the third attack. The bare "succeeded or failed?" that
// opens a conversation panicked the parser (an index before the history's
// first message). A project and an environment with no word of going back
// ("web prod now?", "the site is in prod", "logs api prod") are no
// rollback, though the model's "now" says one; an answer to the bot's
// "Which project?" after "rollback" still rolls back. "ok fais-le" takes
// the action of a person's question only (not of a reply the bot wrote in
// words the router does not know as the bot's). An environment's answer
// that puts the deploy off or tells it done ("prod, but tomorrow", "julie
// deployed it to staging") orders nothing now. "pour l'api, mets la
// stratégie à canary stp" sets canary, not "stp".
func TestAttack19c(t *testing.T) {
	envAsked := []string{"deploy api 2.14.1", "Which environment for the deploy of api 2.14.1? staging or production."}
	checkReadings(t, []reading{
		{"succeeded", []string{"succeeded or failed?"}, "unknown"},
		{"réussi", []string{"réussi ou échoué ?"}, "unknown"},
		{"web prod now?", nil, "question production"},
		{"the site is in prod", nil, "question production"},
		{"logs api prod", nil, "question production"},
		{"now the api in prod", nil, "question production"},
		{"api prod", nil, "command status app=api env=production"},
		{"rolbck wbe stagng", nil, "action rollback app=web env=staging"},
		{"rb web prod now", nil, "action rollback app=web env=production"},
		{"web prod now", []string{"rollback", "Which project for the rollback? I know: api, web."}, "action rollback app=web env=production"},
		{"ok fais-le, api prod", []string{"should we rollback api prod?", "It's your call…"}, "action deploy app=api env=production"},
		{"prod, but tomorrow", envAsked, "unknown"},
		{"julie deployed it to staging", envAsked, "unknown"},
		{"prod tomorrow", envAsked, "unknown"}, // the bot asks again: no order now
		{"pour l'api, mets la stratégie à canary stp", nil, "command context app=api key=strategy scope=project value=canary what=set"},
	})
}

// TestEveryHistorySuffix parses each message of the evaluation sets with
// every suffix of its history, so that conversations that open anywhere
// (with the bot's question, its card, an answer) are read without a panic:
// the third attack found one on a history that opened with the bot's
// "succeeded or failed?".
func TestEveryHistorySuffix(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "routing_*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation sets: %v", err)
	}
	n := 0
	for _, f := range files {
		for _, l := range readSet(t, f) {
			for i := 1; i < len(l.History); i++ {
				r.Parse(context.Background(), l.Text, l.History[i:])
				n++
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d histories read", n)
	}
}

// TestAttack19d: the fourth attack. A rollback said in slang or short
// ("rbk", "revet", "n-1", "version d'avant", "restore") is one, with no
// verb; "ok fais-le, api prod" after "rollback api" and the bot's
// "Which environment?" rolls back, and after a question that asks nothing
// of the sort ("is api prod healthy?", "did julie roll back?") orders no
// rollback.
func TestAttack19d(t *testing.T) {
	checkReadings(t, []reading{
		{"rbk web prod", nil, "action rollback app=web env=production"},
		{"revet web prod", nil, "action rollback app=web env=production"},
		{"api prod n-1", nil, "action rollback app=api env=production"},
		{"web prod version d'avant", nil, "action rollback app=web env=production"},
		{"restore web prod", nil, "action rollback app=web env=production"},
		{"ok fais-le, api prod", []string{"rollback api", "Which environment for the rollback of api? staging or production."}, "action rollback app=api env=production"},
		{"ok do it, api prod", []string{"is api prod healthy?", "Error rate is fine; no rollback needed."}, "question orchestrator"},
		{"ok do it, api prod", []string{"did julie roll back the api?", "No."}, "question orchestrator"},
		{"ok je le fais, api prod", []string{"should we roll back the api?", "Rollback procedure for *api*\n1. Switch the load balancer back to the previous (blue) pool.\n2. Check /healthz, then tell #api."}, "unknown"},
	})
}

// TestAttack19e: a new user's chat sessions. "no, recreate" changes the
// strategy just set only right after the bot's note (after "is web on
// canary?" and its answer it set api's to recreate); a strategy set with
// its key named while a plan waits is the setting (only the value alone,
// "use canary for web", is taken as this deploy's wish and asked about).
func TestAttack19e(t *testing.T) {
	plan := []string{"deploy web 1.0.0 to staging", "Deploy web 1.0.0 → staging (#3)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"no, recreate", []string{"set api to canary", "Noted: for project api, strategy = canary (was rolling).", "is web on canary?", "Web runs blue-green."},
			"command cancel decline=yes reason=recreate"},
		{"no, recreate", []string{"set api to canary", "Noted: for project api, strategy = canary (was rolling)."},
			"command context app=api key=strategy scope=project value=recreate what=set"},
		{"set the strategy of web to canary", plan, "command context app=web key=strategy scope=project value=canary what=set"},
		{"use canary for web", plan, "unknown"},
	})
}

// TestLockPutOffSession19: a lock ordered for after something ("after
// lunch, lock prod", "lock prod after the meeting") is put off, as a
// deploy or a rollback is (it locked at once, before this session too).
func TestLockPutOffSession19(t *testing.T) {
	checkReadings(t, []reading{
		{"after lunch, lock prod", nil, "question orchestrator"},
		{"after the audit, lock prod", nil, "question orchestrator"},
		{"lock prod after the meeting", nil, "question orchestrator"},
		{"lock api prod: deploy after lunch", nil, "command lock app=api env=production reason=deploy after lunch"},
		{"lock api prod", nil, "command lock app=api env=production"},
	})
}
