package agents

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"deploybot"
	"deploybot/policy"
	"deploybot/prompts"
	"deploybot/router"
)

// Knowledge is the searchable set of knowledge cards.
type Knowledge struct {
	start sync.Once     // starts the loading
	ready chan struct{} // closed once ix or err is set
	ix    *index
	err   error
}

// NewKnowledge indexes the embedded knowledge cards.
func NewKnowledge() (*Knowledge, error) {
	k := LoadKnowledge()
	if _, err := k.index(); err != nil {
		return nil, err
	}
	return k, nil
}

// LoadKnowledge starts indexing the embedded knowledge cards and returns
// at once; the first question waits for the index. At the start of the
// chat, a CPU profile (issue 19) found the cards' YAML and their index
// half of the time to the first reply: loaded this way, they are read
// while the store opens and the first message is parsed, and not waited
// for by a chat whose messages ask nothing.
func LoadKnowledge() *Knowledge {
	k := LazyKnowledge()
	k.start.Do(k.load)
	return k
}

// LazyKnowledge returns the knowledge cards' index to be built at the
// first question that needs it, not before: a serve that is asked
// nothing never builds it (its 12 ms of CPU and 1.6 MB allocated at
// every start, issue 19), and the commands that answer no question
// neither.
func LazyKnowledge() *Knowledge {
	return &Knowledge{ready: make(chan struct{})}
}

// load builds the index in the background.
func (k *Knowledge) load() {
	go func() {
		defer close(k.ready)
		cards, err := prompts.Cards()
		if err != nil {
			k.err = fmt.Errorf("agents: load knowledge: %w", err)
			return
		}
		k.ix = newIndex(cards)
	}()
}

// index waits for the index, or for the error that stopped its loading,
// starting it if need be.
func (k *Knowledge) index() (*index, error) {
	k.start.Do(k.load)
	<-k.ready
	return k.ix, k.err
}

// idx is the index, empty if it could not be loaded (answer reports the
// error first).
func (k *Knowledge) idx() *index {
	if ix, err := k.index(); err == nil {
		return ix
	}
	return &index{}
}

// minScore is the BM25 score under which a card is not a real match.
const minScore = 2.0

// answer composes the reply of the agent of in.Route to a question: the
// card of its topic when the parser recognized one (a comparison of two
// strategies composed from both cards, a named project's rollback
// procedure from its runbook), else the best matching card; the settings
// that bear on that card's topic; and for questions about time, the
// verdict of the deployment calendar.
func (o *Orchestrator) answer(ctx context.Context, msg deploybot.Message, req deploybot.Request) (deploybot.Reply, error) {
	if _, err := o.Knowledge.index(); err != nil {
		return deploybot.Reply{}, err
	}
	in := req.Intent
	l := in.Lang
	r := deploybot.Reply{Lang: l}
	if req.Topic == deploybot.TopicRollbackProcedure {
		if pr, ok, err := o.procedureAnswer(ctx, req); ok || err != nil {
			return pr, err
		}
	}
	hits, also := o.Knowledge.topicHits(req)
	timeQuestion := len(hits) == 0 && o.isTimeQuestion(req)
	if len(hits) == 0 {
		query := o.withoutNames(req.Text)
		if timeQuestion {
			query += " fenêtre window" // the windows cards answer questions of time
		}
		hits = o.Knowledge.idx().search(query, in.Route, 3)
		if timeQuestion && req.Moment != nil {
			hits = o.windowCardFirst(req, hits)
		}
		also = nil
		for _, h := range hits[min(1, len(hits)):] {
			if !h.weak() && h.score >= hits[0].score/2 {
				also = append(also, h)
			}
		}
	}
	// The cards shown, when one matched: the offline answer reads only
	// the settings of their note (contextNote), the model's all of its
	// context.
	var cards []prompts.Card
	if len(hits) > 0 && !hits[0].weak() {
		cards = []prompts.Card{hits[0].card}
		if req.Topic == deploybot.TopicCompare && len(hits) == 2 {
			cards = append(cards, hits[1].card)
		}
	}
	keys := answerKeys()
	if o.Model == nil {
		keys = noteKeys(cards)
	}
	resolved, err := o.resolve(ctx, in.SubjectApp, keys)
	if err != nil {
		return r, err
	}
	// LLM mode (issue 7): the model writes the answer from the same cards and
	// context; the offline composition below is the fallback on any failure.
	if mr, ok := o.modelAnswer(ctx, msg, req, hits, resolved, timeQuestion); ok {
		return mr, nil
	}

	var parts []string
	if timeQuestion {
		parts = append(parts, o.windowVerdict(req))
	}
	if len(hits) == 0 || hits[0].weak() {
		if len(parts) == 0 {
			return o.noAnswer(in), nil
		}
	} else if req.Topic == deploybot.TopicCompare && len(hits) == 2 {
		var text string
		r.Title, text = o.compare(l, hits[0].card, hits[1].card)
		parts = append(parts, text)
	} else {
		r.Title = hits[0].card.TopicIn(l)
		parts = append(parts, hits[0].card.BodyIn(l))
	}
	if len(cards) > 0 {
		if c := o.contextNote(l, in.Route, in.SubjectApp, cards, resolved); c != "" {
			parts = append(parts, c)
		}
		if procedureCards[hits[0].card.ID] || req.Topic == deploybot.TopicRollbackProcedure {
			if proc := o.rollbackProcedure(ctx, l, in.SubjectApp, in.SubjectEnv); proc != "" {
				parts = append(parts, proc)
			}
		}
	}
	r.Text = strings.Join(parts, "\n\n")
	var titles []string
	for _, h := range also {
		titles = append(titles, h.card.TopicIn(l))
	}
	if len(titles) > 0 {
		r.Note = l.Pick("Voir aussi : ", "See also: ") + strings.Join(titles, " · ")
	}
	return r, nil
}

