package router_test

import "testing"

// Session 18's readings, from holdout37 (read at the session's start) and
// the attacks on them.

// TestFollowUpsSession18: the bot's question for an outcome in other
// words still takes "failed: …" or "réussi" as its answer; a question not
// understood alone, asked in a deployment's conversation, is about that
// deployment (not an everyday one); a question of its own after a freeze
// is answered, not dropped.
func TestFollowUpsSession18(t *testing.T) {
	outcomeEn := []string{"outcome 42", "Did deployment #42 (web v3.4.0 → production) succeed or fail?"}
	outcomeFr := []string{"outcome 43", "Le déploiement #43 (web v3.4.0 → production) a-t-il réussi ou échoué ?"}
	done := []string{"deploy web v3.4.1 to production", "Deploy web v3.4.1 → production (#52)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").",
		"yes", "Confirmed: deploy web v3.4.1 → production (#52) started.", "🚀 Deployment web v3.4.1 (#52) → production … Status: Done ✅"}
	plan := []string{"deploy web v3.4.2 to production", "Deploy web v3.4.2 → production (#130)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	frozen := []string{"gel de la prod du 20/12 au 03/01 : fin d'année", "🧊 Gel #3 enregistré : production, 20/12 → 03/01 (fin d'année)."}
	checkReadings(t, []reading{
		{"failed: 502 on checkout", outcomeEn, "command outcome id=42 outcome=failed reason=502 on checkout"},
		{"succeeded", outcomeEn, "command outcome id=42 outcome=succeeded"},
		{"réussi, la v3 répond", outcomeFr, "command outcome id=43 outcome=succeeded reason=la v3 répond"},
		{"what should I watch now?", done, "question orchestrator"},
		{"wait, is Thursday 5pm a good time for this?", plan, "question orchestrator"},
		{"qqn a vu Sophie ? le client la cherche", plan, "unknown"},
		{"et sinon t'as vu le match hier ?", done, "unknown"},
		{"et la recette, on peut toujours y déployer pendant le gel ?", frozen, "question orchestrator"},
		{"same for front?", []string{"lock web production", "🔒 web production locked."}, "unknown"},
	})
}

// TestIncidentAsksSession18: an incident told, then the rollback asked of
// the bot ("pouvez-vous faire un rollback ?") or ordered after a face
// (😱), is the rollback; asked how, or under a condition, it is not.
func TestIncidentAsksSession18(t *testing.T) {
	checkReadings(t, []reading{
		{"checkout cassé en prod depuis le deploy de vendredi 😱 rollback web vite", nil, "action rollback app=web env=production"},
		{"Désolé de vous déranger, mais le site affiche une page blanche depuis le déploiement de ce matin en production. Pouvez-vous faire un rollback ?", nil,
			"action rollback app=web env=production"},
		{"peux-tu faire un rollback du site en prod ?", nil, "action rollback app=web env=production"},
		{"pourriez-vous lancer le rollback de l'api en prod ?", nil, "action rollback app=api env=production"},
		{"web is down in prod, could you do a rollback?", nil, "action rollback app=web env=production"},
		{"le site est en panne en prod, pouvez-vous expliquer le rollback ?", nil, "question rollback"},
		{"pouvez-vous faire un rollback du site en prod si ça casse ?", nil, "question rollback"},
		{"peux-tu m'expliquer comment faire un rollback du site ?", nil, "question rollback"},
		{"peux-tu faire un rollback du site en prod demain à 9h ?", nil, "question rollback"},
		{"le site est lent en prod, faut-il faire un rollback ?", nil, "question rollback"},
		{"deploy web to prod 🚀", nil, "action deploy app=web env=production"},
	})
}

// TestTopicsSession18: acknowledgements are small talk; the checklist
// before a release is the orchestrator's even when the model says
// staging; telling the client it is live is the notification; watching
// after a release and talk of an unlock or of someone's MEP go to their
// topic.
func TestTopicsSession18(t *testing.T) {
	checkReadings(t, []reading{
		{"got it, thanks", nil, "smalltalk"},
		{"just saying hi 👋", nil, "smalltalk"},
		{"noted", nil, "smalltalk"},
		{"compris, merci", nil, "smalltalk"},
		{"got it, deploy it", nil, "question production"},
		{"what do I need to check before releasing?", nil, "question orchestrator"},
		{"pls what does 'validate the build before prod' mean concretely for us? what do I actually check", nil, "question staging"},
		{"comment on prévient le client que c'est en prod ?", nil, "question orchestrator"},
		{"je surveille quoi pendant 30 min ?", nil, "question orchestrator"},
		{"quand est-ce qu'on est censé monitorer, juste après ou le lendemain aussi ?", nil, "question orchestrator"},
		{"FYI bob unlocked api production this morning", nil, "question orchestrator"},
		{"Marc fait la MEP du front jeudi matin", nil, "question production"},
		{"si la MEP de jeudi se passe mal, on fait quoi concrètement ?", nil, "question rollback"},
	})
}

