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
	`(?:lift|remove|unfreeze|unlock|lever|leve|enlever|enleve|retirer|retire|supprimer|supprime|degeler|degele|deverrouiller|deverrouille|` +
	`cancel|annule|annuler|undo)` +
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
	if req.Kind == deploybot.KindAction && (req.Intent.Intent != deploybot.IntentRollback || req.App != "" || req.Env != "") || // "annule-le" is read as undo
		req.Kind == deploybot.KindCommand && req.App != "" || saidToOrQuoted(text) || strings.ContainsAny(text, "@") ||
		strings.ContainsAny(text, "?¿") && !politeLiftRe.MatchString(strings.Trim(commandLine(text), " ?!.")) || skipEmojiAnywhere(text) {
		return req, false // "lift it?", "@bob lift it", "lift it?? 😂": asked, said to someone, in jest
	}
	line := strings.Trim(commandLine(text), " ?!.")
	reason := ""
	if i := strings.LastIndexAny(text, ",:;"); i > 0 && !liftRe.MatchString(line) && !strings.ContainsAny(text, "?¿") &&
		liftRe.MatchString(strings.Trim(commandLine(text[i+1:]), " !.")) && liftDoneFirst(text[:i], last) {
		// "ok c'est fini, lève-le", "migration terminée, tu peux
		// déverrouiller": why, then the order.
		reason = strings.TrimSpace(strings.Trim(text[:i], " .!"))
		line = strings.Trim(commandLine(text[i+1:]), " !.")
	}
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
		if rw := wordsOf(reason); slices.ContainsFunc(rw, liftTakenBack.has) || slices.ContainsFunc(rw, hedgeWords.has) ||
			slices.ContainsFunc(rw, isActionWord) || hasRollbackStem(rw) || slices.ContainsFunc(rw, func(w string) bool { return w == "then" || w == "puis" || w == "and" || w == "et" }) ||
			slices.ContainsFunc(rw, conditionHedges.has) || slices.ContainsFunc(rw, negationWords.has) ||
			len(rw) == 1 && !liftReasonWords.has(rw[0]) {
			// "tu peux déverrouiller, non je rigole", "lift it, wait",
			// "remove it, in 10 minutes", "unlock it, if the tests pass",
			// "lift it, bob will do it", "unlock it, alice" (said to her).
			return req, false
		}
	}
	all := wordsOf(text)
	if slices.ContainsFunc(all, anywhereHedges.has) {
		return req, false // "lift it lol"
	}
	if slices.ContainsFunc(wordsOf(line), func(w string) bool { return cancelLiftVerbs.has(w) || strings.HasPrefix(w, "annul") }) && !ownCard(last) {
		// "cancel it" after the bot refused the person's deploy for a
		// freeze ("… Deploy of web 3.0.4 refused. "unfreeze web
		// production" lifts it.") or told a lock that stays: the person
		// cancels their request, not the freeze.
		return req, false
	}
	// The person's word for what is lifted wins over the card's: "remove
	// the freeze" after a lock confirmation lifts no lock; both named,
	// nothing ("lift the freeze, keep the lock").
	unlockWord := slices.ContainsFunc(all, lockNamed.has)
	unfreezeWord := slices.ContainsFunc(all, freezeNamed.has)
	if unlockWord && unfreezeWord {
		return req, false
	}
	out := deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, FollowUp: true,
		Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: 1}}
	if reason != "" {
		out.Args = map[string]string{"reason": reason}
	}
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
		return out, true
	}
	if app, env, ok := r.lockConfirmed(card); ok && !unfreezeWord {
		out.Command = deploybot.CmdUnlock
		out.App, out.Env, out.SubjectApp, out.SubjectEnv = app, env, app, env
		out.Lang = r.lang(normalize(card))
		return out, true
	}
	return req, false
}

// cancelLiftVerbs lift what the bot just set only when its card confirms
// the person's own freeze or lock ("annule-le" right after "🧊 Gel #5 …").
var cancelLiftVerbs = setOf("cancel", "annule", "annuler", "undo")

