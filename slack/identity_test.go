package slack_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
	"deploybot/slack/slackfake"
)

// directoryFake is a workspace with an approver known by id, a user whose
// handle looks like that id, and people sharing names.
func directoryFake(t *testing.T) *slackfake.Server {
	f := newFakeSlack(t)
	f.PageSize = 2 // users.list is read over several pages
	for _, u := range []slackfake.User{
		{ID: "U0APPROVER", Name: "approver"},
		{ID: "U0IMPOSTOR", Name: "u0approver"}, // a handle that reads like the approver's id
		{ID: "U3", Name: "carol", DisplayName: "Carol"},
		{ID: "U4", Name: "dave", DisplayName: "dev"},
		{ID: "U5", Name: "dev"}, // shares "dev" with U4's display name
		{ID: "U6", Name: "gone", Deleted: true},
		{ID: "U7", Name: "remote", TeamID: "T0OTHER"},
	} {
		f.AddUser(u)
	}
	f.AddGroup(slackfake.Group{ID: "S1", Handle: "approvers", Members: []string{"U0APPROVER", "U7"}})
	f.AddGroup(slackfake.Group{ID: "S2", Handle: "broken", Members: []string{"U3"}, Fail: true})
	f.AddGroup(slackfake.Group{ID: "S3", Handle: "retired", Members: []string{"U3"}, Deleted: true})
	return f
}

func TestResolve(t *testing.T) {
	f := directoryFake(t)
	a := newAdapter(t, f, nil, &recorder{})
	ctx := context.Background()
	for _, tc := range []struct {
		entry string
		want  []string
		code  string // error code; "" for none, "error" for any error
	}{
		{"U0APPROVER", []string{actor("U0APPROVER")}, ""},
		{"<@U0APPROVER>", []string{actor("U0APPROVER")}, ""},
		{"U0APPROVER@T0TEAM", []string{"U0APPROVER@T0TEAM"}, ""},
		// Names are not ids and ids are not names: exact, case-sensitive.
		{"u0approver", []string{actor("U0IMPOSTOR")}, ""},
		{"approver", []string{actor("U0APPROVER")}, ""},
		{"carol", []string{actor("U3")}, ""},
		{"Carol", []string{actor("U3")}, ""}, // names and display names ignore case
		{"remote", []string{"U7@T0OTHER"}, ""},
		{"@approvers", []string{actor("U0APPROVER"), "U7@T0OTHER"}, ""},
		{"nobody", nil, deploybot.ENOTFOUND},
		{"U0NOBODY", nil, deploybot.ENOTFOUND},
		{"gone", nil, deploybot.ENOTFOUND}, // deactivated
		{"dev", nil, deploybot.EINVALID},   // shared by two accounts
		{"@nosuchgroup", nil, deploybot.ENOTFOUND},
		{"@retired", nil, deploybot.ENOTFOUND},
		{"@broken", nil, "error"},
		{"", nil, deploybot.EINVALID},
	} {
		got, err := a.Resolve(ctx, tc.entry)
		switch {
		case tc.code == "" && (err != nil || !slices.Equal(got, tc.want)):
			t.Errorf("Resolve(%q) = %v, %v; want %v", tc.entry, got, err, tc.want)
		case tc.code == "error" && (err == nil || got != nil):
			t.Errorf("Resolve(%q) = %v, %v; want an error and nothing", tc.entry, got, err)
		case tc.code != "" && tc.code != "error" && (deploybot.ErrorCode(err) != tc.code || got != nil):
			t.Errorf("Resolve(%q) = %v, %v; want code %s and nothing", tc.entry, got, err, tc.code)
		}
	}
	_, err := a.Resolve(ctx, "dev")
	if msg := deploybot.ErrorMessage(err); !strings.Contains(msg, "U4") || !strings.Contains(msg, "U5") {
		t.Errorf("ambiguous name message %q does not name the accounts", msg)
	}
	if n := len(f.Calls("users.list")); n != 5 { // 9 users, 2 a page: read once
		t.Errorf("users.list read in %d calls, want 5 (once, paginated)", n)
	}

	errs := a.CheckEntries(ctx, []string{"carol", "U0APPROVER", "@approvers", "dev", "nobody", "@broken", "dev"})
	if len(errs) != 3 {
		t.Fatalf("CheckEntries = %v, want 3 errors (dev, nobody, @broken)", errs)
	}
	for i, e := range []string{`"dev"`, `"nobody"`, `"@broken"`} {
		if !strings.Contains(errs[i].Error(), e) {
			t.Errorf("error %d %q does not name %s", i, errs[i], e)
		}
	}
	if errs := a.CheckEntries(ctx, []string{"carol", "@approvers"}); len(errs) != 0 {
		t.Errorf("CheckEntries of good entries = %v", errs)
	}
}

