package router_test

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"deploybot"
	"deploybot/deploy/safe"
	"deploybot/router"
)

// FuzzRoute routes arbitrary text: the router never panics, its answer is
// always valid, and the same text always gets the same answer.
func FuzzRoute(f *testing.F) {
	for _, file := range []string{"routing_dev.jsonl", "routing_holdout.jsonl", "routing_holdout2.jsonl"} {
		for _, l := range readSet(f, filepath.Join("..", "testdata", file)) {
			f.Add(l.Text)
		}
	}
	for _, s := range []string{
		"", " ", "deploy shop --help to staging", "deploy shop v1/../../etc to staging",
		"déploie api v1.4.2 en prod --yes", `deploy api to prod --force "client demo"`, "rollback api --force=x",
		"deploy api\x00 v1.2.3\xff to prod", "<@U123|bob> <#C1|deploys> <http://x|y> :rocket: @deploybot",
		"deploy mobile api 1.2.0 to uat", "deploy api@1.2.3 to staging", "reviens à la version d'avant sur api",
		"<<<<", "::::", "'t't't", "--force \"", "deploy api -", "deploy api v1.2.3... to prod",
	} {
		f.Add(s)
	}
	r, err := router.New(testProjects)
	if err != nil {
		f.Fatal(err)
	}
	apps := map[string]bool{"": true}
	envs := map[string]bool{"": true, deploybot.EnvStaging: true, deploybot.EnvProduction: true}
	for _, p := range testProjects {
		apps[p.Name] = true
		for _, e := range p.Environments {
			envs[e.Name] = true
		}
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		got := r.Route(ctx, text)
		if again := r.Route(ctx, text); again != got {
			t.Fatalf("Route(%q) is not deterministic:\n %+v\n %+v", text, got, again)
		}
		checkIntent(t, text, got, apps, envs)
	})
}

func checkIntent(t *testing.T, msg string, got deploybot.Intent, apps, envs map[string]bool) {
	t.Helper()
	text := msg
	if len(text) > 200 {
		text = text[:200] + "..."
	}
	switch {
	case !got.Route.Valid():
		t.Errorf("Route(%q): route %q", text, got.Route)
	case got.Intent != deploybot.IntentQuestion && !got.Intent.IsAction():
		t.Errorf("Route(%q): intent %q", text, got.Intent)
	case math.IsNaN(got.Confidence) || got.Confidence < 0 || got.Confidence > 1:
		t.Errorf("Route(%q): confidence %v", text, got.Confidence)
	case got.Lang != deploybot.French && got.Lang != deploybot.English:
		t.Errorf("Route(%q): lang %q", text, got.Lang)
	case got.Version != "" && !safe.Version(got.Version):
		t.Errorf("Route(%q): version %q does not pass safe.Version", text, got.Version)
	case got.Version != "" && !containsWord(msg, got.Version):
		t.Errorf("Route(%q): version %q is not a word of the message", text, got.Version)
	case got.BadVersion != "" && got.BadVersion == got.Version:
		t.Errorf("Route(%q): bad version %q is the version", text, got.BadVersion)
	case !got.Intent.IsAction() && (got.App != "" || got.Env != "" || got.Version != "" || got.BadVersion != ""):
		t.Errorf("Route(%q): a question with slots %+v", text, got)
	case !apps[got.App] || !apps[got.SubjectApp]:
		t.Errorf("Route(%q): unknown project %q/%q", text, got.App, got.SubjectApp)
	case !envs[got.Env] || !envs[got.SubjectEnv]:
		t.Errorf("Route(%q): unknown environment %q/%q", text, got.Env, got.SubjectEnv)
	case !utf8.ValidString(got.BadVersion) || strings.ContainsRune(got.BadVersion, 0):
		t.Errorf("Route(%q): bad version %q is not clean text", text, got.BadVersion)
	}
}

// containsWord reports whether v is written in text as a whole word: what
// is around it is a space, the end, or punctuation that is no part of a
// version.
func containsWord(text, v string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], v)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(v)
		// Slack's italic marks at a word's edge are markup, not the
		// version's: "_4.0.0_" is version 4.0.0 (text.go).
		s, e := start, end
		for s > 0 && strings.IndexByte("*~`_", text[s-1]) >= 0 {
			s--
		}
		if s > 0 && !strings.ContainsRune(" \t\n([{\"'", rune(text[s-1])) {
			s = start // marks inside a word are the word's
		}
		for e < len(text) && strings.IndexByte("*~`_", text[e]) >= 0 {
			e++
		}
		if e < len(text) && !strings.ContainsRune(" \t\n.,;:!?)]}\"'", rune(text[e])) {
			e = end
		}
		before, _ := utf8.DecodeLastRuneInString(text[:s])
		after, _ := utf8.DecodeRuneInString(text[e:])
		if s == 0 || !isVersionRune(before) || s < start {
			if e == len(text) || !isVersionRune(after) || e > end {
				return true
			}
		}
		i = start + 1
	}
}

func isVersionRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/+_-", r) || r > utf8.RuneSelf
}

// largeMessages are 100 KB messages of the shapes that could make a scan
// quadratic: lone brackets and colons, one endless word, many versions,
// many sentences, many options.
func largeMessages() map[string]string {
	const size = 100 << 10
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)+1)[:size] }
	return map[string]string{
		"brackets":  fill("<"),
		"colons":    ":" + fill("a"),
		"mentions":  fill("@a "),
		"one word":  fill("a"),
		"versions":  "deploy api " + fill("v1.2.3 "),
		"dotted":    "deploy api v" + fill("1."),
		"sentences": fill("the client validated it. ") + "please deploy api 3.2.0 to production now",
		"options":   "deploy api " + fill("--x "),
		"quotes":    "deploy api --force \"" + fill("a "),
		"french":    fill("déploie l'api en prod stp, ") + "merci",
		"invalid":   fill("\xff\x00 "),
		"typos":     fill("paymnets stagging "),
	}
}

// TestRouteLargeMessage routes 100 KB messages: each gets a valid answer
// (a quadratic scan would make this test time out).
func TestRouteLargeMessage(t *testing.T) {
	r, err := router.New(testProjects)
	if err != nil {
		t.Fatal(err)
	}
	apps := map[string]bool{"": true, "api": true, "payments": true, "dashboard": true, "mobile-api": true, "shop": true}
	envs := map[string]bool{"": true, "staging": true, "production": true, "uat": true}
	for name, text := range largeMessages() {
		t.Run(name, func(t *testing.T) {
			checkIntent(t, text, r.Route(context.Background(), text), apps, envs)
		})
	}
}

// BenchmarkRouteLarge routes each 100 KB message: the time per message
// grows with its size, not with its square.
func BenchmarkRouteLarge(b *testing.B) {
	r, err := router.New(testProjects)
	if err != nil {
		b.Fatal(err)
	}
	for name, text := range largeMessages() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				r.Route(context.Background(), text)
			}
		})
	}
}
