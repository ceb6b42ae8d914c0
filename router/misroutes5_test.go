package router_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"deploybot"
	"deploybot/router"
)

// brief writes what a request asks in one line, for tables of expected
// readings: "command cancel id=17", "action deploy app=web env=production
// version=v5.0.0", "question rollback", "smalltalk", "unknown".
func brief(req deploybot.Request) string {
	var b []string
	switch req.Kind {
	case deploybot.KindCommand:
		b = append(b, "command", string(req.Command))
	case deploybot.KindAction:
		b = append(b, "action", string(req.Intent.Intent))
	case deploybot.KindQuestion:
		b = append(b, "question", string(req.Route))
	default:
		return string(req.Kind)
	}
	for _, kv := range [][2]string{{"app", req.App}, {"env", req.Env}, {"version", req.Version}, {"from", req.From}, {"bad", badOfAction(req)}} {
		if kv[1] != "" {
			b = append(b, kv[0]+"="+kv[1])
		}
	}
	var args []string
	for k, v := range req.Args {
		if k == "said" {
			continue // how an order was said (terse), not a slot: TestSession24Terse reads it
		}
		args = append(args, k+"="+v)
	}
	slices.Sort(args)
	return strings.Join(append(b, args...), " ")
}

// badOfAction is the malformed version an action names: the agents refuse
// the action for it.
func badOfAction(req deploybot.Request) string {
	if req.Kind != deploybot.KindAction {
		return ""
	}
	return req.BadVersion
}

// checkReadings parses each message (with its history) and compares its
// brief with the one expected, with the example configuration's projects.
func checkReadings(t *testing.T, tests []reading) {
	t.Helper()
	checkReadingsOf(t, exampleProjects, tests)
}

// checkReadingsOf is checkReadings with the given projects.
func checkReadingsOf(t *testing.T, projects []deploybot.Project, tests []reading) {
	t.Helper()
	r, err := router.New(projects)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if got := brief(r.Parse(context.Background(), tt.text, tt.history)); got != tt.want {
			t.Errorf("%q %q:\n got  %s\n want %s", tt.text, tt.history, got, tt.want)
		}
	}
}

// changesSomething reports whether a request would change something: an
// action, or a consequential command that is not an answer declining a
// plan.
func changesSomething(req deploybot.Request) bool {
	switch req.Kind {
	case deploybot.KindAction:
		return true
	case deploybot.KindCommand:
		switch req.Command {
		case deploybot.CmdConfirm, deploybot.CmdCancel, deploybot.CmdApprove, deploybot.CmdDeny, deploybot.CmdLock,
			deploybot.CmdUnlock, deploybot.CmdFreeze, deploybot.CmdUnfreeze, deploybot.CmdTick, deploybot.CmdOutcome,
			deploybot.CmdReset:
			return req.Arg("decline") == ""
		}
	}
	return false
}

type reading struct {
	text    string
	history []string
	want    string
}

