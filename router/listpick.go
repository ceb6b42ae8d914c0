package router

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"deploybot"
)

// A person answers the bot's list with an order on one of its items:
// "approve the web one" or "refuse la première, pas de tests de charge"
// after the deployments waiting for approval, "lève le 3" after the
// freezes, "supprime le #2" after the reminders, "unlock it: fixed in
// 5.4.2" after the one lock listed. The item is found in the bot's turn
// and the order is read again as if it named the item ("approve 63"), so
// that every rule of the command (its reason, its hedges) holds.

// listItem is one item of a bot's list: a deployment, a freeze or a
// reminder by its id, or a lock by its project and environment.
type listItem struct {
	id    string
	words []string // folded words that say what it is
	app   string   // the lock's project and environment
	env   string
}

// listKind is what a bot's list holds.
type listKind int

const (
	listNone listKind = iota
	listDeploys
	listFreezes
	listReminders
	listLocks
)

var (
	// listIDRe finds an item's id in a bot's list: "#61: deploy api …",
	// "⏳ #61 deploy api …"; not a channel ("#deploys").
	// The French reminders' "n°2" is an id too.
	listIDRe = mustCompile(`(?:#|n°\s?)(\d{1,9})\b`)
	// listLockRe finds a lock in a bot's turn: "🔒 web/production: alice —
	// canary KO", "🔒 web production stays locked".
	listLockRe = mustCompile(`🔒\s*([\w-]+)\s*[/ ]\s*([\w-]+)`)
)

// pickVerbs are the verbs of an order on one item, with the command they
// give; "delete" depends on the list (a freeze is lifted, a reminder
// deleted).
// pickOpeners may come before a pick's verb: "j'approuve le premier",
// "ok deny the second one", "alors annule celui de web".
var pickOpeners = setOf("j", "je", "ok", "okay", "alors", "bon", "please", "pls")

var pickVerbs = map[string]deploybot.Command{
	"approve": deploybot.CmdApprove, "approuve": deploybot.CmdApprove, "approuver": deploybot.CmdApprove, "approuvez": deploybot.CmdApprove,
	"valide": deploybot.CmdApprove, "valider": deploybot.CmdApprove, "validez": deploybot.CmdApprove, "accept": deploybot.CmdApprove,
	"deny": deploybot.CmdDeny, "refuse": deploybot.CmdDeny, "refuser": deploybot.CmdDeny, "refusez": deploybot.CmdDeny,
	"reject": deploybot.CmdDeny, "rejette": deploybot.CmdDeny, "rejeter": deploybot.CmdDeny, "decline": deploybot.CmdDeny,
	"cancel": deploybot.CmdCancel, "annule": deploybot.CmdCancel, "annuler": deploybot.CmdCancel, "annulez": deploybot.CmdCancel,
	"abort":    deploybot.CmdCancel,
	"unfreeze": deploybot.CmdUnfreeze, "leve": deploybot.CmdUnfreeze, "lever": deploybot.CmdUnfreeze, "levez": deploybot.CmdUnfreeze,
	"lift": deploybot.CmdUnfreeze, "degele": deploybot.CmdUnfreeze, "degeler": deploybot.CmdUnfreeze, "end": deploybot.CmdUnfreeze,
	"unlock": deploybot.CmdUnlock, "deverrouille": deploybot.CmdUnlock, "deverrouiller": deploybot.CmdUnlock, "debloque": deploybot.CmdUnlock,
	"debloquer": deploybot.CmdUnlock, "delock": deploybot.CmdUnlock,
	"delete": deploybot.CmdReminders, "supprime": deploybot.CmdReminders, "supprimer": deploybot.CmdReminders, "supprimez": deploybot.CmdReminders,
	"remove": deploybot.CmdReminders, "retire": deploybot.CmdReminders, "enleve": deploybot.CmdReminders, "efface": deploybot.CmdReminders,
	"drop": deploybot.CmdReminders, "kill": deploybot.CmdReminders,
}

// pickFillers stand in a choice without choosing: "the web one", "celle
// de julie", "le #2", "that one too".
var pickFillers = setOf("the", "le", "la", "l", "les", "celle", "celui", "celle-la", "celui-la", "celle-ci", "celui-ci", "one", "ones", "de",
	"du", "d", "des", "of", "s", "pour", "for", "please", "pls", "stp", "svp", "aussi", "too", "also", "number", "numero", "no", "n", "item",
	"it", "ca", "that", "this", "ce", "cette", "cet", "lui", "en", "on", "in", "sur", "ok", "alors", "then", "juste", "just", "only",
	"seulement", "deploy", "deployment", "deploiement", "freeze", "gel", "reminder", "rappel", "lock", "verrou", "request",
	"demande", "entry", "ligne", "line", "moi", "me", "nous", "us", "maintenant", "now", "go")

