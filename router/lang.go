package router

import (
	"strings"

	"deploybot"
)

// LangEvidence returns the language a message's own words say, and false
// when they say none: a command word both languages use, a name, a
// version, gibberish ("audit api", "rollback shop staging", "runbook web",
// "12", "qsdfgh"). The chat answers such a message in its conversation's
// language. Short messages are read by their marker words (le, pour, oui,
// merci, statut; the, to, yes, thanks, approve), accented letters and
// French punctuation (" : ", « »).
func (r *Router) LangEvidence(text string) (deploybot.Lang, bool) {
	m := normalize(text)
	fr, en := min(m.accents, 2), 0
	if strings.Contains(text, " : ") || strings.Contains(text, "«") {
		fr++
	}
	for _, w := range langWords(m) {
		if frenchMarkers.has(w) {
			fr++
		}
		if englishMarkers.has(w) {
			en++
		}
	}
	switch {
	case fr > en:
		return deploybot.French, true
	case en > fr:
		return deploybot.English, true
	}
	return "", false
}

// The words that belong to one language only, as folded (accents off):
// function words, politeness, and the French words of commands. The
// commands' own names (status, history, promote, approve, freeze, list,
// help...: DESIGN §4b) and the technical words both languages use
// (rollback, staging, diff, runbook) say no language: a French writer
// types them too.
var (
	frenchMarkers = setOf("le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "et", "est", "sont", "c",
		"ce", "cette", "ces", "je", "j", "tu", "il", "nous", "vous", "pas", "ne", "qui", "que", "qu", "quoi", "quel", "quelle",
		"quels", "quelles", "pour", "avec", "sur", "dans", "en", "oui", "non", "merci", "stp", "svp", "bonjour", "salut",
		"aide", "statut", "etat", "historique", "annule", "approuve", "refuse", "rejette", "degel", "gel", "gele", "verrouille",
		"deverrouille", "liste", "rappel", "rappels", "projet", "projets", "environnement", "environnements", "contexte",
		"semaine", "mois", "mets", "passe", "pousse", "deploie", "reviens", "revenir", "lance", "entretien", "supprime",
		"affiche", "montre", "tout", "tous", "aucun", "aucune", "puis", "alors", "donc", "peux", "peut", "faut", "veux",
		"coche", "issue", "reussi", "echoue", "passer", "exercice", "indicateurs", "metriques", "chiffres", "nos", "notre",
		// "comment on fait un rollback ?" was a tie, "un" against "on"
		// (French too): answered in English after an English line
		// (session 23, a newcomer's run).
		"fait", "faire", "fais", "faites")
	englishMarkers = setOf("the", "an", "is", "are", "was", "to", "for", "with", "of", "in", "on", "at", "my", "our", "your",
		"this", "that", "it", "please", "pls", "thanks", "thank", "thx", "yes", "no", "show", "what", "which", "who", "how",
		"can", "could", "hello", "hi", "hey", "remind", "reminder", "project", "projects", "environment", "environments", "week",
		"month", "ship", "roll", "back", "delete", "remove", "every", "and", "or", "then", "run", "skip", "figures", "metrics",
		"did", "we", "do", "me", "from", "until", "by")
)
