// Package web serves deploybot's read-only pages and their JSON API: what
// runs where now (/), the deployments by day with filters (/deployments)
// and each deployment's page (/deployments/{id}), the next four weeks'
// calendar (/calendar) and the four DORA figures (/dora); the same data as
// JSON under /api/v1/ (docs/api.md). Templates and assets are embedded.
//
// It is an adapter like slack: it imports the domain and the dora
// package, and reads everything through the interfaces declared here,
// which cmd/deploybot satisfies with the store and the calendar.
//
// Nothing here changes state: every route is a GET. Who may read is
// decided per request (see Auth): a Slack (OpenID Connect) session in a
// signed cookie, a user header set by a trusted authenticating proxy, or,
// with neither configured, a loopback peer only.
package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"deploybot"
)

// Store is what the pages read of the database; store.DB satisfies it but
// for Events, which cmd/deploybot adapts.
type Store interface {
	FindDeployments(ctx context.Context, f deploybot.DeploymentFilter) ([]deploybot.Deployment, error)
	Deployment(ctx context.Context, id int64) (deploybot.Deployment, error)
	// Runs returns the runs of an environment whose executor started,
	// oldest first.
	Runs(ctx context.Context, project, env string) ([]deploybot.Deployment, error)
	Locks(ctx context.Context, project string) ([]deploybot.Lock, error)
	AuditEvents(ctx context.Context, f deploybot.AuditFilter) ([]deploybot.AuditEvent, error)
	// Events returns the transitions of deployment id, oldest first.
	Events(ctx context.Context, id int64) ([]Event, error)
}

// Event is one transition of a deployment.
type Event struct {
	From  deploybot.DeployState `json:"from,omitempty"`
	To    deploybot.DeployState `json:"to"`
	Actor string                `json:"actor"`
	Note  string                `json:"note,omitempty"`
	At    time.Time             `json:"at"`
}

// Calendars gives the deployment calendar: the windows, public holidays,
// freezes and reminders of the days ahead, and the freeze in force for an
// environment.
type Calendars interface {
	// Calendar returns days days from the day of from, for project ("":
	// the agency), in the calendar's zone.
	Calendar(ctx context.Context, project string, from time.Time, days int) (Calendar, error)
	// FreezeAt returns the freeze that covers project/env at t, if any.
	FreezeAt(project, env string, t time.Time) (Freeze, bool)
}

// Calendar is the calendar of some days ahead.
type Calendar struct {
	Zone      string     `json:"zone"`
	Days      []Day      `json:"days"`
	Freezes   []Freeze   `json:"freezes"`
	Reminders []Reminder `json:"reminders"`
}

// Day is one day of the calendar, cut into spans of one class.
type Day struct {
	Date    time.Time `json:"date"`
	Holiday string    `json:"holiday,omitempty"`
	Eve     string    `json:"eve_of,omitempty"` // the holiday of the next day, on its eve
	Spans   []Span    `json:"spans"`
}

// Span is a part of a day in one class for a production deployment:
// recommended, acceptable, outside, avoid or frozen.
type Span struct {
	From   string `json:"from"` // "10:00"
	To     string `json:"to"`   // "16:00", "24:00"
	Class  string `json:"class"`
	Reason string `json:"reason,omitempty"` // the holiday or freeze
}

// Freeze is a period with no deployment.
type Freeze struct {
	Project string    `json:"project,omitempty"` // "": every project
	Env     string    `json:"env,omitempty"`     // "": every environment
	From    time.Time `json:"from"`
	To      time.Time `json:"to"` // first instant after it
	Reason  string    `json:"reason"`
	By      string    `json:"by,omitempty"` // who set it by chat; "" for the configuration's
}

// Reminder is one scheduled run of a reminder.
type Reminder struct {
	At      time.Time `json:"at"`
	Kind    string    `json:"kind"`
	Channel string    `json:"channel"`
	Project string    `json:"project,omitempty"`
}

// Options configure a Handler.
type Options struct {
	Store     Store
	Calendars Calendars           // nil: the calendar page is empty
	Changelog deploybot.Changelog // nil: no changelog on a deployment's page
	Projects  []deploybot.Project
	Location  *time.Location  // the agency's zone; default UTC
	Now       deploybot.Clock // default the system clock
	Auth      Auth
	Logger    *slog.Logger
}

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed assets
var assetFiles embed.FS

