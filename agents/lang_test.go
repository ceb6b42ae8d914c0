package agents_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"deploybot"
	"deploybot/agents"
	"deploybot/deploy"
	"deploybot/policy"
	"deploybot/store"
)

// langOrchestrator wires an orchestrator with a deploy service on a real
// store, as the chat runs it.
func langOrchestrator(t *testing.T) (*agents.Orchestrator, *store.DB) {
	t.Helper()
	o, db := newOrchestrator(t, t.TempDir())
	o.Reminders = db
	eleven := deploybot.FixedClock(wednesday.Add(90 * time.Minute)) // inside the recommended window
	o.Now, db.Now = eleven, eleven
	targets := map[string]deploy.Target{}
	for _, p := range projects {
		for _, env := range []string{"staging", "production"} {
			tg := deploy.Target{Project: p.Name, Env: env, Production: env == "production", StagingEnv: "staging",
				StagingFirst: true, Strategy: deploybot.StrategyRolling, Executor: fuzzExecutor{}, LockAfterRollback: true,
				Deployers: []string{"alice", "bob"}}
			if tg.Production {
				tg.Approval, tg.Approvers, tg.ForceRoles = policy.ApprovalFourEyes, []string{"bob", "carol"}, []string{"alice"}
			}
			targets[p.Name+"/"+env] = tg
		}
	}
	svc := &deploy.Service{Store: db, Now: eleven, Admins: []string{"alice"},
		WaitTimeout: time.Millisecond, LockPoll: time.Millisecond,
		Targets: func(_ context.Context, project, env string) (deploy.Target, error) {
			tg, ok := targets[project+"/"+env]
			if !ok {
				return deploy.Target{}, deploybot.Errorf2(deploybot.ENOTFOUND, "pas d'environnement %s pour %s", "no environment %s for %s", env, project)
			}
			return tg, nil
		},
		Calendar: deploy.WithChatFreezes(o.Calendar, db, nil),
	}
	t.Cleanup(func() { svc.Close() })
	o.Deploys = svc
	return o, db
}

// Words and typography of the other language.
var (
	englishWords = wordSet("the is was and not by of with none yes no succeeded failed running cancelled requested approved " +
		"rejected waiting locked every nothing since until from deploy deployment unknown known")
	frenchWords  = wordSet("le la les des du est pas aucun aucune oui non réussi échoué depuis jusqu projet déploiement")
	englishColon = regexp.MustCompile(`\p{L}: `)
	frenchMarks  = regexp.MustCompile(` : |« | »|[éèàùç]`)
	letters      = regexp.MustCompile(`\p{L}+`)
	asWritten    = regexp.MustCompile("`[^`]*`|\"[^\"]*\"|« [^»]* »|https?://\\S+|--\\w+|\\b(?:feat|fix|perf): ")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range regexp.MustCompile(`\s+`).Split(s, -1) {
		m[w] = true
	}
	return m
}

// shown is a reply as a person reads it, its fields with the colon of its
// language.
func shown(r deploybot.Reply) string {
	out := r.Title + "\n" + r.Text + "\n"
	for _, f := range r.Fields {
		out += f.Label + r.Lang.Pick(" : ", ": ") + f.Value + "\n"
	}
	return out + r.Note
}

// foreign returns the words or marks of the other language in text, once
// what is not language is set aside: commands to type and quoted text.
func foreign(l deploybot.Lang, text string) []string {
	text = asWritten.ReplaceAllString(text, "")
	var out []string
	if l == deploybot.English {
		out = frenchMarks.FindAllString(text, -1)
	} else {
		out = englishColon.FindAllString(text, -1)
	}
	other := englishWords
	if l == deploybot.English {
		other = frenchWords
	}
	for _, w := range letters.FindAllString(text, -1) {
		if other[w] {
			out = append(out, w)
		}
	}
	return out
}

