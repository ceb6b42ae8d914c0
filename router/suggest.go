package router

import (
	"strings"
	"unicode/utf8"

	"deploybot"
)

// suggestions are the closest things the bot can do for a message it did
// not understand (issue 12): the command a misspelled word is near
// ("rolbak", "lsit", "stauts"), the project or the environment a word
// names or nearly names ("shopp", "prdo"), the topic its words point to
// (the checklist, the windows, the strategies, staging, rollback), as
// messages to send again, at most three, in the message's language. The
// three of old (help, status, can I deploy now?) fill the places left,
// all of them when nothing is near.
//
// A suggestion is a button that sends its text as the clicker's message,
// which goes through the normal flow: an order is planned and asks its
// confirmation. Still, a suggestion orders nothing with values the person
// did not write: it is a read command or a question, or a deploy or a
// rollback of the project the person wrote (or nearly wrote), in the
// environment they wrote, if any; a lock, a freeze or a decision
// ("approve 12") is suggested as the list that shows them.
// Suggestions are the closest things the bot can do for text, a message
// it did not understand, written in lang: what a request not understood
// carries as its Alternatives. The agents ask again when they answer in
// another language than the parser read (the conversation's).
func (r *Router) Suggestions(text string, lang deploybot.Lang) []string {
	return r.suggestions(text, lang)
}

func (r *Router) suggestions(text string, lang deploybot.Lang) []string {
	text = suggestHead(text)
	words := Words(text)
	if len(words) > suggestWords {
		words = words[:suggestWords]
	}
	s := suggester{r: r, lang: lang}
	s.read(words)
	var out []string
	add := func(x string) {
		if x != "" && len(out) < maxSuggestions && !containsFold(out, x) {
			out = append(out, x)
		}
	}
	for _, x := range s.commandSuggestions() {
		add(x)
	}
	if s.app != "" {
		add(lang.Pick("statut ", "status ") + s.app)
		add(lang.Pick("historique ", "history ") + s.app)
	}
	for _, t := range s.topics {
		add(topicQuestion(t, lang))
	}
	if len(s.topics) == 0 && len(out) < maxSuggestions {
		add(topicQuestion(r.modelTopic(text), lang))
	}
	if s.env != "" && s.app == "" {
		add(envQuestion(s.env, lang))
	}
	for _, x := range defaultSuggestions(lang) {
		add(x) // nothing near, or fewer than three things
	}
	return out
}

// maxSuggestions is the most suggestions a reply offers.
const maxSuggestions = 3

// suggestWords is the most words of a message suggestions read, and
// suggestBytes the most bytes: a long message's head says what it is
// about, and 100 KB of text costs no more than its first kilobytes.
const (
	suggestWords = 24
	suggestBytes = 2048
)

// defaultSuggestions are those offered when nothing in the message is
// near anything the bot does.
func defaultSuggestions(lang deploybot.Lang) []string {
	return []string{lang.Pick("aide", "help"), lang.Pick("statut", "status"), lang.Pick("je peux déployer maintenant ?", "can I deploy now?")}
}

// suggestHead returns the first suggestBytes of text, cut before a rune
// that would be split.
func suggestHead(text string) string {
	if len(text) <= suggestBytes {
		return text
	}
	i := suggestBytes
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return text[:i]
}

// containsFold reports whether xs holds x, "statut" and "status" the
// same command: "ça staus" is offered "statut", then no "status".
func containsFold(xs []string, x string) bool {
	for _, y := range xs {
		if strings.EqualFold(y, x) || statusOf(y) != "" && statusOf(y) == statusOf(x) {
			return true
		}
	}
	return false
}

// statusOf returns what follows the status command x opens, " " for a
// status of everything and "" when x is no status command.
func statusOf(x string) string {
	for _, c := range []string{"status", "statut"} {
		if x == c {
			return " "
		}
		if rest, ok := strings.CutPrefix(x, c+" "); ok {
			return rest
		}
	}
	return ""
}

// suggester is what suggestions read in a message's words.
type suggester struct {
	r    *Router
	lang deploybot.Lang
	// cmd is the command a word is (or nearly is), "" for none; object
	// the thing to list a word names ("locks" for "lcoks").
	cmd    suggestCmd
	object string
	// app and env are the project and the environment named, or nearly.
	app, env string
	topics   []suggestTopic
}

