package router_test

import (
	"context"
	"testing"

	"deploybot"
	"deploybot/router"
)

// TestSession24Told holds what session 24's review found planned from
// talk: a deploy named as a noun and said something of, a project with its
// version or environment and words of a state, a past or a question, each
// planned, and the "ok" after it ran it. Terse orders stay orders.
func TestSession24Told(t *testing.T) {
	checkReadings(t, []reading{
		{"the deploy of api 2.4.1 to staging was cancelled", nil, "question staging"},
		{"my deploy of web 1.1.0 to prod got stopped", nil, "question production"},
		{"deploy of api 2.4.1 to staging: cancelled", nil, "question staging"},
		{"le déploiement de l'api 2.4.1 en demo a été annulé", nil, "question rollback"},
		{"web 1.0.0 en prod ce matin : RAS", nil, "question production"},
		{"le back 2.4.0 en staging ce matin : RAS", nil, "question staging"},
		// Asked what runs: the status (it planned the deploy).
		{"web 1.1.0 est en prod ?", nil, "command status app=web env=production"},
		{"web 1.1.0 en prod c'est ok ?", nil, "command status app=web env=production"},
		{"api en prod ?", nil, "command status app=api env=production"},
		{"le back en recette ?", nil, "command status app=api env=staging"},
		// Told, with words of their own (the attack's): news or an order,
		// the order offered, never planned.
		{"api 2.4.0 en recette depuis lundi", nil, "question staging"},
		{"web 1.1.0 en prod ✅", nil, "question production"},
		{"web 1.1.0 in prod since this morning, no issues", nil, "question production"},
		{"web 1.1.0 en prod la semaine dernière", nil, "question production"},
		{"web 1.1.0 en prod : échec", nil, "question production"},
		{"web 1.1.0 on prod: success", nil, "question production"},
		{"web 1.1.0 in prod since this morning, all good", nil, "question production"},
		{"api 2.4.1 in staging since yesterday", nil, "question staging"},
		{"web 1.1.0 is in prod", nil, "question production"},
		// Orders: terse, with a please, a flag, a haste said of the order;
		// a verb before the noun; a request asked; a request, then why.
		{"web 1.1.0 en prod", nil, "action deploy app=web env=production version=1.1.0"},
		{"web 1.1.0 en prod stp", nil, "action deploy app=web env=production version=1.1.0"},
		{"front 2.14.6 en staging stp", nil, "action deploy app=web env=staging version=2.14.6"},
		{"web 4.3.2 to prod --wait", nil, "action deploy app=web env=production version=4.3.2"},
		{"web 1.1.0 to prod, this is urgent", nil, "action deploy app=web env=production version=1.1.0"},
		{"web 1.1.0 en prod, c'est urgent", nil, "action deploy app=web env=production version=1.1.0"},
		{"ship the deploy of web that was validated to prod", nil, "action deploy app=web env=production"},
		{"please do the deploy of api 2.4.1 to staging, it was validated", nil, "action deploy app=api env=staging version=2.4.1"},
		{"on peut avoir le front v5.4.0 en recette ?", nil, "action deploy app=web env=staging version=v5.4.0"},
		{"déploiement du front en staging stp, la branche est mergée", nil, "action deploy app=web env=staging"},
		{"ok web 1.1.0 en prod", nil, "action deploy app=web env=production version=1.1.0"},
		// A reason of its own words: the order offered, a yes plans it.
		{"web 1.1.0 to prod, staging is fine", nil, "question production"},
		{"les clients ne peuvent plus payer depuis ce matin, le correctif de l'api c'est la 2.14.1 : en prod tout de suite stp", nil,
			"action deploy app=api env=production version=2.14.1"},
		{"QA is blocked until the backend v2.4.0-rc1 lands on staging", nil, "action deploy app=api env=staging version=v2.4.0-rc1"},
	})
	// The order a told message may mean is offered, as a person would
	// type it: a yes right after the bot's offer plans it.
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for text, offer := range map[string]string{
		"web 1.0.0 en prod ce matin : RAS":  "deploy web 1.0.0 to production",
		"api 2.4.0 en recette depuis lundi": "deploy api 2.4.0 to staging",
		"api en recette depuis 9.30, RAS":   "deploy api to staging", // a time is no version
	} {
		got := r.Parse(context.Background(), text, nil)
		if got.Topic != deploybot.TopicUnclearOrder || len(got.Alternatives) != 1 || got.Alternatives[0] != offer {
			t.Errorf("%q: topic %q, alternatives %q, want %q offered", text, got.Topic, got.Alternatives, offer)
		}
		yes := r.Parse(context.Background(), "yes", []string{text, "News or an order? I plan nothing on a message without a verb that says what to do. To plan it: \"" + offer + "\"."})
		if yes.Kind != deploybot.KindAction || yes.App == "" || yes.Env == "" {
			t.Errorf("yes after the offer of %q: %s %s %s", offer, yes.Kind, yes.App, yes.Env)
		}
	}
}

