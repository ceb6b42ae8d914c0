package router_test

import (
	"context"
	"path/filepath"
	"testing"

	"deploybot/router"
)

// BenchmarkRoute routes the development set's messages in turn and reports
// messages per second; run with -cpu 1 for the one-core figure.
func BenchmarkRoute(b *testing.B) {
	r, err := router.New(evalProjects(b, filepath.Join("..", "testdata", "dev-config.yaml")))
	if err != nil {
		b.Fatal(err)
	}
	set := readSet(b, filepath.Join("..", "testdata", "routing_dev.jsonl"))
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		r.Route(ctx, set[i%len(set)].Text)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
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
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		l := set[i%len(set)]
		r.Parse(ctx, l.Text, l.History)
		i++
	}
}
