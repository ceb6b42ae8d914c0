package router

import (
	"slices"
	"strings"
	"unicode"

	"deploybot"
)

// confirmPromptRe is the bot asking to confirm a plan, in either
// language. Its case-folded words give it needs of two or three letters
// ("an", "con"), which most replies hold: see confirmPrompt.
var confirmPromptRe = mustCompile(`(?i)\bconfirm(?:er)?\s*\?|\banswer\s+(?:"|“)?yes\b|\br[ée]pond(?:s|ez)\s+(?:«\s*|"|“)?oui\b|\bconfirm\s+with\s+(?:"|“)yes\b|\bconfirmez\s+avec\s+«\s*oui\b`)

// planChoiceRe is a plan's question with its two answers after it: "Go
// ahead? (yes/no, 2 minutes)", "Je lance ? oui / non (2 min)". Only a
// reply that names its plan's id (planIDRe) asks it so: "Roll back web
// production to 2.4.0, the last good version? (yes / no)" offers a
// rollback, which the yes orders; "Freeze #3 … Lift it? (yes/no)", "PR
// #123 is merged. Deploy it to staging? (yes/no)" are no plans.
// replyYesRe is "Reply yes to start": a plan's question only beside
// the plan's id.
var replyYesRe = mustCompile(`(?i)\breply\s+(?:"|“)?yes\b`)

// planIDRe is a plan's id as the bot writes it: "(#96)", "Plan #95".
// drillTitleRe is a drill's plan, whose number is the drill's, not its
// deployment's: "Rollback drill #1: api/staging, …".
var drillTitleRe = mustCompile(`(?i)\b(?:rollback drill|exercice de rollback) #\d+`)

var planIDRe = mustCompile(`\(#\d+\)|(?i)\bplan\s+#\d+`)

var planChoiceRe = mustCompile(`(?i)\?\s*\(?\s*(?:yes\s*/\s*no|oui\s*/\s*non)\b`)

// confirmPrompt reports whether text is the bot asking to confirm a plan
// (confirmPromptRe), its regexp run only on a text that holds "confirm",
// "answer" or "pond" in any case, or the long s (?i) folds with s: on
// every reply of the bot, it was 14 µs of a 260-byte reply and the
// parser's costliest rule on bench's scripted chat (issue 19).
func confirmPrompt(text string) bool {
	return confirmAsked(text) ||
		planIDRe.MatchString(text) && (strings.IndexByte(text, '/') >= 0 && planChoiceRe.MatchString(text) || containsFoldASCII(text, "reply") && replyYesRe.MatchString(text) ||
			containsFoldASCII(text, "confirm it") && confirmItRe.MatchString(text))
}

// confirmItRe is "still waits. Confirm it?" beside a plan's id: "Yes to
// what? Plan #69 (…) still waits. Confirm it?", quoted without the
// answers after it (not "… was cancelled. Want me to re-plan and confirm
// it?").
var confirmItRe = mustCompile(`(?i)\bstill\s+waits\.\s+confirm\s+it\s*\?`)

// confirmAsked reports whether confirmPromptRe matches text, running it
// only around each "confirm", "answer" or "pond" (every one of its
// phrases holds one): over a whole plan of 2 KB it cost a tenth of a
// millisecond, on every plan in a message's history.
func confirmAsked(text string) bool {
	if strings.ContainsRune(text, 'ſ') {
		return confirmPromptRe.MatchString(text) // the long s, which (?i) folds with s
	}
	for _, word := range [...]string{"confirm", "answer", "pond"} {
		for i := indexFoldASCII(text, word, 0); i >= 0; i = indexFoldASCII(text, word, i+1) {
			if confirmPromptRe.MatchString(text[max(0, i-4):min(len(text), i+64)]) {
				return true
			}
		}
	}
	return false
}

// answerYes and answerNo open an answer to a plan's "Confirm?" after its
// interjections: "yep, checklist is fine", "nan annule", "euh non,
// mauvaise version".
var (
	answerYes = setOf("yes", "yep", "yeah", "yup", "ya", "oui", "ouais", "ouaip", "ouep", "ouai", "yeap", "ok", "okay", "go", "vas-y", "sure",
		"confirm", "confirme", "confirmed", "proceed", "daccord", "dacc", "allez", "lgtm", "parfait", "perfect", "carry", "fonce",
		"affirmative", "affirmatif")
	answerNo = setOf("no", "non", "nope", "nop", "nah", "nan", "nvm", "cancel", "annule", "annuler", "stop", "abort", "dont", "wait",
		"attends", "pas")
)

// emojiAnswers are the emoji that answer a plan's "Confirm?" alone, with
// Slack's skin tones and variation selectors as people send them.
var emojiAnswers = func() map[string]deploybot.Command {
	m := map[string]deploybot.Command{}
	for _, e := range []string{"👍", "✅", "✔️", "✔", "👌", "🆗", ":+1:", ":thumbsup:", ":white_check_mark:", ":ok_hand:", ":heavy_check_mark:"} {
		m[e] = deploybot.CmdConfirm
	}
	for _, tone := range []string{"🏻", "🏼", "🏽", "🏾", "🏿"} {
		m["👍"+tone], m["👌"+tone], m["👎"+tone] = deploybot.CmdConfirm, deploybot.CmdConfirm, deploybot.CmdCancel
	}
	for _, e := range []string{"👎", "❌", "✖️", "🚫", "🛑", ":-1:", ":thumbsdown:", ":x:", ":no_entry_sign:"} {
		m[e] = deploybot.CmdCancel
	}
	return m
}()

// bareAnswerWords may stand beside a yes or a no: "yes go ahead", "oui
// vas-y", "no cancel it".
var bareAnswerWords = setOf("go", "ahead", "it", "do", "for", "vas", "y", "let", "s", "lets", "proceed", "sure", "on", "c",
	"est", "parti", "allez", "fais", "le", "la", "thanks", "merci", "please", "pls", "stp", "svp", "cancel", "annule", "stop",
	"confirm", "confirme", "yes", "oui", "no", "non", "ok", "okay", "d", "accord", "alright", "fine", "good", "bon",
	// what a yes may say was checked: "yep, checklist is fine", "oui la
	// checklist est ok", "yes, tests are green"
	"checklist", "check-list", "is", "are", "sont", "les", "tests", "green", "vert", "verts", "verte", "all", "tout", "passed",
	"passent", "done", "fait", "looks", "everything", "affirmative", "affirmatif",
	// "sounds good, go", "nickel, go", "ok validé, go"
	"sounds", "nickel", "valide", "validee",
	// "yes sir", "oui chef", "all checklist items are done"
	"sir", "chef", "boss", "captain", "capitaine", "items")

// yesPhrases may stand in a yes to a plan wherever they are: "euh oui,
// je confirme", "yes, on call is aware", "oui, l'astreinte est
// prévenue"; yesEndings only at its end: "oui, lance-le", "yes, run it",
// "launch it 🚀" ("yes run it for all", "yes, let on call run it" are
// no yes). Their words are not bare answer words: "yes, call it", "oui,
// l'astreinte le lance" confirm nothing.
var (
	yesPhrases = [][]string{{"je", "confirme"}, {"i", "confirm"}, {"on", "call", "is", "aware"}, {"on-call", "is", "aware"},
		{"l", "astreinte", "est", "prevenue"}, {"l", "astreinte", "est", "au", "courant"},
		// urgency said beside it: "yes go ahead, the client is waiting"
		// (it read "pending"), "oui vas-y, le client attend"
		{"the", "client", "is", "waiting"}, {"the", "client", "s", "waiting"}, {"client", "is", "waiting"}, {"client", "s", "waiting"},
		{"le", "client", "attend"}, {"we", "re", "late"}, {"on", "est", "en", "retard"}}
	yesEndings = [][]string{{"lance-le"}, {"lance", "le"}, {"lancez-le"}, {"run", "it"}, {"launch", "it"}}
)

// planNouns name what a plan does, by the kind of plan ("oui, je
// confirme le rollback", "yes, confirm the deploy"), folded.
var planNouns = map[string]string{"deploy": "deploy", "deployment": "deploy", "deploiement": "deploy", "mep": "deploy",
	"rollback": "rollback"}

// answerWordsOf returns the words of an answer to a plan's "Confirm?" as
// its yes is read: a yes or a no said long ("ouiii", "yesss", "noooo")
// as that yes or no; the plan's own kind named ("je confirme le
// rollback" after a rollback's plan), a yes phrase anywhere and a yes
// ending at the end left out. The other kind stays, and no yes is read
// with it ("oui, je confirme le rollback" after a deploy's plan: which
// one?). words is not changed.
func answerWordsOf(words []string, plan string) []string {
	kind := planKindOf(plan)
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		if k, ok := planNouns[w]; ok && k == kind {
			continue
		}
		if i > 0 {
			if n := phraseAt(words, i, yesPhrases); n > 0 {
				i += n - 1
				continue
			}
			if n := phraseAt(words, i, yesEndings); n > 0 && i+n == len(words) {
				break
			}
		}
		if w == "oke" || w == "okey" || w == "oki" || w == "okie" {
			w = "ok" // "oké go": an ok
		}
		if !answerYes.has(w) && !answerNo.has(w) && (len(w) > 3 || w == "okk") && w != "noon" { // "okk", "ouiii", "nooon"
			if sq := squeezed(w); sq != w && (answerYes.has(sq) || sq == "no" || sq == "non" || sq == "nope" || sq == "nan" || sq == "nah") {
				w = sq
			}
		}
		out = append(out, w)
	}
	return out
}

// yesMarred reports whether a yes is taken back by how it is written:
// struck through ("~yes~"), mocked or beside an emoji that does not agree
// ("yes 🤡", "yes /s", "ouiii :-1:", "affirmative :thumbsdown:"), sent to
// the whole channel or quoted.
func yesMarred(text string) bool {
	return pickMocked(text) || strings.Contains(text, "~") || strings.Contains(text, "<!") || slackCode(text, func(code string) bool { return !agreeingCodes.has(code) })
}

// slackNoCode reports whether text holds a Slack emoji code that says no
// or mocks (":x:", ":-1:", ":thumbsdown:", ":clown_face:").
func slackNoCode(text string) bool {
	return slackCode(text, noCodes.has)
}

var noCodes = setOf("x", "-1", "thumbsdown", "no_entry", "no_entry_sign", "clown_face", "face_with_rolling_eyes", "upside_down_face",
	"joy", "rolling_on_the_floor_laughing", "octagonal_sign", "stop_sign", "red_circle", "warning")

// slackCode reports whether text holds a Slack emoji code (":name:")
// that is.
func slackCode(text string, is func(string) bool) bool {
	for rest := text; ; {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return false
		}
		j := strings.IndexByte(rest[i+1:], ':')
		if j < 0 {
			return false
		}
		if code := rest[i+1 : i+1+j]; code != "" && !strings.ContainsAny(code, " \t") && !strings.HasPrefix(code, "skin-tone-") && is(code) {
			return true // a Slack emoji by its code: ":x:", ":-1:", ":thumbsdown:"
		}
		rest = rest[i+1+j:]
	}
}

// agreeingCodes are the Slack emoji codes that agree, as agreeingEmoji.
var agreeingCodes = setOf("+1", "thumbsup", "white_check_mark", "heavy_check_mark", "ok_hand", "pray", "rocket", "muscle", "slightly_smiling_face",
	"large_green_circle", "ok", "saluting_face")

// envReferenceWords name an environment as a reference, not a target:
// "la même qu'en staging, 3.0.0", "same as staging".
var envReferenceWords = setOf("meme", "same", "que", "qu", "comme", "like", "from", "depuis", "as")

// planKindOf returns "rollback" for the bot's plan of a rollback (its
// first line), else "deploy".
func planKindOf(plan string) string {
	first, _, _ := strings.Cut(plan, "\n")
	if containsFoldASCII(first, "rollback") || containsFoldASCII(first, "roll back") || containsFoldASCII(first, "retour arri") {
		return "rollback"
	}
	return "deploy"
}

// phraseAt returns the length of the phrase of phrases that words hold
// at i, or 0.
func phraseAt(words []string, i int, phrases [][]string) int {
	for _, p := range phrases {
		if len(words)-i >= len(p) && slices.Equal(words[i:i+len(p)], p) {
			return len(p)
		}
	}
	return 0
}

// squeezed is w with each run of one letter written once: "ouiii" is
// "oui", "yesss" "yes", "ouaiiis" "ouais".
func squeezed(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		b = append(b, w[i])
	}
	return string(b)
}

