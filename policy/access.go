package policy

import (
	"strings"

	"deploybot"
)

// unresolvedMark begins the stand-in of an access-list entry that names
// nobody here: no actor begins with it (user names and Slack user ids are
// printable), so Member never matches it.
const unresolvedMark = "\x00"

// Unresolved returns the stand-in of an access-list entry that resolved to
// nobody (a Slack group without members, a name the directory does not
// know, a "@group" in the terminal chat). It keeps the list from turning
// into "anyone may", grants nothing, and Who shows the entry as written.
func Unresolved(entry string) string { return unresolvedMark + entry }

// Who renders an access list for people in l's language, its entries
// joined by sep: an entry that resolved to nobody shows as written, marked
// so. Refusals name whom to ask: a stand-in's raw bytes reached replies
// ("who may: \x00unresolved").
func Who(l deploybot.Lang, list []string, sep string) string {
	var b strings.Builder
	for i, x := range list {
		if i > 0 {
			b.WriteString(sep)
		}
		if entry, ok := strings.CutPrefix(x, unresolvedMark); ok {
			b.WriteString(entry)
			b.WriteString(l.Pick(" (personne trouvée)", " (nobody found)"))
			continue
		}
		b.WriteString(x)
	}
	return b.String()
}
