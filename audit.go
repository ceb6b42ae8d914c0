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
}

// AuditLog keeps the trail of every message handled.
type AuditLog interface {
	RecordMessage(ctx context.Context, e AuditEntry) (int64, error)
}
