package deploybot

import (
	"context"
	"time"
)

// Reminder is a scheduled message to a channel: a built-in kind (window
// opening, freeze start...) or a custom text, on a cron schedule.
type Reminder struct {
	ID        int64
	Kind      string // built-in kind, or "custom"
	Cron      string // cron spec, with CRON_TZ= when not in the agency time zone
	Channel   string
	Project   string // empty: agency-wide
	Message   string // custom text
	Lang      Lang
	CreatedBy string // "config" or a user
	CreatedAt time.Time
}

// ReminderStore keeps the reminders created by chat and the record of each
// run, so that a restart neither sends twice nor loses a run silently.
type ReminderStore interface {
	AddReminder(ctx context.Context, r Reminder) (int64, error)
	Reminders(ctx context.Context) ([]Reminder, error)
	DeleteReminder(ctx context.Context, id int64, by string) error
}
