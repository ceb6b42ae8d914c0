package agents

// LLM mode (issue 7): how the agents use an optional deploybot.Model. The
// model sharpens low-confidence routing and writes answers from the same
// cards and context layers as the offline composition, which stays the
// fallback on any failure. Its tool calls become the chat command a person
// would type, handled under that person's identity: they end at most at the
// plan the person confirms.

import (
	"bytes"
	"container/list"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"deploybot"
	"deploybot/prompts"
	"deploybot/router"
)

// Defaults of the LLM mode.
const (
	// DefaultModelRouteBelow is the offline confidence under which the model
	// is asked to route a message.
	DefaultModelRouteBelow = 0.5
	// DefaultHistoryTurns is how many turns of a thread the model sees.
	DefaultHistoryTurns = 6
	// DefaultHistoryThreads bounds the conversations kept in memory.
	DefaultHistoryThreads = 1000
)

// Conversations keeps the last turns of each conversation (platform,
// channel and thread) in memory, for the model. It is safe for concurrent
// use; the least recently used conversation is forgotten first.
type Conversations struct {
	turns   int
	threads int

	mu    sync.Mutex
	byKey map[string]*list.Element
	lru   *list.List // of *conversation, most recent first
}

type conversation struct {
	key   string
	turns []deploybot.Turn
}

// NewConversations keeps the last turns turns of at most threads
// conversations; zero values take the defaults.
func NewConversations(turns, threads int) *Conversations {
	if turns <= 0 {
		turns = DefaultHistoryTurns
	}
	if threads <= 0 {
		threads = DefaultHistoryThreads
	}
	return &Conversations{turns: turns, threads: threads, byKey: map[string]*list.Element{}, lru: list.New()}
}

func conversationKey(msg deploybot.Message) string {
	return string(msg.Platform) + "\x00" + msg.Channel + "\x00" + msg.Thread
}

// Turns returns a copy of the last turns of msg's conversation, oldest
// first.
func (c *Conversations) Turns(msg deploybot.Message) []deploybot.Turn {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[conversationKey(msg)]
	if !ok {
		return nil
	}
	return append([]deploybot.Turn(nil), e.Value.(*conversation).turns...)
}

// Add appends turns to msg's conversation, keeping the last ones.
func (c *Conversations) Add(msg deploybot.Message, turns ...deploybot.Turn) {
	if c == nil {
		return
	}
	key := conversationKey(msg)
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		e = c.lru.PushFront(&conversation{key: key})
		c.byKey[key] = e
	} else {
		c.lru.MoveToFront(e)
	}
	cv := e.Value.(*conversation)
	cv.turns = append(cv.turns, turns...)
	if n := len(cv.turns) - c.turns; n > 0 {
		cv.turns = append([]deploybot.Turn(nil), cv.turns[n:]...)
	}
	for c.lru.Len() > c.threads {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.byKey, old.Value.(*conversation).key)
	}
}

// ctxKey keys the request-scoped values of the LLM mode.
type ctxKey int

const (
	auditIDKey  ctxKey = iota // int64: audit id of the message being handled
	fromToolKey               // bool: the message is a command derived from a tool call
)

func withAuditID(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, auditIDKey, id)
}

func auditID(ctx context.Context) int64 {
	id, _ := ctx.Value(auditIDKey).(int64)
	return id
}

func fromTool(ctx context.Context) bool {
	b, _ := ctx.Value(fromToolKey).(bool)
	return b
}

func (o *Orchestrator) log() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.Default()
}

func (o *Orchestrator) routeBelow() float64 {
	if o.ModelRouteBelow > 0 {
		return o.ModelRouteBelow
	}
	return DefaultModelRouteBelow
}

