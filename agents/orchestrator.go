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
	Router     deploybot.Router
	Audit      deploybot.AuditLog
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
	Logger   *slog.Logger
	Now      deploybot.Clock
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
}

// Handle answers one message. A message that cannot be understood gets an
// answer that says so; only a failure of the system returns an error.
//
// A message longer than MaxMessage bytes is cut there for routing and
// recorded with a marker; invalid UTF-8 is replaced. A message handled
// again (the same platform and id, after a crash) is recorded once and
// plans no second deployment.
func (o *Orchestrator) Handle(ctx context.Context, msg deploybot.Message) (reply deploybot.Reply, err error) {
	msg.Text = Bound(msg.Text)
	text, f := parseFlags(strings.TrimSpace(msg.Text))
	in := o.Router.Route(ctx, text)
	if o.Observe != nil {
		start := time.Now()
		defer func() { o.Observe(in, time.Since(start)) }()
	}
	help, isHelp := helpCommand(text)
	var modelUse *deploybot.ModelUse // LLM mode (issue 7)
	if isHelp {
		in = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: help, Confidence: 1}
	} else {
		in, modelUse = o.modelRoute(ctx, text, in) // LLM mode: only below the confidence threshold
	}
	id, err := o.audit(ctx, msg, in)
	if err != nil {
		return deploybot.Reply{}, err
	}
	ctx = withAuditID(ctx, id) // LLM mode: the answer's model is recorded on this audit entry
	t := &turn{}
	ctx = context.WithValue(ctx, turnKey{}, t)
	defer func() {
		if o.Audit != nil && err == nil {
			if rerr := o.Audit.RecordReply(context.WithoutCancel(ctx), id, t.command, replyText(reply)); rerr != nil {
				if o.Logger != nil {
					o.Logger.Warn("audit reply", "err", rerr)
				}
			}
		}
	}()
	if modelUse != nil {
		o.recordModelUse(ctx, *modelUse)
	}
	if isHelp {
		commandIs(ctx, "help")
		return o.help(in.Lang), nil
	}
	if o.Interviews != nil && o.Settings != nil {
		iv, found, err := o.Interviews.Interview(ctx, msg.Platform, msg.Channel, msg.User)
		if err != nil {
			return deploybot.Reply{}, err
		}
		if found && iv.Status == deploybot.InterviewActive && onboardRe.FindStringSubmatch(foldLine(text)) == nil {
			r, answered, err := o.continueInterview(ctx, msg, iv)
			if answered || err != nil {
				commandIs(ctx, "interview")
				return r, err
			}
			// A question in the middle of the interview: answer it, then
			// ask the interview's question again.
			r, err = o.handle(ctx, msg, in, f, modelUse)
			if err != nil {
				return r, err
			}
			q := o.ask(iv)
			r.Text += "\n\n" + iv.Lang.Pick("_(Entretien en cours)_ ", "_(Interview in progress)_ ") + q.Text
			return r, nil
		}
		if m := onboardRe.FindStringSubmatch(foldLine(text)); m != nil {
			commandIs(ctx, "interview")
			if m[1] != "" {
				return o.startInterview(ctx, msg, in.Lang, "")
			}
			p, ok := o.project(m[2])
			if !ok {
				return o.unknownProject(in.Lang, m[2]), nil
			}
			return o.startInterview(ctx, msg, in.Lang, p.Name)
		}
	}
	return o.handle(ctx, msg, in, f, modelUse)
}

// handle answers msg once the interview had its say: commands, actions,
// hand-offs and questions.
func (o *Orchestrator) handle(ctx context.Context, msg deploybot.Message, in deploybot.Intent, f flags, modelUse *deploybot.ModelUse) (deploybot.Reply, error) {
	if o.Audit != nil {
		if r, ok, err := o.auditCommand(ctx, msg, in.Lang); ok || err != nil {
			return r, err
		}
	}
	if o.Settings != nil {
		if r, ok, err := o.contextCommand(ctx, msg, in.Lang); ok || err != nil {
			return r, err
		}
	}
	if o.Deploys != nil {
		if r, ok, err := o.deployCommand(ctx, msg, in.Lang); ok || err != nil {
			return r, err
		}
	}
	if o.Reminders != nil {
		if r, ok, err := o.reminderCommand(ctx, msg, in.Lang); ok || err != nil {
			commandIs(ctx, "reminders")
			return r, err
		}
	}
	switch {
	case in.Intent.IsAction() && o.Deploys != nil:
		if modelUse != nil {
			// The model chose this action: its plan always waits for the
			// person's own confirmation, whatever agency.confirm says.
			oc := *o
			oc.alwaysConfirm = true
			return oc.action(ctx, msg, in, f)
		}
		return o.action(ctx, msg, in, f)
	case in.Intent.IsAction():
		return o.understood(in), nil
	case in.Route == deploybot.RouteDevops || in.Route == deploybot.RouteDirection:
		return o.handoff(msg, in), nil
	case o.Knowledge != nil:
		return o.answer(ctx, msg, in)
	}
	return o.understood(in), nil
}

// audit records msg and what the router understood of it, and returns the
// id of the audit entry (0 without an audit log).
func (o *Orchestrator) audit(ctx context.Context, msg deploybot.Message, in deploybot.Intent) (int64, error) {
	if o.Audit == nil {
		return 0, nil
	}
	at := msg.At
	if at.IsZero() {
		at = o.now()
	}
	id, err := o.Audit.RecordMessage(ctx, deploybot.AuditEntry{
		MessageID: msg.ID, Platform: msg.Platform, User: msg.User, UserName: msg.UserName, Channel: msg.Channel, Text: msg.Text,
		Route: in.Route, Intent: in.Intent, App: in.App, Env: in.Env, Version: in.Version, Lang: in.Lang, At: at,
	})
	if err != nil {
		return 0, fmt.Errorf("agents: audit message: %w", err)
	}
	return id, nil
}

// helpCommand recognises "help" and "aide" (and their variants) and returns
// the language to answer in.
func helpCommand(text string) (deploybot.Lang, bool) {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(text), "?!. "))
	switch t {
	case "help", "/help", "commands", "what can you do":
		return deploybot.English, true
	case "aide", "/aide", "commandes", "que sais-tu faire", "tu sais faire quoi":
		return deploybot.French, true
	}
	return "", false
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
