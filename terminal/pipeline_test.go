package terminal_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"deploybot"
	"deploybot/terminal"
)

// pipelineHandler is a QueuedHandler and an Anticipator: it records what
// it was told in what order, and its replies' commits finish when the
// test says.
type pipelineHandler struct {
	mu     sync.Mutex
	events []string // "anticipate TEXT", "handle TEXT"
	commit map[string]chan error
}

func (h *pipelineHandler) note(e string) {
	h.mu.Lock()
	h.events = append(h.events, e)
	h.mu.Unlock()
}

func (h *pipelineHandler) Anticipate(_ context.Context, m deploybot.Message) {
	h.note("anticipate " + m.Text)
}

func (h *pipelineHandler) Handle(ctx context.Context, m deploybot.Message) (deploybot.Reply, error) {
	r, _, err := h.HandleQueued(ctx, m)
	return r, err
}

func (h *pipelineHandler) HandleQueued(_ context.Context, m deploybot.Message) (deploybot.Reply, func(context.Context) error, error) {
	h.note("handle " + m.Text)
	if m.Text == "boom" {
		return deploybot.Reply{}, nil, errors.New("disk on fire")
	}
	c := h.commit[m.Text]
	return deploybot.Reply{Text: "*re* " + m.Text}, func(ctx context.Context) error {
		if c == nil {
			return nil
		}
		select {
		case err := <-c:
			c <- err // every wait sees the outcome
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}, nil
}

// preparingHandler is a pipelineHandler that is also a Preparer.
type preparingHandler struct{ *pipelineHandler }

func (h preparingHandler) Prepare(_ context.Context, m deploybot.Message) {
	h.note("prepare " + m.Text)
}

// TestScriptPipeline: with a QueuedHandler that is an Anticipator, every
// message is anticipated in input order before it is handled, and handled
// in input order; the replies are printed in input order, rendered, each
// once its commit returned (a commit that fails prints an internal error
// in its place), whatever order the commits finish in. An Anticipator that
// is a Preparer has each message prepared once at most, never after it is
// anticipated.
func TestScriptPipeline(t *testing.T) {
	for _, prepares := range []bool{false, true} {
		t.Run(fmt.Sprint("prepares=", prepares), func(t *testing.T) { testScriptPipeline(t, prepares) })
	}
}

func testScriptPipeline(t *testing.T, prepares bool) {
	lines := []string{"one", "two", "[bob] three", "boom", "four"}
	h := &pipelineHandler{commit: map[string]chan error{"one": make(chan error, 1), "two": make(chan error, 1), "four": make(chan error, 1)}}
	var handler deploybot.Handler = h
	if prepares {
		handler = preparingHandler{h}
	}
	// Commits finish in another order than the messages'.
	h.commit["four"] <- nil
	h.commit["two"] <- errors.New("commit failed")
	go func() { h.commit["one"] <- nil }()
	c := &terminal.Chat{Handler: handler, User: "alice"}
	var out bytes.Buffer
	if err := c.RunScript(context.Background(), strings.NewReader(strings.Join(lines, "\n")+"\n"), &out); err != nil {
		t.Fatal(err)
	}
	texts := []string{"one", "two", "three", "boom", "four"}
	var handled, anticipated []string
	seen, prepared := map[string]bool{}, map[string]int{}
	for _, e := range h.events {
		verb, text, _ := strings.Cut(e, " ")
		switch verb {
		case "prepare":
			prepared[text]++
			if seen[text] {
				t.Errorf("%q prepared after it was anticipated", text)
			}
		case "anticipate":
			anticipated = append(anticipated, text)
			seen[text] = true
			if prepared[text] > 1 {
				t.Errorf("%q anticipated after %d preparations, want 1 at most", text, prepared[text])
			}
		case "handle":
			handled = append(handled, text)
			if !seen[text] {
				t.Errorf("%q handled before it was anticipated", text)
			}
		}
	}
	if fmt.Sprint(anticipated) != fmt.Sprint(texts) || fmt.Sprint(handled) != fmt.Sprint(texts) {
		t.Errorf("anticipated %q, handled %q, want both %q", anticipated, handled, texts)
	}
	got := out.String()
	want := []string{"alice> one\n", "bot> re one\n", "alice> two\n", "bot> internal error (ref t", "bob> three\n", "bot> re three\n",
		"alice> boom\n", "bot> internal error (ref t", "alice> four\n", "bot> re four\n"}
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("output lacks %q in its place:\n%s", w, got)
		}
		rest = rest[i+len(w):]
	}
	if strings.Contains(got, "re two") || strings.Contains(got, "disk on fire") {
		t.Errorf("a reply whose commit failed, or an internal error, shows:\n%s", got)
	}
}
