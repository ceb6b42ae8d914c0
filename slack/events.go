package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"deploybot"
)

// malformedError is a delivery that is signed but that Slack could not
// have sent: bad JSON or form, a required field missing. It is answered
// 400 and recorded nowhere.
type malformedError struct{ msg string }

func (e *malformedError) Error() string { return "malformed delivery: " + e.msg }

func malformed(format string, args ...any) error {
	return &malformedError{msg: fmt.Sprintf(format, args...)}
}

func isMalformed(err error) bool {
	var m *malformedError
	return errors.As(err, &m)
}

// clean replaces the invalid UTF-8 of a text that came from Slack.
// eventKey is the envelope's event field's key, quoted (parseEnvelope).
var eventKey = []byte(`"event"`)

func clean(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// envelope is the outer part of an Events API delivery.
type envelope struct {
	Type      string          `json:"type"`
	Challenge string          `json:"challenge"`
	TeamID    string          `json:"team_id"`
	EventID   string          `json:"event_id"`
	Event     json.RawMessage `json:"event"`

	// inner is Event decoded with the envelope, when it fit innerEvent
	// (see parseEnvelope); nil: handleEvent decodes Event.
	inner *innerEvent
}

// envelopeWithEvent is an envelope whose event is decoded in the same
// pass (parseEnvelope).
type envelopeWithEvent struct {
	Type      string      `json:"type"`
	Challenge string      `json:"challenge"`
	TeamID    string      `json:"team_id"`
	EventID   string      `json:"event_id"`
	Event     *innerEvent `json:"event"`
}

// innerEvent holds the fields deploybot reads of the events it answers
// (app_mention, message, assistant_thread_started).
type innerEvent struct {
	Type            string          `json:"type"`
	Subtype         string          `json:"subtype"`
	User            string          `json:"user"`
	UserTeam        string          `json:"user_team"`
	BotID           string          `json:"bot_id"`
	Channel         string          `json:"channel"`
	ChannelType     string          `json:"channel_type"`
	Text            string          `json:"text"`
	TS              string          `json:"ts"`
	ThreadTS        string          `json:"thread_ts"`
	Edited          json.RawMessage `json:"edited"`
	AssistantThread *struct {
		UserID    string `json:"user_id"`
		ChannelID string `json:"channel_id"`
		ThreadTS  string `json:"thread_ts"`
	} `json:"assistant_thread"`
}

// parseEnvelope reads an Events API body.
//
// The envelope and its event are read in one pass when the event fits
// innerEvent and the body names "event" once: two passes (the envelope,
// then its event) checked and scanned the event's bytes twice, and JSON
// decoding was 7 % of serve's CPU under bench's Slack load (issue 19). A
// body that does not fit is read in two passes, as before, for the same
// outcome; one naming "event" twice too (encoding/json would merge two
// objects decoded into one struct, where the two passes keep the last).
// The count sees the key as Slack writes it; a body naming the event
// twice in other spellings ("Event", escapes), which Slack does not send
// and nobody without the signing secret can, would get the merge.
func parseEnvelope(body []byte) (envelope, error) {
	var one envelopeWithEvent
	if bytes.Count(body, eventKey) == 1 && json.Unmarshal(body, &one) == nil {
		env := envelope{Type: one.Type, Challenge: one.Challenge, TeamID: one.TeamID, EventID: one.EventID, inner: one.Event}
		if env.Type == "" {
			return env, malformed("event without a type")
		}
		return env, nil
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return env, malformed("event: %v", err)
	}
	if env.Type == "" {
		return env, malformed("event without a type")
	}
	return env, nil
}

// handleEvent accepts one Events API delivery (HTTP or Socket Mode): it
// records in the inbox the messages deploybot answers, once per key, and
// drops the others. It fails when the delivery is malformed (a
// malformedError) or could not be recorded, so that Slack delivers it
// again.
//
// deploybot answers mentions (app_mention), direct messages (message.im)
// and, in channels (message.channels, message.groups), the replies in a
// thread it takes part in: where it posted or was mentioned. A message is
// recorded by its channel and ts, so that the app_mention and the message
// event Slack sends for the same words are handled once.
func (a *Adapter) handleEvent(ctx context.Context, env envelope) error {
	if env.Type != "event_callback" {
		return nil // app_rate_limited and the like: nothing to answer
	}
	if env.inner != nil {
		if env.EventID == "" {
			return malformed("event_callback without event_id or event")
		}
		return a.handleInner(ctx, env, *env.inner)
	}
	if env.EventID == "" || len(env.Event) == 0 || string(env.Event) == "null" {
		return malformed("event_callback without event_id or event")
	}
	// One decoding of the event for those deploybot answers (it read its
	// type first, then the event again: a third JSON pass over each
	// delivery before its acknowledgement, issue 19). An event of another
	// type may not fit innerEvent: its type alone is read then.
	var e innerEvent
	if err := json.Unmarshal(env.Event, &e); err != nil {
		var kind struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(env.Event, &kind) == nil && !answered(kind.Type) {
			return nil // not an event deploybot subscribes to
		}
		return malformed("%s event: %v", kind.Type, err)
	}
	return a.handleInner(ctx, env, e)
}

// handleInner is handleEvent once the event is decoded.
func (a *Adapter) handleInner(ctx context.Context, env envelope, e innerEvent) error {
	if !answered(e.Type) {
		return nil // not an event deploybot subscribes to
	}
	j := job{Kind: kindMessage, ID: clean(env.EventID), EventTeam: env.TeamID, Team: e.UserTeam}
	var key string
	switch e.Type {
	case "app_mention":
		if e.BotID != "" || (e.User != "" && e.User == a.BotUserID()) || len(e.Edited) > 0 && string(e.Edited) != "null" {
			return nil
		}
		if e.User == "" || e.Channel == "" || e.TS == "" {
			return malformed("app_mention without user, channel or ts")
		}
		j.Channel, j.Thread, j.User, j.Text, j.At = e.Channel, orElse(e.ThreadTS, e.TS), e.User, clean(e.Text), slackTime(e.TS)
		key = "message:" + e.Channel + ":" + e.TS
		// Mentioned: the bot takes part in the thread from now on.
		a.threads.set(j.Channel, j.Thread, true)
	case "message":
		// Edits, deletions, joins, bot posts... all have a subtype (or a
		// bot id) and are not new words from a person.
		if e.Subtype != "" || e.BotID != "" || e.User == "" || e.User == a.BotUserID() {
			return nil
		}
		if e.Channel == "" || e.TS == "" {
			return malformed("message without channel or ts")
		}
		j.Channel, j.Thread, j.User, j.Text, j.At = e.Channel, orElse(e.ThreadTS, e.TS), e.User, clean(e.Text), slackTime(e.TS)
		key = "message:" + e.Channel + ":" + e.TS
		switch e.ChannelType {
		case "im":
		case "channel", "group":
			// Only a reply in a thread, and not one that mentions the bot:
			// its app_mention event answers that one (and records the
			// thread) even where the bot took no part yet.
			if e.ThreadTS == "" || e.ThreadTS == e.TS || a.mentionsBot(e.Text) {
				return nil
			}
			yes, known := a.threads.get(j.Channel, j.Thread)
			if known && !yes {
				return nil
			}
			// Not known (after a restart, say): the thread itself tells,
			// when the entry is handled.
			j.CheckThread = !known
		default:
			return nil
		}
	case "assistant_thread_started":
		if !a.opts.Assistant {
			return nil
		}
		t := e.AssistantThread
		if t == nil || t.ChannelID == "" || t.ThreadTS == "" {
			return malformed("assistant_thread_started without its thread")
		}
		a.titles.set(t.ChannelID, t.ThreadTS, true) // titled from its first message
		j = job{Kind: kindAssistant, ID: env.EventID, Channel: t.ChannelID, Thread: t.ThreadTS, User: t.UserID, EventTeam: env.TeamID}
		key = "event:" + env.EventID
	}
	if j.At.IsZero() {
		j.At = a.now()
	}
	dup, err := a.accept(ctx, key, j)
	if dup {
		a.logger.Debug("duplicate slack delivery dropped", "key", key)
	}
	return err
}

// answered reports whether deploybot answers events of type t.
func answered(t string) bool {
	switch t {
	case "app_mention", "message", "assistant_thread_started":
		return true
	}
	return false
}

// mentionsBot reports whether Slack-formatted text mentions the bot.
func (a *Adapter) mentionsBot(text string) bool {
	bot := a.BotUserID()
	return bot != "" && strings.Contains(text, "<@"+bot)
}

// converse hands one message to the Handler and returns its answer, to
// post in the thread.
func (a *Adapter) converse(ctx context.Context, j job) []outbound {
	if j.CheckThread && !a.inThread(ctx, j.Channel, j.Thread) {
		return nil
	}
	if a.opts.Assistant && j.Thread != "" && a.titles.take(j.Channel, j.Thread) {
		a.setTitle(ctx, j)
	}
	reply, _ := a.ask(ctx, j)
	if ctx.Err() != nil {
		return nil
	}
	return []outbound{a.outPost(ctx, j.Channel, j.Thread, reply)}
}

// ask resolves the writer, builds the deploybot.Message and calls the
// Handler. A failure becomes a reply: a deploybot.Error's message as is,
// anything else "internal error (ref ...)" with the details logged. It
// reports false when the Handler failed.
func (a *Adapter) ask(ctx context.Context, j job) (deploybot.Reply, bool) {
	u := a.users.get(ctx, j.User)
	msg := deploybot.Message{
		ID: j.ID, Platform: deploybot.PlatformSlack, Channel: j.Channel, Thread: j.Thread,
		User: deploybot.SlackActor(a.teamOf(j, u), j.User), UserName: orElse(u.Name, j.User),
		Text: a.plainText(ctx, j.Text), At: j.At,
	}
	if msg.At.IsZero() {
		msg.At = a.now()
	}
	l := langOf(u.Locale, a.opts.Lang)
	if a.opts.Assistant && strings.HasPrefix(j.Channel, "D") && j.Thread != "" {
		a.setStatus(ctx, j.Channel, j.Thread, l)
	}
	start := time.Now()
	reply, err := a.handle(withUserID(ctx, j.User), msg)
	a.logger.Debug("slack message handled", "message", j.ID, "channel", j.Channel, "user", msg.User, "took", time.Since(start))
	if err == nil {
		return reply, true
	}
	if ctx.Err() != nil {
		return deploybot.Reply{}, false
	}
	return a.failedReply(j, msg.User, l, err), false
}

// failedReply is the answer to a message whose handling failed with err:
// a deploybot.Error's message as is, anything else "internal error (ref
// ...)" with the details logged.
func (a *Adapter) failedReply(j job, user string, l deploybot.Lang, err error) deploybot.Reply {
	if deploybot.ErrorCode(err) != deploybot.EINTERNAL {
		return deploybot.Reply{Lang: l, Text: "❌ " + deploybot.ErrorMessageIn(err, l)}
	}
	ref := "s" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	a.logger.Error("handle slack message", "ref", ref, "message", j.ID, "channel", j.Channel, "user", user, "err", err)
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf("internal error (ref %s)", ref)}
}

