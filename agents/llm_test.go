package agents_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/agents"
	"deploybot/llm"
	"deploybot/llm/llmtest"
	"deploybot/store"
)

// withModel turns the LLM mode on for o, on a client of the fake server s.
func withModel(t *testing.T, o *agents.Orchestrator, s *llmtest.Server, timeout time.Duration) {
	t.Helper()
	c, err := llm.New(llm.Config{BaseURL: s.URL(), Model: "test-model", Timeout: timeout, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	o.Model = c
	o.Conversations = agents.NewConversations(4, 0)
}

// lastAudit returns the audit entry of the last message handled.
func lastAudit(t *testing.T, db *store.DB) deploybot.AuditEntry {
	t.Helper()
	es, err := db.RecentMessages(context.Background(), 1)
	if err != nil || len(es) != 1 {
		t.Fatalf("RecentMessages: %v, %v", es, err)
	}
	return es[0]
}

func usage(t *testing.T, db *store.DB, op string) deploybot.ModelUsage {
	t.Helper()
	us, err := db.ModelUsage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		if u.Op == op {
			return u
		}
	}
	return deploybot.ModelUsage{}
}

const vague = "the web stuff has to go out on staging"

func routeCall(args map[string]string) llmtest.Response {
	return llmtest.Tools("test-model", "", llmtest.Call{Name: "route_message", Args: args})
}

func TestModelRoutesLowConfidence(t *testing.T) {
	o, db := newOrchestrator(t, t.TempDir())
	if in := o.Router.Parse(context.Background(), vague, nil); in.Confidence >= 0.99 {
		t.Fatalf("offline confidence %.2f: pick a vaguer message", in.Confidence)
	}
	s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response {
		return routeCall(map[string]string{"route": "staging", "intent": "deploy", "app": "site", "env": "recette", "lang": "en"})
	})
	withModel(t, o, s, time.Second)
	o.ModelRouteBelow = 0.99

	say(t, o, "alice", vague)
	e := lastAudit(t, db)
	if e.Route != deploybot.RouteStaging || e.Intent != deploybot.IntentDeploy || e.App != "web" || e.Env != "staging" {
		t.Errorf("audited intent %+v: want the model's, with the alias and environment made canonical", e)
	}
	if u := usage(t, db, deploybot.ModelOpRoute); u.Calls != 1 || u.PromptTokens != 20 || u.Fallbacks != 0 {
		t.Errorf("route usage %+v", u)
	}

	// Above the threshold, the model is not asked.
	o.ModelRouteBelow = 0.01
	say(t, o, "alice", vague)
	routed := 0
	for _, r := range s.Requests() {
		if strings.Contains(r.Raw, `"tool_choice":{"type":"function","function":{"name":"route_message"}}`) {
			routed++
		}
	}
	if routed != 1 {
		t.Errorf("%d routing requests, want 1", routed)
	}
}

func TestModelRouteRejectedKeepsOffline(t *testing.T) {
	for name, args := range map[string]map[string]string{
		"invented project":     {"route": "production", "intent": "deploy", "app": "payments", "env": "production", "lang": "en"},
		"invented environment": {"route": "production", "intent": "deploy", "app": "web", "env": "moon", "lang": "en"},
		"invented version":     {"route": "production", "intent": "deploy", "app": "web", "env": "production", "version": "v9.9.9", "lang": "en"},
	} {
		t.Run(name, func(t *testing.T) {
			o, db := newOrchestrator(t, t.TempDir())
			s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response { return routeCall(args) })
			withModel(t, o, s, time.Second)
			o.ModelRouteBelow = 0.99
			offline := o.Router.Parse(context.Background(), vague, nil)
			say(t, o, "alice", vague)
			e := lastAudit(t, db)
			if e.Route != offline.Route || e.Intent != offline.Intent.Intent || e.App != offline.App || e.Env != offline.Env || e.Version != offline.Version {
				t.Errorf("audited %+v, want the offline intent %+v", e, offline)
			}
			if u := usage(t, db, deploybot.ModelOpRoute); u.Fallbacks != 1 {
				t.Errorf("route usage %+v, want one fallback", u)
			}
		})
	}
}

