package deploybot

import "time"

// Scope is a context layer (ADR-005). A value set at a narrower scope wins:
// environment, then project, then agency, then global (built in). See
// Setting and Settings.
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

// ContextChange is one audited change of a context value.
type ContextChange struct {
	Scope   Scope
	Project string
	Env     string
	Key     string
	Old     string // empty when the key had no value
	New     string // empty for a reset
	By      string // the actor
	ByName  string // their name then
	At      time.Time
}
