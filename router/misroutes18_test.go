package router_test

import (
	"testing"

	"deploybot/router"
)

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
		{"en fait non, fais plutôt un rollback du site en prod", planFr, "action rollback app=web env=production replaces=131"},
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

// TestBotTurnsInOtherWordsSession18: holdout39's writer imagined the bot's
// turns in its own words (a monitoring alert that asks whether to roll
// back, "#42 (…) was interrupted … Succeeded or failed?", "Raison ?",
// "Quel déploiement ? #52 (…) ou #53 (…)", "Closest:", "I don't know the
// project …"): each is still read as the question it is, and its answer
// completes the request.
func TestBotTurnsInOtherWordsSession18(t *testing.T) {
	alert := []string{"⚠️ api v2.9.0 (#53) on production: error rate 2.4% (max 0.1%) during monitoring. Do you want to roll back to v2.8.1, the last good version there?"}
	alertFr := []string{"⚠️ web 3.0.2 (#58) en production : p95 1,8 s (max 500 ms) pendant la surveillance. Voulez-vous revenir à 3.0.1, la dernière version bonne là-bas ?"}
	interrupted := []string{"outcome 49", "#49 (api v2.9.1 → production) was interrupted: outcome unknown. Succeeded or failed?"}
	interruptedFr := []string{"outcome 44", "#44 (web 3.0.1 → production) a été interrompu : issue inconnue. Réussi ou échoué ?"}
	checkReadings(t, []reading{
		{"yes", alert, "action rollback app=api env=production version=v2.8.1"},
		{"oui", alertFr, "action rollback app=web env=production version=3.0.1"},
		{"ouais go rollback", alertFr, "action rollback app=web env=production version=3.0.1"},
		{"ok?", alert, "unknown"},
		{"no, give it 5 more minutes", alert, "command cancel decline=yes reason=give it 5 more minutes"},
		{"it worked, /healthz is green", interrupted, "command outcome id=49 outcome=succeeded reason=/healthz is green"},
		{"failed: 502 on checkout", interrupted, "command outcome id=49 outcome=failed reason=502 on checkout"},
		{"ok c'est bon, ça a marché", interruptedFr, "command outcome id=44 outcome=succeeded"},
		{"le tag pointe sur la mauvaise branche", []string{"refuse 52", "Raison ?"}, "command deny id=52 reason=le tag pointe sur la mauvaise branche"},
		{"wrong project", []string{"lock api prod", "Give a reason: why lock api production?"}, "unknown"},
		{"53", []string{"c'est bon j'approuve", "Quel déploiement ? #52 (web 3.0.3 → production, alice) ou #53 (api v2.9.1 → production, bob)"}, "command approve id=53"},
		{"yes the first one", []string{"rolbak webb stagign", "I'm not sure what you mean. Closest:\n• rollback web on staging\n• status web\n• help"}, "action rollback app=web env=staging"},
		{"la troisième", []string{"lsite", "Je ne suis pas sûr de comprendre. Le plus proche :\n• list projects\n• list locks\n• list freezes"}, "command list what=freezes"},
		{"le site alors", []string{"déploie le blog en prod", "Je ne connais pas le projet « blog ». Projets : api, web."}, "action deploy app=web env=production"},
		{"sorry, web", []string{"rollback shop prod", "I don't know the project \"shop\". Projects: api, web."}, "action rollback app=web env=production"},
	})
}

// TestConversationsSession18: a yes that says what was checked confirms;
// a plan put off to a day is no order now; "c'est bon j'approuve" decides;
// a project said first ("pour l'api, …") orders no deploy when a setting
// follows; "what's on staging for web" asks what runs there, not when it
// promotes.
func TestConversationsSession18(t *testing.T) {
	planFr := []string{"déploie l'api v2.9.2 en prod", "Déployer api v2.9.2 → production (#64)\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	plan := []string{"deploy web 3.0.3 to prod", "Deploy web 3.0.3 → production (#117)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"oui, j'ai vérifié les migrations ✅", planFr, "command confirm id=64"},
		{"oui, j'ai pas vérifié les migrations", planFr, "question production"},
		{"yes, checklist is done", plan, "command confirm id=117"},
		{"yes, I checked the migrations?", plan, "question orchestrator"},
		{"actually do it tomorrow at 10, carol will be online", plan, "question production"},
		{"on le fera lundi plutôt", planFr, "question production"},
		{"do it", plan, "command confirm id=117"},
		{"c'est bon j'approuve", nil, "command approve"},
		{"c'est bon j'approuve pas", nil, "question orchestrator"},
		{"pour l'api, mets la stratégie à canary", nil, "command context app=api key=strategy scope=project value=canary what=set"}, // session 19: the setting
		{"mets le site en prod", nil, "action deploy app=web env=production"},
		{"for web: lock prod", nil, "command lock app=web env=production"},
		{"what's on staging for web right now?", nil, "command status app=web env=staging"},
		{"take what's on staging for the backend and put it live", nil, "action deploy app=api env=production from=staging"},
		{"what's on staging that isn't in prod yet for web?", nil, "command diff app=web a=staging b=production"},
		{"y a des déploiements qui m'attendent ?", nil, "command pending"},
		{"the client is waiting for me, deploy web to prod", nil, "action deploy app=web env=production"},
	})
}

