// Package settings is the one resolver of the context layers: every
// setting a deploy decision, a notification, a reminder or an answer reads
// (strategy, approval, staging first, windows, thresholds, timeouts…) is
// resolved here, at the moment it is needed, through the layers built-in
// practice < agency < project < environment.
//
// In each layer, the configuration file gives a value (with its line), and
// a value set by chat or in the interview overrides it until it is reset
// (with who set it and when). When the file changes, its new values apply
// wherever no chat value stands.
package settings

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"deploybot"
	"deploybot/config"
	"deploybot/policy"
)

// Store keeps the values set by chat or in the interview, and their
// history.
type Store interface {
	// SettingValues returns every chat value; the caller reads the
	// slice and never changes it (the store may hand the same one to
	// others).
	SettingValues(ctx context.Context) ([]deploybot.Setting, error)
	PutSetting(ctx context.Context, s deploybot.Setting) (deploybot.Setting, bool, error)
	DeleteSetting(ctx context.Context, s deploybot.Setting) (bool, error)
}

// Resolver resolves settings from a configuration and a store. It is safe
// for concurrent use; Config may be replaced with SetConfig (a reloaded
// file).
type Resolver struct {
	Store Store
	Now   deploybot.Clock

	mu  sync.RWMutex
	cfg *config.Config

	// The chat values by layer, as last built, and the values they were
	// built from (see overrides).
	ovMu   sync.Mutex
	ovFrom []deploybot.Setting
	ov     overrides
	ovGen  uint64 // bumped whenever ov is built again
}

// New returns a resolver of cfg's values and store's.
func New(cfg *config.Config, store Store, now deploybot.Clock) *Resolver {
	if now == nil {
		now = deploybot.SystemClock
	}
	return &Resolver{Store: store, Now: now, cfg: cfg}
}

// SetConfig replaces the configuration (the file changed): its values apply
// at once wherever no chat value stands.
func (r *Resolver) SetConfig(cfg *config.Config) {
	r.mu.Lock()
	r.cfg = cfg
	r.mu.Unlock()
}

// Config returns the configuration in use.
func (r *Resolver) Config() *config.Config {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.cfg
}

var _ deploybot.Settings = (*Resolver)(nil)

// Builtin holds the built-in practice: the value of each key when neither
// the file nor chat gives one.
var Builtin = map[string]string{
	deploybot.KeyStrategy:          string(deploybot.StrategyRolling),
	deploybot.KeyApproval:          string(config.ApprovalFourEyes),
	deploybot.KeyStagingFirst:      "yes",
	deploybot.KeyZeroDowntime:      "no",
	deploybot.KeyWindowsRecommend:  strings.Join(config.DefaultWindows().Recommended, "; "),
	deploybot.KeyWindowsAcceptable: strings.Join(config.DefaultWindows().Acceptable, "; "),
	deploybot.KeyWindowsAvoid:      strings.Join(config.DefaultWindows().Avoid, "; "),
	deploybot.KeyHolidays:          "FR",
	deploybot.KeyMaxErrorRate:      "0.001",
	deploybot.KeyMaxLatency:        "500ms",
	deploybot.KeyMonitorWindow:     "30m",
	deploybot.KeyAutoRollback:      "no",
	deploybot.KeyRollbackApproval:  "no",
	deploybot.KeyConfirm:           "yes",
	deploybot.KeyConfirmTimeout:    "2m",
	deploybot.KeyApprovalTimeout:   "2h",
	deploybot.KeyMinCertDays:       "14",
	deploybot.KeyLockAfterRollback: "yes",
	deploybot.KeySmokeTests:        "critical paths after every deploy",
	deploybot.KeyPipeline:          "build → test → staging → validate → deploy → verify → monitor",
	deploybot.KeyEnvironments:      "staging, production",
	deploybot.KeyDrillEvery:        "30d",
	deploybot.KeyRequireDrill:      "no",
}

// listSep is how a key's list is written: windows hold commas ("Mon,Wed
// 12:00-18:00"), so they are separated by semicolons.
func listSep(key string) string {
	if strings.HasPrefix(key, "windows.") {
		return "; "
	}
	return ", "
}

