package agents

import (
	"strings"

	"deploybot"
)

func (o *Orchestrator) projectList() string {
	names := make([]string, 0, len(o.Projects))
	for _, p := range o.Projects {
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, ", ")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// help lists what deploybot understands, in lang.
func (o *Orchestrator) help(lang deploybot.Lang) deploybot.Reply {
	if lang == deploybot.English {
		return deploybot.Reply{Lang: lang, Title: "What I understand", Text: strings.Join([]string{
			"• Questions about the deployment phase: process, windows, checklist, strategies, staging, rollback.",
			"   e.g. \"can I deploy on Friday at 5pm?\", \"blue-green or canary for payments?\"",
			"• Deploy orders: \"deploy api v1.4.2 to production\", \"ship web to staging\".",
			"• Rollback orders: \"roll back api in production\", \"revert web to v1.4.1\".",
			"   A plan comes first: answer \"yes\" (or add --yes); --wait queues behind a lock; --force \"reason\" breaks glass.",
			"• Deployments: \"approve [ID]\", \"deny [ID]\", \"cancel ID\", \"pending\", \"status api\", \"history api\",",
			"   \"lock api production: incident\", \"unlock api production: fixed\", \"freeze all: reason\", \"unfreeze\".",
			"• Reminders: \"remind #deploys every tuesday at 9:30 to check staging\", \"list reminders\", \"delete reminder 3\".",
			"• Context: \"show context for api\", \"set api strategy to canary\", \"onboard project api\" (an interview; \"stop\" pauses it).",
			"• Scripts and infrastructure go to devops; agency-wide standards to technical leadership.",
			"Projects: " + o.projectList() + ".",
		}, "\n")}
	}
	return deploybot.Reply{Lang: lang, Title: "Ce que je comprends", Text: strings.Join([]string{
		"• Les questions sur la phase de déploiement : processus, fenêtres, checklist, stratégies, staging, rollback.",
		"   ex. « je peux déployer vendredi à 17h ? », « blue-green ou canary pour payments ? »",
		"• Les demandes de déploiement : « déploie api v1.4.2 en prod », « pousse web en recette ».",
		"• Les demandes de rollback : « rollback api en prod », « reviens à la v1.4.1 de web ».",
		"   Un plan s'affiche d'abord : répondez « oui » (ou ajoutez --yes) ; --wait attend un verrou ; --force \"raison\" force.",
		"• Les déploiements : « approuve [ID] », « refuse [ID] », « annule ID », « en attente », « statut api », « historique api »,",
		"   « lock api production : incident », « unlock api production : corrigé », « gel de la prod du 20/12 au 03/01 », « dégel ».",
		"• Les rappels : « rappelle à #deploys chaque mardi à 9h30 de vérifier le staging », « liste les rappels », « supprime le rappel 3 ».",
		"• Le contexte : « contexte du projet api », « pour le projet api, la stratégie est canary », « configure le projet api » (un entretien ; « stop » le met en pause).",
		"• Les scripts et l'infrastructure vont à devops ; les standards de l'agence à la direction technique.",
		"Projets : " + o.projectList() + ".",
	}, "\n")}
}
