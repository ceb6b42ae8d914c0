package slack

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"deploybot"
)

// Block Kit limits.
const (
	maxHeader        = 150  // characters of a header block
	maxSectionText   = 3000 // characters of a section's text
	maxFieldText     = 2000 // characters of one section field
	maxFieldsPerSect = 10   // fields of one section
	maxContextText   = 3000 // characters of a context element
	maxButtonText    = 75   // characters of a button label
	maxButtonValue   = 2000 // characters of a button value
	maxFallbackText  = 4000 // characters of the notification text
	actionsBlockID   = "deploybot_actions"
)

// Render turns a platform-neutral reply into Block Kit blocks: the title as
// a header, the text as mrkdwn sections (code blocks kept, Markdown tables
// shown as preformatted text, long text split), the fields as section fields
// (ten per section), the note as a context block and the actions as buttons.
func Render(r deploybot.Reply) []slack.Block {
	var blocks []slack.Block
	if t := strings.TrimSpace(r.Title); t != "" {
		blocks = append(blocks, slack.NewHeaderBlock(plain(truncate(t, maxHeader))))
	}
	if t := strings.TrimSpace(r.Text); t != "" {
		for _, chunk := range splitText(Mrkdwn(t), maxSectionText) {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(chunk), nil, nil))
		}
	}
	for i := 0; i < len(r.Fields); i += maxFieldsPerSect {
		var fields []*slack.TextBlockObject
		for _, f := range r.Fields[i:min(i+maxFieldsPerSect, len(r.Fields))] {
			fields = append(fields, mrkdwn(truncate("*"+escape(f.Label)+"*\n"+Mrkdwn(f.Value), maxFieldText)))
		}
		blocks = append(blocks, slack.NewSectionBlock(nil, fields, nil))
	}
	if n := strings.TrimSpace(r.Note); n != "" {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(truncate(Mrkdwn(n), maxContextText))))
	}
	if len(r.Actions) > 0 {
		var els []slack.BlockElement
		for _, b := range r.Actions {
			btn := slack.NewButtonBlockElement(b.ID, truncate(b.Value, maxButtonValue), plain(truncate(b.Label, maxButtonText)))
			switch b.Style {
			case "primary":
				btn = btn.WithStyle(slack.StylePrimary)
			case "danger":
				btn = btn.WithStyle(slack.StyleDanger)
			}
			els = append(els, btn)
		}
		blocks = append(blocks, slack.NewActionBlock(actionsBlockID, els...))
	}
	return blocks
}

// FallbackText is the plain text sent with the blocks, shown in
// notifications and by clients that do not render blocks.
func FallbackText(r deploybot.Reply) string {
	var parts []string
	for _, s := range []string{r.Title, r.Text} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	for _, f := range r.Fields {
		parts = append(parts, f.Label+": "+f.Value)
	}
	if len(parts) == 0 && r.Note != "" {
		parts = append(parts, r.Note)
	}
	return truncate(escape(strings.Join(parts, "\n")), maxFallbackText)
}

// messageOptions are the chat.postMessage / chat.update options of r.
func messageOptions(r deploybot.Reply) []slack.MsgOption {
	return []slack.MsgOption{slack.MsgOptionText(FallbackText(r), false), slack.MsgOptionBlocks(Render(r)...)}
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

var (
	// slackEntity matches what Slack already formats: <@U1>, <#C1|x>,
	// <https://x|label>, <mailto:...>. Mass mentions (<!here>, <!channel>,
	// <!everyone>, <!subteam^…>) are not kept: the bot never writes them,
	// and one in a reply can only come from a person who typed its syntax
	// (Slack sent it escaped): echoed, it would ping as the bot.
	slackEntity  = regexp.MustCompile(`<(?:[@#][^<>\s]+|(?:https?|mailto):[^<>\s]+)>`)
	mdBold       = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
	mdLink       = regexp.MustCompile(`\[([^\]\n]+)\]\((https?://[^)\s]+)\)`)
	mdHeading    = regexp.MustCompile(`(?m)^#{1,6}\s+(.+)$`)
	mdTableSplit = regexp.MustCompile(`^\s*\|?\s*:?-{3,}`)
)

// Mrkdwn converts the light Markdown of replies into Slack's mrkdwn: *bold*
// is kept, **bold** becomes *bold*, [label](url) becomes "label (<url>)",
// headings become bold lines, code spans and blocks are kept verbatim,
// Markdown tables (which Block Kit sections cannot show) become
// preformatted text, and &, < and > are escaped except in Slack's own
// <@user>, <#channel> and <url|label> forms.
func Mrkdwn(s string) string {
	var out []string
	lines := strings.Split(s, "\n")
	inCode := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inCode = !inCode
			out = append(out, l)
			continue
		}
		if inCode {
			out = append(out, escapeCode(l))
			continue
		}
		if isTableRow(l) && i+1 < len(lines) && mdTableSplit.MatchString(lines[i+1]) {
			j := i
			var table []string
			for ; j < len(lines) && isTableRow(lines[j]); j++ {
				table = append(table, escapeCode(lines[j]))
			}
			out = append(out, "```\n"+strings.Join(table, "\n")+"\n```")
			i = j - 1
			continue
		}
		out = append(out, inline(l))
	}
	return strings.Join(out, "\n")
}

