package router

import (
	"slices"
	"strings"

	"deploybot"
)

// An attacker's review of the rules that read orders in sentences found
// messages that carry an order's words without giving it: negated ("don't
// cancel 12", "ne débloque pas la prod"), hedged ("deploy api to prod? no",
// "lol jk", "maybe later"), conditional ("if QA passes, deploy api to
// prod"), or someone else's ("he said approve 12", "jenkins: approve 12",
// "in gitlab I typed approve 12"). None of them may change anything: what
// they ask is answered as a question.

// consequential are the commands that change something.
var consequential = map[deploybot.Command]bool{deploybot.CmdConfirm: true, deploybot.CmdCancel: true,
	deploybot.CmdApprove: true, deploybot.CmdDeny: true, deploybot.CmdLock: true, deploybot.CmdUnlock: true,
	deploybot.CmdFreeze: true, deploybot.CmdUnfreeze: true, deploybot.CmdTick: true, deploybot.CmdOutcome: true,
	deploybot.CmdReset: true, deploybot.CmdReminders: true}

var (
	negationWords = setOf("dont", "not", "never", "jamais", "cannot", "cant", "wont", "ne", "n", "pas", "shouldn", "shouldnt",
		"avoid", "avoiding", "evite", "evitez", "eviter", "refrain", "interdiction",
		"interdit", "forbidden", "prohibited", "inutile", "without", "sans")
	// anywhereHedges hedge an order wherever they stand in the message.
	anywhereHedges = setOf("lol", "jk", "mdr", "ptdr", "haha", "hahaha", "lmao", "rofl", "xd", "kidding", "rigole", "forbidden",
		"interdit", "interdits", "blague", "joke", "joking", "plaisante", "plaisantais", "j/k", "y/n", "o/n")
	// conditionHedges condition the order of their clause or of a later
	// one.
	conditionHedges = setOf("if", "si", "unless")
	// docVerbs before an order document it: "to approve, write approve
	// 12", "pour approuver, écris approuve 12".
	docVerbs = setOf("write", "ecris", "ecrire", "ecrivez", "type", "tape", "taper", "tapez", "typed", "syntax", "syntaxe")
	// hedgeWords hedge the order of their clause.
	hedgeWords = setOf("maybe", "perhaps", "wish", "peut-etre", "blague", "could", "might", "would", "pourrait", "pourrions",
		"pourrais", "devrait", "devrions", "or", "ou", "vs", "versus", "draft", "brouillon", "todo", "e.g", "eg",
		"example", "exemple", "syntax", "syntaxe", "suggested", "suggests", "suggere", "propose", "proposed", "thoughts", "wdyt",
		"aurait", "aurais", "aurions", "auraient", // "Inès aurait voulu mettre le front en prod samedi"
		"supposed", "suposed", "devait", "devais", "devaient", "devions", "cense", "censee", "censes", "censees", "sense", "sensee", "fallait") // "Tom was supposed to promote web", "Léa devait passer le front en prod"
	// hedgesBefore hedge an order they precede, not a reason after it
	// ("I guess rollback api prod", not "deploy api, I think it's ready").
	hedgesBefore = setOf("probably", "probablement", "guess", "suppose", "think", "thinking", "wondering", "whether", "pense",
		"crois", "reckon")
	reportVerbs = setOf("said", "says", "say", "told", "wrote", "asked", "typed", "type", "typing", "dit", "disait", "ecrit", "tape",
		"tapais", "tapé", "write", "ecris", "ecrire", "wants", "voulait", "according", "selon", "parle", "parlait", "parlent",
		"mentioned", "mentionne", "talked", "discussed", "evoque", "demandait", "quoted")
	contractions = setOf("don", "can", "won", "isn", "doesn", "shouldn", "couldn", "wouldn", "didn")
	// deferrals put a loosening order or an action later: it is not
	// given now ("approve 12 once the tests pass", "débloque la prod à
	// 18h"). A lock or a freeze keeps them: they bound it ("freeze web
	// until monday").
	deferrals = setOf("once", "when", "whenever", "quand", "lorsque", "lorsqu", "until", "till", "jusqu", "provided", "providing",
		"later", "tard", "tomorrow", "demain")
	// takeBack words, alone in a clause after the order, take it back:
	// "approve 12... actually never mind", "débloque la prod. non en fait".
	takeBack = setOf("no", "non", "nope", "nah", "nan", "not", "pas", "wait", "attends", "attend", "actually", "en", "fait",
		"enfin", "never", "mind", "nevermind", "scratch", "that", "ca", "laisse", "tomber", "forget", "it", "ignore", "yet",
		"though", "really", "jk", "don", "dont", "t", "do", "this", "s", "finalement", "plutot", "ah", "oh", "euh", "hmm", "oops",
		"oups", "sorry", "desole", "ok", "bon")
	// otherSubjects are someone else acting: "alice approved 12",
	// "someone please approve 12", "qui peut débloquer la prod".
	otherSubjects = setOf("someone", "somebody", "anyone", "anybody", "quelqu", "quelqu-un", "he", "she", "they", "qui", "who",
		"whos", "nobody", "noone")
	// firstPersons may give an order: "je valide", "we lock", "on gèle".
	firstPersons = setOf("i", "je", "j", "we", "on", "nous", "let", "lets", "you", "tu", "please", "pls", "stp", "svp")
)

// givesNoOrder reports whether a message carries an order's words without
// giving it (see above). The negation is looked for in the clause that
// holds the order, before its first break, so that a reason after it may
// say "not" ("je refuse la 7, la review n'est pas faite"). A second
// attacker's review (session 5) found ~150 more ways around the first
// version: other negations and prohibitions, conditions, tenses, other
// speakers and addressees, quoted or documented commands, URLs, orders
// taken back after them, lists, emoji; each is a check below.
func (r *Router) givesNoOrder(raw string, line string) bool {
	return r.givesNoOrderFor(raw, line, false)
}

// givesNoOrderFor is givesNoOrder for an order that tightens (a lock, a
// freeze) or not: a tightening asked of anyone ("can someone lock
// backend prod?") or bounded in time ("freeze api: waiting for the
// client's go") is still given.
func (r *Router) givesNoOrderFor(raw string, line string, tighten bool) bool {
	countRead(len(raw))
	raw = strings.ReplaceAll(raw, "？", "?")
	if strings.Contains(raw, "j/k") || strings.Contains(raw, "J/K") {
		return true // "deploy web to prod, j/k"
	}
	if noNeedOrderRe.MatchString(line) {
		return true // "yesterday's deploy of api to staging went fine, no need to redo it"
	}
	if doneReported(raw) {
		return true // "web deploy to prod went well", "Léa a failli déployer le back en prod"
	}
	if r.pastMomentOpens(raw) {
		return true // "hier soir 🙏 rollback api prod, heureusement ça a marché"
	}
	if quotedOrder(raw) || orderOnlyInURL(raw) || listOfOrders(raw) || mockingMark(raw) || addressedElsewhere(raw) || relayed(raw) ||
		r.addressedToUnknownName(raw) || orderOutcomeRe.MatchString(line) && !strings.ContainsAny(raw, ",;:—") {
		return true
	}
	// The clause that holds the order's word: "personne ne touche à la
	// prod api, verrouille stp" orders a lock.
	head := raw
	if i, _, ok := clauseBreak(raw); ok && i > 0 {
		head = raw[:i] // no order word: the first clause
	}
	// The first clause with an order's verb (a noun such as "MEP" orders
	// nothing: "le paiement ne marche plus depuis la MEP, il faut
	// annuler").
	// A word of an order said in the past is a fact told, no order ("la
	// recette est validée par le client. déploie auth v1.9.0 en prod"):
	// the order is the first one not in the past, and a message whose
	// orders all are gives none.
	cls := clauses(raw)
	at, v, past, pastAt := -1, -1, false, -1
	for ci, cl := range cls {
		for part := range strings.SplitSeq(cl, "?") {
			pw := wordsOf(part)
			acc := &accentedWords{text: part}
			skip := -1 // the order's noun a past light verb takes
			for i, w := range pw {
				if pastDone.has(w) && !(i == 0 && w == "did") || lightVerbs.has(w) && pastOrder(acc, pw, i) {
					// "Bob did a rollback of api", "I just kicked off a
					// deploy", "Paul a lancé la MEP du front ce matin": the
					// order's noun the past verb takes.
					for k := i + 1; k < min(len(pw), i+4); k++ {
						if orderish(pw[k]) || orderNounsOnly.has(pw[k]) {
							skip = k
							break
						}
					}
					if skip > i {
						past = true
						if pastAt < 0 {
							pastAt = ci
						}
						continue
					}
				}
				if i == skip || sourceVerbs.has(w) && relativeWordBefore(pw, i) {
					continue // "MEP de ce qui est validé en preprod": what is there, no fact told
				}
				if (participles.has(w) || w == "rolled" || w == "reverted") && (pastOrder(acc, pw, i) || i > 0 && !politeOpeners.has(pw[i-1]) ||
					i == 0 && ci == 0 && englishPastOpeners.has(w)) { // "deployed web v2.5.0 to production": a report
					past = true // "I deployed api to prod yesterday", "api got rolled back"; not "deploye api 2.9.2 sur staging"
					if pastAt < 0 {
						pastAt = ci
					}
					continue
				}
				if !orderish(w) {
					continue
				}
				if pastOrder(acc, pw, i) {
					if orderWord(w) && pastAt < 0 {
						pastAt = ci
					}
					past = past || orderWord(w)
					continue
				}
				head, at, v = part, ci, i
				goto found
			}
		}
	}
found:
	if past && at < 0 && !nounOrder(cls, pastAt) {
		return true
	}
	if at > 0 {
		// "the README says: deploy web v1.0.0 to production --yes", "la
		// doc dit : …", "from the wiki: rollback api prod --yes", "carol
		// confirmed: approve 12": the order is what a report or a
		// source before it quotes (review 12 downgraded production this
		// way).
		if pw := wordsOf(cls[at-1]); len(pw) > 0 && len(pw) <= 6 && (reportVerbs.has(pw[len(pw)-1]) || sourceQuoted(pw) && colonAfter(raw, cls[at-1])) {
			return true
		}
	}
	hw := wordsOf(head)
	// The negation stands before the order's word, or ("ne débloque pas",
	// "n'annule pas le 12") just after it; one further on is a reason's
	// ("abort 19 the migration is not ready").
	if v < 0 {
		v = len(hw)
	}
	for i, w := range hw {
		if i > v+2 {
			break
		}
		if negationWords.has(w) || w == "t" && i > 0 && contractions.has(hw[i-1]) || negatedSubject(hw, i) && i < v && i >= v-2 && (!tighten || nobodyTightens(hw, i, v)) {
			if w == "pas" && i+1 < len(hw) && (hw[i+1] == "de" || hw[i+1] == "d" || hw[i+1] == "mal") && i+2 < len(hw) && harmless.has(hw[i+2]) {
				continue // "pas de souci, …"
			}
			if incidentNegation(hw, i) {
				continue // "les clients ne peuvent plus payer, …": an incident told
			}
			if i > v && w != "pas" && w != "jamais" {
				continue
			}
			if i == v+2 && !pronouns.has(hw[v+1]) {
				continue // "deny 70 pas de MEP pendant la paie": the reason's
			}
			return true
		}
		if i < v && noBefore(hw, i) {
			return true // "no need to approve 12", "plus besoin de", "no rollback on api", "stop deploying"
		}
	}
	if v < len(hw) && (futureOrder(hw, v) || !tighten && otherSubject(hw, v)) {
		return true
	}
	for i := 0; i < v && i < len(hw); i++ {
		if whenWords.has(hw[i]) && !whenPolite(hw, i, v) {
			return true // "when you deploy api to prod, ping me", "ping me when you deploy api to prod": a moment named, no order
		}
	}
	lw := appendFields(make([]string, 0, 16), line)
	for i, w := range lw {
		if anywhereHedges.has(w) && !jokeDenied(lw, i) || docVerbs.has(w) && orderAfter(line, w) {
			return true
		}
	}
	if hedgePhrases2.in(line) {
		return true // "…, enfin si le client a validé", "… but only if QA passes"
	}
	if v < len(hw) && (deployVerbs.has(hw[v]) || hw[v] == "rollback" || hw[v] == "revert" || hw[v] == "roll" || hw[v] == "passer" || hw[v] == "passe") &&
		waitsAfter.in(line) {
		return true
	}
	// A condition up to the order's clause conditions it ("if QA passes,
	// deploy api to prod", "deploy api to prod if QA passes"); one in a
	// later clause is a reason's ("rollback web prod, if anyone asks it
	// was me", "approve 63. If it fails, we roll back.").
	upTo := cls
	if at >= 0 {
		upTo = cls[:at+1]
	}
	for _, cl := range cls[len(upTo):] {
		// "deploy web to production, if QA agrees": a validation waited
		// for, in a clause after the order.
		if cw := wordsOf(cl); len(cw) > 1 && (cw[0] == "if" || cw[0] == "si" || cw[0] == "once" || cw[0] == "unless") &&
			slices.ContainsFunc(cw[1:], validationConditions.has) {
			return true
		}
	}
	if askedShould(appendFields(make([]string, 0, 8), line)) {
		return true // "should I deploy web v2.5.0 to production"
	}
	for ci, cl := range upTo {
		cw := wordsOf(cl)
		for i, w := range cw {
			// A polite "if possible" ends the message: not "… if possible,
			// otherwise tomorrow", "… if possible, if it breaks".
			if conditionHedges.has(w) && !(ci == len(cls)-1 && politeCondition(cw, i) && v >= 0 && v < len(hw) && actionVerb(hw[v])) {
				return true
			}
			if i == 0 && ci < len(upTo)-1 && whenWords.has(w) && !whenPolite(cw, 0, len(cw)+4) {
				return true // "when you get the green light, deploy api to prod": a moment said first
			}
		}
		if hasPair(cw, "not", "sure") || hasPair(cw, "sais", "pas") || caseOf(cw) && ci >= len(upTo)-2 {
			return true // ("en cas de pépin, appelle-moi. rollback api prod": a case of its own, then the order)
		}
	}
	if questionWithoutOpener(raw, line) || !tighten && r.defers(cls, at, hw, v) || exampleMark(raw) {
		return true
	}
	for i, w := range hw {
		// A report before the order's word makes it someone else's ("he
		// said approve 12"); after it, it is the order's object ("reset
		// approval back to what the file says"). A modal hedges the order
		// of its own clause, unless it asks ("could you deploy…").
		if (reportVerbs.has(w) || hedgesBefore.has(w)) && i < v && v < len(hw) {
			return true
		}
		if hedgeWords.has(w) && !(i+1 < len(hw) && (hw[i+1] == "you" || hw[i+1] == "u" || hw[i+1] == "tu" || hw[i+1] == "vous" || r.wishPlain(hw, i+1))) &&
			!(i > 0 && (hw[i-1] == "tu" || hw[i-1] == "vous")) { // "could you…", "tu pourrais…"
			return true
		}
	}
	// hasPhrase(line, ph) is strings.Contains(" "+line+" ", " "+ph+" ");
	// the sets find it for any of their phrases in one pass (building
	// both strings for each phrase was 6 % of Parse in a profile).
	if hedgePhraseSet.in(line) || !tighten && waitPhraseSet.in(line) || r.advisedD(wordsOf(line)) {
		return true
	}
	// "deploy api to prod? no": a no right after the question.
	afterMark := wordsAfter{text: raw}
	for q := strings.IndexByte(raw, '?'); q >= 0; {
		if after := afterMark.first(q); after == "no" || after == "non" || after == "nah" || after == "nope" || after == "nan" {
			return true // also after a later question: "deploy web to production? and then lock it? no, not today"
		}
		next := strings.IndexByte(raw[q+1:], '?')
		if next < 0 {
			break
		}
		q += 1 + next
	}
	// Taken back after it: "unlock prod. nope, scratch that", "approve 12
	// — NOT", "deploy api to prod\n\nnot yet though".
	if at >= 0 {
		corrected := -2 // the last clause that corrects the order, found once: read after each take-back, "no. " x n read n²/2 clauses
		for k, cl := range cls[at+1:] {
			// A clause that takes the order back, unless what follows it
			// corrects the order ("ship web to production, oops no,
			// staging": slots.go reads the correction).
			if !takenBack(cl) {
				continue
			}
			if corrected == -2 {
				corrected = r.lastCorrecting(cls)
			}
			if strings.HasPrefix(strings.TrimSpace(cl), "^") || corrected <= at+1+k {
				return true
			}
		}
		if takenBackAfter(head, v) {
			return true
		}
		for _, cl := range cls[at+1:] {
			if reportsDone(cl) {
				return true // "rollback api prod: done ✅", "deploy api to prod - done"
			}
		}
	}
	// "jenkins: approve 12", "sorry, wrong channel: approve 12", "according
	// to bob: approve 12": a tool's or a person's line quoted, a label.
	if labelled(r, raw) {
		return true
	}
	return strings.HasPrefix(strings.TrimSpace(raw), `"`) || strings.HasPrefix(strings.TrimSpace(raw), "“") ||
		strings.HasPrefix(strings.TrimSpace(raw), "«") || strings.HasPrefix(strings.TrimSpace(raw), "`")
}