// List splits a list setting's value into its items.
func List(key, value string) []string {
	if strings.EqualFold(strings.TrimSpace(value), noneList) {
		return nil // "windows: {avoid: []}": none, not the default
	}
	var out []string
	for _, x := range strings.Split(value, strings.TrimSpace(listSep(key))) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// Validate checks value for key and returns its canonical form, or a
// *deploybot.Error (EINVALID) that says what is allowed, in both
// languages.
func Validate(key, value string) (string, error) {
	k, ok := deploybot.SettingKeyOf(key)
	if !ok {
		return "", deploybot.Errorf2(deploybot.EINVALID, "je ne connais pas le réglage « %s »", "there is no setting %q", key)
	}
	v := strings.TrimSpace(value)
	bad := func(fr, en string) error {
		return &deploybot.Error{Code: deploybot.EINVALID,
			French:  fmt.Sprintf("« %s » ne convient pas pour %s : %s", value, k.Label[0], fr),
			Message: fmt.Sprintf("%q is not a valid %s: %s", value, k.Label[1], en)}
	}
	switch k.Kind {
	case deploybot.KindChoice:
		w := strings.ToLower(strings.Join(strings.Fields(v), " "))
		switch w {
		case "blue green", "bluegreen":
			w = "blue-green"
		case "four eyes", "4 eyes", "4-eyes", "quatre yeux", "4 yeux":
			w = "four-eyes"
		case "aucune", "aucun", "personne", "nobody":
			w = "none"
		case "nommee", "nommée", "nominative":
			w = "named"
		}
		if slices.Contains(k.Choices, w) {
			return w, nil
		}
		return "", bad("choisissez parmi "+strings.Join(k.Choices, ", "), "choose one of "+strings.Join(k.Choices, ", "))
	case deploybot.KindBool:
		switch strings.ToLower(v) {
		case "yes", "oui", "true", "on", "y", "o", "obligatoire", "mandatory", "required":
			return "yes", nil
		case "no", "non", "false", "off", "n":
			return "no", nil
		}
		return "", bad("répondez oui ou non", "answer yes or no")
	case deploybot.KindDuration:
		d, err := config.ParseDuration(v)
		if err != nil || d <= 0 {
			return "", bad("une durée comme 30s, 10m, 2h ou 30d", "a duration such as 30s, 10m, 2h or 30d")
		}
		return v, nil
	case deploybot.KindNumber:
		f, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(v, ",", "."), "%"), 64)
		if err != nil || f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
			return "", bad("un nombre positif", "a positive number")
		}
		if strings.HasSuffix(v, "%") {
			f /= 100
		}
		if key == deploybot.KeyMinCertDays && (f != math.Trunc(f) || f > math.MaxInt32) {
			// Read as a whole number of days: 14.5 would read as 0, no
			// check at all.
			return "", bad("un nombre entier de jours", "a whole number of days")
		}
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	case deploybot.KindList:
		if strings.EqualFold(strings.TrimSpace(v), noneList) {
			// Only the file says a list is empty ("avoid: []"); a chat
			// "none" that would open every window is refused.
			return "", bad("des créneaux comme « Tue-Thu 10:00-16:00 », séparés par des points-virgules",
				"windows such as \"Tue-Thu 10:00-16:00\", separated by semicolons")
		}
		items := List(key, v)
		if strings.HasPrefix(key, "windows.") {
			for _, it := range items {
				if _, err := policy.ParseWindow(it); err != nil {
					return "", bad("des créneaux comme « Tue-Thu 10:00-16:00 », séparés par des points-virgules",
						"windows such as \"Tue-Thu 10:00-16:00\", separated by semicolons")
				}
			}
		}
		if key == deploybot.KeyChecklistSkip {
			for _, it := range items {
				if !slices.ContainsFunc(policy.Checklist, func(c policy.ChecklistItem) bool { return c.ID == it }) {
					return "", bad("des identifiants de la checklist (tests, review, …)", "checklist item ids (tests, review, …)")
				}
			}
		}
		return strings.Join(items, listSep(key)), nil
	}
	if v == "" {
		return "", bad("une valeur non vide", "a value that is not empty")
	}
	return v, nil
}

