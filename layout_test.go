package deploybot_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestImportRules enforces the dependency direction: the domain imports no
// project package; pure packages import only the domain; adapters never
// import each other; router and agents never reach an adapter.
func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}: {{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, ": ")
		if pkg == "deploybot" || strings.HasPrefix(pkg, "deploybot/") {
			for _, d := range strings.Fields(deps) {
				if d == "deploybot" || strings.HasPrefix(d, "deploybot/") {
					imports[pkg] = append(imports[pkg], d)
				}
			}
		}
	}
	allowed := map[string][]string{
		"deploybot":                      {},
		"deploybot/policy":               {"deploybot"},
		"deploybot/prompts":              {"deploybot"},
		"deploybot/router":               {"deploybot", "deploybot/deploy/safe"}, // the one definition of a valid version
		"deploybot/process":              {"deploybot"},
		"deploybot/settings":             {"deploybot", "deploybot/config", "deploybot/policy"}, // the one resolver; imported only by cmd
		"deploybot/store":                {"deploybot"},
		"deploybot/store/storetest":      {"deploybot", "deploybot/store"}, // the store's contract suite
		"deploybot/terminal":             {"deploybot"},
		"deploybot/config":               {"deploybot", "deploybot/policy"},
		"deploybot/agents":               {"deploybot", "deploybot/deploy", "deploybot/dora", "deploybot/policy", "deploybot/prompts", "deploybot/router"}, // dora: the chat's "dora [PROJECT]"
		"deploybot/deploy":               {"deploybot", "deploybot/deploy/safe", "deploybot/policy"},
		"deploybot/probe":                {"deploybot"},
		"deploybot/prometheus":           {"deploybot"},
		"deploybot/changelog":            {"deploybot", "deploybot/githubapi"},
		"deploybot/githubapi":            {}, // a client of GitHub's REST calls the product makes, in place of go-github: no project import
		"deploybot/deploy/safe":          {"deploybot"},
		"deploybot/deploy/shell":         {"deploybot", "deploybot/deploy/deadline", "deploybot/deploy/safe", "deploybot/process"},
		"deploybot/deploy/webhook":       {"deploybot", "deploybot/deploy/deadline", "deploybot/deploy/safe"},
		"deploybot/deploy/githubactions": {"deploybot", "deploybot/deploy/deadline", "deploybot/deploy/safe", "deploybot/githubapi"},
		"deploybot/deploy/deploytest":    {"deploybot", "deploybot/deploy/deadline", "deploybot/deploy/safe"},
		"deploybot/deploy/gitlabci":      {"deploybot", "deploybot/deploy/deadline", "deploybot/deploy/safe"},
		"deploybot/deploy/argocd":        {"deploybot", "deploybot/deploy/deadline", "deploybot/deploy/safe"},
		"deploybot/schedule":             {"deploybot", "deploybot/policy"},
		"deploybot/slack":                {"deploybot"},
		"deploybot/llm":                  {"deploybot"}, // LLM mode (issue 7): an adapter, like slack
		"deploybot/telemetry":            {"deploybot"},
		"deploybot/dora":                 {"deploybot"},                   // the DORA figures: pure
		"deploybot/web":                  {"deploybot", "deploybot/dora"}, // pages and API: an adapter like slack
		"deploybot/cmd/deploybot":        nil,                             // wires everything
		"deploybot/bench":                {"deploybot/slack/slackfake"},   // the measuring tool: the real binary, a Slack stand-in
	}
	for pkg, deps := range imports {
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s has no import rule: add it to this test", pkg)
			continue
		}
		if ok == nil {
			continue
		}
		for _, d := range deps {
			if !slices.Contains(ok, d) {
				t.Errorf("%s imports %s", pkg, d)
			}
		}
	}
}
