package router

import (
	"context"
	"regexp"
	"strings"

	"deploybot"
)

// Parse turns a message into the one typed request every agent dispatches
// on: a command (with its arguments), an action (with its slots), a
// question, small talk, or "not understood". history holds the earlier
// messages of the same person in the same conversation, oldest first: a
// message that only answers a question the bot asked ("staging", "shop",
// "la 1.2.3", "same for blog") completes the request they started.
func (r *Router) Parse(ctx context.Context, text string, history []string) deploybot.Request {
	req := r.parseOne(ctx, text)
	if len(history) == 0 {
		return req
	}
	if len(history) > maxHistory {
		history = history[len(history)-maxHistory:]
	}
	prev := r.Parse(ctx, history[len(history)-1], history[:len(history)-1])
	return r.followUp(req, prev)
}

// maxHistory is how many earlier messages a follow-up may reach back.
const maxHistory = 4

// parseOne parses one message on its own.
func (r *Router) parseOne(ctx context.Context, text string) deploybot.Request {
	text = strings.TrimSpace(sanitizeKeepLines(text))
	clean, f := splitFlags(text)
	req := deploybot.Request{Text: clean, Yes: f.yes, Wait: f.wait, Force: f.force, ForceReason: f.forceReason}
	req.Intent = r.Route(ctx, clean)
	p := &parse{r: r, raw: clean, line: commandLine(clean), in: req.Intent}
	if c, ok := r.command(p); ok {
		req.Kind, req.Command, req.Args = deploybot.KindCommand, c.cmd, c.args
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, App: c.app, Env: c.env,
			Lang: req.Lang, Confidence: 1, SubjectApp: c.app, SubjectEnv: c.env}
		if c.lang != "" {
			req.Lang = c.lang
		}
		req.UnknownApp, req.UnknownEnv = c.unknownApp, c.unknownEnv
		if req.Force && c.cmd == deploybot.CmdUnlock {
			setArg(&req, "force", req.ForceReason)
		}
		return req
	}
	if lang, ok := smalltalk(clean); ok {
		req.Kind = deploybot.KindSmalltalk
		req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: lang, Confidence: 1}
		return req
	}
	m := normalize(clean)
	s, words := r.ix.extract(&m, r.t.vocab)
	if r.promotion(&req, p, s, words) {
		return req
	}
	if req.Intent.Intent.IsAction() {
		if r.notUnderstood(m, s, words) {
			return r.unknown(req)
		}
		req.Kind = deploybot.KindAction
		r.actionNames(&req, m, s)
		if bad, ok := unsafeWord(clean); ok && req.BadVersion == "" {
			setArg(&req, "unsafe", bad)
		}
		return req
	}
	if r.notUnderstood(m, s, words) {
		return r.unknown(req)
	}
	req.Kind = deploybot.KindQuestion
	if mo, ok := Moment(clean); ok {
		req.Moment = &mo
	}
	return req
}

// unknown turns req into a request not understood, with the closest things
// the bot can do.
func (r *Router) unknown(req deploybot.Request) deploybot.Request {
	lang := req.Lang
	req.Intent = deploybot.Intent{Route: deploybot.RouteOrchestrator, Intent: deploybot.IntentQuestion, Lang: lang, Confidence: req.Confidence}
	req.Kind = deploybot.KindUnknown
	req.Alternatives = []string{lang.Pick("aide", "help"), "status", lang.Pick("je peux déployer maintenant ?", "can I deploy now?")}
	return req
}

// setArg sets argument k of req.
func setArg(req *deploybot.Request, k, v string) {
	if req.Args == nil {
		req.Args = map[string]string{}
	}
	req.Args[k] = v
}

// parse is a message being parsed.
type parse struct {
	r    *Router
	raw  string           // as written, without the deploy options
	line string           // folded, for matching
	in   deploybot.Intent // what the model and the slot rules found
}

// commandLine folds text like the router reads it, keeping the words'
// order, "#12" read as "12" and ":" and "=" kept as words.
func commandLine(text string) string {
	text = strings.NewReplacer("=", " = ", ":", " : ", "#", " ").Replace(text)
	return strings.Join(Words(text), " ")
}

// sanitizeKeepLines drops control characters but keeps line breaks.
func sanitizeKeepLines(text string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(text, "\uFFFD"))
}

// flags are the options of a deploy order.
type flags struct {
	yes, wait, force bool
	forceReason      string
}

var forceRe = regexp.MustCompile(`(?:^|\s)--force(?:[= ]+(?:"([^"]*)"|'([^']*)'|“([^”]*)”|(\S+)))?`)

// splitFlags strips --yes, -y, --wait and --force "reason" from text.
func splitFlags(text string) (string, flags) {
	var f flags
	if m := forceRe.FindStringSubmatch(text); m != nil {
		f.force, f.forceReason = true, m[1]+m[2]+m[3]+m[4]
		text = forceRe.ReplaceAllString(text, " ")
	}
	if strings.Contains(text, " --wait") {
		f.wait = true
		text = strings.ReplaceAll(text, " --wait", "")
	}
	for _, y := range []string{"--yes", "-y"} {
		if t := strings.TrimSpace(text); strings.HasSuffix(t, " "+y) {
			f.yes = true
			text = strings.TrimSuffix(t, y)
		}
	}
	return strings.TrimSpace(text), f
}

// unsafeWord finds a word that holds shell syntax ("v1;rm", "$(id)") or
// starts like a version but holds characters no version has: such a
// request is refused whole.
func unsafeWord(text string) (string, bool) {
	for _, w := range strings.Fields(text) {
		if strings.ContainsAny(w, ";|&$`<>\\") {
			return w, true
		}
		w = strings.TrimRight(w, ",.!?)")
		if w == "" || !(w[0] >= '0' && w[0] <= '9' || (w[0] == 'v' || w[0] == 'V') && len(w) > 1 && w[1] >= '0' && w[1] <= '9') {
			continue
		}
		for _, r := range w {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._+-/", r)) {
				return w, true
			}
		}
	}
	return "", false
}
