package router

import (
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"deploybot"
)

// cmd is a chat command found in a message.
type cmd struct {
	cmd                    deploybot.Command
	args                   map[string]string
	app, env               string
	lang                   deploybot.Lang // when the command's words say it
	unknownApp, unknownEnv string
}

func (c *cmd) set(k, v string) {
	if v == "" {
		return
	}
	if c.args == nil {
		c.args = map[string]string{}
	}
	c.args[k] = v
}

// Chat commands, matched on the folded line (see commandLine).
var (
	confirmWords = setOf("oui", "yes", "go", "confirm", "confirme", "ok", "oke", "okey", "vas-y", "vas y", "y", "yep", "yes please",
		"c est parti", "c parti", "cest parti", "let s go", "lets go", "go ahead", "ok go", "oui vas-y", "oui stp", "yes go", "do it", "fais-le", "allez")
	frenchWords  = setOf("oui", "non", "vas-y", "vas y", "confirme", "annule", "c est parti", "c parti", "cest parti", "oui vas-y", "oui stp", "fais-le", "allez", "non finalement", "finalement non", "non merci", "laisse tomber", "oublie ca", "on oublie")
	declineWords = setOf("non", "no", "annule", "cancel", "n", "nope", "non finalement", "finalement non", "no thanks", "non merci",
		"actually no", "laisse tomber", "forget it", "never mind", "nevermind", "no cancel", "non annule",
		"scratch that", "scratch it", "forget that", "forget about it", "oublie ca", "on oublie", "drop it")

	helpEn = setOf("help", "commands", "what can you do", "what do you do", "how do i use you", "usage", "what can i ask", "what can i ask you", "help me",
		"i need help", "need help", "what else can you do", "what else do you do", "what else can i ask", "what else can i ask you")
	helpFr = setOf("aide", "commandes", "que sais-tu faire", "tu sais faire quoi", "qu est-ce que tu sais faire", "que peux-tu faire", "tu fais quoi", "a l aide", "aide-moi", "aide moi",
		"j ai besoin d aide", "besoin d aide", "tu sais faire quoi d autre", "que sais-tu faire d autre", "tu fais quoi d autre",
		"qu est-ce que tu sais faire d autre", "quoi d autre")

	approveRe   = mustCompile(`^(?:approve|approuve|j approuve|lgtm|valide|je valide|approved|ship it|i approve|i approve it|i approve that|i approve this|approving|je l approuve|approve it|approve that|approve this|approuve-le|approuve-la|valide-le|valide-la|je le valide|je la valide)(?:\s+(?:(?:le|la|the|demande|request|deploiement|deployment|deploy)\s+)*(\d+))?$`)
	denyRe      = mustCompile(`^(?:deny it|deny that|refuse-le|refuse-la|rejette-le|rejette-la|reject it|deny|refuse|rejette|reject|je refuse|je rejette|i deny|i reject|decline)(?:\s+(?:(?:le|la|the|demande|request|deploiement|deployment|deploy)\s+)*(\d+))?(?:\s+(.*))?$`)
	tickRe      = mustCompile(`^(?:tick|coche|check)\s+(?:le\s+)?(\d+)\s+(.+)$`)
	tickOnRe    = mustCompile(`^(?:on|of|for|sur|pour|du|de)\s+(?:the\s+|le\s+|la\s+|deployment\s+|deploiement\s+)*#?(\d+)$`)
	confirmIDRe = mustCompile(`^(?:confirm|confirme|yes|oui)\s+(?:le\s+)?(\d+)$`)
	cancelRe    = mustCompile(`^(?:cancel|annule|annuler)\s+(?:(?:le|la|the|my|mon|ma|deploiement|deployment|deploy|plan|demande|request)\s+)*(\d+)$`)
	// cancelItRe cancels by its pronoun what the conversation named:
	// "cancel it" ("annule-le" may undo a release: followUpOf reads it
	// after a deployment that waits).
	cancelItRe = mustCompile(`^(?:cancel it|cancel that)(?:\s+(?:please|pls|stp|svp))?$`)
	// yesForRe and noForRe approve or deny a deployment by its id with a
	// yes or a no: "ok pour le 101, j'approuve", "no for 103, the PO hasn't
	// signed off".
	yesForRe     = mustCompile(`^(?:ok|okay|go|oui|yes|yep)\s+(?:pour|for)\s+(?:le\s+|la\s+|the\s+|deploiement\s+|deployment\s+)?(\d+)(?:\s+(?:j approuve|i approve|approved|approuve|valide|je valide))?$`)
	noForRe      = mustCompile(`^(?:no|non|nope)\s+(?:pour|for)\s+(?:le\s+|la\s+|the\s+|deploiement\s+|deployment\s+)?(\d+)\b`)
	pendingRe    = mustCompile(`^(?:pending|approvals|pending approvals|en attente|approbations(?:\s+en\s+attente)?|qu est-?\s?ce qui attend(?: mon approbation)?|(?:is\s+)?(?:anything|something)\s+waiting\s+(?:for\s+)?(?:my\s+)?approval|what s waiting for (?:my )?approval|what needs my approval|quoi approuver|des approbations en attente|(?:and\s+|so\s+)?(?:which|what)(?:\s+ones)?\s+(?:are|is)\s+(?:still\s+)?waiting(?:\s+for\s+(?:an\s+|my\s+)?approval)?|(?:et\s+)?(?:lesquels|lesquelles|quels|quelles)\s+(?:sont\s+)?(?:attendent|en attente)(?:\s+encore)?)$`)
	outcomeRe    = mustCompile(`^(?:outcome|issue|mark|marque|marquer|marquez|set|passe)\s+(?:(?:du|of|le|la|the|deploiement|deployment|deploy|run)\s+)*(\d+)\s+(?:(?:as|comme|en|to)\s+)?(succeeded|successful|success|ok|done|failed|failure|ko|reussi|succes|echoue|echec|rate)\b`)
	lockRe       = mustCompile(`^(lock|verrouille|verrouiller|unlock|deverrouille|deverrouiller)\s+(\S+\s+\S+.*)$`)
	cancelMineRe = mustCompile(`^(?:cancel|annule|annuler|abort|stop|arrete)\s+(?:my|the|this|mon|ma|le|la|ce|cette)\s+(?:(?:running|current|ongoing)\s+)?(?:deploy|deployment|plan|request|demande|deploiement|mep|release|rollback)(?:\s+(?:en\s+cours|in\s+progress|actuel|qui\s+tourne|running|underway))?$`)
	// outcomeAskRe is an outcome without its verdict: "outcome 13",
	// "issue du déploiement 13". The bot asks succeeded or failed, and
	// the answer completes it (followup.go, asks "outcome").
	outcomeAskRe = mustCompile(`^(?:outcome|issue|resultat|result)\s+(?:(?:du|of|le|la|the|deploiement|deployment|deploy|run)\s+)*#?(\d{1,9})$`)
	markItRe     = mustCompile(`^(?:marque-le|marque-la|marque le|marque la|mark it|mark that|note-le|note le)\s+(?:comme\s+|as\s+)?(reussi|succeeded|successful|ok|done|failed|echoue|ko|rate)$`)
	lockOneRe    = mustCompile(`^(lock|verrouille|verrouiller|unlock|deverrouille|deverrouiller)\s+(\S+)$`)
	freezeRe     = mustCompile(`^(?:gel|gele|freeze|geler)\b(.*)$`)
	// stopAllRe orders a freeze as stopping the deployments: "stop all
	// deploys: incident", "arrête tous les déploiements en prod".
	stopAllRe = mustCompile(`^(?:stop|halt|pause|block|suspend|freeze|bloque|arrete|arretez|stoppe|suspends|suspend)\s+(?:all|every|any|tous les|toutes les|les)\s+(?:deploys|deployments|deploiements|releases|mep|mises en prod|livraisons)\b(.*)$`)
	// lockPhraseRe takes or releases the lock in words: "prends le verrou
	// sur la prod du site", "release the lock on api staging".
	lockPhraseRe = mustCompile(`^(?:(prends|prendre|pose|poser|mets|mettre|put|take|acquire|grab|set|place)|(libere|liberer|leve|lever|retire|retirer|enleve|enlever|release|remove|drop|free|lift))\s+(?:le|la|un|une|the|a)\s+(?:verrou|lock)\s+(?:sur|de|du|des|on|for|of|en)?\s*(.*)$`)
	// blockRe locks with another verb: "bloque les déploiements du site
	// en prod : audit".
	blockRe = mustCompile(`^(?:bloque|bloquer|block)\s+(.+)$`)
	// unblockRe unlocks with another verb: "débloque api en prod",
	// "unblock web staging".
	unblockRe = mustCompile(`^(?:debloque|debloquer|debloquez|unblock)\s+(.+)$`)
	listRes   = map[string]*pattern{
		"freezes":      mustCompile(`^(?:list freezes|(?:les |the )?freezes|show freezes|which freezes|what freezes|quels gels|quel gel|liste des gels|liste les gels|les gels|gels|gels en cours|are there any freezes|any freezes?|is there a freeze|y a-t-il un gel|y a t il un gel|y a un gel)(?: en cours| in force| now| right now| today)?(?: too| also| aussi| egalement)?$`),
		"locks":        mustCompile(`^(?:list locks|locks|show locks|which locks|what locks|any locks|quels verrous|liste des verrous|liste les verrous|les verrous|verrous)(?: en cours| in force| now| right now)?(?: too| also| aussi| egalement)?$`),
		"projects":     mustCompile(`^(?:list projects|list the projects|projects|projets|show projects|which projects(?: do you know| are configured)?|what projects(?: do you know| are configured)?|quels projets(?: connais-tu| tu connais| sont configures)?|liste les projets|liste des projets|les projets|(?:c est quoi |c quoi |quels sont )?les projets configures|(?:the )?configured projects|c est quoi les projets|c quoi les projets|(?:c est quoi |quels sont )?les projets que tu connais)$`),
		"environments": mustCompile(`^(?:list environments|list envs|environments|show environments|which environments|what environments|quels environnements|liste les environnements|liste des environnements|les environnements|environnements)(?:\s+(?:for|of|pour|de|du|par)\s+(?:each|every|all|all the|chaque|tous les)\s+(?:project|projects|projet|projets)|\s+(?:for|of|pour|de|du)\s+(?:the\s+|le\s+|l\s+|la\s+)?(?:project\s+|projet\s+)?(\S+))?$`),
	}
	historyRe  = mustCompile(`^(?:(?:son|sa|its|their|leur)\s+)?(?:(?:deployment|deploy|release|deploiement)s?\s+)?(?:history|historique|hist)(?:\s+des\s+(?:deploiements|mep|livraisons|releases))?(?:\s+(.*))?$`)
	historyRes = []*pattern{
		mustCompile(`\b(?:last|latest|recent|previous)\s+(?:deploys|deployments|releases)\b`),
		mustCompile(`\b(?:derniers|dernieres)\s+(?:deploiements|deploys|mises en prod|livraisons|mep)\b`),
		// "dernier déploiement de l'api", "last deploy of api": the last
		// one asked, said alone (it deployed api).
		mustCompile(`^(?:(?:le|la|the|my|mon|ma|our|notre)\s+)?(?:dernier|derniere|last|latest)\s+(?:deploiement|deploy|deployment|mep|release|livraison)(?:\s+(?:de|du|of|for|pour|sur|on)\s+(?:l\s+|la\s+|le\s+|the\s+)?\S+)?(?:\s+(?:en|on|in|sur)\s+(?:la\s+|le\s+)?(?:prod|production|staging|stg|preprod|recette|prd|live))?$`),
		mustCompile(`^(?:who deployed|who last deployed|qui a deploye|qui a livre|qui a mis)\b`),
		mustCompile(`^(?:qu est-?\s?ce qui a ete|qu est-?\s?ce qu on a) (?:deploye|livre|mis en prod|mis en production|release)\b`),
		mustCompile(`^what (?:was|has been|have we|did we|got) (?:deployed|shipped|released|deploy|ship|release)\b`),
		// "when was api last deployed to prod?", "quand a eu lieu la dernière MEP du site ?"
		mustCompile(`^(?:when|quand)\b.*\b(?:last|latest|dernier|derniere)\b`),
	}
	statusRe = mustCompile(`^(?:status|statut|etat|state)(?:\s+(.*))?$`)
	// statusRes ask for the state; those marked subject only when they
	// name a project or an environment ("which version of node?" is a
	// question), those marked version read "live" as production.
	statusRes = []struct {
		re               *pattern
		subject, version bool
	}{
		{mustCompile(`^(?:what s|what is|whats)\s+(?:running|deployed|live)\b`), false, false},
		{mustCompile(`^what runs\b`), false, false},
		{mustCompile(`^(?:which|what)\s+version\b`), true, true},
		{mustCompile(`^quelle version\b`), true, true},
		{mustCompile(`^qu est-?\s?ce qui (?:tourne|est deploye|est en ligne|est en prod|est en production|est en staging|est en recette)\b`), false, false},
		{mustCompile(`^(?:c est|c|cest) (?:quoi la|quelle) version\b`), true, false},
		{mustCompile(`^ou en est\b`), true, false},
		// "il en est où le déploiement du site ?", "is the api deploy
		// done?", "le déploiement de l'api est fini ?", "quick status on
		// everything pls"
		{mustCompile(`^(?:il|elle|ca)\s+en\s+est\s+ou\b`), true, false},
		// "ça tourne où ?", "et en cours, ça tourne où ?"
		{mustCompile(`^(?:(?:et\s+)?en\s+cours\s+)?(?:ca|ils|elles)\s+tourne(?:nt)?\s+ou$`), false, false},
		// "ça tourne quoi en prod maintenant ?", "il tourne quoi en recette le site ?"
		{mustCompile(`^(?:et\s+)?(?:ca|il|elle|ils|elles|on)\s+(?:tourne|tournent)\s+(?:quoi|avec quoi|sur quoi|en quoi|quelle version|avec quelle version|sur quelle version)(?:\s+(?:en|sur|dans)\s+(?:la\s+|le\s+|l\s+)?\S+)?(?:\s+(?:maintenant|la|actuellement|en ce moment))?$`), true, false},
		{mustCompile(`^(?:is|has)\s+(?:the\s+)?\S+\s+(?:deploy|deployment|release|rollback)\s+(?:done|finished|over|complete|completed|through)\b`), true, false},
		{mustCompile(`^(?:le|la|l)\s+(?:deploiement|mep|rollback|release)\s+(?:de|du|d)\s+(?:l\s+|la\s+|le\s+)?\S+\s+(?:est|a)\s+(?:fini|finie|termine|terminee|passe|passee|bon|ok)\b`), true, false},
		{mustCompile(`^(?:quick|short|petit|rapide)\s+(?:status|statut|etat|point)\b`), false, false},
		{mustCompile(`^where (?:are we|do we stand|are things|is it at|s it at)\s+(?:on|with|for)\b`), true, false},
		{mustCompile(`^(?:quoi de neuf|what s new|whats new|what is new)\b`), true, false},
		{mustCompile(`^(?:y a quoi|il y a quoi|qu est-?\s?ce qu il y a)\s+(?:en|sur|dans)\b`), true, false},
		// "qu'est-ce qu'on a en préprod sur le site en ce moment", "what
		// do we have on staging for web right now"
		{mustCompile(`^(?:qu est-?\s?ce qu on a|what do we have|what have we got)\s+(?:en|sur|dans|on|in)\s+(?:la\s+|le\s+|l\s+)?(?:prod|production|staging|stg|preprod|pre-prod|recette|prd|live)(?:\s+(?:sur|pour|de|du|for|of|on)\s+(?:la\s+|le\s+|l\s+|the\s+)?\S+)?(?:\s+(?:en ce moment|actuellement|right now|now|currently|maintenant))?$`), true, false},
		// "c'est quoi l'état de tous les projets ?", "what's the status of
		// api?"
		{mustCompile(`^(?:c est quoi|quel est|what s|what is|whats)\s+(?:l\s+|le\s+|the\s+)?(?:etat|statut|status|state)(?:\s+(?:de|of|des|du|d)\s+(?:tous\s+les\s+|toutes\s+les\s+|all\s+(?:the\s+)?|the\s+|les\s+)?(?:projets|projects|deploiements|deployments|environnements|environments|apps|envs))?$`), false, false},
		{mustCompile(`^(?:c est quoi|quel est|what s|what is|whats)\s+(?:l\s+|le\s+|the\s+)?(?:etat|statut|status|state)\s+(?:de|of|du|d|for|pour|on|sur|en|in)\b`), true, false},
		{mustCompile(`^(?:is|are)\s+(?:anything|something|there (?:a|any) deploy\w*)\s+(?:deploying|running|in flight|in progress|going on)\b`), false, false},
		{mustCompile(`^(?:y a|il y a|y a-t-il|y a t il)\s+(?:un|des)\s+deploiements?\s+en cours\b`), false, false},
		{mustCompile(`^(?:is|are|est-ce que|est ce que)\s+(?:\S+\s+){1,3}(?:locked|verrouille|verrouillee|verrouilles|frozen|gele|gelee|geles)\b`), false, false},
		{whyLockedRe, true, false},
		// "le site est gelé ?", "is web production frozen?"
		{mustCompile(`^(?:\S+\s+){1,4}(?:est|sont|is|are)\s+(?:(?:still|encore|toujours)\s+)?(?:locked|verrouille|verrouillee|verrouilles|frozen|gele|gelee|geles|bloque|bloquee)$`), true, false},
	}
	// whyLockedRe asks why a project or an environment is locked or
	// frozen: "why is the api production locked?", "pourquoi la prod du
	// site est gelée ?"; the state says by whom and why. Asked alone: "why
	// is web production locked? I just want to deploy the hotfix" is a
	// complaint, answered as a question; "why isn't it locked?", "why is
	// it always locked?", "who locked prod yesterday?" ask of something
	// else than the state now (notNowWords).
	whyLockedRe = mustCompile(`^(?:why\s+(?:is|are)\s+(?:\S+\s+){1,4}(?:still\s+)?(?:locked|frozen)|pourquoi\s+(?:est-ce que\s+|est ce que\s+|est-ce qu\s+|est ce qu\s+)?(?:\S+\s+){1,5}(?:est|sont)\s+(?:encore\s+|toujours\s+)?(?:verrouille|verrouillee|verrouilles|gele|gelee|geles|bloque|bloquee))$`)
	// historyIndex and statusIndex try only the patterns of historyRes
	// and statusRes that may match a line (patternIndex).
	historyIndex = newPatternIndex(historyRes)
	statusIndex  = newPatternIndex(func() []*pattern {
		ps := make([]*pattern, len(statusRes))
		for i, sr := range statusRes {
			ps[i] = sr.re
		}
		return ps
	}())
	whatInRe    = mustCompile(`^(?:what s|what is|whats)\s+(?:in|on)\s+(\S+)(?:\s+(?:right now|now|today|currently))?$`)
	diffRe      = mustCompile(`^(?:diff|compare|comparer|compare-moi|difference|differences)\b`)
	diffWordsRe = mustCompile(`\b(?:diff|difference|differences|ecart|ecarts|compare|comparer|compare-moi|between|entre|vs|versus|how far behind|how far ahead|en retard sur|not yet (?:in|on)|pas encore (?:en|sur)|(?:isn t|isnt|is not|aren t|arent|are not|not) (?:yet )?(?:in|on)|n est pas (?:encore )?(?:en|sur)|ne sont pas (?:encore )?(?:en|sur))\b`)
	approversRe = mustCompile(`^(?:(?:et|and|ok|okay|merci|thanks|alors|so|du coup|bon)\s+)*(?:(?:who|qui)\b.*\b(?:approves?|approvers?|approbateurs?|valideurs?|approuve|approuvent|valide|valident|can approve|peut approuver|signs? off|may approve|can deploy|may deploy|peut deployer|peuvent deployer|a le droit de deployer|ont le droit de deployer)|(?:show|list|liste|montre|affiche|donne)(?:\s+(?:me|moi|the|les|la|liste des))?\s+(?:approvers|approbateurs|valideurs))\b`)
	// approversAskedRe asks the approvers in other words, the message
	// being only that question: "c'est quoi les approbateurs de l'api en
	// prod ?" (not "quels sont les approbateurs ? déploie web 2.5.0").
	approversAskedRe = mustCompile(`^(?:(?:et|and|ok|okay|alors|so|du coup|bon)\s+)*(?:c\s+est\s+(?:quoi|qui)|quels?\s+sont|what\s+are|who\s+are)\s+(?:les\s+|the\s+)?(?:approvers|approbateurs|valideurs)\b`)
	drillRe          = mustCompile(`^(?:drill|(?:lance\s+un\s+|run\s+a\s+|start\s+a\s+)?(?:exercice de rollback|rollback drill))\s+(?:sur\s+|on\s+|for\s+|pour\s+|de\s+)?(?:le\s+|la\s+|the\s+)?(\S+)(?:\s+(?:en\s+|in\s+|on\s+)?(\S+))?$`)
	runbookRe        = mustCompile(`^runbook(?:\s+(?:de\s+|du\s+|of\s+|for\s+)?(\S+))?(?:\s+(?:en\s+|in\s+|on\s+)?(\S+))?$`)
	auditRe          = mustCompile(`^(?:audit(?:\s+log|\s+trail)?|journal(?:\s+d\s+audit)?|historique des changements)(?:\s+(?:de\s+|du\s+|of\s+|for\s+|pour\s+)?(?:l\s+|le\s+|the\s+|projet\s+|project\s+)?(\S+))?$`)
	auditForRe       = mustCompile(`^(.+?)\s+(?:pour|for|sur|on)\s+(?:le\s+|la\s+|l\s+|the\s+)?(?:projet\s+|project\s+)?(\S+)$`)
	whoChangedWhatRe = mustCompile(`^(?:qui a (?:change|modifie|touche|approuve|valide|fait) quoi|who (?:changed|touched|modified|approved|did) what|what did (?:people|we|anyone) change)(?:\s+(?:sur|on|in|for|pour|dans|de|du|to)\s+(?:le\s+|la\s+|l\s+|the\s+|projet\s+|project\s+)*(\S+))?$`)
	whoSettingsRe    = mustCompile(`^(?:qui a (?:change|modifie|touche)|who (?:changed|touched|modified))\s+(?:aux\s+|a\s+la\s+|au\s+|les\s+|la\s+|the\s+)?(?:reglages|parametres|settings|config|configuration)(?:\s+(?:de|du|of|for|pour|on|sur)\s+(?:l\s+|la\s+|le\s+|the\s+)?(?:projet\s+|project\s+)?(\S+))?$`)
	whoChangedRe     = mustCompile(`^(?:qui a (?:change|modifie)|who (?:changed|set|modified))\s+(?:l\s+|la\s+|le\s+|les\s+|the\s+)?(.+?)(?:\s+(?:de|du|of|for|pour|on|sur)\s+(?:l\s+|la\s+|le\s+|the\s+)?(?:projet\s+|project\s+)?(\S+))?$`)
	whatChangedRe    = mustCompile(`^(?:what (?:has )?changed|qu est-?\s?ce qui a change|quels changements|what changes)(?:\s+(?:in|to|on|dans|sur)\s+(?:the\s+|les\s+|la\s+|le\s+)?(?:settings|setting|config|configuration|context|contexte|parametres|reglages))?(?:\s+(this week|today|cette semaine|aujourd hui|ce mois|this month))?$`)
	showContextRe    = mustCompile(`^(?:show\s+|montre\s+(?:moi\s+)?(?:le\s+)?|affiche\s+(?:le\s+)?)?(?:the\s+)?(?:agency\s+)?(?:context|contexte)(?:\s+(?:for|of|du|de|de\s+l|pour))?(?:\s+(?:the\s+)?(?:project|projet|le\s+projet))?(?:\s+(\S+))?$`)
	setEnRe          = mustCompile(`^set\s+(?:the\s+)?(?:(agency)|(?:project\s+)?(\S+))(?:'s)?\s+(.+?)\s+(?:to|=)\s+(.+)$`)
	setFrRe          = mustCompile(`^pour\s+(?:(l\s*agence)|(?:le\s+projet\s+|le\s+|la\s+|l\s+)?(\S+?)),?\s+(?:la\s+|le\s+|les\s+|l\s+)?(.+?)\s+(?:est|sont|=|:)\s+(.+)$`)
	resetRe          = mustCompile(`^(?:reset|reinitialise|reinitialiser|retablis|remets par defaut)\s+(?:the\s+|la\s+|le\s+|les\s+|l\s+)?(.+?)(?:\s+(?:for|of|pour|de|du|on)\s+(?:the\s+)?(?:project\s+|projet\s+|le\s+projet\s+|l\s+|le\s+|la\s+)?(\S+)(?:\s+(?:en\s+|in\s+|on\s+|for\s+)?(\S+))?)?$`)
	onboardRe        = mustCompile(`^(?:let\s+s\s+|lets\s+|on\s+)?(?:onboard|configure|configurer|configurons|configurez|setup|set\s+up|interview|(?:lance|lancer|commence|commencer|demarre|demarrer|start|begin|run)\s+(?:l\s+|un\s+|the\s+|an\s+)?(?:entretien|interview|onboarding)(?:\s+(?:pour|de|du|for|of|on|sur))?)\s+(?:the\s+|le\s+|l\s*|les\s+)?(?:(?:conventions|settings|reglages|parametres)\s+(?:de\s+l\s*|of\s+the\s+|d\s+)?)?(?:(agency|agence)(?:\s+(?:conventions|settings|context|contexte|parametres|reglages))?|(?:project\s+|projet\s+)?(\S+))$`)
	interviewRe      = mustCompile(`^(?:(?:lance|lancer|commence|commencer|demarre|demarrer|reprends|reprendre|start|begin|run|resume|continue)\s+(?:l\s+|un\s+|une\s+|the\s+|an\s+|my\s+|mon\s+)?)?(?:entretien|interview|onboarding)$`)
	helpHowRe        = mustCompile(`^(?:how (?:do|can|should) (?:i|we) (?:use|talk to|work with) (?:you|this bot|the bot|deploybot|it)|how do you work|how does (?:this bot|the bot|deploybot|it) work|comment (?:je t utilise|on t utilise|t utiliser|utiliser (?:le bot|deploybot|ce bot)|(?:je|on) (?:fait|fais) pour t utiliser|tu marches|tu fonctionnes|ca marche)|what can i do (?:with|here)|que puis-je faire (?:avec toi|ici)|je peux faire quoi (?:avec toi|ici))$`)
	listRemFrRe      = mustCompile(`^(?:(?:liste|lister|affiche|afficher|montre|montrer|voir|quels sont|c est quoi|ce sont quoi)\s+)?(?:moi\s+)?(?:la\s+liste\s+)?(?:les\s+|mes\s+|des\s+|tous\s+les\s+)?rappels(?:\s+(?:en place|actifs|en cours|programmes|prevus))?$`)
	listRemEnRe      = mustCompile(`^(?:(?:list|show)\s+)?(?:me\s+)?(?:the\s+|my\s+|all\s+)?reminders$`)
	delRemFrRe       = mustCompile(`^(?:supprime|supprimer|efface|effacer|retire|retirer|annule|annuler|enleve|enlever)\s+(?:le\s+)?rappel\s+(?:n\s+|no\s+|numero\s+)?(\d+)$`)
	// delRemAnyRe deletes a reminder said by what it is, not its number.
	delRemAnyRe = mustCompile(`^(?:(supprime|supprimer|efface|effacer|retire|retirer|enleve|enlever|annule|annuler)\s+(?:le|un|ce|mon|l)\s+rappel(?:\s+(?:du|de|des|pour|dans|sur|d)\s+.{1,40})?|(?:delete|remove|drop|cancel|kill|stop)\s+(?:the|a|my|that|one\s+of\s+my|one\s+of\s+the)\s+(?:\S+\s+)?reminders?(?:\s+(?:for|of|in|on|about)\s+.{1,40})?)$`)
	delRemEnRe  = mustCompile(`^(?:(?:delete|remove|cancel|drop|kill)\s+(?:the\s+)?reminder|reminders?\s+(?:delete|remove|cancel|drop))\s+(?:no\s+|number\s+)?(\d+)$`)
	dateRe      = mustCompile(`\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?`)
	quotedRe    = mustCompile(`"([^"]*)"|“([^”]*)”|«\s*([^»]*?)\s*»`)
)

