package deploybot

import (
	"context"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// RequestKind says what a message asks of the bot.
type RequestKind string

// The kinds of request (route JSON "kind", DESIGN §4b).
const (
	KindQuestion  RequestKind = "question"  // asks for guidance: a knowledge card, a verdict on a moment
	KindAction    RequestKind = "action"    // orders a deploy, a rollback or a promotion
	KindCommand   RequestKind = "command"   // a chat command: confirm, status, lock...
	KindSmalltalk RequestKind = "smalltalk" // a greeting, thanks, a farewell
	KindUnknown   RequestKind = "unknown"   // not understood
)

// Command names a chat command (route JSON "command", DESIGN §4b).
type Command string

// The chat commands.
const (
	CmdConfirm   Command = "confirm"
	CmdCancel    Command = "cancel"
	CmdApprove   Command = "approve"
	CmdDeny      Command = "deny"
	CmdPending   Command = "pending"
	CmdStatus    Command = "status"
	CmdHistory   Command = "history"
	CmdDiff      Command = "diff"
	CmdLock      Command = "lock"
	CmdUnlock    Command = "unlock"
	CmdOutcome   Command = "outcome"
	CmdFreeze    Command = "freeze"
	CmdUnfreeze  Command = "unfreeze"
	CmdList      Command = "list"
	CmdTick      Command = "tick"
	CmdReminders Command = "reminders"
	CmdContext   Command = "context"
	CmdReset     Command = "reset"
	CmdInterview Command = "interview"
	CmdAudit     Command = "audit"
	CmdDora      Command = "dora"
	CmdDrill     Command = "drill"
	CmdRunbook   Command = "runbook"
	CmdHelp      Command = "help"
)

// Topic is the knowledge a question asks for, when the parser recognized
// one whose answer is fixed (issue 12, item 7). Other questions have none
// and are answered from the best matching knowledge card.
type Topic string

// The topics of questions.
const (
	TopicChecklist         Topic = "checklist"          // the pre-release checklist
	TopicStrategy          Topic = "strategy"           // what Strategies[0] is
	TopicStrategies        Topic = "strategies"         // the strategies side by side
	TopicCompare           Topic = "compare"            // Strategies[0] against Strategies[1]
	TopicNotification      Topic = "notification"       // how to write and send the release notification
	TopicRollbackProcedure Topic = "rollback-procedure" // the rollback procedure of a project (SubjectApp)
	TopicHowToDeploy       Topic = "how-to-deploy"      // how a deploy goes here, through the bot, from staging to production
	// TopicSeveralOrders is a message that gives more than one order
	// ("deploy web to staging and api to production", "lock web prod and
	// unlock api prod"): the bot runs none and asks for one per message.
	TopicSeveralOrders Topic = "several-orders"
	// TopicLaterOrder is an order put off to a moment ("deploy web 2.5.0
	// to prod tomorrow", "déploie le site en prod le 24"): the bot
	// schedules no order; it says so, with the windows' verdict for that
	// moment (Moment).
	TopicLaterOrder Topic = "later-order"
	// TopicUnclearOrder is a message that names a project with its
	// version or environment, no verb, and words of its own around them
	// ("web 1.0.0 en prod ce matin : RAS", "api 2.4.0 en recette depuis
	// lundi"): news as often as an order. The bot plans nothing and
	// offers the order it may mean (Alternatives[0]), which a yes right
	// after plans.
	TopicUnclearOrder Topic = "unclear-order"
	// TopicAcknowledged is small talk that takes an answer in or tells
	// news ("ok" after an answer, "fair enough", "just news" after "News
	// or an order?"): the bot says it is noted and that nothing started,
	// never a greeting.
	TopicAcknowledged Topic = "acknowledged"
)

// Request is what one message asks, as the parser understood it: the one
// typed value every agent dispatches on. Intent keeps the routing contract
// (route, intent, action slots, language, confidence); Kind, Command, Args
// and From add what DESIGN §4b's route JSON adds.
//
// Args hold a command's other arguments, as written where case matters
// (a reason, a setting's value, a reminder's text). Their keys by command:
//
//	approve, deny, cancel, confirm, tick, outcome: id; deny, lock, unlock, freeze, outcome: reason
//	unlock: force (the reason of --force); outcome: outcome (succeeded|failed)
//	list: what (freezes|locks|projects|environments); diff: a, b (environments)
//	context: what (show|set|approvers), key, value, scope (agency|project|environment)
//	reset: key; reminders: op (list|add|delete), id, channel, text
//	freeze: from, to (YYYY-MM-DD), all (yes); audit: key, since (week|today|month)
//	tick: items; interview: scope (agency|project)
type Request struct {
	Intent
	Kind    RequestKind
	Command Command
	Args    map[string]string
	// From is the environment a promotion takes its version from.
	From string
	// Text is the message as written (bounded), without the deploy
	// options: the payload of free answers (an interview's) and the query
	// of a question.
	Text string
	// Topic is what a question asks about, when the parser recognized it;
	// Strategies are the deployment strategies it names, in order.
	Topic      Topic
	Strategies []Strategy
	// Moment is the moment a question names ("Dec 22 at 10am", "demain
	// 9h"), resolved by the agent in the project's zone.
	Moment *Moment
	// UnknownApp and UnknownEnv are the names written where a project or
	// an environment belongs that are none the configuration knows ("deploy
	// foo to staging", "to qa"): the reply names them.
	UnknownApp string
	UnknownEnv string
	// Options of an action: --yes, --wait, --force "reason".
	Yes, Wait, Force bool
	ForceReason      string
	// Alternatives are the closest things the bot can do when it is not
	// sure what was meant (kind unknown), best first, as chat commands.
	Alternatives []string
	// FollowUp says that the request was completed from the conversation's
	// earlier messages (an answer to a question the bot asked).
	FollowUp bool
}

// Arg returns the argument name of r ("" when absent).
func (r Request) Arg(name string) string { return r.Args[name] }

// Clone returns a deep copy of r: its Args, Strategies, Alternatives and
// Moment are its own, so that changing the copy leaves r as it was (the
// router keeps the requests of recent messages and hands out copies).
// Absent ones stay nil.
func (r Request) Clone() Request {
	r.Args = maps.Clone(r.Args)
	r.Strategies = slices.Clone(r.Strategies)
	r.Alternatives = slices.Clone(r.Alternatives)
	if r.Moment != nil {
		m := *r.Moment
		r.Moment = &m
	}
	return r
}

// routeJSON is the route JSON of DESIGN §3 and §4b.
type routeJSON struct {
	Route      Route             `json:"route"`
	Intent     IntentKind        `json:"intent"`
	Kind       RequestKind       `json:"kind"`
	Command    Command           `json:"command,omitempty"`
	App        string            `json:"app,omitempty"`
	Env        string            `json:"env,omitempty"`
	Version    string            `json:"version,omitempty"`
	From       string            `json:"from,omitempty"`
	Args       map[string]string `json:"args,omitempty"`
	Lang       Lang              `json:"lang"`
	Confidence float64           `json:"confidence"`
}

// MarshalJSON writes r as the route JSON: route, intent, kind, command,
// app, env, version, from, args, lang, confidence.
func (r Request) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(nil)
}

