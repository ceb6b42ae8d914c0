package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"deploybot"
	"deploybot/config"
	"deploybot/deploy"
	"deploybot/schedule"
	"deploybot/store"
	"deploybot/telemetry"
	"deploybot/terminal"
)

// service is one long-running part of serve. Run returns when ctx is done
// (after stopping cleanly) or when it fails.
type service struct {
	name string
	run  func(ctx context.Context) error
}

// runServe runs the long-running services until SIGTERM or SIGINT: the
// Slack adapter when a bot token is configured (Socket Mode, or the Events
// API under /slack/ on the HTTP listener), the reminders, and the HTTP
// listener with /healthz, /readyz and /metrics. Without Slack, reminders
// and deployment notifications are printed on standard output. On a
// signal, acknowledgements in flight finish and deployments left running
// are reconciled at the next start.
func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("serve")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := dbFlag(fs)
	grace := fs.Duration("grace", schedule.DefaultGrace, "how late a reminder missed while stopped may still be sent (0: never)")
	drain := fs.Duration("drain-timeout", 0, "how long SIGTERM waits for running deployments (default: serve.drain_timeout, 10m)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "serve takes no arguments"}
	}
	if *grace < 0 {
		return &usageError{msg: "--grace must not be negative"}
	}
	if *drain < 0 {
		return &usageError{msg: "--drain-timeout must not be negative"}
	}
	if _, err := m.clock(); err != nil {
		return err
	}
	if m.Getenv("DEPLOYBOT_NOW") != "" {
		fmt.Fprintln(m.Stderr, "deploybot: warning: DEPLOYBOT_NOW is ignored by serve: reminders run on the real clock")
	}
	cfg, src, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	db, err := m.openStore(ctx, *dbPath, cfg, src, deploybot.SystemClock)
	if err != nil {
		return err
	}
	logger := m.logger(cfg)
	if *grace == 0 {
		*grace = -1 // the Scheduler reads 0 as its default
	}
	// Notifications go to Slack when it is configured, else to standard
	// output; the bot needs its poster before the Slack adapter, which
	// needs the bot, exists.
	poster := &posterSwitch{p: terminal.NewPoster(m.Stdout)}
	if *drain == 0 {
		*drain = cfg.Serve.DrainTimeout
	}
	bot, err := m.bot(ctx, cfg, db, deploybot.SystemClock, poster, logger, botOptions{DataDir: dataDir(cfg, *dbPath)})
	if err != nil {
		return err
	}
	metrics := telemetry.New(db)
	if err := metrics.Register(newStoreCollector(db)); err != nil {
		return err
	}
	bot.Observe = metrics.Observe
	// The Slack workers' audit entries commit with the inbox's writes, in
	// the store's shared transactions (slack.QueuedHandler), and a
	// message's reply is stored with its entry (slackQueueAudit).
	bot.AuditQueue = slackQueueAudit(db)
	adapter, err := m.slackAdapter(cfg, db, bot, logger)
	if err != nil {
		return err
	}
	if adapter != nil {
		// The reply queue is deploybot_inbox_entries (storeCollector);
		// what Slack refused with 429 is counted here.
		throttled := telemetry.CollectorFunc(func(_ context.Context, s *telemetry.Scrape) error {
			s.Counter("deploybot_slack_throttled_total",
				"Slack Web API calls answered 429 (rate limited): each is tried again after its Retry-After, a reply waiting in the inbox meanwhile.",
				float64(adapter.Throttled()))
			return nil
		})
		if err := metrics.Register(throttled); err != nil {
			return err
		}
		// Access lists may name Slack user groups ("@release-managers"):
		// wired before the adapter starts, so before any event is handled.
		if bot.Deploys != nil {
			bot.Deploys.Directory = adapter
		}
		if err := startSlack(ctx, adapter); err != nil {
			return err
		}
		// People are known by their Slack id: every name of the access
		// lists and agency.admins must name exactly one account.
		if err := checkSlackAccess(ctx, adapter, cfg); err != nil {
			_ = adapter.Close(ctx)
			return err
		}
	}
	reminders := &schedule.Scheduler{
		Store:     db,
		Poster:    poster,
		Calendar:  bot.Calendar,
		Reminders: configReminders(cfg),
		Lang:      cfg.Agency.Language,
		Grace:     *grace,
		Logger:    logger.With("component", "reminders"),
		Approvals: schedule.PendingApprovalsFunc(func(ctx context.Context) ([]deploybot.Deployment, error) {
			return db.FindDeployments(ctx, deploybot.DeploymentFilter{States: []deploybot.DeployState{deploybot.StateAwaitingApproval}, Limit: 100})
		}),
		Locks: schedule.HeldLocksFunc(func(ctx context.Context) ([]deploybot.Lock, error) { return db.Locks(ctx, "") }),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		// The store first: a replica that cannot reach the database
		// must leave the load balancer's rotation.
		storeLine := "store: " + db.Engine() + " " + db.Location()
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			http.Error(w, storeLine+": "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		slackLine := "slack: off"
		if adapter != nil {
			if err := adapter.Ready(); err != nil {
				http.Error(w, "slack: "+err.Error(), http.StatusServiceUnavailable)
				return
			}
			slackLine = "slack: connected (" + string(cfg.Slack.Mode) + ")"
		}
		fmt.Fprintf(w, "ready\n%s: ok\n%s\n", storeLine, slackLine)
	})
	mux.Handle("GET /metrics", metrics.Handler())
	services := []service{{name: "reconcile", run: reconcileLoop(bot.Deploys, logger)}, {name: "reminders", run: reminders.Run}, {name: "http " + cfg.HTTP.Addr, run: serveHTTP(cfg.HTTP.Addr, mux, logger)},
		{name: "deployments", run: drainOnStop(bot.Deploys, *drain, m.Stderr, logger)}}
	// Web pages and the dora reminders (issue 15): see web.go.
	webs, err := m.webServices(cfg, db, bot, mux, reminders, logger)
	if err != nil {
		return err
	}
	services = append(services, webs...)
	if cfg.Audit.Retention > 0 {
		services = append(services, service{name: "retention " + config.FormatDuration(cfg.Audit.Retention), run: retentionLoop(db, cfg.Audit.Retention, logger)})
	}
	if adapter != nil {
		poster.set(adapter)
		if cfg.Slack.Mode == config.SlackHTTP {
			mux.Handle("/slack/", adapter.HTTPHandler())
		}
		services = append(services, service{name: "slack (" + string(cfg.Slack.Mode) + ")", run: slackRun(adapter, cfg)})
	}
	names := make([]string, len(services))
	for i, s := range services {
		names[i] = s.name
	}
	// Adopted deployments post their outcome through the poster, which
	// is Slack's from here on.
	if err := adopt(ctx, bot, logger); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "deploybot: serving %s; stop with Ctrl-C or SIGTERM\n", strings.Join(names, ", "))
	// Start-up leaves garbage behind (the configuration's decoding, the
	// migrations): collected once serving, and its pages given back to
	// the system rather than left to the scavenger's pace, an idle serve
	// keeps only what it uses (/proc/PID/status RssAnon 13 MB -> 9 MB,
	// issue 19). The knowledge cards are no longer part of it: they are
	// indexed at the first question (agents.LazyKnowledge).
	go debug.FreeOSMemory()
	err = runServices(ctx, services)
	fmt.Fprintln(m.Stderr, "deploybot: stopped")
	return err
}