// command finds the chat command p is, if any.
func (r *Router) command(p *parse) (cmd, bool) {
	countRead(len(p.raw) + len(p.line))
	line := strings.TrimSpace(p.line)
	bare := stripPolite(strings.Trim(line, " ?!."))
	if (bare == "ok" || bare == "okay" || bare == "oke" || bare == "okey" || bare == "cool") && thanks(line) {
		return cmd{}, false // "ok thanks", "ok merci": small talk
	}
	if c, ok := r.setAfterOpeners(p, bare); ok {
		return c, true
	}
	for _, when := range [...]string{" first", " d abord", " dabord", " avant tout", " before anything", " now", " maintenant", " right now",
		" tout de suite"} {
		if head, ok := strings.CutSuffix(bare, when); ok && head != "" {
			// "list freezes first", "l'historique d'abord": the read,
			// before whatever else was asked; "configure le projet web
			// maintenant": the interview, now.
			q := *p
			q.line = head
			if c, ok := r.commandRead(&q, head, head); ok && (readCommands[c.cmd] || c.cmd == deploybot.CmdInterview || c.cmd == deploybot.CmdRunbook) {
				return c, true
			}
		}
	}
	return r.commandRead(p, line, bare)
}

// maxOpeners is the most openers setAfterOpeners reads a setting after.
const maxOpeners = 8

// setAfterOpeners reads "ok set api strategy to canary" after the bot
// compared two strategies: the setting, as if said alone (it was talk).
// bare is p's line without its politeness. After "ok alors …" the
// setting is the one read after both openers, or else after the first.
//
// The openers are dropped in one pass: dropping one and reading the rest
// as a command, which dropped the next, read the message once for each
// opener ("parfait, " 256 times took 42 s).
func (r *Router) setAfterOpeners(p *parse, bare string) (cmd, bool) {
	var rests []string
	for {
		first, rest, ok := strings.Cut(bare, " ")
		if !ok || !setOpeners.has(first) {
			break
		}
		rests = append(rests, rest)
		bare = rest
		if len(rests) <= maxOpeners {
			// What command did with q.line = rest before it read it; past
			// maxOpeners openers, a long message of them, only the next
			// opener is cut (stripPolite reads the whole rest).
			bare = stripPolite(strings.Trim(strings.TrimSpace(rest), " ?!."))
		}
	}
	// The rest after the most openers first, as command read it: each
	// rest's own openers were read before the rest itself. After more than
	// maxOpeners openers, only that rest.
	last := 0
	if len(rests) > maxOpeners {
		last = len(rests) - 1
	}
	for k := len(rests) - 1; k >= last; k-- {
		q := *p
		q.line = rests[k]
		line := strings.TrimSpace(q.line)
		bare := stripPolite(strings.Trim(line, " ?!."))
		if (bare == "ok" || bare == "okay" || bare == "oke" || bare == "okey" || bare == "cool") && thanks(line) {
			continue
		}
		if c, ok := r.commandRead(&q, line, bare); ok && c.cmd == deploybot.CmdContext && c.args["what"] == "set" && c.args["key"] != "" {
			return c, true
		}
	}
	return cmd{}, false
}

// commandRead is command after its first checks: line is p's line
// trimmed, bare without its politeness.
func (r *Router) commandRead(p *parse, line, bare string) (cmd, bool) {
	if m := laterLeadRe.FindStringSubmatch(bare); m != nil && len(clauses(p.raw)) == 1 {
		// (One clause: not "tomorrow we release web, so unlock web
		// staging now", an order now after it.)
		ws := strings.Fields(m[1])
		if slices.ContainsFunc(ws[:min(len(ws), 4)], func(w string) bool {
			c, ok := lockVerbs[w]
			return ok && (c == deploybot.CmdLock || c == deploybot.CmdUnlock) || w == "lock" || w == "unlock" || w == "verrouille" || w == "deverrouille"
		}) {
			// "tout à l'heure je lock la prod de l'api pour la
			// maintenance", "demain on déverrouille le site": a lock the
			// person tells for later is no command now (holdout63; the
			// bot schedules none).
			return cmd{}, false
		}
	}
	texted := texting(bare)
	en, fr := deploybot.English, deploybot.French
	if settingPronounRe.MatchString(bare) || resetPronounRe.MatchString(bare) {
		// "set it to canary", "remets-la par défaut": which setting of
		// which project "it" is, the bot cannot tell well enough to change
		// it (an attack set approvals to none this way); talk about it.
		return cmd{}, false
	}
	if rest := pronounDropped(bare); rest != "" {
		if _, ok := lockPronoun(lockHeadOf(p.raw, bare)); !ok {
			return cmd{}, false // "freeze that thought, brb": no order on a pronoun
		}
		// rest keeps a reason after a colon: the lock rule reads it from raw.
		// "lock it", "verrouille-le", "freeze it until monday", "lève-le":
		// the verb on what the conversation named (parse fills the
		// project from it, subjectFilled).
		q := *p
		q.line = rest
		if c, ok := r.command(&q); ok && c.unknownApp == "" && c.unknownEnv == "" {
			return c, true // not "now unlock it, payments are back: …", whose "names" are its reason's words
		}
		// "freeze it until monday then": the pronoun makes it the order
		// whatever follows.
		verb, _, _ := strings.Cut(rest, " ")
		c := cmd{cmd: lockVerbs[verb]}
		if frenchLockWords.has(verb) {
			c.lang = deploybot.French
		}
		if c.cmd == deploybot.CmdFreeze {
			c.freezeDates(p.raw)
		}
		if _, j, ok := clauseBreak(p.raw); ok && reasoned[c.cmd] {
			if reason := strings.TrimSpace(p.raw[j:]); reason != "" {
				c.set("reason", reason) // "lock it: incident", "unlock it, payments are back"
			}
		} else if i := strings.IndexByte(p.raw, ':'); i >= 0 && reasoned[c.cmd] {
			if reason := strings.TrimSpace(p.raw[i+1:]); reason != "" {
				c.set("reason", reason) // "lock it:incident"
			}
		}
		return c, c.cmd != ""
	}
	if first, rest, ok := strings.Cut(bare, " "); ok && moreOpeners.has(first) && (strings.HasPrefix(rest, "remind") || strings.HasPrefix(rest, "rappel")) &&
		strings.HasPrefix(commandLine(p.raw), first+" ") && !strings.ContainsAny(p.raw, "?¿\"“«") { // the message's own first word, nothing asked or quoted
		// "also remind #api every monday at 10:00 to read the DORA
		// figures": one more reminder (it showed the DORA figures).
		q := *p
		q.line = strings.TrimSpace(strings.TrimPrefix(line, first))
		_, q.raw, _ = strings.Cut(strings.TrimSpace(p.raw), " ")
		if c, ok := r.reminderCommand(&q, q.line); ok {
			return c, true
		}
	}
	if rest, ok := strings.CutPrefix(bare, "et "); ok || strings.HasPrefix(bare, "and ") {
		// "et les verrous ?", "and the locks?": a list asked in sequel.
		if !ok {
			rest = bare[len("and "):]
		}
		rest = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(rest, "pour "), "for "), "the ") // "et pour les verrous ?"
		bareRest := strings.TrimPrefix(rest, "les ")                                                     // "et les locks ?": an English word after French
		for _, what := range listOrder {
			if listRes[what].MatchString(rest) || listRes[what].MatchString("les "+rest) || listRes[what].MatchString(bareRest) {
				c := cmd{cmd: deploybot.CmdList}
				c.set("what", what)
				return c, true
			}
		}
		if c, ok := r.readAfterLead(p, rest); ok {
			return c, true // "and history for it?", "et l'historique ?" (it was talk on production)
		}
	}
	if lead, rest, ok := strings.Cut(bare, " "); ok && readLeads.has(lead) && readHeads.has(firstField(rest)) {
		if c, ok := r.readAfterLead(p, rest); ok {
			return c, true // "ok show me the diff for api", "bon, status du site"
		}
	}
	if m := unfreezeNumberRe.FindStringSubmatch(bare); m != nil {
		// "dégèle le 3", "lève le gel n°3": that freeze (read as a bare
		// unfreeze, it lifted every freeze in force).
		c := cmd{cmd: deploybot.CmdUnfreeze}
		c.set("id", m[1])
		return c, true
	}
	if bareLockWords.has(withoutSequelWords(bare)) && !bareLockWords.has(bare) && strings.Trim(bare, "abcdefghijklmnopqrstuvwxyz -'") == "" {
		// "verrouille alors", "lock now": the verb alone.
		q := *p
		q.line = withoutSequelWords(bare)
		return r.command(&q)
	}
	switch {
	case bareLockWords.has(bare):
		// "unlock", "gèle": the bot asks what; the answer completes it
		// (router.followUpOf).
		c := cmd{cmd: lockVerbs[bare], lang: en}
		if frenchLockWords.has(bare) {
			c.lang = fr
		}
		return c, true
	case helpEn.has(bare) || bare == "/help" || helpEn.has(texted) || helpEn.has(helpCore(bare)):
		return cmd{cmd: deploybot.CmdHelp, lang: en}, true
	case helpFr.has(bare) || bare == "/aide" || helpFr.has(helpCore(bare)):
		return cmd{cmd: deploybot.CmdHelp, lang: fr}, true
	case confirmWords.has(bare):
		c := cmd{cmd: deploybot.CmdConfirm}
		if frenchWords.has(bare) {
			c.lang = fr
		}
		return c, true
	case declineWords.has(bare):
		c := cmd{cmd: deploybot.CmdCancel}
		c.set("decline", "yes")
		if frenchWords.has(bare) {
			c.lang = fr
		}
		return c, true
	}
	if head, ok := urgencyDropped(bare); ok && !strings.ContainsAny(p.raw, "?¿") {
		bare = head // "go, the client is waiting": a yes
	}
	if bare == "carrement" && carrementAlone(p.raw) {
		return cmd{cmd: deploybot.CmdConfirm, lang: deploybot.French}, true // "carrément" alone: a yes; it heads no other answer
	}
	if answer, french, ok := yesNo(bare); ok {
		c := cmd{cmd: answer}
		if answer == deploybot.CmdCancel {
			c.set("decline", "yes")
		}
		if french {
			c.lang = fr
		}
		return c, true
	}
	if helpAsked(bare) || helpHowRe.MatchString(bare) || bare != texted && (helpAsked(texted) || helpHowRe.MatchString(texted)) {
		c := cmd{cmd: deploybot.CmdHelp, lang: en}
		if p.in.Lang == fr {
			c.lang = fr
		}
		return c, true
	}
	if interviewRe.MatchString(bare) {
		return cmd{cmd: deploybot.CmdInterview}, true // "interview", "lance l'entretien"
	}
	if c, ok := r.interviewAsked(bare); ok {
		return c, true
	}
	if m := onboardRe.FindStringSubmatch(bare); m != nil {
		c := cmd{cmd: deploybot.CmdInterview}
		if m[1] != "" {
			c.set("scope", "agency")
			return c, true
		}
		c.set("scope", "project")
		r.nameProject(&c, m[2])
		return c, true
	}
	asked := stripAsk(bare) // the command inside a request ("show me the history")
	if c, ok := r.contextCommand(p, line, bare, asked); ok {
		return c, true
	}
	if c, ok := r.auditCommand(asked); ok {
		return c, true
	}
	if strings.HasPrefix(bare, "remind") || strings.HasPrefix(bare, "rappel") {
		// "remind #api every monday at 10am to check pending approvals":
		// the reminder's text may name another command.
		if c, ok := r.reminderCommand(p, line); ok {
			return c, true
		}
	}
	if c, ok := r.deployCommand(p, line, bare, asked); ok {
		return c, true
	}
	if c, ok := r.reminderCommand(p, line); ok {
		return c, true
	}
	if c, ok := idCommand(p, bare); ok {
		return c, true
	}
	if c, ok := r.typoCommand(p, bare); ok {
		return c, true
	}
	// "show me the history of api", "donne-moi le statut du site": the
	// command inside the request.
	if asked != bare && asked != "" && p.skipped < maxSkippedClauses { // not "le le le …" read again for each article
		q := *p
		q.line = asked
		q.skipped++
		if c, ok := r.command(&q); ok {
			return c, true
		}
	}
	return r.stemCommand(p)
}

// commandOf finds the command p is: the whole message, or its first
// clause when that is a command with its object and the rest a reason or
// a politeness ("cancel deployment 12, wrong version", "débloque api en
// prod, le process est mort"), or the clause after an acknowledgement
// ("lgtm, approving #77", "nope, deny #88 until the scan is green"). A
// command with its object says what to do whatever else the message
// says, so the classifier never turns it into an action.
func (r *Router) commandOf(p *parse) (cmd, bool) {
	c, ok := r.commandOfAny(p)
	if ok && c.cmd == deploybot.CmdHistory && c.env == "" && releaseWordsSaid(p.line) {
		c.env = deploybot.EnvProduction // "historique des MEP de l'api": the releases to production
	}
	if ok && c.cmd == deploybot.CmdAudit && c.args["since"] == "" && c.args["key"] == "" {
		// "qui a fait quoi aujourd'hui ? audit", "audit du mois pour api,
		// stp": the period anywhere in the message.
		if since := periodIn(p.line); since != "" {
			c.set("since", since)
		}
	}
	if ok && consequential[c.cmd] && c.cmd != deploybot.CmdReminders && r.orderThenCommand(p.raw) {
		// "unlock api prod, deploy web", "deny #12, deploy web to prod":
		// two orders, one as the other's reason; the bot plans neither.
		return cmd{}, false
	}
	if ok && (c.cmd == deploybot.CmdDeny || c.cmd == deploybot.CmdApprove) && c.args["reason"] != "" && hasMoment(c.args["reason"]) &&
		!slices.ContainsFunc(wordsOf(c.args["reason"]), func(w string) bool { return !timeOnlyWords.has(w) && strings.Trim(w, "0123456789h:") != "" }) {
		// "deny 53 tomorrow morning", "je refuse le 53 demain": a decision
		// put off to a moment, none now ("approve 53 tomorrow" was
		// already no approval).
		return cmd{}, false
	}
	if ok && c.cmd == deploybot.CmdFreeze && freezeOverRe.MatchString(p.line) && imperativeOf(commandLine(c.args["reason"])) != "" &&
		(r.analyze(c.args["reason"]).s.app != "" || r.analyze(c.args["reason"]).s.version != "") {
		// "bon, le gel est fini 🎉 on reprend : déploie le back v3.2.0 en
		// preprod": an order after the words of a freeze is no freeze's
		// reason (it froze, "déploie …" its reason).
		return cmd{}, false
	}
	if ok && (c.cmd == deploybot.CmdLock || c.cmd == deploybot.CmdFreeze) && r.orderBeforeLock(p.line) {
		// "tomorrow deploy web to production and then lock it", "the plan
		// is to deploy … and then lock it": the lock goes with the deploy
		// before it, which the action's rules read.
		return cmd{}, false
	}
	if ok && c.cmd == deploybot.CmdAudit {
		if head, tail, cut := strings.Cut(p.raw, ":"); cut && len(wordsOf(head)) >= 3 && !slices.ContainsFunc(wordsOf(head), auditWords.has) &&
			slices.ContainsFunc(wordsOf(tail), auditWords.has) {
			// "plus de déploiement sur l'api jusqu'à lundi : audit sécu
			// client": the audit is the reason told after the colon, no
			// request for the audit log.
			return cmd{}, false
		}
	}
	if ok && (c.cmd == deploybot.CmdLock || c.cmd == deploybot.CmdFreeze) && lockParticipleOnly(p.raw) {
		// "tout le monde bloqué, on attend le client", "tout est gelé":
		// the verb as a participle tells a state (folded, "bloqué" is
		// "bloque"), it orders nothing.
		return cmd{}, false
	}
	raw := p.raw
	if q := quotedRe.FindStringIndex(raw); q != nil && c.args["reason"] != "" && strings.Contains(raw[q[0]:q[1]], c.args["reason"]) &&
		strings.TrimSpace(raw[:q[0]]) != "" && // not `"unlock web production: fixed"`: the whole order quoted (review 12 unlocked)
		hasOrderWord(raw[:q[0]]+raw[q[1]:]) && // not `you can type "unlock web production: fixed"`: the order is the quote's
		!strings.Contains(raw[q[0]:q[1]], "?") && !mockingMark(raw[q[0]:q[1]]) { // not `unlock api prod "fixed, or is it?"`, `deny 12 "just kidding"`
		// "outcome 13 failed "rollback done by hand"": the quoted reason's
		// words are no order quoted.
		raw = raw[:q[0]] + raw[q[1]:]
	}
	if reason := c.args["reason"]; c.cmd == deploybot.CmdDeny && reason != "" && strings.Contains(raw, reason) && !mockingMark(reason) &&
		!strings.Contains(reason, "?") && !takenBack(reason) && !strings.Contains(strings.ToLower(reason), "j/k") &&
		!ordersSomething(wordsOf(reason)) && !addressedElsewhere(p.raw) {
		// "deny 57, not before the demo ends", "refusé, pas avant la fin
		// de la démo": a refusal's reason says why, it puts nothing off
		// (it was read as talk and nothing was refused).
		raw = strings.Replace(raw, c.args["reason"], "", 1)
	}
	line := p.line
	if raw != p.raw {
		line = commandLine(raw)
	}
	if i := strings.LastIndexByte(raw, ':'); i > 0 && (c.cmd == deploybot.CmdUnlock || c.cmd == deploybot.CmdUnfreeze) && reportsDone(raw[i+1:]) &&
		!quotedOrder(raw) &&
		strings.TrimSpace(raw[i+1:]) != "" && !strings.Contains(raw[i+1:], "?") {
		// "unlock api prod: done": the work the lock kept others from is
		// done, the reason to lift it; the report hedge.go reads in "rollback
		// api prod: done" is not this one's (it answered the notification
		// template and unlocked nothing).
		raw = raw[:i]
		line = commandLine(raw)
	}
	if ok && consequential[c.cmd] && c.cmd != deploybot.CmdReminders && c.args["decline"] == "" &&
		(asksAbout(raw, line) || r.givesNoOrderFor(raw, line, c.cmd == deploybot.CmdLock || c.cmd == deploybot.CmdFreeze || c.cmd == deploybot.CmdDeny) ||
			othersWishCommand(raw, c.cmd)) {
		// See hedge.go: an order's words, not an order; nor someone
		// else's wish ("Karim veut qu'on verrouille la prod de l'api").
		return cmd{}, false
	}
	if ok && c.cmd == deploybot.CmdReminders && c.args["op"] == "delete" && (strings.Contains(p.raw, "?") || reminderDeletionHedged(numbered(p.raw))) {
		// "don't delete reminder 2", "ne supprime pas le rappel 2",
		// "delete reminder 2?": a reminder's text may say anything, its
		// deletion is an order like the others (review 12 deleted #2).
		return cmd{}, false
	}
	if ok && loosens(c) && lastWordNegates(p.line) {
		return cmd{}, false // "approve 12 not", "valide le 12, non"
	}
	if ok && loosens(c) && (strings.Contains(strings.ToLower(p.raw), "y/n") || strings.Contains(strings.ToLower(p.raw), "o/n")) {
		return cmd{}, false // "approve 12 y/n": asked
	}
	if ok && loosens(c) && strings.ContainsAny(p.raw, "?¿") && !hasOrderWord(p.line) {
		// "ok for 14, right?", "ok for 14 — tests green?": an assent
		// asked, with no word of the order, gives none (attack 17).
		return cmd{}, false
	}
	if ok && loosens(c) && permissionAsked(line) && !permissionGiven(raw, line) {
		// "can we unfreeze web", "on peut approuver le 12", "can I unlock
		// web production: fixed", "we can set web approval to none":
		// asked or suggested, even without its "?", a loosening is not
		// given (review 12 lifted a freeze, approved, unlocked and set an
		// approval to none this way). A lock or a freeze asked for is
		// still done: it only costs a wait.
		return cmd{}, false
	}
	return c, ok
}

// loosens reports whether a command lets something go that was held: an
// approval, a confirmation, an unlock, an unfreeze, a reset or a setting.
func loosens(c cmd) bool {
	switch c.cmd {
	case deploybot.CmdApprove, deploybot.CmdConfirm, deploybot.CmdUnlock, deploybot.CmdUnfreeze, deploybot.CmdReset,
		deploybot.CmdTick, deploybot.CmdOutcome:
		return true
	case deploybot.CmdContext:
		return c.args["what"] == "set"
	}
	return false
}

// permissionOpeners ask whether something may be done, or suggest it:
// "can we …", "on peut …", "we could …".
var permissionOpeners = []string{"can i ", "can we ", "could i ", "could we ", "may i ", "may we ", "we can ", "we could ",
	"i can ", "je peux ", "on peut ", "on pourrait ", "peut-on ", "puis-je ", "est-ce que je peux ", "est-ce qu on peut ",
	"je pourrais ", "nous pouvons ", "tu crois qu on peut ", "do you think we can ", "is it ok to ", "est ce qu on peut ",
	"estce qu on peut ", "est ce que je peux ", "est ce que on peut ", "puis je ", "peut on ", "pourrait-on ", "pourrait on ",
	"pourrions-nous ", "pourrions nous ", "pouvons-nous ", "pouvons nous ", "is it fine to ", "is it safe to ", "ok to ",
	"fine to ", "safe to ", "good to ", "are we good to ", "are we ok to ", "are we fine to ", "ready to ", "time to ",
	"we should ", "should we ", "should i ", "faudrait ", "il faudrait ", "on devrait ", "on peux ", "on peu ", "cna we ",
	"cn we ", "can u ", "we could ", "shall we ", "to ", "is it possible to ", "c est possible de ", "c est possible d ",
	"is it time to ", "ok d ", "est-il possible de ", "est il possible de "}

// permissionStated open a permission stated rather than asked: "on peut
// dégeler la prod, l'incident est clos" gives the go with its reason.
var permissionStated = []string{"we can ", "i can ", "je peux ", "on peut ", "nous pouvons "}

// permissionGiven reports whether a line states that something may be
// done now, with the reason after it and nothing asked: "on peut dégeler
// la prod, l'incident est clos", "we can unlock web now, payments are
// back". Said alone ("on peut approuver le 12") it stays a suggestion.
func permissionGiven(raw, line string) bool {
	if strings.Contains(raw, "?") {
		return false
	}
	stated := false
	for _, o := range permissionStated {
		if strings.HasPrefix(line, o) {
			stated = true
			break
		}
	}
	if !stated {
		return false
	}
	i, j, ok := clauseBreak(raw)
	if ok && i > 0 {
		// The reason must say what is over: not "pas encore", "if carol
		// agrees", "right", "I think" (attack 17).
		return strings.TrimSpace(raw[j:]) != "" && !notAReason(wordsOf(raw[j:]))
	}
	for _, m := range []string{" because ", " since ", " now that ", " car ", " parce que ", " parce qu ", " maintenant que ", " puisque "} {
		if k := strings.Index(line, m); k > 0 {
			return !notAReason(strings.Fields(line[k+len(m):])) // "we can unfreeze prod because the incident is closed"
		}
	}
	return false
}

// numbered writes a number sign "n°4" as "#4", so that its "n" is no
// French negation.
func numbered(s string) string {
	return strings.NewReplacer("n°", "#", "N°", "#", "no. ", "#").Replace(s)
}

