package router_test

import "testing"

// TestSession7Readings holds, in other words than the evaluation sets',
// the readings session 7 fixed from routing_holdout15's misses.
func TestSession7Readings(t *testing.T) {
	waitsEn := []string{"deploy web 4.0.0 to production", `Confirmed: deploy web 4.0.0 → production (#31) waits for an approval. An approver answers "approve 31" (or "deny 31").`}
	waitsFr := []string{"MEP du front en 4.0.0", "Confirmé : déploiement web 4.0.0 → production (#33) attend une approbation. Un approbateur répond « approuve 33 » (ou « refuse 33 »)."}
	checkReadings(t, []reading{
		// The interview started by the name of what it configures.
		{"démarre le paramétrage de l'agence", nil, "command interview scope=agency"},
		{"begin the setup for the site", nil, "command interview app=web scope=project"},
		// The settings asked of a project named before "its".
		{"show me the site's context, all of its settings", nil, "command context app=web what=show"},
		// Release notes are the notification's text, no release.
		{"les notes de version pour le site stp", nil, "question orchestrator"},
		{"release notes format?", nil, "question orchestrator"},
		{"ship web 4.0.0 to staging and write the release notes", nil, "action deploy app=web env=staging version=4.0.0"},
		// A freeze said in a sentence keeps its dates.
		{"on gèle l'api du 20/12/2026 au 02/01/2027, congés", nil, "command freeze app=api dates=20/12/2026 02/01/2027 from=2026-12-20 reason=congés to=2027-01-02"},
		// Two environments compared in words are a diff; two strategies
		// compared are not, whatever project is named.
		{"quels écarts entre preprod et prod sur le front ?", nil, "command diff app=web a=staging b=production"},
		{"compare rolling and recreate for the site", nil, "question production"},
		// A decision without its id right after the bot says which
		// deployment waits for it.
		{"approved", waitsEn, "command approve id=31"},
		{"refusé : la recette n'est pas finie", waitsFr, "command deny id=33 reason=la recette n'est pas finie"},
		{"approve", []string{"deploy web 4.0.0 to production", "Confirmed: deploy web 4.0.0 → staging (#31) started."}, "command approve"},
		// Greetings, thanks and jokes at the bot.
		{"bonne nuit la team, à toi aussi deploybot", nil, "smalltalk"},
		{"you rock, thanks for spotting it", nil, "smalltalk"},
		{"ça va ce soir ?", nil, "smalltalk"},
		{"tu pourrais te déployer toi-même un jour ?", nil, "smalltalk"},
		{"could you roll yourself back lol", nil, "smalltalk"},
		// Going back ordered by a clause that opens with its verb.
		{"reviens sur la précédente pour le site en recette", nil, "action rollback app=web env=staging"},
		{"stoppe la MEP du site et reviens sur la précédente", nil, "action rollback app=web env=production"},
		{"je reviens sur la précédente réunion", nil, "question rollback"},
		// The situation names the project, the last clause orders going
		// back alone.
		{"alerte : le site affiche les paniers des autres depuis la MEP, rollback immédiatement", nil, "action rollback app=web env=production"},
		{"le site a un souci en prod, pas de rollback pour l'instant", nil, "question rollback"},
		// The process, its checklist and the watch after a release are the
		// orchestrator's; a server tool's command is devops'.
		{"what should my checklist have if I only ran unit tests?", nil, "question orchestrator"},
		{"la checklist demande-t-elle un plan de retour arrière ?", nil, "question orchestrator"},
		{"how long should we monitor after a release?", nil, "question orchestrator"},
		{"à quelle étape du process le client valide ?", nil, "question orchestrator"},
		{"what's the docker compose command to redeploy by hand?", nil, "question devops"},
		{"je préviens qui après une MEP ?", nil, "question orchestrator"},
		// "ou pas" asks, without its mark.
		{"vendredi 16h pour l'api ça passe ou pas", nil, "question orchestrator"},
		// A promotion of what was validated.
		{"mise en prod de ce qui est validé en recette pour le front", nil, "action deploy app=web env=production from=staging"},
		// A dark launch is a release technique.
		{"un dark launch, ça sert à quoi ?", nil, "question production"},
		{"dark or light theme for the dashboard?", nil, "unknown"},
		// A question about deploying a project to staging, that the
		// model gives the orchestrator unsure, is staging's.
		{"do I push the site to staging today or wait for the review?", nil, "question staging"},
		// The help asked around its phrase.
		{"t'as la liste de tes commandes ?", nil, "command help"},
		{"comment je te parle ?", nil, "command help"},
		{"so what can you actually do", nil, "command help"},
		{"comment je te parle de la recette ?", nil, "question staging"},
		// What no longer works is an incident told, no negated order.
		{"le panier ne marche plus depuis midi, le correctif du site c'est la 4.0.2 : en prod tout de suite", nil, "action deploy app=web env=production version=4.0.2"},
		{"ne déploie plus le site en prod", nil, "question production"},
	})
}

