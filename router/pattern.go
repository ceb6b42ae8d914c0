package router

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A pattern is a regular expression of the parser's rules that refuses
// at once the text it cannot match by its first byte, when it is anchored
// at the start ("^(?:approve|approuve|lgtm...)"): a profile of Parse put a
// third of its time in the regexp package, mostly in such rules tried
// one after the other on lines that start with another word. The results
// are those of the regular expression itself.
//
// It is compiled at its first use, and its regexp at the first text it
// does not refuse: compiling the rules' hundred regexps at start took
// about 10 ms and 20,000 allocations of every process, serve and chat
// included, before any message.
//
// What refuses reads comes first, in 64 bytes (the struct is 128, so
// aligned), the bytes a match starts with as bits: cachegrind put a
// seventh of BenchmarkParse's L1 data misses in refuses, the once's flag,
// the first byte's entry and the prefixes read from three or four cache
// lines of each of the hundred patterns tried a message (issue 19).
type pattern struct {
	once     sync.Once
	anchored bool      // every match starts at the text's start
	first    [4]uint64 // with anchored: the bytes a match may start with, as bits
	// starts, when not nil, are strings one of which every match starts
	// with ("approuve", "approve", "j approuve", "lgtm"...): an anchored
	// rule refuses a line that opens with another word.
	starts *prefixSet
	// manyNeeds are the needs when they are many, looked for in one pass
	// over the text.
	manyNeeds *prefixSet
	needs     []string // when not nil, every match holds one of these (sorted)
	expr      string
	reOnce    sync.Once
	re        *regexp.Regexp
}

// patterns are all the patterns, for TestPatterns.
var patterns []*pattern

// mustCompile returns the pattern of expr; an invalid expr panics at its
// first use (TestPatterns uses them all).
func mustCompile(expr string) *pattern {
	p := &pattern{expr: expr}
	patterns = append(patterns, p)
	return p
}

// init reads the expression's syntax for the bytes a match starts with,
// or finds what that reading gives in patterns.txt (patternfacts.go).
func (p *pattern) init() {
	f, ok := knownFacts()[p.expr]
	if !ok {
		read, valid := analyse(p.expr)
		if !valid {
			p.regexp() // panics with regexp's own message
			return
		}
		f = &read
	}
	p.anchored, p.needs = f.anchored, f.needs
	for c, ok := range f.first {
		if ok {
			p.first[c>>6] |= 1 << (c & 63)
		}
	}
	if len(p.needs) > manyNeeds {
		p.manyNeeds = newPrefixSet(p.needs)
	}
	if f.starts != nil {
		p.starts = newPrefixSet(f.starts)
	}
}

// facts are what a pattern learns of its expression before its first
// text: see pattern.
type facts struct {
	anchored bool
	first    [256]bool // with anchored: the bytes a match may start with
	needs    []string  // when not nil, every match holds one of these (sorted)
	starts   []string  // with anchored, when not nil: every match starts with one of these (sorted)
}

// analyse reads expr's syntax for its facts; false when expr is not a
// valid regular expression.
func analyse(expr string) (facts, bool) {
	var f facts
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return f, false
	}
	// The strings a match starts with are also held by it: longer than
	// the factors where a rule is one of many words then something short
	// ("\b(?:diff|...|not) (?:yet )?(?:in|on)\b": not "in" and "on").
	needs := factors(re)
	if ps := startsOf(re); shortest(ps) >= 3 && (needs == nil || shortest(ps) > shortest(needs)) {
		needs = ps
	}
	f.needs = minimalNeeds(needs)
	// What follows the start of the text in each alternative: one for
	// "^…", as many as there are for "^…|^…" (requestRe, backRe: their
	// needs, "can", "will", "get", "put"..., are found in many lines the
	// start of which no alternative matches).
	branches := []*syntax.Regexp{re}
	if re.Op == syntax.OpAlternate {
		branches = re.Sub
	}
	var rests []*syntax.Regexp
	for _, b := range branches {
		if b.Op != syntax.OpConcat || len(b.Sub) < 2 || b.Sub[0].Op != syntax.OpBeginText {
			return f, true
		}
		rests = append(rests, &syntax.Regexp{Op: syntax.OpConcat, Sub: b.Sub[1:]})
	}
	var first [256]bool
	for _, rest := range rests {
		if canBeEmpty := firstBytes(rest, &first); canBeEmpty {
			return f, true
		}
	}
	f.anchored, f.first = true, first
	if len(rests) == 1 {
		f.starts = startsOf(rests[0])
	} else {
		f.starts = startsOf(&syntax.Regexp{Op: syntax.OpAlternate, Sub: rests})
	}
	return f, true
}