// AppendJSON appends r's route JSON (MarshalJSON's bytes) to b. It writes
// the fields itself, the bytes json.Marshal writes for routeJSON, without
// its reflection (3 % of route --jsonl's CPU); a string or a number that
// needs more than quotes (an escape, a replaced byte, an exponent) is
// left to json.Marshal.
func (r Request) AppendJSON(b []byte) ([]byte, error) {
	var err error
	field := func(name, value string, omitEmpty bool) {
		if err != nil || omitEmpty && value == "" {
			return
		}
		if len(b) > 0 && b[len(b)-1] != '{' {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
		b, err = appendJSONString(b, value)
	}
	start := len(b)
	b = append(b, '{')
	field("route", string(r.Route), false)
	field("intent", string(r.Intent.Intent), false)
	field("kind", string(r.Kind), false)
	field("command", string(r.Command), true)
	field("app", r.App, true)
	field("env", r.Env, true)
	field("version", r.Version, true)
	field("from", r.From, true)
	if len(r.Args) > 0 && err == nil {
		b = append(b, `,"args":{`...)
		for i, k := range slices.Sorted(maps.Keys(r.Args)) {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendJSONString(b, k); err != nil {
				break
			}
			b = append(b, ':')
			if b, err = appendJSONString(b, r.Args[k]); err != nil {
				break
			}
		}
		b = append(b, '}')
	}
	field("lang", string(r.Lang), false)
	if err != nil {
		return b[:start], err
	}
	b = append(b, `,"confidence":`...)
	if c := math.Abs(r.Confidence); c == 0 || c >= 1e-6 && c < 1e21 {
		b = strconv.AppendFloat(b, r.Confidence, 'f', -1, 64)
	} else {
		j, err := json.Marshal(r.Confidence)
		if err != nil {
			return b[:start], err
		}
		b = append(b, j...)
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as json.Marshal writes it: quoted, as it is
// when it holds only printable ASCII but the quote, the backslash and the
// characters HTML escapes, and valid UTF-8 but U+2028 and U+2029;
// json.Marshal's own otherwise.
func appendJSONString(b []byte, s string) ([]byte, error) {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&', c == 0x7f:
			return appendMarshalled(b, s)
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && (!utf8.ValidString(s) || strings.ContainsRune(s, '\u2028') || strings.ContainsRune(s, '\u2029')) {
		return appendMarshalled(b, s)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// appendMarshalled appends json.Marshal's bytes for s.
func appendMarshalled(b []byte, s string) ([]byte, error) {
	j, err := json.Marshal(s)
	return append(b, j...), err
}

// Parser turns a message, with the earlier messages of its conversation
// (oldest first), into a Request. It never fails: what it cannot read is
// a request of kind unknown.
type Parser interface {
	Parse(ctx context.Context, text string, history []string) Request
}

// Moment is a moment named in a message, before it is placed in a time
// zone: a date or a day counted from today, a weekday, a time of day, or a
// delay from now. Zero fields are not named.
type Moment struct {
	Written  string        // the words that name it, as found
	In       time.Duration // "in two hours", "dans 2h": from now
	Days     int           // days from today ("tomorrow" 1); with Weekday, weeks are skipped
	Weekday  time.Weekday  // with HasDay
	HasDay   bool          // a weekday is named
	NextWeek bool          // "next Tuesday", "mardi prochain": not today, and the week after this one when it is today's
	Month    time.Month    // an absolute date, with Day
	Day      int           // a day of the month; without Month, of this month or the next
	Year     int           // 0: the next such date
	Hour     int           // -1: none named
	Minute   int
}

// At places m in now's location: the moment it names, relative to now.
// A day named without a time of day is taken at 10:00; a time of day
// without a day is today's, or tomorrow's when it has passed.
func (m Moment) At(now time.Time) time.Time {
	if m.In > 0 {
		return now.Add(m.In)
	}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	named := false
	switch {
	case m.Month != 0 && m.Day != 0:
		y := m.Year
		if y == 0 {
			y = now.Year()
			if time.Date(y, m.Month, m.Day, 0, 0, 0, 0, now.Location()).Before(day) {
				y++
			}
		}
		day, named = time.Date(y, m.Month, m.Day, 0, 0, 0, 0, now.Location()), true
	case m.Day != 0:
		// "jeudi 24", "the 23rd at 8pm": that day of this month, or of
		// the next when it has passed (the weekday said with it is only
		// its name: a new user's "jeudi 24" was read as the next Thursday).
		d := time.Date(day.Year(), day.Month(), m.Day, 0, 0, 0, 0, now.Location())
		if d.Before(day) {
			d = time.Date(day.Year(), day.Month()+1, m.Day, 0, 0, 0, 0, now.Location())
		}
		for k := 0; m.HasDay && k < 2; k++ {
			// "mardi 1er": this month's or the next's 1st that is a
			// Tuesday; else the number's date, whose weekday the answer
			// shows ("jeudi 18" on a Friday 18th: not February's).
			c := time.Date(day.Year(), day.Month()+time.Month(k), m.Day, 0, 0, 0, 0, now.Location())
			if !c.Before(day) && c.Day() == m.Day && c.Weekday() == m.Weekday {
				d = c
				break
			}
		}
		day, named = d, true
	case m.HasDay:
		d := (int(m.Weekday) - int(day.Weekday()) + 7) % 7
		if d == 0 && m.NextWeek {
			d = 7
		}
		day, named = day.AddDate(0, 0, d+m.Days), true
	case m.Days != 0:
		day, named = day.AddDate(0, 0, m.Days), true
	}
	hour, minute := m.Hour, m.Minute
	if hour < 0 {
		if !named {
			return now
		}
		hour, minute = 10, 0
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, now.Location())
	if !named && t.Before(now) && m.Days == 0 {
		t = t.AddDate(0, 0, 1)
	}
	return t
}