// wishedAt reports whether ws[i:] say a wish of an order after "would" or
// "'d", the order's verb right after: "I would like to deploy …", "I'd
// love to roll back …" (not "I'd roll it back", an advice, nor "I'd like
// to cancel the deploy", "I'd like to double check before we deploy").
func wishedAt(ws []string, i int) bool {
	if i+2 >= len(ws) || ws[i] != "like" && ws[i] != "love" || ws[i+1] != "to" {
		return false
	}
	switch w := ws[i+2]; {
	case w == "deploy" || w == "ship" || w == "release" || w == "redeploy" || w == "promote" || w == "push" || w == "rollback" || w == "revert":
		return true
	case w == "roll":
		return i+3 < len(ws) && ws[i+3] == "back"
	}
	return false
}

// wishPlain reports whether ws[i:] say a plain wish of an order
// (wishedAt) whose words after the verb only name what to deploy and
// where, politely: "I'd like to deploy web 3.2.2 to production please";
// not "… someday", "… I guess", "… before the demo", "… & roll back api",
// which stay the advice or the musing "I'd" says.
func (r *Router) wishPlain(ws []string, i int) bool {
	if !wishedAt(ws, i) {
		return false
	}
	j := i + 3
	if ws[i+2] == "roll" {
		j++
	}
	for _, w := range ws[j:] {
		if !wishFillers.has(w) && !r.projectWord(w) && versionToken(w) == "" && !isEnvWord(w) {
			return false
		}
	}
	return true
}

// isEnvWord reports whether w names an environment.
func isEnvWord(w string) bool {
	_, ok := envWordOf(w)
	return ok
}

// wishFillers may follow a wish's order: "… to production please", "…
// if possible", "… asap".
var wishFillers = setOf("to", "on", "in", "into", "the", "of", "for", "please", "pls", "plz", "now", "asap", "today", "right", "away",
	"if", "possible", "that", "s", "ok", "okay", "fine", "you", "can", "version", "release", "hotfix", "fix", "it", "en", "la", "le", "l",
	"du", "de", "sur", "stp", "svp", "thanks", "thx", "merci", "a", "new", "latest", "env", "environment", "project", "app")

// actionVerb reports whether w is a deploy's or a rollback's verb: a
// polite "if possible" leaves its order a plan to confirm, never a
// command run at once ("unlock api production if possible").
func actionVerb(w string) bool {
	return deployVerbs.has(w) || w == "roll" || w == "rollback" || w == "revert" || w == "sors" || w == "sortez" || w == "sortir" ||
		hasRollbackStem([]string{w})
}

// advisedD reports whether ws say what one would do ("I'd roll back",
// "we'd deploy on Tuesday", "deploy web, I'd wait though"): no order;
// "I'd like to deploy web to production" is a wish.
func (r *Router) advisedD(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if (ws[i] == "i" || ws[i] == "we") && ws[i+1] == "d" && !r.wishPlain(ws, i+2) {
			return true
		}
	}
	return false
}

// politeCondition reports whether the condition word ws[i] only asks
// leave, last in its clause: "if possible", "if that's ok", "si c'est
// possible", "si possible", "if you can" (not "if that's ok with bob",
// "if the tests pass"; nor "if it's ok", "si ça passe", whose "it" may be
// the release).
func politeCondition(ws []string, i int) bool {
	rest := strings.Join(ws[i+1:], " ")
	switch rest {
	case "possible", "that s ok", "that s okay", "that s fine", "you can", "c est possible", "ca te va", "ca vous va", "tu peux",
		"vous pouvez":
		return true
	}
	return false
}

// futureForms are futures of the verbs of an order the endings of
// futureOrder miss.
var futureForms = setOf("mettra", "mettrai", "mettras", "mettrons", "mettrez", "mettront", "mettrait", "remettra", "remettront")

// jokeDenied reports whether the joke word at ws[i] is denied or set
// aside: "c'est pas une blague", "no joke", "sans blague", "I'm not
// joking", "blague à part", "joking aside", "not kidding".
func jokeDenied(ws []string, i int) bool {
	switch ws[i] {
	case "blague", "joke", "joking", "kidding", "rigole":
	default:
		return false
	}
	if i+1 < len(ws) && (ws[i+1] == "aside" || ws[i+1] == "a" && i+2 < len(ws) && ws[i+2] == "part") {
		return true
	}
	for j := max(0, i-3); j < i; j++ {
		switch ws[j] {
		case "no", "not", "pas", "sans", "nope", "aucune", "serious", "serieux", "t", "m", "dont", "isn":
			if ws[j] == "m" && !(j+1 < i && ws[j+1] == "not") {
				continue // "I'm joking"
			}
			return true
		}
	}
	return false
}

// hedgePhrases2 condition an order said before them: "…, enfin si le
// client a validé", "… but only if QA passes", "… as long as Julie agrees".
var hedgePhrases2 = newPhraseSet([]string{"enfin si", "seulement si", "only if", "as long as", "a condition que", "a condition qu",
	"provided that", "pourvu que", "pourvu qu", "du moins si", "sauf si", "unless", "si jamais", "plan is to", "idea is to",
	"we plan to", "planning to", "on prevoit de", "prevu de", "l idee c est de", "le plan c est de", "said nobody", "said no one",
	"dit personne", "dit jamais personne"})

// waitsAfter put off a deploy or a rollback said before them ("Can you
// push web to prod please? Actually, wait for Julie.", "… on attend
// lundi"); after a deny or a cancel they are its reason.
var waitsAfter = newPhraseSet([]string{"wait for", "on attend", "attendons", "let s wait", "lets wait", "hold off", "hold on"})

// pastDone are past forms of the light verbs of an order: "did",
// "kicked (off)", "triggered", "launched", "started".
var pastDone = setOf("did", "kicked", "triggered", "launched", "started", "ran")

// nounOrder reports whether a clause other than the n-th, where the past
// was told, orders by a noun: "MEP du site en 2.15.0 svp, le client a
// validé la recette", "la recette est validée. MEP du site". A noun with
// a word of time or sequence is a moment told, no order: "la MEP d'hier",
// "depuis la MEP".
func nounOrder(cls []string, n int) bool {
	for ci, cl := range cls {
		if ci == n {
			continue
		}
		noun := false
		for _, w := range wordsOf(cl) {
			if toldMoment.has(w) {
				noun = false
				break
			}
			noun = noun || orderNounsOnly.has(w)
		}
		if noun {
			return true
		}
	}
	return false
}

