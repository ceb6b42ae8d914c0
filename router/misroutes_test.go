package router_test

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestCommandBeforeAReason checks that a message opening with a command
// and its object is that command whatever follows (a reason, a
// politeness) or precedes it (an acknowledgement), never an action the
// classifier guesses from the reason's words (issue 12, holdout6's
// rollback misroutes). The wordings are not the set's.
func TestCommandBeforeAReason(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text     string
		history  []string
		command  deploybot.Command
		app, env string
		args     map[string]string
	}{
		{"annule la demande 43 svp, je me suis trompé de branche", nil, deploybot.CmdCancel, "", "", map[string]string{"id": "43"}},
		{"annule le 18, on revient en arrière sur le plan", nil, deploybot.CmdCancel, "", "", map[string]string{"id": "18"}},
		{"cancel request 9 please, the build is broken", nil, deploybot.CmdCancel, "", "", map[string]string{"id": "9"}},
		{"cancel #31 - prod is down, we roll back instead", nil, deploybot.CmdCancel, "", "", map[string]string{"id": "31"}},
		{"débloque le site en staging, la MEP plantée est finie", nil, deploybot.CmdUnlock, "web", "staging", map[string]string{"reason": "la MEP plantée est finie"}},
		{"débloque l'api en prod : le rollback est terminé", nil, deploybot.CmdUnlock, "api", "production", map[string]string{"reason": "le rollback est terminé"}},
		{"unblock web production --force \"the runner crashed\"", nil, deploybot.CmdUnlock, "web", "production", map[string]string{"force": "the runner crashed"}},
		{"unlock api staging, the failed deploy is cleaned up", nil, deploybot.CmdUnlock, "api", "staging", map[string]string{"reason": "the failed deploy is cleaned up"}},
		{"ok, approve 15", nil, deploybot.CmdApprove, "", "", map[string]string{"id": "15"}},
		{"oui, j'approuve la demande 23", nil, deploybot.CmdApprove, "", "", map[string]string{"id": "23"}},
		{"non, refuse le 31 tant que la recette plante", nil, deploybot.CmdDeny, "", "", map[string]string{"id": "31"}},
		{"no, reject 40 until the rollback plan is written", nil, deploybot.CmdDeny, "", "", map[string]string{"id": "40"}},
		{"deny 52, it broke prod last time", nil, deploybot.CmdDeny, "", "", map[string]string{"id": "52", "reason": "it broke prod last time"}},
		{"6, the smoke tests passed", []string{"approve", "Which deployment? #5 or #6"}, deploybot.CmdApprove, "", "", map[string]string{"id": "6"}},
		{"le 15, la recette a planté", []string{"refuse", "Quel déploiement ? #14 ou #15"}, deploybot.CmdDeny, "", "",
			map[string]string{"id": "15", "reason": "la recette a planté"}},
		{"#8 : mauvaise version, on revient en arrière", []string{"annule", "Lequel ? #7 ou #8"}, deploybot.CmdCancel, "", "", map[string]string{"id": "8"}},
		// session 4: the id command's common grammar, the order after its
		// subject, a freeze whose reason speaks of waiting.
		{"yes confirm 61", nil, deploybot.CmdConfirm, "", "", map[string]string{"id": "61"}},
		{"je confirme la demande 12 merci", nil, deploybot.CmdConfirm, "", "", map[string]string{"id": "12"}},
		{"approved #77 ship it", nil, deploybot.CmdApprove, "", "", map[string]string{"id": "77"}},
		{"je valide le 5 c'est bon pour moi", nil, deploybot.CmdApprove, "", "", map[string]string{"id": "5"}},
		{"abort 19 the migration is not ready", nil, deploybot.CmdCancel, "", "", map[string]string{"id": "19", "reason": "the migration is not ready"}},
		{"je rejette le 44 pas de tests", nil, deploybot.CmdDeny, "", "", map[string]string{"id": "44", "reason": "pas de tests"}},
		{"on verrouille l'api en prod : migration", nil, deploybot.CmdLock, "api", "production", map[string]string{"reason": "migration"}},
		{"we freeze the site, black friday", nil, deploybot.CmdFreeze, "web", "", map[string]string{"reason": "black friday"}},
		{"freeze web staging: waiting on the client's approval", nil, deploybot.CmdFreeze, "web", "staging", map[string]string{"reason": "waiting on the client's approval"}},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != deploybot.KindCommand || got.Command != tt.command || got.App != tt.app || got.Env != tt.env {
			t.Errorf("%q %q: got %s %s %s app=%q env=%q, want command %s app=%q env=%q",
				tt.text, tt.history, got.Kind, got.Command, got.Intent.Intent, got.App, got.Env, tt.command, tt.app, tt.env)
			continue
		}
		for k, v := range tt.args {
			if got.Arg(k) != v {
				t.Errorf("%q: arg %s = %q, want %q", tt.text, k, got.Arg(k), v)
			}
		}
	}
}