// suggestCmd is a command or an order a word may be a misspelling of.
type suggestCmd int

const (
	noCmd suggestCmd = iota
	cmdStatus
	cmdHistory
	cmdDiff
	cmdPending
	cmdHelp
	cmdAudit
	cmdRunbook
	cmdDora
	cmdList
	cmdLocks    // lock, unlock: suggested as the list of locks
	cmdFreezes  // freeze, unfreeze: the list of freezes
	cmdDecision // confirm, cancel, approve, deny: what is pending
	cmdDeploy
	cmdRollback
)

// suggestTargets are the words of the commands, in both languages, and
// those of the orders, with what each is near to.
var suggestTargets = []struct {
	word string
	cmd  suggestCmd
}{
	{"status", cmdStatus}, {"statut", cmdStatus},
	{"history", cmdHistory}, {"historique", cmdHistory},
	{"diff", cmdDiff},
	{"pending", cmdPending},
	{"help", cmdHelp}, {"aide", cmdHelp},
	{"audit", cmdAudit},
	{"runbook", cmdRunbook},
	{"dora", cmdDora},
	{"list", cmdList}, {"liste", cmdList},
	{"lock", cmdLocks}, {"unlock", cmdLocks}, {"verrouille", cmdLocks}, {"deverrouille", cmdLocks},
	{"freeze", cmdFreezes}, {"unfreeze", cmdFreezes}, {"gele", cmdFreezes}, {"degele", cmdFreezes},
	{"confirm", cmdDecision}, {"confirme", cmdDecision}, {"cancel", cmdDecision}, {"annule", cmdDecision},
	{"approve", cmdDecision}, {"approuve", cmdDecision}, {"deny", cmdDecision}, {"refuse", cmdDecision},
	{"deploy", cmdDeploy}, {"deploie", cmdDeploy}, {"deployer", cmdDeploy},
	{"rollback", cmdRollback}, {"revert", cmdRollback},
}

// listObjects are the words of the things "list" shows, with its key.
var listObjects = []struct{ word, key string }{
	{"locks", "locks"}, {"verrous", "locks"},
	{"freezes", "freezes"}, {"gels", "freezes"},
	{"projects", "projects"}, {"projets", "projects"},
	{"environments", "environments"}, {"environnements", "environments"},
}

// suggestTopic is a topic whose card a question gets.
type suggestTopic int

const (
	noTopic suggestTopic = iota
	topicChecklist
	topicWindows
	topicStrategies
	topicRollback
	topicStaging
)

// topicTargets are the words of the topics, with what each points to.
var topicTargets = []struct {
	word  string
	topic suggestTopic
}{
	{"checklist", topicChecklist}, {"check-list", topicChecklist},
	{"window", topicWindows}, {"windows", topicWindows}, {"fenetre", topicWindows}, {"fenetres", topicWindows},
	{"creneau", topicWindows}, {"creneaux", topicWindows},
	{"strategy", topicStrategies}, {"strategies", topicStrategies}, {"strategie", topicStrategies},
	{"canary", topicStrategies}, {"canari", topicStrategies}, {"blue-green", topicStrategies}, {"bleu-vert", topicStrategies},
	{"rolling", topicStrategies}, {"recreate", topicStrategies},
}

