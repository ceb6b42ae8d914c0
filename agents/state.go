package agents

import (
	"context"
	"fmt"
	"strings"

	"deploybot"
	"deploybot/policy"
)

// status answers "status", "what's in prod?", "qu'est-ce qui tourne en
// prod ?": for every project × environment (or the one named), the
// version that runs there, since when, by whom and its state, with locks
// and freezes in force; then the deployments in flight.
func (o *Orchestrator) status(ctx context.Context, l deploybot.Lang, project, env string) (deploybot.Reply, error) {
	ps := o.Projects
	if project != "" {
		p, ok := o.project(project)
		if !ok {
			return o.unknownProject(l, project), nil
		}
		ps = []deploybot.Project{p}
	}
	r := deploybot.Reply{Lang: l, Title: l.Pick("Ce qui tourne où", "What runs where")}
	if project != "" {
		r.Title = l.Pick("État de ", "Status of ") + project
	}
	if env != "" {
		r.Title += " · " + env
	}
	loc, now := o.location(), o.now()
	var inflight []deploybot.Deployment
	seen := map[int64]bool{}
	for _, p := range ps {
		envs := envNames(p)
		if env != "" {
			if !hasEnv(p, env) {
				if project != "" {
					return o.unknownEnv(l, p.Name, env), nil
				}
				continue
			}
			envs = []string{env}
		}
		st, err := o.Deploys.StatusOf(ctx, p.Name, envs)
		if err != nil {
			return deploybot.Reply{}, err
		}
		locks := map[string]deploybot.Lock{}
		for _, lk := range st.Locks {
			locks[lk.Env] = lk
		}
		// Once per project, not per environment: each call builds the
		// project's calendar and reads the chat's freezes from the store
		// (issue 19: status was 4 % of bench's chat for 1 % of its
		// messages).
		freezes := o.Deploys.Freezes(p.Name)
		for _, e := range envs {
			v := l.Pick("rien de déployé par deploybot", "nothing deployed by deploybot")
			if d, ok := st.Current[e]; ok {
				v = fmt.Sprintf(l.Pick("%s depuis le %s, par %s (%s)", "%s since %s, by %s (%s)"), d.Version,
					d.UpdatedAt.In(loc).Format(l.Pick("02/01 15:04", "2 Jan 15:04")), d.Requester, stateLabel(l, d.State)) + drillMark(l, d)
			}
			if _, ok, err := o.Deploys.LastDrill(ctx, p.Name, e); err == nil && ok {
				if txt, err := o.lastDrill(ctx, l, p.Name, e); err == nil {
					v += l.Pick(" · 🧯 dernier exercice : ", " · 🧯 last drill: ") + txt
				}
			}
			if lk, ok := locks[e]; ok {
				v += fmt.Sprintf(l.Pick(" · 🔒 verrouillé par %s%s", " · 🔒 locked by %s%s"), holderName(l, lk.Holder), optionalText(" — ", auditDetail(l, lk.Reason)))
			}
			for _, f := range freezes {
				if f.Starts(loc).After(now) || !f.Ends(loc).After(now) || !freezeCovers(f.Environments, e) {
					continue
				}
				v += fmt.Sprintf(l.Pick(" · 🧊 gel jusqu'au %s%s", " · 🧊 frozen until %s%s"), f.Ends(loc).Format(l.Pick("02/01 15:04", "2 Jan 15:04")), optionalText(" — ", f.Reason))
				break
			}
			r.Fields = append(r.Fields, deploybot.Field{Label: p.Name + "/" + e, Value: v})
		}
		for _, d := range st.InFlight {
			if !seen[d.ID] && (env == "" || d.Env == env) {
				seen[d.ID] = true
				inflight = append(inflight, d)
			}
		}
	}
	for _, d := range inflight {
		r.Fields = append(r.Fields, deploybot.Field{Label: fmt.Sprintf("#%d", d.ID),
			Value: fmt.Sprintf("%s %s %s → %s : %s%s", d.Action, d.Project, orDefault(d.Version, "?"), d.Env, stateLabel(l, d.State), drillMark(l, d))})
	}
	if len(inflight) == 0 {
		r.Note = l.Pick("Aucun déploiement en cours.", "No deployment in flight.")
	}
	return r, nil
}

func freezeCovers(envs []string, env string) bool {
	if len(envs) == 0 {
		return true
	}
	for _, e := range envs {
		if e == env {
			return true
		}
	}
	return false
}

// stateLabel names a deployment state in l.
func stateLabel(l deploybot.Lang, s deploybot.DeployState) string { return s.Label(l) }

