package slack

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"deploybot"
)

// Click is what a button click becomes: the chat command typed in the
// clicker's name, and how the decision is shown on the message afterwards.
type Click struct {
	Text string // the chat command, e.g. "approve 12"
	Icon string // "✅", "❌" or "↩️"
	Verb string // past participle, English: "approved"
	Fr   string // the same in French: "approuvé"
}

var (
	idValue       = regexp.MustCompile(`^\d+$`)
	rollbackValue = regexp.MustCompile(`^(\d+)\s+([A-Za-z0-9._-]+)\s+([A-Za-z0-9._-]+)$`)
	drillValue    = regexp.MustCompile(`^([A-Za-z0-9._-]+)\s+([A-Za-z0-9._-]+)$`)
	tickValue     = regexp.MustCompile(`^\d+(?:\s+[a-z_]+)+$`)
)

// ClickText maps a button (its action id and value) to the chat command a
// person would type, so that a click goes through the same policy, roles
// and four-eyes rule as a typed command:
//
//	deploy_approve "12"            -> "approve 12"
//	deploy_deny    "12"            -> "deny 12"
//	deploy_cancel  "12"            -> "cancel 12"
//	deploy_confirm "12"            -> "confirm 12"
//	deploy_rollback "12 api prod"  -> "rollback api prod"
//	deploy_tick    "12 all"        -> "tick 12 all"
//	deploy_drill   "api staging"   -> "drill api staging" (a plan to confirm)
//	suggest_command "status"       -> "status" (one of the closest things the
//	                                  bot can do, offered when it did not
//	                                  understand: sent as the clicker's message)
//
// It reports false for an unknown button or a value of the wrong shape,
// including a rollback button carrying only an id, which cannot name what
// to roll back.
func ClickText(actionID, value string) (Click, bool) {
	value = strings.TrimSpace(value)
	switch actionID {
	case "deploy_approve", "deploy_deny", "deploy_reject", "deploy_cancel", "deploy_confirm":
		if !idValue.MatchString(value) {
			return Click{}, false
		}
	}
	switch actionID {
	case "deploy_approve":
		return Click{Text: "approve " + value, Icon: "✅", Verb: "approved", Fr: "approuvé"}, true
	case "deploy_deny", "deploy_reject":
		return Click{Text: "deny " + value, Icon: "❌", Verb: "denied", Fr: "refusé"}, true
	case "deploy_cancel":
		return Click{Text: "cancel " + value, Icon: "❌", Verb: "cancelled", Fr: "annulé"}, true
	case "deploy_confirm":
		return Click{Text: "confirm " + value, Icon: "✅", Verb: "confirmed", Fr: "confirmé"}, true
	case "deploy_tick":
		if !tickValue.MatchString(value) {
			return Click{}, false
		}
		return Click{Text: "tick " + value, Icon: "☑️", Verb: "checklist ticked", Fr: "checklist cochée"}, true
	case "deploy_drill":
		m := drillValue.FindStringSubmatch(value)
		if m == nil {
			return Click{}, false
		}
		return Click{Text: "drill " + m[1] + " " + m[2], Icon: "🧯", Verb: "drill requested", Fr: "exercice demandé"}, true
	case "suggest_command":
		// A suggestion is a message the clicker could have typed; it
		// carries no option (--yes, --force), so that it only ever asks.
		if !suggestionValue(value) {
			return Click{}, false
		}
		return Click{Text: value, Icon: "💬", Verb: strconv.Quote(value) + " asked", Fr: "« " + value + " » demandé"}, true
	case "deploy_rollback":
		m := rollbackValue.FindStringSubmatch(value)
		if m == nil {
			return Click{}, false
		}
		return Click{Text: "rollback " + m[2] + " " + m[3], Icon: "↩️", Verb: "rollback requested", Fr: "rollback demandé"}, true
	}
	return Click{}, false
}

// maxSuggestion bounds the text a suggestion button carries.
const maxSuggestion = 200

// suggestionValue reports whether value can be sent as a suggested
// message: one line, not empty, short, with no option.
func suggestionValue(value string) bool {
	return value != "" && len(value) <= maxSuggestion && !strings.ContainsAny(value, "\n\r") && !strings.Contains(value, "--")
}

// interaction is what deploybot reads of an interaction payload.
type interaction struct {
	Type        string `json:"type"`
	TriggerID   string `json:"trigger_id"`
	ResponseURL string `json:"response_url"`
	User        struct {
		ID     string `json:"id"`
		TeamID string `json:"team_id"`
	} `json:"user"`
	Team struct {
		ID string `json:"id"`
	} `json:"team"`
	Channel struct {
		ID string `json:"id"`
	} `json:"channel"`
	Container struct {
		ChannelID   string `json:"channel_id"`
		MessageTS   string `json:"message_ts"`
		ThreadTS    string `json:"thread_ts"`
		IsEphemeral bool   `json:"is_ephemeral"`
	} `json:"container"`
	Message struct {
		TS       string          `json:"ts"`
		ThreadTS string          `json:"thread_ts"`
		Text     string          `json:"text"`
		Blocks   json.RawMessage `json:"blocks"`
	} `json:"message"`
	Actions []struct {
		ActionID string `json:"action_id"`
		BlockID  string `json:"block_id"`
		Value    string `json:"value"`
		ActionTS string `json:"action_ts"`
	} `json:"actions"`
}

