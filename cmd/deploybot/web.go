package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"

	"deploybot"
	"deploybot/agents"
	"deploybot/config"
	"deploybot/dora"
	"deploybot/policy"
	"deploybot/schedule"
	"deploybot/store"
	"deploybot/web"
)

// webServices builds the read-only pages (issue 15) from the
// configuration and mounts them on mux, the http.addr server, or returns
// the service of a listener of their own at web.addr. It also wires the
// dora reminders to the figures. Without a sign-in configured (web.oidc,
// web.trusted_proxies), the pages answer only requests from this machine,
// and a web.addr that is not a loopback address is refused.
func (m *Main) webServices(cfg *config.Config, db *store.DB, bot *agents.Orchestrator, mux *http.ServeMux, reminders *schedule.Scheduler, logger *slog.Logger) ([]service, error) {
	src := webStore{db}
	names := projectNamesOf(cfg)
	loc := cfg.Location()
	if reminders != nil {
		reminders.DORA = doraReminder(src, names, loc)
	}
	h, err := newWebHandler(cfg, src, bot, reminders, logger)
	if err != nil {
		return nil, err
	}
	addr := cfg.HTTP.Addr
	if cfg.Web.Addr != "" {
		addr = cfg.Web.Addr
	}
	if !cfg.Web.HasSignIn() {
		if !loopbackAddr(addr) {
			if cfg.Web.Addr != "" {
				return nil, deploybot.Errorf(deploybot.EINVALID,
					"web.addr %s is not a loopback address and no sign-in is configured (web.oidc or web.trusted_proxies): "+
						"refusing to serve the deployment pages there; set a sign-in, or a loopback web.addr such as 127.0.0.1:8081", addr)
			}
			fmt.Fprintf(m.Stderr, "deploybot: web pages: no sign-in is configured (web.oidc or web.trusted_proxies), "+
				"so on %s they answer only requests from this machine; others get 403\n", addr)
		}
	}
	if cfg.Web.Addr == "" {
		h.Mount(mux)
		return nil, nil
	}
	return []service{{name: "web " + cfg.Web.Addr, run: serveHTTP(cfg.Web.Addr, h.Routes(), logger)}}, nil
}

// newWebHandler builds the pages' handler.
func newWebHandler(cfg *config.Config, src webStore, bot *agents.Orchestrator, reminders *schedule.Scheduler, logger *slog.Logger) (*web.Handler, error) {
	auth := web.Auth{TrustedProxies: cfg.Web.Prefixes(), UserHeader: cfg.Web.UserHeader, SessionKey: []byte(cfg.Web.SessionKey)}
	if o := cfg.Web.OIDC; o != nil {
		issuer := o.Issuer
		if issuer == "" {
			issuer = config.DefaultOIDCIssuer
		}
		auth.OIDC = &web.OIDC{Issuer: issuer, ClientID: o.ClientID, ClientSecret: o.ClientSecret, RedirectURL: o.RedirectURL,
			TeamID: o.TeamID, HTTPClient: &http.Client{Timeout: 10 * time.Second}}
	}
	opts := web.Options{Store: src, Projects: cfg.Projects(), Location: cfg.Location(), Auth: auth,
		Logger: logger.With("component", "web")}
	if bot != nil {
		// One clock for the process: the pages' windows ("the last 30
		// days") are the bot's.
		opts.Now = bot.Now
		if bot.Deploys != nil && bot.Deploys.Changelog != nil {
			opts.Changelog = bot.Deploys.Changelog
		}
		if bot.Calendar != nil {
			opts.Calendars = webCalendars{calendar: bot.Calendar, reminders: reminders, chat: src.DB}
		}
	}
	return web.New(opts)
}

func projectNamesOf(cfg *config.Config) []string {
	var out []string
	for _, p := range cfg.ProjectConfigs {
		out = append(out, p.Name)
	}
	return out
}

// doraReminder gives the dora reminders the figures of the seven days up
// to their run.
func doraReminder(src dora.Source, projects []string, loc *time.Location) func(ctx context.Context, project string, at time.Time, lang deploybot.Lang) (deploybot.Reply, error) {
	return func(ctx context.Context, project string, at time.Time, lang deploybot.Lang) (deploybot.Reply, error) {
		return dora.Answer(ctx, src, projects, project, dora.LastDays(at, 7), at, loc, lang)
	}
}

// loopbackAddr reports whether a listener on addr is reachable only from
// this machine.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// webStore is the store as the pages and the DORA figures read it: the
// deployments' transitions in the web package's terms, and when a
// deployment reached succeeded (dora.SuccessTimes).
type webStore struct{ *store.DB }

// Events returns the transitions of deployment id.
func (s webStore) Events(ctx context.Context, id int64) ([]web.Event, error) {
	es, err := s.DeploymentEvents(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]web.Event, 0, len(es))
	for _, e := range es {
		out = append(out, web.Event{From: e.From, To: e.To, Actor: e.Actor, Note: e.Note, At: e.At})
	}
	return out, nil
}

