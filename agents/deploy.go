package agents

import (
	"context"
	"fmt"
	"golang.org/x/mod/semver"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"deploybot"
	"deploybot/deploy"
	"deploybot/policy"
)

// Settle waits for the deployments started by messages so far to run and be
// verified, so that a scripted chat reads its next line after their outcome.
func (o *Orchestrator) Settle(ctx context.Context) error {
	if o.Deploys == nil {
		return nil
	}
	return o.Deploys.Settle(ctx)
}

// deployCommand runs the deployment commands that are not plain deploy or
// rollback orders: confirmations, approvals, status, history, locks,
// freezes, lists and diffs.
func (o *Orchestrator) deployCommand(ctx context.Context, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	l := req.Lang
	id := argID(req)
	if id == 0 && (req.App != "" || req.Env != "" || req.Arg("version") != "" || req.Arg("by") != "") {
		// "approve api prod", "cancel web staging": a decision without an
		// id names its deployment by project and environment; it applies to
		// the single one waiting that matches them, never to another.
		switch req.Command {
		case deploybot.CmdApprove, deploybot.CmdDeny, deploybot.CmdConfirm, deploybot.CmdCancel:
			found, reply, err := o.namedDecision(ctx, msg, req)
			if err != nil || found == 0 {
				return reply, err
			}
			id = found
			args := map[string]string{"id": strconv.FormatInt(found, 10)}
			for k, v := range req.Args {
				if k != "id" {
					args[k] = v
				}
			}
			req.Args = args
		}
	}
	switch req.Command {
	case deploybot.CmdConfirm, deploybot.CmdCancel:
		if id != 0 {
			if req.Command == deploybot.CmdCancel {
				d, err := o.Deploys.Cancel(ctx, id, msg.User)
				done := fmt.Sprintf(l.Pick("Déploiement #%d annulé.", "Deployment #%d cancelled."), id)
				if d.Action == deploybot.ActionRollback {
					done = fmt.Sprintf(l.Pick("Rollback #%d annulé.", "Rollback #%d cancelled."), id) // it said "Déploiement" (review 12)
				}
				return o.outcome(l, d, err, done), nil
			}
			d, err := o.Deploys.Confirm(ctx, id, msg.User)
			return o.started(l, d, err), nil
		}
		d, ok, err := o.Deploys.AwaitingConfirmation(ctx, msg.User, msg.Channel, msg.Thread)
		if err != nil {
			return deploybot.Reply{}, err
		}
		if !ok {
			return deploybot.Reply{Lang: l, Text: l.Pick("Rien n'attend votre confirmation ici.", "Nothing here waits for your confirmation.")}, nil
		}
		if req.Command == deploybot.CmdConfirm && !req.FollowUp {
			// A yes that answers no plan of the bot's last reply: "yes"
			// after "I'm not sure what you mean … (answer "rollback web
			// on staging" …)" confirmed a deploy planned two messages
			// before. The plan waits; the bot asks again, and a yes
			// right after that answers it.
			what := fmt.Sprintf("%s %s %s → %s", actionLabel(l, d.Action), d.Project, orDefault(d.Version, "?"), d.Env)
			if d.DrillID != 0 {
				what = fmt.Sprintf(l.Pick("exercice de rollback #%d, %s/%s", "rollback drill #%d, %s/%s"), d.DrillID, d.Project, d.Env)
			}
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
				"%s Le plan #%d (%s) attend toujours. Le confirmer ? Répondez « oui » (ou « confirm %d »), ou « non ».",
				"%s Plan #%d (%s) still waits. Confirm it? Answer \"yes\" (or \"confirm %d\"), or \"no\"."),
				l.Pick(yesToWhatFr, yesToWhatEn), d.ID, what, d.ID)}, nil
		}
		if req.Command == deploybot.CmdCancel {
			d, err := o.Deploys.Cancel(ctx, d.ID, msg.User)
			return o.outcome(l, d, err, l.Pick("Annulé : rien n'a été lancé.", "Cancelled: nothing ran.")), nil
		}
		d, err = o.Deploys.Confirm(ctx, d.ID, msg.User)
		return o.started(l, d, err), nil
	case deploybot.CmdTick:
		left, err := o.Deploys.Tick(ctx, id, msg.User, strings.Fields(req.Arg("items")))
		if err != nil {
			return o.outcome(l, deploybot.Deployment{}, err, ""), nil
		}
		if req.Arg("items") == "" && len(left) > 0 {
			// "coche tout sur le 15 sauf les migrations": no item read,
			// none ticked; the bot asks which.
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Quels points du #%d ? Reste à cocher : %s.", "Which items of #%d? Still to tick: %s."),
				id, strings.Join(left, ", "))}, nil
		}
		if len(left) > 0 {
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Coché. Reste : %s.", "Ticked. Left: %s."), strings.Join(left, ", "))}, nil
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Checklist complète. Confirmez avec « oui » (ou « confirm %d »).",
			"Checklist complete. Confirm with \"yes\" (or \"confirm %d\")."), id)}, nil
	case deploybot.CmdApprove:
		d, err := o.Deploys.Approve(ctx, id, msg.User)
		return o.started(l, d, err), nil
	case deploybot.CmdDeny:
		d, err := o.Deploys.Deny(ctx, id, msg.User, req.Arg("reason"))
		return o.outcome(l, d, err, fmt.Sprintf(l.Pick("Déploiement #%d refusé.", "Deployment #%d denied."), d.ID)), nil
	case deploybot.CmdPending:
		return o.pending(ctx, l, msg.User)
	case deploybot.CmdHistory:
		return o.history(ctx, l, req.App, req.Env)
	case deploybot.CmdStatus:
		return o.status(ctx, l, req.App, req.Env)
	case deploybot.CmdDiff:
		if from, to := req.Arg("from"), req.Arg("to"); from != "" && to != "" {
			return o.versionDiff(ctx, l, req.App, from, to)
		}
		return o.diff(ctx, l, req.App, req.Arg("a"), req.Arg("b"))
	case deploybot.CmdLock, deploybot.CmdUnlock:
		return o.lockCommand(ctx, l, msg, req)
	case deploybot.CmdOutcome:
		return o.outcomeCommand(ctx, l, msg, req)
	case deploybot.CmdList:
		if req.Arg("what") == "locks" {
			return o.listLocks(ctx, l)
		}
		return o.listFreezes(l), nil
	case deploybot.CmdUnfreeze:
		if id := argID(req); id != 0 {
			return o.unfreezeID(ctx, l, msg, id)
		}
		return o.unfreeze(ctx, l, msg, req.App, req.Env)
	case deploybot.CmdFreeze:
		return o.freeze(ctx, l, msg, req)
	}
	return o.help(l), nil
}

