package slack

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"deploybot"
)

// conversation is one message to hand to the Handler and answer.
type conversation struct {
	id      string // Message.ID: the event id, trigger id...
	channel string
	thread  string // where the answer goes; "" posts in the channel
	userID  string
	text    string // Slack-formatted text, mention included
	at      time.Time
}

// handleEvent accepts one Events API delivery (HTTP or Socket Mode): it
// drops repeated deliveries and the messages deploybot must not answer, and
// queues the others. It fails only when the delivery could not be recorded
// or queued, so that Slack delivers it again.
//
// deploybot answers mentions (app_mention), direct messages (message.im)
// and, in channels (message.channels, message.groups), the replies in a
// thread it takes part in: where it posted or was mentioned. A message is
// recorded by its channel and ts, so that the app_mention and the message
// event Slack sends for the same words are handled once.
func (a *Adapter) handleEvent(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || ev.Type != slackevents.CallbackEvent {
		return nil
	}
	var c conversation
	var work func(context.Context)
	var ts string // the message's own ts, which identifies it in its channel
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.User == "" || e.User == a.BotUserID() || e.Edited != nil {
			return nil
		}
		c = conversation{channel: e.Channel, thread: orElse(e.ThreadTimeStamp, e.TimeStamp), userID: e.User, text: e.Text, at: slackTime(e.TimeStamp)}
		ts = e.TimeStamp
		// Mentioned: the bot takes part in the thread from now on.
		a.threads.set(c.channel, c.thread, true)
	case *slackevents.MessageEvent:
		// Edits, deletions, joins, bot posts... all have a subtype (or a
		// bot id) and are not new words from a person.
		if e.SubType != "" || e.BotID != "" || e.User == "" || e.User == a.BotUserID() {
			return nil
		}
		c = conversation{channel: e.Channel, thread: orElse(e.ThreadTimeStamp, e.TimeStamp), userID: e.User, text: e.Text, at: slackTime(e.TimeStamp)}
		ts = e.TimeStamp
		switch e.ChannelType {
		case slackevents.ChannelTypeIM:
		case slackevents.ChannelTypeChannel, slackevents.ChannelTypeGroup:
			// Only a reply in a thread, and not one that mentions the bot:
			// its app_mention event answers that one (and records the
			// thread) even where the bot took no part yet.
			if e.ThreadTimeStamp == "" || e.ThreadTimeStamp == e.TimeStamp || a.mentionsBot(e.Text) {
				return nil
			}
			yes, known := a.threads.get(c.channel, c.thread)
			if known && !yes {
				return nil
			}
			if !known { // after a restart, say: the thread itself tells
				conv := c
				work = func(ctx context.Context) {
					if a.inThread(ctx, conv.channel, conv.thread) {
						a.converse(ctx, conv)
					}
				}
			}
		default:
			return nil
		}
	case *slackevents.AssistantThreadStartedEvent:
		if !a.opts.Assistant {
			return nil
		}
		t := e.AssistantThread
		a.titles.set(t.ChannelID, t.ThreadTimeStamp, true) // titled from its first message
		work = func(ctx context.Context) { a.assistantStarted(ctx, t) }
		c.channel = t.ChannelID
	default:
		return nil
	}
	c.id = cb.EventID
	var key string
	switch {
	case ts != "" && c.channel != "":
		key = "message:" + c.channel + ":" + ts
	case cb.EventID != "":
		key = "event:" + cb.EventID
	default:
		key = "event:" + c.channel + ":" + c.thread + ":" + c.text
	}
	if work == nil {
		conv := c
		work = func(ctx context.Context) { a.converse(ctx, conv) }
	}
	dup, err := a.accept(ctx, key, c.channel, work)
	if dup {
		a.logger.Debug("duplicate slack delivery dropped", "key", key)
	}
	return err
}

// mentionsBot reports whether Slack-formatted text mentions the bot.
func (a *Adapter) mentionsBot(text string) bool {
	bot := a.BotUserID()
	return bot != "" && strings.Contains(text, "<@"+bot)
}

