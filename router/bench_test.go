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
// not only the routing model.
func BenchmarkParse(b *testing.B) {
	r, err := router.New(evalProjects(b, filepath.Join("..", "config.example.yaml")))
	if err != nil {
		b.Fatal(err)
	}
	set := readSet(b, filepath.Join("..", "testdata", "routing_holdout4.jsonl"))
	ctx := context.Background()
	measure(b, func(i int) {
		l := set[i%len(set)]
		r.Parse(ctx, l.Text, l.History)
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