// pastMomentOpens reports whether raw opens with a past moment alone,
// before its first break or pictograph: "hier soir, rollback api prod,
// heureusement ça a marché", "yesterday 🙏 rollback api prod": what was
// done then is told.
func (r *Router) pastMomentOpens(raw string) bool {
	if !containsFoldASCII(raw, "hier") && !containsFoldASCII(raw, "yesterday") && !containsFoldASCII(raw, "last night") {
		return false // most messages: it runs on every reading of an order
	}
	cls := clauses(emojiAsStop(strings.TrimSpace(raw)))
	if len(cls) < 2 {
		return false
	}
	ws, next := wordsOf(cls[0]), wordsOf(cls[1])
	if len(ws) == 0 || len(next) == 0 || !isActionWord(next[0]) && !hasRollbackStem(next[:1]) || slices.ContainsFunc(next, faultWords.has) {
		return false
	}
	for _, cl := range cls[1:] {
		// A please or a now in a clause of its own that tells how it went
		// or says not to ("… heureusement ça a marché, tout va bien
		// maintenant", "please don't do it again") asks for nothing.
		cw := wordsOf(cl)
		if slices.ContainsFunc(cw, func(w string) bool {
			return pleaseWords.has(w) || nowWords.has(w) || w == "again" || w == "refais" || w == "vite"
		}) &&
			!slices.ContainsFunc(cw, func(w string) bool {
				return outcomeWords.has(w) || negationWords.has(w) || w == "t" || w == "no" || w == "pas"
			}) {
			return false // not "hier, la prod est tombée. rollback api prod stp": what happened then, the order now
		}
	}
	for _, cl := range cls[2:] {
		if cw := wordsOf(cl); slices.ContainsFunc(cw, orderish) && !slices.ContainsFunc(cw, outcomeWords.has) {
			return false // "yesterday, deploy 2.3 broke login, rollback api prod": an order after what was told
		}
	}
	past := false
	for _, w := range ws {
		switch w {
		case "hier", "yesterday", "avant-hier":
			past = true
		case "last", "night", "soir", "evening", "matin", "morning", "nuit", "la", "dans", "in", "the", "afternoon", "aprem":
		default:
			return false
		}
	}
	return past || len(ws) == 2 && ws[0] == "last" && ws[1] == "night"
}

// emojiAsStop returns s with its first pictograph between two words made
// a full stop, for a reading that can only take an order back
// (pastMomentOpens: "yesterday 🙏 rollback api prod, heureusement ça a
// marché").
func emojiAsStop(s string) string {
	if strings.IndexByte(s, 0xf0) < 0 && strings.IndexByte(s, 0xe2) < 0 {
		return s
	}
	if i, k, ok := pictographGap(s); ok {
		return s[:i-1] + ". " + strings.TrimSpace(s[k:])
	}
	return s
}

// outcomeWords tell how an order went: "heureusement ça a marché", "it
// failed", "all good now".
var outcomeWords = setOf("worked", "marche", "failed", "echoue", "passe", "good", "bien", "fine", "ok", "luckily", "heureusement",
	"fortunately", "went")

// toldMoment are the words that make an order's noun a moment told.
var toldMoment = setOf("hier", "yesterday", "already", "deja", "earlier", "dernier", "derniere", "last", "depuis", "since",
	"after", "apres", "avant", "before", "pendant", "during", "precedent", "precedente", "previous", "ago", "il")

// pronouns may stand between an order's verb and its negation: "ne le
// débloque pas", "n'annule pas le 12", "don't do it".
var pronouns = setOf("le", "la", "les", "l", "y", "en", "it", "ca", "that", "this", "lui")

// harmless follow "pas de" without negating an order: "pas de souci,
// déploie".
var harmless = setOf("souci", "soucis", "probleme", "problemes", "panique", "stress", "quoi", "bol")

// hedgePhraseSet and waitPhraseSet are hedgePhrases and waitPhrases
// for givesNoOrderFor.
var (
	hedgePhraseSet = newPhraseSet(hedgePhrases)
	waitPhraseSet  = newPhraseSet(waitPhrases)
)

// hedgePhrases hedge or defer wherever they stand (folded words).
var hedgePhrases = []string{"no way", "wrong channel", "mauvais canal", "mauvais channel",
	"note to self", "in case", "au cas", "ou pas", "ou non", "or not", "yes or no", "oui ou non",
	"bad idea", "mauvaise idee", "advise against", "hors de question", "refuse to", "refuse de",
	"you think", "wdyt", "thoughts", "tu crois", "tu penses", "en penses quoi", "ton avis", "votre avis", "how about", "what about", "the command is", "la commande est", "only after", "seulement apres",
	"not before", "pas avant", "not until", "please ignore", "ignore this", "ignore that", "said no", "dit non", "e g",
	"for example", "par exemple", "for instance", "quoi le mieux", "which is better", "what s best", "what is best",
	// a moment to come named by a freeze: "after the freeze, deploy web to prod"
	"after the freeze", "after the code freeze", "after our freeze", "apres le gel", "apres notre gel", "a la fin du gel",
	"end of the freeze", "fin du gel", "once the freeze", "when the freeze", "quand le gel", "des la fin du gel", "sortie du gel",
	"apres le freeze", "apres le code freeze", "after the unfreeze", "apres le degel", "apres la periode de gel", "after freeze",
	"post freeze", "apres freeze", "once unfrozen", "when unfrozen",
	// a habit told: "I deploy web to production on Fridays"
	"on mondays", "on tuesdays", "on wednesdays", "on thursdays", "on fridays", "le lundi", "tous les lundis", "tous les mardis",
	"tous les mercredis", "tous les jeudis", "tous les vendredis", "every week", "chaque semaine", "d habitude", "usually", "je m occupe",
	"i m in charge", "i take care"}

// orderAfter reports whether an order's word follows the first w of
// line.
func orderAfter(line, w string) bool {
	_, after, _ := strings.Cut(" "+line+" ", " "+w+" ")
	for _, x := range strings.Fields(after) {
		if orderish(x) {
			return true
		}
	}
	return false
}

// questionOpeners open a yes-or-no question about an order, not the
// order: "did you rollback api prod?", "t'as rollback api en prod ?",
// "is rollback api prod safe?", "faut-il rollback api en prod ?".
var questionOpeners = setOf("did", "do", "does", "is", "are", "was", "were", "has", "have", "had", "shall", "should",
	"faut-il", "as-tu", "avez-vous", "est-ce", "dois-je", "doit-on", "peut-on")

// questionWithoutOpener reports whether a message that asks ("?") opens
// with a question's auxiliary rather than an order or a request.
func questionWithoutOpener(raw, line string) bool {
	if !strings.Contains(raw, "?") {
		return false
	}
	ws := appendFields(make([]string, 0, 16), line)
	for len(ws) > 0 && interjections.has(ws[0]) {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return false
	}
	if questionOpeners.has(ws[0]) {
		return true
	}
	// "t'as rollback", "tu as déployé"
	return len(ws) > 1 && (ws[0] == "t" || ws[0] == "tu") && ws[1] == "as"
}

// defers reports whether a loosening order or an action is put off: a
// condition or a wait in the order's clause ("once QA passes, deploy api
// to prod", "cancel 12 once it's done", "annule la 12 quand bob
// revient"), or a moment to come ("unlock prod at 6pm", "dégèle la prod
// lundi", "approve 12 in an hour"). The bot does not schedule orders:
// what it answers is the question behind them.
func (r *Router) defers(cls []string, at int, hw []string, v int) bool {
	if v >= len(hw) {
		return false
	}
	// A condition in a clause before the order's: "when tests pass,
	// deploy api to production".
	for _, cl := range cls[:max(at, 0)] {
		cw := wordsOf(cl)
		for i, w := range cw {
			if w == "provided" || w != "later" && w != "tard" && w != "tomorrow" && w != "demain" && !laterSpelled.has(w) && deferralAt(cw, i) {
				return true
			}
		}
	}
	// A second order joined to the first puts off only itself: "déploie
	// api v1.6.0 en staging et préviens Julie quand c'est fini", "roll
	// back web on prod and then lock it until Monday".
	hw = hw[:secondOrderAt(hw, v)]
	// A deploy, a rollback, a lock, an unlock or a freeze's lifting reads
	// "le 24" as a date; a decision on a deployment as its number.
	pick := pickVerbs[hw[v]]
	action := (isActionWord(hw[v]) || hasRollbackStem(hw[v:v+1])) && pick == "" && !strings.HasPrefix(hw[v], "annul") && hw[v] != "go" ||
		(pick == deploybot.CmdUnlock || pick == deploybot.CmdUnfreeze || lockVerbs[hw[v]] != "") && slices.ContainsFunc(hw, r.slotWord) // "dégèle la prod le 28"; "dégèle le 3" is freeze #3
	for i := range hw {
		if dateAhead(hw, i, action) && (action || slices.ContainsFunc(hw, r.projectWord)) {
			return true // "déploie le site 2.5.0 en prod le 24", "dégèle la prod le 28", "approuve le site pour le 24": a date, not now (nor deployment #24)
		}
	}
	if action {
		// A date written whole in the order's clause or before it ("…
		// to production 24/12", "on Dec. 24", "on the 24th, deploy web
		// 2.5.0 to prod", "le 24, déploie …", "jeudi 24 : déploie …").
		for _, cl := range cls[:max(at, 0)] {
			// A clause that is only a date: "on the 24th", "le 24", "jeudi
			// 24", "Dec 24"; not "on est jeudi 15h50" (now), "le site
			// plante depuis le 23" (past), "ok pour moi le 11" (#11).
			cw := wordsOf(cl)
			if len(cw) == 0 || len(cw) > 4 || !slices.ContainsFunc(cw, func(w string) bool { return dayNumber(w) > 0 || laterClauseWords.has(w) || laterSpelled.has(w) }) {
				continue
			}
			onlyDate := true
			for _, w := range cw {
				_, wd := weekdays[w]
				if !(dayNumber(w) > 0 || wd || monthWords.has(w) || laterClauseWords.has(w) || laterSpelled.has(w) || w == "on" || w == "the" || w == "le" || w == "du" ||
					w == "pour" || w == "for" || w == "this" || w == "ce" || w == "cet" || w == "cette") {
					onlyDate = false
				}
			}
			if onlyDate && !strings.Contains(cl, "#") {
				return true
			}
		}
		own := strings.Join(hw, " ")
		if at >= 0 {
			own = cls[at] // as written: "24/12", "Dec. 24"
		}
		if mo, ok := momentOf(own, nil); ok && (mo.Month > 0 && mo.Day > 0 || mo.Year > 0) && !slices.ContainsFunc(hw, pastMarkers.has) {
			return true
		}
		if at >= 0 {
			// A date alone in a short clause after it: "deploy web 2.5.0
			// to production, on the 24th".
			for _, cl := range cls[at+1:] {
				if cw := wordsOf(cl); len(cw) <= 4 {
					for k := range cw {
						if dateAhead(cw, k, true) {
							return true
						}
					}
				}
			}
		}
		for _, w := range hw {
			if laterDays.has(w) {
				return true // "… à Noël", "… après les fêtes", "… en janvier"
			}
		}
	}
	for i, w := range hw {
		if (w == "pour" || w == "for") && r.namesProjectAt(hw, i+1) {
			continue // "put it on staging for the api when it's out": the project, no purpose
		}
		if nowWords.has(w) || (w == "before" || w == "avant" || w == "pour" || w == "for") && !slices.ContainsFunc(hw[:i], laterWords.has) {
			return false // "please deploy crm now so we're not doing it at 8:55", "before the demo on friday"; not "… monday at 8 before the demo"
		}
	}
	for i, w := range hw {
		if deferralAt(hw, i) {
			return true
		}
		if pastMarkers.has(w) {
			return false // "since 10:00", "after this morning's deploy": when it broke, not when to act
		}
		// A moment to come: a day named in full, "in an hour", "dans
		// 2h", "at 6pm", "à 18h", "cet aprem", "tonight".
		if laterWords.has(w) && (i+1 < len(hw) && hw[i+1] == "s" || i > 0 && (hw[i-1] == "de" || hw[i-1] == "d" || hw[i-1] == "du" || hw[i-1] == "from" || hw[i-1] == "of")) {
			continue // "monday's version", "la version de lundi", "the build from friday": a day gone, not one to come
		}
		if laterWords.has(w) || inWords.has(w) && i+1 < len(hw) && (startsWithDigit(hw[i+1]) || hw[i+1] == "an" || hw[i+1] == "une" ||
			hw[i+1] == "a" || hw[i+1] == "deux" || hw[i+1] == "two") {
			return true
		}
		if atWords.has(w) && i+1 < len(hw) && clockTime(hw[i+1], wordAt(hw, i+2)) {
			return true
		}
	}
	return false
}

