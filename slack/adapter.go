// Package slack is deploybot's Slack adapter. It receives mentions, direct
// messages, the /deploy slash command and button clicks, over Socket Mode
// (the default: no public URL) or the HTTP Events API (signed requests),
// acknowledges each within Slack's three seconds, drops the deliveries Slack
// repeats, and hands each message to the same deploybot.Handler the terminal
// chat uses. Replies are rendered with Block Kit and posted in the thread of
// the message; a reply in a thread where the bot posted or was mentioned
// continues the conversation without a new mention; clicks update the
// message they came from.
//
// The adapter resolves Slack user groups for the access lists (Members,
// a deploy.GroupResolver) and, in assistant threads, offers suggested
// prompts, shows a status and titles the thread after its first message.
//
// The adapter also implements deploybot.Poster for the messages the bot
// starts itself (deployment notifications, reminders), with Slack's rate
// limits honoured and the order of messages kept per channel.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"deploybot"
)

// Dedup remembers the deliveries already accepted. FirstSeen records key
// for ttl and reports whether it is new; false means a duplicate, which the
// adapter acknowledges and drops. The store implements it in SQLite so that
// it survives restarts.
type Dedup interface {
	FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error)
}

// Forgetter is implemented by a Dedup that can drop a key again, so that a
// delivery accepted but not queued (the queue was full) is handled when Slack
// repeats it.
type Forgetter interface {
	ForgetSeen(ctx context.Context, key string) error
}

// Purger is implemented by a Dedup whose expired keys must be deleted from
// time to time; the adapter calls PurgeSeen every Options.PurgeEvery.
type Purger interface {
	PurgeSeen(ctx context.Context) (int64, error)
}

// Options configures an Adapter. BotToken and Handler are required;
// AppToken for Socket Mode; SigningSecret for the HTTP endpoints.
type Options struct {
	BotToken      string // xoxb-...: the Web API token
	AppToken      string // xapp-...: Socket Mode only (scope connections:write)
	SigningSecret string // HTTP mode: verifies each request's signature
	APIURL        string // Web API base URL, ending in "/"; empty: https://slack.com/api/

	Handler deploybot.Handler // answers every message; required
	Dedup   Dedup             // drops repeated deliveries; nil: an in-memory set (lost on restart)
	Logger  *slog.Logger      // nil: discard

	Lang deploybot.Lang // language of the adapter's own texts when a user's is unknown; default English

	Workers    int           // goroutines handling messages; default 4
	QueueSize  int           // messages waiting per worker; default 256
	DedupTTL   time.Duration // how long a delivery id is remembered; default 24h
	PurgeEvery time.Duration // how often expired ids are purged; default 1h
	UserTTL    time.Duration // how long a resolved user name is cached; default 1h
	GroupTTL   time.Duration // how long user groups' handles and members are cached; default 10m
	ThreadTTL  time.Duration // how long the threads the bot takes part in are remembered; default 24h

	MaxRetries    int           // retries of a rate-limited Web API call; default 3
	MaxRetryAfter time.Duration // longest wait honoured for one Retry-After; default 60s

	// Assistant turns on Slack's AI-app surface: suggested prompts when an
	// assistant thread starts and a status while deploybot works.
	Assistant bool

	HTTPClient *http.Client // for the Web API; nil: a client with a 30s timeout

	Now func() time.Time // clock of the group and thread caches; nil: time.Now
}

