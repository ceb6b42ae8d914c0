package deploybot

import (
	"context"
	"fmt"
	"time"
)

// ScopeEnvironment is the narrowest layer: one environment of one project
// (a strategy for staging only, say). It wins over the project's layer.
const ScopeEnvironment Scope = "environment"

// Setting is the value in effect of one key for one project and
// environment, with where it comes from: the built-in practice, the
// configuration file (its path and line), or a person who set it by chat
// or in the interview (who and when). A value set by chat overrides the
// file's value of its own layer until it is reset.
type Setting struct {
	Key     string
	Value   string
	Scope   Scope  // the layer it comes from: global (built in), agency, project or environment
	Project string // for the project and environment layers
	Env     string // for the environment layer

	File string // the configuration file, when the value comes from it
	Line int    // its line there

	SetBy     string    // the actor who set it by chat or in the interview; "" for a file or built-in value
	SetByName string    // their name then
	SetAt     time.Time // when

	// Shadows is the configuration file's value, of the same layer, that a
	// chat value overrides ("" when the file gives none there).
	Shadows     string
	ShadowsLine int
}

// FromChat reports whether s was set by a person (chat or interview).
func (s Setting) FromChat() bool { return s.SetBy != "" }

// Provenance says where s comes from, in lang: "agency, set by carol on
// 2 Dec", "project file, line 42", "built-in practice".
func (s Setting) Provenance(l Lang, loc *time.Location) string {
	layer := map[Scope][2]string{
		ScopeGlobal:      {"pratique standard", "built-in practice"},
		ScopeAgency:      {"agence", "agency"},
		ScopeProject:     {"projet", "project"},
		ScopeEnvironment: {"environnement", "environment"},
	}[s.Scope]
	where := l.Pick(layer[0], layer[1])
	switch s.Scope {
	case ScopeProject:
		where += " " + s.Project
	case ScopeEnvironment:
		where += " " + s.Project + "/" + s.Env
	}
	switch {
	case s.FromChat():
		if loc == nil {
			loc = time.UTC
		}
		who := s.SetByName
		if who == "" {
			who = s.SetBy
		}
		at := s.SetAt.In(loc)
		if l == English {
			return fmt.Sprintf("%s, set by %s on %s", where, who, at.Format("2 Jan"))
		}
		return fmt.Sprintf("%s, posé par %s le %d/%d", where, who, at.Day(), int(at.Month()))
	case s.File != "":
		return fmt.Sprintf(l.Pick("%s, fichier ligne %d", "%s, file line %d"), where, s.Line)
	case s.Scope == ScopeGlobal:
		return where
	}
	return where + l.Pick(", par défaut", ", default")
}

// SettingKind says what values a key takes.
type SettingKind string

// The kinds of setting values.
const (
	KindChoice   SettingKind = "choice"   // one of Choices
	KindBool     SettingKind = "bool"     // yes or no
	KindDuration SettingKind = "duration" // 30s, 10m, 2h, 30d
	KindNumber   SettingKind = "number"   // a decimal number
	KindList     SettingKind = "list"     // comma-separated words
	KindText     SettingKind = "text"     // free text
)

// SettingKey describes one key of the context layers: its kind, the
// layers it may be set at, and whether changing it can loosen production
// safety (then only admins change it by chat).
type SettingKey struct {
	Name    string
	Kind    SettingKind
	Choices []string
	Scopes  []Scope // where it may be set; the narrowest wins
	Loosens bool    // changing it can loosen production safety
	Label   [2]string
}

// Allows reports whether k may be set at scope.
func (k SettingKey) Allows(s Scope) bool {
	for _, x := range k.Scopes {
		if x == s {
			return true
		}
	}
	return false
}

// More context keys: those that deploy decisions read.
const (
	KeyStagingFirst      = "staging_first"
	KeyWindowsRecommend  = "windows.recommended"
	KeyWindowsAcceptable = "windows.acceptable"
	KeyWindowsAvoid      = "windows.avoid"
	KeyHolidays          = "holidays"
	KeyMaxErrorRate      = "max_error_rate"
	KeyMaxLatency        = "max_latency"
	KeyMonitorWindow     = "monitoring_window"
	KeyAutoRollback      = "auto_rollback"
	KeyRollbackProcedure = "rollback_procedure"
	KeyChannel           = "channel"
	KeyConfirm           = "confirm"
	KeyConfirmTimeout    = "confirm_timeout"
	KeyApprovalTimeout   = "approval_timeout"
	KeyChecklistSkip     = "checklist_skip"
	KeyMinCertDays       = "min_cert_days"
	KeyLockAfterRollback = "lock_after_rollback"
	KeyRollbackApproval  = "rollback_approval"
	KeyDrillEvery        = "drill_every"
	KeyRequireDrill      = "require_drill"
)

var (
	agencyOnly   = []Scope{ScopeAgency}
	projectOnly  = []Scope{ScopeProject}
	agencyUp     = []Scope{ScopeAgency, ScopeProject}
	everyLayer   = []Scope{ScopeAgency, ScopeProject, ScopeEnvironment}
	projectAndUp = []Scope{ScopeProject, ScopeEnvironment}
	envOnly      = []Scope{ScopeEnvironment}
)