// userError turns a refusal into a reply; system failures stay errors.
func (o *Orchestrator) userError(l deploybot.Lang, err error) (deploybot.Reply, bool) {
	if deploybot.ErrorCode(err) == deploybot.EINTERNAL {
		return deploybot.Reply{}, false
	}
	msg := deploybot.ErrorMessageIn(err, l)
	if i := strings.IndexByte(msg, '?'); i > 0 && !strings.ContainsAny(msg[:i], ".:;") {
		// "Which version of api for production? …": a question back, not
		// a failure; the ❌ read as one.
		return deploybot.Reply{Lang: l, Text: msg}, true
	}
	return deploybot.Reply{Lang: l, Text: "❌ " + msg}, true
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
	what := fmt.Sprintf("%s %s %s → %s (#%d)", actionLabel(l, d.Action), d.Project, orDefault(d.Version, "?"), d.Env, d.ID)
	switch d.State {
	case deploybot.StateAwaitingApproval:
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"Confirmé : %s attend une approbation. Un approbateur répond « approuve %d » (ou « refuse %d »).",
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
	return deploybot.Reply{Lang: l, Text: what + l.Pick(" : ", ": ") + stateLabel(l, d.State)}
}

// actionRefused answers an action whose version is no version or is not
// safe to pass on.
func (o *Orchestrator) actionRefused(req deploybot.Request) (deploybot.Reply, bool) {
	l := req.Lang
	if req.BadVersion != "" {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"❌ « %s » n'est pas une version : nommez une version (v1.4.2, release-2024.11, un sha de commit), je n'en devine jamais. Rien n'a été lancé.",
			"❌ %q is not a version: name one (v1.4.2, release-2024.11, a commit sha); I never guess one. Nothing ran."), req.BadVersion)}, true
	}
	if bad := req.Arg("unsafe"); bad != "" {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"❌ « %s » n'est pas une version valide : lettres, chiffres, points et tirets seulement (v1.4.2, release-2024.11, un sha de commit). Rien n'a été lancé.",
			"❌ %q is not a valid version: letters, digits, dots and dashes only (v1.4.2, release-2024.11, a commit sha). Nothing ran."), bad)}, true
	}
	return deploybot.Reply{}, false
}

// terseBackward answers a terse order said without a verb ("api 2.4.0 en
// recette, validée par la QA", router: said=terse) that would change no
// version or go back to an older one with the order offered instead of
// its plan: such a line is news as often as an order, and the "ok" after
// its plan ran the downgrade (session 24's third attack). A yes right
// after the offer plans it.
func (o *Orchestrator) terseBackward(ctx context.Context, req deploybot.Request) (deploybot.Reply, bool) {
	if req.Arg("said") != "terse" || req.Intent.Intent != deploybot.IntentDeploy || req.Version == "" || req.App == "" || req.Env == "" {
		return deploybot.Reply{}, false
	}
	cur, _, ok, err := o.Deploys.Current(ctx, req.App, req.Env)
	if err != nil || !ok || cur.Version == "" {
		return deploybot.Reply{}, false
	}
	d := deploybot.Deployment{Action: deploybot.ActionDeploy, Project: req.App, Env: req.Env, Version: req.Version, Replaces: cur.Version}
	w := versionWarning(req.Lang, d)
	if w == "" {
		return deploybot.Reply{}, false
	}
	l := req.Lang
	order := "deploy " + req.App + " " + req.Version + " to " + req.Env
	return deploybot.Reply{Lang: l, Text: w + "\n" + fmt.Sprintf(l.Pick(
		"Une nouvelle ou un ordre ? Je ne planifie pas ce retour en arrière sur un message sans verbe. Pour le planifier : « %s ».",
		"News or an order? I plan no such change on a message without a verb. To plan it: \"%s\"."), order)}, true
}

