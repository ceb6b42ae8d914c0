package config_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"deploybot"
	"deploybot/config"
)

// parse parses src or fails the test.
func parse(t *testing.T, src string, lookup func(string) (string, bool)) *config.Config {
	t.Helper()
	cfg, err := config.ParseWith([]byte(src), "test.yaml", lookup)
	if err != nil {
		t.Fatalf("ParseWith: %v", err)
	}
	return cfg
}

// parseFile parses a file or fails the test.
func parseFile(t *testing.T, name string, lookup func(string) (string, bool)) *config.Config {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.ParseWith(data, name, lookup)
	if err != nil {
		t.Fatalf("ParseWith(%s):\n%v", name, err)
	}
	return cfg
}

func TestDefaultsWhenOnlyProjects(t *testing.T) {
	cfg := parseFile(t, "testdata/only-projects.yaml", noEnv)
	def := config.DefaultWindows()
	checks := []struct {
		name      string
		got, want any
	}{
		{"agency.timezone", cfg.Agency.Timezone, "Europe/Paris"},
		{"agency.holidays", cfg.Agency.Holidays, "FR"},
		{"agency.language", cfg.Agency.Language, deploybot.French},
		{"agency.default_strategy", cfg.Agency.DefaultStrategy, deploybot.StrategyRolling},
		{"agency.approval", cfg.Agency.Approval, config.ApprovalFourEyes},
		{"agency.approval_timeout", cfg.Agency.ApprovalTimeout, 2 * time.Hour},
		{"agency.environments", strings.Join(cfg.Agency.Environments, ","), "staging,production"},
		{"agency.pipeline", cfg.Agency.Pipeline, ""},
		{"windows.recommended", strings.Join(cfg.Windows.Recommended, "|"), "Tue-Thu 10:00-16:00"},
		{"windows.acceptable", strings.Join(cfg.Windows.Acceptable, "|"), "Mon 12:00-18:00|Fri 09:00-12:00"},
		{"windows.avoid", strings.Join(cfg.Windows.Avoid, "|"), "Fri 12:00-24:00|Sat-Sun"},
		{"DefaultWindows", strings.Join(def.Avoid, "|"), "Fri 12:00-24:00|Sat-Sun"},
		{"freezes", len(cfg.Freezes), 0},
		{"access", len(cfg.Access), 0},
		{"slack.mode", cfg.Slack.Mode, "socket"},
		{"http.addr", cfg.HTTP.Addr, "127.0.0.1:8080"},
		{"llm.base_url", cfg.LLM.BaseURL, "https://api.openai.com/v1"},
		{"llm.timeout", cfg.LLM.Timeout, 30 * time.Second},
		{"llm enabled", cfg.LLM.Enabled(), false},
		{"reminders", len(cfg.Reminders), 0},
		{"log.level", cfg.Log.Level, "info"},
		{"log.format", cfg.Log.Format, "text"},
		{"Location", cfg.Location().String(), "Europe/Paris"},
		{"projects", len(cfg.ProjectConfigs), 2},
		{"warnings", len(cfg.Warnings), 0},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	for _, p := range cfg.ProjectConfigs {
		var envs []string
		for _, e := range p.Environments {
			envs = append(envs, e.Name)
			if e.Executor != nil || e.URL != "" || e.Approval != "" {
				t.Errorf("%s/%s = %+v, want a bare environment", p.Name, e.Name, e)
			}
		}
		if !slices.Equal(envs, []string{"staging", "production"}) {
			t.Errorf("%s environments = %v, want [staging production]", p.Name, envs)
		}
		if !p.StagingFirst {
			t.Errorf("%s staging_first = false, want true", p.Name)
		}
		if got := cfg.StrategyFor(p); got != deploybot.StrategyRolling {
			t.Errorf("StrategyFor(%s) = %s, want rolling", p.Name, got)
		}
	}
}

func TestEmptyFileIsValid(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "---\n", "~\n", "projects:\n"} {
		cfg := parse(t, src, noEnv)
		if cfg.Agency.Timezone != "Europe/Paris" || len(cfg.ProjectConfigs) != 0 {
			t.Errorf("%q: %+v", src, cfg.Agency)
		}
	}
}

