// Package packaging_test checks the Dockerfile, the systemd unit, and the
// compose and Kubernetes files: what must hold for deploybot to stop
// cleanly (a stop grace longer than serve.drain_timeout, detached shell runs
// that survive a restart) and to run small and unprivileged. Where a Docker
// engine answers, the image is built and run too.
package packaging_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// drainTimeout is serve.drain_timeout's default: every stop grace must
// exceed it.
const drainTimeout = 10 * time.Minute

// instruction is one Dockerfile instruction.
type instruction struct {
	cmd  string // upper case
	args string
}

// parseDockerfile reads instructions, joining continued lines and skipping
// comments.
func parseDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []instruction
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasSuffix(line, "\\") {
			cur.WriteString(strings.TrimSuffix(line, "\\") + " ")
			continue
		}
		cur.WriteString(line)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, "../Dockerfile")
	var froms []string
	final := map[string][]string{} // instructions of the last stage
	for _, in := range ins {
		if in.cmd == "FROM" {
			froms = append(froms, in.args)
			final = map[string][]string{}
			continue
		}
		final[in.cmd] = append(final[in.cmd], in.args)
	}
	all := func(cmd string) string {
		var s []string
		for _, in := range ins {
			if in.cmd == cmd {
				s = append(s, in.args)
			}
		}
		return strings.Join(s, "\n")
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{"multi-stage: a build stage, then the runtime", len(froms) == 2 && strings.Contains(froms[0], " AS build")},
		{"a Go toolchain of the module's version builds", strings.Contains(all("ARG"), "GO_VERSION=1.26") && strings.HasPrefix(froms[0], "golang:${GO_VERSION}")},
		{"cgo is on (SQLite)", strings.Contains(all("RUN"), "CGO_ENABLED=1 go build")},
		{"version and commit are linked in", strings.Contains(all("RUN"), "-X deploybot.Version=${VERSION} -X main.commit=${COMMIT}")},
		{"a small runtime with glibc (no Go toolchain)", len(froms) == 2 && strings.Contains(froms[1], "-slim")},
		{"only the binary comes from the build stage", strings.Join(final["COPY"], "\n") != "" && strings.Contains(strings.Join(final["COPY"], "\n"), "--from=build /out/deploybot /usr/local/bin/deploybot")},
		{"runs as a non-root user", len(final["USER"]) == 1 && !strings.HasPrefix(final["USER"][0], "0") && final["USER"][0] != "root"},
		{"/data is a volume", slices(final["VOLUME"], "/data")},
		{"HEALTHCHECK through deploybot health", len(final["HEALTHCHECK"]) == 1 && strings.Contains(final["HEALTHCHECK"][0], `"/usr/local/bin/deploybot", "health"`)},
		{"an init reaps the detached runs", len(final["ENTRYPOINT"]) == 1 && strings.Contains(final["ENTRYPOINT"][0], "tini")},
		{"serve keeps its database under /data", len(final["CMD"]) == 1 && strings.Contains(final["CMD"][0], `"serve", "--db", "/data/deploybot.db"`)},
		{"SIGTERM stops it (the drain)", slices(final["STOPSIGNAL"], "SIGTERM")},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("Dockerfile: %s: does not hold", tt.name)
		}
	}
}

func slices(list []string, want string) bool {
	for _, s := range list {
		if s == want {
			return true
		}
	}
	return false
}

// TestDockerBuild builds and runs the image where a Docker engine answers;
// elsewhere (a Docker client alone) it says so and skips.
func TestDockerBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an image: not with -short")
	}
	if _, err := exec.LookPath("docker"); err != nil {
		t.Skip("no docker client")
	}
	if out, err := exec.Command("docker", "info").CombinedOutput(); err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		t.Skipf("no Docker engine (docker info: %v: %s): the Dockerfile is only parsed, by TestDockerfile", err, strings.TrimSpace(lines[len(lines)-1]))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute) // should never be reached
	defer cancel()
	tag := "deploybot-test:" + strconv.FormatInt(time.Now().UnixNano(), 36)
	build := exec.CommandContext(ctx, "docker", "build", "-t", tag, "--build-arg", "VERSION=9.9.9-test", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, out)
	}
	defer exec.Command("docker", "rmi", "-f", tag).Run()
	out, err := exec.CommandContext(ctx, "docker", "run", "--rm", tag, "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "deploybot 9.9.9-test") {
		t.Errorf("docker run --version: %q, %v", out, err)
	}
	size, _ := exec.Command("docker", "image", "inspect", "-f", "{{.Size}}", tag).Output()
	t.Logf("image size: %s bytes", strings.TrimSpace(string(size)))
}

