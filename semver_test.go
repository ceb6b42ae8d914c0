package deploybot_test

import (
	"testing"

	"deploybot"
)

func TestSemver(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1.4.2", "v1.4.2"},
		{"v2.0", "v2.0.0"},
		{"3.0.0-rc.2", "v3.0.0-rc.2"},
		{"b2c3d4e", ""},
		{"main", ""},
		{"", ""},
	} {
		if got := deploybot.Semver(tc.in); got != tc.want {
			t.Errorf("Semver(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
