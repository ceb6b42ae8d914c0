package router

import (
	"slices"
	"strings"

	"deploybot"
)

// The natural phrasings of the chat commands, beside their short forms
// (commands.go): requests wrapped in "show me", "montre-moi", "can you";
// answers to a plan made of several words ("yep go ahead", "ok vas-y je
// confirme", "no, hold on"); a command verb followed by its project and
// environment in any order, with articles ("dégèle la prod", "drill du
// site en staging", "lance un exercice de rollback sur l'api en staging").

// askPrefixes wrap a command in a request: "show me the runbook for
// web", "montre-moi le contexte du site", "can you give me the audit log".
// They are dropped, longest first, with the article that follows.
var askPrefixes = []string{
	"can you please show me", "could you please show me", "can you show me", "could you show me", "can you give me",
	"could you give me", "can i see", "can i have", "could i see", "i want to see", "i d like to see", "id like to see",
	"let me see", "show me", "give me", "get me", "display", "show", "tell me", "i want", "i need", "please",
	"peux-tu me montrer", "peux tu me montrer", "tu peux me montrer", "pourrais-tu me montrer", "tu peux me donner",
	"peux-tu me donner", "peux tu me donner", "je veux voir", "je voudrais voir", "j aimerais voir", "fais-moi voir",
	"montre-moi", "montre moi", "montrez-moi", "montre", "montrez", "affiche-moi", "affiche moi", "affiche", "donne-moi",
	"donne moi", "donnez-moi", "donne", "sors-moi", "sors moi", "envoie-moi", "envoie moi",
	"tu peux me lister", "peux-tu me lister", "peux tu me lister", "tu peux lister", "peux-tu lister", "peux tu lister",
	"pourrais-tu lister", "tu pourrais lister", "liste-moi", "liste moi", "listez-moi",
}

// askPrefixesBy are the ask prefixes by their first byte, in their order.
var askPrefixesBy = func() (by [256][]string) {
	for _, p := range askPrefixes {
		by[p[0]] = append(by[p[0]], p)
	}
	return by
}()

// askArticles may follow a request prefix.
var askArticles = setOf("the", "le", "la", "les", "l", "my", "mon", "ma", "mes", "our", "nos", "notre", "a", "an", "un", "une")

// stripAsk drops the request around a command: "show me the runbook for
// web" is "runbook for web".
func stripAsk(line string) string {
	for changed := true; changed && line != ""; {
		changed = false
		for _, p := range askPrefixesBy[line[0]] {
			if rest, ok := strings.CutPrefix(line, p); ok && rest != "" && rest[0] == ' ' {
				line, changed = rest[1:], true
				break
			}
		}
	}
	if !askArticles.has(firstField(line)) {
		return line // most lines: no need to split them
	}
	ws := appendFields(make([]string, 0, 16), line)
	if len(ws) > 1 && askArticles.has(ws[0]) {
		return strings.Join(ws[1:], " ")
	}
	return line
}

// Answers to a plan: every word is one of an answer's, and one of them
// says yes (or no).
var (
	yesWords = setOf("banco", "yes", "yep", "yeah", "yup", "ya", "oui", "ouais", "ouaip", "ouep", "ouai", "yeap", "ok", "okay", "okey", "go", "ahead", "vas-y",
		"vas", "y", "je", "confirme", "bon", "va", "for", "confirm", "confirmed", "confirmo", "sure", "please", "pls", "stp", "svp", "let", "s", "lets",
		"do", "it", "c", "est", "parti", "allez", "on", "proceed", "alright", "d", "accord", "daccord", "acc", "dacc", "fine", "then", "alors",
		"i", "fais-le", "fais", "le", "yes,", "absolutely", "carry", "bien", "sur",
		"valide", "go-ahead", "continue", "continuer", "poursuis", "good", "to", "perfect", "parfait", "top", "cool", "tu", "peux",
		"you", "can", "may", "vous", "pouvez", "cest", "ben", "bah", "pour", "moi", "me", "by",
		"exactly", "exactement", "ca", "precisely", "correct", "vite", "asap", "quick", "quickly", "fast", "now", "maintenant", "urgent", "tout", "de", "suite", "away",
		"carrement", "zou", "yolo", "fonce", "lance", "lance-le", "lance-la")
	yesHeads = setOf("yes", "yep", "yeah", "yup", "oui", "ouais", "ouaip", "ouep", "ouai", "yeap", "fonce", "go", "confirme", "confirm", "confirmed", "vas-y", "banco",
		"proceed", "daccord", "accord", "acc", "dacc", "sure", "absolutely", "fais-le", "go-ahead", "continue", "poursuis", "allez",
		"zou", "yolo")
	noWords = setOf("today", "no", "non", "nope", "nop", "nvm", "nah", "cancel", "annule", "annuler", "annulez", "stop", "abort", "hold", "on", "off",
		"hmm", "hm", "mmh", "euh", "ah", "oh",
		"wait", "attends", "attendez", "finalement", "actually", "pas", "maintenant", "now", "not", "yet", "encore", "laisse",
		"tomber", "forget", "it", "never", "mind", "nevermind", "thanks", "merci", "please", "pls", "stp", "svp", "sorry",
		"oops", "desole", "je", "j", "ai", "change", "d", "avis", "changed", "my", "i", "ve", "let", "s", "lets", "don", "dont",
		"t", "do", "ne", "fais", "rien", "that", "ca", "this", "one", "plus", "tard", "later", "minute", "a", "une", "sec",
		"second", "moment", "ok", "en", "fait", "then", "alors", "plutot", "the", "le", "today", "aujourd", "hui", "tomorrow",
		"demain", "wait,", "scrap", "oublie", "oubliez", "oublies", "surtout")
	// noHeads say the no of a no's words; "forget" and "nevermind" (and
	// "laisse tomber", "never mind": yesNo) say it after an opener: "en
	// fait laisse tomber", "actually never mind".
	noHeads = setOf("no", "non", "nope", "nah", "cancel", "annule", "annuler", "annulez", "stop", "abort", "dont", "forget", "nevermind", "scrap",
		"oublie", "oubliez", "oublies")
)

