package router_test

import (
	"context"
	"path/filepath"
	"testing"

	"deploybot/router"
)

// The benchmarks report, besides ns/op, msgs/s (one core with -cpu 1) and
// cpu-ns/op: the process' CPU time per message, its garbage collection
// included. On a machine that other work keeps busy, wall time per
// message grows with the waiting; CPU time much less, so it is the figure
// to compare before and after a change there.

// BenchmarkRoute routes the development set's messages in turn and reports
// messages per second; run with -cpu 1 for the one-core figure.
func BenchmarkRoute(b *testing.B) {
	r, err := router.New(evalProjects(b, filepath.Join("..", "testdata", "dev-config.yaml")))
	if err != nil {
		b.Fatal(err)
	}
	set := readSet(b, filepath.Join("..", "testdata", "routing_dev.jsonl"))
	ctx := context.Background()
	measure(b, func(i int) {
		r.Route(ctx, set[i%len(set)].Text)
	})
}

// BenchmarkParse parses the messages of a set with follow-up answers and
// commands in turn, each with its conversation's history: the whole parser,
// not only the routing model. The set is smaller than the Router's cache
// of parses, which would answer it from the second round on: the cache is
// off, every message is parsed in full.
func BenchmarkParse(b *testing.B) {
	r, err := router.New(evalProjects(b, filepath.Join("..", "config.example.yaml")))
	if err != nil {
		b.Fatal(err)
	}
	r = router.WithoutParseCache(r)
	set := readSet(b, filepath.Join("..", "testdata", "routing_holdout4.jsonl"))
	ctx := context.Background()
	measure(b, func(i int) {
		l := set[i%len(set)]
		r.Parse(ctx, l.Text, l.History)
	})
}

// BenchmarkParseConversation parses each message with the 4 messages
// before it as its history, the way the chat passes a conversation's
// earlier messages (agents' memory): Parse reads a follow-up by parsing
// those earlier messages again, each with the ones before it. The
// messages are every labelled set's, about 4,700, more than the Router's
// cache of parses holds, so a message is never found there from the
// previous round.
func BenchmarkParseConversation(b *testing.B) {
	r, err := router.New(evalProjects(b, filepath.Join("..", "config.example.yaml")))
	if err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "routing_*.jsonl"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no sets: %v", err)
	}
	var texts []string
	for _, f := range files {
		for _, l := range readSet(b, f) {
			texts = append(texts, l.Text)
		}
	}
	const turns = 4
	ctx := context.Background()
	measure(b, func(i int) {
		n := i % len(texts)
		r.Parse(ctx, texts[n], texts[max(0, n-turns):n])
	})
}

// measure runs op(0), op(1)... for the benchmark's iterations and reports
// allocations, msgs/s and cpu-ns/op.
func measure(b *testing.B, op func(i int)) {
	b.ReportAllocs()
	cpu0, cpuOK := processCPU()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		op(i)
		i++
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}
