package policy

import (
	"fmt"
	"strings"
	"time"

	"deploybot"
)

// Level is the answer of one rule.
type Level string

// The levels of a rule's answer, from best to worst.
const (
	Allow         Level = "allow"
	Warn          Level = "warn"
	NeedsApproval Level = "needs_approval"
	Deny          Level = "deny"
)

func (l Level) rank() int {
	switch l {
	case Warn:
		return 1
	case NeedsApproval:
		return 2
	case Deny:
		return 3
	}
	return 0
}

// Result is one rule's answer, with its reason in both languages.
type Result struct {
	Rule   string
	Level  Level
	Reason [2]string // fr, en
}

// ReasonIn returns the reason in lang.
func (r Result) ReasonIn(l deploybot.Lang) string {
	if l == deploybot.English {
		return r.Reason[1]
	}
	return r.Reason[0]
}

// Verdict is the answer of every rule on a request.
type Verdict struct {
	Level   Level // the worst level of the results
	Results []Result
}

// Denied reports whether a rule refuses the request.
func (v Verdict) Denied() bool { return v.Level == Deny }

// NeedsApproval reports whether someone must approve before it runs.
func (v Verdict) NeedsApproval() bool {
	for _, r := range v.Results {
		if r.Level == NeedsApproval {
			return true
		}
	}
	return false
}

// Reasons returns the reasons of the results at level or worse, in lang.
func (v Verdict) Reasons(l deploybot.Lang, level Level) []string {
	var out []string
	for _, r := range v.Results {
		if r.Level.rank() >= level.rank() {
			out = append(out, r.ReasonIn(l))
		}
	}
	return out
}

// Approval says who must approve a deployment.
type Approval string

// The approval processes.
const (
	ApprovalNone     Approval = "none"      // nobody
	ApprovalFourEyes Approval = "four-eyes" // anyone but the requester (among the approvers if listed)
	ApprovalNamed    Approval = "named"     // one of the named approvers (the client)
)

// Facts are what the rules decide on. The caller gathers them (from the
// configuration, the store and the clock); the rules do no I/O.
type Facts struct {
	Action       deploybot.Action
	Project      string
	Env          string
	Production   bool
	Version      string
	Requester    string
	Moment       Moment   // the calendar's verdict on now
	Force        bool     // break-glass asked
	ForceReason  string   // why; required with Force
	Deployers    []string // who may deploy; empty: anyone
	ForceRoles   []string // who may break glass; empty: nobody
	Approval     Approval
	Approvers    []string // who may approve
	StagingFirst bool     // production needs the version on staging first
	StagingOK    bool     // the version succeeded on staging
	StagingNote  string   // why StagingFirst is off, when it is
	Lock         *deploybot.Lock
	Wait         bool // the requester waits in line for the lock
	CertDays     int  // days of validity left of the environment's certificate; -1 unknown
	MinCertDays  int
	HealthOK     *bool  // health of the target before deploying; nil: not checked
	CIState      string // CI status of the version's commit: success, pending, failure; "": unknown
	// Drill: the request is a step of a rollback drill, judged as a deploy
	// but with no staging-first rule (both versions ran there already).
	Drill bool
	// DrillDue says, for a production deploy, that the environment's
	// rollback was never drilled or not recently ([2]string{fr, en}; zero:
	// drilled recently, or nothing to drill). DrillRequired makes it a
	// refusal (require_drill, where a drill was possible).
	DrillDue      [2]string
	DrillRequired bool
}

// Member reports whether actor is in list. The comparison is exact: the
// caller resolves names, ids and "@group" entries to actors first (a
// Slack account's name is never an identity), and an entry that could not
// be resolved matches nobody.
func Member(list []string, actor string) bool {
	if actor == "" || strings.HasPrefix(actor, unresolvedMark) {
		// Nobody, or an actor spelled as a stand-in (Unresolved): it
		// would equal the stand-in of an entry that named nobody.
		return false
	}
	for _, x := range list {
		if x == actor {
			return true
		}
	}
	return false
}

