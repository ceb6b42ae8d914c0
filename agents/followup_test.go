package agents_test

import (
	"strings"
	"testing"
)

// TestClarificationsRemember runs conversations where the bot asks for
// what a request lacks and the next message completes it, in both
// languages: the request is not lost, nor its version, nor its language.
func TestClarificationsRemember(t *testing.T) {
	tests := []struct {
		name  string
		turns []struct{ text, want string }
	}{
		{"environment asked, en", []struct{ text, want string }{
			{"deploy api v1.0.0", "Which environment for the deploy of api v1.0.0? staging or production"},
			{"staging", "Understood: deploy api → staging"},
		}},
		{"project asked, fr", []struct{ text, want string }{
			{"déploie v1.0.0 en staging", "Quel projet pour le déploiement v1.0.0 → staging ?"},
			{"api", "Compris : déploiement api → staging"},
		}},
		{"unknown project named, then answered", []struct{ text, want string }{
			{"deploy foo v1.0.0 to staging", `I know no project "foo". Configured projects: api, web.`},
			{"web", "Understood: deploy web → staging"},
		}},
		{"unknown environment named", []struct{ text, want string }{
			{"deploy api v1.0.0 to qa", `api has no environment "qa" (staging, production)`},
			{"staging then", "Understood: deploy api → staging"},
		}},
		{"near miss suggested", []struct{ text, want string }{
			{"status wbe", ""},
			{"history wev", "Did you mean web?"},
		}},
		{"a typo in between keeps the request", []struct{ text, want string }{
			{"rollback en prod stp", "Quel projet pour le rollback → production ?"},
			{"qsdfgh", "pas sûr"},
			{"c'est api", "Compris : rollback api → production"},
		}},
		{"small talk", []struct{ text, want string }{
			{"hello", "Hello!"},
			{"asdfghjkl", "not sure"}, // in the conversation's language
			{"merci", "Avec plaisir"},
			{"asdfghjkl", "pas sûr"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, _ := newOrchestrator(t, t.TempDir())
			for _, turn := range tt.turns {
				got := full(say(t, o, "alice", turn.text))
				if !strings.Contains(got, turn.want) {
					t.Fatalf("%q:\n%s\nwant %q", turn.text, got, turn.want)
				}
			}
		})
	}
}
