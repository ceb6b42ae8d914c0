package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"deploybot"
	"deploybot/config"
	"deploybot/settings"
)

// runContext runs "context export": the configuration file with the
// settings in effect written into it (the values set by chat or in the
// interview replace the file's), each setting's provenance as a comment.
// The output is a configuration file that config validate accepts and
// that, loaded on an empty database, gives the same plans. Secrets stay as
// written (${VAR}): the file is exported before expansion.
func runContext(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		return &usageError{msg: "the only context subcommand is export"}
	}
	fs := m.flagSet("context export")
	cfgPath := fs.String("config", "", "configuration file")
	dbPath := dbFlag(fs)
	project := fs.String("project", "", "export this project only")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{msg: "context export takes no arguments"}
	}
	now, err := m.clock()
	if err != nil {
		return err
	}
	cfg, src, err := m.loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	if *project != "" {
		p, ok := cfg.Project(*project)
		if !ok {
			return deploybot.Errorf(deploybot.ENOTFOUND, "no project %q (known: %s)", *project, projectNames(cfg))
		}
		*project = p.Name
	}
	db, err := m.openStore(ctx, *dbPath, cfg, src, now)
	if err != nil {
		return err
	}
	view, err := settings.New(cfg, db, now).View(ctx)
	if err != nil {
		return err
	}
	out, err := exportConfig(cfg, view, *project)
	if err != nil {
		return err
	}
	fz, err := db.Freezes(ctx)
	if err != nil {
		return err
	}
	if out, err = withChatFreezes(out, fz, *project, cfg.Location()); err != nil {
		return err
	}
	_, err = m.Stdout.Write(out)
	return err
}

