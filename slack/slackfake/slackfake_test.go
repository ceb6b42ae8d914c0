package slackfake_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"deploybot/slack/slackfake"
)

func newClient(t *testing.T) (*slackfake.Server, *slack.Client) {
	t.Helper()
	s := slackfake.New()
	t.Cleanup(s.Close)
	return s, slack.New("xoxb-test", slack.OptionAPIURL(s.APIURL()))
}

func TestPostsAndThreadsWithMetadata(t *testing.T) {
	ctx := context.Background()
	s, api := newClient(t)
	root := s.AddMessage(slackfake.Message{Channel: "C1", User: "U1", Text: "<@UBOT> deploy"})
	meta := slack.SlackMetadata{EventType: "deploybot_reply", EventPayload: map[string]any{"inbox_key": "k1"}}
	_, ts1, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("one", false), slack.MsgOptionTS(root), slack.MsgOptionMetadata(meta))
	if err != nil {
		t.Fatal(err)
	}
	_, ts2, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("two", false), slack.MsgOptionTS(root))
	if err != nil {
		t.Fatal(err)
	}
	if !(ts1 < ts2) || !strings.Contains(ts1, ".") || len(strings.SplitN(ts1, ".", 2)[1]) != 6 {
		t.Errorf("ts %q then %q: want increasing, with a microsecond fraction", ts1, ts2)
	}
	for _, tc := range []struct {
		metadata bool
		limit    int
	}{{true, 0}, {false, 0}, {true, 1}} {
		p := &slack.GetConversationRepliesParameters{ChannelID: "C1", Timestamp: root, IncludeAllMetadata: tc.metadata, Limit: tc.limit}
		var all []slack.Message
		for {
			msgs, more, cursor, err := api.GetConversationRepliesContext(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, msgs...)
			if !more {
				break
			}
			p.Cursor = cursor
		}
		if len(all) != 3 || all[0].Timestamp != root || all[1].Text != "one" || all[2].Text != "two" {
			t.Fatalf("replies (metadata %v, limit %d) = %+v", tc.metadata, tc.limit, all)
		}
		got := all[1].Metadata.EventPayload["inbox_key"]
		if tc.metadata && (all[1].Metadata.EventType != "deploybot_reply" || got != "k1") {
			t.Errorf("metadata = %+v", all[1].Metadata)
		}
		if !tc.metadata && all[1].Metadata.EventType != "" {
			t.Errorf("metadata without include_all_metadata: %+v", all[1].Metadata)
		}
	}
	if _, _, _, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{ChannelID: "C1", Timestamp: "1.2"}); err == nil {
		t.Error("replies of an unknown thread: no error")
	}
	// A top-level post is in the history, newest first.
	_, top, _ := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("top", false), slack.MsgOptionMetadata(meta))
	h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "C1", Oldest: ts2, IncludeAllMetadata: true})
	if err != nil || len(h.Messages) != 1 || h.Messages[0].Timestamp != top || h.Messages[0].Metadata.EventType != "deploybot_reply" {
		t.Errorf("history = %+v, %v", h, err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, "C1", ts1, slack.MsgOptionText("one, edited", false)); err != nil {
		t.Fatal(err)
	}
	posts := s.Posts("C1")
	if len(posts) != 3 || posts[0].Text != "one, edited" || posts[0].Updates != 1 || posts[0].ThreadTS != root || posts[2].Metadata == nil {
		t.Errorf("posts = %+v", posts)
	}
}

