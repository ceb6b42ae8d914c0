package agents

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"deploybot"
	"deploybot/router"
)

// GlobalContext is the global layer: industry practice, from the knowledge,
// used where neither the agency nor the project says otherwise.
func GlobalContext() []deploybot.ContextValue {
	v := func(k, val string) deploybot.ContextValue {
		return deploybot.ContextValue{Scope: deploybot.ScopeGlobal, Key: k, Value: val, SetBy: "builtin"}
	}
	return []deploybot.ContextValue{
		v(deploybot.KeyStrategy, string(deploybot.StrategyRolling)),
		v(deploybot.KeyPipeline, "build → test → staging → validate → deploy → verify → monitor"),
		v(deploybot.KeyEnvironments, "staging, production"),
		v(deploybot.KeySmokeTests, "critical paths after every deploy"),
		v(deploybot.KeyApproval, "four-eyes"),
		v(deploybot.KeyZeroDowntime, "no"),
	}
}

// contextKey describes one context key: how people name it and which values
// it accepts.
type contextKey struct {
	key     string
	names   []string // folded words people use for it, longest first
	label   [2]string
	choices []string // allowed values; empty: free text
}

var contextKeys = []contextKey{
	{deploybot.KeyStrategy, []string{"strategie par defaut", "default strategy", "strategie", "strategy"}, [2]string{"stratégie", "strategy"},
		[]string{"recreate", "rolling", "blue-green", "canary"}},
	{deploybot.KeyPipeline, []string{"pipeline"}, [2]string{"pipeline", "pipeline"}, nil},
	{deploybot.KeyExtraEnvs, []string{"environnements specifiques", "extra environments", "environnements supplementaires", "extra envs"}, [2]string{"environnements spécifiques", "extra environments"}, nil},
	{deploybot.KeyEnvironments, []string{"environnements", "environments", "envs"}, [2]string{"environnements", "environments"}, nil},
	{deploybot.KeySmokeTests, []string{"smoke tests", "smoke-tests", "smoke_tests", "smoke"}, [2]string{"smoke tests", "smoke tests"}, nil},
	{deploybot.KeyApproval, []string{"approbation", "approval", "approvals"}, [2]string{"approbation", "approval"},
		[]string{"none", "four-eyes", "named"}},
	{deploybot.KeyConstraints, []string{"contraintes", "constraints"}, [2]string{"contraintes", "constraints"}, nil},
	{deploybot.KeyZeroDowntime, []string{"zero downtime", "zero-downtime", "zero_downtime", "zero interruption", "zero coupure"}, [2]string{"zéro interruption", "zero downtime"},
		[]string{"yes", "no"}},
	{deploybot.KeyValidations, []string{"validations", "validation"}, [2]string{"validations requises", "required validations"}, nil},
	{deploybot.KeySLA, []string{"sla", "slas"}, [2]string{"SLA de déploiement", "deployment SLA"}, nil},
}

func keyInfo(key string) contextKey {
	for _, k := range contextKeys {
		if k.key == key {
			return k
		}
	}
	return contextKey{key: key, label: [2]string{key, key}}
}

func (k contextKey) labelIn(l deploybot.Lang) string {
	if l == deploybot.English {
		return k.label[1]
	}
	return k.label[0]
}

// normalizeValue checks value against the key's choices and returns its
// canonical form; yes/no accept oui/non/true/false.
func (k contextKey) normalizeValue(value string) (string, bool) {
	v := strings.Join(router.Words(value), " ")
	if len(k.choices) == 0 {
		return strings.TrimSpace(value), strings.TrimSpace(value) != ""
	}
	switch v {
	case "oui", "yes", "true", "obligatoire", "mandatory", "required":
		v = "yes"
	case "non", "no", "false":
		v = "no"
	case "blue green", "bluegreen":
		v = "blue-green"
	case "four eyes", "4 eyes", "4-eyes", "quatre yeux":
		v = "four-eyes"
	}
	for _, c := range k.choices {
		if v == c {
			return c, true
		}
	}
	return "", false
}

// scopeLabel says where a value comes from.
func scopeLabel(l deploybot.Lang, s deploybot.Scope) string {
	switch s {
	case deploybot.ScopeProject:
		return l.Pick("exception du projet", "project exception")
	case deploybot.ScopeAgency:
		return l.Pick("convention agence", "agency convention")
	}
	return l.Pick("pratique standard", "standard practice")
}

// resolve returns the resolved context of project (global and agency only
// when project is empty).
func (o *Orchestrator) resolve(ctx context.Context, project string) (map[string]deploybot.ContextValue, error) {
	if o.Context == nil {
		return deploybot.ResolveContext(GlobalContext(), project), nil
	}
	vs, err := o.Context.ContextValues(ctx, project)
	if err != nil {
		return nil, fmt.Errorf("agents: context of %q: %w", project, err)
	}
	return deploybot.ResolveContext(vs, project), nil
}

