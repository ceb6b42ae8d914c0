package router

import (
	"errors"
	"sync/atomic"
)

// The tests check that a long message is read in time linear in its
// length (longmsg_test.go): a rule that reads a part of the message by
// reading the rest of it again, once a part, made a message of a few
// kilobytes take seconds, and its time grow with the square of its
// length, the cube, or exponentially. A timed test would be flaky; the
// tests count instead the bytes the rules read, in the readers every rule
// goes through (words, fields, clauses, lines, patterns, order words,
// and the parses and commands of a part), and check that twice the
// message is about twice the count.
//
// Off, the count costs a load: readCounting is only set by the tests
// (export_test.go), while no other parse runs. A test may also stop a
// parse past a budget of bytes (a path gone exponential would run for
// hours): countRead then panics, and the test recovers.
var (
	readCounting atomic.Bool
	bytesRead    atomic.Int64
	readBudget   atomic.Int64 // past it, countRead panics with errReadBudget
)

// errReadBudget stops a parse that read more than the tests allow.
var errReadBudget = errors.New("router: read budget spent")

// countRead counts n bytes read, when the tests count them.
func countRead(n int) {
	if readCounting.Load() && bytesRead.Add(int64(n)) > readBudget.Load() {
		panic(errReadBudget)
	}
}
