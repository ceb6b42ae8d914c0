package router

import (
	"maps"
	"math/bits"
	"slices"
	"strings"

	"deploybot"
)

// Placeholders replace slot values in the features the model sees, so that
// it learns "deploy <app> to <prod>" rather than project names.
const (
	phApp     = "__app__"
	phProd    = "__prod__"
	phStaging = "__stg__"
	phEnv     = "__env__" // another environment a project declares
	phVersion = "__ver__"
)

// envWords maps a folded word to the canonical environment it names.
var envWords = map[string]string{
	"prod": deploybot.EnvProduction, "production": deploybot.EnvProduction, "prd": deploybot.EnvProduction,
	"live": deploybot.EnvProduction, "prods": deploybot.EnvProduction, "prodution": deploybot.EnvProduction,
	"producton": deploybot.EnvProduction, "go-live": deploybot.EnvProduction, "golive": deploybot.EnvProduction,
	"staging": deploybot.EnvStaging, "stg": deploybot.EnvStaging, "stage": deploybot.EnvStaging,
	"preprod": deploybot.EnvStaging, "pre-prod": deploybot.EnvStaging, "preproduction": deploybot.EnvStaging,
	"pre-production": deploybot.EnvStaging, "recette": deploybot.EnvStaging, "staging-env": deploybot.EnvStaging,
	"stagging": deploybot.EnvStaging, "staginf": deploybot.EnvStaging, "prepod": deploybot.EnvStaging,
}

// envWordList holds the words of envWords.
var envWordList = setOf(slices.Collect(maps.Keys(envWords))...)

// envWordOf is envWords[w]: the list refuses most words before the map,
// which the rules ask of every word of a message (issue 19).
func envWordOf(w string) (string, bool) {
	if !envWordList.has(w) {
		if elongated(w) && envWordList.has(squeezed(w)) {
			env, ok := envWords[squeezed(w)] // "prodddd", "stagiiing": said long
			return env, ok
		}
		return "", false
	}
	env, ok := envWords[w]
	return env, ok
}

// elongated reports whether w holds a letter written three times or more
// in a row ("prodddd"): a word said long.
func elongated(w string) bool {
	for i := 2; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] == w[i-2] && w[i] >= 'a' && w[i] <= 'z' {
			return true
		}
	}
	return false
}

// impliedEnvOf returns the environment a word that names an action
// together with it ("MEP", mise en production) implies, used when no
// environment is named. It was a map of these two words, which the rules
// asked of every word of a message: 1 % of route --jsonl's CPU (issue 19).
func impliedEnvOf(w string) (string, bool) {
	switch w {
	case "mep", "golive":
		return deploybot.EnvProduction, true
	}
	return "", false
}

// envFuzzyTargets are the long environment words a typo may be matched to.
var envFuzzyTargets = []string{"staging", "preprod", "recette", "production", "pre-prod"}

// envPairs are two-word environment names, checked before single words.
var envPairs = map[[2]string]string{
	{"pre", "prod"}:       deploybot.EnvStaging,
	{"pre", "production"}: deploybot.EnvStaging,
	{"en", "ligne"}:       deploybot.EnvProduction,
	{"go", "live"}:        deploybot.EnvProduction,
}

// envPairHeads are the first words of envPairs: the pair is looked up
// only after one (hashing two strings for every word of every message
// showed in Route's profile).
var envPairHeads = func() map[string]bool {
	heads := map[string]bool{}
	for p := range envPairs {
		heads[p[0]] = true
	}
	return heads
}()

// sourceWords introduce the environment a version comes from, not the target
// ("promote from staging to prod", "depuis la recette").
var sourceWords = setOf("from", "depuis")

// targetWords introduce the target of an action ("to prod", "vers la 1.2").
var targetWords = setOf("to", "into", "onto", "on", "in", "en", "vers", "sur", "a", "back", "au")

var (
	semverRe  = mustCompile(`^v?\d+(\.\d+)+([-+][0-9a-z][0-9a-z.+-]*)?$`)
	vNumberRe = mustCompile(`^v\d+([-+][0-9a-z][0-9a-z.+-]*)?$`)
	tagRe     = mustCompile(`^(release|rel|hotfix|tag|build|rc)[-_.][0-9a-z][0-9a-z._-]*$`)
)

// versionBytes are the bytes a version holds one of at least.
var versionBytes = newByteSet("0123456789-_.")