// diff answers "diff shop staging production": the version in each
// environment, and the changes between them when the changelog knows them.
func (o *Orchestrator) diff(ctx context.Context, l deploybot.Lang, project, a, b string) (deploybot.Reply, error) {
	if project == "" {
		return o.askProject(l, "diff"), nil
	}
	if a == "" || b == "" {
		a, b = deploybot.EnvStaging, deploybot.EnvProduction
	}
	p, _ := o.project(project)
	for _, e := range []string{a, b} {
		if !hasEnv(p, e) {
			return o.unknownEnv(l, project, e), nil
		}
	}
	r := deploybot.Reply{Lang: l, Title: fmt.Sprintf("%s : %s ↔ %s", project, a, b)}
	if l == deploybot.English {
		r.Title = fmt.Sprintf("%s: %s ↔ %s", project, a, b)
	}
	versions := map[string]string{}
	for _, e := range []string{a, b} {
		d, _, ok, err := o.Deploys.Current(ctx, project, e)
		if err != nil {
			return deploybot.Reply{}, err
		}
		v := l.Pick("rien de déployé par deploybot", "nothing deployed by deploybot")
		if ok {
			versions[e] = d.Version
			v = d.Version
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: e, Value: v})
	}
	va, vb := versions[a], versions[b]
	switch {
	case va == "" || vb == "":
		r.Text = l.Pick("Je ne peux comparer que deux versions déployées.", "I can only compare two deployed versions.")
	case va == vb:
		r.Text = fmt.Sprintf(l.Pick("Même version des deux côtés (%s) : rien à promouvoir.", "The same version on both sides (%s): nothing to promote."), va)
	case o.Deploys.Changelog == nil:
		r.Text = fmt.Sprintf(l.Pick("%s a %s, %s a %s ; le changelog n'est pas configuré (repository du projet).",
			"%s has %s, %s has %s; no changelog is configured (the project's repository)."), a, va, b, vb)
	default:
		r.Text = o.changesText(ctx, l, project, vb, va)
	}
	if va != "" && va != vb {
		r.Note = fmt.Sprintf(l.Pick("Pour passer %s en %s : « promote %s to %s ».", "To ship %s to %s: \"promote %s to %s\"."), va, b, project, b)
	}
	return r, nil
}

// versionDiff lists the changes between two versions of a project, from
// its changelog source: "diff web v1.1.0 v1.2.0".
func (o *Orchestrator) versionDiff(ctx context.Context, l deploybot.Lang, project, from, to string) (deploybot.Reply, error) {
	if project == "" {
		return o.askProject(l, "diff "+from+" "+to), nil
	}
	r := deploybot.Reply{Lang: l, Title: fmt.Sprintf(l.Pick("%s : %s → %s", "%s: %s → %s"), project, from, to)}
	if o.Deploys == nil || o.Deploys.Changelog == nil {
		r.Text = l.Pick("Le changelog n'est pas configuré (repository du projet) : je ne peux pas lister les changements.",
			"No changelog is configured (the project's repository): I cannot list the changes.")
		return r, nil
	}
	r.Text = o.changesText(ctx, l, project, from, to)
	return r, nil
}

// changesText lists the changes of project from one version to another,
// from its changelog source (set), or says why they are unknown.
func (o *Orchestrator) changesText(ctx context.Context, l deploybot.Lang, project, from, to string) string {
	changes, err := o.Deploys.Changelog.Changes(ctx, project, from, to)
	if err != nil {
		return l.Pick("Changements inconnus : ", "Changes unknown: ") + deploybot.ErrorMessageIn(err, l)
	}
	var lines []string
	for _, c := range changes {
		lines = append(lines, fmt.Sprintf("• %s: %s", c.Type, c.Summary))
	}
	if len(lines) == 0 {
		lines = append(lines, l.Pick("aucun changement trouvé", "no change found"))
	}
	return fmt.Sprintf(l.Pick("*Changements de %s à %s* :\n%s", "*Changes from %s to %s*:\n%s"), from, to, strings.Join(lines, "\n"))
}

// listLocks lists the locks held now.
func (o *Orchestrator) listLocks(ctx context.Context, l deploybot.Lang) (deploybot.Reply, error) {
	st, err := o.Deploys.StatusOf(ctx, "", nil)
	if err != nil {
		return deploybot.Reply{}, err
	}
	r := deploybot.Reply{Lang: l, Title: l.Pick("Verrous", "Locks")}
	for _, lk := range st.Locks {
		r.Fields = append(r.Fields, deploybot.Field{Label: "🔒 " + lk.Project + "/" + lk.Env, Value: holderName(l, lk.Holder) + optionalText(" — ", auditDetail(l, lk.Reason))})
	}
	if len(r.Fields) == 0 {
		r.Text = l.Pick("Aucun verrou.", "No lock held.")
	}
	return r, nil
}

// listProjects lists the configured projects with their environments.
func (o *Orchestrator) listProjects(l deploybot.Lang) deploybot.Reply {
	r := deploybot.Reply{Lang: l, Title: l.Pick("Projets", "Projects")}
	for _, p := range o.Projects {
		v := strings.Join(envNames(p), ", ")
		if len(p.Aliases) > 0 {
			v += l.Pick(" (alias : ", " (aliases: ") + strings.Join(p.Aliases, ", ") + ")"
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: p.Name, Value: v})
	}
	if len(r.Fields) == 0 {
		r.Text = l.Pick("Aucun projet configuré.", "No project configured.")
	}
	return r
}