var (
	pastMarkers = setOf("since", "depuis", "ago", "dernier", "derniere", "last", "morning", "matin", "hier", "yesterday", "earlier")
	laterWords  = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi", "mercredi",
		"jeudi", "vendredi", "samedi", "dimanche", "tonight", "aprem", "aprèm", "afternoon", "evening", "soir", "soiree")
	inWords  = setOf("in", "dans")
	nowWords = setOf("now", "maintenant", "asap", "immediately", "immediatement", "right", "suite")
	atWords  = setOf("at", "a", "vers", "around", "pour")
)

// namesProjectAt reports whether hw[i], after an article maybe, names a
// project.
func (r *Router) namesProjectAt(hw []string, i int) bool {
	if i < len(hw) && articles.has(hw[i]) {
		i++
	}
	return i < len(hw) && r.projectWord(hw[i])
}

// secondOrderAt returns where a second order joined to the one at hw[v]
// begins ("… and then lock it", "… et préviens Julie", "… puis ping
// #deploys"), or its purpose ("… so the client can look tomorrow"), or
// len(hw).
func secondOrderAt(hw []string, v int) int {
	for i := v + 1; i+1 < len(hw); i++ {
		if i > v+1 && (hw[i] == "so" || hw[i] == "afin" || (hw[i] == "pour" || hw[i] == "so") && (hw[i+1] == "que" || hw[i+1] == "qu" || hw[i+1] == "that")) {
			return i // a purpose: "… so the client can have a look tomorrow", "… pour que le client teste demain"
		}
		if j, ok := joinedAt(hw, i); ok && secondVerbs.has(hw[j]) {
			return i
		}
	}
	return len(hw)
}

// joinedAt reports whether ws[i] joins a second order ("and", "et puis",
// "and then") and the index of the word that opens it.
func joinedAt(ws []string, i int) (int, bool) {
	if i+1 >= len(ws) || !joinWords.has(ws[i]) {
		return 0, false
	}
	j := i + 1
	if afterWords.has(ws[j]) && j+1 < len(ws) {
		j++
	}
	return j, true
}

var (
	joinWords  = setOf("and", "et", "puis", "then", "ensuite")
	afterWords = setOf("then", "puis", "ensuite", "apres", "after", "also", "aussi")
	// secondVerbs open a second order after a deploy or a rollback:
	// telling someone, locking, watching.
	secondVerbs = setOf("previens", "previens-moi", "previens-le", "previens-la", "prevenez", "verrouille-la", "verrouille-le", "bloque-la", "bloque-le", "gele-la", "gele-le", "dis", "dites", "tell", "notify", "notifie", "ping", "pingue", "informe",
		"lock", "verrouille", "bloque", "freeze", "gele", "let", "keep", "garde", "surveille", "watch", "monitor", "post", "poste",
		"announce", "annonce", "send", "envoie", "message", "remind", "rappelle")
)

// deferralAt reports whether hw[i] puts an order off: a deferral word,
// "as soon as CI is green", "dès que la QA valide", but not a politeness
// (politeWhen).
func deferralAt(hw []string, i int) bool {
	w := hw[i]
	if deferrals.has(w) || laterSpelled.has(w) { // "deploy web to prod tmrw"
		return !politeWhen(hw, i)
	}
	if (w == "after" || w == "apres") && i+1 < len(hw) {
		// "after the client has tested it", "après que la QA a validé",
		// "après validation": a condition to come; not "after this
		// morning's deploy" (pastMarkers).
		for _, x := range hw[i+1 : min(len(hw), i+5)] {
			if pastMarkers.has(x) {
				return false
			}
			if afterConditions.has(x) {
				return true
			}
		}
	}
	if (w == "next" || w == "prochaine" || w == "prochain") && (nextPeriods.has(wordAt(hw, i+1)) || i > 0 && nextPeriods.has(hw[i-1])) {
		return true // "next week", "la semaine prochaine", "lundi prochain"
	}
	if w == "soon" && i > 0 && hw[i-1] == "as" || w == "des" && i+1 < len(hw) && hw[i+1] == "que" {
		return !politeWhen(hw, i+1) && !politeWhen(hw, i)
	}
	return false
}

// afterConditions after "after" make it a condition to come; nextPeriods
// after "next" (or before "prochain") a moment to come.
var (
	afterConditions = setOf("has", "have", "is", "are", "will", "que", "qu", "aura", "auront", "sera", "seront", "lunch", "dejeuner",
		"dej", "demo", "meeting", "reunion", "standup", "stand-up", "call", "appel", "pause", "break", "weekend", "week-end",
		"audit", "review", "retro", "retrospective", "workshop", "atelier", "training", "formation", "daily")
	nextPeriods = setOf("week", "month", "sprint", "semaine", "mois", "monday", "tuesday", "wednesday", "thursday", "friday",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "year", "annee")
)

// politeWhen reports whether the deferral at hw[i] only leaves the
// moment to the bot: "when you can", "whenever you're ready", "quand tu
// peux", "dès que tu es prêt", "as soon as possible".
func politeWhen(hw []string, i int) bool {
	next := ""
	if i+1 < len(hw) {
		next = hw[i+1]
	}
	if (next == "que" || next == "as") && i+2 < len(hw) {
		next = hw[i+2]
	}
	switch next {
	case "you", "u", "tu", "vous", "possible", "ready", "pret", "prete", "t", "re":
		return true
	}
	return false
}

// exampleMark reports whether the message gives an example: "e.g.
// approve 12", "ex : approuve 12".
func exampleMark(raw string) bool {
	l := strings.ToLower(raw)
	return strings.Contains(l, "e.g.") || strings.Contains(l, "i.e.") || strings.HasPrefix(l, "ex:") || strings.HasPrefix(l, "ex :") ||
		strings.HasPrefix(l, "exemple") || strings.HasPrefix(l, "example")
}

// startsWithDigit reports whether w starts with a digit.
func startsWithDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// clockTime reports whether w (then next) is a time of day: "18h",
// "6pm", "14h30", "9 am"; a bare number is one only with its unit ("at 4%"
// is a rate).
func clockTime(w, next string) bool {
	if !startsWithDigit(w) {
		return false
	}
	rest := strings.TrimLeft(w, "0123456789")
	if rest == "" {
		return next == "h" || next == "pm" || next == "am" || next == "heures" || next == "oclock" || next == ":"
	}
	return rest == "h" || rest == "pm" || rest == "am" || strings.HasPrefix(rest, "h") && startsWithDigit(rest[1:])
}

// wordAt returns ws[i], or "".
func wordAt(ws []string, i int) string {
	if i < 0 || i >= len(ws) {
		return ""
	}
	return ws[i]
}

// waitPhrases wait for someone's go: no loosening order is given yet ("il
// faut rollback api prod, j'attends le go d'alice").
var waitPhrases = []string{"le go d", "le go de", "for the go", "for his go", "for her go", "for their go", "feu vert d", "feu vert de", "green light from", "go ahead from",
	// "merci, j'attends pour déployer le site", "j'attends le feu vert
	// pour …", "I'm waiting to deploy …": the writer waits, no order
	"j attends pour", "j attends le feu vert", "j attends le go", "j attends le rollback", "j attends le deploiement", "i m waiting to",
	"im waiting to", "i m waiting for the", "waiting for the green light"}

// subjectNegations negate the order they are the subject of: "nobody
// deploy api to prod", "personne ne débloque".
var subjectNegations = setOf("nobody", "noone", "personne", "aucun", "aucune")

// negatedSubject reports whether hw[i] ends a subject that nobody is:
// "nobody", "personne", "no one".
func negatedSubject(hw []string, i int) bool {
	return subjectNegations.has(hw[i]) || hw[i] == "one" && i > 0 && hw[i-1] == "no"
}

// nobodyTightens reports whether the negated subject at i is the subject of
// the lock or freeze at v: "nobody lock production please" forbids the lock,
// while "personne ne touche à la prod api, verrouille stp" and "nobody
// deploys tonight, freeze prod" order one.
func nobodyTightens(hw []string, i, v int) bool {
	return i == v-1 && v < len(hw) && tighteningVerbIn(hw[v:v+1])
}

// doneReported reports whether a clause tells how a deploy or a
// rollback went, or that one nearly happened, in the first clause with
// an action's word: the action's word, then a
// verb that tells it went ("web deploy to prod went well", "yesterday's
// deploy of web to production went fine btw", "la MEP du site a marché"),
// or a near miss before it ("Léa a failli déployer le back en prod", "I
// almost rolled back api"). Each deployed or rolled back. An order that
// opens its clause keeps a reason's verb after it ("deploy api to prod
// since staging went fine").
func doneReported(raw string) bool {
	cls := clauses(raw)
	for ci, cl := range cls {
		ws := wordsOf(cl)
		if slices.ContainsFunc(ws, orderWord) && !slices.ContainsFunc(ws, isActionWord) {
			return false // "freeze web prod: deploy failed": a command, then its reason
		}
		for i, w := range ws {
			if !isActionWord(w) {
				continue
			}
			for k := max(0, i-2); k < i; k++ {
				if nearMisses.has(ws[k]) {
					// (With an order after it, "Léa a failli déployer le back
					// en prod, déploie l'api en recette", the whole's slots
					// would make a production deploy: no order either.)
					return true
				}
			}
			if underwayTold(cl) && !slices.ContainsFunc(ws, stopVerbs.has) {
				// "rollback web prod in progress", "the site is broken,
				// rollback in progress", "déploiement du site en prod en
				// cours": what runs, told (each ordered it); not a
				// command's reason ("freeze web prod: rollback in
				// progress").
				return !orderFollows(cls[ci+1:])
			}
			if last := ws[len(ws)-1]; len(ws)-1 > i && doneTails.has(last) && !orderFollows(cls[ci+1:]) && !strings.ContainsAny(cl, "?¿") &&
				!slices.ContainsFunc(ws[i:], reasonLinks.has) && !markVerbs.has(ws[0]) && ws[len(ws)-2] != "as" && ws[len(ws)-2] != "comme" &&
				ws[len(ws)-2] != "en" {
				// "rollback web prod terminé", "déploiement web 2.4.2 prod
				// fini", "deploy web 2.4.2 to prod done", "rollback web
				// prod failed": its state told, at the clause's end.
				return true
			}
			for k := i + 1; k < len(ws); k++ {
				if reasonLinks.has(ws[k]) {
					break
				}
				if wentWords.has(ws[k]) || ws[k] == "a" && k+1 < len(ws) && (ws[k+1] == "marche" || ws[k+1] == "fonctionne") ||
					ws[k] == "s" && k+1 < len(ws) && ws[k+1] == "est" && k+2 < len(ws) && (ws[k+2] == "bien" || ws[k+2] == "mal") {
					return (i > 0 || k == i+1) && !orderFollows(cls[ci+1:])
				}
			}
			return false // the first clause with an action's word decides
		}
	}
	return false
}

// orderFollows reports whether one of cls opens with an order's word:
// "the rollback of api worked, now deploy web v2 to staging", "le
// déploiement 42 a bien marché, marque-le réussi".
func orderFollows(cls []string) bool {
	for _, cl := range cls {
		cw := wordsOf(cl)
		for len(cw) > 1 && clauseLeads.has(cw[0]) {
			cw = cw[1:]
		}
		if len(cw) > 0 && (orderish(cw[0]) || strings.HasPrefix(cw[0], "marque") || cw[0] == "mark") {
			return true
		}
	}
	return false
}

// markVerbs record an outcome: "mark deployment 44 as failed".
var markVerbs = setOf("mark", "marque", "marquer", "marquez", "set", "outcome", "flag")

// doneTails end a clause that tells an action's state: "… terminé",
// "… done", "… failed", "… WIP".
var doneTails = setOf("done", "finished", "termine", "terminee", "fini", "finie", "fait", "faite", "reussi", "reussie", "success", "succeeded",
	"successful", "echoue", "failed", "plante", "ko", "stuck", "bloque", "wip", "lance", "lancee", "started", "running", "demarre",
	"in-progress", "complete", "completed")

