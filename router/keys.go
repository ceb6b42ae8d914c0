package router

import (
	"strings"

	"deploybot"
)

// settingName says how people name one setting key in chat.
type settingName struct {
	key   string
	names []string // folded words people use for it
}

var settingNames = []settingName{
	{deploybot.KeyStrategy, []string{"strategie par defaut", "default strategy", "deployment strategy", "deploy strategy", "strategie de deploiement", "strategie de mise en prod", "strategie", "strategy"}},
	{deploybot.KeyPipeline, []string{"pipeline"}},
	{deploybot.KeyExtraEnvs, []string{"environnements specifiques", "extra environments", "environnements supplementaires", "extra envs"}},
	{deploybot.KeyEnvironments, []string{"environnements", "environments", "envs"}},
	{deploybot.KeySmokeTests, []string{"smoke tests", "smoke_tests", "smoke-tests", "smoke"}},
	{deploybot.KeyRollbackApproval, []string{"rollback approval", "rollback_approval", "approbation des rollbacks", "approbation du rollback"}},
	{deploybot.KeyApproval, []string{"approbation", "approval", "approvals"}},
	{deploybot.KeyConstraints, []string{"contraintes", "constraints"}},
	{deploybot.KeyZeroDowntime, []string{"zero downtime", "zero_downtime", "zero-downtime", "zero interruption", "zero coupure"}},
	{deploybot.KeyValidations, []string{"validations requises", "required validations", "validations", "validation"}},
	{deploybot.KeySLA, []string{"sla", "slas"}},
	{deploybot.KeyStagingFirst, []string{"staging first", "staging_first", "staging d abord", "passage par le staging", "staging obligatoire"}},
	{deploybot.KeyWindowsRecommend, []string{"recommended windows", "windows.recommended", "windows recommended", "fenetres recommandees", "creneaux recommandes"}},
	{deploybot.KeyWindowsAcceptable, []string{"acceptable windows", "windows.acceptable", "windows acceptable", "fenetres acceptables", "creneaux acceptables"}},
	{deploybot.KeyWindowsAvoid, []string{"avoid windows", "windows.avoid", "windows avoid", "fenetres a eviter", "creneaux a eviter"}},
	{deploybot.KeyHolidays, []string{"jours feries", "public holidays", "holidays"}},
	{deploybot.KeyMaxErrorRate, []string{"max error rate", "max_error_rate", "taux d erreur max", "taux d erreur maximal", "error rate threshold", "seuil d erreur", "highest error rate"}},
	{deploybot.KeyMaxLatency, []string{"max latency", "max_latency", "latence max", "p95 max", "seuil de latence", "p95 maximal", "highest p95"}},
	{deploybot.KeyMonitorWindow, []string{"monitoring window", "monitoring_window", "fenetre de surveillance", "duree de surveillance"}},
	{deploybot.KeyAutoRollback, []string{"auto rollback", "auto_rollback", "automatic rollback", "rollback automatique"}},
	{deploybot.KeyRollbackProcedure, []string{"rollback procedure", "rollback_procedure", "procedure de rollback"}},
	{deploybot.KeyChannel, []string{"notification channel", "canal des notifications", "canal", "channel"}},
	{deploybot.KeyConfirmTimeout, []string{"confirm timeout", "confirm_timeout", "confirmation timeout", "delai de confirmation"}},
	{deploybot.KeyApprovalTimeout, []string{"approval timeout", "approval_timeout", "delai d approbation"}},
	{deploybot.KeyConfirm, []string{"confirmation", "confirm"}},
	{deploybot.KeyChecklistSkip, []string{"checklist skip", "checklist_skip", "checklist non requise", "skipped checklist", "checklist items skipped", "points de checklist sautes"}},
	{deploybot.KeyMinCertDays, []string{"min cert days", "min_cert_days", "validite tls", "certificate days", "minimum tls validity", "minimum tls validity days", "validite tls minimale", "validite tls minimale jours"}},
	{deploybot.KeyLockAfterRollback, []string{"lock after rollback", "lock_after_rollback", "verrou apres rollback"}},
	// The drills' two keys had no name: "set web rollback drill required
	// to yes" started a rollback drill.
	{deploybot.KeyDrillEvery, []string{"rollback drill every", "drill every", "drill_every", "drill frequency", "frequence des exercices de rollback",
		"frequence des exercices", "frequence des drills"}},
	{deploybot.KeyRequireDrill, []string{"rollback drill required", "require drill", "require_drill", "drill required", "drills required",
		"exercice de rollback exige", "exercice exige", "exercice de rollback obligatoire", "drill obligatoire"}},
}

// matchKey finds the setting key a folded phrase names: the phrase is a
// name, ends with one or starts with one.
func matchKey(text string) (settingName, bool) {
	t := strings.TrimSpace(text)
	// The longest name wins: "approval timeout" is not "approval".
	var best settingName
	longest := 0
	for _, k := range settingNames {
		for _, n := range k.names {
			if len(n) > longest && (t == n || strings.HasSuffix(t, " "+n) || strings.HasPrefix(t, n+" ")) {
				best, longest = k, len(n)
			}
		}
	}
	return best, longest > 0
}

// keyNameAt returns the name of k that text starts or ends with, the
// longest ("" if none).
func keyNameAt(k settingName, text string) string {
	best := ""
	for _, n := range k.names {
		if len(n) > len(best) && (text == n || strings.HasSuffix(text, " "+n) || strings.HasPrefix(text, n+" ")) {
			best = n
		}
	}
	return best
}

// keyName returns the name of k that text ends with ("" if none).
func keyName(k settingName, text string) string {
	for _, n := range k.names {
		if text == n || strings.HasSuffix(text, " "+n) {
			return n
		}
	}
	return ""
}

// CanonicalEnv returns the canonical name of an environment word: prod,
// prd, live are production; stg, preprod, recette are staging; any other
// word is returned as is.
func CanonicalEnv(w string) string {
	if e, ok := envWordOf(fold(w)); ok {
		return e
	}
	return w
}