// read finds, in the message's words, the command, the project, the
// environment and the topics they name or nearly name: the first of
// each.
func (s *suggester) read(words []string) {
	vocab := s.r.t.vocab
	for i, w := range words {
		if len(w) > 32 {
			continue
		}
		if s.app == "" {
			if app, ok := s.r.ix.names[w]; ok {
				s.app = app
				continue
			}
		}
		if s.env == "" && !recipeWord(w) {
			if env, ok := envWordOf(w); ok {
				s.env = env
				if env == deploybot.EnvStaging {
					s.addTopic(topicStaging)
				}
				continue
			}
			if env, ok := s.r.ix.envs[w]; ok {
				s.env = env
				continue
			}
		}
		if (w == "bleu" || w == "blue") && i+1 < len(words) && (words[i+1] == "vert" || words[i+1] == "green") {
			s.addTopic(topicStrategies)
			continue
		}
		if c, ok := nearCommand(w, vocab); ok {
			if s.cmd == noCmd {
				s.cmd = c
			}
			continue
		}
		if o, ok := nearListObject(w, vocab); ok {
			if s.object == "" {
				s.object = o
			}
			continue
		}
		if t, ok := nearTopic(w, vocab); ok {
			s.addTopic(t)
			continue
		}
		if len(w) < 3 || !isLetters(w) || vocab.known(w) || stopWords.has(w) {
			continue // a word of the language is no typo
		}
		if s.app == "" {
			if app, ok := s.r.nearProject(w); ok {
				s.app = app
				continue
			}
		}
		if s.env == "" && len(w) >= 4 && !recipeWord(w) {
			if env, ok := fuzzyEnv(w); ok {
				s.env = env
				if env == deploybot.EnvStaging {
					s.addTopic(topicStaging)
				}
			}
		}
	}
}

// recipeWord reports whether w is "recette" or nearly: staging in a
// message about deploying, a recipe in most messages the parser did not
// understand ("quelle est la recette de la pâte à crêpes ?").
func recipeWord(w string) bool {
	return strings.HasPrefix(w, "recet")
}

// nearProject returns the project w is a misspelling of: the parser's
// near misses (fuzzyProject), and one more letter to a name of three
// ("webb", "apii").
func (r *Router) nearProject(w string) (string, bool) {
	if app, ok := r.ix.fuzzyProject(w); ok {
		return app, true
	}
	if len(w) != 4 {
		return "", false
	}
	for _, k := range r.ix.keys {
		if len(k) == 3 && k[0] == w[0] && distance(w, k) == 1 {
			return r.ix.names[k], true
		}
	}
	return "", false
}

func (s *suggester) addTopic(t suggestTopic) {
	for _, u := range s.topics {
		if u == t {
			return
		}
	}
	s.topics = append(s.topics, t)
}

// near reports whether w, a word of the message, is target or a
// misspelling of it. A word of the language (vocab) is taken as written.
func near(w, target string, vocab *wordList) bool {
	if w == target {
		return true
	}
	if len(w) < 3 || !isLetters(w) || vocab.known(w) || stopWords.has(w) {
		return false
	}
	// One edit, two in a word of seven letters or more (typoLimit, the
	// parser's), and the first letter right: "vide" is no "aide", nor
	// "resume" a "refuse".
	limit := typoLimit(target)
	if len(target) < 4 || w[0] != target[0] || abs(len(w)-len(target)) > limit {
		return false
	}
	return bagDistance(w, target) <= limit && distance(w, target) <= limit
}

// nearCommand returns the command w is, or is a misspelling of.
func nearCommand(w string, vocab *wordList) (suggestCmd, bool) {
	for _, t := range suggestTargets {
		if t.word == w {
			return t.cmd, true
		}
	}
	for _, t := range suggestTargets {
		if near(w, t.word, vocab) {
			return t.cmd, true
		}
	}
	return noCmd, false
}

// nearListObject returns the key of the thing to list w names.
func nearListObject(w string, vocab *wordList) (string, bool) {
	for _, o := range listObjects {
		if near(w, o.word, vocab) {
			return o.key, true
		}
	}
	return "", false
}

// nearTopic returns the topic w names, or nearly names.
func nearTopic(w string, vocab *wordList) (suggestTopic, bool) {
	for _, t := range topicTargets {
		if near(w, t.word, vocab) {
			return t.topic, true
		}
	}
	return noTopic, false
}

