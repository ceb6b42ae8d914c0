package slack

import (
	"context"
	"regexp"
	"strings"
	"time"

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
	case "deploy_rollback":
		m := rollbackValue.FindStringSubmatch(value)
		if m == nil {
			return Click{}, false
		}
		return Click{Text: "rollback " + m[2] + " " + m[3], Icon: "↩️", Verb: "rollback requested", Fr: "rollback demandé"}, true
	}
	return Click{}, false
}

// handleInteraction accepts one interaction payload: each button click is
// recorded (so that a repeated delivery is dropped) and queued.
func (a *Adapter) handleInteraction(ctx context.Context, cb slack.InteractionCallback) error {
	if cb.Type != slack.InteractionTypeBlockActions {
		return nil
	}
	channel := orElse(cb.Container.ChannelID, cb.Channel.ID)
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil {
			continue
		}
		key := "action:" + cb.TriggerID + ":" + act.ActionID + ":" + act.ActionTs
		if cb.TriggerID == "" && act.ActionTs == "" {
			key = ""
		}
		act := *act
		dup, err := a.accept(ctx, key, channel, func(ctx context.Context) { a.click(ctx, cb, act) })
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
func (a *Adapter) click(ctx context.Context, cb slack.InteractionCallback, act slack.BlockAction) {
	channel := orElse(cb.Container.ChannelID, cb.Channel.ID)
	msgTS := orElse(cb.Container.MessageTs, cb.Message.Timestamp)
	thread := orElse(cb.Container.ThreadTs, orElse(cb.Message.ThreadTimestamp, msgTS))
	cl, ok := ClickText(act.ActionID, act.Value)
	if !ok {
		a.logger.Warn("unknown slack button", "action_id", act.ActionID, "channel", channel)
		r := deploybot.Reply{Text: "❌ This button is not understood (any more). Type the command instead, e.g. `rollback PROJECT ENV`."}
		if err := a.postEphemeral(ctx, channel, cb.User.ID, thread, messageOptions(r)...); err != nil {
			a.logger.Warn("post click refusal", "channel", channel, "err", err)
		}
		return
	}
	c := conversation{id: "action:" + orElse(cb.TriggerID, act.ActionTs), channel: channel, thread: thread,
		userID: cb.User.ID, text: cl.Text, at: slackTime(act.ActionTs)}
	if c.at.IsZero() {
		c.at = time.Now()
	}
	reply, ok := a.ask(ctx, c)
	if !ok && ctx.Err() != nil {
		return
	}
	if !ok || refused(reply) {
		if err := a.postEphemeral(ctx, channel, cb.User.ID, thread, messageOptions(reply)...); err != nil {
			a.logger.Warn("post click refusal", "channel", channel, "err", err)
		}
		return
	}
	name := a.users.get(ctx, cb.User.ID).display()
	verb := cl.Verb + " by"
	if replyLang(reply, a.opts.Lang) == deploybot.French {
		verb = cl.Fr + " par"
	}
	line := cl.Icon + " " + verb + " @" + name
	if s := firstLine(reply.Text); s != "" {
		line += " — " + s
	}
	if err := a.markDone(ctx, cb, act, channel, msgTS, truncate(Mrkdwn(line), maxContextText)); err != nil {
		a.logger.Warn("update clicked message", "channel", channel, "ts", msgTS, "err", err)
	}
	// A reply with more than a sentence (a rollback plan, its buttons)
	// goes in the thread; a sentence is already on the message.
	if reply.Title != "" || len(reply.Fields) > 0 || len(reply.Actions) > 0 || strings.Contains(strings.TrimSpace(reply.Text), "\n") {
		if _, _, err := a.postMessage(ctx, channel, thread, messageOptions(reply)...); err != nil {
			a.logger.Error("post click reply", "channel", channel, "err", err)
		}
	}
}

// markDone replaces, on the clicked message, the buttons' block by a
// context line saying who did what, keeping every other block.
func (a *Adapter) markDone(ctx context.Context, cb slack.InteractionCallback, act slack.BlockAction, channel, ts, line string) error {
	var blocks []slack.Block
	for _, b := range cb.Message.Blocks.BlockSet {
		if ab, ok := b.(*slack.ActionBlock); ok && (act.BlockID == "" || ab.BlockID == act.BlockID) {
			continue
		}
		blocks = append(blocks, b)
	}
	blocks = append(blocks, slack.NewContextBlock("", mrkdwn(line)))
	text := strings.TrimSpace(cb.Message.Text + "\n" + line)
	if cb.Container.IsEphemeral {
		if cb.ResponseURL == "" {
			return nil
		}
		msg := &slack.WebhookMessage{ReplaceOriginal: true, Text: text, Blocks: &slack.Blocks{BlockSet: blocks}}
		return slack.PostWebhookCustomHTTPContext(ctx, cb.ResponseURL, a.opts.HTTPClient, msg)
	}
	return a.updateMessage(ctx, channel, ts, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
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