// pickedItem returns the order text an answer to the bot's list gives
// ("approve 63", "deny 61 pas de tests de charge", "unlock web production:
// fixed in 5.4.2"), when text orders something on exactly one item of
// the list bot, and nothing else.
func (r *Router) pickedItem(text, bot string) (string, listItem, bool) {
	kind, items := r.listOf(bot)
	if kind == listNone {
		return "", listItem{}, false
	}
	head, reason := text, ""
	if i := strings.IndexAny(text, ",:;—–"); i > 0 {
		// The choice, then its reason: "refuse la première, pas de tests
		// de charge" (clauseBreak keeps ", pas …" in the clause).
		head, reason = text[:i], strings.TrimSpace(strings.TrimLeft(text[i:], ",:;—– "))
	}
	head = commandLine(head)
	ws := wordsOf(head)
	if len(ws) == 0 || len(ws) > 8 || strings.ContainsAny(text, "?¿") {
		return "", listItem{}, false
	}
	for len(ws) > 1 && pickOpeners.has(ws[0]) {
		ws = ws[1:] // "j'approuve le premier", "ok approve the first one"
	}
	cmd, ok := pickVerbs[ws[0]]
	if rs := wordsOf(reason); !ok && len(rs) > 0 && len(rs) <= 3 && !strings.ContainsAny(reason, ",:;—–") && !strings.ContainsAny(bot, "?¿") {
		// "the web one, approve", "celle de l'api : refuse": the choice,
		// then its verb alone (or with "it", "please"), after a list the
		// person asked for. (After the bot's "Which one?" to an
		// "approve", "just 2, deny" changes the verb: not taken.)
		if c, verb := pickVerbs[rs[0]]; verb && !slices.ContainsFunc(rs[1:], func(w string) bool {
			return w != "it" && w != "la" && w != "le" && !pleaseWords.has(w)
		}) {
			cmd, ok, reason = c, true, ""
			ws = append([]string{rs[0]}, ws...)
		}
	}
	if !ok {
		return "", listItem{}, false
	}
	if cmd == deploybot.CmdCancel && (kind == listReminders || kind == listFreezes) {
		// "annule le deuxième" after the reminders (it rolled back): a
		// delete, by rank only ("cancel 2" cancels deployment 2) and
		// never said of a deployment ("cancel the second deploy").
		if !slices.ContainsFunc(ws, func(w string) bool { _, rank := ranks[w]; return rank }) ||
			slices.ContainsFunc(ws, func(w string) bool {
				return deployNouns.has(w) || w == "deploys" || w == "deploiements" || w == "mep" || r.ix.names[w] != "" || r.ix.short[w] != ""
			}) {
			return "", listItem{}, false
		}
		cmd = deploybot.CmdReminders
	}
	if kind == listReminders && slices.ContainsFunc(ws, func(w string) bool { return w == "gel" || w == "freeze" || w == "verrou" || w == "lock" }) ||
		kind == listFreezes && slices.ContainsFunc(ws, func(w string) bool { return w == "rappel" || w == "reminder" || w == "verrou" || w == "lock" }) {
		return "", listItem{}, false // "supprime le premier gel" after the reminders names no reminder
	}
	switch {
	case cmd == deploybot.CmdApprove || cmd == deploybot.CmdDeny || cmd == deploybot.CmdCancel:
		if kind != listDeploys {
			return "", listItem{}, false
		}
	case cmd == deploybot.CmdUnlock:
		if kind != listLocks {
			return "", listItem{}, false
		}
	case cmd == deploybot.CmdUnfreeze:
		if kind != listFreezes {
			return "", listItem{}, false
		}
	case cmd == deploybot.CmdReminders:
		switch kind {
		case listFreezes:
			cmd = deploybot.CmdUnfreeze // "supprime le 3" after the freezes
		case listReminders:
		default:
			return "", listItem{}, false
		}
	}
	it, ok := r.pickOne(ws[1:], items)
	if !ok || cmd != deploybot.CmdUnlock && it.id == "" {
		return "", listItem{}, false // "lift the config one": no id to lift it by
	}
	// What follows the choice may say why ("lift it, the client agreed",
	// "refuse la première, pas de tests de charge"), never doubt, put off
	// or take back the order ("approve the web one, but wait for QA",
	// "deny the first one, flaky jk", "unlock the web one: fixed
	// tomorrow"); a command that takes no reason takes no "not" either.
	if reason != "" && (pickDoubted(reason) && !(cmd == deploybot.CmdDeny && wrongThing(reason)) || cmd != deploybot.CmdDeny && cmd != deploybot.CmdUnlock && pickNegated(reason) ||
		cmd == deploybot.CmdApprove && hasFault(wordsOf(reason))) {
		return "", listItem{}, false // nor approve one said broken: "approve the rc, it's broken"
	}
	var order string
	switch cmd {
	case deploybot.CmdUnlock:
		order = "unlock " + it.app + " " + it.env
	case deploybot.CmdUnfreeze:
		return "unfreeze " + it.id, it, true
	case deploybot.CmdReminders:
		return "delete reminder " + it.id, it, true
	default:
		order = string(cmd) + " " + it.id
	}
	if reason != "" {
		order += ": " + reason
	}
	return order, it, true
}

// pickDoubted reports whether a clause after an order on an item
// doubts, conditions, puts off or takes back the order, or gives a second
// one: "no wait", "jk", "if QA passes", "fixed tomorrow", "but not yet",
// "then the second".
func pickDoubted(clause string) bool {
	ws := wordsOf(clause)
	if strings.ContainsAny(clause, "?¿") || takesBack(ws) || len(ws) > 0 && (correctionOpeners.has(ws[0]) || ws[0] == "but" || ws[0] == "mais") {
		return true
	}
	return slices.ContainsFunc(ws, func(w string) bool {
		_, rank := ranks[w]
		head, _, _ := strings.Cut(w, "-") // "approuve-le"
		_, verb := pickVerbs[head]
		return anywhereHedges.has(w) || conditionHedges.has(w) || pickLater.has(w) || rank || verb || w == "wait" || w == "attends"
	})
}