var (
	// stopVerbs stop what runs: "annule le déploiement en cours".
	stopVerbs = setOf("annule", "annuler", "annulez", "cancel", "stop", "stoppe", "abort", "arrete", "arreter", "arretez", "kill", "interromps")
	// nearMisses tell an action that did not happen: "a failli
	// déployer", "almost deployed".
	nearMisses = setOf("failli", "almost", "nearly", "presque")
	// wentWords tell how an action went.
	wentWords = setOf("went", "worked", "succeeded", "reussi", "marche", "failed", "echoue", "successful", "passed")
	// reasonLinks open a reason's clause inside an order's.
	reasonLinks = setOf("since", "as", "because", "car", "puisque", "vu", "comme", "now", "if", "si", "once", "when", "quand")
)

// orderish reports whether w orders something: a word of orderWord, or
// an action's verb ("mets", "envoie-la", "promote").
func orderish(w string) bool {
	return orderWord(w) || isActionWord(w) && !orderNounsOnly.has(w) && !participles.has(w)
}

// noBefore reports whether hw[i] opens a negation of what follows: "no
// need to", "no point", "no reason to", "plus besoin", "pas besoin", "no
// rollback", "pas de déploiement", "stop deploying", "arrête de déployer".
func noBefore(hw []string, i int) bool {
	next := ""
	if i+1 < len(hw) {
		next = hw[i+1]
	}
	switch hw[i] {
	case "no", "aucun", "aucune", "zero":
		return next == "need" || next == "point" || next == "reason" || next == "more" || orderWord(next) || orderNounsOnly.has(next) ||
			next == "deploys" || next == "rollbacks" || next == "deploy"
	case "plus", "pas":
		return next == "besoin" || next == "la" && i+2 < len(hw) && hw[i+2] == "peine" || next == "de" && i+2 < len(hw) && !harmless.has(hw[i+2])
	case "stop", "arrete", "arretez", "quit":
		return next == "de" || next == "d" || strings.HasSuffix(next, "ing")
	case "surtout":
		return next == "pas"
	}
	return false
}

// englishBeforeArticle are English words an order puts before "a": "Do a
// rollback", "Trigger a rollback of web".
var englishBeforeArticle = setOf("do", "run", "make", "trigger", "start", "launch", "need", "want", "please", "pls", "get", "schedule",
	"plan", "prepare", "perform", "execute", "issue", "fire", "kick", "initiate", "try", "attempt", "just", "ok", "okay", "quick", "urgent",
	"now", "asap", "hey", "passe", "passer", "procede", "proceder", "pret", "prete", "prets", "pretes")

// frenchObjectOpeners open the object of a French verb: "a rollback le
// site", "a déjà rollback l'api", "a rollback en prod".
var frenchObjectOpeners = setOf("le", "la", "l", "les", "du", "des", "en", "sur", "ce", "cette", "ces", "son", "sa", "notre", "nos")

// accentedWords are the words of a text written as participles with
// their accent ("annulé", "débloqué", "gelé"), folded: the fields that
// end so, without the punctuation around them. pastOrder asks it for
// each order's word of the text, read once (each read split the text
// again: "promu " 4,000 times split it 4,000 times).
type accentedWords struct {
	text  string
	read  bool
	words map[string]bool
}

// has reports whether w is one of the words.
func (a *accentedWords) has(w string) bool {
	if !a.read {
		a.read = true
		for _, f := range appendFields(make([]string, 0, 16), a.text) {
			if strings.HasSuffix(f, "é") || strings.HasSuffix(f, "ée") || strings.HasSuffix(f, "és") || strings.HasSuffix(f, "ées") {
				if a.words == nil {
					a.words = map[string]bool{}
				}
				a.words[fold(strings.Trim(f, ".,;:!?()'\""))] = true
			}
		}
	}
	return a.words[w]
}

// pastOrder reports whether the order's word hw[v] says what was done:
// "I approved 12 already", "on a annulé la 12", "j'ai déployé api",
// "api got rolled back", "la PR est validée". A bare "approved #77" or
// "validé" is a verdict given now, and stays one.
func pastOrder(head *accentedWords, hw []string, v int) bool {
	w := hw[v]
	participle := strings.HasSuffix(w, "ed") && w != "need" || w == "froze" || w == "frozen" || w == "done" || w == "fait"
	if !participle {
		// A participle written with its accent: "annulé", "débloqué",
		// "gelé" (the imperative has none: "annule", "débloque", "gèle").
		participle = head.has(w)
	}
	for j := max(0, v-3); j < v; j++ {
		switch hw[j] {
		case "as":
			if j > 0 && (hw[j-1] == "t" || hw[j-1] == "tu") {
				return true // "t'as rollback", "tu as déployé"
			}
		case "ai", "avons", "avez", "ont", "avait", "avaient", "avions", "aurait", "aurais", "aurions", "eu", "has", "had", "ve", "got", "been":
			return true // "j'ai rollback l'api hier", "we've deployed"
		case "have":
			if j+1 < len(hw) && hw[j+1] != "to" {
				return true // not "we have to roll back"
			}
		case "a":
			if participle || j > 0 && (hw[j-1] == "on" || hw[j-1] == "il" || hw[j-1] == "elle" || hw[j-1] == "qui" || hw[j-1] == "qu") {
				return true // "on a gele la prod", "on a fait un rollback"
			}
			if j > 0 && (j+1 == v || j+2 == v && hw[j+1] == "deja") && !englishBeforeArticle.has(hw[j-1]) && v+1 < len(hw) && frenchObjectOpeners.has(hw[v+1]) &&
				!strings.HasSuffix(hw[v], "er") { // "à pousser en prod" is to be done
				return true // "Inès a rollback le site en recette vers midi", "bob a déjà rollback l'api"; not "Now a rollback on web prod"
			}
		case "vient", "viens", "viennent", "venons", "venez":
			if j+2 == v && (hw[j+1] == "de" || hw[j+1] == "d") {
				return true // "Inès vient de rollback le site"
			}
		case "is", "are", "was", "were", "est", "sont", "etait", "etaient":
			// "la PR 45 est validée" tells a state; "pour moi c'est
			// validé" gives the writer's verdict.
			if participle && !(hw[j] == "est" && j > 0 && (hw[j-1] == "c" || hw[j-1] == "cest")) {
				return true
			}
		}
	}
	if v+1 < len(hw) && successWordAfter(hw, v) {
		return true // "rollback réussi"
	}
	for j := v + 1; j < len(hw) && j <= v+4; j++ {
		if doneAfterOrder.has(hw[j]) && (j+1 == len(hw) || donePrepositions.has(hw[j+1])) {
			// "rollback done on web prod, all green", "rollback verified,
			// site is back", "rollback api prod done", "rollback bien
			// effectué"; not "deploy verified build 5.3.2 to prod", whose
			// participle qualifies what is deployed.
			return true
		}
		if negationWords.has(hw[j]) || conditionHedges.has(hw[j]) || deferrals.has(hw[j]) {
			break
		}
	}
	if !participle {
		return false
	}
	if v > 0 && (firstPersons.has(hw[v-1]) && hw[v-1] != "please" && hw[v-1] != "pls" || otherSubjects.has(hw[v-1]) || names.has(hw[v-1])) {
		return true // "I approved 12", "alice approved 12"
	}
	for _, x := range hw {
		if x == "already" || x == "deja" || x == "hier" || x == "yesterday" || x == "earlier" {
			return true
		}
	}
	return false
}

// doneAfterOrder, right after an order's word, say it was carried out:
// "rollback done", "rollback vérifié, le site répond".
var doneAfterOrder = setOf("done", "fait", "termine", "terminee", "complete", "completed", "finished", "fini", "finie", "verified",
	"checked", "verifie", "verifiee", "effectue", "effectuee")

// donePrepositions may follow the participle that says an order was
// carried out: "rollback done on web prod", "vérifié par bob".
var donePrepositions = setOf("on", "in", "for", "by", "at", "sur", "en", "pour", "par", "a", "de", "du", "with", "avec", "and", "et")

// successWordAfter reports whether a deploy's or a rollback's word is
// followed by its success: "rollback réussi", "deploy succeeded" (not an
// outcome's verb: "marque-le réussi" gives the verdict).
func successWordAfter(hw []string, v int) bool {
	switch hw[v+1] {
	case "reussi", "reussie", "succeeded", "successful":
		return isActionWord(hw[v]) || hasRollbackStem(hw[v:v+1])
	}
	return false
}

// englishPastOpeners open a report of what was done: "deployed web
// v2.5.0 to production", "shipped the api this morning".
var englishPastOpeners = setOf("deployed", "released", "shipped", "pushed", "rolled", "reverted", "promoted")

// askedShould opens a question without its mark: "should I deploy web to
// production", "shall we roll back", "dois-je déployer".
func askedShould(ws []string) bool {
	return len(ws) > 1 && ((ws[0] == "should" || ws[0] == "shall") && (ws[1] == "i" || ws[1] == "we") ||
		ws[0] == "dois-je" || ws[0] == "devrais-je" || ws[0] == "faut-il" || ws[0] == "doit-on" ||
		ws[0] == "do" && (ws[1] == "i" || ws[1] == "we"))
}

// validationConditions, in a condition's clause after an order, make it
// the order's condition, not a remark: "deploy web to production, if QA
// agrees" ("…, if anyone asks it was me" stays a remark).
var validationConditions = setOf("agrees", "agree", "approves", "approve", "validates", "validate", "valide", "passes", "pass", "passe",
	"green", "vert", "ok", "okay", "confirms", "confirme", "finishes", "finished", "done", "fini", "termine", "says", "dit", "signs")

// whenWords before an order's word make it the moment of something
// else: "when you deploy api to prod, ping me", "quand tu déploies l'api".
var whenWords = setOf("when", "whenever", "quand", "lorsque", "lorsqu", "once")

// whenPolite reports whether the when-word at i only asks kindly: "…
// quand tu peux", "when you can", "when you get a sec", "quand t'as 2 min".
func whenPolite(hw []string, i, v int) bool {
	a, b := wordAt(hw, i+1), wordAt(hw, i+2)
	switch {
	case a == "possible", a == "dispo":
		return true
	case (a == "you" || a == "u") && (b == "can" || b == "re" || b == "are") || (a == "tu" || a == "vous" || a == "t") && (b == "peux" || b == "pouvez" || b == "es"):
		return v > i+3 || i+3 >= len(hw) // "… quand tu peux"; not "when you can deploy api to prod, let me know"
	case (a == "you" || a == "u") && (b == "get" || b == "have") || (a == "tu" || a == "vous" || a == "t") && (b == "as" || b == "avez" || b == "auras"):
		// "when you get a sec", "quand t'as 2 min"; not "when you get the
		// green light", "quand tu auras le feu vert"
		for _, w := range hw[i+3 : min(len(hw), i+6)] {
			if momentNouns.has(w) {
				return true
			}
		}
	}
	return false
}

// momentNouns are the short moments a polite "when you have …" gives.
var momentNouns = setOf("sec", "second", "secs", "minute", "minutes", "min", "mins", "moment", "chance", "time", "temps", "instant", "2", "5", "deux", "cinq")

// planAdjectives may qualify the order's word rather than tell a plan:
// "the planned rollback of web: go ahead in prod".
var planAdjectives = setOf("planned", "intended", "planning", "thought")

// planWishes tell a plan in the past; planFillers may stand between one
// and the order's word ("je pensais faire un rollback", "I thought about
// rolling back").
var (
	planWishes = setOf("pensais", "pensait", "pensions", "envisageais", "envisageait", "prevoyais", "prevoyait", "planned", "intended", "thought")
	// (planWishes' English words tell a plan only with a filler after
	// them: "I planned to", "I thought about".)
	planFillers = setOf("faire", "de", "d", "un", "une", "le", "la", "to", "about", "of", "a", "on")
)

// caseOf reports whether ws open a condition with "en cas de" or "in
// case of": "en cas de pépin, rollback du site en recette" (a precaution
// named, "rollback web, just in case", is an order still).
func caseOf(ws []string) bool {
	for i := 0; i+2 < len(ws); i++ {
		if (ws[i] == "en" && ws[i+1] == "cas" && (ws[i+2] == "de" || ws[i+2] == "d")) || (ws[i] == "in" && ws[i+1] == "case" && ws[i+2] == "of") {
			return true
		}
	}
	return false
}

