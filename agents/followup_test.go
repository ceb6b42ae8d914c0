package agents_test

import (
	"context"

	"deploybot"
	"strings"
	"testing"

	"deploybot/agents"
)

// turn is a message of a conversation and what the bot's reply holds.
type turn struct{ text, want string }

// conversation is a named run of turns with one person.
type conversation struct {
	name  string
	turns []turn
}

// converse runs each conversation with alice on a new orchestrator and
// checks that each reply holds what it should.
func converse(t *testing.T, newOrchestrator func(*testing.T) *agents.Orchestrator, convs []conversation) {
	t.Helper()
	for _, c := range convs {
		t.Run(c.name, func(t *testing.T) {
			o := newOrchestrator(t)
			for _, tn := range c.turns {
				if got := full(say(t, o, "alice", tn.text)); !strings.Contains(got, tn.want) {
					t.Fatalf("%q:\n%s\nwant %q", tn.text, got, tn.want)
				}
			}
		})
	}
}

// TestClarificationsRemember runs conversations where the bot asks for
// what a request lacks and the next message completes it, in both
// languages: the request is not lost, nor its version, nor its language.
func TestClarificationsRemember(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := newOrchestrator(t, t.TempDir()); return o }, []conversation{
		{"environment asked, en", []turn{
			{"deploy api v1.0.0", "Which environment for the deploy of api v1.0.0? staging or production"},
			{"staging", "Understood: deploy api → staging"},
		}},
		{"project asked, fr", []turn{
			{"déploie v1.0.0 en staging", "Quel projet pour le déploiement v1.0.0 → staging ?"},
			{"api", "Compris : déploiement api → staging"},
		}},
		{"unknown project named, then answered", []turn{
			{"deploy foo v1.0.0 to staging", `I know no project "foo". Configured projects: api, web.`},
			{"web", "Understood: deploy web → staging"},
		}},
		{"unknown environment named", []turn{
			{"deploy api v1.0.0 to qa", `api has no environment "qa" (staging, production)`},
			{"staging then", "Understood: deploy api → staging"},
		}},
		{"near miss suggested", []turn{
			{"status wbe", ""},
			{"history wev", "Did you mean web?"},
		}},
		{"suggestion taken, en", []turn{
			{"deploy webxx v1.0.0 to staging", "Did you mean web?"},
			{"yes", "Understood: deploy web → staging"},
		}},
		{"suggestion taken, fr", []turn{
			{"déploie l'apixx en v1.0.0 en staging", "Vouliez-vous dire api ?"},
			{"oui c'est ça", "Compris : déploiement api → staging"},
		}},
		{"suggestion refused", []turn{
			{"deploy webxx v1.0.0 to staging", "Did you mean web?"},
			{"no", "Deployments are not set up here"}, // a cancel, no plan
		}},
		{"a typo in between keeps the request", []turn{
			{"rollback en prod stp", "Quel projet pour le rollback → production ?"},
			{"qsdfgh", "pas sûr"},
			{"c'est api", "Compris : rollback api → production"},
		}},
		{"small talk", []turn{
			{"hello", "Hello!"},
			{"asdfghjkl", "not sure"}, // in the conversation's language
			{"merci", "Avec plaisir"},
			{"asdfghjkl", "pas sûr"},
		}},
		// News, and an answer taken in, are acknowledged, never greeted
		// with a "Hello!" (session 39).
		{"news acknowledged", []turn{
			{"api 2.4.0 on staging from yesterday, looks fine", "News or an order?"},
			{"just news, no need to do anything", "Noted: nothing started."},
			{"what's a canary?", "anary"},
			{"fair enough", "Noted: nothing started."},
		}},
		{"news acknowledged, fr", []turn{
			{"le site 1.9.0 en prod depuis 9h, tout roule", "Une nouvelle ou un ordre ?"},
			{"juste une info", "C'est noté : rien n'est lancé."},
		}},
	})
}

// TestPlanChangedInAnswer changes a plan in answer to its "Confirm?": the
// new plan replaces it (the old one is cancelled, never run), and the yes
// that follows confirms the new one.
func TestPlanChangedInAnswer(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"en", []turn{
			{"deploy web v1.0.0 to staging", "v1.0.0"},
			{"wait, rather v1.0.1", "Plan #1 cancelled, replaced by this one."},
			{"yes", "v1.0.1"},
			{"confirm 1", "cancelled"},
		}},
		{"fr", []turn{
			{"déploie web v1.0.0 en staging", "v1.0.0"},
			{"non attends, mets plutôt la v1.0.2", "Plan #1 annulé, remplacé par celui-ci."},
			{"non", "Déploiement #2 annulé."},
			{"oui", "Rien n'attend votre confirmation"},
		}},
	})
}

