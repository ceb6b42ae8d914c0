package router_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"deploybot/router"
)

// TestSession26Settings holds settings changed by a verb other than
// "set", or with the key alone (holdout50, once read): "change the
// strategy to canary" right after the project's context was a card on
// migrations; the project the conversation names, or none (the bot
// asks). Told, asked, or a key that is none stay talk.
func TestSession26Settings(t *testing.T) {
	ctxAPI := []string{"show context for api", "Context of api:\n• strategy: blue-green\n• zero downtime: yes"}
	ctxAPIFr := []string{"contexte du projet api", "Contexte de api :\n• stratégie : blue-green\n• zéro interruption : oui"}
	checkReadings(t, []reading{
		{"change the strategy to canary", ctxAPI, "command context app=api key=strategy scope=project value=canary what=set"},
		{"passe la stratégie en canary", ctxAPIFr, "command context app=api key=strategy scope=project value=canary what=set"},
		{"change the strategy to canary", nil, "command context key=strategy scope=project value=canary what=set"},
		{"set strategy to canary", nil, "command context key=strategy scope=project value=canary what=set"},
		{"mets la stratégie à canary", nil, "command context key=strategy scope=project value=canary what=set"},
		{"change api strategy to canary", nil, "command context app=api key=strategy scope=project value=canary what=set"},
		{"change the api approval to none", nil, "command context app=api key=approval scope=project value=none what=set"},
		{"switch the strategy to rolling please", nil, "command context key=strategy scope=project value=rolling what=set"},
		{"we changed the strategy to canary", nil, "question production"},
		{"change the strategy to canary?", nil, "question production"},
		{"change the version to 2.5.0", nil, "question production"},
		{"passe le site en prod", nil, "action deploy app=web env=production"},
	})
}

// TestSession26YesAfterAside holds a yes said after the person's own
// question while a plan waits: the chat keeps the question, not the
// bot's answer to it, so the yes answers no question of the bot's. It
// confirms nothing (it was not understood, and the bot's reply did not
// say which plan waited): its closest things are that plan's yes and no,
// by number.
func TestSession26YesAfterAside(t *testing.T) {
	r := exampleRouter(t)
	plan := []string{"deploy api 2.5.0 to production", "Deploy api 2.5.0 → production (#7)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	for _, tt := range []struct {
		text    string
		history []string
		want    []string
	}{
		{"yes", append(slices.Clone(plan), "wait, is the staging run green?"), []string{"confirm 7", "cancel 7"}},
		{"oui", []string{"déploie api 2.5.0 en prod", "Déploiement api 2.5.0 → production (#8)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »).", "attends, la recette est verte ?"}, []string{"confirm 8", "cancel 8"}},
		{"yes", []string{"wait, is the staging run green?"}, nil},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind != "unknown" {
			t.Errorf("%q %q: kind %s, want unknown", tt.text, tt.history, got.Kind)
		}
		if tt.want != nil && !slices.Equal(got.Alternatives, tt.want) {
			t.Errorf("%q %q: alternatives %q, want %q", tt.text, tt.history, got.Alternatives, tt.want)
		}
		if tt.want == nil && slices.ContainsFunc(got.Alternatives, func(a string) bool { return strings.HasPrefix(a, "confirm ") }) {
			t.Errorf("%q %q: alternatives %q offer a plan's yes", tt.text, tt.history, got.Alternatives)
		}
	}
}

// TestSession26Locks holds a bare unlock right after the bot's own lock
// (holdout50, once read): "c'est bon, déverrouille" asked which project;
// the rollback's card says the lock on a line of its own; "lock staging
// too" is the same project's. A list of two locks names none.
func TestSession26Locks(t *testing.T) {
	locked := []string{"verrouille l'api en prod : incident en cours", "🔒 api/production verrouillé par alice : incident en cours"}
	lockedEn := []string{"lock web production: client demo at 2pm", "🔒 web/production locked by alice: client demo at 2pm"}
	rolledBack := []string{"rollback api prod", "↩️ Rollback api 2.4.3 (#66) → production\nStatus: Done ✅\n🔒 api/production stays locked after this rollback; once the cause is fixed: \"unlock api production: <what was fixed>\"."}
	twoLocks := []string{"list locks", "Locks:\n🔒 api/production locked by bob: incident\n🔒 web/staging locked by carol: demo"}
	checkReadings(t, []reading{
		{"c'est bon, déverrouille", locked, "command unlock app=api env=production"},
		{"unlock: demo over", lockedEn, "command unlock app=web env=production reason=demo over"},
		{"unlock: fix deployed", rolledBack, "command unlock app=api env=production reason=fix deployed"},
		{"lock staging too", lockedEn, "command lock app=web env=staging"},
		{"verrouille aussi la recette", lockedEn, "command lock app=web env=staging"},
		{"unlock", twoLocks, "command unlock"},
		{"unlock staging", lockedEn, "command unlock env=staging"},
	})
}

// TestSession26Picks holds picks from the deployments waiting for
// approval said after an opener ("j'approuve le premier"), and "annule
// celui de web", which planned a rollback of web: it cancels that one.
func TestSession26Picks(t *testing.T) {
	waiting := []string{"qu'est-ce qui attend ?", "En attente d'approbation\n#52: déployer api 2.5.1 → production (alice)\n#53: déployer web 3.0.7 → production (bob)"}
	checkReadings(t, []reading{
		{"j'approuve le premier", waiting, "command approve id=52"},
		{"ok approve the first one", waiting, "command approve id=52"},
		{"annule celui de web", waiting, "command cancel id=53"},
		{"alors annule celui de l'api", waiting, "command cancel id=52"},
	})
}

