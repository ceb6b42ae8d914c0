package router

import (
	"slices"
	"strings"

	"deploybot"
)

// The anchored rules of commands.go read a command said as the bot's help
// writes it, with its usual variants. People also say them in sentences of
// their own: "@deploybot confirming #45, checklist done on my side", "tu
// peux délocker le staging du backend ? la démo est finie", "j'ai relu le
// changelog, tu peux considérer le 35 comme approuvé". stemCommand reads
// those: a word of the command anywhere in the message, and what the
// command acts on (a deployment's id, a project or an environment), in a
// message that does not ask how or why. It runs after every anchored rule.

// stemCmd is a command a word may name, with the stems of its words.
type stemCmd struct {
	cmd   deploybot.Command
	stems []string
}

// decisionStems name a decision on a deployment by its id. The order
// matters only for words two stems share: the first wins.
var decisionStems = []stemCmd{
	{deploybot.CmdDeny, []string{"deny", "deni", "refus", "reject", "rejet", "declin"}},
	{deploybot.CmdCancel, []string{"cancel", "annul", "scrap", "abort", "stopp"}},
	{deploybot.CmdConfirm, []string{"confirm"}},
	{deploybot.CmdApprove, []string{"approv", "approuv", "valid", "lgtm"}},
}

// lockVerbs are the words that order a lock, an unlock, a freeze or an
// unfreeze: verbs and the singular nouns of "put a freeze on", never a
// plural ("deploy freezes") nor a participle ("la recette est bloquée").
var lockVerbs = map[string]deploybot.Command{
	"unfreeze": deploybot.CmdUnfreeze, "degele": deploybot.CmdUnfreeze, "degeler": deploybot.CmdUnfreeze,
	"degelez": deploybot.CmdUnfreeze, "defreeze": deploybot.CmdUnfreeze,
	"unlock": deploybot.CmdUnlock, "deverrouille": deploybot.CmdUnlock, "deverrouiller": deploybot.CmdUnlock,
	"deverrouillez": deploybot.CmdUnlock, "debloque-la": deploybot.CmdUnlock, "debloque-le": deploybot.CmdUnlock,
	"deverrouille-la": deploybot.CmdUnlock, "deverrouille-le": deploybot.CmdUnlock, "degele-la": deploybot.CmdUnfreeze,
	"verrouille-la": deploybot.CmdLock, "verrouille-le": deploybot.CmdLock, "bloque-la": deploybot.CmdLock, "gele-la": deploybot.CmdFreeze, "delock": deploybot.CmdUnlock, "delocke": deploybot.CmdUnlock,
	"delocker": deploybot.CmdUnlock, "libere": deploybot.CmdUnlock, "liberer": deploybot.CmdUnlock,
	"liberez": deploybot.CmdUnlock, "debloque": deploybot.CmdUnlock, "debloquer": deploybot.CmdUnlock,
	"debloquez": deploybot.CmdUnlock, "unblock": deploybot.CmdUnlock,
	"freeze": deploybot.CmdFreeze, "gele": deploybot.CmdFreeze, "geler": deploybot.CmdFreeze, "gelez": deploybot.CmdFreeze,
	"gel":  deploybot.CmdFreeze,
	"lock": deploybot.CmdLock, "locker": deploybot.CmdLock, "verrouille": deploybot.CmdLock, "verrouiller": deploybot.CmdLock,
	"verrouillez": deploybot.CmdLock, "bloque": deploybot.CmdLock, "bloquer": deploybot.CmdLock, "bloquez": deploybot.CmdLock,
}

// stateVerbs before a lock word make it a state, not an order.
var stateVerbs = setOf("est", "sont", "is", "are", "was", "were", "been", "reste", "restent", "etait", "stays", "still", "encore", "toujours")

// requestFrames open a request made as a question: "can you lock…?", "tu
// peux délocker… ?". Other questions that name a command ask about it.
var requestFrames = []string{"can you", "could you", "can someone", "could someone", "would you", "will you", "please",
	"pls", "tu peux", "tu pourrais", "peux-tu", "peux tu", "pourrais-tu", "pourrais tu", "vous pouvez", "pouvez-vous",
	"pouvez vous", "merci de", "quelqu un peut", "someone please", "can u", "ok", "@deploybot", "deploybot"}

// paddedFrames are the requestFrames with a space on each side; frames
// the set of them: a profile of Parse showed asksAbout building
// " frame " strings for every line, then looking for each in turn.
var (
	paddedFrames = func() []string {
		out := make([]string, len(requestFrames))
		for i, f := range requestFrames {
			out[i] = " " + f + " "
		}
		return out
	}()
	frames = newPhraseSet(requestFrames)
)

// hasFrame reports whether one of requestFrames stands in line as whole
// words: strings.Contains(" "+line+" ", " "+f+" ") for one of them.
func hasFrame(line string) bool { return frames.in(line) }

// A phraseSet holds phrases by their first byte, to find whether one of
// them stands in a line as whole words (hasPhrase) in one pass over it.
type phraseSet struct {
	by [256][]string
}

// newPhraseSet returns the set of phrases, none empty (it panics on one:
// the sets are the rules' own, built at start).
func newPhraseSet(phrases []string) *phraseSet {
	ps := &phraseSet{}
	for _, ph := range phrases {
		if ph == "" {
			panic("router: an empty phrase")
		}
		ps.by[ph[0]] = append(ps.by[ph[0]], ph)
	}
	return ps
}

// in reports whether hasPhrase(line, ph) holds for one of the phrases.
func (ps *phraseSet) in(line string) bool {
	for i := 0; i < len(line); i++ {
		if i > 0 && line[i-1] != ' ' {
			continue
		}
		rest := line[i:]
		for _, ph := range ps.by[rest[0]] {
			if strings.HasPrefix(rest, ph) && (len(rest) == len(ph) || rest[len(ph)] == ' ') {
				return true
			}
		}
	}
	return false
}

// asksAbout reports whether line (folded) is a question that is not a
// request: "do we really do all 7 every time?", "can we define a policy on
// deploy freezes?".
func asksAbout(raw, line string) bool {
	if !strings.Contains(raw, "?") {
		return false
	}
	// A request frame opening the message or one of its clauses: "we're
	// good now, could you unlock the backend in production?". Most
	// questions hold none: the clauses are cut only when one stands in the
	// line (the profile had this at a third of stemCommand).
	if !hasFrame(line) {
		return true
	}
	for _, cl := range append([]string{line}, clauses(raw)...) {
		cl = commandLine(cl)
		for _, f := range paddedFrames {
			if strings.HasPrefix(cl, f[1:]) {
				return false
			}
		}
	}
	return true
}

// howAsked open a question about the command rather than the command:
// "how do I cancel a deployment?", "pourquoi verrouiller la prod ?".
var howAsked = setOf("how", "comment", "why", "pourquoi", "should", "faut-il", "when", "quand", "est-ce", "does", "do")

// conditionWords put a decision in a condition or later.
var conditionWords = setOf("if", "si", "once", "when", "quand", "after", "apres", "until", "jusqu", "unless", "would", "could",
	"should", "pourrait", "devrait", "maybe", "peut-etre", "later", "tard", "tomorrow", "demain", "lorsque", "des", "wouldn", "ll")

// negators turn an approval into a refusal: "je valide pas le 44".
var negators = setOf("pas", "not", "dont", "never", "jamais", "cannot", "cant", "wont", "nope")

// contracted are the words before the "t" of a folded "can't", "won't".
var contracted = setOf("can", "don", "won", "isn", "doesn", "shouldn", "couldn", "wouldn", "didn")

// orderOpens reports whether a clause opens with the verb of a deploy or
// a rollback.
func orderOpens(clause string) bool {
	ws := wordsOf(clause)
	return len(ws) > 0 && isActionWord(ws[0]) || imperativeOf(commandLine(clause)) != ""
}

// stemCommand reads a command said in a sentence of its own (see above).
func (r *Router) stemCommand(p *parse) (cmd, bool) {
	// A lock or a freeze ordered in the first clause wins over a read
	// command's word in its reason: "on gèle le site en prod jusqu'à
	// nouvel ordre : audit sécu".
	if i, _, ok := clauseBreak(p.raw); ok && i > 0 && !asksAbout(p.raw, p.line) && !orderOpens(p.raw[:i]) {
		// Not "déploie le site en staging pendant le gel, c'est que la
		// recette": a deploy's clause that names the freeze.
		for _, w := range wordsOf(p.raw[:i]) {
			if _, lock := lockVerbs[w]; lock {
				if c, ok := r.lockByName(p, strings.Fields(p.line)); ok {
					return c, true
				}
				break
			}
		}
	}
	if c, ok := r.queryCommand(p); ok {
		return c, true
	}
	if c, ok := r.drillAsked(p); ok {
		return c, true
	}
	ws := appendFields(make([]string, 0, 16), p.line) // read, never changed, by the rules below
	if len(ws) > 0 && !howAsked.has(ws[0]) && ws[0] != "what" && ws[0] != "whats" &&
		!strings.HasPrefix(p.line, "c est quoi") && !strings.HasPrefix(p.line, "qu est") {
		// Before the action verbs' gate: "remets à zéro la stratégie". An
		// interview may be suggested as a question ("on fait l'interview
		// de l'agence ?"): it only starts asking; a reset is not read
		// from a question.
		if c, ok := r.settingsOrder(p, ws); ok && (c.cmd == deploybot.CmdInterview || !asksAbout(p.raw, p.line)) {
			return c, true
		}
	}
	if len(ws) == 0 || len(ws) > 30 || howAsked.has(ws[0]) || len(ws) > 1 && ws[0] == "what" && (ws[1] == "does" || ws[1] == "is") ||
		isActionWord(ws[0]) {
		return cmd{}, false
	}
	if !asksAbout(p.raw, p.line) {
		if c, ok := r.recordByID(p, ws); ok {
			return c, true
		}
		if c, ok := r.decisionByID(p, ws); ok {
			return c, true
		}
	}
	c, ok := r.lockByName(p, ws)
	if !ok {
		return cmd{}, false
	}
	// Asked as a question, only a tightening is done ("can we put a
	// freeze on backend prod until monday?"): a lock or a freeze costs a
	// wait if it was not meant; an unlock read from a question could
	// open production ("on peut déverrouiller le site en prod ?").
	if asksAbout(p.raw, p.line) && (c.cmd == deploybot.CmdUnlock || c.cmd == deploybot.CmdUnfreeze || !permissionRe.MatchString(p.line)) {
		return cmd{}, false
	}
	return c, true
}

