package config_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"deploybot/config"
)

func TestEnvExpansion(t *testing.T) {
	vars := map[string]string{"NAME": "Acme", "EMPTY": "", "HOME": "/home/bot"}
	tests := []struct {
		value    string // written in single quotes after "name: "
		want     string
		warnings []string // unset variables
	}{
		{"${NAME}", "Acme", nil},
		{"$NAME Web", "Acme Web", nil},
		{"${NAME}-web", "Acme-web", nil},
		{"$NAME_X", "", []string{"NAME_X"}},
		{"${MISSING}", "", []string{"MISSING"}},
		{"${MISSING:-Default Co}", "Default Co", nil},
		{"${EMPTY:-fallback}", "fallback", nil},
		{"${EMPTY-fallback}", "", nil},
		{"${MISSING-fallback}", "fallback", nil},
		{"${NAME:?needed}", "Acme", nil},
		{"costs $$5 and $5", "costs $5 and $5", nil},
		{"$$HOME", "$HOME", nil},
		{"a $ alone", "a $ alone", nil},
		{"no variables", "no variables", nil},
		{"${HOME}/${NAME}", "/home/bot/Acme", nil},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			src := "agency:\n  name: '" + tt.value + "'\n"
			cfg, err := config.ParseWith([]byte(src), "env.yaml", env(vars))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Agency.Name != tt.want {
				t.Errorf("name = %q, want %q", cfg.Agency.Name, tt.want)
			}
			var unset []string
			for _, w := range cfg.Warnings {
				if w.Line != 2 || w.Column != 9 || w.Path != "agency.name" {
					t.Errorf("warning at %s", w.Error())
				}
				name, _, _ := strings.Cut(strings.TrimPrefix(w.Message, "environment variable "), " ")
				unset = append(unset, name)
			}
			if !slices.Equal(unset, tt.warnings) {
				t.Errorf("unset variables %q, want %q", unset, tt.warnings)
			}
		})
	}
}

func TestEnvExpansionAfterParsing(t *testing.T) {
	vars := map[string]string{
		"STATUS":   "204",
		"ZERO":     "yes",
		"TIMEOUT":  "90s",
		"INJECT":   "x\nprojects: []\nlog: {level: debug}",
		"TOKEN":    "s3cr3t",
		"VERSION":  "should-not-appear",
		"KEY_NAME": "renamed",
		"RATE":     "0.01",
	}
	src := `# Expansion applies to values after parsing.
agency:
  name: ${INJECT}
projects:
  - name: api
    zero_downtime: ${ZERO}
    environments:
      - name: production
        executor:
          type: shell
          command: ["sh", "-c", "deploy $VERSION ${VERSION}"]
          env: {TOKEN: $TOKEN, $KEY_NAME: kept}
          timeout: ${TIMEOUT}
        health_checks: [{url: "https://api.example.com/${TOKEN}", expect_status: "${STATUS}"}]
        monitoring: {prometheus_url: "http://p:9090", max_error_rate: $RATE}
`
	cfg, err := config.ParseWith([]byte(src), "env.yaml", env(vars))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := cfg.Project("api")
	e, _ := p.Environment("production")
	checks := []struct {
		name      string
		got, want any
	}{
		{"a value cannot inject YAML", cfg.Agency.Name, vars["INJECT"]},
		{"injected keys are not read", cfg.Log.Level, "info"},
		{"bool from the environment", p.ZeroDowntime, true},
		{"command is not expanded", strings.Join(e.Executor.Command, " "), "sh -c deploy $VERSION ${VERSION}"},
		{"map values are expanded", e.Executor.Env["TOKEN"], "s3cr3t"},
		{"map keys are not expanded", e.Executor.Env["$KEY_NAME"], "kept"},
		{"duration from the environment", e.Executor.Timeout, 90 * time.Second},
		{"int from the environment", e.HealthChecks[0].ExpectStatus, 204},
		{"inside a URL", e.HealthChecks[0].URL, "https://api.example.com/s3cr3t"},
		{"float from the environment", e.Monitoring.MaxErrorRate, 0.01},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %v", cfg.Warnings)
	}
}

func TestEnvExpansionEmptyTypedValueKeepsDefault(t *testing.T) {
	src := "llm:\n  timeout: ${LLM_TIMEOUT:-}\nprojects:\n  - name: api\n    zero_downtime: $UNSET\n" +
		"    environments:\n      - name: production\n        monitoring: {prometheus_url: \"http://p:9090\", max_error_rate: \"${RATE:-}\"}\n"
	cfg, err := config.ParseWith([]byte(src), "env.yaml", noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.LLM.Timeout != 30*time.Second {
		t.Errorf("llm.timeout = %v, want the default 30s", cfg.LLM.Timeout)
	}
	p, _ := cfg.Project("api")
	if got := p.Environments[0].Monitoring.MaxErrorRate; got != 0.001 {
		t.Errorf("max_error_rate = %v, want the default 0.001", got)
	}
	if len(cfg.Warnings) != 1 || cfg.Warnings[0].Line != 5 || !strings.Contains(cfg.Warnings[0].Message, "UNSET is not set") {
		t.Errorf("warnings = %v, want one for UNSET at line 5", cfg.Warnings)
	}
}
