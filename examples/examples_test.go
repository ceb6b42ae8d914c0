// Package examples_test runs every example script of examples/ with a
// stand-in for its tool on PATH (a fake kamal, helm, curl... that records
// its arguments), for a deploy and a rollback, and checks that each
// example's configuration lines validate and that its script reads no
// variable but the documented DEPLOY_* ones.
package examples_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"deploybot/config"
)

// examples lists the example directories; each has deploy.sh and
// deploybot.yaml.
var examples = []string{"kamal", "ansible", "compose", "rsync", "helm", "flux", "terraform", "serverless", "vercel", "netlify", "cloudflare-pages"}

// run is one run of an example script with fake tools.
type run struct {
	name    string
	dir     string   // the example
	args    []string // the script's arguments
	action  string   // deploy or rollback
	version string
	tools   []string          // fake tools to put on PATH
	outputs map[string]string // tool (or "curl METHOD URL-without-query"): what it prints
	files   map[string]string // files to create in the working directory
	want    []string          // the recorded calls, in order
	wantErr string            // the run fails, saying this on stderr
	check   func(t *testing.T, work string)
}

func runs() []run {
	const auth = "--auth-file"
	return []run{
		{name: "deploy", dir: "kamal", action: "deploy", version: "v1.2.0", tools: []string{"kamal"},
			want: []string{"kamal deploy --skip-push --version v1.2.0 -d production"}},
		{name: "rollback", dir: "kamal", action: "rollback", version: "v1.1.0", tools: []string{"kamal"},
			want: []string{"kamal rollback v1.1.0 -d production"}},
		{name: "deploy", dir: "ansible", action: "deploy", version: "v1.2.0", tools: []string{"ansible-playbook"},
			want: []string{"ansible-playbook -i inventories/production deploy.yml -e app_version=v1.2.0 -e previous_version=v1.1.0 -e deploy_action=deploy -e deploy_id=42"}},
		{name: "rollback with a rollback playbook", dir: "ansible", action: "rollback", version: "v1.1.0", tools: []string{"ansible-playbook"},
			files: map[string]string{"rollback.yml": "- hosts: all\n"},
			want:  []string{"ansible-playbook -i inventories/production rollback.yml -e app_version=v1.1.0 -e previous_version=v1.2.0 -e deploy_action=rollback -e deploy_id=42"}},
		{name: "deploy", dir: "compose", action: "deploy", version: "v1.2.0", tools: []string{"docker"},
			want: []string{
				"APP_VERSION=v1.2.0 docker compose -p shop-production -f compose.yaml pull",
				"APP_VERSION=v1.2.0 docker compose -p shop-production -f compose.yaml up -d --wait --remove-orphans",
			}},
		{name: "rollback", dir: "compose", action: "rollback", version: "v1.1.0", args: []string{"--file", "compose.prod.yaml"}, tools: []string{"docker"},
			want: []string{
				"APP_VERSION=v1.1.0 docker compose -p shop-production -f compose.prod.yaml pull",
				"APP_VERSION=v1.1.0 docker compose -p shop-production -f compose.prod.yaml up -d --wait --remove-orphans",
			}},
		{name: "deploy", dir: "rsync", action: "deploy", version: "release/2.x", args: []string{"--host", "deploy@web1", "--root", "/srv/shop"},
			tools: []string{"ssh", "rsync"}, files: map[string]string{"build/release_2.x/index.html": "hi"},
			want: []string{
				"ssh deploy@web1 mkdir -p '/srv/shop/releases/release_2.x'",
				"rsync -a --delete --link-dest=/srv/shop/current/ build/release_2.x/ deploy@web1:/srv/shop/releases/release_2.x/",
				"ssh deploy@web1 cd '/srv/shop' && ln -sfn 'releases/release_2.x' current.new && mv -T current.new current",
				"ssh deploy@web1 cd '/srv/shop/releases' && ls -1t | tail -n +6 | grep -vx 'release_2.x' | xargs -r rm -rf --",
			}},
		{name: "rollback", dir: "rsync", action: "rollback", version: "v1.1.0", args: []string{"--host", "deploy@web1", "--root", "/srv/shop"},
			tools: []string{"ssh", "rsync"},
			want: []string{
				"ssh deploy@web1 test -d '/srv/shop/releases/v1.1.0'",
				"ssh deploy@web1 cd '/srv/shop' && ln -sfn 'releases/v1.1.0' current.new && mv -T current.new current",
			}},
		{name: "deploy", dir: "helm", action: "deploy", version: "v1.2.0", args: []string{"--chart", "oci://ghcr.io/acme/charts/shop", "--values", "values.yaml"},
			tools: []string{"helm"},
			want:  []string{"helm upgrade --install shop oci://ghcr.io/acme/charts/shop -n shop-production --create-namespace --set-string image.tag=v1.2.0 --atomic --wait --timeout 10m --history-max 20 --description deploybot #42: v1.2.0 -f values.yaml"}},
		{name: "rollback to a revision", dir: "helm", action: "rollback", version: "v1.1.0", args: []string{"--chart", "./chart"}, tools: []string{"helm"},
			outputs: map[string]string{"helm": `[{"revision":6,"description":"deploybot #39: v1.1.0"},{"revision":7,"description":"deploybot #40: v1.1.0"},{"revision":8,"description":"deploybot #41: v1.1.0-rc1"},{"revision":9,"description":"deploybot #41: v1.2.0"}]`},
			want: []string{
				"helm history shop -n shop-production --max 50 -o json",
				"helm rollback shop 7 -n shop-production --wait --timeout 10m",
			}},
		{name: "rollback to a version with no revision", dir: "helm", action: "rollback", version: "v1.0.0", args: []string{"--chart", "./chart"}, tools: []string{"helm"},
			outputs: map[string]string{"helm": `[{"revision":9,"description":"deploybot #41: v1.2.0"}]`},
			want: []string{
				"helm history shop -n shop-production --max 50 -o json",
				"helm upgrade --install shop ./chart -n shop-production --create-namespace --set-string image.tag=v1.0.0 --atomic --wait --timeout 10m --history-max 20 --description deploybot #42: v1.0.0",
			}},
		{name: "deploy", dir: "flux", action: "deploy", version: "v1.2.0", args: []string{"--repo", "gitops", "--file", "clusters/ENV/shop/version"},
			tools: []string{"git", "flux"}, files: map[string]string{"gitops/clusters/production/shop/version": "v1.1.0\n"},
			want: []string{
				"git -C gitops pull --ff-only --quiet",
				"git -C gitops add -- clusters/production/shop/version",
				"git -C gitops commit --quiet -m deploybot: deploy shop v1.2.0 to production (#42, by alice)",
				"git -C gitops push --quiet",
				"flux reconcile kustomization shop -n flux-system --with-source --timeout 10m",
			},
			check: func(t *testing.T, work string) {
				b, _ := os.ReadFile(filepath.Join(work, "gitops/clusters/production/shop/version"))
				if string(b) != "v1.2.0\n" {
					t.Errorf("version file %q", b)
				}
			}},
		{name: "rollback of what is committed already", dir: "flux", action: "rollback", version: "v1.1.0", args: []string{"--repo", "gitops", "--file", "clusters/ENV/shop/version"},
			tools: []string{"git", "flux"}, files: map[string]string{"gitops/clusters/production/shop/version": "v1.1.0\n"},
			want: []string{
				"git -C gitops pull --ff-only --quiet",
				"flux reconcile kustomization shop -n flux-system --with-source --timeout 10m",
			}},
		{name: "deploy", dir: "terraform", action: "deploy", version: "v1.2.0", args: []string{"--dir", "infra"}, tools: []string{"terraform"},
			want: []string{
				"terraform -chdir=infra init -input=false -no-color",
				"terraform -chdir=infra workspace select -or-create production",
				"terraform -chdir=infra apply -input=false -auto-approve -no-color -var app_version=v1.2.0 -var environment=production",
			}},
		{name: "rollback with OpenTofu", dir: "terraform", action: "rollback", version: "v1.1.0", args: []string{"--bin", "tofu"}, tools: []string{"tofu"},
			want: []string{
				"tofu -chdir=. init -input=false -no-color",
				"tofu -chdir=. workspace select -or-create production",
				"tofu -chdir=. apply -input=false -auto-approve -no-color -var app_version=v1.1.0 -var environment=production",
			}},
		{name: "deploy", dir: "serverless", action: "deploy", version: "v1.2.0", args: []string{"--region", "eu-west-3"}, tools: []string{"serverless"},
			want: []string{"serverless deploy --stage production --param version=v1.2.0 --conceal --region eu-west-3"}},
		{name: "rollback", dir: "serverless", action: "rollback", version: "v1.1.0", tools: []string{"serverless"},
			want: []string{"serverless deploy --stage production --param version=v1.1.0 --conceal"}},

		// Deploy hooks of static hosts, through curl against a fake API.
		{name: "deploy", dir: "netlify", action: "deploy", version: "v1.2.0",
			args:  []string{"--site", "s1", "--hook-file", "hook.url", auth, "auth.header", "--interval", "0"},
			tools: []string{"curl"}, files: hookFiles("https://api.netlify.com/build_hooks/abc"),
			outputs: map[string]string{
				"curl POST https://api.netlify.com/build_hooks/abc":        ``,
				"curl GET https://api.netlify.com/api/v1/sites/s1/deploys": `[{"id":"d2","title":"deploybot #42 v1.2.0","state":"ready","commit_ref":"abcdef0","ssl_url":"https://site.netlify.app"},{"id":"d1","title":"other","state":"ready"}]`,
			},
			want: []string{
				"curl POST https://api.netlify.com/build_hooks/abc?trigger_title=deploybot%20%2342%20v1.2.0",
				"curl GET https://api.netlify.com/api/v1/sites/s1/deploys?per_page=10 -H @auth.header",
			}},
		{name: "rollback", dir: "netlify", action: "rollback", version: "abcdef0",
			args:  []string{"--site", "s1", auth, "auth.header"},
			tools: []string{"curl"}, files: hookFiles(""),
			outputs: map[string]string{
				"curl GET https://api.netlify.com/api/v1/sites/s1/deploys":             `[{"id":"d3","state":"ready","context":"deploy-preview","commit_ref":"abcdef0123"},{"id":"d2","state":"ready","context":"production","commit_ref":"abcdef0123"}]`,
				"curl POST https://api.netlify.com/api/v1/sites/s1/deploys/d2/restore": `{}`,
			},
			want: []string{
				"curl GET https://api.netlify.com/api/v1/sites/s1/deploys?per_page=100 -H @auth.header",
				"curl POST https://api.netlify.com/api/v1/sites/s1/deploys/d2/restore -H @auth.header",
			}},
		{name: "a hook that built another commit", dir: "netlify", action: "deploy", version: "0123456",
			args:  []string{"--site", "s1", "--hook-file", "hook.url", auth, "auth.header", "--interval", "0"},
			tools: []string{"curl"}, files: hookFiles("https://api.netlify.com/build_hooks/abc"),
			outputs: map[string]string{
				"curl POST https://api.netlify.com/build_hooks/abc":        ``,
				"curl GET https://api.netlify.com/api/v1/sites/s1/deploys": `[{"id":"d2","title":"deploybot #42 0123456","state":"ready","commit_ref":"fedcba9876"}]`,
			},
			wantErr: "the hook built fedcba9876, not 0123456"},
		{name: "deploy", dir: "vercel", action: "deploy", version: "v1.2.0",
			args:  []string{"--project", "prj_1", "--hook-file", "hook.url", auth, "auth.header", "--interval", "0"},
			tools: []string{"curl"}, files: hookFiles("https://api.vercel.com/v1/integrations/deploy/prj_1/xyz"),
			outputs: map[string]string{
				"curl POST https://api.vercel.com/v1/integrations/deploy/prj_1/xyz": `{"job":{"id":"j1","state":"PENDING","createdAt":1764000000000}}`,
				"curl GET https://api.vercel.com/v6/deployments":                    `{"deployments":[{"uid":"dpl_1","state":"READY","url":"site-abc.vercel.app","meta":{"githubCommitSha":"abcdef0123"}}]}`,
			},
			want: []string{
				"curl POST https://api.vercel.com/v1/integrations/deploy/prj_1/xyz",
				"curl GET https://api.vercel.com/v6/deployments?projectId=prj_1&target=production&since=1764000000000&limit=1 -H @auth.header",
			}},
		{name: "deploy that fails", dir: "vercel", action: "deploy", version: "v1.2.0",
			args:  []string{"--project", "prj_1", "--hook-file", "hook.url", auth, "auth.header", "--interval", "0"},
			tools: []string{"curl"}, files: hookFiles("https://api.vercel.com/v1/integrations/deploy/prj_1/xyz"),
			outputs: map[string]string{
				"curl POST https://api.vercel.com/v1/integrations/deploy/prj_1/xyz": `{"job":{"id":"j1","state":"PENDING","createdAt":1764000000000}}`,
				"curl GET https://api.vercel.com/v6/deployments":                    `{"deployments":[{"uid":"dpl_1","state":"ERROR"}]}`,
			},
			wantErr: "deployment dpl_1 ended ERROR"},
		{name: "rollback", dir: "vercel", action: "rollback", version: "abcdef0",
			args:  []string{"--project", "prj_1", "--team", "team_1", auth, "auth.header"},
			tools: []string{"curl"}, files: hookFiles(""),
			outputs: map[string]string{
				"curl GET https://api.vercel.com/v6/deployments":                    `{"deployments":[{"uid":"dpl_3","meta":{"githubCommitSha":"99999"}},{"uid":"dpl_2","meta":{"githubCommitSha":"abcdef0123"}}]}`,
				"curl POST https://api.vercel.com/v9/projects/prj_1/rollback/dpl_2": `{}`,
			},
			want: []string{
				"curl GET https://api.vercel.com/v6/deployments?projectId=prj_1&target=production&state=READY&limit=100&teamId=team_1 -H @auth.header",
				"curl POST https://api.vercel.com/v9/projects/prj_1/rollback/dpl_2?teamId=team_1 -H @auth.header",
			}},
		{name: "deploy", dir: "cloudflare-pages", action: "deploy", version: "v1.2.0",
			args:  []string{"--account", "acc", "--project", "site", "--hook-file", "hook.url", auth, "auth.header", "--interval", "0"},
			tools: []string{"curl"}, files: hookFiles("https://api.cloudflare.com/client/v4/pages/webhooks/deploy_hooks/h1"),
			outputs: map[string]string{
				"curl POST https://api.cloudflare.com/client/v4/pages/webhooks/deploy_hooks/h1":                   `{"success":true,"result":{"id":"dep1"}}`,
				"curl GET https://api.cloudflare.com/client/v4/accounts/acc/pages/projects/site/deployments/dep1": `{"success":true,"result":{"id":"dep1","url":"https://dep1.site.pages.dev","latest_stage":{"name":"deploy","status":"success"}}}`,
			},
			want: []string{
				"curl POST https://api.cloudflare.com/client/v4/pages/webhooks/deploy_hooks/h1",
				"curl GET https://api.cloudflare.com/client/v4/accounts/acc/pages/projects/site/deployments/dep1 -H @auth.header",
			}},
		{name: "rollback", dir: "cloudflare-pages", action: "rollback", version: "abcdef0",
			args:  []string{"--account", "acc", "--project", "site", auth, "auth.header"},
			tools: []string{"curl"}, files: hookFiles(""),
			outputs: map[string]string{
				"curl GET https://api.cloudflare.com/client/v4/accounts/acc/pages/projects/site/deployments":                `{"result":[{"id":"dep3","latest_stage":{"status":"failure"},"deployment_trigger":{"metadata":{"commit_hash":"abcdef0999"}}},{"id":"dep2","latest_stage":{"status":"success"},"deployment_trigger":{"metadata":{"commit_hash":"abcdef0123"}}}]}`,
				"curl POST https://api.cloudflare.com/client/v4/accounts/acc/pages/projects/site/deployments/dep2/rollback": `{"success":true}`,
			},
			want: []string{
				"curl GET https://api.cloudflare.com/client/v4/accounts/acc/pages/projects/site/deployments?env=production -H @auth.header",
				"curl POST https://api.cloudflare.com/client/v4/accounts/acc/pages/projects/site/deployments/dep2/rollback -H @auth.header",
			}},
	}
}