// yesNo reads an answer to a plan: confirm or cancel, and whether its words
// are French.
func yesNo(bare string) (deploybot.Command, bool, bool) {
	if w := firstField(bare); !yesWords.has(w) && !noWords.has(w) {
		return "", false, false // neither every word a yes nor every word a no
	}
	ws := appendFields(make([]string, 0, 16), bare)
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "right" && ws[i+1] == "away" {
			ws = append(ws[:i], ws[i+1:]...) // "yes, right away"; "yeah right" is no yes
		}
	}
	if len(ws) == 0 || len(ws) > 8 {
		return "", false, false
	}
	if n := len(ws); n >= 2 && (ws[n-1] == "ouais" || ws[n-1] == "oui") && ws[n-2] == "ca" {
		return "", false, false // "c'est ça ouais": French for "yeah right"
	}
	yes, no := true, true
	yesHead, noHead, fr, negation := false, false, false, false
	for i, w := range ws {
		yes = yes && yesWords.has(w)
		// "hold off, don't run it", "non, ne lance rien": a verb of running
		// after a negation declines.
		no = no && (noWords.has(w) || negation && runVerbs.has(w))
		negation = negation || w == "dont" || w == "don" || w == "not" || w == "ne" || w == "n" || w == "pas" || w == "never"
		// "on y va", "c'est bon", "c bon", "c'est ok"
		yesHead = yesHead || yesHeads.has(w) || w == "va" && i > 0 && ws[i-1] == "y" ||
			(w == "bon" || w == "ok") && i > 0 && (ws[i-1] == "c" || ws[i-1] == "est" || ws[i-1] == "cest")
		noHead = noHead || noHeads.has(w) || w == "hold" && i+1 < len(ws) && (ws[i+1] == "on" || ws[i+1] == "off") ||
			i > 0 && (w == "tomber" && ws[i-1] == "laisse" || w == "mind" && ws[i-1] == "never" ||
				(w == "now" || w == "yet" || w == "today") && ws[i-1] == "not" || (w == "maintenant" || w == "encore") && ws[i-1] == "pas" || // "not now", "pas maintenant"
				w == "pas" && ws[i-1] == "surtout") // "surtout pas"
		fr = fr || frenchAnswerWords.has(w)
	}
	switch {
	case no && noHead:
		return deploybot.CmdCancel, fr, true
	case yes && yesHead && !noHead:
		return deploybot.CmdConfirm, fr, true
	}
	return "", false, false
}

// runVerbs are the verbs of running a plan, declined after a negation.
var runVerbs = setOf("run", "launch", "start", "execute", "deploy", "ship", "lance", "lancer", "execute", "deploie",
	"deployer", "go", "touch", "touche")

// frenchAnswerWords make an answer French.
var frenchAnswerWords = setOf("oui", "ouais", "ouaip", "ouep", "ouai", "vas-y", "confirme", "allez", "daccord", "accord", "non", "annule",
	"annuler", "annulez", "attends", "attendez", "finalement", "laisse", "tomber", "desole", "avis", "fais-le", "poursuis",
	"continuer", "parti", "stp", "svp", "plutot", "rien", "tard", "maintenant", "encore", "cest", "ben", "bah")