func TestBuiltInDefaultsValidate(t *testing.T) {
	cfg := parseFile(t, "default.yaml", noEnv)
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %v", cfg.Warnings)
	}
	want := []deploybot.Project{
		{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{
			{Name: "staging", URL: "https://staging.api.example.com"},
			{Name: "production", URL: "https://api.example.com"},
		}},
		{Name: "web", Aliases: []string{"site", "front"}, Environments: []deploybot.Environment{
			{Name: "staging", URL: "https://staging.www.example.com"},
			{Name: "production", URL: "https://www.example.com"},
		}},
	}
	if got := cfg.Projects(); !reflect.DeepEqual(got, want) {
		t.Errorf("Projects() = %+v, want %+v", got, want)
	}
	for _, p := range cfg.ProjectConfigs {
		for _, e := range p.Environments {
			if e.Executor != nil {
				t.Errorf("%s/%s has an executor", p.Name, e.Name)
			}
		}
	}
	if !reflect.DeepEqual(cfg.Windows, config.DefaultWindows()) {
		t.Errorf("windows = %+v, want the brief's", cfg.Windows)
	}
	a := cfg.Agency
	if a.DefaultStrategy != deploybot.StrategyRolling || a.Approval != config.ApprovalFourEyes || a.Timezone != "Europe/Paris" || a.Holidays != "FR" || a.Language != deploybot.French {
		t.Errorf("agency = %+v", a)
	}
	if cfg.LLM.Enabled() {
		t.Errorf("the built-in defaults enable the LLM without DEPLOYBOT_LLM_MODEL")
	}

	// The environment fills in the secrets.
	cfg = parseFile(t, "default.yaml", env(map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "DEPLOYBOT_LLM_MODEL": "m"}))
	if cfg.Slack.BotToken != "xoxb-1" || !cfg.LLM.Enabled() {
		t.Errorf("slack = %+v, llm = %+v", cfg.Slack, cfg.LLM)
	}
}

func TestExampleValidates(t *testing.T) {
	vars := map[string]string{
		"SLACK_APP_TOKEN": "xapp-1", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
		"OPENAI_API_KEY": "sk-1", "GITHUB_TOKEN": "ghp-1", "REGISTRY_TOKEN": "r", "DEPLOY_WEBHOOK_SECRET": "w",
	}
	cfg := parseFile(t, "../config.example.yaml", env(vars))
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %v", cfg.Warnings)
	}
	if cfg.Slack.BotToken != "xoxb-1" {
		t.Errorf("slack.bot_token = %q", cfg.Slack.BotToken)
	}
	// Without the environment it still validates, with a warning per
	// variable that has no default.
	cfg = parseFile(t, "../config.example.yaml", noEnv)
	if len(cfg.Warnings) != 4 {
		t.Errorf("warnings without environment = %v, want 4", cfg.Warnings)
	}
}

// TestExampleDocumentsEveryKey checks that config.example.yaml uses every key
// Config knows, so that it stays the complete reference.
func TestExampleDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	schemaKeys(reflect.TypeFor[config.Config](), "", known)
	used := map[string]bool{}
	exampleKeys(doc.Content[0], reflect.TypeFor[config.Config](), "", used)
	var missing []string
	for k := range known {
		if !used[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("config.example.yaml lacks these keys:\n%s", strings.Join(missing, "\n"))
	}
	if len(known) < 100 {
		t.Errorf("only %d keys found in the schema", len(known))
	}
}

// yamlKey returns the YAML key of a struct field, or "".
func yamlKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	return name
}

// walkType strips pointers, slices and maps off t, extending path.
func walkType(t reflect.Type, path string) (reflect.Type, string) {
	for {
		switch t.Kind() {
		case reflect.Pointer:
			t = t.Elem()
		case reflect.Slice:
			t, path = t.Elem(), path+"[]"
		case reflect.Map:
			t, path = t.Elem(), path+".*"
		default:
			return t, path
		}
	}
}

func schemaKeys(t reflect.Type, path string, out map[string]bool) {
	t, path = walkType(t, path)
	if t.Kind() != reflect.Struct {
		return
	}
	for f := range t.Fields() {
		if key := yamlKey(f); key != "" {
			p := strings.TrimPrefix(path+"."+key, ".")
			out[p] = true
			schemaKeys(f.Type, p, out)
		}
	}
}

