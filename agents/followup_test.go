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

// TestPlanChangedInAnswer changes a plan in answer to its "Confirm?": the
// new plan replaces it (the old one is cancelled, never run), and the yes
// that follows confirms the new one.
func TestPlanChangedInAnswer(t *testing.T) {
	for _, tt := range []struct {
		name  string
		turns []struct{ text, want string }
	}{
		{"en", []struct{ text, want string }{
			{"deploy web v1.0.0 to staging", "v1.0.0"},
			{"wait, rather v1.0.1", "Plan #1 cancelled, replaced by this one."},
			{"yes", "v1.0.1"},
			{"confirm 1", "cancelled"},
		}},
		{"fr", []struct{ text, want string }{
			{"déploie web v1.0.0 en staging", "v1.0.0"},
			{"non attends, mets plutôt la v1.0.2", "Plan #1 annulé, remplacé par celui-ci."},
			{"non", "Déploiement #2 annulé."},
			{"oui", "Rien n'attend votre confirmation"},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o, _ := langOrchestrator(t)
			for _, turn := range tt.turns {
				got := full(say(t, o, "alice", turn.text))
				t.Logf("%q:\n%s", turn.text, got)
				if !strings.Contains(got, turn.want) {
					t.Fatalf("%q:\n%s\nwant %q", turn.text, got, turn.want)
				}
			}
		})
	}
}

// TestLockReasonAsked locks without a reason: the bot asks for one, and
// the next message is that reason, in both languages; a new command in
// its place is read as itself.
func TestLockReasonAsked(t *testing.T) {
	for _, tt := range []struct {
		name  string
		turns []struct{ text, want string }
	}{
		{"en", []struct{ text, want string }{
			{"lock api prod", "Give a reason"},
			{"db migration running", "locked by alice: db migration running"},
		}},
		{"fr", []struct{ text, want string }{
			{"verrouille api en prod", "Donnez une raison"},
			{"migration en cours", "verrouillé par alice : migration en cours"},
		}},
		{"another command instead", []struct{ text, want string }{
			{"lock api prod", "Give a reason"},
			{"status", "api"},
			{"incident", "rollback"}, // the incident card: no lock, no reason
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o, _ := langOrchestrator(t)
			for _, turn := range tt.turns {
				if got := full(say(t, o, "alice", turn.text)); !strings.Contains(got, turn.want) {
					t.Fatalf("%q:\n%s\nwant %q", turn.text, got, turn.want)
				}
			}
		})
	}
}

// TestQuestionsAreContext asks a question, then a sequel of it, then tells
// an incident and orders the rollback without naming where: the
// conversation's questions are its context.
func TestQuestionsAreContext(t *testing.T) {
	o, _ := langOrchestrator(t)
	for _, turn := range []struct{ text, want string }{
		{"si ça casse après la MEP on fait quoi ?", "Incident"},
		{"et pour la base de données ?", "Rollback et base de données"},
		{"web is throwing 500s in prod since the deploy, customers are complaining", ""},
		{"roll back web", "production"},
	} {
		if got := full(say(t, o, "alice", turn.text)); !strings.Contains(got, turn.want) {
			t.Fatalf("%q:\n%s\nwant %q", turn.text, got, turn.want)
		}
	}
}
