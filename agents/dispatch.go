package agents

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"deploybot"
)

// Handle answers one message. The parser turns it into one typed request
// (with the conversation's earlier messages, for an answer to a question
// the bot asked); every agent works from that request, never from the
// text. A message that cannot be understood gets an answer that says so;
// only a failure of the system returns an error.
//
// A message longer than MaxMessage bytes is cut there and recorded with a
// marker; invalid UTF-8 is replaced. A message handled again (the same
// platform and id, after a crash) is recorded once and plans no second
// deployment. A question, small talk or a message not understood (outside
// an interview, without the language model) is recorded once answered,
// with its reply, in one write; any other message before it acts, its
// reply after.
func (o *Orchestrator) Handle(ctx context.Context, msg deploybot.Message) (deploybot.Reply, error) {
	return o.handle(ctx, msg, nil)
}

// HandleQueued answers msg as Handle does, with its audit through
// AuditQueue, the store's group committer: the reply may be shown only
// once wait returns nil, which is once the message's audit entry is
// committed. Meanwhile the next messages may be handled, and their audit
// entries share the commit (issue 19).
//
// A question, small talk or a message not understood (outside an
// interview, without the language model) changes nothing but the audit:
// its one entry (message, route, reply) is queued once the reply is
// composed. Any other message is recorded first, through the same queue,
// so that its entry keeps its place in the trail, and is committed before
// what it changes: the store waits for it before the message's first
// write (deploybot.AwaitAudit), and a message that writes nothing never
// waits; its reply is queued after (a message without an id waits for
// its entry at once, whose id records the reply). Without
// AuditQueue, or in LLM mode (the model's use is recorded on the entry's
// id), it is Handle, and wait returns nil at once.
func (o *Orchestrator) HandleQueued(ctx context.Context, msg deploybot.Message) (reply deploybot.Reply, wait func(context.Context) error, err error) {
	if o.AuditQueue == nil || o.Model != nil {
		reply, err = o.Handle(ctx, msg)
		return reply, committed, err
	}
	q := &queued{wait: committed}
	reply, err = o.handle(ctx, msg, q)
	return reply, q.wait, err
}

// committed is the wait of what needs none.
func committed(context.Context) error { return nil }

// queued is what handle queued for a message (HandleQueued).
type queued struct {
	wait func(context.Context) error
}

// readOnly reports whether req, handled outside an interview, writes
// nothing but its audit entry.
func readOnly(req deploybot.Request) bool {
	switch req.Kind {
	case deploybot.KindQuestion, deploybot.KindSmalltalk, deploybot.KindUnknown:
		return true
	}
	return false
}

func (o *Orchestrator) handle(ctx context.Context, msg deploybot.Message, q *queued) (reply deploybot.Reply, err error) {
	if o.ReadScope != nil {
		var end func()
		ctx, end = o.ReadScope(ctx)
		defer end()
	}
	msg.Text = Bound(msg.Text)
	req := o.parse(ctx, aheadKey{msg.Platform, msg.ID}, msg.Text, o.memory().history(msg, o.now()))
	if req.Kind == deploybot.KindCommand && req.Command == deploybot.CmdConfirm && !req.FollowUp {
		if asked, known := o.memory().lastAsked(msg); asked || !known {
			// A yes right after the bot asked for one, or one that opens
			// the conversation (the plan was put before a restart),
			// answers the plan that waits; a yes after other replies
			// answers none (deployCommand).
			req.FollowUp = true
		}
	}
	if l := o.conversationLang(memoryKey(msg), aheadKey{msg.Platform, msg.ID}, msg.Text, req.Lang); l != req.Lang {
		req.Lang = l
		if s, ok := o.Router.(suggester); ok && req.Kind == deploybot.KindUnknown {
			// "asdkjh qwe" in a French conversation: the suggestions
			// in French too (they were the parser's, in English).
			req.Alternatives = s.Suggestions(req.Text, l)
		}
	}
	if o.Observe != nil {
		start := time.Now()
		defer func() { o.Observe(req.Intent, time.Since(start)) }()
	}
	var modelUse *deploybot.ModelUse // LLM mode (issue 7)
	req, modelUse = o.modelRoute(ctx, req)
	// The interview of the writer, if one is going on: its answers are
	// taken before anything else.
	// A failure to read it is returned once the message is recorded.
	var iv deploybot.Interview
	var ivErr error
	inInterview := false
	// An order to start one is not an answer; an answer the router read
	// from the interview's question in the conversation (FollowUp) is.
	if o.Interviews != nil && o.Settings != nil && !(req.Kind == deploybot.KindCommand && req.Command == deploybot.CmdInterview && !req.FollowUp) {
		var found bool
		iv, found, ivErr = o.Interviews.Interview(ctx, msg.Platform, msg.Channel, msg.User)
		inInterview = ivErr == nil && found && iv.Status == deploybot.InterviewActive
	}
	t := &turn{}
	if req.Kind == deploybot.KindCommand {
		t.command = string(req.Command)
	}
	var id int64
	switch {
	case q != nil && modelUse == nil && !inInterview && readOnly(req):
		// One entry, with the reply, queued once the reply is composed.
		defer func() {
			if err == nil {
				o.memory().remember(msg, o.now(), req, reply)
			}
			e := o.auditEntry(msg, req)
			e.Command = t.command
			if err == nil {
				e.Reply = replyText(reply)
			}
			q.wait = discardID(o.AuditQueue(context.WithoutCancel(ctx), e))
		}()
	case q != nil && msg.ID == "":
		// Recorded, and committed, before what the message does; its
		// reply recorded on the entry's id (no key to find the entry
		// again in the queue).
		id, err = o.AuditQueue(ctx, o.auditEntry(msg, req))(ctx)
		if err != nil {
			return deploybot.Reply{}, fmt.Errorf("agents: audit message: %w", err)
		}
		defer func() {
			if err == nil {
				o.memory().remember(msg, o.now(), req, reply)
				o.recordReply(ctx, id, t.command, reply)
			}
		}()
	case q != nil:
		// Committed before what the message changes: the store waits
		// for its entry before the message's first write
		// (deploybot.WithAuditBarrier), and the entry is queued then.
		// A message that changes nothing (an interview's answer
		// refused, a command that reads) never waits, and its one
		// entry, with the reply, is queued once it is answered, as a
		// question's (issue 19: half the audit rows of bench's chat).
		first := &firstEntry{queue: func(ctx context.Context) func(context.Context) error {
			return discardID(o.AuditQueue(ctx, o.auditEntry(msg, req)))
		}}
		ctx = deploybot.WithAuditBarrier(ctx, first.wait)
		defer func() {
			if err == nil {
				o.memory().remember(msg, o.now(), req, reply)
			}
			e := o.auditEntry(msg, req)
			e.Command = t.command
			if err == nil {
				e.Reply = replyText(reply)
			}
			q.wait = first.last(func() func(context.Context) error {
				return discardID(o.AuditQueue(context.WithoutCancel(ctx), e))
			}, err == nil)
		}()
	case o.Audit != nil && o.Model == nil && !inInterview && readOnly(req):
		// (With a model, the entry's id records the model's answer.)
		// One entry, with the reply, recorded once the reply is
		// composed: one write, not two (issue 19: the question path's
		// commits were most of its time and all of its tail).
		defer func() {
			if err == nil {
				o.memory().remember(msg, o.now(), req, reply)
			}
			e := o.auditEntry(msg, req)
			e.Command = t.command
			if err == nil {
				e.Reply = replyText(reply)
			}
			if _, aerr := o.Audit.RecordMessage(context.WithoutCancel(ctx), e); aerr != nil && err == nil {
				reply, err = deploybot.Reply{}, fmt.Errorf("agents: audit message: %w", aerr)
			}
		}()
	default:
		if id, err = o.audit(ctx, msg, req); err != nil {
			return deploybot.Reply{}, err
		}
		defer func() {
			if err == nil {
				o.memory().remember(msg, o.now(), req, reply)
				o.recordReply(ctx, id, t.command, reply)
			}
		}()
	}
	if ivErr != nil {
		return deploybot.Reply{}, ivErr
	}
	ctx = withAuditID(ctx, id) // LLM mode: the answer's model is recorded on this audit entry
	ctx = context.WithValue(ctx, turnKey{}, t)
	if modelUse != nil {
		o.recordModelUse(ctx, *modelUse)
	}
	if inInterview {
		if answersInterview(req) {
			r, answered, err := o.continueInterview(ctx, msg, iv, req.Text)
			if answered || err != nil {
				commandIs(ctx, "interview")
				return r, err
			}
		}
		// A question, an order or a command of its own in the middle of
		// the interview ("approve 14", "status", "deploy api to
		// staging"): answer it, then ask the interview's question again.
		r, err := o.dispatch(ctx, msg, req, modelUse)
		if err != nil {
			return r, err
		}
		q := o.ask(iv)
		r.Text += "\n\n" + iv.Lang.Pick("_(Entretien en cours)_ ", "_(Interview in progress)_ ") + q.Text
		return r, nil
	}
	return o.dispatch(ctx, msg, req, modelUse)
}

