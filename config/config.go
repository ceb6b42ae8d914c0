// Package config loads, expands and validates deploybot's YAML configuration.
//
// The file is looked up in this order: the path given with --config, then
// ./deploybot.yaml, then the built-in defaults embedded from default.yaml.
// Every key has a default, so a file with only "projects:" is valid.
//
// ${VAR}, ${VAR:-default}, ${VAR:?message} and $VAR are expanded from the
// environment in scalar values after the YAML is parsed, so line numbers hold
// and a variable cannot inject YAML; $$ is a literal dollar sign. Executor
// commands are not expanded: they are passed to the executor as written.
//
// Validation reports every problem at once, each with its line and column:
// unknown keys (with the closest allowed key), wrong types, bad values, and
// the consistency rules between sections.
package config

import (
	"time"

	"deploybot"
)

// Config is the whole configuration file. Parse fills the defaults, so every
// field holds the value in effect.
type Config struct {
	Agency         Agency            `yaml:"agency"`    // the agency's conventions
	Windows        Windows           `yaml:"windows"`   // deployment windows, in the agency's timezone
	Freezes        []Freeze          `yaml:"freezes"`   // periods with no deployment
	Access         map[string]Access `yaml:"access"`    // who may deploy and approve, by environment name
	ProjectConfigs []ProjectConfig   `yaml:"projects"`  // the applications the agency deploys; see Projects and Project
	Slack          Slack             `yaml:"slack"`     // the Slack app
	HTTP           HTTP              `yaml:"http"`      // the HTTP listener
	LLM            LLM               `yaml:"llm"`       // the optional language model
	Reminders      []Reminder        `yaml:"reminders"` // scheduled messages
	Log            Log               `yaml:"log"`       // logging
	Serve          Serve             `yaml:"serve"`     // the long-running process
	Store          Store             `yaml:"store"`     // where deploybot keeps its state
	Audit          Audit             `yaml:"audit"`     // how long people's words are kept
	Web            Web               `yaml:"web"`       // the read-only pages (web.go)

	// Warnings are problems that do not make the file invalid, such as an
	// environment variable that is referenced but not set.
	Warnings []Problem `yaml:"-"`

	// File names the file read (or the built-in defaults); Lines gives
	// the line of each value it writes, by path (see Line); Raw is the
	// file as read, before expansion (for context export).
	File  string         `yaml:"-"`
	Lines map[string]int `yaml:"-"`
	Raw   []byte         `yaml:"-"`
}

// Approval is an approval process.
type Approval string

// The approval processes.
const (
	ApprovalNone     Approval = "none"      // no approval: the requester deploys
	ApprovalFourEyes Approval = "four-eyes" // a second person approves
	ApprovalNamed    Approval = "named"     // one of the named approvers (access.<env>.approve) approves
)

// Approvals lists the approval processes.
var Approvals = []Approval{ApprovalNone, ApprovalFourEyes, ApprovalNamed}

// Agency holds the agency layer: the conventions every project follows unless
// it declares an exception.
type Agency struct {
	Name              string             `yaml:"name"`                // shown in replies
	Timezone          string             `yaml:"timezone"`            // IANA name; default Europe/Paris
	Holidays          string             `yaml:"holidays"`            // ISO 3166 country code of public holidays, or "none"; default FR
	Language          deploybot.Lang     `yaml:"language"`            // fr or en; default fr
	DefaultStrategy   deploybot.Strategy `yaml:"default_strategy"`    // default rolling
	Pipeline          string             `yaml:"pipeline"`            // the standard pipeline, e.g. github-actions
	Approval          Approval           `yaml:"approval"`            // approval for production; default four-eyes
	ApprovalTimeout   time.Duration      `yaml:"approval_timeout"`    // how long an approval request stays open; default 2h
	ConfirmTimeout    time.Duration      `yaml:"confirm_timeout"`     // how long a plan waits for its requester's confirmation; default 2m
	MinCertDays       int                `yaml:"min_cert_days"`       // a TLS certificate must stay valid this many days; default 14
	LockAfterRollback *bool              `yaml:"lock_after_rollback"` // keep an environment locked after a rollback; default true
	Confirm           *bool              `yaml:"confirm"`             // a deploy asked in chat waits for its requester's "yes"; default true
	ChecklistSkip     []string           `yaml:"checklist_skip"`      // checklist items not required: tests, review, vulnerabilities, docs, staging, migrations, env_vars, tls, health, team, rollback_plan, communication
	Environments      []string           `yaml:"environments"`        // the standard environments; default [staging, production]
	SmokeTests        string             `yaml:"smoke_tests"`         // the agency's smoke-test suite
	// Admins may lift any freeze and settle an interrupted deployment
	// (names, Slack user ids or "@groups", resolved like the access
	// lists). Without admins, the terminal chat's own --user is one; in
	// Slack nobody is.
	Admins []string `yaml:"admins"`
}

