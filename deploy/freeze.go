package deploy

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"deploybot"
	"deploybot/policy"
)

// FreezeLister lists the freezes set by chat that are not lifted and not
// over; the caller reads the slice and never changes it (the store may
// hand the same one to others).
type FreezeLister interface {
	Freezes(ctx context.Context) ([]deploybot.Freeze, error)
}

// WithChatFreezes returns the calendars of base with the freezes set by
// chat added: the one calendar that plans, "can I deploy…?", reminders and
// status all read, so that a freeze set by chat holds everywhere at once.
// When the freezes cannot be read, the calendar fails closed: it holds a
// freeze of everything that says why, until they can be read again.
func WithChatFreezes(base func(project string) policy.Calendar, store FreezeLister, onErr func(error)) func(project string) policy.Calendar {
	// The calendar's form of the freezes last listed, while the store
	// hands the same slice (a store that keeps them in memory: the
	// scripted chat's, store.DB.Freezes): every calendar built turned
	// each of them again, with a slice for its project and one for its
	// environment (issue 19: a tenth of the bytes bench's chat
	// allocated). Held, the slice's array cannot be reused by another.
	var mu sync.Mutex
	var listed []deploybot.Freeze
	var turned []policy.Freeze
	chatFreezes := func(fs []deploybot.Freeze) []policy.Freeze {
		mu.Lock()
		defer mu.Unlock()
		if len(fs) > 0 && len(fs) == len(listed) && &fs[0] == &listed[0] {
			return turned
		}
		out := make([]policy.Freeze, len(fs))
		for i, f := range fs {
			out[i] = ChatFreeze(f)
		}
		listed, turned = fs, out
		return out
	}
	// The calendar's freezes (base's, then chat's) last joined for each
	// project, while base gives it the same freezes (none, most often) and
	// the store the same list: every calendar built copied them all into
	// a new slice, the base's and every chat freeze in force (issue 19:
	// the largest allocation of bench's scripted chat, a tenth of its
	// bytes, growing with the freezes set). The slice is shared, clipped
	// so that an append copies it; readers never change a calendar's
	// freezes.
	joins := map[string]joinedFreezes{}
	join := func(project string, own []policy.Freeze, fs []deploybot.Freeze) []policy.Freeze {
		mu.Lock()
		j, ok := joins[project]
		mu.Unlock()
		if ok && sameSlice(j.own, own) && sameSlice(j.listed, fs) {
			return j.out
		}
		out := slices.Clone(own)
		for i, pf := range chatFreezes(fs) {
			if f := fs[i]; project != "" && f.Project != "" && f.Project != project {
				continue
			}
			out = append(out, pf)
		}
		out = slices.Clip(out)
		mu.Lock()
		if len(joins) >= maxJoinedFreezes {
			clear(joins)
		}
		joins[project] = joinedFreezes{own: own, listed: fs, out: out}
		mu.Unlock()
		return out
	}
	return func(project string) policy.Calendar {
		c := base(project)
		fs, err := store.Freezes(context.Background())
		if err != nil {
			if onErr != nil {
				onErr(err)
			}
			c.Freezes = append(slices.Clone(c.Freezes), policy.Freeze{Since: time.Unix(0, 0), Until: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC),
				Reason: "the freezes set by chat cannot be read: " + err.Error()})
			return c
		}
		c.Freezes = join(project, c.Freezes, fs)
		return c
	}
}

// joinedFreezes is a calendar's freezes, joined (out) from its base's
// (own) and the list of the freezes set by chat.
type joinedFreezes struct {
	own    []policy.Freeze
	listed []deploybot.Freeze
	out    []policy.Freeze
}

// maxJoinedFreezes bounds the projects whose freezes WithChatFreezes
// keeps joined: past it, it starts again empty.
const maxJoinedFreezes = 256

// sameSlice reports whether a and b are the same slice: the same
// elements of the same array, or both empty.
func sameSlice[E any](a, b []E) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// ChatFreeze turns a freeze set by chat into the calendar's form.
func ChatFreeze(f deploybot.Freeze) policy.Freeze {
	pf := policy.Freeze{Since: f.From, Until: f.To, Reason: f.Reason, ID: f.ID, CreatedBy: f.CreatedBy}
	if f.Project != "" {
		pf.Projects = []string{f.Project}
	}
	if f.Env != "" {
		pf.Environments = []string{f.Env}
	}
	return pf
}

