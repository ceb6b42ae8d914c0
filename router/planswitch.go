package router

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"deploybot"
)

// rollbackInstead reads an answer to a deploy's plan that asks for a
// rollback in its place: "no wait, I meant a rollback of staging, not a
// deploy", "actually no, let's roll back instead, 4.0.0 is bad", "en fait
// fais plutôt un rollback vers la 3.9", "non, retour arrière en staging".
// The rollback is of the plan's project, on the environment its own
// phrase names (else the plan's), to the version its phrase names as the
// target. The new order replaces the plan (the orchestrator cancels the
// plan a person moves on from).
//
// The answer is read by its forms, never by a word found in it: the
// switch ("no", "wait", "actually", "en fait"), then the rollback said
// as an order (insteadOrderRe), then only a plain reason (insteadTailRe).
// A first attack on a reading by words found "deploy instead of a
// rollback", "the client wants a rollback instead", "let's roll back
// instead after the demo", "le rollback est plutôt compliqué" and "I
// meant a rollback of the migration" read as rollbacks.
func (r *Router) rollbackInstead(ctx context.Context, cur, prev deploybot.Request, asked botTurn) (deploybot.Request, bool) {
	if asked.asks != "confirm" && asked.asks != "refused" || prev.Kind != deploybot.KindAction || prev.Intent.Intent != deploybot.IntentDeploy ||
		prev.App == "" || strings.ContainsAny(cur.Text, "?¿@~`\"«»#") || strings.HasPrefix(strings.TrimSpace(cur.Text), ">") ||
		strings.Contains(cur.Text, "..") || strings.Contains(cur.Text, "…") || pickMocked(cur.Text) {
		return cur, false
	}
	cls := clauses(cur.Text)
	i := 0
	for i < len(cls) && insteadSwitchRe.MatchString(strings.Join(wordsOf(cls[i]), " ")) {
		i++ // "no wait", "actually no", "en fait non"
	}
	if i == len(cls) {
		return cur, false
	}
	line := strings.Join(wordsOf(cls[i]), " ")
	if i == 0 {
		// "no, …" said in one clause: "no rollback staging" is not the
		// form; "non fais plutôt un rollback" is.
		if f := firstField(line); (f == "no" || f == "non" || f == "nope") && rollbackLeads(strings.TrimPrefix(line, f+" ")) {
			return cur, false // "no rollback staging": a rollback refused, not ordered
		}
		line = insteadLeadRe.ReplaceAllString(line, "")
	}
	m := insteadOrderRe.FindStringSubmatch(line)
	if m == nil {
		return cur, false
	}
	if target := strings.Fields(m[1] + " " + m[2]); !slices.ContainsFunc(target, func(w string) bool {
		_, env := envWordOf(w)
		return env || versionToken(w) != ""
	}) && !insteadWantedRe.MatchString(line) {
		// "no, rollback", "no, revert it", "non, retour arrière": a
		// rollback of what? The plan is declined (its cancel), the bot
		// asks; "I meant a rollback", "fais plutôt un rollback", "let's
		// roll back instead" say it is the plan's environment.
		return cur, false
	}
	for _, cl := range cls[i+1:] {
		if !insteadTailRe.MatchString(strings.Join(wordsOf(cl), " ")) {
			return cur, false // "…, after the demo", "…, je plaisante", "…, pas en prod"
		}
	}
	env, version := prev.Env, ""
	for _, w := range strings.Fields(m[1] + " " + m[2]) {
		switch e, ok := envWordOf(w); {
		case ok:
			env = e
		case versionToken(w) != "":
			version = versionToken(w)
		case w == "the" || w == "la" || w == "le" || w == "l" || w == "version" || w == "it" || insteadTargetWords.has(w):
		default:
			if app, ok := r.project(w); !ok || stopWords.has(w) || app != prev.App {
				return cur, false // "a rollback of the migration", "… of the back" after web's plan
			}
		}
	}
	if version != "" && !olderThanPlan(version, cmp.Or(prev.Version, planVersion(asked.text)), currentVersionOf(asked.text)) {
		return cur, false // "no wait, rollback to 2.1.0" after the plan of 2.0.0: no going back
	}
	envs := 0
	for _, w := range strings.Fields(m[1] + " " + m[2]) {
		if _, ok := envWordOf(w); ok {
			envs++
		}
	}
	if envs > 1 {
		return cur, false // "rollback staging prod": which one?
	}
	order := "rollback " + prev.App + " " + env
	if version != "" {
		order += " to " + version
	}
	out := r.alone(ctx, order)
	if out.Kind != deploybot.KindAction || out.Intent.Intent != deploybot.IntentRollback {
		return cur, false
	}
	out.Text, out.FollowUp, out.Lang = cur.Text, true, cur.Lang
	if len(asked.ids) == 1 {
		setArg(&out, "replaces", asked.ids[0])
	}
	return out, true
}

