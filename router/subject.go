package router

import (
	"context"
	"strings"

	"deploybot"
)

// subjectWindow bounds the messages of the conversation's last turn a
// command said on a pronoun reads its project from.
const subjectWindow = 4

// lockCommands need a project and an environment: said without them, the
// conversation's last ones are theirs ("verrouille alors, raison :
// migration en cours" after "la migration du site tourne encore en
// prod"), else the bot asks.
var lockCommands = map[deploybot.Command]bool{deploybot.CmdLock: true, deploybot.CmdUnlock: true}

// pronounCommands act on the project a conversation names only when the
// message points back at it ("freeze it until monday", "start the
// interview for it", "montre-moi tout le contexte alors"): without a
// pointer they cover everything ("freeze until monday") or the agency.
var pronounCommands = map[deploybot.Command]bool{deploybot.CmdFreeze: true, deploybot.CmdUnfreeze: true,
	deploybot.CmdHistory: true, deploybot.CmdContext: true, deploybot.CmdReset: true, deploybot.CmdInterview: true,
	deploybot.CmdRunbook: true, deploybot.CmdStatus: true}

// pointerWords point back at what the conversation just named.
var pointerWords = setOf("it", "that", "this", "them", "ca", "alors", "then", "too", "aussi", "also", "idem", "pareil", "same")

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
	if out.Kind != deploybot.KindCommand || out.App != "" || out.UnknownApp != "" || out.FollowUp ||
		out.Arg("id") != "" || out.Arg("all") != "" || out.Arg("scope") == "agency" {
		return out
	}
	if !lockCommands[out.Command] && !pronounCommands[out.Command] || !pointsBack(text) {
		return out
	}
	pronoun := false
	if _, ok := lockPronoun(lockHeadOf(text, commandLine(text))); ok {
		pronoun = true
	}
	if (out.Command == deploybot.CmdFreeze || out.Command == deploybot.CmdUnfreeze) && (!pronoun || out.Env != "") {
		// "freeze prod until monday then": every project's production,
		// as said; only "freeze it" points at one.
		return out
	}
	if pronoun && out.Command == deploybot.CmdUnfreeze && strings.HasPrefix(commandLine(text), "leve") {
		// "lève-le" lifts what the last turn names: a lock, a freeze,
		// or nothing the bot keeps ("le rate limit est trop bas").
		switch lifted := r.liftedIn(history); lifted {
		case "":
			return r.noCommand(out)
		default:
			out.Command = lifted
		}
	}
	app, env, global, ok := r.lastSubject(history)
	if !ok {
		if pronoun && (out.Command == deploybot.CmdFreeze || out.Command == deploybot.CmdUnfreeze) &&
			!(global && out.Command == deploybot.CmdUnfreeze) {
			return r.noCommand(out)
		}
		return out
	}
	if (out.Command == deploybot.CmdContext && out.Arg("what") == "set" || out.Command == deploybot.CmdReset) && out.Arg("key") == "" {
		// "set it to canary" (no strategy's word), "remets-la par défaut":
		// the key the conversation named last.
		for j := len(history) - 1; j >= 0 && j >= len(history)-subjectWindow; j-- {
			if k, ok := keyIn(wordsOf(history[j])); ok {
				out.Args = copyArgs(out.Args)
				out.Args["key"] = k.key
				break
			}
		}
		if out.Arg("key") == "" {
			return out
		}
	}
	out.App, out.SubjectApp = app, app
	switch out.Command {
	case deploybot.CmdLock, deploybot.CmdUnlock, deploybot.CmdFreeze, deploybot.CmdUnfreeze:
		if env != "" {
			if e, ok := r.envOf(app, env); ok {
				out.Env, out.SubjectEnv = e, e
			}
		}
	case deploybot.CmdInterview:
		out.Args = copyArgs(out.Args)
		out.Args["scope"] = "project"
	}
	return out
}