// answersInterview reports whether req, said while an interview waits,
// may be its answer: anything but an order naming its project and a
// command of its own; a yes, a no and a stop are answers (router:
// interviewReply).
func answersInterview(req deploybot.Request) bool {
	switch req.Kind {
	case deploybot.KindAction:
		return req.App == ""
	case deploybot.KindCommand:
		switch req.Command {
		case deploybot.CmdInterview:
			return req.FollowUp
		case deploybot.CmdConfirm, deploybot.CmdCancel:
			return req.Arg("id") == "" && req.App == "" && req.Env == ""
		}
		return false
	}
	return true
}

// recordReply records the reply of audit entry id, a failure logged.
func (o *Orchestrator) recordReply(ctx context.Context, id int64, command string, reply deploybot.Reply) {
	if o.Audit == nil {
		return
	}
	if err := o.Audit.RecordReply(context.WithoutCancel(ctx), id, command, replyText(reply)); err != nil {
		o.log().Warn("audit reply", "err", err)
	}
}

// firstEntry is the audit entry of a message queued at its first write
// (the audit barrier's wait), if it writes.
type firstEntry struct {
	queue func(ctx context.Context) func(context.Context) error

	mu     sync.Mutex
	queued func(context.Context) error // nil until queued
	closed bool                        // the message is answered: its entries are queued
	full   func(context.Context) error // the entry with the reply, once closed
}

// wait queues the entry, the first time, and waits for its commit. Work
// the message started that writes once the message is answered waits for
// its entries.
func (f *firstEntry) wait(ctx context.Context) error {
	f.mu.Lock()
	w := f.queued
	switch {
	case f.closed:
		w = f.full
	case w == nil:
		w = f.queue(context.WithoutCancel(ctx))
		f.queued = w
	}
	f.mu.Unlock()
	return w(ctx)
}

// last queues the message's last entry once it is answered: full, the
// whole entry, unless the first entry was queued and there is no reply
// to add (answered false). It returns the wait for every entry queued.
func (f *firstEntry) last(full func() func(context.Context) error, answered bool) func(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	first := f.queued
	switch {
	case first == nil:
		f.full = full()
	case !answered:
		f.full = first
	default:
		second := full()
		f.full = func(ctx context.Context) error {
			// Both commit in queue order: the second's outcome says
			// nothing of the first's.
			return errors.Join(first(ctx), second(ctx))
		}
	}
	return f.full
}

// discardID turns the wait of a queued audit entry into a wait for its
// commit.
func discardID(wait func(context.Context) (int64, error)) func(context.Context) error {
	return func(ctx context.Context) error {
		if _, err := wait(ctx); err != nil {
			return fmt.Errorf("agents: audit message: %w", err)
		}
		return nil
	}
}