// insteadWantedRe says the rollback is wanted in the plan's place, its
// environment the plan's: "i meant", "let's", "fais", "plutôt",
// "instead".
var insteadWantedRe = mustCompile(`\b(?:i meant|i mean|je voulais|je veux dire|i wanted|let s|lets|fais|faites|do|lance|run|go for|make it|on fait|plutot|instead|rather)\b`)

// olderThanPlan reports whether a rollback's target v is older than the
// planned version and than the current one (when the plan's card shows
// it); versions that are not semantic ones compare as different only.
func olderThanPlan(v, planned, current string) bool {
	a := deploybot.Semver(v)
	for _, b := range []string{planned, current} {
		if b == "" {
			continue
		}
		sb := deploybot.Semver(b)
		if a == "" || sb == "" {
			if sameVersion(v, b) {
				return false
			}
			continue
		}
		if semver.Compare(a, sb) >= 0 {
			return false
		}
	}
	return true
}

// currentVersionRe finds the current version a plan's card shows.
var currentVersionRe = mustCompile(`(?m)^\s*(?:current version|version actuelle)\s*:\s*(\S+)`)

// currentVersionOf returns the current version a plan's card shows, or "".
func currentVersionOf(card string) string {
	if m := currentVersionRe.FindStringSubmatch(card); m != nil && versionToken(m[1]) != "" {
		return m[1]
	}
	return ""
}

// insteadTargetWords may stand in a rollback's target phrase.
var insteadTargetWords = setOf("of", "de", "du", "d", "des", "en", "on", "in", "sur", "to", "vers", "a", "please", "pls", "stp",
	"svp", "now", "maintenant", "instead", "plutot", "alors", "then")

// insteadSwitchRe is a clause that only takes the plan back before the
// new order, in folded words: "no wait", "actually no", "en fait non",
// "oops", "hmm".
var insteadSwitchRe = mustCompile(`^(?:(?:no|non|nope|nah|wait|attends|actually|en fait|oops|oups|hmm|euh|finalement|sorry|pardon|desole|ah)\s*)+$`)

// insteadLeadRe is the switch that opens a one-clause answer: "no wait
// ", "en fait non ".
var insteadLeadRe = mustCompile(`^(?:(?:no|non|nope|wait|attends|actually|en fait|oops|oups|finalement)\s+)+`)

