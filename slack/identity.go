package slack

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"deploybot"
)

// user is what the adapter knows of a Slack user.
type user struct {
	ID          string
	TeamID      string // the user's own team
	Name        string // the handle; what Message.UserName holds
	DisplayName string // the name people see; may be empty, and is not unique
	Locale      string // e.g. "fr-FR"; may be empty
	Deleted     bool
}

// display is the name to show for u: its display name, else its handle,
// else its id.
func (u user) display() string {
	switch {
	case u.DisplayName != "":
		return u.DisplayName
	case u.Name != "":
		return u.Name
	}
	return u.ID
}

func userOf(info *slack.User) user {
	return user{ID: info.ID, TeamID: info.TeamID, Name: info.Name, DisplayName: info.Profile.DisplayName,
		Locale: info.Locale, Deleted: info.Deleted}
}

// userCache resolves Slack user ids through users.info, caching each
// answer for a while.
type userCache struct {
	a   *Adapter
	ttl time.Duration

	mu    sync.Mutex
	users map[string]cachedUser
}

type cachedUser struct {
	u       user
	err     error // Slack's answer when it could not name the user
	expires time.Time
}

// unknownUserTTL is how long Slack's refusal to name a user is kept.
const unknownUserTTL = time.Minute

func newUserCache(a *Adapter, ttl time.Duration) *userCache {
	return &userCache{a: a, ttl: ttl, users: make(map[string]cachedUser)}
}

// cached returns what the cache knows of id, even stale, without asking
// Slack; the zero user when nothing.
func (c *userCache) cached(id string) user {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.users[id].u
}

// lookup returns user id, from the cache or users.info. When Slack cannot
// answer, a stale answer is returned, else the error.
func (c *userCache) lookup(ctx context.Context, id string) (user, error) {
	u, _, err := c.lookupCached(ctx, id)
	return u, err
}

// lookupCached is lookup, also reporting whether the answer, an error
// included, was the cache's.
func (c *userCache) lookupCached(ctx context.Context, id string) (u user, cached bool, err error) {
	if id == "" {
		return user{}, false, errors.New("no user id")
	}
	now := c.a.now()
	c.mu.Lock()
	cu, ok := c.users[id]
	c.mu.Unlock()
	if ok && now.Before(cu.expires) {
		return cu.u, true, cu.err
	}
	u, err = c.fetch(ctx, id, now, cu, ok)
	return u, false, err
}

// fetch asks Slack for user id and caches the answer; cu is what the
// cache held (ok: something), stale.
func (c *userCache) fetch(ctx context.Context, id string, now time.Time, cu cachedUser, ok bool) (user, error) {
	var info *slack.User
	err := c.a.call(ctx, "users.info", func() error {
		var err error
		info, err = c.a.api.GetUserInfoContext(ctx, id, slack.GetUserInfoOptionIncludeLocale(true))
		return err
	})
	if err == nil && info == nil {
		err = errors.New("users.info: no user")
	}
	if err != nil {
		var answer slack.SlackErrorResponse
		if (!ok || cu.err != nil) && errors.As(err, &answer) {
			// Slack answered (user_not_found, say) about a user it never
			// named: the answer, error included, is kept a while, so that
			// each message of a writer Slack cannot name does not ask again.
			// Under a burst of 10,000 events from such a writer (bench -only
			// slack, issue 19) every one called users.info, a rate-limited
			// method, before its answer.
			err = fmt.Errorf("users.info %s: %w", id, err)
			c.mu.Lock()
			c.users[id] = cachedUser{u: user{ID: id}, err: err, expires: now.Add(min(c.ttl, unknownUserTTL))}
			c.mu.Unlock()
			return user{ID: id}, err
		}
		if ok && cu.err == nil {
			c.a.logger.Warn("refresh slack user; using what was known", "user_id", id, "err", err)
			return cu.u, nil
		}
		return user{ID: id}, fmt.Errorf("users.info %s: %w", id, err)
	}
	u := userOf(info)
	u.ID = id
	c.mu.Lock()
	c.users[id] = cachedUser{u: u, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return u, nil
}

// get returns user id as lookup does; when Slack cannot tell, only the id
// is known (the identity does not depend on it: the name is for people).
func (c *userCache) get(ctx context.Context, id string) user {
	u, cached, err := c.lookupCached(ctx, id)
	switch {
	case err == nil || id == "":
	case cached: // Slack's answer, said once when it came
		c.a.logger.Debug("resolve slack user", "user_id", id, "err", err)
	default:
		c.a.logger.Warn("resolve slack user", "user_id", id, "err", err)
	}
	return u
}

// userIDKey is the context key of the Slack user id of the message being
// handled.
type userIDKey struct{}

// UserID returns the Slack user id (U...) of whoever wrote the message a
// Handler is answering, when it came from this adapter; Message.User holds
// the actor (the id at its team).
func UserID(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(userIDKey{}).(string)
	return id, ok && id != ""
}

func withUserID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, userIDKey{}, id)
}

