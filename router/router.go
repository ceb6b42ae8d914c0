// Package router classifies a chat message offline: who must handle it (the
// route), what it asks for (a question, a deploy or a rollback), the slots of
// an action (project, environment, version, or the word written where the
// version belongs when it is not one: see version.go), its language and a
// confidence.
//
// It combines normalisation (Slack markup, case, accents, emoji), rules for
// slots and negation, typo-tolerant matching of project and environment
// names, and naive Bayes models over word and character n-grams trained
// ahead of time on an embedded corpus (go generate ./router/). It needs no
// network and no model download.
package router

import (
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"deploybot"
)

// The classes of the intent model: the two actions, and the questions by
// route. An action's route follows from its environment.
var intentClasses = []string{
	"deploy", "rollback",
	"q:" + string(deploybot.RouteStaging), "q:" + string(deploybot.RouteProduction),
	"q:" + string(deploybot.RouteRollback), "q:" + string(deploybot.RouteOrchestrator),
	"q:" + string(deploybot.RouteDevops), "q:" + string(deploybot.RouteDirection),
}

const (
	classDeploy   = 0
	classRollback = 1
)

// topicClasses are the classes of the topic model: the question classes
// of the intent model, in its order from classRollback+1 on.
var topicClasses = intentClasses[classRollback+1:]

var langClasses = []string{string(deploybot.French), string(deploybot.English)}

// trained holds what is learnt from the corpus; it does not depend on the
// configured projects, so it is read once per process.
type trained struct {
	intent *model
	topic  *model // the routes of questions (see questionRoutes)
	lang   *model
	vocab  *wordList // the vocabulary, as a word list: known() is asked several times a word
	domain *wordList // the words of the deployment domain (glossary.txt)
}

// loadTrained reads the models generated from the corpus (model.bin): a
// few microseconds, where training them took about 200 ms.
var loadTrained = sync.OnceValues(func() (*trained, error) {
	intent, topic, lang, vocab, err := decodeModelFile(modelBin)
	if err != nil {
		return nil, err
	}
	return &trained{intent: intent, topic: topic, lang: lang, vocab: wordListOf(vocab), domain: newWordList(glossaryWords())}, nil
})

// glossary lists the words of the deployment domain, one a line.
//
//go:embed glossary.txt
var glossary string

// wordSet is the vocabulary of ordinary words.
type wordSet map[string]bool

func (s wordSet) known(w string) bool { return s[w] }

// commonWords are ordinary words that look like typos of plausible project
// names ("show" and "shop", "stop" and "shop"); they are never read as one.
var commonWords = []string{
	"show", "stop", "ship", "ships", "shim", "shops", "push", "blue", "plug", "shot", "shoot", "blob", "block", "blow", "auto", "author", "bloc", "blogs",
	"apps", "site", "test", "tests", "data", "code", "main", "mail", "mails", "page", "pages",
	"home", "user", "users", "team", "time", "note", "notes", "then", "this", "that", "what",
	"when", "with", "from", "have", "here", "there", "dans", "dont", "plus", "pour", "mais",
	"quoi", "sans", "avec", "faut", "fait", "faire", "mise", "base", "bases", "cache", "check",
	// near a name people give projects ("site", "front"): "tout de suite",
	// "server side".
	"suite", "side", "size", "sites", "cite", "font", "fonts", "fond",
}

// vocabularyOf returns the words of the corpus seen at least twice that are
// not typos of a corpus project, plus the common words.
func vocabularyOf(ls []Labelled, ix *projectIndex) wordSet {
	counts := map[string]int{}
	for _, l := range ls {
		for _, t := range normalize(l.Text).tokens {
			counts[t.norm]++
		}
	}
	vocab := wordSet{}
	for w, n := range counts {
		if n < 2 || !isLetters(w) {
			continue
		}
		if _, isName := ix.names[w]; isName {
			continue
		}
		if _, typo := ix.fuzzyProject(w); typo && len(w) >= 4 {
			continue
		}
		if _, typo := fuzzyEnv(w); typo && envWords[w] == "" && len(w) >= 4 {
			continue
		}
		vocab[w] = true
	}
	for _, w := range commonWords {
		vocab[w] = true
	}
	return vocab
}

