// Package slackfake is a stand-in for the Slack Web API, for tests: an
// httptest server that answers the methods deploybot calls, keeps what was
// posted (with its Block Kit blocks and message metadata), answers
// conversations.replies and conversations.history from it, and records
// every call. Calls can be made to answer 429 with a Retry-After on a
// schedule, or to fail with a Slack error.
//
// It also signs and sends Events API, slash command and interaction
// requests to an HTTP endpoint (Signer), for end-to-end, load and fuzz
// tests.
//
// Point a client at it with slack.OptionAPIURL(s.APIURL()), or deploybot's
// slack.api_url configuration key.
package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// User is a Slack user as users.info and users.list describe it.
type User struct {
	ID          string
	TeamID      string // "" : the server's TeamID
	Name        string // the handle
	DisplayName string // profile.display_name; may be shared by several users
	RealName    string
	Locale      string // e.g. "fr-FR"
	Deleted     bool
	IsBot       bool
}

// Metadata is a message's metadata (chat.postMessage metadata).
type Metadata struct {
	EventType    string         `json:"event_type"`
	EventPayload map[string]any `json:"event_payload"`
}

// Message is a message in a channel: posted through the API or seeded with
// AddMessage.
type Message struct {
	Channel   string
	TS        string
	ThreadTS  string // the thread's ts; "" for a message outside threads
	User      string // the author (the bot's user id for posts)
	BotID     string
	Text      string
	Blocks    json.RawMessage // as posted; nil when none
	Metadata  *Metadata       // as posted; nil when none
	Ephemeral bool            // chat.postEphemeral: shown to User only
	Updates   int             // how many times chat.update changed it
}

// Call is one Web API call the server received.
type Call struct {
	Method string
	Form   url.Values
	At     time.Time
}

// Group is a user group (usergroups.list).
type Group struct {
	ID      string
	Handle  string
	Name    string
	Members []string
	Deleted bool // disabled: date_delete set
	Fail    bool // usergroups.users.list answers an error for it
}

// Server is the fake Web API. Its methods are safe for concurrent use.
// Set the exported fields before the first call.
type Server struct {
	*httptest.Server

	TeamID    string // auth.test team_id and the default team of users; default "T0TEAM"
	TeamName  string // default "Acme"
	BotUserID string // default "UBOT"
	BotID     string // default "BBOT"
	// PageSize is the users.list and conversations page size when the
	// caller gives no limit, or a larger one; default 100.
	PageSize int

	mu        sync.Mutex
	calls     []Call
	users     map[string]User
	order     []string // user ids in the order added
	groups    []Group
	messages  []*Message
	ephemeral []*Message
	webhooks  []Call
	limits    map[string]func(n int) (time.Duration, bool)
	counts    map[string]int
	failures  map[string][]failure
	ts        int64 // last ts issued, in microseconds
	ws        http.HandlerFunc
}

type failure struct {
	code  string
	match func(url.Values) bool
}

// New starts a server; Close it when done.
func New() *Server {
	s := &Server{
		TeamID: "T0TEAM", TeamName: "Acme", BotUserID: "UBOT", BotID: "BBOT", PageSize: 100,
		users:    map[string]User{},
		limits:   map[string]func(int) (time.Duration, bool){},
		counts:   map[string]int{},
		failures: map[string][]failure{},
		ts:       time.Now().UnixMicro(),
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// APIURL is the base URL of the Web API, ending in "/".
func (s *Server) APIURL() string { return s.URL + "/" }

// ResponseURL returns a response_url that records what is posted to it
// (see Webhooks).
func (s *Server) ResponseURL(name string) string { return s.URL + "/response/" + url.PathEscape(name) }

// AddUser adds or replaces a user.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[u.ID]; !ok {
		s.order = append(s.order, u.ID)
	}
	s.users[u.ID] = u
}

// UpdateUser changes user id (a rename, say) with f.
func (s *Server) UpdateUser(id string, f func(*User)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		return
	}
	f(&u)
	s.users[id] = u
}

// AddGroup adds or replaces a user group.
func (s *Server) AddGroup(g Group) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.groups {
		if s.groups[i].ID == g.ID {
			s.groups[i] = g
			return
		}
	}
	s.groups = append(s.groups, g)
}