// teamOf is the team of the writer of j: the one the payload names, else
// the one Slack gives for the user, else the event's, else the bot's.
func (a *Adapter) teamOf(j job, u user) string {
	for _, t := range []string{j.Team, u.TeamID, j.EventTeam} {
		if t != "" {
			return t
		}
	}
	return a.TeamID()
}

// directory is the workspace's users by name (users.list), read when first
// needed and then every DirectoryTTL in the background.
type directory struct {
	a    *Adapter
	load sync.Mutex // one users.list at a time
	used atomic.Bool

	mu       sync.RWMutex
	byID     map[string]user
	byName   map[string][]string // lower-case name and display name -> user ids
	loadedAt time.Time
	failedAt time.Time // the last read that failed, when never loaded
	failure  error
}

// retryRead is how long a directory that could never be read answers with
// its last error before asking Slack again.
const retryRead = 30 * time.Second

func newDirectory(a *Adapter) *directory { return &directory{a: a} }

// maxUserPages bounds the users.list pages read (200 users each).
const maxUserPages = 500

// ensure reads the directory if it was never read.
func (d *directory) ensure(ctx context.Context) error {
	d.used.Store(true)
	d.mu.RLock()
	loaded := !d.loadedAt.IsZero()
	d.mu.RUnlock()
	if loaded {
		return nil
	}
	d.load.Lock()
	defer d.load.Unlock()
	d.mu.RLock()
	loaded = !d.loadedAt.IsZero()
	failedAt, failure := d.failedAt, d.failure
	d.mu.RUnlock()
	if loaded {
		return nil
	}
	if failure != nil && d.a.now().Sub(failedAt) < retryRead {
		return failure
	}
	err := d.read(ctx)
	if err != nil && ctx.Err() == nil {
		d.mu.Lock()
		d.failedAt, d.failure = d.a.now(), err
		d.mu.Unlock()
	}
	return err
}

// refresh reads the directory again; the caller holds no lock.
func (d *directory) refresh(ctx context.Context) error {
	d.load.Lock()
	defer d.load.Unlock()
	return d.read(ctx)
}

// read reads users.list, page by page; the caller holds load. On failure
// the directory keeps what it had.
func (d *directory) read(ctx context.Context) error {
	byID := map[string]user{}
	byName := map[string][]string{}
	p := d.a.api.GetUsersPaginated(slack.GetUsersOptionLimit(200))
	for range maxUserPages {
		var next slack.UserPagination
		err := d.a.call(ctx, "users.list", func() error {
			var err error
			next, err = p.Next(ctx)
			return err
		})
		if p.Done(err) {
			break
		}
		if err != nil {
			return fmt.Errorf("users.list: %w", err)
		}
		p = next
		for _, info := range p.Users {
			u := userOf(&info)
			if u.ID == "" || u.Deleted {
				continue
			}
			byID[u.ID] = u
			for _, n := range []string{u.Name, u.DisplayName} {
				if k := strings.ToLower(strings.TrimSpace(n)); k != "" && !slices.Contains(byName[k], u.ID) {
					byName[k] = append(byName[k], u.ID)
				}
			}
		}
	}
	for _, ids := range byName {
		slices.Sort(ids)
	}
	d.mu.Lock()
	d.byID, d.byName, d.loadedAt = byID, byName, d.a.now()
	d.mu.Unlock()
	return nil
}

// user returns what the directory knows of id.
func (d *directory) user(id string) (user, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	u, ok := d.byID[id]
	return u, ok
}

// named returns the ids of the users whose handle or display name is name.
func (d *directory) named(name string) []string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.byName[strings.ToLower(name)]
}

