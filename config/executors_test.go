package config_test

import (
	"errors"
	"strings"
	"testing"

	"deploybot/config"
)

// TestRemoteExecutors checks the gitlab-ci and argocd executors' keys: what
// is required, the tokens' defaults from the environment, and that a
// pipeline trigger token alone is refused since it cannot read jobs.
func TestRemoteExecutors(t *testing.T) {
	tests := []struct {
		name     string
		executor string
		vars     map[string]string
		want     []string // problems' messages (substrings); none: valid
		check    func(t *testing.T, x *config.Executor)
	}{
		{"gitlab-ci with a token", `{type: gitlab-ci, project: acme/api, token: glpat-1}`, nil, nil, func(t *testing.T, x *config.Executor) {
			if x.Ref != "main" || x.Token != "glpat-1" {
				t.Errorf("ref %q token %q", x.Ref, x.Token)
			}
		}},
		{"gitlab-ci token from GITLAB_TOKEN", `{type: gitlab-ci, project: "123", base_url: "https://gitlab.example.com", variables: {A: b}}`, map[string]string{"GITLAB_TOKEN": "glpat-env"}, nil, func(t *testing.T, x *config.Executor) {
			if x.Token != "glpat-env" || x.Variables["A"] != "b" || x.BaseURL != "https://gitlab.example.com" {
				t.Errorf("%+v", x)
			}
		}},
		{"gitlab-ci trigger token alone", `{type: gitlab-ci, project: acme/api, trigger_token: glptt-1}`, nil, []string{"a pipeline trigger token alone cannot read the pipeline's jobs"}, nil},
		{"gitlab-ci without a token", `{type: gitlab-ci, project: acme/api}`, nil, []string{"token is required for a gitlab-ci executor"}, nil},
		{"gitlab-ci without a project", `{type: gitlab-ci, token: t}`, nil, []string{"project is required"}, nil},
		{"gitlab-ci with a bad project", `{type: gitlab-ci, token: t, project: "api"}`, nil, []string{`invalid project "api"`}, nil},
		{"gitlab-ci with a workflow", `{type: gitlab-ci, token: t, project: a/b, workflow: x.yml}`, nil, []string{"workflow is not used by executor type gitlab-ci"}, nil},
		{"argocd defaults", `{type: argocd, server: "https://argocd.example.com", application: shop}`, map[string]string{"ARGOCD_AUTH_TOKEN": "a"}, nil, func(t *testing.T, x *config.Executor) {
			if x.RevisionSource != "target_revision" || x.Token != "a" {
				t.Errorf("%+v", x)
			}
		}},
		{"argocd git token from GITHUB_TOKEN", `{type: argocd, server: "https://argocd.example.com", application: shop, token: a, revision_source: git, repository: github.com/acme/gitops, path: v}`, map[string]string{"GITHUB_TOKEN": "ghp", "GITLAB_TOKEN": "glpat"}, nil, func(t *testing.T, x *config.Executor) {
			if x.GitToken != "ghp" {
				t.Errorf("git_token %q", x.GitToken)
			}
		}},
		{"argocd requirements", `{type: argocd}`, nil, []string{"server", "application is required", "token is required for an argocd executor"}, nil},
		{"argocd helm without parameter", `{type: argocd, server: "https://a.example.com", application: s, token: t, revision_source: helm_parameter}`, nil, []string{"parameter is required with revision_source helm_parameter"}, nil},
		{"argocd kustomize without image", `{type: argocd, server: "https://a.example.com", application: s, token: t, revision_source: kustomize_image}`, nil, []string{"image is required with revision_source kustomize_image"}, nil},
		{"argocd git without repository", `{type: argocd, server: "https://a.example.com", application: s, token: t, revision_source: git}`, nil, []string{"repository is required", "path is required", "git_token is required"}, nil},
		{"argocd unknown source", `{type: argocd, server: "https://a.example.com", application: s, token: t, revision_source: tags}`, nil, []string{"tags"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "projects:\n  - name: shop\n    environments:\n      - name: staging\n        executor: " + tt.executor + "\n"
			cfg, err := config.ParseWith([]byte(src), "test.yaml", env(tt.vars))
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("ParseWith: %v", err)
				}
				p, _ := cfg.Project("shop")
				tt.check(t, p.Environments[0].Executor)
				return
			}
			var ve *config.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseWith = %v, want problems", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("problems %q lack %q", err, w)
				}
			}
		})
	}
}