// pendingWords ask what waits for an approval: a waiting word and an
// approval word ("qu'est-ce qui attend une approbation ?", "y a des
// demandes en attente de validation ?", "anything awaiting my sign-off?").
var (
	waitingWords  = setOf("attend", "attendent", "attente", "waiting", "pending", "awaiting", "await", "awaits", "waits", "wait")
	approvalWords = setOf("approbation", "approbations", "approval", "approvals", "approve", "approuver", "validation",
		"validations", "valider", "sign-off", "signoff", "signature", "feu", "vert", "go",
		// the requests that wait for one: "quelles demandes sont en
		// attente ?", "any requests pending?"
		"demande", "demandes", "request", "requests")
	// notPendingWords ask how approvals work, not which wait.
	// orderOpeners open an order whose reason may speak of waiting.
	orderOpeners = setOf("freeze", "gel", "gele", "geler", "lock", "unlock", "verrouille", "deverrouille", "block", "bloque",
		"debloque", "unblock", "deploy", "deploie", "rollback", "cancel", "annule", "deny", "refuse", "approve", "approuve", "valide",
		"confirm", "confirme") // "approve 18 please, the client is waiting"
	notPendingWords = setOf("how", "comment", "why", "pourquoi", "long", "combien", "happens", "passe", "expire", "expires",
		"timeout", "delai", "when", "quand", "should", "faut-il", "doit")
)

// pendingFillers may stand around a waiting word, or an approval verb
// after "à"/"to", in a short request for what waits: "what's pending?",
// "anything waiting on me?", "y a des trucs à approuver ?", "anything to
// sign off?".
var pendingFillers = setOf("what", "whats", "s", "is", "are", "anything", "something", "there", "any", "on", "me", "for",
	"my", "us", "still", "currently", "right", "now", "qu", "est-ce", "est", "ce", "qui", "quoi", "en", "y", "a", "il", "t",
	"a-t-il", "des", "de", "trucs", "choses", "quelque", "chose", "moi", "pour", "encore", "actuellement", "to", "do", "i",
	"have", "j", "ai", "have", "we", "on", "l", "la", "le", "les", "the", "deploys", "deployments", "deploiements", "rn", "atm", "today", "aujourd", "hui", "moment",
	// "show me the pending list", "montre-moi la liste d'attente"
	"show", "list", "liste", "montre", "montre-moi", "affiche", "see", "view")

// pendingStems hold strings one of which each word of waitingWords and
// approvalVerbs holds: pendingAsked answers yes only with one of those
// words, so a line that holds no stem is refused before its words are
// cut and looked up (every command line not read before it asks this:
// 1.4 % of BenchmarkParse's instructions, issue 19). One pass over the
// line (prefixSet.in) costs half of a strings.Contains each.
var pendingStems = stemSet("wait", "attend", "attente", "pending", "approuv", "approv", "valider", "sign", "review", "relire")

// stemSet returns the set of the strings, to look for in a text in one
// pass (prefixSet.in).
func stemSet(stems ...string) *prefixSet {
	sorted := slices.Clone(stems)
	slices.Sort(sorted)
	return newPrefixSet(slices.Compact(sorted))
}

// urgencyDropped returns a yes without the urgency said after it, in
// folded words: "go, the client is waiting" → "go" (it listed the
// pending deployments).
func urgencyDropped(bare string) (string, bool) {
	ws := strings.Fields(bare)
	if len(ws) < 3 || !yesHeads.has(ws[0]) {
		return "", false
	}
	// A tail both regexps match is goRemarkRe's first form, "(the)
	// client(s) is waiting (already)": 7 words at most ("notre tout le
	// monde is waiting deja"). Only the last 8 words are tried: each tail
	// joined and matched read a long message once a word.
	for k := max(1, len(ws)-8); k < len(ws)-1; k++ {
		if tail := strings.Join(ws[k:], " "); clientWaitsRe.MatchString(tail) && goRemarkRe.MatchString(tail) {
			return strings.Join(ws[:k], " "), true
		}
	}
	return "", false
}

// clientWaitsRe is a client said to wait, in folded words.
var clientWaitsRe = mustCompile(`\b(?:client|clients|customer|customers)\s+(?:is|s|are)\s+(?:still\s+)?waiting\b`)