// TestNewOrderReplacesThePlan: a plan waiting for its "yes" is replaced
// by the person's next order in the conversation, planned or refused; a
// "yes" or an "ok" later never runs the plan they moved on from (a
// new-user review deployed v1.2.0 over v1.3.0 with an "ok").
func TestNewOrderReplacesThePlan(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"another plan", []turn{
			{"deploy web v1.2.0 to staging", "v1.2.0"},
			{"oops, deploy web v1.3.0 to staging", "Plan #1 cancelled, replaced by this one."},
			{"yes", "v1.3.0"},
			{"ok", "Nothing here waits for your confirmation."},
			{"confirm 1", "cancelled"},
		}},
		{"another order refused", []turn{
			{"déploie web v1.2.0 en staging", "v1.2.0"},
			{"rollback api production", "Plan #1 annulé : vous avez demandé autre chose."},
			{"oui", "Rien n'attend votre confirmation"},
		}},
		// A new order that asks what it lacks replaces the plan too: "yes"
		// to the bot's question ran the older plan (review 12).
		{"another order asking its project", []turn{
			{"deploy web v1.2.0 to staging", "v1.2.0"},
			{"deploy shop to production", "Plan #1 cancelled: you asked for something else."},
			{"yes", "not sure"}, // a yes to "I know no project shop", which confirms nothing
		}},
		{"another order asking its environment", []turn{
			{"déploie web v1.2.0 en staging", "v1.2.0"},
			{"rollback api", "Plan #1 annulé : vous avez demandé autre chose."},
			{"oui", "Rien n'attend votre confirmation"},
		}},
		{"another order with a bad version", []turn{
			{"deploy web v1.2.0 to staging", "v1.2.0"},
			{"deploy web to staging version banana!!", "Plan #1 cancelled"},
			{"yes", "Nothing here waits for your confirmation."},
		}},
	})
}

// TestLockReasonAsked locks without a reason: the bot asks for one, and
// the next message is that reason, in both languages; a new command in
// its place is read as itself.
func TestLockReasonAsked(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"en", []turn{
			{"lock api prod", "Give a reason"},
			{"db migration running", "locked by alice: db migration running"},
		}},
		{"fr", []turn{
			{"verrouille api en prod", "Donnez une raison"},
			{"migration en cours", "verrouillé par alice : migration en cours"},
		}},
		{"another command instead", []turn{
			{"lock api prod", "Give a reason"},
			{"status", "api"},
			{"incident", "rollback"}, // the incident card: no lock, no reason
		}},
	})
}

// TestQuestionsAreContext asks a question, then a sequel of it, then tells
// an incident and orders the rollback without naming where: the
// conversation's questions are its context.
func TestQuestionsAreContext(t *testing.T) {
	o, _ := langOrchestrator(t)
	for _, turn := range []turn{
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

// TestCommandTargetAsked runs the lock and freeze commands said without
// what they act on: the bot asks which project, the answer completes the
// command (never a deploy or a rollback of the answer's slots), and a
// bare "freeze" freezes nothing until it is told what.
func TestCommandTargetAsked(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"unlock asked, en", []turn{
			{"lock api staging: data import", "locked"},
			{"what is rolling?", "Rolling"}, // right after the lock, "unlock" names it (TestBareUnlockAfterLock)
			{"unlock", `Which project for "unlock"?`},
			{"api staging: import done", "api/staging unlocked"},
		}},
		{"verrou demandé, fr", []turn{
			{"verrouille", "Quel projet pour « lock » ?"},
			{"l'api en recette : démo client", "api/staging verrouillé"},
		}},
		{"freeze asked, all", []turn{
			{"freeze", `Which project for "freeze"?`},
			{"all, the host is down", "every project / every environment"},
		}},
		{"gel demandé, projet", []turn{
			{"gèle", "Quel projet pour « freeze » ?"},
			{"le site en prod", "Donnez une raison pour geler web production"}, // no end, no reason: why (session 14)
			{"migration en cours", "web / production"},
		}},
	})
}

// TestPlannedFreezeLifted: a freeze set by chat for later dates is lifted
// by its number before it starts; "unfreeze web" lifts those in force and
// names the planned ones (it said "Freeze lifted (0)" and they stayed).
func TestPlannedFreezeLifted(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"by project", []turn{
			{"gel de web du 09/12/2026 au 10/12/2026 : démo client", "démo client"},
			{"liste des gels", "#1"},
			{"dégel web", "Aucun gel en cours sur web : #1 n'a pas encore commencé"},
			{"dégel 1", "Gel #1 levé."},
			{"liste des gels", "Aucun gel"},
		}},
		{"by number", []turn{
			{"freeze web from 2026-12-09 to 2026-12-10: client demo", "client demo"},
			{"unfreeze 1", "Freeze #1 lifted."},
			{"unfreeze 1", "No chat freeze #1 to lift"},
			{"unfreeze api", "No chat freeze in force on api."},
		}},
	})
}

