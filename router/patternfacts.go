package router

import (
	_ "embed"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:generate go test -run ^TestPatternFacts$ . -args -update

// patterns.txt holds what pattern.init reads from each rule's expression
// (analyse): a process's first messages read it there. Reading the
// rules' expressions (their syntax, then the strings their matches start
// with and hold) cost the first message of every chat about 15 ms of CPU
// and 5 MB allocated, the most of its parse (a CPU profile of 20 chats
// started for one question, issue 19: the start to first reply is
// measured that way). go generate ./router/ writes the file from the
// rules; TestPatternFacts checks that it is up to date. An expression the
// file lacks is read at its first use, as before.
//
//go:embed patterns.txt
var patternsTxt string

// One line an expression, sorted, its fields separated by a tab: the
// expression, quoted; "anchored" or "-"; the first bytes, 64 hex digits
// of a 256-bit set (bit b of byte b/8), or "-"; the needs, then the
// starts, each a list of quoted strings separated by a space, or "-" for
// none known.

// knownFacts returns patterns.txt's facts by expression, read at the
// first pattern used.
var knownFacts = sync.OnceValue(func() map[string]*facts {
	m, err := decodeFacts(patternsTxt)
	if err != nil {
		panic(err) // TestPatternFacts reads the file
	}
	return m
})

// encodeFacts writes the facts of each expression in the file's form.
func encodeFacts(all map[string]*facts) string {
	exprs := make([]string, 0, len(all))
	for e := range all {
		exprs = append(exprs, e)
	}
	slices.Sort(exprs)
	var b strings.Builder
	for _, e := range exprs {
		f := all[e]
		b.WriteString(strconv.Quote(e))
		if f.anchored {
			var set [32]byte
			for i, ok := range f.first {
				if ok {
					set[i/8] |= 1 << (i % 8)
				}
			}
			b.WriteString("\tanchored\t" + hex.EncodeToString(set[:]))
		} else {
			b.WriteString("\t-\t-")
		}
		for _, list := range [][]string{f.needs, f.starts} {
			b.WriteByte('\t')
			if list == nil {
				b.WriteByte('-')
				continue
			}
			for i, s := range list {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(strconv.Quote(s))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// decodeFacts reads the file's facts.
func decodeFacts(data string) (map[string]*facts, error) {
	m := make(map[string]*facts, strings.Count(data, "\n"))
	for n, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		if line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 5 {
			return nil, fmt.Errorf("router: patterns.txt:%d: %d fields, want 5", n+1, len(fields))
		}
		expr, err := strconv.Unquote(fields[0])
		if err != nil {
			return nil, fmt.Errorf("router: patterns.txt:%d: expression: %w", n+1, err)
		}
		f := &facts{anchored: fields[1] == "anchored"}
		if f.anchored {
			set, err := hex.DecodeString(fields[2])
			if err != nil || len(set) != 32 {
				return nil, fmt.Errorf("router: patterns.txt:%d: first bytes %q", n+1, fields[2])
			}
			for i := range f.first {
				f.first[i] = set[i/8]&(1<<(i%8)) != 0
			}
		}
		if f.needs, err = quotedList(fields[3]); err != nil {
			return nil, fmt.Errorf("router: patterns.txt:%d: needs: %w", n+1, err)
		}
		if f.starts, err = quotedList(fields[4]); err != nil {
			return nil, fmt.Errorf("router: patterns.txt:%d: starts: %w", n+1, err)
		}
		m[expr] = f
	}
	return m, nil
}

// quotedList reads quoted strings separated by a space; "-" is none (nil).
func quotedList(s string) ([]string, error) {
	if s == "-" {
		return nil, nil
	}
	var out []string
	for s != "" {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, err
		}
		u, err := strconv.Unquote(q)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
		if s = s[len(q):]; s != "" {
			if s[0] != ' ' {
				return nil, fmt.Errorf("want a space after %s", q)
			}
			s = s[1:]
		}
	}
	if out == nil {
		return nil, fmt.Errorf("an empty list")
	}
	return out, nil
}
