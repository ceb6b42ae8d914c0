package policy_test

import (
	"slices"
	"testing"
	"time"

	"deploybot"
	"deploybot/policy"
)

func TestBreaches(t *testing.T) {
	base := deploybot.MetricsSample{ErrorRate: 0.0002, P95: 120 * time.Millisecond, CPU: 0.5, Memory: 200e6, Alerts: []string{"DiskFull"}}
	healthy := deploybot.MetricsSample{ErrorRate: 0.0005, P95: 300 * time.Millisecond, CPU: 0.7, Memory: 250e6}
	tests := []struct {
		name string
		th   policy.Thresholds
		s    deploybot.MetricsSample
		lang deploybot.Lang
		want []string
	}{
		{"healthy", policy.Thresholds{}, healthy, deploybot.French, nil},
		{"error rate fr", policy.Thresholds{}, deploybot.MetricsSample{ErrorRate: 0.008}, deploybot.French,
			[]string{"taux d'erreur 0.8% > 0.1%"}},
		{"error rate en", policy.Thresholds{MaxErrorRate: 0.01}, deploybot.MetricsSample{ErrorRate: 0.0125}, deploybot.English,
			[]string{"error rate 1.25% > 1%"}},
		{"error rate disabled", policy.Thresholds{MaxErrorRate: -1}, deploybot.MetricsSample{ErrorRate: 0.5}, deploybot.English, nil},
		{"p95", policy.Thresholds{}, deploybot.MetricsSample{P95: 742 * time.Millisecond}, deploybot.French,
			[]string{"p95 742ms > 500ms"}},
		{"p95 seconds", policy.Thresholds{MaxP95: 2 * time.Second}, deploybot.MetricsSample{P95: 2250 * time.Millisecond}, deploybot.English,
			[]string{"p95 2.25s > 2s"}},
		{"cpu fr", policy.Thresholds{}, deploybot.MetricsSample{CPU: 0.9}, deploybot.French,
			[]string{"CPU +80% par rapport à avant le déploiement"}},
		{"memory en", policy.Thresholds{MaxMemoryGrowth: 0.2}, deploybot.MetricsSample{Memory: 260e6}, deploybot.English,
			[]string{"memory +30% compared with before the deployment"}},
		{"cpu at the limit", policy.Thresholds{}, deploybot.MetricsSample{CPU: 0.75}, deploybot.French, nil},
		{"alerts", policy.Thresholds{}, deploybot.MetricsSample{Alerts: []string{"HighLatency", "DiskFull"}}, deploybot.French,
			[]string{"alerte en cours : HighLatency", "alerte en cours : DiskFull (déjà active avant le déploiement)"}},
		{"alert en", policy.Thresholds{}, deploybot.MetricsSample{Alerts: []string{"HighLatency"}}, deploybot.English,
			[]string{"alert firing: HighLatency"}},
		{"everything", policy.Thresholds{}, deploybot.MetricsSample{ErrorRate: 0.05, P95: time.Second, CPU: 1, Memory: 400e6, Alerts: []string{"X"}}, deploybot.English,
			[]string{
				"error rate 5% > 0.1%", "p95 1s > 500ms",
				"CPU +100% compared with before the deployment", "memory +100% compared with before the deployment",
				"alert firing: X",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.th.Breaches(base, tt.s, tt.lang)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}

	// A zero baseline (no data before the deployment) skips the growth checks.
	if got := (policy.Thresholds{}).Breaches(deploybot.MetricsSample{}, deploybot.MetricsSample{CPU: 4, Memory: 1e9}, deploybot.English); got != nil {
		t.Errorf("zero baseline: got %q, want nil", got)
	}
}
