package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"deploybot"
	"deploybot/policy"
)

var (
	envNameRE  = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	projNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	ghRepoRE   = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)
)

// dateLayout is the layout of freeze dates.
const dateLayout = "2006-01-02"

var (
	strategyNames = names(deploybot.Strategies)
	approvalNames = names(Approvals)
	executorNames = names(ExecutorTypes)
	reminderNames = names(ReminderKinds)
	languageNames = []string{string(deploybot.French), string(deploybot.English)}
	slackModes    = []string{SlackSocket, SlackHTTP}
	logLevels     = []string{"debug", "info", "warn", "error"}
	logFormats    = []string{"text", "json"}
	webhookVerbs  = []string{"POST", "PUT"}
)

// executorFields lists the keys each executor type takes, besides type and
// timeout which every type takes.
var executorFields = map[ExecutorType][]string{
	ExecutorShell:         {"command", "dir", "env", "resolve"},
	ExecutorWebhook:       {"url", "method", "headers", "secret", "allow_http"},
	ExecutorGitHubActions: {"repository", "workflow", "ref", "inputs", "token", "api_url"},
	ExecutorGitLabCI:      {"project", "ref", "token", "trigger_token", "base_url", "variables"},
	ExecutorArgoCD:        {"server", "application", "token", "revision_source", "parameter", "image", "repository", "path", "git_token"},
}

// revisionSources lists the values of an argocd executor's revision_source.
var revisionSources = []string{"target_revision", "helm_parameter", "kustomize_image", "git"}

// glProjectRE matches a GitLab project's full path or numeric id.
var glProjectRE = regexp.MustCompile(`^(?:[0-9]+|[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+)$`)

func names[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// loadZone loads an IANA time zone, refusing the host-dependent "Local".
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("invalid timezone %q: expected an IANA name such as Europe/Paris", name)
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("invalid timezone: %w; expected an IANA name such as Europe/Paris or America/New_York", err)
	}
	if zoneCount.Add(1) <= maxZones {
		zones.Store(name, loc)
	}
	return loc, nil
}

// zones keeps the time zones loaded, by name. time.LoadLocation reads and
// parses the zone's file at every call (it keeps only UTC and Local), and
// the agency's zone is asked for by every command that shows a time (a
// calendar each): issue 19, about 1 % of the scripted chat's CPU. A
// *time.Location is immutable, safe to share. Only the zones that load
// are kept, at most maxZones (the names come from the configuration and
// from settings said in chat).
var (
	zones     sync.Map // name -> *time.Location
	zoneCount atomic.Int32
)

const maxZones = 64

// checkURL accepts absolute http and https URLs.
func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("invalid URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("invalid URL %q: expected an absolute http(s) URL such as https://example.com/healthz", s)
	}
	return nil
}

// oneOf reports value at path unless it is one of allowed.
func (c *checker) oneOf(path, value string, allowed []string) bool {
	if slices.Contains(allowed, value) {
		return true
	}
	c.errorf(path, "%s", oneOfMessage("invalid value", value, allowed))
	return false
}

// url reports the value at path unless it is an absolute http(s) URL; an
// empty value is reported only when required.
func (c *checker) url(path, value string, required bool) {
	switch {
	case value == "" && required:
		c.errorf(path, "%s is required", lastKey(path))
	case value != "":
		if err := checkURL(value); err != nil {
			c.errorf(path, "%v", err)
		}
	}
}

func lastKey(path string) string {
	return path[strings.LastIndexAny(path, ".")+1:]
}

// validate checks the decoded configuration, with defaults filled in.
func (c *checker) validate(cfg *Config) {
	c.validateAgency(cfg)
	c.validateWindows("windows", cfg.Windows)
	c.validateProjects(cfg)
	c.validateFreezes(cfg)
	for _, env := range sortedKeys(cfg.Access) {
		c.validateAccess(cfg, "access."+env, env, cfg.Access[env], cfg.knownEnvironments())
	}
	c.validateSlack(cfg.Slack)
	if _, port, err := net.SplitHostPort(cfg.HTTP.Addr); err != nil {
		c.errorf("http.addr", "invalid address %q: expected host:port such as 127.0.0.1:8080 or :8080", cfg.HTTP.Addr)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		c.errorf("http.addr", "invalid port %q: expected a number from 0 to 65535", port)
	}
	c.url("llm.base_url", cfg.LLM.BaseURL, false)
	if l := cfg.LLM; l.RouteBelow < 0 || l.RouteBelow > 1 {
		c.errorf("llm.route_below", "%v is not a confidence: expected a number from 0 to 1", l.RouteBelow)
	}
	if cfg.LLM.HistoryTurns < 0 {
		c.errorf("llm.history_turns", "%d is not a number of turns: expected 0 or more", cfg.LLM.HistoryTurns)
	}
	c.validateReminders(cfg)
	c.validateWeb(cfg.Web)
	c.oneOf("log.level", cfg.Log.Level, logLevels)
	c.oneOf("log.format", cfg.Log.Format, logFormats)
}