// dispatch hands req to the agent of its kind: a command, an action, a
// question (or a hand-off), small talk, or what was not understood.
func (o *Orchestrator) dispatch(ctx context.Context, msg deploybot.Message, req deploybot.Request, modelUse *deploybot.ModelUse) (deploybot.Reply, error) {
	l := req.Lang
	switch req.Kind {
	case deploybot.KindCommand:
		return o.command(ctx, msg, req)
	case deploybot.KindSmalltalk:
		return o.smalltalk(req), nil
	case deploybot.KindUnknown:
		return o.notUnderstood(req), nil
	case deploybot.KindAction:
		if o.Deploys == nil {
			if r, ask := o.clarify(req); ask {
				return r, nil
			}
			return o.noDeploys(req), nil
		}
		if modelUse != nil {
			// The model chose this action: its plan always waits for the
			// person's own confirmation, whatever agency.confirm says.
			oc := *o
			oc.alwaysConfirm = true
			return oc.action(ctx, msg, req)
		}
		return o.action(ctx, msg, req)
	}
	if req.Topic == deploybot.TopicSeveralOrders {
		return deploybot.Reply{Lang: l, Text: l.Pick(
			"Je ne lance rien : ce message donne plusieurs ordres. Envoyez-les un par un (un déploiement, un rollback ou un verrou par message), chacun avec son projet et son environnement.",
			"I ran nothing: this message gives several orders. Send them one at a time (one deploy, rollback or lock per message), each with its project and environment.")}, nil
	}
	if req.Topic == deploybot.TopicUnclearOrder && len(req.Alternatives) > 0 {
		// "web 1.0.0 en prod ce matin : RAS": news or an order; the order
		// offered, which a yes right after plans (router: offeredCommand).
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"Une nouvelle ou un ordre ? Je ne planifie rien sur un message sans verbe qui dise quoi faire. Pour le planifier : « %s ».",
			"News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"%s\"."), req.Alternatives[0])}, nil
	}
	if req.Topic == deploybot.TopicLaterOrder && req.Moment != nil {
		// "deploy web 2.5.0 to prod tomorrow": nothing is scheduled; the
		// verdict of that moment, and the order to give then.
		return deploybot.Reply{Lang: l, Text: l.Pick(
			"Je ne programme pas d'ordre : rien n'est lancé. Donnez-le au moment voulu, je préparerai le plan alors.",
			"I don't schedule orders: nothing ran. Give it when the time comes and I'll prepare the plan then.") + "\n" + o.windowVerdict(req)}, nil
	}
	if req.Route == deploybot.RouteDevops || req.Route == deploybot.RouteDirection {
		return o.handoff(req), nil
	}
	if o.Knowledge != nil {
		return o.answer(ctx, msg, req)
	}
	return deploybot.Reply{Lang: l, Text: l.Pick("Je n'ai pas de base de connaissances ici.", "I have no knowledge base here.")}, nil
}

// command runs a chat command.
func (o *Orchestrator) command(ctx context.Context, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	l := req.Lang
	if req.UnknownApp != "" && req.Command != deploybot.CmdReminders {
		return o.unknownProject(l, req.UnknownApp), nil
	}
	if req.UnknownEnv != "" && req.App != "" {
		return o.unknownEnv(l, req.App, req.UnknownEnv), nil
	}
	switch req.Command {
	case deploybot.CmdHelp:
		return o.help(l), nil
	case deploybot.CmdInterview:
		if o.Interviews == nil || o.Settings == nil {
			break
		}
		if req.FollowUp {
			// An answer to an interview's question that no interview of
			// this person waits for any more (ended, paused, or asked of
			// someone else): it neither starts one nor answers one.
			return deploybot.Reply{Lang: l, Text: l.Pick(
				"Aucun entretien ne vous attend ici. « configure le projet NOM » (ou « configure l'agence ») en lance un.",
				"No interview is waiting for you here. \"onboard project NAME\" (or \"onboard agency\") starts one.")}, nil
		}
		return o.startInterview(ctx, msg, l, req.App)
	case deploybot.CmdContext:
		if req.Arg("what") == "approvers" {
			return o.approvers(ctx, l, req.App, req.Env)
		}
		if req.Arg("what") == "set" {
			commandIs(ctx, "set")
			if scopeOf(req) != deploybot.ScopeAgency && req.App == "" {
				// "set it to canary" with nothing named before: a
				// project's setting, never the agency's by default.
				return o.askProject(l, req.Text), nil
			}
			if req.Arg("value") == "" && req.Arg("key") != "" {
				return askValue(l, scopeOf(req), req.App, req.Env, req.Arg("key")), nil
			}
			return o.setValue(ctx, l, msg, scopeOf(req), req.App, req.Env, req.Arg("key"), req.Arg("value"))
		}
		return o.showContext(ctx, l, req.App)
	case deploybot.CmdReset:
		if scopeOf(req) != deploybot.ScopeAgency && req.App == "" {
			return o.askProject(l, req.Text), nil // "reset it" with nothing named before
		}
		return o.resetValue(ctx, l, msg, scopeOf(req), req.App, req.Env, req.Arg("key"))
	case deploybot.CmdAudit:
		if o.Audit != nil {
			return o.auditCommand(ctx, l, req)
		}
	case deploybot.CmdReminders:
		if o.Reminders != nil {
			return o.reminderCommand(ctx, msg, req)
		}
	case deploybot.CmdList:
		switch req.Arg("what") {
		case "projects":
			return o.listProjects(l), nil
		case "environments":
			return o.listEnvironments(l, req.App), nil
		}
	case deploybot.CmdDrill:
		if req.App == "" {
			return o.askProject(l, "drill"), nil
		}
		env := req.Env
		if env == "" {
			env = deploybot.EnvStaging
		}
		return o.drill(ctx, msg, l, req.App, env)
	case deploybot.CmdRunbook:
		if req.App == "" {
			return o.askProject(l, "runbook"), nil
		}
		return o.runbook(ctx, l, req.App, req.Env)
	case deploybot.CmdDora:
		if o.DORA == nil {
			return deploybot.Reply{Lang: l, Text: l.Pick("Les indicateurs DORA ne sont pas calculés ici.",
				"DORA figures are not computed here.")}, nil
		}
		r, err := o.DORA(ctx, req.App, req.Arg("period"), l)
		if err != nil {
			if r, ok := o.userError(l, err); ok {
				return r, nil
			}
			return deploybot.Reply{}, err
		}
		return r, nil
	}
	if o.Deploys == nil {
		return deploybot.Reply{Lang: l, Text: l.Pick("Les déploiements ne sont pas configurés ici.", "Deployments are not set up here.")}, nil
	}
	return o.deployCommand(ctx, msg, req)
}

// scopeOf is the layer a context command names.
func scopeOf(req deploybot.Request) deploybot.Scope {
	switch req.Arg("scope") {
	case "environment":
		return deploybot.ScopeEnvironment
	case "project":
		return deploybot.ScopeProject
	}
	if req.Env != "" {
		return deploybot.ScopeEnvironment
	}
	if req.App != "" {
		return deploybot.ScopeProject
	}
	return deploybot.ScopeAgency
}