// hookFiles returns the secret files of a deploy hook example.
func hookFiles(hook string) map[string]string {
	files := map[string]string{"auth.header": "Authorization: Bearer test-token\n"}
	if hook != "" {
		files["hook.url"] = hook + "\n"
	}
	return files
}

// fake returns a stand-in for tool that appends its call to log, one line
// ("tool arg arg..."; docker also shows APP_VERSION; curl shows its method,
// URL and -H @file) and prints out/<key>.
func fake(tool, log, out string) string {
	if tool == "curl" {
		return fmt.Sprintf(`#!/bin/sh
method=GET url= hdr= prev=
for a in "$@"; do
	case $prev in -X) method=$a ;; -H) case $a in @*) hdr=" -H $a" ;; esac ;; esac
	case $a in http*) url=$a ;; esac
	prev=$a
done
printf 'curl %%s %%s%%s\n' "$method" "$url" "$hdr" >> %q
key=$(printf 'curl %%s %%s' "$method" "${url%%%%\?*}" | tr -c 'A-Za-z0-9' '_')
if [ -f %q/"$key" ]; then cat %q/"$key"; exit 0; fi
echo "fake curl: no answer for $method $url" >&2
exit 22
`, log, out, out)
	}
	prefix := ""
	if tool == "docker" {
		prefix = `printf 'APP_VERSION=%s ' "$APP_VERSION"; `
	}
	return fmt.Sprintf(`#!/bin/sh
{ %sprintf '%%s' %q; for a in "$@"; do printf ' %%s' "$a"; done; printf '\n'; } >> %q
if [ -f %q/%s ]; then cat %q/%s; fi
exit 0
`, prefix, tool, log, out, tool, out, tool)
}