// assentPhrases say yes to a plan in other words than a yes, folded.
var assentPhrases = map[string]bool{"ca marche": true, "ok ca marche": true, "ca roule": true, "ok ca roule": true,
	"c est parti": true, "c parti": true, "cest parti": true, "sounds good": true, "ok sounds good": true, "looks good": true, "all good": true,
	"let s do it": true, "lets do it": true, "do it": true, "go for it": true, "ship it": true, "envoie": true, "banco": true,
	// "ok pour moi", "fine by me": the one who asked agrees
	"ok pour moi": true, "bon pour moi": true, "c est bon pour moi": true, "ca me va": true, "ok ca me va": true, "fine by me": true,
	"ok for me": true, "ok by me": true, "good for me": true, "works for me": true, "ok works for me": true,
	// "ok validé", "c'est validé": the plan is agreed to
	"ok valide": true, "c est valide": true, "ok c est valide": true, "oui c est valide": true,
	"nickel go": true, "nickel vas-y": true, "nickel vas y": true, "nickel on y va": true,
	"sounds good go": true, "sounds good go ahead": true, "all good go": true, "all good go ahead": true, "looks good go": true, "looks good go ahead": true}

// yesTakenBack are the words that take a yes back.
var yesTakenBack = setOf("but", "mais", "wait", "attends", "attend", "hold", "pas", "not", "non", "no", "stop", "sauf", "except", "oops", "oups",
	"avant", "before", "later", "plus", "tard", "demain", "tomorrow", "after", "apres")

// otherOrderAnswered reports whether cur, an order without a verb of its
// own ("prod pls, it's the live site"), answers the bot's question on
// the slot of prev, another kind of order of the same project: after
// "Which environment for the rollback of web?" it is that rollback's
// answer, never a deploy of web (the site it names is the project asked
// about); after the same question on "deploy web 1.1.0", an answer that
// keeps 1.1.0.
func otherOrderAnswered(cur, prev deploybot.Request, asked botTurn) bool {
	return asked.asks == "env" && prev.Kind == deploybot.KindAction && (cur.Intent.Intent != prev.Intent.Intent || cur.Version == "" && prev.Version != "") &&
		(cur.App == prev.App || prev.App == "") && cur.Arg("said") == "terse"
}

// plainSlotAnswer reports whether text, an answer to the bot's question
// for the project or the environment of an order (of intent), gives it
// and nothing that delays, conditions, hands over, doubts or jokes, and
// no negation or (for a deploy) fault in the clause that names it ("don't
// touch web", "web is broken", "web maybe", "web, mais demain", "web team
// will handle it"); a later clause may give a reason ("prod obviously,
// customers can't pay").
func plainSlotAnswer(text string, intent deploybot.IntentKind, asks string) bool {
	if strings.ContainsAny(text, "?¿😂🤣🤡~❌👎") || slackNoCode(text) || saidToOrQuoted(text) {
		return false // "~prod pls~", "prod :x:", "@bob prod", "> prod"
	}
	if endsAsking(wordsOf(text)) {
		return false // "prod pls, it's the live site, right"
	}
	tw := wordsOf(text)
	for i, w := range tw {
		// "prod tomorrow" for an environment: a later order, which the
		// rules below read (what runs there); laterPutOff reads the
		// others.
		if !slotAnswerDoubts.has(w) || asks == "env" && laterTimes.has(w) {
			continue
		}
		if (w == "already" || w == "deja") && slices.ContainsFunc(tw[i+1:min(len(tw), i+3)], validations.has) {
			continue // "prod, le client a déjà validé", "staging, already tested": why, not a doubt
		}
		return false
	}
	first := text
	if i, _, ok := clauseBreak(text); ok && i > 0 {
		first = text[:i]
	}
	if asks == "env" && (laterPutOff(text, first) || answerMoment(text, first) || toldOfOther(first) || othersDoIt(text)) {
		return false
	}
	if asks == "env" && answerDoubts(text, intent) {
		return false // "prod, the window is fine I think", "prod, but the tests are red", "prod, the client said no"
	}
	ws := wordsOf(text)
	for i, w := range ws {
		if (negationWords.has(w) || w == "not" || w == "pas") && (i+1 == len(ws) || negatedNow.has(ws[i+1])) {
			return false // "prod, but not now", "prod... actually don't", "pas maintenant"
		}
		if (negationWords.has(w) || w == "no" || w == "not" || w == "pas") && i+1 < len(ws) && (hasRollbackStem(ws[i+1:min(i+3, len(ws))]) || isActionWord(ws[i+1])) {
			return false // "prod, it's the live site, but don't roll back yet", "…, no rollback though"
		}
	}
	for _, w := range wordsOf(first) {
		// A fault told with an environment is the hotfix's reason
		// ("production is down right now, hotfix"); with a project
		// asked for a deploy, it says what is broken ("web is broken").
		if negationWords.has(w) || w == "not" || w == "pas" || laterSaid.has(w) ||
			asks == "project" && intent == deploybot.IntentDeploy && (faultWords.has(w) || outageWords.has(w)) {
			return false
		}
	}
	return true
}

// twoEnvsAnswered reports whether an answer names two environments as
// its answer: in its first clause ("staging and prod", "staging then
// prod", "staging + prod"), or one a clause ("staging, prod"); not
// "staging, prod is fine" (why).
func twoEnvsAnswered(text string) bool {
	cls := clauses(text)
	if envsNamed(wordsOf(cls[0])) > 1 {
		return true
	}
	n := 0
	for _, cl := range cls {
		ws := wordsOf(cl)
		if envsNamed(ws) == 1 && len(ws) <= 2 {
			n++
		}
	}
	return n > 1
}

// saidToOrQuoted reports whether text is said to someone or quoted: "@bob
// prod", "> prod", "\"v1.0.0\"", "« prod »".
func saidToOrQuoted(text string) bool {
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, ">") || strings.HasPrefix(t, "&gt;") || strings.HasPrefix(t, "<@") || personMention(t) == 0 {
		return true // (a "cc @julie" after the answer keeps it)
	}

	// (Not a version in code marks, "`v1.11.0`": Slack's way of writing
	// one.)
	return len(t) > 1 && strings.ContainsRune("\"«“", []rune(t)[0]) && strings.ContainsRune("\"»”", []rune(t)[len([]rune(t))-1])
}

// otherVersionSaid reports whether text names a version other than the
// plan's.
func otherVersionSaid(text, planned string) bool {
	if planned == "" {
		return false
	}
	for _, v := range versionTokens(text) {
		if strings.Count(v, ".") < 2 && !strings.HasPrefix(v, "v") {
			continue // "oui, 10.30": an hour
		}
		if !sameVersion(v, planned) {
			return true
		}
	}
	return false
}

// addressedRe is a message that opens on a name and a colon: "bob:
// prod"; slotLabels are the labels that may open an answer instead
// ("version: 1.2.0").
var (
	addressedRe = mustCompile(`^([a-z][a-z.-]{1,15})\s*:\s`)
	slotLabels  = setOf("version", "v", "tag", "env", "environment", "environnement", "project", "projet", "target", "cible", "commit",
		"sha", "build", "release", "answer", "reponse", "ok", "yes", "oui", "bon", "alors", "so", "donc", "note", "nb", "fyi", "ps", "edit")
)

// plainVersionAnswer reports whether text, an answer to the bot's
// question of a version, gives it for now and for the person: not said to
// someone or quoted, mocked, on a condition or for a later moment ("v1.0.0
// if tests pass", "v1.0.0 tonight", "v1.0.0 once bob approves"). A hedge
// stays an answer ("euh a1b2c3d je crois": the plan still waits for its
// yes).
func plainVersionAnswer(text string) bool {
	if m := addressedRe.FindStringSubmatch(strings.ToLower(strings.TrimSpace(text))); m != nil && !slotLabels.has(m[1]) {
		if _, env := envWordOf(m[1]); !env {
			return false // "bob: v1.2.0" (an environment's "paul: staging" stays the answer session 20 read)
		}
	}
	if saidToOrQuoted(text) || emoticonRe.MatchString(text) || strings.ContainsAny(text, doubtEmoji+"🤡❌👎~") || slackNoCode(text) ||
		strings.ContainsFunc(text, func(c rune) bool { return (c >= 0x1F000 || c >= 0x2600 && c <= 0x27BF) && !agreeingEmoji[c] }) {
		return false
	}
	ws := wordsOf(text)
	if len(ws) > 0 && questionHeads.has(ws[0]) || slices.ContainsFunc(ws, func(w string) bool {
		return conditionHedges.has(w) || tailJokes.has(w) || w == "once" || w == "when" || w == "quand" || w == "until" || w == "jusqu" ||
			w == "lorsque" || w == "pourvu" || w == "provided" || w == "wait" || w == "attends" || w == "hold" || bracketReasons.has(w) && !yesFixWords.has(w)
	}) {
		return false
	}
	// A later moment puts it off; a past one describes the version ("celle
	// d'hier soir, la v5.0.1", "the one from this morning, 9d4e2f1", "the
	// one built at 9am").
	j := strings.Join(ws, " ")
	return !versionLaterRe.MatchString(j) && !(versionClockRe.MatchString(j) && !versionPastRe.MatchString(j))
}

// versionLaterRe is a later moment in a version's answer, in its words:
// "tonight", "demain", "ce soir", "in an hour", "monday", "tout à
// l'heure"; versionClockRe an hour, later unless versionPastRe says it
// is the version's ("built at 9am", "de 9h", "yesterday").
var (
	versionLaterRe = mustCompile(`\b(?:tonight|tomorrow|demain|later|tard|ce soir|this evening|next|prochain|prochaine|this afternoon|cet aprem|` +
		`cet apres-midi|apres|after|eod|noon|midi|tout a l heure|in a bit|as soon as|des que|au cas|monday|tuesday|wednesday|thursday|friday|` +
		`saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b|` +
		`\b(?:dans|in)\s+(?:\d+|une?|an?|one|two|deux|trois|half|une demi)\s*(?:h|heures?|hours?|min|mn|minutes?|an hour|heure)\b`)
	versionClockRe = mustCompile(`\b(?:at|a)\s+\d{1,2}(?:\s*\d\d)?\s*(?:h|am|pm)\b|\b\d{1,2}h\d{0,2}\b|\b\d{1,2}\s*(?:am|pm)\b|\b\d{1,2} \d\d\b`)
	versionPastRe  = mustCompile(`\b(?:built|tagged|cut|from|de|d|du|hier|yesterday|ce matin|this morning|last|dernier|derniere|was|etait)\b`)
)

// envNegatedAt reports whether env is named in a clause of text that
// holds a negation: "it's not going anywhere near prod".
func envNegatedAt(text, env string) bool {
	for _, cl := range clauses(text) {
		ws := wordsOf(cl)
		named, neg := false, false
		for _, w := range ws {
			if e, ok := envWordOf(w); ok && e == env {
				named = true
			}
			neg = neg || negationWords.has(w) || w == "not" || w == "pas" || contractedNot.has(w) || w == "isn" || w == "won" || w == "never" || w == "jamais"
		}
		if named && neg {
			return true
		}
	}
	return false
}

// envReferenced reports whether text names an environment as a version's
// reference: "la même que sur la prod", "same as staging", "mets la même
// qu'en prod".
func envReferenced(text string) bool {
	for _, cl := range clauses(text) {
		line := commandLine(cl)
		if f := firstField(line); putLeads.has(f) {
			line = strings.TrimSpace(strings.TrimPrefix(line, f))
		}
		if sameAsRe.MatchString(line) || strings.Contains(line, "meme que") || strings.Contains(line, "meme qu") || strings.Contains(line, "same as") {
			return true
		}
	}
	return false
}