// Adapter connects deploybot to a Slack workspace. Create it with New, call
// Start, then either Run (Socket Mode) or serve HTTPHandler (HTTP mode);
// Close drains the work in flight. It is safe for concurrent use.
type Adapter struct {
	opts   Options
	api    *slack.Client
	logger *slog.Logger
	dedup  Dedup
	users  *userCache
	groups *groupCache // user groups: handles and members
	pool   *pool

	threads *threadSet // threads the bot takes part in (posted or mentioned), or not
	titles  *threadSet // assistant threads started and not titled yet
	order   channelLocks

	lifetime context.Context // the adapter's own lifetime, ended by Close
	stop     context.CancelFunc
	bg       sync.WaitGroup // background loops (purge)

	botUserID atomic.Value // string: the bot's user id, from auth.test
	botID     atomic.Value // string: the bot's bot id
	started   atomic.Bool
	socket    atomic.Bool // Run was called: Socket Mode
	connected atomic.Bool // the Socket Mode connection is up
	closeOnce sync.Once
}

// New checks opts and returns an Adapter whose workers are running. It does
// no I/O: Start calls auth.test.
func New(opts Options) (*Adapter, error) {
	if opts.BotToken == "" {
		return nil, errors.New("slack: a bot token (xoxb-...) is required")
	}
	if opts.Handler == nil {
		return nil, errors.New("slack: a handler is required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Lang == "" {
		opts.Lang = deploybot.English
	}
	opts.Workers = defaultInt(opts.Workers, 4)
	opts.QueueSize = defaultInt(opts.QueueSize, 256)
	opts.MaxRetries = defaultInt(opts.MaxRetries, 3)
	opts.DedupTTL = defaultDuration(opts.DedupTTL, 24*time.Hour)
	opts.PurgeEvery = defaultDuration(opts.PurgeEvery, time.Hour)
	opts.UserTTL = defaultDuration(opts.UserTTL, time.Hour)
	opts.GroupTTL = defaultDuration(opts.GroupTTL, 10*time.Minute)
	opts.ThreadTTL = defaultDuration(opts.ThreadTTL, 24*time.Hour)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.MaxRetryAfter = defaultDuration(opts.MaxRetryAfter, time.Minute)
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if opts.APIURL != "" && !strings.HasSuffix(opts.APIURL, "/") {
		opts.APIURL += "/"
	}
	apiOpts := []slack.Option{slack.OptionHTTPClient(opts.HTTPClient)}
	if opts.APIURL != "" {
		apiOpts = append(apiOpts, slack.OptionAPIURL(opts.APIURL))
	}
	if opts.AppToken != "" {
		apiOpts = append(apiOpts, slack.OptionAppLevelToken(opts.AppToken))
	}
	a := &Adapter{
		opts:   opts,
		api:    slack.New(opts.BotToken, apiOpts...),
		logger: opts.Logger,
		dedup:  opts.Dedup,
	}
	if a.dedup == nil {
		a.dedup = newMemoryDedup(time.Now)
	}
	a.botUserID.Store("")
	a.botID.Store("")
	a.lifetime, a.stop = context.WithCancel(context.Background())
	a.users = newUserCache(a, opts.UserTTL)
	a.groups = newGroupCache(a, opts.GroupTTL)
	a.threads = newThreadSet(opts.Now, opts.ThreadTTL)
	a.titles = newThreadSet(opts.Now, opts.ThreadTTL)
	a.pool = newPool(a.lifetime, opts.Workers, opts.QueueSize, a.logger)
	return a, nil
}

func defaultInt(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

func defaultDuration(v, d time.Duration) time.Duration {
	if v <= 0 {
		return d
	}
	return v
}

// Start identifies the bot with auth.test (so that its own messages and
// mentions are recognised) and starts the purge of expired delivery ids.
// It fails when the bot token is refused.
func (a *Adapter) Start(ctx context.Context) error {
	if a.started.Load() {
		return nil
	}
	var resp *slack.AuthTestResponse
	err := a.call(ctx, "auth.test", func() error {
		var err error
		resp, err = a.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("slack: auth.test: %w", err)
	}
	a.botUserID.Store(resp.UserID)
	a.botID.Store(resp.BotID)
	if !a.started.CompareAndSwap(false, true) {
		return nil
	}
	a.logger.Info("slack bot identified", "team", resp.Team, "bot_user", resp.UserID)
	if p, ok := a.dedup.(Purger); ok {
		a.bg.Go(func() { a.purgeLoop(p) })
	}
	return nil
}

// purgeLoop deletes expired delivery ids every PurgeEvery until Close.
func (a *Adapter) purgeLoop(p Purger) {
	t := time.NewTicker(a.opts.PurgeEvery)
	defer t.Stop()
	for {
		if n, err := p.PurgeSeen(a.lifetime); err != nil && a.lifetime.Err() == nil {
			a.logger.Warn("purge slack delivery ids", "err", err)
		} else if n > 0 {
			a.logger.Debug("purged slack delivery ids", "count", n)
		}
		select {
		case <-a.lifetime.Done():
			return
		case <-t.C:
		}
	}
}

// Ready reports whether the adapter can serve: started (the token works)
// and, in Socket Mode, connected. It is meant for a readiness probe.
func (a *Adapter) Ready() error {
	if !a.started.Load() {
		return errors.New("slack: not started")
	}
	if a.socket.Load() && !a.connected.Load() {
		return errors.New("slack: not connected")
	}
	return nil
}

// now is the adapter's clock (Options.Now).
func (a *Adapter) now() time.Time { return a.opts.Now() }

// BotUserID returns the bot's Slack user id, known after Start.
func (a *Adapter) BotUserID() string { return a.botUserID.Load().(string) }

// Close stops accepting work, waits for the messages already accepted to be
// handled and answered (or for ctx to end, which cancels them), and stops
// the background loops.
func (a *Adapter) Close(ctx context.Context) error {
	var err error
	a.closeOnce.Do(func() {
		a.connected.Store(false)
		err = a.pool.close(ctx)
		a.stop()
		a.bg.Wait()
	})
	if err != nil {
		return fmt.Errorf("slack: close: %w", err)
	}
	return nil
}

// accept records a delivery as seen and queues its work on the worker of
// channel. It reports dup when the delivery was seen before. A work it
// cannot queue (the adapter is closing or its queue stays full) is
// forgotten again when the Dedup can, so that Slack's retry is handled.
//
// An empty key (a delivery with no id) is not deduplicated.
func (a *Adapter) accept(ctx context.Context, key, channel string, work func(ctx context.Context)) (dup bool, err error) {
	if key != "" {
		first, err := a.dedup.FirstSeen(ctx, key, a.opts.DedupTTL)
		if err != nil {
			return false, fmt.Errorf("dedup %s: %w", key, err)
		}
		if !first {
			return true, nil
		}
	}
	if err := a.pool.submit(ctx, channel, work); err != nil {
		if f, ok := a.dedup.(Forgetter); ok && key != "" {
			if ferr := f.ForgetSeen(context.WithoutCancel(ctx), key); ferr != nil {
				a.logger.Warn("forget slack delivery", "key", key, "err", ferr)
			}
		}
		return false, err
	}
	return false, nil
}

// memoryDedup is the Dedup used when none is given: a map with expiries,
// lost on restart.
type memoryDedup struct {
	mu   sync.Mutex
	now  func() time.Time
	seen map[string]time.Time
}

func newMemoryDedup(now func() time.Time) *memoryDedup {
	return &memoryDedup{now: now, seen: make(map[string]time.Time)}
}

func (m *memoryDedup) FirstSeen(_ context.Context, key string, ttl time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if exp, ok := m.seen[key]; ok && now.Before(exp) {
		return false, nil
	}
	m.seen[key] = now.Add(ttl)
	return true, nil
}

func (m *memoryDedup) ForgetSeen(_ context.Context, key string) error {
	m.mu.Lock()
	delete(m.seen, key)
	m.mu.Unlock()
	return nil
}

func (m *memoryDedup) PurgeSeen(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	var n int64
	for k, exp := range m.seen {
		if !now.Before(exp) {
			delete(m.seen, k)
			n++
		}
	}
	return n, nil
}
