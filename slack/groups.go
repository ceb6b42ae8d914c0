package slack

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"deploybot"
)

// groupCache caches the user groups' handles and members.
type groupCache struct {
	a   *Adapter
	ttl time.Duration

	fetch sync.Mutex // one Web API fetch at a time: concurrent misses wait for it

	mu        sync.Mutex
	handles   map[string]string // lower-case handle, and id -> group id
	handlesAt time.Time         // when handles was fetched; zero: never
	byGroup   map[string]cachedMembers
}

type cachedMembers struct {
	ids     []string
	expires time.Time
}

func newGroupCache(a *Adapter, ttl time.Duration) *groupCache {
	return &groupCache{a: a, ttl: ttl, byGroup: make(map[string]cachedMembers)}
}

// lookup returns the id of group from the cached handles, whether the
// handles are fresh, and whether they were ever fetched.
func (g *groupCache) lookup(group string) (id string, found, fresh bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	id, found = g.handles[strings.ToLower(group)]
	fresh = !g.handlesAt.IsZero() && g.a.now().Before(g.handlesAt.Add(g.ttl))
	return id, found, fresh
}

// id resolves a handle (or an id) to the group id, through usergroups.list
// when the cached list is missing or older than the TTL.
func (g *groupCache) id(ctx context.Context, group string) (string, error) {
	if id, found, fresh := g.lookup(group); fresh {
		if !found {
			return "", deploybot.Errorf(deploybot.ENOTFOUND, "no Slack user group @%s", group)
		}
		return id, nil
	}
	g.fetch.Lock()
	defer g.fetch.Unlock()
	if id, found, fresh := g.lookup(group); fresh { // fetched while we waited
		if !found {
			return "", deploybot.Errorf(deploybot.ENOTFOUND, "no Slack user group @%s", group)
		}
		return id, nil
	}
	var groups []slack.UserGroup
	err := g.a.call(ctx, "usergroups.list", func() error {
		var err error
		groups, err = g.a.api.GetUserGroupsContext(ctx)
		return err
	})
	if err != nil {
		// A handle seen before keeps its id: the members are still
		// asked of Slack, and fail closed if it cannot answer.
		if id, found, _ := g.lookup(group); found {
			g.a.logger.Warn("refresh slack user groups; using the known id", "group", group, "err", err)
			return id, nil
		}
		return "", fmt.Errorf("usergroups.list: %w", err)
	}
	handles := make(map[string]string, 2*len(groups))
	for _, ug := range groups {
		if ug.ID == "" || ug.DateDelete != 0 {
			continue
		}
		handles[strings.ToLower(ug.ID)] = ug.ID
		if ug.Handle != "" {
			handles[strings.ToLower(ug.Handle)] = ug.ID
		}
	}
	g.mu.Lock()
	g.handles, g.handlesAt = handles, g.a.now()
	g.mu.Unlock()
	id, ok := handles[strings.ToLower(group)]
	if !ok {
		return "", deploybot.Errorf(deploybot.ENOTFOUND, "no Slack user group @%s", group)
	}
	return id, nil
}

// members returns the user ids of group id, through usergroups.users.list
// when not cached or cached longer ago than the TTL.
func (g *groupCache) members(ctx context.Context, id string) ([]string, error) {
	get := func() ([]string, bool) {
		g.mu.Lock()
		defer g.mu.Unlock()
		cm, ok := g.byGroup[id]
		return cm.ids, ok && g.a.now().Before(cm.expires)
	}
	if ids, ok := get(); ok {
		return ids, nil
	}
	g.fetch.Lock()
	defer g.fetch.Unlock()
	if ids, ok := get(); ok {
		return ids, nil
	}
	var ids []string
	err := g.a.call(ctx, "usergroups.users.list", func() error {
		var err error
		ids, err = g.a.api.GetUserGroupMembersContext(ctx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("usergroups.users.list: %w", err)
	}
	ids = append([]string(nil), ids...)
	g.mu.Lock()
	g.byGroup[id] = cachedMembers{ids: ids, expires: g.a.now().Add(g.ttl)}
	g.mu.Unlock()
	return ids, nil
}
