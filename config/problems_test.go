package config_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"deploybot/config"
)

// noEnv is an empty environment.
func noEnv(string) (string, bool) { return "", false }

// env returns a lookup over m.
func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// problems parses src and returns its problems, failing the test if the
// error is not a *config.ValidationError.
func problems(t *testing.T, src, name string, lookup func(string) (string, bool)) []config.Problem {
	t.Helper()
	cfg, err := config.ParseWith([]byte(src), name, lookup)
	if err == nil {
		t.Fatalf("ParseWith(%s) = nil error, want problems", name)
	}
	if cfg != nil {
		t.Errorf("ParseWith(%s) returned a configuration with an error", name)
	}
	var ve *config.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ParseWith(%s) error %T %v, want *config.ValidationError", name, err, err)
	}
	if ve.Name != name {
		t.Errorf("ValidationError.Name = %q, want %q", ve.Name, name)
	}
	return ve.Problems
}

// want is an expected problem: its position, path and part of its message.
type want struct {
	line, col int
	path      string
	msg       string
}

func (w want) matches(p config.Problem) bool {
	return p.Line == w.line && (w.col == 0 || p.Column == w.col) && (w.path == "" || p.Path == w.path) && strings.Contains(p.Message, w.msg)
}

func (w want) String() string {
	return fmt.Sprintf("%d:%d: %s: ...%s...", w.line, w.col, w.path, w.msg)
}

// checkProblems asserts that got holds exactly the wanted problems, in order.
func checkProblems(t *testing.T, got []config.Problem, wants []want) {
	t.Helper()
	for i := 0; i < max(len(got), len(wants)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("missing problem %v", wants[i])
		case i >= len(wants):
			t.Errorf("unexpected problem %v", got[i].Error())
		case !wants[i].matches(got[i]):
			t.Errorf("problem %d = %v\n                 want %v", i, got[i].Error(), wants[i])
		}
	}
}