// approverOf reports whether user approves t: named in its approve list,
// or t has no access entry at all (an open environment).
func approverOf(t Target, user string) bool {
	if len(t.Approvers) == 0 && len(t.Deployers) == 0 {
		return true
	}
	return policy.Member(t.Approvers, user)
}

// Freeze forbids deployments of f.Project ("" for all) to f.Env ("" for
// all) from f.From (default now) until f.To. A project's freeze is set by
// its deployers and approvers; a freeze of every project by the admins and
// by whoever approves production in every project.
func (s *Service) Freeze(ctx context.Context, f deploybot.Freeze) (int64, error) {
	s.init()
	if f.From.IsZero() {
		f.From = s.Now()
	}
	if !f.To.After(f.From) {
		return 0, deploybot.Errorf2(deploybot.EINVALID, "un gel doit finir après avoir commencé", "a freeze must end after it starts")
	}
	if f.Project != "" {
		env := f.Env
		if env == "" {
			env = deploybot.EnvProduction
		}
		t, err := s.target(ctx, f.Project, env)
		if err != nil {
			return 0, err
		}
		if err := operator(t, f.CreatedBy); err != nil {
			return 0, err
		}
	} else if !s.Admin(ctx, f.CreatedBy) {
		for _, pe := range s.productions() {
			t, err := s.target(ctx, pe[0], pe[1])
			if err != nil {
				continue
			}
			if !approverOf(t, f.CreatedBy) {
				return 0, deploybot.Errorf2(deploybot.EFORBIDDEN,
					"%s ne peut pas geler tous les projets : réservé aux admins et à qui approuve la production de chaque projet (pas %s)",
					"%s may not freeze every project: admins only, and whoever approves production in every project (not %s)",
					f.CreatedBy, pe[0])
			}
		}
	}
	return s.Store.AddFreeze(ctx, f)
}

func (s *Service) productions() [][2]string {
	if s.AllTargets == nil {
		return nil
	}
	return s.AllTargets()
}

// mayLift reports whether user may lift chat freeze f: its author, an
// admin, or an approver of each production environment it covers.
func (s *Service) mayLift(ctx context.Context, f deploybot.Freeze, user string) bool {
	if f.CreatedBy == user || s.Admin(ctx, user) {
		return true
	}
	if f.Env != "" && f.Env != deploybot.EnvProduction {
		// A freeze of a non-production environment: its approvers.
		t, err := s.target(ctx, f.Project, f.Env)
		return err == nil && approverOf(t, user) && len(t.Approvers) > 0
	}
	covered := 0
	for _, pe := range s.productions() {
		if f.Project != "" && pe[0] != f.Project {
			continue
		}
		t, err := s.target(ctx, pe[0], pe[1])
		if err != nil {
			continue
		}
		if len(t.Approvers) == 0 || !policy.Member(t.Approvers, user) {
			return false
		}
		covered++
	}
	return covered > 0
}

