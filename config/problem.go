package config

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong in a configuration file. Line and Column are
// 1-based; 0 means unknown. Path names the value, e.g.
// "projects[0].environments[1].executor.type".
type Problem struct {
	Line    int
	Column  int
	Path    string
	Message string
}

// Error formats the problem as "LINE:COL: PATH: MESSAGE", leaving out the
// parts that are unknown.
func (p Problem) Error() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "%d:", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, "%d:", p.Column)
		}
		b.WriteByte(' ')
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// ValidationError lists every problem found in the file called Name.
type ValidationError struct {
	Name     string
	Problems []Problem
}

// Error prints one problem per line as "FILE:LINE:COL: PATH: MESSAGE".
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Name)
		b.WriteByte(':')
		if p.Line <= 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// suggest returns the allowed word closest to word when it is close enough to
// be a likely typo, and "" otherwise.
func suggest(word string, allowed []string) string {
	w := strings.ToLower(word)
	best, bestDist := "", -1
	for _, a := range allowed {
		d := distance(w, strings.ToLower(a))
		if bestDist < 0 || d < bestDist {
			best, bestDist = a, d
		}
	}
	limit := 1
	switch n := len([]rune(w)); {
	case n > 8:
		limit = 3
	case n > 4:
		limit = 2
	}
	if bestDist >= 0 && bestDist <= limit && best != word {
		return best
	}
	// A unique allowed word starting with word: "prod" for "production".
	best = ""
	for _, a := range allowed {
		if len(w) >= 3 && strings.HasPrefix(strings.ToLower(a), w) {
			if best != "" {
				return ""
			}
			best = a
		}
	}
	return best
}

// distance is the Levenshtein edit distance between a and b, counting an
// adjacent transposition as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// oneOfMessage says that value is not one of allowed, suggesting the closest.
func oneOfMessage(what, value string, allowed []string) string {
	msg := fmt.Sprintf("%s %q;", what, value)
	if s := suggest(value, allowed); s != "" {
		msg += fmt.Sprintf(" did you mean %q?", s)
	}
	return msg + " expected one of: " + strings.Join(allowed, ", ")
}
