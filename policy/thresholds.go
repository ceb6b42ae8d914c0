package policy

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"deploybot"
)

// The default thresholds.
const (
	DefaultMaxErrorRate    = 0.001                  // 0.1% of failed requests
	DefaultMaxP95          = 500 * time.Millisecond // 95th percentile of response time
	DefaultMaxCPUGrowth    = 0.5                    // +50% over the baseline
	DefaultMaxMemoryGrowth = 0.5                    // +50% over the baseline
)

// Thresholds are the limits a sample taken after a deployment must stay
// within. A zero field takes its default; a negative one disables its check.
type Thresholds struct {
	MaxErrorRate    float64       // highest error rate; default 0.001 (0.1%)
	MaxP95          time.Duration // highest p95; default 500ms
	MaxCPUGrowth    float64       // highest CPU growth over the baseline; default 0.5 (+50%)
	MaxMemoryGrowth float64       // highest memory growth over the baseline; default 0.5 (+50%)
}

// withDefaults returns t with its zero fields set to the defaults.
func (t Thresholds) withDefaults() Thresholds {
	if t.MaxErrorRate == 0 {
		t.MaxErrorRate = DefaultMaxErrorRate
	}
	if t.MaxP95 == 0 {
		t.MaxP95 = DefaultMaxP95
	}
	if t.MaxCPUGrowth == 0 {
		t.MaxCPUGrowth = DefaultMaxCPUGrowth
	}
	if t.MaxMemoryGrowth == 0 {
		t.MaxMemoryGrowth = DefaultMaxMemoryGrowth
	}
	return t
}

// Breaches returns a sentence in lang (French unless English) for each
// threshold s breaches, with the numbers: "taux d'erreur 0.8% > 0.1%",
// "p95 742ms > 500ms", "CPU +80% par rapport à avant le déploiement",
// "alerte en cours : HighLatency". CPU and memory growth are measured against
// baseline, the sample taken before the deployment, and not checked when the
// baseline is zero. Every firing alert is a breach; one that already fired in
// the baseline says so. It returns nil when s is healthy.
func (t Thresholds) Breaches(baseline, s deploybot.MetricsSample, lang deploybot.Lang) []string {
	t = t.withDefaults()
	en := lang == deploybot.English
	pick := func(fr, eng string) string {
		if en {
			return eng
		}
		return fr
	}
	var out []string
	if t.MaxErrorRate > 0 && s.ErrorRate > t.MaxErrorRate {
		out = append(out, fmt.Sprintf("%s %s > %s", pick("taux d'erreur", "error rate"), percent(s.ErrorRate), percent(t.MaxErrorRate)))
	}
	if t.MaxP95 > 0 && s.P95 > t.MaxP95 {
		out = append(out, fmt.Sprintf("p95 %s > %s", duration(s.P95), duration(t.MaxP95)))
	}
	since := pick("par rapport à avant le déploiement", "compared with before the deployment")
	if g, ok := growth(baseline.CPU, s.CPU, t.MaxCPUGrowth); ok {
		out = append(out, fmt.Sprintf("CPU %s %s", g, since))
	}
	if g, ok := growth(baseline.Memory, s.Memory, t.MaxMemoryGrowth); ok {
		out = append(out, fmt.Sprintf("%s %s %s", pick("mémoire", "memory"), g, since))
	}
	for _, a := range s.Alerts {
		line := pick("alerte en cours : ", "alert firing: ") + a
		if slices.Contains(baseline.Alerts, a) {
			line += pick(" (déjà active avant le déploiement)", " (already firing before the deployment)")
		}
		out = append(out, line)
	}
	return out
}

// growth reports the growth from before to after, as "+80%", when it is over
// limit.
func growth(before, after, limit float64) (string, bool) {
	if limit < 0 || before <= 0 || after <= before*(1+limit) {
		return "", false
	}
	return fmt.Sprintf("+%.0f%%", math.Round((after/before-1)*100)), true
}

// percent formats a ratio as a percentage with at most two decimals: 0.008
// gives "0.8%".
func percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*10000)/100, 'f', -1, 64) + "%"
}

// duration formats d in milliseconds under a second ("742ms"), in seconds
// above ("1.25s").
func duration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return d.Round(10 * time.Millisecond).String()
}
