package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"deploybot"
)

// The ways an answer reaches Slack.
const (
	opPost      = "post"      // chat.postMessage, with the inbox key in its metadata
	opEphemeral = "ephemeral" // chat.postEphemeral: only User sees it
	opUpdate    = "update"    // chat.update of the message TS
	opWebhook   = "webhook"   // a response_url
)

// outbound is one Web API call that answers an inbox entry, rendered when
// the answer was stored, so that posting it again after a crash posts the
// same thing.
type outbound struct {
	Op      string          `json:"op"`
	Channel string          `json:"channel,omitempty"`
	Thread  string          `json:"thread,omitempty"`
	User    string          `json:"user,omitempty"`    // ephemeral: who sees it
	TS      string          `json:"ts,omitempty"`      // update: the message
	URL     string          `json:"url,omitempty"`     // webhook: the response_url
	Replace bool            `json:"replace,omitempty"` // webhook: replace the original message
	Text    string          `json:"text"`
	Blocks  json.RawMessage `json:"blocks,omitempty"`
	Else    *outbound       `json:"else,omitempty"` // tried when this one fails
}

// replyEventType names deploybot's replies in Slack message metadata.
const replyEventType = "deploybot_reply"

// maxLookupPages bounds the pages read to find a reply posted before.
const maxLookupPages = 20

// rendered returns the fallback text and the blocks of r, actors shown
// by name.
func (a *Adapter) rendered(ctx context.Context, r deploybot.Reply) (string, json.RawMessage) {
	r = a.humanize(ctx, r)
	b, err := json.Marshal(slack.Blocks{BlockSet: Render(r)})
	if err != nil { // blocks made by Render always encode
		b = nil
	}
	return FallbackText(r), b
}

func (a *Adapter) outPost(ctx context.Context, channel, thread string, r deploybot.Reply) outbound {
	text, blocks := a.rendered(ctx, r)
	return outbound{Op: opPost, Channel: channel, Thread: thread, Text: text, Blocks: blocks}
}

func (a *Adapter) outEphemeral(ctx context.Context, channel, user, thread string, r deploybot.Reply) outbound {
	text, blocks := a.rendered(ctx, r)
	return outbound{Op: opEphemeral, Channel: channel, User: user, Thread: thread, Text: text, Blocks: blocks}
}

// msgOptions are the text and blocks of o as chat options.
func (o outbound) msgOptions() ([]slack.MsgOption, error) {
	opts := []slack.MsgOption{slack.MsgOptionText(o.Text, false)}
	if len(o.Blocks) > 0 {
		var bs slack.Blocks
		if err := json.Unmarshal(o.Blocks, &bs); err != nil {
			return nil, fmt.Errorf("stored blocks: %w", err)
		}
		opts = append(opts, slack.MsgOptionBlocks(bs.BlockSet...))
	}
	return opts, nil
}

// deliver posts the answers of entry e in order and returns the ts of the
// first message posted. When recovering (the answer was stored before, by
// this process or one that stopped), a message that may have been posted
// already is looked for in its thread first, by the inbox key in its
// metadata, and not posted twice. Updates are posted again (they replace);
// ephemeral messages cannot be looked for and are shown again.
func (a *Adapter) deliver(ctx context.Context, e InboxEntry, out []outbound, recovering bool) (string, error) {
	var posted string
	for i, o := range out {
		ts, err := a.send(ctx, e, i, o, recovering)
		if err != nil {
			return posted, err
		}
		if posted == "" {
			posted = ts
		}
	}
	return posted, nil
}

// send sends o, then its alternatives while they fail.
func (a *Adapter) send(ctx context.Context, e InboxEntry, part int, o outbound, recovering bool) (string, error) {
	for alt := &o; ; alt = alt.Else {
		ts, err := a.sendOne(ctx, e, part, *alt, recovering)
		if err == nil || alt.Else == nil || ctx.Err() != nil {
			return ts, err
		}
		a.logger.Warn("slack answer not delivered; trying the next way", "key", e.Key, "op", alt.Op, "channel", alt.Channel, "err", err)
	}
}

