package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"deploybot"
	"deploybot/slack"
	"deploybot/slack/slackfake"
)

// messageEvent is an event_callback with a message event; extra fields
// (subtype, bot_id...) are added to the inner event.
func messageEvent(eventID, channel, channelType, user, text, ts, threadTS string, extra map[string]any) string {
	ev := map[string]any{"type": "message", "channel": channel, "channel_type": channelType, "text": text, "ts": ts, "event_ts": ts}
	if user != "" {
		ev["user"] = user
	}
	if threadTS != "" {
		ev["thread_ts"] = threadTS
	}
	for k, v := range extra {
		ev[k] = v
	}
	b, _ := json.Marshal(map[string]any{
		"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": eventID, "event_time": 1700000000,
		"event": ev,
	})
	return string(b)
}

func TestThreadFollowUps(t *testing.T) {
	f := newFakeSlack(t)
	// Threads the adapter did not see (a restart): Slack's copy tells.
	for _, m := range []slackfake.Message{
		{Channel: "C2", User: "U1", Text: "<@UBOT> deploy api", TS: "1700000600.000100", ThreadTS: "1700000600.000100"},
		{Channel: "C2", User: "UBOT", BotID: "BBOT", Text: "Confirm?", TS: "1700000600.000200", ThreadTS: "1700000600.000100"},
		{Channel: "C2", User: "U1", Text: "lunch?", TS: "1700000700.000100", ThreadTS: "1700000700.000100"},
		{Channel: "C2", User: "U2", Text: "yes", TS: "1700000700.000200", ThreadTS: "1700000700.000100"},
	} {
		f.AddMessage(m)
	}
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
		return deploybot.Reply{Text: "ok: " + m.Text}, nil
	}}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	send := func(body string) {
		t.Helper()
		if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
			t.Fatalf("status %d for %s", code, body)
		}
	}
	handled := func(n int) {
		t.Helper()
		waitFor(t, "the replies", func() bool { return len(f.Calls("chat.postMessage")) >= n })
	}

	// A mention starts a thread; a plain reply in it continues without a mention.
	const root = "1700000500.000100"
	send(mentionEvent("EvM1", "C1", "U1", "<@UBOT> deploy api v1.4.2 to production", root, ""))
	handled(1)
	send(messageEvent("EvF1", "C1", "channel", "U1", "oui", "1700000501.000100", root, nil))
	handled(2)
	if m := h.messages()[1]; m.Text != "oui" || m.Thread != root || m.Channel != "C1" || m.UserName != "alice" {
		t.Errorf("follow-up = %+v", m)
	}
	if post := f.Calls("chat.postMessage")[1]; post.Form.Get("thread_ts") != root {
		t.Errorf("follow-up answered in thread %q, want %s", post.Form.Get("thread_ts"), root)
	}

	// What is not answered: plain channel messages, edits, bots, the bot
	// itself, a thread the bot has no part in (asked once), a thread Slack
	// cannot show.
	for _, b := range []string{
		messageEvent("EvN1", "C1", "channel", "U1", "hello all", "1700000502.000100", "", nil),
		messageEvent("EvN2", "C1", "channel", "U1", "", "1700000503.000100", root, map[string]any{"subtype": "message_changed"}),
		messageEvent("EvN3", "C1", "channel", "", "joined", "1700000504.000100", root, map[string]any{"subtype": "channel_join"}),
		messageEvent("EvN4", "C1", "channel", "U9", "beep", "1700000505.000100", root, map[string]any{"bot_id": "B9"}),
		messageEvent("EvN5", "C1", "channel", "UBOT", "my own words", "1700000506.000100", root, nil),
		messageEvent("EvN6", "C2", "channel", "U2", "anyone?", "1700000700.000300", "1700000700.000100", nil),
		messageEvent("EvN7", "C2", "channel", "U2", "still nobody", "1700000700.000400", "1700000700.000100", nil),
		messageEvent("EvN8", "C3", "channel", "U2", "unknown thread", "1700000800.000200", "1700000800.000100", nil),
		messageEvent("EvN9", "C1", "channel", "U1", "broadcast", "1700000507.000100", root, map[string]any{"subtype": "thread_broadcast"}),
		messageEvent("EvN10", "C1", "mpim", "U1", "group DM", "1700000508.000100", root, nil),
	} {
		send(b)
	}

	// A thread seen only through conversations.replies (the bot answered
	// there before a restart) continues; so does a private channel's, and
	// one under a message the bot posted itself.
	send(messageEvent("EvF2", "C2", "channel", "U1", "yes", "1700000600.000300", "1700000600.000100", nil))
	ref, err := a.Post(context.Background(), "G1", "", deploybot.Reply{Title: "🚀 deploy api v1.4.2 (#12)"})
	if err != nil {
		t.Fatal(err)
	}
	_, notif, _ := strings.Cut(ref, "|")
	send(messageEvent("EvF3", "G1", "group", "U2", "how is it going?", "1700000900.000100", notif, nil))

	// The app_mention and the message event of the same words: handled
	// once, whichever comes first.
	send(mentionEvent("EvD1", "C1", "U2", "<@UBOT> status api", "1700000510.000100", root))
	send(messageEvent("EvD2", "C1", "channel", "U2", "<@UBOT> status api", "1700000510.000100", root, nil))
	send(messageEvent("EvD3", "C1", "channel", "U1", "<@UBOT> pending", "1700000511.000100", root, nil))
	send(mentionEvent("EvD4", "C1", "U1", "<@UBOT> pending", "1700000511.000100", root))
	// In a direct message too (message.im carries every message).
	send(messageEvent("EvD5", "D2", "im", "U1", "<@UBOT> help", "1700000520.000100", "", nil))
	send(mentionEvent("EvD6", "D2", "U1", "<@UBOT> help", "1700000520.000100", ""))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Close(ctx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range h.messages() {
		got = append(got, m.Channel+":"+m.UserName+":"+m.Text)
	}
	// Channels are handled by different workers: compare without the order.
	slices.Sort(got)
	want := []string{"C1:alice:deploy api v1.4.2 to production", "C1:alice:oui", "C1:alice:pending", "C1:bob:status api",
		"C2:alice:yes", "D2:alice:help", "G1:bob:how is it going?"}
	if !slices.Equal(got, want) {
		t.Errorf("handled\n %s\nwant\n %s", strings.Join(got, "|"), strings.Join(want, "|"))
	}
	// conversations.replies: once per thread not seen before (C2's two, C3's);
	// the no of the second C2 thread is remembered.
	var asked []string
	for _, c := range f.Calls("conversations.replies") {
		asked = append(asked, c.Form.Get("channel")+"|"+c.Form.Get("ts"))
	}
	slices.Sort(asked)
	if strings.Join(asked, ",") != "C2|1700000600.000100,C2|1700000700.000100,C3|1700000800.000100" {
		t.Errorf("conversations.replies asked for %v", asked)
	}
	for _, p := range f.Calls("chat.postMessage")[1:] {
		if p.Form.Get("thread_ts") == "" && !strings.HasPrefix(p.Form.Get("text"), "🚀") {
			t.Errorf("a follow-up answered outside its thread: %v", p.Form)
		}
	}
}

