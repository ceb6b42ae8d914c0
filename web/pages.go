package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"deploybot"
	"deploybot/dora"
)

// Deployment is a deployment as the API shows it.
type Deployment struct {
	ID              int64                 `json:"id"`
	Project         string                `json:"project"`
	Env             string                `json:"env"`
	Version         string                `json:"version"`
	Ref             string                `json:"ref,omitempty"`
	Action          deploybot.Action      `json:"action"`
	State           deploybot.DeployState `json:"state"`
	Replaces        string                `json:"replaces,omitempty"`
	PreviousVersion string                `json:"previous_version,omitempty"`
	RollbackOf      int64                 `json:"rollback_of,omitempty"`
	DrillID         int64                 `json:"drill_id,omitempty"`
	Strategy        deploybot.Strategy    `json:"strategy,omitempty"`
	Requester       string                `json:"requester"`
	Approver        string                `json:"approver,omitempty"`
	Reason          string                `json:"reason,omitempty"`
	Force           bool                  `json:"force,omitempty"`
	Reasons         []string              `json:"reasons,omitempty"`
	Ticked          []string              `json:"ticked,omitempty"`
	Failure         deploybot.Failure     `json:"failure,omitempty"`
	Started         bool                  `json:"started"`
	StartedAt       *time.Time            `json:"started_at,omitempty"`
	ExecutorRef     string                `json:"executor_ref,omitempty"`
	Output          string                `json:"output,omitempty"`
	// FirstCommitAt is when the earliest commit a production deploy
	// shipped was made, where its changelog dated it: its lead time
	// starts there.
	FirstCommitAt *time.Time `json:"first_commit_at,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

func view(d deploybot.Deployment) Deployment {
	v := Deployment{ID: d.ID, Project: d.Project, Env: d.Env, Version: d.Version, Ref: d.Ref, Action: d.Action, State: d.State,
		Replaces: d.Replaces, PreviousVersion: d.PreviousVersion, RollbackOf: d.RollbackOf, DrillID: d.DrillID, Strategy: d.Strategy,
		Requester: d.Requester, Approver: d.Approver, Reason: d.Reason, Force: d.Force, Reasons: d.Reasons, Ticked: d.Ticked,
		Failure: d.Failure, Started: d.Started, ExecutorRef: d.ExecutorRef, Output: d.Output, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	if !d.StartedAt.IsZero() {
		t := d.StartedAt
		v.StartedAt = &t
	}
	if !d.FirstCommitAt.IsZero() {
		t := d.FirstCommitAt
		v.FirstCommitAt = &t
	}
	return v
}

func views(ds []deploybot.Deployment) []Deployment {
	out := make([]Deployment, 0, len(ds))
	for _, d := range ds {
		out = append(out, view(d))
	}
	return out
}

// EnvState is what runs in one environment of one project.
type EnvState struct {
	Project string `json:"project"`
	Env     string `json:"env"`
	// Current is the deployment of the current version: the latest run
	// whose executor started, whatever its outcome (nil: nothing ran).
	Current *Deployment `json:"current"`
	Lock    *Lock       `json:"lock,omitempty"`
	Freeze  *Freeze     `json:"freeze,omitempty"`
}

// Lock is a held lock.
type Lock struct {
	Holder       string     `json:"holder"`
	DeploymentID int64      `json:"deployment_id,omitempty"`
	Reason       string     `json:"reason,omitempty"`
	Since        time.Time  `json:"since"`
	Expires      *time.Time `json:"expires,omitempty"`
}

// Now is what the home page shows.
type Now struct {
	At           time.Time    `json:"at"`
	Environments []EnvState   `json:"environments"`
	Pending      []Deployment `json:"pending"` // plans and approvals waited for
	Running      []Deployment `json:"running"` // approved, running, verifying, monitoring
}

var (
	pendingStates = []deploybot.DeployState{deploybot.StateRequested, deploybot.StateAwaitingApproval}
	runningStates = []deploybot.DeployState{deploybot.StateApproved, deploybot.StateRunning, deploybot.StateVerifying, deploybot.StateMonitoring}
	allStates     = []deploybot.DeployState{deploybot.StateRequested, deploybot.StateAwaitingApproval, deploybot.StateApproved,
		deploybot.StateRunning, deploybot.StateVerifying, deploybot.StateMonitoring, deploybot.StateSucceeded, deploybot.StateFailed,
		deploybot.StateRolledBack, deploybot.StateInterrupted, deploybot.StateCancelled, deploybot.StateRejected}
)

func (h *Handler) now(ctx context.Context) (Now, error) {
	now := h.opts.Now()
	out := Now{At: now.In(h.opts.Location), Environments: []EnvState{}}
	locks, err := h.opts.Store.Locks(ctx, "")
	if err != nil {
		return out, err
	}
	for _, p := range h.opts.Projects {
		for _, e := range p.Environments {
			st := EnvState{Project: p.Name, Env: e.Name}
			runs, err := h.opts.Store.Runs(ctx, p.Name, e.Name)
			if err != nil {
				return out, err
			}
			for i := len(runs) - 1; i >= 0; i-- {
				if runs[i].Version != "" {
					v := view(runs[i])
					st.Current = &v
					break
				}
			}
			for _, l := range locks {
				if l.Project == p.Name && strings.EqualFold(l.Env, e.Name) {
					lk := Lock{Holder: l.Holder, DeploymentID: l.DeploymentID, Reason: l.Reason, Since: l.AcquiredAt}
					if !l.ExpiresAt.IsZero() {
						t := l.ExpiresAt
						lk.Expires = &t
					}
					st.Lock = &lk
				}
			}
			if h.opts.Calendars != nil {
				if f, ok := h.opts.Calendars.FreezeAt(p.Name, e.Name, now); ok {
					st.Freeze = &f
				}
			}
			out.Environments = append(out.Environments, st)
		}
	}
	pending, err := h.opts.Store.FindDeployments(ctx, deploybot.DeploymentFilter{States: pendingStates, Limit: 100})
	if err != nil {
		return out, err
	}
	running, err := h.opts.Store.FindDeployments(ctx, deploybot.DeploymentFilter{States: runningStates, Limit: 100})
	if err != nil {
		return out, err
	}
	out.Pending, out.Running = views(pending), views(running)
	return out, nil
}

func (h *Handler) nowPage(w http.ResponseWriter, r *http.Request) {
	n, err := h.now(r.Context())
	h.render(w, r, "now", n, err)
}

func (h *Handler) apiNow(r *http.Request) (any, error) { return h.now(r.Context()) }

// Filter selects deployments on the timeline.
type Filter struct {
	Project string                `json:"project,omitempty"`
	Env     string                `json:"env,omitempty"`
	Person  string                `json:"person,omitempty"` // requester or approver
	State   deploybot.DeployState `json:"state,omitempty"`
	Action  deploybot.Action      `json:"action,omitempty"`
	From    string                `json:"from,omitempty"` // YYYY-MM-DD, in the agency's zone
	To      string                `json:"to,omitempty"`   // included
	Limit   int                   `json:"limit"`
}

// Timeline is the deployments that match a filter, newest first, by day.
type Timeline struct {
	Filter    Filter        `json:"filter"`
	Days      []TimelineDay `json:"days"`
	Count     int           `json:"count"`
	Projects  []string      `json:"-"`
	Envs      []string      `json:"-"`
	States    []string      `json:"-"`
	Truncated bool          `json:"truncated"`
}

// TimelineDay is one day of the timeline.
type TimelineDay struct {
	Date        string       `json:"date"`
	Deployments []Deployment `json:"deployments"`
}

const maxTimeline = 500

func parseFilter(q url.Values) (Filter, error) {
	f := Filter{Project: strings.TrimSpace(q.Get("project")), Env: strings.TrimSpace(q.Get("env")),
		Person: strings.TrimSpace(q.Get("person")), State: deploybot.DeployState(q.Get("state")),
		Action: deploybot.Action(q.Get("action")), From: q.Get("from"), To: q.Get("to"), Limit: 200}
	if f.State != "" && !slices.Contains(allStates, f.State) {
		return f, deploybot.Errorf(deploybot.EINVALID, "unknown state %q", f.State)
	}
	if f.Action != "" && f.Action != deploybot.ActionDeploy && f.Action != deploybot.ActionRollback {
		return f, deploybot.Errorf(deploybot.EINVALID, "unknown action %q: deploy or rollback", f.Action)
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxTimeline {
			return f, deploybot.Errorf(deploybot.EINVALID, "limit must be a number from 1 to %d", maxTimeline)
		}
		f.Limit = n
	}
	for _, d := range []string{f.From, f.To} {
		if d != "" {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return f, deploybot.Errorf(deploybot.EINVALID, "date %q: expected YYYY-MM-DD", d)
			}
		}
	}
	return f, nil
}

func (h *Handler) timeline(ctx context.Context, q url.Values) (Timeline, error) {
	f, err := parseFilter(q)
	t := Timeline{Filter: f, Projects: h.projectNames(), Envs: h.envNames(), Days: []TimelineDay{}}
	for _, s := range allStates {
		t.States = append(t.States, string(s))
	}
	if err != nil {
		return t, err
	}
	df := deploybot.DeploymentFilter{Project: f.Project, Env: f.Env, Action: f.Action, Limit: maxTimeline * 4}
	if f.State != "" {
		df.States = []deploybot.DeployState{f.State}
	}
	ds, err := h.opts.Store.FindDeployments(ctx, df)
	if err != nil {
		return t, err
	}
	// Newest first by when they were planned (ids follow the same order
	// unless a history was imported).
	slices.SortStableFunc(ds, func(a, b deploybot.Deployment) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(b.ID, a.ID))
	})
	loc := h.opts.Location
	var from, to time.Time
	if f.From != "" {
		from, _ = time.ParseInLocation(time.DateOnly, f.From, loc)
	}
	if f.To != "" {
		to, _ = time.ParseInLocation(time.DateOnly, f.To, loc)
		to = to.AddDate(0, 0, 1)
	}
	index := map[string]int{}
	for _, d := range ds {
		if f.Person != "" && !strings.EqualFold(d.Requester, f.Person) && !strings.EqualFold(d.Approver, f.Person) {
			continue
		}
		at := d.CreatedAt.In(loc)
		if (!from.IsZero() && at.Before(from)) || (!to.IsZero() && !at.Before(to)) {
			continue
		}
		if t.Count == f.Limit {
			t.Truncated = true
			break
		}
		t.Count++
		day := at.Format(time.DateOnly)
		i, ok := index[day]
		if !ok {
			i = len(t.Days)
			index[day] = i
			t.Days = append(t.Days, TimelineDay{Date: day})
		}
		t.Days[i].Deployments = append(t.Days[i].Deployments, view(d))
	}
	return t, nil
}

func (h *Handler) projectNames() []string {
	var out []string
	for _, p := range h.opts.Projects {
		out = append(out, p.Name)
	}
	return out
}

func (h *Handler) envNames() []string {
	var out []string
	for _, p := range h.opts.Projects {
		for _, e := range p.Environments {
			if !slices.Contains(out, e.Name) {
				out = append(out, e.Name)
			}
		}
	}
	return out
}

func (h *Handler) timelinePage(w http.ResponseWriter, r *http.Request) {
	t, err := h.timeline(r.Context(), r.URL.Query())
	h.render(w, r, "timeline", t, err)
}

func (h *Handler) apiDeployments(r *http.Request) (any, error) {
	return h.timeline(r.Context(), r.URL.Query())
}

// Detail is a deployment's page: the deployment, its transitions
// (confirmation, approvals, run, verification, monitoring, with their
// notes), the plan as the bot showed it, the changelog and the audit
// events that name it.
type Detail struct {
	Deployment     Deployment   `json:"deployment"`
	Events         []Event      `json:"events"`
	Plan           string       `json:"plan,omitempty"` // the bot's reply that planned it, from the audit trail
	Changes        []Change     `json:"changes"`
	ChangesError   string       `json:"changes_error,omitempty"`
	Audit          []AuditEvent `json:"audit"`
	RollbackTarget *Deployment  `json:"rollback_of_deployment,omitempty"`
}

func parseID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(r.PathValue("id"), "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, deploybot.Errorf(deploybot.EINVALID, "%q is not a deployment number", r.PathValue("id"))
	}
	return id, nil
}

// Change is one change between the version replaced and the version
// deployed.
type Change struct {
	Type        string     `json:"type"`
	Summary     string     `json:"summary"`
	SHA         string     `json:"sha,omitempty"`
	CommittedAt *time.Time `json:"committed_at,omitempty"` // the committer time, where the source gives it
}

// AuditEvent is one event of the audit trail.
type AuditEvent struct {
	At      time.Time `json:"at"`
	Kind    string    `json:"kind"`
	Actor   string    `json:"actor"`
	Name    string    `json:"name,omitempty"`
	Project string    `json:"project,omitempty"`
	Env     string    `json:"env,omitempty"`
	What    string    `json:"what"`
	Detail  string    `json:"detail,omitempty"`
}

// changelogTimeout bounds the changelog source (a forge's API) on a page.
const changelogTimeout = 3 * time.Second

func (h *Handler) detail(ctx context.Context, id int64) (Detail, error) {
	d, err := h.opts.Store.Deployment(ctx, id)
	if err != nil {
		return Detail{}, err
	}
	out := Detail{Deployment: view(d), Changes: []Change{}}
	if out.Events, err = h.opts.Store.Events(ctx, id); err != nil {
		return out, err
	}
	audit, err := h.opts.Store.AuditEvents(ctx, deploybot.AuditFilter{Project: d.Project, Since: d.CreatedAt.Add(-time.Minute)})
	if err != nil {
		return out, err
	}
	mention := regexp.MustCompile(`#` + strconv.FormatInt(id, 10) + `\b`)
	out.Audit = []AuditEvent{}
	for _, e := range audit {
		if !mention.MatchString(e.What + " " + e.Detail) {
			continue
		}
		out.Audit = append(out.Audit, AuditEvent{At: e.At, Kind: e.Kind, Actor: e.Actor, Name: e.Name, Project: e.Project, Env: e.Env, What: e.What, Detail: e.Detail})
		if out.Plan == "" && e.Kind == "message" {
			if _, reply, ok := strings.Cut(e.Detail, " ⇒ "); ok && mention.MatchString(reply) {
				out.Plan = reply
			}
		}
	}
	if d.RollbackOf != 0 {
		if o, err := h.opts.Store.Deployment(ctx, d.RollbackOf); err == nil {
			v := view(o)
			out.RollbackTarget = &v
		}
	}
	if h.opts.Changelog != nil && d.Replaces != "" && d.Version != "" && d.Replaces != d.Version {
		cctx, cancel := context.WithTimeout(ctx, changelogTimeout)
		defer cancel()
		changes, err := h.opts.Changelog.Changes(cctx, d.Project, d.Replaces, d.Version)
		if err != nil {
			out.ChangesError = deploybot.ErrorMessage(err)
		} else {
			for _, c := range changes {
				v := Change{Type: c.Type, Summary: c.Summary, SHA: c.SHA}
				if !c.CommittedAt.IsZero() {
					at := c.CommittedAt
					v.CommittedAt = &at
				}
				out.Changes = append(out.Changes, v)
			}
		}
	}
	return out, nil
}

