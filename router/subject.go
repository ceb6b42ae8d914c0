package router

import (
	"slices"
	"strings"

	"deploybot"
)

// subjectWindow bounds the messages of the conversation's last turn a
// command said on a pronoun reads its project from.
const subjectWindow = 4

// A lock, an unlock, a freeze, an unfreeze or a setting said on a
// pronoun ("lock it: incident", "déverrouille-le", "set it to canary")
// never takes its target from the conversation: the bot asks which
// project. Three attacks this session found a way to point each such
// guess at what the person meant to keep: a fault told in the past, asked
// about, someone else's ("the Google Maps api is failing"), a project
// said to be fine.

// pronounCommands read or start something on the project a conversation
// names when the message points back at it ("and its history?", "start
// the interview for it"); they change nothing.
var pronounCommands = map[deploybot.Command]bool{deploybot.CmdHistory: true, deploybot.CmdInterview: true, deploybot.CmdRunbook: true,
	deploybot.CmdStatus: true, deploybot.CmdDrill: true}

// pointerWords point back at what the conversation just named.
var pointerWords = setOf("it", "that", "this", "them", "ca", "alors", "then", "too", "aussi", "also", "idem", "pareil", "same")

// sequelSaid reports whether text says it goes on with the last order:
// "too", "aussi", "also", "as well".
func sequelSaid(text string) bool {
	ws := wordsOf(text)
	for i, w := range ws {
		if w == "too" || w == "aussi" || w == "also" || w == "egalement" || w == "well" && i > 0 && ws[i-1] == "as" {
			return true
		}
	}
	return false
}

// pointsBack reports whether text points back at what the conversation
// named: a pronoun ("lock it", "verrouille-le") or a word of sequel
// ("alors", "then", "too").
func pointsBack(text string) bool {
	for _, w := range wordsOf(text) {
		if pointerWords.has(w) || strings.HasSuffix(w, "-le") || strings.HasSuffix(w, "-la") || strings.HasSuffix(w, "-les") {
			return true
		}
	}
	return false
}

// subjectFilled completes a command that names no project with the one the
// conversation's last turn names: the person's last message and the bot's
// replies after it ("the api migration is still running on prod", "Noted.
// api production: v4.6.2"). Only when the message points back at it
// ("lock it", "verrouille alors"), and only one project is named there:
// two ("not api, web is failing"), a negated one ("leave api alone") or
// none leave the command as said, and the bot asks. A freeze or an
// unfreeze said on a pronoun with nothing to point at is no order (an
// unfreeze without a project lifts the agency-wide freeze).
func (r *Router) subjectFilled(out deploybot.Request, text string, history []string) deploybot.Request {
	if out.Kind == deploybot.KindCommand && out.Command == deploybot.CmdRunbook && out.App == "" && out.Env == "" && len(history) > 0 {
		// "montre moi le runbook" right after a rollback's plan that
		// quotes its runbook (« runbook api production »): that one.
		if m := runbookQuotedRe.FindStringSubmatch(fold(history[len(history)-1])); m != nil {
			if app, ok := r.project(m[1]); ok {
				if env, ok := r.envOf(app, m[2]); ok {
					out.App, out.SubjectApp, out.Env, out.SubjectEnv = app, app, env, env
					return out
				}
			}
		}
	}
	if out.Kind != deploybot.KindCommand || out.App != "" || out.UnknownApp != "" || out.FollowUp ||
		out.Arg("id") != "" || out.Arg("all") != "" || out.Arg("scope") == "agency" {
		return out
	}
	pronoun := false
	if _, ok := lockPronoun(lockHeadOf(text, commandLine(text))); ok {
		pronoun = true
	}
	if pronoun && (out.Command == deploybot.CmdFreeze || out.Command == deploybot.CmdUnfreeze) {
		// "freeze it until monday", "lève-le": what "it" is, the bot
		// cannot tell well enough to freeze a project for a year or lift
		// the agency's freeze; a lock or an unlock asks which project.
		if strings.HasPrefix(commandLine(text), "leve") && speaksOfLockOnly(history) {
			out.Command = deploybot.CmdUnlock // "lève-le" after a lock told: an unlock, whose project the bot asks
			return out
		}
		return r.noCommand(out)
	}
	saidOnIt := pronoun
	if cls := clauses(text); !saidOnIt && len(cls) > 1 {
		_, saidOnIt = lockPronoun(strings.Trim(commandLine(cls[len(cls)-1]), " ?!."))
	}
	if (saidOnIt || out.Env == "" && !out.Force) && out.Command == deploybot.CmdUnlock && len(history) > 0 {
		// Said on "it", or bare ("c'est bon, déverrouille", "unlock: demo
		// over").
		if app, env, ok := r.lockConfirmed(history[len(history)-1]); ok {
			// "ok the demo's over, unlock it" right after the bot's own
			// "🔒 web/production locked by priya: client demo": the one
			// lock the conversation just set (a review found "Which
			// project?" there). Only the bot's confirmation of a lock
			// names it; the unlock still asks for its reason.
			out.App, out.SubjectApp, out.Env, out.SubjectEnv = app, app, env, env
			return out
		}
	}
	if out.Command == deploybot.CmdLock && out.Env != "" && len(history) > 0 && sequelSaid(text) {
		if app, _, ok := r.lockConfirmed(history[len(history)-1]); ok && r.hasEnv(app, out.Env) {
			// "lock staging too" right after the bot's "🔒 web/production
			// locked by …": the same project's staging (the bot asked
			// which project).
			out.App, out.SubjectApp = app, app
			return out
		}
	}
	if out.Command == deploybot.CmdContext && out.Arg("what") == "set" && out.Arg("scope") == "project" {
		// "set its strategy to rolling" after "show context for web":
		// web's; with no project named before, the bot asks which.
		if app, ok := r.lastSubject(history); ok && slices.ContainsFunc(wordsOf(text), possessives.has) && !agencyTold(history) {
			out.App, out.SubjectApp = app, app
		}
		if app, ok := r.lastSubject(history); ok && out.App == "" && out.Arg("key") == deploybot.KeyStrategy && len(history) > 0 &&
			(projectStrategyTold(history[len(history)-1]) || strategyAsked(history[len(history)-1])) && r.projectsNamed(wordsOf(history[len(history)-1])) <= 1 {
			// "mets canary alors" right after the bot's "For project
			// web: strategy rolling", or the question it answered (the
			// chat keeps the question, not the card): that project's.
			out.App, out.SubjectApp = app, app
		}
		return out
	}
	if !pronounCommands[out.Command] || !pointsBack(text) {
		return out
	}
	app, ok := r.lastSubject(history)
	if !ok {
		return out
	}
	out.App, out.SubjectApp = app, app
	switch out.Command {
	case deploybot.CmdInterview:
		out.Args = copyArgs(out.Args)
		out.Args["scope"] = "project"
	}
	return out
}