// tailDoubts reports whether a clause after an answer's environment
// doubts, delays, questions, reports a failure or a refusal, or hands
// the answer to someone: "I think", "tomorrow", "is the window fine", "but
// the tests are red", "the client said no", "@paul", "🤔". A negation
// there that rules another environment out ("it's not going anywhere
// near prod") is no doubt of the answer; plainSlotAnswer's callers read
// the exclusion.
func tailDoubts(clause string, deploy bool) bool {
	if strings.ContainsAny(clause, "@?¿~😂🤣🤡") || strings.Contains(clause, "/s") {
		return true
	}
	ws := wordsOf(clause)
	if !deploy {
		// A rollback: urgency, the fault and hedges on the fault are why
		// ("prod, vite 🔥", "prod, apparently it's down"); a joke, a wait
		// or a delay are no answer.
		return slices.ContainsFunc(ws, func(w string) bool {
			return tailJokes.has(w) || w == "wait" || w == "attends" || w == "hold" || w == "later" || w == "tard" || laterTimes.has(w)
		})
	}
	if strings.ContainsAny(clause, doubtEmoji) || strings.Contains(clause, ";)") || strings.Contains(clause, ";-)") || strings.Contains(clause, ":p") ||
		strings.Contains(clause, ":P") {
		return true
	}
	if j := strings.Join(ws, " "); strings.HasSuffix(j, "we ll see") || strings.HasSuffix(j, "we will see") || j == "on sait jamais" ||
		j == "on ne sait jamais" || j == "you never know" || j == "just in case" || j == "au cas ou" {
		return false // "staging, then we'll see", "pas en prod, on sait jamais"
	}
	if len(ws) > 0 && questionHeads.has(ws[0]) {
		return true // "is the window fine", "est-ce que c'est bon"
	}
	if len(versionTokens(clause)) > 0 && len(ws) > 3 && !slices.ContainsFunc(ws, changeMarks.has) &&
		slices.ContainsFunc(ws, func(w string) bool { return !versionGivers.has(w) && versionToken(w) == "" }) {
		return true // "prod, le client a déjà validé la 1.4.0": a version told of, not given ("…, et c'est la 1.8.1 en fait" changes it)
	}
	negated := false
	for i, w := range ws {
		if (negationWords.has(w) || w == "not" || w == "pas" || w == "no" || w == "non" || contractedNot.has(w) || w == "isn" || w == "won" ||
			w == "aren" || w == "hasn" || w == "never" || w == "jamais") && !(i+1 < len(ws) && versionToken(ws[i+1]) != "") {
			negated = true // not "it's 3.1.1 not 3.1.0": the old version ruled out
		}
	}
	excludes := negated && envsNamed(ws) > 0 // "it's not going anywhere near prod"
	if (slices.ContainsFunc(ws, laterTimes.has) || laterMoment(clause)) && slices.ContainsFunc(ws, func(w string) bool { return fineWords.has(w) || w == "open" || w == "ouverte" }) {
		return true // "prod, the window is fine tomorrow": then, not now (not "staging, la démo est demain")
	}
	urgent := slices.ContainsFunc(ws, tailUrgency.has)
	fixes := slices.ContainsFunc(ws, tailFixWords.has)
	for i, w := range ws {
		switch {
		case w == "waiting" && i+1 < len(ws) && (ws[i+1] == "on" || ws[i+1] == "for") && !(i+2 < len(ws) && (ws[i+2] == "us" || ws[i+2] == "it" || ws[i+2] == "nous")):
			return true // "already tested, waiting on Paul"; not "the client is waiting (on us)"
		case w == "sur" && i+1 < len(ws) && (ws[i+1] == "la" || ws[i+1] == "le" || ws[i+1] == "l" || ws[i+1] == "les" || versionToken(ws[i+1]) != ""),
			toldMoment.has(w) || w == "wants" || w == "veut" || w == "want":
			// "reviens sur la 2.3.0": on, not sure; "le client a validé la
			// recette hier", "the client wants to click around first"
		case w == "sure" || w == "sur":
			if slices.ContainsFunc(ws[max(0, i-3):i], func(v string) bool { return v == "not" || v == "pas" || v == "t" || v == "sais" || v == "no" }) {
				return true // "not sure", "pas sûr"; not "bien sûr", "for sure"
			}
		case (w == "but" || w == "mais") && urgent:
			// "prod, but quickly", "prod, mais vite"
		case reportVerbs.has(w) && (urgent || slices.Contains(ws, "go")):
			// "prod, paul said it's urgent", "the PO said go"
		case tailDoubtWords.has(w) || unsureWords.has(w) || tailJokes.has(w) || reportVerbs.has(w),
			!excludes && (laterSaid.has(w) || futureForms.has(w)),
			!fixes && tailFailWords.has(w): // "staging, it fixes the login crash" is why
			return true
		}
	}
	if negated {
		// Only an exclusion of another environment: "it's not going
		// anywhere near prod", "pas en prod".
		return envsNamed(ws) == 0
	}
	return false
}

// answerDoubts reports whether a clause after the first of an answer to
// "Which environment?" doubts it (tailDoubts): "prod, the window is fine
// I think". The labelled sets read a hedge beside the environment itself
// as the answer ("euh staging je crois", "production obviously 🙄"): the
// plan still waits for its yes.
func answerDoubts(text string, intent deploybot.IntentKind) bool {
	cls := clauses(text)
	for i := 1; i < len(cls); i++ {
		if !tailDoubts(cls[i], intent == deploybot.IntentDeploy) {
			continue
		}
		if ws := wordsOf(cls[i]); len(ws) <= 2 && i+1 < len(cls) && envsNamed(wordsOf(cls[i+1])) > 0 &&
			!slices.ContainsFunc(ws, func(w string) bool { return !tailJokes.has(w) && !anywhereHedges.has(w) }) {
			continue // "production, jk, staging": the answer after the joke (firstEnv reads it)
		}
		return true
	}
	return false
}

// tailUrgency and tailFixWords: see tailDoubts.
var (
	tailUrgency = setOf("quickly", "vite", "asap", "fast", "rapidement", "urgent", "urgente", "urgently", "now", "maintenant", "today",
		"waiting", "attend")
	tailFixWords = setOf("fix", "fixes", "fixed", "corrige", "corriger", "repare", "reparer", "hotfix", "patch", "patches")
)

// versionGivers may stand beside a version given after an environment:
// "production, et vers la 2.3.9 stp", "staging pls, version 2.5.0".
var versionGivers = setOf("et", "and", "vers", "to", "la", "le", "l", "the", "version", "en", "in", "with", "avec", "stp", "svp", "please",
	"pls", "v", "reviens", "revenir", "retour", "back", "revert", "roll", "sur", "a", "it", "its", "s", "c", "est", "oh", "ah", "not", "pas",
	"au", "passage", "btw", "by", "way", "actually", "fait", "make", "mets", "put")

// doubtEmoji doubt or mock what is said beside them ("prod, déjà validé
// 🤔"); urgency and cheer do not ("prod, vite 🔥").
const doubtEmoji = "🤔🤞🙃😅😂🤣😜😉🤡🙄😬🤷😏🫠"

// tailJokes say an answer's clause is a joke ("prod, the window is fine, jk");
// a laugh alone belongs to the reason ("staging, the client broke it
// during UAT lol").
var tailJokes = setOf("jk", "kidding", "joke", "joking", "blague", "rigole", "plaisante", "plaisantais", "j/k", "sike")

// tailFailWords say something failed, in a clause after a deploy's
// environment: "prod, but the tests are red", "prod, already tested and it
// failed".
var tailFailWords = setOf("echec", "failed", "failing", "fail", "fails", "ko", "broken", "casse", "cassee", "plante", "down", "red", "rouge",
	"echoue", "crash", "crashed", "crashes")

// questionHeads open a clause that asks.
var questionHeads = setOf("is", "are", "was", "were", "do", "does", "did", "can", "could", "should", "est-ce", "est", "sont", "who", "qui",
	"why", "pourquoi", "how", "comment", "what", "quoi", "when", "quand")

// tailDoubtWords doubt or put off an answer in a clause after it.
var tailDoubtWords = setOf("think", "guess", "crois", "pense", "apparently", "apparemment", "parait", "paraît", "hopefully", "normalement",
	"supposedly", "suppose", "idk", "sais", "know", "sure", "sur", "mais", "but", "however", "sauf", "except", "unless", "until", "if", "si",
	"jusqu", "wait", "attends", "attendre", "hold", "later", "tard", "soon", "bientot", "eventually", "someday", "refused", "refuse", "refuses", "blocked", "bloque", "bloquee", "frozen", "gele",
	"gelee", "locked", "verrouille", "verrouillee", "risky", "risque", "presque", "almost", "moitie", "half", "partly", "partially",
	"partiellement", "kind", "sort", "voir", "principe", "parait-il", "paraît-il", "confirmera", "confirm", "confirme", "check", "verifie",
	"verifier", "bit", "peu")

// askedInWords reports whether words ask in a question's order, without
// its mark: a verb then its subject ("is that it", "are all items done",
// "est-ce bon").
func askedInWords(words []string) bool {
	i := 0
	for i < len(words) && (answerYes.has(words[i]) || yesAddressed.has(words[i])) {
		i++
	}
	return i > 0 && i+1 < len(words) && askVerbs.has(words[i]) && askSubjects.has(words[i+1]) || slices.Contains(words, "est-ce")
}

// yesAddressed may follow a yes: "yes sir", "ok boss", "roger".
var yesAddressed = setOf("sir", "chef", "boss", "captain", "capitaine", "roger", "that")

// askVerbs and askSubjects: see askedInWords.
var (
	askVerbs    = setOf("is", "are", "was", "were", "does", "did", "can", "could", "should", "has", "have")
	askSubjects = setOf("it", "that", "this", "all", "everything", "they", "we", "the", "everyone", "you", "there", "tests", "checklist", "i")
)

// toldOfOther reports whether an answer's first clause tells what a
// person named first did or does: "paul put it in staging", "carol
// handles prod" (each planned the deploy). A name alone hails ("julie,
// staging please") and "paul: staging" relays the answer.
func toldOfOther(first string) bool {
	fw := wordsOf(first)
	if len(fw) >= 3 && (fw[0] == "let" || fw[0] == "laisse" || fw[0] == "laissons") && namesPerson(fw[1]) {
		return true // "let paul do prod", "laisse Julie faire la prod"
	}
	for i, w := range fw {
		if (w == "par" || w == "by") && i+1 < len(fw) && namesPerson(fw[i+1]) {
			return true // "prod par carol", "prod by bob"
		}
	}
	if len(fw) < 3 || !namesPerson(fw[0]) {
		return false
	}
	_, rest, _ := strings.Cut(strings.ToLower(first), fw[0])
	return !strings.HasPrefix(strings.TrimSpace(rest), ":")
}

// othersDoIt reports whether a later clause of an answer gives the order
// to someone named: "prod, bob does it", "prod, carol is on it", "prod,
// bob le fera".
func othersDoIt(text string) bool {
	for _, cl := range clauses(text)[1:] {
		cw := wordsOf(cl)
		if len(cw) < 2 || !namesPerson(cw[0]) {
			continue
		}
		switch {
		case cw[1] == "does" || cw[1] == "do" || cw[1] == "le" || cw[1] == "la" || cw[1] == "handles" || cw[1] == "will",
			(cw[1] == "is" || cw[1] == "s") && len(cw) >= 4 && cw[2] == "on" && cw[3] == "it": // "carol is on it"
			return true
		}
	}
	return false
}

// laterPutOff reports whether an environment's answer puts the order off
// in words around its later time: said in a sentence ("on va le déployer
// en prod demain matin": first, its first clause) or after a "but"
// ("prod, but tomorrow"); each deployed now. Not "prod tomorrow", nor a
// reason's moment ("staging, it's for the client demo tomorrow").
func laterPutOff(text, first string) bool {
	fw := wordsOf(first)
	if len(fw) > 2 && slices.ContainsFunc(fw, laterTimes.has) {
		return true
	}
	for _, cl := range clauses(text)[1:] {
		cw := wordsOf(cl)
		if len(cw) > 0 && (cw[0] == "but" || cw[0] == "mais" || cw[0] == "only" || cw[0] == "seulement") && slices.ContainsFunc(cw, laterTimes.has) {
			return true
		}
		if (slices.ContainsFunc(cw, laterTimes.has) || slices.ContainsFunc(cw, laterSlang.has) || laterMoment(cl)) &&
			(slices.ContainsFunc(cw, laterSaid.has) || slices.ContainsFunc(cw, deferredDoing.has)) {
			return true // "prod, carol will do it tomorrow", "prod, demain matin c'est mieux"
		}
	}
	return false
}

// eventNouns name what a later moment in an answer's reason is for:
// "prod, demo tmrw", "prod, deadline demain".
var eventNouns = setOf("demo", "deadline", "client", "launch", "lancement", "release", "meeting", "reunion", "review", "rdv", "presentation",
	"salon", "event", "evenement", "soldes", "sale", "campagne", "campaign")

