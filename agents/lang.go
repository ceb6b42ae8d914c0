package agents

import (
	"regexp"
	"strings"

	"deploybot"
	"deploybot/deploy"
)

// actionLabel names a deployment's action in l: "déploiement",
// "deploy", "rollback".
func actionLabel(l deploybot.Lang, a deploybot.Action) string {
	if a == deploybot.ActionDeploy {
		return l.Pick("déploiement", "deploy")
	}
	return string(a)
}

// builtInFr are the built-in values of text settings, in French: the
// values are stored in English, as the configuration writes them.
var builtInFr = map[string]string{
	"critical paths after every deploy":                             "les parcours critiques après chaque déploiement",
	"build → test → staging → validate → deploy → verify → monitor": "build → tests → staging → validation → déploiement → vérification → surveillance",
}

// showValue writes a setting's value for people reading l: yes and no in
// their language, the built-in practice's texts translated; other values
// (names, choices, windows, durations) as they are typed.
func showValue(l deploybot.Lang, key, value string) string {
	if l == deploybot.English {
		return value
	}
	if k, ok := deploybot.SettingKeyOf(key); ok && k.Kind == deploybot.KindBool {
		switch value {
		case "yes":
			return "oui"
		case "no":
			return "non"
		}
	}
	if fr, ok := builtInFr[value]; ok {
		return fr
	}
	if key == deploybot.KeyWindowsRecommend || key == deploybot.KeyWindowsAcceptable || key == deploybot.KeyWindowsAvoid {
		// "Tue-Wed 10:00-12:00", "none": the days and the nothing in French.
		return windowDaysFr.Replace(value)
	}
	return value
}

// windowDaysFr writes a window's English days in French.
var windowDaysFr = strings.NewReplacer("Mon", "lun", "Tue", "mar", "Wed", "mer", "Thu", "jeu", "Fri", "ven", "Sat", "sam", "Sun", "dim",
	"none", "aucune")

// The lines of the audit trail, as the store writes them (in English):
// a setting set or reset, a deployment's transition, a lock, a freeze.
var (
	auditSetRe    = regexp.MustCompile(`^set (\S+) \((\w+)\): (.*) → (.*)$`)
	auditResetRe  = regexp.MustCompile(`^reset (\S+) \((\w+)\): (.*) → the file's value$`)
	auditDeployRe = regexp.MustCompile(`^#(\d+) (deploy|rollback) (\S*): (\w+)(?: → (\w+))?$`)
	auditLockRe   = regexp.MustCompile(`^(lock|unlock|expire) \((.*)\)$`)
	auditFreezeRe = regexp.MustCompile(`^freeze #(\d+) from (\S+) to (\S+)(?:, lifted by (.*) at (\S+))?$`)
	auditCmdRe    = regexp.MustCompile(`^command (\S+)$`)
)

// auditWhat writes a line of the audit trail in l.
func auditWhat(l deploybot.Lang, what string) string {
	if l == deploybot.English {
		return what
	}
	scope := func(s string) string {
		return map[string]string{"agency": "agence", "project": "projet", "environment": "environnement"}[s]
	}
	// Each expression is tried only on the lines that start as it does:
	// a French "audit" ran all six on each of its fifteen lines (issue
	// 19, a fifth of the command on bench's scripted chat).
	if m := match(auditResetRe, "reset ", what); m != nil {
		return "réinitialisé " + label(l, m[1]) + " (" + orDefault(scope(m[2]), m[2]) + ") : " + showValue(l, m[1], m[3]) + " → la valeur du fichier"
	}
	if m := match(auditSetRe, "set ", what); m != nil {
		return "changé " + label(l, m[1]) + " (" + orDefault(scope(m[2]), m[2]) + ") : " + showValue(l, m[1], m[3]) + " → " + showValue(l, m[1], m[4])
	}
	if m := match(auditDeployRe, "#", what); m != nil {
		line := "#" + m[1] + " " + actionLabel(l, deploybot.Action(m[2])) + optionalText(" ", m[3]) + " : " + stateLabel(l, deploybot.DeployState(m[4]))
		if m[5] != "" {
			line += " → " + stateLabel(l, deploybot.DeployState(m[5]))
		}
		return line
	}
	if m := auditLockRe.FindStringSubmatch(what); m != nil {
		return map[string]string{"lock": "verrouillé", "unlock": "déverrouillé", "expire": "verrou expiré"}[m[1]] + " (" + holderName(l, m[2]) + ")"
	}
	if m := match(auditFreezeRe, "freeze #", what); m != nil {
		line := "gel #" + m[1] + " du " + strings.Replace(m[2], "T", " ", 1) + " au " + strings.Replace(m[3], "T", " ", 1)
		if m[4] != "" {
			line += ", levé par " + m[4] + " le " + strings.Replace(m[5], "T", " ", 1)
		}
		return line
	}
	if m := match(auditCmdRe, "command ", what); m != nil {
		return "commande " + m[1]
	}
	return what
}

// match is re.FindStringSubmatch(s) for an expression whose every match
// starts with prefix: nil at once for s without it.
func match(re *regexp.Regexp, prefix, s string) []string {
	if !strings.HasPrefix(s, prefix) {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// systemNotesFr are the notes deploybot itself writes on a deployment's
// transitions and locks (stored in English), in French; a person's own
// words (a reason, a comment) are shown as written.
var systemNotesFr = map[string]string{
	"verified": "vérifié", "executor started": "exécuteur lancé", "executor succeeded": "exécuteur réussi",
	"confirmed; no approval required": "confirmé ; pas d'approbation requise", "confirmed by the requester": "confirmé par le demandeur",
	"cancelled": "annulé", "plan expired": "plan expiré", "approval expired": "approbation expirée",
	"deployed and verified": "déployé et vérifié", "its process is gone": "son processus a disparu",
	"drill: back, verified": "exercice : retour, vérifié", "drill: forward, verified": "exercice : aller, vérifié",
	"drill: returned, verified":                         "exercice : revenu, vérifié",
	deploy.RollbackLockReason:                           "verrouillé après un rollback : déverrouillez avec une raison pour redéployer",
	"monitoring window passed with healthy metrics":     "fenêtre de surveillance passée, métriques saines",
	"monitoring window passed without a metrics sample": "fenêtre de surveillance passée sans une seule mesure",
}

var (
	systemPrefixFr = [][2]string{{"refused on recheck: ", "refusé à la revérification : "}, {"outcome recorded: ", "issue enregistrée : "},
		{"lock forced: ", "verrou forcé : "}}
	deploymentRefRe = regexp.MustCompile(`\bdeployment #(\d+)`)
	actionRefRe     = regexp.MustCompile(`^(deploy|rollback) (\S+)$`)
)

// auditDetail writes the note of an audit line in l: deploybot's own
// notes translated, a person's words as written.
func auditDetail(l deploybot.Lang, detail string) string {
	if l == deploybot.English || detail == "" {
		return detail
	}
	if fr, ok := systemNotesFr[detail]; ok {
		return fr
	}
	for _, p := range systemPrefixFr {
		if strings.HasPrefix(detail, p[0]) {
			return p[1] + strings.TrimPrefix(detail, p[0])
		}
	}
	if m := actionRefRe.FindStringSubmatch(detail); m != nil {
		return actionLabel(l, deploybot.Action(m[1])) + " " + m[2]
	}
	return detail
}

// holderName names a lock's holder in l: "déploiement #12" for a
// deployment, a person as named.
func holderName(l deploybot.Lang, holder string) string {
	if l == deploybot.English {
		return holder
	}
	return deploymentRefRe.ReplaceAllString(holder, "déploiement #$1")
}