// wrongThing reports whether a deny's reason says what is wrong with the
// request, and nothing else: "wrong version", "mauvaise cible" ("deny the
// api one, wrong version" after the approvals waiting); not "wrong one,
// sorry", "mauvaise version, attends".
func wrongThing(reason string) bool {
	ws := wordsOf(reason)
	if len(ws) < 2 || len(ws) > 4 || ws[0] != "wrong" && ws[0] != "mauvais" && ws[0] != "mauvaise" && ws[0] != "bad" || !requestParts.has(ws[1]) {
		return false // "wrong thread", "wrong call", "mauvaise manip": where or how the person typed, not the request
	}
	return !pickDoubted(strings.Join(ws[1:], " ")) && !slices.ContainsFunc(ws[1:], unsureOrSorry.has)
}

// requestParts are what a deployment request may have wrong: "wrong
// version", "mauvaise cible".
var requestParts = setOf("version", "versions", "tag", "build", "branch", "branche", "commit", "image", "release", "artifact", "artefact",
	"target", "cible", "env", "environment", "environnement", "project", "projet", "config", "configuration", "hash", "sha", "strategy",
	"strategie", "date", "day", "jour", "heure", "hour", "time")

// pickLater put an order off: "fixed tomorrow", "plus tard".
var pickLater = setOf("later", "tard", "tomorrow", "demain", "tonight", "soir", "monday", "lundi", "next", "prochain", "prochaine", "after",
	"apres", "once", "quand", "when", "until", "jusqu")

// pickNegated reports whether a clause after an order without a reason
// says "not": "approve the second one, but not yet".
func pickNegated(clause string) bool {
	ws := wordsOf(clause)
	return slices.ContainsFunc(ws, func(w string) bool {
		return negationWords.has(w) || w == "no" || w == "non" || w == "yet" || w == "encore"
	})
}

// describedDecision reads a decision on the deployment a description
// names, with no list before: "approve the prod one", "deny the web
// one", "approuve celle de la uat". Every word but the verb is a filler
// or names the project or the environment, and "one", "celle" or
// "celui" says it describes one.
func (r *Router) describedDecision(bare, raw string) cmd {
	ws := strings.Fields(bare)
	if len(ws) < 2 || len(ws) > 8 || pickMocked(raw) || strings.ContainsAny(raw, "?¿") {
		return cmd{} // "approve the web one 👎", "approve the web one @bob"
	}
	c, ok := pickVerbs[ws[0]]
	if !ok || c != deploybot.CmdApprove && c != deploybot.CmdDeny && c != deploybot.CmdCancel {
		return cmd{}
	}
	out := cmd{cmd: c}
	if frenchDecisions.has(ws[0]) || ws[0] == "approuve" || ws[0] == "annule" || ws[0] == "valide" {
		out.lang = deploybot.French
	}
	one, owner := false, ""
	for i := 1; i < len(ws); i++ {
		w := ws[i]
		switch {
		case w == "one" || w == "celle" || w == "celui":
			one = true
		case versionToken(w) != "" && out.args["version"] == "":
			// "approuve le site 2.6.0": that version's request only (it
			// approved the 2.4.0 waiting).
			out.set("version", versionToken(w))
		case pickFillers.has(w) || (w == "by" || w == "par") && i == len(ws)-2:
		case owner == "" && isLetters(w) && len(w) <= 12 && !r.t.vocab.known(w) && !notOwners.has(w) &&
			(i+1 < len(ws) && ws[i+1] == "s" || i == len(ws)-1 && (ws[i-1] == "de" || ws[i-1] == "by" || ws[i-1] == "par")):
			// "approve karim's api deploy", "approuve le déploiement de
			// l'api de Léa": whose request, beside the project (the agent
			// decides only on that person's).
			owner = w
		default:
			if !r.takeName(&out, w) {
				return cmd{}
			}
		}
	}
	if owner != "" {
		if out.app == "" || c == deploybot.CmdCancel {
			return cmd{}
		}
		out.set("by", owner)
	}
	if out.app == "" && out.env == "" || !one && (c == deploybot.CmdCancel || out.app == "" || strings.HasPrefix(ws[0], "valid")) {
		// Without "one", only a project names what is decided: "approve
		// web", "approuve le site" (a new user's was answered with a
		// card); a cancel keeps its "one" ("annule le site" goes back).
		return cmd{}
	}
	return out
}

// pickOne returns the one item the words after the verb choose: by rank
// ("the second", "la première"), by id ("le 3", "#2"), by what it is
// ("the web one", "celle de julie", "the rollback"); words naming nothing
// but a pronoun ("it", "that one") choose the list's only item; no words
// choose nothing (a bare "unlock" asks which lock).
func (r *Router) pickOne(ws []string, items []listItem) (listItem, bool) {
	if len(items) == 0 {
		return listItem{}, false
	}
	var sel []string
	rank, ranked, pronoun := 0, false, false
	for _, w := range ws {
		switch {
		case w == "it" || w == "ca" || w == "lui" || w == "that" || w == "this":
			pronoun = true
		case pickFillers.has(w):
		default:
			if k, ok := ranks[w]; ok {
				if ranked || pronoun {
					return listItem{}, false // "the second one first", "unlock it first": a rank and an order of steps
				}
				rank, ranked = k, true
				continue
			}
			if ranked && (w == "abord" || w == "then" || w == "puis") {
				return listItem{}, false
			}
			if negationWords.has(w) || w == "not" || w == "pas" || w == "but" || w == "mais" {
				return listItem{}, false // "not the web one"
			}
			sel = append(sel, w)
		}
	}
	if ranked {
		if len(sel) > 0 {
			return listItem{}, false
		}
		if rank < 0 || rank >= len(items) {
			// "the last one": the list's last, or the latest request? The
			// list shows the newest first; the bot asks.
			return listItem{}, false
		}
		return items[rank], true
	}
	if len(sel) == 0 {
		if len(items) == 1 && pronoun {
			return items[0], true
		}
		return listItem{}, false
	}
	var found *listItem
	for i := range items {
		if r.itemChosen(items[i], sel) {
			if found != nil {
				return listItem{}, false // "the production one" of two in production
			}
			found = &items[i]
		}
	}
	if found == nil {
		return listItem{}, false
	}
	return *found, true
}