// TestSession26LaterOrderNow holds an order put off to a moment (the
// bot schedules none) given again for now: "do it now" lost the version
// (the bot asked for it), "vas-y maintenant" confirmed nothing, "bon,
// déploie maintenant alors" was a question. Another order, a doubt, a
// refusal or another moment stay what they were.
func TestSession26LaterOrderNow(t *testing.T) {
	later := []string{"deploy web 2.5.0 to prod tomorrow", "I don't schedule orders: nothing ran. Give it when the time comes and I'll prepare the plan then.\nThursday 19 February 10:00 CET: ✅ recommended window."}
	laterFr := []string{"déploie web 2.5.0 en prod demain", "Je ne programme pas d'ordre : rien n'a été lancé.\njeudi 19 février 10:00 CET : ✅ créneau recommandé."}
	checkReadings(t, []reading{
		{"ok then do it now", later, "action deploy app=web env=production version=2.5.0"},
		{"go now", later, "action deploy app=web env=production version=2.5.0"},
		{"bon, déploie maintenant alors", laterFr, "action deploy app=web env=production version=2.5.0"},
		{"vas-y maintenant", laterFr, "action deploy app=web env=production version=2.5.0"},
		{"deploy api now", later, "action deploy app=api"},
		{"can I do it now?", later, "unknown"},
		{"no, not now", later, "command cancel decline=yes"},
		{"do it tomorrow then", later, "question orchestrator"},
	})
}

// TestSession26Sequel holds the environment of a deploy said again with
// praise before it or a word of sequel after it: "great, and to
// production too" after a staging deploy was a card on rolling updates.
func TestSession26Sequel(t *testing.T) {
	staged := []string{"deploy api 2.5.0 to staging"}
	done := []string{"deploy api 9f3e21c to staging", "Deploy api 9f3e21c → staging (#38)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").", "yes", "🚀 Deployment api 9f3e21c (#38) → staging\nHealth checks ✅ · smoke tests ✅\nStatus: Done ✅"}
	checkReadings(t, []reading{
		{"great, and to production too", staged, "action deploy app=api env=production version=2.5.0"},
		{"super, et en prod aussi", staged, "action deploy app=api env=production version=2.5.0"},
		{"and to prod as well", staged, "action deploy app=api env=production version=2.5.0"},
		{"great, and to production too", done, "action deploy app=api env=production version=9f3e21c"},
		{"great, and to production too?", staged, "question production"},
		{"and api 2.5.1 to staging too", []string{"deploy web 3.2.2 to staging"}, "action deploy app=api env=staging version=2.5.1"},
	})
}

// TestAttackSession26 holds what the session's attack found against its
// first revision: idioms whose last word was set as a free-text setting
// ("mets le pipeline en pause", "update the rollback procedure a bit"),
// French participles read as orders ("passé la stratégie en canary ✅",
// "annulé celui de web"), the agency's default written to a project, a
// cancel picked from deployments done (where "annule" may mean undo), a
// lock's environment the project lacks, a forced unlock named for the
// lock just set, and an order for now addressed to a colleague.
func TestAttackSession26(t *testing.T) {
	ctxAPI := []string{"show context for api", "Context of api:\n• strategy: blue-green\n• zero downtime: yes"}
	done := []string{"historique", "Historique des déploiements\n#50: déployer web 3.0.7 → production : terminé (bob)\n#49: déployer api 2.5.1 → production : terminé (alice)"}
	waiting := []string{"qu'est-ce qui attend ?", "En attente d'approbation\n#52: déployer api 2.5.1 → production (alice)\n#53: déployer web 3.0.7 → production (bob)"}
	lockedBob := []string{"lock api production: x", "🔒 api/production locked by bob: x"}
	lockedWeb := []string{"lock web production: demo", "🔒 web/production locked by alice: demo"}
	later := []string{"deploy web 2.5.0 to prod tomorrow", "I don't schedule orders: nothing ran. Give it when the time comes and I'll prepare the plan then."}
	r := exampleRouter(t)
	for _, tt := range []reading{
		{"update the rollback procedure a bit", ctxAPI, ""},
		{"mets le pipeline en pause", ctxAPI, ""},
		{"change the pipeline a bit", nil, ""},
		{"mets le sla à jour", nil, ""},
		{"mets les validations à jour", nil, ""},
		{"passe les smoke tests en staging", nil, ""},
		{"passé la stratégie en canary ✅", ctxAPI, ""},
		{"modifié la stratégie en canary", nil, ""},
		{"change the default strategy to canary", ctxAPI, ""},
		{"annulé celui de web", waiting, ""},
		{"annule celui de web", done, ""},
		{"@bob do it now", later, ""},
		{"bob, do it now", later, ""},
	} {
		got := r.Parse(context.Background(), tt.text, tt.history)
		if got.Kind == "command" && (got.Command == "context" || got.Command == "cancel") || got.Kind == "action" && got.Version != "" {
			t.Errorf("%q %q: %s %s %v %s", tt.text, tt.history, got.Kind, got.Command, got.Args, got.Version)
		}
	}
	checkReadings(t, []reading{
		{"lock uat too", lockedWeb, "command lock"}, // uat: UnknownEnv, the bot names it
		{"unlock --force done", lockedBob, "command unlock force=done"},
	})
}

// exampleRouter is a router of the projects checkReadings reads with.
func exampleRouter(t *testing.T) *router.Router {
	t.Helper()
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
