package router

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"deploybot"
)

// A conversation's history may hold the bot's own replies between the
// person's messages (the route JSON's history does; the agents keep only
// the person's). They are recognized by the marks the bot's replies carry
// and by the questions it asks back, so that an answer continues the
// person's request, not the bot's words.

// botTurn is what a reply of the bot says about the answer that follows
// it.
type botTurn struct {
	text string
	lang deploybot.Lang // the language it is written in: the conversation's
	asks string         // the slot it asks for: "project", "env", "version", "id" (which deployment), "reason", "outcome", or ""
	ids  []string       // the deployment ids it names ("#12"), in order
	// project is the project an interview's question names ("Project
	// web, question 1/10: …"), when asks is "interview".
	project string
	// suggests is the name the bot offers for one it does not know ("I
	// know no project "backnd". … Did you mean api?"), when asks is
	// "project" or "env".
	suggests string
	// choices are the deployments it offers with what they are ("#31
	// (api staging)", "#27 (web → production)"), in order.
	choices []choice
}

// choice is a deployment the bot offers to choose from: its id and the
// folded words that say what it is.
type choice struct {
	id    string
	words string
}

var (
	// botMarkRe finds what only the bot's replies hold: a deployment's
	// id in brackets ("(#14)"), the marks of rules, checklists and states,
	// the bot's prompt to answer yes, or the cards an answer points to
	// ("See also: ..."). Two expressions, the marks and the words, so
	// that each has literals that refuse most lines before it runs: as
	// one, any line with an accent ran it whole (issue 19: 8 % of bench's
	// scripted chat's CPU).
	botMarkRe   = mustCompile(`\(#\d+\)|[✅❌☐☑⚠⏳🔒🔓]`)
	botPromptRe = mustCompile(`(?i)\banswer\s+(?:"|“)?yes\b|\br[ée]pond(?:s|ez)\s+(?:«\s*|"|“)?oui\b|\b(?:see also|voir aussi)\s*:`)
	// botNotedRe is the bot's note of a setting changed by chat: "Noted: for
	// project web, strategy = canary (was …)", "C'est noté : pour …",
	// "Reset: for …"; and of a reminder set: "Noted: reminder #1 in
	// #deploys, …". Kept out of botMarkRe, whose literals refuse most
	// lines before its expression runs.
	botNotedRe = mustCompile(`(?i)^(?:(?:noted|c'est not[ée]|reset|r[ée]initialis[ée])\s*:\s*(?:for|pour)\b[^=\n]*=|` +
		`(?:noted|c'est not[ée])\s*:\s*(?:reminder|rappel)\s+(?:#|n°)\d+ (?:in|dans) )`)
	// botAskRe is the bot asking back for a slot, first thing in its reply:
	// the question word, the slot, maybe what it is for, maybe the
	// choices after a colon: "Which environment: staging or production?",
	// "Quel projet pour le déploiement de v1.0.0 ? Je connais : api, web.",
	// "Quelle version ?". A person's question has a verb: "which version
	// runs in prod?".
	botAskRe = mustCompile(`^(?:(?:rollback|deploy|deploiement)\s+)?(?:(?:sur|pour|for|on|in|to|vers|from|de|depuis|entre|between)\s+)?(?:which|what|quel|quelle|quels|quelles|lequel|laquelle)(?:\s+(project|projet|environment|environnement|env|version|one|deployment|deploiement)s?)?(?:\s+(?:for|pour|to|vers|a|of|de|du|d)\s+[^?:]*)?\s*(?::[^?]*)?\?`)
	// personVerbRe finds the verb of a person's question ("which version
	// is in prod?"): the bot's questions back have none.
	personVerbRe = mustCompile(`\b(?:is|are|was|runs?|running|est|sont|tourne|etait|do|does|did|should|must|faut|peut|can)\b`)
	// botWhichOneRe is a reply that ends asking which one: "Several
	// deployments wait for your approval: #12, #13. Which one?".
	// The question may follow a list, one item a line ("• #62 deploy web
	// 5.3.1 → production (chloe)\nWhich one?"), and end with the command
	// to type ("Which one? unfreeze ID").
	botWhichOneRe = mustCompile(`^(?:which one|lequel|laquelle|which deployment|quel deploiement)\s*\?\s*#\d+\s[^?]{1,300}#\d+\s[^?]{1,120}$|(?:^|[.!:)]\s+|\n\s*)(?:which one|lequel|laquelle|which deployment|quel deploiement)(?:\s+(?:do you|should i|to)\s+[a-z]+)?\s*\?(?:\s+(?:answer|reply|give|type|repondez|reponds|donnez|donne|tapez|tape|indiquez|indique)\b[^?]{0,60}|\s*\([^()?]{0,60}\)|\s+(?:approve|deny|cancel|unfreeze|unlock|delete reminder)\s+(?:id|<id>|n)\.?|\s+["«“]\s?[a-z]+ \d+\s?["»”](?:\s+(?:or|ou)\s+["«“]\s?[a-z]+ \d+\s?["»”])*\.?)?\s*$`)
	// botTrailAskRe is a reply whose last sentence asks for a slot, alone:
	// "Several good versions: v1.5.0, v1.4.1. Which version?", "api n'a
	// pas encore de version en staging. Quelle version ?".
	botTrailAskRe = mustCompile(`[.!:]\s+(?:which|what|quel|quelle)\s+(project|projet|environment|environnement|env|version)\s*\?\s*$`)
	// interviewAskRe is the bot asking one of an interview's questions,
	// in folded text: "*Question 2/10* — zero downtime? (yes/no)",
	// "Project web, question 1/10: which strategy? …", maybe after the
	// previous answer's "Noted." or the interview's introduction. Its
	// project, when it names one, is the first group.
	interviewAskRe = mustCompile(`(?:^|[\s*(.])(?:(?:project|projet)\s+\*?([a-z0-9][a-z0-9_-]*)\*?\s*,\s*)?question\s+\d+\s*/\s*\d+\b\*?\s*(?:—|–|-|:)`)
	hashIDRe       = mustCompile(`#(\d+)`)
	// midAskRe is the bot asking for a slot inside the order it repeats,
	// the slot's noun right before the question mark: "Roll back api
	// production to which version? …", "Déployer web 3.0.2 sur quel
	// environnement ?".
	midAskRe = mustCompile(`\s(?:to|vers|a|for|pour|on|sur|in|en|dans)\s+(?:which|what|quel|quelle)\s+(version|project|projet|environment|environnement|env)\s*\?`)
	// valueAskRe is the bot asking for a setting's value, in folded text:
	// "Quelle valeur de stratégie pour le projet api ? recreate, …",
	// "Which approval for web production? none, four-eyes or named?".
	valueAskRe = mustCompile(`^(?:which|what|quelle|quel)\s+(?:value\s+of\s+|valeur\s+de\s+|valeur\s+d\s*)?(?:the\s+|la\s+|le\s+|l\s*)?([a-z][a-z _.-]{1,30}?)\s+(?:for|pour)\s+[^?]{1,60}\?`)
	// choiceRe is an offered deployment with what it is: "#31 (api
	// staging)", "#27 (web → production)", or "#52 web 5.3.2 →
	// production (alice)" (up to the next comma or bracket).
	choiceRe = mustCompile(`#(\d+)\s*(?:\(([^()]{1,80})\)|([^,;:()#\n]{1,80}))`)
	// suggestRe is the name the bot offers after one it does not know, in
	// folded text: "Did you mean api?", "Vouliez-vous dire web ?".
	suggestRe = mustCompile(`(?:did you mean|vouliez-vous dire|voulez-vous dire|tu voulais dire)\s+([a-z0-9][a-z0-9_-]*)`)
	// unknownNameRe is the bot naming a project or an environment it does
	// not know, with the known ones: it asks for one of them. "No project
	// foo (known: api, web).", "pas de projet « foo » (connus : api, web)",
	// "I know no project "foo". Configured projects: api, web.",
	// "web has no environment "qa" (staging, production)", "le site n'a
	// pas d'environnement « qa » (staging, production)". Two expressions,
	// the project's and the environment's (unknownName): as one, the
	// environment's "\S+\s+" ran at every place of every reply that names
	// no project (five times slower on bench's chat, issue 19).
	unknownProjectRe = mustCompile(`(?:^|[^\w\s]\s*)(?:(?:no project|unknown project|pas de projet|aucun projet|projet inconnu)\s+[^()]{1,60}\((?:known|connus)\s*:|(?:i know no project|i don.?t know (?:the |any |a )?project|je ne connais pas (?:de |le )?projet)\s+[^()]{1,60}?(?:(?:configured projects|projets configures|projects|projets)\s*:|did you mean|vouliez-vous dire))`)
	unknownEnvRe     = mustCompile(`(?:^|[^\w\s]\s*)\S+\s+(?:has no environment|n.a pas d.environnement)\s+[^()]{1,40}\(`)
)