// TestNotACommandBeforeAReason checks that a clause that is not a command
// with its object does not make one of the message.
func TestNotACommandBeforeAReason(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"unblock the pipeline, it is stuck",
		"cancel culture, what do you think?",
		"ok, roll back web in prod",
		"débloque la situation stp, la prod est KO",
	} {
		if got := r.Parse(context.Background(), text, nil); got.Kind == deploybot.KindCommand &&
			(got.Command == deploybot.CmdUnlock || got.Command == deploybot.CmdCancel || got.Command == deploybot.CmdApprove) {
			t.Errorf("%q: got command %s app=%q env=%q args=%v", text, got.Command, got.App, got.Env, got.Args)
		}
	}
}

// TestActionDirection checks the action and the target of orders with
// incident words or two versions: an explicit deploy verb with a version
// deploys, and a rollback's target is the version it goes back to, never
// the broken one.
func TestActionDirection(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text          string
		intent        deploybot.IntentKind
		app, env, ver string
	}{
		{"urgent : livre la 5.1.2 du site en prod, le panier plante depuis ce matin", deploybot.IntentDeploy, "web", "production", "5.1.2"},
		{"hotfix: deploy api 1.9.4 to production, checkout is down", deploybot.IntentDeploy, "api", "production", "1.9.4"},
		{"please ship web v7.0.1 to staging, the login page crashes", deploybot.IntentDeploy, "web", "staging", "v7.0.1"},
		{"the 5.1.2 deploy broke checkout, roll web back in prod", deploybot.IntentRollback, "web", "production", ""},
		{"remets la 1.8.0 du backend en prod, la 1.9.0 plante au login", deploybot.IntentRollback, "api", "production", "1.8.0"},
		{"put web v4.4.1 back in production, v4.5.0 is broken", deploybot.IntentRollback, "web", "production", "v4.4.1"},
		{"rollback du site en staging stp, la 6.0.0 est cassée", deploybot.IntentRollback, "web", "staging", ""},
		{"roll back api in prod, 2.2.0 fails on every request", deploybot.IntentRollback, "api", "production", ""},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != deploybot.KindAction || got.Intent.Intent != tt.intent || got.App != tt.app || got.Env != tt.env || got.Version != tt.ver {
			t.Errorf("%q: got %s %s app=%q env=%q version=%q, want action %s app=%q env=%q version=%q",
				tt.text, got.Kind, got.Intent.Intent, got.App, got.Env, got.Version, tt.intent, tt.app, tt.env, tt.ver)
		}
	}
}

// TestAnswerToAnUnknownName checks that a bare name answering the bot's
// "no project foo (known: …)" or "web has no environment qa (…)" carries
// on the request with the name replaced, never a new action the
// classifier guesses from one word.
func TestAnswerToAnUnknownName(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text          string
		history       []string
		intent        deploybot.IntentKind
		app, env, ver string
	}{
		{"le site", []string{"déploie foo 2.0.0 en recette", "Pas de projet « foo » (connus : api, web)."}, deploybot.IntentDeploy, "web", "staging", "2.0.0"},
		{"api", []string{"ship bar v3.1.0 to production", "❌ no project \"bar\" (known: api, web)"}, deploybot.IntentDeploy, "api", "production", "v3.1.0"},
		{"backend then", []string{"deploy shopp 0.9.1 to staging", "No project shopp (known: api, web)."}, deploybot.IntentDeploy, "api", "staging", "0.9.1"},
		{"staging", []string{"deploy web v1.2.0 to qa", "web has no environment \"qa\" (staging, production)."}, deploybot.IntentDeploy, "web", "staging", "v1.2.0"},
		{"en staging", []string{"déploie l'api 4.0.0 en uat", "❌ api n'a pas d'environnement « uat » (staging, production)."}, deploybot.IntentDeploy, "api", "staging", "4.0.0"},
		{"web", []string{"deploy shopfront 1.0.3 to staging", "I know no project \"shopfront\". Configured projects: api, web."}, deploybot.IntentDeploy, "web", "staging", "1.0.3"},
		{"l'api", []string{"livre paiement 2.1.0 en prod", "Je ne connais pas de projet « paiement ». Projets configurés : api, web."}, deploybot.IntentDeploy, "api", "production", "2.1.0"},
		{"web", []string{"roll back blog in prod", "No project blog (known: api, web)."}, deploybot.IntentRollback, "web", "production", ""},
	}
	for _, tt := range tests {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != deploybot.KindAction || got.Intent.Intent != tt.intent || got.App != tt.app || got.Env != tt.env || got.Version != tt.ver {
			t.Errorf("%q %q: got %s %s app=%q env=%q version=%q, want action %s app=%q env=%q version=%q",
				tt.text, tt.history, got.Kind, got.Intent.Intent, got.App, got.Env, got.Version, tt.intent, tt.app, tt.env, tt.ver)
		}
	}
}

