package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"regexp"

	"deploybot/config"
	"deploybot/store"
)

// defaultDB is --db's default: the SQLite file of a fresh machine.
const defaultDB = "./data/deploybot.db"

// dbFlag defines the --db flag every subcommand that reads the database
// takes: a SQLite file or a postgres:// URL; left unset, the configuration's
// store.url wins (resolveLocation).
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "the database: a SQLite file or a postgres:// URL (default: store.url, else "+defaultDB+")")
}

// storeLocation returns the database a command uses: --db when it names
// one (a file or a postgres:// URL), else store.url, else defaultDB, with
// ${VAR} expanded from the environment (so that a password stays out of
// the command line and the file). A --db left at its default is not
// "named": store.url then wins over it. A --db typed on the command line
// wins, even when it names the default file.
func (m *Main) storeLocation(flagValue string, cfg *config.Config) string {
	return resolveLocation(flagValue, cfg, m.Getenv)
}

func resolveLocation(flagValue string, cfg *config.Config, getenv func(string) string) string {
	loc := flagValue
	if loc == "" && cfg != nil && cfg.Store.URL != "" {
		loc = cfg.Store.URL
	}
	if loc == "" {
		loc = defaultDB
	}
	return expandVars(loc, getenv)
}

var varRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandVars replaces ${VAR} with the variable's value.
func expandVars(s string, getenv func(string) string) string {
	return varRef.ReplaceAllStringFunc(s, func(ref string) string {
		return getenv(varRef.FindStringSubmatch(ref)[1])
	})
}

// storeDataDir is where the shell executor's runs live: store.data_dir,
// else the SQLite file's directory, else (PostgreSQL) ./data.
func storeDataDir(cfg *config.Config, location string) string {
	if cfg.Store.DataDir != "" {
		return cfg.Store.DataDir
	}
	if store.IsURL(location) {
		return "./data"
	}
	return filepath.Dir(location)
}

// runStore runs "store copy" and "store backup".
func runStore(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return &usageError{msg: "store needs a subcommand: copy or backup"}
	}
	switch args[0] {
	case "copy":
		return runStoreCopy(ctx, m, args[1:])
	case "backup":
		return runStoreBackup(ctx, m, args[1:])
	}
	return &usageError{msg: fmt.Sprintf("unknown store subcommand %q: copy or backup", args[0])}
}

// runStoreCopy copies every table from one database to another, SQLite or
// PostgreSQL either way, and prints the rows copied per table. Copying
// again changes nothing: rows are matched by their keys.
func runStoreCopy(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("store copy")
	from := fs.String("from", "", "the database to read: a SQLite file or a postgres:// URL")
	to := fs.String("to", "", "the database to write: a SQLite file or a postgres:// URL (created and migrated if needed)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "store copy takes no arguments"}
	}
	if *from == "" || *to == "" {
		return &usageError{msg: "store copy needs --from and --to"}
	}
	src, err := m.openLocation(ctx, expandVars(*from, m.Getenv))
	if err != nil {
		return err
	}
	dst, err := m.openLocation(ctx, expandVars(*to, m.Getenv))
	if err != nil {
		return err
	}
	counts, err := store.Copy(ctx, src, dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Copied %s (%s) to %s (%s):\n", src.Location(), src.Engine(), dst.Location(), dst.Engine())
	return printCounts(m.Stdout, counts)
}

// runStoreBackup writes a consistent copy of the database into a new
// SQLite file while serve may run and write.
func runStoreBackup(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("store backup")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := dbFlag(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{msg: "store backup takes one argument: the new backup file"}
	}
	cfg, _, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	db, err := m.openLocation(ctx, m.storeLocation(*dbPath, cfg))
	if err != nil {
		return err
	}
	counts, err := db.Backup(ctx, rest[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Backed up %s (%s) to %s; restore with: deploybot store copy --from %s --to DATABASE\n",
		db.Location(), db.Engine(), rest[0], rest[0])
	return printCounts(m.Stdout, counts)
}

// openLocation opens the database at location and closes it with the
// command.
func (m *Main) openLocation(ctx context.Context, location string) (*store.DB, error) {
	db, err := store.Open(ctx, location)
	if err != nil {
		return nil, err
	}
	m.closers = append(m.closers, db.Close)
	return db, nil
}

// printCounts prints the rows per table, and their total.
func printCounts(w io.Writer, counts []store.TableCount) error {
	var total int64
	width := 18
	for _, c := range counts {
		width = max(width, len(c.Table))
	}
	for _, c := range counts {
		fmt.Fprintf(w, "  %-*s %9d\n", width, c.Table, c.Rows)
		total += c.Rows
	}
	_, err := fmt.Fprintf(w, "  %-*s %9d\n", width, "total", total)
	return err
}
