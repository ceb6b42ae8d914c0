package router_test

import "testing"

// TestSession34Choices holds answers to the bot's "Which one?" between
// deployments that wait for an approval, found in holdout61: a pre-release
// named by its tag's suffix ("the rc one", "la beta") is that one, when
// only one is, of the project named if one is; an order on the item ("approve
// the rc one") too.
func TestSession34Choices(t *testing.T) {
	which := []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0-rc1 → uat), #1 (api v2.4.1 → uat). Which one?"}
	twoRCs := []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0-rc1 → uat), #1 (api v2.4.1-rc2 → uat). Which one?"}
	noRC := []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0 → uat), #1 (api v2.4.1 → uat). Which one?"}
	beta := []string{"refuse", "❌ plusieurs déploiements attendent votre approbation : #2 (api 2.5.0-beta.1 → uat), #1 (api 2.4.1 → uat). Lequel ?"}
	checkReadings(t, []reading{
		{"the rc one", which, "command approve id=2"},
		{"the api rc one", which, "command approve id=2"},
		{"la beta", beta, "command deny id=2"},
		// Two pre-releases, none, or another project's: the bot asks again.
		{"the rc one", twoRCs, "command approve"},
		{"the rc one", noRC, "command approve"},
		{"the web rc one", which, "command approve"},
		// An order on an item of the list.
		{"approve the rc one", which, "command approve id=2"},
	})
	// Asked or refused, not chosen.
	checkNoOrders(t, which, []string{"the rc one?", "not the rc one", "the rc one, no"})
}

// TestSession34RefusedEnvironment holds answers to "Which environment?"
// that refuse the environment they name with a verb (holdout61: "attends,
// je ne veux pas le mettre en prod avant la démo" deployed web to
// production: "la démo" is an environment too, which skipped the checks
// on the answer; the session-start binary did the same). The bot asks
// again; an exclusion alone keeps its reading.
func TestSession34RefusedEnvironment(t *testing.T) {
	fr := []string{"déploie le site", "Sur quel environnement pour le déploiement de web ? staging ou production."}
	en := []string{"deploy web", "Which environment for the deploy of web? staging or production."}
	checkNoOrders(t, fr, []string{"attends, je ne veux pas le mettre en prod avant la démo", "je veux pas le mettre en prod avant la démo",
		"ne le mets pas en prod", "ne le pousse pas en prod avant la démo"})
	checkNoOrders(t, en, []string{"don't put it in prod before the demo", "do not put it in prod before the demo",
		"I don't want it in prod before the demo", "wait, I don't want it in prod before the demo", "never push it to prod before the demo"})
	checkReadings(t, []reading{
		{"en prod, pas en staging", fr, "action deploy app=web env=production"},
		{"not staging, prod", en, "action deploy app=web env=production"},
		{"staging please, not prod", en, "action deploy app=web env=staging"},
		{"prod", en, "action deploy app=web env=production"},
	})
}

// TestSession34AlreadyDone holds answers to "Give a reason to lock …" that
// say the state holds already (holdout61: "hmm, actually Paul already
// locked it I think" locked api production, with it as the reason).
func TestSession34AlreadyDone(t *testing.T) {
	lock := []string{"lock api production", "Give a reason to lock api production: \"lock api production: incident in progress\", or answer with the reason."}
	unlock := []string{"unlock api production", "Give a reason to unlock api production: \"unlock api production: fixed\", or answer with the reason."}
	checkNoOrders(t, lock, []string{"hmm, actually Paul already locked it I think", "Paul already locked it", "c'est déjà verrouillé par Paul",
		"someone locked it already"})
	checkNoOrders(t, unlock, []string{"already unlocked by bob", "déjà fait", "bob did it already"})
	checkReadings(t, []reading{
		{"incident in progress", lock, "command lock app=api env=production reason=incident in progress"},
		{"incident already escalated, migration running", lock, "command lock app=api env=production reason=incident already escalated, migration running"},
		{"fixed already", unlock, "command unlock app=api env=production reason=fixed already"},
	})
}