// argID reads the id argument of a command (0 when none).
func argID(req deploybot.Request) int64 {
	id, _ := strconv.ParseInt(req.Arg("id"), 10, 64)
	return id
}

// farewells are the words of leaving: "a+", "bye", "bonne soirée".
var farewells = map[string]bool{"bye": true, "goodbye": true, "cya": true, "later": true, "a+": true, "à+": true, "ciao": true, "bises": true,
	"bisous": true, "soirée": true, "soiree": true, "nuit": true, "week-end": true, "weekend": true, "we": true, "end": true, "revoir": true,
	"tchao": true}

// smalltalk answers a greeting, thanks or a farewell, with one hint.
func (o *Orchestrator) smalltalk(req deploybot.Request) deploybot.Reply {
	l := req.Lang
	thanks, farewell := false, false
	text := strings.ToLower(req.Text)
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, "!.,?")
		if strings.HasPrefix(w, "merci") || strings.HasPrefix(w, "thank") || w == "thx" || w == "ty" || w == "cheers" {
			thanks = true
		}
		if farewells[w] {
			farewell = true
		}
	}
	if farewell || strings.Contains(text, "see you") || strings.Contains(text, "à plus") || strings.Contains(text, "au revoir") {
		// "bon week-end !", "a+", "bonne soirée": a farewell, never a
		// "Hello!" (a new user got one to "a+").
		return deploybot.Reply{Lang: l, Text: l.Pick("À bientôt ! Je reste là pour les déploiements.", "See you! I'm here for the deploys.")}
	}
	if thanks {
		return deploybot.Reply{Lang: l, Text: l.Pick("Avec plaisir ! Pour voir ce qui tourne où : « statut ».",
			"You're welcome! To see what runs where: \"status\".")}
	}
	if req.Topic == deploybot.TopicAcknowledged {
		// "ok" after an answer, "just news", "fair enough" (the parser
		// tells them): taken in, never a "Hello!" (and nothing runs on it).
		return deploybot.Reply{Lang: l, Text: l.Pick("C'est noté : rien n'est lancé.", "Noted: nothing started.")}
	}
	return deploybot.Reply{Lang: l, Text: l.Pick("Bonjour ! Demandez-moi par exemple « je peux déployer maintenant ? », ou « aide ».",
		"Hello! Ask me for instance \"can I deploy now?\", or \"help\".")}
}

// notUnderstood says the bot is not sure what was meant and offers the
// closest things it can do, as buttons (their words in a terminal).
func (o *Orchestrator) notUnderstood(req deploybot.Request) deploybot.Reply {
	l := req.Lang
	r := deploybot.Reply{Lang: l, Text: l.Pick(
		"Je ne suis pas sûr de comprendre. Je n'ai pas de réponse précise à cela ; je sais parler des fenêtres de déploiement, de la checklist, des stratégies, du staging, du rollback, et lancer des déploiements.",
		"I'm not sure what you mean. I have no precise answer to that; I know about deployment windows, the checklist, strategies, staging, rollback, and I run deployments.")}
	for _, a := range req.Alternatives {
		r.Actions = append(r.Actions, deploybot.Button{ID: "suggest_command", Label: a, Value: a})
	}
	return r
}

// noDeploys answers an action where no deploy service is wired.
func (o *Orchestrator) noDeploys(req deploybot.Request) deploybot.Reply {
	l := req.Lang
	what := l.Pick("déploiement", "deploy")
	if req.Intent.Intent == deploybot.IntentRollback {
		what = "rollback"
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Compris : %s %s → %s. Les déploiements ne sont pas configurés ici.",
		"Understood: %s %s → %s. Deployments are not set up here."), what, orDefault(req.App, "?"), orDefault(req.Env, "?"))}
}

// askProject asks which project a command is for.
func (o *Orchestrator) askProject(l deploybot.Lang, what string) deploybot.Reply {
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(targetAskFr+" « %s » ? Je connais : %s.", targetAskEn+" %q? I know: %s."), what, o.projectList())}
}

// suggester is implemented by parsers that tell the closest things to a
// message not understood (router.Router).
type suggester interface {
	Suggestions(text string, lang deploybot.Lang) []string
}

// langEvidence is implemented by parsers that can tell whether a
// message's own words say its language (router.Router).
type langEvidence interface {
	LangEvidence(text string) (deploybot.Lang, bool)
}

// conversationLang is the language to answer text in (a message of the
// conversation key): the one its words
// say, else its conversation's (the last one a message said), else the
// parser's guess. "audit api" or "rollback shop staging" in a French
// conversation is answered in French.
//
// The evidence of text is the one Prepare found, when it prepared the
// message (message) with that text, else read now.
func (o *Orchestrator) conversationLang(key string, message aheadKey, text string, parsed deploybot.Lang) deploybot.Lang {
	ev, ok := o.Router.(langEvidence)
	if !ok {
		return parsed
	}
	l, sure, found := o.preparedLang(message, text)
	if !found {
		l, sure = ev.LangEvidence(text)
	}
	m := o.memory()
	now := o.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if sure {
		if len(m.langs) >= memoryMax {
			for k := range m.langs { // forget one: the map stays bounded
				delete(m.langs, k)
				break
			}
		}
		m.langs[key] = spoken{l, now}
		return l
	}
	if s, ok := m.langs[key]; ok && now.Sub(s.at) <= langTTL {
		return s.lang
	}
	return parsed
}

// spoken is the language a conversation was last written in, and when.
type spoken struct {
	lang deploybot.Lang
	at   time.Time
}

// langTTL is how long a conversation's language holds.
const langTTL = 12 * time.Hour

// conversation memory: the last messages of each person in each
// conversation (a thread, or a channel outside threads), so that an answer
// to the bot's question completes the request it was asked for.
type memory struct {
	mu    sync.Mutex
	convs map[string]*recent
	langs map[string]spoken // the language of each conversation
	// asked holds, for each conversation the bot replied in, whether its
	// last reply asked for a yes (a plan, a drill's, a checklist done).
	// A bare yes confirms only then, or in a conversation the bot has
	// not replied in since it started: the history alone cannot tell,
	// being forgotten after a help, a list or a thanks (a yes after
	// "pending" confirmed the plan before it).
	asked map[string]bool
}