// itemChosen reports whether every selecting word fits the item: its id,
// a word it holds (a person, "rollback"), its project or environment by
// any of their names.
func (r *Router) itemChosen(it listItem, sel []string) bool {
	for _, w := range sel {
		if w == it.id || slices.Contains(it.words, w) {
			continue
		}
		if p, ok := r.project(w); ok && (p == it.app || slices.Contains(it.words, p)) {
			continue
		}
		if e, ok := envWordOf(w); ok && (e == it.env || slices.Contains(it.words, e)) {
			continue
		}
		if w == "retour" || w == "revert" {
			if slices.Contains(it.words, "rollback") {
				continue
			}
		}
		if prereleaseWords.has(w) && slices.ContainsFunc(it.words, func(x string) bool { return strings.Contains(x, "-"+w) }) {
			continue // "the rc one" of "#2 (api 2.5.0-rc1 → uat), #1 (api v2.4.1 → uat)"
		}
		return false
	}
	return true
}

// prereleaseWords name a pre-release by its tag's suffix: "the rc one",
// "la beta".
var prereleaseWords = setOf("rc", "beta", "alpha")

// listOf reads a bot's turn as a list: what it lists and its items, in
// order. A turn with no item, or items of no known kind, is no list.
func (r *Router) listOf(bot string) (listKind, []listItem) {
	if !strings.ContainsAny(bot, "#🔒") && !strings.Contains(bot, "n°") {
		return listNone, nil
	}
	if strings.Contains(bot, "🔒") {
		var items []listItem
		for _, m := range listLockRe.FindAllStringSubmatch(bot, -1) {
			p, ok := r.project(strings.ToLower(m[1]))
			e, isEnv := envWordOf(strings.ToLower(m[2]))
			if !ok || !isEnv {
				continue
			}
			items = append(items, listItem{app: p, env: e, words: wordsOf(m[0])})
		}
		if len(items) > 0 && !listIDRe.MatchString(bot) {
			return listLocks, items
		}
	}
	items := r.itemsOf(bot)
	if len(items) == 0 {
		return listNone, nil
	}
	// What the list holds, from its title or its first mark ("Reminders:
	// … #3 #api freezes" lists reminders).
	f := strings.TrimSpace(fold(bot))
	switch {
	case strings.HasPrefix(f, "⏰") || strings.HasPrefix(f, "reminder") || strings.HasPrefix(f, "rappel"):
		return listReminders, items
	case strings.HasPrefix(f, "❄") || strings.HasPrefix(f, "🧊") || strings.HasPrefix(f, "deployment freeze") || strings.HasPrefix(f, "gels") ||
		strings.HasPrefix(f, "freezes"):
		return listFreezes, items
	case strings.Contains(f, "reminder") || strings.Contains(f, "rappel") || strings.Contains(f, "freeze") || strings.Contains(f, " gel"):
		return listNone, nil
	}
	for _, it := range items {
		if it.id == "" || it.app == "" || !strings.Contains(bot, "→") && !strings.Contains(bot, "->") {
			return listNone, nil
		}
	}
	return listDeploys, items
}

// itemsOf returns the items of a list: one a line after the title
// ("Deployment freezes\n#1: web / production …\nconfig: every project /
// production …", the second an item without an id, which no order may
// pick but which counts in ranks and makes "it" ambiguous), or, on one
// line, one from each id to the next ("⏳ #61 deploy … · #63 deploy …").
func (r *Router) itemsOf(bot string) []listItem {
	var items []listItem
	if lines := strings.Split(strings.TrimSpace(bot), "\n"); len(lines) > 1 {
		for i, line := range lines {
			line = strings.TrimSpace(line)
			label, _, labelled := strings.Cut(line, ":")
			if line == "" || i == 0 && !listIDRe.MatchString(line) && (!labelled || strings.TrimSpace(strings.TrimPrefix(line, label)) == ":") {
				continue // the title
			}
			if strings.HasPrefix(line, "(") {
				continue // the note under the list: "(To delete one: …)"
			}
			it := listItem{words: wordsOf(line)}
			if m := listIDRe.FindStringSubmatch(label); m != nil && labelled {
				it.id = m[1]
			} else if m := listIDRe.FindStringSubmatchIndex(line); m != nil && m[0] <= 4 {
				it.id = line[m[2]:m[3]] // "⏳ #61 deploy …"
			}
			s := r.analyze(line).s
			it.app, it.env = s.app, s.env
			items = append(items, it)
		}
		return items
	}
	locs := listIDRe.FindAllStringSubmatchIndex(bot, -1)
	for i, m := range locs {
		end := len(bot)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		it := listItem{id: bot[m[2]:m[3]], words: wordsOf(bot[m[1]:end])}
		s := r.analyze(bot[m[1]:end]).s
		it.app, it.env = s.app, s.env
		items = append(items, it)
	}
	return items
}

