package terminal

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"deploybot"
)

// Style says how replies are drawn. The agents write light Slack markup
// (*bold*, _italics_, `code`, ``` blocks, <url|label> links) and the
// runbook Markdown (# headings, **bold**, - lists); a terminal shows none
// of it raw: bold and italics are ANSI attributes on a terminal (ANSI)
// and plain text elsewhere (a pipe, a file, a test), code blocks are
// indented without their fences, lists get bullets, links show their
// address, and buttons are shown as the words to type.
type Style struct {
	ANSI bool // the output is a terminal that understands ANSI attributes
}

// ANSI attributes.
const (
	boldOn, boldOff     = "\x1b[1m", "\x1b[22m"
	italicOn, italicOff = "\x1b[3m", "\x1b[23m"
)

// Render formats a reply as plain terminal text, each line prefixed for
// readability, ending with a blank line.
func Render(r deploybot.Reply) string { return Style{}.Render(r) }

// Render formats a reply as terminal text in style s: its title, its text,
// its fields as aligned rows, its buttons as the words to type and its
// note in parentheses; each line prefixed for readability, ending with a
// blank line.
func (s Style) Render(r deploybot.Reply) string {
	var lines []string
	if r.Title != "" {
		lines = append(lines, s.bold(s.inline(r.Title)))
	}
	if r.Text != "" {
		lines = append(lines, s.block(r.Text)...)
	}
	lines = append(lines, s.fields(r.Lang, r.Fields)...)
	if b := buttons(r.Lang, r.Actions); b != "" {
		lines = append(lines, b)
	}
	if r.Note != "" {
		lines = append(lines, "("+s.inline(r.Note)+")")
	}
	return prefixed(lines)
}

