package router

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"deploybot/deploy/safe"
)

// Versions are read as written and never guessed. A version is a whole
// field ("v1.4.2", "release-2024.11", "release/2024.11"), never a part of
// one: "v1/../../etc" is not v1. A word written where a version is expected
// that is not one is a bad version, which the agents refuse, naming it:
//
//   - any option other than the known flags (--yes, -y, --wait, --force
//     and its reason): "--help";
//   - a field that holds a version but is not a valid one as a whole: a
//     "..", a path, a character outside [A-Za-z0-9._+/-] ("v1/../../etc",
//     "1.2.3$x");
//   - the word right after the project's name, after a version word
//     ("version", "tag", "build", "release", "commit", "sha") or, in a
//     rollback, after "to", "vers" or "à" (and an article), when it is none
//     of: a version, an environment, a project, a date or a time, a word
//     that names a version without being one ("previous", "latest",
//     "d'avant", "dernière"), a filler ("to", "en", "the", "stp"...) or
//     another ordinary word of the corpus. A word of letters only counts
//     where a version alone would stand, before "to", "en", an environment,
//     a politeness or the end of a clause: "deploy shop foo to staging" is
//     refused, "the shop checkout page is down, roll it back" is not.

// fieldCore is a field without the punctuation and chat markup around it
// ("(v1.2.3)", "*v1.2.3*", "v1.2.3,", "build #42"): what is read as a
// version.
func fieldCore(raw string) string {
	return strings.TrimPrefix(shown(raw), "#")
}

// enclosers are the quotes, brackets and markup that may enclose a word.
var enclosers = [][2]string{{"\"", "\""}, {"'", "'"}, {"`", "`"}, {"*", "*"}, {"_", "_"}, {"~", "~"},
	{"(", ")"}, {"[", "]"}, {"{", "}"}, {"«", "»"}, {"“", "”"}, {"‘", "’"}}

// shown is a field as the user wrote it, for a message: without the
// punctuation that ends a clause (one final dot; two or more are part of
// what was written: "v1.2.."), and without quotes, brackets or markup only
// when they enclose it whole ("v1.2.3'" keeps its quote).
func shown(raw string) string {
	if raw == "" || isWordByte(raw[len(raw)-1]) && raw[len(raw)-1] != '_' {
		return raw // most words: nothing to trim, no closing quote or bracket
	}
	s := raw
	for {
		before := s
		s = strings.TrimRight(s, ",;:!?…")
		if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") {
			s = s[:len(s)-1]
		}
		for _, p := range enclosers {
			if len(s) > len(p[0])+len(p[1]) && strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
				s = s[len(p[0]) : len(s)-len(p[1])]
			}
		}
		if s == before {
			break
		}
	}
	if s == "" {
		return raw
	}
	return s
}

// cleanVersion reports whether s may be a version as a whole: it passes
// deploy/safe.Version and is not path-like (no "//", no segment starting
// with a dot, no trailing slash).
func cleanVersion(s string) bool {
	return safe.Version(s) && !strings.HasSuffix(s, "/") && !strings.Contains(s, "//") &&
		!strings.Contains(s, "/.") && !strings.Contains(s, "./")
}

// knownFlags are the options of a deploy order (see agents' parseFlags):
// they are not versions.
var knownFlags = map[string]bool{"--yes": true, "-y": true, "--wait": true, "--force": true}