// TestSession34Attack holds the attack on the session's rules (4,213
// probes): a pre-release said broken, or chosen with a rank ("the rc is
// broken", "la première rc") approved a deployment; an answer to "Which
// environment?" or "Which project?" that refuses all but one, rules one
// out in other words, says one is fine or names environments in passing
// filled the slot (the session-start binary too).
func TestSession34Attack(t *testing.T) {
	which := []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0-rc1 → uat), #1 (api v2.4.1 → uat). Which one?"}
	lequel := []string{"approuve", "❌ plusieurs déploiements attendent votre approbation : #2 (api v2.4.1 → uat), #1 (api 2.5.0-rc1 → uat). Lequel ?"}
	checkNoOrders(t, which, []string{"the rc is broken", "the rc crashed", "rc broken", "the rc is the problem", "the rc, it's broken",
		"the last rc", "the first rc", "approve the rc, it's broken", "the second beta"})
	checkNoOrders(t, lequel, []string{"la rc plante", "la première rc", "la dernière rc"})
	rollbackEnv := []string{"rollback api", "Which environment for the rollback of api? staging, production, uat, qa, demo, preview or sandbox."}
	deployEnv := []string{"deploy api", "Which environment for the deploy of api? staging, production, uat, qa, demo, preview or sandbox."}
	rollbackProject := []string{"rollback production", "Which project for the rollback? I know: api, web."}
	deployProject := []string{"déploie en prod", "Quel projet pour le déploiement → production ? Je connais : api, web."}
	checkNoOrders(t, rollbackEnv, []string{"anywhere but uat", "before the demo"})
	checkNoOrders(t, deployEnv, []string{"prod is out of the question", "skip production", "keep it off production", "stay away from prod",
		"la prod est exclue", "hors de question en prod, sauf urgence"})
	checkNoOrders(t, rollbackProject, []string{"anything but api", "the front is fine"})
	checkNoOrders(t, deployProject, []string{"le front va bien", "aucun des deux"})
	checkReadings(t, []reading{
		{"staging, prod is fine", rollbackEnv, "action rollback app=api env=staging"},
		{"staging, la prod va bien", rollbackEnv, "action rollback app=api env=staging"},
		{"production, the client signed off this morning", deployEnv, "action deploy app=api env=production"},
		{"c'est pour le front bien sûr", deployProject, "action deploy app=web env=production"},
		{"web, it's broken", rollbackProject, "action rollback app=web env=production"},
		{"prod, it's ok", deployEnv, "action deploy app=api env=production"},
	})
}

// TestSession34TeamQA holds "QA" said as the team beside an environment:
// "prod, QA signed off" after "Which environment?" shipped staging's build
// to the qa environment (two environments and a deploy's words were read
// as a promotion, from staging though neither was staging; the
// session-start binary too). A promotion from another environment keeps
// it: "promote qa to prod" shipped staging's build.
func TestSession34TeamQA(t *testing.T) {
	env := []string{"deploy api v2.4.1", "Which environment for the deploy of api v2.4.1? staging, production, uat, qa, demo, preview or sandbox."}
	rollbackEnv := []string{"rollback api", "Which environment for the rollback of api? staging, production, uat, qa, demo, preview or sandbox."}
	checkAttackReadings(t, []reading{
		// An exclusion among seven leaves no one answer.
		{"tout sauf la prod", rollbackEnv, "question orchestrator"},
		{"anywhere but uat", rollbackEnv, "unknown"},
		{"prod, QA signed off", env, "action deploy app=api env=production version=v2.4.1"},
		{"prod, validated by QA", env, "action deploy app=api env=production version=v2.4.1"},
		{"promote qa to prod", nil, "action deploy env=production from=qa"},
		{"promote api from uat to production", nil, "action deploy app=api env=production from=uat"},
		{"promote api to production", nil, "action deploy app=api env=production from=staging"},
		{"ship staging to prod", nil, "action deploy env=production from=staging"},
	})
}

// TestSession34Talk holds talk without history that ran an order in the
// session-start binary (found by the session's attack): an order's
// gerund or infinitive as the subject of a verb, a possibility, a near
// miss, a denial.
func TestSession34Talk(t *testing.T) {
	checkNoOrders(t, nil, []string{"deploying api to production is risky", "déployer l'api en prod c'est risqué",
		"rolling back web to staging didn't help", "deploying web to staging is fast", "I didn't approve 2", "I almost cancelled 2",
		"we may need to rollback api production"})
	checkReadings(t, []reading{
		{"deploying web to staging now", nil, "action deploy app=web env=staging"},
		{"déployer le site en recette stp", nil, "action deploy app=web env=staging"},
		{"we need to rollback api production", nil, "action rollback app=api env=production"},
		{"rollback api prod, it is broken", nil, "action rollback app=api env=production"},
		{"I approve 2", nil, "command approve id=2"},
	})
}
