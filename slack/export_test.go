package slack

// NewMemoryInbox returns the inbox the adapter keeps when none is given.
func NewMemoryInbox() Inbox { return newMemoryInbox() }