// exportConfig writes cfg's file with the settings of view in it.
func exportConfig(cfg *config.Config, view *settings.View, only string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(cfg.Raw, &doc); err != nil {
		return nil, fmt.Errorf("context export: read %s: %w", cfg.File, err)
	}
	if len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("context export: %s is not a mapping", cfg.File)
	}
	w := exporter{}
	for _, k := range deploybot.SettingKeys {
		if !k.Allows(deploybot.ScopeAgency) {
			continue
		}
		s := view.Get("", "", k.Name)
		w.put(root, agencyPath(k.Name), k, s, deploybot.ScopeAgency)
	}
	projects := mapValue(root, "projects")
	if projects != nil && projects.Kind == yaml.SequenceNode {
		var kept []*yaml.Node
		for i, pn := range projects.Content {
			if i >= len(cfg.ProjectConfigs) {
				break
			}
			p := cfg.ProjectConfigs[i]
			if only != "" && p.Name != only {
				continue
			}
			kept = append(kept, pn)
			for _, k := range deploybot.SettingKeys {
				if !k.Allows(deploybot.ScopeProject) {
					continue
				}
				w.put(pn, projectPath(k.Name), k, view.Get(p.Name, "", k.Name), deploybot.ScopeProject)
			}
			envs := mapValue(pn, "environments")
			for j, e := range p.Environments {
				var en *yaml.Node
				if envs != nil && envs.Kind == yaml.SequenceNode && j < len(envs.Content) {
					en = envs.Content[j]
				} else {
					// Environments the file leaves to the agency's list:
					// written out, so that per-environment values have a place.
					if envs == nil || envs.Kind != yaml.SequenceNode {
						envs = &yaml.Node{Kind: yaml.SequenceNode}
						setMapValue(pn, "environments", envs)
					}
					en = &yaml.Node{Kind: yaml.MappingNode}
					setMapValue(en, "name", scalar(e.Name))
					envs.Content = append(envs.Content, en)
				}
				for _, k := range deploybot.SettingKeys {
					if !k.Allows(deploybot.ScopeEnvironment) {
						continue
					}
					path := envPath(k.Name)
					if strings.HasPrefix(strings.Join(path, "."), "monitoring.") && (e.Monitoring == nil || e.Monitoring.PrometheusURL == "") {
						continue // no monitoring there: nothing reads these
					}
					w.put(en, path, k, view.Get(p.Name, e.Name, k.Name), deploybot.ScopeEnvironment)
				}
			}
		}
		if only != "" {
			projects.Content = kept
			dropOtherProjects(root, only)
		}
	}
	var b bytes.Buffer
	b.WriteString("# deploybot context export: the settings in effect, each with where it comes from.\n")
	b.WriteString("# Values set by chat or in the interview are written in place of the file's.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// withChatFreezes adds to the exported file out the freezes set by chat
// that are in force (those of project only, and those of every project,
// when only is set): loaded on an empty database, the file freezes what
// was frozen, so that it gives the same plans. Each becomes the whole days
// it covers in the agency's zone (never less), with where it came from; in
// the file it is lifted by editing the file.
func withChatFreezes(out []byte, fz []deploybot.Freeze, only string, loc *time.Location) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(out, &doc); err != nil {
		return nil, fmt.Errorf("context export: %w", err)
	}
	root := doc.Content[0]
	list := mapValue(root, "freezes")
	added := false
	for _, f := range fz {
		if only != "" && f.Project != "" && f.Project != only {
			continue
		}
		if list == nil || list.Kind != yaml.SequenceNode {
			list = &yaml.Node{Kind: yaml.SequenceNode}
			setMapValue(root, "freezes", list)
		}
		n := &yaml.Node{Kind: yaml.MappingNode}
		last := f.To.In(loc).Add(-time.Nanosecond) // To is the first instant after it
		setMapValue(n, "from", scalar(f.From.In(loc).Format(time.DateOnly)))
		setMapValue(n, "to", scalar(last.Format(time.DateOnly)))
		if f.Project != "" {
			setMapValue(n, "projects", &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{scalar(f.Project)}})
		}
		if f.Env != "" {
			setMapValue(n, "environments", &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{scalar(f.Env)}})
		}
		setMapValue(n, "reason", scalar(strings.ReplaceAll(f.Reason, "$", "$$")))
		n.HeadComment = fmt.Sprintf("freeze #%d set by chat by %s, in force when exported (%s to %s)",
			f.ID, f.CreatedBy, f.From.UTC().Format("2006-01-02 15:04 UTC"), f.To.UTC().Format("2006-01-02 15:04 UTC"))
		list.Style &^= yaml.FlowStyle
		list.Content = append(list.Content, n)
		added = true
	}
	if !added {
		return out, nil
	}
	var b bytes.Buffer // the header comment is the document's
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// exporter writes settings into the document.
type exporter struct{}

// put writes s at path under n when s belongs to that layer (a value the
// layer gives, from the file or chat), with its provenance as a comment.
// A value of a wider layer is left to that layer.
func (w exporter) put(n *yaml.Node, path []string, k deploybot.SettingKey, s deploybot.Setting, scope deploybot.Scope) {
	if len(path) == 0 || s.Scope != scope {
		return
	}
	v := valueNode(k, s.Value)
	if v == nil {
		return
	}
	v.LineComment = provenance(s)
	n.Style &^= yaml.FlowStyle // a comment needs block style
	parent := n
	for _, seg := range path[:len(path)-1] {
		c := mapValue(parent, seg)
		if c == nil || c.Kind != yaml.MappingNode {
			c = &yaml.Node{Kind: yaml.MappingNode}
			setMapValue(parent, seg, c)
		}
		c.Style &^= yaml.FlowStyle
		parent = c
	}
	setMapValue(parent, path[len(path)-1], v)
}

func provenance(s deploybot.Setting) string {
	switch {
	case s.FromChat():
		who := s.SetByName
		if who == "" {
			who = s.SetBy
		}
		p := fmt.Sprintf("set by %s on %s", who, s.SetAt.UTC().Format("2006-01-02 15:04 UTC"))
		if s.Shadows != "" {
			p += fmt.Sprintf(" (the file said %s, line %d)", s.Shadows, s.ShadowsLine)
		}
		return p
	case s.File != "":
		return fmt.Sprintf("file, line %d", s.Line)
	}
	return "default"
}