// permissionAsked reports whether a folded line opens, after its
// interjections, by asking whether something may be done.
func permissionAsked(line string) bool {
	if strings.HasPrefix(line, "ok d ") || strings.HasPrefix(line, "ok to ") || strings.HasPrefix(line, "okay to ") {
		return true // "ok d'approuver le 14 ?", "ok to ship 14?"
	}
	l := line
	for {
		w, rest, ok := strings.Cut(l, " ")
		if !ok || !interjections.has(w) && !politeWords.has(w) && !answerYes.has(w) && w != "good" && w != "d" && w != "accord" {
			break
		}
		l = rest // "yes we can approve 12", "d'accord on peut dégeler le front"
	}
	if strings.HasPrefix(l, "can i ask you to ") || strings.HasPrefix(l, "could i ask you to ") || strings.HasPrefix(l, "puis-je te demander d") ||
		strings.HasPrefix(l, "we can go ") || strings.HasPrefix(l, "good to go") || strings.HasPrefix(l, "on peut y aller") {
		return false // a polite order to the bot
	}
	for _, o := range permissionOpeners {
		if strings.HasPrefix(l, o) {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(l, "c est bon pour "); ok && !strings.HasPrefix(rest, "moi") && !strings.HasPrefix(rest, "nous") {
		return true // "c'est bon pour dégeler la prod" (not "c'est bon pour moi")
	}
	return strings.HasPrefix(l, "what about ") || strings.HasPrefix(l, "how about ") || strings.HasPrefix(l, "et si on ")
}

// commandOfAny is commandOf before the check of hedge.go.
// hasMoment reports whether text names a moment ("tomorrow", "lundi 9h").
func hasMoment(text string) bool {
	_, ok := momentOf(text, nil)
	return ok
}

// timeOnlyWords name a moment and nothing else: "tomorrow morning",
// "demain matin", "lundi prochain".
var timeOnlyWords = setOf("demain", "tomorrow", "morning", "matin", "soir", "evening", "afternoon", "aprem", "apres-midi", "tonight",
	"monday", "tuesday", "wednesday", "thursday", "friday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "next", "prochain",
	"prochaine", "week", "semaine", "later", "plus", "tard", "at", "a", "this", "ce", "cet", "cette", "le", "la", "in", "dans", "an",
	"hour", "heure", "heures", "hours", "am", "pm")

// freezeOverRe says a freeze is over, in folded words: "le gel est
// fini", "the freeze is over".
var freezeOverRe = mustCompile(`\b(?:gel|freeze)\s+(?:est\s+|is\s+)?(?:fini|finie|termine|terminee|over|done|ended|leve|finished)\b`)

// decisionVerb reports whether w is the verb of a decision on a
// deployment: "approuve", "refuse", "approve", "deny".
func decisionVerb(w string) bool {
	switch w {
	case "approuve", "approve", "refuse", "deny", "valide", "confirme", "confirm", "rejette", "reject":
		return true
	}
	return false
}

// scopeFirstRe is a message that names its project first, then a
// command: "pour l'api, mets la stratégie à canary", "for web: lock prod".
var scopeFirstRe = mustCompile(`(?i)^(?:pour|for)\s+(?:l'|l’|le\s+|la\s+|the\s+)?([\w-]+)\s*[,:]\s*(\S.*)$`)

// maxSkippedClauses is the most times the command rules drop what a
// message opens with, one after the other, to read the rest as a
// command: a first clause of interjections or answers, a subject ("on",
// "we"), a request's article ("the", "le"), a lead ("et", "and").
const maxSkippedClauses = 12

func (r *Router) commandOfAny(p *parse) (cmd, bool) {
	// The command of the text after the first clause, read once: the
	// answer's branch and the interjection's below both read it, and each
	// read the next clause's twice in turn ("ok, ok, …, deploy web 3.0.1
	// to prod" took seconds for 20 clauses: 2^n).
	var tailRead struct {
		tail string
		c    cmd
		ok   bool
		done bool
	}
	tailCommand := func(tail string) (cmd, bool) {
		if p.skipped >= maxSkippedClauses {
			// A long run of interjections ("ok, ok, …", "go! go! …"):
			// each clause skipped read the rest of the message again.
			return cmd{}, false
		}
		if !tailRead.done || tailRead.tail != tail {
			tp := *p
			tp.raw, tp.line = tail, commandLine(tail)
			tp.skipped++
			c, ok := r.commandOf(&tp)
			tailRead.tail, tailRead.c, tailRead.ok, tailRead.done = tail, c, ok, true
		}
		c := tailRead.c
		c.args = maps.Clone(c.args)
		return c, tailRead.ok
	}
	if i, j, ok := clauseBreak(p.raw); ok && i > 0 && answerOnly(commandLine(p.raw[:i])) {
		// "nope, deny #33: missing load tests", "oui, approuve le 12":
		// a yes or a no that opens a command on its deployment.
		tail := strings.TrimSpace(p.raw[j:])
		if tw := wordsOf(tail); len(tw) > 0 && howOpeners.has(tw[0]) {
			return cmd{}, false // "ok, how do I approve 22?": a question after the ok (it approved #22)
		}
		if c, ok := tailCommand(tail); ok && c.args["id"] != "" {
			return c, true
		}
	}
	if c, ok := r.command(p); ok {
		head := p.raw
		if i := strings.IndexByte(head, ':'); i >= 0 {
			head = head[:i] // the reason's words are its own: "unlock api prod: fixed, but not web yet"
		}
		if scopeCommands[c.cmd] && r.excludesNamed(wordsOf(head)) {
			// "unlock everything except api", "déverrouille tout sauf
			// l'api", "lock all except web": no one command the bot can
			// give; each locked or unlocked the project left out.
			return cmd{}, false
		}
		return c, true
	}
	if m := scopeFirstRe.FindStringSubmatch(p.raw); m != nil && r.projectWord(fold(m[1])) && !strings.ContainsAny(m[2], "?¿") &&
		!slices.ContainsFunc(wordsOf(m[2]), func(w string) bool { return negationWords.has(w) || laterWords.has(w) || notYetWords.has(w) }) &&
		!hasMoment(m[2]) {
		// "for web: lock prod", "pour l'api : montre le contexte": the
		// project said first, then the command on it.
		tp := *p
		tp.raw = m[2]
		tp.line = commandLine(tp.raw)
		if c, ok := r.command(&tp); ok && c.cmd != deploybot.CmdHelp && c.app == "" && c.unknownApp == "" {
			c.app, _ = r.project(fold(m[1]))
			if c.app == "" {
				c.app = r.ix.short[fold(m[1])]
			}
			if c.cmd == deploybot.CmdContext && c.args["scope"] == "agency" {
				c.set("scope", "project")
			}
			if c.app != "" {
				return c, true
			}
		}
	}
	for _, lead := range []string{"c est bon ", "c bon ", "cest bon ", "c est ok ", "ca marche "} {
		if tail, ok := strings.CutPrefix(p.line, lead); ok && !strings.ContainsAny(p.raw, "?¿") {
			// "c'est bon j'approuve": an assent, then the decision.
			// The decision is taken with no reason (below): its folded
			// words are all it needs.
			tp := *p
			tp.raw, tp.line = tail, tail
			tw := wordsOf(tail)
			if c, ok := r.command(&tp); ok && (c.cmd == deploybot.CmdApprove || c.cmd == deploybot.CmdConfirm || c.cmd == deploybot.CmdDeny) &&
				c.args["reason"] == "" && len(tw) <= 4 && (tw[0] == "j" || tw[0] == "je" || tw[0] == "i" || isActionWord(tw[0]) || decisionVerb(tw[0])) &&
				!slices.ContainsFunc(tw, func(w string) bool {
					return negationWords.has(w) || laterWords.has(w) || w == "rien" || w == "personne" || w == "tout"
				}) && !hasMoment(tp.raw) {
				return c, true
			}
		}
	}
	// "on gèle tout, incident en cours", "we lock api prod": the order
	// after its subject.
	if subj, rest, ok := strings.Cut(p.line, " "); ok && orderSubjects.has(subj) && p.skipped < maxSkippedClauses && // not "on on on …" read again for each
		!(strings.Contains(p.raw, "?") && orderModals.has(firstField(rest))) { // "on peut … ?" asks
		sp := *p
		sp.line = rest
		sp.skipped++
		if _, raw, ok := strings.Cut(strings.TrimSpace(p.raw), " "); ok {
			sp.raw = raw
		}
		// "on peut dégeler la prod, l'incident est clos": a modal said
		// without asking is the order too; asked ("?"), it stays a
		// question.
		if modal, after, ok := strings.Cut(sp.line, " "); ok && orderModals.has(modal) && !strings.Contains(p.raw, "?") {
			sp.line = after
			if _, raw, ok := strings.Cut(strings.TrimSpace(sp.raw), " "); ok {
				sp.raw = raw
			}
		}
		if c, ok := r.commandOf(&sp); ok && c.cmd != deploybot.CmdHelp {
			return c, true
		}
	}
	if q := strings.IndexByte(p.raw, '?'); q > 0 && strings.TrimSpace(strings.Trim(p.raw[q:], "? ")) != "" &&
		imperativeOf(commandLine(p.raw[q+1:])) == "" && !lockVerbIn(wordsOf(p.raw[q+1:])) {
		// "il y a des trucs à valider ? je pars dans 10 min": a question
		// for what the bot holds, then a remark.
		hp := *p
		hp.raw = strings.TrimSpace(p.raw[:q+1])
		hp.line = commandLine(hp.raw)
		if c, ok := r.command(&hp); ok && (readOnly[c.cmd] || c.cmd == deploybot.CmdContext && c.args["what"] == "show" ||
			c.cmd == deploybot.CmdReminders && c.args["op"] == "list") {
			return c, true
		}
		// "when does the end-of-year freeze start? list freezes pls": a
		// question, then the list asked for.
		tp := *p
		tp.raw = strings.TrimSpace(strings.TrimLeft(p.raw[q:], "? "))
		tp.line = commandLine(tp.raw)
		if !strings.ContainsAny(tp.raw, "?¿") {
			if c, ok := r.command(&tp); ok && (c.cmd == deploybot.CmdList || c.cmd == deploybot.CmdPending || c.cmd == deploybot.CmdStatus ||
				c.cmd == deploybot.CmdHistory) {
				return c, true
			}
		}
	}
	i, j, ok := clauseBreak(p.raw)
	if !ok || i == 0 {
		return cmd{}, false
	}
	head, tail := strings.TrimSpace(p.raw[:i]), strings.TrimSpace(p.raw[j:])
	if tail == "" {
		return cmd{}, false
	}
	if interjectionsOnly(commandLine(head)) || doneReport(head) || overReport(head) || assentOnly(head) {
		// "deploy done, lock web prod", "rollback fini, déverrouille
		// l'api": a report, then the command.
		// "attends, qu'est-ce qui tourne en staging là ?": the command
		// after an interjection.
		if tw := wordsOf(tail); len(tw) > 0 && howOpeners.has(tw[0]) {
			return cmd{}, false // "ok, how do I approve 22?": a question after the ok (it approved #22)
		}
		c, ok := tailCommand(tail)
		if ok && c.cmd == deploybot.CmdUnlock && c.args["reason"] == "" && overReport(head) {
			c.set("reason", head) // "la démo est finie, déverrouille le site en prod": why it is lifted
		}
		return c, ok
	}
	hp := *p
	hp.raw, hp.line = head, commandLine(head)
	c, ok := r.command(&hp)
	if ok && c.cmd == deploybot.CmdHelp && r.noSlots(tail) && !r.ordersIn(tail) {
		return c, true // "@deploybot aide stp, je connais pas les commandes"
	}
	if ok && c.cmd == deploybot.CmdInterview && c.args["scope"] != "" && !strings.Contains(tail, "?") && r.noSlots(tail) && !r.ordersIn(tail) {
		return c, true // "let's set up the agency conventions, ask me the questions"
	}
	if ok && readCommands[c.cmd] && !strings.Contains(tail, "?") && !ordersNow(tail) && (r.noSlots(tail) || !opensOrder(tail)) {
		return c, true // "show the audit trail for the month, I need it for the post-mortem"
	}
	if ok && withObject(c) {
		if c.args["reason"] == "" && (c.cmd == deploybot.CmdLock || c.cmd == deploybot.CmdUnlock || c.cmd == deploybot.CmdFreeze || c.cmd == deploybot.CmdUnfreeze) &&
			!strings.Contains(p.raw[i:j], ":") {
			return r.withTail(c, tail) // "freeze api prod, nvm", "lock api prod, incident"
		}
		if reasoned[c.cmd] && c.args["reason"] == "" {
			c.set("reason", tail)
		}
		return c, true
	}
	if ok && c.cmd == deploybot.CmdCancel && c.args["decline"] == "yes" && c.args["id"] == "" &&
		!strings.Contains(tail, "?") && r.noSlots(tail) {
		if tc, isCmd := r.command(&parse{r: r, raw: tail, line: commandLine(tail), in: p.in}); !isCmd || tc.cmd == deploybot.CmdCancel {
			// "nope, wrong version", "non, pas maintenant": a no with its
			// reason declines; a no that names a slot answers a question
			// ("non, staging"), one that asks is a question.
			c.set("reason", tail)
			return c, true
		}
	}
	if ok && c.cmd == deploybot.CmdCancel && c.args["decline"] == "" && c.args["id"] == "" && !strings.Contains(tail, "?") &&
		r.noSlots(tail) && !r.ordersIn(tail) {
		// "annule le déploiement en cours, mauvaise version": the cancel
		// and why (it was read as a rollback).
		c.set("reason", tail)
		return c, true
	}
	if ok && acknowledges[c.cmd] && c.args["id"] == "" {
		if c, ok := tailCommand(tail); ok && withObject(c) {
			return c, true
		}
	}
	return cmd{}, false
}

// assentOnly reports whether head only says yes: "c bon pour moi" before
// "j'approuve".
func assentOnly(head string) bool {
	c, _, ok := yesNo(stripPolite(strings.Trim(commandLine(head), " ?!.")))
	return ok && c == deploybot.CmdConfirm
}

// withObject reports whether c names what it acts on: a deployment by its
// id, or a project or an environment to lock or unlock.
func withObject(c cmd) bool {
	switch c.cmd {
	case deploybot.CmdLock, deploybot.CmdUnlock:
		return c.app != "" || c.env != ""
	case deploybot.CmdFreeze, deploybot.CmdUnfreeze:
		return c.app != "" || c.env != "" || c.args["all"] == "yes"
	}
	return takesID[c.cmd] && c.args["id"] != ""
}

// neutralNames reports whether words are only names that say no
// language: "web prod", "api staging" (not "site recette").
func (r *Router) neutralNames(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "prod", "production", "staging", "stg", "prd", "all":
		default:
			if p, ok := r.project(w); !ok || p != w {
				return false // an alias is a word of a language ("site")
			}
		}
	}
	return true
}

// doneReport reports whether a clause reports an order's word done:
// "deploy done", "rollback fini", "MEP terminée ✅".
func doneReport(clause string) bool {
	ws := wordsOf(clause)
	if len(ws) < 2 || len(ws) > 4 || !isActionWord(ws[0]) && !orderNounsOnly.has(ws[0]) && !hasRollbackStem(ws[:1]) {
		return false
	}
	return reportsDone(strings.Join(ws[1:], " ")) || slices.ContainsFunc(ws[1:], doneWords.has)
}

// overReport reports whether a short clause says something is over,
// without an order: "ok demo's over", "la démo est finie", "migration
// done" (the command after it is the order: "…, unlock it").
func overReport(clause string) bool {
	ws := wordsOf(clause)
	if len(ws) < 2 || len(ws) > 5 || !overWords.has(ws[len(ws)-1]) || conditionOpeners.has(ws[0]) ||
		ws[0] == "une" && ws[1] == "fois" || ws[0] == "as" && ws[1] == "soon" {
		return false // "une fois la démo terminée, déverrouille-le": a condition, no report
	}
	return !slices.ContainsFunc(ws, isActionWord) && !slices.ContainsFunc(ws, negationWords.has)
}

// conditionOpeners open a clause that sets a condition: "once", "quand".
var conditionOpeners = setOf("once", "when", "whenever", "if", "after", "before", "quand", "lorsque", "lorsqu", "si", "des", "apres", "avant",
	"until", "jusqu")

// overWords end a clause that says something is over.
var overWords = setOf("over", "done", "finished", "ended", "complete", "completed", "fini", "finie", "finis", "finies", "termine",
	"terminee", "terminees", "termines", "boucle", "bouclee")

// orderBeforeLock reports whether a line holds the verb of a deploy or
// a rollback before the one of a lock or a freeze.
func (r *Router) orderBeforeLock(line string) bool {
	ws := appendFields(make([]string, 0, 16), line)
	for i, w := range ws {
		if _, lock := lockVerbs[w]; lock {
			for j, x := range ws[:i] {
				if (deployVerbs.has(x) || x == "rollback" || x == "revert") && j+1 < i && r.namesProjectAt(ws[:i], j+1) {
					return true // the verb and its project: "deploy web …", not "deploy done"
				}
			}
			return false
		}
	}
	return false
}

// opensOrder reports whether a clause opens with the verb of a command
// or an order ("unlock api", "déverrouille le site"), not with its
// subject ("I need to unlock api").
func opensOrder(clause string) bool {
	ws := wordsOf(clause)
	if len(ws) == 0 {
		return false
	}
	_, lock := lockVerbs[ws[0]]
	return lock || isActionWord(ws[0]) || slices.Contains(typoTargets, ws[0])
}

// readCommands only show: a clause after one is its purpose ("…, I need
// it for the post-mortem").
var readCommands = map[deploybot.Command]bool{deploybot.CmdAudit: true, deploybot.CmdStatus: true, deploybot.CmdHistory: true,
	deploybot.CmdList: true, deploybot.CmdDiff: true, deploybot.CmdPending: true}

// reasoned are the commands that keep a reason; acknowledges, the
// commands a yes or a no without an id is read as ("lgtm", "nope").
var (
	reasoned = map[deploybot.Command]bool{deploybot.CmdDeny: true, deploybot.CmdLock: true, deploybot.CmdUnlock: true, deploybot.CmdOutcome: true,
		deploybot.CmdFreeze: true, deploybot.CmdCancel: true}
	acknowledges = map[deploybot.Command]bool{deploybot.CmdConfirm: true, deploybot.CmdCancel: true, deploybot.CmdApprove: true, deploybot.CmdDeny: true}
)

// assentWords may come before an approval: "ok pour moi, approve",
// "lgtm, approved", "c'est bon pour moi, je valide".
var assentWords = setOf("ok", "okay", "pour", "moi", "me", "for", "fine", "by", "go", "lgtm", "bon", "top",
	"parfait", "nickel", "d", "accord", "daccord", "good", "looks", "yes", "oui", "ouais", "yep")

// afterAssent returns line without the words of assent it opens with,
// or "" when it opens with none or is only them.
func afterAssent(line string) string {
	rest, n := line, 0
	for {
		w, after, ok := strings.Cut(rest, " ")
		if !ok || !assentWords.has(w) {
			break
		}
		rest, n = after, n+1
	}
	if n == 0 {
		return ""
	}
	return rest
}

// carrementAlone reports whether raw is "carrément" alone, a yes; after
// "ah," or "euh," it is surprise or doubt (an attack had them confirm).
func carrementAlone(raw string) bool {
	t := strings.Trim(strings.ToLower(strings.TrimSpace(raw)), "! ")
	if strings.HasSuffix(t, "..") || strings.HasSuffix(t, "…") {
		return false // "carrément...": a hesitation
	}
	t = strings.TrimSuffix(t, ".")
	return t == "carrément" || t == "carrement"
}

// stripPolite drops the politeness around a command: "help please",
// "please approve 12", "status stp"; and the "alors" it may end with.
func stripPolite(line string) string {
	if singleSpaced(line) {
		// Most lines: words between single spaces, a command line's
		// form, neither the first nor the last polite.
		first, _, _ := strings.Cut(line, " ")
		last := line[strings.LastIndexByte(line, ' ')+1:]
		if first == line || !politeWords.has(first) && !politeWords.has(last) && !sequelTails.has(last) {
			return line
		}
	}
	ws := appendFields(make([]string, 0, 16), line)
	lead := -1 // the first word that is not politeness or an opener, read once (it was for each "then": "then, " x n)
	for n := len(ws); n > 1 && (politeWords.has(ws[n-1]) || sequelTails.has(ws[n-1]) && (ws[n-1] != "then" || !pointerPronouns.has(ws[n-2]) && !bareVerbAt(ws, n-1, &lead))); n = len(ws) {
		// Not "approve it then", "approve then" after a person's "invoice
		// #44 awaits approval": what is approved, only the conversation
		// says.
		ws = ws[:n-1]
	}
	for len(ws) > 1 && politeWords.has(ws[0]) {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

// setOpeners may open a setting changed: "ok set …", "alors mets …".
var setOpeners = setOf("ok", "okay", "alors", "bon", "so", "then", "donc", "right", "fine", "parfait", "perfect", "cool")

// sequelTails end a command said as what comes next: "configure le
// projet web alors", "status donc".
var sequelTails = setOf("alors", "donc", "then")

// bareThenKept are the verbs that keep a "then" said after them alone
// ("approve then"): a consequence of the talk before, not a command.
var bareThenKept = setOf("approve", "approuve", "valide", "deny", "refuse", "confirm", "confirme", "cancel", "annule", "unlock",
	"deverrouille", "unfreeze", "degele", "lock", "verrouille", "freeze", "gele", "rollback", "deploy", "go", "reset")

// bareVerbAt reports whether ws[:k], the words before a "then", are one
// of bareThenKept alone, after words of politeness or sequel ("ok
// approve then", "fine, approve then"). *lead is where the first word
// that is neither stands in ws: -1 until the first call finds it, read
// once for all the "then" of a line.
func bareVerbAt(ws []string, k int, lead *int) bool {
	if *lead < 0 {
		*lead = len(ws)
		for i, w := range ws {
			if !politeWords.has(w) && !setOpeners.has(w) {
				*lead = i
				break
			}
		}
	}
	// The leading words are dropped down to one: ws[:k] keeps one word
	// when all before its last are dropped.
	return *lead >= k-1 && bareThenKept.has(ws[k-1])
}

// pointerPronouns stand for what the conversation named.
var pointerPronouns = setOf("it", "that", "this", "them")

// singleSpaced reports whether line is ASCII words between single spaces:
// strings.Fields would split it at each space and strings.Join give it
// back.
func singleSpaced(line string) bool {
	if line == "" || line[0] == ' ' || line[len(line)-1] == ' ' {
		return false
	}
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ' ' && line[i-1] == ' ':
			return false
		}
	}
	return true
}

// nameProject sets the project of c from a word, or records it as unknown.
func (r *Router) nameProject(c *cmd, word string) {
	if word == "" {
		return
	}
	if p, ok := r.project(word); ok {
		c.app = p
		return
	}
	c.unknownApp = word
}

// project finds a configured project by a folded name or alias (or a typo
// of one).
func (r *Router) project(word string) (string, bool) {
	n := word // a folded word of a command line is its own only word
	if !isFoldedWord(word) {
		n = strings.Join(wordsOf(word), "-")
	}
	if p, ok := r.ix.names[n]; ok {
		return p, true
	}
	if len(n) >= 4 && isLetters(n) && !r.t.vocab.known(n) {
		return r.ix.fuzzyProject(n)
	}
	return "", false
}

// auditWords name the audit log.
var auditWords = setOf("audit", "audits", "journal", "log", "logs")

// lockParticipleOnly reports whether raw text says a verb of locking or
// freezing only as a French past participle ("bloqué", "gelée",
// "verrouillés"), which folding makes the imperative's spelling.
func lockParticipleOnly(raw string) bool {
	participle := false
	for w := range strings.FieldsFuncSeq(strings.ToLower(raw), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		f := fold(w)
		if _, ok := lockVerbs[f]; ok {
			if !strings.HasSuffix(w, "é") {
				return false // "bloque tout", "lock api": the order
			}
			participle = true
			continue
		}
		for _, end := range []string{"ée", "és", "ées"} {
			if stem, ok := strings.CutSuffix(w, end); ok {
				if _, ok := lockVerbs[fold(stem+"e")]; ok {
					participle = true
				}
			}
		}
	}
	return participle
}

