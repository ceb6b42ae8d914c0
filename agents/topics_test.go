package agents_test

import (
	"context"
	"strings"
	"testing"

	"deploybot"
	"deploybot/deploy"
)

// TestAnswersFitTheQuestion asks issue 12's questions of item 7 (and their
// neighbours in both languages): each gets the card of its topic, a
// comparison its own answer built from both strategies' cards, and a
// context line only when it bears on the card's topic.
func TestAnswersFitTheQuestion(t *testing.T) {
	o, db := newOrchestrator(t, t.TempDir())
	ctx := context.Background()
	// Agency values that bear on some topics only: the pipeline on the
	// process, the channel on the notification.
	for _, s := range []deploybot.Setting{
		{Scope: deploybot.ScopeAgency, Key: deploybot.KeyPipeline, Value: "GitHub Actions then Helm", SetBy: "carol"},
		{Scope: deploybot.ScopeAgency, Key: deploybot.KeyChannel, Value: "#releases", SetBy: "carol"},
		{Scope: deploybot.ScopeProject, Project: "api", Key: deploybot.KeyRollbackProcedure, Value: "helm rollback api; purge the CDN", SetBy: "carol"},
	} {
		if _, _, err := db.PutSetting(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		text    string
		lang    deploybot.Lang
		title   string
		want    []string
		notWant []string
	}{
		// "sont" was a term: it matched the motto card's body first.
		{"quelles sont les fenêtres de déploiement ?", "fr", "Fenêtres de déploiement", []string{"Recommandé"}, nil},
		{"quelle est la checklist avant une mise en prod ?", "fr", "Checklist pré-déploiement",
			[]string{"tous les tests passent", "certificats TLS/SSL valides", "plan de rollback documenté"}, []string{"Verify", "Chez vous", "pipeline"}},
		{"what do I need to check before deploying to production?", "en", "Pre-deployment checklist",
			[]string{"all tests pass", "rollback plan documented"}, []string{"Here:", "pipeline"}},
		{"t'as une checklist à suivre avant une mise en prod ?", "fr", "Checklist pré-déploiement", nil, []string{"Chez vous"}},
		{"how do I deploy?", "en", "Deploying here, step by step",
			[]string{"to staging", "promote <project> to production", "rollback <project> production"}, nil},
		{"comment je déploie le site ?", "fr", "Déployer ici, pas à pas", []string{"en staging", "répondez « oui »"}, nil},
		{"what is a canary release?", "en", "Canary strategy",
			[]string{"small share of traffic", "weighted routing"}, []string{"Database migrations", "Here:", "pipeline"}},
		{"c'est quoi un déploiement rolling ?", "fr", "Stratégie rolling",
			[]string{"remplacées par lots"}, []string{"Chez vous", "pipeline"}},
		{"what is the recreate strategy?", "en", "Recreate strategy", []string{"stop the old version"}, []string{"Here:"}},
		{"c'est quoi le blue-green ?", "fr", "Stratégie blue-green", []string{"bascule d'un coup"}, []string{"Chez vous"}},
		{"how do I write the release notification?", "en", "Deployment notification template",
			[]string{"🚀", "*Changes*", "release channel", "update that same message", "notification channel *#releases* (agency"},
			[]string{"devops", "pipeline", "rollback redeploys"}},
		{"où j'envoie l'annonce de mise en prod et qu'est-ce que je mets dedans ?", "fr", "Template de notification de déploiement",
			[]string{"canal de release", "canal des notifications *#releases*"}, []string{"pipeline"}},
		{"difference between blue-green and canary", "en", "Blue-green vs canary: the differences",
			[]string{"*Blue-green*: the new version (green)", "*Canary*: the new version first gets", "*instant* rollback",
				"*fast* rollback", "*Which one*", "→ *blue-green*", "→ *canary*"},
			[]string{"```", "Recreate", "pipeline"}},
		{"quelle différence entre rolling et canary ?", "fr", "Rolling ou canary : les différences",
			[]string{"*Rolling* : les instances", "*Canary* : la nouvelle version", "*Laquelle choisir* :", "→ *rolling*"}, []string{"Blue-green  ", "pipeline"}},
		{"blue-green ou canary pour web ?", "fr", "Blue-green ou canary : les différences",
			[]string{"Pour le projet *web* : stratégie *rolling* (pratique standard)"}, []string{"pipeline"}},
		{"what are the deployment strategies?", "en", "The 4 deployment strategies at a glance", []string{"Canary "}, []string{"pipeline"}},
		{"what's the rollback procedure for api?", "en", "What a rollback procedure contains",
			[]string{"*Rollback procedure of api*:\nhelm rollback api; purge the CDN", "For project *api*: strategy *rolling*"}, []string{"pipeline"}},
		{"quelle est la procédure de rollback de web ?", "fr", "Contenu d'une procédure de rollback",
			[]string{"Pour le projet *web*"}, []string{"helm rollback api"}},
		// The pipeline bears on the process: its line stays there.
		{"c'est quoi les étapes d'un déploiement ?", "fr", "", []string{"pipeline *GitHub Actions then Helm* (convention agence)"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := say(t, o, "alice", tt.text)
			got := full(r)
			if r.Lang != tt.lang {
				t.Errorf("reply in %s, want %s", r.Lang, tt.lang)
			}
			if tt.title != "" && !strings.HasPrefix(r.Title, tt.title) {
				t.Errorf("title %q, want %q:\n%s", r.Title, tt.title, got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.Title+"\n"+r.Text, w) {
					t.Errorf("answer has unrelated %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestRollbackProcedureOfAProject asks for a named project's rollback
// procedure where deployments are wired: the answer is that project's
// runbook, in the writer's language.
func TestRollbackProcedureOfAProject(t *testing.T) {
	o, db := newOrchestrator(t, t.TempDir())
	svc := &deploy.Service{Store: db, Now: deploybot.FixedClock(wednesday),
		Targets: func(_ context.Context, project, env string) (deploy.Target, error) {
			return deploy.Target{Project: project, Env: env, Production: env == "production", Strategy: deploybot.StrategyBlueGreen,
				RollbackProcedure: "switch the load balancer back to blue", Executor: fuzzExecutor{}}, nil
		}}
	t.Cleanup(func() { svc.Close() })
	o.Deploys = svc
	for _, tt := range []struct{ text, want, notWant string }{
		{"what's the rollback procedure for api?", "# Rollback runbook", "Runbook de rollback"},
		{"quelle est la procédure de rollback de web ?", "# Runbook de rollback", "Rollback runbook"},
		{"comment on revient en arrière sur api ?", "switch the load balancer back to blue", "Rollback runbook"},
	} {
		got := full(say(t, o, "alice", tt.text))
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.notWant) {
			t.Errorf("%q:\n%s\nwant %q, not %q", tt.text, got, tt.want, tt.notWant)
		}
	}
}
