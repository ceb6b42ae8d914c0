package changelog

import (
	"strings"
	"testing"
)

// TestValidRef: the versions the regexp ^[A-Za-z0-9._/+-]{1,128}$ took.
func TestValidRef(t *testing.T) {
	for _, tt := range []struct {
		ref  string
		want bool
	}{
		{"v1.2.3", true}, {"release/2.x", true}, {"1.0.0+build-7", true}, {"a", true},
		{strings.Repeat("a", 128), true}, {strings.Repeat("a", 129), false},
		{"", false}, {"v1 2", false}, {"v1;id", false}, {"v1..2~1", false}, {"é", false}, {"v1\n", false},
	} {
		if got := validRef(tt.ref); got != tt.want {
			t.Errorf("validRef(%q) = %v, want %v", tt.ref, got, tt.want)
		}
	}
}