// procedureCards are the cards a named project's written rollback
// procedure goes with.
var procedureCards = map[string]bool{"rollback-procedure-doc": true, "rollback-plan": true, "incident-response": true, "rollback-by-strategy": true}

// noAnswer says that the knowledge does not cover the question and what it
// does cover.
func (o *Orchestrator) noAnswer(in deploybot.Intent) deploybot.Reply {
	l := in.Lang
	return deploybot.Reply{Lang: l, Text: l.Pick(
		"Je n'ai pas de réponse précise à cette question. Je peux vous aider sur : le processus en 7 étapes, les fenêtres de déploiement, la checklist pré-déploiement, les stratégies (recreate, rolling, blue-green, canary), le staging et les smoke tests, le rollback et la gestion d'incident, les métriques à surveiller, les outils par plateforme. Tapez « aide » pour la liste des commandes.",
		"I have no precise answer to that. I can help with: the 7-step process, deployment windows, the pre-deployment checklist, strategies (recreate, rolling, blue-green, canary), staging and smoke tests, rollback and incident response, metrics to watch, tools by platform. Type \"help\" for the commands.")}
}

// handoff answers a request that is out of deploybot's role: who handles
// it and what to bring them.
func (o *Orchestrator) handoff(req deploybot.Request) deploybot.Reply {
	in := req.Intent
	l := in.Lang
	r := deploybot.Reply{Lang: l}
	if in.Route == deploybot.RouteDevops {
		r.Title = l.Pick("À voir avec l'équipe devops", "This is for the devops team")
		r.Text = l.Pick(
			"Écrire les scripts et pipelines de déploiement, gérer les serveurs, clusters et l'infrastructure, ou intervenir à la main sur un serveur, c'est le rôle de *devops*. Apportez-leur : le projet, l'environnement, ce que vous voulez obtenir et l'échéance.",
			"Writing deployment scripts and pipelines, running servers, clusters and infrastructure, or working by hand on a server is *devops*' job. Bring them: the project, the environment, the outcome you want and the deadline.")
	} else {
		r.Title = l.Pick("À voir avec la direction technique", "This is for technical leadership")
		r.Text = l.Pick(
			"Définir les standards et règles de déploiement communs à toute l'agence relève de la *direction technique*. Apportez-leur : le problème constaté, les projets concernés et une proposition.",
			"Defining the deployment standards and rules for the whole agency belongs to *technical leadership*. Bring them: the problem you see, the projects concerned and a proposal.")
	}
	if o.Knowledge == nil {
		return r
	}
	hits := o.Knowledge.idx().search(req.Text, in.Route, 1)
	if len(hits) > 0 && !hits[0].weak() && hits[0].card.HasRoute(in.Route) {
		r.Text += "\n\n" + hits[0].card.BodyIn(l)
	}
	return r
}

