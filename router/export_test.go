package router

import "math"

// WithoutParseCache returns r with no cache of parses (pcache.go): every
// message is parsed in full, for the benchmarks that measure the parser.
func WithoutParseCache(r *Router) *Router {
	r.parsed = nil
	return r
}

// UpdateFiles reports whether the tests were asked to write the generated
// files (go generate ./router/: -update).
func UpdateFiles() bool { return *update }

// CountReads returns how many bytes the rules read while f runs
// (readcount.go). No other parse may run meanwhile.
func CountReads(f func()) int64 {
	n, _ := CountReadsUpTo(math.MaxInt64, f)
	return n
}

// CountReadsUpTo is CountReads, stopping f once the rules read more than
// limit bytes: ok is false then.
func CountReadsUpTo(limit int64, f func()) (n int64, ok bool) {
	bytesRead.Store(0)
	readBudget.Store(limit)
	readCounting.Store(true)
	defer func() {
		readCounting.Store(false)
		n = bytesRead.Load()
		if e := recover(); e != nil {
			if e != errReadBudget {
				panic(e)
			}
			ok = false
		}
	}()
	f()
	return 0, true
}

// FirstWordsAfter returns the first word after each of positions, in
// increasing order, as the rules read it after question marks
// (wordsAfter).
func FirstWordsAfter(text string, positions []int) []string {
	w := wordsAfter{text: text}
	out := make([]string, len(positions))
	for k, i := range positions {
		out[k] = w.first(i)
	}
	return out
}

// ConfigProjects reads the projects of a configuration file as the
// evaluation tests name them (configprojects_internal_test.go).
var ConfigProjects = configProjects