// futureOrder reports whether the order is announced for later or as a
// possibility: "I will deploy", "alice will approve 12", "on déploiera",
// "I'd unlock prod".
func futureOrder(hw []string, v int) bool {
	for j := max(0, v-3); j < v; j++ {
		switch hw[j] {
		case "faudra", "devra", "devrons", "devront", "devrez":
			// "faudra geler la prod pendant les soldes": an obligation for
			// later, said right before its verb; not one that says it is
			// now ("il faudra rollback l'api immédiatement").
			if j == v-1 && !slices.ContainsFunc(hw, nowWords.has) {
				return true
			}
		case "about":
			if j+1 < v && hw[j+1] == "to" && hw[v] != "go" && hw[v] != "going" {
				return true // "I was about to deploy web to staging but Tom beat me to it"
			}
		case "wanted", "meant", "voulais", "voulait", "voulions", "souhaitais", "souhaitait", "comptais", "comptait",
			// "je pensais rollback l'api en preprod mais finalement on
			// corrige en avant", "I planned to roll back web": a plan told.
			"pensais", "pensait", "pensions", "envisageais", "envisageait", "prevoyais", "prevoyait", "planned", "intended", "planning", "thought":
			// "I wanted to approve 14 but he left", "je voulais annuler
			// le 12": a wish in the past, as othersWish reads it for
			// deploys (not "je voulais dire : …", which corrects).
			if (j == v-1 && hw[j] != "meant" && !planAdjectives.has(hw[j]) || j == v-2 && hw[j+1] == "to") && hw[v] != "say" && hw[v] != "dire" {
				return true
			}
			if planWishes.has(hw[j]) && v > j+1 && !slices.ContainsFunc(hw[j+1:v], func(w string) bool { return !planFillers.has(w) }) {
				return true // "je pensais faire un rollback", "je prévoyais de rollback", "I thought about rolling back"
			}
		case "will", "ll", "gonna", "going", "shall", "va", "vais", "allons", "vont",
			// "j'allais annuler le 12 mais Bob l'a fait": what was about to
			// be done, never an order (it cancelled #12).
			"allais", "allait", "allions", "alliez", "allaient":
			if hw[j] == "va" && j > 0 && hw[j-1] == "y" {
				continue // "on y va"
			}
			return true
		}
	}
	w := hw[v]
	if futureForms.has(w) {
		return true // "Paul la mettra en recette"
	}
	if orderAsSubject(hw, v) {
		return true
	}
	for j := max(0, v-3); j < v; j++ {
		// "we may need to rollback api production", "I almost cancelled
		// 2", "I didn't approve 2": a possibility, a near miss or a
		// denial told, no order.
		if hw[j] == "may" && j+1 < v && (hw[j+1] == "need" || hw[j+1] == "have") || nearMiss.has(hw[j]) ||
			(hw[j] == "didnt" || hw[j] == "didn") && j > 0 && deniers.has(hw[j-1]) {
			return true
		}
	}
	if strings.HasPrefix(w, "reviendr") && !(wordAt(hw, v+1) == "en" && wordAt(hw, v+2) == "avant") ||
		w == "arriere" && v >= 2 && hw[v-1] == "en" && strings.HasPrefix(hw[v-2], "reviendr") {
		return true // "on reviendra en arrière sur la recette"
	}
	for _, end := range []string{"erai", "eras", "era", "erons", "erez", "eront", "erait", "erais", "eraient", "erions"} {
		if strings.HasSuffix(w, end) && len(w) > len(end)+3 {
			return true
		}
	}
	return false
}

// orderAsSubject reports whether the order's word, first in its clause,
// is a gerund or an infinitive that a verb after it tells about:
// "deploying api to production is risky", "déployer l'api en prod c'est
// risqué", "rolling back web to staging didn't help" (each ran the order).
func orderAsSubject(hw []string, v int) bool {
	if v > 1 || v == 1 && !articles.has(hw[0]) {
		return false
	}
	w := hw[v]
	if !strings.HasSuffix(w, "ing") && !(strings.HasSuffix(w, "er") && len(w) > 4) {
		return false
	}
	for _, x := range hw[v+1:] {
		if subjectVerbs.has(x) {
			return true
		}
	}
	return false
}

// subjectVerbs, nearMiss and deniers: see orderAsSubject and futureOrder.
var (
	subjectVerbs = setOf("is", "was", "isnt", "wasnt", "est", "etait", "didnt", "doesnt", "wont", "takes", "took", "prend", "helps",
		"helped", "fails", "failed", "breaks", "broke", "works", "worked", "sucks", "marche", "suffit", "requires", "needs", "demande")
	nearMiss = setOf("almost", "nearly", "failli", "presque")
	deniers  = setOf("i", "we", "you")
)

// otherSubject reports whether someone else than the writer and the bot
// is the order's subject: "alice approved 12", "someone please approve
// 12", "who's going to unlock prod", "bob wants me to approve 12".
func otherSubject(hw []string, v int) bool {
	for j := 0; j < v; j++ {
		if otherSubjects.has(hw[j]) {
			return true
		}
	}
	if v == 0 {
		return false
	}
	// A name right before the order, or before its modal.
	j := v - 1
	for j > 0 && (hw[j] == "can" || hw[j] == "could" || hw[j] == "will" || hw[j] == "must" || hw[j] == "should" || hw[j] == "peut" ||
		hw[j] == "doit" || hw[j] == "va" || hw[j] == "already" || hw[j] == "just" || hw[j] == "deja") {
		j--
	}
	s := hw[j]
	return len(s) >= 3 && !firstPersons.has(s) && !interjections.has(s) && names.has(s)
}

// names are first names people give colleagues in the examples and in
// chats; any other word before an order is not taken for a person.
var names = setOf("alice", "bob", "carol", "dave", "eve", "marc", "paul", "julie", "julien", "tom", "nadia", "pierre", "marie",
	"sophie", "thomas", "nicolas", "julia", "john", "jane", "mike", "sarah", "lucas", "emma", "hugo", "lea", "chloe", "max",
	"alex", "sam", "ben", "kevin", "laura", "claire", "camille", "antoine", "louis", "manon", "ops", "qa", "pm")

// takenBack reports whether a clause after the order takes it back: it
// holds only take-back words ("actually never mind", "non en fait
// laisse", "NOT", "no wait"), or is "/s".
func takenBack(cl string) bool {
	t := strings.TrimSpace(cl)
	if t == "/s" || strings.HasPrefix(t, "^") {
		return true
	}
	ws := wordsOf(t)
	if len(ws) == 0 {
		return false
	}
	opened, strong := false, false
	for _, w := range ws {
		if !takeBack.has(w) {
			return false
		}
		opened = opened || takeBackOpeners.has(w)
		strong = strong || takeBackStrong.has(w)
	}
	// Opened by an interjection, a take-back says so: "ah non laisse
	// tomber", "oh wait, never mind"; not "ok", "ok do it", "oh really".
	return !opened || strong
}

// noNeedOrderRe says an order is not needed, in folded words: "no need
// to redo it", "pas besoin de redéployer", "inutile de le relancer".
var noNeedOrderRe = mustCompile(`(?:no need to|no need for|pas besoin de|pas la peine de|inutile de|plus besoin de|don t need to|dont need to)\s+(?:(?:le|la|l|it|ca|them|les|a|the|un|une)\s+)?(?:redo|refaire|redeploy\w*|deploy\w*|deplo\w*|rollback\w*|roll|revert\w*|relancer|relance|recommencer|it|ca|le|la)\b`)

// takeBackStrong are the words that take an order back by themselves.
var takeBackStrong = setOf("no", "non", "nope", "nah", "nan", "wait", "attends", "attend", "never", "nevermind", "scratch", "laisse",
	"tomber", "forget", "ignore", "jk", "finalement", "plutot", "actually")

// takeBackOpeners may open a take-back ("ah non laisse tomber", "oops,
// never mind") but take nothing back alone ("deploy web to prod, ok").
var takeBackOpeners = setOf("ah", "oh", "euh", "hmm", "oops", "oups", "sorry", "desole", "ok", "bon")

// lastCorrecting returns the index of the last of cls that names a
// project, an environment or a version, or -1: after a take-back, a
// correction of the order's slot, which slots.go reads ("oops no,
// staging").
func (r *Router) lastCorrecting(cls []string) int {
	for k := len(cls) - 1; k >= 0; k-- {
		for _, w := range wordsOf(cls[k]) {
			if r.namesSomething(w) && !notSmalltalk.has(w) && !isActionWord(w) {
				return k
			}
		}
	}
	return -1
}

// reportsDone reports whether a clause only says the order was carried
// out: "done ✅", "c'est fait", "déjà fait".
func reportsDone(cl string) bool {
	ws := wordsOf(cl)
	if len(ws) == 0 {
		return strings.Contains(cl, "✅")
	}
	for _, w := range ws {
		switch w {
		case "done", "fait", "c", "est", "deja", "already", "verified", "verifie", "checked", "effectue", "termine", "bien":
		default:
			return false
		}
	}
	return true
}

// takenBackAfter reports whether the order's own clause ends by taking it
// back: "approve 12 /s", "approve 12 (not really)".
func takenBackAfter(head string, v int) bool {
	t := strings.TrimSpace(head)
	if strings.HasSuffix(t, "/s") {
		return true
	}
	if i := strings.LastIndexByte(t, '('); i >= 0 && strings.HasSuffix(t, ")") {
		return takenBack(t[i+1 : len(t)-1])
	}
	return false
}

// quotedOrder reports whether the order stands in a code block or in
// quotes inside the message: "the syntax is `approve 12`", "ignore my
// 'approve 12'", a pasted log.
func quotedOrder(raw string) bool {
	if strings.Contains(raw, "```") {
		return true
	}
	for _, q := range [][2]string{{"`", "`"}, {"'", "'"}, {"\"", "\""}, {"“", "”"}, {"«", "»"}, {"‘", "’"}, {"„", "“"}, {"„", "”"}} {
		i := strings.Index(raw, q[0])
		if i < 0 {
			continue
		}
		// An apostrophe inside a word is no quote: "l'api", "don't".
		if q[0] == "'" && i > 0 && isWordByte(raw[i-1]) {
			continue
		}
		j := strings.Index(raw[i+len(q[0]):], q[1])
		if j < 0 {
			continue
		}
		// A participle in a pasted error orders nothing ("`Connection
		// refused`").
		for _, w := range wordsOf(raw[i+len(q[0]) : i+len(q[0])+j]) {
			if orderWord(w) && !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ee") {
				return true
			}
		}
	}
	// A Slack quote: "> approve 12", "Bob> approve 12".
	t := strings.TrimSpace(raw)
	if strings.HasPrefix(t, ">") || strings.HasPrefix(t, "&gt;") {
		return true
	}
	if i := strings.IndexByte(t, '>'); i > 0 && i < 20 && !strings.ContainsAny(t[:i], " -=<") {
		return true
	}
	return false
}

// orderOnlyInURL reports whether the order's words stand only in a link:
// "see https://deploy.example.com/approve/12".
func orderOnlyInURL(raw string) bool {
	if !strings.Contains(raw, "://") {
		return false
	}
	var rest []string
	inURL := false
	for _, f := range strings.Fields(raw) {
		if strings.Contains(f, "://") {
			inURL = true
			continue
		}
		rest = append(rest, f)
	}
	if !inURL {
		return false
	}
	for _, w := range wordsOf(strings.Join(rest, " ")) {
		if orderWord(w) {
			return false
		}
	}
	return true
}

// listOfOrders reports whether the message is a list or a plan: numbered
// or bulleted lines, or several lines that each hold an order ("1. deploy
// api to staging\n2. run smoke tests\n3. deploy api to prod").
func listOfOrders(raw string) bool {
	if strings.IndexByte(raw, '\n') < 0 {
		return false // one line (most messages): no slice of lines
	}
	lines := strings.Split(strings.TrimSpace(raw), "\n")
	if len(lines) < 2 {
		return false
	}
	items := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "• ") ||
			len(l) > 2 && l[0] >= '0' && l[0] <= '9' && (l[1] == '.' || l[1] == ')') {
			items++
		}
	}
	return items >= 2
}

