package router

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/mod/semver"

	"deploybot"
)

// smalltalkWords are the words of greetings, thanks and farewells;
// smalltalkFillers may stand beside them ("thank you so much, that
// helped"). A message made only of these, with at least one of the
// first, is small talk.
var (
	smalltalkFr = setOf("robot", "petit", "mon", "bonjour", "salut", "coucou", "bonsoir", "merci", "bonne", "journee", "soiree", "nuit", "a+", "ciao",
		"super", "top", "parfait", "genial", "bravo", "cool", "va", "ca", "qui", "es-tu", "toi", "slt", "bjr", "mrc", "hello", "yo",
		"nickel", "impec", "excellent", "felicitations", "au", "revoir", "plus", "bientot", "bisous", "bon", "week-end", "weekend",
		"clair", "etait", "meilleur", "meilleurs", "blague", "blagues", "raconte", "raconte-moi", "racontes", "une", "ahah", "mdr",
		"gg", "tous", "travail", "boulot", "joli", "beau", "chouette", "drole", "connais", "tu", "moi", "m", "coup", "main",
		"trop", "fort", "forte", "balaise", "demain", "lundi", "tard", "vite", "prochaine",
		// praise: "bien joué", "chapeau", "bien vu"
		"joue", "chapeau", "vu", "sauve", "sauves", "vie", "journee", "cree", "creee", "ton", "nom", "quelque", "chose",
		"roule", "marche", "nickel", "annee", "fetes", "wesh", "humain", "un", "bonnes", "avance", "champion", "championne", "bot",
		"week", "end", "we",
		// an acknowledgement: "compris, merci", "bien reçu merci", "c'est noté merci"
		"compris", "note", "recu", "entendu", "bien",
		// a greeting to the team: "dure reprise ce lundi", "bon courage à tous"
		"courage", "reprise", "dure", "compagnie", "quand", "meme", "derniere", "semaine", "avant", "vacances", "monde", "tout", "ce",
		"cette", "pour", "la", "le", "les",
		// "Bonjour à tous, belle journée", "hehe merci", "merci bg"
		"belle", "hehe", "hihi", "bg")
	smalltalkEn = setOf("appreciated", "appreciate", "talk", "meet", "hello", "hi", "hey", "hiya", "yo", "morning", "evening", "afternoon", "night", "thanks", "thank",
		"thx", "ty", "cheers", "bye", "goodbye", "cya", "later", "cool", "nice", "great", "awesome", "lol", "haha", "good",
		"how", "who", "are", "you", "sup", "wassup", "kudos", "perfect", "welcome", "brilliant", "excellent", "ok", "okay",
		"weekend", "week-end", "have", "nice", "work", "everyone", "joke", "jokes", "tell", "me", "doing", "best", "gg", "well",
		"done", "ahah", "any", "know", "funny", "a", "the", "clear", "thats", "s", "going", "amazing", "job", "all", "re", "r",
		"see", "tomorrow", "soon", "monday", "u", "ya", "take", "care", "made", "created", "built", "something", "your", "name",
		"happy", "friday", "holidays", "christmas", "new", "year", "birthday", "worked", "did", "trick", "human", "real",
		// thanks said as what the help did: "you saved my day", "you rock"
		"saved", "save", "my", "day", "life", "rock", "rocks", "legend", "star", "hero", "lifesaver", "ever", "bot", "catch",
		// an acknowledgement: "got it, thanks", "noted, thx", "just saying hi"
		"got", "it", "noted", "understood", "just", "saying")
	smalltalkHeads = setOf("np", "appreciated", "bonjour", "salut", "coucou", "bonsoir", "merci", "ciao", "a+", "bravo", "slt", "bjr", "mrc",
		"hello", "hi", "hey", "hiya", "yo", "morning", "thanks", "thank", "thx", "ty", "cheers", "bye", "goodbye", "cya",
		"lol", "haha", "kudos", "sup", "wassup", "nice", "great", "cool", "top", "super", "parfait", "genial", "felicitations",
		"awesome", "perfect", "brilliant", "nickel", "impec", "es-tu", "revoir", "bientot", "ahah", "mdr", "gg", "meilleur", "best",
		"weekend", "week-end", "blague", "blagues", "joke", "jokes", "bravo", "chouette", "see", "fort", "balaise", "joue",
		"chapeau", "saved", "rock", "rocks", "legend", "lifesaver", "sauve", "chef", "boss", "genie", "crack", "funny", "drole",
		"happy", "roule", "bisous", "bises", "wesh", "night", "nite", "champion", "championne", "soiree", "nuit", "courage",
		// an apology alone: "oops 😅 sorry" after gibberish (not "sorry
		// wrong channel", which is off the bot's topics)
		"oops", "oups")
	smalltalkFillers = setOf("there", "team", "all", "everyone", "bot", "deploybot", "mate", "guys", "folks", "so", "much",
		// "bonne nuit les gens", "t'es le meilleur des bots", "damn. ok thanks"
		"gens", "des", "bots", "damn", "dang", "sorry", "desole", "desolee",
		"very", "that", "helped", "a", "lot", "you", "for", "the", "info", "help", "one", "job", "today", "de", "l", "le", "la",
		"a", "toi", "tout", "monde", "beaucoup", "bien", "pour", "t", "es", "t-es", "qui", "c", "est", "ok", "oui", "et", "vous",
		"encore", "again", "really", "it", "is", "was", "this", "pour", "ton", "votre", "aide", "les", "gars", "equipe",
		"aussi", "too", "also", "ce", "matin", "soir", "morning", "catching", "spotting", "noticing", "helps", "helpful", "useful",
		"utile", "clearer", "plus", "premier", "premiere", "jour", "ici", "first", "new", "junior", "dev", "on", "call", "tonight",
		"be", "workspace", "smooth", "week", "phew", "rien", "pete", "finalement", "astreinte", "cette", "i", "m", "im", "am", "the",
		"in", "semaine", "tt", "n",
		// "oh ok, thanks", "ok thanks, I'll wait", "merci, je patiente"
		"oh", "ah", "ll", "wait", "je", "j", "attends", "attendre", "patiente", "patienter",
		// who a newcomer says she is: "I'm Sarah, the new designer"
		"designer", "intern", "stagiaire", "developer", "developpeur", "developpeuse", "manager", "consultant", "freelance",
		"alternant", "alternante", "nouveau", "nouvelle", "pm", "po",
		// "bon courage à ceux qui sont d'astreinte", "bonne soirée, je me
		// déconnecte", "merci bcp", "thanks bot, that saved us"
		"ceux", "celles", "sont", "d", "bcp", "us", "je", "me", "deconnecte", "relais", "passe", "courage",
		// "morning! back from leave", "coucou, de retour de congés", "ouf 😅 merci"
		"back", "from", "leave", "vacation", "vacances", "holiday", "pto", "ooo", "retour", "conges", "conge", "rentre", "rentree",
		"ouf", "phew")
	englishOnly = setOf("hello", "hi", "hey", "hiya", "thanks", "thank", "thx", "ty", "cheers", "bye", "goodbye", "good",
		"morning", "evening", "night", "how", "who", "are", "you", "lol", "nice", "great", "awesome", "mate", "job", "sup",
		"have", "work", "everyone", "joke", "jokes", "tell", "doing", "best", "funny", "clear", "going", "amazing", "saved",
		"rock", "rocks", "legend", "lifesaver", "my", "day")
)

// smalltalkOthers is how many words a greeting, thanks or a joke request
// may hold beside its own ("cheers mate, that did the trick", "raconte
// une blague de dev"), when none of them asks, orders or names anything
// of a deployment.
const smalltalkOthers = 3

// nameHeads are the greetings and thanks a person's name may follow.
var nameHeads = setOf("merci", "thanks", "thank", "thx", "bravo", "hello", "hi", "hey", "salut", "bonjour", "coucou", "bonsoir",
	"cheers", "slt", "bjr", "yo", "kudos")

// elongatedHead reports whether w is a greeting or a thanks with a letter
// vowel drawn out, written three times or more in a row: "coool",
// "merciiii", "suuuper", "heyyy".
func elongatedHead(w string) bool {
	squeeze := func(keep int) string {
		var b strings.Builder
		for i := 0; i < len(w); {
			j := i
			for j < len(w) && w[j] == w[i] {
				j++
			}
			n := j - i
			if n >= 3 && strings.IndexByte("aeiouy", w[i]) >= 0 { // not "mdrrr", "lolll" (not understood)
				n = keep
			}
			for range n {
				b.WriteByte(w[i])
			}
			i = j
		}
		return b.String()
	}
	one := squeeze(1)
	return one != w && (smalltalkHeads.has(one) || smalltalkHeads.has(squeeze(2)))
}

// nearSmalltalkHead reports whether w is one edit from a greeting or a
// thanks of five letters or more.
func nearSmalltalkHead(w string) bool {
	m := letterMask(w)
	for i, h := range longSmalltalkHeads {
		if abs(len(w)-len(h)) <= 1 && farLetters(m, longSmalltalkMasks[i]) <= 1 && distance(w, h) <= 1 {
			return true
		}
	}
	return false
}

// longSmalltalkHeads are the heads nearSmalltalkHead compares a word
// with, and their letters: a profile of Parse showed it iterating the map
// and aligning every head with every unknown word.
var longSmalltalkHeads, longSmalltalkMasks = longWords(smalltalkHeads, 5)

// longWords returns the words of set of at least n bytes, sorted, and
// their letterMasks.
func longWords(set *wordList, n int) ([]string, []uint64) {
	var ws []string
	for _, w := range set.words {
		if len(w) >= n {
			ws = append(ws, w)
		}
	}
	slices.Sort(ws)
	return ws, lettersOf(ws)
}

// thanksForRe is a thanks for something, after an interjection.
var thanksForRe = mustCompile(`^(?:(?:super|great|ok|okay|cool|parfait|top|nice|awesome|genial|nickel|ah|oh)\s+)*` +
	`(?:merci(?:\s+beaucoup|\s+bien)?|thanks(?:\s+a\s+lot)?|thank\s+you(?:\s+so\s+much)?|thx|cheers|bravo|congrats|congratulations|felicitations|well\s+done|good\s+job|nice\s+job|great\s+job|gg)\s+(?:pour|for|on|a|à)\s+(?:\S+)(?:\s+\S+){0,6}$`)

// thanksPraiseRe is a thanks with what the answer was worth: "thanks
// that's exactly what I needed", "merci c'est parfait", "thx, super clair".
var thanksPraiseRe = mustCompile(`^(?:(?:super|great|ok|okay|cool|parfait|top|nice|awesome|genial|nickel|ah|oh)\s+)*` +
	`(?:merci(?:\s+beaucoup|\s+bien)?|thanks(?:\s+a\s+lot)?|thank\s+you(?:\s+so\s+much)?|thx)\s+` +
	`(?:that\s+s|that\s+settles|that\s+answers|makes\s+sense|ca\s+repond|ca\s+m\s+va|that\s+is|that\s+was|that\s+saved|that\s+helped|that\s+helps|c\s+est|c\s+etait|ca\s+m\s+aide|exactly|exactement|just|perfect|parfait|super|great|top|nickel|very|really|tres|vraiment|clear|clair|je\s+vais\s+voir|je\s+regarde|i\s+ll\s+check|i\s+will\s+check)\b(?:\s+\S+){0,8}$`)

// thanksOnlyRe is a thanks with a word of praise and nothing after it:
// "merci beaucoup, trop efficace", "thank you so much, crisis averted",
// "thanks, so quick" (not understood before; an attack found the praise
// swallowing "…, le site est HS" and "…, now prod" when words may follow).
var thanksOnlyRe = mustCompile(`^(?:merci(?:\s+beaucoup|\s+bien)?|thanks(?:\s+a\s+lot)?|thank\s+you(?:\s+so\s+much)?|thx)\s+` +
	`(?:trop\s+(?:efficace|fort|forte|rapide|bien|cool)|so\s+(?:quick|fast|helpful)|crisis\s+averted|lifesaver|you\s+rock|you\s+re\s+the\s+best|t\s+es\s+le\s+meilleur|efficace|rapide)$`)

// farewellRe is a goodbye to everyone and nothing else, in a command
// line: "à+ tout le monde", "bonne soirée la team" (not "good night all,
// stop the pipeline").
var farewellRe = mustCompile(`^(?:a|bye|ciao|good\s+night|goodnight|night|bonne\s+nuit|bonne\s+soiree|bonne\s+journee|see\s+you|see\s+ya|a\s+demain|bye\s+bye)\s+(?:all|everyone|everybody|folks|team|guys|tout\s+le\s+monde|la\s+team|l\s+equipe|les\s+gars|a\s+tous|tomorrow|demain)$`)

// notSmalltalk are the words that make a message more than small talk:
// questions, and the trouble a thanks may come with ("thanks but it
// failed again").
var notSmalltalk = setOf("how", "why", "what", "when", "where", "which", "whats", "comment", "pourquoi", "quoi", "quand",
	"ou", "quel", "quelle", "quels", "quelles", "combien", "can", "could", "should", "peux", "peut", "faut", "but", "mais",
	"failed", "fail", "fails", "failing", "broken", "broke", "down", "error", "errors", "erreur", "erreurs", "crash",
	"crashed", "plante", "casse", "bug", "bugs", "issue", "issues", "probleme", "problem", "incident", "marche", "works",
	"again", "encore", "still", "toujours", "not", "pas", "no", "non")

// subjectApp is the project a question is about: the one it names.
func (r *Router) subjectApp(q deploybot.Request) string {
	if q.SubjectApp != "" {
		return q.SubjectApp
	}
	return r.analyze(q.Text).s.app
}

// doItOrder reports whether text orders what was just talked about,
// without naming it: "ok do it on prod", "vas-y, fais-le en recette". Not
// asked ("should I do it?"), not refused ("don't do it").
func doItOrder(text string) bool {
	if strings.Contains(text, "?") {
		return false
	}
	ws := wordsOf(text)
	do := false
	for i, w := range ws {
		switch {
		case denial.has(w) || w == "dont" || w == "don" || w == "should" || w == "if" || w == "si":
			return false
		case w == "do" && i+1 < len(ws) && ws[i+1] == "it", w == "fais-le", w == "fais" && i+1 < len(ws) && ws[i+1] == "le",
			w == "lance-le", w == "go" && i+1 < len(ws) && ws[i+1] == "ahead":
			do = true
		}
	}
	return do
}

// diffOfBoth reports whether words ask for the differences between the
// two environments just shown: "and the diff between the two?", "et
// l'écart entre les deux ?".
func diffOfBoth(words []string) bool {
	diff, both := false, false
	for _, w := range words {
		switch w {
		case "diff", "difference", "differences", "ecart", "ecarts", "changes", "changements", "delta":
			diff = true
		case "two", "deux", "both":
			both = true
		case "strategy", "strategies", "strategie", "approach", "approaches", "approche", "approches", "options", "methods", "methodes":
			return false // "the difference between the two strategies"
		}
	}
	return diff && both && len(strategiesOf(words)) == 0
}

// buildNouns name what is deployed: "la version en préprod", "the build
// on staging".
var buildNouns = setOf("version", "build", "release", "livrable", "image", "tag")

// takesSuggestion reports whether an answer accepts the name the bot
// offered: yes said in words of a yes, maybe with that name ("yes, api",
// "oui c'est ça", "exactly"), nothing else.
func takesSuggestion(text, name string) bool {
	if strings.Contains(text, "?") {
		return false // "yes?", "right?": asked back
	}
	yes := false
	for _, w := range wordsOf(text) {
		switch {
		case yesHeads.has(w) || w == "exactly" || w == "exactement" || w == "right" || w == "correct" || w == "voila":
			yes = true
		case w == name || yesWords.has(w) || w == "that" || w == "ca" || w == "celui-la" || w == "one" || w == "the" || w == "lui":
		default:
			return false
		}
	}
	return yes
}

// socialEmoji reports whether r is an emoji people send to each other
// as a reaction: faces, hands, hearts, a party.
func socialEmoji(r rune) bool {
	switch {
	case r >= 0x1F600 && r <= 0x1F64F, // faces, "🙌", "🙏"
		r >= 0x1F44A && r <= 0x1F450, // "👊" … "👍", "👏"
		r >= 0x1F90C && r <= 0x1F92F, // "🤗", "🤝", "🤣", "🤩"
		r >= 0x1F970 && r <= 0x1F97A, // "🥰", "🥳"
		r >= 0x1F493 && r <= 0x1F49F, // hearts
		r >= 0x1FAE0 && r <= 0x1FAF8, // "🫡", "🫶"
		r == 0x1F4AA, r == 0x1F389, r == 0x1F38A, r == 0x2764, r == 0x263A, r == 0x270C, r == 0x270A, r == 0x270B:
		return true
	}
	return false
}

// smalltalk reports whether the message p parses is only a greeting,
// thanks, praise, a farewell or a joke request (or an emoji), and its
// language.
func (r *Router) smalltalk(p *parse) (deploybot.Lang, bool) {
	countRead(len(p.raw))
	text, m := p.raw, p.m
	if t := strings.Trim(strings.TrimSpace(text), "!. "); t == "à+" || t == "A+" || t == "À+" || t == "@+" {
		return deploybot.French, true // "à+": see you (its "+" is no word)
	}
	if l := strings.Trim(p.line, "!. "); l == "bon week end" || l == "bon we" || strings.HasPrefix(l, "bon week end ") {
		return deploybot.French, true // "bon week end !" (in two words it was not understood)
	}
	if ackRe.MatchString(strings.Trim(p.line, "!. ")) {
		// "got it", "noted", "compris", "bien reçu": an acknowledgement.
		return r.lang(m), true
	}
	if im := introRe.FindStringSubmatch(strings.Trim(p.line, " !.")); im != nil && !r.namesTarget(p.words) && !notNames.has(im[1]) && !r.t.domain.has(im[1]) {
		// "bonjour, je suis théo le nouveau stagiaire !", "hi! I'm lea,
		// the new dev": a newcomer says hello.
		return r.lang(m), true
	}
	if bedtimeRe.MatchString(p.line) && !r.namesTarget(p.words) && r.noVersion(p.raw) && !strings.Contains(p.raw, "?") &&
		!slices.ContainsFunc(p.words, func(w string) bool { return w != "back" && hasRollbackStem([]string{w}) }) {
		// "thanks, going back to sleep 😴", "merci, je retourne me
		// coucher": going back to bed, no rollback (it planned one on
		// an environment "sleep").
		return r.lang(m), true
	}
	if deploysItself(p.words) && !r.namesTarget(p.words) {
		// "t'as déjà pensé à te déployer toi-même ?", "can you deploy
		// yourself?": a joke about the bot, no order.
		return r.lang(m), true
	}
	// thanksThen reads the text after a first thanks once: both rules
	// below ask, and each read the next clause's twice in turn ("merci,
	// merci, …, deploy web 3.0.1 to prod" took 2^n steps).
	thanksThenRead, thanksThenKnown := false, false
	thanksThen := func() bool {
		if !thanksThenKnown {
			thanksThenRead, thanksThenKnown = r.thanksThenSmalltalk(text, p.skipped), true
		}
		return thanksThenRead
	}
	if l := p.line; !strings.Contains(text, "?") && !thanksForRe.MatchString(l) && !thanksOnlyRe.MatchString(l) && thanksBareRe.MatchString(commandLine(firstClause(text))) &&
		thanksThen() {
		// "ok thanks, I'll ask alice then", "thanks, you're a lifesaver":
		// a thanks, in the words' language.
		if strings.Contains(l, "merci") {
			return deploybot.French, true
		}
		return r.lang(m), true
	}
	if l := p.line; !strings.Contains(text, "?") && (thanksForRe.MatchString(l) || thanksOnlyRe.MatchString(l) || thanksThen() ||
		thanksPraiseRe.MatchString(l) && !slices.ContainsFunc(p.words, isActionWord) && !slices.ContainsFunc(p.words, func(w string) bool {
			return notSmalltalk.has(w) && !(w == "what" && (strings.Contains(l, "exactly what") || strings.Contains(l, "just what") || strings.Contains(l, "that s what")))
		})) {
		// "super, merci pour le rappel", "thanks for the rollback": a
		// thanks, whatever it thanks for (an order is not said so; "merci
		// de déployer" is, and is no thanks).
		if strings.Contains(l, "merci") || strings.Contains(l, " pour ") || strings.Contains(l, " a ") || strings.HasPrefix(l, "felicitations") {
			return deploybot.French, true
		}
		return deploybot.English, true
	}
	if ws := wordsOf(text); len(ws) >= 2 && len(ws) <= 6 && thanksWords.has(ws[len(ws)-1]) && !strings.ContainsAny(text, "?¿@") &&
		!r.namesTarget(p.words) && r.noVersion(p.raw) && !slices.ContainsFunc(ws, func(w string) bool {
		return isActionWord(w) || orderish(w) || notSmalltalk.has(w) || negationWords.has(w) || w == "no" || w == "not" || w == "pas" || hasFault([]string{w})
	}) {
		// "nice numbers 😎 thanks", "great figures thanks": a word on the
		// answer, then thanks.
		return r.lang(m), true
	}
	if farewellRe.MatchString(p.line) && !strings.Contains(text, "?") && !r.namesTarget(p.words) && r.noVersion(p.raw) &&
		!slices.ContainsFunc(p.words, isActionWord) && !slices.ContainsFunc(p.words, notSmalltalk.has) && !slices.ContainsFunc(p.words, orderish) {
		// "à+ tout le monde", "good night all, hugo has the pager": a
		// goodbye (it was not understood).
		return r.lang(m), true
	}
	if r.cheers(p) {
		// "🎉🎉🎉 on est en prod !!! bravo tout le monde", "bien joué
		// pour la démo 👏", "joyeux noël la team 🎄", "bienvenue Léa !!":
		// a celebration or a wish, whatever it names.
		return r.lang(m), true
	}
	if t := strings.Trim(text, " !."); len(t) == 2 && (strings.EqualFold(t, "a+") || t == "@+") { // not the whole message lower-cased
		return deploybot.French, true
	}
	if len(m.tokens) == 2 && (m.tokens[0].raw == "à" || m.tokens[0].norm == "a") && smalltalkFr.has(m.tokens[1].norm) {
		return deploybot.French, true // "à demain", "à lundi"
	}
	if len(m.tokens) == 0 {
		// Emoji only: a reaction ("👍", "🙏", "😂") is small talk; other
		// pictures ("🍕🍕🍕", "🦆", "🔥🔥🔥") say nothing the bot can
		// answer (every evaluation set's writer labelled them so).
		social := false
		for _, r := range text {
			switch {
			case r >= 0x1F3FB && r <= 0x1F3FF: // a skin tone, of the emoji before it
			case socialEmoji(r):
				social = true
			case r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF:
				return "", false
			}
		}
		if social {
			return deploybot.English, true
		}
		return "", false
	}
	head := false
	fr, en, others, content := 0, 0, 0, 0
	answered, answerRead := false, false // read once, not once an "oops" ("oops " x n read n² words)
	answer := func() bool {
		if !answerRead {
			answered = slices.ContainsFunc(p.words, func(v string) bool { return answerYes.has(v) || answerNo.has(v) || wrongWords.has(v) })
			answerRead = true
		}
		return answered
	}
	for i, t := range m.tokens {
		w := t.norm
		switch {
		case (w == "oops" || w == "oups") && answer():
			others++ // "yes oops", "oops wrong version" after a plan: a yes taken back, a mistake told; no apology
		case smalltalkHeads.has(w) || len(w) >= 5 && !r.t.vocab.known(w) && (nearSmalltalkHead(w) || len(m.tokens) == 1 && elongatedHead(w)):
			head = true // "mercii", "thansk"
		case smalltalkFr.has(w) || smalltalkEn.has(w):
		case smalltalkFillers.has(w):
			content--
		case personName(t.raw, w) && !r.namesSomething(w):
			others++ // "I'm Leo", "c'est Karim d'astreinte"
		case i > 0 && nameHeads.has(m.tokens[i-1].norm) && len(w) >= 3 && len(w) <= 12 && isLetters(w) && strings.ContainsAny(w, "aeiouy") &&
			!r.t.vocab.known(w) && !r.t.domain.has(w) && !r.namesSomething(w):
			others++ // a name typed without its capital after the thanks or the greeting: "merci marc"
		case r.namesSomething(w) || !r.t.vocab.known(w) && !r.t.domain.has(w):
			return "", false // an order, a question, a name, or no word at all ("qsdfqsdf")
		default:
			others++
		}
		content++
		if englishOnly.has(w) {
			en++
		} else if smalltalkFr.has(w) && !smalltalkEn.has(w) {
			fr++
		}
	}
	if others > 0 && !(head && others <= smalltalkOthers && (len(m.tokens) <= 8 || others == 1 && len(m.tokens) <= 10)) {
		return "", false
	}
	if !head && !(content <= 4 && (containsWord(m, "va") && containsWord(m, "ca") || containsWord(m, "how") && containsWord(m, "you") ||
		containsWord(m, "who") && containsWord(m, "you") || containsWord(m, "qui") && containsWord(m, "toi") || containsWord(m, "bonne") || containsWord(m, "good"))) {
		return "", false
	}
	if en > fr {
		return deploybot.English, true
	}
	if fr > en || m.accents > 0 {
		return deploybot.French, true
	}
	return deploybot.English, true
}

// introRe is a newcomer's hello, in folded text: a greeting, the name,
// maybe the role.
var introRe = mustCompile(`^(?:bonjour|salut|hello|hi|hey|coucou|hello all|hi all|bonjour a tous|salut tout le monde)[ ,!]*(?:je suis|i m|im|moi c est|je m appelle|my name is)\s+([a-z]+)(?:[ ,]+(?:le |la |the |a |an |un |une )?(?:nouveau |nouvelle |new )?(?:stagiaire|intern|alternant|alternante|dev|developer|developpeur|developpeuse|designer|pm|po|freelance))?$`)

// notNames follow "I'm" without being a name: "hello, I'm blocked".
var notNames = setOf("blocked", "bloque", "bloquee", "stuck", "coince", "coincee", "late", "sorry", "desole", "desolee", "back", "here",
	"ready", "there", "done", "free", "dispo", "busy", "lost", "perdu", "perdue", "confused", "on", "off", "out", "in", "not", "pas",
	"trying", "going", "about", "looking", "working", "waiting", "deploying", "en", "sur", "toujours", "still")

// bedtimeRe says one goes (back) to bed or home, in folded text.
var bedtimeRe = mustCompile(`^(?:(?:ok|okay|cool|super|great|parfait|nice|thanks|thx|thank you|merci(?: beaucoup)?|top)[ ,]+)*(?:i m |im |je |on )?(?:going|heading|retourne|retourner|vais|file|rentre)\s+(?:back\s+)?(?:to\s+)?(?:sleep|bed|dormir|me coucher|nous coucher|se coucher|au lit|au dodo|dodo|home|a la maison)(?:\s+(?:now|all|guys|team|everyone|folks|bye|night|gn|maintenant|les gars|tout le monde|bonne nuit|a demain))*$`)

// ackRe is an acknowledgement said alone, in folded text.
var ackRe = mustCompile(`^(?:(?:ok|okay|ok ok|d accord|dac|super|parfait|perfect|great|cool|haha|ha ha|lol|ah|oh|bon|ben|bah)[ ,]+)*(?:got it|noted|understood|roger(?: that)?|compris|bien recu|c est note|entendu|ca marche|ok ca marche|note|fair enough|makes sense|that makes sense|ca se tient|logique|that s exactly what i needed|exactly what i needed|just what i needed|c est exactement ce qu il me fallait|c est exactement ce que je voulais)$`)

// cheers reports whether p is a celebration or a wish to the team: a word
// of one (cheerHeads, or a pair such as "bien joué", "well done", "joyeux
// noël") and no question, no order, no fault, no version, no negation
// and no word of the rules the bot keeps (a lock, a freeze, a window).
func (r *Router) cheers(p *parse) bool {
	if strings.Contains(p.raw, "?") || len(p.words) > 20 {
		return false
	}
	cheer := false
	for i, w := range p.words {
		next := ""
		if i+1 < len(p.words) {
			next = p.words[i+1]
		}
		switch {
		case cheerHeads.has(w):
			cheer = true
		case next != "" && cheerPairs.has(w+" "+next):
			cheer = true
		}
		if w == "deploybot" || w == "bot" {
			continue // "joyeux noël deploybot"
		}
		if isActionWord(w) && i > 0 && praiseAdjectives.has(p.words[i-1]) && cheer {
			continue // "good job everyone, smooth release today 🎉": the release praised, a noun
		}
		if isActionWord(w) || faultWords.has(w) || outageWords.has(w) || negationWords.has(w) || lockTalk.has(w) || pleaseWords.has(w) ||
			notSmalltalk.has(w) && !harmlessInCheers.has(w) {
			return false
		}
	}
	// A version is celebrated when it is said done: "wow, web 3.1.0 in
	// prod already!".
	return cheer && (r.noVersion(p.raw) || slices.ContainsFunc(p.words, cheeredDone.has))
}

// cheeredDone say a version celebrated is already out.
var cheeredDone = setOf("already", "deja", "enfin", "finally", "live", "done", "fini", "finie", "out", "passe", "passee")

// cheerHeads are the words of a celebration or a wish; cheerPairs the
// pairs that say one ("bien joué", "well done").
var (
	cheerHeads = setOf("bravo", "felicitations", "felicitation", "congrats", "congratulations", "kudos", "gg", "chapeau", "bienvenue",
		"welcome", "gm", "joyeux", "joyeuses", "merry", "wow", "youpi", "hourra", "hooray", "yay", "champagne", "enchante", "enchantee",
		"joke", "jokes", "blague", "blagues")
	// praiseAdjectives make the order word after them a noun praised: "smooth release", "belle MEP".
	praiseAdjectives = setOf("smooth", "nice", "great", "clean", "perfect", "belle", "super", "parfaite", "propre", "successful")
	cheerPairs       = setOf("bien joue", "bien vu", "well done", "good job", "great job", "nice job", "trop fort", "bonne annee",
		"happy holidays", "bonnes fetes", "happy new", "bonnes vacances", "bonne vacances", "annee prochaine", "enjoy your",
		"have fun", "bon weekend", "bon week-end", "bonne soiree", "nice weekend", "bon appetit", "bonne appetit")
	// harmlessInCheers are words of notSmalltalk a celebration may hold:
	// "enfin en prod, bravo", "encore bravo".
	harmlessInCheers = setOf("encore", "again", "mais", "but")
)

// noVersion reports whether text names no version.
func (r *Router) noVersion(text string) bool {
	m := normalize(text)
	s, _ := r.ix.extract(&m, r.t.vocab)
	return s.version == "" && s.badVersion == ""
}

// thanksThenSmalltalk reports whether text is a thanks for something
// followed by small talk: "merci pour le rollback, tu m'as sauvé la vie".
// skipped is how many thanks before text were read this way: after
// maxSkippedClauses of them ("merci, merci, …"), the rest after every
// thanks is read at once, not the rest after each in turn (each read the
// rest of the message again).
func (r *Router) thanksThenSmalltalk(text string, skipped int) bool {
	i, j, ok := clauseBreak(text)
	if !ok || !thanksClause(text[:i]) {
		return false
	}
	rest := strings.TrimSpace(text[j:])
	for skipped >= maxSkippedClauses {
		i, j, ok := clauseBreak(rest)
		if !ok || !thanksClause(rest[:i]) {
			break
		}
		rest = strings.TrimSpace(rest[j:])
	}
	if rest == "" {
		return true
	}
	if m := askSomeoneRe.FindStringSubmatch(commandLine(rest)); m != nil && !r.namesSomething(m[1]) && !strings.ContainsAny(rest, "?¿") {
		return true // "ok thanks, I'll ask alice then", "merci, je vais voir avec bob"
	}
	if dayChosenRe.MatchString(commandLine(rest)) && !strings.ContainsAny(rest, "?¿") {
		return true // "merci, je vise jeudi alors", "ok thanks, tuesday it is", "ok merci, je préviens le client"
	}
	q := &parse{r: r, raw: rest, m: normalize(rest), line: commandLine(rest), skipped: skipped + 1}
	_, ok = r.smalltalk(q)
	return ok
}

// thanksClause reports whether a clause thanks: "merci pour le rollback",
// "ok thanks".
func thanksClause(clause string) bool {
	return thanksForRe.MatchString(commandLine(clause)) || thanksBareRe.MatchString(commandLine(clause))
}

// dayChosenRe is what a thanks says the person will do after the bot's
// verdict, in folded words: wait for a day, aim for it, or tell the
// client.
var dayChosenRe = mustCompile(`^(?:(?:ok|bon|alors|so|then)\s+)*(?:(?:je|j|on|i ll|i will|we ll|we will|i m going to|je vais)\s+(?:verrai ca|verrai|vise|viserai|attendrai|attends|attend|attendra|attendrons|ferai|fera|ferons|le ferai|le fera|reviendrai|repasserai|wait for|wait until|wait till|wait|aim for|go for|do it|try|come back)\s+(?:(?:a|au|le|la|on|until|till|for|to)\s+)?` +
	`(?:lundi|mardi|mercredi|jeudi|vendredi|demain|monday|tuesday|wednesday|thursday|friday|tomorrow|la semaine prochaine|next week)(?:\s+(?:alors|then|prochain|prochaine|matin|apres-midi|morning|afternoon|next|instead|plutot|donc))*` +
	`|(?:lundi|mardi|mercredi|jeudi|vendredi|monday|tuesday|wednesday|thursday|friday|tomorrow|demain)\s+(?:it is|it s|then|alors|donc)` +
	`|(?:je|j|i ll|i will|we ll)\s+(?:previens|vais prevenir|tell|ll tell|let|inform|informe)\s+(?:le client|la cliente|the client|l equipe|the team|know the client))$`)

// thanksBareRe is a thanks alone, in folded words: "ok thanks", "merci
// beaucoup".
var thanksBareRe = mustCompile(`^(?:(?:ok|okay|oh|ah|super|great|cool|parfait|top|bon|ben|bah|nice|alors|d accord)\s+)*(?:merci(?:\s+beaucoup|\s+bien)?|thanks(?:\s+a\s+lot)?|thank\s+you(?:\s+so\s+much)?|thx|cheers)$`)

// askSomeoneRe is the person a thanks says it will ask instead, in
// folded words: "i ll ask alice then", "je vais voir avec bob".
var askSomeoneRe = mustCompile(`^(?:ok\s+)?(?:i ll|i will|i m gonna|i m going to|gonna|je vais|je|j vais)\s+(?:ask|check with|ping|talk to|demander a|demande a|voir avec|vois avec|en parler a|parler a)\s+([a-z]+)(?:\s+(?:then|alors|instead|plutot|directly|directement))?$`)

// namesSomething reports whether a word asks, orders or names a project,
// an environment or a version: no small talk holds it.
func (r *Router) namesSomething(w string) bool {
	if notSmalltalk.has(w) || isActionWord(w) || strings.ContainsAny(w, "0123456789") {
		return true
	}
	if _, ok := envWordOf(w); ok {
		return true
	}
	if _, ok := r.ix.envs[w]; ok {
		return true
	}
	_, ok := r.ix.names[w]
	return ok
}

func containsWord(m message, w string) bool {
	for _, t := range m.tokens {
		if t.norm == w {
			return true
		}
	}
	return false
}

// stopWords are the function words of both languages: they say nothing
// of what a message is about.
var stopWords = setOf("a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "is", "are", "was", "be", "do", "does",
	"did", "can", "could", "should", "would", "will", "i", "you", "we", "it", "its", "my", "our", "your", "this", "that", "what",
	"whats", "s", "how", "who", "why", "when", "where", "which", "and", "or", "but", "if", "so", "me", "us", "there", "here",
	"any", "some", "from", "by", "about", "le", "la", "les", "l", "un", "une", "de", "du", "des", "d", "et", "ou", "est", "c",
	"ce", "ca", "je", "tu", "il", "on", "nous", "vous", "qu", "que", "qui", "quoi", "quel", "quelle", "quels", "quelles",
	"comment", "pourquoi", "quand", "en", "au", "aux", "pour", "par", "sur", "dans", "avec", "pas", "ne", "n", "se", "sa", "son",
	"ses", "mon", "ma", "mes", "t", "j", "m", "y", "est-ce", "plus", "tres", "bien", "bon", "bonne", "fait", "faire", "va",
	"have", "has", "had", "not", "no", "yes", "oui", "non", "all", "just", "now", "then", "than", "also", "very", "much",
	"anyway", "right", "please", "stp", "svp", "merci", "near", "pres", "good", "new", "yesterday", "today", "hier")

// offTopicWords name the everyday subjects a deployment bot has nothing to
// say about: the weather, food, sports, films and music.
var offTopicWords = setOf("meteo", "weather", "pluie", "pleut", "pleuvoir", "rain", "raining", "soleil", "sunny", "neige",
	"snow", "pizza", "pizzas", "burger", "burgers", "sushi", "sushis", "kebab", "restaurant", "resto", "restau", "dejeuner",
	"lunch", "dinner", "cafe", "coffee", "biere", "beer", "cuisine", "recipe", "match", "foot", "football", "soccer", "rugby",
	"tennis", "basket", "basketball", "nba", "psg", "om", "ligue", "league", "film", "films", "movie", "movies", "serie",
	"series", "netflix", "musique", "music", "song", "chanson", "horoscope", "party", "apero", "afterwork",
	// the office's everyday life: its printer, canteen, parking, heating
	"printer", "printers", "imprimante", "imprimantes", "cantine", "canteen", "cafeteria", "cafet", "parking",
	"ascenseur", "elevator", "clim", "climatisation", "chauffage", "heating", "toilettes", "agrafeuse", "stapler",
	"photocopieuse", "photocopier", "badge", "anniversaire", "birthday", "gateau", "cake", "croissants",
	"tiramisu", "crepe", "crepes", "pate", "pates", "pasta", "cookie", "cookies", "dessert", "tarte", "quiche", "soupe",
	"salade", "omelette", "lasagnes", "cuisson", "four", "pancake", "pancakes", "cook", "cooking", "bake", "baking",
	"cuisiner", "flowers", "fleurs", "president", "capital", "capitale",
	// the season's office life and requests for verse
	"buche", "foie", "gras", "chocolat", "chocolats", "santa", "cadeau", "cadeaux", "gift", "gifts", "haiku", "haikus", "poeme",
	"poem", "poems", "poesie", "poetry", "limerick", "sonnet",
	// errands, parties, translations and the design of a page
	"blanquette", "sushi", "sushis", "livreur", "plants", "plantes", "anniv", "anniversaire", "birthday", "cotise", "cotiser",
	"cagnotte", "traduis", "traduire", "translate", "allemand", "german", "espagnol", "spanish",
	// the office's network and design files, and chatter: "quelqu'un a le
	// mot de passe du wifi ?", "the figma link", "blablabla test test"
	"wifi", "wi-fi", "figma", "blabla", "blablabla", "bla")

// strategyWords name a deployment strategy, never an everyday subject.
var strategyWords = setOf("canary", "blue-green", "rolling", "recreate")

// offTopic reports whether a message is about an everyday subject and
// names nothing of a deployment: no project, environment or version, no
// action verb.
func offTopic(m message, s slots) bool {
	if s.app != "" || s.version != "" || s.env != "" && !onlyRecette(m) {
		return false
	}
	off, design, fault := false, false, false
	for i, t := range m.tokens {
		w := t.norm
		if isActionWord(w) && !strings.HasPrefix(w, "go") || strategyWords.has(w) { // "good", "google"
			return false // "how long should the canary bake before 100%?"
		}
		fault = fault || faultWords.has(w)
		design = design || w == "logo" || w == "font" || w == "police" || w == "couleur" || w == "colour" || w == "color"
		next := ""
		if i+1 < len(m.tokens) {
			next = m.tokens[i+1].norm
		}
		// "quel temps fait-il", "il fait quel temps", "what time is it",
		// "quelle heure est-il".
		if offTopicWords.has(w) && !(w == "four" && (next == "eyes" || next == "eye")) || w == "temps" && (i > 0 && m.tokens[i-1].norm == "quel" || strings.HasPrefix(next, "fait")) ||
			(w == "time" || w == "heure") && i > 0 && (m.tokens[i-1].norm == "what" || m.tokens[i-1].norm == "quelle") &&
				(next == "is" || next == "est-il" || next == "est") {
			off = true
		}
	}
	// The design of a page is no deployment's business ("the client wants
	// the logo bigger"), unless something is broken ("the logo is broken").
	return off || design && !fault
}

// onlyRecette reports whether the only environment word of m is
// "recette", which is also a recipe ("la recette du tiramisu").
func onlyRecette(m message) bool {
	seen := false
	for _, t := range m.tokens {
		if _, ok := envWordOf(t.norm); ok {
			if t.norm != "recette" {
				return false
			}
			seen = true
		}
	}
	return seen
}

// notUnderstood reports whether a message holds nothing the bot knows:
// no project, environment or version, and no word of the deployment
// domain, or far more unknown words than known ones.
func (r *Router) notUnderstood(m message, s slots, words []string) bool {
	if len(m.tokens) == 0 || micCheck(m.tokens) {
		return true
	}
	known, unknown := 0, 0
	for _, t := range m.tokens {
		w := t.norm
		if stopWords.has(w) || len(w) < 2 {
			continue
		}
		if _, slot := envWordOf(w); slot {
			continue
		}
		switch {
		case coreWords.has(w) || isActionWord(w) && strings.Contains(w, "-"):
			known += 2 // "why can't we deploy on fridays, seems kinda arbitrary", "mets-la en recette"
		case r.t.domain.has(w) || r.t.vocab.known(w) && !isLetters(w):
			known++
		case r.t.vocab.known(w):
			// an ordinary word of the corpus: neither sign
		case isLetters(w) && len(w) >= 3:
			unknown++
			if randomLetters(w) {
				unknown++ // "sdkfj", "gfh": typed at random, not a word
			}
		}
	}
	slotsFound := 0
	if s.app != "" {
		slotsFound++
	}
	if s.version != "" {
		slotsFound++
	}
	envOnly := s.env != "" && slotsFound == 0
	if s.env != "" {
		slotsFound++
	}
	switch {
	case slotsFound == 0:
		return known == 0 || 2*known <= unknown
	case envOnly:
		return known == 0 && unknown >= 2
	}
	return false
}

// afterRollVerb are the words of a verb of going back after its first:
// "roll back", "revenir en arrière sur", "go back on".
var afterRollVerb = setOf("back", "en", "arriere", "sur", "on", "of", "for", "pour")

// actionNames names what an action writes where a project or an
// environment belongs that the configuration does not know: "deploy foo
// v1 to staging" names foo, "to qa" names qa.
func (r *Router) actionNames(req *deploybot.Request, m message, s slots) {
	toks := m.tokens
	if s.app == "" {
		for i, t := range toks {
			if !isActionWord(t.norm) {
				continue
			}
			j := i + 1
			for j < len(toks) && (articles.has(toks[j].norm) || toks[j].norm == "du" || toks[j].norm == "de" || toks[j].norm == "project" || toks[j].norm == "projet" ||
				afterRollVerb.has(toks[j].norm)) {
				j++ // "roll back webb demo", "reviens en arrière sur webb": the verb's own words
			}
			if j < len(toks) && r.unknownName(toks[j].norm) {
				req.UnknownApp = toks[j].raw
			}
			break
		}
	}
	if s.app == "" && req.UnknownApp == "" {
		// "shop staging deploy pls", "blog en prod stp", "put shop on
		// staging": a name right before an environment is where a
		// project goes (the project of an earlier message was taken).
		for i, t := range toks {
			if !r.unknownName(t.norm) && !r.unknownCompoundName(t.raw) {
				continue
			}
			j := i + 1
			for j < len(toks) && (articles.has(toks[j].norm) || beforeEnvWords.has(toks[j].norm)) {
				j++
			}
			if j < len(toks) && j-i <= 3 {
				if _, env := envWordOf(toks[j].norm); env {
					req.UnknownApp = t.raw
					break
				}
			}
		}
	}
	if s.env == "" {
		for i := 0; i+1 < len(toks); i++ {
			if !targetWords.has(toks[i].norm) || toks[i].norm == "a" || toks[i].norm == "back" || i > 0 && phrasalIn.has(toks[i-1].norm) {
				continue // not "users can't log in anymore": the verb's own "in"
			}
			w := toks[i+1].norm
			if len(w) >= 2 && len(w) <= 12 && r.envName(w) && (i+2 == len(toks) || politeWords.has(toks[i+2].norm)) &&
				!(idiomEnds.has(w) && req.Intent.Intent == deploybot.IntentRollback) {
				// Not "rollback du back stp, ça part en vrille": an idiom,
				// no environment of the rollback (it was refused for
				// "vrille"); a deploy "to sleep" or "en pause" is still
				// refused for its environment, no order being meant.
				req.UnknownEnv = toks[i+1].raw
				req.Env = toks[i+1].norm
				if req.Intent.Intent == deploybot.IntentDeploy {
					req.Route = deploybot.RouteStaging
				}
			}
		}
	}
}

// micCheck reports whether tokens only try the bot out: "test", "test
// 123", "testing 1 2 3", "test test", "essai" (a test of the bot, not of
// a build: they got the smoke tests' card).
func micCheck(tokens []token) bool {
	test := false
	for _, t := range tokens {
		switch w := t.norm; {
		case w == "test" || w == "testing" || w == "essai" || w == "essais":
			test = true
		case isNumber(w) && len(w) <= 3, w == "un" || w == "deux" || w == "trois" || w == "one" || w == "two" || w == "three":
		default:
			return false
		}
	}
	return test
}

// idiomEnds end a phrase after "en", "to" or "à" that names no
// environment: "ça part en vrille", "going back to sleep", "en panne".
var idiomEnds = setOf("vrille", "sleep", "bed", "panne", "rade", "vacances", "pause", "lunch", "dormir", "home", "work", "cours",
	"retard", "urgence", "feu", "sucette", "carafe", "attente", "normal", "noon", "midi", "maison", "conge", "conges", "holiday",
	"anymore", "again", "time", "place", "advance", "general", "particular", "fact", "progress")

// phrasalIn are verbs whose "in" or "on" is their own, no target: "log
// in", "sign in", "check in", "log on".
var phrasalIn = setOf("log", "logs", "logged", "login", "sign", "signs", "signed", "check", "checked", "checks", "plug", "plugged",
	"turn", "turned", "hold", "come", "comes", "came", "go", "goes", "went", "carry", "carried", "keep", "kept", "get", "got")

// beforeEnvWords stand between a project and its environment: "shop to
// staging", "blog en prod".
var beforeEnvWords = setOf("to", "on", "in", "into", "en", "sur", "vers", "dans", "a")

// thatOneApproved approve the one deployment a list offered, in
// commandLine's words; waitingListRe is the title of that list, folded.
var (
	thatOneApproved = setOf("j approuve celui-la", "j approuve celle-la", "approuve celui-la", "approuve celle-la", "je valide celui-la",
		"valide celui-la", "i approve that one", "i approve this one", "ok j approuve celui-la", "oui j approuve celui-la")
	waitingListRe = mustCompile(`^(?:waiting for approval|en attente d'approbation)\s*\n`)
	// pendingItemRe is one item of that list, folded: its id, what it
	// deploys and who asked.
	pendingItemRe = mustCompile(`^#\d+\s?: (?:deploiement|deployment|deploy|rollback) [a-z0-9_-]+ \S+ → [a-z0-9_-]+ \([\w.@-]+\)$`)
)

// pendingListOfOne reports whether a bot turn is the list of deployments
// waiting for an approval with exactly one item, nothing else.
func pendingListOfOne(turn string) bool {
	t := fold(strings.TrimSpace(turn))
	if !waitingListRe.MatchString(t + "\n") {
		return false
	}
	items := 0
	for _, l := range strings.Split(t, "\n")[1:] {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if !pendingItemRe.MatchString(l) {
			return false
		}
		items++
	}
	return items == 1
}

// projectThenApology returns the project an answer to "Which project?"
// names first when the rest only apologises or takes back the name the
// bot did not know: "web, sorry, not shop", "le site pardon, pas shop",
// "api — my bad". Not "web, not api", "web, sorry, or api?".
func (r *Router) projectThenApology(cur, prev deploybot.Request, asked botTurn) (string, bool) {
	if asked.asks != "project" || prev.Kind != deploybot.KindAction || cur.Kind == deploybot.KindAction {
		return "", false
	}
	head, ok := answerThenApology(cur.Text, asked.text)
	if !ok {
		return "", false
	}
	named := 0
	for _, w := range wordsOf(head) {
		if _, ok := r.project(w); ok && !stopWords.has(w) {
			named++
		} else if w != "le" && w != "la" && w != "l" && w != "the" {
			return "", false
		}
	}
	return head, named == 1
}

// answerThenApology returns the first clause of text when the clauses
// after it only apologise, maybe taking back the name the bot's question
// said it did not know ("…, sorry, not shop"): the apology is no
// correction of the answer.
func answerThenApology(text, asked string) (string, bool) {
	if strings.ContainsAny(text, "?¿@\"«»`>~") {
		return "", false
	}
	i, j, ok := clauseBreak(text)
	if !ok || i == 0 {
		return "", false
	}
	unknown := ""
	if m := unknownQuotedRe.FindStringSubmatch(asked); m != nil {
		unknown = fold(m[1])
	}
	apology := false
	ws := wordsOf(text[j:])
	for k := 0; k < len(ws); k++ {
		switch w := ws[k]; {
		case apologyWords.has(w):
			apology = true
		case (w == "not" || w == "pas") && unknown != "" && k+1 < len(ws) && ws[k+1] == unknown:
			k++ // "not shop", "pas shop"
		case w == "my" && k+1 < len(ws) && ws[k+1] == "bad":
			apology = true
			k++
		default:
			return "", false
		}
	}
	return strings.TrimSpace(text[:i]), apology
}

// apologyWords say sorry for a slip.
var apologyWords = setOf("sorry", "pardon", "desole", "desolee", "oops", "oups", "typo", "bad", "dsl", "sry")

// unknownQuotedRe is the name the bot says it does not know, in quotes.
var unknownQuotedRe = mustCompile(`(?:no project|know no project|connais pas de projet|aucun projet)\s+["«“]\s*([^"»”\s]+)\s*["»”]`)

// unknownProjectAnswer returns the name an answer to the bot's "Which
// project?" gives when it is one word the configuration does not know,
// after interjections and an article: "shop", "euh le shop", "the crm
// project". Not a sentence, a question, an ordinary word or a slot.
func (r *Router) unknownProjectAnswer(cur, prev deploybot.Request, asked botTurn) (string, bool) {
	if asked.asks != "project" || prev.Kind != deploybot.KindAction || prev.App != "" || cur.Kind == deploybot.KindAction ||
		cur.Kind == deploybot.KindCommand || strings.ContainsAny(cur.Text, "?¿@\"«»`>~") {
		return "", false
	}
	name := ""
	for _, t := range strings.Fields(cur.Text) {
		w := fold(strings.Trim(t, ",.;:!"))
		switch {
		case w == "" || interjections.has(w) || w == "le" || w == "la" || w == "l" || w == "the" || w == "projet" || w == "project":
		case name == "":
			name = strings.Trim(t, ",.;:!")
		default:
			return "", false
		}
	}
	if w := fold(name); name == "" || !r.unknownName(w) || anywhereHedges.has(w) || unsureAnswerWords.has(w) || notNameAnswers.has(w) ||
		noWords.has(w) || yesWords.has(w) || answerNo.has(w) || thanksWords.has(w) || commandVerb(w) || !nameLike(w) || strings.ContainsAny(w, "-'") ||
		r.nearKnownName(w) {
		return "", false
	}
	return name, true
}

// nearKnownName reports whether w is a slip of a project's name or alias
// ("wbe", "aip", "bakend", "ewb", "webs"): those are the parser's to read
// (its near misses, the bot's "Did you mean…?"), never a project unknown.
func (r *Router) nearKnownName(w string) bool {
	if _, ok := r.nearProject(w); ok {
		return true
	}
	for _, k := range r.ix.keys {
		if distance(w, k) <= 2 || len(w) == len(k) && sameLetters(w, k) || strings.HasPrefix(w, k) || strings.HasPrefix(k, w) {
			return true
		}
	}
	return false
}

// notNameAnswers are answers to "Which project?" that name none: a no, a
// pause, a goodbye, an apology, indifference, both or the other one, not
// knowing, a curse (an attack found them read as unknown projects).
var notNameAnswers = setOf("nan", "nein", "negatif", "negative", "jamais", "never", "nvm", "none", "nothing", "rien", "aucun", "aucune",
	"cancelled", "canceled", "fini", "finished", "stopp", "pause", "attendez", "attends", "plustard", "bientot", "soon", "bye", "ciao", "brb",
	"afk", "sorry", "pardon", "desole", "whatever", "random", "nimporte", "osef", "tkt", "meh", "zut", "merde", "putain", "dommage", "flemme",
	"both", "lesdeux", "chacun", "pareil", "idem", "other", "autre", "lautre", "mien", "tien", "usual", "chepa", "chaipa", "jsais", "nsp",
	"tbd", "peutetre", "hein", "toi", "moi", "me", "you", "kk", "vasy", "mauvais", "wrong", "typo", "oups", "oops", "quoi", "what", "hello",
	"salut", "bonjour", "hi", "hey", "coucou", "help", "aide", "stop", "later", "tard", "demain", "tomorrow", "tous", "all", "everything",
	"tout", "any", "anything", "dunno", "idk", "jsp", "lequel", "laquelle", "which", "non", "no", "nope", "arrete", "arretons", "stoppe",
	"stoppons", "abandonne", "abandonnons", "abandon", "oublions", "laissons", "quit", "exit", "halt", "veto", "niet", "nada", "pass",
	"mouais", "vraiment", "certainement", "evidemment", "voila", "exact", "tantpis", "desolee", "chais", "chaispas", "aucuneidee", "balek",
	"heu", "beh", "boh", "ouf", "umm", "uh", "huh", "eh", "ugh", "bruh", "oki", "okidoki", "dacodac", "yas", "ui", "wesh", "either",
	"neither", "whichever", "another", "mine", "yours", "truc", "machin", "bidule", "chose", "celui", "ceci", "foo", "asdf", "bar", "test")

// nameLike reports whether a folded word could be a project's name rather
// than keys struck at random ("qsdfgh"; "azerty" is a name): a vowel or
// an acronym's three letters ("crm"), and never four consonants in a row.
func nameLike(w string) bool {
	vowels, run := 0, 0
	for _, c := range w {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			vowels++
			run = 0
		default:
			if run++; run >= 4 {
				return false
			}
		}
	}
	return vowels > 0 || len(w) <= 3
}

// unknownName reports whether w may be a name the configuration does not
// know: letters, no ordinary word, no slot, no filler.
func (r *Router) unknownName(w string) bool {
	if !isLetters(w) || len(w) < 2 || r.t.vocab.known(w) || notVersionWords.has(w) || stopWords.has(w) {
		return false
	}
	if r.slotWord(w) {
		return false
	}
	return !isActionWord(w)
}

// envName reports whether w, written where an environment belongs, may
// name one the configuration does not know ("qa", "uat", "demo"): short
// letters, no filler, no project, no environment word.
func (r *Router) envName(w string) bool {
	if base := strings.TrimRight(w, "0123456789-_"); base != w && len(base) >= 2 {
		// "staging2", "prod-2": an environment's word numbered, which no
		// project has; it was read as no environment at all, and taken
		// from the plan before it (production).
		_, env := envWordOf(base)
		return env
	}
	if !isLetters(w) || notVersionWords.has(w) || stopWords.has(w) || isActionWord(w) || len(w) > 8 {
		return false
	}
	if r.slotWord(w) {
		return false
	}
	return len(w) <= 5 || !r.t.vocab.known(w)
}

// slotWord reports whether w is an environment's word or a project's
// name: the slots' word list refuses most words before the two maps
// (their look-ups were 1.5 % of route --jsonl's CPU, issue 19).
func (r *Router) slotWord(w string) bool {
	if !r.ix.slotWords.has(w) {
		return false
	}
	if _, ok := envWordOf(w); ok {
		return true
	}
	_, ok := r.ix.names[w]
	return ok
}

// promotion reads "promote shop to production", "ship what is on staging
// to prod", "passe en prod ce qui est en staging": a production deploy of
// the version that runs on the source environment (staging unless named).
func (r *Router) promotion(req *deploybot.Request, p *parse, s slots, words []string) bool {
	m := p.m
	promo, promoNoun, how, same := false, false, false, false
	var envs []string
	source, implied := "", ""
	// What the rules below ask of the whole message is read once, not once
	// an environment's word: "qa " or "demo's " 4,000 times read the
	// message 4,000 times (lazy: most messages ask none of it).
	var tw []string // the tokens' words
	teamAt := func(i int) bool {
		if tw == nil {
			tw = tokenWords(m)
		}
		return teamSubject(tw, i)
	}
	imperative, imperativeRead := false, false
	imperativeLine := func() bool {
		if !imperativeRead {
			imperative, imperativeRead = imperativeOf(p.line) != "", true
		}
		return imperative
	}
	oneProject, oneProjectRead := false, false
	atMostOneProject := func() bool {
		if !oneProjectRead {
			oneProject, oneProjectRead = r.projectsNamed(words) <= 1, true
		}
		return oneProject
	}
	lastTarget, lastEnv := -2, -2 // read once: the last token that introduces an environment as a target, the last environment's word
	targetAfter := func(i int) bool {
		if lastTarget == -2 {
			lastTarget = lastTargetAt(m)
		}
		return lastTarget > i
	}
	envAfter := func(i int) bool {
		if lastEnv == -2 {
			lastEnv = lastEnvAt(m)
		}
		return lastEnv > i
	}
	for i, t := range m.tokens {
		w := t.norm
		if strings.HasPrefix(w, "promot") || strings.HasPrefix(w, "promeu") || strings.HasPrefix(w, "promou") || w == "promu" || w == "promue" {
			// Not "promo": in French a sale ("les prix promo s'affichent
			// à 0€ en prod" promoted staging's build instead of going back).
			promo = true
			promoNoun = promoNoun || w == "promotion" || w == "promotions"
			if i > 0 && subordinators.has(m.tokens[i-1].norm) ||
				i > 1 && subordinators.has(m.tokens[i-2].norm) && promoSubjects.has(m.tokens[i-1].norm) {
				// "what should QA check on staging before we promote
				// anything": the promotion is the moment of another thing,
				// no order (it planned one to qa).
				return false
			}
		}
		// "push that same build to live", "la même version en prod", "la
		// version actuellement en préprod": the version that is there.
		same = same || sameWords.has(w)
		if e, ok := impliedEnvOf(w); ok && implied == "" {
			implied = e // "MEP": production
		}
		switch w {
		case "how", "comment", "why", "pourquoi", "should", "faut-il", "when", "quand", "combien", "longtemps", "delai", "duree":
			how = true // "combien de temps on laisse tourner une version en staging avant de la promouvoir ?"
		case "qu", "what", "whats", "which", "quel", "quelle", "quels", "quelles":
			how = how || i == 0 // "qu'est-ce qui doit être validé en préprod avant qu'on passe en prod ?"
		}
		if slices.Contains(s.notTarget, i) {
			continue // "deploy api to staging, not prod" promotes nothing
		}
		e, ok := envWordOf(w)
		if !ok {
			// An environment the configuration adds ("promote api from
			// staging to uat").
			if e, ok = r.ix.envs[w]; !ok || teamAt(i) {
				continue
			}
		}
		envs = append(envs, e)
		prev := ""
		if i > 0 {
			prev = m.tokens[i-1].norm
		}
		if sourceWords.has(prev) || sameWords.has(prev) || prev == "de" && !m.question && targetAfter(i) || validatedAfter(m, i) || (prev == "on" || prev == "in" || prev == "en" || prev == "sur") && i > 1 && sourceVerbs.has(m.tokens[i-2].norm) ||
			prev == "on" && i > 1 && (m.tokens[i-2].norm == "s" || m.tokens[i-2].norm == "is") ||
			prev == "en" && i > 2 && m.tokens[i-2].norm == "est" && m.tokens[i-3].norm == "qui" || (prev == "the" || prev == "s" && (imperativeLine() || len(words) > 0 && takeVerbs.has(words[0])) && atMostOneProject()) && i+1 < len(m.tokens) && (m.tokens[i+1].norm == "build" || buildNouns.has(m.tokens[i+1].norm)) ||
			prev == "la" && i > 1 && m.tokens[i-2].norm == "de" || (prev == "en" || prev == "sur" || prev == "on" || prev == "in") && relativeBefore(m, i-1) ||
			!how && (prev == "en" || prev == "sur" || prev == "on" || prev == "in") && i > 1 && buildNouns.has(m.tokens[i-2].norm) && (envAfter(i) || !shippedBuild(m, i-2)) {
			// "la version en préprod d'api est validée, envoie-la en prod"
			if source == "" {
				source = e // the first: "même version qu'en recette, mais en prod"
			}
		}
	}
	if implied != "" && len(envs) > 0 && !slices.Contains(envs, implied) {
		envs = append(envs, implied) // "MEP de l'api avec la version actuellement en préprod"
	}
	both := false
	for _, e := range envs {
		if e != envs[0] {
			both = true
		}
	}
	if how && (m.question || len(m.tokens) > 0 && howOpeners.has(m.tokens[0].norm)) || s.negated {
		return false // "comment je vérifie mon build en staging avant la mise en prod"
	}
	if copiesData(words) || slices.ContainsFunc(words, notShipping.has) && len(envs) > 1 {
		return false // "copie la base de prod vers staging", "clone prod to staging", "switch prod to staging": data or traffic, no build
	}
	if !promo && slices.ContainsFunc(words, func(w string) bool { return w != "back" && hasRollbackStem([]string{w}) }) {
		return false // "rollback api prod to monday's version on staging": going back, never staging's build shipped
	}
	if !promo && m.question && !hasActionWord(m) {
		// "faut anonymiser les données qu'on copie de la prod vers la
		// recette ?": two environments in a question, nothing to ship.
		return false
	}
	if m.question && promoNoun && !r.promotionNamedOnly(words) && !requestAsked(p.raw) {
		// "smoke tests are red on staging, does that block the
		// promotion?", "promotion to prod now? or later?": talked about,
		// none asked for; a question, never the model's deploy.
		req.Kind, req.Intent.Intent = deploybot.KindQuestion, deploybot.IntentQuestion
		req.App, req.Env, req.Version, req.From = "", "", "", ""
		return true
	}
	if m.question && !promo && !requestAsked(p.raw) && !slices.ContainsFunc(words, secondPerson.has) {
		return false // "on fait la MEP de ce qui est validé en recette ?", not "… tu la passes en prod ?"
	}
	switch {
	case promo:
	case both && source != "" && s.version == "" && (hasActionWord(m) || !slices.ContainsFunc(words, guideNouns.has)):
		// not "qa checklist for validating a build on staging before
		// prod": a guide asked for, nothing shipped.
	case both && same && s.version == "" && (hasActionWord(m) || goesOpens(words) && !laterMoment(p.raw) && !hasMoment(p.raw) && r.projectsNamed(words) <= 1 &&
		!slices.ContainsFunc(words, func(w string) bool {
			return verdictDoubts.has(w) || anywhereHedges.has(w) || w == "toujours" || w == "always" || w == "normalement"
		})) && !m.question:
		// "on part en prod avec la même version que la recette": going
		// there with the same version is shipping it.
	case both && s.version == "" && !m.question && slices.ContainsFunc(words, copyVerbs.has):
		// "copie la version du staging de l'api vers la prod": the build
		// copied from one environment to the other (it rolled back
		// staging); not "copie la base de prod vers staging", data.
	case both && req.Intent.Intent == deploybot.IntentDeploy && s.version == "" && len(envs) == 2 && (source != "" || slices.Contains(envs, deploybot.EnvStaging)):
		// Two environments named with a deploy's words: staging's build
		// shipped to the other. Not "prod, QA signed off" (QA the team):
		// neither is staging, and it deployed to qa what staging ran.
	default:
		return false
	}
	from := deploybot.EnvStaging
	if source != "" {
		from = source
	} else if promo && len(envs) == 2 && envs[0] != envs[1] && !slices.Contains(envs, deploybot.EnvStaging) {
		from = envs[0] // "promote qa to prod": the first named is shipped (it promoted staging's build)
	} else if len(envs) == 2 && envs[0] != envs[1] && envs[1] == deploybot.EnvStaging && objectThenTarget(m, func(w string) bool { _, ok := r.project(w); return ok }) {
		from = envs[0] // "passe la prod en staging": production's build to staging (it promoted staging's to production)
	}
	to := deploybot.EnvProduction
	for _, e := range envs {
		if e != from {
			to = e
		}
	}
	req.Kind = deploybot.KindAction
	req.Intent.Intent, req.Intent.Route = deploybot.IntentDeploy, r.deployRoute(to)
	req.App, req.Env, req.From, req.Version = s.app, to, from, ""
	req.Confidence = max(req.Confidence, 0.8)
	if s.app == "" {
		r.actionNames(req, m, s)
		req.UnknownEnv = ""
		req.Env = to
	}
	return true
}

// promotionNamedOnly reports whether a message that names a promotion
// says nothing else than what it promotes, where and please: "promotion
// of web from staging to production please?", "promotion du site en prod
// stp ?" ask for one; "the promotion to prod was cancelled, right?", "la
// promotion en prod bloque-t-elle le gel ?" talk about one.
func (r *Router) promotionNamedOnly(words []string) bool {
	named := false
	for _, w := range words {
		switch {
		case envWord(w) || strings.HasPrefix(w, "__"):
			named = true
		case promotionNouns.has(w) || promotionFillers.has(w) || pleaseWords.has(w):
		default:
			if _, ok := r.project(w); !ok {
				return false
			}
			named = true
		}
	}
	return named // not "the promotion?" alone
}

// promotionNouns and promotionFillers make up a promotion asked for by
// its noun.
var (
	promotionNouns   = setOf("promotion", "promotions", "promo")
	promotionFillers = setOf("the", "a", "of", "from", "to", "on", "la", "le", "l", "de", "du", "des", "d", "en", "vers", "sur", "now",
		"maintenant", "asap", "ok", "go", "for", "pour")
)

// notShipping are verbs that move data or traffic between environments,
// never a build.
var notShipping = setOf("clone", "cloner", "sync", "synchronise", "synchroniser", "mirror", "redirect", "redirige")

// objectThenTarget reports whether m names its first environment as
// what is moved (after an article or a verb: "passe la prod", "promote
// prod", "copy prod") and its last as where it goes ("en staging", "to
// staging"); not "deploy api to prod since staging went fine", "pousse
// l'api en prod avec la version actuellement en recette".
func objectThenTarget(m message, isProject func(string) bool) bool {
	first, last := -1, lastEnvAt(m)
	for j, t := range m.tokens {
		if _, env := envWordOf(t.norm); env {
			first = j
			break
		}
	}
	if first < 1 || last <= first+1 {
		return false
	}
	before := m.tokens[first-1].norm
	if before != "la" && before != "le" && before != "l" && before != "the" && !isActionWord(before) && !copyVerbs.has(before) &&
		!strings.HasPrefix(before, "promo") && before != "passe" && !isProject(before) {
		return false // ("promote api prod to staging": after the project)
	}
	switch m.tokens[last-1].norm {
	case "en", "to", "vers", "into", "in", "sur", "on":
		return true
	}
	return false
}

// shippedBuild reports whether the build noun at k, said to be in an
// environment, is the object of a verb of shipping just before it (the
// caller checks that no other environment follows): "on envoie la même
// version en prod" sends it there (production was read as where the
// version comes from, and staging planned from production); "la version
// en préprod est validée" names where it is, and so does "deploy the
// build on prod to staging".
func shippedBuild(m message, k int) bool {
	for j := k - 1; j >= max(0, k-4); j-- {
		if _, env := envWordOf(m.tokens[j].norm); env {
			return false // "envoie en recette la version en prod": the verb's target is before
		}
		if isActionWord(m.tokens[j].norm) {
			return true
		}
	}
	return false
}

// diffShipped reports whether a deploy after a diff ships one of the
// versions the bot's reply compared ("ok ship 5.4.2 to prod" after "web:
// staging 5.4.2 ↔ production 5.4.0"): a rollback, or another version,
// is no sequel of the diff (the bot asks which project).
func diffShipped(cur, diff deploybot.Request, asked botTurn) bool {
	if cur.Intent.Intent != deploybot.IntentDeploy || cur.Version == "" {
		return false
	}
	compared := func(w string) bool { return sameVersion(w, cur.Version) }
	if slices.ContainsFunc(strings.Fields(fold(asked.text)), compared) || slices.ContainsFunc(strings.Fields(fold(diff.Text)), compared) {
		return true
	}
	// "ok let's ship 2.9.0 to staging then" after "diff web" and "Same
	// version on both sides": a new version of the project compared, said
	// as the sequel of the comparison.
	ws := wordsOf(cur.Text)
	return len(ws) > 0 && !strings.ContainsAny(cur.Text, "?¿") && (ws[len(ws)-1] == "then" || ws[len(ws)-1] == "alors" || ws[len(ws)-1] == "donc") && noDiffRe.MatchString(fold(asked.text))
}

// noDiffRe is the bot's diff that found the same version on both sides,
// in folded text.
var noDiffRe = mustCompile(`same version on both sides|meme version des deux cotes`)

// copyVerbs copy a build from one environment to another.
var copyVerbs = setOf("copie", "copier", "copy", "duplique", "dupliquer", "duplicate", "clone", "cloner", "recopie", "mirror")

// copiesData reports whether words copy data, not a build: "copie la
// base de prod vers staging", "copy prod data to staging".
func copiesData(words []string) bool {
	return slices.ContainsFunc(words, copyVerbs.has) && slices.ContainsFunc(words, func(w string) bool {
		return dataWords.has(w) || copiedData.has(w)
	})
}

// copiedData are the words of data copied between environments.
var copiedData = setOf("data", "donnees", "donnee", "dump", "dumps", "backup", "backups", "snapshot", "snapshots", "fixtures", "seed", "bdd",
	"config", "configuration", "secrets", "secret", "vars", "variables", "nginx", "settings", "parametres")

// guideNouns name what a question asks to be shown, not shipped.
var guideNouns = setOf("checklist", "check-list", "checklists", "procedure", "process", "processus", "guide", "steps", "etapes",
	"validating", "valider", "validation", "tests", "test", "template", "doc", "docs", "documentation")

// validatedAfter reports whether the environment at token i is said to be
// validated: "la recette est validée", "staging is green", "preprod ok".
func validatedAfter(m message, i int) bool {
	j := i + 1
	if j < len(m.tokens) && (m.tokens[j].norm == "est" || m.tokens[j].norm == "is" || m.tokens[j].norm == "looks" || m.tokens[j].norm == "s") {
		j++
	}
	return j < len(m.tokens) && j > i+1 && sourceVerbs.has(m.tokens[j].norm)
}

// lastTargetAt returns the last token of m that introduces an
// environment as a target ("à", "en", "vers", "to"), or -1: one after
// token i makes the environment at i a source ("passe api de staging à
// production" ships from staging).
func lastTargetAt(m message) int {
	for j := len(m.tokens) - 2; j >= 0; j-- {
		switch m.tokens[j].norm {
		case "a", "en", "vers", "to", "sur":
			if _, ok := envWordOf(m.tokens[j+1].norm); ok {
				return j
			}
		}
	}
	return -1
}

// lastEnvAt returns the last token of m that names an environment, or -1.
func lastEnvAt(m message) int {
	for j := len(m.tokens) - 1; j >= 0; j-- {
		if _, env := envWordOf(m.tokens[j].norm); env {
			return j
		}
	}
	return -1
}

// sameWords say the version shipped is the one already somewhere:
// "that same build", "la même version", "currently in preprod".
// goesWords say going to an environment: "on part en prod", "let's go
// live".
var goesWords = setOf("part", "partir", "partons", "go", "pousse", "poussons", "pousser")

// takeVerbs open an order to take a build somewhere: "take the front's
// staging build and put it live".
var takeVerbs = setOf("take", "grab", "prends", "prenez", "recupere", "ship", "push", "send", "envoie", "pousse")

// goesOpens reports whether words open with going there said by "on" or
// as an order: "on part en prod", "partons", "go"; not "bob part en prod".
func goesOpens(words []string) bool {
	i := 0
	for i < len(words) && (words[i] == "ok" || words[i] == "bon" || words[i] == "alors" || words[i] == "du" || words[i] == "coup" || words[i] == "so") {
		i++
	}
	if i < len(words) && words[i] == "on" {
		i++
	}
	return i < len(words) && goesWords.has(words[i])
}

var sameWords = setOf("same", "meme", "memes", "identique", "currently", "actuellement")

// sourceVerbs before an environment make it where the version was
// checked: "validated on staging", "validée en recette", "signed off on
// staging", "tested in preprod".
var sourceVerbs = setOf("validated", "valide", "validee", "off", "tested", "teste", "testee", "ok", "good", "green", "verte", "vert",
	"approved", "recettee")

// firstEnvOf returns the first environment words name, or "".
func firstEnvOf(words []string) string {
	for _, w := range words {
		if e, ok := envWordOf(w); ok {
			return e
		}
	}
	return ""
}

// sourceNamed reports whether words ship the version an environment runs
// rather than one already named: "promote what's on staging", "the same
// build as preprod", "ce qui est en recette", "la version de staging".
func sourceNamed(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool {
		switch w {
		case "what", "whats", "whatever", "qui", "que", "ce", "ca", "that", "this", "whichever", "tout", "one", "celle", "celui", "from",
			"depuis", "other", "autre", "newer", "older":
			return true
		}
		return sameWords.has(w) || buildNouns.has(w) || strings.HasPrefix(w, "promot") || strings.HasPrefix(w, "promeu") ||
			strings.HasPrefix(w, "promou") || w == "promu" || w == "promue"
	})
}

// subordinators open a clause that places something before or after an
// order: "before we promote", "avant de promouvoir", "once we promote".
var subordinators = setOf("before", "after", "avant", "apres", "once", "when", "quand", "until", "jusqu", "lorsque", "since", "depuis")

// promoSubjects stand between a subordinator and a promotion's verb:
// "before we promote", "avant de promouvoir", "quand on promeut".
var promoSubjects = setOf("we", "you", "they", "i", "on", "nous", "de", "d", "l", "he", "she", "someone")

// howOpeners open a question even without its question mark.
var howOpeners = setOf("how", "comment", "why", "pourquoi", "should", "faut-il", "when", "quand")

// relativeBefore reports whether a relative clause opens in the four
// words before token i: "ce qu'il y a en staging", "what we have on
// staging", "ce que tu as mis en recette" name the version's source.
func relativeBefore(m message, i int) bool {
	for j := max(0, i-4); j < i; j++ {
		switch m.tokens[j].norm {
		case "qu", "qui", "que", "what", "whats", "whatever":
			return true
		}
	}
	return false
}

// reminderText reports whether cur, the answer to the bot's "What should
// I remind in #api?", may be a reminder's text: talk that asks, orders,
// greets, declines or corrects the reminder is none ("never mind", "lock
// api production", "thanks", "actually every tuesday", "c'est quoi le
// staging").
func reminderText(cur deploybot.Request) bool {
	t := cur.Text
	if cur.Kind == deploybot.KindAction || cur.Kind == deploybot.KindCommand || cur.Kind == deploybot.KindSmalltalk ||
		strings.ContainsAny(t, "?¿@:#\"«“>") {
		return false
	}
	ws := wordsOf(t)
	if len(ws) == 0 || reminderTextStops.has(ws[0]) || negated(ws) {
		return false
	}
	for _, w := range ws {
		if reminderTextCorrections.has(w) {
			return false
		}
	}
	return true
}

// reminderTextStops open an answer that is no reminder's text: a
// question, a refusal, a doubt.
var reminderTextStops = setOf("what", "whats", "how", "why", "who", "when", "where", "which", "is", "are", "can", "could", "should",
	"do", "does", "c", "qu", "quoi", "comment", "pourquoi", "qui", "quand", "ou", "quel", "quelle", "est-ce", "no", "non", "nope",
	"never", "stop", "cancel", "annule", "laisse", "pas", "don", "dont", "actually", "en", "idk", "dunno", "i", "je", "j", "forget",
	"oublie", "nevermind", "lol", "mdr", "ok", "okay", "hmm", "euh", "bof", "maybe", "peut-etre", "wait", "attends")

// reminderTextCorrections correct the reminder asked rather than say its
// text: "every tuesday instead", "in #deploys", "plutôt le lundi".
var reminderTextCorrections = setOf("every", "chaque", "tous", "instead", "plutot", "finalement", "channel", "canal")

// agencyWideWords ask for every project's figures or trail.
// Not "all", "whole", "tout": "and for the whole month?" asks for a period.
var agencyWideWords = setOf("agency", "agence", "overall", "global", "globalement", "projects", "projets")

// agencyAskWords may stand beside agencyWideWords in a follow-up that
// asks for every project's figures: "and for the agency overall?", "et
// pour tous les projets ?"; not "freeze the agency", "rollback all
// projects".
var agencyAskWords = setOf("and", "et", "for", "pour", "the", "l", "la", "le", "les", "all", "tous", "toute", "what", "about",
	"sur", "de", "du", "whole", "entiere", "ok", "now", "maintenant", "then", "alors", "same", "pareil", "idem", "a", "an", "level",
	"niveau", "as")

// cueWords may stand in an answer to a question the bot asked, beside the
// slot it fills: "staging then", "c'est le notifier", "same for blog".
var cueWords = setOf("then", "instead", "same", "for", "pour", "et", "and", "what", "about", "en", "c", "est", "le", "la", "vers",
	"meant", "mean", "voulais", "voulait", "dire", "oups", "oops",
	"l", "to", "on", "in", "it", "also", "aussi", "plutot", "fais", "pareil", "idem", "ditto", "do", "the", "please", "stp", "merci", "ok",
	"sur", "a", "version", "alors", "finalement", "actually", "sorry", "pardon", "non", "no", "oui", "yes", "projet", "project",
	"env", "environment", "environnement", "de", "du", "dans", "with", "avec", "plutôt", "rather", "one", "celui", "thing",
	// interjections and politeness around an answer: "oops, web", "api du
	// coup", "prod pls"
	"oops", "oups", "ah", "oh", "euh", "hmm", "bon", "coup", "donc", "so", "i", "mean", "meant", "je", "voulais", "dire",
	"my", "bad", "pls", "plz", "svp", "thx", "merci", "thanks", "sure", "yep", "yeah", "ouais", "dsl", "desole",
	"only", "seulement", "uniquement", "just", "juste", "celle", "ceux", "celles", "ones")

// ranWell reports whether the bot's reply says a deployment started or
// finished well: "Go: deploy web 3.8.1 → production (#90) started",
// "Confirmed: deploy … started", "🚀 Deployment web 3.8.1 (#90) …
// Status: Done ✅".
func ranWell(reply string) bool {
	t := strings.TrimSpace(fold(reply))
	if cardGoneRe.MatchString(t) || reportsFailure(reply) {
		return false
	}
	return ranWellRe.MatchString(t)
}

// ranWellRe is the bot's reply that a deployment started or finished
// well, in folded text.
var ranWellRe = mustCompile(`^(?:go\s*:|confirmed\s*:|confirme\s*:)\s*(?:deploy|deployer)\b[^\n]*\b(?:started|lance)\b|^🚀[^\n]*\n?[\s\S]*\b(?:status|statut)\s*:\s*(?:done|termine)\b`)

// nextOpened returns text without the words that open what comes next
// ("now", "et maintenant", "ok then", "ensuite"), when it opens so.
func nextOpened(text string) (string, bool) {
	ws := strings.Fields(text)
	i := 0
	for i < len(ws) && cueWords.has(strings.ToLower(ws[i])) {
		i++
	}
	if i >= len(ws) || !nextWords.has(strings.ToLower(ws[i])) {
		return "", false
	}
	return strings.Join(ws[i+1:], " "), i+1 < len(ws)
}

// nextWords open what comes next: "now the api", "maintenant le site".
var nextWords = setOf("now", "maintenant", "next", "ensuite", "puis")

// fragment returns the slots of text when it is only an answer: slots
// and cue words, at least one slot.
func (r *Router) fragment(text string) (slots, bool) {
	m := normalize(text)
	s, words := r.ix.extract(&m, r.t.vocab)
	if s.app == "" && s.env == "" && s.version == "" {
		return s, false
	}
	for i, w := range words {
		if strings.HasPrefix(w, "__") || cueWords.has(w) || w == "fait" && i > 0 && words[i-1] == "en" {
			continue // "en fait sur staging": "actually"
		}
		return s, false
	}
	return s, true
}

// followUp completes cur with prev, the request of the message before:
// an answer to the bot's question fills the slot it names and the request
// goes on, in the conversation's language.
func (r *Router) followUp(ctx context.Context, cur, prev deploybot.Request, asked botTurn) deploybot.Request {
	if asked.asks == "id" && prev.Kind == deploybot.KindCommand && takesID[prev.Command] && prev.Arg("id") != "" && !hasID(wordsOf(prev.Text)) {
		// "approve" after "… waits for an approval. An approver answers
		// "approve 2"" read the id the bot offered, but the bot answered
		// "several deployments wait: #2 …, #1 …. Which one?": it had no
		// id, and the answer gives it.
		prev.Args = copyArgs(prev.Args)
		delete(prev.Args, "id")
	}
	out := r.followUpOf(ctx, cur, prev, asked)
	switch {
	case !out.FollowUp:
	case asked.lang != "" && !r.saysLang(out.Text):
		// A bare answer ("staging", "api", "12") takes the language of the
		// conversation: the bot's question's.
		out.Lang = asked.lang
	case r.saysLang(out.Text) && out.Text == cur.Text && cur.Lang != "":
		// "the backend, and production" after "rollback" (a word of
		// both languages): the answer's own words say it.
		out.Lang = cur.Lang
	}
	return out
}

// saysLang reports whether a message has words enough to tell its own
// language: three ordinary words.
func (r *Router) saysLang(text string) bool {
	n := 0
	for _, w := range wordsOf(text) {
		if len(w) > 1 && isLetters(w) && r.t.vocab.known(w) {
			n++
		}
	}
	return n >= 3
}

func (r *Router) followUpOf(ctx context.Context, cur, prev deploybot.Request, asked botTurn) deploybot.Request {
	if ws := wordsOf(cur.Text); slotAsks[asked.asks] && prev.Kind == deploybot.KindAction && len(ws) <= 4 && len(ws) > 1 && anywhereHedges.has(ws[len(ws)-1]) {
		// "2.5.1 lol", "prod, jk", "la 2.5.1 mdr" after the bot's
		// question of a version, an environment or a project: said in
		// jest, no answer (it planned the deploy). Not "staging, the
		// client broke it during UAT lol": the laugh is the reason's;
		// nor "production, jk, staging": the answer after the joke.
		return r.noCommand(cur)
	}
	if out, ok := r.rollbackInstead(ctx, cur, prev, asked); ok {
		return out
	}
	if asked.asks == "confirm" && len(asked.ids) == 1 && cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdApprove &&
		cur.Arg("id") == asked.ids[0] && !waitingRe.MatchString(asked.text) {
		if m := yesForRe.FindStringSubmatch(commandLine(cur.Text)); m != nil && m[0] == commandLine(cur.Text) && !strings.Contains(m[0], "approu") &&
			!strings.Contains(m[0], "approv") && !strings.Contains(m[0], "valide") {
			// "oui pour le 7" right after plan #7's "Confirm?": the yes
			// the plan waits for, not an approval (there is none to give).
			return confirmOf(cur, asked.ids)
		}
	}
	if len(asked.ids) == 1 && !strings.ContainsAny(cur.Text, "?¿") && pendingListOfOne(asked.text) && thatOneApproved.has(commandLine(strings.TrimSpace(cur.Text))) {
		// "j'approuve celui-là" after a list of one deployment waiting
		// for an approval: that one (never with two: which one?).
		c := deploybot.Request{Kind: deploybot.KindCommand, Command: deploybot.CmdApprove, Text: cur.Text, FollowUp: true,
			Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}}
		setArg(&c, "id", asked.ids[0])
		return c
	}
	if core, ok := r.projectThenApology(cur, prev, asked); ok {
		// "web, sorry, not shop" after "I know no project "shop". … Which
		// project?": the answer, the apology and the name it replaces
		// set apart.
		if out := r.followUpOf(ctx, r.alone(ctx, core), prev, asked); out.Kind == deploybot.KindAction && out.App != "" {
			out.Text = cur.Text
			return out
		}
	}
	if name, ok := r.unknownProjectAnswer(cur, prev, asked); ok {
		// "shop", "euh le shop" after "Which project?": the order goes on
		// with a project the bot names as unknown ("no project shop"),
		// and it asks again; never "not understood".
		out := prev
		out.App, out.SubjectApp, out.UnknownApp = "", "", name
		return r.continued(out, cur)
	}
	if out, ok := r.correctionReduced(ctx, cur, prev, asked); ok {
		return out
	}
	if asked.asks == "confirm" && !(cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdCancel) && r.noWithReason(cur.Text) {
		// "on annule, la recette n'est pas finie": the no, and why.
		c := confirmOf(cur, asked.ids)
		c.Command = deploybot.CmdCancel
		setArg(&c, "decline", "yes")
		return c
	}
	if slotAsks[asked.asks] && prev.Kind == deploybot.KindAction && cur.Kind != deploybot.KindAction {
		if core, ok := r.answerAside(cur.Text); ok {
			// "production (the client signed off yesterday)", "2.5.0 —
			// @sarah tu pourras approuver derrière ?": the answer, its
			// aside read as the answer's readers read a remark.
			if out := r.followUpOf(ctx, r.alone(ctx, core), prev, asked); out.Kind == deploybot.KindAction {
				out.Text = cur.Text
				return out
			}
		}
	}
	if asked.asks == "confirm" && (cur.Kind != deploybot.KindCommand || cur.Command == deploybot.CmdConfirm && cur.Arg("id") == "") &&
		r.yesRemarked(cur.Text) && !otherVersionSaid(cur.Text, planVersion(asked.text)) {
		// "yes I'm sure", "go ahead, staging's been green all morning",
		// "oui, et préviens #api après": the yes, and why it is safe or
		// what to do after (yesremark.go).
		if drillTitleRe.MatchString(asked.text) {
			return confirmOf(cur, nil)
		}
		return confirmOf(cur, asked.ids)
	}
	if cur.Kind == deploybot.KindCommand && (cur.Command == deploybot.CmdLock || cur.Command == deploybot.CmdUnlock) && cur.App == "" && cur.Env == "" &&
		prev.Kind == deploybot.KindAction && prev.App != "" && prev.Env != "" && asked.text != "" && containsFoldASCII(asked.text, prev.App) &&
		!strings.ContainsAny(cur.Text, "?¿@~") {
		if _, ok := lockPronoun(commandLine(strings.SplitN(cur.Text, ":", 2)[0])); ok {
			// "ok then lock it: broken build" after "rollback api staging"
			// and the bot's refusal: that environment of that project.
			out := cur
			out.App, out.Env, out.SubjectApp, out.SubjectEnv, out.FollowUp = prev.App, prev.Env, prev.App, prev.Env, true
			return out
		}
	}
	if cur.Kind == deploybot.KindCommand && projectCarried[cur.Command] && cur.Command != deploybot.CmdStatus && cur.App == "" && cur.UnknownApp == "" && prev.Kind == deploybot.KindCommand &&
		projectCarried[prev.Command] && prev.App != "" && asked.text != "" && slices.Contains(wordsOf(asked.text), prev.App) && !refused(asked.text) &&
		!slices.ContainsFunc(wordsOf(asked.text), func(w string) bool { return w == "unknown" || w == "inconnu" }) &&
		bareCommand(cur.Text) && !saidToOrQuoted(cur.Text) && !pickMocked(cur.Text) && !strings.ContainsAny(cur.Text, "@~") {
		// "diff ?" after "statut du site" and its card, "and the
		// history?" after "status web": the same project's. (A bare
		// "status" is everything's.)
		out := cur
		out.App, out.SubjectApp, out.FollowUp = prev.App, prev.App, true
		if out.Command != deploybot.CmdDiff && out.Env == "" && prev.Env != "" {
			out.Env, out.SubjectEnv = prev.Env, prev.Env
		}
		return out
	}
	if prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdReminders && cur.Kind != deploybot.KindCommand && theListAsked(cur.Text) {
		// "and show me the list now" after a reminder set: the
		// reminders' list.
		if out := r.alone(ctx, "list reminders"); out.Kind == deploybot.KindCommand {
			out.Text, out.FollowUp, out.Lang = cur.Text, true, cur.Lang
			return out
		}
	}
	if prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdReminders && prev.Arg("op") == "list" && cur.Kind != deploybot.KindCommand {
		if m := deleteNumberRe.FindStringSubmatch(commandLine(cur.Text)); m != nil && !strings.ContainsAny(cur.Text, "?¿@~") && !pickMocked(cur.Text) &&
			!strings.ContainsFunc(cur.Text, func(c rune) bool { return c >= 0x1F000 }) && (len(asked.ids) == 0 || offered(asked, m[1])) &&
			(!strings.Contains(asked.text, "n°") || strings.Contains(asked.text, "n°"+m[1]+" ")) {
			// "supprime le 1", "delete #2" after the bot's list of
			// reminders: that reminder deleted, as "delete reminder 2".
			out := r.alone(ctx, "delete reminder "+m[1])
			if out.Kind == deploybot.KindCommand && out.Command == deploybot.CmdReminders && out.Arg("op") == "delete" {
				out.Text, out.FollowUp, out.Lang = cur.Text, true, cur.Lang
				return out
			}
		}
	}
	if prev.Topic == deploybot.TopicSeveralOrders && prev.Kind == deploybot.KindQuestion {
		if out, ok := r.oneOfOrders(ctx, cur, prev); ok {
			return out
		}
		if cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdConfirm {
			return cur // "yes", "do it": nothing waits for a yes there
		}
		if doItOrder(cur.Text) || cur.Kind == deploybot.KindAction && (cur.App == "" && cur.UnknownApp == "" || cur.Env == "" && cur.UnknownEnv == "") {
			// "do it", "go ahead" after the refusal of several orders:
			// which one, the bot asks again (the first order's project was
			// taken); a yes confirms nothing there ("Nothing here waits
			// for your confirmation").
			return r.noCommand(cur)
		}
	}
	if asked.asks == "env" && prev.Kind == deploybot.KindAction && !strings.ContainsAny(cur.Text, "?¿") {
		if short, ok := envThenVersion(cur.Text); ok {
			// "staging, but make it v2.3.2 actually" after "deploy web
			// v2.3.1" and "Which environment?": the environment, and the
			// version changed on the way, as "staging, v2.3.2" says it.
			out := r.followUpOf(ctx, r.alone(ctx, short), prev, asked)
			out.Text = cur.Text
			return out
		}
	}
	if asked.asks == "confirm" && prev.Kind == deploybot.KindAction && prev.Intent.Intent == deploybot.IntentDeploy && prev.App != "" {
		if m := yesThenRe.FindStringSubmatch(commandLine(cur.Text)); m != nil && !strings.ContainsAny(cur.Text, "?¿@") && !skipEmojiAnywhere(cur.Text) &&
			oneOnRe.MatchString(m[1]) {
			// (Not "yes, what's on staging?", "yes, the one on staging 😂":
			// asked, or said in jest; an attack had them confirm.)
			if from, ok := sameAsEnv(m[1]); ok && from != prev.Env {
				if prev.From == from {
					// "yes, the one on staging" after the plan of a
					// promotion from staging: a yes (it deployed to
					// staging).
					return confirmOf(cur, asked.ids)
				}
				// After a plan of a version: the one on staging instead,
				// a promotion, its own plan to confirm.
				out := prev
				out.From, out.Version, out.BadVersion = from, "", ""
				return r.continued(out, cur)
			}
		}
	}
	if (asked.asks == "version" || asked.asks == "env") && prev.Kind == deploybot.KindAction && prev.App == "" && prev.UnknownApp == "" &&
		cur.App == "" && cur.UnknownApp == "" && r.analyze(cur.Text).s.app == "" {
		// "Quelle version de api ?" after "prod", itself the answer to an
		// earlier question: the bot's own question of the version or the
		// environment names the order's project (it was lost when the
		// conversation's first answer, "l'api", was read on its own as
		// no order). Only in the words of the bot's question (a person's
		// "which version? not the api" names none), and only when the
		// answer names no project: one it names wins.
		if _, a, _, _, ok := r.askedOrder(asked.text); ok {
			prev.App, prev.SubjectApp = a, a
		}
	}
	if asked.asks == "project" && prev.Kind == deploybot.KindAction && cur.Kind != deploybot.KindCommand {
		if ws := wordsOf(cur.Text); r.projectsNamed(ws) > 1 && !slices.ContainsFunc(ws, func(w string) bool {
			return negationWords.has(w) || correctionOpeners.has(w) || w == "not" || w == "pas" || w == "sauf" || w == "except" ||
				w == "plutot" || w == "instead" || w == "rather" || w == "actually" || w == "finalement"
		}) {
			// "api, web" after "Which project for the deploy?": two
			// answers (it planned api); the bot asks again.
			return r.noCommand(cur)
		}
	}
	if slotAsks[asked.asks] && prev.Kind == deploybot.KindAction {
		if head := withoutAlreadySaid(cur.Text); head != cur.Text && r.projectsNamed(wordsOf(head)) <= 1 && envsNamed(wordsOf(head)) <= 1 {
			// "api, I just said so 🙄" after the bot asked the project
			// again: the answer, and the person's impatience.
			out := r.followUpOf(ctx, r.alone(ctx, head), prev, asked)
			out.Text = cur.Text
			return out
		}
	}
	if asked.asks == "confirm" && len(asked.ids) == 1 && prev.Kind == deploybot.KindAction && yesToPlanVersion(cur.Text, planVersion(asked.text)) {
		// "confirm 2.3.1", "oui pour la 2.3.1", "yes, 2.3.1 is the right
		// one" after the plan to 2.3.1 (#96): its yes (it cancelled it).
		return confirmOf(cur, asked.ids)
	}
	if asked.asks == "confirm" && prev.Kind == deploybot.KindAction && cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdContext &&
		cur.Arg("what") == "set" && cur.Arg("key") == deploybot.KeyStrategy && !keyNamed(cur.Text) {
		// "use canary for api" while the plan waits for its yes: for this
		// deploy, not the project's setting for good; the bot asks. Said
		// with its key ("set the strategy of web to canary"), the setting.
		return r.noCommand(cur)
	}
	if cur.Kind == deploybot.KindAction && doItOnly(cur.Text) && !strings.ContainsAny(cur.Text, "?¿") {
		// "ok fais-le, api prod" after "on rollback l'api ?" and the bot's
		// answer, or after "rollback api" and its "Which environment?":
		// the action the person asked for (it planned a deploy: "fais-le"
		// names none). Only a person's order, or a question that asks to
		// do it (not "did julie roll back?", "should we not roll back?",
		// nor a reply of the bot the router does not know as the bot's);
		// never for later or by someone else ("ok do it tomorrow", "ok
		// julie do it", "ok je le fais").
		if doItLaterOrElse(cur.Text) {
			return r.noCommand(cur)
		}
		pw := wordsOf(prev.Text)
		asksToDo := prev.Kind == deploybot.KindAction || strings.ContainsAny(prev.Text, "?¿") && len(pw) > 0 && doAskOpeners.has(pw[0]) &&
			!slices.ContainsFunc(pw, func(w string) bool {
				return negationWords.has(w) || w == "not" || w == "pas" || w == "did" || w == "why" || w == "pourquoi"
			})
		switch {
		case !asksToDo:
		case hasRollbackStem(pw) && !slices.ContainsFunc(pw, deployVerbs.has):
			cur.Intent.Intent, cur.Route = deploybot.IntentRollback, deploybot.RouteRollback
		case slices.ContainsFunc(pw, deployVerbs.has) && !hasRollbackStem(pw) && cur.Intent.Intent == deploybot.IntentRollback:
			cur.Intent.Intent, cur.Route = deploybot.IntentDeploy, r.deployRoute(cur.Env)
		}
	}
	if asked.asks == "version" && prev.Kind == deploybot.KindAction && prev.Version == "" &&
		(cur.Kind != deploybot.KindCommand || cur.Command == deploybot.CmdHistory && cur.App == "" && latestNamedVersion(cur.Text)) {
		// ("la dernière release, la v2.5.0" read the history of releases.)
		if len(versionTokens(cur.Text)) > 1 && slices.ContainsFunc(wordsOf(cur.Text), func(w string) bool { return w == "or" || w == "ou" }) {
			// "2.5.4 or 2.5.3" after "Which version?": no choice made (it
			// took the last); the bot asks again.
			return r.noCommand(cur)
		}
		if v, ok := describedVersion(cur.Text); ok {
			// "the one we validated on staging yesterday, 2.5.4", "2.5.4,
			// tested on staging" after "Which version?": that version,
			// with what is good about it (it was not understood).
			out := prev
			out.Version, out.BadVersion = v, ""
			return r.continued(out, cur)
		}
	}
	if asked.asks == "version" && prev.Kind == deploybot.KindAction && prev.Version == "" && cur.Kind != deploybot.KindAction && cur.Kind != deploybot.KindCommand {
		if ref := latestAnswer(cur.Text); ref != "" {
			// "latest", "la dernière" after "Which version?": the moving
			// reference the executor resolves (it was not understood, and
			// the request was lost).
			out := prev
			out.Version, out.BadVersion, out.Text, out.FollowUp = ref, "", cur.Text, true
			return out
		}
	}
	if asked.asks == "confirm" && prev.Kind == deploybot.KindAction && !strings.ContainsAny(cur.Text, "?¿") && otherOneRe.MatchString(commandLine(cur.Text)) {
		// "hmm no, the other env", "non c'est l'autre projet" after a
		// plan: the same order on the other one, when there are two.
		out := prev
		ws := wordsOf(cur.Text)
		switch {
		case slices.ContainsFunc(ws, func(w string) bool { return strings.HasPrefix(w, "env") }) && prev.Env != "":
			out.Env = deploybot.EnvStaging
			if prev.Env == deploybot.EnvStaging {
				out.Env = deploybot.EnvProduction
			}
		case slices.ContainsFunc(ws, func(w string) bool { return w == "project" || w == "projet" || w == "app" }) && len(r.projects) == 2 && prev.App != "":
			out.App = r.projects[0].Name
			if prev.App == r.projects[0].Name {
				out.App = r.projects[1].Name
			}
			out.Version = "" // each project has its own versions
		default:
			out = deploybot.Request{}
		}
		if out.Kind == deploybot.KindAction {
			if len(asked.ids) == 1 {
				out.Args = copyArgs(prev.Args)
				out.Args["replaces"] = asked.ids[0]
			}
			out.SubjectApp, out.SubjectEnv = out.App, out.Env
			return r.continued(out, cur)
		}
	}
	if asked.asks == "confirm" && len(asked.ids) == 1 && prev.Kind == deploybot.KindAction && r.yesToPlan(cur, prev) {
		// "oui rollback", "go pour le rollback", "go go go, le client
		// attend", "oui cette fois c'est bon" after the plan (#63): a yes
		// that names the plan's own action or adds a remark.
		return confirmOf(cur, asked.ids)
	}
	if asked.asks == "env" && prev.Kind == deploybot.KindAction && (prev.Env == "" || prev.UnknownEnv != "") {
		if env, unclear, ok := r.envAnswerPick(cur.Text); ok {
			if unclear {
				return r.noCommand(cur) // the bot asks again; the request stays
			}
			// "prod plus tard, staging d'abord": the environment left.
			out := prev
			out.Env, out.UnknownEnv, out.SubjectEnv = env, "", env
			if out.Intent.Intent == deploybot.IntentDeploy {
				out.Route = r.deployRoute(env)
			}
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
	}
	if prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdContext && prev.Arg("what") == "set" && prev.Arg("key") == "strategy" &&
		!strings.Contains(cur.Text, "?") && (asked.text == "" || botNotedRe.MatchString(strings.TrimSpace(asked.text))) {
		if m := strategyChangedRe.FindStringSubmatch(commandLine(cur.Text)); m != nil {
			// "plutôt blue-green finalement" after "pour le projet api, la
			// stratégie est canary" and the bot's "enregistrée": the same
			// setting, with the value taken instead. Right after the bot's
			// note when the history holds the bot's replies: "set api to
			// canary", "Noted…", "is web on canary?", its answer, then "no,
			// recreate" answers about web (it set api's strategy to
			// recreate). The agents keep the person's messages only here.
			out := prev
			out.Args = copyArgs(prev.Args)
			out.Args["value"] = m[1]
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
	}
	if prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdReminders && prev.Arg("op") == "incomplete" &&
		!(cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdReminders) {
		// "chaque lundi à 10h" after "rappelle à #deploys de vérifier le
		// staging" and the bot's "Quand … ?": the reminder, with its
		// schedule.
		if _, days, _, _, hasTime := parseWhen(cur.Text); days && hasTime {
			if out := r.alone(ctx, prev.Text+" "+cur.Text); out.Kind == deploybot.KindCommand && out.Command == deploybot.CmdReminders &&
				out.Arg("op") == "add" {
				out.Text, out.FollowUp = cur.Text, true
				return out
			}
		}
		if prev.Arg("missing") == "text" && asked.asks == "what" && reminderText(cur) {
			// "vérifier le staging" after "remind #deploys every monday at
			// 10" and the bot's "What should I remind …?": the reminder,
			// with that text.
			connector := " to "
			if prev.Lang == deploybot.French {
				connector = " de "
			}
			if out := r.alone(ctx, prev.Text+connector+strings.TrimSpace(cur.Text)); out.Kind == deploybot.KindCommand &&
				out.Command == deploybot.CmdReminders && out.Arg("op") == "add" && out.Arg("text") != "" {
				out.Text, out.FollowUp = cur.Text, true
				return out
			}
		}
	}
	if prev.Kind == deploybot.KindCommand && (prev.Command == deploybot.CmdAudit || prev.Command == deploybot.CmdDora) && cur.Kind != deploybot.KindCommand &&
		cur.Kind != deploybot.KindAction && len(wordsOf(cur.Text)) <= 6 {
		// "and last month?" after "audit this week", "juste pour
		// l'api" after "qui a fait quoi cette semaine ?": the same
		// trail, for that period or that project.
		line := commandLine(cur.Text)
		since, fs := periodIn(line), r.analyze(cur.Text).s
		whole := prev.App != "" && fs.app == "" && slices.ContainsFunc(wordsOf(cur.Text), agencyWideWords.has) &&
			!slices.ContainsFunc(wordsOf(cur.Text), func(w string) bool { return !agencyWideWords.has(w) && !agencyAskWords.has(w) })
		if since != "" || fs.app != "" && fs.version == "" || whole {
			out := prev
			if whole {
				// "and for the agency overall?" after "dora api": every
				// project's.
				out.App, out.SubjectApp = "", ""
			}
			out.Args = copyArgs(prev.Args)
			if since != "" {
				key := "since"
				if prev.Command == deploybot.CmdDora {
					key = "period"
					if since == "today" {
						since = "1d"
					}
				}
				out.Args[key] = since
			}
			if fs.app != "" {
				out.App, out.SubjectApp = fs.app, fs.app
			}
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
	}
	if prev.Kind == deploybot.KindCommand && readCommands[prev.Command] && prev.App != "" && len(wordsOf(cur.Text)) <= 6 &&
		!strings.Contains(cur.Text, "#") {
		switch {
		case cur.Kind == deploybot.KindCommand && readCommands[cur.Command] && cur.App == "" && cur.UnknownApp == "" && len(wordsOf(cur.Text)) > 1:
			// "and the history?" after "status api": that project's.
			out := cur
			out.App, out.SubjectApp = prev.App, prev.App
			if out.Env == "" && cur.Command == deploybot.CmdHistory {
				out.Env, out.SubjectEnv = prev.Env, prev.Env
			}
			out.FollowUp = true
			return out
		case cur.Kind != deploybot.KindCommand && cur.Kind != deploybot.KindAction && slices.ContainsFunc(wordsOf(cur.Text), diffWords.has):
			// "diff with prod", "et la diff ?" after "status api": its
			// two environments compared.
			out := deploybot.Request{Text: cur.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdDiff, FollowUp: true,
				Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: prev.App, Lang: cur.Lang,
					Confidence: 1, SubjectApp: prev.App}}
			out.Args = map[string]string{"a": deploybot.EnvStaging, "b": deploybot.EnvProduction}
			return out
		}
	}
	if prev.Kind == deploybot.KindQuestion && (cur.Kind != deploybot.KindAction || cur.App == "" && cur.UnknownApp == "") &&
		doItOrder(cur.Text) && r.subjectApp(prev) != "" && !doItLaterOrElse(cur.Text) {
		prev.SubjectApp = r.subjectApp(prev)
		// "ok do it on prod" after "what's the rollback procedure for
		// api?" and its answer: that action, on the project asked about
		// (a plan, confirmed before anything runs).
		var intent deploybot.IntentKind
		switch prev.Route {
		case deploybot.RouteRollback:
			intent = deploybot.IntentRollback
		case deploybot.RouteStaging, deploybot.RouteProduction:
			intent = deploybot.IntentDeploy
		}
		if intent != "" {
			cs := r.analyze(cur.Text).s
			env := cur.Env
			if env == "" {
				env = cs.env
			}
			if env == "" {
				env = prev.SubjectEnv
			}
			app := prev.SubjectApp
			if cs.app != "" {
				app = cs.app // "ok do it, web prod" after api's procedure: web's (it rolled api back)
			}
			out := cur
			out.Kind = deploybot.KindAction
			out.Intent = deploybot.Intent{Intent: intent, App: app, Env: env, Lang: cur.Lang, Confidence: 0.8,
				SubjectApp: app, SubjectEnv: env}
			out.Command, out.Args = "", nil
			return r.continued(out, cur)
		}
	}
	if asked.suggests != "" && takesSuggestion(cur.Text, asked.suggests) {
		// "yes", "oui c'est ça", "yes, api" after the bot's "I know no
		// project "backnd". … Did you mean api?": the name it offered
		// answers its question.
		named := r.alone(ctx, asked.suggests)
		out := r.followUpOf(ctx, named, prev, botTurn{text: asked.text, lang: asked.lang, asks: asked.asks})
		out.Text = cur.Text
		return out
	}
	if prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdReminders && prev.Arg("op") == "delete" && prev.Arg("id") == "" &&
		(len(asked.ids) > 0 || numberAsked(asked.text)) && cur.Kind != deploybot.KindCommand && cur.Kind != deploybot.KindAction {
		// "le 4" after "supprime le rappel du vendredi" and the bot's
		// "Rappels : #4 (…), #5 (…). Lequel ?": the one offered.
		if id, _, ok := idReasonAnswer(cur.Text); ok && offered(asked, id) && !notAnID(cur.Text, id) && !strings.Contains(cur.Text, "?") {
			out := prev
			out.Args = copyArgs(prev.Args)
			out.Args["id"] = id
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
	}
	if id, reason, ok := idReasonAnswer(cur.Text); ok && prev.Kind == deploybot.KindCommand && takesID[prev.Command] && prev.Arg("id") == "" {
		if !offered(asked, id) || notAnID(cur.Text, id) ||
			r.idAnswerHedged(cur.Text, asked.text, prev.Command == deploybot.CmdApprove || prev.Command == deploybot.CmdConfirm) {
			// "2 of them", "14:30" after "Which deployment? #12, #14": no
			// id offered, no id at all; the bot asks again.
			return r.noCommand(cur)
		}
		// "12" after "approve" and the bot's "which one?"; "62, load tests
		// are not green" after "deny": the id, and the reason after it.
		out := prev
		out.Args = copyArgs(prev.Args)
		out.Args["id"] = id
		if reason != "" && reasoned[prev.Command] && out.Args["reason"] == "" {
			out.Args["reason"] = reason
		}
		out.Text, out.FollowUp = cur.Text, true
		return out
	}
	if id, named := r.chosen(cur.Text, asked.choices); named && prev.Kind == deploybot.KindCommand && takesID[prev.Command] && prev.Arg("id") == "" &&
		cur.Kind != deploybot.KindCommand && !(id != "" && hasID(wordsOf(cur.Text)) && !strings.Contains(" "+cur.Text+" ", " "+id+" ")) {
		// "the web one", "celle du site", "the second one" after "Which
		// deployment? #31 (api staging), #32 (web staging)": the one the
		// answer names; "the staging one" names both: the command again,
		// without an id, and the bot asks again.
		out := prev
		out.Args = copyArgs(prev.Args)
		if id != "" {
			out.Args["id"] = id
		}
		out.Text, out.FollowUp = cur.Text, true
		return out
	}
	if cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdTick && cur.Arg("id") == "" && len(asked.ids) == 1 {
		// "tick tests and review" after the plan (#12) that lists them.
		cur.Args = copyArgs(cur.Args)
		cur.Args["id"] = asked.ids[0]
	}
	if id := waitingID(asked.text); id != "" && cur.Kind != deploybot.KindCommand && cur.Kind != deploybot.KindAction {
		// "approve it then", "ok approve it please" right after the bot
		// says which deployment waits for an approval: that one. Not
		// after a person's line ("invoice #44 awaits approval"): the
		// bot's turn only.
		line := commandLine(cur.Text)
		bare := withoutSequelWords(strings.Trim(line, " ?!."))
		for {
			first, rest, ok := strings.Cut(bare, " ")
			if !ok || !interjections.has(first) {
				break
			}
			bare = rest // "ok approuve-le alors"
		}
		if bare != line && approveRe.MatchString(bare) && approveRe.FindStringSubmatch(bare)[1] == "" && !strings.ContainsAny(cur.Text, "?@") &&
			!addressedElsewhere(cur.Text) {
			out := deploybot.Request{Text: cur.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdApprove, FollowUp: true,
				Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}}
			out.Args = map[string]string{"id": id}
			return out
		}
	}
	if asked.asks == "confirm" && prev.Kind == deploybot.KindAction && !strings.ContainsAny(cur.Text, "?¿") &&
		(cancelClause(cur.Text) || planCancelled(cur.Text) && !r.namesOtherTarget(cur.Text, prev)) &&
		(cur.Kind != deploybot.KindCommand || cur.Command != deploybot.CmdCancel) {
		// "annule-le", "merci, je patiente, annule" on a plan's
		// "Confirm?": the plan declined (each planned a rollback of the
		// plan's project: "annule-le" undoes a release after an incident).
		out := deploybot.Request{Text: cur.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdCancel, FollowUp: true,
			Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}}
		out.Args = map[string]string{"decline": "yes"}
		if len(asked.ids) == 1 {
			out.Args["id"] = asked.ids[0]
		}
		return out
	}
	if id := waitingID(asked.text); id != "" && cancelsIt(cur.Text) {
		// "annule-le" after "Le déploiement #45 attend l'approbation de
		// bob.": that deployment, cancelled (after an incident told, it
		// undoes the release: a rollback).
		out := deploybot.Request{Text: cur.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdCancel, FollowUp: true,
			Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}}
		out.Args = map[string]string{"id": id}
		return out
	}
	if id := waitingID(asked.text); id != "" && cur.Kind == deploybot.KindCommand && decidesWaiting[cur.Command] && cur.Arg("id") == "" &&
		cur.App == "" && cur.Env == "" && cur.UnknownApp == "" && r.bareDecision(cur.Text) {
		// "approve", "je refuse, pas de test de charge" right after the
		// bot's "Confirmed: … (#52) waits for an approval": that
		// deployment. Not "deny the web one", "don't cancel", nor after
		// "… no longer waits for an approval".
		cur.Args = copyArgs(cur.Args)
		cur.Args["id"] = id
		cur.FollowUp = true // the conversation's language
	}
	if prev.Kind == deploybot.KindQuestion && asked.asks == "project" && cur.Kind != deploybot.KindAction && cur.Kind != deploybot.KindCommand {
		// "api" after "c'est quoi la procédure de rollback ?" and "Pour
		// quel projet ?": the question, about that project.
		if s, _ := r.fragment(cur.Text); s.app != "" {
			out := prev
			out.SubjectApp, out.Text, out.FollowUp = s.app, cur.Text, true
			return out
		}
	}
	if cur.Kind == deploybot.KindCommand && (cur.Command == deploybot.CmdContext && cur.Arg("what") == "set" || cur.Command == deploybot.CmdReset) &&
		cur.App == "" && cur.UnknownApp == "" && cur.Env == "" && cur.Arg("key") != "" &&
		prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdContext && prev.Arg("what") == "show" && prev.App != "" &&
		!slices.ContainsFunc(wordsOf(cur.Text), func(w string) bool { return agencyWideWords.has(w) || everyWhereWords.has(w) }) &&
		settingAllows(cur.Arg("key"), deploybot.ScopeProject) {
		// "set strategy to blue-green", "remets la stratégie comme dans
		// le fichier" after "show context for web" and its settings: that
		// project's setting, as shown (the agency's was reset, or the bot
		// asked which project).
		out := cur
		out.Args = copyArgs(cur.Args)
		out.App, out.SubjectApp, out.Env, out.SubjectEnv = prev.App, prev.App, prev.Env, prev.Env
		out.Args["scope"] = "project"
		if prev.Env != "" && settingAllows(cur.Arg("key"), deploybot.ScopeEnvironment) {
			out.Args["scope"] = "environment"
		} else {
			out.Env, out.SubjectEnv = "", ""
		}
		out.FollowUp = true
		return out
	}
	// "To what? recreate, rolling, blue-green or canary?" after "set api
	// strategy": a question back the value's words do not name, told by
	// where it stands (commandAsk).
	valueAsked := (asked.asks == "value" || (asked.asks == "" || asked.asks == "id") && strings.Contains(asked.text, "?")) &&
		prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdContext && prev.Arg("what") == "set" && prev.Arg("value") == "" &&
		prev.Arg("key") != ""
	if k, ok := deploybot.SettingKeyOf(prev.Arg("key")); valueAsked && ok && k.Kind == deploybot.KindBool {
		if answer, _, ok := yesNo(commandLine(cur.Text)); ok {
			// "non" after "Quelle valeur de staging d'abord … ? oui ou
			// non": the value, not a plan's cancel.
			out := prev
			out.Args = copyArgs(prev.Args)
			out.Args["value"] = "no"
			if answer == deploybot.CmdConfirm {
				out.Args["value"] = "yes"
			}
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
	}
	if valueAsked && cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdContext && cur.Arg("what") == "set" &&
		cur.Arg("key") == prev.Arg("key") && cur.Arg("value") != "" && cur.App == "" && cur.UnknownApp == "" && cur.Arg("scope") != "agency" {
		// "mets rolling" after "Quelle valeur de stratégie pour le projet
		// api ?": the setting of the project asked about (the bot asked
		// which project).
		out := cur
		out.Args = copyArgs(cur.Args)
		out.App, out.SubjectApp, out.Env, out.SubjectEnv = prev.App, prev.App, prev.Env, prev.Env
		if sc := prev.Arg("scope"); sc != "" {
			out.Args["scope"] = sc
		}
		out.FollowUp = true
		return out
	}
	if valueAsked && cur.Kind != deploybot.KindCommand && cur.Kind != deploybot.KindAction && !strings.Contains(cur.Text, "?") &&
		len(wordsOf(cur.Text)) <= 6 {
		// "canary" after "change la stratégie de l'api" and the bot's
		// "Quelle valeur de stratégie pour le projet api ? …": the
		// setting, with its value.
		out := prev
		out.Args = copyArgs(prev.Args)
		value := strings.Trim(strings.TrimSpace(cur.Text), ".!")
		if tail, ok := correctedAnswer(value); ok {
			value = tail // "gitlab-ci... non attends, jenkins"
		}
		if first, rest, ok := strings.Cut(value, " "); ok && articles.has(fold(first)) {
			value = rest // "le canary"
		}
		if k, ok := deploybot.SettingKeyOf(prev.Arg("key")); ok && k.Kind == deploybot.KindChoice {
			// "named, and carol is the approver": the choice, then a remark;
			// not "canary or rolling", two choices.
			first, rest, _ := strings.Cut(value, " ")
			first = strings.Trim(fold(first), ",.;!")
			if slices.Contains(k.Choices, first) && !slices.ContainsFunc(wordsOf(rest), func(w string) bool { return slices.Contains(k.Choices, w) }) {
				value = first
			} else if c, ok := choiceSaid(value, k.Choices); ok {
				value = c // "on passe en blue-green", "let's go with canary"
			}
		}
		if !valueGiven(value) || r.givesNoOrder(cur.Text, commandLine(cur.Text)) || r.otherScope(cur.Text, prev) {
			// "ask Julie", "I don't know yet", "on verra demain": no
			// value; the bot asks again.
			out.Args["value"] = ""
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
		out.Args["value"] = withoutNowWord(value)
		out.Text, out.FollowUp = cur.Text, true
		return out
	}
	op, alerted := prev, false
	if asked.asks == "outcome" && len(asked.ids) == 1 && (prev.Kind == "" || prev.Kind == deploybot.KindCommand && prev.Command != deploybot.CmdOutcome) {
		// "it succeeded, /healthz answers 2.14.2" right after the bot's
		// alert on interrupted deployment #58, or its answer to "status"
		// ("failed: the api answers v2" rolled api back to "v2"): the
		// outcome it asks for ("done" says nothing there: done checking?
		// done what?).
		op, alerted = deploybot.Request{Kind: deploybot.KindCommand, Command: deploybot.CmdOutcome, Args: map[string]string{"id": asked.ids[0]}}, true
	}
	if said, ok := verdictSaid(cur.Text); ok && asked.asks == "outcome" && cur.Kind != deploybot.KindCommand {
		// "it worked, /healthz is green", "ça a planté, l'ancienne
		// version tourne encore": the verdict in other words, read as
		// its word.
		cur.Text = said
	}
	if asked.asks == "outcome" && op.Kind == deploybot.KindCommand && op.Command == deploybot.CmdOutcome && op.Arg("id") != "" &&
		op.Arg("outcome") == "" && cur.Kind != deploybot.KindCommand && verdictFirst(cur.Text) && plainVerdict(cur.Text, asked.text) &&
		!(alerted && verdictOf(cur.Text) == "done") {
		prev := op
		// "succeeded: v3 answers", "échoué, la page blanche est toujours
		// là" after "outcome 13" and the bot's "succeeded or failed?":
		// the outcome, read as if written whole. Anything else (a
		// question, "not sure yet") records nothing.
		// The id is the one the bot's question names ("outcome du 84,
		// pardon du 83" and the bot's "#83 : réussi ou échoué ?"); an
		// answer that names another ("échoué, mais je parlais du #84")
		// records nothing.
		id := prev.Arg("id")
		if len(asked.ids) == 1 {
			id = asked.ids[0]
		}
		otherID := slices.ContainsFunc(hashIDRe.FindAllStringSubmatch(cur.Text, -1), func(m []string) bool { return m[1] != id })
		out := r.alone(ctx, "outcome "+id+" "+cur.Text)
		if (out.Kind != deploybot.KindCommand || out.Command != deploybot.CmdOutcome) && !pickDoubted(cur.Text) && !pickMocked(cur.Text) {
			// "échoué, le pod ne démarre pas": the reason's negation hedged
			// the whole; the verdict alone, then what was seen.
			out = r.alone(ctx, "outcome "+id+" "+verdictOf(cur.Text))
		}
		if !otherID && out.Kind == deploybot.KindCommand && out.Command == deploybot.CmdOutcome &&
			out.Arg("id") == id && out.Arg("outcome") != "" {
			if out.Arg("reason") == "" {
				// "réussi, la v3 répond": what follows the verdict is
				// what the person saw.
				if reason := verdictReason(cur.Text); reason != "" {
					out.Args = copyArgs(out.Args)
					out.Args["reason"] = reason
				}
			}
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
	}
	if asked.asks == "reason" && prev.Kind == deploybot.KindCommand && reasoned[prev.Command] && prev.Arg("reason") == "" &&
		(cur.Kind != deploybot.KindCommand || cur.Command == deploybot.CmdAudit && !strings.Contains(cur.Text, "?") || // "audit client": a reason, no trail asked
			cur.Command == deploybot.CmdCancel && cur.Arg("decline") != "" && cur.Arg("id") == "" && putOff(cur.Text)) && // "not yet": read below, a no to the reason
		(cur.Kind != deploybot.KindAction || underwayTold(cur.Text) ||
			cur.App == "" && cur.UnknownApp == "" && (cur.Env == "" || !hasActionWord(normalize(cur.Text)) && len(wordsOf(cur.Text)) > 1)) &&
		len(wordsOf(cur.Text)) <= maxAnswerWords {
		// "incident en cours" after "lock api prod" and the bot's "Give a
		// reason": the command with its reason ("fixed by v3.8.4" too, a
		// version with no project; "démo client jeudi" too, an
		// environment's word with no order). An answer that takes the command back
		// ("wait, wrong project", "non attends") is no reason: nothing is
		// locked or unlocked; nor one that asks, and, for an unlock or an
		// unfreeze, one that says not yet, later or "I don't know"
		// (review 12 unlocked production on "hmm not yet", "why?").
		if takesBack(wordsOf(cur.Text)) && !firmTakeBack(wordsOf(cur.Text)) {
			// "wait, wrong project", "my bad": taken back; nothing runs
			// and the bot asks again.
			return r.noCommand(cur)
		}
		if takesBack(wordsOf(cur.Text)) {
			// "don't lock it", "oublie ça", "never mind": taken back for
			// good; nothing runs, and the question is dropped as a
			// "cancel" drops it (read as no answer, it stayed open, and
			// the next message was taken for the reason: "don't lock
			// it", then "it was a false alarm" locked).
			c := deploybot.Request{Text: cur.Text, Kind: deploybot.KindCommand, Command: deploybot.CmdCancel, FollowUp: true,
				Intent: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}}
			c.Args = map[string]string{"decline": "yes"}
			return c
		}
		if alreadyDone(wordsOf(cur.Text)) {
			// "hmm, actually Paul already locked it I think", "c'est déjà
			// verrouillé" after "Give a reason to lock api production":
			// the state holds already, said as the reason (it locked);
			// nothing runs and the bot asks again.
			return r.noCommand(cur)
		}
		if prev.Command == deploybot.CmdFreeze && datesAsked(asked.text) {
			// "From when to when?": dates and nothing that takes the
			// freeze back ("don't freeze after all", "next week", "ne gèle
			// pas du … au …" froze for a year).
			f := r.alone(ctx, strings.TrimSpace("freeze "+prev.App+" "+prev.Env)+" "+cur.Text)
			if f.Kind != deploybot.KindCommand || f.Command != deploybot.CmdFreeze || f.Arg("from") == "" || f.Arg("to") == "" || f.Arg("to") < f.Arg("from") ||
				slices.ContainsFunc(wordsOf(cur.Text), func(w string) bool { return negationWords.has(w) || w == "not" || w == "pas" || unsureOrSorry.has(w) }) {
				return r.noCommand(cur)
			}
			f.Text, f.FollowUp = cur.Text, true
			return f
		}
		if prev.Command == deploybot.CmdFreeze && prev.Arg("all") == "" {
			// "until friday", "jusqu'au 24/12 : audit" after "gèle web" and
			// the bot's "Give a reason…": the freeze with its end.
			if f := r.alone(ctx, strings.TrimSpace("freeze "+prev.App+" "+prev.Env)+" "+cur.Text); f.Kind == deploybot.KindCommand &&
				f.Command == deploybot.CmdFreeze && f.App == prev.App && f.Env == prev.Env && (f.Arg("until") != "" || f.Arg("dates") != "") {
				f.Text, f.FollowUp = cur.Text, true
				return f
			}
		}
		// "en fait non, l'api": another target named in a correction is
		// no reason for this one.
		noReason := r.noReasonFor(cur.Text, prev) || r.otherTargetNamed(wordsOf(cur.Text), prev)
		if noReason && prev.Command != deploybot.CmdLock && prev.Command != deploybot.CmdUnlock {
			// A freeze of everything or a refusal runs without a reason:
			// no reason given, nothing runs (attack 23: "maybe later" froze
			// everything, "looks ok" denied).
			return r.noCommand(cur)
		}
		if strings.ContainsAny(cur.Text, "?¿") && cur.Kind == deploybot.KindQuestion && len(wordsOf(cur.Text)) >= 4 && questionOpened(wordsOf(cur.Text)) {
			// "en fait c'est quoi la différence entre un gel et un verrou
			// ?" after "Give a reason to freeze production": a question of
			// its own, answered (the bot asked for the reason again).
			return cur
		}
		if strings.Contains(cur.Text, "?") || noReason || (prev.Command == deploybot.CmdUnlock || prev.Command == deploybot.CmdUnfreeze) &&
			notAReason(wordsOf(cur.Text)) && !endedEventSaid(cur.Text) {
			// Not a reason: the command again without one, and the bot
			// asks for it again (it answered "I'm not sure what you mean").
			out := prev
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
		out := prev
		out.Args = copyArgs(prev.Args)
		out.Args["reason"] = strings.TrimSpace(cur.Text)
		out.Text, out.FollowUp = cur.Text, true
		return out
	}
	if out, ok := allAnswer(cur, prev); ok {
		return out
	}
	if prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdDiff &&
		!((cur.Kind == deploybot.KindCommand || cur.Kind == deploybot.KindAction && hasActionWord(normalize(cur.Text))) && (cur.App != "" || cur.UnknownApp != "")) &&
		!(cur.Kind == deploybot.KindAction && cur.From != "" && hasActionWord(normalize(cur.Text))) { // "passe la staging en prod" after the diff promotes
		// "recette et prod", "staging vs prod" after "diff api" and
		// "Which environments?": the two environments compared. A command
		// that names its own project is its own ("diff api staging
		// production" after "Which project for diff?" lost api), and so
		// is an order that names it ("promote web staging to production"
		// after the diff was that diff again).
		if a, b, ok := r.twoEnvs(cur.Text); ok {
			out := prev
			out.Args = copyArgs(prev.Args)
			out.Args["a"], out.Args["b"] = a, b
			out.Env, out.SubjectEnv = "", ""
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
	}
	if cur.Kind == deploybot.KindAction && cur.Intent.Intent == deploybot.IntentDeploy && cur.From != "" && cur.App == "" && cur.UnknownApp == "" &&
		prev.Kind == deploybot.KindCommand && (prev.Command == deploybot.CmdDiff || prev.Command == deploybot.CmdStatus) && prev.App != "" &&
		!strings.ContainsAny(cur.Text, "?¿") && !saidToOrQuoted(cur.Text) {
		// "promote it" after "diff api staging production" and the
		// versions compared: that project's promotion.
		out := cur
		out.App, out.SubjectApp, out.Text, out.FollowUp = prev.App, prev.App, cur.Text, true
		return out
	}
	if asked.asks == "confirm" && prev.Kind == deploybot.KindAction && !strings.ContainsAny(cur.Text, "?¿") {
		if c, ok := r.planAnswer(cur, asked); ok {
			return c
		}
	}
	if prev.Kind == deploybot.KindAction && answerTakenBack(cur.Text) {
		// "rather staging? no": an answer asked and taken back.
		return r.noCommand(cur)
	}
	if m := correctionLabelRe.FindStringSubmatch(cur.Text); m != nil && prev.Kind == deploybot.KindAction && (asked.asks == "confirm" || asked.asks == "refused") &&
		!answerNo.has(firstField(commandLine(m[1]))) && !strings.ContainsAny(cur.Text, "?¿@") { // not "correction: no 4.0.1"
		// "correction: commit e4d5f6a, not a1b2c3d", "rectification : la
		// 2.5.2": a change of the plan under its label, as "no, …" says it.
		text := "no, " + m[1]
		if cur.Lang == deploybot.French {
			text = "non, " + m[1]
		}
		if out := r.followUpOf(ctx, r.alone(ctx, text), prev, asked); out.Kind == deploybot.KindAction && out.Args["replaces"] != "" {
			out.Text = cur.Text
			return out
		}
	}
	if prev.Kind == deploybot.KindAction && (asked.asks == "confirm" || asked.asks == "refused") {
		if v := cmp.Or(prev.Version, planVersion(asked.text)); preReleaseOf(v) != "" {
			if text, ok := preReleaseNamed(cur.Text, v); ok && !hasMoment(cur.Text) && !laterMoment(cur.Text) && !strings.ContainsAny(cur.Text, "?¿") &&
				!slices.ContainsFunc(wordsOf(cur.Text), func(w string) bool { return names.has(w) || relayVerbs.has(w) }) {
				// (Not "rc3 tomorrow", "Paul meant rc3", "no rc3".)
				// "rc3 actually, rc2 was broken" after a plan of 4.0.0-rc2:
				// the short name of another pre-release of that version.
				if out := r.followUpOf(ctx, r.alone(ctx, text), prev, asked); out.Kind == deploybot.KindAction && out.Version != "" {
					out.Text = cur.Text
					return out
				}
			}
		}
	}
	if out, ok := r.correctedPlan(ctx, cur, prev, asked); ok {
		return out
	}
	if out, ok := r.correctedSlotAnswer(cur, prev, asked); ok {
		return out
	}
	plan := prev
	if plan.Kind == deploybot.KindAction && plan.Version == "" {
		// "no, 5.2.9 — 5.3.0 had the bug too" after "roll back the site"
		// and the bot's plan "Rollback web production → 5.3.0 (#84)":
		// the version the plan chose is the one blamed.
		plan.Version = planVersion(asked.text)
	}
	if head, ok := newValuePraised(cur.Text); ok && (asked.asks == "confirm" || asked.asks == "refused") && !pickMocked(cur.Text) {
		// "and make it 3.8.2, just tagged": the change, and what is good
		// about the new value.
		if out, ok := r.correctedPlan(ctx, r.alone(ctx, head), prev, asked); ok && out.Kind == deploybot.KindAction {
			out.Text = cur.Text
			return out
		}
	}
	if head, ok := oldValueBlamed(cur.Text, plan); ok && (asked.asks == "confirm" || asked.asks == "refused") && !pickMocked(cur.Text) && !keepSaid(cur.Text) &&
		!slices.ContainsFunc(wordsOf(cur.Text), anywhereHedges.has) && !slices.ContainsFunc(wordsOf(head), func(w string) bool {
		return negationWords.has(w) || w == "don" || w == "dont" || w == "not" || w == "pas" || w == "never" || w == "jamais" || w == "ne" || w == "n"
	}) {
		// "actually make it 2.8.3, 2.8.2 has the typo in the export": the
		// change, and why the plan's value will not do.
		hc := r.alone(ctx, head)
		if out, ok := r.correctedPlan(ctx, hc, prev, asked); ok && out.Kind == deploybot.KindAction {
			out.Text = cur.Text
			return out
		}
	}
	if cur.Kind == deploybot.KindAction && cur.From != "" && cur.App == "" && cur.UnknownApp == "" && !strings.ContainsAny(cur.Text, "?¿") &&
		prev.Kind == deploybot.KindAction && prev.Intent.Intent == deploybot.IntentDeploy && prev.App != "" {
		// "staging to prod" after "promote web" or "deploy web" and the
		// bot's question: the promotion said, of that project.
		if asked.asks == "env" && !plainSlotAnswer(cur.Text, prev.Intent.Intent, "env") {
			cur.From = ""
			return r.noCommand(cur) // "prod, already tested on staging, I think", "prod, la recette est ok mais attends"
		}
		out := cur
		out.App = prev.App
		if prev.Version != "" && asked.asks == "env" && cur.From == deploybot.EnvStaging && cur.Env == deploybot.EnvProduction &&
			!sourceNamed(wordsOf(cur.Text)) && firstEnvOf(wordsOf(cur.Text)) == deploybot.EnvProduction &&
			!slices.ContainsFunc(wordsOf(cur.Text), func(w string) bool { return negationWords.has(w) || w == "not" || w == "pas" || contractedNot.has(w) }) {
			// "prod, already tested on staging" after "deploy api v4.0.0"
			// and "Which environment?": the version named, said to be
			// validated on staging, not whatever staging runs.
			out = prev
			out.Env, out.UnknownEnv, out.From = cur.Env, cur.UnknownEnv, ""
		}
		return r.continued(out, cur)
	}
	if out, ok := r.answerInContext(cur, prev, asked); ok {
		return out
	}
	if out, ok := r.askedAnswer(cur, prev, asked); ok {
		return out
	}
	if cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdStatus && cur.App == "" && cur.UnknownApp == "" && cur.Env != "" &&
		prev.Kind == deploybot.KindAction && prev.App != "" && asked.asks == "version" && r.projectsNamed(wordsOf(cur.Text)) == 0 &&
		!slices.ContainsFunc(wordsOf(cur.Text), func(w string) bool {
			return everyWords.has(w) || everyWhereWords.has(w) || w == "projects" || w == "projets"
		}) {
		// "which version is on staging right now?", "c'est quoi la
		// version qui tourne en recette ?" after "Which version of web
		// for production?": what runs there of that project, to choose
		// the version (not "tout ce qui tourne en recette"). Asked
		// elsewhere in an order's conversation ("what's in prod right
		// now?" after "Which environment?"), it is every project's.
		out := cur
		out.App, out.SubjectApp, out.FollowUp = prev.App, prev.App, true
		return out
	}
	if cur.Kind == deploybot.KindCommand && cur.Command != deploybot.CmdStatus && cur.Command != deploybot.CmdHistory {
		return cur
	}
	s, frag := r.fragment(cur.Text)
	var m []string
	if t := strings.TrimSpace(asked.text); strings.HasPrefix(t, "Go:") || strings.HasPrefix(t, "C'est parti") || strings.HasPrefix(t, "C’est parti") {
		m = rollbackStartedRe.FindStringSubmatch(fold(t)) // folded only there: most bot turns are no "Go: …"
	}
	if m == nil && asked.text == "" && prev.Kind == deploybot.KindAction && prev.Intent.Intent == deploybot.IntentRollback && prev.App != "" && prev.Env != "" {
		// The chat's memory keeps the person's rollback once its plan is
		// answered, not the bot's "Go: …": that rollback, then.
		m = []string{"", prev.App, prev.Env}
	}
	if m != nil && asked.asks == "" &&
		(prev.Kind == deploybot.KindAction && prev.Intent.Intent == deploybot.IntentRollback || prev.Kind == deploybot.KindCommand && prev.Command == deploybot.CmdConfirm) {
		// "and the backend too, it's the one calling the broken
		// endpoint", "et pour le site ?" after a rollback started: the
		// same rollback for the other project named, and only it.
		if st, ok := r.otherTooNamed(cur.Text); ok {
			if ns, nfrag := r.fragment(st); nfrag && ns.app != "" && ns.app != m[1] && ns.version == "" {
				out := cur
				out.Command, out.Args, out.Topic, out.Moment = "", nil, "", nil
				env := ns.env
				if env == "" {
					env = m[2]
				}
				out.Intent = deploybot.Intent{Intent: deploybot.IntentRollback, App: ns.app, Env: env, Lang: cur.Lang, Confidence: 1}
				return r.continued(out, cur)
			}
		}
	}
	if !frag && prev.Kind == deploybot.KindAction && prev.Intent.Intent == deploybot.IntentDeploy && !strings.ContainsAny(prev.Text+cur.Text, "?¿") &&
		ranWell(asked.text) {
		// "now same thing for api v2.14.1", "et maintenant l'api en
		// staging", "ok now same version to prod" after a deploy the bot
		// started or finished: the same elsewhere. Not alone ("go-live pour
		// le front maintenant" is no fragment), not asked ("et maintenant
		// le site en prod ?"), not after a plan that never ran or went
		// wrong, nor a rollback's (it rolled back another environment),
		// nor for two projects.
		if rest, ok := nextOpened(cur.Text); ok {
			if ns, nfrag := r.fragment(rest); nfrag && r.projectsNamed(wordsOf(rest)) <= 1 {
				s, frag = ns, true
			}
		}
	}
	if prev.Kind == deploybot.KindCommand && prev.App != "" && (prev.Command == deploybot.CmdStatus || prev.Command == deploybot.CmdHistory) &&
		cur.Kind != deploybot.KindAction && cur.Kind != deploybot.KindCommand && diffOfBoth(wordsOf(cur.Text)) {
		// "ok and the diff between the two?" after "status api" and
		// its two versions: that project's diff, staging against
		// production.
		out := cur
		out.Kind, out.Command = deploybot.KindCommand, deploybot.CmdDiff
		out.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: prev.App,
			Lang: cur.Lang, Confidence: 1, SubjectApp: prev.App}
		out.Args = map[string]string{"a": deploybot.EnvStaging, "b": deploybot.EnvProduction}
		out.FollowUp = true
		return out
	}
	if prev.Kind == deploybot.KindQuestion && prev.Moment != nil && cur.Kind != deploybot.KindAction && continuesQuestion(cur.Text) {
		// "what about 11am?" after "can I deploy tomorrow at 9am?": the
		// verdict for another moment.
		if mo, ok := Moment(cur.Text); ok {
			out := prev
			out.Moment, out.Text, out.FollowUp = &mo, cur.Text, true
			return out
		}
	}
	if cur.Kind == deploybot.KindUnknown && !frag && prev.Kind == deploybot.KindQuestion && (r.asksOn(cur.Text) ||
		asked.asks == "" && asked.text != "" && strings.ContainsAny(cur.Text, "?¿") && r.onCard(cur.Text, asked.text)) {
		// "why Tuesday to Thursday specifically?" after the windows'
		// answer, "ok and who runs them, me or you?" after the smoke
		// tests': a question that goes on with the one before; "do I
		// really need all 12 for a css fix?" after the checklist, "30 min
		// c'est pas un peu court ?" after the metrics: a question on the
		// card just given (they were not understood).
		out := cur
		out.Kind = deploybot.KindQuestion
		out.Intent = deploybot.Intent{Route: prev.Route, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: cur.Confidence,
			SubjectApp: prev.SubjectApp, SubjectEnv: prev.SubjectEnv}
		out.Topic, out.FollowUp = prev.Topic, true
		return out
	}
	if (asked.asks == "confirm" || strings.HasPrefix(asked.text, "❌")) && prev.Kind == deploybot.KindAction && (cur.Kind == deploybot.KindUnknown || cur.Kind == deploybot.KindQuestion) &&
		!strings.ContainsAny(cur.Text, "?¿") && deferralRe.MatchString(commandLine(cur.Text)) {
		// "actually do it tomorrow at 10, carol will be online", "on le
		// fera lundi plutôt" after a plan: that order put off to a
		// moment; nothing runs now (they were not understood).
		mo, ok := momentOf(cur.Text, nil)
		if !ok {
			mo, ok = dayAhead(cur.Text)
		}
		if ok || strings.HasPrefix(asked.text, "❌") {
			// After a refusal, "ok tant pis, on le fera en janvier" puts
			// it off too, a month named or not.
			out := cur
			out.Kind, out.FollowUp = deploybot.KindQuestion, true
			if ok {
				out.Topic, out.Moment = deploybot.TopicLaterOrder, &mo
			}
			out.Intent = deploybot.Intent{Route: prev.Route, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1,
				SubjectApp: prev.App, SubjectEnv: prev.Env}
			return out
		}
	}
	if cur.Kind == deploybot.KindSmalltalk && asked.asks == "confirm" && ackRe.MatchString(strings.Trim(commandLine(cur.Text), "!. ")) {
		// "ok, got it" after a plan: neither a thanks nor a yes; the bot
		// asks for one.
		return r.unknown(cur)
	}
	if cur.Kind == deploybot.KindUnknown && !frag && strings.ContainsAny(cur.Text, "?¿") && (asked.asks == "" || asked.asks == "confirm") && len(suggestionsOf(asked.text)) == 0 &&
		(aboutADeployment(prev) || r.botCard([]string{asked.text}).App != "") && r.mayBeAbout(cur.Text) {
		// "what should I watch now?" after a deploy, "wait, is Thursday
		// 5pm a good time for this?" after its plan: a question about
		// that deployment, read as one (they were not understood).
		word := " (deploy)"
		if cur.Lang == deploybot.French {
			word = " (déploiement)"
		}
		if in := r.alone(ctx, cur.Text+word); in.Kind == deploybot.KindQuestion && !in.Intent.Intent.IsAction() {
			in.Text, in.Lang, in.FollowUp = cur.Text, cur.Lang, true
			if in.SubjectApp == "" {
				in.SubjectApp, in.SubjectEnv = prev.App, prev.Env
			}
			return in
		}
	}
	if cur.Kind == deploybot.KindUnknown && !frag && prev.Lang != "" {
		// Not understood in a conversation: answered in its language,
		// unless its words say theirs.
		if !r.saysLang(cur.Text) {
			cur.Lang = prev.Lang
			if asked.lang != "" {
				cur.Lang = asked.lang
			}
		}
		return r.unknown(cur)
	}
	switch prev.Kind {
	case deploybot.KindQuestion:
		if cur.Kind == deploybot.KindQuestion && continuesQuestion(cur.Text) && (cur.Confidence < minOwnQuestion || elliptical(cur.Text)) {
			// "and for a DB-heavy app?" after "blue-green or canary?", "et
			// pour la base de données ?" after "how do we roll back?": the
			// question goes on with the earlier one's subject.
			if in := r.route(prev.Text + "\n" + cur.Text); !in.Intent.IsAction() && (in.Confidence > cur.Confidence || elliptical(cur.Text)) {
				cur.Route, cur.Confidence, cur.FollowUp = in.Route, in.Confidence, true
			}
		}
	case deploybot.KindAction:
		m := sameThingRe.FindStringSubmatch(commandLine(cur.Text))
		if m == nil {
			m = sameEnvRe.FindStringSubmatch(commandLine(cur.Text)) // "now in production", "maintenant en prod"
		}
		if m != nil && !strings.Contains(cur.Text, "?") && prev.App != "" && asked.asks != "confirm" && !reportsFailure(asked.text) &&
			prev.Intent.Intent == deploybot.IntentDeploy && !hasFault(wordsOf(prev.Text)) && !strings.Contains(prev.Text, "?") {
			// "now the same thing to production", "et maintenant la même
			// en prod" after the person's deploy order: that order,
			// elsewhere (staging first still applies). Never after talk
			// about a deploy, which is no order.
			if e, ok := envWordOf(m[1]); ok && e != prev.Env {
				out := prev
				out.Env, out.UnknownEnv, out.From = e, "", ""
				return r.continued(out, cur)
			}
		}
		if from, ok := sameAsEnv(cur.Text); ok && prev.Intent.Intent == deploybot.IntentDeploy && prev.Version == "" &&
			from != prev.Env {
			// "same as staging", "celle de la recette" after "which
			// version?": the version that runs there, a promotion.
			out := prev
			out.From, out.Version, out.BadVersion = from, "", ""
			return r.continued(out, cur)
		}
		if frag && s.env != "" && s.env != prev.Env && prev.Intent.Intent == deploybot.IntentDeploy && reportsFailure(asked.text) {
			// "and in prod" after the bot said the deploy to staging
			// failed: no failed version carried on to production.
			return r.noCommand(cur)
		}
		if frag && s.app != "" && prev.App != "" && s.app != prev.App && slices.ContainsFunc(wordsOf(cur.Text), alsoWords.has) &&
			(asked.asks != "" || s.env == "" || s.version == "" || strings.Contains(cur.Text, "@") || slices.ContainsFunc(wordsOf(cur.Text), isWords.has)) {
			// "prod, l'api aussi" after web's question: two orders, one
			// of them another project's (it deployed api at web's
			// version); the bot asks again. ("and api 2.5.1 to staging
			// too" after web's deploy started: a whole order of its own.)
			return r.noCommand(cur)
		}
		if frag && asked.asks == "refused" && strings.ContainsAny(cur.Text, "?¿") {
			return cur // "bon ben en staging alors ?" after a refusal: asked, not ordered
		}
		if frag && r.projectsNamed(wordsOf(cur.Text)) > 1 {
			return r.noCommand(cur) // "and the backend, the web and the api": which one first? The bot asks
		}
		if frag {
			out := prev
			if cw := wordsOf(cur.Text); s.app != "" && !sameVersionSaid(cw) {
				// "fais pareil pour le crm" after shop v2.0.0's deploy: another
				// project's numbering is no version of its own (it planned web
				// 2.9.3 after api 2.9.3; web runs 1.4.x); the bot asks, unless
				// the answer keeps it ("same for web, same version").
				otherProject(&out, s.app, s.version)
			}
			if s.app != "" {
				out.App, out.UnknownApp = s.app, ""
			}
			if s.env != "" {
				out.Env, out.UnknownEnv = s.env, ""
			}
			if s.version != "" {
				out.Version, out.BadVersion = s.version, ""
			}
			return r.continued(out, cur)
		}
		if cur.Kind == deploybot.KindAction && cur.App == "" && cur.UnknownApp == "" && prev.App != "" {
			out := cur
			out.App = prev.App
			if cur.Intent.Intent != prev.Intent.Intent && !hasActionWord(normalize(cur.Text)) && !rbOrder(cur.Text) {
				// "3.14.1 c'est la dernière qui marchait" after "rollback
				// api production": a version said without a verb goes on
				// with the order before (it was read as a deploy).
				out.Intent.Intent, out.Route = prev.Intent.Intent, prev.Route
			}
			if out.Intent.Intent == prev.Intent.Intent {
				if out.Version == "" {
					out.Version = prev.Version
				}
				if out.From == "" {
					out.From = prev.From
				}
				if out.Env == "" && out.UnknownEnv == "" {
					out.Env = prev.Env // "la dernière, 3.7.2" after "déploie le front en prod"
				}
			}
			return r.continued(out, cur)
		}
	case deploybot.KindCommand:
		switch prev.Command {
		case deploybot.CmdStatus, deploybot.CmdHistory, deploybot.CmdDiff, deploybot.CmdRunbook, deploybot.CmdDrill,
			deploybot.CmdLock, deploybot.CmdUnlock, deploybot.CmdFreeze, deploybot.CmdUnfreeze, deploybot.CmdAudit, deploybot.CmdDora:
		case deploybot.CmdContext:
			if w := prev.Arg("what"); w != "show" && w != "approvers" {
				return cur // a setting changed for one project is never changed for another by "same for web"
			}
			// "same for web", "et pour le site ?" after "show context for
			// api": that project's context.
		default:
			return cur
		}

		if cur.Kind == deploybot.KindAction && cur.App == "" && cur.UnknownApp == "" && prev.App != "" &&
			(prev.Command == deploybot.CmdStatus || prev.Command == deploybot.CmdHistory || prev.Command == deploybot.CmdDiff && diffShipped(cur, prev, asked) ||
				prev.Command == deploybot.CmdRunbook && cur.Intent.Intent == deploybot.IntentRollback) &&
			hasActionWord(normalize(cur.Text)) {
			// (After "runbook api production" and its steps, "vas-y,
			// rollback vers la 5.19.3 en prod": that project's rollback.)
			// "ok roll it back" after "what's running on prod for api?",
			// "ok ship 5.4.2 to prod" after "diff web staging production":
			// the action on what the state was asked of.
			out := cur
			out.App = prev.App
			if out.Env == "" && out.UnknownEnv == "" {
				out.Env = prev.Env
			}
			if out.Intent.Intent == deploybot.IntentDeploy && out.Version == "" && out.From == "" {
				if ps := r.analyze(prev.Text).s; ps.version != "" && len(ps.versions) <= 1 {
					// "ok deploy it to staging then" after "is v2.6.2 of
					// the api on staging yet?": the version asked about.
					out.Version = ps.version
				} else if ps.version == "" && prev.Env != "" && out.Env != "" && prev.Env != out.Env {
					// "ok passe-la en prod" after "qu'est-ce qui tourne en
					// recette sur le site ?": what runs there.
					out.From = prev.Env
				}
			}
			return r.continued(out, cur)
		}
		reason := ""
		text := cur.Text
		if st := withoutToo(cur.Text); !frag && reasoned[prev.Command] && st != cur.Text && r.sameForNamed(st) {
			// "api too", "and api too, same reason" after "🔒 web/production
			// locked": the same for api, said in so many words ("too" is
			// no answer's word elsewhere: "api prod too" after talk
			// planned a rollback; "api too, meh" locked).
			text = st
			s, frag = r.fragment(text)
		}
		if !frag {
			// "prod : incident clos" after "unlock web" and "which
			// environment?": the slot, then the reason in a clause of
			// its own.
			if i, j, ok := clauseBreak(text); ok && i > 0 && reasoned[prev.Command] {
				if hs, ok := r.fragment(text[:i]); ok {
					s, frag, reason = hs, true, strings.TrimSpace(text[j:])
				}
			}
		}
		if frag && consequential[prev.Command] && (pickMocked(cur.Text) || namesPerson(cur.Text) || strings.ContainsAny(cur.Text, "?¿") ||
			slices.ContainsFunc(wordsOf(cur.Text), unsureAnswerWords.has) || takenBackWords(wordsOf(cur.Text)) ||
			reason != "" && (takesBack(wordsOf(reason)) || r.noReasonFor(reason, prev) || slices.ContainsFunc(wordsOf(reason), func(w string) bool {
				return negationWords.has(w) || w == "no" || w == "not" || w == "pas" || anywhereHedges.has(w) || deferrals.has(w) || w == "wait" || w == "still" || w == "toujours"
			}) || (prev.Command == deploybot.CmdUnlock || prev.Command == deploybot.CmdUnfreeze) && notAReason(wordsOf(reason)))) {
			// "same for front: it's still broken", "same for front, wait
			// for carol", "@bob same for front", "same for front 😂": no
			// order on the front (an attack had them unlock it).
			if cur.Kind == deploybot.KindQuestion && strings.ContainsAny(cur.Text, "?¿") && hasActionWord(normalize(cur.Text)) {
				// "et la recette, on peut toujours y déployer pendant le
				// gel ?" after a freeze: a question of its own, with its
				// verb, answered (it was not understood).
				return cur
			}
			return r.noCommand(cur)
		}
		if frag && changingAnswered[prev.Command] && refusedAnswer(cur.Text) {
			// "api... no, forget it", "l'api ? pourquoi ?", "pas l'api,
			// le site": no answer to act on; the bot asks again.
			return r.noCommand(cur)
		}
		if frag && s.version == "" {
			out := prev
			if s.app != "" {
				out.App, out.SubjectApp, out.UnknownApp = s.app, s.app, ""
			}
			if s.env != "" {
				out.Env, out.SubjectEnv, out.UnknownEnv = s.env, s.env, ""
			}
			if reason != "" && prev.Arg("reason") == "" {
				out.Args = copyArgs(prev.Args)
				out.Args["reason"] = reason
			}
			out.Text, out.FollowUp = cur.Text, true
			return out
		}
	}
	return cur
}

// deferralRe puts the order of a plan off, in folded words: "actually do
// it tomorrow", "on le fera lundi plutôt", "let's do it monday instead".
var deferralRe = mustCompile(`^(?:(?:actually|en fait|non|no|nope|finalement|bon|ok|hmm|euh|tant pis|too bad|alors|then|so|du coup)\s+)*(?:do it|let s do it|lets do it|we ll do it|we will do it|on le fera|on le fait|on fera ca|faisons-le|fais-le|fais le|do that|on la fera|on la fait|reporte|report it|postpone it|push it to|remets ca a)\b`)

// otherOneRe is a correction to "the other" environment or project, in
// folded words: "hmm no, the other env", "non c'est l'autre projet".
var otherOneRe = mustCompile(`^(?:(?:hmm|euh|non|no|nope|oops|oups|ah|sorry|pardon|en fait|actually)\s+)*(?:(?:wrong|mauvais)\s+(?:env|environment|environnement|project|projet|app)\s+)?(?:c est\s+|it s\s+|i meant\s+|je voulais dire\s+)?(?:the other|l autre|other)\s+(?:env|environment|environnement|project|projet|app|one)(?:\s+(?:please|pls|stp|svp))?$`)

// aboutADeployment reports whether the person's request before is about
// one deployment: an action, or a decision on one (confirm, approve, its
// outcome).
func aboutADeployment(prev deploybot.Request) bool {
	switch prev.Kind {
	case deploybot.KindAction:
		return true
	case deploybot.KindCommand:
		return prev.Command == deploybot.CmdConfirm || prev.Command == deploybot.CmdApprove || prev.Command == deploybot.CmdOutcome
	}
	return false
}

// mayBeAbout reports whether text, not understood alone, may be about
// what the conversation is about: no everyday subject, no person named
// ("qqn a vu Sophie ? le client la cherche"), and at least two words the
// corpus knows.
func (r *Router) mayBeAbout(text string) bool {
	known, about := 0, false
	words := wordsOf(text)
	for _, t := range r.analyze(text).m.tokens {
		if offTopicWords.has(t.norm) || personName(t.raw, t.norm) && !r.t.vocab.known(t.norm) && !r.namesSomething(t.norm) && untilDays[t.norm] == "" {
			return false
		}
		if len(t.norm) > 1 && isLetters(t.norm) && r.t.vocab.known(t.norm) {
			known++
		}
		about = about || r.t.domain.has(t.norm) && !stopWords.has(t.norm) || watchWords.has(t.norm)
	}
	if !about {
		// "wait, is Thursday 5pm a good time for this?": a moment is the
		// deployment's; "what's the wifi password?" names nothing of it.
		_, about = momentWithDay(text, words)
	}
	return known >= 2 && about
}

// watchWords ask what to watch: "what should I watch now?".
var watchWords = setOf("watch", "watching", "monitor", "monitoring", "surveiller", "surveille", "surveillance", "check", "verifier",
	"verifie", "look", "regarder", "regarde")

// continued is the action out, completed from the conversation, as the
// answer cur carries it on.
func (r *Router) continued(out, cur deploybot.Request) deploybot.Request {
	out.Kind, out.FollowUp = deploybot.KindAction, true
	out.Text = cur.Text
	if cur.Yes {
		out.Yes = true
	}
	if out.Intent.Intent == deploybot.IntentRollback {
		out.Route = deploybot.RouteRollback
	} else {
		out.Route = r.deployRoute(out.Env)
		if out.UnknownEnv != "" {
			out.Route = deploybot.RouteStaging
		}
	}
	out.SubjectApp, out.SubjectEnv = out.App, out.Env
	return out
}

// sameEnvRe is the person's last order again, in another environment
// named after a word of sequel: "now in production", "maintenant en
// prod", "ok now prod", "et en prod" (it planned a production rollback,
// review 12).
var sameEnvRe = mustCompile(`^(?:(?:and|et|now|maintenant|then|alors|ok|puis|next|ensuite)\s+)+(?:(?:to|on|in|en|sur|vers|into)\s+)?(?:the\s+|la\s+|l\s+)?(\S+)(?:\s+(?:now|maintenant|please|pls|plz|stp|svp|too|aussi))*$`)

// sameThingRe is an order again, elsewhere: "now the same thing to
// production", "et maintenant la même en prod".
var sameThingRe = mustCompile(`^(?:(?:and|et|now|maintenant|then|alors|ok|puis)\s+)*(?:the\s+)?(?:same(?:\s+thing)?|(?:la\s+)?meme\s+chose|la\s+meme|le\s+meme|pareil|idem|ditto|rebelote)(?:\s+(?:but|mais))?\s+(?:(?:to|on|in|en|sur|pour)\s+)?(?:the\s+|la\s+|l\s+)?(\S+)(?:\s+(?:now|maintenant|please|stp|svp|too|aussi))*$`)

// takesID are the commands that name a deployment by its id.
var takesID = map[deploybot.Command]bool{deploybot.CmdApprove: true, deploybot.CmdDeny: true, deploybot.CmdConfirm: true,
	deploybot.CmdCancel: true, deploybot.CmdTick: true, deploybot.CmdOutcome: true}

// copyArgs returns a copy of args, never nil.
func copyArgs(args map[string]string) map[string]string {
	out := make(map[string]string, len(args)+1)
	for k, v := range args {
		out[k] = v
	}
	return out
}

// hasActionWord reports whether a message holds a verb of deploying or
// rolling back.
func hasActionWord(m message) bool {
	for _, t := range m.tokens {
		if isActionWord(t.norm) {
			return true
		}
	}
	return false
}

// yesThenRe is a yes, then what it says yes to, in folded text: "yes,
// the one on staging", "oui, celle de la recette".
var yesThenRe = mustCompile(`^(?:yes|yep|yeah|yup|oui|ouais|ok|okay|go|confirm|confirme)\s+(.+)$`)

// oneOnRe names a version by where it runs, in folded text: "the one on
// staging", "celle de la recette", "same as staging" (not "what's on
// staging", which asks).
var oneOnRe = mustCompile(`^(?:the\s+one\s+(?:on|in)|(?:the\s+)?same(?:\s+one|\s+version)?\s+as|celle\s+(?:de|du|d|en|sur|qui\s+est\s+en)|la\s+meme\s+qu)\s`)

// listAskWords may stand in a request for "the list": "and show me the
// list now", "montre-moi la liste", "la liste stp".
var listAskWords = setOf("and", "et", "show", "montre", "montre-moi", "affiche", "affiche-moi", "me", "moi", "the", "la", "whole", "toute",
	"now", "maintenant", "please", "pls", "stp", "svp", "ok", "okay", "then", "alors", "full", "complete", "can", "you",
	"tu", "peux", "donne", "donne-moi", "give", "list", "liste")

// theListAsked reports whether text asks for "the list" and nothing else.
func theListAsked(text string) bool {
	ws := wordsOf(text)
	return len(ws) <= 8 && (slices.Contains(ws, "list") || slices.Contains(ws, "liste")) && !slices.ContainsFunc(ws, func(w string) bool { return !listAskWords.has(w) }) &&
		!strings.ContainsAny(text, "@~") && !pickMocked(text)
}

// projectCarried are the commands about one project that a bare
// command after them goes on with: "diff ?" after "status web".
var projectCarried = map[deploybot.Command]bool{deploybot.CmdStatus: true, deploybot.CmdHistory: true, deploybot.CmdDiff: true,
	deploybot.CmdRunbook: true, deploybot.CmdDora: true}

// bareCommandFillers may stand beside a bare command's word: "and the
// history?", "et le diff aussi ?", "show me the runbook".
var bareCommandFillers = setOf("and", "et", "the", "le", "la", "l", "les", "aussi", "too", "also", "then", "alors", "now", "maintenant",
	"please", "pls", "stp", "svp", "ok", "okay", "show", "montre", "moi", "me", "its", "son", "sa", "ses", "what", "about", "quid", "du", "de",
	"des")

// bareCommand reports whether text is one word of a command, with
// fillers at most: "diff ?", "and the history?", "historique aussi".
func bareCommand(text string) bool {
	n := 0
	for _, w := range wordsOf(text) {
		if !bareCommandFillers.has(w) {
			n++
		}
	}
	return n == 1
}

// askedOrderRe is the bot's question of the environment or the version
// of an order, which names its project and maybe its environment, and the
// order's kind: "Which version of api for production? I never guess
// one, …", "Which environment for the rollback of web?", "Sur quel
// environnement pour le déploiement de web ? staging ou production.", and
// the older "Quelle version de api ? La recette a 2.14.2", "Déployer web →
// production : quelle version ?". botWordsRe is what the bot writes after
// it: its list of environments, its note on versions.
var (
	askedOrderRe = mustCompile(`^(?:Which version of ([\w-]+)(?: for ([\w-]+))?\?|Quelle version de ([\w-]+)(?: pour ([\w-]+))? \?|` +
		`Which environment for the (deploy|rollback|promotion) of ([\w-]+)\?|` +
		`Sur quel environnement pour (?:le |la )(déploiement|rollback|promotion) de ([\w-]+) \?|` +
		`Déployer ([\w-]+) → ([\w-]+) : quelle version \?|Deploy ([\w-]+) → ([\w-]+): which version\?)`)
	botWordsRe = mustCompile(`^(?:\s*$|\s+(?:I never guess|Je ne devine jamais|Staging runs|Production runs|La recette a|La production a|` +
		`[\w-]+(?:, [\w-]+)*,? (?:or|ou) [\w-]+\.?$))`)
)

// askedOrder returns the order the bot's question asks a slot of: its
// verb ("deploy", "rollback", "promote"), project and environment (for a
// version), and whether the rest of the question is the bot's own words
// (a person's "Which version of api for staging? I forgot" is not); ok
// false when the question names no project.
func (r *Router) askedOrder(asked string) (verb, app, env string, own, ok bool) {
	asked = strings.TrimSpace(asked)
	loc := askedOrderRe.FindStringSubmatchIndex(asked)
	if loc == nil {
		return "", "", "", false, false
	}
	group := func(i int) string {
		if loc[2*i] < 0 {
			return ""
		}
		return asked[loc[2*i]:loc[2*i+1]]
	}
	verb = "deploy"
	switch group(5) + group(7) {
	case "rollback":
		verb = "rollback"
	case "promotion":
		verb = "promote"
	}
	app, ok = r.project(strings.ToLower(group(1) + group(3) + group(6) + group(8) + group(9) + group(11)))
	if !ok {
		return "", "", "", false, false
	}
	return verb, app, group(2) + group(4) + group(10) + group(12), botWordsRe.MatchString(asked[loc[1]:]), true
}

// orderLike reports whether a person's message may be the order a bot's
// question followed: short, and no negation, report, condition, later
// moment, question or mention ("faut pas toucher au backend en prod",
// "bob deployed the backend in prod yesterday", "tomorrow hotfix the
// backend in prod", "@julie can you rollback the site?" are talk).
func (r *Router) orderLike(ctx context.Context, text string) bool {
	if strings.ContainsAny(text, "?¿@>\"«»“”:") || strings.ContainsFunc(text, func(c rune) bool { return c >= 0x2000 }) {
		return false
	}
	ws := wordsOf(text)
	if len(ws) == 0 || len(ws) > 10 || questionHeads.has(ws[0]) || r.projectsNamed(ws) > 1 || laterMoment(text) || slices.ContainsFunc(ws, func(w string) bool {
		return negationWords.has(w) || w == "not" || w == "pas" || w == "no" || w == "never" || w == "jamais" || contractedNot.has(w) ||
			laterSaid.has(w) || reportVerbs.has(w) || conditionHedges.has(w) || laterTimes.has(w) || futureForms.has(w) || w == "won" ||
			w == "faut" || w == "should" || w == "must" || w == "would" || w == "d" || anywhereHedges.has(w) || drillDoubts.has(w) ||
			tailJokes.has(w) || takesBack([]string{w}) || orderTold.has(w)
	}) {
		return false
	}
	if _, ok := momentOf(text, ws); ok {
		return false // "rollback the site at 5pm"
	}
	if len(ws) <= 3 && !slices.ContainsFunc(ws, isActionWord) {
		return true // an answer: "api", "staging", "le back"
	}
	// An order, as the message reads alone, or one opened by its verb
	// ("hotfix the backend in prod"); not "bob, rollback the site".
	if i := strings.IndexByte(text, ','); i > 0 && len(wordsOf(text[:i])) == 1 && r.analyze(text[:i]).s.app == "" && !isActionWord(ws[0]) {
		return false
	}
	return r.alone(ctx, text).Kind == deploybot.KindAction || imperativeOf(commandLine(text)) != "" || ws[0] == "hotfix"
}

// orderTold are words that tell an order done, a habit or a step: "rolled
// back the site", "rollback du site fait", "I deploy the backend every
// friday", "step 3: …".
var orderTold = setOf("rolled", "reverted", "fait", "faite", "done", "every", "chaque", "tous", "toutes", "always", "toujours", "usually",
	"souvent", "often", "step", "etape", "then", "puis", "ensuite", "could", "might", "pourrait", "pourrais", "perhaps")

// minOwnQuestion is the confidence under which a question that continues
// the one before it ("and for a DB-heavy app?") is routed with it.
const minOwnQuestion = 0.5

// elliptical reports whether a question that continues another is only
// its cue and a few words, no question of its own: "et pour la base de
// données ?", "and canary?", "what about the sessions?".
func elliptical(text string) bool {
	return len(wordsOf(text)) <= 6
}

// continuesQuestion reports whether a question starts as the sequel of
// another: "and ...", "et si ...", "what about ...", "same for ...".
func continuesQuestion(text string) bool {
	ws := wordsOf(text)
	if len(ws) == 0 || len(ws) > 10 {
		return false
	}
	if ws[0] == "ok" || ws[0] == "so" || ws[0] == "alors" || ws[0] == "donc" {
		ws = ws[1:]
	}
	if len(ws) < 2 {
		return false
	}
	switch ws[0] {
	case "and", "et", "also", "aussi", "pareil", "same", "idem":
		return true
	case "what", "how":
		return ws[1] == "about"
	}
	return false
}

// underwayTold reports whether text tells of something under way
// ("rollback en cours sur le site", "rollback in progress on web"): the
// reason a lock was asked for, not an order (it rolled the site back).
func underwayTold(text string) bool {
	ws := wordsOf(text)
	for i, w := range ws {
		switch {
		case w == "ongoing" || w == "underway":
			return true
		case w == "cours" && i > 0 && ws[i-1] == "en", w == "progress" && i > 0 && ws[i-1] == "in", w == "running" && i > 0 && i == len(ws)-1 && !isEnvName(ws[i-1]):
			return true
		}
	}
	return false
}

// doItLaterOrElse reports whether a "do it" is for later, someone
// else's or the writer's own ("ok do it tomorrow", "ok do it after lunch",
// "ok julie do it", "ok je le fais"): no order for the bot now.
func doItLaterOrElse(text string) bool {
	cw := wordsOf(text)
	_, moment := momentOf(text, cw)
	return slices.ContainsFunc(cw, laterTimes.has) || slices.ContainsFunc(cw, laterSaid.has) || namesPerson(text) || laterMoment(text) ||
		moment || slices.ContainsFunc(cw, laterSlang.has) || slices.ContainsFunc(cw, doItConditions.has) || slices.ContainsFunc(cw, doersElse.has) ||
		slices.Contains(cw, "je") && !slices.Contains(cw, "fais-le") && !slices.Contains(cw, "fais-la")
}

// doItConditions put a "do it" after something: "ok do it after lunch".
var doItConditions = setOf("after", "apres", "once", "when", "quand", "lorsque", "until", "jusqu")

// laterSlang are later moments in chat's spelling an answer may give
// alone: laterSpelled's, and "tmr", "eow", "demin", "tantôt", "aprem".
var laterSlang = setOf(append(append(slices.Clone(tomorrowSpellings), laterTodaySpelled...), "tmr", "later", "eow", "demin", "tantot", "tard",
	"aprem")...)

// doersElse name someone else doing it: "ok someone do it", "ok team do
// it" (not "ok you do it": said to the bot).
var doersElse = setOf("someone", "somebody", "quelqu", "team", "equipe", "ops", "on-call", "astreinte", "il", "elle",
	"they", "ils", "he", "she")

// doItOnly reports whether text orders with a word that names no action
// ("fais-le", "do it", "go", "vas-y") and no deploy or rollback word:
// "ok fais-le, api prod".
func doItOnly(text string) bool {
	ws := wordsOf(text)
	return slices.ContainsFunc(ws, doItWords.has) && !hasRollbackStem(ws) && !slices.ContainsFunc(ws, deployVerbs.has) &&
		!slices.ContainsFunc(ws, func(w string) bool { _, ok := orderNouns[w]; return ok })
}

// keyNamed reports whether text names the strategy's key: "strategy",
// "stratégie".
func keyNamed(text string) bool {
	return slices.ContainsFunc(wordsOf(text), func(w string) bool { return strings.HasPrefix(w, "strateg") })
}

// doAskOpeners open a question that asks to do something: "should we
// roll back?", "on rollback l'api ?", "can we deploy?".
var doAskOpeners = setOf("should", "shall", "can", "could", "do", "we", "on", "faut", "faut-il", "est-ce", "est", "tu", "vous", "let", "how", "comment",
	"lets", "peut-on", "dois-je", "doit-on", "je", "i", "rollback", "deploy", "on")

// doItWords order without naming the action: "fais-le", "do it".
var doItWords = setOf("fais-le", "fais-la", "fais", "do", "go", "vas-y", "fonce", "lance-le", "lance-la")

// sameAsRe is an answer naming the environment whose version to take:
// "same as staging", "the one on staging", "pareil qu'en recette",
// "celle de la preprod", "ce qui est en staging".
var sameAsRe = mustCompile(`^(?:(?:the\s+)?same(?:\s+one|\s+version)?\s+as|the\s+one\s+(?:(?:that\s+s|that\s+is|which\s+is|running|deployed)\s+)?(?:on|in)|what\s+s\s+(?:on|in)|what\s+is\s+(?:on|in)|whatever\s+s\s+(?:on|in)|whatever\s+is\s+(?:on|in)|` +
	`pareil\s+qu|la\s+meme(?:\s+version)?\s+qu|la\s+meme(?:\s+version)?\s+que|celle\s+(?:de|du|d|en|sur|qui\s+est\s+en|qui\s+tourne\s+en|qui\s+tourne\s+sur)|ce\s+qui\s+(?:est|tourne)\s+(?:en|sur)|ce\s+qu\s+il\s+y\s+a\s+(?:en|sur))` +
	`(?:\s+(?:en|on|in|sur|the|la|le|l)){0,2}\s+(\S+)(?:\s+(?:right\s+now|now|currently|today|en\s+ce\s+moment|actuellement|maintenant))?(?:\s+(?:please|pls|stp|svp|merci|then|alors))?$`)

// runsOnRe names the environment whose version to take as the subject
// that runs it: "whatever staging is running" ("what staging runs right
// now" may ask).
var runsOnRe = mustCompile(`^whatever\s+(\S+)\s+(?:is\s+running|runs|s\s+running|currently\s+runs|is\s+currently\s+running)(?:\s+(?:right\s+now|now|currently|today))?(?:\s+(?:please|pls|then))?$`)

// sameAsEnv returns the environment a sameAsRe answer names.
func sameAsEnv(text string) (string, bool) {
	if strings.ContainsAny(text, "?¿@") || strings.IndexFunc(text, unicode.IsSymbol) >= 0 {
		// "what's on staging right now?" asks; "@carol whatever is on
		// staging", "… 😂" say it to someone or in jest.
		return "", false
	}
	m := sameAsRe.FindStringSubmatch(commandLine(text))
	if m == nil {
		m = runsOnRe.FindStringSubmatch(commandLine(text))
	}
	if m == nil {
		return "", false
	}
	env, ok := envWordOf(m[1])
	return env, ok
}

// randomLetters reports whether a word cannot be read aloud: no vowel, or
// four consonants in a row ("sdkfj", "qsdfqsdf", "gfh").
func randomLetters(w string) bool {
	run, vowels := 0, 0
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			vowels++
			run = 0
		default:
			run++
			if run >= 4 {
				return true
			}
		}
	}
	return vowels == 0
}

// correctedSlotAnswer reads an answer to the bot's question for a slot
// that corrects the order it completes: "euh non pas le site, l'api, en
// recette" after "Sur quel environnement pour le déploiement de web ?",
// "wait no, I meant web, on prod" after "Which environment for the
// rollback of api?", "staging, and make it v2.5.1 actually" after the
// environment of api v2.5.0 was asked: the order with the slots the answer
// gives (another project drops the version, which was the other's), as
// any answer, to be planned and confirmed. The correction must say so (a
// no, a wait, "I meant", "actually", or the order's value taken back) and
// the rest be only slots ("web. no, api", "pas le site, le front est ok"
// are no answer: the bot asks again).
func (r *Router) correctedSlotAnswer(cur, prev deploybot.Request, asked botTurn) (deploybot.Request, bool) {
	if !slotAsks[asked.asks] || prev.Kind != deploybot.KindAction || strings.ContainsAny(cur.Text, "?¿~`*") || pickMocked(cur.Text) ||
		namesPerson(cur.Text) {
		return cur, false
	}
	words, kind := r.withoutOldValue(wordsOf(cur.Text), prev)
	said := kind != ""
	rest := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case correctionOpeners.has(w) && w != "euh" || w == "actually" || w == "finalement" || w == "instead" || w == "plutot" || w == "rather":
			said = true
		case (w == "meant" || w == "mean") && i > 0 && words[i-1] == "i", w == "dire" && i > 0 && (words[i-1] == "voulais" || words[i-1] == "veux"):
			said = true
		case w == "make" && i+1 < len(words) && words[i+1] == "it":
			i++ // "make it v2.5.1"
		case w == "voulais" || w == "veux":
		default:
			rest = append(rest, w)
		}
	}
	if !said || len(rest) == 0 || slices.ContainsFunc(rest, func(w string) bool {
		return negationWords.has(w) || w == "not" || w == "pas" || w == "but" || w == "mais" || w == "too" || w == "aussi" || w == "also"
	}) {
		return cur, false
	}
	s, frag := r.fragment(strings.Join(rest, " "))
	if !frag || s.negated || s.badVersion != "" || kind == "app" && s.app == "" || kind == "env" && s.env == "" ||
		kind == "version" && s.version == "" || r.projectsNamed(rest) > 1 || envsNamed(rest) > 1 {
		return cur, false
	}
	out := prev
	if s.app != "" && s.app != prev.App {
		out.App = s.app
		if prev.App != "" {
			out.Version = "" // the versions were the other project's
		}
	}
	if s.env != "" {
		out.Env = s.env
	}
	if s.version != "" {
		out.Version = s.version
	}
	if !(prev.App != "" && out.App != prev.App || prev.Env != "" && out.Env != prev.Env || prev.Version != "" && out.Version != prev.Version) {
		return cur, false // "no, staging" after "Which environment?": a slot filled, nothing corrected
	}
	return r.continued(out, cur), true
}

// correctedPlan reads an answer to a plan's "Confirm?" that changes the
// plan instead ("non attends, mets plutôt la v3.9.1 en prod", "wait, roll
// back to 3.9.2 instead", "actually make it production"): the plan's
// action with the slots the answer gives, a new plan. The plan asked
// about is not confirmed; the new one is confirmed in turn.
func (r *Router) correctedPlan(ctx context.Context, cur, prev deploybot.Request, asked botTurn) (deploybot.Request, bool) {
	if asked.asks != "confirm" && asked.asks != "refused" || prev.Kind != deploybot.KindAction {
		return cur, false
	}
	if keepSaid(cur.Text) {
		return cur, false // "actually v1.4.1, I just tagged a fix, but keep v1.4.0 for now": which one?
	}
	if rest, ok := yesBut(cur.Text); ok && !pickMocked(cur.Text) {
		// "yes but on staging, not prod", "oui mais la 3.8.4, pas la
		// 3.8.3": the change after the yes, never the yes.
		if head, ok := newValuePraised(rest); ok {
			rest = head // "yes but with v3.2.3, it has the migration fix"
		}
		if !correctionSaid(wordsOf(rest)) {
			rest = "plutôt " + rest // the "but" says it changes: "oui mais la 3.8.4"
		}
		if out, ok := r.correctedPlan(ctx, r.alone(ctx, rest), prev, asked); ok {
			out.Text = cur.Text
			return out, true
		}
	}
	if cls := clauses(cur.Text); len(cls) >= 2 && !strings.ContainsAny(cur.Text, "?¿") && notYetChecked(wordsOf(cls[len(cls)-1])) {
		// "euh non en recette, c'est pas validé": the change, then why
		// (its "pas" is the reason's, not a no to the change).
		if head, ok := beforeClause(cur.Text, cls[len(cls)-1]); ok {
			if out, ok := r.correctedPlan(ctx, r.alone(ctx, head), prev, asked); ok && out.Kind == deploybot.KindAction &&
				out.Env == deploybot.EnvStaging && r.planned(prev, asked).Env == deploybot.EnvProduction && out.App == prev.App {
				// (Only back to staging, the same project: "no, prod, it's
				// not validated" moved a staging plan to production.)
				out.Text = cur.Text
				return out, true
			}
		}
	}
	if short, ok := restatedVersion(cur.Text); ok && !strings.ContainsAny(cur.Text, "?¿") && directionHolds(cur.Text, versionToken(short), prev.Version) {
		// "ah non : la rc.2, v3.0.0-rc.2", "non, le commit d'après :
		// b2c3d4e": the new version described, then written.
		if out, ok := r.correctedPlan(ctx, r.alone(ctx, short), prev, asked); ok && out.Kind == deploybot.KindAction {
			out.Text = cur.Text
			return out, true
		}
	}
	if head, ok := ownSlipAfter(cur.Text); ok && !strings.ContainsAny(cur.Text, "?¿") {
		// "euh non, la 2.25.1, j'ai retagué", "no, 4.1.1, I retagged it":
		// the change, then the writer's own account of it.
		if out, ok := r.correctedPlan(ctx, r.alone(ctx, head), prev, asked); ok {
			out.Text = cur.Text
			return out, true
		}
	}
	if prev.Intent.Intent == deploybot.IntentRollback {
		if loc := brokenCleftRe.FindStringIndex(cur.Text); loc != nil && !strings.ContainsAny(cur.Text, "?¿") {
			// "no wait — it's the api that's broken, not the site", "non
			// attends, c'est l'api qui plante" after a rollback's plan: the
			// project to roll back, said with why.
			if out, ok := r.correctedPlan(ctx, r.alone(ctx, cur.Text[:loc[0]]+cur.Text[loc[1]:]), prev, asked); ok && out.Intent.Intent == deploybot.IntentRollback {
				// ("c'est la prod qui plante, pas la recette": the rollback
				// where it is broken, a new plan that waits for its yes.)
				out.Text = cur.Text
				return out, true
			}
		}
	}
	if m := holdOnRe.FindStringIndex(cur.Text); m != nil && holdOnChange(wordsOf(cur.Text[m[1]:])) {
		// "hold on, v3.0.1 not v3.0.0": a wait said in two words.
		if out, ok := r.correctedPlan(ctx, r.alone(ctx, "wait"+cur.Text[m[1]:]), prev, asked); ok {
			out.Text = cur.Text
			return out, true
		}
	}
	if m := firstBeforeRe.FindStringIndex(cur.Text); m != nil && envBefore(cur.Text[:m[0]]) {
		// "non, mets-la en staging avant": "avant" after the environment
		// says first, as "d'abord" does (it read a going back, and the
		// no cancelled the plan).
		if out, ok := r.correctedPlan(ctx, r.alone(ctx, cur.Text[:m[0]]+" d'abord"), prev, asked); ok {
			out.Text = cur.Text
			return out, true
		}
	}
	planApp, _ := r.planTarget(asked.text)
	if planApp != "" && prev.App != "" && planApp != prev.App {
		return cur, false // the plan answered is not the person's last request's: "et l'api aussi" and the api's plan after web's
	}
	samePlan := planApp != "" && planApp == prev.App
	if m := ratherThanRe.FindStringIndex(commandLine(cur.Text)); m != nil && samePlan && !strings.ContainsAny(cur.Text, "?¿~`*_") && !hasMoment(cur.Text) &&
		!strings.ContainsFunc(cur.Text, func(c rune) bool { return c >= 0x2000 && c != '’' }) &&
		!slices.ContainsFunc(wordsOf(cur.Text), func(w string) bool {
			return negationWords.has(w) || colleagueNoOrders.has(w) || w == "not" || w == "pas"
		}) {
		// "hmm en fait la v4.6.0 plutôt que la rc": the change, without
		// the value it replaces.
		if head := strings.TrimSpace(commandLine(cur.Text)[:m[0]]); head != "" {
			if out, ok := r.correctedPlan(ctx, r.alone(ctx, head+" plutot"), prev, asked); ok {
				out.Text = cur.Text
				return out, true
			}
		}
	}
	if i, _, ok := clauseBreak(cur.Text); ok && i > 0 && samePlan && !strings.ContainsAny(cur.Text, "?¿") && slices.ContainsFunc(wordsOf(cur.Text[:i]), changeMarks.has) {
		// The reason is the clauses after the change, as many as say
		// only why: "actually, prod. it's tested already" (the change
		// takes two clauses).
		cls := clauses(cur.Text)
		k := len(cls)
		for k > 1 && r.plainReason(cls[k-1]) {
			k--
		}
		plain := k < len(cls)
		if plain && k > 1 {
			if at := reasonAt(cur.Text, cls, k); at > 0 {
				i = at
			} else {
				plain = false
			}
		}
		if head := cur.Text[:i]; plain && envsNamed(wordsOf(head)) <= 1 && r.projectsNamed(wordsOf(head)) <= 1 && !strings.ContainsAny(cur.Text, "~`*") &&
			!strings.ContainsFunc(cur.Text, func(c rune) bool { return c >= 0x2000 && c != '’' }) {
			// "non, en recette d'abord, c'est le premier deploy de théo":
			// the change, then only why.
			if out, ok := r.correctedPlan(ctx, r.alone(ctx, cur.Text[:i]), prev, asked); ok {
				out.Text = cur.Text
				return out, true
			}
		}
	}
	if cur.Kind == deploybot.KindCommand && cur.Arg("id") != "" {
		return cur, false
	}
	if pickMocked(cur.Text) || strings.ContainsAny(cur.Text, "?¿") || namesPerson(cur.Text) {
		return cur, false // "actually make that prod 😂", "just roll it back?", "carol, roll it back instead"
	}
	words := wordsOf(cur.Text)
	if endsAsking(words) || strings.Contains(cur.Text, "~") {
		return cur, false // "non, la prod, pas la recette hein", "no, ~prod~, not staging": asked, or struck through
	}
	plan := r.planned(prev, asked)
	stripped, taken := r.withoutOldValue(words, plan)
	if len(stripped) < len(words) && strings.IndexFunc(cur.Text, unicode.IsSymbol) >= 0 {
		stripped = words // "not api, web ✅": a verdict on web, no change to it
	}
	// "non, staging", "wait, staging not prod", "the backend, not the
	// site": a no or a wait that opens a change (opened), or the plan's
	// value taken back, say a correction as well as "plutôt" does.
	opened := !correctionSaid(words) && len(stripped) == len(words)
	first := 0
	for first < len(words)-1 && interjections.has(words[first]) && !correctionOpeners.has(words[first]) {
		first++ // "ah non, en staging d'abord alors", "mmh non, 5.3.0"
	}
	if opened && !(len(words) > first+1 && correctionOpeners.has(words[first])) {
		return cur, false
	}
	for first+1 < len(words)-1 && (correctionOpeners.has(words[first+1]) || answerNo.has(words[first+1]) && words[first+1] != "pas" &&
		words[first+1] != "dont") && correctionOpeners.has(words[first]) {
		first++ // "wait no — 4.2.2, …": both open the change
	}
	if opened && remarkIn(firstEnvClause(cur.Text)) {
		return cur, false // "non, la recette est ok": a remark on staging, no change to it
	}
	if opened && slices.ContainsFunc(words[first+1:], func(w string) bool {
		return negationWords.has(w) || w == "pas" || w == "no" || w == "non" || w == "never" || w == "jamais" || w == "sans" || w == "without"
	}) {
		return cur, false // "no, don't deploy to staging": a no, and what not to do
	}
	if slices.ContainsFunc(words, alsoWords.has) {
		return cur, false // "euh, staging aussi", "no, and staging too": one more, not a change
	}
	if (slices.Contains(words, "first") || slices.Contains(words, "abord")) && slices.ContainsFunc(words, nextStepWords.has) {
		return cur, false // "actually staging first, then api": two steps, not one change
	}
	words, text := stripped, cur.Text
	if len(words) != len(wordsOf(cur.Text)) {
		// "euh staging en fait, pas la prod": the change, without the
		// plan's value it takes back.
		text = strings.Join(words, " ")
	}
	// A no may open the correction ("non attends, mets plutôt…"); one
	// after it negates what it names ("non, finalement pas la 3.9.1").
	i := 0
	if len(words) > 2 && (words[0] == "actually" || words[0] == "finalement") && (correctionOpeners.has(words[1]) || answerNo.has(words[1])) {
		i = 1 // "actually no wait, make it v5.1.2"
	}
	for i < len(words) && (interjections.has(words[i]) || answerNo.has(words[i]) && words[i] != "pas" && (i == 0 || words[i] != "dont") || words[i] == "oops" ||
		words[i] == "sorry" || words[i] == "pardon" || i > 0 && (words[i] == "wait" || words[i] == "attends" || words[i] == "finalement" || words[i] == "actually")) {
		i++ // "no wait, just roll it back instead", "non finalement fais plutôt un rollback"; not "no wait, don't …"
	}
	if slices.ContainsFunc(words[i:], func(w string) bool { return w == "mean" || w == "meant" || w == "dire" }) && slices.ContainsFunc(words[i:], isActionWord) {
		return cur, false // "no wait, just roll it back instead, i mean deploy": which one?
	}
	for _, w := range words[i:] {
		if negationWords.has(w) || w == "pas" || w == "sans" || w == "without" || w == "no" || w == "non" || w == "don" || w == "dont" ||
			w == "never" || w == "jamais" || w == "ne" {
			return cur, false // "no, don't deploy to staging"
		}
	}
	rest := strings.Join(words[i:], " ")
	if cur.Kind != deploybot.KindAction && i > 0 {
		// "attends, fais plutôt un rollback": the order after the
		// interjections that opened the answer.
		if alt := r.alone(ctx, rest); alt.Kind == deploybot.KindAction {
			alt.Text = cur.Text
			cur = alt
		}
	}
	if cur.Kind == deploybot.KindAction && cur.From != "" && prev.Intent.Intent == deploybot.IntentDeploy && (cur.App == "" || cur.App == prev.App) &&
		(prev.From != cur.From || prev.Env != cur.Env) && !laterMoment(rest) {
		// "hmm no, promote what's on staging instead" after "deploy api
		// 3.8.2 to prod": the plan's project, shipped from staging.
		out := cur
		out.App, out.UnknownApp = prev.App, ""
		if prev.Version != "" && cur.From == deploybot.EnvStaging && cur.Env == deploybot.EnvProduction && !sourceNamed(wordsOf(cur.Text)) &&
			firstEnvOf(wordsOf(cur.Text)) == deploybot.EnvProduction {
			// "actually prod, it's been on staging since monday", "non, en
			// prod directement, c'est déjà validé en recette" after web
			// 3.8.1's plan: the plan's version, said to be on staging, not
			// whatever staging runs (staging_first checks the claim).
			out = prev
			out.Env, out.UnknownEnv, out.From = cur.Env, cur.UnknownEnv, ""
		}
		return replacing(r.continued(out, cur), asked), true
	}
	m := normalize(text)
	s, _ := r.ix.extract(&m, r.t.vocab)
	other := cur.Intent.Intent == deploybot.IntentRollback && hasRollbackStem(words) ||
		cur.Intent.Intent == deploybot.IntentDeploy && hasActionVerb(words) && !hasRollbackStem(words)
	other = other && cur.Kind == deploybot.KindAction && cur.Intent.Intent != prev.Intent.Intent
	if other && s.version != "" && s.version != prev.Version && prev.Intent.Intent == deploybot.IntentDeploy &&
		!slices.ContainsFunc(words, func(w string) bool {
			return w == "rollback" || w == "roll" || w == "revert" || w == "rb" || w == "arriere"
		}) {
		other = false // "wait, undo, 3.0.3 not 3.0.2": the version changed, no rollback instead
	}
	if opened && other {
		return cur, false // "nan annule": a no and a cancel, not a rollback instead ("no, roll back instead" says it)
	}
	if s.app == "" && s.env == "" && s.version == "" && !other {
		return cur, false
	}
	if taken != "" && !r.replacesTaken(s, plan, taken, words) {
		// "non, la prod, pas la rc.3", "no, web, not production", "no,
		// uat and staging, not production": what replaces the value taken
		// back is not one value of its kind (each re-planned the rc.3,
		// or dropped the "not"); a no. ("rollback to 2.8.0, not 2.9.0"
		// replaces a deploy's plan with a rollback's, which waits for its
		// own yes.)
		return cur, false
	}
	if opened && (laterMoment(rest) || envsNamed(firstEnvClause(cur.Text)) > 1 || r.projectsNamed(words) > 1) {
		return cur, false // "no, staging later", "non, recette et prod": a no, not one change to plan now
	}
	if laterMoment(rest) {
		// "en fait la 3.2.1 demain matin": a change for later is no order
		// for now (the bot does not schedule); the plan waits.
		return r.noCommand(cur), true
	}
	if strings.Contains(cur.Text, "?") || !r.onlyChange(words[i:]) && !r.changeWithReason(cur.Text, len(wordsOf(cur.Text))-len(words)+i) {
		// "actually production is frozen this week", "Julie says rather
		// v1.0.1", "plutôt en prod, c'est ce que voulait Carol ?": talk
		// about the plan, no change of it.
		return cur, false
	}
	if negated(words[i:]) || r.givesNoOrder(rest, rest) {
		return cur, false
	}
	out := prev
	if other {
		// "wait, roll back instead": the other action, on the plan's
		// project and environment.
		out = cur
		if out.App == "" && out.UnknownApp == "" {
			out.App = prev.App
		}
		if out.Env == "" && out.UnknownEnv == "" {
			out.Env = prev.Env
		}
		return replacing(r.continued(out, cur), asked), true
	}
	if opened && (s.app == "" || s.app == prev.App) && (s.env == "" || s.env == prev.Env) && (s.version == "" || s.version == prev.Version) {
		return cur, false // "no, production" to production's plan: a no, nothing changed
	}
	if s.app != "" {
		if !sameVersionSaid(wordsOf(cur.Text)) && !(prev.FollowUp && versionToken(prev.Text) == "" && r.analyze(prev.Text).s.app != "") {
			// (Not "oops I meant the backend, same version same env"; nor
			// "non c'est le site, pas l'api" after "déploie 1.0.2 en
			// recette", "Which project?", "api" and the plan: the version
			// was said before any project, for the one meant.)
			otherProject(&out, s.app, s.version)
		}
		out.App, out.UnknownApp = s.app, ""
	}
	if s.env != "" {
		out.Env, out.UnknownEnv = s.env, ""
	}
	if s.version != "" {
		out.Version, out.BadVersion, out.From = s.version, "", ""
	}
	if out.Intent.Intent == deploybot.IntentDeploy && hasRollbackStem(r.withoutProjectNames(words)) && s.version == "" {
		return cur, false // "non, c'est le site qu'il faut rollback" after a deploy's plan: a rollback asked, no deploy of the site
	}
	return replacing(r.continued(out, cur), asked), true
}

// planned is prev, the order the bot's plan answered, with the
// environment and the version the plan shows where the order left them to
// the bot ("deploy api 2.9.0" planned for production): "staging, not
// production" takes back the plan's production.
func (r *Router) planned(prev deploybot.Request, asked botTurn) deploybot.Request {
	if prev.Env != "" && prev.Version != "" {
		return prev
	}
	app, env := r.planTarget(asked.text)
	if app == "" || app != prev.App && prev.App != "" {
		return prev
	}
	if prev.Env == "" {
		prev.Env = env
	}
	if prev.Version == "" {
		prev.Version = planVersion(asked.text)
	}
	return prev
}

// withoutOldValue returns the words of a plan's correction without the
// last ones when they only take back the plan's own project, environment
// or version ("staging en fait, pas la prod", "make it 2.1.0, not
// 2.0.9"), and the kind of the value taken back: "app", "env",
// "version", or "" when none is.
func (r *Router) withoutOldValue(words []string, plan deploybot.Request) ([]string, string) {
	kind := ""
	oldKind := func(w string) string {
		if plan.Version != "" && (w == plan.Version || "v"+w == plan.Version || w == "v"+plan.Version) {
			return "version"
		}
		if len(w) >= 3 && strings.HasSuffix(plan.Version, "-"+w) && strings.ContainsAny(w, "0123456789") {
			return "version" // "pas la rc.3" for 4.0.0-rc.3
		}
		if a, ok := r.project(w); ok && a == plan.App {
			return "app"
		}
		if a := r.ix.short[w]; a != "" && a == plan.App {
			return "app" // "pas le back" for the backend's plan: after "not", no verb's particle
		}
		if e, ok := envWordOf(w); ok && e == plan.Env {
			return "env"
		}
		if e, ok := r.ix.envs[w]; ok && e == plan.Env {
			return "env" // "not qa", "pas en démo": a configured environment
		}
		return ""
	}
	old := func(w string) bool { return oldKind(w) != "" }
	for n := len(words) - 1; n >= 0; n-- {
		if w := words[n]; w != "pas" && w != "not" && (n == 0 || w != "no" && w != "non") {
			continue
		}
		// "not api, web", "pas l'api, le front": the plan's value taken
		// back, where it stands; what follows it is the change.
		named, end := false, n+1
		for j := n + 1; j < len(words); j++ {
			if k := oldKind(words[j]); k != "" {
				named, end, kind = true, j+1, k
			} else if !fillers.has(words[j]) {
				break
			}
		}
		if !named {
			return words, ""
		}
		rest := words[end:]
		if !slices.ContainsFunc(rest, func(w string) bool { return !fillers.has(w) }) {
			return words[:n], kind
		}
		// What follows is the new value alone ("le front", "but web"),
		// not a remark on it ("le front est ok") nor the old one again
		// ("web and api").
		for _, w := range rest {
			if old(w) || !fillers.has(w) && !insteadWords.has(w) && !r.slotWord(w) && versionToken(w) == "" {
				return words, ""
			}
		}
		return append(slices.Clip(words[:n]), rest...), kind
	}
	return words, ""
}

// replacesTaken reports whether s, the slots of a change that took back
// the plan's value of kind taken ("app", "env", "version"), gives one
// other value of that kind and changes nothing else.
func (r *Router) replacesTaken(s slots, plan deploybot.Request, taken string, words []string) bool {
	envs := envsNamed(words)
	for _, w := range words {
		if _, extra := r.ix.envs[w]; extra {
			envs++ // "no, uat and staging, not production"
		}
	}
	if envs > 1 || r.projectsNamed(words) > 1 {
		return false
	}
	changed := map[string]bool{
		"app":     s.app != "" && s.app != plan.App,
		"env":     s.env != "" && s.env != plan.Env,
		"version": s.version != "" && !sameVersion(s.version, plan.Version),
	}
	for k, c := range changed {
		if c != (k == taken) {
			return false
		}
	}
	return true
}

// questionTags end a statement that asks to be confirmed: "staging, not
// production, right".
var questionTags = setOf("right", "correct", "hein", "innit")

// endsAsking reports whether words, more than one, end with a question
// tag.
func endsAsking(words []string) bool {
	return len(words) > 1 && questionTags.has(words[len(words)-1])
}

// oldValueBlamed returns the text before its last clause when that
// clause says what is wrong with the plan's version ("…, 2.8.2 has the
// typo", "…, la 2.8.2 a un bug", "…, the other one is broken"): the
// change said before it is read alone.
func oldValueBlamed(text string, plan deploybot.Request) (string, bool) {
	cls := clauses(text)
	if len(cls) < 2 {
		return "", false
	}
	last := cls[len(cls)-1]
	ws := wordsOf(last)
	if len(ws) < 2 || strings.Contains(last, "?") {
		return "", false
	}
	blamed := slices.ContainsFunc(ws, wrongWords.has) // "no, b4e5f6a, I pasted the wrong sha"
	for i, w := range ws {
		if plan.Version != "" && (w == plan.Version || "v"+w == plan.Version || w == "v"+plan.Version || preReleaseOf(plan.Version) == w && !slices.ContainsFunc(ws, answerNo.has)) ||
			(w == "other" || w == "autre") && i > 0 && (ws[i-1] == "the" || ws[i-1] == "l") {
			blamed = true
			break
		}
		if e, ok := envWordOf(w); ok && e == plan.Env || i == 0 && plan.App != "" && w == plan.App {
			// "actually make it staging, prod can wait till tuesday": the
			// plan's environment (or project) put off or blamed.
			blamed = true
			break
		}
	}
	for i, w := range ws {
		if isActionWord(w) && !(i > 0 && reportAux.has(ws[i-1])) || correctionOpeners.has(w) && !(w == "wait" && i > 0 && mayWords.has(ws[i-1])) {
			return "", false // not "prod can wait": a change said again, or an order ("la 3.8.2 n'est pas passée en recette" reports)
		}
	}
	if !blamed {
		return "", false
	}
	return beforeClause(text, last)
}

// preReleaseOf returns the pre-release part of a version, "rc2" of
// "4.0.0-rc2": a version's short name in talk ("rc3 actually, rc2 was
// broken"). Empty when there is none, or it is a bare number.
func preReleaseOf(version string) string {
	i := strings.LastIndexByte(version, '-')
	if i < 0 || i+1 == len(version) {
		return ""
	}
	pre := strings.ToLower(version[i+1:])
	if strings.Trim(pre, "0123456789.") == "" || strings.Trim(pre, "abcdefghijklmnopqrstuvwxyz") == "" {
		return "" // "3.0.0-1", "3.0.0-beta": no short name of its own
	}
	return pre
}

// correctionLabelRe opens a message with a label that says it corrects
// the one before: "correction: …", "rectification : …", "edit: …".
var correctionLabelRe = mustCompile(`(?i)^\s*(?:correction|rectification|rectif|edit|erratum|typo)\s*:\s*(\S.*)$`)

// preReleaseNamed rewrites the first word of text that names another
// pre-release of version by its short name ("rc3" when version is
// 4.0.0-rc2) as the whole version ("4.0.0-rc3").
func preReleaseNamed(text, version string) (string, bool) {
	pre := preReleaseOf(version)
	letters := strings.TrimRight(pre, "0123456789.")
	base := version[:len(version)-len(pre)]
	if strings.Contains(text, "@") || strings.Contains(strings.ToLower(text), base) {
		return "", false // "@carol rc3"; and read once ("rc3 rc3" rewrote itself for ever)
	}
	named := -1
	fields := strings.Fields(text)
	for k, f := range fields {
		lw := strings.ToLower(strings.TrimRight(f, ",;:.!"))
		if lw == pre || !strings.HasPrefix(lw, letters) || strings.Contains(lw, ".") != strings.Contains(pre, ".") ||
			strings.Trim(lw[len(letters):], "0123456789.") != "" || lw == letters || strings.Trim(lw[len(letters):], ".") == "" {
			continue
		}
		if named >= 0 {
			return "", false // two of them: "rc3 rc3", "rc3 or rc4"
		}
		named = k
	}
	if named < 0 {
		return "", false
	}
	if before := named - 1; before >= 0 {
		if before > 0 && articles.has(fold(fields[before])) {
			before-- // "pas la rc3"
		}
		if f := fields[before]; strings.TrimRight(f, ",;:.!—–") == f && (answerNo.has(fold(f)) || fold(f) == "not" || fold(f) == "pas") {
			return "", false // "no rc3", "pas la rc3" refuse it ("no, rc3" corrects)
		}
	}
	// The name's clause holds only the words of a change: "no, rc3", "rc3
	// actually", "make it rc3" (not "I didn't mean rc3", "rc3 no", "typo
	// in rc3", "he meant rc3").
	clauseStart, clauseEnd := named, named
	ends := func(f string) bool { return strings.TrimRight(f, ",;:.!—–") != f || f == "—" || f == "–" } // "beta.2" ends no clause
	for clauseStart > 0 && !ends(fields[clauseStart-1]) {
		clauseStart--
	}
	for clauseEnd < len(fields)-1 && !ends(fields[clauseEnd]) {
		clauseEnd++
	}
	for k := clauseStart; k <= clauseEnd; k++ {
		if w := fold(strings.Trim(fields[k], ",;:.!—–")); k != named && (!preReleaseCue.has(w) || k > named && answerNo.has(w)) {
			return "", false // (not "rc3 no")
		}
	}
	f := fields[named]
	w := strings.TrimRight(f, ",;:.!")
	out := slices.Clone(fields)
	out[named] = base + strings.ToLower(w) + f[len(w):]
	return strings.Join(out, " "), true
}

// preReleaseCue may stand beside a pre-release's short name in a change
// of plan: "no, rc3", "rc3 actually", "make it rc3 please", "plutôt la rc3".
var preReleaseCue = setOf("no", "non", "nope", "nan", "wait", "attends", "oops", "oups", "sorry", "pardon", "euh", "ah", "oh", "actually",
	"finalement", "plutot", "rather", "instead", "make", "it", "mets", "la", "le", "the", "use", "take", "prends", "then", "alors",
	"please", "pls", "stp", "svp", "en", "fait", "ok", "okay", "hmm", "", "—", "-")

// reportAux stand before a verb that reports: "n'est pas passée", "was
// deployed", "a été déployée".
var reportAux = setOf("pas", "est", "a", "ete", "been", "was", "has", "is", "not", "never", "jamais", "deja", "already", "wasn", "hasn", "isn")

// newValuePraised returns a plan's change without the last clause when
// that clause only says what is good about the new value ("and make it
// 3.8.2, just tagged", "la 3.8.4, elle a le correctif").
func newValuePraised(text string) (string, bool) {
	cls := clauses(text)
	if len(cls) < 2 {
		return "", false
	}
	last := cls[len(cls)-1]
	ws := wordsOf(last)
	if len(ws) == 0 || len(ws) > 8 || strings.ContainsAny(last, "?¿") {
		return "", false
	}
	good := false
	for _, w := range ws {
		if !freshWords.has(w) {
			return "", false
		}
		good = good || freshMarks.has(w)
	}
	if !good {
		return "", false // "make it 3.8.4, tests", "it has the …": nothing said good of it
	}
	return beforeClause(text, last)
}

// slipParticiples say what the writer got wrong or redid: "j'ai
// retagué", "j'ai confondu", "I retagged it", "I mistyped" (not "I
// guessed", "j'ai deviné": a doubt, no account of a slip).
var slipParticiples = setOf("retague", "re-tague", "retaggue", "confondu", "inverse", "retagged", "re-tagged", "retaged", "mistyped",
	"misread", "misspelled", "misspelt", "swapped", "confused",
	// "j'ai retaggé ce matin", "I just tagged a fix", "j'ai corrigé le
	// typo": what the writer did that makes the new value (not "pushed":
	// a deploy's verb)
	"retagge", "re-tagge", "tague", "tagge", "taggue", "tagged", "fixed", "corrige", "patched", "patche", "rebuilt")

// brokenCleftRe finds the relative clause of a cleft that says what is
// broken: "it's the api that's broken", "c'est l'api qui est cassée",
// "c'est le back qui plante".
var brokenCleftRe = mustCompile(`(?i)\s+(?:that|which|qui)(?:['’]s|\s+is|\s+est)?\s+(?:broken|down|failing|crashing|cass[ée]e?|plante|en\s+panne|ko|hs|bugu?[ée]e?|bugge)\b`)

// goodWords say that something is not broken, or would be, or was
// (faultWords say it is).
var (
	goodWords = setOf("works", "work", "working", "fine", "ok", "okay", "good", "marche", "fonctionne", "bien", "would", "could", "serait",
		"pourrait", "empirerait", "repare", "reparee", "fixed", "fix", "april", "joke", "blague", "still", "encore", "toujours", "if", "si")
)

// notLiveFault make a fault said in a reason somewhere else than where the
// rollback runs, or not now, or not sure: "since it crashes only on
// staging", "broken on my laptop", "it was down for maintenance", "it
// fails, supposedly", "en panne, enfin il l'était".
var notLiveFault = setOf("only", "seulement", "local", "locally", "laptop", "machine", "poste", "drill", "exercice", "exercise", "test",
	"tests", "ci", "pipeline", "maintenance", "was", "were", "etait", "enfin", "or", "ou", "supposedly", "apparently", "allegedly",
	"parait", "paraît-il", "parait-il", "soi-disant", "hier", "yesterday", "env", "environment", "environnement")

// ownSlipAfter returns the head of text when its last clause only tells
// what the writer did or got wrong: "j'ai retagué", "je me suis trompé",
// "I retagged it", "my bad", "typo". Short, no name, no number, no
// negation, no order's or going back's word, no one asked ("j'ai demandé
// à bob" may hand the order on).
func ownSlipAfter(text string) (string, bool) {
	cls := clauses(text)
	if len(cls) < 2 {
		return "", false
	}
	last := cls[len(cls)-1]
	ws := wordsOf(last)
	if strings.ContainsAny(text, "@~") || strings.ContainsFunc(last, func(c rune) bool { return c >= 0x1F000 && !agreeingEmoji[c] }) ||
		slackCode(last, func(code string) bool { return !agreeingCodes.has(code) }) || envsNamed(ws) > 0 ||
		slices.ContainsFunc(ws, func(w string) bool {
			return unsureWords.has(w) || tailDoubtWords.has(w) || tailFailWords.has(w) || w == "keep" || w == "garde" || slipDenials.has(w)
		}) {
		return "", false // "actually v1.4.1, I fixed it 🤔", "…, hopefully", "… @paul", "… a broken fix", "…, but keep v1.4.0"
	}
	if len(ws) == 0 || len(ws) > 6 || strings.ContainsAny(last, "0123456789") || slices.ContainsFunc(ws, func(w string) bool {
		return negationWords.has(w) || w == "pas" || w == "not" || w == "no" || w == "non" || isActionWord(w) || hasRollbackStem([]string{w}) ||
			laterWords.has(w) || nowWords.has(w) || anywhereHedges.has(w) || names.has(w) || relayVerbs.has(w) || w == "asked" || w == "told" ||
			w == "pinged" || w == "demande" || w == "prevenu" || w == "dit"
	}) {
		return "", false
	}
	slip := false
	switch {
	case len(ws) == 1:
		slip = ws[0] == "typo" || ws[0] == "oops" || ws[0] == "oups" || ws[0] == "sorry" || ws[0] == "pardon" || ws[0] == "desole"
	case ws[0] == "my" && ws[1] == "bad", ws[0] == "ma" && ws[1] == "faute", ws[0] == "au" && ws[1] == "temps":
		slip = len(ws) == 2
	case ws[0] == "j" && ws[1] == "ai" && len(ws) >= 4 && (ws[2] == "juste" || ws[2] == "deja"):
		slip = slipParticiples.has(ws[3])
	case ws[0] == "j" && ws[1] == "ai" && len(ws) >= 3:
		slip = slipParticiples.has(ws[2]) || ws[2] == "mal" && len(ws) == 4 && (ws[3] == "lu" || ws[3] == "tape" || ws[3] == "copie" || ws[3] == "ecrit")
	case ws[0] == "je" && ws[1] == "me" && len(ws) >= 4 && ws[2] == "suis":
		slip = ws[3] == "trompe" || ws[3] == "trompee" || ws[3] == "plante" || ws[3] == "plantee"
	case ws[0] == "i" && len(ws) >= 3 && (ws[1] == "just" || ws[1] == "ve" || ws[1] == "have" || ws[1] == "already"):
		slip = slipParticiples.has(ws[2])
	case ws[0] == "i" && len(ws) >= 2:
		slip = slipParticiples.has(ws[1]) || ws[1] == "mixed" && slices.Contains(ws, "up")
	}
	if !slip {
		return "", false
	}
	return beforeClause(text, last)
}

// restatedVersion returns a change of a plan's version said as a
// description then the version ("ah non : la rc.2, v3.0.0-rc.2", "attends,
// plutôt la rc.5 : 3.0.0-rc.5", "non, le commit d'après : b2c3d4e", "no,
// the next build: 2.4.1") as the change and the version alone ("ah non
// v3.0.0-rc.2"): the last clause is a version and nothing else; the
// clauses before it hold only a change's words and what describes a
// version (no name, no environment, no other version, no doubt).
func restatedVersion(text string) (string, bool) {
	cls := clauses(text)
	if len(cls) < 2 {
		return "", false
	}
	last := cls[len(cls)-1]
	lw := wordsOf(last)
	vs := versionTokens(last)
	if len(vs) != 1 || len(lw) == 0 || len(lw) > 3 {
		return "", false
	}
	for _, w := range lw {
		if w != "la" && w != "le" && w != "the" && w != "version" && !strings.Contains(strings.ToLower(vs[0]), w) {
			return "", false
		}
	}
	head, ok := beforeClause(text, last)
	if !ok || strings.ContainsAny(head, "0123456789") && !rcOnly(head) {
		return "", false
	}
	var kept []string
	described := false
	for _, w := range wordsOf(head) {
		switch {
		case answerNo.has(w) && w != "pas" && w != "dont" && w != "stop" && w != "cancel" && w != "annule" && w != "annuler" && w != "abort",
			w == "ah" || w == "oh" || w == "euh" || w == "hmm" || w == "oops" || w == "oups" || w == "sorry" || w == "pardon" || w == "actually" ||
				w == "plutot" || w == "instead" || w == "rather" || w == "finalement" || w == "en" || w == "fait":
			kept = append(kept, w)
		case versionDescWords.has(w) || strings.HasPrefix(w, "rc"):
			described = true
		default:
			return "", false
		}
	}
	if !described || len(kept) == 0 {
		return "", false
	}
	for _, w := range wordsOf(head) {
		if n, ok := strings.CutPrefix(w, "rc"); ok && strings.Trim(n, ".-") != "" && !strings.HasSuffix(strings.ToLower(vs[0]), "rc."+strings.Trim(n, ".-")) &&
			!strings.HasSuffix(strings.ToLower(vs[0]), "rc"+strings.Trim(n, ".-")) {
			return "", false // "la rc.3, v3.0.0-rc.2": which one?
		}
	}
	return strings.Join(kept, " ") + " " + vs[0], true
}

// deleteNumberRe deletes an item of a list by its number: "supprime le
// 1", "delete #2", "remove number 3 please".
var deleteNumberRe = mustCompile(`^(?:supprime|supprimer|supprimez|efface|effacer|enleve|enlever|retire|retirer|delete|remove|drop)(?:-le|-la)?\s+(?:(?:le|la|the|number|numero|no)\s+)?#?(\d{1,4})(?:\s+(?:please|pls|stp|svp|merci))?$`)

// oneOfOrders reads an answer that picks one of the orders of the
// person's message the bot refused for giving several ("déploie le site en
// staging et l'api en prod", then "d'accord, juste le site en staging pour
// l'instant", "ok, l'api en prod d'abord"): that order, as if sent alone.
// The answer names a project or an environment and says nothing else
// than which one and when (now, first, only); it must match one order
// exactly.
func (r *Router) oneOfOrders(ctx context.Context, cur, prev deploybot.Request) (deploybot.Request, bool) {
	if strings.ContainsAny(cur.Text, "?¿@~") || pickMocked(cur.Text) {
		return cur, false
	}
	a := r.analyze(cur.Text)
	cw := wordsOf(cur.Text)
	if a.s.app == "" && a.s.env == "" || a.s.version != "" || a.s.negated || len(a.s.notTarget) > 0 || r.projectsNamed(cw) > 1 || envsNamed(cw) > 1 {
		return cur, false // "pas l'api", "api then web"
	}
	if slices.ContainsFunc(cw, func(w string) bool { return negationWords.has(w) || refusals.has(w) || w == "not" || w == "pas" }) {
		return cur, false // "not api", "pas l'api"
	}
	for _, w := range cw {
		if _, env := envWordOf(w); env {
			continue
		}
		if _, ok := r.nameOrShort(w); ok && !orderPickWords.has(w) {
			continue
		}
		if !orderPickWords.has(w) {
			return cur, false // "api crashed", "why api", "what's on prod": no pick
		}
	}
	if strings.ContainsAny(prev.Text, "?¿@~") || pickMocked(prev.Text) {
		return cur, false
	}
	var orders []deploybot.Request
	verb := ""
	for _, cl := range orderClauses(prev.Text) {
		cl = strings.TrimSpace(cl)
		one := r.alone(ctx, cl)
		if _, frag := r.fragment(cl); verb != "" && frag && !hasActionWord(normalize(cl)) && !hasRollbackStem(wordsOf(cl)) {
			one = r.alone(ctx, verb+" "+cl) // "… et l'api en prod": the first order's verb
		}
		if one.Kind != deploybot.KindAction || one.App == "" || one.Env == "" {
			// "…, but not before 5pm", "… and lock prod", "…, je crois":
			// not orders only, each named whole; the bot asks again.
			return cur, false
		}
		if verb == "" {
			verb = firstField(commandLine(cl))
		}
		orders = append(orders, one)
	}
	var picked []deploybot.Request
	for _, o := range orders {
		if (a.s.app == "" || o.App == a.s.app) && (a.s.env == "" || o.Env == a.s.env) {
			picked = append(picked, o)
		}
	}
	if len(orders) < 2 || len(picked) != 1 {
		return cur, false
	}
	out := picked[0]
	return r.continued(out, cur), true
}

// orderClauses splits a message of several orders at its "and", "et" and
// clause breaks.
func orderClauses(text string) []string {
	var out []string
	for _, cl := range clauses(text) {
		fs := strings.Fields(cl)
		start := 0
		for i, f := range fs {
			if orderJoins.has(strings.ToLower(f)) && i > start {
				out = append(out, strings.Join(fs[start:i], " "))
				start = i + 1
			}
		}
		if start < len(fs) {
			out = append(out, strings.Join(fs[start:], " "))
		}
	}
	return out
}

// orderJoins join two orders in one clause.
var orderJoins = setOf("and", "et", "puis", "then", "ensuite")

// orderPickWords are the words an answer picking one order may hold beside
// its project and environment.
var orderPickWords = setOf("ok", "okay", "d", "accord", "daccord", "bon", "alors", "juste", "just", "only", "seulement", "uniquement",
	"first", "abord", "pour", "l", "instant", "for", "now", "maintenant", "then", "please", "pls", "stp", "svp", "le", "la", "the", "en",
	"on", "in", "sur", "to", "yes", "oui", "ouais", "yeah", "fine", "right", "sure", "go", "vas-y", "de", "du", "a", "start", "with",
	"commence", "commencons", "par", "moment", "ce", "celui", "celle", "one", "that", "lets", "let", "s", "do", "fais")

// envThenVersion returns an answer to "Which environment?" that changes
// the version in a clause after it ("staging, but make it v2.3.2
// actually", "prod, mais plutôt la 2.4.1") as the environment and the
// version alone ("staging v2.3.2"): the last clause holds one version and
// only a change's words; the first names no version.
func envThenVersion(text string) (string, bool) {
	cls := clauses(text)
	if len(cls) != 2 || len(versionTokens(cls[0])) > 0 || strings.ContainsAny(text, "@~") {
		return "", false
	}
	hw := wordsOf(cls[0])
	if envsNamed(hw) != 1 || slices.ContainsFunc(hw, func(w string) bool { _, env := envWordOf(w); return !env && !envAnswerFillers.has(w) }) {
		return "", false // "no prod, but …", "prod is frozen, but …", "prod I guess, but …", "staging and prod, but …"
	}
	vs := versionTokens(cls[1])
	if len(vs) != 1 {
		return "", false
	}
	changed := false
	for _, w := range wordsOf(cls[1]) {
		switch {
		case strings.Contains(strings.ToLower(vs[0]), w) && strings.ContainsAny(w, "0123456789"):
		case w == "make" || w == "actually" || w == "plutot" || w == "rather" || w == "instead" || w == "finalement":
			changed = true
		case w == "but" || w == "mais" || w == "it" || w == "en" || w == "fait" || w == "la" || w == "le" || w == "the" || w == "version" ||
			w == "v" || w == "with" || w == "avec" || w == "please" || w == "pls" || w == "stp" || w == "svp":
		default:
			return "", false
		}
	}
	if !changed {
		return "", false
	}
	return strings.TrimSpace(cls[0]) + " " + vs[0], true
}

// envAnswerFillers may stand beside an environment answered: "en prod
// stp", "ok staging then".
var envAnswerFillers = setOf("ok", "okay", "en", "on", "in", "to", "sur", "the", "la", "le", "l", "please", "pls", "stp", "svp", "then",
	"alors", "bon", "so", "donc")

// keepSaid reports whether a clause after the first says to keep
// something: "…, but keep v1.4.0 for now", "…, garde la 2.11.0".
func keepSaid(text string) bool {
	cls := clauses(text)
	return len(cls) > 1 && slices.ContainsFunc(cls[1:], func(cl string) bool {
		ws := wordsOf(cl)
		return slices.Contains(ws, "keep") || slices.Contains(ws, "garde") || slices.Contains(ws, "gardez") || slices.Contains(ws, "gardons")
	})
}

// directionHolds reports whether a version described as the next or the
// previous one is so beside the plan's ("non, la suivante : 2.10.0" after
// 2.11.0 is not); versions that are not semantic ones pass.
func directionHolds(text, v, plan string) bool {
	a, b := deploybot.Semver(v), deploybot.Semver(plan)
	if a == "" || b == "" {
		return true
	}
	for _, w := range wordsOf(text) {
		switch w {
		case "next", "suivant", "suivante", "apres", "newer", "newest", "latest", "derniere", "dernier", "nouvelle", "nouveau", "new":
			if semver.Compare(a, b) <= 0 {
				return false
			}
		case "previous", "precedent", "precedente", "avant", "older", "ancienne", "ancien":
			if semver.Compare(a, b) >= 0 {
				return false
			}
		}
	}
	return true
}

// rcOnly reports whether the digits of text are only those of a release
// candidate's number: "la rc.2", "rc5".
func rcOnly(text string) bool {
	for _, w := range wordsOf(text) {
		if strings.ContainsAny(w, "0123456789") && !(strings.HasPrefix(w, "rc") && strings.Trim(w[2:], ".-0123456789") == "") {
			return false
		}
	}
	return true
}

// versionDescWords describe a version without writing it: "la rc.2",
// "le commit d'après", "the next build", "la plus récente".
var versionDescWords = setOf("la", "le", "l", "the", "one", "celle", "celui", "commit", "d", "apres", "next", "suivant", "suivante",
	"newer", "newest", "latest", "derniere", "dernier", "plus", "recent", "recente", "build", "tag", "release", "candidate", "sha",
	"hash", "version", "fix", "correctif", "hotfix", "patch", "with", "avec", "a", "nouvelle", "nouveau", "new", "bonne", "right",
	"good", "correct", "correcte")

// slipDenials make the writer's account say the new value is no good:
// "I fixed nothing", "j'ai corrigé rien du tout", "I tagged it by
// accident", "I fixed it badly".
var slipDenials = setOf("nothing", "rien", "badly", "accident", "accidentally", "wrong", "wrongly", "erreur", "mistake", "half", "moitie",
	"partly", "partially", "partiellement")

// beforeClause returns text up to its clause last (one of its clauses),
// without the break before it: the change before "j'ai retagué", "c'est
// pas validé", "it has the migration fix".
func beforeClause(text, last string) (string, bool) {
	head := strings.TrimRight(text[:strings.LastIndex(text, last)], " ,;:.!-—–")
	return head, head != ""
}

// questionOpened reports whether words open with a question's word, maybe
// after "en fait", "au fait", "btw", "wait": "en fait c'est quoi la
// différence entre un gel et un verrou ?", "what's the difference …?"
// (not "incident on the payment api, ok?", a reason with a check).
func questionOpened(ws []string) bool {
	i := 0
	for i < len(ws) && (ws[i] == "en" || ws[i] == "au" || ws[i] == "fait" || ws[i] == "btw" || ws[i] == "wait" || ws[i] == "attends" ||
		ws[i] == "actually" || ws[i] == "sinon" || ws[i] == "juste" || ws[i] == "just" || ws[i] == "mais" || ws[i] == "but") {
		i++
	}
	return i < len(ws) && whQuestionWords.has(ws[i])
}

// whQuestionWords open a question of its own.
var whQuestionWords = setOf("what", "whats", "how", "why", "when", "which", "who", "where", "c", "cest", "qu", "quoi", "comment", "pourquoi",
	"quand", "quel", "quelle", "quels", "quelles", "qui", "ou", "est-ce", "explain", "explique", "difference")

// refusalSequelRe is "and on staging?", "et en recette ?" and nothing
// else, in folded words.
var refusalSequelRe = mustCompile(`^(?:and|et)\s+(?:(?:on|in|en|sur|to)\s+)?(?:the\s+|la\s+|l\s+)?(\S+)$`)

// refusalSequel returns the environment "and on staging?" names, said
// alone (no "hmm", "same?", emoji: an attack planned those).
func refusalSequel(text string) (string, bool) {
	if strings.IndexFunc(text, unicode.IsSymbol) >= 0 || strings.ContainsAny(text, ":~`*") || strings.Count(text, "?") > 1 {
		return "", false
	}
	t := strings.TrimSpace(text)
	if strings.Contains(strings.TrimSuffix(t, "?"), "?") {
		return "", false
	}
	m := refusalSequelRe.FindStringSubmatch(commandLine(t))
	if m == nil {
		return "", false
	}
	return envWordOf(m[1])
}

// choiceSaid returns the one choice an answer names among words that only
// lead to it: "on passe en blue-green", "on part sur du canary", "let's
// go with rolling", "switch to canary please".
func choiceSaid(value string, choices []string) (string, bool) {
	if strings.ContainsAny(value, "~`*:^/—–¯") || strings.IndexFunc(value, unicode.IsSymbol) >= 0 {
		return "", false // "let's go with canary 🤡", "~on passe en canary~"
	}
	found := ""
	for _, w := range wordsOf(value) {
		switch {
		case slices.Contains(choices, w):
			if found != "" && found != w {
				return "", false
			}
			found = w
		case !choiceLeads.has(w):
			return "", false
		}
	}
	return found, found != ""
}

// choiceLeads may lead to a setting's value in an answer: "on passe en",
// "on part sur du", "let's go with", "switch to", "mets".
var choiceLeads = setOf("on", "passe", "part", "sur", "du", "de", "en", "la", "le", "l", "mets", "met", "metz", "use", "utilise", "go", "with",
	"avec", "prends", "prend", "let", "lets", "s", "switch", "to", "alors", "plutot", "stp", "svp", "please", "pls", "then", "ok", "make",
	"it", "we", "ll", "partir", "passer", "va", "vas", "fait", "fais", "faire", "du", "un", "une", "a", "setting", "mode")

// alreadySaidRe is a clause that says the answer was given before, in
// folded text, maybe with an emoji: "I just said so 🙄", "as I said",
// "je viens de le dire", "je l'ai déjà dit".
var alreadySaidRe = mustCompile(`^(?:i\s+(?:just\s+|already\s+)?(?:said|told\s+you)(?:\s+(?:so|it|that))?(?:\s+(?:already|before|twice))?|` +
	`(?:as|like)\s+i\s+(?:just\s+)?said|je\s+(?:viens\s+de\s+le\s+dire|l\s+ai\s+(?:deja\s+)?dit|te\s+l\s+ai\s+(?:deja\s+)?dit)|` +
	`comme\s+(?:je\s+l\s+ai\s+dit|dit))(?:\s*[!.]*)?(?:\s*\pS+)*\s*$`)

// withoutAlreadySaid returns text without a last clause that says the
// answer was given before ("api, I just said so 🙄"), or text.
func withoutAlreadySaid(text string) string {
	cls := clauses(text)
	if len(cls) != 2 || strings.ContainsAny(text, "?¿@:") || !alreadySaidRe.MatchString(commandLine(cls[1])) {
		return text // "api, web, I just said so", "bob: api, …", "api, I just said so?"
	}
	if head := strings.TrimRight(text[:strings.LastIndex(text, cls[1])], " ,;.!-—–"); head != "" {
		return head
	}
	return text
}

// describedVersion returns the version an answer gives in one clause,
// alone (maybe with an article), when its other clauses only say what is
// good about it: "the one we validated on staging yesterday, 2.5.4",
// "2.5.4, tested on staging", "la 2.5.4, celle validée en recette hier".
// A doubt, a question, a negation or another version is no answer.
func describedVersion(text string) (string, bool) {
	cls := clauses(text)
	if len(cls) < 2 || strings.ContainsAny(text, "?¿@") || strings.IndexFunc(text, unicode.IsSymbol) >= 0 || len(versionTokens(text)) != 1 {
		return "", false // "@carol the one we validated, 2.5.4", "2.5.4, tested on staging 🤞"
	}
	v, good := "", false
	for _, cl := range cls {
		ws := wordsOf(cl)
		if t := versionToken(cl); t != "" {
			for i, w := range ws {
				if i == 0 && versionLeadFillers.has(w) && len(ws) > 1 {
					continue // "alors la 3.0.0, c'est celle validée en recette"
				}
				if strings.TrimPrefix(w, "v") != strings.TrimPrefix(fold(t), "v") && w != "the" && w != "la" && w != "le" && w != "l" && w != "version" {
					return "", false // "2.5.4 maybe", "deploy 2.5.4": more than the version
				}
			}
			v = t
			continue
		}
		if _, ok := sameAsEnv(cl); ok {
			good = true // "2.5.1, the one on staging", "la 2.5.1, celle de la recette"
			continue
		}
		if f := firstField(commandLine(cl)); putLeads.has(f) {
			if _, ok := sameAsEnv(strings.TrimSpace(strings.TrimPrefix(commandLine(cl), f))); ok {
				good = true // "mets la même que sur la prod, la 5.4.0"
				continue
			}
		}
		if len(ws) <= 3 && envsNamed(ws) == 1 && !slices.ContainsFunc(ws, func(w string) bool {
			return validations.has(w) || freshMarks.has(w) || describeWords.has(w) && !envAnswerFillers.has(w)
		}) {
			return "", false // "…, la 5.4.0, en prod": a target named, not a description
		}
		for _, w := range ws {
			if _, env := envWordOf(w); !freshWords.has(w) && !describeWords.has(w) && !env {
				return "", false
			}
			good = good || freshMarks.has(w) || w == "tested" || w == "testee" || w == "teste"
		}
	}
	return v, v != "" && good
}

// latestNamedVersion reports whether text names one version and, beside
// it, only says it is the latest: "la dernière release, la v2.5.0", "the
// latest tag: v2.5.0" (not "the latest release, v2.5.0, has a bug").
func latestNamedVersion(text string) bool {
	if len(versionTokens(text)) != 1 {
		return false
	}
	for _, w := range wordsOf(text) {
		if versionToken(w) == "" && !latestWords.has(w) {
			return false
		}
	}
	return true
}

// latestWords say a version is the latest one.
var latestWords = setOf("la", "le", "l", "the", "derniere", "dernier", "latest", "last", "release", "version", "tag", "build", "newest")

// describeWords may say where and when a version was found good: "the one
// we validated on staging yesterday", "celle testée en recette ce matin".
// versionLeadFillers may open the clause of a version answered: "alors
// la 3.0.0", "ok 2.5.1".
var versionLeadFillers = setOf("alors", "ok", "okay", "so", "then", "bon", "donc", "well")

// putLeads open a described version with the order's verb: "mets la même
// que sur la prod, la 5.4.0".
var putLeads = setOf("mets", "met", "put", "take", "prends", "use", "utilise")

var describeWords = setOf("we", "on", "in", "en", "sur", "yesterday", "hier", "today", "aujourd", "hui", "this", "morning", "ce", "matin",
	// "c'est celle validée en recette", "the one that was validated by QA"
	"c", "celle", "celui", "that", "which", "was", "ete", "par", "by", "client", "qa", "po",
	"tested", "teste", "testee", "already", "deja", "nous", "avons", "a", "ai", "i", "qu", "que", "deployed", "deployee", "running",
	"tourne", "qui",
	// "La 2.5.0. Elle a été validée en recette hier par le client, donc
	// normalement c'est bon"
	"ete", "been", "donc", "so", "normalement", "normally", "bon", "release")

// freshMarks say the new value is good: one must stand in the remark.
var freshMarks = setOf("tagged", "taggee", "taguee", "built", "buildee", "fresh", "freshly", "fix", "fixes", "correctif", "correctifs", "corrige", "fixed",
	"hotfix", "sortie", "sorti", "released", "ready", "prete", "pret", "green", "verte", "passed", "passee", "latest", "derniere", "bonne", "good",
	"validee", "valide", "validated", "approved", "approuvee", "signed")

// freshWords say what is good about a plan's new value: "just tagged",
// "it has the fix", "elle a le correctif", "tout juste sortie".
var freshWords = setOf("just", "tagged", "taggee", "taguee", "built", "buildee", "fresh", "freshly", "it", "has", "have", "the", "fix", "fixes",
	"with", "avec", "le", "la", "correctif", "correctifs", "qui", "corrige", "elle", "il", "a", "contains", "contient", "includes", "inclut",
	"hotfix", "tout", "juste", "sortie", "sorti", "released", "ready", "prete", "pret", "green", "verte", "passed", "passee", "ci", "tests",
	"is", "s", "est", "one", "new", "nouvelle", "latest", "derniere", "good", "bonne", "la",
	// "on a corrigé un truc ce matin", "we fixed a bug this morning"
	"on", "un", "une", "truc", "bug", "ce", "matin", "we", "fixed", "something", "this", "morning", "today", "aujourd", "hui", "an", "issue",
	// "it has the migration fix", "c'est celle que le client a validée",
	// "this is the hotfix"
	"migration", "this", "that", "c", "celle", "celui", "que", "client", "customer", "validee", "valide", "validated", "approved",
	"approuvee", "signed", "off", "qa", "by", "par", "our", "notre")

// wrongWords blame what the plan took: "I pasted the wrong sha".
var wrongWords = setOf("wrong", "mauvais", "mauvaise", "trompe", "trompee", "typo", "mistake", "erreur")

// mayWords before "wait" put something off: "prod can wait".
var mayWords = setOf("can", "could", "will", "ll", "may", "should")

// insteadWords may stand beside the value that replaces the plan's: "not
// api but web", "pas l'api mais plutôt le front".
var insteadWords = setOf("but", "mais", "plutot", "rather", "instead", "then", "alors")

// firstEnvClause returns the words of text's first clause that names an
// environment: "non la prod, staging est ok" names production there,
// "non, recette et prod" both.
func firstEnvClause(text string) []string {
	for _, c := range clauses(text) {
		ws := wordsOf(c)
		if envsNamed(ws) > 0 {
			return ws
		}
	}
	return nil
}

// envsNamed counts the distinct environments words name.
func envsNamed(words []string) int {
	var seen []string
	for _, w := range words {
		if e, ok := envWordOf(w); ok && !slices.Contains(seen, e) {
			seen = append(seen, e)
		}
	}
	return len(seen)
}

// projectsNamed counts the distinct projects words name.
func (r *Router) projectsNamed(words []string) int {
	var seen []string
	for _, w := range words {
		if a, ok := r.project(w); ok && !stopWords.has(w) && !slices.Contains(seen, a) {
			seen = append(seen, a)
		}
	}
	return len(seen)
}

// strategyChangedRe is a strategy said instead of the one just set:
// "plutôt blue-green finalement", "non, rolling", "actually canary".
var strategyChangedRe = mustCompile(`^(?:(?:non|no|nope|nan|actually|en\s+fait|plutot|rather|euh|uh|um|sorry|pardon|oops|oups|finalement|finally|wait|attends|ah|oh|hmm|make\s+it|mets|mettons|let\s+s\s+say|disons|ok|okay)\s+)*(recreate|rolling|blue-green|canary)(?:\s+(?:finalement|finally|instead|plutot|alors|then|en\s+fait|actually|please|stp|svp|after\s+all))*$`)

// otherProject drops from req the version of its project when an answer
// moves it to another project without naming a version: "the backend,
// not the site" after web 3.0.2's plan is no deploy of api 3.0.2 (an
// attack had api downgraded so); the bot asks which version.
func otherProject(req *deploybot.Request, app, version string) {
	if req.App != "" && app != req.App && version == "" {
		req.Version, req.BadVersion = "", ""
	}
}

// replacing marks a plan's change with the id of the plan it replaces
// (argument "replaces"): the agent cancels that plan, if it still waits
// for this person's confirmation, once the new one is made.
func replacing(req deploybot.Request, asked botTurn) deploybot.Request {
	if len(asked.ids) == 1 && asked.asks != "refused" { // a refused plan waits for nothing: the change is a new order
		req.Args = copyArgs(req.Args)
		req.Args["replaces"] = asked.ids[0]
	}
	return req
}

// holdOnChange reports whether ws, after "hold on", give a change: a
// version or a name first ("hold on, v3.0.1 not v3.0.0", "hold on,
// staging first"), not an alarm or a sequel ("hold on, that's prod",
// "hold on, then prod").
func holdOnChange(ws []string) bool {
	if len(ws) == 0 || slices.ContainsFunc(ws, func(w string) bool { return versionToken(w) != "" }) {
		return len(ws) > 0
	}
	_, env := envWordOf(ws[0])
	return env && ws[0] != "c" && !slices.Contains(ws, "that") && !slices.Contains(ws, "s")
}

// envBefore reports whether text ends with staging's or production's
// name: "non, mets-la en staging" before "avant" (not "la démo avant").
func envBefore(text string) bool {
	ws := wordsOf(text)
	if len(ws) == 0 {
		return false
	}
	e, ok := envWordOf(ws[len(ws)-1])
	return ok && (e == deploybot.EnvStaging || e == deploybot.EnvProduction)
}

// holdOnRe opens an answer with a wait in several words.
var holdOnRe = mustCompile(`(?i)^\s*(?:hold on|hang on|wait a (?:sec|second|minute)|one sec(?:ond)?|une seconde|attends? (?:une|deux) secondes?)\b`)

// yesToPlanVersion reports whether text is a yes that names the plan's
// own version v and nothing else: "confirm 2.3.1", "oui pour la 2.3.1",
// "yes, v2.3.1 is the right one", "go, v2.3.0 is fine".
func yesToPlanVersion(text, v string) bool {
	ws := wordsOf(text)
	if v == "" || len(ws) < 2 || strings.ContainsAny(text, "?¿\"“«>") || !yesHeads.has(ws[0]) && ws[0] != "ok" && ws[0] != "confirm" && ws[0] != "confirme" {
		return false // not "> yes v2.3.0 is fine", « oui la 2.3.0 c'est bon »: quoted
	}
	if cls := clauses(text); len(cls) > 1 && versionToken(cls[len(cls)-1]) == "" && !slices.ContainsFunc(wordsOf(cls[len(cls)-1]), func(w string) bool {
		return !tagQuestionWords.has(w)
	}) {
		return false // "ok v2.3.0 is fine, right", "…, is it", "…, non": asked, without its mark
	}
	named := false
	for _, w := range ws[1:] {
		switch {
		case !named && (w == "is" || w == "est" || w == "c"):
			return false // "yes, is 3.0.0 the right one": asked
		case versionToken(w) != "" && strings.TrimPrefix(w, "v") == strings.TrimPrefix(strings.ToLower(v), "v"):
			named = true
		case yesHeads.has(w) || planVersionFillers.has(w) || politeWords.has(w) || named && planVersionPraise.has(w):
		default:
			return false
		}
	}
	return named
}

// planVersionFillers may stand around a plan's version in its yes.
var planVersionFillers = setOf("pour", "for", "la", "le", "the", "version", "is", "right", "one", "bonne", "c", "est", "that", "s", "it",
	"to", "vers", "a", "avec", "with")

// tagQuestionWords make a clause that asks back what was just said: ",
// right", ", is it", ", n'est-ce pas", ", non".
var tagQuestionWords = setOf("right", "is", "isn", "it", "t", "that", "correct", "non", "no", "hein", "n", "est", "ce", "pas", "innit",
	"ain", "isnt")

// planVersionPraise may follow a plan's version in its yes: "go, v2.3.0
// is fine", "oui la 2.3.0 c'est bon".
var planVersionPraise = setOf("fine", "good", "bon", "ok", "okay", "correct", "correcte", "parfait", "perfect", "great")

// firstBeforeRe is "avant" closing an answer after an environment: "en
// staging avant", "en recette avant stp".
var firstBeforeRe = mustCompile(`(?i)\s+avant(?:\s+(?:stp|svp|please|merci))?\s*[.!]*\s*$`)

// correctionOpeners open an answer to a plan's "Confirm?" that may
// change it: "non, staging", "wait, v1.9.2".
var correctionOpeners = setOf("no", "non", "nope", "nan", "wait", "attends", "oops", "oups", "sorry", "pardon", "euh")

// remarkWords say how something is: "la recette est ok", "staging is fine".
var remarkWords = setOf("ok", "okay", "fine", "good", "bien", "marche", "works", "working", "est", "is", "va", "bon", "green", "vert")

// alsoWords add to what was asked: "staging aussi", "and prod too".
var alsoWords = setOf("aussi", "too", "also", "egalement", "well")

// correctionSaid reports whether words change what was asked: "plutôt",
// "instead", "actually", "rather", "finalement", "en fait", "make it".
func correctionSaid(words []string) bool {
	for i, w := range words {
		switch w {
		case "plutot", "instead", "actually", "rather", "finalement", "change", "switch", "meant":
			return true // "sorry I meant v2.4.1 not v2.4.0"
		case "wrong", "mauvais", "mauvaise":
			if i <= 1 && i+2 < len(words) && (words[i+1] == "sha" || words[i+1] == "commit" || words[i+1] == "tag" || words[i+1] == "version") &&
				words[i+2] != "was" && words[i+2] != "is" && words[i+2] != "etait" && words[i+2] != "c" {
				return true // "wrong sha, 7c1d0e4", "oops wrong sha, …"; not "the wrong sha was 7c1d0e4"
			}
		case "dire":
			if i > 0 && (words[i-1] == "voulais" || words[i-1] == "veux" || words[i-1] == "voulait") {
				return true // "oups je voulais dire l'api, pas le site"
			}
		case "fait":
			if i > 0 && words[i-1] == "en" {
				return true
			}
		case "make":
			if i+1 < len(words) && (words[i+1] == "it" || words[i+1] == "that") { // "actually make that prod"
				return true
			}
		}
	}
	return false
}

// tokenWords returns the normalised words of m's tokens.
func tokenWords(m message) []string {
	countRead(len(m.tokens))
	ws := make([]string, len(m.tokens))
	for i, t := range m.tokens {
		ws[i] = t.norm
	}
	return ws
}

// twoEnvs returns the two different environments a short answer names
// and nothing else of the domain: "recette et prod", "staging vs prod".
func (r *Router) twoEnvs(text string) (a, b string, ok bool) {
	ws := wordsOf(text)
	if len(ws) > 6 {
		return "", "", false
	}
	var envs []string
	for _, w := range ws {
		e, known := envWordOf(w)
		if !known {
			if e, known = r.ix.envs[w]; !known {
				continue
			}
		}
		if len(envs) == 0 || envs[len(envs)-1] != e {
			envs = append(envs, e)
		}
	}
	if len(envs) != 2 {
		return "", "", false
	}
	return envs[0], envs[1], true
}

// checkedClause reports whether ws only tell the build checked: "elle est
// déjà validée", "il est testé", "it's been approved"; not "elle est
// presque validée", "elle a été rejetée", "validée par personne".
func checkedClause(ws []string) bool {
	return slices.ContainsFunc(ws, yesCheckedWords.has) && !slices.ContainsFunc(ws, func(w string) bool {
		return !yesCheckedWords.has(w) && !checkClauseWords.has(w) && w != "elle" && w != "il" && w != "she"
	})
}

// onlyChange reports whether words say nothing but a change of a plan:
// slots, the words of changing and of ordering, cue words ("mets plutôt la
// v3.9.1 en prod", "actually make it production", "fais plutôt un
// rollback").
func (r *Router) onlyChange(words []string) bool {
	for _, w := range words {
		if cueWords.has(w) || changeWords.has(w) || versionToken(w) != "" || isActionWord(w) || hasRollbackStem([]string{w}) ||
			r.ix.short[w] != "" || hurriedReasons.has(w) {
			continue
		}
		_, env := envWordOf(w)
		_, extra := r.ix.envs[w]
		_, name := r.ix.names[w]
		if !env && !extra && !name {
			return false
		}
	}
	return true
}

// withoutProjectNames returns words without those that name a project,
// a short name after its article too ("le back": "non, le back" is no
// rollback asked).
func (r *Router) withoutProjectNames(words []string) []string {
	out := make([]string, 0, len(words))
	for i, w := range words {
		if _, ok := r.project(w); ok || r.ix.short[w] != "" && i > 0 && articles.has(words[i-1]) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// changeWithReason reports whether text is a change in its first clause
// (after its first skip words: the no or wait that opened it) followed
// by a hurried reason for it: "non, en prod directement, c'est un
// hotfix", "no, production, because it's a hotfix"; not "non, en prod,
// c'est bloqué".
func (r *Router) changeWithReason(text string, skip int) bool {
	cls := clauses(text)
	if len(cls) < 2 {
		return false
	}
	var head []string
	k := 0
	for ; k < len(cls); k++ {
		head = append(head, wordsOf(cls[k])...)
		if len(head) > skip {
			break
		}
	}
	if len(head) <= skip || !r.onlyChange(head[skip:]) || k+1 >= len(cls) {
		return false
	}
	marked := slices.ContainsFunc(head[skip:], changeMarks.has)
	for _, cl := range cls[k+1:] {
		cw := wordsOf(cl)
		if marked && (r.plainReason(cl) || checkedClause(cw)) {
			continue // "non, en recette d'abord, c'est le premier deploy de théo", "actually make it 9f3e2c1, the tag isn't pushed yet", "…, elle est déjà validée"
		}
		if len(cw) < 2 || !(cw[0] == "c" && cw[1] == "est" || cw[0] == "it" && cw[1] == "s" || reasonOpeners.has(cw[0])) || namesPerson(cl) ||
			!slices.ContainsFunc(cw, hurriedReasons.has) {
			return false // "non, en prod, c'est bloqué": a remark, no change
		}
	}
	return true
}

// planTarget returns the project and environment of the bot's plan (its
// first line, "Deploy web 3.13.4 → production (#71)"), or "": a change of
// a plan is read only when that plan is the person's last request (an
// attack had "la v2.21.0 plutôt que la rc", said of the api's plan,
// replace it with a web plan built from an earlier request), and a yes
// that echoes the plan names only these.
func (r *Router) planTarget(text string) (app, env string) {
	first, _, _ := strings.Cut(text, "\n")
	pm := namedDeployRe.FindStringSubmatch(fold(first))
	if pm == nil {
		return "", ""
	}
	app, _ = r.project(pm[1])
	env, _ = envWordOf(pm[3])
	return app, env
}

// ratherThanRe opens what a change replaces, in folded text: "plutôt que
// la rc", "rather than 4.6.0-rc1", "instead of prod".
var ratherThanRe = mustCompile(`\s+(?:plutot que|plutot qu|rather than|instead of|au lieu de|au lieu du|a la place de)\s+(?:(?:la|le|l|the)\s+)?\S+$`)

// changeMarks say a change of the plan in so many words: "d'abord",
// "first", "plutôt", "instead", "rather", "make it", "en fait",
// "actually".
var changeMarks = setOf("abord", "first", "plutot", "instead", "rather", "make", "fait", "actually", "finalement")

// plainReason reports whether a clause after a change of the plan only
// says why: no project, environment or version of its own, no question,
// no take-back, no hedge, no order.
func (r *Router) plainReason(clause string) bool {
	if strings.ContainsAny(clause, "?¿") || pickMocked(clause) {
		return false
	}
	a := r.analyze(clause)
	ws := wordsOf(clause)
	if len(ws) < 2 || !reasonHeads.has(ws[0]) && !(ws[0] == "c" && ws[1] == "est") && !(ws[0] == "it" && ws[1] == "s") {
		return false // a reason says why: "c'est …", "it's …", "the tag isn't pushed yet", "because …"
	}
	if notYetChecked(ws) {
		return true // "euh non en recette, c'est pas validé": why not production
	}
	if a.s.app != "" || a.s.env != "" || a.s.version != "" || a.s.badVersion != "" || takesBack(ws) || r.badNews(clause) ||
		slices.ContainsFunc(ws, notReadyWords.has) || slices.ContainsFunc(ws, func(w string) bool { return w == "isn" || w == "hasn" || w == "n" }) ||
		slices.ContainsFunc(ws, anywhereHedges.has) || slices.ContainsFunc(ws, notAReasonWords.has) || slices.ContainsFunc(ws, answerNo.has) ||
		imperativeOf(commandLine(clause)) != "" || hasRollbackStem(ws) || laterMoment(clause) {
		return false // not "or not", "enfin je sais pas", "non laisse", "carol will check", "but later", "tomorrow"
	}
	if _, ok := momentOf(clause, ws); ok {
		return false
	}
	return true
}

// notYetChecked reports whether ws only say the build is not validated
// or tested yet: "c'est pas validé", "c'est pas encore testé", "it's not
// validated yet", "it isn't tested".
func notYetChecked(ws []string) bool {
	neg, checked := false, false
	for _, w := range ws {
		switch {
		case w == "pas" || w == "not" || w == "n" || w == "isn" || w == "t" || w == "ne":
			neg = true
		case validations.has(w) || w == "validee" || w == "testee" || w == "valide" || w == "approuve" || w == "approuvee":
			checked = true
		case w == "c" || w == "est" || w == "it" || w == "s" || w == "is" || w == "encore" || w == "yet" || w == "toujours" || w == "still" ||
			w == "ca" || w == "la" || w == "le" || w == "the" || w == "build" || w == "version":
		default:
			return false
		}
	}
	return neg && checked
}

// reasonAt returns where clause k of cls, the clauses of text, starts in
// text, or -1.
func reasonAt(text string, cls []string, k int) int {
	at := 0
	for j, cl := range cls {
		n := strings.Index(text[at:], cl)
		if n < 0 {
			return -1
		}
		if j == k {
			return at + n
		}
		at += n + len(cl)
	}
	return -1
}

// reasonHeads open a clause that says why: "because", "car", "the tag
// isn't pushed yet", "le tag n'est pas poussé".
var reasonHeads = setOf("because", "car", "parce", "puisque", "since", "as", "vu", "the", "le", "la", "les", "l", "cause", "coz", "cuz")

// notAReasonWords make a clause after a change something else than its
// reason: a doubt, a "but", a delay, someone else's turn.
var notAReasonWords = setOf("or", "ou", "enfin", "sais", "know", "sure", "sur", "maybe", "peut-etre", "peut", "but", "mais", "will", "va",
	"vais", "later", "tard", "wait", "attends", "attendre", "check", "verifie", "verifier", "don", "dont", "never", "jamais", "if", "si",
	"unless", "sauf", "until", "jusqu", "bloque", "bloquee", "blocked", "frozen", "gele", "gelee", "locked", "verrouille", "verrouillee",
	"down", "ko", "casse", "cassee", "broken", "plante", "crashed", "fige", "figee", "other", "one", "autre", "celle", "celui", "newer",
	"older", "faut", "fallait", "faudrait", "devrait", "should", "crois", "pense", "think", "guess", "suppose", "normalement", "normally",
	"apparently", "apparemment", "probably", "probablement", "hopefully")

// hurriedReasons are what a change to production says it is for:
// "c'est un hotfix", "it's urgent".
var hurriedReasons = setOf("hotfix", "urgent", "urgente", "urgence", "correctif", "fix", "patch", "critical", "critique", "security", "securite",
	"faille", "presse", "asap")

// reasonOpeners open a reason's clause: "…, because it's a hotfix".
var reasonOpeners = setOf("because", "car", "parce", "since", "puisque", "vu", "as")

// nextStepWords order a second step: "staging first, then prod".
var nextStepWords = setOf("then", "puis", "ensuite", "apres", "after", "and", "et", "next")

// changeWords say a change of a plan.
var changeWords = setOf("plutot", "instead", "actually", "rather", "finalement", "change", "switch", "make", "mets", "mettre", "met",
	"put", "use", "utilise", "un", "une", "an", "fait", "wait", "attends", "attend", "non", "no", "nope", "oops", "sorry", "les",
	"des", "into", "au", "aux", "moi", "me", "plz", "stp", "i", "meant", "mean", "je", "voulais", "veux", "dire", "oups", "direct",
	"directement", "directly", "straight", "d", "abord", "first", "that", "hold", "c", "est", "que", "qu", "was", "wanted", "voulu", "it", "s",
	// "no sorry, the other project: web", "non, l'autre projet : le site"
	"other", "autre", "project", "projet",
	// "c'est la prod qu'il faut rollback", "oops wrong sha, 7c1d0e4",
	// "and make it 3.8.2"
	"and", "et", "il", "faut", "fallait", "needs", "need", "wrong", "mauvais", "mauvaise", "sha", "commit", "hash", "tag", "typo", "pasted", "colle")

// remarkIn reports whether a clause says how something is ("la recette
// est ok", "staging is fine"); "c'est la prod" names what is meant.
func remarkIn(ws []string) bool {
	for i, w := range ws {
		if remarkWords.has(w) && !(w == "est" && i > 0 && (ws[i-1] == "c" || ws[i-1] == "ce")) {
			return true
		}
	}
	return false
}

// yesBut returns what follows a yes that opens a change: "yes but on
// staging, not prod", "oui mais la 3.8.4".
func yesBut(text string) (string, bool) {
	ws := strings.Fields(fold(strings.NewReplacer("✅", "", "👍", "").Replace(text)))
	if len(ws) < 2 || len(ws) == 2 && versionToken(ws[1]) == "" {
		return "", false
	}
	first := strings.Trim(ws[0], ",.!:-")
	second := strings.Trim(ws[1], ",.!:-")
	switch first {
	case "yes", "oui", "ok", "okay", "yep", "ouais", "sure", "go", "vas-y", "do", "allez":
		if first == "do" && second == "it" && len(ws) > 2 {
			ws, second = ws[1:], strings.Trim(ws[2], ",.!:-") // "do it, 1.2.0"
		}
	default:
		return "", false
	}
	if second != "but" && second != "mais" {
		if v := versionToken(ws[len(ws)-1]); v != "" && len(ws) <= 3 && (strings.Count(v, ".") >= 2 || v[0] == 'v' || len(v) >= 7) &&
			!strings.ContainsFunc(strings.NewReplacer("✅", "", "👍", "").Replace(text), func(c rune) bool { return c >= 0x2000 }) {
			// "yes, 3.8.4", "go, 1.2.0", "vas-y, 1.2.0", "do it, 1.2.0" to
			// another version's plan: that version (it ran the plan's);
			// not "oui, 10.30" (a time).
			return v, true
		}
		return "", false
	}
	return strings.Join(ws[2:], " "), true
}

// answerTakenBack reports whether an answer is asked and then said no to:
// "rather staging? no", "en prod ? non".
func answerTakenBack(text string) bool {
	q := strings.IndexByte(text, '?')
	if q < 0 {
		return false
	}
	after := wordsOf(text[q:])
	return len(after) > 0 && (after[0] == "no" || after[0] == "non" || after[0] == "nope" || after[0] == "nan" || after[0] == "nah")
}

// decidesWaiting are the decisions on a deployment that waits for an
// approval.
var decidesWaiting = map[deploybot.Command]bool{deploybot.CmdApprove: true, deploybot.CmdDeny: true, deploybot.CmdCancel: true}

// waitingRe is the bot's turn of a plan confirmed that waits for an
// approval, as the agents write it ("Confirmed: deploy web 4.0.0 →
// production (#31) waits for an approval.", "Confirmé : … (#33) attend
// une approbation."), its id in the group.
var waitingRe = mustCompile(`^(?:(?:Confirmed|Confirmé)\s*:[^#]*\(#(\d+)\)\s+(?:waits for an approval|attend une approbation|en attente d'approbation)|(?i:(?:(?:the|le|la)\s+)?(?:deployment|d[ée]ploiement|plan)\s+|[^#?\n→]{1,60}?→[^#?\n→]{1,30}?)?\(?#(\d+)\)?[^#?]{0,40}?\b(?:is waiting for (?:an )?approval|waits for (?:an )?approval|awaits approval|awaiting approval|attend (?:une |l'|l’)?approbation|en attente d'approbation))`)

// waitingID returns the id of the deployment a bot's turn says waits for
// an approval, or "": the bot's words ("Deployment #44 is waiting…",
// "Deploy api 4.6.3 → production (#58) waits for an approval…", one
// arrow before the id), not "invoice #44 awaits approval from finance".
func waitingID(text string) string {
	if m := waitingRe.FindStringSubmatch(strings.TrimSpace(text)); m != nil && !noLongerWaits(text) {
		return m[1] + m[2] // "Deployment #44 is waiting for approval from bob or carol."
	}
	return ""
}

// bareDecision reports whether a decision is said alone, without a
// negation before its reason: "approve", "je refuse, pas de test de
// charge", not "don't cancel", "annule pas", "no, don't deny", nor one
// that names a project ("deny the web one": which one it is, the bot asks).
func (r *Router) bareDecision(text string) bool {
	head := text
	if i, _, ok := clauseBreak(text); ok && i > 0 {
		head = text[:i]
	}
	ws := wordsOf(head)
	for i, w := range ws {
		if negationWords.has(w) || w == "t" && i > 0 && contractions.has(ws[i-1]) || w == "no" || w == "non" || w == "pas" {
			return false
		}
	}
	return len(ws) <= 4 && !r.namesTarget(ws)
}

// deploysItself reports whether words speak of deploying the bot itself:
// a deploy or rollback verb with "te"/"toi-même"/"yourself".
func deploysItself(words []string) bool {
	for i, w := range words {
		if !isActionWord(w) && !hasRollbackStem(words[i:i+1]) || w == "back" || i > 0 && nounDeterminers.has(words[i-1]) {
			continue // "roll it back yourself", "do the rollback yourself": an order to the bot
		}
		if i > 0 && words[i-1] == "te" || i+1 < len(words) && words[i+1] == "yourself" {
			for _, o := range words {
				if strings.ContainsAny(o, "0123456789") {
					return false // "deploy yourself the 2.1.0"
				}
			}
			return true
		}
	}
	return false
}

// nounDeterminers come before a noun: "the rollback", "le déploiement".
var nounDeterminers = setOf("the", "a", "an", "le", "la", "l", "un", "une", "les", "du", "de", "des", "ce", "cette", "this", "that", "ton", "your")

// namesTarget reports whether words name a project or an environment.
func (r *Router) namesTarget(words []string) bool {
	for _, w := range words {
		if _, ok := envWordOf(w); ok {
			return true
		}
		if _, ok := r.project(w); ok && !stopWords.has(w) {
			return true
		}
	}
	return false
}

// allAnswer reads "all, the host is down" after "freeze" and the bot's
// "Freeze what?": everything, and the reason after it.
func allAnswer(cur, prev deploybot.Request) (deploybot.Request, bool) {
	if prev.Kind != deploybot.KindCommand || prev.Command != deploybot.CmdFreeze && prev.Command != deploybot.CmdUnfreeze ||
		prev.App != "" || prev.Env != "" || prev.Arg("all") != "" || cur.Kind == deploybot.KindCommand || cur.Kind == deploybot.KindAction {
		return cur, false
	}
	head, tail := cur.Text, ""
	if i, j, ok := clauseBreak(cur.Text); ok && i > 0 {
		head, tail = cur.Text[:i], strings.TrimSpace(cur.Text[j:])
	}
	hw := wordsOf(head)
	if len(hw) == 0 || len(hw) > 2 || !allWords.has(hw[len(hw)-1]) || strings.Contains(cur.Text, "?") || refusesAnswer(wordsOf(cur.Text)) ||
		slices.Contains(wordsOf(cur.Text), "but") {
		return cur, false // "not all, just api", "all?", "tout sauf l'api"
	}
	out := prev
	out.Args = copyArgs(prev.Args)
	out.Args["all"] = "yes"
	if tail != "" && out.Args["reason"] == "" {
		out.Args["reason"] = tail
	}
	out.Text, out.FollowUp = cur.Text, true
	return out, true
}

// changingAnswered are the commands an answer completes that change something:
// a refused answer must not complete them ("and for blog?" after
// "status shop" is a question of its own).
var changingAnswered = map[deploybot.Command]bool{deploybot.CmdLock: true, deploybot.CmdUnlock: true, deploybot.CmdFreeze: true,
	deploybot.CmdUnfreeze: true}

// refusals take an answer back or leave part of it out: "api... no,
// forget it", "pas l'api", "all except web", "api lol".
var refusals = setOf("no", "non", "nope", "pas", "not", "forget", "oublie", "laisse", "tomber", "nevermind", "nvm", "lol", "mdr",
	"except", "sauf", "hormis", "cancel", "annule", "stop", "excepte", "sinon", "without", "sans")

// refusesAnswer reports whether an answer's words refuse or restrict it.
func refusesAnswer(words []string) bool {
	return slices.ContainsFunc(words, refusals.has)
}

// sequelOpeners open a question that goes on with the one before.
var sequelOpeners = setOf("ok", "okay", "d", "daccord", "alright", "so", "donc", "alors", "who", "qui", "and", "et", "but", "mais")

// asksOn reports whether a message not understood alone asks something
// that goes on with the question before it: a sequel's opener ("and…",
// "ok, who…", "why…"), and two words of the language at least. A
// question of its own ("quelle est la recette de la tarte tatin ?") is no
// sequel.
func (r *Router) asksOn(text string) bool {
	ws := wordsOf(text)
	if len(ws) == 0 || !continuesQuestion(text) && !howOpeners.has(ws[0]) && !sequelOpeners.has(ws[0]) {
		return false
	}
	on, off := r.domainTalk(ws)
	return on && !off // not "so who wants coffee?"
}

// domainTalk reports whether words hold two the router knows, one of them
// the domain's (on), and whether one is off-topic talk's (off).
func (r *Router) domainTalk(ws []string) (on, off bool) {
	known, domain := 0, false
	for _, w := range ws {
		if len(w) > 1 && isLetters(w) && r.t.vocab.known(w) {
			known++
		}
		off = off || offTopicWords.has(w)
		domain = domain || r.t.domain.has(w) && !stopWords.has(w)
	}
	return known >= 2 && domain, off
}

// onCard reports whether a question speaks of the card the bot just gave:
// it quotes one of the card's words (a number, or a word of four letters
// or more that is not a common word: "12", "critical", "acceptable"), or
// it has two words the router knows, one of the domain's. Not off-topic
// talk ("so who wants coffee?"), nor a long text.
func (r *Router) onCard(text, card string) bool {
	ws := wordsOf(text)
	if len(ws) == 0 || len(ws) > 25 {
		return false
	}
	if on, off := r.domainTalk(ws); off {
		return false
	} else if on {
		return true
	}
	cw := wordsOf(card)
	for _, w := range ws {
		if stopWords.has(w) || !(len(w) >= 4 && isLetters(w) || strings.Trim(w, "0123456789") == "") {
			continue
		}
		if slices.Contains(cw, w) {
			return true
		}
	}
	return false
}

// personName reports whether a token is a person's first name written
// with its capital: a capital, letters only, a word the corpus does not
// know.
func personName(raw, w string) bool {
	return len(raw) >= 3 && raw[0] >= 'A' && raw[0] <= 'Z' && isLetters(w) && len(w) <= 12
}

// chosen returns the id of the one offered choice an answer names by its
// project, its environment or both ("the web one", "celle du site", "api
// prod"), or by its rank ("the second one", "le premier", "the last");
// named is true and the id empty when the answer, a few words naming a
// project or an environment, fits several or none.
func (r *Router) chosen(text string, choices []choice) (id string, named bool) {
	if len(choices) < 2 {
		return "", false
	}
	if tail, ok := correctedAnswer(text); ok {
		text = tail // "the first one... no, the second"
	}
	ws := wordsOf(text)
	if len(ws) == 0 || len(ws) > 8 || strings.Contains(text, "?") || pickMocked(text) || slices.ContainsFunc(ws, func(w string) bool {
		return w == "no" || w == "non" || w == "nope" || w == "nan"
	}) {
		return "", false // "web?", "le site ? pourquoi ?": asked, not chosen; "the api one, no", "the api one 🤔"
	}
	for _, w := range ws {
		// Only the words of naming one: "not the web one", "the web one,
		// tomorrow", "let me check the web one first" choose nothing.
		if _, rank := ranks[w]; !rank && !choiceWords.has(w) && !prereleaseWords.has(w) && !r.namesSomething(w) && !r.projectWord(w) || negationWords.has(w) {
			return "", false
		}
	}
	if i := slices.IndexFunc(ws, prereleaseWords.has); i >= 0 {
		// "the rc one", "la beta" after "#2 (api 2.5.0-rc1 → uat), #1 (api
		// v2.4.1 → uat)": the one pre-release of that kind, of the project
		// or environment named if one is; only said so, no other word ("the
		// rc is broken", "la première rc" approved a deployment).
		if !r.prereleaseNamed(ws) {
			return "", false
		}
		s := r.analyze(text).s
		found := ""
		for _, c := range choices {
			if strings.Contains(strings.ToLower(c.words), "-"+ws[i]) {
				if cw := r.analyze(c.words).s; s.app != "" && cw.app != s.app || s.env != "" && cw.env != s.env {
					continue // "the web rc one" when the rc is api's
				}
				if found != "" {
					return "", true
				}
				found = c.id
			}
		}
		return found, true
	}
	for _, w := range ws {
		if rank, ok := ranks[w]; ok {
			if rank < 0 {
				rank += len(choices)
			}
			if rank >= 0 && rank < len(choices) {
				return choices[rank].id, true
			}
			return "", false
		}
	}
	s := r.analyze(text).s
	if s.version != "" {
		// "the 2.4.2 one", "celui de la 2.4.1" after "#2 (api 2.4.2 →
		// uat), #1 (api 2.4.1 → uat)": the one of that version, if it is
		// of the project and the environment named too ("the api 5.3.2
		// one" when 5.3.2 is web's chooses none); "2.4.1, 2.4.2" or "is
		// it 2.4.1" choose none.
		if len(versionTokens(text)) > 1 || ws[0] == "is" || ws[0] == "was" || ws[0] == "est" || ws[0] == "which" || ws[0] == "what" || ws[0] == "quelle" || ws[0] == "quel" {
			return "", true
		}
		id := versionChosen(s.version, choices)
		for _, c := range choices {
			if c.id == id {
				if cw := r.analyze(c.words).s; s.app != "" && cw.app != s.app || s.env != "" && cw.env != s.env {
					return "", true
				}
			}
		}
		return id, true
	}
	if s.app == "" && s.env == "" {
		return "", false
	}
	if len(ws) > 4 {
		return "", false
	}
	found := ""
	for _, c := range choices {
		cw := r.analyze(c.words).s
		if (s.app == "" || cw.app == s.app) && (s.env == "" || cw.env == s.env) {
			if found != "" {
				return "", true // "the production one" of two in production
			}
			found = c.id
		}
	}
	return found, true
}

// versionChosen returns the id of the one choice whose words name
// version v ("2.4.2" or "v2.4.2"), or "" for none or several.
func versionChosen(v string, choices []choice) string {
	v = strings.TrimPrefix(v, "v")
	found := ""
	for _, c := range choices {
		for _, w := range strings.Fields(c.words) {
			if strings.TrimPrefix(w, "v") == v {
				if found != "" && found != c.id {
					return ""
				}
				found = c.id
			}
		}
	}
	return found
}

// projectWord reports whether w names a project, maybe shortened ("le
// back").
func (r *Router) projectWord(w string) bool {
	_, ok := r.project(w)
	return ok || r.ix.short[w] != ""
}

// choiceWords may stand around the name or the rank of a deployment
// chosen: "the web one", "celui du site", "le deuxième", "ok api prod".
var choiceWords = setOf("the", "le", "la", "l", "one", "celui", "celle", "du", "de", "d", "for", "pour", "on", "en", "in", "sur",
	"ok", "oui", "yes", "please", "pls", "stp", "svp", "that", "this", "ce", "cet", "cette", "deploy", "deployment", "deploiement",
	"c", "est", "it", "s", "is", "project", "projet")

// ranks are the words that choose an offered deployment by its rank; -1
// is the last.
var ranks = map[string]int{"first": 0, "premier": 0, "premiere": 0, "1st": 0, "1er": 0, "1ere": 0, "second": 1, "deuxieme": 1,
	"seconde": 1, "2nd": 1, "2e": 1, "2eme": 1, "third": 2, "troisieme": 2, "3rd": 2, "3e": 2, "3eme": 2, "last": -1, "dernier": -1,
	"derniere": -1}

// diffWords ask to compare two environments.
var diffWords = setOf("diff", "difference", "differences", "compare", "comparer", "compare-les", "ecart", "ecarts", "delta")

// planCancelled reports whether text, after its interjections and
// thanks, opens with a cancel's verb and negates nothing: "merci mais
// annule", "zut annule", "annule-ça", "annule le déploiement du site en
// prod" (each, on a plan, planned a rollback of its project).
func planCancelled(text string) bool {
	ws := wordsOf(text)
	i := 0
	for i < len(ws)-1 && cancelFillers.has(ws[i]) {
		i++
	}
	if i >= len(ws) || !planCancels.has(ws[i]) {
		return false
	}
	if cls := clauses(text); len(cls) > 1 && slices.ContainsFunc(cls[1:], func(c string) bool {
		cw := wordsOf(c)
		return slices.ContainsFunc(cw, isActionWord) || hasRollbackStem(cw)
	}) {
		return false // "non annule, rollback le front en prod plutôt": another order instead
	}
	return !slices.ContainsFunc(ws, func(w string) bool {
		return negationWords.has(w) || w == "pas" || w == "not" || w == "dont" || w == "don" || w == "ne" || w == "n"
	})
}

var (
	// cancelFillers may come before a plan's cancel: "merci mais
	// annule", "zut annule", "je patiente, annule".
	cancelFillers = setOf("merci", "thanks", "mais", "but", "zut", "mince", "merde", "damn", "shit", "oops", "oups", "ok", "okay", "bon", "ah",
		"oh", "euh", "hmm", "non", "no", "finalement", "bah", "ben", "je", "patiente", "wait", "attends", "en", "fait", "actually", "sorry",
		"pardon", "desole", "plutot", "et", "puis", "alors", "donc", "so")
	// planCancels cancel a plan.
	planCancels = setOf("annule", "annule-ca", "annule-le", "annule-la", "annulez", "annuler", "cancel", "abort", "stop", "stoppe")
)

// cancelClause reports whether text's first or last clause only
// cancels: "annule-le", "merci, je patiente, annule", "annule, je
// verrai demain".
func cancelClause(text string) bool {
	cls := clauses(text)
	for _, cl := range []string{cls[0], cls[len(cls)-1]} {
		if cancelsIt(cl) {
			return true
		}
		switch strings.Join(wordsOf(cl), " ") {
		case "annule", "annule stp", "annule ca", "cancel", "cancel it", "cancel that", "cancel please", "annule tout":
			return true
		}
	}
	return false
}

// cancelsIt reports whether text cancels by its pronoun: "annule-le",
// "annulez-la stp".
func cancelsIt(text string) bool {
	ws := wordsOf(text)
	if len(ws) == 0 || len(ws) > 2 || len(ws) == 2 && !pleaseWords.has(ws[1]) {
		return false
	}
	switch ws[0] {
	case "annule-le", "annule-la", "annulez-le", "annulez-la":
		return true
	}
	return false
}

// noLongerWaits reports whether a reply says a deployment waits no more.
func noLongerWaits(text string) bool {
	t := fold(text)
	return strings.Contains(t, "no longer") || strings.Contains(t, "n'attend plus") || strings.Contains(t, "not waiting") ||
		strings.Contains(t, "waits for no approval") || strings.Contains(t, "n'attend pas d'approbation") || strings.Contains(t, "not for an approval") ||
		strings.Contains(t, "pas une approbation") ||
		strings.Contains(t, "from nobody") || strings.Contains(t, "de personne")
}

// valueGiven reports whether an answer to the bot's question for a
// setting's value gives one: not a delegation, a doubt or a delay ("ask
// Julie", "I don't know yet", "on verra demain", "demande à Julie").
func valueGiven(value string) bool {
	for _, w := range wordsOf(value) {
		if negationWords.has(w) || noValueWords.has(w) {
			return false
		}
	}
	return value != ""
}

// noValueWords answer a setting's question without a value.
var noValueWords = setOf("ask", "demande", "demander", "know", "knows", "sais", "sait", "idea", "idee", "later", "tard", "tomorrow",
	"demain", "verra", "verrai", "see", "check", "verifie", "verifier", "voir", "dunno", "jsp", "idk", "sure", "sur", "maybe",
	"peut-etre", "probably", "probablement", "think", "pense", "crois", "guess", "wait", "attends", "whatever", "importe", "pass",
	"passe", "skip", "question", "usual", "habitude", "next", "prochaine", "prochain", "once", "quand", "when", "wiki", "same",
	"pareil", "meme", "comme", "like", "sorry", "pardon", "no", "non", "oops", "oups")

// noReasonFor reports whether an answer to the bot's question for the
// reason of prev (a lock, a freeze, a refusal…) gives none: nothing but
// signs ("👍"), a no ("non, c'est bon", "lol no"), a doubt or a delay
// ("idk", "euh", "2 min je cherche"), a narrowing or a correction of
// what the command acts on ("non pas tout, juste l'api", "prod only",
// "staging actually", "c'est pour le site pas l'api"), or another order
// ("actually approve it"). An attack had each of them stored as the
// reason and the command run (a freeze of everything on "the api one
// only").
func (r *Router) noReasonFor(text string, prev deploybot.Request) bool {
	ws := wordsOf(text)
	if len(ws) == 0 {
		return true
	}
	if answerNo.has(ws[0]) && ws[0] != "pas" {
		if len(ws) <= 2 {
			return true
		}
		if t := strings.ToLower(strings.TrimSpace(text)); len(t) > len(ws[0]) && strings.ContainsRune(",.!;:", rune(t[len(ws[0])])) {
			return true // "non, c'est bon"; not "no deploys during the demo"
		}
	}
	if last := ws[len(ws)-1]; len(ws) <= 3 && (last == "no" || last == "non" || last == "nope") {
		return true // "lol no"
	}
	if t := strings.ToLower(strings.TrimSpace(text)); t == "n/a" || t == "na" {
		return true
	}
	if len(ws) == 1 && (ws[0] == "later" || ws[0] == "tard" || ws[0] == "soon" || ws[0] == "bientot") {
		return true // "later"
	}
	if len(ws) <= 4 && (ws[0] == "demande" || ws[0] == "demandez" || ws[0] == "ask") {
		return true // "demande à bob", "ask bob": passed on, no reason
	}
	line := " " + strings.Join(ws, " ") + " "
	first := line
	if i, _, ok := clauseBreak(text); ok && i > 0 && prev.Command == deploybot.CmdDeny {
		first = " " + strings.Join(wordsOf(text[:i]), " ") + " "
	}
	for _, ph := range noReasonPhrases {
		if strings.Contains(line, " "+ph+" ") && (!seeLater[ph] || strings.Contains(first, " "+ph+" ")) {
			// "not now", "aucune idée", "changed my mind"; not a refusal's
			// "gel de fin d'année, on verra en janvier", whose "we'll see"
			// comes after its reason.
			return true
		}
	}
	for _, ph := range shortNoReasons {
		if strings.TrimSpace(line) == ph {
			return true // "je regarde", "checking" alone; not "checking payment outage"
		}
	}
	if prev.Command == deploybot.CmdFreeze && prev.Arg("all") != "" || prev.Command == deploybot.CmdDeny {
		// A freeze of everything and a refusal run at once: an answer that
		// backs out or opens with a negation gives no reason ("false
		// alarm", "non pas tout", "on gèle pas", "not 12, 13", "pas
		// celle-là").
		if prev.Command == deploybot.CmdFreeze && len(ws) > 1 && (ws[1] == "pas" || ws[1] == "not" ||
			(ws[0] == "non" || ws[0] == "no" || ws[0] == "not" || ws[0] == "pas") && (ws[1] == "tout" || ws[1] == "all" || ws[1] == "everything")) {
			return true // "non pas tout", "on gèle pas", "not all"
		}
		kept := line // "le tag pointe sur la mauvaise branche": what is wrong, no back-out
		for i, w := range ws {
			if (w == "mauvais" || w == "mauvaise" || w == "wrong") && i > 1 && i+1 < len(ws) && faultyThings.has(ws[i+1]) && !slices.ContainsFunc(ws, unsureOrSorry.has) {
				kept = strings.Replace(kept, " "+w+" "+ws[i+1]+" ", " "+ws[i+1]+" ", 1)
			}
		}
		for _, ph := range backOutPhrases {
			if strings.Contains(kept, " "+ph+" ") {
				return true
			}
		}
		if prev.Command == deploybot.CmdDeny && slices.ContainsFunc(ws, func(w string) bool { return w != prev.Arg("id") && isNumber(w) }) {
			return true // "sorry, meant 13", "c'était pour la 13": another deployment
		}
	}
	if prev.Command == deploybot.CmdDeny {
		for _, ph := range denyTakenBack {
			if i := strings.Index(line, " "+ph+" "); i >= 0 && !slices.ContainsFunc(strings.Fields(line[:i]), negationWords.has) {
				return true // "actually approve it", "looks good actually", "c'est ok finalement"; not "le client n'a pas accepté"
			}
		}
	}
	filler := true
	for i, w := range ws {
		switch {
		case noReasonWords.has(w):
			return true
		case w == "sais" && i+1 < len(ws) && (ws[i+1] == "pas" || ws[i+1] == "plus"):
			return true // "je sais pas"
		case i == 0 && w == "laisse":
			return true // "laisse, je le ferai plus tard"
		case prev.Command == deploybot.CmdDeny && (strings.HasPrefix(w, "approuve-") || strings.HasPrefix(w, "valide-") || strings.HasPrefix(w, "accepte-")):
			return true // "en fait non, approuve-la"
		}
		if a, ok := r.project(w); ok && !stopWords.has(w) {
			if prev.Arg("all") != "" || prev.App != "" && a != prev.App && i < 4 && correcting(ws) || prev.App == a && excludedAt(ws, i) {
				// "the api one only" for a freeze of everything, "the web
				// one, not api" for api's lock ("api changes break the
				// site" is a reason), "pour le site pas l'api".
				return true
			}
		}
		if e, ok := envWordOf(w); ok {
			if prev.Arg("all") != "" || prev.Env != "" && e != prev.Env && i < 4 && correcting(ws) || prev.Env == e && excludedAt(ws, i) {
				return true // "staging actually" for production's lock, "all but staging"
			}
		}
		if !reasonFillers.has(w) {
			filler = false
		}
	}
	return filler // "ok", "brb", "lol"
}

// correcting reports whether an answer is short or says it corrects:
// "staging actually", "the web one, not api"; not "staging tests are
// failing, don't ship".
func correcting(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "actually", "fait", "plutot", "instead", "not", "pas", "only", "juste", "rather", "meant", "dit", "said":
			return true
		}
	}
	if len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		if _, ok := envWordOf(w); ok {
			continue
		}
		if correctionFillers.has(w) {
			continue
		}
		return false // "le site refonctionne": a reason
	}
	return true
}

// correctionFillers are the small words a correction holds beside a
// name: "the web one", "celui du site", "sorry, staging".
var correctionFillers = setOf("the", "le", "la", "l", "les", "one", "celui", "celle", "du", "de", "for", "pour", "on", "sur", "in", "en",
	"c", "est", "it", "s", "i", "mean", "sorry", "oops", "no", "non", "wait", "attends")

// otherScope reports whether an answer with a setting's value names
// another place than the setting asked about: "none on staging" or
// "named for api" after web production's approval, "canary, except
// prod", "canary for both", "named everywhere", "keep it as is" (an
// attack set web production's approval to none with the first). The bot
// asks again.
func (r *Router) otherScope(text string, prev deploybot.Request) bool {
	for i, w := range wordsOf(text) {
		if a, ok := r.project(w); ok && !stopWords.has(w) && a != prev.App {
			return true
		}
		if e, ok := envWordOf(w); ok && e != prev.Env {
			return true
		}
		if excluders.has(w) && w != "like" && w != "comme" || noReasonWords.has(w) || scopeWords.has(w) || i == 0 && w == "as" {
			return true
		}
	}
	return false
}

// scopeWords widen or keep a setting's answer beyond the one asked.
var scopeWords = setOf("both", "deux", "tous", "toutes", "all", "keep", "garde", "everywhere", "partout", "everyone", "aussi", "too",
	"also", "pareil", "same", "idem", "agency", "agence", "whole", "toute", "globally", "global", "every", "board", "chaque")

// envAnswerPick reads an answer to "Which environment?" that names two
// environments and puts one off or finds it broken ("prod plus tard,
// staging d'abord", "prod is broken, do staging", "staging for now,
// prod later"; it took the first named): env is the one left, when one
// is; unclear when none or several are (the bot asks again). Excluded
// environments ("la prod, pas le staging") and one environment alone (a
// hotfix goes where it is broken) are read by the other rules (ok false).
func (r *Router) envAnswerPick(text string) (env string, unclear, ok bool) {
	if _, corrected := correctedAnswer(text); corrected {
		return "", false, false // "prod, non pardon, staging": the answer is what follows its correction
	}
	if slices.ContainsFunc(wordsOf(text), anywhereHedges.has) {
		return "", false, false // "production, jk, staging"
	}
	var named, kept []string
	putOffAny := false
	for _, cl := range clauses(text) {
		ws := wordsOf(cl)
		putOff := hasFault(ws) || slices.ContainsFunc(ws, func(w string) bool { return pickLater.has(w) || putOffWords.has(w) })
		putOffAny = putOffAny || putOff
		for i, w := range ws {
			e, isEnv := envWordOf(w)
			if !isEnv {
				e, isEnv = r.ix.envs[w]
			}
			if !isEnv || excludedAt(ws, i) {
				continue
			}
			if !slices.Contains(named, e) {
				named = append(named, e)
			}
			if !putOff && !slices.Contains(kept, e) {
				kept = append(kept, e)
			}
		}
	}
	if len(named) < 2 || !putOffAny {
		return "", false, false
	}
	ws := wordsOf(text)
	if len(kept) == 1 && !slices.ContainsFunc(ws, func(w string) bool {
		return negationWords.has(w) || w == "no" || w == "non" || contractedNot.has(w) || alsoIDWords.has(w) || sameWords.has(w)
	}) {
		return kept[0], false, true
	}
	// "staging later, prod too", "staging isn't broken, prod is": which one
	// is put off, the bot asks again.
	return "", true, true
}

// contractedNot are the English negations written without their
// apostrophe: "isn't" reads "isnt".
var contractedNot = setOf("isnt", "arent", "wasnt", "werent", "doesnt", "dont", "didnt", "hasnt", "havent", "wont", "cant")

// putOffWords put an environment off or say it is closed: "la prod
// attendra", "prod is frozen".
var putOffWords = setOf("attendra", "attendre", "wait", "waits", "frozen", "gelee", "gele", "locked", "verrouillee", "tombee", "tombe")

// excludedAt reports whether the word at i is excluded by the one
// before it, maybe past an article: "not api", "pas l'api".
func excludedAt(ws []string, i int) bool {
	return i > 0 && excluders.has(ws[i-1]) || i > 1 && excluders.has(ws[i-2]) && envOrArticle(ws[i-1])
}

// noReasonPhrases say, anywhere in an answer, that it gives no reason.
var noReasonPhrases = []string{"not now", "pas maintenant", "pas tout de suite", "pas encore", "not yet", "aucune idee", "no idea",
	"tell you later", "te dis plus tard", "je te dirai", "changed my mind", "change d avis", "changer d avis", "no reason", "sans raison",
	"aucune raison", "not sure", "pas sur", "c est bon", "never mind", "je cherche", "on verra", "a voir", "not today",
	"pas aujourd hui", "plus tard", "later on", "maybe later",
	"pas de raison", "peut etre demain", "peut etre plus tard", "no particular reason", "maybe tomorrow", "maybe tmrw"}

// seeLater are the noReasonPhrases that put a decision off: after a
// refusal's reason they say when it may be asked again.
var seeLater = map[string]bool{"on verra": true, "a voir": true}

// waitedFor follow "wait" or "attends" that say what to wait for.
var waitedFor = setOf("for", "until", "till", "le", "la", "les", "l", "que", "qu", "jusqu", "janvier", "january")

// backOutPhrases take back a freeze of everything or a refusal.
var backOutPhrases = []string{"false alarm", "rather not", "scratch that", "oublie", "forget", "plus besoin", "no need", "pas besoin",
	"cancel", "annule", "typo", "meant", "wrong one", "mauvais", "mauvaise", "c etait pour", "pas celle", "pas celui", "gele pas",
	"freeze pas", "don t freeze", "dont freeze", "pas de gel", "no freeze", "blague", "pour rire", "tout va bien", "je teste",
	"just kidding", "jk", "all good", "kidding", "testing", "test"}

// shortNoReasons say no reason when they are the whole answer: "je
// regarde", "checking", "one min"; not "je regarde les logs, 500
// partout", "checking payment outage".
var shortNoReasons = []string{"je regarde", "je te dis", "je verifie", "checking", "one min", "une seconde", "one sec", "let me check",
	"lemme check", "un instant", "une sec"}

// denyTakenBack take a refusal back: no reason to refuse.
var denyTakenBack = []string{"approve", "approuve", "accepte", "looks good", "lgtm", "looks fine", "fine by me", "c est good",
	"ok pour moi", "go for it", "ca me va", "looks ok", "ok by me", "fine with me", "nickel", "ca passe", "it s fine", "its fine", "all good", "c est ok",
	"finalement", "ok actually", "fine actually", "go ahead", "ok go", "vas y", "let it through", "laisse passer", "ship it",
	"seems fine", "good to go", "ok for me", "pas de souci", "pas de soucis", "not this one", "the other one", "l autre"}

// noReasonWords say that an answer gives no reason, wherever they stand.
var noReasonWords = setOf("idk", "nvm", "brb", "euh", "hmm", "hmmm", "rien", "nothing", "only", "seulement", "juste", "uniquement",
	"except", "sauf", "excepte", "dunno", "whatever", "nevermind", "tbd", "tbc", "chais", "jsais")

// reasonFillers alone make no reason: "ok", "brb", "lol", "merci".
var reasonFillers = setOf("ok", "okay", "k", "lol", "mdr", "ptdr", "thanks", "thx", "merci", "cool", "yes", "oui", "yep", "ouais",
	"sure", "np", "d", "accord", "go")

// numberAsked reports whether the bot's turn asks for a number: "Which
// reminder should I delete? Give its number", "Donnez son numéro".
func numberAsked(text string) bool {
	t := fold(text)
	return strings.Contains(t, "?") && (strings.Contains(t, "its number") || strings.Contains(t, "son numero") ||
		strings.Contains(t, "the number") || strings.Contains(t, "le numero"))
}

// takesBack reports whether an answer opens by taking back what it
// answers: "wait, wrong project", "non attends", "oops not that one",
// "forget it", "laisse tomber".
func takesBack(ws []string) bool {
	if len(ws) == 1 && (ws[0] == "no" || ws[0] == "non" || ws[0] == "nope") {
		return true
	}
	for i, w := range ws {
		switch w {
		case "attend":
			if i == 0 || ws[i-1] == "non" || ws[i-1] == "no" {
				return true // "attend, pas ce projet" (a mistyped "attends"); not "on attend le client"
			}
		case "wait", "attends":
			if i > 0 && i+1 < len(ws) && waitedFor.has(ws[i+1]) {
				continue // "freeze, wait for january": what to wait for, after the reason; not "wait for carol"
			}
			return true
		case "wrong", "mauvais", "mauvaise":
			if i > 1 && i+1 < len(ws) && faultyThings.has(ws[i+1]) && !slices.ContainsFunc(ws, unsureOrSorry.has) {
				continue // "the tag points to the wrong branch": a reason, what is wrong
			}
			return true
		case "erreur":
			return true
		case "oops", "oups", "mistake", "forget", "annule",
			"cancel", "nevermind", "oublie", "oubliez", "scratch", "ignore", "ignorez", "trompe", "trompee":
			return true
		case "dont", "don":
			if dontTakesBack(ws, i) {
				return true
			}
		case "testing":
			return i > 0 && ws[i-1] == "just" // "just testing"
		case "none", "aucune", "aucun", "nothing", "rien":
			return len(ws) == 1 // "none": no reason given
		case "bad":
			return i > 0 && ws[i-1] == "my" // "my bad"
		case "pis":
			return i > 0 && ws[i-1] == "tant" // "tant pis"
		case "drop":
			return i+1 < len(ws) && (ws[i+1] == "it" || ws[i+1] == "that")
		case "besoin":
			return i > 0 && (ws[i-1] == "pas" || ws[i-1] == "plus") // "pas besoin"
		case "need":
			return i > 0 && ws[i-1] == "no" // "no need"

		case "laisse":
			return i+1 < len(ws) && ws[i+1] == "tomber"
		case "never":
			return i+1 < len(ws) && ws[i+1] == "mind"
		}
	}
	return false
}

// firmTakeBack reports whether ws drop a command for good, not for a
// moment ("wait, wrong project"): "don't lock it", "forget it", "never
// mind", "laisse tomber", "oublie ça".
func firmTakeBack(ws []string) bool {
	for i, w := range ws {
		switch w {
		case "forget", "oublie", "oubliez", "nevermind", "scratch", "ignore", "ignorez", "cancel", "annule":
			return true
		case "dont", "don":
			if dontTakesBack(ws, i) {
				return true
			}
		case "mind":
			if i > 0 && ws[i-1] == "never" {
				return true
			}
		case "tomber":
			if i > 0 && ws[i-1] == "laisse" {
				return true
			}
		}
	}
	return false
}

// dontTakesBack reports whether the "don't" at ws[i] takes the command
// back: "don't lock it", "don't bother"; not a freeze's reason "don't
// deploy during the audit".
func dontTakesBack(ws []string, i int) bool {
	k := i + 1
	if k < len(ws) && ws[k] == "t" {
		k++
	}
	return k < len(ws) && takenBackObjects.has(ws[k])
}

// takenBackObjects after a "don't" take the command back: "don't lock
// it", "don't do it", "don't bother".
var takenBackObjects = setOf("lock", "unlock", "freeze", "unfreeze", "it", "that", "do", "bother", "worry")

// verdictFirst reports whether an answer opens with its verdict, says it
// without a negation and asks nothing: "failed - 502 on checkout",
// « réussi, la v3 répond », not "it didn't fail", "ask bob whether it
// succeeded", "the tests succeeded", "succeeded on staging, failed on
// prod?" (an attack recorded those as verdicts).
func verdictFirst(text string) bool {
	if strings.Contains(text, "?") {
		return false
	}
	ws := wordsOf(text)
	ws = withoutVerdictSubject(ws)
	for len(ws) > 0 && interjections.has(ws[0]) {
		ws = ws[1:]
	}
	if len(ws) == 0 || !verdictWords.has(ws[0]) || unsure(ws) || slices.ContainsFunc(ws, func(w string) bool {
		return checkingWords.has(w) && !(w == "encore" && failWords.has(ws[0])) // "échoué, l'ancienne version tourne encore"
	}) {
		return false // not "failed to load the page, let me check again"
	}
	succeeded, failed := 0, 0
	for i, w := range ws {
		if (negationWords.has(w) || w == "not" || w == "pas" || w == "didn" || w == "hasn" || w == "t") && !(i > 1 && failWords.has(ws[0])) {
			return false // not "succeeded? not really"; "failed, the pod does not start" says what failed
		}
		if verdictWords.has(w) {
			if failWords.has(w) {
				failed++
			} else {
				succeeded++
			}
		}
	}
	return succeeded == 0 || failed == 0 // not "succeeded on staging, failed on prod"
}

// verdictOf returns the verdict word that opens an answer, after its
// interjections: "échoué" of "bon, échoué, le pod ne démarre pas".
func verdictOf(text string) string {
	for _, f := range strings.Fields(text) {
		w := fold(strings.Trim(f, ".,;:!—–-"))
		if verdictWords.has(w) {
			return w
		}
		if !interjections.has(w) {
			break
		}
	}
	return ""
}

// datesAsked reports whether the bot's turn asks a freeze's dates: "From
// when to when? …", "Du quand au quand ? …".
func datesAsked(text string) bool {
	t := fold(text)
	return strings.HasPrefix(t, "from when to when") || strings.HasPrefix(t, "du quand au quand") || strings.HasPrefix(t, "de quand a quand")
}

// unsureOrSorry doubt or apologise: an answer with one is no reason.
var unsureOrSorry = setOf("sorry", "pardon", "desole", "maybe", "peut-etre", "crois", "think", "guess", "verifie", "check", "checking",
	"laisse", "nvm", "fine", "bon", "bonne", "ok", "meant", "voulais")

// faultyThings are what a reason may say is wrong ("the wrong branch",
// "mauvaise config") without taking the command back.
var faultyThings = setOf("branch", "branche", "tag", "commit", "commits", "build", "image", "config", "configuration", "migration",
	"migrations", "schema", "variable", "variables", "secret", "secrets", "certificate", "certificat", "url", "key", "cle", "fichier",
	"file", "data", "donnees", "dependency", "dependance", "header", "headers", "cache", "port", "endpoint", "credentials", "token")

// verdictSaid returns text with a verdict said in other words at its
// start ("it worked", "ça a planté", "c'est bon, ça a marché") replaced
// by the verdict's word, when it opens so.
func verdictSaid(text string) (string, bool) {
	for _, v := range []struct {
		re   *pattern
		word string
	}{{workedRe, "succeeded"}, {brokeRe, "failed"}} {
		if m := v.re.FindStringSubmatchIndex(text); m != nil {
			if rest := text[m[3]:]; verdictDoubtRe.MatchString(fold(rest)) {
				return "", false // "it worked, then it broke", "ça a marché, à moitié", "all good, for 41"
			}
			return v.word + text[m[3]:], true
		}
	}
	return "", false
}

// verdictDoubtRe is what takes a verdict said in other words back or
// narrows it, in folded text: the other verdict, a part, a limit, another
// deployment.
var verdictDoubtRe = mustCompile(`\b(?:broke|broken|plante|casse|down|failed|fail|ko|echoue|recovered|reparti|repart|worked|marche|kind of|sort of|partially|partly|moitie|partiellement|until|jusqu|then|puis|nope|for \d+|pour le \d+|pour la \d+|#\d+|staging|recette|preprod)\b`)

var (
	workedRe = mustCompile(`(?i)^(?:(?:ok|oui|yes|yep|bon|alors|good news)[ ,!]+)?(it worked|worked|it went fine|went fine|it went through|went through|all good|it s fine|it's fine|[cç]a a march[eé]|[cç]a marche|c'?\s?est bon(?:[ ,]+[cç]a a march[eé])?|c'?\s?est pass[eé]|tout est ok|tout va bien)(?:$|[ ,.;:!])`)
	brokeRe  = mustCompile(`(?i)^(?:(?:non|no|nope|bon|alors|bad news)[ ,!]+)?(it broke|it failed|broke|didn'?t work|did not work|[cç]a a plant[eé]|[cç]a a cass[eé]|[cç]a n'?\s?a pas march[eé]|c'?\s?est cass[eé]|plant[eé])(?:$|[ ,.;:!])`)
)

// checkingWords say the person is still looking: no verdict yet.
var checkingWords = setOf("check", "checking", "verifie", "verifier", "regarde", "regarder", "again", "encore", "maybe", "peut-etre",
	"probably", "probablement", "think", "pense", "crois")

// verdictWords open an outcome's answer; failWords are those of failure.
var (
	verdictWords = setOf("succeeded", "successful", "success", "done", "reussi", "reussie", "succes", "failed", "failure", "ko",
		"echoue", "echouee", "echec", "rate", "ratee")
	failWords = setOf("failed", "failure", "ko", "echoue", "echouee", "echec", "rate", "ratee")
)

// isWords say what is, not what to do: "l'api 2.5.1 est en
// recette également" reports.
var isWords = setOf("est", "sont", "is", "are", "was", "were", "etait", "tourne", "tournent", "runs", "running")

// unsureAnswerWords doubt an answer that would lock, unlock or freeze
// something, or an order given as an answer: "api too, probably", "api
// également, je pense", "api aussi, bof", "api too, your call", "it's an
// order, deploy it, probably".
var unsureAnswerWords = setOf("probably", "probablement", "maybe", "perhaps", "peut-etre", "pense", "think", "guess", "crois",
	"suppose", "imagine", "possibly", "surement", "likely", "sais", "bof", "hmm", "voir", "savoir", "call", "up", "idk", "dunno",
	"bah", "ben")

// rollbackStartedRe is the bot's reply that a rollback started, in
// folded text, with the project and the environment it names.
var rollbackStartedRe = mustCompile(`^(?:go|c.est parti)\s*:\s*rollback\s+(\S+)\s+(?:\S+\s+)?→\s+(\S+)[^\n]*\b(?:started|est lance)\b`)

// otherTooNamed returns what text names when it only asks the same for
// another project: "and the backend too", "le site aussi", "et pour le
// site ?", perhaps with why after it ("and the backend too, it's the one
// calling the broken endpoint"). Plainly said: no mention, no mark, no
// doubt, no second project.
func (r *Router) otherTooNamed(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if i, j, ok := clauseBreak(t); ok && i > 0 && becauseTail(t[j:]) {
		t = t[:i] // the reason after it
	}
	asked := strings.HasSuffix(t, "?")
	t = strings.TrimSpace(strings.TrimRight(t, "?"))
	if strings.ContainsAny(t, "?¿!") || !plainAnswer(t) {
		return "", false
	}
	l := commandLine(t)
	for _, p := range []string{"et pour ", "and for "} {
		if strings.HasPrefix(l, p) {
			l, asked = l[len(p):], false // "et pour le site ?": the same for it (not "et le site ?", a state asked)
			break
		}
	}
	if asked {
		return "", false // "the backend too?", "what about the backend?": asked, not said
	}
	l = withoutToo(l)
	ws := strings.Fields(l)
	if n := len(ws); n > 0 && (ws[n-1] == "aussi" || ws[n-1] == "also") {
		l = strings.Join(ws[:n-1], " ")
	}
	if !r.sameForNamed(l) || r.projectsNamed(wordsOf(l)) != 1 {
		return "", false
	}
	return l, true
}

// becauseTail reports whether a clause only says why, as a cause: "it's
// the one calling the broken endpoint", "because it calls it", "c'est lui
// qui appelle l'endpoint", "parce qu'il dépend du site". No doubt, no
// negation, no person, no moment, no order.
func becauseTail(clause string) bool {
	ws := wordsOf(clause)
	if len(ws) < 3 || strings.ContainsAny(clause, "?¿!") || !plainAnswer(clause) {
		return false
	}
	cause := ws[0] == "because" || ws[0] == "car" || ws[0] == "parce" || ws[0] == "since" || ws[0] == "puisque" ||
		ws[0] == "it" && ws[1] == "s" && ws[2] == "the" || ws[0] == "c" && ws[1] == "est" && (ws[2] == "lui" || ws[2] == "elle" || ws[2] == "celui")
	// The cause is a fault said of it: "calling the broken endpoint",
	// "il plante aussi"; not "the one that still works", "that would be
	// a disaster", "on vient de le réparer".
	return cause && slices.ContainsFunc(ws, faultWords.has) && !slices.ContainsFunc(ws, func(w string) bool {
		return negationWords.has(w) || w == "not" || w == "pas" || w == "no" || w == "non" || unsureAnswerWords.has(w) || anywhereHedges.has(w) ||
			names.has(w) || laterWords.has(w) || nowWords.has(w) || deferrals.has(w) || isActionWord(w) || hasRollbackStem([]string{w}) ||
			goodWords.has(w) || notLiveFault.has(w) || isEnvWord(w)
	})
}

// withoutToo returns text without its words "too" and "également".
func withoutToo(text string) string {
	ws := strings.Fields(text)
	kept := ws[:0:0]
	for _, w := range ws {
		switch t := strings.ToLower(strings.TrimRight(w, ",;.!")); {
		case t == "too" || t == "également" || t == "egalement":
			if len(w) > len(t) && len(kept) > 0 {
				kept[len(kept)-1] += w[len(t):] // "api too, same reason": its comma stays
			}
		default:
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// sameForNamed reports whether text, "too" taken out, only names a
// project or an environment (after "and"), perhaps with "same reason"
// in a clause of its own: "and api, same reason", "l'api, même raison".
func (r *Router) sameForNamed(text string) bool {
	if !plainAnswer(text) || strings.ContainsAny(text, "!‽…") {
		return false // "api too ‽", "api too?!"
	}
	head, tail := text, ""
	if i, j, ok := clauseBreak(text); ok && i > 0 {
		head, tail = text[:i], strings.TrimSpace(text[j:])
	}
	switch commandLine(strings.TrimRight(tail, " .!")) {
	case "", "same reason", "for the same reason", "meme raison", "pour la meme raison", "meme motif":
	default:
		return false
	}
	named := false
	for _, w := range wordsOf(head) {
		switch {
		case w == "and" || w == "et" || w == "the" || w == "le" || w == "la" || w == "l":
		case r.projectWord(w):
			named = true
		default:
			if _, env := envWordOf(w); !env {
				return false
			}
			named = true
		}
	}
	return named
}

// takenBackWords reports whether words take an answer back: "api too,
// actually no", "api aussi, oups non", "api too, i meant web" (each
// locked api).
func takenBackWords(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool {
		return w == "no" || w == "non" || w == "nope" || w == "nan" || w == "nah" || w == "oops" || w == "oups" || w == "sorry" ||
			w == "pardon" || w == "desole" || w == "actually" || w == "meant" || w == "mean" || w == "voulais"
	})
}

// endedEventSaid reports whether raw, an answer to the bot's "Give a
// reason", only says an event is over (endedEventRe), plainly: no
// mention, quote, ellipsis, emoji or mark around it ("fin de l'incident
// 😂", "> fin de l'incident" unlocked; an attack).
func endedEventSaid(raw string) bool {
	if !plainAnswer(raw) || strings.ContainsAny(raw, "*_…") || strings.Contains(raw, "..") {
		return false
	}
	return endedEventRe.MatchString(strings.TrimRight(commandLine(raw), " .!"))
}

// endedEventRe is a reason that says an event is over, in folded
// words: "fin de la campagne marketing", "end of the incident"; not a
// moment ("fin de semaine"), nor an end to come ("fin de l'incident
// demain"), nor a refusal ("end of discussion, it stays locked").
var endedEventRe = mustCompile(`^(?:fin|end)\s+(?:de|du|des|d|of)\s+(?:(?:la|le|l|les|the|our|notre)\s+)?(?:incident|campagne|campaign|maintenance|migration|intervention|panne|outage|operation|soldes|sale|sales|demo|livraison|release)(?:\s+(?:marketing|commerciale|promo|client|de\s+noel|black\s+friday))?$`)

// liftWords say what a lock or a freeze was kept for is over: fixed,
// done, back, closed, green, finished.
var liftWords = setOf("fixed", "fxied", "fiexd", "hotfix", "hotfixed", "patched", "resolved", "resolu", "resolue", "done", "fait",
	"faite", "finished", "fini", "finie", "finis", "termine", "terminee", "over", "closed", "clos", "close", "cloture", "green", "vert",
	"verte", "verts", "back", "revenu", "revenue", "revenus", "works", "marche", "remarche", "fonctionne", "refonctionne", "stable",
	"corrected", "corrige", "corigé", "corige", "corrigee", "corriges", "repare", "reparee", "regle", "reglee", "deployed", "deploye",
	"deployee", "rolled", "reverted", "completed", "complete", "passed", "pass", "passing", "passent", "valide", "validee", "validated",
	"merged", "shipped", "restored", "retabli", "retablie", "healthy", "recovered", "nickel", "gone", "ended", "resumed", "repris",
	"repasse", "repassent", "remarchent", "marchent", "fonctionnent", "refonctionnent", "verified", "reparti", "repartie", "repartis",
	"reprise", "migrated", "migre", "migree", "succeeded", "reussi", "reussie", "ras", "solved", "correctif", "clear", "ordre", "zero",
	"out", "passe", "normal", "disparu", "disparues", "disparus", "disappeared")

// reasonDoubts doubt, put off, ask, or say the trouble goes on: "still
// broken", "fixed I think", "when the fix is out", "plus tard".
var reasonDoubts = setOf("still", "toujours", "encore", "yet", "maybe", "perhaps", "peut-etre", "probably", "probablement",
	"think", "crois", "pense", "hope", "espere", "guess", "suppose", "when", "quand", "once", "lorsque", "later", "tard", "soon",
	"bientot", "if", "si", "unless", "wait", "waiting", "attends", "attente", "pending", "ask", "demande", "why", "pourquoi", "who",
	"qui", "dunno", "idk", "sais", "know", "sure", "check", "verifie", "verifier", "see", "verra", "lol", "jk", "tbd", "todo",
	"keep", "garde", "ongoing", "cours", "open", "ouvert", "investigating", "unresolved", "broken", "casse", "cassee", "failing",
	"down", "almost", "presque", "nearly", "says", "said", "dit", "luck", "courage", "working", "you", "toi", "vous", "hopefully",
	"broke", "again",
	"progress", "being", "will", "ll", "should", "might", "could", "would", "allegedly", "supposedly", "apparemment", "but", "mais",
	"remain", "remains", "reste", "restent", "flaky", "slow", "lent", "lente", "incoming", "review", "lunch", "dejeuner", "typo",
	"dans", "en cours", "va", "sera", "devrait", "pourrait", "typo")

// notAReason reports whether the words given as the reason to lift a lock
// or a freeze, in answer to the bot's question, fail to say that what it
// was kept for is over: a reason says what was fixed or done ("fixed by
// v3.8.4", "la migration est finie", "no more errors since the
// hotfix"); "hmm not yet", "still broken", "plus tard", "why", "ask bob",
// "fixed I think" do not (attack 17 unlocked production with each).
func notAReason(words []string) bool {
	// Doubts in a later clause count only after a "but": "fixed,
	// postmortem tomorrow" is a reason, "done, but errors remain" none.
	for i, w := range words {
		if i > 0 && (w == "postmortem" || w == "post-mortem" || w == "retro" || w == "watch" || w == "surveille") {
			words = words[:i]
			break
		}
	}
	done, negated, more := false, false, false
	for i, w := range words {
		switch {
		case (w == "verifie" || w == "verifiee") && i > 0 && (words[i-1] == "est" || words[i-1] == "ete" || words[i-1] == "bien" || words[i-1] == "a"):
			done = true // "le rollback est vérifié"; not "je vérifie"
		case (w == "verifie" || w == "verifiee" || w == "verified" || w == "checked") && i > 0 && (isActionWord(words[i-1]) || hasRollbackStem(words[i-1:i]) ||
			words[i-1] == "fix" || words[i-1] == "hotfix" || words[i-1] == "correctif"):
			done = true // "rollback vérifié, le site répond", "fix verified"
		case w == "again" && i > 0 && (words[i-1] == "up" || words[i-1] == "fine" || words[i-1] == "ok" || words[i-1] == "normal"):
			// "site is up again"; not "broken again"
		case w == "up" && i > 0 && (words[i-1] == "is" || words[i-1] == "are" || words[i-1] == "s" || words[i-1] == "back" || words[i-1] == "est" ||
			words[i-1] == "sont") && (i+1 == len(words) || words[i+1] == "again" || words[i+1] == "now" || words[i+1] == "and" || words[i+1] == "since"):
			done = true // "site is up again", "api's back up"; not "up in the air", "up for review", "up next"
		case reasonDoubts.has(w) || anywhereHedges.has(w):
			if w == "down" || w == "broken" || w == "casse" || w == "cassee" || w == "failing" {
				if i > 0 && (words[i-1] == "more" || words[i-1] == "no" || words[i-1] == "plus" || words[i-1] == "d" || words[i-1] == "de") {
					continue // "no more errors", "plus d'erreurs"
				}
			}
			return true
		case w == "more" || w == "anymore" || w == "longer" ||
			w == "plus" && (i+1 < len(words) && (words[i+1] == "de" || words[i+1] == "d") || slices.Contains(words[:i], "n") || slices.Contains(words[:i], "ne")):
			more = true // "no more errors", "plus d'erreurs", "ce n'est plus cassé"; not "voir plus haut"
		case (w == "no" || w == "zero") && i+1 < len(words) && reasonFaults.has(words[i+1]):
			more = true // "no errors since 10:00"
		case negationWords.has(w) || w == "no" || w == "non" || w == "nope" || w == "aucune" || w == "aucun" || w == "nothing" ||
			w == "rien" || w == "none":
			negated = true
		case liftWords.has(w):
			done = true
		case causeFound.has(w) && (i > 0 && words[i-1] == "cause" || i > 1 && words[i-2] == "cause"):
			done = true // "cause trouvée, pool saturé, fix en 2.8.5", "root cause found"; not "found a new issue"
		}
	}
	if negated && !more {
		return true // "l'incident n'est pas clos", "not done"
	}
	fault, again := false, false
	for i, w := range words {
		switch {
		case reasonFaults.has(w):
			fault = true
		case (w == "back" && !(i > 0 && (words[i-1] == "rolled" || words[i-1] == "went" || words[i-1] == "rolling")) &&
			!(i+1 < len(words) && (words[i+1] == "to" || words[i+1] == "up"))) || w == "revenu" || w == "revenue" || w == "revenus" ||
			w == "again":
			again = true // "errors are back"; not "errors back to normal", "the site is back up"
		}
		if i > 0 && strings.ContainsAny(w, "0123456789") && (words[i-1] == "in" || words[i-1] == "at" || words[i-1] == "a" || words[i-1] == "dans") {
			return true // "done in 10 min", "fini dans 10 min", "done at 5pm"
		}
	}
	if fault && again {
		return true // "errors are back", "le bug est revenu"
	}
	return !done && !more
}

// sameVersionSaid reports whether words keep the version said before:
// "same version", "même version".
func sameVersionSaid(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		if (words[i] == "same" || words[i] == "meme") && (words[i+1] == "version" || words[i+1] == "tag" || words[i+1] == "build") {
			return true
		}
	}
	return false
}

// otherTargetNamed reports whether words name another project than
// prev's: "en fait non, l'api" answering the reason of web's freeze.
func (r *Router) otherTargetNamed(words []string, prev deploybot.Request) bool {
	if prev.App == "" || !slices.ContainsFunc(words, func(w string) bool { return correctionOpeners.has(w) || answerNo.has(w) || w == "fait" }) {
		return false // "api changes break the site": a reason that names another
	}
	for _, w := range words {
		if a, ok := r.project(w); ok && a != prev.App {
			return true
		}
	}
	return false
}

// causeFound say a trouble's cause is known: "cause trouvée".
var causeFound = setOf("found", "trouve", "trouvee", "identified", "identifie", "identifiee")

// reasonFaults are the troubles a lock is kept for: "errors are back".
var reasonFaults = setOf("error", "errors", "erreur", "erreurs", "bug", "bugs", "incident", "crash", "crashes", "panne", "outage",
	"500", "500s", "timeouts", "timeout", "regression", "regressions", "issue", "issues", "problem", "problems", "probleme", "problemes")

// reportsFailure reports whether a reply of the bot says a deployment
// failed: "Status: Failed ❌", "Statut : Échec".
func reportsFailure(text string) bool {
	t := strings.ToLower(text)
	return strings.Contains(t, "failed") || strings.Contains(t, "échec") || strings.Contains(t, "échoué") // not a refusal's ❌
}

// compoundNameRe is a name written with digits, dashes or underscores:
// "shop-v2", "backend2", "shop_api".
var compoundNameRe = mustCompile(`^[a-z][a-z0-9]*(?:[0-9]|[-_][a-z0-9]+)[a-z0-9_-]*$`)

// unknownCompoundName reports whether a word written where a project goes
// is a compound name the configuration does not know ("shop-v2 staging
// deploy" took an earlier message's project): no version, no known
// project or environment.
func (r *Router) unknownCompoundName(raw string) bool {
	w := strings.ToLower(strings.Trim(raw, ".,;:!?()\"'"))
	if len(w) < 3 || !compoundNameRe.MatchString(w) || versionTokenRe.MatchString(w) || versionToken(w) != "" ||
		!strings.ContainsAny(w, "0123456789_") { // not "pousse-la", a verb and its pronoun
		return false
	}
	if _, ok := r.project(w); ok {
		return false
	}
	if _, ok := envWordOf(w); ok {
		return false
	}
	return true
}

// verdictSubjects may open a verdict, whole: "it succeeded", "ça a
// échoué", "c'est bien réussi".
var verdictSubjects = [][]string{{"it", "has"}, {"it"}, {"its"}, {"ca", "a", "bien"}, {"ca", "a"}, {"c", "est", "bien"}, {"c", "est"},
	{"il", "a", "bien"}, {"il", "a"}, {"elle", "a", "bien"}, {"elle", "a"}, {"est", "bien"}, {"bien"}}

// withoutVerdictSubject returns ws without the subject that opens a
// verdict.
func withoutVerdictSubject(ws []string) []string {
	for _, subj := range verdictSubjects {
		if len(ws) > len(subj) && slices.Equal(ws[:len(subj)], subj) {
			return ws[len(subj):]
		}
	}
	return ws
}

// plainVerdict reports whether an answer to the bot's question for a
// deployment's outcome (asked) gives the verdict plainly: a verdict word
// (after its subject), alone or ending its clause, then what was seen,
// with no doubt, no condition, no other environment, deployment or
// person, and no order (an attack had "il a réussi à tout casser",
// "failed to ssh into the box", "succeeded on staging", "it succeeded,
// I hope", "@carol it failed, can you record it" recorded). Recording an
// outcome frees the environment: the answer must leave no doubt.
func plainVerdict(text, asked string) bool {
	if strings.ContainsAny(text, "?@\"“«") || pickMocked(text) {
		return false
	}
	fs, at, ok := verdictAt(text)
	if !ok {
		return false
	}
	verdict := fold(strings.Trim(fs[at], ".,;:!—–-'"))
	if verdict == "done" && at > 0 {
		return false // not "its done", "it was done"
	}
	if at+1 < len(fs) && !strings.ContainsAny(fs[at][len(fs[at])-1:], ",;:.!") && strings.IndexAny(fs[at+1], ",;:.!-—–") != 0 {
		return false // "failed to load", "succeeded according to bob", "success kid meme": no clause of its own
	}
	seen := wordsOf(strings.Join(fs[at+1:], " "))
	if unsure(seen) || takesBack(seen) || len(seen) > 0 && (seen[0] == "no" || seen[0] == "non" || seen[0] == "not" || seen[0] == "pas") ||
		!failWords.has(verdict) && slices.ContainsFunc(seen, func(w string) bool {
			return negationWords.has(w) || w == "no" || w == "non" || w == "not" || w == "pas"
		}) {
		// "réussi, pas sûr", "failed I guess", "it failed, cancel that",
		// "échec, non", "succeeded, not on every pod"; a failure may say
		// what does not work ("failed, the pod does not start").
		return false
	}
	if !failWords.has(verdict) && slices.ContainsFunc(seen, func(w string) bool { return w == "still" || w == "toujours" || w == "encore" }) {
		return false // "it succeeded, though /healthz still answers 2.14.1"
	}
	askedWords := wordsOf(asked)
	for i, w := range seen {
		if e, ok := envWordOf(w); ok && !slices.ContainsFunc(askedWords, func(a string) bool { x, ok := envWordOf(a); return ok && x == e }) {
			return false // "succeeded on staging" for a production deployment
		}
		if verdictDoubts.has(w) || reportVerbs.has(w) || otherSubjects.has(w) || names.has(w) ||
			conditionHedges.has(w) || isActionWord(w) || hasRollbackStem(seen[i:i+1]) || redoWords.has(w) || pleaseWords.has(w) {
			return false
		}
	}
	return true
}

// verdictDoubts, after a verdict, doubt it, limit it or move it
// elsewhere: "I hope", "sauf le checkout", "the old one I mean".
var verdictDoubts = setOf("hope", "espere", "presque", "almost", "nearly", "sauf", "except", "but", "mais", "enfin", "mean",
	"parle", "parlais", "old", "ancien", "ancienne", "previous", "precedent", "precedente", "last", "yesterday", "hier", "time",
	"fois", "or", "ou", "option", "think", "pense", "crois", "guess", "seems", "semble", "looks", "apparently", "apparemment",
	"allegedly", "priori", "though", "pourtant", "however", "cependant", "confirm", "confirmed", "confirmer", "pending", "double-check",
	"check", "checks", "verifier", "wait", "attends", "cancel", "annule")

// redoWords order the deployment again: "failed, retry", "échoué,
// relance".
var redoWords = setOf("redo", "retry", "relance", "relancer", "relancez", "rerun", "refais", "again", "encore")

// verdictAt returns text's fields and the index of the verdict that
// opens it, after its subject and interjections ("it succeeded, …",
// "ça a échoué, …").
func verdictAt(text string) (fs []string, at int, ok bool) {
	fs = strings.Fields(text)
	ws := make([]string, len(fs))
	for i, f := range fs {
		ws[i] = fold(strings.Trim(f, ".,;:!—–-'"))
	}
	rest := withoutVerdictSubject(ws)
	for len(rest) > 0 && interjections.has(rest[0]) {
		rest = rest[1:]
	}
	if len(rest) == 0 || !verdictWords.has(rest[0]) {
		return fs, 0, false
	}
	return fs, len(fs) - len(rest), true
}

// verdictReason returns what follows the verdict that opens text ("it
// succeeded, /healthz answers 2.14.2": "/healthz answers 2.14.2").
func verdictReason(text string) string {
	fs, at, ok := verdictAt(text)
	if !ok {
		return ""
	}
	return strings.Trim(strings.Join(fs[at+1:], " "), " ,;:-—–.")
}

// planVersion returns the version the bot's plan names in its first
// sentence ("Rollback web production → 5.3.0 (#84)", "Deploy web 5.3.3 →
// production (#85)", "Here is the plan: roll back api on production from
// v2.4.0 to v2.3.1 (#96), the last good version there.", "Plan #95 —
// retour arrière api (production) : 2.4.0 → 2.3.1"), or "". A rollback's
// is the one it goes back to, named last.
func planVersion(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	if !strings.Contains(line, "#") {
		return ""
	}
	if before, _, ok := strings.Cut(line, ". "); ok {
		line = before
	}
	if planKindOf(line) == "rollback" {
		var last string
		for f := range strings.FieldsSeq(line) {
			if v := firstVersion(f); v != "" {
				last = v
			}
		}
		return last
	}
	return firstVersion(line)
}

// firstVersion returns the first word of s that is a version.
func firstVersion(s string) string {
	for f := range strings.FieldsSeq(s) {
		if f = strings.Trim(f, "*,;:()"); semverRe.MatchString(f) || vNumberRe.MatchString(f) {
			return f
		}
	}
	return ""
}

// namesPerson reports whether text mentions or names a person ("@bob",
// "carol, roll it back"): an answer that speaks of or to someone else.
func namesPerson(text string) bool {
	return personMention(text) >= 0 || slices.ContainsFunc(wordsOf(text), func(w string) bool {
		return names.has(w) && w != "qa" && w != "ops" && w != "pm" // roles, not people: "web staging: QA done"
	})
}

// putOff reports whether an answer only puts something off: "not yet",
// "pas maintenant" (to the bot's question for a reason: none yet, the
// bot asks again; not "no, keep it locked").
func putOff(text string) bool {
	switch strings.Join(wordsOf(text), " ") {
	case "not yet", "not now", "not today", "pas encore", "pas maintenant", "pas aujourd hui", "hmm not yet", "no not yet":
		return true
	}
	return false
}

// latestAnswer returns "latest" when an answer names the latest build,
// alone: "latest", "the latest one", "la dernière", "la plus récente".
func latestAnswer(text string) string {
	switch strings.Trim(strings.Join(wordsOf(text), " "), " ") {
	case "latest", "the latest", "the latest one", "latest one", "latest version", "the latest version", "la derniere", "la derniere version",
		"la plus recente", "derniere", "derniere version", "last build", "the last build", "le dernier build", "head":
		return "latest"
	}
	return ""
}

// everyWhereWords say a change is for everyone: "reset strategy
// globally", "partout", "pour tout le monde".
var everyWhereWords = setOf("globally", "everywhere", "everyone", "everybody", "partout", "monde", "all", "tous", "toutes", "tout")

// settingAllows reports whether the setting named key may be set at
// scope.
func settingAllows(key string, scope deploybot.Scope) bool {
	k, ok := deploybot.SettingKeyOf(key)
	return ok && k.Allows(scope)
}

// alreadyDone reports whether words say a lock, freeze or their lifting
// is done already: "Paul already locked it", "c'est déjà verrouillé",
// "already unfrozen", "someone did it already", "déjà fait".
func alreadyDone(words []string) bool {
	for i, w := range words {
		if w != "already" && w != "deja" {
			continue
		}
		for j := max(0, i-3); j < min(len(words), i+4); j++ {
			if v := words[j]; j != i && (lockish(v) || unlockish(v) || v == "done" || v == "fait" || v == "did" || v == "handled") {
				return true
			}
		}
	}
	return false
}

// prereleaseNamed reports whether words name a pre-release and nothing
// else: one of prereleaseWords, with articles, "one", politeness, a
// project or an environment ("the rc one", "la beta de l'api").
func (r *Router) prereleaseNamed(words []string) bool {
	n := 0
	for _, w := range words {
		switch {
		case prereleaseWords.has(w):
			n++
		case prereleaseFillers.has(w) || r.projectWord(w):
		default:
			if _, ok := envWordOf(w); !ok {
				return false
			}
		}
	}
	return n == 1
}

// prereleaseFillers may stand beside a pre-release named as a choice.
var prereleaseFillers = setOf("the", "le", "la", "l", "one", "celle", "celui", "de", "du", "d", "please", "pls", "stp", "svp", "ok", "oui",
	"yes", "for", "pour")

// confirmOf returns the yes to a plan that cur, the person's answer to it,
// says: the confirm command, with the plan's id when the bot's reply named
// one only (ids).
func confirmOf(cur deploybot.Request, ids []string) deploybot.Request {
	c := deploybot.Request{Kind: deploybot.KindCommand, Command: deploybot.CmdConfirm, Text: cur.Text, FollowUp: true}
	c.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}
	if len(ids) == 1 {
		setArg(&c, "id", ids[0])
	}
	return c
}
