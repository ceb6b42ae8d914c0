package router

import (
	"slices"
	"strings"
	"unicode/utf8"

	"deploybot"
)

// A command's id names a deployment: approving, denying or cancelling the
// wrong one is worse than asking which. A number written as a time, a
// duration, a count or another system's id names none.

var (
	// notIDAfterRe follows a number that is no deployment's id: a time
	// ("14:30", "14h30", "9 am"), a duration ("5 min", "2 jours"), a
	// share or a count ("2 out of 3", "3 of them", "2 sur 3", "2/3"),
	// a figure ("5%"), another system's number ("#1234 on github").
	notIDAfterRe = mustCompile(`(?i)^(?:[:h]\d\d|\s*(?:min|mins|minutes?|mn|h|hrs?|hours?|heures?|sec|secs|seconds?|s|ms|d|days?|jours?|j|weeks?|semaines?|am|pm)(?:$|[\s.,;!?)])|\s*%|` +
		`\s*(?:out\s+of|of\s+(?:them|these|those|the\s|\d)|sur\s+\d|parmi|d\s*'?\s*entre|/\s*\d)|` +
		`\s*(?:on|in|sur|dans|de|from)\s+(?:the\s+|le\s+|la\s+)?(?:github|gitlab|jira|bitbucket|linear|jenkins|sentry|pagerduty|zendesk|trello|asana|notion)\b)`)
	// notIDBeforeRe comes before a number that is another system's: "PR
	// #45", "ticket 12", "issue 7", "JIRA-12".
	notIDBeforeRe = mustCompile(`(?i)(?:\bpr|\bpull\s+request|\bmr|\bmerge\s+request|\bticket|\bissue|\bjira|\bsprint|\bpage|\bline|\bligne|\bstep|\betape|\bétape|\bversion|\bport)\s*#?\s*$|[-:.]$`)
)

// otherSystemEnds are the last two letters, lowercased, of the words of
// notIDBeforeRe ("pr", "request", "ticket"...).
var otherSystemEnds = []string{"pr", "st", "mr", "et", "ue", "ra", "nt", "ge", "ne", "ep", "pe", "on", "rt"}

// mayEndOtherSystem reports whether notIDBeforeRe may match before: it
// ends with '-', ':' or '.', or, once the spaces and a '#' at its end are
// cut, with two letters a word of the pattern ends with. notIDBeforeRe,
// case-folded and not anchored, has no string its regexp's pre-check
// could look for, and its regexp tried every position of the text: 32k
// instructions a call, 2 % of BenchmarkParse's (cachegrind, issue 19).
// Of the letters that end those words, none has another case beyond
// ASCII; the letter before may ('s' and 'ſ'): such a text is let through.
// TestMayEndOtherSystem checks it against the regexp.
func mayEndOtherSystem(before string) bool {
	if before == "" {
		return false
	}
	if c := before[len(before)-1]; c == '-' || c == ':' || c == '.' {
		return true
	}
	const space = "\t\n\f\r " // regexp's \s
	t := strings.TrimRight(before, space)
	if strings.HasSuffix(t, "#") {
		t = strings.TrimRight(t[:len(t)-1], space)
	}
	if len(t) < 2 {
		return false
	}
	a, b := t[len(t)-2], t[len(t)-1]
	if a >= utf8.RuneSelf {
		return true
	}
	if b >= utf8.RuneSelf {
		return false
	}
	end := [2]byte{lowerASCII(a), lowerASCII(b)}
	for _, e := range otherSystemEnds {
		if e[0] == end[0] && e[1] == end[1] {
			return true
		}
	}
	return false
}

// lowerASCII returns c lowercased when it is an ASCII capital.
func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// idWrittenRe finds a whole number in a message, with or without '#'.
var idWrittenRe = mustCompile(`#?\d+`)

// notAnID reports whether the number id, as text writes it first, is no
// deployment's id by its neighbours.
func notAnID(text, id string) bool {
	for _, loc := range idWrittenRe.FindAllStringIndex(text, -1) {
		num := strings.TrimPrefix(text[loc[0]:loc[1]], "#")
		if num != id {
			continue
		}
		return notIDAfterRe.MatchString(text[loc[1]:]) || mayEndOtherSystem(text[:loc[0]]) && notIDBeforeRe.MatchString(text[:loc[0]])
	}
	return false
}

// idChecked returns req unless it is a command whose id is no
// deployment's id ("approve the 14:30 deploy", "approve 5 min", "deny 3
// of them", "approve #1234 on github"): then not understood, the bot asks
// which deployment.
func (r *Router) idChecked(req deploybot.Request, text string, history []string) deploybot.Request {
	if req.Kind != deploybot.KindCommand || !takesID[req.Command] {
		return req
	}
	id := req.Arg("id")
	if id == "" || !notAnID(text, id) {
		return req
	}
	if v := versionToken(text); v != "" && len(history) > 0 && len(versionTokens(text)) == 1 && versionChosen(v, botTurnOf(history[len(history)-1]).choices) == id {
		// "the 2.4.1 one" after "#2 (api 2.4.2 → uat), #1 (api 2.4.1 →
		// uat). Which one?": #1 chosen by its version, whose digits are
		// no id of their own ("approve 3.2" approves nothing).
		return req
	}
	return r.noCommand(req)
}

// offered reports whether id answers the bot's "Which deployment? #12,
// #14": one of the ids it offered, when it offered some.
func offered(asked botTurn, id string) bool {
	return len(asked.ids) == 0 || slices.Contains(asked.ids, id)
}

// noCommand turns req, a command read where none was meant, into a
// request not understood: neither its command nor its arguments stay.
func (r *Router) noCommand(req deploybot.Request) deploybot.Request {
	req.Command, req.Args = "", nil
	return r.unknown(req)
}
