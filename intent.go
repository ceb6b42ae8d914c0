package deploybot

import "context"

// Route names who handles a message.
type Route string

// The routes a message can take.
const (
	RouteStaging      Route = "staging"             // pre-production, smoke tests, QA environments
	RouteProduction   Route = "production"          // going live and deployment strategies
	RouteRollback     Route = "rollback"            // going back, incident response
	RouteOrchestrator Route = "orchestrator"        // the deployment phase as a whole
	RouteDevops       Route = "devops"              // hand-off: scripts, pipelines, infrastructure
	RouteDirection    Route = "direction-technique" // hand-off: agency-wide standards
)

// Routes lists every route, in a stable order.
var Routes = []Route{RouteStaging, RouteProduction, RouteRollback, RouteOrchestrator, RouteDevops, RouteDirection}

// Valid reports whether r is a known route.
func (r Route) Valid() bool {
	for _, k := range Routes {
		if r == k {
			return true
		}
	}
	return false
}

// IntentKind says whether a message asks something or orders an action.
type IntentKind string

// The intents of a message.
const (
	IntentQuestion IntentKind = "question" // asks for guidance
	IntentDeploy   IntentKind = "deploy"   // asks to deploy now
	IntentRollback IntentKind = "rollback" // asks to roll back now
)

// IsAction reports whether the intent orders something done.
func (k IntentKind) IsAction() bool { return k == IntentDeploy || k == IntentRollback }

// Lang is the language of a message: "fr" or "en".
type Lang string

// Supported languages.
const (
	French  Lang = "fr"
	English Lang = "en"
)

// Canonical environment names.
const (
	EnvStaging    = "staging"
	EnvProduction = "production"
)

// Intent is what the router understood of one message. App, Env and Version
// are the slots of an action; they are empty for questions. Subject* hold what
// a question mentions, for the agents' context; they are not part of the
// routing contract.
type Intent struct {
	Route      Route      `json:"route"`
	Intent     IntentKind `json:"intent"`
	App        string     `json:"app,omitempty"`
	Env        string     `json:"env,omitempty"`
	Version    string     `json:"version,omitempty"`
	Lang       Lang       `json:"lang"`
	Confidence float64    `json:"confidence"`

	// BadVersion is a word written where a version was expected that is
	// not one ("--help", "v1/../../etc"): an action that carries one is
	// refused, naming it; a version is never guessed.
	BadVersion string `json:"-"`

	SubjectApp string `json:"-"` // project named in the message, if any
	SubjectEnv string `json:"-"` // environment named in the message, if any
}

// Router classifies a chat message. It never fails: an empty or meaningless
// text gets a low-confidence orchestrator question.
type Router interface {
	Route(ctx context.Context, text string) Intent
}

// Pick returns fr for French and en for any other language: the one place
// where bilingual texts choose their language.
func (l Lang) Pick(fr, en string) string {
	if l == English {
		return en
	}
	return fr
}
