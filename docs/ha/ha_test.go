// Package ha_test checks the replica set-up that docs/ha.md shows: the
// systemd unit, the Kubernetes objects and the configuration they use.
package ha_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"deploybot/config"
	"deploybot/store"
)

// env is what the replicas' environment gives the configuration.
func env(name string) (string, bool) {
	v, ok := map[string]string{"PGPASSWORD": "pg-secret", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
		"DEPLOYBOT_HTTP_ADDR": "0.0.0.0:8081"}[name]
	return v, ok
}

// checkConfig parses a replica's configuration: it must be valid, name a
// PostgreSQL database whose password comes from the environment, and use
// Slack's HTTP mode on addr.
func checkConfig(t *testing.T, name string, data []byte, addr string) {
	t.Helper()
	cfg, err := config.ParseWith(data, name, env)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("%s: warnings %v", name, cfg.Warnings)
	}
	if !store.IsURL(cfg.Store.URL) || !strings.Contains(cfg.Store.URL, ":pg-secret@") {
		t.Errorf("%s: store.url = %q, want a postgres:// URL with ${PGPASSWORD}", name, cfg.Store.URL)
	}
	if strings.Contains(string(data), "pg-secret") {
		t.Errorf("%s: a password in the file", name)
	}
	if string(cfg.Slack.Mode) != "http" || cfg.HTTP.Addr != addr {
		t.Errorf("%s: slack.mode %q, http.addr %q; want http on %s", name, cfg.Slack.Mode, cfg.HTTP.Addr, addr)
	}
	if cfg.Store.DataDir == "" {
		t.Errorf("%s: no store.data_dir: with a URL, shell runs would go to ./data", name)
	}
}

func TestConfig(t *testing.T) {
	data, err := os.ReadFile("deploybot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	checkConfig(t, "deploybot.yaml", data, "0.0.0.0:8081")
}

// unit reads a systemd unit file: section -> key -> values (a key may be
// given several times).
func unit(t *testing.T, path string) map[string]map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[string][]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = strings.Trim(line, "[]")
			out[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("%s:%d: not a key=value line of a section: %q", path, n, line)
			}
			out[section][k] = append(out[section][k], v)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSystemdUnit(t *testing.T) {
	u := unit(t, "deploybot@.service")
	svc := u["Service"]
	one := func(k string) string {
		t.Helper()
		if len(svc[k]) != 1 {
			t.Fatalf("[Service] %s: %q, want one value", k, svc[k])
		}
		return svc[k][0]
	}
	exec := strings.Fields(one("ExecStart"))
	if len(exec) < 4 || !strings.HasSuffix(exec[0], "/deploybot") || exec[1] != "serve" || exec[2] != "--config" {
		t.Errorf("ExecStart = %q, want deploybot serve --config FILE", exec)
	}
	for _, a := range exec {
		if a == "--db" {
			t.Error("ExecStart gives --db: the replicas' database is store.url")
		}
	}
	for k, want := range map[string]string{"Restart": "always", "KillMode": "process", "KillSignal": "SIGTERM", "Type": "simple",
		"EnvironmentFile": "/etc/deploybot/env", "User": "deploybot"} {
		if got := one(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	addr := ""
	for _, e := range svc["Environment"] {
		if v, ok := strings.CutPrefix(e, "DEPLOYBOT_HTTP_ADDR="); ok {
			addr = v
		}
	}
	if !strings.Contains(addr, "%i") {
		t.Errorf("DEPLOYBOT_HTTP_ADDR = %q: each instance needs its own port (%%i)", addr)
	}
	if u["Install"]["WantedBy"] == nil {
		t.Error("no [Install] WantedBy: systemctl enable would not start it at boot")
	}
	// The unit's configuration is docs/ha/deploybot.yaml, with the
	// instance's address.
	data, err := os.ReadFile("deploybot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("${DEPLOYBOT_HTTP_ADDR")) {
		t.Error("deploybot.yaml does not read the address the unit gives each instance")
	}
}

// objects reads the Kubernetes objects of path by kind.
func objects(t *testing.T, path string) map[string]map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	out := map[string]map[string]any{}
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		kind, _ := doc["kind"].(string)
		if kind == "" || doc["apiVersion"] == nil {
			t.Fatalf("%s: an object without kind or apiVersion", path)
		}
		out[kind] = doc
	}
	return out
}

// at walks a decoded YAML document: keys of maps, indexes of lists.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not a map at %q", path, k)
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("%v: no item %d", path, k)
			}
			v = l[k]
		}
	}
	return v
}