// ownCard reports whether the bot's card confirms a freeze or a lock just
// set ("🧊 Freeze #3: …", "🔒 api/production verrouillé par carol : …"),
// not a refusal or a lock that stays.
func ownCard(card string) bool {
	t := strings.TrimSpace(card)
	f := fold(t)
	if strings.Contains(f, "refus") || strings.Contains(f, "stays locked") || strings.Contains(f, "reste verrouille") ||
		strings.Contains(f, "still locked") || strings.Contains(f, "toujours verrouille") || strings.Contains(f, "try again") ||
		strings.Contains(f, "reessayez") || strings.Contains(f, " is locked") || strings.Contains(f, " est verrouille") {
		return false // "❌ api/production is locked by alice (migration): try again later"
	}
	return strings.HasPrefix(t, "🧊") || strings.HasPrefix(t, "🔒") && (strings.Contains(f, "verrouille par") || strings.Contains(f, "locked by"))
}

// liftDoneFirst reports whether the clause before a lift says what is
// over, and nothing that holds it back: "ok c'est fini", "migration
// terminée", "fixed"; not "not fixed", "bob says it's done", "if it's
// done".
func liftDoneFirst(clause, card string) bool {
	ws := wordsOf(clause)
	if len(ws) == 0 || len(ws) > 6 || !slices.ContainsFunc(ws, liftReasonWords.has) || strings.ContainsAny(clause, "@\"«»:") || saidToOrQuoted(clause) {
		return false
	}
	// Only what is over, in the card's words or a few plain ones: not
	// "should be done", "done except tests", "fini à moitié", "bob's done".
	said := wordsOf(card)
	return !slices.ContainsFunc(ws, func(w string) bool {
		return !liftReasonWords.has(w) && !liftDoneWords.has(w) && (!slices.Contains(said, w) || len(w) < 3 || almostWords.has(w))
	})
}

// liftDoneWords may stand beside what is over: "ok c'est fini", "la
// migration est terminée", "it's all done now".
var liftDoneWords = setOf("c", "est", "it", "s", "is", "all", "tout", "the", "la", "le", "l", "migration", "maintenance", "incident", "demo",
	"ok", "okay", "bon", "now", "maintenant", "alors", "so", "bien", "well", "good", "enfin", "finally", "finalement", "ca", "that", "this")

// almostWords say something is not over yet: "presque fini", "nearly
// done", "une fois fini".
var almostWords = setOf("presque", "almost", "nearly", "quasi", "quasiment", "once", "fois", "bientot", "soon", "mostly", "partly")

// liftTakenBack take back or hold the order said before them: "non je
// rigole", "wait", "laisse tomber".
var liftTakenBack = setOf("non", "no", "nope", "nan", "wait", "attends", "attend", "pas", "not", "jamais", "never", "laisse", "forget",
	"oublie", "annule", "cancel", "later", "plus", "tard", "tomorrow", "demain", "stop", "hold", "scratch", "nevermind", "nvm", "once",
	"after", "apres", "next", "minutes", "min", "hours", "heure", "heures", "week", "semaine", "will", "va", "vais", "fera", "but", "mais",
	"only", "seulement", "until", "jusqu", "dont", "don", "keep", "garde", "says", "said", "dit", "selon", "according", "dixit", "when",
	"quand", "lorsque", "sometime", "soon", "bientot")

// lockNamed and freezeNamed name a lock or a freeze, or lifting one.
var (
	lockNamed = setOf("unlock", "lock", "locked", "verrou", "verrouille", "verrouiller", "deverrouille", "deverrouiller", "deverrouille-le",
		"deverrouille-la", "delock", "unlocked")
	freezeNamed = setOf("unfreeze", "freeze", "frozen", "gel", "gele", "degele", "degeler", "degele-le", "degele-la", "defreeze")
)

// liftReasonWords may be a lift's whole reason: "unlock it, fixed".
var liftReasonWords = setOf("fixed", "done", "resolved", "repare", "reparee", "regle", "reglee", "resolu", "resolue", "fini", "finie",
	"termine", "terminee", "ok", "over", "clean", "back")

// politeLiftRe is a lift asked politely, which a question mark may end:
// "can you lift it now?", "tu peux l'enlever ?", in folded text.
var politeLiftRe = mustCompile(`^(?:ok\s+|okay\s+|bon\s+)?(?:can\s+you|could\s+you|tu\s+peux|vous\s+pouvez|peux\s+tu|pouvez\s+vous)\s+(?:(?:l|le|la)\s+)?` +
	`(?:lift|remove|unfreeze|unlock|lever|enlever|retirer|supprimer|degeler|deverrouiller)(?:[\s-]+(?:it|that|le|la|l|ca))?(?:\s+(?:now|maintenant|please|pls|stp|svp))*$`)
