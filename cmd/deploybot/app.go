package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"deploybot"
	"deploybot/config"
	"deploybot/store"
)

// Main holds what the subcommands share: standard streams, the environment
// and the resources opened for a run. End-to-end tests build their own.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string

	closers []func() error
}

// NewMain returns a Main on the process' standard streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// usageError is an error in how a command was called: exit status 1 with
// the message and the command's usage line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Command is one subcommand.
type Command struct {
	Name      string
	UsageLine string
	Short     string
	Run       func(ctx context.Context, m *Main, args []string) error
}

func commands() []*Command {
	return []*Command{
		{Name: "chat", UsageLine: "chat [--config F] [--db F] [--user NAME] [--scripted]", Short: "terminal chat; scripted when stdin is not a TTY", Run: runChat},
		{Name: "route", UsageLine: "route [--config F] [--jsonl] [TEXT]", Short: "routing result of a message as JSON", Run: runRoute},
		{Name: "config", UsageLine: "config validate [--config F]", Short: "check a configuration file and print every problem", Run: runConfig},
		{Name: "serve", UsageLine: "serve [--config F] [--db F] [--grace D] [--drain-timeout D]", Short: "Slack, reminders and HTTP endpoints until SIGTERM", Run: runServe},
		{Name: "reminders", UsageLine: "reminders list [--config F] [--db F]", Short: "each reminder with its next three local times", Run: runReminders},
		{Name: "audit", UsageLine: "audit [--since D] [--project P] [--user U] [--format table|jsonl|csv] [--config F] [--db F] | audit purge --before D", Short: "the audit trail: messages, setting changes, deployments, locks, freezes; purge old texts", Run: runAudit},
		{Name: "forget", UsageLine: "forget USER [--config F] [--db F]", Short: "erase a person (a name or a Slack id): texts marked, names pseudonymised", Run: runForget},
		{Name: "runbook", UsageLine: "runbook PROJECT [--env E] [--lang fr|en] [--config F] [--db F]", Short: "the project's rollback runbook, in Markdown", Run: runRunbook},
		{Name: "context", UsageLine: "context export [--project P] [--config F] [--db F]", Short: "the settings in effect as a configuration file, with their provenance", Run: runContext},
		{Name: "store", UsageLine: "store copy --from FILE_OR_URL --to FILE_OR_URL | store backup FILE [--config F] [--db F]", Short: "copy every table between SQLite and PostgreSQL; back up while serve runs", Run: runStore},
		{Name: "health", UsageLine: "health [--addr A] [--config F]", Short: "exit 0 when a running serve answers /healthz (for HEALTHCHECK)", Run: runHealth},
		{Name: "version", UsageLine: "version", Short: "print the version and commit (also --version)", Run: runVersion},
	}
}

// Run runs the subcommand named by args[0] and returns the exit status: 0
// on success, 1 on a user error (message on stderr), 2 on a failure of the
// system.
func (m *Main) Run(ctx context.Context, args []string) int {
	defer m.Close()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return 1
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands() {
		if c.Name != args[0] {
			continue
		}
		err := c.Run(ctx, m, args[1:])
		var ue *usageError
		var ve *config.ValidationError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(m.Stderr, "deploybot %s: %s\nusage: deploybot %s\n", c.Name, ue.msg, c.UsageLine)
			return 1
		case errors.As(err, &ve):
			fmt.Fprintln(m.Stderr, ve.Error())
			return 1
		case deploybot.ErrorCode(err) != deploybot.EINTERNAL:
			fmt.Fprintf(m.Stderr, "deploybot %s: %s\n", c.Name, deploybot.ErrorMessage(err))
			return 1
		default:
			fmt.Fprintf(m.Stderr, "deploybot %s: %v\n", c.Name, err)
			return 1
		}
	}
	fmt.Fprintf(m.Stderr, "deploybot: unknown command %q\n", args[0])
	m.usage(m.Stderr)
	return 1
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "usage: deploybot COMMAND [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  deploybot %-45s %s\n", c.UsageLine, c.Short)
	}
}

// Close releases what the command opened, in reverse order.
func (m *Main) Close() error {
	var errs []error
	for i := len(m.closers) - 1; i >= 0; i-- {
		errs = append(errs, m.closers[i]())
	}
	m.closers = nil
	return errors.Join(errs...)
}

// flagSet returns a flag set that reports errors instead of exiting.
func (m *Main) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	return fs
}

// parse parses flags, allowing them after positional arguments
// ("route 'text' --config f").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// loadConfig loads the configuration and says on stderr which one it used.
func (m *Main) loadConfig(path string) (*config.Config, config.Source, error) {
	cfg, src, err := config.Load(path)
	if err != nil {
		return nil, src, err
	}
	fmt.Fprintf(m.Stderr, "deploybot: using %s\n", src)
	for _, w := range cfg.Warnings {
		fmt.Fprintf(m.Stderr, "deploybot: warning: %s\n", w.Error())
	}
	return cfg, src, nil
}

// clock returns the clock of the run: DEPLOYBOT_NOW (RFC 3339) when set,
// else the system clock.
func (m *Main) clock() (deploybot.Clock, error) {
	v := strings.TrimSpace(m.Getenv("DEPLOYBOT_NOW"))
	if v == "" {
		return deploybot.SystemClock, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("DEPLOYBOT_NOW=%q is not an RFC 3339 time (e.g. 2026-11-24T14:30:00+01:00)", v)}
	}
	return deploybot.FixedClock(t), nil
}

// openStore opens the database: --db (path) when it names one, else
// store.url, else ./data/deploybot.db; a SQLite file or a PostgreSQL URL
// (see storeLocation). The context layers are not copied into it: the
// configuration file's values are read from the file at every decision
// (package settings), and the database keeps what chat set.
func (m *Main) openStore(ctx context.Context, path string, cfg *config.Config, src config.Source, now deploybot.Clock) (*store.DB, error) {
	db, err := store.Open(ctx, m.storeLocation(path, cfg))
	if err != nil {
		if errors.Is(err, store.ErrSchemaTooNew) {
			return nil, deploybot.Errorf(deploybot.EINVALID, "%v", err)
		}
		return nil, err
	}
	db.Now = now
	m.closers = append(m.closers, db.Close)
	return db, nil
}

// logger returns the program's logger on stderr, at the configured level
// (warnings at least, so that a scripted chat's output stays clean).
func (m *Main) logger(cfg *config.Config) *slog.Logger {
	level := slog.LevelWarn
	switch cfg.Log.Level {
	case "debug":
		level = slog.LevelDebug
	case "error":
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(m.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(m.Stderr, opts))
}