// alsoIDRe is a message that names another id for the same command: "et
// la 62 aussi", "and 62 too", "same for #62", "62 aussi".
var alsoIDRe = mustCompile(`^(?:(?:and|et|also|same|pareil|idem|ditto|pour|for|with|avec|la|le|l|the|number|numero|with)\s+)*#?(\d{1,9})(?:\s+(?:too|aussi|also|as well|egalement|please|pls|stp|svp|then|alors|stp))*$`)

// alsoIDWords make an id another one for the same command.
var alsoIDWords = setOf("and", "et", "also", "same", "pareil", "idem", "ditto", "too", "aussi", "egalement")

// alsoID returns the id of an "and 62 too": another id for the command
// before; a bare number is no such answer.
func alsoID(text string) (string, bool) {
	line := commandLine(text)
	m := alsoIDRe.FindStringSubmatch(line)
	if m == nil || !slices.ContainsFunc(wordsOf(line), alsoIDWords.has) {
		return "", false // "62", "the 62": an id alone answers a question, no "too"
	}
	return m[1], true
}

// pickedFromList reads an answer to the bot's list (pickedItem) as the
// order it gives on the item it names.
func (r *Router) pickedFromList(ctx context.Context, req deploybot.Request, text string, history []string) (deploybot.Request, bool) {
	if len(history) == 0 || req.Kind == deploybot.KindCommand && (req.Arg("id") != "" || req.App != "" && req.Env != "") ||
		req.Kind == deploybot.KindAction && !(cancelSaid(text) && !participleFirst(text) && (waitingListed(history[len(history)-1]) || r.remindersOrFreezes(history[len(history)-1]))) {
		// An order is read as said; but "annule celui de web" after the
		// deployments waiting for approval cancels that one (it planned a
		// rollback of web). Not after deployments done, where it may mean
		// undo ("annule le site" after the history), nor told ("annulé
		// celui de web").
		return req, false
	}
	order, it, ok := r.pickedItem(text, history[len(history)-1])
	if !ok || r.givesNoOrder(text, commandLine(text)) || pickMocked(text) {
		return req, false // "> approve the web one", "@bob approve the web one", "🚫 approve the web one"
	}
	out := r.alone(ctx, order)
	if out.Kind != deploybot.KindCommand {
		return req, false
	}
	out.Text, out.FollowUp, out.Intent.Lang = req.Text, true, req.Lang
	if out.App == "" && req.App != "" && out.Command == req.Command && out.Command == deploybot.CmdUnfreeze {
		out.App, out.SubjectApp = req.App, req.App // "lève le gel du site": freeze #3, web's
	}
	if out.Command == deploybot.CmdUnfreeze && (out.App == "" || out.App == it.app) && out.Env == "" && it.app != "" && it.env != "" {
		// "lift the first one" after the freezes: freeze #1, web's on
		// production, as its line says.
		out.App, out.Env, out.SubjectApp, out.SubjectEnv = it.app, it.env, it.app, it.env
	}
	return out, true
}

// sameForID reads "and 62 too" after a command on one id and the bot's
// reply as the command again for that id.
func sameForID(req deploybot.Request, text string, prev deploybot.Request, history []string) (deploybot.Request, bool) {
	id, ok := alsoID(text)
	if !ok || prev.Kind != deploybot.KindCommand || prev.Arg("id") == "" || !alsoCommands[prev.Command] || req.Kind == deploybot.KindCommand && req.Arg("id") != "" ||
		strings.ContainsAny(text, "?¿") || strings.Trim(id, "0") == "" || pickMocked(text) || len(history) > 0 && refused(history[len(history)-1]) {
		return req, false // "and 62 too?", "and 62 too 😂", after "❌ deployment #61 is failed"
	}
	out := prev
	out.Args = copyArgs(prev.Args)
	out.Args["id"] = id
	out.Text, out.FollowUp, out.Intent.Lang = req.Text, true, req.Lang
	return out, true
}

// decisionReportRe is the bot's report of a decision on one deployment,
// in folded text: "Deployment #61 denied.", "Déploiement #3 refusé.",
// "Rollback #4 cancelled.".
var decisionReportRe = mustCompile(`^(?:deployment|deploiement|rollback|plan)\s+#\d+\s+(?:denied|refuse|refusee|cancelled|canceled|annule|annulee)\b`)

// pickMocked reports whether a message carries a mark that mocks or
// forbids what it says: "🚫 approve the web one", "approve it /s",
// "approuve celle du web 😂".
func pickMocked(text string) bool {
	if strings.HasPrefix(strings.TrimSpace(text), ">") || personMention(text) >= 0 || emoticonRe.MatchString(text) {
		return true
	}
	for _, c := range text {
		// Any emoji but the few that agree: an order on an item is taken
		// as plain words, never with a 👎, a 🛑 or a 🤡 beside it.
		if (c >= 0x1F000 || c >= 0x2600 && c <= 0x27BF || c == 0x2B55 || c == 0x2B1B) && !agreeingEmoji[c] {
			return true
		}
	}
	return false
}

