package slack

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"deploybot"
)

// SlashCommand is the text a /deploy command hands to the Handler and where
// its answer goes.
type SlashCommand struct {
	Text   string // the chat command, e.g. "deploy api v1.4.2 to production"
	Public bool   // answer in the channel (plans, approvals); else only to the requester
}

// chat commands passed on as typed, and whether their answer is public.
var slashVerbs = map[string]bool{
	"help": false, "aide": false, "status": false, "statut": false, "pending": false,
	"history": false, "historique": false, "lock": true, "unlock": true, "freeze": true, "unfreeze": true,
	"approve": true, "deny": true, "cancel": true, "confirm": true, "rollback": true,
}

// ParseSlash turns the text of "/deploy TEXT" into a chat command:
//
//	""                            -> "help" (to the requester)
//	"status [project]", "help"    -> as typed (to the requester)
//	"rollback api production"     -> as typed (in the channel)
//	"approve 12", "cancel 12"...  -> as typed (in the channel)
//	"api v1.4.2 production"       -> "deploy api v1.4.2 to production" (in the channel)
//	"deploy api v1.4.2 production" and "api v1.4.2 to production" alike
//
// Options (--yes, --force "reason", --wait) are kept at the end.
func ParseSlash(text string) SlashCommand {
	text = strings.TrimSpace(text)
	words := strings.Fields(text)
	if len(words) == 0 {
		return SlashCommand{Text: "help"}
	}
	verb := strings.ToLower(words[0])
	if public, ok := slashVerbs[verb]; ok {
		return SlashCommand{Text: text, Public: public}
	}
	if verb == "deploy" || verb == "deploie" || verb == "déploie" {
		words = words[1:]
	}
	var args, opts []string
	for i, w := range words {
		if strings.HasPrefix(w, "--") || w == "-y" {
			opts = words[i:]
			break
		}
		args = append(args, w)
	}
	if len(args) == 3 && !isPreposition(args[1]) && !isPreposition(args[2]) {
		args = []string{args[0], args[1], "to", args[2]}
	}
	out := strings.Join(append(append([]string{"deploy"}, args...), opts...), " ")
	return SlashCommand{Text: out, Public: true}
}

func isPreposition(w string) bool {
	switch strings.ToLower(w) {
	case "to", "on", "in", "en", "sur", "vers":
		return true
	}
	return false
}

// handleSlash accepts one /deploy command: it queues the work and returns
// the immediate, ephemeral acknowledgement shown to the requester.
func (a *Adapter) handleSlash(ctx context.Context, cmd slack.SlashCommand) (map[string]any, error) {
	sc := ParseSlash(cmd.Text)
	key := ""
	if cmd.TriggerID != "" {
		key = "command:" + cmd.TriggerID
	}
	c := conversation{id: "cmd:" + orElse(cmd.TriggerID, cmd.UserID+":"+cmd.Text), channel: cmd.ChannelID,
		userID: cmd.UserID, text: sc.Text, at: time.Now()}
	dup, err := a.accept(ctx, key, cmd.ChannelID, func(ctx context.Context) { a.answerSlash(ctx, c, sc, cmd.Command+" "+cmd.Text, cmd.ResponseURL) })
	if err != nil {
		return nil, err
	}
	ack := "⏳ " + strings.TrimSpace(cmd.Command+" "+cmd.Text) + "…"
	if dup {
		ack = "⏳ already on it: " + strings.TrimSpace(cmd.Command+" "+cmd.Text)
	}
	return map[string]any{"response_type": slack.ResponseTypeEphemeral, "text": ack}, nil
}

// answerSlash runs a slash command and posts its answer: in the channel for
// plans and decisions (saying who asked), else only to the requester. When
// the bot may not post in the channel (not a member, a DM between people),
// the answer goes to the requester through the command's response_url.
func (a *Adapter) answerSlash(ctx context.Context, c conversation, sc SlashCommand, typed, responseURL string) {
	reply, ok := a.ask(ctx, c)
	if !ok && ctx.Err() != nil {
		return
	}
	if sc.Public && ok {
		shown := reply
		by := "@" + a.users.get(ctx, c.userID).display() + ": " + strings.TrimSpace(typed)
		if shown.Note != "" {
			by = shown.Note + " · " + by
		}
		shown.Note = by
		if _, _, err := a.postMessage(ctx, c.channel, "", messageOptions(shown)...); err == nil {
			return
		} else {
			a.logger.Warn("post slash command answer in channel", "channel", c.channel, "err", err)
		}
	}
	if err := a.postEphemeral(ctx, c.channel, c.userID, "", messageOptions(reply)...); err == nil {
		return
	} else if responseURL == "" {
		a.logger.Error("post slash command answer", "channel", c.channel, "err", err)
		return
	}
	blocks := slack.Blocks{BlockSet: Render(reply)}
	msg := &slack.WebhookMessage{ResponseType: slack.ResponseTypeEphemeral, Text: FallbackText(reply), Blocks: &blocks}
	if err := slack.PostWebhookCustomHTTPContext(ctx, responseURL, a.opts.HTTPClient, msg); err != nil {
		a.logger.Error("post slash command answer to response_url", "channel", c.channel, "err", err)
	}
}

// replyLang is the language of r, else d.
func replyLang(r deploybot.Reply, d deploybot.Lang) deploybot.Lang {
	if r.Lang != "" {
		return r.Lang
	}
	return d
}