// action answers a deploy, rollback or promotion order with its plan, or
// runs it at once with --yes. A missing or unknown project, environment or
// version is asked for (or named): the next message of the conversation
// completes the request.
func (o *Orchestrator) action(ctx context.Context, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	l := req.Lang
	r, refused := o.actionRefused(req)
	if !refused {
		r, refused = o.clarify(req)
	}
	if refused {
		// A new order that is refused or asks for what it lacks still
		// replaces the plan waiting for this person's "yes" here: a "yes"
		// to the bot's question ran that older plan (a review rolled back
		// shop production with "deploy to production", "Which project?",
		// "yes").
		if d, ok, err := o.Deploys.AwaitingConfirmation(ctx, msg.User, msg.Channel, msg.Thread); err == nil && ok {
			if _, err := o.Deploys.Cancel(ctx, d.ID, msg.User); err == nil {
				r.Text = fmt.Sprintf(l.Pick("Plan #%d annulé : vous avez demandé autre chose.", "Plan #%d cancelled: you asked for something else."), d.ID) + "\n" + r.Text
			}
		}
		return r, nil
	}
	action := deploybot.ActionDeploy
	if req.Intent.Intent == deploybot.IntentRollback {
		action = deploybot.ActionRollback
	}
	if r, ok := o.terseBackward(ctx, req); ok {
		return r, nil
	}
	version := req.Version
	var promoted string
	if at := req.Arg("asof"); at != "" && version == "" && action == deploybot.ActionRollback {
		v, day, err := o.versionAsOf(ctx, l, req.App, req.Env, at)
		if err != nil {
			return deploybot.Reply{}, err
		}
		if v == "" {
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Je ne trouve aucune version de %s qui tournait en %s à la fin du %s : nommez la version (« history %s %s » les montre). Rien n'a été lancé.",
				"I find no version of %s that ran on %s at the end of %s: name the version (\"history %s %s\" shows them). Nothing ran."), req.App, req.Env, day, req.App, req.Env)}, nil
		}
		version = v
		promoted = fmt.Sprintf(l.Pick("La version qui tournait à la fin du %s : %s.", "The version that ran at the end of %s: %s."), day, v)
	}
	if req.From != "" {
		cur, _, ok, err := o.Deploys.Current(ctx, req.App, req.From)
		if err != nil {
			return deploybot.Reply{}, err
		}
		if !ok || cur.Version == "" {
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Rien ne tourne sur %s pour %s : rien à promouvoir. Nommez une version : « deploy %s VERSION to %s ».",
				"Nothing runs on %s for %s: nothing to promote. Name a version: \"deploy %s VERSION to %s\"."), req.From, req.App, req.App, req.Env)}, nil
		}
		version = cur.Version
		promoted = fmt.Sprintf(l.Pick("Promotion : la version %s, qui tourne sur %s.", "Promotion: version %s, which runs on %s."), version, req.From)
	}
	// A new order replaces the plan that waits for this person's "yes"
	// here: a plan changed in answer to its "Confirm?" ("non, plutôt la
	// 3.2.1"), or another order ("oops, deploy web v1.3.0 to staging").
	// The plan it replaces is cancelled once the new one is made, or once
	// the new order is refused: a "yes" or an "ok" later never runs a plan
	// the person moved on from (a new-user review deployed v1.2.0 over
	// v1.3.0 that way).
	var replaced deploybot.Deployment
	if d, ok, err := o.Deploys.AwaitingConfirmation(ctx, msg.User, msg.Channel, msg.Thread); err == nil && ok {
		replaced = d
	}
	p, err := o.Deploys.Plan(ctx, deploy.Request{Action: action, Project: req.App, Env: req.Env, Version: version,
		Requester: msg.User, Force: req.Force, Wait: req.Wait, Reason: req.ForceReason, Platform: msg.Platform, Channel: msg.Channel, Thread: msg.Thread, Lang: l,
		RequestKey: requestKey(msg)})
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			if replaced.ID != 0 {
				if _, err := o.Deploys.Cancel(ctx, replaced.ID, msg.User); err == nil {
					r.Text += "\n" + fmt.Sprintf(l.Pick("Plan #%d annulé : vous avez demandé autre chose.", "Plan #%d cancelled: you asked for something else."), replaced.ID)
				}
			}
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	if p.Deployment.Action == deploybot.ActionRollback {
		if txt, err := o.lastDrill(ctx, l, p.Deployment.Project, p.Deployment.Env); err == nil {
			p.LastDrill = txt
		}
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
	// A plan a model chose always waits for its person: not even a --yes
	// in the text the model read skips that.
	yes := (req.Yes || skip && !p.Target.TickChecklist) && !o.alwaysConfirm
	r = o.renderPlan(l, p, !yes)
	if promoted != "" {
		r.Text = promoted + "\n" + r.Text
	}
	if replaced.ID != 0 && replaced.ID != p.Deployment.ID {
		if _, err := o.Deploys.Cancel(ctx, replaced.ID, msg.User); err == nil {
			r.Text = fmt.Sprintf(l.Pick("Plan #%d annulé, remplacé par celui-ci.", "Plan #%d cancelled, replaced by this one."), replaced.ID) + "\n" + r.Text
		}
	}
	if p.Deployment.State != deploybot.StateRequested || !yes {
		return r, nil
	}
	d, err := o.Deploys.Confirm(ctx, p.Deployment.ID, msg.User)
	s := o.started(l, d, err)
	r.Text += "\n\n" + s.Text
	r.Actions = nil
	return r, nil
}

