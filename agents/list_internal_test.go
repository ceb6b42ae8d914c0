package agents

import (
	"testing"

	"deploybot"
)

func TestOrList(t *testing.T) {
	for _, c := range []struct {
		lang  deploybot.Lang
		names []string
		want  string
	}{
		{deploybot.English, nil, ""},
		{deploybot.English, []string{"staging"}, "staging"},
		{deploybot.English, []string{"staging", "production"}, "staging or production"},
		{deploybot.French, []string{"staging", "production", "qa"}, "staging, production ou qa"},
	} {
		if got := orList(c.lang, c.names); got != c.want {
			t.Errorf("orList(%v) = %q, want %q", c.names, got, c.want)
		}
	}
}
