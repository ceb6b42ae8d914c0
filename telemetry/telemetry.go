// Package telemetry exposes deploybot's Prometheus metrics: messages by
// route and intent, handler latency, deployments by state, the language
// model's token usage and fallbacks, and the Go runtime's own.
package telemetry

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"deploybot"
)

// DeploymentCounter counts deployments by state, at scrape time.
type DeploymentCounter interface {
	CountDeployments(ctx context.Context) (map[deploybot.DeployState]int, error)
}

// Metrics holds the registry and the instruments.
type Metrics struct {
	reg      *prometheus.Registry
	messages *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// New registers deploybot's metrics; deployments may be nil.
func New(deployments DeploymentCounter) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "deploybot_messages_total", Help: "Chat messages handled, by route and intent.",
		}, []string{"route", "intent"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "deploybot_handler_seconds",
			Help:    "Time to answer a chat message, by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	m.reg.MustRegister(m.messages, m.latency, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if deployments != nil {
		m.reg.MustRegister(&deploymentCollector{src: deployments, desc: prometheus.NewDesc(
			"deploybot_deployments", "Deployments recorded, by state.", []string{"state"}, nil)})
	}
	// LLM mode (issue 7): token usage and fallbacks, read from the audit of
	// model calls when the store keeps one.
	if src, ok := deployments.(ModelUsageCounter); ok {
		m.reg.MustRegister(newModelCollector(src))
	}
	return m
}

// ModelUsageCounter totals the language model's calls, at scrape time.
// deploybot.ModelAuditLog implementations satisfy it.
type ModelUsageCounter interface {
	ModelUsage(ctx context.Context) ([]deploybot.ModelUsage, error)
}

// modelCollector reads the model's token usage and fallbacks when scraped.
type modelCollector struct {
	src       ModelUsageCounter
	tokens    *prometheus.Desc
	calls     *prometheus.Desc
	fallbacks *prometheus.Desc
}

func newModelCollector(src ModelUsageCounter) *modelCollector {
	return &modelCollector{src: src,
		tokens: prometheus.NewDesc("deploybot_llm_tokens_total",
			"Tokens used by the language model, by model, operation (route, answer) and kind (prompt, completion).",
			[]string{"model", "op", "kind"}, nil),
		calls: prometheus.NewDesc("deploybot_llm_calls_total",
			"Calls of the language model, by model and operation.", []string{"model", "op"}, nil),
		fallbacks: prometheus.NewDesc("deploybot_llm_fallbacks_total",
			"Model calls whose result was not used (failure, timeout, invalid output): the offline path answered.",
			[]string{"model", "op"}, nil),
	}
}

func (c *modelCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.tokens
	ch <- c.calls
	ch <- c.fallbacks
}

func (c *modelCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	usage, err := c.src.ModelUsage(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.tokens, err)
		return
	}
	for _, u := range usage {
		ch <- prometheus.MustNewConstMetric(c.tokens, prometheus.CounterValue, float64(u.PromptTokens), u.Model, u.Op, "prompt")
		ch <- prometheus.MustNewConstMetric(c.tokens, prometheus.CounterValue, float64(u.CompletionTokens), u.Model, u.Op, "completion")
		ch <- prometheus.MustNewConstMetric(c.calls, prometheus.CounterValue, float64(u.Calls), u.Model, u.Op)
		ch <- prometheus.MustNewConstMetric(c.fallbacks, prometheus.CounterValue, float64(u.Fallbacks), u.Model, u.Op)
	}
}

// Register adds collectors to the metrics served (serve adds the store's
// pool and inbox depth).
func (m *Metrics) Register(cs ...prometheus.Collector) error {
	for _, c := range cs {
		if err := m.reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}

// Observe records one handled message.
func (m *Metrics) Observe(in deploybot.Intent, d time.Duration) {
	m.messages.WithLabelValues(string(in.Route), string(in.Intent)).Inc()
	m.latency.WithLabelValues(string(in.Route)).Observe(d.Seconds())
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// deploymentCollector reads the deployments by state when scraped.
type deploymentCollector struct {
	src  DeploymentCounter
	desc *prometheus.Desc
}

func (c *deploymentCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *deploymentCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.src.CountDeployments(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), string(state))
	}
}