var nonWord = regexp.MustCompile(`[^A-Za-z0-9]`)

func TestExamples(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Log("jq is not installed: the examples that need it (helm rollback, static hosts) are skipped")
	}
	for _, r := range runs() {
		t.Run(r.dir+"/"+r.name, func(t *testing.T) {
			script, err := filepath.Abs(filepath.Join(r.dir, "deploy.sh"))
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(script); bytes.Contains(b, []byte("jq ")) {
				if _, err := exec.LookPath("jq"); err != nil {
					t.Skip("needs jq")
				}
			}
			tmp := t.TempDir()
			bin, out, work := filepath.Join(tmp, "bin"), filepath.Join(tmp, "out"), filepath.Join(tmp, "work")
			log := filepath.Join(tmp, "calls.log")
			for _, d := range []string{bin, out, work} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, tool := range r.tools {
				if err := os.WriteFile(filepath.Join(bin, tool), []byte(fake(tool, log, out)), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for key, body := range r.outputs {
				name := key
				if strings.HasPrefix(key, "curl ") {
					name = nonWord.ReplaceAllString(key, "_")
				}
				if err := os.WriteFile(filepath.Join(out, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for name, body := range r.files {
				p := filepath.Join(work, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			previous := "v1.1.0"
			if r.action == "rollback" {
				previous = "v1.2.0"
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // should never be reached
			defer cancel()
			cmd := exec.CommandContext(ctx, script, r.args...)
			cmd.Dir = work
			// The environment the shell executor gives a script: the
			// DEPLOY_* variables, and a PATH here with the fakes first.
			cmd.Env = []string{
				"PATH=" + bin + ":/usr/local/bin:/usr/bin:/bin",
				"DEPLOY_PROJECT=shop", "DEPLOY_ENV=production", "DEPLOY_VERSION=" + r.version,
				"DEPLOY_PREVIOUS_VERSION=" + previous, "DEPLOY_STRATEGY=rolling", "DEPLOY_ACTION=" + r.action,
				"DEPLOY_ID=42", "DEPLOY_REQUESTER=alice",
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err = cmd.Run()
			if r.wantErr != "" {
				if err == nil || !strings.Contains(stderr.String(), r.wantErr) {
					t.Fatalf("run: %v, stderr %q; want a failure saying %q", err, stderr.String(), r.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("run: %v\nstderr: %s", err, stderr.String())
			}
			b, _ := os.ReadFile(log)
			got := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			if !slices.Equal(got, r.want) {
				t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(r.want, "\n"))
			}
			if r.check != nil {
				r.check(t, work)
			}
		})
	}
}

// variable matches a shell variable read: $NAME or ${NAME...}.
var variable = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

// TestScriptsReadOnlyDeployVariables checks that no example script reads an
// environment variable other than DEPLOY_* (its own lower-case variables
// are fine), and that sh -n accepts each.
func TestScriptsReadOnlyDeployVariables(t *testing.T) {
	for _, dir := range examples {
		t.Run(dir, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, "deploy.sh"))
			if err != nil {
				t.Fatal(err)
			}
			var code []string // the script without its comment lines
			for _, line := range strings.Split(string(b), "\n") {
				if !strings.HasPrefix(strings.TrimSpace(line), "#") {
					code = append(code, line)
				}
			}
			for _, m := range variable.FindAllStringSubmatch(strings.Join(code, "\n"), -1) {
				name := m[1]
				if strings.ToUpper(name) == name && !strings.HasPrefix(name, "DEPLOY_") {
					t.Errorf("reads $%s: only DEPLOY_* variables are documented", name)
				}
			}
			if out, err := exec.Command("sh", "-n", filepath.Join(dir, "deploy.sh")).CombinedOutput(); err != nil {
				t.Errorf("sh -n: %v: %s", err, out)
			}
			if fi, err := os.Stat(filepath.Join(dir, "deploy.sh")); err != nil || fi.Mode()&0o111 == 0 {
				t.Errorf("deploy.sh is not executable")
			}
		})
	}
}

// TestConfigs checks that each example's configuration lines load and run
// its script.
func TestConfigs(t *testing.T) {
	for _, dir := range examples {
		t.Run(dir, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, "deploybot.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := config.ParseWith(data, dir+"/deploybot.yaml", func(string) (string, bool) { return "", false })
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range cfg.ProjectConfigs {
				for _, e := range p.Environments {
					if x := e.Executor; x != nil {
						n++
						if x.Type != config.ExecutorShell || x.Command[0] != "/opt/deploybot/examples/"+dir+"/deploy.sh" {
							t.Errorf("%s/%s runs %v", p.Name, e.Name, x.Command)
						}
					}
				}
			}
			if n == 0 {
				t.Error("no executor is configured")
			}
		})
	}
}

// TestEveryExampleIsListed keeps examples in step with the directories.
func TestEveryExampleIsListed(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !slices.Contains(examples, e.Name()) {
			t.Errorf("examples/%s is not in the examples list", e.Name())
		}
	}
	tested := map[string]bool{}
	for _, r := range runs() {
		tested[r.dir+" "+r.action] = true
	}
	for _, dir := range examples {
		for _, action := range []string{"deploy", "rollback"} {
			if !tested[dir+" "+action] {
				t.Errorf("examples/%s has no %s run", dir, action)
			}
		}
	}
}
