package router

import "strings"

// Several environments in one message: which of them is no target. A
// wrong target environment is worse than a question back, so an
// environment the message excludes, takes back or only mentions is never
// the target nor a promotion's end.

// envFillers may stand between an environment and the word that governs
// it: "not to prod", "pas en prod", "pas la prod", "then on the prod".
var envFillers = setOf("to", "en", "la", "le", "l", "the", "in", "on", "sur", "vers", "into", "a", "au", "dans", "de", "du")

// envExcluders exclude the environment they govern: "not prod", "pas en
// prod", "sauf la prod", "anything but prod", "jamais en prod".
var envExcluders = setOf("not", "pas", "never", "jamais", "sauf", "except", "excepte", "hors", "ni", "nor", "without", "sans", "excluding")

// envSequencers put an environment after another one: "staging then
// prod", "en recette puis en prod". Only the first one is ordered now.
var envSequencers = setOf("then", "puis", "ensuite", "afterwards")

// envCorrections take back what was said before them: "prod, jk,
// staging", "staging? no, prod", "en prod, enfin non, en recette".
var envCorrections = setOf("no", "non", "nope", "jk", "sorry", "pardon", "oops", "oups", "correction", "plutot", "actually", "rather", "mean")

// governing returns the word that governs the environment at token i:
// the first word before it that is no filler.
func governing(m message, i int) (w string, j int) {
	for j = i - 1; j >= 0 && j >= i-3; j-- {
		if !envFillers.has(m.tokens[j].norm) {
			return m.tokens[j].norm, j
		}
	}
	return "", -1
}

// excludedEnvs returns, among the environments named at tokens idx (in
// order), those excluded, next in a sequence, or corrected by a later one.
func excludedEnvs(m message, idx []int) []int {
	var out []int
	excluded := func(i int) bool {
		w, j := governing(m, i)
		switch {
		case envExcluders.has(w):
			return true
		case (w == "no" || w == "non") && j > 0 && j+1 == i && (m.fields[m.tokens[j].field].raw == "no" || m.fields[m.tokens[j].field].raw == "non") &&
			strings.HasSuffix(m.fields[m.tokens[j-1].field].raw, ","):
			// "staging, no prod"; not "no, production" (a correction to it)
			// nor "no" opening the message.
			return true
		case w == "but" && j > 0:
			// "anything but prod", "tout sauf la prod"; "not prod but
			// staging" names staging.
			switch m.tokens[j-1].norm {
			case "anything", "everything", "all", "any":
				return true
			}
		case envSequencers.has(w):
			// "staging then prod": the second is next; "ok then
			// production", with no environment before it, is production
			// (the other one of the question was taken).
			return i > idx[0]
		}
		return false
	}
	for k, i := range idx {
		if excluded(i) {
			out = append(out, i)
			continue
		}
		// A correction between this environment and a later one that is
		// not excluded takes this one back.
		for _, later := range idx[k+1:] {
			if excluded(later) {
				continue
			}
			corrected := false
			for j := i + 1; j < later; j++ {
				if envCorrections.has(m.tokens[j].norm) || m.tokens[j].norm == "fait" && m.tokens[j-1].norm == "en" {
					corrected = true
				}
			}
			if corrected {
				out = append(out, i)
			}
			break
		}
	}
	return out
}

// remarkEnvs returns, among the environments named at tokens idx, those
// that are no target beside the target at token target: one in a later
// clause without an action word ("deploy api to prod, QA approved",
// "deploy api to staging, the api prod is fine", "tested in sandbox"),
// and one the configuration adds said with an article ("for the demo
// tomorrow", "la QA a validé"): a team, a meeting, a place where it was
// tested. extra tells which tokens are environments the configuration
// adds.
func remarkEnvs(m message, idx []int, target, verb int, extra []bool) []int {
	if verb < 0 || verb > target {
		return nil
	}
	clause := clauseOfTokens(m)
	var out []int
	for _, i := range idx {
		if i == target {
			continue
		}
		if clause[i] > clause[target] && !clauseHasAction(m, clause, clause[i]) {
			out = append(out, i)
			continue
		}
		if extra != nil && extra[i] && i > 0 {
			switch m.tokens[i-1].norm {
			case "the", "la", "le", "l", "a", "une", "un", "our", "notre":
				out = append(out, i)
			}
		}
	}
	return out
}

// clauseOfTokens numbers the clauses of m by token: a field ending with
// a comma, a semicolon, a period, '!', '?' or ')' or opening with '('
// ends or opens one.
func clauseOfTokens(m message) []int {
	by := make([]int, len(m.tokens))
	n := 0
	for _, f := range m.fields {
		raw := strings.TrimSpace(f.raw)
		if strings.HasPrefix(raw, "(") {
			n++
		}
		for t := f.first; t < f.end && t < len(by); t++ {
			by[t] = n
		}
		if strings.HasSuffix(raw, ",") || strings.HasSuffix(raw, ";") || strings.HasSuffix(raw, ".") || strings.HasSuffix(raw, "!") ||
			strings.HasSuffix(raw, "?") || strings.HasSuffix(raw, ")") || raw == "-" || raw == "—" {
			n++
		}
	}
	return by
}

// clauseHasAction reports whether clause c of m holds an action word.
func clauseHasAction(m message, clause []int, c int) bool {
	for i, t := range m.tokens {
		if clause[i] == c && isActionWord(t.norm) {
			return true
		}
	}
	return false
}