// unknownName returns what folded text, the bot naming a name it does not
// know, asks for instead: "project", "env", or "" when it names none. When
// it names both, the first one named.
func unknownName(t string) string {
	// The expressions only where their words are: a profile of bench's
	// scripted chat put 2 % of its CPU in them, over every plan read in a
	// message's history.
	var p, e []int
	if strings.Contains(t, "no project") || strings.Contains(t, "unknown project") || strings.Contains(t, "pas de projet") ||
		strings.Contains(t, "aucun projet") || strings.Contains(t, "projet inconnu") || strings.Contains(t, "know") || strings.Contains(t, "connais") {
		p = unknownProjectRe.FindStringIndex(t)
	}
	if strings.Contains(t, "has no environment") || strings.Contains(t, "pas d") && strings.Contains(t, "environnement") {
		e = unknownEnvRe.FindStringIndex(t)
	}
	switch {
	case p != nil && (e == nil || p[0] <= e[0]):
		return "project"
	case e != nil:
		return "env"
	}
	return ""
}

// stateLine reports whether text reads as the bot's answer to a state
// request: project and environment names, a colon, then a version ("api
// staging : v2.4.0, déployée hier par marion", "web: production 3.0.9").
// A person's order starts with its verb, not with names and a colon.
func (r *Router) stateLine(text string) bool {
	head, tail, ok := strings.Cut(text, ":")
	if !ok {
		// "api staging runs v2.6.1; …", "le site tourne en 3.1.0 en
		// recette": names, then the verb of running and a version.
		ws := strings.Fields(text)
		for i := 1; i < len(ws) && i <= 4; i++ {
			if v := strings.ToLower(ws[i]); v == "runs" || v == "tourne" || v == "is" && i+1 < len(ws) && ws[i+1] == "running" {
				head, tail, ok = strings.Join(ws[:i], " "), strings.Join(ws[i+1:min(len(ws), i+4)], " "), true
				break
			}
		}
		if !ok {
			return false
		}
	}
	names := wordsOf(head)
	if len(names) > 1 && statePrepositions.has(names[0]) {
		names = names[1:] // "En production : api v2.3.9 …"
	}
	if len(names) == 0 || len(names) > 3 {
		return false
	}
	for _, w := range names {
		_, env := envWordOf(w)
		_, extra := r.ix.envs[w]
		_, app := r.ix.names[w]
		if !env && !extra && !app {
			return false
		}
	}
	for w := range strings.FieldsSeq(tail) {
		w = strings.ToLower(strings.Trim(w, ",.;()"))
		if semverRe.MatchString(w) || vNumberRe.MatchString(w) || tagRe.MatchString(w) || stateWords.has(w) {
			return true
		}
	}
	return false
}

