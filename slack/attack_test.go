package slack_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestAttackTypedMentionsAreNotEchoedAsPings: a person who types the
// syntax of a mass mention ("<!channel>", "<!here>", "<!everyone>", a user
// group's "<!subteam^…>") gets it from Slack escaped, as text; when the
// bot echoes what they wrote (a setting's value, an unknown name, a
// reason), it must stay text: the bot's post pings nobody the writer could
// not ping. A real @channel the writer had the right to type arrives as
// Slack's entity and is read as the words "@channel".
func TestAttackTypedMentionsAreNotEchoedAsPings(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	typed := "&lt;!channel&gt; &lt;!here|here&gt; &lt;!everyone&gt; &lt;!subteam^S0DEV|@devs&gt; <!channel>"
	body := mentionEvent("EvPing", "C1", "U1", "<@UBOT> set shop constraints to "+typed, "1700000300.000100", "")
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the reply", func() bool { return len(f.Calls("chat.postMessage")) == 1 })
	post := f.Calls("chat.postMessage")[0].Form
	for _, field := range []string{"text", "blocks"} {
		for _, ping := range []string{"<!channel", "<!here", "<!everyone", "<!subteam"} {
			if strings.Contains(post.Get(field), ping) {
				t.Errorf("the bot's post pings %s> (%s): %s", ping, field, post.Get(field))
			}
		}
	}
	if m := h.messages(); len(m) != 1 || !strings.Contains(m[0].Text, "<!channel>") || !strings.HasSuffix(m[0].Text, "@channel") {
		t.Errorf("read as %q", m)
	}
}
