package agents

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"deploybot"
	"deploybot/deploy"
	"deploybot/policy"
	"deploybot/router"
)

// Settle waits for the deployments started by messages so far to run and be
// verified, so that a scripted chat reads its next line after their outcome.
func (o *Orchestrator) Settle(ctx context.Context) error {
	if o.Deploys == nil {
		return nil
	}
	return o.Deploys.Settle(ctx)
}

// flags are the strict options of a deploy order.
type flags struct {
	yes         bool   // --yes: skip the confirmation
	wait        bool   // --wait: wait in line for a locked environment
	force       bool   // --force "reason": break glass
	forceReason string //
}

var forceRe = regexp.MustCompile(`\s--force(?:[= ]+(?:"([^"]*)"|'([^']*)'|(\S+)))?`)

// parseFlags strips --yes and --force "reason" from text.
func parseFlags(text string) (string, flags) {
	var f flags
	if m := forceRe.FindStringSubmatch(text); m != nil {
		f.force, f.forceReason = true, m[1]+m[2]+m[3]
		text = forceRe.ReplaceAllString(text, " ")
	}
	if strings.Contains(text, " --wait") {
		f.wait = true
		text = strings.ReplaceAll(text, " --wait", "")
	}
	for _, y := range []string{"--yes", "-y"} {
		if strings.HasSuffix(strings.TrimSpace(text), " "+y) {
			f.yes = true
			text = strings.TrimSuffix(strings.TrimSpace(text), y)
		}
	}
	return strings.TrimSpace(text), f
}

// badVersion finds a word that holds shell syntax ("v1;rm", "$(id)",
// "1.2`x`") or starts like a version but holds characters no version has:
// such a request is refused whole, before anything is planned.
func badVersion(text string) (string, bool) {
	for _, w := range strings.Fields(text) {
		if strings.ContainsAny(w, ";|&$`<>\\") {
			return w, true
		}
		w = strings.TrimRight(w, ",.!?)")
		if w == "" || !(w[0] >= '0' && w[0] <= '9' || (w[0] == 'v' || w[0] == 'V') && len(w) > 1 && w[1] >= '0' && w[1] <= '9') {
			continue
		}
		for _, r := range w {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._+-/", r)) {
				return w, true
			}
		}
	}
	return "", false
}

// Chat commands of deployments, matched on folded text.
var (
	confirmWords = map[string]bool{"oui": true, "yes": true, "go": true, "confirm": true, "confirme": true, "ok": true,
		"vas-y": true, "vas y": true, "y": true, "yep": true, "c est parti": true, "let s go": true, "lets go": true}
	frenchAnswers = map[string]bool{"oui": true, "non": true, "vas-y": true, "vas y": true, "confirme": true, "annule": true, "c est parti": true}
	declineWords  = map[string]bool{"non": true, "no": true, "annule": true, "cancel": true, "n": true, "nope": true}
	approveRe     = regexp.MustCompile(`^(?:approve|approuve|j approuve|lgtm|valide|je valide)(?:\s+(?:le\s+|deployment\s+|deploiement\s+)?#?(\d+))?$`)
	denyRe        = regexp.MustCompile(`^(?:deny|refuse|rejette|reject|je refuse)(?:\s+(?:le\s+)?#?(\d+))?(?:\s+(.*))?$`)
	tickRe        = regexp.MustCompile(`^(?:tick|coche|check)\s+(?:le\s+)?#?(\d+)\s+(.+)$`)
	confirmIDRe   = regexp.MustCompile(`^(?:confirm|confirme|yes|oui)\s+(?:le\s+)?#?(\d+)$`)
	cancelRe      = regexp.MustCompile(`^(?:cancel|annule)\s+(?:le\s+)?#?(\d+)$`)
	pendingRe     = regexp.MustCompile(`^(?:pending|approvals|pending approvals|en attente|approbations(?:\s+en\s+attente)?|qu est-?\s?ce qui attend(?: mon approbation)?)$`)
	historyRe     = regexp.MustCompile(`^(?:history|historique)(?:\s+(?:de\s+|du\s+|of\s+)?(\S+))?(?:\s+(?:en\s+|in\s+|on\s+)?(\S+))?$`)
	statusRe      = regexp.MustCompile(`^(?:status|statut|etat)(?:\s+(?:de\s+|du\s+|of\s+)?(\S+))?$`)
	whatRunsRe    = regexp.MustCompile(`^(?:qu est-?\s?ce qui (?:tourne|est deploye|est en ligne)|quelle version (?:tourne|est deployee|est en prod)|what s (?:running|deployed|in prod|in production|live)|what is (?:running|deployed|live)|which version (?:is|runs))\b`)
	lockRe        = regexp.MustCompile(`^(lock|verrouille|unlock|deverrouille)\s+(\S+)\s+(\S+)(?:\s.*)?$`)
	freezeRe      = regexp.MustCompile(`^(?:gel|gele|freeze)\b(.*)$`)
	outcomeRe     = regexp.MustCompile(`^(?:outcome|issue)\s+(?:du\s+|of\s+)?#?(\d+)\s+(succeeded|success|ok|done|failed|failure|ko|reussi|succes|echoue|echec)\b`)
	listFreezesRe = regexp.MustCompile(`^(?:list freezes|freezes|show freezes|which freezes|what freezes|quels gels|quel gel|liste des gels|les gels|gels|gels en cours)(?: en cours| in force| now)?$`)
	unfreezeRe    = regexp.MustCompile(`^(?:unfreeze|degel|degele|leve le gel|lift the freeze)(?:\s+(?:de\s+|du\s+|of\s+)?(\S+))?$`)
)