// regexp returns the compiled regular expression.
func (p *pattern) regexp() *regexp.Regexp {
	p.reOnce.Do(func() { p.re = regexp.MustCompile(p.expr) })
	return p.re
}

// firstBytes adds to set the bytes a match of re may start with, and
// reports whether re may match the empty text (set says nothing then of
// what may follow it).
func firstBytes(re *syntax.Regexp, set *[256]bool) (canBeEmpty bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		addRunes(set, re.Rune[0], re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			addRunes(set, re.Rune[i], re.Rune[i+1], re.Flags&syntax.FoldCase != 0)
		}
		return len(re.Rune) == 0
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for i := range set {
			set[i] = true
		}
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(re.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		firstBytes(re.Sub[0], set)
		return true
	case syntax.OpRepeat:
		return firstBytes(re.Sub[0], set) || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !firstBytes(sub, set) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		empty := false
		for _, sub := range re.Sub {
			if firstBytes(sub, set) {
				empty = true
			}
		}
		return empty
	}
	// Empty-width assertions (\b, ^, $), the empty match, and any
	// operator not handled: nothing known.
	return true
}

// maxPrefixes bounds the strings an anchored pattern's matches may start
// with.
const maxPrefixes = 64

// A prefix is a string a match of a part of an expression may start
// with; whole when it may also be the part's whole match, so that what
// follows the part in a concatenation extends it.
type prefix struct {
	s     string
	whole bool
}

// startsOf returns strings one of which every match of re starts with,
// sorted, or nil when none is known.
func startsOf(re *syntax.Regexp) []string {
	ps := prefixes(re)
	if ps == nil {
		return nil
	}
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p.s == "" {
			return nil
		}
		out = append(out, p.s)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// prefixes returns the prefixes one of which every match of re starts
// with, or nil when none is known.
func prefixes(re *syntax.Regexp) []prefix {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []prefix{{"", true}} // they match no text
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return foldPrefixes(re.Rune)
		}
		if i := slices.Index(re.Rune, utf8.RuneError); i >= 0 {
			return []prefix{{string(re.Rune[:i]), false}} // U+FFFD also matches an invalid byte
		}
		return []prefix{{string(re.Rune), true}}
	case syntax.OpCharClass:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		var ps []prefix
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if r == utf8.RuneError || len(ps) == maxPrefixes {
					return nil
				}
				ps = append(ps, prefix{string(r), true})
			}
		}
		return ps
	case syntax.OpCapture:
		return prefixes(re.Sub[0])
	case syntax.OpQuest:
		return append(partial(prefixes(re.Sub[0]), false), prefix{"", true})
	case syntax.OpStar:
		return append(partial(prefixes(re.Sub[0]), true), prefix{"", true})
	case syntax.OpPlus:
		return partial(prefixes(re.Sub[0]), true)
	case syntax.OpRepeat:
		ps := partial(prefixes(re.Sub[0]), re.Max != 1)
		if re.Min == 0 {
			ps = append(ps, prefix{"", true})
		}
		return ps
	case syntax.OpConcat:
		cur := []prefix{{"", true}}
		for _, sub := range re.Sub {
			ps := prefixes(sub)
			if ps == nil || len(cur)*len(ps) > maxPrefixes || !extends(cur, ps) {
				return partial(cur, true)
			}
			next := make([]prefix, 0, len(cur)*len(ps))
			done := true
			for _, a := range cur {
				if !a.whole {
					next = append(next, a)
					continue
				}
				for _, b := range ps {
					next = append(next, prefix{a.s + b.s, b.whole})
					done = done && !b.whole
				}
			}
			if cur = next; done {
				break
			}
		}
		return cur
	case syntax.OpAlternate:
		var ps []prefix
		for _, sub := range re.Sub {
			sp := prefixes(sub)
			if sp == nil {
				return nil
			}
			ps = append(ps, sp...)
		}
		return fewer(ps)
	}
	return nil
}

