package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"deploybot"
	"deploybot/changelog"
	"deploybot/config"
	"deploybot/deploy"
	"deploybot/deploy/argocd"
	"deploybot/deploy/githubactions"
	"deploybot/deploy/gitlabci"
	"deploybot/deploy/shell"
	"deploybot/deploy/webhook"
	"deploybot/policy"
	"deploybot/probe"
	"deploybot/process"
	"deploybot/prometheus"
	"deploybot/settings"
	"deploybot/store"
)

// deployService wires the deploy service on the configuration: targets with
// their executors, probes and metrics, the store, the calendar (with the
// freezes set by chat) and the clock. dataDir holds the shell executor's
// runs.
func (m *Main) deployService(cfg *config.Config, db *store.DB, res *settings.Resolver, now deploybot.Clock, poster deploybot.Poster, calendar func(string) policy.Calendar, dataDir string, logger *slog.Logger) (*deploy.Service, error) {
	targets, err := buildTargets(cfg, filepath.Join(dataDir, "runs"), res)
	if err != nil {
		return nil, err
	}
	metrics, err := envMetrics(cfg)
	if err != nil {
		return nil, err
	}
	changes, err := changelogs(cfg, m.Getenv("GITHUB_TOKEN"))
	if err != nil {
		return nil, err
	}
	var all [][2]string
	for _, p := range cfg.ProjectConfigs {
		for _, e := range p.Environments {
			if e.Name == deploybot.EnvProduction {
				all = append(all, [2]string{p.Name, e.Name})
			}
		}
	}
	svc := &deploy.Service{
		AllTargets:      func() [][2]string { return all },
		Changelog:       changes,
		Store:           db,
		Targets:         targets,
		Calendar:        calendar,
		Prober:          &probe.Prober{Client: &http.Client{}, Timeout: 10 * time.Second, Retries: 2, RetryDelay: 2 * time.Second},
		Poster:          poster,
		Logger:          logger,
		Now:             now,
		Lang:            cfg.Agency.Language,
		ConfirmTimeout:  cfg.Agency.ConfirmTimeout,
		ApprovalTimeout: cfg.Agency.ApprovalTimeout,
		Admins:          cfg.Agency.Admins,
		Channel:         cfg.Slack.NotifyChannel,
		Environments: func(project string) []string {
			var out []string
			if p, ok := cfg.Project(project); ok {
				for _, e := range p.Environments {
					out = append(out, e.Name)
				}
			}
			return out
		},
		Self: process.Self(),
		Gone: process.Gone,
	}
	if metrics != nil {
		svc.Metrics = metrics
	}
	return svc, nil
}

