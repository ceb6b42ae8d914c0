// Package scripts_test runs scripts/release.sh for the machine's own
// platform and checks what it makes.
package scripts_test

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRelease builds a release archive for this machine's platform and
// checks the archive's files, its checksum and the binary's --version. The
// other platform needs a cross C compiler: `scripts/release.sh` alone builds
// both.
func TestRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a release binary (about a minute from a cold cache): not with -short")
	}
	if raceEnabled {
		t.Skip("the release build is the same with or without -race: run once")
	}
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		t.Skipf("release.sh builds linux/amd64 and linux/arm64, not %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no gcc: cgo cannot build")
	}
	out := t.TempDir()
	platform := "linux/" + runtime.GOARCH
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute) // should never be reached
	defer cancel()
	cmd := exec.CommandContext(ctx, "./release.sh", "-o", out, "-v", "9.9.9-test", platform)
	output, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("release.sh: %v\n%s", err, output)
	}
	name := "deploybot-9.9.9-test-linux-" + runtime.GOARCH
	archive := filepath.Join(out, name+".tar.gz")

	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if want := hex.EncodeToString(sum[:]) + "  " + name + ".tar.gz\n"; string(sums) != want {
		t.Errorf("SHA256SUMS = %q, want %q", sums, want)
	}

	files := untar(t, archive, out)
	want := []string{"LICENSE", "README.md", "config.example.yaml", "deploybot", "deploybot.service"}
	if !slices.Equal(files, want) {
		t.Errorf("the archive holds %v, want %v", files, want)
	}
	v, err := exec.Command(filepath.Join(out, name, "deploybot"), "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(v), "deploybot 9.9.9-test (commit ") || strings.Contains(string(v), "commit unknown") && hasGit() {
		t.Errorf("--version printed %q", v)
	}
}

// untar extracts archive into dir and returns the names of its files,
// sorted, without their directory.
func untar(t *testing.T, archive, dir string) []string {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		p := filepath.Join(dir, filepath.Clean(h.Name))
		if !strings.HasPrefix(p, dir+string(os.PathSeparator)) {
			t.Fatalf("archive entry %q leaves its directory", h.Name)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		w, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, os.FileMode(h.Mode)&0o755)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, tr); err != nil {
			t.Fatal(err)
		}
		w.Close()
		names = append(names, filepath.Base(h.Name))
	}
	slices.Sort(names)
	return names
}

// hasGit reports whether the source is a git checkout, so that the commit
// is known.
func hasGit() bool {
	return exec.Command("git", "rev-parse", "HEAD").Run() == nil
}