// agreeingEmoji may stand beside an order on an item without doubting it.
var agreeingEmoji = map[rune]bool{'👍': true, '✅': true, '🙏': true, '👌': true, '✔': true, '🚀': true, '🟢': true, '💪': true, '🙂': true, '🫡': true}

// emoticonRe finds an emoticon or a word that mocks what is said: ":P",
// ";)", ":-(", "-_-", "/s", "sike".
var emoticonRe = mustCompile(`(?i)(?:^|\s)(?:[:;=8]-?[()pdo/\\|]|-_-|/s|sike|jk)(?:\s|$|[.!])`)

// refused reports whether the bot's reply refused the command before:
// "❌ deployment #61 is failed", "You cannot approve your own request".
func refused(reply string) bool {
	t := strings.TrimSpace(reply)
	return strings.HasPrefix(t, "❌") || strings.HasPrefix(t, "⛔") || reportsFailure(t) || slices.ContainsFunc(wordsOf(t), func(w string) bool {
		return w == "cannot" || w == "cant" || w == "impossible" || w == "peux" || w == "may"
	})
}

// alsoCommands may be given again for another id by "and 62 too".
var alsoCommands = map[deploybot.Command]bool{deploybot.CmdApprove: true, deploybot.CmdDeny: true, deploybot.CmdCancel: true,
	deploybot.CmdUnfreeze: true}

// suggestionPicked returns the suggestion an answer to the bot's offer
// picks ("the first one", "la deuxième", "2", "the status one"), when it
// picks exactly one and says nothing else (no doubt, no negation, no
// question, no mockery).
func (r *Router) suggestionPicked(text string, suggestions []string) (string, bool) {
	if pick, ok := suggestionEchoed(text, suggestions); ok {
		return pick, true
	}
	ws := wordsOf(text)
	first := len(ws) <= 2 && len(ws) > 0 && (ws[len(ws)-1] == "1er" || ws[len(ws)-1] == "1ere") && (len(ws) == 1 || ws[0] == "le" || ws[0] == "la")
	if first {
		ws = []string{"first"} // "le 1er" alone after the suggestions: the first (with more words, a date)
	}
	if strings.ContainsAny(text, "?¿!+-") || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) || pickMocked(text) ||
		pickNegated(text) || takesBack(ws) || len(ws) > 4 || slices.ContainsFunc(ws, func(w string) bool {
		return anywhereHedges.has(w) || conditionHedges.has(w) || pickLater.has(w) || hedgeWords.has(w) || w == "1er" || w == "numero"
	}) {
		return "", false // not "-1", "+1", "le 1er" (a date), "1️⃣", "first!"
	}
	items := make([]listItem, len(suggestions))
	for i, s := range suggestions {
		items[i] = listItem{id: strconv.Itoa(i + 1), words: wordsOf(s)}
	}
	// A copy: wordsOf's slices are shared by every reader of the text.
	ws = slices.DeleteFunc(slices.Clone(ws), func(w string) bool {
		return w == "option" || w == "choice" || w == "choix" || w == "number"
	})
	if len(ws) > 1 && (ws[0] == "yes" || ws[0] == "oui" || ws[0] == "yep" || ws[0] == "ouais") {
		ws = ws[1:] // "yes the first one"
	}
	it, ok := r.pickOne(ws, items)
	if !ok {
		return "", false
	}
	n, _ := strconv.Atoi(it.id)
	return suggestions[n-1], true
}

// notOwners are words that stand where a requester's name would and name
// none: "approve yesterday's api deploy", "… by mistake", "l'api de
// secours".
var notOwners = setOf("yesterday", "today", "tomorrow", "hier", "demain", "everyone", "everybody", "nobody", "somebody", "someone",
	"anyone", "anybody", "mistake", "accident", "chance", "email", "mail", "design", "default", "secours", "defaut", "test", "tests",
	"prod", "staging", "week", "semaine", "month", "mois", "friday", "monday")

// pickedWords point at what was offered: "yes that one", "oui celle-là",
// "exactly this".
var pickedWords = setOf("that", "this", "one", "celle", "celui", "celle-la", "celui-la", "ca", "la", "ci", "exactly", "exactement", "right",
	"c", "est", "please", "pls", "stp", "svp")

// suggestionEchoed returns the suggestion text repeats whole after a
// yes of its writer ("yes that one: rollback web on staging", "oui :
// déploie api en staging" after the bot offered it): a yes quoted or
// relayed ("bob said yes: …") or a suggestion with words of its own
// ("yes: rollback web on staging worked last time") is no pick.
func suggestionEchoed(text string, suggestions []string) (string, bool) {
	head, rest, ok := strings.Cut(text, ":")
	if !ok || strings.ContainsAny(text, "?¿\n>…") || strings.Contains(text, "..") || yesMarred(text) {
		return "", false // "yes: rollback web on staging ❌", "~…~", "> …", "…..."
	}
	ws := wordsOf(head)
	if !slices.ContainsFunc(ws, answerYes.has) || slices.ContainsFunc(ws, func(w string) bool { return !answerYes.has(w) && !pickedWords.has(w) }) {
		return "", false
	}
	said := strings.Join(wordsOf(rest), " ")
	for _, s := range suggestions {
		if said != "" && said == strings.Join(wordsOf(s), " ") {
			return s, true
		}
	}
	return "", false
}

