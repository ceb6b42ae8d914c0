// Package agents answers chat messages: it routes each message, hands it to
// the agent of its route (staging, production, rollback, the orchestrator
// itself, or a hand-off to devops or technical leadership) and returns a
// platform-neutral reply in the user's language.
package agents

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"deploybot"
	"deploybot/deploy"
	"deploybot/policy"
)

// Orchestrator is the single entry point of every chat message, whatever
// the platform. It implements deploybot.Handler.
type Orchestrator struct {
	Router deploybot.Parser
	Audit  deploybot.AuditLog
	// AuditQueue, when set, records an audit entry (its reply included)
	// in the store's next shared transaction and returns at once; the
	// function it returns waits for the commit and gives the entry's id.
	// HandleQueued records through it (cmd/deploybot wires it to
	// store.DB.QueueMessage).
	AuditQueue func(ctx context.Context, e deploybot.AuditEntry) func(context.Context) (int64, error)
	// ReadScope, when set, gives each message a context in which the
	// store checks once, not at every read, that its memory copy of
	// settings and interviews is current (store.DB.ReadScope); end is
	// called when the message is answered.
	ReadScope  func(ctx context.Context) (scoped context.Context, end func())
	Settings   deploybot.Settings // the context layers: every setting with its provenance
	Interviews deploybot.InterviewStore
	Reminders  deploybot.ReminderStore
	Deploys    *deploy.Service
	// SkipConfirmation starts a deploy asked in chat without waiting for
	// its requester's "yes" (agency.confirm: false).
	SkipConfirmation bool
	alwaysConfirm    bool // a model chose the action: its plan waits for the person's "yes"
	Knowledge        *Knowledge
	Projects         []deploybot.Project
	// Calendar returns the deployment calendar of a project ("" for the
	// agency's).
	Calendar func(project string) policy.Calendar
	// Location, when set, returns the agency's time zone, the one
	// Calendar("") has, without building a calendar: commands that show a
	// time ask for it, and a calendar reads the freezes set by chat from
	// the store (issue 19: 2 % of the scripted chat's CPU).
	Location func() *time.Location
	Logger   *slog.Logger
	Now      deploybot.Clock
	// DORA, when set, answers "dora [PROJECT] [PERIOD]": the DORA figures
	// of project ("" for the agency) over period ("" for the default
	// thirty days; week, month, quarter, year or a number of days "90d"),
	// in lang. cmd/deploybot wires it to dora.Answer over the store.
	DORA func(ctx context.Context, project, period string, lang deploybot.Lang) (deploybot.Reply, error)
	// Observe, when set, is told of every message handled and how long it
	// took (metrics).
	Observe func(in deploybot.Intent, d time.Duration)

	// LLM mode (issue 7; see llm.go). Model, when set, routes messages whose
	// offline confidence is below ModelRouteBelow (default
	// DefaultModelRouteBelow) and writes answers; Conversations keeps the
	// last turns of each thread for it.
	Model           deploybot.Model
	ModelRouteBelow float64
	Conversations   *Conversations

	mem   *memory    // the last messages of each conversation, for follow-up answers
	ahead *lookahead // messages parsed before their turn (Anticipate)
}

// audit records msg and the request it is, and returns the id of the audit
// entry (0 without an audit log).
func (o *Orchestrator) audit(ctx context.Context, msg deploybot.Message, req deploybot.Request) (int64, error) {
	if o.Audit == nil {
		return 0, nil
	}
	id, err := o.Audit.RecordMessage(ctx, o.auditEntry(msg, req))
	if err != nil {
		return 0, fmt.Errorf("agents: audit message: %w", err)
	}
	return id, nil
}

// auditEntry is the audit entry of msg, understood as req.
func (o *Orchestrator) auditEntry(msg deploybot.Message, req deploybot.Request) deploybot.AuditEntry {
	at := msg.At
	if at.IsZero() {
		at = o.now()
	}
	return deploybot.AuditEntry{
		MessageID: msg.ID, Platform: msg.Platform, User: msg.User, UserName: msg.UserName, Channel: msg.Channel, Text: msg.Text,
		Route: req.Route, Intent: req.Intent.Intent, App: req.App, Env: req.Env, Version: req.Version, Lang: req.Lang, At: at,
		Command: string(req.Command),
	}
}

// MaxMessage is the longest message text handled, in bytes (a chat message
// is seldom longer than a few hundred; Slack allows 40,000 characters). A
// longer text is cut at a character boundary for routing and recorded with
// a marker saying how much was cut.
const MaxMessage = 8 << 10

// Bound returns text with invalid UTF-8 replaced (U+FFFD), control
// characters other than newlines and tabs dropped, and cut to MaxMessage
// bytes with a marker.
func Bound(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	if strings.ContainsFunc(text, isControl) {
		text = strings.Map(func(r rune) rune {
			if isControl(r) {
				return -1
			}
			return r
		}, text)
	}
	if len(text) <= MaxMessage {
		return text
	}
	cut := MaxMessage
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + fmt.Sprintf(" […%d bytes cut]", len(text)-cut)
}

func isControl(r rune) bool {
	return r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0)
}

// turn is what one message turned out to be, for the audit.
type turn struct{ command string }

type turnKey struct{}

// commandIs records that the message being handled is chat command name
// ("yes" is a confirmation): the audit keeps the command, not the router's
// guess.
func commandIs(ctx context.Context, name string) {
	if t, ok := ctx.Value(turnKey{}).(*turn); ok {
		t.command = name
	}
}

// replyText is a reply as the audit keeps it: its title and text.
func replyText(r deploybot.Reply) string {
	return strings.TrimSpace(r.Title + "\n" + r.Text)
}
