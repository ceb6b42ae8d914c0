package main

import (
	"flag"
	"io"
	"testing"

	"deploybot/config"
)

// TestDatabaseChoice: --db typed wins, even when it names the default
// file; left unset, store.url wins, else the default file; ${VAR} is
// expanded either way.
func TestDatabaseChoice(t *testing.T) {
	withURL := &config.Config{Store: config.Store{URL: "postgres://bot:${PGPASSWORD}@db/deploybot"}}
	env := func(k string) string { return map[string]string{"PGPASSWORD": "s3cret"}[k] }
	for _, c := range []struct {
		name string
		args []string
		cfg  *config.Config
		want string
	}{
		{"nothing", nil, &config.Config{}, defaultDB},
		{"store.url", nil, withURL, "postgres://bot:s3cret@db/deploybot"},
		{"--db wins over store.url", []string{"--db", "other.db"}, withURL, "other.db"},
		{"--db naming the default file wins too", []string{"--db", defaultDB}, withURL, defaultDB},
		{"--db=URL", []string{"--db=postgres://x@h/db"}, &config.Config{}, "postgres://x@h/db"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			db := dbFlag(fs)
			if err := fs.Parse(c.args); err != nil {
				t.Fatal(err)
			}
			if got := resolveLocation(*db, c.cfg, env); got != c.want {
				t.Errorf("database %q, want %q", got, c.want)
			}
		})
	}
}