// TestCountIsNotAnID checks that a number counting things after a
// decision verb is not read as a deployment's id.
func TestCountIsNotAnID(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"cancel 3 deployments please", "annule 2 déploiements"} {
		if got := r.Parse(context.Background(), text, nil); got.Arg("id") != "" {
			t.Errorf("%q: id %q, want none", text, got.Arg("id"))
		}
	}
}

// TestOutsideTheDomain checks that a message naming nothing of deployments
// is not understood, or small talk when it is a few words said to the bot,
// and that a shortened project name after a determiner is that project.
func TestOutsideTheDomain(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text string
		kind deploybot.RequestKind
		app  string
	}{
		{"who won the game last night?", deploybot.KindUnknown, ""},
		{"combien coûte un billet de train pour lyon", deploybot.KindUnknown, ""},
		{"what's 45 times 3", deploybot.KindUnknown, ""},
		{"do you ever sleep?", deploybot.KindSmalltalk, ""},
		{"t'es qui toi ?", deploybot.KindSmalltalk, ""},
		{"comment annoncer une coupure aux clients ?", deploybot.KindQuestion, ""},
		{"how long should we keep backups?", deploybot.KindQuestion, ""},
		{"mets le back en recette en 2.0.1", deploybot.KindAction, "api"},
		{"roll back the backend in prod", deploybot.KindAction, "api"},
	} {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != tt.kind || got.App != tt.app {
			t.Errorf("%q: kind %s app %q, want %s app %q", tt.text, got.Kind, got.App, tt.kind, tt.app)
		}
	}
}

