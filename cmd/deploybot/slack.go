package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"deploybot"
	"deploybot/config"
	"deploybot/process"
	"deploybot/slack"
	"deploybot/store"
)

// slackAdapter builds the Slack adapter from the configuration, with the
// store's inbox (every delivery is recorded before it is acknowledged, and
// handled again after a crash), this process as the holder of its claims,
// and h as the single message path. It does not start it: the caller first
// wires what the adapter provides to others (it is the deploy service's
// directory of access lists), then calls startSlack, which handles the
// deliveries a stopped process left unfinished, so that nothing is
// changed once events can be handled. It returns nil, nil when no bot
// token is configured: Slack is then off.
//
// serve uses it so:
//
//	a, err := m.slackAdapter(cfg, db, handler, logger)
//	deploys.Directory = a // names, ids and "@groups" of access lists, to actors
//	err = startSlack(ctx, a) // auth.test: a refused bot token fails here; recovery starts
//	err = checkSlackAccess(ctx, a, cfg) // unknown or ambiguous names, unresolvable groups
//	// a is also the deploybot.Poster of deployments and reminders
//	services = append(services, service{name: "slack", run: slackRun(a, cfg)})
//	// HTTP mode: mux.Handle("/slack/", a.HTTPHandler()) on cfg.HTTP.Addr
//	// /readyz: a.Ready()
func (m *Main) slackAdapter(cfg *config.Config, db *store.DB, h deploybot.Handler, logger *slog.Logger) (*slack.Adapter, error) {
	s := cfg.Slack
	if s.BotToken == "" {
		return nil, nil
	}
	mode := s.Mode
	if mode == "" {
		mode = config.SlackSocket
	}
	switch mode {
	case config.SlackSocket:
		if s.AppToken == "" {
			return nil, errors.New("slack.mode is socket but slack.app_token (SLACK_APP_TOKEN, xapp-...) is not set")
		}
	case config.SlackHTTP:
		if s.SigningSecret == "" {
			return nil, errors.New("slack.mode is http but slack.signing_secret (SLACK_SIGNING_SECRET) is not set")
		}
	default:
		return nil, fmt.Errorf("slack.mode %q: expected socket or http", s.Mode)
	}
	a, err := slack.New(slack.Options{
		BotToken:      s.BotToken,
		AppToken:      s.AppToken,
		SigningSecret: s.SigningSecret,
		APIURL:        s.APIURL,
		Handler:       h,
		Inbox:         slackInbox{db},
		Self:          process.Self(),
		Gone:          process.Gone,
		Logger:        logger.With("component", "slack", "mode", mode),
		Lang:          cfg.Agency.Language,
		Assistant:     true,
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// startSlack identifies the bot (auth.test: a refused bot token fails
// here, at start-up), starts handling the inbox, and closes the adapter
// when it cannot start.
func startSlack(ctx context.Context, a *slack.Adapter) error {
	if err := a.Start(ctx); err != nil {
		_ = a.Close(ctx)
		return err
	}
	return nil
}

// slackRun returns the run function of the Slack service: in Socket Mode
// it holds the connection until ctx ends; in HTTP mode the endpoints are
// served by the HTTP server and it only waits. Either way it then drains
// the work in progress (up to 30 s) before returning; what is left stays in
// the inbox for the next start.
func slackRun(a *slack.Adapter, cfg *config.Config) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		var err error
		if cfg.Slack.Mode == config.SlackHTTP {
			<-ctx.Done()
		} else {
			err = a.Run(ctx)
		}
		drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		return errors.Join(err, a.Close(drain))
	}
}

// accessEntries lists every entry of the configuration's access lists
// (the agency's and the projects', every role) and agency.admins, in
// order, each once.
func accessEntries(cfg *config.Config) []string {
	var out []string
	seen := map[string]bool{}
	add := func(list []string) {
		for _, e := range list {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	addAccess := func(m map[string]config.Access) {
		for _, env := range sortedEnvs(m) {
			a := m[env]
			for _, l := range [][]string{a.Deploy, a.Approve, a.Rollback, a.Force} {
				add(l)
			}
		}
	}
	add(cfg.Agency.Admins)
	addAccess(cfg.Access)
	for _, p := range cfg.ProjectConfigs {
		addAccess(p.Access)
	}
	return out
}

func sortedEnvs(m map[string]config.Access) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// checkSlackAccess resolves every access-list entry and admin of cfg
// through the adapter and returns all the entries Slack cannot resolve
// (unknown or shared names, unknown ids, groups it cannot list), joined;
// nil when all resolve. serve calls it once started.
func checkSlackAccess(ctx context.Context, a *slack.Adapter, cfg *config.Config) error {
	errs := a.CheckEntries(ctx, accessEntries(cfg))
	if len(errs) == 0 {
		return nil
	}
	return deploybot.Errorf(deploybot.EINVALID, "%v", errors.Join(errs...))
}

// validateSlackAccess is the Slack part of `deploybot config validate`:
// with a bot token configured, every access-list entry and admin is
// resolved through Slack's Web API (users.list, users.info, user groups),
// and each one that cannot be is returned. Without a token there is
// nothing to check against: nil.
func validateSlackAccess(ctx context.Context, cfg *config.Config) []error {
	if cfg.Slack.BotToken == "" {
		return nil
	}
	a, err := slack.New(slack.Options{BotToken: cfg.Slack.BotToken, APIURL: cfg.Slack.APIURL, Handler: nopHandler{}})
	if err != nil {
		return []error{err}
	}
	defer func() { _ = a.Close(ctx) }()
	return a.CheckEntries(ctx, accessEntries(cfg))
}

// nopHandler answers nothing: the adapter of validateSlackAccess handles
// no message.
type nopHandler struct{}

func (nopHandler) Handle(context.Context, deploybot.Message) (deploybot.Reply, error) {
	return deploybot.Reply{}, nil
}

// slackInbox is the store's inbox as the Slack adapter's.
type slackInbox struct{ db *store.DB }

func fromStoreInbox(e store.InboxEntry) slack.InboxEntry {
	return slack.InboxEntry{Key: e.Key, Kind: e.Kind, Channel: e.Channel, Payload: e.Payload, State: slack.InboxState(e.State),
		Attempts: e.Attempts, Claim: e.Claim, Holder: e.Holder, ClaimExpiresAt: e.ClaimExpiresAt, Reply: e.Reply,
		PostedTS: e.PostedTS, ReceivedAt: e.ReceivedAt, ExpiresAt: e.ExpiresAt}
}

func (s slackInbox) Add(ctx context.Context, e slack.InboxEntry) (bool, error) {
	return s.db.AddInbox(ctx, store.InboxEntry{Key: e.Key, Kind: e.Kind, Channel: e.Channel, Payload: e.Payload,
		Holder: e.Holder, ClaimExpiresAt: e.ClaimExpiresAt, ReceivedAt: e.ReceivedAt, ExpiresAt: e.ExpiresAt})
}

func (s slackInbox) Claim(ctx context.Context, key string, prev int64, h deploybot.Holder, until time.Time) (slack.InboxEntry, bool, error) {
	e, ok, err := s.db.ClaimInbox(ctx, key, prev, h, until)
	return fromStoreInbox(e), ok, err
}

func (s slackInbox) Renew(ctx context.Context, key string, claim int64, until time.Time) (bool, error) {
	return s.db.RenewInbox(ctx, key, claim, until)
}

func (s slackInbox) Release(ctx context.Context, key string, claim int64, retryAt time.Time) (bool, error) {
	return s.db.ReleaseInbox(ctx, key, claim, retryAt)
}

func (s slackInbox) Reply(ctx context.Context, key string, claim int64, reply []byte) (bool, error) {
	return s.db.ReplyInbox(ctx, key, claim, reply)
}

func (s slackInbox) Finish(ctx context.Context, key string, claim int64, postedTS string, at time.Time) (bool, error) {
	return s.db.FinishInbox(ctx, key, claim, postedTS, at)
}

func (s slackInbox) Unfinished(ctx context.Context, now time.Time, self deploybot.Holder, limit int) ([]slack.InboxEntry, error) {
	es, err := s.db.UnfinishedInbox(ctx, now, self, limit)
	out := make([]slack.InboxEntry, len(es))
	for i, e := range es {
		out[i] = fromStoreInbox(e)
	}
	return out, err
}

func (s slackInbox) Purge(ctx context.Context, now time.Time) (int64, error) {
	return s.db.PurgeInbox(ctx, now)
}

// Turn and Yield make the store's inbox a slack.OrderedInbox: an entry is
// handled only in its channel's turn, whoever holds the earlier ones, so
// that a channel's answers keep their order across replicas.
func (s slackInbox) Turn(ctx context.Context, channel, key string, at time.Time) (bool, error) {
	return s.db.InboxTurn(ctx, channel, key, at)
}

func (s slackInbox) Yield(ctx context.Context, key string, claim int64) (bool, error) {
	return s.db.YieldInbox(ctx, key, claim)
}

var _ slack.OrderedInbox = slackInbox{}

// ClaimBatch makes the store's inbox a slack.BatchClaimer: the recovery
// loop claims the entries it takes in one write.
func (s slackInbox) ClaimBatch(ctx context.Context, claims []slack.ClaimRequest, h deploybot.Holder, until time.Time) ([]slack.InboxEntry, error) {
	req := make([]store.InboxClaim, len(claims))
	for i, c := range claims {
		req[i] = store.InboxClaim{Key: c.Key, Prev: c.Prev}
	}
	es, err := s.db.ClaimInboxBatch(ctx, req, h, until)
	out := make([]slack.InboxEntry, len(es))
	for i, e := range es {
		out[i] = fromStoreInbox(e)
	}
	return out, err
}

// FinishQueued makes the store's inbox a slack.QueuedFinisher: a worker
// goes on to its next entry while the last one's end is committed.
func (s slackInbox) FinishQueued(ctx context.Context, key string, claim int64, postedTS string, at time.Time) func(context.Context) (bool, error) {
	return s.db.FinishInboxQueued(ctx, key, claim, postedTS, at)
}

var (
	_ slack.BatchClaimer   = slackInbox{}
	_ slack.QueuedFinisher = slackInbox{}
)

// slackQueueAudit is db.QueueAudit that tells the Slack adapter handling
// the message (slack.NoteQueued) of each audit entry queued, so that the
// message's reply is stored in the same commit, and only if the entry is
// (slackInbox.ReplyAfter). Outside a Slack worker it is db.QueueAudit.
func slackQueueAudit(db *store.DB) func(context.Context, deploybot.AuditEntry) func(context.Context) (int64, error) {
	return func(ctx context.Context, e deploybot.AuditEntry) func(context.Context) (int64, error) {
		m := db.QueueMessage(ctx, e)
		slack.NoteQueued(ctx, m.Commit)
		return func(ctx context.Context) (int64, error) {
			if err := m.Wait(ctx); err != nil {
				return 0, err
			}
			return m.ID(), nil
		}
	}
}

// ReplyAfter makes the store's inbox a slack.AfterReplier: the reply is
// stored after the message's audit entries (slackQueueAudit), with them.
func (s slackInbox) ReplyAfter(ctx context.Context, key string, claim int64, reply []byte, after []any) (bool, error) {
	commits := make([]*store.Commit, 0, len(after))
	for _, w := range after {
		c, ok := w.(*store.Commit)
		if !ok {
			return false, fmt.Errorf("slack inbox: reply %q after %T, not a store write", key, w)
		}
		commits = append(commits, c)
	}
	return s.db.ReplyInboxAfter(ctx, key, claim, reply, commits...)
}

var _ slack.AfterReplier = slackInbox{}
