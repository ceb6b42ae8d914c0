package router_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
	"deploybot/router"
)

// exampleProjects are the projects of config.example.yaml.
var exampleProjects = []deploybot.Project{
	{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	{Name: "web", Aliases: []string{"site", "front"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
}

// TestCommandPhrasings checks natural phrasings of the chat commands in
// both languages: the command, its project and environment, the
// arguments given (a subset) and, when set, the language.
func TestCommandPhrasings(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text     string
		command  deploybot.Command
		app, env string
		args     map[string]string
		lang     deploybot.Lang
	}{
		{"what's waiting for my approval?", deploybot.CmdPending, "", "", nil, ""},
		{"des déploiements attendent ma validation ?", deploybot.CmdPending, "", "", nil, ""},
		{"mark deployment 44 as failed: health checks red", deploybot.CmdOutcome, "", "", map[string]string{"id": "44", "outcome": "failed", "reason": "health checks red"}, ""},
		{"marque le 12 en échec : timeout", deploybot.CmdOutcome, "", "", map[string]string{"id": "12", "outcome": "failed", "reason": "timeout"}, ""},
		{"show me the history of api", deploybot.CmdHistory, "api", "", nil, ""},
		{"qu'est-ce qui a été déployé récemment sur le site ?", deploybot.CmdHistory, "web", "", nil, ""},
		{"historique api", deploybot.CmdHistory, "api", "", nil, deploybot.French},
		{"statut api", deploybot.CmdStatus, "api", "", nil, deploybot.French},
		{"status api", deploybot.CmdStatus, "api", "", nil, deploybot.English},
		{"unfreeze api production", deploybot.CmdUnfreeze, "api", "production", nil, ""},
		{"dégèle la prod", deploybot.CmdUnfreeze, "", "production", nil, deploybot.French},
		{"lift the freeze on web", deploybot.CmdUnfreeze, "web", "", nil, ""},
		{"which environments does web have?", deploybot.CmdList, "web", "", map[string]string{"what": "environments"}, ""},
		{"quels projets tu gères ?", deploybot.CmdList, "", "", map[string]string{"what": "projects"}, ""},
		{"tu connais quels projets ?", deploybot.CmdList, "", "", map[string]string{"what": "projects"}, ""},
		{"lance un exercice de rollback sur l'api en staging", deploybot.CmdDrill, "api", "staging", nil, deploybot.French},
		{"run a rollback drill on web in staging", deploybot.CmdDrill, "web", "staging", nil, ""},
		{"drill du site en staging stp", deploybot.CmdDrill, "web", "staging", nil, ""},
		{"show me the runbook for web", deploybot.CmdRunbook, "web", "", nil, ""},
		{"quel est le runbook du backend ?", deploybot.CmdRunbook, "api", "", nil, ""},
		{"montre-moi le contexte du site", deploybot.CmdContext, "web", "", map[string]string{"what": "show"}, ""},
		{"remets la stratégie du site par défaut", deploybot.CmdReset, "web", "", map[string]string{"key": "strategy"}, ""},
		{"set the strategy of web back to default", deploybot.CmdReset, "web", "", map[string]string{"key": "strategy"}, ""},
		{"configure le projet web stp", deploybot.CmdInterview, "web", "", map[string]string{"scope": "project"}, ""},
		{"lance l'entretien pour le projet api", deploybot.CmdInterview, "api", "", map[string]string{"scope": "project"}, ""},
		{"audit for api please", deploybot.CmdAudit, "api", "", nil, ""},
		{"show the audit log for this month", deploybot.CmdAudit, "", "", map[string]string{"since": "month"}, ""},
		{"montre-moi le journal d'audit d'aujourd'hui", deploybot.CmdAudit, "", "", map[string]string{"since": "today"}, ""},
		{"what commands can I use?", deploybot.CmdHelp, "", "", nil, ""},
		{"quelles commandes je peux taper ?", deploybot.CmdHelp, "", "", nil, ""},
		{"coche tests et changelog pour le 12", deploybot.CmdTick, "", "", map[string]string{"id": "12", "items": "tests communication"}, ""},
		{"verrouille le site en prod : incident en cours", deploybot.CmdLock, "web", "production", map[string]string{"reason": "incident en cours"}, deploybot.French},
		{"déverrouille l'api en staging : fini", deploybot.CmdUnlock, "api", "staging", map[string]string{"reason": "fini"}, ""},
		{"je refuse la demande 5 : pas validé par le PO", deploybot.CmdDeny, "", "", map[string]string{"id": "5", "reason": "pas validé par le PO"}, ""},
		{"je refuse la 7, la review n'est pas faite", deploybot.CmdDeny, "", "", map[string]string{"id": "7", "reason": "la review n'est pas faite"}, ""},
		{"annule le déploiement 12", deploybot.CmdCancel, "", "", map[string]string{"id": "12"}, deploybot.French},
		{"confirm 14", deploybot.CmdConfirm, "", "", map[string]string{"id": "14"}, deploybot.English},
		{"yep go ahead", deploybot.CmdConfirm, "", "", nil, ""},
		{"ok vas-y je confirme", deploybot.CmdConfirm, "", "", nil, deploybot.French},
		{"no, hold on", deploybot.CmdCancel, "", "", nil, ""},
		{"wait, don't", deploybot.CmdCancel, "", "", nil, ""},
		{"est-ce que l'api est verrouillée ?", deploybot.CmdStatus, "api", "", nil, ""},
		{"freeze web production from 2026-12-20 to 2027-01-03: end of year", deploybot.CmdFreeze, "web", "production",
			map[string]string{"from": "2026-12-20", "to": "2027-01-03", "reason": "end of year"}, ""},
		{"gel de la prod du 20/12/2026 au 03/01/2027 : fin d'année", deploybot.CmdFreeze, "", "production",
			map[string]string{"from": "2026-12-20", "to": "2027-01-03"}, ""},
		{"freeze web staging", deploybot.CmdFreeze, "web", "staging", nil, ""},
		{"gèle le staging du front", deploybot.CmdFreeze, "web", "staging", nil, deploybot.French},
		{"any locks at the moment?", deploybot.CmdList, "", "", map[string]string{"what": "locks"}, ""},
		{"y a-t-il un gel en cours ?", deploybot.CmdList, "", "", map[string]string{"what": "freezes"}, ""},
		{"which freezes are active?", deploybot.CmdList, "", "", map[string]string{"what": "freezes"}, ""},
		{"liste des environnements du site", deploybot.CmdList, "web", "", map[string]string{"what": "environments"}, ""},
		{"any requests pending?", deploybot.CmdPending, "", "", nil, ""},
		{"which reminders are scheduled here?", deploybot.CmdReminders, "", "", map[string]string{"op": "list"}, ""},
		{"y a-t-il des rappels prévus ?", deploybot.CmdReminders, "", "", map[string]string{"op": "list"}, ""},
		{"tick items 1 and 4 for 9", deploybot.CmdTick, "", "", map[string]string{"id": "9", "items": "1 4"}, ""},
		{"coche le point 3 du déploiement 21", deploybot.CmdTick, "", "", map[string]string{"id": "21", "items": "3"}, ""},
		{"approuve la demande 19", deploybot.CmdApprove, "", "", map[string]string{"id": "19"}, ""},
		{"what's pending?", deploybot.CmdPending, "", "", nil, ""},
		{"y a des trucs à approuver ?", deploybot.CmdPending, "", "", nil, ""},
		{"anything waiting on me?", deploybot.CmdPending, "", "", nil, ""},
		{"where are we on api?", deploybot.CmdStatus, "api", "", nil, ""},
		{"which locks are held?", deploybot.CmdList, "", "", map[string]string{"what": "locks"}, ""},
		{"interview", deploybot.CmdInterview, "", "", nil, ""},
		{"reprends l'entretien", deploybot.CmdInterview, "", "", nil, ""},
		{"how do I use this bot?", deploybot.CmdHelp, "", "", nil, ""},
		{"i approve deployment 42", deploybot.CmdApprove, "", "", map[string]string{"id": "42"}, ""},
		{"c'est quelle version en prod pour le site ?", deploybot.CmdStatus, "web", "production", nil, ""},
		{"bloque les déploiements du site en prod : audit sécu", deploybot.CmdLock, "web", "production", map[string]string{"reason": "audit sécu"}, ""},
		{"stop all deploys: incident in progress", deploybot.CmdFreeze, "", "", map[string]string{"all": "yes", "reason": "incident in progress"}, ""},
		{"arrête tous les déploiements en prod : migration de la base", deploybot.CmdFreeze, "", "production", map[string]string{"reason": "migration de la base"}, ""},
		{"any freezes this week?", deploybot.CmdList, "", "", map[string]string{"what": "freezes"}, ""},
		{"what changed in the settings today?", deploybot.CmdAudit, "", "", map[string]string{"since": "today"}, ""},
		{"hold off, don't run it", deploybot.CmdCancel, "", "", nil, ""},
		{"le site est gelé ?", deploybot.CmdStatus, "web", "", nil, ""},
		{"quoi de neuf en prod ?", deploybot.CmdStatus, "", "production", nil, ""},
		{"deployment history for web production", deploybot.CmdHistory, "web", "production", nil, ""},
		{"when was api last deployed to prod?", deploybot.CmdHistory, "api", "production", nil, ""},
		{"what's in staging that's not yet in prod for web?", deploybot.CmdDiff, "web", "", map[string]string{"a": "staging", "b": "production"}, ""},
		{"prends le verrou sur la prod du site : maintenance", deploybot.CmdLock, "web", "production", map[string]string{"reason": "maintenance"}, ""},
		{"release the lock on api staging", deploybot.CmdUnlock, "api", "staging", nil, ""},
		{"libère le verrou de l'api en prod", deploybot.CmdUnlock, "api", "production", nil, ""},
		{"lift all freezes", deploybot.CmdUnfreeze, "", "", nil, ""},
		{"lève les gels de l'api", deploybot.CmdUnfreeze, "api", "", nil, ""},
		{"gels en cours sur l'api ?", deploybot.CmdList, "api", "", map[string]string{"what": "freezes"}, ""},
		{"reminders delete 7", deploybot.CmdReminders, "", "", map[string]string{"op": "delete", "id": "7"}, ""},
		{"show the agency context", deploybot.CmdContext, "", "", map[string]string{"what": "show"}, ""},
		{"deny 93 \"no approval from PO\"", deploybot.CmdDeny, "", "", map[string]string{"id": "93", "reason": "no approval from PO"}, ""},
		{"y a quoi en preprod ?", deploybot.CmdStatus, "", "staging", nil, ""},
		{"ok pour le 101, j'approuve", deploybot.CmdApprove, "", "", map[string]string{"id": "101"}, ""},
		{"no for 103, the PO hasn't signed off", deploybot.CmdDeny, "", "", map[string]string{"id": "103", "reason": "the PO hasn't signed off"}, ""},
		{"cancel my deploy 104", deploybot.CmdCancel, "", "", map[string]string{"id": "104"}, ""},
		{"environnements de l'api ?", deploybot.CmdList, "api", "", map[string]string{"what": "environments"}, ""},
		{"ajoute un rappel dans #deploys : penser au changelog", deploybot.CmdReminders, "", "", map[string]string{"channel": "#deploys", "text": "penser au changelog"}, ""},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != deploybot.KindCommand || got.Command != tt.command || got.App != tt.app || got.Env != tt.env ||
			tt.lang != "" && got.Lang != tt.lang {
			t.Errorf("%q: got %s %s app=%q env=%q lang=%s, want command %s app=%q env=%q lang=%q",
				tt.text, got.Kind, got.Command, got.App, got.Env, got.Lang, tt.command, tt.app, tt.env, tt.lang)
			continue
		}
		for k, v := range tt.args {
			if got.Arg(k) != v {
				t.Errorf("%q: arg %s = %q, want %q", tt.text, k, got.Arg(k), v)
			}
		}
	}
}

// TestNotCommands checks that questions about the commands, small talk and
// off-topic requests are not read as commands.
func TestNotCommands(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		kind deploybot.RequestKind
	}{
		{"what is a rollback drill?", deploybot.KindQuestion},
		{"c'est quoi un exercice de rollback ?", deploybot.KindQuestion},
		{"how long does an approval stay pending?", deploybot.KindQuestion},
		{"runbook: what should it contain?", deploybot.KindQuestion},
		{"why would I unfreeze production early?", deploybot.KindQuestion},
		{"status page: how do we announce an outage?", deploybot.KindQuestion},
		{"history of the 7-step process?", deploybot.KindQuestion},
		{"which commands does the deploy script run?", deploybot.KindQuestion},
		{"I want to see how a rollback works", deploybot.KindQuestion},
		{"faut anonymiser les données qu'on copie de la prod vers la recette ?", deploybot.KindQuestion},
		{"ok thanks", deploybot.KindSmalltalk},
		{"tell me a joke", deploybot.KindSmalltalk},
		{"raconte-moi une blague", deploybot.KindSmalltalk},
		{"bon week-end à tous", deploybot.KindSmalltalk},
		{"have a nice weekend", deploybot.KindSmalltalk},
		{"gg l'équipe 🎉", deploybot.KindSmalltalk},
		{"t'es le meilleur", deploybot.KindSmalltalk},
		{"how are you doing?", deploybot.KindSmalltalk},
		{"see you tomorrow", deploybot.KindSmalltalk},
		{"à demain", deploybot.KindSmalltalk},
		{"what is a freeze?", deploybot.KindQuestion},
		{"c'est quoi un verrou de déploiement ?", deploybot.KindQuestion},
		{"how do reminders work?", deploybot.KindQuestion},
		{"freeze periods: how long should they last?", deploybot.KindQuestion},
		{"you saved my life, thanks", deploybot.KindSmalltalk},
		{"bien joué l'équipe", deploybot.KindSmalltalk},
		{"the printer on the second floor is jammed again", deploybot.KindUnknown},
		{"c'est quoi le menu de la cantine ?", deploybot.KindUnknown},
		{"t'es un chef", deploybot.KindSmalltalk},
		{"bonne soirée tout le monde", deploybot.KindSmalltalk},
		{"raconte une blague de dev", deploybot.KindSmalltalk},
		{"do you know any good jokes?", deploybot.KindSmalltalk},
		{"lol xkqzt vvbrp", deploybot.KindUnknown},
		{"how long is an approval pending?", deploybot.KindQuestion},
		{"where are we with the migration plan, is it written down somewhere?", deploybot.KindQuestion},
		{"tell me something funny", deploybot.KindSmalltalk},
		{"who made you?", deploybot.KindSmalltalk},
		{"what time is it in Tokyo?", deploybot.KindUnknown},
		{"quelle est la recette du tiramisu ?", deploybot.KindUnknown},
		{"should we block deploys when the tests fail?", deploybot.KindQuestion},
		{"ça roule, merci", deploybot.KindSmalltalk},
		{"happy friday everyone!", deploybot.KindSmalltalk},
		{"how do I make pancakes?", deploybot.KindUnknown},
		{"what changed between the two releases of the checklist?", deploybot.KindQuestion},
		{"bisous", deploybot.KindSmalltalk},
		{"quel temps fait-il à Lyon demain ?", deploybot.KindUnknown},
		{"order me a pizza", deploybot.KindUnknown},
		{"recommend me a good movie", deploybot.KindUnknown},
		{"who won the match yesterday", deploybot.KindUnknown},
	}
	for _, tt := range tests {
		if got := r.Parse(context.Background(), tt.text, nil); got.Kind != tt.kind {
			t.Errorf("%q: kind %s %s (%s), want %s", tt.text, got.Kind, got.Command, got.Route, tt.kind)
		}
	}
}

// TestFollowUpsWithBotReplies checks answers to the bot's questions when
// the history holds the bot's replies between the person's messages (as
// route --jsonl gives it), and when it holds the person's only (as the
// agents give it).
func TestFollowUpsWithBotReplies(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, history                     string // history: messages split by " || "
		kind                              deploybot.RequestKind
		command                           deploybot.Command
		intent                            deploybot.IntentKind
		app, env, version, from, id, lang string
	}{
		{"staging", "deploy api v2.3.0 || Which environment: staging or production?", deploybot.KindAction, "", deploybot.IntentDeploy, "api", "staging", "v2.3.0", "", "", "en"},
		{"staging", "deploy api v2.3.0", deploybot.KindAction, "", deploybot.IntentDeploy, "api", "staging", "v2.3.0", "", "", ""},
		{"la 3.2.1", "déploie le site en preprod || Quelle version ?", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "staging", "3.2.1", "", "", "fr"},
		{"api", "rollback prod || Which project: api or web?", deploybot.KindAction, "", deploybot.IntentRollback, "api", "production", "", "", "", "en"},
		{"le front", "déploie la 2.0.0 en prod || Quel projet pour le déploiement de 2.0.0 ? Je connais : api, web.", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "production", "2.0.0", "", "", "fr"},
		{"staging pls, version 2.5.0", "deploy web || Which environment: staging or production?", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "staging", "2.5.0", "", "", ""},
		{"to v2.1.0 instead", "rollback api prod || Roll back api production to v2.2.0 (the last good version)? Answer yes, or name another version.", deploybot.KindAction, "", deploybot.IntentRollback, "api", "production", "v2.1.0", "", "", ""},
		{"en prod", "je veux rollback l'api || Quel environnement : staging ou production ?", deploybot.KindAction, "", deploybot.IntentRollback, "api", "production", "", "", "", "fr"},
		{"12", "approve || Several deployments wait for your approval: #12 (api → production), #13 (web → production). Which one?", deploybot.KindCommand, deploybot.CmdApprove, deploybot.IntentQuestion, "", "", "", "", "12", ""},
		{"le 8", "approuve || Plusieurs déploiements attendent ton approbation : #7, #8. Lequel ?", deploybot.KindCommand, deploybot.CmdApprove, deploybot.IntentQuestion, "", "", "", "", "8", ""},
		{"and web?", "status api || api — staging: v2.3.0 (Done ✅), production: v2.2.1 (Done ✅)", deploybot.KindCommand, deploybot.CmdStatus, deploybot.IntentQuestion, "web", "", "", "", "", ""},
		{"et en staging ?", "quelle version de l'api est en prod ?", deploybot.KindCommand, deploybot.CmdStatus, deploybot.IntentQuestion, "api", "staging", "", "", "", ""},
		{"tick changelog and tests", "deploy api v2.3.0 to production || Deploy api v2.3.0 → production (#12)\nChecklist: ☐ tests ☐ review ☐ changelog", deploybot.KindCommand, deploybot.CmdTick, deploybot.IntentQuestion, "", "", "", "", "12", ""},
		{"v3.0.0", "deploy web to production || Which version of web do you want in production?", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "production", "v3.0.0", "", "", "en"},
		{"la 2.2.0 stp", "mets l'api en preprod || Quelle version de l'api faut-il mettre en recette ?", deploybot.KindAction, "", deploybot.IntentDeploy, "api", "staging", "2.2.0", "", "", "fr"},
		{"web", "deploy 1.0.0 to staging || What project should get 1.0.0?", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "staging", "1.0.0", "", "", "en"},
		{"and production?", "status web staging || web staging: v3.1.0 since Monday, by ana", deploybot.KindCommand, deploybot.CmdStatus, deploybot.IntentQuestion, "web", "production", "", "", "", "en"},
		{"et en staging ?", "statut de l'api en prod || api production : 2.0.3, déployée lundi", deploybot.KindCommand, deploybot.CmdStatus, deploybot.IntentQuestion, "api", "staging", "", "", "", "fr"},
		{"en recette", "déploie l'api 2.8.1 || Tu veux la déployer sur quel environnement ?", deploybot.KindAction, "", deploybot.IntentDeploy, "api", "staging", "2.8.1", "", "", "fr"},
		{"v2.8.3", "push api to staging || Sure, which version?", deploybot.KindAction, "", deploybot.IntentDeploy, "api", "staging", "v2.8.3", "", "", "en"},
		{"the backend", "deploy 2.8.2 to prod || For which project? (api, web)", deploybot.KindAction, "", deploybot.IntentDeploy, "api", "production", "2.8.2", "", "", "en"},
		{"production", "deploy web v3.7.0 || Which environment should web v3.7.0 go to: staging or production?", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "production", "v3.7.0", "", "", "en"},
		{"la dernière, 3.7.2", "déploie le front en prod || Quelle version veux-tu déployer ?", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "production", "3.7.2", "", "", "fr"},
		{"81", "deny || Which deployment do you want to deny? #81, #82", deploybot.KindCommand, deploybot.CmdDeny, deploybot.IntentQuestion, "", "", "", "", "81", ""},
		{"le 82", "annule || Quel déploiement annuler ? #82 ou #83 ?", deploybot.KindCommand, deploybot.CmdCancel, deploybot.IntentQuestion, "", "", "", "", "82", ""},
		{"prod", "deploy api 3.1.0 || Where to? staging or production", deploybot.KindAction, "", deploybot.IntentDeploy, "api", "production", "3.1.0", "", "", "en"},
		{"en prod stp", "déploie le site 4.0.0 || Où veux-tu le déployer : staging ou production ?", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "production", "4.0.0", "", "", "fr"},
		{"the 110 one", "approve || Two deployments wait for you: #110 and #111. Which one?", deploybot.KindCommand, deploybot.CmdApprove, deploybot.IntentQuestion, "", "", "", "", "110", ""},
		{"same for api", "lock web production: incident || web production locked: incident (🔒)", deploybot.KindCommand, deploybot.CmdLock, deploybot.IntentQuestion, "api", "production", "", "", "", ""},
		{"and staging?", "is api locked in production? || api production: not locked", deploybot.KindCommand, deploybot.CmdStatus, deploybot.IntentQuestion, "api", "staging", "", "", "", ""},
		{"ok promote web to production now", "deploy web 2.0.0 to staging || Deployment web 2.0.0 (#40) on staging: Done ✅", deploybot.KindAction, "", deploybot.IntentDeploy, "web", "production", "", "staging", "", ""},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, strings.Split(tt.history, " || "))
		if got.Kind != tt.kind || got.Command != tt.command || got.Intent.Intent != tt.intent || got.App != tt.app || got.Env != tt.env ||
			got.Version != tt.version || got.From != tt.from || got.Arg("id") != tt.id || tt.lang != "" && string(got.Lang) != tt.lang {
			t.Errorf("%q after %q:\n got  %s %s %s app=%q env=%q version=%q from=%q id=%q lang=%s\n want %s %s %s app=%q env=%q version=%q from=%q id=%q lang=%q",
				tt.text, tt.history, got.Kind, got.Command, got.Intent.Intent, got.App, got.Env, got.Version, got.From, got.Arg("id"), got.Lang,
				tt.kind, tt.command, tt.intent, tt.app, tt.env, tt.version, tt.from, tt.id, tt.lang)
		}
	}
}