// planFr is a French deploy plan waiting for its confirmation.
var planFr = []string{"déploie web 3.2.0 en prod", "Déployer web 3.2.0 → production (#41)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}

// TestSession5Readings holds messages read wrongly at the start of session
// 5 in holdout8, holdout10 and holdout11 once read (in other words than
// theirs): small talk, stems that only look like an action ("good" is no
// "go"), a yes said "c'est bon", a stop by id, lists asked in sentences.
func TestSession5Readings(t *testing.T) {
	checkReadings(t, []reading{
		{"we're good on staging, deploy api 2.0.0 to production", nil, "action deploy app=api env=production version=2.0.0"},
		{"all good in preprod, ship web 1.4.0 to prod", nil, "action deploy app=web env=production version=1.4.0"},
		{"merci pour le correctif, tu gères", nil, "smalltalk"},
		{"thanks for the rollback, you saved my evening", nil, "smalltalk"},
		{"bonne année à tous", nil, "smalltalk"},
		{"wesh la team", nil, "smalltalk"},
		{"good night everyone", nil, "smalltalk"},
		{"cheers, it worked", nil, "smalltalk"},
		{"c bon", planFr, "command confirm id=41"},
		{"c'est ok pour moi", planFr, "command confirm id=41"},
		{"c'est pas bon", planFr, "unknown"},
		{"oui, tout est vert", planFr, "command confirm id=41"},
		{"yes, the checklist is done", planFr, "command confirm id=41"},
		{"yes, checklist not done", planFr, "question orchestrator"},
		{"stop 23", nil, "command cancel id=23"},
		{"arrête le 23, mauvaise branche", nil, "command cancel id=23 reason=mauvaise branche"},
		{"yes, go ahead with #30", nil, "command confirm id=30"},
		{"y a un gel en ce moment ?", nil, "command list what=freezes"},
		{"any freeze planned before the holidays?", nil, "command list what=freezes"},
		{"qu'est-ce qui est gelé en ce moment ?", nil, "command list what=freezes"},
		{"what's a freeze, exactly?", nil, "question orchestrator"},
		{"best bot ever, thanks", nil, "smalltalk"},
		{"what's configured for web?", nil, "command context app=web what=show"},
		{"what can you do for me?", nil, "command help"},
	})
}

// TestOrdersNotGivenSession5 holds, in other words than the attacker's,
// the ways around the gate of hedge.go that a second review found
// (session 5): none of these messages may change anything.
func TestOrdersNotGivenSession5(t *testing.T) {
	checkNoOrders(t, nil, []string{
		// negations and prohibitions
		"no need to unlock web staging", "plus besoin de débloquer le site", "inutile de valider le 31", "pas la peine d'annuler le 8",
		"no rollback of web in production today", "pas de rollback du site en prod", "aucune MEP du front aujourd'hui",
		"avoid unlocking production this week", "évitez de déployer le site en prod", "stop rolling back web, it's fine",
		"arrête de déployer le front en recette", "interdiction de dégeler la prod", "hors de question d'approuver le 9",
		"I refuse to approve 9", "no point deploying web to staging", "nobody unlock web production",
		// conditions and moments to come
		"as soon as the build is green, approve 31", "dès que la recette valide, confirme le 31", "when QA is done, ship web 3.0.0 to prod",
		"confirm 31 once the migration ends", "valide le 31 quand Paul est là", "approve 31 but only after the demo",
		"unlock web staging at 7pm", "débloque le site en prod à 20h", "dégèle la prod mardi", "approve 31 in two hours",
		"ship web 3.0.0 to prod, but not before thursday", "au cas où, rollback web en prod",
		// tenses and other speakers
		"we approved 31 this morning", "j'ai annulé le 31 tout à l'heure", "web was rolled back in production", "on a débloqué la prod hier",
		"Paul approved 31", "Marc will unlock web staging", "someone cancel 31 please", "qui peut valider le 31 ?",
		"tomorrow we'll ship web to prod", "on rollbackera le site demain", "we could unlock web production", "I guess approve 31",
		// addressed to others, quoted, documented, linked
		"@paul approve 31 please", "@julie déploie le site en recette", "Paul, approve 31", "to unlock, type unlock web production",
		"the bot command is `approve 31`", "he pasted ```approve 31``` in the wrong channel", "see https://ci.example.com/unlock/web/production",
		"wrong channel, sorry: approve 31", "> unlock web production", "e.g. cancel 31",
		// taken back, mocked, listed, asked
		"approve 31. actually, no", "débloque la prod. non, laisse tomber", "cancel 31 (kidding)", "unlock web production 😂",
		"approve 31 ❌", "1. ship web to staging\n2. smoke tests\n3. ship web to prod", "did you unlock web production?",
		"tu as validé le 31 ?", "approve 31 or wait for QA?", "rollback web prod ou pas ?",
	})
}

// checkNoOrders parses each text after history with the example
// projects and fails for each one that would change something.
func checkNoOrders(t *testing.T, history []string, texts []string) {
	t.Helper()
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		if got := r.Parse(context.Background(), text, history); changesSomething(got) {
			t.Errorf("%q after %q: read as %s", text, history, brief(got))
		}
	}
}