// handleInteraction accepts one interaction payload (JSON): each button
// click is recorded in the inbox, once, and handled as the clicker's chat
// command. digest identifies the delivery (a hash of the signed request or
// of the payload), for clicks Slack sends without a trigger id. Other
// interactions (shortcuts, views) are ignored.
func (a *Adapter) handleInteraction(ctx context.Context, payload []byte, digest string) error {
	var cb interaction
	if err := json.Unmarshal(payload, &cb); err != nil {
		return malformed("interaction: %v", err)
	}
	if cb.User.ID == "" {
		return malformed("interaction without a user")
	}
	if cb.Type != "block_actions" {
		return nil
	}
	channel := orElse(cb.Container.ChannelID, cb.Channel.ID)
	if channel == "" || len(cb.Actions) == 0 {
		return malformed("block_actions without a channel or an action")
	}
	msgTS := orElse(cb.Container.MessageTS, cb.Message.TS)
	thread := orElse(cb.Container.ThreadTS, orElse(cb.Message.ThreadTS, msgTS))
	var blocks json.RawMessage
	if len(cb.Message.Blocks) > 0 && string(cb.Message.Blocks) != "null" {
		blocks = cb.Message.Blocks
	}
	for i, act := range cb.Actions {
		key := "action:" + digest + ":" + strconv.Itoa(i)
		if cb.TriggerID != "" {
			key = "action:" + cb.TriggerID + ":" + act.ActionID + ":" + act.ActionTS
		}
		j := job{Kind: kindClick, ID: clean(key), Channel: channel, Thread: thread, User: cb.User.ID,
			Team: orElse(cb.User.TeamID, cb.Team.ID), At: slackTime(act.ActionTS), ResponseURL: cb.ResponseURL,
			ActionID: clean(act.ActionID), Value: clean(act.Value), BlockID: act.BlockID, MessageTS: msgTS,
			Ephemeral: cb.Container.IsEphemeral, MsgText: clean(cb.Message.Text), Blocks: blocks}
		if j.At.IsZero() {
			j.At = a.now()
		}
		dup, err := a.accept(ctx, key, j)
		if err != nil {
			return err
		}
		if dup {
			a.logger.Debug("duplicate slack click dropped", "key", key)
		}
	}
	return nil
}

// click runs one button click as the clicker's chat command. When the
// Handler accepts it, the message the button was on loses its buttons and
// says who did what; when it refuses (not allowed, the requester approving
// their own deployment...), only the clicker sees why and the buttons stay
// for someone else.
func (a *Adapter) click(ctx context.Context, j job) []outbound {
	cl, ok := ClickText(j.ActionID, j.Value)
	if !ok {
		a.logger.Warn("unknown slack button", "action_id", j.ActionID, "channel", j.Channel)
		r := deploybot.Reply{Text: "❌ This button is not understood (any more). Type the command instead, e.g. `rollback PROJECT ENV`."}
		return []outbound{a.outEphemeral(ctx, j.Channel, j.User, j.Thread, r)}
	}
	j.Text = cl.Text
	reply, ok := a.ask(ctx, j)
	if ctx.Err() != nil {
		return nil
	}
	if !ok || refused(reply) {
		return []outbound{a.outEphemeral(ctx, j.Channel, j.User, j.Thread, reply)}
	}
	shown := a.humanize(ctx, reply)
	verb := cl.Verb + " by"
	if replyLang(reply, a.opts.Lang) == deploybot.French {
		verb = cl.Fr + " par"
	}
	line := cl.Icon + " " + verb + " @" + orElse(a.nameOf(ctx, j.User), j.User)
	if s := firstLine(shown.Text); s != "" {
		line += " — " + s
	}
	var out []outbound
	if done, ok := a.markDone(j, truncate(Mrkdwn(line), maxContextText)); ok {
		out = append(out, done)
	}
	// A reply with more than a sentence (a rollback plan, its buttons)
	// goes in the thread; a sentence is already on the message.
	if reply.Title != "" || len(reply.Fields) > 0 || len(reply.Actions) > 0 || strings.Contains(strings.TrimSpace(reply.Text), "\n") {
		out = append(out, a.outPost(ctx, j.Channel, j.Thread, reply))
	}
	return out
}

// markDone returns the update of the clicked message: its buttons' block
// replaced by a context line saying who did what, every other block kept.
func (a *Adapter) markDone(j job, line string) (outbound, bool) {
	var old slack.Blocks
	if len(j.Blocks) > 0 {
		if err := json.Unmarshal(j.Blocks, &old); err != nil {
			a.logger.Warn("clicked message's blocks unreadable; replaced", "channel", j.Channel, "err", err)
		}
	}
	var blocks []slack.Block
	for _, b := range old.BlockSet {
		if ab, ok := b.(*slack.ActionBlock); ok && (j.BlockID == "" || ab.BlockID == j.BlockID) {
			continue
		}
		blocks = append(blocks, b)
	}
	blocks = append(blocks, slack.NewContextBlock("", mrkdwn(line)))
	raw, err := json.Marshal(slack.Blocks{BlockSet: blocks})
	if err != nil {
		a.logger.Warn("encode the clicked message", "channel", j.Channel, "err", err)
		return outbound{}, false
	}
	text := strings.TrimSpace(j.MsgText + "\n" + line)
	if j.Ephemeral {
		if j.ResponseURL == "" {
			return outbound{}, false
		}
		return outbound{Op: opWebhook, URL: j.ResponseURL, Replace: true, Text: text, Blocks: raw}, true
	}
	if j.MessageTS == "" {
		return outbound{}, false
	}
	return outbound{Op: opUpdate, Channel: j.Channel, TS: j.MessageTS, Text: text, Blocks: raw}, true
}

// refused reports whether a reply is a refusal: the agents start those
// with "❌".
func refused(r deploybot.Reply) bool {
	return strings.HasPrefix(strings.TrimSpace(r.Text), "❌") && r.Title == ""
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return truncate(s, 280)
}