// deferredDoing, beside a later moment in an answer's clause, put the
// order itself off: "…, I'll do it tomorrow", "…, demain c'est mieux".
var deferredDoing = setOf("do", "doing", "faire", "fais", "fait", "mieux", "better", "prefer", "prefere", "rather", "plutot")

// answerMoment reports whether an answer names a moment other than now
// in its first clause, or in a later clause that says nothing else:
// "prod demain matin", "prod, next week", "prod dans 2h", "prod à 18h",
// "prod lundi" (each planned the deploy at once as an answer to "Which
// environment?"). In an answer an hour or a weekday says when the order
// is for, unlike in laterMoment's longer messages; "today" alone names no
// other moment. A reason's moment is no deferral: "en recette, Nadia doit
// la tester cet aprèm", "production, carol is approving in 10 min".
func answerMoment(text, first string) bool {
	later := func(cl string) (bool, int) {
		m, ok := momentOf(cl, nil)
		if !ok {
			if ws := wordsOf(cl); slices.ContainsFunc(ws, laterSlang.has) {
				return true, 1 // "prod tmrw", "prod l8r", "prod dem1"
			}
			return laterMoment(cl), 0
		}
		return laterMoment(cl) || m.HasDay || m.Month != 0 || m.Day != 0 || m.Hour >= 0, len(wordsOf(m.Written))
	}
	if ok, _ := later(first); ok {
		return true
	}
	for _, cl := range clauses(text)[1:] {
		if ok, n := later(cl); ok && len(wordsOf(cl)) <= n+2 && !namesPerson(cl) && !slices.ContainsFunc(wordsOf(cl), eventNouns.has) {
			return true // "prod, demain matin", "prod — next week"; not "prod, carol approves in 10 min"
		}
	}
	return false
}

// negatedNow follow a negation that puts the order itself off: "not
// now", "don't do it", "pas maintenant".
var negatedNow = setOf("now", "maintenant", "yet", "encore", "do", "it", "that", "ca", "this", "touch", "touche", "deploy", "rollback",
	"today", "aujourd", "go", "le", "la", "fais", "faire")

// laterTimes put an answer off: "demain", "later".
var laterTimes = setOf("demain", "tomorrow", "later", "tard")

// slotAnswerDoubts make an answer for a slot no answer: a doubt, a
// condition, a later time, someone else on it, another choice, a joke.
var slotAnswerDoubts = setOf("maybe", "peut-etre", "surement", "probably", "probablement", "jk", "kidding", "blague", "or", "ou", "team",
	"equipe", "handle", "handles", "charge", "occupe", "demain", "tomorrow", "later", "tard", "once", "si", "if", "quand", "when", "until",
	"jusqu", "touch", "touche", "nothing", "rien", "after", "apres", "wait", "attends", "attendre", "already", "deja", "check", "verifie",
	"verifier", "ask", "demande", "joke", "actually",
	// "prod, on hold", "prod en attente", "prod, standby"
	"hold", "standby", "attente",
	// "prod pls, it's the live site, carol decides"
	"decides", "decide", "decider")

// laterSaid, in an answer's first clause, make it a later order or
// someone else's: "we'll do prod tomorrow", "on le déploiera en prod
// demain matin", "Paul m'a dit qu'il le déploierait en recette" (each
// planned the deploy now); not "staging, I'll check it after".
var laterSaid = setOf("will", "ll", "gonna", "going", "deploiera", "deploierai", "deploierons", "deploierez", "deploieront", "deploierait",
	"deploierais", "fera", "ferai", "ferons", "ferait", "said", "says", "told", "dit",
	// done already, by someone: "julie deployed it to staging", "carol
	// put it on staging yesterday"
	"deployed", "deploye", "deployee", "pushed", "shipped", "mis", "yesterday", "hier")

// maxAnswerWords bounds an answer to a question the bot asked: a longer
// message is a request of its own.
const maxAnswerWords = 14

// envThenIncident reports whether text, longer than maxAnswerWords,
// opens with an environment said alone in a clause of at most three
// words, the rest only telling the incident: "la prod. Le formulaire de
// contact ne marche plus depuis ce matin, les clients appellent" after
// "Sur quel environnement pour le rollback de web ?". The rest may not
// name a target, a version or an order, take the answer back, doubt,
// joke, put off, quote someone, or set a condition ("pas staging. mais ne
// fais rien tant que…", "prod, Bob a dit qu'il ne fallait surtout pas y
// toucher", "la prod - enfin je crois, …": an attack read each as the
// rollback).
func (r *Router) envThenIncident(text string) bool {
	i, j, ok := clauseBreak(text)
	if !ok || i == 0 || len(wordsOf(text)) > 2*maxAnswerWords || strings.ContainsAny(text, "?¿@\"“«>") {
		return false
	}
	head := wordsOf(text[:i])
	envs := 0
	for _, w := range head {
		if _, ok := envWordOf(w); ok {
			envs++
		} else if !articles.has(w) && w != "en" && w != "in" && w != "on" && !politeWords.has(w) {
			return false // "pas staging", "not prod", "surtout pas la prod"
		}
	}
	if envs != 1 {
		return false
	}
	rest := wordsOf(text[j:])
	told := false
	for k, w := range rest {
		if faultWords.has(w) || outageWords.has(w) || (w == "ne" || w == "n") && incidentNegation(rest, k) {
			told = true
		}
		if (negationWords.has(w) || w == "not" || w == "pas" || w == "plus" || w == "t") && !incidentAt(rest, k) {
			return false
		}
		if _, env := envWordOf(w); env || r.projectWord(w) && !stopWords.has(w) || versionToken(w) != "" || answerNo.has(w) || correctionOpeners.has(w) ||
			slotAnswerDoubts.has(w) || anywhereHedges.has(w) || conditionHedges.has(w) || verdictDoubts.has(w) || reportVerbs.has(w) ||
			names.has(w) || otherSubjects.has(w) || laterSaid.has(w) || isActionWord(w) || hasRollbackStem(rest[k:k+1]) ||
			w == "contre" || w == "however" || w == "instead" || w == "plutot" || w == "rather" || w == "finalement" || w == "fait" ||
			w == "tant" || w == "until" || w == "avant" || w == "before" || w == "stop" || w == "oublie" || w == "forget" || w == "trompe" {
			return false
		}
	}
	return told
}

// incidentAt reports whether the negation word at rest[k] belongs to an
// incident told: "ne marche plus", "can't pay".
func incidentAt(rest []string, k int) bool {
	for b := max(0, k-2); b <= k; b++ {
		if (rest[b] == "ne" || rest[b] == "n") && incidentNegation(rest, b) {
			return true
		}
	}
	return k > 0 && rest[k] == "t" && (rest[k-1] == "can" || rest[k-1] == "cannot" || rest[k-1] == "won" || rest[k-1] == "doesn" || rest[k-1] == "isn")
}