// Handler serves the pages, the API, the sign-in routes and the assets.
type Handler struct {
	opts Options
	// pages are the page templates, parsed at the first page served, not
	// by New: an idle serve kept 240 KB of parsed templates, a fifth of
	// its live heap, and parsed them at every start (a heap profile of
	// serve once ready, issue 19). TestPagesParse parses them.
	pages func() (map[string]*template.Template, error)
	auth  *authenticator
}

// New returns the handler of opts. It fails when the sign-in settings
// are inconsistent.
func New(opts Options) (*Handler, error) {
	if opts.Store == nil {
		return nil, errors.New("web: no store")
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Now == nil {
		opts.Now = deploybot.SystemClock
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	a, err := newAuthenticator(opts.Auth, opts.Now, opts.Logger)
	if err != nil {
		return nil, err
	}
	loc := opts.Location
	pages := sync.OnceValues(func() (map[string]*template.Template, error) { return parseTemplates(loc) })
	return &Handler{opts: opts, pages: pages, auth: a}, nil
}

// Mount registers the handler's routes on mux: exact paths, all GET, so
// that they live beside /slack/, /healthz, /readyz and /metrics.
func (h *Handler) Mount(mux *http.ServeMux) {
	page := func(pattern string, f func(w http.ResponseWriter, r *http.Request)) {
		mux.Handle("GET "+pattern, h.auth.guard(http.HandlerFunc(f), false))
	}
	api := func(pattern string, f func(r *http.Request) (any, error)) {
		mux.Handle("GET "+pattern, h.auth.guard(h.json(f), true))
	}
	page("/{$}", h.nowPage)
	page("/deployments", h.timelinePage)
	page("/deployments/{id}", h.deploymentPage)
	page("/calendar", h.calendarPage)
	page("/dora", h.doraPage)
	api("/api/v1/now", h.apiNow)
	api("/api/v1/projects", h.apiProjects)
	api("/api/v1/deployments", h.apiDeployments)
	api("/api/v1/deployments/{id}", h.apiDeployment)
	api("/api/v1/calendar", h.apiCalendar)
	api("/api/v1/dora", h.apiDORA)
	mux.Handle("GET /api/v1/", h.auth.guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, apiError{Error: "no such endpoint: see docs/api.md"})
	}), true))
	mux.HandleFunc("GET /auth/login", h.auth.login)
	mux.HandleFunc("GET /auth/callback", h.auth.callback)
	mux.HandleFunc("GET /auth/logout", h.auth.logout)
	assets, _ := fs.Sub(assetFiles, "assets")
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", cacheFor(http.FileServerFS(assets))))
}

// Routes returns a mux with the handler's routes only, for a listener of
// its own (web.addr).
func (h *Handler) Routes() *http.ServeMux {
	mux := http.NewServeMux()
	h.Mount(mux)
	return mux
}

func cacheFor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		next.ServeHTTP(w, r)
	})
}

type apiError struct {
	Error string `json:"error"`
}

// json serves what f returns as JSON; a domain error keeps its code's
// status (ENOTFOUND 404, EINVALID 400) and message.
func (h *Handler) json(f func(r *http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := f(r)
		if err != nil {
			status, msg := h.failure(r, err)
			writeJSON(w, status, apiError{Error: msg})
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

// failure returns the status and message of err, logging a failure of the
// system with a reference.
func (h *Handler) failure(r *http.Request, err error) (int, string) {
	switch deploybot.ErrorCode(err) {
	case deploybot.ENOTFOUND:
		return http.StatusNotFound, deploybot.ErrorMessage(err)
	case deploybot.EINVALID:
		return http.StatusBadRequest, deploybot.ErrorMessage(err)
	}
	h.opts.Logger.Error("web: request failed", "path", r.URL.Path, "err", err)
	return http.StatusInternalServerError, "internal error: see the server's log"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// render writes page name with data, or the error page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, name string, data any, err error) {
	pages, perr := h.pages()
	if perr != nil {
		h.opts.Logger.Error("web: render", "page", name, "err", perr)
		http.Error(w, "internal error: the page templates do not parse", http.StatusInternalServerError)
		return
	}
	status := http.StatusOK
	if err != nil {
		var msg string
		status, msg = h.failure(r, err)
		name, data = "error", map[string]any{"Status": status, "Message": msg}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := pages[name].ExecuteTemplate(w, "layout", pageData{Page: name, User: userOf(r), Data: data, SignOut: h.auth.oidc != nil}); err != nil {
		h.opts.Logger.Error("web: render", "page", name, "err", err)
	}
}

// pageData is what every template gets.
type pageData struct {
	Page    string
	User    *User
	SignOut bool
	Data    any
}