// remindersOrFreezes reports whether the bot's turn lists reminders or
// freezes: "annule le deuxième" after it deletes or lifts (it rolled
// back).
func (r *Router) remindersOrFreezes(bot string) bool {
	kind, _ := r.listOf(bot)
	return kind == listReminders || kind == listFreezes
}

// cancelSaid reports whether text opens with a verb of cancelling, after
// pickOpeners at most: "annule celui de web", "cancel the web one".
func cancelSaid(text string) bool {
	ws := wordsOf(commandLine(text))
	for len(ws) > 1 && pickOpeners.has(ws[0]) {
		ws = ws[1:]
	}
	return len(ws) > 0 && pickVerbs[ws[0]] == deploybot.CmdCancel
}

// waitingListed reports whether the bot's turn lists what waits for
// approval ("Waiting for approval", "En attente d'approbation").
func waitingListed(bot string) bool {
	head, _, _ := strings.Cut(bot, "\n")
	f := fold(head)
	return strings.Contains(f, "waiting") || strings.Contains(f, "attente") || strings.Contains(f, "pending")
}

// projectsListed returns the projects of the bot's list of projects, in
// its order ("Projects\n  api: staging, production (aliases: backend)\n
// web: …"); nil for any other turn.
func (r *Router) projectsListed(bot string) []string {
	title, rest, ok := strings.Cut(strings.TrimSpace(bot), "\n")
	if t := fold(strings.TrimSpace(title)); !ok || t != "projects" && t != "projets" {
		return nil
	}
	var names []string
	for _, line := range strings.Split(rest, "\n") {
		name, _, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		p, known := r.project(strings.ToLower(strings.TrimSpace(name)))
		if !known {
			return nil // a project this router does not know: the ranks would shift
		}
		names = append(names, p)
	}
	return names
}

// rankArticles may stand right before a rank that names an item of a
// list; rankFollowers right after it.
var (
	rankArticles  = setOf("the", "le", "la", "l", "du", "de")
	rankFollowers = setOf("one", "un", "une", "project", "projet", "to", "in", "on", "en", "sur", "a", "please", "pls", "stp", "svp", "too",
		"aussi", "now", "maintenant")
)

// envWord reports whether w names an environment.
func envWord(w string) bool {
	_, ok := envWordOf(w)
	return ok
}

// rankFillers stand around a rank that names an item: "the second one",
// "du premier", "of the last".
var rankFillers = setOf("the", "le", "la", "l", "du", "de", "d", "of", "for", "pour", "on", "sur", "one", "projet", "project")

// projectPicked reads a command or an order on a project named by its
// rank in the bot's list of projects: "status of the second one",
// "historique du premier" (not understood, or a status of no project).
// The rank is replaced by the project's name and the message read again;
// it counts only when that reading names the project.
func (r *Router) projectPicked(ctx context.Context, req deploybot.Request, text, bot string) (deploybot.Request, bool) {
	if _, rank := ranks[fold(req.UnknownApp)]; req.App != "" || req.UnknownApp != "" && !rank || pickMocked(text) || strings.ContainsAny(text, "\"«»?¿") {
		return req, false // "can I deploy the last one to prod?" asks
	}
	names := r.projectsListed(bot)
	if len(names) < 2 {
		return req, false
	}
	head, reason, _ := strings.Cut(text, ":") // "lock the first one: migration"
	ws := wordsOf(commandLine(head))
	at, n := -1, 0
	for i, w := range ws {
		if k, ok := ranks[w]; ok {
			at, n = i, k
		}
	}
	if at < 0 || slices.ContainsFunc(ws, func(w string) bool { _, ok := ranks[w]; return ok && w != ws[at] }) {
		return req, false
	}
	if at == 0 || !rankArticles.has(ws[at-1]) || at+1 < len(ws) && !rankFollowers.has(ws[at+1]) && !envWord(ws[at+1]) ||
		questionHeads.has(ws[0]) || slices.ContainsFunc(ws, func(w string) bool { return w == "can" || w == "should" || w == "safe" }) {
		// Only a rank that names an item: "the second one", "du
		// premier", "le premier en prod"; not "la dernière version", "the
		// last deploy", "for the first time", "as a last resort", "for a
		// second", "can I deploy the last one to prod".
		return req, false
	}
	if n < 0 {
		n = len(names) - 1
	}
	if n >= len(names) {
		return req, false
	}
	i, j := at, at+1
	for i > 1 && rankFillers.has(ws[i-1]) {
		i--
	}
	for j < len(ws) && (ws[j] == "one" || ws[j] == "un" || ws[j] == "project" || ws[j] == "projet") {
		j++
	}
	if i == 0 || !slices.ContainsFunc(ws[:i], func(w string) bool { return !rankFillers.has(w) }) {
		return req, false // "the second one" alone names no command
	}
	if envsNamed(ws) > 1 || slices.ContainsFunc(ws, func(w string) bool { return anywhereHedges.has(w) || drillDoubts.has(w) || tailJokes.has(w) }) {
		return req, false // "… on staging and prod", "… I think"
	}
	said := strings.Join(slices.Concat(ws[:i], []string{names[n]}, ws[j:]), " ")
	if strings.TrimSpace(reason) != "" {
		said += ": " + strings.TrimSpace(reason)
	}
	out := r.alone(ctx, said)
	if out.App != names[n] || out.Kind != deploybot.KindCommand && out.Kind != deploybot.KindAction || out.Kind == deploybot.KindCommand && !shortNamed[out.Command] {
		return req, false // a command on a project's state: not "deny the second one" (a deployment's decision)
	}
	out.Text, out.FollowUp, out.Intent.Lang = req.Text, true, req.Lang
	return out, true
}

