package router

import (
	"errors"
	"hash/maphash"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// token is one word of a message.
type token struct {
	raw   string // as written (case kept), for versions
	norm  string // lower case, accents folded
	pct   bool   // immediately followed by '%': a figure, not a version
	field int    // index of the field the token is part of
}

// field is a run of text between spaces, as written: the unit a version is
// read as ("v1/../../etc" is one field of two tokens).
type field struct {
	raw        string // as written
	first, end int    // its tokens: m.tokens[first:end]
}

// message is a normalised chat message.
type message struct {
	tokens   []token
	fields   []field
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
	unclosed := false // no '>' after this point: each '<' is a lone one
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '<':
			end := -1
			if !unclosed {
				end = strings.IndexByte(text[i:], '>')
			}
			if end < 0 {
				unclosed = true
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
		case c == '*' || c == '~' || c == '`' || c == '_':
			// Slack's emphasis, bold, strike and code marks: "**api
			// 3.3.1**", "`v1.8.3`", "_4.0.0_" (a usability review found
			// such versions refused). A run of marks is markup when it
			// opens or closes a word: after a space or an opening bracket,
			// or before a space, a closing punctuation or the end; inside a
			// word ("release_2024", "v1`id`", "0.0+_0") it stays.
			j := i
			for j < len(text) && strings.IndexByte("*~`_", text[j]) >= 0 {
				j++
			}
			if i == 0 || strings.IndexByte(" \t\n([{\"'", text[i-1]) >= 0 || j == len(text) || strings.IndexByte(" \t\n.,;:!?)]}\"'", text[j]) >= 0 {
				b.WriteByte(' ')
			} else {
				b.WriteString(text[i:j])
			}
			i = j
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
//
// A profile of Parse showed half its allocated bytes in the general path
// (a transform chain built for each word): words in Latin letters, nearly
// every accented word of a chat, are folded letter by letter from a table
// that the general path fills once.
func fold(s string) string {
	ascii, upper := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if ascii {
		if !upper {
			return s // most words: strings.ToLower would scan them again
		}
		return strings.ToLower(s)
	}
	if out, ok := foldLatin(s); ok {
		return out
	}
	return foldAny(s)
}

// latinEnd bounds the letters foldLatin folds from its table: Latin-1,
// Latin Extended-A and B. Each is one letter, or a letter and combining
// marks, in NFD: folded alone, it folds as within a word (nothing of it
// composes with a neighbour once its marks are gone).
const latinEnd = 0x250

var latinFolds = sync.OnceValue(func() *[latinEnd - utf8.RuneSelf]string {
	var t [latinEnd - utf8.RuneSelf]string
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		t[r-utf8.RuneSelf] = foldAny(string(r))
	}
	return &t
})

// foldLatin folds s from the table when all its letters are below
// latinEnd, or symbols (symbolRune) that fold alone.
func foldLatin(s string) (string, bool) {
	t := latinFolds()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r < latinEnd:
			b.WriteString(t[r-utf8.RuneSelf])
		case symbolRune(r):
			var buf [utf8.UTFMax]byte
			n := utf8.EncodeRune(buf[:], r)
			switch {
			case unicode.Is(unicode.Mn, r):
				// a variation selector, a mark on a symbol: removed
			case len(norm.NFD.Properties(buf[:n]).Decomposition()) == 0:
				b.WriteRune(unicode.ToLower(r))
			default:
				return "", false // "Å" (U+212B), an en quad: the general path
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

// symbolRune reports whether r is in a block of punctuation, symbols or
// emoji, which the bot's own replies are full of ("→", "—", "’", "✅",
// "🔒") and chats often hold: none of them composes with a neighbour
// once marks are removed (only Hangul jamo and a few Indic vowel signs
// do), so each folds alone, as within a text. A profile of bench's
// scripted chat put 8 % of its CPU in the general path (foldAny: a
// transform chain over the whole text), most of it on the bot's replies
// that the router reads in a message's history.
func symbolRune(r rune) bool {
	return 0x2000 <= r && r < 0x2c00 || 0xfe00 <= r && r < 0xfe10 || 0x1f000 <= r && r < 0x1fb00
}

// foldAny folds any text: NFD, without its nonspacing marks, NFC, lower
// case, and the ligatures that NFD leaves whole spelt out.
func foldAny(s string) string {
	t := foldTransformers.Get().(transform.Transformer)
	defer foldTransformers.Put(t)
	out, _, err := transform.String(t, s) // String resets t first
	if err != nil {
		out = s
	}
	return ligatures.Replace(strings.ToLower(out))
}

var (
	foldTransformers = sync.Pool{New: func() any {
		return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	}}
	ligatures = strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss")
)

// isTokenRune reports whether r belongs inside a word. Dots, dashes, plus and
// underscores stay inside words so that versions (v1.4.2, release-2024.11,
// 2.0.0-rc.1) and names (blue-green, mobile-api) survive.
func isTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&asciiToken != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' || r == '+'
}

// asciiClass holds, for each ASCII byte, whether isTokenRune and
// isFieldBreak hold: a profile of Parse put a tenth of its time in scan,
// most of it in those two calls for every letter of every message.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for r := range rune(utf8.RuneSelf) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' || r == '+' {
			t[r] |= asciiToken
		}
		if unicode.IsSpace(r) {
			t[r] |= asciiBreak
		}
	}
	return t
}()

