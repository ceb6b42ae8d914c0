package changelog_test

import (
	"errors"
	"slices"
	"testing"

	"deploybot"
	"deploybot/changelog"
)

func TestParse(t *testing.T) {
	tests := []struct {
		message string
		typ     string
		summary string
	}{
		{"feat: nouvelle page de profil", "feat", "nouvelle page de profil"},
		{"fix(api): handle a nil user", "fix", "handle a nil user"},
		{"perf!: cache the catalogue", "perf", "cache the catalogue"},
		{"feat(auth)!: drop sessions v1", "feat", "drop sessions v1"},
		{"FEAT: Shout", "feat", "Shout"},
		{"Fix:no space", "fix", "no space"},
		{"docs: README\n\nLonger body.\nfix: not this", "docs", "README"},
		{"  chore(deps): bump x  \n", "chore", "bump x"},
		{"Update the README", "other", "Update the README"},
		{"WIP: something", "other", "WIP: something"},
		{"feat:", "other", "feat:"},
		{"feat (api): spaced", "other", "feat (api): spaced"},
		{`Revert "feat: profile page"`, "revert", "feat: profile page"},
		{"revert: feat: profile page", "revert", "feat: profile page"},
		{"Merge pull request #12 from acme/x", "other", "Merge pull request #12 from acme/x"},
		{"", "other", ""},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			got := changelog.Parse(tt.message)
			want := deploybot.Change{Type: tt.typ, Summary: tt.summary}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

func TestGroup(t *testing.T) {
	changes := []deploybot.Change{
		{Type: "fix", Summary: "a"}, {Type: "feat", Summary: "b"}, {Type: "fix", Summary: "c"},
	}
	g := changelog.Group(changes)
	if len(g) != 2 || !slices.Equal(g["fix"], []deploybot.Change{changes[0], changes[2]}) || !slices.Equal(g["feat"], changes[1:2]) {
		t.Errorf("got %+v", g)
	}
}

func TestLines(t *testing.T) {
	changes := []deploybot.Change{
		{Type: "other", Summary: "tidy"},
		{Type: "fix", Summary: "nil user"},
		{Type: "chore", Summary: "bump"},
		{Type: "feat", Summary: "nouvelle page de profil"},
		{Type: "perf", Summary: "cache"},
		{Type: "docs", Summary: "readme"},
		{Type: "feat", Summary: "export CSV"},
	}
	all := []string{
		"feat: nouvelle page de profil", "feat: export CSV", "fix: nil user", "perf: cache",
		"chore: bump", "docs: readme", "tidy",
	}
	tests := []struct {
		name    string
		changes []deploybot.Change
		max     int
		want    []string
	}{
		{"all", changes, 0, all},
		{"exactly max", changes, 7, all},
		{"truncated", changes, 4, append(slices.Clone(all[:3]), "… and 4 more")},
		{"one", changes, 1, []string{"… and 7 more"}},
		{"none", nil, 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := changelog.Lines(tt.changes, tt.max); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// wantCode fails unless err is a *deploybot.Error with code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var e *deploybot.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Errorf("got %v, want a *deploybot.Error with code %s", err, code)
	}
}