// TestSession24Orders holds the review's orders read against the plan
// before them, or cut: a rollback mistyped after a deploy's plan moved
// that plan to the rollback's environment ("yes" deployed api); an
// environment the project lacks took the plan's (production); two
// projects said by their short names planned one; a reminder added
// without an article was a windows question.
func TestSession24Orders(t *testing.T) {
	plan := []string{"deploy api 2.4.1 to staging", "Deploy api 2.4.1 → staging (#2)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planProd := []string{"deploy web 1.1.0 to prod", "Deploy web 1.1.0 → production (#7)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"rolbak webb staging", plan, "unknown"},
		{"rollback webb staging", plan, "action rollback env=staging"},
		{"rolbak staging", plan, "action rollback env=staging"},
		{"roll back webb staging", plan, "action rollback env=staging"},
		{"reviens en arrière sur webb staging", plan, "action rollback env=staging"},
		// Answers to the plan keep its direction.
		{"prod", plan, "action deploy app=api env=production version=2.4.1"},
		{"go, 2.4.2", plan, "action deploy app=api env=staging version=2.4.2 replaces=2"},
		{"prod", []string{"rollback api", "Which environment: staging or production?"}, "action rollback app=api env=production"},
		// An environment the project lacks is named, never the plan's.
		{"deploy web 1.1.0 to staging2", planProd, "action deploy app=web env=staging2 version=1.1.0"},
		{"deploy web 1.1.0 to staging2", nil, "action deploy app=web env=staging2 version=1.1.0"},
		{"déploie le site 1.1.0 en preprod2 stp", nil, "action deploy app=web env=preprod2 version=1.1.0"},
		{"rollback api on prod2", nil, "action rollback app=api env=prod2"},
		{"no, staging2", planProd, "command cancel decline=yes id=7 reason=staging2"},
		// Other spellings of an environment the project lacks (the
		// session's attack): each was the plan's production.
		{"deploy web 1.1.0 to qa2", planProd, "action deploy app=web env=qa2 version=1.1.0"},
		{"deploy web 1.1.0 to staging-v2", planProd, "action deploy app=web env=staging-v2 version=1.1.0"},
		{"deploy web 1.1.0 to prod2 now", planProd, "action deploy app=web env=prod2 version=1.1.0"},
		{"deploy web to prod2 1.1.0", planProd, "action deploy app=web env=prod2 version=1.1.0"},
		{"déploie le site 1.1.0 sur la prod2", planProd, "action deploy app=web env=prod2 version=1.1.0"},
		{"deploy web 1.1.0 --env prod2", planProd, "action deploy app=web env=prod2 version=1.1.0 bad=--env"},
		{"deploy web 1.1.0 env=prod2", planProd, "action deploy app=web env=prod2 version=1.1.0"},
		// A correction of the version keeps the plan's environment.
		{"deploy web 1.1.1", planProd, "action deploy app=web env=production version=1.1.1"},
		// Two projects, short names.
		{"déploie le site en recette et le back en recette aussi", nil, "question orchestrator"},
		{"déploie le site et le back en recette", nil, "question orchestrator"},
		{"déploie le back en recette et préviens le front", nil, "action deploy app=api env=staging"},
		// Two projects listed: one was planned. Staging then production
		// is the pipeline's order: staging's deploy (TestExcludedEnvironments).
		{"deploy web,api 1.1.0 to staging", nil, "question orchestrator"},
		{"deploy web / api 1.1.0 to staging", nil, "question orchestrator"},
		{"déploie front & back en recette", nil, "question orchestrator"},
		// Another project's version is not the order's.
		{"déploie le front en recette avec le back 2.4.1", nil, "action deploy app=web env=staging"},
		{"déploie le front 1.1.0 en recette, il dépend du back 2.4.1 déjà en recette", nil, "action deploy app=web env=staging version=1.1.0"},
		{"mets le back en recette, le site reste en 1.0.0", nil, "action deploy app=api env=staging"},
		{"roll web back to 3.2.0 in prod", nil, "action rollback app=web env=production version=3.2.0"},
		{"deploy web 1.1.0 to staging then prod", nil, "action deploy app=web env=staging version=1.1.0"},
		{"deploy web 1.1.0 to staging, not prod", nil, "action deploy app=web env=staging version=1.1.0"},
		{"deploy web 1.1.0 to staging and tell me", nil, "action deploy app=web env=staging version=1.1.0"},
		{"ship it to prod then, the staging one", nil, "action deploy env=production"},
		// A reminder added without an article.
		{"add reminder #deploys every day at 9:30: daily status check", nil, "command reminders channel=#deploys dow=* hour=9 minute=30 op=add text=daily status check"},
		{"ajoute rappel #deploys tous les jours à 9h30 : point statut", nil, "command reminders channel=#deploys dow=* hour=9 minute=30 op=add text=point statut"},
	})
}