// askedAnswer reads cur as the answer to the question the bot asked last
// (asked) about prev, the request that lacks it: the first value of the
// slot asked in the message, whatever words surround it ("euh staging je
// crois", "staging of course, never prod", "c'est pour le front bien
// sûr", "la 12 évidemment", "nan annule"). A message that is a request of
// its own (a command with its object, an action naming its project and
// where or what) is not an answer.
func (r *Router) askedAnswer(cur, prev deploybot.Request, asked botTurn) (deploybot.Request, bool) {
	if asked.asks == "" || len(wordsOf(cur.Text)) > maxAnswerWords &&
		!(asked.asks == "env" && prev.Kind == deploybot.KindAction && prev.Intent.Intent == deploybot.IntentRollback && r.envThenIncident(cur.Text)) {
		return cur, false
	}
	if slotAsks[asked.asks] && prev.Kind == deploybot.KindCommand && consequential[prev.Command] &&
		(negatedAt(wordsOf(cur.Text)) || relayed(cur.Text) || permissionAsked(commandLine(cur.Text))) {
		// "don't unlock shop staging: QA not done" after "Which project
		// for unlock?": it names the target and refuses the order (a
		// review unlocked shop staging this way).
		return r.noCommand(cur), true
	}
	if asked.asks == "confirm" && cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdConfirm && yesMarred(cur.Text) {
		// "yes :x:", "~yes~", "ouiii :-1:", "yes 🤡": a yes struck
		// through, mocked or beside a no confirms nothing; the bot asks.
		return r.noCommand(cur), true
	}
	if asked.asks == "confirm" && cur.Kind == deploybot.KindCommand && cur.Command == deploybot.CmdConfirm && cur.Arg("id") == "" {
		if otherVersionSaid(cur.Text, planVersion(asked.text)) {
			// "c'est parti, 3.0.3" after the plan of 3.0.2: a yes to
			// another version confirms nothing (it confirmed 3.0.2).
			return r.noCommand(cur), true
		}
	}
	if asked.asks == "confirm" && cur.Kind == deploybot.KindCommand && (cur.Command == deploybot.CmdConfirm || cur.Command == deploybot.CmdCancel) &&
		cur.Arg("id") == "" {
		// "ouais vas-y" after the plan (#8): that plan's confirmation.
		// A plan that names no deployment by "(#8)" (a drill's, "Rollback
		// drill #1: …", whose number is the drill's) is answered all the
		// same: the yes answers the question asked right before it.
		if len(asked.ids) == 1 && !drillTitleRe.MatchString(asked.text) {
			setArg(&cur, "id", asked.ids[0])
		}
		cur.FollowUp = true
		return cur, true
	}
	if asked.asks == "confirm" {
		// "👍", "✅" or "👎" alone after a plan's "Confirm?": Slack users
		// answer with an emoji.
		if cmd, ok := emojiAnswers[strings.TrimSpace(cur.Text)]; ok {
			c := deploybot.Request{Kind: deploybot.KindCommand, Command: cmd, Text: cur.Text, FollowUp: true}
			c.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}
			if cmd == deploybot.CmdCancel {
				setArg(&c, "decline", "yes")
			}
			if len(asked.ids) == 1 {
				setArg(&c, "id", asked.ids[0])
			}
			return c, true
		}
	}
	if asked.asks == "env" && prev.Kind == deploybot.KindAction && prev.App != "" && cur.Kind == deploybot.KindAction && cur.App != "" &&
		cur.App != prev.App && !hasActionWord(normalize(cur.Text)) && (!r.projectAnswer(wordsOf(cur.Text)) || strings.ContainsAny(cur.Text, "+&")) {
		// "prod, api too", "prod, api is next", "production, backend
		// too" after web's "Which environment?": another project named
		// around the answer (it became an api deploy); the bot asks again.
		return r.noCommand(cur), true
	}
	if asked.asks == "version" && prev.Kind == deploybot.KindAction && prev.App != "" && cur.Kind == deploybot.KindAction && cur.App != "" &&
		cur.App != prev.App && cur.Arg("said") == "terse" {
		// "2.8.0, web" after "Which version of api…?": the versions
		// offered were api's (it rolled web back to api's 2.8.0).
		return r.noCommand(cur), true
	}
	if cur.Kind == deploybot.KindCommand ||
		cur.Kind == deploybot.KindAction && cur.App != "" && (cur.Env != "" || cur.Version != "") && !otherOrderAnswered(cur, prev, asked) {
		return cur, false
	}
	words := wordsOf(cur.Text)
	switch asked.asks {
	case "confirm":
		// Only a bare yes or no answers a plan: "ok let me check with QA
		// first", "yes if CI is green", "yes?" are no yes.
		words = answerWordsOf(words, asked.text)
		if yesMarred(cur.Text) && !slices.ContainsFunc(words, answerNo.has) {
			return cur, false
		}
		declines := false
		for i, w := range words {
			if interjections.has(w) && !answerYes.has(w) {
				continue
			}
			// "no problem, yes", "pas de souci" decline nothing.
			declines = answerNo.has(w) && (i+1 >= len(words) || !noFillers.has(words[i+1]))
			break
		}
		if !declines && len(words) > 0 && answerYes.has(words[0]) && (cur.Version != "" || versionToken(cur.Text) != "") {
			// "yes v2.1.0": the plan's version is not the one wanted; the
			// plan is declined, never run with another version (a new
			// order makes a new plan).
			c := deploybot.Request{Kind: deploybot.KindCommand, Command: deploybot.CmdCancel, Text: cur.Text, FollowUp: true}
			c.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}
			setArg(&c, "decline", "yes")
			if len(asked.ids) == 1 {
				setArg(&c, "id", asked.ids[0])
			}
			return c, true
		}
		if !declines && (strings.Contains(cur.Text, "?") || r.givesNoOrder(cur.Text, strings.Join(words, " "))) {
			return cur, false
		}
		if !declines && assentPhrases[strings.Join(words, " ")] {
			// "ok ça marche", "ça roule", "sounds good": a yes in other
			// words (it was not understood, and the plan expired).
			return confirmOf(cur, asked.ids), true
		}
		// "yeah no, cancel that": a no beside the yes may say more.
		declines = declines || saysNoToo(words)
		for _, w := range words {
			if !declines && !answerYes.has(w) && !answerNo.has(w) && !interjections.has(w) && !politeWords.has(w) && !bareAnswerWords.has(w) && !noFillers.has(w) {
				return cur, false
			}
		}
		for i, w := range words {
			if interjections.has(w) && !answerYes.has(w) || answerNo.has(w) && i+1 < len(words) && noFillers.has(words[i+1]) {
				continue
			}
			if noFillers.has(w) {
				continue
			}
			c := deploybot.Request{Kind: deploybot.KindCommand, Text: cur.Text, FollowUp: true}
			c.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}
			switch {
			case answerNo.has(w):
				c.Command = deploybot.CmdCancel
				setArg(&c, "decline", "yes")
			case answerYes.has(w) && saysNoToo(words):
				// "yes please cancel", "ouais non annule": the no wins,
				// declining a plan is always safe (yescheck.go).
				c.Command = deploybot.CmdCancel
				setArg(&c, "decline", "yes")
			case answerYes.has(w):
				// "yeah but hold on, I need to check": a yes taken back
				// confirms nothing.
				for _, v := range words {
					if yesTakenBack.has(v) {
						return cur, false
					}
				}
				if askedInWords(words) {
					return cur, false // "ok is that it", "yes are all checklist items done": asked
				}
				c.Command = deploybot.CmdConfirm
			default:
				return cur, false
			}
			if len(asked.ids) == 1 {
				setArg(&c, "id", asked.ids[0])
			}
			return c, true
		}
		return cur, false
	case "id":
		if prev.Kind != deploybot.KindCommand || !takesID[prev.Command] || prev.Arg("id") != "" {
			return cur, false
		}
		if hasID(words) && r.idAnswerHedged(cur.Text, asked.text, prev.Command == deploybot.CmdApprove || prev.Command == deploybot.CmdConfirm) {
			// "don't approve 14", "14?", "14 not yet", "carol said 14",
			// "14 and 13", "the second one, 14" after "Which one?": no
			// choice given (attack 17 approved #14 with each).
			return r.noCommand(cur), true
		}
		strict := prev.Command == deploybot.CmdApprove || prev.Command == deploybot.CmdConfirm // the words that choose were checked
		if _, _, ok := idReasonAnswer(cur.Text); !ok && !strict && len(words) > 3 && hasID(words) && !someClauseIsID(cur.Text) && !idFirst(words) {
			// "hmm, 14 has a migration, I need to check it" after "Which
			// one?": a sentence that speaks of an id does not choose it
			// (review 12 approved #14 this way); "14", "le 14", "14,
			// tests are green" do.
			return r.noCommand(cur), true
		}
		for i, w := range words {
			if w == "" || len(w) > 9 || strings.Trim(w, "0123456789") != "" {
				continue
			}
			if !offered(asked, w) || notAnID(cur.Text, w) {
				// "hmm 5 min", "2 of them" after "Which deployment? #12,
				// #14": an id not offered, or no id; the bot asks again.
				return r.noCommand(cur), true
			}
			out := prev
			out.Args = copyArgs(prev.Args)
			out.Args["id"] = w
			if reasoned[prev.Command] && out.Args["reason"] == "" && i+1 < len(words) {
				if after, ok := afterWord(cur.Text, w); ok {
					out.Args["reason"] = after
				}
			}
			out.Text, out.FollowUp = cur.Text, true
			return out, true
		}
		return cur, false
	}
	if prev.Kind != deploybot.KindAction && prev.Kind != deploybot.KindCommand {
		return cur, false
	}
	m := normalize(cur.Text)
	s, _ := r.ix.extract(&m, r.t.vocab)
	env := r.firstEnv(m, s)
	if env == "" {
		env = s.env
	}
	if env == "" && asked.asks == "env" && len(s.notTarget) > 0 {
		env = r.otherOffered(m, s, asked.text)
	}
	if prev.Kind == deploybot.KindAction && (asked.asks == "project" && s.app != "" || asked.asks == "env" && env != "") &&
		(negatedPut(wordsOf(cur.Text)) || r.refusedOrInPassing(cur.Text, len(s.notTarget) > 0 && r.twoOffered(asked.text, asked.asks))) {
		// "don't put it in prod before the demo", "je veux pas le mettre en
		// prod avant la démo" after "Which environment?": the environment
		// named is refused, whatever else the answer excludes ("the demo"
		// is an environment too, which skipped the checks below: each
		// deployed web to production); the bot asks again.
		return r.noCommand(cur), true
	}
	_, corrected := correctedAnswer(cur.Text)
	if asked.asks == "env" && env != "" && prev.Kind == deploybot.KindAction && !corrected &&
		(envNegatedAt(cur.Text, env) || answerDoubts(cur.Text, prev.Intent.Intent)) {
		// "it's an RC, it's not going anywhere near prod": the
		// environment named is the one ruled out; the bot asks again.
		return r.noCommand(cur), true
	}
	if (asked.asks == "project" && s.app != "" || asked.asks == "env" && env != "") && len(s.notTarget) == 0 && refusedAnswer(cur.Text) {
		// "api... no, forget it", "l'api ? pourquoi ?", "pas l'api, le
		// site", "api lol": no answer to act on; the bot asks again.
		return r.noCommand(cur), true
	}
	if prev.Kind == deploybot.KindAction && (asked.asks == "project" && s.app != "" || asked.asks == "env" && env != "") && len(s.notTarget) == 0 &&
		!plainSlotAnswer(cur.Text, prev.Intent.Intent, asked.asks) {
		// "don't touch web", "web maybe", "web, mais demain", "web team
		// will handle it", "web. no, api" after "Which project?": no
		// answer to run an order on (each deployed web); the bot asks
		// again.
		return r.noCommand(cur), true
	}
	if asked.asks == "version" && prev.Kind == deploybot.KindAction && (s.version != "" || versionToken(cur.Text) != "") && !plainVersionAnswer(cur.Text) {
		// "@bob v1.0.0", "> v1.0.0", "v1.0.0 😂", "v1.0.0 if the tests
		// pass", "v1.0.0 tonight" after "Which version of api for
		// production?": said to someone, quoted, in jest, on a condition
		// or for later; the bot asks again (each planned the deploy now).
		return r.noCommand(cur), true
	}
	if asked.asks == "env" && prev.Kind == deploybot.KindAction && twoEnvsAnswered(cur.Text) && len(s.notTarget) == 0 && !corrected &&
		!slices.ContainsFunc(words, func(w string) bool {
			return negationWords.has(w) || w == "not" || w == "pas" || w == "no" || w == "non" || changeMarks.has(w) || correctionOpeners.has(w)
		}) {
		// "staging and prod" after "Which environment for the rollback of
		// web?": two answers (it rolled back staging only); the bot asks
		// again.
		return r.noCommand(cur), true
	}
	if asked.asks == "version" && prev.Kind == deploybot.KindAction && cur.Kind == deploybot.KindAction && cur.Env != "" && cur.Env != prev.Env &&
		envReferenced(cur.Text) {
		// "mets la même que sur la prod, la 5.4.0 ?" after "Which version
		// of web for staging?": production named as the version's
		// reference, not as the target (it deployed to production); the
		// bot asks again (describedVersion reads the plain answer).
		return r.noCommand(cur), true
	}
	if cur.Kind == deploybot.KindAction && hasActionWord(m) &&
		(s.version != "" && s.version != prev.Version || cur.UnknownApp != "" || s.app != "" && prev.App != "" && s.app != prev.App) {
		// "deploy foo v1.0.0 to production" after "deploy web v1.1.0 to
		// uat" and "Which environment?": a new order with its own project
		// or version, no answer (it planned web v1.1.0 to production).
		return cur, true
	}
	out := prev
	switch {
	case asked.asks == "env" && env != "":
		out.Env, out.UnknownEnv = env, ""
	case asked.asks == "project" && s.app != "":
		out.App, out.UnknownApp = s.app, ""
	case asked.asks == "version" && (s.version != "" || versionToken(cur.Text) != "") && (strings.Contains(cur.Text, "?") || unsure(words) ||
		versionRefused(m, words, s.version)):
		// "2.2.0 is the broken one", "not 2.2.0", "the one before 2.2.0":
		// the version named is not the one wanted; the bot asks again.
		// "not sure, 2.0?", "peut-être la 2.1": a guess is no answer; a
		// wrong version deployed is worse than the question asked again.
		return r.noCommand(cur), true
	case asked.asks == "version" && prev.Kind == deploybot.KindAction && (s.version != "" || versionToken(cur.Text) != "" && s.badVersion == "" && !afterOtherNumberWord(cur.Text)):
		out.Version, out.BadVersion = s.version, ""
		if out.Version == "" {
			out.Version = versionToken(cur.Text) // "euh a1b2c3d je crois"
		}
	default:
		return cur, false
	}
	if asked.asks == "version" && env != "" && out.Env != "" && env != out.Env && slices.ContainsFunc(words, changeMarks.has) &&
		!slices.ContainsFunc(words, envReferenceWords.has) && envsNamed(words) == 1 {
		out.Env, out.UnknownEnv = env, "" // "actually make it prod, v2.4.2" after "deploy front to staging" and "Which version?"
	}
	if asked.asks == "version" && (s.app != "" && out.App != "" && s.app != out.App ||
		env != "" && out.Env != "" && env != out.Env && !slices.ContainsFunc(words, envReferenceWords.has)) {
		// "2.8.0, web" after "Which version of api…?", "2.10.0 pls, on
		// staging" after "… for production?": the versions offered were
		// another target's (the first rolled web back to api's 2.8.0, the
		// second deployed to production); the bot asks again.
		return r.noCommand(cur), true
	}
	// The other slots the answer gives on the way: "staging pls, version
	// 2.5.0".
	if s.app != "" && out.App != "" && out.App != s.app {
		if !r.projectAnswer(words) || strings.ContainsAny(cur.Text, "+&") {
			// "prod, like api", "prod, web is fine", "prod for api and
			// web": another project named around the answer, not as its
			// target; the bot asks again.
			return r.noCommand(cur), true
		}
		// "production for api" after web 3.0.2's "Which environment?":
		// the project the answer names, without the other's version.
		otherProject(&out, s.app, s.version)
		out.App, out.UnknownApp = s.app, ""
	}
	if out.Env == "" && env != "" {
		out.Env, out.UnknownEnv = env, ""
	}
	if prev.Kind == deploybot.KindAction {
		if s.version != "" && s.version != out.Version {
			// "staging pls, version 2.5.0"; "production, v1.0.0" after
			// "deploy web v1.1.0 to uat": the version said last.
			out.Version, out.BadVersion = s.version, ""
		}
		return r.continued(out, cur), true
	}
	if reasoned[prev.Command] && prev.Arg("reason") == "" {
		// "en prod, migration en cours" after "verrouille le site": the
		// reason in a clause of its own.
		if i, j, ok := clauseBreak(cur.Text); ok && i > 0 {
			out.Args = copyArgs(prev.Args)
			out.Args["reason"] = strings.TrimSpace(cur.Text[j:])
		}
	}
	out.SubjectApp, out.SubjectEnv = out.App, out.Env
	out.Text, out.FollowUp = cur.Text, true
	return out, true
}

// firstEnv returns the first environment m names, as written in order:
// "staging, prod is fine" answers staging.
func (r *Router) firstEnv(m message, s slots) string {
	for i, t := range m.tokens {
		if slices.Contains(s.notTarget, i) {
			continue // "not prod", "prod, jk, staging"
		}
		if e, ok := envWordOf(t.norm); ok {
			return e
		}
		if e, ok := r.ix.envs[t.norm]; ok {
			return e
		}
	}
	return ""
}

// versionTokenRe is a word that can only be a version when a version was
// asked: a dotted number, with a v, a suffix, or a commit's hash.
var versionTokenRe = mustCompile(`^(?:v?\d+(?:\.\d+)+(?:[-+][0-9a-z.-]+)?|[0-9a-f]{7,40})$`)

