package agents_test

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/agents"
	"deploybot/config"
	"deploybot/policy"
	"deploybot/router"
	"deploybot/settings"
	"deploybot/store"
)

var projects = []deploybot.Project{
	{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	{Name: "web", Aliases: []string{"site"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
}

// wednesday is the clock of these tests: Wednesday 25 November 2026, 09:30
// in Paris.
var paris, _ = time.LoadLocation("Europe/Paris")
var wednesday = time.Date(2026, 11, 25, 9, 30, 0, 0, paris)

func mustWindows(t testing.TB, specs ...string) []policy.Window {
	var ws []policy.Window
	for _, s := range specs {
		w, err := policy.ParseWindow(s)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, w)
	}
	return ws
}

// testSettings resolves the context layers of the test projects (no file
// values: the built-in practice and what chat sets).
func testSettings(t testing.TB, db *store.DB) *settings.Resolver {
	t.Helper()
	cfg, err := config.Parse([]byte("projects:\n  - {name: api, aliases: [backend]}\n  - {name: web, aliases: [site]}\n"), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return settings.New(cfg, db, deploybot.FixedClock(wednesday))
}

// newOrchestrator wires an orchestrator on a real SQLite store in dir.
func newOrchestrator(t testing.TB, dir string) (*agents.Orchestrator, *store.DB) {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(dir, "deploybot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = deploybot.FixedClock(wednesday)
	r, err := router.New(projects)
	if err != nil {
		t.Fatal(err)
	}
	k, err := agents.NewKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	hol, _ := policy.NewHolidays("FR")
	cal := policy.Calendar{Location: paris, Holidays: hol,
		Recommended: mustWindows(t, "Tue-Thu 10:00-16:00"),
		Acceptable:  mustWindows(t, "Mon 12:00-18:00", "Fri 09:00-12:00"),
		Avoid:       mustWindows(t, "Fri 12:00-24:00", "Sat-Sun")}
	o := &agents.Orchestrator{Router: r, Audit: db, Settings: testSettings(t, db), Interviews: db, Knowledge: k, Projects: projects,
		Calendar: func(string) policy.Calendar { return cal }, Now: deploybot.FixedClock(wednesday), ReadScope: db.ReadScope}
	return o, db
}

func say(t testing.TB, o *agents.Orchestrator, user, text string) deploybot.Reply {
	t.Helper()
	return sayIn(t, o, user, "c1", text)
}

// sayIn sends text from user in channel, on Wednesday 09:30.
func sayIn(t testing.TB, o *agents.Orchestrator, user, channel, text string) deploybot.Reply {
	t.Helper()
	r, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: channel, User: user, Text: text, At: wednesday})
	if err != nil {
		t.Fatalf("Handle(%q): %v", text, err)
	}
	return r
}

func full(r deploybot.Reply) string {
	var b strings.Builder
	b.WriteString(r.Title + "\n" + r.Text + "\n")
	for _, f := range r.Fields {
		b.WriteString(f.Label + ": " + f.Value + "\n")
	}
	b.WriteString(r.Note)
	return b.String()
}

// TestAnswers asks realistic questions of each route in both languages and
// checks the facts that must appear, and those of unrelated cards that must
// not.
func TestAnswers(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	tests := []struct {
		text    string
		lang    deploybot.Lang
		want    []string
		notWant []string
	}{
		{"quelle stratégie pour une application à très large audience ?", "fr", []string{"anary", "large audience"}, []string{"Helm"}},
		{"which strategy for a critical production app that needs instant rollback?", "en", []string{"lue-green", "instant"}, []string{"Kamal"}},
		{"je peux déployer vendredi à 17h ?", "fr", []string{"vendredi 27/11 17:00", "à éviter", "Prochain créneau recommandé : mardi 1/12 10:00"}, []string{"Helm"}},
		{"can I deploy now?", "en", []string{"Now (Wednesday 25 November 09:30", "outside the deployment windows", "Wednesday 25 November 10:00"}, nil},
		{"on peut livrer le 24 décembre à 11h ?", "fr", []string{"veille de jour férié", "Noël"}, nil},
		{"what's on the pre-deploy checklist?", "en", []string{"all tests pass", "code review", "staging OK", "TLS/SSL", "rollback plan", "status page"}, []string{"Helm", "p95"}},
		{"quelles métriques surveiller après la mise en prod ?", "fr", []string{"30 min", "0.1%", "500 ms", "CPU"}, []string{"Kamal"}},
		{"which tools to deploy on kubernetes?", "en", []string{"Helm", "Argo CD"}, []string{"checklist"}},
		{"c'est quoi les étapes d'un déploiement ?", "fr", []string{"Build", "Staging", "Monitor"}, nil},
		{"quels smoke tests lancer sur la preprod ?", "fr", []string{"smoke"}, []string{"Helm"}},
		{"the release broke checkout in prod, what's the incident procedure?", "en", []string{"rollback", "post-mortem"}, []string{"Helm"}},
		{"can you write the github actions workflow that deploys api?", "en", []string{"devops"}, nil},
		{"il faut définir un standard de déploiement commun à toute l'agence, qui s'en charge ?", "fr", []string{"direction technique"}, nil},
		{"quelle est la recette de la tarte tatin ?", "fr", []string{"pas de réponse précise", "fenêtres"}, []string{"UAT"}},
		// "prod" is production: the help card's examples say "en prod",
		// and it answered these before the strategies (session 23).
		{"quelle est la stratégie de l'api en prod ?", "fr", []string{"Recreate", "Blue-green"}, []string{"Ce que je sais faire"}},
		{"what's the strategy of web in prod?", "en", []string{"Recreate", "Blue-green"}, []string{"What I can do"}},
		// Going back, not the deploy's steps ("roll back" in two words).
		{"how do I roll back in prod?", "en", []string{"roll"}, []string{"step by step"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := say(t, o, "alice", tt.text)
			got := full(r)
			if r.Lang != tt.lang {
				t.Errorf("reply in %s, want %s", r.Lang, tt.lang)
			}
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
					t.Errorf("answer lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("answer has unrelated %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestContextShapesAnswers checks the resolution order (project, then
// agency, then global) and that a project's exception changes the answer.
func TestContextShapesAnswers(t *testing.T) {
	o, db := newOrchestrator(t, t.TempDir())
	ctx := context.Background()
	q := "blue-green ou canary pour %s ?"
	ask := func(p string) string { return full(say(t, o, "alice", strings.Replace(q, "%s", p, 1))) }

	if got := ask("web"); !strings.Contains(got, "rolling* (pratique standard)") || !strings.Contains(got, "J'ai supposé") {
		t.Errorf("global layer not used or not said:\n%s", got)
	}
	if _, _, err := db.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeAgency, Key: deploybot.KeyStrategy, Value: "canary", SetBy: "carol"}); err != nil {
		t.Fatal(err)
	}
	if got := ask("web"); !strings.Contains(got, "canary* (convention agence)") || strings.Contains(got, "J'ai supposé") {
		t.Errorf("agency layer does not win over global:\n%s", got)
	}
	r := say(t, o, "bob", "pour le projet api, la stratégie est blue-green")
	if !strings.Contains(r.Text, "blue-green") {
		t.Fatalf("set by chat: %s", r.Text)
	}
	if got := ask("api"); !strings.Contains(got, "blue-green* (exception du projet)") {
		t.Errorf("project exception does not win:\n%s", got)
	}
	if got := ask("web"); !strings.Contains(got, "canary* (convention agence)") {
		t.Errorf("api's exception leaked into web:\n%s", got)
	}
	// A zero-downtime exception changes the production advice.
	say(t, o, "bob", "set api zero downtime to yes")
	if got := full(say(t, o, "alice", "how do we deploy api to production safely?")); !strings.Contains(got, "Zero downtime means") {
		t.Errorf("zero downtime not reflected:\n%s", got)
	}
	// The rollback answer follows the project's strategy.
	if got := full(say(t, o, "alice", "que faire si la prod d'api casse après la release ?")); !strings.Contains(got, "rebascule le trafic") {
		t.Errorf("rollback answer ignores blue-green:\n%s", got)
	}
	changes, err := db.ContextChanges(ctx, "api", deploybot.KeyStrategy, time.Time{})
	if err != nil || len(changes) != 1 || changes[0].By != "bob" || changes[0].New != "blue-green" {
		t.Errorf("chat change not audited: %+v, %v", changes, err)
	}
}

func TestSetContextErrors(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	tests := []struct{ text, want string }{
		{"set api strategy to banana", "\"banana\" is not a valid strategy: choose one of recreate, rolling, blue-green, canary"},
		{"pour le projet api, la stratégie est banane", "« banane » ne convient pas pour stratégie : choisissez parmi recreate, rolling, blue-green, canary"},
		{"set frobnicator strategy to canary", "I know no project \"frobnicator\". Configured projects: api, web"},
		{"set api qa strategy to canary", "api has no environment \"qa\" (staging, production)"},
		{"contexte du projet zorg", "Je ne connais pas de projet « zorg »"},
		{"set agency approval to four eyes", "approval = *four-eyes*"},
		{"set api staging strategy to canary", "for api/staging, strategy = *canary*"},
		{"reset strategy for api staging", "Reset: for api/staging, strategy = *rolling*"},
		{"reset strategy for api staging", "Nothing to reset"},
	}
	for _, tt := range tests {
		if got := full(say(t, o, "alice", tt.text)); !strings.Contains(got, tt.want) {
			t.Errorf("%q:\n%s\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestInterview runs an interview to the end, with a pause and a resume
// across a restart of the orchestrator on the same database.
func TestInterview(t *testing.T) {
	dir := t.TempDir()
	o, db := newOrchestrator(t, dir)
	steps := []struct{ text, want string }{
		{"configure le projet api", "Question 1/13"},          // agency layer empty: 5 agency + 8 project questions
		{"3", "Question 2/13"},                                // blue-green by number
		{"GitLab CI", "Question 3/13"},                        // free answer
		{"stop", "Entretien en pause à la question 3/13"},     // pause
		{"deploy api to prod", "deploy api → production"},     // paused: messages are not answers
		{"configure le projet api", "On reprend"},             // resume
		{"staging, production, demo", "Question 4/13"},        //
		{"passer", "Question passée. *Question 5/13"},         // skip says skipped
		{"le chef", "« le chef » ne convient pas"},            // invalid choice: asked again, with the choices
		{"c'est quoi un canary ?", "(Entretien en cours)"},    // a question is answered, the interview goes on
		{"four-eyes", "Noté. *Question 6/13"},                 //
		{"pas de mise en prod sans accord du client", "7/13"}, // constraints
		{"oui", "8/13"},              // zero downtime
		{"idem", "9/13"},             // keep the agency's strategy
		{"UAT", "10/13"},             //
		{"tests de charge", "11/13"}, //
		{"une MEP par semaine", "12/13"},
		{"idem", "13/13"},                  // keep the agency's approval
		{"non", "l'entretien est terminé"}, // staging first off; done: the resolved context is shown
	}
	for i, s := range steps {
		if i == 5 { // restart on the same database
			db.Close()
			o, db = newOrchestrator(t, dir)
		}
		got := full(say(t, o, "alice", s.text))
		if !strings.Contains(got, s.want) {
			t.Fatalf("step %d %q:\n%s\nwant %q", i+1, s.text, got, s.want)
		}
	}
	got := map[string]string{}
	for _, key := range []string{deploybot.KeyStrategy, deploybot.KeyPipeline, deploybot.KeyEnvironments, deploybot.KeySmokeTests,
		deploybot.KeyApproval, deploybot.KeyConstraints, deploybot.KeyZeroDowntime, deploybot.KeyExtraEnvs, deploybot.KeyValidations,
		deploybot.KeySLA, deploybot.KeyStagingFirst} {
		v, err := o.Settings.Resolve(context.Background(), "api", "", key)
		if err != nil {
			t.Fatal(err)
		}
		got[string(v.Scope)+":"+v.Key] = v.Value
	}
	want := map[string]string{
		"agency:strategy": "blue-green", "agency:pipeline": "GitLab CI", "agency:environments": "staging, production, demo",
		"global:smoke_tests": "critical paths after every deploy", "agency:approval": "four-eyes",
		"project:constraints": "pas de mise en prod sans accord du client", "project:zero_downtime": "yes",
		"project:extra_environments": "UAT", "project:validations": "tests de charge", "project:sla": "une MEP par semaine",
		"project:staging_first": "no",
	}
	var diffs []string
	for k, v := range want {
		if got[k] != v {
			diffs = append(diffs, k+"="+got[k]+" (want "+v+")")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("context after the interview:\n%s", strings.Join(diffs, "\n"))
	}
	// A second project's interview skips the agency questions now filled.
	if got := full(say(t, o, "alice", "onboard project web")); !strings.Contains(got, "Question 1/8") {
		t.Errorf("second interview: %s", got)
	}
}

// BenchmarkAnswer measures the full offline path of a question (route,
// retrieve, compose, with the SQLite context and audit) and reports its
// 99th percentile.
// BenchmarkAnswer is the full question path: route, retrieve, compose,
// context (settings and interview, from memory after one counter read),
// audit. Handle records the message, then its reply (two commits);
// HandleQueued records both in one entry through the group committer and
// waits for its commit, as the scripted chat does before it prints. Each
// message waits for its own commit: no batching helps here.
func BenchmarkAnswer(b *testing.B) {
	qs := []string{
		"quelle stratégie pour une application à très large audience ?",
		"what's on the pre-deploy checklist?",
		"je peux déployer vendredi à 17h ?",
		"blue-green ou canary pour api ?",
		"the release broke checkout in prod, what's the incident procedure?",
		"quels smoke tests lancer sur la preprod ?",
	}
	for _, bc := range []struct {
		name   string
		queued bool
	}{{"Handle", false}, {"HandleQueued", true}} {
		b.Run(bc.name, func(b *testing.B) {
			o, db := newOrchestrator(b, b.TempDir())
			o.AuditQueue = db.QueueAudit
			ctx := context.Background()
			var lat []time.Duration
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				start := time.Now()
				msg := deploybot.Message{ID: strconv.Itoa(i), Platform: deploybot.PlatformTerminal, Channel: "b", User: "bench", Text: qs[i%len(qs)]}
				if bc.queued {
					_, wait, err := o.HandleQueued(ctx, msg)
					if err == nil {
						err = wait(ctx)
					}
					if err != nil {
						b.Fatal(err)
					}
				} else if _, err := o.Handle(ctx, msg); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				i++
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		})
	}
}

// TestInterviewAnswerInConversation: an answer the router reads as the
// interview's (the bot's interview question is in the conversation) is
// taken as the answer while the interview waits for it, and neither
// starts nor resumes one when none waits.
func TestInterviewAnswerInConversation(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	msg := deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c1", User: "alice"}
	if got := full(say(t, o, "alice", "configure le projet api")); !strings.Contains(got, "Question 1/13") {
		t.Fatalf("start: %s", got)
	}
	agents.SetConversation(o, msg, wednesday, "configure le projet api", "*Question 1/13* — Quelle stratégie de déploiement ?")
	if got := full(say(t, o, "alice", "3")); !strings.Contains(got, "Question 2/13") {
		t.Fatalf("answer 3: %s", got)
	}
	if got := full(say(t, o, "alice", "stop")); !strings.Contains(got, "Entretien en pause à la question 2/13") {
		t.Fatalf("stop: %s", got)
	}
	// Paused: the same answer in the same conversation answers nothing.
	agents.SetConversation(o, msg, wednesday, "configure le projet api", "*Question 2/13* — Quel pipeline ?")
	got := full(say(t, o, "alice", "GitLab CI"))
	if !strings.Contains(got, "Aucun entretien ne vous attend ici") || strings.Contains(got, "On reprend") {
		t.Fatalf("answer while paused: %s", got)
	}
	// Bob never started one: Alice's question in his conversation starts
	// nothing for him.
	bob := deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c1", User: "bob"}
	agents.SetConversation(o, bob, wednesday, "onboard project web", "*Question 1/8* — Which deployment strategy?")
	if got := full(say(t, o, "bob", "2")); !strings.Contains(got, "No interview is waiting for you here") {
		t.Fatalf("bob: %s", got)
	}
}

// TestInterviewLetsCommandsThrough: a command of its own in the middle of
// an interview is run, not stored as the answer, and the interview's
// question is asked again; a yes, a no or a stop still answer.
func TestInterviewLetsCommandsThrough(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	steps := []struct{ text, want, not string }{
		{"configure le projet api", "Question 1/13", ""},
		{"help", "(Entretien en cours)", "Question 2/13"},
		{"status", "Question 1/13", "Question 2/13"},
		{"3", "Question 2/13", ""},
		{"stop", "Entretien en pause à la question 2/13", ""},
	}
	for i, s := range steps {
		got := full(say(t, o, "alice", s.text))
		if !strings.Contains(got, s.want) || s.not != "" && strings.Contains(got, s.not) {
			t.Fatalf("step %d %q:\n%s\nwant %q, not %q", i+1, s.text, got, s.want, s.not)
		}
	}
}