// Evaluate applies every rule to f and returns all the results at once.
// A rollback is the emergency path: no window, freeze or staging rule, and
// approval only if Approval says so.
func Evaluate(f Facts) Verdict {
	var v Verdict
	add := func(rule string, level Level, fr, en string) {
		v.Results = append(v.Results, Result{Rule: rule, Level: level, Reason: [2]string{fr, en}})
		if level.rank() > v.Level.rank() {
			v.Level = level
		}
	}
	v.Level = Allow
	rollback := f.Action == deploybot.ActionRollback

	// Who.
	if len(f.Deployers) > 0 && !Member(f.Deployers, f.Requester) {
		// Who may, named: a new user was refused and could not tell whom
		// to ask.
		whoFR, whoEN := Who(deploybot.French, f.Deployers, ", "), Who(deploybot.English, f.Deployers, ", ")
		if rollback {
			add("access", Deny,
				fmt.Sprintf("%s n'a pas le droit de faire un rollback de %s en %s (qui peut : %s)", f.Requester, f.Project, f.Env, whoFR),
				fmt.Sprintf("%s may not roll back %s in %s (who may: %s)", f.Requester, f.Project, f.Env, whoEN))
		} else {
			add("access", Deny,
				fmt.Sprintf("%s n'a pas le droit de déployer %s en %s (qui peut : %s)", f.Requester, f.Project, f.Env, whoFR),
				fmt.Sprintf("%s may not deploy %s to %s (who may: %s)", f.Requester, f.Project, f.Env, whoEN))
		}
	}

	// Break-glass.
	forced := false
	if f.Force {
		switch {
		case strings.TrimSpace(f.ForceReason) == "":
			add("force", Deny, "--force demande une raison (--force \"raison\")", "--force needs a reason (--force \"reason\")")
		case !Member(f.ForceRoles, f.Requester):
			add("force", Deny, fmt.Sprintf("%s n'a pas le droit de forcer un déploiement", f.Requester),
				fmt.Sprintf("%s may not force a deployment", f.Requester))
		default:
			forced = true
			add("force", NeedsApproval, "déploiement forcé (« "+f.ForceReason+" ») : une approbation est exigée",
				"forced deployment (\""+f.ForceReason+"\"): an approval is required")
		}
	}

	// Freezes cover the environments they name, staging included;
	// windows and holidays are for production only.
	level := Deny
	if forced {
		level = Warn
	}
	if m := f.Moment; !rollback && m.Class == Frozen {
		reason, reasonEn := "", ""
		if m.Freeze != nil && m.Freeze.Reason != "" {
			reason, reasonEn = " : "+m.Freeze.Reason, ": "+m.Freeze.Reason
		}
		if m.Freeze != nil && m.Freeze.Chat() && m.Freeze.CreatedBy != "" {
			reason += " (gel #" + fmt.Sprint(m.Freeze.ID) + " posé par " + m.Freeze.CreatedBy + ")"
			reasonEn += " (freeze #" + fmt.Sprint(m.Freeze.ID) + " set by " + m.Freeze.CreatedBy + ")"
		} else if m.Freeze != nil {
			reason += " (fichier de configuration)"
			reasonEn += " (configuration file)"
		}
		if level == Deny && len(f.ForceRoles) > 0 && Member(f.ForceRoles, f.Requester) {
			// What a hotfix needs, told to the one who may give it (a new
			// user asked how; the card and the refusal said nothing).
			reason += ` — correctif urgent : ajoutez --force "raison" (puis une approbation)`
			reasonEn += ` — urgent fix: add --force "reason" (then an approval)`
		}
		add("freeze", level, "gel des déploiements en cours"+reason, "deployment freeze in force"+reasonEn)
	} else if f.Production && !rollback {
		at, atFr := m.At.Format("Mon 15:04"), frenchDay(m.At)
		switch m.Class {
		case Recommended:
			add("window", Allow, "fenêtre recommandée", "recommended window")
		case Acceptable:
			add("window", Warn, "fenêtre acceptable ("+atFr+") : précautions en plus, équipe prévenue, rollback prêt",
				"acceptable window ("+at+"): extra precautions, team warned, rollback ready")
		case Outside:
			add("window", level, "hors des fenêtres de déploiement ("+atFr+")", "outside the deployment windows ("+at+")")
		case Avoid:
			fr, en := "fenêtre à éviter ("+atFr+") : personne pour réagir", "avoid window ("+at+"): nobody there to react"
			if m.Holiday != "" {
				fr, en = "jour férié ("+m.Holiday+")", "public holiday ("+m.Holiday+")"
			} else if m.Eve != "" {
				fr, en = "veille de jour férié ("+m.Eve+")", "eve of a public holiday ("+m.Eve+")"
			}
			add("window", level, fr, en)
		}
	}

	// Staging first.
	if f.Production && !rollback && !f.Drill {
		switch {
		case !f.StagingFirst:
			note := ""
			if f.StagingNote != "" {
				note = " (" + f.StagingNote + ")" // no "(-)" when the configuration gives no reason
			}
			add("staging_first", Warn, "passage par le staging désactivé pour ce projet"+note,
				"staging first is turned off for this project"+note)
		case f.Version == "" || f.Version == "latest":
			add("staging_first", Deny, "précisez la version : seule une version validée en staging part en production",
				"name the version: only a version that succeeded on staging goes to production")
		case !f.StagingOK:
			add("staging_first", Deny, "la version "+f.Version+" n'est pas passée en staging avec succès",
				"version "+f.Version+" has not succeeded on staging")
		default:
			add("staging_first", Allow, "version "+f.Version+" validée en staging", "version "+f.Version+" succeeded on staging")
		}
	}

	// Rollback drills: a warning on its own line, a refusal only with
	// require_drill where a drill was possible.
	if f.DrillDue != ([2]string{}) && f.Production && !rollback {
		level := Warn
		if f.DrillRequired && !forced {
			level = Deny
		}
		add("drill", level, f.DrillDue[0], f.DrillDue[1])
	}

	// Lock.
	if f.Lock != nil {
		l := f.Lock
		why := ""
		if l.Reason != "" {
			why = " (" + l.Reason + ")"
		}
		if f.Wait {
			add("lock", Warn, fmt.Sprintf("%s/%s est verrouillé par %s%s : la demande attendra son tour", l.Project, l.Env, l.Holder, why),
				fmt.Sprintf("%s/%s is locked by %s%s: the request will wait its turn", l.Project, l.Env, l.Holder, why))
		} else {
			add("lock", Deny, fmt.Sprintf("%s/%s est verrouillé par %s%s", l.Project, l.Env, l.Holder, why),
				fmt.Sprintf("%s/%s is locked by %s%s", l.Project, l.Env, l.Holder, why))
		}
	}

	// Approval.
	if !forced {
		switch f.Approval {
		case ApprovalNone, "":
			if f.Production && !rollback {
				add("approval", Allow, "pas d'approbation requise", "no approval required")
			}
		case ApprovalFourEyes:
			add("approval", NeedsApproval, "approbation par une autre personne (quatre yeux)", "approval by another person (four eyes)")
		case ApprovalNamed:
			add("approval", NeedsApproval, "approbation par "+Who(deploybot.French, f.Approvers, " ou "), "approval by "+Who(deploybot.English, f.Approvers, " or "))
		}
	}

	// Checklist items checked automatically.
	if f.MinCertDays > 0 && f.CertDays >= 0 && !rollback {
		if f.CertDays < f.MinCertDays {
			add("checklist_tls", Deny, fmt.Sprintf("certificat TLS valide encore %d jours seulement (minimum %d)", f.CertDays, f.MinCertDays),
				fmt.Sprintf("TLS certificate valid for only %d more days (minimum %d)", f.CertDays, f.MinCertDays))
		} else {
			add("checklist_tls", Allow, fmt.Sprintf("certificat TLS valide %d jours", f.CertDays), fmt.Sprintf("TLS certificate valid for %d days", f.CertDays))
		}
	}
	switch {
	case rollback || f.CIState == "":
	case f.CIState == "success":
		add("checklist_ci", Allow, "CI verte pour "+f.Version, "CI green for "+f.Version)
	case f.CIState == "pending":
		add("checklist_ci", Warn, "CI encore en cours pour "+f.Version, "CI still running for "+f.Version)
	default:
		add("checklist_ci", Deny, "CI en échec pour "+f.Version, "CI failing for "+f.Version)
	}
	if f.HealthOK != nil && !rollback {
		if *f.HealthOK {
			add("checklist_health", Allow, "la cible répond avant le déploiement", "the target is healthy before deploying")
		} else {
			add("checklist_health", Warn, "la cible ne répond pas correctement avant le déploiement", "the target is not healthy before deploying")
		}
	}
	return v
}