// timeWords are words of a question about when to deploy.
var timeWords = map[string]bool{
	"maintenant": true, "now": true, "today": true, "aujourd": true, "demain": true, "tomorrow": true,
	"fenetre": true, "window": true, "ferie": true, "holiday": true, "soir": true, "tonight": true,
	"weekend": true, "week-end": true, "aprem": true, "afternoon": true, "matin": true, "morning": true,
	"when": true, "quand": true, "creneau": true, "slot": true, // "when can we deploy to production?" got the deliverables
}

// isTimeQuestion reports whether a question asks whether a moment suits a
// deployment ("can I deploy now?", "vendredi à 17h ?").
func (o *Orchestrator) isTimeQuestion(req deploybot.Request) bool {
	if req.Route != deploybot.RouteOrchestrator && req.Route != deploybot.RouteProduction {
		return false
	}
	if req.Moment != nil {
		return true
	}
	for _, w := range router.Words(req.Text) {
		if timeWords[w] {
			return true
		}
	}
	return false
}

var frDays = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// formatMoment writes t as people read it: "vendredi 17:00" or "Friday 17:00".
func formatMoment(l deploybot.Lang, t time.Time) string {
	if l == deploybot.English {
		return t.Format("Monday 2 January 15:04 MST")
	}
	return fmt.Sprintf("%s %d/%02d %s", frDays[t.Weekday()], t.Day(), int(t.Month()), t.Format("15:04 MST"))
}

