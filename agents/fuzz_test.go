package agents_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"deploybot"
	"deploybot/deploy"
	"deploybot/policy"
)

// fuzzExecutor is an executor that succeeds at once.
type fuzzExecutor struct{}

func (fuzzExecutor) Execute(_ context.Context, d deploybot.Deployment) (deploybot.ExecResult, error) {
	return deploybot.ExecResult{Ref: fmt.Sprintf("run-%d", d.ID)}, nil
}

// FuzzChatCommand sends arbitrary text to the orchestrator from one user,
// with the context, interview, reminder and deployment commands wired on a
// real store: no input panics or ends in an internal error, and every reply
// is valid UTF-8, in French or English. Each message comes in a channel of its own, so
// that an interview or a plan one input starts does not capture the next;
// what is global (freezes, locks, reminders) stays, as in real use.
func FuzzChatCommand(f *testing.F) {
	for _, s := range []string{
		"", "help", "aide", "deploy api v1.2.3 to staging", "déploie api en prod --yes", "deploy api --help to staging",
		"deploy api v1/../../etc to staging", `deploy api v1.2.0 to production --force "client demo"`, "deploy web staging --wait",
		"rollback api prod", "reviens à la version d'avant sur api", "roll back api to v1.0.0", "yes", "oui", "non", "approve",
		"approve 1", "deny 1 nope", "cancel 1", "confirm 1", "tick 1 tests review", "pending", "status", "status api",
		"history api production", "qu'est-ce qui tourne en prod ?", "lock api production: incident", "unlock api production: fixed",
		"unlock api production --force \"gone\"", "gel de la prod du 20/12 au 03/01 : fin d'année", "freeze all: incident", "unfreeze",
		"list freezes", "quels gels ?", "contexte du projet api", "show context for web", "set api strategy to canary",
		"pour le projet api, la stratégie est canary", "configure le projet api", "onboard project web", "stop", "passer",
		"rappelle à #deploys chaque mardi à 9h30 de vérifier le staging", "list reminders", "supprime le rappel 1",
		"je peux déployer vendredi à 17h ?", "can I deploy now?", "blue-green ou canary pour api ?", "outcome 1 succeeded \"ok\"",
		"diff api staging production", "promote api", "audit api", "dora", "drill api", "runbook api", "reset strategy for api",
		"deploy api\x00 v1.2.3\xff to prod", "<@U123> deploy api", ":rocket:", "#1", "approve #999999999999999999999",
		strings.Repeat("déploie api en prod ", 50),
	} {
		f.Add(s)
	}
	o, db := newOrchestrator(f, f.TempDir())
	o.Reminders = db
	exec := fuzzExecutor{}
	targets := map[string]deploy.Target{}
	for _, p := range projects {
		for _, env := range []string{"staging", "production"} {
			tg := deploy.Target{Project: p.Name, Env: env, Production: env == "production", StagingEnv: "staging",
				StagingFirst: true, Strategy: deploybot.StrategyRolling, Executor: exec, LockAfterRollback: true}
			if tg.Production {
				tg.Approval, tg.Approvers = policy.ApprovalFourEyes, []string{"bob", "carol"}
			}
			targets[p.Name+"/"+env] = tg
		}
	}
	svc := &deploy.Service{
		Store: db, Now: deploybot.FixedClock(wednesday), Admins: []string{"alice"},
		// A --wait request gives up at once: the fuzzer does not wait for locks.
		WaitTimeout: time.Millisecond, LockPoll: time.Millisecond,
		Targets: func(_ context.Context, project, env string) (deploy.Target, error) {
			tg, ok := targets[project+"/"+env]
			if !ok {
				return deploy.Target{}, deploybot.Errorf(deploybot.ENOTFOUND, "no environment %s for %s", env, project)
			}
			return tg, nil
		},
		Calendar: deploy.WithChatFreezes(o.Calendar, db, nil),
	}
	f.Cleanup(func() { svc.Close() })
	o.Deploys = svc
	n := 0
	f.Fuzz(func(t *testing.T, text string) {
		n++
		msg := deploybot.Message{Platform: deploybot.PlatformTerminal, Channel: fmt.Sprintf("c%d", n), User: "alice", Text: text, At: wednesday}
		r, err := o.Handle(context.Background(), msg)
		if err != nil {
			t.Fatalf("Handle(%q): internal error: %v", text, err)
		}
		if r.Lang != deploybot.French && r.Lang != deploybot.English {
			t.Fatalf("Handle(%q): reply in %q", text, r.Lang)
		}
		if !utf8.ValidString(r.Title + r.Text + r.Note) {
			t.Fatalf("Handle(%q): the reply is not valid UTF-8: %q", text, r.Title+r.Text+r.Note)
		}
	})
}