// CanApprove says whether approver may approve a request of requester under
// approval: never one's own request; among approvers when listed.
func CanApprove(approval Approval, approvers []string, requester, approver string) (bool, [2]string) {
	if approver == requester {
		return false, [2]string{"on ne peut pas approuver sa propre demande", "you cannot approve your own request"}
	}
	if (approval == ApprovalNamed || len(approvers) > 0) && !Member(approvers, approver) {
		return false, [2]string{approver + " ne fait pas partie des approbateurs (" + Who(deploybot.French, approvers, ", ") + ")",
			approver + " is not an approver (" + Who(deploybot.English, approvers, ", ") + ")"}
	}
	return true, [2]string{}
}

// Expired reports whether something created at created, valid for ttl, has
// expired at now.
func Expired(created time.Time, ttl time.Duration, now time.Time) bool {
	return ttl > 0 && !now.Before(created.Add(ttl))
}

// ChecklistItem is one item of the brief's pre-deployment checklist.
type ChecklistItem struct {
	ID    string
	Group string    // code, infrastructure, team
	Label [2]string // fr, en
}

// Checklist is the pre-deployment checklist, in order. The configuration
// may mark items as not required by their ids.
var Checklist = []ChecklistItem{
	{"tests", "code", [2]string{"Tous les tests passent", "All tests pass"}},
	{"review", "code", [2]string{"Code review approuvée", "Code review approved"}},
	{"vulnerabilities", "code", [2]string{"Pas de vulnérabilité connue", "No known vulnerabilities"}},
	{"docs", "code", [2]string{"Documentation à jour", "Documentation up to date"}},
	{"staging", "infrastructure", [2]string{"Staging OK", "Staging OK"}},
	{"migrations", "infrastructure", [2]string{"Migrations BDD prêtes", "Database migrations ready"}},
	{"env_vars", "infrastructure", [2]string{"Variables d'environnement configurées", "Environment variables configured"}},
	{"tls", "infrastructure", [2]string{"Certificats SSL valides", "TLS certificates valid"}},
	{"health", "infrastructure", [2]string{"La cible répond", "Target healthy"}},
	{"team", "team", [2]string{"Équipe disponible pour surveiller", "Team available to monitor"}},
	{"rollback_plan", "team", [2]string{"Plan de rollback documenté", "Rollback plan documented"}},
	{"communication", "team", [2]string{"Communication prévue (changelog, status page)", "Communication planned (changelog, status page)"}},
}

// frenchDay writes a moment's day and time in French: "ven. 17:00" ("Fri
// 17:00" showed in French refusals).
func frenchDay(t time.Time) string {
	days := [...]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}
	return days[t.Weekday()] + " " + t.Format("15:04")
}