func TestProblemsAllReportedAtOnce(t *testing.T) {
	const name = "testdata/problems.yaml"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	got := problems(t, string(data), name, noEnv)
	checkProblems(t, got, []want{
		{4, 13, "agency.timezone", "unknown time zone Mars/Olympus"},
		{5, 13, "agency.holidays", `no public holiday calendar for "FRA"`},
		{6, 13, "agency.language", `invalid value "de"; expected one of: fr, en`},
		{7, 21, "agency.default_strategy", `invalid value "bluegreen"; did you mean "blue-green"? expected one of: recreate, rolling, blue-green, canary`},
		{8, 13, "agency.approval", "expected one of: none, four-eyes, named"},
		{9, 27, "agency.environments[1]", `invalid environment name "Prod"`},
		{11, 40, "windows.recommended[1]", `unknown day "Tus"; did you mean "Tue"?`},
		{12, 16, "windows.acceptable[0]", "start 18:00 is not before end 12:00"},
		{13, 11, "windows.avoid[0]", `invalid time "25:00"`},
		{16, 9, "freezes[0].to", "to 2026-12-01 is before from 2026-12-20"},
		{17, 20, "freezes[0].environments[0]", `unknown environment "prodution"; did you mean "production"?`},
		{18, 12, "freezes[1].from", `invalid date "20/12/2026": expected YYYY-MM-DD`},
		{21, 3, "access.prod", `unknown environment "prod"; did you mean "production"?`},
		{25, 5, "projects[0].stratgy", `unknown key "stratgy"; did you mean "strategy"? expected one of: name, aliases, repository,`},
		{27, 20, "projects[0].zero_downtime", "strategy is recreate"},
		{28, 15, "projects[0].approval", `invalid value "4eyes"`},
		{29, 15, "projects[0].timezone", "unknown time zone Europe/Nowhere"},
		{32, 14, "projects[0].environments[0].url", `invalid URL "staging.api.example.com"`},
		{33, 19, "projects[0].environments[0].executor.command", "command is required for a shell executor"},
		{34, 15, "projects[0].environments[1].name", `duplicate environment "staging" (first at line 31)`},
		{36, 11, "projects[0].environments[1].executor.workflow", "workflow is required"},
		{37, 23, "projects[0].environments[1].executor.repository", `invalid repository "acme": expected owner/name`},
		{38, 11, "projects[0].environments[1].executor.command", "command is not used by executor type github-actions"},
		{40, 69, "projects[0].environments[1].health_checks[0].expect_status", "invalid HTTP status 700"},
		{42, 11, "projects[0].environments[1].monitoring.prometheus_url", "prometheus_url is required"},
		{42, 19, "projects[0].environments[1].monitoring.window", `invalid duration "30"`},
		{44, 26, "projects[0].environments[2].executor.type", `invalid value "ftp"; expected one of: shell, webhook, github-actions`},
		{45, 11, "projects[1].name", `"backend" is already the alias of project "api" (line 24)`},
		{47, 21, "projects[2].aliases[1]", `"api" is already the name of project "api" (line 23)`},
		{48, 20, "projects[2].staging_first", "no staging environment"},
		{51, 19, "projects[2].environments[0].executor.url", "url is required"},
		{53, 9, "slack.mode", `did you mean "socket"?`},
		{54, 12, "slack.api_url", `invalid URL "slack.test"`},
		{56, 9, "http.addr", `invalid address "localhost"`},
		{58, 12, "llm.timeout", `invalid duration "soon"`},
		{60, 11, "reminders[0].cron", `invalid value "61" (expected 0-59) in minute field`},
		{62, 11, "reminders[0].kind", `invalid value "weekly"`},
		{63, 5, "reminders[1].cron", "cron is required"},
		{63, 5, "reminders[1].channel", "channel is required"},
		{63, 5, "reminders[1].message", "message is required for a reminder of kind custom"},
		{65, 10, "log.level", `invalid value "verbose"; expected one of: debug, info, warn, error`},
		{66, 11, "log.format", `invalid value "xml"; expected one of: text, json`},
	})
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		env   map[string]string
		wants []want
	}{{
		name:  "syntax error",
		src:   "projects:\n  - name: api\n    aliases: [backend\n",
		wants: []want{{3, 0, "", "invalid YAML: did not find expected ',' or ']'"}},
	}, {
		name:  "syntax error in a block",
		src:   "agency:\n  name: a\n   b: 2\n",
		wants: []want{{3, 0, "", "invalid YAML: mapping values are not allowed in this context"}},
	}, {
		name:  "unknown anchor",
		src:   "agency:\n  name: a\nprojects:\n  - *api\n",
		wants: []want{{4, 5, "", "invalid YAML: unknown anchor 'api' referenced"}},
	}, {
		name:  "tab indentation",
		src:   "projects:\n\t- name: api\n",
		wants: []want{{2, 0, "", "invalid YAML: found character that cannot start any token"}},
	}, {
		name:  "second document",
		src:   "projects: [{name: api}]\n---\nprojects: [{name: web}]\n",
		wants: []want{{2, 0, "", "a second YAML document"}},
	}, {
		name:  "top level is a list",
		src:   "- name: api\n",
		wants: []want{{1, 1, "", "expected a mapping (key: value lines), got a list"}},
	}, {
		name: "duplicate key",
		src:  "agency:\n  name: a\n  name: b\n",
		wants: []want{
			{3, 3, "agency.name", `duplicate key "name" (first at line 2)`},
		},
	}, {
		name: "wrong kinds",
		src:  "agency: acme\nprojects:\n  - name: [api]\n    aliases: backend\n    zero_downtime: maybe\n",
		wants: []want{
			{1, 9, "agency", `expected a mapping (key: value lines), got the string "acme"`},
			{3, 11, "projects[0].name", "expected a string, got a list"},
			{4, 14, "projects[0].aliases", "expected a list, got the string \"backend\"; write [backend] for a list of one"},
			{5, 20, "projects[0].zero_downtime", `expected true or false, got "maybe"`},
		},
	}, {
		name: "not a number",
		src: `projects:
  - name: api
    environments:
      - name: production
        health_checks: [{url: "https://x.example", expect_status: ok}]
        monitoring: {prometheus_url: "http://p:9090", max_error_rate: lots}
`,
		wants: []want{
			{5, 67, "projects[0].environments[0].health_checks[0].expect_status", `expected a whole number, got "ok"`},
			{6, 71, "projects[0].environments[0].monitoring.max_error_rate", `expected a number, got "lots"`},
		},
	}, {
		name: "project names and aliases",
		src: `projects:
  - name: api
    aliases: [backend, Backend, api]
  - name: API
  - aliases: [orphan]
  - name: "my app"
`,
		wants: []want{
			{3, 24, "projects[0].aliases[1]", `duplicate alias "Backend" (first at line 3)`},
			{3, 33, "projects[0].aliases[2]", `alias "api" repeats the project name`},
			{4, 11, "projects[1].name", `duplicate project name "API" (first at line 2)`},
			{5, 5, "projects[2].name", "name is required"},
			{6, 11, "projects[3].name", `invalid name "my app"`},
		},
	}, {
		name: "environments of a project",
		src: `projects:
  - name: api
    environments:
      - url: https://api.example.com
      - name: UAT
      - name: production
        approval: named
`,
		wants: []want{
			{4, 9, "projects[0].environments[0].name", "name is required"},
			{5, 15, "projects[0].environments[1].name", `invalid environment name "UAT"`},
			{7, 19, "projects[0].environments[2].approval", `approval "named" needs approvers: list them in access.production.approve`},
		},
	}, {
		name: "abbreviated environment names",
		src:  "agency: {environments: [stage, production]}\nprojects:\n  - name: api\n    environments: [staging, prod]\n",
		wants: []want{
			{1, 25, "agency.environments[0]", `environment "stage": use the canonical name "staging"`},
			{4, 29, "projects[0].environments[1].name", `environment "prod": use the canonical name "production"`},
		},
	}, {
		name: "named approval at agency level is reported once",
		src:  "agency: {approval: named}\nprojects: [{name: api}, {name: web}]\n",
		wants: []want{
			{1, 20, "agency.approval", `approval "named" needs approvers`},
		},
	}, {
		name: "zero downtime with the agency's recreate",
		src:  "agency: {default_strategy: recreate}\nprojects:\n  - name: api\n    zero_downtime: true\n",
		wants: []want{
			{4, 20, "projects[0].zero_downtime", "the agency's default_strategy is recreate"},
		},
	}, {
		name: "executors",
		src: `projects:
  - name: api
    environments:
      - name: staging
        executor: {command: [x]}
      - name: production
        executor: {type: webhook, url: "https://hooks.example", method: GET, workflow: deploy.yml}
      - name: uat
        executor: {type: github-actions, workflow: deploy.yml, api_url: "ghe.example"}
`,
		wants: []want{
			{5, 19, "projects[0].environments[0].executor.type", "type is required; expected one of: shell, webhook, github-actions"},
			{7, 73, "projects[0].environments[1].executor.method", `invalid value "GET"; expected one of: POST, PUT`},
			{7, 78, "projects[0].environments[1].executor.workflow", "workflow is not used by executor type webhook"},
			{9, 19, "projects[0].environments[2].executor.repository", "repository is required"},
			{9, 73, "projects[0].environments[2].executor.api_url", `invalid URL "ghe.example"`},
		},
	}, {
		name: "checks and monitoring",
		src: `projects:
  - name: api
    environments:
      - name: production
        health_checks: [{expect_status: 200}]
        smoke_tests: [{name: home, url: "/"}]
        monitoring: {prometheus_url: "http://p:9090", max_error_rate: 2, window: -1m}
`,
		wants: []want{
			{5, 25, "projects[0].environments[0].health_checks[0].url", "url is required"},
			{6, 41, "projects[0].environments[0].smoke_tests[0].url", `invalid URL "/"`},
			{7, 71, "projects[0].environments[0].monitoring.max_error_rate", "invalid error rate 2"},
			{7, 82, "projects[0].environments[0].monitoring.window", "must not be negative"},
		},
	}, {
		name: "freezes, access and reminders name what exists",
		src: `freezes:
  - {from: 2026-12-20, to: 2026-12-24, projects: [bakend]}
  - {to: 2026-12-24}
access:
  production: {deploy: [alice, ""]}
projects: [{name: api, aliases: [backend]}]
reminders:
  - {cron: "@weekly", channel: "#d", kind: freezes, project: web}
  - {cron: "TZ=Mars/Base 0 9 * * *", channel: "#d", kind: freezes}
  - {cron: "0 9 * *", channel: "#d", kind: freezes}
`,
		wants: []want{
			{2, 51, "freezes[0].projects[0]", `unknown project "bakend"; did you mean "backend"?`},
			{3, 5, "freezes[1].from", "from is required (YYYY-MM-DD)"},
			{5, 32, "access.production.deploy[1]", "empty name"},
			{8, 62, "reminders[0].project", `unknown project "web"; expected one of: api, backend`},
			{9, 12, "reminders[1].cron", "unknown time zone Mars/Base"},
			{10, 12, "reminders[2].cron", "has 4 fields; expected 5"},
		},
	}, {
		name: "unknown keys with and without suggestion",
		src: `agency:
  timezon: Europe/Paris
  colour: blue
slak: {mode: socket}
projects:
  - name: api
    environments:
      - name: production
        executor: {type: shell, comand: [x], command: [y]}
`,
		wants: []want{
			{2, 3, "agency.timezon", `unknown key "timezon"; did you mean "timezone"? expected one of: name, timezone, holidays,`},
			{3, 3, "agency.colour", `unknown key "colour"; expected one of: name, timezone,`},
			{4, 1, "slak", `unknown key "slak"; did you mean "slack"? expected one of: agency, windows, freezes, access, projects, slack, http, llm, reminders, log`},
			{9, 33, "projects[0].environments[0].executor.comand", `did you mean "command"?`},
		},
	}, {
		name: "unknown key brought in by a merge key",
		src: `x: &defaults {strategy: canary, stratgy: canary}
projects:
  - <<: *defaults
    name: api
`,
		wants: []want{
			{1, 1, "x", `unknown key "x"`},
			{1, 33, "projects[0].stratgy", `unknown key "stratgy"; did you mean "strategy"?`},
		},
	}, {
		name: "merge key cycle",
		src:  "projects:\n  - &p {<<: *p, name: x}\n",
		wants: []want{
			{2, 5, "projects[0]", "a merge key (<<) includes the mapping it is in"},
		},
	}, {
		name: "alias used where another type is expected",
		src:  "agency:\n  name: &n {a: 1}\nprojects:\n  - name: api\n    aliases: *n\n",
		wants: []want{
			{2, 9, "agency.name", "expected a string, got a mapping"},
			{5, 14, "projects[0].aliases", "expected a list, got a mapping"},
		},
	}, {
		name: "required variable",
		src:  "slack:\n  bot_token: ${SLACK_BOT_TOKEN:?create the Slack app first}\n  app_token: ${BROKEN\n",
		wants: []want{
			{2, 14, "slack.bot_token", "environment variable SLACK_BOT_TOKEN is not set: create the Slack app first"},
			{3, 14, "slack.app_token", "unterminated ${"},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(t, tt.src, "test.yaml", env(tt.env))
			checkProblems(t, got, tt.wants)
		})
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    config.Problem
		want string
	}{
		{config.Problem{Line: 12, Column: 5, Path: "projects[0].stratgy", Message: "unknown key"}, "12:5: projects[0].stratgy: unknown key"},
		{config.Problem{Line: 3, Message: "invalid YAML: x"}, "3: invalid YAML: x"},
		{config.Problem{Path: "agency", Message: "m"}, "agency: m"},
		{config.Problem{Message: "m"}, "m"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestValidationErrorFormat(t *testing.T) {
	err := &config.ValidationError{Name: "deploybot.yaml", Problems: []config.Problem{
		{Line: 4, Column: 13, Path: "agency.timezone", Message: "invalid timezone"},
		{Line: 9, Column: 5, Path: "projects[0].stratgy", Message: `unknown key "stratgy"`},
		{Line: 2, Message: "invalid YAML: bad"},
		{Message: "no position"},
	}}
	want := `deploybot.yaml:4:13: agency.timezone: invalid timezone
deploybot.yaml:9:5: projects[0].stratgy: unknown key "stratgy"
deploybot.yaml:2: invalid YAML: bad
deploybot.yaml: no position`
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}

	// The same format comes out of a real file, one line per problem.
	_, perr := config.ParseWith([]byte("agency:\n  languge: fr\nlog: {level: loud}\n"), "f.yaml", noEnv)
	wantLines := []string{
		`f.yaml:2:3: agency.languge: unknown key "languge"; did you mean "language"? expected one of: name, timezone, holidays, language, default_strategy, pipeline, approval, approval_timeout, confirm_timeout, min_cert_days, lock_after_rollback, confirm, checklist_skip, environments, smoke_tests, admins`,
		`f.yaml:3:14: log.level: invalid value "loud"; expected one of: debug, info, warn, error`,
	}
	if perr == nil || perr.Error() != strings.Join(wantLines, "\n") {
		t.Errorf("Error() =\n%v\nwant\n%s", perr, strings.Join(wantLines, "\n"))
	}
}

func TestAliasBomb(t *testing.T) {
	// Each level of aliases multiplies the values to walk by 100.
	many := func(alias string) string { return strings.TrimSuffix(strings.Repeat(alias+", ", 99), ", ") }
	src := "projects:\n  - name: api\n    environments:\n" +
		"      - &e {name: staging, executor: {type: shell, command: &c [" + strings.TrimSuffix(strings.Repeat("x, ", 100), ", ") + "]}}\n" +
		"      - {name: production, executor: {type: shell, command: *c}}\n" +
		"  - &w {name: web, environments: [" + many("*e") + "]}\n" +
		strings.Repeat("  - *w\n", 99)
	got := problems(t, src, "bomb.yaml", noEnv)
	last := got[len(got)-1]
	if !strings.Contains(last.Message, "too large once aliases are expanded") {
		t.Errorf("last problem = %v, want the alias bomb stopped", last.Error())
	}
}
