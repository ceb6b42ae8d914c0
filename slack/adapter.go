// Package slack is deploybot's Slack adapter. It receives mentions, direct
// messages, the /deploy slash command and button clicks, over Socket Mode
// (the default: no public URL) or the HTTP Events API (signed requests),
// and hands each message to the same deploybot.Handler the terminal chat
// uses. Replies are rendered with Block Kit and posted in the thread of
// the message; a reply in a thread where the bot posted or was mentioned
// continues the conversation without a new mention; clicks update the
// message they came from.
//
// Nothing acknowledged is lost: every delivery is written to a durable
// Inbox, by its de-duplication key, before Slack is told it arrived (the
// 200, or the Socket Mode ack). Workers claim the entries for this process
// (Options.Self), renew their claim while the Handler runs, store the reply
// in the entry, post it and mark the entry done. Entries whose claim
// expired or whose holder died (Options.Gone) are handled again, at Start
// and every few seconds. A reply that may have been posted before a crash
// carries its inbox key in the message's metadata and is looked up in its
// thread before it is posted again, so that each delivery is answered
// once. The Handler itself may see a message twice after a crash, with the
// same Message.ID.
//
// People are known by id: Message.User is deploybot.SlackActor(team, user)
// and Message.UserName the name they had. The adapter is also the
// directory of the access lists (Resolve, CheckEntries, Members): names,
// user ids and "@groups" become actors. Outgoing texts show actors as the
// people's current names.
//
// In assistant threads the adapter offers suggested prompts, shows a
// status and titles the thread after its first message.
//
// The adapter also implements deploybot.Poster for the messages the bot
// starts itself (deployment notifications, reminders), with Slack's rate
// limits honoured and the order of messages kept per channel.
package slack

import (
	"context"
	"errors"
	"fmt"
	"hash"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"deploybot"
)

// Options configures an Adapter. BotToken and Handler are required;
// AppToken for Socket Mode; SigningSecret for the HTTP endpoints.
type Options struct {
	BotToken      string // xoxb-...: the Web API token
	AppToken      string // xapp-...: Socket Mode only (scope connections:write)
	SigningSecret string // HTTP mode: verifies each request's signature
	APIURL        string // Web API base URL, ending in "/"; empty: https://slack.com/api/

	Handler deploybot.Handler // answers every message; required
	// Inbox records every delivery before it is acknowledged; nil: an
	// inbox in memory, lost on restart.
	Inbox  Inbox
	Logger *slog.Logger // nil: discard

	// Self names this process in the claims of inbox entries (see
	// process.Self); zero: a name unique to this adapter, which no other
	// process can judge gone. Gone reports whether another claim holder
	// is known to be dead (process.Gone), so that its entries are taken
	// over at once; nil: only when their claim expires.
	Self deploybot.Holder
	Gone func(deploybot.Holder) bool

	Lang deploybot.Lang // language of the adapter's own texts when a user's is unknown; default English

	Workers      int           // goroutines handling messages; default 4
	QueueSize    int           // messages waiting per worker; default 256 (more wait in the inbox)
	DedupTTL     time.Duration // how long a delivery key is remembered; default 24h
	PurgeEvery   time.Duration // how often expired keys are purged; default 1h
	ClaimTTL     time.Duration // how long a claim lasts unless renewed; default 1m (renewed every third)
	RecoverEvery time.Duration // how often unfinished entries are looked for; default 5s
	RetryBackoff time.Duration // wait before handling a failed entry again, times its attempts (at most 1m); default 5s
	MaxAttempts  int           // attempts before an entry gets an error reply and is done; default 5
	UserTTL      time.Duration // how long a users.info answer is cached; default 1h
	GroupTTL     time.Duration // how long user groups' handles and members are cached; default 10m
	DirectoryTTL time.Duration // how often users.list is read again, once used; default 5m
	ThreadTTL    time.Duration // how long the threads the bot takes part in are remembered; default 24h

	MaxRetries    int           // retries of a rate-limited Web API call; default 3
	MaxRetryAfter time.Duration // longest wait honoured for one Retry-After; default 60s

	// Assistant turns on Slack's AI-app surface: suggested prompts when an
	// assistant thread starts and a status while deploybot works.
	Assistant bool

	HTTPClient *http.Client // for the Web API; nil: a client with a 30s timeout

	Now func() time.Time // clock of claims, caches and expiries; nil: time.Now
}