// deployCommand handles the deployment commands that are not plain
// deploy or rollback orders: confirmations, approvals, status, history,
// locks and freezes. It reports false when text is none of them.
func (o *Orchestrator) deployCommand(ctx context.Context, msg deploybot.Message, l deploybot.Lang) (deploybot.Reply, bool, error) {
	line := foldLine(strings.ReplaceAll(msg.Text, "#", " #"))
	line = strings.ReplaceAll(line, " #", " ")
	raw := strings.TrimSpace(msg.Text)
	switch {
	case confirmWords[line] || declineWords[line]:
		commandIs(ctx, "confirm")
		if frenchAnswers[line] {
			l = deploybot.French
		}
		d, ok, err := o.Deploys.AwaitingConfirmation(ctx, msg.User, msg.Channel, msg.Thread)
		if err != nil {
			return deploybot.Reply{}, true, err
		}
		if !ok {
			return deploybot.Reply{Lang: l, Text: l.Pick("Rien n'attend votre confirmation ici.", "Nothing here waits for your confirmation.")}, true, nil
		}
		if declineWords[line] {
			commandIs(ctx, "cancel")
			d, err := o.Deploys.Cancel(ctx, d.ID, msg.User)
			return o.outcome(l, d, err, l.Pick("Annulé : rien n'a été lancé.", "Cancelled: nothing ran.")), true, nil
		}
		d, err = o.Deploys.Confirm(ctx, d.ID, msg.User)
		return o.started(l, d, err), true, nil
	case confirmIDRe.MatchString(line):
		commandIs(ctx, "confirm")
		id, _ := strconv.ParseInt(confirmIDRe.FindStringSubmatch(line)[1], 10, 64)
		d, err := o.Deploys.Confirm(ctx, id, msg.User)
		return o.started(l, d, err), true, nil
	case tickRe.MatchString(line):
		commandIs(ctx, "tick")
		m := tickRe.FindStringSubmatch(line)
		id, _ := strconv.ParseInt(m[1], 10, 64)
		left, err := o.Deploys.Tick(ctx, id, msg.User, strings.Fields(m[2]))
		if err != nil {
			return o.outcome(l, deploybot.Deployment{}, err, ""), true, nil
		}
		if len(left) > 0 {
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Coché. Reste : %s.", "Ticked. Left: %s."), strings.Join(left, ", "))}, true, nil
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Checklist complète. Confirmez avec « oui » (ou « confirm %d »).",
			"Checklist complete. Confirm with \"yes\" (or \"confirm %d\")."), id)}, true, nil
	case approveRe.MatchString(line):
		commandIs(ctx, "approve")
		m := approveRe.FindStringSubmatch(line)
		id, _ := strconv.ParseInt(m[1], 10, 64)
		d, err := o.Deploys.Approve(ctx, id, msg.User)
		return o.started(l, d, err), true, nil
	case denyRe.MatchString(line):
		commandIs(ctx, "deny")
		m := denyRe.FindStringSubmatch(line)
		id, _ := strconv.ParseInt(m[1], 10, 64)
		d, err := o.Deploys.Deny(ctx, id, msg.User, m[2])
		return o.outcome(l, d, err, fmt.Sprintf(l.Pick("Déploiement #%d refusé.", "Deployment #%d denied."), d.ID)), true, nil
	case cancelRe.MatchString(line):
		commandIs(ctx, "cancel")
		id, _ := strconv.ParseInt(cancelRe.FindStringSubmatch(line)[1], 10, 64)
		d, err := o.Deploys.Cancel(ctx, id, msg.User)
		return o.outcome(l, d, err, fmt.Sprintf(l.Pick("Déploiement #%d annulé.", "Deployment #%d cancelled."), id)), true, nil
	case pendingRe.MatchString(line):
		commandIs(ctx, "pending")
		r, err := o.pending(ctx, l, msg.User)
		return r, true, err
	case historyRe.MatchString(line):
		commandIs(ctx, "history")
		m := historyRe.FindStringSubmatch(line)
		r, err := o.history(ctx, l, m[1], m[2])
		return r, true, err
	case statusRe.MatchString(line):
		commandIs(ctx, "status")
		r, err := o.status(ctx, l, statusRe.FindStringSubmatch(line)[1])
		return r, true, err
	case whatRunsRe.MatchString(line):
		commandIs(ctx, "status")
		project := ""
		for _, w := range strings.Fields(line) {
			if p, ok := o.project(w); ok {
				project = p.Name
			}
		}
		r, err := o.status(ctx, l, project)
		return r, true, err
	case lockRe.MatchString(line):
		commandIs(ctx, "lock")
		r, err := o.lockCommand(ctx, l, msg, raw, lockRe.FindStringSubmatch(line))
		return r, true, err
	case outcomeRe.MatchString(line):
		commandIs(ctx, "outcome")
		r, err := o.outcomeCommand(ctx, l, msg, raw, outcomeRe.FindStringSubmatch(line))
		return r, true, err
	case listFreezesRe.MatchString(strings.Trim(line, " ?")):
		commandIs(ctx, "list")
		return o.listFreezes(l), true, nil
	case unfreezeRe.MatchString(line):
		commandIs(ctx, "unfreeze")
		r, err := o.unfreeze(ctx, l, msg, unfreezeRe.FindStringSubmatch(line)[1])
		return r, true, err
	case freezeRe.MatchString(line) && isFreezeOrder(msg.Text, line):
		commandIs(ctx, "freeze")
		r, err := o.freeze(ctx, l, msg, freezeRe.FindStringSubmatch(line)[1])
		return r, true, err
	}
	return deploybot.Reply{}, false, nil
}