// trainCorpus trains the models on the corpus ls and the questions of
// the read evaluation sets, reads (the topic model's only): go generate's
// work (see modelfile.go). Both are written with the corpus's projects
// (corpusProjects), whose names become placeholders.
func trainCorpus(ls, reads []Labelled) (*learnt, error) {
	ix := newProjectIndex(corpusProjects)
	vocab := vocabularyOf(ls, ix)
	classOf := map[string]int{}
	for i, c := range intentClasses {
		classOf[c] = i
	}
	var intents, topics, langs []example
	for n, l := range ls {
		key := l.Intent
		if l.Intent == string(deploybot.IntentQuestion) {
			key = "q:" + l.Route
		}
		c, ok := classOf[key]
		if !ok {
			return nil, fmt.Errorf("router: corpus line %d: unknown label %q/%q", n+1, l.Route, l.Intent)
		}
		m := normalize(l.Text)
		s, words := ix.extract(&m, vocab)
		ex := example{words: words, question: m.question, negated: s.negated, class: c}
		intents = append(intents, ex)
		if c > classRollback {
			ex.class = c - classRollback - 1
			ex.words = topicWords(ex.words)
			topics = append(topics, ex)
		}
		lc := 0
		if l.Lang == string(deploybot.English) {
			lc = 1
		}
		langs = append(langs, example{words: langWords(m), class: lc})
	}
	for n, l := range reads {
		c, ok := classOf["q:"+l.Route]
		if !ok || l.Intent != string(deploybot.IntentQuestion) {
			return nil, fmt.Errorf("router: read set question %d: unknown label %q/%q", n+1, l.Route, l.Intent)
		}
		m := normalize(l.Text)
		s, words := ix.extract(&m, vocab)
		topics = append(topics, example{words: topicWords(words), question: m.question, negated: s.negated, class: c - classRollback - 1})
	}
	return &learnt{
		intent: train(intentClasses, intents, 0.1),
		topic:  trainLinear(topicClasses, topics),
		lang:   train(langClasses, langs, 0.1),
		vocab:  vocab,
	}, nil
}

// glossaryWords returns the words of glossary.txt.
func glossaryWords() wordSet {
	domain := wordSet{}
	for _, line := range strings.Split(glossary, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			domain[line] = true
		}
	}
	return domain
}

// langWords are the words the language model reads: every word as written,
// without slot placeholders.
func langWords(m message) []string {
	words := make([]string, len(m.tokens))
	for i, t := range m.tokens {
		words[i] = t.norm
	}
	return words
}

// Router routes messages for a set of configured projects. It is safe for
// concurrent use.
type Router struct {
	ix       *projectIndex
	t        *trained
	projects []deploybot.Project
	parsed   *parseCache // the recent messages parsed on their own (pcache.go)
}

// New returns a Router for projects. The models are trained ahead of time
// and read in place from the binary.
func New(projects []deploybot.Project) (*Router, error) {
	t, err := loadTrained()
	if err != nil {
		return nil, err
	}
	return &Router{ix: newProjectIndex(projects), t: t, projects: projects, parsed: newParseCache()}, nil
}

// Route classifies one message. In a long message the ask usually comes
// last, after the context ("the client validated it yesterday... please
// deploy crm 3.2.0 to production now"): when the whole message reads as a
// question, its last sentences are read on their own, and an order found
// there, with its project and environment, wins.
func (r *Router) Route(_ context.Context, text string) deploybot.Intent {
	sc := getScratch()
	defer putScratch(sc)
	in, _ := r.routeText(text, sc)
	return in
}

