package router

import (
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
	negationWords = setOf("dont", "not", "never", "jamais", "cannot", "cant", "wont", "ne", "n", "pas", "shouldn", "shouldnt")
	hedgeWords    = setOf("lol", "jk", "mdr", "maybe", "perhaps", "wish", "peut-etre", "kidding", "rigole", "blague", "if", "si",
		"unless")
	reportVerbs = setOf("said", "says", "told", "wrote", "asked", "typed", "type", "typing", "dit", "disait", "ecrit", "tape",
		"tapais", "tapé")
	contractions = setOf("don", "can", "won", "isn", "doesn", "shouldn", "couldn", "wouldn", "didn")
)

// givesNoOrder reports whether a message carries an order's words without
// giving it (see above). The negation is looked for in the clause that
// holds the order, before its first break, so that a reason after it may
// say "not" ("je refuse la 7, la review n'est pas faite").
func (r *Router) givesNoOrder(raw string, line string) bool {
	// The clause that holds the order's word: "personne ne touche à la
	// prod api, verrouille stp" orders a lock.
	head := raw
	if i, _, ok := clauseBreak(raw); ok && i > 0 {
		head = raw[:i] // no order word: the first clause
	}
	// The first clause with an order's verb (a noun such as "MEP" orders
	// nothing: "le paiement ne marche plus depuis la MEP, il faut
	// annuler").
	for _, cl := range clauses(raw) {
		for _, part := range strings.Split(cl, "?") {
			for _, w := range Words(part) {
				if orderWord(w) {
					head = part
					goto found
				}
			}
		}
	}
found:
	hw := Words(head)
	// The negation stands before the order's word, or ("ne débloque pas",
	// "n'annule pas le 12") just after it; one further on is a reason's
	// ("abort 19 the migration is not ready").
	v := len(hw)
	for i, w := range hw {
		if orderWord(w) {
			v = i
			break
		}
	}
	for i, w := range hw {
		if i > v+2 {
			break
		}
		if negationWords[w] || w == "t" && i > 0 && contractions[hw[i-1]] {
			if w == "pas" && i+1 < len(hw) && (hw[i+1] == "de" || hw[i+1] == "mal") {
				continue // "pas de souci, …"
			}
			if i > v && w != "pas" && w != "jamais" {
				continue
			}
			return true
		}
	}
	ws := strings.Fields(line)
	ordered := false
	for _, w := range ws {
		// A report before the order's word makes it someone else's ("he
		// said approve 12"); after it, it is the order's object ("reset
		// approval back to what the file says").
		if hedgeWords[w] || reportVerbs[w] && !ordered {
			return true
		}
		ordered = ordered || orderWord(w)
	}
	if strings.Contains(line, "not sure") || strings.Contains(line, "sais pas") || strings.Contains(line, "no way") {
		return true
	}
	// "deploy api to prod? no": a no right after the question.
	if q := strings.IndexByte(raw, '?'); q >= 0 {
		after := Words(raw[q:])
		if len(after) > 0 && (after[0] == "no" || after[0] == "non" || after[0] == "nah" || after[0] == "nope" || after[0] == "nan") {
			return true
		}
	}
	// "jenkins: approve 12": a tool's or a person's line quoted.
	first, _, _ := strings.Cut(strings.TrimSpace(raw), " ")
	if strings.HasSuffix(first, ":") && len(first) > 1 {
		name := fold(strings.TrimSuffix(first, ":"))
		_, isCmd := typoTargetSet[name]
		_, isEnv := envWords[name]
		_, isApp := r.ix.names[name]
		if !isCmd && !isEnv && !isApp && name != "urgent" && name != "hotfix" && name != "incident" {
			return true // not "staging: web v2.9.4 please", "api: …", "URGENT: …"
		}
	}
	return strings.HasPrefix(strings.TrimSpace(raw), `"`) || strings.HasPrefix(strings.TrimSpace(raw), "“") ||
		strings.HasPrefix(strings.TrimSpace(raw), "«") || strings.HasPrefix(strings.TrimSpace(raw), "`")
}

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
	if orderNounsOnly[w] {
		return false
	}
	if _, ok := stemOf(w, decisionStems); ok {
		return true
	}
	if _, ok := lockVerbs[w]; ok {
		return true
	}
	return tickWords[w] || recordVerbs[w] || deployVerbs[w] || rollbackVerbs[w]
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
