package changelog_test

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/changelog"
)

// commitBase is the committer time of the repository's first commit; each
// later commit is made an hour after the one before, and authored a day
// before it was committed (as after a rebase).
var commitBase = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// gitCommit is a commit of the test repository.
type gitCommit struct {
	SHA         string
	CommittedAt time.Time
}

// gitRepo creates a repository with tags v1.0.0 and v1.1.0 and returns its
// path and the commits after v1.0.0 but the merge, newest first, with
// fixed committer times (GIT_COMMITTER_DATE).
func gitRepo(t *testing.T) (string, []gitCommit) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	n := 0
	git := func(args ...string) string {
		t.Helper()
		args = append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.com",
			"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)
		at := commitBase.Add(time.Duration(n) * time.Hour)
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
			// A zone other than UTC: %cI keeps the offset, the parse must too.
			"GIT_COMMITTER_DATE="+at.In(time.FixedZone("", 3600)).Format(time.RFC3339),
			"GIT_AUTHOR_DATE="+at.Add(-24*time.Hour).Format(time.RFC3339))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	commit := func(msg string) gitCommit {
		at := commitBase.Add(time.Duration(n) * time.Hour)
		git("commit", "--allow-empty", "-q", "-m", msg)
		n++
		return gitCommit{SHA: git("rev-parse", "HEAD"), CommittedAt: at}
	}
	git("init", "-q")
	commit("chore: initial commit")
	git("tag", "v1.0.0")
	var commits []gitCommit
	commits = append(commits, commit("feat(profile): nouvelle page de profil\n\nWith a body."))
	commits = append(commits, commit("fix: handle a nil user"))
	// A merge commit, left out of the changelog.
	git("checkout", "-q", "-b", "topic")
	commits = append(commits, commit("perf!: cache the catalogue"))
	git("checkout", "-q", "main")
	commits = append(commits, commit("Update the README"))
	git("merge", "-q", "--no-ff", "-m", "Merge branch 'topic'", "topic")
	n++
	git("tag", "v1.1.0")
	slices.Reverse(commits)
	return dir, commits
}

func TestGitChanges(t *testing.T) {
	dir, commits := gitRepo(t)
	g := &changelog.Git{Dirs: map[string]string{"api": dir}}
	got, err := g.Changes(t.Context(), "api", "v1.0.0", "v1.1.0")
	if err != nil {
		t.Fatal(err)
	}
	// The commits have distinct committer times: git log lists them
	// newest first.
	change := func(c gitCommit, typ, summary string) deploybot.Change {
		return deploybot.Change{Type: typ, Summary: summary, SHA: c.SHA, CommittedAt: c.CommittedAt}
	}
	want := []deploybot.Change{
		change(commits[0], "other", "Update the README"),
		change(commits[1], "perf", "cache the catalogue"),
		change(commits[2], "fix", "handle a nil user"),
		change(commits[3], "feat", "nouvelle page de profil"),
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].SHA != want[i].SHA || got[i].Type != want[i].Type || got[i].Summary != want[i].Summary ||
			!got[i].CommittedAt.Equal(want[i].CommittedAt) {
			t.Errorf("change %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	// The earliest commit shipped is the first after v1.0.0, by its
	// committer time (its author time is a day earlier).
	if first, ok := deploybot.EarliestCommit(got); !ok || !first.Equal(commitBase.Add(time.Hour)) {
		t.Errorf("EarliestCommit = %v, %v; want %v", first, ok, commitBase.Add(time.Hour))
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