// isFoldedWord reports whether Words(w) is w alone: lower-case ASCII
// letters and digits, with dashes inside.
func isFoldedWord(w string) bool {
	if w == "" || w[0] == '-' || w[len(w)-1] == '-' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// envOf finds an environment of project named by word (or an alias such as
// prod): canonical, and whether the project has it. Without a project,
// staging and production are known.
func (r *Router) envOf(project, word string) (string, bool) {
	e := CanonicalEnv(word)
	if _, known := envWordOf(fold(word)); !known {
		if x, ok := r.ix.envs[fold(word)]; ok {
			e = x
		} else if x, ok := fuzzyEnv(fold(word)); ok && len(word) >= 4 {
			e = x
		}
	}
	for _, p := range r.projects {
		if p.Name != project && project != "" {
			continue
		}
		if len(p.Environments) == 0 && (e == deploybot.EnvStaging || e == deploybot.EnvProduction) {
			return e, true
		}
		if _, ok := p.Environment(e); ok {
			return e, true
		}
	}
	if project == "" && (e == deploybot.EnvStaging || e == deploybot.EnvProduction) {
		return e, true
	}
	return e, false
}

// takeName sets c's project, or its environment, to the one w names
// when c has none yet, and reports whether it did.
func (r *Router) takeName(c *cmd, w string) bool {
	if p, ok := r.project(w); ok && c.app == "" {
		c.app = p
		return true
	}
	if e, ok := r.envOf(c.app, w); ok && c.env == "" {
		c.env = e
		return true
	}
	return false
}

// readAfterLead reads rest, p's line after its lead ("and", "et", "ok",
// "bon"), as a command that only reads, when nothing else is said: one
// clause after the lead, and no word of a no or an order in the whole
// message (an attack had "ok diff api, cancel this", "ok diff api,
// rollback" lose the cancel and the rollback).
func (r *Router) readAfterLead(p *parse, rest string) (cmd, bool) {
	if p.skipped >= maxSkippedClauses {
		return cmd{}, false // "et et et …": the message's words read again for each lead
	}
	_, raw, _ := strings.Cut(strings.TrimSpace(p.raw), " ")
	if _, _, ok := clauseBreak(strings.TrimRight(strings.TrimLeft(raw, ",;: "), "?!. ")); ok {
		return cmd{}, false
	}
	for _, w := range append(wordsOf(p.raw), p.words...) {
		if _, ok := r.project(w); ok || r.slotWord(w) || w == "back" {
			continue // "et l'historique du back ?": a project's name
		}
		if answerNo.has(w) || isActionWord(w) || hasRollbackStem([]string{w}) || lockVerbs[w] != "" || w == "approve" || w == "approuve" || w == "deny" {
			return cmd{}, false
		}
	}
	q := *p
	q.line = rest
	q.skipped++
	if c, ok := r.command(&q); ok && readOnly[c.cmd] {
		return c, true
	}
	return cmd{}, false
}

// readHeads open a command that only reads, by its name or its verb.
var readHeads = setOf("status", "statut", "etat", "history", "historique", "diff", "pending", "audit", "show", "montre", "montre-moi",
	"affiche", "list", "liste", "runbook", "dora", "locks", "verrous", "freezes", "gels")

// readLeads may open a command that only reads: "ok show me the diff".
var readLeads = setOf("ok", "okay", "so", "alors", "bon", "donc", "now", "maintenant", "cool", "super", "parfait", "perfect", "great")

// slotsOf names the project and environment of a state request from the
// words after its command word: known ones, or the first unknown word as
// the unknown project.
func (r *Router) slotsOf(c *cmd, rest string) {
	prev := ""
	for w := range strings.FieldsSeq(rest) {
		before := prev
		prev = w
		if c.app == "" && (before == "le" || before == "du" || before == "l") {
			if p, ok := r.nameOrShort(w); ok {
				c.app = p // "dégèle le back": a project's short name after its article
				continue
			}
		}
		if fillers.has(w) || pointerWords.has(w) {
			continue // "history for it": what the conversation named (subjectFilled), no project "it"
		}
		if r.takeName(c, w) {
			continue
		}
		if _, isEnv := envWordOf(w); isEnv && c.env == "" {
			c.env = CanonicalEnv(w) // an environment the project lacks: the agent names it
			continue
		}
		if c.app == "" && c.unknownApp == "" && isLetters(w) {
			c.unknownApp = w
		} else if c.env == "" && c.unknownEnv == "" && isLetters(w) {
			c.unknownEnv = w
		}
	}
}

// scopeCommands act on a project or an environment, or on all of them.
var scopeCommands = map[deploybot.Command]bool{deploybot.CmdLock: true, deploybot.CmdUnlock: true, deploybot.CmdFreeze: true,
	deploybot.CmdUnfreeze: true}

// excludesNamed reports whether ws leave a project or an environment out:
// "sauf l'api", "except web", "but not prod", "mais pas le back", "à part
// la recette" (not "sauf le 24/12/2026", a date).
func (r *Router) excludesNamed(ws []string) bool {
	for i, w := range ws {
		if !exclusionWords.has(w) && !(w == "not" && wordAt(ws, i-1) == "but") && !(w == "pas" && wordAt(ws, i-1) == "mais") &&
			!(w == "part" && wordAt(ws, i-1) == "a") && !(w == "than" && wordAt(ws, i-1) == "other") {
			continue
		}
		for _, x := range ws[i+1 : min(len(ws), i+4)] {
			if _, ok := r.nameOrShort(x); ok || isEnvWord(x) {
				return true
			}
		}
	}
	return false
}

// exclusionWords leave something out of a command's scope: "gèle tout
// sauf l'api".
var exclusionWords = setOf("sauf", "except", "excepte", "hormis", "excluding", "hors")

// becomesRe says that a project's setting becomes a value, in folded
// text: "pour le site, la stratégie devient rolling", "l'approbation de
// l'api passe en quatre yeux", "web strategy becomes rolling".
var becomesRe = mustCompile(`^(?:(?:pour|for)\s+(?:le\s+|la\s+|l\s+|the\s+)?(\S+)\s+)?(?:(?:la|le|l|the|sa|son|its)\s+)?(?:(\S+)\s+)?(strategie|strategy|approbation|approval|approvals)(?:\s+(?:du|de|des|of|for|pour)\s+(?:la\s+|le\s+|l\s+|the\s+)?(\S+))?\s+(?:devient|passe en|passe a|becomes)\s+(.+)$`)

// becomes returns the "set" command a line of becomesRe says, with its
// one project: "set the strategy of web to rolling".
func (r *Router) becomes(line string) (string, bool) {
	m := becomesRe.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	var app string
	for _, w := range []string{m[1], m[2], m[4]} {
		if w == "" {
			continue
		}
		a, ok := r.project(w)
		if !ok || app != "" {
			return "", false // no project, or two
		}
		app = a
	}
	if app == "" || !settingValue(m[5]) {
		return "", false
	}
	return "set the " + m[3] + " of " + app + " to " + m[5], true
}

// strategyNotedRe is a project said to move to a strategy, with the
// order to note it in the context, in a command line: "le site passe en
// blue-green, note-le dans le contexte du projet web", "web moves to
// canary, note it in the context".
var strategyNotedRe = mustCompile(`^(?:le |la |l |the )?(\S+) (?:passe en|passe a|moves to|switches to|goes to) (recreate|rolling|blue-green|canary)\b(?: (?:et |and )?(?:note-le|note-la|notez-le|note le|note it|record it|save it)(?: (?:dans|in) (?:le |the )?(?:contexte|context)(?: (?:du projet|de|du|of|of project|for) (?:le |la |l |the )?(\S+))?)?)$`)

// strategyNoted returns the project and the strategy a line of
// strategyNotedRe sets: one project, named once or twice the same.
func (r *Router) strategyNoted(line string) (app, value string, ok bool) {
	m := strategyNotedRe.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	app, ok = r.project(m[1])
	if !ok || stopWords.has(m[1]) {
		return "", "", false
	}
	if m[3] != "" {
		if b, ok := r.project(m[3]); !ok || b != app {
			return "", "", false
		}
	}
	return app, m[2], true
}

// settingValue reports whether v, what a setting becomes, is a value
// alone: one word that names no environment, or the two words of one
// ("quatre yeux", "four eyes", "blue green"). "canary, then back to
// rolling", "rolling according to bob", "canary for now" say more than
// a value (the first set rolling).
func settingValue(v string) bool {
	ws := strings.Fields(v)
	switch len(ws) {
	case 1:
		_, env := envWordOf(ws[0])
		return !env
	case 2:
		return twoWordValues.has(v)
	}
	return false
}

var twoWordValues = setOf("quatre yeux", "four eyes", "blue green")

// possessives stand where a setting names its project: "set its strategy
// to rolling", "mets sa stratégie en canary".
var possessives = setOf("its", "their", "his", "her", "this", "that", "the", "sa", "son", "ses", "leur", "le", "la", "l", "cette", "ce")

// fillers are the words a command's slots may be written with.
var fillers = setOf("de", "du", "des", "d", "of", "for", "the", "le", "la", "les", "l", "en", "in", "on", "sur", "pour", "projet",
	"project", "env", "environment", "environnement", "a", "at", "and", "et", "please", "stp", "svp", "merci", "thanks", "now",
	"right", "currently", "actuellement", "maintenant", "cote", "side", "chez", "dans", "to", ":", "?", "about", "what",
	"for", "all", "tous", "tout", "deploys", "deployments", "deploiements", "liste", "list", "show", "montre", "affiche")

// deployCommand finds the deployment commands: confirmations by id,
// approvals, locks, freezes, status, history, lists, diff, drills; asked is
// bare without a request around it.
func (r *Router) deployCommand(p *parse, line, bare, asked string) (cmd, bool) {
	if head, ok := r.blockHead(line, p.raw); ok {
		c := cmd{cmd: deploybot.CmdLock}
		r.slotsOf(&c, head)
		if i := strings.Index(p.raw, ":"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:]))
		}
		return c, true
	}
	if head, ok := r.unblockHead(line, p.raw); ok {
		c := cmd{cmd: deploybot.CmdUnlock}
		if !strings.HasPrefix(line, "unblock") {
			c.lang = deploybot.French
		}
		r.slotsOf(&c, head)
		if i := strings.Index(p.raw, ":"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:]))
		}
		return c, true
	}
	switch {
	case confirmIDRe.MatchString(line):
		c := cmd{cmd: deploybot.CmdConfirm, lang: verbLang(line, "confirme", "oui")}
		c.set("id", confirmIDRe.FindStringSubmatch(line)[1])
		return c, true
	case tickRe.MatchString(line):
		m := tickRe.FindStringSubmatch(line)
		c := cmd{cmd: deploybot.CmdTick}
		c.set("id", m[1])
		c.set("items", m[2])
		if on := tickOnRe.FindStringSubmatch(m[2]); on != nil {
			// "tick 3 on 12": item 3 of deployment 12, the id after "on".
			c.set("id", on[1])
			c.set("items", m[1])
		}
		return c, true
	case yesForRe.MatchString(bare) && !strings.Contains(p.raw, "?"):
		// Not "ok for 14?", "ok pour le 12 ?": asked, not given (review 12
		// approved with it).
		c := cmd{cmd: deploybot.CmdApprove}
		c.set("id", yesForRe.FindStringSubmatch(bare)[1])
		return c, true
	case noForRe.MatchString(bare):
		c := cmd{cmd: deploybot.CmdDeny}
		c.set("id", noForRe.FindStringSubmatch(bare)[1])
		if i := strings.IndexAny(p.raw, ",:"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:]))
		}
		return c, true
	case approveRe.MatchString(bare):
		c := cmd{cmd: deploybot.CmdApprove}
		c.set("id", approveRe.FindStringSubmatch(bare)[1])
		return c, true
	case !strings.Contains(p.raw, "?") && approveRe.MatchString(afterAssent(bare)) && afterAssent(bare) != "valide":
		// "ok pour moi ✅ approve", "lgtm, approved": the decision after
		// words of assent.
		c := cmd{cmd: deploybot.CmdApprove}
		c.set("id", approveRe.FindStringSubmatch(afterAssent(bare))[1])
		return c, true
	case denyRe.MatchString(bare):
		m := denyRe.FindStringSubmatch(bare)
		if m[1] == "" {
			// "refusé pour le 12, on est en pleine paie client": the id
			// further on.
			if c, ok := r.decisionByID(p, strings.Fields(p.line)); ok && c.cmd == deploybot.CmdDeny {
				return c, true
			}
			if c := r.describedDecision(bare, p.raw); c.cmd == deploybot.CmdDeny {
				return c, true // "deny web 2.6.0", "deny karim's web deploy": that one (it denied whatever waited, the words as its reason)
			}
			if head, reason, ok := strings.Cut(p.raw, ":"); ok && strings.TrimSpace(reason) != "" {
				if c := r.describedDecision(commandLine(head), head); c.cmd == deploybot.CmdDeny {
					c.set("reason", strings.TrimSpace(reason)) // "deny web: no load tests"
					return c, true
				}
			}
		}
		c := cmd{cmd: deploybot.CmdDeny}
		switch first, _, _ := strings.Cut(bare, " "); first {
		case "deny", "reject", "decline", "i":
			if m[2] == "" {
				c.lang = deploybot.English // "deny 20": the model reads two words as French; "deny 15 pas pendant la paie" is French
			}
		case "rejette", "je", "refuse-le", "refuse-la", "rejette-le", "rejette-la":
			c.lang = deploybot.French
		}
		c.set("id", m[1])
		if q := quotedRe.FindStringSubmatch(p.raw); q != nil && m[1] != "" {
			c.set("reason", q[1]+q[2]+q[3]) // deny 12 "no sign-off"
		} else if i := strings.Index(p.raw, ":"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:])) // "refusé : la recette n'est pas finie"
		} else if after, ok := afterWord(p.raw, m[1]); ok && m[2] != "" {
			c.set("reason", after) // "je refuse la 7, la review n'est pas faite"
		} else if m[2] != "" {
			c.set("reason", rawTail(p.raw, len(strings.Fields(m[2]))))
		}
		return c, true
	case r.describedDecision(bare, p.raw).cmd != "":
		// "approve the prod one", "approuve celle de la uat": the decision
		// on the one waiting there (the agent asks when several or none
		// are); it got the approvals card.
		return r.describedDecision(bare, p.raw), true
	case decisionNamedRe.MatchString(bare) && r.unknownDecision(bare) != "":
		// "approve shop prod", "cancel shop staging": a decision on a
		// project the configuration does not know. It was read as a
		// question, or as a cancel of the environment's deployment
		// whatever its project.
		m := decisionNamedRe.FindStringSubmatch(bare)
		c := cmd{cmd: decisionVerbs[m[1]], unknownApp: r.unknownDecision(bare)}
		c.env, _ = r.envOf("", m[2])
		if frenchDecisions.has(m[1]) {
			c.lang = deploybot.French
		}
		return c, true
	case cancelItRe.MatchString(bare):
		return cmd{cmd: deploybot.CmdCancel, lang: deploybot.English}, true
	case cancelRe.MatchString(bare):
		c := cmd{cmd: deploybot.CmdCancel, lang: verbLang(line, "annule")}
		c.set("id", cancelRe.FindStringSubmatch(bare)[1])
		return c, true
	case cancelMineRe.MatchString(bare):
		// "cancel my deploy": the bot asks which when there are several.
		return cmd{cmd: deploybot.CmdCancel, lang: verbLang(line, "annule", "annuler", "arrete")}, true
	case markItRe.MatchString(bare):
		// "marque-le réussi", "mark it failed": the bot asks which.
		c := cmd{cmd: deploybot.CmdOutcome}
		switch markItRe.FindStringSubmatch(bare)[1] {
		case "reussi", "succeeded", "successful", "ok", "done":
			c.set("outcome", "succeeded")
		default:
			c.set("outcome", "failed")
		}
		return c, true
	case pendingRe.MatchString(bare) || pendingAsked(bare) && (strings.ContainsAny(p.raw, "?¿") || !weWait(bare)):
		return cmd{cmd: deploybot.CmdPending}, true
	case outcomeRe.MatchString(line):
		m := outcomeRe.FindStringSubmatch(line)
		c := cmd{cmd: deploybot.CmdOutcome}
		c.set("id", m[1])
		switch m[2] {
		case "succeeded", "successful", "success", "ok", "done", "reussi", "succes":
			c.set("outcome", "succeeded")
		default:
			c.set("outcome", "failed")
		}
		if q := quotedRe.FindStringSubmatch(p.raw); q != nil {
			c.set("reason", q[1]+q[2]+q[3])
		} else if i := strings.Index(p.raw, ":"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:]))
		}
		return c, true
	case outcomeAskRe.MatchString(bare):
		c := cmd{cmd: deploybot.CmdOutcome, lang: verbLang(line, "issue")}
		c.set("id", outcomeAskRe.FindStringSubmatch(bare)[1])
		return c, true
	case lockPhraseRe.MatchString(line):
		// "prends le verrou sur la prod du site : maintenance", "release
		// the lock on api staging".
		m := lockPhraseRe.FindStringSubmatch(line)
		c := cmd{cmd: deploybot.CmdLock}
		if m[1] == "" {
			c.cmd = deploybot.CmdUnlock
		}
		head, _, _ := strings.Cut(p.raw, ":")
		if i, j, ok := clauseBreak(p.raw); ok && i > 0 && !strings.Contains(p.raw, ":") && lockPhraseRe.MatchString(commandLine(p.raw[:i])) {
			// "release the lock on backend staging, demo's over": the
			// reason in a clause of its own.
			head = p.raw[:i]
			c.set("reason", strings.TrimSpace(p.raw[j:]))
		}
		if hm := lockPhraseRe.FindStringSubmatch(commandLine(head)); hm != nil {
			r.slotsOf(&c, hm[3])
		}
		if i := strings.Index(p.raw, ":"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:]))
		}
		return c, true
	case (lockRe.MatchString(line) || lockOneRe.MatchString(line) && r.namesOnly(lockOneRe.FindStringSubmatch(line)[2])) &&
		!offObjectAfter(strings.Fields(line), 0): // not "lock the date with the client"
		m := lockRe.FindStringSubmatch(line)
		if m == nil {
			m = lockOneRe.FindStringSubmatch(line) // "lock api": the bot asks where
		}
		c := cmd{cmd: deploybot.CmdLock}
		if strings.HasPrefix(m[1], "unlock") || strings.HasPrefix(m[1], "deverrouill") {
			c.cmd = deploybot.CmdUnlock
		}
		if frenchVerbs.has(m[1]) {
			c.lang = deploybot.French
		} else if (m[1] == "lock" || m[1] == "unlock") && !strings.ContainsAny(p.raw, ":,") && r.neutralNames(strings.Fields(m[2])) {
			// "unlock web prod": the model reads three words as French;
			// with a reason, its words say the language ("lock api
			// production: incident en cours").
			c.lang = deploybot.English
		}
		// The project and the environment, in any order, with articles
		// ("verrouille le site en prod"), before the reason's colon.
		head, _, _ := strings.Cut(m[2], " : ")
		if i := strings.Index(p.raw, ":"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:]))
			if hm := lockRe.FindStringSubmatch(lockClause(p.raw[:i])); hm != nil {
				head = hm[2]
			} else if bareLockWords.has(lockClause(p.raw[:i])) {
				head = "" // "verrouille : migration en cours", "ok unlock it: fixed"
			}
		} else if i, j, ok := clauseBreak(p.raw); ok && i > 0 {
			// "unlock api staging, the failed deploy is cleaned up": the
			// reason in a clause of its own; "déverrouille, c'est réparé":
			// the verb alone, then its reason.
			tail := strings.TrimSpace(p.raw[j:])
			if k := r.tailOf(tail); (k == tailTakesBack || k == tailAsks || k == tailMoment && !strings.Contains(p.raw[i:j], ":")) &&
				(c.cmd == deploybot.CmdUnlock || k == tailTakesBack && firmTail(wordsOf(tail))) {
				// "lock api prod, nvm", "unlock api prod, should we",
				// "unlock api prod, tomorrow" (it unlocked at once); a lock
				// keeps any other tail as its reason (withTail).
				return cmd{}, false
			}
			if hm := lockRe.FindStringSubmatch(lockClause(p.raw[:i])); hm != nil {
				head = hm[2]
				c.set("reason", tail)
			} else if bareLockWords.has(lockClause(p.raw[:i])) {
				head = ""
				c.set("reason", tail)
			}
		}
		if c.lang == "" && (m[1] == "lock" || m[1] == "unlock") && c.args["reason"] != "" && !slices.ContainsFunc(wordsOf(c.args["reason"]), func(w string) bool { return w != "ok" && w != "okay" }) &&
			r.neutralNames(strings.Fields(commandLine(head))) {
			// "unlock api prod: ok", "… : ✅": a reason too short to say
			// its language leaves the verb's (the model read French).
			c.lang = deploybot.English
		}
		r.slotsOf(&c, withoutSequelWords(head))
		return c, true
	case stopAllRe.MatchString(line) && !strings.Contains(p.raw, "?") && !strings.HasPrefix(line, "bloque"):
		c := cmd{cmd: deploybot.CmdFreeze}
		head := p.raw
		if i := strings.Index(p.raw, ":"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:]))
			head = p.raw[:i]
		}
		if m := stopAllRe.FindStringSubmatch(commandLine(head)); m != nil {
			r.slotsOf(&c, m[1])
		}
		c.unknownApp, c.unknownEnv = "", ""
		if c.app == "" && c.env == "" {
			c.set("all", "yes")
		}
		return c, true
	case freezeRe.MatchString(line) && (isFreezeOrder(p.raw, line) || r.namesOnly(freezeRe.FindStringSubmatch(line)[1])) &&
		!(strings.HasPrefix(line, "gel ") && r.thirdPersonLock(append([]string{"le"}, strings.Fields(line)...), 1)) && // not "le gel bloque tout", "le gel ne bloque pas l'api"
		!offObjectAfter(strings.Fields(line), 0): // not "gèle le périmètre du site jusqu'au 18/12"
		c := cmd{cmd: deploybot.CmdFreeze}
		rest := freezeRe.FindStringSubmatch(line)[1]
		head := p.raw
		if i := strings.Index(p.raw, ":"); i >= 0 {
			c.set("reason", strings.TrimSpace(p.raw[i+1:]))
			head = p.raw[:i]
			rest = commandLine(head)
		}
		if i, j, ok := clauseBreak(p.raw); ok && i > 0 && c.args["reason"] == "" {
			// "gèle tout, incident en cours sur l'api": what to freeze in
			// the first clause, the reason in the next (it froze the api).
			if hm := freezeRe.FindStringSubmatch(commandLine(p.raw[:i])); hm != nil && r.allOrNames(hm[1]) {
				tail := strings.TrimSpace(p.raw[j:])
				tc, ok := r.withTail(cmd{cmd: deploybot.CmdFreeze}, tail)
				if !ok {
					return cmd{}, false // "gèle tout, nvm", "gèle tout, sauf l'api": the bot asks
				}
				head, rest = p.raw[:i]+" "+tail, hm[1] // a moment, read by freezeDates below
				if reason := tc.args["reason"]; reason != "" {
					c.set("reason", reason)
					head = p.raw[:i]
				}
			}
		}
		restWords := strings.Fields(rest)
		c.unknownApp = r.unknownBeforeEnv(restWords) // "freeze shp prod": no project shp, not every project's production
		if c.unknownApp == "" {
			c.unknownApp = r.loneUnknown(restWords) // "freeze foo: x" froze everything
		}
		if r.excludesNamed(restWords) {
			return cmd{}, false // "gèle tout sauf le back": the bot cannot freeze all but one; it froze only the one excluded
		}
		for i, w := range restWords {
			if a, ok := r.ix.names[w]; ok {
				c.app = a
			} else if a, ok := r.nameOrShort(w); ok && c.app == "" && i > 0 && i <= 2 && (restWords[i-1] == "le" || restWords[i-1] == "du" || restWords[i-1] == "l") {
				c.app = a // "gèle le back : audit" (not "gèle tout et préviens le back")
			}
			if e, ok := envWordOf(w); ok {
				c.env = e
			}
			if e, ok := impliedEnvOf(w); ok && c.env == "" {
				c.env = e // "gèle les MEP de l'api": its production
			}
			if allWords.has(w) {
				c.set("all", "yes")
			}
		}
		if c.args["all"] != "" && (c.app != "" || c.env != "") {
			delete(c.args, "all") // "gèle toutes les MEP de l'api": the api's
		}
		if c.args["reason"] == "" {
			// "freeze the front from dec 10 to dec 12, black week for the
			// client": the reason in a clause of its own, after the dates.
			if i, j, ok := clauseBreak(p.raw); ok && i > 0 {
				if tail := strings.TrimSpace(p.raw[j:]); tail != "" && len(datesIn(tail)) == 0 && len(datesIn(p.raw[:i])) > 0 {
					c.set("reason", tail)
					head = p.raw[:i]
				}
			}
		}
		c.freezeDates(head)
		return c, true
	}
	if c, ok := tickCommand(line); ok {
		return c, true
	}
	if m := listAskedRe.FindStringSubmatch(bare); m != nil {
		c := cmd{cmd: deploybot.CmdList}
		if strings.HasPrefix(m[1], "proj") {
			c.set("what", "projects")
		} else {
			c.set("what", "environments")
		}
		return c, true
	}
	liftAsked := true
	if i, j, ok := clauseBreak(p.raw); ok && i > 0 {
		// "dégèle tout, la démo est passée": the lift and what it acts on
		// in the first clause, the rest tells why (it lifted the freezes
		// of an environment "demo").
		if head := commandLine(p.raw[:i]); len(strings.Fields(head)) > 1 && r.allOrNames(strings.SplitN(head, " ", 2)[1]) {
			if c, ok := r.verbCommand(head); ok && c.cmd == deploybot.CmdUnfreeze {
				if slices.ContainsFunc(strings.Fields(head), allWords.has) {
					c.unknownApp = "" // "unfreeze everything, the demo is over": all, no project "everything"
				}
				if c, ok := r.withTail(c, strings.TrimSpace(p.raw[j:])); ok {
					return c, true
				}
				// "dégèle tout, lundi", "dégèle tout, pas encore", "unfreeze
				// api, but keep prod frozen": no lift now, nor one of the
				// whole message's words (it lifted api's production).
				liftAsked = false
			}
		}
	}
	if c, ok := r.verbCommand(asked); ok && (liftAsked || c.cmd != deploybot.CmdUnfreeze) && !(c.cmd == deploybot.CmdUnfreeze && stopThenFreezeRe.MatchString(p.raw)) {
		return c, true
	}
	if m := runbookWhatRe.FindStringSubmatch(bare); m != nil {
		c := cmd{cmd: deploybot.CmdRunbook}
		r.slotsOf(&c, m[1])
		return c, true
	}
	if c, ok := r.listAsked(bare); ok {
		return c, true
	}
	for what, re := range listRes {
		if m := re.FindStringSubmatch(bare); m != nil {
			c := cmd{cmd: deploybot.CmdList}
			c.set("what", what)
			if len(m) > 1 {
				r.nameProject(&c, m[1])
			}
			return c, true
		}
	}
	if c, ok := r.rehearsal(p); ok {
		return c, true
	}
	if m := drillRe.FindStringSubmatch(bare); m != nil {
		c := cmd{cmd: deploybot.CmdDrill}
		r.nameProject(&c, m[1])
		if m[2] != "" {
			if e, ok := r.envOf(c.app, m[2]); ok {
				c.env = e
			} else {
				c.unknownEnv = m[2]
			}
		}
		return c, true
	}
	if m := runbookRe.FindStringSubmatch(bare); m != nil {
		c := cmd{cmd: deploybot.CmdRunbook}
		r.nameProject(&c, m[1])
		if m[2] != "" {
			c.env, _ = r.envOf(c.app, m[2])
		}
		return c, true
	}
	if c, ok := r.doraCommand(p, bare); ok {
		return c, true
	}
	if c, ok := r.diffCommand(p, bare); ok {
		return c, true
	}
	if approversRe.MatchString(bare) || approversAskedRe.MatchString(bare) && len(clauses(p.raw)) == 1 && !hasActionWord(normalize(p.raw)) && !lockVerbIn(strings.Fields(bare)) {
		// "who are the approvers for web production?": the names of the
		// line, else those the model saw.
		var named cmd
		r.namesIn(&named, strings.Fields(bare))
		if named.app == "" {
			named.app, named.env = p.in.SubjectApp, p.in.SubjectEnv
		}
		if named.app != "" && named.env == "" {
			for w := range strings.FieldsSeq(bare) {
				if e, ok := impliedEnvOf(w); ok {
					named.env = e // "qui peut approuver une MEP du site ?"
				}
			}
		}
		if named.app != "" && named.env != deploybot.EnvStaging {
			c := cmd{cmd: deploybot.CmdContext, app: named.app, env: named.env}
			c.set("what", "approvers") // no environment named: the agent answers for production
			return c, true
		}
		if named.app == "" {
			// "who approves production for shop?", "qui valide la prod de
			// foo ?": no project shop (it answered the capabilities card).
			if w := r.unknownProjectAfter(strings.Fields(bare)); w != "" {
				c := cmd{cmd: deploybot.CmdContext, env: named.env, unknownApp: w}
				c.set("what", "approvers")
				return c, true
			}
			if ws := strings.Fields(bare); (named.env == deploybot.EnvProduction || named.env == "") && slices.IndexFunc(ws, func(w string) bool {
				_, env := envWordOf(w)
				return !env && !approverWords.has(w) && !everyApproverFillers.has(w)
			}) < 0 {
				// "who approves production?", "qui peut approuver en prod
				// ?", "ok who can approve then?": every project's (it
				// named nobody).
				c := cmd{cmd: deploybot.CmdContext, env: named.env}
				c.set("what", "approvers")
				return c, true
			}
		}
	}
	if m := historyRe.FindStringSubmatch(bare); m != nil && r.onlySlots(m[1]) {
		c := cmd{cmd: deploybot.CmdHistory}
		r.slotsOf(&c, m[1])
		c.lang = commandWordLang(bare, m[1], "historique")
		return c, true
	}
	for m := historyIndex.candidates(bare); m != 0; m &= m - 1 {
		if historyRes[bits.TrailingZeros64(m)].MatchString(bare) {
			return cmd{cmd: deploybot.CmdHistory, app: p.in.SubjectApp, env: p.in.SubjectEnv}, true
		}
	}
	if m := statusRe.FindStringSubmatch(bare); m != nil && r.onlySlots(m[1]) {
		c := cmd{cmd: deploybot.CmdStatus}
		r.slotsOf(&c, m[1])
		c.lang = commandWordLang(bare, m[1], "statut", "etat")
		return c, true
	}
	if m := whatInRe.FindStringSubmatch(bare); m != nil {
		if e, ok := envWordOf(m[1]); ok {
			return cmd{cmd: deploybot.CmdStatus, env: e, app: p.in.SubjectApp}, true
		}
		if a, ok := r.ix.names[m[1]]; ok {
			return cmd{cmd: deploybot.CmdStatus, app: a}, true
		}
	}
	for m := statusIndex.candidates(bare); m != 0; m &= m - 1 {
		sr := statusRes[bits.TrailingZeros64(m)]
		if !sr.re.MatchString(bare) || sr.subject && p.in.SubjectApp == "" && p.in.SubjectEnv == "" ||
			sr.re == whyLockedRe && (len(p.words) > len(strings.Fields(bare))+2 || slices.ContainsFunc(strings.Fields(bare), notNowWords.has)) {
			continue
		}
		if c, ok := r.listAsked(bare); ok && (strings.Contains(bare, "anything") || strings.Contains(bare, "something") ||
			strings.Contains(bare, "quelque chose")) {
			return c, true // "is anything locked right now?": the list of locks
		}
		c := cmd{cmd: deploybot.CmdStatus, app: p.in.SubjectApp, env: p.in.SubjectEnv}
		if sr.version && c.env == "" && strings.Contains(bare, " live") {
			c.env = deploybot.EnvProduction
		}
		return c, true
	}
	if c, ok := r.stateAsked(bare); ok {
		return c, true
	}
	return cmd{}, false
}

// runWords say what runs somewhere; stateFillers may stand beside them
// in a question for the state: "what's currently deployed on staging for
// web", "c quoi la version en prod du front", "which version is running
// on api prod right now".
var (
	runWords     = setOf("deployed", "deploye", "deployee", "running", "tourne", "tournent", "version", "versions", "installed", "installe", "live")
	stateAsks    = setOf("what", "whats", "which", "quelle", "quel", "quoi", "qu", "c", "cest", "laquelle", "lequel")
	stateFillers = setOf("any", "up", "soon", "s", "is", "are", "the", "currently", "current", "now", "right", "today", "at", "moment", "actually",
		"est", "ce", "qui", "que", "la", "le", "l", "les", "du", "de", "d", "des", "on", "in", "en", "sur", "for", "pour", "of",
		"actuellement", "actuelle", "actuel", "maintenant", "there", "y", "a", "il", "deja", "already", "please", "pls", "stp",
		"svp", "exactly", "exactement", "dans", "tell", "me", "dis", "moi", "donne", "give", "rn", "atm", "rightnow", "la-bas")
)