// maxFoldPrefixes bounds the case forms of a case-folded literal's start
// that prefixes spells out.
const maxFoldPrefixes = 8

// foldPrefixes returns the prefixes of a case-folded literal: its runes in
// each of their cases ("-y" and "-Y" for "(?i)-y"), as many runes as
// leave at most maxFoldPrefixes forms, whole when all are spelt. Without
// them negatedFlagRe ("(?i)...(?:--force|--yes|-y|--wait)") let every
// line with a hyphen through to its regexp.
func foldPrefixes(rs []rune) []prefix {
	cur := []string{""}
	for _, r := range rs {
		if r == utf8.RuneError {
			return partialOf(cur) // U+FFFD also matches an invalid byte
		}
		var cases []rune
		for c := r; ; {
			cases = append(cases, c)
			if c = unicode.SimpleFold(c); c == r {
				break
			}
		}
		if len(cur)*len(cases) > maxFoldPrefixes {
			return partialOf(cur)
		}
		next := make([]string, 0, len(cur)*len(cases))
		for _, s := range cur {
			for _, c := range cases {
				next = append(next, s+string(c))
			}
		}
		cur = next
	}
	ps := make([]prefix, len(cur))
	for i, s := range cur {
		ps[i] = prefix{s, true}
	}
	return ps
}

// partialOf returns ss as prefixes that more follows.
func partialOf(ss []string) []prefix {
	ps := make([]prefix, len(ss))
	for i, s := range ss {
		ps[i] = prefix{s, false}
	}
	return ps
}

// fewer returns ps, or when they are more than maxPrefixes, ps cut to
// their first bytes, as many as leave at most maxPrefixes of them: a
// match that starts with a prefix starts with its first bytes.
func fewer(ps []prefix) []prefix {
	for n := 8; len(ps) > maxPrefixes; n /= 2 {
		if n == 0 {
			return nil
		}
		var cut []prefix
		for _, p := range ps {
			if len(p.s) > n {
				p = prefix{p.s[:n], false}
			}
			if !slices.Contains(cut, p) {
				cut = append(cut, p)
			}
		}
		ps = cut
	}
	return ps
}

// partial returns ps (nil for none known: the empty prefix), none of them
// whole when more may follow them.
func partial(ps []prefix, more bool) []prefix {
	if ps == nil {
		return []prefix{{"", false}}
	}
	if more {
		for i := range ps {
			ps[i].whole = false
		}
	}
	return ps
}

// extends reports whether the prefixes ps are worth adding to cur: not
// when cur holds words and ps only characters of a class (a space, a
// digit) or nothing, which say little of a line's words and multiply the
// prefixes.
func extends(cur, ps []prefix) bool {
	if len(ps) == 1 || slices.ContainsFunc(cur, func(p prefix) bool { return p.s == "" }) {
		return true
	}
	for _, p := range ps {
		if utf8.RuneCountInString(p.s) > 1 {
			return true
		}
	}
	return false
}

