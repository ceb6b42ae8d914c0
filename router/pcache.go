package router

import (
	"context"
	"sync"

	"deploybot"
)

// The cache of parses. Parse reads a follow-up ("staging", "la 1.2.3")
// by parsing the conversation's earlier messages again, each with the
// ones before it (parse.go), so in a conversation every message is parsed
// once as it arrives and again for each later message that reaches back
// to it. Counted on the scripted chat (go run ./bench -only chat, 30,000
// lines): 55,671 Parse calls, 1.86 a message (29,991 as they arrived,
// 25,680 again as history), most of the chat's parser time.
//
// A cache keyed by the text and the whole history would find few of
// those: the chat passes the last 3 messages, a window that slides, so an
// earlier message is parsed again with a history it was never parsed
// with ("c" after "a b", then after "b" alone). On that run it would have
// answered 7,400-7,900 of the 25,680 (512 to 4,096 entries). What is
// parsed again is mostly the message on its own (parseOne: commands,
// slots, moments, the routing model), which depends on the text only: the
// Router's projects are fixed at New. The cache holds that part, keyed by
// the text; what the history adds (follow-ups, yesChecked, idChecked) is
// computed each time, and is cheap. Keyed by the text alone, a cache of
// 64 entries already answered 25,583 of the 25,680.

// parseCacheSize is how many messages the cache holds: a follow-up is
// found when its earlier messages are among the last parseCacheSize
// distinct messages parsed, in all conversations together.
const parseCacheSize = 1024

// parseCacheMaxText is the longest text the cache keeps, so that its
// memory stays small: an entry is a Request (360 bytes), the text and the
// request's copy of it, about 0.5 KB for a chat line and 2.5 KB at most,
// so under 3 MB full and about 0.5 MB with ordinary messages. A longer
// message, rare in a chat, is parsed each time. The map grows as messages
// come, up to parseCacheSize: an idle process holds none.
const parseCacheMaxText = 1024

// parseCache holds the requests of the last parseCacheSize distinct
// messages parsed on their own, and forgets the oldest first. It is safe
// for concurrent use. It keeps copies and hands out copies (Clone): the
// caller may change what it gets (followUp, setArg do).
//
// The requests are in a ring, in the order they came, and the map gives a
// text's place in it: with the requests (360 bytes) as the map's values,
// each put copied one into the map and cleared the one it forgot, and
// put and get were 5 % of route --jsonl's CPU, where nearly every line is
// new (issue 19).
type parseCache struct {
	mu   sync.Mutex
	m    map[string]int32 // a text's place in ring
	ring []cachedParse    // the texts in m, in the order they came; grows up to parseCacheSize
	next int              // where the next text goes in ring, once it is full
}

// cachedParse is a text and its request, in a parseCache.
type cachedParse struct {
	text string
	req  deploybot.Request
}

func newParseCache() *parseCache {
	return &parseCache{m: map[string]int32{}}
}

// get returns a copy of text's request, if the cache holds it.
func (c *parseCache) get(text string) (deploybot.Request, bool) {
	if c == nil || len(text) > parseCacheMaxText {
		return deploybot.Request{}, false
	}
	c.mu.Lock()
	i, ok := c.m[text]
	var req deploybot.Request
	if ok {
		req = c.ring[i].req
	}
	c.mu.Unlock()
	if !ok {
		return deploybot.Request{}, false
	}
	return req.Clone(), true
}

// put keeps a copy of req as text's request, forgetting the oldest text
// when the cache is full.
func (c *parseCache) put(text string, req deploybot.Request) {
	if c == nil || len(text) > parseCacheMaxText {
		return
	}
	req = req.Clone()
	c.mu.Lock()
	if i, ok := c.m[text]; ok {
		// Parsed by two goroutines at once: the same request.
		c.ring[i].req = req
		c.mu.Unlock()
		return
	}
	if len(c.ring) < parseCacheSize {
		c.m[text] = int32(len(c.ring))
		c.ring = append(c.ring, cachedParse{text: text, req: req})
		c.mu.Unlock()
		return
	}
	e := &c.ring[c.next]
	delete(c.m, e.text)
	e.text, e.req = text, req
	c.m[text] = int32(c.next)
	c.next = (c.next + 1) % parseCacheSize
	c.mu.Unlock()
}

// keeps reports whether the cache keeps text's request.
func (c *parseCache) keeps(text string) bool {
	return c != nil && len(text) <= parseCacheMaxText
}

// subParses is one message's memory of the texts it parsed on their own
// (alone) that the cache of parses does not keep: every text when the
// Router has no cache, and the texts longer than parseCacheMaxText. The
// rules read a message's parts alone, and those parts' parts in turn:
// the greetings it opens with (greetingOpened), the remark it ends with
// (withoutRemark), the alert pasted before its own words (afterPasted).
// On a long message those readings nest, and each parse of a part parses
// its parts again: "merci, " 40 times, a question, then "lol. " 8 times
// took over 20 s (every part parsed 2^8 times and more). Remembered, each
// part is parsed once a message.
//
// It lives as long as the message's parse (Parse puts it in the context
// it passes down) and is used by that parse's goroutine only.
type subParses struct {
	m map[string]deploybot.Request
}

// subParsesKey is the context key of a message's subParses.
type subParsesKey struct{}

// withSubParses returns ctx with a memory of sub-parses, unless it holds
// one already (Parse calls itself).
func withSubParses(ctx context.Context) context.Context {
	if ctx.Value(subParsesKey{}) != nil {
		return ctx
	}
	return context.WithValue(ctx, subParsesKey{}, &subParses{})
}

// subParsesOf returns the memory of sub-parses ctx holds, or nil.
func subParsesOf(ctx context.Context) *subParses {
	m, _ := ctx.Value(subParsesKey{}).(*subParses)
	return m
}

// get returns a copy of text's request, if the memory holds it.
func (s *subParses) get(text string) (deploybot.Request, bool) {
	if s == nil {
		return deploybot.Request{}, false
	}
	req, ok := s.m[text]
	if !ok {
		return deploybot.Request{}, false
	}
	return req.Clone(), true
}

// put keeps a copy of req as text's request.
func (s *subParses) put(text string, req deploybot.Request) {
	if s == nil {
		return
	}
	if s.m == nil {
		s.m = map[string]deploybot.Request{}
	}
	s.m[text] = req.Clone()
}