// fallbackReason is the short reason of a model failure, for the audit
// and the metrics.
func fallbackReason(err error) string {
	var me *deploybot.ModelError
	if errors.As(err, &me) && me.Reason != "" {
		return me.Reason
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return "error"
}

// recordModelUse records u in the audit when the audit log keeps model use.
func (o *Orchestrator) recordModelUse(ctx context.Context, u deploybot.ModelUse) {
	ml, ok := o.Audit.(deploybot.ModelAuditLog)
	if !ok {
		return
	}
	if u.MessageID == 0 {
		u.MessageID = auditID(ctx)
	}
	if u.At.IsZero() {
		u.At = o.now()
	}
	// The audit must not depend on the request being still alive.
	if err := ml.RecordModelUse(context.WithoutCancel(ctx), u); err != nil {
		o.log().Error("agents: record model use", "op", u.Op, "err", err)
	}
}

// modelRoute asks the model to route a message the parser is unsure of
// (a question or a message not understood, below the threshold), and
// returns its request once checked against the configuration. Commands,
// small talk and actions the parser read are never sent. On any failure or
// invalid answer it returns the parser's request. The returned use is
// recorded once the message is audited.
func (o *Orchestrator) modelRoute(ctx context.Context, req deploybot.Request) (deploybot.Request, *deploybot.ModelUse) {
	if o.Model == nil || fromTool(ctx) || req.Confidence >= o.routeBelow() || strings.TrimSpace(req.Text) == "" ||
		req.Kind == deploybot.KindCommand || req.Kind == deploybot.KindSmalltalk || req.Kind == deploybot.KindAction {
		return req, nil
	}
	res, err := o.Model.Route(ctx, deploybot.RouteRequest{Text: req.Text, Projects: o.Projects, Offline: req.Intent})
	use := &deploybot.ModelUse{Op: deploybot.ModelOpRoute, Model: res.Model, Usage: res.Usage}
	if err != nil {
		use.Fallback = fallbackReason(err)
		o.log().Warn("agents: model routing failed; offline route kept", "reason", use.Fallback, "err", err)
		return req, use
	}
	got, err := o.checkRoute(req.Text, res.Intent)
	if err != nil {
		use.Fallback = "rejected"
		o.log().Warn("agents: model route rejected; offline route kept", "err", err)
		return req, use
	}
	got.Confidence = req.Confidence
	out := req
	out.Intent = got
	out.Kind = deploybot.KindQuestion
	if got.Intent.IsAction() {
		out.Kind = deploybot.KindAction
	}
	return out, use
}

// validVersion reports whether v is what a version given to the model, or
// by it, may look like: a letter or digit, then up to 63 letters, digits
// and ._+- (was the regexp ^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$, whose 63
// repetitions compiled at every start of every command, issue 19).
func validVersion(v string) bool {
	if len(v) == 0 || len(v) > 64 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || i > 0 && strings.IndexByte("._+-", c) >= 0) {
			return false
		}
	}
	return true
}

// checkRoute validates a model's intent against the configuration: the
// project must be configured, the environment one of its environments, the
// version one written in the message. Questions keep what they mention as
// their subject.
func (o *Orchestrator) checkRoute(text string, in deploybot.Intent) (deploybot.Intent, error) {
	if !in.Route.Valid() {
		return in, fmt.Errorf("unknown route %q", in.Route)
	}
	switch in.Intent {
	case deploybot.IntentQuestion, deploybot.IntentDeploy, deploybot.IntentRollback:
	default:
		return in, fmt.Errorf("unknown intent %q", in.Intent)
	}
	if in.Lang != deploybot.French && in.Lang != deploybot.English {
		return in, fmt.Errorf("unknown language %q", in.Lang)
	}
	var proj deploybot.Project
	if in.App != "" {
		p, ok := o.project(in.App)
		if !ok {
			return in, fmt.Errorf("unknown project %q", in.App)
		}
		proj, in.App = p, p.Name
	}
	if in.Env != "" {
		env := router.CanonicalEnv(strings.ToLower(in.Env))
		known := false
		for _, p := range o.Projects {
			if in.App != "" && p.Name != proj.Name {
				continue
			}
			if _, ok := p.Environment(env); ok {
				known = true
			}
		}
		if !known {
			return in, fmt.Errorf("unknown environment %q for project %q", in.Env, in.App)
		}
		in.Env = env
	}
	if in.Version != "" {
		if !validVersion(in.Version) || !strings.Contains(strings.ToLower(text), strings.ToLower(in.Version)) {
			return in, fmt.Errorf("version %q is not one written in the message", in.Version)
		}
	}
	if !in.Intent.IsAction() {
		in.SubjectApp, in.SubjectEnv = in.App, in.Env
		in.App, in.Env, in.Version = "", "", ""
	}
	return in, nil
}