// clarify asks for what an action lacks, naming what it got wrong: an
// unknown project (with the nearest name), an environment the project does
// not have, no project or no environment. The conversation remembers the
// request: the answer completes it.
func (o *Orchestrator) clarify(req deploybot.Request) (deploybot.Reply, bool) {
	l := req.Lang
	what := o.describe(req)
	switch {
	case req.App == "" && req.UnknownApp != "":
		r := o.unknownProject(l, req.UnknownApp)
		r.Text += "\n" + fmt.Sprintf(l.Pick("Quel projet pour %s ?", "Which project for %s?"), what)
		return r, true
	case req.App == "":
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Quel projet pour %s ? Je connais : %s.", "Which project for %s? I know: %s."),
			what, o.projectList())}, true
	}
	p, _ := o.project(req.App)
	if req.UnknownEnv != "" || req.Env != "" && !hasEnv(p, req.Env) {
		name := req.UnknownEnv
		if name == "" {
			name = req.Env
		}
		r := o.unknownEnv(l, req.App, name)
		r.Text += "\n" + l.Pick("Sur quel environnement ?", "Which environment?")
		return r, true
	}
	if req.Env == "" {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Sur quel environnement pour %s ? %s.", "Which environment for %s? %s."),
			what, orList(l, envNames(p)))}, true
	}
	return deploybot.Reply{}, false
}

// orList joins names as a sentence offers a choice: "staging or
// production", "staging, production, qa ou demo".
func orList(l deploybot.Lang, names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + l.Pick(" ou ", " or ") + names[len(names)-1]
}

// describe names an action as the clarifying question repeats it:
// "deploy shop v1.0.0", "le rollback de shop".
func (o *Orchestrator) describe(req deploybot.Request) string {
	l := req.Lang
	var b strings.Builder
	switch {
	case req.From != "":
		b.WriteString(l.Pick("la promotion", "the promotion"))
	case req.Intent.Intent == deploybot.IntentRollback:
		b.WriteString(l.Pick("le rollback", "the rollback"))
	default:
		b.WriteString(l.Pick("le déploiement", "the deploy"))
	}
	if req.App != "" {
		b.WriteString(l.Pick(" de ", " of ") + req.App)
	}
	if req.Version != "" {
		b.WriteString(" " + req.Version)
	}
	if req.Env != "" && req.UnknownEnv == "" {
		b.WriteString(" → " + req.Env)
	}
	return b.String()
}

func hasEnv(p deploybot.Project, env string) bool {
	if len(p.Environments) == 0 {
		return env == deploybot.EnvStaging || env == deploybot.EnvProduction
	}
	_, ok := p.Environment(env)
	return ok
}

