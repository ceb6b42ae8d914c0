package agents

import (
	"time"

	"deploybot"
)

// SetConversation makes texts the earlier messages of msg's conversation,
// as of at: the turns a conversation carries in other clients (the route
// JSON's history) that the terminal's memory keeps none of.
func SetConversation(o *Orchestrator, msg deploybot.Message, at time.Time, texts ...string) {
	m := o.memory()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.convs[memoryKey(msg)] = &recent{texts: texts, at: at}
}
