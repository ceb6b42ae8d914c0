package router

import (
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
type parseCache struct {
	mu   sync.Mutex
	m    map[string]deploybot.Request
	keys [parseCacheSize]string // the texts in m, in the order they came
	next int                    // where the next text goes in keys
}

func newParseCache() *parseCache {
	return &parseCache{m: map[string]deploybot.Request{}}
}

// get returns a copy of text's request, if the cache holds it.
func (c *parseCache) get(text string) (deploybot.Request, bool) {
	if c == nil || len(text) > parseCacheMaxText {
		return deploybot.Request{}, false
	}
	c.mu.Lock()
	req, ok := c.m[text]
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
	defer c.mu.Unlock()
	if _, ok := c.m[text]; ok {
		// Parsed by two goroutines at once: the same request.
		c.m[text] = req
		return
	}
	if len(c.m) == parseCacheSize {
		delete(c.m, c.keys[c.next])
	}
	c.m[text] = req
	c.keys[c.next] = text
	c.next = (c.next + 1) % parseCacheSize
}
