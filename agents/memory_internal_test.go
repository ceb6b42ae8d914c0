package agents

import (
	"fmt"
	"testing"
	"time"

	"deploybot"
	"deploybot/deploy"
)

// TestMemoryEvict: a full memory forgets its oldest conversations, an
// eighth of memoryMax at once, those heard at one instant included.
func TestMemoryEvict(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		at   func(i int) time.Time
	}{
		{"distinct times", func(i int) time.Time { return t0.Add(time.Duration(i) * time.Second) }},
		{"one instant", func(int) time.Time { return t0 }},
		{"pairs", func(i int) time.Time { return t0.Add(time.Duration(i/2) * time.Second) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMemory()
			for i := range memoryMax {
				m.convs[fmt.Sprint(i)] = &recent{at: tc.at(i)}
			}
			m.evict()
			if want := memoryMax - memoryMax/8; len(m.convs) != want {
				t.Fatalf("%d conversations kept, want %d", len(m.convs), want)
			}
			// Nothing kept is older than something forgotten.
			var newestGone, oldestKept time.Time
			for i := range memoryMax {
				at := tc.at(i)
				if r, ok := m.convs[fmt.Sprint(i)]; ok {
					if oldestKept.IsZero() || r.at.Before(oldestKept) {
						oldestKept = r.at
					}
				} else if at.After(newestGone) {
					newestGone = at
				}
			}
			if oldestKept.Before(newestGone) {
				t.Errorf("kept a conversation of %s, forgot one of %s", oldestKept, newestGone)
			}
		})
	}
}

// TestMemoryKeepsTheWait: a plan confirmed that waits for an approval
// stays in the conversation, so that a bare "cancel" or "deny" right after
// it names that deployment; any other confirmation keeps nothing of it.
func TestMemoryKeepsTheWait(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	msg := deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c", User: "u"}
	plan := deploybot.Reply{Title: "deploy api 1.0.0 → production (#5)", Actions: []deploybot.Button{{ID: "deploy_confirm"}}}
	waits := deploybot.Reply{Text: `Confirmed: deploy api 1.0.0 → production (#5) waits for an approval. An approver answers "approve 5" (or "deny 5").`}
	for _, tc := range []struct {
		name  string
		reply deploybot.Reply
		want  int
	}{{"waits", waits, 2}, {"started", deploybot.Reply{Text: "Confirmed: deploy api 1.0.0 → production (#5) started."}, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMemory()
			m.remember(msg, t0, deploybot.Request{Kind: deploybot.KindAction, Text: "deploy api 1.0.0 to prod"}, plan)
			m.remember(msg, t0, deploybot.Request{Kind: deploybot.KindCommand, Command: deploybot.CmdConfirm, Text: "yes"}, tc.reply)
			h := m.history(msg, t0)
			if len(h) != tc.want || tc.want == 2 && h[1] != waits.Text {
				t.Fatalf("history %q", h)
			}
		})
	}
}

// TestSystemNotesInFrench: the reason of the lock taken after a rollback,
// and the end of a monitoring window without samples, are said in French
// in a French reply (a French status showed them in English).
func TestSystemNotesInFrench(t *testing.T) {
	for in, want := range map[string]string{
		deploy.RollbackLockReason:                           "verrouillé après un rollback : déverrouillez avec une raison pour redéployer",
		"monitoring window passed without a metrics sample": "fenêtre de surveillance passée sans une seule mesure",
	} {
		if got := auditDetail(deploybot.French, in); got != want {
			t.Errorf("%q in French: %q, want %q", in, got, want)
		}
	}
}
