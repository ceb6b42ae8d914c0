package agents_test

import (
	"context"
	"strings"
	"testing"

	"deploybot/policy"
)

// converseSettled is converse on langOrchestrator, each deployment
// settled before the next message: a plan's checks read what ran.
func converseSettled(t *testing.T, convs []conversation) {
	t.Helper()
	for _, c := range convs {
		t.Run(c.name, func(t *testing.T) {
			o, _ := langOrchestrator(t)
			for _, tn := range c.turns {
				got := full(say(t, o, "alice", tn.text))
				if err := o.Settle(context.Background()); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(got, tn.want) {
					t.Fatalf("%q:\n%s\nwant %q", tn.text, got, tn.want)
				}
			}
		})
	}
}

// TestSession24Yes: a yes runs only the plan the bot's last reply put to
// the person. After another reply (the suggestions of a message not
// understood that offered a rollback, a card), the plan waits and the bot
// says how to confirm it; a drill's plan and a checklist completed are
// answered by the yes right after them.
func TestSession24Yes(t *testing.T) {
	converseSettled(t, []conversation{
		{"yes after suggestions, en", []turn{
			{"deploy api v1.0.0 to staging", "Confirm?"},
			{"rolbak webb staging", "not sure"},
			{"yes", `Yes to what? Plan #1 (deploy api v1.0.0 → staging) still waits. Confirm it? Answer "yes" (or "confirm 1"), or "no".`},
			{"yes", "Go: deploy api v1.0.0 → staging (#1)"},
		}},
		{"confirm after the question again", []turn{
			{"deploy api v1.0.0 to staging", "Confirm?"},
			{"rolbak webb staging", "not sure"},
			{"yes", "Yes to what?"},
			{"go ahead", "Go: deploy api v1.0.0 → staging (#1)"},
		}},
		{"no after the question again", []turn{
			{"deploy api v1.0.0 to staging", "Confirm?"},
			{"rolbak webb staging", "not sure"},
			{"yes", "Yes to what?"},
			{"no", "Deployment #1 cancelled."},
		}},
		{"yes after pending", []turn{
			{"deploy api v1.0.0 to staging", "Confirm?"},
			{"pending", ""},
			{"yes", "Yes to what?"},
		}},
		{"yes after help", []turn{
			{"deploy api v1.0.0 to staging", "Confirm?"},
			{"help", ""},
			{"yes", "Yes to what?"},
		}},
		{"oui après merci", []turn{
			{"déploie api v1.0.0 en staging", "Confirmez-vous ?"},
			{"merci", ""},
			{"oui", "Oui à quoi ? Le plan #1 (déploiement api v1.0.0 → staging) attend toujours."},
			{"oui", "C'est parti"},
		}},
		{"approvers right after a plan", []turn{
			{"deploy api v1.0.0 to staging", "Confirm?"},
			{"approvers api", ""},
			{"history api", "requested"},
		}},
		{"yes after a card, fr", []turn{
			{"déploie api v1.0.0 en staging", "Confirmez-vous ?"},
			{"c'est quoi la checklist ?", "Checklist"},
			{"oui", "pas sûr"},
			{"historique api", "à confirmer"},
		}},
		{"yes right after the plan", []turn{
			{"deploy api v1.0.0 to staging", "Confirm?"},
			{"yes", "Go: deploy api v1.0.0 → staging (#1)"},
		}},
		{"yes after a drill's plan", []turn{
			{"deploy api v1.0.0 to staging --yes", "Go"},
			{"deploy api v1.1.0 to staging --yes", "Go"},
			{"drill api", "Rollback drill #1"},
			{"yes", "Go: rollback api v1.0.0 → staging (#3)"},
		}},
	})
}