func envNames(p deploybot.Project) []string {
	if len(p.Environments) == 0 {
		return []string{deploybot.EnvStaging, deploybot.EnvProduction}
	}
	var out []string
	for _, e := range p.Environments {
		out = append(out, e.Name)
	}
	return out
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
			who = policy.Who(l, p.Target.Approvers, ", ")
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: l.Pick("approbation", "approval"), Value: who})
	}
	var b strings.Builder
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "ℹ️ %s\n", l.Pick(n[0], n[1]))
	}
	if w := versionWarning(l, d); w != "" {
		b.WriteString(w + "\n")
	}
	if len(p.Notes) > 0 || versionWarning(l, d) != "" {
		b.WriteString("\n")
	}
	b.WriteString(l.Pick("*Règles* :\n", "*Rules*:\n"))
	switch {
	case len(p.Verdict.Results) == 0 && d.Action == deploybot.ActionRollback:
		// A rollback outside the windows or in a freeze showed "no rule
		// applies", and a new user learnt nothing of why it may go.
		b.WriteString(l.Pick("✅ un rollback est la voie d'urgence : ni fenêtre ni gel ne le retient\n",
			"✅ a rollback is the emergency path: no window or freeze holds it\n"))
	case len(p.Verdict.Results) == 0:
		b.WriteString(l.Pick("✅ aucune règle ne s'applique à cet environnement\n", "✅ no rule applies to this environment\n"))
	}
	for _, res := range p.Verdict.Results {
		icon := map[policy.Level]string{policy.Allow: "✅", policy.Warn: "⚠️", policy.NeedsApproval: "🔐", policy.Deny: "❌"}[res.Level]
		fmt.Fprintf(&b, "%s %s%s\n", icon, res.ReasonIn(l), o.why(l, p.Target, res.Rule))
	}
	if c, ok := p.Target.Settings[deploybot.KeyConstraints]; ok && c.Value != "" && p.Target.Production && d.Action == deploybot.ActionDeploy {
		// "no deploy during the client's payroll run, 25th to 28th": free
		// text, which no rule can check; a plan inside that period showed
		// only ✅ (session 24's review).
		fmt.Fprintf(&b, "⚠️ %s%s — %s\n", l.Pick("contraintes du projet, à vérifier par vous : ", "the project's constraints, for you to check: "),
			c.Value, c.Provenance(l, o.location()))
	}
	if d.State == deploybot.StateRejected {
		b.WriteString(l.Pick(refusedFr, refusedEn))
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
	} else {
		if p.Target.RollbackProcedure != "" {
			fmt.Fprintf(&b, l.Pick("\n*Procédure de rollback* : %s\n", "\n*Rollback procedure*: %s\n"), p.Target.RollbackProcedure)
		}
		fmt.Fprintf(&b, l.Pick("*Runbook* : « runbook %s %s »", "*Runbook*: \"runbook %s %s\""), d.Project, d.Env)
		if p.LastDrill != "" {
			fmt.Fprintf(&b, l.Pick(" · dernier exercice : %s", " · last drill: %s"), p.LastDrill)
		}
		b.WriteString("\n")
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

// refusedFr and refusedEn end a plan its rules refused.
const (
	refusedFr = "\n*Refusé* : rien n'a été lancé."
	refusedEn = "\n*Refused*: nothing ran."
)

func (o *Orchestrator) pending(ctx context.Context, l deploybot.Lang, user string) (deploybot.Reply, error) {
	ds, err := o.Deploys.Pending(ctx, user)
	if err != nil {
		return deploybot.Reply{}, err
	}
	// The user's own requests waiting for someone else's approval: a
	// requester asking "pending" was told nothing waited.
	all, err := o.Deploys.Pending(ctx, "")
	if err != nil {
		return deploybot.Reply{}, err
	}
	var mine []string
	for _, d := range all {
		if d.Requester == user && !slices.ContainsFunc(ds, func(x deploybot.Deployment) bool { return x.ID == d.ID }) {
			mine = append(mine, fmt.Sprintf("#%d %s %s %s → %s", d.ID, actionLabel(l, d.Action), d.Project, d.Version, d.Env))
		}
	}
	yours := ""
	if len(mine) > 0 {
		yours = fmt.Sprintf(l.Pick("Vos demandes attendent l'approbation de quelqu'un d'autre : %s.", "Your requests wait for someone else's approval: %s."),
			strings.Join(mine, " · "))
	}
	if len(ds) == 0 {
		// Others' requests waiting for others: "pending" said nothing
		// waited while "approve" named one (a new user's week).
		var others []string
		for _, d := range all {
			if d.Requester != user {
				others = append(others, fmt.Sprintf(l.Pick("#%d %s %s %s → %s (demandé par %s)", "#%d %s %s %s → %s (requested by %s)"),
					d.ID, actionLabel(l, d.Action), d.Project, d.Version, d.Env, d.Requester))
			}
		}
		text := l.Pick("Rien n'attend votre approbation.", "Nothing waits for your approval.") + " " + yours
		if len(others) > 0 {
			text += " " + fmt.Sprintf(l.Pick("En attente de l'approbation d'autres personnes : %s.", "Waiting for other people's approval: %s."), strings.Join(others, " · "))
		}
		return deploybot.Reply{Lang: l, Text: strings.Join(strings.Fields(text), " ")}, nil
	}
	r := deploybot.Reply{Lang: l, Title: l.Pick("En attente d'approbation", "Waiting for approval"), Note: yours}
	for _, d := range ds {
		r.Fields = append(r.Fields, deploybot.Field{Label: fmt.Sprintf("#%d", d.ID),
			Value: fmt.Sprintf("%s %s %s → %s (%s)", actionLabel(l, d.Action), d.Project, d.Version, d.Env, d.Requester)})
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
			Value: fmt.Sprintf("%s %s %s → %s%s%s (%s, %s)%s", actionLabel(l, d.Action), d.Project, d.Version, d.Env, l.Pick(" : ", ": "), stateLabel(l, d.State), d.Requester,
				d.UpdatedAt.In(o.location()).Format("2006-01-02 15:04 MST"), drillMark(l, d))})
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

func optionalText(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

// lockCommand handles "lock api prod: incident en cours", "unlock api
// prod: fixed" and "unlock api prod --force \"reason\"".
func (o *Orchestrator) lockCommand(ctx context.Context, l deploybot.Lang, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	if req.App == "" {
		return o.askProject(l, string(req.Command)), nil
	}
	project, env, reason := req.App, req.Env, req.Arg("reason")
	if req.Command == deploybot.CmdLock {
		if reason == "" {
			// The target is named: it may come from the conversation
			// ("lock it"), and the answer acts on it.
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(reasonAskFr+" pour verrouiller %s : « lock %s : incident en cours », ou répondez par la raison.",
				reasonAskEn+" to lock %s: \"lock %s: incident in progress\", or answer with the reason."), strings.TrimSpace(project+" "+env), strings.TrimSpace(project+" "+env))}, nil
		}
		if _, err := o.Deploys.Lock(ctx, project, env, msg.User, reason); err != nil {
			if r, ok := o.userError(l, err); ok {
				return r, nil
			}
			return deploybot.Reply{}, err
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("🔒 %s/%s verrouillé par %s : %s", "🔒 %s/%s locked by %s: %s"), project, env, msg.User, reason)}, nil
	}
	if !req.Force && reason == "" {
		// The service refuses an unlock without its reason: ask for it,
		// and the answer unlocks (router: a reasoned command's follow-up).
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(reasonAskFr+" pour déverrouiller %s : « unlock %s : corrigé », ou répondez par la raison.",
			reasonAskEn+" to unlock %s: \"unlock %s: fixed\", or answer with the reason."), strings.TrimSpace(project+" "+env), strings.TrimSpace(project+" "+env))}, nil
	}
	if req.Force {
		reason := req.ForceReason
		done, err := o.Deploys.ForceUnlock(ctx, project, env, msg.User, reason)
		if err != nil {
			if r, ok := o.userError(l, err); ok {
				return r, nil
			}
			return deploybot.Reply{}, err
		}
		if !done {
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("%s/%s n'était pas verrouillé.", "%s/%s was not locked."), project, env)}, nil
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("🔓 %s/%s déverrouillé de force par %s : %s",
			"🔓 %s/%s unlocked by force by %s: %s"), project, env, msg.User, reason)}, nil
	}
	done, err := o.Deploys.Unlock(ctx, project, env, msg.User, reason)
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	if !done {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("%s/%s n'était pas verrouillé.", "%s/%s was not locked."), project, env)}, nil
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("🔓 %s/%s déverrouillé par %s : %s", "🔓 %s/%s unlocked by %s: %s"), project, env, msg.User, reason)}, nil
}

var dateRe = regexp.MustCompile(`(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?|(\d{4})-(\d{2})-(\d{2})`)

