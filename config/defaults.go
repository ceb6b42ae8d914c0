package config

import (
	"fmt"
	"strings"
	"time"

	"deploybot"
)

// The defaults, from the deployment brief where it has one.
const (
	defaultTimezone        = "Europe/Paris"
	defaultHolidays        = "FR"
	defaultApprovalTimeout = 2 * time.Hour
	defaultExecTimeout     = 10 * time.Minute
	defaultCheckTimeout    = 10 * time.Second
	defaultMonitorWindow   = 30 * time.Minute // "surveiller pendant 30 min"
	defaultMaxErrorRate    = 0.001            // error rate < 0.1 %
	defaultMaxLatency      = 500 * time.Millisecond
	defaultHTTPAddr        = "127.0.0.1:8080"
	defaultLLMBaseURL      = "https://api.openai.com/v1"
	defaultLLMTimeout      = 30 * time.Second
	defaultRef             = "main"
)

// DefaultWindows returns the deployment windows of the brief: Tuesday to
// Thursday 10:00-16:00 is recommended; Monday afternoon and Friday morning
// are acceptable; Friday afternoon and the weekend are to avoid. Eves of
// public holidays are the deploy policy's business.
func DefaultWindows() Windows {
	return Windows{
		Recommended: []string{"Tue-Thu 10:00-16:00"},
		Acceptable:  []string{"Mon 12:00-18:00", "Fri 09:00-12:00"},
		Avoid:       []string{"Fri 12:00-24:00", "Sat-Sun"},
	}
}

func orDefault[T comparable](p *T, v T) {
	var zero T
	if *p == zero {
		*p = v
	}
}

// defaults fills in every value the file leaves out.
func (c *checker) defaults(cfg *Config) {
	a := &cfg.Agency
	orDefault(&a.Timezone, defaultTimezone)
	orDefault(&a.Holidays, defaultHolidays)
	if len(a.Holidays) == 2 {
		a.Holidays = strings.ToUpper(a.Holidays)
	}
	orDefault(&a.Language, deploybot.French)
	orDefault(&a.DefaultStrategy, deploybot.StrategyRolling)
	orDefault(&a.Approval, ApprovalFourEyes)
	orDefault(&a.ApprovalTimeout, defaultApprovalTimeout)
	orDefault(&a.ConfirmTimeout, 2*time.Minute)
	orDefault(&a.MinCertDays, 14)
	if a.Confirm == nil {
		yes := true
		a.Confirm = &yes
	}
	if a.LockAfterRollback == nil {
		yes := true
		a.LockAfterRollback = &yes
	}
	if len(a.Environments) == 0 {
		a.Environments = []string{deploybot.EnvStaging, deploybot.EnvProduction}
	}

	// A list left out keeps its default; an empty list ([]) means none.
	def := DefaultWindows()
	if cfg.Windows.Recommended == nil {
		cfg.Windows.Recommended = def.Recommended
	}
	if cfg.Windows.Acceptable == nil {
		cfg.Windows.Acceptable = def.Acceptable
	}
	if cfg.Windows.Avoid == nil {
		cfg.Windows.Avoid = def.Avoid
	}

	for i := range cfg.ProjectConfigs {
		c.projectDefaults(cfg, &cfg.ProjectConfigs[i], fmt.Sprintf("projects[%d]", i))
	}

	orDefault(&cfg.Slack.Mode, SlackSocket)
	orDefault(&cfg.HTTP.Addr, defaultHTTPAddr)
	orDefault(&cfg.LLM.BaseURL, defaultLLMBaseURL)
	orDefault(&cfg.LLM.Timeout, defaultLLMTimeout)
	for i := range cfg.Reminders {
		orDefault(&cfg.Reminders[i].Kind, ReminderCustom)
	}
	orDefault(&cfg.Log.Level, "info")
	orDefault(&cfg.Log.Format, "text")
	orDefault(&cfg.Serve.DrainTimeout, 10*time.Minute)
}

func (c *checker) projectDefaults(cfg *Config, p *ProjectConfig, path string) {
	if len(p.Environments) == 0 {
		for _, name := range cfg.Agency.Environments {
			p.Environments = append(p.Environments, EnvironmentConfig{Name: name})
		}
	}
	if !c.has(path + ".staging_first") {
		_, hasStaging := p.Environment(deploybot.EnvStaging)
		p.StagingFirst = hasStaging
	}
	for i := range p.Environments {
		e := &p.Environments[i]
		ep := fmt.Sprintf("%s.environments[%d]", path, i)
		if x := e.Executor; x != nil {
			orDefault(&x.Timeout, defaultExecTimeout)
			switch x.Type {
			case ExecutorWebhook:
				orDefault(&x.Method, "POST")
				x.Method = strings.ToUpper(x.Method)
			case ExecutorGitHubActions:
				orDefault(&x.Ref, defaultRef)
				if x.Token == "" {
					x.Token, _ = c.lookup("GITHUB_TOKEN")
				}
			case ExecutorGitLabCI:
				orDefault(&x.Ref, defaultRef)
				if x.Token == "" {
					x.Token, _ = c.lookup("GITLAB_TOKEN")
				}
			case ExecutorArgoCD:
				orDefault(&x.RevisionSource, "target_revision")
				if x.Token == "" {
					x.Token, _ = c.lookup("ARGOCD_AUTH_TOKEN")
				}
				if x.GitToken == "" && x.RevisionSource == "git" {
					name := "GITLAB_TOKEN"
					if strings.Contains(strings.ToLower(x.Repository), "github") {
						name = "GITHUB_TOKEN"
					}
					x.GitToken, _ = c.lookup(name)
				}
			}
		}
		for j := range e.HealthChecks {
			h := &e.HealthChecks[j]
			if !c.has(fmt.Sprintf("%s.health_checks[%d].expect_status", ep, j)) {
				h.ExpectStatus = 200
			}
			orDefault(&h.Timeout, defaultCheckTimeout)
		}
		for j := range e.SmokeTests {
			s := &e.SmokeTests[j]
			if !c.has(fmt.Sprintf("%s.smoke_tests[%d].expect_status", ep, j)) {
				s.ExpectStatus = 200
			}
			orDefault(&s.Timeout, defaultCheckTimeout)
			orDefault(&s.Name, s.URL)
		}
		if m := e.Monitoring; m != nil {
			orDefault(&m.Window, defaultMonitorWindow)
			if !c.has(ep + ".monitoring.max_error_rate") {
				m.MaxErrorRate = defaultMaxErrorRate
			}
			orDefault(&m.MaxLatency, defaultMaxLatency)
		}
	}
}

// canonicalize replaces the aliases that freezes and reminders name with
// their project's name, once every name is known to resolve.
func (cfg *Config) canonicalize() {
	canonical := func(name string) string {
		if p, ok := cfg.Project(name); ok {
			return p.Name
		}
		return name
	}
	for i := range cfg.Freezes {
		for j, name := range cfg.Freezes[i].Projects {
			cfg.Freezes[i].Projects[j] = canonical(name)
		}
	}
	for i := range cfg.Reminders {
		if cfg.Reminders[i].Project != "" {
			cfg.Reminders[i].Project = canonical(cfg.Reminders[i].Project)
		}
	}
}
