package router

import (
	"fmt"
	"os"
	"testing"

	"go.yaml.in/yaml/v3"

	"deploybot"
)

// configProjects reads the projects of an evaluation configuration.
func configProjects(t testing.TB, path string) []deploybot.Project {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Projects []struct {
			Name         string      `yaml:"name"`
			Aliases      []string    `yaml:"aliases"`
			Environments []yaml.Node `yaml:"environments"`
		} `yaml:"projects"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	var ps []deploybot.Project
	for _, p := range cfg.Projects {
		envs, err := evalEnvironments(p.Environments)
		if err != nil {
			t.Fatalf("%s: project %s: %v", path, p.Name, err)
		}
		ps = append(ps, deploybot.Project{Name: p.Name, Aliases: p.Aliases, Environments: envs})
	}
	return ps
}

// evalEnvironments reads a project's environments as the configuration
// does: an item is a name or a mapping with a name; none means the agency's
// staging and production.
func evalEnvironments(nodes []yaml.Node) ([]deploybot.Environment, error) {
	if len(nodes) == 0 {
		return []deploybot.Environment{{Name: "staging"}, {Name: "production"}}, nil
	}
	envs := make([]deploybot.Environment, 0, len(nodes))
	for _, n := range nodes {
		var name string
		if n.Kind == yaml.ScalarNode {
			name = n.Value
		} else {
			var e struct {
				Name string `yaml:"name"`
			}
			if err := n.Decode(&e); err != nil {
				return nil, fmt.Errorf("environment: %w", err)
			}
			name = e.Name
		}
		envs = append(envs, deploybot.Environment{Name: name})
	}
	return envs, nil
}