// TestRenamedAccountGainsNothing: an account renamed to an approver's
// name gets nothing: its messages carry its own id, and the name, now
// shared, resolves to nobody.
func TestRenamedAccountGainsNothing(t *testing.T) {
	f := directoryFake(t)
	f.AddUser(slackfake.User{ID: "U9", Name: "mallory"})
	h := &recorder{}
	a := newAdapter(t, f, nil, h, func(o *slack.Options) { o.DirectoryTTL = 10 * time.Millisecond; o.UserTTL = time.Millisecond })
	ctx := context.Background()
	if got, err := a.Resolve(ctx, "carol"); err != nil || !slices.Equal(got, []string{actor("U3")}) {
		t.Fatalf("Resolve(carol) = %v, %v", got, err)
	}
	f.UpdateUser("U9", func(u *slackfake.User) { u.DisplayName = "carol" })
	waitFor(t, "the directory's refresh", func() bool {
		_, err := a.Resolve(ctx, "carol")
		return deploybot.ErrorCode(err) == deploybot.EINVALID
	})

	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	body := mentionEvent("EvR", "C1", "U9", "<@UBOT> approve 12", "1700000100.000100", "")
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the message", func() bool { return len(h.messages()) == 1 })
	if m := h.messages()[0]; m.User != actor("U9") || m.UserName != "mallory" {
		t.Errorf("the renamed account speaks as %q (%q), want its own id", m.User, m.UserName)
	}
}

// TestActorsShownByName: actors in replies and notifications are shown
// as the people's current names, or as mentions when Slack cannot say.
func TestActorsShownByName(t *testing.T) {
	f := newFakeSlack(t)
	f.AddUser(slackfake.User{ID: "U3", Name: "carol", DisplayName: "Carol S."})
	h := &recorder{reply: func(m deploybot.Message) (deploybot.Reply, error) {
		return deploybot.Reply{Title: "Approved by " + actor("U3"), Text: m.User + " asked; " + actor("U404") + " was away",
			Fields:  []deploybot.Field{{Label: "Requester", Value: m.User}},
			Actions: []deploybot.Button{{ID: "deploy_approve", Label: "Approve as " + actor("U404"), Value: "12 " + actor("U1")}}}, nil
	}}
	a := newAdapter(t, f, nil, h)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	body := mentionEvent("EvN", "C1", "U1", "<@UBOT> status", "1700000100.000100", "")
	if code, _ := do(t, srv.Client(), signed(t, srv.URL+"/slack/events", body, jsonType, time.Now())); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	waitFor(t, "the reply", func() bool { return len(f.Posts("C1")) == 1 })
	post := f.Posts("C1")[0]
	blocks := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(post.Blocks))
	for _, want := range []string{"Approved by Carol S.", "alice asked; <@U404> was away", "Requester*\\nalice", "Approve as @U404", actor("U1")} {
		if !strings.Contains(blocks, want) {
			t.Errorf("blocks lack %q: %s", want, blocks)
		}
	}
	if strings.Contains(post.Text, "@T0TEAM") {
		t.Errorf("fallback text shows an actor id: %q", post.Text)
	}

	ref, err := a.Post(context.Background(), "C2", "", deploybot.Reply{Text: "🚀 deploy by " + actor("U2")})
	if err != nil {
		t.Fatal(err)
	}
	if p := f.Posts("C2"); len(p) != 1 || p[0].Text != "🚀 deploy by bob" {
		t.Errorf("notification = %+v", p)
	}
	if err := a.Update(context.Background(), ref, deploybot.Reply{Text: "✅ deploy by " + actor("U2")}); err != nil {
		t.Fatal(err)
	}
	if p := f.Posts("C2"); p[0].Text != "✅ deploy by bob" {
		t.Errorf("updated notification = %q", p[0].Text)
	}
}