// Unfreeze lifts the freezes set by chat in force now on project
// ("" for those of every project) and env ("": whatever environments they
// cover; else only the freezes of that environment, never one of the
// whole project, which covers the others too), that user may lift: their
// author, an admin, or an approver of every production environment they
// cover. With neither project nor env (a bare "unfreeze"), it lifts every
// chat freeze in force user may lift, a project's too (it lifted only
// those of every project: a new user's own freeze of api staging stayed
// and blocked a deploy two days later). Freezes from the configuration
// file change only through the file.
func (s *Service) Unfreeze(ctx context.Context, project, env, user string) (int, error) {
	s.init()
	fs, err := s.Store.Freezes(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	var refused []string
	now := s.Now()
	every := project == "" && env == "" // a bare "unfreeze": every chat freeze in force the user may lift (README)
	for _, f := range fs {
		if !every && (f.Project != project || env != "" && f.Env != env) || f.From.After(now) {
			continue // another scope, or not in force yet: a planned one is lifted by its number (UnfreezeID)
		}
		if every && f.Project != "" && !s.mayLift(ctx, f, user) {
			continue // someone else's project freeze, left alone by a bare "unfreeze" (it lifted none of the user's own)
		}
		if !s.mayLift(ctx, f, user) {
			refused = append(refused, fmt.Sprintf("#%d (%s)", f.ID, f.CreatedBy))
			continue
		}
		ok, err := s.Store.LiftFreeze(ctx, f.ID, user)
		if err != nil {
			return n, err
		}
		if ok {
			n++
		}
	}
	if n == 0 && len(refused) > 0 {
		return 0, deploybot.Errorf2(deploybot.EFORBIDDEN,
			"vous ne pouvez pas lever %s : seuls son auteur, un admin ou un approbateur de chaque production concernée le peuvent",
			"you may not lift %s: only its author, an admin or an approver of every production it covers may",
			strings.Join(refused, ", "))
	}
	return n, nil
}

// UnfreezeID lifts the chat freeze id, in force or planned, when user may
// lift it; false when there is no such freeze left to lift.
func (s *Service) UnfreezeID(ctx context.Context, id int64, user string) (bool, error) {
	s.init()
	fs, err := s.Store.Freezes(ctx)
	if err != nil {
		return false, err
	}
	for _, f := range fs {
		if f.ID != id {
			continue
		}
		if !s.mayLift(ctx, f, user) {
			return false, deploybot.Errorf2(deploybot.EFORBIDDEN,
				"vous ne pouvez pas lever #%d (%s) : seuls son auteur, un admin ou un approbateur de chaque production concernée le peuvent",
				"you may not lift #%d (%s): only its author, an admin or an approver of every production it covers may", f.ID, f.CreatedBy)
		}
		return s.Store.LiftFreeze(ctx, f.ID, user)
	}
	return false, nil
}

// Freezes lists the freezes in force or to come for project ("" for
// all), from the configuration and from chat, in the order they start.
func (s *Service) Freezes(project string) []policy.Freeze {
	s.init()
	if s.Calendar == nil {
		return nil
	}
	c := s.Calendar(project)
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	now := s.Now()
	// The freezes not over, in the order they start: those of the
	// calendar's freezes sorted once (a stable sort, then the ones not
	// over, gives what sorting the ones not over gives), and, when none
	// is over, that sorted slice itself, shared (callers read it). Each
	// status and "freezes" copied and sorted them all, every chat freeze
	// in force (issue 19: the largest allocation of bench's scripted chat
	// once calendars shared their freezes, WithChatFreezes).
	sorted := s.starts.sorted(project, c.Freezes, loc)
	over := 0
	for _, f := range sorted {
		if !f.Ends(loc).After(now) {
			over++
		}
	}
	switch over {
	case len(sorted):
		return nil
	case 0:
		return sorted
	}
	out := make([]policy.Freeze, 0, len(sorted)-over)
	for _, f := range sorted {
		if f.Ends(loc).After(now) {
			out = append(out, f)
		}
	}
	return out
}

// freezeStarts keeps, for each project, its calendar's freezes sorted
// stably by start, while the calendar gives the same freezes (a
// calendar of WithChatFreezes shares them while nothing changes).
type freezeStarts struct {
	mu sync.Mutex
	m  map[string]sortedFreezes
}

type sortedFreezes struct {
	from   []policy.Freeze // the calendar's
	loc    *time.Location
	sorted []policy.Freeze
}

// sorted returns fs sorted stably by start in loc, clipped: an append
// copies it.
func (k *freezeStarts) sorted(project string, fs []policy.Freeze, loc *time.Location) []policy.Freeze {
	k.mu.Lock()
	e, ok := k.m[project]
	k.mu.Unlock()
	if ok && e.loc == loc && sameSlice(e.from, fs) {
		return e.sorted
	}
	sorted := slices.Clip(slices.Clone(fs))
	slices.SortStableFunc(sorted, func(a, b policy.Freeze) int { return a.Starts(loc).Compare(b.Starts(loc)) })
	k.mu.Lock()
	if k.m == nil || len(k.m) >= maxJoinedFreezes {
		k.m = map[string]sortedFreezes{}
	}
	k.m[project] = sortedFreezes{from: fs, loc: loc, sorted: sorted}
	k.mu.Unlock()
	return sorted
}
