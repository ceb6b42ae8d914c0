package llm_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/llm"
	"deploybot/llm/llmtest"
)

var projects = []deploybot.Project{
	{Name: "checkout", Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
}

func newClient(t *testing.T, s *llmtest.Server, key string, timeout time.Duration) *llm.Client {
	t.Helper()
	c, err := llm.New(llm.Config{BaseURL: s.URL(), APIKey: key, Model: "test-model", Timeout: timeout, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func reason(err error) string {
	var me *deploybot.ModelError
	if errors.As(err, &me) {
		return me.Reason
	}
	return ""
}

func TestRouteFunctionCall(t *testing.T) {
	s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response {
		return llmtest.Tools("test-model", "", llmtest.Call{Name: "route_message",
			Args: map[string]string{"route": "production", "intent": "deploy", "app": "checkout", "env": "production", "version": "v2", "lang": "en"}})
	})
	c := newClient(t, s, "sk-test", time.Second)
	res, err := c.Route(context.Background(), deploybot.RouteRequest{Text: "ship checkout v2 live", Projects: projects,
		Offline: deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: deploybot.English}})
	if err != nil {
		t.Fatal(err)
	}
	want := deploybot.Intent{Route: deploybot.RouteProduction, Intent: deploybot.IntentDeploy, App: "checkout", Env: "production", Version: "v2", Lang: deploybot.English}
	if res.Intent != want || res.Model != "test-model" || res.Usage.PromptTokens != 20 || res.Usage.CompletionTokens != 10 {
		t.Errorf("Route = %+v", res)
	}
	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" {
		t.Errorf("path %s, auth %q", r.Path, r.Header.Get("Authorization"))
	}
	for _, w := range []string{`"name":"route_message"`, `"enum":["checkout"]`, `"enum":["staging","production"]`,
		`"enum":["staging","production","rollback","orchestrator","devops","direction-technique"]`,
		`"enum":["question","deploy","rollback"]`, `"tool_choice":{"type":"function","function":{"name":"route_message"}}`, `"temperature":`} {
		if !strings.Contains(r.Raw, w) {
			t.Errorf("request lacks %s:\n%s", w, r.Raw)
		}
	}
}

func TestRouteInvalidOutput(t *testing.T) {
	for name, resp := range map[string]llmtest.Response{
		"bad json":      llmtest.Tools("m", "", llmtest.Call{Name: "route_message", Args: "{not json"}),
		"unknown route": llmtest.Tools("m", "", llmtest.Call{Name: "route_message", Args: map[string]string{"route": "root", "intent": "deploy", "lang": "en"}}),
		"no call":       llmtest.Text("m", "production, I think", 1, 1),
	} {
		t.Run(name, func(t *testing.T) {
			s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response { return resp })
			_, err := newClient(t, s, "", time.Second).Route(context.Background(), deploybot.RouteRequest{Text: "x", Projects: projects})
			if reason(err) != "invalid_output" {
				t.Errorf("err = %v, want invalid_output", err)
			}
		})
	}
}

func TestRetriesThenSucceeds(t *testing.T) {
	s := llmtest.NewServer(t, func(n int, _ llmtest.Request) llmtest.Response {
		switch n {
		case 0:
			return llmtest.Error(http.StatusTooManyRequests, "Rate limit reached")
		case 1:
			return llmtest.Error(http.StatusBadGateway, "upstream")
		}
		return llmtest.Text("m", "hello", 3, 2)
	})
	ans, err := newClient(t, s, "", 2*time.Second).Answer(context.Background(), deploybot.AnswerRequest{System: "sys", Question: "hi"})
	if err != nil || ans.Text != "hello" {
		t.Fatalf("Answer = %+v, %v", ans, err)
	}
	if n := len(s.Requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	// Without a key no Authorization header is sent (Ollama, vLLM).
	if h := s.Requests()[0].Header.Get("Authorization"); h != "" {
		t.Errorf("Authorization %q", h)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	for status, want := range map[int]string{http.StatusInternalServerError: "server_error", http.StatusTooManyRequests: "rate_limited"} {
		s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response { return llmtest.Error(status, "down") })
		_, err := newClient(t, s, "", 2*time.Second).Answer(context.Background(), deploybot.AnswerRequest{System: "s", Question: "q"})
		if reason(err) != want {
			t.Errorf("%d: err = %v, want %s", status, err, want)
		}
		if n := len(s.Requests()); n != 1+llm.DefaultMaxRetries {
			t.Errorf("%d: %d requests, want %d", status, n, 1+llm.DefaultMaxRetries)
		}
	}
	// A 400 is not retried.
	s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response { return llmtest.Error(http.StatusBadRequest, "bad") })
	_, err := newClient(t, s, "", time.Second).Answer(context.Background(), deploybot.AnswerRequest{System: "s", Question: "q"})
	if reason(err) != "request_error" || len(s.Requests()) != 1 {
		t.Errorf("400: err %v after %d requests", err, len(s.Requests()))
	}
}

func TestTimeout(t *testing.T) {
	s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response {
		return llmtest.Response{Delay: 5 * time.Second, Body: "{}"}
	})
	start := time.Now()
	_, err := newClient(t, s, "", 150*time.Millisecond).Answer(context.Background(), deploybot.AnswerRequest{System: "s", Question: "q"})
	if reason(err) != "timeout" {
		t.Errorf("err = %v, want timeout", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("gave up after %v", d)
	}
}

func TestAnswerWithToolsAndHistory(t *testing.T) {
	s := llmtest.NewServer(t, func(int, llmtest.Request) llmtest.Response {
		return llmtest.Tools("served-model", "", llmtest.Call{Name: "deploy", Args: map[string]string{"app": "checkout", "env": "staging"}},
			llmtest.Call{Name: "status", Args: "{oops"})
	})
	ans, err := newClient(t, s, "", time.Second).Answer(context.Background(), deploybot.AnswerRequest{
		System:   "SYSTEM PROMPT",
		History:  []deploybot.Turn{{Role: deploybot.RoleUser, Text: "earlier"}, {Role: deploybot.RoleAssistant, Text: "reply"}},
		Question: "ship it",
		Tools: []deploybot.ToolSpec{{Name: "deploy", Description: "plan", Params: []deploybot.ToolParam{
			{Name: "app", Enum: []string{"checkout"}, Required: true}, {Name: "env", Required: true}, {Name: "version"}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Model != "served-model" || len(ans.ToolCalls) != 1 || ans.ToolCalls[0].Name != "deploy" || ans.ToolCalls[0].Args["app"] != "checkout" {
		t.Errorf("Answer = %+v (the call with invalid arguments must be dropped)", ans)
	}
	r := s.Requests()[0]
	if got, want := r.Messages(), "system: SYSTEM PROMPT\nuser: earlier\nassistant: reply\nuser: ship it\n"; got != want {
		t.Errorf("messages:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(r.Raw, `"required":["app","env"]`) || !strings.Contains(r.Raw, `"tool_choice":"auto"`) {
		t.Errorf("tools not sent as expected:\n%s", r.Raw)
	}
}

func TestUnavailable(t *testing.T) {
	_, err := llm.Unavailable{}.Answer(context.Background(), deploybot.AnswerRequest{})
	if reason(err) != "unavailable" {
		t.Errorf("err = %v", err)
	}
	if _, err := llm.New(llm.Config{}); err == nil {
		t.Error("New without a model: no error")
	}
}