// lastAsked reports whether the bot's last reply in msg's conversation
// asked for a yes, and whether the bot replied there at all.
func (m *memory) lastAsked(msg deploybot.Message) (asked, known bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	asked, known = m.asked[memoryKey(msg)]
	return asked, known
}

type recent struct {
	texts []string
	at    time.Time
}

// settingNoted reports whether reply notes a setting changed by chat
// (context.go's "C'est noté : pour …", "Noted: for …").
func settingNoted(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, notedFr) || strings.HasPrefix(reply.Text, notedEn)
}

// memoryTTL is how long a conversation's earlier messages count.
const memoryTTL = 15 * time.Minute

// memoryTurns is how many earlier messages are kept.
const memoryTurns = 3

// memoryMax bounds the conversations kept; the oldest go first.
const memoryMax = 5000

// memInit guards the lazy creation of an orchestrator's memory.
var memInit sync.Mutex

func (o *Orchestrator) memory() *memory {
	memInit.Lock()
	defer memInit.Unlock()
	if o.mem == nil {
		o.mem = newMemory()
	}
	return o.mem
}

func newMemory() *memory {
	return &memory{convs: map[string]*recent{}, langs: map[string]spoken{}, asked: map[string]bool{}}
}

func memoryKey(msg deploybot.Message) string {
	return string(msg.Platform) + "\x00" + msg.Channel + "\x00" + msg.Thread + "\x00" + msg.User
}

// history returns the earlier messages of msg's conversation, oldest first.
func (m *memory) history(msg deploybot.Message, now time.Time) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.convs[memoryKey(msg)]
	if !ok || now.Sub(r.at) > memoryTTL {
		return nil
	}
	return append([]string(nil), r.texts...)
}

