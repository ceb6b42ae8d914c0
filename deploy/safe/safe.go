// Package safe validates the values of a deployment that come from a chat
// user before any executor uses them.
//
// Every executor calls Check first and runs nothing when it fails. The
// patterns are allow-lists: a value that passes can be put in an environment
// variable, a JSON field or a workflow input as is, and holds no shell
// metacharacter, whitespace, control character or "..".
package safe

import (
	"strconv"
	"strings"

	"deploybot"
)

// allowed reports whether s is an ASCII letter or digit followed by up to
// max-1 ASCII letters, digits or bytes of extra, with no "..". It was three
// regular expressions: compiling them at every start of the program cost
// 2-5 ms and 4,000 allocations (GODEBUG=inittrace=1, issue 19), and their
// (?i) let the Kelvin sign and the long s pass as letters of a name.
func allowed(s string, max int, extra string) bool {
	if s == "" || len(s) > max || !alnum(s[0]) || strings.Contains(s, "..") {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !alnum(c) && strings.IndexByte(extra, c) < 0 {
			return false
		}
	}
	return true
}

func alnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// Name reports whether s is a valid project or environment name: a letter
// or digit, then up to 62 letters, digits, dots, underscores or dashes.
func Name(s string) bool { return allowed(s, 63, "._-") }

// Version reports whether s is a valid version: a letter or digit, then up
// to 127 letters, digits, dots, underscores, pluses, slashes or dashes, with
// no "..". Tags (v1.4.2), release names (release-2024.11), branch names
// (feature/x) and commit SHAs pass.
func Version(s string) bool { return allowed(s, 128, "._+/-") }

// Requester reports whether s is a valid requester: a user name, a chat
// user id or an e-mail address (letters, digits, dots, underscores, pluses,
// dashes and @, up to 128 characters).
func Requester(s string) bool { return allowed(s, 128, "._@+-") }

// Check returns nil if every value of d that an executor passes on is
// valid, and otherwise a *deploybot.Error with code EINVALID whose message
// names the first bad field and says what is allowed.
//
// It checks the project, environment, version, previous version (when
// set), requester, strategy (when set), action (deploy, rollback, or empty
// for deploy) and id (recorded deployments have a positive id).
func Check(d deploybot.Deployment) error {
	switch {
	case !Name(d.Project):
		return invalid("project", d.Project, "use letters, digits, dots, dashes and underscores, up to 63 characters (api, shop-front)")
	case !Name(d.Env):
		return invalid("environment", d.Env, "use letters, digits, dots, dashes and underscores, up to 63 characters (staging, production)")
	case !Version(d.Version):
		return invalid("version", d.Version, "use letters, digits, dots, dashes (v1.4.2, release-2024.11, a commit sha)")
	case d.PreviousVersion != "" && !Version(d.PreviousVersion):
		return invalid("previous version", d.PreviousVersion, "use letters, digits, dots, dashes (v1.4.2, release-2024.11, a commit sha)")
	case !Requester(d.Requester):
		return invalid("requester", d.Requester, "use a user name or a chat user id")
	case d.Strategy != "" && !d.Strategy.Valid():
		return invalid("strategy", string(d.Strategy), "use recreate, rolling, blue-green or canary")
	case d.Action != "" && d.Action != deploybot.ActionDeploy && d.Action != deploybot.ActionRollback:
		return invalid("action", string(d.Action), "use deploy or rollback")
	case d.ID <= 0:
		return deploybot.Errorf(deploybot.EINVALID, "deployment id %s is not valid: record the deployment before running it", strconv.FormatInt(d.ID, 10))
	}
	return nil
}

func invalid(field, value, hint string) error {
	if len(value) > 80 {
		value = value[:80] + "..."
	}
	return deploybot.Errorf(deploybot.EINVALID, "%s %q is not valid: %s", field, value, hint)
}