// routeKeys are the context keys that shape each agent's answers.
var routeKeys = map[deploybot.Route][]string{
	deploybot.RouteProduction:   {deploybot.KeyStrategy, deploybot.KeyZeroDowntime, deploybot.KeyConstraints, deploybot.KeyValidations, deploybot.KeyApproval},
	deploybot.RouteStaging:      {deploybot.KeySmokeTests, deploybot.KeyExtraEnvs, deploybot.KeyEnvironments},
	deploybot.RouteRollback:     {deploybot.KeyStrategy, deploybot.KeyZeroDowntime},
	deploybot.RouteOrchestrator: {deploybot.KeySLA, deploybot.KeyConstraints, deploybot.KeyPipeline},
}

// contextNote says what the context layers change for the question: the
// values that apply to the project mentioned and where they come from, and
// what was assumed when a project has told nothing.
func (o *Orchestrator) contextNote(in deploybot.Intent, resolved map[string]deploybot.ContextValue) string {
	l := in.Lang
	var items []string
	specific := false
	for _, key := range routeKeys[in.Route] {
		v, ok := resolved[key]
		if !ok || v.Value == "" || key == deploybot.KeyZeroDowntime && v.Value != "yes" {
			continue
		}
		if v.Scope != deploybot.ScopeGlobal {
			specific = true
		} else if key != deploybot.KeyStrategy {
			continue // standard practice is already in the card
		}
		k := keyInfo(key)
		val := "*" + v.Value + "*"
		if key == deploybot.KeyZeroDowntime {
			val = l.Pick("*obligatoire*", "*mandatory*")
		}
		items = append(items, fmt.Sprintf("%s %s (%s)", k.labelIn(l), val, scopeLabel(l, v.Scope)))
	}
	if len(items) == 0 {
		return ""
	}
	var b strings.Builder
	if in.SubjectApp != "" {
		fmt.Fprintf(&b, l.Pick("Pour le projet *%s* : ", "For project *%s*: "), in.SubjectApp)
	} else {
		b.WriteString(l.Pick("Chez vous : ", "Here: "))
	}
	b.WriteString(strings.Join(items, " ; "))
	b.WriteString(".")
	if s := strategyAdvice(l, in.Route, resolved); s != "" {
		b.WriteString(" " + s)
	}
	if !specific {
		if in.SubjectApp != "" {
			fmt.Fprintf(&b, l.Pick("\nJ'ai supposé la pratique standard : rien n'est renseigné pour ce projet. Pour l'adapter : « configure le projet %s ».",
				"\nI assumed standard practice: nothing is recorded for this project. To adapt it: \"onboard project %s\"."), in.SubjectApp)
		} else {
			b.WriteString(l.Pick("\nJ'ai supposé la pratique standard. Nommez le projet pour une réponse adaptée, ou « configure le projet NOM ».",
				"\nI assumed standard practice. Name the project for a tailored answer, or \"onboard project NAME\"."))
		}
	}
	return b.String()
}

// strategyAdvice adds what the resolved strategy and constraints imply.
func strategyAdvice(l deploybot.Lang, route deploybot.Route, resolved map[string]deploybot.ContextValue) string {
	s := deploybot.Strategy(resolved[deploybot.KeyStrategy].Value)
	zero := resolved[deploybot.KeyZeroDowntime].Value == "yes"
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

// Context commands, matched on folded text.
var (
	showContextRe = regexp.MustCompile(`^(?:show\s+|montre\s+(?:moi\s+)?(?:le\s+)?|affiche\s+(?:le\s+)?)?(?:context|contexte)(?:\s+(?:for|of|du|de|de\s+l|pour))?(?:\s+(?:the\s+)?(?:project|projet|le\s+projet))?(?:\s+(\S+))?$`)
	setEnRe       = regexp.MustCompile(`^set\s+(?:the\s+)?(?:(agency)|(?:project\s+)?(\S+))(?:'s)?\s+(.+?)\s+(?:to|=)\s+(.+)$`)
	setFrRe       = regexp.MustCompile(`^pour\s+(?:(l\s*agence)|(?:le\s+projet\s+|le\s+)?(\S+?)),?\s+(?:la\s+|le\s+|les\s+|l\s+)?(.+?)\s+(?:est|sont|=|:)\s+(.+)$`)
	onboardRe     = regexp.MustCompile(`^(?:onboard|configure|configurer|setup|set\s+up|interview)\s+(?:the\s+|le\s+|l\s*)?(?:(agency|agence)|(?:project\s+|projet\s+)?(\S+))$`)
)

// foldLine folds text like the router does, keeping the words' order, for
// command matching.
func foldLine(text string) string {
	return strings.Join(router.Words(strings.NewReplacer("=", " = ", ":", " : ").Replace(text)), " ")
}

// project finds a configured project by name or alias.
func (o *Orchestrator) project(name string) (deploybot.Project, bool) {
	n := strings.Join(router.Words(name), "-")
	for _, p := range o.Projects {
		for _, x := range p.Names() {
			if strings.EqualFold(x, n) {
				return p, true
			}
		}
	}
	return deploybot.Project{}, false
}

// unknownProject answers a name that is not a configured project.
func (o *Orchestrator) unknownProject(l deploybot.Lang, name string) deploybot.Reply {
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
		"Je ne connais pas de projet « %s ». Projets configurés : %s.",
		"I know no project %q. Configured projects: %s."), name, o.projectList())}
}