func (h *Handler) deploymentPage(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r)
	if err != nil {
		h.render(w, r, "detail", nil, err)
		return
	}
	d, err := h.detail(r.Context(), id)
	h.render(w, r, "detail", d, err)
}

func (h *Handler) apiDeployment(r *http.Request) (any, error) {
	id, err := parseID(r)
	if err != nil {
		return nil, err
	}
	return h.detail(r.Context(), id)
}

// CalendarPage is the calendar of the next four weeks.
type CalendarPage struct {
	Project  string   `json:"project,omitempty"`
	Projects []string `json:"-"`
	Calendar
}

// calendarDays is how far the calendar looks ahead: four weeks.
const calendarDays = 28

func (h *Handler) calendar(ctx context.Context, q url.Values) (CalendarPage, error) {
	out := CalendarPage{Project: q.Get("project"), Projects: h.projectNames()}
	if out.Project != "" && !slices.Contains(out.Projects, out.Project) {
		return out, deploybot.Errorf(deploybot.ENOTFOUND, "unknown project %q", out.Project)
	}
	if h.opts.Calendars == nil {
		out.Zone = h.opts.Location.String()
		out.Days, out.Freezes, out.Reminders = []Day{}, []Freeze{}, []Reminder{}
		return out, nil
	}
	c, err := h.opts.Calendars.Calendar(ctx, out.Project, h.opts.Now(), calendarDays)
	out.Calendar = c
	return out, err
}