func TestKubernetes(t *testing.T) {
	objs := objects(t, "kubernetes.yaml")
	for _, kind := range []string{"ConfigMap", "Deployment", "Service", "PodDisruptionBudget"} {
		if objs[kind] == nil {
			t.Fatalf("no %s", kind)
		}
	}
	d := objs["Deployment"]
	if at(t, d, "apiVersion") != "apps/v1" || at(t, d, "spec", "replicas") != 2 {
		t.Errorf("Deployment: %v with %v replicas, want apps/v1 with 2", at(t, d, "apiVersion"), at(t, d, "spec", "replicas"))
	}
	if at(t, d, "spec", "strategy", "type") != "RollingUpdate" {
		t.Error("the replicas share a database: a rolling update, not Recreate")
	}
	labels := at(t, d, "spec", "template", "metadata", "labels").(map[string]any)
	for k, v := range at(t, d, "spec", "selector", "matchLabels").(map[string]any) {
		if labels[k] != v {
			t.Errorf("the selector %s=%v does not match the pods' labels %v", k, v, labels)
		}
	}
	c := at(t, d, "spec", "template", "spec", "containers", 0)
	args := at(t, c, "args").([]any)
	if args[0] != "serve" {
		t.Errorf("args = %v, want serve ...", args)
	}
	for _, a := range args {
		if a == "--db" {
			t.Error("args give --db: the replicas' database is store.url")
		}
	}
	if p := at(t, c, "readinessProbe", "httpGet", "path"); p != "/readyz" {
		t.Errorf("readiness probe %v, want /readyz (it checks the database)", p)
	}
	if p := at(t, c, "livenessProbe", "httpGet", "path"); p != "/healthz" {
		t.Errorf("liveness probe %v, want /healthz", p)
	}
	if at(t, c, "envFrom", 0, "secretRef", "name") != "deploybot-secrets" {
		t.Error("the secrets do not come from the deploybot-secrets Secret")
	}
	port := at(t, c, "ports", 0, "containerPort")
	volumes := map[string]bool{}
	for _, v := range at(t, d, "spec", "template", "spec", "volumes").([]any) {
		volumes[at(t, v, "name").(string)] = true
	}
	for _, m := range at(t, c, "volumeMounts").([]any) {
		if !volumes[at(t, m, "name").(string)] {
			t.Errorf("volume mount %v has no volume", at(t, m, "name"))
		}
	}
	cm := objs["ConfigMap"]
	if at(t, d, "spec", "template", "spec", "volumes", 0, "configMap", "name") != at(t, cm, "metadata", "name") {
		t.Error("the Deployment does not mount the ConfigMap")
	}
	data := at(t, cm, "data", "deploybot.yaml").(string)
	checkConfig(t, "ConfigMap deploybot.yaml", []byte(data), "0.0.0.0:8080")
	if port != 8080 {
		t.Errorf("containerPort %v, want http.addr's 8080", port)
	}
	if sel := at(t, objs["Service"], "spec", "selector").(map[string]any); sel["app"] != labels["app"] {
		t.Errorf("the Service selects %v, the pods are %v", sel, labels)
	}
	if at(t, objs["PodDisruptionBudget"], "spec", "minAvailable") != 1 {
		t.Error("the disruption budget must keep one replica")
	}
}

// TestDocLinks: docs/ha.md shows these files.
func TestDocLinks(t *testing.T) {
	doc, err := os.ReadFile("../ha.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"ha/deploybot@.service", "ha/kubernetes.yaml", "ha/deploybot.yaml"} {
		if !bytes.Contains(doc, []byte("("+f+")")) {
			t.Errorf("docs/ha.md does not link %s", f)
		}
	}
}
