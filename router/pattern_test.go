package router

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestPatterns checks that every pattern of the rules finds what its
// regular expression finds, on the evaluation sets' messages as written
// and as command lines, and on texts that start with bytes of every kind.
func TestPatterns(t *testing.T) {
	texts := []string{"", " ", "\x80abc", "\xffx", "Kelvin \u212a", "\u212aelvin", "ſtatus", "Status", "STATUS shop",
		"é", "«deploy»", "1.2.3", "#12", ":ok", "ship v1 --force \xff", "12:30 le 2026-12-24"}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "routing_*.jsonl"))
	if len(files) == 0 {
		t.Fatal("no evaluation sets")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ls, err := ReadLabelled(data)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range ls {
			if raceEnabled && i%8 != 0 {
				// Under the race detector, an eighth of the messages:
				// the test runs on one goroutine, the detector finds
				// nothing here, and every message made it 30 minutes of
				// CI's race pass (the plain pass checks them all).
				continue
			}
			texts = append(texts, l.Text, commandLine(l.Text))
		}
	}
	anchored := 0
	for _, p := range patterns {
		for _, s := range texts {
			if got, want := p.MatchString(s), p.regexp().MatchString(s); got != want {
				t.Fatalf("%s on %q: %v, the regexp %v", p, s, got, want)
			}
			if got, want := p.FindStringSubmatchIndex(s), p.regexp().FindStringSubmatchIndex(s); !slices.Equal(got, want) {
				t.Fatalf("%s on %q: %v, the regexp %v", p, s, got, want)
			}
			if got, want := p.Split(s, -1), p.regexp().Split(s, -1); !slices.Equal(got, want) {
				t.Fatalf("%s: split of %q: %q, the regexp %q", p, s, got, want)
			}
			if got, want := p.ReplaceAllString(s, "<$0>"), p.regexp().ReplaceAllString(s, "<$0>"); got != want {
				t.Fatalf("%s: replace in %q: %q, the regexp %q", p, s, got, want)
			}
		}
		if p.anchored {
			anchored++
		}
	}
	// Most rules start at the line's start: a change that lost the
	// filter would go unseen otherwise.
	if anchored < len(patterns)/2 {
		t.Errorf("%d of %d patterns filtered by their first byte", anchored, len(patterns))
	}
}

func TestFirstBytes(t *testing.T) {
	tests := []struct {
		expr     string
		anchored bool
		yes, no  string // bytes that may and may not start a match
	}{
		{`^(?:approve|lgtm)\s+(\d+)$`, true, "al", "Axz1 "},
		{`^(?i)deploy`, true, "dD\xc3\xe2", "ex"},
		{`^[a-c]?x`, true, "abcx", "dX"},
		{`^(?:a|b*)c`, true, "abc", "d"},
		{`^\s*deploy`, true, " \t\nd", "x"},
		{`^[^"]x`, true, "a\x80\xff", "\""},
		{`^(?:)`, false, "", ""},
		{`^a*`, false, "", ""},
		{`\bdeploy`, false, "", ""},
		{`(?m)^deploy`, false, "", ""},
		{`^.`, true, "a\n\x80", ""},
		{`^x{0,2}y`, true, "xy", "z"},
	}
	for _, tt := range tests {
		p := mustCompile(tt.expr)
		patterns = patterns[:len(patterns)-1]
		p.once.Do(p.init)
		if p.anchored != tt.anchored {
			t.Errorf("%s: anchored %v, want %v", tt.expr, p.anchored, tt.anchored)
			continue
		}
		for i := 0; i < len(tt.yes); i++ {
			if !p.mayStart(tt.yes[i]) {
				t.Errorf("%s: byte %q refused", tt.expr, tt.yes[i])
			}
		}
		for i := 0; i < len(tt.no); i++ {
			if p.mayStart(tt.no[i]) {
				t.Errorf("%s: byte %q accepted", tt.expr, tt.no[i])
			}
		}
	}
}

