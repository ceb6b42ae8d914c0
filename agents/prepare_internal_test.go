package agents

import (
	"context"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestPlainWordIsItsWords: a word plainWord accepts is read by
// router.Words as itself, so that project may skip reading it again.
func TestPlainWordIsItsWords(t *testing.T) {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	words := []string{"a", "l", "s", "t", "d", "x", "0", "42", "api", "web", "v1", "prod", "staging", "rollback", "le", "the", "qu", "aujourd"}
	rng := rand.New(rand.NewPCG(19, 19))
	for range 20000 {
		b := make([]byte, 1+rng.IntN(12))
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		words = append(words, string(b))
	}
	for _, w := range words {
		if !plainWord(w) {
			t.Fatalf("plainWord(%q) false", w)
		}
		if got := router.Words(w); !slices.Equal(got, []string{w}) {
			t.Fatalf("router.Words(%q) = %q, want itself", w, got)
		}
	}
	for _, w := range []string{"", "Api", "API", "mobile-api", "v1.2", "é", "l'api", "a b", "a_b", "a+b", "<@U1>", ":tada:"} {
		if plainWord(w) {
			t.Errorf("plainWord(%q) true", w)
		}
	}
}

// TestProjectAsBefore: project finds the project of a name as it did
// before its fast path: the name's words joined by "-", against each
// project's names, case folded.
func TestProjectAsBefore(t *testing.T) {
	o := &Orchestrator{Projects: []deploybot.Project{
		{Name: "api", Aliases: []string{"backend"}},
		{Name: "mobile-api", Aliases: []string{"app2"}},
		{Name: "Shop"},
		{Name: "site", Aliases: []string{"front", "www"}},
	}}
	before := func(name string) (deploybot.Project, bool) {
		n := strings.Join(router.Words(name), "-")
		for _, p := range o.Projects {
			for _, x := range p.Names() {
				if strings.EqualFold(x, n) {
					return p, true
				}
			}
		}
		return deploybot.Project{}, false
	}
	for _, name := range []string{"api", "API", "Api", "backend", "mobile-api", "mobile api", "Mobile-API", "app2", "shop", "SHOP", "Shop",
		"site", "front", "www", "web", "", "apì", "l'api", "*api*", "api.", "mobile", "s", "2"} {
		got, ok := o.project(name)
		want, wantOK := before(name)
		if ok != wantOK || got.Name != want.Name {
			t.Errorf("project(%q) = %q, %v; before: %q, %v", name, got.Name, ok, want.Name, wantOK)
		}
	}
}

// TestPreparedLang: the language Prepare reads from a message's words is
// the one handle would read, found once, and only for the text it was
// read from.
func TestPreparedLang(t *testing.T) {
	r, err := router.New([]deploybot.Project{{Name: "api", Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	o := &Orchestrator{Router: r}
	for i, tc := range []struct {
		text, handled string // handled: the text handle reads ("" : the same)
		found         bool
	}{
		{text: "déploie api en staging", found: true},
		{text: "deploy api to staging please", found: true},
		{text: "audit api", found: true},
		{text: "status", handled: "status api", found: false},
	} {
		msg := deploybot.Message{ID: "m" + string(rune('a'+i)), Platform: deploybot.PlatformTerminal, Text: tc.text}
		o.Prepare(ctx, msg)
		text := tc.text
		if tc.handled != "" {
			text = tc.handled
		}
		key := aheadKey{msg.Platform, msg.ID}
		l, sure, found := o.preparedLang(key, Bound(text))
		if found != tc.found {
			t.Fatalf("%q: found %v, want %v", tc.text, found, tc.found)
		}
		if wl, wsure := r.LangEvidence(Bound(text)); found && (l != wl || sure != wsure) {
			t.Errorf("%q: %q %v, LangEvidence says %q %v", tc.text, l, sure, wl, wsure)
		}
		if _, _, again := o.preparedLang(key, Bound(text)); again {
			t.Errorf("%q: found twice", tc.text)
		}
	}
}

// TestAuditLinePrefixes: each expression of the audit's lines matches
// only lines that start with the prefix auditWhat checks first.
func TestAuditLinePrefixes(t *testing.T) {
	for _, tc := range []struct {
		re     *regexp.Regexp
		prefix string
	}{
		{auditSetRe, "set "}, {auditResetRe, "reset "}, {auditDeployRe, "#"}, {auditFreezeRe, "freeze #"}, {auditCmdRe, "command "},
	} {
		if !strings.HasPrefix(tc.re.String(), "^"+regexp.QuoteMeta(tc.prefix)) {
			t.Errorf("%s does not start with an anchored %q", tc.re, tc.prefix)
		}
	}
	for _, line := range []string{"set strategy (project): - → canary", "reset strategy (agency): rolling → the file's value",
		"#12 deploy v1.2.0: planned → running", "freeze #3 from 2026-11-24T10:00 to 2026-11-25T10:00", "command status", "lock (alice)", "other"} {
		if got := auditWhat(deploybot.French, line); got == line && line != "other" {
			t.Errorf("auditWhat(%q) left it as is", line)
		}
	}
}
