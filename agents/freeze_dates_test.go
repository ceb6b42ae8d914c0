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
