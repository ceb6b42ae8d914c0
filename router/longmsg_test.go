package router_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"deploybot/router"
)

// Long repetitive messages. A message of openers, clauses of small talk,
// remarks, pasted alerts, take-backs, question marks or dropped words
// once took seconds to parse, or minutes: rules read a part of the message
// by reading the rest of it again, once a part, and those readings nested
// (quadratic, cubic and exponential time). Each family gives such a
// message for n repetitions of its unit.
type longFamily struct {
	name string
	text func(n int) string
	// bench is n in BenchmarkParseLongMessages: the size the family's
	// time was measured at, before and after its fix.
	bench int
}

// sentrySpam is an alert pasted from Sentry, then a blank line.
const sentrySpam = "Sentry spam: `OperationalError: could not connect to server: Connection refused (db-new-01:5432)` x 2,4k\n\n"

// rep is strings.Repeat.
func rep(s string, n int) string { return strings.Repeat(s, n) }

var longFamilies = []longFamily{
	{"parfait", func(n int) string { return rep("parfait, ", n) }, 256},
	{"parfait+unlock", func(n int) string { return rep("parfait, ", n) + "unlock prod" }, 80},
	{"merci+question+lol", func(n int) string {
		return rep("merci, ", n) + "c'est quoi le process pour la prod ? " + rep("lol. ", 8)
	}, 40},
	{"question+lol", func(n int) string {
		return rep("merci, ", 40) + "c'est quoi le process pour la prod ? " + rep("lol. ", n)
	}, 160},
	{"sentry+ok", func(n int) string { return rep(sentrySpam, n) + "ok" }, 160},
	{"sentry+rollback", func(n int) string { return rep(sentrySpam, n) + "rollback du backend en prod stp" }, 160},
	{"bon+gele", func(n int) string { return rep("bon ; ", n) + "gèle la prod" }, 160},
	{"approve+yes", func(n int) string { return rep("approve! ", n) + "yes" }, 160},
	{"ok+order", func(n int) string { return rep("ok, ", n) + "deploy web v2.5.0 to production" }, 160},
	{"ok-lines", func(n int) string { return rep("ok\n", n) }, 2731},                                      // 8 KB
	{"ok", func(n int) string { return rep("ok, ", n) }, 2048},                                            // 8 KB
	{"no", func(n int) string { return rep("no. ", n) }, 2048},                                            // 8 KB
	{"le", func(n int) string { return rep("le ", n) }, 2731},                                             // 8 KB
	{"go", func(n int) string { return rep("go! ", n) }, 2048},                                            // 8 KB
	{"on", func(n int) string { return rep("on ", n) }, 2731},                                             // 8 KB
	{"et", func(n int) string { return rep("et ", n) }, 2731},                                             // 8 KB
	{"the", func(n int) string { return rep("the ", n) }, 2048},                                           // 8 KB
	{"merci", func(n int) string { return rep("merci, ", n) }, 1170},                                      // 8 KB
	{"oops", func(n int) string { return rep("oops ", n) }, 1638},                                         // 8 KB
	{"remind+rollback", func(n int) string { return rep("remind me ", n) + "rollback api prod" }, 819},    // 8 KB
	{"marks+order", func(n int) string { return rep("? ", n) + "deploy web v2.5.0 to production" }, 4096}, // 8 KB
	{"leads+rb", func(n int) string { return rep("ok ", n) + "rb api prod" }, 2731},                       // 8 KB
	{"sure", func(n int) string { return rep("sure, ", n) }, 1365},                                        // 8 KB
	{"gel", func(n int) string { return rep("gel, ", n) }, 1638},                                          // 8 KB
	{"then", func(n int) string { return rep("then, ", n) }, 1365},                                        // 8 KB
	{"qa", func(n int) string { return rep("qa ", n) }, 2731},                                             // 8 KB
	{"promu", func(n int) string { return rep("promu ", n) }, 1365},                                       // 8 KB
	{"deploies", func(n int) string { return rep("déploies, ", n) }, 745},                                 // 8 KB
	{"code", func(n int) string { return rep("``` ", n) }, 2048},                                          // 8 KB
}

// longHistories are the histories each family is read with: none, and
// one earlier message.
var longHistories = [][]string{nil, {"deploy web v2.5.0 to production"}}

