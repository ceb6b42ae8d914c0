package agents_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
)

// TestFreezeDatesWithMonthNames: a freeze's dates written with the
// month's name, in either language, bound the freeze as their digits do
// (they once froze for a year: the dates were not read), with the reason
// said in a clause after them.
func TestFreezeDatesWithMonthNames(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"gèle les déploiements du site jusqu'au 8 décembre", []string{"web", "au 2026-12-08 23:59"}},
		{"freeze the front from dec 10 to dec 12, black week for the client", []string{"from 2026-12-10 00:00 to 2026-12-12 23:59", "black week for the client"}},
		{"gel de l'api du 20 décembre au 3 janvier, fin d'année", []string{"du 2026-12-20 00:00 au 2027-01-03 23:59", "fin d'année"}},
		{"freeze web production from December 20th, 2026 to January 3rd, 2027: holidays", []string{"from 2026-12-20 00:00 to 2027-01-03 23:59", "holidays"}},
		{"freeze web from dec 12 to dec 10", []string{"a freeze must end after it starts"}},
		{"gel du site du 12/12 au 10/12", []string{"un gel doit finir après avoir commencé"}},
	} {
		t.Run(tt.text, func(t *testing.T) {
			o, _ := langOrchestrator(t)
			r, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c", User: "alice", Text: tt.text, At: wednesday})
			if err != nil {
				t.Fatal(err)
			}
			got := shown(r)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q:\n got  %s\n want %q in it", tt.text, got, w)
				}
			}
		})
	}
}

// TestWindowCardFitsTheVerdict: a question about a moment gets the
// windows' card that fits its verdict: the windows for a moment inside
// them, the card on waiting for one outside them.
func TestWindowCardFitsTheVerdict(t *testing.T) {
	for _, tt := range []struct{ text, title, verdict string }{
		{"can I deploy next Tuesday at 10?", "Deployment windows", "recommended window"},
		{"can I deploy on Friday at 6pm?", "Deploying outside the window", "avoid"},
		{"je peux mettre en prod jeudi prochain à 11h ?", "Fenêtres de déploiement", "fenêtre recommandée"},
		{"je peux mettre en prod samedi ?", "Déployer hors fenêtre", "à éviter"},
	} {
		o, _ := langOrchestrator(t)
		r, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c", User: "alice", Text: tt.text, At: wednesday})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(r.Title, tt.title) || !strings.Contains(r.Text, tt.verdict) {
			t.Errorf("%q:\n got  %s\n%s\n want the title %q and %q in it", tt.text, r.Title, r.Text, tt.title, tt.verdict)
		}
	}
}

// TestIncidentGetsTheIncidentCard: an incident told with a project's
// name gets the incident response, not a card that shares the project's
// name ("site") with the question.
func TestIncidentGetsTheIncidentCard(t *testing.T) {
	for _, tt := range []struct{ text, title string }{
		{"le site est cassé en prod, on fait quoi ?", "Réponse à incident"},
		{"le site est cassé en prod depuis la MEP de ce matin, on fait quoi ?", "Réponse à incident"},
		{"the site is broken in prod since this morning's release, what do we do?", "Incident response"},
		{"comment on garde le staging du site privé ?", "Garder le staging privé"},
	} {
		o, _ := langOrchestrator(t)
		r, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c", User: "alice", Text: tt.text, At: wednesday})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(r.Title, tt.title) {
			t.Errorf("%q:\n got  %s\n want the title %q", tt.text, r.Title, tt.title)
		}
	}
}

// TestUnlockAskedForItsReason: an unlock without its reason asks for it,
// in the writer's language, and the answer unlocks (the service's refusal
// was the last word, and the reason given after it was not understood).
func TestUnlockAskedForItsReason(t *testing.T) {
	o, _ := langOrchestrator(t)
	user, says := "", sayer(t, o)
	say := func(text string) string { t.Helper(); return says(user, text) }
	for _, tt := range []struct{ user, lock, unlock, reason, ask, done string }{
		{"alice", "verrouille l'api en prod : incident", "déverrouille l'api en prod", "c'est réglé", "Donnez une raison", "déverrouillé par alice : c'est réglé"},
		{"bob", "lock web prod: demo", "unlock web prod", "demo is over", "Give a reason", "unlocked by bob: demo is over"},
	} {
		user = tt.user
		say(tt.lock)
		if got := say(tt.unlock); !strings.Contains(got, tt.ask) {
			t.Errorf("%q:\n got  %s\n want %q in it", tt.unlock, got, tt.ask)
		}
		if got := say(tt.reason); !strings.Contains(got, tt.done) {
			t.Errorf("%q after %q:\n got  %s\n want %q in it", tt.reason, tt.unlock, got, tt.done)
		}
	}
}