// versionToken returns the first word of text that versionTokenRe
// matches, as written; a hash needs a digit and a letter.
func versionToken(text string) string {
	for w := range strings.FieldsSeq(text) {
		w = strings.Trim(w, ",.;:!?()\"'")
		if !versionTokenRe.MatchString(strings.ToLower(w)) {
			continue
		}
		if !strings.ContainsAny(w, ".") && (strings.Trim(w, "0123456789") == "" || strings.Trim(strings.ToLower(w), "abcdef") == "") {
			continue
		}
		return w
	}
	return ""
}

// versionTokens returns the words of text that versionToken would
// return, in order.
func versionTokens(text string) []string {
	var out []string
	for w := range strings.FieldsSeq(text) {
		if v := versionToken(w); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// unsureWords say the speaker guesses: "not sure", "maybe", "peut-être",
// "je sais pas".
var unsureWords = setOf("sure", "sur", "maybe", "perhaps", "peut-etre", "peutetre", "probably", "probablement", "guess", "sais", "know", "idea")

// unsure reports whether words say that the speaker guesses: "not sure",
// "pas sûr", "maybe", "I guess", "je sais pas", "no idea".
func unsure(words []string) bool {
	for i, w := range words {
		switch {
		case w == "maybe" || w == "perhaps" || w == "peut-etre" || w == "probably" || w == "probablement" || w == "guess":
			return true
		case unsureWords.has(w) && i > 0 && (denial.has(words[i-1]) || words[i-1] == "dont" || words[i-1] == "no"):
			return true
		}
	}
	return false
}

// afterOtherNumberWord reports whether the first version-looking word of
// text follows a word that says it is something else ("ticket 4.2").
func afterOtherNumberWord(text string) bool {
	v := versionToken(text)
	ws := strings.Fields(strings.ToLower(text))
	for i, w := range ws {
		if strings.Trim(w, ",.;:!?()\"'") == strings.ToLower(v) {
			return i > 0 && otherNumberWords.has(fold(strings.Trim(ws[i-1], ",.;:!?()\"'")))
		}
	}
	return false
}

// otherOffered returns, when the bot's question offered two environments
// ("Which environment: staging or production?") and the answer excludes
// one ("not prod", "pas la prod", "anything but prod"), the other one;
// else "" and the bot asks again.
func (r *Router) otherOffered(m message, s slots, question string) string {
	envAt := func(t token) string {
		if e, ok := envWordOf(t.norm); ok {
			return e
		}
		return r.ix.envs[t.norm]
	}
	var offered []string
	for _, t := range normalize(question).tokens {
		if e := envAt(t); e != "" && !slices.Contains(offered, e) {
			offered = append(offered, e)
		}
	}
	if len(offered) != 2 {
		return ""
	}
	left := offered
	for _, i := range s.notTarget {
		e := envAt(m.tokens[i])
		if !slices.Contains(offered, e) {
			return "" // "not uat" to "staging or production?"
		}
		left = slices.DeleteFunc(slices.Clone(left), func(o string) bool { return o == e })
	}
	if len(left) != 1 {
		return ""
	}
	return left[0]
}

// refusedAnswer reports whether an answer to the bot's question asks back,
// takes itself back or leaves part of it out: a question mark, a refusal
// in its first clause, or a reason's clause that opens with one ("api,
// non laisse tomber").
func refusedAnswer(text string) bool {
	if strings.Contains(text, "?") {
		return true
	}
	head, tail := text, ""
	if i, j, ok := clauseBreak(text); ok && i > 0 {
		head, tail = text[:i], text[j:]
	}
	return refusesAnswer(wordsOf(head)) || tail != "" && refusals.has(firstWord(wordsOf(tail)))
}

// negatedPut reports whether words negate putting something somewhere: a
// negation, then within a few words a verb of deploying, putting or
// wanting ("don't put it", "je veux pas le mettre", "ne le pousse pas",
// "I don't want it"). A negation before a slot alone ("not prod", "pas en
// staging") is an exclusion, no such refusal.
func negatedPut(words []string) bool {
	for i, w := range words {
		if !answerNegations.has(w) && !(w == "don" && i+1 < len(words) && words[i+1] == "t") {
			continue
		}
		for j := max(0, i-3); j < min(len(words), i+4); j++ {
			if j != i && (putVerbs.has(words[j]) || isActionWord(words[j]) && j > i) {
				return true
			}
		}
	}
	return false
}

// refusedOrInPassing reports whether an answer to "Which project?" or
// "Which environment?" refuses all but one ("anywhere but uat", "tout sauf
// l'api"), rules one out in other words ("prod is out of the question",
// "skip production", "keep it off prod"), says one is fine ("the front is
// fine", "le front va bien": nothing to roll back there) or names its
// environments only in passing ("before the demo", "like on uat", "after
// QA"); each filled the slot with what it named (the attack of session 34).
//
// excluded says the answer's exclusion was read ("anything except staging"
// of staging or production is production, as "not staging" is): its words
// of exclusion are no refusal then.
func (r *Router) refusedOrInPassing(text string, excluded bool) bool {
	words := wordsOf(text)
	for i, w := range words {
		if w == "anywhere" && i+1 < len(words) && (words[i+1] == "near" || words[i+1] == "close") &&
			slices.ContainsFunc(words[max(0, i-3):i], func(w string) bool { return w == "not" || w == "never" || w == "isn" || w == "t" }) {
			continue // "it's not going anywhere near prod": prod ruled out, as "not prod"
		}
		if slotRefusals.has(w) || !excluded && slotExclusions.has(w) || i > 0 && (w == "off" && offHolders.has(words[i-1]) || w == "away" && words[i-1] == "stay") {
			return true
		}
	}
	envs, passing := 0, 0
	for i, w := range words {
		if _, ok := envWordOf(w); !ok {
			if _, ok := r.ix.envs[w]; !ok {
				continue
			}
		}
		envs++
		j := i - 1
		if j >= 0 && articles.has(words[j]) {
			j--
		}
		if j >= 0 && passingWords.has(words[j]) {
			passing++
		}
	}
	if envs > 0 && passing == envs {
		return true
	}
	// Said fine, when it is the only target named: "staging, prod is fine"
	// answers staging.
	if envs+r.projectsNamed(words) != 1 || slices.ContainsFunc(words, func(w string) bool {
		return negationWords.has(w) || w == "not" || w == "pas" || w == "plus"
	}) {
		return false
	}
	for _, cl := range clauses(text) {
		cw := wordsOf(cl)
		fine, copula := false, false
		for i, w := range cw {
			fine = fine || fineWords.has(w) && !(w == "bien" && i+1 < len(cw) && cw[i+1] == "sur") // "bien sûr": of course
			copula = copula || answerCopulas.has(w)
		}
		if fine && copula && (r.namesTarget(cw) || len(cw) > 0 && remarkPronouns.has(cw[0])) {
			return true
		}
	}
	// Said of something else: "prod, the window is fine", "staging, la
	// recette du client est ok".
	return false
}

// remarkPronouns open a remark about the target named before it: "web,
// it's fine", "prod, c'est ok".
var remarkPronouns = setOf("it", "its", "c", "ca", "that", "thats", "everything", "tout", "all", "this", "ce", "cela", "il", "elle")

// twoOffered reports whether the bot's question offers two choices: an
// exclusion leaves one ("anything except staging" of "staging or
// production?"), never a guess among more ("tout sauf la prod" of seven
// environments rolled staging back).
func (r *Router) twoOffered(question, asks string) bool {
	n := 0
	for _, w := range wordsOf(question) {
		_, env := envWordOf(w)
		if !env {
			_, env = r.ix.envs[w]
		}
		if _, name := r.ix.names[w]; asks == "env" && env || asks == "project" && name {
			n++
		}
	}
	return n == 2
}

// slotRefusals, slotExclusions, offHolders, fineWords, answerCopulas and
// passingWords: see refusedOrInPassing.
var (
	slotRefusals   = setOf("skip", "against", "contre", "exclue", "exclu", "exclus", "exclues", "aucun", "aucune", "nobody", "personne", "mustnt", "question")
	slotExclusions = setOf("anywhere", "anything", "except", "sauf", "hormis", "excepte")
	offHolders     = setOf("keep", "it", "stay", "hands", "them")
	fineWords      = setOf("fine", "ok", "okay", "good", "healthy", "stable", "bien", "nickel", "sain", "saine")
	answerCopulas  = setOf("is", "are", "looks", "seems", "est", "va", "vont", "semble", "sont")
	passingWords   = setOf("before", "after", "avant", "apres", "until", "jusqu", "like", "comme", "since", "depuis", "than", "que")
)

// answerNegations and putVerbs: see negatedPut.
var (
	answerNegations = setOf("dont", "ne", "pas", "not", "never", "jamais", "wont", "cant", "shouldnt", "doesnt", "didnt", "surtout")
	putVerbs        = setOf("put", "mettre", "mets", "met", "mettez", "push", "pousse", "pousser", "want", "veux", "voulons", "voudrais",
		"envoie", "envoyer", "send", "ship", "move", "bouge", "bouger", "go", "aller", "passe", "passer")
)

// versionRefused reports whether an answer names its version to refuse
// it or to point elsewhere: negated, said broken, or before/after it.
func versionRefused(m message, words []string, version string) bool {
	if badTargetOf(m, version) {
		return true
	}
	for _, w := range words {
		if negationWords.has(w) || faultWords.has(w) || versionPointers.has(w) {
			return true
		}
	}
	return false
}

// versionPointers point from the version named to another one.
var versionPointers = setOf("before", "avant", "after", "apres", "except", "sauf", "but", "mais", "previous", "precedente", "next",
	"suivante", "any", "importe", "long", "bad", "pourrie", "pourri", "mauvaise", "deployed", "deploye", "deployee", "was", "etait")

// someClauseIsID reports whether a clause of text names a deployment by
// its id alone: "the second one, 14", "celui de l'api, le 14".
func someClauseIsID(text string) bool {
	for _, cl := range clauses(text) {
		if _, ok := idAnswer(cl); ok {
			return true
		}
	}
	return false
}

// pickWords may stand beside the id that chooses a deployment in answer
// to "Which one?": "c'est le 14", "on prend le 14", "let's do 14", "14
// looks fine, go".
var pickWords = setOf("the", "le", "la", "l", "number", "numero", "no", "n", "c", "est", "on", "je", "j", "prend", "prends",
	"prenons", "take", "let", "lets", "s", "do", "go", "for", "with", "avec", "ok", "okay", "yes", "oui", "ouais", "yep", "one", "un",
	"une", "celui", "celle", "ci", "that", "this", "please", "pls", "stp", "svp", "merci", "thanks", "alors", "then", "plutot",
	"rather", "looks", "fine", "good", "bon", "parfait", "perfect", "deployment", "deploiement", "it", "is", "its", "approve",
	"approuve", "valide", "confirm", "confirme", "vas-y", "y", "vas", "sure", "ahead", "allez", "top", "nickel", "d", "accord", "i",
	"want", "veux", "ll", "take", "we", "part", "sur", "choose", "choisis", "of", "course", "bien", "definitely", "absolutely",
	"sans", "hesiter", "so", "donc", "hotfix", "fix")

// idDoubts refuse, put off, doubt or report in a reason given with an id.
var idDoubts = setOf("annule", "annuler", "cancel", "refuse", "refuser", "rejette", "rejeter", "reject", "deny", "decline", "abort",
	"nvm", "scratch", "tant", "bof", "hmm", "call", "choose", "choisis", "decide", "oops", "oups", "sorry", "importe", "whatever", "egal",
	"not", "no", "non", "nope", "nah", "never", "jamais", "pas", "dont", "don", "shouldn", "shouldnt", "cant",
	"wont", "but", "mais", "except", "sauf", "hold", "forget", "oublie", "laisse", "tomber", "wait", "attends", "needs", "need",
	"besoin", "maybe", "perhaps", "peut-etre", "guess", "think", "crois", "tonight", "tomorrow", "demain", "later", "tard", "after",
	"apres", "yet", "encore", "check", "verifier", "risky", "risque", "wrong", "broken", "casse", "failed", "said", "says", "dit",
	"or", "ou", "bloque", "lock", "block", "what", "quoi", "why", "pourquoi", "which", "quel", "quelle")

// keptWords say which deployment stays, or whose it is, in an answer to
// "Which one?".
var keptWords = setOf("keep", "keeping", "garde", "gardez", "gardons", "laisse", "laissez", "stays", "stay", "reste", "restent",
	"mine", "his", "hers", "theirs", "belongs", "owner", "proprio")

// idAnswerHedged reports whether an answer that names a deployment by its
// id gives no choice: it asks or names two; for an approval or a
// confirmation (strict), unless it is made only of words that choose
// (pickWords, the names the bot's question offered: "14 (the shop
// one)"), with perhaps a reason after a break that neither refuses, puts
// off, doubts nor reports ("14, tests are green"). Attack 17 and 18
// approved a production deploy with "2 nah", "14 not yet", "I guess 2",
// "carol said 14", "what is 2".
func (r *Router) idAnswerHedged(text, asked string, strict bool) bool {
	if strings.ContainsAny(text, "?¿") {
		return true
	}
	words := wordsOf(text)
	if n := len(words); pickMocked(text) || n > 0 && (words[n-1] == "no" || words[n-1] == "non" || words[n-1] == "nope" || words[n-1] == "nan") {
		return true // "53 no", "53 😂"; not "53, no load tests"
	}
	ids := 0
	for _, w := range words {
		if w != "" && len(w) <= 9 && strings.Trim(w, "0123456789") == "" {
			ids++
		}
	}
	if ids != 1 {
		return ids > 1
	}
	if len(words) > 1 && names.has(words[0]) && !isNumber(words[0]) {
		return true // "dave: 15", "bob, 14": said to someone
	}
	headWords := words
	if i, _, ok := clauseBreak(text); ok && i > 0 {
		headWords = wordsOf(text[:i]) // the choice, not its reason ("le 57, c'est pas la bonne branche")
	}
	if slices.ContainsFunc(headWords, keptWords.has) ||
		slices.ContainsFunc(words, func(w string) bool { return w == "ask" || w == "demande" || w == "ping" }) ||
		slices.ContainsFunc(words, func(w string) bool { return names.has(w) && w != "ops" && w != "qa" && w != "pm" }) {
		// "keep 21", "garde la 21", "21 is fine", "21 is mine", "la 21
		// c'est à bob", "14 is bob's, ask him": which one stays, or whose,
		// not which one to act on (an attack had them cancel 21).
		return true
	}
	if !strict {
		// "juste le 2, je rigole", "le 2, attends": a joke or a wait
		// takes any pick back.
		return slices.ContainsFunc(words, func(w string) bool {
			return anywhereHedges.has(w) || w == "wait" || w == "attends" || w == "attendez" || w == "hold"
		}) || slices.ContainsFunc(headWords, func(w string) bool {
			return w == "fine" || w == "good" || w == "bonne" || w == "bon" // "21 is fine", "la 21 est bonne": the one to keep
		})
	}
	offered := wordsOf(fold(asked))
	head, tail := text, ""
	if i, j, ok := clauseBreak(text); ok && i > 0 {
		head, tail = text[:i], text[j:]
	}
	for _, w := range wordsOf(head) {
		if isNumber(w) || pickWords.has(w) || slices.Contains(offered, w) {
			continue
		}
		if _, env := envWordOf(w); env {
			continue
		}
		if p, ok := r.project(w); ok && p != "" {
			continue
		}
		return true
	}
	for _, w := range wordsOf(tail) {
		if idDoubts.has(w) || anywhereHedges.has(w) || reportVerbs.has(w) {
			return true
		}
	}
	return hasFault(wordsOf(tail))
}

// idFirst reports whether words open with a deployment's id (after an
// article): "14 looks fine, go", "le 14 (celui du shop)".
func idFirst(words []string) bool {
	for _, w := range words {
		if w == "le" || w == "la" || w == "the" || w == "number" || w == "numero" || w == "no" || w == "n" {
			continue
		}
		return w != "" && len(w) <= 9 && strings.Trim(w, "0123456789") == ""
	}
	return false
}

// projectAnswer reports whether an answer names one project as its
// target and nothing else but an environment and small words:
// "production for api", "ok then prod for the backend", "prod pour le
// back".
func (r *Router) projectAnswer(words []string) bool {
	n := 0
	for i, w := range words {
		if w == "then" && i < 2 {
			continue // "ok then prod for the backend"; not "prod and then the backend"
		}
		if _, ok := envWordOf(w); ok {
			continue
		}
		if _, ok := r.project(w); ok && !stopWords.has(w) {
			n++
			continue
		}
		if !projectAnswerWords.has(w) {
			return false
		}
	}
	return n == 1
}

var projectAnswerWords = setOf("for", "pour", "on", "sur", "du", "de", "d", "le", "la", "l", "the", "ok", "okay", "alors", "in",
	"en", "please", "pls", "stp", "svp", "ben", "bah", "euh", "so", "donc")

// yesToPlan reports whether an answer to a plan is a yes in other words:
// a yes with the plan's own action ("oui rollback", "go pour le
// rollback": nothing else named), or a yes, then a remark that names and
// orders nothing ("go go go, le client attend", "oui cette fois c'est
// bon").
func (r *Router) yesToPlan(cur, prev deploybot.Request) bool {
	text := strings.TrimSpace(cur.Text)
	if strings.ContainsAny(text, "?¿") || pickMocked(text) || cur.Yes || cur.Force || cur.Wait {
		return false
	}
	ws := wordsOf(text)
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "roll" && ws[i+1] == "back" {
			ws = append(ws[:i:i], append([]string{"rollback"}, ws[i+2:]...)...) // "yes roll back": not the backend's "back"
		}
	}
	if rest, ok := afterAck(ws); ok && len(rest) > 0 && yesHeads.has(rest[0]) && !slices.ContainsFunc(rest, func(w string) bool {
		return !yesHeads.has(w) && w != "ahead" && w != "it" && w != "ok"
	}) {
		return true // "got it, go ahead", "compris, vas-y", "noted, yes"
	}
	if len(ws) >= 3 && (yesHeads.has(ws[0]) || ws[0] == "ok") && lastBeforeRe.MatchString(strings.Join(ws[1:], " ")) {
		return true // "yup, last one before the freeze"
	}
	if len(ws) < 2 || len(ws) > 7 || !yesHeads.has(ws[0]) && ws[0] != "ok" || slices.ContainsFunc(ws, func(w string) bool {
		return negationWords.has(w) || w == "pas" || w == "not" || w == "no" || w == "non" || w == "but" || w == "mais" || anywhereHedges.has(w) ||
			conditionHedges.has(w) || pickLater.has(w) || hedgeWords.has(w) || versionToken(w) != "" || r.slotWord(w) || r.projectWord(w) ||
			strings.ContainsAny(w, "0123456789")
	}) || takesBack(ws) {
		return false
	}
	rest := ws[1:]
	for len(rest) > 0 && (yesHeads.has(rest[0]) || rest[0] == "ok") {
		rest = rest[1:] // "go go go"
	}
	if len(rest) == 0 {
		return false // a yes alone: the plain confirmation's
	}
	if prev.Intent.Intent == deploybot.IntentRollback && slices.ContainsFunc(rest, deployVerbNamed) {
		return false // "oui, déploie" after a rollback's plan: which order? (it ran the rollback)
	}
	// The plan's own action, maybe after "pour le", "for the", "fais le".
	same, named := true, false
	for _, w := range rest {
		switch {
		case w == "pour" || w == "for" || w == "the" || w == "le" || w == "la" || w == "l" || w == "fais" || w == "do" || w == "it" || w == "un":
		case prev.Intent.Intent == deploybot.IntentRollback && (w == "rollback" || w == "revert" || w == "roll" || w == "back" || w == "rb"):
			named = true
		case prev.Intent.Intent == deploybot.IntentDeploy && (w == "deploy" || w == "deploiement" || w == "mep" || w == "release" || w == "ship"):
			named = true
		default:
			same = false
		}
	}
	if same && named {
		return true
	}
	// A yes and a remark of urgency or of readiness only ("go go go, le
	// client attend", "oui cette fois c'est bon", "yes, it's the hotfix"):
	// any other remark may doubt, put off or mock the plan ("yes, I
	// guess", "ok, got it", "oui, une autre fois", "yes, the CI is red").
	return goRemarkRe.MatchString(strings.Join(rest, " "))
}

// afterAck returns the words after an acknowledgement that opens ws
// ("got it", "noted", "understood", "compris", "bien reçu").
func afterAck(ws []string) ([]string, bool) {
	switch {
	case len(ws) > 1 && (ws[0] == "got" && ws[1] == "it" || ws[0] == "bien" && ws[1] == "recu"):
		return ws[2:], true
	case len(ws) > 0 && (ws[0] == "noted" || ws[0] == "understood" || ws[0] == "compris" || ws[0] == "entendu" || ws[0] == "note"):
		return ws[1:], true
	}
	return nil, false
}

// lastBeforeRe is a yes's remark that the plan is the last release
// before a break, in words: "last one before the freeze", "la dernière
// avant le gel".
var lastBeforeRe = mustCompile(`^(?:(?:the|la|le)\s+)?(?:last one|last release|last deploy|derniere|dernier|la derniere)\s+(?:before|avant)\s+(?:the\s+|le\s+|les\s+)?(?:freeze|gel|holidays|vacances|fetes|break|weekend|week end|christmas|noel)$`)

// goRemarkRe is a remark after a yes that urges or says the plan is
// right this time, or that an item of its checklist is ready ("yes,
// rollback plan is in the ticket"), in folded words.
var goRemarkRe = mustCompile(`^(?:(?:le|the|our|notre)\s+)?(?:client|clients|customer|customers|team|equipe|tout le monde|everyone)\s+(?:attend|attendent|is waiting|are waiting|s waiting|waits|wait)(?:\s+(?:deja|already|la|there))?$` +
	`|^(?:(?:cette fois|this time)\s+)?(?:c est bon|c bon|c est la bonne|it s good|it s fine|it s the right one|all good|we re good|good to go|on est bon|on est bons)(?:\s+(?:cette fois|this time))?$` +
	`|^(?:it s|c est|that s)\s+(?:the|le|la)\s+(?:hotfix|fix|correctif|bonne version|right version)$` +
	`|^(?:j ai|i ve|i have|i|on a|we ve|we have)\s+(?:bien\s+|already\s+|deja\s+)?(?:verifie|checked|verified|tested|teste|relu|reviewed|double-checked)(?:\s+(?:the|les|la|le|l|all|tout|toutes|tous|migrations?|tests?|checklist|staging|logs|config|env|vars|diff))*$` +
	`|^(?:the\s+|la\s+)?checklist\s+(?:is\s+|est\s+)?(?:done|ok|complete|faite|ok|cochee|ticked)$` +
	`|^(?:(?:the|le|la|les|our|notre|nos)\s+)?(?:rollback plan|plan de rollback|rollback|communication|comms|release notes|changelog|notes de version|team|equipe|migrations?)\s+` +
	`(?:is\s+|are\s+|est\s+|sont\s+|has been\s+|a ete\s+)?(?:ready|pret|prete|prets|pretes|written|ecrit|ecrite|done|fait|faite|faites|ok|documented|documente|in the ticket|dans le ticket|sent|envoye|envoyee|envoyees|told|informed|prevenue|prevenu|tested|teste|testee|testees|on the wiki|sur le wiki)$`)

// laterAnswerRe puts a plan off without a moment, in folded text: "later",
// "plus tard, après le daily", "not now".
var laterAnswerRe = mustCompile(`^(?:(?:non|no|nah|nan|ok|okay|bon|euh|hmm|ah|finalement|actually)[ ,]+)*(?:later|plus tard|pas maintenant|not now|not today|pas aujourd hui|another time|une autre fois)(?:$|[ ,.!]+)`)

// laterRestOrders are the words after a put-off that make it something
// else than a no: an order or a yes ("not now, approve 42 first", "plus
// tard, gèle le site", "later, ok go").
var laterRestOrders = setOf("approve", "approuve", "deny", "refuse", "confirm", "confirme", "go", "vas-y", "lock", "unlock", "freeze",
	"unfreeze", "gele", "degele", "verrouille", "deverrouille", "bloque", "debloque", "cancel", "annule", "stop", "abort", "yes", "oui")

// planAnswer reads an answer to a plan's "Confirm?" that says more than a
// bare yes or no: the plan put off without a moment ("later", "plus tard,
// après le daily") declines it, when nothing after the put-off orders or
// assents; a yes that only names what the plan names ("oui, staging" after
// a staging plan, "yes prod" after a production one) confirms it. A yes
// with anything else (a remark, a doubt, a moment, markup, a hesitation,
// another environment) is left to the rules that ask again: an attack
// found a yes "with a remark that weighs the warning" confirmed "yes,
// fine, tonight", "oui, compris, laisse tomber", "ok fine, freeze web
// instead".
func (r *Router) planAnswer(cur deploybot.Request, asked botTurn) (deploybot.Request, bool) {
	line := commandLine(cur.Text)
	words := wordsOf(cur.Text)
	if len(words) == 0 {
		return cur, false
	}
	if otherVersionSaid(cur.Text, planVersion(asked.text)) {
		return cur, false // "c parti, 3.0.3" after the plan of 3.0.2: no yes to it
	}
	c := deploybot.Request{Kind: deploybot.KindCommand, Text: cur.Text, FollowUp: true}
	c.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: cur.Lang, Confidence: 1}
	if len(asked.ids) == 1 {
		setArg(&c, "id", asked.ids[0])
	}
	if cur.Kind == deploybot.KindCommand && (cur.Command == deploybot.CmdCancel || cur.Command == deploybot.CmdConfirm) {
		return cur, false // read already, with its reason: "non pas maintenant, on est hors fenêtre"
	}
	if loc := laterAnswerRe.FindStringIndex(line); loc != nil {
		rest := wordsOf(line[loc[1]:])
		if _, ok := momentOf(cur.Text, nil); ok || hasActionVerb(words) || hasRollbackStem(words) || slices.ContainsFunc(rest, laterRestOrders.has) ||
			slices.ContainsFunc(rest, answerYes.has) || slices.ContainsFunc(rest, isActionWord) {
			return cur, false
		}
		c.Command = deploybot.CmdCancel
		setArg(&c, "decline", "yes")
		return c, true
	}
	if !answerYes.has(words[0]) || strings.ContainsAny(cur.Text, "~`*_:()[]<>") || strings.Contains(cur.Text, "..") ||
		strings.ContainsFunc(cur.Text, func(c rune) bool { return c >= 0x2000 }) {
		return cur, false // not "yes go 🙃", "~yes prod~", "yes prod :grimacing:"
	}
	planApp, planEnv := r.planTarget(asked.text)
	if planApp == "" || planEnv == "" {
		return cur, false
	}
	if r.yesWithReason(cur.Text) || yesThenTellWhenDone(cur.Text) {
		c.Command = deploybot.CmdConfirm
		return c, true
	}
	if len(words) > 5 || strings.ContainsFunc(strings.TrimRight(cur.Text, "! "), func(c rune) bool {
		return !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != ' ' && c != ',' && c != '\'' && c != '-' && c != '’'
	}) {
		return cur, false // an echo said plainly: not "yes prod =/", "yes prod -.-", "yes prod . . ."
	}
	named := false
	for _, w := range words[1:] {
		if env, ok := envWordOf(w); ok && env == planEnv {
			named = true
			continue
		}
		if app, ok := r.project(w); ok && !stopWords.has(w) && app == planApp {
			named = true
			continue
		}
		if !politeWords.has(w) && !answerYes.has(w) {
			return cur, false
		}
	}
	if !named {
		return cur, false
	}
	c.Command = deploybot.CmdConfirm
	return c, true
}