// TestStateNamedInTheReplysLanguage: a refusal that names a deployment's
// state names it in the reply's language ("le déploiement #7 est
// requested").
func TestStateNamedInTheReplysLanguage(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"fr", []turn{
			{"déploie web v1.2.0 en staging", "v1.2.0"},
			{"approuve 1", "le déploiement #1 attend la confirmation de son demandeur, pas une approbation"},
		}},
		{"en", []turn{
			{"deploy web v1.2.0 to staging", "v1.2.0"},
			{"approve 1", "deployment #1 waits for its requester's confirmation, not for an approval"},
		}},
	})
}

// TestSeveralOrdersRunNone: two orders in one message run none; the bot
// asks for one per message.
func TestSeveralOrdersRunNone(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"en", []turn{
			{"deploy web v1.1.0 to staging and api v1.1.0 to production", "I ran nothing: this message gives several orders."},
			{"yes", "Nothing here waits for your confirmation."},
		}},
		{"fr", []turn{
			{"verrouille le site en prod : incident et déverrouille l'api en prod : ok", "Je ne lance rien : ce message donne plusieurs ordres."},
			{"liste des verrous", "Aucun verrou."},
		}},
	})
}

// TestUnlockItAfterALock: "unlock it" right after a lock names that lock
// (the conversation keeps the bot's confirmation; it asked "Which
// project?"), asks its reason, and the reason unlocks; a reason that says
// nothing is over asks again.
func TestUnlockItAfterALock(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"en", []turn{
			{"lock web production: payment incident", "locked by alice"},
			{"unlock it", "Give a reason to unlock web production"},
			{"still broken", "Give a reason to unlock web production"},
			{"payments are back", "web/production unlocked by alice: payments are back"},
		}},
		{"fr", []turn{
			{"verrouille api en staging : import", "verrouillé par alice"},
			{"déverrouille-le", "pour déverrouiller api staging"},
			{"l'import est fini", "déverrouillé par alice : l'import est fini"},
		}},
	})
}

// fakeChangelog lists changes between two versions.
type fakeChangelog struct{}

func (fakeChangelog) Changes(_ context.Context, project, from, to string) ([]deploybot.Change, error) {
	return []deploybot.Change{{Type: "feat", Summary: project + " checkout from " + from + " to " + to}}, nil
}

// TestDiffBetweenVersions: "diff web v1.1.0 v1.2.0" and "what changed
// between …" list the changes between the two versions (it compared
// staging and production, the versions ignored); without a project the
// bot asks which.
func TestDiffBetweenVersions(t *testing.T) {
	o, _ := langOrchestrator(t)
	o.Deploys.Changelog = fakeChangelog{}
	for _, tt := range []struct{ text, want string }{
		{"diff web v1.1.0 v1.2.0", "web checkout from v1.1.0 to v1.2.0"},
		{"what changed between v1.1.0 and v1.2.0 of web?", "web checkout from v1.1.0 to v1.2.0"},
		{"qu'est-ce qui a changé entre la 1.1.0 et la 1.2.0 ?", "Quel projet"},
	} {
		if got := full(say(t, o, "alice", tt.text)); !strings.Contains(got, tt.want) {
			t.Errorf("%q:\n%s\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestFreezeForAMomentAsksItsDates: a freeze said for a moment without its
// dates ("tomorrow", "ce week-end") asks them and freezes nothing (it
// froze from now for a year); a freeze on one date covers that day.
func TestFreezeForAMomentAsksItsDates(t *testing.T) {
	converse(t, func(t *testing.T) *agents.Orchestrator { o, _ := langOrchestrator(t); return o }, []conversation{
		{"en", []turn{
			{"freeze web prod tomorrow: client demo", "From when to when"},
			{"list freezes", "No"},
		}},
		{"fr", []turn{
			{"gèle le site ce week-end : soldes", "De quand à quand"},
		}},
		{"one day", []turn{
			{"freeze web prod on 19/12: client demo", "from 2026-12-19 00:00 to 2026-12-19 23:59"},
		}},
	})
}

// TestWhoApprovesEveryProject: "who approves production?" with no
// project names every project's approvers (it named nobody).
func TestWhoApprovesEveryProject(t *testing.T) {
	o, _ := langOrchestrator(t)
	if len(o.Projects) < 2 {
		t.Fatalf("the fixture has %d projects; the test needs several", len(o.Projects))
	}
	for _, tt := range []struct{ text, want string }{
		{"who approves production?", "Who approves on production"},
		{"qui peut approuver en prod ?", "Qui approuve en production"},
	} {
		got := full(say(t, o, "alice", tt.text))
		if !strings.Contains(got, tt.want) || strings.Count(got, "bob, carol") != len(o.Projects) {
			t.Errorf("%q:\n%s\nwant %q and each project's approvers bob, carol", tt.text, got, tt.want)
		}
		for _, p := range o.Projects {
			if !strings.Contains(got, p.Name) {
				t.Errorf("%q names no %s:\n%s", tt.text, p.Name, got)
			}
		}
	}
}
