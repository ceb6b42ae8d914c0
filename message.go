package deploybot

import (
	"context"
	"time"
)

// Platform names where a message came from.
type Platform string

// Known platforms.
const (
	PlatformTerminal Platform = "terminal"
	PlatformSlack    Platform = "slack"
)

// Message is one chat message, whatever the platform it came from.
type Message struct {
	ID       string    // platform id, unique per platform (Slack event_id, terminal line number)
	Platform Platform  // where it came from
	Channel  string    // channel or conversation id
	Thread   string    // thread id; empty outside a thread
	User     string    // who wrote it: a stable identity (see Message.UserName)
	UserName string    // the name the writer had when writing; "" when User is already a name
	Text     string    // the raw text, as typed
	At       time.Time // when it was written
}

// An actor is the stable identity of a person in deploybot: what
// Message.User, Deployment.Requester and the resolved access lists hold.
// On the terminal it is the name the chat speaks as. On Slack it is the
// user id at the team id, "U0123ABCD@T0456EFGH": a Slack account's name can
// be changed by its owner and is never an identity. Access lists may name
// people by name, id or "@group"; they are resolved to actors by the chat
// adapter (see deploy.Directory) and compared exactly.
//
// SlackActor returns the actor of a Slack user of a team.
func SlackActor(team, user string) string { return user + "@" + team }

// Field is one labelled value of a reply, rendered as a two-column row.
type Field struct {
	Label string
	Value string
}

// Button is a button offered with a reply.
type Button struct {
	ID    string // stable action id, e.g. "deploy_approve"
	Label string // what the button says
	Value string // what the click carries back
	Style string // "", "primary" or "danger"
}

// Reply is a platform-neutral answer. Adapters render it: Block Kit on Slack,
// plain text on a terminal.
type Reply struct {
	Lang    Lang     // language of the text
	Title   string   // optional heading
	Text    string   // main body; light markdown (*bold*, lists, `code`)
	Fields  []Field  // optional key/value rows
	Note    string   // optional footnote (context block)
	Actions []Button // optional buttons
}

// Handler answers one message. It is the single path every adapter uses.
type Handler interface {
	Handle(ctx context.Context, msg Message) (Reply, error)
}

// Poster sends messages the bot starts itself (deployment notifications,
// reminders), as opposed to replies. Update replaces a message posted
// before, identified by the reference Post returned, so that a deployment's
// message shows its current state.
type Poster interface {
	Post(ctx context.Context, channel, thread string, r Reply) (ref string, err error)
	Update(ctx context.Context, ref string, r Reply) error
}
