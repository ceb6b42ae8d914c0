package router

import (
	"slices"

	"deploybot"
)

// topicOf finds what a question asks about when it is one of the topics
// whose answer is fixed: the pre-release checklist, what a strategy is,
// two strategies compared, the release notification, a project's
// rollback procedure. It returns "" for any other question, which the
// agents answer from the best matching knowledge card.
func topicOf(words []string, in deploybot.Intent) (deploybot.Topic, []deploybot.Strategy) {
	has := func(set *wordList) bool {
		for _, w := range words {
			if set.has(w) {
				return true
			}
		}
		return false
	}
	strategies := strategiesOf(words)
	switch {
	case len(strategies) >= 3 && has(compareWords):
		return deploybot.TopicStrategies, strategies
	case len(strategies) == 2 && (has(compareWords) || onlyAbout(words)) && !has(strategyElsewhere):
		return deploybot.TopicCompare, strategies
	case len(strategies) == 1 && onlyAbout(words):
		return deploybot.TopicStrategy, strategies
	case len(strategies) == 0 && slices.Contains(words, "strategies") && onlyAbout(words):
		return deploybot.TopicStrategies, nil
	}
	if has(devopsWords) {
		return "", strategies
	}
	switch {
	case checklistAsked(words):
		return deploybot.TopicChecklist, strategies
	case (has(notificationWords) || releaseNotes(words)) && (!has(audienceWords) || !has(outageAudience) && has(releaseWords)):
		// "la notif client après une MEP" is the release's; "notify
		// customers of the outage" the status page's.
		return deploybot.TopicNotification, strategies
	case in.SubjectApp != "" && rollbackProcedureAsked(words):
		return deploybot.TopicRollbackProcedure, strategies
	case len(strategies) == 0 && howToDeployAsked(words):
		return deploybot.TopicHowToDeploy, strategies
	}
	return "", strategies
}

// howToOpeners open a question of how something is done.
var howToOpeners = setOf("how", "comment")

// deployAskedWords name a deploy in a question of how it is done.
var deployAskedWords = setOf("deploy", "deployer", "deploie", "deploies", "deploye", "deployment", "deploiement", "release",
	"mep", "livrer", "livre", "ship", "push", "production", "prod", "deploys", "deployments", "deploiements", "releases")

// howToSpecifics are what a more precise card answers: a strategy, a
// migration, zero downtime, a script or a server, a moment, going back.
var howToSpecifics = setOf("migration", "migrations", "zero", "downtime", "coupure", "couper", "interruption", "sans", "without",
	"feature", "flag", "flags", "script", "pipeline", "ci", "cd", "serveur", "server", "ssh", "docker", "kubernetes", "k8s", "helm",
	"terraform", "database", "db", "base", "bdd", "rollback", "revert", "friday", "vendredi", "weekend", "tonight", "soir", "today",
	"aujourd", "demain", "tomorrow", "now", "maintenant", "window", "fenetre", "hour", "heure", "hotfix", "urgence", "urgent",
	"manually", "main", "hand", "static", "statique", "vercel", "netlify", "wordpress", "cache", "cdn", "dns", "ssl", "tls",
	"certificate", "certificat", "queue", "queues", "worker", "workers", "cron", "mobile", "app", "store", "without", "approval",
	"approbation", "checklist", "notification", "notif", "client", "customers", "clients", "safely", "safe", "securely", "risk",
	"risque", "risques", "best", "properly", "correctement", "practice", "practices", "pratique", "pratiques")

