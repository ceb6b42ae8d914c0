package router

import "sync"

// What the history's messages are. Parse reads each earlier message of a
// conversation with isBotReply, slotAsked and botTurnOf (regexps over the
// folded text), and a message is read again for every later one whose
// history holds it: the scripted chat passes the last 3 messages, so each
// is read three times or more (issue 19: slotAsked and isBotReply were
// 1.6 % of the scripted chat's CPU, 4 % of its parser's; botTurnOf, not
// kept, was 13 % of the whole process's CPU). They depend on the text
// alone: their answers for the last historyFactsSize texts are kept.

// historyFactsSize is how many texts are kept: a chat's window of 3
// messages, in many conversations at once.
const historyFactsSize = 512

// historyFactsMaxText is the longest text kept (see parseCacheMaxText).
const historyFactsMaxText = 1024

// textFacts is what is known of one text.
type textFacts struct {
	botKnown, bot bool   // isBotReply, once computed
	slotKnown     bool   // slotAsked, once computed
	slot          string // slotAsked's answer
	turnKnown     bool   // botTurnOf, once computed
	turn          botTurn
}

// factCache holds the facts of the last historyFactsSize texts, the
// oldest forgotten first; safe for concurrent use.
type factCache struct {
	mu   sync.Mutex
	m    map[string]textFacts
	keys [historyFactsSize]string
	next int
}

var historyFacts = &factCache{m: map[string]textFacts{}}

func (c *factCache) get(text string) textFacts {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[text]
}

// put records what set adds to text's facts.
func (c *factCache) put(text string, set func(*textFacts)) {
	if len(text) > historyFactsMaxText {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[text]
	if !ok {
		if old := c.keys[c.next]; old != "" {
			delete(c.m, old)
		}
		c.keys[c.next] = text
		c.next = (c.next + 1) % historyFactsSize
	}
	set(&f)
	c.m[text] = f
}

// isBotReply reports whether a message of the history is one of the bot's
// replies (botReply), from the cache when it was read lately.
func isBotReply(text string) bool {
	if f := historyFacts.get(text); f.botKnown {
		return f.bot
	}
	b := botReply(text)
	historyFacts.put(text, func(f *textFacts) { f.botKnown, f.bot = true, b })
	return b
}

// slotAsked returns the slot a question asks for (questionSlot), from
// the cache when it was read lately.
func slotAsked(text string) string {
	if f := historyFacts.get(text); f.slotKnown {
		return f.slot
	}
	s := questionSlot(text)
	historyFacts.put(text, func(f *textFacts) { f.slotKnown, f.slot = true, s })
	return s
}

// botTurnOf returns what the bot's reply text asks and names
// (readBotTurn), from the cache when it was read lately. What it returns
// is shared: its slices must not be changed.
func botTurnOf(text string) botTurn {
	if f := historyFacts.get(text); f.turnKnown {
		return f.turn
	}
	b := readBotTurn(text)
	historyFacts.put(text, func(f *textFacts) { f.turnKnown, f.turn = true, b })
	return b
}
