package deploybot

import (
	"strings"

	"golang.org/x/mod/semver"
)

// Semver returns v as a canonical semantic version ("1.4.2" is "v1.4.2"),
// or "" when it is none (a commit's hash, a branch, a release name): the
// form semver.Compare orders.
func Semver(v string) string {
	if !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	if !semver.IsValid(v) {
		return ""
	}
	return semver.Canonical(v)
}