// The HTTP server's bounds: a client that sends or reads slowly, or keeps
// an idle connection, never holds a connection for long. Slack expects an
// answer within 3 s; nothing served here takes longer than WriteTimeout.
const (
	httpReadHeaderTimeout = 5 * time.Second
	httpReadTimeout       = 10 * time.Second
	httpWriteTimeout      = 15 * time.Second
	httpIdleTimeout       = 60 * time.Second
	httpMaxHeaderBytes    = 64 << 10
)

// serveHTTP serves handler on addr until ctx ends, then shuts down,
// letting requests in flight (Slack acknowledgements) finish.
func serveHTTP(addr string, handler http.Handler, logger *slog.Logger) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		srv := &http.Server{Addr: addr, Handler: handler, ReadHeaderTimeout: httpReadHeaderTimeout,
			ReadTimeout: httpReadTimeout, WriteTimeout: httpWriteTimeout, IdleTimeout: httpIdleTimeout,
			MaxHeaderBytes: httpMaxHeaderBytes, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
		errs := make(chan error, 1)
		go func() { errs <- srv.ListenAndServe() }()
		select {
		case err := <-errs:
			return err
		case <-ctx.Done():
		}
		shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}

// readyTimeout bounds /readyz's look at the database.
const readyTimeout = 2 * time.Second