// userError turns a refusal into a reply; system failures stay errors.
func (o *Orchestrator) userError(l deploybot.Lang, err error) (deploybot.Reply, bool) {
	if deploybot.ErrorCode(err) == deploybot.EINTERNAL {
		return deploybot.Reply{}, false
	}
	return deploybot.Reply{Lang: l, Text: "❌ " + deploybot.ErrorMessageIn(err, l)}, true
}

func (o *Orchestrator) outcome(l deploybot.Lang, d deploybot.Deployment, err error, ok string) deploybot.Reply {
	if err != nil {
		if r, isUser := o.userError(l, err); isUser {
			return r
		}
		return deploybot.Reply{Lang: l, Text: l.Pick("Erreur interne : ", "Internal error: ") + err.Error()}
	}
	return deploybot.Reply{Lang: l, Text: ok}
}

// started says what happened after a confirmation or an approval.
func (o *Orchestrator) started(l deploybot.Lang, d deploybot.Deployment, err error) deploybot.Reply {
	if err != nil {
		return o.outcome(l, d, err, "")
	}
	what := fmt.Sprintf("%s %s %s → %s (#%d)", d.Action, d.Project, orDefault(d.Version, "?"), d.Env, d.ID)
	switch d.State {
	case deploybot.StateAwaitingApproval:
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"Confirmé : %s attend une approbation. Un approbateur répond « approve %d » (ou « deny %d »).",
			"Confirmed: %s waits for an approval. An approver answers \"approve %d\" (or \"deny %d\")."), what, d.ID, d.ID)}
	case deploybot.StateApproved:
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("%s attend son tour : l'environnement est verrouillé, je le lance dès qu'il se libère.",
			"%s waits its turn: the environment is locked; I start it as soon as it is free."), what)}
	case deploybot.StateRunning:
		by := ""
		if d.Approver != "" {
			by = l.Pick(", approuvé par ", ", approved by ") + d.Approver
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("C'est parti : %s est lancé%s.", "Go: %s started%s."), what, by)}
	}
	return deploybot.Reply{Lang: l, Text: what + ": " + string(d.State)}
}