// pickSaidApart reads an approval or a denial of one of the deployments
// the bot just listed, said in two clauses: the pick, then the verb ("le
// premier c'est bon, approuve"), or the pick with the verb, then why
// ("deny bob's, no QA yet": the reason kept). A denial may give any
// reason (denying is safe); an approval takes the pick and the verb only,
// with at most "c'est bon"/"looks good" said of the pick.
func (r *Router) pickSaidApart(ctx context.Context, cur deploybot.Request, history []string, asked botTurn) (deploybot.Request, bool) {
	if len(asked.ids) < 2 || asked.asks != "" || strings.ContainsAny(cur.Text, "?¿@~`\"") || pickMocked(cur.Text) {
		return cur, false // not after "Which one?" for an approval: "2, deny" takes it back
	}
	cls := clauses(cur.Text)
	if len(cls) != 2 {
		return cur, false
	}
	head := r.Parse(ctx, cls[0], history)
	if reason := wordsOf(cls[1]); slices.ContainsFunc(reason, func(w string) bool { return tailJokes.has(w) || anywhereHedges.has(w) }) ||
		hedgePhraseSet.in(strings.Join(reason, " ")) || misplacedRe.MatchString(strings.Join(reason, " ")) {
		return cur, false // "deny the first one, flaky jk", "deny the api one, wrong thread"
	}
	if head.Kind == deploybot.KindCommand && head.Command == deploybot.CmdDeny && head.Arg("id") != "" && r.denyReasonPlain(ctx, cls[1]) {
		out := head
		out.Args = copyArgs(head.Args)
		out.Args["reason"] = strings.TrimSpace(cls[1])
		out.Text = cur.Text
		return out, true
	}
	verb := wordsOf(cls[1])
	if len(verb) != 1 || pickVerbs[verb[0]] != deploybot.CmdApprove && pickVerbs[verb[0]] != deploybot.CmdDeny {
		return cur, false
	}
	pick := wordsOf(cls[0])
	for n := 1; n < len(pick); n++ { // the longest praise said last
		if pickPraiseRe.MatchString(strings.Join(pick[n:], " ")) {
			if pickVerbs[verb[0]] != deploybot.CmdApprove {
				return cur, false // "le premier c'est bon, refuse": which is it?
			}
			pick = pick[:n] // "le premier c'est bon": the pick
			break
		}
	}
	if len(pick) == 0 {
		return cur, false
	}
	out := r.Parse(ctx, verb[0]+" "+strings.Join(pick, " "), history)
	if out.Kind != deploybot.KindCommand || out.Command != deploybot.CmdApprove && out.Command != deploybot.CmdDeny || out.Arg("id") == "" {
		return cur, false
	}
	out.Text = cur.Text
	return out, true
}

// misplacedRe says a message was meant for another place: "wrong
// thread", "mauvais fil".
var misplacedRe = mustCompile(`\b(?:wrong|mauvais|mauvaise)\s+(?:thread|channel|chan|fil|canal|conversation|room|salon|person|personne)\b`)

// pickPraiseRe is what may be said of a pick before its verb: "c'est
// bon", "looks good", "is fine".
var pickPraiseRe = mustCompile(`^(?:c est bon|c est ok|est ok|est bon|is fine|is ok|looks good|is good|ok)$`)

// denyReasonPlain reports whether a clause after a denial only says why: a
// statement of a few words ("no QA yet", "la recette n'est pas finie");
// not a take-back ("no wait", "actually approve it", "I mean alice's"), a
// condition or a moment ("unless QA passes", "tomorrow"), someone named
// or reported ("Paul", "says Paul"), nor another order ("rollback web
// prod"): the bot asks which one, as it did.
func (r *Router) denyReasonPlain(ctx context.Context, clause string) bool {
	ws := wordsOf(clause)
	if len(ws) < 2 || strings.ContainsAny(clause, "?¿@") || pickMocked(clause) {
		return false
	}
	if slices.ContainsFunc(ws, func(w string) bool {
		return denyTakeBacks.has(w) || remarkConditions.has(w) && w != "first" || laterTimes.has(w) || remarkLater.has(w) ||
			reportVerbs.has(w) || w == "when" || w == "quand" || w == "next" || w == "prochaine" || w == "prochain"
	}) || hasActionVerb(ws) || rollbackWordAt(ws) >= 0 || slices.ContainsFunc(ws, func(w string) bool { _, v := pickVerbs[w]; return v }) {
		return false
	}
	if ws[0] == "no" || ws[0] == "non" || ws[0] == "not" {
		if len(ws) == 2 && (ws[1] == "really" || ws[1] == "wait" || ws[1] == "attends") {
			return false
		}
	}
	if out := r.alone(ctx, clause); out.Kind == deploybot.KindAction || out.Kind == deploybot.KindCommand {
		return false // "lock web production", "approve it"
	}
	return true
}

// denyTakeBacks take a denial back or change its target.
var denyTakeBacks = setOf("wait", "attends", "nope", "nan", "nah", "mind", "nevermind", "laisse", "tomber", "forget", "ignore", "scratch",
	"actually", "fait", "mean", "meant", "dire", "or", "ou", "sorry", "pardon", "oops", "oups", "instead", "plutot", "nobody", "personne")
