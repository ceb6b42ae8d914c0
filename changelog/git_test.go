package changelog_test

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"deploybot"
	"deploybot/changelog"
)

// gitRepo creates a repository with tags v1.0.0 and v1.1.0 and returns its
// path and the SHAs of the commits after v1.0.0, newest first.
func gitRepo(t *testing.T) (string, []string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		args = append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.com",
			"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	commit := func(msg string) string {
		git("commit", "--allow-empty", "-q", "-m", msg)
		return git("rev-parse", "HEAD")
	}
	git("init", "-q")
	commit("chore: initial commit")
	git("tag", "v1.0.0")
	var shas []string
	shas = append(shas, commit("feat(profile): nouvelle page de profil\n\nWith a body."))
	shas = append(shas, commit("fix: handle a nil user"))
	// A merge commit, left out of the changelog.
	git("checkout", "-q", "-b", "topic")
	shas = append(shas, commit("perf!: cache the catalogue"))
	git("checkout", "-q", "main")
	shas = append(shas, commit("Update the README"))
	git("merge", "-q", "--no-ff", "-m", "Merge branch 'topic'", "topic")
	git("tag", "v1.1.0")
	slices.Reverse(shas)
	return dir, shas
}

func TestGitChanges(t *testing.T) {
	dir, shas := gitRepo(t)
	g := &changelog.Git{Dirs: map[string]string{"api": dir}}
	got, err := g.Changes(t.Context(), "api", "v1.0.0", "v1.1.0")
	if err != nil {
		t.Fatal(err)
	}
	// git log lists by date, newest first; commits made within the same
	// second may come in either order, so compare as sets keyed by SHA.
	want := map[string]deploybot.Change{
		shas[3]: {Type: "feat", Summary: "nouvelle page de profil", SHA: shas[3]},
		shas[2]: {Type: "fix", Summary: "handle a nil user", SHA: shas[2]},
		shas[1]: {Type: "perf", Summary: "cache the catalogue", SHA: shas[1]},
		shas[0]: {Type: "other", Summary: "Update the README", SHA: shas[0]},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes %+v, want %d", len(got), got, len(want))
	}
	for _, c := range got {
		if want[c.SHA] != c {
			t.Errorf("got %+v, want %+v", c, want[c.SHA])
		}
	}

	none, err := g.Changes(t.Context(), "api", "v1.1.0", "v1.1.0")
	if err != nil || len(none) != 0 {
		t.Errorf("same version: got %+v, %v; want nothing", none, err)
	}
}

func TestGitChangesErrors(t *testing.T) {
	dir, _ := gitRepo(t)
	g := &changelog.Git{Dirs: map[string]string{"api": dir}}
	tests := []struct {
		name, project, from, to, code string
	}{
		{"unknown project", "web", "v1.0.0", "v1.1.0", deploybot.ENOTFOUND},
		{"unknown version", "api", "v1.0.0", "v9.9.9", deploybot.ENOTFOUND},
		{"option", "api", "--output=/tmp/x", "v1.1.0", deploybot.EINVALID},
		{"dash", "api", "v1.0.0", "-p", deploybot.EINVALID},
		{"range", "api", "v1.0.0 v1.1.0", "HEAD", deploybot.EINVALID},
		{"empty", "api", "", "v1.1.0", deploybot.EINVALID},
		{"too long", "api", strings.Repeat("a", 129), "v1.1.0", deploybot.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := g.Changes(t.Context(), tt.project, tt.from, tt.to)
			wantCode(t, err, tt.code)
		})
	}
	_, err := g.Changes(t.Context(), "web", "v1", "v2")
	if got, want := deploybot.ErrorMessage(err), "no repository configured for project web"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}