// statePrepositions may open the head of a state line.
var statePrepositions = setOf("en", "in", "on", "sur", "pour", "for")

// stateWords say an environment's state in the bot's answer to a state
// request: "api production: not locked".
var stateWords = setOf("locked", "unlocked", "frozen", "verrouille", "verrouillee", "deverrouille", "gele", "gelee", "libre",
	"free", "idle", "running", "deploying", "failed", "succeeded", "interrupted", "nothing", "rien", "aucun", "none")

// envChoiceRe is a question that offers the environments to choose from:
// "Where to? staging or production", "Où veux-tu le déployer : staging
// ou production ?".
var envChoiceRe = mustCompile(`\b(?:staging|production|prod|preprod|recette|uat)\s*(?:,\s*(?:staging|production|prod|preprod|recette|uat)\s*)*(?:or|ou)\s+(?:staging|production|prod|preprod|recette|uat)\b`)

// slotQuestionRe is a question that asks for one slot, whoever asks it,
// in its first sentence: "Which version of api should I deploy to
// staging?", "Tu veux la déployer sur quel environnement ?", "Sure, which
// version?", "For which project? (api, web)", "Which deployment do you
// want to deny? #81, #82".
var slotQuestionRe = mustCompile(`^(?:[^?.!]|\.\S){0,60}?\b(?:which|what|quel|quelle)\s+(project|projet|environment|environnement|env|version|deployment|deploiement|one)s?\b(?:[^?.!]|\.\S){0,80}\?`)

// questionSlot returns the slot a question asks for ("project", "env",
// "version", "id"), or "". Parse asks slotAsked, which keeps its answers.
func questionSlot(text string) string {
	t := strings.TrimSpace(fold(text))
	m := slotQuestionRe.FindStringSubmatch(t)
	if m == nil {
		if strings.HasPrefix(t, "where") || strings.HasPrefix(t, "ou ") || envChoiceRe.MatchString(t) {
			return "env" // "Where to?", "Où veux-tu le déployer ?", "staging or production?"
		}
		return ""
	}
	switch m[1] {
	case "project", "projet":
		return "project"
	case "version":
		return "version"
	case "deployment", "deploiement", "one":
		return "id"
	}
	return "env"
}

// botReply reports whether a message of the history is one of the bot's
// replies. Parse asks isBotReply, which keeps its answers.
func botReply(text string) bool {
	if strings.IndexByte(text, '\n') > 0 && strings.Count(text, "·") >= 2 {
		// The bot's cards join their items with middle dots, on lines
		// under a title ("Les 4 stratégies…\nRecreate (…) · Rolling (…) ·
		// Blue-green (…, rollback instantané)"): read as a person's line,
		// the card made "et pour le site ?" a rollback of web. Not one
		// line with a dot: "wait · is it the right version?" is a
		// person's, and a yes after it confirmed nothing (an attack).
		return true
	}
	if mayMark(text, ':') && (botMarkRe.MatchString(text) || mayPrompt(text) && botPromptRe.MatchString(text) || botNotedRe.MatchString(text)) || strings.IndexByte(text, '#') >= 0 && waitingRe.MatchString(strings.TrimSpace(text)) {
		return true // "Deployment #44 is waiting for approval from bob or carol."
	}
	t := strings.TrimSpace(fold(text))
	if strings.HasPrefix(t, "je ne lance rien : ce message donne plusieurs ordres") || strings.HasPrefix(t, "i ran nothing: this message gives several orders") {
		return true // its refusal of several orders in one message: "ok, l'api en prod d'abord" picks one (followUpOf)
	}
	return botListRe.MatchString(t) || stateCard(t) || runbookCardRe.MatchString(t) || trailCardRe.MatchString(t) || decisionReportRe.MatchString(t) || len(suggestionsOf(text)) > 0 || botAsks(t) || botWhichOneRe.MatchString(t) || botTrailAskRe.MatchString(t) || midAskRe.MatchString(t) || stepsAnswer(t) || botTurnOf(text).asks == "value" || unknownName(t) != "" || asksReason(t) || interviewAsks(t) != nil ||
		asksWhen(t) || asksWhat(t) || asksVerdict(t) || confirmPrompt(text)
}

// runbookCardRe is the bot's rollback runbook, in folded text: its title
// line, then the line that says deploybot wrote it. Read as a person's
// line, its words ("Last drill", "When to roll back") made "and for the
// site?" after it a drill of web production.
var runbookCardRe = mustCompile(`^(?:rollback runbook|runbook de rollback)\s*:\s*[\w-]+\s+\([\w-]+\)\s*\n\s*\n(?:generated by deploybot|genere par deploybot)\b`)