func TestAssistantThreadTitle(t *testing.T) {
	f := newFakeSlack(t)
	h := &recorder{}
	a := newAdapter(t, f, dbInbox(t, ""), h, func(o *slack.Options) { o.Assistant = true })
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	send := func(body string) {
		t.Helper()
		if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
			t.Fatalf("status %d for %s", code, body)
		}
	}
	const thread = "1700001000.000100"
	send(`{"type":"event_callback","event_id":"EvA1","event":{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","channel_id":"D1","thread_ts":"` + thread + `","context":{}},"event_ts":"1700001000.000200"}}`)
	send(messageEvent("EvA2", "D1", "im", "U1", "Can I deploy *api* to <#C9|prod> now?\nIt's urgent", "1700001001.000100", thread, nil))
	send(messageEvent("EvA3", "D1", "im", "U1", "and web?", "1700001002.000100", thread, nil))
	// A DM thread that did not start as an assistant thread keeps Slack's title.
	send(messageEvent("EvA4", "D1", "im", "U1", "other", "1700001101.000100", "1700001100.000100", nil))
	// A long first message gives a short title.
	const long = "1700001200.000100"
	send(`{"type":"event_callback","event_id":"EvA5","event":{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","channel_id":"D1","thread_ts":"` + long + `","context":{}},"event_ts":"1700001200.000200"}}`)
	send(messageEvent("EvA6", "D1", "im", "U1", strings.Repeat("pourquoi le déploiement ", 10), "1700001201.000100", long, nil))

	waitFor(t, "four replies", func() bool { return len(f.Calls("chat.postMessage")) == 4 })
	titles := f.Calls("assistant.threads.setTitle")
	if len(titles) != 2 {
		t.Fatalf("%d setTitle calls, want 2: %v", len(titles), titles)
	}
	if got := titles[0].Form; got.Get("channel_id") != "D1" || got.Get("thread_ts") != thread || got.Get("title") != "Can I deploy api to #prod now?" {
		t.Errorf("title = %v", got)
	}
	if got := titles[1].Form.Get("title"); utf8.RuneCountInString(got) > 60 || !strings.HasSuffix(got, "…") || !strings.HasPrefix(got, "pourquoi le déploiement") {
		t.Errorf("long title = %q", got)
	}
	if n := len(f.Calls("assistant.threads.setSuggestedPrompts")); n != 2 {
		t.Errorf("%d setSuggestedPrompts calls, want 2", n)
	}
	// The title comes before the answer.
	var order []string
	for _, c := range f.AllCalls() {
		if c.Method == "assistant.threads.setTitle" || c.Method == "chat.postMessage" {
			order = append(order, c.Method)
		}
	}
	if len(order) < 2 || order[0] != "assistant.threads.setTitle" || order[1] != "chat.postMessage" {
		t.Errorf("calls in order %v, want the title before the first answer", order)
	}
}
