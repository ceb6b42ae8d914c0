package agents

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"deploybot"
	"deploybot/prompts"
	"deploybot/router"
)

// label returns the name of key in l.
func label(l deploybot.Lang, key string) string {
	if k, ok := deploybot.SettingKeyOf(key); ok {
		return l.Pick(k.Label[0], k.Label[1])
	}
	return key
}

// scopeLabel says where a value comes from.
func scopeLabel(l deploybot.Lang, s deploybot.Scope) string {
	switch s {
	case deploybot.ScopeEnvironment:
		return l.Pick("exception de l'environnement", "environment exception")
	case deploybot.ScopeProject:
		return l.Pick("exception du projet", "project exception")
	case deploybot.ScopeAgency:
		return l.Pick("convention agence", "agency convention")
	}
	return l.Pick("pratique standard", "standard practice")
}

// resolve returns the settings in effect for project ("" for the agency's)
// of keys, sorted: answerKeys, or noteKeys. With no key it still reads the
// settings' state, whose failure fails the answer as before.
func (o *Orchestrator) resolve(ctx context.Context, project string, keys []string) (contextValues, error) {
	if o.Settings == nil {
		return contextValues{}, nil
	}
	if kr, ok := o.Settings.(keysResolver); ok {
		// One read of the chat's values for all of them, not one per
		// key (issue 19: the question path's largest part after the
		// parser and the search).
		ss, err := kr.ResolveKeys(ctx, project, "", keys)
		if err != nil {
			return contextValues{}, fmt.Errorf("agents: context of %q: %w", project, err)
		}
		return contextValues{keys: keys, values: ss}, nil
	}
	out := contextValues{keys: keys, values: make([]deploybot.Setting, len(keys))}
	for i, key := range keys {
		s, err := o.Settings.Resolve(ctx, project, "", key)
		if err != nil {
			return contextValues{}, fmt.Errorf("agents: context of %q: %w", project, err)
		}
		out.values[i] = s
	}
	return out, nil
}