// TestAnswersInAConversation checks follow-up answers wrapped in an
// interjection, a politeness or a reason, and the commands they complete.
func TestAnswersInAConversation(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text    string
		history []string
		kind    deploybot.RequestKind
		intent  deploybot.IntentKind
		command deploybot.Command
		app     string
		env     string
		from    string
		reason  string
	}{
		{"ah sorry, api", []string{"deploy shopz to staging", "No project shopz (known: api, web)."}, deploybot.KindAction, deploybot.IntentDeploy, "", "api", "staging", "", ""},
		{"web donc", []string{"rollback blogg en prod", "pas de projet blogg (connus : api, web)"}, deploybot.KindAction, deploybot.IntentRollback, "", "web", "production", "", ""},
		{"staging plz", []string{"roll back", "Which project? (api, web)", "web", "Which environment? staging or production?"}, deploybot.KindAction, deploybot.IntentRollback, "", "web", "staging", "", ""},
		{"the one on staging", []string{"ship api to prod", "Which version?"}, deploybot.KindAction, deploybot.IntentDeploy, "", "api", "production", "staging", ""},
		{"pareil qu'en recette", []string{"déploie le site en prod", "Quelle version ?"}, deploybot.KindAction, deploybot.IntentDeploy, "", "web", "production", "staging", ""},
		{"staging", []string{"unlock api", "Which environment? staging or production?"}, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdUnlock, "api", "staging", "", ""},
		{"en prod, migration en cours", []string{"verrouille le site", "Quel environnement : staging ou production ?"}, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdLock, "web", "production", "", "migration en cours"},
		{"no, not the right build", []string{"deploy api v2.0.0 to production", "Deploy api v2.0.0 → production (#12)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdCancel, "", "", "", "not the right build"},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != tt.kind || got.Intent.Intent != tt.intent || got.Command != tt.command || got.App != tt.app || got.Env != tt.env ||
			got.From != tt.from || got.Arg("reason") != tt.reason {
			t.Errorf("%q after %q:\n got  %s %s %s app=%q env=%q from=%q reason=%q\n want %s %s %s app=%q env=%q from=%q reason=%q",
				tt.text, tt.history, got.Kind, got.Intent.Intent, got.Command, got.App, got.Env, got.From, got.Arg("reason"),
				tt.kind, tt.intent, tt.command, tt.app, tt.env, tt.from, tt.reason)
		}
	}
}

// TestCommandsInOtherWords checks commands asked in words of their own:
// the interview, the state of a project, a diff, a thanks for something,
// a checklist asked without a verb.
func TestCommandsInOtherWords(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text    string
		kind    deploybot.RequestKind
		command deploybot.Command
		app     string
		env     string
		args    map[string]string
	}{
		{"let's do the interview for the web project", deploybot.KindCommand, deploybot.CmdInterview, "web", "", map[string]string{"scope": "project"}},
		{"on commence l'entretien de l'agence", deploybot.KindCommand, deploybot.CmdInterview, "", "", map[string]string{"scope": "agency"}},
		{"what is an onboarding interview for?", deploybot.KindQuestion, "", "", "", nil},
		{"which version is running on the site in staging?", deploybot.KindCommand, deploybot.CmdStatus, "web", "staging", nil},
		{"c'est quoi la version actuelle de l'api en prod", deploybot.KindCommand, deploybot.CmdStatus, "api", "production", nil},
		{"how do I know which version is deployed?", deploybot.KindQuestion, "", "", "", nil},
		{"anything on staging that is not on prod yet for web?", deploybot.KindCommand, deploybot.CmdDiff, "web", "", map[string]string{"a": "staging", "b": "production"}},
		{"great, thanks for the heads-up", deploybot.KindSmalltalk, "", "", "", nil},
		{"merci de déployer le site en recette", deploybot.KindAction, "", "web", "staging", nil},
		{"la checklist avant une mep stp", deploybot.KindQuestion, "", "", "", nil},
		{"sdkfj deploy?? qwrt", deploybot.KindUnknown, "", "", "", nil},
		{"comment je teste ma release en recette avant la prod", deploybot.KindQuestion, "", "", "", nil},
		{"what's frozen at the moment?", deploybot.KindCommand, deploybot.CmdList, "", "", map[string]string{"what": "freezes"}},
		{"quels sont les paramètres de l'api en staging", deploybot.KindCommand, deploybot.CmdContext, "api", "staging", map[string]string{"what": "show"}},
		{"how do I change the config of the bot?", deploybot.KindQuestion, "", "", "", nil},
		{"reset approval for the api in prod", deploybot.KindCommand, deploybot.CmdReset, "api", "production", map[string]string{"key": "approval"}},
		{"audit de l'api la semaine dernière", deploybot.KindCommand, deploybot.CmdAudit, "api", "", map[string]string{"since": "week"}},
		{"we can unfreeze staging now, the fix is out", deploybot.KindCommand, deploybot.CmdUnfreeze, "", "staging", nil},
		{"on peut déverrouiller l'api en prod ?", deploybot.KindQuestion, "", "", "", nil},
		{"help please, I don't know any command", deploybot.KindCommand, deploybot.CmdHelp, "", "", nil},
		{"wait, what's running on api in prod?", deploybot.KindCommand, deploybot.CmdStatus, "api", "production", nil},
		{"who touched what on the site this week?", deploybot.KindCommand, deploybot.CmdAudit, "web", "", map[string]string{"since": "week"}},
		{"show me our DORA numbers for the api this quarter", deploybot.KindCommand, deploybot.CmdDora, "api", "", map[string]string{"period": "quarter"}},
		{"what are DORA metrics exactly?", deploybot.KindQuestion, "", "", "", nil},
		{"coche tests et variables d'env pour le 17", deploybot.KindCommand, deploybot.CmdTick, "", "", map[string]string{"id": "17"}},
		{"set the strategy back to default for api", deploybot.KindCommand, deploybot.CmdReset, "api", "", map[string]string{"key": "strategy"}},
	} {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != tt.kind || got.Command != tt.command || got.App != tt.app || got.Env != tt.env {
			t.Errorf("%q: got %s %s app=%q env=%q, want %s %s app=%q env=%q", tt.text, got.Kind, got.Command, got.App, got.Env,
				tt.kind, tt.command, tt.app, tt.env)
			continue
		}
		for k, v := range tt.args {
			if got.Arg(k) != v {
				t.Errorf("%q: arg %s = %q, want %q", tt.text, k, got.Arg(k), v)
			}
		}
	}
}

