package agents_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"deploybot"
	"deploybot/router"
)

// countingRouter counts the parses of a router.
type countingRouter struct {
	*router.Router
	parses atomic.Int64
}

func (c *countingRouter) Parse(ctx context.Context, text string, history []string) deploybot.Request {
	c.parses.Add(1)
	return c.Router.Parse(ctx, text, history)
}

// TestAnticipatedMessagesAnsweredAsInTurn: messages parsed ahead of their
// turn (Anticipate) get the answers they get when parsed in turn, follow-ups
// included, also when a message nobody anticipated comes between them and
// changes their conversation's history, and when every message was
// prepared first (Prepare: at once, in any order); each message is parsed
// once, but for those whose history changed.
func TestAnticipatedMessagesAnsweredAsInTurn(t *testing.T) {
	conversation := []string{"deploy api", "to staging", "v1.2.0", "merci", "to staging", "rollback web", "production", "status"}
	for _, tc := range []struct {
		name       string
		unforeseen map[int]string // a message handled, not anticipated, before conversation[i]
		prepared   bool           // every message prepared first, at once, in reverse order
	}{
		{name: "as anticipated"},
		{name: "prepared", prepared: true},
		{name: "prepared, a request between", prepared: true, unforeseen: map[int]string{1: "rollback web"}},
		// "merci" ends the deploy's conversation: "v1.2.0" is then alone.
		{name: "a message between", unforeseen: map[int]string{2: "merci"}},
		// "rollback web" before "to staging": the later messages' history
		// is not the anticipated one until a request ends it.
		{name: "a request between", unforeseen: map[int]string{1: "rollback web"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			msg := func(i int, text string) deploybot.Message {
				return deploybot.Message{ID: text + "#" + string(rune('a'+i)), Platform: deploybot.PlatformTerminal, Channel: "c", User: "u", Text: text, At: wednesday}
			}
			inTurn, _ := newOrchestrator(t, t.TempDir())
			ahead, _ := newOrchestrator(t, t.TempDir())
			counter := &countingRouter{Router: ahead.Router.(*router.Router)}
			ahead.Router = counter
			if tc.prepared {
				var wg sync.WaitGroup
				for i := len(conversation) - 1; i >= 0; i-- {
					wg.Go(func() { ahead.Prepare(ctx, msg(i, conversation[i])) })
				}
				wg.Wait()
				counter.parses.Store(0)
			}
			for i, text := range conversation {
				ahead.Anticipate(ctx, msg(i, text))
			}
			if n := counter.parses.Load(); n != int64(len(conversation)) {
				t.Fatalf("%d parses to anticipate %d messages", n, len(conversation))
			}
			counter.parses.Store(0)
			handled := 0
			for i, text := range conversation {
				if u, ok := tc.unforeseen[i]; ok {
					m := msg(100+i, u)
					want, err1 := inTurn.Handle(ctx, m)
					got, err2 := ahead.Handle(ctx, m)
					if err1 != nil || err2 != nil || got.Text != want.Text {
						t.Fatalf("unforeseen %q: %q (%v), in turn %q (%v)", u, got.Text, err2, want.Text, err1)
					}
					handled++
				}
				want, err1 := inTurn.Handle(ctx, msg(i, text))
				got, err2 := ahead.Handle(ctx, msg(i, text))
				if err1 != nil || err2 != nil || got.Text != want.Text {
					t.Errorf("%q: %q (%v), in turn %q (%v)", text, got.Text, err2, want.Text, err1)
				}
			}
			// Parsed again in turn: the messages whose history is not the
			// anticipated one, none when nothing came between, never all.
			reparsed := counter.parses.Load() - int64(handled)
			if len(tc.unforeseen) == 0 && reparsed != 0 || len(tc.unforeseen) > 0 && (reparsed < 1 || reparsed >= int64(len(conversation))) {
				t.Errorf("%d anticipated messages of %d parsed again in turn", reparsed, len(conversation))
			}
		})
	}
}