func TestUsersGroupsAndRateLimits(t *testing.T) {
	ctx := context.Background()
	s, api := newClient(t)
	s.PageSize = 2
	for _, u := range []slackfake.User{{ID: "U1", Name: "alice"}, {ID: "U2", Name: "bob", DisplayName: "Bob"}, {ID: "U3", Name: "carol", TeamID: "T9"}} {
		s.AddUser(u)
	}
	s.AddGroup(slackfake.Group{ID: "S1", Handle: "ops", Members: []string{"U1", "U3"}})
	s.LimitNext("users.list", 1, 0)

	users, err := api.GetUsersContext(ctx)
	if err != nil || len(users) != 3 || users[2].TeamID != "T9" || users[0].TeamID != "T0TEAM" || users[1].Profile.DisplayName != "Bob" {
		t.Fatalf("users.list = %+v, %v", users, err)
	}
	if n := len(s.Calls("users.list")); n != 3 { // a 429, then two pages
		t.Errorf("%d users.list calls, want 3", n)
	}
	s.UpdateUser("U1", func(u *slackfake.User) { u.DisplayName = "carol" })
	if u, err := api.GetUserInfoContext(ctx, "U1"); err != nil || u.Profile.DisplayName != "carol" {
		t.Errorf("users.info after the rename = %+v, %v", u, err)
	}
	groups, err := api.GetUserGroupsContext(ctx)
	if err != nil || len(groups) != 1 || groups[0].Handle != "ops" {
		t.Errorf("usergroups.list = %+v, %v", groups, err)
	}
	members, err := api.GetUserGroupMembersContext(ctx, "S1")
	if err != nil || strings.Join(members, ",") != "U1,U3" {
		t.Errorf("usergroups.users.list = %v, %v", members, err)
	}

	s.RateLimit("chat.postMessage", func(n int) (time.Duration, bool) { return 2 * time.Second, n%2 == 1 })
	_, _, err = api.PostMessageContext(ctx, "C1", slack.MsgOptionText("x", false))
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 2*time.Second {
		t.Errorf("first post = %v, want a 429 with Retry-After 2s", err)
	}
	if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("x", false)); err != nil {
		t.Errorf("second post = %v", err)
	}
	s.Fail("chat.postMessage", "not_in_channel", nil)
	s.RateLimit("chat.postMessage", nil)
	if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("x", false)); err == nil || err.Error() != "not_in_channel" {
		t.Errorf("failing post = %v", err)
	}
}

func TestSigner(t *testing.T) {
	var got *http.Request
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sv, err := slack.NewSecretsVerifier(r.Header, "secret")
		if err != nil {
			http.Error(w, err.Error(), 401)
			return
		}
		b, _ := io.ReadAll(r.Body)
		_, _ = sv.Write(b)
		if err := sv.Ensure(); err != nil {
			http.Error(w, err.Error(), 401)
			return
		}
		got, body = r, string(b)
	}))
	defer srv.Close()
	s := &slackfake.Signer{BaseURL: srv.URL, Secret: "secret"}
	ctx := context.Background()
	ev := slackfake.Event{ID: "Ev1", Team: "T1", Channel: "C1", User: "U1", Text: "hi", TS: "1.000001"}.Body()
	if r, err := s.Event(ctx, ev, 2); err != nil || r.Status != 200 || got.Header.Get("X-Slack-Retry-Num") != "2" || body != string(ev) {
		t.Errorf("event: %+v, %v", r, err)
	}
	if r, err := s.Command(ctx, slackfake.Command{Text: "status", User: "U1", Channel: "C1"}); err != nil || r.Status != 200 ||
		!strings.Contains(body, "command=%2Fdeploy") || got.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("command: %+v, %v, body %s", r, err, body)
	}
	p := slackfake.Click{User: "U2", Channel: "C1", MessageTS: "1.1", ActionID: "deploy_approve", Value: "12"}.Payload()
	if r, err := s.Interaction(ctx, p); err != nil || r.Status != 200 || !strings.HasPrefix(body, "payload=") {
		t.Errorf("interaction: %+v, %v", r, err)
	}
	bad := &slackfake.Signer{BaseURL: srv.URL, Secret: "wrong"}
	if r, _ := bad.Event(ctx, ev, 0); r.Status != 401 {
		t.Errorf("wrong secret: %d", r.Status)
	}
}
