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
	User      string
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