func exampleKeys(n *yaml.Node, t reflect.Type, path string, out map[string]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.SequenceNode && t.Kind() == reflect.Slice:
		for _, item := range n.Content {
			exampleKeys(item, t.Elem(), path+"[]", out)
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Map:
		for i := 0; i+1 < len(n.Content); i += 2 {
			exampleKeys(n.Content[i+1], t.Elem(), path+".*", out)
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		for i := 0; i+1 < len(n.Content); i += 2 {
			for f := range t.Fields() {
				if key := yamlKey(f); key == n.Content[i].Value {
					p := strings.TrimPrefix(path+"."+key, ".")
					out[p] = true
					exampleKeys(n.Content[i+1], f.Type, p, out)
				}
			}
		}
	}
}

func TestLoadLookupOrder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	// No path and no ./deploybot.yaml: the built-in defaults.
	cfg, src, err := config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if !src.BuiltIn || src.Path != "" || src.String() != "built-in defaults" {
		t.Errorf("source = %#v (%s), want the built-in defaults", src, src)
	}
	if _, ok := cfg.Project("backend"); !ok {
		t.Errorf("built-in defaults lack the api demo project")
	}

	// ./deploybot.yaml when it exists.
	write("deploybot.yaml", "projects: [{name: local}]\n")
	cfg, src, err = config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if src.BuiltIn || src.Path != "./deploybot.yaml" || src.String() != "config file ./deploybot.yaml" {
		t.Errorf("source = %#v (%s), want ./deploybot.yaml", src, src)
	}
	if _, ok := cfg.Project("local"); !ok || len(cfg.ProjectConfigs) != 1 {
		t.Errorf("projects = %+v, want local only", cfg.ProjectConfigs)
	}

	// A path given wins over ./deploybot.yaml.
	write("other.yaml", "projects: [{name: other}]\n")
	cfg, src, err = config.Load("other.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if src.Path != "other.yaml" || src.String() != "config file other.yaml" {
		t.Errorf("source = %#v, want other.yaml", src)
	}
	if _, ok := cfg.Project("other"); !ok {
		t.Errorf("projects = %+v, want other", cfg.ProjectConfigs)
	}

	// A path given that does not exist is an error, even with ./deploybot.yaml.
	_, src, err = config.Load("missing.yaml")
	if !errors.Is(err, fs.ErrNotExist) || src.Path != "missing.yaml" {
		t.Errorf("Load(missing.yaml) = %v, %#v; want a not-exist error", err, src)
	}

	// An invalid ./deploybot.yaml is reported under its name, not replaced
	// by the defaults.
	write("deploybot.yaml", "projects:\n  - name: api\n    stratgy: canary\n")
	_, src, err = config.Load("")
	var ve *config.ValidationError
	if !errors.As(err, &ve) || src.Path != "./deploybot.yaml" || !strings.HasPrefix(err.Error(), "./deploybot.yaml:3:5: projects[0].stratgy: ") {
		t.Errorf("Load = %v, %#v; want a ValidationError for ./deploybot.yaml", err, src)
	}
}

func TestLoadSyntaxErrorFile(t *testing.T) {
	_, _, err := config.Load("testdata/syntax.yaml")
	want := "testdata/syntax.yaml:5: invalid YAML: did not find expected ',' or ']'"
	if err == nil || err.Error() != want {
		t.Errorf("Load = %v, want %s", err, want)
	}
}

func TestProjectLookup(t *testing.T) {
	cfg := parseFile(t, "default.yaml", noEnv)
	tests := []struct {
		name string
		want string
	}{
		{"api", "api"},
		{"API", "api"},
		{"Backend", "api"},
		{" front ", "web"},
		{"site", "web"},
		{"nope", ""},
		{"", ""},
	}
	for _, tt := range tests {
		p, ok := cfg.Project(tt.name)
		if ok != (tt.want != "") || p.Name != tt.want {
			t.Errorf("Project(%q) = %q, %v; want %q", tt.name, p.Name, ok, tt.want)
		}
	}
}

