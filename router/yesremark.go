package router

import (
	"slices"
	"strings"

	"deploybot"
)

// A yes to a plan often comes with a word on why it is safe or what to
// do next: "yes I'm sure", "go ahead, staging's been green all morning",
// "oui (bon, croisons les doigts)", "yes, and ping #api when it's done".
// Such a remark confirms the plan as the yes alone would, when it is one
// of the few kinds a yes comes with (remarkForms): certainty, hope, a
// check already done, people around, staging green, a request to be told
// when it is over, the client waiting. Anything else after a yes, and
// any of these that also doubts, delays, sets a condition, names another
// target or says no (remarkDoubts), is no yes: the bot asks back. (A
// list of words to refuse alone let a thousand crafted remarks confirm,
// session 22's attack: the forms come first.)

// yesRemarked reports whether text is a yes followed by a remark that
// leaves the yes whole: its first words (up to four) are a yes (yesNo)
// and what follows neither doubts nor changes the order.
func (r *Router) yesRemarked(text string) bool {
	raw := strings.TrimSpace(text)
	if strings.HasPrefix(raw, "@") || strings.HasPrefix(raw, ">") || strings.ContainsAny(raw, "`\"«»“”") || strings.HasPrefix(raw, "'") {
		return false // "@alice yes, …": the answer is alice's; "> yes, I'm sure", quoted: someone's words
	}
	if at := strings.IndexByte(raw, '@'); at >= 0 {
		// A request to a colleague to approve afterwards ("oui — @lucie
		// tu pourras approuver derrière ?", "yes, @bob approve it when it
		// pops up") is the yes and a word to someone else: the four-eyes
		// rule waits for them anyway. Any other mention doubts.
		if !r.approveAsked(raw[at:]) {
			return false // "yes, @bob don't approve", "yes @bob approval denied"
		}
		raw = strings.TrimSpace(raw[:at])
		if strings.ContainsAny(raw, "?¿") || strings.Contains(raw, "..") || strings.Contains(raw, "…") {
			return false // "yes? @bob approve it"
		}
		if answer, _, ok := yesNo(strings.Join(wordsOf(raw), " ")); ok && answer == deploybot.CmdConfirm && !yesMarred(raw) {
			return true // the yes alone before the mention
		}
	}
	raw = strings.Map(func(c rune) rune {
		if strings.ContainsRune(hopeEmoji, c) {
			return -1 // "yes, fingers crossed 🤞": hope, not doubt
		}
		return c
	}, raw)
	if strings.ContainsAny(raw, "~?¿") || yesMarred(raw) {
		return false
	}
	if !channelsToldTo(raw) {
		return false // "yes, I'm sure #not": a tag that mocks
	}
	raw = withoutChannels(raw) // "ping #api": the channel, not the project
	ws := wordsOf(raw)
	if len(ws) < 2 || len(ws) > maxAnswerWords {
		return false
	}
	for k := min(4, len(ws)-1); k >= 1; k-- {
		answer, _, ok := yesNo(strings.Join(ws[:k], " "))
		if !ok || answer != deploybot.CmdConfirm {
			continue
		}
		if tail := ws[k:]; r.remarkKnown(tail) && !r.remarkDoubts(tail) {
			return true // not "yes i" then "m sure": the next split, "yes" then "i m sure"
		}
	}
	return false
}

// remarkKnown reports whether the words after a yes are one of the
// remarks a yes comes with (remarkForms), or two of them joined by
// "and"/"et" or said in turn.
func (r *Router) remarkKnown(tail []string) bool {
	for len(tail) > 0 && remarkOpeners.has(tail[0]) {
		tail = tail[1:]
	}
	if len(tail) == 0 {
		return false
	}
	line := strings.Join(tail, " ")
	if remarkFormRe.MatchString(line) || goRemarkRe.MatchString(line) || r.peopleAround(tail) {
		return true
	}
	for i := 1; i < len(tail)-1; i++ {
		if (tail[i] == "and" || tail[i] == "et") && r.remarkKnown(tail[:i]) && r.remarkKnown(tail[i+1:]) {
			return true
		}
	}
	return false
}

// remarkOpeners may open a remark after a yes: "yes, and …", "oui, bon, …".
var remarkOpeners = setOf("and", "et", "but", "mais", "then", "puis", "bon", "allez", "so", "donc", "well", "ben")