// TestOrdersStillGivenSession5 checks that the wider gate keeps the orders
// said after a context, a fact told in the past, a label or a polite
// wish, and that a deploy option said not to be used is not set.
func TestOrdersStillGivenSession5(t *testing.T) {
	checkReadings(t, []reading{
		{"la recette est validée par Julie. déploie web 3.1.0 en prod", nil, "action deploy app=web env=production version=3.1.0"},
		{"QA approved it yesterday, please ship web 3.1.0 to production", nil, "action deploy app=web env=production version=3.1.0"},
		{"fyi: the client signed off, deploy web 3.1.0 to production now", nil, "action deploy app=web env=production version=3.1.0"},
		{"it broke after this morning's release, roll back web in production", nil, "action rollback app=web env=production"},
		{"il me faudrait le site en recette pour la démo", nil, "action deploy app=web env=staging"},
		{"c'est validé pour moi, tu peux confirmer le 31", nil, "command confirm id=31"},
		{"can someone lock web production? the migration starts", nil, "command lock app=web env=production"},
		{"freeze web production until the client's go", nil, "command freeze app=web env=production"},
	})
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Parse(context.Background(), "no, deny 31 until the load test passes", nil); got.Command != deploybot.CmdDeny || got.Arg("id") != "31" {
		t.Errorf("a refusal with a condition: %s", brief(got))
	}
	for _, text := range []string{"deploy web 3.1.0 to production without --force", "ship web 3.1.0 to prod (don't use --yes)",
		"déploie web 3.1.0 en prod sans --force"} {
		got := r.Parse(context.Background(), text, nil)
		if got.Kind != deploybot.KindAction || got.Force || got.Yes || got.Version != "3.1.0" {
			t.Errorf("%q: %s force=%v yes=%v", text, brief(got), got.Force, got.Yes)
		}
	}
}

// TestHandOffsNameTheirSubject checks that a question goes to devops or
// technical leadership only when it names what they own (scripts,
// servers, tools; agency-wide rules), and otherwise to the deployment
// route it is about (session 5: "how do I deploy api to staging?" went to
// devops, "who signs off QA on staging?" to technical leadership).
func TestHandOffsNameTheirSubject(t *testing.T) {
	checkReadings(t, []reading{
		{"how would I ship the web project to preprod the first time?", nil, "question staging"},
		{"comment on fait pour pousser le site en recette, c'est ma première fois", nil, "question staging"},
		{"who checks the build on preprod before it goes out, QA or me?", nil, "question staging"},
		{"can you write a bash script that deploys web to our VPS?", nil, "question devops"},
		{"il faut un nouveau serveur pour la recette du site, qui s'en occupe ?", nil, "question devops"},
		{"on devrait avoir une règle commune à toute l'agence pour les MEP du vendredi", nil, "question direction-technique"},
		{"who decides the deployment policy for all our client projects?", nil, "question direction-technique"},
	})
}

// TestCommandsAndOrdersAfterAContext holds session 5's readings of
// commands and orders said after something else (other words than the
// sets'): a freeze whose reason names an audit, the agency's context, a
// questionnaire resumed, locks asked "comme", an order opened by an
// apology, a question of which way is best.
func TestCommandsAndOrdersAfterAContext(t *testing.T) {
	checkReadings(t, []reading{
		{"on gèle le front en recette : audit RGPD", nil, "command freeze app=web env=staging reason=audit RGPD"},
		{"lock web production, audit in progress", nil, "command lock app=web env=production reason=audit in progress"},
		{"le contexte de l'agence stp", nil, "command context scope=agency what=show"},
		{"on reprend le questionnaire du projet web ?", nil, "command interview app=web scope=project"},
		{"il y a quoi comme gels cette semaine ?", nil, "command list what=freezes"},
		{"prod is down since the release, sorry, revert web in production", nil, "action rollback app=web env=production"},
		{"revert web en prod ou hotfix, c'est quoi le mieux", nil, "question rollback"},
	})
}

