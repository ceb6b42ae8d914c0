package slack_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"deploybot"
)

// TestSocketMode runs the adapter against an in-process WebSocket server
// that speaks Slack's Socket Mode envelopes: each envelope is acknowledged
// by its id, the mention is answered in its thread, the slash command's ack
// carries the ephemeral "⏳", and a redelivered envelope (retry_attempt 1)
// is acknowledged but not handled again.
func TestSocketMode(t *testing.T) {
	f := newFakeSlack(t)
	envelopes := []string{
		`{"type":"events_api","envelope_id":"env-1","accepts_response_payload":false,"retry_attempt":0,"retry_reason":"",
 "payload":{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"EvS1","event_time":1,
   "event":{"type":"app_mention","user":"U1","text":"<@UBOT> what's in production?","ts":"1700000500.000100","channel":"C1","event_ts":"1700000500.000100"}}}`,
		`{"type":"slash_commands","envelope_id":"env-2","accepts_response_payload":true,
 "payload":{"command":"/deploy","text":"status api","user_id":"U1","channel_id":"C1","response_url":"x","trigger_id":"trig-s"}}`,
		`{"type":"interactive","envelope_id":"env-3","accepts_response_payload":false,
 "payload":{"type":"block_actions","trigger_id":"trig-c","user":{"id":"U2"},"container":{"type":"message","message_ts":"1700000300.000100","channel_id":"C1"},"channel":{"id":"C1"},
  "actions":[{"action_id":"deploy_approve","block_id":"deploybot_actions","value":"42","type":"button","action_ts":"1700000301.1"}]}}`,
		`{"type":"events_api","envelope_id":"env-4","accepts_response_payload":false,"retry_attempt":1,"retry_reason":"timeout",
 "payload":{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"EvS1","event_time":1,
   "event":{"type":"app_mention","user":"U1","text":"<@UBOT> what's in production?","ts":"1700000500.000100","channel":"C1","event_ts":"1700000500.000100"}}}`,
	}
	var mu sync.Mutex
	acks := map[string]map[string]any{}
	upgrader := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }} // slack-go sends Origin: https://api.slack.com
	f.HandleWebSocket(func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			t.Logf("upgrade %s: %v", r.URL, err)
			return
		}
		defer conn.Close()
		_ = conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1})
		for _, e := range envelopes {
			_ = conn.WriteMessage(websocket.TextMessage, []byte(e))
		}
		for {
			var ack map[string]any
			if err := conn.ReadJSON(&ack); err != nil {
				return
			}
			mu.Lock()
			acks[ack["envelope_id"].(string)] = ack
			mu.Unlock()
		}
	})
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
		return deploybot.Reply{Text: "ok: " + m.Text}, nil
	}}
	a := newAdapter(t, f, dbInbox(t, ""), h)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()

	waitFor(t, "four acks", func() bool { mu.Lock(); defer mu.Unlock(); return len(acks) == 4 })
	waitFor(t, "the answers", func() bool {
		return len(f.Calls("chat.postMessage")) == 1 && len(f.Calls("chat.postEphemeral")) == 1 && len(f.Calls("chat.update")) == 1
	})
	if err := a.Ready(); err != nil {
		t.Errorf("Ready() = %v while connected", err)
	}
	mu.Lock()
	slashAck := acks["env-2"]
	mu.Unlock()
	if p, _ := slashAck["payload"].(map[string]any); p == nil || !strings.HasPrefix(p["text"].(string), "⏳") || p["response_type"] != "ephemeral" {
		t.Errorf("slash ack = %v, want an ephemeral ⏳ payload", slashAck)
	}
	post := f.Calls("chat.postMessage")[0]
	if post.Form.Get("thread_ts") != "1700000500.000100" {
		t.Errorf("mention answered in thread %q", post.Form.Get("thread_ts"))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	var texts []string
	for _, m := range h.messages() {
		texts = append(texts, m.UserName+":"+m.Text)
	}
	if got := strings.Join(texts, "|"); got != "alice:what's in production?|alice:status api|bob:approve 42" {
		t.Errorf("handled %q (the redelivered envelope must not be handled again)", got)
	}
}