// trailCardRe is the title of the bot's audit trail or DORA figures, in
// folded text, on a line of its own: "Changes since 2026-02-11", "DORA
// figures — api, last 30 days". Read as a person's line, "and last month?"
// after it lost the trail it follows.
var trailCardRe = mustCompile(`^(?:(?:changes since|changements depuis le) \d{4}-\d\d-\d\d|(?:dora figures|metriques dora) \S [\w' -]+, (?:last \d+ days|\d+ derniers jours))\n`)

// botListRe is the bot's list, in folded text: its title on a line of
// its own or before the first item ("Waiting for approval\n#61: deploy
// api …", "Locks: 🔒 web/production …"), or the mark of its first item
// ("⏳ #61 …", "❄️ #3 web production …", "⏰ #1 …", "🔒 web production
// …").
var botListRe = mustCompile(`^(?:(?:⏳|❄|🧊|⏰)\s*#\d|🔒\s*[\w-]+\s*[/ ]\s*[\w-]+|(?:waiting for approval|en attente d'approbation|deployment history|historique des deploiements|gels des deploiements|deployment freezes|rappels|reminders|verrous|locks)\s*(?:\n|:\s*(?:#\d|🔒)))`)

var (
	// stateTitleRe is the title of the bot's state card, in folded text:
	// "What runs where · production", "État de api", "Context of project
	// web".
	stateTitleRe = mustCompile(`^(?:what runs where|ce qui tourne ou|status of [\w-]+|etat de [\w-]+|context of project [\w-]+|contexte du projet [\w-]+)(?:\s*·\s*[\w-]+)?$`)
	// stateLineRe is a line of the state card: "  api/production: 2.3.9
	// since …", "  #11: deploy web v2.5.1 → production : awaiting
	// approval" (one in flight), "  strategy: rolling (agency, file line
	// 42)", "(No deployment in flight.)".
	stateLineRe = mustCompile(`^(?:[ \t]+[\w-]+/[\w-]+[ \t]*:[^\n]*|[ \t]+#\d+[ \t]*:[^\n]*|[ \t]+[a-z][\w .()-]*:[^\n]*\((?:agency|agence|project|projet|environment|environnement|file|fichier|built-in|pratique|default|defaut)\b[^\n]*|\([^()\n]*\)\.?)$`)
)

// stateCard reports whether folded text is the bot's state card: its
// title, then only its lines (read as a person's line, its projects
// became the subject of "and in staging?"). A person's "Status of api\n
// staging is 2.4.0, are we sure?", or a card with a question after it,
// is none (an attack had a yes after it confirm the plan); nor "Nothing
// waits for your approval. … others': #12 …", whose ids a yes approved.
func stateCard(t string) bool {
	title, rest, ok := strings.Cut(t, "\n")
	if !ok || strings.ContainsAny(t, "?¿") || !stateTitleRe.MatchString(strings.TrimSpace(title)) {
		return false
	}
	lines := 0
	for _, l := range strings.Split(rest, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if !stateLineRe.MatchString(l) {
			return false
		}
		lines++
	}
	return lines > 0
}

// asksVerdict reports whether folded text is the bot asking how a
// deployment ended: "Deployment #13: succeeded or failed? …",
// "Déploiement #13 : réussi ou échoué ? …" (agents, outcomeCommand),
// "Deployment #58 (api → production) is interrupted. Succeeded or
// failed?", "Did deployment #42 (web → production) succeed or fail?",
// "Le déploiement #43 (…) a-t-il réussi ou échoué ?", "#42 (api v2.9.0 →
// production) was interrupted: outcome unknown. Succeeded or failed?", or
// telling how to say it: "⚠️ Deployment #58 … is
// interrupted … then "outcome 58 succeeded" (or failed)".
//
// Or the question alone, which "outcome 42" gets (README): "succeeded or
// failed?", "réussi ou échoué ?"; the id is then the command's.
func asksVerdict(t string) bool {
	return strings.IndexByte(t, '#') >= 0 && (verdictAskRe.MatchString(t) || len(hashIDRe.FindAllString(t, 2)) == 1 && tailVerdictAskRe.MatchString(t)) ||
		bareVerdictAskRe.MatchString(t)
}

// tailVerdictAskRe is the question of a deployment's outcome that ends a
// reply naming it: "#97 was interrupted (the process restarted mid-run):
// outcome unknown. Did it succeed or fail?", "#97 est interrompu :
// résultat inconnu, api production reste verrouillé. Réussi ou échoué ?".
var tailVerdictAskRe = mustCompile(`(?:^|[.:;,!]\s)(?:did it |has it )?(?:succeed(?:ed)?|success) or (?:fail(?:ed)?|failure) ?\?(?:\s+answer\b[^?]{0,120})?\s*$|(?:^|[.:;,!]\s)(?:(?:a-t-il|il a|ca a) )?(?:reussi|marche) ou (?:echoue|rate|pas) ?\?(?:\s+repondez\b[^?]{0,120})?\s*$`)

// bareVerdictAskRe is the bot's "succeeded or failed?" alone, in folded
// text.
var bareVerdictAskRe = mustCompile(`^(?:succeeded or failed|success or failure|reussi ou echoue|succes ou echec) ?\?$`)

