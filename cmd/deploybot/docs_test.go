package main_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"deploybot/slack/slackfake"
)

// readmeSection is the README's section for a newcomer, whose commands
// TestReadme runs.
const readmeSection = "## Install and run in five minutes"

// block is a fenced code block of the README.
type block struct{ lang, text string }

// readmeText returns the text of the README's section that starts at heading,
// up to the next "## " heading.
func readmeText(t *testing.T, heading string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README.md has no section %q", heading)
	}
	s = s[i+1+len(heading):]
	if j := strings.Index(s, "\n## "); j >= 0 {
		s = s[:j]
	}
	return s
}

// codeBlocks returns the fenced code blocks of s, in order.
func codeBlocks(s string) []block {
	var out []block
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		lang, ok := strings.CutPrefix(lines[i], "```")
		if !ok {
			continue
		}
		var body []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			body = append(body, lines[i])
		}
		out = append(out, block{lang: lang, text: strings.Join(body, "\n") + "\n"})
	}
	return out
}

// trailingComment matches a shell comment after a command.
var trailingComment = regexp.MustCompile(`\s+#\s.*$`)

// TestReadme runs every deploybot command of the README's newcomer section,
// in order, in a directory holding the section's deploybot.yaml: go install
// from this clone, --version, config validate, the scripted chat (which must
// deploy), serve (against a Slack stand-in in HTTP mode instead of Socket
// Mode, the one change), health, and the first message it suggests. Other
// tools' commands are checked by sh -n and skipped with a line saying so.
func TestReadme(t *testing.T) {
	sec := readmeText(t, readmeSection)
	blocks := codeBlocks(sec)
	dir := t.TempDir()
	binDir := filepath.Join(dir, "bin")
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(bin, filepath.Join(binDir, "deploybot")); err != nil {
		t.Fatal(err)
	}
	configs := 0
	for _, b := range blocks {
		if b.lang == "yaml" {
			configs++
			if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), []byte(b.text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if configs != 1 {
		t.Fatalf("the section has %d yaml blocks, want 1 (deploybot.yaml)", configs)
	}
	env := []string{"PATH=" + binDir + ":" + os.Getenv("PATH"), "HOME=" + dir}
	var serve *slackServe
	var api *slackfake.Server
	ran := 0
	for _, b := range blocks {
		if b.lang != "sh" {
			continue
		}
		for _, line := range strings.Split(strings.TrimSpace(b.text), "\n") {
			line = strings.TrimSpace(trailingComment.ReplaceAllString(line, ""))
			if line == "" {
				continue
			}
			if strings.HasPrefix(line, "deploybot serve") {
				// serve outlives this line: it runs under the whole test.
				// The one change to the section: Slack in HTTP mode against
				// a stand-in, on a free loopback port, instead of Socket
				// Mode with real tokens. start runs "serve --config
				// deploybot.yaml --db bot.db" in dir: the section's line,
				// with a database of the test.
				if line != "deploybot serve --config deploybot.yaml" {
					t.Fatalf("the section's serve line %q is not the one this test runs", line)
				}
				cfg, err := os.ReadFile(filepath.Join(dir, "deploybot.yaml"))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), dropTopLevel(cfg, "slack"), 0o644); err != nil {
					t.Fatal(err)
				}
				api = slackAPI(t)
				serve = newSlackServe(t, dir, api, "")
				serve.start()
				defer serve.stop()
				t.Logf("ran: %s (Slack in HTTP mode against a stand-in)", line)
				ran++
				continue
			}
			t.Run(line, func(t *testing.T) {
				switch {
				case strings.HasPrefix(line, "go install ./cmd/deploybot"):
					if testing.Short() {
						t.Skip("not run with -short: builds the binary")
					}
					gobin := filepath.Join(dir, "gobin")
					cmd := exec.CommandContext(t.Context(), "go", "install", "./cmd/deploybot")
					cmd.Dir = "../.."
					cmd.Env = append(os.Environ(), "GOBIN="+gobin)
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Fatalf("%s: %v\n%s", line, err, out)
					}
					if out, err := exec.Command(filepath.Join(gobin, "deploybot"), "--version").Output(); err != nil || !strings.HasPrefix(string(out), "deploybot ") {
						t.Fatalf("the installed deploybot --version: %q, %v", out, err)
					}
					ran++
				case strings.HasPrefix(line, "deploybot ") || strings.Contains(line, "| deploybot "):
					cmd := exec.CommandContext(t.Context(), "sh", "-c", line)
					cmd.Dir = dir
					cmd.Env = env
					out, err := cmd.CombinedOutput()
					if err != nil {
						t.Fatalf("%s: %v\n%s", line, err, out)
					}
					if strings.Contains(line, "deploybot chat") && !strings.Contains(string(out), "Done ✅") {
						t.Errorf("the terminal chat did not deploy:\n%s", out)
					}
					ran++
				default:
					if out, err := exec.Command("sh", "-n", "-c", line).CombinedOutput(); err != nil {
						t.Errorf("sh -n: %v: %s", err, out)
					}
					t.Skip("not run (another tool's command, or a secret to set): its syntax is checked")
				}
			})
		}
	}
	if ran < 5 {
		t.Fatalf("%d commands ran: the section lost its deploybot commands", ran)
	}
	if serve == nil {
		t.Fatal("the section never runs deploybot serve")
	}

	// The first message it suggests, in a channel, then "yes" in its thread.
	m := regexp.MustCompile("`@deploybot (deploy [^`]+)`").FindStringSubmatch(sec)
	if m == nil {
		t.Fatal("the section suggests no first message (`@deploybot deploy ...`)")
	}
	ctx := context.Background()
	send := func(id, text, ts, thread string) {
		t.Helper()
		body := slackfake.Event{ID: id, Team: "T0TEAM", Channel: "C1", User: "U1", Text: text, TS: ts, ThreadTS: thread}.Body()
		resp, err := serve.signer().Event(ctx, body, 0)
		if err != nil || resp.Status != http.StatusOK {
			t.Fatalf("event %s: %+v, %v", id, resp, err)
		}
	}
	send("EvR1", "<@UBOT> "+m[1], "1700000100.000100", "")
	waitUntil(t, "the plan", func() bool { return anyPost(api, "Deploy shop v1.0.0") })
	send("EvR2", "<@UBOT> yes", "1700000101.000100", "1700000100.000100")
	waitUntil(t, "the deployment's end", func() bool { return anyPost(api, "Done ✅") })
}

// anyPost reports whether a message the bot posted (or updated) in C1
// contains s.
func anyPost(api *slackfake.Server, s string) bool {
	for _, p := range api.Posts("C1") {
		if strings.Contains(p.Text, s) || strings.Contains(string(p.Blocks), s) {
			return true
		}
	}
	return false
}

// dropTopLevel removes the top-level key and its block from a YAML file.
func dropTopLevel(cfg []byte, key string) []byte {
	var out []string
	skipping := false
	for _, line := range strings.Split(string(cfg), "\n") {
		top := line != "" && line[0] != ' ' && line[0] != '#'
		if top {
			skipping = strings.HasPrefix(line, key+":")
		}
		if !skipping {
			out = append(out, line)
		}
	}
	return []byte(strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n")
}