// freeze handles "gel de la prod du 20/12 au 03/01", "freeze api production
// until 2027-01-03", "freeze all" (an emergency stop until unfrozen).
func (o *Orchestrator) freeze(ctx context.Context, l deploybot.Lang, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	if req.App == "" && req.Env == "" && req.Arg("all") == "" && req.Arg("reason") == "" && req.Arg("dates") == "" {
		// A bare "freeze" says neither what nor why: freezing everything
		// for a year on one word is not what anyone means. The answer
		// (a project, an environment, or "all, <reason>") completes it.
		r := o.askProject(l, "freeze")
		r.Text += l.Pick(" (ou « tout : raison » pour tout geler)", ` (or "all: reason" to freeze everything)`)
		return r, nil
	}
	if when := req.Arg("when"); when != "" && req.Arg("dates") == "" && req.Arg("until") == "" {
		// "freeze web prod tomorrow: client demo": a moment without its
		// dates froze from now for a year; the bot asks them.
		target := strings.TrimSpace(req.App + " " + req.Env)
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"De quand à quand (« %s ») ? Donnez les dates : « gèle %s du 18/12 au 19/12 : %s ». Rien n'a été gelé.",
			"From when to when (%q)? Give the dates: \"freeze %s from 18/12 to 19/12: %s\". Nothing was frozen."),
			when, orDefault(target, "all"), orDefault(req.Arg("reason"), l.Pick("raison", "reason")))}, nil
	}
	if req.Arg("reason") == "" && req.Arg("dates") == "" && req.Arg("until") == "" && req.Arg("from") == "" && req.Arg("all") == "" {
		// "gèle web": no end and no reason froze every environment of web
		// for a year on two words (a new user's); as a lock, it asks why,
		// and the answer freezes (router: a reasoned command's follow-up).
		target := strings.TrimSpace(req.App + " " + req.Env)
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			reasonAskFr+" pour geler %s jusqu'à ce qu'on le lève : « gèle %s : audit client », ou répondez par la raison ; avec une fin : « gèle %s jusqu'au 24/12 : audit client ».",
			reasonAskEn+" to freeze %s until lifted: \"freeze %s: client audit\", or answer with the reason; with an end: \"freeze %s until 24/12: client audit\"."),
			target, target, target)}, nil
	}
	now := o.now().In(o.location())
	f := deploybot.Freeze{CreatedBy: msg.User, From: now, To: now.AddDate(1, 0, 0), Project: req.App, Env: req.Env, Reason: req.Arg("reason")}
	var dates []time.Time
	for _, m := range dateRe.FindAllStringSubmatch(req.Arg("dates"), 2) {
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
		if len(dates) == 1 && t.Month() < dates[0].Month() && m[3] == "" && m[4] == "" {
			// "du 20/12 au 03/01": into the next year; not "from dec 12 to
			// dec 10", a slip the freeze refuses (it would freeze a year).
			t = t.AddDate(1, 0, 0)
		}
		dates = append(dates, t)
	}
	switch len(dates) {
	case 2:
		f.From, f.To = dates[0], dates[1].AddDate(0, 0, 1)
	case 1:
		f.To = dates[0].AddDate(0, 0, 1)
		if req.Arg("day") != "" {
			f.From = dates[0] // "freeze web prod on 19/12": that day
		}
	}
	if day := req.Arg("until"); day != "" && len(dates) == 0 {
		// "freeze web prod until monday": until that day starts (it froze
		// for a year).
		f.To = untilStart(now, day)
	}
	// The router tells a lone date's part by the words before it: "à
	// partir du 20/12/2026" starts the freeze (until lifted, a year at
	// most), "le 24/12/2026" is that one day, "jusqu'au …" ends it.
	if from, err := time.ParseInLocation("2006-01-02", req.Arg("from"), now.Location()); err == nil && len(dates) == 1 {
		f.From, f.To = from, from.AddDate(1, 0, 0)
		if to, err := time.ParseInLocation("2006-01-02", req.Arg("to"), now.Location()); err == nil {
			f.To = to.AddDate(0, 0, 1)
		}
	}
	id, err := o.Deploys.Freeze(ctx, f)
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	scope := orDefault(f.Project, l.Pick("tous les projets", "every project")) + " / " + orDefault(f.Env, l.Pick("tous les environnements", "every environment"))
	// The command that lifts it names its scope: a bare "unfreeze" lifts
	// only the freezes of every project.
	lift := strings.TrimSpace(f.Project + " " + f.Env)
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("🧊 Gel #%d : %s, du %s au %s%s. « dégel%s » pour le lever.",
		"🧊 Freeze #%d: %s, from %s to %s%s. \"unfreeze%s\" lifts it."), id, scope,
		f.From.Format("2006-01-02 15:04"), f.To.Add(-time.Minute).Format("2006-01-02 15:04"), optionalText(" — ", f.Reason), optionalText(" ", lift))}, nil
}

func (o *Orchestrator) unfreeze(ctx context.Context, l deploybot.Lang, msg deploybot.Message, project, env string) (deploybot.Reply, error) {
	if project != "" {
		p, ok := o.project(project)
		if !ok {
			return o.unknownProject(l, project), nil
		}
		project = p.Name
	}
	n, err := o.Deploys.Unfreeze(ctx, project, env, msg.User)
	if err != nil {
		if r, isUser := o.userError(l, err); isUser {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	if n == 0 {
		// It said "Freeze lifted (0)" while the freeze stayed: none is in
		// force there; those planned for later are lifted by their number.
		scope := l.Pick("tous les projets", "every project")
		if project != "" {
			scope = project
		}
		if env != "" {
			scope += " " + env
		}
		var planned []string
		for _, f := range o.Deploys.Freezes(project) {
			if f.Chat() && f.Starts(o.location()).After(o.now()) && (env == "" || slices.Contains(f.Environments, env) || len(f.Environments) == 0) &&
				(project != "" || len(f.Projects) == 0) {
				planned = append(planned, fmt.Sprintf("#%d", f.ID))
			}
		}
		if len(planned) > 0 {
			return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
				"Aucun gel en cours sur %s : %s n'a pas encore commencé ; « dégel N » lève le gel numéro N.",
				"No freeze in force on %s: %s has not started yet; \"unfreeze N\" lifts freeze number N."), scope, strings.Join(planned, ", "))}, nil
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"Aucun gel posé par chat en cours sur %s. « liste des gels » les montre.",
			"No chat freeze in force on %s. \"list freezes\" shows them."), scope)}, nil
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Gel levé (%d).", "Freeze lifted (%d)."), n)}, nil
}