// TestOrdersAfterAnIncident checks that a rollback ordered after its
// incident is an order, with or without a project, and that the same
// words asked stay a question.
func TestOrdersAfterAnIncident(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text     string
		kind     deploybot.RequestKind
		app, env string
	}{
		{"login is broken on prod since this morning's release, roll back now", deploybot.KindAction, "", "production"},
		{"plus rien ne marche sur le site en prod depuis la mise en prod, on revert", deploybot.KindAction, "web", "production"},
		{"api prod throws 502s since 3pm, we roll back please", deploybot.KindAction, "api", "production"},
		{"si le paiement plante en prod, on revient en arrière comment ?", deploybot.KindQuestion, "", ""},
	} {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != tt.kind || got.App != tt.app || got.Env != tt.env ||
			tt.kind == deploybot.KindAction && got.Intent.Intent != deploybot.IntentRollback {
			t.Errorf("%q: got %s %s app=%q env=%q, want %s app=%q env=%q", tt.text, got.Kind, got.Intent.Intent, got.App, got.Env,
				tt.kind, tt.app, tt.env)
		}
	}
}

// TestTyposAndAnswers checks mistyped command words and answers to the
// bot's questions wrapped in other words.
func TestTyposAndAnswers(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text    string
		history []string
		kind    deploybot.RequestKind
		command deploybot.Command
		app     string
		env     string
		args    map[string]string
	}{
		{"apporve 12", nil, deploybot.KindCommand, deploybot.CmdApprove, "", "", map[string]string{"id": "12"}},
		{"stauts api", nil, deploybot.KindCommand, deploybot.CmdStatus, "api", "", nil},
		{"unlcok web staging", nil, deploybot.KindCommand, deploybot.CmdUnlock, "web", "staging", nil},
		{"hepl", nil, deploybot.KindCommand, deploybot.CmdHelp, "", "", nil},
		{"rest in peace old server", nil, deploybot.KindQuestion, "", "", "", nil},
		{"hmm production I guess", []string{"roll back api", "Which environment? staging or production"}, deploybot.KindAction, "", "api", "production", nil},
		{"c'est le site qu'il faut, pardon", []string{"déploie en recette", "Quel projet ? api ou web"}, deploybot.KindAction, "", "web", "staging", nil},
		{"the one for the api, 21", []string{"approve", "Which deployment? #20 or #21"}, deploybot.KindCommand, deploybot.CmdApprove, "", "", map[string]string{"id": "21"}},
		{"ouais vas-y", []string{"déploie l'api 2.0.0 en prod", "Déploiement api 2.0.0 → production (#8)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}, deploybot.KindCommand, deploybot.CmdConfirm, "", "", map[string]string{"id": "8"}},
		{"hmm non, pas ce soir", []string{"deploy web 3.0.0 to production", "Deploy web 3.0.0 → production (#9)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, deploybot.KindCommand, deploybot.CmdCancel, "", "", nil},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != tt.kind || got.Command != tt.command || got.App != tt.app || got.Env != tt.env {
			t.Errorf("%q after %q: got %s %s app=%q env=%q, want %s %s app=%q env=%q", tt.text, tt.history, got.Kind, got.Command,
				got.App, got.Env, tt.kind, tt.command, tt.app, tt.env)
			continue
		}
		for k, v := range tt.args {
			if got.Arg(k) != v {
				t.Errorf("%q: arg %s = %q, want %q", tt.text, k, got.Arg(k), v)
			}
		}
	}
}

// TestCommandsInSentences checks commands said in sentences of their own:
// a decision on a deployment by its id, a lock or freeze with its object,
// and the sentences that name such words without ordering them.
func TestCommandsInSentences(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text     string
		kind     deploybot.RequestKind
		command  deploybot.Command
		app, env string
		args     map[string]string
	}{
		{"tests are green on my side, confirming 71", deploybot.KindCommand, deploybot.CmdConfirm, "", "", map[string]string{"id": "71"}},
		{"pour moi c'est validé, le 18", deploybot.KindCommand, deploybot.CmdApprove, "", "", map[string]string{"id": "18"}},
		// A negated order is none (hedge.go): not a refusal, not a cancel.
		{"I can't approve 12 until the tests pass", deploybot.KindQuestion, "", "", "", nil},
		{"laisse tomber la 30, on refait demain", deploybot.KindCommand, deploybot.CmdCancel, "", "", map[string]string{"id": "30"}},
		{"could you unlock web in staging? the demo is over", deploybot.KindCommand, deploybot.CmdUnlock, "web", "staging", nil},
		{"merci de verrouiller la prod de l'api pendant la migration", deploybot.KindCommand, deploybot.CmdLock, "api", "production", nil},
		{"remove the freeze please, false alarm", deploybot.KindCommand, deploybot.CmdUnfreeze, "", "", nil},
		{"do we validate all 7 steps every time?", deploybot.KindQuestion, "", "", "", nil},
		{"the staging of web is locked since yesterday, why?", deploybot.KindQuestion, "", "", "", nil},
		{"should we freeze prod during the sales?", deploybot.KindQuestion, "", "", "", nil},
		{"on peut déverrouiller le site en prod ?", deploybot.KindQuestion, "", "", "", nil},
		{"c'est quoi l'état de l'api en recette ?", deploybot.KindCommand, deploybot.CmdStatus, "api", "staging", nil},
		{"could you pull the deploy history of the site?", deploybot.KindCommand, deploybot.CmdHistory, "web", "", nil},
		{"what's our lead time on the api lately?", deploybot.KindCommand, deploybot.CmdDora, "api", "", nil},
		{"état des lieux stp, réunion dans 5 min", deploybot.KindCommand, deploybot.CmdStatus, "", "", nil},
		{"where are we with the migration plan?", deploybot.KindQuestion, "", "", "", nil},
		{"how do I read the audit trail?", deploybot.KindQuestion, "", "", "", nil},
		{"the 88 went fine in the end, please mark it succeeded", deploybot.KindCommand, deploybot.CmdOutcome, "", "", map[string]string{"id": "88", "outcome": "succeeded"}},
		{"note le 12 comme échoué, la migration a planté", deploybot.KindCommand, deploybot.CmdOutcome, "", "", map[string]string{"id": "12", "outcome": "failed"}},
		{"j'ai fait la review et les tests pour le 31, coche", deploybot.KindCommand, deploybot.CmdTick, "", "", map[string]string{"id": "31", "items": "review tests"}},
		{"tick everything on 40 except tls", deploybot.KindCommand, deploybot.CmdTick, "", "", map[string]string{"id": "40", "items": ""}},
		{"shall we run a rollback drill on the site in staging?", deploybot.KindCommand, deploybot.CmdDrill, "web", "staging", nil},
		{"how often should we run rollback drills?", deploybot.KindQuestion, "", "", "", nil},
		{"remets à zéro la stratégie du site stp", deploybot.KindCommand, deploybot.CmdReset, "web", "", map[string]string{"key": "strategy"}},
		{"on fait l'entretien du site ?", deploybot.KindCommand, deploybot.CmdInterview, "web", "", map[string]string{"scope": "project"}},
		{"c'est quoi l'interview de l'agence ?", deploybot.KindQuestion, "", "", "", nil},
		{"let's do the brief for the api project", deploybot.KindCommand, deploybot.CmdInterview, "api", "", map[string]string{"scope": "project"}},
		{"runbook: what should it contain?", deploybot.KindQuestion, "", "", "", nil},
		{"on the server, what are the commands to restart nginx?", deploybot.KindQuestion, "", "", "", nil},
		{"please remove reminder 3, nobody reads it", deploybot.KindCommand, deploybot.CmdReminders, "", "", map[string]string{"id": "3", "op": "delete"}},
	} {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Kind != tt.kind || got.Command != tt.command || got.App != tt.app || got.Env != tt.env {
			t.Errorf("%q: got %s %s app=%q env=%q, want %s %s app=%q env=%q", tt.text, got.Kind, got.Command, got.App, got.Env,
				tt.kind, tt.command, tt.app, tt.env)
			continue
		}
		for k, v := range tt.args {
			if got.Arg(k) != v {
				t.Errorf("%q: arg %s = %q, want %q", tt.text, k, got.Arg(k), v)
			}
		}
	}
}

// TestStatementsAndQuestionsAreNoOrders checks that a question for the
// state, a permission asked and an incident told never become a deploy,
// while a project, a version and an environment asked for together do.
func TestStatementsAndQuestionsAreNoOrders(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text    string
		history []string
		kind    deploybot.RequestKind
		intent  deploybot.IntentKind
		app     string
		env     string
		version string
	}{
		{"is api 3.1.0 on staging already?", nil, deploybot.KindCommand, deploybot.IntentQuestion, "api", "staging", ""},
		{"has the site been deployed to prod today?", nil, deploybot.KindCommand, deploybot.IntentQuestion, "web", "production", ""},
		{"is it fine to ship api to prod now?", nil, deploybot.KindQuestion, deploybot.IntentQuestion, "", "", ""},
		{"api 4.2.0 crashed staging this morning", nil, deploybot.KindQuestion, deploybot.IntentQuestion, "", "", ""},
		{"the PO wants api v4.3.0 on staging before the demo", nil, deploybot.KindAction, deploybot.IntentDeploy, "api", "staging", "v4.3.0"},
		{"tu peux mettre la 2.2.0 du site en recette ?", nil, deploybot.KindAction, deploybot.IntentDeploy, "web", "staging", "2.2.0"},
		{"ah it's 4f9e2c1 I think", []string{"deploy web to staging", "Which version?"}, deploybot.KindAction, deploybot.IntentDeploy, "web", "staging", "4f9e2c1"},
		{"3.0.2 finally", []string{"ship api to prod", "Which version?", "wait I need to check", "Which version?"}, deploybot.KindAction, deploybot.IntentDeploy, "api", "production", "3.0.2"},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != tt.kind || got.Intent.Intent != tt.intent || got.App != tt.app || got.Env != tt.env || got.Version != tt.version {
			t.Errorf("%q: got %s %s app=%q env=%q version=%q, want %s %s app=%q env=%q version=%q", tt.text, got.Kind, got.Intent.Intent,
				got.App, got.Env, got.Version, tt.kind, tt.intent, tt.app, tt.env, tt.version)
		}
	}
}

