package agents

import (
	"context"
	"slices"
	"sync"

	"deploybot"
)

// Parsing ahead. The parser is most of a message's work (issue 19: 55 %
// of the scripted chat's handling), and a message's parse depends on the
// messages before it only through its conversation's memory (history). A
// chat that reads its messages before their turn (terminal.RunScript)
// tells the orchestrator of each, in order, with Anticipate: it is parsed
// at once, on the reader's goroutine, with the history its conversation
// will have if the messages before it are handled as they were parsed (a
// shadow of the memory, fed by the anticipated requests). When its turn
// comes, handle uses that parse if the text and the history are the ones
// it was parsed with, and parses again otherwise (a message before it
// failed, say), so that the answer is the one parsing in turn gives.

// aheadMax bounds the parses kept for messages whose turn has not come
// (a chat that stopped early leaves some): past it, they are dropped.
const aheadMax = 4096

// lookahead holds the messages parsed ahead of their turn.
type lookahead struct {
	shadow *memory // the conversations as the anticipated messages leave them

	mu     sync.Mutex
	parsed map[aheadKey]aheadParse
	langs  map[aheadKey]aheadLang // the evidence of language Prepare found
}

// aheadLang is the language a message's own words say (LangEvidence),
// with the text it was read from.
type aheadLang struct {
	text string
	lang deploybot.Lang
	sure bool
}

type aheadKey struct {
	platform deploybot.Platform
	id       string
}

// aheadParse is a message's parse, with what it was parsed from.
type aheadParse struct {
	text    string
	history []string
	req     deploybot.Request
}

// aheadInit guards the lazy creation of an orchestrator's lookahead.
var aheadInit sync.Mutex

func (o *Orchestrator) lookahead() *lookahead {
	aheadInit.Lock()
	defer aheadInit.Unlock()
	if o.ahead == nil {
		o.ahead = &lookahead{shadow: newMemory(), parsed: map[aheadKey]aheadParse{}, langs: map[aheadKey]aheadLang{}}
	}
	return o.ahead
}

// Anticipate parses msg before its turn (see the top of this file). The
// messages of one chat must be anticipated in the order they will be
// handled, from one goroutine; the orchestrator handles them as usual
// (Handle, HandleQueued), which finds the parse. A message without an id,
// or an orchestrator with a language model (which may change a request),
// is not anticipated.
func (o *Orchestrator) Anticipate(ctx context.Context, msg deploybot.Message) {
	if msg.ID == "" || o.Model != nil {
		return
	}
	a := o.lookahead()
	text := Bound(msg.Text)
	now := o.now()
	history := a.shadow.history(msg, now)
	req := o.Router.Parse(ctx, text, history)
	// The conversation keeps the question an action that lacks its project
	// or environment gets (clarify, a function of the request alone): the
	// shadow keeps it too, so that the answer's anticipated history is the
	// one it gets in turn.
	var reply deploybot.Reply
	if req.Kind == deploybot.KindAction {
		reply, _ = o.clarify(req)
	}
	a.shadow.remember(msg, now, req, reply)
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.parsed) >= aheadMax {
		clear(a.parsed)
	}
	a.parsed[aheadKey{msg.Platform, msg.ID}] = aheadParse{text: text, history: history, req: req}
}

// Prepare parses msg's text on its own, ahead of its Anticipate: the
// router keeps that parse (router/pcache.go, keyed by the text alone),
// and the parse in order (Anticipate, or handle's) then adds only what
// the history changes. It may be called from several goroutines at once,
// for messages in any order (terminal.Preparer): a scripted chat runs
// the most of each message's parse on every core (issue 19). What it
// answers is unchanged: a router without that cache parses again.
//
// It also reads the language the message's words say (LangEvidence), a
// function of the text alone, which handle then finds (preparedLang)
// instead of reading it on the handling goroutine, which runs one
// message at a time (issue 19: a tenth of that goroutine's CPU on
// bench's scripted chat, conversationLang in its profile).
func (o *Orchestrator) Prepare(ctx context.Context, msg deploybot.Message) {
	if msg.ID == "" || o.Model != nil {
		return
	}
	text := Bound(msg.Text)
	o.Router.Parse(ctx, text, nil)
	ev, ok := o.Router.(langEvidence)
	if !ok {
		return
	}
	l, sure := ev.LangEvidence(text)
	a := o.lookahead()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.langs) >= aheadMax {
		clear(a.langs)
	}
	a.langs[aheadKey{msg.Platform, msg.ID}] = aheadLang{text: text, lang: l, sure: sure}
}

// preparedLang returns the language the words of the message key say, as
// Prepare read them, if it did from text (found false: read it now).
func (o *Orchestrator) preparedLang(key aheadKey, text string) (l deploybot.Lang, sure, found bool) {
	aheadInit.Lock()
	a := o.ahead
	aheadInit.Unlock()
	if a == nil || key.id == "" {
		return "", false, false
	}
	a.mu.Lock()
	p, ok := a.langs[key]
	delete(a.langs, key)
	a.mu.Unlock()
	if !ok || p.text != text {
		return "", false, false
	}
	return p.lang, p.sure, true
}

// parse returns the request of the message key, whose bounded text is
// text, with history: the parse made ahead (Anticipate) if it had the same
// text and history, else a parse now.
func (o *Orchestrator) parse(ctx context.Context, key aheadKey, text string, history []string) deploybot.Request {
	aheadInit.Lock()
	a := o.ahead
	aheadInit.Unlock()
	if a != nil && key.id != "" {
		a.mu.Lock()
		p, ok := a.parsed[key]
		delete(a.parsed, key)
		a.mu.Unlock()
		if ok && p.text == text && slices.Equal(p.history, history) {
			return p.req
		}
	}
	return o.Router.Parse(ctx, text, history)
}