// noteKeys are the keys contextNote reads for cards, sorted: the cards'
// own and those of strategyAdvice; none without a card. The offline
// answer resolves only these, not all 16 answerKeys (issue 19: the
// Settings of all 16, 2.5 KB, were a fifth of the bytes the question path
// allocated per message, which sets how often the collector runs, the
// path's tail latency).
func noteKeys(cards []prompts.Card) []string {
	if len(cards) == 0 {
		return nil
	}
	keys := []string{deploybot.KeyStrategy, deploybot.KeyZeroDowntime}
	for _, c := range cards {
		keys = append(keys, cardKeys[c.ID]...)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// contextValues are the settings resolve read: values[i] is keys[i]'s,
// keys sorted (answerKeys). Not a map: a Setting is too large for a map
// to hold in place, and the map of the 16 keys cost the question path 17
// of its ~135 allocations per message (issue 19).
type contextValues struct {
	keys   []string
	values []deploybot.Setting
}

// get returns key's setting, if resolved.
func (c contextValues) get(key string) (deploybot.Setting, bool) {
	i, ok := slices.BinarySearch(c.keys, key)
	if !ok || i >= len(c.values) {
		return deploybot.Setting{}, false
	}
	return c.values[i], true
}

// value returns key's value, "" when not resolved.
func (c contextValues) value(key string) string {
	s, _ := c.get(key)
	return s.Value
}

// keysResolver resolves many keys at one moment (settings.Resolver).
type keysResolver interface {
	ResolveKeys(ctx context.Context, project, env string, keys []string) ([]deploybot.Setting, error)
}

// answerKeys are the keys answers read: every agent's (routeKeys) and
// every card's (cardKeys), each once.
var answerKeys = sync.OnceValue(func() []string {
	var keys []string
	for _, ks := range routeKeys {
		keys = append(keys, ks...)
	}
	for _, ks := range cardKeys {
		keys = append(keys, ks...)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
})

// routeKeys are the context keys each agent's model answers are given
// (LLM mode); the offline answers say only those of their card (cardKeys).
var routeKeys = map[deploybot.Route][]string{
	deploybot.RouteProduction:   {deploybot.KeyStrategy, deploybot.KeyZeroDowntime, deploybot.KeyConstraints, deploybot.KeyValidations, deploybot.KeyApproval},
	deploybot.RouteStaging:      {deploybot.KeySmokeTests, deploybot.KeyExtraEnvs, deploybot.KeyEnvironments},
	deploybot.RouteRollback:     {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	deploybot.RouteOrchestrator: {deploybot.KeySLA, deploybot.KeyConstraints, deploybot.KeyPipeline},
}

// contextNote says what the context layers change for the topic of cards:
// the values of the settings that bear on it (cardKeys) for the project
// mentioned and where they come from, and what was assumed when a project
// has told nothing, with the advice of route's agent (or the card's own
// when it is not of route). A card that only says what something is gets a note
// only when a project is named or a value departs from standard practice.
func (o *Orchestrator) contextNote(l deploybot.Lang, route deploybot.Route, project string, cards []prompts.Card, resolved contextValues) string {
	if len(cards) == 0 {
		return ""
	}
	var items []string
	specific := false
	for _, key := range keysOf(cards...) {
		v, ok := resolved.get(key)
		if !ok || v.Value == "" || key == deploybot.KeyZeroDowntime && v.Value != "yes" {
			continue
		}
		if v.Scope != deploybot.ScopeGlobal {
			specific = true
		} else if key != deploybot.KeyStrategy {
			continue // standard practice is already in the card
		}
		val := "*" + showValue(l, key, v.Value) + "*"
		if key == deploybot.KeyZeroDowntime {
			val = l.Pick("*obligatoire*", "*mandatory*")
		}
		items = append(items, fmt.Sprintf("%s %s (%s)", label(l, key), val, scopeLabel(l, v.Scope)))
	}
	if len(items) == 0 || definitions[cards[0].ID] && !specific && project == "" {
		return ""
	}
	var b strings.Builder
	if project != "" {
		fmt.Fprintf(&b, l.Pick("Pour le projet *%s* : ", "For project *%s*: "), project)
	} else {
		b.WriteString(l.Pick("Chez vous : ", "Here: "))
	}
	b.WriteString(strings.Join(items, l.Pick(" ; ", "; ")))
	b.WriteString(".")
	if !cards[0].HasRoute(route) && len(cards[0].Routes) > 0 {
		route = cards[0].Routes[0] // the advice of the card's agent
	}
	if s := strategyAdvice(l, route, resolved); s != "" {
		b.WriteString(" " + s)
	}
	if !specific {
		if project != "" {
			fmt.Fprintf(&b, l.Pick("\nJ'ai supposé la pratique standard : rien n'est renseigné pour ce projet. Pour l'adapter : « configure le projet %s ».",
				"\nI assumed standard practice: nothing is recorded for this project. To adapt it: \"onboard project %s\"."), project)
		} else {
			b.WriteString(l.Pick("\nJ'ai supposé la pratique standard. Nommez le projet pour une réponse adaptée, ou « configure le projet NOM ».",
				"\nI assumed standard practice. Name the project for a tailored answer, or \"onboard project NAME\"."))
		}
	}
	return b.String()
}

// strategyAdvice adds what the resolved strategy and constraints imply.
func strategyAdvice(l deploybot.Lang, route deploybot.Route, resolved contextValues) string {
	s := deploybot.Strategy(resolved.value(deploybot.KeyStrategy))
	zero := resolved.value(deploybot.KeyZeroDowntime) == "yes"
	switch {
	case zero && s == deploybot.StrategyRecreate:
		return l.Pick("Attention : recreate coupe le service, incompatible avec le zéro interruption ; passez en rolling ou blue-green.",
			"Careful: recreate stops the service, which breaks the zero-downtime rule; use rolling or blue-green.")
	case route == deploybot.RouteRollback && s == deploybot.StrategyBlueGreen:
		return l.Pick("En blue-green, le rollback est instantané : on rebascule le trafic sur l'environnement précédent.",
			"With blue-green, rollback is instant: switch traffic back to the previous environment.")
	case route == deploybot.RouteRollback && s == deploybot.StrategyCanary:
		return l.Pick("En canary, le rollback est rapide : on ramène le poids du canary à 0.",
			"With canary, rollback is fast: set the canary's weight back to 0.")
	case route == deploybot.RouteRollback && s == deploybot.StrategyRolling:
		return l.Pick("En rolling, le rollback redéploie la version précédente pod par pod (rollout undo).",
			"With rolling, rollback redeploys the previous version pod by pod (rollout undo).")
	case zero && route == deploybot.RouteProduction:
		return l.Pick("Zéro interruption oblige : readiness probes, drainage des connexions et migrations expand/contract.",
			"Zero downtime means readiness probes, connection draining and expand/contract migrations.")
	}
	return ""
}

// project finds a configured project by name or alias.
func (o *Orchestrator) project(name string) (deploybot.Project, bool) {
	n := name
	if !plainWord(name) {
		n = strings.Join(router.Words(name), "-")
	}
	for _, p := range o.Projects {
		if strings.EqualFold(p.Name, n) {
			return p, true
		}
		for _, x := range p.Aliases {
			if strings.EqualFold(x, n) {
				return p, true
			}
		}
	}
	return deploybot.Project{}, false
}

// plainWord reports whether name is one word of lower-case ASCII letters
// and digits, which router.Words reads as itself: most names asked of
// project, and every word of a question withoutNames asks about one by
// one (issue 19: reading each word's words again, and the names' slice
// of each project, were most of withoutNames on bench's scripted chat).
// TestPlainWordIsItsWords holds it to router.Words.
func plainWord(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// unknownProject answers a name that is not a configured project.
func (o *Orchestrator) unknownProject(l deploybot.Lang, name string) deploybot.Reply {
	text := fmt.Sprintf(l.Pick("Je ne connais pas de projet « %s ». Projets configurés : %s.",
		"I know no project %q. Configured projects: %s."), name, o.projectList())
	var names []string
	for _, p := range o.Projects {
		names = append(names, p.Names()...)
	}
	if s := nearest(name, names); s != "" {
		if p, ok := o.project(s); ok {
			s = p.Name
		}
		text += fmt.Sprintf(l.Pick(" Vouliez-vous dire %s ?", " Did you mean %s?"), s)
	}
	return deploybot.Reply{Lang: l, Text: text}
}

// where names a layer for a reply.
func where(l deploybot.Lang, scope deploybot.Scope, project, env string) string {
	switch scope {
	case deploybot.ScopeEnvironment:
		return fmt.Sprintf("%s/%s", project, env)
	case deploybot.ScopeProject:
		return l.Pick("le projet ", "project ") + project
	}
	return l.Pick("l'agence", "the agency")
}

// askValue asks for the new value of a setting a message changes
// without saying it ("change la stratégie de l'api"): the next message
// answers it (router: a setting's follow-up).
func askValue(l deploybot.Lang, scope deploybot.Scope, project, env, key string) deploybot.Reply {
	text := fmt.Sprintf(l.Pick(valueAskFr+" %s pour %s ?", valueAskEn+" %s for %s?"), label(l, key), where(l, scope, project, env))
	if k, ok := deploybot.SettingKeyOf(key); ok {
		switch k.Kind {
		case deploybot.KindChoice:
			text += " " + strings.Join(k.Choices, ", ")
		case deploybot.KindBool:
			text += l.Pick(" oui ou non", " yes or no")
		case deploybot.KindDuration:
			text += l.Pick(" (une durée : 30m, 2h…)", " (a duration: 30m, 2h…)")
		}
	}
	return deploybot.Reply{Lang: l, Text: text}
}

// The openings of the question for a setting's value, which the router
// reads as the bot's turn.
const (
	valueAskFr = "Quelle valeur de"
	valueAskEn = "Which value of"
)

// setValue checks the writer's right, validates and stores one setting,
// and announces a change that may loosen production safety.
func (o *Orchestrator) setValue(ctx context.Context, l deploybot.Lang, msg deploybot.Message, scope deploybot.Scope, project, env, key, value string) (deploybot.Reply, error) {
	if o.Settings == nil {
		return deploybot.Reply{Lang: l, Text: l.Pick("Le contexte n'est pas enregistré ici.", "Context is not stored here.")}, nil
	}
	if o.Deploys != nil {
		if err := o.Deploys.MayChange(ctx, scope, project, key, msg.User); err != nil {
			return o.outcome(l, deploybot.Deployment{}, err, ""), nil
		}
	}
	before, err := o.Settings.Set(ctx, scope, project, env, key, value, msg.User, msg.UserName)
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	after, err := o.Settings.Resolve(ctx, project, env, key)
	if err != nil {
		return deploybot.Reply{}, err
	}
	text := fmt.Sprintf(l.Pick(notedFr+"%s, %s = *%s* (avant : %s, %s).", notedEn+"%s, %s = *%s* (was %s, %s)."),
		where(l, scope, project, env), label(l, key), showValue(l, key, after.Value), orDefault(showValue(l, key, before.Value), "-"), before.Provenance(l, o.location()))
	if after.Shadows != "" {
		text += fmt.Sprintf(l.Pick("\nCela remplace la valeur du fichier (%s, ligne %d) jusqu'à « reset %s%s ».",
			"\nThis overrides the file's value (%s, line %d) until \"reset %s%s\"."), after.Shadows, after.ShadowsLine, key, resetScope(scope, project, env))
	}
	o.announceChange(ctx, l, msg, scope, project, env, key, before, after)
	return deploybot.Reply{Lang: l, Text: text}, nil
}

// announceChange posts in the agency's notification channel a change of
// key, by chat or in the interview, that can loosen production safety.
func (o *Orchestrator) announceChange(ctx context.Context, l deploybot.Lang, msg deploybot.Message, scope deploybot.Scope, project, env, key string, before, after deploybot.Setting) {
	if k, _ := deploybot.SettingKeyOf(key); k.Loosens && before.Value != after.Value && o.Deploys != nil {
		o.Deploys.Announce(ctx, deploybot.Reply{Lang: l, Title: l.Pick("⚠️ Règle de production modifiée", "⚠️ Production rule changed"),
			Text: fmt.Sprintf(l.Pick("%s a changé %s pour %s : %s → *%s*.", "%s changed %s for %s: %s → *%s*."),
				msg.User, label(l, key), where(l, scope, project, env), orDefault(showValue(l, key, before.Value), "-"), showValue(l, key, after.Value))})
	}
}

func resetScope(scope deploybot.Scope, project, env string) string {
	switch scope {
	case deploybot.ScopeEnvironment:
		return " for " + project + " " + env
	case deploybot.ScopeProject:
		return " for " + project
	}
	return ""
}

// resetValue removes the chat value of key at a layer: the file's value
// (or the wider layer's) applies again.
func (o *Orchestrator) resetValue(ctx context.Context, l deploybot.Lang, msg deploybot.Message, scope deploybot.Scope, project, env, key string) (deploybot.Reply, error) {
	if o.Settings == nil {
		return deploybot.Reply{Lang: l, Text: l.Pick("Le contexte n'est pas enregistré ici.", "Context is not stored here.")}, nil
	}
	if o.Deploys != nil {
		if err := o.Deploys.MayChange(ctx, scope, project, key, msg.User); err != nil {
			return o.outcome(l, deploybot.Deployment{}, err, ""), nil
		}
	}
	before, err := o.Settings.Resolve(ctx, project, env, key)
	if err != nil {
		return deploybot.Reply{}, err
	}
	done, err := o.Settings.Reset(ctx, scope, project, env, key, msg.User, msg.UserName)
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	if !done {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Rien à réinitialiser : %s n'a pas été changé par chat pour %s.",
			"Nothing to reset: %s was not set by chat for %s."), label(l, key), where(l, scope, project, env))}, nil
	}
	after, err := o.Settings.Resolve(ctx, project, env, key)
	if err != nil {
		return deploybot.Reply{}, err
	}
	if k, _ := deploybot.SettingKeyOf(key); k.Loosens && before.Value != after.Value && o.Deploys != nil {
		o.Deploys.Announce(ctx, deploybot.Reply{Lang: l, Title: l.Pick("⚠️ Règle de production modifiée", "⚠️ Production rule changed"),
			Text: fmt.Sprintf(l.Pick("%s a réinitialisé %s pour %s : %s → *%s*.", "%s reset %s for %s: %s → *%s*."),
				msg.User, label(l, key), where(l, scope, project, env), showValue(l, key, before.Value), showValue(l, key, after.Value))})
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("Réinitialisé : pour %s, %s = *%s* (%s).", "Reset: for %s, %s = *%s* (%s)."),
		where(l, scope, project, env), label(l, key), showValue(l, key, after.Value), after.Provenance(l, o.location()))}, nil
}

// showContext lists the settings in effect for project (or the agency),
// where each comes from, and which chat values stand over the file's.
func (o *Orchestrator) showContext(ctx context.Context, l deploybot.Lang, project string) (deploybot.Reply, error) {
	r := deploybot.Reply{Lang: l}
	if project == "" {
		r.Title = l.Pick("Contexte de l'agence", "Agency context")
	} else {
		r.Title = fmt.Sprintf(l.Pick("Contexte du projet %s", "Context of project %s"), project)
	}
	if o.Settings == nil {
		return r, nil
	}
	var overrides []string
	for _, k := range deploybot.SettingKeys {
		if project == "" && !k.Allows(deploybot.ScopeAgency) || project != "" && !k.Allows(deploybot.ScopeAgency) && !k.Allows(deploybot.ScopeProject) {
			continue
		}
		s, err := o.Settings.Resolve(ctx, project, "", k.Name)
		if err != nil {
			return deploybot.Reply{}, err
		}
		if s.Value == "" {
			continue
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: l.Pick(k.Label[0], k.Label[1]), Value: showValue(l, k.Name, s.Value) + "  (" + s.Provenance(l, o.location()) + ")"})
		if s.FromChat() && s.Shadows != "" {
			overrides = append(overrides, fmt.Sprintf(l.Pick("%s : %s au lieu de %s (fichier, ligne %d)", "%s: %s instead of %s (file, line %d)"),
				l.Pick(k.Label[0], k.Label[1]), showValue(l, k.Name, s.Value), showValue(l, k.Name, s.Shadows), s.ShadowsLine))
		}
	}
	if p, ok := o.project(project); ok && project != "" {
		for _, e := range p.Environments {
			for _, k := range deploybot.SettingKeys {
				if !k.Allows(deploybot.ScopeEnvironment) {
					continue
				}
				s, err := o.Settings.Resolve(ctx, project, e.Name, k.Name)
				if err != nil {
					return deploybot.Reply{}, err
				}
				if s.Scope == deploybot.ScopeEnvironment {
					r.Fields = append(r.Fields, deploybot.Field{Label: e.Name + " · " + l.Pick(k.Label[0], k.Label[1]),
						Value: showValue(l, k.Name, s.Value) + "  (" + s.Provenance(l, o.location()) + ")"})
				}
			}
		}
	}
	if len(overrides) > 0 {
		r.Text = l.Pick("Valeurs posées par chat qui priment sur le fichier :\n• ", "Chat values that stand over the file's:\n• ") + strings.Join(overrides, "\n• ")
	}
	r.Note = l.Pick("Ordre : environnement, projet, agence, pratique standard ; par chat > fichier. Pour modifier : « set api strategy to canary » ; pour revenir au fichier : « reset strategy for api ».",
		"Order: environment, project, agency, standard practice; chat > file. To change: \"set api strategy to canary\"; back to the file: \"reset strategy for api\".")
	return r, nil
}

// foldLine folds text like the router does, keeping the words' order.
func foldLine(text string) string {
	return strings.Join(router.Words(foldSpacer.Replace(text)), " ")
}

// foldSpacer puts spaces around "=" and ":" so that they are words of
// their own. Built once: a Replacer builds its tables at its first use,
// and built per call it was three quarters of foldLine, which reads every
// answer of an interview (issue 19: 4 % of the scripted chat's CPU).
var foldSpacer = strings.NewReplacer("=", " = ", ":", " : ")

// envOf finds an environment of p named by w (or an alias such as prod).
func envOf(p deploybot.Project, w string) (string, bool) {
	c := canonicalEnv(w)
	for _, e := range p.Environments {
		if e.Name == c || e.Name == w {
			return e.Name, true
		}
	}
	return "", false
}
