package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
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

// runbookTemplate is parsed at the first runbook, not at every start of
// every command (62 KB and a thousand allocations at init; issue 19).
var runbookTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("runbook.md.tmpl").Funcs(template.FuncMap{
		"t": func(l deploybot.Lang, fr, en string) string { return l.Pick(fr, en) },
		"c": func(l deploybot.Lang) string { return l.Pick(" : ", ": ") }, // each language's colon
		"indent": func(s string) string {
			return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
		},
	}).ParseFS(runbookFiles, "runbook/runbook.md.tmpl"))
})

// Runbook renders a project environment's rollback runbook, in Markdown.
func Runbook(d RunbookData) (string, error) {
	var b bytes.Buffer
	if err := runbookTemplate().Execute(&b, d); err != nil {
		return "", fmt.Errorf("prompts: runbook: %w", err)
	}
	return b.String(), nil
}
