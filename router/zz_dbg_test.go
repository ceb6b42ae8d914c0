package router_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deploybot/router"
)

func TestZZDbg(t *testing.T) {
	r, err := router.New(evalProjects(t, filepath.Join("..", "config.example.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(os.Getenv("ZZ"), "\n") {
		if line == "" {
			continue
		}
		parts := strings.Split(line, "|")
		text, hist := parts[len(parts)-1], parts[:len(parts)-1]
		for i, h := range hist {
			q := r.Parse(context.Background(), h, hist[:i])
			fmt.Printf("   h%d %q -> %s/%s kind %s app %s env %s\n", i, h, q.Route, q.Intent.Intent, q.Kind, q.App, q.Env)
		}
		req := r.Parse(context.Background(), text, hist)
		fmt.Printf("%q\n  parse %s/%s kind %s cmd %s app %q env %q ver %q conf %.3f\n", text, req.Route, req.Intent.Intent, req.Kind, req.Command, req.App, req.Env, req.Version, req.Confidence)
	}
}