// unfreezeID lifts the chat freeze id ("unfreeze 1", "annule le gel 1").
func (o *Orchestrator) unfreezeID(ctx context.Context, l deploybot.Lang, msg deploybot.Message, id int64) (deploybot.Reply, error) {
	ok, err := o.Deploys.UnfreezeID(ctx, id, msg.User)
	if err != nil {
		if r, isUser := o.userError(l, err); isUser {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	if !ok {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"Pas de gel #%d posé par chat à lever (« liste des gels » les montre ; ceux du fichier de configuration changent dans le fichier).",
			"No chat freeze #%d to lift (\"list freezes\" shows them; the configuration file's change in the file)."), id)}, nil
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Gel #%d levé.", "Freeze #%d lifted."), id)}, nil
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
	if o.Location != nil {
		if loc := o.Location(); loc != nil {
			return loc
		}
	}
	if loc := o.calendar("").Location; loc != nil {
		return loc
	}
	return time.UTC
}

// outcomeCommand handles "outcome 42 succeeded \"checked: v3 answers\"":
// an approver or an admin records what they saw at the target of an
// interrupted deployment.
func (o *Orchestrator) outcomeCommand(ctx context.Context, l deploybot.Lang, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	if req.Arg("outcome") == "" {
		// "outcome 13": the bot asks what the person saw; the answer
		// ("succeeded: v3 answers") completes it (router, asks
		// "outcome"). A deployment that does not exist is said at once.
		if _, err := o.Deploys.Store.Deployment(ctx, argID(req)); err != nil {
			if r, isUser := o.userError(l, err); isUser {
				return r, nil
			}
			return deploybot.Reply{}, err
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"Déploiement #%d : "+verdictAskFr+" Répondez « réussi » ou « échoué », puis ce que vous avez constaté sur la cible (ex. « réussi : la v3 répond »).",
			"Deployment #%d: "+verdictAskEn+" Answer \"succeeded\" or \"failed\", then what you saw at the target (e.g. \"succeeded: v3 answers\")."), argID(req))}, nil
	}
	d, err := o.Deploys.RecordOutcome(ctx, argID(req), msg.User, req.Arg("outcome") == "succeeded", req.Arg("reason"))
	if err != nil {
		if r, isUser := o.userError(l, err); isUser {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Issue du déploiement #%d enregistrée : %s ; %s/%s est libre.",
		"Outcome of deployment #%d recorded: %s; %s/%s is free."), d.ID, stateLabel(l, d.State), d.Project, d.Env)}, nil
}

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
	return fmt.Sprintf(" — %s %s%s%s", label(l, key), showValue(l, key, s.Value), colon, s.Provenance(l, o.location()))
}

// yesToWhatFr and yesToWhatEn open the reply to a yes that answers no
// plan of the bot's last reply: it asks again, and the memory keeps it
// as a plan's question (yesToWhat).
const (
	yesToWhatFr = "Oui à quoi ?"
	yesToWhatEn = "Yes to what?"
)

// yesToWhat reports whether reply asks again which plan a yes confirms.
func yesToWhat(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, yesToWhatFr) || strings.HasPrefix(reply.Text, yesToWhatEn)
}

// drillMark sets a drill's steps apart: they are exercises, not incidents.
func drillMark(l deploybot.Lang, d deploybot.Deployment) string {
	if d.DrillID == 0 {
		return ""
	}
	return fmt.Sprintf(l.Pick(" — 🧯 exercice #%d", " — 🧯 drill #%d"), d.DrillID)
}