func isTableRow(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 2
}

// inline converts one line outside code blocks; code spans are kept.
func inline(l string) string {
	parts := strings.Split(l, "`")
	for i := range parts {
		if i%2 == 1 && i < len(parts)-1 { // inside a code span
			parts[i] = escapeCode(parts[i])
			continue
		}
		p := mdHeading.ReplaceAllString(parts[i], "**$1**")
		p = mdLink.ReplaceAllString(p, "$1 (\x00$2\x01)")
		p = mdBold.ReplaceAllString(p, "*$1*")
		p = escape(p)
		p = strings.NewReplacer("\x00", "<", "\x01", ">").Replace(p)
		parts[i] = p
	}
	return strings.Join(parts, "`")
}

// escape escapes &, < and > for mrkdwn, keeping Slack's own entities.
func escape(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range slackEntity.FindAllStringIndex(s, -1) {
		b.WriteString(escapeCode(s[last:m[0]]))
		b.WriteString(openLink(s[m[0]:m[1]]))
		last = m[1]
	}
	b.WriteString(escapeCode(s[last:]))
	return b.String()
}

// openLink shows where a labelled link goes: <https://x|label> becomes
// "label (<https://x>)". The bot writes no labelled links of its own, so
// one in a reply comes from a person's text (a reason, a reminder) or a
// model's answer: echoed as Slack renders it, "<https://evil|approve
// here>" would be a link in the bot's voice whose label hides its
// destination. Mentions and channels keep their labels.
func openLink(entity string) string {
	inner := entity[1 : len(entity)-1]
	url, label, ok := strings.Cut(inner, "|")
	if !ok || !(strings.HasPrefix(url, "http") || strings.HasPrefix(url, "mailto:")) {
		return entity
	}
	bare := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(url, "mailto:"), "https://"), "http://")
	if label == "" || label == url || label == bare || label == strings.TrimSuffix(bare, "/") {
		return "<" + url + ">"
	}
	return escapeCode(label) + " (<" + url + ">)"
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escapeCode(s string) string { return htmlEscaper.Replace(s) }

// splitText cuts s into pieces of at most max characters, at paragraph or
// line ends when it can, reopening a code block cut in two.
func splitText(s string, max int) []string {
	var out []string
	for utf8.RuneCountInString(s) > max {
		cut := runeOffset(s, max-4) // room to close a code block
		if i := strings.LastIndex(s[:cut], "\n\n"); i > cut/2 {
			cut = i
		} else if i := strings.LastIndex(s[:cut], "\n"); i > cut/2 {
			cut = i
		}
		head, tail := s[:cut], strings.TrimLeft(s[cut:], "\n")
		if strings.Count(head, "```")%2 == 1 {
			head += "\n```"
			tail = "```\n" + tail
		}
		out = append(out, head)
		s = tail
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// runeOffset returns the byte offset of the n-th rune of s.
func runeOffset(s string, n int) int {
	i := 0
	for pos := range s {
		if i == n {
			return pos
		}
		i++
	}
	return len(s)
}

// truncate cuts s to max characters, ending with "…" when cut.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return s[:runeOffset(s, max-1)] + "…"
}