// howToDeployAsked reports whether words ask how a deploy is done here,
// in general: "how do I deploy?", "comment je déploie le site ?", "how
// do we deploy to prod here?" (they had no precise answer).
func howToDeployAsked(words []string) bool {
	if len(words) == 0 || len(words) > 10 {
		return false
	}
	if !howToOpeners.has(words[0]) {
		// "what's the deployment process here?", "c'est quoi le process
		// de mise en prod ?": the same card.
		if !(words[0] == "what" || words[0] == "whats" || words[0] == "c" || words[0] == "quel" || words[0] == "quelle") ||
			!slices.ContainsFunc(words, func(w string) bool { return w == "process" || w == "processus" || w == "procedure" || w == "workflow" }) ||
			hasFault(words) || slices.ContainsFunc(words, outageWords.has) {
			return false // not "what's the incident response process after a bad deploy?"
		}
	}
	if hasRollbackStem(words[1:]) {
		return false // "how do I roll back in prod?": going back's card (it got the deploy's steps)
	}
	deploy := false
	for _, w := range words[1:] {
		if howToSpecifics.has(w) {
			return false
		}
		if _, ok := stemOf(w, decisionStems); ok && !deployAskedWords.has(w) {
			return false // "how do I cancel a deployment that's waiting?"
		}
		if _, ok := lockVerbs[w]; ok {
			return false
		}
		if deployAskedWords.has(w) {
			deploy = true
		}
	}
	return deploy
}

// topicRouteBelow is the router's confidence under which a recognized
// topic decides the route: that of its cards.
const topicRouteBelow = 0.5

// topicRoute is the route of each topic's cards.
var topicRoute = map[deploybot.Topic]deploybot.Route{
	deploybot.TopicChecklist:         deploybot.RouteOrchestrator,
	deploybot.TopicNotification:      deploybot.RouteOrchestrator,
	deploybot.TopicStrategy:          deploybot.RouteProduction,
	deploybot.TopicStrategies:        deploybot.RouteProduction,
	deploybot.TopicCompare:           deploybot.RouteProduction,
	deploybot.TopicRollbackProcedure: deploybot.RouteRollback,
	deploybot.TopicHowToDeploy:       deploybot.RouteProduction,
}

// strategiesOf lists the deployment strategies words name, in order,
// each once. "rolling back" is a rollback, not the rolling strategy.
func strategiesOf(words []string) []deploybot.Strategy {
	var out []deploybot.Strategy
	add := func(s deploybot.Strategy) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch w {
		case "recreate":
			add(deploybot.StrategyRecreate)
		case "rolling", "rolling-update":
			if next != "back" && next != "out" {
				add(deploybot.StrategyRolling)
			}
		case "blue-green", "bluegreen", "blue-green-deployment", "bleu-vert":
			add(deploybot.StrategyBlueGreen)
		case "blue", "bleu":
			if next == "green" || next == "vert" {
				add(deploybot.StrategyBlueGreen)
			}
		case "canary", "canari", "canaries", "canaris", "canary-release":
			add(deploybot.StrategyCanary)
		}
	}
	return out
}

// onlyAbout reports whether, once the words of asking ("what is",
// "c'est quoi", "explain", "a canary release") are set aside, nothing is
// left but the strategies themselves: a question about what they are.
func onlyAbout(words []string) bool {
	named := false
	for i, w := range words {
		switch {
		case definitionFillers.has(w) || compareWords.has(w):
		case strategyWord(w, words, i):
			named = true
		case strategyPlurals.has(w):
			named = true
		default:
			return false
		}
	}
	return named
}

// strategyWord reports whether words[i] is part of a strategy's name.
func strategyWord(w string, words []string, i int) bool {
	switch w {
	case "recreate", "rolling", "rolling-update", "blue-green", "bluegreen", "blue-green-deployment", "bleu-vert",
		"canary", "canari", "canaries", "canaris", "canary-release":
		return true
	case "blue", "bleu":
		return i+1 < len(words) && (words[i+1] == "green" || words[i+1] == "vert")
	case "green", "vert":
		return i > 0 && (words[i-1] == "blue" || words[i-1] == "bleu")
	}
	return false
}

// checklistAsked reports whether words ask for the checklist to go
// through before a release ("quelle est la checklist avant une mise en
// prod ?", "what do I need to check before deploying to production?"),
// not the checks after it, those of staging or before a rollback.
func checklistAsked(words []string) bool {
	list, check, before, elsewhere := false, false, false, false
	for i, w := range words {
		switch w {
		case "checklist", "check-list", "checklists", "pre-flight", "preflight":
			list = true
		default:
			if len(w) >= 8 && len(w) <= 11 && distance(w, "checklist") <= 2 {
				list = true // "chekclist avant MEP"
			}
		case "list", "liste":
			if i+1 < len(words) && (words[i+1] == "check" || words[i+1] == "checks") ||
				i+2 < len(words) && (words[i+2] == "controle" || words[i+2] == "verification" || words[i+2] == "verifications") {
				list = true
			}
		case "check", "verify", "verifier", "verifie", "controler", "verifications", "controles", "cocher":
			check = true
		case "before", "avant", "prior", "pre-deploy", "pre-deployment", "pre-release", "pre-deploiement":
			before = true
		case "after", "apres", "post", "post-deploy", "post-deployment", "post-release", "post-deploiement", "post-mep":
			return false
		case "staging", "preprod", "pre-prod", "recette", "qa", "uat", "rollback", "revenir", "arriere", "back", "revert":
			elsewhere = true
		}
	}
	return list || check && before && !elsewhere
}

