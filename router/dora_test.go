package router_test

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestDORACommand reads the chat command "dora [PROJECT] [PERIOD]" and its
// natural forms; a question about what DORA is stays a question.
func TestDORACommand(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, app, period, unknown string
		lang                       deploybot.Lang
	}{
		{"dora", "", "", "", "en"},
		{"dora api", "api", "", "", "en"},
		{"dora backend week", "api", "week", "", "en"},
		{"dora 90d", "", "90d", "", "en"},
		{"dora frobnicator", "", "", "frobnicator", "en"},
		{"nos métriques DORA du mois", "", "month", "", "fr"},
		{"les indicateurs DORA de payments sur le trimestre", "payments", "quarter", "", "fr"},
		{"show me the DORA figures for dashboard", "dashboard", "", "", "en"},
		{"how did we do this week?", "", "week", "", "en"},
		{"how did we do this month on api?", "api", "month", "", "en"},
		{"comment on s'en est sortis ce mois-ci ?", "", "month", "", "fr"},
		{"dora over the last 14 days", "", "14d", "", "en"},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != deploybot.KindCommand || got.Command != deploybot.CmdDora || got.App != tt.app || got.Arg("period") != tt.period ||
			got.UnknownApp != tt.unknown || got.Lang != tt.lang {
			t.Errorf("%q: %s %s app %q period %q unknown %q lang %s; want dora app %q period %q unknown %q lang %s", tt.text, got.Kind, got.Command,
				got.App, got.Arg("period"), got.UnknownApp, got.Lang, tt.app, tt.period, tt.unknown, tt.lang)
		}
	}
	for _, text := range []string{"what are the DORA metrics?", "c'est quoi les métriques DORA ?", "which metrics should I watch after a release?"} {
		if got := r.Parse(context.Background(), text, nil); got.Kind == deploybot.KindCommand {
			t.Errorf("%q: command %s, want a question", text, got.Command)
		}
	}
}
