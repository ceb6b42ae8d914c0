package agents_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
)

// TestDORACommand hands "dora [PROJECT] [PERIOD]" and its natural forms to
// the orchestrator's DORA source, in the writer's language; its errors are
// shown in that language.
func TestDORACommand(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	if got := say(t, o, "alice", "dora").Text; !strings.Contains(got, "not computed here") {
		t.Errorf("dora without a source: %q", got)
	}
	type call struct {
		project, period string
		lang            deploybot.Lang
	}
	var calls []call
	o.DORA = func(_ context.Context, project, period string, l deploybot.Lang) (deploybot.Reply, error) {
		calls = append(calls, call{project, period, l})
		if period == "9999d" {
			return deploybot.Reply{}, deploybot.Errorf2(deploybot.EINVALID, "période %q inconnue", "unknown period %q", period)
		}
		return deploybot.Reply{Lang: l, Title: l.Pick("Métriques DORA", "DORA figures")}, nil
	}
	for _, tt := range []struct {
		text, want string
		call       call
	}{
		{"dora", "DORA figures", call{"", "", "en"}},
		{"dora web week", "DORA figures", call{"web", "week", "en"}},
		{"nos métriques DORA du mois", "Métriques DORA", call{"", "month", "fr"}},
		{"how did we do this week?", "DORA figures", call{"", "week", "en"}},
		{"métriques dora de api sur 9999 jours", "❌ période \"9999d\" inconnue", call{"api", "9999d", "fr"}},
	} {
		calls = nil
		r := say(t, o, "alice", tt.text)
		if got := full(r); !strings.Contains(got, tt.want) || len(calls) != 1 || calls[0] != tt.call {
			t.Errorf("%q: %q, calls %+v; want %q and %+v", tt.text, got, calls, tt.want, tt.call)
		}
	}
	calls = nil
	// A command with no words of a language is answered in the
	// conversation's (French, from the message before).
	if got := say(t, o, "alice", "dora frobnicator").Text; !strings.Contains(got, `Je ne connais pas de projet « frobnicator »`) || len(calls) != 0 {
		t.Errorf("unknown project: %q, calls %+v", got, calls)
	}
}
