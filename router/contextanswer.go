package router

import (
	"context"
	"slices"
	"strings"

	"deploybot"
)

// Short answers that mean something only after what was said before
// them: an approval request's "go ahead", a plan's "ship it", an
// incident's "rollback please".

// approvalAskRe is the bot asking an approver to decide: "Approval
// needed: … (#14) … Approve? (approve 14 / deny 14)", "1 deployment
// waits for your approval: #74 … Answer "approve 74" or "deny 74".".
var approvalAskRe = mustCompile(`(?i)\bapproval needed\b|\bapprove\s*\?|\bapprouver\s*\?|\bvalidation (?:requise|demandée)\b|\bapprove \d+ / deny \d+|(?:waits?|waiting) for your approval|attend(?:ent)? votre approbation`)

// incidentWords say that something goes wrong in production, beside
// faultWords: "throwing 500s", "error rate is 12%", "taux d'erreur".
var incidentWords = setOf("error", "errors", "erreur", "erreurs", "500", "500s", "5xx", "502", "503", "504", "timeouts", "timeout",
	"outage", "panne", "incident", "latency", "latence", "degraded", "degrade")

// undoRe is a bare "undo that": "undo that", "revert it", "annule-la",
// "défais ça".
var undoRe = mustCompile(`(?i)^\s*(?:please\s+|stp\s+)?(?:undo|revert|annule|annuler|defais|défais|roll\s*back)[\s-]*(?:that|it|this|la|le|ca|ça|cette|ce)?\s*(?:please|pls|stp|svp|!)*\s*[.!]*\s*$`)

// deploySaidToRollback reports whether text, an answer to a rollback's
// plan, says a verb of deploying: "oui, déploie" names another order than
// the plan's (it ran the rollback).
func deploySaidToRollback(text, plan string) bool {
	if planKindOf(plan) != "rollback" {
		return false
	}
	ws := wordsOf(text)
	return !hasRollbackStem(ws) && slices.ContainsFunc(ws, deployVerbNamed)
}

// deployVerbNamed reports whether w is a verb of deploying by name;
// "lance", "ship it", "go" run whatever the plan is.
func deployVerbNamed(w string) bool {
	return strings.HasPrefix(w, "deplo") || strings.HasPrefix(w, "redeplo") || strings.HasPrefix(w, "promo") || strings.HasPrefix(w, "promeu")
}

// answerInContext reads cur, a short message, by the turn before it:
//   - after an approval request for one deployment, "go ahead with 14",
//     "approved" approve it and "nope" denies it;
//   - after a plan waiting for its confirmation, "ship it", "validé",
//     "lgtm, ship" confirm it (an approve with no id, there, would decide
//     on someone else's deployment);
//   - after an incident told on a project ("error rate is 12% on api
//     production"), "rollback please", "undo that", "annule-la" roll that
//     project back there.
func (r *Router) answerInContext(cur, prev deploybot.Request, asked botTurn) (deploybot.Request, bool) {
	if len(asked.ids) == 1 && cur.Kind == deploybot.KindCommand && asked.asks != "confirm" && approvalAskRe.MatchString(asked.text) &&
		(cur.Arg("id") == "" || cur.Arg("id") == asked.ids[0]) {
		// Not a plan's "Confirm?" whose rules say "no approval needed on
		// staging": a yes confirms one's own plan there (it approved it).
		out := cur
		switch {
		case cur.Command == deploybot.CmdConfirm || cur.Command == deploybot.CmdApprove:
			out.Command = deploybot.CmdApprove
		case cur.Command == deploybot.CmdCancel && cur.Arg("decline") == "yes":
			out.Command = deploybot.CmdDeny
		default:
			return cur, false
		}
		out.Args = map[string]string{"id": asked.ids[0]}
		if reason := cur.Arg("reason"); reason != "" && out.Command == deploybot.CmdDeny {
			out.Args["reason"] = reason
		}
		out.FollowUp = true
		return out, true
	}
	if asked.asks == "confirm" && len(asked.ids) == 1 && len(wordsOf(cur.Text)) <= 6 && !r.namesOtherTarget(cur.Text, prev) && !deploySaidToRollback(cur.Text, asked.text) &&
		!otherVersionSaid(cur.Text, planVersion(asked.text)) { // not "c parti, 3.0.3" after 3.0.2's plan
		bareShip := cur.Kind == deploybot.KindAction && cur.Intent.Intent == deploybot.IntentDeploy && cur.App == "" && cur.Env == "" &&
			cur.Version == "" && cur.From == ""
		if cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdApprove && cur.Arg("id") == "" && len(wordsOf(cur.Text)) <= 4 ||
			bareShip && len(wordsOf(cur.Text)) <= 4 || cur.Kind != deploybot.KindCommand && r.allYes(cur.Text) {
			return confirmOf(cur, asked.ids), true
		}
	}
	told := prev.Kind == deploybot.KindQuestion || prev.Kind == deploybot.KindAction && prev.Intent.Intent == deploybot.IntentRollback
	// "web is fine, api is broken" names two projects: which one, the bot
	// asks (it rolled back web, the first named).
	if told && prev.SubjectApp != "" && incidentTold(prev.Text) && r.projectsNamed(wordsOf(prev.Text)) <= 1 {
		rollback := cur.Kind == deploybot.KindAction && cur.Intent.Intent == deploybot.IntentRollback && cur.App == "" && cur.Version == "" ||
			// "annule le déploiement du site" right after "le checkout
			// est cassé en prod": going back there, not a cancel.
			cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdCancel && cur.Arg("id") == "" && cur.Arg("decline") == "" &&
				(cur.App == "" || cur.App == prev.SubjectApp)
		if rollback || cur.Kind == deploybot.KindUnknown && undoRe.MatchString(cur.Text) {
			out := cur
			out.Kind, out.Command, out.Args = deploybot.KindAction, "", nil
			out.Intent = deploybot.Intent{Route: deploybot.RouteRollback, Intent: deploybot.IntentRollback, App: prev.SubjectApp,
				Env: cur.Env, Lang: cur.Lang, Confidence: max(cur.Confidence, 0.6), SubjectApp: prev.SubjectApp}
			if out.Env == "" {
				out.Env = prev.SubjectEnv
			}
			out.SubjectEnv = out.Env
			out.Alternatives = nil
			out.FollowUp = true
			return out, true
		}
	}
	return cur, false
}