// pendingAsked reports whether a folded line asks what waits for an
// approval.
func pendingAsked(bare string) bool {
	ws := appendFields(make([]string, 0, 16), bare)
	if len(ws) >= 3 && len(ws) <= 6 && (ws[0] == "qui" || ws[0] == "who") && slices.ContainsFunc(ws, stillWords.has) && approvalVerbs.has(ws[len(ws)-1]) {
		return true // "qui doit encore approuver ?", "who still needs to approve?": what waits (not "who approves prod for api?")
	}
	if !pendingStems.in(bare) {
		return false
	}
	if len(ws) > 10 {
		return false
	}
	if len(ws) > 0 && orderOpeners.has(ws[0]) {
		return false // "freeze api production: waiting for the client's go"
	}
	waiting, approval, short, toApprove := false, false, true, false
	for i, w := range ws {
		if notPendingWords.has(w) {
			return false
		}
		waiting = waiting || waitingWords.has(w)
		approval = approval || approvalWords.has(w)
		if !waitingWords.has(w) && !pendingFillers.has(w) {
			short = false
		}
		if i > 0 && (ws[i-1] == "a" || ws[i-1] == "to") && approvalVerbs.has(w) {
			toApprove = true
		}
	}
	switch {
	case waiting && approval:
		return true
	case waiting && short:
		return true // "what's pending?", "anything waiting on me?"
	}
	if !toApprove {
		return false
	}
	// "y a des trucs à approuver ?": the approval verb after "à", the
	// rest fillers.
	for i, w := range ws {
		if !pendingFillers.has(w) && !(approvalVerbs.has(w) && i > 0) {
			return false
		}
	}
	return true
}

// stillWords say something is still to do: "encore", "still", "reste".
var stillWords = setOf("encore", "still", "reste", "left", "yet")

// approvalVerbs are the verbs of approving.
var approvalVerbs = setOf("approuver", "approve", "valider", "sign", "signer", "review", "relire")

// helpWords may stand beside "commands" in a request for help: "what
// commands can I use?", "quelles commandes je peux taper ?".
var helpWords = setOf("what", "which", "quelles", "quels", "quelle", "les", "the", "are", "is", "available", "dispo",
	"disponibles", "can", "could", "i", "je", "tu", "peux", "puis", "pouvons", "on", "use", "utiliser", "type", "taper",
	"say", "dire", "ask", "demander", "do", "you", "know", "connais", "there", "y", "a", "t", "il", "a-t-il", "with",
	"avec", "toi", "your", "tes", "vos", "me", "list", "liste", "show", "montre", "moi", "give", "donne", "all", "toutes",
	"de", "des", "the", "sont", "understand", "comprends", "accept", "acceptes", "support", "supportes", "chat", "bot",
	"here", "ici", "exist", "existent", "est-ce", "que", "qu", "ce", "s", "are", "there", "of", "possible", "possibles",
	"valid", "valides", "main", "principales", "dont", "know", "sais", "pas", "send", "envoyer", "write", "ecrire")

// helpAsked reports whether a folded line asks for the commands.
func helpAsked(bare string) bool {
	if w := firstField(bare); !helpWords.has(w) && !commandWords.has(w) {
		return false
	}
	ws := appendFields(make([]string, 0, 16), bare)
	if len(ws) < 2 || len(ws) > 9 {
		return false
	}
	named := false
	for _, w := range ws {
		switch {
		case commandWords.has(w):
			named = true
		case !helpWords.has(w):
			return false
		}
	}
	return named
}

// commandWords name the commands in a request for help.
var commandWords = setOf("commands", "commandes", "command", "commande")

// listAskedRe asks which projects or environments the bot knows: "quels
// projets tu gères ?", "which projects do you manage?".
var listAskedRe = mustCompile(`^(?:quels|quelles|which|what)\s+(projets|projects|environnements|environments|envs)\s+(?:(?:est-ce que|est ce que|do|does|are|can)\s+)?(?:tu|vous|you|we|on|the bot|le bot|deploybot)?\s*(?:geres|gerez|connais|connaissez|suis|suivez|manage|handle|know|follow|track|have|has|as|avez|a|deploy|deploie|deployer|deploies|configured|configures|supportes|support|sais deployer|can deploy|peux deployer)$`)

// tickRe2 reads a tick without its id, or with it after the items: "tick
// changelog and tests", "coche tests et changelog pour le 12", "je coche
// la review".
var tickWordsRe = mustCompile(`^(?:tick|ticked|i tick|i ve ticked|je coche|j ai coche|coche|cochez|cocher|check off)\s+(.+)$`)