// UpdateGroup changes the group id with f.
func (s *Server) UpdateGroup(id string, f func(*Group)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.groups {
		if s.groups[i].ID == id {
			f(&s.groups[i])
		}
	}
}

// AddMessage puts a message in a channel as if a person had written it
// (conversations.replies and history show it). A TS is issued when m has
// none; it is returned.
func (s *Server) AddMessage(m Message) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m.TS == "" {
		m.TS = s.nextTS()
	}
	s.messages = append(s.messages, &m)
	return m.TS
}

// HandleWebSocket serves the Socket Mode URL apps.connections.open gives
// ("/ws") with h.
func (s *Server) HandleWebSocket(h http.HandlerFunc) {
	s.mu.Lock()
	s.ws = h
	s.mu.Unlock()
}

// RateLimit makes calls of method answer 429 on a schedule: for the n-th
// call of method (from 1, counting the limited ones), schedule returns
// whether to refuse it and the Retry-After to send (whole seconds, rounded
// up; 0 is sent as 0). A nil schedule lifts the limit.
func (s *Server) RateLimit(method string, schedule func(n int) (retryAfter time.Duration, limited bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if schedule == nil {
		delete(s.limits, method)
		return
	}
	s.limits[method] = schedule
	s.counts[method] = 0
}

// LimitNext makes the next n calls of method answer 429 with retryAfter.
func (s *Server) LimitNext(method string, n int, retryAfter time.Duration) {
	s.RateLimit(method, func(i int) (time.Duration, bool) { return retryAfter, i <= n })
}

// Fail makes the calls of method whose form match (nil: all) answer
// {"ok": false, "error": code}, e.g. "not_in_channel".
func (s *Server) Fail(method, code string, match func(form url.Values) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], failure{code: code, match: match})
}

// Calls returns the calls of method received so far, in order.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// AllCalls returns every call received so far, in order.
func (s *Server) AllCalls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// Posts returns the messages posted with chat.postMessage in channel (""
// for every channel), in the order they were posted, as they are now
// (after chat.update).
func (s *Server) Posts(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if m.User == s.BotUserID && (channel == "" || m.Channel == channel) {
			out = append(out, *m)
		}
	}
	return out
}

// Ephemerals returns the messages posted with chat.postEphemeral.
func (s *Server) Ephemerals() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.ephemeral))
	for i, m := range s.ephemeral {
		out[i] = *m
	}
	return out
}

// Webhooks returns what was posted to response URLs: Method is the path,
// Form holds the JSON body under "body".
func (s *Server) Webhooks() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.webhooks)
}