var verdictAskRe = mustCompile(`^(?:\W{0,3}\s*)?(?:(?:le|la|the)\s+)?(?:deployment|deploiement|deploy|rollback) #\d+(?:\s?:|[^?]{0,80}?[.:])\s?(?:succeeded or failed|reussi ou echoue|(?:did it |has it )?succeed(?:ed)? or fail(?:ed)?|(?:a-t-il |il a )?reussi ou (?:echoue|rate)|success or failure|succes ou echec) ?\?|^\W{0,3}\s*(?:(?:le|la|the)\s+)?(?:deployment|deploiement|deploy|rollback) #\d+[^"«]{0,200}(?:"|«\s?)outcome \d+ (?:succeeded|reussi)` +
	`|^\W{0,3}\s*#\d+ \([^)]{1,80}\)[^?]{0,120}?(?:succeeded or failed|succeed or fail|reussi ou echoue|reussi ou rate) ?\?` +
	`|^\W{0,3}\s*(?:did|has) (?:the )?(?:deployment|deploy|rollback) #\d+[^?]{0,80}? (?:succeed(?:ed)?|work(?:ed)?)(?: or fail(?:ed)?)? ?\?` +
	`|^\W{0,3}\s*(?:(?:le|la)\s+)?(?:deploiement|rollback) #\d+[^?]{0,80}? (?:a-t-il|il a) (?:reussi|marche|fonctionne)(?: ou (?:echoue|rate))? ?\?`)

// stepsAnswer reports whether folded text is an answer of the bot that
// lists steps ("Rollback procedure of api: 1. Switch the load balancer
// back … 2. Check /healthz …"): a title and a colon, then numbered steps,
// which nobody types in a chat to ask something.
func stepsAnswer(t string) bool {
	colon := strings.IndexByte(t, ':')
	if colon < 0 || colon > 80 || len(t) < 60 {
		return false
	}
	one := strings.Index(t[colon:], "1. ")
	if one < 0 || one > 4 {
		return false
	}
	return strings.Contains(t[colon+one:], " 2. ") || strings.Contains(t[colon+one:], "\n2. ")
}

// asksWhen reports whether folded text is the bot asking when a reminder
// posts: "Quand dois-je le rappeler dans #deploys ? …", "When should I
// remind it in #web? …", "Quand ? (ex. chaque mardi à 9h30)".
func asksWhen(t string) bool {
	return strings.HasPrefix(t, "quand dois-je") || strings.HasPrefix(t, "when should i remind") ||
		strings.HasPrefix(t, "quand ? (") || strings.HasPrefix(t, "when? (")
}

// asksWhat reports whether folded text is the bot asking what a reminder
// whose schedule was said should say.
func asksWhat(t string) bool {
	return strings.HasPrefix(t, "que dois-je rappeler") || strings.HasPrefix(t, "what should i remind")
}

// interviewAsks returns interviewAskRe's match in folded text t when t is
// the bot asking an interview's question, nil otherwise: not when it says
// the interview paused there ("Interview paused at question 3/10. Say
// …").
func interviewAsks(t string) []string {
	if !strings.Contains(t, "question") || strings.Contains(t, "paused at") || strings.Contains(t, "en pause a la question") {
		return nil
	}
	return interviewAskRe.FindStringSubmatch(t)
}

// asksReason reports whether folded text is the bot asking for the reason
// of a command: "Give a reason: …", "Donnez une raison : …".
func asksReason(t string) bool {
	if strings.Contains(t, "needs a reason") || strings.Contains(t, "need a reason") || strings.Contains(t, "besoin d'une raison") ||
		strings.Contains(t, "reason is required") || strings.Contains(t, "raison est obligatoire") ||
		strings.Contains(t, "il faut une raison") || strings.Contains(t, "demande une raison") || strings.Contains(t, "requester a reason") {
		return true // "Unlocking needs a reason: …", "Il faut une raison pour déverrouiller : …", "Give the requester a reason: …"
	}
	if (strings.HasPrefix(t, "why do you ") || strings.HasPrefix(t, "why are you ") || strings.HasPrefix(t, "pourquoi refuse") ||
		strings.HasPrefix(t, "pourquoi tu ") || strings.HasPrefix(t, "pourquoi vous ")) && strings.Contains(t, "?") && strings.Contains(t, "#") {
		return true // "Why do you deny #20? (the requester sees the reason)"
	}
	if reasonOpens(t) {
		return true
	}
	switch strings.TrimSpace(t) {
	case "raison ?", "raison?", "reason?", "reason ?", "quelle raison ?", "what reason?", "motif ?", "the reason?", "la raison ?":
		return true // a bare "Raison ?"
	}
	if q := strings.IndexByte(t, '?'); q > 0 && q < 60 && (strings.HasPrefix(t, "raison") || strings.HasPrefix(t, "reason") || strings.HasPrefix(t, "motif")) {
		return true // "Raison ? (par ex. …)", "Reason for denying #62? (shown to the requester)", "Raison du gel ?"
	}
	for _, p := range []string{"from when to when", "du quand au quand", "until when", "jusqu a quand", "jusqu'a quand", "de quand a quand"} {
		if strings.HasPrefix(t, p) {
			return true // a freeze's dates asked: "From when to when? (e.g. …)"
		}
	}
	// "Lock web production: why? …", "Refuser #36 (déploiement web
	// production) : pour quelle raison ? …": the order named, then the
	// question for its reason.
	if head, tail, ok := strings.Cut(t, ":"); ok && len(head) <= 80 && !strings.Contains(head, "?") {
		return reasonOpens(strings.TrimSpace(tail))
	}
	return false
}