// windowVerdict evaluates the moment the question asks about (now when it
// names none) against the calendar of the project mentioned.
// withoutNames returns text without the words that name a project: a
// project called "site" or "front" says nothing of the question's topic,
// and matched the card on keeping staging private for "le site est
// cassé en prod, on fait quoi ?".
func (o *Orchestrator) withoutNames(text string) string {
	words := router.Words(text)
	kept := words[:0]
	for _, w := range words {
		if _, ok := o.project(w); !ok {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// windowCardFirst puts first, among the cards of a question about a
// moment, the windows' card that fits its verdict: the windows for a
// moment inside them ("can I deploy next Tuesday at 10?" got the card on
// deploying outside them), the card on waiting for one outside them.
func (o *Orchestrator) windowCardFirst(req deploybot.Request, hits []hit) []hit {
	cal := o.calendar(req.Intent.SubjectApp)
	m := cal.At(req.Moment.At(o.now().In(cal.Location)), req.Intent.SubjectApp, deploybot.EnvProduction)
	id := "windows-deployment"
	if m.Class == policy.Outside || m.Class == policy.Avoid {
		id = "windows-outside"
	}
	if len(hits) > 0 && hits[0].card.ID == id {
		return hits
	}
	c, ok := o.Knowledge.idx().card(id)
	if !ok {
		return hits
	}
	first := hit{card: c, score: minScore * 2, matched: 2, of: 2}
	out := []hit{first}
	for _, h := range hits {
		if h.card.ID != id {
			out = append(out, h)
		}
	}
	return out
}

func (o *Orchestrator) windowVerdict(req deploybot.Request) string {
	in := req.Intent
	l := in.Lang
	cal := o.calendar(in.SubjectApp)
	now := o.now().In(cal.Location)
	at, named := now, false
	if req.Moment != nil {
		at, named = req.Moment.At(now), true
	}
	m := cal.At(at, in.SubjectApp, deploybot.EnvProduction)
	moment := formatMoment(l, m.At)
	if !named {
		moment = l.Pick("Maintenant (", "Now (") + moment + ")"
	}
	if in.SubjectEnv != "" && in.SubjectEnv != deploybot.EnvProduction {
		// "can I deploy api to staging next week?": windows and holidays
		// are production's rules; only a freeze that covers staging
		// holds it (it answered with production's end-of-year freeze).
		sm := cal.At(at, in.SubjectApp, in.SubjectEnv)
		if sm.Class == policy.Frozen {
			verdict := l.Pick("❌ *gel des déploiements*", "❌ *deployment freeze*")
			if sm.Freeze != nil && sm.Freeze.Reason != "" {
				verdict += " — " + sm.Freeze.Reason
			}
			return moment + l.Pick(" : ", ": ") + verdict + l.Pick(" (il couvre "+in.SubjectEnv+")", " (it covers "+in.SubjectEnv+")")
		}
		return moment + l.Pick(" : ✅ pas de fenêtre ni de gel sur "+in.SubjectEnv+" : les fenêtres de déploiement sont des règles de la production. Allez-y.",
			": ✅ no window or freeze on "+in.SubjectEnv+": deployment windows are production's rules. Go ahead.")
	}
	var verdict string
	switch m.Class {
	case policy.Recommended:
		verdict = l.Pick("✅ *fenêtre recommandée* : l'équipe est là pour réagir. Allez-y.",
			"✅ *recommended window*: the team is around to react. Go ahead.")
	case policy.Acceptable:
		verdict = l.Pick("⚠️ *fenêtre acceptable* : possible avec des précautions (équipe prévenue, rollback prêt, surveillance renforcée).",
			"⚠️ *acceptable window*: possible with precautions (team warned, rollback ready, closer monitoring).")
	case policy.Outside:
		verdict = l.Pick("⚠️ *hors des fenêtres de déploiement* : l'équipe n'est peut-être pas là pour réagir ; attendez le prochain créneau recommandé.",
			"⚠️ *outside the deployment windows*: the team may not be there to react; wait for the next recommended slot.")
	case policy.Avoid:
		reason := l.Pick("vendredi après-midi et week-end : personne pour réagir en cas de problème",
			"Friday afternoon and weekends: nobody there to react if it breaks")
		if w := m.Window; !w.Days[time.Monday] && !w.Days[time.Tuesday] && !w.Days[time.Wednesday] && !w.Days[time.Thursday] && w != (policy.Window{}) {
			// The brief's reason holds for a window of Fridays and weekends.
		} else if w != (policy.Window{}) {
			// Another avoid window, the agency's or the project's: "can I
			// deploy api on thursday at 11?" was told of Friday afternoons.
			reason = fmt.Sprintf(l.Pick("fenêtre à éviter %s", "avoid window %s"), w.String())
			if in.SubjectApp != "" {
				reason = fmt.Sprintf(l.Pick("fenêtre à éviter de %s : %s", "%s's avoid window: %s"), in.SubjectApp, w.String())
			}
		}
		if m.Holiday != "" {
			reason = l.Pick("jour férié ("+m.Holiday+")", "public holiday ("+m.Holiday+")")
		} else if m.Eve != "" {
			reason = l.Pick("veille de jour férié ("+m.Eve+")", "eve of a public holiday ("+m.Eve+")")
		}
		verdict = l.Pick("❌ *à éviter* — ", "❌ *avoid* — ") + reason + l.Pick(". Pas de mise en production.", ". No production deployment.")
	case policy.Frozen:
		verdict = l.Pick("❌ *gel des déploiements*", "❌ *deployment freeze*")
		if m.Freeze != nil && m.Freeze.Reason != "" {
			verdict += " — " + m.Freeze.Reason
		}
	}
	out := moment + " : " + verdict
	if l == deploybot.English {
		out = moment + ": " + verdict
	}
	if m.Class != policy.Recommended {
		if next, ok := cal.NextRecommended(m.At, in.SubjectApp, deploybot.EnvProduction); ok {
			out += "\n" + l.Pick("Prochain créneau recommandé : ", "Next recommended slot: ") + formatMoment(l, next)
		}
	}
	return out
}

func (o *Orchestrator) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o *Orchestrator) calendar(project string) policy.Calendar {
	if o.Calendar != nil {
		return o.Calendar(project)
	}
	return policy.Calendar{Location: time.UTC}
}

// rollbackProcedure returns the written rollback procedure of project
// (its env, default production): the environment's target when
// deployments are wired, else the setting.
func (o *Orchestrator) rollbackProcedure(ctx context.Context, l deploybot.Lang, project, env string) string {
	if project == "" {
		return ""
	}
	if env == "" {
		env = deploybot.EnvProduction
	}
	text := ""
	if o.Deploys != nil && o.Deploys.Targets != nil {
		if t, err := o.Deploys.Targets(ctx, project, env); err == nil {
			text = t.RollbackProcedure
		}
	} else if o.Settings != nil {
		if s, err := o.Settings.Resolve(ctx, project, env, deploybot.KeyRollbackProcedure); err == nil {
			text = s.Value
		}
	}
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return fmt.Sprintf(l.Pick("*Procédure de rollback de %s* :\n%s", "*Rollback procedure of %s*:\n%s"), project, strings.TrimSpace(text))
}