// action answers a deploy or rollback order with its plan, or runs it at
// once with --yes.
func (o *Orchestrator) action(ctx context.Context, msg deploybot.Message, in deploybot.Intent, f flags) (deploybot.Reply, error) {
	l := in.Lang
	if in.BadVersion != "" {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"❌ « %s » n'est pas une version : nommez une version (v1.4.2, release-2024.11, un sha de commit), je n'en devine jamais. Rien n'a été lancé.",
			"❌ %q is not a version: name one (v1.4.2, release-2024.11, a commit sha); I never guess one. Nothing ran."), in.BadVersion)}, nil
	}
	if bad, ok := badVersion(msg.Text); ok {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"❌ « %s » n'est pas une version valide : lettres, chiffres, points et tirets seulement (v1.4.2, release-2024.11, un sha de commit). Rien n'a été lancé.",
			"❌ %q is not a valid version: letters, digits, dots and dashes only (v1.4.2, release-2024.11, a commit sha). Nothing ran."), bad)}, nil
	}
	if in.App == "" {
		return o.understood(in), nil
	}
	if in.Env == "" {
		return o.understood(in), nil
	}
	action := deploybot.ActionDeploy
	if in.Intent == deploybot.IntentRollback {
		action = deploybot.ActionRollback
	}
	p, err := o.Deploys.Plan(ctx, deploy.Request{Action: action, Project: in.App, Env: in.Env, Version: in.Version,
		Requester: msg.User, Force: f.force, Wait: f.wait, Reason: f.forceReason, Platform: msg.Platform, Channel: msg.Channel, Thread: msg.Thread, Lang: l,
		RequestKey: requestKey(msg)})
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	if p.Replayed && p.Deployment.State != deploybot.StateRequested && p.Deployment.State != deploybot.StateRejected {
		// The same message, handled again after a crash: say where its
		// deployment stands, start nothing.
		return o.started(l, p.Deployment, nil), nil
	}
	// agency.confirm: false (from the context layers) or SkipConfirmation
	// start a plan at once, unless the project asks for ticks or a model
	// chose the action (then the person always confirms).
	skip := o.SkipConfirmation || p.Target.Settings != nil && !p.Target.Confirm
	yes := f.yes || skip && !p.Target.TickChecklist && !o.alwaysConfirm
	r := o.renderPlan(l, p, !yes)
	if p.Deployment.State != deploybot.StateRequested || !yes {
		return r, nil
	}
	d, err := o.Deploys.Confirm(ctx, p.Deployment.ID, msg.User)
	s := o.started(l, d, err)
	r.Text += "\n\n" + s.Text
	r.Actions = nil
	return r, nil
}

// requestKey names the chat message that asks for a deployment, so that
// the message handled again (a crash, a retried delivery) plans once.
func requestKey(msg deploybot.Message) string {
	if msg.ID == "" {
		return ""
	}
	return string(msg.Platform) + ":" + msg.Channel + ":" + msg.ID
}