// Serve configures the long-running process (deploybot serve).
type Serve struct {
	// DrainTimeout is how long a stop (SIGTERM) waits for the deployments
	// running; what still runs then is left to the next process, never
	// marked failed. Default 10m.
	DrainTimeout time.Duration `yaml:"drain_timeout"`
}

// Audit says how long the audit trail keeps people's words.
type Audit struct {
	// Retention: message texts older than this are purged once a day;
	// decisions (deployments, approvals, locks, setting changes, with who
	// and when) are kept. 0, the default: keep all.
	Retention time.Duration `yaml:"retention"`
}

// Store says where deploybot keeps its state.
type Store struct {
	// URL is the database: a SQLite file path or a PostgreSQL URL
	// (postgres://USER:${PGPASSWORD}@HOST:5432/DB), ${VAR} expanded.
	// --db wins. Default: ./data/deploybot.db.
	URL string `yaml:"url"`
	// DataDir holds the shell executor's runs (logs and exit statuses),
	// which a restarted process reads to adopt a run. Default: the
	// database file's directory.
	DataDir string `yaml:"data_dir"`
}

// Windows holds deployment window specs such as "Tue-Thu 10:00-16:00",
// "Mon,Wed 12:00-18:00" or "Sat-Sun": English day names, ranges and lists,
// then an optional HH:MM-HH:MM range (24:00 ends the day), the syntax
// policy.ParseWindow reads.
type Windows struct {
	Recommended []string `yaml:"recommended"` // default [Tue-Thu 10:00-16:00]
	Acceptable  []string `yaml:"acceptable"`  // default [Mon 12:00-18:00, Fri 09:00-12:00]
	Avoid       []string `yaml:"avoid"`       // default [Fri 12:00-24:00, Sat-Sun]
}

// Freeze is a period, whole days in the agency's timezone, with no deployment.
type Freeze struct {
	From         string   `yaml:"from"`         // first day, YYYY-MM-DD
	To           string   `yaml:"to"`           // last day, YYYY-MM-DD, included
	Environments []string `yaml:"environments"` // empty: every environment
	Projects     []string `yaml:"projects"`     // names or aliases, replaced by names; empty: every project
	Reason       string   `yaml:"reason"`       // shown to whoever asks to deploy
}

// Access lists who may act on one environment. An entry is a user name, a
// Slack user id or a "@group".
type Access struct {
	Deploy   []string `yaml:"deploy"`   // may request a deployment; empty: anyone
	Approve  []string `yaml:"approve"`  // may approve; empty: anyone but the requester
	Rollback []string `yaml:"rollback"` // may roll back; empty: the deploy list
	Force    []string `yaml:"force"`    // may break glass (--force "reason"); empty: nobody
}

// ProjectConfig is one project and its exceptions to the agency layer.
type ProjectConfig struct {
	Name               string              `yaml:"name"`
	Aliases            []string            `yaml:"aliases"`
	Repository         string              `yaml:"repository"`           // for changelogs: github.com/owner/name or a local path
	Channel            string              `yaml:"channel"`              // Slack channel for this project's notifications
	Strategy           deploybot.Strategy  `yaml:"strategy"`             // empty: the agency's default_strategy
	ZeroDowntime       bool                `yaml:"zero_downtime"`        // zero downtime is mandatory
	Constraints        string              `yaml:"constraints"`          // hours, client approvals, ...
	Approval           Approval            `yaml:"approval"`             // approval for production; empty: the agency's
	Validations        []string            `yaml:"validations"`          // required validations, e.g. load-tests
	SLA                string              `yaml:"sla"`                  // deployment SLA: frequency, imposed windows
	Timezone           string              `yaml:"timezone"`             // empty: the agency's
	Windows            *Windows            `yaml:"windows"`              // lists given replace the agency's
	RollbackProcedure  string              `yaml:"rollback_procedure"`   // shown when rolling back
	DrillEvery         time.Duration       `yaml:"drill_every"`          // how often production's rollback should be drilled; default 30d
	RequireDrill       bool                `yaml:"require_drill"`        // refuse production plans past drill_every (where a drill was possible)
	StagingFirst       bool                `yaml:"staging_first"`        // production needs the version on staging first
	StagingFirstReason string              `yaml:"staging_first_reason"` // why staging_first is off, shown in every plan
	ChecklistTicks     bool                `yaml:"checklist_ticks"`      // the requester ticks each checklist item one by one
	Access             map[string]Access   `yaml:"access"`               // replaces the agency's access, per environment
	Environments       []EnvironmentConfig `yaml:"environments"`         // empty: the agency's environments
}

