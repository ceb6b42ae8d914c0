package store

import "testing"

func TestReplaceMentions(t *testing.T) {
	words := mentionWords(Person{Actor: "U1@T1", Names: []string{"alice", "Éloïse"}})
	re := mentionPattern(words)
	for _, tc := range []struct{ in, want string }{
		{"requested by alice", "requested by P"},
		{"alice alice,alice", "P P,P"},
		{"<@U1> and U1@T1", "<@P> and P"},
		{"malice, alices, alice_b, U12, XU1", "malice, alices, alice_b, U12, XU1"},
		{"Alice", "Alice"}, // a name as written: case counts
		{"merci Éloïse !", "merci P !"},
		{"Éloïsette", "Éloïsette"},
	} {
		if got := replaceMentions(re, tc.in, "P"); got != tc.want {
			t.Errorf("replaceMentions(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{`{"user":"U1","text":"hi <@U1>, alice"}`, `{"text":"hi <@P>, P","user":"U1"}`},
		{`[{"op":"post","channel":"C1","text":"by alice","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"alice"}}]}]`,
			`[{"blocks":[{"text":{"text":"P","type":"mrkdwn"},"type":"section"}],"channel":"C1","op":"post","text":"by P"}]`},
		{`{"user":"U1","text":"nothing"}`, `{"user":"U1","text":"nothing"}`}, // unchanged: kept byte for byte
		{`not json: alice`, `not json: P`},
	} {
		if got := replaceJSONMentions(re, []byte(tc.in), "P"); got != tc.want {
			t.Errorf("replaceJSONMentions(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