// maxFactors bounds the characters of a class a pattern looks for before
// its regexp runs, maxWordFactors the strings of alternatives: rules that
// look for one of many words anywhere ("\b(?:diff|difference|compare|
// between|entre|not yet (?:in|on)|...)") ran their regexp on every line.
const (
	maxFactors     = 12
	maxWordFactors = 48
)

// manyNeeds is the number of needs above which they are looked for in
// one pass over the text (see prefixSet.in), not one strings.Contains
// each.
const manyNeeds = 6

// minimalNeeds drops from needs the strings that hold another of them
// (any text that holds "difference" holds "diff"), and returns the rest
// sorted.
func minimalNeeds(needs []string) []string {
	if needs == nil {
		return nil
	}
	slices.Sort(needs)
	needs = slices.Compact(needs)
	var out []string
	for _, n := range needs {
		if !slices.ContainsFunc(needs, func(m string) bool { return m != n && strings.Contains(n, m) }) {
			out = append(out, n)
		}
	}
	return out
}

// A prefixSet holds sorted strings, none empty, by their first byte: a
// string starts with one of them after a look at its first byte and at
// those of that byte only.
type prefixSet struct {
	list []string
	// span[c] is lo and hi, list[lo:hi] the strings that start with
	// byte c: the two on one cache line.
	span [256][2]uint8
	// pairs has the bit of the first two bytes of each string (all the
	// bits of its first byte for one of a byte), by their low six bits:
	// in looks at the strings of a byte only when the next one may follow
	// it. A profile of Parse put a tenth of its time in refuses, most in
	// in's loops over the needs of a common letter.
	pairs [64]uint64
}

// newPrefixSet returns the set of the sorted strings ss (at most 255,
// none empty).
func newPrefixSet(ss []string) *prefixSet {
	ps := &prefixSet{list: ss}
	for i := len(ss) - 1; i >= 0; i-- {
		c := ss[i][0]
		if ps.span[c][1] == 0 {
			ps.span[c][1] = uint8(i + 1)
		}
		ps.span[c][0] = uint8(i)
		if len(ss[i]) == 1 {
			ps.pairs[c&63] = ^uint64(0)
		} else {
			ps.pairs[c&63] |= 1 << (ss[i][1] & 63)
		}
	}
	return ps
}

// prefixOf reports whether s starts with one of the strings. Its first
// two bytes are looked at first (pairs): a pattern's starts are tried on
// the lines whose first byte one of them has ("what", "where", "which"
// and "whats" for a line that opens with "we"), and comparing each was
// 2.6 % of BenchmarkParse's CPU (issue 19).
func (ps *prefixSet) prefixOf(s string) bool {
	if len(s) > 1 && ps.pairs[s[0]&63]&(1<<(s[1]&63)) == 0 {
		return false
	}
	return ps.startsWith(s)
}

// startsWith is prefixOf without the look at pairs, for in, which looked.
func (ps *prefixSet) startsWith(s string) bool {
	if s == "" {
		return false
	}
	sp := ps.span[s[0]]
	for _, p := range ps.list[sp[0]:sp[1]] {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// in reports whether s holds one of the strings.
func (ps *prefixSet) in(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ps.span[c][1] <= ps.span[c][0] || i+1 < len(s) && ps.pairs[c&63]&(1<<(s[i+1]&63)) == 0 {
			continue
		}
		if ps.startsWith(s[i:]) {
			return true
		}
	}
	return false
}

// factors returns strings one of which every match of re holds ("--force"
// for "(?:^|\s)--force...", the digits for "\b(\d{4})-..."), or nil when
// none is known. Unanchored rules ("\b(?:last|latest|recent)...") cost a
// microsecond a line in the regexp; looking for their words costs little.
func factors(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 || slices.Contains(re.Rune, utf8.RuneError) {
			return nil // U+FFFD also matches an invalid byte
		}
		if re.Flags&syntax.FoldCase != 0 {
			return caseless(re.Rune)
		}
		return []string{string(re.Rune)}
	case syntax.OpCharClass:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if r >= utf8.RuneSelf || len(out) == maxFactors {
					return nil // and an invalid byte may match a class beyond ASCII
				}
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpCapture, syntax.OpPlus:
		return factors(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil
		}
		return factors(re.Sub[0])
	case syntax.OpConcat:
		// Every match holds a match of each part, and one of the strings a
		// match of the parts from each one on starts with ("-y" or "--for"
		// in "-(?i:-(?:force|yes)|y|-wait)"): those whose strings are the
		// longest, and the fewest, are the best to look for.
		var best []string
		better := func(f []string) {
			if f != nil && (best == nil || shortest(f) > shortest(best) ||
				shortest(f) == shortest(best) && len(f) < len(best)) {
				best = f
			}
		}
		for i, sub := range re.Sub {
			better(held(sub))
			if i > 0 {
				if s := startsOf(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[i:]}); len(s) <= maxWordFactors {
					better(s)
				}
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			f := held(sub)
			if f == nil || len(out)+len(f) > maxWordFactors {
				return nil
			}
			out = append(out, f...)
		}
		return out
	}
	return nil
}