func (h *Handler) calendarPage(w http.ResponseWriter, r *http.Request) {
	c, err := h.calendar(r.Context(), r.URL.Query())
	h.render(w, r, "calendar", c, err)
}

func (h *Handler) apiCalendar(r *http.Request) (any, error) {
	return h.calendar(r.Context(), r.URL.Query())
}

// DORA is the DORA page: the agency's figures and each project's over a
// period, with the previous period and the trend.
type DORA struct {
	Period     string       `json:"period"`
	From       time.Time    `json:"from"`
	To         time.Time    `json:"to"`
	Project    string       `json:"project,omitempty"`
	ReportYear int          `json:"report_year"`
	LeadFrom   string       `json:"lead_time_note"`
	Rows       []DORARow    `json:"rows"`
	Periods    []string     `json:"-"`
	Projects   []string     `json:"-"`
	Chart      []dora.Week  `json:"-"`
	ChartMax   int          `json:"-"`
	Bands      []BandLegend `json:"-"`
}

// DORARow is the figures of one project, or of the agency ("").
type DORARow struct {
	Project  string       `json:"project"` // "" for the agency
	Current  dora.Figures `json:"current"`
	Previous dora.Figures `json:"previous"`
	Trends   dora.Trends  `json:"trends"`
}

// BandLegend is one cluster of the 2024 report.
type BandLegend struct {
	Band                                   dora.Band
	Frequency, LeadTime, FailRate, Restore string
}

