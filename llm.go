package deploybot

import (
	"context"
	"time"
)

// Model is an optional language model that sharpens routing and writes
// answers. It never acts: a tool call it returns is a proposal that the
// agents turn into the chat command a person would type, handled under that
// person's identity. Implementations bound every call in time and return an
// error rather than a partial result; callers fall back to the offline path
// on any error.
type Model interface {
	// Route classifies text with a function call whose schema is the
	// router's output. The result is not yet checked against the
	// configuration: the caller validates it.
	Route(ctx context.Context, req RouteRequest) (RouteResult, error)
	// Answer writes the answer to a question from the system prompt, the
	// conversation's last turns and the question; it may instead (or as
	// well) propose tool calls from req.Tools.
	Answer(ctx context.Context, req AnswerRequest) (Answer, error)
}

// RouteRequest is what the model is asked to classify.
type RouteRequest struct {
	Text     string    // the message, as typed (flags removed)
	Projects []Project // the configured projects: the only valid apps and environments
	Offline  Intent    // what the offline router understood, as a hint
}

// RouteResult is the model's classification.
type RouteResult struct {
	Intent Intent // Confidence is left to the caller
	Model  string // the model that answered
	Usage  Usage
}

// Turn is one past message of a conversation.
type Turn struct {
	Role string // "user" or "assistant"
	Text string
}

// The roles of a Turn.
const (
	RoleUser      = "user"
	RoleAssistant = "assistant"
)

// KnowledgeCard is one retrieved knowledge card, in the user's language.
type KnowledgeCard struct {
	Topic string
	Body  string
}

// AnswerRequest is everything the model needs to write one answer. System
// is the agent's system prompt, rendered from prompts/ with the resolved
// context layers (value, scope and source) and the retrieved cards; Context
// and Cards repeat those inputs for adapters and tests that inspect them.
type AnswerRequest struct {
	System   string
	Context  []Setting
	Cards    []KnowledgeCard
	History  []Turn // the conversation's last turns, oldest first
	Question string // the user's message
	Lang     Lang   // the language to answer in
	Tools    []ToolSpec
}

// Usage is the token count of one model call.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// Answer is the model's reply.
type Answer struct {
	Text      string
	Model     string
	Usage     Usage
	ToolCalls []ToolCall
}

// ToolSpec describes a tool the model may call: a chat action with string
// parameters.
type ToolSpec struct {
	Name        string
	Description string
	Params      []ToolParam
}

// ToolParam is one string parameter of a tool.
type ToolParam struct {
	Name        string
	Description string
	Enum        []string // allowed values; empty: free text
	Required    bool
}

// ToolCall is a tool the model asked to call, with its arguments as the
// model wrote them: they are untrusted and must be validated.
type ToolCall struct {
	ID   string
	Name string
	Args map[string]string
}

// Model operations, as recorded in the audit and counted in metrics.
const (
	ModelOpRoute  = "route"
	ModelOpAnswer = "answer"
)

// ModelUse records one call of the model: which model, for what, the tokens
// it used, and why its result was not used (empty when it was).
type ModelUse struct {
	MessageID int64  // the audit id of the message (AuditLog.RecordMessage); 0 if unknown
	Op        string // ModelOpRoute or ModelOpAnswer
	Model     string
	Usage     Usage
	Fallback  string // reason the offline result was used instead: "timeout", "rate_limited", "invalid", ...
	At        time.Time
}

// ModelUsage totals the recorded calls of one model for one operation.
type ModelUsage struct {
	Model            string
	Op               string
	Calls            int64
	PromptTokens     int64
	CompletionTokens int64
	Fallbacks        int64
}

// ModelAuditLog records the model's part in each handled message. An
// AuditLog may implement it; the agents record model use only when it does.
type ModelAuditLog interface {
	// RecordModelUse appends u; when the model wrote the answer of
	// u.MessageID (an answer without fallback), the message's audit record
	// names the model.
	RecordModelUse(ctx context.Context, u ModelUse) error
	// ModelUsage returns the totals of every model and operation.
	ModelUsage(ctx context.Context) ([]ModelUsage, error)
}

// ModelError is a failure of the model, with a short reason that logs and
// metrics use: "timeout", "rate_limited", "server_error", "invalid_output",
// "request_error" or "unavailable".
type ModelError struct {
	Reason string
	Err    error
}

func (e *ModelError) Error() string { return "model: " + e.Reason + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *ModelError) Unwrap() error { return e.Err }