// durations reads systemd time spans such as "11min", "660", "10min 30s".
var span = regexp.MustCompile(`(\d+)\s*(min|m|s|sec|h)?`)

func systemdDuration(s string) time.Duration {
	var d time.Duration
	for _, m := range span.FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		switch m[2] {
		case "min", "m":
			d += time.Duration(n) * time.Minute
		case "h":
			d += time.Duration(n) * time.Hour
		default:
			d += time.Duration(n) * time.Second
		}
	}
	return d
}

func TestSystemdUnit(t *testing.T) {
	data, err := os.ReadFile("systemd/deploybot.service")
	if err != nil {
		t.Fatal(err)
	}
	service := map[string][]string{}
	section := ""
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = line
		case section == "[Service]":
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				t.Errorf("line %q is not KEY=VALUE", line)
			}
			service[k] = append(service[k], v)
		}
	}
	one := func(k string) string {
		if len(service[k]) != 1 {
			t.Errorf("%s is set %d times", k, len(service[k]))
			return ""
		}
		return service[k][0]
	}
	if v := one("KillMode"); v != "process" {
		t.Errorf("KillMode=%s: detached shell runs must survive a restart (process)", v)
	}
	if d := systemdDuration(one("TimeoutStopSec")); d <= drainTimeout || d > drainTimeout+5*time.Minute {
		t.Errorf("TimeoutStopSec is %s: want serve.drain_timeout (%s) plus a margin", d, drainTimeout)
	}
	if v := one("ExecStart"); !strings.HasPrefix(v, "/usr/local/bin/deploybot serve ") {
		t.Errorf("ExecStart=%s", v)
	}
	if v := one("User"); v == "" || v == "root" {
		t.Errorf("User=%s", v)
	}
	if v := one("NoNewPrivileges"); v != "true" {
		t.Errorf("NoNewPrivileges=%s", v)
	}
	// Options that break the detached runs or the scripts stay out.
	for _, k := range []string{"PrivateTmp", "MemoryDenyWriteExecute", "SystemCallFilter"} {
		if len(service[k]) > 0 {
			t.Errorf("%s is set: see the unit's comment on what was left out", k)
		}
	}
	if v := one("ProtectSystem"); v == "strict" {
		t.Errorf("ProtectSystem=strict keeps scripts from writing where they deploy from")
	}
}

func TestComposeAndKubernetes(t *testing.T) {
	var compose struct {
		Services map[string]struct {
			Init            bool   `yaml:"init"`
			StopSignal      string `yaml:"stop_signal"`
			StopGracePeriod string `yaml:"stop_grace_period"`
		} `yaml:"services"`
	}
	data, err := os.ReadFile("compose/compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &compose); err != nil {
		t.Fatal(err)
	}
	s, ok := compose.Services["deploybot"]
	grace, err := time.ParseDuration(s.StopGracePeriod)
	if !ok || err != nil || grace <= drainTimeout || s.StopSignal != "SIGTERM" || !s.Init {
		t.Errorf("compose: service %+v: want init, SIGTERM and a stop grace above %s", s, drainTimeout)
	}

	data, err = os.ReadFile("kubernetes/deploybot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	found := false
	for {
		var doc struct {
			Kind string `yaml:"kind"`
			Spec struct {
				Replicas int `yaml:"replicas"`
				Strategy struct {
					Type string `yaml:"type"`
				} `yaml:"strategy"`
				Template struct {
					Spec struct {
						TerminationGracePeriodSeconds int `yaml:"terminationGracePeriodSeconds"`
						SecurityContext               struct {
							RunAsNonRoot bool `yaml:"runAsNonRoot"`
						} `yaml:"securityContext"`
					} `yaml:"spec"`
				} `yaml:"template"`
			} `yaml:"spec"`
		}
		if err := dec.Decode(&doc); err != nil {
			break
		}
		if doc.Kind != "Deployment" {
			continue
		}
		found = true
		ps := doc.Spec.Template.Spec
		if g := time.Duration(ps.TerminationGracePeriodSeconds) * time.Second; g <= drainTimeout {
			t.Errorf("kubernetes: terminationGracePeriodSeconds %s: want more than %s", g, drainTimeout)
		}
		if doc.Spec.Replicas != 1 || doc.Spec.Strategy.Type != "Recreate" || !ps.SecurityContext.RunAsNonRoot {
			t.Errorf("kubernetes: %+v: want one replica, Recreate, non-root", doc.Spec)
		}
	}
	if !found {
		t.Error("kubernetes: no Deployment")
	}
}