func TestFactors(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`(?:^|\s)--force(?:[= ]+(\S+))?`, []string{"--force"}},
		{`\b(?:last|latest)\s+(?:deploys|releases)\b`, []string{"deploys", "releases"}},
		{`\b(\d{4})-(\d{2})\b`, []string{"-"}},
		{`\b(\d{1,2}):(\d{2})\b`, []string{":"}},
		{`\d+`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		// A case-folded literal: its start in each of its cases, or the
		// characters that have none.
		{`(?i)deploy`, []string{"DEP", "DEp", "DeP", "Dep", "dEP", "dEp", "deP", "dep"}},
		{`(?i)(?:without|no)\s+--force`, []string{"--FOR", "--FOr", "--FoR", "--For", "--fOR", "--fOr", "--foR", "--for"}},
		{`(?i)(?:without|no)[\s,]+-y`, []string{"-Y", "-y"}}, // the parts from "-y" on start with it
		{`(?i)-(?:-force|y)`, []string{"-"}},                 // a hyphen has no other case
		{`(?i)[a-z]+1\.2-r`, []string{"1.2-R", "1.2-r"}},
		{`\b(?:diff|difference|differences|compare|between|entre|not yet (?:in|on)|isn t|isnt)\b`,
			[]string{"between", "compare", "diff", "entre", "isn t", "isnt", "not yet in", "not yet on"}}, // what matches start with
		{`\b(?:is|are|was|do|does)\s+(?:it|they)\b`, []string{"it", "they"}},
		{`deploy|`, nil},
		{`a*b?`, nil},
		{`x\x{fffd}`, nil},
		{`[a-z]+`, nil},
		{`é`, []string{"é"}},
		{`[é]`, []string{"é"}},
		{`[éè]`, nil},
	}
	for _, tt := range tests {
		p := mustCompile(tt.expr)
		patterns = patterns[:len(patterns)-1]
		p.once.Do(p.init)
		if !slices.Equal(p.needs, tt.want) {
			t.Errorf("%s: needs %q, want %q", tt.expr, p.needs, tt.want)
		}
	}
}

// TestClauses checks the scan that cuts clauses against the regular
// expression it stands for, on the evaluation sets' messages and on
// texts made of the bytes it looks at.
func TestClauses(t *testing.T) {
	re := regexp.MustCompile(`[,;:.!]+\s+|\s+[-–—]\s+|\n+|[!]+$`)
	texts := []string{"", " ", "!", "a!", "a!!", "a!.", "a !", "a!! b", "a, b", "a,b", ",, ", "a - b", "a -b", "a  –  b",
		"a\u2014\tb", "a \n- b", "a\n\nb", "\n", "a \xe2\x80 b", "a\f-\rb", "a.\vb", "v1.2.3 ok. done!", "a - ", " - b", "a :: : b",
		"wait!!", "wait!! now", "a\r\nb", "—", " — ", "x \xe2\x80\x94", "a 😱 b", "a 😱", "a 😱 ", "a\n🔥\nb", "a ☕️ b", "a 👍🏽 b", "a \u200d b", "a \ufe0f😱 b"}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "routing_*.jsonl"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ls, err := ReadLabelled(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			texts = append(texts, l.Text)
			texts = append(texts, l.History...)
		}
	}
	for _, s := range texts {
		if got, want := clauses(s), re.Split(s, -1); !slices.Equal(got, want) {
			t.Fatalf("clauses(%q) = %q, the regexp %q", s, got, want)
		}
		i, j, ok := clauseBreak(s)
		if loc := re.FindStringIndex(s); loc == nil && ok || loc != nil && (!ok || loc[0] != i || loc[1] != j) {
			t.Fatalf("clauseBreak(%q) = %d, %d, %v; the regexp %v", s, i, j, ok, loc)
		}
	}
}