func (c *checker) validateAgency(cfg *Config) {
	a := cfg.Agency
	if _, err := loadZone(a.Timezone); err != nil {
		c.errorf("agency.timezone", "%v", err)
	}
	for i, id := range a.ChecklistSkip {
		if !slices.ContainsFunc(policy.Checklist, func(it policy.ChecklistItem) bool { return it.ID == id }) {
			var ids []string
			for _, it := range policy.Checklist {
				ids = append(ids, it.ID)
			}
			c.errorf(fmt.Sprintf("agency.checklist_skip[%d]", i), "unknown checklist item %q; expected one of: %s", id, strings.Join(ids, ", "))
		}
	}
	if _, known := policy.NewHolidays(a.Holidays); !known {
		c.errorf("agency.holidays", "no public holiday calendar for %q: expected one of %s, or none", a.Holidays, strings.Join(policy.Countries(), ", "))
	}
	c.oneOf("agency.language", string(a.Language), languageNames)
	c.oneOf("agency.default_strategy", string(a.DefaultStrategy), strategyNames)
	c.oneOf("agency.approval", string(a.Approval), approvalNames)
	c.envNames("agency.environments", a.Environments)
}

// envSynonyms maps the usual abbreviations of the canonical environment
// names to them: chat messages are routed to the canonical names, so an
// environment called "prod" would never be found.
var envSynonyms = map[string]string{
	"prod": deploybot.EnvProduction, "prd": deploybot.EnvProduction,
	"stage": deploybot.EnvStaging, "stg": deploybot.EnvStaging,
}

// envName reports an invalid environment name at path.
func (c *checker) envName(path, name string) bool {
	if canonical, ok := envSynonyms[name]; ok {
		c.errorf(path, "environment %q: use the canonical name %q, which chat messages saying %q are routed to", name, canonical, name)
		return false
	}
	if !envNameRE.MatchString(name) {
		c.errorf(path, "invalid environment name %q: lower-case letters, digits, - and _, starting with a letter", name)
		return false
	}
	return true
}

// envNames checks a list of environment names: syntax and duplicates.
func (c *checker) envNames(path string, list []string) {
	seen := map[string]int{}
	for i, name := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		if !c.envName(p, name) {
			continue
		}
		if j, dup := seen[name]; dup {
			c.errorf(p, "duplicate environment %q (first at line %d)", name, c.line(fmt.Sprintf("%s[%d]", path, j)))
			continue
		}
		seen[name] = i
	}
}

// line returns the line of the value at path, or 0.
func (c *checker) line(path string) int {
	if n := c.nodes[path]; n != nil {
		return n.Line
	}
	return 0
}

func (c *checker) validateWindows(path string, w Windows) {
	for _, list := range []struct {
		key   string
		specs []string
	}{{"recommended", w.Recommended}, {"acceptable", w.Acceptable}, {"avoid", w.Avoid}} {
		for i, spec := range list.specs {
			if _, err := policy.ParseWindow(spec); err != nil {
				c.errorf(fmt.Sprintf("%s.%s[%d]", path, list.key, i), "%v", err)
			}
		}
	}
}

// knownEnvironments returns the valid names of the agency's environments and
// every project's.
func (cfg *Config) knownEnvironments() []string {
	out := slices.Clone(cfg.Agency.Environments)
	for _, p := range cfg.ProjectConfigs {
		for _, e := range p.Environments {
			out = append(out, e.Name)
		}
	}
	out = slices.DeleteFunc(out, func(name string) bool { return !envNameRE.MatchString(name) || envSynonyms[name] != "" })
	slices.Sort(out)
	return slices.Compact(out)
}

