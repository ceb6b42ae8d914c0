// Package deploybot holds the domain of a chat-driven deployment orchestrator:
// messages and replies, routing intents, projects and their environments,
// context layers, the audit trail, and the errors shown to users.
//
// It imports only the standard library. Adapters (SQLite, Slack, the terminal,
// an LLM) implement the interfaces declared here and are wired together in
// cmd/deploybot.
package deploybot

import "time"

// Version is the program version, overridden at link time with
// -ldflags "-X deploybot.Version=...".
var Version = "0.1.0-dev"

// Clock returns the current time. Services take one so that tests and demos
// (DEPLOYBOT_NOW) can fix the moment.
type Clock func() time.Time

// SystemClock is the real clock.
func SystemClock() time.Time { return time.Now() }

// FixedClock returns a Clock that always answers t.
func FixedClock(t time.Time) Clock { return func() time.Time { return t } }