// remember keeps msg for the next message of its conversation. A request
// that needs nothing more (a command, small talk) starts over; a question
// is kept as context.
func (m *memory) remember(msg deploybot.Message, now time.Time, req deploybot.Request, reply deploybot.Reply) {
	m.mu.Lock()
	defer m.mu.Unlock()
	key := memoryKey(msg)
	if _, ok := m.asked[key]; !ok && len(m.asked) >= memoryMax {
		for k := range m.asked { // forget one: the map stays bounded
			delete(m.asked, k)
			break
		}
	}
	m.asked[key] = planAsked(reply) != "" || checklistDone(reply) || yesToWhat(reply)
	if r, ok := m.convs[key]; ok && len(r.texts) > 0 && offerLine(deploybot.Reply{Text: r.texts[len(r.texts)-1]}) != "" {
		// An offer of one order is answered right after or not at all: an
		// "ok" then "oui" later plans nothing.
		delete(m.convs, key)
	}
	if line := offerLine(reply); line != "" && (req.Kind == deploybot.KindQuestion || req.Kind == deploybot.KindAction) {
		// "web 1.0.0 en prod ce matin : RAS", "… To plan it: "deploy web
		// 1.0.0 to production"": "yes" right after plans that order
		// (router: offeredCommand).
		m.set(key, now, req.Text, line)
		return
	}
	switch req.Kind {
	case deploybot.KindAction:
	case deploybot.KindCommand:
		if yesToWhat(reply) {
			// "Yes to what? Plan #7 (…) still waits. Confirm it? …": the
			// yes right after answers it, with its id (router).
			m.set(key, now, req.Text, reply.Text)
			return
		}
		if planAsked(reply) != "" || checklistDone(reply) {
			// "drill api" and its plan, "tick 7 …" and "Checklist
			// complete. Confirm with "yes"": the yes right after answers
			// them (router: a plan's yes). Forgotten, the yes named no
			// plan, and confirmed whichever waited.
			break
		}
		if line := offerLine(reply); line != "" {
			// "annule le déploiement du site", "… Pour revenir à la
			// version précédente : « rollback web production »": "vas-y"
			// right after plans that order (router: offeredCommand).
			m.set(key, now, req.Text, line)
			return
		}
		switch req.Command {
		case deploybot.CmdPending, deploybot.CmdList:
			if req.Command == deploybot.CmdList && req.Arg("what") != "locks" && req.Arg("what") != "freezes" {
				delete(m.convs, key)
				return
			}
			m.keepList(key, now, req, reply)
			return
		case deploybot.CmdStatus, deploybot.CmdHistory, deploybot.CmdDiff, deploybot.CmdAudit, deploybot.CmdDora, deploybot.CmdRunbook:
			// "and last month?", "for api only": the same read, again;
			// "and for the api?" after "runbook web", its runbook.
		case deploybot.CmdLock, deploybot.CmdUnlock, deploybot.CmdFreeze:
			if targetAsked(reply) {
				break // "unlock", "Which project for "unlock"?": the answer names it (router: a command's follow-up)
			}
			if (req.Command == deploybot.CmdLock && strings.HasPrefix(reply.Text, "🔒") || req.Command == deploybot.CmdUnlock &&
				strings.HasPrefix(reply.Text, "🔓")) && req.App != "" && req.Env != "" && req.Arg("reason") != "" {
				// "🔒 web/production locked by alice: …" stays with its
				// order: "unlock it" right after names that lock (router:
				// lockConfirmed), and "same for web" locks (or unlocks)
				// web's production too, for the same reason (router: a
				// command's follow-up).
				m.set(key, now, string(req.Command)+" "+req.App+" "+req.Env+": "+req.Arg("reason"), reply.Text)
				return
			}
			if req.Command == deploybot.CmdLock && strings.HasPrefix(reply.Text, "🔒") {
				m.set(key, now, reply.Text) // "unlock it" right after names that lock
				return
			}
			if req.Command != deploybot.CmdLock && req.Command != deploybot.CmdUnlock && req.Command != deploybot.CmdFreeze || req.Arg("reason") != "" ||
				!reasonAsked(reply) {
				delete(m.convs, key)
				return
			}
			if req.App != "" {
				// The command as the router reads it whole, then the
				// question: "verrouille", "Quel projet ?", "le site en
				// prod", "Donnez une raison…" kept three turns, the verb
				// fell out, and the reason answered nothing (a new user's
				// unlock reason was asked again and again).
				m.set(key, now, strings.TrimSpace(string(req.Command)+" "+req.App+" "+req.Env), reply.Text)
				return
			}
			// "lock api prod", "Give a reason: …": the answer is the
			// reason (router: a reasoned command's follow-up).
		case deploybot.CmdReminders:
			if op := req.Arg("op"); op == "list" || op == "" {
				m.keepList(key, now, req, reply)
				return
			}
			if strings.HasPrefix(reply.Text, "Noted: reminder #") || strings.HasPrefix(reply.Text, "C'est noté : rappel n°") {
				// "actually delete it" right after deletes the reminder
				// just noted (router: reminderDropped).
				m.set(key, now, req.Text, reply.Text)
				return
			}
			if !whenOrWhatAsked(reply.Text) && !whichAsked(reply) {
				delete(m.convs, key)
				return
			}
			// "rappelle à #deploys de vérifier le staging", "Quand dois-je
			// le rappeler … ?": the answer is the schedule (router: a
			// reminder's follow-up).
		case deploybot.CmdOutcome:
			if !verdictAsked(reply) {
				delete(m.convs, key)
				return
			}
			// "outcome 13", "Deployment #13: succeeded or failed? …":
			// the answer is the verdict (router: asks "outcome").
		case deploybot.CmdContext:
			if w := req.Arg("what"); w == "show" || w == "approvers" {
				break // "same for web" after "show context for api": the same read (router)
			}
			if req.Arg("what") == "set" && targetAsked(reply) {
				break // "set the strategy to rolling", "Which project …?": the answer names it (router: a command's follow-up)
			}
			if req.Arg("what") == "set" && req.Arg("key") == deploybot.KeyStrategy && settingNoted(reply) {
				break // "plutôt blue-green finalement" right after sets that one instead (router)
			}
			if !valueAsked(reply) {
				delete(m.convs, key)
				return
			}
			// "change la stratégie de l'api", "Quelle valeur de stratégie
			// … ?": the answer is the value (router: a setting's
			// follow-up).
		case deploybot.CmdApprove, deploybot.CmdDeny, deploybot.CmdConfirm, deploybot.CmdCancel:
			if whichAsked(reply) {
				// "approve", "Several deployments wait for your approval:
				// #3 (api → production), #4 (web → production). Which
				// one?": the answer names one (router: chosen).
				break
			}
			if req.Command == deploybot.CmdApprove || req.Command == deploybot.CmdDeny {
				if req.Arg("id") != "" && reply.Text != "" {
					// "et la 62 aussi" right after "approve 61" and its
					// report: the same command for 62 (router: sameForID).
					m.set(key, now, req.Text, reply.Text)
					return
				}
				delete(m.convs, key)
				return
			}
			if r, ok := m.convs[key]; ok && req.Command == deploybot.CmdCancel && len(r.texts) > 0 && reasonAsk(r.texts[len(r.texts)-1]) {
				// "cancel", "don't lock it" after "Give a reason to lock
				// …": the question is dropped (it stayed open, and the
				// next message was taken for the reason and locked).
				delete(m.convs, key)
				return
			}
			// "yes" keeps the request it answers; the plan it answered
			// waits no more.
			if r, ok := m.convs[key]; ok && len(r.texts) > 0 && isPlanLine(r.texts[len(r.texts)-1]) {
				r.texts = r.texts[:len(r.texts)-1]
				if req.Command == deploybot.CmdConfirm && waitsForApproval(reply) {
					// "Confirmed: … (#12) waits for an approval": a bare
					// "cancel" or "deny" right after it names that
					// deployment (router: waitingID).
					r.texts = append(r.texts, reply.Text)
					r.at = now
				}
			}
			return
		default:
			delete(m.convs, key)
			return
		}
	case deploybot.KindUnknown:
		if line := suggestionsLine(reply); line != "" {
			r, ok := m.convs[key]
			switch {
			case !ok || now.Sub(r.at) > memoryTTL || len(r.texts) == 0 || !asksBack(r.texts[len(r.texts)-1]):
				// "rolbak webb stagign", "I'm not sure what you mean …
				// (answer "rollback web on staging", …)": "the first one"
				// right after picks it (router). A pending request is
				// never lost for it.
				m.set(key, now, req.Text, line)
			case isPlanLine(r.texts[len(r.texts)-1]):
				// A plan waits, and the bot offered other orders: a yes
				// right after answers the offer, not the plan (it ran a
				// deploy of api after the offer of a rollback of web). The
				// plan stays in the conversation before them.
				r.texts = append(r.texts, req.Text, line)
				if len(r.texts) > memoryTurns+1 {
					r.texts = r.texts[len(r.texts)-memoryTurns-1:]
				}
				r.at = now
			}
		}
		return // a typo does not lose the pending request
	case deploybot.KindQuestion:
		// A question is context: "et pour la base de données ?" goes on
		// with it, and an incident told ("le site est cassé en recette")
		// names what the rollback after it acts on.
	default:
		delete(m.convs, key)
		return
	}
	r, ok := m.convs[key]
	if !ok || now.Sub(r.at) > memoryTTL {
		if len(m.convs) >= memoryMax {
			m.evict()
		}
		r = &recent{}
		m.convs[key] = r
	}
	if line := reply.Text; len(r.texts) > 0 && r.texts[len(r.texts)-1] == line && (valueAsked(reply) || whichAsked(reply) || reasonAsked(reply) ||
		targetAsked(reply) || verdictAsked(reply)) {
		// "je sais pas encore" after "Quelle valeur de stratégie … ?",
		// and the same question again: the request it asks for stays
		// in the conversation, the answer that gave nothing does not.
		r.at = now
		return
	}
	r.texts = append(r.texts, keptText(req))
	if line := planAsked(reply) + refusedPlan(reply); line != "" || checklistDone(reply) || reasonAsked(reply) || req.Kind == deploybot.KindCommand && targetAsked(reply) ||
		req.Kind == deploybot.KindCommand && whenOrWhatAsked(reply.Text) ||
		req.Kind == deploybot.KindAction && (unknownNamed(reply) || targetAsked(reply) || envAsked(reply) || versionAsked(reply) || noGoodVersion(reply) ||
			noExecutor(reply)) ||
		req.Kind == deploybot.KindQuestion && req.Topic == deploybot.TopicLaterOrder && laterOrderRefused(reply) ||
		req.Kind == deploybot.KindCommand && (whichAsked(reply) || valueAsked(reply) || verdictAsked(reply) || settingNoted(reply)) {
		if line == "" {
			line = reply.Text
		}
		// The plan that waits for a yes is part of the conversation: an
		// answer that changes it ("actually v1.0.1") is read against it
		// (router.correctedPlan), and a yes names its id.
		r.texts = append(r.texts, line)
	}
	if len(r.texts) > memoryTurns {
		r.texts = r.texts[len(r.texts)-memoryTurns:]
	}
	r.at = now
}