func (c *checker) validateFreezes(cfg *Config) {
	envs := cfg.knownEnvironments()
	for i, f := range cfg.Freezes {
		p := fmt.Sprintf("freezes[%d]", i)
		from, okFrom := c.date(p+".from", f.From)
		to, okTo := c.date(p+".to", f.To)
		if okFrom && okTo && to.Before(from) {
			c.errorf(p+".to", "to %s is before from %s", f.To, f.From)
		}
		for j, env := range f.Environments {
			if !slices.Contains(envs, env) {
				c.errorf(fmt.Sprintf("%s.environments[%d]", p, j), "%s", oneOfMessage("unknown environment", env, envs))
			}
		}
		for j, name := range f.Projects {
			if _, ok := cfg.Project(name); !ok {
				c.errorf(fmt.Sprintf("%s.projects[%d]", p, j), "%s", oneOfMessage("unknown project", name, cfg.projectNames()))
			}
		}
	}
}

// date parses a required YYYY-MM-DD value.
func (c *checker) date(path, s string) (time.Time, bool) {
	if s == "" {
		c.errorf(path, "%s is required (YYYY-MM-DD)", lastKey(path))
		return time.Time{}, false
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		c.errorf(path, "invalid date %q: expected YYYY-MM-DD, e.g. 2026-12-20", s)
		return time.Time{}, false
	}
	return t, true
}

func (cfg *Config) projectNames() []string {
	var out []string
	for _, p := range cfg.ProjectConfigs {
		out = append(out, p.Names()...)
	}
	return out
}

func (c *checker) validateAccess(cfg *Config, path, env string, a Access, envs []string) {
	if !slices.Contains(envs, env) {
		c.errorAtKey(path, "%s", oneOfMessage("unknown environment", env, envs))
	}
	for _, list := range []struct {
		key     string
		members []string
	}{{"deploy", a.Deploy}, {"approve", a.Approve}, {"rollback", a.Rollback}} {
		for i, m := range list.members {
			if strings.TrimSpace(m) == "" {
				c.errorf(fmt.Sprintf("%s.%s[%d]", path, list.key, i), "empty name: write a user name, a Slack user id or a @group")
			}
		}
	}
}

// nameUse records where a project name or alias was first used.
type nameUse struct {
	project string
	alias   bool
	path    string
}

func (c *checker) validateProjects(cfg *Config) {
	used := map[string]nameUse{}
	for i, p := range cfg.ProjectConfigs {
		pp := fmt.Sprintf("projects[%d]", i)
		if p.Name == "" {
			c.errorf(pp+".name", "name is required")
		} else if c.projectName(pp+".name", p.Name) {
			c.uniqueName(used, nameUse{project: p.Name, path: pp + ".name"}, p.Name)
		}
		for j, alias := range p.Aliases {
			ap := fmt.Sprintf("%s.aliases[%d]", pp, j)
			if !c.projectName(ap, alias) {
				continue
			}
			if strings.EqualFold(alias, p.Name) {
				c.errorf(ap, "alias %q repeats the project name", alias)
				continue
			}
			c.uniqueName(used, nameUse{project: p.Name, alias: true, path: ap}, alias)
		}
		c.validateProject(cfg, p, pp)
	}
}

func (c *checker) projectName(path, name string) bool {
	if !projNameRE.MatchString(name) {
		c.errorf(path, "invalid name %q: letters, digits, '.', '-' and '_', starting with a letter or digit", name)
		return false
	}
	return true
}

// uniqueName reports name when a project already uses it as name or alias.
func (c *checker) uniqueName(used map[string]nameUse, u nameUse, name string) {
	key := strings.ToLower(name)
	first, dup := used[key]
	if !dup {
		used[key] = u
		return
	}
	what := "name"
	if first.alias {
		what = "alias"
	}
	switch {
	case !u.alias && !first.alias:
		c.errorf(u.path, "duplicate project name %q (first at line %d)", name, c.line(first.path))
	case u.alias && first.project == u.project:
		c.errorf(u.path, "duplicate alias %q (first at line %d)", name, c.line(first.path))
	default:
		c.errorf(u.path, "%q is already the %s of project %q (line %d)", name, what, first.project, c.line(first.path))
	}
}