// valueNode is s's value as YAML for key k; nil when the file cannot hold
// it. A $ is written $$: the file's values are expanded from the
// environment when it is loaded, and a value set by chat as
// "${SLACK_BOT_TOKEN}" must stay that text, not become the token.
func valueNode(k deploybot.SettingKey, value string) *yaml.Node {
	value = strings.ReplaceAll(value, "$", "$$")
	switch k.Kind {
	case deploybot.KindBool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: map[string]string{"yes": "true", "no": "false"}[value]}
	case deploybot.KindNumber:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: value}
	case deploybot.KindList:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, it := range settings.List(k.Name, value) {
			seq.Content = append(seq.Content, scalar(it))
		}
		return seq
	}
	if k.Name == deploybot.KeyEnvironments || k.Name == deploybot.KeyExtraEnvs {
		return nil // environments are structure, not a setting the file holds as text
	}
	return scalar(value)
}

func scalar(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

func agencyPath(key string) []string {
	switch key {
	case deploybot.KeyStrategy:
		return []string{"agency", "default_strategy"}
	case deploybot.KeyWindowsRecommend, deploybot.KeyWindowsAcceptable, deploybot.KeyWindowsAvoid:
		return strings.Split(key, ".")
	case deploybot.KeyChannel:
		return []string{"slack", "notify_channel"}
	case deploybot.KeyEnvironments:
		return nil
	}
	return []string{"agency", key}
}

func projectPath(key string) []string {
	switch key {
	case deploybot.KeyWindowsRecommend, deploybot.KeyWindowsAcceptable, deploybot.KeyWindowsAvoid:
		return strings.Split(key, ".")
	case deploybot.KeyExtraEnvs, deploybot.KeySmokeTests, deploybot.KeyPipeline:
		return nil // not a project key of the file
	}
	return []string{key}
}

func envPath(key string) []string {
	switch key {
	case deploybot.KeyMaxErrorRate, deploybot.KeyMaxLatency:
		return []string{"monitoring", key}
	case deploybot.KeyMonitorWindow:
		return []string{"monitoring", "window"}
	}
	return []string{key}
}

// mapValue returns the value of key in mapping n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// setMapValue sets key to v in mapping n, keeping the key's comments.
func setMapValue(n *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			old := n.Content[i+1]
			if v.HeadComment == "" {
				v.HeadComment = old.HeadComment
			}
			if v.FootComment == "" {
				v.FootComment = old.FootComment
			}
			n.Content[i+1] = v
			return
		}
	}
	n.Content = append(n.Content, scalar(key), v)
}

// dropOtherProjects removes the freezes and reminders that name only
// projects other than only, so that the exported file stays valid.
func dropOtherProjects(root *yaml.Node, only string) {
	if fz := mapValue(root, "freezes"); fz != nil && fz.Kind == yaml.SequenceNode {
		var kept []*yaml.Node
		for _, f := range fz.Content {
			ps := mapValue(f, "projects")
			if ps == nil || ps.Kind != yaml.SequenceNode || len(ps.Content) == 0 {
				kept = append(kept, f)
				continue
			}
			var names []*yaml.Node
			for _, p := range ps.Content {
				if p.Value == only {
					names = append(names, p)
				}
			}
			if len(names) > 0 {
				ps.Content = names
				kept = append(kept, f)
			}
		}
		fz.Content = kept
	}
	if rs := mapValue(root, "reminders"); rs != nil && rs.Kind == yaml.SequenceNode {
		var kept []*yaml.Node
		for _, r := range rs.Content {
			if p := mapValue(r, "project"); p == nil || p.Value == only {
				kept = append(kept, r)
			}
		}
		rs.Content = kept
	}
}