func TestModelFailureFallsBackInTime(t *testing.T) {
	for name, resp := range map[string]llmtest.Response{
		"timeout": {Delay: 10 * time.Second, Body: "{}"},
		"500":     llmtest.Error(http.StatusInternalServerError, "boom"),
		"429":     llmtest.Error(http.StatusTooManyRequests, "Rate limit reached"),
	} {
		t.Run(name, func(t *testing.T) {
			offline, _ := newOrchestrator(t, t.TempDir())
			question := "what's on the pre-deploy checklist?"
			want := say(t, offline, "alice", question)
			wantRoute := say(t, offline, "alice", vague)

			o, db := newOrchestrator(t, t.TempDir())
			s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response { return resp })
			const timeout = 300 * time.Millisecond
			// The slow server answers after 10 s: a reply well before
			// that proves the timeout cut the call. The margin is wide so
			// that a loaded machine does not fail the test.
			const bound = timeout + 5*time.Second
			withModel(t, o, s, timeout)
			o.ModelRouteBelow = 0.99

			start := time.Now()
			got := say(t, o, "alice", question)
			if d := time.Since(start); d > bound {
				t.Errorf("answered after %v, configured timeout %v", d, timeout)
			}
			if full(got) != full(want) {
				t.Errorf("reply:\n%s\nwant the offline one:\n%s", full(got), full(want))
			}
			start = time.Now()
			if got := say(t, o, "alice", vague); full(got) != full(wantRoute) {
				t.Errorf("routed reply:\n%s\nwant the offline one:\n%s", full(got), full(wantRoute))
			}
			if d := time.Since(start); d > bound {
				t.Errorf("routed after %v, configured timeout %v", d, timeout)
			}
			if u := usage(t, db, deploybot.ModelOpAnswer); u.Fallbacks == 0 || u.Fallbacks != u.Calls || u.Model != "test-model" {
				t.Errorf("answer usage %+v, want every call a fallback", u)
			}
			if u := usage(t, db, deploybot.ModelOpRoute); u.Fallbacks != 1 {
				t.Errorf("route usage %+v, want one fallback", u)
			}
			if e := lastAudit(t, db); e.Text != vague {
				t.Fatalf("last audit %+v", e)
			}
		})
	}
}

func TestModelAnswerRequest(t *testing.T) {
	o, db := newOrchestrator(t, t.TempDir())
	ctx := context.Background()
	if _, _, err := db.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeProject, Project: "api", Key: deploybot.KeyStrategy,
		Value: "canary", SetBy: "alice"}); err != nil {
		t.Fatal(err)
	}
	s := llmtest.NewServer(t, func(n int, _ llmtest.Request) llmtest.Response {
		return llmtest.Text("served-model", "Pour api, *canary* (exception du projet).", 120, 30)
	})
	withModel(t, o, s, time.Second)

	r := say(t, o, "alice", "quelle stratégie pour le projet api ?")
	if r.Text != "Pour api, *canary* (exception du projet)." || r.Lang != deploybot.French {
		t.Errorf("reply %+v, want the model's text in French", r)
	}
	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	msgs := reqs[0].Messages()
	for _, w := range []string{
		"You are deploybot's *production* agent", // the system prompt of the route, from prompts/
		"Answer in French",
		"say so plainly",                               // told to say when the knowledge does not cover the question
		"[project api, set by alice] strategy: canary", // the context layers with their sources
		"[global] approval: four-eyes",
		"Knowledge cards:\n\n## ", // the retrieved cards
		"user: quelle stratégie pour le projet api ?",
	} {
		if !strings.Contains(msgs, w) {
			t.Errorf("request lacks %q:\n%s", w, msgs)
		}
	}
	if !strings.Contains(r.Note, "Sources") {
		t.Errorf("note %q lacks the sources", r.Note)
	}
	// The audit names the model that wrote the answer; tokens are counted.
	e := lastAudit(t, db)
	if m, err := db.AnsweredBy(ctx, e.ID); err != nil || m != "served-model" {
		t.Errorf("AnsweredBy = %q, %v", m, err)
	}
	if u := usage(t, db, deploybot.ModelOpAnswer); u.PromptTokens != 120 || u.CompletionTokens != 30 || u.Calls != 1 {
		t.Errorf("answer usage %+v", u)
	}
}