// runbookQuotedRe is the runbook a rollback's plan quotes, in folded
// text: "Runbook : « runbook api production »", "Runbook: "runbook web
// staging"".
var runbookQuotedRe = mustCompile(`(?m)^runbook\s*:\s*[«"]\s*runbook\s+([\w-]+)\s+([\w-]+)\s*[»"]`)

// projectStrategyTold reports whether the bot's reply tells a project's
// strategy: "For project web: strategy rolling (agency convention).",
// "Pour le projet web : stratégie rolling …".
func projectStrategyTold(reply string) bool {
	f := fold(reply)
	return strings.Contains(f, "for project ") && strings.Contains(f, ": strategy ") || strings.Contains(f, "pour le projet ") && strings.Contains(f, ": strategie ")
}

// strategyAsked reports whether a person's message asks about a
// strategy: "c'est quoi la strat du site ?".
func strategyAsked(text string) bool {
	return !isBotReply(text) && !colleagueLineRe.MatchString(text) && strings.ContainsAny(text, "?¿") && strings.Contains(fold(text), "strat")
}

// agencyTold reports whether the conversation's last turns speak of the
// agency's conventions ("The agency default is rolling; api overrides
// it"): "its" may be the agency's, and the bot asks.
func agencyTold(history []string) bool {
	for _, h := range history[max(0, len(history)-2):] {
		// Not the sources a context card gives in brackets: "(agency,
		// file line 28)".
		if f := fold(parenRe.ReplaceAllString(h, "")); strings.Contains(f, "agency") || strings.Contains(f, "agence") {
			return true
		}
	}
	return false
}

// parenRe finds a bracketed aside.
var parenRe = mustCompile(`\([^()]*\)`)

// lastSubject returns the one project the last turn of a conversation
// names: the person's last message and the bot's replies after it. ok is
// false when it names none, several, or one said not to be the subject.
func (r *Router) lastSubject(history []string) (app string, ok bool) {
	start := len(history) - 1
	for start > 0 && (isBotReply(history[start]) || r.stateLine(history[start]) || len(wordsOf(history[start])) == 0) {
		start-- // the bot's replies, and a reaction ("👍") that names nothing
	}
	if start < 0 || len(history)-start > subjectWindow {
		return "", false
	}
	apps := map[string]bool{}
	for j, h := range history[start:] {
		if j == 0 && r.analyze(h).s.negated {
			return "", false // "leave api alone", "pas l'api"
		}
		if j > 0 {
			// The bot's examples name a project for the form only: the
			// context card's "set api strategy to canary" under web's.
			h = botExampleRe.ReplaceAllString(h, " ")
		}
		for _, w := range wordsOf(h) {
			if j == 0 && subjectDenials.has(w) { // the person's words; the bot's "no deployment running" denies nothing
				// "no need to lock api", "api is fine, web is broken",
				// "l'api va bien": which one is meant, the bot asks.
				return "", false
			}
			if p, ok := r.project(w); ok && p == w {
				apps[p] = true // the project's own name: an alias is also a word ("the site manager", "the backend guys")
			}
		}
	}
	if len(apps) != 1 {
		return "", false
	}
	for a := range apps {
		app = a
	}
	return app, true
}