// TestWhenToDeployIsAWindowsQuestion: asking when to deploy is the
// orchestrator's question of windows, with the moment when one is named;
// the agency's rule on windows stays technical leadership's.
func TestWhenToDeployIsAWindowsQuestion(t *testing.T) {
	checkReadings(t, []reading{
		{"is this a bad time to ship web to production?", nil, "question orchestrator"},
		{"c'est un bon moment pour pousser le site en prod ?", nil, "question orchestrator"},
		{"quel créneau tu me conseilles pour la MEP du front ?", nil, "question orchestrator"},
		{"who defines the agency's deployment windows for every client?", nil, "question direction-technique"},
		{"can we agree on an official agency policy for weekend deploys?", nil, "question direction-technique"},
		{"c'est quoi la procédure de rollback du site ?", nil, "question rollback"},
	})
}

// TestPromotionsSaidInOtherWords: the version already on an environment
// shipped to another, said with "same", "currently", a validation on the
// source, or "MEP" as the target.
func TestPromotionsSaidInOtherWords(t *testing.T) {
	checkReadings(t, []reading{
		{"preprod is fine, ship that same web build to production", nil, "action deploy app=web env=production from=staging"},
		{"on passe en prod la même version que la recette pour le site", nil, "action deploy app=web env=production from=staging"},
		{"push the web version currently on staging to live", nil, "action deploy app=web env=production from=staging"},
		{"MEP du front avec ce qui est actuellement en recette", nil, "action deploy app=web env=production from=staging"},
		{"web was validated on staging, it can go live", nil, "action deploy app=web env=production from=staging"},
		{"deploy web 3.1.0 to production, same as on staging", nil, "action deploy app=web env=production version=3.1.0"},
	})
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Parse(context.Background(), "how do I ship the same build from staging to prod?", nil); got.Kind != deploybot.KindQuestion {
		t.Errorf("a how-to about promoting: %s", brief(got))
	}
}

// TestTalkWithoutAnOrderHasItsTopic: talk that gives no order is a
// question of its order's topic (SCHEMA.md): a decision, lock or freeze
// the orchestrator's, going back the rollback's, a deploy its
// environment's.
func TestTalkWithoutAnOrderHasItsTopic(t *testing.T) {
	checkReadings(t, []reading{
		{"I won't approve 40 before the security review", nil, "question orchestrator"},
		{"on a gelé la prod la semaine dernière pour les soldes", nil, "question orchestrator"},
		{"Julie rolled back web yesterday, all quiet since", nil, "question rollback"},
		{"Paul will ship web to staging tomorrow morning", nil, "question staging"},
		{"@julie tu peux valider le 40 quand tu as un moment ?", nil, "question orchestrator"},
	})
}

