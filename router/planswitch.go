package router

import (
	"context"
	"slices"
	"strings"

	"deploybot"
)

// rollbackInstead reads an answer to a deploy's plan that asks for a
// rollback in its place: "no wait, I meant a rollback of staging, not a
// deploy", "actually no, let's roll back instead, 4.0.0 is bad", "en fait
// fais plutôt un rollback vers la 3.9". The rollback is of the plan's
// project, on the environment the answer names (else the plan's), to the
// version it names as the target (never the plan's version, nor one it
// blames). The new order replaces the plan (the orchestrator cancels the
// plan a person moves on from). A rollback denied ("not a rollback"),
// asked, put off, doubted or laughed at is no order.
func (r *Router) rollbackInstead(ctx context.Context, cur, prev deploybot.Request, asked botTurn) (deploybot.Request, bool) {
	if asked.asks != "confirm" && asked.asks != "refused" || prev.Kind != deploybot.KindAction || prev.Intent.Intent != deploybot.IntentDeploy ||
		prev.App == "" || strings.ContainsAny(cur.Text, "?¿@~") || pickMocked(cur.Text) {
		return cur, false
	}
	ws := wordsOf(cur.Text)
	at := rollbackWordAt(ws)
	if at < 0 || !slices.ContainsFunc(ws, switchMarks.has) || r.projectsNamed(ws) > 0 && !r.onlyProjectNamed(ws, prev.App) {
		return cur, false
	}
	for _, cl := range clauses(cur.Text) {
		cw := wordsOf(cl)
		if i := rollbackWordAt(cw); i >= 0 && slices.ContainsFunc(cw[:i], func(w string) bool {
			return negationWords.has(w) || w == "no" || w == "non" || contractedNot.has(w)
		}) {
			return cur, false // "no, not a rollback", "pas de rollback" (not "no, rollback staging")
		}
	}
	if !slices.ContainsFunc(ws, insteadMarks.has) && !(at > 0 && switchMarks.has(ws[at-1]) && ws[at] != "revert" && !slices.ContainsFunc(ws[at+1:], func(w string) bool {
		_, env := envWordOf(w)
		return !env && !rollbackFillers.has(w) && versionToken(w) == ""
	})) {
		// Said as the order: "I meant a rollback", "fais plutôt un
		// rollback", "let's roll back instead", or "no, rollback
		// staging" and nothing else; not "no, we did a rollback
		// yesterday", "no, the rollback went fine", nor "no, revert"
		// (the plan undone: its cancel).
		return cur, false
	}
	if slices.ContainsFunc(ws, pastMarks.has) {
		return cur, false // "I meant the rollback we did yesterday"
	}
	if slices.ContainsFunc(ws, func(w string) bool {
		return laterTimes.has(w) || remarkLater.has(w) || remarkConditions.has(w) && w != "instead" && w != "plutot" || laughs.has(w) ||
			tailDoubtWords.has(w) && w != "wait" && w != "attends" || unsureWords.has(w) || w == "drill" || rehearsalWords.has(w)
	}) {
		return cur, false // "rollback instead, after lunch", "un rollback plutôt, je crois"
	}
	env := prev.Env
	for _, w := range ws {
		if e, ok := envWordOf(w); ok && !envNegatedAt(cur.Text, e) {
			env = e
			break
		}
	}
	line := "rollback " + prev.App + " " + env
	if v := insteadTarget(cur.Text, ws, prev.Version); v != "" {
		line += " to " + v
	}
	out := r.alone(ctx, line)
	if out.Kind != deploybot.KindAction || out.Intent.Intent != deploybot.IntentRollback {
		return cur, false
	}
	out.Text, out.FollowUp, out.Lang = cur.Text, true, cur.Lang
	if len(asked.ids) == 1 {
		setArg(&out, "replaces", asked.ids[0])
	}
	return out, true
}

// switchMarks say the answer changes the order rather than tells of a
// rollback: "no", "actually", "instead", "I meant", "plutôt".
var switchMarks = setOf("no", "non", "nope", "actually", "instead", "meant", "rather", "plutot", "fait", "voulais", "wait", "attends", "oops",
	"oups", "finalement", "lets", "let")

// insteadMarks ask for the rollback in the plan's place.
var insteadMarks = setOf("instead", "meant", "rather", "plutot", "voulais", "lets", "voulait")

// rollbackFillers may stand after "no, rollback": "no, rollback staging
// please", "non, rollback en staging stp".
var rollbackFillers = setOf("on", "in", "en", "sur", "to", "vers", "the", "la", "le", "l", "please", "pls", "stp", "svp", "now", "maintenant",
	"then", "alors", "of", "de", "du", "it", "a", "un")

// pastMarks tell of a rollback done: "we did a rollback yesterday".
var pastMarks = setOf("did", "went", "was", "were", "yesterday", "hier", "ago", "already", "deja", "last", "dernier", "derniere", "avons", "ont",
	"happened", "passe")

// rollbackWordAt returns the index of the first word of ws that names a
// rollback ("rollback", "revert", "roll back", "retour arrière"), or -1.
// Not "back" alone: the backend's short name.
func rollbackWordAt(ws []string) int {
	for i, w := range ws {
		switch {
		case w == "rollback" || w == "rollbacks" || w == "revert" || w == "reverts" || w == "rb":
			return i
		case (w == "roll" || w == "rolls") && i+1 < len(ws) && ws[i+1] == "back":
			return i
		case w == "retour" && i+1 < len(ws) && ws[i+1] == "arriere":
			return i
		}
	}
	return -1
}

// onlyProjectNamed reports whether the only project ws names is app.
func (r *Router) onlyProjectNamed(ws []string, app string) bool {
	for _, w := range ws {
		if a, ok := r.project(w); ok && !stopWords.has(w) && a != app {
			return false
		}
	}
	return true
}

// insteadTarget returns the version an answer names as a rollback's
// target: one said after "to", "vers", "à", "sur" or "on", that is not the
// plan's (planned) version; "" when none ("let's roll back instead,
// 4.0.0 is bad" blames one).
func insteadTarget(text string, ws []string, planned string) string {
	for i := 1; i < len(ws); i++ {
		v := versionToken(ws[i])
		if v == "" || sameVersion(v, planned) {
			continue
		}
		j := i - 1
		if ws[j] == "la" || ws[j] == "le" || ws[j] == "l" || ws[j] == "the" || ws[j] == "version" {
			j--
		}
		if j >= 0 && (ws[j] == "to" || ws[j] == "vers" || ws[j] == "a" || ws[j] == "sur" || ws[j] == "on" || ws[j] == "en") {
			return v
		}
	}
	return ""
}