// prefixed writes lines as one bot message: "bot> " before the first,
// an indent before the others, and a blank line after.
func prefixed(lines []string) string {
	// Sized once: grown as it went, the builder copied a reply's text
	// three or four times (issue 19: prefixed was 1.6 % of the scripted
	// chat's CPU profile, most of it in those copies).
	n := 1
	for _, l := range lines {
		n += len("     ") + len(l) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i, l := range lines {
		if i == 0 {
			b.WriteString("bot> ")
		} else {
			b.WriteString("     ") // even on an empty line: a blank line ends the message
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return b.String()
}

// fields writes labelled values as aligned rows, with the colon of the
// reply's language: "Statut      : en cours", "Status:      in progress".
func (s Style) fields(l deploybot.Lang, fs []deploybot.Field) []string {
	width := 0
	for _, f := range fs {
		width = max(width, utf8.RuneCountInString(f.Label))
	}
	var out []string
	for _, f := range fs {
		pad := strings.Repeat(" ", width-utf8.RuneCountInString(f.Label))
		if l != deploybot.English {
			out = append(out, fmt.Sprintf("  %s%s : %s", f.Label, pad, s.inline(f.Value)))
		} else {
			out = append(out, fmt.Sprintf("  %s:%s %s", f.Label, pad, s.inline(f.Value)))
		}
	}
	return out
}

// asciiSpace is what \s matches in Go's regexps.
const asciiSpace = "\t\n\f\r "

var (
	headingRe = regexp.MustCompile(`^#{1,6}\s+(.*)$`)
	listRe    = regexp.MustCompile(`^(\s*)[-*+]\s+(.*)$`)
)

// block renders a text's lines: code blocks indented without their
// fences, headings in bold, list items with bullets, the rest inline.
func (s Style) block(text string) []string {
	var out []string
	code := false
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			rest := strings.TrimSuffix(strings.TrimPrefix(trimmed, "```"), "```")
			if !code && rest != "" && strings.HasSuffix(trimmed, "```") && len(trimmed) > 6 {
				out = append(out, "  "+rest) // ```one line```
				continue
			}
			code = !code
			if !code && rest != "" {
				out = append(out, "  "+rest)
			}
			continue
		}
		if code {
			out = append(out, "  "+line)
			continue
		}
		// The regexps run only where their first character is: a
		// profile of the scripted chat (issue 19) found rendering a tenth
		// of each message's time, most of it in regexps that found
		// nothing.
		if strings.HasPrefix(line, "#") {
			if m := headingRe.FindStringSubmatch(line); m != nil {
				out = append(out, s.bold(s.inline(m[1])))
				continue
			}
		}
		if l := strings.TrimLeft(line, asciiSpace); len(l) > 1 && strings.IndexByte("-*+", l[0]) >= 0 && strings.IndexByte(asciiSpace, l[1]) >= 0 {
			if m := listRe.FindStringSubmatch(line); m != nil {
				out = append(out, m[1]+"• "+s.inline(m[2]))
				continue
			}
		}
		out = append(out, s.inline(line))
	}
	return out
}

var (
	slackLinkRe = regexp.MustCompile(`<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>`)
	mdLinkRe    = regexp.MustCompile(`\[([^\]\n]+)\]\(((?:https?|mailto):[^)\s]+)\)`)
	strongRe    = regexp.MustCompile(`\*\*([^*\n]+?)\*\*`)
	// Slack's *bold*, _italics_ and ~strike~: the marks hug the words and
	// stand apart from the words around them, so that 5 * 3, *.yaml and
	// rollback_procedure stay as written.
	boldRe   = regexp.MustCompile(`(^|[\s(\[«"“'/—–-])\*([^*\s](?:[^*\n]*?[^*\s])?)\*($|[\s)\].,:;!?»"”'/…—–-])`)
	italicRe = regexp.MustCompile(`(^|[\s(\[«"“'/—–-])_([^_\s](?:[^_\n]*?[^_\s])?)_($|[\s)\].,:;!?»"”'/…—–-])`)
	strikeRe = regexp.MustCompile(`(^|[\s(\[«"“'/—–-])~([^~\s](?:[^~\n]*?[^~\s])?)~($|[\s)\].,:;!?»"”'/…—–-])`)
)

// inline renders the markup within a line: code spans lose their
// backticks and keep their content as written; links show their
// address; bold and italics become attributes, or plain text.
func (s Style) inline(line string) string {
	if !strings.ContainsAny(line, "*_~`<[") {
		return line
	}
	if r, ok := inlineCache.get(s.ANSI, line); ok {
		return r
	}
	r := s.markup(line)
	inlineCache.put(s.ANSI, line, r)
	return r
}

// inlineCache keeps the rendering of the lines with markup rendered
// lately. The replies' lines come from a few hundred knowledge cards and
// templates and repeat; their regexps were most of the scripted chat's
// rendering (issue 19: a tenth of its CPU).
var inlineCache renderCache

// maxRenderCache bounds the lines kept per style; past it, the cache
// starts again empty.
const maxRenderCache = 4096

// maxCachedLine is the longest line kept: longer ones are rendered each
// time.
const maxCachedLine = 1024

type renderCache struct {
	mu    sync.Mutex
	lines [2]map[string]string // plain, ANSI
}

func (c *renderCache) get(ansi bool, line string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.lines[b2i(ansi)][line]
	return r, ok
}

func (c *renderCache) put(ansi bool, line, rendered string) {
	if len(line) > maxCachedLine {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.lines[b2i(ansi)]
	if m == nil || len(m) >= maxRenderCache {
		m = make(map[string]string)
		c.lines[b2i(ansi)] = m
	}
	m[line] = rendered
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// markup renders the markup of line (see inline).
func (s Style) markup(line string) string {
	parts := strings.Split(line, "`")
	if len(parts)%2 == 0 { // an unmatched backtick: no code span
		parts = []string{line}
	}
	for i, p := range parts {
		if i%2 == 1 {
			continue // inside a code span
		}
		if strings.Contains(p, "<") {
			p = slackLinkRe.ReplaceAllStringFunc(p, func(m string) string {
				sm := slackLinkRe.FindStringSubmatch(m)
				if sm[2] == "" || sm[2] == sm[1] {
					return sm[1]
				}
				return sm[2] + " (" + sm[1] + ")"
			})
		}
		if strings.Contains(p, "](") {
			p = mdLinkRe.ReplaceAllString(p, "$1 ($2)")
		}
		if strings.Contains(p, "**") {
			p = strongRe.ReplaceAllStringFunc(p, func(m string) string { return s.bold(strongRe.FindStringSubmatch(m)[1]) })
		}
		p = replaceMarked(p, '*', boldRe, s.bold)
		p = replaceMarked(p, '_', italicRe, s.italic)
		p = replaceMarked(p, '~', strikeRe, func(x string) string { return x })
		parts[i] = p
	}
	return strings.Join(parts, "")
}

// replaceMarked applies style to each span re finds, keeping the
// characters around its marks. Adjacent spans share a boundary character,
// so the search runs until nothing changes. A line without mark, re's
// marking character, is returned at once.
func replaceMarked(p string, mark byte, re *regexp.Regexp, style func(string) string) string {
	if strings.IndexByte(p, mark) < 0 {
		return p
	}
	for range 8 {
		q := re.ReplaceAllStringFunc(p, func(m string) string {
			sm := re.FindStringSubmatch(m)
			return sm[1] + style(sm[2]) + sm[3]
		})
		if q == p {
			return q
		}
		p = q
	}
	return p
}

func (s Style) bold(x string) string {
	if !s.ANSI || x == "" {
		return x
	}
	return boldOn + x + boldOff
}

func (s Style) italic(x string) string {
	if !s.ANSI || x == "" {
		return x
	}
	return italicOn + x + italicOff
}

// buttons shows a reply's buttons as the words to type for each, in the
// reply's language: `(answer "yes" or "no")`, `(répondez « approuve 12 »
// ou « refuse 12 »)`. A plan's confirm and cancel buttons are "yes" and
// "no"; a button no command stands for shows its label, `[Label]`.
func buttons(l deploybot.Lang, bs []deploybot.Button) string {
	plan := hasButton(bs, "deploy_confirm") && hasButton(bs, "deploy_cancel")
	var words, others []string
	for _, b := range bs {
		if w, ok := Typed(l, b, plan); ok {
			words = append(words, quote(l, w))
		} else {
			others = append(others, "["+b.Label+"]")
		}
	}
	var out []string
	if n := len(words); n > 0 {
		list := words[0]
		if n > 1 {
			list = strings.Join(words[:n-1], ", ") + l.Pick(" ou ", " or ") + words[n-1]
		}
		out = append(out, l.Pick("(répondez ", "(answer ")+list+")")
	}
	return strings.Join(append(out, others...), " ")
}

func hasButton(bs []deploybot.Button, id string) bool {
	for _, b := range bs {
		if b.ID == id {
			return true
		}
	}
	return false
}

// quote puts a command between the quotes of l.
func quote(l deploybot.Lang, s string) string {
	if l != deploybot.English {
		return "« " + s + " »"
	}
	return `"` + s + `"`
}

// Typed returns the chat command a person types in a terminal to do what
// button b does on Slack (the same commands slack.ClickText sends); plan
// says that b is on a plan waiting for its requester's confirmation,
// where "yes" and "no" answer it. It reports false for a button no
// command stands for.
func Typed(l deploybot.Lang, b deploybot.Button, plan bool) (string, bool) {
	v := strings.TrimSpace(b.Value)
	switch b.ID {
	case "deploy_confirm":
		if plan {
			return l.Pick("oui", "yes"), true
		}
		return "confirm " + v, v != ""
	case "deploy_cancel":
		if plan {
			return l.Pick("non", "no"), true
		}
		return l.Pick("annule ", "cancel ") + v, v != ""
	case "deploy_approve":
		return l.Pick("approuve ", "approve ") + v, v != ""
	case "deploy_deny", "deploy_reject":
		return l.Pick("refuse ", "deny ") + v, v != ""
	case "deploy_tick":
		return "tick " + v, v != ""
	case "deploy_drill":
		return "drill " + v, v != ""
	case "deploy_rollback":
		if f := strings.Fields(v); len(f) == 3 {
			return "rollback " + f[1] + " " + f[2], true
		}
	case "suggest_command":
		return v, v != ""
	}
	return "", false
}

// Update renders what changed from prev to cur, two versions of one
// message the bot updates in place (a deployment's card, whose state
// changes): one line with the title and the fields that changed
// ("🚀 Deployment shop v1.2.0 (#1) — Status: Done ✅"), then the text's
// new lines, the note and the buttons when they changed. It reports false
// when nothing changed: an update that says nothing new is not printed.
func (s Style) Update(prev, cur deploybot.Reply) (string, bool) {
	l := cur.Lang
	old := map[string]string{}
	for _, f := range prev.Fields {
		old[f.Label] = f.Value
	}
	var changed []string
	for _, f := range cur.Fields {
		if v, ok := old[f.Label]; !ok || v != f.Value {
			changed = append(changed, f.Label+l.Pick(" : ", ": ")+s.inline(f.Value))
		}
	}
	var more []string
	if cur.Text != prev.Text {
		seen := map[string]bool{}
		for _, line := range s.block(prev.Text) {
			seen[line] = true
		}
		for _, line := range s.block(cur.Text) {
			if !seen[line] && strings.TrimSpace(line) != "" {
				more = append(more, line)
			}
		}
	}
	if b := buttons(l, cur.Actions); b != "" && b != buttons(prev.Lang, prev.Actions) {
		more = append(more, b)
	}
	if cur.Note != "" && cur.Note != prev.Note {
		more = append(more, "("+s.inline(cur.Note)+")")
	}
	if len(changed) == 0 && len(more) == 0 && cur.Title == prev.Title {
		return "", false
	}
	head := s.bold(s.inline(cur.Title))
	if len(changed) > 0 {
		if head != "" {
			head += " — "
		}
		head += strings.Join(changed, " · ")
	}
	if head == "" {
		head, more = more[0], more[1:]
	}
	return prefixed(append([]string{head}, more...)), true
}
