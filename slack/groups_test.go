package slack_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/slack"
	"deploybot/slack/slackfake"
)

// The adapter is the deploy service's directory of access lists.
var _ interface {
	Resolve(ctx context.Context, entry string) ([]string, error)
} = (*slack.Adapter)(nil)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(1700000000, 0)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestMembersOfUserGroup(t *testing.T) {
	f := newFakeSlack(t)
	f.AddUser(slackfake.User{ID: "U3", Name: "carol"})
	f.AddUser(slackfake.User{ID: "U8", Name: "xena", TeamID: "T0OTHER"}) // from another team
	f.AddGroup(slackfake.Group{ID: "S1", Handle: "release-managers", Name: "Release managers", Members: []string{"U1", "U9", "U8"}})
	f.AddGroup(slackfake.Group{ID: "S2", Handle: "sre", Name: "SRE", Members: []string{"U2"}})
	clk := newFakeClock()
	a := newAdapter(t, f, nil, &recorder{}, func(o *slack.Options) { o.Now = clk.now })
	ctx := context.Background()

	// Concurrent first lookups fetch the list and the members once. The
	// members are actors, ids at their team, never names.
	var wg sync.WaitGroup
	results := make([][]string, 16)
	errs := make([]error, 16)
	for i := range results {
		wg.Go(func() { results[i], errs[i] = a.Members(ctx, "@release-managers") })
	}
	wg.Wait()
	want := []string{actor("U1"), actor("U9"), "U8@T0OTHER"}
	for i := range results {
		if errs[i] != nil || !slices.Equal(results[i], want) {
			t.Fatalf("Members #%d = %v, %v; want %v", i, results[i], errs[i], want)
		}
	}
	if n, m := len(f.Calls("usergroups.list")), len(f.Calls("usergroups.users.list")); n != 1 || m != 1 {
		t.Errorf("usergroups.list %d times, usergroups.users.list %d times; want 1 and 1", n, m)
	}
	if got := f.Calls("usergroups.users.list")[0].Form.Get("usergroup"); got != "S1" {
		t.Errorf("usergroups.users.list for %q, want S1", got)
	}

	// The handle without "@", in another case, or the group id: the same
	// group, from the cache; Resolve("@...") is the same.
	for _, g := range []string{"release-managers", "Release-Managers", "S1"} {
		if got, err := a.Members(ctx, g); err != nil || !slices.Equal(got, want) {
			t.Errorf("Members(%q) = %v, %v; want %v", g, got, err, want)
		}
	}
	if got, err := a.Resolve(ctx, "@sre"); err != nil || !slices.Equal(got, []string{actor("U2")}) {
		t.Errorf("Resolve(@sre) = %v, %v", got, err)
	}
	if n, m := len(f.Calls("usergroups.list")), len(f.Calls("usergroups.users.list")); n != 1 || m != 2 {
		t.Errorf("usergroups.list %d times, usergroups.users.list %d times; want 1 and 2", n, m)
	}

	// An unknown group is ENOTFOUND, without asking Slack again while the
	// list is fresh.
	if _, err := a.Members(ctx, "@nobody"); deploybot.ErrorCode(err) != deploybot.ENOTFOUND {
		t.Errorf("Members(@nobody) err = %v, want ENOTFOUND", err)
	}
	if n := len(f.Calls("usergroups.list")); n != 1 {
		t.Errorf("usergroups.list %d times after an unknown group, want 1", n)
	}

	// The membership changes in Slack: seen after the refresh, not before.
	f.UpdateGroup("S1", func(g *slackfake.Group) { g.Members = []string{"U3"} })
	f.AddGroup(slackfake.Group{ID: "S3", Handle: "oncall", Members: []string{"U1"}})
	clk.advance(9 * time.Minute)
	if got, _ := a.Members(ctx, "@release-managers"); !slices.Equal(got, want) {
		t.Errorf("within the 10 minutes: %v, want the cached %v", got, want)
	}
	if _, err := a.Members(ctx, "@oncall"); err == nil {
		t.Error("a group created in Slack was found before the list's refresh")
	}
	clk.advance(2 * time.Minute)
	if got, err := a.Members(ctx, "@release-managers"); err != nil || !slices.Equal(got, []string{actor("U3")}) {
		t.Errorf("after the refresh: %v, %v; want [U3]", got, err)
	}
	if got, err := a.Members(ctx, "@oncall"); err != nil || !slices.Equal(got, []string{actor("U1")}) {
		t.Errorf("new group after the refresh: %v, %v", got, err)
	}

	// Slack cannot list the members: an error, so the group grants nothing.
	f.UpdateGroup("S2", func(g *slackfake.Group) { g.Fail = true })
	clk.advance(11 * time.Minute)
	if got, err := a.Members(ctx, "@sre"); err == nil {
		t.Errorf("Members(@sre) with usergroups.users.list failing = %v, want an error", got)
	}
	if _, err := a.Members(ctx, " "); err == nil {
		t.Error("Members of no group: no error")
	}
}

// TestMembersRateLimited: a 429 on usergroups.users.list is waited out.
func TestMembersRateLimited(t *testing.T) {
	f := newFakeSlack(t)
	f.AddGroup(slackfake.Group{ID: "S1", Handle: "release-managers", Members: []string{"U2"}})
	f.LimitNext("usergroups.users.list", 1, 0)
	a := newAdapter(t, f, nil, &recorder{})
	got, err := a.Members(context.Background(), "release-managers")
	if err != nil || !slices.Equal(got, []string{actor("U2")}) {
		t.Fatalf("Members = %v, %v", got, err)
	}
	if n := len(f.Calls("usergroups.users.list")); n != 2 {
		t.Errorf("usergroups.users.list %d times, want 2 (429 then success)", n)
	}
}