// botExampleRe is a command the bot quotes as an example.
var botExampleRe = mustCompile(`"[^"\n]{1,80}"|«[^»\n]{1,80}»|“[^”\n]{1,80}”`)

// subjectDenials in the conversation's last turn say a project named there
// is not the one to act on, or is fine: the bot asks which one.
var subjectDenials = setOf("not", "no", "pas", "ne", "n", "never", "jamais", "leave", "laisse", "laissez", "don", "doesn", "dont",
	"doesnt", "sans", "without", "except", "sauf", "fine", "ok", "okay", "stable", "bien", "marche", "good", "healthy", "nickel",
	"garde", "keep", "surtout", "irrelevant", "or", "ou", "both", "deux", "tous", "unlike", "besides", "but", "apart", "else",
	"other", "autre", "contrairement", "hormis", "excepte", "everything", "tout", "unaffected", "epargne", "epargnee", "intact")

// speaksOfLockOnly reports whether the conversation's last two messages
// speak of a lock and of no freeze: what a "lève-le" after them lifts.
func speaksOfLockOnly(history []string) bool {
	lock, freeze := false, false
	for j := len(history) - 1; j >= 0 && j >= len(history)-2; j-- {
		for _, w := range wordsOf(history[j]) {
			switch {
			case strings.HasPrefix(w, "verrou") || strings.HasPrefix(w, "lock"):
				lock = true
			case strings.HasPrefix(w, "gel") || strings.HasPrefix(w, "freeze") || strings.HasPrefix(w, "frozen"):
				freeze = true
			}
		}
	}
	return lock && !freeze
}

// stagingValidated reports whether lines say app's staging is validated,
// now: "la recette du front est validée", "staging is green". Not asked
// ("is staging validated?"), denied or for later ("not validated yet",
// "will be validated tomorrow"), with bad news beside it ("web staging is
// red"), nor of another project.
func (r *Router) stagingValidated(lines []string, app string) bool {
	for _, h := range lines {
		if strings.Contains(h, "?") {
			continue
		}
		staging, ok, other := false, false, false
		for _, w := range wordsOf(h) {
			if e, isEnv := envWordOf(w); isEnv && e == deploybot.EnvStaging {
				staging = true
			}
			if validatedWords.has(w) {
				ok = true
			}
			if p, named := r.project(w); named && p != app {
				other = true
			}
			if negationWords.has(w) || validationLater.has(w) || badNewsWords.has(w) || hasFault([]string{w}) {
				return false
			}
		}
		if staging && ok && !other {
			return true
		}
	}
	return false
}

// validationLater put a validation off: "will be validated tomorrow".
var validationLater = setOf("last", "ago", "should", "by", "tonight", "awaits", "waiting", "attend", "hasn", "hasnt", "haven",
	"havent", "wasn", "isn", "aren", "won", "will", "tomorrow", "demain", "sera", "seront", "later", "tard", "bientot", "soon", "yet",
	"encore", "once", "when", "quand", "if", "si")

// validatedWords say a build passed its checks.
var validatedWords = setOf("validee", "valide", "validated", "green", "vert", "verte", "approved", "passed", "signed", "ok", "good")

// lockConfirmedRe is the bot confirming a lock it set: "🔒 web/production
// locked by priya: client demo", "🔒 api/staging verrouillé par bob : …".
// A rollback's card says it on a line of its own: "🔒 api/production
// stays locked after this rollback; …", "… reste verrouillé après ce
// rollback".
// A plan refused for a lock names it on its rule's line: "❌
// web/production is locked by rollback #6 (…)", "❌ web/production est
// verrouillé par …".
var lockConfirmedRe = mustCompile(`(?m)^(?:🔒\s*([\w-]+)\s*[/ ]\s*([\w-]+)\s+(?:locked|verrouill|stays\s+locked|reste\s+verrouill)|❌\s*([\w-]+)/([\w-]+)\s+(?:is\s+locked\s+by|est\s+verrouill))`)

// lockConfirmed returns the project and environment of the bot's
// confirmation of a lock (lockConfirmedRe), when line holds one, only
// one, and it names a configured project and one of its environments.
func (r *Router) lockConfirmed(line string) (app, env string, ok bool) {
	all := lockConfirmedRe.FindAllStringSubmatch(strings.TrimSpace(line), 2)
	if len(all) != 1 {
		return "", "", false // none, or a list of locks: the bot asks which
	}
	m := all[0]
	if m[1] == "" {
		m = []string{m[0], m[3], m[4]}
	}
	p, known := r.project(strings.ToLower(m[1]))
	if !known || p != strings.ToLower(m[1]) {
		return "", "", false
	}
	e, isEnv := envWordOf(strings.ToLower(m[2]))
	if !isEnv {
		return "", "", false
	}
	return p, e, true
}

// hasEnv reports whether project app has the environment env.
func (r *Router) hasEnv(app, env string) bool {
	e, ok := r.envOf(app, env)
	return ok && e == env
}
