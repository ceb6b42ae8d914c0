package agents

import (
	"context"
	"fmt"
	"strings"

	"deploybot"
	"deploybot/prompts"
)

// card returns the knowledge card id.
func (ix *index) card(id string) (prompts.Card, bool) {
	for _, c := range ix.cards {
		if c.ID == id {
			return c, true
		}
	}
	return prompts.Card{}, false
}

// topicHits returns the cards that answer a question of a recognized
// topic, as search hits (nil for a question of none): the pre-release
// checklist, a strategy's card, both strategies' cards for a comparison,
// the release notification, what a rollback procedure contains. also are
// the cards its answer points to next.
func (k *Knowledge) topicHits(req deploybot.Request) (hits, also []hit) {
	var ids, next []string
	switch req.Topic {
	case deploybot.TopicChecklist:
		ids, next = []string{"checklist-pre-deploy"}, []string{"approvals", "verify-after-deploy"}
	case deploybot.TopicStrategy:
		if len(req.Strategies) > 0 {
			ids = []string{"strategy-" + string(req.Strategies[0])}
			next = []string{strategyDetail[req.Strategies[0]], "strategy-choosing"}
		}
	case deploybot.TopicCompare:
		if len(req.Strategies) >= 2 {
			ids = []string{"strategy-" + string(req.Strategies[0]), "strategy-" + string(req.Strategies[1])}
			next = []string{"strategy-overview", "migrations-by-strategy"}
		}
	case deploybot.TopicStrategies:
		ids, next = []string{"strategy-overview"}, []string{"strategy-choosing"}
	case deploybot.TopicNotification:
		ids, next = []string{"notification-template"}, []string{"changelog-writing", "status-page-communication"}
	case deploybot.TopicHowToDeploy:
		ids, next = []string{"deploy-howto-here"}, []string{"process-seven-steps", "windows-deployment", "checklist-pre-deploy"}
	case deploybot.TopicRollbackProcedure:
		ids, next = []string{"rollback-procedure-doc"}, []string{"rollback-plan", "incident-response"}
	}
	cards := func(ids []string) []hit {
		var out []hit
		for _, id := range ids {
			if c, ok := k.idx().card(id); ok {
				out = append(out, hit{card: c, score: 100, matched: 1, of: 1})
			}
		}
		return out
	}
	return cards(ids), cards(next)
}

// strategyDetail is the card that goes further into each strategy.
var strategyDetail = map[deploybot.Strategy]string{
	deploybot.StrategyRecreate:  "migrations-by-strategy",
	deploybot.StrategyRolling:   "rolling-parameters",
	deploybot.StrategyBlueGreen: "blue-green-switch",
	deploybot.StrategyCanary:    "canary-steps",
}

// compare composes the answer to "difference between blue-green and
// canary" from both strategies' cards: what each is, their traits side
// by side, and when to pick which (from the choosing card).
func (o *Orchestrator) compare(l deploybot.Lang, a, b prompts.Card) (title, text string) {
	name := func(c prompts.Card) string {
		return strings.TrimPrefix(c.ID, "strategy-")
	}
	title = fmt.Sprintf(l.Pick("%s ou %s : les différences", "%s vs %s: the differences"), display(name(a)), name(b))
	var defs, traits []string
	for _, c := range []prompts.Card{a, b} {
		lines := strings.Split(strings.TrimSpace(c.BodyIn(l)), "\n")
		defs = append(defs, lines[0])
		traits = append(traits, "*"+display(name(c))+"*")
		for _, line := range lines[1:] {
			if strings.HasPrefix(strings.TrimSpace(line), "•") {
				traits = append(traits, line)
			}
		}
	}
	parts := []string{strings.Join(defs, "\n"), strings.Join(traits, "\n")}
	if choosing, ok := o.Knowledge.idx().card("strategy-choosing"); ok {
		var pick []string
		for _, line := range strings.Split(choosing.BodyIn(l), "\n") {
			if strings.Contains(line, "*"+name(a)+"*") || strings.Contains(line, "*"+name(b)+"*") {
				pick = append(pick, line)
			}
		}
		if len(pick) > 0 {
			parts = append(parts, l.Pick("*Laquelle choisir* :", "*Which one*:")+"\n"+strings.Join(pick, "\n"))
		}
	}
	return title, strings.Join(parts, "\n\n")
}

