// Package changelog lists the changes between two versions of a project,
// from GitHub's compare API or a local git repository, and reads their
// conventional-commit types.
package changelog

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"deploybot"
)

// TypeOther is the type of a change whose message does not start with a
// known conventional-commit type.
const TypeOther = "other"

// types are the conventional-commit types Parse recognises.
var types = []string{"feat", "fix", "perf", "refactor", "revert", "docs", "test", "build", "ci", "chore", "style", "deps", "security"}

// order is the order of the types in Lines: features, fixes, performance,
// then the rest, and "other" last.
var order = []string{"feat", "fix", "perf"}

// prefix matches "type(scope)!: summary".
var prefix = regexp.MustCompile(`^([A-Za-z]+)(?:\([^()]*\))?!?:\s*(.*)$`)

// revert matches git's default revert message, `Revert "..."`.
var revert = regexp.MustCompile(`^Revert "(.*)"$`)

// maxCommits bounds the changes listed between two versions.
const maxCommits = 1000

// validRef reports whether r is a version a changelog accepts: 1 to 128
// letters, digits and ._/+- (was the regexp ^[A-Za-z0-9._/+-]{1,128}$,
// whose 128 repetitions compiled at every start to 118 KB and 1,693
// allocations, the package's whole init; issue 19).
func validRef(r string) bool {
	if len(r) == 0 || len(r) > 128 {
		return false
	}
	for i := 0; i < len(r); i++ {
		switch c := r[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("._/+-", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// Parse reads a commit message as a conventional commit: "feat: ...",
// "fix(scope): ...", "perf!: ...". Type is the lowercased type when it is a
// known one (feat, fix, perf, refactor, revert, docs, test, build, ci, chore,
// style, deps, security), and TypeOther otherwise, so "WIP: ..." or
// "Note: ..." stay whole; git's `Revert "..."` has type revert.
// Summary is the first line without the prefix (the whole first line for
// TypeOther). SHA is left empty.
func Parse(message string) deploybot.Change {
	line, _, _ := strings.Cut(strings.TrimSpace(message), "\n")
	line = strings.TrimSpace(line)
	if m := prefix.FindStringSubmatch(line); m != nil {
		typ := strings.ToLower(m[1])
		if slices.Contains(types, typ) && strings.TrimSpace(m[2]) != "" {
			return deploybot.Change{Type: typ, Summary: strings.TrimSpace(m[2])}
		}
	}
	if m := revert.FindStringSubmatch(line); m != nil {
		return deploybot.Change{Type: "revert", Summary: m[1]}
	}
	return deploybot.Change{Type: TypeOther, Summary: line}
}

// Group returns the changes by type, each list in the order of changes.
func Group(changes []deploybot.Change) map[string][]deploybot.Change {
	g := map[string][]deploybot.Change{}
	for _, c := range changes {
		g[c.Type] = append(g[c.Type], c)
	}
	return g
}

// Lines renders changes one a line as "feat: nouvelle page de profil":
// features first, then fixes, performance, the other types in alphabetical
// order and TypeOther last, each type in the order of changes; a change of
// TypeOther shows its summary alone. When there
// are more than max changes (max > 0), it returns max lines, the last being
// "… and N more".
func Lines(changes []deploybot.Change, max int) []string {
	g := Group(changes)
	sorted := make([]string, 0, len(g))
	for t := range g {
		sorted = append(sorted, t)
	}
	slices.SortFunc(sorted, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b))
	})
	var lines []string
	for _, t := range sorted {
		for _, c := range g[t] {
			if t == TypeOther {
				lines = append(lines, c.Summary)
			} else {
				lines = append(lines, t+": "+c.Summary)
			}
		}
	}
	if max > 0 && len(lines) > max {
		rest := len(lines) - (max - 1)
		lines = append(lines[:max-1], fmt.Sprintf("… and %d more", rest))
	}
	return lines
}

// rank orders types for Lines.
func rank(t string) int {
	if i := slices.Index(order, t); i >= 0 {
		return i
	}
	if t == TypeOther {
		return len(order) + 1
	}
	return len(order)
}

// checkRefs refuses versions that are not plain names: they are passed to
// git and into URLs.
func checkRefs(from, to string) error {
	for _, r := range []string{from, to} {
		if !validRef(r) || strings.HasPrefix(r, "-") {
			return deploybot.Errorf(deploybot.EINVALID, "invalid version %q", r)
		}
	}
	return nil
}

// notConfigured is the error for a project without a repository.
func notConfigured(project string) error {
	return deploybot.Errorf2(deploybot.ENOTFOUND, "aucun dépôt configuré pour le projet %s", "no repository configured for project %s", project)
}
