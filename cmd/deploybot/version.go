package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"deploybot"
	"deploybot/store"
)

// commit is the VCS revision the binary was built from, set at link time
// with -ldflags "-X main.commit=$(git rev-parse HEAD)" (scripts/release.sh
// and the Dockerfile do). Empty: the revision Go recorded in the build
// information, if any (go build with -buildvcs in a git checkout).
var commit = ""

// buildInfo returns the version and commit of the running binary: the
// version from -ldflags -X deploybot.Version=..., else the module's when it
// was installed at a version (go install deploybot/cmd/deploybot@v1.2.3);
// the commit from -ldflags -X main.commit=..., else the vcs.revision of the
// build information ("unknown" when there is none), with "+dirty" when the
// work tree had changes.
func buildInfo() (version, rev string) {
	version, rev = deploybot.Version, commit
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return version, orWord(rev, "unknown")
	}
	if v := bi.Main.Version; version == defaultVersion && v != "" && v != "(devel)" {
		version = v
	}
	if rev == "" {
		dirty := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" && dirty {
			rev += "+dirty"
		}
	}
	return version, orWord(rev, "unknown")
}

// defaultVersion is deploybot.Version when no -ldflags set it.
var defaultVersion = deploybot.Version

func orWord(s, word string) string {
	if s == "" {
		return word
	}
	return s
}

// versionLine is what `deploybot version` and `deploybot --version` print.
func versionLine() string {
	v, c := buildInfo()
	return fmt.Sprintf("deploybot %s (commit %s, %s %s/%s)", v, c, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func runVersion(_ context.Context, m *Main, args []string) error {
	if len(args) > 0 {
		return &usageError{msg: "version takes no arguments"}
	}
	_, err := fmt.Fprintf(m.Stdout, "%s\n%s\n", versionLine(), schemaLine())
	return err
}

// schemaLine says which schema this binary makes and which it runs on, for
// a rolling upgrade (store/migrations/README.md).
func schemaLine() string {
	return fmt.Sprintf("schema: migrations 1-%d, compatibility number %d; runs on a database whose number is at most %d",
		store.LatestSchema(), store.Compat(), store.AcceptedCompat)
}