// renderPlan shows a plan: what, every policy result, the checklist and
// what is expected next.
func (o *Orchestrator) renderPlan(l deploybot.Lang, p deploy.Plan, ask bool) deploybot.Reply {
	d := p.Deployment
	verb := l.Pick("Déploiement", "Deploy")
	if d.Action == deploybot.ActionRollback {
		verb = "Rollback"
	}
	r := deploybot.Reply{Lang: l, Title: fmt.Sprintf("%s %s %s → %s (#%d)", verb, d.Project, orDefault(d.Version, "?"), d.Env, d.ID)}
	r.Fields = []deploybot.Field{
		{Label: l.Pick("projet", "project"), Value: d.Project},
		{Label: l.Pick("environnement", "environment"), Value: d.Env},
		{Label: "version", Value: orDefault(d.Version, l.Pick("non précisée", "not given"))},
		{Label: l.Pick("version actuelle", "current version"), Value: orDefault(d.Replaces, l.Pick("aucune connue", "none known"))},
		{Label: l.Pick("stratégie", "strategy"), Value: orDefault(string(d.Strategy), "-") + o.why(l, p.Target, deploybot.KeyStrategy)},
	}
	if d.Action == deploybot.ActionDeploy {
		// The version a rollback would go back to: one that was good
		// there, never "latest" nor a bad one.
		r.Fields = append(r.Fields, deploybot.Field{Label: l.Pick("rollback prêt vers", "ready to roll back to"),
			Value: orDefault(d.PreviousVersion, l.Pick("aucune version saine antérieure", "no earlier good version"))})
	}
	if p.Verdict.NeedsApproval() {
		who := l.Pick("une autre personne", "another person")
		if len(p.Target.Approvers) > 0 {
			who = strings.Join(p.Target.Approvers, ", ")
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: l.Pick("approbation", "approval"), Value: who})
	}
	var b strings.Builder
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "ℹ️ %s\n", l.Pick(n[0], n[1]))
	}
	if len(p.Notes) > 0 {
		b.WriteString("\n")
	}
	b.WriteString(l.Pick("*Règles* :\n", "*Rules*:\n"))
	if len(p.Verdict.Results) == 0 {
		b.WriteString(l.Pick("✅ aucune règle ne s'applique à cet environnement\n", "✅ no rule applies to this environment\n"))
	}
	for _, res := range p.Verdict.Results {
		icon := map[policy.Level]string{policy.Allow: "✅", policy.Warn: "⚠️", policy.NeedsApproval: "🔐", policy.Deny: "❌"}[res.Level]
		fmt.Fprintf(&b, "%s %s%s\n", icon, res.ReasonIn(l), o.why(l, p.Target, res.Rule))
	}
	if d.State == deploybot.StateRejected {
		b.WriteString(l.Pick("\n*Refusé* : rien n'a été lancé.", "\n*Refused*: nothing ran."))
		r.Text = b.String()
		return r
	}
	if d.Action == deploybot.ActionDeploy {
		b.WriteString(l.Pick("\n*Checklist* :\n", "\n*Checklist*:\n"))
		for _, it := range p.Checklist {
			mark := "☐"
			if it.Auto {
				mark = "❌"
				if it.OK {
					mark = "✅"
				}
			}
			label := it.Label[0]
			if l == deploybot.English {
				label = it.Label[1]
			}
			fmt.Fprintf(&b, "%s %s\n", mark, label)
		}
		if p.Target.TickChecklist {
			fmt.Fprintf(&b, l.Pick("Ce projet demande de cocher chaque case ☐ : « tick %d all » ou « tick %d tests review ... » (identifiants : %s)\n",
				"This project asks you to tick each ☐ item: \"tick %d all\" or \"tick %d tests review ...\" (ids: %s)\n"), d.ID, d.ID, manualIDs(p.Checklist))
		} else {
			b.WriteString(l.Pick("(les cases ☐ sont attestées par votre confirmation)\n", "(☐ items are attested by your confirmation)\n"))
		}
	} else if p.Target.RollbackProcedure != "" {
		fmt.Fprintf(&b, l.Pick("\n*Procédure de rollback* : %s\n", "\n*Rollback procedure*: %s\n"), p.Target.RollbackProcedure)
	}
	if !ask {
		r.Text = strings.TrimRight(b.String(), "\n")
		return r
	}
	mins := int(p.ExpiresAt.Sub(d.CreatedAt).Round(time.Minute).Minutes())
	fmt.Fprintf(&b, l.Pick("\nConfirmez-vous ? Répondez « oui » dans les %d minutes (ou « non »).", "\nConfirm? Answer \"yes\" within %d minutes (or \"no\")."), mins)
	r.Text = b.String()
	r.Actions = []deploybot.Button{
		{ID: "deploy_confirm", Label: l.Pick("Confirmer", "Confirm"), Value: fmt.Sprint(d.ID), Style: "primary"},
		{ID: "deploy_cancel", Label: l.Pick("Annuler", "Cancel"), Value: fmt.Sprint(d.ID)},
	}
	if p.Target.TickChecklist && d.Action == deploybot.ActionDeploy {
		r.Actions = append([]deploybot.Button{{ID: "deploy_tick", Label: l.Pick("Tout cocher", "Tick all"), Value: fmt.Sprintf("%d all", d.ID)}}, r.Actions...)
	}
	return r
}

func (o *Orchestrator) pending(ctx context.Context, l deploybot.Lang, user string) (deploybot.Reply, error) {
	ds, err := o.Deploys.Pending(ctx, user)
	if err != nil {
		return deploybot.Reply{}, err
	}
	if len(ds) == 0 {
		return deploybot.Reply{Lang: l, Text: l.Pick("Rien n'attend votre approbation.", "Nothing waits for your approval.")}, nil
	}
	r := deploybot.Reply{Lang: l, Title: l.Pick("En attente d'approbation", "Waiting for approval")}
	for _, d := range ds {
		r.Fields = append(r.Fields, deploybot.Field{Label: fmt.Sprintf("#%d", d.ID),
			Value: fmt.Sprintf("%s %s %s → %s (%s)", d.Action, d.Project, d.Version, d.Env, d.Requester)})
	}
	return r, nil
}

