package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"text/template"

	"deploybot"
)

//go:embed runbook/*.tmpl
var runbookFiles embed.FS

// RunbookData is what the rollback runbook template reads.
type RunbookData struct {
	Lang                                   deploybot.Lang
	Project, Env, Now                      string
	Monitored                              bool
	Window, MaxErrorRate, MaxLatency       string
	ThresholdsFrom                         string
	AutoRollback                           bool
	AutoRollbackFrom                       string
	Executor                               string
	Strategy, StrategyFrom, StrategyNote   string
	Procedure, Migrations                  string
	Target, Current, TargetAt, Bad         string
	Rollbackers, RollbackApproval, Channel string
	LastDrill, DrillEnv                    string
}

var runbookTemplate = template.Must(template.New("runbook.md.tmpl").Funcs(template.FuncMap{
	"t": func(l deploybot.Lang, fr, en string) string { return l.Pick(fr, en) },
	"c": func(l deploybot.Lang) string { return l.Pick(" : ", ": ") }, // each language's colon
	"indent": func(s string) string {
		return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
	},
}).ParseFS(runbookFiles, "runbook/runbook.md.tmpl"))

// Runbook renders a project environment's rollback runbook, in Markdown.
func Runbook(d RunbookData) (string, error) {
	var b bytes.Buffer
	if err := runbookTemplate.Execute(&b, d); err != nil {
		return "", fmt.Errorf("prompts: runbook: %w", err)
	}
	return b.String(), nil
}