func TestStarts(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`^(?:approve|approuve|lgtm)(?:\s+(\d+))?$`, []string{"approuve", "approve", "lgtm"}},
		{`^(?:je|on)\s+(?:peux|peut)\b`, []string{"je", "on"}},
		{`^(?:please\s+)?status`, []string{"please", "status"}},
		{`^v?\d+`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"}},
		{`^(?:is|are)\s+(?:\S+\s+){1,3}locked`, []string{"are", "is"}},
		{`^(?:a|b*)c`, []string{"ac", "b", "c"}},
		{`^(?:a|b*)`, nil},
		{`^x{2,3}y`, []string{"x"}},
		{`^(?:ab){0,1}c`, []string{"abc", "c"}},
		{`^(?i)deploy`, []string{"DEP", "DEp", "DeP", "Dep", "dEP", "dEp", "deP", "dep"}}, // in each of its cases
		{`^.x`, nil},
		{`^x\x{fffd}`, []string{"x"}},
		{`deploy`, nil},
		{`^(?:can|could)\s+you|^tu peux`, []string{"can", "could", "tu peux"}}, // each alternative anchored
		{`^can|tu peux`, nil},
		{`^can|^(?:x|)`, nil},
	}
	for _, tt := range tests {
		p := mustCompile(tt.expr)
		patterns = patterns[:len(patterns)-1]
		p.once.Do(p.init)
		var got []string
		if p.starts != nil {
			got = p.starts.list
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: starts %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func TestNeedsIn(t *testing.T) {
	p := mustCompile(`\b(?:diff|difference|compare|between|entre|not yet (?:in|on)|isn t|isnt|pas encore|versus|vs)\b`)
	patterns = patterns[:len(patterns)-1]
	p.once.Do(p.init)
	if p.manyNeeds == nil {
		t.Fatalf("needs %q looked for one by one", p.needs)
	}
	for s, want := range map[string]bool{"": false, "diff api": true, "what is not yet in prod": true, "x isnt": true,
		"not yet": false, "comparer staging": true, "entr": false, "the differenc": true, "nothing here": false, "pas encor": false, "a vs b": true} {
		if got := !p.refuses(s); got != want {
			t.Errorf("%q: may match %v, want %v", s, got, want)
		}
	}
}

func TestPrefixSet(t *testing.T) {
	ps := newPrefixSet([]string{"a", "approve", "lgtm", "ok ", "\xff"})
	for _, tt := range []struct {
		s            string
		prefixOf, in bool
	}{
		{"", false, false}, {"a", true, true}, {"b", false, false}, {"lgt", false, false}, {"lgtm 12", true, true},
		{"xlgtm", false, true}, {"ok", false, false}, {"so ok then", false, true}, {"\xff", true, true}, {"é", false, false},
		{"lz", false, false}, {"og", false, false}, {"ax", true, true}, {"zzlgtm", false, true}, {"lgtm", true, true},
	} {
		if got := ps.prefixOf(tt.s); got != tt.prefixOf {
			t.Errorf("prefixOf(%q) = %v", tt.s, got)
		}
		if got := ps.in(tt.s); got != tt.in {
			t.Errorf("in(%q) = %v", tt.s, got)
		}
	}
}

// TestMayMark checks that mayMark never refuses a text botMarkRe,
// botPromptRe or confirmPromptRe matches, nor mayPrompt one botPromptRe
// matches.
func TestMayMark(t *testing.T) {
	texts := []string{"Deployment 12 (#12) is waiting", "✅ done", "ANSWER yes to go on", "Answer “yes”", "Réponds oui",
		"REPONDEZ « oui", "See also: the runbook", "voir aussi :", "Confirm?", "confirmer ?", "plain text", "answer: no",
		"\u212aelvin answer yes", "repond oui", "deploy api to prod", "ſee also: the card", "ANſWER yes", "SEE ALSO : x",
		"Voir Aussi: y", "RÉPONDS \"oui\"", "réponds “oui”", "see you", "répondre oui", "CONFIRMER ?", "anſwer yes", "Confirm ?", "RÉPONDEZ oui",
		"Reply yes to start, no to drop it.", "REPLY “yes", "Go ahead? (yes/no, 2 minutes)", "Je lance ? oui / non (2 min)", "Tu confirmes ? (oui/non)",
		"reply: yes", "and/or", "Did it succeed or fail?"}
	for _, s := range texts {
		if botPromptRe.regexp().MatchString(s) && (!mayMark(s, ':') || !mayPrompt(s)) {
			t.Errorf("mayMark(%q, ':') or mayPrompt refuses a prompt to answer", s)
		}
		if botMarkRe.regexp().MatchString(s) && !mayMark(s, ':') {
			t.Errorf("mayMark(%q, ':') refuses a bot mark", s)
		}
		if confirmPromptRe.regexp().MatchString(s) != confirmPrompt(s) && !planChoiceRe.regexp().MatchString(s) {
			t.Errorf("confirmPrompt(%q) = %v", s, confirmPrompt(s))
		}
		if confirmPromptRe.regexp().MatchString(s) && !mayMark(s, '?') {
			t.Errorf("mayMark(%q, '?') refuses a confirmation prompt", s)
		}
	}
}

// BenchmarkPatternInit is the cost of reading every rule's expression for
// what a match starts with and holds (pattern.init), which the first
// messages of a process pay (issue 19).
func BenchmarkPatternInit(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range patterns {
			q := &pattern{expr: p.expr}
			q.init()
		}
	}
}
