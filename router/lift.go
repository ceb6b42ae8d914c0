package router

import (
	"slices"
	"strings"

	"deploybot"
)

// freezeCardRe is the bot's confirmation of a freeze, which quotes the
// command that lifts it: "🧊 Freeze #3: web / production, from … \"unfreeze
// web production\" lifts it.", "🧊 Gel #3 : … « dégel web production » pour
// le lever." (agents/deploy.go).
var freezeCardRe = mustCompile(`^🧊\s*(?:Freeze|Gel)\s*#\d+\s*:.*?(?:"unfreeze([^"]*)"|«\s*dégel([^»]*?)\s*»)`)

// liftRe is an order to lift or remove what the bot's last message set,
// said on a pronoun or on nothing: "lift it", "remove it please", "ok
// unfreeze it", "lève-le", "tu peux l'enlever", "can you unlock it now?",
// "tu peux déverrouiller". Folded, as commandLine gives it.
var liftRe = mustCompile(`^(?:(?:ok|okay|bon|alors|then|now|maintenant|please|pls|stp|svp|c\s+est\s+bon|vas\s+y|go|tu\s+peux|vous\s+pouvez|peux\s+tu|pouvez\s+vous|can\s+you|could\s+you|you\s+can)\s+)*` +
	`(?:(?:l|le|la)\s+)?` +
	`(?:lift|remove|unfreeze|unlock|lever|leve|enlever|enleve|retirer|retire|supprimer|supprime|degeler|degele|deverrouiller|deverrouille)` +
	`(?:[\s-]+(?:it|that|this|le|la|l|ca|the\s+freeze|the\s+lock|le\s+gel|le\s+verrou))?` +
	`(?:\s+(?:now|maintenant|please|pls|stp|svp|merci|thanks|then|alors|aussi|too))*$`)

// liftAfterCard reads req, the person's text right after last, the bot's
// confirmation of a freeze or of a lock, as lifting that freeze or lock
// when text orders it without naming it: "lift it" after "🧊 Freeze #1:
// web / production … "unfreeze web production" lifts it." is that
// command (it was not understood); "tu peux l'enlever" after "🔒
// api/production verrouillé par alice" unlocks api production (the unlock
// still asks its reason). Only the bot's own card names what "it" is: a
// person's line never does here.
func (r *Router) liftAfterCard(req deploybot.Request, text, last string) (deploybot.Request, bool) {
	if req.Kind == deploybot.KindAction || req.Kind == deploybot.KindCommand && req.App != "" || !isBotReply(last) {
		return req, false
	}
	line := strings.Trim(commandLine(text), " ?!.")
	reason := ""
	if !liftRe.MatchString(line) {
		// "c'est bon tu peux déverrouiller, c'est réparé": the order,
		// then its reason.
		i := strings.IndexAny(text, ",:;")
		if i < 0 || strings.ContainsAny(text, "?¿") || !liftRe.MatchString(strings.Trim(commandLine(text[:i]), " !.")) {
			return req, false
		}
		if reason = strings.TrimSpace(strings.Trim(text[i+1:], " .!")); reason == "" {
			return req, false
		}
		line = strings.Trim(commandLine(text[:i]), " !.")
		if slices.ContainsFunc(wordsOf(reason), liftTakenBack.has) {
			return req, false // "tu peux déverrouiller, non je rigole", "lift it, wait"
		}
	}
	if slices.ContainsFunc(wordsOf(text), anywhereHedges.has) {
		return req, false // "lift it lol"
	}
	ws := wordsOf(line)
	unlockWord := slices.ContainsFunc(ws, func(w string) bool { return w == "unlock" || w == "deverrouiller" || w == "deverrouille" })
	unfreezeWord := slices.ContainsFunc(ws, func(w string) bool { return w == "unfreeze" || w == "degeler" || w == "degele" })
	out := deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, FollowUp: true,
		Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: 1}}
	card := strings.TrimSpace(last)
	if m := freezeCardRe.FindStringSubmatch(card); m != nil && !unlockWord {
		scope := strings.Fields(strings.ToLower(m[1] + m[2]))
		out.Command = deploybot.CmdUnfreeze
		out.Lang = deploybot.English
		if m[2] != "" || strings.HasPrefix(card, "🧊 Gel") {
			out.Lang = deploybot.French
		}
		for _, w := range scope {
			if app, ok := r.project(w); ok && app == w && out.App == "" {
				out.App = app
			} else if env, ok := envWordOf(w); ok && out.Env == "" {
				out.Env = env
			} else {
				return req, false // a scope this code does not read: the bot asks
			}
		}
		if out.App != "" && out.Env != "" && !r.hasEnv(out.App, out.Env) {
			return req, false
		}
		out.SubjectApp, out.SubjectEnv = out.App, out.Env
		if reason != "" {
			out.Args = map[string]string{"reason": reason}
		}
		return out, true
	}
	if app, env, ok := r.lockConfirmed(card); ok && !unfreezeWord {
		out.Command = deploybot.CmdUnlock
		out.App, out.Env, out.SubjectApp, out.SubjectEnv = app, env, app, env
		out.Lang = r.lang(normalize(card))
		if reason != "" {
			out.Args = map[string]string{"reason": reason}
		}
		return out, true
	}
	return req, false
}

// liftTakenBack take back or hold the order said before them: "non je
// rigole", "wait", "laisse tomber".
var liftTakenBack = setOf("non", "no", "nope", "nan", "wait", "attends", "attend", "pas", "not", "jamais", "never", "laisse", "forget",
	"oublie", "annule", "cancel", "later", "plus", "tard", "tomorrow", "demain", "stop", "hold")