func (o *Orchestrator) history(ctx context.Context, l deploybot.Lang, project, env string) (deploybot.Reply, error) {
	if project != "" {
		p, ok := o.project(project)
		if !ok {
			return o.unknownProject(l, project), nil
		}
		project = p.Name
	}
	if env != "" {
		env = canonicalEnv(env)
	}
	ds, err := o.Deploys.History(ctx, project, env, 10)
	if err != nil {
		return deploybot.Reply{}, err
	}
	r := deploybot.Reply{Lang: l, Title: l.Pick("Historique des déploiements", "Deployment history")}
	if len(ds) == 0 {
		r.Text = l.Pick("Aucun déploiement enregistré.", "No deployment recorded.")
	}
	for _, d := range ds {
		r.Fields = append(r.Fields, deploybot.Field{Label: fmt.Sprintf("#%d", d.ID),
			Value: fmt.Sprintf("%s %s %s → %s: %s (%s, %s)", d.Action, d.Project, d.Version, d.Env, d.State, d.Requester,
				d.UpdatedAt.In(o.location()).Format("2006-01-02 15:04 MST"))})
	}
	return r, nil
}

func canonicalEnv(w string) string {
	switch w {
	case "prod", "prd", "production", "live":
		return deploybot.EnvProduction
	case "staging", "stg", "preprod", "pre-prod", "recette", "stage":
		return deploybot.EnvStaging
	}
	return w
}

func (o *Orchestrator) status(ctx context.Context, l deploybot.Lang, project string) (deploybot.Reply, error) {
	var envs []string
	if project != "" {
		p, ok := o.project(project)
		if !ok {
			return o.unknownProject(l, project), nil
		}
		project = p.Name
		for _, e := range p.Environments {
			envs = append(envs, e.Name)
		}
	}
	st, err := o.Deploys.StatusOf(ctx, project, envs)
	if err != nil {
		return deploybot.Reply{}, err
	}
	r := deploybot.Reply{Lang: l, Title: l.Pick("État", "Status")}
	if project != "" {
		r.Title += " " + project
	}
	for _, env := range envs {
		v := l.Pick("aucune version déployée par deploybot", "no version deployed by deploybot")
		if d, ok := st.Current[env]; ok {
			v = fmt.Sprintf("%s (#%d, %s, %s)", d.Version, d.ID, d.Requester, d.UpdatedAt.In(o.location()).Format("2006-01-02 15:04 MST"))
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: env, Value: v})
	}
	for _, d := range st.InFlight {
		r.Fields = append(r.Fields, deploybot.Field{Label: fmt.Sprintf("#%d", d.ID),
			Value: fmt.Sprintf("%s %s %s → %s: %s", d.Action, d.Project, d.Version, d.Env, d.State)})
	}
	for _, lk := range st.Locks {
		r.Fields = append(r.Fields, deploybot.Field{Label: "🔒 " + lk.Project + "/" + lk.Env, Value: lk.Holder + optionalText(" — ", lk.Reason)})
	}
	loc, now := o.location(), o.now()
	for _, f := range o.Deploys.Freezes(project) {
		if f.Starts(loc).After(now) {
			continue
		}
		scope := strings.Join(f.Projects, ", ")
		if scope == "" {
			scope = l.Pick("tous les projets", "every project")
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: "🧊 " + scope, Value: fmt.Sprintf(l.Pick("gel jusqu'au %s%s", "frozen until %s%s"),
			f.Ends(loc).Format("2006-01-02 15:04 MST"), optionalText(" — ", f.Reason))})
	}
	if len(r.Fields) == 0 {
		r.Text = l.Pick("Rien en cours, aucun verrou, aucun gel.", "Nothing in flight, no locks, no freezes.")
	}
	return r, nil
}

func optionalText(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

// lockCommand handles "lock api prod: incident en cours" and "unlock api
// prod: fixed".
func (o *Orchestrator) lockCommand(ctx context.Context, l deploybot.Lang, msg deploybot.Message, raw string, m []string) (deploybot.Reply, error) {
	p, ok := o.project(m[2])
	if !ok {
		return o.unknownProject(l, m[2]), nil
	}
	env := canonicalEnv(m[3])
	reason := ""
	if i := strings.Index(raw, ":"); i >= 0 {
		reason = strings.TrimSpace(raw[i+1:])
	}
	if m[1] == "lock" || m[1] == "verrouille" {
		if reason == "" {
			return deploybot.Reply{Lang: l, Text: l.Pick("Donnez une raison : « lock api prod : incident en cours ».",
				"Give a reason: \"lock api prod: incident in progress\".")}, nil
		}
		if _, err := o.Deploys.Lock(ctx, p.Name, env, msg.User, reason); err != nil {
			if r, ok := o.userError(l, err); ok {
				return r, nil
			}
			return deploybot.Reply{}, err
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("🔒 %s/%s verrouillé par %s : %s", "🔒 %s/%s locked by %s: %s"), p.Name, env, msg.User, reason)}, nil
	}
	if fm := forceRe.FindStringSubmatch(" " + raw); fm != nil {
		reason := fm[1] + fm[2] + fm[3]
		done, err := o.Deploys.ForceUnlock(ctx, p.Name, env, msg.User, reason)
		if err != nil {
			if r, ok := o.userError(l, err); ok {
				return r, nil
			}
			return deploybot.Reply{}, err
		}
		if !done {
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("%s/%s n'était pas verrouillé.", "%s/%s was not locked."), p.Name, env)}, nil
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("🔓 %s/%s déverrouillé de force par %s : %s",
			"🔓 %s/%s unlocked by force by %s: %s"), p.Name, env, msg.User, reason)}, nil
	}
	done, err := o.Deploys.Unlock(ctx, p.Name, env, msg.User, reason)
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	if !done {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("%s/%s n'était pas verrouillé.", "%s/%s was not locked."), p.Name, env)}, nil
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("🔓 %s/%s déverrouillé par %s : %s", "🔓 %s/%s unlocked by %s: %s"), p.Name, env, msg.User, reason)}, nil
}