// SucceededAt returns when deployment id reached succeeded, if it did.
func (s webStore) SucceededAt(ctx context.Context, id int64) (time.Time, bool, error) {
	es, err := s.DeploymentEvents(ctx, id)
	if err != nil {
		return time.Time{}, false, err
	}
	for _, e := range es {
		if e.To == deploybot.StateSucceeded {
			return e.At, true, nil
		}
	}
	return time.Time{}, false, nil
}

// webCalendars gives the pages the one calendar (the configuration's
// windows, holidays and freezes with the chat freezes) and the reminders'
// next runs.
type webCalendars struct {
	calendar  func(project string) policy.Calendar
	reminders *schedule.Scheduler // nil: no reminder listed
	chat      interface {
		Reminders(ctx context.Context) ([]deploybot.Reminder, error)
	}
}

// slot is the calendar's resolution.
const slot = 30 * time.Minute

// Calendar returns days days from the day of from, judged for a
// production deployment of project ("": the agency).
func (c webCalendars) Calendar(ctx context.Context, project string, from time.Time, days int) (web.Calendar, error) {
	cal := c.calendar(project)
	loc := cal.Location
	if loc == nil {
		loc = time.UTC
	}
	from = from.In(loc)
	first := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
	end := first.AddDate(0, 0, days)
	out := web.Calendar{Zone: loc.String(), Days: []web.Day{}, Freezes: []web.Freeze{}, Reminders: []web.Reminder{}}
	// The agency's days show the freezes of every project; a project's
	// own freezes are on its calendar and in the list below.
	judge := cal
	if project == "" {
		judge.Freezes = slices.DeleteFunc(slices.Clone(cal.Freezes), func(f policy.Freeze) bool { return len(f.Projects) > 0 })
	}
	for d := 0; d < days; d++ {
		day := first.AddDate(0, 0, d)
		wd := web.Day{Date: day}
		if name, ok := cal.Holidays.On(day.Add(12 * time.Hour)); ok {
			wd.Holiday = name
		}
		if name, ok := cal.Holidays.On(day.AddDate(0, 0, 1).Add(12 * time.Hour)); ok {
			wd.Eve = name
		}
		for i := 0; i < int(24*time.Hour/slot); i++ {
			at := time.Date(day.Year(), day.Month(), day.Day(), 0, i*int(slot/time.Minute), 0, 0, loc)
			mo := judge.At(at, project, deploybot.EnvProduction)
			reason := mo.Holiday
			if mo.Eve != "" {
				reason = "eve of " + mo.Eve
			}
			if mo.Freeze != nil {
				reason = "freeze: " + mo.Freeze.Reason
			}
			label := fmt.Sprintf("%02d:%02d", i*int(slot/time.Minute)/60, i*int(slot/time.Minute)%60)
			next := fmt.Sprintf("%02d:%02d", (i+1)*int(slot/time.Minute)/60, (i+1)*int(slot/time.Minute)%60)
			if n := len(wd.Spans); n > 0 && wd.Spans[n-1].Class == string(mo.Class) && wd.Spans[n-1].Reason == reason {
				wd.Spans[n-1].To = next
				continue
			}
			wd.Spans = append(wd.Spans, web.Span{From: label, To: next, Class: string(mo.Class), Reason: reason})
		}
		out.Days = append(out.Days, wd)
	}
	for _, f := range cal.Freezes {
		if f.Ends(loc).After(from) && f.Starts(loc).Before(end) {
			out.Freezes = append(out.Freezes, webFreeze(f, loc))
		}
	}
	slices.SortFunc(out.Freezes, func(a, b web.Freeze) int { return a.From.Compare(b.From) })
	if c.reminders == nil {
		return out, nil
	}
	all := slices.Clone(c.reminders.Reminders)
	if c.chat != nil {
		chat, err := c.chat.Reminders(ctx)
		if err != nil {
			return out, err
		}
		all = append(all, chat...)
	}
	for _, r := range all {
		if project != "" && r.Project != "" && r.Project != project {
			continue
		}
		times, err := c.reminders.Next(r, from, 40)
		if err != nil {
			continue // inactive: nothing scheduled
		}
		for _, t := range times {
			if t.Before(end) {
				out.Reminders = append(out.Reminders, web.Reminder{At: t, Kind: r.Kind, Channel: r.Channel, Project: r.Project})
			}
		}
	}
	slices.SortStableFunc(out.Reminders, func(a, b web.Reminder) int { return a.At.Compare(b.At) })
	if len(out.Reminders) > 200 {
		out.Reminders = out.Reminders[:200]
	}
	return out, nil
}

// FreezeAt returns the freeze covering project/env at t.
func (c webCalendars) FreezeAt(project, env string, t time.Time) (web.Freeze, bool) {
	cal := c.calendar(project)
	loc := cal.Location
	if loc == nil {
		loc = time.UTC
	}
	for _, f := range cal.Freezes {
		if f.Covers(t, project, env) {
			return webFreeze(f, loc), true
		}
	}
	return web.Freeze{}, false
}

func webFreeze(f policy.Freeze, loc *time.Location) web.Freeze {
	return web.Freeze{Project: strings.Join(f.Projects, ", "), Env: strings.Join(f.Environments, ", "),
		From: f.Starts(loc), To: f.Ends(loc), Reason: f.Reason, By: f.CreatedBy}
}