// rollbackLeads reports whether a folded line opens with a rollback's
// word.
func rollbackLeads(line string) bool {
	for _, p := range []string{"rollback", "roll back", "revert", "retour arriere"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// insteadOrderRe is a rollback said as the order in the plan's place, in
// folded words; group 1 and 2 hold its target phrase (environment,
// version, the plan's project): "i meant a rollback of staging", "let s
// roll back instead", "fais plutot un rollback vers la 3 9", "rollback
// staging", "retour arriere en staging".
var insteadOrderRe = mustCompile(`^(?:` +
	`(?:i meant|i mean|je voulais dire|je voulais|je veux dire|i wanted)\s+(?:(?:a|an|un|une)\s+)?` +
	`|(?:let s|lets)\s+(?:do\s+)?(?:a\s+)?|on\s+(?:fait\s+)?(?:un\s+)?` +
	`|(?:(?:please|stp)\s+)?(?:fais|faites|do|lance|run|go for|make it)\s+(?:plutot\s+|instead\s+)?(?:(?:a|an|un)\s+)?` +
	`|(?:plutot|instead|rather)\s+(?:(?:a|an|un)\s+)?` +
	`)?` +
	`(?:rollback|roll back|roll it back|revert|retour arriere|rollback plutot)` +
	`((?:\s+(?:of|de|du|d|en|on|in|sur|to|vers|a|the|la|le|l|it|version|staging|prod|production|preprod|recette|stg|prd|[a-z0-9][a-z0-9-]*))*?)` +
	`(?:\s+(?:instead|plutot|rather))?((?:\s+(?:to|vers|a)\s+(?:la\s+|the\s+|version\s+)?v?[0-9][0-9a-z.-]*)?)(?:\s+(?:please|pls|stp|svp|now|maintenant|alors|then))*$`)

// insteadTailRe is a clause after the rollback that only gives a reason
// or takes the deploy back: "not a deploy", "4.0.0 is bad", "c'est
// urgent".
var insteadTailRe = mustCompile(`^(?:` +
	`(?:not|pas)\s+(?:a\s+|un\s+|de\s+)?(?:deploy|deployment|deploiement|mep|release)` +
	`|(?:the\s+|la\s+|le\s+)?(?:v?[0-9][0-9a-z.-]*|new one|nouvelle|release|version|last deploy|dernier deploiement|the deploy|le deploiement)\s+(?:is|s|est|was|etait)\s+(?:bad|broken|buggy|cassee|casse|pourrie|foireuse|ko|down)` +
	`|(?:it s|c est|that s)\s+(?:urgent|an emergency|une urgence)` +
	`|(?:please|pls|stp|svp|merci|thanks)` +
	`)$`)

// rollbackWordAt returns the index of the first word of ws that names a
// rollback ("rollback", "revert", "roll back", "retour arrière"), or -1.
// Not "back" alone: the backend's short name.
func rollbackWordAt(ws []string) int {
	for i, w := range ws {
		switch {
		case w == "rollback" || w == "rollbacks" || w == "revert" || w == "reverts":
			return i
		case (w == "roll" || w == "rolls") && i+1 < len(ws) && ws[i+1] == "back":
			return i
		case w == "retour" && i+1 < len(ws) && ws[i+1] == "arriere":
			return i
		}
	}
	return -1
}

// correctionReduced reads a change of a plan said with more than its
// new value: the no, a clause that only rules the old value out ("pas
// sur staging", "not the api"), a plain reason ("c'est un hotfix") or
// "same version" beside the new value: "non, pas sur staging, direct en
// prod, c'est un hotfix", "euh non, sur le site pas sur l'api, même
// version". The rest is read as the change alone; "same version" keeps
// the plan's version on the new project. Only a change of the plan
// (the answer's readers return an action replacing it) is taken.
func (r *Router) correctionReduced(ctx context.Context, cur, prev deploybot.Request, asked botTurn) (deploybot.Request, bool) {
	if asked.asks != "confirm" && asked.asks != "refused" || prev.Kind != deploybot.KindAction || cur.Kind == deploybot.KindAction ||
		strings.ContainsAny(cur.Text, "?¿@~`\"«»#") || strings.Contains(cur.Text, "..") || strings.Contains(cur.Text, "…") {
		return cur, false
	}
	if pickMocked(cur.Text) {
		return cur, false // "…, c'est un hotfix 😂": the irony is the whole answer's
	}
	cls := clauses(cur.Text)
	if len(cls) < 3 {
		return cur, false
	}
	for _, cl := range cls {
		ws := wordsOf(cl)
		if len(versionTokens(cl)) > 0 && slices.ContainsFunc(ws, func(w string) bool {
			return negationWords.has(w) || w == "no" || w == "non" || w == "surtout" || tailFailWords.has(w) || w == "bad" || w == "buggy"
		}) {
			return cur, false // "…, pas la 2.4.0", "…, 2.0.0 is broken": which version then?
		}
		if slices.ContainsFunc(ws, func(w string) bool { return valueJoins.has(w) || hedgeWords.has(w) || laterTimes.has(w) }) {
			return cur, false // "en prod ou staging", "prod then staging", "staging après"
		}
	}
	kept, same := make([]string, 0, len(cls)), false
	var ruledOut, ruledOutValues []string // the slots of the values ruled out ("env", "project"), and the values
	for i, cl := range cls {
		line := strings.Join(wordsOf(cl), " ")
		switch {
		case i > 0 && sameVersionClauseRe.MatchString(line):
			same = true
		case i > 0 && planReasonRe.MatchString(line):
		case i > 0 && r.oldValueRuledOut(wordsOf(cl)) != "":
			ruledOut = append(ruledOut, r.oldValueRuledOut(wordsOf(cl)))
			for _, w := range wordsOf(cl) {
				if e, ok := envWordOf(w); ok {
					ruledOutValues = append(ruledOutValues, e)
				} else if a, ok := r.project(w); ok && !stopWords.has(w) {
					ruledOutValues = append(ruledOutValues, a)
				}
			}
		default:
			if i > 0 && addWords.has(firstField(line)) {
				return cur, false // "non, staging, pas production, et le front": one more, not instead
			}
			kept = append(kept, cl)
		}
	}
	if len(kept) == len(cls) || len(kept) < 2 {
		return cur, false
	}
	var keptWords []string // the words that name values, not those ruled out after a negation
	for _, cl := range kept[1:] {
		ws := wordsOf(cl)
		if i := slices.IndexFunc(ws, func(w string) bool { return w == "pas" || w == "not" }); i >= 0 {
			ws = ws[:i] // "sur le site pas sur l'api": the site
		}
		keptWords = append(keptWords, ws...)
	}
	for _, w := range keptWords {
		e, env := envWordOf(w)
		a, app := r.project(w)
		if env && slices.Contains(ruledOutValues, e) || app && !stopWords.has(w) && slices.Contains(ruledOutValues, a) {
			return cur, false // "wait, rollback prod, not in prod"
		}
	}
	if envsNamed(keptWords) > 1 || r.projectsNamed(keptWords) > 1 {
		return cur, false // "non, pas staging, prod, staging": which one?
	}
	for _, slot := range ruledOut {
		if slot == "env" && envsNamed(keptWords) == 0 || slot == "project" && r.projectsNamed(keptWords) == 0 {
			return cur, false // "non, la prod, pas le back": the project ruled out, none named in its place
		}
	}
	out := r.followUpOf(ctx, r.alone(ctx, strings.Join(kept, ", ")), prev, asked)
	if out.Kind != deploybot.KindAction || out.Arg("replaces") == "" {
		return cur, false
	}
	if same && out.Version == "" && out.From == "" {
		out.Version = cmp.Or(prev.Version, planVersion(asked.text))
	}
	out.Text = cur.Text
	return out, true
}

// sameVersionClauseRe keeps the plan's version: "même version", "same
// version", "la même".
var sameVersionClauseRe = mustCompile(`^(?:(?:the|la|le)\s+)?(?:same version|meme version|same one|la meme|meme|same|pareil)(?:\s+(?:please|pls|stp|svp))?$`)

// planReasonRe is a plain reason beside a change of a plan: "c'est un
// hotfix", "it's urgent".
var planReasonRe = mustCompile(`^(?:it s|c est|that s|this is|c)\s+(?:(?:a|an|un|une|le|la|the)\s+)?(?:hotfix|fix|petit fix|small fix|quick fix|correctif|security fix|urgent|urgence|emergency|une urgence)$`)

// oldValueRuledOut returns the slot ("env", "project") of the value a
// clause only rules out: a negation, then an environment or a project,
// nothing else ("pas sur staging", "not the api", "pas en prod"); "" for
// any other clause.
func (r *Router) oldValueRuledOut(ws []string) string {
	neg, slot := false, ""
	for _, w := range ws {
		switch {
		case w == "pas" || w == "not" || w == "no" || w == "non":
			neg = true
		case envWord(w) || r.projectWord(w):
			if !neg || slot != "" {
				return "" // "sur le site pas sur l'api": the new value first
			}
			slot = "project"
			if envWord(w) {
				slot = "env"
			}
		case ruledOutFillers.has(w):
		default:
			return ""
		}
	}
	return slot
}

// valueJoins join or order two values: "prod ou staging", "prod then
// staging", "staging après".
var valueJoins = setOf("ou", "or", "and", "et", "then", "puis", "ensuite", "apres", "after", "before", "avant", "plus")

// addWords open a clause that adds to an order: "et le front", "and
// staging too".
var addWords = setOf("and", "et", "also", "aussi", "plus", "then", "puis")

var ruledOutFillers = setOf("sur", "on", "in", "en", "to", "the", "la", "le", "l", "de", "du", "a", "un", "une", "for", "pour", "dans")