// TestOrdersAfterASituation checks orders given after the situation that
// calls for them, asked as a question or not.
func TestOrdersAfterASituation(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"the api is returning 502 in production since this morning, can you roll it back?",
		"on a cassé le paiement sur le front en prod, faut revenir en arrière tout de suite",
		"le site renvoie des 500 depuis la mise en prod, rollback stp",
		"le paiement ne marche plus sur le site depuis la MEP de ce matin, il faut annuler",
		"downgrade web prod to 3.8.9",
	} {
		got := r.Parse(context.Background(), text, nil)
		if got.Kind != deploybot.KindAction || got.Intent.Intent != deploybot.IntentRollback || got.App == "" || got.Env != deploybot.EnvProduction {
			t.Errorf("%q: got %s %s app=%q env=%q, want a production rollback", text, got.Kind, got.Intent.Intent, got.App, got.Env)
		}
	}
	for _, text := range []string{
		"customers can't log in on web since the last deploy, what should we do?",
		"if the api breaks after the deploy, how do we roll back?",
	} {
		if got := r.Parse(context.Background(), text, nil); got.Kind != deploybot.KindQuestion {
			t.Errorf("%q: got %s, want a question", text, got.Kind)
		}
	}
}

// TestExtraEnvironments checks actions aimed at an environment the
// configuration adds to a project (uat, qa), wherever it stands in the
// message: a deploy or a promotion there is routed to staging.
func TestExtraEnvironments(t *testing.T) {
	r, err := router.New([]deploybot.Project{
		{Name: "api", Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}, {Name: "uat"}, {Name: "qa"}}},
		{Name: "web", Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, env, from, version string
	}{
		{"ship api 1.3.0 onto uat for the client's review", "uat", "", "1.3.0"},
		{"mets l'api 2.0.1 sur qa pour que la QA teste", "qa", "", "2.0.1"},
		{"promeus l'api de la recette vers uat", "uat", "staging", ""},
		{"promote api to qa", "qa", "staging", ""},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != deploybot.KindAction || got.Intent.Intent != deploybot.IntentDeploy || got.Route != deploybot.RouteStaging ||
			got.App != "api" || got.Env != tt.env || got.From != tt.from || got.Version != tt.version {
			t.Errorf("%q: got %s %s %s app=%q env=%q from=%q version=%q, want a staging-routed deploy of api to %s from %q version %q",
				tt.text, got.Kind, got.Intent.Intent, got.Route, got.App, got.Env, got.From, got.Version, tt.env, tt.from, tt.version)
		}
	}
}

