package router

import (
	"regexp"
	"regexp/syntax"
	"unicode/utf8"
)

// A pattern is a regular expression of the parser's rules that refuses
// at once the text it cannot match by its first byte, when it is anchored
// at the start ("^(?:approve|approuve|lgtm...)"): a profile of Parse put a
// third of its time in the regexp package, mostly in such rules tried
// one after the other on lines that start with another word. The results
// are those of the regular expression itself.
type pattern struct {
	*regexp.Regexp
	anchored bool      // every match starts at the text's start
	first    [256]bool // with anchored: the bytes a match may start with
}

// patterns are all the patterns compiled, for TestPatterns.
var patterns []*pattern

// mustCompile compiles expr like regexp.MustCompile.
func mustCompile(expr string) *pattern {
	p := &pattern{Regexp: regexp.MustCompile(expr)}
	patterns = append(patterns, p)
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return p // MustCompile accepted it: never happens
	}
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
		return p
	}
	var first [256]bool
	if canBeEmpty := firstBytes(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1:]}, &first); canBeEmpty {
		return p
	}
	p.anchored, p.first = true, first
	return p
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

// refuses reports whether s cannot match p, by its first byte.
func (p *pattern) refuses(s string) bool {
	return p.anchored && (s == "" || !p.first[s[0]])
}

// MatchString is regexp.Regexp.MatchString.
func (p *pattern) MatchString(s string) bool {
	return !p.refuses(s) && p.Regexp.MatchString(s)
}

// FindString is regexp.Regexp.FindString.
func (p *pattern) FindString(s string) string {
	if p.refuses(s) {
		return ""
	}
	return p.Regexp.FindString(s)
}

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (p *pattern) FindStringIndex(s string) []int {
	if p.refuses(s) {
		return nil
	}
	return p.Regexp.FindStringIndex(s)
}

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (p *pattern) FindStringSubmatch(s string) []string {
	if p.refuses(s) {
		return nil
	}
	return p.Regexp.FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex.
func (p *pattern) FindStringSubmatchIndex(s string) []int {
	if p.refuses(s) {
		return nil
	}
	return p.Regexp.FindStringSubmatchIndex(s)
}

// FindAllString is regexp.Regexp.FindAllString.
func (p *pattern) FindAllString(s string, n int) []string {
	if p.refuses(s) {
		return nil
	}
	return p.Regexp.FindAllString(s, n)
}

// FindAllStringSubmatch is regexp.Regexp.FindAllStringSubmatch.
func (p *pattern) FindAllStringSubmatch(s string, n int) [][]string {
	if p.refuses(s) {
		return nil
	}
	return p.Regexp.FindAllStringSubmatch(s, n)
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex.
func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	if p.refuses(s) {
		return nil
	}
	return p.Regexp.FindAllStringIndex(s, n)
}