// stateAsked reads a question for the state of a project or an
// environment made only of a question word, a state word, the names it
// asks about and fillers: anything else ("how", "should", a reason)
// makes it a question for the knowledge cards.
func (r *Router) stateAsked(bare string) (cmd, bool) {
	asks, state := false, false
	c := cmd{cmd: deploybot.CmdStatus}
	for w := range strings.FieldsSeq(bare) {
		switch {
		case stateAsks.has(w):
			asks = true
		case runWords.has(w) && w != "live":
			state = true
		case stateFillers.has(w):
		default:
			if e, ok := envWordOf(w); ok && c.env == "" {
				c.env = e
				state = state || w == "live"
				continue
			}
			if a, ok := r.project(w); ok && c.app == "" {
				c.app = a
				continue
			}
			return cmd{}, false
		}
	}
	if !asks || !state || c.app == "" && c.env == "" {
		return cmd{}, false
	}
	return c, true
}

// diffCommand finds "diff shop staging production" and its natural
// forms: a diff word with a project and two different environments.
func (r *Router) diffCommand(p *parse, bare string) (cmd, bool) {
	if !diffWordsRe.MatchString(bare) {
		return cmd{}, false
	}
	if vs := versionTokens(p.raw); len(vs) == 2 && vs[0] != vs[1] {
		// "diff web v1.1.0 v1.2.0", "what changed between v1.1.0 and
		// v1.2.0 of web?": the changes between two versions (it compared
		// staging and production, the versions ignored).
		c := cmd{cmd: deploybot.CmdDiff}
		for w := range strings.FieldsSeq(bare) {
			if a, ok := r.project(w); ok && !stopWords.has(w) {
				c.app = a
				break
			}
		}
		c.set("from", vs[0])
		c.set("to", vs[1])
		return c, true
	}
	var envs []string
	app := ""
	for w := range strings.FieldsSeq(bare) {
		e, ok := envWordOf(w)
		if !ok && len(w) >= 5 && isLetters(w) && !r.t.vocab.known(w) {
			e, ok = fuzzyEnv(w) // "dif api stagin prod"
		}
		if ok && (len(envs) == 0 || envs[len(envs)-1] != e) {
			envs = append(envs, e)
		} else if a, ok := r.project(w); ok && app == "" && !stopWords.has(w) {
			app = a
		}
	}
	if len(strategiesOf(strings.Fields(bare))) > 0 {
		return cmd{}, false // "compare canary and blue-green for the api": strategies, not environments
	}
	strict := diffRe.MatchString(bare)
	if app == "" && !strict && len(envs) == 2 && envs[0] != envs[1] {
		if a := r.analyze(p.raw); a.s.appShort {
			app = a.s.app // "quelles différences entre recette et prod sur le back"
		}
	}
	if len(envs) < 2 || envs[0] == envs[1] || app == "" && !strict {
		if strict && app != "" && len(envs) == 0 {
			c := cmd{cmd: deploybot.CmdDiff, app: app}
			c.set("a", deploybot.EnvStaging)
			c.set("b", deploybot.EnvProduction)
			return c, true
		}
		if strict && app == "" && len(envs) == 0 && len(strings.Fields(bare)) == 1 {
			return cmd{cmd: deploybot.CmdDiff}, true // "diff": the bot asks which project
		}
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdDiff, app: app}
	c.set("a", envs[0])
	c.set("b", envs[1])
	if app == "" {
		// "diff shop staging production": no project shop (the bot asked
		// which project, as if none was written).
		if _, rest, ok := strings.Cut(bare, " "); ok {
			c.unknownApp = r.unknownBeforeEnv(slices.DeleteFunc(strings.Fields(rest), func(w string) bool { return diffWords.has(w) || diffJoins.has(w) }))
		}
	}
	return c, true
}

// diffJoins are the words a diff's environments are written with.
var diffJoins = setOf("entre", "between", "vs", "versus", "and", "et", "with", "avec", "against", "contre", "compared", "changes",
	"changed", "change")

// freezeDates sets a freeze's dates, as written in text, and its from
// and to as ISO dates when their year is written.
// freezeWhen reports whether text says when a freeze holds (its dates,
// its end, a moment): "until friday", "du 24 au 28", "tomorrow".
func freezeWhen(text string) bool {
	var d cmd
	d.freezeDates(text)
	return d.args["dates"] != "" || d.args["until"] != "" ||
		d.args["when"] != "" && !slices.ContainsFunc(wordsOf(text), func(w string) bool {
			return !timeOnlyWords.has(w) && !spanWords.has(w) && strings.Trim(w, "0123456789h:") != ""
		})
}

// spanWords may stand in a span of days: "du 24 au 28", "à partir de
// lundi", "from monday to friday".
var spanWords = setOf("du", "au", "de", "from", "to", "partir", "starting", "until", "till", "jusqu", "jusque", "the", "les", "weekend",
	"week-end", "night", "nuit", "end", "fin", "through", "et", "and", "inclus", "included")

func (c *cmd) freezeDates(text string) {
	hits := datesIn(text)
	if len(hits) == 0 {
		if day := untilDay(text); day != "" {
			c.set("until", day) // "freeze web prod until monday": the agent's calendar says which date
		} else if m := bareDayRangeRe.FindString(fold(text)); m != "" {
			// "gèle la prod du 24 au 28", "from the 24th to the 28th": days
			// without their month; the bot asks the dates (it froze from
			// now for a year).
			c.set("when", m)
		} else if when := freezeMoment(text); when != "" {
			// "freeze web prod tomorrow: client demo", "gèle le site ce
			// week-end": a moment, not its dates; the bot asks them (it
			// froze from now for a year).
			c.set("when", when)
		}
	}
	dates := make([]string, len(hits))
	for i, h := range hits {
		dates[i] = h.norm
	}
	c.set("dates", strings.Join(dates, " "))
	if len(hits) == 1 && len(isoDates(dates)) == 0 && dateStarts(text, hits[0].raw) == "day" {
		c.set("day", dates[0]) // "freeze web prod on 19/12": that day (it froze from now until then)
	}
	switch iso := isoDates(dates); len(iso) {
	case 2:
		c.set("from", iso[0])
		c.set("to", iso[1])
	case 1:
		switch dateStarts(text, hits[0].raw) {
		case "from":
			c.set("from", iso[0]) // "à partir du 20/12/2026"
		case "day":
			c.set("from", iso[0]) // "le 24/12/2026": that day
			c.set("to", iso[0])
		default:
			c.set("to", iso[0]) // "jusqu'au 03/01/2027"
		}
	}
}

// untilDay returns the day a freeze is said to last until, as an English
// weekday or "tomorrow": "until monday", "jusqu'à lundi", "jusqu'à
// demain", "till friday"; "" for none.
func untilDay(text string) string {
	ws := wordsOf(text)
	for i, w := range ws {
		if w != "until" && w != "till" && w != "til" && w != "jusqu" {
			continue
		}
		for _, x := range ws[i+1 : min(len(ws), i+4)] {
			if d, ok := untilDays[x]; ok {
				return d
			}
		}
	}
	return ""
}

// untilDays name the days a freeze may last until.
var untilDays = map[string]string{"monday": "monday", "tuesday": "tuesday", "wednesday": "wednesday", "thursday": "thursday",
	"friday": "friday", "saturday": "saturday", "sunday": "sunday", "lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday",
	"jeudi": "thursday", "vendredi": "friday", "samedi": "saturday", "dimanche": "sunday", "tomorrow": "tomorrow", "demain": "tomorrow"}

// dateHit is a date written in a message: as written, and as the digits
// "day/month[/year]" (or an ISO date) the agent reads.
type dateHit struct {
	at        int
	raw, norm string
}

// datesIn returns the first two dates of text, in order: written in
// digits ("20/12", "2026-12-20") or with the month's name ("8 décembre",
// "le 1er janvier 2027", "dec 10", "December 12th, 2026").
func datesIn(text string) (hits []dateHit) {
	for _, ix := range dateRe.FindAllStringIndex(text, 4) {
		if versionAround(text, ix[0], ix[1]) {
			continue // "pour la 2.5.0", "ticket 12.1", "v1.2": no date
		}
		hits = append(hits, dateHit{ix[0], text[ix[0]:ix[1]], text[ix[0]:ix[1]]})
		if len(hits) == 2 {
			break
		}
	}
	if !hasMonthName(text) {
		return hits
	}
	for _, m := range monthDayRangeRe.FindAllStringSubmatchIndex(text, 1) {
		// "Dec 24-28", "December 24 to 28": the month once, for both.
		if mo := monthOf(text[m[2]:m[3]]); mo != 0 {
			return []dateHit{{m[4], text[m[4]:m[5]], monthDate(text[m[4]:m[5]], mo, text, -1, -1)},
				{m[6], text[m[6]:m[7]], monthDate(text[m[6]:m[7]], mo, text, -1, -1)}}
		}
	}
	for _, m := range dayRangeRe.FindAllStringSubmatchIndex(text, 2) {
		if m[2] > 0 && strings.ContainsRune("/.-", rune(text[m[2]-1])) {
			continue // "from 20/12 to 3 janvier": not "12 to 3 janvier"
		}
		// "du 24 au 26 décembre", "from the 24th to the 26th of
		// december": the month said once, for both days (it froze from
		// now until the 26th).
		if mo := monthOf(text[m[6]:m[7]]); mo != 0 {
			return []dateHit{{m[2], text[m[2]:m[3]], monthDate(text[m[2]:m[3]], mo, text, m[8], m[9])},
				{m[4], text[m[4]:m[5]], monthDate(text[m[4]:m[5]], mo, text, m[8], m[9])}}
		}
	}
	for _, m := range dayMonthRe.FindAllStringSubmatchIndex(text, 2) {
		if mo := monthOf(text[m[4]:m[5]]); mo != 0 {
			hits = append(hits, dateHit{m[0], text[m[0]:m[1]], monthDate(text[m[2]:m[3]], mo, text, m[6], m[7])})
		}
	}
	for _, m := range monthDayRe.FindAllStringSubmatchIndex(text, 2) {
		if mo := monthOf(text[m[2]:m[3]]); mo != 0 {
			hits = append(hits, dateHit{m[0], text[m[0]:m[1]], monthDate(text[m[4]:m[5]], mo, text, m[6], m[7])})
		}
	}
	slices.SortFunc(hits, func(a, b dateHit) int { return a.at - b.at })
	if len(hits) > 2 {
		hits = hits[:2]
	}
	return hits
}

// monthDate writes a day, its month and its year (text[y0:y1], when
// written) as dateRe's digits.
func monthDate(day string, month int, text string, y0, y1 int) string {
	out := day + "/" + strconv.Itoa(month)
	if y0 >= 0 {
		out += "/" + text[y0:y1]
	}
	return out
}

// hasMonthName reports whether text may name a month: dayMonthRe and
// monthDayRe run only then.
func hasMonthName(text string) bool {
	t := fold(text)
	for _, p := range monthPrefixes {
		if strings.Contains(t, p.prefix) {
			return true
		}
	}
	return false
}

// monthOf returns the month a name or its abbreviation names, or 0.
func monthOf(name string) int {
	t := strings.TrimSuffix(fold(name), ".")
	for _, p := range monthPrefixes {
		if strings.HasPrefix(t, p.prefix) {
			return p.month
		}
	}
	return 0
}

// monthPrefixes tell the month of a name by its first letters, in both
// languages ("juin" before "jui", "juil" and "jul" are July).
var monthPrefixes = []struct {
	prefix string
	month  int
}{{"jan", 1}, {"fev", 2}, {"feb", 2}, {"mar", 3}, {"avr", 4}, {"apr", 4}, {"mai", 5}, {"may", 5}, {"juin", 6}, {"jun", 6},
	{"juil", 7}, {"jul", 7}, {"aou", 8}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}}

// dayMonthRe is a day then its month's name, maybe its year: "8
// décembre", "1er janvier 2027", "10 dec"; monthDayRe the month first:
// "dec 10", "December 12th, 2026".
var (
	unfreezeNumberRe = mustCompile(`^(?:(?:degele|degeler|unfreeze)\s+(?:(?:le|la|l|the|gel|freeze|numero|number|no|n)\s+)*|(?:leve|lever|lift)\s+(?:le\s+|the\s+)?(?:gel|freeze)\s+(?:(?:numero|number|no|n)\s+)?)#?(\d{1,6})$`)
	bareDayRangeRe   = mustCompile(`\b(?:du|from(?:\s+the)?|between(?:\s+the)?|entre\s+le)\s+\d{1,2}(?:er|st|nd|rd|th)?\s+(?:au|to(?:\s+the)?|and(?:\s+the)?|et\s+le|jusqu\s*au)\s+\d{1,2}(?:er|st|nd|rd|th)?\b`)
	monthDayRangeRe  = mustCompile(`(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|through|until|au|a)\s*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b`)
	dayRangeRe       = mustCompile(`(?i)\b(\d{1,2})(?:er|st|nd|rd|th)?\s*(?:au|to|-|–|et|and|a|à)\s*(?:the\s+|le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:the\s+)?)?(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:of\s+|de\s+)?(janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|sep|october|november|december)\b\.?(?:\s+(\d{4})\b)?`)
	dayMonthRe       = mustCompile(`(?i)\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|sep|october|november|december)\b\.?(?:\s+(\d{4})\b)?`)
	monthDayRe       = mustCompile(`(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`)
)

// dateStarts tells what a freeze's one date is by the words before it:
// its start ("à partir du", "from", "starting", "dès le"), its one day
// ("le 24/12", "on 12/24"), or its end ("jusqu'au", "until", alone).
func dateStarts(text, date string) string {
	i := strings.Index(text, date)
	if i < 0 {
		return ""
	}
	ws := wordsOf(text[:i])
	last := func(n int) string {
		if len(ws) < n {
			return ""
		}
		return strings.Join(ws[len(ws)-n:], " ")
	}
	for _, w := range ws[max(0, len(ws)-3):] {
		if dateRestricts.has(w) {
			return "" // "sauf le 24/12", "except on", "back on", "avant le": read as before
		}
	}
	switch {
	case last(3) == "a partir du" || last(3) == "a partir de" || last(2) == "partir du" || last(1) == "from" || last(2) == "from the" ||
		last(1) == "starting" || last(2) == "starting on" || last(2) == "des le" || last(1) == "since" || last(1) == "depuis" ||
		last(3) == "a compter du" || last(3) == "a compter de" || last(1) == "after" || last(2) == "apres le" || last(1) == "apres":
		return "from"
	case len(ws) >= 2 && (last(1) == "le" || last(1) == "on") && freezeWordsBefore(ws[:len(ws)-1]):
		return "day" // "on gèle l'api le 24/12/2026"
	}
	return ""
}

// dateRestricts make a freeze's date no start nor its one day.
var dateRestricts = setOf("sauf", "except", "excepte", "hormis", "back", "retour", "avant", "before", "but", "until", "jusqu", "till")

// freezeWordsBefore reports whether the words before a "le"/"on" date end
// with the freeze and what it acts on: "gèle l'api", "freeze web prod".
func freezeWordsBefore(ws []string) bool {
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-4; i-- {
		if _, ok := lockVerbs[ws[i]]; ok {
			return true
		}
	}
	return false
}

// isFreezeOrder tells an order to freeze ("gel de la prod du 20/12 au
// 03/01", "freeze all: incident") from a question that starts with the word
// ("freeze windows, what are they?"): an order has a reason after a colon,
// a date, or says all, and asks nothing.
func isFreezeOrder(raw, line string) bool {
	if strings.Contains(raw, "?") {
		return false
	}
	if strings.Contains(raw, ":") || len(datesIn(raw)) > 0 {
		return true
	}
	for w := range strings.FieldsSeq(line) {
		if allWords.has(w) {
			return true
		}
	}
	return false
}

// allWords say that a freeze covers everything: "freeze all", "gel
// total", "gel général".
var allWords = setOf("all", "tout", "tous", "everything", "total", "totale", "complet", "complete", "general", "generale", "global", "globale")

// rawTail returns the last n words of raw as written.
func rawTail(raw string, n int) string {
	ws := strings.Fields(raw)
	if n > len(ws) {
		n = len(ws)
	}
	return strings.Join(ws[len(ws)-n:], " ")
}

// possessivePeriods are a period said before the audit it bounds, in
// folded words, and the same period said after it.
var possessivePeriods = [][2]string{{"today s ", "today"}, {"this week s ", "this week"}, {"this month s ", "this month"}}

// auditCommand finds "audit shop", "qui a changé l'approbation de shop ?",
// "what changed this week?".
func (r *Router) auditCommand(line string) (cmd, bool) {
	line = strings.Trim(line, " ?")
	for _, p := range possessivePeriods {
		// "show me today's audit log" is "show me the audit log today".
		if i := strings.Index(line, p[0]); i >= 0 && (i == 0 || line[i-1] == ' ') && strings.Contains(line[i:], "audit") {
			line = line[:i] + line[i+len(p[0]):] + " " + p[1]
		}
	}
	if rest, since := auditPeriod(line); since != "" && auditRe.MatchString(rest) {
		c := cmd{cmd: deploybot.CmdAudit}
		r.nameProject(&c, auditRe.FindStringSubmatch(rest)[1])
		c.set("since", since)
		return c, true
	}
	if (strings.Contains(line, "audit") || strings.Contains(line, "journal")) && periodIn(line) != "" {
		// "journal d'audit du mois pour le back", "audit log of the week
		// for web": the period, then the project (looked for only there:
		// the expression backtracks over every line).
		m := auditForRe.FindStringSubmatch(line)
		if m == nil {
			m = []string{"", "", ""}
		}
		if rest, since := auditPeriod(m[1]); m[1] != "" && since != "" && auditRe.MatchString(rest) && auditRe.FindStringSubmatch(rest)[1] == "" {
			if _, ok := r.nameOrShort(m[2]); ok {
				c := cmd{cmd: deploybot.CmdAudit}
				r.nameProject(&c, m[2])
				c.set("since", since)
				return c, true
			}
		}
	}
	rest, since := auditPeriod(line)
	if since != "" && !whoChangedWhatRe.MatchString(rest) {
		// "who deployed what today": the period cut took "what" as a
		// filler before it.
		if i := strings.LastIndex(line, " what "); i >= 0 && whoChangedWhatRe.MatchString(line[:i+5]) {
			rest = line[:i+5]
		}
	}
	if whoChangedWhatRe.MatchString(rest) {
		// "qui a changé quoi sur le site cette semaine ?"
		c := cmd{cmd: deploybot.CmdAudit}
		r.nameProject(&c, whoChangedWhatRe.FindStringSubmatch(rest)[1])
		if since != "" {
			c.set("since", since)
		}
		return c, true
	}
	if c, ok := r.auditOfKey(rest); ok {
		if since != "" {
			c.set("since", since)
		}
		return c, true
	}
	switch {
	case auditRe.MatchString(line):
		c := cmd{cmd: deploybot.CmdAudit}
		r.nameProject(&c, auditRe.FindStringSubmatch(line)[1])
		return c, true
	case whoSettingsRe.MatchString(strings.TrimSpace(periodLess(line))):
		// "qui a touché aux réglages de l'api ce mois-ci ?": the audit
		// of a project's settings.
		_, since := auditPeriod(line)
		c := cmd{cmd: deploybot.CmdAudit}
		if m := whoSettingsRe.FindStringSubmatch(strings.TrimSpace(periodLess(line))); m[1] != "" {
			r.nameProject(&c, m[1])
		}
		if since != "" {
			c.set("since", since)
		}
		return c, true
	case whoChangedRe.MatchString(line) || whoChangedRe.MatchString(strings.TrimSpace(periodLess(line))):
		// "who changed the strategy of api?", "qui a changé la stratégie
		// cette semaine ?", "who changed the approval setting today?".
		rest, since := auditPeriod(line)
		m := whoChangedRe.FindStringSubmatch(strings.TrimSpace(rest))
		if m == nil {
			m = whoChangedRe.FindStringSubmatch(line)
			since = ""
		}
		key := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(m[1], " setting"), " settings"))
		k, ok := matchKey(key)
		if !ok {
			return cmd{}, false
		}
		c := cmd{cmd: deploybot.CmdAudit}
		c.set("key", k.key)
		if m[2] != "" {
			r.nameProject(&c, m[2])
		} else {
			// "who changed the web strategy this week?": the project
			// before the key.
			for _, w := range strings.Fields(strings.TrimSuffix(key, keyNameAt(k, key))) {
				if a, ok := r.project(w); ok && !stopWords.has(w) {
					c.app = a
				}
			}
		}
		if since != "" {
			c.set("since", since)
		}
		return c, true
	case whatChangedRe.MatchString(line):
		m := whatChangedRe.FindStringSubmatch(line)
		c := cmd{cmd: deploybot.CmdAudit}
		switch m[1] {
		case "today", "aujourd hui":
			c.set("since", "today")
		case "this month", "ce mois":
			c.set("since", "month")
		default:
			c.set("since", "week")
		}
		return c, true
	}
	return cmd{}, false
}

// auditOfKey reads the audit of one setting, its project before or
// after it: "audit api strategy", "audit de la stratégie de l'api",
// "audit web approval".
func (r *Router) auditOfKey(line string) (cmd, bool) {
	ws := strings.Fields(line)
	if len(ws) < 2 || ws[0] != "audit" {
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdAudit}
	var key []string
	for _, w := range ws[1:] {
		if a, ok := r.project(w); ok && !stopWords.has(w) && c.app == "" {
			c.app = a
			continue
		}
		if auditKeyFillers.has(w) {
			continue
		}
		key = append(key, w)
	}
	kt := strings.Join(key, " ")
	k, ok := matchKey(kt)
	if !ok || keyNameAt(k, kt) != kt {
		return cmd{}, false
	}
	c.set("key", k.key)
	return c, true
}

// auditKeyFillers stand between "audit", a project and a setting's name.
var auditKeyFillers = setOf("de", "du", "des", "la", "le", "l", "les", "of", "the", "for", "pour", "on", "sur", "projet", "project", "setting", "reglage")

// forProjectRe is a setting to change said after its project: "pour le
// projet web, change la stratégie", "for web, change the strategy".
var forProjectRe = mustCompile(`^(?:pour|for)\s+(?:le\s+projet\s+|the\s+project\s+|project\s+|projet\s+|le\s+|la\s+|l\s+|the\s+)?(\S+)\s+((?:change|changer|changez|modifie|modifier|set|update)\s+(?:the\s+|la\s+|le\s+|l\s+)?\S+(?:\s+\S+)?)$`)

// valueLessRe is a setting to change, said without its new value: "change
// la stratégie de l'api", "set the approval for web production".
var valueLessRe = mustCompile(`^(?:change|changer|changez|modifie|modifier|modifiez|set|update|configure|configurer)\s+(?:the\s+|la\s+|le\s+|les\s+|l\s+)?(.+?)\s+(?:of|for|de|du|pour|on|sur)\s+(?:the\s+|l\s+|la\s+|le\s+)?(?:projet\s+|project\s+)?(\S+)(?:\s+(?:en\s+|in\s+|on\s+)?(\S+))?$`)

// strategyValueRe sets a project's strategy by its value alone, the key
// unsaid: "set api to canary", "passe l'api en canary", "use canary for
// api" (folded).
var strategyValueRe = mustCompile(`^(?:(?:set|switch|passe|mets|bascule)\s+(?:the\s+|l\s+|le\s+|la\s+)?(\S+)?\s*(?:to|en|on|sur|a)\s+(recreate|rolling|blue-green|canary)|(?:use|utilise|prends|take)\s+(recreate|rolling|blue-green|canary)\s+(?:for|pour)\s+(?:the\s+|l\s+|le\s+|la\s+)?(\S+))(?:\s+(?:then|alors|donc|please|pls|stp|svp|now|maintenant|instead|plutot))*$`)

// strategyOnlyRe sets the strategy by its value alone, its verb first:
// "mets canary alors", "passe en blue-green", "switch to rolling".
var strategyOnlyRe = mustCompile(`^(?:set|switch|passe|passez|mets|mettez|bascule|basculez|change)\s+(?:to\s+|en\s+|sur\s+|a\s+|on\s+)?(recreate|rolling|blue-green|canary)(?:\s+(?:then|alors|donc|please|pls|stp|svp|instead|plutot))*$`)

// keyToValueRe is a setting changed to a value of one word (folded):
// "change the strategy to canary", "passe la stratégie en canary",
// "switch the api approval to none", "set strategy to canary".
var keyToValueRe = mustCompile(`^(?:set|change|changer|changez|modifie|modifier|modifiez|passe|passez|passer|mets|mettez|mettre|switch|update|configure)\s+(?:the\s+|la\s+|le\s+|les\s+|l\s+)?(\S+(?:\s+\S+){0,2}?)\s+(?:to|en|a|=|sur)\s+(\S+)(?:\s+(?:then|alors|donc|please|pls|stp|svp|now|maintenant|instead|plutot))*$`)

// setVerbFirst reports whether the message's words open with a verb of
// setting, after politeness at most ("ok change the strategy to canary";
// not "we changed …", "on a passé …").
func setVerbFirst(words []string) bool {
	switch v := verbAfterPoliteness(words); v {
	case "modifie", "update", "changer", "passer":
		return true
	default:
		return setVerbs.has(v)
	}
}

// verbAfterPoliteness returns the first of words after politeness and
// "ok", "bon", "alors" ("please set …", "ok change …"), or "".
func verbAfterPoliteness(words []string) string {
	ws := words
	for len(ws) > 0 && (politeWords.has(ws[0]) || ws[0] == "ok" || ws[0] == "okay" || ws[0] == "bon" || ws[0] == "alors") {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return ""
	}
	return ws[0]
}

// closedValues are the values a setting takes from a few words, by key:
// only these are set by keyToValueRe.
var closedValues = map[string][]string{
	deploybot.KeyStrategy: {"recreate", "rolling", "blue-green", "canary"},
	deploybot.KeyApproval: {"none", "four-eyes", "named"},
}

// closedValue reports whether value is one of key's closedValues.
func closedValue(key, value string) bool {
	return slices.Contains(closedValues[key], value)
}

// defaultNamed reports whether a key's words name the agency's default:
// "default strategy", "stratégie par défaut".
func defaultNamed(keyText string) bool {
	for _, w := range strings.Fields(keyText) {
		switch w {
		case "default", "defaut", "agency", "agence":
			return true
		}
	}
	return false
}

// participleFirst reports whether raw's first word, after politeness,
// is a French past participle ("passé la stratégie en canary ✅",
// "changé …", "annulé celui de web"): a change told, folded into the
// imperative ("passe") it is not.
func participleFirst(raw string) bool {
	for _, w := range strings.Fields(strings.ToLower(raw)) {
		w = strings.Trim(w, ".,;:!✅👍")
		if w == "" || w == "ok" || w == "bon" || w == "alors" || w == "j'ai" || w == "on" || w == "a" {
			continue
		}
		return strings.HasSuffix(w, "é") || strings.HasSuffix(w, "ée") || strings.HasSuffix(w, "és") || strings.HasSuffix(w, "ées")
	}
	return false
}

// strategyVerbFirst reports whether the message's words open with
// strategyValueRe's verb, after politeness at most ("please set api to
// canary"; not "we set api to canary", "on a passé l'api en canary").
func strategyVerbFirst(words []string) bool {
	switch verbAfterPoliteness(words) {
	case "set", "switch", "passe", "mets", "bascule", "use", "utilise", "prends", "take":
		return true
	}
	return false
}