// isFreezeOrder tells an order to freeze ("gel de la prod du 20/12 au
// 03/01", "freeze all: incident") from a question that starts with the word
// ("freeze windows, what are they?"): an order has a reason after a colon,
// a date, or says all, and asks nothing.
func isFreezeOrder(raw, line string) bool {
	if strings.Contains(raw, "?") {
		return false
	}
	if strings.Contains(raw, ":") || dateRe.MatchString(raw) {
		return true
	}
	for _, w := range strings.Fields(line) {
		switch w {
		case "all", "tout", "tous", "everything":
			return true
		}
	}
	return false
}

var dateRe = regexp.MustCompile(`(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?|(\d{4})-(\d{2})-(\d{2})`)

// freeze handles "gel de la prod du 20/12 au 03/01", "freeze api production
// until 2027-01-03", "freeze all" (an emergency stop until unfrozen).
func (o *Orchestrator) freeze(ctx context.Context, l deploybot.Lang, msg deploybot.Message, rest string) (deploybot.Reply, error) {
	now := o.now().In(o.location())
	f := deploybot.Freeze{CreatedBy: msg.User, From: now, To: now.AddDate(1, 0, 0)}
	words := router.Words(rest)
	for _, w := range words {
		if p, ok := o.project(w); ok {
			f.Project = p.Name
		}
		switch canonicalEnv(w) {
		case deploybot.EnvProduction, deploybot.EnvStaging:
			f.Env = canonicalEnv(w)
		}
	}
	raw := msg.Text
	if i := strings.Index(raw, ":"); i >= 0 {
		f.Reason = strings.TrimSpace(raw[i+1:])
		raw = raw[:i]
	}
	var dates []time.Time
	for _, m := range dateRe.FindAllStringSubmatch(raw, 2) {
		var y, mo, d int
		if m[4] != "" {
			y, _ = strconv.Atoi(m[4])
			mo, _ = strconv.Atoi(m[5])
			d, _ = strconv.Atoi(m[6])
		} else {
			d, _ = strconv.Atoi(m[1])
			mo, _ = strconv.Atoi(m[2])
			y = now.Year()
			if m[3] != "" {
				y, _ = strconv.Atoi(m[3])
				if y < 100 {
					y += 2000
				}
			}
		}
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, now.Location())
		if len(dates) == 1 && t.Before(dates[0]) && m[3] == "" && m[4] == "" {
			t = t.AddDate(1, 0, 0) // "du 20/12 au 03/01"
		}
		dates = append(dates, t)
	}
	switch len(dates) {
	case 2:
		f.From, f.To = dates[0], dates[1].AddDate(0, 0, 1)
	case 1:
		f.To = dates[0].AddDate(0, 0, 1)
	}
	id, err := o.Deploys.Freeze(ctx, f)
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	scope := orDefault(f.Project, l.Pick("tous les projets", "every project")) + " / " + orDefault(f.Env, l.Pick("tous les environnements", "every environment"))
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("🧊 Gel #%d : %s, du %s au %s%s. « dégel » pour le lever.",
		"🧊 Freeze #%d: %s, from %s to %s%s. \"unfreeze\" lifts it."), id, scope,
		f.From.Format("2006-01-02 15:04"), f.To.Add(-time.Minute).Format("2006-01-02 15:04"), optionalText(" — ", f.Reason))}, nil
}

