package agents_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/agents"
	"deploybot/process"
	"deploybot/store"
)

// interrupted leaves in db a production deployment of api whose process
// is gone, as a crash leaves it, and lets the service settle it as
// interrupted: its outcome is for a person to say.
func interrupted(t *testing.T, o *agents.Orchestrator, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	h := process.Self()
	if h.BootID == "" {
		t.Skip("no /proc here: a dead holder cannot be told")
	}
	h.StartTime++ // this pid, another start: a process that is gone
	d := deploybot.Deployment{Project: "api", Env: "production", Version: "v3", Action: deploybot.ActionDeploy, Requester: "bob",
		State: deploybot.StateRequested}
	id, err := db.CreateDeployment(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	d.ID = id
	if err := db.MoveDeploymentLeased(ctx, &d, deploybot.StateApproved, "bob", "", h, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AcquireLock(ctx, deploybot.Lock{Project: "api", Env: "production", Holder: fmt.Sprintf("deployment #%d", id), DeploymentID: id}, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.MoveDeployment(ctx, &d, deploybot.StateRunning, "bob", ""); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordRun(ctx, id, "run-x"); err != nil {
		t.Fatal(err)
	}
	o.Deploys.Self, o.Deploys.Gone = process.Self(), process.Gone
	if _, err := o.Deploys.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if err := o.Deploys.Settle(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Deployment(ctx, id); got.State != deploybot.StateInterrupted {
		t.Fatalf("the crashed deployment is %s, want interrupted", got.State)
	}
	return id
}

// TestOutcomeAsked: "outcome 1" without its verdict asks succeeded or
// failed, and the next message is the verdict with what the person saw,
// in both languages. An answer that says neither records nothing, and a
// new command in its place is read as itself.
func TestOutcomeAsked(t *testing.T) {
	for _, tc := range []struct {
		name  string
		turns []turn
		want  deploybot.DeployState
	}{
		{"en", []turn{
			{"outcome 1", "Deployment #1: succeeded or failed?"},
			{"succeeded: v3 answers", "Outcome of deployment #1 recorded: succeeded"},
		}, deploybot.StateSucceeded},
		{"fr", []turn{
			{"issue du déploiement 1", "Déploiement #1 : réussi ou échoué ?"},
			{"échoué, la page est blanche", "Issue du déploiement #1 enregistrée : échoué"},
		}, deploybot.StateFailed},
		{"not sure yet", []turn{
			{"outcome 1", "succeeded or failed?"},
			{"not sure yet, still checking", "not sure"},
			{"failed - 502 on checkout", "recorded: failed"},
		}, deploybot.StateFailed},
		{"another command instead", []turn{
			{"outcome 1", "succeeded or failed?"},
			{"status", "api"},
			{"succeeded", "not sure"}, // the question was not asked any more: nothing recorded
		}, deploybot.StateInterrupted},
		{"no such deployment", []turn{
			{"outcome 42", "no deployment #42"},
			{"succeeded: fine", "not sure"},
		}, deploybot.StateInterrupted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, db := langOrchestrator(t)
			id := interrupted(t, o, db)
			for _, tn := range tc.turns {
				if got := full(say(t, o, "alice", tn.text)); !strings.Contains(got, tn.want) {
					t.Fatalf("%q:\n%s\nwant %q", tn.text, got, tn.want)
				}
			}
			if got, _ := db.Deployment(context.Background(), id); got.State != tc.want {
				t.Errorf("deployment #%d is %s, want %s", id, got.State, tc.want)
			}
		})
	}
}
