package router

import (
	"strings"
	"testing"
)

// TestSettingsStems checks that every word and phrase settingsOrder and
// pendingAsked read holds one of the stems their gates look for: a word
// added to a list without its stem would never be read.
func TestSettingsStems(t *testing.T) {
	settings := append(append([]string{"configure"}, resetPhrases...), interviewNouns.words...)
	for _, w := range settings {
		if !settingsStems.in(w) {
			t.Errorf("settingsStems: %q holds none", w)
		}
	}
	for _, w := range append(append([]string(nil), waitingWords.words...), approvalVerbs.words...) {
		if !pendingStems.in(w) {
			t.Errorf("pendingStems: %q holds none", w)
		}
	}
}

// TestPatternIndex checks that a patternIndex never leaves out a pattern
// that matches.
func TestPatternIndex(t *testing.T) {
	texts := []string{"", "what s running on api", "whats new", "who deployed web", "when was api last deployed",
		"last deploys of web", "is api production locked", "le site est gele", "ou en est le front", "quelle version en prod",
		"qu est-ce qui tourne en staging", "c est quoi la version", "derniers deploiements du site", "what was deployed today"}
	for _, x := range []*patternIndex{historyIndex, statusIndex} {
		for _, s := range texts {
			m := x.candidates(s)
			for i, p := range x.ps {
				if p.MatchString(s) && m&(1<<i) == 0 {
					t.Errorf("%q: pattern %d (%s) matches, not a candidate", s, i, p)
				}
				if !p.refuses(s) && m&(1<<i) == 0 {
					t.Errorf("%q: pattern %d (%s) not refused, not a candidate", s, i, p)
				}
			}
		}
	}
}

// TestMayEndOtherSystem checks mayEndOtherSystem against notIDBeforeRe:
// it lets through every text the regexp matches.
func TestMayEndOtherSystem(t *testing.T) {
	words := []string{"pr", "pull request", "pull \t request", "mr", "merge request", "ticket", "issue", "jira", "sprint",
		"page", "line", "ligne", "step", "etape", "étape", "version", "port", "PR", "Ticket", "ISSUE", "ſprint", "iſſue",
		"ticKet", "ticket", "ÉTAPE", "verſion", "requeſt", "VERSION", "Port"}
	var texts []string
	for _, w := range words {
		for _, pre := range []string{"", "the ", "x", "see ", "1"} {
			for _, post := range []string{"", " ", "#", " #", " # ", "# ", "\t#\n", "##", "-", ":", ".", "x", " a"} {
				texts = append(texts, pre+w+post)
			}
		}
	}
	texts = append(texts, "", "-", ":", ".", "#", " ", "approve ", "deny the ", "cancel #", "annule le ", "version", "a.")
	for _, s := range texts {
		if notIDBeforeRe.MatchString(s) && !mayEndOtherSystem(s) {
			t.Errorf("%q: notIDBeforeRe matches, mayEndOtherSystem refuses", s)
		}
	}
}

// TestActionPairs checks isActionWord's look at the first two bytes
// against the stems themselves.
func TestActionPairs(t *testing.T) {
	words := []string{"", "d", "de", "des", "deploy", "deplyo", "la", "lance", "go", "gogo", "g", "mep", "me", "met",
		"rollback", "rolling", "ro", "revert", "promeut", "upgrade", "up", "annule", "a", "éa"}
	for _, s := range actionStems {
		if len(s) < 2 {
			t.Errorf("action stem %q: fewer than two bytes", s)
		}
		words = append(words, s, s+"x", s[:len(s)-1])
	}
	for _, w := range words {
		want := false
		for _, s := range actionStems {
			if strings.HasPrefix(w, s) {
				want = !falseStem(w, s)
				break
			}
		}
		if got := isActionWord(w); got != want {
			t.Errorf("isActionWord(%q) = %v, want %v", w, got, want)
		}
	}
}
