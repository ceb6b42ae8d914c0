package router

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// token is one word of a message.
type token struct {
	raw  string // as written (case kept), for versions
	norm string // lower case, accents folded
	pct  bool   // immediately followed by '%': a figure, not a version
}

// message is a normalised chat message.
type message struct {
	tokens   []token
	question bool // contains a question mark
	accents  int  // number of accented letters: a hint of French
}

// stripSlackMarkup removes Slack's mention syntax and formatting from text:
// <@U123> and <!here> disappear, <#C1|deploys> and <http://x|label> keep their
// label, :emoji_name: shortcodes and @mentions disappear.
func stripSlackMarkup(text string) string {
	if !strings.ContainsAny(text, "<:@*_~`") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				b.WriteByte(' ')
				i++
				continue
			}
			inner := text[i+1 : i+end]
			i += end + 1
			if bar := strings.IndexByte(inner, '|'); bar >= 0 {
				if inner != "" && (inner[0] == '@' || inner[0] == '!') {
					b.WriteByte(' ')
					continue
				}
				b.WriteByte(' ')
				b.WriteString(inner[bar+1:])
				b.WriteByte(' ')
				continue
			}
			if inner != "" && (inner[0] == '@' || inner[0] == '!' || inner[0] == '#') {
				b.WriteByte(' ')
				continue
			}
			b.WriteByte(' ')
			b.WriteString(inner)
			b.WriteByte(' ')
		case c == ':':
			// :emoji_name: shortcode
			end := 1
			for i+end < len(text) && isShortcodeByte(text[i+end]) {
				end++
			}
			if end > 1 && i+end < len(text) && text[i+end] == ':' {
				b.WriteByte(' ')
				i += end + 1
				continue
			}
			b.WriteByte(c)
			i++
		case c == '@' && (i == 0 || !isWordByte(text[i-1])):
			// @deploybot, @bob: a mention, not content
			end := 1
			for i+end < len(text) && (isWordByte(text[i+end]) || text[i+end] == '-' || text[i+end] == '.') {
				end++
			}
			b.WriteByte(' ')
			i += end
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func isShortcodeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '+'
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// fold lower-cases s and removes its diacritics ("Pré-Prod" -> "pre-prod").
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.ToLower(out)
	// Ligatures that NFD leaves whole.
	return strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss").Replace(out)
}

// isTokenRune reports whether r belongs inside a word. Dots, dashes, plus and
// underscores stay inside words so that versions (v1.4.2, release-2024.11,
// 2.0.0-rc.1) and names (blue-green, mobile-api) survive.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' || r == '+'
}

// joinContractions turns English contractions into one word ("don't" ->
// "dont", "can’t" -> "cant") so that only French elisions ("l'api",
// "c'est") split at the apostrophe.
func joinContractions(text string) string {
	if !strings.ContainsAny(text, "'’") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if (r == '\'' || r == '’') && i > 0 && isWordByte(text[i-1]) {
			j := i + size
			if j < len(text) && (text[j] == 't' || text[j] == 'T') && (j+1 == len(text) || !isWordByte(text[j+1])) {
				i = j // drop the apostrophe, keep the 't'
				continue
			}
		}
		b.WriteString(text[i : i+size])
		i += size
	}
	return b.String()
}

// normalize turns raw chat text into a message of tokens.
func normalize(text string) message {
	text = joinContractions(stripSlackMarkup(text))
	m := message{
		question: strings.ContainsAny(text, "?¿"),
		tokens:   make([]token, 0, 16),
	}
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		raw := strings.Trim(text[start:end], ".-_+")
		start = -1
		if raw == "" {
			return
		}
		m.tokens = append(m.tokens, token{
			raw:  raw,
			norm: fold(raw),
			pct:  end < len(text) && text[end] == '%',
		})
	}
	for i, r := range text {
		if isTokenRune(r) {
			if start < 0 {
				start = i
			}
			if r >= 0xC0 && r <= 0x17F {
				m.accents++
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return m
}

// Words returns the words of a chat message as the router reads them: Slack
// markup and emoji removed, lower case, accents folded. Other packages use
// it to index and search text the same way.
func Words(text string) []string {
	return langWords(normalize(text))
}