// isVersion reports whether a token is a version as people write them: a
// semantic version with or without "v", a release tag, or a commit sha.
func isVersion(t token, prev string) bool {
	if t.pct {
		return false
	}
	s := t.norm
	if !versionBytes.in(s) {
		return false // every form below holds a digit, but a tag's separator
	}
	switch {
	case semverRe.MatchString(s), vNumberRe.MatchString(s), tagRe.MatchString(s):
		return true
	case isSha(s):
		return strings.ContainsAny(s, "0123456789") && strings.ContainsAny(s, "abcdef")
	case isNumber(s):
		return versionWords.has(prev)
	}
	return false
}

// isSha reports whether s may be a commit sha: 7 to 40 lower-case hex
// digits (the regexp ^[0-9a-f]{7,40}$, which ran on every word).
func isSha(s string) bool {
	if len(s) < 7 || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// isNumber reports whether s is a number of 1 to 6 digits (^\d{1,6}$).
func isNumber(s string) bool {
	if len(s) < 1 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// projectIndex finds configured projects in tokens, by name or alias,
// exactly or with a typo.
type projectIndex struct {
	names map[string]string // folded name or alias -> canonical name
	// heads are what comes before a dash in the names and aliases
	// ("mobile" for "mobile-api"): "mobile api" is looked up as one.
	heads map[string]bool
	keys  []string          // the folded names and aliases, for typo search
	envs  map[string]string // folded extra environment name -> its name
	// short maps the first letters (four or more) of a long name or
	// alias to its project, when no other project's names start so:
	// "le back" for "backend". Only read after a determiner, where a
	// verb's particle ("roll back", "go back") cannot stand.
	short map[string]string
	// slotWords are all the words extract looks up in the maps above and
	// in envWords and envPairHeads: a word that is none of them (most
	// words of a message) is refused by one filter instead of six map
	// look-ups (a tenth of Route's CPU).
	slotWords *wordList
}

func newProjectIndex(projects []deploybot.Project) *projectIndex {
	ix := &projectIndex{names: map[string]string{}, heads: map[string]bool{}, envs: map[string]string{}, short: map[string]string{}}
	for _, p := range projects {
		for _, n := range p.Names() {
			k := fold(strings.TrimSpace(n))
			if k == "" {
				continue
			}
			if _, dup := ix.names[k]; !dup {
				ix.names[k] = p.Name
				ix.keys = append(ix.keys, k)
			}
			for i := range len(k) {
				if k[i] == '-' {
					ix.heads[k[:i]] = true
				}
			}
		}
		for _, n := range p.Names() {
			k := fold(strings.TrimSpace(n))
			for l := 4; l < len(k); l++ {
				pre := k[:l]
				if other, seen := ix.short[pre]; seen && other != p.Name {
					ix.short[pre] = "" // two projects: no guess
				} else {
					ix.short[pre] = p.Name
				}
			}
		}
		// A name with a common ending: "frontend" for front, "website"
		// for web, "webapp".
		for _, n := range p.Names() {
			k := fold(strings.TrimSpace(n))
			if len(k) < 3 {
				continue
			}
			for _, end := range nameEndings {
				if _, taken := ix.names[k+end]; !taken {
					ix.names[k+end] = p.Name
				}
			}
		}
		for _, e := range p.Environments {
			k := fold(e.Name)
			if _, known := envWordOf(k); !known && k != "" {
				ix.envs[k] = e.Name
			}
		}
	}
	all := map[string]bool{}
	for _, m := range []map[string]bool{envPairHeads, ix.heads} {
		for w := range m {
			all[w] = true
		}
	}
	for _, m := range []map[string]string{envWords, ix.envs, ix.names, ix.short} {
		for w := range m {
			all[w] = true
		}
	}
	ix.slotWords = newWordList(all)
	return ix
}

// nameEndings may end a project's name or alias in chat.
var nameEndings = []string{"end", "site", "app"}

// shortAfter are the determiners after which a shortened name is read.
var shortAfter = setOf("le", "la", "l", "du", "au", "the", "our", "notre", "ton", "your")

// slots is what the rules found in a message.
type slots struct {
	app, env, version string
	appIdx, envIdx    int
	appEnd            int // the last token of the project's name
	appExact          bool
	// appShort is set when the project was read from a shortened name
	// after a determiner ("le back", "the front"), which only the
	// message's words around it tell from an ordinary word.
	appShort bool
	negated  bool
	// badVersion is a word written where a version was expected that is
	// not one (see version.go); badTarget is the same for a rollback, whose
	// target is also a version's position.
	badVersion, badTarget string
	// versions are the versions the message names, as written, in
	// order, when it names more than one.
	versions []string
	// notTarget are the tokens naming an environment that is no target:
	// excluded ("staging, not prod"), corrected ("prod, jk, staging"),
	// next in a sequence ("staging then prod") or a reason's word ("to
	// prod, QA approved"). Nothing may read them as a target or as a
	// promotion's end (envexclude.go).
	notTarget []int
}

// vocabulary tells whether a folded word is an ordinary word of the corpus:
// such words are never read as a typo of a project or environment name.
type vocabulary interface{ known(word string) bool }

// extract finds the slots of m and returns the feature words of m, where slot
// values are replaced by placeholders.
func (ix *projectIndex) extract(m *message, vocab vocabulary) (slots, []string) {
	return ix.extractIn(m, vocab, nil)
}

// extractIn is extract, its words in those of sc when sc is not nil: see
// scratch.
func (ix *projectIndex) extractIn(m *message, vocab vocabulary, sc *scratch) (slots, []string) {
	s := slots{appIdx: -1, envIdx: -1}
	var words []string
	if sc != nil && cap(sc.words) >= len(m.tokens) {
		words = sc.words[:len(m.tokens)]
	} else {
		words = make([]string, len(m.tokens))
	}
	for i, t := range m.tokens {
		words[i] = t.norm
	}
	type envHit struct {
		name   string
		idx    int
		source bool
	}
	var envs []envHit
	var events []int    // extra environments' names that name an event (eventNamed)
	var extraEnv []bool // by token: an environment the configuration adds
	var versions []versionHit
	var badFields badWords // the first field that holds a version but is not one
	var fuzzy []int        // words that may be a typo of a project name
	lastVersionField := -1 // the field of the last version token
	for i := 0; i < len(m.tokens); i++ {
		w := words[i]
		prev := ""
		if i > 0 {
			prev = words[i-1]
		}
		if ix.slotWords.has(w) { // an environment's or a project's word
			// Two-word environments ("pre prod", "en ligne").
			if i+1 < len(words) && envPairHeads[w] {
				if env, ok := envPairs[[2]string{w, words[i+1]}]; ok {
					envs = append(envs, envHit{env, i, sourceWords.has(prev)})
					words[i], words[i+1] = envPlaceholder(env), ""
					i++
					continue
				}
			}
			if env, ok := envWordOf(w); ok {
				envs = append(envs, envHit{env, i, sourceWords.has(prev) || sourceWords.has(prevN(words, i, 2)) || validatedEnv(words, i)})
				words[i] = envPlaceholder(env)
				continue
			}
			if env, ok := ix.envs[w]; ok && !teamSubject(words, i) {
				if eventNamed(words, i) {
					events = append(events, i)
				}
				envs = append(envs, envHit{env, i, sourceWords.has(prev)})
				if extraEnv == nil {
					extraEnv = make([]bool, len(m.tokens))
				}
				extraEnv[i] = true
				words[i] = phEnv
				continue
			}
			if app, ok := ix.names[w]; ok {
				if s.appIdx < 0 {
					s.app, s.appIdx, s.appEnd, s.appExact = app, i, i, true
				}
				words[i] = phApp
				continue
			}
			if app := ix.short[w]; app != "" && shortAfter.has(prev) {
				if _, name := ix.names[w]; !name && s.appIdx < 0 {
					s.app, s.appIdx, s.appEnd, s.appShort = app, i, i, true
				}
				words[i] = phApp
				continue
			}
			if i+1 < len(words) && ix.heads[w] { // "mobile api" for "mobile-api"
				if app, ok := ix.names[w+"-"+words[i+1]]; ok {
					if s.appIdx < 0 {
						s.app, s.appIdx, s.appEnd, s.appExact = app, i, i+1, true
					}
					words[i], words[i+1] = phApp, ""
					i++
					continue
				}
			}
		}
		version := isVersion(m.tokens[i], prev)
		if version && otherNumber(*m, i) {
			continue // "node 20.11.1", "at 14.30" (versionctx.go)
		}
		if version {
			words[i] = phVersion
			fi := m.tokens[i].field
			if badFields.has(fi) || lastVersionField == fi {
				continue // one version per field
			}
			lastVersionField = fi
			v, ok := versionOf(m.fields[fi], m.tokens[i], ix.names)
			if !ok && groupClosed(m, fi, ix.names) && !slices.ContainsFunc(m.tokens, func(t token) bool { return hasRollbackStem([]string{t.norm}) }) {
				// "(api 2.10.0)": the bracket closes the group the
				// message opened before this word, not the version.
				f := m.fields[fi]
				f.raw = strings.TrimSuffix(shown(f.raw), ")")
				v, ok = versionOf(f, m.tokens[i], ix.names)
			}
			if ok {
				versions = append(versions, versionHit{i, v, isNumber(m.tokens[i].norm)})
			} else {
				badFields = badFields.add(fi, v)
			}
			continue
		}
		if len(w) == 3 && isLetters(w) && !vocab.known(w) && !stopWords.has(w) {
			fuzzy = append(fuzzy, i) // "wbe": two letters of a short name swapped
			continue
		}
		if len(w) < 4 || vocab.known(w) || !isLetters(w) {
			continue
		}
		if env, ok := fuzzyEnv(w); ok {
			envs = append(envs, envHit{env, i, sourceWords.has(prev)})
			words[i] = envPlaceholder(env)
			continue
		}
		fuzzy = append(fuzzy, i)
	}
	// A typo of a project name counts only when no name is written right.
	if s.appIdx < 0 {
		for _, i := range fuzzy {
			if app, ok := ix.fuzzyProject(words[i]); ok {
				s.app, s.appIdx, s.appEnd = app, i, i
				words[i] = phApp
				break
			}
		}
	}
	// The target environment: the first one after the action verb that is
	// not introduced by "from" ("validé en recette, envoie-le en prod"),
	// else the first one not introduced by "from".
	verb := -1
	for i, w := range words {
		if isActionWord(w) {
			verb = i
			break
		}
	}
	if len(envs) > 0 {
		idx := make([]int, len(envs))
		for k, e := range envs {
			idx[k] = e.idx
		}
		s.notTarget = excludedEnvs(*m, idx)
		if len(events) > 0 && len(events) < len(envs) {
			// "staging api is dead, … and the demo is in 10 min": another
			// environment is named; the demo is an event.
			s.notTarget = append(s.notTarget, events...)
		}
	}
	for _, after := range []bool{true, false} {
		for _, e := range envs {
			if !e.source && !slices.Contains(s.notTarget, e.idx) && (!after || verb >= 0 && e.idx > verb) {
				s.env, s.envIdx = e.name, e.idx
				break
			}
		}
		if s.env != "" {
			break
		}
	}
	if s.env == "" {
		for _, w := range words {
			if env, ok := impliedEnvOf(w); ok {
				s.env = env
				break
			}
		}
	}
	if s.env == "" && len(envs) > 0 {
		for _, e := range envs {
			if !slices.Contains(s.notTarget, e.idx) {
				s.env, s.envIdx = e.name, e.idx
			}
		}
	}
	if s.envIdx >= 0 && len(envs) > 1 {
		idx := make([]int, len(envs))
		for k, e := range envs {
			idx[k] = e.idx
		}
		s.notTarget = append(s.notTarget, remarkEnvs(*m, idx, s.envIdx, verb, extraEnv)...)
	}
	// The version: one introduced as a target wins, else the last one;
	// never one said to run now, to be the one before or to be broken
	// ("deploy api v2.0.0, current is v1.9.9", "rollback to before
	// v2.0.0").
	var targets []versionHit
	for _, v := range versions {
		if !notTargetVersion(*m, v.idx) && !(v.bare && writtenBefore(m, versions, v.idx)) {
			targets = append(targets, v)
		}
	}
	for _, v := range targets {
		i := v.idx
		if i > 0 && (targetWords.has(prevN(words, i, 1)) || targetWords.has(prevN(words, i, 2))) {
			s.version = v.value
		}
	}
	if s.version == "" && len(targets) > 0 {
		s.version = targets[len(targets)-1].value
	}
	if len(versions) > 1 {
		s.versions = make([]string, len(versions))
		for i, v := range versions {
			s.versions[i] = v.value
		}
	}
	s.badVersion, s.badTarget = ix.badVersion(m, words, vocab, &s, badFields)
	s.negated = negated(words)
	out := words[:0]
	for _, w := range words {
		if w != "" {
			out = append(out, w)
		}
	}
	return s, out
}

// versionHit is a version extract finds, at its token.
type versionHit struct {
	idx   int    // the version's token
	value string // as written
	// bare is a plain number read as a version only for the word
	// before it ("release 1", "build 42"): a version written as one
	// ("2.10.0", "v3", a sha) in the same message wins over it
	// ("deploy api 2.10.0 to staging, that's release 1").
	bare bool
}

// writtenBefore reports whether a version written as one ("2.10.0")
// comes before the bare number at idx ("release 1"), in an earlier clause
// that holds the order's verb: "deploy api 2.10.0 to staging, that's
// release 1". Not "upgrade api from 2.9.0 to release 12", one clause, nor
// "v2.9.0 was bad, ship api release 7", whose verb is the number's.
func writtenBefore(m *message, versions []versionHit, idx int) bool {
	clause := clausesOfTokens(m)
	for _, w := range versions {
		if w.bare || w.idx >= idx || clause[w.idx] == clause[idx] {
			continue
		}
		for j, t := range m.tokens {
			if clause[j] == clause[w.idx] && isActionWord(t.norm) {
				return true
			}
		}
	}
	return false
}

// clausesOfTokens numbers the clauses of m's tokens: a clause ends with a
// field that ends one (endsClause) or a bracket, and a new one opens at a
// dash standing apart or a bracket.
func clausesOfTokens(m *message) []int {
	out := make([]int, len(m.tokens))
	n := 0
	for fi, f := range m.fields {
		if f.raw == "—" || f.raw == "–" || f.raw == "-" || strings.HasPrefix(f.raw, "(") {
			n++
		}
		for t := f.first; t < f.end; t++ {
			out[t] = n
		}
		if (endsClause(f.raw) || strings.HasSuffix(f.raw, ")")) && fi+1 < len(m.fields) {
			n++
		}
	}
	return out
}

// groupClosed reports whether field fi ends with the closing bracket of
// a bracket that opens the field before it with a project's name: "(api
// 2.10.0)", whose version is 2.10.0. Other words in the brackets say
// what the version is to the order ("(broken: 2.10.0)", "(was 2.10.0)"):
// it is not read.
func groupClosed(m *message, fi int, names map[string]string) bool {
	if fi == 0 || !strings.HasSuffix(shown(m.fields[fi].raw), ")") || strings.Contains(m.fields[fi].raw, "(") {
		return false
	}
	before, ok := strings.CutPrefix(m.fields[fi-1].raw, "(")
	if !ok {
		return false
	}
	_, named := names[fold(before)]
	return named
}

func prevN(words []string, i, n int) string {
	if i-n < 0 {
		return ""
	}
	return words[i-n]
}

// teamSubject reports whether the word at i, an environment the
// configuration adds and also the name of a team ("QA", "UAT"), is the
// team doing something: "QA needs the backend on staging", "la QA a
// validé". The environment is named where it is the target: "deploy
// api to qa".
func teamSubject(words []string, i int) bool {
	if i > 0 && !teamDeterminers.has(words[i-1]) && !teamModals.has(words[i-1]) {
		return false // "what should QA check …": the team after a modal
	}
	if i > 1 && teamDeterminers.has(words[i-1]) && (words[i-2] == "to" || words[i-2] == "on" || words[i-2] == "in" || words[i-2] == "into" ||
		words[i-2] == "sur" || words[i-2] == "en" || words[i-2] == "vers" || words[i-2] == "a") && i+1 < len(words) && teamChecks.has(words[i+1]) {
		return false // "promote api to the qa, check it": the target, then an order (not "sorry to the qa team")
	}
	next := ""
	if i+1 < len(words) {
		next = words[i+1]
	}
	if (next == "a" || next == "ont" || next == "is" || next == "est" || next == "are") && i+2 < len(words) {
		next = words[i+2] // "la QA a besoin", "QA a validé", "QA is blocked"
	}
	return teamVerbs.has(next)
}

// eventNamed reports whether an extra environment's name at i names an
// event, not the environment: a moment's purpose ("pour ma démo de
// 14h", "before the demo") or an event said with its time ("…, and the
// demo is in 10 min": the rollback went to the demo environment, not
// staging). Said where a target goes ("to the demo", "en démo"), or as
// what an order acts on ("rollback the qa, production is fine"), it is
// the environment.
func eventNamed(words []string, i int) bool {
	prev, prev2, next := wordAt(words, i-1), wordAt(words, i-2), wordAt(words, i+1)
	if targetWords.has(prev) || targetWords.has(prev2) || envNouns.has(next) {
		return false
	}
	determined := eventPossessives.has(prev) || teamDeterminers.has(prev)
	if (prev == "the" || prev == "la" || prev == "le" || prev == "l") && eventStates.has(next) {
		return true // "the demo data migration on staging broke", "la démo est passée": the thing, not the environment
	}
	if determined && eventPrepositions.has(prev2) {
		return true // "pour ma démo", "before the demo"
	}
	if eventHolders.has(prev) || eventHolders.has(next) && determined {
		return true // "client demo in progress …", "la démo client": a client's demo (not "rollback api démo client")
	}
	for k := i + 1; k <= i+4 && k < len(words); k++ {
		if eventTimes.has(words[k]) || len(words[k]) > 1 && words[k][0] >= '0' && words[k][0] <= '9' {
			return true // "the demo is in 10 min", "la démo de 14h", "the demo tomorrow"
		}
	}
	return false
}

// eventStates after "the demo" or "la démo" make it a thing told of:
// its state ("est passée", "is over") or what it holds ("data",
// "rehearsal").
var eventStates = setOf("est", "is", "was", "etait", "a", "has", "data", "donnees", "account", "accounts", "compte", "comptes", "rehearsal",
	"repetition", "video", "slides", "went", "s")

var (
	// eventPossessives before a name make it someone's thing: "Priya's
	// demo" ("s" after the apostrophe), "my demo", "sa démo".
	eventPossessives = setOf("s", "my", "his", "her", "their", "mon", "ma", "sa", "son", "ses", "leur", "leurs", "mes")
	// eventPrepositions say what a moment is for or around.
	eventPrepositions = setOf("pour", "for", "before", "avant", "after", "apres", "during", "pendant", "until", "jusqu")
	// eventHolders are whose event it is: "client demo", "démo client".
	eventHolders = setOf("client", "clients", "customer", "customers")
	// eventTimes say when an event is.
	eventTimes = setOf("soon", "bientot", "tomorrow", "demain", "tonight", "today", "aujourd", "morning", "matin", "afternoon",
		"aprem", "apres-midi", "soir", "min", "mins", "minutes", "heure", "heures", "hour", "hours", "am", "pm", "midi", "progress",
		"cours", "ongoing", "underway")
	// envNouns after a name make it an environment: "the demo env".
	envNouns = setOf("env", "envs", "environment", "environments", "environnement", "environnements", "instance", "server", "serveur",
		"stack", "cluster")
)

var (
	teamDeterminers = setOf("la", "le", "l", "the", "our", "notre", "nos", "ta", "your", "votre")
	teamVerbs       = setOf("needs", "need", "wants", "want", "veut", "veulent", "says", "said", "dit", "asked", "asks",
		"demande", "valide", "validated", "validates", "tested", "teste", "testent", "found", "trouve", "reports", "signale",
		"team", "equipe", "approved", "approves", "besoin", "blocked", "bloque", "bloquee", "bloques", "waiting", "attend", "attendent",
		// "QA should check staging", "what should QA check …", "la QA doit valider"
		"should", "must", "will", "can", "could", "check", "checks", "verify", "verifies", "validate", "validates", "test", "tests",
		"doit", "doivent", "peut", "va", "verifie", "verifient", "valident")
	teamModals = setOf("should", "must", "will", "can", "could", "does", "did", "doit", "peut", "va")
	// teamChecks are the verbs teamVerbs gained for "QA should check": after
	// a target word they are an order's ("to the qa, check it").
	teamChecks = setOf("should", "must", "will", "can", "could", "check", "checks", "verify", "verifies", "validate", "validates", "test",
		"tests", "doit", "doivent", "peut", "va", "verifie", "verifient", "valident")
)

// validatedEnv reports whether the environment at i is the object of a
// validation told: "le client a validé la recette", "QA tested staging".
// It is where the build was checked, not the target.
func validatedEnv(words []string, i int) bool {
	prev := prevN(words, i, 1)
	if determiners.has(prev) {
		prev = prevN(words, i, 2)
	}
	if validations.has(prev) {
		return true
	}
	// Said after it: "staging ok, now api 2.4.2 to prod", "la recette est
	// validée, maintenant en prod".
	j := nextIndex(words, i)
	if j >= 0 && (words[j] == "is" || words[j] == "est" || words[j] == "looks") {
		j = nextIndex(words, j)
	}
	if j < 0 || !envValidations.has(words[j]) {
		return false
	}
	// Not "pousse le front en prod, validé en recette": the validation
	// of another environment.
	k := nextIndex(words, j)
	return k < 0 || !determiners.has(words[k]) && words[k] != "par" && words[k] != "by"
}

// nextIndex is the index of the word after words[i] (words emptied by
// the slots' reading skipped), or -1.
func nextIndex(words []string, i int) int {
	for j := i + 1; j < len(words); j++ {
		if words[j] != "" {
			return j
		}
	}
	return -1
}

// envValidations say, after an environment, that its tests passed.
var envValidations = setOf("ok", "okay", "valide", "validee", "validated", "green", "vert", "verte", "passed", "good", "fine", "clean")

// validations are the participles of checking a build.
var validations = setOf("validated", "valide", "validee", "tested", "teste", "testee", "approved", "recettee", "checked", "verifie")

// determiners may stand between a verb and its object.
var determiners = setOf("la", "le", "l", "the", "en", "on", "in", "sur")

func envPlaceholder(env string) string {
	if env == deploybot.EnvProduction {
		return phProd
	}
	return phStaging
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

func fuzzyEnv(w string) (string, bool) {
	if elongated(w) {
		if env, ok := envWords[squeezed(w)]; ok {
			return env, true // "prodddd": said long
		}
	}
	for _, t := range envFuzzyTargets {
		if w[0] == t[0] && distance(w, t) <= 1 {
			return envWords[t], true
		}
	}
	if len(w) >= 5 && w[0] == 'p' && distance(w, "prod") <= 1 {
		return deploybot.EnvProduction, true
	}
	if len(w) == 4 && w[0] == 'p' && distance(w, "prod") == 1 && sameLetters(w, "prod") {
		return deploybot.EnvProduction, true // "pord", "prdo": two letters swapped
	}
	return "", false
}

// fuzzyProject matches a word that is a typo of a project name or alias:
// same first letter, one edit for short names, two for long ones.
func (ix *projectIndex) fuzzyProject(w string) (string, bool) {
	best, bestD := "", 3
	for _, k := range ix.keys {
		if len(k) == 3 && len(w) == 3 && k[0] == w[0] && k != w && sameLetters(w, k) {
			return ix.names[k], true // "wbe" for "web"
		}
		if len(k) < 4 || len(w) < 4 || k[0] != w[0] {
			continue
		}
		limit := 1
		if len(k) >= 8 {
			limit = 2
		}
		if d := distance(w, k); d <= limit && d < bestD {
			best, bestD = ix.names[k], d
		}
	}
	return best, best != ""
}

// bagDistance is a lower bound of distance(a, b): the letters of one word
// that the other lacks, counted with their repeats, on the side that
// lacks more (an edit changes each side's count by one at most, a
// transposition neither).
func bagDistance(a, b string) int {
	var n [256]int16
	for i := 0; i < len(a); i++ {
		n[a[i]]++
	}
	for i := 0; i < len(b); i++ {
		n[b[i]]--
	}
	more, fewer := 0, 0
	for i := 0; i < len(a); i++ {
		if c := a[i]; n[c] > 0 {
			more += int(n[c])
			n[c] = 0
		}
	}
	for i := 0; i < len(b); i++ {
		if c := b[i]; n[c] < 0 {
			fewer -= int(n[c])
			n[c] = 0
		}
	}
	return max(more, fewer)
}

// letterMask returns the set of bytes of w, one bit for each of
// a..z and the others sharing bits by their low six bits: the bits of
// one word's mask missing from another's (farLetters) are a lower bound
// of their distance, checked in a few instructions.
func letterMask(w string) uint64 {
	var m uint64
	for i := 0; i < len(w); i++ {
		m |= 1 << (w[i] & 63)
	}
	return m
}

// lettersOf returns the letterMasks of ws.
func lettersOf(ws []string) []uint64 {
	ms := make([]uint64, len(ws))
	for i, w := range ws {
		ms[i] = letterMask(w)
	}
	return ms
}

// farLetters returns a lower bound of the distance of two words from
// their letterMasks: each byte one holds and the other lacks (those
// sharing its bit included) takes an edit of its own.
func farLetters(a, b uint64) int {
	return max(bits.OnesCount64(a&^b), bits.OnesCount64(b&^a))
}

// distance is the optimal string alignment distance (Damerau-Levenshtein
// with adjacent transpositions) between two ASCII words, or 3 when it is 3
// or more: the callers look for one or two edits. A row's least value
// never falls in the rows after it (each row's least is at most the one
// before it plus one, which bounds a transposition's), so the table stops
// at a row of 3 or more everywhere: words far apart, compared by the typo
// rules against every target of their first letter, took 1.7 % of
// Parse's instructions (cachegrind over the bench's lines, issue 19).
func distance(a, b string) int {
	if a == b {
		return 0
	}
	if abs(len(a)-len(b)) > 2 {
		return 3
	}
	var buf [3][33]int
	if len(b) > 32 {
		return 3
	}
	prev2, prev, cur := buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		if slices.Min(cur) >= 3 {
			return 3
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], 3)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// actionStems start the verbs that order a deploy or a rollback.
var actionStems = []string{
	"deplo", "deplyo", "livr", "pouss", "ship", "releas", "push", "rollback", "roll", "revert",
	"balanc", "lanc", "envoi", "envoy", "mets", "mett", "met", "promot", "revien", "reviens", "revenir", "remet", "restaur",
	"mep", "annul", "upgrade", "downgrade", "passe", "bascul", "go", "redeplo", "promeu", "promou",
}

// actionStemsBy are the action stems by their first byte: isActionWord
// runs on every word of every message, several times.
var actionStemsBy = func() (by [256][]string) {
	for _, s := range actionStems {
		by[s[0]] = append(by[s[0]], s)
	}
	return by
}()

// actionPairs has, for each first byte, the bits of the second bytes of
// the action stems (by their low six bits): a word whose first two bytes
// start no stem is refused without comparing it to the stems of its first
// byte ("de", "des", "le", "la"... start no stem of 'd' or 'l').
var actionPairs = func() (by [256]uint64) {
	for _, s := range actionStems {
		by[s[0]] |= 1 << (s[1] & 63) // every stem has two bytes or more
	}
	return by
}()

func isActionWord(w string) bool {
	if len(w) < 2 || actionPairs[w[0]]&(1<<(w[1]&63)) == 0 {
		return false // every stem has two bytes or more
	}
	for _, s := range actionStemsBy[w[0]] {
		if strings.HasPrefix(w, s) {
			return !falseStem(w, s)
		}
	}
	return false
}

// falseStem reports whether w only starts like the action stem s: "good"
// and "got" are no "go", "metrics" no "met", "passed" no "passe".
func falseStem(w, s string) bool {
	switch s {
	case "go":
		return w != "go" && !strings.HasPrefix(w, "golive")
	case "met":
		return w != "met"
	case "passe":
		return w == "passed"
	}
	return false
}

// negated reports whether the message tells the bot not to act now:
// "ne déploie pas", "don't deploy yet", "hold off", "attends avant de". A
// bare "pas" is not enough ("pas de souci, déploie" is an order).
func negated(words []string) bool {
	at := func(i int) string {
		if i < 0 || i >= len(words) {
			return ""
		}
		return words[i]
	}
	actionNear := func(i int) bool {
		for j := max(0, i-3); j <= min(len(words)-1, i+3); j++ {
			if j != i && isActionWord(words[j]) {
				return true
			}
		}
		return false
	}
	hasNe := func(i int) bool {
		for j := max(0, i-3); j < i; j++ {
			if words[j] == "ne" || words[j] == "n" {
				return true
			}
		}
		return false
	}
	for i, w := range words {
		next := at(i + 1)
		// "n'oublie pas de déployer", "don't forget to deploy" are orders.
		if next == "forget" || strings.HasPrefix(next, "oubli") || strings.HasPrefix(at(i-1), "oubli") {
			continue
		}
		switch w {
		case "dont", "never", "jamais", "cannot":
			if actionNear(i) {
				return true
			}
		case "pas", "rien", "not":
			prev := at(i - 1)
			neg := hasNe(i) || notYet.has(next) ||
				w == "not" && (prev == "do" || prev == "does" || prev == "please" || prev == "should")
			if neg && actionNear(i) {
				return true
			}
		case "hold", "attends", "attendez", "wait":
			if i == 0 || next == "off" || next == "avant" || next == "before" {
				return true
			}
		}
	}
	return false
}

// notYet are the words after "pas"/"not" that make it a delay: "pas
// encore", "pas tout de suite", "not yet", "not now".
var notYet = setOf("encore", "tout", "maintenant", "avant", "yet", "now", "before", "until")

// sameLetters reports whether a and b are made of the same letters.
func sameLetters(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	var n [256]int
	for i := 0; i < len(a); i++ {
		n[a[i]]++
		n[b[i]]--
	}
	for _, c := range n {
		if c != 0 {
			return false
		}
	}
	return true
}