// Adapter connects deploybot to a Slack workspace. Create it with New, wire
// it (it is the deploy service's directory), call Start, then either Run
// (Socket Mode) or serve HTTPHandler (HTTP mode); Close drains the work in
// flight. It is safe for concurrent use.
type Adapter struct {
	opts   Options
	api    *slack.Client
	logger *slog.Logger
	inbox  Inbox
	self   deploybot.Holder
	users  *userCache
	groups *groupCache // user groups: handles and members
	dir    *directory  // users.list: names to ids
	pool   *pool

	// signing is the HMAC keyed with the signing secret, copied for each
	// request (signingHMAC); never written to.
	signing     hash.Hash
	signingOnce sync.Once

	inflight sync.Map // inbox keys queued or being handled here
	// finishing holds, by channel, a channel closed once the last entry
	// of the channel marked done here is so in the inbox (finish);
	// finishes waits for those marks.
	finishing sync.Map
	finishes  sync.WaitGroup
	kickc     chan struct{} // asks the recovery loop to look now
	// backlog says entries wait in the inbox for room in the queues: new
	// deliveries then wait behind them, so that each channel keeps its
	// order. backlogSeq counts the deliveries left waiting.
	backlog    atomic.Bool
	backlogMu  sync.Mutex
	backlogSeq int64

	threads *threadSet // threads the bot takes part in (posted or mentioned), or not
	titles  *threadSet // assistant threads started and not titled yet
	order   channelLocks

	lifetime context.Context // the adapter's own lifetime, ended by Close
	stop     context.CancelFunc
	bg       sync.WaitGroup // background loops

	botUserID atomic.Value // string: the bot's user id, from auth.test
	botID     atomic.Value // string: the bot's bot id
	teamID    atomic.Value // string: the bot's team id
	started   atomic.Bool
	closing   atomic.Bool
	socket    atomic.Bool // Run was called: Socket Mode
	connected atomic.Bool // the Socket Mode connection is up
	closeOnce sync.Once

	throttled atomic.Int64 // Web API answers 429 received (issue 20: /metrics)

	// receiving counts the deliveries being received: read, verified,
	// recorded in the inbox and not yet acknowledged; lastReceived is
	// when the last one ended, as time since epoch (monotonic). The
	// workers let them go first (yieldToDeliveries).
	receiving    atomic.Int64
	lastReceived atomic.Int64
	epoch        time.Time
}

// Throttled returns how many Web API calls Slack refused with 429 (rate
// limited) since the adapter started: each was waited out and tried again.
func (a *Adapter) Throttled() int64 { return a.throttled.Load() }