// converse hands one message to the Handler and posts its answer in the
// thread.
func (a *Adapter) converse(ctx context.Context, c conversation) {
	if a.opts.Assistant && c.thread != "" && a.titles.take(c.channel, c.thread) {
		a.setTitle(ctx, c)
	}
	reply, ok := a.ask(ctx, c)
	if !ok && ctx.Err() != nil {
		return
	}
	if _, _, err := a.postMessage(ctx, c.channel, c.thread, messageOptions(reply)...); err != nil {
		a.logger.Error("post slack reply", "channel", c.channel, "message", c.id, "err", err)
	}
}

// ask resolves the writer, builds the deploybot.Message and calls the
// Handler. A failure becomes a reply: a deploybot.Error's message as is,
// anything else "internal error (ref ...)" with the details logged. It
// reports false when the Handler failed.
func (a *Adapter) ask(ctx context.Context, c conversation) (deploybot.Reply, bool) {
	u := a.users.get(ctx, c.userID)
	if u.Name == "" {
		// Slack did not say who this is: acting under the bare id would let
		// a requester approve their own deployment, so nothing is handled.
		l := langOf(u.Locale, a.opts.Lang)
		return deploybot.Reply{Lang: l, Text: l.Pick("❌ Slack ne m'a pas dit qui vous êtes : réessayez dans un instant.",
			"❌ Slack did not tell me who you are: try again in a moment.")}, false
	}
	msg := deploybot.Message{
		ID: c.id, Platform: deploybot.PlatformSlack, Channel: c.channel, Thread: c.thread,
		User: u.Name, Text: a.plainText(ctx, c.text), At: c.at,
	}
	if msg.At.IsZero() {
		msg.At = time.Now()
	}
	if a.opts.Assistant && strings.HasPrefix(c.channel, "D") && c.thread != "" {
		a.setStatus(ctx, c.channel, c.thread, langOf(u.Locale, a.opts.Lang))
	}
	start := time.Now()
	reply, err := a.opts.Handler.Handle(withUserID(ctx, c.userID), msg)
	a.logger.Debug("slack message handled", "message", c.id, "channel", c.channel, "user", u.Name, "took", time.Since(start))
	if err == nil {
		return reply, true
	}
	if ctx.Err() != nil {
		return deploybot.Reply{}, false
	}
	if deploybot.ErrorCode(err) != deploybot.EINTERNAL {
		return deploybot.Reply{Text: "❌ " + deploybot.ErrorMessageIn(err, langOf(u.Locale, a.opts.Lang))}, false
	}
	ref := "s" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	a.logger.Error("handle slack message", "ref", ref, "message", c.id, "channel", c.channel, "user", u.Name, "err", err)
	return deploybot.Reply{Text: fmt.Sprintf("internal error (ref %s)", ref)}, false
}

var (
	userMention    = regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|[^>]*)?>`)
	channelMention = regexp.MustCompile(`<#[CGD][A-Z0-9]+\|([^>]*)>`)
	specialMention = regexp.MustCompile(`<!(here|channel|everyone)(?:\|[^>]*)?>`)
	linkMention    = regexp.MustCompile(`<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>`)
	unescaper      = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
)