// remarkFormRe is a remark a yes comes with, in folded words: certainty
// ("i m sure"), hope ("fingers crossed", "croisons les doigts"), a check
// done ("went through the checklist already", "on a vérifié la checklist
// ensemble", "le client a validé ce matin"), staging or the tests green
// ("staging s been green all morning"), a request to be told ("ping
// api when it s done", "préviens api après", "tell me when it s done"),
// the client waiting ("le client attend depuis ce matin"), haste ("fais
// vite").
var remarkFormRe = mustCompile(`^(?:` +
	// certainty
	`(?:i m|i am|je suis|j en suis|we re|we are|on est|on en est|nous sommes)?\s*(?:absolutely\s+|totally\s+|tout a fait\s+)?(?:sure|certain|sur|sure|surs|sures|positive|certaine|certains)` +
	// hope
	`|(?:on |je )?(?:fingers crossed|croisons les doigts|croise les doigts|wish (?:us|me) luck|touchons du bois|knock on wood)` +
	// a check done, by its doers (never "nobody has", "who has", "we should have")
	// (French participles only after their auxiliary: folded, "teste" is
	// "testé" and "je teste" alike; English past forms alone too)
	`|(?:(?:we|i|on|j|nous|they|ils|elles|the team|l equipe|le client|the client|les clients|the customer|qa|la qa|the qa|the po|le po|po|both of us|tous les deux)\s+` +
	`(?:(?:have|has|ve|a|ai|avons|ont|avez)\s+(?:already\s+|deja\s+|bien\s+|all\s+|tous\s+|tout\s+)?(?:verifie|teste|valide|approuve|relu)\b|` +
	`(?:(?:have|has|ve)\s+)?(?:already\s+|all\s+)?(?:checked|verified|tested|validated|approved|signed off(?: on it)?|went through|gone through|reviewed))` +
	`|(?:already\s+|all\s+)?(?:checked|verified|tested|validated|approved|signed off(?: on it)?|went through|gone through|reviewed))` +
	`(?:\s+(?:the|la|le|les|l|it|everything|tout|on|sur))?(?:\s+(?:checklist|smoke tests|tests|smoke|release|it|everything|tout|recette|staging|list|liste))?` +
	`(?:\s+(?:already|deja|ensemble|together|this morning|ce matin|yesterday|hier|twice|deux fois|earlier|tout a l heure|just now|a l instant))*` +
	// staging or the tests green
	`|(?:staging|la recette|recette|preprod|the tests|tests|les tests|ci|the ci|la ci|smoke tests|the smoke tests|les smoke tests|everything|tout|qa|la qa)` +
	`\s+(?:s|is|are|has|have|est|sont|a|ont|was|were)?\s*(?:been\s+|ete\s+)?(?:green|vert|verte|verts|ok|fine|good|passing|passed|passe|stable|clean|nickel)` +
	`(?:\s+(?:all morning|toute la matinee|since yesterday|depuis hier|depuis ce matin|since this morning|for hours|depuis des heures|all day|toute la journee|everywhere|partout))?` +
	// a request to be told when it is over (never "tell me" alone: an invitation to speak)
	`|(?:please |pls |stp )?(?:ping|tell|notify|post in|post|previens|previens-moi|dis-moi|preveniens|annonce|announce)(?:\s+(?:me|us|moi|nous|the team|l equipe|le canal|the channel|in|dans|sur))*` +
	`\s+(?:when it s done|when done|when it s over|when it s live|once done|once it s done|quand c est fini|quand c est fait|quand c est bon|quand c est en ligne|une fois fini|apres|after|after that)(?:\s+(?:please|pls|stp|svp))?` +
	// the client waiting, haste
	`|(?:the|le|la|les|l|our|notre)?\s*(?:client|clients|customer|customers|team|equipe|po|boss)\s+(?:attend|attendent|is waiting|are waiting|s waiting|waits)(?:\s+(?:depuis ce matin|since this morning|depuis hier|since yesterday|already|deja))?` +
	`|(?:fais|faites|be)\s+(?:vite|quick)|(?:quickly|vite|asap)` +
	`)$`)

// approveAskedRe is a request to a colleague, after their @mention, to
// approve the plan when it comes, in folded words: "approve it when it
// pops up pls", "tu pourras approuver derrière".
var approveAskedRe = mustCompile(`^(?:(?:can|could) you\s+|tu (?:peux|pourras|pourrais)\s+|vous (?:pouvez|pourrez)\s+|please\s+|pls\s+|stp\s+)*` +
	`(?:approve|approuver|approuve|approuvez|valider|valide|validez|sign off)(?:\s+(?:it|le|la|l|this one|celui-la))?` +
	`(?:\s+(?:when it pops up|when it comes|when it shows up|quand ca arrive|quand elle arrive|quand il arrive|derriere|apres|after|next))?(?:\s+(?:please|pls|stp|svp|merci|thanks))?$`)