// contextItem is a resolved context value as the system prompt shows it:
// its scope names the layer and where the value comes from.
type contextItem struct {
	Key, Value, Scope string
}

// contextItems lists the resolved values, by key, with their source.
func contextItems(resolved contextValues) ([]contextItem, []deploybot.Setting) {
	var items []contextItem
	var values []deploybot.Setting
	for _, v := range resolved.values { // in the order of their keys
		if v.Value == "" {
			continue
		}
		src := string(v.Scope)
		if v.Scope == deploybot.ScopeProject {
			src += " " + v.Project
		}
		if v.SetBy != "" {
			src += ", set by " + v.SetBy
		}
		items = append(items, contextItem{Key: v.Key, Value: v.Value, Scope: src})
		values = append(values, v)
	}
	return items, values
}

// modelAnswer asks the model to answer a question from the cards and the
// context the offline composition would use. It reports false when there is
// no model or it failed: the caller then composes the answer offline, and
// the failure shows only in a log line and the audit (hence the metrics).
func (o *Orchestrator) modelAnswer(ctx context.Context, msg deploybot.Message, req deploybot.Request, hits []hit,
	resolved contextValues, timeQuestion bool) (deploybot.Reply, bool) {
	in := req.Intent
	if o.Model == nil || fromTool(ctx) {
		return deploybot.Reply{}, false
	}
	tmpl, err := prompts.System(in.Route)
	if err != nil {
		return deploybot.Reply{}, false // no agent of this route talks through the model
	}
	l := in.Lang
	var cards []deploybot.KnowledgeCard
	if timeQuestion {
		cards = append(cards, deploybot.KnowledgeCard{Topic: l.Pick("Calendrier de déploiement (calculé)", "Deployment calendar (computed)"),
			Body: o.windowVerdict(req)})
	}
	for _, h := range hits {
		if !h.weak() {
			cards = append(cards, deploybot.KnowledgeCard{Topic: h.card.TopicIn(l), Body: h.card.BodyIn(l)})
		}
	}
	if proc := o.rollbackProcedure(ctx, l, in.SubjectApp, in.SubjectEnv); in.Route == deploybot.RouteRollback && proc != "" {
		cards = append(cards, deploybot.KnowledgeCard{Topic: l.Pick("Procédure de rollback du projet", "The project's rollback procedure"), Body: proc})
	}
	items, values := contextItems(resolved)
	texts := make([]prompts.CardText, len(cards))
	for i, c := range cards {
		texts[i] = prompts.CardText{Topic: c.Topic, Body: c.Body}
	}
	cal := o.calendar(in.SubjectApp)
	data := struct {
		Lang    deploybot.Lang
		Context []contextItem
		Cards   []prompts.CardText
		Now     string
	}{Lang: l, Context: items, Cards: texts, Now: o.now().In(cal.Location).Format("Monday 2006-01-02 15:04 MST")}
	var system bytes.Buffer
	if err := tmpl.Execute(&system, data); err != nil {
		o.log().Error("agents: render system prompt", "route", in.Route, "err", err)
		return deploybot.Reply{}, false
	}
	ans, err := o.Model.Answer(ctx, deploybot.AnswerRequest{
		System: system.String(), Context: values, Cards: cards, History: o.Conversations.Turns(msg),
		Question: req.Text, Lang: l, Tools: o.toolSpecs(),
	})
	use := deploybot.ModelUse{Op: deploybot.ModelOpAnswer, Model: ans.Model, Usage: ans.Usage}
	if err != nil {
		use.Fallback = fallbackReason(err)
		o.recordModelUse(ctx, use)
		o.log().Warn("agents: model answer failed; answered offline", "reason", use.Fallback, "err", err)
		return deploybot.Reply{}, false
	}
	if len(ans.ToolCalls) > 0 {
		r, ok, err := o.runToolCall(ctx, msg, l, ans.ToolCalls[0])
		if err != nil || !ok {
			use.Fallback = "invalid_tool_call"
			o.recordModelUse(ctx, use)
			o.log().Warn("agents: model tool call refused; answered offline", "tool", ans.ToolCalls[0].Name, "err", err)
			return deploybot.Reply{}, false
		}
		o.recordModelUse(ctx, use)
		o.Conversations.Add(msg, deploybot.Turn{Role: deploybot.RoleUser, Text: req.Text},
			deploybot.Turn{Role: deploybot.RoleAssistant, Text: strings.TrimSpace(r.Title + "\n" + r.Text)})
		return r, true
	}
	o.recordModelUse(ctx, use)
	o.Conversations.Add(msg, deploybot.Turn{Role: deploybot.RoleUser, Text: req.Text},
		deploybot.Turn{Role: deploybot.RoleAssistant, Text: ans.Text})
	r := deploybot.Reply{Lang: l, Text: ans.Text}
	if len(cards) > 0 {
		topics := make([]string, len(cards))
		for i, c := range cards {
			topics[i] = c.Topic
		}
		r.Note = l.Pick("Sources : ", "Sources: ") + strings.Join(topics, " · ")
	}
	return r, true
}