// TestFollowUpQuestions checks that a short question that continues the
// one before ("et pour la base de données ?") takes its subject, with the
// bot's answer between them or not.
func TestFollowUpQuestions(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, history string
		route         deploybot.Route
	}{
		{"et pour les migrations ?", "comment on fait un rollback en urgence ? || Revenir à la dernière version saine : ... (Voir aussi : Procédure de rollback)", deploybot.RouteRollback},
		{"and for the database?", "how do we roll back a bad release?", deploybot.RouteRollback},
		{"and canary?", "what is blue-green deployment? || Blue-green: two identical environments... (See also: Canary)", deploybot.RouteProduction},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, strings.Split(tt.history, " || "))
		if got.Kind != deploybot.KindQuestion || got.Route != tt.route {
			t.Errorf("%q after %q: %s %s, want a question for %s", tt.text, tt.history, got.Kind, got.Route, tt.route)
		}
	}
}

// TestNotSmalltalk checks that thanks or a greeting that come with an
// order, a question or trouble are not small talk.
func TestNotSmalltalk(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"thanks, but it failed again",
		"merci, mais ça plante encore",
		"hi, deploy web to staging",
		"hello, what is a canary?",
		"cheers, now roll back api",
	} {
		if got := r.Parse(context.Background(), text, nil); got.Kind == deploybot.KindSmalltalk {
			t.Errorf("%q: small talk, want more", text)
		}
	}
}

