package deploybot

import (
	"context"
	"fmt"
	"sync"
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

// The audit barrier. A message that may change something has its audit
// entry committed before its first change, so that the trail shows the
// message before what it did. Waiting for that commit before handling the
// message at all serialises a pipelined chat on the commit (issue 19: half
// of a scripted chat's wall time); most such messages (an interview's
// answer that is refused, a command that only reads) change nothing. So
// the entry is queued, its wait put in the message's context, and the
// store waits for it (AwaitAudit) before each write it makes for the
// message: at the first one, at once after.

type auditBarrierKey struct{}

// auditBarrier is the wait for one audit entry's commit, remembered once
// it returned.
type auditBarrier struct {
	wait func(context.Context) error
	mu   sync.Mutex
	done bool
	err  error
}

// WithAuditBarrier returns a context whose writes (AwaitAudit) first wait
// for wait to return: the commit of the audit entry of the message ctx
// belongs to. wait's outcome is kept: a failure fails every later write.
func WithAuditBarrier(ctx context.Context, wait func(context.Context) error) context.Context {
	return context.WithValue(ctx, auditBarrierKey{}, &auditBarrier{wait: wait})
}

// WithoutAuditBarrier returns ctx without its audit barrier, for work
// that must not wait for it (the commit that the barrier waits for).
func WithoutAuditBarrier(ctx context.Context) context.Context {
	if ctx.Value(auditBarrierKey{}) == nil {
		return ctx
	}
	return context.WithValue(ctx, auditBarrierKey{}, (*auditBarrier)(nil))
}

// AwaitAudit waits until the audit entry of ctx's message (see
// WithAuditBarrier) is committed, and returns its failure, or ctx's error
// if ctx ends first. Without a barrier it returns nil at once. A store
// calls it before each write.
func AwaitAudit(ctx context.Context) error {
	b, _ := ctx.Value(auditBarrierKey{}).(*auditBarrier)
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return b.err
	}
	err := b.wait(ctx)
	if err != nil && ctx.Err() != nil {
		return err // not the entry's outcome: ask again next time
	}
	if err != nil {
		err = fmt.Errorf("audit entry of the message not committed: %w", err)
	}
	b.done, b.err = true, err
	return err
}

type patientKey struct{}

// WithPatience marks ctx as the context of a wait for audit commits that
// needs no haste: the scripted chat's printer, which prints each reply
// once its entry is committed, while more messages are handled. A store
// that holds its commits back to batch them (store.DB.LingerCommits)
// commits at once for any other wait, and lets a patient one wait, a few
// milliseconds at most, for company (issue 19).
func WithPatience(ctx context.Context) context.Context {
	return context.WithValue(ctx, patientKey{}, true)
}

// Patient reports whether ctx was marked by WithPatience.
func Patient(ctx context.Context) bool {
	p, _ := ctx.Value(patientKey{}).(bool)
	return p
}
