package slackfake

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Sign sets the X-Slack-Request-Timestamp and X-Slack-Signature headers of
// a request with body, as Slack signs them with the app's signing secret
// at ts.
func Sign(h http.Header, secret string, body []byte, ts time.Time) {
	s := strconv.FormatInt(ts.Unix(), 10)
	m := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(m, "v0:%s:", s)
	m.Write(body)
	h.Set("X-Slack-Request-Timestamp", s)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(m.Sum(nil)))
}

// NewRequest returns a POST of body to u, signed with secret at ts, with
// the content type of the endpoint: JSON for events, a form otherwise.
func NewRequest(ctx context.Context, u, secret string, body []byte, ts time.Time) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	ct := "application/x-www-form-urlencoded"
	if len(body) > 0 && body[0] == '{' {
		ct = "application/json"
	}
	req.Header.Set("Content-Type", ct)
	Sign(req.Header, secret, body, ts)
	return req, nil
}

// Signer sends signed requests to deploybot's HTTP endpoints
// (/slack/events, /slack/commands, /slack/interactions under BaseURL).
type Signer struct {
	BaseURL string // e.g. http://127.0.0.1:8080
	Secret  string
	Client  *http.Client     // nil: http.DefaultClient
	Now     func() time.Time // the signature's time; nil: time.Now
}

// Response is what an endpoint answered.
type Response struct {
	Status int
	Body   []byte
}

// Send posts body, signed, to path, with extra headers (such as
// X-Slack-Retry-Num) added.
func (s *Signer) Send(ctx context.Context, path string, body []byte, header http.Header) (Response, error) {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	req, err := NewRequest(ctx, strings.TrimSuffix(s.BaseURL, "/")+path, s.Secret, body, now())
	if err != nil {
		return Response{}, err
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	c := s.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Body: b}, err
}

// Event sends an Events API body to /slack/events; retry > 0 sends it as
// Slack's retry number retry (X-Slack-Retry-Num, reason http_timeout).
func (s *Signer) Event(ctx context.Context, body []byte, retry int) (Response, error) {
	var h http.Header
	if retry > 0 {
		h = http.Header{"X-Slack-Retry-Num": {strconv.Itoa(retry)}, "X-Slack-Retry-Reason": {"http_timeout"}}
	}
	return s.Send(ctx, "/slack/events", body, h)
}

// Command sends a slash command to /slack/commands.
func (s *Signer) Command(ctx context.Context, c Command) (Response, error) {
	return s.Send(ctx, "/slack/commands", []byte(c.Form().Encode()), nil)
}

// Interaction sends an interaction payload (JSON) to /slack/interactions.
func (s *Signer) Interaction(ctx context.Context, payload []byte) (Response, error) {
	return s.Send(ctx, "/slack/interactions", InteractionBody(payload), nil)
}

// InteractionBody is the form body Slack sends an interaction payload in.
func InteractionBody(payload []byte) []byte {
	return []byte(url.Values{"payload": {string(payload)}}.Encode())
}

// Event is an Events API event_callback carrying a message: an app_mention
// (the default Type) or a message event.
type Event struct {
	ID          string // event_id
	Team        string // team_id of the callback
	Type        string // "app_mention" (default) or "message"
	Channel     string
	ChannelType string // message events: "channel", "group", "im", "mpim"
	User        string
	UserTeam    string // user_team, in shared channels
	Text        string
	TS          string
	ThreadTS    string
	Subtype     string
	BotID       string
}

// Body is the JSON Slack posts for e.
func (e Event) Body() []byte {
	typ := e.Type
	if typ == "" {
		typ = "app_mention"
	}
	ev := map[string]any{"type": typ, "channel": e.Channel, "text": e.Text, "ts": e.TS, "event_ts": e.TS}
	for k, v := range map[string]string{"user": e.User, "user_team": e.UserTeam, "thread_ts": e.ThreadTS,
		"subtype": e.Subtype, "bot_id": e.BotID, "channel_type": e.ChannelType} {
		if v != "" {
			ev[k] = v
		}
	}
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": e.Team, "api_app_id": "A0APP",
		"event_id": e.ID, "event_time": 1700000000, "event": ev})
	return b
}

// Command is a slash command.
type Command struct {
	Command     string // default "/deploy"
	Text        string
	User        string
	UserName    string
	Team        string
	Channel     string
	TriggerID   string
	ResponseURL string
}

// Form is the form Slack posts for c.
func (c Command) Form() url.Values {
	cmd := c.Command
	if cmd == "" {
		cmd = "/deploy"
	}
	v := url.Values{"command": {cmd}, "text": {c.Text}}
	for k, x := range map[string]string{"user_id": c.User, "user_name": c.UserName, "team_id": c.Team,
		"channel_id": c.Channel, "trigger_id": c.TriggerID, "response_url": c.ResponseURL} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

// Click is a block_actions interaction: one button clicked on a message.
type Click struct {
	TriggerID string
	User      string
	Team      string
	Channel   string
	MessageTS string // the message the button is on
	ThreadTS  string
	Message   json.RawMessage // the message as Slack sends it; nil: a minimal one
	ActionID  string
	BlockID   string
	Value     string
	ActionTS  string
}

// Payload is the JSON payload of c.
func (c Click) Payload() []byte {
	msg := c.Message
	if msg == nil {
		msg, _ = json.Marshal(map[string]any{"type": "message", "ts": c.MessageTS, "text": ""})
	}
	container := map[string]any{"type": "message", "message_ts": c.MessageTS, "channel_id": c.Channel}
	if c.ThreadTS != "" {
		container["thread_ts"] = c.ThreadTS
	}
	b, _ := json.Marshal(map[string]any{
		"type": "block_actions", "trigger_id": c.TriggerID, "user": map[string]any{"id": c.User, "team_id": c.Team},
		"team": map[string]any{"id": c.Team}, "container": container, "channel": map[string]any{"id": c.Channel},
		"message": msg,
		"actions": []map[string]any{{"action_id": c.ActionID, "block_id": c.BlockID, "value": c.Value, "type": "button",
			"action_ts": c.ActionTS}},
	})
	return b
}
