package router

import (
	"strings"

	"deploybot"
)

// An order's verb says which kind it is, whatever the model makes of the
// rest: the model's only actions are deploy and rollback, and a cancel or
// an approve naming a project read as one of them runs the wrong thing.

// decisionVerbs open a decision on a deployment, not a deploy nor a
// rollback: "cancel api staging", "stop the deploy of api to prod",
// "approve api prod", "abort rollback". French "annule" is left out: "annule
// le déploiement de la 2.0.0" undoes a deploy, a rollback.
var decisionVerbs = map[string]deploybot.Command{
	"cancel": deploybot.CmdCancel, "abort": deploybot.CmdCancel, "stop": deploybot.CmdCancel, "halt": deploybot.CmdCancel,
	"arrete": deploybot.CmdCancel, "arreter": deploybot.CmdCancel, "stoppe": deploybot.CmdCancel,
	"approve": deploybot.CmdApprove, "approuve": deploybot.CmdApprove, "approuver": deploybot.CmdApprove,
	"deny": deploybot.CmdDeny, "reject": deploybot.CmdDeny, "rejette": deploybot.CmdDeny, "refuse": deploybot.CmdDeny, "decline": deploybot.CmdDeny,
}

// decisionOpeners may come before a decision verb: "ok cancel", "please
// approve", "stp arrête".
var decisionOpeners = setOf("ok", "okay", "please", "pls", "plz", "stp", "svp", "alors", "so", "bon", "hey", "merci", "de", "just", "juste")

// decisionOf returns the command a message's opening verb decides, when
// it opens with one followed by its object ("cancel api staging"), not by
// another verb ("stop deploying", "arrête de déployer": a negation, for
// the gate in hedge.go).
func decisionOf(words []string) (deploybot.Command, bool) {
	for i, w := range words {
		if decisionOpeners.has(w) {
			continue
		}
		c, ok := decisionVerbs[w]
		if !ok || i+1 >= len(words) {
			return "", false
		}
		next := words[i+1]
		if next == "de" || next == "d" || next == "to" || next == "from" || strings.HasSuffix(next, "ing") && next != "something" {
			return "", false
		}
		return c, true
	}
	return "", false
}

// redoVerbs run a deploy again: "redeploy api prod", "restart the api
// deploy", "relance le déploiement".
var redoVerbs = setOf("redeploy", "re-deploy", "redeploie", "redeployer", "restart", "relance", "relancer", "relancez", "rerun",
	"re-run", "retry", "retente")

// redoOrder reports whether words order a deploy run again, with no word
// of going back.
func redoOrder(words []string) bool {
	if hasRollbackStem(words) {
		return false
	}
	for _, w := range words {
		if redoVerbs.has(w) {
			return true
		}
	}
	return false
}

// arrowOrder reports whether text names a project and an environment
// with an arrow between ("api → prod", "web -> staging") and no word of
// going back: a deploy.
func arrowOrder(text string, s slots, words []string) bool {
	return s.app != "" && s.env != "" && !hasRollbackStem(words) && (strings.Contains(text, "→") || strings.Contains(text, "->"))
}