// New checks opts and returns an Adapter whose workers are running. It does
// no I/O and handles nothing before Start.
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
	opts.MaxAttempts = defaultInt(opts.MaxAttempts, 5)
	opts.DedupTTL = defaultDuration(opts.DedupTTL, 24*time.Hour)
	opts.PurgeEvery = defaultDuration(opts.PurgeEvery, time.Hour)
	opts.ClaimTTL = defaultDuration(opts.ClaimTTL, time.Minute)
	opts.RecoverEvery = defaultDuration(opts.RecoverEvery, 5*time.Second)
	opts.RetryBackoff = defaultDuration(opts.RetryBackoff, 5*time.Second)
	opts.UserTTL = defaultDuration(opts.UserTTL, time.Hour)
	opts.GroupTTL = defaultDuration(opts.GroupTTL, 10*time.Minute)
	opts.DirectoryTTL = defaultDuration(opts.DirectoryTTL, 5*time.Minute)
	opts.ThreadTTL = defaultDuration(opts.ThreadTTL, 24*time.Hour)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.MaxRetryAfter = defaultDuration(opts.MaxRetryAfter, time.Minute)
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 30 * time.Second, Transport: webAPITransport(opts.Workers)}
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
		inbox:  opts.Inbox,
		self:   opts.Self,
		kickc:  make(chan struct{}, 1),
		epoch:  time.Now(),
	}
	if a.inbox == nil {
		a.inbox = newMemoryInbox()
	}
	if a.self == (deploybot.Holder{}) {
		// A name no other process has: its claims expire, they are never
		// judged gone.
		a.self.Host, _ = os.Hostname()
		a.self.PID = os.Getpid()
		a.self.StartTime = uint64(time.Now().UnixNano())
	}
	a.botUserID.Store("")
	a.botID.Store("")
	a.teamID.Store("")
	a.lifetime, a.stop = context.WithCancel(context.Background())
	a.users = newUserCache(a, opts.UserTTL)
	a.groups = newGroupCache(a, opts.GroupTTL)
	a.dir = newDirectory(a)
	a.threads = newThreadSet(opts.Now, opts.ThreadTTL)
	a.titles = newThreadSet(opts.Now, opts.ThreadTTL)
	a.pool = newPool(a.lifetime, opts.Workers, opts.QueueSize, a.logger)
	return a, nil
}

// webAPITransport is the transport of the Web API client: the default
// one, keeping as many idle connections to Slack as calls may run at once
// (each worker posting, the recovery and the caches' look-ups), where the
// default keeps two. A CPU profile of serve answering 10,000 events
// (bench -only slack, issue 19) showed the workers dialing a new
// connection for most posts, and closing it after, as 5 % of the process's
// CPU on loopback; to Slack each would be a TLS handshake too.
func webAPITransport(workers int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = max(2*workers, t.MaxIdleConnsPerHost)
	return t
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
// mentions are recognised, and its team known), then starts handling: the
// unfinished inbox entries left by a stopped process first, then every few
// seconds, and the purge of expired keys. Wire everything the Handler needs
// before calling it. It fails when the bot token is refused.
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
	a.teamID.Store(resp.TeamID)
	if !a.started.CompareAndSwap(false, true) {
		return nil
	}
	a.logger.Info("slack bot identified", "team", resp.Team, "team_id", resp.TeamID, "bot_user", resp.UserID)
	a.bg.Go(a.recoverLoop)
	a.bg.Go(a.purgeLoop)
	a.bg.Go(a.dir.refreshLoop)
	return nil
}

// purgeLoop deletes the expired keys of the inbox every PurgeEvery until
// Close.
func (a *Adapter) purgeLoop() {
	t := time.NewTicker(a.opts.PurgeEvery)
	defer t.Stop()
	for {
		if n, err := a.inbox.Purge(a.lifetime, a.now()); err != nil && a.lifetime.Err() == nil {
			a.logger.Warn("purge slack inbox", "err", err)
		} else if n > 0 {
			a.logger.Debug("purged slack inbox", "count", n)
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

// TeamID returns the bot's team id, known after Start: the team of the
// actors Slack names without one.
func (a *Adapter) TeamID() string { return a.teamID.Load().(string) }

// Close stops taking work from the inbox, waits for the messages being
// handled to be answered (or for ctx to end, which cancels them: their
// entries stay in the inbox for the next start), and stops the background
// loops. Deliveries that arrive meanwhile are still recorded in the inbox.
func (a *Adapter) Close(ctx context.Context) error {
	var err error
	a.closeOnce.Do(func() {
		a.closing.Store(true)
		a.connected.Store(false)
		err = a.pool.close(ctx)
		if err == nil {
			a.finishes.Wait() // the workers are done: no more finishes start
		}
		a.stop()
		a.bg.Wait()
	})
	if err != nil {
		return fmt.Errorf("slack: close: %w", err)
	}
	return nil
}