// AfterReplier is an Inbox whose reply can be stored with the writes the
// Handler queued for the message (its audit entry, in the store's group
// committer), in one commit, instead of after waiting for them:
// ReplyAfter stores the reply as Reply does only if each write of after
// (given by NoteQueued while the Handler ran) is written, and otherwise
// changes nothing and fails. The adapter then answers as to a failed
// Handler. Messages only: a slash command's or a click's writes are waited
// for as before.
type AfterReplier interface {
	ReplyAfter(ctx context.Context, key string, claim int64, reply []byte, after []any) (bool, error)
}

// handling is what a worker learns of the writes the Handler queued for
// a message it handles (see AfterReplier), carried in the Handler's
// context.
type handling struct {
	mu    sync.Mutex
	after []any                       // the writes queued (NoteQueued)
	wait  func(context.Context) error // the Handler's wait for them, left to the worker
}

type handlingKey struct{}

// NoteQueued tells the adapter handling the message of ctx that the
// Handler queued w, a write the reply must follow: the glue of a
// QueuedHandler's audit queue calls it (cmd/deploybot), so that the
// message's reply is stored with the entry (AfterReplier). Outside such a
// handling it does nothing.
func NoteQueued(ctx context.Context, w any) {
	if h, ok := ctx.Value(handlingKey{}).(*handling); ok && h != nil {
		h.mu.Lock()
		h.after = append(h.after, w)
		h.mu.Unlock()
	}
}