// routeText is Route, and the analysis of the whole text, which parseOne
// reads again: a profile of Parse found each message normalised and its
// slots extracted several times. The analysis' slices are sc's (see
// scratch), sc may be nil.
func (r *Router) routeText(text string, sc *scratch) (deploybot.Intent, analysis) {
	a := r.analyzeIn(text, sc)
	in := r.routeAnalysis(a)
	if in.Intent.IsAction() && in.App != "" || !hasSentenceEnd(text) {
		return in, a
	}
	segs := splitSentences(strings.TrimSpace(text))
	for i := len(segs) - 1; i >= 1 && i >= len(segs)-2; i-- {
		tail := r.route(strings.Join(segs[i:], " "))
		if tail.Intent.IsAction() && tail.App != "" && tail.Env != "" && tail.Confidence >= minTailConfidence {
			tail.Lang = in.Lang
			return tail, a
		}
	}
	return in, a
}

// hasSentenceEnd reports whether sentenceEnd matches text, without the
// regexp.
func hasSentenceEnd(text string) bool {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			return true
		case '.', '!', '?', ';':
			if i+1 < len(text) {
				switch text[i+1] {
				case ' ', '\t', '\n', '\f', '\r':
					return true
				}
			}
		}
	}
	return false
}

// splitSentences is sentenceEnd.Split(s, -1), without the regexp (3 % of
// Route's CPU went to it): the regexp's leftmost-first matches, each a
// run of ".!?;" then one of spaces, or a run of line breaks, and
// regexp.Split's segments between them (an empty first one when a match
// opens s). TestSplitSentences compares the two.
func splitSentences(s string) []string {
	if s == "" {
		return []string{""}
	}
	var segs []string
	beg, end := 0, 0
	for i := 0; i < len(s); {
		j := i
		switch c := s[i]; {
		case c == '.' || c == '!' || c == '?' || c == ';':
			for j < len(s) && (s[j] == '.' || s[j] == '!' || s[j] == '?' || s[j] == ';') {
				j++
			}
			k := j
			for k < len(s) && isRegexpSpace(s[k]) {
				k++
			}
			if k == j {
				i = j // no space after the run: no match starts in it
				continue
			}
			j = k
		case c == '\n':
			for j < len(s) && s[j] == '\n' {
				j++
			}
		default:
			i++
			continue
		}
		end = i
		segs = append(segs, s[beg:end]) // a match's end is never 0
		beg, i = j, j
	}
	if end != len(s) {
		segs = append(segs, s[beg:])
	}
	return segs
}

// isRegexpSpace reports whether c is in \s, the regexp's spaces.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// sentenceEnd splits a message into sentences: ".", "!", "?" or ";"
// followed by a space or a line break (not the dots inside a version).
var sentenceEnd = mustCompile(`[.!?;]+\s+|\n+`)

// minTailConfidence is how sure the router must be of an order read in the
// last sentences of a message that, whole, reads as a question.
const minTailConfidence = 0.6

// analysis is a message read by the rules: its tokens, its slots and the
// words the intent model reads.
type analysis struct {
	m     message
	s     slots
	words []string
}

func (r *Router) analyze(text string) analysis {
	return r.analyzeIn(text, nil)
}

// analyzeIn is analyze, the analysis' slices sc's when sc is not nil.
func (r *Router) analyzeIn(text string, sc *scratch) analysis {
	m := normalizeIn(text, sc)
	s, words := r.ix.extractIn(&m, r.t.vocab, sc)
	if sc != nil {
		// Grown for this message: kept for the next (putScratch).
		sc.tokens, sc.fields, sc.words = m.tokens, m.fields, words
	}
	return analysis{m: m, s: s, words: words}
}

// A scratch holds the slices of the analysis of a whole message (its
// tokens, its fields, its feature words), for a caller that is done with
// the analysis when it returns: Route, and parseOne. They were 3 of
// Route's 6 allocations and 80 % of its bytes (a memory profile of
// BenchmarkRoute: 1.5 KB a message, mostly the tokens and fields that
// normalize made), and the collector's work they made a sixth of its CPU.
// Nothing of an analysis outlives its caller but strings, which are
// never in a scratch.
type scratch struct {
	tokens []token
	fields []field
	words  []string
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratches.Get().(*scratch) }

