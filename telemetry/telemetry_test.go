package telemetry_test

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/telemetry"
)

type counts map[deploybot.DeployState]int

func (c counts) CountDeployments(context.Context) (map[deploybot.DeployState]int, error) {
	return c, nil
}

func TestMetrics(t *testing.T) {
	m := telemetry.New(counts{deploybot.StateSucceeded: 3, deploybot.StateFailed: 1})
	m.Observe(deploybot.Intent{Route: deploybot.RouteProduction, Intent: deploybot.IntentDeploy}, 2*time.Millisecond)
	m.Observe(deploybot.Intent{Route: deploybot.RouteProduction, Intent: deploybot.IntentDeploy}, 3*time.Millisecond)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`deploybot_messages_total{intent="deploy",route="production"} 2`,
		`deploybot_handler_seconds_count{route="production"} 2`,
		`deploybot_deployments{state="succeeded"} 3`,
		`deploybot_deployments{state="failed"} 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
