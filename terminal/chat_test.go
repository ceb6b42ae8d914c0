package terminal_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"deploybot"
	"deploybot/terminal"
)

// handler echoes messages, fails on demand, and counts Settle calls.
type handler struct {
	got       []deploybot.Message
	settled   int
	onMessage func() // called with each message, before the reply
}

func (h *handler) Handle(_ context.Context, m deploybot.Message) (deploybot.Reply, error) {
	h.got = append(h.got, m)
	if h.onMessage != nil {
		h.onMessage()
	}
	switch m.Text {
	case "boom":
		return deploybot.Reply{}, errors.New("disk on fire")
	case "nope":
		return deploybot.Reply{}, deploybot.Errorf(deploybot.EINVALID, "unknown project nope")
	}
	return deploybot.Reply{Title: "echo", Text: m.Text, Fields: []deploybot.Field{{Label: "user", Value: m.User}}}, nil
}

func (h *handler) Settle(context.Context) error { h.settled++; return nil }

func TestRunScript(t *testing.T) {
	h := &handler{}
	c := &terminal.Chat{Handler: h, User: "alice"}
	in := "hello\n\n# comment\n[bob] hi there\n[not a name] x\nboom\nnope\n"
	var out bytes.Buffer
	if err := c.RunScript(context.Background(), strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	users := []string{}
	for _, m := range h.got {
		users = append(users, m.User+":"+m.Text)
	}
	want := "alice:hello bob:hi there alice:[not a name] x alice:boom alice:nope"
	if got := strings.Join(users, " "); got != want {
		t.Errorf("messages %q, want %q", got, want)
	}
	for _, w := range []string{"alice> hello\nbot> echo\n     hello\n       user : alice\n", "bob> hi there", "internal error (ref t", "bot> unknown project nope"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
	if strings.Contains(out.String(), "disk on fire") {
		t.Error("an internal error leaked to the user")
	}
	if h.settled != 7 {
		t.Errorf("settled %d times, want 7: before the first line (adopted work), after each of the 5 messages and at the end of input", h.settled)
	}
	if h.got[0].Platform != deploybot.PlatformTerminal || h.got[0].ID == h.got[1].ID {
		t.Errorf("messages lack platform or distinct ids: %+v", h.got[:2])
	}
}
