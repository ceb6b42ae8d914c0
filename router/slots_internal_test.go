package router

import (
	"strings"
	"testing"

	"deploybot"
)

// TestWordPrefilters checks the word lists put before maps (issue 19)
// against the maps: momentNames holds every key of weekdays, months and
// dayParts; slotWord answers as envWords and the projects' names do;
// envWordOf answers as envWords; the domain's list holds the glossary;
// impliedEnvOf reads MEP and go-live as production, nothing else.
func TestWordPrefilters(t *testing.T) {
	for w := range weekdays {
		if !momentNames.has(w) {
			t.Errorf("momentNames lacks weekday %q", w)
		}
	}
	for w := range months {
		if !momentNames.has(w) {
			t.Errorf("momentNames lacks month %q", w)
		}
	}
	for w := range dayParts {
		if !momentNames.has(w) {
			t.Errorf("momentNames lacks day part %q", w)
		}
	}
	r, err := New([]deploybot.Project{{Name: "api", Aliases: []string{"backend"}}, {Name: "web", Aliases: []string{"site", "front"}}})
	if err != nil {
		t.Fatal(err)
	}
	probes := []string{"", "x", "prod", "api", "web", "site", "backend", "staging", "deploy", "le", "mep", "golive", "apis", "prodd"}
	for w := range envWords {
		probes = append(probes, w, w+"x")
	}
	for w := range r.ix.names {
		probes = append(probes, w, "x"+w)
	}
	for _, w := range probes {
		_, env := envWords[w]
		_, name := r.ix.names[w]
		if got := r.slotWord(w); got != (env || name) {
			t.Errorf("slotWord(%q) = %v, want %v", w, got, env || name)
		}
	}
	for _, w := range probes {
		want, wantOK := envWords[w]
		if got, ok := envWordOf(w); got != want || ok != wantOK {
			t.Errorf("envWordOf(%q) = %q, %v; want %q, %v", w, got, ok, want, wantOK)
		}
	}
	for w := range glossaryWords() {
		if !r.t.domain.has(w) {
			t.Errorf("the domain's list lacks %q", w)
		}
	}
	for _, w := range []string{"mep", "golive"} {
		if env, ok := impliedEnvOf(w); !ok || env != deploybot.EnvProduction {
			t.Errorf("impliedEnvOf(%q) = %q, %v; want production", w, env, ok)
		}
	}
	for _, w := range []string{"", "prod", "go-live", "mepp", "MEP", "live"} {
		if env, ok := impliedEnvOf(w); ok {
			t.Errorf("impliedEnvOf(%q) = %q, want none", w, env)
		}
	}
}

// TestAuditPeriodEnds checks auditPeriod, behind the list of the periods'
// last words, against the plain search of every period at the line's end.
func TestAuditPeriodEnds(t *testing.T) {
	plain := func(line string) (string, bool) {
		for _, p := range auditPeriods {
			if strings.HasSuffix(line, " "+p.words) {
				return p.since, true
			}
		}
		return "", false
	}
	lines := []string{"", " ", "audit", "audit today", "audit  today", "audit du jour", "audit jour", "audit ce mois-ci", "audit mois-ci",
		"audit the last 7 days", "audit 7 days", "history this week", "audit week", "audit la semaine derniere", "today", " today", "audit today "}
	for _, p := range auditPeriods {
		lines = append(lines, "audit "+p.words, "audit x"+p.words, p.words, "audit "+p.words+"s")
	}
	for _, l := range lines {
		_, got := auditPeriod(l)
		want, _ := plain(l)
		if got != want {
			t.Errorf("auditPeriod(%q) since %q, want %q", l, got, want)
		}
	}
}
