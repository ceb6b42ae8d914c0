package router

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"deploybot"
)

// Parse turns a message into the one typed request every agent dispatches
// on: a command (with its arguments), an action (with its slots), a
// question, small talk, or "not understood". history holds the earlier
// messages of the same person in the same conversation, oldest first: a
// message that only answers a question the bot asked ("staging", "shop",
// "la 1.2.3", "same for blog") completes the request they started.
func (r *Router) Parse(ctx context.Context, text string, history []string) deploybot.Request {
	ctx = withSubParses(ctx)
	if m := sameLeadRe.FindStringSubmatchIndex(text); m != nil && len(history) > 0 {
		// "même chose pour l'api, en 2.4.0", "la même pour l'api": what
		// "pareil" says, in more words.
		out := r.Parse(ctx, "pareil "+text[m[2]:], history)
		out.Text = text
		return out
	}
	out := r.parseChecked(ctx, text, history)
	if out.Kind != deploybot.KindAction {
		if o, ok := r.praisedThenPromoted(ctx, text, history); ok {
			return o
		}
	}
	if out.Kind == deploybot.KindCommand && out.Command == deploybot.CmdConfirm && out.Arg("id") == "" && len(history) > 0 &&
		bareAcks.has(commandLine(strings.TrimSpace(text))) && answeredOnly(history[len(history)-1]) {
		// "ok" after an answer, a report or a refusal: the answer taken
		// in, no yes to a plan (only right after one is "ok" a yes: a plan
		// from before an answer was confirmed by the "ok" that thanked for
		// the answer).
		out = deploybot.Request{Kind: deploybot.KindSmalltalk, Text: text, Topic: deploybot.TopicAcknowledged, Intent: deploybot.Intent{
			Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: out.Lang, Confidence: 1}}
		return out
	}
	if out.Kind == deploybot.KindUnknown && len(history) > 0 && strings.ContainsAny(text, "?¿") && isBotReply(history[len(history)-1]) &&
		slotAsks[botTurnOf(history[len(history)-1]).asks] && len(wordsOf(text)) >= 5 {
		// "what's the actual difference between staging and production
		// here anyway?" after "Which environment…?": no answer, a
		// question of its own, answered as such (it was not understood).
		if q := r.alone(ctx, text); q.Kind == deploybot.KindQuestion {
			q.Text = text
			return q
		}
	}
	if len(history) > 0 && strings.ContainsAny(text, ",;") && isBotReply(history[len(history)-1]) &&
		!(out.Kind == deploybot.KindCommand && (out.Command == deploybot.CmdApprove || out.Command == deploybot.CmdDeny) && out.Arg("id") != "") {
		if o, ok := r.pickSaidApart(ctx, out, history, botTurnOf(history[len(history)-1])); ok {
			return o // "deny bob's, no QA yet", "le premier c'est bon, approuve" after the pending list
		}
	}
	if out.Kind != deploybot.KindAction {
		return out
	}
	if out.Intent.Intent == deploybot.IntentRollback && out.App == "" && out.Env == "" && out.UnknownApp == "" && out.UnknownEnv == "" &&
		out.Version == "" && len(history) > 0 && itRolledBack(text) {
		if m := lastStarted(history[len(history)-1]); m != nil {
			// "roll it back" right after the bot started a deployment:
			// that deployment's project and environment (the plan shows
			// them, and waits for a yes).
			if app, ok := r.project(m[1]); ok {
				if env, ok := r.envOf(app, m[3]); ok {
					out.App, out.SubjectApp, out.Env, out.SubjectEnv = app, app, env, env
				}
			}
		}
	}
	// The checks of an order read whole, after everything else: what the
	// message says of the order may make it none.
	words, first := wordsOf(text), wordsOf(clauses(text)[0])
	if out.Intent.Intent == deploybot.IntentRollback && out.Version != "" && shippedVersion(words, out.Version) {
		// "login is broken since we shipped 3.4.0 to prod, roll it back":
		// the version told as shipped is the one that broke, never the
		// one to go back to (it planned a rollback to 3.4.0); the bot
		// finds the last good one.
		out.Version, out.BadVersion = "", ""
	}
	switch {
	case out.Intent.Intent == deploybot.IntentDeploy && len(words) > 0 && notShipping.has(words[0]) && envsNamed(words) > 1:
		// "clone prod to staging", "sync prod to staging": data or
		// traffic moved, no build shipped.
	case out.Intent.Intent == deploybot.IntentRollback && slices.ContainsFunc(words, rehearsalWords.has) && !slices.ContainsFunc(words, rehearsalOver.has):
		// "dry run a rollback of web in prod I think", "on s'exerce au
		// rollback de l'api en staging ?", "exercer le rollback de l'api
		// en prod": a rehearsal the drill rule did not take (doubted,
		// asked, told) is never the real rollback.
	case dropped(text, out.Intent.Intent):
		// "laisse tomber le rollback, déploie plutôt le fix 3.0.5 en
		// prod" rolled back to 3.0.5: the order the message drops is
		// never run. The other one is not read either: an attack found it
		// told of yesterday, of a colleague, addressed to one or denied
		// as often as ordered; the bot answers, and asks.
		return r.noCommand(out)
	case out.App == "" && out.Env == "" && out.UnknownApp == "" && out.UnknownEnv == "" && !out.FollowUp && !hasActionWord(normalize(text)) &&
		slices.ContainsFunc(words, func(w string) bool { return len(w) >= 4 && randomLetters(w) && versionToken(w) == "" }):
		// "kdjfh 2.3 lkj": a version among random letters is no order
		// (it planned a production deploy of 2.3).
		return r.noCommand(out)
	case !out.FollowUp && askedOfMe(first) && !slices.ContainsFunc(clauses(text)[1:], goClause):
		// "Julie m'a demandé de déployer l'api en préprod, je le ferai
		// demain", "the client asked me to roll back web": someone's
		// request told, not the person's order (it planned the deploy).
	case !out.FollowUp && r.underwayBy(first):
		// "bob is rolling back web prod", "Léa est en train de rollback le
		// site en preprod", "je suis en train de déployer le site": told
		// as under way, by someone (each planned it).
	case softWish(words) && wantOrder(words) != "" && wishTailed(text):
		// "I'd like to deploy web 3.2.2 to production, but not today",
		// "je voudrais déployer le site en prod, qui valide ?", "…,
		// @carol can you do it?": a wish the rest of the message puts
		// off, asks about or hands on (each planned the deploy).
	case r.metaVerbOnOrder(text) == out.Intent.Intent:
		// "can you stop the deploy of api to prod?", "tu peux reporter le
		// déploiement de l'api en prod ?", "simule un déploiement de
		// l'api 1.12.0": a verb done to the order, not the order (each
		// planned the deploy; found by an attack).
	default:
		return out
	}
	return noOrder(out, out.Route)
}

// shippedVerbs tell a version shipped: "since we shipped 3.4.0", "depuis
// qu'on a livré la 3.4.0".
var shippedVerbs = setOf("shipped", "deployed", "pushed", "released", "installed", "livre", "livree", "deploye", "deployee", "pousse",
	"poussee", "sorti", "sortie", "mis", "mise", "installe")

// shippedVersion reports whether version is told as shipped since a
// fault: "since we shipped 3.4.0", "depuis qu'on a livré la 3.4.0", a verb
// of shipping in the three words before it, after "since" or "depuis";
// not "the version we shipped last week, 3.3.9" (the one to go back to).
func shippedVersion(words []string, version string) bool {
	for i, w := range words {
		if !sameVersion(w, version) {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if shippedVerbs.has(words[j]) && slices.ContainsFunc(words[max(0, j-4):j], func(v string) bool {
				return v == "since" || v == "depuis" || v == "after" || v == "apres"
			}) {
				return true
			}
		}
	}
	return false
}

// rehearsalOver say the rehearsal is over, the rollback after it real:
// "dry run failed, roll back api staging", "exercice fini, rollback … pour
// de vrai".
var rehearsalOver = setOf("over", "done", "finished", "fini", "finie", "termine", "terminee", "real", "vrai", "failed", "echoue", "rate")

// rehearsalWords say a rehearsal: a rollback beside them is practised,
// never run for real.
var rehearsalWords = setOf("rehearse", "rehearsal", "practice", "practise", "exercise", "exercice", "exerce", "exercer", "exercons", "exercez",
	"simulate", "simulation", "simule", "simuler", "simulons", "dry", "dry-run", "dryrun", "repeter", "repetons", "repetition", "entrainement",
	"entraine", "drill", "drills")

// dropped reports whether text drops an order of this kind before giving
// another (droppedThenOrder).
func dropped(text string, intent deploybot.IntentKind) bool {
	d, ok := droppedThenOrder(text)
	return ok && d == intent
}

// softWish reports whether words open with a wish in the conditional ("I'd
// like to", "we would love to", "je voudrais", "on aimerait"), softer
// than "I want to" or "we need to", which an incident told after does not
// weaken ("we need to undo the api release on live, customers can't pay").
func softWish(ws []string) bool {
	if len(ws) < 3 {
		return false
	}
	switch {
	case (ws[0] == "i" || ws[0] == "we") && (ws[1] == "d" || ws[1] == "would") && (ws[2] == "like" || ws[2] == "love"):
		return true
	case (ws[0] == "je" || ws[0] == "j" || ws[0] == "on") && (ws[1] == "voudrais" || ws[1] == "voudrait" || ws[1] == "aimerais" ||
		ws[1] == "aimerait" || ws[1] == "souhaiterais" || ws[1] == "souhaiterait"):
		return true
	}
	return false
}

// wishTailed reports whether a clause after a wish's asks, names someone,
// negates or opposes: "…, but not today", "…, who approves?", "…, @carol
// can you do it?", "… but I can't, it's frozen".
func wishTailed(text string) bool {
	cls := clauses(text)
	if strings.ContainsAny(text, "@?¿") {
		return true // "I'd like to rollback web prod?", "…, right team?"
	}
	for k, cl := range cls {
		ws := wordsOf(cl)
		if k == 0 {
			if i := slices.IndexFunc(ws, func(w string) bool { return w == "but" || w == "mais" }); i > 0 {
				return true // "I want to deploy web to production but I can't"
			}
			continue
		}
		if strings.ContainsAny(cl, "?¿") || slices.ContainsFunc(ws, func(w string) bool {
			return negationWords.has(w) || w == "not" || w == "pas" || w == "but" || w == "mais" || w == "t" || w == "cannot" ||
				w == "otherwise" || w == "sinon" || deferrals.has(w) || laterTimes.has(w)
		}) {
			return true
		}
	}
	return false
}

// parseChecked is the message read with its history, then the checks
// of what that reading may take from the message.
func (r *Router) parseChecked(ctx context.Context, text string, history []string) deploybot.Request {
	return r.lockStatementChecked(ctx, text, history, r.parseChecks(ctx, text, history))
}

// parseChecks is parseChecked before lockStatementChecked.
func (r *Router) parseChecks(ctx context.Context, text string, history []string) deploybot.Request {
	return r.takenBackAtEnd(laterChecked(reasonTrimmed(r.idChecked(r.yesChecked(r.fragmentChecked(ctx, r.versionOwned(r.toldAnswer(r.envKept(ctx, r.directionKept(ctx, r.parse(ctx, text, history), text, history), text, history), text, history)), text, history), text, history), text, history)), text), text)
}

// lockStatementChecked reads an order again without the clauses that tell
// what something blocks or freezes ("la mep bloque le front en prod",
// "le back dégèle la prod", "le gel bloque tout, gèle la prod"): once
// their lock verb was no order (thirdPersonLock), the model read the
// words left as a deploy or a rollback of what they name, or the freeze
// after them took their "tout". The clauses left decide; none left, the
// message is talk on its route.
func (r *Router) lockStatementChecked(ctx context.Context, text string, history []string, req deploybot.Request) deploybot.Request {
	acts := req.Kind == deploybot.KindAction || req.Kind == deploybot.KindCommand && consequential[req.Command]
	if !lockVerbIn(wordsOf(text)) {
		return req
	}
	rest, stated := r.lockStatementDropped(text)
	if len(stated) == 0 {
		return req
	}
	bare := r.bareOrders(rest)
	if !acts {
		if bare {
			// "le cache bloque la prod, rollback api prod": the order in a
			// clause of its own.
			if out := r.parseChecks(ctx, rest, history); out.Kind == deploybot.KindAction {
				out.Text = text
				return out
			}
		}
		return req
	}
	if reason := req.Arg("reason"); req.Kind == deploybot.KindCommand && reason != "" &&
		slices.ContainsFunc(stated, func(cl string) bool { return strings.Contains(reason, strings.TrimSpace(cl)) }) {
		return req // "lock api prod: le bug bloque tout": the statement is the lock's reason
	}
	if strings.Trim(rest, " ,;:.!-—–") != "" {
		if out := r.parseChecks(ctx, rest, history); out.Kind == deploybot.KindAction || out.Kind == deploybot.KindCommand {
			if req.Kind == deploybot.KindAction && out.Kind == deploybot.KindAction {
				// "le paiement est bloqué en prod depuis la MEP, remets la
				// version précédente": the order is the rest's, its
				// environment may be the statement's. Only an order said
				// bare: not what the rest reports ("la mep bloque le
				// front, deploy annulé", "…, rollback api prod pas utile",
				// "…, Paul fait un rollback web prod").
				if !bare {
					return r.statementOnly(req)
				}
				return req
			}
			if req.Kind == deploybot.KindAction || out.Kind == deploybot.KindAction || out.Command != req.Command || !scopeCommands[out.Command] ||
				slices.ContainsFunc(wordsOf(rest), func(w string) bool {
					return names.has(w) || personWords.has(w) || negationWords.has(w) || w == "not" || w == "pas" || reportedParticiples.has(w) ||
						lockNoNeed.has(w)
				}) || strings.Contains(rest, "@") {
				// A lock's statement, then an order of another kind, or a
				// yes ("le cache bloque la prod, oui" confirmed the plan
				// waiting): neither.
				return r.statementOnly(req)
			}
			out.Text = text
			return out
		}
	}
	return r.statementOnly(req)
}

// bareOrders reports whether every clause of text, after its openers,
// is an order said bare (bareOrder): "rollback api prod", "*urgent* : MEP
// du front en 3.0.8", "remets la version précédente".
func (r *Router) bareOrders(text string) bool {
	n := 0
	for _, cl := range clauses(text) {
		ws := wordsOf(cl)
		if k := len(ws); k > 3 && ws[k-3] == "tout" && ws[k-2] == "de" && ws[k-1] == "suite" {
			ws = ws[:k-3] // "… en prod tout de suite"
		}
		for len(ws) > 0 && (bareOrderOpeners.has(ws[0]) || pleaseWords.has(ws[0])) {
			ws = ws[1:]
		}
		if len(ws) == 0 {
			continue
		}
		if slices.ContainsFunc(ws, func(w string) bool { return isActionWord(w) || hasRollbackStem([]string{w}) }) {
			if strings.ContainsAny(cl, "@~`") || !r.bareOrder(strings.Join(ws, " ")) || slices.ContainsFunc(ws[1:], reportedParticiples.has) {
				return false // "…, rollback api prod pas utile", "…, déploiement web prod refusé"
			}
			n++
			continue
		}
		// A clause beside the order tells of a thing, not of a person who
		// acts or doubts, or of another moment: "le correctif est prêt",
		// not "il s'en occupe", "je sais pas", "hier", "cc @paul".
		if strings.ContainsAny(cl, "@~`") || hasMoment(cl) || slices.ContainsFunc(ws, func(w string) bool {
			return names.has(w) || personWords.has(w) || answerNo.has(w) || negationWords.has(w) || w == "pas" || w == "not"
		}) {
			return false
		}
	}
	return n > 0
}

// personWords name who does or says something.
var personWords = setOf("il", "elle", "ils", "elles", "je", "j", "he", "she", "they", "i", "we", "nous", "vous", "you", "tu", "cc")

// bareOrderOpeners may open a clause before a bare order.
var bareOrderOpeners = setOf("urgent", "urgence", "asap", "vite", "ok", "okay", "bon", "alors", "donc", "so", "then", "du", "coup")

// statementOnly returns req as talk on its route: no action, no command.
func (r *Router) statementOnly(req deploybot.Request) deploybot.Request {
	route := req.Route
	if req.Kind == deploybot.KindCommand {
		route = deploybot.RouteOrchestrator
	}
	req.Kind, req.Command, req.Args, req.From, req.Version, req.BadVersion = deploybot.KindQuestion, "", nil, "", "", ""
	req.Intent = deploybot.Intent{Route: route, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: req.Confidence,
		SubjectApp: req.SubjectApp, SubjectEnv: req.SubjectEnv}
	return req
}

// lockNoNeed say a lock order is not needed or someone else's: "unlock
// prod not needed", "unlock prod by Paul".
var lockNoNeed = setOf("needed", "need", "besoin", "necessaire", "utile", "inutile", "by", "par")

// reportedParticiples after an order's words report what became of it:
// "deploy annulé", "rollback inutile", "déploiement repoussé".
var reportedParticiples = setOf("annule", "annulee", "annules", "repousse", "repoussee", "reporte", "reportee", "inutile", "rate", "ratee",
	"fait", "faite", "termine", "terminee", "cancelled", "canceled", "postponed", "failed", "done", "useless", "pointless", "aborted",
	"abandonne", "abandonnee", "echoue", "fini", "finie", "refuse", "refusee", "refused", "denied", "rejete", "rejetee")

// lockStatementDropped returns text without its clauses whose lock verb
// tells what something does (thirdPersonLock), and those clauses.
func (r *Router) lockStatementDropped(text string) (rest string, stated []string) {
	var kept []string
	for _, cl := range clauses(text) {
		ws := wordsOf(cl)
		if slices.ContainsFunc(ws, func(w string) bool { _, ok := lockVerbs[w]; return ok }) && r.statesLock(ws) {
			stated = append(stated, cl)
			continue
		}
		kept = append(kept, cl)
	}
	return strings.Join(kept, ", "), stated
}

// statesLock reports whether every lock verb of a clause's words tells
// what something does.
func (r *Router) statesLock(ws []string) bool {
	for i, w := range ws {
		if _, ok := lockVerbs[w]; ok && !r.thirdPersonLock(ws, i) {
			return false
		}
	}
	return true
}

// versionOwned drops from an action the version the message writes
// after another project's name: "déploie le front en recette avec le back
// 2.4.1", "le front 1.1.0 …, il dépend du back 2.4.1", "mets le back en
// recette, le site reste en 1.0.0" planned the one project at the other's
// version. The bot asks for the version instead.
func (r *Router) versionOwned(req deploybot.Request) deploybot.Request {
	if req.Kind != deploybot.KindAction || req.Version == "" || req.App == "" {
		return req
	}
	v := strings.TrimPrefix(fold(req.Version), "v")
	ws := wordsOf(req.Text)
	i := slices.IndexFunc(ws, func(w string) bool { return strings.TrimPrefix(w, "v") == v })
	if i < 0 {
		return req
	}
	if owner := r.versionOwner(ws, i); owner == "" || owner == req.App {
		return req
	}
	// Another project's version: the action's own, written after its
	// name, if the message has one ("le front 1.1.0 …, il dépend du back
	// 2.4.1"); else none, and the bot asks.
	req.Version = ""
	for j, w := range ws {
		if j != i && startsWithDigit(strings.TrimPrefix(w, "v")) && strings.Contains(w, ".") && r.versionOwner(ws, j) == req.App {
			req.Version = w
			break
		}
	}
	return req
}

// versionOwner returns the project named right before the version at
// ws[i] (within three words), or "". A shortened name counts only after
// its article ("du back 2.4.1"; not "roll web back to 3.2.0").
func (r *Router) versionOwner(ws []string, i int) string {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if p, ok := r.ix.names[ws[k]]; ok {
			return p
		}
		if p := r.ix.short[ws[k]]; p != "" && k > 0 && (ws[k-1] == "le" || ws[k-1] == "du" || ws[k-1] == "the" || ws[k-1] == "l") {
			return p
		}
	}
	return ""
}

// toldAnswer keeps news from changing the plan waiting: "2.4.0
// en recette depuis lundi" right after the plan of api 2.4.1 to
// production was that plan moved to staging at 2.4.0, and the "ok" after
// it ran the downgrade. A message with no word of an order that tells a
// state, a past or an outcome in its first clause is talk.
func (r *Router) toldAnswer(req deploybot.Request, text string, history []string) deploybot.Request {
	if len(history) == 0 || req.Kind != deploybot.KindAction || req.Intent.Intent != deploybot.IntentDeploy || !confirmPrompt(history[len(history)-1]) ||
		hasRollbackStem(wordsOf(history[len(history)-1])) {
		return req // an answer to a question ("celle qui est en recette" to "Which version?") completes its order
	}
	ws := wordsOf(text)
	if slices.ContainsFunc(ws, func(w string) bool { return orderSaid(w) || pleaseWords.has(w) || verblessReady.has(w) }) {
		return req
	}
	if !toldIn(wordsOf(clauses(text)[0])) && !strings.ContainsAny(text, "✅✔🎉👌?¿") {
		return req // "la 2.4.2 plutôt": a change; "1.0.0 ?", "et la 1.0.0 ?" ask
	}
	return noOrder(req, r.deployRoute(req.Env))
}

// envKept keeps an order's own target when it names an environment the
// project lacks: "deploy web 1.1.0 to qa2", "… to staging-v2 now", "sur la
// prod2" after a production plan were that plan's production (the yes
// after it deployed there). The environment named is asked about, never
// taken from the conversation.
func (r *Router) envKept(ctx context.Context, req deploybot.Request, text string, history []string) deploybot.Request {
	if len(history) == 0 || req.Kind != deploybot.KindAction || req.Env == "" || req.UnknownEnv != "" {
		return req
	}
	own := r.alone(ctx, text)
	if own.Kind != deploybot.KindAction || own.Env != "" || own.UnknownEnv != "" || own.App == "" {
		return req
	}
	x := r.unknownTarget(text)
	if x == "" {
		return req
	}
	own.Env, own.UnknownEnv = fold(x), x
	if own.Intent.Intent == deploybot.IntentDeploy {
		own.Route = deploybot.RouteStaging // as alone reads an environment it does not know
	}
	return own
}

// unknownTarget returns the word an order names as its target ("to qa2",
// "en preprod-2", "sur la prod2", "--env prod2", "env=prod2") when it is
// no environment, project or version the router knows; "" otherwise.
func (r *Router) unknownTarget(text string) string {
	if !strings.ContainsAny(text, "0123456789-_.") {
		return "" // no name of that kind: "to the client", "en urgence"
	}
	fs := strings.Fields(targetSpacer.Replace(text))
	for _, f := range fs {
		// "web 1.1.0 prod2", "(prod2)", "-e prod2", "→ staging2": an
		// environment's word numbered, wherever it stands.
		x := strings.Trim(f, ",;:!?.()[]\"'`")
		if base := strings.TrimRight(fold(x), "0123456789-_"); base != fold(x) && len(base) >= 2 {
			if _, env := envWordOf(base); env {
				return x
			}
		}
	}
	for i := 0; i+1 < len(fs); i++ {
		w := strings.ToLower(strings.Trim(fs[i], ",;:!?."))
		if w != "to" && w != "en" && w != "sur" && w != "on" && w != "in" && w != "vers" && w != "--env" && w != "env" && w != "into" &&
			w != "for" && w != "dans" && w != "→" && w != "->" && w != "-e" && w != "target" && w != "onto" && w != "@" {
			continue
		}
		j := i + 1
		if a := strings.ToLower(fs[j]); (a == "la" || a == "le" || a == "the" || a == "l'") && j+1 < len(fs) {
			j++
		}
		x := strings.Trim(fs[j], ",;:!?")
		x = strings.TrimPrefix(x, "l'")
		f := fold(x)
		if f == "" || startsWithDigit(strings.TrimPrefix(f, "v")) || !strings.ContainsFunc(f, unicode.IsLetter) {
			continue
		}
		if _, ok := envWordOf(f); ok {
			return ""
		}
		if _, ok := r.nameOrShort(f); ok {
			continue
		}
		if !strings.ContainsAny(f, "0123456789-_.") {
			continue // "to the client", "en urgence": words, not a name
		}
		return x
	}
	return ""
}

// directionKept keeps the action a message orders on its own when the
// conversation would turn it into the other action: "rolbak webb demo"
// (a rollback of a project mistyped) after the plan of a deploy of api
// to demo was read as that plan moved to demo, and the "yes" after it
// deployed api. A message that orders a rollback, or a deploy, is never
// the other; the project or environment it lacks is asked for.
func (r *Router) directionKept(ctx context.Context, req deploybot.Request, text string, history []string) deploybot.Request {
	if len(history) == 0 || req.Kind != deploybot.KindAction {
		return req
	}
	own := r.alone(ctx, text)
	if own.Kind != deploybot.KindAction || own.Intent.Intent == req.Intent.Intent {
		return req
	}
	// Only a message with a verb of its own direction says it: "prod"
	// after "rollback api" and "Which environment?" continues the
	// rollback; "go, 1.2.0" and "yes go, the qa found regressions" answer
	// the plan before them.
	ws := wordsOf(text)
	said := false
	if own.Intent.Intent == deploybot.IntentRollback {
		said = slices.ContainsFunc(ws, func(w string) bool { return hasRollbackStem([]string{w}) || rollbackTypo(w) })
	} else {
		fixed, typo := r.typoVerb(text)
		said = slices.ContainsFunc(ws, deployVerbs.has) || typo && slices.ContainsFunc(wordsOf(fixed), deployVerbs.has)
	}
	if !said {
		return req
	}
	return own
}

// takenBackAtEnd reads an action whose last clause takes it back as no
// order: "ok, rb api prod, no wait" (a production deploy of api's latest
// version), "deploy web to prod, nvm".
func (r *Router) takenBackAtEnd(req deploybot.Request, text string) deploybot.Request {
	if req.Kind != deploybot.KindAction {
		return req
	}
	ws := wordsOf(firstClause(text))
	for len(ws) > 1 && (politeWords.has(ws[0]) || interjections.has(ws[0])) {
		ws = ws[1:] // "please lock prod on the site, …", "ok, gèle l'api en prod, …"
	}
	if len(ws) > 0 && !slices.ContainsFunc(ws, isActionWord) && !slices.ContainsFunc(ws, namedRollback) &&
		(lockVerbIn(ws[:1]) || freezeWords.has(ws[0])) && (r.namesSlot(ws) || slices.ContainsFunc(ws, allWords.has)) && !slices.ContainsFunc(ws, doneParticiples.has) {
		// "gèle l'api en prod, staging aussi", "verrouille l'api en prod,
		// staging non": a lock or a freeze said first, its tail no
		// command the bot can do; never a deploy (a promotion from
		// staging was planned).
		return noOrder(req, deploybot.RouteOrchestrator)
	}
	cls := clauses(text)
	if len(cls) < 2 {
		return req
	}
	last := strings.TrimSpace(cls[len(cls)-1])
	lw := wordsOf(last)
	k := r.tailOf(last)
	if k != tailTakesBack || r.namesSlot(lw) || slices.ContainsFunc(lw, func(w string) bool { return versionToken(w) != "" }) {
		return req // not "api, I mean web", "staging, sorry, I meant prod": a correction
	}
	return noOrder(req, req.Route)
}

// namedRollback reports whether w is a rollback's own word ("rollback",
// "revert", "rb"), not "back" ("débloque le back en prod" unlocks the
// backend).
func namedRollback(w string) bool {
	return w == "rollback" || w == "revert" || rollbackShort.has(w) || rollbackMisspelled(w)
}

// freezeWords open a freeze.
var freezeWords = setOf("freeze", "gel", "gele", "geler", "gelez", "unfreeze", "degele", "degeler", "lock", "unlock", "verrouille", "deverrouille",
	"bloque", "bloquer", "bloquez", "block", "debloque", "unblock")

// sameLeadRe opens a message with "the same" in French words before
// what it applies to: "même chose pour l'api", "la même en prod" (not
// "même pour un hotfix ?", "even for").
var sameLeadRe = mustCompile(`(?i)^\s*(?:et\s+)?(?:la\s+m[êe]me(?:\s+chose)?|m[êe]me\s+chose)\s+(pour|en|sur|avec)\b`)

// laterChecked reads an action said with no word of its own (no verb,
// no rollback's word, no version) and a word of later or of someone
// else's doing as no order: "ok on le fera demain, api prod", "api prod
// tmrw" (each planned a production deploy now).
func laterChecked(req deploybot.Request, text string) deploybot.Request {
	if req.Kind != deploybot.KindAction || req.Version != "" || req.Arg("replaces") != "" {
		return req
	}
	text = withoutAlreadySaid(text) // "api, I just said so": no moment
	if i, _, ok := clauseBreak(text); ok && i > 0 && req.FollowUp && redoAsked(text) {
		text = text[:i] // "retry now, devops says the executor is configured": why it may run, no report of another's order
	}
	ws := wordsOf(text)
	if req.From != "" && laterMoment(text) {
		// "deploy web to staging now and prod tomorrow" planned the
		// promotion from staging to production now: a promotion with a
		// moment of later is no order now, whatever its verbs.
		return noOrder(req, req.Route)
	}
	if hasActionWord(normalize(text)) || hasRollbackStem(ws) || slices.ContainsFunc(ws, rollbackSlang) {
		return req
	}
	if slices.ContainsFunc(ws, laterTimes.has) || slices.ContainsFunc(ws, laterSaid.has) || slices.ContainsFunc(ws, laterSlang.has) ||
		laterMoment(text) {
		return noOrder(req, req.Route)
	}
	return req
}

// rollbackSlang are words of going back the stems miss: "rbk", "revet",
// "restore", "goback", "prev", "retrograde".
func rollbackSlang(w string) bool {
	switch w {
	case "rb", "rbk", "rlbk", "rbck", "reverse", "goback", "prev", "previus", "restore", "restaure", "restaurer", "retrograde",
		"retrograder", "downgrade", "avant", "good", "bonne", "undo":
		return true
	}
	return rollbackMisspelled(w) || len(w) >= 4 && w[0] == 'r' && distance(w, "revert") <= 1
}

// rbAfterLeads splits text into the words of request that lead it ("plz
// ", "can you ", "tu peux "), its first word after them and the rest.
func rbAfterLeads(text string) (lead, first, rest string, cut bool) {
	t := strings.TrimSpace(text)
	var b strings.Builder // not lead += w + " ": a long run of leads ("ok ok …") copied lead once a word
	for {
		w, after, ok := strings.Cut(t, " ")
		if !ok || !rbLeads.has(fold(w)) {
			break
		}
		b.WriteString(w)
		b.WriteByte(' ')
		t = strings.TrimSpace(after)
	}
	first, rest, cut = strings.Cut(t, " ")
	return b.String(), first, rest, cut
}

// rbLeads may stand before "rb": "plz rb api prod", "can you rb …", "tu
// peux rb …".
var rbLeads = setOf("plz", "pls", "please", "stp", "svp", "can", "could", "you", "u", "tu", "peux", "pourrais", "vous", "pouvez", "merci",
	"de", "so", "donc", "alors", "ok", "now", "maintenant", "vite", "quick", "urgent")

// rollbackShort are a rollback's short names in chat.
var rollbackShort = setOf("rb", "rbk", "rlbk", "rbck")

// rbOrder reports whether text is a rollback's short name with only
// words of hurry or an environment's: "rb stp", "rb now", "rb prod"; not
// "rb ok", "rb by bob" (a report, a hand-off), nor "rb ✅" (a verdict).
func rbOrder(text string) bool {
	words := wordsOf(text)
	if len(words) == 0 || !rollbackShort.has(words[0]) || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) {
		return false
	}
	if len(words) == 1 {
		return true
	}
	for _, w := range words[1:] {
		if _, env := envWordOf(w); !env && !hurryWords.has(w) && !politeWords.has(w) {
			return false
		}
	}
	return true
}

// fragmentChecked reads an environment named alone with words of sequel
// ("now in production", "en prod", "ok now prod?", "maintenant en prod")
// as an order only where the conversation makes it one: the answer to
// the bot's question for an environment, or the person's last order
// again there. Elsewhere it is no order (the model read a rollback in
// it; attack 17 found 101 ways, after a question, a status, talk or
// nothing): what runs there.
func (r *Router) fragmentChecked(ctx context.Context, req deploybot.Request, text string, history []string) deploybot.Request {
	if req.Kind != deploybot.KindAction || req.Env == "" && req.UnknownEnv == "" {
		return req // most messages: no action with an environment
	}
	if req.Arg("replaces") != "" {
		return req // "non, staging" after a plan's "Confirm?": the plan changed, a new one to confirm
	}
	if n := len(history); n > 0 && req.Intent.Intent == deploybot.IntentDeploy && r.refusedPlan(history[n-1]) {
		if out, ok := r.firstThere(ctx, text, history); ok && out.App == req.App && out.Env == req.Env {
			return req // "non, staging" after a plan refused (holdout63: it read the status of staging)
		}
	}
	fw := wordsOf(text)
	if req.Intent.Intent == deploybot.IntentRollback && rbOrder(text) {
		return req // "rb stp" after a deployment's card: its rollback (it showed the status)
	}
	if req.Intent.Intent == deploybot.IntentRollback && !hasRollbackStem(fw) {
		// "let's go prod", "go prod" read as a rollback: a go is no
		// going back.
		fw = slices.DeleteFunc(slices.Clone(fw), func(w string) bool { return w == "go" || w == "let" || w == "lets" || w == "s" })
	}
	if req.Kind != deploybot.KindAction || (req.Env == "" && req.UnknownEnv == "") || req.App != "" && !r.fromHistory(req, text) ||
		!envFragment(fw, strings.ToLower(req.UnknownEnv)) && !sameThingRe.MatchString(commandLine(text)) {
		return req
	}
	putOff := strings.ContainsAny(text, "?¿") || slices.ContainsFunc(wordsOf(text), fragmentLater.has) ||
		slices.ContainsFunc(wordsOf(text), func(w string) bool { return strings.ContainsAny(w, "0123456789") }) ||
		len(history) > 0 && reportsFailure(history[len(history)-1]) // not the failed version carried on
	if n := len(history); n > 0 && !putOff && (slotAsked(history[n-1]) == "env" || botTurnOf(history[n-1]).asks == "env") {
		return req // the answer to the bot's "Which environment?"
	}
	if n := len(history); n > 0 && req.Intent.Intent == deploybot.IntentRollback && noGoodVersion(history[n-1]) && refusalSequelSaid(text) {
		return req // "and on staging?" after a rollback refused for want of a good version: that rollback there (refusalSequelOrder)
	}
	if last, ok := r.lastPersonRequest(ctx, history); ok && !putOff && last.Kind == deploybot.KindAction && last.Intent.Intent == req.Intent.Intent {
		return req // "staging" after "deploy api" and "Which environment?", "et en prod" after "deploy web v1.2.0 to staging"
	}
	return deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdStatus,
		Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Env: req.Env,
			Lang: req.Lang, Confidence: 1, SubjectEnv: req.Env}, UnknownEnv: req.UnknownEnv}
}

// replySequel reads a message as what follows from the bot's last reply
// in particular: a refusal ("no earlier good version", a plan its rules
// refused, "no executor configured", "nothing to promote", "I don't
// schedule orders"), a setting noted, a plan handed to someone. Each
// reading first looks at that reply and reads nothing when it is not its
// own; the first that reads the message wins.
func (r *Router) replySequel(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	for _, sequel := range []func(context.Context, string, []string) (deploybot.Request, bool){
		r.refusalSequelOrder,    // "and on staging?", "try v2.7.5 then"
		r.firstThere,            // "fine, staging first then"
		r.insteadAfterRefusal,   // "deploy api 3.0.1 instead", "bon alors déploie la 2.9.0 en prod"
		r.promotionVersionGiven, // "3.1.0 then" after "nothing to promote. Name a version"
		r.correctedAfterRefusal, // "my bad, api not web", "non c'est la prod que je voulais"
		r.laterOrderGivenNow,    // "ok, then put it on staging now"
		r.settingUndone,         // "undo that"
		r.reminderDropped,       // "supprime le 2" after the reminders, "actually delete it" after one noted
		r.orderHandedOn,         // "@alice can you run it for me?"
		r.executorAsked,         // "who configures that?"
	} {
		if out, ok := sequel(ctx, text, history); ok {
			return out, true
		}
	}
	return deploybot.Request{}, false
}

// refusalSequelOrder reads "and on staging?" right after "rollback api
// prod" and "❌ no earlier good version of api on production to roll back
// to": the rollback asked there instead (nothing ran; a plan to confirm).
// Said with anything more ("hmm", "same?", an emoji) it is no order: the
// state there, as any sequel asked.
func (r *Router) refusalSequelOrder(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	n := len(history)
	if n == 0 || !noGoodVersion(history[n-1]) {
		return deploybot.Request{}, false
	}
	env, ok := refusalSequel(text)
	if !ok {
		return r.refusalVersionOrder(ctx, text, history)
	}
	last, ok := r.lastPersonRequest(ctx, history)
	if !ok || last.Kind != deploybot.KindAction || last.Intent.Intent != deploybot.IntentRollback || last.App == "" || last.Env == env {
		return deploybot.Request{}, false
	}
	last.Env, last.SubjectEnv, last.UnknownEnv, last.Version = env, env, "", ""
	last.Route, last.Text, last.FollowUp = deploybot.RouteRollback, text, true
	return last, true
}

// firstThere reads "fine, staging first then", "bon ben en staging
// d'abord" right after a plan its rules refused ("… has not succeeded on
// staging … Refused: nothing ran."): the words of the staging-first rule
// heard left out, the answer as any environment told after a plan (the
// same order there, a new plan). Elsewhere "staging first, then api" or
// "yes to staging first" stay what they were: two steps, or a yes with a
// condition.
func (r *Router) firstThere(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	if strings.ContainsAny(text, "?¿@~`*_") || !r.refusedPlan(history[len(history)-1]) || skipEmojiAnywhere(text) {
		return deploybot.Request{}, false // not "d'accord, staging then 🤔"
	}
	ws := wordsOf(text)
	if !slices.ContainsFunc(ws, firstWords.has) {
		// "fine, staging then", "non, staging", "ok fine staging": the
		// environment alone with words of consent (a "no" said apart
		// from it, refusing the refused target).
		rest := slices.DeleteFunc(slices.Clone(ws), thenFillers.has)
		at := slices.Index(ws, wordAt(rest, 0))
		if len(rest) != 1 || len(ws) < 2 || slices.ContainsFunc(ws[at+1:], func(w string) bool { return !thenAfter.has(w) }) ||
			!slices.ContainsFunc(ws, func(w string) bool { return thenAfter.has(w) || thenConsent.has(w) }) ||
			(slices.Contains(ws, "no") || slices.Contains(ws, "non")) && !noApartRe.MatchString(text) || strings.ContainsAny(text, "!…") {
			// (A doubt or anything else said is a word of rest: "fine,
			// staging then, probably" plans nothing.)
			return deploybot.Request{}, false
		}
		if _, env := envWordOf(rest[0]); !env {
			return deploybot.Request{}, false
		}
	} else if negated(ws) || slices.ContainsFunc(ws, func(w string) bool { return w == "no" || w == "non" }) {
		return deploybot.Request{}, false // "no staging first"
	}
	rest := slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return firstWords.has(w) || thenFillers.has(w) })
	line := strings.Join(rest, " ")
	if s, ok := r.fragment(line); !ok || s.env == "" || s.app != "" || s.version != "" {
		return deploybot.Request{}, false
	}
	out := r.parse(ctx, line, history)
	if out.Kind != deploybot.KindAction || out.Intent.Intent != deploybot.IntentDeploy || out.From != "" {
		return deploybot.Request{}, false // not after a refused rollback or promotion
	}
	if last, ok := r.lastPersonRequest(ctx, history); !ok || last.Env == out.Env {
		return deploybot.Request{}, false // "well, prod" after production's refusal: the refused target again
	}
	out.Text = text
	return out, true
}

// stateOfRe is the title of the bot's state card of one project, in
// folded text: "Status of web", "État de api".
var stateOfRe = mustCompile(`^(?:status of|etat de) ([\w-]+)\n`)

// thenFillers may stand around an environment said after a refusal:
// "fine, staging then", "bon ben en recette alors", "non, staging".
var thenFillers = setOf("fine", "ok", "okay", "then", "alors", "bon", "ben", "bah", "donc", "so", "well", "d", "accord", "soit", "no", "non",
	"en", "on", "to", "in", "sur", "la", "the", "let", "lets", "s", "ugh", "ah", "oh", "right", "sure", "first", "abord")

// thenAfter may follow the environment said after a refusal ("staging
// then", "en recette alors"; not "staging fine", "prod okay": a verdict),
// thenConsent may open it ("fine, staging", "ok fine staging", "bon, en
// recette"); one of them is said.
var (
	thenAfter   = setOf("then", "alors", "donc")
	thenConsent = setOf("fine", "ok", "okay", "bon", "ben", "bah", "accord", "soit", "no", "non", "right", "sure")
)

// noApartRe opens with a no said apart, before a comma or a stop: "no,
// staging", "non. recette".
var noApartRe = mustCompile(`^\s*(?i:no|non)\s*[,.;:]`)

// insteadAfterRefusal reads "alors déploie le back en 3.0.1 à la place",
// "deploy api 3.0.1 instead" right after the bot refused an order of
// another project ("❌ web/staging has no executor configured …: nothing
// can be deployed"): the new order where the refused one went, when it
// names no environment of its own and that project has it; and "bon
// alors déploie la 2.9.0 en prod" after a promotion refused: the refused
// order's project.
func (r *Router) insteadAfterRefusal(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	last := strings.TrimSpace(history[len(history)-1])
	if !strings.HasPrefix(last, "❌") && !strings.Contains(last, "promote") && !strings.Contains(last, "promouvoir") {
		return deploybot.Request{}, false // most replies: not folded on every message
	}
	t := fold(last)
	refused := strings.HasPrefix(last, "❌") && (strings.Contains(t, "nothing") || strings.Contains(t, "rien")) ||
		strings.Contains(t, "nothing to promote") || strings.Contains(t, "rien a promouvoir")
	if !refused || strings.ContainsAny(text, "?¿@") || hasMoment(text) || laterMoment(text) {
		return deploybot.Request{}, false
	}
	out := r.alone(ctx, text)
	if out.Kind != deploybot.KindAction || out.Intent.Intent != deploybot.IntentDeploy || out.UnknownEnv != "" || out.UnknownApp != "" ||
		out.From != "" || out.BadVersion != "" {
		return deploybot.Request{}, false
	}
	prev, ok := r.lastPersonRequest(ctx, history[:len(history)-1])
	if !ok || prev.Kind != deploybot.KindAction || prev.Intent.Intent != deploybot.IntentDeploy || prev.App == "" {
		return deploybot.Request{}, false
	}
	switch {
	case out.App != "" && out.Env == "" && insteadSaid(text) && prev.Env != "" && prev.App != out.App && r.hasEnv(out.App, prev.Env):
		out.Env, out.SubjectEnv, out.Route = prev.Env, prev.Env, r.deployRoute(prev.Env)
	case out.App == "" && out.Env != "" && out.Version != "" && r.projectsNamed(wordsOf(last)) <= 1 && r.hasEnv(prev.App, out.Env) &&
		slices.ContainsFunc(wordsOf(text), refusalSequelWords.has):
		// "bon alors déploie la 2.9.0 en prod" after "Rien ne tourne sur
		// staging pour api : rien à promouvoir.": that project's.
		out.App, out.SubjectApp = prev.App, prev.App
	default:
		return deploybot.Request{}, false
	}
	out.FollowUp = true
	return out, true
}

// promotionVersionGiven reads "3.1.0 then", "la 3.1.0 alors" right after
// the bot refused a promotion for want of a version on its source ("Nothing
// runs on staging for web: nothing to promote. Name a version: …"): the
// version it asked for, deployed where the promotion went (it went to
// staging, the environment the refusal names).
func (r *Router) promotionVersionGiven(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	last := strings.TrimSpace(history[len(history)-1])
	if !strings.Contains(last, "promote") && !strings.Contains(last, "promouvoir") || strings.ContainsAny(text, "?¿@") {
		return deploybot.Request{}, false
	}
	if t := fold(last); !strings.Contains(t, "nothing to promote") && !strings.Contains(t, "rien a promouvoir") {
		return deploybot.Request{}, false
	}
	s, ok := r.fragment(text)
	if !ok || s.version == "" || s.app != "" || s.env != "" || len(s.versions) > 1 || s.badVersion != "" ||
		strings.Count(s.version, ".") < 2 && !strings.HasPrefix(s.version, "v") && strings.Trim(s.version, "0123456789.") == "" {
		return deploybot.Request{}, false // not "la 10.30 alors": a time as often
	}
	prev, ok := r.lastPersonRequest(ctx, history[:len(history)-1])
	if !ok || prev.Kind != deploybot.KindAction || prev.Intent.Intent != deploybot.IntentDeploy || prev.App == "" || prev.Env == "" || prev.From == "" {
		return deploybot.Request{}, false
	}
	out := prev
	out.From, out.Version, out.BadVersion = "", s.version, ""
	out.Text, out.FollowUp = text, true
	if bt := botTurnOf(last); !r.saysLang(text) && bt.lang != "" {
		out.Lang = bt.lang // the conversation's, not "then"'s
	}
	return out, true
}

// correctedAfterRefusal reads a correction of the order the bot just
// refused for want of an executor ("❌ web/staging has no executor
// configured …: nothing can be deployed"): "my bad, api not web", "non
// c'est la prod que je voulais", "ah pardon, c'est le back que je voulais
// déployer" — the order changed as after a plan (correctedPlan), a new
// order to plan.
func (r *Router) correctedAfterRefusal(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	last := strings.TrimSpace(history[len(history)-1])
	if !strings.HasPrefix(last, "❌") || strings.ContainsAny(text, "?¿@") {
		return deploybot.Request{}, false
	}
	if t := fold(last); !strings.Contains(t, "nothing can be deployed") && !strings.Contains(t, "rien ne peut etre deploye") {
		return deploybot.Request{}, false
	}
	prev, ok := r.lastPersonRequest(ctx, history[:len(history)-1])
	if !ok || prev.Kind != deploybot.KindAction || prev.Intent.Intent != deploybot.IntentDeploy || prev.App == "" {
		return deploybot.Request{}, false
	}
	line := wantedCleftRe.ReplaceAllString(text, "$1$2")
	out, ok := r.correctedPlan(ctx, r.alone(ctx, line), prev, botTurn{text: last, asks: "refused"})
	if !ok || out.Kind != deploybot.KindAction || out.Intent.Intent != deploybot.IntentDeploy || out.App == prev.App && out.Env == prev.Env {
		return deploybot.Request{}, false
	}
	out.Text, out.FollowUp = text, true
	return out, true
}

// wantedCleftRe is a cleft that names what the writer wanted: "c'est la
// prod que je voulais", "c'est le back que je voulais déployer", "it's
// the api I meant".
var wantedCleftRe = mustCompile(`(?i)\bc['’]?est\s+((?:la|le|l['’])\s*\S+)\s+que\s+je\s+voulais(?:\s+(?:d[ée]ployer|mettre|livrer))?\b|\bit['’]?s\s+((?:the\s+)?\S+)\s+(?:that\s+)?i\s+(?:meant|wanted)\b`)

// laterOrderGivenNow reads "ok, then put it on staging now", "mets-la en
// recette maintenant" right after the bot's "I don't schedule orders"
// answered an order put off ("deploy api 2.8.0 to prod tomorrow at 10"):
// that project and version, now, where the answer says (or where the
// order went). Said on a pronoun only; a question orders nothing.
func (r *Router) laterOrderGivenNow(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	last := strings.TrimSpace(history[len(history)-1])
	if !strings.HasPrefix(last, laterRefusedEn) && !strings.HasPrefix(last, laterRefusedFr) || strings.ContainsAny(text, "?¿") ||
		!pointsBack(text) && !slices.ContainsFunc(wordsOf(text), func(w string) bool { return w == "now" || w == "maintenant" }) {
		// On a pronoun ("put it on staging now") or said now ("bon ben
		// déploie maintenant alors"): the order put off, given.
		return deploybot.Request{}, false
	}
	if hasMoment(text) || laterMoment(text) || strings.ContainsAny(text, "0123456789@\"“«>`") || !imperativeOpened(wordsOf(text)) ||
		slices.ContainsFunc(wordsOf(text), func(w string) bool { return butNotWords.has(w) || answerNo.has(w) || nowConditions.has(w) }) ||
		skipEmojiAnywhere(text) {
		return deploybot.Request{}, false // "put it on staging at 10", "I put it on staging already", "… mais pas en prod"
	}
	ws := wordsOf(text)
	for len(ws) > 1 && laterGoFillers.has(ws[0]) {
		ws = ws[1:] // "bon ben déploie maintenant alors": the order after its fillers
	}
	for len(ws) > 1 && thenAfter.has(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	out := r.alone(ctx, strings.Join(ws, " "))
	if out.Kind != deploybot.KindAction || out.Intent.Intent != deploybot.IntentDeploy || out.App != "" || out.UnknownApp != "" ||
		out.Version != "" || out.BadVersion != "" || out.From != "" || out.UnknownEnv != "" {
		return deploybot.Request{}, false
	}
	prev, ok := r.lastPersonRequest(ctx, history[:len(history)-1])
	if !ok || prev.Topic != deploybot.TopicLaterOrder || prev.SubjectApp == "" || prev.Route == deploybot.RouteRollback || strings.Contains(prev.Text, "@") ||
		hasRollbackStem(wordsOf(prev.Text)) || r.projectsNamed(wordsOf(prev.Text)) != 1 {
		// Not a rollback put off ("deploy it now" after "rollback api
		// prod tomorrow" deployed), nor two projects (one was dropped).
		return deploybot.Request{}, false
	}
	s := r.analyze(prev.Text).s
	if len(s.versions) > 1 || s.app != prev.SubjectApp {
		return deploybot.Request{}, false
	}
	out.App, out.SubjectApp, out.Version = prev.SubjectApp, prev.SubjectApp, s.version
	if out.Env == "" && prev.SubjectEnv != "" {
		out.Env, out.SubjectEnv, out.Route = prev.SubjectEnv, prev.SubjectEnv, r.deployRoute(prev.SubjectEnv)
	}
	if out.Env != "" && !r.hasEnv(out.App, out.Env) {
		return deploybot.Request{}, false
	}
	out.FollowUp = true
	return out, true
}

// laterRefusedEn and laterRefusedFr open the bot's answer to an order put
// off (agents' dispatch writes them).
const (
	laterRefusedEn = "I don't schedule orders"
	laterRefusedFr = "Je ne programme pas d'ordre"
)

// orderHandedOn reads "@alice can you run it for me?", "ok @alice tu
// peux le lancer pour moi ?" right after the bot's plan for the person's
// order: that order asked of someone else, talk of its topic (it was not
// understood); never an order of the bot's.
func (r *Router) orderHandedOn(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	ws := wordsOf(text)
	run := slices.ContainsFunc(ws, handedRunVerbs.has)
	for i, w := range ws {
		run = run || (w == "do" || w == "fais") && (wordAt(ws, i+1) == "it" || wordAt(ws, i+1) == "that" || wordAt(ws, i+1) == "le" || wordAt(ws, i+1) == "la")
	}
	if !strings.Contains(text, "@") || !addressedElsewhere(text) || !run {
		return deploybot.Request{}, false
	}
	req := r.alone(ctx, text)
	if req.Kind == deploybot.KindAction || req.Kind == deploybot.KindCommand {
		return deploybot.Request{}, false
	}
	last, ok := r.lastPersonRequest(ctx, history)
	if !ok || last.Kind != deploybot.KindAction || last.Env == "" {
		return deploybot.Request{}, false
	}
	route := r.deployRoute(last.Env)
	if last.Intent.Intent == deploybot.IntentRollback {
		route = deploybot.RouteRollback
	}
	return noOrder(req, route), true
}

// executorAsked reads "ah mince. who do I ask to set it up?", "qui
// configure ça ?" right after the bot's "❌ web/staging has no executor
// configured …": who sets the executor up, devops' (it was not
// understood).
func (r *Router) executorAsked(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	last := strings.TrimSpace(history[len(history)-1])
	if !strings.HasPrefix(last, "❌") || !strings.Contains(last, "executor") && !strings.Contains(last, "exécuteur") {
		return deploybot.Request{}, false
	}
	req := r.alone(ctx, text)
	if req.Kind != deploybot.KindQuestion && req.Kind != deploybot.KindUnknown || !devopsAsked(append(wordsOf(text), "executor")) {
		return deploybot.Request{}, false
	}
	return noOrder(req, deploybot.RouteDevops), true
}

// handedRunVerbs run what was planned: "run it", "lance-le".
var handedRunVerbs = setOf("run", "lance", "lancer", "launch", "execute", "execute-le", "lance-le", "lance-la", "fais-le")

// settingNotedRe is the bot's note of a setting changed, in folded text
// without its bold marks: "Noted: for project web, strategy = blue-green
// (was rolling, agency, file line 42).", "C'est noté : pour l'agence,
// approbation = none (avant : four-eyes, fichier ligne 49)."
var settingNotedRe = mustCompile(`^(?:noted|c'est note)\s*:\s*(?:for|pour)\s+(?:(?:project|le projet)\s+([\w-]+)|(the agency|l'agence)|[\w-]+/[\w-]+)\s*,\s*([^=\n]+?)\s*=\s*[^(\n]*\((?:was|avant :)\s*([^\n]*)\)`)

// settingUndone reads "actually undo that, back to the file value", "put
// it back", "remets comme avant" right after the bot noted a setting
// changed: that setting put back ("reset"), when what it was came from the
// file or the layers above (a reset gives exactly that back); when it was
// set by chat ("was canary, project web, set by bob on 10 Feb"), or an
// environment's, no order: the bot cannot undo it in one command, and it
// is no rollback of a deployment (it planned one). "annule ça" stays a
// no to whatever waits.
func (r *Router) settingUndone(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	if !undoSaid(text) {
		return deploybot.Request{}, false // most messages: the reply is not folded
	}
	m := settingNotedRe.FindStringSubmatch(strings.ReplaceAll(fold(strings.TrimSpace(history[len(history)-1])), "*", ""))
	if m == nil {
		return deploybot.Request{}, false
	}
	req := r.alone(ctx, text)
	if strings.ContainsAny(text, "?¿") {
		return r.noCommand(req), true // "undo that?": asked, not ordered
	}
	key := ""
	for _, k := range deploybot.SettingKeys {
		if fold(k.Label[0]) == m[3] || fold(k.Label[1]) == m[3] {
			key = k.Name // the note names the key by its label
			break
		}
	}
	was := m[4]
	if key == "" || m[1] == "" && m[2] == "" || strings.Contains(was, "set by ") || strings.Contains(was, "pose par ") {
		return r.noCommand(req), true
	}
	line := "reset " + key
	if m[1] != "" {
		line += " for " + m[1]
	}
	out := r.alone(ctx, line)
	if out.Kind != deploybot.KindCommand || out.Command != deploybot.CmdReset || out.Arg("key") != key || out.App != m[1] {
		return r.noCommand(req), true
	}
	out.Text, out.FollowUp, out.Lang = text, true, req.Lang
	return out, true
}

// reminderNotedRe is the bot's note of a reminder created, and
// reminderListedRe a line of its list of reminders, in folded text.
var (
	reminderNotedRe  = mustCompile(`^(?:noted: reminder #|c'est note : rappel n°)(\d+) `)
	reminderListedRe = mustCompile(`(?m)^\s*(?:#|n°)(\d+)\s*:`)
)

// reminderDropped reads "supprime le 2", "vire le 2 stp" right after the
// bot listed the reminders, and "actually delete it", "remove it" right
// after it noted one: that reminder deleted. Said plainly, with a number
// the list holds (or none after the note, or the note's); anything else
// reads as it would anywhere.
func (r *Router) reminderDropped(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	last := strings.TrimSpace(history[len(history)-1])
	if !strings.HasPrefix(last, "Rappels") && !strings.HasPrefix(last, "Reminders") && !strings.HasPrefix(last, "Noted: reminder") &&
		!strings.HasPrefix(last, "C'est noté : rappel") {
		return deploybot.Request{}, false // most replies
	}
	if strings.ContainsAny(text, "?¿@!…") || strings.Contains(text, "..") || !plainAnswer(text) {
		return deploybot.Request{}, false // "delete it... actually"
	}
	verb, pointer, id, cancel := false, false, "", false
	for _, w := range wordsOf(text) {
		switch {
		case reminderDropVerbs.has(w):
			verb = true
			cancel = cancel || strings.HasPrefix(w, "annul") || w == "cancel"
			pointer = pointer || strings.HasSuffix(w, "-le") || strings.HasSuffix(w, "-la") // "supprime-le"
		case pointerWords.has(w) || w == "le" || w == "la" || w == "l" || w == "that" || w == "this" || w == "rappel" || w == "reminder":
			pointer = true
		case isNumber(w) && id == "":
			id = w
		case w == "actually" || w == "en" || w == "fait" || w == "finalement" || w == "ok" || w == "alors" || w == "please" || w == "pls" ||
			w == "stp" || w == "svp" || w == "thanks" || w == "oh" || w == "ah":
			// (Not "no", "non", "merci": "delete it, actually no",
			// "retire-le non merci" take it back.)
		default:
			return deploybot.Request{}, false
		}
	}
	if !verb || cancel && (id != "" || !pointer) {
		return deploybot.Request{}, false // "cancel 2" cancels deployment 2; "annule-le" after the note deletes it
	}
	t := fold(last)
	if m := reminderNotedRe.FindStringSubmatch(t); m != nil {
		if id != "" && id != m[1] || id == "" && !pointer {
			return deploybot.Request{}, false
		}
		id = m[1]
	} else {
		listed := false
		for _, m := range reminderListedRe.FindAllStringSubmatch(t, -1) {
			listed = listed || m[1] == id
		}
		if id == "" || !listed {
			return deploybot.Request{}, false
		}
	}
	out := r.alone(ctx, "delete reminder "+id)
	if out.Kind != deploybot.KindCommand || out.Command != deploybot.CmdReminders {
		return deploybot.Request{}, false
	}
	out.Text, out.FollowUp, out.Lang = text, true, r.alone(ctx, text).Lang
	return out, true
}

// reminderDropVerbs delete a reminder.
var reminderDropVerbs = setOf("delete", "remove", "drop", "supprime", "supprimer", "supprime-le", "supprime-la", "vire", "vire-le", "vire-la",
	"efface", "efface-le", "efface-la", "enleve", "enleve-le", "enleve-la", "retire", "retire-le", "retire-la", "kill", "cancel", "annule",
	"annule-le", "annule-la")

// undoSaid reports whether text only undoes what was just done, in so
// many words: "undo that", "actually undo that, back to the file value",
// "put it back", "remets comme avant"; with a word of sequel or
// politeness at most. Anything else (a negation, a condition, a report,
// someone addressed, another order, another setting or project named) is
// no undo.
func undoSaid(text string) bool {
	if strings.ContainsAny(text, "@\"«“>") {
		return false
	}
	var kept []string
	for _, w := range wordsOf(text) {
		if !undoFillers.has(w) {
			kept = append(kept, w)
		}
	}
	line := strings.Join(kept, " ")
	for w := range strings.FieldsSeq(undoPhraseRe.ReplaceAllString(line, " ")) {
		if w != "undo" && w != "revert" {
			return false // a word beside the undo's phrases: "dont undo that", "undo that for api"
		}
	}
	return line != ""
}

// undoFillers may stand around an undo: "actually undo that, please".
var undoFillers = setOf("actually", "ok", "okay", "please", "pls", "plz", "stp", "svp", "en", "fait", "finalement", "alors", "then",
	"so", "just", "juste", "hmm", "euh", "oops", "oups", "sorry", "pardon", "wait", "attends", "oh", "ah")

// undoPhraseRe finds an undo's phrases ("undo that back to the file
// value"); beside them only "undo" or "revert" alone may stand.
var undoPhraseRe = mustCompile(`\b(?:undo that|undo it|revert that|revert it|put it back|defais ca|remets comme avant|remets-le comme avant|remets-la comme avant|back to the file value|back to the file|back to the previous value|comme avant)\b`)

// imperativeOpened reports whether words open with an order's verb, after
// words of sequel ("ok, then put it on staging now", "mets-la en recette
// maintenant"): not a report ("I put it on staging already").
func imperativeOpened(ws []string) bool {
	for _, w := range ws {
		if refusalSequelWords.has(w) || w == "now" || w == "maintenant" || w == "and" || w == "et" || w == "ben" || w == "bah" || w == "well" {
			continue
		}
		verb, _, _ := strings.Cut(w, "-")
		return deployVerbs.has(verb) || nowVerbs.has(verb)
	}
	return false
}

// nowConditions put an order given now under a condition: "deploy now
// once tests pass", "déploie maintenant si la CI est verte".
var nowConditions = setOf("once", "when", "if", "after", "unless", "si", "quand", "lorsque", "apres", "des", "sauf", "until", "jusqu")

// laterGoFillers may open the order given now after the bot's "I don't
// schedule orders": "bon ben déploie maintenant", "well, deploy now".
var laterGoFillers = setOf("bon", "ben", "bah", "well", "ok", "okay", "alors", "so", "vas-y", "vas", "y", "go", "fine", "d", "accord")

// nowVerbs put something somewhere now: "put it on staging", "mets-la en
// recette", "do it".
var nowVerbs = setOf("put", "mets", "met", "push", "pousse", "passe", "ship", "send", "envoie", "lance", "do", "fais", "redeploy", "redeploie")

// leadDropped returns text after a first clause that only hesitates or
// opens ("euh je sais pas,", "no idea,", "ok add one:"), when there is
// one.
func leadDropped(text string) (tail string, adding, ok bool) {
	i := strings.IndexAny(text, ",:")
	if i <= 0 || i+1 >= len(text) || strings.Contains(text, "@") {
		return "", false, false
	}
	head := wordsOf(text[:i])
	if len(head) == 0 || len(head) > 6 {
		return "", false, false
	}
	unsure := slices.ContainsFunc(head, unsureMarks.has) && !slices.ContainsFunc(head, func(w string) bool { return !unsureLeadWords.has(w) })
	adding = slices.ContainsFunc(head, func(w string) bool { return w == "add" || w == "ajoute" }) &&
		!slices.ContainsFunc(head, func(w string) bool { return !addLeadWords.has(w) })
	if !unsure && !adding {
		return "", false, false
	}
	return strings.TrimSpace(text[i+1:]), adding, true
}

// okThenAndRe is a thanks or an acknowledgement, then a request opened by
// "and": "ok and the locks?", "merci, et les gels ?".
var okThenAndRe = mustCompile(`(?i)^\s*(?:ok|okay|oki|d'accord|dac|cool|nice|parfait|super|great|merci|thanks|thx|top)[\s,!.]+((?:and|et)\s.*)$`)

// manyLeads reports whether text, what follows a lead (leadDropped),
// opens with maxSkippedClauses leads more: a long run of them ("sure,
// sure, …", "je sais pas, je sais pas, …") is read whole, not once a
// lead (each read the rest of the message again).
func manyLeads(text string) bool {
	for k := 0; k < maxSkippedClauses; k++ {
		tail, _, ok := leadDropped(text)
		if !ok {
			return false
		}
		text = tail
	}
	return true
}

// answersSlotQuestion reports whether the conversation's last turn is the bot's
// question of a project, an environment or a version.
func answersSlotQuestion(history []string) bool {
	if len(history) == 0 || !isBotReply(history[len(history)-1]) {
		return false
	}
	switch botTurnOf(history[len(history)-1]).asks {
	case "project", "env", "version":
		return true
	}
	return false
}

// bareEnvAnswer reports whether text only names an environment, with
// the small words of an answer: "euh en staging d'abord", "prod". (The
// second attack found "prod à voir, on sait jamais", "approve 2, on sait
// jamais" acting once the saying was dropped.)
func (r *Router) bareEnvAnswer(text string) bool {
	named := false
	for _, w := range wordsOf(text) {
		if _, env := envWordOf(w); env {
			named = true
			continue
		}
		if _, env := r.ix.envs[w]; env {
			named = true
			continue
		}
		switch w {
		case "euh", "bon", "en", "in", "on", "sur", "la", "le", "l", "d", "abord", "first", "alors", "then", "ok", "the", "to":
		default:
			return false
		}
	}
	return named
}

// plainAnswer reports whether an answer says nothing but its words: no
// question, mention, quote, joke or emoji ("prod ?, on sait jamais",
// "prod 🤷, on sait jamais" planned a deploy; an attack), no doubt
// (unsureAnswerWords) or report ("prod selon bob").
func plainAnswer(text string) bool {
	if strings.ContainsAny(text, "?¿@\"«“>`~") || pickMocked(text) || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) {
		return false
	}
	return !slices.ContainsFunc(wordsOf(text), func(w string) bool {
		return unsureAnswerWords.has(w) || w == "selon" || w == "according" || w == "says" || w == "dit"
	})
}

// neverKnowTails are sayings that end a request without changing it;
// their negation would negate it.
var neverKnowTails = []string{"on sait jamais", "on ne sait jamais", "sait-on jamais", "sait on jamais", "you never know", "one never knows"}

// neverKnowDropped returns text without a saying (neverKnowTails) that
// ends it in a clause of its own: "staging, on sait jamais" → "staging".
func neverKnowDropped(text string) (string, bool) {
	if !containsFoldASCII(text, "jamais") && !containsFoldASCII(text, "never") {
		return "", false // most messages: not lower-cased on every parse
	}
	t := strings.TrimRight(text, " .!…")
	low := strings.ToLower(t)
	if len(low) != len(t) {
		return "", false
	}
	for _, tail := range neverKnowTails {
		if !strings.HasSuffix(low, tail) {
			continue
		}
		head := strings.TrimRight(t[:len(t)-len(tail)], " ")
		if cut := strings.TrimRight(head, ",;—–-("); cut != head && strings.TrimSpace(cut) != "" {
			return strings.TrimSpace(cut), true
		}
	}
	return "", false
}

// unsureMarks say a lead does not know: "je sais pas,", "no idea,".
var unsureMarks = setOf("sais", "know", "idea", "idee", "sure")

// unsureLeadWords may make a lead that does not know.
var unsureLeadWords = setOf("euh", "heu", "hmm", "hm", "bah", "ben", "bon", "je", "j", "sais", "pas", "ne", "i", "dont", "don", "t",
	"know", "no", "idea", "not", "sure", "aucune", "idee", "well", "oh", "ah")

// addLeadWords may make a lead that adds one: "ok add one:"; no negation.
var addLeadWords = setOf("ok", "okay", "alors", "so", "then", "add", "ajoute", "one", "un", "en", "bon", "sure", "well")

// refusalSequelWords say what follows from the bot's refusal: "alors",
// "then".
var refusalSequelWords = setOf("alors", "then", "so", "donc", "bon", "ok", "okay", "fine")

// insteadSaid reports whether text says it replaces what came before:
// "instead", "à la place", "plutôt".
func insteadSaid(text string) bool {
	ws := wordsOf(text)
	for i, w := range ws {
		if (w == "instead" || w == "plutot" || w == "place" && i > 1 && ws[i-1] == "la" && ws[i-2] == "a") && !comparedAt(ws, i+1) {
			return true
		}
	}
	return false
}

// comparedAt reports whether ws[i] opens what "instead" compares: "instead
// of deploying api", "plutôt que", "à la place de".
func comparedAt(ws []string, i int) bool {
	w := wordAt(ws, i)
	return w == "of" || w == "que" || w == "qu" || w == "de" || w == "du" || w == "d" || w == "than"
}

// firstWords say "first": "staging first", "en staging d'abord".
var firstWords = setOf("first", "abord", "d")

// refusedPlan reports whether the bot's reply is a deploy plan its rules
// refused: the plan's first line ("Deploy api 2.9.0 → production (#1)"),
// the refusal on a line of its own.
func (r *Router) refusedPlan(reply string) bool {
	t := strings.ReplaceAll(fold(reply), "*", "")
	if app, _ := r.planTarget(reply); app == "" {
		return false
	}
	return strings.Contains(t, "\nrefused: nothing ran") || strings.Contains(t, "\nrefuse : rien n'a ete lance")
}

// refusalVersionOrder reads a version told right after a rollback refused
// for want of an earlier good version: "try v2.7.5 then", "essaie la
// 2.7.4" go back to it, "then redeploy 2.9.0 there" deploys it, on the
// refused rollback's project and environment (a plan to confirm, under
// every rule). Only a version and words of trying, sequel or politeness:
// a question, a negation, another project or environment order nothing
// here.
func (r *Router) refusalVersionOrder(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	if strings.ContainsAny(text, "?¿@") {
		return deploybot.Request{}, false // "@bob try 2.7.5": someone else's
	}
	a := r.analyze(text)
	if len(a.s.versions) > 1 || a.s.version == "" || a.s.app != "" || a.s.env != "" || a.s.negated || a.s.badVersion != "" {
		return deploybot.Request{}, false
	}
	deploy, there := false, false
	for _, w := range wordsOf(text) {
		switch {
		case strings.EqualFold(w, a.s.version) || strings.EqualFold("v"+w, a.s.version) || strings.EqualFold(w, "v"+a.s.version):
		case redeployVerbs.has(w):
			deploy = true
		case thereWords.has(w):
			there = true
		case !versionSequelWords.has(w):
			return deploybot.Request{}, false // "it's back on 2.7.5", "it's 2.7.5 there": told, no order
		}
	}
	if there && !deploy {
		return deploybot.Request{}, false
	}
	last, ok := r.lastPersonRequest(ctx, history)
	if !ok || last.Kind != deploybot.KindAction || last.Intent.Intent != deploybot.IntentRollback || last.App == "" || last.Env == "" {
		return deploybot.Request{}, false
	}
	last.Version, last.BadVersion, last.Text, last.FollowUp = a.s.version, "", text, true
	if deploy {
		last.Intent.Intent, last.Route = deploybot.IntentDeploy, r.deployRoute(last.Env)
	}
	return last, true
}

// redeployVerbs deploy a version told after a refused rollback.
var redeployVerbs = setOf("redeploy", "deploy", "redeploie", "deploie", "redeployer", "deployer", "remets", "reinstall", "ship", "push")

// thereWords say where the refused rollback was, beside a version
// deployed there: "then redeploy 2.9.0 there".
var thereWords = setOf("there", "la-bas", "dessus", "y")

// versionSequelWords may stand beside the version told after a refused
// rollback: trying, sequel, politeness, "there".
var versionSequelWords = setOf("try", "essaie", "essayez", "essayons", "tente", "let", "lets", "then", "alors", "ok", "okay", "bon",
	"ben", "la", "instead", "plutot", "to", "a", "back", "go", "the", "le", "version", "with", "avec",
	"please", "pls", "plz", "stp", "svp", "so", "donc", "just", "juste", "on", "revient", "reviens", "revenir", "retour", "rollback",
	"roll", "fine", "d", "accord", "dac", "en", "sur")

// refusalSequelSaid reports whether text is "and on staging?" alone.
func refusalSequelSaid(text string) bool {
	_, ok := refusalSequel(text)
	return ok
}

// noGoodVersion reports whether the bot's reply refused a rollback for
// want of an earlier good version: nothing ran (not a plan's line "ready
// to roll back to: no earlier good version").
func noGoodVersion(reply string) bool {
	r := strings.TrimSpace(reply)
	return strings.HasPrefix(r, "❌ no earlier good version") || strings.HasPrefix(r, "❌ aucune version antérieure saine")
}

// lastPersonRequest returns the request of the person's last message of
// the conversation, the bot's replies after it aside.
func (r *Router) lastPersonRequest(ctx context.Context, history []string) (deploybot.Request, bool) {
	for k := len(history) - 1; k >= 0; k-- {
		if isBotReply(history[k]) || r.stateLine(history[k]) {
			continue
		}
		req := r.Parse(ctx, history[k], history[:k])
		if order, ok := r.confirmedOrder(ctx, req, history, k); ok {
			return order, true
		}
		return req, true
	}
	return deploybot.Request{}, false
}

// talkBefore reports whether the last message in history is the
// person's question: one that tells no fault and is no rollback's, or
// one not understood ("on mange où ce midi ?").
func (r *Router) talkBefore(ctx context.Context, history []string) bool {
	last := history[len(history)-1]
	if isBotReply(last) || botTurnOf(last).asks != "" || slotAsked(last) != "" || !strings.ContainsAny(last, "?¿") || hasActionWord(normalize(last)) {
		return false // not "web, production" after "Which project and environment?", nor "l'api en préprod stp" after "oui"
	}
	prev, ok := r.lastPersonRequest(ctx, history)
	if !ok {
		return false
	}
	switch prev.Kind {
	case deploybot.KindUnknown:
		return true
	case deploybot.KindQuestion:
		return prev.Route != deploybot.RouteRollback && !hasFault(wordsOf(prev.Text)) && prev.Topic != deploybot.TopicLaterOrder &&
			prev.Topic != deploybot.TopicUnclearOrder
	}
	return false
}

// undoneReport reports whether the bot's report says the confirmed order
// was undone or cancelled: "Status: Rolled back", "Annulé par un
// rollback", "Cancelled.", "⏪".
func undoneReport(text string) bool {
	t := strings.ToLower(text)
	return strings.Contains(t, "rolled back") || strings.Contains(t, "annulé") || strings.Contains(t, "cancelled") ||
		strings.Contains(t, "canceled") || strings.Contains(t, "⏪")
}

// confirmedOrder returns the order that req, the person's message at
// history[k], confirmed: a yes to the bot's plan right before it stands
// for the person's order before that plan ("same for web", "pareil en
// prod" after "rollback api staging", the plan, "yes" and its report
// repeat the rollback elsewhere); an approval of a plan's id, for the
// order of that plan.
func (r *Router) confirmedOrder(ctx context.Context, req deploybot.Request, history []string, k int) (deploybot.Request, bool) {
	if req.Kind != deploybot.KindCommand || k < 2 {
		return deploybot.Request{}, false
	}
	for _, h := range history[k+1:] {
		if reportsFailure(h) || undoneReport(h) {
			return deploybot.Request{}, false // "Status: Rolled back", "Failed ❌": nothing to carry on
		}
	}
	if id := req.Arg("id"); req.Command == deploybot.CmdApprove && id != "" {
		// "same for api, 2.4.1" after "deploy web v3.0.0 to production",
		// its plan (#104), "yes", "approve 104" and the report: the
		// order of the plan approved.
		for j := k - 1; j >= 1 && j >= k-subjectWindow; j-- {
			if b := botTurnOf(history[j]); isBotReply(history[j]) && b.asks == "confirm" && slices.Contains(b.ids, id) {
				if !isBotReply(history[j-1]) {
					if order := r.Parse(ctx, history[j-1], history[:j-1]); order.Kind == deploybot.KindAction {
						return order, true
					}
				}
				break
			}
		}
		for m := len(history) - 1; m > k; m-- {
			// The plan out of the conversation's window: the card of the
			// deployment approved, after the approval.
			if b := botTurnOf(history[m]); slices.Contains(b.ids, id) {
				if card := r.botCard(history[:m+1]); card.Kind == deploybot.KindAction {
					return card, true
				}
			}
		}
		return deploybot.Request{}, false
	}
	if req.Command != deploybot.CmdConfirm || !isBotReply(history[k-1]) || botTurnOf(history[k-1]).asks != "confirm" {
		return deploybot.Request{}, false
	}
	for j := k - 2; j >= 0 && j >= k-subjectWindow; j-- {
		if isBotReply(history[j]) || r.stateLine(history[j]) {
			continue
		}
		if order := r.Parse(ctx, history[j], history[:j]); order.Kind == deploybot.KindAction {
			return order, true
		}
		break
	}
	return deploybot.Request{}, false
}

// waitAnswers reports whether "--wait" can answer the end of history:
// the person's own deploy order last ("@bob deploy …" is bob's), and
// after it nothing of the bot's but a refusal for a lock ("deployed",
// a plan: nothing to wait for).
func waitAnswers(history []string) bool {
	for k := len(history) - 1; k >= 0; k-- {
		h := strings.TrimSpace(history[k])
		if !isBotReply(h) && !strings.Contains(h, "locked by") && !strings.Contains(h, "verrouillé par") {
			return !strings.HasPrefix(h, "@") && !strings.HasPrefix(h, "<@")
		}
		if !strings.Contains(h, "locked") && !strings.Contains(h, "verrouill") {
			return false
		}
	}
	return false
}

// orderAnswerWords may stand beside "order" in an answer to "News or
// an order?" ("yes, an order", "c'est un ordre, vas-y"); newsAnswerWords
// beside "news" ("just news", "juste une info, pour ton information").
var (
	orderAnswerWords = setOf("yes", "yeah", "yep", "oui", "ouais", "an", "a", "un", "it", "its", "s", "is", "c", "est", "ce", "go", "ahead",
		"that", "thats", "was", "etait", "c'etait",
		"vas-y", "vas", "y", "please", "pls", "stp", "svp", "do", "ok", "okay", "sure", "bien", "sur")
	newsAnswerWords = setOf("just", "juste", "only", "seulement", "simplement", "une", "a", "an", "it", "its", "s", "is", "was", "c", "est",
		"etait", "c'etait", "ce", "for", "your", "information", "pour", "ton", "votre", "merci", "thanks", "ok", "okay")
)

// orderSaidFirst returns what follows an answer "order" to the bot's
// "News or an order?" said in a clause of its own first ("c'est un
// ordre, vas-y déploie", "non c'est un ordre : mets-la en recette", "no,
// it's an order: deploy it"); ok is false for any other text.
func orderSaidFirst(text string) (tail string, ok bool) {
	if !plainAnswer(text) || hasMoment(text) || laterMoment(text) || slices.ContainsFunc(wordsOf(text), func(w string) bool {
		return w == "someday" || w == "soon" || w == "eventually" || w == "bientot" || w == "jour" || w == "prochainement" || w == "point" ||
			w == "moment"
	}) {
		return "", false // "c'est un ordre, deploy it?", "@bob c'est un ordre, vas-y", "… déploie-la, mais demain", "… 😂", "…, probably"
	}
	i, j, found := clauseBreak(text)
	if !found || i == 0 {
		return "", false
	}
	if h := commandLine(text[:i]); h == "no" || h == "non" || h == "nope" {
		// "no, it's an order: deploy it to staging"
		rest := text[j:]
		if i, j, found = clauseBreak(rest); !found || i == 0 {
			return "", false
		}
		text = rest
	}
	head := wordsOf(text[:i])
	if len(head) > 1 && (head[0] == "non" || head[0] == "no" || head[0] == "nope") && (head[1] == "c" || head[1] == "it" || head[1] == "its") {
		head = head[1:] // "non c'est un ordre": no to "news"
	}
	if newsOrOrder(strings.Join(head, " ")) != "order" {
		return "", false
	}
	tail = strings.TrimSpace(text[j:])
	return tail, tail != ""
}

// newsThenOrder reads an answer "news" to the bot's "News or an order?"
// followed by an order on what the news named, said against it: "c'était
// une news. par contre mets-la en recette stp", "it's news. but now
// promote it to prod please" after "web 1.0.0 en prod ce matin : RAS" and
// the bot's question (its "To plan it: …" names the project and the
// version): that order, of that project (its version unless promoted),
// where the answer sends it.
func (r *Router) newsThenOrder(ctx context.Context, text string, req deploybot.Request, asked string) (deploybot.Request, bool) {
	if strings.ContainsAny(text, "?¿@~") || hasMoment(text) || laterMoment(text) || pickMocked(text) {
		return req, false
	}
	i, j, found := clauseBreak(text)
	if !found || i == 0 || newsOrOrder(text[:i]) != "news" {
		return req, false
	}
	ws := wordsOf(text[j:])
	k, contrast := 0, false
	for k < len(ws) && newsContrast.has(ws[k]) {
		contrast = contrast || ws[k] == "contre" || ws[k] == "but" || ws[k] == "mais" || ws[k] == "however" || ws[k] == "cependant"
		k++
	}
	if !contrast || k == len(ws) {
		return req, false
	}
	tail := strings.Join(ws[k:], " ")
	if raw := text[j:]; len(clauses(raw)) > 1 || tailDoubts(raw, true) || !deployVerbs.has(ws[k]) && !strings.HasPrefix(ws[k], "promo") && !strings.Contains(ws[k], "-l") {
		return req, false // "…, je crois", "…, QA refused", "but we should promote it": the order alone, said first
	}
	t := r.alone(ctx, tail)
	if t.Kind != deploybot.KindAction || t.Intent.Intent != deploybot.IntentDeploy || t.App != "" || t.UnknownApp != "" || t.Version != "" ||
		!(pronounOrder(commandLine(tail)) || t.From != "") {
		return req, false
	}
	c := offeredCommand(asked)
	if c == "" {
		return req, false
	}
	offered := r.alone(ctx, c)
	if offered.Kind != deploybot.KindAction || offered.Intent.Intent != deploybot.IntentDeploy || offered.App == "" {
		return req, false
	}
	out := t
	out.App, out.SubjectApp = offered.App, offered.App
	if out.From == "" {
		out.Version = offered.Version
	}
	if out.Env == "" {
		out.Env = offered.Env
	}
	out.SubjectEnv, out.Route = out.Env, r.deployRoute(out.Env)
	out.Text, out.FollowUp = req.Text, true
	return out, true
}

// newsContrast open an order said after "just news": "par contre", "but
// now", "mais", "however".
var newsContrast = setOf("par", "contre", "but", "mais", "however", "cependant", "now", "maintenant", "still", "quand", "meme", "that",
	"said", "cela", "dit", "ceci", "so", "donc", "alors", "ok", "okay")

// deployItWords reports whether text only says to deploy what was
// offered: "vas-y déploie", "deploy it", "déploie-la", "go deploy".
func deployItWords(text string) bool {
	ws := wordsOf(text)
	if len(ws) == 0 || len(ws) > 4 || strings.ContainsAny(text, "?¿") {
		return false
	}
	verb := false
	for _, w := range ws {
		v, pro, _ := strings.Cut(w, "-")
		switch {
		case deployVerbs.has(v) && (pro == "" || pro == "la" || pro == "le"):
			verb = true
		case w == "vas-y" || w == "vas" || w == "y" || w == "go" || w == "it" || w == "la" || w == "le" || w == "please" || w == "stp" ||
			w == "svp" || w == "now" || w == "maintenant" || w == "ahead" || w == "then" || w == "alors":
		default:
			return false
		}
	}
	return verb
}

// planItSaid reports whether text asks the bot to plan what it offered,
// in the words of its "To plan it: …": "oui, planifie-le", "yes, plan
// it", "planifie-la stp"; not "plan it for tomorrow" nor "plan it?".
func planItSaid(text string) bool {
	if strings.ContainsAny(text, "?¿>`~\"«»@") || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) || hasMoment(text) || laterMoment(text) {
		return false
	}
	plan := false
	for _, w := range wordsOf(text) {
		switch {
		case w == "planifie-le" || w == "planifie-la" || w == "planifie" || w == "planifiez-le" || w == "planifiez-la" || w == "plan":
			plan = true
		case answerYes.has(w) || w == "it" || w == "le" || w == "la" || pleaseWords.has(w) || w == "vas" || w == "y" || w == "vas-y":
		default:
			return false
		}
	}
	return plan
}

// newsSaidFirst reports whether text answers "news" to the bot's "News
// or an order?" in its first clause, after any no: "nope, just news: web
// 2.0.0 on staging since this morning", "non non c'était juste une info,
// rien à faire". What follows is more news, never an order read from it
// (newsThenOrder reads "just news, but deploy it").
func newsSaidFirst(text string) bool {
	for rest := text; rest != ""; {
		head := rest
		i, j, found := clauseBreak(rest)
		if found {
			head, rest = rest[:i], rest[j:]
		} else {
			rest = ""
		}
		ws := wordsOf(head)
		for len(ws) > 0 && (ws[0] == "no" || ws[0] == "non" || ws[0] == "nope" || ws[0] == "nan" || ws[0] == "nah") {
			ws = ws[1:]
		}
		if len(ws) > 0 {
			// Nothing after it may ask or order: "non non c'est une info.
			// par contre tu peux mettre la 2.4.1 en prod ?" is read by
			// newsThenOrder's rules, or as before.
			return newsOrOrder(strings.Join(ws, " ")) == "news" && !strings.ContainsAny(rest, "?¿") && !newsTailOrders(rest)
		}
	}
	return false
}

// orderAnswers and newsAnswers answer the bot's "News or an order?".
var (
	orderAnswers = setOf("order", "ordre")
	newsAnswers  = setOf("news", "nouvelle", "info", "fyi")
)

// newsOrOrder reads an answer to the bot's "News or an order?": "order"
// ("yes, an order", "c'est un ordre, vas-y"), "news" ("just news",
// "juste une info"), or "" for anything else, a negation above all ("pas
// un ordre", "no order": the order is never planned on those), a joke or
// both said.
// offeredTaken reports whether text points at what the bot offered and
// says go: "yeah that, go", "that one, do it", "oui ça, vas-y" (a yes and
// a pointer, and a go); not "yeah that" alone, "that, go?" or "that 😂".
func offeredTaken(text string) bool {
	if strings.ContainsAny(text, "?¿>`~\"«»@") || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) {
		return false
	}
	ws := wordsOf(text)
	point, goSaid := false, false
	for _, w := range ws {
		switch {
		case w == "that" || w == "this" || w == "ca" || w == "ce" || w == "celle-la" || w == "celui-la" || w == "one" || w == "la":
			point = true
		case w == "go" || w == "vas-y" || w == "do" || w == "fais-le" || w == "lance" || w == "lance-le" || w == "envoie":
			goSaid = true
		case answerYes.has(w) || w == "it" || w == "ahead" || pleaseWords.has(w) || w == "vas" || w == "y":
		default:
			return false
		}
	}
	return point && goSaid
}

func newsOrOrder(text string) string {
	if strings.ContainsAny(text, "?¿>`~") || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) {
		return ""
	}
	said := ""
	ws := wordsOf(text)
	for _, w := range ws {
		if !orderAnswers.has(w) && !newsAnswers.has(w) {
			continue
		}
		if said != "" {
			return "" // "an order? no, news", "order order"
		}
		said = "news"
		if orderAnswers.has(w) {
			said = "order"
		}
	}
	if len(ws) > 0 && (ws[0] == "is" || ws[0] == "est" || ws[0] == "est-ce" || ws[0] == "was" || ws[0] == "are" || ws[0] == "do" || ws[0] == "does") {
		return "" // "is it an order", "est ce un ordre": asked
	}
	allowed := orderAnswerWords
	if said == "news" {
		allowed = newsAnswerWords
	}
	for _, w := range ws {
		if !orderAnswers.has(w) && !newsAnswers.has(w) && !allowed.has(w) {
			return ""
		}
	}
	return said
}

// redoOpeners open an order to do the last one again.
var redoOpeners = setOf("retry", "redo", "rerun", "re-run", "relance", "relancer", "relancez", "retente", "retenter", "reessaie",
	"reessaye", "reessayer", "reessayez", "refais", "refaire", "refaites", "recommence", "recommencer", "redeploy", "redeploie",
	"redeployer", "redeployez")

// redoFillers may follow the opener: "relance-le", "redo it please",
// "refais la demande stp".
var redoFillers = setOf("it", "le", "la", "l", "ca", "that", "this", "the", "same", "meme", "deploy", "deployment", "deploiement",
	"demande", "request", "order", "plan", "please", "pls", "plz", "stp", "svp", "again", "one", "more", "time",
	"then", "alors", "now", "maintenant", "ok", "okay", "bon", "try", "essaie", "vas-y", "go", "thing", "chose")

// redoAsked reports whether text only orders the last order again
// ("retry", "try again", "relance-le", "redo it please"): nothing after it
// ("retry, the front", "retry, or rollback", "retry: same error", "retry,
// says the client" change, doubt or report it; an attack found each), no
// sigh, quote or mention ("again!", "encore une fois...", "> retry",
// "retry @bob"), not done ("réessayé, ça plante toujours").
func redoAsked(text string) bool {
	if i, _, ok := clauseBreak(text); ok && i > 0 {
		if tail := strings.TrimSpace(strings.Trim(text[i:], ",;:.!—–- ")); tail != "" {
			// Only why it may run now: "try again pls, I was just added to
			// @developers", "relance stp, c'est configuré maintenant".
			if !fixedTold(tail) {
				return false
			}
			text = text[:i]
		}
	}
	if strings.ContainsAny(text, "?¿!>`~@") || strings.Contains(text, "...") || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 && c != '—' && c != '–' && c != '’' }) {
		return false
	}
	for _, f := range strings.Fields(strings.ToLower(text)) {
		if f = strings.Trim(f, ",.;:"); strings.HasSuffix(f, "é") || strings.HasSuffix(f, "ée") {
			return false // "relancé" folds to the order "relance"
		}
	}
	ws := wordsOf(text)
	i := 0
	for i < len(ws) && (politeWords.has(ws[i]) || ws[i] == "ok" || ws[i] == "okay" || ws[i] == "bon" || ws[i] == "alors" || ws[i] == "so") {
		i++
	}
	if i+1 < len(ws) && (ws[i] == "try" || ws[i] == "essaie") && ws[i+1] == "again" {
		i++ // "try again": "again" stands for the opener
	} else if i == len(ws) {
		return false
	} else if verb, _, _ := strings.Cut(ws[i], "-"); !redoOpeners.has(ws[i]) && !redoOpeners.has(verb) {
		return false // not "retry", "re-run", "relance-le", "refais-le"
	}
	for _, w := range ws[i+1:] {
		if !redoFillers.has(w) {
			return false
		}
	}
	return true
}

// fixedTold reports whether a clause after a redo says only that what
// stopped the order is fixed: "I was just added to @developers", "devops
// says the executor is configured", "c'est configuré maintenant"; not
// "still broken", "not fixed yet", "but wait", a question or a person
// addressed.
func fixedTold(cl string) bool {
	if strings.ContainsAny(cl, "?¿!>`~,;:—–") || strings.Contains(cl, "...") || strings.IndexFunc(cl, unicode.IsSymbol) >= 0 || versionToken(cl) != "" {
		return false // one clause, no question, no joke, no version ("the bug is fixed in 2.4.2")
	}
	groups := map[string]bool{}
	for i := strings.IndexByte(cl, '@'); i >= 0; {
		before := strings.Fields(strings.ToLower(cl[:i]))
		if len(before) < 2 || before[len(before)-1] != "to" && before[len(before)-1] != "dans" && before[len(before)-1] != "à" ||
			!strings.HasPrefix(before[len(before)-2], "added") && !strings.HasPrefix(before[len(before)-2], "ajouté") {
			return false // "@bob can you check", "… @developers @bob", "access granted to @bob": not the person added to a group
		}
		name := wordsOf(cl[i+1:])
		if len(name) > 0 {
			if _, env := envWordOf(name[0]); env {
				return false // "added to @production": an environment, no group
			}
			groups[name[0]] = true
		}
		j := strings.IndexByte(cl[i+1:], '@')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	ws := wordsOf(cl)
	if len(ws) > 0 && fixAuxiliaries.has(ws[0]) {
		return false // "retry, is it fixed now": asked
	}
	fixed := false
	for _, w := range ws {
		if !fixMarks.has(w) && !fixTailWords.has(w) && !groups[w] {
			return false // "fixed, and unlock prod", "fixed I hope", "on production this time"
		}
		if fixed && fixAuxiliaries.has(w) {
			return false // "it was fixed was it"
		}
		fixed = fixed || fixMarks.has(w)
	}
	return fixed
}

var (
	// fixMarks say that what stopped an order is fixed.
	fixMarks = setOf("added", "ajoute", "ajoutee", "configured", "configure", "configuree", "fixed", "corrige", "corrigee", "repare",
		"reparee", "resolved", "resolu", "resolue", "unlocked", "deverrouille", "debloque", "debloquee", "sorted", "granted",
		// the lock lifted ("j'ai levé le verrou"), or a passing fault
		// a retry is for ("the runner was flaky")
		"leve", "levee", "lifted", "flaky", "flake", "transient", "intermittent", "timeout")
	// fixAuxiliaries open or tag a question: "is it fixed now", "it was
	// fixed was it".
	fixAuxiliaries = setOf("is", "was", "has", "are", "were", "have", "did", "does", "do", "can", "est-ce")
	// fixTailWords may stand around a fix told after a redo: "I was just
	// added to @developers", "devops says the executor is configured",
	// "c'est configuré maintenant". Nothing else: an attack found other
	// orders, hedges and environments after "retry, fixed".
	fixTailWords = setOf("i", "we", "it", "its", "s", "is", "are", "was", "were", "has", "have", "been", "just", "now", "maintenant",
		"c", "est", "ca", "a", "ete", "the", "le", "la", "l", "my", "mon", "ma", "executor", "executeur", "access", "acces", "permission",
		"permissions", "rights", "droits", "config", "configuration", "devops", "ops", "says", "say", "dit", "to", "dans", "tout", "all",
		"me", "m", "j", "ai", "on", "m'a", "bien", "properly", "correctement", "verrou", "lock", "runner", "network", "reseau", "just", "a")
)

// redoFollows returns the history a redo takes its order from, and the
// bot's report on that order to check, if any: the person's own order
// ends the history (the chat keeps it, not its run's report); or the
// bot's "the plan of deployment #167 expired: ask again", dropped; or the
// bot's report that it failed or was refused. Never a plan that waits for
// its yes.
func redoFollows(history []string) (h []string, report string, ok bool) {
	if len(history) == 0 {
		return nil, "", false
	}
	last := history[len(history)-1]
	t := strings.ToLower(last)
	if strings.Contains(t, "#") && strings.Contains(t, "plan") && (strings.Contains(t, "expired") || strings.Contains(t, "expiré")) && !colleagueLineRe.MatchString(last) {
		return history[:len(history)-1], "", true // not "carol: our cert #12 expired"
	}
	if !isBotReply(last) {
		return history, "", true
	}
	if botTurnOf(last).asks == "confirm" {
		return nil, "", false
	}
	if liftedRe.MatchString(last) && !liftDoubtedRe.MatchString(last) {
		// "unlock web production: fixed", "🔓 web/production unlocked by
		// alice", "retry": what the lock refused, said again; only when
		// the lift names the target the refusal was locked or frozen on
		// ("web/production"), and the lift was done (not "was not
		// unlocked", "stays locked").
		j := len(history) - 2
		if j >= 0 && !isBotReply(history[j]) {
			j-- // the person's unlock; a lift by someone else stands alone
		}
		if j >= 0 && isBotReply(history[j]) && lockedTarget(history[j]) != "" && lockedTarget(history[j]) == liftedTarget(last) {
			return redoFollows(history[:j+1])
		}
		return nil, "", false
	}
	for _, w := range []string{"failed", "échec", "echec", "❌", "refused", "refusé", "timed out", "timeout"} {
		if strings.Contains(t, w) {
			return history, last, true
		}
	}
	return nil, "", false
}

// liftedRe is the bot's report that a lock or a freeze is lifted;
// liftDoubtedRe one that it was not.
var (
	liftedRe      = mustCompile(`^(?:🔓|🌤|☀️)|(?i)\b(?:unlocked|déverrouillé|deverrouille|unfrozen|lifted|levé)\b`)
	liftDoubtedRe = mustCompile(`(?i)\b(?:not|refused|refusé|stays|reste|restera|will|sera|pas|cannot|only|seuls?|give a reason|donnez)\b|❌|⛔`)
	// targetPairRe is a project and an environment as the bot writes
	// them: "web/production".
	targetPairRe = mustCompile(`\b([a-z0-9][a-z0-9_-]*)/([a-z0-9][a-z0-9_-]*)\b`)
)

// lockedTarget returns the "project/environment" a refusal's card says is
// locked or frozen ("❌ web/production is locked by rollback #5"), or "".
func lockedTarget(card string) string {
	for _, line := range strings.Split(card, "\n") {
		l := strings.ToLower(line)
		if !strings.Contains(l, "lock") && !strings.Contains(l, "verrouill") && !strings.Contains(l, "freeze") && !strings.Contains(l, "frozen") &&
			!strings.Contains(l, "gel") {
			continue
		}
		if m := targetPairRe.FindStringSubmatch(l); m != nil {
			return m[0]
		}
	}
	return ""
}

// liftedTarget returns the "project/environment" a lift's report names.
func liftedTarget(report string) string {
	if m := targetPairRe.FindStringSubmatch(strings.ToLower(report)); m != nil {
		return m[0]
	}
	return ""
}

// reportsOn reports whether the bot's report names order's project (and
// its environment when it names one): not a colleague's deploy that
// failed.
func reportsOn(report string, order deploybot.Request) bool {
	ws := wordsOf(report)
	if !slices.Contains(ws, fold(order.App)) {
		return false
	}
	for _, w := range ws {
		if e, ok := envWordOf(w); ok && e != order.Env {
			return false
		}
	}
	return true
}

// reasonTrimmed drops the word that introduces a reason from its value:
// "prod, raison : incident checkout" gives the reason "incident
// checkout".
func reasonTrimmed(req deploybot.Request) deploybot.Request {
	v := req.Arg("reason")
	if v == "" {
		return req
	}
	for _, p := range []string{"raison", "reason", "motif", "because", "parce que"} {
		if len(v) > len(p) && strings.EqualFold(v[:len(p)], p) && (v[len(p)] == ' ' || v[len(p)] == ':') {
			rest := strings.TrimSpace(strings.TrimLeft(v[len(p):], " :"))
			if rest != "" {
				req.Args = copyArgs(req.Args)
				req.Args["reason"] = rest
			}
			break
		}
	}
	return req
}

// parse is Parse before yesChecked.
func (r *Router) parse(ctx context.Context, text string, history []string) deploybot.Request {
	if head, ok := neverKnowDropped(text); ok && answersSlotQuestion(history) && plainAnswer(head) && r.bareEnvAnswer(head) {
		// "euh en staging d'abord, on sait jamais" after "Which
		// environment?": the answer before the saying (its "jamais"
		// negated it). Only as an answer to the bot's question of a
		// project, an environment or a version: "en prod, on sait
		// jamais" alone planned a rollback (an attack).
		out := r.parse(ctx, head, history)
		out.Text = text
		return out
	}
	if m := okThenAndRe.FindStringSubmatch(text); m != nil && !planPending(history) {
		// "ok and the locks?", "merci, et les gels ?" after a list: the
		// read that follows the thanks (it was small talk).
		if alone := r.alone(ctx, m[1]); alone.Kind == deploybot.KindCommand && readCommands[alone.Command] {
			// (A read said alone: not "great, and to production too?" after
			// a deploy to staging.)
			if out := r.parse(ctx, m[1], history); out.Kind == deploybot.KindCommand && readCommands[out.Command] {
				out.Text = text
				return out
			}
		}
	}
	if tail, adding, ok := leadDropped(text); ok && !planPending(history) && !manyLeads(tail) {
		// "euh je sais pas, c'est quoi qui tourne en recette ?", "ok add
		// one: remind #deploys every weekday at 9:30 to …": the request
		// after a lead that says nothing, when it only reads, or adds a
		// reminder after a lead that says so (no question in it).
		if out := r.parse(ctx, tail, history); out.Kind == deploybot.KindCommand && (readCommands[out.Command] && !adding ||
			adding && out.Command == deploybot.CmdReminders && out.Arg("op") == "add" && !strings.ContainsAny(tail, "?¿")) {
			out.Text = text
			return out
		}
	}
	if tail, ok := urgencyLeadDropped(text); ok && len(history) > 0 && imperativeOpened(wordsOf(tail)) && !slices.ContainsFunc(wordsOf(tail), butNotWords.has) {
		// "c'est une vraie urgence, déploie-le avec --force …" after a plan
		// refused: the order after the urgency said, read as the
		// conversation reads it (the urgency alone made it talk).
		if out := r.parse(ctx, tail, history); out.Kind == deploybot.KindAction {
			out.Text = text
			return out
		}
	}
	req := r.alone(ctx, text)
	if len(history) > 0 && req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentRollback && !hasActionWord(normalize(text)) &&
		!rbOrder(text) && isBotReply(history[len(history)-1]) && botTurnOf(history[len(history)-1]).asks == "id" {
		if _, ok := r.fragment(text); ok {
			if id, _ := r.chosen(text, botTurnOf(history[len(history)-1]).choices); id == "" {
				// "api in staging too" after "Several deployments wait
				// for your approval: … Which one?": no choice, and no
				// rollback (it planned one; an attack).
				return r.noCommand(req)
			}
		}
	}
	if req.Kind == deploybot.KindAction && req.Version == "" && req.From == "" && !hasActionWord(normalize(text)) &&
		!strings.Contains(text, "→") && !strings.Contains(text, "->") { // "web → staging" orders
		if s, ok := r.fragment(text); ok && s.app != "" &&
			(len(history) == 0 || !isBotReply(history[len(history)-1]) && r.talkBefore(ctx, history)) {
			// "api prod", "le site en prod" said alone, or after the
			// person's off-topic question ("api prod too" after lunch
			// plans; an attack): no order, what runs there (it planned a
			// rollback of api production; as an answer to the bot's
			// question it completes a request, see followUp).
			return deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdStatus,
				Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: req.App, Env: req.Env,
					Lang: req.Lang, Confidence: 1, SubjectApp: req.App, SubjectEnv: req.Env}}
		}
	}
	if len(history) == 0 {
		return r.subjectFilled(req, text, nil)
	}
	if len(history) > maxHistory {
		history = history[len(history)-maxHistory:]
	}
	if opt, ok := numberedPick(text, history[len(history)-1]); ok {
		// "1" after "Which environment for api? 1. staging 2.
		// production": the option of that number, as if typed.
		out := r.parse(ctx, opt, history)
		out.Text = req.Text
		return out
	}
	if strings.TrimSpace(text) == "--wait" {
		// "--wait" after "deploy api 2.8.4 to staging" and the bot's "api
		// staging is locked" (the chat keeps the order, not the refusal):
		// the order again, waiting its turn (a plan to confirm as any
		// order; --yes or --force alone are not taken this way: they would
		// skip the plan or break glass).
		if last, ok := r.lastPersonRequest(ctx, history); ok && last.Kind == deploybot.KindAction && last.Intent.Intent == deploybot.IntentDeploy &&
			waitAnswers(history) {
			last.Wait, last.Text, last.FollowUp = true, text, true
			return last
		}
	}
	if redoAsked(text) { // the text first: most messages ask no redo, and the history's check reads the bot's whole reply
		// "retry", "relance-le", "redo it please" after an order that
		// failed, expired or was refused: the same order again, a new plan
		// to confirm.
		if h, report, ok := redoFollows(history); ok {
			if last, ok := r.lastPersonRequest(ctx, h); ok && last.Kind == deploybot.KindAction && last.App != "" && last.Env != "" &&
				!strings.ContainsAny(last.Text, "?¿") && (report == "" || reportsOn(report, last)) &&
				!(last.Intent.Intent != deploybot.IntentDeploy && strings.HasPrefix(firstField(commandLine(text)), "redeplo")) { // "redeploy" redoes no rollback
				last.Text, last.FollowUp = text, true
				return last
			}
		}
	}
	if out, ok := r.liftAfterCard(req, text, history[len(history)-1]); ok {
		return out
	}
	if out, ok := r.replySequel(ctx, text, history); ok {
		return out
	}
	// The history may hold the bot's own replies (the route JSON's
	// history does): the request an answer continues is the person's
	// last message before them; the reply right before the answer says
	// what it answers (a project, an environment, a version, which
	// deployment).
	k := len(history) - 1
	var asked botTurn
	for k >= 0 && (isBotReply(history[k]) || r.stateLine(history[k]) || k > 0 && (r.readAnswer(ctx, history[k], history[k-1]) ||
		k == len(history)-1 && r.commandAsk(ctx, history[k], history[k-1]))) {
		if asked.text == "" {
			asked = botTurnOf(history[k])
			asked.lang = r.lang(normalize(history[k]))
		}
		k--
	}
	if k == len(history)-1 && strings.HasSuffix(strings.TrimSpace(history[k]), "?") && !planPending(history) {
		if out, ok := r.noToColleague(ctx, req, history[k]); ok {
			return out
		}
	}
	if asked.asks == "confirm" && strings.HasSuffix(strings.TrimSpace(text), ")") {
		// "non, en 3.0.3 (la 3.0.2 a été retirée)" after the plan of
		// 3.0.2: the change, and why between brackets (it cancelled the
		// plan). A bracket that doubts, asks or delays is no reason
		// (bracketReason).
		t := strings.TrimSpace(text)
		if i := strings.LastIndexByte(t, '('); i > 0 && !strings.ContainsAny(t[i:], "?¿@") && !strings.ContainsAny(t[:i], "()") {
			note := strings.Trim(t[i:], "() ")
			if head := strings.TrimSpace(t[:i]); note != "" && r.bracketReason(note, planVersion(asked.text)) {
				if out := r.parse(ctx, head, history); out.Kind == deploybot.KindAction && out.Arg("replaces") != "" {
					out.Text = req.Text
					return out
				}
			}
		}
	}
	if asked.asks == "outcome" && len(asked.ids) == 0 && (k < 0 || k != len(history)-2 || !r.outcomeCommand(ctx, history[k])) {
		// The bot's bare "succeeded or failed?" answers the "outcome 42"
		// right before it: after "sorry I meant 42" it names no
		// deployment the answer may settle (it settled 43).
		asked.asks = ""
	}
	if out, ok := r.projectPicked(ctx, req, text, history[len(history)-1]); ok {
		return out // "status of the second one" after the projects
	}
	if k < len(history)-1 {
		if out, ok := r.pickedFromList(ctx, req, text, history); ok {
			return out // "approve the web one" after the approvals waiting
		}
	}
	if sugg := suggestionsOf(history[len(history)-1]); len(sugg) > 0 && req.Kind != deploybot.KindAction && req.Kind != deploybot.KindCommand {
		if pick, ok := r.suggestionPicked(text, sugg); ok {
			// "the first one" after "I'm not sure what you mean … (answer
			// "rollback web on staging", "status web" or "help")": that
			// one, read as if typed (a rollback is still planned and
			// confirmed).
			out := r.alone(ctx, pick)
			out.Text, out.FollowUp, out.Lang = req.Text, true, r.answerLang(text, req, asked)
			return out
		}
	}
	if last := history[len(history)-1]; req.Kind != deploybot.KindAction && req.Kind != deploybot.KindCommand && asked.asks == "" {
		// (The moment first: momentAskedBefore parses the history again,
		// 9 % of BenchmarkParse when it came first.)
		if mo, ok := momentFollowUp(text); ok && (windowVerdictRe.MatchString(last) || k == len(history)-1 && r.momentAskedBefore(ctx, history)) {
			// "and the 28th?", "et le 24 ?", "is 2pm ok?" after the bot's
			// verdict for a moment: the same question for that one (they
			// were not understood).
			out := deploybot.Request{Text: req.Text, Kind: deploybot.KindQuestion, Moment: &mo, FollowUp: true,
				Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: r.answerLang(text, req, asked), Confidence: 1}}
			if k >= 0 {
				p := r.alone(ctx, history[k])
				out.SubjectApp, out.SubjectEnv = p.SubjectApp, p.SubjectEnv
			}
			return out
		}
	}
	if req.Kind == deploybot.KindCommand && req.Command == deploybot.CmdConfirm && req.Arg("id") == "" && asked.asks != "confirm" &&
		slices.ContainsFunc(wordsOf(text), thanksWords.has) && offeredCommand(history[len(history)-1]) == "" {
		// "c'est bon pour moi, merci" after the card of a deployment
		// done: a thanks, nothing to confirm.
		req.Kind, req.Command, req.Args = deploybot.KindSmalltalk, "", nil
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: 1}
		return req
	}
	if req.Kind == deploybot.KindCommand && (req.Command == deploybot.CmdConfirm || req.Command == deploybot.CmdApprove) && req.Arg("id") == "" && goAhead(text) {
		// ("ship it" is an approval's word too: after the diff's offer
		// to promote, the offer.)
		if c := offeredCommand(history[len(history)-1]); c != "" {
			// "do it" after "… Ready to roll back to 3.7.2: "rollback
			// api production"": that order, read as if typed (it is
			// still planned and confirmed). Only an action: "yes" after
			// "To stop it: "delete reminder 3"" deletes nothing.
			if out := r.alone(ctx, c); out.Kind == deploybot.KindAction && !(out.Intent.Intent == deploybot.IntentRollback && slices.Contains(wordsOf(text), "ship")) {
				// ("ship it" goes forward: never the rollback offered.)
				out.Text, out.FollowUp, out.Lang = req.Text, true, r.answerLang(text, req, asked)
				return out
			}
		}
	}
	if last := fold(strings.TrimSpace(history[len(history)-1])); strings.HasPrefix(last, "news or an order?") || strings.HasPrefix(last, "une nouvelle ou un ordre ?") {
		// "yes, an order", "c'est un ordre, vas-y" after "News or an
		// order? … To plan it: "deploy api 2.4.0 to staging"": that
		// order; "just news" plans nothing.
		if out, ok := r.newsThenOrder(ctx, text, req, history[len(history)-1]); ok {
			out.Lang = r.answerLang(text, req, asked)
			return out
		}
		said := newsOrOrder(text)
		switch {
		case said != "":
		case offeredTaken(text) || planItSaid(text):
			said = "order" // "yeah that, go", "oui ça, vas-y", "oui, planifie-le": the order the bot wrote out
		case newsSaidFirst(text):
			said = "news" // "nope, just news: web 2.0.0 on staging since this morning" plans nothing
		}
		whole := req
		tail, orderFirst := orderSaidFirst(text)
		if orderFirst && (newsOrOrder(tail) == "order" || goAhead(tail) || deployItWords(tail)) {
			said, orderFirst = "order", false // "c'est un ordre, vas-y déploie", "it's an order, deploy it"
		}
		if orderFirst {
			text = tail // "non c'est un ordre : mets-la en recette": the order after it
			req = r.alone(ctx, tail)
		}
		switch said {
		case "order":
			if c := offeredCommand(history[len(history)-1]); c != "" {
				if out := r.alone(ctx, c); out.Kind == deploybot.KindAction {
					out.Text, out.FollowUp, out.Lang = req.Text, true, r.answerLang(text, req, asked)
					return out
				}
			}
		case "news":
			// "just news", "juste une info": said to the team, nothing to
			// do; small talk (a short friendly reply), not "not understood".
			out := r.noCommand(req)
			out.Kind, out.Topic, out.Alternatives = deploybot.KindSmalltalk, deploybot.TopicAcknowledged, nil
			return out
		default:
			if req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentDeploy && req.App == "" && req.UnknownApp == "" &&
				req.Version == "" && req.From == "" && pronounOrder(strings.TrimPrefix(strings.TrimPrefix(commandLine(text), "non "), "no ")) {
				// "non, déploie-la en prod" after "News or an order? … To
				// plan it: "deploy api 2.4.0 to staging"": that version of
				// that project, where the answer sends it.
				if c := offeredCommand(history[len(history)-1]); c != "" {
					if out := r.alone(ctx, c); out.Kind == deploybot.KindAction && out.Intent.Intent == deploybot.IntentDeploy {
						out.Text, out.FollowUp, out.Lang = req.Text, true, r.answerLang(text, req, asked)
						if req.Env != "" {
							out.Env, out.SubjectEnv, out.Route = req.Env, req.Env, r.deployRoute(req.Env)
						}
						return out
					}
				}
			}
		}
		if orderFirst {
			// The order after "c'est un ordre" is the one offered, or the
			// whole message is read as before: "c'est un ordre, en prod"
			// planned a rollback of production (an attack).
			text, req = whole.Text, whole
		}
	}
	if req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentRollback && req.Version == "" {
		if c := offeredCommand(history[len(history)-1]); c != "" {
			// "yes, roll it back", "ouais go rollback" after the bot's
			// offer to roll back to 2.8.1: to that version.
			if out := r.alone(ctx, c); out.Kind == deploybot.KindAction && out.Intent.Intent == deploybot.IntentRollback &&
				(req.App == "" || req.App == out.App) && (req.Env == "" || req.Env == out.Env) {
				req.App, req.Env, req.Version, req.SubjectApp, req.SubjectEnv = out.App, out.Env, out.Version, out.App, out.Env
			}
		}
	}
	if req.Kind == deploybot.KindCommand && req.Command == deploybot.CmdConfirm && req.Arg("id") == "" && asked.suggests == "" &&
		(slotAsks[asked.asks] || asked.asks == "id" || asked.asks == "reason" || asked.asks == "when" || asked.asks == "outcome") {
		// "yes" to the bot's "Which project?": it answers that question,
		// and confirms no plan (a plan waiting from before ran this way;
		// attack 18).
		return r.noCommand(req)
	}
	if _, apology := answerThenApology(text, asked.text); apology && slotAsks[asked.asks] {
		// "web, sorry, not shop": the apology after the answer corrects
		// nothing (followUpOf reads the answer).
	} else if tail, ok := correctedAnswer(text); ok && slotAsks[asked.asks] && (r.namesSlot(wordsOf(tail)) || len(versionTokens(tail)) > 0) && (slices.ContainsFunc(wordsOf(tail), conditionWords.has) ||
		laterMoment(tail) || hasMoment(tail) || slices.ContainsFunc(wordsOf(tail), anywhereHedges.has)) {
		// "recette. non, prod, mais seulement après la démo": the value
		// after the correction, put off or conditioned; the bot asks again.
		return r.noCommand(req)
	} else if ok && slotAsks[asked.asks] && req.Kind != deploybot.KindAction &&
		(req.Kind != deploybot.KindCommand || req.Command == deploybot.CmdCancel && req.Arg("id") == "") && // "les deux ? non, juste l'api"
		!takenBackAnswer(r.alone(ctx, tail)) {
		// "both... no wait, just api", "staging, non attends, la prod"
		// after "Which project?": the answer is what follows its
		// correction.
		out := r.parse(ctx, tail, history)
		out.Text = req.Text
		return out
	}
	if asked.asks == "interview" {
		if out, ok := r.interviewAnswer(ctx, req, asked, history[:k+1]); ok {
			return out
		}
	}
	if k < 0 {
		// No request of the person's before: the bot's card of a
		// deployment, when it is one, says what the conversation is
		// about ("🚀 Deployment web 3.2.0 (#58) → production … Done").
		// An alert's rollback plan is the plan a correction changes; a
		// deploy's card is no order to carry on ("ça part en 502, rb !"
		// after it redeployed the version): fromBotTurn reads it.
		prev := r.botCard(history)
		if prev.Intent.Intent != deploybot.IntentRollback || !planAnswerRe.MatchString(commandLine(text)) {
			// Only a yes or a correction that says so answers the plan
			// ("non, reviens plutôt en 3.1.8", "yes roll back"): not "3.1.9
			// est pourrie", "3.1.8 est pire" (they rolled back there).
			prev = deploybot.Request{}
		}
		if m := stateOfRe.FindStringSubmatch(fold(strings.TrimSpace(history[len(history)-1]))); m != nil && stateCard(fold(strings.TrimSpace(history[len(history)-1]))) {
			// "et l'api en prod ?", "and staging?" right after the bot's
			// state card of one project, its request out of the
			// conversation's window: the card is that project's status
			// (the second attack of session 35: a rollback of api).
			if app, ok := r.project(m[1]); ok {
				prev = r.alone(ctx, "status "+app)
			}
		}
		if (asked.asks == "env" || asked.asks == "version") && req.App == "" && req.UnknownApp == "" && prev.Kind != deploybot.KindAction {
			// "prod" after "Which environment for the rollback of web?",
			// the order itself out of the window: the order the question
			// names (it was a deploy of no project).
			if verb, app, env, own, ok := r.askedOrder(asked.text); ok && own && verb != "promote" {
				if order := r.alone(ctx, strings.TrimSpace(verb+" "+app+" "+env)); order.Kind == deploybot.KindAction && order.App == app {
					prev = order
				}
			}
		}
		return r.subjectFilled(r.fromBotTurn(r.toldFilled(r.followUp(ctx, req, prev, asked), text, history), history), text, history)
	}
	if k == len(history)-1 && k > 0 {
		// A question back the bot's marks do not tell from a person's
		// ("Which version of api should I deploy to staging?"): the bot's
		// when it follows a request that lacks the slot it asks for.
		if slot := slotAsked(history[k]); slot != "" {
			if prev := r.Parse(ctx, history[k-1], history[:k-1]); lacks(prev, slot) {
				asked = botTurnOf(history[k])
				asked.asks, asked.lang = slot, r.lang(normalize(history[k]))
				return r.followUp(ctx, req, prev, asked)
			}
		}
	}
	prev := r.Parse(ctx, history[k], history[:k])
	if asked.asks != "" && prev.Kind != deploybot.KindAction && prev.Kind != deploybot.KindCommand {
		// "v2.0.1 finally" after "deploy backend to staging", "Which
		// version?", "hmm let me check the tag", "Which version?": the
		// request is the person's last one that asked for something.
		for j := k - 1; j >= 0; j-- {
			if isBotReply(history[j]) || r.stateLine(history[j]) {
				continue
			}
			if earlier := r.Parse(ctx, history[j], history[:j]); earlier.Kind == deploybot.KindAction || earlier.Kind == deploybot.KindCommand {
				prev = earlier
				break
			}
		}
	}
	if (asked.asks == "env" || asked.asks == "version") && prev.Kind != deploybot.KindAction && req.App == "" && req.UnknownApp == "" {
		if verb, app, env, own, ok := r.askedOrder(asked.text); ok && own && verb != "promote" && (prev.SubjectApp == "" || prev.SubjectApp == app) &&
			r.orderLike(ctx, history[k]) {
			// "v1.0.0" after "deploy", "Which project?", "api", "Which
			// environment for the deploy of api?", "staging" and "Which
			// version of api for staging?": the person's order fell out
			// of the conversation's window (or was read as talk: "hotfix
			// the backend in prod" before "Which version of api?"), the
			// bot's own question names it. The person's last message
			// lends the environment it names when the bot's does not.
			// Not after talk ("faut pas toucher au backend en prod", "I
			// won't roll back the site before you're back": orderLike),
			// nor when that message names another project.
			if env == "" && prev.SubjectEnv != "" && (prev.SubjectApp == "" || prev.SubjectApp == app) && prev.Kind == deploybot.KindQuestion &&
				slices.ContainsFunc(wordsOf(history[k]), func(w string) bool {
					return deployVerbs.has(w) || isActionWord(w) || hasRollbackStem([]string{w}) || w == "hotfix" || w == "fix" || w == "patch"
				}) { // an order's verb: not "api sandbox is broken"
				env = prev.SubjectEnv
			}
			if order := r.alone(ctx, strings.TrimSpace(verb+" "+app+" "+env)); order.Kind == deploybot.KindAction && order.App == app {
				order.Text, order.Lang = history[k], prev.Lang
				prev = order
			}
		}
	}
	if out, ok := r.laterOrderNow(ctx, req, text, prev, history[k]); ok {
		return out
	}
	if k < len(history)-1 {
		if out, ok := sameForID(req, text, prev, history); ok {
			return out // "et la 62 aussi" after "approve 61" and its report
		}
	}
	if order, ok := r.confirmedOrder(ctx, prev, history, k); ok && !strings.ContainsAny(text, "?¿") {
		prev = order // "same for web" after "rollback api staging", the plan, "yes" and its report
	}
	if bare, ok := withoutPraiseAndSequel(text); ok && prev.Kind == deploybot.KindAction && asked.asks != "confirm" && !strings.ContainsAny(text, "?¿") &&
		!pickMocked(text) && !(k < len(history)-1 && r.failedOrRefused(history[len(history)-1])) {
		// "great, and to production too", "super, et en prod aussi" after
		// a staging deploy: the environment, as "and to production" reads
		// it (it was a card on rolling updates). Not right after a plan
		// ("euh, staging aussi" is another deploy, not a change of the
		// plan waiting), a refusal or a failure; not mocked, nor
		// addressed to someone.
		if s, ok := r.fragment(bare); ok && s.env != "" && s.app == "" && s.version == "" {
			if out := r.parse(ctx, bare, history); out.Kind == deploybot.KindAction {
				out.Text = req.Text
				return out
			}
		}
	}

	if req.Kind == deploybot.KindAction && prev.Kind != deploybot.KindAction && sameThingRe.MatchString(commandLine(text)) {
		// "same thing but on prod" after "can you check the logs for
		// api?" and the bot's answer: the same question elsewhere, no
		// deploy of api (the model read one in "same thing on prod").
		return r.noCommand(req)
	}
	saidOn := req.Kind == deploybot.KindAction && req.App == "" && req.UnknownApp == "" &&
		(pronounOrder(commandLine(text)) || goOrderRe.MatchString(commandLine(text)))
	if saidOn && prev.Kind != deploybot.KindAction && prev.Kind != deploybot.KindCommand && goodNews(history[k]) && !r.badNews(history[k]) {
		// "then push it to prod" after "deploy api 4.6.0 to staging", the
		// bot's "done", and "smoke tests are green on staging": "it" is
		// what the person's last order deployed, its version with it.
		for j := k - 1; j >= 0 && j >= k-subjectWindow; j-- {
			if isBotReply(history[j]) || r.stateLine(history[j]) {
				continue
			}
			if r.badNews(history[j]) {
				break // "don't push it to prod before Bob checks", "staging is red": no order to carry on
			}
			if earlier := r.Parse(ctx, history[j], history[:j]); earlier.Kind == deploybot.KindAction {
				prev = earlier
				break
			}
		}
	}
	if slotAsks[asked.asks] && req.Kind != deploybot.KindAction && req.Kind != deploybot.KindCommand && slices.ContainsFunc(wordsOf(text), rankOrNumber) {
		if opts := numberedOptions(asked.text); len(opts) > 1 {
			if pick, ok := r.suggestionPicked(text, opts); ok && !slices.ContainsFunc(wordsOf(pick), rankOrNumber) {
				// "2", "the first one", "la 2" after "Which environment?\n1.
				// staging\n2. production": the option of that number, as if
				// typed. An option that is itself a rank or a number is not
				// read again (options "1. 2", "2. 1" looped until the stack
				// overflowed).
				out := r.parse(ctx, pick, history)
				out.Text = text
				return out
			}
		}
	}
	out := r.followUp(ctx, req, prev, asked)
	if saidOn && out.Kind == deploybot.KindAction {
		// "go pour la prod maintenant" after "la recette du front est
		// validée par le client": the project the last turn names, and
		// the version validated on staging.
		if app, ok := r.lastSubject(history); ok && out.App == "" && out.UnknownApp == "" && !r.badNews(history[k]) {
			out.App, out.SubjectApp = app, app
		}
		if out.App != "" && out.Intent.Intent == deploybot.IntentDeploy && out.Env == deploybot.EnvProduction && out.Version == "" &&
			out.From == "" && r.stagingValidated(history[max(0, len(history)-subjectWindow):], out.App) {
			out.From = deploybot.EnvStaging
		}
	}
	out = r.toldFilled(out, text, history)
	out = r.fromBotTurn(out, history)
	if out.Kind == deploybot.KindAction && (out.App == "" && out.UnknownApp == "" || out.Env == "" && out.UnknownEnv == "") &&
		!(saidOn && out.Intent.Intent == deploybot.IntentDeploy) {
		// "rollback le front" after "le site est cassé en recette depuis
		// le déploiement de 10h": what the action lacks, from the incident
		// told earlier in the conversation.
		for j := k; j >= 0; j-- {
			if isBotReply(history[j]) || r.stateLine(history[j]) {
				continue
			}
			if out.Intent.Intent == deploybot.IntentRollback && r.calmLine(history[j]) {
				break // "fausse alerte, c'était le cache", "fixed by clearing the cache": no incident to go back from
			}
			told := r.alone(ctx, history[j])
			if strings.Contains(history[j], "?") || noIncidentNow(wordsOf(history[j])) {
				// "si le site est cassé en recette ?", "le site n'est pas
				// cassé en recette", "c'était cassé en recette hier":
				// no incident here now.
				continue
			}
			// A line the topic model only leans to call a rollback's
			// ("la 2.19.1 de l'api attend la migration": 0.26) tells no
			// incident unless its words say a fault.
			if told.Kind != deploybot.KindQuestion && told.Kind != deploybot.KindAction ||
				told.Kind == deploybot.KindQuestion && (told.Route != deploybot.RouteRollback || told.Confidence < 0.5) && !hasFault(wordsOf(history[j])) &&
					!(out.Intent.Intent == deploybot.IntentRollback && incidentNow(history[j])) {
				continue
			}
			if told.SubjectApp == "" && told.SubjectEnv == "" {
				continue // "c'est la release de ce matin": the incident is told before
			}
			if r.projectsNamed(wordsOf(history[j])) > 1 {
				break // "web is fine, api is broken": which one, the bot asks (it rolled back web, the first named)
			}
			if out.App == "" && out.UnknownApp == "" && told.SubjectApp != "" {
				out.App = told.SubjectApp
			}
			if out.Env == "" && out.UnknownEnv == "" && told.SubjectEnv != "" && (out.App == told.SubjectApp || told.SubjectApp == "") {
				out.Env = told.SubjectEnv
			}
			if out.Intent.Intent == deploybot.IntentDeploy {
				out.Route = r.deployRoute(out.Env)
			}
			out.SubjectApp, out.SubjectEnv = out.App, out.Env
			break
		}
	}
	if asked.asks == "" && out.Kind == deploybot.KindAction && prev.Kind == deploybot.KindAction && out.Intent.Intent == prev.Intent.Intent &&
		out.App != "" && out.App == prev.App && (out.Env == prev.Env || strings.ContainsAny(text, "?¿")) && out.Version == prev.Version &&
		out.From == prev.From && out.Arg("replaces") == "" &&
		!hasActionWord(normalize(text)) && !hasRollbackStem(wordsOf(text)) && versionToken(text) == "" &&
		!slices.ContainsFunc(wordsOf(text), redoVerbs.has) && !sameVersionRe.MatchString(commandLine(text)) {
		// "c bon c en preprod ?", "ok c bon en preprod" after "déploie api
		// v2.1.0 en preprod": the same order again, with no verb nor
		// version of its own, asks how it went (it planned a redeploy, and
		// a "oui" ran it); "c bon c en prod ?" after it, asked of another
		// environment, asks what runs there (it planned production).
		return deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdStatus, FollowUp: true,
			Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: out.App, Env: out.Env,
				Lang: req.Lang, Confidence: 1, SubjectApp: out.App, SubjectEnv: out.Env}}
	}
	if asked.asks == "outcome" && out.Kind == deploybot.KindAction && out.Intent.Intent == deploybot.IntentDeploy && out.App == "" {
		// "it worked, on staging" after "#42 … Succeeded or failed?": a
		// verdict narrowed, no deploy to staging (it planned one).
		return r.noCommand(out)
	}
	if asked.asks == "" && out.Kind == deploybot.KindAction && !out.FollowUp && out.Version == "" && out.From == "" && acknowledged(text) &&
		!hasActionWord(normalize(text)) && !hasRollbackStem(wordsOf(text)) && !rbOrder(text) {
		// "ok thanks, api prod", "ok noted, api prod" after the rollback
		// procedure of api: a thanks and a name, no order (each planned
		// a production deploy); what runs there, as said alone.
		return deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdStatus,
			Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: out.App, Env: out.Env,
				Lang: req.Lang, Confidence: 1, SubjectApp: out.App, SubjectEnv: out.Env}}
	}
	return r.subjectFilled(out, text, history)
}

// acknowledged reports whether text opens with an acknowledgement, a
// thanks or a wait, and no word that orders: "ok thanks, api prod", "ok
// noted, …", "merci, …", "ok wait, …".
func acknowledged(text string) bool {
	ws := wordsOf(text)
	seen := false
	for _, w := range ws {
		switch {
		case ackOpeners.has(w):
			seen = true
		case w == "ok" || w == "okay" || w == "oh" || w == "ah" || ackFillers.has(w):
		default:
			return seen
		}
	}
	return seen
}

// ackFillers stand in an acknowledgement: "ok c'est noté", "ok j'ai
// compris", "ok bon à savoir".
var ackFillers = setOf("c", "est", "j", "ai", "bon", "a", "savoir", "good", "to", "know", "i", "it", "that", "s")

// ackOpeners acknowledge or thank: "ok noted", "merci", "compris".
var ackOpeners = setOf("thanks", "thank", "thx", "ty", "merci", "noted", "note", "compris", "understood", "got", "cool", "wait", "attends", "checking", "savoir",
	"attend", "super", "parfait", "perfect", "great", "nice", "top", "cheers", "roger")

// outcomeCommand reports whether text, read alone, is the command that
// asks for a deployment's outcome: "outcome 42".
func (r *Router) outcomeCommand(ctx context.Context, text string) bool {
	c := r.alone(ctx, text)
	return c.Kind == deploybot.KindCommand && c.Command == deploybot.CmdOutcome && c.Arg("id") != "" && c.Arg("outcome") == ""
}

// fromBotTurn completes an action that names no project from the bot's
// last reply, when that reply names one project and says what the action
// answers: "rollback now" after "Monitoring api 3.5.2 on production
// (#89): error rate 2.4% > 0.1% ⚠️" rolls back api production; "ok ship
// 5.4.2 to prod" after "web staging 5.4.2 vs production 5.4.0: …"
// deploys web, the project whose version it names. A reply naming two
// projects, or none, completes nothing (the bot asks).
func (r *Router) fromBotTurn(out deploybot.Request, history []string) deploybot.Request {
	if out.Kind == deploybot.KindAction && out.UnknownApp == "" && out.UnknownEnv == "" && len(history) > 0 {
		if card := r.botCard(history); card.App != "" {
			switch {
			case out.Intent.Intent == deploybot.IntentRollback && (out.App == "" || out.App == card.App) && (out.Env == "" || out.Env == card.Env) &&
				!slices.ContainsFunc(wordsOf(out.Text), everyWords.has) && plainOrderAfterCard(out.Text):
				// "error rate is climbing on checkout, roll it back",
				// "ça part en 502, rb !" after the card of web's deploy to
				// production: that project, there.
				out.App, out.SubjectApp = card.App, card.App
				out.Env, out.SubjectEnv = card.Env, card.Env
				return out
			case out.Intent.Intent == deploybot.IntentDeploy && out.App == "" && out.From != "" && out.From == card.Env && out.Version == "":
				// "smoke tests are green, promote it to prod" after the
				// card of api's deploy to staging: that project.
				out.App, out.SubjectApp = card.App, card.App
				return out
			}
		}
	}
	if out.Kind == deploybot.KindAction && out.Intent.Intent == deploybot.IntentRollback && out.App != "" && out.Env == "" && out.UnknownEnv == "" && len(history) > 0 {
		// "ok rollback l'api en 3.7.2" after "En production : api 3.8.0
		// (#57, …), web 5.3.0 (…)": the one environment the state names,
		// where the project runs.
		last := history[len(history)-1]
		if r.stateLine(last) && botTurnOf(last).asks == "" && slotAsked(last) == "" && !strings.Contains(last, "?") && r.bareRollback(out.Text) &&
			!slices.ContainsFunc(wordsOf(last), func(w string) bool { return negationWords.has(w) || w == "pas" || w == "not" || w == "no" }) {
			ws := wordsOf(last)
			if s := r.analyze(last).s; envsNamed(ws) == 1 && s.env != "" && slices.ContainsFunc(ws, func(w string) bool {
				a, ok := r.project(w)
				return ok && a == out.App
			}) {
				out.Env, out.SubjectEnv = s.env, s.env // a deploy names its own: the plan shows the one it would take
			}
		}
		return out
	}
	if out.Kind != deploybot.KindAction || out.App != "" || out.UnknownApp != "" || len(history) == 0 {
		return out
	}
	last := history[len(history)-1]
	if asks := botTurnOf(last).asks; !isBotReply(last) && !r.stateLine(last) || r.projectsNamed(wordsOf(last)) != 1 || slotAsked(last) != "" ||
		asks != "" && !(asks == "outcome" && hasRollbackStem(wordsOf(out.Text))) { // "ko, revert" after the alert on an interrupted deployment: its project
		return out
	}
	s := r.analyze(last).s
	if s.app == "" {
		return out
	}
	switch out.Intent.Intent {
	case deploybot.IntentRollback:
		ws := wordsOf(last)
		if !hasFault(ws) && !strings.Contains(last, "⚠") && !slices.ContainsFunc(ws, alertWords.has) ||
			slices.ContainsFunc(ws, func(w string) bool {
				return w == "without" || w == "sans" || w == "no" || w == "aucun" || w == "aucune"
			}) ||
			slices.ContainsFunc(wordsOf(out.Text), everyWords.has) {
			return out // not after "30 min without a breach", nor "rollback everything" narrowed to one
		}
		out.App, out.SubjectApp = s.app, s.app
		if out.Env == "" && out.UnknownEnv == "" && s.env != "" {
			out.Env, out.SubjectEnv = s.env, s.env
		}
	case deploybot.IntentDeploy:
		if out.Version == "" || !slices.ContainsFunc(s.versions, func(v string) bool { return sameVersion(v, out.Version) }) {
			return out
		}
		out.App, out.SubjectApp = s.app, s.app
	}
	return out
}

// alertWords tell that a metric went wrong in the bot's monitoring report.
var alertWords = setOf("breach", "breached", "breaches", "exceeded", "depasse", "depasses", "depassement", "alert", "alerte", "unhealthy")

// everyWords name every project: "rollback everything".
var everyWords = setOf("everything", "all", "tout", "tous", "toutes", "both", "deux")

// sameVersion reports whether two version strings name the same version,
// with or without the "v".
func sameVersion(a, b string) bool {
	return strings.TrimPrefix(a, "v") == strings.TrimPrefix(b, "v")
}

// slotAsks are the bot's questions for a slot of a request.
var slotAsks = map[string]bool{"project": true, "env": true, "version": true, "id": true}

// correctionMarks take back what an answer said before them.
var correctionMarks = []string{"no wait", "wait no", "non attends", "attends non", "non pardon", "no sorry", "sorry no", "i mean",
	"je veux dire", "scratch that", "en fait", "actually", "euh non", "uh no", "oh no", "ah non", "non non", "no", "non", "sorry",
	"pardon", "oops", "oups", "plutot", "rather"}

// takenBackAnswer reports whether what follows an answer's correction
// takes the answer back ("api... no, forget it"): no answer.
func takenBackAnswer(req deploybot.Request) bool {
	return req.Kind == deploybot.KindCommand && req.Command == deploybot.CmdCancel && req.Arg("id") == ""
}

// weakMarks take back only when set apart by punctuation: "jenkins...
// no, gitlab-ci", not "53, no load tests".
var weakMarks = map[string]bool{"no": true, "non": true, "sorry": true, "pardon": true, "oops": true, "oups": true, "plutot": true,
	"rather": true}

// markSetApart reports whether t[i:end] is followed by a comma or a
// stop, or preceded by an ellipsis or a question ("les deux? non juste le
// site": an answer asked, then taken back).
func markSetApart(t string, i, end int) bool {
	after := strings.TrimLeft(t[end:], " ")
	before := strings.TrimRight(t[:i], " ")
	return strings.HasPrefix(after, ",") || strings.HasPrefix(after, ".") || strings.HasPrefix(after, "…") ||
		strings.HasSuffix(before, "..") || strings.HasSuffix(before, "…") || strings.HasSuffix(before, "?")
}

// correctedAnswer returns what follows the last correction mark of a
// short answer ("both... no wait, just api" → "just api"), when anything
// does.
func correctedAnswer(text string) (string, bool) {
	t := fold(text)
	if len(t) > 80 {
		return "", false // a long message
	}
	var orig []int // orig[i] is the byte of text that byte i of t folds from, when folding moves bytes ("c'est validé")
	if len(t) != len(text) {
		var b strings.Builder
		for i, c := range text {
			f := fold(string(c))
			for range len(f) {
				orig = append(orig, i)
			}
			b.WriteString(f)
		}
		if b.String() != t {
			return "", false // a folding that is not rune by rune
		}
		orig = append(orig, len(text))
	}
	at := -1
	for _, mark := range correctionMarks {
		for i := strings.Index(t, mark); i >= 0; {
			end := i + len(mark)
			if (i == 0 || !isWordByte(t[i-1])) && (end == len(t) || !isWordByte(t[end])) && end > at && (!weakMarks[mark] || markSetApart(t, i, end)) {
				at = end
			}
			j := strings.Index(t[end:], mark)
			if j < 0 {
				break
			}
			i = end + j
		}
	}
	if at < 0 {
		return "", false
	}
	if orig != nil {
		at = orig[at]
	}
	tail := strings.TrimLeft(text[at:], " ,.;:!-—…")
	return tail, len(wordsOf(tail)) > 0 // "staging, and make it 1.9.1 actually": a mark last corrects nothing after it
}

// interviewAnswer reads req, said right after the bot asked one of an
// interview's questions, as the answer (the agent takes every message of
// a person in an interview as the answer to its question but a question
// of its own): "2", "skip", "blue-green, et zéro coupure obligatoire",
// "stop, on reprendra lundi". The answer is the interview command, of
// the project the interview is about: the one its start named (the
// person's last message before, an order to start it or an earlier
// answer), else the one the question names. Not an answer: a question
// ("c'est quoi blue-green ?"), an order that names its project ("deploy
// api v2 to staging").
func (r *Router) interviewAnswer(ctx context.Context, req deploybot.Request, asked botTurn, history []string) (deploybot.Request, bool) {
	if strings.HasSuffix(strings.TrimSpace(req.Text), "?") || req.Kind == deploybot.KindAction && req.App != "" || !interviewReply(req) {
		return req, false
	}
	app, _ := r.project(asked.project)
	agency := false
	for k := len(history) - 1; k >= 0; k-- {
		if isBotReply(history[k]) || r.stateLine(history[k]) {
			continue
		}
		if prev := r.Parse(ctx, history[k], history[:k]); prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdInterview {
			app, agency = prev.App, prev.Arg("scope") == "agency"
		}
		break
	}
	out := deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdInterview, FollowUp: true,
		Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: app, Lang: req.Lang,
			Confidence: 1, SubjectApp: app}}
	if !r.saysLang(req.Text) && asked.lang != "" {
		out.Lang = asked.lang
	}
	if app == "" && !agency && (containsFoldASCII(asked.text, "set up the agency's conventions") || containsFoldASCII(asked.text, "les conventions de l'agence.")) {
		agency = true // "2" after "interview" and the bot's "Let's set up the agency's conventions. … Question 1/5"
	}
	switch {
	case app != "":
		out.Args = map[string]string{"scope": "project"} // the project's interview, as "configure web" starts it
	case agency:
		out.Args = map[string]string{"scope": "agency"} // "2" after "interview agency" and its first question
	}
	return out, true
}

// interviewReply reports whether req, said while an interview waits for
// an answer, may be that answer: not a command of its own ("approve 14",
// "status", "help", "freeze production until monday") but a yes, a no or
// a stop ("oui", "non", "stop, on reprendra lundi").
func interviewReply(req deploybot.Request) bool {
	if req.Kind != deploybot.KindCommand {
		return true
	}
	switch req.Command {
	case deploybot.CmdConfirm, deploybot.CmdCancel:
		return req.Arg("id") == "" && req.App == "" && req.Env == ""
	}
	return false
}

// alone parses text on its own, without its history. It depends on text
// only, and the earlier messages of a conversation are parsed again for
// each later one (a follow-up's), so it is kept in the Router's cache of
// parses (pcache.go); what that cache does not keep, the message's memory
// of its sub-parses does (subParses).
func (r *Router) alone(ctx context.Context, text string) deploybot.Request {
	countRead(len(text))
	if req, ok := r.parsed.get(text); ok {
		return req
	}
	kept := r.parsed.keeps(text)
	memo := subParsesOf(ctx)
	if !kept {
		if req, ok := memo.get(text); ok {
			return req
		}
	}
	req := r.aloneParsed(ctx, text)
	if kept {
		r.parsed.put(text, req)
	} else {
		memo.put(text, req)
	}
	return req
}

// aloneParsed is alone, computed.
func (r *Router) aloneParsed(ctx context.Context, text string) deploybot.Request {
	if t := strings.TrimSpace(text); len(t) > 2 && t[0] == '`' && t[len(t)-1] == '`' {
		// A message that is one code span is the command typed in code
		// style ("`rollback api production`", "`v1.11.0`"), but only one
		// that opens with its verb: "`FIXME deploy web 5.3.1 to
		// production`", "`the fix: rollback api production`" are code
		// pasted (they deployed).
		inner := strings.TrimSpace(strings.Trim(t, "`"))
		line := commandLine(inner)
		first, _, _ := strings.Cut(line, " ")
		opens := imperativeOf(line) != "" || commandOpens(inner) || strings.HasPrefix(line, "deploybot ") || first == "promote" || first == "tick" || first == "coche"
		if !opens || strings.HasPrefix(inner, "#") || strings.HasPrefix(inner, "//") || strings.ContainsAny(inner, ";|&") {
			// Nor a comment or a shell line: "`# deploy web 2.5.0`",
			// "`deploy web 2.4.0 && rollback api production`".
			var req deploybot.Request
			if codeLayers(inner) > maxCodeLayers {
				// "``` ``` ``` …": each span read alone read the rest
				// again; past maxCodeLayers spans, the rest is read whole.
				req = r.parseWhole(ctx, inner)
			} else {
				req = r.alone(ctx, inner)
			}
			req.Text = text
			if req.Kind == deploybot.KindAction {
				req = noOrder(req, req.Route)
			} else if req.Kind == deploybot.KindCommand && !readOnly[req.Command] && req.Command != deploybot.CmdHelp {
				req = noOrder(req, deploybot.RouteOrchestrator) // "`status`" still reads
			}
			return req
		}
	}
	if own, ok := afterPasted(text); ok {
		// "> [PagerDuty] CRITICAL api-prod …\nthat's the migration.
		// rollback api prod to 3.7.2", "Sentry spam: `OperationalError …`
		// x 2,4k\n\nrollback du backend en prod stp": an alert pasted,
		// then the writer's own words, read alone with every rule (not
		// "> rollback api prod\npas de rollback", nor "…\nbob: rollback
		// api prod").
		if req, ok := r.pastedOrder(ctx, own); ok {
			req.Text = text
			return req
		}
		// Talk after it ("> deploy api 3.4.4 to production\nc'est ce que
		// j'ai tapé hier, pourquoi rien ?", "…\nfalse positive", "…\nok"):
		// read whole, the alert's topic with it, and no order of the
		// alert's words ("Sentry alert: rollback api production
		// recommended\n\nfalse positive" rolled back).
		req := r.parseWhole(ctx, text)
		if req.Kind == deploybot.KindAction || req.Kind == deploybot.KindCommand && !readOnly[req.Command] {
			route := req.Route
			if req.Kind == deploybot.KindCommand {
				route = deploybot.RouteOrchestrator
			}
			req = noOrder(req, route)
		}
		return req
	}
	req := r.parseWhole(ctx, text)
	if req.Kind != deploybot.KindAction {
		if fr, ok := r.orderAfterFace(ctx, text); ok {
			req = fr
		}
	}
	return req
}

// maxCodeLayers is the most code spans one inside the other that alone
// reads one at a time.
const maxCodeLayers = 8

// codeLayers returns how many code spans stand one inside the other in
// text, up to maxCodeLayers+1: text is one ("`…`"), what its backquotes
// hold too, and so on.
func codeLayers(text string) int {
	n := 0
	for t := strings.TrimSpace(text); n <= maxCodeLayers && len(t) > 2 && t[0] == '`' && t[len(t)-1] == '`'; n++ {
		t = strings.TrimSpace(strings.Trim(t, "`"))
	}
	return n
}

// orderAfterFace reads "checkout cassé en prod depuis le deploy de
// vendredi 😱 rollback web vite": a fault told, a face, then an order
// that opens with its verb, with nothing after it, as if a comma stood
// for the face. A face is no comma elsewhere: "surtout pas 🙏 rollback web
// prod", "hier soir 🙏 rollback api prod, heureusement ça a marché",
// "deploy web v3.4.5 to prod 💀 if tests pass" order nothing (an attack
// found 146 such orders when every face ended a clause).
func (r *Router) orderAfterFace(ctx context.Context, text string) (deploybot.Request, bool) {
	i, j, ok := faceBetween(text)
	if !ok {
		// "le site est cassé rollback", "la home est blanche rollback
		// !!": a fault told, then the rollback's word alone at the end.
		i, ok = rollbackAtEnd(text)
		j = i
	}
	if !ok || strings.ContainsAny(text, "?¿") {
		return deploybot.Request{}, false
	}
	before, after := text[:i], text[j:]
	if first, rest, _ := strings.Cut(strings.TrimSpace(after), " "); rollbackShort.has(strings.ToLower(first)) {
		after = strings.TrimSpace("rollback " + rest) // "… 😱 rb stp"
	}
	bw, aw := wordsOf(before), wordsOf(after)
	workNegated := slices.ContainsFunc(bw, negationWords.has) && slices.ContainsFunc(bw, workingVerbs.has) // "ne marche plus", "doesn't work"
	if !hasFault(bw) && !slices.ContainsFunc(bw, outageWords.has) && !workNegated || slices.ContainsFunc(bw, negationWords.has) && !workNegated ||
		imperativeOf(commandLine(after)) == "" && !backVerbOpens(after) && !remetsPrevious(aw) || slices.ContainsFunc(aw, negationWords.has) || slices.ContainsFunc(aw, notYetWords.has) {
		return deploybot.Request{}, false
	}
	if _, k, ok := clauseBreak(after); ok && len(wordsOf(after[k:])) > 0 {
		return deploybot.Request{}, false // "… 😱 rollback api prod, heureusement ça a marché"; not "… 😱 rollback !!"
	}
	if _, ok := momentOf(after, aw); ok {
		return deploybot.Request{}, false // "… 😱 rollback front prod à 18h"
	}
	req := r.parseWhole(ctx, strings.TrimSpace(before)+", "+after)
	if req.Kind != deploybot.KindAction {
		return deploybot.Request{}, false
	}
	req.Text = text
	return req, true
}

// rollbackAtEnd returns where a last word of rollback stands in text
// when only words of hurry or politeness follow it ("… rollback", "… rb
// stp", "… roll back now !!") and three words or more come before it.
func rollbackAtEnd(text string) (int, bool) {
	ws := strings.Fields(text)
	n := len(ws)
	for n > 0 && len(wordsOf(ws[n-1])) == 0 || n > 0 && hurryWords.has(fold(strings.Trim(ws[n-1], "!."))) {
		n--
	}
	if n < 4 {
		return 0, false
	}
	last := fold(strings.Trim(ws[n-1], "!."))
	k := n - 1
	switch {
	case last == "back" && fold(ws[n-2]) == "roll":
		k = n - 2
	case last == "rollback" || last == "rb" || last == "revert":
	default:
		return 0, false
	}
	if k < 3 {
		return 0, false
	}
	if bw := wordsOf(strings.Join(ws[:k], " ")); len(bw) > 0 && (askedState.has(bw[0]) || slices.ContainsFunc(bw, func(w string) bool {
		return negationWords.has(w) || w == "not" || w == "pas" || w == "isn" || w == "isnt" || w == "t" || w == "plus" || doubtedState.has(w)
	})) {
		return 0, false // "the site isn't down rollback", "was the site down rollback", "I think the site is down rollback"
	}
	if prev := fold(strings.Trim(ws[k-1], ",.!")); !faultWords.has(prev) && !outageWords.has(prev) && !brokenStates.has(prev) {
		// The state told right before it, as a clause's end: not "le
		// site est cassé depuis le rollback", "the site is down since
		// the api rollback", "…, classic rollback" (a noun: each rolled
		// back).
		return 0, false
	}
	i := 0
	for _, w := range ws[:k] {
		i = strings.Index(text[i:], w) + i + len(w)
	}
	return i + 1, i+1 < len(text)
}

// doubtedState make a fault told no fact: past, asked, doubted or
// reported ("was", "is the site down", "might", "peut-être", "I think",
// "users say").
var (
	doubtedState = setOf("was", "were", "etait", "might", "may", "maybe", "peut-etre", "think", "pense", "crois", "say", "says", "disent",
		"dit", "seems", "semble", "if", "si")
	askedState = setOf("is", "are", "est-ce", "was", "were")
)

// brokenStates end the telling of a fault: "la home est toute blanche",
// "the page is blank", "checkout is dead".
var brokenStates = setOf("blanche", "blanc", "blank", "white", "ko", "dead", "mort", "morte", "broken", "vide", "empty", "rouge", "red",
	"hs", "offline", "unreachable", "injoignable", "inaccessible")

// workingVerbs say something works; negated, they tell a fault.
var workingVerbs = setOf("marche", "marchent", "fonctionne", "fonctionnent", "work", "works", "working", "repond", "repondent", "charge")

// remetsPrevious reports whether words open with putting the previous
// version back: "remets la version précédente du site en prod".
func remetsPrevious(words []string) bool {
	return len(words) > 2 && (words[0] == "remets" || words[0] == "remettez" || words[0] == "put") && slices.ContainsFunc(words[1:4], previousWords.has)
}

// faceBetween finds the first run of pictographs set between spaces in
// text, with words on both sides: text[i:j] is the run and its spaces.
func faceBetween(text string) (i, j int, ok bool) {
	for k := 1; k < len(text); k++ {
		if text[k] < utf8.RuneSelf || text[k-1] != ' ' {
			continue
		}
		end := skipEmoji(text, k)
		if end == k || end >= len(text) || text[end] != ' ' {
			continue
		}
		if strings.TrimSpace(text[:k]) == "" || strings.TrimSpace(text[end:]) == "" {
			return 0, 0, false
		}
		return k - 1, end + 1, true
	}
	return 0, 0, false
}

// parseWhole is alone without its cache and its reading of pasted
// alerts.
func (r *Router) parseWhole(ctx context.Context, text string) deploybot.Request {
	var ordered bool
	req := r.parseOne(ctx, text, &ordered)
	if req.Kind != deploybot.KindAction && req.Kind != deploybot.KindCommand {
		if rest, ok := r.greetingOpened(ctx, text); ok {
			// "bonjour, je suis Inès, nouvelle cheffe de projet. c quoi qui
			// tourne en prod ?": the request for what the bot knows after
			// the greeting (it hid it: a new user got the process card).
			if rr := r.alone(ctx, rest); rr.Kind == deploybot.KindCommand && readOnly[rr.Command] || rr.Kind == deploybot.KindCommand && rr.Command == deploybot.CmdHelp {
				rr.Text = req.Text
				req = rr
			}
		}
	}
	if req.Kind == deploybot.KindAction {
		ws := wordsOf(text)
		switch {
		case req.Intent.Intent == deploybot.IntentRollback && r.cancelledObject(ws, req) == "deploy":
			// "annule le déploiement du site": cancelled if it waits (the
			// bot says how to go back if it ran).
			req = deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdCancel,
				Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: req.App, Env: req.Env,
					Lang: req.Lang, Confidence: 1, SubjectApp: req.App, SubjectEnv: req.Env}}
		case req.Intent.Intent == deploybot.IntentRollback && r.cancelledObject(ws, req) != "":
			// "annule la réunion de mise en prod", "annule tout": no
			// rollback of anything.
			req = noOrder(req, deploybot.RouteRollback)
		case req.Intent.Intent == deploybot.IntentRollback && slices.ContainsFunc(ws, stuckWords.has) && !hasRollbackStem(ws) &&
			!slices.ContainsFunc(ws, previousWords.has) && req.Version == "":
			// "je suis bloquée sur la mise en prod du site": someone stuck,
			// asking for help; no going back (a new user got a rollback plan).
			req = noOrder(req, deploybot.RouteProduction)
		case req.Intent.Intent == deploybot.IntentRollback && req.Version == "" && settingPutBack(ws):
			// "remets la stratégie du site comme dans le fichier", "…
			// comme avant": a setting put back, no rollback of the
			// project (it planned one).
			req = noOrder(req, deploybot.RouteOrchestrator)
		case req.Intent.Intent == deploybot.IntentDeploy && settingPut(ws):
			// "pour l'api, mets la stratégie à canary": a setting changed,
			// no deploy (it planned one of the api).
			req = noOrder(req, deploybot.RouteOrchestrator)
		case len(ws) > 0 && restartWords.has(ws[0]) && !hasRollbackStem(ws) && !slices.ContainsFunc(ws, deployVerbs.has):
			// "restart api prod", "redémarre l'api en prod": the servers'
			// work, devops' (it deployed or rolled back).
			req = noOrder(req, deploybot.RouteDevops)
		case offLockObject(ws):
			// "bloque la date de déploiement du site en prod", "gèle le
			// créneau de déploiement de l'api": a date or a slot blocked,
			// no lock and no deploy (it deployed: an attack).
			req = noOrder(req, deploybot.RouteOrchestrator)
		case notificationAsked(ws):
			// "redige moi l'annonce de la release du site 2.5.0 en
			// français": the notification's text, on any rule's path.
			req = noOrder(req, deploybot.RouteOrchestrator)
			req.Topic = deploybot.TopicNotification
		case len(ws) == 1 && ws[0] == "back" && !strings.Contains(text, "?"):
			// "back!": someone is back; a rollback says what it goes back
			// on or to ("back to 2.14.1").
			req = noOrder(req, deploybot.RouteOrchestrator)
		case slices.ContainsFunc(ws[:min(3, len(ws))], resetVerbs.has) || lockParticipleOnly(req.Text) && !hasActionVerb(ws) || lockNounOrder(ws) ||
			req.Intent.Intent == deploybot.IntentRollback && req.Version == "" && defaultPutBack(ws):
			// "reset web prod" (a setting's reset, never a rollback),
			// "prod gelée !" (a state told; not in a --force reason:
			// "hotfix api 2.14.3 en prod --force "commandes bloquées""), "mets l'api en gel :
			// migration" (a freeze said with its noun), "remets par
			// défaut" (a setting put back): no deploy and no rollback, on
			// any rule's path.
			req = noOrder(req, deploybot.RouteOrchestrator)
		case req.Intent.Intent == deploybot.IntentDeploy && req.Version != "" && (slices.ContainsFunc(ws, removalVerbs.has) &&
			badTargetOf(normalize(req.Text), req.Version) || takenOff(ws)):
			// "enlève le hotfix 3.16.4 de l'api en prod": the version
			// taken out, never deployed.
			req = noOrder(req, deploybot.RouteRollback)
		case req.Intent.Intent == deploybot.IntentRollback && req.Version == "" && otherBack(" "+strings.Join(ws, " ")+" "):
			// "web prod is broken, I'll get back to you", "api prod down,
			// back in 5 min", "retour à la normale prévu à 15h": another
			// going back than a rollback's.
			req = noOrder(req, deploybot.RouteRollback)
		case r.fineTold(ws, req.App, req.Env):
			// "prod, web is fine", "la prod, l'api va bien": a project said
			// well, no order for it.
			req = noOrder(req, req.Route)
		case waitTold(req.Text):
			// "rollback api prod attends", "déploie le site en prod,
			// j'attends le go du client", "deploy web to prod, waiting on
			// the client though": the order held back in the same breath.
			req = noOrder(req, req.Route)
		case r.talkAfterInterjection(ctx, text):
			// "go, rollback api production if it breaks": an ok or a go
			// makes no order of the talk after it (it rolled back now).
			req = noOrder(req, req.Route)
		case req.Intent.Intent == deploybot.IntentDeploy && releaseForLater(text):
			// "MEP du front demain ?", "go-live du site ce soir": the
			// release named for later, no order now (as "deploy web to
			// prod tomorrow" is none).
			req = noOrder(req, req.Route)
		case teamGreeted(ws) && teamNews(text, ws):
			// "hello team, D-day for api 2.8 🚀", "salut l'équipe,
			// aujourd'hui MEP du site en 4.12.0": news for the team, with
			// no verb that orders; "hello team, deploy api 2.8" still does.
			req = noOrder(req, deploybot.RouteOrchestrator)
			req.Kind = deploybot.KindSmalltalk
		case r.projectsNamed(ws) > 1 && len(r.analyze(text).s.versions) > 1:
			// "hotfix api 3.16.4 and web 2.9.3": two projects, two
			// versions, two orders; the bot runs none (it deployed api
			// 2.9.3).
			req = noOrder(req, req.Route)
			req.Confidence, req.Topic = 1, deploybot.TopicSeveralOrders
		}
	}
	if req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentRollback && req.Version == "" {
		if at := asOfDay(commandLine(text)); at != "" {
			// "reviens à la version d'hier", "roll back web to yesterday's
			// version": the version that ran then, not the last good one
			// (the agent finds it in the history).
			setArg(&req, "asof", at)
			if b := fold(req.BadVersion); b != "" && (strings.Contains(b, "hier") || strings.Contains(b, "yesterday") || strings.Contains(b, "day")) {
				req.BadVersion = "" // "la version d'avant-hier": the day, no version written wrong
			}
		}
	}
	if req.Kind == deploybot.KindCommand && req.Command == deploybot.CmdLock && lockForLater(text) {
		// "lock api production tomorrow": a lock has no start to come, and
		// taking it now is not what was asked (it locked at once); talk.
		req = noOrder(req, deploybot.RouteOrchestrator)
	}
	if req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentRollback && backTold(wordsOf(text)) {
		// "payments are back", "api is back up", "le site est revenu":
		// good news told, no order to go back (they planned a rollback).
		req.Kind, req.Command, req.Args, req.From, req.Version = deploybot.KindQuestion, "", nil, "", ""
		req.Intent = deploybot.Intent{Route: deploybot.RouteRollback, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: req.Confidence}
	}
	if req.Kind == deploybot.KindQuestion && req.Route != deploybot.RouteOrchestrator && req.Route != deploybot.RouteDevops &&
		req.Route != deploybot.RouteDirection && doraFigureRe.MatchString(commandLine(text)) && !hasRollbackStem(wordsOf(text)) &&
		!slices.ContainsFunc(wordsOf(text), func(w string) bool { return w == "incident" || w == "incidents" || w == "outage" || w == "panne" }) {
		// "our change failure rate is 40% this week, what are we doing
		// wrong?": the delivery figures, the orchestrator's metrics (the
		// model heard a failure and went to rollback).
		req.Route = deploybot.RouteOrchestrator
	}
	if req.Kind == deploybot.KindQuestion && req.Route != deploybot.RouteOrchestrator && commandTalk(text) && r.targetNamed(text) {
		// "on peut déverrouiller web prod : réglé", "don't delete reminder
		// 2", "we can set web approval to none": a command asked about,
		// suggested, negated or passed on is talk of the orchestrator's
		// (SCHEMA.md), not a hand-off nor a card of the model's guess.
		req.Route, req.Confidence = deploybot.RouteOrchestrator, 1
	}
	if changes(req) && r.severalOrders(req.Text) {
		// "deploy web v1.1.0 to staging and api v1.1.0 to production",
		// "lock web production: incident and unlock api production: ok":
		// one of the orders ran, the other was dropped without a word (or
		// read as a reason). The bot runs none and asks for one per
		// message.
		// Two orders are the orchestrator's to sort out, whatever their
		// environments (every blind writer labelled them so).
		// Only a rollback of several projects ("rollback web and api on
		// prod", "rollback du site et de l'api") is talk of going back.
		route := deploybot.RouteOrchestrator
		if req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentRollback && !slices.ContainsFunc(wordsOf(req.Text), func(w string) bool {
			_, lock := lockVerbs[w]
			return lock || deployVerbs.has(w)
		}) {
			route = deploybot.RouteRollback
		}
		req.Kind, req.Command, req.Args, req.From = deploybot.KindQuestion, "", nil, ""
		req.Intent = deploybot.Intent{Route: route, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: 1}
		req.Topic = deploybot.TopicSeveralOrders
	}
	if req.Kind == deploybot.KindQuestion && len(text) > 40 && hasSentenceEnd(text) {
		if head, ok := r.withoutRemark(text); ok {
			// "… Vous pouvez la déployer en prod stp ? Je suis dispo pour
			// surveiller.": the request before a remark that names and
			// orders nothing; not when the whole gives no order ("deploy
			// api to prod? no.").
			if hr := r.alone(ctx, head); hr.Kind == deploybot.KindAction && !r.givesNoOrder(text, commandLine(text)) &&
				!(hr.Intent.Intent == deploybot.IntentRollback && requestAsked(lastClause(head)) && !rollbackAsked(text)) {
				hr.Text, hr.Yes, hr.Wait, hr.Force, hr.ForceReason = req.Text, req.Yes, req.Wait, req.Force, req.ForceReason
				req = hr
			}
		}
	}
	if req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentDeploy && req.From == "" {
		switch r.verbless(req.Text) {
		case verblessOrder:
			// A terse order said without a verb: the agent offers it
			// instead of planning it when it would change no version or
			// go back to an older one, which news tells as often.
			setArg(&req, "said", "terse")
		case verblessAsked:
			// "web 1.1.0 est en prod ?", "api en prod ?": what runs there
			// (it planned the deploy, and the "ok" after it ran it).
			req = deploybot.Request{Text: req.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdStatus,
				Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: req.App, Env: req.Env,
					Lang: req.Lang, Confidence: 1, SubjectApp: req.App, SubjectEnv: req.Env}}
		case verblessUnclear:
			// "web 1.0.0 en prod ce matin : RAS", "api 2.4.0 en recette
			// depuis lundi": news or an order; the bot plans nothing and
			// offers the order (the "ok" after the plan ran a downgrade).
			req = r.versionOwned(req) // "le back en recette depuis lundi, le site en 1.1.0": not api 1.1.0
			if timedVersion(wordsOf(req.Text), req.Version) {
				req.Version = "" // "api en recette depuis 9.30, RAS": a time, offered as version 9.30
			}
			offer := "deploy " + req.App
			if req.Version != "" {
				offer += " " + req.Version
			}
			if req.Env != "" {
				offer += " to " + req.Env
			}
			req = noOrder(req, r.deployRoute(req.Env))
			req.Topic, req.Alternatives = deploybot.TopicUnclearOrder, []string{offer}
		}
	}
	if req.Kind == deploybot.KindAction && (!ordered && r.givesNoOrder(req.Text, commandLine(req.Text)) || othersWish(req.Text) ||
		comingBack(wordsOf(req.Text)) || callBack(commandLine(req.Text)) || praiseOf(req.Text) || stateTold(wordsOf(req.Text)) && !clauseOrders(req.Text) ||
		r.twoOrders(wordsOf(req.Text)) || r.orderThenCommand(req.Text) || lockTold(wordsOf(req.Text)) ||
		deployNounTold(req.Text) ||
		envStated(wordsOf(req.Text), req.Env) && imperativeOf(commandLine(req.Text)) == "") {
		// Whatever rule read the action (a clause after a situation, a
		// noun, three slots), its words without an order give none:
		// "if QA passes, deploy api to prod" (hedge.go).
		// It is talk about that deploy or rollback: a question of its
		// topic, routed as the action would have been (SCHEMA.md).
		req.Kind = deploybot.KindQuestion
		req.Intent.Intent = deploybot.IntentQuestion
		req.App, req.Env, req.Version, req.From = "", "", "", ""
		delete(req.Args, "said") // how an order was said: no order now
		if lockTold(wordsOf(req.Text)) {
			req.Route = deploybot.RouteOrchestrator // a lock told is the orchestrator's topic
		}
	}
	if req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentDeploy && req.Version == "" && branchLike(req.BadVersion) &&
		r.inVersionSlot(req.Text, req.BadVersion) {
		req.Version, req.BadVersion = req.BadVersion, "" // "ship web main to prod", "deploy web feature/cart to staging"
	}
	if req.Kind == deploybot.KindAction && req.Intent.Intent == deploybot.IntentDeploy && req.Version == "" && req.From == "" && req.BadVersion == "" {
		// "déploie main sur la recette de l'api", "mets le site en
		// preprod, branche main": a branch, which the executor resolves
		// (README, "Versions are never guessed").
		req.Version = r.movingRef(req.Text)
	}
	if req.Kind == deploybot.KindQuestion && (req.Topic == "" || req.Topic == deploybot.TopicHowToDeploy) && req.Moment == nil && !strings.ContainsAny(text, "?¿") &&
		imperativeOf(commandLine(text)) != "" {
		mo, ok := momentOf(text, nil)
		if !ok {
			mo, ok = dayAhead(text)
		}
		if ok && (mo.Days > 0 || mo.Day > 0 || mo.In > 0 || mo.HasDay || mo.NextWeek || mo.Hour >= 0) {
			// "deploy web 2.5.0 to prod tomorrow", "déploie le site en prod
			// le 24": an order put off to a moment (the hedges made it no
			// order now); the bot schedules none, and says how that moment
			// fares.
			req.Topic, req.Moment = deploybot.TopicLaterOrder, &mo
		}
	}
	if strings.IndexByte(text, '`') >= 0 || strings.HasPrefix(strings.TrimSpace(text), ">") {
		// The language is the writer's, not that of an error or an alert
		// pasted ("Sentry spam: `OperationalError: could not connect …`
		// … rollback du backend en prod stp").
		if own := withoutPasted(text); len(wordsOf(own)) >= 3 {
			req.Lang = r.lang(normalize(own))
		}
	}
	if req.Kind == deploybot.KindCommand && req.Command == deploybot.CmdUnfreeze && req.Arg("id") == "" && req.Arg("all") == "" &&
		(strings.ContainsAny(text, "0123456789") || slices.ContainsFunc(wordsOf(text), func(w string) bool { return laterClauseWords.has(w) || deferrals.has(w) })) {
		// "unfreeze on the 28th", "dégèle le 1er", "unfreeze #3 and #4",
		// "dégèle la prod (gel 4)", "tomorrow, unfreeze": a number or a
		// moment it did not read as one freeze's; lifting what is in force
		// now (every freeze, for a bare unfreeze) is not what was asked.
		return noOrder(req, deploybot.RouteOrchestrator)
	}
	if req.Kind == deploybot.KindCommand && (req.Command == deploybot.CmdApprove || req.Command == deploybot.CmdDeny) && req.Arg("id") == "" &&
		req.Arg("version") == "" {
		if v := versionToken(text); v != "" && strings.Count(v, ".") >= 1 {
			setArg(&req, "version", v) // "approve 2.6.0": that version's request only (it approved the 1.6.0 waiting)
		}
	}
	if id := req.Arg("id"); id != "" && req.Kind == deploybot.KindCommand {
		// "approuve le déploiement du 10 décembre", "annule le 10
		// décembre": a date, never deployment #10 (it approved #10).
		ws := wordsOf(text)
		for i := 0; i+1 < len(ws); i++ {
			if ws[i] == id && monthWords.has(ws[i+1]) {
				return noOrder(req, deploybot.RouteOrchestrator)
			}
		}
	}
	return req
}

// afterPasted returns the lines after an alert pasted at the start of a
// message: lines quoted with ">", or a first paragraph that is a
// monitoring tool's label ("Sentry spam: …", "[PagerDuty] …") or holds a
// code span, when lines of the writer's own follow.
func afterPasted(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if strings.IndexByte(t, '\n') < 0 {
		return "", false
	}
	lines := strings.Split(t, "\n")
	k, ok := pastedEnd(lines)
	if !ok {
		return "", false
	}
	own := strings.TrimSpace(strings.Join(lines[k:], "\n"))
	return own, own != ""
}

// pastedEnd returns where the alert pasted at the top of lines ends
// (afterPasted): lines[k:] are the writer's own. lines[0] is not blank.
func pastedEnd(lines []string) (k int, ok bool) {
	switch first := strings.TrimSpace(lines[0]); {
	case strings.HasPrefix(first, ">") || strings.HasPrefix(first, "&gt;"):
		for k < len(lines) && (strings.HasPrefix(strings.TrimSpace(lines[k]), ">") || strings.HasPrefix(strings.TrimSpace(lines[k]), "&gt;")) {
			k++
		}
	case alertSourceRe.MatchString(fold(first)) || strings.Count(first, "`") >= 2:
		for k < len(lines) && strings.TrimSpace(lines[k]) != "" {
			k++ // the first paragraph
		}
	default:
		return 0, false
	}
	// An alert tells a fault, asks nothing and introduces nothing: not
	// "> bob: what's the command?", "Si `make test` passe demain :",
	// "Datadog: all green. Next week:".
	head := strings.Join(lines[:k], " ")
	hw := wordsOf(head)
	if !hasFault(hw) && !slices.ContainsFunc(hw, alertWords.has) && !slices.ContainsFunc(hw, outageWords.has) && !slices.ContainsFunc(hw, errorWord) || strings.ContainsAny(head, "?¿") ||
		strings.HasSuffix(strings.TrimSpace(head), ":") || slices.ContainsFunc(hw, func(w string) bool {
		return ifWords.has(w) || deferrals.has(w) || laterWords.has(w) || w == "next" || w == "prochaine" || w == "prochain"
	}) {
		return 0, false
	}
	return k, true
}

// maxPasted is the most alerts pasted one after the other that alone
// reads one at a time (pastedOrder).
const maxPasted = 8

// pastedOrder returns the order the writer's own words give after an
// alert pasted (afterPasted): own, read alone with every rule, when it
// orders. own may open with another alert pasted, which alone reads the
// same way, and so on.
//
// After more than maxPasted alerts one after the other, the alerts are
// read once (afterAllPasted): each read alone in turn, a message of
// pasted alerts was parsed once for each of them (160 alerts, then "ok":
// 10 s). The order is then the one of the words after the last alert,
// when no part of the message asks, reports a failure or says an order
// did nothing, and no part after an alert opens with a list's or a
// quote's mark.
func (r *Router) pastedOrder(ctx context.Context, own string) (deploybot.Request, bool) {
	last, parts := afterAllPasted(own)
	if parts.n <= maxPasted {
		req := r.alone(ctx, own)
		return req, r.ownOrder(req, own)
	}
	req := r.alone(ctx, last)
	ok := r.ownOrder(req, own) && r.ownOrder(req, last) && !parts.marked
	return req, ok
}

// ownOrder reports whether req, the words own after an alert pasted
// read alone, is their order.
func (r *Router) ownOrder(req deploybot.Request, own string) bool {
	return req.Kind == deploybot.KindAction && req.App != "" && !strings.ContainsAny(own, "?¿") && clauseOrders(own) &&
		!reportsFailure(own) && !strings.ContainsAny(own[:1], "-*•`>") && !didNothing(own)
}

// pastedParts tells what afterAllPasted found: n, the alerts after the
// first (own's own); marked, whether the words after one of them open
// with a list's or a quote's mark, or a backquote.
type pastedParts struct {
	n      int
	marked bool
}

// afterAllPasted returns the words after the last of the alerts pasted
// one after the other at the top of own (afterPasted applied while it
// finds one), reading own's lines once. It stops before a part that is
// one code span, which alone reads its own way.
func afterAllPasted(own string) (string, pastedParts) {
	var parts pastedParts
	lines := strings.Split(own, "\n")
	start, at := 0, 0 // the part's first line, and its offset in own
	for len(lines)-start >= 2 {
		if t := strings.TrimSpace(own[at:]); len(t) > 2 && t[0] == '`' && t[len(t)-1] == '`' {
			break
		}
		k, ok := pastedEnd(lines[start:])
		if !ok {
			break
		}
		next, nextAt := start, at
		for ; next < start+k; next++ {
			nextAt += len(lines[next]) + 1
		}
		for next < len(lines) && strings.TrimSpace(lines[next]) == "" {
			nextAt += len(lines[next]) + 1
			next++
		}
		if next == len(lines) {
			break // nothing after the alert
		}
		start, at = next, nextAt
		parts.n++
		if first := strings.TrimSpace(lines[next]); strings.ContainsAny(first[:1], "-*•`>") {
			parts.marked = true
		}
	}
	return strings.TrimSpace(own[at:]), parts
}

// alertSourceRe is a line that a monitoring tool wrote, or that names it
// as its source before a colon.
var alertSourceRe = mustCompile(`^\W*(?:sentry|pagerduty|datadog|grafana|prometheus|alertmanager|opsgenie|new ?relic|pingdom|uptime ?robot|statuscake|cloudwatch|nagios|zabbix|github actions|gitlab ci|jenkins|circleci)\b`)

// withoutPasted returns text without its code blocks, code spans and
// quoted lines.
func withoutPasted(text string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(text, "\n") {
		if l := strings.TrimSpace(line); !strings.HasPrefix(l, ">") && !strings.HasPrefix(l, "&gt;") {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	parts := strings.Split(b.String(), "`")
	b.Reset()
	for i, p := range parts {
		if i%2 == 0 || i == len(parts)-1 {
			b.WriteString(p) // outside the backquotes (an unclosed one quotes nothing)
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// branchLike reports whether a word written where a version goes names a
// branch the executor may resolve: a usual branch name, or a path under a
// usual prefix ("feature/cart", "hotfix/login"). Any other word stays a
// bad version, refused by name ("deploy shop foo to staging").
func branchLike(v string) bool {
	if v == "" || !cleanVersion(v) {
		return false
	}
	if movingRefs.has(strings.ToLower(v)) {
		return true
	}
	prefix, rest, ok := strings.Cut(strings.ToLower(v), "/")
	return ok && rest != "" && branchPrefixes.has(prefix)
}

// branchPrefixes open the names of working branches.
var branchPrefixes = setOf("feature", "feat", "fix", "bugfix", "hotfix", "release", "chore", "topic")

// movingRefs are the branches said without the word "branch" ("latest"
// and "head" are no version: the default, which the executor resolves).
var movingRefs = setOf("main", "master", "develop", "trunk")

// movingRef returns the branch a deploy order names where its version
// goes: "branche main", "the release/4.2 branch of web", or a usual branch
// name right after the order's verb or the project ("déploie main sur la
// recette", "deploy web develop to staging"), as written, and only when it
// stands there alone: not "deploy web master class", "main page only",
// "branch protection is on", nor in a message that denies or excepts
// something ("but not the main branch", "sauf la branche develop").
func (r *Router) movingRef(text string) string {
	if strings.Contains(text, "?") {
		return "" // "deploy api develop to prod by mistake, what now?"
	}
	fs := strings.Fields(text)
	if deniesBranch(fs) {
		return ""
	}
	trim := trimField
	for i, f := range fs {
		w := fold(trim(f))
		switch {
		case w == "branch" || w == "branche":
			if i+1 < len(fs) && branchLike(trim(fs[i+1])) && r.slotEnds(fs, i+1) {
				return trim(fs[i+1]) // "branche main", "branch hotfix/login"
			}
			if i > 1 && branchLike(trim(fs[i-1])) && (i+1 == len(fs) || fold(trim(fs[i+1])) == "of" || fold(trim(fs[i+1])) == "de") {
				return trim(fs[i-1]) // "the release/4.2 branch of web"
			}
		case movingRefs.has(w) && i > 0 && r.slotEnds(fs, i):
			prev := fold(trim(fs[i-1]))
			if _, isProject := r.project(prev); isProject && !strings.HasSuffix(fs[i-1], ",") || deployVerbs.has(prev) || isActionWord(prev) {
				return trim(f)
			}
		}
	}
	return ""
}

// slotEnds reports whether the field after fs[i] ends a version's slot:
// there is none, fs[i] ends a clause, or the next word introduces or names
// an environment.
func (r *Router) slotEnds(fs []string, i int) bool {
	if i+1 == len(fs) || strings.ContainsAny(fs[i][len(fs[i])-1:], ",;:.!?") {
		return true
	}
	next := fold(trimField(fs[i+1]))
	if _, ok := envWordOf(next); ok {
		return true
	}
	return targetWords.has(next) || next == "please" || next == "stp" || next == "svp" || next == "pls"
}

// inVersionSlot reports whether word, read as a bad version, stands alone
// in the version's slot of text (slotEnds), in a message that denies
// nothing.
func (r *Router) inVersionSlot(text, word string) bool {
	fs := strings.Fields(text)
	if deniesBranch(fs) {
		return false
	}
	for i, f := range fs {
		if trimField(f) == word {
			return r.slotEnds(fs, i)
		}
	}
	return false
}

// trimField is a field of text without the punctuation around its word.
func trimField(f string) string { return strings.Trim(f, ".,;:!?()\"'«»“”`") }

// deniesBranch reports whether the fields of a message deny or except
// something (branchDenials): no branch named there is a version.
func deniesBranch(fs []string) bool {
	return slices.ContainsFunc(fs, func(f string) bool { return branchDenials.has(fold(trimField(f))) })
}

// branchDenials make a branch named in a message no version to deploy:
// "but not the main branch", "sauf la branche develop", "main branch was
// frozen", "(branche main interdite)", "my feature/cart branch isn't ready".
var branchDenials = setOf("not", "no", "pas", "sans", "without", "except", "sauf", "hormis", "unlike", "isn", "isnt", "aren", "frozen",
	"interdite", "interdit", "forbidden", "protection", "protected", "ready", "prete", "pret", "never", "jamais", "don", "dont",
	"mistake", "erreur", "accident", "accidentally", "oops")

// goFirst reports whether words open with "go", after interjections
// and praise ("ok go …", "génial, go …").
func goFirst(words []string) bool {
	for _, w := range words {
		if interjections.has(w) || goOpeners.has(w) {
			continue
		}
		return w == "go"
	}
	return false
}

// praisedThenPromoted reads praise, then the order to ship elsewhere
// what the bot just reported done: "parfait, maintenant la même en prod",
// "top, on la passe en prod" after "🚀 Deployment web 1.4.0 (#9) —
// Status: Done ✅" of the person's own deploy to staging. Only after a
// plain success of that very order (no failure, warning, timeout, cancel
// or rollback in the report: praise after a failure is sarcasm), only a
// deploy of the same project to another environment, and only an order
// said plainly (no moment, condition, hedge, tag, question or mocking
// emoji after the praise). A first reading of any praise then any order
// promoted failed builds and rolled back on "bravo, en prod hein".
func (r *Router) praisedThenPromoted(ctx context.Context, text string, history []string) (deploybot.Request, bool) {
	if len(history) == 0 {
		return deploybot.Request{}, false
	}
	last := strings.TrimSpace(history[len(history)-1])
	m := deploymentDone(last)
	if m == nil || !isBotReply(last) {
		return deploybot.Request{}, false // only the report of a success, nothing after it
	}
	i, _, ok := clauseBreak(text)
	if !ok || i <= 0 || strings.ContainsAny(text, "?¿@>`~\"…") || strings.Contains(text, "..") || pickMocked(text) || len(versionTokens(text)) > 0 {
		return deploybot.Request{}, false // not "…, la même en prod pour la 1.4.1", "… en prod …"
	}
	head := wordsOf(text[:i])
	if len(head) == 0 || len(head) > 3 || slices.ContainsFunc(head, func(w string) bool { return !goOpeners.has(w) && !praiseWords.has(w) }) {
		return deploybot.Request{}, false
	}
	rest := strings.TrimSpace(strings.TrimLeft(text[i:], ",;:.!—–- "))
	ws := wordsOf(rest)
	if len(ws) == 0 || strings.ContainsAny(rest, ",;") || slices.ContainsFunc(ws, func(w string) bool {
		return laterTimes.has(w) || remarkLater.has(w) || remarkConditions.has(w) || hedgeWords.has(w) || tailDoubtWords.has(w) || valueJoins.has(w) ||
			w == "when" || w == "quand" || w == "des" || w == "fois" ||
			unsureWords.has(w) || praiseTags.has(w) || w == "what" || w == "quid" || w == "theorie" || w == "theory" || w == "espere" || w == "hope" ||
			w == "jour" || w == "day" || w == "someday" || w == "soon" || w == "bientot" || w == "eventually" || w == "prochainement"
	}) || ws[0] == "et" || ws[0] == "and" {
		return deploybot.Request{}, false // "nickel, et la prod", "génial, en prod demain", "parfait, en prod j'espère"
	}
	done, ok := r.lastPersonRequest(ctx, history)
	if !ok || done.Kind != deploybot.KindAction || done.Intent.Intent != deploybot.IntentDeploy || done.App == "" || done.Env != deploybot.EnvStaging ||
		!strings.EqualFold(m[1], done.App) || done.Version != "" && !sameVersion(m[2], done.Version) ||
		colleagueLineRe.MatchString(done.Text) || !isActionWord(firstField(commandLine(done.Text))) && !deployVerbs.has(firstField(commandLine(done.Text))) {
		return deploybot.Request{}, false // the report is of the person's own order to staging, as written ("Mark: deploy …" is told)
	}
	out := r.Parse(ctx, rest, history)
	if out.Kind != deploybot.KindAction || out.Intent.Intent != deploybot.IntentDeploy || out.App != done.App || out.Env != deploybot.EnvProduction ||
		out.Version != "" && !sameVersion(out.Version, m[2]) {
		return deploybot.Request{}, false // only staging's build promoted to production
	}
	out.Text = text
	return out, true
}

// startedRe is the bot's start of a deployment, its first line: its
// project, version and environment.
var startedRe = mustCompile(`^(?:Go: deploy|C'est parti : déploiement) ([a-z0-9][a-z0-9_-]*) (\S+) → ([a-z0-9][a-z0-9_-]*) \(#\d+\) (?:started|est lancé)`)

// lastStarted returns startedRe's match of the last deployment a bot
// turn started, when nothing after it tells of a failure, a rollback or
// another deployment's start (the deployment may already be back).
func lastStarted(turn string) []string {
	lines := strings.Split(strings.TrimSpace(turn), "\n")
	for k := len(lines) - 1; k >= 0; k-- {
		m := startedRe.FindStringSubmatch(strings.TrimSpace(lines[k]))
		if m == nil {
			continue
		}
		after := fold(strings.Join(lines[k:], "\n"))
		if strings.Contains(turn, "⏪") || slices.ContainsFunc(reportTroubles, func(t string) bool { return strings.Contains(after, t) }) ||
			strings.Contains(after, "rolled") || strings.Contains(after, "annule par un rollback") {
			return nil
		}
		return m
	}
	return nil
}

// itRolledBack reports whether text orders the rollback of "it" and
// nothing else: "roll it back", "rollback it", "annule-le", "reviens en
// arrière dessus", "rollback stp".
func itRolledBack(text string) bool {
	if strings.ContainsAny(text, "?¿@\"«»`>~") {
		return false
	}
	back := false
	for _, w := range wordsOf(text) {
		switch w {
		case "back", "rollback", "revert", "arriere":
			back = true
		case "roll", "it", "that", "this", "now", "please", "pls", "stp", "svp", "asap", "vite", "fais", "un",
			"le", "la", "reviens", "en", "dessus", "maintenant", "tout", "de", "suite", "go", "quick", "quickly", "right", "away":
		default:
			return false
		}
	}
	return back
}

// bareAcks are acknowledgements said alone, as commandLine folds them.
var bareAcks = setOf("ok", "okay", "oki", "okey", "k", "kk", "ok ok", "d accord", "dac", "daccord", "entendu", "compris", "ca marche",
	"parfait", "perfect", "cool", "super", "top", "nickel", "noted", "got it")

// answeredOnly reports whether a message of history is the bot's (or a
// card of several lines, which people do not write) that asks nothing: no plan waiting for its yes, no question, no offer, no
// list to pick from, no deployment waiting for an approval.
func answeredOnly(turn string) bool {
	if !(isBotReply(turn) || strings.Count(strings.TrimSpace(turn), "\n") >= 2) || botTurnOf(turn).asks != "" || confirmPrompt(turn) ||
		offeredCommand(turn) != "" || waitingRe.MatchString(turn) || strings.ContainsAny(turn, "?¿#«»\"“”") {
		return false // a plan (its id), an offer (its quoted order), a question: "ok" may be its yes
	}
	low := fold(turn)
	return !slices.ContainsFunc(yesAskWords, func(w string) bool { return strings.Contains(low, w) })
}

// yesAskWords, folded, ask for a yes or offer an order in a bot's
// message, whatever its wording: after one, "ok" is read as before.
var yesAskWords = []string{"yes", "oui", "confirm", "to plan it", "pour le planifier", "ready to", "pret a", "answer", "repond", "reply",
	"type ", "tapez", "say ", "dites"}

// deploymentDone returns doneReportRe's match of the bot's report of a
// deployment done: the one line alone, or the last line of the reply the
// terminal prints when a confirmed deployment runs through to staging.
// Every other line of that reply must be one the bot writes for that
// deployment going well (runReportLine): its start, its card's title and
// fields, its changes, its "in progress" states. Anything else ("Smoke
// tests : KO", "Statut : Bloqué", another deployment's line, another
// version) makes it no success to build on.
func deploymentDone(reply string) []string {
	lines := strings.Split(reply, "\n")
	m := doneReportRe.FindStringSubmatch(strings.TrimSpace(lines[len(lines)-1]))
	if m == nil || len(lines) == 1 {
		return m
	}
	id := m[0][strings.LastIndex(m[0], "(#")+2:]
	id = id[:strings.IndexByte(id, ')')]
	changes := false
	for k, l := range lines[:len(lines)-1] {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		low := fold(l)
		if slices.ContainsFunc(reportTroubles, func(t string) bool { return strings.Contains(low, t) }) {
			return nil
		}
		switch {
		case changes && (changeLineRe.MatchString(l) && !slices.ContainsFunc(wordsOf(l), changeTroubles.has) && !strings.Contains(l, "!!") ||
			changesNoteRe.MatchString(l)):
			continue // a change's line, under the card's "Changes:", that tells of no trouble
		case changesHeadRe.MatchString(l):
			changes = true
			continue
		}
		changes = false
		if !runReportLine(l, m[1], m[2], id, k == 0) {
			return nil
		}
	}
	return m
}

// runReportLine reports whether l is a line the bot writes for deployment
// #id of project app at version v going well: its start (first), its
// card's title, a state in progress, or one of its card's fields.
func runReportLine(l, app, v, id string, first bool) bool {
	if m := runStartRe.FindStringSubmatch(l); m != nil {
		return first && m[1] == app && m[2] == v && m[3] == id
	}
	if m := runTitleRe.FindStringSubmatch(l); m != nil {
		return m[1] == app && m[2] == v && m[3] == id
	}
	return runFieldRe.MatchString(l)
}

var (
	// runStartRe is the bot's start of a confirmed deployment to staging.
	runStartRe = mustCompile(`^(?:C'est parti : déploiement|Go: deploy) ([a-z0-9][a-z0-9_-]*) (\S+) → staging \(#(\d+)\) (?:est lancé|started)(?:, (?:approuvé par|approved by) @?[\w.-]+)?\.$`)
	// runTitleRe is a deployment card's title, or a state in progress.
	runTitleRe = mustCompile(`^🚀 (?:Deployment|Déploiement) ([a-z0-9][a-z0-9_-]*) (\S+) \(#(\d+)\)(?: — (?:Status: In progress(?: \(verifying\))?|Statut : En cours(?: \(vérification\))?))?$`)
	// runFieldRe is a field of a deployment's card in progress, to staging.
	runFieldRe = mustCompile(`^(?:(?:Status|Statut)\s*: (?:In progress|En cours)(?: \((?:verifying|vérification)\))?` +
		`|(?:Environment|Environnement)\s*: staging` +
		`|(?:Time|Heure)\s*: \d{4}-\d\d-\d\d \d\d:\d\d [A-Z+0-9-]+` +
		`|(?:Owner|Responsable)\s*: @[\w.-]+` +
		`|Rollback\s*: (?:Ready if needed|Prêt en cas de problème)(?: \([^()\s]+\))?` +
		`|(?:Run|Exécution)\s*: https?://[^\s#?]+)$`)
	// changesHeadRe and changesNoteRe are the card's changes: its header,
	// and the note that stands for the list when there is none.
	changesHeadRe = mustCompile(`^\*?(?:Changes|Changements)\*?\s*:$`)
	changesNoteRe = mustCompile(`^\((?:(?:changes unavailable|changements indisponibles)\s*:\s*(?:no previous version or no repository configured|pas de version précédente ou de dépôt configuré|no repository configured for project [\w-]+|aucun dépôt configuré pour le projet [\w-]+)|no changes|aucun changement)\)$`)
	// changeLineRe is a change of the card's list: a commit's type and
	// summary, or the count of the others.
	changeLineRe = mustCompile(`^- (?:(?:feat|fix|perf)(?:\([\w./-]+\))?: \S.*|et \d+ autre\(s\) changement\(s\)|and \d+ other change\(s\))$`)
)

// changeTroubles are words of a change's summary that tell of trouble
// rather than of a change ("- fix: DO NOT SHIP", "- feat: checkout broken
// on staging"), folded: a run report with one is no success to build on.
var changeTroubles = setOf("not", "pas", "ne", "don", "dont", "t", "hack", "todo", "fixme", "wip", "temporary", "temporaire", "temp", "hold",
	"disable", "disabled", "desactive", "desactiver", "leak", "leaks", "fuite", "loss", "perte", "security", "securite", "hole", "faille",
	"broken", "casse", "cassee", "regression", "regresse", "down", "panne", "rouge", "red", "500", "500s", "oom", "oomkilled", "drop",
	"dropped", "plante", "blocked", "bloque", "bloquee", "revert", "reverted", "danger", "warning", "attention", "only", "seulement",
	"before", "avant", "until", "jusqu", "remove", "retirer", "crash", "crashes", "error", "erreur", "errors", "fail", "failed", "failing",
	"echec", "ko", "bug", "bugs", "bugged", "data", "donnees", "ship", "prod", "production", "release", "mep")

// reportTroubles are words of a deployment's report that say something
// went wrong, folded.
var reportTroubles = []string{"echec", "echoue", "fail", "error", "erreur", "timeout", "timed out", "warning", "avertissement", "annule",
	"cancel", "rolled back", "rolled-back", "rollback effectue", "degrade", "degraded", "ko", "crash", "incident", "alerte", "alert"}

var (
	// doneReportRe is the bot's bare report of a deployment done, the
	// whole reply: its project and version.
	doneReportRe = mustCompile(`^🚀 (?:Deployment|Déploiement) ([a-z0-9][a-z0-9_-]*) (\S+) \(#\d+\) — (?:Status: Done|Statut : Terminé) ✅$`)
	// praiseTags end an order with a tag question: "en prod, hein".
	praiseTags = setOf("hein", "ok", "right", "non", "no", "okay", "quoi", "hm", "hmm")
)

// goOpeners may stand before a go: "nickel, go en prod".
var goOpeners = setOf("nickel", "genial", "super", "top", "cool", "parfait", "great", "perfect", "excellent")

// goOrderRe is a deploy ordered with "go" and its environment: "go pour
// la prod maintenant", "ok go for prod", "go en recette".
var goOrderRe = mustCompile(`^(?:(?:ok|okay|bon|alors|then|nickel|genial|super|top|cool|parfait|great|perfect|excellent)\s+)?go\s+(?:pour|for|to|en|on|sur)?\s*(?:la\s+|le\s+|the\s+|l\s+)?(?:prod|production|prd|live|staging|recette|preprod|pre-prod|stg)(?:\s+(?:maintenant|now|alors|then|stp|svp|please|pls))*$`)

// pronounOrder reports whether a line opens (after interjections) with
// the verb of a deploy and a pronoun: "mets-la en recette", "bon bah
// pousse-le en prod", "put it on staging".
func pronounOrder(line string) bool {
	ws := appendFields(make([]string, 0, 16), line)
	for len(ws) > 0 && (politeOpeners.has(ws[0]) || interjections.has(ws[0]) || ws[0] == "bah" || ws[0] == "bon" || ws[0] == "ok" ||
		ws[0] == "then" || ws[0] == "donc" || ws[0] == "now") {
		ws = ws[1:]
	}
	if len(ws) < 2 || len(ws) > 7 {
		return false
	}
	if v, pro, ok := strings.Cut(ws[0], "-"); ok {
		return deployVerbs.has(v) && (pro == "la" || pro == "le" || pro == "les")
	}
	return deployVerbs.has(ws[0]) && (ws[1] == "it" || ws[1] == "that" || ws[1] == "la" || ws[1] == "le")
}

// withoutRemark returns text without its last sentence when that sentence
// is a remark: no question, no project, environment or version, no
// action word, a few words ("Je suis dispo pour surveiller.", "Thanks in
// advance!").
func (r *Router) withoutRemark(text string) (string, bool) {
	segs := splitSentences(strings.TrimSpace(text))
	if len(segs) < 2 {
		return "", false
	}
	last := segs[len(segs)-1]
	if !r.remark(last) {
		return "", false
	}
	// A message that ends with more than maxRemarks remarks is read whole:
	// its head, read alone, would end with a remark again, and so on, a
	// parse of the message for each of its sentences.
	for k, n := len(segs)-2, 1; k > 0 && r.remark(segs[k]); k-- {
		if n++; n > maxRemarks {
			return "", false
		}
	}
	i := strings.LastIndex(text, last)
	if i <= 0 {
		return "", false
	}
	return strings.TrimSpace(text[:i]), true
}

// maxRemarks is the most remarks withoutRemark reads at a message's end.
const maxRemarks = 8

// remark reports whether a sentence is a remark (withoutRemark).
func (r *Router) remark(sentence string) bool {
	return strings.TrimSpace(sentence) != "" && !strings.Contains(sentence, "?") && len(wordsOf(sentence)) <= 12 && r.noSlots(sentence) &&
		!r.ordersIn(sentence)
}

// twoOrders reports whether words give two deploys or rollbacks joined
// ("deploy web 3.1.0 to staging and deploy api 2.5.0 to production"):
// the bot runs one order at a time, and the slots of the two mix; it
// answers instead of planning either.
func (r *Router) twoOrders(words []string) bool {
	first := slices.IndexFunc(words, func(w string) bool { return deployVerbs.has(w) || w == "rollback" || w == "revert" })
	if first < 0 {
		return false
	}
	for i := first + 1; i+1 < len(words); i++ {
		j, ok := joinedAt(words, i)
		if !ok {
			continue
		}
		if deployVerbs.has(words[j]) || words[j] == "rollback" || words[j] == "revert" {
			return true
		}
		if _, lock := lockVerbs[words[j]]; lock && (r.namesProjectAt(words, j+1) || envWordAt(words, j+1)) {
			return true // "deploy web to staging and lock api prod" deployed web to production
		}
	}
	return false
}

// changes reports whether req would change something: an action, or a
// consequential command other than a reminder or a no to a plan.
func changes(req deploybot.Request) bool {
	return req.Kind == deploybot.KindAction || req.Kind == deploybot.KindCommand && consequential[req.Command] &&
		req.Command != deploybot.CmdReminders && req.Arg("decline") == ""
}

// severalOrders reports whether text gives a second order joined to its
// first ("and", "et", "puis", "then"): another verb of deploying, going
// back, locking or freezing with what it acts on, or the first verb's
// second project ("deploy web and api to staging").
func (r *Router) severalOrders(text string) bool {
	ws := wordsOf(text)
	first := -1
	for i, w := range ws {
		if _, lock := lockVerbs[w]; deployVerbs.has(w) || w == "rollback" || w == "revert" || lock ||
			w == "roll" && wordAt(ws, i+1) == "back" {
			first = i
			break
		}
	}
	if first < 0 {
		return false
	}
	if r.listedProjects(text) && r.lastProjectObject(ws) {
		return true
	}
	project := ""
	for i := first + 1; i < len(ws); i++ {
		if p, ok := r.nameOrShort(ws[i]); ok && project == "" {
			project = p
		}
		j, ok := joinedAt(ws, i)
		if !ok {
			continue
		}
		w := ws[j]
		if _, lock := lockVerbs[w]; (lock || deployVerbs.has(w) || w == "rollback" || w == "revert") &&
			(r.namesProjectAt(ws, j+1) || envWordAt(ws, j+1)) {
			return true
		}
		k := j
		if w := wordAt(ws, k); w == "de" || w == "du" || w == "of" {
			k++ // "rollback du site et de l'api"
		}
		if k < len(ws) && articles.has(ws[k]) {
			k++
		}
		if p, ok := r.nameOrShort(wordAt(ws, k)); ok && project != "" && p != project && objectEnds(ws, k+1) {
			return true // "deploy web and api to staging", "déploie le site et le back", "roll back api and web"
		}
	}
	return false
}

// objectEnds reports whether the words from i on may end a second
// project named as an order's object: nothing, its environment, its
// version, a word of politeness or haste. Not a clause of which it is
// the subject: "roll back api prod and web should recover", "roll back
// the backend, the front is ok", "rollback l'api et du site on s'occupe
// après" give one order, whose effect the rest tells.
func objectEnds(ws []string, i int) bool {
	if i >= len(ws) {
		return true
	}
	w := ws[i]
	switch {
	case envWordAt(ws, i) || strings.ContainsAny(w, "0123456789") || objectTails.has(w):
		return true
	case beforeEnvWords.has(w) || w == "into":
		j := i + 1
		if j < len(ws) && articles.has(ws[j]) {
			j++
		}
		return envWordAt(ws, j) || strings.ContainsAny(wordAt(ws, j), "0123456789") // "… and web on prod", "… and web to 2.4.1"
	}
	return false
}

// objectTails may follow the last project an order names: "deploy api
// and web too", "rollback api and web asap".
var objectTails = setOf("too", "also", "aussi", "both", "tous", "deux", "please", "pls", "plz", "stp", "svp", "now", "asap",
	"maintenant", "immediately", "vite", "then", "puis", "and", "et", "together", "ensemble")

// lastProjectObject reports whether the last project words name is an
// order's object (objectEnds), as listedProjects counts it.
func (r *Router) lastProjectObject(ws []string) bool {
	for i := len(ws) - 1; i >= 0; i-- {
		if _, ok := r.nameOrShort(ws[i]); ok {
			return objectEnds(ws, i+1)
		}
	}
	return true
}

// listSeparators and targetSpacer are built once: a replacer built at
// each message was three quarters of Parse's allocated bytes (14 KB a
// message, against 3.5 KB before; BenchmarkParse's -memprofile).
var (
	listSeparators = strings.NewReplacer(",", " , ", "/", " , ", "&", " , ", "+", " , ", "|", " , ", ";", " , ")
	targetSpacer   = strings.NewReplacer("=", " ", "’", "'")
)

// listedProjects reports whether text lists two projects joined by a
// comma, a slash, "&", "+", "|", ";", "plus", "avec" or "with" ("deploy
// web,api 1.1.0 to staging", "le site, le back"): two orders, of which
// one was planned.
func (r *Router) listedProjects(text string) bool {
	prev, sep := "", false
	for _, f := range strings.FieldsFunc(fold(text), func(c rune) bool { return c == ' ' || c == '\t' }) {
		for part := range strings.SplitSeq(listSeparators.Replace(f), " ") {
			switch {
			case part == "":
			case part == "," || part == "plus" || part == "avec" || part == "with":
				sep = prev != ""
			case sep && (part == "le" || part == "la" || part == "l" || part == "the"):
				// "le site, le back": the article of the second name
			default:
				p, ok := r.nameOrShort(strings.Trim(part, ".;:!?"))
				if ok && sep && prev != "" && p != prev {
					return true
				}
				prev, sep = "", false
				if ok {
					prev = p
				}
			}
		}
	}
	return false
}

// nameOrShort returns the project a word names, by its name, an alias or
// a shortened name ("back" for backend): "déploie le site en recette et
// le back aussi" planned the site alone.
func (r *Router) nameOrShort(w string) (string, bool) {
	if p, ok := r.ix.names[w]; ok {
		return p, true
	}
	p, ok := r.ix.short[w]
	return p, ok && p != ""
}

// envWordAt reports whether words[i], after an article maybe, names an
// environment.
func envWordAt(words []string, i int) bool {
	if i < len(words) && articles.has(words[i]) {
		i++
	}
	if i >= len(words) {
		return false
	}
	_, ok := envWordOf(words[i])
	return ok
}

// orderThenCommand reports whether an order's clause is followed by a
// clause that opens with another order or a lock ("deploy web, lock api
// prod"): the second clause's slots would mix into the first's (a
// deploy of web to production).
func (r *Router) orderThenCommand(text string) bool {
	cls := clauses(text)
	if len(cls) < 2 || imperativeOf(commandLine(cls[0])) == "" && !commandOpens(cls[0]) || doneReport(cls[0]) {
		return false // not "deploy done, lock web prod"
	}
	for _, cl := range cls[1:] {
		ws := appendFields(make([]string, 0, 16), commandLine(cl))
		for len(ws) > 0 && (afterWords.has(ws[0]) || joinWords.has(ws[0]) || politeOpeners.has(ws[0])) {
			ws = ws[1:]
		}
		if len(ws) < 2 {
			continue
		}
		if _, lock := lockVerbs[ws[0]]; (lock || deployVerbs.has(ws[0]) || ws[0] == "rollback" || ws[0] == "revert") && r.namesProjectAt(ws, 1) {
			return true // not "push notifications are spamming users", "lock it after"
		}
	}
	return false
}

// clauseOrders reports whether a clause of text opens with the verb of
// an order or of going back: "la prod est en 2.6.1, repasse-la en 2.6.0".
func clauseOrders(text string) bool {
	for _, cl := range clauses(text) {
		if imperativeOf(commandLine(cl)) != "" || backVerbOpens(cl) || backRe.MatchString(commandLine(cl)) {
			return true
		}
		if ws := wordsOf(cl); len(ws) > 0 {
			verb, _, _ := strings.Cut(ws[0], "-") // "repasse-la", "remets-le"
			if isActionWord(verb) || hasRollbackStem([]string{verb}) || verb == "repasse" {
				return true
			}
		}
	}
	return false
}

// commandOpens reports whether a clause opens with the verb of a lock,
// an unlock, a freeze or a decision on a deployment ("unlock api prod",
// "deny #12").
func commandOpens(clause string) bool {
	ws := appendFields(make([]string, 0, 16), commandLine(clause))
	if len(ws) == 0 {
		return false
	}
	if _, lock := lockVerbs[ws[0]]; lock {
		return true
	}
	switch ws[0] {
	case "approve", "approuve", "deny", "refuse", "reject", "rejette", "cancel", "annule", "confirm", "confirme":
		return true
	}
	return false
}

// stateTold reports whether words tell what runs somewhere ("api
// staging runs v2.6.1", "le site tourne en 3.1.0 en recette", "web prod
// is running 3.0.0") and order nothing: no verb of deploying or of going
// back.
func stateTold(words []string) bool {
	told := false
	for i, w := range words {
		if w == "tourne" || w == "tournent" || w == "runs" || w == "running" && i > 0 && (words[i-1] == "is" || words[i-1] == "s") {
			told = true
		}
		if (w == "on" || w == "en" || w == "sur") && i > 0 && (words[i-1] == "is" || words[i-1] == "s" || words[i-1] == "est") &&
			i+1 < len(words) && startsWithDigit(strings.TrimPrefix(words[i+1], "v")) {
			told = true // "api prod is on 2.6.1 now", "la prod est en 2.6.1"
		}
		if deployVerbs.has(w) || isActionWord(w) && w != "running" || w != "back" && hasRollbackStem(words[i:i+1]) ||
			w == "back" && i > 0 && (words[i-1] == "roll" || words[i-1] == "go" || words[i-1] == "take") || w == "please" || w == "stp" || w == "svp" {
			return false
		}
	}
	return told
}

// The readings of a message that names a project with its version or
// environment and no verb nor noun of an order (verbless).
const (
	verblessNone    = iota // not such a message, or a follow-up answer
	verblessOrder          // the slots, a please, a haste, a go: "front 2.14.6 en staging stp"
	verblessAsked          // asked: "web 1.1.0 est en prod ?", "api en prod ?"
	verblessUnclear        // with words of its own: "web 1.0.0 en prod ce matin : RAS"
)

// verbless reads a message that names a project with its version or its
// environment and no verb nor noun of an order. Asked what runs ("web
// 1.1.0 est en prod ?"), it asks that; told in its first clause as a
// state, a past or an outcome ("web 1.0.0 en prod ce matin : RAS", "api
// 2.4.0 en recette depuis lundi", "web 1.1.0 en prod ✅"), it is news as
// often as an order: each was planned, and the "ok" after it ran it (a
// downgrade). A message that opens with the project and its slots and
// holds any word beyond them, a please, a haste or a go is offered the
// same way ("api 2.4.0 on staging, thanks bob"); a please, a thanks that
// ends the request, a go, a readiness or a mention of the bot keep an
// order an order ("api v3.4.1 en prod stp, c'est le fix de pagination"),
// marked terse. A follow-up answer ("prod ?" to "Which environment?")
// names no project: it completes the request it answers.
func (r *Router) verbless(text string) int {
	named, slot := false, false
	ws := wordsOf(text)
	for i, w := range ws {
		if _, ok := r.nameOrShort(w); ok {
			named = true // "le back": a project, not a word of going back
			continue
		}
		if (w == "retour" || w == "retours") && (i+1 == len(ws) || !returnTargets.has(ws[i+1])) {
			continue // "aucun retour du client", "pas de retours": feedback, not going back
		}
		if orderSaid(w) {
			return verblessNone
		}
		if _, ok := envWordOf(w); ok || startsWithDigit(strings.TrimPrefix(w, "v")) {
			slot = true
		}
	}
	if !named || !slot {
		return verblessNone
	}
	if l := commandLine(text); strings.Contains(l, "no go") || strings.Contains(l, "no-go") || strings.Contains(l, "pas de go") {
		return verblessUnclear // "web 1.1.0 en prod : no go": a go refused is no order
	}
	if slices.ContainsFunc(ws, func(w string) bool {
		return w == "sera" || w == "seront" || w == "will" || w == "ll"
	}) {
		return verblessUnclear // "le correctif de la 2.18.0 de l'api sera prêt demain": told for later, no order
	}
	if first := slices.IndexFunc(ws, func(w string) bool { _, ok := r.nameOrShort(w); return ok }); first > 0 &&
		slices.ContainsFunc(ws[:first], func(w string) bool { return w == "pas" || w == "not" || w == "jamais" || w == "never" }) {
		return verblessUnclear // "non, surtout pas le back en 2.5.2": refused (not "api 2.4.1 to staging, not web")
	}
	if imperativeOf(commandLine(text)) != "" {
		return verblessNone
	}
	if fw := wordsOf(clauses(text)[0]); (newsOpened(ws) || stateReported(clauses(text))) && !slices.ContainsFunc(fw, pleaseWords.has) && !slices.ContainsFunc(fw, verblessGo.has) {
		// "fyi site 1.8.0 on staging", "heads up: api 2.6.0-rc1 on staging
		// for QA", "api a1b2c3d in prod, dashboards look fine so far":
		// news, or an order: asked (they planned the deploy).
		return verblessUnclear
	}
	if _, typo := r.typoVerb(text); typo {
		return verblessNone // "dpeloy api prod v2.7.0"
	}
	if onlyValidatedEnvs(ws) {
		// "api 2.4.0 validée en recette", "api 2.4.0 staging ok": where
		// it passed, and no environment to send it to (it planned
		// staging, where it already runs): news or an order, asked.
		return verblessUnclear
	}
	firstWords := wordsOf(clauses(text)[0])
	readyIn := ws
	if toldIn(firstWords) {
		// "site 5.2.1 live since 10:02, dashboards green": the news, and
		// what is green after it; ready said of the version itself
		// counts only in the clause that names it.
		readyIn = firstWords
	}
	if slices.ContainsFunc(ws, pleaseWords.has) || slices.ContainsFunc(readyIn, verblessReady.has) || strings.Contains(text, "🙏") ||
		slices.Contains(ws, "merci") && (slices.Contains(ws, "avance") || slices.Contains(ws, "d'avance")) ||
		len(firstWords) > 0 && thanksEnd.has(firstWords[len(firstWords)-1]) ||
		!strings.ContainsAny(text, "?¿") && slices.ContainsFunc(ws, requestModals.has) ||
		strings.Contains(strings.ToLower(text), "deploybot") || strings.Contains(text, "<@") {
		// "payments 7e6d5c4 en staging merci, c'est la branche …": a
		// thanks that ends the request is its please ("… merci Bob"
		// thanks a person for news); "… quand tu peux" asks; a message
		// to the bot ("@deploybot front 1.1.0 prod, c'est le fix") is for
		// it to act on.
		// "… depuis ce matin, le correctif c'est la 2.14.1 : en prod tout
		// de suite stp": asked for; "web 4.5.2 just got tagged", "QA is
		// blocked until …": ready, or needed (the next line orders it).
		return verblessOrder
	}
	cls := clauses(text)
	told := toldIn(wordsOf(cls[0])) || strings.ContainsAny(text, "✅✔🎉👌")
	if strings.ContainsAny(text, "?¿") {
		bare := !slices.ContainsFunc(ws, func(w string) bool {
			_, env := envWordOf(w)
			_, named := r.nameOrShort(w)
			return !env && !named && !startsWithDigit(strings.TrimPrefix(w, "v")) && !terseWords.has(w)
		})
		switch {
		case runsAsked(ws) || told || bare:
			return verblessAsked // "web 1.1.0 est en prod ?", "… en prod depuis hier ?", "api en prod ?"
		case slices.ContainsFunc(ws, requestModals.has):
			return verblessOrder // "on peut avoir le front v5.4.0 en recette ?"
		}
		return verblessUnclear // "api 2.4.0 en recette ?! qui a fait ça"
	}
	if i := slices.Index(ws, "go"); i > 0 && (ws[i-1] == "no" || ws[i-1] == "pas") {
		told = true // "web 1.1.0 en prod : no go"
	}
	if told {
		for _, cl := range cls[1:] {
			if cw := wordsOf(cl); slices.ContainsFunc(cw, verblessGo.has) && !slices.Contains(cw, "no") && !slices.Contains(cw, "pas") {
				// "le panier ne marche plus depuis midi, le correctif c'est
				// la 4.0.2 : en prod tout de suite": the news, then the order.
				return verblessOrder
			}
		}
		return verblessUnclear // "api 2.4.0 is on staging now": the go word said of the news
	}
	if slices.ContainsFunc(ws, verblessGo.has) {
		return verblessOrder // "prod ➡️ shop, la dernière, vas-y"
	}
	if len(cls) > 1 && len(cls) <= 3 {
		// "web 1.0.0 en prod : RAS", "deploy of api to demo: cancelled":
		// the outcome in a clause of its own, alone.
		if next := wordsOf(cls[1]); len(next) > 0 && len(next) <= 3 && slices.ContainsFunc(next, toldWords.has) &&
			!slices.ContainsFunc(next, func(w string) bool { return !toldWords.has(w) && !terseWords.has(w) }) {
			return verblessUnclear
		}
	}
	if r.subjectFirst(ws) && (slices.ContainsFunc(ws, func(w string) bool {
		_, env := envWordOf(w)
		if _, typo := fuzzyEnv(w); typo || commitLike(w) {
			env = true // "crm v2.15.0 en prerpod", "sha e4f5a6b"
		}
		_, named := r.nameOrShort(w)
		return !env && !named && !startsWithDigit(strings.TrimPrefix(w, "v")) && !terseOrderWords.has(w) && !strings.HasPrefix(w, "__")
	}) || strings.ContainsFunc(text, func(c rune) bool {
		return c >= 0x2000 && c != '’' && c != '→' && c != '—' && c != '–' && c != '…'
	})) {
		// A word of its own, or an emoji: "api 2.4.0 on staging, thanks
		// bob", "… comme prévu", "… 💯". A terse order holds its slots,
		// a please, a haste, a go; anything else may be news as well, and
		// telling which by lists of words failed both ways (two attacks).
		// The order is offered; a yes plans it.
		return verblessUnclear
	}
	return verblessOrder
}

// onlyValidatedEnvs reports whether every environment ws name is one a
// validation is told of ("validée en recette", "staging ok"), and there
// is one.
func onlyValidatedEnvs(ws []string) bool {
	n := 0
	for i, w := range ws {
		if _, ok := envWordOf(w); !ok {
			continue
		}
		if !validatedEnv(ws, i) {
			return false
		}
		n++
	}
	return n > 0
}

// timedVersion reports whether the version read in words follows a word
// of time ("depuis 9.30", "since 12.02", "at 9.30"): a time or a date.
func timedVersion(ws []string, version string) bool {
	v := fold(version)
	for i, w := range ws {
		if w == v && i > 0 {
			switch ws[i-1] {
			case "depuis", "since", "at", "a", "le", "du", "from", "until", "jusqu", "vers", "avant", "before", "apres", "after":
				return true
			}
		}
	}
	return false
}

// thanksEnd thank at the end of a request: "… en staging merci".
var thanksEnd = setOf("merci", "thanks", "thx", "ty", "mercii")

// commitLike reports whether w reads as a commit's hash: 7 to 40
// hexadecimal characters with a letter and a digit.
func commitLike(w string) bool {
	if len(w) < 7 || len(w) > 40 {
		return false
	}
	letter, digit := false, false
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'a' && c <= 'f':
			letter = true
		default:
			return false
		}
	}
	return letter && digit
}

// subjectFirst reports whether words open with a project and its
// version or environment, the shape of news as of a terse order ("api
// 2.4.0 on staging, thanks bob", "le back 2.4.0 en recette …"); not an
// order whose verb the lists miss ("sync api to staging at v2.10.1",
// "dploy api 2.6.1 staging", "staging: web, commit 9f3c2ab").
func (r *Router) subjectFirst(ws []string) bool {
	i := 0
	for i < len(ws) && (articles.has(ws[i]) || ws[i] == "du") {
		i++
	}
	if i+1 >= len(ws) {
		return false
	}
	if _, ok := r.nameOrShort(ws[i]); !ok {
		return false
	}
	_, env := envWordOf(ws[i+1])
	return env || startsWithDigit(strings.TrimPrefix(ws[i+1], "v"))
}

// terseOrderWords may stand beside the slots of a terse order: articles
// and directions, a please, a haste, a go, a greeting of the bot, the
// latest version named.
var terseOrderWords = setOf("en", "in", "on", "sur", "to", "a", "the", "le", "la", "l", "du", "de", "des", "vers", "into", "onto", "at",
	"please", "pls", "plz", "stp", "svp", "merci", "thanks", "thx", "now", "maintenant", "asap", "vite", "urgent", "direct",
	"directement", "straight", "go", "ok", "okay", "bon", "allez", "alors", "then", "so", "donc", "hop", "aussi", "too", "also",
	"version", "v", "tag", "release", "tout", "suite", "right", "away", "immediately", "immediatement", "yes", "oui", "ouais",
	"latest", "derniere", "dernier", "last", "deploybot", "bot", "hey", "hi", "salut", "hello", "coucou", "yo", "svp", "et", "and",
	"s", "il", "te", "plait", "plaît", "vous", "env", "environment", "environnement", "pour", "for", "avec", "with", "sha", "commit",
	"build", "branch", "branche", "hash", "today", "aujourd", "hui")

// orderSaid reports whether w says an order: a verb of deploying or of
// going back, a light verb, a noun of an order, a word that orders
// without being a verb ("mise", "hotfix"); not the bot's name ("… via
// deploybot hier" starts like "deploy").
func orderSaid(w string) bool {
	if w == "deploybot" || w == "@deploybot" {
		return false
	}
	_, noun := orderNouns[w]
	return noun || deployVerbs.has(w) || isActionWord(w) || hasRollbackStem([]string{w}) || lightVerbs.has(w) || orderishWords.has(w)
}

// toldIn reports whether the words of a clause tell a state, a past or
// an outcome: "ce matin", "since yesterday", "is in prod", "RAS"; not
// "c'est urgent", "it is urgent" (said of the order).
func toldIn(ws []string) bool {
	for i, w := range ws {
		prev, next := "", ""
		if i > 0 {
			prev = ws[i-1]
		}
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		if reasonMarkers.has(w) || w == "since" && !sinceWhen.has(next) && !startsWithDigit(next) {
			return false // "web 1.1.0 to prod since QA is done", "… car la recette est ok": the order's reason
		}
		switch {
		case (w == "is" || w == "was") && (prev == "it" || prev == "this" || prev == "that"), w == "est" && (prev == "c" || prev == "ce"):
		case toldWords.has(w):
			return true
		case (w == "dernier" || w == "derniere") && sinceWhen.has(prev):
			return true // "le sprint dernier", "lundi dernier"
		case w == "matin" && prev == "ce", w == "morning" && prev == "this", w == "nuit" && prev == "cette", w == "night" && prev == "last",
			w == "soir" && prev == "hier", w == "week" && prev == "last", w == "semaine" && prev == "la":
			return true
		}
	}
	return false
}

var (
	// reasonMarkers open an order's reason: what follows is why, not news.
	reasonMarkers = setOf("because", "car", "parce", "puisque", "vu", "cause", "comme", "as")
	// sinceWhen date "since" and "dernier": "since yesterday", "lundi
	// dernier", "le sprint dernier".
	sinceWhen = setOf("yesterday", "hier", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
		"mercredi", "jeudi", "vendredi", "samedi", "dimanche", "this", "last", "the", "this", "morning", "tonight", "noon", "sprint", "semaine",
		"week", "mois", "month", "matin", "soir", "deploy", "release", "mep", "then", "ce", "cette")
	// toldWords tell that something holds or happened: a state, a date
	// in the past, an outcome.
	toldWords = setOf("is", "est", "was", "were", "are", "sont", "etait", "hier", "yesterday", "depuis", "since", "ago", "earlier",
		"tantot", "been", "ete", "has", "have", "had", "ras", "cancelled", "canceled", "aborted", "stopped", "failed", "echoue", "echec",
		"done", "termine", "terminee", "fini", "finie", "went", "reussi", "succeeded", "success", "succes", "worked", "marche",
		"fonctionne", "works", "running", "tourne", "deja", "already", "still", "toujours", "reached", "atteint", "arrive", "arrivee",
		"finally", "enfin", "got", "avant-hier", "roule", "roulent", "lgtm", "nickel", "impec", "smooth", "fine", "reste", "restent",
		"stays", "stay", "remains", "remain")
	// verblessGo ask for the order in a verbless message that tells no
	// news: a haste, a go. verblessReady say a version is ready or needed,
	// which the team's next line orders ("web 4.5.2 just got tagged" …
	// "cool, put it on staging", "QA is blocked until the backend
	// v2.4.0-rc1 lands on staging").
	// returnTargets make "retour" going back: "retour arrière", "retour à
	// la 2.3", "retour sur la précédente", "retour en 3.1.0".
	returnTargets = setOf("arriere", "a", "au", "sur", "en", "vers")
	verblessGo    = setOf("vas-y", "go", "asap", "vite", "urgent", "now", "maintenant", "suite", "immediately", "immediatement")
	verblessReady = setOf("tagged", "tague", "taguee", "ready", "pret", "prete", "green", "vert", "verte", "until", "blocked", "bloque",
		"bloquee", "waiting", "valide", "validee", "validated")
	// requestModals ask for an order: "on peut avoir le front en recette ?".
	requestModals = setOf("peut", "peux", "pourrait", "pourrais", "pourriez", "can", "could", "would", "possible")
	// orderishWords order without being a deploy verb: "mise en prod",
	// "hotfix", "bump", "il me faut", "need", "get … onto".
	orderishWords = setOf("mise", "mets", "mettre", "hotfix", "bump", "need", "needs", "besoin", "faut", "faudrait", "want", "wants",
		"veut", "veux", "voudrais", "get", "put", "push", "pousse", "passe", "send", "envoie", "hop", "lance", "upgrade", "downgrade",
		"restore", "sync", "update", "stage", "restaure", "remets", "envoyer", "l'envoie")
	// terseWords may stand in an outcome's clause beside the told words.
	terseWords = setOf("en", "in", "on", "sur", "to", "a", "the", "le", "la", "l", "du", "de", "des", "c", "ce", "it", "s", "all",
		"tout", "ok", "okay", "bien", "good", "fine", "par", "by", "so", "far", "again")
)

// runsAsked reports whether a verbless question asks what runs: "web
// 1.1.0 est en prod ?", "is web 1.1.0 in prod already?"; not "on peut
// avoir le front v5.4.0 en recette ?" (a request).
func runsAsked(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "est", "is", "sont", "are", "tourne", "tournent", "running", "runs", "deja", "already", "still", "toujours", "encore",
			"live", "bien", "really", "vraiment":
			return true
		}
	}
	return false
}

// goClause reports whether a clause gives the go: "vas-y", "go", "do it",
// "fais-le", "please".
func goClause(cl string) bool {
	ws := wordsOf(cl)
	return len(ws) > 0 && len(ws) <= 3 && !slices.ContainsFunc(ws, func(w string) bool {
		return !verblessGo.has(w) && !doItWords.has(w) && !pleaseWords.has(w) && w != "it" && w != "le" && w != "la"
	}) // "vas-y", "go ahead", "do it please"; not "je lui ai dit vas-y demain"
}

// askedOfMe reports whether words tell that someone asked the person to
// do it: "X m'a demandé de", "X nous a demandé de", "X asked me to", "X
// wants us to", "X told me to".
func askedOfMe(ws []string) bool {
	for i := 0; i+2 < len(ws); i++ {
		switch {
		case (ws[i] == "m" || ws[i] == "nous") && ws[i+1] == "a" && ws[i+2] == "demande" && i+3 < len(ws) && (ws[i+3] == "de" || ws[i+3] == "d"):
			return true
		case (ws[i] == "asked" || ws[i] == "wants" || ws[i] == "told" || ws[i] == "wanted") && (ws[i+1] == "me" || ws[i+1] == "us") && ws[i+2] == "to" && i+3 < len(ws):
			return true
		}
	}
	return false
}

// underwayBy reports whether words tell an order as under way: "X is
// rolling back", "we're deploying", "X est en train de déployer".
func (r *Router) underwayBy(ws []string) bool {
	for i, w := range ws {
		switch {
		case w == "train" && i > 1 && ws[i-1] == "en" && i+2 < len(ws) && (ws[i+1] == "de" || ws[i+1] == "d") && underwayVerbs.has(ws[i+2]):
			return true // not "la prod est en train de planter"
		case w == "middle" && i+2 < len(ws) && ws[i+1] == "of" && progressiveOrders.has(ws[i+2]):
			return true // "I'm in the middle of rolling back web prod"
		case beForms.has(w) && i > 0 && i+1 < len(ws):
			j := i + 1
			if underwayAdverbs.has(ws[j]) && j+1 < len(ws) {
				j++ // "bob is currently deploying api to prod"
			}
			v := ws[j]
			switch {
			case v == "rolling":
				if j+1 < len(ws) && ws[j+1] == "back" {
					return true // not "complaints are rolling in"
				}
			case v == "pushing":
				if j+1 < len(ws) && (r.projectWord(ws[j+1]) || ws[j+1] == "the" || versionToken(ws[j+1]) != "") {
					return true // "bob is pushing web 2.0 to prod"; not "web prod is pushing 500s"
				}
			case progressiveOrders.has(v):
				return true
			}
		}
	}
	return false
}

// beForms stand before an order told as under way: "is", "'re", "was".
var beForms = setOf("is", "are", "am", "m", "re", "s", "was", "were")

// underwayAdverbs may stand between them: "is currently deploying".
var underwayAdverbs = setOf("currently", "now", "still", "just", "already", "actually")

// progressiveOrders are the verbs of an order in their -ing form.
var progressiveOrders = setOf("rolling", "deploying", "shipping", "releasing", "reverting", "promoting", "redeploying")

// underwayVerbs are the orders' verbs after "en train de": "en train de
// déployer", "… de faire un rollback", "… de rollback le site".
var underwayVerbs = setOf("deployer", "deploy", "rollback", "rollbacker", "revert", "reverter", "faire", "lancer", "relancer", "livrer", "mettre",
	"promouvoir", "revenir", "redeployer", "pousser")

// newsOpened reports whether words open as news: "fyi", "heads up", "psa",
// "pour info", "info :".
func newsOpened(ws []string) bool {
	switch {
	case len(ws) == 0:
		return false
	case ws[0] == "fyi" || ws[0] == "psa":
		return true
	case len(ws) > 1 && (ws[0] == "heads" && ws[1] == "up" || ws[0] == "pour" && ws[1] == "info"):
		return true
	}
	return false
}

// stateReported reports whether a clause after the first tells how things
// look: "dashboards look fine so far", "aucun souci pour l'instant".
func stateReported(cls []string) bool {
	for _, cl := range cls[min(1, len(cls)):] {
		ws := wordsOf(cl)
		for i, w := range ws {
			if (w == "so" || w == "far") && i+1 < len(ws) && ws[i+1] == "far" || w == "far" && i > 0 && ws[i-1] == "so" ||
				(w == "look" || w == "looks" || w == "semble" || w == "semblent") && i+1 < len(ws) && (ws[i+1] == "fine" || ws[i+1] == "good" || ws[i+1] == "ok" || ws[i+1] == "bien" || ws[i+1] == "bon") ||
				w == "souci" && i > 0 && ws[i-1] == "aucun" {
				return true
			}
		}
	}
	return false
}

// deployNounTold reports whether a message opens by naming a deploy as a
// noun and says something of it in the same breath: "the deploy of api
// 2.4.1 to demo was cancelled", "my deploy of web got stopped", "deploy of
// api to demo: cancelled". It was planned, and the "ok" after it ran it.
// Not "déploiement du front en staging stp, la branche est mergée" (a
// request, then its reason) nor "undo the last deploy of web".
func deployNounTold(text string) bool {
	cls := clauses(text)
	if first := wordsOf(cls[0]); passiveTold(first) && slices.ContainsFunc(first, func(w string) bool {
		_, noun := orderNouns[w]
		return noun || deployVerbs.has(w)
	}) && !clauseOrders(strings.Join(cls[1:], ", ")) {
		// "deploy api 2.4.0 to staging was cancelled": in the order's own
		// clause; not "redeploy web 3.11.0 on staging, the last run got
		// interrupted" (the order's reason).
		return true
	}
	for len(cls) > 1 && !slices.ContainsFunc(wordsOf(cls[0]), func(w string) bool { return !newsLeads.has(w) }) {
		cls = cls[1:] // "heads up: deploy of … cancelled", "fyi, the deploy of …"
	}
	ws := wordsOf(cls[0])
	for len(ws) > 1 && newsLeads.has(ws[0]) {
		ws = ws[1:] // "so the deploy of …", "fyi the deploy of …"
	}
	if len(cls) == 2 && strings.Contains(text, ":") && !strings.ContainsAny(text, "?¿") && slices.ContainsFunc(ws, func(w string) bool {
		_, noun := orderNouns[w]
		return noun || deployVerbs.has(w) || w == "mise"
	}) {
		// "deploy api 2.4.0 staging: failed", "mise en prod web 1.0.0 :
		// OK", "déploiement … : fait": the order's outcome after a colon.
		if next := wordsOf(cls[1]); len(next) >= 1 && len(next) <= 2 && !slices.ContainsFunc(next, func(w string) bool {
			return !nounToldWords.has(w) && !colonOutcomes.has(w)
		}) {
			return true
		}
	}
	i := 0
	if len(ws) > 0 && (orderDeterminers.has(ws[0]) || ws[0] == "yesterday" || ws[0] == "today") {
		i = 1
	}
	if i >= len(ws) || !deployVerbs.has(ws[i]) && ws[i] != "deployment" && ws[i] != "deploiement" {
		return false
	}
	if i == 0 && (i+1 >= len(ws) || ws[i+1] != "of" && ws[i+1] != "du" && ws[i+1] != "de") {
		return false // "deploy api …": the verb
	}
	if slices.ContainsFunc(ws, pleaseWords.has) {
		return false
	}
	if slices.ContainsFunc(ws[i+1:], nounToldWords.has) {
		return true
	}
	if len(cls) > 1 {
		next := wordsOf(cls[1])
		return len(next) == 1 && nounToldWords.has(next[0]) // "deploy of api to demo: cancelled"
	}
	return false
}

// passiveTold reports whether words tell an order's outcome in the
// passive, with no please: "deploy api 2.4.0 to staging was cancelled",
// "la MEP du site a été annulée", "le déploiement de l'api a échoué".
func passiveTold(ws []string) bool {
	if slices.ContainsFunc(ws, pleaseWords.has) {
		return false
	}
	for i := 0; i+1 < len(ws); i++ {
		switch w, next := ws[i], ws[i+1]; {
		case (w == "was" || w == "were" || w == "been" || w == "got" || w == "ete" || w == "est" || w == "sont") && outcomeParticiples.has(next):
			return true
		case w == "a" && (next == "echoue" || next == "plante" || next == "foire"):
			return true
		}
	}
	return false
}

var (
	// outcomeParticiples end an order in the passive: "was cancelled".
	outcomeParticiples = setOf("cancelled", "canceled", "stopped", "aborted", "failed", "reverted", "killed", "interrupted", "refused",
		"rejected", "denied", "annule", "annulee", "annules", "stoppe", "stoppee", "arrete", "arretee", "refuse", "refusee", "interrompu",
		"interrompue")
	// colonOutcomes say how an order went, after a colon: "… : fait".
	colonOutcomes = setOf("fait", "faite", "ok", "okay", "ko", "failed", "success", "succes", "reussi", "reussie", "again", "encore",
		"done", "good", "fine", "termine", "terminee")
	// newsLeads open news: "fyi", "heads up", "so".
	newsLeads = setOf("fyi", "btw", "so", "heads", "up", "psa", "info", "note", "update", "ps", "bon", "alors", "donc")
	// orderDeterminers make the word after them a noun: "the deploy".
	orderDeterminers = setOf("the", "my", "our", "your", "this", "that", "his", "her", "their", "le", "la", "l", "ce", "cette", "mon", "ma",
		"notre", "ton", "ta", "votre", "son", "sa")
	// nounToldWords say something of a deploy named as a noun.
	nounToldWords = setOf("was", "were", "is", "has", "had", "got", "gets", "been", "went", "failed", "succeeded", "stopped", "aborted",
		"cancelled", "canceled", "est", "etait", "ete", "sont", "ont", "echoue", "annule", "annulee", "termine", "terminee", "reussi",
		"fini", "finie", "done", "echec", "ko", "plante")
)

// speakerRe is a writer naming herself before her message: "Claire ici
// : …", "Tom here: …", "c'est Karim, …".
var speakerRe = mustCompile(`^(?:(?:c'est|c’est|it's|it’s)\s+)?(\p{Lu}[\p{L}-]{1,20})\s+(?:ici|here)\s*[:,—-]\s*`)

// withoutSpeaker returns text without the writer's name said first; a
// project or an environment said so is no name: "Staging here: deploy
// api 2.0.0" keeps its environment.
func (r *Router) withoutSpeaker(text string) string {
	m := speakerRe.FindStringSubmatchIndex(text)
	if m == nil || m[1] >= len(text) {
		return text
	}
	name := fold(text[m[2]:m[3]])
	if _, ok := envWordOf(name); ok {
		return text
	}
	if _, ok := r.ix.envs[name]; ok {
		return text
	}
	if _, ok := r.project(name); ok {
		return text
	}
	return text[m[1]:]
}

// envStates say how an environment is: "prod ok", "staging green".
var envStates = setOf("ok", "okay", "fine", "green", "red", "ko", "good", "stable", "clean", "vert", "rouge", "nickel", "healthy",
	"bien", "calme", "quiet", "up")

// envStated reports whether words say how the environment env an action
// would go to is, right after naming it: "prod ok, staging ko", "prod
// fine, thanks", "staging green, prod red, api 2.4.2 broke something"
// tell a state and order nothing there. ("staging ok, now api 2.4.2 to
// prod" goes to another environment than the one said ok.)
func envStated(words []string, env string) bool {
	if env == "" {
		return false
	}
	for i, w := range words {
		if e, ok := envWordOf(w); !ok || e != env {
			continue
		}
		j := i + 1
		if j < len(words) && (words[j] == "is" || words[j] == "est" || words[j] == "looks" || words[j] == "seems" || words[j] == "s") {
			j++
		}
		if j < len(words) && envStates.has(words[j]) {
			return true
		}
	}
	return false
}

// callBack reports whether a folded line asks someone to come back to
// the writer: "get back to me when api 2.4.0 is in prod" goes back to no
// version.
func callBack(line string) bool {
	for _, p := range []string{"get back to me", "get back to us", "come back to me", "come back to us", "reviens vers moi",
		"revenez vers moi", "tu me reviens"} {
		if hasPhrase(line, p) {
			return true
		}
	}
	return false
}

// praiseWords open praise of what was done.
var praiseWords = setOf("great", "cool", "top", "bravo", "nice", "super", "parfait", "merci", "thanks", "thx", "kudos",
	"gg", "felicitations", "congrats", "chapeau", "excellent", "awesome")

// praiseOf reports whether text praises a deploy or a rollback done,
// without ordering one: "great rollback guys, api is fine now", "top le
// déploiement de l'api en prod, merci", "cool cool, the deploy of web
// 3.1.0 to prod is done". The action is a noun there: after an article,
// or before the people praised or what it did. Not "cool, deploy web to
// prod", nor "merci de déployer l'api": a verb orders; nor "great, now
// roll back the api": a later part that orders, orders.
func praiseOf(text string) bool {
	ws := wordsOf(text)
	if len(ws) < 2 || !praiseWords.has(ws[0]) || ws[1] == "de" || ws[1] == "d" || ws[1] == "for" && len(ws) > 2 && ws[2] == "deploying" {
		return false
	}
	i := 0
	for i < len(ws) && (praiseWords.has(ws[i]) || ws[i] == "pour") {
		i++
	}
	if !nounPraised(ws[i:]) || slices.ContainsFunc(ws, pleaseWords.has) {
		return false // "super, la MEP de l'api en 2.4.0 stp": an order with its noun
	}
	last := ws[len(ws)-1]
	if !slices.ContainsFunc(ws[i+1:], doneWords.has) && last != "merci" && last != "thanks" && last != "thx" {
		return false // praise of what is done, or thanks for it
	}
	parts := strings.Split(text, ",")
	for _, part := range parts[1:] {
		pw := wordsOf(part)
		if nounPraised(pw) {
			continue // "…, the deploy of web is done", "…, rollback worked"
		}
		ls := appendFields(make([]string, 0, 16), commandLine(part))
		for len(ls) > 0 && thenWords.has(ls[0]) {
			ls = ls[1:] // "…, maintenant redéploie l'api"
		}
		if imperativeOf(strings.Join(ls, " ")) != "" || requestAsked(part) || backVerbOpens(part) {
			return false
		}
	}
	return true
}

// nounPraised reports whether ws open with an action said as a noun: after
// an article ("the deploy of web"), or before the people praised or what
// it did ("rollback guys", "rollback worked").
func nounPraised(ws []string) bool {
	return len(ws) > 1 && (praisedArticles.has(ws[0]) && actionNouns.has(ws[1]) ||
		actionNouns.has(ws[0]) && (praisedPeople.has(ws[1]) || pastWords.has(ws[1])))
}

// doneWords say a deploy or a rollback praised is done.
var doneWords = setOf("worked", "went", "was", "done", "passed", "fine", "smooth", "nickel", "guys", "team", "everyone", "folks",
	"equipe", "yesterday", "hier", "matin", "morning", "tonight", "soir", "passe", "passee", "reussi", "reussie", "termine", "terminee",
	"fini", "finie", "back", "ok")

// thenWords may open the next order: "…, maintenant redéploie l'api".
var thenWords = setOf("maintenant", "now", "then", "puis", "ensuite", "et", "and", "alors", "so", "next")

// Words around an action praised as a noun.
var (
	praisedArticles = setOf("the", "le", "la", "l", "ce", "cette", "this", "that", "your", "votre", "ton", "ta", "ce")
	actionNouns     = setOf("deploy", "deployment", "deploiement", "rollback", "release", "mep", "job", "livraison", "migration")
	praisedPeople   = setOf("guys", "team", "everyone", "folks", "all", "les", "l", "equipe", "tout", "tous", "a")
	pastWords       = setOf("worked", "went", "was", "is", "done", "passed", "ok", "fini", "finie", "passe", "passee", "s", "est")
)

// orderClauseProject gives an action the project its order's clause
// names, when a report before it names another: "the site is down,
// rollback api prod", "julie tested the site, deploy api v2.1.0 to prod"
// (each took the first project named, and rolled back or deployed the
// site). Only a later clause that opens with the order's verb and names
// one project decides; an order with no project of its own keeps the
// report's ("web is down, rollback prod").
func (r *Router) orderClauseProject(req *deploybot.Request, raw string) {
	if req.App == "" {
		return
	}
	cls := clauses(raw)
	if len(cls) < 2 {
		// "the site is down 😱 rollback api prod": a face between the
		// report and the order stands for a comma; so does an arrow, or
		// nothing at all after a state told ("the site is down rollback
		// api prod", "… -> rollback api prod").
		if i, j, ok := faceBetween(raw); ok {
			cls = []string{raw[:i], raw[j:]}
		} else if i, ok := orderAfterState(raw); ok {
			cls = []string{raw[:i], raw[i:]}
		}
	}
	for _, cl := range cls[min(1, len(cls)):] {
		cw := wordsOf(cl)
		for len(cw) > 1 && clauseLeads.has(cw[0]) {
			cw = cw[1:]
		}
		if len(cw) < 2 || !isActionWord(cw[0]) && !hasRollbackStem(cw[:1]) {
			continue
		}
		if r.projectsNamed(cw) > 1 {
			return
		}
		if s := r.analyze(cl).s; s.app != "" && s.app != req.App {
			a := s.app
			otherProject(req, a, s.version)
			req.App, req.UnknownApp, req.SubjectApp = a, "", a
		}
		return
	}
}

// orderAfterState returns where an order's verb starts right after a
// fault told, with no break between them (or an arrow, a bracket): "the
// site is down rollback api prod", "web is down -> rollback api prod".
func orderAfterState(raw string) (int, bool) {
	fs := strings.Fields(raw)
	at := 0
	for k, f := range fs {
		start := strings.Index(raw[at:], f) + at
		at = start + len(f)
		if k < 2 {
			continue
		}
		w := fold(strings.Trim(f, "(>"))
		if !isActionWord(w) && !hasRollbackStem([]string{w}) {
			continue
		}
		prev := fold(strings.Trim(fs[k-1], ",.!"))
		if prev == "->" || prev == "→" || prev == ">" {
			prev = fold(strings.Trim(fs[k-2], ",.!"))
		}
		if faultWords.has(prev) || outageWords.has(prev) || brokenStates.has(prev) {
			return start, true
		}
		return 0, false
	}
	return 0, false
}

// clauseLeads may open an order's clause before its verb: "so rollback
// api", "donc rollback l'api", "pls deploy".
var clauseLeads = setOf("so", "donc", "alors", "then", "please", "pls", "plz", "stp", "svp", "just", "juste", "ok", "okay", "now",
	"maintenant", "et", "and", "du", "coup", "let", "s", "lets", "on",
	// asked: "can you rollback api prod", "tu peux rollback l'api",
	// "merci de rollback l'api", "need to rollback api"
	"can", "could", "you", "u", "need", "needs", "must", "to", "tu", "peux", "pouvez", "vous", "merci", "de", "d", "faut", "il", "peux-tu",
	"pouvez-vous", "peut-on", "pourrais-tu")

// laterMoment reports whether text names a moment to come ("demain",
// "lundi prochain", "in two hours", "tonight"). An hour alone may be
// past ("la MEP de 9h") and a weekday too ("celle de lundi"): neither is
// enough. (Said in a reason's clause it is no deferral: "deploy web to
// staging, client demo in an hour"; only a message that is all the
// order is read this way.)
func laterMoment(text string) bool {
	ws := wordsOf(text)
	for i, w := range ws {
		if laterSpelled.has(w) {
			return true // chat's spellings: "deploy web to prod tmrw"
		}
		switch w {
		case "tonight", "later", "tard", "tomorrow", "demain":
			return true
		case "after", "afterwards", "apres", "ensuite":
			if i == len(ws)-1 && i > 0 && len(ws) <= 6 && !hasSentenceEnd(text) && !isNumber(ws[i-1]) && ws[i-1] != "minutes" && ws[i-1] != "min" {
				return true // "lock api prod after": later, not now (not "… I'll watch for 30 minutes after.")
			}
		case "soir", "soiree":
			if i > 0 && ws[i-1] == "ce" {
				return true // not "hier soir"
			}
		}
	}
	mo, ok := Moment(text)
	return ok && (mo.Days > 0 || mo.In > 0 || mo.NextWeek) || laterSpanRe.MatchString(strings.Join(ws, " "))
}

// laterSpanRe is a span ahead that Moment does not date: "in two weeks",
// "dans un mois", "la semaine prochaine".
var laterSpanRe = mustCompile(`\b(?:(?:in|dans)\s+(?:\d+|a|an|one|two|three|few|un|une|deux|trois|quelques)\s+(?:weeks?|semaines?|months?|mois|days?|jours?)|next\s+(?:week|month)|(?:semaine|mois)\s+prochaine?)\b`)

// othersWish reports whether an order's words are someone else's wish,
// or a wish in the past: "le client veut qu'on déploie le site", "Marc
// voudrait déployer l'api", "I wanted to deploy api but CI is red". The
// writer's own wish in the present ("je veux déployer") opens an order.
func othersWish(text string) bool {
	return wishGoverns(text, func(w string) bool { return isActionWord(w) || hasRollbackStem([]string{w}) })
}

// othersWishCommand is othersWish for the verbs of a command that
// changes something: "Karim veut qu'on verrouille la prod de l'api",
// "the client wants us to approve 14" lock and approve nothing, unless a
// later clause gives the same order in the writer's own words ("julie
// veut que je valide, je valide le 14"); not "…, moi je refuse", "…, bob
// l'a validé", "…, perso je verrouillerais pas".
func othersWishCommand(text string, c deploybot.Command) bool {
	verb := func(w string) bool { return isActionWord(w) || hasRollbackStem([]string{w}) || commandVerb(w) }
	wished := false
	for _, cl := range clauses(text) {
		switch {
		case wishGoverns(cl, verb):
			wished = true
		case wished && ownOrder(cl, c):
			return false
		}
	}
	return wished
}

// ownOrder reports whether a clause gives command c in the writer's own
// words: its verb first, in the imperative or the present of "je"/"I"
// ("je valide le 14", "c'est bon je verrouille", "verrouille-la"), never a
// conditional, a negation, a hedge or a moment to come. The verb is read
// folded: "validé" is "valide" then, and a participle said first ("approuvé
// par bob déjà") is refused by the words after it only when they hold one
// of the above; "bob l'a validé" opens with another subject.
func ownOrder(clause string, c deploybot.Command) bool {
	if laterMoment(clause) || hasMoment(clause) {
		return false // "…, je verrouille demain", "…, après la démo"
	}
	ws := wordsOf(clause)
	if slices.ContainsFunc(ws, func(w string) bool {
		return w == "pas" || w == "not" || w == "jamais" || w == "never" || w == "ne" || w == "n" || w == "t" || conditionWords.has(w) ||
			anywhereHedges.has(w) || unsureAnswerWords.has(w) || w == "peut-etre" || w == "plus" || w == "tard"
	}) {
		return false
	}
	for len(ws) > 0 && ownOrderOpeners.has(ws[0]) {
		ws = ws[1:]
	}
	if len(ws) > 0 && (ws[0] == "je" || ws[0] == "j" || ws[0] == "i") {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return false
	}
	v, _, _ := strings.Cut(ws[0], "-") // "verrouille-la"
	if !ownVerbs[c][v] {
		return false
	}
	// Folded, "approuvé" is "approuve": the participle as written ("…,
	// approuvé par bob déjà") is a fact told, no order.
	if strings.HasSuffix(v, "e") {
		p := v[:len(v)-1] + "é"
		if strings.Contains(strings.ToLower(clause), p[max(0, len(p)-8):]) {
			return false
		}
	}
	return true
}

// ownOrderOpeners may stand before the writer's own order: "c'est bon je
// verrouille", "go je verrouille", "vas-y verrouille".
var ownOrderOpeners = setOf("moi", "perso", "donc", "alors", "ok", "bon", "so", "c", "est", "go", "vas-y", "vas", "y", "allez", "then", "well")

// ownVerbs are the present and imperative forms that give each command.
var ownVerbs = map[deploybot.Command]map[string]bool{
	deploybot.CmdApprove:  {"approuve": true, "valide": true, "approve": true},
	deploybot.CmdDeny:     {"refuse": true, "rejette": true, "deny": true, "reject": true},
	deploybot.CmdCancel:   {"annule": true, "cancel": true, "abort": true},
	deploybot.CmdConfirm:  {"confirme": true, "confirm": true},
	deploybot.CmdLock:     {"verrouille": true, "bloque": true, "lock": true},
	deploybot.CmdUnlock:   {"deverrouille": true, "debloque": true, "unlock": true},
	deploybot.CmdFreeze:   {"gele": true, "freeze": true},
	deploybot.CmdUnfreeze: {"degele": true, "unfreeze": true},
}

// newsTailOrders reports whether a clause of text opens, after its
// linking words, with the verb of an order or of a command, not a
// participle: "but lock api production", "approve 14 though"; not
// "validated by QA", "nothing to lock", "production freeze starts
// tomorrow".
func newsTailOrders(text string) bool {
	for _, cl := range clauses(text) {
		raw := strings.Fields(strings.ToLower(cl))
		for len(raw) > 0 && orderLinks.has(fold(strings.Trim(raw[0], ",.;:!"))) {
			raw = raw[1:]
		}
		if len(raw) == 0 {
			continue
		}
		first := strings.Trim(raw[0], ",.;:!")
		if strings.HasSuffix(first, "é") || strings.HasSuffix(first, "ée") || strings.HasSuffix(first, "és") || strings.HasSuffix(first, "ed") {
			continue // "validated by QA", "confirmée par la QA": a fact told
		}
		w := fold(first)
		if isActionWord(w) || hasRollbackStem([]string{w}) || commandVerb(w) {
			return true
		}
	}
	return false
}

// orderLinks may open a clause before its order: "but lock…", "par
// contre approuve…", "btw cancel 14".
var orderLinks = setOf("but", "mais", "par", "contre", "btw", "though", "however", "also", "aussi", "and", "et", "ok", "please", "pls",
	"stp", "svp", "so", "donc", "alors", "now", "maintenant", "cependant", "quand", "meme", "still", "then", "right", "do", "kindly", "yet",
	"let", "s", "lets", "deploybot", "we", "need", "needs", "to", "time", "asap", "urgent", "urgently", "il", "faut", "on", "doit", "vite",
	"tout", "de", "suite", "du", "coup")

// commandVerb reports whether w is the verb of a command that changes
// something: a lock or a freeze and their lifting, an approval, a
// denial, a cancel, a confirmation.
func commandVerb(w string) bool {
	if _, lock := lockVerbs[w]; lock {
		return true
	}
	for _, stem := range commandStems {
		if strings.HasPrefix(w, stem) {
			return true
		}
	}
	return false
}

// commandStems open the verbs of the commands that change something.
var commandStems = []string{"approu", "approv", "valid", "annul", "cancel", "confirm", "deny", "denie", "refus", "reject", "rejet", "abort",
	"unlock", "deverr", "debloq", "unfreez", "degel", "freez", "lock", "verrou"}

// wishGoverns reports whether a wish of someone else's, or one in the
// past, governs a verb isVerb accepts, within four words of it.
func wishGoverns(text string, isVerb func(string) bool) bool {
	for _, cl := range clauses(text) {
		words := wordsOf(cl)
		wish := -1
		for i, w := range words {
			switch w {
			case "voulais", "voulait", "voulions", "wanted", "souhaitais", "souhaitait":
				if i+1 < len(words) && words[i+1] == "dire" {
					continue // "pardon, je voulais dire : déploie le site en recette": a correction
				}
				wish = i
			case "veut", "veulent", "voudrait", "voudraient", "wants", "souhaite", "souhaitent", "aimerait":
				if i > 0 && words[i-1] != "on" || i+1 < len(words) && (words[i+1] == "qu" || words[i+1] == "que" || words[i+1] == "us") {
					wish = i // "Marc veut", "ils veulent", "il veut qu'on"; not "on veut déployer"
				}
			}
			if wish >= 0 && i > wish && i <= wish+4 && isVerb(w) {
				return true // the wish governs the order's verb: "le client veut qu'on déploie"
			}
		}
	}
	return false
}

// comingBack reports whether the only going back is a person's coming
// back: "je reviens", "je reviens vers toi", "je reviens de pause", "back
// to work on the front".
func comingBack(words []string) bool {
	if slices.ContainsFunc(words, func(w string) bool { return strings.ContainsAny(w, "0123456789") }) {
		return false // "reviens sur la v3.6.0 du front"
	}
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch w {
		case "reviens", "reviendrai", "reviendra", "reviendrons", "revenu", "revenue":
			if next == "sur" && toPreviousVersion(words[i+1:]) {
				continue // "reviens sur la précédente": going back to a version
			}
			if next == "" || next == "vers" || next == "de" || next == "d" || next == "sur" || next == "dans" || next == "plus" || next == "apres" {
				return true
			}
		case "back":
			if i == 0 && next == "to" && i+2 < len(words) && (words[i+2] == "work" || words[i+2] == "you") {
				return true
			}
		}
	}
	return false
}

// afterPrevious may follow the word of a previous version: "la
// précédente pour l'api", not "la précédente discussion".
var afterPrevious = setOf("version", "release", "build", "mep", "pour", "de", "du", "d", "sur", "en", "stp", "svp", "asap", "vite",
	"maintenant", "now", "on", "for", "in", "et", "and", "please", "pls")

// toPreviousVersion reports whether words open with the previous version:
// fillers, a word of it, then nothing, a version's noun or a preposition.
func toPreviousVersion(words []string) bool {
	j := 0
	for j < len(words) && backObjectFillers.has(words[j]) {
		j++ // "sur la précédente", not "sur la question précédente"
	}
	return j < len(words) && previousWords.has(words[j]) && (j+1 == len(words) || afterPrevious.has(words[j+1]))
}

// lacks reports whether req, an action or a command, has no value for
// slot ("project", "env", "version"). A rollback's environment is
// production unless named, so a question back for it is never out of
// place.
func lacks(req deploybot.Request, slot string) bool {
	switch req.Kind {
	case deploybot.KindAction:
		switch slot {
		case "project":
			return req.App == ""
		case "env":
			return req.Env == "" || req.Intent.Intent == deploybot.IntentRollback
		case "version":
			return req.Version == "" && req.Intent.Intent == deploybot.IntentDeploy && req.From == ""
		}
	case deploybot.KindCommand:
		switch slot {
		case "project":
			return req.App == ""
		case "env":
			return req.Env == ""
		case "id":
			return takesID[req.Command] && req.Arg("id") == ""
		}
	}
	return false
}

// shortNamed are the commands about a project that may name it by a
// shortened name ("le back").
var shortNamed = map[deploybot.Command]bool{deploybot.CmdStatus: true, deploybot.CmdHistory: true, deploybot.CmdDiff: true,
	deploybot.CmdLock: true, deploybot.CmdUnlock: true, deploybot.CmdContext: true, deploybot.CmdReset: true,
	deploybot.CmdRunbook: true, deploybot.CmdDrill: true, deploybot.CmdDora: true, deploybot.CmdAudit: true}

// maxHistory is how many earlier messages a follow-up may reach back: two
// turns of the person's, with the bot's replies between.
const maxHistory = 5

// noOrder turns req, an action read where the message gives none, into
// talk of route: no slot of an order stays.
func noOrder(req deploybot.Request, route deploybot.Route) deploybot.Request {
	req.Kind, req.Command, req.Args, req.From = deploybot.KindQuestion, "", nil, ""
	req.Intent = deploybot.Intent{Route: route, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: req.Confidence}
	return req
}

// rollbackTarget keeps as a rollback's target only a version it goes
// back to: "remets la v2.3.9 de l'api en prod, la 2.4.0 casse les
// paiements" goes to v2.3.9, the last version named that is not the
// broken one, or to none (the bot's last good one).
func rollbackTarget(req *deploybot.Request, m message, s slots) {
	if req.Intent.Intent != deploybot.IntentRollback || !badTargetOf(m, req.Version) {
		return
	}
	req.Version = ""
	for _, v := range s.versions {
		if !badTargetOf(m, v) {
			req.Version = v
		}
	}
}

// waitTold reports whether a message's last clause, or its last word,
// holds it back: "… attends", "…, j'attends le go du client", "…,
// waiting on the client"; not "…, don't wait for QA".
func waitTold(text string) bool {
	cls := clauses(text)
	if len(cls) == 0 {
		return false
	}
	ws := wordsOf(cls[len(cls)-1])
	if len(cls) == 1 {
		all := wordsOf(text)
		if len(all) < 2 {
			return false
		}
		ws = all[len(all)-1:] // "rollback api prod attends"
	}
	last := " " + strings.Join(ws, " ") + " "
	if len(cls) == 1 {
		last = " " + strings.Join(wordsOf(text), " ") + " " // "déploie le site en prod une fois que le client a validé"
	}
	for _, ph := range holdPhrases {
		i := strings.Index(last, " "+ph+" ")
		if i < 0 {
			continue
		}
		if !objectHolds[ph] {
			return true // "…, but not now", "…, stand by", "…, en attente du client"
		}
		after := strings.Fields(last[i+len(ph)+2:])
		if slices.ContainsFunc(after[:min(3, len(after))], holdObjects.has) {
			return true // "pending client approval"; not "the pending orders bug"
		}
	}
	if strings.Contains(fold(text), "(waiting") || strings.Contains(fold(text), "(en attente") {
		return true // "… (waiting on client)"
	}
	for i, w := range ws {
		switch w {
		case "attends", "attendez", "wait", "waiting", "attendons", "attend":
			for _, v := range ws[:i] {
				if negationWords.has(v) || v == "pas" || v == "no" || v == "sans" || v == "without" {
					return false
				}
			}
			if i+1 < len(ws) && (ws[i+1] == "pas" || ws[i+1] == "plus") {
				return false // "n'attends pas la recette"
			}
			// Held back by the person: "attends", "waiting on the
			// client" (no subject), "j'attends le go", "I'm waiting", "on
			// attend le client"; not "la QA attend", "the client is
			// waiting" (someone waits for it: the order's urgency) nor
			// "I'll wait" (for the result).
			held := i+1 == len(ws) && i == 0 // "…, attends", "… wait"
			for _, v := range ws[i+1 : min(len(ws), i+4)] {
				held = held || holdObjects.has(v) // "j'attends le go du client", "waiting on the client"
			}
			if !held {
				return false // "j'attends depuis ce matin", "I'm waiting for it since 9am": urgency
			}
			return i == 0 || i > 0 && (ws[i-1] == "j" || ws[i-1] == "je" || ws[i-1] == "m" || ws[i-1] == "am" || ws[i-1] == "on" ||
				ws[i-1] == "we" || ws[i-1] == "re" && i > 1 && ws[i-2] == "we" || ws[i-1] == "i" && i+1 < len(ws))
		}
	}
	return false
}

// fineTold reports whether words say the action's project (or, with
// none, its environment) is well: "prod, web is fine", "l'api va bien".
func (r *Router) fineTold(ws []string, app, env string) bool {
	for i := 0; i+2 < len(ws); i++ {
		a, isApp := r.project(ws[i])
		e, isEnv := envWordOf(ws[i])
		if !(isApp && a == app || isEnv && e == env && app == "") || stopWords.has(ws[i]) {
			continue // "rollback api prod, web is fine": another's state
		}
		switch ws[i+1] + " " + ws[i+2] {
		case "is fine", "is ok", "is okay", "is good", "is green", "va bien", "est ok", "est bon", "est vert", "marche bien", "works fine",
			"s fine", "looks fine", "looks good":
			return true
		}
	}
	return false
}

// removalVerbs take a version out: a deploy of the version they govern is
// none.
var removalVerbs = setOf("enleve", "enlever", "enlevez", "retire", "retirer", "retirez", "remove", "undo", "revert", "annule", "annuler",
	"vire", "virer", "drop", "pull", "strip", "yank", "undeploy", "uninstall", "supprime", "supprimer", "desinstalle", "sors", "sortir")

// takenOff reports whether words take a version off somewhere: "take
// 3.16.4 off api prod", "pull 3.16.4 out of prod".
func takenOff(ws []string) bool {
	for i, w := range ws {
		if (w == "take" || w == "pull" || w == "get") && slices.Contains(ws[i+1:], "off") || w == "pull" && slices.Contains(ws[i+1:], "out") {
			return true
		}
	}
	return false
}

// objectHolds are the hold phrases that hold only with what they wait
// for after them: "pending client approval", "upon QA sign-off"; not
// "fixes the crash upon login".
var objectHolds = map[string]bool{"pending": true, "upon": true, "subject to": true, "sur validation": true, "au go": true,
	"des validation": true, "apres validation": true}

// holdObjects are what a hold waits for: "j'attends le go", "waiting on
// the client", "waiting for approval".
var holdObjects = setOf("go", "feu", "validation", "valide", "ok", "accord", "signal", "client", "approval", "review", "retour",
	"confirmation", "que", "sign", "green", "approbation", "qa", "sign-off", "signoff")

// otherBack reports whether line (its words, spaced) says going back in
// another sense than a rollback.
func otherBack(line string) bool {
	for _, w := range []string{" rollback ", " revert ", " roll ", " arriere ", " rb "} {
		if strings.Contains(line, w) {
			return false // "rollback web prod, I'll get back to you with details"
		}
	}
	for _, ph := range []string{" get back to you", " back to you ", " be back", " revient vers", " reviens vers",
		" reviens vite", " retour a la normale", " retour prevu", " back to normal"} {
		if strings.Contains(line, ph) {
			return true
		}
	}
	if _, after, ok := strings.Cut(line, " back in "); ok {
		// "back in 5 min", "back in an hour"; not "roll web back in
		// production".
		next, _, _ := strings.Cut(after, " ")
		return next != "" && (next[0] >= '0' && next[0] <= '9' || next == "a" || next == "an" || next == "few" || next == "une" || next == "un")
	}
	return false
}

// holdPhrases hold an order back when its last clause says them.
var holdPhrases = []string{"not now", "pas maintenant", "pas encore", "not yet", "stand by", "standby", "en attente", "je te dis quand",
	"tell you when", "hold on", "hold off", "on hold", "pas tout de suite", "une fois que", "once the", "quand le client", "when the client",
	"after the client", "apres validation", "apres que", "apres le go", "after approval", "after sign off", "pending", "upon",
	"subject to", "des validation", "au go", "sur validation", "apres accord"}

// resetVerbs put a setting back to its default: a message they open
// orders no deploy and no rollback.
var resetVerbs = setOf("reset", "reinitialise", "reinitialiser", "reinitialize")

// lockNounOrder reports whether words put something under a lock or a
// freeze by the noun: "mets l'api en gel", "put prod under freeze".
func lockNounOrder(words []string) bool {
	for i := 1; i < len(words); i++ {
		switch words[i] {
		case "gel", "freeze", "verrou", "lock":
			switch words[i-1] {
			case "en", "sous", "under", "on", "in":
				return true
			}
		}
	}
	return false
}

// settingPutBack reports whether words put a setting back ("remets la
// stratégie du site comme dans le fichier", "put the approval back as
// before"): a setting's noun right after the verb of putting back.
func settingPutBack(ws []string) bool {
	for i, w := range ws {
		switch w {
		case "remets", "remettre", "remettez", "remet", "put", "set", "restore", "restaure", "restaurer":
		default:
			continue
		}
		for j := i + 1; j < min(len(ws), i+4); j++ {
			if settingNouns.has(ws[j]) {
				return true
			}
			if !objectDeterminers.has(ws[j]) && ws[j] != "back" {
				break
			}
		}
	}
	return false
}

// defaultPutBack reports whether words put something back to its
// default: "par défaut", "au défaut", "to default", "to the defaults";
// not "the default page is broken".
func defaultPutBack(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "arriere", "rollback", "revert", "roll", "rb", "precedente", "precedent", "previous", "avant", "plante", "casse", "broken":
			return false // "reviens en arrière sur le site, la page par défaut est cassée": a rollback
		}
	}
	for i, w := range ws {
		if !defaultWords.has(w) {
			continue
		}
		if i > 0 && (ws[i-1] == "par" || ws[i-1] == "au" || ws[i-1] == "to" || ws[i-1] == "a") ||
			i > 1 && (ws[i-1] == "the" || ws[i-1] == "its" || ws[i-1] == "la" || ws[i-1] == "valeur") && (ws[i-2] == "to" || ws[i-2] == "a" || ws[i-2] == "par") ||
			i == len(ws)-1 {
			return true
		}
	}
	return false
}

// rankOrNumber reports whether w picks by its place: "first", "2".
func rankOrNumber(w string) bool {
	_, rank := ranks[w]
	return rank || w != "" && len(w) <= 2 && strings.Trim(w, "0123456789") == ""
}

// numberedOptions returns the options a bot's question numbers, one a
// line ("1. staging", "2) web (site, front)", "1. 4.1.3 (Monday)"), each
// as its first word.
func numberedOptions(text string) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		m := numberedOptionRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n != len(out)+1 {
			return nil // not a numbered list of options
		}
		out = append(out, m[2])
	}
	return out
}

var numberedOptionRe = mustCompile(`^\s*(\d{1,2})[.)]\s+(\S+)`)

// greetingOpened returns what text says after the greetings and
// introductions it opens with ("bonjour, je suis Inès. c quoi qui tourne
// en prod ?"), when it opens with a greeting's word and one to three
// clauses of small talk.
func (r *Router) greetingOpened(ctx context.Context, text string) (string, bool) {
	if !smalltalkHeads.has(firstWord(wordsOf(text))) {
		return "", false // most messages: no greeting first
	}
	// More than maxGreetingClauses clauses of small talk are no greeting
	// but a long message of it ("merci, merci, …"): read whole. Its rest
	// would open with small talk again, read alone, and so on: a parse of
	// the message for every three clauses, each as long as the message.
	rest := text
	for k := 0; ; k++ {
		i, j, ok := clauseBreak(rest)
		if !ok || i == 0 || strings.TrimSpace(rest[j:]) == "" || !r.smalltalkClause(ctx, rest[:i]) {
			break
		}
		if k == maxGreetingClauses {
			return "", false
		}
		rest = strings.TrimSpace(rest[j:])
	}
	rest, cut := text, false
	for k := 0; k < 3; k++ {
		i, j, ok := clauseBreak(rest)
		if !ok || i == 0 || strings.TrimSpace(rest[j:]) == "" {
			break
		}
		if !r.smalltalkClause(ctx, rest[:i]) {
			break
		}
		rest, cut = strings.TrimSpace(rest[j:]), true
	}
	return rest, cut
}

// maxGreetingClauses is the most clauses of small talk a greeting opens
// a message with (greetingOpened).
const maxGreetingClauses = 12

// smalltalkClause reports whether a clause that opens a message is small
// talk or introduces its writer (greetingOpened).
func (r *Router) smalltalkClause(ctx context.Context, clause string) bool {
	return r.alone(ctx, clause).Kind == deploybot.KindSmalltalk || introduces(clause)
}

// introduces reports whether a clause introduces its writer: "je suis
// Inès", "I'm new here", "nouvelle cheffe de projet".
func introduces(clause string) bool {
	ws := wordsOf(clause)
	if len(ws) == 0 || len(ws) > 6 {
		return false
	}
	for _, w := range ws {
		if !smalltalkFillers.has(w) && !smalltalkFr.has(w) && !smalltalkEn.has(w) && !introWords.has(w) && !(len(w) >= 3 && isLetters(w) && len(ws) <= 3) {
			return false
		}
	}
	return ws[0] == "je" || ws[0] == "i" || ws[0] == "im" || ws[0] == "moi" || ws[0] == "c" || introWords.has(ws[0])
}

// introWords say who someone is: "nouvelle cheffe de projet".
var introWords = setOf("nouveau", "nouvelle", "new", "here", "ici", "chef", "cheffe", "projet", "project", "dev", "developer", "designer",
	"stagiaire", "intern", "qa", "pm", "po", "manager", "from", "de", "l", "la", "le", "team", "equipe", "suis", "am", "m", "arrive", "arrivee", "joined")

// justOpened returns text without the "just" that opens it before the
// verb of a deploy or a rollback ("just roll it back instead").
func justOpened(text string) (string, bool) {
	first, rest, ok := strings.Cut(strings.TrimSpace(text), " ")
	if !ok || !strings.EqualFold(first, "just") && !strings.EqualFold(first, "juste") || strings.ContainsAny(text, "?¿") {
		return "", false // not "just roll it back?"
	}
	ws := wordsOf(rest)
	return rest, len(ws) > 0 && (isActionWord(ws[0]) || hasRollbackStem(ws[:1])) && !participles.has(ws[0]) && !doneForms.has(ws[0]) && !strings.HasSuffix(ws[0], "ed")
}

// defaultWords name a setting's default value.
var defaultWords = setOf("defaut", "default", "defaults", "defauts")

// parseOne parses one message on its own. It sets *ordered when it found
// that the action it returns gives its order (givesNoOrder false), so
// that Parse does not ask again: a profile of Parse put 4 % of its time
// in that second look.
func (r *Router) parseOne(ctx context.Context, text string, ordered *bool) deploybot.Request {
	text = r.withoutSpeaker(unwrapCode(strings.TrimSpace(sanitizeKeepLines(text))))
	clean, f := splitFlags(text)
	req := deploybot.Request{Text: clean, Yes: f.yes, Wait: f.wait, Force: f.force, ForceReason: f.forceReason}
	if rest, ok := justOpened(clean); ok {
		// "just roll it back", "juste rollback le site": the order, as if
		// said without its "just" (the model read a question).
		if fr := r.parseOne(ctx, rest, ordered); fr.Kind == deploybot.KindAction {
			fr.Text, fr.Yes, fr.Wait, fr.Force, fr.ForceReason = clean, req.Yes, req.Wait, req.Force, req.ForceReason
			return fr
		}
	}
	// The whole message's analysis is read by the rules below, none of
	// which keeps it: its slices are a scratch's.
	sc := getScratch()
	defer putScratch(sc)
	var whole analysis
	req.Intent, whole = r.routeText(clean, sc)
	ws := langWords(whole.m)
	p := &parse{r: r, raw: clean, m: whole.m, words: ws, line: lineOf(clean, ws), in: req.Intent}
	if c, ok := r.commandOf(p); ok {
		if c.app == "" && whole.s.appShort && shortNamed[c.cmd] &&
			(c.unknownApp == "" || c.unknownApp == whole.m.tokens[whole.s.appIdx].norm) {
			// "état du back", "verrouille la prod du back": a shortened
			// name is read with the word before it, which the command
			// rules, reading word by word, do not see.
			c.app, c.unknownApp = whole.s.app, ""
		}
		req.Kind, req.Command, req.Args = deploybot.KindCommand, c.cmd, c.args
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: c.app, Env: c.env,
			Lang: req.Lang, Confidence: 1, SubjectApp: c.app, SubjectEnv: c.env}
		if c.lang != "" {
			req.Lang = c.lang
		}
		req.UnknownApp, req.UnknownEnv = c.unknownApp, c.unknownEnv
		if req.Force && c.cmd == deploybot.CmdUnlock {
			setArg(&req, "force", req.ForceReason)
		}
		return req
	}
	if !whole.m.question && whole.s.env != "" && goOrderRe.MatchString(p.line) {
		// "go for prod now" (the model read a rollback), "go pour la prod
		// maintenant": a deploy to that environment; the conversation
		// names the project.
		req.Kind = deploybot.KindAction
		req.Intent = deploybot.Intent{Route: r.deployRoute(whole.s.env), Intent: deploybot.IntentDeploy, App: whole.s.app, Env: whole.s.env,
			Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: whole.s.app, SubjectEnv: whole.s.env}
		return req
	}
	fixed, ok := r.typoVerb(clean)
	if t := strings.TrimRight(strings.TrimSpace(clean), "!. "); !ok && rollbackShort.has(strings.ToLower(t)) {
		fixed, ok = "rollback", true // "rb", "rb!" said alone: the conversation names what
	}
	if lead, first, rest, cut := rbAfterLeads(clean); !ok && cut && rollbackShort.has(strings.ToLower(first)) && r.rbShortOrder(clean, rest) {
		// "rb api stp", "rb le site en prod", "plz rb api prod", "tu
		// peux rb l'api en prod": the rollback's short name, with nothing
		// but what it acts on (not "rb web was a mistake"); after a
		// request's words it planned a deploy of the latest version.
		fixed, ok = lead+"rollback "+rest, true
	}
	if !ok {
		// "hmm v2.4.1 has a bad migration on staging, rolbak api stagin":
		// the order's verb mistyped at the start of the last clause.
		if i := strings.LastIndexAny(clean, ",.;"); i > 0 && i+1 < len(clean) {
			if tail, tok := r.typoVerb(clean[i+1:]); tok {
				fixed, ok = clean[:i+1]+" "+tail, true
			} else if lead, first, rest, _ := rbAfterLeads(clean[i+1:]); rollbackTypo(fold(first)) ||
				rollbackShort.has(strings.ToLower(first)) && rest != "" && r.rbShortOrder(clean, rest) && !r.leadTakesBack(clean[:i]) {
				fixed, ok = clean[:i+1]+" "+lead+"rollback "+rest, true
			}
		}
	}
	if ok {
		// "rolback front", "deplyo api en recette": the order's verb
		// mistyped, read as written right.
		if fr := r.parseOne(ctx, fixed, ordered); fr.Kind == deploybot.KindAction {
			fr.Text = req.Text
			return fr
		}
	}
	if lang, ok := r.smalltalk(p); ok {
		req.Kind = deploybot.KindSmalltalk
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: lang, Confidence: 1}
		if ackRe.MatchString(strings.Trim(p.line, "!. ")) {
			req.Topic = deploybot.TopicAcknowledged // "got it", "fair enough": noted, no greeting
		}
		return req
	}
	m, s, words := whole.m, whole.s, whole.words
	// givesNoOrder(clean, p.line), read by up to three rules below (an
	// action the hedges refuse is read again as talk), computed once.
	noOrder, noOrderRead := false, false
	givesNoOrder := func() bool {
		if !noOrderRead {
			noOrder, noOrderRead = r.givesNoOrder(clean, p.line), true
		}
		return noOrder
	}
	if offTopic(m, s) {
		return r.unknown(req)
	}
	if r.promotion(&req, p, s, words) {
		return req
	}
	if m.question && s.app != "" && slices.ContainsFunc(p.words, pleaseWords.has) && hasActionWord(m) && !handOff(p.words) && !ruleForAll(p.words) &&
		!slices.ContainsFunc(p.words, periodWords.has) && !slices.ContainsFunc(p.words, notYetWords.has) && !slices.ContainsFunc(p.words, askedNow.has) {
		if m := politeAskRe.FindStringSubmatch(p.line); m != nil {
			asked := opener(r.lang(whole.m)) + p.line[len(m[0])-len(m[1]):]
			if _, ok := momentOf(clean, p.words); !ok && !r.givesNoOrder(asked, asked) {
				// "on peut lancer la MEP de l'api en 2.4.0 stp ?", "can we
				// deploy api 2.4.0 to prod please?": asked of the bot with
				// a please, the verb of the order right after "on peut",
				// no moment, condition or period, a request ("tu peux …"),
				// not a question of whether one may. Not "is it ok to…",
				// "am I allowed to…", "on peut parler de la MEP stp ?",
				// "on peut déployer l'api en prod sans tests stp ?".
				if fr := r.parseOne(ctx, asked, ordered); fr.Kind == deploybot.KindAction {
					fr.Text, fr.Yes, fr.Wait, fr.Force, fr.ForceReason, fr.Lang = req.Text, req.Yes, req.Wait, req.Force, req.ForceReason, r.lang(whole.m)
					return fr
				}
			}
		}
	}
	if m.question && hasActionWord(m) && permissionEndRe.MatchString(fold(clean)) && !handOff(p.words) && !ruleForAll(p.words) && !hasRollbackStem(p.words) {
		if mo, ok := momentWithDay(clean, p.words); ok {
			// "bon c'est vendredi 17h45, Tom veut pousser le fix en
			// prod... on a le droit ?": whether that moment is fine, asked
			// last.
			req.Kind, req.Moment = deploybot.KindQuestion, &mo
			req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang,
				Confidence: req.Confidence, SubjectApp: s.app, SubjectEnv: s.env}
			return req
		}
	}
	if m.question && permissionRe.MatchString(p.line) && (hasActionWord(m) || goLiveNamed(p.words) && !slices.Contains(p.words, "sans")) && !handOff(p.words) && !ruleForAll(p.words) {
		// "je peux mettre en prod demain à 9h ?", "can we ship web on
		// Friday at 5pm?", "is it ok to deploy web to prod now?": asks
		// whether that moment (or now) is fine, a verdict.
		mo, ok := momentWithDay(clean, p.words)
		if ok || req.Intent.Intent.IsAction() || slices.ContainsFunc(p.words, askedNow.has) || slices.ContainsFunc(p.words, periodWords.has) {
			req.Kind = deploybot.KindQuestion
			if ok {
				req.Moment = &mo
			}
			req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang,
				Confidence: req.Confidence, SubjectApp: s.app, SubjectEnv: s.env}
			return req
		}
	}
	if m.question && (hasActionWord(m) || slices.ContainsFunc(p.words, windowWords.has)) && timingAsked(p.words) && !hasRollbackStem(p.words) ||
		(m.question || endsOrNot(p.words)) && (hasActionWord(m) || s.app != "" || s.env != "") && !hasRollbackStem(p.words) && passesAt(clean, p.words) {
		// "is now a good time to push web to prod?", "tu conseilles quel
		// créneau pour la MEP ?": when to deploy is the windows' question.
		req.Kind = deploybot.KindQuestion
		if mo, ok := momentWithDay(clean, p.words); ok {
			req.Moment = &mo
		}
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang,
			Confidence: req.Confidence, SubjectApp: s.app, SubjectEnv: s.env}
		return req
	}
	if m.question && !hasRollbackStem(p.words) && !handOff(p.words) && !ruleForAll(p.words) && !slices.ContainsFunc(p.words, offTopicWords.has) {
		if mo, ok := momentOpening(clean, p.words); ok {
			// "lundi 14h c'est acceptable ou à éviter ?", "demain 9h
			// c'est ok pour mettre en prod ?", "le 31 décembre à 10h pour
			// la bannière ?": a question that opens on a moment and asks
			// whether it will do, the windows' verdict for that moment.
			req.Kind, req.Moment = deploybot.KindQuestion, &mo
			req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang,
				Confidence: req.Confidence, SubjectApp: s.app, SubjectEnv: s.env}
			return req
		}
	}
	if outside, toMe := r.outsideDomain(m, s); outside {
		if m.question && slices.ContainsFunc(p.words, slotVerdictWords.has) && !slices.ContainsFunc(p.words, offTopicWords.has) {
			if mo, ok := momentWithDay(clean, p.words); ok && (mo.HasDay || mo.Day > 0 || mo.Days > 0) && mo.Hour >= 0 && !slices.ContainsFunc(p.words, notWindowWords.has) {
				// "is thursday 4:30pm ok or already too late?": whether
				// that moment is fine, the windows' verdict (it was not
				// understood: no word of a deploy).
				req.Kind, req.Moment = deploybot.KindQuestion, &mo
				req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang,
					Confidence: req.Confidence, SubjectApp: s.app, SubjectEnv: s.env}
				return req
			}
		}
		if !toMe {
			return r.unknown(req)
		}
		req.Kind = deploybot.KindSmalltalk
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: 1}
		return req
	}
	if req.Intent.Intent.IsAction() && notificationAsked(p.words) {
		// "redige moi l'annonce de la release du site 2.5.0", "post the
		// release notification for web 2.5.0 to production": the text
		// of the notification asked, no deploy (a new user's plan was
		// confirmed and approved this way).
		req.Intent.Intent, req.Route, req.Topic = deploybot.IntentQuestion, deploybot.RouteOrchestrator, deploybot.TopicNotification
		req.App, req.Env, req.Version, req.BadVersion, req.UnknownEnv, req.From = "", "", "", "", "", ""
	}
	if req.Intent.Intent.IsAction() && (s.app == "" && s.version == "" || releaseNotes(p.words) && !otherActionWord(p.words)) {
		// "checklist avant mise en prod stp": a fixed topic's words and
		// no project nor version to act on make a question; "release
		// notes for api pls" names the notification, not a release.
		if topic, _ := topicOf(p.words, req.Intent); topic == deploybot.TopicChecklist ||
			topic == deploybot.TopicNotification && (releaseNotes(p.words) || !hasActionVerb(p.words)) {
			req.Intent.Intent, req.Route = deploybot.IntentQuestion, topicRoute[topic]
			req.App, req.Env, req.Version = "", "", ""
		}
	}
	in, ok := r.nounOrder(m, s, p.words, p.raw)
	if i, j, cut := clauseBreak(clean); !ok && cut && i > 0 && !m.question && !req.Intent.Intent.IsAction() {
		// "retour arrière sur l'api, on a un incident": the order said
		// as its noun in the first clause, the situation after it.
		if fa := r.analyze(clean[:i]); fa.s.app != "" && hasFault(wordsOf(clean[j:])) {
			in, ok = r.nounOrder(fa.m, fa.s, langWords(fa.m), clean[:i])
			ok = ok && in.Intent == deploybot.IntentRollback // "la MEP du site, le paiement plante" orders no deploy
		}
	}
	if cls := clauses(clean); !ok && len(cls) > 1 && !m.question && !req.Intent.Intent.IsAction() && s.app != "" && !s.negated &&
		r.oneProject(p.words) {
		// "urgence : le back renvoie les données d'autres clients depuis
		// la MEP, retour arrière tout de suite": the situation names the
		// project, the last clause orders going back, alone.
		if la := r.analyze(cls[len(cls)-1]); la.s.app == "" && la.s.version == "" && !la.s.appShort {
			ls := la.s
			ls.app = s.app
			if bi, bok := r.nounOrder(la.m, ls, langWords(la.m), cls[len(cls)-1]); bok && bi.Intent == deploybot.IntentRollback {
				in, ok = bi, true
				in.App, in.SubjectApp = s.app, s.app
				if in.Env == "" {
					in.Env = s.env
				}
				for _, w := range p.words {
					if e, ok := impliedEnvOf(w); ok && in.Env == "" {
						in.Env = e // "depuis la MEP": production
					}
				}
				in.SubjectEnv = in.Env
			}
		}
	}
	if body := afterLabel(clean); !ok && !m.question && req.Intent.Intent != deploybot.IntentDeploy && mepOpens(clean) {
		// "URGENT : MEP du site en 1.9.9, le formulaire de contact est
		// cassé": the first clause orders the deploy by its noun, the
		// situation after it is its reason.
		if i, _, cut := clauseBreak(body); cut && i > 0 {
			body = body[:i]
		}
		if fa := r.analyze(body); fa.s.app != "" {
			if fi, fok := r.nounOrder(fa.m, fa.s, langWords(fa.m), body); fok && fi.Intent == deploybot.IntentDeploy {
				in, ok = fi, true
			}
		}
	}
	if ok {
		// "MEP du front", "release of api 2.1.0 to staging", "rollback de
		// l'api en prod": an order said as its noun and its project.
		in.Lang, in.Confidence = req.Lang, max(req.Confidence, 0.6)
		req.Intent = in
	}
	if it := wantOrder(p.words); it != "" && !m.question && (it != req.Intent.Intent || !req.Intent.Intent.IsAction()) {
		// "je veux déployer", "I'd like to roll back the site": the bot
		// asks for what the order lacks.
		req.Intent = deploybot.Intent{Intent: it, App: s.app, Env: s.env, Version: s.version, Lang: req.Lang,
			Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
		req.Route = deploybot.RouteRollback
		if it == deploybot.IntentDeploy {
			req.Route = r.deployRoute(s.env)
		}
	}
	if back, noun := collectiveBack(p.words); back && !req.Intent.Intent.IsAction() && !m.question &&
		(s.version != "" || (noun || slices.ContainsFunc(p.words, previousWords.has) && slices.ContainsFunc(p.words, releaseNouns.has)) && s.app != "") {
		// "on revient à la 2.0.0 sur le front", "we go back to 3.1.0 on
		// api", "on revient à la version d'avant sur le back": going back
		// said by the team, the order of a rollback.
		req.Intent = deploybot.Intent{Route: deploybot.RouteRollback, Intent: deploybot.IntentRollback, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	}
	if req.Intent.Intent != deploybot.IntentDeploy && !m.question && s.version != "" && s.app != "" && s.env != "" &&
		!hasRollbackStem(words) && slices.ContainsFunc(p.words, fixWords.has) && !badTargetOf(m, s.version) && !faultWith(clean, s.version) &&
		(slices.ContainsFunc(p.words, hurryWords.has) || slices.ContainsFunc(p.words, deployVerbs.has)) && !slices.ContainsFunc(p.words, toldDone.has) {
		// "hotfix 2.15.5 pour l'api, direct en prod, le paiement est KO",
		// "le correctif de l'api c'est la 2.14.1 : en prod tout de suite":
		// a fix named with where it goes, whatever the incident around it.
		req.Intent = deploybot.Intent{Route: r.deployRoute(s.env), Intent: deploybot.IntentDeploy, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	}
	if req.Intent.Intent != deploybot.IntentDeploy && namedDeploy(m, s, p.words) && !(releaseNotes(p.words) && !otherActionWord(p.words)) && !notificationAsked(p.words) &&
		!toldPast(p.words) && !badAfterVersion(m, s.version) && !slices.ContainsFunc(p.words, rollbackTypo) {
		// "marketing wants the new landing on the site today, v6.0.0,
		// production": a project, a version and an environment named
		// together, no going back, nothing asked.
		req.Intent = deploybot.Intent{Route: r.deployRoute(s.env), Intent: deploybot.IntentDeploy, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	}
	if req.Intent.Intent == deploybot.IntentQuestion && !m.question && s.app != "" && s.env != "" && !s.negated && s.badVersion == "" &&
		imperativeOf(p.line) == deploybot.IntentDeploy && !nounOpens(p.words) && !toldPast(p.words) && !releaseNotes(p.words) && !givesNoOrder() &&
		!namesMoment(clean, p.words) && !hasFault(p.words) {
		// "put the new web build on preprod for the client review": the
		// verb of a deploy first, with its project and environment; the
		// model read the purpose as a question.
		req.Intent = deploybot.Intent{Route: r.deployRoute(s.env), Intent: deploybot.IntentDeploy, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	}
	if req.Intent.Intent != deploybot.IntentDeploy && !m.question && r.bareInfinitiveOrder(p.words, s) {
		// "déployer api", "deployer le site": the verb and what it
		// deploys, nothing else; the model read a how-to question (the
		// bot asks which environment).
		req.Intent = deploybot.Intent{Route: r.deployRoute(s.env), Intent: deploybot.IntentDeploy, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	}
	if c, ok := decisionOf(p.words); ok && req.Intent.Intent.IsAction() && !m.question && !givesNoOrder() && !r.orderThenCommand(clean) &&
		!(backVerbOpens(clean) && (s.version != "" || slices.ContainsFunc(p.words, previousWords.has))) {
		// "cancel api staging", "stop the deploy of api to prod", "approve
		// api prod", "abort rollback": the verb decides on a deployment,
		// it orders no deploy and no rollback (actionkind.go).
		req.Kind, req.Command = deploybot.KindCommand, c
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: s.app, Env: s.env,
			Lang: req.Lang, Confidence: 1, SubjectApp: s.app, SubjectEnv: s.env}
		return req
	}
	if req.Intent.Intent != deploybot.IntentRollback && redoOrder(p.words) && slices.ContainsFunc(p.words, previousWords.has) && !m.question {
		// "redeploy the previous version of api", "redéploie la version
		// précédente du site": going back.
		req.Intent = deploybot.Intent{Route: deploybot.RouteRollback, Intent: deploybot.IntentRollback, App: s.app, Env: s.env,
			Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	} else if req.Intent.Intent == deploybot.IntentRollback && (redoOrder(p.words) || arrowOrder(clean, s, p.words)) &&
		!slices.ContainsFunc(p.words, previousWords.has) {
		// "redeploy api prod", "relance le déploiement d'api", "api →
		// prod": a deploy run again or sent somewhere, no going back.
		req.Intent.Intent, req.Route = deploybot.IntentDeploy, r.deployRoute(s.env)
	}
	if req.Intent.Intent != deploybot.IntentRollback && !m.question && (s.version != "" || slices.ContainsFunc(p.words, previousWords.has)) &&
		backVerbOpens(clean) && !givesNoOrder() {
		// "reviens sur la précédente pour l'api en prod", "annule la MEP
		// de l'api et reviens sur la précédente": a clause that opens
		// with the verb of going back, to a version, orders it.
		req.Intent = deploybot.Intent{Route: deploybot.RouteRollback, Intent: deploybot.IntentRollback, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	}
	if req.Intent.Intent == deploybot.IntentRollback && wishOrder(m, s) && !hasRollbackStem(p.words) {
		// "I'd like web 3.1.0 on staging": a wish for a version somewhere
		// names no going back.
		req.Intent.Intent, req.Route = deploybot.IntentDeploy, r.deployRoute(s.env)
	}
	if req.Intent.Intent.IsAction() && m.question && len(m.tokens) > 1 && (stateQuestionOpeners.has(m.tokens[0].norm) ||
		slices.ContainsFunc(p.words, invertedStateVerbs.has)) && !hasActionVerb(p.words) {
		// "is web v6.0.0 in production?": a question for the state, no
		// order.
		req.Kind = deploybot.KindCommand
		req.Command = deploybot.CmdStatus
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: s.app, Env: s.env,
			Lang: req.Lang, Confidence: 1, SubjectApp: s.app, SubjectEnv: s.env}
		return req
	}
	if !req.Intent.Intent.IsAction() && m.question && s.env != "" && s.version != "" && len(s.versions) <= 1 && (s.app != "" || !r.ofUnknown(p.words)) &&
		len(p.words) <= 12 && !hasActionVerb(p.words) && !hasRollbackStem(p.words) && !hasFault(p.words) &&
		!howOpeners.has(firstWord(p.words)) && slices.ContainsFunc(p.words, stateAsked.has) && !slices.ContainsFunc(p.words, notSmalltalk.has) {
		// "is v2.6.2 of the api on staging yet?", "la 3.2.2 du site est
		// en recette ?", "est-ce que la 2.14.1 est déjà en prod ?":
		// whether a version runs there, the state.
		req.Kind = deploybot.KindCommand
		req.Command = deploybot.CmdStatus
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: s.app, Env: s.env,
			Lang: req.Lang, Confidence: 1, SubjectApp: s.app, SubjectEnv: s.env}
		return req
	}
	if !req.Intent.Intent.IsAction() && s.app != "" && requestAsked(clean) && deployNamed(p.words) && !hasRollbackStem(p.words) &&
		!howBeforeAction(p.words) && !timingAsked(p.words) {
		// "can you deploy the site?": a request to deploy a named project;
		// the bot asks for what it lacks.
		req.Intent = deploybot.Intent{Route: r.deployRoute(s.env), Intent: deploybot.IntentDeploy, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	}
	if !req.Intent.Intent.IsAction() && s.app != "" && requestAsked(clean) && hasRollbackStem(p.words) && !handOff(p.words) &&
		!howBeforeAction(p.words) && !timingAsked(p.words) && rollbackAsked(p.raw) {
		// "peux-tu faire un rollback du site en prod ?": a rollback of a
		// named project asked of the bot.
		req.Intent = deploybot.Intent{Route: deploybot.RouteRollback, Intent: deploybot.IntentRollback, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
	}
	if req.Intent.Intent == deploybot.IntentDeploy && toldPast(p.words) && imperativeOf(p.line) == "" {
		// "on a mis l'api en prod en 2.4.0 mardi, RAS": a release told,
		// no order; talk about that deploy (SCHEMA.md).
		req.Intent.Intent = deploybot.IntentQuestion
		req.Route = r.deployRoute(s.env)
		req.App, req.Env, req.Version = "", "", ""
	}
	if req.Intent.Intent.IsAction() && givesNoOrder() {
		// "if QA passes, deploy api to prod", "he said deploy api to
		// prod", "can you not deploy api to production", "deploy api to
		// prod? no": an order's words, not an order (hedge.go).
		req.Intent.Intent = deploybot.IntentQuestion
		req.App, req.Env, req.Version = "", "", ""
	}
	if req.Intent.Intent.IsAction() && !hasActionVerb(p.words) && lockVerbIn(p.words) {
		// "don't unlock api prod": a message about a lock or a freeze
		// orders no deploy and no rollback.
		req.Intent.Intent, req.Route = deploybot.IntentQuestion, deploybot.RouteOrchestrator
		req.App, req.Env, req.Version = "", "", ""
	}
	if req.Intent.Intent == deploybot.IntentRollback && !hasActionWord(m) && !hasRollbackStem(p.words) && hasFault(p.words) && s.version == "" &&
		!slices.ContainsFunc(p.words, previousWords.has) {
		// "le site est cassé en prod !! les clients voient une page
		// blanche": an incident told, no order to go back (a colleague's
		// "oui, je vois la même chose" answered the plan it made).
		req.Intent.Intent, req.Route = deploybot.IntentQuestion, deploybot.RouteRollback
		req.App, req.Env, req.Version = "", "", ""
	}
	if req.Intent.Intent == deploybot.IntentDeploy && !hasActionVerb(p.words) && hasFault(p.words) && !slices.ContainsFunc(p.words, fixWords.has) {
		// "web v2.0.0 broke production yesterday": an incident told, no
		// order; a question for the rollback agent, never a deploy.
		req.Intent.Intent, req.Route = deploybot.IntentQuestion, deploybot.RouteRollback
		req.App, req.Env, req.Version = "", "", ""
	}
	if req.Intent.Intent.IsAction() && copiesData(p.words) {
		// "copie la base de prod vers staging": data copied between
		// environments, no build deployed.
		req.Intent.Intent, req.Route = deploybot.IntentQuestion, r.deployRoute(s.env)
		req.App, req.Env, req.Version = "", "", ""
	}
	if req.Intent.Intent.IsAction() && s.version == "" && s.app == "" && s.env != "" && !hasActionWord(m) && !hasRollbackStem(p.words) &&
		!deployNamed(p.words) && len(m.tokens) > 4 && !impliedEnvSaid(p.words) {
		// "merci pour le coup de main de cette nuit sur la prod, tu
		// gères": an environment named in a sentence that orders nothing
		// and names no project nor version is talk (a bare "prod" or "en
		// prod stp" answers a question, and stays a fragment).
		req.Intent.Intent = deploybot.IntentQuestion
		req.Route = r.deployRoute(s.env)
		req.App, req.Env, req.Version = "", "", ""
	}
	if req.Intent.Intent == deploybot.IntentRollback && s.version == "" && s.app != "" && s.env != "" && !hasActionWord(m) &&
		!hasRollbackStem(p.words) && !deployNamed(p.words) && !slices.ContainsFunc(p.words, rollbackSlang) &&
		!slices.ContainsFunc(p.words, orderNounIn) && !slices.ContainsFunc(p.words, previousWords.has) && !strings.Contains(p.raw, "r/b") &&
		!strings.Contains(p.raw, "n-1") {
		if _, frag := r.fragment(p.raw); !frag {
			// "web prod now?", "the site is in prod", "logs api prod", "web
			// prod tomorrow": a project and an environment with no word of
			// going back (nor of an order, nor in slang: "rbk", "revet",
			// "n-1", "version d'avant") are no rollback, though the model's
			// "now" of "rollback now" says one; an answer to the bot's
			// question still completes its request (followUp), and "api
			// prod" alone asks what runs there (parse). A deploy said so
			// ("crm en stg stp") stays the model's.
			req.Intent.Intent = deploybot.IntentQuestion
			switch {
			case slices.Contains(p.words, "reset") || slices.Contains(p.words, "reinitialise"):
				req.Route = deploybot.RouteOrchestrator // "reset web prod": a setting's
			case !hasFault(p.words) && len(versionTokens(p.raw)) == 0: // "the api in prod is on 2.6.1 now": which version runs, the rollback agent's
				req.Route = r.deployRoute(s.env)
			}
			req.App, req.Env, req.Version = "", "", ""
		}
	}
	if req.Intent.Intent.IsAction() && s.version == "" && s.env == "" && !hasActionWord(m) && !hasRollbackStem(p.words) && !deployNamed(p.words) {
		// "api's latency is bad": a project and no word of an order, of
		// going back or of an environment is talk about the project.
		req.Intent.Intent = deploybot.IntentQuestion
		if hasFault(p.words) {
			req.Route = deploybot.RouteRollback
		} else {
			req.Route = deploybot.RouteOrchestrator
		}
		req.App, req.Env, req.Version = "", "", ""
	}
	if iw := withoutLeads(p.words); req.Intent.Intent.IsAction() && len(iw) > 0 && inspectVerbs.has(iw[0]) && (!hasActionVerb(iw) && !hasRollbackStem(iw) &&
		!slices.ContainsFunc(iw, rollbackSlang) || len(iw) > 1 && (iw[1] == "at" || iw[1] == "into")) {
		// "look at api prod", "check web prod": a look asked, no order
		// (the model read a production deploy); "lift prod" (a rollback).
		req.Intent.Intent, req.Route = deploybot.IntentQuestion, deploybot.RouteOrchestrator
		req.App, req.Env, req.Version, req.BadVersion, req.UnknownEnv = "", "", "", "", ""
	}
	if req.Intent.Intent == deploybot.IntentRollback && rollbackOnlyNamed(p.words) {
		// "yes, the rollback plan is ready", "rollback is documented":
		// the rollback's word names a plan or tells of it, it orders
		// none (after a plan's checklist it rolled production back).
		req.Intent.Intent, req.Route = deploybot.IntentQuestion, deploybot.RouteRollback
		req.App, req.Env, req.Version, req.BadVersion, req.UnknownEnv = "", "", "", "", ""
	}
	if req.Intent.Intent == deploybot.IntentRollback && goFirst(p.words) && !goesBack(r.backProjectDropped(p.words)) {
		// "go en prod le site", "génial, go en prod le site": a go with
		// no word of going back is a deploy (the model read a rollback).
		req.Intent.Intent, req.Route = deploybot.IntentDeploy, r.deployRoute(s.env)
	}
	if req.Intent.Intent == deploybot.IntentRollback && s.version != "" && !goesBack(r.backProjectDropped(p.words)) {
		// "api now, 2.4.1", "and api now, 2.4.1" after web's card: a
		// version and no word of going back nor of trouble is a deploy of
		// it (the model read a rollback, whose path skips the windows).
		req.Intent.Intent, req.Route = deploybot.IntentDeploy, r.deployRoute(s.env)
	}
	if req.Intent.Intent.IsAction() {
		if r.notUnderstood(m, s, words) {
			return r.unknown(req)
		}
		// "déploie web 3.9.2 en recette ; si ça casse je fais le rollback
		// moi-même": the first clause's order, with what it acts on and
		// no fault, is the order; a later clause's rollback is a reason.
		if i, _, ok := clauseBreak(clean); ok && i > 0 {
			first := clean[:i]
			if v := imperativeOf(commandLine(first)); v != "" && v != req.Intent.Intent && !hasFault(wordsOf(first)) {
				fs := r.analyze(first).s
				if fs.app != "" || fs.version != "" {
					req.Intent.Intent = v
					if v == deploybot.IntentDeploy {
						req.Route = r.deployRoute(s.env)
					} else {
						req.Route = deploybot.RouteRollback
					}
				}
			}
		}
		req.Kind = deploybot.KindAction
		*ordered = true // givesNoOrder(clean, p.line) was false above: an action throughout
		r.actionNames(&req, m, s)
		r.orderClauseProject(&req, p.raw)
		if req.Intent.Intent == deploybot.IntentRollback && req.Version != "" && deployOrdered(clean, p.words, req.Version) {
			// "hotfix urgent : déploie la 2.4.3 de l'api en prod, le
			// paiement plante": an order to deploy a version is a deploy,
			// whatever the incident words around it.
			req.Intent.Intent, req.Env = deploybot.IntentDeploy, s.env
			req.Route = r.deployRoute(req.Env)
		}
		if req.Intent.Intent == deploybot.IntentDeploy && req.Version != "" && !deployOrdered(clean, p.words, req.Version) && newOneBroken(clean) &&
			!mepOpens(clean) {
			// "repasse crm sur la release-2025.03 en prod, la nouvelle
			// plante": going to a version because the new one breaks is
			// going back to it.
			req.Intent.Intent, req.Route = deploybot.IntentRollback, deploybot.RouteRollback
		}
		if req.Intent.Intent == deploybot.IntentDeploy && req.Version != "" && backRe.MatchString(p.line) {
			// "on repasse en 2.3.9 sur l'api", "il faut revenir à la
			// 2.3.9": going to a version said as going back to it.
			req.Intent.Intent, req.Route = deploybot.IntentRollback, deploybot.RouteRollback
		}
		if req.Intent.Intent == deploybot.IntentRollback && len(s.versions) > 1 && !versionIntroduced(m, req.Version) {
			// "go back to 2.7.0 for the backend in prod, 2.7.1 is eating
			// invoices": of two versions, the one going back goes to.
			for _, v := range s.versions {
				if versionIntroduced(m, v) && !badTargetOf(m, v) {
					req.Version = v
					break
				}
			}
		}
		rollbackTarget(&req, m, s)
		if bad, ok := unsafeWord(clean); ok && req.BadVersion == "" {
			setArg(&req, "unsafe", bad)
		}
		return req
	}
	if iw := withoutLeads(p.words); !m.question && len(iw) >= 2 && len(iw) <= 4 && (iw[0] == "redeploy" || iw[0] == "redeploie" || iw[0] == "re-deploy") &&
		s.app != "" && r.onlyTarget(iw[1:]) && p.words[0] == iw[0] && !strings.ContainsFunc(p.raw, func(c rune) bool { return c >= 0x2000 || c == '~' || c == '`' }) &&
		!givesNoOrder() {
		// "redeploy api", "redéploie le front stp": the deploy run again,
		// the environment asked (the model read a rollback's question).
		req.Kind = deploybot.KindAction
		req.Intent = deploybot.Intent{Route: r.deployRoute(s.env), Intent: deploybot.IntentDeploy, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
		return req
	}
	if wishOrder(m, s) {
		// "I need web 3.5.2 in staging", "il me faut l'api en recette": a
		// deploy asked as a need, without its verb.
		req.Kind = deploybot.KindAction
		req.Intent = deploybot.Intent{Route: r.deployRoute(s.env), Intent: deploybot.IntentDeploy, App: s.app, Env: s.env,
			Version: s.version, Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectApp: s.app, SubjectEnv: s.env}
		if strings.EqualFold(req.Version, "latest") {
			req.Version = ""
		}
		return req
	}
	if order, ok := r.clauseOrder(clean, s); ok {
		req.Intent = order
		req.Kind = deploybot.KindAction
		r.actionNames(&req, m, s)
		r.orderClauseProject(&req, p.raw)
		rollbackTarget(&req, m, s) // "… depuis la 3.16.2 de l'api, on revient à la précédente en prod": not to 3.16.2
		return req
	}
	if !m.question && s.env != "" && (s.app == "" && pronounOrder(p.line) || goOrderRe.MatchString(p.line)) && !givesNoOrder() {
		// "mets-la en recette", "bon bah pousse-le en prod": an order on
		// what the conversation named; the follow-up fills it in.
		req.Kind = deploybot.KindAction
		req.Intent = deploybot.Intent{Route: r.deployRoute(s.env), Intent: deploybot.IntentDeploy, Env: s.env, Version: s.version,
			Lang: req.Lang, Confidence: max(req.Confidence, 0.6), SubjectEnv: s.env}
		return req
	}
	talk := addressedElsewhere(clean) || !m.question && !howOpeners.has(firstWord(p.words)) && !questionOpeners.has(firstWord(p.words)) &&
		!asksWhich(p.line) && ordersSomething(p.words) && givesNoOrder()
	if !talk && (r.notUnderstood(m, s, words) || len(m.tokens) == 1 && s.app == "" && s.env == "" && s.version == "" && req.Confidence < minOneWord) {
		return r.unknown(req)
	}
	req.Kind = deploybot.KindQuestion
	if talk {
		// Talk that carries an order's words without giving one is about
		// that order's topic (SCHEMA.md): "I'm not approving 21 until…"
		// the orchestrator's, "on a fait un rollback hier" the rollback's,
		// "je déploierai le front en prod quand…" production's.
		if route, ok := r.talkRoute(p.words, s); ok {
			req.Route = route
			return req
		}
	}
	qw := p.words
	req.Topic, req.Strategies = topicOf(qw, req.Intent)
	fixedAnswer := req.Topic == deploybot.TopicChecklist || req.Topic == deploybot.TopicNotification
	processAsked := req.Topic == deploybot.TopicHowToDeploy && !howToOpeners.has(qw[0]) && !ruleForAll(qw) && !hasFault(qw) && !slices.ContainsFunc(qw, outageWords.has)
	if req.Topic != "" && (req.Confidence < topicRouteBelow && req.Route != deploybot.RouteDevops && (req.Route != deploybot.RouteDirection || fixedAnswer) ||
		onlyAbout(qw) || processAsked || req.Topic == deploybot.TopicChecklist && req.Route == deploybot.RouteStaging && !slices.ContainsFunc(qw, stagingStepWords.has)) {
		// The topic's words say more than an unsure model, and a question
		// made only of the strategies and the words of asking about them
		// is about them, whatever the model says ("compare the four
		// strategies for us" is no hand-off); the checklist before a
		// release, which names no staging, is no staging question
		// ("what do I need to check before releasing?").
		req.Route = topicRoute[req.Topic]
		if req.Topic == deploybot.TopicHowToDeploy && s.env == deploybot.EnvStaging {
			req.Route = deploybot.RouteStaging // "comment je déploie le backend en recette ?"
		}
	}
	if req.Route != deploybot.RouteOrchestrator && req.Route != deploybot.RouteDevops && req.Route != deploybot.RouteDirection &&
		orchestratorAsked(qw, s, req.Topic) {
		// "il manque quoi dans ma checklist…", "how long do we keep
		// watching after going live?", "à quelle étape du process on fait
		// valider le client ?": the process, its checklist and the watch
		// after a release are the orchestrator's.
		req.Route = deploybot.RouteOrchestrator
	}
	switch {
	case req.Route != deploybot.RouteDirection && ruleForAll(qw):
		// "can we set a company-wide rule that nobody deploys after
		// 4pm?": a rule for everyone is technical leadership's.
		req.Route = deploybot.RouteDirection
	case req.Route != deploybot.RouteOrchestrator && badPractice(qw) && !ruleForAll(qw):
		// "modifier la config à la main sur le serveur de prod, c'est une
		// mauvaise pratique ?": the anti-patterns are the orchestrator's.
		req.Route = deploybot.RouteOrchestrator
	case req.Route != deploybot.RouteDevops && infraAsked(qw):
		// "scale the api deployment to 6 replicas", "comment on crée le
		// webhook de déploiement côté serveur ?": servers and their
		// tools are devops'.
		req.Route = deploybot.RouteDevops
	case req.Route != deploybot.RouteDevops && s.env == "" && infraWork(m):
		// "peux-tu créer l'instance RDS pour la nouvelle base ?",
		// "configure pgbouncer on the new db host": infrastructure to
		// build, restore or resize, devops' work.
		req.Route = deploybot.RouteDevops
	case req.Route == deploybot.RouteOrchestrator && req.Confidence < 0.8 && (hasFault(qw) || slices.ContainsFunc(qw, outageWords.has)) &&
		!slices.ContainsFunc(qw, lockTalk.has) && req.Topic == "" && !slices.ContainsFunc(qw, thresholdWords.has) && !badPractice(qw):
		// "la prod est en panne depuis la livraison : c'est quoi le plan
		// ?": an incident asked about is the rollback's.
		req.Route = deploybot.RouteRollback
	}
	if (req.Route == deploybot.RouteOrchestrator || req.Route == deploybot.RouteStaging ||
		req.Route == deploybot.RouteRollback && !hasFault(qw) && !slices.ContainsFunc(qw, outageWords.has)) && req.Topic == "" && req.Confidence < 0.95 &&
		!howOpeners.has(firstWord(qw)) && (s.env == deploybot.EnvProduction && oneEnvNamed(words) || s.env == "" && impliedEnvSaid(qw)) &&
		(hasActionWord(m) || deployNamed(qw)) && !hasRollbackStem(qw) && !timingAsked(qw) && !slices.ContainsFunc(qw, lockTalk.has) &&
		!ruleForAll(qw) && !badPractice(qw) && (s.app != "" || slices.Contains(qw, "site")) && !(m.question && momentAsked(clean, qw)) {
		// "le client m'a demandé quand on mettrait le site en prod", "last
		// month we pushed api to prod late on a Friday": talk about a
		// project's production deploy is production's (SCHEMA.md).
		req.Route = deploybot.RouteProduction
	}
	if (req.Route == deploybot.RouteRollback || req.Route == deploybot.RouteOrchestrator && req.Confidence < 0.8) &&
		(req.Topic == "" || topicRoute[req.Topic] == deploybot.RouteStaging) && s.env == deploybot.EnvStaging && oneEnvNamed(words) &&
		!hasRollbackStem(qw) && !hasFault(qw) && !slices.ContainsFunc(qw, outageWords.has) && !timingAsked(qw) &&
		!slices.ContainsFunc(qw, lockTalk.has) && !ruleForAll(qw) && !badPractice(qw) && !(m.question && momentAsked(clean, qw)) &&
		!slices.ContainsFunc(qw, processWords.has) {
		// "does a hotfix have to go through staging first?", "hier j'ai
		// déployé le backend en préprod, ça a pris 20 min c'est normal ?":
		// a question about staging alone, no incident in it, is staging's.
		req.Route = deploybot.RouteStaging
	}
	if (req.Route == deploybot.RouteStaging || req.Route == deploybot.RouteRollback) && s.env == deploybot.EnvProduction && oneEnvNamed(words) &&
		!slices.ContainsFunc(qw, stagingTalk.has) && !slices.ContainsFunc(qw, outageWords.has) &&
		!hasRollbackStem(qw) && !hasFault(qw) && !slices.ContainsFunc(qw, lockTalk.has) && (howOpeners.has(firstWord(qw)) || slices.ContainsFunc(qw, processWords.has)) {
		// "comment je mets le blog en prod ?", "c'est quoi la procédure
		// pour mettre en production chez nous ?": how to go live, no
		// staging said, is production's.
		req.Route = deploybot.RouteProduction
	}
	if (req.Route == deploybot.RouteOrchestrator || req.Route == deploybot.RouteProduction) && s.env != deploybot.EnvProduction &&
		extraEnvAsked(qw) && !hasRollbackStem(qw) && !hasFault(qw) && !slices.ContainsFunc(qw, lockTalk.has) && !ruleForAll(qw) {
		// "l'env de démo pour le salon de jeudi, c'est lequel ?", "what's
		// a good UAT process with the client?": the environments before
		// production are staging's (SCHEMA.md).
		req.Route = deploybot.RouteStaging
	}
	if req.Route == deploybot.RouteRollback && req.Confidence < 0.6 && len(strategiesOf(qw)) == 1 && !hasRollbackStem(qw) && !hasFault(qw) &&
		!slices.ContainsFunc(qw, outageWords.has) && !slices.ContainsFunc(qw, incidentWords.has) {
		// "est-ce que le canary marche si on n'a qu'un seul serveur en
		// prod ?": a strategy asked about, no going back, is production's.
		req.Route = deploybot.RouteProduction
	}
	if req.Route == deploybot.RouteRollback && req.Confidence < 0.6 && s.env != deploybot.EnvStaging && slices.Contains(qw, "mep") &&
		req.Topic == "" && !slices.Contains(qw, "mal") && !slices.Contains(qw, "wrong") &&
		!hasRollbackStem(qw) && !hasFault(qw) && !slices.ContainsFunc(qw, outageWords.has) && !slices.ContainsFunc(qw, incidentWords.has) &&
		!slices.ContainsFunc(qw, failedWords.has) {
		// "Marc fait la MEP du front jeudi matin": a release to
		// production told, no going back nor any fault, is production's.
		req.Route = deploybot.RouteProduction
	}
	if req.Route == deploybot.RouteRollback && s.env == deploybot.EnvStaging && slices.ContainsFunc(qw, parityWords.has) && !hasFault(qw) &&
		!slices.ContainsFunc(qw, incidentWords.has) && s.version == "" {
		// "how do we get staging back in line with production?": staging
		// brought to parity, no going back.
		req.Route = deploybot.RouteStaging
	}
	if req.Route == deploybot.RouteDevops && m.question && toolChoice(qw) {
		// "argocd ou github actions pour déployer le back ? on hésite",
		// "terraform for infra + github actions for deploys, is that the
		// usual combo?": which deployment tools to use is the
		// orchestrator's card of tools by platform; writing or running
		// them stays devops'.
		req.Route = deploybot.RouteOrchestrator
	}
	if req.Route != deploybot.RouteDevops && slices.ContainsFunc(qw, serverWorkWords.has) && slices.ContainsFunc(qw, serverWords.has) && !hasRollbackStem(qw) {
		// "peux tu redémarrer nginx sur la prod ?": work on the servers,
		// devops'.
		req.Route = deploybot.RouteDevops
	}
	if req.Route != deploybot.RouteDevops && commandAsked(qw) {
		// "c'est quoi la commande docker compose ?": the commands of the
		// servers' tools are devops'.
		req.Route = deploybot.RouteDevops
	}
	if req.Route != deploybot.RouteDevops && req.Route != deploybot.RouteDirection && req.Topic == "" &&
		!r.topicSure(words, m.question, s.negated, req.Route) &&
		(slices.ContainsFunc(qw, lockTalk.has) || slices.ContainsFunc(qw, approvalTalk.has)) && !hasRollbackStem(qw) && !slices.ContainsFunc(qw, dataWords.has) &&
		!stagingCheckAsked(qw) { // "what do we validate on staging before asking for prod approval?": staging's
		// "comment ça marche le verrou sur un environnement ?", "should I
		// lock api staging while I test?": locks and freezes are the
		// orchestrator's.
		req.Route = deploybot.RouteOrchestrator
	}
	if mo, ok := momentWithDay(clean, p.words); ok {
		req.Moment = &mo
	}
	return req
}

// ownDeterminers are the French determiners of someone's thing: "son
// déploiement", "ma MEP".
var ownDeterminers = setOf("son", "sa", "mon", "ma", "ton", "ta", "notre", "votre", "leur", "le", "la")

// parityWords ask to bring staging in line with production: "back in
// line", "in sync", "iso prod".
var parityWords = setOf("line", "sync", "synced", "parity", "aligned", "align", "realign", "resync", "iso", "synchro", "aligne", "aligner", "realigner")

// slotVerdictWords ask whether a moment is fine: "is thursday 4:30pm ok
// or already too late?", "jeudi 16h30 c'est trop tard ?".
var slotVerdictWords = setOf("ok", "okay", "fine", "late", "tard", "good", "bon", "possible", "allowed", "autorise", "safe", "jouable",
	"acceptable", "eviter", "avoid", "recommande", "recommended", "conseille", "risky", "risque",
	// "jeudi soir 19h on peut ou pas ?", "le 1er mai à 10h on a le droit ?"
	"peut", "droit")

// notWindowWords make a moment's question one of another topic than the
// windows: a meeting, a person's availability, tests, a migration, a
// decision on a deployment.
var notWindowWords = setOf("daily", "standup", "stand-up", "retro", "retrospective", "call", "meeting", "reunion", "point", "demo",
	"demo", "rdv", "dispo", "disponible", "available", "astreinte", "on-call", "oncall", "tests", "test", "ci", "migration", "migrations",
	"base", "db", "database", "approve", "approuver", "approuve", "cancel", "annuler", "annule", "deny", "refuser", "lock", "freeze",
	"geler", "verrouiller", "sera", "will", "etaient", "were", "was", "etait", "rollback", "schedule", "planifie", "programme", "toi",
	"vous", "you", "te", "t", "moi", "me", "voir", "se", "dejeuner", "diner", "manger", "appeler", "parler", "meet", "lunch")

// momentLeads may come before the moment a question opens on: "et lundi
// 14h ?", "what about thursday 5pm?", "is thursday 5:30pm ok?".
var momentLeads = setOf("et", "and", "what", "about", "how", "is", "le", "la", "du", "coup", "alors", "so", "ok", "bon", "ce", "this", "next",
	"sinon", "otherwise", "or", "ou", "plutot", "rather")

// momentOpening returns the moment a question opens on when it asks whether
// that moment will do ("lundi 14h c'est acceptable ou à éviter ?", "is
// thursday 5:30pm acceptable if it's a tiny change?") or names what it
// would ship then ("le 31 décembre à 10h pour la bannière des soldes ?"):
// a day and an hour (or a part of the day), the moment first.
func momentOpening(text string, words []string) (deploybot.Moment, bool) {
	i := 0
	for i < len(words) && i < 3 && momentLeads.has(words[i]) {
		i++
	}
	if i >= len(words) {
		return deploybot.Moment{}, false
	}
	head := strings.Join(words[i:min(i+3, len(words))], " ")
	if _, ok := momentWithDay(head, nil); !ok {
		return deploybot.Moment{}, false
	}
	mo, ok := momentWithDay(text, words)
	if !ok || !(mo.HasDay || mo.Day > 0 || mo.Days > 0) || mo.Hour < 0 {
		return deploybot.Moment{}, false
	}
	if q := strings.IndexAny(text, "?¿"); q >= 0 && strings.TrimSpace(strings.Trim(text[q:], "?¿ ")) != "" {
		return deploybot.Moment{}, false // "tomorrow 9am ok? meanwhile deploy api 2.4.0 to staging": more after the question
	}
	for _, c := range clauses(text)[1:] {
		if imperativeOf(commandLine(c)) != "" || hasActionVerb(wordsOf(c)) || hasRollbackStem(wordsOf(c)) {
			return deploybot.Moment{}, false // "demain 9h c'est bon, déploie api 2.4.0 en prod ?": an order in its own clause
		}
	}
	if slices.ContainsFunc(words, notWindowWords.has) {
		return deploybot.Moment{}, false // "tomorrow 9am ok for the retro?", "demain 9h les tests sont ok ?", "tomorrow 9am fine to approve 42?"
	}
	if slices.ContainsFunc(words, slotVerdictWords.has) {
		return mo, true
	}
	for j := i; j < len(words); j++ {
		if words[j] == "pour" || words[j] == "for" {
			// the words before "pour" all the moment's: "le 31 décembre à 10h pour …"
			_, whole := momentWithDay(strings.Join(words[i:j], " "), nil)
			return mo, whole && j <= i+5
		}
	}
	return deploybot.Moment{}, false
}

// settingPut reports whether words put a setting to a value: "mets la
// stratégie à canary", "passe l'approbation à none".
func settingPut(words []string) bool {
	for i, w := range words {
		if w != "mets" && w != "mettre" && w != "met" && w != "passe" && w != "passer" && w != "put" && w != "switch" {
			continue
		}
		j := i + 1
		for j < len(words) && (words[j] == "la" || words[j] == "le" || words[j] == "l" || words[j] == "the" || words[j] == "sa" || words[j] == "son") {
			j++
		}
		if j < len(words) && settingNouns.has(words[j]) {
			return true
		}
	}
	return false
}

// settingNouns name a setting a message may put to a value.
var settingNouns = setOf("strategie", "strategy", "approbation", "approval", "fenetre", "fenetres", "seuil", "seuils", "canal", "channel",
	"pipeline", "validation", "validations", "confirmation", "threshold", "thresholds")

// rbToldWords tell of a rollback rather than order one after "rb": "rb
// web was a mistake", "rb api hier", "rb api took forever".
var rbToldWords = setOf("was", "were", "is", "est", "a", "hier", "yesterday", "last", "dernier", "derniere", "mistake", "erreur", "took",
	"sucks", "reussi", "done", "fait", "broke", "broken", "friday", "vendredi", "lundi", "monday", "worked", "failed", "echoue")

// plainOrderAfterCard reports whether text, after the bot's card of a
// deployment, orders without asking, negating or doubting: "roll it back",
// "ça part en 502, rb !"; not "rollback?", "rollback not needed", "rb no",
// "rollback is overkill".
//
// Nor an order to someone else ("rollback @bob"), for later ("rollback at
// noon") or for another deployment named by its number ("rollback #89",
// "rollback deployment 85"): the card says nothing of those.
func plainOrderAfterCard(text string) bool {
	if strings.ContainsAny(text, "?¿@") || namesMoment(text, wordsOf(text)) {
		return false
	}
	ws := wordsOf(text)
	for i, w := range ws {
		if isNumber(w) && (strings.Contains(text, "#"+w) || i > 0 && (idBefore.has(ws[i-1]) || rollbackWordsBeforeID.has(ws[i-1]))) {
			return false
		}
	}
	return !slices.ContainsFunc(ws, func(w string) bool {
		return negationWords.has(w) || w == "no" || w == "non" || w == "not" || w == "pas" || slotAnswerDoubts.has(w) || notNeeded.has(w) ||
			cardTalk.has(w)
	})
}

// rollbackWordsBeforeID may stand before a deployment's number, besides
// idBefore's: "rollback 89", "rb 89".
var rollbackWordsBeforeID = setOf("rollback", "rb", "revert")

// cardTalk are words of talk about rollbacks rather than an order: "I
// hate rollbacks", "rollback was a mistake", "rollback is scary".
var cardTalk = setOf("rollbacks", "hate", "love", "deteste", "adore", "mistake", "scary", "yesterday", "hier", "was", "were", "etait")

// notNeeded say an order is not wanted: "overkill", "risky", "useless".
var notNeeded = setOf("needed", "necessaire", "overkill", "risky", "risque", "useless", "inutile", "sert", "excessive", "excessif", "tested",
	"teste", "should", "would", "could")

// restartWords restart or empty a running service: "restart api prod";
// serverWorkWords are those and the other work on a server.
var (
	restartList     = []string{"restart", "redemarrer", "redemarre", "redemarres", "reboot", "rebooter", "bounce", "flush", "purge", "vide", "vider"}
	restartWords    = setOf(restartList...)
	serverWorkWords = setOf(append([]string{"install", "installer", "installe", "configure", "configurer", "relance", "relancer"}, restartList...)...)
)

// thanksWords thank.
var thanksWords = setOf("merci", "thanks", "thank", "thx", "ty", "mrc", "cheers")

// deployCardRe is the bot's card of a deployment, its first line:
// "🚀 Deployment web 3.2.0 (#58) → production", "❌ Déploiement api 2.5.0
// (#63) → production a échoué", or without the environment, which the
// bot's earlier lines on that deployment name ("🚀 Deployment shop v1.2.0
// (#2) ... Status: Done ✅" after "Go: deploy shop v1.2.0 → production
// (#2) started").
var deployCardRe = mustCompile(`^(?:🚀|❌|✅|⚠️|⚠)\s*(?:deployment|deploiement|deploy)\s+([\w.-]+)\s+(v?\d[\w.-]*)\s+(?:\(#(\d+)\)\s*(?:→|->)\s*([\w-]+)|(?:→|->)\s*([\w-]+)\s+\(#(\d+)\)|\(#(\d+)\))`)

// namedDeployRe is a line of the bot that names a deployment's project,
// version, environment and id: "Go: deploy web 3.8.1 → production (#90)
// started", "Confirmed: deploy web 3.8.1 → production (#90) waits…",
// "Deploy web 3.8.1 → production (#90)", in folded text.
var namedDeployRe = mustCompile(`\b(?:deploy|deploiement|deployer|deployment)\s+([\w.-]+)\s+(v?\d[\w.-]*)\s*(?:→|->)\s*([\w-]+)\s*\(#(\d+)\)`)

// cardEnv returns the environment the bot's earlier lines (history, oldest
// first) name for deployment id of project app, version version: the
// latest of its lines that started it or confirmed it ("Go: deploy …",
// "Confirmed: deploy …"), or its plan; "" when none does, or when the
// latest line on it says it never ran or went back (refused, cancelled,
// denied, rolled back).
func cardEnv(history []string, id, app, version string) string {
	for i := len(history) - 1; i >= 0; i-- {
		h := history[i]
		if !strings.Contains(h, "(#"+id+")") || !isBotReply(h) {
			continue
		}
		t := fold(h)
		if cardGoneRe.MatchString(t) {
			return ""
		}
		for _, m := range namedDeployRe.FindAllStringSubmatch(t, -1) {
			if m[4] == id && m[1] == app && m[2] == version {
				return m[3]
			}
		}
	}
	return ""
}

// cardGoneRe is the bot saying, in folded text, that a deployment never
// ran or was undone: "Not started: … is refused", "Cancelled", "denied",
// "rolled back", "annulé", "refusé".
var cardGoneRe = mustCompile(`\b(?:not started|refused|cancelled|canceled|denied|rolled back|rollback of|annule|annulee|refuse|refusee|non lance|pas lance|revenu)\b`)

// planAnswerRe opens a yes or a correction of the bot's plan, in folded
// words.
var planAnswerRe = mustCompile(`^(?:yes|yep|yeah|oui|ouais|ok|go|vas-y|no|non|nope|nan|plutot|rather|actually|en fait|instead|wait|attends)\b`)

// rollbackPlanRe is the plan of a rollback in the bot's alert, in folded
// text: "rollback plan: web 3.2.0 → 3.1.9 on production (#130)", "plan de
// rollback : web 3.2.0 → 3.1.9 sur production".
var rollbackPlanRe = mustCompile(`(?:rollback plan|plan de rollback)\s*:\s*([\w.-]+)\s+(v?\d[\w.-]*)\s*(?:→|->)\s*(v?\d[\w.-]*)\s+(?:on|sur|en)\s+([\w-]+)`)

// botCard returns what a bot's card, the last message of history,
// announces (its environment, when the card names none, from the bot's
// earlier lines on the same deployment): the deployment it
// ran ("🚀 Deployment web 3.2.0 (#58) → production …"), as a deploy, or
// the rollback its alert plans ("🚨 … Rollback plan: web 3.2.0 → 3.1.9 on
// production (#130) …"), as a rollback; the zero request when it is
// neither.
func (r *Router) botCard(history []string) deploybot.Request {
	if len(history) == 0 {
		return deploybot.Request{}
	}
	text := history[len(history)-1]
	m := deployCardRe.FindStringSubmatch(strings.TrimSpace(fold(text)))
	if m == nil {
		if p := rollbackPlanRe.FindStringSubmatch(fold(text)); p != nil && (strings.HasPrefix(text, "🚨") || strings.HasPrefix(text, "⚠")) {
			// "🚨 web 3.2.0 on production: error rate … Rollback plan: web
			// 3.2.0 → 3.1.9 on production (#130) … Confirm?": the
			// rollback the bot planned after its alert.
			app, ok := r.project(p[1])
			env, eok := envWordOf(p[4])
			if ok && eok {
				return deploybot.Request{Kind: deploybot.KindAction, Intent: deploybot.Intent{Route: deploybot.RouteRollback,
					Intent: deploybot.IntentRollback, App: app, Env: env, SubjectApp: app, SubjectEnv: env}}
			}
		}
		return deploybot.Request{}
	}
	envWord := m[4]
	if envWord == "" {
		envWord = m[5] // "🚀 Deployment api v3.2.1 → production (#62)"
	}
	if m[7] != "" {
		if cardGoneRe.MatchString(strings.TrimSpace(fold(text))) {
			return deploybot.Request{} // "🚀 Deployment web 3.8.0 (#91) (rollback of #90) … Status: Rolled back"
		}
		envWord = cardEnv(history[:len(history)-1], m[7], m[1], m[2])
	}
	app, ok := r.project(m[1])
	env, eok := envWordOf(envWord)
	if !ok || !eok {
		return deploybot.Request{}
	}
	return deploybot.Request{Kind: deploybot.KindAction, Intent: deploybot.Intent{Route: r.deployRoute(env), Intent: deploybot.IntentDeploy,
		App: app, Env: env, Version: m[2], SubjectApp: app, SubjectEnv: env}}
}

// inlineOptionRe is an option of the bot's numbered choices: "1.
// staging".
var inlineOptionRe = mustCompile(`(?:^|\s)([1-9])[.)]\s+([a-zA-Z][\w-]*)\b`)

// numberedPick returns the option an answer's number picks among the
// numbered choices the bot's question offers ("Which environment for api?
// 1. staging 2. production").
func numberedPick(text, asked string) (string, bool) {
	t := strings.Trim(strings.TrimSpace(text), ".)")
	if len(t) != 1 {
		// "2 pls", "la 2", "le 1 stp": the number among politeness.
		ws := wordsOf(text)
		for len(ws) > 1 && politeWords.has(ws[len(ws)-1]) {
			ws = ws[:len(ws)-1]
		}
		if len(ws) == 2 && (ws[0] == "la" || ws[0] == "le" || ws[0] == "option") {
			ws = ws[1:]
		}
		if len(ws) == 1 {
			t = ws[0]
		}
	}
	if n := ordinalPicked(text); n != 0 {
		return listedOption(asked, n)
	}
	if len(t) != 1 || t[0] < '1' || t[0] > '9' {
		return "", false
	}
	q := strings.IndexAny(asked, "?？")
	if q < 0 || strings.Contains(asked, "#") {
		return "", false // "Quel déploiement ? #2 (…) ou #3 (…)": ids, not options
	}
	opts := inlineOptionRe.FindAllStringSubmatch(asked[q:], 9)
	if len(opts) < 2 || opts[0][1] != "1" || opts[1][1] != "2" {
		return "", false
	}
	for _, o := range opts {
		if o[1] == t {
			return o[2], true
		}
	}
	return "", false
}

// ordinals are the words that pick an option by its rank; -1 is the
// last.
var ordinals = map[string]int{"first": 1, "1st": 1, "premier": 1, "premiere": 1, "1er": 1, "1ere": 1, "1re": 1,
	"second": 2, "2nd": 2, "deuxieme": 2, "seconde": 2, "2e": 2, "2eme": 2, "third": 3, "3rd": 3, "troisieme": 3, "3e": 3, "3eme": 3,
	"fourth": 4, "4th": 4, "quatrieme": 4, "4e": 4, "4eme": 4, "last": -1} // not "la dernière": the latest version as often

// ordinalFillers may stand around the rank word of a pick: "the first
// one", "la deuxième stp", "le 2e", "ok the last one then".
var ordinalFillers = setOf("the", "le", "la", "l", "one", "option", "choice", "choix", "celle", "celui", "please", "pls", "plz", "stp", "svp",
	"ok", "okay", "alors", "then", "plutot", "rather")

// ordinalPicked returns the rank an answer picks an option by ("the
// first one", "la deuxième", "le 2e", "the last"), -1 for the last, or 0
// when it is not only such a pick.
func ordinalPicked(text string) int {
	if strings.ContainsAny(text, "?¿>`~") || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) {
		return 0
	}
	n := 0
	ws := wordsOf(text)
	for i, w := range ws {
		if k, ok := ordinals[w]; ok && n == 0 {
			if (w == "second" || w == "seconde") && (i == 0 || ws[i-1] != "the" && ws[i-1] != "la" && ws[i-1] != "le") {
				return 0 // "one second", "second please", "seconde": hold on
			}
			n = k
			continue
		}
		if !ordinalFillers.has(w) {
			return 0
		}
	}
	return n
}

// listedOption returns the n-th option (-1: the last) of the plain list
// the bot's question offers after its question mark or its colon: "Which
// environment for the deploy of api 1.3.0? staging, production or uat.",
// "Quel projet ? api (backend) ou web (site, front)", "Quel projet pour
// le rollback ? Je connais : api, web.". Each option is one word (a
// project, an environment, a version); a list of anything else offers no
// option (the bot's ids and numbered choices are read elsewhere).
func listedOption(asked string, n int) (string, bool) {
	q := strings.LastIndexAny(asked, "?？")
	if q < 0 || strings.Contains(asked, "#") || colleagueLineRe.MatchString(asked) {
		return "", false // a colleague's question ("bob: which is riskier? staging or production") is not the bot's
	}
	if b := botTurnOf(asked); b.asks != "project" && b.asks != "env" && b.asks != "version" {
		return "", false
	}
	_, size := utf8.DecodeRuneInString(asked[q:])
	list := strings.TrimSpace(asked[q+size:])
	if list == "" {
		// "Quel environnement pour web v2.2.0 : staging ou production ?"
		c := strings.LastIndex(asked[:q], ":")
		if c < 0 {
			return "", false
		}
		list = asked[c+1 : q]
	} else if c := strings.LastIndex(list, ":"); c >= 0 {
		list = list[c+1:] // "Je connais : api, web."
	}
	var b strings.Builder
	depth := 0
	for _, c := range list {
		switch {
		case c == '(':
			depth++
		case c == ')':
			depth = max(0, depth-1)
		case depth == 0:
			b.WriteRune(c)
		}
	}
	var opts []string
	for _, part := range strings.Split(strings.Trim(strings.TrimSpace(b.String()), "."), ",") {
		ws := strings.Fields(part)
		name := true // a name comes next
		for i, w := range ws {
			if w == "or" || w == "ou" {
				if name && !(i == 0 && len(opts) > 0) { // ", or sandbox"
					return "", false
				}
				name = true
				continue
			}
			if !name || !optionWord(w) {
				return "", false // two words side by side: no list of names
			}
			opts = append(opts, w)
			name = false
		}
		if name {
			return "", false
		}
	}
	if len(opts) < 2 {
		return "", false
	}
	for _, o := range opts {
		switch strings.ToLower(o) {
		case "yes", "no", "oui", "non":
			return "", false // "… ? yes or no": an answer, not an option
		}
	}
	if n == -1 && startsWithDigit(strings.TrimPrefix(strings.ToLower(opts[0]), "v")) {
		return "", false // "the last one" of versions: the latest or the last listed, unclear
	}
	if n == -1 {
		n = len(opts)
	}
	if n < 1 || n > len(opts) {
		return "", false
	}
	return opts[n-1], true
}

// colleagueLineRe is a line a person wrote, their name first: "bob:
// which is riskier? …", "carol : on met quoi ?".
var colleagueLineRe = mustCompile(`(?i)^@?[a-z][a-z0-9._-]{0,20}\s?:\s`)

// optionWord reports whether w may be an option of a list: a name or a
// version, letters, digits, dots, dashes and underscores.
func optionWord(w string) bool {
	for i, c := range w {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '-' || c == '_')) {
			return false
		}
	}
	return w != ""
}

// goLiveNamed reports whether words name a release to production in
// French: "mise(s) en prod", "mise en production", "mise en ligne".
func goLiveNamed(words []string) bool {
	for i := 0; i+2 < len(words); i++ {
		if (words[i] == "mise" || words[i] == "mises") && words[i+1] == "en" &&
			(words[i+2] == "prod" || words[i+2] == "production" || words[i+2] == "ligne") {
			return true
		}
	}
	return false
}

// stagingStepWords name the validation on staging, the step before a
// release: "validate the build before prod" is staging's.
var stagingStepWords = setOf("validate", "validation", "valider", "valide", "build", "builds", "smoke", "uat")

// deployTools are the tools a deployment runs with, by platform.
var deployTools = setOf("argocd", "argo", "flux", "fluxcd", "helm", "kamal", "vercel", "netlify", "heroku", "capistrano", "terraform",
	"ansible", "jenkins", "gitlab-ci", "actions", "github", "gitlab", "spinnaker", "octopus", "k8s", "kubernetes", "docker", "compose",
	"deployer", "envoyer", "forge", "render", "fly", "railway", "cloudflare", "pages", "amplify", "beanstalk", "ecs", "nomad")

// toolChoiceWords ask which of several tools: "ou", "vs", "combo".
var toolChoiceWords = setOf("ou", "or", "vs", "versus", "combo", "lequel", "laquelle", "lesquels", "which", "hesite", "hesitons",
	"recommend", "recommends", "recommended", "recommandes", "recommandez", "conseilles", "conseillez", "mieux", "better", "best",
	"usual", "habituel", "habituelle", "standard", "choisir", "choose", "pick", "plutot", "rather", "compare", "comparer")

// toolMaking are the words of writing, installing or running a tool:
// those questions stay devops'.
var toolMaking = setOf("write", "ecrire", "ecris", "install", "installer", "configure", "configurer", "setup", "monte", "monter",
	"cree", "creer", "create", "provision", "provisionner", "debug", "debugger", "fix", "corriger", "repare", "reparer", "error",
	"erreur", "fails", "plante", "yaml", "yml", "script", "scripts")

// toolChoice reports whether words ask which deployment tools to use:
// two tools named, a word of choosing, none of making or fixing them.
func toolChoice(words []string) bool {
	tools, choice := 0, false
	for _, w := range words {
		switch {
		case toolMaking.has(w):
			return false
		case deployTools.has(w):
			tools++
		case toolChoiceWords.has(w):
			choice = true
		}
	}
	return tools >= 2 && choice
}

// stepNamed reports whether words name a step of the process by its name
// ("the verify step", "l'étape de build").
func stepNamed(words []string) bool {
	for i, w := range words {
		if w != "step" && w != "etape" && w != "stage" {
			continue
		}
		if i > 0 && stepNames.has(words[i-1]) || i+2 < len(words) && (words[i+1] == "de" || words[i+1] == "of") && stepNames.has(words[i+2]) {
			return true
		}
	}
	return false
}

// stepNames are the names of the process's steps.
var stepNames = setOf("build", "test", "tests", "staging", "validate", "validation", "verify", "verification", "monitor",
	"monitoring", "deploy", "deploiement", "surveillance")

// watchedAfter reports whether words ask what to watch after a release.
func watchedAfter(words []string) bool {
	watch, after := false, false
	for _, w := range words {
		switch w {
		case "watch", "watching", "watched", "monitor", "monitoring", "monitorer", "surveiller", "surveille", "surveilles", "surveillez", "surveillons", "surveillance", "metrics", "metriques":
			watch = true
		case "after", "apres", "post-release", "post-deploiement", "post-deploy", "post-deployment", "post-mep":
			after = true
		}
	}
	return watch && after
}

// orchestratorAsked reports whether a question's words ask about the
// release process itself: the pre-release checklist named (not a
// rollback's or staging's), the release notification, the watch after going live, or a step of the
// process, with no environment, strategy or going back named.
func orchestratorAsked(words []string, s slots, topic deploybot.Topic) bool {
	notification := topic == deploybot.TopicNotification && s.app == "" && len(strategiesOf(words)) == 0
	if hasRollbackStem(words) && topic != deploybot.TopicChecklist && !notification || hasFault(words) {
		return false
	}
	if slices.ContainsFunc(words, incidentWords.has) || slices.ContainsFunc(words, failedWords.has) {
		// An incident or a failure is the rollback's, unless the question
		// is about a step of the process named ("our deploys keep failing
		// at the verify step, what's supposed to happen there?") or the
		// watch after a release ("post-mortem prep: what should we have
		// watched after the release?").
		return stepNamed(words) || watchedAfter(words) && (s.env == "" || s.env == deploybot.EnvProduction)
	}
	checklist, watch, after, process, tick, item, how, deploy, order, steps := false, false, false, false, false, false, false, false, false, 0
	why, approval, metric, day := false, false, false, false
	for i, w := range words {
		switch w {
		case "checklist", "check-list", "checklists":
			checklist = topic == deploybot.TopicChecklist && !nearWord(words, i, 2, checklistElsewhere.has)
		case "watch", "watching", "watched", "monitor", "monitoring", "monitorer", "surveiller", "surveille", "surveilles", "surveillez", "surveillons", "surveillance", "observe", "observer", "seuil",
			"seuils", "threshold", "thresholds", "dashboard", "dashboards", "eye", "numbers", "rate", "taux", "kpi", "kpis":
			watch = true // "what numbers should I keep an eye on", "what error rate counts as bad"
		case "after", "apres", "post", "post-release", "post-deploiement", "post-deploy", "post-deployment", "post-mep", "once", "done":
			after = true // "once the release is out", "the api deploy is done"
		case "process", "processus", "etape", "etapes", "step", "steps":
			process = true
		case "tick", "cocher", "coche", "ticked":
			tick = true
		case "item", "items", "point", "case":
			item = true
		case "order", "ordre", "sequence", "enchainement", "chronologie":
			order = true
		case "why", "pourquoi":
			why = true
		case "vendredi", "friday", "fridays", "samedi", "saturday", "dimanche", "sunday", "weekend", "week-end", "veille", "veilles",
			"ferie", "feries", "holiday", "holidays":
			day = true
		case "approval", "approvals", "approbation", "approbations", "approved", "approuve", "approuvee", "approve":
			approval = true
		case "dora", "frequence", "frequency", "mttr", "lead", "chiffre", "chiffres", "figures", "metrics", "metriques":
			metric = true
		case "comment", "how":
			how = how || i == 0
		case "build", "builds", "tests", "test", "staging", "recette", "validation", "valider", "verify", "verification",
			"review", "revue", "deploy", "deploiement":
			steps++
		}
		if len(w) >= 8 && w != "checklist" && distance(w, "checklist") <= 2 && topic == "" {
			checklist = true // "chekclist avant MEP"
		}
		deploy = deploy || deployVerbs.has(w) || w == "deploie" || w == "deployer" || w == "deploy"
	}
	switch {
	case checklist || notification || tick && item:
		return true
	case watch && after:
		return s.env == "" || s.env == deploybot.EnvProduction
	case approval && why && s.env == "":
		return true // "pourquoi ma demande attend une approbation ?"
	case day && why && s.app == "":
		return true // "pourquoi on ne met jamais en prod le vendredi aprem ?": the windows'

	case metric && (how || why) && s.env == "" && s.app == "":
		return true // "comment on lit le chiffre de 'fréquence de déploiement' ?"
	case steps >= 3 && order:
		return s.app == "" // "in which order do build, tests, staging and validation happen?"
	case process:
		return s.env == "" && len(strategiesOf(words)) == 0
	case how && deploy && len(words) <= 6:
		// "comment on déploie, en gros ?": the process, when nothing
		// more is named.
		return s.env == "" && s.app == "" && len(strategiesOf(words)) == 0
	}
	return false
}

// failedWords tell a release that went wrong: "un déploiement raté".
var failedWords = setOf("rate", "ratee", "failed", "echoue", "echouee", "foire", "foiree")

// checklistElsewhere make a checklist that of another step: "la
// checklist de rollback", "the staging checklist".
var checklistElsewhere = setOf("rollback", "rollbacks", "revert", "retour", "staging", "preprod", "pre-prod", "recette", "qa", "uat")

// nearWord reports whether a word within n places of words[i] satisfies f.
func nearWord(words []string, i, n int, f func(string) bool) bool {
	for j := max(0, i-n); j <= min(len(words)-1, i+n); j++ {
		if j != i && f(words[j]) {
			return true
		}
	}
	return false
}

// commandAsked reports whether a question asks for a command of a
// server's tool: "c'est quoi la commande docker compose ?", "which
// kubectl command restarts the pods?".
func commandAsked(words []string) bool {
	command, tool, server, byHand := false, false, false, false
	for i, w := range words {
		switch w {
		case "commande", "commandes", "command", "commands", "cli":
			command = true
		case "docker", "compose", "docker-compose", "kubectl", "ssh", "helm", "rsync", "systemctl", "scp", "git", "npm", "composer", "artisan", "make":
			tool = true
		case "serveur", "server", "serveurs", "servers", "vps", "machine":
			server = true
		case "manually", "manuellement":
			byHand = true
		case "main", "hand":
			byHand = byHand || i > 0 && (words[i-1] == "la" || words[i-1] == "by")
		}
	}
	// "je dois lancer le déploiement à la main sur le serveur, la
	// commande c'est quoi ?": a command run by hand on a server.
	return command && (tool || server && byHand)
}

// dataWords name what a database locks: "without locking the table".
var dataWords = setOf("table", "tables", "row", "rows", "db", "database", "bdd", "base", "schema", "migration", "migrations", "ligne", "lignes")

// approvalTalk are the words of approvals: who approves, four-eyes.
var approvalTalk = setOf("approving", "approver", "approvers", "approbateur", "approbateurs", "four-eyes", "approval", "approvals",
	"approbation", "approbations")

// lockTalk are the words of locks and freezes.
var lockTalk = setOf("verrou", "verrous", "verrouille", "verrouillee", "verrouiller", "lock", "locks", "locked", "locking", "unlock",
	"deverrouille", "deverrouiller", "gel", "gels", "gele", "gelee", "geler", "freeze", "freezes", "frozen", "degel", "degeler", "unfreeze", "unlocked", "unlocking", "unfrozen", "debloque", "debloquee", "debloquer", "deverrouillee", "degele", "degelee")

// talkRoute is the route of talk about an order: a decision, a lock or a
// freeze the orchestrator's, going back the rollback's, a deploy its
// environment's.
func (r *Router) talkRoute(words []string, s slots) (deploybot.Route, bool) {
	deploy, back := false, false
	for _, w := range words {
		if handOffDirection.has(w) || handOffDevops.has(w) {
			return "", false // "on devrait avoir une règle commune à toute l'agence pour les MEP"
		}
	}
	decision := false
	for i, w := range words {
		if strings.HasPrefix(w, "annul") && i+2 < len(words) && ownDeterminers.has(words[i+1]) && (strings.HasPrefix(words[i+2], "deploi") || words[i+2] == "mep") {
			return deploybot.RouteOrchestrator, true // "Léa va annuler son déploiement de l'api": a cancel told
		}
		if _, ok := stemOf(w, decisionStems); ok && (!rollbackVerbs.has(w) || hasID(words)) {
			if !strings.HasPrefix(w, "valid") {
				return deploybot.RouteOrchestrator, true // "faut pas annuler le 56", "carol approuvera la MEP"
			}
			decision = true // "le client valide"
		}
		if _, ok := lockVerbs[w]; ok || lockish(w) || unlockish(w) || strings.HasPrefix(w, "rappel") || strings.HasPrefix(w, "reminder") {
			return deploybot.RouteOrchestrator, true // "la prod est verrouillée pour la migration", "don't delete reminder 2"
		}
		if hasRollbackStem([]string{w}) && w != "back" && w != "old" && w != "previous" || w == "rolled" || w == "reverted" {
			back = true
		}
		if deployVerbs.has(w) || participles.has(w) || strings.HasPrefix(w, "deplo") || w == "mep" {
			deploy = true
		}
	}
	if decision && (!deploy || s.env == "" || hasID(words)) {
		// Not "on déploiera le backend en prod jeudi si le client
		// valide": a deploy to an environment told, which a client's or a
		// tester's validation waits for, is that deploy's talk.
		return deploybot.RouteOrchestrator, true
	}
	switch {
	case back || hasFault(words):
		return deploybot.RouteRollback, true
	case deploy && s.env != "":
		return r.deployRoute(s.env), true
	}
	return "", false
}

// lockish reports whether w is a form of locking or freezing: "verrouillée",
// "bloqué", "gelée", "locked", "frozen".
func lockish(w string) bool {
	for _, p := range []string{"verrouill", "bloqu", "gele", "gelee", "lock", "freez", "froze"} {
		if strings.HasPrefix(w, p) && !strings.HasPrefix(w, "unlock") && !strings.HasPrefix(w, "debloqu") {
			return true
		}
	}
	return false
}

// unlockish reports whether w is a form of unlocking or of lifting a
// freeze: "unlocked", "débloquée", "déverrouillé", "unfrozen", "dégelée".
func unlockish(w string) bool {
	for _, p := range []string{"unlock", "debloqu", "deverrouill", "unfreez", "unfroze", "degel"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// hasID reports whether words hold a number that may be a deployment's.
func hasID(words []string) bool {
	for _, w := range words {
		if w != "" && len(w) <= 6 && strings.Trim(w, "0123456789") == "" {
			return true
		}
	}
	return false
}

// ordersSomething reports whether words hold an order's word.
func ordersSomething(words []string) bool {
	for _, w := range words {
		if orderish(w) || participles.has(w) || lockish(w) {
			return true
		}
	}
	return false
}

// firstWord returns words[0], or "".
func firstWord(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return words[0]
}

// unknown turns req into a request not understood, with the closest things
// the bot can do.
func (r *Router) unknown(req deploybot.Request) deploybot.Request {
	lang := req.Lang
	req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: lang, Confidence: req.Confidence}
	req.Kind = deploybot.KindUnknown
	req.Alternatives = r.suggestions(req.Text, lang) // suggest.go
	return req
}

// setArg sets argument k of req.
func setArg(req *deploybot.Request, k, v string) {
	if req.Args == nil {
		req.Args = map[string]string{}
	}
	req.Args[k] = v
}

// parse is a message being parsed.
type parse struct {
	r   *Router
	raw string // as written, without the deploy options
	// m is the whole message normalised, and words its words as Words
	// gives them: computed once for the rules that read them. The copies
	// commandOf makes for a clause keep the whole message's.
	m     message
	words []string
	line  string           // folded, for matching
	in    deploybot.Intent // what the model and the slot rules found
	// typoFixed is set once the first word was corrected (typoCommand).
	typoFixed bool
	// skipped is how many times the command rules dropped what the
	// message opens with to read this line, its rest (maxSkippedClauses).
	skipped int
}

// commandLine folds text like the router reads it, keeping the words'
// order, "#12" read as "12" and ":" and "=" kept as words.
//
// The rules ask it of the same texts again and again (the message, its
// clauses, their heads and tails): it is remembered (textMemo), 1.9
// calls a message for 1.1 distinct texts on BenchmarkParse's set.
func commandLine(text string) string {
	countRead(len(text))
	return commandLines.get(text, foldCommandLine)
}

var commandLines textMemo[string]

// foldCommandLine is commandLine, computed.
func foldCommandLine(text string) string {
	text = clean(commandSeparators.Replace(withoutEmojiCodes(text)))
	var b strings.Builder
	b.Grow(len(text))
	n := 0
	scan(text, func(raw string, _ bool) { // strings.Join(Words(text), " ") without the words' slice
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fold(raw))
		n++
	}, nil)
	return b.String()
}

var commandSeparators = strings.NewReplacer("=", " = ", ":", " : ", "#", " ")

// withoutEmojiCodes is text without the Slack emoji codes of a yes or a
// no (":+1:", ":-1:", ":thumbsup:", ":x:", ":skin-tone-2:"): the
// command line splits at colons, and "yes :+1:" read "yes 1", the
// confirmation of plan #1 instead of the plan asked about.
func withoutEmojiCodes(text string) string {
	if strings.IndexByte(text, ':') < 0 {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		if text[i] == ':' {
			if j := strings.IndexByte(text[i+1:], ':'); j > 0 {
				code := text[i+1 : i+1+j]
				if code == "+1" || code == "-1" || strings.HasPrefix(code, "skin-tone-") || code != "rocket" && (agreeingCodes.has(code) || noCodes.has(code)) {
					b.WriteByte(' ')
					i += j + 2
					continue
				}
			}
		}
		b.WriteByte(text[i])
		i++
	}
	return b.String()
}

// lineOf is commandLine(text) from words, the words of normalize(text):
// the same words joined when text holds no separator. A profile of Parse
// showed each message cleaned and scanned once more for its line.
func lineOf(text string, words []string) string {
	if strings.ContainsAny(text, "=:#") {
		return commandLine(text)
	}
	return strings.Join(words, " ")
}

// unwrapCode returns the command inside a message that is one code span
// and nothing else ("`rollback api production`", a fenced block): the
// person typed the command in Slack's code style. A code span among other
// words quotes the command, and stays (hedge.go).
func unwrapCode(text string) string {
	for _, fence := range []string{"```", "`"} {
		if len(text) > 2*len(fence) && strings.HasPrefix(text, fence) && strings.HasSuffix(text, fence) &&
			strings.Count(text, "`") == 2*len(fence) {
			return strings.TrimSpace(text[len(fence) : len(text)-len(fence)])
		}
	}
	return text
}

// sanitizeKeepLines drops control characters but keeps line breaks.
func sanitizeKeepLines(text string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r == '？' {
			return '?' // a full-width question mark asks as well
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(text, "\uFFFD"))
}

// flags are the options of a deploy order.
type flags struct {
	yes, wait, force bool
	forceReason      string
}

var forceRe = mustCompile(`(?:^|\s)--force(?:[= ]+(?:"([^"]*)"|'([^']*)'|“([^”]*)”|(\S+)))?`)

// negatedFlagRe is a deploy option said not to be used: "without
// --force", "(don't use --force)", "no --yes", "sans --force": the
// option's words are dropped and the option is not set.
var negatedFlagRe = mustCompile(`(?i)(?:\bwithout|\bsans|\bno|\bpas\s+de|\bdon'?t\s+(?:use|add|pass)|\bnever\s+use|\bn'utilise\s+pas)\s+(?:the\s+|le\s+|l')?(?:--force|--yes|-y|--wait)\b(?:[= ]+(?:"[^"]*"|'[^']*'))?`)

// splitFlags strips --yes, -y, --wait and --force "reason" from text.
func splitFlags(text string) (string, flags) {
	var f flags
	text = negatedFlagRe.ReplaceAllString(text, " ")
	if m := forceRe.FindStringSubmatch(text); m != nil {
		f.force, f.forceReason = true, m[1]+m[2]+m[3]+m[4]
		text = forceRe.ReplaceAllString(text, " ")
	}
	if strings.Contains(text, " --wait") {
		f.wait = true
		text = strings.ReplaceAll(text, " --wait", "")
	}
	for _, y := range []string{"--yes", "-y"} {
		if t := strings.TrimSpace(text); strings.HasSuffix(t, " "+y) {
			f.yes = true
			text = strings.TrimSuffix(t, y)
		}
	}
	return strings.TrimSpace(text), f
}

// amountRe is a number with its unit: "0€", "5%", "1,5k€", "300ms".
var amountRe = mustCompile(`^[0-9]+(?:[.,][0-9]+)?(?:k|m)?(?:€|%|£|‰|ms|s|sec|min|h|x|eur)$|^[0-9]+,[0-9]+k?$`) // "x 2,4k" (a French decimal: no version has a comma)

// unsafeWord finds a word that holds shell syntax ("v1;rm", "$(id)") or
// starts like a version but holds characters no version has: such a
// request is refused whole.
func unsafeWord(text string) (string, bool) {
	text = stripSlackMarkup(text) // links as their labels: "<https://…|incident 231>"
	prev, prev2 := "", ""
	for w := range strings.FieldsSeq(text) {
		since := prev == "since" || prev == "depuis" || (prev == "the" || prev == "la" || prev == "le") && (prev2 == "since" || prev2 == "depuis")
		prev, prev2 = strings.ToLower(w), prev
		if since && isDateTime(strings.TrimRight(w, ",.!?);:")) {
			continue // "errors since 10:05", "depuis 18:05", "since the 10:00 release": the time a fault started
		}
		// Slack's markup around a word (`v1.8.3`, **3.3.1**), a link, an
		// arrow ("->") or a reason's "R&D" or "staging;" are no shell
		// syntax: a usability review found such real orders refused.
		if strings.Contains(w, "://") || strings.HasPrefix(w, "<http") || strings.HasPrefix(w, "<mailto") {
			continue
		}
		w = strings.Trim(w, "`*_~")
		core := strings.TrimRight(strings.TrimLeft(w, "(\"'«“"), ",.!?);:\"'»”")
		if strings.Contains(core, "$(") || strings.Contains(core, "${") || strings.Contains(core, "`") ||
			strings.ContainsAny(core, ";|&$<>\\") && strings.ContainsAny(core, "0123456789") {
			return w, true
		}
		w = strings.TrimRight(w, ",.!?)")
		if w == "" || !(w[0] >= '0' && w[0] <= '9' || (w[0] == 'v' || w[0] == 'V') && len(w) > 1 && w[1] >= '0' && w[1] <= '9') {
			continue
		}
		if amountRe.MatchString(w) {
			continue // "les prix s'affichent à 0€", "5% d'erreurs": an amount, no version (the rollback was refused)
		}
		for _, r := range w {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._+-/", r)) {
				return w, true
			}
		}
	}
	return "", false
}

// Clauses are cut at punctuation followed by spaces, a dash between
// spaces, line breaks, or exclamation marks that end the text: the
// matches, leftmost first, of `[,;:.!]+\s+|\s+[-–—]\s+|\n+|[!]+$`.
// They are found by a scan of the bytes: the regexp, run on every message
// (commandOf looks for a first clause), took 6 % of route --jsonl's CPU.

// rbShortOrder reports whether rest, what follows a rollback's short
// name in text, leaves it an order: not asked, told, doubted, negated or
// put off ("rb web was a mistake", "rb api prod, already rolled back",
// "rbck api prod next time", "prod is down, rbk api prod?"), an incident
// told after it does ("rb api prod asap, on a des 500 partout").
func (r *Router) rbShortOrder(text, rest string) bool {
	first := firstClause(rest)
	return !strings.ContainsAny(text, "?¿") && !laterMoment(first) && !nextTimeRe.MatchString(commandLine(first)) && !slices.ContainsFunc(wordsOf(first), func(w string) bool {
		return negationWords.has(w) || slotAnswerDoubts.has(w) || faultWords.has(w) || rbToldWords.has(w) || pastMoments.has(w)
	}) && r.orderTailHolds(rest)
}

// nextTimeRe puts an order off to another occasion: "next time", "la
// prochaine fois".
var nextTimeRe = mustCompile(`\b(?:next time|la prochaine fois|prochaine fois|une autre fois|another time|some other time)\b`)

// leadTakesBack reports whether the clause before an order takes it
// back or dates it in the past: "non, rbck api prod", "yesterday, rlbk
// api prod".
func (r *Router) leadTakesBack(lead string) bool {
	ws := wordsOf(lead)
	k := r.tailOf(lead)
	return takesBack(ws) || slices.ContainsFunc(ws, pastMoments.has) || len(ws) > 0 && (ws[len(ws)-1] == "no" || ws[len(ws)-1] == "non") ||
		k == tailTakesBack || len(ws) <= 2 && k == tailAsks || slices.ContainsFunc(ws, func(w string) bool {
		return doneParticiples.has(w) && w != "ok" || w == "did" || w == "done" || len(ws) <= 2 && (hedgeWords.has(w) || tailHedges.has(w))
	}) // "c'est fait, rbck api prod", "maybe, rbk api prod"; not "ça marche pas, rb api prod", an incident
}

// orderTailHolds reports whether the clauses after the first of text
// leave its order given: an incident told ("…, on a des 500 partout")
// does; a take-back, a question, a deferral does not ("rb api prod,
// already rolled back", "rbk api prod, not needed anymore", "…, should
// we").
func (r *Router) orderTailHolds(text string) bool {
	_, j, ok := clauseBreak(text)
	if !ok {
		return true
	}
	k := r.tailOf(strings.TrimSpace(text[j:]))
	return k != tailTakesBack && k != tailAsks && !doneReport(strings.TrimSpace(text[j:])) && r.orderTailHolds(text[j:])
}

// firstClause returns s up to its first clause break: in "rb api prod
// asap, on a des 500 partout" the incident told after the order is no
// report of the rollback.
func firstClause(s string) string {
	if i, _, ok := clauseBreak(s); ok {
		return s[:i]
	}
	return s
}

// clauseBreak returns the first clause break of s, from i to j; ok is
// false when s has none.
func clauseBreak(s string) (i, j int, ok bool) {
	for i := 0; i < len(s); i++ {
		if !mayBreakAt(s, i) {
			continue
		}
		if j := clauseBreakAt(s, i); j > i {
			return i, j, true
		}
	}
	return 0, 0, false
}

// clauseBreakBytes are the bytes a clause break may start with
// (clauseBreakAt): clauseBreak and clauses call clauseBreakAt only at
// them, not at every letter (a profile of Parse put 2 % of its CPU in
// those calls, clauseBreak being asked about 5 times a message).
var clauseBreakBytes = newByteSet(",;:.! \t\n\f\r")

// mayBreakAt reports whether a clause break may start at byte i of s: at
// one of clauseBreakBytes, and at a space other than a line break only
// when a space or a dash ("-", or the first byte of "–" and "—") follows
// it, for clauseBreakAt finds no break at the other spaces (it looks for
// spaces, a dash, spaces). A message's words are one space apart: cachegrind
// of Parse over the bench's lines put 1.4 % of its instructions in
// clauseBreakAt, called at every space (issue 19). TestMayBreakAt checks
// that clauseBreakAt finds nothing where mayBreakAt says no.
func mayBreakAt(s string, i int) bool {
	switch c := s[i]; c {
	case ' ', '\t', '\f', '\r':
		return i+1 < len(s) && spaceOrDash.has(s[i+1])
	default:
		return clauseBreakBytes.has(c)
	}
}

// spaceOrDash are the bytes that may follow a space that starts a clause
// break.
var spaceOrDash = newByteSet(" \t\n\f\r-\xe2")

// clauses cuts s into clauses: n breaks give n+1 clauses, the text
// before the first break, between breaks and after the last one, empty
// ones included (regexp.Split's way).
//
// The slice is shared (textMemo): the rules ask it of the same texts
// again and again (2.1 calls a message for 0.8 distinct texts on
// BenchmarkParse's set, a tenth of its allocations). Its capacity is its
// length, so that an append copies it.
func clauses(s string) []string {
	countRead(len(s))
	return clauseMemo.get(s, splitClauses)
}

var clauseMemo textMemo[[]string]

// splitClauses is clauses, computed.
func splitClauses(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		if !mayBreakAt(s, i) {
			i++
			continue
		}
		j := clauseBreakAt(s, i)
		if j == i {
			i++
			continue
		}
		out = append(out, s[start:i])
		start, i = j, j
	}
	out = append(out, s[start:])
	return out[:len(out):len(out)]
}

// clauseBreakAt returns the end of the clause break that starts at byte
// i of s, or i when none starts there.
func clauseBreakAt(s string, i int) int {
	switch c := s[i]; c {
	case ',', ';', ':', '.', '!':
		j := i
		for j < len(s) && strings.IndexByte(",;:.!", s[j]) >= 0 {
			j++
		}
		if k := skipSpaces(s, j); k > j {
			return k
		}
		if c == '!' {
			j = i
			for j < len(s) && s[j] == '!' {
				j++
			}
			if j == len(s) {
				return j
			}
		}
	case ' ', '\t', '\n', '\f', '\r':
		j := skipSpaces(s, i)
		if k := skipDash(s, j); k > j {
			if l := skipSpaces(s, k); l > k {
				return l
			}
		}

		if c == '\n' {
			j = i
			for j < len(s) && s[j] == '\n' {
				j++
			}
			return j
		}
	}
	return i
}

// skipSpaces returns the end of the spaces (a regexp's \s) that start at
// byte i of s.
func skipSpaces(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\f', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// emojiStops returns s with a pictograph between an incident and an
// order made a full stop: "prod is on fire 🔥 roll back the api", "users
// can't log in 🔥 roll back web prod" read as with a comma. Only the
// first pictograph, after words that tell a fault and nothing else (no
// question, no negation, no moment, no order), before one plain clause;
// s itself otherwise ("how do I 💀 rollback api prod", "this morning 🔥
// rollback api prod, all good now", "roll back the api 🙏 @bob will do
// it": an attack had them act).
func (r *Router) emojiStops(s string) string {
	if strings.IndexByte(s, 0xf0) < 0 || strings.ContainsAny(s, "?¿@") {
		return s
	}
	i, k, ok := pictographGap(s)
	if !ok {
		return s
	}
	head, tail := s[:i-1], strings.TrimSpace(s[k:])
	if !incidentOnly(wordsOf(head)) {
		return s
	}
	if _, _, ok := clauseBreak(tail); ok || skipEmojiAnywhere(tail) || !r.bareOrder(tail) {
		return s // the order then more: "… roll back the api — bob's idea", "… roll back the api won't help"
	}
	return head + ". " + tail
}

// pictographGap finds the first pictograph of s, from i to k, with a
// space before it and after it; ok is false when the first one is not so
// placed or s has none.
func pictographGap(s string) (i, k int, ok bool) {
	for i = 1; i < len(s); i++ {
		if s[i-1] != ' ' {
			continue
		}
		if k = skipEmoji(s, i); k > i {
			return i, k, k < len(s) && s[k] == ' '
		}
	}
	return 0, 0, false
}

// incidentOnly reports whether ws tell a fault and nothing else: "prod
// is on fire", "users can't log in", "les clients ne peuvent plus payer".
func incidentOnly(ws []string) bool {
	fault := false
	for i, w := range ws {
		next := wordAt(ws, i+1)
		switch {
		case faultWords.has(w) || w == "fire" || w == "feu":
			fault = true
		case (w == "can" || w == "could") && (next == "t" || next == "not"), w == "cannot", w == "cant", w == "couldnt":
			fault = true // "users can't log in"
		case (w == "ne" || w == "n") && (next == "peuvent" || next == "peut" || next == "marche" || next == "repond" || next == "fonctionne"):
			fault = true // "ils ne peuvent plus payer"
		case w == "t" && i > 0 && (ws[i-1] == "can" || ws[i-1] == "could"):
		case notIncidentWords.has(w) || isActionWord(w) || hasRollbackStem([]string{w}) || negationWords.has(w) || w == "t":
			return false // not "prod isn't down", "prod ain't broken"
		}
	}
	return fault
}

// bareOrder reports whether text is an order and nothing else: its verb,
// what it acts on, where, a version, a please or a now ("roll back the
// api", "rollback api prod stp"; not "roll back the api won't help", "…
// tomorrow", "… is step 1").
func (r *Router) bareOrder(text string) bool {
	ws := wordsOf(text)
	if len(ws) == 0 || !isActionWord(ws[0]) && !hasRollbackStem(ws[:1]) && ws[0] != "roll" && ws[0] != "on" {
		return false
	}
	unknown := 0
	for _, w := range ws {
		switch {
		case isActionWord(w), hasRollbackStem([]string{w}), w == "roll" || w == "back" || w == "on" || w == "revient" || w == "arriere",
			bareOrderWords.has(w), pleaseWords.has(w), nowWords.has(w), isEnvWord(w), versionToken(w) != "", r.projectWord(w):
		case r.unknownName(w) && unknown == 0:
			unknown++ // a project the configuration lacks: the bot names it
		default:
			return false
		}
	}
	return true
}

// bareOrderWords may stand in a bare order between its verb and its
// target.
var bareOrderWords = setOf("the", "le", "la", "l", "les", "du", "de", "des", "d", "en", "to", "on", "in", "sur", "vers", "a", "au", "it",
	"that", "version", "previous", "precedente", "precedent", "avant", "last", "good", "derniere", "bonne", "please", "asap", "vite")

// skipEmojiAnywhere reports whether s holds a pictograph.
func skipEmojiAnywhere(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xe2 && skipEmoji(s, i) > i {
			return true
		}
	}
	return false
}

// notIncidentWords make the words before a pictograph something else than
// an incident told now: a question, a moment, a report, a hypothesis.
var notIncidentWords = setOf("how", "should", "do", "does", "did", "est-ce", "comment", "pourquoi", "why", "can", "could", "would",
	"before", "after", "instead", "avant", "apres", "lieu", "when", "quand", "if", "si", "record", "never", "jamais", "morning", "matin",
	"hier", "yesterday", "last", "derniere", "dernier", "earlier", "ago", "button", "bouton", "step", "etape", "message", "test", "was",
	"were", "etait", "said", "dit", "says", "maybe", "peut-etre", "week", "semaine", "friday", "vendredi", "lundi", "monday", "not", "pas",
	"meme", "maintenance", "exercice", "exercise", "drill", "fake", "thinks", "pense", "hypothetically", "hypothetiquement", "quiz")

// skipEmoji returns the end of the pictographs (with their skin tones,
// joiners and variation selectors) that start at byte i of s, or i when
// none does.
func skipEmoji(s string, i int) int {
	start := i
	for i < len(s) && s[i] >= utf8.RuneSelf {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0x1F300 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF:
		case (r == 0x200D || r == 0xFE0F) && i > start:
		default:
			return i
		}
		i += n
	}
	return i
}

// skipDash returns the end of the dash ("-", "–" or "—") at byte i of s,
// or i when there is none.
func skipDash(s string, i int) int {
	switch {
	case i < len(s) && s[i] == '-':
		return i + 1
	case strings.HasPrefix(s[i:], "–"), strings.HasPrefix(s[i:], "—"):
		return i + len("–")
	}
	return i
}

// clauseOrder finds an order given after a situation, in one clause of a
// message that reads as a whole as a statement ("shop is down in prod since
// the last deploy, roll it back please", "URGENT: payments 500s since
// 3.1.0, revert it now"): the clause's action, with the project and
// environment the message names. A message that asks ("?") or says not to
// act holds no order.
func (r *Router) clauseOrder(text string, whole slots) (deploybot.Intent, bool) {
	if whole.negated {
		return deploybot.Intent{}, false
	}
	cs := clauses(r.emojiStops(strings.TrimSpace(text)))
	if len(cs) < 2 {
		return deploybot.Intent{}, false
	}
	if strings.Contains(text, "?") && !requestAsked(cs[len(cs)-1]) && !requestAsked(strings.SplitN(text, "?", 2)[0]) {
		// "tu peux faire un rollback de l'api en prod ? elle renvoie des
		// 500": the request before its question mark, a reason after.
		return deploybot.Intent{}, false
	}
	which, whichRead := false, false // whether the whole asks which, read once (not once a clause: "déploies, " x n read it n times)
	asks := func() bool {
		if !whichRead {
			which, whichRead = asksWhich(commandLine(text)), true
		}
		return which
	}
	for i := len(cs) - 1; i >= 0; i-- {
		c := strings.TrimSpace(cs[i])
		if c == "" {
			continue
		}
		a := r.analyze(c)
		in := r.intentOf(a) // the message's language is the whole's
		if cl := commandLine(c); backRe.MatchString(cl) {
			in.Intent, in.Confidence = deploybot.IntentRollback, max(in.Confidence, 0.6)
		} else if v := imperativeOf(cl); v != "" && !in.Intent.IsAction() && !asks() {
			// "sorry 😬 roll back the api there": a clause that opens
			// with the verb of an order, after a politeness, orders it
			// whatever the model makes of its other words.
			in.Intent, in.Confidence = v, max(in.Confidence, 0.6)
		}
		requested := i == len(cs)-1 && !in.Intent.IsAction() && requestAsked(c) && hasRollbackStem(a.words) && rollbackAsked(text)
		if requested {
			// "le site affiche une page blanche en production, pouvez-vous
			// faire un rollback ?": the incident told, then the rollback
			// asked of the bot.
			in.Intent, in.Confidence = deploybot.IntentRollback, max(in.Confidence, 0.6)
		}
		if !in.Intent.IsAction() || in.Confidence < 0.3 || in.Intent == deploybot.IntentRollback && rollbackOnlyNamed(a.words) {
			continue // not "yes, the rollback plan is ready"
		}
		m, cs := a.m, a.s
		if cs.negated || len(m.tokens) == 0 || !requested && !orderStart(m) && imperativeOf(commandLine(c)) == "" {
			continue
		}
		app := cs.app
		if app == "" {
			app = whole.app
		}
		if app == "" && in.Intent != deploybot.IntentRollback {
			// A rollback ordered after its incident is an order even when
			// the message names no project ("checkout is down in prod since
			// the release, roll back!"): the bot asks which one. A deploy
			// said so needs its project to be one.
			continue
		}
		env := cs.env
		if env == "" {
			env = whole.env
		}
		version := cs.version
		if version == "" && whole.version != "" && len(whole.versions) <= 1 && slices.ContainsFunc(wordsOf(c), pronouns.has) {
			// "QA says the bug is fixed in 1a2b3c4, put that on staging
			// for web": the version the clause points back to.
			version = whole.version
		}
		out := deploybot.Intent{Intent: in.Intent, App: app, Env: env, Version: version, Lang: r.lang(normalize(text)),
			Confidence: max(in.Confidence, 0.6), SubjectApp: app, SubjectEnv: env, BadVersion: in.BadVersion}
		if strings.EqualFold(out.Version, "latest") {
			out.Version = ""
		}
		if out.Intent == deploybot.IntentRollback {
			out.Route = deploybot.RouteRollback
		} else {
			out.Route = r.deployRoute(env)
		}
		return out, true
	}
	return deploybot.Intent{}, false
}

// handOff reports whether words name what devops or technical leadership
// own: "can we write an official agency policy on friday deploys?" asks
// for a rule, not for a verdict on Friday.
func handOff(words []string) bool {
	for _, w := range words {
		if w == "write" || w == "ecrire" || w == "policy" || w == "politique" || w == "agency" || w == "agence" || w == "official" ||
			w == "officielle" || w == "standard" || w == "script" || w == "pipeline" {
			return true
		}
	}
	return false
}

// timingAsked reports whether words ask when to deploy: "a good time", "a
// bad time", "right now", "quel créneau", "which window", "quel jour".
func timingAsked(words []string) bool {
	for _, w := range words {
		// The agency's rule on windows is technical leadership's; when a
		// strategy switches traffic, production's.
		if handOffDirection.has(w) || w == "define" || w == "standardiser" || w == "blue-green" || w == "canary" || w == "rolling" || w == "recreate" || w == "blue" || w == "bascule" ||
			(w == "trafic" || w == "traffic") && !slices.ContainsFunc(words, quietTraffic.has) {
			return false
		}
	}
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch {
		case (w == "good" || w == "bad" || w == "right" || w == "best" || w == "bon" || w == "bonne" || w == "meilleur") &&
			(next == "time" || next == "moment" || next == "window" || next == "creneau" || next == "jour" || next == "day"):
			return true
		case w == "creneau" || w == "creneaux" || w == "fenetre" || w == "fenetres" || w == "window" || w == "windows":
			return true
		case (w == "quel" || w == "which" || w == "what") && (next == "jour" || next == "day" || next == "time" || next == "heure" || next == "moment"):
			return true
		}
	}
	return false
}

// quietTraffic say how much traffic there is at a moment: "Sunday night
// when traffic is low, good moment for a release?" asks when, not how a
// strategy moves the traffic.
var quietTraffic = setOf("low", "lower", "quiet", "calm", "faible", "calme", "bas", "peak", "pic", "heavy", "fort", "creux")

// periodWords name a period of the calendar a deploy may fall in: "on
// peut mettre l'api en prod pendant la paie du client ?".
var periodWords = setOf("paie", "payroll", "soldes", "sales", "black", "noel", "christmas", "fetes",
	"holidays", "vacances", "semaine", "week", "weekend", "week-end", "ferie", "feries")

// askedNow ask about the moment of asking: "can I push to prod now or is
// it too late?".
var askedNow = setOf("now", "maintenant", "late", "tard", "today", "aujourd", "tonight", "soir", "rn")

// windowWords name a deployment window.
var windowWords = setOf("creneau", "creneaux", "fenetre", "fenetres", "window", "windows")

// passesAt reports whether a question asks if a moment it names is fine:
// "MEP demain 9h ça passe ?", "lundi 14h ça passe pour la prod du site ?",
// "ok to ship fri 5pm??".
func passesAt(text string, words []string) bool {
	ok := false
	for i, w := range words {
		if w == "passe" && i > 0 && (words[i-1] == "ca" || words[i-1] == "c") || (w == "ok" || w == "okay" || w == "fine") && i+1 < len(words) && words[i+1] == "to" {
			ok = true
		}
	}
	if !ok {
		return false
	}
	_, found := Moment(text)
	return found
}

// endsOrNot reports whether words end by asking "or not": "jeudi 18h pour
// le front ça passe ou pas", a question without its mark.
func endsOrNot(words []string) bool {
	n := len(words)
	return n >= 2 && (words[n-2] == "ou" && words[n-1] == "pas" || words[n-2] == "or" && words[n-1] == "not")
}

// stagingTalk are the words of staging and its tests.
var stagingTalk = setOf("staging", "recette", "preprod", "pre-prod", "stg", "uat", "qa", "smoke", "test", "tests", "validation",
	"valider", "validate", "valide")

// extraEnvAsked reports whether words ask about an environment before
// production other than staging: UAT or QA, a demo or a sandbox
// environment ("l'env de démo").
func extraEnvAsked(words []string) bool {
	for i, w := range words {
		switch w {
		case "uat", "qa":
			return true
		case "demo", "sandbox", "integration":
			if nearWord(words, i, 2, func(x string) bool { return x == "env" || x == "environment" || x == "environnement" || x == "vs" }) {
				return true
			}
		}
	}
	return false
}

// processWords name the release process and its steps: a question
// about them is the orchestrator's, whatever environment it names.
var processWords = setOf("process", "processus", "etape", "etapes", "step", "steps", "workflow", "validate", "verify", "monitor",
	"order", "ordre")

// politeAskRe opens a request put as whether we may, with the verb of
// the order right after: "on peut lancer …", "can we deploy …". Its
// group is that verb.
var politeAskRe = mustCompile(`^(?:(?:hey|salut|bonjour|dis|alors|du coup)\s+)?(?:(?:can|could)\s+(?:we|i)|(?:je|on)\s+(?:peux|peut)|est-ce qu\s*(?:on|je|j)\s+(?:peux|peut)|peut-on)\s+(?:(?:please|pls|stp|svp)\s+)?(deploy|deployer|deploie|ship|release|push|pousser|pousse|livrer|livre|mettre|mets|lancer|lance|rollback|roll|revert|revenir|redeploy|redeployer|promote|promouvoir)\b`)

// opener is the request "can you" in lang.
func opener(lang deploybot.Lang) string {
	if lang == deploybot.French {
		return "tu peux "
	}
	return "can you "
}

// notYetWords put an order off or under a condition: "après la démo",
// "une fois que le client a validé", "sans approbation".
var notYetWords = setOf("apres", "after", "avant", "before", "once", "fois", "quand", "when", "si", "if", "sans", "without",
	"pendant", "during", "pdt", "until", "jusqu", "des", "vraiment", "really", "even", "meme", "test", "tester", "simuler")

// pleaseWords make a question a request.
var pleaseWords = setOf("please", "pls", "plz", "stp", "svp", "plait")

// permissionRe asks whether one may: "can I", "could we", "je peux",
// "on peut", "puis-je", "est-ce qu'on peut", "is it ok to".
// permissionEndRe is whether one may, asked last: "… on a le droit ?",
// "… is that allowed?", "… ça passe ?".
var permissionEndRe = mustCompile(`(?:on a le droit|on peut|c.?est (?:permis|autorise|possible|ok|bon)|ca passe|are we allowed|is (?:that|it|this) (?:allowed|ok|okay|fine)|can we)\s*\?+\s*$`)

var permissionRe = mustCompile(`^(?:(?:hey|hi|salut|bonjour|dis|so|alors|du coup)\s+)?(?:(?:can|could|may)\s+(?:i|we)|(?:je|on)\s+(?:peux|peut|pourrais|pourrait)|puis-je|peut-on|est-ce qu(?:e|\s)?\s*(?:je|j|on)\s+(?:peux|peut|pourrait|pourrais)|is it (?:ok|okay|fine|safe|possible) to|am i allowed to|are we allowed to)\b`)

// wishPrefixes say a need or a wish: "I need", "we want", "il me faut",
// "j'ai besoin de", "je voudrais".
var wishPrefixes = [][]string{
	{"i", "need"}, {"we", "need"}, {"i", "want"}, {"we", "want"}, {"i", "d", "like"}, {"we", "d", "like"}, {"i", "would", "like"},
	{"need"}, {"je", "veux"}, {"on", "veut"}, {"je", "voudrais"}, {"on", "voudrait"}, {"il", "me", "faut"},
	{"il", "nous", "faut"}, {"il", "me", "faudrait"}, {"il", "nous", "faudrait"}, {"faut"}, {"j", "ai", "besoin", "de"}, {"j", "ai", "besoin", "d"}, {"on", "a", "besoin", "de"},
	{"on", "a", "besoin", "d"},
}

// wishOpening returns how many of words say a need at their start ("i
// need", "j ai besoin d", "il faut"), or 0.
func wishOpening(words []string) int {
	for _, p := range wishPrefixes {
		if len(p) <= len(words) && slices.Equal(words[:len(p)], p) {
			return len(p)
		}
	}
	if len(words) >= 2 && words[0] == "il" && words[1] == "faut" {
		return 2
	}
	return 0
}

// wishOrder reports whether m asks for a project, at most its version, in
// an environment, as a need: the wish, an article maybe, the project, its
// version maybe, a target word and the environment ("I need web 3.5.2 in
// staging for the review", "il me faut le site en recette").
func wishOrder(m message, s slots) bool {
	if s.app == "" || s.env == "" || s.negated || m.question || s.badVersion != "" {
		return false
	}
	toks := m.tokens
	i := 0
	for len(toks) > i && (toks[i].norm == "please" || toks[i].norm == "stp" || toks[i].norm == "hey" || toks[i].norm == "so") {
		i++
	}
	start := -1
	for _, p := range wishPrefixes {
		if i+len(p) > len(toks) {
			continue
		}
		ok := true
		for j, w := range p {
			if toks[i+j].norm != w {
				ok = false
				break
			}
		}
		if ok {
			start = i + len(p)
			break
		}
	}
	if start < 0 {
		return false
	}
	for start < s.appIdx && articles.has(toks[start].norm) {
		start++
	}
	if start != s.appIdx {
		return false
	}
	k := s.appEnd + 1
	if k < len(toks) && s.version != "" && (toks[k].raw == s.version || fieldCore(m.fields[toks[k].field].raw) == s.version) {
		k++
	}
	return k+1 == s.envIdx && targetWords.has(toks[k].norm)
}

// minOneWord is the confidence a one-word message needs to be read as a
// question ("canary", "checklist"); below, it is not understood ("clear").
const minOneWord = 0.5

// backRe reads "we need 4.0.9 back in prod", "put the old version back",
// "remets la 1.2 en prod": a rollback said without its verb.
var backRe = mustCompile(`^(?:(?:we|i)\s+)?(?:need|want)\s+(?:\S+\s+){1,3}back\b|^(?:bring|put|get)\s+(?:\S+\s+){1,3}back\b|^take\s+(?:us|\S+\s+\S+|\S+)\s+back\s+to\s+(?:v?\d|the\s+(?:previous|last|old)\s+(?:version|release|build))|^(?:il\s+)?faut\s+(?:(?:vite|absolument|immediatement)\s+)?(?:revenir|rollback|reculer|repasser|remettre|revert|annuler|defaire)\b` +
	`|^(?:on|we|let\s+s|lets)\s+(?:(?:va|doit|must|should|will|need\s+to|have\s+to)\s+)?(?:rollback|roll\s+back|revert|revient|revenir|repasse|repasser|recule|reculer|go\s+back)\b`)

// imperativeOf returns the action a folded clause orders when it opens
// with its verb, after politeness words: "sorry roll back the api",
// "please revert web", "ok deploy api to staging".
func imperativeOf(line string) deploybot.IntentKind {
	ws := appendFields(make([]string, 0, 16), line)
	for len(ws) > 0 && (politeOpeners.has(ws[0]) || interjections.has(ws[0]) || len(ws) > 2 && ws[0] == "en" && ws[1] == "fait") {
		if ws[0] == "en" {
			ws = ws[1:] // "en fait, fais plutôt un rollback du site"
		}
		ws = ws[1:]
	}
	if len(ws) > 3 && (ws[0] == "fais" || ws[0] == "faites" || ws[0] == "do") && (ws[1] == "plutot" || ws[1] == "vite" || ws[1] == "donc" || ws[1] == "alors") {
		ws = append(ws[:1:1], ws[2:]...) // "fais plutôt un rollback"
	}
	switch {
	case len(ws) == 0:
		return ""
	case ws[0] == "rollback" || ws[0] == "revert" || ws[0] == "undo" || ws[0] == "rb" || ws[0] == "roll" && len(ws) > 1 && (ws[1] == "back" || len(ws) > 2 && ws[2] == "back") ||
		(ws[0] == "fais" || ws[0] == "faites" || ws[0] == "do") && len(ws) > 2 && (ws[2] == "rollback" || ws[2] == "retour" || ws[2] == "revert"):
		return deploybot.IntentRollback
	case deployVerbs.has(ws[0]):
		return deploybot.IntentDeploy
	}
	return ""
}

// backVerbs order going back when they open a clause: "reviens sur la
// précédente", "restaure la 2.3".
var backVerbs = setOf("reviens", "revenez", "restaure", "restaurez")

// backObjectFillers may stand between a verb of going back and the version
// it goes back to: "reviens sur la précédente", "revenez à la v2".
var backObjectFillers = setOf("sur", "a", "vers", "to", "on", "la", "le", "l", "the", "version", "release")

// backVerbOpens reports whether a clause of text opens with one of
// backVerbs, after politeness and "et"/"and", whose object is a version
// or the previous one: not "restaure la base de la précédente
// sauvegarde", "reviens sur la question précédente".
func backVerbOpens(text string) bool {
	for _, cl := range clauses(text) {
		ws := appendFields(make([]string, 0, 16), commandLine(cl))
		for len(ws) > 0 && (politeOpeners.has(ws[0]) || interjections.has(ws[0]) || urgencyWords.has(ws[0])) {
			ws = ws[1:]
		}
		for i := 0; i < len(ws); i++ {
			if !backVerbs.has(ws[i]) || i > 0 && ws[i-1] != "et" && ws[i-1] != "and" && ws[i-1] != "puis" && ws[i-1] != "then" {
				continue // "annule la MEP et reviens sur la précédente"
			}
			j := i + 1
			for j < len(ws) && backObjectFillers.has(ws[j]) {
				j++
			}
			if j < len(ws) && (previousWords.has(ws[j]) && toPreviousVersion(ws[j:]) || strings.ContainsAny(ws[j], "0123456789")) {
				return true
			}
		}
	}
	return false
}

// asksWhich reports whether a folded line asks which way is best, without
// a question mark: "revert le commit ou redéployer, c quoi le mieux".
func asksWhich(line string) bool {
	for _, w := range appendFields(make([]string, 0, 16), line) {
		switch w {
		case "quoi", "koi", "kwa", "what", "which", "lequel", "laquelle", "mieux", "better", "best", "comment", "how", "why", "pourquoi", "ou", "or":
			return true
		}
	}
	return false
}

// ofUnknown reports whether words name, after "de", "du", "of" or "for",
// a word that is no project, environment or common word: "la v1.5.0 de
// shop" where no project shop is configured.
func (r *Router) ofUnknown(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		switch words[i] {
		case "de", "du", "of", "for":
			w := words[i+1]
			if _, env := envWordOf(w); !env && isLetters(w) && !stopWords.has(w) && !fillers.has(w) && !r.t.vocab.known(w) {
				if _, ok := r.project(w); !ok {
					return true
				}
			}
		}
	}
	return false
}

// rollbackMisspelled reports whether w is "rollback" misspelled:
// "rolbck", "rolback", "rollbak".
func rollbackMisspelled(w string) bool {
	return len(w) >= 5 && w[0] == 'r' && distance(w, "rollback") <= 2
}

// orderNounIn reports whether w names a deploy or a rollback as a noun
// ("mep", "rb", "go-live").
func orderNounIn(w string) bool {
	_, ok := orderNouns[w]
	return ok
}

// politeOpeners may open an order: "sorry, roll back…", "please deploy…".
var politeOpeners = setOf("sorry", "desole", "oops", "oups", "please", "pls", "plz", "stp", "svp", "urgent", "now", "asap", "vite",
	"tu", "peux", "pourrais", "peux-tu", "can", "could", "you", "u", "vous", "pouvez", "pourriez")

// orderStart reports whether a clause reads as an order: it starts with an
// action verb, a request ("please", "we need", "can you", "get us") or a
// "now" word.
func orderStart(m message) bool {
	w := m.tokens[0].norm
	if isActionWord(w) || w == "undo" || w == "revert" || w == "annule" {
		return true // "…, undo it"
	}
	switch w {
	case "we", "i", "need", "want", "bring", "put", "on", "let", "lets", "il", "faut", "get", "take":
		if backRe.MatchString(strings.Join(langWords(m), " ")) {
			return true // "…, on repasse en 2.3.9"
		}
	case "bon", "ben", "bah", "allez":
		// "bon ben go pour la mep du site en 3.4.2, …": a word of
		// assent, then the order; not asked ("bon ben go pour la mep
		// ?"), not put off ("… quand le client valide"), not praise
		// ("cool deploy yesterday").
		if m.question || slices.ContainsFunc(m.tokens, func(t token) bool { return deferrals.has(t.norm) }) {
			return false
		}
		for _, t := range m.tokens[1:min(len(m.tokens), 6)] {
			if isActionWord(t.norm) {
				return true
			}
		}
	}
	switch w {
	case "please", "pls", "stp", "we", "can", "could", "get", "need", "faut", "il", "on", "tu", "vous", "urgent", "now", "asap", "vite", "so", "donc", "alors", "just", "et",
		"sorry", "desole", "oops", "oups", "ok", "okay":
		for _, t := range m.tokens[1:min(len(m.tokens), 5)] {
			if isActionWord(t.norm) || t.norm == "need" || t.norm == "back" || t.norm == "arriere" {
				return true
			}
		}
	}
	return false
}

// deployVerbs order a deploy when they open a clause.
var deployVerbs = setOf("deploy", "deploie", "deployer", "deployez", "deploies", "redeploy", "re-deploy", "re-deploie", "ship", "release", "livre", "livrer",
	"livrez", "pousse", "pousser", "poussez", "push", "redeploie", "redeployer", "redeployez", "envoie-la", "envoie-le",
	"deploie-la", "deploie-le", "pousse-la", "pousse-le", "put", "mets", "mets-la", "mets-le")

// urgencyWords may come before the verb of an order: "urgent : déploie",
// "please ship".
var urgencyWords = setOf("please", "pls", "stp", "svp", "urgent", "asap", "vite", "now", "hotfix", "so", "alors", "donc",
	"ok", "just", "et", "and", "then", "puis")

// rollbackStems start the words that say a rollback.
var rollbackStems = []string{"retour", "rollback", "roll", "revert", "revien", "revenir", "reviens", "remet", "restaur", "downgrade",
	"arriere", "back", "previous", "precedent", "ancien", "old", "annul", "undo", "defai", "defaire", "recule", "reculer"}

// rollbackStemsBy are the rollback stems by their first byte: a profile
// of Parse put 3 % of its CPU in hasRollbackStem, asked of the words of
// nearly every message and clause, most of it in trying each of the 22
// stems on each word.
var rollbackStemsBy = func() (by [256][]string) {
	for _, st := range rollbackStems {
		by[st[0]] = append(by[st[0]], st)
	}
	return by
}()

// hasRollbackStem reports whether one of a message's words says going
// back.
func hasRollbackStem(words []string) bool {
	for i, w := range words {
		if w == "" || returnedAt(words, i) {
			continue
		}
		for _, st := range rollbackStemsBy[w[0]] {
			if strings.HasPrefix(w, st) && (st != "back" || len(w) == 4 || w == "backout" || w == "backed" || w == "backwards") &&
				(st != "roll" || w != "rolling" && w != "rollout" && w != "rollouts") {
				return true // not "backend", "backup", "backlog", nor the rolling strategy
			}
		}
	}
	return false
}

// returnedAt reports whether words[i] tells someone or something came
// back, no rollback: "de retour de congés", "le site est de retour",
// "back from leave".
func returnedAt(words []string, i int) bool {
	next := func(k int) string {
		if i+k < len(words) {
			return words[i+k]
		}
		return ""
	}
	switch words[i] {
	case "retour":
		if n := next(1); n == "a" || n == "au" || n == "vers" || strings.ContainsAny(n, "0123456789") {
			return false // "demande de retour à la 2.14.1": a rollback
		}
		// "de retour", "retour de congés", "avant ton retour", "à son
		// retour": someone back.
		return i > 0 && (words[i-1] == "de" || personalPossessives.has(words[i-1])) ||
			(next(1) == "de" || next(1) == "des" || next(1) == "du") && awayWords.has(next(2))
	case "back":
		if next(1) == "from" {
			return !strings.ContainsAny(next(2), "0123456789") // not "back from 2.14.2 to 2.14.1"
		}
		// "i'm back", "we're back": someone came back, no order to go
		// back.
		return i > 0 && backSubjects.has(words[i-1]) && next(1) == ""
	}
	return false
}

// personalPossessives say whose return it is: "ton retour", "son retour".
var personalPossessives = setOf("ton", "son", "mon", "votre", "leur", "notre")

// notificationAsked reports whether words ask for the text of a release's
// notification: a verb of writing or giving first (after a politeness),
// then its noun ("redige moi l'annonce de la release du site",
// "tu peux me donner le texte de notif pour la mise en prod", "post the
// release notification for web 2.5.0").
func notificationAsked(words []string) bool {
	i := 0
	for i < len(words) && (politeOpeners.has(words[i]) || words[i] == "me" || words[i] == "moi" || words[i] == "nous" || words[i] == "us" ||
		words[i] == "m" || words[i] == "please" || words[i] == "pls") {
		i++
	}
	if i < len(words) && announceVerbs.has(words[i]) && slices.ContainsFunc(words[i+1:], func(w string) bool { return w == "release" || w == "mep" || w == "livraison" }) {
		return true // "announce the web 2.5.0 release in production": the announcement
	}
	if i == len(words) || !writeVerbs.has(words[i]) {
		return false
	}
	for j, w := range words[i+1:] {
		if !notificationNouns.has(w) {
			continue
		}
		after := words[i+1+j+1:]
		for k, x := range after {
			if isActionWord(x) && !(k > 0 && (objectDeterminers.has(after[k-1]) || nounJoiners.has(after[k-1]))) {
				return false // not "write the changelog and deploy web 2.5.0"; "de la release" is a noun
			}
		}
		return true
	}
	return false
}

// stuckWords say someone is stuck: "je suis bloquée sur la MEP".
var stuckWords = setOf("bloque", "bloquee", "bloques", "bloquees", "coince", "coincee", "coinces", "stuck")

// invertedStateVerbs ask whether something is somewhere, the French
// way: "le site 2.5.0 est-il en prod ?".
var invertedStateVerbs = setOf("est-il", "est-elle", "sont-ils", "sont-elles", "tourne-t-il", "tourne-t-elle", "tournent-ils")

// nounJoiners join a noun to what it is of: "l'annonce de la release".
var nounJoiners = setOf("de", "du", "des", "d", "of", "for", "pour", "sur", "about")

var (
	writeVerbs = setOf("redige", "rediger", "redigez", "ecris", "ecrire", "ecrivez", "prepare", "preparer", "preparez", "write", "draft",
		"donne", "donner", "donnez", "give", "post", "poste", "poster", "send", "envoie", "envoyer", "envoyez", "compose", "generate", "genere",
		"publie", "publier", "publiez", "publish")
	announceVerbs     = setOf("announce", "annonce", "annoncer", "annoncez")
	notificationNouns = setOf("annonce", "notif", "notification", "notifications", "mail", "email", "e-mail", "message", "texte", "text",
		"changelog", "communique", "announcement", "template", "modele")
)

// offObjectAfter reports whether the object of the verb ws[at] is a
// thing that is no deployment nor environment ("gèle le périmètre du
// site", "bloquer la date de mise en prod"): no lock, freeze or cancel.
func offObjectAfter(ws []string, at int) bool {
	j := at + 1
	for j < len(ws) && objectDeterminers.has(ws[j]) {
		j++
	}
	return j < len(ws) && offDeployObjects.has(ws[j])
}

// offLockObject reports whether a verb of locking, freezing or
// unlocking in ws takes a thing that is no deployment nor environment.
func offLockObject(ws []string) bool {
	for i, w := range ws {
		if _, lock := lockVerbs[w]; (lock || w == "bloquer" || w == "bloquez" || w == "lock" || w == "block") && offObjectAfter(ws, i) {
			return true
		}
	}
	return false
}

// cancelledObject is cancelObject for an order read as a rollback: a
// deployment cancelled with its environment, a version or a fault named
// goes back ("annule le déploiement du site en prod, il casse tout", as
// the corpus says), and is no cancel.
func (r *Router) cancelledObject(ws []string, req deploybot.Request) string {
	o := r.cancelObject(ws)
	if o == "deploy" && (req.Version != "" || req.Env != "" || hasFault(ws)) {
		return ""
	}
	return o
}

// cancelObject returns what the first verb of cancelling in ws acts on,
// when that verb is the only word of going back: "deploy" (a deployment,
// a release, a rollback: "annule le déploiement du site"), "other" (a
// meeting, the scope: "annule la réunion de mise en prod"), "all"
// ("annule tout"), or "" (no such verb, or another word of going back:
// "annule et reviens à la 2.3.9").
func (r *Router) cancelObject(ws []string) string {
	at := slices.IndexFunc(ws, cancelVerbs.has)
	if at < 0 || hasRollbackStem(slices.Concat(ws[:at], ws[at+1:])) {
		return ""
	}
	j := at + 1
	for j < len(ws) && (objectDeterminers.has(ws[j]) || pleaseWords.has(ws[j])) {
		j++
	}
	switch {
	case j == len(ws):
		return ""
	case deployNouns.has(ws[j]):
		if slices.ContainsFunc(ws, func(w string) bool { return strings.ContainsAny(w, "0123456789") || pastMoments.has(w) }) {
			return "" // "annule la mise en prod de la 5.0.0 du front", "annule le déploiement de ce matin": undone, a rollback
		}
		// Only the order alone, or after a reason to wait: "annule le
		// déploiement du site", "le client veut attendre, annule le
		// déploiement du site"; anything else may tell why to go back
		// ("…, les images ne chargent plus", "…qui vient de partir").
		for _, w := range ws[j+1:] {
			if _, project := r.project(w); !cancelTail.has(w) && !project {
				return ""
			}
		}
		for _, w := range ws[:at] {
			if !waitReasonWords.has(w) {
				return ""
			}
		}
		return "deploy"
	case everyWords.has(ws[j]):
		return "all"
	case offDeployObjects.has(ws[j]):
		return "other"
	}
	return ""
}

var (
	cancelVerbs       = setOf("annule", "annuler", "annulez", "cancel")
	objectDeterminers = setOf("le", "la", "les", "l", "the", "this", "that", "ce", "cette", "mon", "ma", "mes", "my", "notre", "our", "un", "une", "a", "an")
	// deployNouns name what a cancel stops: a deployment waiting.
	deployNouns = setOf("deploiement", "deploy", "deployment", "rollback", "plan", "demande", "request")
	// cancelTail may follow the cancelled deployment, beside its project.
	cancelTail = setOf("du", "de", "d", "l", "le", "la", "of", "the", "stp", "svp", "please", "pls", "merci")
	// waitReasonWords may come before a cancel: "le client veut attendre
	// finalement".
	waitReasonWords = setOf("le", "la", "client", "veut", "voudrait", "prefere", "attendre", "wait", "wants", "to", "the", "finalement",
		"en", "fait", "actually", "pas", "prets", "pret", "ready", "not", "yet", "encore", "ok", "bon", "alors", "donc", "so")
	// pastMoments date what was done: "le déploiement de ce matin".
	pastMoments = setOf("matin", "hier", "yesterday", "morning", "tout", "soir", "earlier", "tonight", "last")
	// offDeployObjects are things cancelled, frozen or blocked that are
	// no deployment nor environment: "annule la réunion", "gèle le
	// périmètre", "bloquer la date".
	offDeployObjects = setOf("reunion", "meeting", "call", "rdv", "rendez-vous", "point", "visio", "perimetre", "scope", "specs", "spec",
		"maquette", "maquettes", "design", "budget", "planning", "contenu", "content", "texte", "date", "dates", "creneau", "slot", "salle",
		"room", "ticket", "commande", "facture", "invoice", "abonnement", "subscription", "conges", "vacances", "sprint", "atelier", "workshop")
)

// backSubjects before a last "back" say who or what came back.
var backSubjects = setOf("m", "im", "am", "re")

// awayWords name time away: "retour de congés".
var awayWords = setOf("conges", "conge", "vacances", "vacs", "week-end", "weekend", "we", "pause", "dejeuner", "dej", "reunion", "maladie", "formation", "voyage")

// newWords name the release just shipped: "la nouvelle", "the new one".
var newWords = setOf("nouvelle", "nouveau", "new", "latest", "derniere", "dernier", "current", "actuelle", "release", "mep")

// newOneBroken reports whether a clause of text says the release just
// shipped breaks: a word for it and a fault word, no question.
func newOneBroken(text string) bool {
	if strings.Contains(text, "?") {
		return false
	}
	for _, c := range clauses(text) {
		isNew, fault := false, false
		for _, w := range wordsOf(c) {
			isNew = isNew || newWords.has(w)
			fault = fault || faultWords.has(w)
		}
		if isNew && fault {
			return true
		}
	}
	return false
}

// deployOrdered reports whether text orders a deploy of version: a clause
// opens with a deploy verb (after urgency or politeness words at most)
// and names the version, and no word of the message says a rollback.
// words are the words of text.
func deployOrdered(text string, words []string, version string) bool {
	if hasRollbackStem(words) {
		return false
	}
	v := fold(version)
	same := func(w string) bool { return w == v || strings.TrimPrefix(w, "v") == strings.TrimPrefix(v, "v") }
	cls := clauses(text)
	// "checkout is broken and 4.9.1 fixes it, deploy the site to
	// production now": the version said to fix, the deploy ordered in
	// another clause.
	fixing := false
	for _, c := range cls {
		ws := wordsOf(c)
		if slices.ContainsFunc(ws, same) && slices.ContainsFunc(ws, fixWords.has) {
			fixing = true
		}
	}
	for _, c := range cls {
		ws := wordsOf(c)
		i := 0
		for i < len(ws) && urgencyWords.has(ws[i]) {
			i++
		}
		if i == len(ws) || !deployVerbs.has(ws[i]) {
			continue
		}
		if fixing || slices.ContainsFunc(ws[i+1:], same) {
			return true
		}
	}
	return false
}

// badTargetOf reports whether a rollback's version is the one that broke
// things, not its target: written after "since", "depuis", "after", or
// followed by what it breaks ("la 2.4.0 casse les paiements", "3.2.0 is
// broken", "la 3.2.0 est cassée") and not denied ("is not broken").
func badTargetOf(m message, version string) bool {
	if version == "" {
		return false
	}
	for i, t := range m.tokens {
		if t.raw != version && fieldCore(m.fields[t.field].raw) != version {
			continue
		}
		for j := max(0, i-2); j < i; j++ {
			switch m.tokens[j].norm {
			case "since", "depuis", "after", "apres", "from", "before", "avant":
				return true
			}
		}
		for j := max(0, i-3); j < i; j++ {
			// "revert api 3.16.4", "enlève le 3.16.4 de l'api": the version
			// a removal verb governs, past a project or an article, is
			// the one undone.
			if !removalVerbs.has(m.tokens[j].norm) || introducedAsTarget(m, i) || releasedInto(m, j, i) {
				continue // not "revert to 3.16.3 on api", "sors l'api 2.5.1 en prod"
			}
			others := 0 // the project's name, at most
			for k := j + 1; k < i; k++ {
				if w := m.tokens[k].norm; !envOrArticle(w) && w != "hotfix" && w != "patch" && w != "correctif" && w != "version" && w != "release" {
					others++
					if strings.ContainsAny(w, "0123456789") {
						others += 2 // "revert 3.16.4 → 3.16.3": the later version is the target
					}
				}
			}
			between := others <= 1
			if between {
				return true
			}
		}
		for j := max(0, i-4); j+1 < i && !introducedAsTarget(m, i); j++ {
			// "annule le déploiement de la v2.0.0", "undo the release of
			// 3.1.0", "la mise en prod de la 2.0.0": the version undone,
			// not the target.
			switch m.tokens[j].norm {
			case "deploiement", "deployment", "deploy", "release", "mep", "livraison", "undo", "revert", "prod", "production", "annule", "annuler",
				"back", "enleve", "enlever", "retire", "retirer", "remove", "vire", "virer":
				switch m.tokens[j+1].norm {
				case "de", "du", "d", "of", "la", "the", "le", "hotfix", "patch", "correctif", "fix":
					return true // "revert hotfix api 3.16.4", "annule le hotfix api 3.16.4": the version undone
				}
			}
		}
		// "memory leak in backend 2.15.1", "un bug dans la 2.4.0": the
		// fault before the version, in its clause, unless a fix or an
		// order is said between ("the bug fixed in 2.15.2", "bug, roll
		// back to 2.15.0").
		for j := i - 1; j >= max(0, i-5); j-- {
			w := m.tokens[j].norm
			if endsClause(m.fields[m.tokens[j].field].raw) || fixWords.has(w) || denial.has(w) || isActionWord(w) ||
				w != "back" && hasRollbackStem([]string{w}) || w == "to" || w == "vers" {
				break
			}
			if faultWords.has(w) {
				return true
			}
		}
		if introducedAsTarget(m, i) {
			continue // "vers la v3.3.0, ça plante": the target
		}
		for j := i + 1; j < min(len(m.tokens), i+5); j++ {
			w := m.tokens[j].norm
			if denial.has(w) || endsClause(m.fields[m.tokens[j-1].field].raw) {
				break
			}
			if faultWords.has(w) || badVersionWords.has(w) {
				return true // "v2.4.1 has a bad migration", "la 2.4.1 est pourrie"
			}
		}
	}
	return false
}

// introducedAsTarget reports whether token i follows a target word ("to",
// "vers") one or two words before it in its clause.
// versionIntroduced reports whether a version is introduced as a target
// where m names it ("back to 2.7.0", "à la 3.0.0").
func versionIntroduced(m message, version string) bool {
	for i, t := range m.tokens {
		if (t.raw == version || fieldCore(m.fields[t.field].raw) == version) && introducedAsTarget(m, i) && !notTargetVersion(m, i) {
			return true
		}
	}
	return false
}

func introducedAsTarget(m message, i int) bool {
	for j := i - 1; j >= max(0, i-2); j-- {
		if endsClause(m.fields[m.tokens[j].field].raw) {
			return false
		}
		if targetWords.has(m.tokens[j].norm) {
			return true
		}
	}
	return false
}

// releasedInto reports whether the removal verb m.tokens[j], "sortir",
// governs the version m.tokens[i] into an environment: "sors l'api 2.5.1
// en prod" releases it ("sors la 2.5.1 de la prod" takes it out).
func releasedInto(m message, j, i int) bool {
	switch m.tokens[j].norm {
	case "sors", "sortez":
		if j != 0 {
			return false // "on va sortir …", "je sors … ce soir": told, not ordered
		}
	case "sortir":
		// "tu peux sortir l'api 2.5.1 en prod ?": asked of the bot.
		if j < 2 || !(m.tokens[j-2].norm == "tu" && m.tokens[j-1].norm == "peux" || m.tokens[j-2].norm == "vous" && m.tokens[j-1].norm == "pouvez") {
			return false
		}
	default:
		return false
	}
	// The version, then "en" and an environment right after it (maybe
	// with an article): "sors l'api 2.5.1 en prod", not "… en urgence de
	// la prod", "… en vitesse", "… en dehors de la prod".
	k := i + 1
	if k >= len(m.tokens) || m.tokens[k].norm != "en" && m.tokens[k].norm != "sur" {
		return false
	}
	k++
	if k < len(m.tokens) && (m.tokens[k].norm == "la" || m.tokens[k].norm == "le" || m.tokens[k].norm == "l") {
		k++
	}
	if k >= len(m.tokens) {
		return false
	}
	if _, ok := envWordOf(m.tokens[k].norm); !ok {
		return false
	}
	for _, t := range m.tokens[k+1:] {
		if laterTimes.has(t.norm) || laterSaid.has(t.norm) || t.norm == "apres" || t.norm == "soir" || t.norm == "de" || t.norm == "du" ||
			faultWords.has(t.norm) || outageWords.has(t.norm) {
			return false // "… en prod demain", "… après la démo": later; "… de la prod": out of it; "…, elle plante": a fault's
		}
	}
	return true
}

// endsClause reports whether a field as written ends its clause: "stp,".
func endsClause(field string) bool {
	return field != "" && strings.ContainsAny(field[len(field)-1:], ",;:.!?")
}

// faultWords say that something is broken; denial words before them say
// it is not.
var (
	faultWords = setOf("casse", "cassee", "casses", "cassees", "casser", "recasse", "replante", "plante", "plantent", "plantee", "planter", "crash", "crasher", "crashes", "crashe", "crashed", "crashing", "bug",
		"bugue", "buggee", "buggy", "ko", "broken", "breaks", "broke", "fails", "failing", "failed", "down", "pete", "foire",
		"regression", "regresse", "souci", "soucis", "probleme", "problemes", "incident", "outage", "panne", "rade", "leak", "leaks", "fuite",
		"blanche", "blank", "500", "500s", "5xx", "timeout", "timeouts", "502", "503", "504", "vrac", "rame", "lent", "lente", "slow", "dead", "morte", "mort")
	denial = setOf("not", "no", "pas", "plus", "jamais", "never", "isn", "n", "ne")
)

// requestRe is a request put as a question: "can you roll it back?",
// "tu peux revenir en arrière ?".
var requestRe = mustCompile(`^(?:please\s+|stp\s+|so\s+|alors\s+|donc\s+)?(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?(\S+)|^(?:est-?\s?ce\s+que\s+(?:tu\s+peux|vous\s+pouvez|tu\s+pourrais|vous\s+pourriez)|peux-tu|peux tu|tu peux|pouvez-vous|pouvez vous|vous pouvez|pourrais-tu|pourrais tu|tu pourrais|pourriez-vous|pourriez vous|vous pourriez)\s+(?:stp\s+|svp\s+)?(\S+)`)

// requestAsked reports whether the last clause of a message asks the bot to
// act: a request put as a question, with a verb of deploying or rolling
// back ("…, can you roll it back?"), not a question about how ("can you
// explain…").
func requestAsked(clause string) bool {
	line := commandLine(clause)
	m := requestRe.FindStringSubmatch(line)
	if m != nil && doVerbs.has(m[1]+m[2]) {
		// "pouvez-vous faire un rollback ?", "could you do a rollback of
		// web prod?": the order is the noun the verb does.
		if n := doneNounRe.FindStringSubmatch(line[strings.Index(line, m[1]+m[2])+len(m[1]+m[2]):]); n != nil {
			return isActionWord(n[1]) && !strings.HasPrefix(n[1], "go")
		}
	}
	return m != nil && isActionWord(m[1]+m[2]) && !strings.HasPrefix(m[1]+m[2], "go")
}

// rollbackAsked reports whether a rollback asked of the bot in text is
// one to run now on the project: nothing but politeness after
// its question mark ("… ? Paul s'en occupe déjà", "… ? (question
// théorique)"), no condition, moment, later time or opinion asked ("en
// cas de problème", "la prochaine fois", "qu'en penses-tu"), and no other
// thing rolled back than a release ("un rollback de la base de données",
// "un rollback plan", "un rollback à blanc").
func rollbackAsked(text string) bool {
	head, tail := text, ""
	if q := strings.IndexAny(text, "?¿"); q >= 0 {
		head, tail = text[:q], text[q+1:]
	}
	hw := wordsOf(head)
	if strings.ContainsAny(text, "()") || slices.ContainsFunc(hw, notYetWords.has) || slices.ContainsFunc(hw, notNowRollback.has) {
		return false
	}
	// After the question mark, a reason ("… ? elle renvoie des 500") or
	// a please; not someone else on it, a question, a doubt.
	for _, t := range normalize(tail).tokens {
		if personName(t.raw, t.norm) || negationWords.has(t.norm) || notNowRollback.has(t.norm) || t.norm == "question" || t.norm == "juste" ||
			t.norm == "just" || t.norm == "occupe" || t.norm == "handling" {
			return false
		}
	}
	return !strings.ContainsAny(tail, "?¿")
}

// lastClause is the last clause of text.
func lastClause(text string) string {
	cs := clauses(strings.TrimSpace(text))
	return cs[len(cs)-1]
}

// notNowRollback are the words that make a rollback asked of the bot one
// to discuss, not to run: another thing rolled back, a rehearsal, a
// later time, an opinion.
var notNowRollback = setOf("plan", "plans", "test", "tests", "simulation", "simuler", "simulate", "dry", "blanc", "checklist", "partiel",
	"partial", "automatique", "automatic", "auto", "base", "donnees", "database", "db", "bdd", "dns", "config", "configuration", "flag",
	"flags", "commit", "commits", "migration", "schema", "prochaine", "next", "avenir", "future", "cas", "case", "recidive", "theorique",
	"theory", "theoretical", "penses", "pensez", "think", "avis", "advice", "conseil", "conseils", "opinion", "place", "possible",
	"possibilite", "impossible", "savoir", "know", "wonder", "curious", "curieux", "explique", "expliquer", "explain", "comment", "how")

// doVerbs do the noun of an order: "faire un rollback", "do a deploy".
var doVerbs = setOf("faire", "fais", "do", "run", "lancer", "lance", "trigger", "declencher", "declenche", "start")

// doneNounRe is the noun after a verb of doVerbs, behind its article.
var doneNounRe = mustCompile(`^\s+(?:(?:un|une|le|la|l|a|an|the|notre|our)\s+)?(\S+)`)

// namedDeploy reports whether a message names a project, a version (with
// its dots, a v or a hash) and an environment, says no going back nor any
// fault, and asks nothing but a request ("can you get v3.3.0 there?").
func namedDeploy(m message, s slots, words []string) bool {
	if s.app == "" || s.env == "" || s.version == "" || s.negated || s.badVersion != "" || hasRollbackStem(words) ||
		slices.ContainsFunc(words, pastTold.has) {
		return false // "hotfix 3.0.2 for web went to production yesterday"
	}
	if !strings.ContainsAny(s.version, ".") && !strings.HasPrefix(strings.ToLower(s.version), "v") && versionToken(s.version) == "" {
		return false
	}
	request := false
	for i, t := range m.tokens {
		switch t.norm {
		case "how", "why", "what", "when", "which", "comment", "pourquoi", "quand", "quel", "quelle", "quoi", "should", "faut-il",
			"est-ce", "is", "does", "did", "was", "est":
			return false
		case "can", "could", "peux", "pourrais", "pouvez":
			if i+1 < len(m.tokens) && (m.tokens[i+1].norm == "you" || m.tokens[i+1].norm == "tu" || m.tokens[i+1].norm == "vous" ||
				m.tokens[i+1].norm == "someone") || i > 0 && m.tokens[i-1].norm == "tu" {
				request = true
			}
		}
		if faultWords.has(t.norm) {
			return false // "web v2.0.0 broke production yesterday"
		}
	}
	return !m.question || request
}

// metaVerbs are done to an order rather than order it: stop, put off,
// simulate, check, explain, prevent it.
var metaVerbs = setOf("stop", "stopper", "stoppe", "arreter", "arrete", "halt", "pause", "postpone", "delay", "reporter", "reporte",
	"decaler", "decale", "repousser", "repousse", "simulate", "simuler", "simule", "simulation", "test", "tester", "teste", "verify",
	"verifier", "verifie", "check", "checker", "review", "relire", "relis", "document", "documenter", "documente", "explain", "expliquer",
	"explique", "estimate", "estimer", "estime", "plan", "planifier", "planifie", "schedule", "programmer", "programme", "prevent",
	"empecher", "empeche", "forbid", "interdire", "interdis", "block", "bloquer", "bloque", "refuse", "refuser", "wait", "attendre",
	"attends", "keep", "garder", "garde", "remind", "rappeler", "rappelle", "describe", "decrire", "decris", "monitor", "surveiller",
	"surveille", "watch", "dry-run", "dryrun", "aider", "help", "apprendre", "teach", "montrer",
	"show", "prepare", "preparer", "prepares", "approve", "approuver", "approuve", "valider")

// metaSkips may stand between a meta verb and the order it acts on.
var metaSkips = setOf("the", "a", "an", "le", "la", "les", "l", "un", "une", "ce", "cette", "this", "that", "my", "mon", "ma", "notre",
	"our", "me", "m", "moi", "to", "de", "d", "du", "des", "avant", "before", "en", "on", "for", "pour", "dry", "run", "next", "prochain",
	"prochaine")

// metaVerbOnOrder returns the intent of the order text's first clause
// does a meta verb to ("stop the deploy", "reporter le déploiement",
// "simuler un rollback", "m'aider à déployer", "attendre avant de
// déployer"), a few articles at most between them, or "". "stoppe la MEP
// du site et reviens sur la précédente" stops a deploy and orders a
// rollback.
func (r *Router) metaVerbOnOrder(text string) deploybot.IntentKind {
	ws := wordsOf(firstClause(text))
	for i, w := range ws {
		if !metaVerbs.has(w) {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+4; j++ {
			x := ws[j]
			if it, noun := orderNouns[x]; noun {
				return it
			}
			if hasRollbackStem(ws[j : j+1]) {
				return deploybot.IntentRollback
			}
			if deployVerbs.has(x) {
				return deploybot.IntentDeploy
			}
			if !metaSkips.has(x) && !r.projectWord(x) {
				break // "halt the api deploy": its project may stand between
			}
		}
	}
	return ""
}

// dropWords drop the order they come before or after: "laisse tomber le
// rollback", "forget the deploy", "no rollback", "on ne déploie pas".
var dropWords = setOf("laisse", "tomber", "forget", "oublie", "oubliez", "skip", "no", "pas", "don", "dont", "not", "ne", "n", "never",
	"jamais", "annule", "cancel", "drop", "scrap")

// droppedThenOrder returns the intent of the order text's first clause
// drops ("laisse tomber le rollback", "don't deploy") when the rest holds
// an order word.
func droppedThenOrder(text string) (dropped deploybot.IntentKind, ok bool) {
	i, j, cut := clauseBreak(text)
	if !cut || i == 0 || strings.ContainsAny(text, "?¿") {
		return "", false
	}
	hw, tw := wordsOf(text[:i]), wordsOf(text[j:])
	if len(hw) == 0 || len(hw) > 6 || len(tw) == 0 || !slices.ContainsFunc(hw, dropWords.has) {
		return "", false
	}
	said := slices.DeleteFunc(slices.Clone(hw), dropWords.has) // "non annule": a drop, no order named
	switch {
	case hasRollbackStem(said) && !slices.ContainsFunc(said, isDeployWord):
		dropped = deploybot.IntentRollback
	case slices.ContainsFunc(said, isDeployWord) && !hasRollbackStem(said):
		dropped = deploybot.IntentDeploy
	default:
		return "", false
	}
	return dropped, hasRollbackStem(tw) || slices.ContainsFunc(tw, isDeployWord)
}

// isDeployWord reports whether w says deploying: a verb or a noun.
func isDeployWord(w string) bool {
	_, noun := orderNouns[w]
	return noun && orderNouns[w] == deploybot.IntentDeploy || deployVerbs.has(w) || w == "deploie" || w == "deploy" || w == "deployer"
}

// nounOpens reports whether words open with an article before a deploy's
// word: "the deploy of web to staging broke the login" tells of a deploy,
// it orders none (imperativeOf skips "the" as an interjection's).
func nounOpens(words []string) bool {
	return len(words) > 1 && (articles.has(words[0]) || words[0] == "the" || words[0] == "this" || words[0] == "that" || words[0] == "our" ||
		words[0] == "my" || words[0] == "ce" || words[0] == "notre" || words[0] == "mon")
}

// namesMoment reports whether text names a moment ("in two weeks",
// "next week", "at 3pm"): an order for then is the model's to read, not
// the imperative's (it planned "push the web build to prod for the client
// review in two weeks" now).
func namesMoment(text string, words []string) bool {
	_, ok := momentOf(text, words)
	return ok || laterMoment(text)
}

// deployInfinitives are the French infinitives that order a deploy when
// they stand alone with what they deploy: "déployer api".
var deployInfinitives = setOf("deployer", "livrer", "redeployer")

// bareInfinitiveOrder reports whether words are a deploy's infinitive
// first, then a project and maybe its environment and version, with
// articles only: "déployer api", "deployer le site en recette". A how-to
// has more words ("déployer api sans coupure ?").
func (r *Router) bareInfinitiveOrder(words []string, s slots) bool {
	if len(words) < 2 || len(words) > 6 || !deployInfinitives.has(words[0]) || s.app == "" || s.negated || s.badVersion != "" {
		return false
	}
	for _, w := range words[1:] {
		if articles.has(w) || fillers.has(w) || w == s.version || strings.EqualFold(w, s.version) {
			continue
		}
		if _, ok := r.ix.names[w]; ok {
			continue
		}
		if _, ok := envWordOf(w); ok {
			continue
		}
		return false
	}
	return true
}

// stateQuestionOpeners open a yes-or-no question for the state.
// stateAsked are the words of asking whether a version runs somewhere.
var stateAsked = setOf("is", "est", "tourne", "runs", "running", "yet", "deja", "already", "live", "there", "dessus")

var stateQuestionOpeners = setOf("is", "are", "was", "were", "est-ce", "has", "have", "did")

// hasActionVerb reports whether words hold a verb of deploying or going
// back.
func hasActionVerb(words []string) bool {
	for _, w := range words {
		if isActionWord(w) && !strings.HasPrefix(w, "go") && !participles.has(w) {
			return true
		}
	}
	return hasRollbackStem(words)
}

// lockForLater reports whether a lock's order, before its reason, names
// a moment to come: "lock api production tomorrow" (not "lock api prod:
// release tomorrow morning").
func lockForLater(text string) bool {
	order := text
	if i := strings.IndexByte(order, ':'); i >= 0 {
		order = order[:i]
	}
	if i, _, ok := clauseBreak(order); ok && i > 0 && !assentOnly(order[:i]) && !interjectionsOnly(commandLine(order[:i])) {
		order = order[:i]
	}
	ws := wordsOf(order)
	for i, w := range ws {
		if w != "until" && w != "till" && w != "jusqu" && w != "jusque" && w != "tant" && deferralAt(ws, i) {
			return true // "after lunch, lock prod", "lock prod after the audit"; not "until further notice", how long it holds
		}
	}
	return laterMoment(order) || slices.ContainsFunc(ws, laterDayWords.has)
}

// talkAfterInterjection reports whether text opens with a clause of
// interjections or a yes ("go,", "ok,", "yes please,") and what follows
// it, read alone, orders nothing for a condition of its own.
func (r *Router) talkAfterInterjection(ctx context.Context, text string) bool {
	i, j, ok := clauseBreak(text)
	if !ok || i == 0 {
		return false
	}
	head, tail := text[:i], strings.TrimSpace(text[j:])
	if tail == "" || !(interjectionsOnly(commandLine(head)) || assentOnly(head) || commandLine(head) == "go") {
		return false
	}
	return slices.ContainsFunc(wordsOf(tail), ifWords.has) && r.alone(ctx, tail).Kind != deploybot.KindAction && r.givesNoOrder(tail, commandLine(tail))
}

// ifWords open a condition: "if it breaks", "si ça casse", "au cas où".
var ifWords = setOf("if", "si", "unless", "sauf", "cas", "case", "whether")

// releaseForLater reports whether text's first clause names a release by
// its noun for a later moment, with no word of now: "MEP du front demain
// ?", "go-live du site ce soir" ("put front 4.10.0 on staging so the
// client can look tomorrow" orders now).
func releaseForLater(text string) bool {
	cls := clauses(text)
	first := cls[0]
	ws := wordsOf(first)
	named := slices.ContainsFunc(ws, goLiveNouns.has) || slices.Contains(ws, "mise") && slices.Contains(ws, "en") && (slices.Contains(ws, "prod") || slices.Contains(ws, "production"))
	if !named || slices.ContainsFunc(ws, func(w string) bool { return isActionWord(w) && !goLiveNouns.has(w) && w != "mise" }) ||
		slices.ContainsFunc(wordsOf(text), func(w string) bool { return nowWords.has(w) || pleaseWords.has(w) }) {
		return false
	}
	// The moment in the release's clause ("MEP du front mardi", "go-live
	// for web at 6pm"), or alone in the next ("MEP du front, demain").
	later := func(c string) bool {
		return laterMoment(c) || slices.ContainsFunc(wordsOf(c), laterDayWords.has)
	}
	return later(first) || len(cls) > 1 && len(wordsOf(cls[1])) <= 3 && later(cls[1])
}

// laterDayWords name a day or a night to come: "MEP du front mardi",
// "go-live web monday", "cette nuit" (not "ce matin", "aujourd'hui":
// today's release may be now).
var laterDayWords = setOf("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "nuit", "night", "weekend", "week-end")

// goLiveNouns name a release to production: "MEP", "go-live".
var goLiveNouns = setOf("mep", "go-live", "golive", "livraison")

// teamGreeted reports whether words open with a greeting to the team:
// "hello team", "hi all", "salut l'équipe", "bonjour à tous" (a message
// that names the bot, "@deploybot", speaks to it).
func teamGreeted(words []string) bool {
	if len(words) < 2 || !greetingWords.has(words[0]) {
		return false
	}
	for _, w := range words[1:min(4, len(words))] {
		if teamWords.has(w) {
			return true
		}
	}
	return false
}

// teamNews reports whether a greeting to the team tells news rather than
// orders: a word of the day ("today", "ce soir", "D-day", "goes live"),
// no verb that orders, no haste, thanks or please, no arrow, and the bot
// not named ("hi team, api 2.8 to prod now", "… merci" order).
func teamNews(text string, ws []string) bool {
	if strings.Contains(text, "@") || strings.Contains(text, "→") || strings.Contains(text, "->") ||
		hasActionVerb(slices.DeleteFunc(slices.Clone(ws), newsNouns.has)) {
		return false
	}
	news := false
	for i, w := range ws {
		switch {
		case pleaseWords.has(w) || politeWords.has(w) || teamOrderWords.has(w):
			return false
		case newsWords.has(w) || w == "day" && i > 0 && (ws[i-1] == "d" || ws[i-1] == "big") || w == "j" && i > 0 && ws[i-1] == "jour" ||
			w == "live" && i > 0 && (ws[i-1] == "goes" || ws[i-1] == "go" || ws[i-1] == "is" || ws[i-1] == "going"):
			news = true
		}
	}
	return news
}

var (
	// newsWords date the team's news: "aujourd'hui MEP du site".
	newsWords = setOf("today", "d-day", "jour-j", "aujourd", "tonight", "soir", "aprem", "apres-midi", "matin", "morning", "afternoon", "demain", "tomorrow", "lundi",
		"mardi", "mercredi", "jeudi", "vendredi", "monday", "tuesday", "wednesday", "thursday", "friday")
	// teamOrderWords order even after a greeting to the team: haste, a
	// go, verbs the action words miss.
	teamOrderWords = setOf("now", "asap", "maintenant", "go", "vite", "put", "get", "bump", "launch", "ahead", "mets", "passe", "lance",
		"pousse", "merci", "thanks", "thx", "urgent")
	greetingWords = setOf("hello", "hi", "hey", "salut", "bonjour", "coucou", "yo", "morning", "hiya", "bonsoir", "helloo")
	// newsNouns name a release in news: "aujourd'hui MEP du site".
	newsNouns = setOf("mep", "livraison", "golive")
	teamWords = setOf("team", "all", "everyone", "everybody", "folks", "guys", "people", "yall", "equipe", "tous", "toutes", "monde", "gens", "teams")
)

// participles tell what was done, and order nothing: "has api 2.0 been
// deployed to staging?".
var participles = setOf("deployed", "released", "shipped", "pushed", "rolled", "reverted", "promoted", "deploye", "deployee", "deployes",
	"deployees", "promu", "promue", "livree", "livres", "livrees")

// hasFault reports whether words hold a word of failure.
// withoutLeads returns words without the politeness, interjections and
// yes or no that open them: "please look at web prod", "ok, look at …".
func withoutLeads(words []string) []string {
	for len(words) > 1 && (politeWords.has(words[0]) || interjections.has(words[0]) || yesHeads.has(words[0]) || words[0] == "no" || words[0] == "non") {
		words = words[1:]
	}
	return words
}

// inspectVerbs ask to look at something; "lift" (a freeze's, said
// without it) orders no deploy nor rollback either.
var inspectVerbs = setOf("look", "check", "inspect", "see", "watch", "monitor", "regarde", "regardez", "verifie", "verifiez", "surveille",
	"checke", "jette", "lift")

// rollbackOnlyNamed reports whether every rollback word of words is a
// noun that names a document or a state ("the rollback plan is ready",
// "plan de rollback prêt", "rollback is documented", "rollback tested")
// and none of them is an order.
func rollbackOnlyNamed(words []string) bool {
	if slices.ContainsFunc(words, planRunVerbs.has) {
		return false // "execute the rollback plan on api prod", "rollback est prêt, lance-le"
	}
	named, skip := false, -1
	for i, w := range words {
		if i <= skip {
			continue
		}
		if w == "retour" && (wordAt(words, i-1) == "de" || wordAt(words, i-1) == "du") && rollbackNounHeads.has(wordAt(words, i-2)) {
			// "procédure de retour arrière pour le back svp": the
			// procedure's name (it planned a rollback).
			if wordAt(words, i+1) == "arriere" {
				named, skip = true, i+1
				continue
			}
			if wordAt(words, i+1) == "en" && wordAt(words, i+2) == "arriere" {
				named, skip = true, i+2
				continue
			}
		}
		if w != "rollback" && w != "rb" && w != "revert" {
			if slices.ContainsFunc([]string{w}, rollbackSlang) || hasRollbackStem([]string{w}) {
				return false
			}
			continue
		}
		next, prev := wordAt(words, i+1), wordAt(words, i-1)
		if next == "was" || next == "etait" || next == "were" {
			named = true // "rollback was a mistake"
			continue
		}
		state := next
		if copulas.has(next) && !(next == "s" && (wordAt(words, i+2) == "il" || wordAt(words, i+2) == "ils")) {
			state = wordAt(words, i+2) // "rollback is ready"; not "rb s'il te plaît"
		} else if copulas.has(next) {
			return false
		}
		told := rollbackToldAfter.has(state) && !copulas.has(state) && !slices.ContainsFunc(words[i+1:], func(w string) bool {
			_, env := envWordOf(w)
			return env || versionToken(w) != ""
		}) // not "rollback checked version 2.14.1 on api prod", "rollback is urgent on api prod"
		if rollbackNounHeads.has(next) || told || (prev == "de" || prev == "du" || prev == "of") && rollbackNounHeads.has(wordAt(words, i-2)) {
			named = true
			continue
		}
		return false
	}
	return named
}

// rollbackNounHeads make a rollback's word a noun's modifier: "rollback
// plan", "plan de rollback"; rollbackToldAfter tell of it: "rollback is
// ready", "rollback tested".
var (
	rollbackNounHeads = setOf("plan", "plans", "procedure", "procedures", "strategy", "strategie", "script", "scripts", "steps", "etapes",
		"runbook", "doc", "docs", "documentation", "path", "section", "checklist", "item", "case", "scenario", "drill", "test", "tests")
	rollbackToldAfter = setOf("ready", "pret", "prete", "documented", "documente", "tested", "teste", "written", "ecrit", "covered",
		"validated", "valide", "checked", "verifie", "prevu", "planned")
	// planRunVerbs carry out a plan: "execute the rollback plan", "lance le
	// plan de rollback".
	planRunVerbs = setOf("execute", "run", "lance", "lancez", "lance-le", "lance-la", "launch", "apply", "applique", "appliquez", "trigger",
		"declenche", "start", "demarre", "go", "do", "fais", "fais-le", "vas-y", "execute-le", "proceed", "use", "utilise")
)

// copulas tell what something is: "rollback is ready".
var copulas = setOf("is", "est", "was", "etait", "s")

// goesBack reports whether words say going back, or the trouble that
// calls for it: "rollback", "rb", "revenir", "previous", "la dernière
// bonne", "it's broken".
func goesBack(words []string) bool {
	return hasRollbackStem(words) || slices.ContainsFunc(words, rollbackSlang) || hasFault(words) ||
		slices.ContainsFunc(words, backWord) || slices.ContainsFunc(words, outageWords.has) || slices.ContainsFunc(words, troubleWords.has) ||
		slices.ContainsFunc(words, func(w string) bool {
			return len(w) >= 3 && (w[0] == '4' || w[0] == '5') && strings.Trim(w[1:], "0123456789xs") == ""
		}) || badToldAt(words)
}

// backProjectDropped returns words without a "back" that names a project
// after its article ("le back en 2.5.2": the api, in the example
// configuration, no going back).
func (r *Router) backProjectDropped(words []string) []string {
	if !slices.Contains(words, "back") || !r.projectWord("back") {
		return words
	}
	return slices.DeleteFunc(slices.Clone(words), func(w string) bool { return w == "back" && backArticled(words) })
}

// backArticled reports whether every "back" of words follows an article
// or a preposition of a name: "le back", "du back", "au back".
func backArticled(words []string) bool {
	for i, w := range words {
		if w == "back" && (i == 0 || !backNameBefore.has(words[i-1])) {
			return false
		}
	}
	return true
}

// backNameBefore stand before "back" when it names a project.
var backNameBefore = setOf("le", "du", "au", "the", "l", "de", "pour", "sur")

// badToldAt reports whether words say a version is bad ("2.4.1 is
// wrong", "la 2.4.1 est mauvaise"), not that the order was ("wrong
// version, v3.4.7 please", "wrong one, I meant web 5.4.3").
func badToldAt(words []string) bool {
	for i, w := range words {
		if (w == "wrong" || w == "bad" || w == "mauvaise" || w == "mauvais") && i > 0 && copulas.has(words[i-1]) {
			return true
		}
	}
	return false
}

// troubleWords tell of an incident without the fault words: "on fire",
// "borked", "hosed", "naze", "latency through the roof", "2.4.1 is
// wrong": a version named then is the one to go back to.
var troubleWords = setOf("fire", "feu", "borked", "hosed", "naze", "latency", "latence", "slow", "lent", "lente", "broken", "casse", "cassee", "down", "panne", "crash", "crashes", "bug", "bugs", "ko", "plante", "rame", "roof", "issue",
	"issues", "problem", "probleme", "souci", "incident", "urgent", "urgence", "timeouts", "timeout", "throwing", "red", "rouge", "dead",
	"mort", "morte", "hs", "fucked", "messed", "pete", "explose", "boom", "degraded", "degrade", "erreur", "erreurs", "errors", "error",
	"unusable", "inutilisable", "foireuse", "foireux", "pourri", "pourrie", "nulle", "buggy", "bugge", "buggee", "mistake", "disaster",
	"desastre", "catastrophe", "regression", "regressions")

// backWord reports whether w says going back: one of backWords, or a verb
// of them with its pronoun ("repasse-la", "remets-le", "reviens-y").
func backWord(w string) bool {
	if backWords.has(w) {
		return true
	}
	for _, p := range []string{"repass", "remet", "revien", "reven", "rebascul", "retour"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// backWords say going back without a rollback's word.
var backWords = setOf("back", "arriere", "retour", "retourne", "retourner", "revenir", "reviens", "revenez", "revient", "remets", "remettre",
	"remet", "previous", "precedente", "precedent", "derniere", "dernier", "last", "stable", "annule", "annuler", "cancel", "repasse",
	"repasser", "rebascule", "rebasculer", "bascule", "switch", "older", "ancienne", "ancien", "old")

func hasFault(words []string) bool {
	for _, w := range words {
		if faultWords.has(w) {
			return true
		}
	}
	return false
}

// orderNouns name a deploy or a rollback as a noun; orderNounFillers may
// stand between it and the project.
var (
	orderNouns = map[string]deploybot.IntentKind{"mep": deploybot.IntentDeploy, "rb": deploybot.IntentRollback, "deploiement": deploybot.IntentDeploy,
		"deployment": deploybot.IntentDeploy, "deploy": deploybot.IntentDeploy, "release": deploybot.IntentDeploy,
		"livraison": deploybot.IntentDeploy, "rollback": deploybot.IntentRollback, "golive": deploybot.IntentDeploy, "go-live": deploybot.IntentDeploy}
	orderNounFillers = setOf("du", "de", "d", "l", "le", "la", "des", "of", "the", "for", "pour", "en", "in", "to", "on", "sur",
		"a", "please", "pls", "stp", "svp", "merci", "now", "maintenant", "asap", "mise", "prod", "production", "go-live", "go", "live",
		"plutot", "instead", "rather", "des", "que", "possible", "as", "soon", "with", "avec", "tout", "suite", "vite", "immediately",
		"immediatement", "urgent", "right", "away")
)

// wantOrder returns the action a message opens by wanting it: "je veux
// déployer", "je voudrais faire une MEP", "I want to deploy", "I'd like to
// roll back web", "we need to deploy api"; the action's verb right after
// the wish (not "je veux comprendre comment déployer").
func wantOrder(words []string) deploybot.IntentKind {
	i := 0
	switch {
	case len(words) > 2 && (words[0] == "je" || words[0] == "j" || words[0] == "on") && wishVerbs.has(words[1]):
		i = 2
	case len(words) > 3 && (words[0] == "i" || words[0] == "we") && (words[1] == "want" || words[1] == "need") && words[2] == "to":
		i = 3
	case len(words) > 4 && (words[0] == "i" || words[0] == "we") && (words[1] == "d" || words[1] == "would") && (words[2] == "like" || words[2] == "love") && words[3] == "to":
		i = 4
	default:
		return ""
	}
	w := words[i]
	if (w == "faire" || w == "lancer") && i+2 < len(words) && (words[i+1] == "un" || words[i+1] == "une" || words[i+1] == "le" || words[i+1] == "la") {
		w = words[i+2] // "faire une MEP", "lancer un rollback"
	}
	switch {
	case w == "mettre" && i+2 < len(words) && words[i+2] == "prod" || w == "mep" || w == "deployer" || w == "deploy" || w == "ship" ||
		w == "release" || w == "livrer" || w == "deploiement":
		return deploybot.IntentDeploy
	case w == "rollback" || w == "revert" || w == "roll" && i+1 < len(words) && words[i+1] == "back" || w == "revenir" || w == "undo" ||
		w == "annuler" && i+2 < len(words) && (words[i+2] == "mep" || words[i+2] == "release" || words[i+2] == "deploiement"):
		return deploybot.IntentRollback
	}
	return ""
}

// wishVerbs say a wish in French, after "je" or "on".
var wishVerbs = setOf("veux", "voudrais", "veut", "voudrait", "souhaite", "souhaiterais", "aimerais", "aimerait", "dois", "doit")

// releaseNouns name what a team goes back to ("la version précédente",
// not "l'ancienne stratégie").
var releaseNouns = setOf("version", "versions", "release", "build", "tag", "mep", "livraison", "deploy", "deploiement")

// collectiveBack reports whether words open with the team going back: "on
// revient à…", "on repasse en…", "we go back to…", "let's roll back…".
func collectiveBack(words []string) (back, noun bool) {
	if len(words) < 2 || !(words[0] == "on" || words[0] == "we" || words[0] == "lets") {
		return false, false
	}
	i := 1
	if words[0] == "let" && words[1] == "s" || words[0] == "on" && words[1] == "va" {
		i = 2
	}
	if i >= len(words) {
		return false, false
	}
	// Going back to a version ("on revient à la 2.0.0", "we go back to
	// 3.1.0"), not to a subject ("on revient vers toi", "on revient sur
	// la décision", "we go back to the topic"): the version is checked by
	// the caller.
	next := func(k int) string {
		if k < len(words) {
			return words[k]
		}
		return ""
	}
	switch words[i] {
	case "revient", "revenir", "retourne", "retourner":
		return next(i+1) == "a" || next(i+1) == "en" && next(i+2) == "arriere", false
	case "rollback", "revert", "reverte":
		return true, true
	case "go", "roll":
		return next(i+1) == "back" && (next(i+2) == "to" || next(i+2) == "on" || i+2 >= len(words)), false
	case "fait", "faire":
		return i+2 < len(words) && (words[i+1] == "un" || words[i+1] == "le") && words[i+2] == "rollback", true
	}
	return false, false
}

// notNow make an incident told no incident now: negated, conditional,
// past or fixed.
var notNow = setOf("si", "if", "hier", "yesterday", "was", "etait", "fixed", "repare",
	"reparee", "resolu", "resolved", "corrige", "corrigee", "before", "avant", "earlier", "ago", "would", "could", "serait", "pourrait")

// calmLine reports whether a person's line says a trouble is over or
// never was: "false alarm, it was the cache", "fixed by clearing the
// cache", "c'est réglé"; not a line that tells a fault too.
func (r *Router) calmLine(line string) bool {
	f, ws := fold(line), wordsOf(line)
	if strings.ContainsAny(line, "?¿") || hasFault(ws) || slices.ContainsFunc(ws, troubleWords.has) || slices.ContainsFunc(ws, negationWords.has) ||
		slices.ContainsFunc(ws, func(w string) bool {
			return w == "pas" || w == "not" || w == "isn" || w == "no" || w == "nope" || w == "non" || w == "thought" || w == "croyais" ||
				w == "pensais" || w == "really" || w == "vraiment"
		}) || r.projectsNamed(ws) > 0 {
		return false // "not a false alarm", "fausse alerte ?", "i thought it was fixed", "false alarm on web, api is really down"
	}
	return strings.Contains(f, "false alarm") || strings.Contains(f, "fausse alerte") || strings.Contains(f, "fausse alarme") ||
		slices.ContainsFunc(ws, calmWords.has)
}

// calmWords say a trouble is over: "fixed", "resolved", "c'est réglé".
var calmWords = setOf("fixed", "resolved", "resolu", "resolue", "regle", "reglee", "solved")

// noIncidentNow reports whether words tell no incident now: a fault
// negated ("n'est pas cassé", "isn't broken"), or a word of notNow; "ne
// marche plus" tells one.
func noIncidentNow(words []string) bool {
	for i, w := range words {
		if notNow.has(w) {
			return true
		}
		if w == "pas" || w == "not" || w == "isnt" || w == "arent" || w == "wasnt" || w == "no" || w == "nothing" || w == "rien" ||
			w == "zero" || w == "0" || w == "aucune" || w == "aucun" || w == "sans" || w == "without" {
			for k := i + 1; k < min(len(words), i+3); k++ {
				if faultWords.has(words[k]) || incidentWords.has(words[k]) { // "no errors on api prod", "pas d'erreur"
					return true
				}
			}
		}
	}
	return false
}

// pastTold tell that a release went out: no order, whatever slots it
// names.
var pastTold = setOf(releasePast...)

// releasePast are the words that tell a release gone out.
var releasePast = []string{"hier", "yesterday", "parti", "partie", "went", "deployed", "deploye", "deployee", "shipped", "ago",
	"earlier", "last"}

// hurryWords ask for a fix now: "direct en prod", "tout de suite stp".
var hurryWords = setOf("direct", "directement", "now", "maintenant", "suite", "asap", "stp", "svp", "please", "pls", "vite", "urgent",
	"urgence", "go", "immediately", "immediatement")

// toldDone tell a fix that went out, or will: "est parti en prod hier",
// "deployed by alice at 10:02".
var toldDone = setOf(append([]string{"was", "etait", "done", "fait", "prevu", "planned", "scheduled", "demain", "tomorrow", "waiting",
	"attend", "attente"}, releasePast...)...)

// faultWith reports whether the clause of text that names version tells
// a fault: "le correctif 2.0.1 du site a cassé la prod".
func faultWith(text, version string) bool {
	v := fold(version)
	for _, c := range clauses(text) {
		ws := wordsOf(c)
		if slices.Contains(ws, v) && hasFault(ws) {
			return true
		}
	}
	return false
}

// impliedEnvSaid reports whether words name an action with its
// environment ("MEP", "go-live").
func impliedEnvSaid(words []string) bool {
	for _, w := range words {
		if _, ok := impliedEnvOf(w); ok {
			return true
		}
	}
	return false
}

// previousWords name the version before: a deploy of it goes back.
var previousWords = setOf("previous", "precedente", "precedent", "ancienne", "prior")

// lightVerbs order the noun that follows them ("fais un rollback").
var lightVerbs = setOf("fais", "faites", "lance", "lancez", "launch", "do", "trigger", "declenche", "declenchez", "start", "procede",
	"procedez", "proceed")

// nounOrder reads an order said as a noun with its project, nothing else
// but an environment, a version and fillers, and no question: "MEP du
// front" deploys web to production, "rollback de l'api en prod" rolls it
// back.
func (r *Router) nounOrder(m message, s slots, words []string, raw string) (deploybot.Intent, bool) {
	if m.question || s.negated || len(words) > 10 {
		return deploybot.Intent{}, false
	}
	// "fais un rollback", "lance la MEP", "do a rollback": a light verb
	// orders the noun after it, with or without a project (the bot asks
	// for it).
	light := -1
	for i, w := range words {
		if lightVerbs.has(w) {
			light = i
			break
		}
		if !orderNounFillers.has(w) {
			break
		}
	}
	// "I need a rollback", "j'ai besoin d'un rollback du site en prod",
	// "il faut une MEP de l'api": a need said first orders the noun
	// after it as a light verb does (light is the need's last word).
	wish := 0
	if light < 0 && s.app != "" && !laterMoment(raw) && !strings.ContainsFunc(raw, func(c rune) bool { return c >= 0x2000 && c != '’' }) {
		if n := wishOpening(words); n > 0 && n < len(words) && words[n] != "the" && words[n] != "le" && words[n] != "la" && words[n] != "l" &&
			!slices.ContainsFunc(words[n:], func(w string) bool { return w == "release" || w == "livraison" || w == "soon" || w == "bientot" }) {
			wish, light = n, n-1
			if light+1 < len(words) && (words[light+1] == "faire" || words[light+1] == "do") {
				wish, light = wish+1, light+1 // "il faut faire un rollback"
			}
		}
	}
	if s.app == "" && light < 0 {
		return deploybot.Intent{}, false
	}
	intent := deploybot.IntentKind("")
	for i, w := range words {
		if i == light || i < wish || light >= 0 && (w == "un" || w == "une" || w == "an") {
			continue
		}
		if it, ok := orderNouns[w]; ok && intent == "" {
			intent = it
			continue
		}
		if w == "mise" && i+2 < len(words) && words[i+1] == "en" && (words[i+2] == "prod" || words[i+2] == "production") {
			intent = deploybot.IntentDeploy
			continue
		}
		if (w == "hotfix" || w == "correctif" || w == "patch") && s.version != "" && intent == "" && (i == 0 || i == light+1) {
			intent = deploybot.IntentDeploy // "hotfix api 3.16.4": the fix's version, shipped
			continue
		}
		if (w == "retour" && i+1 < len(words) && words[i+1] == "arriere" || w == "arriere" && i > 0 && words[i-1] == "retour") && intent == "" ||
			w == "arriere" && intent == deploybot.IntentRollback {
			intent = deploybot.IntentRollback // "retour arrière sur l'api"
			continue
		}
		if orderNounFillers.has(w) || strings.HasPrefix(w, "__") {
			continue
		}
		if _, ok := envWordOf(w); ok {
			continue
		}
		if a, ok := r.project(w); ok && a == s.app || s.appShort && r.ix.short[w] == s.app {
			continue
		}
		if s.version != "" && (w == fold(s.version) || strings.TrimPrefix(w, "v") == strings.TrimPrefix(fold(s.version), "v")) {
			continue
		}
		return deploybot.Intent{}, false
	}
	if intent == "" {
		return deploybot.Intent{}, false
	}
	env := s.env
	for _, w := range words {
		if e, ok := impliedEnvOf(w); ok && env == "" {
			env = e
		}
		if w == "mise" && env == "" {
			env = deploybot.EnvProduction
		}
	}
	in := deploybot.Intent{Intent: intent, App: s.app, Env: env, Version: s.version, SubjectApp: s.app, SubjectEnv: env}
	if intent == deploybot.IntentRollback {
		in.Route = deploybot.RouteRollback
	} else {
		in.Route = r.deployRoute(env)
	}
	return in, true
}

// oneProject reports whether words name one project only (the same one
// however often): "le front est tombé hier mais là c'est le back qui
// plante" names two, and an order after it must say which.
func (r *Router) oneProject(words []string) bool {
	seen := ""
	for i, w := range words {
		a, ok := r.project(w)
		if !ok || stopWords.has(w) {
			if i > 0 && shortAfter.has(words[i-1]) {
				a = r.ix.short[w]
			}
			if a == "" {
				continue
			}
		}
		if seen != "" && a != seen {
			return false
		}
		seen = a
	}
	return seen != ""
}

// verbTargets are the verbs of an order whose typos typoVerb reads: not
// "revert" ("revers", "revere", "reverb") nor "déploie" ("déplie"), whose
// neighbours are words.
var verbTargets = []string{"rollback", "deploy", "redeploy"}

// typoVerb returns text with its first word, no order's word but one edit
// from an order's verb and with its first two letters, written right:
// "rolback front" → "rollback front". Only letters; no project's name; no
// question.
func (r *Router) typoVerb(text string) (string, bool) {
	first, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	w := fold(first)
	if len(w) < 5 || !isLetters(w) || isActionWord(w) || hasRollbackStem([]string{w}) {
		return "", false // an order's word already
	}
	if _, ok := r.project(w); ok {
		return "", false
	}
	if strings.Contains(text, "?") {
		return "", false // "rolback ?": a question, whatever its word
	}
	for _, v := range verbTargets {
		// One edit only: two reach words ("fallback", "callback").
		if w != v && w[:2] == v[:2] && distance(w, v) == 1 {
			return v + " " + rest, true
		}
	}
	return "", false
}

// ruleForAll reports whether words ask for a rule for everyone: a scope
// over the agency and a rule's word.
func ruleForAll(words []string) bool {
	scope, rule := false, false
	for i, w := range words {
		switch w {
		case "company-wide", "agency-wide", "everyone", "everybody", "agence", "agency", "company", "entreprise":
			scope = true
		case "tout":
			scope = scope || i+2 < len(words) && words[i+1] == "le" && words[i+2] == "monde"
		case "tous", "all":
			scope = scope || i+2 < len(words) && (words[i+1] == "les" || words[i+1] == "the") && (words[i+2] == "projets" || words[i+2] == "projects")
		case "rule", "rules", "regle", "regles", "policy", "policies", "standard", "standards", "norme", "normes", "politique":
			rule = true
		}
	}
	return scope && rule
}

// outageWords tell an incident, not a figure: "latency looks bad" is a
// metric's talk.
var outageWords = setOf("incident", "incidents", "outage", "outages", "panne", "pannes", "down", "crash", "crashed", "hs",
	// "site en carafe", "l'api est en rade": broken down, in French slang
	"carafe", "rade")

// thresholdWords ask how much is too much: "what error rate is still
// acceptable?" asks about the watch, not an incident.
var thresholdWords = setOf("acceptable", "acceptables", "rate", "taux", "seuil", "seuils", "threshold", "thresholds", "normal", "normale")

// badPractice reports whether words ask whether something is a bad
// practice or which mistakes to avoid.
func badPractice(words []string) bool {
	for i, w := range words {
		switch w {
		case "anti-pattern", "anti-patterns", "antipattern", "antipatterns", "mistakes", "pitfalls", "pieges":
			return true
		case "erreurs", "errors", "trucs", "things":
			if slices.ContainsFunc(words[i:], func(x string) bool { return x == "eviter" || x == "avoid" || x == "jamais" || x == "never" }) {
				return true // "les erreurs à éviter quand on déploie"
			}
		case "pratique", "pratiques":
			if i > 0 && (words[i-1] == "mauvaise" || words[i-1] == "mauvaises") {
				return true
			}
		case "practice", "practices":
			if i > 0 && words[i-1] == "bad" {
				return true
			}
		case "idee", "idea":
			if i > 0 && (words[i-1] == "mauvaise" || words[i-1] == "bad") {
				return true // "c'est une mauvaise idée de …"
			}
		case "bad":
			if i+1 < len(words) && words[i+1] == "to" && i > 0 && (words[i-1] == "it" || words[i-1] == "s") {
				return true // "is it bad to bundle 3 weeks of changes into one release?"
			}
		case "probleme", "problem":
			if i > 1 && (words[i-1] == "un" || words[i-1] == "a") && (words[i-2] == "vraiment" || words[i-2] == "really") {
				return true // "déployer sans personne d'astreinte, c'est vraiment un problème ?"
			}
		}
	}
	return false
}

// infraVerbs order a change of servers, not a deploy; makeVerbs make a
// tool of devops'.
var (
	infraVerbs = setOf("scale", "restart", "reboot", "resize", "provision", "redemarre", "redemarrer", "upscale", "downscale")
	makeVerbs  = setOf("cree", "creer", "create", "setup", "configure", "configurer", "install", "installer")
	devopsMade = setOf("webhook", "webhooks", "pipeline", "pipelines", "script", "scripts", "workflow", "workflows", "runner", "runners",
		"serveur", "server", "cron", "dockerfile")
)

// infraWork reports whether words ask for infrastructure to be built,
// set up, restored or resized (a verb of that work and a noun of
// infrastructure), with no word of deploying or going back.
func infraWork(m message) bool {
	verb, noun := false, false
	for i, t := range m.tokens {
		w := t.norm
		switch {
		case w == "how" || w == "comment" || w == "why" || w == "pourquoi" || w == "when" || w == "quand" || faultWords.has(w) ||
			w == "migration" || w == "migrations" || infraWorkVerbs.has(w) && i > 0 && reportAux.has(m.tokens[i-1].norm):
			// "how do I restore the database after a failed migration?",
			// "on a restauré la base mais il manque …": going back's
			// question, and work told done.
			return false
		case infraWorkVerbs.has(w):
			verb = true
		case infraNouns.has(w):
			noun = true
		case isActionWord(w) || hasRollbackStem([]string{w}):
			return false
		}
	}
	return verb && noun
}

var (
	infraWorkVerbs = setOf("create", "creer", "cree", "configure", "configurer", "configurez", "setup", "provision", "provisionner", "restore",
		"restaurer", "restaure", "resize", "redimensionner", "redimensionne", "install", "installer", "installe", "upgrade", "monter",
		"spin", "agrandir", "augmenter")
	infraNouns = setOf("instance", "instances", "rds", "pgbouncer", "backup", "backups", "sauvegarde", "sauvegardes", "server", "servers",
		"serveur", "serveurs", "host", "hote", "database", "bdd", "base", "db", "cluster", "vm", "vms", "disk", "disque", "replica",
		"replicas", "replique", "bucket", "load-balancer", "balancer", "dns", "certificat", "certificate", "redis", "postgres",
		"postgresql", "mysql", "node", "nodes")
)

// infraAsked reports whether words open with a change of servers
// ("scale the api deployment to 6 replicas") or ask to make a tool of
// devops' ("comment on crée le webhook de déploiement côté serveur ?").
func infraAsked(words []string) bool {
	if len(words) > 0 && infraVerbs.has(words[0]) && !hasRollbackStem(words) {
		return true // not "restart the rollback of the api"
	}
	return slices.ContainsFunc(words, makeVerbs.has) && slices.ContainsFunc(words, devopsMade.has)
}

// momentAsked reports whether a message names a moment, or now: a
// question with one asks the windows' verdict.
func momentAsked(text string, words []string) bool {
	if _, ok := momentOf(text, words); ok {
		return true
	}
	return slices.ContainsFunc(words, askedNow.has) || slices.ContainsFunc(words, func(w string) bool { _, ok := weekdays[w]; return ok })
}

// toldPast reports whether words tell a release gone out in French's
// past: "on a mis l'api en prod en 2.4.0 mardi", "la 2.4.0 est passée en
// prod".
func toldPast(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		switch words[i] {
		case "a", "ai", "avons", "ont", "as", "avez":
			switch words[i+1] {
			case "mis", "mise", "passe", "pousse", "livre", "deploye", "sorti", "envoye":
				return true
			}
		case "est", "sont":
			if i > 0 && words[i-1] == "c" {
				continue // "c'est parti": let's go
			}
			switch words[i+1] {
			case "passee", "passe", "partie", "parti", "sortie", "sorti", "livree", "livre", "deployee", "deploye":
				return true
			}
		}
	}
	return false
}

// mepOpens reports whether text opens, after an urgency label, with the
// noun of a production deploy: "URGENT : MEP du site en 1.9.9, le
// formulaire de contact est cassé" orders the deploy, whatever breaks.
func mepOpens(text string) bool {
	ws := wordsOf(afterLabel(text))
	for len(ws) > 0 && (urgencyWords.has(ws[0]) || politeOpeners.has(ws[0])) {
		ws = ws[1:]
	}
	return len(ws) > 0 && (ws[0] == "mep" || len(ws) > 2 && ws[0] == "mise" && ws[1] == "en" && (ws[2] == "prod" || ws[2] == "production"))
}

// afterLabel returns text after a short label and its colon ("URGENT :",
// "hotfix:"), or text.
func afterLabel(text string) string {
	if i := strings.Index(text, ":"); i >= 0 && i < 20 && len(wordsOf(text[:i])) <= 2 {
		return strings.TrimSpace(text[i+1:])
	}
	return text
}

// readAnswer reports whether line is the bot's answer to before, a command
// that reads (status, history, audit, a list): a title and a colon that
// neither asks nor orders ("This week: 9 entries: …", "api: 14
// deployments since December 1."). Nobody answers their own read.
func (r *Router) readAnswer(ctx context.Context, line, before string) bool {
	colon := strings.IndexByte(line, ':')
	if colon <= 0 || colon > 40 || strings.Contains(line, "?") || isBotReply(before) {
		return false
	}
	if head := strings.TrimSpace(line[:colon]); !strings.Contains(head, " ") && head != strings.ToLower(head) {
		// "Julie: le site plante en prod": a speaker, not a title,
		// unless it names a project or an environment ("API: …").
		if _, ok := r.project(fold(head)); !ok {
			if _, ok := envWordOf(fold(head)); !ok && !titleWords.has(fold(head)) {
				return false
			}
		}
	}
	prev := r.alone(ctx, before)
	if prev.Kind != deploybot.KindCommand || !(readCommands[prev.Command] || prev.Command == deploybot.CmdDora ||
		prev.Command == deploybot.CmdContext && prev.Arg("what") == "show") {
		return false
	}
	own := r.alone(ctx, line)
	return own.Kind != deploybot.KindCommand && own.Kind != deploybot.KindAction
}

// titleWords open the bot's answers to a read ("Today: 3 entries…").
var titleWords = setOf("today", "aujourd'hui", "aujourd hui", "reminders", "rappels", "locks", "verrous", "freezes", "gels", "projects",
	"projets", "environments", "environnements", "pending", "history", "historique", "audit", "status", "statut", "state", "etat")

// commandAsk reports whether line, the last of the conversation, is the
// bot asking back about before, a command or an action that lacks its
// project or environment: a short question that is neither a command nor
// an action ("Since when? today, this week or this month?" after "audit",
// "What should I roll back? api or web, and which environment?" after
// "rollback"). Nobody asks a question of their own order.
func (r *Router) commandAsk(ctx context.Context, line, before string) bool {
	if !strings.Contains(line, "?") || len(wordsOf(line)) > 20 || isBotReply(before) {
		return false
	}
	prev := r.alone(ctx, before)
	switch {
	case prev.Kind == deploybot.KindAction:
		if prev.App != "" && prev.Env != "" {
			return false // nothing to ask: the plan's own line says "Confirm?"
		}
	case prev.Kind != deploybot.KindCommand || prev.Command == deploybot.CmdConfirm || prev.Command == deploybot.CmdCancel ||
		prev.Command == deploybot.CmdHelp:
		return false
	}
	own := r.alone(ctx, line)
	return own.Kind != deploybot.KindCommand && own.Kind != deploybot.KindAction
}

// goodNews reports whether a person's remark after an order says it went
// well ("smoke tests are green on staging", "QA is happy", "LGTM"): only
// then does "push it to prod" carry that order's version; after any other
// remark ("the client hates the new colour", "QA is still testing") the
// bot asks.
func goodNews(line string) bool {
	for _, w := range wordsOf(line) {
		if validatedWords.has(w) || goodNewsWords.has(w) {
			return true
		}
	}
	return false
}

// goodNewsWords say a build went well.
var goodNewsWords = setOf("happy", "content", "contente", "lgtm", "works", "marche", "fonctionne", "nickel", "fine", "great", "parfait",
	"perfect", "passe", "passent", "passent", "success", "succes", "reussi")

// badNews reports whether a person's line says no, or tells a fault:
// "don't push it to prod before Bob checks", "Bob dit de ne pas le
// pousser", "staging is red", "wait, 4.6.0 has the payment bug". An order
// said on a pronoun after it carries nothing over.
func (r *Router) badNews(line string) bool {
	ws := wordsOf(line)
	return r.analyze(line).s.negated || slices.ContainsFunc(ws, negationWords.has) || hasFault(ws) ||
		slices.ContainsFunc(ws, badNewsWords.has)
}

// badNewsWords tell that something is not ready.
var badNewsWords = setOf("red", "rouge", "ko", "bug", "bugs", "wait", "attends", "don", "doesn", "isn", "hold", "stop", "rejected",
	"rejete", "refuse", "refused", "echoue", "failed", "fails", "no-go", "nogo", "veto", "vetoed", "blocker", "bloquant", "revert",
	"rollback", "broken", "casse")

// commandTalk reports whether text is talk of a command that changes
// something (a decision, a lock, a freeze, a setting, a reminder), asked
// whether it may be done, suggested, negated or passed on to someone.
func commandTalk(text string) bool {
	// Most questions name no command: the cheap scan first (a profile of
	// Parse had the hedges below on every question).
	words := wordsOf(text)
	named := false
	for _, w := range words {
		if handOffDirection.has(w) || handOffDevops.has(w) {
			return false // "can we make four-eyes approval the policy for every client": a hand-off
		}
		if _, ok := stemOf(w, decisionStems); ok && !rollbackVerbs.has(w) && !strings.HasPrefix(w, "valid") {
			named = true
		}
		if _, ok := lockVerbs[w]; ok || lockish(w) || strings.HasPrefix(w, "rappel") || strings.HasPrefix(w, "reminder") ||
			strings.HasPrefix(w, "approba") || strings.HasPrefix(w, "approval") || strings.HasPrefix(w, "unlock") || strings.HasPrefix(w, "deverrou") ||
			strings.HasPrefix(w, "degel") || strings.HasPrefix(w, "unfreez") {
			named = true
		}
	}
	if !named || hasRollbackStem(words) {
		return false // "can we still roll back during a freeze?": going back's talk
	}
	return permissionAsked(commandLine(text)) || relayed(text) || negatedAt(words) || reminderDeletionHedged(numbered(text))
}

// negatedAt reports whether words open with a negation of what follows:
// "don't …", "ne supprime pas …", "never …".
func negatedAt(words []string) bool {
	for i, w := range words {
		if i > 2 {
			break
		}
		if w == "dont" || w == "never" || w == "jamais" || w == "ne" || w == "don" && i+1 < len(words) && words[i+1] == "t" {
			return true
		}
	}
	return false
}

// targetNamed reports whether text names what a command acts on: a
// project, an environment or a deployment's id ("don't delete reminder
// 2"), not a rule in general ("can we make four-eyes approval mandatory
// agency-wide", a hand-off).
func (r *Router) targetNamed(text string) bool {
	if hasID(wordsOf(text)) {
		return true
	}
	s := r.analyze(text).s
	return s.app != "" || s.env != ""
}

// fragmentWords may stand beside an environment named alone without
// giving an order: sequel, politeness, haste, prepositions.
var fragmentWords = setOf("now", "maintenant", "and", "et", "ok", "okay", "then", "alors", "next", "ensuite", "puis", "in", "on",
	"to", "en", "sur", "vers", "into", "the", "la", "le", "l", "please", "pls", "stp", "svp", "too", "aussi", "also", "vite", "quick",
	"quickly", "asap", "straight", "directly", "direct", "directement", "env", "environment", "environnement", "so", "donc", "ca",
	"tout", "encore", "it", "this", "that", "everything", "all", "again", "later", "tard", "plus", "demain", "tomorrow", "tonight",
	"soir", "ce", "maybe", "peut-etre", "guess", "i", "think", "je", "crois", "soon", "bientot", "great", "nice", "cool", "top",
	"super", "parfait", "perfect", "good", "onto", "allez", "yes", "oui", "non", "no", "nope", "thanks",
	"merci", "when", "quand", "after", "apres", "lunch", "as", "well", "aussi", "says", "dit", "carol", "bob", "at", "a", "h", "pm",
	"am", "monday", "tuesday", "wednesday", "thursday", "friday", "lundi", "mardi", "mercredi", "jeudi", "vendredi")

// fragmentLater put an environment named alone off or in doubt: "prod
// later", "en prod demain", "prod maybe".
var fragmentLater = setOf("later", "tard", "demain", "tomorrow", "tonight", "soir", "maybe", "peut-etre", "guess", "think", "crois",
	"soon", "bientot", "non", "no", "nope", "when", "quand", "after", "apres", "lunch", "at", "monday", "tuesday", "wednesday",
	"thursday", "friday", "lundi", "mardi", "mercredi", "jeudi", "vendredi")

// envFragment reports whether words are one environment's name and
// fragmentWords only: "now in production", "et en prod", "now prod pls".
func envFragment(words []string, unknownEnv string) bool {
	isEnvWord := func(w string) bool {
		_, ok := envWordOf(w)
		return ok || w == unknownEnv
	}
	envs := 0
	for _, w := range words {
		switch {
		case fragmentWords.has(w):
		case isEnvWord(w):
			envs++
		case strings.Trim(w, "0123456789h") == "" || strings.HasSuffix(w, "pm") || strings.HasSuffix(w, "am") && strings.Trim(w, "0123456789am") == "":
			// "prod à 17h30", "prod at 5pm": a moment
		default:
			return false
		}
	}
	return envs == 1
}

// fromHistory reports whether req's project comes from the conversation,
// not from text (which names none).
func (r *Router) fromHistory(req deploybot.Request, text string) bool {
	for _, w := range wordsOf(text) {
		if p, ok := r.project(w); ok && p == req.App {
			return false
		}
	}
	return true
}

// backTold reports whether words tell that something is back ("payments
// are back", "api is back up", "le site est revenu") with no verb of
// going back ("roll back", "revert", "reviens à la 1.2").
func backTold(words []string) bool {
	told := false
	for i, w := range words {
		switch {
		case w == "back" && i > 0 && (words[i-1] == "is" || words[i-1] == "are" || words[i-1] == "s" || words[i-1] == "was" ||
			words[i-1] == "were" || words[i-1] == "re" || words[i-1] == "been"):
			told = true
		case (w == "revenu" || w == "revenue" || w == "revenus" || w == "revenues") && i > 0 && (words[i-1] == "est" || words[i-1] == "sont"):
			told = true
		case w == "rollback" || w == "roll" || w == "revert" || w == "reviens" || w == "revenir" || w == "annule" || w == "undo":
			return false
		}
	}
	return told
}

// goAhead reports whether a yes tells the bot to go ahead ("do it",
// "vas-y", "yes please"), not only that the person has read or agrees
// with what was said ("ok", "oui c'est ça", "go away", "yes /s").
func goAhead(text string) bool {
	t := strings.Trim(strings.Join(wordsOf(text), " "), " ")
	switch t {
	case "do it", "go", "go ahead", "go for it", "vas-y", "vas y", "allez-y", "allez y", "fais-le", "fais le", "yes", "oui", "yep", "ouais",
		"yes please", "yes pls", "oui stp", "oui svp", "please do", "let s do it", "lets do it", "yes do it", "oui vas-y", "ok do it",
		"ok vas-y", "ok go", "go go", "on y va", "banco", "oui fais-le", "oui fais le", "yep now", "yes now", "oui vite", "oui stp vite",
		"yes go ahead", "yep do it", "oui go", "ouais vas-y", "ouais go", "ship it", "ok ship it", "yes ship it":
		return !strings.ContainsAny(text, "?/!") && !strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) // not "oui 🎉", "yes!"
	}
	return false
}

// answerLang is the language of an answer to the bot's turn: its own
// when it says one, else the conversation's ("le 1er" picks "deploy web
// to staging" in French).
func (r *Router) answerLang(text string, req deploybot.Request, asked botTurn) deploybot.Lang {
	if asked.lang == "" || r.saysLang(text) {
		return req.Lang
	}
	return asked.lang
}

// dayAhead returns the date an order is put off to when it names a day
// of the month alone ("déploie le site en prod le 24", "deploy web on
// the 24th"), which Moment does not read (alone, "le 24" is deployment
// #24 as often).
func dayAhead(text string) (deploybot.Moment, bool) {
	ws := wordsOf(text)
	for i := range ws {
		if dateAhead(ws, i, true) {
			return dayMoment(ws, i), true
		}
	}
	return deploybot.Moment{}, false
}

// bareRollback reports whether text is a rollback's order and nothing
// else: its verb, its project, maybe its version, politeness ("ok
// rollback l'api en 3.7.2"); not "rollback api, not in prod", "…
// locally", "… everywhere".
func (r *Router) bareRollback(text string) bool {
	if strings.ContainsAny(text, "?¿") {
		return false
	}
	for _, w := range wordsOf(text) {
		if hasRollbackStem([]string{w}) || r.projectWord(w) || versionToken(w) != "" || interjections.has(w) || pleaseWords.has(w) ||
			articles.has(w) || bareRollbackFillers.has(w) {
			continue
		}
		return false
	}
	return true
}

var bareRollbackFillers = setOf("en", "to", "vers", "a", "version", "back", "roll", "de", "du", "d", "oui", "yes", "go", "vite", "quick", "now", "maintenant")

// asOfRe names the day whose version a rollback goes back to, in folded
// words: "la version d'hier", "celle d'avant-hier", "yesterday's
// version", "the build from monday", "ce qui tournait hier".
var asOfRe = mustCompile(`\b(?:(?:version|release|build|celle|celui|mep|deploiement)\s+(?:d|de|du)\s+(hier|avant-hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)` +
	`|(yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+s\s+(?:version|release|build|deploy)` +
	`|(?:version|release|build)\s+(?:from|of)\s+(yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)` +
	`|(?:ce qui tournait|what (?:was )?(?:running|ran))\s+(hier|avant-hier|yesterday|lundi|mardi|mercredi|jeudi|vendredi|monday|tuesday|wednesday|thursday|friday))\b`)

// asOfDay returns the day a rollback names for its version ("yesterday",
// "2 days ago", an English weekday), or "".
func asOfDay(line string) string {
	m := asOfRe.FindStringSubmatch(line)
	if m == nil {
		return ""
	}
	day := m[1] + m[2] + m[3] + m[4]
	switch day {
	case "hier", "yesterday":
		return "yesterday"
	case "avant-hier":
		return "2 days ago"
	}
	if wd, ok := weekdays[day]; ok {
		return strings.ToLower(wd.String())
	}
	return ""
}

// badVersionWords say a version is bad, after it: "v2.4.1 has a bad migration".
var badVersionWords = setOf("bad", "buggy", "mauvaise", "mauvais", "pourrie", "pourri", "foireuse", "foireux", "faulty", "defectueuse")

// rollbackTypo reports whether w is "rollback" or "revert" mistyped
// ("rolbak", "rollbakc", "revrt"): a project, a version and an
// environment named beside it are no deploy.
func rollbackTypo(w string) bool {
	if len(w) < 5 || !isLetters(w) || hasRollbackStem([]string{w}) {
		return false
	}
	return w[:2] == "ro" && distance(w, "rollback") <= 2 || w[:2] == "re" && distance(w, "revert") == 1
}

// momentWithDay is momentOf, with a day of the month named alone ("can I
// deploy on the 24th?", "je peux déployer le 23 au matin ?") that
// momentOf leaves out (alone, "le 24" is deployment #24 as often).
func momentWithDay(text string, words []string) (deploybot.Moment, bool) {
	mo, ok := momentOf(text, words)
	if ok && (mo.Day > 0 || mo.Month > 0 || mo.HasDay || mo.Days > 0 || mo.In > 0) {
		return mo, true
	}
	d, dok := dayAhead(text)
	if !dok {
		return mo, ok
	}
	if ok {
		d.Hour, d.Minute = mo.Hour, mo.Minute // "on the 22nd in the morning"
		d.Written = strings.TrimSpace(d.Written + " " + mo.Written)
	} else if h, ok := bareHourOf(words); ok {
		d.Hour, d.Minute = h, 0 // "at 11 on the 3rd": the hour said first was dropped
	}
	return d, true
}

// bareHourOf returns the hour "at 11", "à 11", "vers 9" names in words,
// an afternoon hour for 1 to 7 as momentOf reads it.
func bareHourOf(words []string) (int, bool) {
	for i := 0; i+1 < len(words); i++ {
		if w := words[i]; w != "at" && w != "a" && w != "vers" && w != "around" {
			continue
		}
		if n, err := strconv.Atoi(words[i+1]); err == nil && n >= 0 && n <= 23 {
			if n >= 1 && n <= 7 {
				n += 12
			}
			return n, true
		}
	}
	return 0, false
}

// errorWord reports whether w names an error as a log or an alert
// writes it: "OperationalError", "TimeoutException", "refused", "5xx".
func errorWord(w string) bool {
	return strings.HasSuffix(w, "error") || strings.HasSuffix(w, "errors") || strings.HasSuffix(w, "exception") || w == "refused" ||
		w == "timeout" || w == "5xx" || w == "critical" || w == "fatal" || w == "panic"
}

// badAfterVersion reports whether the words right after a version say it
// is bad: "v2.4.1 has a bad migration", "la 2.4.1 est pourrie".
func badAfterVersion(m message, version string) bool {
	for i, t := range m.tokens {
		if version == "" || t.raw != version && fieldCore(m.fields[t.field].raw) != version {
			continue
		}
		for j := i + 1; j < min(len(m.tokens), i+5); j++ {
			if w := m.tokens[j].norm; faultWords.has(w) || badVersionWords.has(w) {
				return true
			}
		}
	}
	return false
}

// windowVerdictRe is the bot's verdict on a moment for a deployment.
var windowVerdictRe = mustCompile(`(?:recommended window|acceptable window|outside the deployment windows|deployment freeze|❌ \*?avoid|fenêtre recommandée|fenêtre acceptable|hors des fenêtres|gel des déploiements|❌ \*?à éviter|no window or freeze on|pas de fenêtre ni de gel)`)

// momentFollowUp returns the moment a short follow-up names after the
// bot's verdict on another: "and the 28th?", "et le 24 ?", "is 2pm ok?",
// "what about friday at 11".
func momentFollowUp(text string) (deploybot.Moment, bool) {
	ws := wordsOf(text)
	if len(ws) == 0 || len(ws) > 7 || slices.ContainsFunc(ws, isActionWord) {
		return deploybot.Moment{}, false
	}
	if !strings.ContainsAny(text, "?¿") && slices.ContainsFunc(ws[:min(len(ws), 3)], thanksWords.has) && dayChosenAfterThanks(text) {
		// "ok merci, je vise jeudi alors", "ok thanks, tuesday it is"
		// after the verdict: the day chosen, with thanks; no question.
		return deploybot.Moment{}, false
	}
	if mo, ok := momentWithDay(text, nil); ok {
		return mo, true
	}
	for i, w := range ws {
		if dayNumber(w) > 0 && i > 0 && (ws[i-1] == "le" || ws[i-1] == "the") {
			return dayMoment(ws, i), true
		}
	}
	return deploybot.Moment{}, false
}

// dayChosenAfterThanks reports whether the clause after a first one (a
// thanks) says the day chosen (dayChosenRe): "merci, je vise jeudi
// alors"; not "thanks, is tuesday ok", "merci, et jeudi" (asked without
// their mark).
func dayChosenAfterThanks(text string) bool {
	_, j, ok := clauseBreak(text)
	return ok && dayChosenRe.MatchString(commandLine(text[j:]))
}

// momentAskedBefore reports whether one of the person's last messages
// asked about a moment ("can I deploy on friday at 5pm?", then "and the
// 28th?"): the chat keeps the person's messages, not the verdicts.
func (r *Router) momentAskedBefore(ctx context.Context, history []string) bool {
	for j := len(history) - 1; j >= 0 && j >= len(history)-3; j-- {
		if isBotReply(history[j]) {
			continue
		}
		if q := r.alone(ctx, history[j]); q.Moment != nil && q.Kind == deploybot.KindQuestion {
			return true
		}
		if _, ok := momentFollowUp(history[j]); !ok {
			return false
		}
	}
	return false
}

// didNothing reports whether text says an order did nothing: "rollback
// web production did nothing", "le rollback n'a rien fait".
func didNothing(text string) bool {
	t := fold(text)
	return strings.Contains(t, "did nothing") || strings.Contains(t, "didn't work") || strings.Contains(t, "didn t work") ||
		strings.Contains(t, "rien fait") || strings.Contains(t, "pas marche") || strings.Contains(t, "n'a pas marche")
}

// butNotWords take back part of an order: "déploie-le mais pas en prod",
// "deploy now but not to prod".
var butNotWords = setOf("pas", "not", "mais", "but", "sauf", "except", "jamais", "never", "dont", "don", "ne")

// urgencyLeadRe opens a message with its urgency said alone, in folded
// words: "c'est une vraie urgence,", "c'est urgent :", "it's an
// emergency,", "urgent!".
var urgencyLeadRe = mustCompile(`^(?:(?:c est|c etait|it s|it is|this is)\s+(?:une\s+|an\s+|a\s+)?(?:vraie\s+|vraiment\s+|real\s+|really\s+|super\s+|tres\s+|very\s+)?(?:urgence|urgent|emergency)|urgent|urgence|emergency)$`)

// urgencyLeadDropped returns what follows a first clause that only says
// it is urgent.
func urgencyLeadDropped(text string) (string, bool) {
	i := strings.IndexAny(text, ",:;!")
	if i <= 0 || i+1 >= len(text) || strings.ContainsAny(text, "?¿@`") || strings.ContainsAny(text[:i], "\"“«") || strings.HasPrefix(strings.TrimSpace(text), ">") ||
		strings.Count(text, "\"")%2 == 1 {
		return "", false
	}
	if !urgencyLeadRe.MatchString(strings.Trim(commandLine(text[:i]), " *")) {
		return "", false
	}
	tail := strings.TrimLeft(text[i+1:], " ,:;!*")
	return tail, tail != ""
}

// dayMoment is the date ws[i], a day of the month, names, with the month
// written after it if any ("le 24 décembre").
func dayMoment(ws []string, i int) deploybot.Moment {
	mo := deploybot.Moment{Written: ws[i], Day: dayNumber(ws[i]), Hour: -1}
	if m, ok := months[wordAt(ws, i+1)]; ok {
		mo.Month, mo.Written = m, ws[i]+" "+ws[i+1]
	}
	return mo
}

// colleagueNoRe opens a no, in folded text: "no,", "non pas ce soir",
// "not yet", "surtout pas", "pas encore".
var colleagueNoRe = mustCompile(`^(?:(?:ah|oh|euh|hmm|bah|ben)[ ,]+)?(?:no|non|nope|nah|nan|not yet|pas encore|surtout pas|pas maintenant|not now)\b`)

// planPending reports whether the conversation's recent lines hold the
// bot's plan waiting for its yes, or a deployment it runs: a no there may
// be meant for it (an attack had "no, scrap it" after a colleague's
// "t'es sûr ?" read as talk while the plan waited).
func planPending(history []string) bool {
	for j := len(history) - 1; j >= 0 && j >= len(history)-6; j-- {
		if isBotReply(history[j]) && (botTurnOf(history[j]).asks == "confirm" || strings.Contains(history[j], "(#")) {
			return true
		}
	}
	return false
}

// colleagueNoOrders make a no an order of its own: "no, cancel it", "non,
// annule", "no, stop it", "not yet, hold".
var colleagueNoOrders = setOf("cancel", "annule", "annuler", "annulez", "stop", "stoppe", "abort", "arrete", "arretez", "hold", "attends",
	"attendez", "kill", "halt", "don", "dont", "ne", "n", "scrap", "drop", "laisse", "tomber", "forget", "oublie", "coupe", "no", "non")

// meantRe says what one meant, in folded text: "non je voulais dire
// déployer le front en recette" corrects one's own line.
var meantRe = mustCompile(`\b(?:voulais dire|voulait dire|meant|i mean|je veux dire)\b`)

// noToColleague reads a no that answers a person's question, the line
// before it ("should I freeze web now?" "no, julie will freeze it
// tomorrow morning"; "on déploie le site ce soir ?" "non pas ce soir,
// demain 10h en prod"): talk on that question's topic, no order and no
// cancel (there is no plan of the bot's to decline). An order of its own
// after the no ("non, rollback l'api") is read as written.
func (r *Router) noToColleague(ctx context.Context, req deploybot.Request, asked string) (deploybot.Request, bool) {
	if line := commandLine(req.Text); !colleagueNoRe.MatchString(line) || meantRe.MatchString(line) || isBotReply(asked) || len(suggestionsOf(asked)) > 0 {
		return req, false
	}
	ws := wordsOf(req.Text)
	if len(ws) < 3 {
		return req, false // a bare "No." is read as before (it may be the bot's)
	}
	if len(ws) > 1 && noFillers.has(ws[1]) || slices.ContainsFunc(ws[1:], colleagueNoOrders.has) ||
		slices.ContainsFunc(ws[1:min(4, len(ws))], func(w string) bool { return answerYes.has(w) && w != "ok" && w != "okay" }) {
		// "no, cancel it", "non, annule", "no, stop it now", "not yet,
		// hold": a cancel of its own; "no worries, go ahead": an assent.
		return req, false
	}
	if req.Kind != deploybot.KindQuestion && req.Kind != deploybot.KindUnknown {
		// A cancel stays one: declining is safe, and in a chat the
		// person's own question may be the line before while a plan
		// still waits (an attack ran "non, pas tout de suite" as talk,
		// then the plan on the next "oui").
		return req, false
	}
	q := r.alone(ctx, asked)
	route := q.Route
	switch {
	case q.Kind == deploybot.KindAction && q.Intent.Intent == deploybot.IntentRollback:
		route = deploybot.RouteRollback
	case q.Kind == deploybot.KindAction:
		route = r.deployRoute(q.Env)
	case q.Kind == deploybot.KindCommand, q.Kind == deploybot.KindSmalltalk, q.Kind == deploybot.KindUnknown:
		route = deploybot.RouteOrchestrator
	}
	if route == "" || route == deploybot.RouteDevops || route == deploybot.RouteDirection {
		return req, false
	}
	out := deploybot.Request{Text: req.Text, Kind: deploybot.KindQuestion, FollowUp: true,
		Intent: deploybot.Intent{Route: route, Intent: deploybot.IntentQuestion, Lang: req.Lang, Confidence: req.Confidence,
			SubjectApp: q.SubjectApp, SubjectEnv: q.SubjectEnv}}
	return out, true
}

// toldFilled completes a deploy said on a pronoun, alone ("alors envoie-la
// en staging", "go en prod du coup", "parfait, envoie en prod"), with the
// project and version the person's line right before it says is ready
// ("la 2.18.1 de l'api est taguée, tests verts", "la 4.5.2 du site est
// passée en staging, smoke tests ok"), or asked of the bot as a
// permission the bot's verdict right after granted ("je peux mettre l'api
// 2.19.1 en prod maintenant ?" "✅ créneau recommandé"); and "relance le
// déploiement du backend en prod, même version" after the bot's card of
// its failure, with that version.
//
// Narrow on purpose: an attack of a wider rule (any of the last four
// lines, any order without a version) had plans carry versions called
// broken, third-party versions, versions of the other project, old
// versions from several turns back, and "not the same version".
func (r *Router) toldFilled(out deploybot.Request, text string, history []string) deploybot.Request {
	if out.Kind != deploybot.KindAction || out.Intent.Intent != deploybot.IntentDeploy || out.Version != "" || out.From != "" ||
		out.Arg("replaces") != "" || len(history) == 0 || strings.ContainsAny(text, "?¿~`") {
		return out
	}
	line := commandLine(text)
	if sameVersionRe.MatchString(line) {
		h := history[len(history)-1]
		if !isBotReply(h) || !reportsFailure(h) || slices.ContainsFunc(wordsOf(text), sameVersionDenials.has) {
			return out
		}
		if a := r.analyze(h); a.s.version != "" && len(a.s.versions) <= 1 && a.s.app != "" && (out.App == "" || out.App == a.s.app) {
			out.App, out.SubjectApp, out.Version = a.s.app, a.s.app, a.s.version
		}
		return out
	}
	named := r.projectsNamed(wordsOf(text))
	if h := history[len(history)-1]; named == 0 && out.App == "" && out.UnknownApp == "" && !isBotReply(h) &&
		(pronounOrder(line) || strings.HasPrefix(line, "envoie-l") || strings.HasPrefix(line, "envoyez-l")) {
		// A person's line carries its project, not its version, to an
		// order on "it": "le correctif de la 2.18.0 de l'api est prêt",
		// then "envoie-le en prod" (the bot asks the version; the route
		// the topic model gave that line had carried it).
		// The project said plainly: not "the payments backend 1.4.0 is
		// tagged", another product's.
		// A build said ready, not something else ("le changelog de
		// l'api 2.18.1 est validé") nor with a failure ("3 tests en
		// échec").
		hw := wordsOf(h)
		if app, _, ok := r.readyTold(h, false, ""); ok && out.Env != "" && slices.ContainsFunc(hw, buildSaid.has) && !slices.ContainsFunc(hw, failSaid.has) &&
			!hasMoment(h) && !laterMoment(h) && !slices.ContainsFunc(hw, func(w string) bool {
			return negationWords.has(w) || w == "not" || w == "pas" || contractedNot.has(w) || futureForms.has(w) || laterSaid.has(w) || w == "sera" || w == "seront"
		}) {
			if a := r.analyze(h); a.s.appIdx == 0 || a.s.appIdx > 0 && projectLeads.has(a.m.tokens[a.s.appIdx-1].norm) {
				out.App, out.SubjectApp = app, app
			}
		}
		return out
	}
	if !toldOrderRe.MatchString(line) && !(named == 1 && out.App != "" && pronounOrder(line)) {
		return out // an order on "it" and nothing else but where ("envoie-la en staging"), or with its project ("déploie-le en prod sur le site")
	}
	told := history[len(history)-1]
	granted := false
	if isBotReply(told) {
		// The bot's verdict on the person's question right before it, or
		// its card of that very version done ("la 4.5.2 du site est
		// passée en staging" "🚀 Déploiement web 4.5.2 (#135) en staging
		// : terminé ✅").
		if len(history) < 2 || !strings.Contains(told, "✅") || strings.ContainsAny(told, "❌⚠") || isBotReply(history[len(history)-2]) ||
			slices.ContainsFunc(wordsOf(told), cardDoubts.has) {
			return out
		}
		card := told
		told = history[len(history)-2]
		if f := fold(card); strings.HasPrefix(card, "🚀") && doneWordRe.MatchString(f) && !reportsFailure(card) && !cardGoneRe.MatchString(f) &&
			out.Env == deploybot.EnvProduction && slices.ContainsFunc(wordsOf(card), func(w string) bool { e, ok := envWordOf(w); return ok && e == deploybot.EnvStaging }) {
			a := r.analyze(card)
			if app, v, ok := r.readyTold(told, false, out.App); ok && a.s.app == app && a.s.version == v && (out.App == "" || out.App == app) {
				out.App, out.SubjectApp, out.Version = app, app, v
			}
			return out
		}
		granted = true
		if !grantedRe.MatchString(fold(card)) || !strings.HasSuffix(strings.TrimSpace(told), "?") || !permissionRe.MatchString(commandLine(told)) {
			return out
		}
	} else {
		// A person's line alone carries no version: an attack found
		// "le changelog de l'api 2.18.1 est validé", "la v7.0.3 de
		// symfony est validée", "la 2.18.1 doit être validée", "taguée,
		// 3 tests en échec" carried into a plan a reflexive yes ran.
		return out
	}
	if app, v, ok := r.readyTold(told, granted, out.App); ok && (out.App == "" || out.App == app) {
		out.App, out.SubjectApp, out.Version = app, app, v
	}
	return out
}

// grantedRe is the bot's verdict that a moment is in a window, in folded
// text: "✅ créneau recommandé", "✅ recommended window".
var grantedRe = mustCompile(`(?:recommended window|recommended slot|fenetre recommandee|creneau recommande)`)

// cardDoubts in the bot's card or verdict make it no go-ahead: "Non ✅
// pas maintenant", "mais le gel commence demain", "unhealthy", "rollback
// demandé", "error rate 4%".
var cardDoubts = setOf("non", "no", "not", "pas", "mais", "but", "gel", "freeze", "frozen", "unhealthy", "breached", "error", "erreur",
	"rollback", "rolled", "failed", "echec", "degraded", "alert", "alerte", "warning")

// doneWordRe says a deployment is done, in folded text.
var doneWordRe = mustCompile(`\b(?:done|termine|terminee|succeeded|reussi|reussie|ok)\b`)

// sameVersionRe asks for the version that failed again, in folded text.
var sameVersionRe = mustCompile(`(?:^|\s)(?:la\s+|the\s+)?(?:meme version|same version)(?:\s+(?:stp|svp|please|pls|alors|then|again|encore))*$`)

// sameVersionDenials say the failed version is not the one wanted: "not
// the same version", "surtout pas la même version", "anything but".
var sameVersionDenials = setOf("not", "pas", "jamais", "never", "but", "sauf", "except", "autre", "other", "different", "differente",
	"previous", "precedente", "before", "avant", "cursed", "maudite", "no", "non")

// toldOrderRe is a deploy said on a pronoun and nothing else but where and
// a lead or a sequel word, in folded text: "alors envoie-la en staging",
// "go en prod du coup", "parfait, envoie en prod", "on la met en staging
// alors", "let's put that on staging then".
var toldOrderRe = mustCompile(`^(?:(?:ok|okay|parfait|perfect|alors|bon|ben|bah|du coup|then|so|great|super|cool|top|nickel)\s+)*(?:go|envoie|envoie-la|envoie-le|pousse-la|pousse-le|mets-la|mets-le|deploie-la|deploie-le|on la met|on le met|on l envoie|ship it|push it|deploy it|put it|put that|let s put that|let s put it|let s ship it)\s+(?:en|on|to|in|sur|vers)\s+(?:la\s+|le\s+|l\s+)?(?:prod|production|prd|live|staging|recette|preprod|pre-prod|stg)(?:\s+(?:alors|then|du coup|stp|svp|please|pls|now|maintenant))*$`)

// readyTold returns the project and the version a person's line says is
// ready (of app when the line names none and the order does): one
// version, written beside the project it names ("la 2.18.1 de
// l'api", "web 4.5.4"), a word of readiness ("taguée", "validée", "ready",
// "tests verts"; or the bot's ✅ to the person's own question, granted),
// no fault, no negation, nothing not ready yet, no picture or markup that
// doubts or strikes it out.
func (r *Router) readyTold(line string, granted bool, app string) (string, string, bool) {
	if strings.ContainsAny(line, "~`") || strings.ContainsFunc(line, func(c rune) bool { return c >= 0x2000 && c != '✅' && c != '’' }) {
		return "", "", false
	}
	a := r.analyze(line)
	ws := wordsOf(line)
	if a.s.app == "" && app != "" && r.projectsNamed(ws) == 0 {
		a.s.app = app // "oui v3.16.5, validé en recette", then "déploie-le en prod sur le site"
	}
	if a.s.version == "" || len(a.s.versions) > 1 || a.s.app == "" || a.s.negated || r.projectsNamed(ws) > 1 || r.badNews(line) ||
		slices.ContainsFunc(ws, notReadyWords.has) || slices.ContainsFunc(ws, answerNo.has) || preRelease(a.s.version) {
		return "", "", false
	}
	vi := -1
	for k, t := range a.m.tokens {
		if strings.Contains(t.raw, a.s.version) {
			vi = k
			break
		}
	}
	if a.s.appIdx >= 0 && vi >= 0 && (vi-a.s.appIdx > 4 || a.s.appIdx-vi > 4) {
		return "", "", false // the version of something else the line speaks of: "l'api passe à symfony 7.0.3"
	}
	if vi > 0 {
		if before := a.m.tokens[vi-1].norm; !versionLeads.has(before) && !r.slotWord(before) {
			return "", "", false // "la maquette 2.1.0 du site", "la spec 3.0.0": the version of something else
		}
	}
	if !granted && !slices.ContainsFunc(ws, readyWords.has) {
		return "", "", false
	}
	return a.s.app, a.s.version, true
}

// buildSaid and failSaid: see toldFilled.
var (
	buildSaid = setOf("correctif", "hotfix", "fix", "build", "release", "patch", "tag", "version")
	failSaid  = setOf("echec", "failed", "failing", "fail", "fails", "ko", "rouge", "red", "broken", "casse", "cassee", "bug", "bugs")
)

// projectLeads may stand right before a project's name said plainly: "de
// l'api", "the api", "for web".
var projectLeads = setOf("l", "la", "le", "the", "de", "du", "d", "of", "for", "pour", "on", "sur", "hotfix", "fix", "correctif")

// versionLeads may stand right before a project's version: "la 2.18.1 de
// l'api", "api v2.4.1", "version 4.5.4", "tagged web 4.5.4".
var versionLeads = setOf("la", "le", "l", "the", "version", "release", "tag", "tagged", "taguee", "en", "in", "to", "v", "hotfix", "a",
	"build", "oui", "yes", "ok", "et", "and")

// preRelease reports whether a version is a release candidate or a beta.
func preRelease(v string) bool {
	l := strings.ToLower(v)
	return strings.Contains(l, "rc") || strings.Contains(l, "beta") || strings.Contains(l, "alpha") || strings.Contains(l, "snapshot")
}

// readyWords say a version is ready to ship.
var readyWords = setOf("valide", "validee", "validated", "ready", "pret", "prete", "green", "vert", "verts", "verte", "tested", "teste",
	"testee", "approved", "approuve", "approuvee", "taguee", "tague", "tagged", "passee", "passed", "corrige", "fixes", "fixed", "repare")

// notReadyWords say a version is not ready yet: "QA is still testing",
// "le client teste encore", "pending".
var notReadyWords = setOf("still", "toujours", "encore", "testing", "pending", "yet", "soon", "bientot", "later", "tard", "will", "sera",
	"wip", "draft", "brouillon", "doit", "must", "should", "needs", "need", "faut", "echec", "echecs", "failing", "fail", "fails", "rouge",
	"ko", "erreur", "erreurs", "errors", "running", "cours", "waiting", "attente", "attend", "rc", "beta")

// onlyTarget reports whether words name one project, maybe its
// environment, and nothing else but articles and politeness: "api", "le
// front stp", "the api on staging" (not "api broke prod", "api no", "api
// n-1", "api web").
func (r *Router) onlyTarget(words []string) bool {
	apps := 0
	for _, w := range words {
		switch {
		case articles.has(w) || politeWords.has(w) || beforeEnvWords.has(w):
		case r.slotWord(w):
			if _, env := envWordOf(w); !env {
				apps++
			}
		default:
			return false
		}
	}
	return apps == 1
}

// laterOrderNow reads "do it now", "bon, déploie maintenant alors", "vas-y
// maintenant" after the person's order put off to a moment ("deploy web
// 2.5.0 to prod tomorrow", which the bot does not schedule) as that order,
// now: its project, environment and version (the version was lost, and
// the bot asked for it; "vas-y maintenant" confirmed nothing). Only a
// message of nothing but the go, the verb, "it" and the now ("deploy web
// to staging now and prod tomorrow", "rollback maintenant", "deploy now,
// the 2.5.1 hotfix" are other orders); only a put-off order of one clause
// and no condition ("… tomorrow after rolling back api"); never a version
// that reads as the moment's time ("… thursday 10.00").
func (r *Router) laterOrderNow(ctx context.Context, req deploybot.Request, text string, prev deploybot.Request, said string) (deploybot.Request, bool) {
	if prev.Kind != deploybot.KindQuestion || prev.Topic != deploybot.TopicLaterOrder || strings.ContainsAny(text, "?¿") || !nowSaid(text) ||
		personMention(text) >= 0 || strings.HasPrefix(strings.TrimSpace(text), ">") || r.givesNoOrder(text, commandLine(text)) {
		return req, false // "@bob do it now", "> do it now"
	}
	for _, w := range wordsOf(text) {
		if !goNowWords.has(w) {
			return req, false
		}
	}
	stripped := laterMomentRe.ReplaceAllString(said, " ")
	if len(clauses(stripped)) > 1 || slices.ContainsFunc(wordsOf(stripped), laterConditions.has) {
		return req, false
	}
	order := r.alone(ctx, stripped)
	if order.Kind != deploybot.KindAction || order.App == "" || order.Env == "" || order.From != "" || timeLikeRe.MatchString(order.Version) {
		return req, false
	}
	if order.Intent.Intent == deploybot.IntentRollback && slices.ContainsFunc(wordsOf(text), deployVerbsNow.has) {
		return req, false // "bon, déploie maintenant alors" after a rollback put off
	}
	switch {
	case req.Kind == deploybot.KindAction:
		if req.Intent.Intent != order.Intent.Intent || req.App != "" || req.Env != "" || req.Version != "" || req.From != "" {
			return req, false // "deploy api now": another order
		}
	case req.Kind == deploybot.KindCommand && req.Command == deploybot.CmdConfirm && req.Arg("id") == "":
	case req.Kind == deploybot.KindQuestion || req.Kind == deploybot.KindUnknown:
		if imperativeOf(commandLine(text)) == "" && !goAhead(withoutNowWords(text)) {
			return req, false
		}
	default:
		return req, false
	}
	order.Text, order.FollowUp, order.Intent.Lang = req.Text, true, req.Lang
	return order, true
}

// goNowWords are the words of a go for now: the go, the verb of
// deploying, "it", the now and the fillers around them.
var goNowWords = setOf("do", "it", "that", "go", "ahead", "deploy", "deploie", "ship", "push", "lance", "lancer", "envoie", "fais", "le", "la",
	"l", "vas", "y", "vas-y", "fais-le", "lance-le", "deploie-le", "please", "pls", "stp", "svp", "then", "alors", "bon", "ok", "okay", "fine",
	"now", "maintenant", "right", "away", "tout", "de", "suite", "immediately", "immediatement", "asap", "yes", "oui", "let", "s", "lets",
	"deploie-la", "lance-la", "fais-la", "envoie-la", "envoie-le", "pousse-la", "pousse-le")

// deployVerbsNow are goNowWords' verbs of deploying, which no rollback
// takes.
var deployVerbsNow = setOf("deploy", "deploie", "ship", "push", "envoie", "deploie-le")

// laterConditions make a put-off order depend on something else: "…
// tomorrow after rolling back api", "… once QA is done".
var laterConditions = setOf("after", "apres", "before", "avant", "once", "when", "quand", "lorsque", "if", "si", "unless", "sauf", "and", "et")

// timeLikeRe is a version that reads as a time of day: "10.00", "9.30".
var timeLikeRe = mustCompile(`^\d{1,2}[.:h]\d{2}$`)

// nowSaid reports whether text says now: "now", "maintenant", "right
// away", "tout de suite", "immediately".
func nowSaid(text string) bool {
	ws := wordsOf(text)
	for i, w := range ws {
		switch w {
		case "now", "maintenant", "immediately", "immediatement", "asap":
			return true
		case "away":
			if i > 0 && ws[i-1] == "right" {
				return true
			}
		case "suite":
			if i > 1 && ws[i-1] == "de" && ws[i-2] == "tout" {
				return true
			}
		}
	}
	return false
}

// withoutNowWords returns text's words without those of nowSaid and the
// fillers around them: "ok then do it now" → "do it".
func withoutNowWords(text string) string {
	var kept []string
	for _, w := range wordsOf(text) {
		switch w {
		case "now", "maintenant", "immediately", "immediatement", "asap", "right", "away", "tout", "de", "suite", "then", "alors", "ok",
			"okay", "bon", "fine":
			continue
		}
		kept = append(kept, w)
	}
	return strings.Join(kept, " ")
}

// laterMomentRe finds the moment an order is put off to (folded or not):
// "tomorrow", "demain 10h", "on monday at 10am", "le 24", "ce soir".
var laterMomentRe = mustCompile(`(?i)(?:\b(?:tomorrow|demain|tonight|ce soir|apr[eè]s-demain|(?:this|next|on)\s+(?:monday|tuesday|wednesday|thursday|friday|morning|afternoon|evening|week)|(?:monday|tuesday|wednesday|thursday|friday|lundi|mardi|mercredi|jeudi|vendredi)(?:\s+(?:prochain|next))?|la semaine prochaine|next week|cet?\s+(?:apr[eè]s-midi|aprem|matin))\b(?:\s+(?:at|à|a|vers)?\s*\d{1,2}(?:[.:h]\d{2})?\s*(?:am|pm|h)?(?:\s|$))?|(?:\ble\s+\d{1,2}(?:/\d{1,2})?|\bon the\s+\d{1,2}(?:st|nd|rd|th)?|\b(?:in|dans)\s+\d+\s*(?:h|hours?|heures?|min|minutes?)|\b(?:at|à|a|vers)\s+\d{1,2}(?:[:h]\d{0,2})?\s*(?:am|pm|h)?)(?:\s|$|[,;!.]\s|[,;!.]$))`)

// failedOrRefused reports whether the bot's turn reports a refusal or a
// failure: "❌ staging is frozen …: nothing was deployed", "… Failed".
func (r *Router) failedOrRefused(bot string) bool {
	return strings.HasPrefix(strings.TrimSpace(bot), "❌") || refused(bot) || reportsFailure(bot) || !ranWell(bot) && r.badNews(bot)
}

// praiseLeads open a message with praise: "great, …", "super, …".
var praiseLeads = setOf("great", "cool", "super", "parfait", "nickel", "top", "perfect", "nice", "genial", "excellent", "awesome")

// sequelPlain are the words that may stand around an environment said
// again: "and to production too", "et en prod aussi".
var sequelPlain = setOf("and", "et", "to", "en", "on", "in", "sur", "the", "la", "le", "l", "vers", "a")

// withoutPraiseAndSequel returns, for a message that is an environment
// said again with a word of sequel closing it ("too", "as well",
// "aussi") and maybe praise opening it, the words in between: "great,
// and to production too" → "and to production". ok is false for any
// other message: no sequel word, or words other than sequelPlain and
// one of an environment ("super, prod ok", "top, la prod est ok aussi").
func withoutPraiseAndSequel(text string) (string, bool) {
	ws := wordsOf(text)
	i, j := 0, len(ws)
	for i < j && praiseLeads.has(ws[i]) {
		i++
	}
	switch {
	case j-i > 1 && (ws[j-1] == "too" || ws[j-1] == "aussi" || ws[j-1] == "also" || ws[j-1] == "egalement"):
		j--
	case j-i > 2 && ws[j-1] == "well" && ws[j-2] == "as":
		j -= 2
	default:
		return "", false
	}
	envs := 0
	for _, w := range ws[i:j] {
		if _, ok := envWordOf(w); ok {
			envs++
		} else if !sequelPlain.has(w) {
			return "", false
		}
	}
	return strings.Join(ws[i:j], " "), envs == 1
}

// bracketReason reports whether note, said between brackets after a
// change of a plan, only says why: a reason (plainReason) once the plan's
// own version is taken out ("la 3.0.2 a été retirée", "3.0.2 was
// pulled"); not a doubt, a delay, another version ("je crois", "demain",
// "ou la 3.0.4").
func (r *Router) bracketReason(note, planned string) bool {
	if strings.ContainsFunc(note, func(c rune) bool { return c >= 0x2000 }) {
		return false // "(la 3.0.2 a été retirée 😂)"
	}
	said := false
	for _, f := range strings.Fields(note) {
		if v := versionToken(f); v != "" {
			if planned == "" || !sameVersion(v, planned) {
				return false
			}
			continue
		}
		for _, w := range wordsOf(f) {
			switch {
			case bracketReasons.has(w):
				said = true
			case !bracketFillers.has(w):
				return false // "(pour rire)", "(pas testée)", "(not approved)", "(quand carol valide)"
			}
		}
	}
	return said
}

// bracketReasons say the planned version is withdrawn or broken, the one
// that replaces it a fix: "(la 3.0.2 a été retirée)", "(3.0.2 was
// pulled)"; bracketFillers may stand beside them.
var (
	bracketReasons = setOf("retiree", "retire", "retired", "pulled", "yanked", "withdrawn", "removed", "supprimee", "supprime", "cassee", "casse",
		"broken", "buggee", "bugge", "buggy", "plante", "crashes", "crashed", "fix", "fixes", "fixed", "corrige", "corrigee", "correctif",
		"hotfix", "deprecated", "obsolete", "depubliee", "unpublished")
	bracketFillers = setOf("la", "le", "l", "the", "it", "a", "ete", "est", "was", "has", "been", "is", "elle", "il", "c", "s", "un", "une",
		"bug", "du", "de", "des", "of", "en", "in", "on", "sur", "prod", "production", "staging", "tag", "version", "release", "build",
		"this", "that", "morning", "matin", "hier", "yesterday", "ce", "cette", "avait", "had")
)