// mockingMark reports whether an emoji or a mark mocks or refuses the
// order: "approve 12 ❌", "🚫 unlock prod", "deploy api to prod 😂".
func mockingMark(raw string) bool {
	for _, m := range []string{"❌", "🚫", "🙅", "🤔", "😂", "🤣", "😜", "😏", "🙃", "⛔", "✋"} {
		if strings.Contains(raw, m) {
			return true
		}
	}
	return false
}

// personMention returns where text's first "@name" of a person stands
// (not the bot's, "@here", "@channel" nor "@everyone"), or -1.
func personMention(t string) int {
	for i := 0; i < len(t); i++ {
		if t[i] != '@' || i > 0 && (isWordByte(t[i-1]) || t[i-1] == '<') {
			continue
		}
		end := i + 1
		for end < len(t) && (isWordByte(t[end]) || t[end] == '-' || t[end] == '.') {
			end++
		}
		switch strings.ToLower(t[i+1 : end]) {
		case "", "deploybot", "here", "channel", "everyone":
			continue
		}
		return i
	}
	return -1
}

// addressedElsewhere reports whether the message speaks to someone else
// before its order: "@alice please approve 12", "@bob déploie api en
// prod", "alice, approve 12", "hey team\ncan someone approve 12?".
func addressedElsewhere(raw string) bool {
	t := strings.TrimSpace(raw)
	if i := personMention(t); i >= 0 {
		// A mention before the order's word.
		for _, w := range wordsOf(t[:i]) {
			if orderWord(w) {
				return false
			}
		}
		return true
	}
	// A request to someone named inside the message: "looks ok on
	// staging, alice can you promote?", "Bob tu peux déployer le site ?".
	if m := askedOfRe.FindStringSubmatch(t); m != nil && (names.has(fold(m[1])) || m[1][0] >= 'A' && m[1][0] <= 'Z' && !notAddressees.has(fold(m[1])) &&
		strings.ToUpper(m[1]) != m[1]) { // not an acronym: "… le SSO, tu peux le déployer ?", "… la dernière MEP, tu peux …"
		return true
	}
	// A vocative: "alice, approve 12", "bob: deploy api to prod".
	if j := strings.IndexAny(t, ",:"); j > 0 {
		if ws := wordsOf(t[:j]); len(ws) == 1 && names.has(ws[0]) || len(ws) == 2 && (ws[0] == "hey" || ws[0] == "hi" || ws[0] == "ok") && names.has(ws[1]) {
			return true
		}
	}
	return false
}

// contextLabels introduce what the order follows, not a quote: "URGENT:",
// "context: …", "long story short: …".
var contextLabels = setOf("urgent", "hotfix", "incident", "reason", "raison", "motif", "context", "contexte", "fyi", "update",
	"info", "recap", "bref", "short", "tldr", "tl", "dr", "ok", "so", "alors", "team", "equipe", "bon", "hello", "hi", "hey",
	"salut", "bonjour", "security", "securite", "patch", "emergency", "urgence", "critical", "critique", "prio", "priority",
	"p0", "p1", "sev1", "sev", "alert", "alerte", "important", "correctif", "fix", "bugfix", "cve", "heads", "up")

// hypotheticalLabels open a situation that is not real: "scenario:",
// "exercice :", "imagine:".
var hypotheticalLabels = setOf("scenario", "exercise", "exercice", "hypothetically", "hypothetiquement", "imagine", "example", "exemple",
	"drill", "test", "quiz", "simulation", "what", "if", "si")

// labelled reports whether the order follows a label that makes it a line
// quoted or noted ("jenkins: approve 12", "sorry, wrong channel: approve
// 12", "according to bob: approve 12", "test message, please ignore:
// approve 12"): the text before a colon names no order, project,
// environment, fault nor urgency.
func labelled(r *Router, raw string) bool {
	t := strings.TrimSpace(raw)
	if alertToolRe.MatchString(fold(t)) && strings.IndexByte(t, '\n') < 0 {
		return true // "Sentry alert: … suggested action: rollback web production", "GitHub Actions: Run failed: deploy web …"
	}
	i := strings.IndexByte(t, ':')
	if i <= 0 || i+1 < len(t) && t[i+1] != ' ' && t[i+1] != '\n' {
		return false
	}
	ws := wordsOf(t[:i])
	if len(ws) == 0 || len(ws) > 6 {
		return false
	}
	if tail := clauses(strings.TrimSpace(t[i+1:])); len(tail) > 1 && hasFault(wordsOf(tail[0])) && !slices.ContainsFunc(wordsOf(tail[0]), isActionWord) &&
		!slices.ContainsFunc(ws, func(w string) bool {
			return names.has(w) || reportVerbs.has(w) || otherSubjects.has(w) || hypotheticalLabels.has(w)
		}) && !strings.Contains(t, "?") && !namesPerson(t[i+1:]) {
		// "boxing day surprise: login is broken on the front in
		// production. rollback!": a situation, told after its title, then
		// the order; not "bob: the site is down, rollback".
		return false
	}
	for _, w := range ws {
		if orderWord(w) || faultWords.has(w) || isActionWord(w) || r.namesSomething(w) || urgencyWords.has(w) || interjections.has(w) ||
			contextLabels.has(w) {
			return false
		}
	}
	if slices.ContainsFunc(ws, labelPointers.has) && !slices.ContainsFunc(ws, func(w string) bool { return !labelAssents.has(w) && !labelPointers.has(w) }) &&
		plainAfterLabel(t[i+1:]) {
		return false // "yeah that: roll back web on staging": the writer points at the bot's suggestion, then orders it
	}
	if slices.ContainsFunc(ws, goLabelHeads.has) && !slices.ContainsFunc(ws, func(w string) bool { return !goLabelWords.has(w) && !goLabelHeads.has(w) }) &&
		plainAfterLabel(t[i+1:]) {
		return false // "do it: rollback web production", "vas-y : rollback du site en prod": a go, then the order it gives
	}
	if j := strings.Join(ws, " "); (strings.HasSuffix(j, "c est le cas") || strings.HasSuffix(j, "c est le cas la") || strings.HasSuffix(j, "it s happening") ||
		strings.HasSuffix(j, "it s the case") || strings.HasSuffix(j, "c est maintenant")) &&
		!slices.ContainsFunc(ws, func(w string) bool { return !caseLabelWords.has(w) }) && plainAfterLabel(t[i+1:]) {
		return false // "bon, c'est le cas là : rollback du site en prod": the case asked about is here
	}
	return true
}

// goLabelHeads say go before a colon that opens the order ("do it:
// rollback web production"); goLabelWords may stand beside them.
var (
	goLabelHeads = setOf("do", "vas-y", "fais-le", "fais", "allez", "go")
	goLabelWords = setOf("it", "vas", "y", "le", "ok", "okay", "yes", "oui", "please", "pls", "stp", "svp", "now", "maintenant", "just", "then",
		"alors", "so", "donc", "bon", "ben")
)

// caseLabelWords may make the label "c'est le cas là :", "ok, it's
// happening:" (not "est-ce que c'est le cas :", "c'est pas le cas :").
var caseLabelWords = setOf("bon", "ok", "okay", "alors", "donc", "so", "well", "c", "est", "le", "cas", "la", "it", "s", "happening", "the",
	"case", "now", "maintenant", "voila", "oui", "ouais", "yes", "yeah")

// plainAfterLabel reports whether the order after a label is said
// plainly: one clause, no question, mention, mark or doubt.
func plainAfterLabel(rest string) bool {
	rest = strings.TrimSpace(rest)
	return len(clauses(rest)) == 1 && !strings.ContainsAny(rest, "?¿@~`*_") && !pickMocked(rest) &&
		!slices.ContainsFunc(wordsOf(rest), func(w string) bool { return unsureWords.has(w) || anywhereHedges.has(w) })
}

// labelAssents and labelPointers are the words of a label that only
// agree and point at what the bot offered: "yeah that:", "oui voilà :",
// "exactly:".
var (
	labelAssents  = setOf("yeah", "yes", "yep", "yup", "ouais", "oui", "right", "so", "donc", "alors", "bon", "ok", "okay", "c", "est")
	labelPointers = setOf("that", "this", "ca", "voila", "exactly", "exactement", "celui-la", "celle-la", "that one", "celle", "celui")
)

// typoTargetSet holds typoTargets, the words that open a command.
var typoTargetSet = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range typoTargets {
		m[w] = struct{}{}
	}
	return m
}()

// orderWord reports whether w is a word of an order: a decision, a lock,
// a tick, a deploy or a rollback.
func orderWord(w string) bool {
	countRead(len(w))
	if orderNounsOnly.has(w) {
		return false
	}
	if _, ok := stemOf(w, decisionStems); ok {
		return true
	}
	if _, ok := lockVerbs[w]; ok {
		return true
	}
	return tickWords.has(w) || recordVerbs.has(w) || deployVerbs.has(w) || rollbackVerbs.has(w)
}

// orderNounsOnly name an action without ordering it.
var orderNounsOnly = setOf("mep", "deploiement", "deploiements", "deployment", "deployments", "release", "releases", "mise",
	"mises", "livraison", "livraisons", "golive", "go-live", "validation", "validations", "approval", "approvals", "approbation")

// rollbackVerbs order going back.
var rollbackVerbs = setOf("rollback", "roll", "revert", "reviens", "revenir", "revenez", "annule", "annuler", "remets", "remettre",
	"undo", "downgrade", "repasse", "repasser", "rollbacker", "rollbacke")

// recordVerbs order an outcome or a reset recorded.
var recordVerbs = setOf("mark", "marque", "marque-le", "marquer", "record", "enregistre", "enregistrer", "outcome", "resultat",
	"reset", "reinitialise", "reinitialiser")

// relativeWordBefore reports whether a relative pronoun and a verb in the
// present stand in the three words before words[i]: "ce qui est validé",
// "what's been tested".
func relativeWordBefore(words []string, i int) bool {
	if i < 2 || words[i-1] != "est" && words[i-1] != "is" && words[i-1] != "s" && words[i-1] != "been" {
		return false // "ce qui était validé", "what was tested": a fact told
	}
	for _, w := range words[max(0, i-3):i] {
		switch w {
		case "qui", "that", "what", "whats", "which":
			return true
		}
	}
	return false
}

// failingVerbs, negated by "ne … plus/pas", tell an incident: "les
// clients ne peuvent plus payer", "le login ne marche pas".
var failingVerbs = setOf("peuvent", "peut", "arrivent", "arrive", "marche", "marchent", "fonctionne", "fonctionnent", "repond",
	"repondent", "charge", "chargent", "passe", "passent", "s", "se", "affiche", "affichent", "can", "cannot", "works", "work", "loads", "load")

// incidentNegation reports whether the negation at words[i] tells what no
// longer works rather than forbids: "ne" or "n" before a failing verb,
// or "can't"/"cannot" said of a subject ("customers can't pay").
func incidentNegation(words []string, i int) bool {
	w := words[i]
	if (w == "ne" || w == "n") && i+1 < len(words) && failingVerbs.has(words[i+1]) && words[i+1] != "can" && words[i+1] != "cannot" {
		return i+2 < len(words) && (words[i+2] == "plus" || words[i+2] == "pas")
	}
	return false
}

// relayVerbs pass an order on to someone: "ask carol to approve 12",
// "tell bob to unfreeze web", "dis à carol de dégeler le front".
var relayVerbs = setOf("ask", "asks", "asking", "aks", "tell", "tells", "telling", "remind", "get", "ping", "poke", "nudge", "demande", "demander", "demandez",
	"dis", "dites", "dire", "rappelle", "request", "requesting", "demande-lui", "dis-lui", "demandez-lui", "dites-lui",
	"demande-leur", "dis-leur", "demande-moi", "dis-moi", "rappelle-lui", "rappelle-leur", "seek", "seeking")

// relayObjects are who an order passed on may be for and still be the
// bot's: "ask you to", "I ask you to" (a person asking the bot).
var relayObjects = setOf("you", "u", "vous", "toi", "deploybot", "bot")