// envMetrics builds one Prometheus client per environment that has
// monitoring, each with its own URL and queries; nil when none has.
func envMetrics(cfg *config.Config) (envSampler, error) {
	out := envSampler{}
	for _, p := range cfg.ProjectConfigs {
		for _, e := range p.Environments {
			if e.Monitoring == nil || e.Monitoring.PrometheusURL == "" {
				continue
			}
			q := prometheus.DefaultQueries()
			if e.Monitoring.ErrorRateQuery != "" {
				q.ErrorRate = e.Monitoring.ErrorRateQuery
			}
			if e.Monitoring.LatencyQuery != "" {
				q.P95 = e.Monitoring.LatencyQuery
			}
			mt, err := prometheus.New(e.Monitoring.PrometheusURL, q)
			if err != nil {
				return nil, fmt.Errorf("project %s, environment %s: prometheus %s: %w", p.Name, e.Name, e.Monitoring.PrometheusURL, err)
			}
			out[[2]string{p.Name, e.Name}] = mt
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// envSampler samples each environment's metrics with its own client.
type envSampler map[[2]string]deploybot.Metrics

func (m envSampler) Sample(ctx context.Context, project, env string) (deploybot.MetricsSample, error) {
	mt, ok := m[[2]string{project, env}]
	if !ok {
		return deploybot.MetricsSample{}, fmt.Errorf("no monitoring configured for %s/%s", project, env)
	}
	return mt.Sample(ctx, project, env)
}

// buildTargets builds every project environment's executor and checks from
// the configuration once, and returns the Targets of the deploy service,
// which reads every setting (strategy, approval, staging first, thresholds,
// monitoring window, auto-rollback, timeouts, channel…) through the
// context layers at the moment of each decision, with its provenance.
func buildTargets(cfg *config.Config, runDir string, res *settings.Resolver) (deploy.Targets, error) {
	type key struct{ project, env string }
	targets := map[key]deploy.Target{}
	for _, p := range cfg.ProjectConfigs {
		for _, e := range p.Environments {
			t, err := target(cfg, p, e, runDir)
			if err != nil {
				return nil, err
			}
			targets[key{p.Name, e.Name}] = t
		}
	}
	// A plan's target with its settings (withSettings: two dozen keys
	// resolved) is the same while the settings' view is (its stamp):
	// issue 19, withSettings was 3 % of bench's scripted chat, whose
	// settings change a few hundred times in 30,000 messages. The
	// targets handed out share their settings and lists, which nobody
	// changes (deploy.Target.Settings).
	type withSet struct {
		stamp settings.ViewStamp
		t     deploy.Target
	}
	var mu sync.Mutex
	resolved := map[key]withSet{}
	return func(ctx context.Context, project, env string) (deploy.Target, error) {
		p, ok := cfg.Project(project)
		if !ok {
			return deploy.Target{}, deploybot.Errorf2(deploybot.ENOTFOUND, "pas de projet « %s » (connus : %s)", "no project %q (known: %s)", project, projectNames(cfg))
		}
		t, ok := targets[key{p.Name, env}]
		if !ok {
			var envs []string
			for _, e := range p.Environments {
				envs = append(envs, e.Name)
			}
			return deploy.Target{}, deploybot.Errorf2(deploybot.ENOTFOUND, "%s n'a pas d'environnement « %s » (%s)", "%s has no environment %q (%s)", p.Name, env, strings.Join(envs, ", "))
		}
		if res == nil {
			return t, nil
		}
		view, err := res.View(ctx)
		if err != nil {
			return t, err
		}
		k, stamp := key{p.Name, env}, view.Stamp()
		mu.Lock()
		w, ok := resolved[k]
		mu.Unlock()
		if ok && stamp.Known() && w.stamp == stamp {
			return w.t, nil
		}
		t = withSettings(t, view)
		if stamp.Known() {
			mu.Lock()
			resolved[k] = withSet{stamp, t}
			mu.Unlock()
		}
		return t, nil
	}, nil
}

// withSettings fills t's settings from the context layers, keeping each
// value's provenance for the plan.
func withSettings(t deploy.Target, v *settings.View) deploy.Target {
	t.Settings = map[string]deploybot.Setting{}
	get := func(key string) deploybot.Setting {
		s := v.Get(t.Project, t.Env, key)
		t.Settings[key] = s
		return s
	}
	yes := func(key string) bool { return get(key).Value == "yes" }
	durationOf := func(key string) time.Duration {
		d, _ := config.ParseDuration(get(key).Value)
		return d
	}
	get(deploybot.KeyConstraints) // shown in production plans: free text, checked by people
	t.Strategy = deploybot.Strategy(get(deploybot.KeyStrategy).Value)
	t.Approval = policy.Approval(get(deploybot.KeyApproval).Value)
	t.StagingFirst = yes(deploybot.KeyStagingFirst)
	t.AutoRollback = yes(deploybot.KeyAutoRollback)
	t.RollbackApproval = yes(deploybot.KeyRollbackApproval)
	t.LockAfterRollback = yes(deploybot.KeyLockAfterRollback)
	t.Confirm = yes(deploybot.KeyConfirm)
	t.ConfirmTimeout = durationOf(deploybot.KeyConfirmTimeout)
	t.ApprovalTimeout = durationOf(deploybot.KeyApprovalTimeout)
	t.RollbackProcedure = get(deploybot.KeyRollbackProcedure).Value
	t.MinCertDays, _ = strconv.Atoi(get(deploybot.KeyMinCertDays).Value)
	t.ChecklistSkip = settings.List(deploybot.KeyChecklistSkip, get(deploybot.KeyChecklistSkip).Value)
	t.Validations = settings.List(deploybot.KeyValidations, get(deploybot.KeyValidations).Value)
	t.DrillEvery = durationOf(deploybot.KeyDrillEvery)
	t.RequireDrill = yes(deploybot.KeyRequireDrill)
	if c := get(deploybot.KeyChannel).Value; c != "" {
		t.Channel = c
	}
	if t.MonitorWindow > 0 { // monitoring is configured: its settings apply
		t.MonitorWindow = durationOf(deploybot.KeyMonitorWindow)
		t.Thresholds.MaxErrorRate, _ = strconv.ParseFloat(get(deploybot.KeyMaxErrorRate).Value, 64)
		t.Thresholds.MaxP95 = durationOf(deploybot.KeyMaxLatency)
	}
	for _, k := range []string{deploybot.KeyWindowsRecommend, deploybot.KeyWindowsAcceptable, deploybot.KeyWindowsAvoid} {
		get(k)
	}
	return t
}

func projectNames(cfg *config.Config) string {
	var names []string
	for _, p := range cfg.ProjectConfigs {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func target(cfg *config.Config, p config.ProjectConfig, e config.EnvironmentConfig, runDir string) (deploy.Target, error) {
	access := cfg.AccessFor(p, e.Name)
	t := deploy.Target{
		Project: p.Name, Env: e.Name, Production: e.Name == deploybot.EnvProduction,
		StagingEnv: deploybot.EnvStaging, StagingFirst: p.StagingFirst, StagingFirstNote: p.StagingFirstReason,
		Strategy: cfg.StrategyFor(p), URL: e.URL,
		Deployers: access.Deploy, Rollbackers: access.Rollback, ForceRoles: access.Force,
		Approval: policy.Approval(cfg.ApprovalFor(p, e.Name)), Approvers: access.Approve,
		RollbackApproval: e.RollbackApproval, AutoRollback: e.AutoRollback,
		LockAfterRollback: cfg.Agency.LockAfterRollback == nil || *cfg.Agency.LockAfterRollback,
		RollbackProcedure: strings.TrimSpace(p.RollbackProcedure), MinCertDays: cfg.Agency.MinCertDays,
		ChecklistSkip: cfg.Agency.ChecklistSkip, TickChecklist: p.ChecklistTicks, Channel: orDefault(p.Channel, cfg.Slack.NotifyChannel),
	}
	if len(t.Rollbackers) == 0 {
		t.Rollbackers = access.Deploy
	}
	for _, h := range e.HealthChecks {
		t.HealthChecks = append(t.HealthChecks, deploybot.Check{Name: "health " + h.URL, URL: h.URL, ExpectStatus: h.ExpectStatus})
	}
	for _, s := range e.SmokeTests {
		t.SmokeTests = append(t.SmokeTests, deploybot.Check{Name: "smoke " + s.Name, URL: s.URL, ExpectStatus: s.ExpectStatus, Contains: s.Contains})
	}
	if e.Monitoring != nil {
		t.DashboardURL, t.LogsURL = e.Monitoring.DashboardURL, e.Monitoring.LogsURL
	}
	if e.Monitoring != nil && e.Monitoring.PrometheusURL != "" {
		t.MonitorWindow = e.Monitoring.Window
		t.Thresholds = policy.Thresholds{MaxErrorRate: e.Monitoring.MaxErrorRate, MaxP95: e.Monitoring.MaxLatency}
	}
	if e.Executor == nil {
		return t, nil
	}
	x := e.Executor
	t.ExecTimeout = x.Timeout
	t.ExecutorDesc = describeExecutor(x)
	switch x.Type {
	case config.ExecutorShell:
		var env []string
		for k, v := range x.Env {
			env = append(env, k+"="+v)
		}
		sort.Strings(env)
		t.Executor = shell.Executor{Command: x.Command, Timeout: x.Timeout, Dir: x.Dir, Env: env, RunDir: runDir, ResolveCommand: x.Resolve}
	case config.ExecutorWebhook:
		t.Executor = &webhook.Executor{URL: x.URL, Secret: x.Secret, Method: x.Method, Headers: x.Headers,
			Client: &http.Client{Timeout: 30 * time.Second}, Timeout: x.Timeout, AllowHTTP: x.AllowHTTP}
	case config.ExecutorGitHubActions:
		owner, repo, ok := strings.Cut(x.Repository, "/")
		if !ok {
			return t, fmt.Errorf("project %s, environment %s: repository %q is not owner/name", p.Name, e.Name, x.Repository)
		}
		client, err := githubactions.NewClient(x.Token, x.APIURL)
		if err != nil {
			return t, fmt.Errorf("project %s, environment %s: %w", p.Name, e.Name, err)
		}
		t.Executor = &githubactions.Executor{Client: client, Owner: owner, Repo: repo, Workflow: x.Workflow, Ref: x.Ref,
			Inputs: x.Inputs, Timeout: x.Timeout}
		t.CIStatus = func(ctx context.Context, version string) (string, error) {
			return githubactions.CommitStatus(ctx, client, owner, repo, version)
		}
	case config.ExecutorGitLabCI:
		client, err := gitlabci.NewClient(x.Token, x.BaseURL)
		if err != nil {
			return t, fmt.Errorf("project %s, environment %s: %w", p.Name, e.Name, err)
		}
		t.Executor = &gitlabci.Executor{Client: client, Project: x.Project, Ref: x.Ref, TriggerToken: x.TriggerToken,
			Variables: x.Variables, Timeout: x.Timeout}
		project := x.Project
		t.CIStatus = func(ctx context.Context, version string) (string, error) {
			return gitlabci.CommitStatus(ctx, client, project, version)
		}
	case config.ExecutorArgoCD:
		ex := &argocd.Executor{Server: x.Server, Application: x.Application, Token: x.Token, RevisionSource: x.RevisionSource,
			Parameter: x.Parameter, Image: x.Image, Timeout: x.Timeout}
		if x.RevisionSource == argocd.GitCommit {
			kind, api, repo, err := argocd.ParseRepository(x.Repository)
			if err != nil {
				return t, fmt.Errorf("project %s, environment %s: %w", p.Name, e.Name, err)
			}
			ex.Git = argocd.Git{Kind: kind, APIURL: api, Project: repo, Path: x.Path, Token: x.GitToken}
		}
		t.Executor = ex
	default:
		return t, fmt.Errorf("project %s, environment %s: unknown executor %q", p.Name, e.Name, x.Type)
	}
	return t, nil
}

// changelogs lists changes from GitHub's compare API for projects whose
// repository is on github.com, and from a local git repository for those
// whose repository is a path.
func changelogs(cfg *config.Config, githubToken string) (deploybot.Changelog, error) {
	gh := &changelog.GitHub{Repos: map[string]string{}}
	local := &changelog.Git{Dirs: map[string]string{}}
	for _, p := range cfg.ProjectConfigs {
		switch r := p.Repository; {
		case r == "":
		case strings.HasPrefix(r, "github.com/") || strings.HasPrefix(r, "https://github.com/"):
			gh.Repos[p.Name] = r
		default:
			local.Dirs[p.Name] = r
		}
	}
	if len(gh.Repos) > 0 {
		client, err := githubactions.NewClient(githubToken, "")
		if err != nil {
			return nil, err
		}
		gh.Client = client
	}
	return byProject{gh: gh, local: local}, nil
}

// byProject picks the changelog source of each project.
type byProject struct {
	gh    *changelog.GitHub
	local *changelog.Git
}

func (b byProject) Changes(ctx context.Context, project, from, to string) ([]deploybot.Change, error) {
	if _, ok := b.gh.Repos[project]; ok {
		return b.gh.Changes(ctx, project, from, to)
	}
	return b.local.Changes(ctx, project, from, to)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// describeExecutor says, for people (a runbook), what an executor runs.
func describeExecutor(x *config.Executor) string {
	switch x.Type {
	case config.ExecutorShell:
		return "shell `" + strings.Join(x.Command, " ") + "`"
	case config.ExecutorWebhook:
		return "webhook " + orDefault(x.Method, "POST") + " " + x.URL
	case config.ExecutorGitHubActions:
		return fmt.Sprintf("GitHub Actions workflow %s of %s on %s", x.Workflow, x.Repository, orDefault(x.Ref, "main"))
	}
	return string(x.Type)
}