// stemOf returns the command whose stem starts w, from list.
func stemOf(w string, list []stemCmd) (deploybot.Command, bool) {
	for _, sc := range list {
		for _, st := range sc.stems {
			if strings.HasPrefix(w, st) {
				return sc.cmd, true
			}
		}
	}
	return "", false
}

// decisionByID reads a decision on one deployment named by its id: the
// decision word nearest to the id, a negation before an approval making
// it a refusal; a deny or a cancel keeps as reason the clause after.
func (r *Router) decisionByID(p *parse, ws []string) (cmd, bool) {
	if strings.IndexAny(p.line, "0123456789") < 0 {
		return cmd{}, false // no id
	}
	id, at := "", -1
	for i, w := range ws {
		if len(w) > 0 && len(w) <= 6 && strings.Trim(w, "0123456789") == "" {
			if id != "" && id != w {
				return cmd{}, false // two ids: which one?
			}
			if i+1 < len(ws) && countedRe.MatchString(ws[i+1]) || i > 0 && (ws[i-1] == "a" || ws[i-1] == "at" || ws[i-1] == "in" || ws[i-1] == "dans") {
				continue // "3 deployments", "at 10", "dans 10 min"
			}
			if !deploymentNumber(ws, i) && !hashed(p.raw, w) {
				return cmd{}, false // "PR 45 approved by QA", "ticket 1234 confirmed"
			}
			id, at = w, i
		}
	}
	if id == "" || someoneElseDecides(ws) {
		return cmd{}, false
	}
	best, bestD, bestI := deploybot.Command(""), len(ws)+1, -1
	for i, w := range ws {
		c, ok := stemOf(w, decisionStems)
		if !ok {
			switch {
			case w == "go" && i+1 < len(ws) && ws[i+1] == "for", w == "vas-y":
				c, ok = deploybot.CmdConfirm, true
			case w == "ok" && i+1 < len(ws) && ws[i+1] == "pour" && !strings.Contains(p.raw, "?"): // not "ok pour le 12 ?" (asked)
				c, ok = deploybot.CmdApprove, true
			case w == "laisse" && i+1 < len(ws) && ws[i+1] == "tomber", w == "drop" || w == "kill":
				c, ok = deploybot.CmdCancel, true
			}
		}
		if !ok {
			continue
		}
		if i > 0 && (waitingWords.has(ws[i-1]) || needWords.has(ws[i-1])) || i > 1 && (waitingWords.has(ws[i-2]) || needWords.has(ws[i-2])) ||
			i+1 < len(ws) && needWords.has(ws[i+1]) { // "approval needed for 12"
			continue // "invoice #44 awaits approval", "#12 needs an approval": a state told
		}
		if d := abs(i - at); d < bestD {
			best, bestD, bestI = c, d, i
		}
	}
	if best == "" {
		return cmd{}, false
	}
	if best == deploybot.CmdApprove || best == deploybot.CmdConfirm {
		for j := max(0, bestI-3); j <= min(len(ws)-1, bestI+1); j++ {
			if !negators.has(ws[j]) && !(ws[j] == "t" && j > 0 && contracted.has(ws[j-1])) {
				continue
			}
			// "je valide pas le 44", "I can't approve 12": refused;
			// "don't confirm 14": the plan is cancelled.
			if best == deploybot.CmdApprove {
				best = deploybot.CmdDeny
			} else {
				best = deploybot.CmdCancel
			}
			break
		}
	}
	if best == deploybot.CmdApprove || best == deploybot.CmdConfirm {
		// "I'll approve 12 once the tests pass", "approving #45 would be a
		// mistake": a decision for later or in a condition lets nothing
		// go now.
		for _, w := range ws {
			if conditionWords.has(w) {
				return cmd{}, false
			}
		}
	}
	c := cmd{cmd: best}
	c.set("id", id)
	if (best == deploybot.CmdDeny || best == deploybot.CmdCancel) && reasoned[best] {
		raw := p.raw
		if i, j, ok := clauseBreak(raw); ok && i > 0 && answerOnly(commandLine(raw[:i])) {
			raw = raw[j:] // "nope, deny #33: missing load tests": the reason is after the decision
		}
		if i, j, ok := clauseBreak(raw); ok && i > 0 && strings.TrimSpace(raw[j:]) != "" {
			c.set("reason", strings.TrimSpace(raw[j:]))
		}
	}
	return c, true
}

// lockByName reads a lock, unlock, freeze or unfreeze of a project or an
// environment said in a sentence: the command's word and its object
// ("can someone lock backend prod?", "libère la prod de l'api, c'est
// réparé", "Merci de geler les mises en production du front"). "lift the
// freeze", "retirer le gel" lift one without naming it.
func (r *Router) lockByName(p *parse, ws []string) (cmd, bool) {
	if !lockVerbIn(ws) {
		return cmd{}, false // most messages: no clause to cut
	}
	// The command and its object stand in one clause: "débloque la
	// situation stp, la prod est KO" names no environment to unlock.
	// Each clause on its own: the lock word and its object in one.
	first := true  // no clause before cl but interjections: "ok, dégèle tout, nvm"
	withWords := 0 // the clauses read with the message's words
	for _, cl := range clauses(p.raw) {
		cw := wordsOf(cl)
		if len(cw) <= 3 && !(slices.ContainsFunc(cw, allWords.has) && (first || tighteningVerbIn(cw))) && lockVerbIn(cw) && withWords < maxLockClauses {
			withWords++
			// "personne ne touche à la prod api, verrouille stp": a
			// clause of the verb alone acts on what the message names;
			// not "on gèle tout : la base de prod est corrompue", whose
			// object is all (it froze production and lost the reason).
			// Only a clause with a lock's verb is read with the message's
			// words, and only the first maxLockClauses: each short clause
			// read with them read a long message of them once a clause
			// ("bon ; " 160 times, then "gèle la prod": 1.2 s; "gel, " x n).
			if c, ok := r.lockClause(append(cw, ws...)); ok {
				if object := slices.DeleteFunc(slices.Clone(cw), func(w string) bool { _, verb := lockVerbs[w]; return verb }); first && len(object) < len(cw) &&
					r.namesOnly(strings.Join(object, " ")) {
					// "freeze api prod, incident on web", "lock api prod,
					// nvm": the clause named all it acts on; the next one is
					// its reason, or takes it back.
					whole := c
					c, _ = r.lockClause(cw)
					if out, ok := r.lockReason(p, cl, c); ok || out.cmd == "" {
						return out, ok
					}
					return whole, true // "freeze prod, web only": the whole message's words, the bot asks the reason
				}
				return c, true
			}
		}
		if c, ok := r.lockClause(cw); ok {
			if c.cmd == deploybot.CmdFreeze {
				c.freezeDates(cl) // "on gèle le front du 27/11/2026 au 30/11/2026"
			}
			return r.lockReason(p, cl, c)
		}
		if !interjectionsOnly(commandLine(cl)) && !assentOnly(cl) {
			first = false
		}
	}
	return cmd{}, false
}

// maxLockClauses is the most short clauses with a lock's verb that
// lockByName reads with the message's words.
const maxLockClauses = 8

// lockReason gives c, the command of clause cl, the reason p tells after
// it: in the next clause (withTail), or after the colon that ends cl.
func (r *Router) lockReason(p *parse, cl string, c cmd) (cmd, bool) {
	k := strings.Index(p.raw, cl)
	if k < 0 {
		return c, true
	}
	after := p.raw[k+len(cl):]
	if i, j, ok := clauseBreak(after); ok && strings.TrimSpace(after[:i]) == "" && strings.TrimSpace(after[j:]) != "" && c.args["reason"] == "" {
		tail := strings.TrimSpace(after[j:])
		if strings.Contains(after[i:j], ":") && reasoned[c.cmd] && !slices.ContainsFunc(wordsOf(tail), tailBackWords.has) && !(c.cmd == deploybot.CmdUnlock && reportsDone(tail)) {
			c.set("reason", tail) // "débloque le back en prod : rollback vérifié, tout est ok"
			return c, true
		}
		return r.withTail(c, tail)
	}
	if c.args["reason"] == "" && reasoned[c.cmd] {
		// "ok it's back. unlock web production: rolled back, demo
		// resumed": the reason after the command's own clause.
		if after := strings.TrimSpace(after); strings.HasPrefix(after, ":") {
			if reason := strings.TrimSpace(after[1:]); reason != "" {
				c.set("reason", reason)
			}
		}
	}
	return c, true
}

// withTail gives c, a lock's, a freeze's or their lifts' command said in
// a first clause, what the clause after it says: its reason ("freeze api
// prod, incident on web"), a freeze's moment ("…, until friday", "…, du
// 24 au 28": the bot asks the dates; as a reason it froze for a year), or
// no command at all when it takes the order back ("…, nvm"), asks ("…, is
// that possible"), or narrows it the command cannot ("…, staging only",
// "…, sauf l'api": the lift took every environment). Politeness, marks
// and an order of its own give no reason: the bot asks one.
func (r *Router) withTail(c cmd, tail string) (cmd, bool) {
	k := r.tailOf(tail)
	if c.cmd == deploybot.CmdLock {
		// A lock costs only a wait: whatever its tail says, it holds, with
		// the tail as its reason ("lock api prod, do not touch", "…,
		// QA will test this afternoon", "…, after the incident last
		// night", "…, wait for the hotfix"), unless the tail is only a
		// take-back ("…, nvm", "…, no wait", "…, cancel that").
		switch {
		case k == tailTakesBack && firmTail(wordsOf(tail)):
			return cmd{}, false
		case k == tailNone:
		default:
			c.set("reason", tail)
		}
		return c, true
	}
	loosens := c.cmd == deploybot.CmdUnlock || c.cmd == deploybot.CmdUnfreeze
	switch k {
	case tailTakesBack:
		if loosens && liftReason(wordsOf(tail)) {
			c.set("reason", tail) // "unlock api prod, not needed anymore": why it is lifted
			return c, true
		}
		return cmd{}, false
	case tailAsks:
		if loosens {
			return cmd{}, false // "dégèle tout, on verra", "unlock api prod, maybe"
		}
		// "freeze api prod, maybe": the bot asks its reason.
	case tailScope:
		if loosens || slices.ContainsFunc(wordsOf(tail), exceptWords.has) {
			return cmd{}, false // "unfreeze api, staging only", "gèle tout, sauf l'api": the bot cannot say so
		}
		return c, false // the whole message's words say what to freeze ("freeze prod, web only")
	case tailMoment:
		if loosens {
			return cmd{}, false // "dégèle tout, demain", "unlock api prod, tomorrow": not now
		}
		c.freezeDates(tail)
		if c.args["dates"] == "" && c.args["until"] == "" && c.args["when"] == "" {
			c.set("when", tail)
		}
	case tailReason:
		if !loosens || !reportsDone(tail) {
			c.set("reason", tail) // not "unfreeze prod: done"
		}
	}
	return c, true
}