// refreshLoop reads the directory again every DirectoryTTL, once it has
// been used, until Close.
func (d *directory) refreshLoop() {
	t := time.NewTicker(d.a.opts.DirectoryTTL)
	defer t.Stop()
	for {
		select {
		case <-d.a.lifetime.Done():
			return
		case <-t.C:
		}
		if !d.used.Load() {
			continue
		}
		if err := d.refresh(d.a.lifetime); err != nil && d.a.lifetime.Err() == nil {
			d.a.logger.Warn("refresh the slack user directory; keeping the last one", "err", err)
		}
	}
}

var (
	// userIDEntry is a Slack user id, exactly: upper case. A name is
	// never taken for an id, nor the other way round.
	userIDEntry  = regexp.MustCompile(`^[UW][A-Z0-9]+$`)
	actorEntry   = regexp.MustCompile(`^[UW][A-Z0-9]+@[TE][A-Z0-9]+$`)
	mentionEntry = regexp.MustCompile(`^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$`)
	// actorText finds actors in outgoing texts.
	actorText = regexp.MustCompile(`\b([UW][A-Z0-9]+)@[TE][A-Z0-9]+\b`)
)

// Resolve turns one access-list entry into the actors it names
// (deploybot.SlackActor ids), for the deploy service's directory:
//
//   - "@handle": the members of the Slack user group (usergroups.list,
//     usergroups.users.list); a group that cannot be resolved is an error,
//     so that it grants nothing;
//   - a Slack user id ("U0APPROVER", upper case, or "<@U0APPROVER>"): that
//     user, matched exactly; an id Slack does not know is ENOTFOUND;
//   - an actor ("U0APPROVER@T0TEAM"): itself;
//   - anything else is a name, looked up in the workspace's users
//     (users.list, read when first needed and every DirectoryTTL) by
//     handle or display name, case-insensitively: no such user is
//     ENOTFOUND, a name several accounts share is EINVALID naming them.
//
// Renaming an account changes no resolution to its advantage: a name that
// becomes shared is refused. Resolve is safe for concurrent use and
// answers from caches once warm.
func (a *Adapter) Resolve(ctx context.Context, entry string) ([]string, error) {
	x := strings.TrimSpace(entry)
	switch {
	case x == "":
		return nil, deploybot.Errorf(deploybot.EINVALID, "an empty access list entry")
	case strings.HasPrefix(x, "@"):
		return a.groupActors(ctx, strings.TrimPrefix(x, "@"))
	case actorEntry.MatchString(x):
		return []string{x}, nil
	}
	if m := mentionEntry.FindStringSubmatch(x); m != nil {
		x = m[1]
	}
	if userIDEntry.MatchString(x) {
		actor, err := a.actorOfID(ctx, x)
		if err != nil {
			return nil, err
		}
		return []string{actor}, nil
	}
	if err := a.dir.ensure(ctx); err != nil {
		return nil, fmt.Errorf("slack: resolve %q: %w", x, err)
	}
	ids := a.dir.named(x)
	switch len(ids) {
	case 0:
		return nil, deploybot.Errorf(deploybot.ENOTFOUND, "no Slack user is named %q", x)
	case 1:
		u, _ := a.dir.user(ids[0])
		return []string{deploybot.SlackActor(orElse(u.TeamID, a.TeamID()), ids[0])}, nil
	}
	return nil, deploybot.Errorf(deploybot.EINVALID, "the Slack name %q is shared by %s: name the person by user id", x, strings.Join(ids, ", "))
}

// actorOfID returns the actor of the Slack user id, at the user's team.
func (a *Adapter) actorOfID(ctx context.Context, id string) (string, error) {
	if u, ok := a.dir.user(id); ok && u.TeamID != "" {
		return deploybot.SlackActor(u.TeamID, id), nil
	}
	u, err := a.users.lookup(ctx, id)
	switch {
	case isSlackError(err, "user_not_found"):
		return "", deploybot.Errorf(deploybot.ENOTFOUND, "no Slack user has the id %s", id)
	case err != nil:
		// Slack cannot say now: the bot's team, which matches only the
		// workspace's own user of that id.
		a.logger.Warn("resolve slack user id; assuming the bot's team", "user_id", id, "err", err)
		return deploybot.SlackActor(a.TeamID(), id), nil
	case u.Deleted:
		return "", deploybot.Errorf(deploybot.ENOTFOUND, "the Slack user %s is deactivated", id)
	}
	return deploybot.SlackActor(orElse(u.TeamID, a.TeamID()), id), nil
}