// plainText turns Slack's message text into what a person typed: the bot's
// mention removed, other users' mentions as @name, channels as #name, links
// as their label or URL, &amp; &lt; &gt; unescaped.
func (a *Adapter) plainText(ctx context.Context, s string) string {
	bot := a.BotUserID()
	if bot == "" { // auth.test not done yet: a leading mention is the bot's
		if loc := userMention.FindStringIndex(s); loc != nil && strings.TrimSpace(s[:loc[0]]) == "" {
			s = s[loc[1]:]
		}
	}
	s = userMention.ReplaceAllStringFunc(s, func(m string) string {
		id := userMention.FindStringSubmatch(m)[1]
		if id == bot {
			return ""
		}
		return "@" + a.users.get(ctx, id).display()
	})
	s = channelMention.ReplaceAllString(s, "#$1")
	s = specialMention.ReplaceAllString(s, "@$1")
	s = linkMention.ReplaceAllStringFunc(s, func(m string) string {
		sm := linkMention.FindStringSubmatch(m)
		if sm[2] != "" {
			return sm[2]
		}
		return strings.TrimPrefix(sm[1], "mailto:")
	})
	lines := strings.Split(unescaper.Replace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// slackTime reads a Slack ts ("1700000000.000200").
func slackTime(ts string) time.Time {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Time{}
	}
	var ns int64
	if frac != "" {
		f := (frac + "000000000")[:9]
		ns, _ = strconv.ParseInt(f, 10, 64)
	}
	return time.Unix(s, ns)
}

func orElse(s, d string) string {
	if s != "" {
		return s
	}
	return d
}

// langOf picks a language from a Slack locale ("fr-FR"), else d.
func langOf(locale string, d deploybot.Lang) deploybot.Lang {
	switch {
	case strings.HasPrefix(locale, "fr"):
		return deploybot.French
	case strings.HasPrefix(locale, "en"):
		return deploybot.English
	}
	return d
}

// assistantStarted offers suggested prompts, in the user's language, when
// someone opens an assistant thread with deploybot.
func (a *Adapter) assistantStarted(ctx context.Context, t slackevents.AssistantThread) {
	l := langOf(a.users.get(ctx, t.UserID).Locale, a.opts.Lang)
	p := slack.AssistantThreadsSetSuggestedPromptsParameters{ChannelID: t.ChannelID, ThreadTS: t.ThreadTimeStamp}
	if l == deploybot.French {
		p.Title = "Que voulez-vous faire ?"
		p.AddPrompt("Puis-je déployer maintenant ?", "Puis-je déployer maintenant ?")
		p.AddPrompt("Qu'est-ce qui tourne en production ?", "Qu'est-ce qui tourne en production ?")
		p.AddPrompt("Déploiements en attente", "Qu'est-ce qui attend mon approbation ?")
		p.AddPrompt("Aide", "aide")
	} else {
		p.Title = "What would you like to do?"
		p.AddPrompt("Can I deploy now?", "Can I deploy now?")
		p.AddPrompt("What's in production?", "What's in production?")
		p.AddPrompt("Pending approvals", "pending approvals")
		p.AddPrompt("Help", "help")
	}
	err := a.call(ctx, "assistant.threads.setSuggestedPrompts", func() error {
		return a.api.SetAssistantThreadsSuggestedPromptsContext(ctx, p)
	})
	if err != nil {
		a.logger.Warn("set assistant suggested prompts", "channel", t.ChannelID, "err", err)
	}
}

// setStatus shows "is working…" in an assistant thread while the Handler
// runs; Slack clears it when the answer is posted.
func (a *Adapter) setStatus(ctx context.Context, channel, thread string, l deploybot.Lang) {
	status := "is working…"
	if l == deploybot.French {
		status = "réfléchit…"
	}
	err := a.api.SetAssistantThreadsStatusContext(ctx, slack.AssistantThreadsSetStatusParameters{
		ChannelID: channel, ThreadTS: thread, Status: status,
	})
	var rl *slack.RateLimitedError
	if err != nil && !errors.As(err, &rl) {
		a.logger.Debug("set assistant status", "channel", channel, "err", err)
	}
}

// maxTitle is the length of an assistant thread's title, in characters.
const maxTitle = 60

// threadTitle makes a short title of a thread's first message: its first
// line, as plain text, cut to maxTitle characters.
func threadTitle(text string) string {
	text = firstLine(text)
	text = strings.NewReplacer("*", "", "_", "", "`", "", "~", "").Replace(text)
	return truncate(strings.Join(strings.Fields(text), " "), maxTitle)
}

// setTitle titles an assistant thread after its first message, so that
// the user finds it again in their history.
func (a *Adapter) setTitle(ctx context.Context, c conversation) {
	title := threadTitle(a.plainText(ctx, c.text))
	if title == "" {
		return
	}
	err := a.call(ctx, "assistant.threads.setTitle", func() error {
		return a.api.SetAssistantThreadsTitleContext(ctx, slack.AssistantThreadsSetTitleParameters{
			ChannelID: c.channel, ThreadTS: c.thread, Title: title,
		})
	})
	if err != nil {
		a.logger.Warn("set assistant thread title", "channel", c.channel, "err", err)
	}
}