// display writes a strategy's name as a heading starts it: "Blue-green".
func display(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// cardKeys are the settings that bear on each card's topic: a context
// line is added to an answer only for these, so that a definition does
// not come with the pipeline and a checklist with the strategy.
var cardKeys = map[string][]string{
	"strategy-overview":           {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"strategy-recreate":           {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"strategy-rolling":            {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"strategy-blue-green":         {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"strategy-canary":             {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"strategy-choosing":           {deploybot.KeyStrategy, deploybot.KeyZeroDowntime, deploybot.KeyConstraints},
	"rolling-parameters":          {deploybot.KeyStrategy},
	"canary-steps":                {deploybot.KeyStrategy},
	"blue-green-switch":           {deploybot.KeyStrategy},
	"migrations-by-strategy":      {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"zero-downtime":               {deploybot.KeyZeroDowntime, deploybot.KeyStrategy},
	"zero-downtime-single-server": {deploybot.KeyZeroDowntime, deploybot.KeyStrategy},
	"production-deploy-howto": {deploybot.KeyStrategy, deploybot.KeyZeroDowntime, deploybot.KeyConstraints,
		deploybot.KeyValidations, deploybot.KeyApproval},
	"approvals":                 {deploybot.KeyApproval, deploybot.KeyValidations},
	"checklist-pre-deploy":      {deploybot.KeyValidations, deploybot.KeyChecklistSkip},
	"rollback-plan":             {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"rollback-by-strategy":      {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"rollback-when":             {deploybot.KeyStrategy},
	"incident-response":         {deploybot.KeyStrategy},
	"rollback-procedure-doc":    {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	"notification-template":     {deploybot.KeyChannel},
	"status-page-communication": {deploybot.KeyChannel},
	"staging-setup":             {deploybot.KeyEnvironments, deploybot.KeyExtraEnvs},
	"staging-env-naming":        {deploybot.KeyEnvironments, deploybot.KeyExtraEnvs},
	"staging-validate-build":    {deploybot.KeySmokeTests},
	"smoke-tests-design":        {deploybot.KeySmokeTests},
	"smoke-tests-when":          {deploybot.KeySmokeTests},
	"process-seven-steps":       {deploybot.KeyPipeline},
	"deliverables":              {deploybot.KeyPipeline},
	"tools-overview":            {deploybot.KeyPipeline},
	"ship-early-often-safely":   {deploybot.KeyZeroDowntime, deploybot.KeySLA},
	// The windows the project or the agency set: a new user read the
	// brief's Tuesday-Thursday for api, whose own are Tuesday-Wednesday.
	"windows-deployment": {deploybot.KeyWindowsRecommend, deploybot.KeyWindowsAcceptable, deploybot.KeyWindowsAvoid},
	"windows-outside":    {deploybot.KeyWindowsRecommend, deploybot.KeyWindowsAcceptable, deploybot.KeyWindowsAvoid},
}

// definitions are the cards that say what something is: a context line
// comes with them only when the project, or the agency, departs from
// standard practice, or a project is named.
var definitions = map[string]bool{
	"strategy-overview": true, "strategy-recreate": true, "strategy-rolling": true, "strategy-blue-green": true,
	"strategy-canary": true, "notification-template": true, "checklist-pre-deploy": true,
}

// keysOf returns the settings that bear on the cards, each once.
func keysOf(cards ...prompts.Card) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cards {
		for _, k := range cardKeys[c.ID] {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// procedureAnswer answers "what's the rollback procedure for shop?": the
// project's runbook, built from its settings and history, when
// deployments are wired; false otherwise.
func (o *Orchestrator) procedureAnswer(ctx context.Context, req deploybot.Request) (deploybot.Reply, bool, error) {
	l := req.Lang
	if req.SubjectApp == "" || o.Deploys == nil || o.Deploys.Targets == nil {
		return deploybot.Reply{}, false, nil
	}
	text, err := o.Runbook(ctx, l, req.SubjectApp, req.SubjectEnv)
	if err != nil {
		if _, ok := o.userError(l, err); ok {
			return deploybot.Reply{}, false, nil // the card answers instead
		}
		return deploybot.Reply{}, false, err
	}
	return deploybot.Reply{Lang: l, Text: text,
		Note: fmt.Sprintf(l.Pick("Le même runbook : « runbook %s » ; pour l'exercer : « drill %s ».", "The same runbook: \"runbook %s\"; to drill it: \"drill %s\"."),
			req.SubjectApp, req.SubjectApp)}, true, nil
}
