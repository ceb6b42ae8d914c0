package router_test

import (
	"context"
	"slices"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestTopics checks the topics the parser gives questions whose answer is
// fixed (issue 12, item 7), and that neighbouring questions get none.
func TestTopics(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	bg, canary, rolling, recreate := deploybot.StrategyBlueGreen, deploybot.StrategyCanary, deploybot.StrategyRolling, deploybot.StrategyRecreate
	tests := []struct {
		text       string
		topic      deploybot.Topic
		strategies []deploybot.Strategy
	}{
		{"quelle est la checklist avant une mise en prod ?", deploybot.TopicChecklist, nil},
		// How a deploy goes here (a new user's first question had no answer).
		{"how do I deploy?", deploybot.TopicHowToDeploy, nil},
		{"comment je déploie le site ?", deploybot.TopicHowToDeploy, nil},
		{"how do we deploy to prod here?", deploybot.TopicHowToDeploy, nil},
		{"comment on fait une mise en prod ?", deploybot.TopicHowToDeploy, nil},
		{"how do I deploy with zero downtime?", "", nil},
		{"how do I deploy on friday?", "", nil},
		{"comment déployer une migration de base ?", "", nil},
		{"is there a pre-deployment checklist I should follow?", deploybot.TopicChecklist, nil},
		{"what do I need to check before deploying to production?", deploybot.TopicChecklist, nil},
		{"what should we check after the release?", "", nil},
		{"qu'est-ce qu'on vérifie en preprod avant de dire que c'est bon pour la prod ?", "", nil},
		{"what is a canary release?", deploybot.TopicStrategy, []deploybot.Strategy{canary}},
		{"c'est quoi un déploiement rolling ?", deploybot.TopicStrategy, []deploybot.Strategy{rolling}},
		{"explain blue/green to me", deploybot.TopicStrategy, []deploybot.Strategy{bg}},
		{"what is the recreate strategy?", deploybot.TopicStrategy, []deploybot.Strategy{recreate}},
		{"how do I set the canary percentage?", "", []deploybot.Strategy{canary}},
		{"difference between blue-green and canary", deploybot.TopicCompare, []deploybot.Strategy{bg, canary}},
		{"blue-green ou rolling pour le dashboard ?", deploybot.TopicCompare, []deploybot.Strategy{bg, rolling}},
		{"canary vs blue green", deploybot.TopicCompare, []deploybot.Strategy{canary, bg}},
		{"blue-green or canary: which handles database migrations better?", "", []deploybot.Strategy{bg, canary}},
		{"recreate, rolling, blue-green or canary: what's the difference?", deploybot.TopicStrategies, []deploybot.Strategy{recreate, rolling, bg, canary}},
		{"quelles sont les stratégies de déploiement ?", deploybot.TopicStrategies, nil},
		{"could you compare all three deployment strategies for us?", deploybot.TopicStrategies, nil},
		{"compare-moi les quatre stratégies de déploiement", deploybot.TopicStrategies, nil},
		{"how do I write the release notification?", deploybot.TopicNotification, nil},
		{"t'as un template pour l'annonce de mise en prod ?", deploybot.TopicNotification, nil},
		{"can you write a script that posts the release notification?", "", nil},
		{"comment annoncer une coupure aux clients ?", "", nil},
		{"what's the rollback procedure for api?", deploybot.TopicRollbackProcedure, nil},
		{"comment on revient en arrière sur payments ?", deploybot.TopicRollbackProcedure, nil},
		{"what's a rollback procedure?", "", nil},
		{"how do we roll back api if the migration dropped a column?", "", nil},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != deploybot.KindQuestion || got.Topic != tt.topic || !slices.Equal(got.Strategies, tt.strategies) {
			t.Errorf("%q: kind %s, topic %q %v; want a question, topic %q %v", tt.text, got.Kind, got.Topic, got.Strategies, tt.topic, tt.strategies)
		}
	}
	// The topic's words decide the route when the model is unsure.
	for text, route := range map[string]deploybot.Route{
		"how do I write the release notification?":                  deploybot.RouteOrchestrator,
		"could you compare all three deployment strategies for us?": deploybot.RouteProduction,
	} {
		if got := r.Parse(context.Background(), text, nil); got.Route != route {
			t.Errorf("%q routed to %s, want %s", text, got.Route, route)
		}
	}
}