// noExecutor reports whether the bot refused an order for want of an
// executor ("❌ web/staging has no executor configured …"): "deploy api
// instead" and "who sets it up?" right after read it (router).
func noExecutor(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, "❌") && (strings.Contains(reply.Text, "executor") || strings.Contains(reply.Text, "exécuteur"))
}

// laterOrderRefused reports whether the bot answered an order put off
// with "I don't schedule orders": "ok, then put it on staging now" right
// after is that order, now (router).
func laterOrderRefused(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, "Je ne programme pas d'ordre") || strings.HasPrefix(reply.Text, "I don't schedule orders")
}

// whenOrWhatAsked reports whether the bot's text asks when a reminder
// runs or what it says.
func whenOrWhatAsked(text string) bool {
	return strings.HasPrefix(text, whenAskFr) || strings.HasPrefix(text, whenAskEn) || strings.HasPrefix(text, whatAskFr) ||
		strings.HasPrefix(text, whatAskEn)
}

// asksBack reports whether a kept turn of the bot waits for an answer:
// a plan's confirmation, a project, an environment, a value, a reason,
// which deployment, an outcome, a moment.
func asksBack(text string) bool {
	r := deploybot.Reply{Text: text}
	return isPlanLine(text) || reasonAsked(r) || targetAsked(r) || valueAsked(r) || envAsked(r) || whichAsked(r) || verdictAsked(r) ||
		whenOrWhatAsked(text)
}

// suggestionsLine is the bot's turn of a reply that offers what it can
// do instead, as the router reads it (its text, then the buttons as a
// terminal shows them), or "".
func suggestionsLine(reply deploybot.Reply) string {
	var quoted []string
	for _, b := range reply.Actions {
		if b.ID == "suggest_command" {
			quoted = append(quoted, reply.Lang.Pick("« "+b.Value+" »", `"`+b.Value+`"`))
		}
	}
	if len(quoted) == 0 {
		return ""
	}
	list := quoted[0]
	if n := len(quoted); n > 1 {
		list = strings.Join(quoted[:n-1], ", ") + reply.Lang.Pick(" ou ", " or ") + quoted[n-1]
	}
	return reply.Text + "\n" + reply.Lang.Pick("(répondez ", "(answer ") + list + ")"
}

// keptText is the text the conversation keeps of a request: its own, or,
// for an action read from the conversation ("non, en staging d'abord"
// after a plan, "api" after "Which project?"), the order it came to
// ("deploy api 5.2.1 to staging"), which reads the same alone. The words
// alone lost the plan they changed: "actually 5.3.0" right after became a
// rollback of 5.3.0.
func keptText(req deploybot.Request) string {
	if req.Kind != deploybot.KindAction || !req.FollowUp || req.App == "" || req.Env == "" {
		return req.Text
	}
	switch req.Intent.Intent {
	case deploybot.IntentDeploy:
		if req.Version == "" && req.From != "" {
			return "promote " + req.App + " from " + req.From + " to " + req.Env
		}
		return strings.Join(strings.Fields("deploy "+req.App+" "+req.Version+" to "+req.Env), " ")
	case deploybot.IntentRollback:
		if req.Version != "" {
			return "rollback " + req.App + " " + req.Env + " to " + req.Version
		}
		return "rollback " + req.App + " " + req.Env
	}
	return req.Text
}

// keepList keeps a list and the command that asked for it as the
// conversation: "approve the web one", "lève le 3", "unlock it" right
// after names an item of it (router: pickedFromList). m.mu is held.
func (m *memory) keepList(key string, now time.Time, req deploybot.Request, reply deploybot.Reply) {
	if line := listLine(reply); line != "" {
		m.set(key, now, req.Text, line)
		return
	}
	delete(m.convs, key)
}

// set makes texts the whole conversation kept under key, forgetting the
// oldest conversations first when the memory is full. m.mu is held.
func (m *memory) set(key string, now time.Time, texts ...string) {
	if _, ok := m.convs[key]; !ok && len(m.convs) >= memoryMax {
		m.evict()
	}
	m.convs[key] = &recent{texts: texts, at: now}
}

// listLine is a list reply as the conversation keeps it for the router:
// its title, then one item a line ("Waiting for approval", "#61: deploy
// api 3.4.2 → production (alice)"); "" for a reply that lists nothing.
// The French reminders' "n°4" is written "#4", as the router reads ids.
func listLine(reply deploybot.Reply) string {
	if reply.Title == "" || len(reply.Fields) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(reply.Title)
	for _, f := range reply.Fields {
		b.WriteString("\n")
		b.WriteString(strings.Replace(f.Label, "n°", "#", 1))
		b.WriteString(": ")
		b.WriteString(f.Value)
	}
	return b.String()
}

// planAsked is the bot's turn of a reply that shows a plan waiting for
// its confirmation, as the router reads the bot's turns: the plan's title
// with its id and the question. Empty for any other reply.
func planAsked(reply deploybot.Reply) string {
	for _, b := range reply.Actions {
		if b.ID == "deploy_confirm" {
			return reply.Title + planLineEnd
		}
	}
	return ""
}

// checklistDone reports whether a reply says a plan's checklist is all
// ticked and asks for the yes.
func checklistDone(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, "Checklist complète. Confirmez") || strings.HasPrefix(reply.Text, "Checklist complete. Confirm")
}

// refusedPlan is the bot's turn of a plan its rules refused, as the
// memory keeps it ("Deploy api 5.2.1 → production (#1)", "*Refused*:
// nothing ran."), or "": a correction right after ("non, en staging
// d'abord", "actually 5.3.0") is the order changed (router), where the
// words alone were lost or replanned production.
func refusedPlan(reply deploybot.Reply) string {
	for _, end := range []string{refusedFr, refusedEn} {
		if strings.HasSuffix(reply.Text, end) {
			return reply.Title + end
		}
	}
	return ""
}

// noGoodVersion reports whether a reply refused a rollback for want of an
// earlier good version (deploy.Service): "and on staging?" right after
// asks the rollback there (router), so the refusal stays in the
// conversation.
func noGoodVersion(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, "❌ no earlier good version of ") || strings.HasPrefix(reply.Text, "❌ aucune version antérieure saine de ")
}