// TestMoreHoldout37Session18: the rest of holdout37's misses in other
// words: "mises en prod" on a date is a window's question (not without a
// cut, which is production's); a yes with "last one before the freeze"
// confirms; "en fait non, fais plutôt un rollback" changes the plan;
// someone's cancel told is the orchestrator's; staging brought in line
// with production is staging's.
func TestMoreHoldout37Session18(t *testing.T) {
	plan := []string{"deploy web v3.4.4 to prod", "Deploy web v3.4.4 → production (#63)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	planFr := []string{"déploie le site v3.4.2 en prod", "Déployer web v3.4.2 → production (#131)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"Est-ce qu'on peut encore faire des mises en prod le 22 ?", nil, "question orchestrator"},
		{"est-ce qu'on peut faire la mise en prod du site sans coupure ? le client a une campagne tv mardi soir 📺", nil, "question production"},
		{"yup, last one before the freeze", plan, "command confirm id=63"},
		{"oui, la dernière avant le gel", planFr, "command confirm id=131"},
		{"yes, last one before the freeze?", plan, "question orchestrator"},
		{"en fait non, fais plutôt un rollback du site en prod", planFr, "action rollback app=web env=production"},
		{"en fait, fais plutôt un rollback du site en prod", nil, "action rollback app=web env=production"},
		{"en fait le rollback du site en prod a marché", nil, "question rollback"},
		{"Léa va annuler son déploiement de l'api", nil, "question orchestrator"},
		{"how do we get staging back in line with production?", nil, "question staging"},
	})
}

// TestAttackOnSession18Rules: what the attack on this session's first
// rules found (3,330 messages, old and new binaries side by side). A face
// between words is no comma: only a fault told before it and a bare order
// after it make one; a rollback asked of the bot is one only when nothing
// makes it a discussion (another thing rolled back, a rehearsal, a later
// time, an opinion, someone else on it, an aside); a question after a
// deployment that names nothing of it stays not understood; an
// acknowledgement then a yes confirms.
func TestAttackOnSession18Rules(t *testing.T) {
	plan := []string{"deploy web v3.4.4 to prod", "Deploy web v3.4.4 → production (#63)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	done := []string{"deploy web v3.4.1 to production", "Deploy web v3.4.1 → production (#52)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\").",
		"yes", "Confirmed: deploy web v3.4.1 → production (#52) started.", "🚀 Deployment web v3.4.1 (#52) → production … Status: Done ✅"}
	incident := "le site affiche une page blanche en production. "
	checkReadings(t, []reading{
		{"surtout pas 🙏 rollback web prod", nil, "question rollback"},
		{"pas besoin 😅 rollback web prod", nil, "question rollback"},
		{"hier soir 🙏 rollback api prod, heureusement ça a marché", nil, "question rollback"},
		{"le bouton 👍 rollback api prod ne marche pas", nil, "question rollback"},
		{"le site est cassé 😱 rollback web prod à 18h", nil, "question rollback"},
		{"le site n'est pas cassé 😅 rollback web prod", nil, "question rollback"},
		{"le site est en panne 😱 Paul va rollback web prod", nil, "question rollback"},
		{"deploy web v3.4.5 to prod 💀 if tests pass", nil, "question production"},
		{"le site est cassé 😱 rollback web prod", nil, "action rollback app=web env=production"},
		{"web is down 🔥 roll it back", nil, "action rollback app=web"},
		{incident + "Pouvez-vous faire un rollback ?", nil, "action rollback app=web env=production"},
		{incident + "Pourriez-vous faire un rollback ?", nil, "action rollback app=web env=production"},
		{incident + "Pouvez-vous faire un rollback de la base de données ?", nil, "question rollback"},
		{incident + "Pouvez-vous faire un rollback plan pour ce cas ?", nil, "question rollback"},
		{incident + "Pouvez-vous faire un rollback la prochaine fois ?", nil, "question rollback"},
		{incident + "Pouvez-vous faire un rollback ? Paul s'en occupe déjà", nil, "question rollback"},
		{"peux-tu faire un rollback du site en prod ? (question théorique)", nil, "question rollback"},
		{"peux-tu faire un rollback du site en prod plutôt qu'un hotfix ? qu'en penses-tu ?", nil, "question rollback"},
		{"peux-tu faire un rollback partiel de l'api en prod ?", nil, "question rollback"},
		{"could you do a rollback plan for web prod?", nil, "question rollback"},
		{"pourriez-vous faire un rollback du site en prod ?", nil, "action rollback app=web env=production"},
		{"tu peux faire un rollback de l'api en prod ? elle renvoie des 500", nil, "action rollback app=api env=production"},
		{"what's the wifi password?", done, "unknown"},
		{"qui organise le pot de départ ?", done, "unknown"},
		{"where is the meeting room?", done, "unknown"},
		{"got it, go ahead", plan, "command confirm id=63"},
		{"understood, proceed", plan, "command confirm id=63"},
		{"got it, go ahead?", plan, "unknown"},
		{"got it, no", plan, "unknown"},
	})
}