// TestOrdersAsNouns checks orders said as their noun and their project,
// decisions without an id, and incidents told with a target version.
func TestOrdersAsNouns(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text    string
		history []string
		kind    deploybot.RequestKind
		intent  deploybot.IntentKind
		command deploybot.Command
		app     string
		env     string
		version string
		id      string
	}{
		{"mise en prod du site", nil, deploybot.KindAction, deploybot.IntentDeploy, "", "web", "production", "", ""},
		{"rollback of the api on staging", nil, deploybot.KindAction, deploybot.IntentRollback, "", "api", "staging", "", ""},
		{"la MEP de l'api c'est quand ?", nil, deploybot.KindQuestion, deploybot.IntentQuestion, "", "", "", "", ""},
		{"annule mon déploiement", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdCancel, "", "", "", ""},
		{"14", []string{"cancel my deploy", "Which deployment? #12 or #14"}, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdCancel, "", "", "", "14"},
		{"mark it failed", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdOutcome, "", "", "", ""},
		{"nobody deploys the api in prod today, lock it please", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdLock, "api", "production", "", ""},
		{"all good now, could you unlock web staging? thanks", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdUnlock, "web", "staging", "", ""},
		{"could we freeze the site in prod for the sales?", nil, deploybot.KindQuestion, deploybot.IntentQuestion, "", "", "", "", ""},
		{"show me the deploy history of the webapp", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdHistory, "web", "", "", ""},
		{"api staging vs prod?", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdDiff, "api", "", "", ""},
		{"difff web stging prod", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdDiff, "web", "", "", ""},
		{"is anything frozen right now?", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdList, "", "", "", ""},
		{"who are the approvers of the api?", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdContext, "api", "", "", ""}, // no environment named: the agent answers for production (session 6)
		{"QA signed off in preprod, go ahead and roll api out to prod, v2.9.0", nil, deploybot.KindAction, deploybot.IntentDeploy, "", "api", "production", "v2.9.0", ""},
		{"des approbations en attente ? je file en réunion", nil, deploybot.KindCommand, deploybot.IntentQuestion, deploybot.CmdPending, "", "", "", ""},
		{"gros souci sur l'api en prod depuis la 2.1, retour à la 2.0.3", nil, deploybot.KindAction, deploybot.IntentRollback, "", "api", "production", "2.0.3", ""},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != tt.kind || got.Intent.Intent != tt.intent || got.Command != tt.command || got.App != tt.app || got.Env != tt.env ||
			got.Version != tt.version || got.Arg("id") != tt.id {
			t.Errorf("%q: got %s %s %s app=%q env=%q version=%q id=%q", tt.text, got.Kind, got.Intent.Intent, got.Command, got.App,
				got.Env, got.Version, got.Arg("id"))
		}
	}
}

