package router_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deploybot"
	"deploybot/router"
)

// evalProjects reads the projects of an evaluation configuration.
func evalProjects(t testing.TB, path string) []deploybot.Project {
	return router.ConfigProjects(t, path)
}

func readSet(t testing.TB, path string) []router.Labelled {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ls, err := router.ReadLabelled(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return ls
}

// score holds the accuracy figures of one evaluation set.
type score struct {
	n, route, intent, lang int
	actions, slots         int
	kinds, kindOK          int // lines labelled with a kind, and right
	commands, commandOK    int // command lines, with the right command and slots
	misses                 []string
}

func evaluate(t testing.TB, r *router.Router, set []router.Labelled) score {
	var s score
	for _, l := range set {
		got := r.Parse(context.Background(), l.Text, l.History)
		s.n++
		ok := true
		if string(got.Route) == l.Route {
			s.route++
		} else {
			ok = false
		}
		if string(got.Intent.Intent) == l.Intent {
			s.intent++
		} else {
			ok = false
		}
		if string(got.Lang) == l.Lang {
			s.lang++
		}
		if l.Intent != "question" {
			// A bad version refuses the action: the labelled lines name
			// none, so one found is a miss.
			s.actions++
			if got.App == l.App && got.Env == l.Env && got.Version == l.Version && got.BadVersion == "" && (l.Kind == "" || got.From == l.From) {
				s.slots++
			} else {
				ok = false
			}
		}
		if l.Kind != "" {
			s.kinds++
			if string(got.Kind) == l.Kind {
				s.kindOK++
			} else {
				ok = false
			}
		}
		if l.Kind == "command" {
			s.commands++
			if string(got.Command) == l.Command && got.App == l.App && got.Env == l.Env && argsMatch(got.Args, l.Args) {
				s.commandOK++
			} else {
				ok = false
			}
		}
		if !ok {
			s.misses = append(s.misses, fmt.Sprintf("  %q %q\n    want %s/%s %s %s app=%q env=%q version=%q from=%q args=%v\n    got  %s/%s %s %s app=%q env=%q version=%q from=%q args=%v bad version=%q (%.2f)",
				l.Text, l.History, l.Route, l.Intent, l.Kind, l.Command, l.App, l.Env, l.Version, l.From, l.Args,
				got.Route, got.Intent.Intent, got.Kind, got.Command, got.App, got.Env, got.Version, got.From, got.Args, got.BadVersion, got.Confidence))
		}
	}
	return s
}

// argsMatch reports whether every labelled argument is there with its
// value (reasons compared without case).
func argsMatch(got, want map[string]string) bool {
	for k, v := range want {
		if !strings.EqualFold(strings.TrimSpace(got[k]), v) {
			return false
		}
	}
	return true
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestEvaluation asserts the accuracy floors on the labelled development set
// and on an independently written held-out set, and prints the figures with
// every misclassified line.
func TestEvaluation(t *testing.T) {
	r, err := router.New(evalProjects(t, filepath.Join("..", "testdata", "dev-config.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	// The fourth held-out set names the projects of config.example.yaml.
	example, err := router.New(evalProjects(t, filepath.Join("..", "config.example.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	// The floors of the first three sets are their figures before the
	// parser (issue 12): they must not drop. The third held-out set
	// asserts the targets. The fourth, written blind like the
	// third but read while the parser was improved, is a development set
	// now: its floors are the figures reached. Its action slots stay under
	// the 0.98 by two labels that leave a rollback without an
	// environment where the third set (and the router) name production.
	// The fifth, written blind and measured once blind (route 0.965,
	// intent 0.991, slots 0.905, kind 0.959, command 0.917), is a
	// development set now, its floors the figures reached; its slots miss
	// one such rollback label. The sixth (393 lines), written blind by a
	// helper that never read the corpus, the router or the other sets, is
	// the held-out measure: measured blind at the start of the
	// work on holdout5 (route 0.936, intent 0.980, slots 0.894, kind
	// 0.929, command 0.835) and at its end (route 0.954, intent 0.979,
	// slots 0.894, kind 0.946, command 0.878, truncated): under the
	// issue's targets. It is no longer blind: its lines that turned a
	// command, a deploy or a follow-up into a rollback were read and fixed
	// by general rules, and its floors are the figures reached since; see
	// its misses with -v. The seventh (465 lines, session 4), written
	// blind the same way, was measured once blind (route 0.933, intent
	// 0.981, slots 0.942, kind 0.935, command 0.853) and then read: its
	// misses were fixed by general rules tested in other words
	// (misroutes_test.go), and its floors are the figures reached. The
	// issue's held-out measure is now an eighth set kept outside the
	// repository until it is measured. The ninth (408 lines, session 4),
	// written blind with commands said in every way, answers in context,
	// small talk and gibberish, was measured once blind (route 0.775,
	// intent 0.924, slots 0.753, kind 0.674, command 0.567) and then read
	// the same way. The eighth (453 lines) and the tenth (435 lines),
	// written blind in session 4, were the honest measure until session 5
	// read them (blind figures in README). Session 5 had four more sets
	// written blind by helpers that read only SCHEMA.md, request.go, the
	// example configuration and the README's chat sections: the eleventh
	// (440 lines), twelfth (446) and thirteenth (452) were measured blind
	// at the session's start (21c0d0d), then read and fixed by general
	// rules tested in other words (misroutes5_test.go, attack5_test.go);
	// the fourteenth (434 lines), written last, was never read: measured
	// at the start (route 0.924, intent 0.956, slots 0.912, kind 0.933,
	// command 0.912) and once at the end of the router's work (8b4ff70:
	// route 0.961, intent 0.979, slots 0.926, kind 0.972, command 0.928),
	// under the targets. Floors are the figures reached.
	// Session 6 read the fourteenth (its misses fixed by general rules,
	// misroutes6_test.go) and had three more written blind the same way:
	// the fifteenth (435 lines), never read, is the honest measure (at
	// a8d8b6c: route 0.963, intent 0.982, slots 0.956, kind 0.966,
	// command 0.907; at 936eea7: route 0.970, intent 0.989, slots 0.978,
	// kind 0.970, command 0.949, under the targets); the
	// sixteenth (439, "a month of six people's habits") and seventeenth
	// (436, "typed in a hurry") were measured blind once and then read as
	// development sets. Session 7 read the fifteenth at its start (24
	// misses, fixed by general rules tested in other words in
	// misroutes7_test.go); its floors are the figures reached. The
	// nineteenth (457 lines, "questions, many questions"), written blind
	// by a helper, was measured once blind (at d064192: route 0.921,
	// intent 0.993, slots 0.947, kind 0.965, command 0.986) and then read
	// the same way (TestSession7Questions). The eighteenth (449 lines, "a
	// release week"), written blind at the session's start, was its
	// honest measure: at d064192 route 0.949, intent 0.991, slots 0.989,
	// kind 0.942, command 0.882; at the end of its router work (7297115)
	// route 0.949, intent 0.993, slots 0.989, kind 0.944, command 0.889.
	// It was then read (TestSession7Release); its 3 deploys without an
	// environment were relabelled production by SCHEMA.md's rule. The
	// twentieth (406 lines, "a client project from kickoff to its first
	// month live"), written blind while the others were read, is never
	// read: the honest measure (at d064192 route 0.966, intent 0.988,
	// slots 0.956, kind 0.961, command 0.953; at 542bde9 route 0.973,
	// intent 0.990, slots 0.956, kind 0.963, command 0.953: intent at the
	// issue's 0.99, route and slots under their 0.98; at session 8's end
	// route 0.975, intent 0.990, slots 0.956, kind 0.966, command 0.961).
	// The twenty-second (481 lines, "a client project's whole life in
	// an agency of eight, seen through its Slack threads"), written blind
	// during session 8, is never read either: measured at b30ab5f (route
	// 0.946, intent 0.977, slots 0.910, kind 0.938, command 0.937) and
	// at the session's end (route 0.952, intent 0.977, slots 0.910, kind
	// 0.940, command 0.937).
	// The twenty-first (429 lines, "a week of incidents and releases in
	// three projects told by five people"), written blind at session 8's
	// start, measured once at b30ab5f (route 0.944, intent 0.984, slots
	// 0.893, kind 0.946, command 0.909), then read (route 0.974, intent
	// 1.000, slots 0.976, kind 0.991, command 0.975 at the end).
	// Session 9 read the twenty-second at its start (43 misses; fixed by
	// general rules tested in other words in misroutes9_test.go). Three
	// sets were written blind during session 9 by helpers that read only
	// SCHEMA.md, request.go, the example configuration and the README's
	// chat sections: the twenty-third (455 lines, "a busy end of year"),
	// measured blind at 636d652 (route 0.971, intent 0.998, slots 0.957,
	// kind 0.956, command 0.892) and then read; the twenty-fourth (446
	// lines, "January: on-call, an audit, commands in threads") and the
	// twenty-fifth (474 lines, "juniors join; a Friday release attempt"),
	// never read, measured at 636d652 and at the session's end (README).
	// Session 10 read the twenty-fourth at its start (49 misses). Two
	// sets were written blind at its start the same way: the
	// twenty-sixth (433 lines, "the Monday after a bad weekend release")
	// and the twenty-seventh (465 lines, "a new client's shop goes
	// live"), both measured at e56a18c (route 0.938 and 0.935, intent
	// 0.975 and 0.970, slots 0.865 and 0.870, kind 0.926 and 0.918,
	// command 0.880 and 0.876); the twenty-sixth was then read, the
	// twenty-seventh never is. The twenty-eighth (405 lines, "a support
	// week", many answers to the bot's questions), written blind later in
	// the session, was measured at e56a18c (route 0.923, intent 0.968,
	// slots 0.806, kind 0.857, command 0.725) and is never read either.
	// Session 11's (483 lines, "a Black Friday sale, then the December
	// freeze"), written blind at its start, measured the same at 87e32c8
	// and 92cc1b4 (route 0.930, intent 0.983, slots 0.966, kind 0.963,
	// command 0.922), then read (its misses fixed in session 11: the
	// honest measures left are the twentieth, twenty-fifth, twenty-seventh
	// and twenty-eighth). Session 11's second (434 lines, "juniors
	// onboarded in January; an incident during a client demo"), written
	// blind near its end, measured the same at 87e32c8 and at 1901c0d
	// (route 0.963, intent 0.972, slots 0.869, kind 0.945, command 0.968).
	sets := []struct {
		file                 string
		route, intent, slots float64
		r                    *router.Router
		kind, command        float64 // for the sets that label kinds
	}{
		{"routing_dev.jsonl", 0.9944, 0.9944, 0.9884, r, 0, 0},
		{"routing_holdout.jsonl", 1, 1, 1, r, 0, 0},
		{"routing_holdout2.jsonl", 1, 1, 1, r, 0, 0},
		{"routing_holdout3.jsonl", 0.9994, 1, 1, r, 1, 1},
		{"routing_holdout4.jsonl", 0.9964, 1, 1, example, 1, 0.9904},
		{"routing_holdout5.jsonl", 1, 1, 1, example, 1, 1},
		{"routing_holdout6.jsonl", 0.9964, 1, 1, example, 1, 1},
		{"routing_holdout7.jsonl", 0.9934, 1, 1, example, 1, 1},
		// holdout9's route 0.9944 → 0.9926 in session 34: the topic
		// model (questionroute.go) sends "Hi! Nice to meet you, I'm the
		// new PM on the web project", small talk read as a question
		// before and after, to staging where it went to the orchestrator.
		{"routing_holdout9.jsonl", 0.9925, 1, 0.9864, example, 0.9794, 0.9724},
		{"routing_holdout8.jsonl", 0.9924, 1, 1, example, 0.9954, 0.9924},
		{"routing_holdout10.jsonl", 0.9944, 0.9994, 0.9994, example, 0.9994, 0.9834},
		{"routing_holdout11.jsonl", 0.9924, 1, 1, example, 1, 1},
		{"routing_holdout12.jsonl", 0.9864, 1, 1, example, 0.9924, 1},
		{"routing_holdout13.jsonl", 0.9794, 1, 1, example, 0.9954, 0.9994},
		{"routing_holdout14.jsonl", 0.9814, 1, 1, example, 1, 1},
		{"routing_holdout15.jsonl", 1, 1, 1, example, 1, 1},
		{"routing_holdout16.jsonl", 0.9904, 1, 1, example, 0.9944, 1},
		{"routing_holdout17.jsonl", 0.9834, 0.9944, 1, example, 0.9904, 1},
		{"routing_holdout18.jsonl", 0.9754, 1, 1, example, 0.9884, 0.9644},
		// Session 34: the topic model (questionroute.go) took its route 0.983 → 0.990
		// (blind still; nothing else moved).
		{"routing_holdout20.jsonl", 0.9900, 0.9924, 0.9664, example, 0.9774, 0.9684},
		{"routing_holdout19.jsonl", 0.9844, 0.9974, 0.9814, example, 0.9924, 1},
		{"routing_holdout21.jsonl", 0.9834, 1, 0.9874, example, 0.9904, 0.9744},
		{"routing_holdout22.jsonl", 0.9874, 0.9954, 0.9794, example, 0.9914, 0.9744},
		{"routing_holdout23.jsonl", 0.9924, 1, 1, example, 0.9924, 0.9654},
		{"routing_holdout24.jsonl", 0.9704, 0.9954, 0.9584, example, 0.9654, 0.9144},
		// Session 34: the topic model (questionroute.go) took its route 0.979 → 0.989
		// (blind still; nothing else moved). Session 36: 0.989 → 0.987 (one
		// line, not looked at) when the topic model learnt holdout64's
		// questions, the set read that session.
		{"routing_holdout25.jsonl", 0.9873, 0.9974, 0.9684, example, 0.9844, 0.9694},
		{"routing_holdout26.jsonl", 0.9534, 0.9904, 0.9434, example, 0.9694, 0.9654},
		// holdout27 (session 11): never read until session 14 (0.946 / 0.976
		// / 0.896, kind 0.935, command 0.915 then); read, its misses fixed
		// as general rules.
		{"routing_holdout27.jsonl", 0.9504, 0.9804, 0.9124, example, 0.9474, 0.9294},
		// holdout28 (session 10's, "a support week"): never read until
		// session 13's start (blind at e56a18c 0.923 / 0.968 / 0.806, at
		// cd00966 0.936 / 0.973 / 0.833, kind 0.872, command 0.767); then
		// read and its misses fixed.
		{"routing_holdout28.jsonl", 0.9644, 0.9924, 0.9164, example, 0.9454, 0.8984},
		// holdout29 lost one route in session 15 ("what's the approval flow for
		// a prod deploy of the api?", labelled production) when questions
		// about approvals became the orchestrator's (eight lines of other sets
		// labelled so moved toward their labels).
		{"routing_holdout29.jsonl", 0.9534, 0.9994, 0.9994, example, 0.9874, 0.9394},
		{"routing_holdout30.jsonl", 0.9784, 0.9904, 0.9634, example, 0.9764, 0.9834},
		// holdout31 (session 12): written blind, measured at the session's
		// start (route 0.933, intent 0.973, slots 0.904, kind 0.958,
		// command 0.985) and end; read at session 14's start, its misses
		// fixed as general rules.
		{"routing_holdout31.jsonl", 0.9484, 0.9904, 0.9564, example, 0.9724, 0.9924},
		// holdout32 (session 13, "a team's first week on the bot before
		// the holiday freeze"): written blind by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat sections; its 17 yeses to a plan, labelled as the
		// plan's action, relabelled "confirm" by SCHEMA.md before any
		// measure; measured at cd00966 (route 0.958, intent 0.980, slots
		// 0.838, kind 0.967, command 0.957), at session 14's end (0.974,
		// 0.996, 0.901, 0.982, 0.957), session 15's (0.976, 0.998, 0.910,
		// 0.985, 0.957) and session 16's (0.978, 1.000, 0.919, 0.987,
		// 0.957), session 17's start (0.978, 1.000, 0.919, 0.987, 0.957)
		// and end (0.980, 1.000, 0.919, 0.989, 0.966), never read.
		// Session 34: the topic model (questionroute.go) took its route 0.982 → 0.993
		// (blind still; nothing else moved).
		{"routing_holdout32.jsonl", 0.9934, 0.9994, 0.9184, example, 0.9924, 0.9824},
		// holdout33 (session 14, "a month-end release crunch"): written
		// blind as holdout32 was; measured at 8c0faa5 (route 0.946,
		// intent 0.974, slots 0.894, kind 0.927, command 0.857) and at
		// session 14's end (0.948, 0.976, 0.909, 0.929, 0.857); read at
		// session 15's start, its misses fixed as general rules.
		{"routing_holdout33.jsonl", 0.9734, 0.9934, 0.9694, example, 0.9754, 0.9364},
		// holdout34 (session 15, "an on-call fortnight over the holidays"):
		// written blind as holdout32 was (its history, written as
		// role/text pairs, turned into the texts mechanically); measured
		// at 931e568 (route 0.921, intent 0.967, slots 0.918, kind 0.910,
		// command 0.868) and at session 15's end (0.925, 0.967, 0.918,
		// 0.914, 0.868); read at session 16's start, its misses fixed as
		// general rules. Its 2 lines that answer a refused --force with
		// the reason are no forced deploy by a product decision of session
		// 16 (two attacks had talk forced: the reason goes with the flag).
		// Session 35: slots 0.984 → 0.975, one line: "2.14.2 stp" after
		// "hotfix du backend en prod" and an older bot's "Quelle version
		// de api ?" took the project and production from the hotfix line
		// only because the naive Bayes topic model routed it to the
		// rollback (an incident told); the bot of today answers that line
		// as a question and asks no version after it.
		{"routing_holdout34.jsonl", 0.9644, 0.9954, 0.9754, example, 0.9884, 0.9864},
		// holdout35 (session 16, "launch week of a client's e-shop", with
		// a project manager, a designer, a tester, an intern and a senior
		// who types like a shell): written blind as holdout32 was, 192
		// lines with history; measured at 6ed481a (route 0.930, intent
		// 0.955, slots 0.851, kind 0.926, command 0.898) and at 249f488
		// (0.934, 0.955, 0.851, 0.932, 0.920); read then, its misses fixed
		// as general rules.
		{"routing_holdout35.jsonl", 0.9644, 0.9874, 0.9584, example, 0.9684, 0.9704},
		// holdout36 (session 16, "a migration week: the api moves to a new
		// database", 175 lines with history): written blind as holdout32
		// was, in the middle of session 16 (the writer saw none of its
		// rules); measured at 6ed481a, the session's start (route 0.933,
		// intent 0.966, slots 0.894, kind 0.918, command 0.866), and at
		// ec3747d (0.940, 0.968, 0.894, 0.931, 0.925); read at session
		// 17's start, its misses fixed as general rules (its blind writer
		// imagined a bare unfreeze's list, which the bot never shows, and
		// left a named project out of two approvals).
		{"routing_holdout36.jsonl", 0.9824, 0.9994, 0.9994, example, 0.9886, 0.9774},
		// holdout37 (session 17, "the week before the Christmas freeze",
		// 557 lines, 245 with history): written blind as holdout32 was,
		// at session 17's start; measured at 2a71854, the session's start
		// (route 0.978, intent 0.993, slots 0.970, kind 0.971, command
		// 0.970) and at b7e569d (0.978, 0.995, 0.976, 0.975, 0.975),
		// read at session 18's start, its misses fixed as general rules
		// (one label relabelled: an answer keeps "v2.9.3" as its history
		// wrote it, SCHEMA.md).
		{"routing_holdout37.jsonl", 0.9954, 0.9994, 0.9994, example, 0.9994, 0.9994},
		// holdout38 (session 18, "a Monday after a bad weekend incident,
		// then the last deploys before the holiday freeze", 570 lines, 255
		// with history): written blind as holdout32 was, at session 18's
		// start; measured at 7756e4e, the session's start (route 0.953,
		// intent 0.979, slots 0.882, kind 0.942, command 0.909) and at
		// 2e2ebb9 (0.954, 0.979, 0.882, 0.946, 0.914); read in the middle of
		// the session, its misses fixed as general rules (its writer
		// labelled a follow-up command's project only when the message
		// names it; the router fills it from the conversation, as SCHEMA.md
		// says of answers).
		{"routing_holdout38.jsonl", 0.9744, 0.9924, 0.9604, example, 0.9854, 0.9464},
		// holdout39 (session 18, "two agencies share the bot in a hectic
		// pre-holiday week", 585 lines, 266 with history): written blind in
		// the middle of session 18 and read at once (at 89f906e: route
		// 0.921, intent 0.973, slots 0.865, kind 0.918, command 0.877); its
		// writer imagined many of the bot's turns in its own words.
		{"routing_holdout39.jsonl", 0.9484, 0.9894, 0.9414, example, 0.9654, 0.9604},
		// holdout40 (session 18, "the first week of January after the
		// freeze", 618 lines, 281 with history): written blind late in
		// session 18; measured at 7756e4e, the session's start (route
		// 0.917, intent 0.955, slots 0.869, kind 0.908, command 0.911),
		// and at 23588a3 (0.919, 0.955, 0.869, 0.914, 0.917); then read,
		// its misses fixed as general rules.
		{"routing_holdout40.jsonl", 0.9444, 0.9804, 0.9394, example, 0.9474, 0.9574},
		// holdout41 (session 18, "an ordinary sprint week in February",
		// 477 lines, 215 with history): written blind at the end of session
		// 18, told to reuse the README's bot replies word for word; measured
		// at 7756e4e, the session's start (route 0.945, intent 0.990, slots
		// 0.906, kind 0.935, command 0.869) and at 6bfcb6b (0.948, 0.990,
		// 0.906, 0.939, 0.869); read at session 19's start, its misses
		// fixed as general rules.
		{"routing_holdout41.jsonl", 0.9554, 0.9894, 0.9334, example, 0.9634, 0.9314},
		// holdout42 (session 19, "a hectic release week in March for a
		// client's e-commerce launch", 529 lines, 211 with history):
		// written blind at session 19's start; measured at 841aa7e and
		// 6611727 (route 0.957, intent 0.987, slots 0.953, kind 0.953,
		// command 0.956) and at 120f73e, session 20's start (0.964, 0.989,
		// 0.960, 0.960, 0.985: a slightly less blind figure, see session
		// 19's note); read in session 20 (after a1c62f9, which left its
		// figures as they were), its misses fixed as general rules.
		{"routing_holdout42.jsonl", 0.9694, 0.9904, 0.9664, example, 0.9744, 0.9994},
		// holdout43 (session 19, "a small agency's on-call week in late
		// April", 490 lines, 200 with history): written blind in the middle
		// of session 19; measured at 841aa7e, the session's start (route
		// 0.941, intent 0.976, slots 0.917, kind 0.927, command 0.907) and
		// at 120f73e, session 20's start (0.949, 0.976, 0.925, 0.937,
		// 0.943); read in session 20 (after 9f2c924, which left its
		// figures as they were), its misses fixed as general rules.
		{"routing_holdout43.jsonl", 0.9664, 0.9954, 0.9744, example, 0.9814, 0.9924},
		// holdout44 (session 20, "a week in March: a new front-end
		// developer, a migration gone wrong, canary against blue-green, an
		// end-of-quarter release before a client demo", 559 lines, 275
		// with history): written blind as holdout32 was; measured at
		// 120f73e, session 20's start (route 0.946, intent 0.979, slots
		// 0.906, kind 0.962, command 0.907), and unchanged at e9450aa,
		// session 21's start; read in session 21, its misses fixed as
		// general rules.
		{"routing_holdout44.jsonl", 0.9654, 0.9954, 0.9834, example, 0.9944, 0.9944},
		// holdout45 (session 21, "a December at the agency: the holiday
		// freeze approaching, a Black Friday hangover on the shop front,
		// an intern's first deploy, a flaky staging, rolling against
		// recreate, an on-call night", 648 lines, 306 with history):
		// written blind at the session's start; measured at e9450aa, the
		// start (route 0.951, intent 0.986, slots 0.915, kind 0.955,
		// command 0.957), unchanged at de4cb42, session 22's start; read
		// in session 22, its misses fixed as general rules.
		{"routing_holdout45.jsonl", 0.9604, 0.9934, 0.9644, example, 0.9844, 0.9814},
		// holdout46 (session 22, "a spring at the agency: a new developer's
		// basics, a canary gone wrong on the shop front, a Friday rush
		// before a client demo, a careful database migration, a week of
		// status checks and promotions", 682 lines, 312 with history):
		// written blind at session 22's start; measured at de4cb42, the
		// start (route 0.956, intent 0.979, slots 0.846, kind 0.950,
		// command 0.951) and at db4d3a7 (0.956, 0.979, 0.852, 0.950,
		// 0.951); then read, its misses fixed as general rules (its
		// writer gave history as {"role", "text"} objects: converted to
		// plain strings, the schema's form).
		{"routing_holdout46.jsonl", 0.9584, 0.9804, 0.8814, example, 0.9584, 0.9814},
		// holdout47 (session 22, "an autumn at the agency: a client's site
		// relaunch with a hard deadline, a junior who mixes up staging
		// and production, a flaky blue-green switch, a security patch
		// during a freeze, on-call handovers, questions on the bot's own
		// rules", 773 lines, 350 with history): written blind in the
		// middle of session 22; measured at de4cb42, the session's start
		// (route 0.944, intent 0.981, slots 0.837, kind 0.948, command
		// 0.988) and at its end (0.944, 0.981, 0.837, 0.950, 0.988),
		// unchanged at session 23's start; read in session 23 (an
		// independent reader who saw only its texts agreed with its labels
		// on route 0.988, intent 1.000, kind 0.995 and every action's
		// slots), its misses fixed as general rules.
		{"routing_holdout47.jsonl", 0.9454, 0.9814, 0.8364, example, 0.9544, 0.9874},
		// holdout48 (session 23, "a summer at the agency: half the team on
		// holiday, a stand-in who does not know the conventions, a sale
		// weekend, a third-party outage that looks like our bug, a botched
		// blue-green switch, a version pinned by the client, daily status
		// checks", 889 lines, 404 with history): written blind at session
		// 23's start; measured at 67841b8 (route 0.944, intent 0.996,
		// slots 0.990, kind 0.966, command 0.980) and at the session's end
		// (0.944, 0.996, 0.990, 0.966, 0.980), unchanged at session 24's
		// start (3d5dd0b); read in session 24. Session 35: slots 0.989 →
		// 0.985, one line: "en prod" after "on rollback", "Quel projet ?",
		// "le site" took web only because the naive Bayes topic model
		// routed "le site" alone to the rollback (an incident told); "on
		// rollback" itself is talk to today's bot, which asks no project
		// after it.
		{"routing_holdout48.jsonl", 0.9420, 0.9954, 0.9844, example, 0.9654, 0.9794},
		// holdout49 (session 24, "a winter at the agency: the end-of-year
		// freeze and an urgent security fix, a client's e-commerce launch
		// moved earlier, an intern learning the process, a flaky smoke
		// test on staging, a migration split over two releases, holiday
		// on-call, a canary that looks fine but is not", 861 lines, 393
		// with history): written blind at session 24's start (its writer
		// read only SCHEMA.md, request.go, the example configuration and
		// the README's chat sections); measured at 3d5dd0b, the session's
		// start (route 0.963, intent 0.990, slots 0.941, kind 0.967,
		// command 0.940), unchanged at its end; read in session 25 (0.973,
		// 0.994, 0.965, 0.984, 0.987 with its rules).
		{"routing_holdout49.jsonl", 0.9724, 0.9934, 0.9644, example, 0.9834, 0.9864},
		// holdout50 (session 25, 1,022 lines, 461 with history): written
		// blind at session 25's start (its writer read only SCHEMA.md,
		// request.go, the example configuration and the README's chat
		// sections); measured at 7577f11, the session's start (route
		// 0.943, intent 0.985, slots 0.929, kind 0.946, command 0.862),
		// unchanged at its end; read in session 26 (0.947, 0.987, 0.940,
		// 0.951, 0.874 with its rules).
		{"routing_holdout50.jsonl", 0.9464, 0.9864, 0.9394, example, 0.9504, 0.8734},
		// holdout51 (session 26, 1,069 lines, 489 with history): written
		// blind at session 26's start (its writer read only SCHEMA.md,
		// request.go, the example configuration and the README's chat
		// sections); measured at 57c5d5c, the session's start (route
		// 0.893, intent 0.964, slots 0.873, kind 0.926, command 0.895),
		// and at its end (0.894, 0.964, 0.873, 0.927, 0.899); read in
		// session 27 (0.902, 0.972, 0.889, 0.939, 0.924 with its rules,
		// after three attacks narrowed them).
		{"routing_holdout51.jsonl", 0.9014, 0.9714, 0.8884, example, 0.9384, 0.9234},
		// holdout52 (session 27, 524 lines, 212 with history): written
		// blind at session 27's start (its writer read only SCHEMA.md,
		// request.go, the example configuration and the README's chat
		// sections, and copied every bot turn of its histories from the
		// real bot's replies); measured at 68584dc, the session's start
		// (route 0.952, intent 0.971, slots 0.902, kind 0.956, command
		// 0.946), and at its end (0.956, 0.973, 0.916, 0.958, 0.946);
		// read in session 28 (0.989, 0.998, 0.993, 0.994, 1.000 with its
		// rules, after two attacks narrowed them).
		{"routing_holdout52.jsonl", 0.9884, 0.9974, 0.9924, example, 0.9934, 0.9994},
		// holdout53 (session 28, 604 lines, 244 with history): written
		// blind at session 28's start as holdout52 was; measured at
		// 5db3763, the session's start (route 0.962, intent 0.969, slots
		// 0.939, kind 0.960, command 0.937), and after the rules holdout52
		// led to (0.969, 0.974, 0.955, 0.965, 0.937, then 0.972, 0.985,
		// 0.955, 0.977, 0.966 with the attack's fixes and the state
		// cards); then read, its misses fixed as general rules (0.987,
		// 0.998, 0.994, 0.993, 0.977).
		{"routing_holdout53.jsonl", 0.9864, 0.9974, 0.9934, example, 0.9983, 0.9764},
		// holdout54 (session 28, 563 lines, 224 with history, "a quarter
		// seen from the support desk"): written blind in the middle of
		// session 28; measured at 5db3763 (route 0.952, intent 0.986,
		// slots 0.924, kind 0.954, command 0.869) and when written
		// (0.956, 0.988, 0.924, 0.954, 0.885); at session 29's start
		// (2b02c63) 0.956, 0.988, 0.924, 0.954, 0.885; then read, its
		// misses fixed as general rules (router/misroutes29_test.go):
		// 0.982, 0.996, 0.985, 0.989, 0.969.
		{"routing_holdout54.jsonl", 0.9814, 0.9954, 0.9844, example, 0.9911, 0.9684},
		// holdout55 (session 29, 673 lines, 268 with history): written
		// blind at the start of session 29 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot on opening messages only;
		// measured at 2b02c63, the session's start (route 0.957, intent
		// 0.994, slots 0.952, kind 0.957, command 0.955), and at the end
		// (0.960, 0.994, 0.952, 0.960, 0.964); read in session 30, its
		// misses fixed as general rules (router/misroutes30_test.go):
		// 0.972, 0.999, 0.979, 0.985, 0.986.
		{"routing_holdout55.jsonl", 0.9717, 0.9985, 0.9793, example, 0.9851, 0.9864},
		// holdout56 (session 30, 656 lines, 270 with history): written
		// blind at the start of session 30 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot on opening messages only;
		// measured at 9fbe673, the session's start (route 0.945, intent
		// 0.986, slots 0.936, kind 0.973, command 0.959) and at the end
		// (0.947, 0.988, 0.942, 0.974, 0.959); read in session 31, its
		// misses fixed as general rules (router/misroutes31_test.go):
		// 0.957, 0.998, 0.988, 0.994, 1.000.
		{"routing_holdout56.jsonl", 0.9573, 0.9984, 0.9884, example, 0.9939, 0.9999},
		// holdout57 (session 31, 710 lines, 286 with history): written
		// blind at the start of session 31 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot on opening messages only;
		// measured at a6e83d6, the session's start (route 0.946, intent
		// 0.985, slots 0.955, kind 0.961, command 0.922), unchanged at
		// 179d627 after the rules holdout56 led to; then read (holdout58
		// took its place), its misses fixed as general rules
		// (router/misroutes31_test.go): 0.956, 0.993, 0.966, 0.986, 0.990.
		{"routing_holdout57.jsonl", 0.9563, 0.9929, 0.9662, example, 0.9859, 0.9895},
		// holdout58 (session 31, 712 lines, 301 with history): written
		// blind in the middle of session 31 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of the session's start on
		// opening messages only (with web given an executor, so that its
		// plans ask for a yes); measured at a6e83d6, the session's start
		// (route 0.942, intent 0.987, slots 0.928, kind 0.969, command
		// 0.990), unchanged at the end of session 31; read in session 32
		// (holdout59 took its place), its misses fixed as general rules
		// (router/misroutes32_test.go): 0.952, 0.996, 0.974, 0.983, 1.000.
		{"routing_holdout58.jsonl", 0.9522, 0.9957, 0.9736, example, 0.9831, 0.9999},
		// holdout59 (session 32, 806 lines, 392 with history): written
		// blind at the start of session 32 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of the session's start on
		// opening messages only (web given an executor and its own access
		// rules, on a database where web had succeeded three times);
		// measured at bb7ec85, the session's start: route 0.969, intent
		// 0.986, slots 0.940, kind 0.971, command 0.991; at d8f90e0 after
		// holdout58's rules and two attacks: 0.970, 0.988, 0.945, 0.973,
		// 0.991 (never read); at the end of session 33: kind 0.975 (two
		// lines better, not looked at).
		// Session 34: the topic model (questionroute.go) took its route 0.970 → 0.974
		// (blind still; nothing else moved).
		{"routing_holdout59.jsonl", 0.9739, 0.9875, 0.9446, example, 0.9745, 0.9912},
		// holdout60 (session 32, 786 lines, 415 with history): written
		// blind in the middle of session 32 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of the session's start on
		// opening messages only (web given an executor and access rules,
		// on prepared databases); measured at bb7ec85, the session's
		// start, and after the session's first rules: route 0.962, intent
		// 0.985, slots 0.935, kind 0.962, command 0.940 both times; after
		// the third attack's fixes: route 0.961, kind 0.963 (a line each
		// way, not looked at); read in session 33 (holdout61 took its
		// place), its misses fixed as general rules
		// (router/misroutes33_test.go) and two attacks: 0.966, 0.989,
		// 0.948, 0.983, 0.996.
		{"routing_holdout60.jsonl", 0.9655, 0.9885, 0.9475, example, 0.9825, 0.9955},
		// holdout61 (session 33, 810 lines, 396 with history): written
		// blind at the start of session 33 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of the session's start on
		// opening messages only (under several clocks: a Friday evening,
		// a Saturday, 22 December, the eve of a holiday); measured at
		// 184add7, the session's start: route 0.967, intent 0.993, slots
		// 0.959, kind 0.967, command 0.945 (never read).
		{"routing_holdout61.jsonl", 0.9665, 0.9925, 0.9585, example, 0.9665, 0.9445},
		// holdout62 (session 33, 816 lines, 415 with history): written
		// blind near the end of session 33 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of 1c401e9 on opening
		// messages only (web given executors); measured at 184add7, the
		// session's start: route 0.968, intent 0.989, slots 0.956, kind
		// 0.973, command 0.987; at 1c401e9: 0.969, 0.990, 0.960, 0.974,
		// 0.987 (never read).
		// Session 34: the topic model (questionroute.go) took its route 0.969 → 0.978
		// (blind still; nothing else moved). Session 36: two lines lost
		// (route 0.980 → 0.978, intent 0.990 → 0.988, slots 0.960 →
		// 0.952, kind 0.974 → 0.972, not looked at) with the doubts read
		// after an environment answered (answer.go, tailDoubts: the
		// session's two attacks).
		{"routing_holdout62.jsonl", 0.9779, 0.9877, 0.9520, example, 0.9718, 0.9865},
		// holdout63 (session 34, 829 lines, 420 with history): written
		// blind at the start of session 34 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of 6098df0 on opening
		// messages only (web and api given executors, a seeded history);
		// measured at 6098df0, the session's start: route 0.917, intent
		// 0.987, slots 0.954, kind 0.943, command 0.913; with the topic
		// model (questionroute.go): route 0.928, the rest unchanged; read
		// in session 35 (its questions now among the topic model's).
		{"routing_holdout63.jsonl", 0.9276, 0.9867, 0.9538, example, 0.9433, 0.9128},
		// holdout64 (session 35, 946 lines, 471 with history): written
		// blind at the start of session 35 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of 22c36ee on opening
		// messages only (web given executors and staging-first turned off
		// in its scratch copy of the configuration, so that its plans ask
		// "Confirm?"); measured at 22c36ee, the session's start: route
		// 0.965, intent 0.981, slots 0.935, kind 0.963, command 0.939;
		// with the linear topic model (linear.go) route 0.968, the rest
		// unchanged (never read then). Read in session 36 (holdout65 took
		// its place): its questions among the topic model's, its misses
		// fixed as general rules (router/misroutes36_test.go): route 0.982,
		// intent 0.995, slots 0.977, kind 0.983, command 0.957.
		{"routing_holdout64.jsonl", 0.9820, 0.9947, 0.9772, example, 0.9830, 0.9566},
		// holdout65 (session 36, 950 lines, 459 with history): written
		// blind at the start of session 36 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of 62379c5 on opening
		// messages only (both projects given executors in its scratch
		// configuration); measured at 62379c5, the session's start, with
		// the topic model trained without its lines: route 0.975, intent
		// 0.987, slots 0.949, kind 0.978, command 0.940; after the
		// session's rules and holdout64's questions learnt: 0.978, 0.988,
		// 0.952, 0.980, 0.944 (never read). Read in session 37 (holdout66
		// took its place): its questions among the topic model's, its
		// misses fixed as general rules (router/misroutes37_test.go):
		// 0.985, 0.993, 0.969, 0.993, 1.000.
		{"routing_holdout65.jsonl", 0.9852, 0.9926, 0.9693, example, 0.9926, 1.0},
		// holdout66 (session 37, 950 lines, 452 with history): written
		// blind at the start of session 37 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages. Unlike the sets before it, the helper also
		// ran the session-start bot on follow-ups (seven scripted chats,
		// a scratch configuration with a placeholder executor) to copy
		// the bot's wording into its histories: it saw how the bot took
		// some answers ("yes" after a question, "oui" after a status),
		// though no label came from it. Measured at ed500f8, the
		// session's start, with the topic model trained without its
		// lines: route 0.941, intent 0.962, slots 0.860, kind 0.907,
		// command 0.874; at the session's end 0.940, 0.962, 0.867, 0.907,
		// 0.870. Read in session 38 (holdout67 took its place): its
		// questions among the topic model's, its misses fixed as general
		// rules (router/misroutes38_test.go): 0.956, 0.972, 0.899, 0.949,
		// 0.959.
		{"routing_holdout66.jsonl", 0.9567, 0.9736, 0.9055, example, 0.9504, 0.9590},
		// holdout67 (session 38, 959 lines, 457 with history): written
		// blind at the start of session 38 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of 171a4c5 on opening
		// messages only (a scratch configuration: staging open to all,
		// staging-first off for api, web given shell executors; a seeded
		// history). Measured at 171a4c5, the session's start, with the
		// topic model trained without its lines: route 0.955, intent
		// 0.981, slots 0.925, kind 0.956, command 0.931; at the session's
		// end (the topic model taught holdout66's questions) route 0.954,
		// the rest unchanged (never read). Read in session 39 (holdout68
		// took its place): its questions among the topic model's, its
		// misses fixed as general rules (router/misroutes39_test.go), two
		// lines relabelled by SCHEMA.md (a version kept as the
		// conversation wrote it, "v1.9.0"): 0.969, 0.993, 0.966, 0.977,
		// 0.948.
		{"routing_holdout67.jsonl", 0.9686, 0.9926, 0.9663, example, 0.9770, 0.9482},
		// holdout68 (session 39, 954 lines, 457 with history): written
		// blind at the start of session 39 by a helper that read only
		// SCHEMA.md, request.go, the example configuration and the
		// README's chat pages, and ran the bot of 531c91e on opening
		// messages only (a scratch configuration giving both projects an
		// executor; a few two-person sessions for the approval list and
		// the refusals; the rollback cards it never saw were written by
		// analogy). Measured at 531c91e, the session's start, with the
		// topic model trained without its lines: route 0.965, intent
		// 0.983, slots 0.944, kind 0.947, command 0.895; at the session's
		// end 0.965, 0.984, 0.948, 0.951, 0.898 (never read).
		{"routing_holdout68.jsonl", 0.9653, 0.9842, 0.9477, example, 0.9506, 0.8982},
	}
	for _, set := range sets {
		t.Run(set.file, func(t *testing.T) {
			s := evaluate(t, set.r, readSet(t, filepath.Join("..", "testdata", set.file)))
			route, intent, slots, lang := ratio(s.route, s.n), ratio(s.intent, s.n), ratio(s.slots, s.actions), ratio(s.lang, s.n)
			t.Logf("%s: %d lines: route %.3f, intent %.3f, action slots %.3f (%d actions), lang %.3f",
				set.file, s.n, route, intent, slots, s.actions, lang)
			if s.kinds > 0 {
				t.Logf("%s: kind %.3f (%d lines), command and its slots %.3f (%d commands)",
					set.file, ratio(s.kindOK, s.kinds), s.kinds, ratio(s.commandOK, s.commands), s.commands)
			}
			switch {
			case len(s.misses) > 0 && neverRead[set.file] && !*showBlind:
				// A set never read stays the honest measure only while
				// nobody reads its misses: they print with -show-blind.
				t.Logf("misclassified: %d (not shown: %s was never read; -show-blind shows them and makes it a development set)",
					len(s.misses), set.file)
			case len(s.misses) > 0:
				t.Logf("misclassified (%d):\n%s", len(s.misses), strings.Join(s.misses, "\n"))
			}
			for _, c := range []struct {
				name       string
				got, floor float64
			}{{"route", route, set.route}, {"intent", intent, set.intent}, {"slots", slots, set.slots},
				{"kind", ratio(s.kindOK, s.kinds), set.kind}, {"command", ratio(s.commandOK, s.commands), set.command}} {
				if c.got < c.floor-1e-9 {
					t.Errorf("%s accuracy %.3f below the floor %.3f", c.name, c.got, c.floor)
				}
			}
		})
	}
}

// neverRead are the sets whose misses nobody has read: the honest measure
// of how the router generalises.
var neverRead = map[string]bool{"routing_holdout20.jsonl": true, "routing_holdout25.jsonl": true, "routing_holdout32.jsonl": true, "routing_holdout59.jsonl": true, "routing_holdout62.jsonl": true, "routing_holdout68.jsonl": true}

var showBlind = flag.Bool("show-blind", false, "print the misses of the evaluation sets never read (they become development sets)")

// TestCorpusIsNotTheEvaluation checks that the training corpus shares no
// message with the evaluation sets: the router must generalise, not recall.
func TestCorpusIsNotTheEvaluation(t *testing.T) {
	texts, err := router.Corpus()
	if err != nil {
		t.Fatal(err)
	}
	key := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	seen := map[string]bool{}
	for _, s := range texts {
		seen[key(s)] = true
	}
	// routing_holdout4.jsonl to routing_holdout6.jsonl, written blind
	// after the corpus, happen to share short common lines with it, which
	// the corpus held before the sets were written; no other line of them
	// may be added.
	before := map[string]map[string]bool{"routing_holdout4.jsonl": {}, "routing_holdout5.jsonl": {}}
	for _, s := range []string{"help", "salut !", "je peux déployer vendredi à 17h ?",
		"c'est quoi la checklist avant une mise en prod ?", "what are the 7 steps of the deployment process?"} {
		before["routing_holdout4.jsonl"][key(s)] = true
	}
	before["routing_holdout5.jsonl"][key("help")] = true
	before["routing_holdout6.jsonl"] = map[string]bool{}
	for _, s := range []string{"help", "je peux déployer vendredi à 17h ?", "what are the 7 steps of the deployment process?",
		"c'est quoi les livrables de la phase de déploiement ?", "what are the common deployment anti-patterns?"} {
		before["routing_holdout6.jsonl"][key(s)] = true
	}
	before["routing_holdout7.jsonl"] = map[string]bool{}
	for _, s := range []string{"help", "how long should a build sit on staging before we promote it?", "hotfix or revert, how do we decide?",
		"what's on the pre-deployment checklist?", "what are the deliverables of the deployment phase?"} {
		before["routing_holdout7.jsonl"][key(s)] = true
	}
	before["routing_holdout9.jsonl"] = map[string]bool{key("help"): true, key("je peux déployer vendredi à 17h ?"): true}
	before["routing_holdout8.jsonl"] = map[string]bool{key("what's on the pre-deployment checklist?"): true, key("help"): true,
		key("c'est quoi la checklist avant une mise en prod ?"): true, key("c'est quoi les 7 étapes du process de déploiement ?"): true}
	before["routing_holdout10.jsonl"] = map[string]bool{key("je peux déployer vendredi à 17h ?"): true,
		key("what's on the pre-deployment checklist?"): true, key("c'est quoi les 7 étapes du process de déploiement ?"): true, key("help"): true}
	before["routing_holdout11.jsonl"] = map[string]bool{key("what's on the pre-deployment checklist?"): true, key("help"): true}
	before["routing_holdout12.jsonl"] = map[string]bool{key("help"): true}
	before["routing_holdout13.jsonl"] = map[string]bool{key("help"): true, key("salut !"): true}
	before["routing_holdout14.jsonl"] = map[string]bool{key("help"): true, key("bonjour 👋"): true}
	before["routing_holdout15.jsonl"] = map[string]bool{key("help"): true, key("je peux déployer vendredi à 17h ?"): true,
		key("c'est quoi les livrables de la phase de déploiement ?"): true, key("what's on the pre-deployment checklist?"): true,
		key("c'est quoi les 7 étapes du process de déploiement ?"): true}
	before["routing_holdout16.jsonl"] = map[string]bool{key("help"): true}
	before["routing_holdout17.jsonl"] = map[string]bool{key("help"): true}
	// Session 7's blind writers, who never saw the corpus, wrote these
	// lines it held since before (the corpus did not change in session 7).
	before["routing_holdout18.jsonl"] = map[string]bool{key("help"): true, key("how do I announce a release to the client?"): true,
		key("what if the rollback itself fails?"): true}
	before["routing_holdout19.jsonl"] = map[string]bool{key("help"): true, key("what's on the pre-deployment checklist?"): true,
		key("salut !"): true}
	before["routing_holdout20.jsonl"] = map[string]bool{key("help"): true, key("déploie le site en recette stp"): true,
		key("quel outil pour déployer sur kubernetes, helm ou argocd ?"): true}
	for _, file := range []string{"routing_dev.jsonl", "routing_holdout.jsonl", "routing_holdout2.jsonl", "routing_holdout3.jsonl",
		"routing_holdout4.jsonl", "routing_holdout5.jsonl", "routing_holdout6.jsonl", "routing_holdout7.jsonl", "routing_holdout8.jsonl", "routing_holdout9.jsonl",
		"routing_holdout10.jsonl", "routing_holdout11.jsonl", "routing_holdout12.jsonl", "routing_holdout13.jsonl", "routing_holdout14.jsonl",
		"routing_holdout15.jsonl", "routing_holdout16.jsonl", "routing_holdout17.jsonl", "routing_holdout18.jsonl", "routing_holdout19.jsonl",
		"routing_holdout20.jsonl"} {
		for _, l := range readSet(t, filepath.Join("..", "testdata", file)) {
			if seen[key(l.Text)] && !before[file][key(l.Text)] {
				t.Errorf("%s line %q is in the training corpus", file, l.Text)
			}
		}
	}
}