// remarkDoubts reports whether the words after a yes (tail, folded) take
// the yes back or make it uncertain.
func (r *Router) remarkDoubts(tail []string) bool {
	ws := make([]string, 0, len(tail))
	for i, w := range tail {
		switch {
		case (w == "but" || w == "mais") && i+1 < len(tail) && notifyVerbs.has(tail[i+1]):
			continue // "yes but tell me when it's done": the yes and a request
		case pastChecks.has(w) && i > 0 && auxiliaries.has(tail[i-1]):
			continue // "on a vérifié la checklist": done, not to do
		}
		ws = append(ws, w)
	}
	for i, w := range ws {
		switch {
		case negationWords.has(w) || contractedNot.has(w) || w == "no" || w == "non" || w == "nope" || w == "rien":
			if !(i+1 < len(ws) && noFillers.has(ws[i+1])) {
				return true // "yes, no QA yet", "oui, la recette n'est pas finie"
			}
		case laterTimes.has(w) || remarkLater.has(w) || remarkConditions.has(w):
			return true // "yes, tomorrow", "yes once the tests pass"
		case w == "when" || w == "quand":
			if !slices.ContainsFunc(ws[i+1:min(len(ws), i+5)], remarkDone.has) {
				return true // "yes when bob is back"; not "ping me when it's done"
			}
		case w == "after" || w == "apres" || w == "before" || w == "avant":
			if i+1 < len(ws) && !notifyTail(ws[i+1:]) {
				return true // "yes, after lunch"; not "préviens #api après"
			}
		case w == "in" || w == "dans":
			if i+1 < len(ws) && (strings.Trim(ws[i+1], "0123456789") == "" || ws[i+1] == "a" || ws[i+1] == "an" || ws[i+1] == "une" || ws[i+1] == "un") {
				return true // "yes, in 10 minutes", "oui dans une heure"
			}
		case envWord(ws[i]) && !(i+1 < len(ws) && remarkEnvStates.has(ws[i+1])):
			return true // "yes, on staging", "yes, staging": another target; not "staging's been green"
		}
	}
	if r.projectsNamed(ws) > 0 || len(versionTokens(strings.Join(ws, " "))) > 0 {
		return true // "yes, and the api too", "yes, 2.1.0"
	}
	if hasActionVerb(ws) || hasRollbackStem(ws) {
		return true // "yes, and deploy the api too", "oui puis rollback"
	}
	return tailDoubts(strings.Join(ws, " "), true) || slices.ContainsFunc(ws, anywhereHedges.has) // "yes lol", "oui mdr"
}

// hopeEmoji hope rather than doubt after a yes: "yes, fingers crossed 🤞".
const hopeEmoji = "🤞🚀🙏"

var (
	notifyVerbs = setOf("tell", "let", "ping", "notify", "warn", "previens", "previens-moi", "previens", "dis", "dis-moi", "dites", "dites-moi",
		"prevenez", "post", "poste", "announce", "annonce")
	pastChecks  = setOf("verifie", "verifiee", "verifies", "check", "checked", "teste", "testee", "tested", "valide", "validee", "confirme")
	auxiliaries = setOf("a", "ai", "as", "avons", "avez", "ont", "have", "has", "ve", "had", "been", "est", "sont", "deja", "already")
	remarkLater = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi", "mercredi", "jeudi",
		"vendredi", "samedi", "dimanche", "tonight", "soir", "weekend", "week-end", "lunch", "dejeuner", "afternoon", "aprem", "aprem",
		"apres-midi", "minutes", "minute", "min", "heure", "heures", "hour", "hours", "tomorrow", "demain")
	remarkConditions = setOf("if", "si", "once", "unless", "until", "sauf", "jusqu", "lorsque", "provided", "pourvu", "condition", "only",
		"seulement", "uniquement", "first", "abord", "soon", "des", "fois", "long", "instead", "plutot", "except", "excepte")
	remarkDone = setOf("done", "finished", "over", "live", "deployed", "up", "pops", "appears", "lands", "complete", "completed", "ready",
		"fini", "finie", "termine", "terminee", "fait", "faite", "ligne", "deploye", "deployee", "passe", "passee", "arrive")
	// remarkEnvStates may follow an environment told of after a yes: "staging's
	// been green all morning", "la recette est ok".
	remarkEnvStates = setOf("s", "is", "has", "was", "been", "est", "a", "tourne", "passe", "ok", "green", "vert", "verte", "looks", "semble",
		"good", "bonne", "stable", "fine", "works", "marche", "fonctionne")
)

// notifyTail reports whether the words after "after"/"après" end a
// request to tell someone ("préviens #api après", "ping me after"): none,
// or only a pronoun and "that".
func notifyTail(ws []string) bool {
	for _, w := range ws {
		if w != "that" && w != "ca" && w != "it" && w != "coup" && w != "le" && w != "du" {
			return false
		}
	}
	return true
}