// longRouter returns a Router of the example configuration without the
// cache of parses: every message is parsed in full.
func longRouter(t testing.TB) *router.Router {
	t.Helper()
	r, err := router.New(evalProjects(t, filepath.Join("..", "config.example.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	return router.WithoutParseCache(r)
}

// BenchmarkParseLongMessages parses each family's message at its
// measured size (longFamily.bench), the cache of parses off; run with
// -cpu 1 for the one-core figures.
func BenchmarkParseLongMessages(b *testing.B) {
	r := longRouter(b)
	ctx := context.Background()
	for _, f := range longFamilies {
		text := f.text(f.bench)
		b.Run(f.name, func(b *testing.B) {
			measure(b, func(int) { r.Parse(ctx, text, nil) })
		})
	}
}

// TestLongMessagesReadLinearly checks that twice as long a message of a
// family is read in about twice the work, not four times (quadratic) or
// more. The work is counted, not timed (router.CountReads: the bytes the
// rules read), so that a busy machine does not make it fail. The sizes
// are past every bound on repetitions the rules read one at a time (12
// clauses skipped, 8 openers, remarks or alerts).
func TestLongMessagesReadLinearly(t *testing.T) {
	r := longRouter(t)
	ctx := context.Background()
	const n = 256
	for _, f := range longFamilies {
		for _, h := range longHistories {
			count := func(n int) int64 {
				text := f.text(n)
				// A budget, so that a path gone exponential fails here
				// instead of running for hours.
				c, ok := router.CountReadsUpTo(int64(len(text))*4000, func() { r.Parse(ctx, text, h) })
				if !ok {
					t.Fatalf("%s (%d turns of history), n=%d: over %d bytes read for a message of %d", f.name, len(h), n, c, len(text))
				}
				return c
			}
			one, two := count(n), count(2*n)
			if ratio := float64(two) / float64(one); ratio > 2.4 {
				t.Errorf("%s (%d turns of history): %d bytes read for n=%d, %d for n=%d: x%.2f, not linear", f.name, len(h), one, n, two, 2*n, ratio)
			}
		}
	}
}

// TestLongMarksWordsAfter checks that the word after each question mark,
// read field by field (givesNoOrderFor), is the first of the words of the
// text after it, read whole.
func TestLongMarksWordsAfter(t *testing.T) {
	pieces := []string{"?", "? ", " ", "\n", "\t", "no", "non", "nope", "deploy", "web", "-", ".", "+", "_", "*", "~", "`", ":", ":+1:",
		"'", "’", "t", "don't", "<", ">", "<@U123>", "<https://x.io|no>", "@bob", "é", "É", "🚀", "👍", "x", "--", "..."}
	seed := uint32(1)
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for k := 0; k < 3000; k++ {
		var b strings.Builder
		for range 1 + next(24) {
			b.WriteString(pieces[next(len(pieces))])
		}
		text := b.String()
		var marks []int
		for i := range len(text) {
			if text[i] == '?' {
				marks = append(marks, i)
			}
		}
		got := router.FirstWordsAfter(text, marks)
		for j, i := range marks {
			want := ""
			if ws := router.Words(text[i:]); len(ws) > 0 {
				want = ws[0]
			}
			if got[j] != want {
				t.Fatalf("%q after byte %d: read %q, whole %q", text, i, got[j], want)
			}
		}
	}
}

// openerReadings are the openers': the setting after them
// (setAfterOpeners), small talk, a command after one or two.
var openerReadings = []reading{
	{"ok set web strategy to canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
	{"ok alors set web strategy to canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
	{"parfait, set web strategy to canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
	{"ok ok ok set web strategy to canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
	{"alors mets la stratégie du site à canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
	{"ok thanks", nil, "smalltalk"},
	{"ok merci", nil, "smalltalk"},
	{"ok status", nil, "command status"},
	{"bon, status du site", nil, "command status app=web"},
	{"parfait, unlock prod", nil, "command unlock env=production"},
	{"parfait, parfait, unlock prod", nil, "command unlock env=production"},
	{"parfait, parfait, unlock web prod", nil, "command unlock app=web env=production"},
}

// longReadings are short messages on each path the long messages made
// linear, read as before the change, and at the bounds the rules read
// repetitions one at a time up to (8 openers, remarks or alerts, 12
// clauses, subjects, articles, leads or thanks).
var longReadings = []reading{
	// A greeting's clauses (greetingOpened).
	{"bonjour, je suis Inès, nouvelle cheffe de projet. c quoi qui tourne en prod ?", nil, "command status env=production"},
	{"merci, merci, c'est quoi le process pour la prod ?", nil, "question orchestrator"},
	{"salut, ça va ? status du site", nil, "command status app=web"},
	{"hello, hello, hello, status du site", nil, "command status app=web"},
	// Remarks after a request (withoutRemark).
	{"Le site 2.5.0 est validé. Vous pouvez la déployer en prod stp ? Je suis dispo pour surveiller.", nil, "action deploy app=web env=production version=2.5.0"},
	{"Le site 2.5.0 est validé. Vous pouvez la déployer en prod stp ? Je suis dispo. Merci. Bonne journée.", nil, "action deploy app=web env=production version=2.5.0"},
	{"deploy api to prod? no.", nil, "question production"},
	{"c'est quoi le process pour la prod ? lol. lol.", nil, "question production"},
	// Alerts pasted before the writer's words (pastedOrder).
	{"> [Sentry] TypeError in web production\nrollback web production", nil, "action rollback app=web env=production"},
	{sentrySpam + "rollback du backend en prod stp", nil, "action rollback app=api env=production"},
	{sentrySpam + sentrySpam + "rollback du backend en prod stp", nil, "action rollback app=api env=production"},
	{sentrySpam + sentrySpam + sentrySpam + "rollback du backend en prod stp ?", nil, "question rollback"},
	{sentrySpam + "ok", nil, "question devops"},
	{"> [PagerDuty] CRITICAL api-prod 500s\n> [PagerDuty] CRITICAL api-prod 500s\nrollback api prod", nil, "action rollback app=api env=production"},
	{"Sentry alert: rollback api production recommended\n\nfalse positive", nil, "question rollback"},
	{"> [Sentry] TypeError in web production\n- rollback web production", nil, "question rollback"},
	// A lock's verb in a short clause (lockByName).
	{"personne ne touche à la prod api, verrouille stp", nil, "command lock app=api env=production"},
	{"bon ; gèle la prod", nil, "command freeze env=production"},
	{"bon ; bon ; gèle la prod", nil, "command freeze env=production"},
	{"freeze api prod, incident on web", nil, "command freeze app=api env=production reason=incident on web"},
	{"on gèle tout : la base de prod est corrompue", nil, "command freeze all=yes reason=la base de prod est corrompue"},
	{"ok, dégèle tout, nvm", nil, "unknown"},
	// Take-backs and corrections (lastCorrecting).
	{"ship web to production, oops no, staging", nil, "action deploy app=web env=staging"},
	{"unlock prod. nope, scratch that", nil, "question orchestrator"},
	{"deploy web v2.5.0 to production. no. no.", nil, "question production"},
	{"deploy web v2.5.0 to production, oops no, no, staging", nil, "action deploy app=web env=staging version=v2.5.0"},
	{"deploy api to prod? no", nil, "question production"},
	{"deploy web to production? and then lock it? no, not today", nil, "question orchestrator"},
	// First clauses skipped (commandOfAny).
	{"nope, deny #33: missing load tests", nil, "command deny id=33 reason=missing load tests"},
	{"oui, approuve le 12", nil, "command approve id=12"},
	{"ok, ok, approve 12", nil, "command approve id=12"},
	{"ok, ok, ok, ok, approve 12", nil, "command approve id=12"},
	{"lgtm, approving #77", nil, "command approve id=77"},
	{"attends, qu'est-ce qui tourne en staging là ?", nil, "command status env=staging"},
	{"deploy done, lock web prod", nil, "command lock app=web env=production"},
	{"go! go! go!", rollbackPlan33, "command confirm id=6"},
	{"approve! approve! yes", rollbackPlan33, "question orchestrator"},
	// Subjects, articles, leads dropped.
	{"on gèle tout, incident en cours", nil, "command freeze all=yes reason=incident en cours"},
	{"we lock api prod", nil, "command lock app=api env=production"},
	{"on peut dégeler la prod, l'incident est clos", nil, "command unfreeze env=production reason=l'incident est clos"},
	{"on on gèle tout", nil, "command freeze all=yes"},
	{"show me the history of api", nil, "command history app=api"},
	{"donne-moi le statut du site", nil, "command status app=web"},
	{"le statut du site", nil, "command status app=web"},
	{"le le statut du site", nil, "command status app=web"},
	{"the the history of api", nil, "command history app=api"},
	{"et les verrous ?", nil, "command list what=locks"},
	{"and the locks?", nil, "command list what=locks"},
	{"et et les verrous ?", nil, "command list what=locks"},
	{"et l'historique ?", []string{"status du site"}, "command history app=web"},
	// Thanks then small talk (thanksThenSmalltalk).
	{"merci pour le rollback, tu m'as sauvé la vie", nil, "smalltalk"},
	{"ok thanks, I'll ask alice then", nil, "smalltalk"},
	{"merci, merci, merci", nil, "smalltalk"},
	{"thanks, you're a lifesaver", nil, "smalltalk"},
	{"thanks! thanks! thanks!", nil, "smalltalk"},
	// A yes and the client waiting (urgencyDropped).
	{"go, the client is waiting", rollbackPlan33, "command confirm id=6"},
	{"yes the client is waiting", rollbackPlan33, "command confirm id=6"},
	{"yes yes the customers are still waiting", rollbackPlan33, "question orchestrator"}, // the topic model's route since session 34 (orchestrator before)
	{"oui, le client attend", rollbackPlan33, "command confirm id=6"},
	// A no after a question mark (wordsAfter).
	{"deploy api to prod??? non merci", nil, "question production"},
	{"rollback api prod? <@U123> no", nil, "question rollback"},
	{"deploy web to prod? *no*", nil, "question production"},
	{"deploy web to prod?no", nil, "question production"},
	// Interjections before an order.
	{"ok, deploy web v2.5.0 to production", nil, "action deploy app=web env=production version=v2.5.0"},
	{"ok, ok, deploy web v2.5.0 to production", nil, "action deploy app=web env=production version=v2.5.0"},
	{"no. no. deploy web v2.5.0 to production", nil, "action deploy app=web env=production version=v2.5.0"},
	{"ok\nok\ndeploy web v2.5.0 to production", nil, "action deploy app=web env=production version=v2.5.0"},
	// Leads a request follows (leadDropped).
	{"euh je sais pas, c'est quoi qui tourne en recette ?", nil, "command status env=staging"},
	{"sure, sure, status du site", nil, "command status app=web"},
	{"je sais pas, je sais pas, status du site", nil, "command status app=web"},
	{"ok add one: remind #deploys every weekday at 9:30 to check the pending approvals", nil, "command reminders channel=#deploys dow=1-5 hour=9 minute=30 op=add text=check the pending approvals"},
	// A "then" after a bare verb (stripPolite).
	{"approve then", nil, "question orchestrator"},
	{"ok approve then", nil, "question orchestrator"},
	{"fine, approve then", nil, "question orchestrator"},
	{"approve it then", nil, "question orchestrator"},
	{"status then", nil, "command status"},
	{"ok ok status then then", nil, "question orchestrator"},
	// A build promoted (promotion).
	{"la version en préprod d'api est validée, envoie-la en prod", nil, "action deploy app=api env=production from=staging"},
	{"passe api de staging à production", nil, "action deploy app=api env=production from=staging"},
	{"on envoie la même version en prod", nil, "question production"},
	{"deploy the build on prod to staging", nil, "action deploy env=staging from=production"},
	{"envoie en recette la version en prod", nil, "action deploy env=staging from=production"},
	{"take the front's staging build and put it live", nil, "action deploy app=web env=production from=staging"},
	{"push the staging build of web to prod", nil, "action deploy app=web env=production from=staging"},
	// Orders told in the past (pastOrder).
	{"on a annulé la 12", nil, "question orchestrator"},
	{"la PR est validée, déploie le site en prod", nil, "action deploy app=web env=production"},
	{"j'ai déployé api en prod", nil, "question production"},
	{"Paul a lancé la MEP du front ce matin", nil, "question production"},
	{"gelé la prod", nil, "question orchestrator"},
	// An order in a clause (clauseOrder).
	{"sorry 😬 roll back the api there", nil, "question rollback"},
	{"ok, déploie le site en prod", nil, "action deploy app=web env=production"},
	{"c'est quoi le staging ? déploie le site en prod", nil, "action deploy app=web env=production"},
	// Code spans (alone).
	{"`rollback api production`", nil, "action rollback app=api env=production"},
	{"`# deploy web 2.5.0`", nil, "question production"},
	{"`` `deploy web 2.4.0` ``", nil, "question production"},
	{"``` ``` rollback api production ``` ```", nil, "question rollback"},
	// Short clauses of a lock's verb (lockByName).
	{"gel, gèle la prod", nil, "command freeze env=production"},
	{"gèle, gèle, gèle la prod du site", nil, "command freeze app=web env=production"},
	{"lock, lock api prod", nil, "question orchestrator"},
	// Orders relayed (relayedTo).
	{"carol please approve 12", nil, "question orchestrator"},
	{"fais approuver le 12 par carol", nil, "question orchestrator"},
	{"deploy web to staging and ask carol to approve it", nil, "action deploy app=web env=staging"},
	{"ask for approval of 12", nil, "question orchestrator"},
	{"remind me to deploy web tomorrow", nil, "question orchestrator"},
	// An oops (smalltalk).
	{"oops wrong version", planFr, "question rollback"},
	{"yes oops", planFr, "unknown"},
	{"oops", nil, "smalltalk"},
	// Leads before a rollback's short name (rbAfterLeads).
	{"plz rb api prod", nil, "action rollback app=api env=production"},
	{"ok ok rb api prod", nil, "action rollback app=api env=production"},
	{"can you rb web prod stp", nil, "action rollback app=web env=production"},
	// At the bounds.
	{rep("ok ", 8) + "set web strategy to canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
	{rep("parfait, ", 8) + "set web strategy to canary", nil, "command context app=web key=strategy scope=project value=canary what=set"},
	{rep("ok, ", 12) + "approve 12", nil, "command approve id=12"},
	{rep("nope, ", 12) + "deny #33: missing load tests", nil, "command deny id=33 reason=missing load tests"},
	{rep("go! ", 12), rollbackPlan33, "command confirm id=6"},
	{rep("hello, ", 12) + "status du site", nil, "command status app=web"},
	{rep("merci, ", 12) + "c'est quoi le process pour la prod ? lol.", nil, "question production"},
	{"Le site 2.5.0 est validé. Vous pouvez la déployer en prod stp ?" + rep(" Merci.", 8), nil, "action deploy app=web env=production version=2.5.0"},
	{rep(sentrySpam, 8) + "rollback du backend en prod stp", nil, "action rollback app=api env=production"},
	{rep(sentrySpam, 9) + "rollback du backend en prod stp", nil, "action rollback app=api env=production"},
	{rep("le ", 12) + "statut du site", nil, "command status app=web"},
	{rep("on ", 12) + "gèle tout", nil, "command freeze all=yes"},
	{rep("et ", 12) + "les verrous ?", nil, "command list what=locks"},
	{rep("merci, ", 12) + "merci", nil, "smalltalk"},
	{rep("thanks! ", 12) + "you're a lifesaver", nil, "smalltalk"},
	{rep("? ", 12) + "no", nil, "command cancel decline=yes"},
	{"deploy web v2.5.0 to production" + rep("? ", 12) + "no", nil, "question production"},
}

// TestLongPathReadings holds the readings of longReadings, with the cache
// of parses and without it (the message's memory of its sub-parses then
// answers), and of openerReadings without it.
func TestLongPathReadings(t *testing.T) {
	checkReadings(t, longReadings)
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	r = router.WithoutParseCache(r)
	for _, tt := range append(openerReadings, longReadings...) {
		if got := brief(r.Parse(context.Background(), tt.text, tt.history)); got != tt.want {
			t.Errorf("without the cache, %q %q:\n got  %s\n want %s", tt.text, tt.history, got, tt.want)
		}
	}
}

// TestOpenerReadings holds the openers' readings on their own: a
// setting after one or more openers is read as said alone.
func TestOpenerReadings(t *testing.T) {
	checkReadings(t, openerReadings)
}