// caseless returns the longest run of the runes of a case-folded literal
// that have no other case ("--" in "(?i)--force"), which every match
// holds as written, or nil when none has. negatedFlagRe ("(?i)(?:\bwithout
// |...)\s+(?:--force|--yes|-y|--wait)"), with no needs, ran its regexp on
// every message: a fifth of Parse's CPU.
func caseless(rs []rune) []string {
	best, start := "", 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && unicode.SimpleFold(rs[i]) == rs[i] {
			continue
		}
		if i-start > len([]rune(best)) {
			best = string(rs[start:i])
		}
		start = i + 1
	}
	if best == "" {
		return nil
	}
	return []string{best}
}

// held returns the factors of re, or the strings its matches start with
// when those are longer: in "\b(?:diff|...|vs|versus|not (?:yet )?(?:in|on))\b"
// the factors of "v(?:s|ersus)" are "v", and those of "not (?:yet )?(?:in|on)"
// " in" and " on", which nearly every line holds (a profile of Parse put a
// tenth of its time in that one rule's regexp); their starts are "vs",
// "versus", "not in", "not on" and "not yet ".
func held(re *syntax.Regexp) []string {
	f := factors(re)
	if s := startsOf(re); s != nil && shortest(s) > shortest(f) && (f == nil || len(s) <= maxWordFactors) {
		return s
	}
	return f
}

