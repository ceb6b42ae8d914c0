package slack_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
	"deploybot/slack/slackfake"
)

// keyRecorder is an inbox that remembers the keys it was asked to add and
// which of them were new.
type keyRecorder struct {
	slack.Inbox
	mu    sync.Mutex
	tried []string
	added []string
}

func (k *keyRecorder) Add(ctx context.Context, e slack.InboxEntry) (bool, error) {
	ok, err := k.Inbox.Add(ctx, e)
	k.mu.Lock()
	k.tried = append(k.tried, e.Key)
	if ok {
		k.added = append(k.added, e.Key)
	}
	k.mu.Unlock()
	return ok, err
}

// take returns and forgets the keys tried and added so far.
func (k *keyRecorder) take() (tried, added []string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	tried, added = k.tried, k.added
	k.tried, k.added = nil, nil
	return tried, added
}

// fuzzEndpoint sets up an adapter on a SQLite inbox and returns a function
// that sends a body, correctly signed, to path and checks the endpoint's
// contract: no panic; no 5xx (the store does not fail here, so not even
// 503); 400 and 401 record nothing; a 200 leaves one inbox entry per key
// it added, and the same request sent again adds nothing.
func fuzzEndpoint(f testing.TB, path, contentType string) func(t *testing.T, body []byte) {
	db := openStore(f, "")
	inbox := &keyRecorder{Inbox: storeInbox{db}}
	h := handlerFunc(func(ctx context.Context, m deploybot.Message) (deploybot.Reply, error) {
		return deploybot.Reply{Text: "ok: " + m.Text}, nil
	})
	// Not started: the deliveries wait in the inbox, so that what runs is
	// the acknowledgement path alone, the same for each input.
	a, err := slack.New(slack.Options{BotToken: botToken, SigningSecret: secret, APIURL: "http://127.0.0.1:1/",
		Handler: h, Inbox: inbox, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = a.Close(context.Background()) })
	handler := a.HTTPHandler()
	serve := func(body []byte, ts time.Time) int {
		req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		slackfake.Sign(req.Header, secret, body, ts)
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		return w.Code
	}
	return func(t *testing.T, body []byte) {
		ts := time.Now() // the same request again is signed at the same time
		code := serve(body, ts)
		tried, added := inbox.take()
		switch {
		case code >= 500:
			t.Fatalf("status %d for %q", code, body)
		case code != http.StatusOK:
			if len(tried) > 0 {
				t.Fatalf("status %d recorded %v for %q", code, tried, body)
			}
			return
		}
		for _, k := range added {
			e, ok, err := db.InboxEntryOf(context.Background(), k)
			if err != nil || !ok || e.Key != k {
				t.Fatalf("key %q acknowledged but not in the inbox (%v) for %q", k, err, body)
			}
		}
		if again := serve(body, ts); again != http.StatusOK {
			t.Fatalf("the same request again: status %d for %q", again, body)
		}
		if _, added := inbox.take(); len(added) > 0 {
			t.Fatalf("the same request again added %v for %q", added, body)
		}
	}
}

func FuzzEvents(f *testing.F) {
	for _, s := range []string{
		mentionEvent("Ev1", "C1", "U1", "<@UBOT> deploy api v1.4.2 to production", "1700000100.000100", ""),
		mentionEvent("Ev2", "C1", "U2", "<@UBOT> oui", "1700000101.000100", "1700000100.000100"),
		string(slackfake.Event{ID: "Ev3", Team: team, Type: "message", ChannelType: "im", Channel: "D1", User: "U1", Text: "status api", TS: "1700000102.000100"}.Body()),
		string(slackfake.Event{ID: "Ev4", Team: team, Type: "message", ChannelType: "channel", Channel: "C1", User: "U1", Text: "yes", TS: "1700000103.000100", ThreadTS: "1700000100.000100"}.Body()),
		string(slackfake.Event{ID: "Ev5", Type: "message", Subtype: "message_changed", ChannelType: "channel", Channel: "C1", TS: "1.2"}.Body()),
		`{"type":"event_callback","event_id":"Ev6","event":{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","channel_id":"D1","thread_ts":"1700001000.000100"}}}`,
		`{"type":"url_verification","token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`,
		`{"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820,"api_app_id":"A1"}`,
		`{"type":"event_callback","event_id":"Ev7","event":{"type":"reaction_added","user":"U1","item":{"type":"message","channel":"C1","ts":"1.1"}}}`,
		`{"type":"event_callback","event_id":"Ev8","event":null}`,
		`{"type":"event_callback","event_id":"Ev9","event":{"type":"app_mention","user":"U1","text":"<@UBOT> \xff\xfe","ts":"1.1","channel":"C1","edited":{"user":"U1"}}}`,
	} {
		f.Add([]byte(s))
	}
	check := fuzzEndpoint(f, "/slack/events", jsonType)
	f.Fuzz(check)
}

func FuzzCommands(f *testing.F) {
	for _, s := range []string{
		slackfake.Command{Text: "api v1.4.2 production", User: "U1", UserName: "alice", Team: team, Channel: "C1", TriggerID: "13345224609.738474920.8088930838d88f008e0", ResponseURL: "https://hooks.slack.com/commands/T1/1/x"}.Form().Encode(),
		slackfake.Command{Text: "status api", User: "U2", Channel: "C1"}.Form().Encode(),
		slackfake.Command{Text: "", User: "U2", Channel: "D1"}.Form().Encode(),
		slackfake.Command{Text: `api v1.4.2 production --force "hotfix"`, User: "U1", Channel: "C1"}.Form().Encode(),
		"token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=/weather&text=94070&response_url=https://hooks.slack.com/commands/1234/5678&trigger_id=13345224609.738474920.8088930838d88f008e0&api_app_id=A123456",
		"command=%2Fdeploy&text=%ff%fe&user_id=U1&channel_id=C1",
		"command=%zz",
		"",
	} {
		f.Add([]byte(s))
	}
	check := fuzzEndpoint(f, "/slack/commands", formType)
	f.Fuzz(check)
}

func FuzzInteractions(f *testing.F) {
	for _, s := range []string{
		clickPayload("U2", "deploy_approve", "12", "trig-b"),
		clickPayload("U1", "deploy_rollback", "12 api production", ""),
		clickPayload("U1", "unknown", "x", "trig-c"),
		string(slackfake.Click{User: "U2", Team: team, Channel: "C1", MessageTS: "1700000300.000100", ActionID: "deploy_deny", Value: "7", ActionTS: "1700000301.000001"}.Payload()),
		`{"type":"block_actions","user":{"id":"U1"},"container":{"type":"message","message_ts":"1.1","channel_id":"C1","is_ephemeral":true},"response_url":"https://hooks.slack.com/actions/1","actions":[{"action_id":"deploy_confirm","value":"3"}]}`,
		`{"type":"shortcut","user":{"id":"U1"},"callback_id":"x","trigger_id":"t"}`,
		`{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1"}}`,
		`{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"message":{"ts":"1.1","blocks":[{"type":"nonsense"}]},"actions":[{"action_id":"deploy_approve","value":"1"},{"action_id":"deploy_deny","value":"1"}]}`,
	} {
		f.Add([]byte(s))
	}
	check := fuzzEndpoint(f, "/slack/interactions", formType)
	f.Fuzz(func(t *testing.T, payload []byte) {
		check(t, []byte(url.Values{"payload": {string(payload)}}.Encode()))
	})
}