// putScratch gives sc back for another message, its slices cleared so
// that they keep no text alive.
func putScratch(sc *scratch) {
	if cap(sc.tokens) > maxScratch {
		return // a long message's: not kept
	}
	clear(sc.tokens[:cap(sc.tokens)])
	clear(sc.fields[:cap(sc.fields)])
	clear(sc.words[:cap(sc.words)])
	scratches.Put(sc)
}

// maxScratch is the most tokens a kept scratch has room for.
const maxScratch = 256

// route is Route for a part of a message (its last sentences, a clause,
// a question read with the one before it), without the language: the
// whole message's is the one that counts.
func (r *Router) route(text string) deploybot.Intent {
	return r.intentOf(r.analyze(text))
}

// routeAnalysis is Route for the analysis of a whole message.
func (r *Router) routeAnalysis(a analysis) deploybot.Intent {
	in := r.intentOf(a)
	in.Lang = r.lang(a.m)
	return in
}

// intentOf is routeAnalysis without the language.
func (r *Router) intentOf(a analysis) deploybot.Intent {
	m, s, words := a.m, a.s, a.words
	var in deploybot.Intent
	if len(words) == 0 {
		in.Route, in.Intent, in.Confidence = deploybot.RouteOrchestrator, deploybot.IntentQuestion, 0
		return in
	}

	var buf [8]float64
	scores := buf[:len(intentClasses)]
	evidence := r.t.intent.scores(words, m.question, s.negated, scores)
	softmax(scores, evidence)
	best := argmax(scores, 0)
	if (s.negated || howBeforeAction(words)) && best <= classRollback {
		// "don't deploy yet": never an order; answer the question behind
		// it. Nor "I want to see how a rollback works".
		best = classRollback + 1
	}
	// own is the intent model's confidence in each class, which the rules
	// read (a one-word message under minOneWord is not understood); the
	// topic model only picks a question's route.
	own := scores
	if best > classRollback {
		// A question: the intent model says it is one, the topic model
		// which route's.
		var routes [8]float64
		copy(routes[:], scores)
		scores = routes[:len(scores)]
		r.questionRoutes(words, m.question, s.negated, scores)
		best = argmax(scores, classRollback+1)
	}
	// The verb says the direction when it has one: "upgrade api prod to
	// 3.0.3" deploys, "downgrade web to 3.8.9" rolls back.
	if best <= classRollback {
		switch firstActionWord(words) {
		case "upgrade":
			best = classDeploy
		case "downgrade":
			best = classRollback
		case "remets", "remettre", "remettez", "remet":
			if hasFault(words) {
				// "… toujours en erreur 500. Remets le site en 5.2.4 en
				// prod": put back, after a fault told.
				best = classRollback
			}
		}
		// A rollback needs a word of going back or of a fault: "déploiement
		// stp" asks for a deploy, whatever the model makes of two words.
		if best == classRollback && !hasRollbackStem(words) && !hasFault(words) && deployNamed(words) {
			best = classDeploy
		}
	}
	if best > classRollback {
		if topicShare(scores, best) < sureTopic {
			// A hand-off the model is unsure of needs its words.
			best = handOffNamed(words, scores, best, s.env)
		}
		if best == classOf(deploybot.RouteOrchestrator) && stagingCheckAsked(words) {
			// "qu'est-ce qu'il faut valider en staging avant de demander
			// l'approbation prod ?": what to check on staging before
			// production is staging's question (the orchestrator's
			// checklist answered).
			best = classOf(deploybot.RouteStaging)
		}
		if absenceAsked(words) {
			// "what happens if carol is on holiday?", "et si bob est en
			// congés ?": who approves or deploys when someone is away, the
			// orchestrator's (the model read a rollback's "what happens
			// if").
			best = classOf(deploybot.RouteOrchestrator)
		}
		if devopsAsked(words) {
			// "who sets up the executor for web? is that devops?", "le
			// webhook ne résout pas, c'est qui qui gère ça ?": the infra
			// behind the pipeline, devops' (the orchestrator answered).
			best = classOf(deploybot.RouteDevops)
		}
		if rb := classOf(deploybot.RouteRollback); best != rb && best != classOf(deploybot.RouteOrchestrator) && best != classOf(deploybot.RouteDirection) &&
			topicShare(scores, best) < sureTopic && hasFault(words) && !noIncidentNow(words) &&
			(best != classOf(deploybot.RouteDevops) || s.app != "" && s.env != "") {
			// "l'api est down en prod", "api timeouts on staging since the
			// release", "500s on api prod, the database server is down":
			// an incident told is the rollback's (SCHEMA.md), which the
			// topic model, unsure, gave to the environment it names or to
			// devops (an attack of session 35: 217 of 2,016 such lines).
			best = rb
		}
		// A question about deploying to one environment is that
		// environment's: "how would I ship web to preprod the first
		// time?" is for staging, as a deploy's route follows its
		// environment.
		staging, production := classOf(deploybot.RouteStaging), classOf(deploybot.RouteProduction)
		unsure := best == classOf(deploybot.RouteOrchestrator) && own[best] < unsureOrchestrator && s.app != "" && !timingAsked(words)
		if (best == staging || best == production || unsure) && s.env != "" && hasDeployVerb(words) && oneEnvNamed(words) {
			if s.env == deploybot.EnvProduction {
				best = production
			} else {
				best = staging
			}
		}
	}
	conf := own[best]
	in.SubjectApp, in.SubjectEnv = s.app, s.env

	switch best {
	case classDeploy, classRollback:
		in.App, in.Env, in.Version, in.BadVersion = s.app, s.env, s.version, s.badVersion
		if best == classDeploy {
			in.Intent = deploybot.IntentDeploy
			in.Route = r.deployRoute(s.env)
		} else {
			in.Intent, in.Route = deploybot.IntentRollback, deploybot.RouteRollback
			// A rollback that names no environment is asked for, as a
			// deploy is: an incident in staging is rolled back too, and
			// guessing production would put the wrong plan first.
			in.BadVersion = s.badTarget
		}
		if strings.EqualFold(in.Version, "latest") {
			in.Version = ""
		}
		if in.BadVersion != "" && in.BadVersion == in.Version {
			// "tag 00 … 00" (a fuzzer's): the version refused is no
			// version to act on.
			in.Version = ""
		}
		if in.BadVersion != "" && in.Version != "" && in.Intent == deploybot.IntentRollback && in.BadVersion != in.Version &&
			isLetters(strings.ToLower(in.BadVersion)) {
			// "le back rame à mort en recette depuis la 2.4.5, retour à la
			// 2.4.4 stp": a word after the project ("rame", is slow) is no
			// version when the rollback names one (it refused the rollback
			// for a malformed version "rame", in an incident).
			in.BadVersion = ""
		}
		// An action needs a project and an environment: without them it can
		// only lead to a question back, so confidence drops.
		if s.app == "" {
			conf *= 0.5
		} else if !s.appExact {
			conf *= 0.9
		}
		if s.env == "" {
			conf *= 0.8
		}
	default:
		in.Intent = deploybot.IntentQuestion
		in.Route = deploybot.Route(strings.TrimPrefix(intentClasses[best], "q:"))
	}
	in.Confidence = float64(int(conf*1000+0.5)) / 1000
	return in
}

