package main

import (
	"context"
	"io"
	"os"
	"runtime/debug"
	"time"

	"golang.org/x/term"

	"deploybot/agents"
	"deploybot/router"
	"deploybot/terminal"
)

// runChat runs the terminal chat: interactive on a TTY, scripted otherwise.
func runChat(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("chat")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := dbFlag(fs)
	user := fs.String("user", "", "who speaks (default: $USER)")
	scripted := fs.Bool("scripted", false, "let \"[name] text\" speak as name in an interactive session (always so when stdin is not a terminal)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "chat takes no arguments; type messages on standard input"}
	}
	// Start-up allocates a few MB and keeps little of it (the knowledge's
	// index, the configuration, the store's migrations): with the default
	// GOGC a collection ran in its middle, before the first reply (gctrace
	// of bench's chat: 14 ms of CPU, 3 ms with the world stopped, issue
	// 19). The chat starts with the script's GOGC; the interactive one
	// goes back to the default once started.
	gcPercent := func() {}
	if m.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(scriptGCPercent)
		gcPercent = func() { debug.SetGCPercent(old) }
	}
	defer func() { gcPercent() }()
	// The cards are indexed, and what the first message's parse reads is
	// read, while the configuration loads and the store opens (see
	// agents.LoadKnowledge and router.Warm).
	knowledge := agents.LoadKnowledge()
	go router.Warm()
	now, err := m.clock()
	if err != nil {
		return err
	}
	cfg, src, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	db, err := m.openStore(ctx, *dbPath, cfg, src, now)
	if err != nil {
		return err
	}
	logger := m.logger(cfg)
	name := *user
	if name == "" {
		name = m.Getenv("USER")
	}
	c := &terminal.Chat{User: name, Now: now, Logger: logger, Scripted: *scripted}
	if out, ok := m.Stdout.(*os.File); ok {
		c.Style.ANSI = terminal.UseANSI(out, m.Getenv)
	}
	bot, err := m.bot(ctx, cfg, db, now, c.Poster(), logger, botOptions{DataDir: dataDir(cfg, *dbPath), Admin: name, Knowledge: knowledge})
	if err != nil {
		return err
	}
	// The scripted chat's audit entries commit in groups, each reply
	// printed once its own entry is committed (terminal.QueuedHandler).
	bot.AuditQueue = db.QueueAudit
	c.Handler = bot
	c.Start = func(ctx context.Context) error { return adopt(ctx, bot, logger) }
	if f, ok := m.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if out, ok := m.Stdout.(*os.File); ok && term.IsTerminal(int(out.Fd())) {
			gcPercent()
			gcPercent = func() {}
			return c.RunInteractive(ctx, int(f.Fd()), stdio{f, out})
		}
	}
	// A script allocates fast and keeps little (a few MB live): the
	// default GOGC collected every few milliseconds, a fifth of the CPU of
	// bench's chat (issue 19). Four times the live heap between
	// collections (scriptGCPercent, set above) keeps it to tens of MB.
	// The printer waits for the audit entries of the replies it prints
	// patiently while more are queued: they may wait a few milliseconds
	// for company, to commit in batches of a hundred or more (issue 19).
	// A message's write still waits for its own entry's commit at once.
	db.LingerCommits(scriptCommitLinger)
	// SQLite's page caches are freed and allocated again whenever
	// another connection commits: glibc gave the freed pages back at
	// once (madvise), and took them again at the next read, each time
	// with a TLB shootdown on every core. A CPU profile of bench's chat
	// (issue 19) showed those madvise calls and their page faults as a
	// fifth of the process. A script keeps them (scriptCHeapKeep); an
	// idle serve gives them back.
	keepCHeap(scriptCHeapKeep)
	// Each message reads the change counter of settings and interviews
	// (cache exactness across processes); with the log watched, only
	// after a commit (store/walwatch.go: 6-8 % of bench's chat). A
	// script opens its database once, as the watch requires.
	if err := db.WatchWAL(ctx); err != nil {
		logger.Debug("chat: the counter is read at every message", "err", err)
	}
	return c.RunScript(ctx, m.Stdin, m.Stdout)
}

// scriptGCPercent is the scripted chat's GOGC, unless the environment
// sets one.
const scriptGCPercent = 400

// scriptCHeapKeep is how much freed memory the scripted chat's C heap
// keeps rather than hand back to the kernel (glibc's M_TRIM_THRESHOLD;
// 128 KB by default, raised by itself up to 32 MB as large blocks are
// freed).
const scriptCHeapKeep = 64 << 20

// scriptCommitLinger is how long the scripted chat's audit entries may
// wait for company before their commit, when only its printer waits for
// them (store.DB.LingerCommits).
const scriptCommitLinger = 20 * time.Millisecond

// stdio joins a terminal's input and output.
type stdio struct {
	io.Reader
	io.Writer
}