// forProjectSetRe is a setting changed, its value said (one word), after
// its project: "pour l'api, mets la stratégie à canary", "for web, set the
// strategy to rolling" (folded); not "… à canary en prod", "… à rolling,
// pas canary".
var forProjectSetRe = mustCompile(`^(?:pour|for)\s+(?:le\s+projet\s+|the\s+project\s+|project\s+|projet\s+|l\s+|le\s+|la\s+|the\s+)?(\S+)\s+(set|change|changer|modifie|modifier|mets|mettre|passe|passer|switch)\s+(?:the\s+|la\s+|le\s+|l\s+)?(.+?)\s+(to|a|en|=|sur)\s+(\S+)(?:\s+(?:please|pls|stp|svp|merci|thanks))?$`)

// keyOfRe is a setting changed with its key before the project it is
// of: "change the strategy of web to canary", "passe la stratégie du site
// en canary", "set the approval for web production to four-eyes".
var keyOfRe = mustCompile(`^(?:set|change|changer|changez|modifie|modifier|passe|passer|mets|mettre|switch)\s+(?:the\s+|la\s+|le\s+|les\s+|l\s+)?(.+?)\s+(?:of|for|de|du|pour|on|sur)\s+(?:the\s+|l\s+|la\s+|le\s+)?(?:projet\s+|project\s+)?(\S+)(\s+(?:en\s+|in\s+|on\s+)?\S+)?\s+(?:to|en|a|=|sur)\s+(.+)$`)

// valueLess reads a setting to change without its new value: the bot
// asks for it (the agent), and the answer sets it (followUpOf).
func (r *Router) valueLess(line string) (cmd, bool) {
	if m := forProjectRe.FindStringSubmatch(line); m != nil {
		if _, ok := r.project(m[1]); ok {
			// "pour le projet web, change la stratégie", "for web,
			// change the strategy": the project first.
			line = m[2] + " de " + m[1]
		}
	}
	m := valueLessRe.FindStringSubmatch(line)
	if m == nil {
		// "set api strategy", "change web approval": the project, then
		// the key.
		pm := projectKeyRe.FindStringSubmatch(line)
		if pm == nil {
			return cmd{}, false
		}
		if _, ok := r.project(pm[1]); !ok {
			return cmd{}, false
		}
		m = []string{pm[0], pm[2], pm[1], ""}
	}
	if first, rest, ok := strings.Cut(strings.TrimSpace(m[1]), " "); ok && m[3] == "" {
		k, whole := matchKey(m[1])
		if _, isEnv := envWordOf(first); isEnv && !(whole && keyName(k, m[1]) == strings.TrimSpace(m[1])) {
			// "change web's production approval": the environment
			// before the key; not "staging first", a key whose name
			// opens with one.
			m = []string{m[0], rest, m[2], first}
		}
	}
	k, ok := matchKey(m[1])
	if !ok || keyName(k, m[1]) != strings.TrimSpace(m[1]) {
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdContext}
	c.set("what", "set")
	c.set("key", k.key)
	if m[2] == "agency" || m[2] == "agence" {
		c.set("scope", "agency")
		return c, true
	}
	proj, ok := r.project(m[2])
	if !ok {
		return cmd{}, false
	}
	c.app = proj
	c.set("scope", "project")
	if m[3] != "" {
		e, ok := r.envOf(proj, m[3])
		if !ok {
			return cmd{}, false
		}
		c.env = e
		c.set("scope", "environment")
	}
	return c, true
}

// possessiveOf reports whether a folded key phrase opens with a
// possessive that points at a project: "its approval", "sa stratégie".
func possessiveOf(key string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(key), " ")
	switch first {
	case "its", "their", "son", "sa", "ses", "leur", "leurs":
		return true
	}
	return false
}

// excluders take out what follows them: "web not api", "sauf le site".
var excluders = setOf("not", "pas", "sauf", "except", "excepte", "hors", "but", "like", "comme")

// resetExcluders exclude part of a reset's target, wherever they stand.
var resetExcluders = setOf("except", "sauf", "excepte", "hors", "excluding", "apart", "skip", "outside", "excluded", "exclu", "garde",
	"laisse", "keep", "without", "sans")

// postExcluders exclude the name before them: "prod excluded", "la prod
// reste", "prod untouched", "prod set aside".
var postExcluders = setOf("excluded", "exclu", "exclue", "untouched", "reste", "aside", "intact", "intacte")

// resetNamesOthers reports whether a reset's words name more than one
// project, or one after a word that excludes it or compares with it.
func (r *Router) resetNamesOthers(line string) bool {
	ws := strings.Fields(line)
	n := 0
	for i, w := range ws {
		lo, hi := i+1, min(len(ws), i+4) // "except staging", "sans la prod": the name after
		if postExcluders.has(w) {
			lo, hi = max(0, i-2), i // "prod excluded", "la prod reste"
		}
		if i > 0 && (resetExcluders.has(w) || postExcluders.has(w) || w == "not" || w == "pas") && slices.ContainsFunc(ws[lo:hi], func(v string) bool {
			_, env := envWordOf(v)
			_, app := r.project(v)
			return env || app && !stopWords.has(v)
		}) {
			return true // "… except staging", "…, pas la prod", "prod excluded"; not "canary is not working", "keep me posted"
		}
		if _, ok := r.project(w); !ok || stopWords.has(w) {
			continue
		}
		if i > 0 && excluders.has(ws[i-1]) || i > 1 && excluders.has(ws[i-2]) && envOrArticle(ws[i-1]) {
			return true
		}
		n++
	}
	return n > 1
}

// envOrArticle reports whether w may stand between an excluder and the
// name it excludes: "not the api", "pas l'api".
func envOrArticle(w string) bool {
	switch w {
	case "the", "le", "la", "l", "les":
		return true
	}
	return false
}

// resetFillers are the words a reset may say beside its key that name no
// project: "reset the approval setting", "reset strategy value again".
var resetFillers = setOf("setting", "settings", "reglage", "reglages", "parametre", "parametres", "value", "valeur",
	"default", "defaut", "defaults", "again", "back", "now", "maintenant", "please", "pls", "stp", "svp", "agency", "agence")

// toDefaultRe ends a reset with the default it gives: "… to the agency
// default", "… back to default", "… à la valeur par défaut".
var toDefaultRe = mustCompile(`\s+(?:back\s+)?(?:to|a|au)\s+(?:the\s+|la\s+|l\s+)?(?:agency\s+s\s+|agency\s+|agence\s+)?(?:default|defaults|defaut|valeur par defaut)$`)

// ownerKeyRe is a setting said as a fact about its owner: "for the front,
// approval is none" (1: project or agency, 2: key, 5: value; 4, 3, 6 the
// French "pour le site, …"), "la pipeline de l'agence c'est gitlab-ci"
// (7: key of the agency, 8: value), "la stratégie du site c'est canary"
// (9: key, 10: project, 11: value).
var ownerKeyRe = mustCompile(`^(?:for\s+(?:the\s+)?(?:project\s+)?(\S+)\s+(.+?)\s+(?:is|=)\s+(.+)|pour\s+(?:le\s+projet\s+|le\s+|la\s+|l\s+)?(\S+)\s+(.+?)\s+c\s+est\s+(.+)|(?:la|le|les|l)\s+(.+?)\s+de\s+l\s*agence\s+(?:c\s+est|est)\s+(.+)|(?:la|le|les|l)\s+(.+?)\s+(?:du|de\s+l|de\s+la)\s+(\S+)\s+(?:c\s+est|est)\s+(.+))$`)

// projectKeyRe is a setting to change named after its project, without
// its new value: "set api strategy", "change web approval".
var projectKeyRe = mustCompile(`^(?:set|change|update|modifie|change)\s+(?:the\s+)?(?:project\s+)?(\S+?)(?:\s+s)?\s+(\S+(?:\s+\S+)?)$`)

// periodLess is line without the period auditPeriod reads.
func periodLess(line string) string {
	rest, _ := auditPeriod(line)
	return rest
}

// contextCommand finds "show context for api", "set api strategy to
// canary", "set shop staging strategy to canary", "pour le projet api, la
// stratégie est canary" and "reset approval for shop". bare is line
// without its politeness, asked bare without a request around it (see
// command).
func (r *Router) contextCommand(p *parse, line, bare, asked string) (cmd, bool) {
	if app, value, ok := r.strategyNoted(line); ok && !strings.ContainsAny(p.raw, "?¿…@~\"«“>") && !strings.Contains(p.raw, "..") {
		c := cmd{cmd: deploybot.CmdContext, app: app}
		c.set("what", "set")
		c.set("key", deploybot.KeyStrategy)
		c.set("scope", "project")
		c.set("value", value)
		return c, true
	}
	if set, ok := r.becomes(line); ok && !strings.ContainsAny(p.raw, "?¿…@~") && !strings.Contains(p.raw, "..") && !yesMarred(p.raw) {
		// Not asked, hesitated ("…none..."), addressed to someone, struck
		// through or mocked.
		line, bare, asked = set, set, set
	}
	if m := showContextRe.FindStringSubmatch(asked); m != nil {
		c := cmd{cmd: deploybot.CmdContext}
		c.set("what", "show")
		if m[1] != "" && m[1] != "agence" && m[1] != "agency" {
			r.nameProject(&c, m[1])
		}
		if c.app == "" && (strings.Contains(" "+asked+" ", " agency ") || strings.Contains(" "+asked+" ", " agence ")) {
			c.set("scope", "agency") // "contexte agence", "show me the agency context"
		}
		return c, true
	}
	if c, ok := r.settingsAsked(bare); ok {
		return c, true
	}
	if m := forgetDefaultRe.FindStringSubmatch(line); m != nil {
		line = "reset " + m[1] // "oublie la stratégie du front, remets celle par défaut"
	}
	if m := defaultRe.FindStringSubmatch(bare); m != nil && !slices.ContainsFunc(strings.Fields(m[1]), func(w string) bool { return w == "to" || w == "a" || w == "en" }) {
		// "remets la stratégie du site par défaut", "… par défaut pour le
		// site"; not "mets la stratégie du site en canary comme dans le
		// fichier": a value.
		line = "reset " + m[1] + m[2]
	}
	if strings.HasPrefix(line, "reset ") || strings.HasPrefix(line, "reinitialise") || strings.HasPrefix(line, "retablis") {
		// "reset the approval setting for backend to the agency default":
		// the default is what a reset gives, no scope.
		line = toDefaultRe.ReplaceAllString(line, "")
	}
	if m := resetRe.FindStringSubmatch(line); m != nil {
		// "reset web strategy", "reset api staging approval": the project
		// (and its environment) before the key, as "set" reads them; an
		// agency-wide reset is only one that names no project.
		keyText, app, env := m[1], "", ""
		if ws := strings.Fields(keyText); len(ws) > 1 && m[2] == "" {
			if a, ok := r.project(ws[0]); ok && !stopWords.has(ws[0]) {
				app, ws = a, ws[1:]
				if e, ok := envWordOf(ws[0]); ok && len(ws) > 1 {
					env, ws = e, ws[1:]
				}
			} else if a, ok := r.project(ws[len(ws)-1]); ok && !stopWords.has(ws[len(ws)-1]) && !(len(ws) > 1 && excluders.has(ws[len(ws)-2])) {
				app, ws = a, ws[:len(ws)-1]
			}
			keyText = strings.Join(ws, " ")
		}
		others := r.resetNamesOthers(line)
		if others {
			// "reset approval, web not api", "reset strategy for api like
			// web", "… for web prod and the shop": more than one project, or
			// one excluded; the bot asks which (an attack reset the
			// excluded one).
			app, env, m[2], m[3] = "", "", "", ""
			keyText = strings.Join(slices.DeleteFunc(strings.Fields(keyText), func(w string) bool { _, ok := r.project(w); return ok }), " ")
		}
		k, ok := matchKey(keyText)
		if !ok {
			return cmd{}, false
		}
		named := others // words beside the key's name that may name a project
		if !others && app == "" && m[2] == "" {
			// "remets la stratégie du site par défaut, on s'est emballés",
			// "reset the strategy we put on the front": the project anywhere
			// beside the key; "reset shop strategy" (a project the bot does
			// not know) is never the agency's reset: the bot asks.
			name := keyNameAt(k, keyText)
			for _, w := range strings.Fields(strings.TrimSuffix(strings.TrimPrefix(keyText, name), name)) {
				if a, ok := r.project(w); ok && !stopWords.has(w) && app == "" {
					app = a
				} else if e, ok := envWordOf(w); ok && env == "" {
					env = e // "remets la stratégie de la recette du site par défaut": staging's
				} else if !stopWords.has(w) && !resetFillers.has(w) {
					named = true
				}
			}
		}
		c := cmd{cmd: deploybot.CmdReset}
		c.set("key", k.key)
		c.set("scope", "agency")
		if named && app == "" {
			c.set("scope", "project")
		}
		if possessiveOf(m[1]) {
			// "reset its approval": a project's, which the bot asks;
			// never the agency's.
			c.set("scope", "project")
		}
		if app != "" {
			c.app = app
			c.set("scope", "project")
			if env != "" {
				c.env = env
				c.set("scope", "environment")
			}
			return c, true
		}
		if m[2] != "" && m[2] != "agency" && m[2] != "agence" {
			c.set("scope", "project")
			r.nameProject(&c, m[2])
			if m[3] != "" {
				c.set("scope", "environment")
				if e, ok := r.envOf(c.app, m[3]); ok {
					c.env = e
				} else {
					c.unknownEnv = m[3]
				}
			} else {
				for _, w := range strings.Fields(keyText) {
					if e, ok := envWordOf(w); ok {
						// "remets la stratégie de la recette du site par
						// défaut": staging's, not the whole project's.
						c.env = e
						c.set("scope", "environment")
						break
					}
				}
			}
		}
		return c, true
	}
	if rewritten, ok := fromNowOn(line); ok {
		if strings.Contains(p.raw, "?") || !shortValue(rewritten) {
			// "désormais la stratégie c'est rolling, non ?", "… blue-green,
			// said alice", "… from next sprint": asked, reported or for
			// later, no setting.
			return cmd{}, false
		}
		line = rewritten
	}
	if c, ok := r.valueLess(line); ok {
		return c, true
	}
	setValue := "" // the value, when a rewrite below read it (the raw text's last words may be others)
	if m := forProjectSetRe.FindStringSubmatch(line); m != nil {
		if _, ok := r.project(m[1]); ok && !stopWords.has(m[1]) {
			// "pour l'api, mets la stratégie à canary", "for web, set the
			// approval to none": the project first.
			line, setValue = m[2]+" "+m[3]+" de "+m[1]+" "+m[4]+" "+m[5], m[5]
		}
	}
	if m := keyOfRe.FindStringSubmatch(line); m != nil && !strings.Contains(p.raw, "?") && !r.givesNoOrder(p.raw, line) {
		// "change the strategy of web to canary", "passe la stratégie du
		// site en canary": read as "set web strategy to canary".
		if _, ok := matchKey(m[1]); ok {
			if _, ok := r.project(m[2]); ok || m[2] == "agency" || m[2] == "agence" {
				env := strings.TrimSpace(m[3])
				if env != "" {
					if _, ok := r.envOf(m[2], env); !ok {
						env = "-" // no environment: no setting
					}
				}
				if env != "-" {
					line = strings.Join(strings.Fields("set "+m[2]+" "+env+" "+m[1]+" to "+m[4]), " ")
				}
			}
		}
	}
	if m := strategyValueRe.FindStringSubmatch(line); m != nil && !strings.Contains(p.raw, "?") && !r.givesNoOrder(p.raw, line) {
		// "set api to canary", "passe l'api en canary", "set it to
		// blue-green then", "use canary for api": the value names its key.
		// Only with the project named: "set it to canary" stays talk
		// (settingPronounRe).
		// Said as an order, its verb first: "we set api to canary", "on a
		// passé l'api en canary", "we use canary for api" tell what was
		// done or is.
		owner, value := m[1]+m[4], m[2]+m[3]
		if _, ok := r.project(owner); ok && !stopWords.has(owner) && strategyVerbFirst(p.words) {
			line, setValue = "set "+owner+" strategy to "+value, value
		}
	}
	if m := strategyOnlyRe.FindStringSubmatch(line); m != nil && !strings.Contains(p.raw, "?") && !r.givesNoOrder(p.raw, line) && strategyVerbFirst(p.words) {
		// "mets canary alors", "passe en blue-green", "switch to canary":
		// a strategy's value names its key; the project is the one the
		// conversation names, or the bot asks (it planned a deploy of
		// nothing). Not on a pronoun ("set it to canary": which
		// setting of what, settingPronounRe), nor told ("on a mis
		// canary").
		line, setValue = "set strategy to "+m[1], m[1]
	}
	if m := ownerKeyRe.FindStringSubmatch(line); m != nil && !strings.Contains(p.raw, "?") && !r.givesNoOrder(p.raw, line) {
		// "for the front, approval is none", "la pipeline de l'agence
		// c'est gitlab-ci maintenant": read as "set web approval to none".
		owner, key, value := m[1]+m[4], m[2]+m[5], m[3]+m[6]
		if m[7] != "" {
			owner, key, value = "agency", m[7], m[8]
		} else if m[9] != "" {
			owner, key, value = m[10], m[9], m[11]
		}
		if (m[7] != "" || m[9] != "") && withoutNowWord(value) == value {
			// "la stratégie du site c'est canary" tells a fact (see
			// fromNowOn); "… c'est gitlab-ci maintenant" sets it.
			owner = ""
		}
		if k, ok := matchKey(key); ok && owner != "" && keyName(k, key) == key && len(strings.Fields(withoutNowWord(value))) <= 2 {
			if _, ok := r.project(owner); ok || owner == "agency" || owner == "agence" {
				line = "set " + owner + " " + key + " to " + value
			}
		}
	}
	if m := keyToValueRe.FindStringSubmatch(line); m != nil && (!strings.HasPrefix(line, "set ") || !setEnRe.MatchString(line)) && !strings.ContainsAny(p.raw, "?¿…@~") &&
		!r.givesNoOrder(p.raw, line) && setVerbFirst(p.words) && !participleFirst(p.raw) {
		// "change the strategy to canary", "passe la stratégie en canary"
		// (the project the conversation names, or the bot asks), "change
		// api strategy to canary", "switch the web approval to none": read
		// as "set". Only a key whose values are a few words, to one of
		// them: "mets le pipeline en pause", "update the rollback
		// procedure a bit", "mets le sla à jour" set nothing; nor an
		// agency default said ("change the default strategy"), nor a
		// change told ("passé la stratégie en canary").
		keyText, value := m[1], m[2]
		owner := ""
		if first, rest, ok := strings.Cut(keyText, " "); ok {
			if _, isProject := r.project(first); isProject && !stopWords.has(first) {
				owner, keyText = first, rest
			}
		}
		if k, ok := matchKey(keyText); ok && keyName(k, keyText) == keyText && closedValue(k.key, value) && !defaultNamed(keyText) {
			if owner == "" {
				line, setValue = "set its "+keyText+" to "+value, value
			} else {
				line, setValue = "set "+owner+" "+keyText+" to "+value, value
			}
		}
	}
	var agency bool
	var name, keyText, value string
	if m := setEnRe.FindStringSubmatch(line); m != nil {
		agency, name, keyText, value = m[1] != "", m[2], m[3], m[4]
	} else if m := setFrRe.FindStringSubmatch(line); m != nil {
		agency, name, keyText, value = m[1] != "", m[2], m[3], m[4]
	} else {
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdContext}
	c.set("what", "set")
	c.set("scope", "agency")
	if !agency && possessives.has(name) {
		// "set its strategy to rolling": the project the conversation
		// names (subjectFilled), or the bot asks; never the agency's nor a
		// project called "its".
		name = ""
		c.set("scope", "project")
	}
	if !agency && name != "" {
		proj, ok := r.project(name)
		if !ok {
			if _, isKey := matchKey(keyText); !isKey {
				return cmd{}, false
			}
			c.unknownApp = name
			return c, true
		}
		c.app = proj
		c.set("scope", "project")
		// "set shop staging strategy to canary", "... for staging"; but
		// "staging first" is a key.
		words := strings.Fields(keyText)
		if k, ok := matchKey(keyText); ok && keyName(k, keyText) == keyText {
			words = nil
		}
		var kept []string
		for i, w := range words {
			if e, ok := r.envOf(proj, w); ok && (i == 0 || isEnvPreposition(words[i-1]) || i == len(words)-1) {
				c.env = e
				c.set("scope", "environment")
				if len(kept) > 0 && isEnvPreposition(kept[len(kept)-1]) {
					kept = kept[:len(kept)-1]
				}
				continue
			}
			kept = append(kept, w)
		}
		if words != nil {
			keyText = strings.Join(kept, " ")
		}
		vw := strings.Fields(value)
		if n := len(vw); n >= 2 && isEnvPreposition(vw[n-2]) {
			if e, ok := r.envOf(proj, vw[n-1]); ok {
				c.env = e
				c.set("scope", "environment")
				value = strings.Join(vw[:n-2], " ")
			}
		}
	}
	k, ok := matchKey(keyText)
	if !ok {
		return cmd{}, false
	}
	c.set("key", k.key)
	if c.app != "" && c.env == "" {
		// "set api qa strategy to canary": a word before the key that is
		// no environment of the project.
		if extra := strings.TrimSpace(strings.TrimSuffix(keyText, keyName(k, keyText))); extra != "" && !strings.Contains(extra, " ") && extra != "s" {
			c.unknownEnv = extra
			return c, true
		}
	}
	raw := rawAfter(p.raw, value)
	if c.env != "" {
		for _, suffix := range []string{" for ", " pour ", " en ", " on ", " in "} {
			for _, w := range []string{c.env, "prod", "staging", "production", "preprod", "recette"} {
				raw = strings.TrimSuffix(raw, suffix+w)
			}
		}
	}
	c.args["value"] = withoutNowWord(raw)
	if v := c.args["value"]; setVerbs.has(firstField(p.line)) && strings.Contains(v, " ") {
		// "set api strategy to canary then": the order's sequel word
		// (not "la stratégie de l'api c'est canary alors", a conclusion).
		if head, last, ok := cutLastField(v); ok && valueThens.has(strings.ToLower(last)) && !strings.Contains(head, " ") {
			c.args["value"] = head
		}
	}
	if setValue != "" {
		c.args["value"] = setValue
	}
	return c, true
}

// withoutNowWord returns a setting's value without the word of time said
// after it ("le pipeline c'est gitlab-ci maintenant", "strategy is canary
// from now on").
func withoutNowWord(value string) string {
	for {
		// "set api strategy to canary please", "… à blue-green stp": the
		// words of politeness that close the order, after a value of one
		// word ("… the client says please" keeps its words).
		i := strings.LastIndexByte(value, ' ')
		if i <= 0 || strings.ContainsAny(strings.TrimRight(value[:i], " ,;"), " ") || !valueTails.has(strings.ToLower(strings.Trim(value[i+1:], "!.,;"))) {
			break
		}
		value = strings.TrimRight(value[:i], " ,;")
	}
	for _, suffix := range []string{" for now", " pour l'instant", " pour le moment", " from now on", " now", " maintenant", " désormais", " desormais", " dorénavant", " dorenavant",
		" à partir de maintenant", " a partir de maintenant", " going forward"} {
		if len(value) > len(suffix) && strings.EqualFold(value[len(value)-len(suffix):], suffix) {
			return strings.TrimSpace(value[:len(value)-len(suffix)])
		}
	}
	return value
}

// setVerbs open an order to set a value; valueThens may close it.
var (
	setVerbs   = setOf("set", "mets", "met", "mettez", "passe", "passez", "change", "changez", "switch", "configure", "configurez", "make")
	valueThens = setOf("then", "alors", "donc")
)

// cutLastField splits s before its last space-separated field.
func cutLastField(s string) (head, last string, ok bool) {
	i := strings.LastIndexByte(s, ' ')
	if i <= 0 {
		return s, "", false
	}
	return strings.TrimRight(s[:i], " ,;"), strings.Trim(s[i+1:], "!.,;"), true
}

// stopThenFreezeRe is a stop said alone before a freeze: "stop, freeze
// prod", "stop. freeze production." (the lift's "stop freeze on web"
// has no mark between them).
var stopThenFreezeRe = mustCompile(`(?i)^\s*(?:stop|cancel|annule)\s*[,.;:!—–-]+\s*(?:freeze|gel|gele|gèle)\b`)

// valueTails close an order to set a value without being part of it.
// ("then", "alors" close a conclusion as well: "l'approbation de l'api
// c'est none alors" sets nothing; an attack had it set.)
var valueTails = setOf("please", "pls", "plz", "stp", "svp", "merci", "thanks", "thx")

func isEnvPreposition(w string) bool {
	switch w {
	case "en", "in", "on", "for", "pour", "sur":
		return true
	}
	return false
}

// shortValue reports whether a rewritten setting's value, after its
// last " to " or " est ", is one or two words: a setting's value, not a
// sentence.
func shortValue(line string) bool {
	i := max(strings.LastIndex(line, " to "), strings.LastIndex(line, " est "))
	if i < 0 {
		return false
	}
	v := line[i+1:]
	_, v, _ = strings.Cut(v, " ")
	return len(strings.Fields(v)) <= 2
}

// fromNowOn rewrites a setting said as a rule from now on in the words
// of "set": "from now on the backend strategy is blue-green" is "set
// backend strategy to blue-green", "désormais pour le site, la stratégie
// c'est rolling" and "dorénavant la stratégie du site sera rolling" are
// "pour le site la strategie est rolling". Without such a marker, "the
// web strategy is rolling" tells a fact, or asks, and sets nothing.
func fromNowOn(line string) (string, bool) {
	rest, ok := "", false
	for _, mark := range []string{"from now on ", "going forward ", "henceforth ", "desormais ", "dorenavant ",
		"a partir de maintenant ", "a partir d aujourd hui "} {
		if strings.HasPrefix(line, mark) {
			rest, ok = strings.TrimPrefix(line, mark), true
			break
		}
	}
	if !ok {
		return "", false
	}
	rest = strings.NewReplacer(" c est ", " est ", " sera ", " est ", " will be ", " is ").Replace(" " + rest + " ")
	rest = strings.TrimSpace(rest)
	if m := fromNowEnRe.FindStringSubmatch(rest); m != nil {
		return "set " + m[1] + " " + m[2] + " to " + m[3], true
	}
	if m := fromNowFrRe.FindStringSubmatch(rest); m != nil {
		return "pour le " + m[2] + " " + m[1] + " est " + m[3], true
	}
	return rest, true // "pour le site, la stratégie est rolling" reads as it is
}

var (
	forgetDefaultRe = mustCompile(`^(?:oublie|oublier|forget)\s+(.+?)\s+(?:et\s+|and\s+)?(?:remets|remettre|reprends|use|go back to|back to|revert to|(?:reviens|revenir|retourne|repasse|repasser)\s+(?:a|au))\s+(?:celle|celui|the|la|le|l)?\s*(?:valeur\s+)?(?:par defaut|defaut|default)\b.*$`)
	fromNowEnRe     = mustCompile(`^(?:the\s+|for\s+)?(\S+?)(?:\s+s)?\s+(.+?)\s+is\s+(.+)$`)
	fromNowFrRe     = mustCompile(`^(?:la|le|les|l)\s+(.+?)\s+(?:du|de\s+la|de\s+l|de|des)\s+(\S+)\s+est\s+(.+)$`)
)