// EnvironmentConfig is one environment of a project.
type EnvironmentConfig struct {
	Name             string             `yaml:"name"`
	URL              string             `yaml:"url"`
	Approval         Approval           `yaml:"approval"` // empty: see Config.ApprovalFor
	Strategy         deploybot.Strategy `yaml:"strategy"` // empty: the project's
	Executor         *Executor          `yaml:"executor"` // nil: deploying is not configured
	HealthChecks     []HealthCheck      `yaml:"health_checks"`
	SmokeTests       []SmokeTest        `yaml:"smoke_tests"`
	Monitoring       *Monitoring        `yaml:"monitoring"`
	RollbackApproval bool               `yaml:"rollback_approval"` // a rollback needs an approval too; default false
	AutoRollback     bool               `yaml:"auto_rollback"`     // roll back on its own when monitoring sees a breach
}

// ExecutorType names how a deployment is run.
type ExecutorType string

// The executor types.
const (
	ExecutorShell         ExecutorType = "shell"
	ExecutorWebhook       ExecutorType = "webhook"
	ExecutorGitHubActions ExecutorType = "github-actions"
	ExecutorGitLabCI      ExecutorType = "gitlab-ci"
	ExecutorArgoCD        ExecutorType = "argocd"
)

// ExecutorTypes lists the executor types.
var ExecutorTypes = []ExecutorType{ExecutorShell, ExecutorWebhook, ExecutorGitHubActions, ExecutorGitLabCI, ExecutorArgoCD}

// Executor says how to run a deployment of one environment. Which fields
// apply depends on Type; a field of another type is an error.
type Executor struct {
	Type ExecutorType `yaml:"type"`

	// shell
	Command []string          `yaml:"command" config:"noexpand"` // argv; not expanded
	Dir     string            `yaml:"dir"`                       // working directory; empty: the current one
	Env     map[string]string `yaml:"env"`                       // added to the DEPLOY_* variables
	// Resolve is a command (argv, not expanded) that prints the version a
	// moving reference names now ("latest", a branch), given DEPLOY_REF:
	// without it, only fixed versions deploy.
	Resolve []string `yaml:"resolve" config:"noexpand"`

	// webhook
	URL     string            `yaml:"url"`
	Method  string            `yaml:"method"`  // POST or PUT; default POST
	Headers map[string]string `yaml:"headers"` // extra request headers
	Secret  string            `yaml:"secret"`  // HMAC-SHA256 key signing the body
	// AllowHTTP lets the webhook URL be plain http://: the signed request
	// then travels unencrypted. Default false (https:// only).
	AllowHTTP bool `yaml:"allow_http"`

	// github-actions
	Repository string            `yaml:"repository"` // owner/name
	Workflow   string            `yaml:"workflow"`   // file name (deploy.yml) or id
	Ref        string            `yaml:"ref"`        // default main
	Inputs     map[string]string `yaml:"inputs"`     // extra workflow_dispatch inputs
	Token      string            `yaml:"token"`      // default: $GITHUB_TOKEN
	APIURL     string            `yaml:"api_url"`    // GitHub Enterprise API; empty: api.github.com

	// gitlab-ci (also ref, default main, and token: a project or personal
	// access token that can trigger, read jobs and cancel; default
	// $GITLAB_TOKEN)
	Project      string            `yaml:"project"`       // the project's path (group/app) or id
	TriggerToken string            `yaml:"trigger_token"` // optional: triggers with a pipeline trigger token; token still reads jobs
	BaseURL      string            `yaml:"base_url"`      // self-managed GitLab; empty: gitlab.com
	Variables    map[string]string `yaml:"variables"`     // extra CI/CD variables; the DEPLOY_* ones win

	// argocd (also token: default $ARGOCD_AUTH_TOKEN; and, for
	// revision_source git, repository: github.com/OWNER/NAME or a GitLab
	// URL)
	Server         string `yaml:"server"`          // Argo CD's URL
	Application    string `yaml:"application"`     // NAME, or NAMESPACE/NAME
	RevisionSource string `yaml:"revision_source"` // target_revision (default), helm_parameter, kustomize_image or git
	Parameter      string `yaml:"parameter"`       // helm_parameter: the parameter, e.g. image.tag
	Image          string `yaml:"image"`           // kustomize_image: the image, e.g. ghcr.io/acme/api
	Path           string `yaml:"path"`            // git: the file that holds the version
	GitToken       string `yaml:"git_token"`       // git: a token that may commit; default $GITHUB_TOKEN or $GITLAB_TOKEN

	Timeout time.Duration `yaml:"timeout"` // default 10m
}

