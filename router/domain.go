package router

import "strings"

// coreWords are the words that make a message about deployments: its
// verbs, environments, tools, artefacts and the bot's own commands, in
// both languages, folded. The glossary (glossary.txt) is wider: it holds
// every word of the corpus's domain, ordinary ones included ("going",
// "combien"), so it cannot tell "is bitcoin going up?" from a question.
var coreWords = setOf(
	// four eyes (approval by another person), expand/contract migrations
	"four-eyes", "eyes", "expand", "contract", "nullable", "column", "columns", "colonne", "colonnes",
	// delivery figures: "our change failure rate is 40% this week, what
	// are we doing wrong?"
	"dora", "failure", "echec", "echecs", "mttr", "frequency", "frequence",
	// deploying and going back
	"deploy", "deploys", "deployed", "deploying", "deployment", "deployments", "deployer", "deploie", "deploye", "deployes",
	"deploiement", "deploiements", "redeploy", "redeploie", "ship", "shipping", "shipped", "release", "releases", "released",
	"releasing", "livraison", "livraisons", "livrer", "livre", "mep", "mise", "mises", "golive", "go-live", "rollback",
	"rollbacks", "revert", "reverted", "revenir", "reviens", "arriere", "downgrade", "upgrade", "promote", "promotion",
	"hotfix", "hotfixes", "patch", "version", "versions", "tag", "tags", "build", "builds", "artifact", "artefact", "image",
	// environments
	"prod", "production", "prd", "live", "staging", "preprod", "pre-prod", "recette", "uat", "qa", "demo", "preview",
	"sandbox", "environment", "environments", "environnement", "environnements", "env", "envs", "stg", "stage",
	// strategies, checks, process
	"canary", "blue", "green", "blue-green", "rolling", "recreate", "zero-downtime", "downtime", "migration", "migrations",
	"migrer", "migrate", "database", "db", "schema", "flag", "flags", "feature", "toggle", "toggles", "window", "windows", "fenetre", "fenetres",
	"creneau", "creneaux", "freeze", "frozen", "gel", "gels", "gele", "geler", "lock", "locks", "locked", "unlock", "verrou",
	"verrous", "verrouille", "approval", "approvals", "approve", "approuve", "approbation", "validation", "valider", "approving",
	"approver", "approvers", "approbateur", "approbateurs", "approuver",
	"checklist", "check-list", "smoke", "test", "tests", "testing", "tester", "monitoring", "monitor", "metrics", "metrique",
	"metriques", "alert", "alerts", "alerte", "alertes", "incident", "incidents", "outage", "panne", "sla", "slo", "process",
	"processus", "standard", "standards", "standardise", "standardize", "norme", "normes", "policy", "politique", "step",
	"steps", "etape", "etapes", "strategy", "strategie", "strategies", "traffic", "trafic", "health", "healthcheck",
	"notification", "notif", "notifs", "changelog", "annonce", "announce", "slot", "slots", "recommended", "recommande", "seuil",
	"seuils", "threshold", "thresholds", "anti-pattern", "anti-patterns", "antipattern", "antipatterns", "surveiller", "surveillance", "surveille", "surveilles", "surveillez", "surveillons", "monitorer", "waiting", "approved", "serverless",
	// code and infrastructure
	"pipeline", "pipelines", "ci", "cd", "ci/cd", "workflow", "workflows", "runner", "runners", "branch", "branche", "merge",
	"commit", "commits", "vm", "vms", "server", "servers", "serveur", "serveurs", "vps", "cluster", "clusters", "kubernetes", "k8s", "helm",
	"argo", "argocd", "terraform", "docker", "dockerfile", "vercel", "netlify", "heroku", "kamal", "ansible", "github",
	"gitlab", "actions", "script", "scripts", "infra", "infrastructure", "instance", "postgres", "mysql", "redis", "provision",
	"cdn", "dns", "ssl", "tls", "certificate", "certificat", "backup", "backups", "restore", "sauvegarde", "cache",
	"bug", "bugs", "erreur", "erreurs", "error", "errors", "crash", "latence", "latency", "perf", "performance", "500",
	"5xx", "404", "502", "503", "504", "502s", "503s", "500s", "p95", "p99", "p50", "webhook", "hook", "app", "application", "site", "api", "web", "front", "frontend", "back", "backend",
	"checkout", "paiement", "paiements", "payment", "payments", "login", "base", "donnees", "bdd", "sql", "maintenance",
	"rollout", "cutover", "bascule", "basculer", "load", "balancer", "https", "url", "domaine", "domain", "page", "homepage",
	"pages", "secret", "secrets", "variable", "variables", "logs", "log", "uptime", "sentry", "grafana", "datadog",
	"prometheus", "staging-first", "hors-prod", "rc", "annoncer", "coupure", "coupures", "client", "clients", "customer",
	"customers", "users", "utilisateurs", "prevenir", "notify", "notifier", "launch", "lancement",
	"iso-prod", "mttr", "lead", "frequency", "frequence", "rollbacker",
	// the bot's own commands and subjects
	"status", "statut", "diff", "history", "historique", "pending", "reminder", "reminders", "rappel", "rappels", "audit",
	"dora", "drill", "runbook", "context", "contexte", "settings", "setting", "config", "configuration", "interview",
	"onboarding", "onboard", "commands", "commandes", "command", "commande", "projects", "projets", "project", "projet",
	"agency", "agence", "tool", "tools", "outil", "outils", "vendredi", "friday", "fridays", "weekend", "week-end", "help",
	"aide", "deploybot",
	// what goes wrong after a release, and who watches: "what do I do if it
	// breaks tonight?", "si ça casse ce soir je fais quoi, je suis seul
	// d'astreinte" were not understood (not "broken", "failed": "the figma
	// link is broken" is still off the domain)
	"break", "breaks", "breaking", "casse", "casses", "plante", "planter", "plantage", "crashe", "on-call", "oncall",
	// the days the windows avoid: "la veille d'un jour férié c'est à
	// éviter aussi ?", "is the day before a bank holiday a no-go?" were not
	// understood
	"ferie", "feries", "holiday", "holidays", "veille", "veilles", "no-go", "nogo",
)