// isOption reports whether a field is written as an option: a dash, then a
// letter or a digit ("--help", "-rf", "-1"). A lone dash or an arrow is not.
func isOption(core string) bool {
	rest := strings.TrimLeft(core, "-")
	if rest == core || rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// versionOf decides what a field that holds a version token is: the
// version as written (ok), or a bad version (bad, the field as written).
// tok is the version token; names are the known project names, for
// "shop@1.2.3".
func versionOf(f field, tok token, names map[string]string) (version string, ok bool) {
	core := fieldCore(f.raw)
	if core != tok.raw {
		if at := strings.LastIndexByte(core, '@'); at > 0 && core[at+1:] == tok.raw {
			if _, known := names[fold(core[:at])]; known {
				core = tok.raw // shop@1.2.3
			}
		}
	}
	if cleanVersion(core) {
		return core, true
	}
	return shown(f.raw), false
}

// versionWords announce that the next word is a version ("version 42",
// "la version d'avant", "tag v1.2").
var versionWords = setOf("version", "build", "tag", "release", "commit", "sha")

// notVersionWords may stand where a version is expected without being one:
// fillers, prepositions, articles and politeness in both languages, the
// words that name a version by its place ("previous", "latest", "d'avant"),
// and the words of dates and times.
var notVersionWords = setOf(
	// English fillers
	"to", "into", "onto", "on", "in", "at", "for", "from", "of", "with", "without", "and", "or", "then",
	"the", "a", "an", "my", "our", "your", "its", "this", "that", "these", "those", "it", "please", "pls",
	"plz", "now", "asap", "again", "too", "also", "right", "away", "here", "there", "just", "quickly",
	"thanks", "thank", "thx", "ty", "when", "once", "after", "if", "so", "but", "as", "up", "out", "over",
	"back", "by", "is", "was", "has", "have", "be", "are", "can", "could", "would", "will", "should", "do",
	"does", "done", "go", "immediately", "soon", "later", "env", "environment", "branch", "version",
	"versions", "release", "releases", "build", "builds", "tag", "tags", "commit", "sha", "same", "one",
	"s", "me", "us", "we", "i", "you", "ok", "okay", "yes", "no", "not", "dont", "pretty", "kindly",
	"first", "instead", "only", "live", "straight", "directly", "fast", "urgently", "urgent",
	"candidate", "notes", "number", "no", "anyway", "finally", "whenever", "too",
	// "it's the api actually. roll back api prod" (refused: « actually » is no version)
	"actually", "apparently", "really", "probably", "definitely", "obviously", "honestly", "basically", "seriously", "clearly",
	"maybe", "already", "still", "yet", "today", "tonight", "tomorrow",
	// French fillers
	"en", "sur", "vers", "dans", "au", "aux", "de", "du", "des", "le", "la", "les", "l", "un", "une",
	"d", "stp", "svp", "merci", "maintenant", "aussi", "encore", "puis", "et", "ou", "pour", "avec",
	"sans", "par", "chez", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "nos", "notre", "ton", "ta",
	"tes", "il", "te", "plait", "plaît", "tout", "suite", "direct", "directement", "vite", "rapidement",
	"quand", "si", "qui", "que", "qu", "est", "c", "car", "comme", "donc", "alors", "y", "sil", "vous",
	"moi", "nous", "on", "j", "m", "n", "t", "oui", "non", "pas", "ne", "stp", "please", "cest", "a",
	"apres", "avant", "ca", "cela", "ici", "la-bas", "deja", "meme", "seulement", "uniquement",
	"immediatement", "urgence", "rapidos", "fissa", "enfin", "numero", "stp",
	// a version by its place
	"previous", "prior", "last", "latest", "newest", "current", "earlier", "older", "old", "new",
	"stable", "good", "known", "validated", "approved", "before", "n-1",
	"precedente", "precedent", "derniere", "dernier", "ancienne", "ancien", "actuelle", "actuel",
	"bonne", "bon", "validee", "valide", "nouvelle", "nouveau", "stable", "courante",
	"actuellement", "currently", "presently", "deployee", "deployed", "running", "testee", "tested",
	// dates and times
	"today", "tonight", "tomorrow", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "morning", "afternoon", "evening", "night", "noon", "midnight", "week",
	"weekend", "week-end", "month", "next", "am", "pm", "h", "min", "mins", "minutes", "hour", "hours",
	"aujourd", "hui", "demain", "hier", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
	"dimanche", "matin", "soir", "soiree", "nuit", "midi", "minuit", "aprem", "apres-midi", "semaine",
	"mois", "prochain", "prochaine", "heure", "heures",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
	"septembre", "octobre", "novembre", "decembre",
)

// dateTimeRe matches the dates and times people write: 17h, 17h30, 9am,
// 17:00, 20/12, 20/12/2026, 2026-12-20, 1er, 3rd.
var dateTimeRe = mustCompile(`^(\d{1,2}(h\d{0,2}|:\d{2}(:\d{2})?)?\s?(am|pm)?|\d{1,2}[/-]\d{1,2}([/-]\d{2,4})?|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}(er|e|eme|st|nd|rd|th))$`)

// isDateTime reports whether a field core is a date or a time. A bare
// number is not: "deploy shop 42" names no version it can trust.
func isDateTime(core string) bool {
	s := strings.ToLower(core)
	if isNumber(s) {
		return false
	}
	return dateTimeRe.MatchString(s)
}

// badVersion returns the first word of m written where a version was
// expected that is not one, or "", and the same for a rollback, whose target
// ("roll back shop to X") is also a version's position. words are the
// feature words of m, with slot values replaced by placeholders; s holds the
// slots found; badFields are the fields that hold a version but are not a
// valid one.
func (ix *projectIndex) badVersion(m *message, words []string, vocab vocabulary, s *slots, badFields badWords) (deploy, rollback string) {
	bad := badFields
	// Options, anywhere.
	for fi := 0; fi < len(m.fields); fi++ {
		if strings.IndexByte(m.fields[fi].raw, '-') < 0 {
			continue // no option: its core would start with '-'
		}
		core := fieldCore(m.fields[fi].raw)
		if !isOption(core) {
			continue
		}
		name := strings.ToLower(core)
		if eq := strings.IndexByte(name, '='); eq >= 0 && strings.HasPrefix(name, "--force=") {
			fi = skipQuoted(m, fi, core[eq+1:])
			continue
		}
		if !knownFlags[name] {
			bad = bad.add(fi, shown(m.fields[fi].raw))
			continue
		}
		if name == "--force" && fi+1 < len(m.fields) {
			next := strings.TrimSpace(m.fields[fi+1].raw)
			if !strings.HasPrefix(next, "-") {
				fi = skipQuoted(m, fi+1, next)
			}
		}
	}
	// check records the word at field fi (or the next one that holds a
	// word) if it cannot stand where a version is expected. A word made of
	// letters only counts where a version alone would stand: before "to",
	// "en", an environment, a politeness, the end of a clause or of the
	// message ("deploy shop foo to staging", but not "the shop checkout
	// page is down, roll it back").
	check := func(fi int, afterVersionWord bool) {
		fi = nextWordField(m, fi)
		if fi < 0 || bad.has(fi) {
			return
		}
		f := m.fields[fi]
		core := fieldCore(f.raw)
		if core == "" || isOption(core) || isDateTime(core) || m.tokens[f.end-1].pct || percentileOrPriority(core) || httpStatuses(core) || idiomEnds.has(strings.ToLower(core)) {
			return // a percentage is a figure: "à 100%"; "api p95 4s", "api p1" a percentile, a priority; "api 502s" errors
		}
		neutral, ordinary := true, true
		for k := f.first; k < f.end; k++ {
			if words[k] == phVersion {
				return // a version, read whole ("rel.0/00")
			}
		}
		for k := f.first; k < f.end; k++ {
			if ix.notVersion(words[k], vocab) {
				continue
			}
			neutral = false
			if !isLetters(words[k]) {
				ordinary = false
			}
		}
		if neutral {
			return
		}
		if !ordinary || slotBoundary(m, words, fi, afterVersionWord) {
			bad = bad.add(fi, shown(f.raw))
		}
	}
	if s.appIdx >= 0 && !endsClause(m.fields[m.tokens[s.appEnd].field].raw) {
		// After the project, in its clause: not "la version qui est en
		// staging sur le front, envoie-la en prod".
		check(m.tokens[s.appEnd].field+1, false)
	}
	for k, t := range m.tokens {
		if versionWords.has(t.norm) && (k+1 == len(m.tokens) || m.tokens[k+1].field != t.field) {
			check(t.field+1, true)
		}
	}
	deploy = bad.first()
	if deploy != "" {
		return deploy, deploy
	}
	// A rollback's target: "roll back shop to X", "reviens à la X".
	for k, t := range m.tokens {
		if !rollbackTargetWords.has(t.norm) || k+1 < len(m.tokens) && m.tokens[k+1].field == t.field {
			continue
		}
		if t.norm == "a" && t.raw != "à" && t.raw != "À" && (k+1 == len(m.tokens) || !articles.has(m.tokens[k+1].norm)) {
			continue // "a" is English's article, or French's "à" only before "la", "le", "l'"
		}
		fi := nextWordField(m, t.field+1)
		if fi >= 0 && m.fields[fi].end-m.fields[fi].first == 1 && articles.has(m.tokens[m.fields[fi].first].norm) {
			fi = nextWordField(m, fi+1) // one article: "to the X", "à la X"
		}
		if fi >= 0 {
			check(fi, false)
		}
	}
	return "", bad.first()
}

// rollbackTargetWords introduce the target of a rollback ("to", "vers",
// "à"); articles may follow them ("to the", "à la"). Only "à" with its
// accent, or before an article, is French's: "found a blocker" names no
// target.
var (
	rollbackTargetWords = setOf("to", "vers", "a")
	articles            = setOf("the", "la", "le", "les", "l", "a", "an")
)

// branchWords name a branch, not a version: where a version is expected
// they are not read as one, nor silently dropped.
var branchWords = setOf("main", "master", "develop", "trunk", "head")

// slotBoundary reports whether the field after field fi ends a version's
// position: there is none, fi ends a clause, or the next word introduces or
// names an environment, is a politeness or an option; after a version word,
// also one that introduces its project ("la version X de shop").
func slotBoundary(m *message, words []string, fi int, afterVersionWord bool) bool {
	raw := strings.TrimRight(m.fields[fi].raw, "\"'»”’)]}*_~`")
	if raw == "" || strings.ContainsAny(raw[len(raw)-1:], ",;:!?.") {
		return true
	}
	nf := nextWordField(m, fi+1)
	if nf < 0 {
		return true
	}
	g := m.fields[nf]
	if isOption(fieldCore(g.raw)) {
		return true
	}
	w := words[g.first]
	return targetWords.has(w) || politeWords.has(w) || w == phProd || w == phStaging || w == phEnv ||
		afterVersionWord && ofWords.has(w)
}

// ofWords introduce what a version is of: "la version X de shop".
var ofWords = setOf("of", "for", "from", "de", "du", "d", "des", "pour", "depuis")

// politeWords end a request: "deploy shop X please".
var politeWords = setOf("please", "pls", "plz", "stp", "svp", "merci", "thanks", "thx")

// badWords keeps the bad version of a message written first, with its
// field.
type badWords struct {
	field int
	word  string // as written; "" for none
}

// add keeps word if it is the first bad version written.
func (b badWords) add(field int, word string) badWords {
	if b.word == "" || field < b.field {
		return badWords{field, word}
	}
	return b
}

// has reports whether the bad version kept is in field.
func (b badWords) has(field int) bool { return b.word != "" && b.field == field }

// first returns the bad version written first, or "".
func (b badWords) first() string { return b.word }

// notVersion reports whether a feature word may stand where a version is
// expected: a slot placeholder (a version, an environment, a project), a
// filler or an ordinary word, a single letter (an elision: "l'", "d'").
func (ix *projectIndex) notVersion(w string, vocab vocabulary) bool {
	switch {
	case w == "" || strings.HasPrefix(w, "__"):
		return true
	case branchWords.has(w):
		return false
	case notVersionWords.has(w) || len(w) == 1 || isLetters(w) && vocab.known(w):
		return true
	case isDateTime(w):
		return true
	}
	return false
}

// nextWordField returns the index of the first field from fi on that holds
// a word (an option holds one), or -1.
func nextWordField(m *message, fi int) int {
	for ; fi < len(m.fields); fi++ {
		if m.fields[fi].end > m.fields[fi].first {
			return fi
		}
	}
	return -1
}

// skipQuoted returns the index of the last field of a --force reason that
// starts in field fi with text: up to the closing quote when it opens one,
// else fi itself.
func skipQuoted(m *message, fi int, text string) int {
	open, size := utf8.DecodeRuneInString(text)
	closing := map[rune]rune{'"': '"', '\'': '\'', '“': '”', '«': '»', '‘': '’'}[open]
	if closing == 0 || len(text) > size && strings.ContainsRune(text[size:], closing) {
		return fi
	}
	for j := fi + 1; j < len(m.fields); j++ {
		if strings.ContainsRune(m.fields[j].raw, closing) {
			return j
		}
	}
	return len(m.fields) - 1
}

// percentileOrPriority reports whether a word names a percentile or a
// priority ("p95", "P1"), never a version.
func percentileOrPriority(w string) bool {
	if len(w) < 2 || len(w) > 4 || w[0] != 'p' && w[0] != 'P' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// httpStatuses reports whether a word counts HTTP responses of one status:
// "502s", "404s", "5xxs" ("api 502s everywhere since the deploy").
func httpStatuses(w string) bool {
	w = strings.ToLower(w)
	if !strings.HasSuffix(w, "s") || len(w) != 4 || w[0] < '1' || w[0] > '5' {
		return false
	}
	return strings.Trim(w[1:3], "0123456789") == "" || w[1:3] == "xx"
}