const (
	asciiToken = 1 << iota
	asciiBreak
)

// joinContractions turns English contractions into one word ("don't" ->
// "dont", "can’t" -> "cant") so that only French elisions ("l'api",
// "c'est") split at the apostrophe.
func joinContractions(text string) string {
	if strings.IndexByte(text, '\'') < 0 && !strings.Contains(text, "’") {
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

// sanitize replaces invalid UTF-8 and control characters (NUL included)
// with U+FFFD, and line breaks and tabs with spaces, so that nothing the
// router returns holds them, and a word with one inside stays one word
// ("v1\x00x" is not v1).
func sanitize(text string) string {
	clean := true
	for _, r := range text {
		if r == utf8.RuneError || r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			clean = false
			break
		}
	}
	if clean {
		return text
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(text, "\uFFFD"))
}

// isFieldBreak reports whether r separates fields: a space or an arrow.
func isFieldBreak(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&asciiBreak != 0
	}
	return unicode.IsSpace(r) || r == '→' || r == '⇒' || r == '➡'
}

// normalize turns raw chat text into a message of tokens and fields.
func normalize(text string) message {
	return normalizeIn(text, nil)
}

// normalizeIn is normalize, its tokens and fields appended to those of
// sc (emptied first) when sc is not nil: see scratch.
func normalizeIn(text string, sc *scratch) message {
	text = clean(text)
	n := strings.Count(text, " ") + 2 // about the fields and the tokens: room enough for most messages
	m := message{question: hasQuestionMark(text)}
	if sc != nil && cap(sc.tokens) >= n && cap(sc.fields) >= n {
		m.tokens, m.fields = sc.tokens[:0], sc.fields[:0]
	} else {
		m.tokens, m.fields = make([]token, 0, n), make([]field, 0, n)
	}
	m.accents = scan(text, func(raw string, pct bool) {
		m.tokens = append(m.tokens, token{raw: raw, norm: fold(raw), pct: pct, field: len(m.fields)})
	}, func(raw string) {
		first := 0
		if len(m.fields) > 0 {
			first = m.fields[len(m.fields)-1].end
		}
		m.fields = append(m.fields, field{raw: raw, first: first, end: len(m.tokens)})
	})
	return m
}