// writes returns the writes noted.
func (h *handling) writes() []any {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.after
}

// QueuedHandler is a Handler whose audit commits in groups (see
// agents.Orchestrator.HandleQueued): its reply may be stored and posted
// once wait returns nil. The adapter uses it when its Handler is one.
type QueuedHandler interface {
	HandleQueued(ctx context.Context, msg deploybot.Message) (reply deploybot.Reply, wait func(context.Context) error, err error)
}

// handle answers msg with the Handler, and returns once the message's
// audit entry is committed. With a QueuedHandler that entry shares the
// store's next shared transaction with the inbox's writes (store/group.go)
// instead of committing alone beside them: a CPU profile of serve
// answering 10,000 Slack events (bench -only slack, issue 19) showed each
// worker's audit row as a transaction of its own, contending with the
// group committer for SQLite's write lock, as 8 % of the process's CPU.
func (a *Adapter) handle(ctx context.Context, msg deploybot.Message) (deploybot.Reply, error) {
	qh, ok := a.opts.Handler.(QueuedHandler)
	if !ok {
		return a.opts.Handler.Handle(ctx, msg)
	}
	reply, wait, err := qh.HandleQueued(ctx, msg)
	if err != nil {
		return reply, err
	}
	if h, ok := ctx.Value(handlingKey{}).(*handling); ok && h != nil && len(h.writes()) > 0 {
		h.wait = wait // the worker stores the reply with the writes (AfterReplier)
		return reply, nil
	}
	if err := wait(ctx); err != nil {
		return deploybot.Reply{}, fmt.Errorf("slack: audit of message %s: %w", msg.ID, err)
	}
	return reply, nil
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
		u := a.users.get(ctx, id)
		return "@" + orElse(u.Name, id)
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
	t := time.Unix(s, ns)
	if t.Year() < 2000 || t.Year() > 9999 { // not a ts Slack gives
		return time.Time{}
	}
	return t
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
func (a *Adapter) assistantStarted(ctx context.Context, j job) {
	l := langOf(a.users.get(ctx, j.User).Locale, a.opts.Lang)
	p := slack.AssistantThreadsSetSuggestedPromptsParameters{ChannelID: j.Channel, ThreadTS: j.Thread}
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
		a.logger.Warn("set assistant suggested prompts", "channel", j.Channel, "err", err)
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
func (a *Adapter) setTitle(ctx context.Context, j job) {
	title := threadTitle(a.plainText(ctx, j.Text))
	if title == "" {
		return
	}
	err := a.call(ctx, "assistant.threads.setTitle", func() error {
		return a.api.SetAssistantThreadsTitleContext(ctx, slack.AssistantThreadsSetTitleParameters{
			ChannelID: j.Channel, ThreadTS: j.Thread, Title: title,
		})
	})
	if err != nil {
		a.logger.Warn("set assistant thread title", "channel", j.Channel, "err", err)
	}
}