// tickItems maps the words of checklist items to their ids.
var tickItems = map[string]string{
	"tests": "tests", "test": "tests", "review": "review", "reviews": "review", "relecture": "review",
	"vulnerabilities": "vulnerabilities", "vulns": "vulnerabilities", "vulnerabilites": "vulnerabilities", "securite": "vulnerabilities",
	"docs": "docs", "doc": "docs", "documentation": "docs", "staging": "staging", "migrations": "migrations",
	"migration": "migrations", "env_vars": "env_vars", "variables": "env_vars", "vars": "env_vars", "envvars": "env_vars", "tls": "tls", "certificats": "tls",
	"certificates": "tls", "certs": "tls", "health": "health", "sante": "health", "team": "team", "equipe": "team",
	"rollback_plan": "rollback_plan", "rollback": "rollback_plan", "communication": "communication", "comms": "communication",
	"changelog": "communication", "annonce": "communication", "all": "all", "tout": "all", "everything": "all",
}

// tickFillers may stand between the items of a tick.
var tickFillers = setOf("env", "d", "environnement", "environment", "and", "et", "the", "le", "la", "les", "l", "for", "pour", "of", "du", "de", "on", "sur", "item",
	"items", "point", "points", "also", "aussi", "please", "stp", "svp", "deployment", "deploiement", ",", "plan", "checklist",
	"check-list", "liste")

// tickCommand reads a tick whose id may be missing or come last.
func tickCommand(line string) (cmd, bool) {
	m := tickWordsRe.FindStringSubmatch(line)
	if m == nil {
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdTick}
	var items []string
	// Numbers after "point(s)"/"item(s)" (and joined to them by "and",
	// "et" or a comma) are items by their number: "coche les points 2 et
	// 3 de la checklist du 12"; another number is the deployment's id.
	numbered := false
	for w := range strings.FieldsSeq(m[1]) {
		switch {
		case isNumber(w) && numbered:
			items = append(items, w)
		case isNumber(w) && c.args["id"] == "":
			c.set("id", w)
		case tickItems[w] != "":
			items = append(items, tickItems[w])
			numbered = false
		case w == "point" || w == "points" || w == "item" || w == "items" || w == "numero" || w == "numeros":
			numbered = true
		case w == "and" || w == "et" || w == ",":
		case tickFillers.has(w):
			numbered = false
		default:
			return cmd{}, false
		}
	}
	if len(items) == 0 {
		return cmd{}, false
	}
	c.set("items", strings.Join(items, " "))
	return c, true
}

// verbCommands are the commands written as a verb (or a noun) followed by
// their project and environment in any order: "unfreeze api production",
// "dégèle la prod", "drill du site en staging", "runbook de l'api".
var verbCommands = []struct {
	cmd deploybot.Command
	re  *pattern
}{
	{deploybot.CmdUnfreeze, mustCompile(`^(?:unfreeze|defreeze|degel|degele|degeler|degelez|(?:leve|lever|levez|retire|supprime|enleve|annule|annuler|annulez)\s+(?:le|les|tous les)\s+gels?|(?:lift|remove|end|stop|cancel)\s+(?:the\s+|all\s+|all the\s+|every\s+)?freezes?|fin du gel)(?:\s+(.*))?$`)},
	{deploybot.CmdDrill, mustCompile(`^(?:(?:lance|lancer|lancez|run|start|do|fais|faire|planifie|schedule|trigger|declenche)\s+(?:un\s+|une\s+|a\s+|the\s+|l\s+)?)?(?:drill|rollback drill|exercice de rollback|exercice de retour arriere|exercice rollback|test de rollback|rollback test)(?:\s+(.*))?$`)},
	{deploybot.CmdRunbook, mustCompile(`^(?:runbook|procedure de rollback|rollback runbook)(?:\s+(.*))?$`)},
}

// freezeID returns the number a freeze's lifting names alone ("1", "#1",
// "number 1"), or "".
func freezeID(rest string) string {
	rest, _, _ = strings.Cut(rest, ":") // "unfreeze 3: done"
	ws := strings.Fields(rest)
	for len(ws) > 0 && (ws[0] == "number" || ws[0] == "numero" || ws[0] == "no" || ws[0] == "n") {
		ws = ws[1:]
	}
	if len(ws) != 1 {
		return ""
	}
	id := strings.TrimPrefix(ws[0], "#")
	if id == "" || len(id) > 9 || strings.Trim(id, "0123456789") != "" {
		return ""
	}
	return id
}

// frenchVerbs are the French words that start a command: the command is
// French.
var frenchVerbs = setOf("degel", "degele", "degeler", "degelez", "leve", "lever", "levez", "fin", "retire", "supprime",
	"lance", "lancer", "lancez", "fais", "faire", "planifie", "declenche", "exercice", "procedure", "verrouille", "annule", "annuler", "annulez",
	"verrouiller", "deverrouille", "deverrouiller", "gel", "gele", "geler")

