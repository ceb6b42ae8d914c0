package slack_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"deploybot"
	"deploybot/slack"
)

// afterInbox is the store's inbox as an AfterReplier whose writes are
// strings: "ok" written, anything else failed.
type afterInbox struct {
	storeInbox
	mu    sync.Mutex
	after [][]any // the writes each ReplyAfter followed
}

var errPrior = errors.New("a write the reply follows failed")

func (i *afterInbox) ReplyAfter(ctx context.Context, key string, claim int64, reply []byte, after []any) (bool, error) {
	i.mu.Lock()
	i.after = append(i.after, after)
	i.mu.Unlock()
	for _, w := range after {
		if w != "ok" {
			return false, errPrior
		}
	}
	return i.Reply(ctx, key, claim, reply)
}

// queuedHandler is a QueuedHandler that notes the write named by its
// message's text and waits for nothing but its outcome.
type queuedHandler struct{}

func (queuedHandler) Handle(ctx context.Context, msg deploybot.Message) (deploybot.Reply, error) {
	panic("Handle called: HandleQueued expected")
}

func (queuedHandler) HandleQueued(ctx context.Context, msg deploybot.Message) (deploybot.Reply, func(context.Context) error, error) {
	w := strings.TrimSpace(msg.Text)
	slack.NoteQueued(ctx, w)
	return deploybot.Reply{Text: "answer to " + w}, func(context.Context) error {
		if w != "ok" {
			return fmt.Errorf("audit entry: %w", errPrior)
		}
		return nil
	}, nil
}

// TestReplyAfterTheHandlersWrites: a message's reply is stored with the
// writes its Handler queued (AfterReplier), without waiting for them
// first; when one failed, the reply is not stored and the message gets
// the answer of a failed Handler.
func TestReplyAfterTheHandlersWrites(t *testing.T) {
	f := newFakeSlack(t)
	inbox := &afterInbox{storeInbox: storeInbox{openStore(t, "")}}
	a := newAdapter(t, f, inbox, queuedHandler{})
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	for i, text := range []string{"ok", "broken"} {
		ch := fmt.Sprintf("C%d", i+1)
		body := mentionEvent(fmt.Sprintf("EvA%d", i), ch, "U1", "<@UBOT> "+text, fmt.Sprintf("1700000100.%06d", i+1), "")
		if code := send(t, srv, "/slack/events", body, jsonType, nil); code != 200 {
			t.Fatalf("event %d: status %d", i, code)
		}
	}
	waitFor(t, "both answers", func() bool { return len(f.Posts("C1")) == 1 && len(f.Posts("C2")) == 1 })
	if got := f.Posts("C1")[0].Text; got != "answer to ok" {
		t.Errorf("C1 answered %q, want the Handler's answer", got)
	}
	if got := f.Posts("C2")[0].Text; !strings.Contains(got, "internal error (ref ") {
		t.Errorf("C2 answered %q, want an internal error: its audit entry failed", got)
	}
	inbox.mu.Lock()
	defer inbox.mu.Unlock()
	if len(inbox.after) != 2 {
		t.Errorf("%d replies stored after the Handler's writes, want 2: %v", len(inbox.after), inbox.after)
	}
}