func (o *Orchestrator) unfreeze(ctx context.Context, l deploybot.Lang, msg deploybot.Message, project string) (deploybot.Reply, error) {
	if project != "" {
		p, ok := o.project(project)
		if !ok {
			return o.unknownProject(l, project), nil
		}
		project = p.Name
	}
	n, err := o.Deploys.Unfreeze(ctx, project, msg.User)
	if err != nil {
		return deploybot.Reply{}, err
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Gel levé (%d).", "Freeze lifted (%d)."), n)}, nil
}

func manualIDs(items []deploy.ChecklistItem) string {
	var ids []string
	for _, it := range items {
		if !it.Auto {
			ids = append(ids, it.ID)
		}
	}
	return strings.Join(ids, ", ")
}

// location is the agency's time zone, for the times the chat shows.
func (o *Orchestrator) location() *time.Location {
	if loc := o.calendar("").Location; loc != nil {
		return loc
	}
	return time.UTC
}

// outcomeCommand handles "outcome 42 succeeded \"checked: v3 answers\"":
// an approver or an admin records what they saw at the target of an
// interrupted deployment.
func (o *Orchestrator) outcomeCommand(ctx context.Context, l deploybot.Lang, msg deploybot.Message, raw string, m []string) (deploybot.Reply, error) {
	id, _ := strconv.ParseInt(m[1], 10, 64)
	ok := false
	switch m[2] {
	case "succeeded", "success", "ok", "done", "reussi", "succes":
		ok = true
	}
	reason := ""
	if q := quotedRe.FindStringSubmatch(raw); q != nil {
		reason = q[1] + q[2]
	} else if i := strings.Index(raw, ":"); i >= 0 {
		reason = strings.TrimSpace(raw[i+1:])
	}
	d, err := o.Deploys.RecordOutcome(ctx, id, msg.User, ok, reason)
	if err != nil {
		if r, isUser := o.userError(l, err); isUser {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Issue du déploiement #%d enregistrée : %s ; %s/%s est libre.",
		"Outcome of deployment #%d recorded: %s; %s/%s is free."), d.ID, d.State, d.Project, d.Env)}, nil
}

var quotedRe = regexp.MustCompile(`"([^"]*)"|“([^”]*)”`)

// listFreezes lists the freezes in force or to come, from the
// configuration and from chat.
func (o *Orchestrator) listFreezes(l deploybot.Lang) deploybot.Reply {
	fs := o.Deploys.Freezes("")
	r := deploybot.Reply{Lang: l, Title: l.Pick("Gels des déploiements", "Deployment freezes")}
	if len(fs) == 0 {
		r.Text = l.Pick("Aucun gel en cours ni prévu.", "No freeze in force or planned.")
		return r
	}
	loc := o.location()
	now := o.now()
	for _, f := range fs {
		scope := strings.Join(f.Projects, ", ")
		if scope == "" {
			scope = l.Pick("tous les projets", "every project")
		}
		envs := strings.Join(f.Environments, ", ")
		if envs == "" {
			envs = l.Pick("tous les environnements", "every environment")
		}
		state := l.Pick("prévu", "planned")
		if !f.Starts(loc).After(now) {
			state = l.Pick("en cours", "in force")
		}
		origin := l.Pick("fichier de configuration", "configuration file")
		label := "config"
		if f.Chat() {
			origin = l.Pick("posé par ", "set by ") + f.CreatedBy
			label = fmt.Sprintf("#%d", f.ID)
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: label, Value: fmt.Sprintf("%s / %s, %s → %s (%s, %s)%s", scope, envs,
			f.Starts(loc).Format("2006-01-02 15:04"), f.Ends(loc).Format("2006-01-02 15:04 MST"), state, origin, optionalText(" — ", f.Reason))})
	}
	return r
}

// ruleSettings names the setting each rule of a plan reads.
var ruleSettings = map[string]string{
	"window":        deploybot.KeyWindowsRecommend,
	"staging_first": deploybot.KeyStagingFirst,
	"approval":      deploybot.KeyApproval,
	"checklist_tls": deploybot.KeyMinCertDays,
}

// why says where the setting behind a plan's line comes from: " — agency,
// set by carol on 2 Dec", " — project file, line 42". Empty when the
// target carries no provenance.
func (o *Orchestrator) why(l deploybot.Lang, t deploy.Target, ruleOrKey string) string {
	key := ruleOrKey
	if k, ok := ruleSettings[ruleOrKey]; ok {
		key = k
	}
	s, ok := t.Settings[key]
	if !ok {
		return ""
	}
	colon := l.Pick(" : ", ": ")
	if key == deploybot.KeyWindowsRecommend {
		return " — " + l.Pick("fenêtres", "windows") + colon + s.Provenance(l, o.location())
	}
	if key == deploybot.KeyStrategy {
		return " — " + s.Provenance(l, o.location())
	}
	return fmt.Sprintf(" — %s %s%s%s", label(l, key), s.Value, colon, s.Provenance(l, o.location()))
}
