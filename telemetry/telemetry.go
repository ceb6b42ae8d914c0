// Package telemetry exposes deploybot's Prometheus metrics: messages by
// route and intent, handler latency, deployments by state, the language
// model's token usage and fallbacks, and the Go runtime's own.
package telemetry

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"deploybot"
)

// DeploymentCounter counts deployments by state, at scrape time.
type DeploymentCounter interface {
	CountDeployments(ctx context.Context) (map[deploybot.DeployState]int, error)
}

// Metrics holds the instruments and the collectors read when scraped.
type Metrics struct {
	mu         sync.Mutex
	messages   map[[2]string]uint64 // route, intent
	latency    map[string]*histogram
	collectors []Collector
}

// latencyBuckets are deploybot_handler_seconds' upper bounds.
var latencyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}

// histogram counts observations by bucket (not cumulated).
type histogram struct {
	counts []uint64 // len(latencyBuckets)+1, the last one +Inf's
	sum    float64
	count  uint64
}

// New registers deploybot's metrics; deployments may be nil.
func New(deployments DeploymentCounter) *Metrics {
	m := &Metrics{messages: map[[2]string]uint64{}, latency: map[string]*histogram{}}
	m.collectors = []Collector{CollectorFunc(m.collectInstruments), CollectorFunc(goCollector), CollectorFunc(processCollector)}
	if deployments != nil {
		m.collectors = append(m.collectors, CollectorFunc(func(ctx context.Context, s *Scrape) error {
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			counts, err := deployments.CountDeployments(ctx)
			if err != nil {
				return fmt.Errorf("deploybot_deployments: %w", err)
			}
			for state, n := range counts {
				s.Gauge("deploybot_deployments", "Deployments recorded, by state.", float64(n), "state", string(state))
			}
			return nil
		}))
	}
	// LLM mode (issue 7): token usage and fallbacks, read from the audit of
	// model calls when the store keeps one.
	if src, ok := deployments.(ModelUsageCounter); ok {
		m.collectors = append(m.collectors, CollectorFunc(func(ctx context.Context, s *Scrape) error {
			return collectModelUsage(ctx, s, src)
		}))
	}
	return m
}

// ModelUsageCounter totals the language model's calls, at scrape time.
// deploybot.ModelAuditLog implementations satisfy it.
type ModelUsageCounter interface {
	ModelUsage(ctx context.Context) ([]deploybot.ModelUsage, error)
}

// collectModelUsage reads the model's token usage and fallbacks.
func collectModelUsage(ctx context.Context, s *Scrape, src ModelUsageCounter) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	usage, err := src.ModelUsage(ctx)
	if err != nil {
		return fmt.Errorf("deploybot_llm_tokens_total: %w", err)
	}
	const (
		tokens    = "Tokens used by the language model, by model, operation (route, answer) and kind (prompt, completion)."
		calls     = "Calls of the language model, by model and operation."
		fallbacks = "Model calls whose result was not used (failure, timeout, invalid output): the offline path answered."
	)
	for _, u := range usage {
		s.Counter("deploybot_llm_tokens_total", tokens, float64(u.PromptTokens), "model", u.Model, "op", u.Op, "kind", "prompt")
		s.Counter("deploybot_llm_tokens_total", tokens, float64(u.CompletionTokens), "model", u.Model, "op", u.Op, "kind", "completion")
		s.Counter("deploybot_llm_calls_total", calls, float64(u.Calls), "model", u.Model, "op", u.Op)
		s.Counter("deploybot_llm_fallbacks_total", fallbacks, float64(u.Fallbacks), "model", u.Model, "op", u.Op)
	}
	return nil
}

// Register adds collectors to the metrics served (serve adds the store's
// pool and inbox depth).
func (m *Metrics) Register(cs ...Collector) error {
	if slices.Contains(cs, nil) {
		return fmt.Errorf("telemetry: register a nil collector")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.collectors = append(m.collectors, cs...)
	return nil
}

// Observe records one handled message.
func (m *Metrics) Observe(in deploybot.Intent, d time.Duration) {
	sec := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, sec) // the first bound >= sec
	m.mu.Lock()
	defer m.mu.Unlock()
	m.messages[[2]string{string(in.Route), string(in.Intent)}]++
	h := m.latency[string(in.Route)]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.latency[string(in.Route)] = h
	}
	h.counts[i]++
	h.sum += sec
	h.count++
}

// collectInstruments writes the messages counter and the latency
// histogram.
func (m *Metrics) collectInstruments(_ context.Context, s *Scrape) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, n := range m.messages {
		s.Counter("deploybot_messages_total", "Chat messages handled, by route and intent.", float64(n), "route", k[0], "intent", k[1])
	}
	for route, h := range m.latency {
		cumulative := make([]uint64, len(latencyBuckets))
		var c uint64
		for i := range latencyBuckets {
			c += h.counts[i]
			cumulative[i] = c
		}
		s.histogram("deploybot_handler_seconds", "Time to answer a chat message, by route.", latencyBuckets, cumulative, h.sum, h.count, "route", route)
	}
	return nil
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		cs := slices.Clone(m.collectors)
		m.mu.Unlock()
		serve(w, r, cs)
	})
}