// questionWords make a line a question about a command, not the command.
var questionWords = setOf("how", "comment", "why", "pourquoi", "what", "quoi", "when", "quand", "should", "faut-il",
	"is", "does", "est-ce", "combien", "often", "souvent", "explain", "explique")

// verbCommand reads the commands of verbCommands; the words after the verb
// name the project and the environment.
func (r *Router) verbCommand(line string) (cmd, bool) {
	for _, vc := range verbCommands {
		m := vc.re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for w := range strings.FieldsSeq(m[1]) {
			if questionWords.has(w) {
				return cmd{}, false
			}
		}
		c := cmd{cmd: vc.cmd}
		if frenchVerbs.has(strings.Fields(line)[0]) {
			c.lang = deploybot.French
		}
		if vc.cmd != deploybot.CmdFreeze {
			if ws := strings.Fields(m[1]); slices.ContainsFunc(ws, func(w string) bool { return monthWords.has(w) }) &&
				slices.ContainsFunc(ws, func(w string) bool { return dayNumber(w) > 0 }) {
				return cmd{}, false // "dégèle le 28 décembre": for that date, no order now (it lifted every freeze)
			}
		}
		if vc.cmd == deploybot.CmdUnfreeze {
			if id := freezeID(m[1]); id != "" {
				// "unfreeze 1", "lift freeze #3", "annule le gel 2": the
				// chat freeze of that number (it lifted every freeze of
				// all projects, the number read as nothing).
				c.set("id", id)
				return c, true
			}
		}
		if r.excludesNamed(strings.Fields(m[1])) {
			return cmd{}, false // "dégèle tout sauf le back": not one command the bot can give
		}
		r.slotsOf(&c, m[1])
		if vc.cmd == deploybot.CmdUnfreeze && c.unknownApp != "" && c.app == "" && c.env != "" {
			// "unfreeze everything in prod" names no project; "unfreeze foo
			// prod" does, one the bot does not know (it lifted every
			// production freeze).
			c.unknownApp = r.unknownBeforeEnv(strings.Fields(m[1]))
		}
		return c, true
	}
	return cmd{}, false
}

// defaultRe reads "remets la stratégie du site par défaut", "set api
// strategy back to default": a reset.
var defaultRe = mustCompile(`^(?:remets|remettre|remet|remettez|repasse|repasser|retablis|restaure|put|set|bring|change|revert|switch)\s+(.+?)\s+(?:par defaut|a (?:sa|la|leur) valeur par defaut|aux? valeurs? par defaut|(?:back\s+)?to (?:the\s+|its\s+|their\s+)?defaults?(?:\s+value)?|back to default|comme (?:dans )?(?:le )?fichier|comme dans la config|a la valeur du fichier)((?:\s+(?:pour|for|de|du|on|sur|in|en)\s+.+)?)$`)

// auditPeriods are the periods an audit request may name, as args "since".
var auditPeriods = []struct{ words, since string }{
	{"aujourd hui", "today"}, {"today", "today"}, {"du jour", "today"}, {"this week", "week"}, {"cette semaine", "week"},
	{"de la semaine", "week"}, {"the week", "week"}, {"this month", "month"}, {"ce mois", "month"}, {"ce mois-ci", "month"},
	{"du mois", "month"}, {"the month", "month"}, {"le mois", "month"}, {"la semaine", "week"}, {"last week", "week"},
	{"past week", "week"}, {"last month", "month"}, {"past month", "month"}, {"le mois dernier", "month"},
	{"la semaine derniere", "week"}, {"last 7 days", "week"}, {"7 derniers jours", "week"}, {"30 derniers jours", "month"},
	{"last 30 days", "month"}, {"whole month", "month"}, {"tout le mois", "month"}, {"whole week", "week"}, {"toute la semaine", "week"},
	{"since week", "week"}, {"since month", "month"}, {"since today", "today"}, // the command's own words: "audit since week"
	{"depuis un mois", "month"}, {"depuis une semaine", "week"}, {"depuis 1 mois", "month"}, {"depuis 1 semaine", "week"},
	{"depuis 30 jours", "month"}, {"depuis 7 jours", "week"}, {"since a month", "month"}, {"since a week", "week"},
	{"over a month", "month"}, {"over a week", "week"}, {"sur un mois", "month"}, {"sur une semaine", "week"},
	{"de la journee", "today"}, {"la journee", "today"}, {"of the day", "today"}, {"the day", "today"}, {"de ce jour", "today"},
}

