package agents_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
)

// TestQueuedMessageWritesAfterItsEntry: through HandleQueued, a message
// that changes something has its audit entry committed before its change
// (the store's write waits for it), and a message that changes nothing
// never waits for its entry while it is handled; either reply is shown
// once the entry is committed (wait).
func TestQueuedMessageWritesAfterItsEntry(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		writes     bool
	}{
		{"a setting changed", "set api strategy to canary", true},
		{"a context shown", "contexte du projet api", false},
		{"an interview started", "configure le projet api", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, db := newOrchestrator(t, t.TempDir())
			ctx := context.Background()
			release := make(chan struct{})
			waited := make(chan string, 8) // the entries whose commit was waited for
			o.AuditQueue = func(ctx context.Context, e deploybot.AuditEntry) func(context.Context) (int64, error) {
				wait := db.QueueAudit(ctx, e)
				return func(ctx context.Context) (int64, error) {
					waited <- e.Reply
					<-release
					return wait(ctx)
				}
			}
			msg := deploybot.Message{ID: "m1", Platform: deploybot.PlatformTerminal, Channel: "c1", User: "alice", Text: tc.text, At: wednesday}
			type result struct {
				reply deploybot.Reply
				wait  func(context.Context) error
				err   error
			}
			done := make(chan result, 1)
			go func() {
				r, wait, err := o.HandleQueued(ctx, msg)
				done <- result{r, wait, err}
			}()
			var res result
			if tc.writes {
				// The write waits for the entry, which has no reply yet.
				select {
				case reply := <-waited:
					if reply != "" {
						close(release)
						t.Fatalf("the write waited for an entry with a reply %q: not the message's first entry", reply)
					}
				case res = <-done:
					t.Fatalf("handled (%v) without waiting for its entry", res.err)
				}
				if s, err := o.Settings.Resolve(ctx, "api", "", deploybot.KeyStrategy); err != nil || s.Value == "canary" {
					close(release)
					t.Fatalf("strategy %q (%v) before the message's entry committed", s.Value, err)
				}
				if iv, found, err := o.Interviews.Interview(ctx, msg.Platform, msg.Channel, msg.User); err != nil || found {
					close(release)
					t.Fatalf("interview %+v (%v) before the message's entry committed", iv, err)
				}
				close(release)
				res = <-done
			} else {
				select {
				case res = <-done:
				case reply := <-waited:
					close(release)
					t.Fatalf("a message that changes nothing waited for its entry (%q) while handled", reply)
				}
				close(release)
			}
			if res.err != nil {
				t.Fatal(res.err)
			}
			if err := res.wait(ctx); err != nil {
				t.Fatal(err)
			}
			events, err := db.AuditEvents(ctx, deploybot.AuditFilter{Kinds: []string{"message"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(events) != 1 {
				t.Fatalf("%d message entries, want 1: %+v", len(events), events)
			}
			want, _, _ := strings.Cut(strings.TrimSpace(res.reply.Title+"\n"+res.reply.Text), "\n")
			if want == "" || !strings.Contains(events[0].Detail, " ⇒ "+want) {
				t.Errorf("entry %q lacks the reply %q", events[0].Detail, want)
			}
		})
	}
}