// rawAfter recovers the value of a set command as the user typed it (case,
// accents, punctuation: "Mon-Fri 08:00-20:00"): what follows the first
// " to ", " = ", " est ", " sont " or ":" of text; folded when none is found.
func rawAfter(text, folded string) string {
	lower := strings.ToLower(text)
	best := -1
	n := 0
	for _, sep := range []string{" to ", " = ", "=", " est ", " sont ", ":"} {
		if i := strings.Index(lower, sep); i >= 0 && (best < 0 || i < best) {
			best, n = i, len(sep)
		}
	}
	if best < 0 {
		words := strings.Fields(text)
		k := len(strings.Fields(folded))
		if k == 0 || k > len(words) {
			return folded
		}
		return strings.TrimRight(strings.Join(words[len(words)-k:], " "), ".!")
	}
	return strings.TrimRight(strings.TrimSpace(text[best+n:]), ".!")
}

// reminderCommand finds "list reminders", "supprime le rappel 3" and the
// creation of a reminder.
func (r *Router) reminderCommand(p *parse, line string) (cmd, bool) {
	c := cmd{cmd: deploybot.CmdReminders}
	switch {
	case listRemFrRe.MatchString(line):
		c.set("op", "list")
		c.lang = deploybot.French
		return c, true
	case listRemEnRe.MatchString(line):
		c.set("op", "list")
		c.lang = deploybot.English
		return c, true
	case remindersAsked(strings.Trim(line, " ?!.")):
		c.set("op", "list")
		return c, true
	}
	if m := delRemFrRe.FindStringSubmatch(line); m != nil {
		c.set("op", "delete")
		c.set("id", m[1])
		c.lang = deploybot.French
		return c, true
	}
	if m := delRemEnRe.FindStringSubmatch(line); m != nil {
		c.set("op", "delete")
		c.set("id", m[1])
		c.lang = deploybot.English
		return c, true
	}
	if m := delRemAnyRe.FindStringSubmatch(strings.Trim(line, " ?!.")); m != nil && !strings.Contains(p.raw, "?") {
		// "supprime le rappel du vendredi", "delete a reminder": the bot
		// lists them and asks which one.
		c.set("op", "delete")
		c.lang = deploybot.English
		if m[1] != "" {
			c.lang = deploybot.French
		}
		return c, true
	}
	req, matched, ok := parseReminder(p.raw)
	if !matched {
		return cmd{}, false
	}
	c.lang = req.lang
	if !ok {
		c.set("op", "incomplete") // no schedule: the agent asks for it
		c.set("channel", req.channel)
		c.set("text", req.text)
		if _, days, _, _, hasTime := parseWhen(p.raw); days && hasTime && req.text == "" && req.channel != "" && !strings.Contains(p.raw, ": ") && !strings.Contains(p.raw, "@") &&
			!strings.Contains(p.raw, " : ") {
			// "remind #api every monday at 9": when is said, what is not;
			// the agent asks what (it asked when).
			c.set("missing", "text")
		}
		return c, true
	}
	c.set("op", "add")
	c.set("channel", req.channel)
	c.set("dow", dowField(req.days))
	c.set("hour", itoa(req.hour))
	c.set("minute", itoa(req.minute))
	c.set("text", req.text)
	return c, true
}

// reminderListWords may stand beside "reminders" in a question that asks
// which are set: "quels rappels sont programmés ?", "which reminders are
// scheduled here?", "do we have any reminders?".
var reminderListWords = setOf("quels", "quel", "which", "what", "are", "is", "there", "any", "y", "a", "a-t-il", "il", "t",
	"des", "les", "mes", "nos", "my", "our", "the", "sont", "programmes", "prevus", "actifs", "en", "place", "cours",
	"scheduled", "set", "up", "active", "planned", "configured", "configures", "do", "i", "we", "have", "ai", "j", "on",
	"avons", "as", "tu", "you", "for", "pour", "ce", "canal", "channel", "this", "ici", "here", "currently", "actuellement")

// remindersAsked reports whether a folded line asks which reminders are
// set: the plural noun, with only the words of such a question.
func remindersAsked(line string) bool {
	if !strings.Contains(line, "rappels") && !strings.Contains(line, "reminders") {
		return false
	}
	ws := appendFields(make([]string, 0, 16), line)
	if len(ws) < 2 || len(ws) > 9 {
		return false
	}
	noun := false
	for _, w := range ws {
		switch {
		case w == "rappels" || w == "reminders":
			noun = true
		case !reminderListWords.has(w):
			return false
		}
	}
	return noun
}

// commandWordLang is the language of a command written as its word and
// its slots ("statut api", "status", "historique du site"): French for
// its French words, English for the others when nothing but project and
// environment names follow; else the words around say it ("").
func commandWordLang(bare, rest string, french ...string) deploybot.Lang {
	word, _, _ := strings.Cut(bare, " ")
	for _, f := range french {
		if word == f {
			return deploybot.French
		}
	}
	for w := range strings.FieldsSeq(rest) {
		if fillers.has(w) {
			return ""
		}
	}
	return deploybot.English
}

// verbLang is the language of a command by its first word: French for the
// French ones given, else English.
func verbLang(line string, french ...string) deploybot.Lang {
	word, _, _ := strings.Cut(line, " ")
	for _, f := range french {
		if word == f {
			return deploybot.French
		}
	}
	return deploybot.English
}

// onlySlots reports whether the words after a command word are its
// project and environment, with fillers, and at most one unknown name:
// "status web production", "status foo", but not "status page: how do we
// announce an outage?" nor "history of the 7-step process".
func (r *Router) onlySlots(rest string) bool {
	other := 0
	for w := range strings.FieldsSeq(rest) {
		if fillers.has(w) || questionWords.has(w) {
			if questionWords.has(w) {
				return false
			}
			continue
		}
		if _, ok := r.project(w); ok {
			continue
		}
		if _, ok := envWordOf(w); ok {
			continue
		}
		if _, ok := r.ix.envs[w]; ok {
			continue
		}
		other++
	}
	return other <= 1
}

// blockHead returns the words before the reason of "bloque les
// déploiements du site en prod : audit", when they name only a project
// and an environment: a lock said with another verb.
func (r *Router) blockHead(line, raw string) (string, bool) {
	if !strings.HasPrefix(line, "bloqu") && !strings.HasPrefix(line, "block ") {
		return "", false // most lines: nothing to fold again
	}
	head, _, _ := strings.Cut(raw, ":")
	m := blockRe.FindStringSubmatch(commandLine(head))
	if m == nil {
		return "", false
	}
	return m[1], r.namesOnly(m[1])
}

// unblockHead returns the words after an unlocking verb other than
// "unlock" when they only name a project or an environment ("débloque
// l'api en prod : fini"), not "unblock the pipeline".
func (r *Router) unblockHead(line, raw string) (string, bool) {
	if !strings.HasPrefix(line, "debloqu") && !strings.HasPrefix(line, "unblock ") {
		return "", false
	}
	head, _, _ := strings.Cut(raw, ":")
	m := unblockRe.FindStringSubmatch(commandLine(head))
	if m == nil {
		return "", false
	}
	return m[1], r.namesOnly(m[1])
}

// allOrNames reports whether rest names only all, or only projects and
// environments: "tout", "everything", "api prod".
func (r *Router) allOrNames(rest string) bool {
	ws := strings.Fields(rest)
	return r.namesOnly(rest) || len(ws) > 0 && !slices.ContainsFunc(ws, func(w string) bool { return !allWords.has(w) && !fillers.has(w) })
}

// namesOnly reports whether the words after a command word name a
// project or an environment and nothing else but fillers: "freeze api
// production", "gèle la prod de l'api" (not "freeze windows").
func (r *Router) namesOnly(rest string) bool {
	named := false
	for w := range strings.FieldsSeq(rest) {
		if fillers.has(w) {
			continue
		}
		if _, ok := r.project(w); ok {
			named = true
			continue
		}
		if _, ok := envWordOf(w); ok {
			named = true
			continue
		}
		if _, ok := r.ix.envs[w]; ok {
			named = true
			continue
		}
		return false
	}
	return named
}

// thanks reports whether a folded line thanks.
func thanks(line string) bool {
	for w := range strings.FieldsSeq(line) {
		switch w {
		case "thanks", "thank", "thx", "ty", "merci", "cheers":
			return true
		}
	}
	return false
}

// idVerbRe is a decision on a deployment named by its id, opening the
// message after an acknowledgement, with anything after the id: "ok
// confirm #23", "je confirme le 7", "confirme 31 stp", "approve #9 lgtm",
// "cancel #40 wrong version". The exact forms above keep their own
// readings; this one is their common grammar, so a politeness, a reason
// or a "je" never turns a decision into a question or an action.
var idVerbRe = mustCompile(`^(?:(?:ok|okay|oui|yes|yep|alors|bon|so|lgtm|parfait|perfect|cool|good)\s+)*` +
	`(confirm|confirme|confirmer|je confirme|i confirm|confirmed|` +
	`approve|approuve|j approuve|i approve|approved|approving|valide|je valide|` +
	`deny|denied|refuse|je refuse|i deny|rejette|je rejette|reject|i reject|decline|` +
	`cancel|annule|annuler|j annule|i cancel|abort|stop|arrete|halt|go ahead with|proceed with)` +
	`\s+(?:(?:le|la|the|my|mon|ma|deploiement|deployment|deploy|plan|demande|request|numero|number|no|n)\s+)*(\d+)(?:\s+(.*))?$`)

// helpCore is a request for help without the words that only stress it:
// "t'sais faire quoi au juste" is "tu sais faire quoi", "what can you do
// exactly" is "what can you do".
func helpCore(bare string) string {
	for _, tail := range []string{" au juste", " exactement", " en fait", " du coup", " concretement", " exactly", " actually", " again",
		" here", " ici", " for me", " pour moi", " for us", " pour nous"} {
		bare = strings.TrimSuffix(bare, tail)
	}
	if rest, ok := strings.CutPrefix(bare, "t sais "); ok {
		bare = "tu sais " + rest
	}
	return bare
}

// texting writes the words of a text message in full: "what can u do",
// "wat r u for". Only whole words; used where a fixed phrase is matched.
//
// It is asked of every line the command rules read: the test for a word
// to write in full allocates nothing (" "+line+" " did, twice a call, a
// tenth of Parse's allocations).
func texting(line string) string {
	if !hasSpacedWord(line, "u") && !hasSpacedWord(line, "r") &&
		!strings.HasPrefix(line, "wat ") && !strings.HasPrefix(line, "wut ") {
		return line
	}
	ws := strings.Fields(line)
	for i, w := range ws {
		switch w {
		case "u":
			ws[i] = "you"
		case "r":
			ws[i] = "are"
		case "ur":
			ws[i] = "your"
		case "wat", "wut":
			ws[i] = "what"
		}
	}
	return strings.Join(ws, " ")
}