// reasonOpens reports whether folded text opens with a question for a
// reason.
func reasonOpens(t string) bool {
	for _, p := range []string{"give a reason", "donnez une raison", "donne une raison", "which reason", "quelle raison",
		"with what reason", "for what reason", "what reason", "pour quelle raison", "avec quelle raison", "why?", "why ?",
		"pourquoi ?", "pourquoi?", "reason?", "raison ?", "a reason?", "a reason ?", "une raison ?", "une raison?",
		"what was fixed?", "what was fixed ?", "qu'est-ce qui a ete corrige", "qu est-ce qui a ete corrige", "qu'avez-vous corrige"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// mayMark reports whether botMarkRe (with mark ':') or confirmPromptRe
// (with '?') may match text: in ASCII text a match holds mark, "(#",
// or "answer" or "repond" in any case. Their case-folded words give
// those patterns no needs (pattern.refuses), and a profile of Parse
// with history showed their regexps run on every earlier message.
func mayMark(text string, mark byte) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			return true // an emoji, "réponds", a Kelvin sign: the regexp says
		}
	}
	return strings.IndexByte(text, mark) >= 0 || strings.Contains(text, "(#") ||
		containsFoldASCII(text, "answer") || containsFoldASCII(text, "reply") || containsFoldASCII(text, "repond")
}

// mayPrompt reports whether botPromptRe may match text: a match holds
// "answer", "pond" (répondez), "see" or "voir" in any case, or the long s
// that (?i) folds with s ("ſee also"). Its case-folded words leave the
// pattern needs of two letters ("an", "se"), which most lines hold.
func mayPrompt(text string) bool {
	return containsFoldASCII(text, "answer") || containsFoldASCII(text, "pond") || containsFoldASCII(text, "see") ||
		containsFoldASCII(text, "voir") || strings.ContainsRune(text, 'ſ')
}

// containsFoldASCII reports whether ASCII s holds lower, a lower-case
// ASCII word, in any case.
func containsFoldASCII(s, lower string) bool {
	return indexFoldASCII(s, lower, 0) >= 0
}

// indexFoldASCII returns the index of the first lower, in any ASCII case,
// in s from byte from on, or -1.
func indexFoldASCII(s, lower string, from int) int {
	for i := from; i+len(lower) <= len(s); i++ {
		j := 0
		for j < len(lower) && (s[i+j] == lower[j] || s[i+j]+'a'-'A' == lower[j] && s[i+j] >= 'A' && s[i+j] <= 'Z') {
			j++
		}
		if j == len(lower) {
			return i
		}
	}
	return -1
}

// botAsks reports whether folded text starts with the bot asking back for
// a slot.
func botAsks(t string) bool {
	return askPart(t) != ""
}

// askPart returns the part of folded text t where the bot asks back for a
// slot: t itself, or what follows the order it names and a colon
// ("unlock web: which environment? staging or production?"); "" when it
// asks none.
func askPart(t string) string {
	if m := botAskRe.FindString(t); m != "" && !personVerbRe.MatchString(m) {
		return t
	}
	if head, tail, ok := strings.Cut(t, ":"); ok && len(head) <= 60 && !strings.Contains(head, "?") {
		tail = strings.TrimSpace(tail)
		if m := botAskRe.FindString(tail); m != "" && !personVerbRe.MatchString(m) {
			return tail
		}
	}
	return ""
}

// slotOfNoun returns the slot a noun of botTrailAskRe or midAskRe asks
// for.
func slotOfNoun(noun string) string {
	switch noun {
	case "project", "projet":
		return "project"
	case "version":
		return "version"
	}
	return "env"
}

// readBotTurn reads what a reply of the bot asks (botTurnOf keeps it).
func readBotTurn(text string) botTurn {
	b := botTurn{text: text}
	t := strings.TrimSpace(fold(text))
	if m := botAskRe.FindStringSubmatch(askPart(t)); m != nil {
		switch m[1] {
		case "project", "projet":
			b.asks = "project"
		case "environment", "environnement", "env":
			b.asks = "env"
		case "version":
			b.asks = "version"
		case "one", "deployment", "deploiement", "":
			b.asks = "id"
		}
	} else if botWhichOneRe.MatchString(t) {
		b.asks = "id"
	} else if m := botTrailAskRe.FindStringSubmatch(t); m != nil {
		b.asks = slotOfNoun(m[1])
	} else if m := midAskRe.FindStringSubmatch(t); m != nil {
		// "Roll back api production to which version? Good versions
		// there: 3.14.1, 3.13.2.": the slot asked inside the order.
		b.asks = slotOfNoun(m[1])
	} else if asks := unknownName(t); asks != "" {
		b.asks = asks
		if sm := suggestRe.FindStringSubmatch(t); sm != nil {
			b.suggests = sm[1]
		}
	}
	if m := valueAskRe.FindStringSubmatch(t); b.asks == "" && m != nil {
		_, choices, _ := strings.Cut(t, "?")
		choices = strings.TrimSpace(choices)
		// A person asks "quelle stratégie pour la MEP ?": the bot's
		// question says "value of", or lists the choices after it.
		named := strings.Contains(m[0], "value of") || strings.Contains(m[0], "valeur d")
		if k, ok := matchKey(m[1]); ok && keyName(k, m[1]) == m[1] && (named || strings.Contains(choices, ",") || strings.Contains(choices, " or ") || strings.Contains(choices, " ou ")) {
			b.asks = "value" // "Quelle valeur de stratégie pour le projet api ? …", "Which approval for web production? …"
		}
	}
	if b.asks == "" && asksReason(t) {
		b.asks = "reason"
	}
	if b.asks == "" && asksVerdict(t) {
		b.asks = "outcome"
	}
	if b.asks == "" && asksWhen(t) {
		b.asks = "when"
	}
	if b.asks == "" && asksWhat(t) {
		b.asks = "what"
	}
	if m := interviewAsks(t); b.asks == "" && m != nil {
		b.asks, b.project = "interview", m[1]
	}
	for _, m := range hashIDRe.FindAllStringSubmatch(text, -1) {
		b.ids = append(b.ids, m[1])
	}
	b.ids = slices.Clip(b.ids)
	if b.asks == "id" {
		for _, m := range choiceRe.FindAllStringSubmatch(t, -1) {
			b.choices = append(b.choices, choice{id: m[1], words: m[2] + m[3]})
		}
		b.choices = slices.Clip(b.choices)
	}
	if b.asks == "" && confirmPrompt(text) && !howToCard(text) {
		b.asks = "confirm" // a plan's "Confirm? Answer yes…"
	}
	if b.asks == "" && strings.IndexByte(text, '#') >= 0 && refusedPlanRe.MatchString(text) {
		b.asks = "refused" // a plan refused: "… (#4) … Refused: nothing ran."
	}
	return b
}

