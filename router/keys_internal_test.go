package router

import (
	"strings"
	"testing"

	"deploybot"
)

// TestEverySettingHasAName: each key of the context layers has a name in
// chat, and its labels (what "show context" prints) name it: a key without
// one was read as another command ("set web rollback drill required to
// yes" started a drill).
func TestEverySettingHasAName(t *testing.T) {
	for _, k := range deploybot.SettingKeys {
		found := false
		for _, n := range settingNames {
			found = found || n.key == k.Name
		}
		if !found {
			t.Errorf("setting %s has no name in chat (router/keys.go)", k.Name)
			continue
		}
		for _, label := range k.Label {
			if got, ok := matchKey(strings.Trim(commandLine(label), " ()")); !ok || got.key != k.Name {
				t.Errorf("setting %s: its label %q names %q", k.Name, label, got.key)
			}
		}
	}
}
