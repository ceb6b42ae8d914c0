package slack

import (
	"context"
	"strings"

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

// slashCommand is what deploybot reads of a slash command, sent as a form
// (HTTP) or as JSON (Socket Mode).
type slashCommand struct {
	Command     string `json:"command"`
	Text        string `json:"text"`
	UserID      string `json:"user_id"`
	TeamID      string `json:"team_id"`
	ChannelID   string `json:"channel_id"`
	TriggerID   string `json:"trigger_id"`
	ResponseURL string `json:"response_url"`
}

// check refuses a command Slack could not have sent.
func (c slashCommand) check() error {
	if c.Command == "" || c.UserID == "" || c.ChannelID == "" {
		return malformed("slash command without command, user_id or channel_id")
	}
	return nil
}

// handleSlash accepts one slash command: it records it in the inbox under
// key (a digest of the signed request: commands have no id, and the same
// request delivered twice is the same command) and returns the immediate,
// ephemeral acknowledgement shown to the requester.
func (a *Adapter) handleSlash(ctx context.Context, cmd slashCommand, key string) (map[string]any, error) {
	if err := cmd.check(); err != nil {
		return nil, err
	}
	cmd.Text, cmd.Command = clean(cmd.Text), clean(cmd.Command)
	sc := ParseSlash(cmd.Text)
	typed := strings.TrimSpace(cmd.Command + " " + cmd.Text)
	j := job{Kind: kindCommand, ID: key, Channel: cmd.ChannelID, User: cmd.UserID, Team: cmd.TeamID, Text: sc.Text,
		At: a.now(), Typed: typed, Public: sc.Public, ResponseURL: cmd.ResponseURL}
	dup, err := a.accept(ctx, key, j)
	if err != nil {
		return nil, err
	}
	ack := "⏳ " + typed + "…"
	if dup {
		ack = "⏳ already on it: " + typed
	}
	return map[string]any{"response_type": slack.ResponseTypeEphemeral, "text": truncate(ack, maxFallbackText)}, nil
}

// answerSlash runs a slash command and returns how to answer it: in the
// channel for plans and decisions (saying who asked), else only to the
// requester. When the bot may not post in the channel (not a member, a DM
// between people), the answer goes to the requester, or through the
// command's response_url.
func (a *Adapter) answerSlash(ctx context.Context, j job) []outbound {
	reply, ok := a.ask(ctx, j)
	if ctx.Err() != nil {
		return nil
	}
	private := a.outEphemeral(ctx, j.Channel, j.User, "", reply)
	if j.ResponseURL != "" {
		private.Else = &outbound{Op: opWebhook, URL: j.ResponseURL, Text: private.Text, Blocks: private.Blocks}
	}
	if !j.Public || !ok {
		return []outbound{private}
	}
	shown := reply
	by := "@" + orElse(a.nameOf(ctx, j.User), j.User) + ": " + j.Typed
	if shown.Note != "" {
		by = shown.Note + " · " + by
	}
	shown.Note = by
	post := a.outPost(ctx, j.Channel, "", shown)
	post.Else = &private
	return []outbound{post}
}

// replyLang is the language of r, else d.
func replyLang(r deploybot.Reply, d deploybot.Lang) deploybot.Lang {
	if r.Lang != "" {
		return r.Lang
	}
	return d
}
