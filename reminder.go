package deploybot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// ReminderCustom is the kind of a reminder that posts its Message as
// written. The built-in kinds are named by the schedule package.
const ReminderCustom = "custom"

// Reminder is a scheduled message to a channel: a built-in kind (window
// opening, freeze start...) or a custom text, on a cron schedule.
type Reminder struct {
	ID        int64  // set for the reminders created by chat; 0 for the built-in and configured ones
	Kind      string // built-in kind, or "custom"
	Cron      string // cron spec, with CRON_TZ= when not in the agency (or project) time zone; empty: the kind's own timing
	Channel   string
	Project   string // empty: agency-wide
	Message   string // custom text; for a built-in kind, an optional introduction
	Lang      Lang
	CreatedBy string // "config", "builtin" or a user
	CreatedAt time.Time
	DeletedBy string    // who deleted it; empty while it is active
	DeletedAt time.Time // when it was deleted; zero while it is active
}

// Key returns the reminder's stable identity, which the record of its runs
// is keyed on: "reminder:ID" for a reminder created by chat, the kind,
// channel and project for a built-in one, and for a configured custom
// reminder also a digest of its schedule and text (so that editing the
// configuration starts a new record).
func (r Reminder) Key() string {
	switch {
	case r.ID > 0:
		return fmt.Sprintf("reminder:%d", r.ID)
	case r.Kind == ReminderCustom || r.Kind == "":
		sum := sha256.Sum256([]byte(r.Cron + "\x00" + r.Message))
		return fmt.Sprintf("custom:%s:%s:%s", r.Channel, r.Project, hex.EncodeToString(sum[:6]))
	}
	return fmt.Sprintf("builtin:%s:%s:%s", r.Kind, r.Channel, r.Project)
}

// RunStatus says what became of one scheduled run of a reminder.
type RunStatus string

// The statuses of a run.
const (
	RunClaimed RunStatus = "claimed" // being sent; stays so if the process stopped while sending
	RunSent    RunStatus = "sent"    // posted; Ref names the message
	RunEmpty   RunStatus = "empty"   // nothing to say at that time (a built-in whose occasion did not arise)
	RunSkipped RunStatus = "skipped" // not sent: missed beyond the grace period, or superseded by a later run
	RunFailed  RunStatus = "failed"  // composing or posting failed; Detail says why
)

// ReminderRun is one scheduled time of one reminder and what became of it.
// A reminder key and a time are recorded at most once.
type ReminderRun struct {
	Key       string    // Reminder.Key()
	At        time.Time // the scheduled time
	Status    RunStatus
	Ref       string // the posted message, when sent
	Detail    string // why it was skipped or failed, or how late it was sent
	UpdatedAt time.Time
}

// ReminderStore keeps the reminders created by chat and the record of each
// run, so that a restart neither sends twice nor loses a run silently.
type ReminderStore interface {
	// AddReminder stores a reminder created by chat and returns its id.
	// CreatedBy and CreatedAt (zero: now) are its audit trail.
	AddReminder(ctx context.Context, r Reminder) (int64, error)
	// Reminders returns the active reminders created by chat, oldest first.
	Reminders(ctx context.Context) ([]Reminder, error)
	// DeleteReminder deletes reminder id on behalf of by. The reminder is
	// kept, with who deleted it and when, for the audit trail. It returns
	// an ENOTFOUND error when there is no active reminder id.
	DeleteReminder(ctx context.Context, id int64, by string) error

	// ClaimRun records run unless a run of the same key and time is
	// recorded already, and reports whether it did. It is the gate of
	// exactly-once sending: only the caller that claims a run sends it.
	ClaimRun(ctx context.Context, run ReminderRun) (bool, error)
	// FinishRun sets the status, reference and detail of a claimed run.
	FinishRun(ctx context.Context, run ReminderRun) error
	// LastRun returns the run of key with the latest scheduled time;
	// false when none is recorded.
	LastRun(ctx context.Context, key string) (ReminderRun, bool, error)
}
