package router_test

import "testing"

// TestReadHoldout28Readings: holdout28 (session 10's honest set, read at
// session 13's start) misread these; the dangerous ones first: a setting
// put back to its default read as a rollback, a reset that named a
// project reset the agency's, a state ("tout le monde bloqué") read as a
// lock of everything.
func TestReadHoldout28Readings(t *testing.T) {
	lockAsked := []string{"verrouille web staging", "Verrouiller web staging : pour quelle raison ? (elle est affichée à qui voudrait déployer)"}
	checkReadings(t, []reading{
		{"oublie la stratégie qu'on a mise sur le front, reviens au défaut", nil, "command reset app=web key=strategy scope=project"},
		{"remets par défaut", nil, "question orchestrator"},
		{"reviens au défaut pour la stratégie", nil, "question production"},
		{"remets la stratégie du site par défaut, on s'est emballés", nil, "command reset app=web key=strategy scope=project"},
		// A project the bot does not know is never the agency's reset:
		// the bot asks which project.
		{"reset shop strategy", nil, "command reset key=strategy scope=project"},
		{"reset the strategy", nil, "command reset key=strategy scope=agency"},
		{"reset the approval setting", nil, "command reset key=approval scope=agency"},
		{"tout le monde bloqué, on attend le client", nil, "question staging"},
		{"la prod est gelée jusqu'à lundi", nil, "question orchestrator"},
		{"bloque tout, on attend le client", nil, "command lock all=yes reason=on attend le client"},
		{"tout le monde bloqué, on attend le client", lockAsked, "command lock app=web env=staging reason=tout le monde bloqué, on attend le client"},
		{"attend non", []string{"lock web staging", "Give a reason: it is shown to anyone who tries to deploy."}, "unknown"},
		// Reason questions worded "ORDER: why?" and the like.
		{"client investigating a data issue", []string{"lock web prod", "Lock web production: why? Give a reason, it is shown to anyone who tries to deploy."},
			"command lock app=web env=production reason=client investigating a data issue"},
		{"root cause found, hotfix 3.14.1 verified", []string{"unlock backend production", "Unlock api production: what was fixed? Give a reason."},
			"command unlock app=api env=production reason=root cause found, hotfix 3.14.1 verified"},
		{"le client n'a pas validé la maquette", []string{"refuse la 36", "Refuser #36 (déploiement web production) : pour quelle raison ? (une phrase, elle sera transmise au demandeur)"},
			"command deny id=36 reason=le client n'a pas validé la maquette"},
		{"until the client signs the PV", []string{"deny 57", "Deny #57 (deploy web production): a reason? (one sentence, it is sent to the requester)"},
			"command deny id=57 reason=until the client signs the PV"},
		// "Which one? Answer with its number.": the choice asked, then how.
		{"34", []string{"approve", "Several deployments are waiting for your approval: #34 (rollback api production), #35 (deploy web staging). Which one? Answer with its number."},
			"command approve id=34"},
		{"36", []string{"approve", "Several deployments are waiting for your approval: #34 (rollback api production), #35 (deploy web staging). Which one? Answer with its number."},
			"unknown"},
		{"la 35", []string{"approuve", "Plusieurs déploiements attendent votre approbation : #34 (rollback api production), #35 (déploiement web staging). Lequel ? Répondez par son numéro."},
			"command approve id=35"},
		{"le 4", []string{"supprime le rappel du jeudi", "Quel rappel supprimer ? Donnez son numéro (« liste des rappels » les affiche)."}, "command reminders id=4 op=delete"},
		{"2", []string{"kill the friday reminder", "Which reminder should I delete? Give its number (list reminders shows them)."}, "command reminders id=2 op=delete"},
		{"kill reminder 3", nil, "command reminders id=3 op=delete"},
	})
}