// TestMoreHoldout39Session18: "ouep" is a yes; "no need to redo it" orders
// nothing; "rb api prod, le canary crache des 502" rolls back; a weekday
// and an hour asked "ok?" is a window's question, and "4:30pm" is 16:30
// (it read the 4th, and a reminder "at 5:30pm" was set at 05:00); a
// question then a list asked ("… ? list freezes pls") lists.
func TestMoreHoldout39Session18(t *testing.T) {
	rollbackPlan := []string{"reviens en arrière sur le back en recette", "Rollback api → staging : retour à 2.8.1, la dernière version bonne là-bas (#60)\nConfirmer ? Répondez « oui » sous 2 minutes (ou « non »)."}
	checkReadings(t, []reading{
		{"ouep", rollbackPlan, "command confirm id=60"},
		{"yesterday's deploy of api to staging went fine, no need to redo it", nil, "question staging"},
		{"pas besoin de redéployer le site en prod", nil, "question production"},
		{"no need to wait, deploy web to prod", nil, "action deploy app=web env=production"},
		{"rb api prod stp, le canary crache des 502", nil, "action rollback app=api env=production"},
		{"is thursday 4:30pm ok or already too late?", nil, "question orchestrator"},
		{"qui décide de la politique de déploiement de l'agence ? je voudrais proposer qu'on autorise le vendredi matin", nil, "question direction-technique"},
		{"when does the end-of-year freeze start? list freezes pls", nil, "command list what=freezes"},
		{"remind #deploys every friday at 5:30pm that the window closes", nil,
			"command reminders channel=#deploys dow=5 hour=17 minute=30 op=add text=the window closes"},
	})
	for _, tt := range []struct {
		text         string
		hour, minute int
	}{{"thursday 4:30pm", 16, 30}, {"thursday at 4:30pm", 16, 30}, {"jeudi 16:30", 16, 30}, {"thursday 4:30 pm", 16, 30}, {"friday 9:15am", 9, 15}} {
		mo, ok := router.Moment(tt.text)
		if !ok || mo.Hour != tt.hour || mo.Minute != tt.minute || mo.Day != 0 {
			t.Errorf("Moment(%q) = %+v, %v; want %02d:%02d on a weekday", tt.text, mo, ok, tt.hour, tt.minute)
		}
	}
}