// liftReason reports whether ws, a take-back for an order, give a lift
// its reason: "not needed anymore", "plus besoin".
func liftReason(ws []string) bool {
	return len(ws) >= 2 && (ws[0] == "not" || ws[0] == "pas" || ws[0] == "no" || ws[0] == "plus") &&
		(ws[1] == "needed" || ws[1] == "besoin" || ws[1] == "need" || ws[1] == "necessary" || ws[1] == "necessaire")
}

// tailKind is what the clause after an order is to it.
type tailKind int

const (
	tailNone      tailKind = iota // nothing a reason can be: politeness, marks, an order of its own, a question
	tailReason                    // "incident on the api", "la démo est passée"
	tailMoment                    // "until friday", "du 24 au 28", "for 2 hours"
	tailScope                     // "staging only", "sauf l'api", "web too"
	tailTakesBack                 // "nvm", "wait no", "actually no", "en fait non", "cancel that"
	tailAsks                      // "is that possible", "should we", "if the error rate climbs"
)

// tailOf reads the clause after a lock's, a freeze's or a rollback's
// order.
func (r *Router) tailOf(tail string) tailKind {
	ws := wordsOf(tail)
	content := slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return politeWords.has(w) || interjections.has(w) })
	if len(content) == 0 {
		return tailNone
	}
	emphatic := emphaticTail(ws)
	switch {
	case endsDone(ws) && !slices.ContainsFunc(ws, isActionWord) && len(ws) <= 4:
		return tailReason // "rollback vérifié", "migration done": what was done, a reason
	case !emphatic && (imperativeOf(commandLine(tail)) != "" || hasRollbackStem(ws)) && !slices.ContainsFunc(ws, negationWords.has) &&
		!doneReport(tail) && !putOffTail(ws) && !endsDone(ws):
		return tailNone // "…, roll back production now": an order of its own
	case emphatic:
		return tailNone // "…, I'm not kidding", "…, don't wait", "…, actually urgent"
	case len(ws) <= 4 && (takesBack(ws) && !tailSubjects.has(ws[0]) && !objectTaken(ws) || firmTakeBack(ws) && !slices.ContainsFunc(ws, otherWords.has) && !objectTaken(ws)) ||
		slices.ContainsFunc(ws, tailBackWords.has) || putOffTail(ws) ||
		len(ws) <= 3 && (ws[len(ws)-1] == "no" || ws[len(ws)-1] == "non" || ws[len(ws)-1] == "nope") ||
		tailNegations.has(ws[0]) && (r.namesSlot(ws) && !forbidsOrder(ws) || !slices.ContainsFunc(ws, func(w string) bool { return !tailNegations.has(w) })) || (ws[0] == "actually" || ws[0] == "finalement") && (len(ws) == 1 || r.namesSlot(ws) || answerNo.has(ws[1])) ||
		(ws[0] == "mean" || ws[0] == "i" && wordAt(ws, 1) == "mean" || ws[0] == "je" && wordAt(ws, 1) == "voulais") && r.namesSlot(ws):
		return tailTakesBack // "nvm", "no wait", "actually no", "I mean web prod", "no, staging", "pas staging"
	case slices.ContainsFunc(ws, exceptWords.has) || slices.ContainsFunc(ws, tailScopeWords.has) && r.namesSlot(ws) || r.namesOnly(strings.Join(content, " ")):
		return tailScope
	case strings.ContainsAny(tail, "?¿") || questionOpeners.has(ws[0]) || howOpeners.has(ws[0]) || ifWords.has(ws[0]) || nextTimeRe.MatchString(commandLine(tail)) ||
		slices.ContainsFunc(ws, hedgeWords.has) || slices.ContainsFunc(ws, tailHedges.has) || hedgePhraseIn(tail) || handedOn(ws):
		return tailAsks // "…, maybe", "…, on verra", "…, bob will do it", "…, to be confirmed"
	case imperativeOf(commandLine(tail)) != "" || rollbackShort.has(ws[0]) || lockVerbIn(ws[:1]):
		return tailNone
	case momentOnly(content) && (freezeWhen(tail) && !eventName(tail) || durationRe.MatchString(commandLine(tail)) || laterMoment(tail) || timeTail(ws)):
		return tailMoment // "until friday", "du 24 au 28", "for 2 hours"; not "démo client cet aprem", a reason with its time
	}
	return tailReason
}

// momentOnly reports whether ws say nothing but a moment or a span:
// their words are of time, numbers and the little words between them.
func momentOnly(ws []string) bool {
	for _, w := range ws {
		if timeOnlyWords.has(w) || spanWords.has(w) || timeSpanWords.has(w) || momentFillers.has(w) || monthWords.has(w) ||
			strings.Trim(w, "0123456789h:/.") == "" || strings.TrimRight(w, "0123456789") == "" ||
			numberSuffixes.has(strings.TrimLeft(w, "0123456789")) && strings.TrimLeft(w, "0123456789") != w {
			continue
		}
		return false
	}
	return len(ws) > 0
}

// numberSuffixes follow a number in a moment: "6pm", "24th", "1er", "18h".
var numberSuffixes = setOf("pm", "am", "h", "th", "st", "nd", "rd", "er", "e", "eme", "min", "mn", "j", "d")

// momentFillers stand between the words of a moment: "for the night",
// "à partir de lundi", "in one hour".
var momentFillers = setOf("for", "pour", "in", "dans", "at", "a", "the", "la", "le", "l", "les", "of", "d", "de", "du", "one", "two", "une",
	"un", "deux", "trois", "few", "quelques", "min", "mins", "minutes", "hours", "heures", "days", "jours", "all", "toute", "tout", "end",
	"fin", "month", "mois", "this", "ce", "cet", "cette", "next", "prochain", "prochaine", "from", "to", "starting", "partir", "des",
	"overnight", "bit", "while", "moment", "on", "sur", "noon", "midi", "midnight", "minuit", "o", "clock")

// emphaticTail reports whether ws insist on the order before them: "I'm
// not kidding", "c'est pas une blague", "don't wait", "actually urgent",
// "I mean it", "no need to ask".
func emphaticTail(ws []string) bool {
	for i, w := range ws {
		switch w {
		case "kidding", "blague", "joke", "joking", "rigole":
			if slices.ContainsFunc(ws[:i], func(v string) bool { return v == "not" || v == "pas" || v == "no" || v == "t" || v == "sans" }) {
				return true
			}
		case "wait", "attends", "attendez", "attendre":
			if i > 0 && (ws[i-1] == "dont" || ws[i-1] == "don" || ws[i-1] == "t" || ws[i-1] == "sans") || wordAt(ws, i+1) == "pas" {
				return true // "don't wait", "sans attendre", "attends pas"
			}
		case "urgent", "urgently", "asap", "now", "maintenant", "vite", "immediately":
			if i > 0 && (ws[0] == "actually" || ws[0] == "finalement" || ws[0] == "mean" || ws[0] == "i") {
				return true
			}
		case "it":
			if i > 0 && (ws[i-1] == "mean" || ws[i-1] == "meant" || ws[i-1] == "really") {
				return true // "I mean it", "I meant it"
			}
		case "need", "besoin":
			if i > 0 && (ws[i-1] == "no" || ws[i-1] == "pas" || ws[i-1] == "not" || ws[i-1] == "t") && i+1 < len(ws) {
				return true // "no need to ask", "pas besoin de confirmation", "no need to wait"
			}
		case "later", "tard":
			if i > 0 && (ws[i-1] == "not" || ws[i-1] == "pas" || ws[i-1] == "plus") {
				return true // "now, not later"
			}
		}
	}
	return false
}

// objectTaken reports whether a take-back's verb in ws has an object of
// its own: "ignore the warning", "forget the checklist", "cancel the
// freeze", "never mind the window" take back something else, not the
// order before them ("forget it", "cancel that", "never mind" do).
func objectTaken(ws []string) bool {
	for i, w := range ws {
		switch w {
		case "ignore", "ignorez", "forget", "oublie", "oubliez", "cancel", "annule", "mind", "scratch", "nevermind":
			if next := wordAt(ws, i+1); next != "" && !pronounObjects.has(next) {
				return true
			}
		}
	}
	return false
}

// pronounObjects stand for the order a take-back's verb takes back.
var pronounObjects = setOf("it", "that", "this", "ca", "le", "la", "l", "tout", "everything", "all", "me", "please", "pls", "stp", "svp")

// laterOnlyWords put an order off without saying what else waits:
// "later", "plus tard", "do it later", "maybe later".
var laterOnlyWords = setOf("later", "plus", "tard", "do", "it", "fais", "le", "la", "maybe", "peut-etre", "ok", "then", "alors", "on", "verra", "un", "peu")

// forbidsOrder reports whether ws name an order or its noun ("no
// deploys to prod", "pas de rollback du site", "no prod release today",
// "no touching prod"): after a freeze or a lock, its purpose, not a
// correction.
func forbidsOrder(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool {
		return isActionWord(w) || hasRollbackStem([]string{w}) || orderNounsOnly.has(w) || forbiddenNouns.has(w)
	})
}

// forbiddenNouns name what a freeze or a lock forbids.
var forbiddenNouns = setOf("deploys", "deploiements", "releases", "release", "mep", "mise", "livraison", "livraisons", "touching", "touche",
	"changes", "changement", "changements", "revert", "retour", "push", "pushes", "merge", "merges", "time")