// listEnvironments lists the environments of project, or of every project.
func (o *Orchestrator) listEnvironments(l deploybot.Lang, project string) deploybot.Reply {
	r := o.listProjects(l)
	r.Title = l.Pick("Environnements", "Environments")
	if project != "" {
		p, _ := o.project(project)
		r.Fields = []deploybot.Field{{Label: p.Name, Value: strings.Join(envNames(p), ", ")}}
	}
	return r
}

// approvers answers "who approves production for shop?" from the access
// lists of the configuration.
func (o *Orchestrator) approvers(ctx context.Context, l deploybot.Lang, project, env string) (deploybot.Reply, error) {
	if env == "" {
		env = deploybot.EnvProduction
	}
	if o.Deploys == nil || o.Deploys.Targets == nil {
		return deploybot.Reply{Lang: l, Text: l.Pick("Les accès ne sont pas configurés ici.", "Access lists are not set up here.")}, nil
	}
	if project == "" {
		return o.everyProjectsApprovers(ctx, l, env)
	}
	t, err := o.Deploys.Targets(ctx, project, env)
	if err != nil {
		if r, ok := o.userError(l, err); ok {
			return r, nil
		}
		return deploybot.Reply{}, err
	}
	r := deploybot.Reply{Lang: l, Title: fmt.Sprintf(l.Pick("Qui approuve %s/%s", "Who approves %s/%s"), project, env)}
	switch {
	case len(t.Approvers) > 0:
		r.Text = fmt.Sprintf(l.Pick("Approbateurs : %s (approbation : %s).", "Approvers: %s (approval: %s)."), policy.Who(l, t.Approvers, ", "), t.Approval)
	default:
		r.Text = fmt.Sprintf(l.Pick("Personne n'est nommé dans access.%s.approve : %s.", "Nobody is named in access.%s.approve: %s."), env,
			l.Pick("une autre personne que le demandeur peut approuver (quatre yeux) si une approbation est requise",
				"anyone other than the requester may approve (four eyes) when an approval is required"))
	}
	if len(t.Deployers) > 0 {
		r.Fields = append(r.Fields, deploybot.Field{Label: l.Pick("peuvent déployer", "may deploy"), Value: policy.Who(l, t.Deployers, ", ")})
	}
	if s, ok := t.Settings[deploybot.KeyApproval]; ok {
		r.Note = l.Pick("Approbation : ", "Approval: ") + s.Value + " — " + s.Provenance(l, o.location())
	}
	return r, nil
}

// unknownEnv answers an environment the project does not have.
func (o *Orchestrator) unknownEnv(l deploybot.Lang, project, env string) deploybot.Reply {
	p, _ := o.project(project)
	envs := envNames(p)
	text := fmt.Sprintf(l.Pick("❌ %s n'a pas d'environnement « %s » (%s).", "❌ %s has no environment %q (%s)."), project, env, strings.Join(envs, ", "))
	if s := nearest(env, envs); s != "" {
		text += fmt.Sprintf(l.Pick(" Vouliez-vous dire %s ?", " Did you mean %s?"), s)
	}
	return deploybot.Reply{Lang: l, Text: text}
}

// nearest returns the name of names closest to w within two edits, or "".
func nearest(w string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(strings.ToLower(w), strings.ToLower(n)); d < bestD && d < len(n) {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// everyProjectsApprovers answers "who approves production?" for every
// configured project: its approvers, or who may approve when nobody is
// named (a review found it named nobody and said "approval none").
func (o *Orchestrator) everyProjectsApprovers(ctx context.Context, l deploybot.Lang, env string) (deploybot.Reply, error) {
	r := deploybot.Reply{Lang: l, Title: fmt.Sprintf(l.Pick("Qui approuve en %s", "Who approves on %s"), env)}
	for _, p := range o.Projects {
		t, err := o.Deploys.Targets(ctx, p.Name, env)
		if err != nil {
			if deploybot.ErrorCode(err) == deploybot.EINTERNAL {
				return deploybot.Reply{}, err
			}
			continue // no such environment for this project
		}
		v := fmt.Sprintf(l.Pick("%s (approbation : %s)", "%s (approval: %s)"), policy.Who(l, t.Approvers, ", "), t.Approval)
		if len(t.Approvers) == 0 {
			v = fmt.Sprintf(l.Pick("personne de nommé : une autre personne que le demandeur si une approbation est requise (approbation : %s)",
				"nobody named: anyone other than the requester when an approval is required (approval: %s)"), t.Approval)
		}
		if len(t.Deployers) > 0 {
			// "qui peut déployer en prod ?" reads this answer too.
			v += fmt.Sprintf(l.Pick(" ; peuvent déployer : %s", "; may deploy: %s"), policy.Who(l, t.Deployers, ", "))
		}
		r.Fields = append(r.Fields, deploybot.Field{Label: p.Name, Value: v})
	}
	if len(r.Fields) == 0 {
		r.Text = fmt.Sprintf(l.Pick("Aucun projet n'a d'environnement %s.", "No project has a %s environment."), env)
	}
	return r, nil
}