// TestMayIDeployAt checks that asking whether one may deploy at a moment
// is a question about that moment, not an order.
func TestMayIDeployAt(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"je peux mettre en prod demain à 9h ?",
		"can we ship web on friday at 5pm?",
		"est-ce qu'on peut livrer l'api jeudi soir ?",
		"is it ok to deploy next monday at 8am?",
	} {
		got := r.Parse(context.Background(), text, nil)
		if got.Kind != deploybot.KindQuestion || got.Route != deploybot.RouteOrchestrator || got.Moment == nil {
			t.Errorf("%q: %s %s moment %v, want an orchestrator question with its moment", text, got.Kind, got.Route, got.Moment)
		}
	}
	// Without a moment, the order stands.
	if got := r.Parse(context.Background(), "can you deploy web 3.1.0 to staging?", nil); got.Kind != deploybot.KindAction {
		t.Errorf("can you deploy web 3.1.0 to staging?: %s, want an action", got.Kind)
	}
}

// TestOrdersWithoutTheirVerb checks deploys asked as a need and
// promotions that name their source by what runs there.
func TestOrdersWithoutTheirVerb(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, app, env, version, from string
	}{
		{"I need web 3.5.2 in staging for the PO review this afternoon", "web", "staging", "3.5.2", ""},
		{"deploy wbe 3.8.1 to staging", "web", "staging", "3.8.1", ""},
		{"upgrade api prod to 3.0.3", "api", "production", "3.0.3", ""},
		{"il me faut l'api en recette pour la démo", "api", "staging", "", ""},
		{"la recette est ok, passe ce qu'il y a en staging sur la prod pour l'api", "api", "production", "", "staging"},
		{"ship what we have on staging to prod for web", "web", "production", "", "staging"},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != deploybot.KindAction || got.Intent.Intent != deploybot.IntentDeploy || got.App != tt.app || got.Env != tt.env ||
			got.Version != tt.version || got.From != tt.from {
			t.Errorf("%q: %s %s app=%q env=%q version=%q from=%q, want a deploy of %s to %s version %q from %q",
				tt.text, got.Kind, got.Intent.Intent, got.App, got.Env, got.Version, got.From, tt.app, tt.env, tt.version, tt.from)
		}
	}
	// A need that is not for a project in an environment stays a question.
	if got := r.Parse(context.Background(), "I need help with the staging database of web", nil); got.Kind == deploybot.KindAction {
		t.Errorf("I need help with the staging database of web: an action")
	}
}

// TestAnotherMoment checks that a moment asked after a verdict ("what
// about 11am?") is a question about that moment.
func TestAnotherMoment(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, history string }{
		{"what about 11am?", "can I deploy tomorrow at 9am? || Tomorrow 09:00: ✅ recommended."},
		{"et jeudi 15h ?", "je peux mettre en prod vendredi 17h ? || vendredi 17:00 : ❌ à éviter."},
	} {
		got := r.Parse(context.Background(), tt.text, strings.Split(tt.history, " || "))
		if got.Kind != deploybot.KindQuestion || got.Route != deploybot.RouteOrchestrator || got.Moment == nil {
			t.Errorf("%q after %q: %s %s moment %v, want an orchestrator question with its moment", tt.text, tt.history, got.Kind, got.Route, got.Moment)
		}
	}
}