// hasSpacedWord reports whether w is one of line's words between spaces:
// strings.Contains(" "+line+" ", " "+w+" ") without building either.
func hasSpacedWord(line, w string) bool {
	for i := 0; ; {
		j := strings.Index(line[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if (j == 0 || line[j-1] == ' ') && (j+len(w) == len(line) || line[j+len(w)] == ' ') {
			return true
		}
		i = j + 1
	}
}

// answerOnly reports whether a folded clause is only a yes or a no.
func answerOnly(line string) bool {
	ws := appendFields(make([]string, 0, 16), line)
	for _, w := range ws {
		if !answerYes.has(w) && !answerNo.has(w) && !interjections.has(w) {
			return false
		}
	}
	return len(ws) > 0
}

// readOnly are the commands that only show what the bot holds.
var readOnly = map[deploybot.Command]bool{deploybot.CmdPending: true, deploybot.CmdStatus: true, deploybot.CmdList: true,
	deploybot.CmdHistory: true, deploybot.CmdDiff: true, deploybot.CmdAudit: true, deploybot.CmdDora: true, deploybot.CmdHelp: true,
	deploybot.CmdRunbook: true}

// orderModals may follow the subject of an order: "on peut dégeler".
var orderModals = setOf("peut", "peux", "can", "could", "va", "should", "doit", "must", "need", "needs", "devrait", "pourrait")

// moreOpeners may open one more command of the same kind: "also remind
// …", "et rappelle …".
var moreOpeners = setOf("also", "and", "et", "aussi", "plus", "ensuite", "then", "puis")

// weWait reports whether a folded line opens, after its interjections,
// by saying who waits: "on attend la validation du PO", "nan, on attend
// l'approbation", "we're waiting for approval" tell why not now, no
// request for the pending list.
func weWait(bare string) bool {
	ws := strings.Fields(bare)
	for len(ws) > 1 && (interjections.has(ws[0]) || answerNo.has(ws[0])) && ws[0] != "attend" && ws[0] != "attends" && ws[0] != "wait" {
		ws = ws[1:]
	}
	if len(ws) < 2 {
		return false
	}
	if (ws[0] == "attend" || ws[0] == "attends" || ws[0] == "attendons") && (ws[1] == "la" || ws[1] == "le" || ws[1] == "l" || ws[1] == "les" || ws[1] == "que") {
		return true // "(on) attend la validation du PO"
	}
	switch ws[0] + " " + ws[1] {
	case "on attend", "nous attendons", "j attends", "we wait", "we re", "we are", "i m", "i am", "i wait", "we still", "on doit":
		return true
	}
	return false
}

// interjections may open a message before what it says: "attends,", "ok,".
var interjections = setOf("attends", "attend", "wait", "hmm", "hm", "hmmm", "mmh", "mmm", "mh", "hum", "euh", "bon", "ben", "bah", "allez", "ok", "okay", "alors", "dis", "hey", "so",
	"well", "tiens", "ah", "oh", "oops", "oups", "bref", "anyway", "btw", "au", "fait", "by", "the", "way", "sinon", "yo", "deploybot")

// interjectionsOnly reports whether a folded clause is only interjections.
func interjectionsOnly(line string) bool {
	ws := appendFields(make([]string, 0, 16), line)
	for _, w := range ws {
		if !interjections.has(w) {
			return false
		}
	}
	return len(ws) > 0
}

// ordersIn reports whether text holds an action word.
func (r *Router) ordersIn(text string) bool {
	for _, w := range wordsOf(text) {
		if isActionWord(w) {
			return true
		}
	}
	return false
}

// ordersNow reports whether text holds a verb of deploying or rolling
// back that is not a past participle: "le client veut savoir qui a
// déployé quoi" tells what was done, orders nothing.
func ordersNow(text string) bool {
	for _, w := range wordsOf(text) {
		if isActionWord(w) && !doneForms.has(w) {
			return true
		}
	}
	return false
}

// doneForms are the past participles of the action verbs.
var doneForms = setOf("deploye", "deployes", "deployee", "deployees", "deployed", "livre", "livres", "livree", "shipped", "released",
	"rolled", "reverted", "pushed", "promu", "promue", "promoted", "redeployed", "redeploye")

// orderSubjects open an order said with its subject: "on", "we".
var orderSubjects = setOf("on", "we", "lets", "let s", "nous")

// countedRe is a noun after a number that makes it a count.
var countedRe = mustCompile(`^(?:deployments|deploys|deploiements|requests|demandes|plans|releases|mises)\b`)

// idVerbs maps idVerbRe's verbs to their command; French ones say so.
var idVerbs = map[string]struct {
	cmd    deploybot.Command
	french bool
}{
	"confirm": {deploybot.CmdConfirm, false}, "confirme": {deploybot.CmdConfirm, true}, "confirmer": {deploybot.CmdConfirm, true},
	"je confirme": {deploybot.CmdConfirm, true}, "i confirm": {deploybot.CmdConfirm, false}, "confirmed": {deploybot.CmdConfirm, false},
	"approve": {deploybot.CmdApprove, false}, "approuve": {deploybot.CmdApprove, true}, "j approuve": {deploybot.CmdApprove, true},
	"i approve": {deploybot.CmdApprove, false}, "approved": {deploybot.CmdApprove, false}, "approving": {deploybot.CmdApprove, false},
	"valide": {deploybot.CmdApprove, true}, "je valide": {deploybot.CmdApprove, true},
	"deny": {deploybot.CmdDeny, false}, "denied": {deploybot.CmdDeny, false}, "refuse": {deploybot.CmdDeny, true},
	"je refuse": {deploybot.CmdDeny, true}, "i deny": {deploybot.CmdDeny, false}, "rejette": {deploybot.CmdDeny, true},
	"je rejette": {deploybot.CmdDeny, true}, "reject": {deploybot.CmdDeny, false}, "i reject": {deploybot.CmdDeny, false},
	"decline": {deploybot.CmdDeny, false},
	"cancel":  {deploybot.CmdCancel, false}, "annule": {deploybot.CmdCancel, true}, "annuler": {deploybot.CmdCancel, true},
	"j annule": {deploybot.CmdCancel, true}, "i cancel": {deploybot.CmdCancel, false}, "abort": {deploybot.CmdCancel, false},
	"stop": {deploybot.CmdCancel, false}, "arrete": {deploybot.CmdCancel, true}, "halt": {deploybot.CmdCancel, false},
	"go ahead with": {deploybot.CmdConfirm, false}, "proceed with": {deploybot.CmdConfirm, false},
}

// idCommand reads a decision on a deployment by its id (idVerbRe). A deny
// or a cancel keeps what follows the id as its reason.
func idCommand(p *parse, bare string) (cmd, bool) {
	m := idVerbRe.FindStringSubmatch(bare)
	if m == nil {
		return cmd{}, false
	}
	v, ok := idVerbs[m[1]]
	if !ok || countedRe.MatchString(m[3]) {
		return cmd{}, false // "cancel 3 deployments": a count, not an id
	}
	if (v.cmd == deploybot.CmdApprove || v.cmd == deploybot.CmdConfirm) && m[3] != "" {
		for w := range strings.FieldsSeq(m[3]) {
			if conditionWords.has(w) || negators.has(w) {
				return cmd{}, false // "approving #45 would be a mistake"
			}
		}
	}
	c := cmd{cmd: v.cmd}
	if v.french {
		c.lang = deploybot.French
	}
	c.set("id", m[2])
	if m[3] != "" && (v.cmd == deploybot.CmdDeny || v.cmd == deploybot.CmdCancel) {
		if after, ok := afterWord(p.raw, m[2]); ok {
			c.set("reason", after)
		}
	}
	return c, true
}

// noSlots reports whether text names no project, environment or version.
func (r *Router) noSlots(text string) bool {
	m := normalize(text)
	s, _ := r.ix.extract(&m, r.t.vocab)
	return s.app == "" && s.env == "" && s.version == "" && s.badVersion == ""
}

// interviewWords may stand around an interview's name in an order to start
// or resume it: verbs, articles, the scope's words, politeness.
var interviewWords = setOf("start", "begin", "run", "resume", "continue", "restart", "reprends", "reprend", "reprendre",
	"reprenons", "lance", "lancer", "lancons", "commence", "commencer", "commencons", "demarre", "demarrer", "faire",
	"faisons", "do", "let", "lets", "s", "on", "we", "go", "the", "a", "an", "l", "le", "la", "un", "une", "my", "mon",
	"our", "notre", "project", "projet", "du", "de", "d", "of", "for", "pour", "sur", "configuration", "config", "setup",
	"set", "up", "please", "pls", "stp", "svp", "merci", "ok", "alors", "now", "maintenant", "new", "nouveau")

// interviewStarts are the verbs that start or resume an interview; with
// them, the agency's or a project's configuration names it.
var interviewStarts = setOf("start", "begin", "run", "resume", "restart", "reprends", "reprend", "reprendre", "reprenons",
	"lance", "lancer", "lancons", "commence", "commencer", "commencons", "demarre", "demarrer")

// interviewAsked reads an order to start or resume the interview said in
// other words than interviewRe's: "start the agency interview", "let's
// onboard the backend project", "on reprend l'entretien de configuration ?",
// "reprends l'interview du projet api". Every other word must be one of
// interviewWords or a project's name: "what is the onboarding interview?"
// stays a question.
func (r *Router) interviewAsked(bare string) (cmd, bool) {
	named, agency, app, started, setup, prev := false, false, "", false, false, ""
	for w := range strings.FieldsSeq(bare) {
		switch {
		case w == "interview" || w == "entretien" || w == "onboarding" || w == "onboard" || w == "onboarder" || w == "questionnaire":
			named = true
		case w == "configuration" || w == "config" || w == "setup" || w == "parametrage" || w == "profile" || w == "profil":
			setup = true // "lance la configuration de l'agence": the interview, when started
		case w == "up" && prev == "set":
			setup, started = true, true // "let's set up the agency profile"
		case interviewStarts.has(w):
			started = true
		case w == "agency" || w == "agence":
			agency = true
		case interviewWords.has(w):
		default:
			p, ok := r.project(w)
			if !ok && shortAfter.has(prev) {
				p, ok = r.ix.short[w], r.ix.short[w] != "" // "lance la configuration du back"
			}
			if !ok || app != "" {
				return cmd{}, false
			}
			app = p
		}
		prev = w
	}
	if !named && !(setup && started && (agency || app != "")) {
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdInterview}
	switch {
	case agency && app == "":
		c.set("scope", "agency")
	case app != "" && !agency:
		c.set("scope", "project")
		c.app = app
	case app != "":
		return cmd{}, false
	}
	return c, true
}

// settingsNouns name the settings in effect; settingsFillers may stand
// around them in a request to see them.
var (
	settingsNouns = setOf("settings", "setting", "config", "configuration", "context", "contexte", "parametres", "reglages", "conventions",
		"configured", "configure", "parametre", "regle")
	settingsFillers = setOf("show", "montre", "affiche", "display", "voir", "see", "give", "donne", "moi", "me", "the", "le",
		"la", "les", "l", "du", "de", "d", "des", "of", "for", "pour", "in", "en", "on", "sur", "project", "projet", "current",
		"actuels", "actuelle", "actuelles", "actuel", "effective", "what", "are", "quels", "quelles", "sont", "s", "is", "your",
		"tes", "vos", "our", "nos", "en vigueur", "vigueur", "list", "liste", "all", "tous", "toutes", "do", "you", "have", "tu",
		"as", "ce", "que", "sais", "know", "about", "what", "whats", "its", "son", "sa", "ses", "their", "leur", "leurs", "does", "has", "now", "maintenant", "currently", "right",
		"qu", "est-ce", "est", "quoi")
)

// knowAsked reports whether bare asks what the bot knows of something:
// "what do you know about web", "qu est-ce que tu sais du backend".
func knowAsked(bare string) bool {
	ws := strings.Fields(bare)
	return slices.Contains(ws, "know") && (slices.Contains(ws, "about") || slices.Contains(ws, "of")) ||
		slices.Contains(ws, "sais") && (slices.Contains(ws, "du") || slices.Contains(ws, "de") || slices.Contains(ws, "sur") || slices.Contains(ws, "d"))
}

// settingsAsked reads a request to see the settings in effect said in
// other words than showContextRe's: "show the settings of api in
// production", "quels sont les réglages du site en recette". Every word
// is a settings noun, a filler or a name; "how do I change the settings?"
// stays a question.
func (r *Router) settingsAsked(bare string) (cmd, bool) {
	named, agency := false, false
	c := cmd{cmd: deploybot.CmdContext}
	for w := range strings.FieldsSeq(bare) {
		switch {
		case settingsNouns.has(w):
			named = true
		case settingsFillers.has(w):
		case w == "agency" || w == "agence":
			agency = true
		default:
			if e, ok := envWordOf(w); ok && c.env == "" {
				c.env = e
				continue
			}
			if a, ok := r.project(w); ok && c.app == "" {
				c.app = a
				continue
			}
			return cmd{}, false
		}
	}
	if !named && !(c.app != "" && knowAsked(bare)) {
		return cmd{}, false
	}
	c.set("what", "show")
	if agency && c.app == "" {
		c.set("scope", "agency")
	}
	return c, true
}

// sequelWords stand between a lock verb and its reason without naming
// anything: "verrouille alors, raison : migration en cours", "lock it
// too please".
var sequelWords = setOf("alors", "then", "now", "maintenant", "donc", "so", "too", "aussi", "also", "raison", "reason", "please",
	"pls", "stp", "svp", "merci", "thanks")

// withoutSequelWords returns the words of a folded lock object without
// its sequelWords.
func withoutSequelWords(head string) string {
	ws := appendFields(make([]string, 0, 16), head) // on the stack: asked of every command line
	kept := ws[:0]
	for _, w := range ws {
		if !sequelWords.has(w) {
			kept = append(kept, w)
		}
	}
	if len(kept) == len(ws) {
		return head
	}
	return strings.Join(kept, " ")
}

// releaseWordsSaid reports whether line names releases to production by
// their own word: "MEP", "go-live".
func releaseWordsSaid(line string) bool {
	return slices.ContainsFunc(strings.Fields(line), func(w string) bool { return w == "mep" || w == "meps" || w == "go-live" || w == "go-lives" })
}

// decisionNamedRe is a decision on a deployment named by its project and
// environment ("approve api prod", "annule le site en recette"): the
// verb, and the environment's word at the end.
var decisionNamedRe = mustCompile(`^(cancel|abort|stop|halt|arrete|approve|approuve|approuver|deny|reject|rejette|refuse|decline)\s+(?:[a-z0-9-]+\s+){1,4}?(prod|production|prd|live|staging|stage|preprod|pre-prod|recette)(?:\s*:.*)?$`)

// frenchDecisions are decisionNamedRe's French verbs.
var frenchDecisions = setOf("arrete", "approuve", "approuver", "rejette", "refuse")

// unknownDecision returns the unknown project a decision by names writes
// before its environment: "approve shop prod" names shop.
func (r *Router) unknownDecision(bare string) string {
	head, _, _ := strings.Cut(bare, ":")
	ws := strings.Fields(head)
	if len(ws) < 3 || ws[1] == "for" || ws[1] == "pour" || strings.ContainsAny(head, "0123456789") {
		return "" // "approve for shop production" (a typo's reading of "approvers for …"); "cancel 31 staging" names its id
	}
	return r.unknownBeforeEnv(slices.DeleteFunc(ws[1:], orderNoun)) // "cancel the deploy to prod" names no project
}

// orderNoun reports whether w names an order or its object rather than
// a project: "deploy", "rollback", "release", "mep", "approves".
func orderNoun(w string) bool {
	return isActionWord(w) || orderish(w) || orderNounsOnly.has(w) || approverWords.has(w)
}

// approverWords are approversRe's words around the project it names.
var approverWords = setOf("who", "qui", "approves", "approve", "approvers", "approver", "approbateurs", "approbateur", "valideurs",
	"valideur", "approuve", "approuvent", "valide", "valident", "can", "peut", "approuver", "signs", "sign", "off", "may", "deploys",
	"deployments", "deploiements", "releases", "deploy", "deployer", "rollback", "roll", "back", "droit", "faire", "peuvent")

// unknownProjectAfter returns the word a question writes where a project
// goes that the configuration does not know: before an environment
// ("who approves shop production?") or last after "for", "of", "pour",
// "de", "du" ("who approves production for shop?"); "" otherwise.
func (r *Router) unknownProjectAfter(ws []string) string {
	if len(ws) > 8 || slices.Contains(ws, "or") || slices.Contains(ws, "ou") {
		return "" // "who signs off on staging before prod, QA or the client?": talk about who
	}
	n := len(ws)
	for n > 0 && (ws[n-1] == "?" || politeWords.has(ws[n-1])) {
		n--
	}
	w := ""
	for i := 1; i+1 < n; i++ {
		if _, env := envWordOf(ws[i+1]); env && approverWords.has(ws[i-1]) && !approverWords.has(ws[i]) && !fillers.has(ws[i]) &&
			!stopWords.has(ws[i]) {
			w = ws[i] // "who approves shop production?"
		}
	}
	if w == "" && n >= 2 {
		switch ws[n-2] {
		case "for", "of", "pour", "de", "du", "on", "sur":
			w = ws[n-1] // "who approves production for shop?"
		}
	}
	if w == "" {
		return ""
	}
	if _, ok := r.ix.names[w]; ok || !isFoldedWord(w) || !isLetters(w) || fillers.has(w) || stopWords.has(w) || allWords.has(w) {
		return ""
	}
	if _, isEnv := envWordOf(w); isEnv {
		return ""
	}
	if _, ok := r.project(w); ok {
		return ""
	}
	return w
}

// loneUnknown returns the one word of a freeze's object that names
// nothing the bot knows, when it is the only word there: "freeze foo: x"
// (it froze every project and environment), not "freeze until monday".
func (r *Router) loneUnknown(ws []string) string {
	lone := ""
	for _, w := range ws {
		_, verb := lockVerbs[w]
		_, env := envWordOf(w)
		_, known := r.ix.names[w]
		_, day := untilDays[w]
		switch {
		case known || env || allWords.has(w):
			return ""
		case verb || w == "gel" || w == "gels" || day || w == "until" || w == "till" || w == "jusqu" || fillers.has(w) ||
			stopWords.has(w) || sequelWords.has(w) || !isFoldedWord(w):
		case lone != "":
			return "" // two words: talk, not a name
		default:
			lone = w
		}
	}
	return lone
}

// unknownBeforeEnv returns the word of ws written where a project goes
// that the configuration does not know: right before an environment,
// fillers aside ("freeze shp prod", "gèle le sitte en prod", "unfreeze foo
// prod"); "" when a known project is named or none is written. A lock, a
// freeze or an unfreeze that dropped it acted on every project.
func (r *Router) unknownBeforeEnv(ws []string) string {
	for i, w := range ws {
		if _, ok := r.ix.names[w]; ok {
			return "" // a project's name or alias, as written (a near miss is the unknown name, with a suggestion)
		}
		if _, verb := lockVerbs[w]; verb || w == "gel" || w == "gels" || fillers.has(w) || allWords.has(w) || !isFoldedWord(w) ||
			stopWords.has(w) || wholeWords.has(w) {
			continue
		}
		if _, isEnv := envWordOf(w); isEnv {
			continue
		}
		j := i + 1
		for j < len(ws) && fillers.has(ws[j]) {
			j++
		}
		if j < len(ws) {
			if _, env := envWordOf(ws[j]); env {
				return w
			}
		}
	}
	return ""
}

// settingPronounRe sets what the conversation named to a value: "set it
// to canary", "passe-la en rolling", "mets-le à none" (read as talk).
var settingPronounRe = mustCompile(`^(?:ok\s+|alors\s+|then\s+)?(?:set|switch|change|make|passe|mets|change)(?:\s+(?:it|that|this)|-la|-le)\s+(?:to|en|a|sur|=)\s+([a-z-]+)(?:\s+(?:then|alors|please|stp|svp))?$`)

// resetPronounRe resets what the conversation named: "remets-la par
// défaut", "reset it", "put it back to default" (read as talk).
var resetPronounRe = mustCompile(`^(?:ok\s+|alors\s+|then\s+)?(?:(?:reset|reinitialise)(?:\s+(?:it|that|this)|-la|-le)(?:\s+(?:to\s+(?:the\s+)?default|par defaut))?|(?:remets|remettez|retablis)(?:-la|-le)\s+(?:par defaut|a la valeur par defaut)|put\s+it\s+back\s+to\s+(?:the\s+)?default)(?:\s+(?:then|alors|please|stp|svp))?$`)

// listOrder are the keys of listRes in a fixed order.
var listOrder = []string{"freezes", "locks", "projects", "environments"}

// lockClause folds the clause of a lock order before its reason, without
// its interjections and pronoun: "ok unlock it" is "unlock".
func lockClause(raw string) string {
	line := commandLine(raw)
	if rest, ok := lockPronoun(line); ok {
		line = rest
	}
	return withoutSequelWords(line)
}

// lockPronoun returns a lock or freeze order said on a pronoun ("lock
// it", "freeze it until monday", "verrouille-le", "lève-le") as the verb
// alone and what follows the pronoun: the conversation names the object.
func lockPronoun(bare string) (string, bool) {
	rest := pronounDropped(bare)
	if rest == "" {
		return "", false
	}
	_, tail, _ := strings.Cut(rest, " ")
	if !pronounTail(tail) {
		return "", false
	}
	return rest, true
}

// pronounDropped returns a lock or freeze order said on a pronoun without
// its interjections and pronoun ("ok unlock it: fixed" is "unlock :
// fixed" folded), or "" when bare is no such order.
func pronounDropped(bare string) string {
	verb, rest, _ := strings.Cut(bare, " ")
	for (interjections.has(verb) || orderLeads.has(verb)) && rest != "" {
		verb, rest, _ = strings.Cut(rest, " ") // "ok unlock it: fixed", "now unlock it"
	}
	if v, pro, ok := strings.Cut(verb, "-"); ok && (pro == "le" || pro == "la" || pro == "les") {
		if v == "leve" {
			v = "degele" // "lève-le" lifts a freeze (subjectFilled checks one was named)
		}
		if !bareLockWords.has(v) {
			return ""
		}
		return strings.TrimSpace(v + " " + rest)
	}
	if !bareLockWords.has(verb) {
		return "" // not "lift it": a box is lifted too
	}
	pro, after, _ := strings.Cut(rest, " ")
	if pro != "it" && pro != "that" && pro != "this" && pro != "them" {
		return ""
	}
	return strings.TrimSpace(verb + " " + after)
}

// orderLeads may open an order said on a pronoun: "now unlock it",
// "maintenant déverrouille-la".
var orderLeads = setOf("now", "maintenant", "then", "please", "pls", "stp", "svp", "and", "et")

// lockHeadOf is the folded clause before a colon of raw, or before its
// first clause break ("unlock it, payments are back": the reason after
// it was read as a rollback), or bare when it has neither: what a lock
// said on a pronoun is read from.
func lockHeadOf(raw, bare string) string {
	if i := strings.IndexByte(raw, ':'); i >= 0 {
		raw = raw[:i]
	}
	if i, _, ok := clauseBreak(raw); ok && i > 0 {
		raw = raw[:i]
	}
	if len(raw) < len(bare) {
		return strings.Trim(commandLine(raw), " ?!.")
	}
	return bare
}

// pronounTail reports whether the words after "lock it" may end such an
// order: nothing, a word of sequel or politeness, a moment ("until
// monday", "jusqu'à 18h"), not "freeze that thought" nor "lock it in a
// drawer". A reason after a colon is cut off before.
func pronounTail(after string) bool {
	bounded, moment := false, false
	for w := range strings.FieldsSeq(after) {
		switch {
		case w == "until" || w == "till" || w == "til" || w == "jusqu":
			bounded = true
		case pronounTimeWords.has(w) && !sequelWords.has(w) && w != "the" && w != "le" && w != "la" && w != "a" && w != "de" && w != "du" ||
			isNumber(w):
			moment = true
		}
		if !sequelWords.has(w) && !pronounTimeWords.has(w) && !isNumber(w) && !strings.HasSuffix(w, "h") && !strings.HasSuffix(w, "am") &&
			!strings.HasSuffix(w, "pm") {
			return false
		}
	}
	// "freeze it until monday" bounds the order; "lock it tomorrow",
	// "lève-le lundi" put it off: no order now.
	return bounded || !moment
}

// pronounTimeWords say until when a lock or a freeze said on a pronoun
// holds.
var pronounTimeWords = setOf("until", "till", "til", "jusqu", "jusqu a", "a", "au", "the", "le", "la", "end", "fin", "of", "de", "du",
	"tonight", "tomorrow", "demain", "ce", "soir", "matin", "this", "evening", "morning", "next", "prochain", "prochaine", "week",
	"semaine", "weekend", "week-end", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
	"mercredi", "jeudi", "vendredi", "samedi", "dimanche", "noon", "midi", "further", "notice", "nouvel", "ordre", "for", "pour",
	"day", "jour", "hours", "heures", "please", "pls", "stp", "svp", "merci", "thanks", "ok")

// bareLockWords are the lock and freeze verbs that, said alone, are the
// command without its object.
var (
	bareLockWords   = setOf("lock", "unlock", "freeze", "unfreeze", "verrouille", "deverrouille", "gele", "degele", "delock")
	frenchLockWords = setOf("verrouille", "deverrouille", "gele", "degele")
)

// typoTargets are the words that open a command, for typoCommand.
var typoTargets = []string{"status", "statut", "history", "historique", "diff", "pending", "confirm", "confirme", "cancel",
	"annule", "approve", "approuve", "deny", "refuse", "lock", "unlock", "verrouille", "deverrouille", "freeze", "unfreeze",
	"gele", "degele", "help", "aide", "audit", "drill", "runbook", "reminders", "rappels", "context", "contexte", "reset",
	"outcome", "tick", "coche", "dora", "interview", "onboard", "settings", "list", "liste"}

// typoNear are words spelled right one edit away from a command's:
// "lift the freeze on web, the demo is over" read as "list …" froze web.
var typoNear = setOf("lift", "last", "lost", "lust", "mist", "look", "looks", "luck", "kick", "pick", "sick", "tack", "tuck", "dense", "aid", "aids",
	"hell", "held", "hold", "sell", "tell", "gel", "dune", "deal", "dead", "dory", "pendant", "cancels", "annual", "lit",
	// "approvers web", "approval" right after a plan were "approve", which
	// confirmed the plan (session 24's attack).
	"approvers", "approver", "approval", "approvals", "approuves", "approved", "approves")

// typoMasks are the letterMasks of typoTargets: a profile of Parse put 3 %
// of its time in bagDistance, for the first word of every line.
var typoMasks = lettersOf(typoTargets)

// typoWords hold typoTargets; typoByLen[n] are the indexes, in order, of
// those a word of n letters may be a mistyping of (one edit, two for a
// word of 7 letters or more): typoCommand looked at each of the 43 for
// the first word of every line (issue 19).
var (
	typoWords = setOf(typoTargets...)
	typoByLen = func() [][]int {
		longest := 0
		for _, w := range typoTargets {
			longest = max(longest, len(w))
		}
		byLen := make([][]int, longest+3)
		for n := range byLen {
			for i, w := range typoTargets {
				if abs(n-len(w)) <= typoLimit(w) {
					byLen[n] = append(byLen[n], i)
				}
			}
		}
		return byLen
	}()
)

// typoLimit is the number of edits typoCommand corrects in a word of
// typoTargets.
func typoLimit(w string) int {
	if len(w) >= 7 {
		return 2
	}
	return 1
}

// typoCommand reads a command whose first word is mistyped ("confrim
// 52", "sttaus web", "lcok api prod", "unfrezee all", "halp"): the
// nearest command word, one edit away (two for long words), and only when
// the message then parses as that command with what it acts on, or the
// word is the whole message ("rest strategy for web" resets; "unblock the
// pipeline, it is stuck" unlocks nothing).
func (r *Router) typoCommand(p *parse, bare string) (cmd, bool) {
	if p.typoFixed {
		return cmd{}, false
	}
	first, rest, _ := strings.Cut(bare, " ")
	if len(first) < 3 || !isLetters(first) {
		return cmd{}, false
	}
	if typoWords.has(first) || typoNear.has(first) {
		return cmd{}, false // spelled right: the other rules decide
	}
	if len(first) >= len(typoByLen) {
		return cmd{}, false // longer than every target and its edits
	}
	best, bestD := "", 3
	mask := letterMask(first)
	for _, i := range typoByLen[len(first)] {
		w := typoTargets[i]
		limit := 1
		if len(w) >= 7 {
			limit = 2
		}
		if abs(len(first)-len(w)) > limit || farLetters(mask, typoMasks[i]) > limit || bagDistance(first, w) > limit {
			continue // lower bounds of the distance, without its table
		}
		if d := distance(first, w); d <= limit && d < bestD {
			best, bestD = w, d
		}
	}
	if best == "" {
		return cmd{}, false
	}
	q := *p
	q.typoFixed = true
	q.line = strings.TrimSpace(best + " " + rest)
	if i := strings.IndexFunc(p.raw, func(c rune) bool { return c == ' ' }); i > 0 {
		q.raw = best + p.raw[i:]
	} else {
		q.raw = best
	}
	c, ok := r.command(&q)
	if !ok {
		return cmd{}, false
	}
	// The corrected command must say what it acts on, or be the whole
	// message: "unblock the pipeline, it is stuck" is no "unlock".
	switch {
	case withObject(c), c.app != "", c.env != "", rest == "", rest == "all" || rest == "tout" || rest == "everything",
		c.cmd == deploybot.CmdReset && c.args["key"] != "", c.cmd == deploybot.CmdList && c.args["what"] != "": // "lsit freezes"
		return c, true
	}
	return cmd{}, false
}

// deleteVerbs delete a reminder.
var deleteVerbs = setOf("delete", "remove", "drop", "cancel", "supprime", "supprimer", "supprimez", "efface", "effacer", "retire",
	"retirer", "enleve", "enlever", "annule", "annuler", "vire", "virer", "kill")

// deletionTakenBack take a reminder's deletion back after it: "delete
// reminder 2 — no wait", "…, no, keep it", "… actually no".
var deletionTakenBack = setOf("wait", "attends", "keep", "garde", "gardez", "actually", "finalement", "later", "tard",
	"tomorrow", "demain", "jk", "lol", "after", "apres", "once", "when", "quand", "tonight", "maybe", "peut-etre", "nvm", "mind")

// reminderDeletionHedged reports whether a reminder's deletion is not
// given: negated, asked, passed on or told in the past before its verb
// ("wait, don't delete reminder 2", "can we delete reminder 2", "tell bob
// to delete reminder 2", "did you delete reminder 2"), or taken back or
// put off after it ("delete reminder 2, no, keep it", "… tomorrow").
// A reason after it may say "no" ("delete reminder 2 (no need)").
func reminderDeletionHedged(raw string) bool {
	if permissionAsked(commandLine(raw)) || relayedTo(raw, deleteVerbs) || quotedOrder(raw) || addressedElsewhere(raw) {
		return true
	}
	if t := strings.TrimSpace(raw); len(t) > 2 && strings.ContainsAny(t[:1], "\"'`“«„") {
		return true // a quoted deletion
	}
	ws := wordsOf(raw)
	if unsure(ws) {
		return true // "not sure: delete reminder 2"
	}
	v := -1
	for i, w := range ws {
		if deleteVerbs.has(w) {
			v = i
			break
		}
	}
	if v < 0 {
		return false
	}
	start := 0 // the clause of the verb: "no, delete reminder 2" deletes it
	if cls := clauses(raw); len(cls) > 1 {
		for _, cl := range cls {
			cw := wordsOf(cl)
			if slices.ContainsFunc(cw, deleteVerbs.has) {
				if k := strings.Index(raw, cl); k > 0 {
					start = len(wordsOf(raw[:k]))
				}
				break
			}
		}
	}
	for i, w := range ws[:v] {
		if i < start {
			continue
		}
		if negationWords.has(w) || w == "no" || w == "non" || w == "nope" || w == "t" || w == "wouldn" || w == "didn" || w == "didnt" || w == "wouldnt" || w == "shouldnt" ||
			w == "maybe" || w == "perhaps" || w == "peut-etre" || w == "could" || w == "would" || w == "wants" || w == "want" ||
			w == "veut" || w == "voudrait" ||
			w == "did" || w == "have" || w == "as-tu" || w == "avez-vous" || w == "as" && i+1 < len(ws) && ws[i+1] == "tu" {
			return true
		}
	}
	for _, w := range ws[v+1:] {
		if deletionTakenBack.has(w) {
			return true
		}
	}
	return false
}

// hasOrderWord reports whether text holds the word of an order.
func hasOrderWord(text string) bool {
	for _, w := range wordsOf(text) {
		if orderWord(w) {
			return true
		}
	}
	return false
}

// freezeMomentWords name a moment a freeze is said for, without its dates.
var freezeMomentWords = setOf("tomorrow", "demain", "weekend", "week-end", "tonight", "soir", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "semaine",
	"week", "noel", "christmas", "holidays", "vacances")

// freezeMoment returns the word of a moment a freeze order names before
// its reason ("freeze web prod tomorrow: client demo"), or "".
func freezeMoment(text string) string {
	if i := strings.IndexByte(text, ':'); i >= 0 {
		text = text[:i]
	}
	for _, w := range wordsOf(text) {
		if freezeMomentWords.has(w) {
			return w
		}
	}
	return ""
}

// lastWordNegates reports whether a line ends with a negation: "approve
// 12 not".
func lastWordNegates(line string) bool {
	ws := wordsOf(line)
	if len(ws) < 2 || len(ws) > 5 {
		return false // "résultat du 61 : échoué, le healthcheck ne passe pas": the reason's
	}
	switch ws[len(ws)-1] {
	case "not", "pas", "no", "non", "nope", "nah", "never", "jamais":
		return true
	}
	return false
}

// wholeWords say all of an environment: "gel de toute la prod", "freeze
// the whole prod" (read as a project "toute").
var wholeWords = setOf("toute", "tout", "tous", "toutes", "whole", "entire", "all", "complete", "entiere", "entier")

// notNowWords turn a question for the state now into one of something
// else: a negation, a habit, the past ("why isn't the api locked?", "why
// is prod always frozen?", "who locked prod yesterday?").
var notNowWords = setOf("not", "isn", "aren", "pas", "n", "always", "never", "jamais", "ever", "usually", "souvent", "often",
	"yesterday", "hier", "last", "dernier", "derniere", "ago", "was", "were", "etait")

// everyApproverFillers may stand in "who approves production?" with no
// project: "qui peut approuver en prod ?", "who can approve on prod".
var everyApproverFillers = setOf("can", "may", "peut", "peuvent", "en", "on", "in", "the", "la", "le", "l", "a", "is", "are",
	"est", "sont", "deploys", "deploiements", "deployments", "mep", "releases", "for", "pour", "les", "des", "une", "mise", "mises", "de",
	"du", "d", "un", "to", "a", "then", "alors", "donc", "so", "now", "maintenant", "ok", "okay")

// versionAround reports whether text[i:j], digits that may be a date,
// belong to a version or a number: a "v" or a letter glued before, one
// more ".digit" after ("2.5.0"), or a word that names one before
// ("ticket 12.1", "la 2.5").
func versionAround(text string, i, j int) bool {
	dots := i > 1 && text[i-2:i] == ".." // "2026-12-24..2026-12-28": a range, no version
	if i > 0 && !dots && (isWordByte(text[i-1]) || text[i-1] == '.') || j < len(text) && (text[j] == '.' && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' || isWordByte(text[j])) {
		return true
	}
	if rest := strings.TrimLeft(text[j:], " "); strings.HasPrefix(rest, "%") {
		return true // "10.5 % d'erreurs"
	}
	if !strings.Contains(text[i:j], ".") {
		return false
	}
	ws := wordsOf(text[:i])
	if len(ws) == 0 {
		return false
	}
	switch ws[len(ws)-1] {
	case "la", "le", "version", "release", "ticket", "issue", "build", "v", "tag", "hotfix", "patch", "release-", "cf", "the":
		return true
	}
	return false
}

// rehearsalRe asks to practise what follows, in folded text: "let's
// rehearse a rollback of the front on staging", "on fait un exercice de
// retour arrière sur l'api", "simulate a rollback of web", "dry run a
// rollback of api".
var rehearsalRe = mustCompile(rehearsalLead + `(?:rehearse|rehearsal|practice|practise|exercice|exercise|exerce|exercons|exercez|on\s+s\s+exerce|` +
	`exercons[\s-]+nous|exercez[\s-]+vous|simulate|simulation|simule|simuler|simulons|dry[\s-]?run|repeter|repetons|repetition|entrainement|entraine)` +
	`\s+(?:(?:a|an|un|une|the|le|la|l|of|de|du|d|our|notre|on|sur|for|pour|au|aux)\s+)*(?:rollback|rollbacks|roll\s+back|retour\s+arriere|revert)\b`)

// rehearsalLead is what may open a rehearsal asked: "ok fais l'", "let's
// run a", "on lance un".
const rehearsalLead = `^(?:(?:ok|okay|alors|so|bon|please|pls|stp|svp|let\s*s|lets|on\s+fait|on\s+lance|fais|faisons|lance|lancez|faites|run|start|can\s+you|could\s+you|` +
	`tu\s+peux|peux\s+tu|go|do)\s+)*(?:a\s+|an\s+|un\s+|une\s+|l\s+|le\s+|the\s+)?`

// drillNounRe asks for "the exercise" itself, no rollback said, in folded
// text: "ok fais l'exercice sur la staging de l'api" after the runbook's
// "last drill: never" (it planned a deploy of api to staging).
// A verb asks for it: "the exercise on api staging went fine" tells.
var drillNounRe = mustCompile(`^(?:(?:ok|okay|alors|so|bon|please|pls|stp|svp)\s+)*(?:let\s*s|lets|on\s+fait|on\s+lance|fais|faisons|lance|lancez|faites|` +
	`run|start|can\s+you\s+(?:run|do|start)|tu\s+peux\s+(?:faire|lancer)|peux\s+tu\s+(?:faire|lancer)|do)\s+(?:a\s+|an\s+|un\s+|une\s+|l\s+|le\s+|the\s+)?` +
	`(?:exercice|exercise|drill)\s+(?:(?:sur|on|de|du|d|for|pour|of|en|in)\s+)(?:(?:la|le|l|les|the)\s+)?(\S+)`)

// drillWords are all a rehearsal asked may say besides its target and
// its rehearsal word: "ok, let's rehearse a rollback of the front on
// staging", "on s'exerce au rollback de l'api en staging".
var drillWords = setOf("ok", "okay", "alors", "so", "bon", "please", "pls", "stp", "svp", "let", "s", "lets", "on", "fait", "lance", "fais",
	"faisons", "lancez", "faites", "run", "start", "can", "could", "you", "tu", "peux", "peut", "go", "do", "a", "an", "un", "une", "l", "le",
	"la", "les", "the", "nous", "vous", "au", "aux", "of", "de", "du", "d", "our", "notre", "sur", "for", "pour", "en", "in", "to", "rollback",
	"rollbacks", "roll", "back", "retour", "arriere", "revert", "now", "maintenant", "faire", "lancer", "dry", "exercons-nous",
	"exercez-vous")

// drillDoubts doubt, condition or put off a drill asked.
var drillDoubts = setOf("think", "guess", "crois", "pense", "maybe", "peut-etre", "probably", "probablement", "apparently", "apparemment",
	"idk", "sais", "wait", "attends", "attendre", "hold", "later", "tard", "soon", "bientot", "if", "si", "unless", "until", "jusqu", "but",
	"mais", "sure", "hopefully", "normalement", "suppose", "faudrait", "fois", "chaque", "every", "each", "tous", "toutes")

// rehearsalLater are words that put a rehearsal off or tell it over:
// "rehearse a rollback of web next week", "simulation's over — roll back
// web production for real".
var rehearsalLater = setOf("tomorrow", "demain", "tonight", "soir", "later", "tard", "soon", "bientot", "week", "semaine", "month", "mois",
	"monday", "tuesday", "wednesday", "thursday", "friday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "over", "done", "finished",
	"fini", "finie", "termine", "terminee", "real", "vrai", "said", "dit", "says", "dixit", "failed", "echoue", "sometime", "once", "when",
	"quand", "lorsque", "after", "apres", "before", "avant", "until", "jusqu")

// rehearsal reads a rollback asked as a rehearsal as the drill command
// (holdout63: "let's rehearse a rollback of the front on staging" planned
// web's real rollback on staging): a drill rolls the environment back and
// forth on purpose, with its own plan. Not asked, negated, hedged, nor
// about two projects.
func (r *Router) rehearsal(p *parse) (cmd, bool) {
	ws := p.words
	re := rehearsalRe
	if !hasRollbackStem(ws) {
		re = drillNounRe
	}
	if strings.ContainsAny(p.raw, "?¿") || re == drillNounRe && (slices.ContainsFunc(ws, deployVerbs.has) || r.projectsNamed(ws) == 0) ||
		slices.ContainsFunc(ws, negationWords.has) ||
		slices.ContainsFunc(ws, anywhereHedges.has) || slices.ContainsFunc(ws, hedgeWords.has) || r.projectsNamed(ws) > 1 || toldPast(ws) ||
		slices.ContainsFunc(ws, notNow.has) {
		return cmd{}, false
	}
	m := re.FindStringSubmatch(p.line)
	if m == nil || slices.ContainsFunc(ws, rehearsalLater.has) || skipEmojiAnywhere(p.raw) ||
		strings.ContainsAny(p.raw, "\"«»“”@") || saidToOrQuoted(p.raw) {
		return cmd{}, false // "the rollback rehearsal of web is tomorrow": told, not asked
	}
	if re == drillNounRe {
		// "fais l'exercice sur la staging de l'api": what follows the
		// exercise names the target ("l'exercice de maths sur …" is
		// none).
		if _, isProject := r.project(m[1]); !isProject {
			if _, isEnv := envWordOf(m[1]); !isEnv {
				return cmd{}, false
			}
		}
	}
	if slices.ContainsFunc(ws, func(w string) bool {
		return drillDoubts.has(w) || tailJokes.has(w) || w == "rire" || w == "lol" || w == "mdr" || takesBack([]string{w}) ||
			w == "and" || w == "et" || w == "then" || w == "puis" || w == "should" || w == "must" || w == "devrait" || w == "faut" ||
			w == "idea" || w == "idee" || w == "risque" || w == "risky" || w == "c" && false
	}) || laterMoment(p.raw) {
		// "exerce le rollback de l'api en prod — non attends", "… I
		// think", "… pour rire", "… et unlock api prod", "we should do
		// the exercise …", "exercer le rollback …, c'est risqué", "… dans
		// une heure": no drill now.
		return cmd{}, false
	}
	if _, ok := momentOf(p.raw, ws); ok {
		return cmd{}, false // "do the exercise for web staging at 3pm"
	}
	for _, w := range ws {
		if _, isProject := r.project(w); !isProject && !envWord(w) && !drillWords.has(w) && !rehearsalWords.has(w) {
			// "… next sprint", "… went fine", "… on prod logs for
			// api", "… il faudrait": a rehearsal asked says nothing else.
			return cmd{}, false
		}
	}
	s := r.analyze(p.raw).s
	return cmd{cmd: deploybot.CmdDrill, app: s.app, env: s.env}, true
}

// laterLeadRe is a message that opens on a later moment and tells what
// the person or the team will do then, in folded text: "tout à l'heure je
// lock …", "demain on déverrouille …", "tonight we unlock …"; the rest is
// its group. ("later, freeze web production" after a plan puts the plan
// off and freezes now.)
var laterLeadRe = mustCompile(`^(?:tout\s+a\s+l\s+heure|plus\s+tard|tantot|ce\s+soir|cet\s+aprem|cet\s+apres-midi|demain|apres-demain|la\s+semaine\s+prochaine|later|later\s+today|tonight|tomorrow|this\s+afternoon|this\s+evening|next\s+week)\b[\s,:]*((?:je|j|on|nous|i|we|i\s+ll|we\s+ll|i\s+will|we\s+will)\s.*)$`)
