package router

import (
	"strings"

	"deploybot"
)

// A yes confirms a plan: the production deploy it describes runs. A yes
// that also says no, that is meant for someone else, or that only
// acknowledges confirms nothing: when unsure, the bot asks back rather
// than acts.

// yesRevokers say no beside a yes: "yes please cancel", "oui annule".
// The no wins: declining a plan is always safe, confirming it is not.
var yesRevokers = setOf("cancel", "annule", "annuler", "annulez", "abort", "no", "non", "nope", "nan", "stop")

// noFillers make a "no" no refusal: "no problem, yes", "no worries".
var noFillers = setOf("problem", "prob", "pb", "worries", "worry", "probleme", "souci", "soucis")

// negativeEmoji say no or "don't": "yes ❌", "yes 👎".
const negativeEmoji = "❌👎🚫🛑⛔✋🙅✖"

// ackWords only acknowledge: "ok merci", "okay thanks".
var ackWords = setOf("ok", "okay", "oke", "okey", "oki", "okie", "k", "kk", "cool", "thanks", "thank", "you", "thx", "ty", "merci", "cheers", "bien", "beaucoup", "a", "lot")

// yesChecked returns req unless it confirms something (a plan, or the
// single one waiting) where its text says otherwise:
//   - a no word beside the yes declines ("yes please cancel" cancels);
//   - a negative emoji ("yes 👎"), an @mention of a person first
//     ("@alice yes": the answer is alice's; "@deploybot confirm #8" is
//     the bot's), an acknowledgement ("ok merci"), or a yes right
//     after a person's question in the history ("bob: lunch?" then
//     "yes") is no confirmation: not understood, the bot asks.
func (r *Router) yesChecked(req deploybot.Request, text string, history []string) deploybot.Request {
	if req.Kind != deploybot.KindCommand || req.Command != deploybot.CmdConfirm {
		return req
	}
	words := wordsOf(text)
	if saysNoToo(words) {
		req.Command = deploybot.CmdCancel
		setArg(&req, "decline", "yes")
		return req
	}
	trimmed := strings.TrimSpace(text)
	ack := len(words) > 0
	for _, w := range words {
		ack = ack && ackWords.has(w)
	}
	if strings.ContainsAny(text, negativeEmoji) || mentionsOther(trimmed) || ack && thanks(strings.Join(words, " ")) {
		return r.noCommand(req)
	}
	if len(history) > 0 {
		last := history[len(history)-1]
		if !isBotReply(last) && !r.stateLine(last) && strings.Contains(last, "?") {
			out := r.noCommand(req)
			if id := waitingPlan(history); id != "" {
				// "deploy api 2.5.0 to production", its plan, "wait, is
				// staging green?" (the chat keeps the question, not the
				// bot's answer), "yes": the closest things are that
				// plan's yes and no, by its number (the bot said only
				// that it was not sure).
				out.Alternatives = []string{"confirm " + id, "cancel " + id}
			}
			return out
		}
	}
	return req
}

// mentionsOther reports whether text opens with an @mention of someone
// other than a bot: a name without "bot" in it.
func mentionsOther(text string) bool {
	if !strings.HasPrefix(text, "@") {
		return false
	}
	name, _, _ := strings.Cut(text[1:], " ")
	return !strings.Contains(strings.ToLower(name), "bot")
}

// saysNoToo reports whether words hold a no beside their yes: a
// yesRevokers word not followed by a noFillers one.
func saysNoToo(words []string) bool {
	for i, w := range words {
		if yesRevokers.has(w) && (i+1 >= len(words) || !noFillers.has(words[i+1])) {
			return true
		}
	}
	return false
}

// waitingPlan returns the number of the plan the bot asked a yes for in
// the last turns of history ("Deploy api 2.5.0 → production (#7) …
// Confirm?"), when it names one plan, or "".
func waitingPlan(history []string) string {
	for j := len(history) - 1; j >= 0 && j >= len(history)-6; j-- {
		if !isBotReply(history[j]) {
			continue
		}
		if t := botTurnOf(history[j]); t.asks == "confirm" && len(t.ids) == 1 {
			return t.ids[0]
		}
		return "" // the bot's last reply asked no yes: what waited is not known
	}
	return ""
}