// TestSession24Orders: the review's orders, end to end: an environment
// the project lacks is named (it took the waiting plan's, production); a
// rollback mistyped after a deploy's plan is no move of that plan; two
// projects said by their short names run nothing.
func TestSession24Orders(t *testing.T) {
	converseSettled(t, []conversation{
		{"unknown environment after a plan", []turn{
			{"deploy api v1.0.0 to staging --yes", "Go"},
			{"deploy api v1.0.0 to prod", "Confirm?"},
			{"deploy api v1.0.0 to staging2", `api has no environment "staging2" (staging, production). Did you mean staging?`},
			{"yes", "Deploy api v1.0.0 → staging (#3)"}, // the name suggested, though the message cancelled the plan
		}},
		{"rollback mistyped after a deploy's plan", []turn{
			{"deploy api v1.0.0 to staging", "Confirm?"},
			{"rolbak webb staging", "not sure"},
		}},
		{"news or an order, fr", []turn{
			{"api v1.0.0 en staging depuis lundi", "Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « deploy api v1.0.0 to staging »."},
			{"ok", "pas sûr"}, // an ok plans nothing: only a yes takes the offer
		}},
		{"news or an order, then yes", []turn{
			{"api v1.0.0 on staging since monday", `News or an order? I plan nothing on a message without a verb that says what to do. To plan it: "deploy api v1.0.0 to staging".`},
			{"yes", "Deploy api v1.0.0 → staging (#1)"},
		}},
		{"a rollback's rules", []turn{
			{"deploy api v1.0.0 to staging --yes", "Go"},
			{"deploy api v1.1.0 to staging --yes", "Go"},
			{"rollback api staging", "✅ a rollback is the emergency path: no window or freeze holds it"},
		}},
		{"a terse downgrade is offered", []turn{
			{"deploy api v1.0.0 to staging --yes", "Go"},
			{"deploy api v1.1.0 to staging --yes", "Go"},
			{"api v1.0.0 on staging, validated by QA", `⚠️ v1.0.0 is older than v1.1.0, which runs on api/staging: this is a downgrade.`},
			{"ok", "Nothing here waits for your confirmation."},
			{"api v1.0.0 on staging, validated by QA", `To plan it: "deploy api v1.0.0 to staging".`},
			{"yes", "Deploy api v1.0.0 → staging (#3)"},
		}},
		{"a terse order forward is planned", []turn{
			{"deploy api v1.0.0 to staging --yes", "Go"},
			{"api v1.1.0 on staging pls", "Deploy api v1.1.0 → staging (#2)"},
		}},
		{"asked what runs", []turn{
			{"api v1.0.0 est en prod ?", "api"},
		}},
		{"two projects by short names", []turn{
			{"déploie le site en staging et l'api en staging aussi", "Je ne lance rien : ce message donne plusieurs ordres."},
		}},
	})
	// Nothing of the above deployed twice or moved a plan: the first
	// conversation's plan is still production's.
	o, _ := langOrchestrator(t)
	say(t, o, "alice", "deploy api v1.0.0 to staging")
	if got := full(say(t, o, "alice", "rolbak webb staging")); strings.Contains(got, "Deploy api") {
		t.Errorf("the mistyped rollback replanned the deploy:\n%s", got)
	}
}

// TestSession24AvoidReason: a moment in a project's own avoid window is
// refused for that window, not for the brief's Friday afternoon ("can I
// deploy api on thursday at 11?" was told of Fridays and weekends).
func TestSession24AvoidReason(t *testing.T) {
	o, _ := langOrchestrator(t)
	base := o.Calendar
	o.Calendar = func(project string) policy.Calendar {
		c := base(project)
		if project == "api" {
			thu, err := policy.ParseWindow("Thu-Sun")
			if err != nil {
				t.Fatal(err)
			}
			c.Avoid = append(c.Avoid, thu)
		}
		return c
	}
	for text, want := range map[string]string{
		"can I deploy api on thursday at 11?": "api's avoid window: Thu-Sun",
		"je peux déployer api jeudi à 11h ?":  "fenêtre à éviter de api : Thu-Sun",
		"can I deploy api on friday at 5pm?":  "Friday afternoon and weekends",
		"can I deploy web on thursday at 11?": "recommended window",
	} {
		if got := full(say(t, o, "alice", text)); !strings.Contains(got, want) {
			t.Errorf("%q:\n%s\nwant %q", text, got, want)
		}
	}
}
