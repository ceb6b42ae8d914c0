package terminal

import "testing"

// TestInteractiveSpeaksAsItsUser: at an interactive prompt, "[bob] text"
// does not speak as bob unless the session is scripted: the person at the
// terminal cannot lend the chat's identity (an admin's, say) to a name.
func TestInteractiveSpeaksAsItsUser(t *testing.T) {
	for _, tc := range []struct {
		scripted bool
		line     string
		user     string
		text     string
	}{
		{false, "[bob] approve", "alice", "[bob] approve"},
		{false, "approve", "alice", "approve"},
		{true, "[bob] approve", "bob", "approve"},
		{true, "approve", "alice", "approve"},
	} {
		c := &Chat{User: "alice", Scripted: tc.scripted}
		if u, text := c.interactiveSpeaker(tc.line); u != tc.user || text != tc.text {
			t.Errorf("scripted=%v %q: spoken by %q as %q, want %q as %q", tc.scripted, tc.line, u, text, tc.user, tc.text)
		}
	}
}