func TestModelAnswerHistory(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	s := llmtest.NewServer(t, func(n int, _ llmtest.Request) llmtest.Response {
		return llmtest.Text("m", "answer "+string(rune('A'+n)), 1, 1)
	})
	withModel(t, o, s, time.Second)
	ask := func(thread, text string) {
		t.Helper()
		if _, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformSlack, Channel: "c1", Thread: thread, User: "alice", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	ask("t1", "what's on the pre-deploy checklist?")
	ask("t1", "which tools to deploy on kubernetes?")
	ask("t2", "which tools to deploy on kubernetes?")
	for _, q := range []string{"which strategy for a critical app?", "quelles métriques surveiller ?", "c'est quoi les étapes d'un déploiement ?"} {
		ask("t1", q)
	}
	reqs := s.Requests()
	if m := reqs[1].Messages(); !strings.Contains(m, "user: what's on the pre-deploy checklist?\nassistant: answer A\nuser: which tools") {
		t.Errorf("second request lacks the thread's history:\n%s", m)
	}
	if m := reqs[2].Messages(); strings.Contains(m, "answer A") {
		t.Errorf("another thread saw the history:\n%s", m)
	}
	// Four turns are kept: the last request carries the two previous questions only.
	last := reqs[len(reqs)-1].Messages()
	if strings.Contains(last, "answer A") || strings.Contains(last, "answer C") || strings.Count(last, "\nuser: ") != 3 {
		t.Errorf("history not bounded:\n%s", last)
	}
}

func TestToolCommands(t *testing.T) {
	o, _ := newOrchestrator(t, t.TempDir())
	call := func(name string, args map[string]string) deploybot.ToolCall {
		return deploybot.ToolCall{Name: name, Args: args}
	}
	for _, tt := range []struct {
		call deploybot.ToolCall
		want string
	}{
		{call("deploy", map[string]string{"app": "backend", "env": "prod", "version": "v1.2.0"}), "deploy api v1.2.0 to production"},
		{call("deploy", map[string]string{"app": "web", "env": "staging"}), "deploy web to staging"},
		{call("rollback", map[string]string{"app": "api", "env": "production"}), "rollback api production"},
		{call("rollback", map[string]string{"app": "api", "env": "production", "version": "v1.1"}), "rollback api production to v1.1"},
		{call("status", map[string]string{"app": "api"}), "status api"},
		{call("status", nil), "status"},
		{call("history", map[string]string{"app": "web", "env": "production"}), "history web production"},
		{call("show_context", map[string]string{"app": "web"}), "show context for web"},
		{call("checklist", nil), "what's on the pre-deploy checklist?"},
	} {
		got, err := o.ToolCommand(tt.call, deploybot.English)
		if err != nil || got != tt.want {
			t.Errorf("%s%v = %q, %v; want %q", tt.call.Name, tt.call.Args, got, err, tt.want)
		}
	}
	for _, bad := range []deploybot.ToolCall{
		call("confirm", map[string]string{"id": "1"}),
		call("approve", map[string]string{"id": "1"}),
		call("unlock", map[string]string{"app": "api", "env": "production"}),
		call("deploy", map[string]string{"app": "payments", "env": "production"}),
		call("deploy", map[string]string{"app": "api", "env": "moon"}),
		call("deploy", map[string]string{"app": "api", "env": "production", "version": "v1 --yes"}),
		call("deploy", map[string]string{"app": "api", "env": "production", "version": "--force"}),
		call("deploy", map[string]string{"app": "api", "env": "production", "version": "v1;rm"}),
		call("deploy", map[string]string{"app": "api"}),
	} {
		if got, err := o.ToolCommand(bad, deploybot.English); err == nil {
			t.Errorf("%s%v accepted as %q", bad.Name, bad.Args, got)
		}
	}
}
