package router

import (
	"context"
	"strings"

	"deploybot"
)

// subjectWindow is how many messages back a command said on a pronoun
// looks for the project it is about.
const subjectWindow = 4

// lockCommands need a project and an environment: said without them, the
// conversation's last ones are theirs ("verrouille alors, raison :
// migration en cours" after "la migration du site tourne encore en
// prod"), else the bot asks.
var lockCommands = map[deploybot.Command]bool{deploybot.CmdLock: true, deploybot.CmdUnlock: true}

// pronounCommands act on the project a conversation names only when the
// message points back at it ("freeze it until monday", "start the
// interview for it", "montre-moi tout le contexte alors"): without a
// pointer they cover everything ("freeze until monday") or the agency.
var pronounCommands = map[deploybot.Command]bool{deploybot.CmdFreeze: true, deploybot.CmdUnfreeze: true,
	deploybot.CmdHistory: true, deploybot.CmdContext: true, deploybot.CmdReset: true, deploybot.CmdInterview: true,
	deploybot.CmdRunbook: true, deploybot.CmdStatus: true}

// pointerWords point back at what the conversation just named.
var pointerWords = setOf("it", "that", "this", "them", "ca", "alors", "then", "too", "aussi", "also", "idem", "pareil", "same")

// pointsBack reports whether text points back at what the conversation
// named: a pronoun ("lock it", "verrouille-le") or a word of sequel
// ("alors", "then", "too").
func pointsBack(text string) bool {
	for _, w := range wordsOf(text) {
		if pointerWords.has(w) || strings.HasSuffix(w, "-le") || strings.HasSuffix(w, "-la") || strings.HasSuffix(w, "-les") {
			return true
		}
	}
	return false
}

// subjectFilled completes a command that names no project with the one the
// last messages of the conversation name, the bot's replies included
// ("Noted. api production: v4.6.2"): the most recent project, and the
// environment said with it, else the most recent one said.
func (r *Router) subjectFilled(out deploybot.Request, text string, history []string) deploybot.Request {
	if out.Kind != deploybot.KindCommand || out.App != "" || out.UnknownApp != "" || out.FollowUp ||
		out.Arg("id") != "" || out.Arg("all") != "" || out.Arg("scope") == "agency" {
		return out
	}
	if !lockCommands[out.Command] && !(pronounCommands[out.Command] && pointsBack(text)) {
		return out
	}
	if out.Command == deploybot.CmdContext && out.Arg("what") == "set" && out.Arg("key") == "" {
		return out
	}
	app, env := "", out.Env
	for j := len(history) - 1; j >= 0 && j >= len(history)-subjectWindow; j-- {
		s := r.analyze(history[j]).s
		if app == "" && s.app != "" && !s.negated {
			app = s.app
			if env == "" && s.env != "" {
				if e, ok := r.envOf(app, s.env); ok {
					env = e
				}
			}
		}
	}
	if app == "" {
		return out
	}
	if env == "" && (lockCommands[out.Command] || out.Command == deploybot.CmdFreeze || out.Command == deploybot.CmdUnfreeze) {
		for j := len(history) - 1; j >= 0 && j >= len(history)-subjectWindow; j-- {
			if s := r.analyze(history[j]).s; s.env != "" {
				if e, ok := r.envOf(app, s.env); ok {
					env = e
					break
				}
			}
		}
	}
	out.App, out.SubjectApp = app, app
	switch out.Command {
	case deploybot.CmdLock, deploybot.CmdUnlock, deploybot.CmdFreeze, deploybot.CmdUnfreeze:
		out.Env, out.SubjectEnv = env, env
	case deploybot.CmdInterview:
		out.Args = copyArgs(out.Args)
		out.Args["scope"] = "project"
	}
	return out
}

// offerPrefixes open the bot's offer of an action, folded: "Tu veux que
// je fasse un rollback de api en production ?", "Do you want me to
// promote web from staging to production?".
var offerPrefixes = []string{"tu veux que je ", "vous voulez que je ", "voulez-vous que je ", "veux-tu que je ", "souhaitez-vous que je ",
	"do you want me to ", "want me to ", "would you like me to ", "shall i "}

// offerTaken reads a yes after the bot's offer of an action (its last
// turn, a question that proposes one, or a plan written with its arrow:
// "Déployer web → staging ?") as that action: a plan, which the bot
// shows and asks to confirm again.
func (r *Router) offerTaken(ctx context.Context, req deploybot.Request, last string) (deploybot.Request, bool) {
	if req.Kind != deploybot.KindCommand || req.Command != deploybot.CmdConfirm || req.Arg("id") != "" ||
		!strings.Contains(last, "?") || strings.Contains(last, "(#") {
		return req, false
	}
	body, _, _ := strings.Cut(last, "?")
	offered := strings.Contains(body, "→")
	if f := fold(body); !offered {
		for _, p := range offerPrefixes {
			if i := strings.Index(f, p); i >= 0 && i < 40 {
				body, offered = f[i+len(p):], true // folded: "je fasse un rollback de api en production"
				break
			}
		}
	}
	if !offered {
		return req, false
	}
	out := r.alone(ctx, body)
	if out.Kind != deploybot.KindAction {
		return req, false
	}
	out.Text, out.Lang, out.FollowUp = req.Text, r.lang(normalize(last)), true
	return out, true
}