// The tools the model may call. They mirror chat actions that a person can
// type; none confirms, approves, denies, forces, unlocks, freezes or changes
// roles, and the model's text is never taken as a confirmation.
const (
	ToolDeploy      = "deploy"
	ToolRollback    = "rollback"
	ToolStatus      = "status"
	ToolHistory     = "history"
	ToolChecklist   = "checklist"
	ToolShowContext = "show_context"
)

// toolSpecs describes the tools, with the configured projects and
// environments as enums.
func (o *Orchestrator) toolSpecs() []deploybot.ToolSpec {
	var apps, envs []string
	seen := map[string]bool{}
	for _, p := range o.Projects {
		apps = append(apps, p.Name)
		for _, e := range p.Environments {
			if !seen[e.Name] {
				seen[e.Name] = true
				envs = append(envs, e.Name)
			}
		}
	}
	app := func(req bool) deploybot.ToolParam {
		return deploybot.ToolParam{Name: "app", Description: "a configured project", Enum: apps, Required: req}
	}
	env := func(req bool) deploybot.ToolParam {
		return deploybot.ToolParam{Name: "env", Description: "an environment of the project", Enum: envs, Required: req}
	}
	version := deploybot.ToolParam{Name: "version", Description: "the version the user wrote (v1.4.2, a commit sha); omit when none"}
	return []deploybot.ToolSpec{
		{Name: ToolDeploy, Description: "Ask deploybot for a deployment plan, exactly as if the user typed the deploy request. The user must still confirm it; you cannot.",
			Params: []deploybot.ToolParam{app(true), env(true), version}},
		{Name: ToolRollback, Description: "Ask deploybot for a rollback plan, exactly as if the user typed the rollback request. The user must still confirm it; you cannot.",
			Params: []deploybot.ToolParam{app(true), env(true), version}},
		{Name: ToolStatus, Description: "Show what runs where, deployments in flight and locks.", Params: []deploybot.ToolParam{app(false)}},
		{Name: ToolHistory, Description: "Show the recent deployments.", Params: []deploybot.ToolParam{app(false), env(false)}},
		{Name: ToolChecklist, Description: "Show the pre-deployment checklist."},
		{Name: ToolShowContext, Description: "Show the context layers (agency conventions, project exceptions).", Params: []deploybot.ToolParam{app(false)}},
	}
}