// TestDecisionsNotTakenNow checks attempts to read a decision where the
// message defers, conditions or takes it back: an approval or a
// confirmation is never read from them.
func TestDecisionsNotTakenNow(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	plan := []string{"deploy web 3.0.0 to production", "Deploy web 3.0.0 → production (#9)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	for _, tt := range []struct {
		text    string
		history []string
	}{
		{"I'll approve 12 once the tests pass", nil},
		{"approving #45 would be a mistake", nil},
		{"confirm 12 once the build is green", nil},
		{"je validerai le 30 demain", nil},
		{"si la recette passe, j'approuve le 8", nil},
		{"yeah but hold on, I need to check", plan},
		{"oui mais attends la fin de la démo", plan},
		{"ok after lunch", plan},
		{"PR 45 approved by QA", nil},
		{"he said approve 12", nil},
		{"ticket 1234 confirmed by the client", nil},
		{"the client validated mockup 3", nil},
		{"le client a validé le 3", nil},
		{"sprint 12 is approved, let's plan the next one", nil},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind == deploybot.KindCommand && (got.Command == deploybot.CmdApprove || got.Command == deploybot.CmdConfirm) {
			t.Errorf("%q after %q: read as %s %v", tt.text, tt.history, got.Command, got.Args)
		}
	}
}