// secondPerson are the words that speak to the bot.
var secondPerson = setOf("you", "your", "tu", "t", "toi", "ton", "ta", "tes", "vous", "votre", "es-tu", "t-es")

// outsideDomain reports whether m speaks of nothing of the bot's domain:
// no project, environment or version (a number alone is not one: "12 fois
// 8"), and no core word. Such a message is small talk when it is a few
// words said to the bot ("are you a bot?", "tu dors jamais ?"), else not
// understood ("is bitcoin going up?", "réserve une salle pour 14h").
func (r *Router) outsideDomain(m message, s slots) (outside, toMe bool) {
	if s.app != "" || s.env != "" || strings.ContainsAny(s.version, ".") || strings.HasPrefix(s.version, "v") ||
		len(m.tokens) == 0 {
		return false, false
	}
	you, weak := false, false
	for i, t := range m.tokens {
		w := t.norm
		if weakCoreWords.has(w) {
			weak = true // "who's taking the client call at 3?": one needs another
			continue
		}
		if coreWords.has(w) || isActionWord(w) || orderWord(w) { // "I'll approve 60 after lunch"
			return false, false
		}
		if serverWords.has(w) {
			return false, false // "ssh into prod-web-02 and restart nginx": the servers, devops' (it was not understood)
		}
		if w == "dark" && i+1 < len(m.tokens) && strings.HasPrefix(m.tokens[i+1].norm, "launch") {
			return false, false // "c'est quoi un dark launch ?"
		}
		if _, ok := envWordOf(w); ok {
			return false, false
		}
		if _, ok := r.ix.names[w]; ok {
			return false, false
		}
		you = you || secondPerson.has(w)
	}
	return true, you && len(m.tokens) <= 5 && !weak
}

// serverWords speak of servers only, never of anything outside the
// domain: a request with one is devops' (a hand-off), not "not
// understood".
var serverWords = setOf("ssh", "nginx", "apache", "firewall", "restart", "redemarre", "redemarrer", "reboot", "dns", "docker", "kubernetes",
	"k8s", "kubectl", "terraform", "ansible", "sudo", "systemctl", "iptables")

// weakCoreWords are core words that speak of the domain only beside
// another: "the client call", "the users' party".
var weakCoreWords = setOf("client", "clients", "customer", "customers", "users", "utilisateurs")