var legend = []BandLegend{
	{dora.BandElite, "on demand, several a day", "less than a day", "5%", "less than an hour"},
	{dora.BandHigh, "daily to weekly", "a day to a week", "20%", "less than a day"},
	{dora.BandMedium, "weekly to monthly", "a week to a month", "10%", "less than a day"},
	{dora.BandLow, "monthly to every six months", "a month to six months", "40%", "a week to a month"},
}

var periods = []string{"7d", "30d", "90d", "365d"}

func (h *Handler) dora(ctx context.Context, q url.Values) (DORA, error) {
	now := h.opts.Now()
	period := q.Get("period")
	if period == "" {
		period = "30d"
	}
	out := DORA{Period: period, Project: q.Get("project"), ReportYear: dora.ReportYear, Periods: periods, Projects: h.projectNames(), Bands: legend}
	p, err := dora.ParsePeriod(period, now)
	if err != nil {
		return out, err
	}
	if out.Project != "" && !slices.Contains(out.Projects, out.Project) {
		return out, deploybot.Errorf(deploybot.ENOTFOUND, "unknown project %q", out.Project)
	}
	out.From, out.To = p.From.In(h.opts.Location), p.To.In(h.opts.Location)
	hs, err := dora.Load(ctx, h.opts.Store, out.Projects)
	if err != nil {
		return out, err
	}
	add := func(project string, hs []dora.History) {
		r := dora.NewReport(project, hs, p, now, h.opts.Location)
		out.Rows = append(out.Rows, DORARow{Project: project, Current: r.Current, Previous: r.Previous, Trends: r.Trends})
	}
	if out.Project == "" {
		add("", hs)
		for _, x := range hs {
			add(x.Project, []dora.History{x})
		}
	} else {
		add(out.Project, dora.Only(hs, out.Project))
	}
	first := out.Rows[0].Current
	out.LeadFrom = dora.LeadNote(first.LeadFrom, deploybot.English)
	out.Chart = first.Weeks
	for _, w := range out.Chart {
		out.ChartMax = max(out.ChartMax, w.Deployments)
	}
	return out, nil
}

func (h *Handler) doraPage(w http.ResponseWriter, r *http.Request) {
	d, err := h.dora(r.Context(), r.URL.Query())
	h.render(w, r, "dora", d, err)
}

func (h *Handler) apiDORA(r *http.Request) (any, error) { return h.dora(r.Context(), r.URL.Query()) }

// Project is a configured project and its environments.
type Project struct {
	Name         string   `json:"name"`
	Aliases      []string `json:"aliases,omitempty"`
	Environments []string `json:"environments"`
}

func (h *Handler) apiProjects(r *http.Request) (any, error) {
	out := []Project{}
	for _, p := range h.opts.Projects {
		x := Project{Name: p.Name, Aliases: p.Aliases, Environments: []string{}}
		for _, e := range p.Environments {
			x.Environments = append(x.Environments, e.Name)
		}
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b Project) int { return cmp.Compare(a.Name, b.Name) })
	return map[string]any{"projects": out, "user": userOf(r)}, nil
}

// ago says how long ago t was, for people.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	if d < 0 {
		return "in " + dora.Duration(-d, deploybot.English)
	}
	return dora.Duration(d, deploybot.English) + " ago"
}

func pct(v float64) string { return fmt.Sprintf("%.0f%%", v*100) }
