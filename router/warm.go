package router

// Warm reads what a process's first parsed message reads: the models of
// model.bin with their vocabulary's spellings, and the rules' facts
// (patterns.txt). The chat has it done in the background at its start,
// while its configuration loads and its store opens: about 8 ms of CPU
// that its first reply waited for, in the goroutine that parses it (a
// CPU profile of 20 chats started for one question, issue 19). Calling it
// is never needed: each part is read at its first use otherwise.
func Warm() {
	if t, err := loadTrained(); err == nil {
		t.intent.spellings()
		t.topic.spellings()
		t.lang.spellings()
	}
	knownFacts()
}