// periodIn returns the period of auditPeriods that folded line names
// anywhere, as a run of whole words.
func periodIn(line string) string {
	l := " " + line + " "
	for _, p := range auditPeriods {
		if i := strings.Index(l, " "+p.words+" "); i >= 0 {
			return p.since
		}
	}
	return ""
}

// auditPeriodEnds are the last words of auditPeriods: a line that ends
// with another word ends with none of them. auditPeriod is asked of
// every line a command rule reads, and its look at each period's end
// (their bytes on as many cache lines) was 1.4 % of route --jsonl's
// instructions (cachegrind, issue 19).
var auditPeriodEnds = func() *wordList {
	var ends []string
	for _, p := range auditPeriods {
		ends = append(ends, p.words[strings.LastIndexByte(p.words, ' ')+1:])
	}
	return setOf(ends...)
}()

// auditPeriod cuts the period off the end of a folded audit request.
func auditPeriod(line string) (string, string) {
	if !auditPeriodEnds.has(line[strings.LastIndexByte(line, ' ')+1:]) {
		return line, ""
	}
	for _, p := range auditPeriods {
		// strings.CutSuffix(line, " "+p.words), without building the suffix
		if n := len(line) - len(p.words) - 1; n >= 0 && line[n] == ' ' && line[n+1:] == p.words {
			rest := line[:n]
			ws := strings.Fields(rest)
			for len(ws) > 1 && (fillers.has(ws[len(ws)-1]) || ws[len(ws)-1] == "d" || ws[len(ws)-1] == "since" || ws[len(ws)-1] == "depuis") {
				ws = ws[:len(ws)-1]
			}
			return strings.Join(ws, " "), p.since
		}
	}
	return line, ""
}