// namedDecision finds the deployment a decision without an id names by
// its project and environment (req.App, req.Env): among those waiting
// for the user's approval (approve, deny) or those the user planned and
// may still cancel (confirm, cancel). With none or several, it replies
// with a question and returns 0.
func (o *Orchestrator) namedDecision(ctx context.Context, msg deploybot.Message, req deploybot.Request) (int64, deploybot.Reply, error) {
	l := req.Lang
	var ds []deploybot.Deployment
	if req.Command == deploybot.CmdApprove || req.Command == deploybot.CmdDeny {
		all, err := o.Deploys.Pending(ctx, msg.User)
		if err != nil {
			return 0, deploybot.Reply{}, err
		}
		ds = all
	} else {
		d, ok, err := o.Deploys.AwaitingConfirmation(ctx, msg.User, msg.Channel, msg.Thread)
		if err != nil {
			return 0, deploybot.Reply{}, err
		}
		if ok {
			ds = append(ds, d)
		}
		if req.Command == deploybot.CmdCancel {
			// "annule le déploiement du site": one's own request waiting
			// for its approval is cancelled too.
			waiting, err := o.Deploys.Pending(ctx, "")
			if err != nil {
				return 0, deploybot.Reply{}, err
			}
			for _, w := range waiting {
				if w.Requester == msg.User && (!ok || w.ID != d.ID) {
					ds = append(ds, w)
				}
			}
		}
	}
	var ids []string
	var match int64
	by, version := req.Arg("by"), strings.TrimPrefix(req.Arg("version"), "v")
	for _, d := range ds {
		if (req.App == "" || d.Project == req.App) && (req.Env == "" || d.Env == req.Env) && (by == "" || strings.EqualFold(d.Requester, by)) &&
			(version == "" || strings.TrimPrefix(d.Version, "v") == version) {
			match = d.ID
			// With what it is: the answer may name it ("the web one").
			ids = append(ids, fmt.Sprintf("#%d (%s → %s)", d.ID, d.Project, d.Env))
		}
	}
	what := strings.TrimSpace(req.App + " " + req.Env)
	switch len(ids) {
	case 1:
		return match, deploybot.Reply{}, nil
	case 0:
		if version != "" {
			// "approuve le site 2.6.0" when 2.4.0 waits: not that one.
			what = strings.TrimSpace(what + " " + req.Arg("version"))
		}
		text := fmt.Sprintf(l.Pick("Aucun déploiement de %s n'attend votre décision.", "No deployment of %s waits for your decision."), what)
		if by != "" {
			// "approve bob's api deploy" when bob asked for none: named
			// by its number instead ("pending" lists them with who asked).
			text = fmt.Sprintf(l.Pick("Aucun déploiement de %s demandé par %s n'attend votre décision (« pending » les montre avec leur demandeur ; décidez par numéro : « approve N »).",
				"No deployment of %s requested by %s waits for your decision (\"pending\" shows them with who asked; decide by number: \"approve N\")."), what, by)
		}
		if req.Command == deploybot.CmdCancel && req.App != "" {
			// "annule le déploiement du site" after it ran: nothing to
			// cancel; going back is a rollback, asked in so many words.
			text += fmt.Sprintf(l.Pick(" Pour revenir à la version précédente : « rollback %s ».", ` To go back to the previous version: "rollback %s".`),
				strings.TrimSpace(req.App+" "+orDefault(req.Env, "production")))
		}
		return 0, deploybot.Reply{Lang: l, Text: text}, nil
	}
	return 0, deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Quel déploiement ? %s", "Which deployment? %s"), strings.Join(ids, ", "))}, nil
}

// untilStart returns the start of the day a freeze said "until day" ends
// at: the next such weekday after today ("until monday" on a Monday is the
// next Monday), or tomorrow.
func untilStart(now time.Time, day string) time.Time {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	if day == "tomorrow" {
		return today.AddDate(0, 0, 1)
	}
	for i := 1; i <= 7; i++ {
		if d := today.AddDate(0, 0, i); strings.EqualFold(d.Weekday().String(), day) {
			return d
		}
	}
	return today.AddDate(1, 0, 0)
}

// versionWarning says when a deploy's version is the one already running
// there, or older than it (semantic versions compared): a plan said
// nothing, and a review downgraded production with a version another
// project's numbering gave ("same for web" after shop's v2.2.0).
func versionWarning(l deploybot.Lang, d deploybot.Deployment) string {
	if d.Action != deploybot.ActionDeploy || d.Version == "" || d.Replaces == "" {
		return ""
	}
	v, cur := deploybot.Semver(d.Version), deploybot.Semver(d.Replaces)
	switch {
	case d.Version == d.Replaces || v != "" && v == cur:
		return fmt.Sprintf(l.Pick("⚠️ %s tourne déjà sur %s/%s : ce déploiement ne change pas de version.",
			"⚠️ %s already runs on %s/%s: this deploy changes no version."), d.Version, d.Project, d.Env)
	case v != "" && cur != "" && semver.Compare(v, cur) < 0:
		return fmt.Sprintf(l.Pick("⚠️ %s est plus ancienne que %s, qui tourne sur %s/%s : c'est un retour en arrière de version.",
			"⚠️ %s is older than %s, which runs on %s/%s: this is a downgrade."), d.Version, d.Replaces, d.Project, d.Env)
	}
	return ""
}

// versionAsOf returns the version that ran in project's env at the end
// of the day at names ("yesterday", "2 days ago", an English weekday:
// the last such day before today), and that day as written: the last
// deployment that succeeded there and started by then.
func (o *Orchestrator) versionAsOf(ctx context.Context, l deploybot.Lang, project, env, at string) (string, string, error) {
	now := o.now().In(o.location())
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	var day time.Time
	switch at {
	case "yesterday":
		day = today.AddDate(0, 0, -1)
	case "2 days ago":
		day = today.AddDate(0, 0, -2)
	default:
		day = today.AddDate(0, 0, -1)
		for i := 0; i < 7 && !strings.EqualFold(day.Weekday().String(), at); i++ {
			day = day.AddDate(0, 0, -1)
		}
	}
	end := day.AddDate(0, 0, 1)
	ds, err := o.Deploys.History(ctx, project, env, 200)
	if err != nil {
		return "", "", err
	}
	written := day.Format("Monday 2 January")
	if l == deploybot.French {
		written = fmt.Sprintf("%s %d %s", frDays[day.Weekday()], day.Day(), frMonths[day.Month()-1])
	}
	for _, d := range ds { // newest first
		started := d.StartedAt
		if started.IsZero() {
			started = d.CreatedAt
		}
		if d.State == deploybot.StateSucceeded && started.Before(end) {
			return d.Version, written, nil
		}
	}
	return "", written, nil
}

var frMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
