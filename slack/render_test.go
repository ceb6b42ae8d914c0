package slack_test

import (
	"testing"

	"deploybot/slack"
)

// A link in a reply always shows where it goes: the bot writes no labelled
// links itself, so a label can only come from someone's text or a model.
func TestLinksShowTheirDestination(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"see [docs](https://example.com)", "see docs (<https://example.com>)"},
		{"[approve here](https://evil.example/login)", "approve here (<https://evil.example/login>)"},
		{"reason: <https://evil.example|https://bank.example>", "reason: https://bank.example (<https://evil.example>)"},
		{"<https://evil.example|click <b>here</b>>", "&lt;https://evil.example|click &lt;b&gt;here&lt;/b&gt;&gt;"},
		{"<https://example.com|example.com>", "<https://example.com>"},
		{"<https://example.com/>", "<https://example.com/>"},
		{"<mailto:a@example.com|a@example.com>", "<mailto:a@example.com>"},
		{"<mailto:a@example.com|support>", "support (<mailto:a@example.com>)"},
		{"ping <@U024BE7LH> in <#C01|ops>", "ping <@U024BE7LH> in <#C01|ops>"},
		{"<!here> & <!channel>", "&lt;!here&gt; &amp; &lt;!channel&gt;"},
		{"`[x](https://e.example)`", "`[x](https://e.example)`"},
	} {
		if got := slack.Mrkdwn(c.in); got != c.want {
			t.Errorf("Mrkdwn(%q)\n got  %q\n want %q", c.in, got, c.want)
		}
	}
}
