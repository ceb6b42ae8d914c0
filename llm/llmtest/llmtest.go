// Package llmtest is a fake OpenAI-compatible chat-completions server for
// tests: it records each request and answers what the test scripts, text,
// tool calls, errors or delays.
package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Request is one request the server received.
type Request struct {
	Path   string
	Header http.Header
	Raw    string         // the body, as sent
	Body   map[string]any // the body, decoded
}

// Response is what the server answers to one request.
type Response struct {
	Status int           // default 200
	Body   string        // JSON body
	Delay  time.Duration // wait before answering (cut short when the client gives up)
}

// Handler scripts the server: n counts requests from 0.
type Handler func(n int, req Request) Response

// Server is a fake chat-completions API.
type Server struct {
	srv     *httptest.Server
	handler Handler

	mu       sync.Mutex
	requests []Request
}

// NewServer starts a server answering with h; it stops when the test ends.
func NewServer(t testing.TB, h Handler) *Server {
	s := &Server{handler: h}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the base URL to configure, with its /v1 prefix.
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	req := Request{Path: r.URL.Path, Header: r.Header.Clone(), Raw: string(raw)}
	_ = json.Unmarshal(raw, &req.Body)
	s.mu.Lock()
	n := len(s.requests)
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	resp := s.handler(n, req)
	if resp.Delay > 0 {
		select {
		case <-time.After(resp.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if resp.Status == 0 {
		resp.Status = http.StatusOK
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.Status)
	_, _ = io.WriteString(w, resp.Body)
}

// Call is one tool call of a scripted answer.
type Call struct {
	Name string
	Args any // marshalled to the JSON string the API carries
}

// Text answers content, with usage tokens.
func Text(model, content string, prompt, completion int) Response {
	return Response{Body: completionBody(model, map[string]any{"role": "assistant", "content": content}, "stop", prompt, completion)}
}

// Tools answers tool calls (and content, which may be empty).
func Tools(model, content string, calls ...Call) Response {
	var tcs []map[string]any
	for i, c := range calls {
		args, ok := c.Args.(string)
		if !ok {
			b, _ := json.Marshal(c.Args)
			args = string(b)
		}
		tcs = append(tcs, map[string]any{"id": fmt.Sprintf("call_%d", i+1), "type": "function",
			"function": map[string]any{"name": c.Name, "arguments": args}})
	}
	msg := map[string]any{"role": "assistant", "tool_calls": tcs}
	if content != "" {
		msg["content"] = content
	}
	return Response{Body: completionBody(model, msg, "tool_calls", 20, 10)}
}

// Error answers status with an OpenAI error body.
func Error(status int, message string) Response {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": message, "type": "server_error", "code": nil}})
	return Response{Status: status, Body: string(b)}
}

func completionBody(model string, msg map[string]any, finish string, prompt, completion int) string {
	b, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": model,
		"choices": []any{map[string]any{"index": 0, "finish_reason": finish, "message": msg}},
		"usage":   map[string]any{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
	})
	return string(b)
}

// Messages returns the messages of a request as role: content lines.
func (r Request) Messages() string {
	msgs, _ := r.Body["messages"].([]any)
	var b strings.Builder
	for _, m := range msgs {
		mm, _ := m.(map[string]any)
		fmt.Fprintf(&b, "%v: %v\n", mm["role"], mm["content"])
	}
	return b.String()
}