// unsureOrchestrator is the confidence under which a question the model
// gives the orchestrator, about deploying a project to one environment, is that
// environment's: "should I deploy the front to staging now or wait for
// Léa's PR?".
const unsureOrchestrator = 0.45

// deployRoute is the route of a deploy to env: staging for any
// pre-production environment, production for production.
func (r *Router) deployRoute(env string) deploybot.Route {
	if env == deploybot.EnvProduction {
		return deploybot.RouteProduction
	}
	if env == "" {
		return deploybot.RouteProduction
	}
	return deploybot.RouteStaging
}

func (r *Router) lang(m message) deploybot.Lang {
	var scores [2]float64
	var buf [32]string // most messages: their words stay on the stack
	words := buf[:0]
	for _, t := range m.tokens {
		words = append(words, t.norm)
	}
	r.t.lang.scores(words, false, false, scores[:])
	// Accented letters are a strong hint of French.
	scores[0] += 0.5 * float64(m.accents)
	if scores[1] > scores[0] {
		return deploybot.English
	}
	return deploybot.French
}

// absenceWords say someone is away.
var absenceWords = setOf("holiday", "holidays", "vacation", "vacances", "conges", "conge", "absent", "absente", "sick", "malade", "pto", "ooo")

// absenceAsked reports whether words ask about a person away: a name or
// a pronoun, and a word of absence.
func absenceAsked(words []string) bool {
	return slices.ContainsFunc(words, absenceWords.has) && !hasRollbackStem(words) && !hasDeployVerb(words) && slices.ContainsFunc(words, func(w string) bool {
		return names.has(w) || w == "she" || w == "he" || w == "elle" || w == "il" || w == "approver" || w == "approbateur"
	})
}