// commandSuggestions are the messages the command read stands for.
func (s *suggester) commandSuggestions() []string {
	l := s.lang
	withApp := func(fr, en string) []string {
		if s.app == "" {
			return []string{l.Pick(fr, en)}
		}
		return []string{l.Pick(fr, en) + " " + s.app}
	}
	switch s.cmd {
	case cmdStatus:
		return withApp("statut", "status")
	case cmdHistory:
		return withApp("historique", "history")
	case cmdDiff:
		if s.app == "" {
			return []string{"pending"}
		}
		return []string{"diff " + s.app}
	case cmdPending, cmdDecision:
		return []string{"pending"}
	case cmdHelp:
		return []string{l.Pick("aide", "help")}
	case cmdAudit:
		return withApp("audit", "audit")
	case cmdRunbook:
		return withApp("runbook", "runbook")
	case cmdDora:
		return withApp("dora", "dora")
	case cmdList:
		if s.object != "" {
			return []string{listSuggestion(s.object, l)}
		}
		return []string{listSuggestion("projects", l), listSuggestion("locks", l), listSuggestion("freezes", l)}
	case cmdLocks:
		return []string{listSuggestion("locks", l)}
	case cmdFreezes:
		return []string{listSuggestion("freezes", l)}
	case cmdDeploy:
		if s.app == "" {
			return []string{l.Pick("je peux déployer maintenant ?", "can I deploy now?")}
		}
		if s.env == "" {
			return []string{l.Pick("déploie ", "deploy ") + s.app}
		}
		return []string{l.Pick("déploie "+s.app+" en ", "deploy "+s.app+" to ") + s.env}
	case cmdRollback:
		if s.app == "" {
			return []string{topicQuestion(topicRollback, l)}
		}
		if s.env == "" {
			return []string{"rollback " + s.app}
		}
		return []string{l.Pick("rollback "+s.app+" en ", "rollback "+s.app+" on ") + s.env}
	}
	if s.object != "" {
		return []string{listSuggestion(s.object, l)} // "lcoks"
	}
	return nil
}

// listSuggestion is the command that lists the things of key.
func listSuggestion(key string, l deploybot.Lang) string {
	switch key {
	case "locks":
		return l.Pick("liste des verrous", "list locks")
	case "freezes":
		return l.Pick("liste des gels", "list freezes")
	case "environments":
		return l.Pick("liste des environnements", "list environments")
	}
	return l.Pick("liste des projets", "list projects")
}

// topicQuestion is the question that gets topic t's card, "" for none.
func topicQuestion(t suggestTopic, l deploybot.Lang) string {
	switch t {
	case topicChecklist:
		return l.Pick("quelle est la checklist ?", "what's the checklist?")
	case topicWindows:
		return l.Pick("quelles sont les fenêtres de déploiement ?", "what are the deployment windows?")
	case topicStrategies:
		return l.Pick("quelles sont les stratégies de déploiement ?", "what are the deployment strategies?")
	case topicRollback:
		return l.Pick("comment faire un rollback ?", "how do I roll back?")
	case topicStaging:
		return l.Pick("comment valider la recette ?", "how do I validate staging?")
	}
	return ""
}

// envQuestion is the question about an environment named without a
// project.
func envQuestion(env string, l deploybot.Lang) string {
	if env == deploybot.EnvProduction {
		return l.Pick("je peux déployer maintenant ?", "can I deploy now?")
	}
	return topicQuestion(topicStaging, l)
}

// modelTopicAbove is the routing model's score above which the route it
// prefers for a message not understood points to that route's topic.
// On the labelled sets' lines not understood (off-topic talk most of
// them: the wifi, recipes, lunch), the model gives staging or rollback up
// to 0.78 ("recette de la pâte à crêpes ?"); those it gives 0.9 are
// about an incident ("et si ça recasse, on fait quoi ?").
const modelTopicAbove = 0.85

// modelTopic is the topic the routing model's best route for text points
// to, when it is sure enough: staging's, rollback's. Other routes have
// many cards and no one question.
func (r *Router) modelTopic(text string) suggestTopic {
	a := r.analyze(text)
	if len(a.words) == 0 {
		return noTopic
	}
	var buf [8]float64
	scores := buf[:len(intentClasses)]
	evidence := r.t.intent.scores(a.words, a.m.question, a.s.negated, scores)
	softmax(scores, evidence)
	best := argmax(scores, 0)
	if scores[best] < modelTopicAbove {
		return noTopic
	}
	switch best {
	case classOf(deploybot.RouteStaging):
		return topicStaging
	case classOf(deploybot.RouteRollback):
		return topicRollback
	}
	return noTopic
}