// groupActors returns the actors of the members of user group handle.
func (a *Adapter) groupActors(ctx context.Context, handle string) ([]string, error) {
	handle = strings.TrimSpace(handle)
	if handle == "" {
		return nil, fmt.Errorf("slack: members: %w", deploybot.Errorf(deploybot.EINVALID, "no user group named"))
	}
	id, err := a.groups.id(ctx, handle)
	if err != nil {
		return nil, fmt.Errorf("slack: user group @%s: %w", handle, err)
	}
	ids, err := a.groups.members(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("slack: user group @%s: %w", handle, err)
	}
	if err := a.dir.ensure(ctx); err != nil {
		a.logger.Warn("read the slack user directory for a group's teams", "group", handle, "err", err)
	}
	out := make([]string, 0, len(ids))
	for _, uid := range ids {
		team := a.TeamID()
		if u, ok := a.dir.user(uid); ok && u.TeamID != "" {
			team = u.TeamID
		} else if u := a.users.cached(uid); u.TeamID != "" {
			team = u.TeamID
		}
		out = append(out, deploybot.SlackActor(team, uid))
	}
	return out, nil
}

// Members returns the actors (deploybot.SlackActor ids, never names) of
// the Slack user group whose handle is group ("release-managers", with or
// without its "@"; a group id such as "S0123ABCD" works too). The handles
// and each group's members are cached for Options.GroupTTL. A group that
// does not exist, or is disabled, is an ENOTFOUND error; when Slack cannot
// be asked, the error is returned: the group grants nothing.
func (a *Adapter) Members(ctx context.Context, group string) ([]string, error) {
	return a.groupActors(ctx, strings.TrimPrefix(strings.TrimSpace(group), "@"))
}

// CheckEntries resolves every access-list entry at once, for `deploybot
// config validate` and the start of serve, and returns one error per entry
// that cannot be resolved (unknown or shared names, unknown ids, groups
// Slack cannot resolve), each naming its entry; none when all resolve.
// Entries named twice are checked once.
func (a *Adapter) CheckEntries(ctx context.Context, entries []string) []error {
	var errs []error
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e] {
			continue
		}
		seen[e] = true
		if _, err := a.Resolve(ctx, e); err != nil {
			errs = append(errs, fmt.Errorf("access list entry %q: %w", e, err))
		}
	}
	return errs
}

// nameOf returns the current name to show for user id, "" when Slack
// cannot say.
func (a *Adapter) nameOf(ctx context.Context, id string) string {
	if u := a.users.cached(id); u.Name != "" || u.DisplayName != "" {
		return u.display()
	}
	if u, ok := a.dir.user(id); ok {
		return u.display()
	}
	if u, err := a.users.lookup(ctx, id); err == nil && (u.Name != "" || u.DisplayName != "") {
		return u.display()
	}
	return ""
}

// humanize replaces the actors ("U0123@T0456") in the texts of r by the
// people's current names; a person Slack cannot name is shown as a
// mention (<@U0123>), which Slack renders, or as @U0123 where text is
// plain. Button values are left as they are.
func (a *Adapter) humanize(ctx context.Context, r deploybot.Reply) deploybot.Reply {
	names := map[string]string{}
	repl := func(s string, mention bool) string {
		if !strings.Contains(s, "@") {
			return s
		}
		return actorText.ReplaceAllStringFunc(s, func(m string) string {
			id := actorText.FindStringSubmatch(m)[1]
			n, ok := names[id]
			if !ok {
				n = a.nameOf(ctx, id)
				names[id] = n
			}
			switch {
			case n != "":
				return n
			case mention:
				return "<@" + id + ">"
			}
			return "@" + id
		})
	}
	r.Title = repl(r.Title, false)
	r.Text = repl(r.Text, true)
	r.Note = repl(r.Note, true)
	if len(r.Fields) > 0 {
		fields := make([]deploybot.Field, len(r.Fields))
		for i, f := range r.Fields {
			fields[i] = deploybot.Field{Label: repl(f.Label, true), Value: repl(f.Value, true)}
		}
		r.Fields = fields
	}
	if len(r.Actions) > 0 {
		actions := make([]deploybot.Button, len(r.Actions))
		for i, b := range r.Actions {
			b.Label = repl(b.Label, false)
			actions[i] = b
		}
		r.Actions = actions
	}
	return r
}