// waitsForApproval reports whether a reply says a confirmed plan waits
// for an approval (started).
func waitsForApproval(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, "Confirmed: ") && strings.Contains(reply.Text, "waits for an approval") ||
		strings.HasPrefix(reply.Text, "Confirmé : ") && strings.Contains(reply.Text, "attend une approbation")
}

// targetAsked reports whether a reply asks which project a command acts
// on (askProject).
func targetAsked(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, targetAskFr) || strings.HasPrefix(reply.Text, targetAskEn)
}

// unknownNamed reports whether a reply says the project or environment
// an action names is unknown (unknownProject, unknownEnv): the next
// message may name the right one, or take the one it suggests ("yes",
// "oui c'est ça": router, a follow-up of the bot's suggestion).
func unknownNamed(reply deploybot.Reply) bool {
	t := reply.Text
	if i := strings.IndexByte(t, '\n'); i > 0 && strings.HasPrefix(t, "Plan #") {
		t = t[i+1:] // "Plan #7 cancelled: you asked for something else." then the name unknown
	}
	return strings.HasPrefix(t, "I know no project ") || strings.HasPrefix(t, "Je ne connais pas de projet ") ||
		strings.HasPrefix(t, "❌ ") && (strings.Contains(t, " has no environment ") || strings.Contains(t, " n'a pas d'environnement "))
}

// valueAsked reports whether a reply asks for a setting's value
// (askValue).
func valueAsked(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, valueAskFr) || strings.HasPrefix(reply.Text, valueAskEn)
}

// whichAsked reports whether a reply asks which of several deployments a
// decision is about (namedDecision, the deploy service's list of those
// waiting for an approval).
func whichAsked(reply deploybot.Reply) bool {
	t := strings.TrimSpace(reply.Text)
	return strings.HasPrefix(t, "Quel déploiement ?") || strings.HasPrefix(t, "Which deployment?") ||
		strings.HasSuffix(t, "Which one?") || strings.HasSuffix(t, "Lequel ?")
}

// reasonAsk reports whether text is the bot's question for a reason.
func reasonAsk(text string) bool {
	return strings.HasPrefix(text, reasonAskFr) || strings.HasPrefix(text, reasonAskEn)
}

// reasonAsked reports whether a reply asks for a command's reason.
func reasonAsked(reply deploybot.Reply) bool {
	return reasonAsk(reply.Text)
}

// The openings of the question for a command's project (askProject),
// which the router reads as the bot's turn.
const (
	targetAskFr = "Quel projet pour"
	targetAskEn = "Which project for"
)

// envAsked reports whether a reply asks which environment an action is
// for (clarify): the answer, "la prod, pas le staging" too, is read
// against the question (router).
func envAsked(reply deploybot.Reply) bool {
	return strings.HasPrefix(reply.Text, "Sur quel environnement") || strings.HasPrefix(reply.Text, "Which environment")
}

// versionAsked reports whether a reply ends asking which version ("… I
// never guess one. Nothing ran. Which version?"): the answer completes
// the order (router: a version's follow-up).
func versionAsked(reply deploybot.Reply) bool {
	t := strings.TrimSpace(reply.Text)
	return strings.HasSuffix(t, "Which version?") || strings.HasSuffix(t, "Quelle version ?") ||
		strings.HasPrefix(t, "Which version of ") || strings.HasPrefix(t, "Quelle version de ")
}

// The question for a deployment's outcome (outcomeCommand), which the
// router reads as the bot's turn.
const (
	verdictAskFr = "réussi ou échoué ?"
	verdictAskEn = "succeeded or failed?"
)

// verdictAsked reports whether a reply asks for a deployment's outcome.
func verdictAsked(reply deploybot.Reply) bool {
	return strings.Contains(reply.Text, verdictAskFr) || strings.Contains(reply.Text, verdictAskEn)
}

// The openings of the question for a lock's reason, which the router reads
// as the bot's turn.
const (
	notedFr     = "C'est noté : pour "
	notedEn     = "Noted: for "
	reasonAskFr = "Donnez une raison"
	reasonAskEn = "Give a reason"
)

// planLineEnd ends the bot's turn of a plan in the memory: the router
// reads "Confirm?" in either language.
const planLineEnd = "\nConfirm?"

// isPlanLine reports whether a remembered text is the bot's turn of a
// plan (planAsked).
func isPlanLine(text string) bool { return strings.HasSuffix(text, planLineEnd) }

// evict forgets the conversations heard of least recently: the oldest
// eighth of memoryMax at once. Forgetting one at a time scanned the whole
// map for each new conversation once it was full: serve answering 10,000
// Slack events, each in a thread of its own (bench -only slack, issue 19),
// spent 5-6 % of its CPU in that scan.
func (m *memory) evict() {
	n := max(len(m.convs)-memoryMax+memoryMax/8, 1)
	ats := make([]time.Time, 0, len(m.convs))
	for _, r := range m.convs {
		ats = append(ats, r.at)
	}
	slices.SortFunc(ats, time.Time.Compare)
	cut := ats[min(n, len(ats))-1] // the newest of those to forget
	for k, r := range m.convs {
		if n > 0 && r.at.Before(cut) {
			delete(m.convs, k)
			n--
		}
	}
	for k, r := range m.convs { // as many heard at cut as are still to go
		if n == 0 {
			break
		}
		if r.at.Equal(cut) {
			delete(m.convs, k)
			n--
		}
	}
}

// offerLine returns the text or note of a reply that ends offering one
// order to type ("… To go back to the previous version: "rollback web
// production".", "To ship 3.8.2 to production: "promote api to
// production"."), or "".
func offerLine(reply deploybot.Reply) string {
	for _, t := range []string{reply.Note, reply.Text} {
		t = strings.TrimSpace(t)
		for _, verb := range []string{"rollback ", "promote ", "deploy "} {
			if i := strings.LastIndex(t, ": « "+verb); i >= 0 && strings.HasSuffix(t, " ».") && strings.Count(t[i:], "«") == 1 ||
				strings.LastIndex(t, `: "`+verb) >= 0 && strings.HasSuffix(t, `".`) && strings.Count(t[strings.LastIndex(t, `: "`+verb):], `"`) == 2 {
				return t
			}
		}
	}
	return ""
}