// The two hand-off routes are what a question names: devops its
// scripts, pipelines, servers and tools, technical leadership its
// agency-wide rules and who sets them. The model, trained on a corpus
// where they ask "who" and "how do I deploy", also sent there questions
// that name none of it ("how do I deploy api to staging?", "who signs
// off QA on staging?"): without one of their words, the question goes to
// the best of the other routes.
var (
	handOffDevops = setOf("write", "ecrire", "ecris", "script", "scripts", "pipeline", "pipelines", "serveur", "serveurs", "server",
		"servers", "cluster", "clusters", "ssh", "vps", "github", "gitlab", "gitlab-ci", "gitlab-ci.yml", "ci", "dns", "bash", "shell",
		"workflow", "workflows", "runner", "runners", "dockerfile", "docker", "k8s", "kubernetes", "helm", "terraform", "ansible", "ssl",
		"certificat", "certificate", "cert", "nginx", "apache", "php-fpm", "pool", "balancer", "aws", "gcp", "azure", "ovh", "scaleway",
		"image", "images", "yaml", "yml", "jenkins", "jenkinsfile", "infra", "infrastructure", "provision", "provisionner", "machine",
		"machines", "vm", "vms", "disk", "disque", "ram", "cpu", "rsync", "ftp", "sftp", "cron", "crontab", "restart", "redemarre",
		"redemarrer", "reboot", "scale", "resize", "install", "installer", "container", "containers", "conteneur", "conteneurs", "pod",
		"pods", "node", "firewall", "vpn", "backup", "backups", "sauvegarde", "manuellement", "manually", "hand", "main", "heroku",
		"vercel", "netlify", "kamal", "capistrano", "deployer.php", "makefile", "secret", "secrets",
		"variable", "variables", "database", "bdd", "redis", "postgres", "mysql", "queue", "worker", "workers", "cdn", "bucket", "s3",
		"domaine", "domain", "dockerise", "dockeriser", "dockerize")
	handOffDirection = setOf("agence", "agency", "agency-wide", "tous", "toutes", "all", "projects", "projets", "standard", "standards",
		"standardiser", "standardise", "standardize", "policy", "policies", "politique", "politiques", "regle", "regles", "rule", "rules",
		"decide", "decides", "decider", "decision", "tranche", "trancher", "choisit", "choisir", "definir", "definit", "define",
		"defines", "mandatory", "obligatoire", "obligatoires", "imposer", "impose", "across", "every", "common", "commun", "commune",
		"communes", "convention", "conventions", "official", "officiel", "officielle", "norme", "normes", "gouvernance", "governance",
		"direction", "cto", "lead", "leadership", "teams", "equipes", "everyone", "partout", "everywhere", "generaliser", "generalize",
		"owns", "owner", "sets", "fixe", "proposer", "propose", "charte", "chartes", "mandate", "mandated", "mandating",
		"harmoniser", "harmonise", "harmonize", "harmonise", "uniformiser", "align")
)

