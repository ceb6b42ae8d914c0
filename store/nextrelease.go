//go:build deploybot_nextrelease

package store

import (
	"embed"
	"io/fs"
)

// A build with the tag deploybot_nextrelease plays the next release in
// the rolling upgrade test (faults/upgrade_test.go): it has this release's
// code and migrations, and after them the expand migrations of
// testdata/nextrelease. Release builds never carry the tag.

//go:embed testdata/nextrelease/*.sql
var nextReleaseFiles embed.FS

func init() {
	sub, err := fs.Sub(nextReleaseFiles, "testdata/nextrelease")
	if err != nil {
		panic(err)
	}
	nextRelease = sub
}
