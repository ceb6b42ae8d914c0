package telemetry_test

import (
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"deploybot"
	"deploybot/store"
	"deploybot/telemetry"
)

// TestModelMetrics counts the model's tokens and fallbacks from the audit
// of model calls kept by the store.
func TestModelMetrics(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "deploybot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", User: "alice", Text: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []deploybot.ModelUse{
		{MessageID: id, Op: deploybot.ModelOpRoute, Model: "gpt", Usage: deploybot.Usage{PromptTokens: 100, CompletionTokens: 7}},
		{MessageID: id, Op: deploybot.ModelOpAnswer, Model: "gpt", Usage: deploybot.Usage{PromptTokens: 900, CompletionTokens: 80}},
		{MessageID: id, Op: deploybot.ModelOpAnswer, Model: "gpt", Fallback: "timeout"},
	} {
		if err := db.RecordModelUse(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	if m, err := db.AnsweredBy(ctx, id); err != nil || m != "gpt" {
		t.Errorf("AnsweredBy = %q, %v", m, err)
	}
	rec := httptest.NewRecorder()
	telemetry.New(db).Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`deploybot_llm_tokens_total{kind="prompt",model="gpt",op="answer"} 900`,
		`deploybot_llm_tokens_total{kind="completion",model="gpt",op="answer"} 80`,
		`deploybot_llm_tokens_total{kind="prompt",model="gpt",op="route"} 100`,
		`deploybot_llm_calls_total{model="gpt",op="answer"} 2`,
		`deploybot_llm_fallbacks_total{model="gpt",op="answer"} 1`,
		`deploybot_llm_fallbacks_total{model="gpt",op="route"} 0`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
