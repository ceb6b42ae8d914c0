package deploybot

import (
	"context"
	"time"
)

// Scope is a context layer (ADR-005). A value set at a narrower scope wins:
// project, then agency, then global.
type Scope string

// The three layers.
const (
	ScopeGlobal  Scope = "global"  // industry practice, built into the knowledge
	ScopeAgency  Scope = "agency"  // the agency's conventions
	ScopeProject Scope = "project" // a project's exceptions
)

// Context keys. Agency keys describe the agency's conventions; project keys
// its exceptions. A project may also override an agency key.
const (
	KeyStrategy     = "strategy"           // default deployment strategy
	KeyPipeline     = "pipeline"           // standard pipeline (github-actions, gitlab-ci, ...)
	KeyEnvironments = "environments"       // how environments are managed
	KeySmokeTests   = "smoke_tests"        // smoke-test suite
	KeyApproval     = "approval"           // approval process
	KeyConstraints  = "constraints"        // deployment constraints (hours, client approvals)
	KeyZeroDowntime = "zero_downtime"      // zero downtime mandatory (yes/no)
	KeyExtraEnvs    = "extra_environments" // UAT, demo, multi-region
	KeyValidations  = "validations"        // required validations (load, security)
	KeySLA          = "sla"                // deployment SLAs (frequency, imposed windows)
)

// ContextValue is one value of one layer.
type ContextValue struct {
	Scope   Scope
	Project string // set for ScopeProject only
	Key     string
	Value   string
	SetBy   string // who set it: "config", "builtin" or a user
	SetAt   time.Time
}

// ContextStore keeps the context layers. Every change is audited with the old
// and new value.
type ContextStore interface {
	// SetContext stores v, replacing the value of the same scope, project
	// and key, and records the change in the audit trail.
	SetContext(ctx context.Context, v ContextValue) error
	// SeedContext stores each value that has no value yet for its scope,
	// project and key; it never overwrites what chat set.
	SeedContext(ctx context.Context, vs []ContextValue) error
	// ContextValues returns the global and agency values and, when project
	// is not empty, that project's values.
	ContextValues(ctx context.Context, project string) ([]ContextValue, error)
}

// ResolveContext picks, per key, the value of the narrowest layer: project,
// then agency, then global.
func ResolveContext(values []ContextValue, project string) map[string]ContextValue {
	rank := map[Scope]int{ScopeGlobal: 1, ScopeAgency: 2, ScopeProject: 3}
	out := make(map[string]ContextValue)
	for _, v := range values {
		if v.Scope == ScopeProject && v.Project != project {
			continue
		}
		if cur, ok := out[v.Key]; !ok || rank[v.Scope] > rank[cur.Scope] {
			out[v.Key] = v
		}
	}
	return out
}

// ContextChange is one audited change of a context value.
type ContextChange struct {
	Scope   Scope
	Project string
	Key     string
	Old     string // empty when the key had no value
	New     string
	By      string
	At      time.Time
}