// TestAttack7 holds the findings of session 7's attacker's review of the
// rules above (/work/attack7 during the session), in their words.
func TestAttack7(t *testing.T) {
	wen := []string{"deploy web 4.0.0 to production", `Confirmed: deploy web 4.0.0 → production (#31) waits for an approval. An approver answers "approve 31" (or "deny 31").`}
	api := []string{"le back renvoie des 500 depuis ce matin"}
	checkReadings(t, []reading{
		// Two projects told: the order after them must say which.
		{"le front est tombé hier mais là c'est le back qui plante depuis la MEP, rollback tout de suite", nil, "question rollback"},
		// The id of the one deployment that waits, only when it still
		// waits and the decision is said alone.
		{"cancel", []string{"x", `Queued: api 2.1.0 → production waits behind web 4.0.0 → production (#31), which waits for an approval.`}, "command cancel decline=yes"},
		{"cancel", []string{"approve 31", "Approved: web 4.0.0 → production (#31) no longer waits for an approval; it is deploying."}, "command cancel decline=yes"},
		{"don't cancel", wen, "command cancel decline=yes"},
		{"deny the api one", wen, "command deny app=api"},
		// An order to the bot to do it itself is an order.
		{"do the rollback yourself, I'm in a meeting", api, "action rollback app=api"},
		{"roll it back yourself", api, "action rollback app=api"},
		// The notification said with an order does not cancel it.
		{"rollback prod now and notify the team", api, "action rollback app=api env=production"},
		{"fais le rollback en prod et préviens l'équipe", api, "action rollback app=api env=production"},
		// A verb of going back whose object is no version.
		{"retourne la 2.1.0 à l'équipe QA pour validation", nil, "question staging"},
		{"restaure la base de la précédente sauvegarde", nil, "question rollback"},
		{"reviens sur la question précédente", nil, "question rollback"},
		// What was validated, told in the past or asked, orders nothing.
		{"Léa a mis en prod ce qui était validé en recette pour le front", nil, "question production"},
		{"on fait la MEP de ce qui est validé en recette ?", nil, "question staging"},
		// A freeze's one date by the words before it.
		{"on gèle l'api à partir du 20/12/2026", nil, "command freeze app=api dates=20/12/2026 from=2026-12-20"},
		{"on gèle l'api le 24/12/2026", nil, "command freeze app=api dates=24/12/2026 from=2026-12-24 to=2026-12-24"},
		// The interview of a project named by its alias.
		{"lance la configuration du back", nil, "command interview app=api scope=project"},
		// Release notes published, with their project and version.
		{"publie les release notes de l'api 2.1.0 en prod", nil, "question orchestrator"},
		{"release notes api 2.1.0 prod", nil, "question orchestrator"},
		// A lock or freeze word alone asks what; the answer completes it.
		{"unlock", nil, "command unlock"},
		{"api prod", []string{"unlock", `Which project for "unlock"? I know: api, web.`}, "command unlock app=api env=production"},
		{"all, the host is down", []string{"freeze", `Which project for "freeze"? I know: api, web. (or "all: reason" to freeze everything)`}, "command freeze all=yes reason=the host is down"},
	})
}

// TestSession7Questions holds, in other words than the evaluation sets',
// the readings session 7 fixed from routing_holdout19's misses (a set of
// questions, written blind, read as a development set).
func TestSession7Questions(t *testing.T) {
	planFr7 := []string{"déploie le site v2.0.0 en recette", "Déployer web v2.0.0 → staging (#8)\nConfirmer ? Répondez « oui » ou « non »."}
	checkReadings(t, []reading{
		// Typos of the order's verb and of the checklist.
		{"rolback le site", nil, "action rollback app=web"},
		{"deplyo l'api en recette", nil, "action deploy app=api env=staging"},
		{"cheklist avant la MEP ?", nil, "question orchestrator"},
		// Every clause a yes.
		{"ok parfait, vas-y", planFr7, "command confirm id=8"},
		// The process, its steps, its figures and its approvals.
		{"build, review, staging: in what order?", nil, "question orchestrator"},
		{"comment on déploie ici ?", nil, "question orchestrator"},
		{"why is my deploy request waiting for an approval?", nil, "question orchestrator"},
		{"comment on interprète le lead time ?", nil, "question orchestrator"},
		{"do I have to tick the changelog item for a typo fix?", nil, "question orchestrator"},
		{"which thresholds do we watch after going live?", nil, "question orchestrator"},
		// Not understood alone, a question that goes on with the one
		// before it.
		{"why mornings only?", []string{"when can I deploy?", "Recommended: Tuesday to Thursday, 10:00-12:00 and 14:00-16:00."}, "question orchestrator"},
		// Practice against rules: scope words alone ask about practice, a
		// rule for everyone is technical leadership's.
		{"is it risky to release three projects the same afternoon?", nil, "question orchestrator"},
		{"should there be an agency-wide rule against friday deploys?", nil, "question direction-technique"},
		{"éditer les fichiers en prod à la main, mauvaise pratique ?", nil, "question orchestrator"},
		// Servers and their tools are devops'.
		{"restart the web containers please", nil, "question devops"},
		{"comment je configure le webhook côté serveur pour la recette ?", nil, "question devops"},
		// An incident asked about is the rollback's.
		{"le site est en panne depuis la livraison, on fait quoi ?", nil, "question rollback"},
		// Talk about a project's production deploy is production's; a
		// question with a moment is the windows'.
		{"the client keeps asking when we ship the site to prod", nil, "question production"},
		{"can we push the site to prod tomorrow at 10?", nil, "question orchestrator"},
		// A team blocked is no environment; undoing a release is going
		// back.
		{"QA is blocked, they need the site 4.1.0 on staging", nil, "action deploy app=web env=staging version=4.1.0"},
		{"we need to undo the site release in prod now", nil, "action rollback app=web env=production"},
	})
}

