package agents

import (
	"strings"
	"testing"
)

// TestValidVersion: the versions the regexp ^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$
// took.
func TestValidVersion(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want bool
	}{
		{"1.42.0", true}, {"v2", true}, {"a", true}, {"1.0.0+build_7-rc", true},
		{strings.Repeat("a", 64), true}, {strings.Repeat("a", 65), false},
		{"", false}, {".1", false}, {"-v", false}, {"v1/2", false}, {"v1 2", false}, {"é", false}, {"v1;id", false},
	} {
		if got := validVersion(tt.v); got != tt.want {
			t.Errorf("validVersion(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}
