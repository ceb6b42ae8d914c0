package router_test

import (
	"context"
	"testing"

	"deploybot/router"
)

// TestActionNamesAnUnknownProjectBeforeItsEnvironment: an action that
// writes an unknown name where its project goes, right before the
// environment ("shop staging deploy pls", "blog en prod stp", "put shop
// on staging"), names it; it took the project of the conversation's
// earlier message (a deploy of web to staging for "shop staging deploy").
func TestActionNamesAnUnknownProjectBeforeItsEnvironment(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	earlier := []string{"deploy web to prod", "Deploy web → production (#12)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	for _, tt := range []struct {
		text    string
		unknown string
	}{
		{"shop staging deploy pls", "shop"},
		{"shop to staging please", "shop"},
		{"put shop on staging", "shop"},
		{"blog en prod stp", "blog"},
		{"mets blog en prod", "blog"},
		{"api en prod stp", ""},
	} {
		for _, h := range [][]string{nil, earlier} {
			got := r.Parse(context.Background(), tt.text, h)
			if got.UnknownApp != tt.unknown || tt.unknown != "" && got.App != "" {
				t.Errorf("%q (history %d): app=%q unknown=%q, want unknown=%q", tt.text, len(h), got.App, got.UnknownApp, tt.unknown)
			}
		}
	}
}