func (a *Adapter) sendOne(ctx context.Context, e InboxEntry, part int, o outbound, recovering bool) (string, error) {
	opts, err := o.msgOptions()
	if err != nil {
		return "", err
	}
	switch o.Op {
	case opPost:
		if recovering {
			ts, found, err := a.findPosted(ctx, e, part, o.Channel, o.Thread)
			if err != nil {
				return "", fmt.Errorf("look for a reply posted before: %w", err)
			}
			if found {
				a.logger.Info("slack reply was posted before the restart; not posted again", "key", e.Key, "ts", ts)
				a.threads.set(o.Channel, orElse(o.Thread, ts), true)
				return ts, nil
			}
		}
		opts = append(opts, slack.MsgOptionMetadata(slack.SlackMetadata{EventType: replyEventType,
			EventPayload: map[string]any{"inbox_key": e.Key, "part": part}}))
		_, ts, err := a.postMessage(ctx, o.Channel, o.Thread, opts...)
		return ts, err
	case opEphemeral:
		return "", a.postEphemeral(ctx, o.Channel, o.User, o.Thread, opts...)
	case opUpdate:
		return "", a.updateMessage(ctx, o.Channel, o.TS, opts...)
	case opWebhook:
		msg := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, ReplaceOriginal: o.Replace, Text: o.Text}
		if len(o.Blocks) > 0 {
			var bs slack.Blocks
			if err := json.Unmarshal(o.Blocks, &bs); err != nil {
				return "", fmt.Errorf("stored blocks: %w", err)
			}
			msg.Blocks = &bs
		}
		if err := slack.PostWebhookCustomHTTPContext(ctx, o.URL, a.opts.HTTPClient, msg); err != nil {
			return "", fmt.Errorf("response_url: %w", err)
		}
		return "", nil
	}
	return "", fmt.Errorf("unknown way to answer %q", o.Op)
}

// findPosted looks for the message posted for part of entry e: in its
// thread (conversations.replies), or for a message outside threads in the
// channel's history since the entry came (conversations.history), with
// include_all_metadata, by the inbox key in the metadata.
func (a *Adapter) findPosted(ctx context.Context, e InboxEntry, part int, channel, thread string) (string, bool, error) {
	match := func(msgs []slack.Message) (string, bool) {
		for _, m := range msgs {
			if m.Metadata.EventType != replyEventType {
				continue
			}
			if k, _ := m.Metadata.EventPayload["inbox_key"].(string); k == e.Key && partOf(m.Metadata.EventPayload["part"]) == part {
				return m.Timestamp, true
			}
		}
		return "", false
	}
	if thread != "" {
		params := &slack.GetConversationRepliesParameters{ChannelID: channel, Timestamp: thread, Limit: 200, IncludeAllMetadata: true}
		for range maxLookupPages {
			var msgs []slack.Message
			var more bool
			var cursor string
			err := a.call(ctx, "conversations.replies", func() error {
				var err error
				msgs, more, cursor, err = a.api.GetConversationRepliesContext(ctx, params)
				return err
			})
			if isSlackError(err, "thread_not_found") {
				return "", false, nil
			} else if err != nil {
				return "", false, err
			}
			if ts, ok := match(msgs); ok {
				return ts, true, nil
			}
			if !more || cursor == "" {
				break
			}
			params.Cursor = cursor
		}
		return "", false, nil
	}
	params := &slack.GetConversationHistoryParameters{ChannelID: channel, Limit: 200, IncludeAllMetadata: true,
		Oldest: slackTS(e.ReceivedAt.Add(-time.Minute))}
	for range maxLookupPages {
		var resp *slack.GetConversationHistoryResponse
		err := a.call(ctx, "conversations.history", func() error {
			var err error
			resp, err = a.api.GetConversationHistoryContext(ctx, params)
			return err
		})
		if err != nil {
			return "", false, err
		}
		if ts, ok := match(resp.Messages); ok {
			return ts, true, nil
		}
		if !resp.HasMore || resp.ResponseMetaData.NextCursor == "" {
			break
		}
		params.Cursor = resp.ResponseMetaData.NextCursor
	}
	return "", false, nil
}

// partOf reads the part number of a reply's metadata (a JSON number).
func partOf(v any) int {
	switch p := v.(type) {
	case float64:
		return int(p)
	case string:
		n, err := strconv.Atoi(p)
		if err == nil {
			return n
		}
	}
	return -1
}

// isSlackError reports whether err is the Slack API error code.
func isSlackError(err error, code string) bool {
	var se slack.SlackErrorResponse
	return errors.As(err, &se) && se.Err == code
}

// slackTS writes t as a Slack ts.
func slackTS(t time.Time) string {
	return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
}