func (c *checker) validateProject(cfg *Config, p ProjectConfig, pp string) {
	if p.Strategy != "" {
		c.oneOf(pp+".strategy", string(p.Strategy), strategyNames)
	}
	if p.ZeroDowntime && cfg.StrategyFor(p) == deploybot.StrategyRecreate {
		from := "its strategy"
		if p.Strategy == "" {
			from = "the agency's default_strategy"
		}
		c.errorf(pp+".zero_downtime", "zero_downtime is true but %s is recreate, which stops the old version before starting the new one: choose rolling, blue-green or canary", from)
	}
	if p.Approval != "" {
		c.oneOf(pp+".approval", string(p.Approval), approvalNames)
	}
	seen := map[string]bool{}
	for i, v := range p.Validations {
		vp := fmt.Sprintf("%s.validations[%d]", pp, i)
		switch {
		case strings.TrimSpace(v) == "":
			c.errorf(vp, "empty validation: name it, e.g. load-tests or security-scan")
		case seen[v]:
			c.errorf(vp, "duplicate validation %q", v)
		}
		seen[v] = true
	}
	if p.Timezone != "" {
		if _, err := loadZone(p.Timezone); err != nil {
			c.errorf(pp+".timezone", "%v", err)
		}
	}
	if p.Windows != nil {
		c.validateWindows(pp+".windows", *p.Windows)
	}

	var envs []string
	for i, e := range p.Environments {
		envs = append(envs, e.Name)
		c.validateEnvironment(cfg, p, e, fmt.Sprintf("%s.environments[%d]", pp, i))
	}
	if c.has(pp + ".environments") {
		seen := map[string]int{}
		for i, e := range p.Environments {
			ep := fmt.Sprintf("%s.environments[%d].name", pp, i)
			switch {
			case e.Name == "":
				c.errorf(ep, "name is required")
			case !c.envName(ep, e.Name):
			default:
				if j, dup := seen[e.Name]; dup {
					c.errorf(ep, "duplicate environment %q (first at line %d)", e.Name, c.line(fmt.Sprintf("%s.environments[%d].name", pp, j)))
				}
				seen[e.Name] = i
			}
		}
	}
	if c.has(pp+".staging_first") && p.StagingFirst && !slices.Contains(envs, deploybot.EnvStaging) {
		c.errorf(pp+".staging_first", "staging_first is true but the project has no staging environment: add one or set staging_first: false")
	}
	for _, env := range sortedKeys(p.Access) {
		c.validateAccess(cfg, pp+".access."+env, env, p.Access[env], envs)
	}
}

func (c *checker) validateEnvironment(cfg *Config, p ProjectConfig, e EnvironmentConfig, ep string) {
	c.url(ep+".url", e.URL, false)
	if e.Strategy != "" {
		c.oneOf(ep+".strategy", string(e.Strategy), strategyNames)
	}
	if e.Approval != "" {
		c.oneOf(ep+".approval", string(e.Approval), approvalNames)
	}
	if cfg.ApprovalFor(p, e.Name) == ApprovalNamed && len(cfg.AccessFor(p, e.Name).Approve) == 0 {
		where := "agency.approval"
		switch {
		case e.Approval != "":
			where = ep + ".approval"
		case p.Approval != "":
			where = parent(parent(ep)) + ".approval"
		}
		c.errorf(where, "approval \"named\" needs approvers: list them in access.%s.approve", e.Name)
	}
	if x := e.Executor; x != nil {
		c.validateExecutor(x, ep+".executor")
	}
	for i, h := range e.HealthChecks {
		hp := fmt.Sprintf("%s.health_checks[%d]", ep, i)
		c.url(hp+".url", h.URL, true)
		c.status(hp+".expect_status", h.ExpectStatus)
	}
	for i, s := range e.SmokeTests {
		sp := fmt.Sprintf("%s.smoke_tests[%d]", ep, i)
		c.url(sp+".url", s.URL, true)
		c.status(sp+".expect_status", s.ExpectStatus)
	}
	if m := e.Monitoring; m != nil {
		mp := ep + ".monitoring"
		c.url(mp+".prometheus_url", m.PrometheusURL, true)
		if m.MaxErrorRate < 0 || m.MaxErrorRate > 1 {
			c.errorf(mp+".max_error_rate", "invalid error rate %g: expected a ratio from 0 to 1 (0.001 is 0.1 %%)", m.MaxErrorRate)
		}
	}
}

func (c *checker) status(path string, code int) {
	if code < 100 || code > 599 {
		c.errorf(path, "invalid HTTP status %d: expected 100 to 599", code)
	}
}