// overrides are the values set by chat, by layer.
type overrides map[layerKey]deploybot.Setting

type layerKey struct {
	scope              deploybot.Scope
	project, env, name string
}

// overrides returns the chat values by layer. The map is shared by the
// views read while the values stay the same, and never changed once
// built: a message resolves settings several times (its interview's
// question, the note of an answer, a plan's dozen keys), and building the
// map each time was a ninth of the bytes the scripted chat allocated
// (issue 19, bench's allocation profile), for values that change a few
// hundred times in 30,000 messages.
func (r *Resolver) overrides(ctx context.Context) (overrides, uint64, error) {
	vs, err := r.Store.SettingValues(ctx)
	if err != nil {
		return nil, 0, err
	}
	r.ovMu.Lock()
	defer r.ovMu.Unlock()
	if r.ov != nil && slices.Equal(vs, r.ovFrom) {
		return r.ov, r.ovGen, nil
	}
	out := make(overrides, len(vs))
	for _, v := range vs {
		out[layerKey{v.Scope, v.Project, v.Env, v.Key}] = v
	}
	r.ovFrom, r.ov = slices.Clone(vs), out
	r.ovGen++
	return out, r.ovGen, nil
}

// View is the settings of one moment: the file and the chat values read
// once, to resolve many keys consistently (a plan reads a dozen).
type View struct {
	cfg   *config.Config
	ov    overrides
	stamp ViewStamp
}

// ViewStamp tells views apart: two views of one resolver with equal
// stamps resolve every key alike (the same file, the same chat values),
// so that what is computed from one may serve the other.
type ViewStamp struct {
	r   *Resolver
	cfg *config.Config
	gen uint64
}

// Stamp returns v's stamp, the zero stamp for a view not read from a
// resolver (Known false: it tells nothing).
func (v *View) Stamp() ViewStamp { return v.stamp }

// Known reports whether s tells its view apart (it was read from a
// resolver).
func (s ViewStamp) Known() bool { return s.r != nil }

// View reads the chat values once.
func (r *Resolver) View(ctx context.Context) (*View, error) {
	ov, gen, err := r.overrides(ctx)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	cfg := r.Config()
	return &View{cfg: cfg, ov: ov, stamp: ViewStamp{r: r, cfg: cfg, gen: gen}}, nil
}

// Resolve returns the setting of key in effect for project and env.
func (r *Resolver) Resolve(ctx context.Context, project, env, key string) (deploybot.Setting, error) {
	v, err := r.View(ctx)
	if err != nil {
		return deploybot.Setting{}, err
	}
	return v.Get(project, env, key), nil
}

// ResolveKeys returns the settings of keys in effect for project and env,
// in the order of keys, all read at one moment: the chat's values are
// read once, not once per key.
func (r *Resolver) ResolveKeys(ctx context.Context, project, env string, keys []string) ([]deploybot.Setting, error) {
	v, err := r.View(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]deploybot.Setting, len(keys))
	for i, key := range keys {
		out[i] = v.Get(project, env, key)
	}
	return out, nil
}

// Get resolves key for project and env ("" for the agency's or a
// project's): the environment's layer, then the project's, then the
// agency's, then the built-in practice; in each, a chat value wins over
// the file's. An approval outside production comes from the environment's
// layer only (staging is automatic unless set there).
func (v *View) Get(project, env, key string) deploybot.Setting {
	k, _ := deploybot.SettingKeyOf(key)
	p, hasProject := v.project(project)
	if hasProject {
		project = p.Name
	}
	layers := []struct {
		scope        deploybot.Scope
		project, env string
	}{
		{deploybot.ScopeEnvironment, project, env},
		{deploybot.ScopeProject, project, ""},
		{deploybot.ScopeAgency, "", ""},
	}
	for _, l := range layers {
		if l.scope != deploybot.ScopeAgency && (project == "" || !hasProject) || l.scope == deploybot.ScopeEnvironment && env == "" {
			continue
		}
		if key == deploybot.KeyApproval && env != "" && env != deploybot.EnvProduction && l.scope != deploybot.ScopeEnvironment {
			break // staging and other environments: automatic unless set there
		}
		if len(k.Scopes) > 0 && !k.Allows(l.scope) {
			continue
		}
		file, fileOK := v.file(l.scope, p, l.env, key)
		if s, ok := v.ov[layerKey{l.scope, l.project, l.env, key}]; ok {
			if fileOK {
				s.Shadows, s.ShadowsLine = file.Value, file.Line
			}
			return s
		}
		if fileOK {
			return file
		}
	}
	val := Builtin[key]
	if key == deploybot.KeyApproval && env != "" && env != deploybot.EnvProduction {
		val = string(config.ApprovalNone)
	}
	if key == deploybot.KeyStagingFirst && hasProject {
		_, hasStaging := p.Environment(deploybot.EnvStaging)
		val = yesNo(hasStaging)
	}
	return deploybot.Setting{Key: key, Value: val, Scope: deploybot.ScopeGlobal}
}

