package deploybot

import (
	"context"
	"time"
)

// AuditEntry records one handled message.
type AuditEntry struct {
	ID        int64
	MessageID string
	Platform  Platform
	User      string // the writer's stable identity (an actor)
	UserName  string // the writer's name at the time, when User is an id
	Channel   string
	Text      string
	Route     Route
	Intent    IntentKind
	App       string
	Env       string
	Version   string
	Lang      Lang
	At        time.Time
	Command   string // the chat command it was (confirm, approve, set, reset...), when it was one
	Reply     string // what the bot answered (its start)
}

// AuditLog keeps the trail of every message handled.
type AuditLog interface {
	RecordMessage(ctx context.Context, e AuditEntry) (int64, error)
	// RecordReply records, on message id, the command the message was
	// ("" when it was none) and the bot's reply.
	RecordReply(ctx context.Context, id int64, command, reply string) error
}

// AuditEvent is one event of the audit trail as people read it: a message
// and its answer, a setting changed, a deployment's transition, a lock, a
// freeze.
type AuditEvent struct {
	At      time.Time
	Kind    string // message, setting, deployment, lock, freeze
	Actor   string // who: an actor id or a name
	Name    string // their name then, when Actor is an id
	Project string
	Env     string
	What    string // one line: "set approval: four-eyes → none", "#12 awaiting_approval → approved"
	Detail  string // the message's text and reply, a note
}

// AuditFilter selects audit events; zero fields match everything.
type AuditFilter struct {
	Since   time.Time
	Project string
	User    string // an actor id or a name
	Key     string // settings only: one key
	Kinds   []string
	Limit   int // 0: all
}