// tellWhenDoneRe is a request to be told when the deployment is over,
// in folded words without channel names: "and please post in when it s
// done", "ping me when done", "préviens-moi quand c'est fini".
var tellWhenDoneRe = mustCompile(`^(?:(?:and|et|please|pls|stp|svp)\s+)*(?:ping me|tell me|let me know|notify me|post it|post|poste|previens-moi|previens moi|dis-moi|dis moi|previens l equipe|tell the team)(?:\s+(?:in|dans|sur|on))?` +
	`\s+(?:when|once|quand|des que|une fois que|une fois)\s+(?:(?:it s|it is|it has|that s|c est|ce sera|ca sera|ca a|it)\s+)?(?:done|finished|over|live|fini|finie|termine|terminee|passe|ok|out|deployed|deploye)$`)

// tellRemarkRe is the one remark a yes and its request may add: who is
// waiting.
var tellRemarkRe = mustCompile(`^(?:the client is watching|the client is waiting|the client s waiting|le client attend|le client regarde|the team is waiting|l equipe attend|merci|thanks|thx)$`)

// yesThenTellWhenDone reports whether text is a bare yes, then a request
// to be told when the deployment is done (tellWhenDoneRe), and maybe who
// waits for it: "yes. and please post in #deploys when it's done, the
// client is watching", "oui, préviens-moi quand c'est fini". Anything else
// in the request ("…, provided the tests pass", "…, tonight", "…, on api",
// "ok, tell me when the freeze is over") makes it no yes: an attack found
// a list of words to refuse let a thousand such replies confirm.
func yesThenTellWhenDone(text string) bool {
	cls := clauses(text)
	if strings.ContainsAny(text, "?¿") {
		return false
	}
	yes := 0 // the clauses of the yes: "yes, go, and ping me when done"
	for yes < len(cls) && !slices.ContainsFunc(wordsOf(cls[yes]), func(w string) bool {
		return !answerYes.has(w) && !politeWords.has(w) && w != "go" && w != "ahead"
	}) {
		yes++
	}
	if yes == 0 || yes == len(cls) || len(cls)-yes > 2 || !tellWhenDoneRe.MatchString(commandLine(withoutChannels(cls[yes]))) {
		return false
	}
	return yes+1 == len(cls) || tellRemarkRe.MatchString(commandLine(cls[yes+1]))
}