func (c *checker) validateExecutor(x *Executor, xp string) {
	if x.Type == "" {
		c.errorf(xp+".type", "type is required; expected one of: %s", strings.Join(executorNames, ", "))
		return
	}
	if !c.oneOf(xp+".type", string(x.Type), executorNames) {
		return
	}
	allowed := executorFields[x.Type]
	for _, t := range ExecutorTypes {
		for _, key := range executorFields[t] {
			if c.has(xp+"."+key) && !slices.Contains(allowed, key) {
				c.errorAtKey(xp+"."+key, "%s is not used by executor type %s (it takes: type, %s, timeout)", key, x.Type, strings.Join(allowed, ", "))
			}
		}
	}
	switch x.Type {
	case ExecutorShell:
		if len(x.Command) == 0 || x.Command[0] == "" {
			c.errorf(xp+".command", "command is required for a shell executor: the program and its arguments, e.g. [\"./scripts/deploy.sh\"]")
		}
	case ExecutorWebhook:
		c.url(xp+".url", x.URL, true)
		c.oneOf(xp+".method", x.Method, webhookVerbs)
		if strings.HasPrefix(strings.ToLower(x.URL), "http://") && !x.AllowHTTP {
			c.errorf(xp+".url", "url %q is plain http: the signed request would travel unencrypted; use https://, or set allow_http: true on purpose", x.URL)
		}
	case ExecutorGitHubActions:
		switch {
		case x.Repository == "":
			c.errorf(xp+".repository", "repository is required for a github-actions executor: owner/name, e.g. acme/api")
		case !ghRepoRE.MatchString(x.Repository):
			c.errorf(xp+".repository", "invalid repository %q: expected owner/name, e.g. acme/api", x.Repository)
		}
		if x.Workflow == "" {
			c.errorf(xp+".workflow", "workflow is required for a github-actions executor: the file name (deploy.yml) or id")
		}
		c.url(xp+".api_url", x.APIURL, false)
	case ExecutorGitLabCI:
		switch {
		case x.Project == "":
			c.errorf(xp+".project", "project is required for a gitlab-ci executor: the project's path (group/app) or numeric id")
		case !glProjectRE.MatchString(x.Project) || strings.Contains(x.Project, ".."):
			c.errorf(xp+".project", "invalid project %q: expected the project's full path (group/app) or numeric id", x.Project)
		}
		switch {
		case x.Token == "" && x.TriggerToken != "":
			c.errorf(xp+".token", "a pipeline trigger token alone cannot read the pipeline's jobs nor cancel it: set token too (an access token with the api scope; default $GITLAB_TOKEN)")
		case x.Token == "":
			c.errorf(xp+".token", "token is required for a gitlab-ci executor: an access token with the api scope (default $GITLAB_TOKEN)")
		}
		c.url(xp+".base_url", x.BaseURL, false)
	case ExecutorArgoCD:
		c.url(xp+".server", x.Server, true)
		if x.Application == "" {
			c.errorf(xp+".application", "application is required for an argocd executor: the Argo CD application's name")
		}
		if x.Token == "" {
			c.errorf(xp+".token", "token is required for an argocd executor: a bearer token from 'argocd account generate-token' (default $ARGOCD_AUTH_TOKEN)")
		}
		if c.oneOf(xp+".revision_source", x.RevisionSource, revisionSources) {
			for _, need := range [][3]string{{"helm_parameter", "parameter", x.Parameter}, {"kustomize_image", "image", x.Image}, {"git", "repository", x.Repository}, {"git", "path", x.Path}} {
				if x.RevisionSource == need[0] && need[2] == "" {
					c.errorf(xp+"."+need[1], "%s is required with revision_source %s", need[1], need[0])
				}
			}
			if x.RevisionSource == "git" && x.GitToken == "" {
				c.errorf(xp+".git_token", "git_token is required with revision_source git: a token that may commit to %s (default $GITHUB_TOKEN or $GITLAB_TOKEN)", x.Repository)
			}
		}
	}
}

func (c *checker) validateSlack(s Slack) {
	c.oneOf("slack.mode", s.Mode, slackModes)
	c.url("slack.api_url", s.APIURL, false)
}

func (c *checker) validateReminders(cfg *Config) {
	for i, r := range cfg.Reminders {
		rp := fmt.Sprintf("reminders[%d]", i)
		if r.Cron == "" {
			c.errorf(rp+".cron", "cron is required, e.g. \"CRON_TZ=Europe/Paris 30 9 * * MON\"")
		} else if err := checkCron(r.Cron); err != nil {
			c.errorf(rp+".cron", "%v", err)
		}
		if r.Channel == "" {
			c.errorf(rp+".channel", "channel is required, e.g. \"#deploys\"")
		}
		if c.oneOf(rp+".kind", string(r.Kind), reminderNames) && r.Kind == ReminderCustom && r.Message == "" {
			c.errorf(rp+".message", "message is required for a reminder of kind custom")
		}
		if r.Kind == ReminderRollbackDrill && r.Project == "" {
			c.errorf(rp+".project", "project is required for a reminder of kind rollback_drill: the project whose rollback to drill")
		}
		if r.Project != "" {
			if _, ok := cfg.Project(r.Project); !ok {
				c.errorf(rp+".project", "%s", oneOfMessage("unknown project", r.Project, cfg.projectNames()))
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