// TestAttackOnSession18SecondRules: the second attack (4,588 messages).
// An answer for a project or an environment that negates, doubts, delays,
// hands over or jokes runs no order (after "No project shop (known: api,
// web)", "don't touch web" deployed web, before this session too); a
// bot's question or alert quoted by a person offers nothing; a verdict in
// other words that narrows or contradicts itself records nothing; a take-
// back after "Reason?" is no reason.
func TestAttackOnSession18SecondRules(t *testing.T) {
	unknown := []string{"deploy shop 3.0.3 to prod", "No project shop (known: api, web)."}
	asked := []string{"deploy 3.0.3 to prod", "Which project? (api, web)"}
	outcome := []string{"outcome 42", "#42 (api v2.9.0 → production) was interrupted: outcome unknown. Succeeded or failed?"}
	reason := []string{"deny 52", "Reason?"}
	checkReadings(t, []reading{
		{"don't touch web", unknown, "unknown"},
		{"web is broken", asked, "unknown"},
		{"web maybe", asked, "unknown"},
		{"web, mais demain", asked, "unknown"},
		{"web team will handle it", asked, "unknown"},
		{"web", unknown, "action deploy app=web env=production version=3.0.3"},
		{"sorry, web", asked, "action deploy app=web env=production version=3.0.3"},
		{"web please", asked, "action deploy app=web env=production version=3.0.3"},
		{"web, it's broken", []string{"rollback prod", "Which project? (api, web)"}, "action rollback app=web env=production"},
		{"staging, not prod", []string{"deploy web 3.0.3", "Which environment? (staging, production)"}, "action deploy app=web env=staging version=3.0.3"},
		{"yes", []string{"> ⚠️ api v2.9.0 (#53) on production: error rate 2.4% (max 0.1%) during monitoring. Do you want to roll back to v2.8.1, the last good version there?"}, "command confirm"},
		{"yes", []string{"api v2.9.0 (#53) on production: errors. Do you want to roll back to v2.8.1?"}, "command confirm"},
		{"it worked, then it broke", outcome, "unknown"},
		{"ça a marché, à moitié", outcome, "unknown"},
		{"all good, for 41", outcome, "unknown"},
		{"it worked, on staging", outcome, "unknown"},
		{"ko, revert", outcome, "action rollback app=api env=production"},
		{"wrong, the branch is fine", reason, "unknown"},
		{"mauvaise branche je crois, je vérifie", reason, "unknown"},
		{"wrong token, sorry", reason, "unknown"},
		{"c'est bon je refuse rien", nil, "question orchestrator"},
		{"for web: lock prod", nil, "command lock app=web env=production"},
		{"for web: status", nil, "command status app=web"},
	})
}

// TestHoldout38Session18: holdout38, read in the middle of the session.
// The bot's card of a deployment says what follows is about ("error rate
// is climbing on checkout, roll it back" rolls web back on production); an
// alert's plan is the plan a correction changes ("non, reviens plutôt en
// 3.1.8") and a yes confirms ("yes roll back"); "the other env/project"
// flips the plan; the freeze's dates asked are answered; greetings to the
// team, "projets", "les envs du site ?", "rb api", a server's restart.
func TestHoldout38Session18(t *testing.T) {
	card := []string{"🚀 Deployment web 3.2.0 (#58) → production\nStatus: Done ✅\nMonitoring for 30 min: error rate, p95, CPU/memory."}
	staged := []string{"🚀 Deployment api 2.5.1 (#60) → staging\nStatus: Done ✅"}
	alertPlan := []string{"🚨 web 3.2.0 en production : taux d'erreur 2,4 % > 0,1 % depuis 5 min.\nPlan de rollback : web 3.2.0 → 3.1.9 sur production (#130)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	alertPlanEn := []string{"🚨 web 3.2.1 on production: error rate 2.4% > 0.1% for 5 min.\nRollback plan: web 3.2.1 → 3.2.0 on production (#106)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"error rate is climbing on checkout, roll it back", card, "action rollback app=web env=production"},
		{"le panier est cassé depuis 2 min, on revient en arrière", card, "action rollback app=web env=production"},
		{"what should we watch now?", card, "question orchestrator"},
		{"p95 is at 480ms, is that ok or should I worry?", card, "question orchestrator"},
		{"what's the wifi password?", card, "unknown"},
		{"c'est bon pour moi, merci", card, "smalltalk"},
		{"rollback api prod", card, "action rollback app=api env=production"},
		{"smoke tests are green, promote it to prod", staged, "action deploy app=api env=production from=staging"},
		{"non, reviens plutôt en 3.1.8", alertPlan, "action rollback app=web env=production version=3.1.8 replaces=130"},
		{"yes roll back", alertPlanEn, "command confirm id=106"},
		{"hmm no, the other env", []string{"deploy api 2.5.0 to staging", "Deploy api 2.5.0 → staging (#132)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."},
			"action deploy app=api env=production version=2.5.0 replaces=132"},
		{"non c'est l'autre projet", []string{"déploie l'api en prod", "Déployer api 2.5.1 → production (#138)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."},
			"action deploy app=web env=production replaces=138"},
		{"from 2026-12-19 to 2027-01-04: holidays", []string{"freeze production", "From when to when? (e.g. \"from 2026-12-19 to 2027-01-04: holidays\")"},
			"command freeze env=production dates=2026-12-19 2027-01-04 from=2026-12-19 reason=holidays to=2027-01-04"},
		{"bonjour tout le monde, dure reprise ce lundi 😅", nil, "smalltalk"},
		{"c'est quoi les projets configurés ?", nil, "command list what=projects"},
		{"les envs du site ?", nil, "command list app=web what=environments"},
		{"rb api stp", nil, "action rollback app=api"},
		{"peux tu redémarrer nginx sur la prod ?", nil, "question devops"},
		{"last deploy before the freeze: api 2.5.1 to prod 🎄", nil, "action deploy app=api env=production version=2.5.1"},
		{"nvm, cancel", []string{"deploy api 2.5.0", "Which environment? staging or production?"}, "command cancel decline=yes"},
		{"c quoi les anti-patterns a eviter ?", nil, "question orchestrator"},
		// A deploy's card is no order to carry on: a rollback after it
		// stays one (it redeployed the card's version).
		{"ça part en 502, rb !", []string{"🚀 Déploiement api 2.5.0 (#59) → production\nStatut : Terminé ✅"}, "action rollback app=api env=production"},
		{"ok tant pis, on le fera en janvier", []string{"déploie le site en 3.2.3 en prod", "❌ Déploiement refusé : gel « end of year » du 20/12 au 03/01 sur production."},
			"question production"},
	})
}