// answerAside returns an answer to the bot's question of a slot without
// its aside, as the answer's readers take it: a remark in brackets at its
// end said after a comma ("production (the client signed off
// yesterday)" is "production, the client signed off yesterday"), and a
// request to a colleague to approve afterwards left out ("2.5.0 —
// @sarah tu pourras approuver derrière ?" is "2.5.0"). ok is false when
// the answer has no such aside.
func (r *Router) answerAside(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if at := strings.IndexByte(t, '@'); at > 0 {
		if !r.approveAsked(strings.TrimSuffix(strings.TrimRight(t[at:], " ?"), ")")) {
			return "", false
		}
		head := strings.TrimRight(strings.TrimSpace(t[:at]), ",;:—–-( ")
		if !bareSlotValue(head) {
			return "", false // "Paul dit 2.5.0 — @sarah …", "2.5.0 je crois — @sarah …"
		}
		return head, true
	}
	if open := strings.LastIndexByte(t, '('); open > 0 && strings.HasSuffix(t, ")") && strings.Count(t, "(") == 1 && strings.Count(t, ")") == 1 {
		head, aside := strings.TrimSpace(t[:open]), strings.TrimSpace(t[open+1:len(t)-1])
		if !bareSlotValue(head) || aside == "" {
			return "", false
		}
		if ws := wordsOf(aside); !r.remarkKnown(ws) || r.remarkDoubts(ws) || strings.ContainsAny(aside, "?¿") || pickMocked(aside) {
			return "", false // "production (after the demo)", "prod (staging is broken)": only an aside a yes may come with
		}
		return head, true
	}
	return "", false
}

// bareSlotValue reports whether text is a slot's value alone: one
// version or environment, maybe with an article or a please ("2.5.0",
// "la prod", "v2.5.0 stp").
func bareSlotValue(text string) bool {
	if text == "" || strings.ContainsAny(text, "?¿@()") || strings.Contains(text, "..") || strings.Contains(text, "…") {
		return false
	}
	values := 0
	for _, w := range wordsOf(text) {
		switch _, env := envWordOf(w); {
		case env || versionToken(w) != "":
			values++
		case slotValueFillers.has(w):
		default:
			return false
		}
	}
	return values == 1
}

// slotValueFillers may stand beside a slot's value said alone.
var slotValueFillers = setOf("la", "le", "l", "the", "en", "on", "in", "to", "sur", "version", "please", "pls", "stp", "svp", "merci", "thanks")

// noWithReason reports whether text declines a plan and says why: a
// first clause that is a no (yesNo), then clauses that only tell why
// ("on annule, la recette n'est pas finie", "not yet — waiting for the
// marketing email to go out, no"). A later clause that orders something
// else (an action's verb, a rollback, a version, another project, an
// environment as a target) is no reason: that answer changes the plan,
// and its readers read it. Declining is always safe; the bot never runs
// a plan on a no.
func (r *Router) noWithReason(text string) bool {
	cls := clauses(text)
	if len(cls) < 2 || strings.ContainsAny(text, "?¿") {
		return false
	}
	if answer, _, ok := yesNo(strings.Join(wordsOf(cls[0]), " ")); !ok || answer != deploybot.CmdCancel {
		return false
	}
	for _, cl := range cls[1:] {
		ws := wordsOf(cl)
		if hasActionVerb(ws) || rollbackWordAt(ws) >= 0 || len(versionTokens(cl)) > 0 || r.projectsNamed(ws) > 0 {
			return false
		}
		for i := range ws {
			if envWord(ws[i]) && !(i+1 < len(ws) && (remarkEnvStates.has(ws[i+1]) || ws[i+1] == "n" || ws[i+1] == "isn" || ws[i+1] == "isnt")) {
				return false // "no, staging first": a target
			}
		}
	}
	return true
}

// approveAsked reports whether mention, an @mention and what follows it,
// asks that colleague to approve the plan when it comes, in so many
// words (approveAskedRe), and nothing else.
func (r *Router) approveAsked(mention string) bool {
	_, request, _ := strings.Cut(mention, " ") // the words after the name
	if strings.ContainsAny(request, "@#`\"") || pickMocked(request) {
		return false
	}
	return approveAskedRe.MatchString(strings.Join(wordsOf(request), " "))
}

// channelsToldTo reports whether each Slack channel a yes's remark names
// ("#api") is where to tell the news: after "ping", "post in",
// "préviens", "in", "dans", "sur". Any other tag ("#not", "#ironie",
// "#lies") mocks or doubts the yes.
func channelsToldTo(raw string) bool {
	fields := strings.Fields(raw)
	for i, f := range fields {
		if !strings.HasPrefix(f, "#") {
			continue
		}
		if i == 0 {
			return false
		}
		prev := wordsOf(fields[i-1])
		if len(prev) == 0 || !notifyVerbs.has(prev[len(prev)-1]) && !channelWords.has(prev[len(prev)-1]) {
			return false
		}
	}
	return true
}

// channelWords may stand right before a channel a yes's remark names.
var channelWords = setOf("in", "dans", "sur", "on", "to", "me", "moi", "us", "nous")