// ToolCommand turns a tool call into the chat command a person would type
// ("deploy APP VERSION to ENV"). Every argument is checked against the
// configuration (projects, their environments, version syntax) so that the
// command holds nothing but those words: no flag, no confirmation. It
// returns an *deploybot.Error for an unknown tool or an invalid argument.
func (o *Orchestrator) ToolCommand(call deploybot.ToolCall, l deploybot.Lang) (string, error) {
	app, env, version := strings.TrimSpace(call.Args["app"]), strings.TrimSpace(call.Args["env"]), strings.TrimSpace(call.Args["version"])
	var p deploybot.Project
	if app != "" {
		var ok bool
		if p, ok = o.project(app); !ok {
			return "", deploybot.Errorf(deploybot.EINVALID, "tool %s: unknown project %q", call.Name, app)
		}
		app = p.Name
	}
	if env != "" {
		env = router.CanonicalEnv(strings.ToLower(env))
		if app == "" {
			return "", deploybot.Errorf(deploybot.EINVALID, "tool %s: an environment needs a project", call.Name)
		}
		if _, ok := p.Environment(env); !ok {
			return "", deploybot.Errorf(deploybot.EINVALID, "tool %s: project %s has no environment %q", call.Name, app, env)
		}
	}
	if version != "" && !validVersion(version) {
		return "", deploybot.Errorf(deploybot.EINVALID, "tool %s: invalid version %q", call.Name, version)
	}
	switch call.Name {
	case ToolDeploy, ToolRollback:
		if app == "" || env == "" {
			return "", deploybot.Errorf(deploybot.EINVALID, "tool %s: needs app and env", call.Name)
		}
		if call.Name == ToolRollback {
			if version != "" {
				return fmt.Sprintf("rollback %s %s to %s", app, env, version), nil
			}
			return fmt.Sprintf("rollback %s %s", app, env), nil
		}
		if version != "" {
			return fmt.Sprintf("deploy %s %s to %s", app, version, env), nil
		}
		return fmt.Sprintf("deploy %s to %s", app, env), nil
	case ToolStatus:
		return strings.TrimSpace("status " + app), nil
	case ToolHistory:
		return strings.TrimSpace(strings.Join([]string{"history", app, env}, " ")), nil
	case ToolChecklist:
		return l.Pick("quelle est la checklist pré-déploiement ?", "what's on the pre-deploy checklist?"), nil
	case ToolShowContext:
		if app == "" {
			return "show context", nil
		}
		return "show context for " + app, nil
	}
	return "", deploybot.Errorf(deploybot.EINVALID, "unknown tool %q", call.Name)
}

// runToolCall handles the command of a tool call as a message of the same
// person, in the same conversation, through the same path as a typed
// message, except that a deploy or rollback always waits for that person's
// confirmation and the model is not asked again. It reports false for a
// tool call it refuses.
func (o *Orchestrator) runToolCall(ctx context.Context, msg deploybot.Message, l deploybot.Lang, call deploybot.ToolCall) (deploybot.Reply, bool, error) {
	cmd, err := o.ToolCommand(call, l)
	if err != nil {
		return deploybot.Reply{}, false, err
	}
	sub := msg
	sub.Text = cmd
	if sub.ID != "" {
		sub.ID += "/tool"
	}
	oc := *o
	oc.alwaysConfirm = true // a plan proposed by the model always waits for its person
	r, err := oc.Handle(context.WithValue(ctx, fromToolKey, true), sub)
	if err != nil {
		return deploybot.Reply{}, false, fmt.Errorf("agents: tool %s: %w", call.Name, err)
	}
	r.Note = strings.TrimSpace(r.Note + "\n" + l.Pick("Commande proposée : ", "Command proposed: ") + "`" + cmd + "`")
	return r, true, nil
}