// reconcileEvery is how often serve looks for deployments whose process is
// gone (a lease expired, a process of this machine died) to adopt them.
const reconcileEvery = 5 * time.Second

// reconcileLoop adopts, every reconcileEvery, the deployments of processes
// that stopped while this one runs.
func reconcileLoop(d *deploy.Service, logger *slog.Logger) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		tick := time.NewTicker(reconcileEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-tick.C:
				if n, err := d.Reconcile(ctx); err != nil && ctx.Err() == nil {
					logger.Error("reconcile deployments", "err", err)
				} else if n > 0 {
					logger.Warn("reconciled deployments left by a stopped process", "count", n)
				}
			}
		}
	}
}

// drainOnStop waits for ctx to end (SIGTERM), then lets the deployments
// running finish, up to timeout: no new one starts, and what still runs
// after it is left under its lease to the next process, never marked
// failed. Monitoring windows are not waited for: the next process adopts
// them.
func drainOnStop(d *deploy.Service, timeout time.Duration, stderr io.Writer, logger *slog.Logger) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		<-ctx.Done()
		fmt.Fprintf(stderr, "deploybot: stopping: waiting up to %s for running deployments\n", timeout)
		wait, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
		defer cancel()
		if err := d.Drain(wait); err != nil {
			logger.Warn("deployments still running at stop: left to the next process", "after", timeout)
		}
		return nil
	}
}

// posterSwitch forwards to a Poster chosen once the adapters exist.
type posterSwitch struct {
	mu sync.RWMutex
	p  deploybot.Poster
}

func (s *posterSwitch) set(p deploybot.Poster) {
	s.mu.Lock()
	s.p = p
	s.mu.Unlock()
}

func (s *posterSwitch) get() deploybot.Poster {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.p
}

func (s *posterSwitch) Post(ctx context.Context, channel, thread string, r deploybot.Reply) (string, error) {
	return s.get().Post(ctx, channel, thread, r)
}

func (s *posterSwitch) Update(ctx context.Context, ref string, r deploybot.Reply) error {
	return s.get().Update(ctx, ref, r)
}

// ThreadOf forwards to the poster when it has threads (Slack).
func (s *posterSwitch) ThreadOf(ref string) (channel, thread string, ok bool) {
	if th, isThreader := s.get().(interface {
		ThreadOf(ref string) (string, string, bool)
	}); isThreader {
		return th.ThreadOf(ref)
	}
	return "", "", false
}

// runServices runs every service until ctx is done or one of them stops:
// then it stops the others and returns once all have returned, with their
// errors.
func runServices(ctx context.Context, services []service) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(services))
	for _, s := range services {
		go func() {
			err := s.run(ctx)
			if err != nil {
				err = fmt.Errorf("%s: %w", s.name, err)
			}
			cancel()
			errs <- err
		}()
	}
	var all []error
	for range services {
		if err := <-errs; err != nil {
			all = append(all, err)
		}
	}
	return errors.Join(all...)
}

// storeCollector is the store's part of /metrics, read when scraped: the
// connection pool (how many connections, how often a request waited for
// one) and the inbox's depth by state.
func newStoreCollector(db *store.DB) telemetry.Collector {
	return telemetry.CollectorFunc(func(ctx context.Context, s *telemetry.Scrape) error {
		st := db.Stats()
		s.Gauge("deploybot_store_info", "The database engine (sqlite or postgres).", 1, "engine", db.Engine())
		const conns = "Connections of the store's pool, by state (in_use, idle)."
		s.Gauge("deploybot_store_connections", conns, float64(st.InUse), "state", "in_use")
		s.Gauge("deploybot_store_connections", conns, float64(st.Idle), "state", "idle")
		s.Gauge("deploybot_store_max_open_connections", "The pool's limit (0: none).", float64(st.MaxOpenConnections))
		s.Counter("deploybot_store_wait_total", "Requests that waited for a free connection of the pool.", float64(st.WaitCount))
		s.Counter("deploybot_store_wait_seconds_total", "Time requests spent waiting for a free connection of the pool.", st.WaitDuration.Seconds())
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		counts, err := db.InboxCounts(ctx)
		if err != nil {
			return fmt.Errorf("deploybot_inbox_entries: %w", err)
		}
		for state, n := range counts {
			s.Gauge("deploybot_inbox_entries",
				"Chat deliveries in the durable inbox, by state: new (to handle), replied (reply to post), done (kept as seen keys).",
				float64(n), "state", string(state))
		}
		return nil
	})
}
