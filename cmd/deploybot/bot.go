package main

import (
	"context"
	"log/slog"
	"os"
	"time"

	"deploybot"
	"deploybot/agents"
	"deploybot/config"
	"deploybot/dora"
	"deploybot/router"
	"deploybot/settings"
	"deploybot/store"
)

// bot wires the orchestrator that answers every chat message, whatever the
// adapter: the router, the agents and their knowledge, the store and the
// deploy service, whose notifications go to poster. Deployments left
// running by a stopped process are reconciled first.
func (m *Main) bot(ctx context.Context, cfg *config.Config, db *store.DB, now deploybot.Clock, poster deploybot.Poster, logger *slog.Logger, opts botOptions) (*agents.Orchestrator, error) {
	projects := cfg.Projects()
	r, err := router.New(projects)
	if err != nil {
		return nil, err
	}
	k := opts.Knowledge
	if k == nil {
		k = agents.LazyKnowledge()
	}
	res := settings.New(cfg, db, now)
	cal := calendar(cfg, res, db, logger)
	deploys, err := m.deployService(cfg, db, res, now, poster, cal, opts.DataDir, logger)
	if err != nil {
		return nil, err
	}
	if len(deploys.Admins) == 0 && opts.Admin != "" {
		deploys.Admins = []string{opts.Admin}
	}
	m.closers = append(m.closers, deploys.Close)
	o := &agents.Orchestrator{
		Router: r, Audit: db, Settings: res, Interviews: db, Reminders: db, Deploys: deploys, Knowledge: k,
		Projects: projects, Calendar: cal, Location: cfg.Location, Logger: logger, Now: now, ReadScope: db.ReadScope,
	}
	o.DORA = chatDORA(webStore{db}, projectNamesOf(cfg), cfg.Location(), now)
	// LLM mode (issue 7): only when cfg.LLM.Enabled(); see llm.go.
	if err := m.withModel(o, cfg, logger); err != nil {
		return nil, err
	}
	return o, nil
}

// chatDORA answers the chat command "dora [PROJECT] [PERIOD]": the DORA
// figures over the period named (thirty days by default) up to now, from
// the same store and runs as the web page and the dora reminders.
func chatDORA(src dora.Source, projects []string, loc *time.Location, now deploybot.Clock) func(ctx context.Context, project, period string, lang deploybot.Lang) (deploybot.Reply, error) {
	return func(ctx context.Context, project, period string, lang deploybot.Lang) (deploybot.Reply, error) {
		at := now()
		p, err := dora.ParsePeriod(period, at)
		if err != nil {
			return deploybot.Reply{}, err
		}
		return dora.Answer(ctx, src, projects, project, p, at, loc, lang)
	}
}

// adopt repairs and adopts, at once, the deployments left by a process that
// stopped. The caller wires the notifications' poster first: an adopted
// deployment's outcome is announced where its deployment's message is.
func adopt(ctx context.Context, o *agents.Orchestrator, logger *slog.Logger) error {
	if o.Deploys == nil {
		return nil
	}
	n, err := o.Deploys.Reconcile(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		logger.Warn("reconciled deployments left by a stopped process", "count", n)
	}
	return nil
}

// botOptions are what the chat and serve commands set apart.
type botOptions struct {
	// DataDir holds the shell executor's runs.
	DataDir string
	// Admin is an admin when agency.admins names none: the terminal
	// chat's own --user (never a "[name]" speaker of a script).
	Admin string
	// Knowledge is the knowledge cards' index, its loading started
	// early (agents.LoadKnowledge); nil: built at the first question
	// (agents.LazyKnowledge).
	Knowledge *agents.Knowledge
}

// dataDir is where the shell executor's runs live: store.data_dir, else
// the database file's directory (./data for a PostgreSQL database; see
// storeDataDir).
func dataDir(cfg *config.Config, dbPath string) string {
	return storeDataDir(cfg, resolveLocation(dbPath, cfg, os.Getenv))
}