// approvalNouns are what a person asks for when they ask for an approval:
// "ask for approval of 12", "request a review of 12".
var approvalNouns = setOf("approval", "approvals", "approbation", "validation", "review", "sign-off", "signoff", "ok", "go")

// causativeVerbs have someone else do an order: "fais approuver le 12
// par carol", "have carol approve 12".
var causativeVerbs = setOf("fais", "faites", "faire", "have")

// relayed reports whether raw passes an order on to someone else ("ask
// carol to approve 12", "[bob] tell carol to unfreeze web", "demande à
// carol d'approuver le 12", "ask for approval of 12", "fais approuver le
// 12 par carol", "carol please approve 12"): the person who says it gives
// no order of their own (review 12: bob's relay lifted carol's freeze,
// dave's unlocked production, bob's approved #12 as his own).
func relayed(raw string) bool {
	return relayedTo(raw, nil)
}

// relayedTo is relayed with more verbs of the order passed on (a
// reminder's deletion: "tell bob to delete reminder 2").
func relayedTo(raw string, verbs *wordList) bool {
	ws := wordsOf(raw)
	order := func(v string) bool { return orderWord(v) || isActionWord(v) || verbs != nil && verbs.has(v) }
	if len(ws) > 2 && names.has(ws[0]) && politeWords.has(ws[1]) && order(ws[2]) {
		return true // "carol please approve 12": said to carol
	}
	if len(ws) > 3 && (ws[0] == "hey" || ws[0] == "hi" || ws[0] == "yo" || ws[0] == "salut") && names.has(ws[1]) &&
		ws[1] != "deploybot" && askingWords.has(ws[2]) && slices.ContainsFunc(ws[3:], order) {
		return true // "hey carol can you approve 12": said to carol
	}
	if len(ws) > 2 && names.has(ws[0]) && ws[0] != "deploybot" && askingWords.has(ws[1]) && slices.ContainsFunc(ws[2:], order) {
		return true // "carol peux-tu valider le 12 stp"
	}
	if n := len(ws); n > 2 && names.has(ws[n-1]) && !isEnvName(ws[n-1]) && !beforeEnvWords.has(ws[n-2]) && ws[n-2] != "for" &&
		ws[n-2] != "pour" && ws[n-2] != "by" && ws[n-2] != "par" && ws[n-2] != "de" && ws[n-2] != "d" && ws[n-2] != "of" &&
		slices.ContainsFunc(ws[:n-1], order) {
		return true // "plz approve 12 carol": said to carol; not "ship api to qa", "approuve celle de julie"
	}
	// Read once for all the verbs: the last "par", and whether an order
	// comes before each verb (asked of the words before each relay verb,
	// "remind me " 1,600 times read 1.3 million words).
	lastPar := -1
	for k := len(ws) - 1; k >= 0 && lastPar < 0; k-- {
		if ws[k] == "par" {
			lastPar = k
		}
	}
	ordered, read := false, 0 // whether one of ws[:read] is an order
	for i, w := range ws {
		if causativeVerbs.has(w) && i+1 < len(ws) && order(ws[i+1]) && (lastPar >= i+2 || w == "have" && i == 0) {
			return true // "fais approuver le 12 par carol"; not "fais passer le site en prod"
		}
		if !relayVerbs.has(w) {
			continue
		}
		for ; read < i && !ordered; read++ {
			ordered = order(ws[read])
		}
		if ordered {
			return false // "deploy web to staging and ask carol to approve it": the person's order first
		}
		j := i + 1
		if j < len(ws) && (ws[j] == "a" || ws[j] == "au" || ws[j] == "aux" || ws[j] == "for" || ws[j] == "pour") {
			j++ // "dis à carol de …", "ask for approval of 12"
		}
		for k := j; k < len(ws) && k < j+3; k++ {
			if approvalNouns.has(ws[k]) {
				return true // "ask for approval of 12", "request approval for 12"
			}
		}
		k := j
		for k < len(ws) && k < j+3 && ws[k] != "to" && ws[k] != "de" && ws[k] != "d" {
			if relayObjects.has(ws[k]) || strings.HasPrefix(ws[k], "#") || isNumber(ws[k]) {
				k = len(ws)
				break
			}
			k++
		}
		if k >= len(ws)-1 || ws[k] != "to" && ws[k] != "de" && ws[k] != "d" {
			continue
		}
		if k == j && !strings.Contains(w, "-") {
			continue // "ask to deploy"? no one named
		}
		for _, v := range ws[k+1 : min(len(ws), k+3)] {
			if order(v) {
				return true
			}
		}
	}
	return false
}

// copiedFrom name where an order is copied from: "the wiki:", "step
// 3:", "fyi:", "from the ticket:".
var copiedFrom = setOf("wiki", "doc", "docs", "documentation", "readme", "runbook", "step", "etape", "fyi", "example", "exemple",
	"template", "modele", "tuto", "tutorial", "confluence", "notion")

// sourceQuoted reports whether the clause before an order names where it
// comes from: a document ("from the wiki", "the README", "step 3",
// "fyi"). "QA passed: deploy …", "bob confirmed: deploy …", "ticket
// OPS-42: rollback …" give the person's own order (attack 18).
func sourceQuoted(pw []string) bool {
	for _, w := range pw {
		if copiedFrom.has(w) {
			return true
		}
	}
	return false
}

// colonAfter reports whether clause stands in raw right before a colon:
// "from the wiki: …", not "customers can't log in, …".
func colonAfter(raw, clause string) bool {
	i := strings.Index(raw, clause)
	if i < 0 {
		return false
	}
	return strings.HasPrefix(strings.TrimSpace(raw[i+len(clause):]), ":")
}

// askingWords open a request to someone: "hey carol can you approve 12".
var askingWords = setOf("can", "could", "would", "will", "please", "pls", "plz", "peux", "pourrais", "tu", "you", "u", "peux-tu",
	"pourrais-tu", "pouvez-vous", "stp", "svp")

// isEnvName reports whether w names an environment, known or usual
// ("qa", "uat", "demo").
func isEnvName(w string) bool {
	if _, ok := envWordOf(w); ok {
		return true
	}
	switch w {
	case "qa", "uat", "demo", "dev", "preview", "sandbox", "test", "ops":
		return true
	}
	return false
}

// dateAhead reports whether hw[i] is the day of a date the order is put
// off to: "pour le 24", "for the 24th", "on the 24th", "jeudi 24", "le
// 24 décembre", and for a deploy or a rollback "le 24" or "Dec 24" alone
// (a decision's "le 24" is deployment #24, and so is its "pour le 24"
// unless a project names the deployment: "coche tests pour le 17").
func dateAhead(hw []string, i int, action bool) bool {
	if dayNumber(hw[i]) == 0 {
		return false
	}
	prev, prev2, next := wordAt(hw, i-1), wordAt(hw, i-2), wordAt(hw, i+1)
	_, weekday := weekdays[prev]
	month := monthWords.has(next) || monthWords.has(prev)
	switch {
	case (prev == "le" || prev == "the") && (prev2 == "pour" || prev2 == "for" || prev2 == "on"):
		return true
	case weekday && (prev2 == "le" || prev2 == "on" || prev2 == "this" || prev2 == "ce" || prev2 == "pour" || prev2 == "for" || action):
		return true
	case action && (prev == "le" || prev == "on") || action && month && prev != "to" && prev != "a" && prev != "du" && prev != "since" && prev != "depuis":
		return true
	}
	return false
}

// monthWords name a month, in full or shortened.
var monthWords = setOf("janvier", "janv", "fevrier", "fev", "mars", "avril", "avr", "mai", "juin", "juillet", "juil", "aout", "septembre",
	"sept", "octobre", "oct", "novembre", "nov", "decembre", "dec", "january", "jan", "february", "feb", "march", "mar", "april", "apr",
	"may", "june", "jun", "july", "jul", "august", "aug", "september", "sep", "october", "november", "december")

// askedOfRe is a name, then a request to that person: "alice can you
// promote?", "Bob, tu peux …".
var askedOfRe = mustCompile(`(?:^|[\s,.;!])(\p{L}{2,15})\s*,?\s+(?:can you|could you|would you|will you|please can you|peux-tu|pourrais-tu|tu peux|tu pourrais|vous pouvez|pouvez-vous)\b`)

// notAddressees open a request to the bot, not to someone: "Thanks, can
// you deploy web?", "Ok deploybot, can you …".
var notAddressees = setOf("i", "thanks", "thank", "thx", "merci", "ok", "okay", "hey", "hi", "hello", "salut", "bonjour", "coucou", "please",
	"so", "then", "alors", "also", "and", "et", "but", "mais", "now", "well", "great", "super", "cool", "perfect", "parfait", "sorry",
	"pardon", "deploybot", "bot", "team", "yes", "oui", "good", "bon", "bien", "hmm", "euh", "ah", "oh", "done", "fait", "dis", "say",
	"morning", "afternoon", "evening", "night", "urgent", "help", "aide", "question", "quick", "vite", "sinon", "otherwise", "anyway", "btw")

// laterDays name a time to come by a holiday or a month: an order said
// for then is none now.
var laterDays = setOf("noel", "christmas", "xmas", "fetes", "holidays", "janvier", "fevrier", "january", "february", "reveillon", "nouvel")

// laterClauseWords make a clause of their own a moment to come:
// "tomorrow, rollback web prod …", "demain, déploie …", "cet
// après-midi, …".
var laterClauseWords = setOf("tomorrow", "demain", "apres-demain", "tonight", "soir", "apres-midi", "aprem", "afternoon", "evening",
	"later", "tard", "plus", "next", "week", "semaine", "prochain", "prochaine", "noel", "christmas")

// alertToolRe opens a line a monitoring or CI tool wrote, before a colon:
// what it suggests or reports is its own, no order.
var alertToolRe = mustCompile(`^\W*(?:sentry|pagerduty|datadog|grafana|opsgenie|alertmanager|github actions|gitlab ci)\b[^:\n]{0,40}:`)

// addressedToUnknownName reports whether a message speaks to someone by a
// name the word lists do not hold, written without its capital: "looks
// ok on staging, karim can you promote api?", "hey nico rollback web
// production". The name is a word the corpus does not know, no project,
// environment or version.
func (r *Router) addressedToUnknownName(raw string) bool {
	name := func(w string) bool {
		return len(w) >= 3 && len(w) <= 12 && isLetters(w) && !r.t.vocab.known(w) && !r.t.domain.has(w) && !r.projectWord(w) && !r.slotWord(w) &&
			!notAddressees.has(w) && !isActionWord(w) && !hasRollbackStem([]string{w}) && !orderWord(w)
	}
	t := fold(strings.TrimSpace(raw))
	if m := askedOfNameRe.FindStringSubmatch(t); m != nil && name(m[1]) {
		return true
	}
	ws := wordsOf(t)
	return len(ws) > 2 && (ws[0] == "hey" || ws[0] == "hi" || ws[0] == "salut" || ws[0] == "coucou") && name(ws[1]) &&
		(isActionWord(ws[2]) || hasRollbackStem(ws[2:3]) || orderWord(ws[2])) // "hey nico rollback …", not "Hey! Recap of the morning: …"
}

// askedOfNameRe is a name opening the message or a clause, right before
// a request to that person: "…, karim can you promote api?" (not "…
// du formulaire, tu peux déployer ?", a clause's last word).
var askedOfNameRe = mustCompile(`(?:^|,\s*)(\p{L}{3,12})\s+(?:can you|could you|would you|will you|peux-tu|pourrais-tu|tu peux|tu pourrais)\b`)

// orderOutcomeRe is an order's words followed by what came of it, the
// whole message: "rollback web production did nothing", "deploy api
// staging failed", "le rollback du site a échoué" (reported, no order).
var orderOutcomeRe = mustCompile(`^(?:the\s+|le\s+|la\s+|my\s+|mon\s+)?(?:rollback|revert|deploy|deploiement|mep|release)\s+(?:\S+\s+){1,4}(?:failed|has failed|did nothing|didn t work|didn t do anything|did not work|a echoue|n a rien fait|n a pas marche|a plante|went fine|worked|a marche)$`)