// weakDirection are technical leadership's words that say a scope, not a
// rule: "is it bad to deploy several projects at once?", "what mistakes do
// teams make?" ask about practice; with a rule's word they ask for one.
var weakDirection = setOf("tous", "toutes", "all", "projects", "projets", "teams", "equipes", "every", "everyone", "partout",
	"everywhere", "across")

// deployNamed reports whether words name a deploy, by its verb or its noun.
func deployNamed(words []string) bool {
	for _, w := range words {
		if deployVerbs.has(w) || w == "deploiement" || w == "deployment" || w == "mep" || w == "livraison" || w == "redeploy" {
			return true
		}
	}
	return false
}

// hasDeployVerb reports whether words hold a verb of deploying (not of
// going back).
func hasDeployVerb(words []string) bool {
	for _, w := range words {
		if deployVerbs.has(w) || w == "envoie" || w == "envoyer" || w == "promote" || w == "promouvoir" {
			return true
		}
	}
	return false
}

// oneEnvNamed reports whether words (with their placeholders) name one
// environment only.
func oneEnvNamed(words []string) bool {
	n := 0
	for _, w := range words {
		if w == phProd || w == phStaging || w == phEnv {
			n++
		}
	}
	return n == 1
}

// handOffNamed returns best, or for a hand-off route whose words the
// question does not hold, the best question route that is not one; of
// staging and production, the one of the environment the question names.
func handOffNamed(words []string, scores []float64, best int, env string) int {
	devops, direction := classOf(deploybot.RouteDevops), classOf(deploybot.RouteDirection)
	if best != devops && best != direction {
		return best
	}
	lex := handOffDevops
	if best == direction {
		lex = handOffDirection
	}
	for _, w := range words {
		if lex.has(w) && (best != direction || !weakDirection.has(w)) && !(best == devops && writtenText(w, words)) {
			return best
		}
	}
	alt := -1
	for c := classRollback + 1; c < len(scores); c++ {
		if c != devops && c != direction && (alt < 0 || scores[c] > scores[alt]) {
			alt = c
		}
	}
	staging, production := classOf(deploybot.RouteStaging), classOf(deploybot.RouteProduction)
	switch {
	case alt == production && env != "" && env != deploybot.EnvProduction:
		return staging
	case alt == staging && env == deploybot.EnvProduction:
		return production
	}
	return alt
}

// stagingCheckAsked reports whether words ask what to validate, test or
// check on a pre-production environment before production: a verb of
// checking, a staging environment's word and "before".
func stagingCheckAsked(words []string) bool {
	check, staging, before := false, false, false
	for _, w := range words {
		switch w {
		case "valider", "validate", "valide", "tester", "test", "teste", "check", "checker", "verifier", "verify", "smoke":
			check = true
		case "avant", "before":
			before = true
		default:
			if env, ok := envWordOf(w); ok && env == deploybot.EnvStaging {
				staging = true
			}
		}
	}
	return check && staging && before
}

