package router

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Déploie la Pré-Prod", []string{"deploie", "la", "pre-prod"}},
		{"<@U04ABCD12> rollback shop", []string{"rollback", "shop"}},
		{"<@U04ABCD12|deploybot> go", []string{"go"}},
		{"@deploybot deploy api v1.4.2 🚀", []string{"deploy", "api", "v1.4.2"}},
		{"ship it :rocket: :+1:", []string{"ship", "it"}},
		{"see <#C123|deploys> and <https://x.example|the doc>", []string{"see", "deploys", "and", "the", "doc"}},
		{"don't deploy, can’t wait", []string{"dont", "deploy", "cant", "wait"}},
		{"c'est l'api qu'on pousse", []string{"c", "est", "l", "api", "qu", "on", "pousse"}},
		{"release-2024.11, 2.0.0-rc.1.", []string{"release-2024.11", "2.0.0-rc.1"}},
		{"Œuvre ÇA", []string{"oeuvre", "ca"}},
		{"email me at bob@example.com", []string{"email", "me", "at", "bob", "example.com"}},
		{"", []string{}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsVersion(t *testing.T) {
	tests := []struct {
		raw, prev string
		pct       bool
		want      bool
	}{
		{"v1.4.2", "", false, true},
		{"1.4.2", "", false, true},
		{"1.4", "", false, true},
		{"v3", "", false, true},
		{"release-2024.11", "", false, true},
		{"2.0.0-rc.1", "", false, true},
		{"e41b07d", "", false, true},
		{"0a1b2c3d4e5f", "", false, true},
		{"42", "version", false, true},
		{"42", "", false, false},
		{"0.1", "", true, false}, // "0.1%" is a figure
		{"deadbeef", "", false, false},
		{"1234567", "", false, false},
		{"p95", "", false, false},
		{"500ms", "", false, false},
		{"v1..2", "", false, false},
	}
	for _, tt := range tests {
		tok := token{raw: tt.raw, norm: fold(tt.raw), pct: tt.pct}
		if got := isVersion(tok, tt.prev); got != tt.want {
			t.Errorf("isVersion(%q after %q) = %v, want %v", tt.raw, tt.prev, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"shop", "shop", 0}, {"shpo", "shop", 1}, {"payemnts", "payments", 1}, {"stagging", "staging", 1},
		{"dashbord", "dashboard", 1}, {"blog", "crm", 3}, {"notifer", "notifier", 1}, {"paimnts", "payments", 2},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	// Against the whole table, capped at 3, on the typo targets, their
	// edits and other words.
	words := append([]string{"", "a", "ab", "ba", "abc", "acb", "bca", "blog", "crm", "prod", "pord", "prdo", "stagging",
		"sttaus", "confrim", "lcok", "unfrezee", "halp", "deploy", "deplyo", "rolback", "rollback", "checklist", "chekclist"}, typoTargets...)
	for _, a := range words {
		for _, b := range words {
			if got, want := distance(a, b), min(fullDistance(a, b), 3); got != want && len(b) <= 32 {
				t.Errorf("distance(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// fullDistance is the optimal string alignment distance, the whole table.
func fullDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestNegated(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"ne déploie pas le crm tout de suite", true},
		{"don't deploy shop yet", true},
		{"do not roll back auth", true},
		{"attends, on vérifie d'abord", true},
		{"hold off on the release", true},
		{"n'oublie pas de déployer le blog", false},
		{"don't forget to deploy the blog", false},
		{"déploie le crm en prod", false},
		{"pas de souci, déploie", false},
		{"ne lance rien sur le blog", true},
		{"please do not deploy on friday", true},
	}
	for _, tt := range tests {
		if got := negated(Words(tt.text)); got != tt.want {
			t.Errorf("negated(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestNormalizeUncleanText: invalid UTF-8 and control characters never
// reach a word, and a word with one inside is not read as a shorter word.
func TestNormalizeUncleanText(t *testing.T) {
	tests := []struct {
		in     string
		words  []string
		fields []string
	}{
		{"deploy\x00api", []string{"deploy", "api"}, []string{"deploy\uFFFDapi"}},
		{"deploy\tapi\r\nv1", []string{"deploy", "api", "v1"}, []string{"deploy", "api", "v1"}},
		{"v1.2\xff to\xc3", []string{"v1.2", "to"}, []string{"v1.2\uFFFD", "to\uFFFD"}},
		{"\x00\x01\x7f", []string{}, []string{"\uFFFD\uFFFD\uFFFD"}},
		{"ok\u0085go", []string{"ok", "go"}, []string{"ok", "go"}},
		{"v1.2 → prod", []string{"v1.2", "prod"}, []string{"v1.2", "prod"}},
	}
	for _, tt := range tests {
		m := normalize(tt.in)
		words, fields := []string{}, []string{}
		for _, tk := range m.tokens {
			words = append(words, tk.norm)
		}
		for _, f := range m.fields {
			fields = append(fields, f.raw)
		}
		if !reflect.DeepEqual(words, tt.words) || !reflect.DeepEqual(fields, tt.fields) {
			t.Errorf("normalize(%q): words %q fields %q, want %q %q", tt.in, words, fields, tt.words, tt.fields)
		}
	}
}

// TestFold checks that the table of Latin letters folds as the general
// path does, each letter alone, between others and next to combining marks.
func TestFold(t *testing.T) {
	var texts []string
	for r := rune(0x80); r < latinEnd; r++ {
		l := string(r)
		texts = append(texts, l, "a"+l+"B", l+l, "É"+l, l+"\u0301", l+"\u0327e", "x"+l+"\u4e2d")
	}
	// Symbols and emoji fold alone (symbolRune): each of them, between
	// letters, after an accented one, before and after combining marks,
	// and with a variation selector.
	for _, block := range [][2]rune{{0x2000, 0x2c00}, {0xfe00, 0xfe10}, {0x1f000, 0x1fb00}} {
		for r := block[0]; r < block[1]; r++ {
			l := string(r)
			texts = append(texts, "a"+l+"B", "é"+l+"\u0301", l+"\u0338e", "É"+l+"\ufe0f", "\u1100"+l+"\u1161")
		}
	}
	texts = append(texts, "✅ Déployé → prod", "🔒 web/production verrouillé par alice : « MEP »", "l’équipe — v2.0…", "\u212bngstr\u00f6m",
		"\u2000x", "K\u212a", "❌ api n'a pas d'exécuteur", "\u1100\u1161", "e\u0301\u2192")
	texts = append(texts, "Déploie", "PRÉ-PROD", "Œuvre", "straße", "e\u0301te\u0301", "ǅemal", "İstanbul", "ﬁx", "Ⱥb", "ÀÉÎÕÜ")
	for _, s := range texts {
		if got, want := fold(s), foldAny(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestFirstField(t *testing.T) {
	for _, s := range []string{"", " ", "show me", "  the\u00a0runbook", "\tle\nsite", "one", "é x", "\u2003a b"} {
		want := ""
		if ws := strings.Fields(s); len(ws) > 0 {
			want = ws[0]
		}
		if got := firstField(s); got != want {
			t.Errorf("firstField(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestIsFoldedWord(t *testing.T) {
	for _, w := range []string{"", "api", "mobile-api", "-api", "api-", "Api", "v1.2", "a_b", "été", "a b", "x9", "a--b", "<@u1>", "don't"} {
		ws := Words(w)
		if got, want := isFoldedWord(w), len(ws) == 1 && ws[0] == w; got && !want {
			t.Errorf("isFoldedWord(%q) but Words gives %q", w, ws)
		}
	}
}

// TestBagDistance checks that bagDistance never exceeds distance, on the
// command words and their typos.
func TestBagDistance(t *testing.T) {
	words := append([]string{"", "a", "ab", "ba", "aab", "abb", "halp", "sttaus", "confrim", "lcok", "unfrezee", "zzzzzz"}, typoTargets...)
	for _, a := range words {
		for _, b := range words {
			if lb, d := bagDistance(a, b), distance(a, b); lb > d && d < 3 {
				t.Errorf("bagDistance(%q, %q) = %d, distance %d", a, b, lb, d)
			}
		}
	}
}

// TestShaAndNumber checks isSha and isNumber against the regexps they
// stand for.
func TestShaAndNumber(t *testing.T) {
	sha, number := regexp.MustCompile(`^[0-9a-f]{7,40}$`), regexp.MustCompile(`^\d{1,6}$`)
	words := []string{"", "1", "123456", "1234567", "abcdef1", "abcdefg", "ABCDEF1", "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
		"deadbeefdeadbeefdeadbeefdeadbeefdeadbeef0", "12 34", "١٢٣", "0x1234567", "v1.2.3", "12a"}
	for _, w := range words {
		if got, want := isSha(w), sha.MatchString(w); got != want {
			t.Errorf("isSha(%q) = %v, the regexp %v", w, got, want)
		}
		if got, want := isNumber(w), number.MatchString(w); got != want {
			t.Errorf("isNumber(%q) = %v, the regexp %v", w, got, want)
		}
	}
}

// TestJoinFields checks joinFields against strings.Join of the words.
func TestJoinFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0b", "é b", "show me the history",
		"a\nb", "a\rb", "a\vb", "a\fb", "  "} {
		ws := strings.Fields(s)
		if got, want := joinFields(s, ws), strings.Join(ws, " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestHasFrame checks hasFrame against the request frames looked for
// with their spaces.
func TestHasFrame(t *testing.T) {
	for _, line := range []string{"", "can you", "can you unlock api", "scan you", "can youpi", "ok", "ok.", "okay", "so ok",
		"deploybot", "@deploybot", "hey @deploybot lock", "tu peux verrouiller", "tu peuxx", "pls", "merci de", "merci",
		"peux-tu", "peux tu ?", "someone please", " can you"} {
		want := false
		for _, f := range requestFrames {
			want = want || strings.Contains(" "+line+" ", " "+f+" ")
		}
		if got := hasFrame(line); got != want {
			t.Errorf("hasFrame(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestHasPhrase checks hasPhrase against the phrase looked for with its
// spaces, for the phrases hedge.go looks for that way.
func TestHasPhrase(t *testing.T) {
	lines := []string{"", " ", "not sure", "im not sure about it", "not surely", "wait for qa", "lets wait", "a b  c", " a b ",
		"maybe later", "no way jose", "deploy api to prod", "si jamais"}
	phrases := append(append([]string{" a", "b ", "b  c", "a"}, hedgePhrases...), waitPhrases...)
	for _, ph := range phrases {
		if ph == "" {
			t.Fatal("an empty phrase")
		}
		for _, line := range append(lines, ph, "x "+ph, ph+" x", "x"+ph) {
			if got, want := hasPhrase(line, ph), strings.Contains(" "+line+" ", " "+ph+" "); got != want {
				t.Errorf("hasPhrase(%q, %q) = %v, want %v", line, ph, got, want)
			}
			for _, set := range [][]string{hedgePhrases, waitPhrases, {ph}, {ph, "b"}} {
				want := false
				for _, p := range set {
					want = want || hasPhrase(line, p)
				}
				if got := newPhraseSet(set).in(line); got != want {
					t.Errorf("phraseSet(%q).in(%q) = %v, want %v", set, line, got, want)
				}
			}
		}
	}
}

// BenchmarkNormalize normalises the development set's messages in turn:
// the part of every parse that reads a text into tokens and fields.
func BenchmarkNormalize(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "routing_dev.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for line := range strings.Lines(string(data)) {
		var l struct{ Text string }
		if json.Unmarshal([]byte(line), &l) == nil {
			texts = append(texts, l.Text)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		normalize(texts[i%len(texts)])
		i++
	}
}

// TestCleanPlain checks that clean's pass over the bytes returns the text
// unchanged only where its three steps would have: texts made of the
// bytes that matter and others around them.
func TestCleanPlain(t *testing.T) {
	parts := []string{"a", "B", " ", "1", ".", "<", ">", ":", "@", "*", "_", "~", "`", "'", "’", "é", "\x7f", "\x00", "\t",
		"\n", "\xff", "\u0085", "|", "!", "#", "don", "t", "<@U1>", ":rocket:", "l'api"}
	var texts []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				texts = append(texts, a+b+c, "deploy "+a+b+" "+c)
			}
		}
	}
	for _, text := range texts {
		if got, want := clean(text), joinContractions(stripSlackMarkup(sanitize(text))); got != want {
			t.Fatalf("clean(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestByteSet checks byteSet.in against strings.ContainsAny.
func TestByteSet(t *testing.T) {
	const chars = "0123456789-_."
	s := newByteSet(chars)
	for _, text := range []string{"", "a", "deploy", "v1", "rc-", "_", "é", "1.2.3", "prod.", "x\xff"} {
		if got, want := s.in(text), strings.ContainsAny(text, chars); got != want {
			t.Errorf("in(%q) = %v, want %v", text, got, want)
		}
	}
}