// clean removes from text what is not read: invalid and control
// characters, Slack markup, the apostrophes of English contractions.
//
// Most texts hold none of them: one pass over the bytes, against a table
// of those that may start one, says so. A profile of Route (issue 19)
// put 6 % of its CPU in the three passes, each of which returned the
// text unchanged.
func clean(text string) string {
	for i := 0; i < len(text); i++ {
		if cleanBytes.has(text[i]) {
			return joinContractions(stripSlackMarkup(sanitize(text)))
		}
	}
	return text
}

// cleanBytes are the bytes of what clean may remove or change: control
// bytes and DEL, every byte of a non-ASCII character (an invalid one, a
// C1 control, a typographic apostrophe), Slack's markup and the
// apostrophe.
var cleanBytes = func() byteSet {
	s := newByteSet("<:@*_~`'\x7f")
	for c := range 0x20 {
		s.add(byte(c))
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		s.add(byte(c))
	}
	return s
}()

// byteSet is a set of bytes.
type byteSet [4]uint64

func newByteSet(chars string) byteSet {
	var s byteSet
	for i := 0; i < len(chars); i++ {
		s.add(chars[i])
	}
	return s
}

func (s *byteSet) add(c byte) { s[c>>6] |= 1 << (c & 63) }

func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }

// in reports whether a byte of text is in s: strings.ContainsAny(text,
// chars) for s the set of chars' bytes, ASCII, without its look-up of
// each of text's characters in chars.
func (s *byteSet) in(text string) bool {
	for i := 0; i < len(text); i++ {
		if s.has(text[i]) {
			return true
		}
	}
	return false
}

func hasQuestionMark(text string) bool {
	return strings.IndexByte(text, '?') >= 0 || strings.Contains(text, "¿")
}

// scan calls token for each token of a cleaned text, with whether a '%'
// follows it, and field for each field once its tokens are given; it
// returns the number of accented letters.
//
// ASCII bytes are classed from asciiClass in the loop itself: a profile
// of Parse (issue 19) put a fifth of scan's time in the calls of
// isFieldBreak and isTokenRune, too large to be inlined, for every letter.
func scan(text string, token func(raw string, pct bool), field func(raw string)) (accents int) {
	start, fieldStart := -1, -1
	for i := 0; i <= len(text); {
		var class uint8
		size := 1
		switch {
		case i == len(text):
			class = asciiBreak // the end closes the last field
		case text[i] < utf8.RuneSelf:
			class = asciiClass[text[i]]
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			switch {
			case isFieldBreak(r):
				class = asciiBreak
			case isTokenRune(r):
				class = asciiToken
				if r >= 0xC0 && r <= 0x17F {
					accents++
				}
			}
		}
		if class&asciiToken != 0 {
			if start < 0 {
				start = i
			}
			if fieldStart < 0 {
				fieldStart = i
			}
			i += size
			continue
		}
		// The end of a token, if one is open.
		if start >= 0 {
			if raw := trimTokenEdges(text[start:i]); raw != "" {
				token(raw, i < len(text) && text[i] == '%')
			}
			start = -1
		}
		if class&asciiBreak != 0 {
			if fieldStart >= 0 && field != nil {
				field(text[fieldStart:i])
			}
			fieldStart = -1
		} else if fieldStart < 0 {
			fieldStart = i
		}
		i += size
	}
	return accents
}

