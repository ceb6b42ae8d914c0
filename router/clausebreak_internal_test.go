package router

import "testing"

// TestMayBreakAt checks, on every text of up to six bytes over the bytes
// that matter to a clause break (spaces, a line break, dashes and the
// bytes of "–" and "—", punctuation, a letter), that clauseBreakAt finds
// no break where mayBreakAt says none may start.
func TestMayBreakAt(t *testing.T) {
	alphabet := []byte{' ', '\t', '\n', '\r', '-', ',', '.', '!', 'a', 0xe2, 0x80, 0x93, 0x94}
	var walk func(b []byte)
	walk = func(b []byte) {
		s := string(b)
		for i := range len(s) {
			if !mayBreakAt(s, i) && clauseBreakAt(s, i) != i {
				t.Fatalf("mayBreakAt(%q, %d) is false, clauseBreakAt gives %d", s, i, clauseBreakAt(s, i))
			}
		}
		if len(b) == 6 {
			return
		}
		for _, c := range alphabet {
			walk(append(b, c))
		}
	}
	walk(nil)
	for _, s := range []string{"a 😱 b", " 😱 ", "a 😱", "😱 a", "a 😱😱 b", "a 👍🏽 b", "a\n🔥\nb", "a ☕️ b", "deploy api — then lock", "a – b", "a - b", "ok, deploy", "stop!", "a\n\nb", "a \t- b"} {
		for i := range len(s) {
			if !mayBreakAt(s, i) && clauseBreakAt(s, i) != i {
				t.Errorf("mayBreakAt(%q, %d) is false, clauseBreakAt gives %d", s, i, clauseBreakAt(s, i))
			}
		}
	}
}