// firmTail reports whether ws take an order back and say nothing else:
// "nvm", "no wait", "cancel that", "forget it", "actually no", "en fait
// non", "laisse tomber".
func firmTail(ws []string) bool {
	if slices.ContainsFunc(ws, tailBackWords.has) {
		return true
	}
	if len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		if !firmTailWords.has(w) {
			return false
		}
	}
	return true
}

// firmTailWords make up a take-back said alone.
var firmTailWords = setOf("no", "non", "nope", "nan", "wait", "attends", "attend", "cancel", "annule", "that", "it", "ca", "forget", "oublie",
	"actually", "en", "fait", "finalement", "laisse", "tomber", "never", "mind", "nevermind", "scratch", "stop", "pas", "not", "now",
	"maintenant", "encore", "yet", "ignore")

// endsDone reports whether ws tell the order done or checked: "rollback
// vérifié", "rollback done", "already rolled back".
func endsDone(ws []string) bool {
	return len(ws) > 0 && doneParticiples.has(ws[len(ws)-1])
}

// hedgePhraseIn reports whether text holds a phrase that leaves the order
// open: "to be confirmed", "à confirmer", "on verra", "we'll see", "just
// an idea", "not sure".
func hedgePhraseIn(text string) bool {
	l := " " + commandLine(text) + " "
	for _, p := range []string{" to be confirmed ", " a confirmer ", " on verra ", " we ll see ", " well see ", " just an idea ", " not sure ",
		" pas sur ", " pas sure ", " on sait jamais ", " pas besoin ", " no need ", " to be decided ", " a voir ", " je sais pas ", " i don t know ",
		" dunno ", " apres validation ", " after validation ", " once ", " une fois ", " when ", " quand ", " after the ", " apres la ", " apres le "} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// handedOn reports whether ws hand the order to someone, or to later:
// "bob will do it", "bob le fera", "je le ferai demain", "waiting for bob".
func handedOn(ws []string) bool {
	for i, w := range ws {
		switch w {
		case "will", "ll", "fera", "ferai", "feras", "ferons", "ferez", "feront", "waiting", "attente", "attendant":
			return true
		case "do", "does":
			if i > 0 && !tailSubjects.has(ws[i-1]) && ws[i-1] != "to" {
				return true // "bob does it"
			}
		}
	}
	return false
}

// timeTail reports whether ws say a time or a span the freeze word readers
// miss: "overnight", "2h", "48h", "for a bit", "all week", "during the
// demo", "pour la nuit", "fin de journée".
func timeTail(ws []string) bool {
	for i, w := range ws {
		if timeSpanWords.has(w) || len(w) > 1 && strings.TrimRight(w, "0123456789") == "" && i+1 < len(ws) && (ws[i+1] == "h" || ws[i+1] == "hours" || ws[i+1] == "min") ||
			strings.HasSuffix(w, "h") && strings.Trim(w[:len(w)-1], "0123456789") == "" && len(w) > 1 {
			return true
		}
	}
	return false
}

// Words of a tail that date or hedge an order.
var (
	timeSpanWords   = setOf("overnight", "tonight", "afternoon", "aprem", "morning", "matin", "soir", "evening", "nuit", "night", "week", "semaine", "weekend", "week-end", "during", "pendant", "durant", "bit", "while", "moment", "journee", "day", "jour", "until", "till", "jusqu", "jusque", "demain", "tomorrow", "after", "apres", "before", "avant")
	tailHedges      = setOf("tbd", "tbc", "hypothetically", "hypothetiquement", "idea", "idee", "fyi", "possibly", "probably", "probablement", "eventually", "maybe", "perhaps")
	tailNegations   = setOf("no", "non", "not", "pas", "sans", "without", "nope", "nan")
	otherWords      = setOf("other", "autre", "previous", "precedent", "precedente", "last")
	doneParticiples = setOf("verifie", "verifiee", "verified", "checked", "done", "fait", "fini", "finie", "termine", "terminee", "ok", "passe", "reussi", "tested", "teste", "valide", "validated")
)

// putOffTail reports whether ws put the order off: "pas encore", "not now",
// "not yet", "pas maintenant", "later", "plus tard".
func putOffTail(ws []string) bool {
	for i, w := range ws {
		if (w == "already" || w == "deja") && slices.ContainsFunc(ws[i+1:min(len(ws), i+3)], doneStates.has) {
			return true // "it is already frozen", "déjà fait"
		}
	}
	switch {
	case len(ws) >= 2 && (ws[0] == "not" || ws[0] == "pas" || ws[0] == "no") && (ws[1] == "needed" || ws[1] == "besoin" || ws[1] == "need" || ws[1] == "necessary" || ws[1] == "necessaire"):
		return true // "not needed anymore", "pas besoin"
	case len(ws) >= 2 && (ws[0] == "pas" || ws[0] == "not") && (ws[1] == "encore" || ws[1] == "yet" || ws[1] == "now" || ws[1] == "maintenant" || ws[1] == "today"):
		return true
	case len(ws) <= 3 && (slices.Contains(ws, "later") || slices.Contains(ws, "tard")) && !slices.ContainsFunc(ws, func(w string) bool { return !laterOnlyWords.has(w) }):
		// "later", "plus tard", "do it later"; not "questions later",
		// "doc later" (what waits is something else)
		return true
	}
	return false
}

// doneStates tell that what an order asks is so already.
var doneStates = setOf("done", "fait", "frozen", "gele", "locked", "verrouille", "verrouillee", "unlocked", "deverrouille", "unfrozen",
	"degele", "rolled", "there", "place", "in")

// namesSlot reports whether ws name a project or an environment the
// configuration knows.
func (r *Router) namesSlot(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool {
		if _, ok := r.project(w); ok && !stopWords.has(w) {
			return true
		}
		_, ok := envWordOf(w)
		return ok
	})
}

// eventName reports whether text names an event whose name holds a day:
// "black friday", "cyber monday" are reasons, not moments.
func eventName(text string) bool {
	t := fold(text)
	return strings.Contains(t, "black friday") || strings.Contains(t, "cyber monday")
}

// Words of a tail: tailBackWords take the order back; scopeWords narrow
// or widen what it acts on.
var (
	tailBackWords = setOf("nvm", "jk", "meant", "kidding", "blague")
	// tailSubjects open a statement, not a take-back: "I'll wait", "on
	// attend la QA".
	tailSubjects   = setOf("i", "je", "j", "on", "we", "nous", "they", "ils")
	tailScopeWords = setOf("only", "seulement", "uniquement", "juste", "just", "too", "aussi", "also", "keep", "garde", "gardez", "but", "mais")
	// durationRe is a span a freeze holds: "for 2 hours", "pendant 3h",
	// "for the night", "this weekend", "from 18h", "at 6pm".
	durationRe = mustCompile(`^(?:(?:for|pendant|during|durant|over)\s+(?:the\s+|la\s+|le\s+|une?\s+|\d+\s*|two\s+|deux\s+|a\s+few\s+|quelques\s+)?(?:h|hours?|heures?|minutes?|mins?|days?|jours?|nights?|nuits?|weekend|week-end|week|semaine)\b|(?:from|des|a partir de|at|a)\s+\d{1,2}(?:h\d{0,2}|:\d{2}|\s*(?:am|pm))?$|(?:this|ce|cette)\s+(?:weekend|week-end|week|semaine|night|nuit|evening|soir)$)`)
)

// tighteningVerbIn reports whether ws hold a verb that locks or freezes
// (not one that lifts): "on gèle tout : …" keeps its own scope and reason,
// while "et les locks de la prod, unlock tout" lifts only production's.
func tighteningVerbIn(ws []string) bool {
	for _, w := range ws {
		if c, ok := lockVerbs[w]; ok && (c == deploybot.CmdLock || c == deploybot.CmdFreeze) {
			return true
		}
	}
	return false
}

// needWords before a decision's word tell what something waits for:
// "#12 needs an approval", "il faut une validation pour le 12".
var needWords = setOf("needs", "need", "requires", "require", "necessite", "besoin", "manque", "missing", "lacks", "needed",
	"required", "requis", "requise", "necessaire", "pending")

// pastAuxiliaries before a lock verb tell it was done: "Julien a lock
// l'api prod hier soir", "on avait gelé le site".
var pastAuxiliaries = setOf("a", "ai", "as", "avait", "avais", "ont", "avons", "avez", "has", "have", "had")

// englishAuxiliaries are the pastAuxiliaries that are no French word: a
// French one ("a") tells the past only before the verb's French object
// ("Julien a lock l'api"), not in "add a freeze on web prod".
var englishAuxiliaries = setOf("has", "have", "had")

// frenchDeterminers open a French object.
var frenchDeterminers = setOf("l", "le", "la", "les", "du", "des", "de", "son", "sa", "ses", "tout", "toute", "tous")

// lockTold reports whether words tell a lock or a freeze done, in the
// past, without a verb of deploying or rolling back: "bob locked api prod
// last night".
func lockTold(words []string) bool {
	told := false
	for _, w := range words {
		switch w {
		case "locked", "unlocked", "froze", "frozen", "unfroze", "unfrozen",
			// "un verrou sur la prod du site stp": a lock's noun and no
			// verb of a deploy (it was a terse deploy of web)
			"verrou", "verrous", "gel", "gels":
			told = true
		default:
			if isActionWord(w) && !doneForms.has(w) {
				return false
			}
		}
	}
	return told
}

// lockStateTold reports whether ws[i], a lock's or a freeze's word, is
// a noun whose end or absence is told: "the prod freeze ended", "the
// freeze on prod is over", "le gel de la prod est fini", "no prod freeze
// this week" (each started a freeze).
func lockStateTold(ws []string, i int) bool {
	for _, w := range ws[:i] {
		if w == "no" || w == "aucun" || w == "aucune" || w == "without" || w == "sans" {
			return true
		}
	}
	if i == 0 {
		return false // the verb first: "freeze prod until it's over"
	}
	if i+1 < len(ws) && nounVerbsAfter.has(ws[i+1]) && slices.ContainsFunc(ws[max(0, i-3):i], englishDeterminers.has) {
		// "the year-end freeze is blocking my api release to production",
		// "our lock blocks the deploy": the noun, subject of a verb after
		// it (it froze the api's production).
		return true
	}
	for _, w := range ws[i+1 : min(len(ws), i+6)] {
		if w == "until" || w == "jusqu" || w == "till" || w == "tant" {
			return false
		}
		if lockEnded.has(w) {
			return true
		}
	}
	return false
}