// HealthCheck is an HTTP probe that must answer ExpectStatus after a deploy.
type HealthCheck struct {
	URL          string        `yaml:"url"`
	ExpectStatus int           `yaml:"expect_status"` // default 200
	Timeout      time.Duration `yaml:"timeout"`       // default 10s
}

// SmokeTest is an HTTP request whose answer must have ExpectStatus and, when
// set, contain a text.
type SmokeTest struct {
	Name         string        `yaml:"name"` // default: the URL
	URL          string        `yaml:"url"`
	ExpectStatus int           `yaml:"expect_status"` // default 200
	Contains     string        `yaml:"contains"`      // text the body must contain
	Timeout      time.Duration `yaml:"timeout"`       // default 10s
}

// Monitoring says how to watch an environment after a deploy.
type Monitoring struct {
	PrometheusURL  string        `yaml:"prometheus_url"`
	Window         time.Duration `yaml:"window"`           // default 30m
	ErrorRateQuery string        `yaml:"error_rate_query"` // PromQL giving a ratio; empty: not checked
	MaxErrorRate   float64       `yaml:"max_error_rate"`   // default 0.001 (0.1 %)
	LatencyQuery   string        `yaml:"latency_query"`    // PromQL giving p95 seconds; empty: not checked
	MaxLatency     time.Duration `yaml:"max_latency"`      // default 500ms
	DashboardURL   string        `yaml:"dashboard_url"`    // linked from deployment notifications
	LogsURL        string        `yaml:"logs_url"`         // linked from deployment notifications
}

// Slack configures the Slack app.
type Slack struct {
	Mode          string `yaml:"mode"`           // socket or http; default socket
	AppToken      string `yaml:"app_token"`      // xapp-..., Socket Mode only
	BotToken      string `yaml:"bot_token"`      // xoxb-...
	SigningSecret string `yaml:"signing_secret"` // HTTP mode only
	APIURL        string `yaml:"api_url"`        // empty: https://slack.com/api/
	NotifyChannel string `yaml:"notify_channel"` // where deploy notifications are also posted
}

// The Slack modes.
const (
	SlackSocket = "socket"
	SlackHTTP   = "http"
)

// HTTP configures the HTTP listener.
type HTTP struct {
	Addr string `yaml:"addr"` // default 127.0.0.1:8080
}

// LLM configures the optional OpenAI-compatible language model.
type LLM struct {
	BaseURL string        `yaml:"base_url"` // default https://api.openai.com/v1
	Model   string        `yaml:"model"`    // empty: no model is used
	APIKey  string        `yaml:"api_key"`
	Timeout time.Duration `yaml:"timeout"` // default 30s
	// RouteBelow is the offline router's confidence under which the model
	// is asked to route a message (0 to 1); default 0.5.
	RouteBelow float64 `yaml:"route_below"`
	// HistoryTurns is how many turns of a thread the model sees; default 6.
	HistoryTurns int `yaml:"history_turns"`
}

// Enabled reports whether a model is configured.
func (l LLM) Enabled() bool { return l.Model != "" }

// ReminderKind says what a reminder posts.
type ReminderKind string

// The reminder kinds.
const (
	ReminderWeeklyWindows    ReminderKind = "weekly_windows"    // the week's windows, freezes and holidays
	ReminderFreezes          ReminderKind = "freezes"           // freezes starting soon
	ReminderPendingApprovals ReminderKind = "pending_approvals" // approvals waiting
	ReminderCustom           ReminderKind = "custom"            // Message, as written
	ReminderRollbackDrill    ReminderKind = "rollback_drill"    // proposes a rollback drill of Project, with a button
	ReminderDORA             ReminderKind = "dora"              // the four DORA figures of the last 7 days and their trend
)

// ReminderKinds lists the reminder kinds.
var ReminderKinds = []ReminderKind{ReminderWeeklyWindows, ReminderFreezes, ReminderPendingApprovals, ReminderCustom, ReminderRollbackDrill, ReminderDORA}

// Reminder is a message posted on a cron schedule.
type Reminder struct {
	Cron    string       `yaml:"cron"`    // 5 fields or a descriptor, optional CRON_TZ= prefix
	Channel string       `yaml:"channel"` // Slack channel
	Kind    ReminderKind `yaml:"kind"`    // default custom
	Message string       `yaml:"message"` // required for custom; otherwise an introduction
	Project string       `yaml:"project"` // limits the reminder to one project; an alias is replaced by the name
}

// Log configures logging.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn or error; default info
	Format string `yaml:"format"` // text or json; default text
}