// rollbackProcedureAsked reports whether words ask how a rollback is
// done ("what's the rollback procedure for shop?", "comment on revient en
// arrière sur shop ?"), nothing more specific (its database, its queues,
// whether to roll back at all).
func rollbackProcedureAsked(words []string) bool {
	procedure, how, back := false, -1, -1
	for i, w := range words {
		switch w {
		case "rollback", "rollbacks", "revert", "retour", "rollback-procedure":
			back = i
		case "roll", "go", "revenir", "reviens", "revient", "roule":
			if i+1 < len(words) && (words[i+1] == "back" || words[i+1] == "arriere" || words[i+1] == "en") {
				back = i
			}
		case "procedure", "procedures", "runbook", "playbook", "process", "processus", "steps", "etapes":
			procedure = true
		case "how", "comment":
			if how < 0 {
				how = i
			}
		}
		if rollbackElsewhere.has(w) {
			return false
		}
	}
	return back >= 0 && (procedure || how >= 0 && back > how && back-how <= 5)
}

var (
	// compareWords ask for two things side by side.
	compareWords = setOf("difference", "differences", "diff", "vs", "versus", "compare", "compared", "comparer", "comparaison",
		"compare-moi", "compare-les", "comparez",
		"comparison", "or", "ou", "between", "entre", "better", "mieux", "than", "pros", "cons", "avantages", "inconvenients",
		"and", "et", "which", "quelle", "lequel", "laquelle", "choose", "choisir", "plutot", "rather", "instead", "against",
		"contre", "differ", "differe", "distinguish", "same", "pareil", "meme")
	// definitionFillers are the words of asking what something is.
	definitionFillers = setOf("what", "whats", "s", "is", "are", "a", "an", "the", "exactly", "actually", "explain", "explique",
		"expliquer", "expliquez", "explain", "me", "moi", "m", "define", "definition", "definis", "definir", "mean", "means",
		"meaning", "meant", "by", "signifie", "veut", "dire", "entend", "on", "par", "how", "does", "do", "work", "works",
		"working", "comment", "fonctionne", "marche", "ca", "tell", "about", "parle", "parlez", "describe", "decris", "please",
		"pls", "stp", "svp", "c", "est", "quoi", "qu", "est-ce", "ce", "que", "une", "un", "le", "la", "l", "les", "de", "du",
		"des", "d", "strategy", "strategie", "deployment", "deployments", "deploy", "deploiement", "deploiements", "release",
		"releases", "mise", "mises", "en", "prod", "production", "mep", "update", "updates", "rollout", "pattern", "technique",
		"method", "methode", "approach", "approche", "it", "in", "practice", "pratique", "concretement", "simply", "simplement",
		"short", "bref", "hey", "hi", "bonjour", "salut", "so", "alors", "donc", "just", "juste", "called", "appelle", "you",
		"tu", "vous", "can", "could", "peux", "pouvez", "give", "donne", "overview", "summary", "resume", "principle",
		"principe", "idea", "idee", "concept", "type", "kind", "sorte", "mode", "model", "modele", "au", "aux", "there",
		"y", "a-t-il", "il", "quels", "quelles", "sont", "existe", "exist", "our", "nos", "possible", "possibles",
		"available", "disponibles", "different", "differents", "differentes", "main", "principales", "principaux", "know",
		"savoir", "should", "faut", "i", "je", "we", "nous", "to", "us",
		// "compare the four strategies for me", "les trois stratégies"
		"for", "pour", "two", "three", "four", "deux", "trois", "quatre", "all", "toutes", "tous", "these", "ces", "them")
	// strategyPlurals name the strategies as a whole.
	strategyPlurals = setOf("strategies", "strategy", "strategie")
	// strategyElsewhere are subjects a question about strategies may be
	// really about: their card, not a comparison, answers it.
	strategyElsewhere = setOf("migration", "migrations", "schema", "database", "databases", "bdd", "db", "base", "sessions",
		"session", "websocket", "websockets", "queue", "queues", "worker", "workers", "file", "cost", "cout", "couts", "maxsurge",
		"maxunavailable", "percentage", "pourcentage", "steps", "etapes", "switch", "bascule", "rollback", "rollbacks", "revert",
		"retour")
	// notificationWords name the release notification.
	notificationWords = setOf("notification", "notifications", "announcement", "announcements", "announce", "annonce",
		"annonces", "annoncer", "notif", "notifs", "previens", "prevenir", "previent", "notify", "notifie", "avertir")
	// audienceWords make an announcement one to clients or users: the
	// status page's, not the release notification's.
	audienceWords = setOf("client", "clients", "customer", "customers", "user", "users", "utilisateurs", "status",
		"statut", "incident", "coupure", "downtime", "outage", "maintenance", "panne")
	// outageAudience are the audienceWords of an incident or a
	// maintenance; releaseWords name a release, whose notification goes
	// to the client too.
	outageAudience = setOf("status", "statut", "incident", "coupure", "downtime", "outage", "maintenance", "panne")
	releaseWords   = setOf("mep", "release", "releases", "deploy", "deploiement", "livraison", "go-live", "golive", "mise", "prod", "production", "live")
	// devopsWords make a question one for devops: a script, a pipeline.
	devopsWords = setOf("script", "scripts", "pipeline", "pipelines", "workflow", "workflows", "webhook", "webhooks",
		"automate", "automatiser", "automatise", "automation", "cron", "yaml", "github", "gitlab", "ci", "ci-cd", "terraform",
		"ansible", "bash", "integration")
	// rollbackElsewhere are the parts of a rollback with a card of their
	// own.
	rollbackElsewhere = setOf("migration", "migrations", "schema", "database", "bdd", "db", "base", "column", "colonne",
		"queue", "queues", "file", "messages", "sessions", "session", "hotfix", "hotfixer", "hotfixe", "fix", "corriger",
		"correctif", "forward", "commit", "git", "when", "quand", "drill", "exercice", "tell", "sait", "savoir", "know", "yet",
		"fast", "vite", "quickly", "rapidement", "echoue", "failed", "fail", "cache")
)