func shortest(ss []string) int {
	n := -1
	for _, s := range ss {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// addRunes adds the first bytes of the UTF-8 forms of the runes lo..hi,
// of both cases with fold. Beyond ASCII, and with fold (k and the Kelvin
// sign), every byte above 0x7f may start a match: a rune's first byte, or
// an invalid byte read as U+FFFD.
func addRunes(set *[256]bool, lo, hi rune, fold bool) {
	if hi >= utf8.RuneSelf || fold {
		for b := utf8.RuneSelf; b < 256; b++ {
			set[b] = true
		}
	}
	for r := max(lo, 0); r <= min(hi, utf8.RuneSelf-1); r++ {
		set[r] = true
		if fold {
			switch {
			case r >= 'a' && r <= 'z':
				set[r-'a'+'A'] = true
			case r >= 'A' && r <= 'Z':
				set[r-'A'+'a'] = true
			}
		}
	}
}

// mayStart reports whether a match of an anchored pattern may start with
// byte c.
func (p *pattern) mayStart(c byte) bool { return p.first[c>>6]&(1<<(c&63)) != 0 }

// refuses reports whether s cannot match p: by its first byte, or for
// want of every string one of which a match holds.
func (p *pattern) refuses(s string) bool {
	p.once.Do(p.init)
	if p.anchored && (s == "" || !p.mayStart(s[0])) {
		return true
	}
	countRead(len(s))
	if p.starts != nil && !p.starts.prefixOf(s) {
		return true
	}
	if p.needs == nil {
		return false
	}
	if p.manyNeeds != nil {
		return !p.manyNeeds.in(s)
	}
	for _, f := range p.needs {
		if strings.Contains(s, f) {
			return false
		}
	}
	return true
}

// String returns the expression.
func (p *pattern) String() string { return p.expr }

// MatchString is regexp.Regexp.MatchString.
func (p *pattern) MatchString(s string) bool {
	return !p.refuses(s) && p.regexp().MatchString(s)
}

// FindString is regexp.Regexp.FindString.
func (p *pattern) FindString(s string) string {
	if p.refuses(s) {
		return ""
	}
	return p.regexp().FindString(s)
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (p *pattern) FindStringIndex(s string) []int {
	if p.refuses(s) {
		return nil
	}
	return p.regexp().FindStringIndex(s)
}

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (p *pattern) FindStringSubmatch(s string) []string {
	if p.refuses(s) {
		return nil
	}
	return p.regexp().FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (p *pattern) FindStringSubmatchIndex(s string) []int {
	if p.refuses(s) {
		return nil
	}
	return p.regexp().FindStringSubmatchIndex(s)
}

// FindAllString is regexp.Regexp.FindAllString.
func (p *pattern) FindAllString(s string, n int) []string {
	if p.refuses(s) {
		return nil
	}
	return p.regexp().FindAllString(s, n)
}

// FindAllStringSubmatch is regexp.Regexp.FindAllStringSubmatch.
func (p *pattern) FindAllStringSubmatch(s string, n int) [][]string {
	if p.refuses(s) {
		return nil
	}
	return p.regexp().FindAllStringSubmatch(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex.
func (p *pattern) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if p.refuses(s) {
		return nil
	}
	return p.regexp().FindAllStringSubmatchIndex(s, n)
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	if p.refuses(s) {
		return nil
	}
	return p.regexp().FindAllStringIndex(s, n)
}

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (p *pattern) ReplaceAllString(src, repl string) string {
	if p.refuses(src) {
		return src
	}
	return p.regexp().ReplaceAllString(src, repl)
}

// Split is regexp.Regexp.Split.
func (p *pattern) Split(s string, n int) []string {
	if n != 0 && p.refuses(s) {
		return []string{s} // what regexp's Split gives for no match
	}
	return p.regexp().Split(s, n)
}

// A patternIndex holds a list of patterns tried in turn by their
// indexes, at most 64, by the first byte of the text: the patterns an
// anchored match may start with that byte, and those not anchored. A
// rule that tries such a list on every line (statusRes, historyRes) calls
// only the patterns that may match, in the list's order; each refused
// the others at once, but the calls and the loads of their facts were 2 %
// of BenchmarkParse's CPU (issue 19).
type patternIndex struct {
	once sync.Once
	ps   []*pattern
	by   [256]uint64 // the patterns that may match a text starting with the byte
	free uint64      // the patterns not anchored: those that may match ""
}

// newPatternIndex returns the index of ps.
func newPatternIndex(ps []*pattern) *patternIndex {
	if len(ps) > 64 {
		panic("router: a pattern index of more than 64 patterns")
	}
	return &patternIndex{ps: ps}
}

// build reads the patterns' facts.
func (x *patternIndex) build() {
	for i, p := range x.ps {
		p.once.Do(p.init)
		bit := uint64(1) << i
		if !p.anchored {
			x.free |= bit
		}
		for c := range x.by {
			if !p.anchored || p.mayStart(byte(c)) {
				x.by[c] |= bit
			}
		}
	}
}

// candidates returns, as bits by index, the patterns that s does not
// refuse by its first byte: the others do not match s.
func (x *patternIndex) candidates(s string) uint64 {
	x.once.Do(x.build)
	if s == "" {
		return x.free
	}
	return x.by[s[0]]
}