// TestRepliesInOneLanguage runs conversations through every command, in
// French and in English, and checks that no reply mixes in the other
// language's words or typography: errors, stored values, states and plans
// follow the writer's language.
func TestRepliesInOneLanguage(t *testing.T) {
	convs := map[deploybot.Lang][]string{
		deploybot.French: {
			"déploie api v1.0.0 en staging", "oui", "déploie api v1.1.0 en staging --yes", "statut", "statut api",
			"qu'est-ce qui tourne en prod ?", "historique api", "déploie api v1.1.0 en prod", "oui", "en attente",
			"approuve", "rollback api staging", "non", "lock web production : incident en cours", "liste les verrous",
			"unlock web production : corrigé", "gel de la prod du 20/12 au 03/01 : fin d'année", "liste des gels", "dégel",
			"liste les projets", "liste les environnements", "contexte du projet api", "pour le projet api, la stratégie est canary",
			"pour le projet api, le staging d'abord est non", "reset stratégie pour api", "audit api", "diff api staging production",
			"passe en prod ce qui est en staging pour web", "exercice de rollback sur api", "non", "runbook api",
			"rappelle à #deploys chaque mardi à 9h30 de vérifier le staging", "liste les rappels", "supprime le rappel 1",
			"qui approuve la prod de api ?", "je peux déployer vendredi à 17h ?", "quelle est la checklist avant une mise en prod ?",
			"déploie frobnicator v1.0.0 en staging", "déploie api v1;rm en staging", "déploie api v9.9.9 en prod",
			"aide", "merci", "qsdfghjkl", "dora",
		},
		deploybot.English: {
			"deploy api v1.0.0 to staging", "yes", "deploy api v1.1.0 to staging --yes", "status", "status api",
			"what's in prod?", "history api", "deploy api v1.1.0 to production", "yes", "pending",
			"approve", "rollback api staging", "no", "lock web production: incident in progress", "list locks",
			"unlock web production: fixed", "freeze production from 20/12 to 03/01: end of year", "list freezes", "unfreeze",
			"list projects", "list environments", "show context for api", "set api strategy to canary",
			"set api staging first to no", "reset strategy for api", "audit api", "diff api staging production",
			"promote web", "drill api", "no", "runbook api",
			"remind #deploys every tuesday at 9:30 to check staging", "list reminders", "delete reminder 1",
			"who approves production for api?", "can I deploy on Friday at 5pm?", "what's on the pre-deploy checklist?",
			"deploy frobnicator v1.0.0 to staging", "deploy api v1;rm to staging", "deploy api v9.9.9 to production",
			"help", "thanks", "asdfghjkl", "dora",
		},
	}
	for lang, lines := range convs {
		t.Run(string(lang), func(t *testing.T) {
			o, _ := langOrchestrator(t)
			for _, text := range lines {
				r, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c-" + string(lang),
					User: "alice", Text: text, At: wednesday})
				if err != nil {
					t.Fatalf("%q: %v", text, err)
				}
				if err := o.Settle(context.Background()); err != nil {
					t.Fatal(err)
				}
				if r.Lang != lang {
					t.Errorf("%q: reply in %q, want %q:\n%s", text, r.Lang, lang, full(r))
					continue
				}
				if bad := foreign(lang, shown(r)); len(bad) > 0 {
					t.Errorf("%q: reply mixes in %q:\n%s", text, bad, shown(r))
				}
			}
		})
	}
}

// TestRepliesInOneLanguageAcrossPeople runs a French conversation where
// several people deploy, approve, refuse, roll back, drill, freeze and
// ask: every reply stays in French, the command names they type included
// ("promote api", "diff …").
func TestRepliesInOneLanguageAcrossPeople(t *testing.T) {
	o, _ := langOrchestrator(t)
	for _, step := range [][2]string{
		{"alice", "déploie api v1.0.0 en staging --yes"}, {"alice", "déploie api v1.1.0 en staging --yes"},
		{"alice", "déploie api v1.1.0 en prod"}, {"alice", "oui"}, {"bob", "en attente"}, {"bob", "refuse 3 : pas maintenant"},
		{"alice", "déploie api v1.1.0 en prod --yes"}, {"carol", "approuve 4"}, {"alice", "rollback api prod"}, {"alice", "oui"},
		{"alice", "statut"}, {"alice", "liste les verrous"}, {"alice", "déverrouille api production : réparé"},
		{"alice", "exercice de rollback sur api"}, {"alice", "oui"}, {"alice", "statut api staging"},
		{"alice", "configure le projet web"}, {"alice", "passer"}, {"alice", "stop"}, {"alice", "gèle tout : incident"},
		{"alice", "déploie web v2 en staging"}, {"alice", "dégel"}, {"alice", "rappelle à #deploys de vérifier le staging"},
		{"alice", "diff api staging production"}, {"alice", "promote api"}, {"alice", "non"},
		{"alice", "qui a changé la stratégie de api ?"}, {"alice", "qu'est-ce qui a changé cette semaine ?"},
		{"alice", "c'est quoi le canary ?"}, {"alice", "blue-green ou canary pour web ?"},
		{"alice", "comment j'envoie la notification de mise en prod ?"}, {"alice", "quelle est la procédure de rollback de api ?"},
	} {
		r, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c", User: step[0], Text: step[1], At: wednesday})
		if err != nil {
			t.Fatalf("%q: %v", step[1], err)
		}
		if err := o.Settle(context.Background()); err != nil {
			t.Fatal(err)
		}
		if bad := foreign(deploybot.French, shown(r)); r.Lang != deploybot.French || len(bad) > 0 {
			t.Errorf("%s> %q: reply in %s mixes in %q:\n%s", step[0], step[1], r.Lang, bad, shown(r))
		}
	}
}

// TestLanguageSwitchedMidConversation: a French question after an English
// one is answered in French ("comment on fait un rollback ?" was a tie of
// markers, "un" against "on", and took the conversation's English).
func TestLanguageSwitchedMidConversation(t *testing.T) {
	o, _ := langOrchestrator(t)
	for _, tt := range []struct {
		text string
		want deploybot.Lang
	}{
		{"how do I roll back in prod?", deploybot.English},
		{"comment on fait un rollback ?", deploybot.French},
		{"rollback web on staging", deploybot.English},
	} {
		r, err := o.Handle(context.Background(), deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: "c", User: "alice",
			Text: tt.text, At: wednesday})
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		if r.Lang != tt.want {
			t.Errorf("%q: reply in %q, want %q:\n%s", tt.text, r.Lang, tt.want, full(r))
		}
	}
}