// withoutChannels returns text without its Slack channel names
// ("#deploys": a place, whatever its words).
func withoutChannels(text string) string {
	if !strings.Contains(text, "#") {
		return text
	}
	fs := strings.Fields(text)
	return strings.Join(slices.DeleteFunc(fs, func(f string) bool { return strings.HasPrefix(f, "#") && len(f) > 1 && !isNumber(f[1:]) }), " ")
}

// untestedWords say something was not checked: "untested", "pas testé".
var untestedWords = setOf("untested", "unreviewed", "risky", "risque", "risquee", "dangerous", "dangereux", "friday", "vendredi", "lol", "mdr")

// yesFixWords name what a release fixes: the one reason a yes may give.
var yesFixWords = setOf("fix", "hotfix", "correctif", "patch", "bugfix")

// explicitGo are the words that say run it in so many words.
var explicitGo = setOf("confirmed", "confirm", "confirme", "go", "proceed", "lance", "vas-y", "envoie")

// yesAcks may stand beside a yes: "oui je sais, go", "yes I know, go
// ahead".
var yesAcks = setOf("je", "sais", "i", "know", "noted", "compris", "understood", "got", "it", "ahead", "ok", "okay", "c", "est", "bon")

// yesWithReason reports whether an answer to a plan is a yes that says
// run it in so many words ("confirmed", "go"), with only an
// acknowledgement beside it or a clause that only says why: "yes,
// confirmed, it's the login fix", "oui je sais, go". A remark, a moment, a
// doubt, a condition or a delay makes it no yes (see planAnswer).
func (r *Router) yesWithReason(text string) bool {
	go_, reasons, plainFix := false, 0, true
	for i, cl := range clauses(text) {
		ws := wordsOf(cl)
		if len(ws) == 0 {
			continue
		}
		plain := true
		for _, w := range ws {
			switch {
			case explicitGo.has(w):
				go_ = true
			case answerYes.has(w) || politeWords.has(w) || yesAcks.has(w):
			default:
				plain = false
			}
		}
		if plain {
			continue
		}
		if i == 0 || len(ws) > 6 || !r.plainReason(cl) && !r.peopleAround(ws) || r.badNews(cl) || slices.ContainsFunc(ws, untestedWords.has) ||
			slices.ContainsFunc(ws, notReadyWords.has) || !slices.ContainsFunc(ws, yesFixWords.has) && !checkDone(ws) && !r.peopleAround(ws) ||
			slices.ContainsFunc(ws, func(w string) bool {
				return w == "not" || w == "pas" || w == "never" || w == "jamais" || w == "no" || w == "yet" || w == "encore"
			}) {
			return false // only "it's the login fix", "c'est le correctif du login": not "the build is still running", "the rc", "le client veut décaler"
		}
		if !fixNamedRe.MatchString(strings.Join(ws, " ")) && !checkDone(ws) && !r.peopleAround(ws) {
			plainFix = false // "the fix isn't tested", "le correctif est en 2.6.1": said of the fix, not that it is one
		}
		reasons++
	}
	// A yes and why, a fix or a check done, is a yes in so many words
	// too: "yes, it's the security fix", "oui, c'est validé par le
	// client" (they were not understood).
	return go_ || reasons > 0 && plainFix
}

// fixNamedRe is a clause that only says what the release is, a fix
// (folded words): "it s the security fix", "c est le correctif du login",
// "this is the payroll hotfix". Not "it s a temporary fix", "the fix isn t
// tested", "le fix manque".
var fixNamedRe = mustCompile(`^(?:c est|it s|it is|this is|that s|this s)\s+(?:the|le|la|l|un|une|a|our|notre)\s+(?:(?:security|securite|login|checkout|payroll|paie|payment|paiement|cve|prod|production|urgent|critical|critique|important|big|main|real|actual|vrai)\s+)?(?:fix|hotfix|correctif|patch|bugfix)(?:\s+(?:du|de|des|for|of|pour|d)\s+(?:la\s+|l\s+|le\s+|the\s+)?[a-z]+)?$`)

// aroundWords tell that the people a release needs are there: "yes go,
// approvers are around", "oui go, l'équipe est là".
var (
	aroundWho   = setOf("approvers", "approver", "approbateurs", "approbateur", "approbatrice", "team", "equipe", "everyone", "everybody", "we", "on")
	aroundWords = setOf("is", "are", "s", "re", "est", "sont", "around", "here", "la", "dispo", "dispos", "disponible", "disponibles",
		"available", "ready", "prets", "pret", "prete", "online", "all", "tous", "toute", "l", "the", "les", "le", "both", "deux", "two")
)

// nobodyWords name no one: "nobody is around".
var nobodyWords = setOf("nobody", "noone", "none", "no", "nothing", "personne", "rien", "neither", "nul", "aucun", "aucune", "someone",
	"somebody", "anyone", "anybody", "quelqu", "who", "qui")

// peopleAround reports whether ws say that the approvers, the team or a
// person named are around and nothing else: "approvers are around",
// "carol is around", "l'équipe est là". Not "nobody is around", "carol
// isn't around", "carol is around tomorrow".
func (r *Router) peopleAround(ws []string) bool {
	if len(ws) > 0 && questionHeads.has(ws[0]) {
		return false // "are approvers around", "is everyone here"
	}
	who := false
	for i, w := range ws {
		switch {
		case aroundWho.has(w):
			who = true
		case aroundWords.has(w):
		case i == 0 && len(ws) > 1 && (ws[1] == "is" || ws[1] == "est") && isLetters(w) && !r.t.vocab.known(w) && !stopWords.has(w) &&
			!nobodyWords.has(w):
			who = true // a person's name: "carol is around"
		default:
			return false
		}
	}
	return who && (slices.Contains(ws, "around") || slices.Contains(ws, "here") || slices.Contains(ws, "la") || slices.Contains(ws, "dispo") ||
		slices.Contains(ws, "available") || slices.Contains(ws, "online") || slices.Contains(ws, "disponible") || slices.Contains(ws, "disponibles") ||
		slices.Contains(ws, "dispos"))
}

// yesCheckedWords tell a check done, the other reason a yes may give:
// "c'est validé par le client", "it's been tested".
var yesCheckedWords = setOf("valide", "validee", "validated", "approved", "approuve", "approuvee", "tested", "teste", "testee", "signed")

// checkClauseWords are all a clause telling a check done may hold
// besides its check word: "c'est validé par le client", "it's been
// tested by QA", "c'est testé". Nothing that doubts or weighs it ("je
// crois", "normalement", "barely", "par personne").
var checkClauseWords = setOf("c", "est", "it", "s", "is", "has", "been", "ete", "a", "par", "by", "the", "le", "la", "l", "client",
	"customer", "qa", "team", "equipe", "po", "product", "owner", "off", "fully", "bien", "entierement", "completement", "tout",
	"already", "deja") // "yes, approved by PO already"

// checkDone reports whether ws tell a check done and nothing else.
func checkDone(ws []string) bool {
	return slices.ContainsFunc(ws, yesCheckedWords.has) && !slices.ContainsFunc(ws, func(w string) bool {
		return !yesCheckedWords.has(w) && !checkClauseWords.has(w)
	})
}