// englishDeterminers stand before a noun; nounVerbsAfter are verbs a
// lock's or a freeze's noun may be the subject of.
var (
	englishDeterminers = setOf("the", "this", "that", "our", "my", "your", "their", "its")
	nounVerbsAfter     = setOf("is", "s", "was", "has", "will", "blocks", "blocking", "blocked", "prevents", "stops", "applies", "covers",
		"lasts", "starts", "begins", "ends", "means", "affects", "hits", "kills", "holds")
)

// lockEnded tell a lock or a freeze over.
var lockEnded = setOf("ended", "over", "finished", "lifted", "expired", "gone", "fini", "finie", "termine", "terminee", "leve", "levee",
	"expire", "expiree", "done")

// timeNoun reports whether ws[i], a lock word, is a noun that dates
// something: "just before the freeze", "pendant le gel", "since the
// lock" tell when, they order nothing (a past deploy told "just before
// the freeze" froze production).
func timeNoun(ws []string, i int) bool {
	if i < 2 || !timePrepositions.has(ws[i-2]) {
		return false
	}
	return timeDeterminers.has(ws[i-1]) || ws[i-1] == "au" // "before the freeze", "jusqu'au gel"
}

// timeDeterminers and timePrepositions date an event: "before the",
// "pendant le", "jusqu'au".
var (
	timeDeterminers  = setOf("the", "this", "that", "le", "la", "l", "ce", "cette", "son", "its")
	timePrepositions = setOf("before", "after", "during", "since", "until", "till", "avant", "apres", "pendant", "depuis", "jusqu", "jusque", "durant", "des")
)

// liftedFreeze reports whether the freeze word ws[i] is the object of a
// lift's verb before it, with only an article or what it acts on between
// ("lift the web freeze", "end the prod freeze", "remove the api
// freeze"); not "drop everything and freeze production", "end of sprint
// freeze".
func (r *Router) liftedFreeze(ws []string, i int) bool {
	for j := i - 1; j >= max(0, i-4); j-- {
		if liftVerbs.has(ws[j]) {
			return true
		}
		if !articles.has(ws[j]) && ws[j] != "the" && ws[j] != "this" && ws[j] != "that" && !r.namesSlot(ws[j:j+1]) {
			return false
		}
	}
	return false
}

// ambiguousLockForms are French lock verbs whose imperative is also their
// third person: "bloque tout" orders, "ça bloque tout" tells.
var ambiguousLockForms = setOf("bloque", "gele", "verrouille", "debloque", "degele", "deverrouille", "libere")

// gelSubject follow the noun "gel" as the subject of a verb: "le gel ne
// bloque pas l'api", "c'est le gel qui bloque tout", "le gel est levé".
var gelSubject = setOf("ne", "qui", "est", "a", "va", "sera", "etait", "s", "se")

// subjectOpeners open a clause with its subject: an article, a
// demonstrative or a possessive before a noun, or a subject pronoun.
var subjectOpeners = setOf("le", "la", "les", "l", "un", "une", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "son", "sa",
	"ses", "notre", "nos", "votre", "vos", "leur", "leurs", "ca", "cela", "ceci", "il", "elle", "ils", "elles", "qui", "quelqu", "quelque")

// thirdPersonLock reports whether the French lock verb at ws[i] follows
// its subject, so that it tells what something does ("le bandeau cookies
// bloque tout", "ça bloque tout", "le bug gèle tout"): read as the order
// it locked or froze everything. "on bloque tout" stays an order, as do
// the verb after interjections ("ok bloque tout") and a project named
// before it ("le back, bloque-le" is two clauses).
func (r *Router) thirdPersonLock(ws []string, i int) bool {
	if ws[i] == "gel" && i+1 < len(ws) && gelSubject.has(ws[i+1]) && i > 0 {
		return true // "le gel ne bloque pas l'api", "c'est le gel qui bloque tout"
	}
	if ws[i] == "gel" && i+1 < len(ws) && ambiguousLockForms.has(ws[i+1]) {
		i++ // "le gel bloque tout": the noun is the subject of the verb after it
	}
	if i == 0 || !ambiguousLockForms.has(ws[i]) {
		return false
	}
	if i > 1 && (ws[i-1] == "on" || ws[i-1] == "je" || ws[i-1] == "nous" || ws[i-1] == "tu" || ws[i-1] == "vous") {
		return false // "là on bloque tout": we lock
	}
	if ws[i-1] == "qui" || ws[i-1] == "ca" || ws[i-1] == "cela" {
		return true // "c'est le gel qui bloque tout", "bref ça bloque tout"
	}
	if i == 1 && ws[0] == "tout" {
		return true // "tout dégèle": everything thaws ("dégèle tout" orders)
	}
	if !subjectOpeners.has(ws[0]) {
		// A name before the verb ("Safari bloque les cookies en prod") is
		// told from an opener ("hop bloque tout", "du coup gèle la prod",
		// "STOP verrouille l'api") by no rule the words give: it stays the
		// order it was (a lock costs only a wait).
		return false
	}
	if i == 1 && articleWords.has(ws[0]) {
		return false // "là bloque la prod" (folded "la"): an article needs its noun before the verb
	}
	if ws[0] == "qui" || ws[0] == "ca" || ws[0] == "cela" || ws[0] == "ceci" || ws[0] == "il" || ws[0] == "elle" || ws[0] == "ils" || ws[0] == "elles" {
		return i == 1 || i == 2 && (ws[1] == "me" || ws[1] == "nous" || ws[1] == "ne" || ws[1] == "n" || ws[1] == "aussi" || ws[1] == "en")
	}
	return i <= 7 // an article and its noun, a few words long ("la mise en prod du front dégèle la prod")
}

// infinitiveFrames before "de" and a lock verb's infinitive tell of it,
// they do not order it: "impossible de débloquer la prod", "avant de
// dégeler", "plutôt que de geler".
var infinitiveFrames = setOf("impossible", "avant", "besoin", "moyen", "peur", "sans", "lieu", "que", "eviter", "evite", "interdit",
	"oublie", "oublier", "essaye", "essayer", "tente", "tenter", "envie", "question", "difficile", "facile", "temps")

// articleWords are the subjectOpeners that need a noun after them.
var articleWords = setOf("le", "la", "les", "l", "un", "une", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "son", "sa",
	"ses", "notre", "nos", "votre", "vos", "leur", "leurs")

// liftVerbs lift a freeze named after them.
var liftVerbs = setOf("lift", "retirer", "retire", "lever", "leve", "levez", "remove", "end", "cancel", "annule", "annuler", "drop", "enleve", "enlever")

// lockClause reads one clause of lockByName.
func (r *Router) lockClause(ws []string) (cmd, bool) {
	var found deploybot.Command
	stated := false
	for i, w := range ws {
		c, ok := lockVerbs[w]
		if !ok || i > 0 && stateVerbs.has(ws[i-1]) || timeNoun(ws, i) {
			continue
		}
		if c == deploybot.CmdFreeze && r.liftedFreeze(ws, i) {
			c = deploybot.CmdUnfreeze // "lift the freeze", "retirer le gel", "lift the web freeze", "end the prod freeze"
		}
		if offObjectAfter(ws, i) {
			return cmd{}, false // "il faut bloquer la date de mise en prod du site"
		}
		if lockStateTold(ws, i) {
			return cmd{}, false // "the prod freeze ended", "no prod freeze this week", "le gel de la prod est fini"
		}
		if r.thirdPersonLock(ws, i) {
			stated = true
			continue // "le bandeau cookies bloque tout", "ça bloque tout": what something does, no order ("ça bloque tout donc on bloque tout" orders after it)
		}
		if stated && !(i > 0 && (ws[i-1] == "on" || ws[i-1] == "donc" || ws[i-1] == "alors" || ws[i-1] == "so" || ws[i-1] == "then")) {
			return cmd{}, false // "ça bloque tout, impossible de débloquer la prod": after a statement, only a verb said as an order
		}
		if i > 0 && (ws[i-1] == "ne" || ws[i-1] == "n" || ws[i-1] == "avoir") || i > 2 && (ws[i-3] == "au" && ws[i-2] == "lieu" && ws[i-1] == "de" || ws[i-2] == "instead" && ws[i-1] == "of") ||
			i > 1 && (ws[i-1] == "de" || ws[i-1] == "d") && infinitiveFrames.has(ws[i-2]) {
			return cmd{}, false // "tant qu'on ne dégèle pas la prod", "au lieu de dégeler la prod", "impossible de débloquer la prod", "après avoir débloqué"
		}
		if i > 0 && (negators.has(ws[i-1]) || pastAuxiliaries.has(ws[i-1]) && (englishAuxiliaries.has(ws[i-1]) ||
			i+1 < len(ws) && frenchDeterminers.has(ws[i+1]))) {
			return cmd{}, false // "don't lock prod", "Julien a lock l'api prod hier soir"
		}
		found = c
		break
	}
	if found == "" {
		return cmd{}, false
	}
	c := cmd{cmd: found}
	if r.excludesNamed(ws) {
		return cmd{}, false // "dégèle tout sauf le back": no one command the bot can give (it lifted every freeze)
	}
	if found != deploybot.CmdFreeze {
		for i, w := range ws {
			if dayNumber(w) > 0 && (monthWords.has(wordAt(ws, i+1)) || monthWords.has(wordAt(ws, i-1))) {
				return cmd{}, false // "dégèle le 28 décembre": for that date, no order now (it lifted every freeze)
			}
		}
	}
	if found == deploybot.CmdUnfreeze {
		// "dégèle le 3", "lève le gel n°3": that freeze by its number (a
		// bare unfreeze lifts every freeze in force: "dégèle le 3" lifted
		// them all).
		for i, w := range ws {
			if n := strings.TrimPrefix(w, "n"); n != "" && strings.Trim(n, "0123456789") == "" && len(n) <= 6 && i > 0 &&
				!monthWords.has(wordAt(ws, i+1)) && !monthWords.has(wordAt(ws, i-1)) {
				c.set("id", n)
				return c, true
			}
		}
	}
	for _, w := range ws {
		if e, ok := envWordOf(w); ok && c.env == "" {
			c.env = e
		} else if a, ok := r.project(w); ok && c.app == "" && !stopWords.has(w) {
			c.app = a
		} else if w == "all" || w == "tout" || w == "tous" || w == "everything" {
			c.set("all", "yes")
		}
	}
	if c.app == "" && c.args["all"] == "" {
		c.unknownApp = r.unknownBeforeEnv(ws) // "unfreeze foo prod" lifted every production freeze
	}
	if c.env == "" && (found == deploybot.CmdFreeze || found == deploybot.CmdUnfreeze) {
		for _, w := range ws {
			if e, ok := impliedEnvOf(w); ok {
				c.env = e // "on gèle les MEP de l'api": its production
				break
			}
		}
	}
	if c.app == "" && c.env == "" && c.args["all"] == "" && found != deploybot.CmdUnfreeze {
		return cmd{}, false
	}
	return c, true
}

