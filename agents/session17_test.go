package agents_test

import (
	"strings"
	"testing"
	"time"

	"deploybot"
)

// TestGoAheadTypesTheOfferedOrder: after a cancel of a deployment that
// already ran, the bot offers the rollback in so many words; "go ahead"
// right after plans that rollback (to confirm, as any), "ok" does not.
func TestGoAheadTypesTheOfferedOrder(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	for _, v := range []string{"v2.0.0", "v2.0.1"} {
		say("alice", "deploy web "+v+" to staging --yes")
		say("alice", "deploy web "+v+" to production --yes")
		say("bob", "approve")
	}
	got := say("alice", "annule le déploiement du site")
	if !strings.Contains(got, "« rollback web production »") {
		t.Fatalf("no rollback offered after the cancel: %s", got)
	}
	if got := say("alice", "ok"); strings.Contains(got, "Rollback web") {
		t.Errorf("an ok planned the rollback: %s", got)
	}
	say("alice", "annule le déploiement du site")
	if got := say("alice", "vas-y"); !strings.Contains(got, "Rollback web") || !strings.Contains(got, "Répondez « oui »") {
		t.Errorf("vas-y after the offer: %s", got)
	}
}

// TestOrderForLaterIsNotScheduled: an order put off to a moment plans
// nothing and says how that moment fares; the same order now plans.
func TestOrderForLaterIsNotScheduled(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	for _, text := range []string{"deploy web v2.0.0 to staging tomorrow", "déploie le site v2.0.0 en recette le 24", "rollback web staging at 6pm"} {
		got := say("alice", text)
		if !strings.Contains(got, "schedule") && !strings.Contains(got, "programme pas") || strings.Contains(got, "Confirm") {
			t.Errorf("%q: %s", text, got)
		}
	}
	if got := say("alice", "deploy web v2.0.0 to staging"); !strings.Contains(got, "web v2.0.0 → staging") {
		t.Errorf("now: %s", got)
	}
}

// TestDecisionOnANamedRequester: "approve bob's web deploy" decides only
// on bob's request; another's waiting deployment of the project is not
// approved in its place.
func TestDecisionOnANamedRequester(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	say("alice", "deploy web v2.0.0 to staging --yes")
	if got := say("alice", "deploy web v2.0.0 to production --yes"); !strings.Contains(got, "approv") {
		t.Fatalf("no approval asked: %s", got)
	}
	if got := say("bob", "approve karim's web deploy"); !strings.Contains(got, "requested by karim") || strings.Contains(got, "approved by") {
		t.Errorf("another's request approved: %s", got)
	}
	if got := say("bob", "approve alice's web deploy"); !strings.Contains(got, "approved by bob") {
		t.Errorf("alice's request: %s", got)
	}
}

// TestDecisionOnANamedVersion: "approuve le site 2.6.0" when web 2.4.0
// waits approves nothing; the waiting version's own is approved.
func TestDecisionOnANamedVersion(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	say("alice", "deploy web v2.4.0 to staging --yes")
	say("alice", "deploy web v2.4.0 to production --yes")
	if got := say("bob", "approuve le site 2.6.0"); strings.Contains(got, "approuvé par bob") || strings.Contains(got, "approved by bob") || !strings.Contains(got, "2.6.0") {
		t.Errorf("another version approved: %s", got)
	}
	if got := say("bob", "approve web 2.4.0"); !strings.Contains(got, "approved by bob") && !strings.Contains(got, "approuvé par bob") {
		t.Errorf("its own version: %s", got)
	}
}

// TestRollbackToYesterdaysVersion: "reviens à la version d'hier" plans
// the version that ran at the end of yesterday, not the last good one.
func TestRollbackToYesterdaysVersion(t *testing.T) {
	o, db := langOrchestrator(t)
	say := sayer(t, o)
	svc := o.Deploys
	for i, v := range []string{"v1.0.0", "v1.1.0", "v1.2.0"} { // Wednesday, Thursday, Friday
		at := deploybot.FixedClock(wednesday.Add(time.Duration(i)*24*time.Hour + 90*time.Minute))
		o.Now, db.Now, svc.Now = at, at, at
		say("alice", "deploy web "+v+" to staging --yes")
	}
	got := say("alice", "reviens à la version d'hier sur le site en staging")
	if !strings.Contains(got, "web v1.1.0 → staging") {
		t.Errorf("yesterday's version: %s", got)
	}
	say("alice", "non")
	if got := say("alice", "rollback web staging to sunday's version"); !strings.Contains(got, "no version of web") && !strings.Contains(got, "v1.") {
		t.Errorf("a day with none: %s", got)
	}
}

// TestWindowQuestionForStaging: a question about staging's moment is
// not answered with production's windows or freeze.
func TestWindowQuestionForStaging(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	got := say("alice", "can I deploy web to staging next week?")
	if !strings.Contains(got, "no window or freeze on staging") {
		t.Errorf("staging: %s", got)
	}
	if got := say("alice", "can I deploy web to production on the 28th?"); !strings.Contains(got, "28") {
		t.Errorf("a day of the month: %s", got)
	}
}

// TestPendingListsOthersRequests: "pending" from someone who may approve
// none of the waiting deployments lists them with who asked (it said
// nothing waited while "approve" named one).
func TestPendingListsOthersRequests(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	say("alice", "deploy web v2.0.0 to staging --yes")
	say("alice", "deploy web v2.0.0 to production --yes")
	if got := say("dave", "pending"); !strings.Contains(got, "requested by alice") {
		t.Errorf("pending: %s", got)
	}
}

// TestRightsBeforeVersion: someone who may not deploy there is told so,
// with who may, before being asked which version (a new user answered
// the version, then was refused).
func TestRightsBeforeVersion(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	got := say("malik", "deploy web to production")
	if !strings.Contains(got, "malik may not deploy web to production (who may: alice, bob)") || strings.Contains(got, "Which version") {
		t.Errorf("rights first: %s", got)
	}
}

// TestDecisionOnAVersionOnly: "approve 2.6.0" when web 1.6.0 waits
// approves nothing; "approve 1.6.0" approves it.
func TestDecisionOnAVersionOnly(t *testing.T) {
	o, _ := langOrchestrator(t)
	say := sayer(t, o)
	say("alice", "deploy web v1.6.0 to staging --yes")
	say("alice", "deploy web v1.6.0 to production --yes")
	if got := say("bob", "approve 2.6.0"); strings.Contains(got, "approved by") {
		t.Errorf("another version approved: %s", got)
	}
	if got := say("bob", "approve 1.6.0"); !strings.Contains(got, "approved by bob") {
		t.Errorf("its version: %s", got)
	}
}
