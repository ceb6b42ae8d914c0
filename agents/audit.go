package agents

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"deploybot"
)

// AuditReader reads the audit trail back. The store implements it.
type AuditReader interface {
	AuditEvents(ctx context.Context, f deploybot.AuditFilter) ([]deploybot.AuditEvent, error)
}

var (
	auditRe       = regexp.MustCompile(`^(?:audit|journal|historique des changements)(?:\s+(?:de\s+|du\s+|of\s+|for\s+)?(\S+))?$`)
	whoChangedRe  = regexp.MustCompile(`^(?:qui a (?:change|modifie)|who (?:changed|set|modified))\s+(?:l\s+|la\s+|le\s+|les\s+|the\s+)?(.+?)\s+(?:de|du|of|for|pour)\s+(?:l\s+|la\s+|le\s+)?(?:projet\s+|project\s+)?(\S+)$`)
	whatChangedRe = regexp.MustCompile(`^(?:what (?:has )?changed|qu est-?\s?ce qui a change|quels changements|what changes)(?:\s+(this week|today|cette semaine|aujourd hui|ce mois|this month))?$`)
)

// auditCommand answers "audit shop", "qui a changé l'approbation de shop
// ?", "what changed this week?" from the audit trail: the decisions
// (settings, deployments, locks, freezes), with who and when. It reports
// false when text is none of them.
func (o *Orchestrator) auditCommand(ctx context.Context, msg deploybot.Message, l deploybot.Lang) (deploybot.Reply, bool, error) {
	reader, ok := o.Audit.(AuditReader)
	if !ok {
		return deploybot.Reply{}, false, nil
	}
	line := strings.Trim(foldLine(msg.Text), " ?")
	f := deploybot.AuditFilter{Kinds: []string{"setting", "deployment", "lock", "freeze"}, Limit: 15}
	title := ""
	switch {
	case auditRe.MatchString(line):
		m := auditRe.FindStringSubmatch(line)
		if m[1] != "" {
			p, ok := o.project(m[1])
			if !ok {
				return o.unknownProject(l, m[1]), true, nil
			}
			f.Project = p.Name
		}
		title = l.Pick("Journal", "Audit") + optionalText(" ", f.Project)
	case whoChangedRe.MatchString(line):
		m := whoChangedRe.FindStringSubmatch(line)
		k, ok := matchKey(m[1])
		if !ok {
			return deploybot.Reply{}, false, nil
		}
		p, ok := o.project(m[2])
		if !ok {
			return o.unknownProject(l, m[2]), true, nil
		}
		f.Kinds, f.Key, f.Project = []string{"setting"}, k.key, p.Name
		title = fmt.Sprintf(l.Pick("Qui a changé %s de %s", "Who changed %s of %s"), label(l, k.key), p.Name)
	case whatChangedRe.MatchString(line):
		m := whatChangedRe.FindStringSubmatch(line)
		now := o.now().In(o.location())
		switch m[1] {
		case "today", "aujourd hui":
			f.Since = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
		case "this month", "ce mois":
			f.Since = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
		default:
			f.Since = now.AddDate(0, 0, -7)
		}
		f.Kinds = []string{"setting", "deployment", "freeze"}
		title = l.Pick("Changements depuis le ", "Changes since ") + f.Since.Format("2006-01-02")
	default:
		return deploybot.Reply{}, false, nil
	}
	commandIs(ctx, "audit")
	events, err := reader.AuditEvents(ctx, f)
	if err != nil {
		return deploybot.Reply{}, true, err
	}
	r := deploybot.Reply{Lang: l, Title: title}
	if len(events) == 0 {
		if f.Key != "" {
			s, err := o.Settings.Resolve(ctx, f.Project, "", f.Key)
			if err == nil {
				r.Text = fmt.Sprintf(l.Pick("Personne ne l'a changé par chat : %s = %s (%s).", "Nobody changed it by chat: %s = %s (%s)."),
					label(l, f.Key), s.Value, s.Provenance(l, o.location()))
				return r, true, nil
			}
		}
		r.Text = l.Pick("Rien dans le journal.", "Nothing in the audit trail.")
		return r, true, nil
	}
	for _, e := range events {
		who := e.Name
		if who == "" {
			who = e.Actor
		}
		scope := e.Project
		if e.Env != "" {
			scope += "/" + e.Env
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: e.At.In(o.location()).Format("02/01 15:04"),
			Value: strings.TrimSpace(fmt.Sprintf("%s %s — %s%s", who, optionalText("", scope), e.What, optionalText(" — ", e.Detail)))})
	}
	r.Note = l.Pick("Le journal complet : deploybot audit [--since 7d] [--project P] [--user U] [--format table|jsonl|csv]",
		"The whole trail: deploybot audit [--since 7d] [--project P] [--user U] [--format table|jsonl|csv]")
	return r, true, nil
}