func TestPerProjectResolution(t *testing.T) {
	cfg := parse(t, `
agency:
  timezone: America/New_York
  approval: four-eyes
windows:
  acceptable: []
access:
  production: {deploy: [alice], approve: [bob]}
projects:
  - name: api
    timezone: Asia/Tokyo
    approval: named
    windows: {recommended: ["Mon-Fri 09:00-17:00"]}
    access: {production: {approve: [carol]}}
    environments:
      - {name: staging, approval: four-eyes}
      - {name: production}
      - {name: uat}
  - name: web
    environments: [{name: production}]
`, noEnv)
	api, _ := cfg.Project("api")
	web, _ := cfg.Project("web")
	checks := []struct {
		name      string
		got, want any
	}{
		{"Location", cfg.Location().String(), "America/New_York"},
		{"LocationFor api", cfg.LocationFor(api).String(), "Asia/Tokyo"},
		{"LocationFor web", cfg.LocationFor(web).String(), "America/New_York"},
		{"ApprovalFor api staging", cfg.ApprovalFor(api, "staging"), config.ApprovalFourEyes},
		{"ApprovalFor api production", cfg.ApprovalFor(api, "production"), config.ApprovalNamed},
		{"ApprovalFor api uat", cfg.ApprovalFor(api, "uat"), config.ApprovalNone},
		{"ApprovalFor web production", cfg.ApprovalFor(web, "production"), config.ApprovalFourEyes},
		{"AccessFor api production", cfg.AccessFor(api, "production").Approve, []string{"carol"}},
		{"AccessFor web production", cfg.AccessFor(web, "production").Deploy, []string{"alice"}},
		{"AccessFor web staging", cfg.AccessFor(web, "staging").Deploy, []string(nil)},
		{"WindowsFor api recommended", cfg.WindowsFor(api).Recommended, []string{"Mon-Fri 09:00-17:00"}},
		{"WindowsFor api avoid", cfg.WindowsFor(api).Avoid, config.DefaultWindows().Avoid},
		{"windows.acceptable: [] means none", len(cfg.WindowsFor(web).Acceptable), 0},
		{"staging_first without staging", web.StagingFirst, false},
		{"staging_first with staging", api.StagingFirst, true},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestEnvironmentDefaults(t *testing.T) {
	cfg := parse(t, `
projects:
  - name: api
    environments:
      - name: staging
        executor: {type: github-actions, repository: acme/api, workflow: deploy.yml}
        health_checks: [{url: "https://s.example/healthz"}]
        smoke_tests: [{url: "https://s.example/"}]
        monitoring: {prometheus_url: "http://p:9090"}
      - name: production
        executor: {type: webhook, url: "https://hooks.example", method: put}
        monitoring: {prometheus_url: "http://p:9090", max_error_rate: 0, window: 1h}
`, env(map[string]string{"GITHUB_TOKEN": "ghp-x"}))
	api, _ := cfg.Project("api")
	st, pr := api.Environments[0], api.Environments[1]
	checks := []struct {
		name      string
		got, want any
	}{
		{"executor timeout", st.Executor.Timeout, 10 * time.Minute},
		{"github ref", st.Executor.Ref, "main"},
		{"github token from GITHUB_TOKEN", st.Executor.Token, "ghp-x"},
		{"health expect_status", st.HealthChecks[0].ExpectStatus, 200},
		{"health timeout", st.HealthChecks[0].Timeout, 10 * time.Second},
		{"smoke name", st.SmokeTests[0].Name, "https://s.example/"},
		{"smoke expect_status", st.SmokeTests[0].ExpectStatus, 200},
		{"monitoring window", st.Monitoring.Window, 30 * time.Minute},
		{"monitoring max_error_rate", st.Monitoring.MaxErrorRate, 0.001},
		{"monitoring max_latency", st.Monitoring.MaxLatency, 500 * time.Millisecond},
		{"webhook method upper-cased", pr.Executor.Method, "PUT"},
		{"explicit max_error_rate 0 kept", pr.Monitoring.MaxErrorRate, 0.0},
		{"explicit window kept", pr.Monitoring.Window, time.Hour},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestAnchorsAndMergeKeys(t *testing.T) {
	cfg := parse(t, `
projects:
  - name: api
    environments:
      - &staging
        name: staging
        executor: &shell {type: shell, command: [./deploy.sh], env: {HOME_DIR: $$HOME}, timeout: 5m}
      - name: production
        executor:
          <<: *shell
          timeout: 20m
  - name: web
    environments: [*staging]
`, env(map[string]string{"HOME": "/root"}))
	api, _ := cfg.Project("api")
	web, _ := cfg.Project("web")
	prod, _ := api.Environment("production")
	if prod.Executor == nil || prod.Executor.Type != config.ExecutorShell || prod.Executor.Timeout != 20*time.Minute {
		t.Errorf("merged executor = %+v", prod.Executor)
	}
	ws, _ := web.Environment("staging")
	if ws.Executor == nil || ws.Executor.Env["HOME_DIR"] != "$HOME" || prod.Executor.Env["HOME_DIR"] != "$HOME" {
		t.Errorf("aliased values were expanded more than once: %+v / %+v", ws.Executor, prod.Executor)
	}
}

func TestFreeze(t *testing.T) {
	cfg := parse(t, `
freezes:
  - {from: 2026-12-20, to: 2027-01-03, environments: [production], reason: "end of year"}
  - {from: 2026-11-27, to: 2026-11-27, projects: [site]}
projects: [{name: web, aliases: [site]}, {name: api}]
`, noEnv)
	if got := cfg.Freezes[1].Projects; !slices.Equal(got, []string{"web"}) {
		t.Errorf("freeze projects = %q, want the canonical [web]", got)
	}
	web, _ := cfg.Project("web")
	api, _ := cfg.Project("api")
	loc := cfg.Location()
	start, end := cfg.Freezes[0].Span(loc)
	if want := time.Date(2026, 12, 20, 0, 0, 0, 0, loc); !start.Equal(want) {
		t.Errorf("start = %v, want %v", start, want)
	}
	if want := time.Date(2027, 1, 4, 0, 0, 0, 0, loc); !end.Equal(want) {
		t.Errorf("end = %v, want %v", end, want)
	}
	tests := []struct {
		freeze  int
		project config.ProjectConfig
		env     string
		want    bool
	}{
		{0, api, "production", true},
		{0, api, "staging", false},
		{1, web, "staging", true},
		{1, api, "production", false},
	}
	for _, tt := range tests {
		if got := cfg.Freezes[tt.freeze].AppliesTo(tt.project, tt.env); got != tt.want {
			t.Errorf("freezes[%d].AppliesTo(%s, %s) = %v, want %v", tt.freeze, tt.project.Name, tt.env, got, tt.want)
		}
	}
}

func TestEnvironmentByName(t *testing.T) {
	cfg := parse(t, "projects:\n  - name: api\n    environments: [staging, uat, {name: production, url: \"https://api.example.com\"}]\n", noEnv)
	want := []deploybot.Project{{Name: "api", Environments: []deploybot.Environment{
		{Name: "staging"}, {Name: "uat"}, {Name: "production", URL: "https://api.example.com"},
	}}}
	if got := cfg.Projects(); !reflect.DeepEqual(got, want) {
		t.Errorf("Projects() = %+v, want %+v", got, want)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"default.yaml", "../config.example.yaml", "testdata/problems.yaml", "testdata/only-projects.yaml", "testdata/syntax.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("projects:\n  - <<: [1, 2]\n    name: x\n"))
	f.Add([]byte("? [a]\n: b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := config.ParseWith(data, "fuzz.yaml", noEnv)
		if (cfg == nil) == (err == nil) {
			t.Fatalf("ParseWith = %v, %v: want exactly one of a configuration and an error", cfg, err)
		}
		if cfg != nil {
			_ = cfg.Projects()
			_ = cfg.Location()
		}
	})
}

func TestReminderSeed(t *testing.T) {
	cfg := parse(t, `
agency: {language: en}
projects: [{name: web, aliases: [site]}]
reminders:
  - {cron: "CRON_TZ=Europe/Paris 30 9 * * MON", channel: "#deploys", kind: weekly_windows}
  - {cron: " 0 16 * * FRI ", channel: "#web", message: "No deploy before Monday.", project: site}
`, noEnv)
	want := []deploybot.Reminder{
		{Kind: "weekly_windows", Cron: "CRON_TZ=Europe/Paris 30 9 * * MON", Channel: "#deploys", Lang: deploybot.English, CreatedBy: "config"},
		{Kind: "custom", Cron: "0 16 * * FRI", Channel: "#web", Project: "web", Message: "No deploy before Monday.", Lang: deploybot.English, CreatedBy: "config"},
	}
	if got := cfg.ReminderSeed(); !reflect.DeepEqual(got, want) {
		t.Errorf("ReminderSeed() =\n%+v\nwant\n%+v", got, want)
	}
}