// SettingKeys lists every key of the context layers.
var SettingKeys = []SettingKey{
	{KeyStrategy, KindChoice, []string{"recreate", "rolling", "blue-green", "canary"}, everyLayer, false, [2]string{"stratégie", "strategy"}},
	{KeyApproval, KindChoice, []string{"none", "four-eyes", "named"}, everyLayer, true, [2]string{"approbation", "approval"}},
	{KeyStagingFirst, KindBool, nil, projectOnly, true, [2]string{"staging d'abord", "staging first"}},
	{KeyValidations, KindList, nil, projectOnly, true, [2]string{"validations requises", "required validations"}},
	{KeyZeroDowntime, KindBool, nil, projectOnly, false, [2]string{"zéro interruption", "zero downtime"}},
	{KeyWindowsRecommend, KindList, nil, agencyUp, true, [2]string{"fenêtres recommandées", "recommended windows"}},
	{KeyWindowsAcceptable, KindList, nil, agencyUp, true, [2]string{"fenêtres acceptables", "acceptable windows"}},
	{KeyWindowsAvoid, KindList, nil, agencyUp, true, [2]string{"fenêtres à éviter", "avoid windows"}},
	{KeyHolidays, KindText, nil, agencyOnly, true, [2]string{"jours fériés", "public holidays"}},
	{KeyMaxErrorRate, KindNumber, nil, envOnly, true, [2]string{"taux d'erreur maximal", "highest error rate"}},
	{KeyMaxLatency, KindDuration, nil, envOnly, true, [2]string{"p95 maximal", "highest p95"}},
	{KeyMonitorWindow, KindDuration, nil, envOnly, true, [2]string{"fenêtre de surveillance", "monitoring window"}},
	{KeyAutoRollback, KindBool, nil, envOnly, true, [2]string{"rollback automatique", "automatic rollback"}},
	{KeyRollbackApproval, KindBool, nil, envOnly, true, [2]string{"approbation des rollbacks", "rollback approval"}},
	{KeyRollbackProcedure, KindText, nil, projectOnly, false, [2]string{"procédure de rollback", "rollback procedure"}},
	{KeyDrillEvery, KindDuration, nil, projectOnly, true, [2]string{"fréquence des exercices de rollback", "rollback drill every"}},
	{KeyRequireDrill, KindBool, nil, projectOnly, true, [2]string{"exercice de rollback exigé", "rollback drill required"}},
	{KeyChannel, KindText, nil, agencyUp, false, [2]string{"canal des notifications", "notification channel"}},
	{KeyConfirm, KindBool, nil, agencyOnly, true, [2]string{"confirmation", "confirmation"}},
	{KeyConfirmTimeout, KindDuration, nil, agencyOnly, false, [2]string{"délai de confirmation", "confirmation timeout"}},
	{KeyApprovalTimeout, KindDuration, nil, agencyOnly, false, [2]string{"délai d'approbation", "approval timeout"}},
	{KeyChecklistSkip, KindList, nil, agencyOnly, true, [2]string{"checklist non requise", "checklist items skipped"}},
	{KeyMinCertDays, KindNumber, nil, agencyOnly, true, [2]string{"validité TLS minimale (jours)", "minimum TLS validity (days)"}},
	{KeyLockAfterRollback, KindBool, nil, agencyOnly, true, [2]string{"verrou après rollback", "lock after rollback"}},
	{KeySmokeTests, KindText, nil, agencyUp, false, [2]string{"smoke tests", "smoke tests"}},
	{KeyPipeline, KindText, nil, agencyUp, false, [2]string{"pipeline", "pipeline"}},
	{KeyEnvironments, KindText, nil, agencyOnly, false, [2]string{"environnements", "environments"}},
	{KeyExtraEnvs, KindText, nil, projectOnly, false, [2]string{"environnements spécifiques", "extra environments"}},
	{KeyConstraints, KindText, nil, projectOnly, false, [2]string{"contraintes", "constraints"}},
	{KeySLA, KindText, nil, projectOnly, false, [2]string{"SLA de déploiement", "deployment SLA"}},
}

// SettingKeyOf returns the description of key name.
func SettingKeyOf(name string) (SettingKey, bool) {
	for _, k := range SettingKeys {
		if k.Name == name {
			return k, true
		}
	}
	return SettingKey{}, false
}

// Settings resolves the context layers for every decision: built-in
// practice < agency < project < environment, the configuration file's
// values with their line, the values set by chat or in the interview with
// who and when. Set and Reset record every change in the audit trail.
type Settings interface {
	// Resolve returns the setting of key in effect for project and env
	// (either may be empty, for the agency's or a project's).
	Resolve(ctx context.Context, project, env, key string) (Setting, error)
	// Set stores value for key at scope (project and env as the scope
	// needs), by actor (named name), overriding the file's value there.
	// The value must be valid for the key (an EINVALID error says why and
	// lists the choices). It returns the setting in effect before.
	Set(ctx context.Context, scope Scope, project, env, key, value, actor, name string) (Setting, error)
	// Reset removes the chat value of key at scope: the file's value (or
	// the wider layer's) applies again. It reports whether there was one.
	Reset(ctx context.Context, scope Scope, project, env, key, actor, name string) (bool, error)
}
