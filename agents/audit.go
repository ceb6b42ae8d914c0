package agents

import (
	"context"
	"fmt"
	"strings"
	"time"

	"deploybot"
)

// AuditReader reads the audit trail back. The store implements it.
type AuditReader interface {
	AuditEvents(ctx context.Context, f deploybot.AuditFilter) ([]deploybot.AuditEvent, error)
}

// auditCommand answers "audit shop", "qui a changé l'approbation de shop
// ?", "what changed this week?" from the audit trail: the decisions
// (settings, deployments, locks, freezes), with who and when. It reports
// false when text is none of them.
func (o *Orchestrator) auditCommand(ctx context.Context, l deploybot.Lang, req deploybot.Request) (deploybot.Reply, error) {
	reader, ok := o.Audit.(AuditReader)
	if !ok {
		return deploybot.Reply{Lang: l, Text: l.Pick("Le journal n'est pas lisible ici.", "The audit trail cannot be read here.")}, nil
	}
	f := deploybot.AuditFilter{Kinds: []string{"setting", "deployment", "lock", "freeze"}, Limit: 15, Project: req.App}
	title := l.Pick("Journal", "Audit") + optionalText(" ", f.Project)
	if req.Arg("key") != "" {
		// "who changed the strategy of api?", "qui a changé
		// l'approbation cette semaine ?": that setting's changes, of the
		// project named or of every scope.
		f.Kinds, f.Key = []string{"setting"}, req.Arg("key")
		title = fmt.Sprintf(l.Pick("Qui a changé %s", "Who changed %s"), label(l, f.Key)) + optionalText(l.Pick(" de ", " of "), req.App)
	}
	if req.Arg("since") != "" {
		now := o.now().In(o.location())
		switch req.Arg("since") {
		case "today":
			f.Since = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		case "month":
			f.Since = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
		default:
			f.Since = now.AddDate(0, 0, -7)
		}
		if f.Key == "" {
			f.Kinds = []string{"setting", "deployment", "freeze"}
			title = l.Pick("Changements depuis le ", "Changes since ") + f.Since.Format("2006-01-02")
		} else {
			title += l.Pick(" depuis le ", " since ") + f.Since.Format("2006-01-02")
		}
	}
	events, err := reader.AuditEvents(ctx, f)
	if err != nil {
		return deploybot.Reply{}, err
	}
	r := deploybot.Reply{Lang: l, Title: title}
	if len(events) == 0 {
		if f.Key != "" {
			s, err := o.Settings.Resolve(ctx, f.Project, "", f.Key)
			if err == nil {
				r.Text = fmt.Sprintf(l.Pick("Personne ne l'a changé par chat : %s = %s (%s).", "Nobody changed it by chat: %s = %s (%s)."),
					label(l, f.Key), showValue(l, f.Key, s.Value), s.Provenance(l, o.location()))
				return r, nil
			}
		}
		r.Text = l.Pick("Rien dans le journal.", "Nothing in the audit trail.")
		return r, nil
	}
	for _, e := range events {
		who := e.Name
		if who == "" {
			who = holderName(l, e.Actor)
		}
		scope := e.Project
		if e.Env != "" {
			scope += "/" + e.Env
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: e.At.In(o.location()).Format("02/01 15:04"),
			Value: strings.TrimSpace(fmt.Sprintf("%s %s — %s%s", who, optionalText("", scope), auditWhat(l, e.What), optionalText(" — ", auditDetail(l, e.Detail))))})
	}
	r.Note = l.Pick("Le journal complet : deploybot audit [--since 7d] [--project P] [--user U] [--format table|jsonl|csv]",
		"The whole trail: deploybot audit [--since 7d] [--project P] [--user U] [--format table|jsonl|csv]")
	return r, nil
}
