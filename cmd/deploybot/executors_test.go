package main

import (
	"testing"

	"deploybot/config"
	"deploybot/deploy/argocd"
	"deploybot/deploy/gitlabci"
)

// TestRemoteExecutorTargets checks that the gitlab-ci and argocd executors
// of the configuration are wired into deploy targets, GitLab's commit
// statuses as the checklist's CI status.
func TestRemoteExecutorTargets(t *testing.T) {
	src := `projects:
  - name: shop
    environments:
      - name: staging
        executor: {type: gitlab-ci, project: acme/shop, token: glpat-1, base_url: "https://gitlab.example.com", trigger_token: glptt-1, variables: {A: b}}
      - name: production
        executor: {type: argocd, server: "https://argocd.example.com", application: shop, token: a, revision_source: git, repository: "https://gitlab.example.com/acme/gitops", path: envs/prod/version, git_token: g}
`
	cfg, err := config.ParseWith([]byte(src), "test.yaml", func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	p, _ := cfg.Project("shop")
	tests := []struct {
		env   string
		check func(t *testing.T, tg any, ci bool)
	}{
		{"staging", func(t *testing.T, tg any, ci bool) {
			x, ok := tg.(*gitlabci.Executor)
			if !ok || x.Project != "acme/shop" || x.Ref != "main" || x.TriggerToken != "glptt-1" || x.Variables["A"] != "b" ||
				x.Client.BaseURL().String() != "https://gitlab.example.com/api/v4/" || !ci {
				t.Errorf("executor %#v, CI status %v", tg, ci)
			}
		}},
		{"production", func(t *testing.T, tg any, ci bool) {
			x, ok := tg.(*argocd.Executor)
			want := argocd.Git{Kind: argocd.GitLab, APIURL: "https://gitlab.example.com/api/v4", Project: "acme/gitops", Path: "envs/prod/version", Token: "g"}
			if !ok || x.Application != "shop" || x.RevisionSource != argocd.GitCommit || x.Git != want || ci {
				t.Errorf("executor %#v, CI status %v", tg, ci)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			e, _ := p.Environment(tt.env)
			tg, err := target(cfg, p, e, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, tg.Executor, tg.CIStatus != nil)
		})
	}
}
