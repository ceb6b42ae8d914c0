package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"deploybot"
	"deploybot/store"
)

// cliActor is who a command line erasure is recorded as: the system user
// who ran it.
func (m *Main) cliActor() string {
	if u := strings.TrimSpace(m.Getenv("USER")); u != "" {
		return "cli:" + u
	}
	return "cli"
}

// runAuditPurge purges by hand the message texts older than --before, as
// audit.retention does once a day, and prints the rows changed per table.
func runAuditPurge(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("audit purge")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := dbFlag(fs)
	before := fs.String("before", "", "a duration (400d) or a date (YYYY-MM-DD, agency time zone): texts older are purged")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "audit purge takes no arguments"}
	}
	if *before == "" {
		return &usageError{msg: "audit purge needs --before (a duration such as 400d, or a date)"}
	}
	now, err := m.clock()
	if err != nil {
		return err
	}
	cfg, src, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	cutoff, err := sinceTime(*before, now(), cfg.Location())
	if err != nil {
		return &usageError{msg: strings.Replace(err.Error(), "--since", "--before", 1)}
	}
	db, err := m.openStore(ctx, *dbPath, cfg, src, now)
	if err != nil {
		return err
	}
	counts, err := db.PurgeTexts(ctx, cutoff, m.cliActor(), true)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Purged the message texts written before %s (%s); the decisions are kept:\n",
		cutoff.In(cfg.Location()).Format("2006-01-02 15:04 MST"), db.Location())
	return printCounts(m.Stdout, counts)
}

// runForget erases a person: their message texts become a marker and their
// id and names a pseudonym everywhere, and the old values leave the
// database's files. A name that several people had is refused.
func runForget(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("forget")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := dbFlag(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{msg: "forget takes one argument: a name or a Slack user id"}
	}
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
	people, err := db.People(ctx, rest[0])
	if err != nil {
		return err
	}
	switch len(people) {
	case 0:
		return deploybot.Errorf(deploybot.ENOTFOUND, "no one is known as %q in %s", rest[0], db.Location())
	case 1:
	default:
		var list []string
		for _, p := range people {
			list = append(list, describePerson(p))
		}
		return deploybot.Errorf(deploybot.EINVALID, "%q names several people: %s; forget one by its id", rest[0], strings.Join(list, ", "))
	}
	if err := inFlight(ctx, db, people[0]); err != nil {
		return err
	}
	res, err := db.Forget(ctx, people[0], m.cliActor())
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Forgot %s: their message texts are %s and they are %s everywhere; the decisions are kept under that name:\n",
		describePerson(people[0]), store.ErasedText, res.Pseudonym)
	if err := printCounts(m.Stdout, res.Counts); err != nil {
		return err
	}
	if res.Scrubbed {
		fmt.Fprintln(m.Stdout, "The old values are gone from the database's files. Backups taken before keep them.")
	} else {
		fmt.Fprintln(m.Stdout, "Warning: a reader held the database's WAL: the old values may remain in its file until the next "+
			"checkpoint (run forget again once serve is stopped). Backups taken before keep them.")
	}
	return nil
}

// inFlight refuses to forget p while a deployment p asked for waits or
// runs: under a pseudonym, the request is no longer theirs, and p could
// confirm or approve it as someone else (four eyes of one person).
func inFlight(ctx context.Context, db *store.DB, p store.Person) error {
	ds, err := db.FindDeployments(ctx, deploybot.DeploymentFilter{Requester: p.Actor, Limit: 20, States: []deploybot.DeployState{
		deploybot.StateRequested, deploybot.StateAwaitingApproval, deploybot.StateApproved, deploybot.StateRunning}})
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		return nil
	}
	var list []string
	for _, d := range ds {
		list = append(list, fmt.Sprintf("#%d %s", d.ID, d.State))
	}
	return deploybot.Errorf(deploybot.ECONFLICT, "%s asked for deployments still waiting or running (%s): "+
		"forgotten now, they could approve their own request under another name; cancel them (cancel ID) or wait until they end",
		describePerson(p), strings.Join(list, ", "))
}

func describePerson(p store.Person) string {
	if len(p.Names) == 0 {
		return p.Actor
	}
	return p.Actor + " (" + strings.Join(p.Names, ", ") + ")"
}

// retentionEvery is how often serve purges the texts older than
// audit.retention.
const retentionEvery = 24 * time.Hour

// retentionLoop purges, at start and then once a day, the message texts
// older than retention. Every replica runs it; only a run that changes
// something is recorded in the audit.
func retentionLoop(db *store.DB, retention time.Duration, logger *slog.Logger) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		tick := time.NewTicker(retentionEvery)
		defer tick.Stop()
		for {
			counts, err := db.PurgeTexts(ctx, time.Now().Add(-retention), "deploybot", false)
			switch {
			case err != nil && ctx.Err() == nil:
				logger.Error("purge old message texts (audit.retention)", "err", err)
			case err == nil:
				var n int64
				for _, c := range counts {
					n += c.Rows
				}
				if n > 0 {
					logger.Info("purged old message texts (audit.retention)", "retention", retention, "rows", n)
				}
			}
			select {
			case <-ctx.Done():
				return nil
			case <-tick.C:
			}
		}
	}
}