// releaseNotes reports whether words name release notes ("release notes
// template", "les notes de version", "la note de release"): the
// notification's text, where "release" orders nothing.
func releaseNotes(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		switch w, next := words[i], words[i+1]; {
		case (w == "release" || w == "releases") && (next == "note" || next == "notes"):
			return true
		case (w == "note" || w == "notes") && (next == "de" || next == "of") && i+2 < len(words) &&
			(words[i+2] == "version" || words[i+2] == "release" || words[i+2] == "livraison" || words[i+2] == "mep"):
			return true
		}
	}
	return false
}

// otherActionWord reports whether words hold an order's word other than
// a "release" that names release notes: "deploy api and post the release
// notes" orders a deploy.
func otherActionWord(words []string) bool {
	for i, w := range words {
		if !isActionWord(w) && !hasRollbackStem(words[i:i+1]) {
			continue
		}
		if (w == "release" || w == "releases") && i+1 < len(words) && (words[i+1] == "note" || words[i+1] == "notes") {
			continue
		}
		if w == "mep" && i >= 2 && words[i-1] == "de" && (words[i-2] == "note" || words[i-2] == "notes") {
			continue
		}
		if j := i + 1; j < len(words) {
			for j < len(words) && (words[j] == "les" || words[j] == "la" || words[j] == "the" || words[j] == "des" || words[j] == "our" || words[j] == "nos") {
				j++
			}
			if releaseNotes(words[j:min(len(words), j+4)]) {
				continue // "publie les release notes": the notes are its object
			}
		}
		return true
	}
	return false
}