// contextCommand handles "show context for api", "set api strategy to
// canary", "pour le projet api, la stratégie est canary". It reports false
// when text is not a context command.
func (o *Orchestrator) contextCommand(ctx context.Context, msg deploybot.Message, l deploybot.Lang) (deploybot.Reply, bool, error) {
	line := foldLine(msg.Text)
	if m := showContextRe.FindStringSubmatch(line); m != nil {
		name := m[1]
		if name == "" || name == "agence" || name == "agency" {
			r, err := o.showContext(ctx, l, "")
			return r, true, err
		}
		p, ok := o.project(name)
		if !ok {
			return o.unknownProject(l, name), true, nil
		}
		r, err := o.showContext(ctx, l, p.Name)
		return r, true, err
	}
	var agency bool
	var name, keyText, value string
	if m := setEnRe.FindStringSubmatch(line); m != nil {
		agency, name, keyText, value = m[1] != "", m[2], m[3], m[4]
	} else if m := setFrRe.FindStringSubmatch(line); m != nil {
		agency, name, keyText, value = m[1] != "", m[2], m[3], m[4]
	} else {
		return deploybot.Reply{}, false, nil
	}
	k, ok := matchKey(keyText)
	if !ok {
		return deploybot.Reply{}, false, nil
	}
	v := deploybot.ContextValue{Scope: deploybot.ScopeAgency, Key: k.key, SetBy: msg.User}
	if !agency {
		p, ok := o.project(name)
		if !ok {
			return o.unknownProject(l, name), true, nil
		}
		v.Scope, v.Project = deploybot.ScopeProject, p.Name
	}
	r, err := o.setValue(ctx, l, v, rawValue(msg.Text, value), k)
	return r, true, err
}

// rawValue recovers the value as the user typed it (case and accents) from
// the end of text, given its folded form.
func rawValue(text, folded string) string {
	words := strings.Fields(text)
	n := len(strings.Fields(folded))
	if n == 0 || n > len(words) {
		return folded
	}
	return strings.TrimRight(strings.Join(words[len(words)-n:], " "), ".!")
}

func matchKey(text string) (contextKey, bool) {
	t := strings.TrimSpace(text)
	for _, k := range contextKeys {
		for _, n := range k.names {
			if t == n || strings.HasSuffix(t, " "+n) || strings.HasPrefix(t, n+" ") {
				return k, true
			}
		}
	}
	return contextKey{}, false
}

// setValue validates and stores one context value.
func (o *Orchestrator) setValue(ctx context.Context, l deploybot.Lang, v deploybot.ContextValue, value string, k contextKey) (deploybot.Reply, error) {
	val, ok := k.normalizeValue(value)
	if !ok {
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"« %s » n'est pas une valeur possible pour %s. Valeurs permises : %s.",
			"%q is not a valid %s. Allowed values: %s."), value, k.labelIn(l), strings.Join(k.choices, ", "))}, nil
	}
	v.Value = val
	if err := o.Context.SetContext(ctx, v); err != nil {
		if deploybot.ErrorCode(err) == deploybot.EINVALID {
			return deploybot.Reply{Lang: l, Text: deploybot.ErrorMessage(err)}, nil
		}
		return deploybot.Reply{}, err
	}
	where := l.Pick("l'agence", "the agency")
	if v.Scope == deploybot.ScopeProject {
		where = l.Pick("le projet ", "project ") + v.Project
	}
	return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick("C'est noté : pour %s, %s = *%s*.", "Noted: for %s, %s = *%s*."),
		where, k.labelIn(l), val)}, nil
}

// showContext lists the resolved context of project (or of the agency) and
// where each value comes from.
func (o *Orchestrator) showContext(ctx context.Context, l deploybot.Lang, project string) (deploybot.Reply, error) {
	resolved, err := o.resolve(ctx, project)
	if err != nil {
		return deploybot.Reply{}, err
	}
	keys := make([]string, 0, len(resolved))
	for k := range resolved {
		keys = append(keys, k)
	}
	order := map[string]int{}
	for i, k := range contextKeys {
		order[k.key] = i
	}
	sort.Slice(keys, func(a, b int) bool { return order[keys[a]] < order[keys[b]] })
	r := deploybot.Reply{Lang: l}
	if project == "" {
		r.Title = l.Pick("Contexte de l'agence", "Agency context")
	} else {
		r.Title = fmt.Sprintf(l.Pick("Contexte du projet %s", "Context of project %s"), project)
	}
	for _, k := range keys {
		v := resolved[k]
		r.Fields = append(r.Fields, deploybot.Field{
			Label: keyInfo(k).labelIn(l),
			Value: fmt.Sprintf("%s  (%s, %s)", v.Value, scopeLabel(l, v.Scope), v.SetBy),
		})
	}
	r.Note = l.Pick("Ordre de résolution : projet, puis agence, puis pratique standard. Pour modifier : « pour le projet api, la stratégie est canary ».",
		"Resolution order: project, then agency, then standard practice. To change: \"set api strategy to canary\".")
	return r, nil
}