// TestThirdAttackOnSession18Rules: the third attack (4,817 messages). A
// deploy's card is no order to carry on, and fills a rollback only when
// it is a plain order ("rb pls"; not "rb no", "rollback?", "rollback not
// needed"); an alert's plan is answered only by a yes or a correction that
// says so ("3.1.9 est pourrie" rolled back to 3.1.9); a freeze's dates
// asked are dates or nothing ("don't freeze after all" froze production
// for a year); "prod, but not now" answers nothing; "rb" names a rollback
// only when nothing tells of one ("rb web was a mistake"); a restart is
// devops' work.
func TestThirdAttackOnSession18Rules(t *testing.T) {
	card := []string{"🚀 Deployment web 3.2.0 (#58) → production\nStatus: Done ✅\nMonitoring for 30 min."}
	alertPlan := []string{"🚨 web 3.2.0 en production : taux d'erreur 2,4 % > 0,1 % depuis 5 min.\nPlan de rollback : web 3.2.0 → 3.1.9 sur production (#130)\nConfirmer ? Répondez « oui » dans les 2 minutes (ou « non »)."}
	dates := []string{"freeze production", "From when to when? (e.g. \"from 2026-12-19 to 2027-01-04: holidays\")"}
	envAsked := []string{"rb api", "Which environment for api: staging or production?"}
	checkReadings(t, []reading{
		{"rb pls", card, "action rollback app=web env=production"},
		{"rb no", card, "action rollback"}, // no project filled: the bot asks which
		{"rollback not needed", card, "action rollback"},
		{"web?", card, "question orchestrator"},
		{"3.1.9 est pourrie", alertPlan, "unknown"}, // session 25: a version called bad is no target at all
		{"non, reviens plutôt en 3.1.8", alertPlan, "action rollback app=web env=production version=3.1.8 replaces=130"},
		{"don't freeze after all", dates, "command cancel decline=yes"}, // session 20: the question dropped
		{"next week", dates, "unknown"},
		{"ne gèle pas du 2026-12-19 au 2027-01-04", dates, "unknown"},
		{"from 2027-01-04 to 2026-12-19", dates, "unknown"},
		{"prod... actually don't", envAsked, "unknown"},
		{"prod, but wait for alice", envAsked, "unknown"},
		{"prod, but not now", envAsked, "unknown"},
		{"prod", envAsked, "action rollback app=api env=production"},
		{"the other project?", []string{"deploy api 2.5.0 to staging", "Deploy api 2.5.0 → staging (#132)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}, "question orchestrator"},
		{"rb web was a mistake", nil, "question rollback"},
		{"rb api hier", nil, "question rollback"},
		{"rb le site en prod, go", nil, "action rollback app=web env=production"},
		{"restart api prod", nil, "question devops"},
		{"redémarre l'api en prod", nil, "question devops"},
		{"installe web release-2024.10 sur la preprod", nil, "action deploy app=web env=staging version=release-2024.10"},
	})
}

// TestHoldout40Session18: holdout40, read late in the session. The bot's
// choices numbered ("1. staging 2. production") are picked by number, not
// a version's digits nor a deployment's id; an order after "le gel est
// fini" is no freeze's reason (it froze); a fault told as something that
// no longer works, a face, then "remets la version précédente" rolls back;
// two orders are the orchestrator's; "lock api production: release 2.8 en
// observation" still locks.
func TestHoldout40Session18(t *testing.T) {
	checkReadings(t, []reading{
		{"1", []string{"deploy api v3.2.1", "Which environment for api? 1. staging 2. production"}, "action deploy app=api env=staging version=v3.2.1"},
		{"2", []string{"déploie le site v2.4.0", "Quel environnement pour web ? 1. staging 2. production"}, "action deploy app=web env=production version=v2.4.0"},
		{"2", []string{"rollback web prod to the version from last week", "Roll back web production to which version? Good there:\n1. 4.1.3 (Monday)\n2. 4.1.2 (last Thursday)"},
			"action rollback app=web env=production version=4.1.2"},
		{"2", []string{"approuve", "Quel déploiement ? #2 (web 3.0.3 → production, alice) ou #3 (api 2.9.1 → production, bob)"}, "command approve id=2"},
		{"bon, le gel est fini 🎉 on reprend : déploie le back v3.2.0 en preprod", nil, "action deploy app=api env=staging version=v3.2.0"},
		{"lock api production: release 2.8 en observation", nil, "command lock app=api env=production reason=release 2.8 en observation"},
		{"freeze web prod: rollback in progress", nil, "command freeze app=web env=production reason=rollback in progress"},
		{"Le client appelle, le formulaire de contact ne marche plus depuis la MEP de ce matin 😱 remets la version précédente du site en prod", nil,
			"action rollback app=web env=production"},
		{"le site n'est pas cassé 😅 rollback web prod", nil, "question rollback"},
		{"deploy web to staging and api to production", nil, "question orchestrator"},
		{"c'est quoi les projets que tu connais ?", nil, "command list what=projects"},
		{"yes", []string{"the migration failed on staging", "Roll back api staging to v3.1.4, the last good version? (yes / no)"}, "action rollback app=api env=staging version=v3.1.4"},
		{"oui", []string{"la recette du site est cassée", "Revenir à 2.4.0 sur web staging, la dernière bonne version ? (oui / non)"}, "action rollback app=web env=staging version=2.4.0"},
		{"démo client jeudi", []string{"verrouille le site en recette", "Raison ? (par ex. « lock web staging: incident en cours »)"}, "command lock app=web env=staging reason=démo client jeudi"},
	})
}

// TestDecisionPutOffSession18: a refusal or an approval whose only
// "reason" is a moment is put off, none now ("deny 53 tomorrow morning"
// denied at once); a reason that names a moment among other words stays
// one.
func TestDecisionPutOffSession18(t *testing.T) {
	checkReadings(t, []reading{
		{"deny 53 tomorrow morning", nil, "question orchestrator"},
		{"je refuse le 53 demain", nil, "question orchestrator"},
		{"refuse le 53 : pas avant lundi", nil, "command deny id=53 reason=pas avant lundi"},
		{"je refuse la 24, on est vendredi", nil, "command deny id=24 reason=on est vendredi"},
		{"deny 53: tests fail", nil, "command deny id=53 reason=tests fail"},
	})
}

// TestOtherAndMeridiemSession18: "wrong env, the other one" and "oops,
// other env" flip a plan's environment ("the other one" alone names
// nothing); "5:30 p.m." is 17:30; a weekday and an hour asked "c'est bon
// ?" gets the windows' verdict.
func TestOtherAndMeridiemSession18(t *testing.T) {
	plan := []string{"deploy api 2.5.0 to staging", "Deploy api 2.5.0 → staging (#132)\nConfirm? Answer \"yes\" within 2 minutes (or \"no\")."}
	checkReadings(t, []reading{
		{"wrong env, the other one", plan, "action deploy app=api env=production version=2.5.0 replaces=132"},
		{"oops, other env", plan, "action deploy app=api env=production version=2.5.0 replaces=132"},
		{"the other one", plan, "unknown"},
		{"remind #deploys on fridays at 5:30 p.m. that the window closes", nil,
			"command reminders channel=#deploys dow=5 hour=17 minute=30 op=add text=the window closes"},
		{"mardi 10h c'est bon ?", nil, "question orchestrator"},
	})
}
