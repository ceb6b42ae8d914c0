package router

import (
	"strings"
)

// A dotted number is not always a version: a time, a date, an address,
// a runtime's or a ticket's number look like one. And of several
// versions, the one that runs now or the one that broke is no target.
// A deploy of the wrong version is worse than a question back.

// otherNumberWords name what a dotted number after them is: a runtime's
// version, a ticket, a sprint, a server's address.
var otherNumberWords = setOf("node", "nodejs", "python", "python3", "java", "jdk", "jre", "golang", "ruby", "php", "npm", "yarn", "pnpm",
	"postgres", "postgresql", "pg", "mysql", "mariadb", "redis", "mongo", "mongodb", "kubernetes", "k8s", "helm", "terraform", "ubuntu",
	"debian", "alpine", "ticket", "tickets", "sprint", "issue", "jira", "story", "epic", "server", "serveur", "ip", "host", "hote",
	"address", "adresse", "port", "chrome", "firefox", "ios", "android", "kernel", "noyau")

// timeWords may stand before a time: "at 14.30", "à 14.30", "vers 9.45".
var timeWords = setOf("at", "a", "vers", "around", "before", "after", "avant", "apres", "until", "till", "jusqu", "by", "des")

// dateWords may stand before a date: "on 2024.06.12", "le 12.06.2024".
var dateWords = setOf("on", "le", "du", "the", "depuis", "since", "until", "till", "jusqu", "au", "for", "pour", "by")

// otherNumber reports whether the version-looking token i of m is
// something else by its form and the word before it: "node 20.11.1",
// "ticket 2.4", "at 14.30", "on 2024.06.12", "10.0.0.12".
func otherNumber(m message, i int) bool {
	prev := ""
	if i > 0 {
		prev = m.tokens[i-1].norm
	}
	if otherNumberWords.has(prev) {
		return true
	}
	parts := strings.Split(m.tokens[i].norm, ".")
	nums := make([]int, len(parts))
	for k, p := range parts {
		n, err := atoi(p)
		if err != nil || p == "" || len(p) > 4 {
			return false // "v2.0", "2.0.0-rc1": a version's own marks
		}
		nums[k] = n
	}
	switch {
	case len(nums) == 4:
		// A private network's address: "10.0.0.12", "192.168.1.4".
		switch nums[0] {
		case 10, 127, 172, 192:
			return true
		}
	case len(nums) == 2 && timeWords.has(prev):
		// "at 14.30", "à 9.05": hours and two-digit minutes.
		return nums[0] <= 23 && len(parts[1]) == 2 && nums[1] <= 59
	case len(nums) == 3 && len(parts[2]) == 4 && nums[2] >= 1990 && nums[1] >= 1 && nums[1] <= 12:
		return true // "12.06.2024": a day, a month, a year
	case len(nums) == 3 && len(parts[0]) == 4 && nums[0] >= 1990 && dateWords.has(prev):
		return nums[1] >= 1 && nums[1] <= 12 && nums[2] >= 1 && nums[2] <= 31 // "on 2024.06.12"
	}
	return false
}

// stateBefore say that the version after them runs now, or is the one
// before the target: "current is v1.9.9", "we're on v2.0.0", "on est en
// 2.0.0", "actuellement en 1.9", "before v2.0.0".
var stateBefore = setOf("current", "currently", "runs", "has", "actuelle", "actuellement", "actuel", "running", "tourne", "tournent", "before", "avant",
	"still", "toujours", "encore")

// versionDenials before a version make it no target.
var versionDenials = setOf("not", "pas", "sauf", "except", "instead", "lieu", "nope",
	// "deploy api build 42 to prod, replaces 2.9.0" (it deployed 2.9.0)
	"replaces", "replace", "replacing", "remplace", "remplacer", "supersedes", "superseding")

// notTargetVersion reports whether the version at token i is no target:
// introduced as the one running now or the one before ("current is
// v1.9.9", "we're on v2.0.0"), or followed in its clause by what it
// breaks ("v1.9.9 is broken") and not denied.
func notTargetVersion(m message, i int) bool {
	for j := i - 1; j >= max(0, i-3); j-- {
		if endsClause(m.fields[m.tokens[j].field].raw) && m.tokens[j].field != m.tokens[i].field {
			break
		}
		w := m.tokens[j].norm
		if stateBefore.has(w) || versionDenials.has(w) {
			return true // "deploy 2.7.2 of api to prod, not 2.7.1", "but not to 3.0.1"
		}
		if (w == "on" || w == "en" || w == "sur") && j > 0 {
			// "we're on", "we are on", "on est en", "nous sommes en".
			switch m.tokens[j-1].norm {
			case "re", "are", "is", "s", "est", "sommes", "sont", "runs", "run", "still":
				return true
			}
		}
	}
	for j := i + 1; j < min(len(m.tokens), i+4); j++ {
		w := m.tokens[j].norm
		if denial.has(w) || fixWords.has(w) || endsClause(m.fields[m.tokens[j-1].field].raw) {
			break
		}
		if faultWords.has(w) || badVersionWords.has(w) {
			return true // "v2.9.0 was bad" (it deployed v2.9.0 over "release 7")
		}
	}
	return false
}

// fixWords say that a version mends something: "2.4.1 fixes the crash".
var fixWords = setOf("fix", "fixes", "fixed", "fixing", "corrige", "corriger", "correctif", "hotfix", "repare", "resout", "resolves", "solves", "with", "avec", "sans", "without")