// TestOrderWordsWithoutOrders holds the attacker's review of session 4:
// messages that carry an order's words without giving it — negated,
// hedged, conditional, someone else's, a number that is not a
// deployment's — change nothing: no consequential command, no action, and
// no confirmation of the plan they answer.
func TestOrderWordsWithoutOrders(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	plan := []string{"deploy api v2.0.0 to production", "Deploy api v2.0.0 → production (#12)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	for _, tt := range []struct {
		text    string
		history []string
	}{
		{"ok let me check with QA first", plan}, {"ok je vérifie d'abord", plan}, {"yes I think it's the wrong version", plan},
		{"yes if CI is green", plan}, {"yes to staging first", plan}, {"yes?", plan}, {"oui ?", plan}, {"yes please don't", plan},
		{"don't cancel 12", nil}, {"please don't cancel 12", nil}, {"n'annule pas le 12", nil}, {"ne débloque pas la prod", nil},
		{"don't cancel 12, I'm still working on it", nil},
		{"PR 45 approved by QA", nil}, {"ticket 12 approved", nil}, {"la PR 45 est validée", nil}, {"he said approve 12", nil},
		{"il a dit approuve 12", nil}, {"jenkins: approve 12", nil}, {"in gitlab I typed approve 12 but nothing happened", nil},
		{`"approve 12" is what you type to approve`, nil}, {"aprove 12?", nil},
		{"unlock prod? no way", nil}, {"Alice said unlock prod", nil}, {"on dégèle la prod ?", nil}, {"lock prod? lol", nil},
		{"don't tick 3", nil}, {"I ticked 3 on the jira board", nil}, {"outcome 12 success? not sure", nil},
		{"he confirmed 12", nil}, {"cancel 12? ask bob", nil}, {"deny 12? not my call", nil},
		{"can you not deploy api to production", nil}, {"faudrait pas déployer api en prod", nil},
		{"deploy api to prod? no", nil}, {"deploy api to prod lol jk", nil}, {"he said deploy api to prod", nil},
		{"if QA passes, deploy api to prod", nil}, {"if it breaks, rollback api prod", nil},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if changesSomething(got) {
			t.Errorf("%q: read as %s %s %s app=%q env=%q args=%v", tt.text, got.Kind, got.Intent.Intent, got.Command, got.App, got.Env, got.Args)
		}
	}
}