// lastSubject returns the one project (and environment) the last turn of
// a conversation names: the person's last message and the bot's replies
// after it. ok is false when it names none, several, or one said not to be
// the subject; global reports that it speaks of everything frozen ("Gels
// en cours : tout").
func (r *Router) lastSubject(history []string) (app, env string, global, ok bool) {
	start := len(history) - 1
	for start > 0 && (isBotReply(history[start]) || r.stateLine(history[start]) || len(wordsOf(history[start])) == 0) {
		start-- // the bot's replies, and a reaction ("👍") that names nothing
	}
	if start < 0 || len(history)-start > subjectWindow {
		return "", "", false, false
	}
	apps, envs := map[string]bool{}, map[string]bool{}
	for j, h := range history[start:] {
		a := r.analyze(h)
		if a.s.negated && j == 0 {
			return "", "", false, false // "leave api alone", "pas l'api"
		}
		ws := wordsOf(h)
		for i, w := range ws {
			if subjectDenials.has(w) && j == 0 { // the person's words; the bot's "no deployment running" denies nothing
				// "no need to lock api", "api is fine, web is broken",
				// "l'api va bien": which one is meant, the bot asks.
				return "", "", false, false
			}
			if p, ok := r.project(w); ok && (p == w || aliasNamed(ws, i)) {
				apps[p] = true
			}
			if e, ok := envWordOf(w); ok {
				envs[e] = true
			}
			if allWords.has(w) {
				global = true
			}
		}
	}
	if len(apps) != 1 {
		return "", "", global, false
	}
	for a := range apps {
		app = a
	}
	if len(envs) == 1 {
		for e := range envs {
			env = e
		}
	}
	return app, env, global, true
}

// aliasNamed reports whether the alias at ws[i] names the project ("the
// site is broken", "le front plante"), not a thing of its kind ("the
// client's site", "our backend team", "the dev site of the client",
// "front office", "leur site").
func aliasNamed(ws []string, i int) bool {
	if i == 0 || !aliasDeterminers.has(ws[i-1]) {
		return false
	}
	if i > 1 && (possessives.has(ws[i-2]) || ws[i-2] == "s") {
		return false // "the client's site", "our site"
	}
	if i+1 < len(ws) && aliasModifiers.has(ws[i+1]) {
		return false // "site of the client", "backend team", "front office"
	}
	return true
}

var (
	// aliasDeterminers may stand before an alias that names the project.
	aliasDeterminers = setOf("the", "le", "la", "l", "du")
	// possessives make an alias someone's thing.
	possessives = setOf("my", "our", "their", "your", "his", "her", "mon", "ma", "notre", "leur", "votre", "son", "sa", "client", "clients")
	// aliasModifiers after an alias make it a kind of thing.
	aliasModifiers = setOf("of", "de", "des", "team", "equipe", "office", "end", "ends", "client", "du", "web", "vitrine", "dev")
)

// subjectDenials in the conversation's last turn say a project named there
// is not the one to act on, or is fine: the bot asks which one.
var subjectDenials = setOf("not", "no", "pas", "ne", "n", "never", "jamais", "leave", "laisse", "laissez", "don", "doesn", "dont",
	"doesnt", "sans", "without", "except", "sauf", "fine", "ok", "okay", "stable", "bien", "marche", "good", "healthy", "nickel",
	"garde", "keep", "surtout", "irrelevant", "or", "ou", "both", "deux", "tous")

// offerPrefixes open the bot's offer of an action, folded: "Tu veux que
// je fasse un rollback de api en production ?", "Do you want me to
// promote web from staging to production?".
var offerPrefixes = []string{"tu veux que je ", "vous voulez que je ", "voulez-vous que je ", "veux-tu que je ", "souhaitez-vous que je ",
	"do you want me to ", "would you like me to "}

// suggestedRe is the bot suggesting what to type, quoted: "Did you mean:
// "deploy web staging"?", "Vouliez-vous dire : « status » ?".
var suggestedRe = mustCompile(`(?i:did you mean|vouliez-vous dire|voulez-vous dire|tu voulais dire)\s*:?\s*(?:"([^"]+)"|“([^”]+)”|«\s*([^»]+?)\s*»)\s*\?`)