// TestHoldout12Readings holds, in other words, what holdout12 showed once
// read (session 5): a reset that names its project resets that project's
// setting, never the agency's; history asked with a count; a deploy said
// by its noun is no rollback; a report after a rollback's word, a
// participle after "a", a refusal whose reason says "pas de".
func TestHoldout12Readings(t *testing.T) {
	checkReadings(t, []reading{
		{"reset web approval", nil, "command reset app=web key=approval scope=project"},
		{"reset api staging strategy", nil, "command reset app=api env=staging key=strategy scope=environment"},
		{"reset strategy", nil, "command reset key=strategy scope=agency"},
		{"show the last 5 deploys of web", nil, "command history app=web"},
		{"les 3 derniers déploiements de l'api en prod", nil, "command history app=api env=production"},
		{"un déploiement stp", nil, "action deploy"},
		{"revert done on api staging, thanks", nil, "question rollback"},
		{"Marc a livré le front en recette, c'est la 4.0.0", nil, "question staging"},
		{"deny 71 pas de MEP un vendredi", nil, "command deny id=71 reason=pas de MEP un vendredi"},
		{"reviens en arrière sur le site, la 4.1.0 fait planter le panier", nil, "action rollback app=web"},
		{"web's error rate is at 5% since the release, roll back production now", nil, "action rollback app=web env=production"},
		{"web's latency looks bad", nil, "question orchestrator"},
		{"same version as preprod, but in production, for web please", nil, "action deploy app=web env=production from=staging"},
		{"deploye web 5.0.2 sur staging", nil, "action deploy app=web env=staging version=5.0.2"},
		{"list the approvers for web production", nil, "command context app=web env=production what=approvers"},
		{"liste des demandes en attente", nil, "command pending"},
		{"could you deploy the site?", nil, "action deploy app=web"},
		{"web", []string{"what's the rollback procedure?", "For which project: api or web?"}, "question rollback"},
		{"could you deploy the site next friday?", nil, "question production"},
		{"please don't unlock web production before the audit is over", nil, "question orchestrator"},
	})
}

// TestRealOrdersStillGiven holds, in other words, the real orders a
// usability review found refused by the wider gate or misread (session 5):
// a condition or "not sure" in a later clause is a reason's, "when you
// can" is politeness, Slack's markup around a version, a redeploy, an
// order before its incident, a promotion said "de staging à production",
// "tu pourrais…", a request before its question mark.
func TestRealOrdersStillGiven(t *testing.T) {
	checkReadings(t, []reading{
		{"rollback api production, if anyone asks it was me", nil, "action rollback app=api env=production"},
		{"approuve le 44. Si ça plante, on revient en arrière.", nil, "command approve id=44"},
		{"ship web 5.0.1 to staging, not sure it fixes the bug but QA needs it", nil, "action deploy app=web env=staging version=5.0.1"},
		{"deploy web 5.0.1 to staging when you can", nil, "action deploy app=web env=staging version=5.0.1"},
		{"déploie le site 5.0.1 en recette quand tu peux", nil, "action deploy app=web env=staging version=5.0.1"},
		{"deploy **web 5.0.1** to *staging*", nil, "action deploy app=web env=staging version=5.0.1"},
		{"ship web `5.0.1` to staging", nil, "action deploy app=web env=staging version=5.0.1"},
		{"deploy web 5.0.1 -> staging", nil, "action deploy app=web env=staging version=5.0.1"},
		{"redeploy web 5.0.1 on staging, the runner died halfway", nil, "action deploy app=web env=staging version=5.0.1"},
		{"fais un rollback du site en prod, le panier est cassé", nil, "action rollback app=web env=production"},
		{"déploie le site 5.0.1 en recette ; si ça casse je reviens en arrière", nil, "action deploy app=web env=staging version=5.0.1"},
		{"passe le site de staging à production, c'est validé", nil, "action deploy app=web env=production from=staging"},
		{"tu pourrais déployer le site 5.0.1 en recette ?", nil, "action deploy app=web env=staging version=5.0.1"},
		{"peux-tu faire un rollback du site en prod ? le panier plante", nil, "action rollback app=web env=production"},
		{"la recette est validée, promeus le site en prod", nil, "action deploy app=web env=production from=staging"},
		{"la préprod est validée, envoie-la en prod pour le site", nil, "action deploy app=web env=production from=staging"},
	})
	r, err := router.New(exampleProjects)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"deploy web v1;rm to staging", "deploy web $(id) to staging", "deploy web v1`id` to prod"} {
		if got := r.Parse(context.Background(), text, nil); got.Kind == deploybot.KindAction && got.Arg("unsafe") == "" && got.BadVersion == "" {
			t.Errorf("%q: shell syntax not refused: %s", text, brief(got))
		}
	}
}
