package agents_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"deploybot/agents"
)

// TestBound: a message is kept under MaxMessage bytes with a marker, as
// valid UTF-8 without control characters, and never cut inside a
// character.
func TestBound(t *testing.T) {
	long := strings.Repeat("é", agents.MaxMessage) // 2 bytes each
	for _, tc := range []struct {
		name, in string
		want     func(string) bool
	}{
		{"short text unchanged", "deploy shop v1.2.0 to staging", func(s string) bool { return s == "deploy shop v1.2.0 to staging" }},
		{"invalid UTF-8 replaced", "v1\xff\xfe", func(s string) bool { return s == "v1\uFFFD" }},
		{"NUL and escapes dropped, newlines kept", "a\x00b\x1b[31mc\nd\te", func(s string) bool { return s == "ab[31mc\nd\te" }},
		{"long text cut with a marker", long, func(s string) bool {
			return strings.HasSuffix(s, " bytes cut]") && len(s) < agents.MaxMessage+40 && utf8.ValidString(s)
		}},
	} {
		if got := agents.Bound(tc.in); !tc.want(got) {
			t.Errorf("%s: Bound = %.80q", tc.name, got)
		}
	}
}