// nextTS issues a new, unique ts with a microsecond fraction, like Slack's.
// The caller holds mu.
func (s *Server) nextTS() string {
	now := time.Now().UnixMicro()
	if now <= s.ts {
		now = s.ts + 1
	}
	s.ts = now
	return fmt.Sprintf("%d.%06d", now/1e6, now%1e6)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/")
	if strings.HasPrefix(path, "response/") {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.webhooks = append(s.webhooks, Call{Method: path, Form: url.Values{"body": {string(b)}}, At: time.Now()})
		s.mu.Unlock()
		_, _ = io.WriteString(w, "ok")
		return
	}
	if path == "ws" {
		s.mu.Lock()
		ws := s.ws
		s.mu.Unlock()
		if ws == nil {
			http.NotFound(w, r)
			return
		}
		ws(w, r)
		return
	}
	_ = r.ParseForm()
	form := r.Form
	if tok := r.Header.Get("Authorization"); strings.HasPrefix(tok, "Bearer ") && form.Get("token") == "" {
		form.Set("token", strings.TrimPrefix(tok, "Bearer "))
	}
	s.mu.Lock()
	s.calls = append(s.calls, Call{Method: path, Form: form, At: time.Now()})
	if schedule := s.limits[path]; schedule != nil {
		s.counts[path]++
		if wait, limited := schedule(s.counts[path]); limited {
			s.mu.Unlock()
			secs := int64((wait + time.Second - 1) / time.Second)
			w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
	}
	for _, f := range s.failures[path] {
		if f.match == nil || f.match(form) {
			s.mu.Unlock()
			writeJSON(w, map[string]any{"ok": false, "error": f.code})
			return
		}
	}
	resp := s.answer(path, form)
	s.mu.Unlock()
	writeJSON(w, resp)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func errorResp(code string) map[string]any { return map[string]any{"ok": false, "error": code} }

// answer serves one method; the caller holds mu.
func (s *Server) answer(method string, form url.Values) map[string]any {
	switch method {
	case "auth.test":
		return map[string]any{"ok": true, "url": "https://acme.slack.com/", "team": s.TeamName, "user": "deploybot",
			"team_id": s.TeamID, "user_id": s.BotUserID, "bot_id": s.BotID}
	case "users.info":
		u, ok := s.users[form.Get("user")]
		if !ok {
			return errorResp("user_not_found")
		}
		return map[string]any{"ok": true, "user": s.userJSON(u)}
	case "users.list":
		return s.usersList(form)
	case "usergroups.list":
		var gs []map[string]any
		for _, g := range s.groups {
			if g.Deleted && form.Get("include_disabled") != "true" {
				continue
			}
			del := 0
			if g.Deleted {
				del = 1700000000
			}
			gs = append(gs, map[string]any{"id": g.ID, "team_id": s.TeamID, "is_usergroup": true, "handle": g.Handle,
				"name": g.Name, "date_delete": del, "user_count": len(g.Members)})
		}
		return map[string]any{"ok": true, "usergroups": orEmpty(gs)}
	case "usergroups.users.list":
		for _, g := range s.groups {
			if g.ID == form.Get("usergroup") {
				if g.Fail {
					return errorResp("fatal_error")
				}
				return map[string]any{"ok": true, "users": append([]string{}, g.Members...)}
			}
		}
		return errorResp("no_such_subteam")
	case "chat.postMessage":
		return s.postMessage(form)
	case "chat.update":
		ch, ts := form.Get("channel"), form.Get("ts")
		for _, m := range s.messages {
			if m.Channel == ch && m.TS == ts {
				m.Text = form.Get("text")
				if b := form.Get("blocks"); b != "" {
					m.Blocks = json.RawMessage(b)
				}
				m.Updates++
			}
		}
		return map[string]any{"ok": true, "channel": ch, "ts": ts, "text": form.Get("text")}
	case "chat.postEphemeral":
		m := &Message{Channel: form.Get("channel"), TS: s.nextTS(), ThreadTS: form.Get("thread_ts"), User: form.Get("user"),
			Text: form.Get("text"), Ephemeral: true}
		if b := form.Get("blocks"); b != "" {
			m.Blocks = json.RawMessage(b)
		}
		s.ephemeral = append(s.ephemeral, m)
		return map[string]any{"ok": true, "message_ts": m.TS}
	case "conversations.replies":
		return s.replies(form)
	case "conversations.history":
		return s.history(form)
	case "apps.connections.open":
		return map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(s.URL, "http") + "/ws"}
	}
	return map[string]any{"ok": true}
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) userJSON(u User) map[string]any {
	team := u.TeamID
	if team == "" {
		team = s.TeamID
	}
	return map[string]any{"id": u.ID, "team_id": team, "name": u.Name, "real_name": u.RealName, "deleted": u.Deleted,
		"is_bot": u.IsBot, "locale": u.Locale,
		"profile": map[string]any{"display_name": u.DisplayName, "display_name_normalized": u.DisplayName, "real_name": u.RealName}}
}

// page returns the bounds of a page of n items from the cursor (an
// offset) and limit of form, and the next cursor ("" on the last page).
func (s *Server) page(form url.Values, n int) (from, to int, next string) {
	size := s.PageSize
	if l, err := strconv.Atoi(form.Get("limit")); err == nil && l > 0 && l < size {
		size = l
	}
	from, _ = strconv.Atoi(form.Get("cursor"))
	from = min(max(from, 0), n)
	to = min(from+size, n)
	if to < n {
		next = strconv.Itoa(to)
	}
	return from, to, next
}

func (s *Server) usersList(form url.Values) map[string]any {
	from, to, next := s.page(form, len(s.order))
	var members []map[string]any
	for _, id := range s.order[from:to] {
		members = append(members, s.userJSON(s.users[id]))
	}
	return map[string]any{"ok": true, "members": orEmpty(members), "response_metadata": map[string]any{"next_cursor": next}}
}

func (s *Server) postMessage(form url.Values) map[string]any {
	ch := strings.TrimPrefix(form.Get("channel"), "#")
	if ch == "" {
		return errorResp("channel_not_found")
	}
	m := &Message{Channel: ch, TS: s.nextTS(), ThreadTS: form.Get("thread_ts"), User: s.BotUserID, BotID: s.BotID,
		Text: form.Get("text")}
	if b := form.Get("blocks"); b != "" {
		m.Blocks = json.RawMessage(b)
	}
	if md := form.Get("metadata"); md != "" {
		var meta Metadata
		if err := json.Unmarshal([]byte(md), &meta); err != nil {
			return errorResp("invalid_metadata_format")
		}
		m.Metadata = &meta
	}
	s.messages = append(s.messages, m)
	return map[string]any{"ok": true, "channel": ch, "ts": m.TS, "message": s.messageJSON(m, true)}
}

func (s *Server) messageJSON(m *Message, metadata bool) map[string]any {
	out := map[string]any{"type": "message", "ts": m.TS, "text": m.Text}
	if m.User != "" {
		out["user"] = m.User
	}
	if m.BotID != "" {
		out["bot_id"] = m.BotID
	}
	if m.ThreadTS != "" {
		out["thread_ts"] = m.ThreadTS
	}
	if m.Blocks != nil {
		out["blocks"] = m.Blocks
	}
	if metadata && m.Metadata != nil {
		out["metadata"] = m.Metadata
	}
	return out
}

// replies answers conversations.replies: the thread's parent and its
// replies, oldest first, paginated; metadata only with
// include_all_metadata.
func (s *Server) replies(form url.Values) map[string]any {
	ch, ts := form.Get("channel"), form.Get("ts")
	var thread []*Message
	for _, m := range s.messages {
		if m.Channel == ch && (m.TS == ts || m.ThreadTS == ts) {
			thread = append(thread, m)
		}
	}
	if len(thread) == 0 {
		return errorResp("thread_not_found")
	}
	sort.SliceStable(thread, func(i, j int) bool { return tsLess(thread[i].TS, thread[j].TS) })
	from, to, next := s.page(form, len(thread))
	return s.messagesResp(thread[from:to], next, form.Get("include_all_metadata") == "1" || form.Get("include_all_metadata") == "true")
}

// history answers conversations.history: the channel's messages outside
// threads (and thread parents) between oldest and latest, newest first,
// paginated.
func (s *Server) history(form url.Values) map[string]any {
	ch := form.Get("channel")
	oldest, latest := form.Get("oldest"), form.Get("latest")
	var msgs []*Message
	for _, m := range s.messages {
		if m.Channel != ch || (m.ThreadTS != "" && m.ThreadTS != m.TS) {
			continue
		}
		if oldest != "" && !tsLess(oldest, m.TS) || latest != "" && !tsLess(m.TS, latest) {
			continue
		}
		msgs = append(msgs, m)
	}
	sort.SliceStable(msgs, func(i, j int) bool { return tsLess(msgs[j].TS, msgs[i].TS) })
	from, to, next := s.page(form, len(msgs))
	return s.messagesResp(msgs[from:to], next, form.Get("include_all_metadata") == "1" || form.Get("include_all_metadata") == "true")
}

func (s *Server) messagesResp(msgs []*Message, next string, metadata bool) map[string]any {
	out := make([]map[string]any, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, s.messageJSON(m, metadata))
	}
	return map[string]any{"ok": true, "messages": out, "has_more": next != "",
		"response_metadata": map[string]any{"next_cursor": next}}
}

// tsLess orders two Slack ts values ("1700000000.000100") by time.
func tsLess(a, b string) bool {
	as, af, _ := strings.Cut(a, ".")
	bs, bf, _ := strings.Cut(b, ".")
	ai, _ := strconv.ParseInt(as, 10, 64)
	bi, _ := strconv.ParseInt(bs, 10, 64)
	if ai != bi {
		return ai < bi
	}
	af = (af + "000000")[:6]
	bf = (bf + "000000")[:6]
	return af < bf
}