// isoDates writes the dates of a freeze (2026-12-20, 20/12/2026,
// 20.12.26) as YYYY-MM-DD; it returns none when one has no year or is not
// a date.
func isoDates(dates []string) []string {
	var out []string
	for _, d := range dates {
		f := strings.FieldsFunc(d, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
		if len(f) != 3 {
			return nil
		}
		y, mo, day := f[2], f[1], f[0]
		if len(f[0]) == 4 {
			y, mo, day = f[0], f[1], f[2]
		}
		if len(y) == 2 {
			y = "20" + y
		}
		if len(y) != 4 || len(mo) > 2 || len(day) > 2 || mo == "0" || day == "0" || mo > "12" && len(mo) == 2 || day > "31" && len(day) == 2 {
			return nil
		}
		out = append(out, y+"-"+pad2(mo)+"-"+pad2(day))
	}
	return out
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// runbookWhatRe asks for a project's runbook: "what's the runbook for
// web?", "quel est le runbook du backend ?". "La procédure de rollback"
// is the question of its topic (topic.go), however it is asked.
var runbookWhatRe = mustCompile(`^(?:what s|what is|whats|where is|where s|quel est|c est quoi|ou est|ou se trouve)\s+(?:the\s+|le\s+|la\s+|l\s+)?(?:runbook|rollback runbook)\b(.*)$`)

// listWords may stand in a request for the projects or environments the
// bot knows, beside the wh-word and the project it is about: "which
// environments does web have?", "tu connais quels projets ?".
var listWords = setOf("anything", "something", "s", "right", "currently", "do", "does", "you", "we", "have", "has", "know", "manage", "handle", "follow", "track", "exist",
	"are", "there", "configured", "for", "of", "the", "tu", "vous", "connais", "connaissez", "geres", "gerez", "suis",
	"suivez", "as", "a", "avez", "existent", "sont", "configures", "pour", "de", "du", "le", "la", "l", "y", "il", "t",
	"a-t-il", "deploy", "deploie", "deployer", "can", "est-ce", "que", "qu", "on", "is", "it", "got", "ont", "existe",
	"disponibles", "available", "all", "tous", "les", "ses", "its", "its", "me", "moi", "en", "in", "des", "d", "any",
	// the moment: "any freeze right now?", "des verrous en ce moment ?"
	"right", "now", "currently", "today", "at", "sur", "this", "cette", "ce", "next", "prochain", "prochaine", "week", "semaine",
	"weekend", "week-end", "month", "mois", "upcoming", "prevus", "prevu", "planned", "coming", "venir", "bientot", "soon", "actuellement", "ce", "moment", "cours", "aujourd", "hui", "active", "actifs",
	"actives", "actif", "place", "force", "vigueur", "still", "encore", "toujours",
	// "y a un freeze en ce moment ?", "qu'est-ce qui est verrouillé là ?",
	// "any freezes coming up before xmas?"
	"un", "une", "qui", "est", "comme", "up", "before", "avant", "until", "jusqu", "christmas", "xmas", "noel", "holidays", "fetes",
	"vacances", "summer", "ete", "end", "fin", "year", "annee", "planifie", "planifies", "scheduled",
	// "est-ce qu'il y a un gel prévu en janvier ?", "which projects do
	// you know about?"
	"about", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")

// stateNow are the words of listWords that ask about the moment: with
// them, "freeze" or "verrou" asks for the freezes or locks in force.
var stateNow = setOf("right", "now", "currently", "today", "actuellement", "moment", "cours", "aujourd", "active", "actifs", "still", "toujours",
	"actives", "actif", "place", "force", "vigueur", "week", "semaine", "weekend", "week-end", "month", "mois", "upcoming",
	"prevus", "prevu", "planned", "coming", "venir", "bientot", "soon", "before", "avant", "until", "jusqu", "planifie",
	"planifies", "scheduled", "janvier", "fevrier", "mars", "avril", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
	"decembre", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december")

// listAsked reads a request for the projects or the environments (of a
// project) written as a question.
func (r *Router) listAsked(bare string) (cmd, bool) {
	ws := appendFields(make([]string, 0, 16), bare)
	if len(ws) < 2 || len(ws) > 10 {
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdList}
	wh, plural, exists, now := false, false, false, false
	for i, w := range ws {
		if isActionWord(w) && (i+1 == len(ws) || !lockish(ws[i+1]) && ws[i+1] != "gel" && ws[i+1] != "gels") {
			return cmd{}, false // "last deploy before the freeze": a deploy, no list (not "any deploy freeze?")
		}
		switch w {
		case "which", "what", "quels", "quelles", "quel", "list", "liste", "quoi", "qu", "qui", "show", "montre", "montre-moi", "affiche", "donne", "donne-moi", "give":
			wh = true
		case "every", "each", "chaque", "tout", "toutes":
			plural = true // "show me every lock", "liste chaque gel"
		case "locked", "verrouille", "verrouilles", "verrouillee", "verrouillees":
			// "what's locked right now?", "y a quoi de verrouillé ?"
			c.set("what", "locks")
			plural = true
		case "frozen", "gele", "geles", "gelee", "gelees":
			c.set("what", "freezes")
			plural = true
		case "projects", "projets":
			c.set("what", "projects")
		case "environments", "environnements", "envs":
			c.set("what", "environments")
		case "freezes", "gels", "freeze", "gel":
			c.set("what", "freezes")
			plural = plural || w == "freezes" || w == "gels"
		case "locks", "verrous", "lock", "verrou":
			c.set("what", "locks")
			plural = plural || w == "locks" || w == "verrous"
		case "held", "taken", "pris", "poses", "tenus", "current", "actuels", "actuelles", "open", "ouverts", "existing",
			"existants", "set", "actifs", "actives", "active", "en cours":
			now = true // "which locks are held?", "quels verrous sont posés ?"
		default:
			// "is there", "any", "y a-t-il": asks whether some exist.
			exists = exists || w == "there" || w == "any" || w == "y" || w == "a-t-il" || w == "anything" || w == "something"
			now = now || stateNow.has(w)
			if p, ok := r.ix.names[w]; ok && c.app == "" {
				c.app = p
				continue
			}
			if !listWords.has(w) && !stateNow.has(w) && w != "et" && w != "and" {
				return cmd{}, false // "liste des gels en cours et à venir" says when
			}
		}
	}
	switch c.args["what"] {
	case "":
		return cmd{}, false
	case "freezes", "locks":
		// "which freezes", "is there a freeze", "verrous en ce moment",
		// but not "what is a freeze".
		if !(wh && plural || exists || now) {
			return cmd{}, false
		}
		return c, true
	}
	if !wh || c.args["what"] == "projects" && c.app != "" {
		return cmd{}, false
	}
	return c, true
}

// afterWord returns what follows the first whole word w of raw, without
// the punctuation that separates it: the reason after an id.
func afterWord(raw, w string) (string, bool) {
	if w == "" {
		return "", false // nothing to follow: an empty w would match inside a letter's bytes
	}
	for i := 0; i+len(w) <= len(raw); i++ {
		j := i + len(w)
		if raw[i:j] != w || i > 0 && isWordByte(raw[i-1]) || j < len(raw) && isWordByte(raw[j]) {
			continue
		}
		rest := strings.TrimSpace(strings.TrimLeft(raw[j:], " ,;:-–—"))
		return rest, rest != ""
	}
	return "", false
}