// phraseCmd is a command named by one of its phrases anywhere in a
// sentence (folded words, space-separated, matched as whole words).
type phraseCmd struct {
	cmd     deploybot.Command
	phrases []string
	args    map[string]string
}

// queryPhrases name the commands that only read: asked as questions too
// ("c'est quoi l'état du front ?", "on en est où sur la prod de l'api ?",
// "who changed the api settings this week?").
var queryPhrases = []phraseCmd{
	{deploybot.CmdDora, []string{"dora", "lead time", "deployment frequency", "deploy frequency", "frequence de deploiement",
		"frequence des deploiements", "mttr", "change failure rate", "taux d echec", "time to restore", "temps de restauration"}, nil},
	{deploybot.CmdAudit, []string{"audit", "audit trail", "who changed", "qui a change", "qui a modifie", "who modified",
		"qui a fait quoi", "who did what"}, nil},
	{deploybot.CmdHistory, []string{"history", "historique", "past deploys", "past deployments", "last deploys",
		"derniers deploiements", "deploiements passes", "all deploys", "all deployments", "tous les deploiements",
		"what went to", "what went out", "what shipped", "ce qui est parti", "qu est ce qui est parti"}, nil},
	{deploybot.CmdList, []string{"verrous actifs", "verrous en cours", "locks actifs", "active locks", "current locks",
		"locks in place", "any locks", "des verrous", "who locked", "qui a verrouille", "qui a pose le verrou", "anything locked",
		"any env locked", "any envs locked", "any environment locked"}, map[string]string{"what": "locks"}},
	{deploybot.CmdList, []string{"environnements", "environments", "envs"}, map[string]string{"what": "environments"}},
	{deploybot.CmdList, []string{"freeze coming", "freezes coming", "upcoming freeze", "upcoming freezes", "any freeze",
		"gels prevus", "gel prevu", "des gels"}, map[string]string{"what": "freezes"}},
	{deploybot.CmdRunbook, []string{"runbook", "runbooks"}, nil},
	{deploybot.CmdPending, []string{"deploiements en attente", "demandes en attente", "pending deploys", "pending deployments",
		"pending approvals", "approbations en attente", "deploiement en attente", "demande en attente", "pending deploy",
		"pending deployment", "waiting for approval", "waiting for an approval", "qui attend une approbation", "deploiements qui m attendent", "ceux qui attendent", "lesquels attendent", "which ones are waiting",
		"deploiement qui m attend", "deploys waiting for me", "deployments waiting for me", "deploys waiting on me", "deployments waiting on me"}, nil},
	{deploybot.CmdHelp, []string{"liste des commandes", "list of commands", "list of your commands", "tes commandes", "your commands",
		"what can you do", "what can you actually do", "what can you really do", "tu sais faire quoi", "que sais tu faire", "commandes", "commands", "aidez moi", "aide moi", "help me", "comment on te parle",
		"comment je te parle", "how do i talk to you", "how do we talk to you", "je suis perdu", "i m lost",
		"quoi taper", "what to type", "what do i type", "what should i type", "je tape quoi", "peux m aider", "pouvez m aider",
		"can you help", "could you help", "help us"}, nil},
	{deploybot.CmdStatus, []string{"etat des lieux", "etat", "status", "statut", "on en est ou", "ca en est ou", "ou ca en est", "where are we", "where do we stand",
		"state of", "what s running", "what is running", "what s deployed", "what is deployed", "ou en est", "ou en sont",
		"currently running", "currently deployed", "what s on staging", "what s on prod", "what s on production", "what is on staging",
		"what is on prod", "what is on production", "whats on staging", "whats on prod", "whats on production"}, nil},
}

// runbookElsewhere are the words of talk about runbooks, not a request
// for one.
var runbookElsewhere = setOf("changelog", "changelogs", "doc", "docs", "documentation", "livrable", "livrables", "deliverable",
	"deliverables", "livre", "livrer", "deliver", "says", "dit", "disait", "said", "step", "etape")

// queryPhraseAt is a phrase of queryPhrases by its first word: the words
// it is made of, and its rank (the command's, then the phrase's) among
// queryPhrases, which decides between two phrases a line holds. The
// profile of route --jsonl showed the search by strings.Index of every
// phrase in every line at 12 % of its CPU; one map lookup per word
// replaces it.
type queryPhraseAt struct {
	words      []string
	cmd, index int
}

var queryIndex = func() map[string][]queryPhraseAt {
	ix := map[string][]queryPhraseAt{}
	for ci, pc := range queryPhrases {
		for pi, ph := range pc.phrases {
			ws := strings.Fields(ph)
			ix[ws[0]] = append(ix[ws[0]], queryPhraseAt{ws, ci, pi})
		}
	}
	return ix
}()

// firstQueryPhrase finds, among the phrases of queryPhrases that ws holds
// as whole words, the one ranked first.
func firstQueryPhrase(ws []string) (phraseCmd, string, bool) {
	best := queryPhraseAt{cmd: len(queryPhrases)}
	for i, w := range ws {
		for _, at := range queryIndex[w] {
			if i+len(at.words) > len(ws) || at.cmd > best.cmd || at.cmd == best.cmd && at.index >= best.index {
				continue
			}
			if slices.Equal(ws[i:i+len(at.words)], at.words) {
				best = at
			}
		}
	}
	if best.words == nil {
		return phraseCmd{}, "", false
	}
	pc := queryPhrases[best.cmd]
	return pc, pc.phrases[best.index], true
}

