package main_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

// TestLeadTimeFromCommits deploys, by chat, a project whose changelog is a
// local git repository: the production deploy of v1.1.0 records when the
// earliest commit it ships was made, and "dora" measures its lead time
// from there, the first deploy (nothing to compare with) from staging.
func TestLeadTimeFromCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir, _ := deployFixture(t)
	repo := filepath.Join(dir, "repo")
	// Committed on Friday 20 November, authored a week before (a rebase):
	// the committer time counts. The deploys run on Tuesday 24, 11:00 CET.
	first := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	git := func(committed time.Time, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=Test", "-c", "user.email=test@example.com",
			"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
			"GIT_COMMITTER_DATE="+committed.Format(time.RFC3339), "GIT_AUTHOR_DATE="+committed.AddDate(0, 0, -7).Format(time.RFC3339))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if err := os.Mkdir(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	git(first, "init", "-q")
	git(first.AddDate(0, 0, -10), "commit", "--allow-empty", "-q", "-m", "feat: the shop")
	git(first, "tag", "v1.0.0")
	git(first, "commit", "--allow-empty", "-q", "-m", "feat(cart): a cart")
	git(first.Add(26*time.Hour), "commit", "--allow-empty", "-q", "-m", "fix: rounding")
	git(first, "tag", "v1.1.0")

	cfg, err := os.ReadFile(filepath.Join(dir, "deploybot.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = []byte(strings.Replace(string(cfg), "aliases: [boutique]", "aliases: [boutique]\n    repository: "+repo, 1))
	if err := os.WriteFile(filepath.Join(dir, "deploybot.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}

	out := chat(t, dir, tuesday,
		"deploy shop v1.0.0 to staging --yes",
		"deploy shop v1.0.0 to production --yes",
		"[carol] approve",
		"deploy shop v1.1.0 to staging --yes",
		"deploy shop v1.1.0 to production --yes",
		"[carol] approve",
	)
	wantAll(t, out, "feat: a cart", "fix: rounding", "Done ✅")
	// The figures a day later (the clock is fixed: the deploys ran at
	// its moment). v1.1.0 from its first commit: 24/11 10:00 UTC - 20/11
	// 09:00 UTC = 4d 1h; v1.0.0 from its staging run, at the same moment:
	// 0. The median of the two is 2d 0h 30m.
	out = chat(t, dir, "DEPLOYBOT_NOW=2026-11-25T11:00:00+01:00", "dora shop", "dora shop semaine")
	wantAll(t, out,
		"2d (median of 2, 1 from the commits, 1 from staging)",
		"Lead time measured from the earliest commit shipped where the deploy's changelog dates its commits, else from the version's first staging deploy.",
		"2 j (médiane de 2, 1 depuis les commits, 1 depuis le staging)",
		"Délai mesuré depuis le premier commit livré quand le changelog du déploiement date ses commits",
	)

	db, err := store.Open(context.Background(), filepath.Join(dir, "data", "deploybot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := db.Runs(context.Background(), "shop", deploybot.EnvProduction)
	if err != nil || len(runs) != 2 {
		t.Fatalf("production runs: %+v, %v", runs, err)
	}
	if !runs[0].FirstCommitAt.IsZero() {
		t.Errorf("v1.0.0 replaced nothing, yet has a first commit at %v", runs[0].FirstCommitAt)
	}
	if runs[1].Version != "v1.1.0" || !runs[1].FirstCommitAt.Equal(first) {
		t.Errorf("%s: first commit at %v, want %v", runs[1].Version, runs[1].FirstCommitAt, first)
	}
}
