package agents_test

import (
	"context"
	"testing"

	"deploybot/deploy"
)

// TestRefusedRollbackSequel: the bot's refusal of a rollback for want of
// an earlier good version stays in the conversation, so that "and on
// staging?" right after asks the rollback there (it answered what runs on
// staging: the refusal was not kept, and the router read a state asked).
func TestRefusedRollbackSequel(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "rollback web prod", "no earlier good version of web on production"},
		{"alice", "and on staging?", "no earlier good version of web on staging"},
		{"alice", "rollback du site en prod", "aucune version antérieure saine de web en production"},
		{"alice", "et en recette ?", "aucune version antérieure saine de web en staging"},
	})
}

// TestSettingUndone: the bot's note of a setting changed stays in the
// conversation, so that "undo that" right after puts the setting back (it
// asked which project to roll back: the router read a rollback); after a
// value set by chat it orders nothing; "plutôt blue-green finalement"
// still sets that one instead.
func TestSettingUndone(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "set web strategy to blue-green", "Noted: for project web, strategy = *blue-green*"},
		{"alice", "undo that", "Reset: for project web, strategy = *rolling*"},
		{"alice", "set web strategy to canary", "Noted: for project web, strategy = *canary*"},
		{"alice", "set web strategy to recreate", "(was canary, project web, set by"},
		{"alice", "put it back", "not sure"},
		{"alice", "set api strategy to canary", "Noted: for project api, strategy = *canary*"},
		{"alice", "plutôt blue-green finalement", "stratégie = *blue-green*"},
	})
}

// TestReminderWhatAsked: a reminder whose schedule is said but not its
// text ("remind #api every monday at 9") asks what to remind (it asked
// when, and the schedule said again was not understood); the answer is
// the text, in either language.
func TestReminderWhatAsked(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "remind #api every monday at 9", "What should I remind in #api?"},
		{"alice", "check the staging deploys", "every Monday at 09:00: \"check the staging deploys\""},
		{"alice", "rappelle à #deploys tous les jeudis à 10h", "Que dois-je rappeler dans #deploys ?"},
		{"alice", "vérifier le changelog", "chaque jeudi à 10h : « vérifier le changelog »"},
		{"alice", "rappelle à #deploys de vérifier le staging", "Quand dois-je le rappeler dans #deploys ?"},
		{"alice", "chaque lundi à 10h", "« vérifier le staging »"},
	})
}

// TestRunbookSequel: "and for the api?" right after a project's runbook
// asks the other project's (the chat forgot the runbook asked, and the
// router read nothing); "drill it on staging" drills the runbook's project.
func TestRunbookSequel(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "runbook web", "Rollback runbook: web (production)"},
		{"alice", "and for the api?", "Rollback runbook: api (production)"},
		{"alice", "runbook du site", "Runbook de rollback : web (production)"},
		{"alice", "et pour l'api ?", "Runbook de rollback : api (production)"},
	})
}

// TestRefusalSequels: the bot's refusals that the next message goes on
// from stay in the conversation: "I don't schedule orders" (then "ok, then
// put it on staging now" is that order now, with its version), "❌ …
// has no executor configured" (then "deploy api instead" goes where the
// refused order went, and "who sets it up?" is devops'). Forgotten, the
// version was asked again, the environment asked, and the question went
// to the help.
func TestRefusalSequels(t *testing.T) {
	o, _ := langOrchestrator(t)
	targets := o.Deploys.Targets
	o.Deploys.Targets = func(ctx context.Context, project, env string) (deploy.Target, error) {
		tg, err := targets(ctx, project, env)
		if project == "web" && env == "staging" {
			tg.Executor = nil // no executor configured
		}
		return tg, err
	}
	saySteps(t, o, []step{
		{"alice", "deploy api 2.8.0 to prod tomorrow at 10", "I don't schedule orders"},
		{"alice", "ok, then put it on staging now", "api 2.8.0 → staging"},
		{"alice", "no", "cancelled"},
		{"alice", "deploy web 1.2.0 to staging", "no executor"},
		{"alice", "deploy api 1.2.0 instead", "api 1.2.0 → staging"},
		{"alice", "no", "cancelled"},
		{"alice", "deploy web 1.2.0 to staging", "no executor"},
		{"alice", "who configures that?", "devops"},
	})
}

// TestSession30Sequels: what session 30's router rules read after the
// bot's reply fires in a whole chat (the chat keeps that reply): "and api
// too, same reason" after a lock locks api for that reason, a doubted
// one locks nothing (api/staging stays unlocked); "c'est un ordre, vas-y
// déploie" after "News or an order?" plans the order offered.
func TestSession30Sequels(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "lock web production: incident", "web/production locked by alice: incident"},
		{"alice", "and api too, same reason", "api/production locked by alice: incident"},
		{"alice", "lock web staging: tests", "web/staging locked by alice: tests"},
		{"alice", "api too, meh", ""},
		{"alice", "unlock api staging: fine", "api/staging was not locked"},
		{"alice", "web 1.0.0 en prod ce matin : RAS", "Une nouvelle ou un ordre ?"},
		{"alice", "c'est un ordre, vas-y déploie", "web 1.0.0 → production"},
	})
}

// TestSession31ReminderDropped holds a reminder deleted by a pointer right
// after the bot noted it: the memory keeps the note for the next message.
func TestSession31ReminderDropped(t *testing.T) {
	o, _ := langOrchestrator(t)
	saySteps(t, o, []step{
		{"alice", "remind #deploys every tuesday at 9:30 to check staging", "Noted: reminder #1"},
		{"alice", "actually delete it", "Reminder #1 deleted"},
		{"alice", "rappelle à #api chaque lundi à 9h de vérifier la prod", "rappel n°2"},
		{"alice", "supprime-le", "Rappel n°2 supprimé"},
	})
}