// offerTaken reads a yes after the bot's offer of an action (its last
// turn, a question that proposes one, or a plan written with its arrow:
// "Déployer web → staging ?") as that action: a plan, which the bot
// shows and asks to confirm again.
func (r *Router) offerTaken(ctx context.Context, req deploybot.Request, last string) (deploybot.Request, bool) {
	if !strings.Contains(last, "?") || strings.Contains(last, "(#") {
		return req, false
	}
	if m := suggestedRe.FindStringSubmatch(last); m != nil && takesSuggestion(req.Text, "") {
		// "oui c'est ça" after "Vouliez-vous dire : « rollback api
		// production » ?": what the bot suggested, as if typed.
		out := r.alone(ctx, m[1]+m[2]+m[3])
		if out.Kind != deploybot.KindAction && (out.Kind != deploybot.KindCommand || acknowledges[out.Command]) {
			return req, false
		}
		out.Text, out.Lang, out.FollowUp = req.Text, r.lang(normalize(last)), true
		return out, true
	}
	if req.Kind != deploybot.KindCommand || req.Command != deploybot.CmdConfirm || req.Arg("id") != "" {
		return req, false
	}
	body, _, _ := strings.Cut(last, "?")
	offered := strings.Contains(body, "→") && !strings.Contains(body, ",")
	if f := strings.TrimLeft(fold(body), " *_>"); !offered {
		for _, p := range offerPrefixes {
			if strings.HasPrefix(f, p) {
				// Said first: not "Marc, tu veux que je …", "Julie asked:
				// do you want me to …", "If it fails, do you want me to …".
				body, offered = f[len(p):], true
				break
			}
		}
	}
	if !offered || !offersAction(body) || offersChoice(body) {
		return req, false
	}
	out := r.alone(ctx, body)
	if out.Kind != deploybot.KindAction {
		return req, false
	}
	out.Text, out.Lang, out.FollowUp = req.Text, r.lang(normalize(last)), true
	return out, true
}

// offerVerbs open an offer's action before its noun: "fasse un rollback",
// "lance le déploiement", "run a rollback".
var offerVerbs = setOf("fasse", "fais", "lance", "lancer", "do", "run", "make", "start", "trigger")

// offersAction reports whether an offer's body opens with the action it
// offers ("promote web…", "fasse un rollback de api…", "Déployer web →
// staging"), not with another verb ("tell Bob to roll back api").
func offersAction(body string) bool {
	ws := wordsOf(body)
	if len(ws) == 0 {
		return false
	}
	if isActionWord(ws[0]) {
		return true
	}
	if !offerVerbs.has(ws[0]) {
		return false
	}
	for _, w := range ws[1:min(len(ws), 3)] {
		if isActionWord(w) {
			return true
		}
	}
	return false
}

// offersChoice reports whether an offer's body leaves a choice to make:
// "roll back api in production, or keep 2.3 and hotfix", "en prod, ou
// plutôt en recette".
func offersChoice(body string) bool {
	for _, w := range wordsOf(body) {
		if w == "or" || w == "ou" || w == "plutot" || w == "rather" || w == "instead" {
			return true
		}
	}
	return false
}

// liftedIn returns what a "lève-le" after the conversation's last turn
// lifts: the lock or the freeze it speaks of, or "" for neither or both.
func (r *Router) liftedIn(history []string) deploybot.Command {
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
	switch {
	case lock && !freeze:
		return deploybot.CmdUnlock
	case freeze && !lock:
		return deploybot.CmdUnfreeze
	}
	return ""
}

// stagingValidated reports whether lines say staging is validated: "la
// recette du front est validée", "staging is green", "QA signed off on
// staging".
func stagingValidated(lines []string) bool {
	for _, h := range lines {
		staging, ok := false, false
		for _, w := range wordsOf(h) {
			if e, isEnv := envWordOf(w); isEnv && e == deploybot.EnvStaging {
				staging = true
			}
			if validatedWords.has(w) {
				ok = true
			}
		}
		if staging && ok {
			return true
		}
	}
	return false
}

// validatedWords say a build passed its checks.
var validatedWords = setOf("validee", "valide", "validated", "green", "vert", "verte", "approved", "passed", "signed", "ok", "good")