func (v *View) project(name string) (config.ProjectConfig, bool) {
	if name == "" || v.cfg == nil {
		return config.ProjectConfig{}, false
	}
	return v.cfg.Project(name)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// file returns the value the configuration file writes for key at scope,
// with its line. A value the file leaves to its default is not the file's:
// the built-in practice gives it.
func (v *View) file(scope deploybot.Scope, p config.ProjectConfig, env, key string) (deploybot.Setting, bool) {
	cfg := v.cfg
	if cfg == nil {
		return deploybot.Setting{}, false
	}
	var path, val string
	switch scope {
	case deploybot.ScopeAgency:
		path, val = agencyValue(cfg, key)
	case deploybot.ScopeProject:
		i := projectIndex(cfg, p.Name)
		if i < 0 {
			return deploybot.Setting{}, false
		}
		path, val = projectValue(cfg, i, key)
	case deploybot.ScopeEnvironment:
		i := projectIndex(cfg, p.Name)
		if i < 0 {
			return deploybot.Setting{}, false
		}
		j := slices.IndexFunc(cfg.ProjectConfigs[i].Environments, func(e config.EnvironmentConfig) bool { return e.Name == env })
		if j < 0 {
			return deploybot.Setting{}, false
		}
		path, val = envValue(cfg, i, j, key)
	}
	line := cfg.Line(path)
	if path == "" || line == 0 || strings.TrimSpace(val) == "" || cfg.File == "" || strings.HasPrefix(cfg.File, "built-in") {
		return deploybot.Setting{}, false
	}
	s := deploybot.Setting{Key: key, Value: val, Scope: scope, File: cfg.File, Line: line}
	if scope != deploybot.ScopeAgency {
		s.Project = p.Name
	}
	if scope == deploybot.ScopeEnvironment {
		s.Env = env
	}
	return s, true
}

func projectIndex(cfg *config.Config, name string) int {
	return slices.IndexFunc(cfg.ProjectConfigs, func(p config.ProjectConfig) bool { return p.Name == name })
}

func dur(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return config.FormatDuration(d)
}

// agencyValue is where the file writes key for the agency, and its value.
func agencyValue(cfg *config.Config, key string) (path, val string) {
	a := cfg.Agency
	switch key {
	case deploybot.KeyStrategy:
		return "agency.default_strategy", string(a.DefaultStrategy)
	case deploybot.KeyApproval:
		return "agency.approval", string(a.Approval)
	case deploybot.KeyWindowsRecommend:
		return "windows.recommended", listValue(cfg.Windows.Recommended)
	case deploybot.KeyWindowsAcceptable:
		return "windows.acceptable", listValue(cfg.Windows.Acceptable)
	case deploybot.KeyWindowsAvoid:
		return "windows.avoid", listValue(cfg.Windows.Avoid)
	case deploybot.KeyHolidays:
		return "agency.holidays", a.Holidays
	case deploybot.KeyConfirm:
		return "agency.confirm", yesNo(a.Confirm == nil || *a.Confirm)
	case deploybot.KeyConfirmTimeout:
		return "agency.confirm_timeout", dur(a.ConfirmTimeout)
	case deploybot.KeyApprovalTimeout:
		return "agency.approval_timeout", dur(a.ApprovalTimeout)
	case deploybot.KeyChecklistSkip:
		return "agency.checklist_skip", strings.Join(a.ChecklistSkip, ", ")
	case deploybot.KeyMinCertDays:
		return "agency.min_cert_days", strconv.Itoa(a.MinCertDays)
	case deploybot.KeyLockAfterRollback:
		return "agency.lock_after_rollback", yesNo(a.LockAfterRollback == nil || *a.LockAfterRollback)
	case deploybot.KeySmokeTests:
		return "agency.smoke_tests", a.SmokeTests
	case deploybot.KeyPipeline:
		return "agency.pipeline", a.Pipeline
	case deploybot.KeyEnvironments:
		return "agency.environments", strings.Join(a.Environments, ", ")
	case deploybot.KeyChannel:
		return "slack.notify_channel", cfg.Slack.NotifyChannel
	}
	return "", ""
}

// projectValue is where the file writes key for project i, and its value.
func projectValue(cfg *config.Config, i int, key string) (path, val string) {
	p := cfg.ProjectConfigs[i]
	pp := fmt.Sprintf("projects[%d]", i)
	switch key {
	case deploybot.KeyStrategy:
		return pp + ".strategy", string(p.Strategy)
	case deploybot.KeyApproval:
		return pp + ".approval", string(p.Approval)
	case deploybot.KeyStagingFirst:
		return pp + ".staging_first", yesNo(p.StagingFirst)
	case deploybot.KeyValidations:
		return pp + ".validations", strings.Join(p.Validations, ", ")
	case deploybot.KeyZeroDowntime:
		return pp + ".zero_downtime", yesNo(p.ZeroDowntime)
	case deploybot.KeyRollbackProcedure:
		return pp + ".rollback_procedure", strings.TrimSpace(p.RollbackProcedure)
	case deploybot.KeyChannel:
		return pp + ".channel", p.Channel
	case deploybot.KeyConstraints:
		return pp + ".constraints", p.Constraints
	case deploybot.KeySLA:
		return pp + ".sla", p.SLA
	case deploybot.KeyDrillEvery:
		return pp + ".drill_every", dur(p.DrillEvery)
	case deploybot.KeyRequireDrill:
		return pp + ".require_drill", yesNo(p.RequireDrill)
	case deploybot.KeyWindowsRecommend, deploybot.KeyWindowsAcceptable, deploybot.KeyWindowsAvoid:
		if p.Windows == nil {
			return "", ""
		}
		list := map[string][]string{deploybot.KeyWindowsRecommend: p.Windows.Recommended,
			deploybot.KeyWindowsAcceptable: p.Windows.Acceptable, deploybot.KeyWindowsAvoid: p.Windows.Avoid}[key]
		if list == nil {
			return "", ""
		}
		return pp + "." + key, listValue(list)
	}
	return "", ""
}

// envValue is where the file writes key for environment j of project i.
func envValue(cfg *config.Config, i, j int, key string) (path, val string) {
	e := cfg.ProjectConfigs[i].Environments[j]
	ep := fmt.Sprintf("projects[%d].environments[%d]", i, j)
	switch key {
	case deploybot.KeyStrategy:
		return ep + ".strategy", string(e.Strategy)
	case deploybot.KeyApproval:
		return ep + ".approval", string(e.Approval)
	case deploybot.KeyAutoRollback:
		return ep + ".auto_rollback", yesNo(e.AutoRollback)
	case deploybot.KeyRollbackApproval:
		return ep + ".rollback_approval", yesNo(e.RollbackApproval)
	}
	if m := e.Monitoring; m != nil {
		switch key {
		case deploybot.KeyMaxErrorRate:
			return ep + ".monitoring.max_error_rate", strconv.FormatFloat(m.MaxErrorRate, 'f', -1, 64)
		case deploybot.KeyMaxLatency:
			return ep + ".monitoring.max_latency", dur(m.MaxLatency)
		case deploybot.KeyMonitorWindow:
			return ep + ".monitoring.window", dur(m.Window)
		}
	}
	return "", ""
}

// Set stores value for key at scope by actor, after checking the key may be
// set there and the value is valid. It returns the setting in effect
// before. The caller checks the actor's rights (see Rights).
func (r *Resolver) Set(ctx context.Context, scope deploybot.Scope, project, env, key, value, actor, name string) (deploybot.Setting, error) {
	k, ok := deploybot.SettingKeyOf(key)
	if !ok {
		return deploybot.Setting{}, deploybot.Errorf2(deploybot.EINVALID, "je ne connais pas le réglage « %s »", "there is no setting %q", key)
	}
	if !k.Allows(scope) {
		return deploybot.Setting{}, &deploybot.Error{Code: deploybot.EINVALID,
			French:  fmt.Sprintf("%s se règle pour : %s", k.Label[0], scopeNames(k.Scopes)),
			Message: fmt.Sprintf("%s is set for: %s", k.Label[1], scopeNames(k.Scopes))}
	}
	val, err := Validate(key, value)
	if err != nil {
		return deploybot.Setting{}, err
	}
	if err := r.checkTarget(scope, &project, env); err != nil {
		return deploybot.Setting{}, err
	}
	before, err := r.Resolve(ctx, project, env, key)
	if err != nil {
		return before, err
	}
	s := deploybot.Setting{Key: key, Value: val, Scope: scope, Project: project, Env: env, SetBy: actor, SetByName: name, SetAt: r.Now()}
	if scope == deploybot.ScopeAgency {
		s.Project, s.Env = "", ""
	} else if scope == deploybot.ScopeProject {
		s.Env = ""
	}
	if _, _, err := r.Store.PutSetting(ctx, s); err != nil {
		return before, err
	}
	return before, nil
}

// Reset removes the chat value of key at scope.
func (r *Resolver) Reset(ctx context.Context, scope deploybot.Scope, project, env, key, actor, name string) (bool, error) {
	if _, ok := deploybot.SettingKeyOf(key); !ok {
		return false, deploybot.Errorf2(deploybot.EINVALID, "je ne connais pas le réglage « %s »", "there is no setting %q", key)
	}
	if err := r.checkTarget(scope, &project, env); err != nil {
		return false, err
	}
	s := deploybot.Setting{Key: key, Scope: scope, Project: project, Env: env, SetBy: actor, SetByName: name, SetAt: r.Now()}
	if scope == deploybot.ScopeAgency {
		s.Project, s.Env = "", ""
	} else if scope == deploybot.ScopeProject {
		s.Env = ""
	}
	return r.Store.DeleteSetting(ctx, s)
}

// checkTarget checks that the project and environment a scope names exist,
// and canonicalises the project's name.
func (r *Resolver) checkTarget(scope deploybot.Scope, project *string, env string) error {
	if scope == deploybot.ScopeAgency {
		return nil
	}
	cfg := r.Config()
	p, ok := cfg.Project(*project)
	if !ok {
		var names []string
		for _, x := range cfg.ProjectConfigs {
			names = append(names, x.Name)
		}
		return deploybot.Errorf2(deploybot.ENOTFOUND, "pas de projet « %s » (connus : %s)", "no project %q (known: %s)", *project, strings.Join(names, ", "))
	}
	*project = p.Name
	if scope == deploybot.ScopeEnvironment {
		if _, ok := p.Environment(env); !ok {
			var envs []string
			for _, e := range p.Environments {
				envs = append(envs, e.Name)
			}
			return deploybot.Errorf2(deploybot.ENOTFOUND, "%s n'a pas d'environnement « %s » (%s)", "%s has no environment %q (%s)",
				p.Name, env, strings.Join(envs, ", "))
		}
	}
	return nil
}

func scopeNames(ss []deploybot.Scope) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return strings.Join(out, ", ")
}

// noneList is the value of a list the file gives empty ("avoid: []"): the
// configuration's documented "none", which an empty value would lose to
// the built-in default (a test that opened every window still found
// Friday afternoon to avoid, on Friday afternoons).
const noneList = "none"

// listValue writes a list of the file as a setting's value: its items, or
// noneList for an empty one.
func listValue(list []string) string {
	if list != nil && len(list) == 0 {
		return noneList
	}
	return strings.Join(list, "; ")
}