// incidentTold reports whether text tells of something going wrong.
func incidentTold(text string) bool {
	words := wordsOf(text)
	if noIncidentNow(words) {
		return false // "no errors on api prod", "pas d'erreur", "the site was down yesterday"
	}
	if hasFault(words) {
		return true
	}
	for _, w := range words {
		if incidentWords.has(w) || strings.HasPrefix(w, "500") {
			return true
		}
	}
	return false
}

// incidentNow reports whether text tells of something going wrong now
// (incidentTold) in words that say no more than that: not "errors on api
// in preprod look normal", "latency on the site is fine", nor a
// dashboard's or an objective's figures. A rollback may take its project
// from such a line ("4% d'erreurs sur le canary du site en prod").
func incidentNow(text string) bool {
	return incidentTold(text) && !slices.ContainsFunc(wordsOf(text), calmFigureWords.has)
}

// calmFigureWords say a figure is as it should be, or name where figures
// are watched rather than a trouble.
var calmFigureWords = setOf("fine", "normal", "normale", "normales", "normaux", "ok", "okay", "good", "nice", "green", "vert", "verts",
	"bien", "bon", "bonne", "stable", "stables", "correct", "correcte", "nominal", "healthy", "usual", "habituel", "habituelle",
	"slo", "sla", "dashboard", "dashboards", "tableau", "graph", "graphe", "objective", "objectif", "budget", "target", "cible",
	"expected", "attendu", "attendue", "attendus", "attendues", "prevu", "prevue", "prevus", "prevues")

// allYes reports whether every clause of text, read alone, says yes to a
// plan: "ok c'est bon, lance", "yep, go".
func (r *Router) allYes(text string) bool {
	cls := clauses(text)
	if len(cls) < 2 || strings.Contains(text, "?") {
		return false // "ok, deploy?"
	}
	for _, cl := range cls {
		c := r.alone(context.Background(), cl)
		// A clause that orders is one word: "lance", not "lance l'autre".
		yes := c.Kind == deploybot.KindCommand && c.Command == deploybot.CmdConfirm && c.Arg("id") == "" ||
			c.Kind == deploybot.KindAction && c.Intent.Intent == deploybot.IntentDeploy && len(wordsOf(cl)) == 1
		if !yes {
			return false
		}
	}
	return true
}

// namesOtherTarget reports whether text names another project or
// environment than the plan's: "yes, prod" on a staging plan is no yes
// to it (it confirmed the staging deploy).
func (r *Router) namesOtherTarget(text string, plan deploybot.Request) bool {
	if plan.Kind != deploybot.KindAction {
		return false
	}
	s := r.analyze(text).s
	return s.env != "" && plan.Env != "" && s.env != plan.Env || s.app != "" && plan.App != "" && s.app != plan.App
}