// howToCard reports whether text is the bot's card on deploying through
// it, whose steps quote a plan's answer ("… I show the plan and the
// rules, answer "yes""): it asks nothing ("ok thanks!" after it was read
// as a yes with a no).
func howToCard(text string) bool {
	t := strings.TrimLeft(text, "*_ \n")
	return strings.HasPrefix(t, "Deploying here, step by step") || strings.HasPrefix(t, "Déployer ici, pas à pas")
}

// refusedPlanRe ends the bot's plan that its rules refused: "*Refused*:
// nothing ran.", "*Refusé* : rien n'a été lancé.".
var refusedPlanRe = mustCompile(`(?i)(?:refused|refus[ée])\*?\s*:\s*(?:nothing ran|rien n'a été lancé)`)

// idAnswerRe is an answer that names a deployment by its id: "12", "#12",
// "le 8", "the 12", "number 12", "celui-là : 12", "12 please".
var idAnswerRe = mustCompile(`^(?:(?:le|la|l|the|number|numero|no|n|celui|celui-ci|celui-la|that|this|one|deploiement|deployment|plutot|rather|ok|oui|yes|go|for|pour)\s+)*(\d{1,9})(?:\s+(?:please|pls|stp|svp|merci|thanks|then|alors|plutot|instead|one|la|ci))*$`)

// idReasonAnswer returns the id an answer names, and the reason that
// follows it in a clause of its own ("62, load tests are not green",
// "le 8 : la recette n'est pas finie").
func idReasonAnswer(text string) (id, reason string, ok bool) {
	if id, ok := idAnswer(text); ok {
		return id, "", true
	}
	i, j, found := clauseBreak(text)
	if !found || i == 0 {
		return "", "", false
	}
	id, ok = idAnswer(text[:i])
	reason = strings.TrimSpace(text[j:])
	return id, reason, ok && reason != ""
}