// TestAttack8 holds the findings of the second attacker's review of
// session 7's rules (/work/attack8 during the session), in their words.
func TestAttack8(t *testing.T) {
	freezeAsked := []string{"freeze", `Which project for "freeze"? I know: api, web. (or "all: reason" to freeze everything)`}
	unlockAsked := []string{"unlock", `Which project for "unlock"? I know: api, web.`}
	plan := []string{"deploy web 4.0.0 to production", "deploy web 4.0.0 → production (#41)\nConfirm? Answer yes or no."}
	checkReadings(t, []reading{
		// An answer that restricts, asks back or takes itself back
		// completes nothing: the bot asks again.
		{"not all, just api", freezeAsked, "unknown"},
		{"tout sauf l'api", freezeAsked, "unknown"},
		{"all?", freezeAsked, "unknown"},
		{"api... no, forget it", unlockAsked, "unknown"},
		{"l'api ? pourquoi ?", unlockAsked, "unknown"},
		{"pas l'api, le site", unlockAsked, "unknown"},
		{"api prod: migration pas finie", unlockAsked, "command unlock app=api env=production reason=migration pas finie"},
		// Typos of a verb are read only one edit away, with its first
		// letters, and never in a question.
		{"revers de fortune : l'api 2.1.0 plante en prod", nil, "question rollback"},
		{"fallback web en prod activé ce matin", nil, "question rollback"},
		{"rolback ?", nil, "unknown"},
		{"fallback", plan, "unknown"},
		// Every clause a yes: a clause that orders is one word, and no
		// question.
		{"ok, lance l'autre", plan, "question orchestrator"},
		{"ok, deploy?", plan, "question orchestrator"},
		// A lone date restricted is no start nor a day.
		{"gèle l'api sauf le 24/12/2026", nil, "command freeze app=api dates=24/12/2026 to=2026-12-24"},
		{"freeze api after 2026-12-24", nil, "command freeze app=api dates=2026-12-24 from=2026-12-24"},
		// A sequel off the domain is no question of the one before.
		{"so who wants coffee?", []string{"when can I deploy?", "Recommended: Tuesday to Thursday."}, "unknown"},
		// Restarting a rollback is no server's restart.
		{"restart the rollback of the api", nil, "question rollback"},
	})
}

// TestSession7Release holds, in other words than the sets', the readings
// fixed from routing_holdout18's misses at the end of session 7 (read
// after its blind measures).
func TestSession7Release(t *testing.T) {
	checkReadings(t, []reading{
		// The noun of a production deploy first orders it, whatever
		// breaks after it; a release told in the past orders nothing.
		{"urgent : MEP de l'api en 3.0.2, le login est cassé", nil, "action deploy app=api env=production version=3.0.2"},
		{"on a mis le site en prod en 4.0.0 hier, rien à signaler", nil, "question production"},
		{"mise en prod du site en 4.0.1, c'est parti", nil, "action deploy app=web env=production version=4.0.1"},
		// Stopping a deployment by its id cancels it.
		{"stoppe le 12", nil, "command cancel id=12"},
		// The locks in force.
		{"quels sont les verrous actifs ?", nil, "command list what=locks"},
		// Greetings with a name, on-call hellos.
		{"hello, I'm Priya, new here", nil, "smalltalk"},
		{"bonsoir, c'est Julie d'astreinte cette nuit", nil, "smalltalk"},
	})
}