// devopsAsked reports whether a question asks who sets up or fixes the
// infrastructure behind a deploy: "is that devops?", "c'est devops ?",
// "who fixes that?" or "qui configure …" with the executor, a webhook, a
// host or DNS named and a verb of setting up or fixing (not "who
// triggered the webhook?").
func devopsAsked(words []string) bool {
	who, infra, team, fix, provision, built := false, false, false, false, false, false
	for i, w := range words {
		switch w {
		case "servers", "server", "serveur", "serveurs", "pool", "pools", "cluster", "clusters", "redis", "docker-compose", "dockerfile",
			"vm", "vms", "machines", "nginx", "ingress", "load-balancer", "loadbalancer", "memcached", "rabbitmq", "kafka":
			built = true
		case "provision", "provisionner", "install", "installer", "spin", "monter", "create", "creer", "add", "ajouter":
			provision = true
		case "get":
			provision = provision || i+1 < len(words) && getObjects.has(words[i+1]) // not "get back to the blue pool"
		case "need", "needs", "besoin", "faut":
			provision = provision || i+1 < len(words) && (words[i+1] == "a" || words[i+1] == "an" || words[i+1] == "un" || words[i+1] == "une" || words[i+1] == "d")
		case "place":
			provision = provision || i > 1 && words[i-1] == "en" && (words[i-2] == "mettre" || words[i-2] == "mets" || words[i-2] == "met")
		}
		switch w {
		case "who", "qui", "whose":
			who = true
		case "set", "sets", "setup", "configure", "configures", "configurer", "configurera", "fix", "fixes", "repare", "reparer",
			"gere", "gerer", "manage", "manages", "maintain", "maintains", "maintient", "owns", "occupe", "handles", "handle":
			fix = true
		case "executor", "executors", "executeur", "executeurs", "webhook", "webhooks", "host", "hote", "dns", "runner", "runners":
			infra = true
		case "devops", "ops", "sre":
			team = i > 0 && (words[i-1] == "est" || words[i-1] == "is" || words[i-1] == "that" || words[i-1] == "les" || words[i-1] == "the" ||
				words[i-1] == "aux" || words[i-1] == "pour")
		}
	}
	// "can we get a second pool of servers for web's blue-green?", "need a
	// docker-compose for the staging", "mettre en place redis …, c'est
	// qui ?": machines and services provisioned.
	return team || who && infra && fix || built && (provision || who && fix)
}

// getObjects follow "get" when something is provisioned: "get a second
// pool", "get us a redis".
var getObjects = setOf("a", "an", "another", "second", "new", "more", "some", "us", "me", "two", "extra")

// writtenText reports whether w is the verb of writing a text of the
// release, not a script: "how do I write a good changelog?".
func writtenText(w string, words []string) bool {
	if w != "write" && w != "ecrire" && w != "ecris" {
		return false
	}
	for _, x := range words {
		switch x {
		case "changelog", "changelogs", "notification", "notif", "annonce", "announcement", "notes", "note", "message", "mail",
			"email", "post-mortem", "postmortem", "runbook":
			return true
		}
	}
	return false
}

// classOf returns the intent class of the questions of route.
func classOf(route deploybot.Route) int {
	for i, c := range intentClasses {
		if strings.HasPrefix(c, "q:") && c[2:] == string(route) { // c == "q:"+route, without building it
			return i
		}
	}
	return -1
}

func argmax(xs []float64, from int) int {
	best := from
	for i := from + 1; i < len(xs); i++ {
		if xs[i] > xs[best] {
			best = i
		}
	}
	return best
}

// firstActionWord returns the first verb of deploying or rolling back in
// words ("" when none).
func firstActionWord(words []string) string {
	for _, w := range words {
		if isActionWord(w) {
			return w
		}
	}
	return ""
}

// howBeforeAction reports whether the first verb of deploying or rolling
// back comes after "how" or "why" ("I want to see how a rollback
// works", "explain why we roll back"): it is talked about, not ordered.
func howBeforeAction(words []string) bool {
	for _, w := range words {
		switch {
		case w == "how" || w == "why" || w == "pourquoi" || w == "comment":
			return true
		case isActionWord(w) && !strings.HasPrefix(w, "go"):
			return false
		}
	}
	return false
}

// topicShare returns the share of class best among the question classes of
// scores.
func topicShare(scores []float64, best int) float64 {
	q := 0.0
	for _, p := range scores[classRollback+1:] {
		q += p
	}
	if q == 0 {
		return 0
	}
	return scores[best] / q
}