// hasPhrase reports whether the folded line holds phrase as whole words.
func hasPhrase(line, phrase string) bool {
	for i := strings.Index(line, phrase); i >= 0; {
		j := i + len(phrase)
		if (i == 0 || line[i-1] == ' ') && (j == len(line) || line[j] == ' ') {
			return true
		}
		k := strings.Index(line[i+1:], phrase)
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// auditEvent reports whether words name an audit as a moment, not as
// the audit trail: "pendant l'audit", "before the audit", "jusqu'à la
// fin de l'audit".
func auditEvent(words []string) bool {
	for i, w := range words {
		if w != "audit" {
			continue
		}
		if i < 2 {
			continue
		}
		det, prep := words[i-1], words[i-2]
		if i >= 3 && (prep == "fin" || prep == "end") && (det == "l" || det == "the") {
			return true // "à la fin de l'audit", "at the end of the audit"
		}
		switch det {
		case "l", "the", "an", "un", "cet", "this":
			switch prep {
			case "pendant", "avant", "apres", "during", "before", "after", "until", "till", "jusqu", "durant", "for", "pour":
				return true
			}
		}
	}
	return false
}

// queryCommand reads a read-only command said in a sentence: its phrase,
// and the project and environment the message names. A how or why
// question about it stays a question ("how do I read the history?").
func (r *Router) queryCommand(p *parse) (cmd, bool) {
	ws := appendFields(make([]string, 0, 16), p.line)
	if len(ws) > 3 && ws[0] == "how" && howGoingRe.MatchString(p.line) {
		// "how's the rollback going?", "how is the api deploy doing?":
		// a status asked of what runs.
		c := cmd{cmd: deploybot.CmdStatus}
		r.namesIn(&c, ws)
		return c, true
	}
	if len(ws) == 0 || len(ws) > 30 || howAsked.has(ws[0]) && !helpOpens(ws) || isActionWord(ws[0]) ||
		len(ws) > 1 && ws[0] == "what" && (ws[1] == "does" || ws[1] == "is" && len(ws) > 2 && (ws[2] == "a" || ws[2] == "an" || ws[2] == "the")) {
		return cmd{}, false
	}
	for _, w := range ws {
		if w == "how" || w == "why" || w == "pourquoi" || w == "should" || w == "contain" || w == "contenir" {
			return cmd{}, false // "status page: how do we announce an outage?", "runbook: what should it contain?"
		}
	}
	if negatedLock(ws) {
		return cmd{}, false // "don't unfreeze prod until the end of the audit": talk about a freeze
	}
	pc, ph, found := firstQueryPhrase(ws)
	if found && pc.cmd == deploybot.CmdList && pc.args["what"] == "locks" && slices.ContainsFunc(ws, notNowWords.has) {
		return cmd{}, false // "who locked prod yesterday?": the audit's, not the locks now
	}
	if found && pc.cmd == deploybot.CmdAudit && (auditEvent(ws) || orderFollows(clauses(p.raw)[1:])) {
		// "peux-tu locker la prod pendant l'audit ?": the client's audit,
		// a moment; "the audit of the site found an XSS, rollback web
		// prod": what an audit found, then an order (the trail was shown
		// and the rollback dropped).
		return cmd{}, false
	}
	if !found {
		// "last 10 deploys of api in production?", "les 5 derniers
		// déploiements du site": a count between the words of history.
		if c, ok := r.lastDeploys(ws); ok {
			return c, true
		}
		return cmd{}, false
	}
	if strings.HasPrefix(ph, "what") && strings.Contains(ph, " on ") && (ws[0] != "what" && ws[0] != "whats" || slices.ContainsFunc(ws, func(w string) bool {
		return isActionWord(w) || w == "not" || w == "isn" || w == "yet" || w == "promote" || w == "put" || w == "take"
	})) {
		// "what's on staging for web right now?" asks what runs there;
		// not "take what's on staging and put it live", "promote what's
		// on staging", "what's on staging that isn't in prod yet".
		return cmd{}, false
	}
	line := joinFields(p.line, ws)
	c := cmd{cmd: pc.cmd}
	for k, v := range pc.args {
		c.set(k, v)
	}
	r.namesIn(&c, ws)
	if pc.cmd == deploybot.CmdList && pc.args["what"] == "environments" && c.app == "" {
		return cmd{}, false // "which environments do we need?" asks about practice
	}
	if pc.cmd == deploybot.CmdRunbook && slices.ContainsFunc(ws, runbookElsewhere.has) {
		// "on livre quoi au client ? runbook, changelog… ?", "the runbook
		// says 'rollback api prod' as step one": the runbook talked of,
		// among the deliverables or quoted, not asked for.
		return cmd{}, false
	}
	if pc.cmd == deploybot.CmdDora && (doraWhatRe.MatchString(line) && (!doraOursRe.MatchString(line) || doraShownRe.MatchString(line)) ||
		doraAdviceRe.MatchString(line) || doraMeaningRe.MatchString(line)) {
		// "what are DORA metrics exactly?", "our change failure rate is
		// 40% 😬 what are we doing wrong?", "c'est quoi le lead time
		// exactement dans ces chiffres ?" (the figures shown: a word
		// explained, not the figures again)
		return cmd{}, false
	}
	doraAsked := pc.cmd == deploybot.CmdDora && (doraOursRe.MatchString(line) || strings.Contains(p.raw, "?")) &&
		!strings.HasSuffix(line, "c est quoi") && !strings.HasSuffix(line, "veut dire quoi") && !strings.HasSuffix(line, "means")
	if c.app == "" && c.env == "" && !doraAsked && !r.phraseAlone(p.raw, ph, pc.cmd) {
		// (Not "what's our change failure rate lately? the client asked",
		// "lead time et fréquence de déploiement, t'as ça ?": a figure
		// of ours asked, whatever follows; a read only.)
		return cmd{}, false // "history of the 7-step process?"
	}
	if pc.cmd == deploybot.CmdHelp && r.speaksOfWork(ws) {
		return cmd{}, false // "je dois me connecter en ssh pour déployer, c'est quoi les commandes ?"
	}
	if pc.cmd == deploybot.CmdAudit || pc.cmd == deploybot.CmdDora {
		c.env = ""
		if _, since := auditPeriod(line); since != "" && pc.cmd == deploybot.CmdAudit {
			c.set("since", since)
		}
	}
	return c, true
}

// negatedLock reports whether ws negate a lock's or a freeze's verb: such
// a message speaks of that order, whatever read command's word it holds.
func negatedLock(ws []string) bool {
	neg := false
	for _, w := range ws {
		switch w {
		case "dont", "don", "ne", "n", "never", "jamais", "pas", "not":
			neg = true
		default:
			if _, ok := lockVerbs[w]; ok && neg {
				return true
			}
		}
	}
	return false
}

// lastDeploys reads the history asked with a count: "last 10 deploys of
// api", "les 5 derniers déploiements du site".
func (r *Router) lastDeploys(ws []string) (cmd, bool) {
	for i := 0; i+2 < len(ws); i++ {
		n, noun := "", ""
		switch {
		case (ws[i] == "last" || ws[i] == "latest" || ws[i] == "les") && startsWithDigit(ws[i+1]):
			n, noun = ws[i+1], ws[i+2]
			if ws[i] == "les" && i+3 < len(ws) && (ws[i+2] == "derniers" || ws[i+2] == "dernieres") {
				noun = ws[i+3]
			} else if ws[i] == "les" {
				continue
			}
		default:
			continue
		}
		switch noun {
		case "deploys", "deployments", "deploiements", "releases", "mep", "mises":
		default:
			continue
		}
		if strings.Trim(n, "0123456789") != "" {
			continue
		}
		c := cmd{cmd: deploybot.CmdHistory}
		r.namesIn(&c, ws)
		return c, true
	}
	return cmd{}, false
}

// namesIn sets c's project and environment from the first of each in ws.
func (r *Router) namesIn(c *cmd, ws []string) {
	for _, w := range ws {
		if e, ok := envWordOf(w); ok {
			if c.env == "" {
				c.env = e
			}
			continue
		}
		if a, ok := r.project(w); ok && c.app == "" && !stopWords.has(w) {
			c.app = a
		}
	}
}

// howGoingRe asks how a deploy or a rollback under way is going.
var howGoingRe = mustCompile(`^(?:(?:so|and|ok|hey)\s+)?how\s+(?:s|is|are)\s+(?:the|our|my|that)\s+(?:\S+\s+){0,2}(?:rollback|deploy|deployment|release|rollout)s?\s+(?:going|doing|coming\s+along|looking)(?:\s+(?:so\s+far|now|there|on\s+\S+))?\s*$`)

// queryFillers may stand around a read command's phrase: whose ("c'est
// quoi mon déploiement en attente ?") and when ("y a des gels prévus en
// décembre ?").
var queryFillers = setOf("mon", "mes", "ma", "my", "our", "nos", "notre", "semaine", "week", "mois", "month", "prochain",
	"hier", "yesterday", "aujourd", "hui", "today", "matin", "derniere", "dernier", "last", "weekend", "week-end",
	"prochaine", "prochains", "prochaines", "next", "cette", "this", "coming", "upcoming", "prevu", "prevus", "prevue", "prevues",
	"planned", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
	"decembre", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
	"december", "sortir", "sors", "sortez", "client", "customer", "deploiements", "deployments")

// statusSubjects are what a status asked in words may be about: "où en
// est le rollback ?", "ou en est la MEP".
var statusSubjects = setOf("rollback", "deploiement", "deploy", "deployment", "mep", "release", "livraison", "retour", "arriere")

// helpFillers may stand around the help's phrase: "tu sais faire quoi au
// juste ?", "t'as une liste des commandes ?", "what can you actually do?".
var helpFillers = setOf("au", "juste", "exactement", "vraiment", "actually", "exactly", "really", "t", "as", "une", "un", "tu",
	"aide", "help", "sais", "pas", "je", "i", "don", "know", "quoi",
	"il", "y", "you", "have", "got", "ya", "any", "a", "deploybot", "bot", "me", "moi", "donne", "give", "send", "envoie",
	"dispo", "dispos", "disponibles", "disponible", "available", "do", "does", "which", "what", "quelles", "quels", "sont", "are", "les", "the", "existent", "exist")

// helpOpens reports whether ws open with the help's phrase that asks how
// ("comment on te parle", "how do I talk to you").
func helpOpens(ws []string) bool {
	pc, ph, ok := firstQueryPhrase(ws)
	return ok && pc.cmd == deploybot.CmdHelp && strings.HasPrefix(strings.Join(ws, " "), ph)
}

// phraseAlone reports whether the clause of raw that holds phrase says
// nothing else than it, fillers and politeness: "état des lieux stp, le
// client m'appelle", not "where are we with the migration plan".
func (r *Router) phraseAlone(raw, phrase string, c deploybot.Command) bool {
	help := c == deploybot.CmdHelp
	var parts []string
	for _, cl := range clauses(raw) {
		parts = append(parts, strings.Split(cl, "?")...) // "any freeze coming up? I'm planning the sprint"
	}
	for _, cl := range parts {
		line := commandLine(cl)
		if !hasPhrase(line, phrase) {
			continue
		}
		rest := strings.Fields(strings.Replace(line, phrase, " ", 1))
		for _, w := range rest {
			if !fillers.has(w) && !politeWords.has(w) && !stateFillers.has(w) && !stateAsks.has(w) && !interjections.has(w) &&
				!queryFillers.has(w) && !(help && helpFillers.has(w)) && !(c == deploybot.CmdStatus && statusSubjects.has(w)) {
				return false
			}
		}
		return true
	}
	return false
}

// Words of the commands that record something on a deployment or delete a
// reminder, by its id: recordByID.
var (
	successWords = setOf("succeeded", "succeded", "success", "successful", "succeed", "reussi", "reussie", "marche", "worked", "nickel", "ok", "fine", "done")
	// loneSuccess say success only when no checklist item is named.
	loneSuccess   = setOf("ok", "fine", "done")
	exceptWords   = setOf("sauf", "except", "but", "hormis", "excepte", "excepted", "besides")
	failureWords  = setOf("failed", "fail", "failure", "echoue", "echec", "ko", "rate", "plante", "broke", "broken")
	recordWords   = setOf("mark", "marque", "marque-le", "marquer", "record", "note", "noter", "enregistre", "enregistrer", "outcome", "resultat", "set", "log")
	tickWords     = setOf("tick", "ticking", "coche", "cocher", "cochez")
	checklistNoun = setOf("checklist", "check-list")
	deleteWords   = setOf("delete", "remove", "supprime", "supprimer", "vire", "virer", "retire", "retirer", "efface", "effacer", "enleve", "enlever", "drop", "annule", "cancel", "stop")
	reminderNouns = setOf("reminder", "reminders", "rappel", "rappels")
)

// recordByID reads, by the id they name, a reminder's deletion ("vire le
// rappel numéro 2, il sert plus à rien"), a deployment's outcome ("le 36
// est passé nickel, tu peux le noter comme réussi") or ticked checklist
// items ("pour le 7 j'ai fait les tests, la doc et la comm, tu peux
// cocher").
func (r *Router) recordByID(p *parse, ws []string) (cmd, bool) {
	if strings.IndexAny(p.line, "0123456789") < 0 || someoneElseDecides(ws) {
		return cmd{}, false // no id, or another's doing
	}
	id := ""
	var del, reminder, success, failure, record, tick, except, checklist, decided bool
	strongSuccess := false
	var items []string
	for i, w := range ws {
		switch {
		case len(w) > 0 && len(w) <= 6 && strings.Trim(w, "0123456789") == "":
			if i > 0 && (ws[i-1] == "a" || ws[i-1] == "at" || ws[i-1] == "dans" || ws[i-1] == "in") || i+1 < len(ws) && (ws[i+1] == "min" || ws[i+1] == "h") {
				continue // "dans 10 min", "at 10"
			}
			if id != "" && id != w {
				return cmd{}, false
			}
			if !deploymentNumber(ws, i) && !hashed(p.raw, w) && !(i > 0 && (reminderNouns.has(ws[i-1]) || ws[i-1] == "numero")) {
				return cmd{}, false // "the build 45 failed", "form 3"; "reminder 5" is a reminder's
			}
			id = w
		case deleteWords.has(w):
			del = true
		case reminderNouns.has(w):
			reminder = true
		case successWords.has(w):
			success = true
			strongSuccess = strongSuccess || !loneSuccess.has(w)
		case exceptWords.has(w):
			except = true
		case failureWords.has(w):
			failure = true
		case recordWords.has(w):
			record = true
		case tickWords.has(w):
			tick = true
		case checklistNoun.has(w):
			checklist = true
		}
		if _, ok := stemOf(w, decisionStems); ok {
			decided = true
		}
		if it := tickItems[w]; it != "" && it != "all" && it != "staging" && it != "rollback_plan" {
			items = append(items, it)
		}
	}
	if id == "" {
		return cmd{}, false
	}
	switch {
	case reminder && del:
		c := cmd{cmd: deploybot.CmdReminders}
		c.set("op", "delete")
		c.set("id", id)
		return c, true
	case record && (success != failure) && !tick && (len(items) == 0 || failure || strongSuccess):
		c := cmd{cmd: deploybot.CmdOutcome}
		c.set("id", id)
		if success {
			c.set("outcome", "succeeded")
		} else {
			c.set("outcome", "failed")
		}
		return c, true
	case tick || checklist && !decided || record && len(items) > 0 && !reminder:
		// "confirming #45, checklist done on my side" confirms: the
		// checklist is a tick only when no decision is said.
		c := cmd{cmd: deploybot.CmdTick}
		c.set("id", id)
		// "coche tout sur le 15 sauf les migrations": the items named
		// are the ones not done; none is ticked, the bot asks which.
		if len(items) > 0 && !except {
			c.set("items", strings.Join(items, " "))
		}
		return c, true
	}
	return cmd{}, false
}

// drillAsked reads a rollback drill asked in a sentence ("let's run a
// rollback drill on web staging", "on fait un drill de rollback sur le
// backend ?", "simule un rollback de l'api en preprod"): asked as a
// question too, since a drill is only planned, never run, before its
// plan is confirmed.
func (r *Router) drillAsked(p *parse) (cmd, bool) {
	if !strings.Contains(p.line, "drill") && !strings.Contains(p.line, "rollback") {
		return cmd{}, false // the phrases below hold one or the other: no words' slice for every line
	}
	ws := appendFields(make([]string, 0, 16), p.line)
	if len(ws) == 0 || howAsked.has(ws[0]) || len(ws) > 1 && ws[0] == "what" || asksAbout(p.raw, p.line) && slices.ContainsFunc(ws, drillExists.has) {
		// Nor "y a un exercice de rollback à prévoir ce mois-ci pour le
		// site ?": a question, no drill asked for.
		return cmd{}, false
	}
	line := joinFields(p.line, ws)
	if !hasPhrase(line, "drill") && !hasPhrase(line, "drills") && !hasPhrase(line, "exercice de rollback") &&
		!hasPhrase(line, "simule un rollback") && !hasPhrase(line, "simulate a rollback") {
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdDrill}
	r.namesIn(&c, ws)
	if c.app == "" {
		return cmd{}, false // "how often should we drill?" has no project
	}
	return c, true
}

// drillExists ask whether a drill is due rather than ask for one: "y a
// un exercice de rollback à prévoir ?", "is there a drill planned this
// month?".
var drillExists = setOf("y", "there", "any", "prevoir", "prevu", "prevus", "planned", "scheduled", "due", "programme", "planifie")

// interviewNouns name the interview; resetWords a return to the file's
// value.
var (
	interviewNouns = setOf("interview", "entretien", "questionnaire", "onboarding", "onboard", "brief")
	resetPhrases   = []string{"reset", "reinitialise", "reinitialiser", "remet a zero", "remets a zero", "remettre a zero",
		"what the file says", "reviens a la config", "revenir a la config", "back to the file", "valeur du fichier"}
)

// settingsStems are strings one of which each of resetPhrases, of
// interviewNouns and "configure" holds: settingsOrder reads nothing in a
// line without one, and most lines (questions, actions) hold none; it
// looked for each phrase and each word in turn, 2.3 % of BenchmarkParse's
// instructions (issue 19). TestSettingsStems checks them.
var settingsStems = stemSet("reset", "reinitialise", "remet", "file", "fichier", "config", "interview", "entretien",
	"questionnaire", "onboard", "brief")

// settingsOrder reads an interview or a reset of a setting asked in a
// sentence: "let's do the agency questionnaire", "pose-moi les questions
// du brief pour le front", "reset web strategy pls, my canary experiment
// is over", "could you reset the approval setting on api back to what the
// file says?". A reset says which setting; both say whose. ws are the
// words of p.line.
func (r *Router) settingsOrder(p *parse, ws []string) (cmd, bool) {
	line := joinFields(p.line, ws)
	if !settingsStems.in(line) {
		return cmd{}, false
	}
	agency := false
	for _, w := range ws {
		agency = agency || w == "agency" || w == "agence"
	}
	for _, ph := range resetPhrases {
		if !hasPhrase(line, ph) {
			continue
		}
		k, ok := keyIn(ws)
		if !ok {
			return cmd{}, false
		}
		c := cmd{cmd: deploybot.CmdReset}
		c.set("key", k.key)
		r.namesIn(&c, ws)
		switch {
		case c.env != "" && c.app != "":
			c.set("scope", "environment")
		case c.app != "":
			c.set("scope", "project")
		default:
			c.set("scope", "agency")
		}
		return c, true
	}
	for _, w := range ws {
		if !interviewNouns.has(w) && !(w == "configure" && agency) {
			continue
		}
		c := cmd{cmd: deploybot.CmdInterview}
		r.namesIn(&c, ws)
		c.env = ""
		switch {
		case agency && c.app == "":
			c.set("scope", "agency")
		case c.app != "" && !agency:
			c.set("scope", "project")
		default:
			return cmd{}, false
		}
		return c, true
	}
	return cmd{}, false
}

// keyIn finds the setting a sentence names, by one of its names.
func keyIn(ws []string) (settingName, bool) {
	line := " " + strings.Join(ws, " ") + " "
	for _, k := range settingNames {
		for _, n := range k.names {
			if strings.Contains(line, " "+n+" ") {
				return k, true
			}
		}
	}
	return settingName{}, false
}

// speaksOfWork reports whether words name an action or a word of the
// domain other than the bot's commands: the commands asked for are then
// a server's or a tool's, not the bot's.
func (r *Router) speaksOfWork(ws []string) bool {
	for _, w := range ws {
		if isActionWord(w) || coreWords.has(w) && w != "commands" && w != "commandes" && w != "help" && w != "aide" && w != "deploybot" && w != "bot" {
			return true
		}
	}
	return false
}

// lockVerbIn reports whether ws holds one of lockVerbs.
func lockVerbIn(ws []string) bool {
	for _, w := range ws {
		if _, ok := lockVerbs[w]; ok {
			return true
		}
	}
	return false
}

// idBefore are the words that may stand right before a deployment's id:
// articles, the words for a deployment, prepositions, a decision's verb.
var idBefore = setOf("le", "la", "l", "the", "deployment", "deploiement", "deploy", "demande", "request", "plan", "numero",
	"number", "no", "n", "mep", "pour", "for", "du", "de", "d", "of", "on", "sur", "it", "celui", "celle", "moi", "me", "go",
	"ok", "oui", "yes", "bien", "so", "alors", "donc", "then", "and", "et", "mais", "but", "stp", "please", "pls", "comme", "one",
	"outcome", "resultat", "result")

// deploymentNumber reports whether the number at ws[i] can be a
// deployment's id: it opens the message, or follows a word of idBefore or
// a decision's word. A number after another noun is that thing's: "PR
// 45", "ticket 1234", "mockup 3", "sprint 12".
func deploymentNumber(ws []string, i int) bool {
	if i == 0 {
		return true
	}
	prev := ws[i-1]
	if idBefore.has(prev) {
		return true
	}
	if _, ok := stemOf(prev, decisionStems); ok {
		return true
	}
	if tickWords.has(prev) || recordWords.has(prev) {
		return true // "tick 3", "mark 12" — not "ticket 12"
	}
	_, ok := stemOf(prev, []stemCmd{{stems: []string{"confirm", "annul", "cancel", "approv", "approuv", "valid", "refus", "deny", "reject", "rejet"}}})
	return ok
}

// reportWords tell that a decision is someone else's, said or made by
// them: "he said approve 12", "approved by QA", "le client a validé le 3".
var (
	reportWords   = setOf("said", "says", "told", "wrote", "asked", "dit", "disait", "ecrit", "demande", "demandait", "by", "par")
	otherDeciders = setOf("he", "she", "they", "il", "elle", "ils", "elles", "client", "customer", "qa", "po", "pm", "boss",
		"manager", "team", "equipe", "someone", "quelqu")
)

// someoneElseDecides reports whether ws tells of another's decision (see
// reportWords), not the writer's own.
func someoneElseDecides(ws []string) bool {
	for i, w := range ws {
		if w == "by" || w == "par" {
			// "approved by QA": the decision right before is theirs; "by
			// hand" says nothing of whose.
			if i > 0 {
				if _, ok := stemOf(ws[i-1], decisionStems); ok {
					return true
				}
			}
			continue
		}
		if reportWords.has(w) {
			return true
		}
		if otherDeciders.has(w) && i+1 < len(ws) {
			if _, ok := stemOf(ws[i+1], decisionStems); ok {
				return true // "the client validated mockup 3", "QA approved 12"
			}
			if i+2 < len(ws) && (ws[i+1] == "a" || ws[i+1] == "has" || ws[i+1] == "have") {
				if _, ok := stemOf(ws[i+2], decisionStems); ok {
					return true // "le client a validé le 3"
				}
			}
		}
	}
	return false
}

// hashed reports whether raw writes the number n as an id, "#n", unless
// another noun stands right before it ("PR #45").
func hashed(raw, n string) bool {
	for i := strings.Index(raw, "#"+n); i >= 0; {
		j := i + 1 + len(n)
		if j == len(raw) || raw[j] < '0' || raw[j] > '9' {
			before := strings.Fields(strings.ToLower(raw[:i]))
			if len(before) == 0 || !foreignNumbered.has(strings.Trim(before[len(before)-1], ",:;")) {
				return true
			}
		}
		k := strings.Index(raw[i+1:], "#"+n)
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// foreignNumbered name what else people number with a #.
var foreignNumbered = setOf("pr", "mr", "issue", "ticket", "bug", "story", "task", "tache", "item", "card", "carte", "jira", "pull")