// idAnswer returns the id a message that only names a deployment names.
func idAnswer(text string) (string, bool) {
	m := idAnswerRe.FindStringSubmatch(commandLine(text))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// suggestionsOf returns what the bot offers to do after a message it did
// not understand, in order: its buttons as a terminal shows them
// (`(answer "rollback web on staging", "status web" or "help")`,
// `(répondez « statut », « aide » ou « historique »)`), or its list
// ("Did you mean:\n• rollback web on staging\n• status web"). A plan's
// `(answer "yes" or "no")` offers no suggestion.
func suggestionsOf(text string) []string {
	if !strings.Contains(text, "not sure what you mean") && !strings.Contains(text, "pas sûr de comprendre") {
		return nil // only the reply to a message not understood offers them (not an interview's "(répondez librement…)")
	}
	var out []string
	if i := strings.LastIndex(text, "(answer "); i >= 0 {
		for _, m := range suggestQuotedRe.FindAllStringSubmatch(text[i:], -1) {
			out = append(out, m[1])
		}
	} else if i := strings.LastIndex(text, "(répondez "); i >= 0 {
		for _, m := range suggestGuillemetsRe.FindAllStringSubmatch(text[i:], -1) {
			out = append(out, strings.TrimSpace(m[1]))
		}
	} else if i := suggestionsLead(text); i >= 0 {
		for line := range strings.SplitSeq(text[i:], "\n") {
			if item, ok := suggestionItem(line, len(out)+1); ok {
				out = append(out, item)
			}
		}
	}
	for _, s := range out {
		switch strings.ToLower(s) {
		case "yes", "no", "oui", "non":
			return nil // a plan's confirmation
		}
	}
	return out
}

// suggestionItem returns the item a line of the bot's list of
// suggestions holds: "• status web", or numbered in turn ("1. `rollback
// web on production`", "2) how do I roll back?"), without the code marks
// around a command.
func suggestionItem(line string, n int) (string, bool) {
	line = strings.TrimSpace(line)
	item, ok := strings.CutPrefix(line, "• ")
	if !ok {
		num := strconv.Itoa(n)
		if item, ok = strings.CutPrefix(line, num+". "); !ok {
			item, ok = strings.CutPrefix(line, num+") ")
		}
	}
	if !ok {
		return "", false
	}
	item = strings.TrimSpace(item)
	if len(item) > 2 && item[0] == '`' && item[len(item)-1] == '`' {
		item = item[1 : len(item)-1]
	}
	return item, item != ""
}

// suggestionsLead returns where the bot's list of suggestions starts
// ("Did you mean:", "Closest:", "Le plus proche :"), or -1.
func suggestionsLead(text string) int {
	for _, lead := range []string{"Did you mean:", "Vouliez-vous dire :", "Closest:", "Le plus proche :", "Au plus proche :", "Closest matches:", "Les plus proches :"} {
		if i := strings.Index(text, lead); i >= 0 {
			return i
		}
	}
	return -1
}

var (
	suggestQuotedRe     = mustCompile(`"([^"]{1,80})"`)
	suggestGuillemetsRe = mustCompile(`«\s?([^»]{1,80}?)\s?»`)
)

// offerLeadRe is how the bot leads to the one order it offers, at the
// end of the text before the quote (folded).
var offerLeadRe = mustCompile(`(?:to go back to the previous version|pour revenir a la version precedente|to ship \S+ to \S+|pour passer \S+ en \S+|ready to roll back to \S+|pret a revenir a \S+|to plan it|pour le planifier)\s*:$`)

// rollbackOfferRe is the bot's monitoring alert that asks whether to roll
// back a deployment, in folded text: the project, the environment and the
// version offered.
var rollbackOfferRe = mustCompile(`^\W{0,4}\s*([a-z0-9][\w-]*)\s+\S+\s+\(#\d+\)\s+(?:on|en)\s+([a-z][\w-]*)\s*:[^?]{0,300}?(?:do you want to roll back to|shall i roll back to|voulez-vous revenir a|voulez-vous revenir en|dois-je revenir a|on revient a)\s+(v?\d[\w.-]*[\w])[^?]{0,120}\?\s*$`)

// rollbackAskEnRe and rollbackAskFrRe are the bot asking whether to roll
// a project back, in folded text.
var (
	rollbackAskEnRe = mustCompile(`^(?:roll back|rollback)\s+([a-z0-9][\w-]*)\s+([a-z][\w-]*)\s+to\s+(v?\d[\w.-]*[\w])`)
	rollbackAskFrRe = mustCompile(`^(?:revenir|retour)\s+a\s+(v?\d[\w.-]*[\w])\s+(?:sur|pour)\s+([a-z0-9][\w-]*)\s+([a-z][\w-]*)`)
)

// offeredCommand returns the one command a bot's reply offers to type,
// quoted after a colon at its end ("Ready to roll back to 3.7.2:
// "rollback api production".", "Pour revenir à la version précédente :
// « rollback web production »."), so that a go-ahead ("do it", "vas-y")
// types it. A reply that quotes more (the help's examples) or asks a
// yes (a plan) offers none.
func offeredCommand(text string) string {
	text = strings.TrimSpace(text)
	if len(text) > 600 {
		return ""
	}
	if m := rollbackOfferRe.FindStringSubmatch(fold(text)); m != nil && (strings.HasPrefix(text, "⚠") || strings.HasPrefix(text, "🚨")) {
		// "⚠️ api v2.9.0 (#53) on production: error rate 2.4% … Do you
		// want to roll back to v2.8.1, the last good version there?": the
		// rollback offered, to that version.
		return "rollback " + m[1] + " " + m[2] + " to " + m[3]
	}
	if t := fold(text); strings.HasSuffix(t, "(yes / no)") || strings.HasSuffix(t, "(oui / non)") || strings.HasSuffix(t, "(yes/no)") || strings.HasSuffix(t, "(oui/non)") {
		// "Roll back api production to v3.1.4, the last good version?
		// (yes / no)", "Revenir à v3.1.4 sur api production, … ? (oui /
		// non)": the rollback the bot asks to run.
		if m := rollbackAskEnRe.FindStringSubmatch(t); m != nil {
			return "rollback " + m[1] + " " + m[2] + " to " + m[3]
		}
		if m := rollbackAskFrRe.FindStringSubmatch(t); m != nil {
			return "rollback " + m[2] + " " + m[3] + " to " + m[1]
		}
	}
	var quoted []string
	for _, m := range suggestQuotedRe.FindAllStringSubmatch(text, 3) {
		quoted = append(quoted, m[1])
	}
	for _, m := range suggestGuillemetsRe.FindAllStringSubmatch(text, 3) {
		quoted = append(quoted, strings.TrimSpace(m[1]))
	}
	if len(quoted) != 1 {
		return ""
	}
	q := quoted[0]
	i := strings.LastIndex(text, q)
	head := strings.TrimRight(text[:i], " \"«“")
	tail := strings.Trim(text[i+len(q):], " \"»”.!")
	if tail == ")" || tail == ".)" {
		// "(To ship 3.0.3 to production: "promote web to production".)"
		// closes the diff's note.
		tail = strings.Trim(strings.TrimSuffix(tail, ")"), " .")
	}
	if tail != "" || !strings.HasSuffix(head, ":") || !offerLeadRe.MatchString(fold(head)) || strings.ContainsFunc(q, func(c rune) bool { return c >= 'A' && c <= 'Z' }) {
		return "" // only the bot's own offers ("Pour revenir à la version précédente :"), never a placeholder ("deploy api VERSION")
	}
	switch strings.ToLower(q) {
	case "yes", "no", "oui", "non":
		return ""
	}
	return q
}