// trimTokenEdges is strings.Trim(s, ".-_+"), without building the cutset
// at every call.
func trimTokenEdges(s string) string {
	isEdge := func(c byte) bool { return c == '.' || c == '-' || c == '_' || c == '+' }
	for len(s) > 0 && isEdge(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isEdge(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// Words returns the words of a chat message as the router reads them: Slack
// markup and emoji removed, lower case, accents folded. Other packages use
// it to index and search text the same way.
func Words(text string) []string {
	countRead(len(text))
	text = clean(text)
	words := make([]string, 0, strings.Count(text, " ")+2)
	scan(text, func(raw string, _ bool) {
		words = append(words, fold(raw))
	}, nil)
	return words
}

// wordsOf is Words(text) for the rules, from a memory of the texts lately
// read: the slice it returns is shared, and must not be changed (its
// capacity is its length, so that an append copies it).
//
// The rules read the words of the same texts again and again: the
// message, its clauses, its history, each rule on its own. Counted on
// BenchmarkParse's set, 3.7 calls of Words a message for 0.9 distinct
// texts, and 17 % of Parse's allocations.
func wordsOf(text string) []string {
	countRead(len(text))
	return wordsMemo.get(text, func(text string) []string {
		ws := Words(text)
		return ws[:len(ws):len(ws)]
	})
}

var wordsMemo textMemo[[]string]

// A wordsAfter gives the first word after positions of a text asked in
// increasing order ("deploy api to prod? no": the word after each
// question mark). Words(text[i:])[0] read the rest of the text for each
// position: a long message of question marks was read once a mark.
//
// It reads the text field by field (fields end at spaces, tabs and line
// breaks). A field holds alone the words it holds in text[i:], when no
// field from i to it has a link or a mention that does not end in it
// (linksClosed): clean changes a text one character at a time, looking at
// most at the characters beside it, which a space stands for at a
// field's edges; only a link or a mention (<…>) may span fields
// (stripSlackMarkup). The first field with a word gives the word after
// every position before it; at the first field with an open link,
// text[i:] is read whole, and what it gives holds for every position
// before that field too (the fields between hold no word and no link).
type wordsAfter struct {
	text  string
	asked bool   // whether first was asked already
	until int    // where the last word asked was found (its field, or just after its start), or the field from which the text was read whole
	word  string // the word after every position asked before until
}

// first returns the first of Words(w.text[i:]), or "". i is after the
// positions asked before.
func (w *wordsAfter) first(i int) string {
	t := w.text
	if w.asked && i < w.until {
		// Read from an earlier position: what follows i up to until is
		// part of what held no word and no link after it.
		return w.word
	}
	w.asked = true
	lastGT := strings.LastIndexByte(t, '>')
	for at := i; at < len(t); {
		end := at
		for end < len(t) && t[end] != ' ' && t[end] != '\t' && t[end] != '\n' {
			end++
		}
		field := t[at:end]
		if !linksClosed(field, lastGT-at) {
			w.until, w.word = at, ""
			if ws := Words(t[i:]); len(ws) > 0 {
				w.word = ws[0]
			}
			return w.word
		}
		if ws := Words(field); len(ws) > 0 {
			w.until, w.word = at, ws[0]
			if clean(field) == field {
				// The word holds for every position up to where it is
				// written in the field ("?????deploy"): its token is the
				// field's first that is not only edges (trimTokenEdges).
				scan(field, func(raw string, _ bool) {
					if w.until == at {
						w.until = at + strings.Index(field, raw) + 1
					}
				}, nil)
			}
			return w.word
		}
		at = end + 1
	}
	w.until, w.word = len(t), ""
	return ""
}

// linksClosed reports whether every '<' of a field opens a link or a
// mention that ends in it ("<@U123>", "<https://x|label>"), or no '>'
// follows it in the text (stripSlackMarkup reads it as a lone '<'):
// lastGT is where the text's last '>' stands from the field's start
// (wordsAfter).
func linksClosed(field string, lastGT int) bool {
	for k := 0; k < len(field); k++ {
		if field[k] == '<' && k < lastGT {
			e := strings.IndexByte(field[k:], '>')
			if e < 0 {
				return false
			}
			k += e
		}
	}
	return true
}

// A textMemo remembers a function's results for the texts lately given
// it, for the functions of a text the rules ask again and again of the
// same texts (wordsOf, commandLine, clauses). Each slot keeps the last
// text of its hash, a copy; a text longer than memoMaxText, rare in a
// chat, is computed each time, so that the memory stays small (at most
// 128 KB of texts a memo). The slots are
// replaced whole (atomic pointers to entries never changed), so a memo is
// safe for the Router's concurrent use; what it returns is shared, and
// must not be changed.
type textMemo[T any] struct {
	slots [1 << memoBits]atomic.Pointer[memoEntry[T]]
}

// memoEntry is a text and its result, in a textMemo.
type memoEntry[T any] struct {
	text string
	v    T
}

const (
	memoBits    = 8
	memoMaxText = 512
)

var memoSeed = maphash.MakeSeed()

// get returns f(text), from the memory if it holds text.
func (m *textMemo[T]) get(text string, f func(string) T) T {
	if len(text) > memoMaxText {
		return f(text)
	}
	slot := &m.slots[maphash.String(memoSeed, text)>>(64-memoBits)]
	if e := slot.Load(); e != nil && e.text == text {
		return e.v
	}
	// From a copy of the text, so that the entry (its text, and what f
	// returns of it: words, clauses) does not keep a long message alive
	// of which text is a part.
	text = strings.Clone(text)
	v := f(text)
	slot.Store(&memoEntry[T]{text: text, v: v})
	return v
}

// firstField returns strings.Fields(s)[0] ("" when s has none), without
// splitting the rest.
func firstField(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// appendFields appends the words of strings.Fields(s) to dst. With dst
// made in the caller ("make([]string, 0, 16)"), the words of a line stay
// on its stack: a profile of Parse showed a quarter of its allocated
// bytes in the words' slices of rules that read a line once.
//
// An ASCII line, as the folded lines of the rules nearly always are, is
// split in a loop of its own: a profile of route --jsonl put 3 % of its
// CPU in strings.FieldsSeq's iterator, called by rules for the same
// lines (issue 19).
func appendFields(dst []string, s string) []string {
	countRead(len(s))
	n, start := len(dst), -1
	for i := 0; i < len(s); i++ {
		switch fieldClass[s[i]] {
		case fieldByte:
			if start < 0 {
				start = i
			}
		case fieldSpace:
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		default:
			return appendFieldsAny(dst[:n], s)
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// fieldClass classes the bytes for appendFields: an ASCII space of
// strings.Fields, a byte of a field, or a byte beyond ASCII.
var fieldClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = fieldOther
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			t[c] = fieldSpace
		}
	}
	return t
}()

const (
	fieldByte uint8 = iota
	fieldSpace
	fieldOther
)

// appendFieldsAny is appendFields for any text.
func appendFieldsAny(dst []string, s string) []string {
	for w := range strings.FieldsSeq(s) {
		dst = append(dst, w)
	}
	return dst
}

// joinFields returns strings.Join(ws, " ") for ws the words of s
// (strings.Fields(s)): s itself when its words are so joined already, as
// in the lines commandLine writes, without building it again.
func joinFields(s string, ws []string) string {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r',
			c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return strings.Join(ws, " ")
		}
	}
	return s
}

// errNotNumber is atoi's error for a word that is no number.
var errNotNumber = errors.New("router: not a number")

// atoi is strconv.Atoi without the allocation of its error for a word that
// is no number: the rules try many words as numbers (every word with an
// 'h' or a ':' as an hour), most of them none, and those errors were a
// tenth of Parse's allocations.
func atoi(s string) (int, error) {
	d := s
	if d != "" && (d[0] == '+' || d[0] == '-') {
		d = d[1:]
	}
	if d == "" {
		return 0, errNotNumber
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return 0, errNotNumber
		}
	}
	return strconv.Atoi(s)
}

// hasPair reports whether a is followed by b in words: strings.Contains("
// "+strings.Join(words, " ")+" ", " "+a+" "+b+" ") for words without
// spaces, as the router's are, without building the line.
func hasPair(words []string, a, b string) bool {
	for i := 0; i+1 < len(words); i++ {
		if words[i] == a && words[i+1] == b {
			return true
		}
	}
	return false
}
