package router_test

import (
	"testing"

	"deploybot"
)

// attackProjects are exampleProjects with the extra environments a
// configuration may add (config.example.yaml's api has them): names that
// are also the words of teams, meetings and places.
var attackProjects = []deploybot.Project{
	{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"},
		{Name: "uat"}, {Name: "qa"}, {Name: "demo"}, {Name: "preview"}, {Name: "sandbox"}}},
	{Name: "web", Aliases: []string{"site", "front"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
}

// checkAttackReadings is checkReadings on attackProjects.
func checkAttackReadings(t *testing.T, tests []reading) {
	t.Helper()
	checkReadingsOf(t, attackProjects, tests)
}

var (
	// webPlan is an English deploy plan (#30) waiting for its confirmation.
	webPlan = []string{"deploy web 4.1.0 to production", "Deploy web 4.1.0 → production (#30)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	// whichEnv and whichEnvFr ask for the environment of a deploy.
	whichEnv   = []string{"deploy web 4.1.0", "Which environment: staging or production?"}
	whichEnvFr = []string{"déploie le front 4.1.0", "Quel environnement : staging ou production ?"}
)

// TestExcludedEnvironments: an environment the message excludes, takes
// back, puts later in a sequence or only mentions as a remark is never
// the target (attack 2, mechanism 1: these went to production).
func TestExcludedEnvironments(t *testing.T) {
	checkAttackReadings(t, []reading{
		{"ship web to staging, definitely not production", nil, "action deploy app=web env=staging"},
		{"push the front to staging and never to prod", nil, "action deploy app=web env=staging"},
		{"mets le site en recette, surtout pas en production", nil, "action deploy app=web env=staging"},
		{"envoie le front en recette, pas en production", nil, "action deploy app=web env=staging"},
		{"ship web to staging, then to production next week", nil, "action deploy app=web env=staging"},
		{"mets le front en recette puis en prod", nil, "action deploy app=web env=staging"},
		{"ship web to production, oops no, staging", nil, "action deploy app=web env=staging"},
		// A remark's environment name: a team, a meeting, a place.
		{"ship api to production, the qa team signed off", nil, "action deploy app=api env=production"},
		{"mets l'api en prod, la démo d'hier était ok", nil, "action deploy app=api env=production"},
		{"ship api to production, we checked it in the sandbox", nil, "action deploy app=api env=production"},
		{"ship api to staging before the demo on friday", nil, "action deploy app=api env=staging"},
		{"ship api to staging, production stays as is", nil, "action deploy app=api env=staging"},
		// Still a promotion, and still an extra environment as a target.
		{"promote api from staging to uat", nil, "action deploy app=api env=uat from=staging"},
		{"ship api to qa", nil, "action deploy app=api env=qa"},
		// An answer that excludes or takes back an environment names no
		// production deploy; excluding one of the two offered names the
		// other.
		{"production, jk, staging", whichEnv, "action deploy app=web env=staging version=4.1.0"},
		{"prod, non pardon, staging", whichEnvFr, "action deploy app=web env=staging version=4.1.0"},
		{"surely not production", whichEnv, "action deploy app=web env=staging version=4.1.0"},
		{"pas la production", whichEnvFr, "action deploy app=web env=staging version=4.1.0"},
		{"anything except staging", whichEnv, "action deploy app=web env=production version=4.1.0"},
	})
}

// TestYesThatIsNoYes: a yes to a plan that also says no declines it; a
// yes meant for someone else, with a thumbs down, a new version or only
// thanks confirms nothing (attack 2, mechanism 2).
func TestYesThatIsNoYes(t *testing.T) {
	checkAttackReadings(t, []reading{
		{"yeah no, cancel that", webPlan, "command cancel decline=yes id=30"},
		{"ouais non annule", planFr, "command cancel decline=yes id=41"},
		{"yes 🛑", webPlan, "unknown"},
		{"oui 👎", planFr, "unknown"},
		{"@bob yep", webPlan, "unknown"},
		{"@deploybot yes", webPlan, "command confirm id=30"},
		{"okay thanks", webPlan, "unknown"},
		{"ok merci beaucoup", planFr, "smalltalk"},
		{"yes but with 4.2.0", webPlan, "action deploy app=web env=production version=4.2.0 replaces=30"}, // session 17: a yes-but changes the plan, never runs it
		{"oui en 3.3.0", planFr, "action deploy app=web env=production version=3.3.0 replaces=41"},        // session 17: a yes with another version changes the plan
		{"yes", []string{webPlan[1], "carol: anyone up for coffee?"}, "unknown"},
		{"oui", []string{planFr[1], "marc : on se fait un café ?"}, "unknown"},
		// Still a yes.
		{"yes", webPlan, "command confirm id=30"},
		{"oui vas-y", planFr, "command confirm id=41"},
	})
}

// TestNumbersThatAreNoID: a time, a duration, a count or another
// system's number is no deployment's id, and an answer to "Which
// deployment?" must be one of the ids offered (attack 2, mechanism 10).
func TestNumbersThatAreNoID(t *testing.T) {
	whichOne := []string{"deny", "Which deployment? #21, #23"}
	whichOneFr := []string{"annule", "Quel déploiement ? #21, #23"}
	checkAttackReadings(t, []reading{
		{"approve the 9:45 release", nil, "unknown"},
		{"approve 10 minutes from now", nil, "unknown"},
		{"cancel 3 out of 4", nil, "unknown"},
		{"annule 2 d'entre eux", nil, "unknown"},
		{"deny 2 of those", nil, "unknown"},
		{"approve #88 on gitlab", nil, "unknown"},
		{"7", whichOne, "unknown"},
		{"4 of them", whichOne, "unknown"},
		{"9:30", whichOneFr, "unknown"},
		{"dans 10 min", whichOneFr, "unknown"},
		{"tick 2 on 19", nil, "command tick id=19 items=2"},
		{"coche 4 sur le 19", nil, "command tick id=19 items=4"},
		// Still ids.
		{"approve 12", nil, "command approve id=12"},
		{"tick 19 tests review", nil, "command tick id=19 items=tests review"},
		{"deny 62, load tests are not green", nil, "command deny id=62 reason=load tests are not green"},
		{"annule le 17 stp", nil, "command cancel id=17"},
		{"23", whichOne, "command deny id=23"},
		{"la 21", whichOneFr, "command cancel decline=yes id=21"},
	})
}

// TestNumbersThatAreNoVersion: a time, a date, an address, a runtime's or
// a ticket's number is no version; of several versions the target wins,
// never the one running now, the one before or the broken one; a guessed
// answer to "Which version?" fills nothing (attack 2, mechanism 11).
func TestNumbersThatAreNoVersion(t *testing.T) {
	whichVersion := []string{"deploy web to staging", "Which version?"}
	whichVersionFr := []string{"déploie le front en recette", "Quelle version ?"}
	checkAttackReadings(t, []reading{
		{"ship web to staging at 9.45", nil, "action deploy app=web env=staging"},
		{"mets le front en recette vers 17.15", nil, "action deploy app=web env=staging"},
		{"ship web to staging on 2025.11.03", nil, "action deploy app=web env=staging"},
		{"mets le front en recette le 03.11.2025", nil, "action deploy app=web env=staging"},
		{"ship web to staging, host 192.168.1.20", nil, "action deploy app=web env=staging"},
		{"ship web built with python 3.12.1 to staging", nil, "action deploy app=web env=staging"},
		{"mets le front en recette pour le ticket 3.7", nil, "action deploy app=web env=staging"},
		{"ship web 5.0.0 to staging, we're on 4.9.2", nil, "action deploy app=web env=staging version=5.0.0"},
		{"mets le front 5.0.0 en recette, actuellement en 4.9.2", nil, "action deploy app=web env=staging version=5.0.0"},
		{"ship web to staging, 4.9.2 is buggy", nil, "action deploy app=web env=staging"},
		{"roll web back in production to before 5.0.0", nil, "action rollback app=web env=production"},
		{"revert web in production, currently on 5.0.0", nil, "action rollback app=web env=production"},
		{"annule la mise en prod de la 5.0.0 du front", nil, "action rollback app=web env=production"},
		{"maybe 5.0.0?", whichVersion, "unknown"},
		{"pas sûr, la 5.0 peut-être", whichVersionFr, "unknown"},
		{"the one from ticket 7.2", whichVersion, "unknown"},
		// Still versions.
		{"ship web 5.0.1 to staging", nil, "action deploy app=web env=staging version=5.0.1"},
		{"ship web 5.0.1 to staging, it fixes the crash", nil, "action deploy app=web env=staging version=5.0.1"},
		{"revert web to 4.9.2 in production", nil, "action rollback app=web env=production version=4.9.2"},
		{"5.0.1", whichVersion, "action deploy app=web env=staging version=5.0.1"},
		{"la 5.0.1", whichVersionFr, "action deploy app=web env=staging version=5.0.1"},
	})
}

// TestOrderVerbDecidesTheKind: a cancel, a stop or an approve naming a
// project is that command, never a deploy or a rollback; a redeploy and
// an arrow are deploys (attack 2, mechanism 3).
func TestOrderVerbDecidesTheKind(t *testing.T) {
	checkAttackReadings(t, []reading{
		{"cancel web production", nil, "command cancel app=web env=production"},
		{"please abort the web deploy to staging", nil, "command cancel app=web env=staging"},
		{"cancel 4.2.0", nil, "command cancel"},
		{"arrête la mise en prod du front", nil, "command cancel app=web env=production"},
		{"approve web staging", nil, "command approve app=web env=staging"},
		{"approuve le front en prod", nil, "command approve app=web env=production"},
		{"redeploy web to staging", nil, "action deploy app=web env=staging"},
		{"relance le déploiement du front en prod", nil, "action deploy app=web env=production"},
		{"web → staging", nil, "action deploy app=web env=staging"},
		// Still rollbacks and deploys.
		{"roll back web in production", nil, "action rollback app=web env=production"},
		{"deploy web to staging", nil, "action deploy app=web env=staging"},
	})
}

// TestShortAnswersInContext: a short answer decides by the turn before it
// (attack 2, missed orders): an approval request's "go ahead", a plan's
// "ship it", an incident's "rollback please".
func TestShortAnswersInContext(t *testing.T) {
	approval := []string{"Approval needed: deploy web 4.1.0 → production (#31) requested by dave. Approve? (approve 31 / deny 31)"}
	incident := []string{"web production returns 502 since this morning's release", "latency is through the roof on web prod"}
	incidentFr := []string{"le front plante en prod depuis la MEP de ce matin", "taux d'erreur à 20% sur le front en prod"}
	checkAttackReadings(t, []reading{
		{"go ahead with 31", approval, "command approve id=31"},
		{"approved", approval, "command approve id=31"},
		{"nah", approval, "command deny id=31"},
		{"ship it", webPlan, "command confirm id=30"},
		{"validé", planFr, "command confirm id=41"},
		{"lgtm, ship", webPlan, "command confirm id=30"},
		{"roll it back please", incident, "action rollback app=web env=production"},
		{"revert that", incident, "action rollback app=web env=production"},
		{"annule-le", incidentFr, "action rollback app=web env=production"},
		// Without the context, no id and no project are made up.
		{"approved", nil, "command approve"},
		{"rollback please", nil, "action rollback"},
	})
}