// TestSession24Yes: a yes right after a reply that asks for it answers it
// (FollowUp), the id taken only from a deployment's plan (a drill's number
// is the drill's); a yes after any other reply answers nothing, and the
// agent asks which plan it confirms.
func TestSession24Yes(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	planProd := []string{"deploy web 1.1.0 to prod", "Deploy web 1.1.0 → production (#7)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	for _, tt := range []struct {
		text     string
		history  []string
		id       string
		followUp bool
	}{
		{"yes", planProd, "7", true},
		{"oui", []string{"exercice de rollback sur api", "Exercice de rollback #1 : api/staging, v1.1.0 → v1.0.0 → v1.1.0\nConfirmez-vous ? Répondez « oui » dans les 2 minutes (ou « non »)."}, "", true},
		{"yes", []string{"drill api", "Rollback drill #4: api/staging, v1.1.0 → v1.0.0 → v1.1.0\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "", true},
		{"yes", []string{"tick 7 tests review", "Checklist complete. Confirm with \"yes\" (or \"confirm 7\")."}, "", true},
		{"oui", []string{"tick 7 tests review", "Checklist complète. Confirmez avec « oui » (ou « confirm 7 »)."}, "", true},
		{"yes", append(append([]string{}, planProd...), "rolbak webb staging",
			"I'm not sure what you mean. I have no precise answer to that.\n(answer \"rollback web on staging\", \"status web\" or \"history web\")"), "", false},
		{"yes", append(append([]string{}, planProd...), "what's the checklist?", "Checklist before a production release: tests, review"), "", false},
		{"yes", nil, "", false},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != deploybot.KindCommand || got.Command != deploybot.CmdConfirm || got.Arg("id") != tt.id || got.FollowUp != tt.followUp {
			t.Errorf("%q after %q: %s %s id=%q followUp=%v, want confirm id=%q followUp=%v", tt.text, tt.history, got.Kind, got.Command,
				got.Arg("id"), got.FollowUp, tt.id, tt.followUp)
		}
	}
}

// TestAttack24b holds the second attack's probes on the session's rules:
// news with a go word, a question, an answer to a plan, a passive, a
// reason without a comma, more ways to list two projects and to name an
// environment the project lacks.
func TestAttack24b(t *testing.T) {
	plan := []string{"deploy api 2.4.1 to prod", "Deploy api 2.4.1 → production (#7)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"le back 2.4.0 en recette, tout roule", nil, "question staging"},
		{"web 1.1.0 en prod 👌", nil, "question production"},
		{"web 1.1.0 en prod le sprint dernier", nil, "question production"},
		{"api 2.4.0 is on staging now", nil, "question staging"},
		{"api 2.4.0 en recette ?! qui a fait ça", nil, "question staging"},
		{"web 1.1.0 in prod since yesterday?", nil, "command status app=web env=production"},
		{"2.4.0 en recette depuis lundi", plan, "question staging"},
		{"2.4.0 en recette via deploybot depuis lundi", plan, "question staging"}, // the bot named is no verb
		{"deploy api 2.4.0 to staging was cancelled", nil, "question staging"},
		{"heads up: deploy of api 2.4.0 to staging cancelled", nil, "question staging"},
		{"fyi the deploy of api 2.4.1 to staging was cancelled", nil, "question staging"},
		{"déploiement de web 1.1.0 en prod : échec", nil, "question production"},
		{"deploy api 2.4.0 for qa2", plan, "action deploy app=api env=qa2 version=2.4.0"},
		{"api 2.4.1 prod2", plan, "action deploy app=api env=prod2 version=2.4.1"},
		{"deploy api 2.4.1 (prod2)", plan, "action deploy app=api env=prod2 version=2.4.1"},
		{"1.0.0 ?", plan, "question production"},
		{"et la 1.0.0 ?", plan, "question production"},
		{"api 2.4.0 on staging since when?", nil, "question staging"},
		{"deploy web plus api to staging", nil, "question orchestrator"},
		{"deploy web with api to staging", nil, "question orchestrator"},
		{"déploie le site, le back en recette", nil, "question orchestrator"},
		// A reason without a comma: offered, as any verbless message with
		// words of its own.
		{"web 1.1.0 to prod since QA is done", nil, "question production"},
		{"web 1.1.0 en prod car la recette est ok", nil, "question production"},
		// News in words of its own (the attack's b2: 91 of 147 were
		// planned; 25 are, the ready and waiting ones on purpose).
		{"api 2.4.0 on staging, thanks bob", nil, "question staging"},
		{"api 2.4.0 en recette comme prévu", nil, "question staging"},
		{"api 2.4.0 on staging I think", nil, "question staging"},
		{"api 2.4.0 en recette 💯", nil, "question staging"},
		{"le back reste en 2.4.0 en recette", nil, "question staging"},
		// Orders: a go word, a request asked, a please, a thanks that ends
		// it, a message to the bot, a correction of the plan, a verb the
		// lists missed, a reason after the order with a please.
		{"le site 1.1.0 to staging quand tu peux", nil, "action deploy app=web env=staging version=1.1.0"},
		{"@deploybot front 1.1.0 prod, c'est le fix du login", nil, "action deploy app=web env=production version=1.1.0"},
		{"payments 7e6d5c4 en staging merci, c'est la branche apple pay", nil, "action deploy env=staging version=7e6d5c4"},
		{"front 1.1.0 en prod today", nil, "action deploy app=web env=production version=1.1.0"},
		{"sync api to staging at v2.10.1", nil, "action deploy app=api env=staging version=v2.10.1"},
		{"web 1.1.0 en prod, la dernière", nil, "action deploy app=web env=production version=1.1.0"},
		{"on peut avoir le front v5.4.0 en recette ?", nil, "action deploy app=web env=staging version=v5.4.0"},
		{"la 2.4.2 plutôt", plan, "action deploy app=api env=production version=2.4.2 replaces=7"},
		{"deploy api 2.4.0 to staging, the last one was cancelled", nil, "action deploy app=api env=staging version=2.4.0"},
		{"redeploy web 3.11.0 on staging, the last run got interrupted", nil, "action deploy app=web env=staging version=3.11.0"},
		{"deploy web with the new header to staging", nil, "action deploy app=web env=staging"},
	})
}

// TestSession24Moments: an hour said before a day of the month alone
// ("at 11 on the 3rd") is that day's hour; it answered for 10:00.
func TestSession24Moments(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text      string
		day, hour int
	}{
		{"can I deploy at 11 on the 3rd?", 3, 11},
		{"can I deploy on the 3rd at 11?", 3, 11},
		{"je peux déployer à 15h le 23 ?", 23, 15},
	} {
		got := r.Parse(context.Background(), tt.text, nil)
		if got.Moment == nil || got.Moment.Day != tt.day || got.Moment.Hour != tt.hour {
			t.Errorf("%q: moment %+v, want day %d at %d", tt.text, got.Moment, tt.day, tt.hour)
		}
	}
}

// TestSession24Terse: a terse order said without a verb is marked so
// (said=terse): the agent offers it instead of planning it when it would
// change no version or go back to an older one.
func TestSession24Terse(t *testing.T) {
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for text, terse := range map[string]bool{
		"web 1.1.0 en prod":                       true,
		"front 2.14.6 en staging stp":             true,
		"api 2.4.0 en recette, validée par la QA": true,
		"deploy web 1.1.0 to prod":                false,
		"mise en prod du site en 3.8.0 svp":       false,
	} {
		got := r.Parse(context.Background(), text, nil)
		if got.Kind != deploybot.KindAction || (got.Arg("said") == "terse") != terse {
			t.Errorf("%q: %s said=%q, want terse %v", text, got.Kind, got.Arg("said"), terse)
		}
	}
}
