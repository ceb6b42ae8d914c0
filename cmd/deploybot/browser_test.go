package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"deploybot"
)

// chromiumPath finds Debian's chromium (or a Chrome). In CI it must be
// there (.ci/run installs it); elsewhere the browser tests are skipped,
// saying so.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("DEPLOYBOT_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is missing: .ci/run installs it (apt-get install -y chromium)")
	}
	t.Skip("SKIP: browser tests need chromium (apt-get install -y chromium); none found")
	return ""
}

// browser starts a headless chromium for the test, with flags for a
// machine without network or sandbox, and collects the errors the pages
// write to the console (calls of console.error, uncaught exceptions, and
// the browser's own errors such as a failed load).
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	path := chromiumPath(t)
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]), chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()))
	// No deadline depends on this machine's speed but a generous bound on
	// the whole test, so that a browser that hangs fails it.
	parent, stop := context.WithTimeout(context.Background(), 5*time.Minute)
	alloc, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc(); stop() })
	b := &browser{ctx: ctx}
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("start chromium: %v", err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.errors = append(b.errors, fmt.Sprintf("%s (%s:%d)", m.String(), m.URL, m.Line))
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// consoleErrors returns and forgets the errors seen so far.
func (b *browser) consoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.errors
	b.errors = nil
	return out
}

func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// open loads path and waits until the page's main part is there.
func (b *browser) open(t *testing.T, url string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	// The new document, fully loaded: no element of the page before.
	b.waitFor(t, url, fmt.Sprintf(`location.href === %q && document.readyState === 'complete' && !!document.querySelector('main')`, url))
	if err := chromedp.Do(b.ctx, chromedp.WaitVisible("main")); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
}

// waitFor polls a JavaScript condition until it holds.
func (b *browser) waitFor(t *testing.T, what, js string) {
	t.Helper()
	for {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		select {
		case <-b.ctx.Done():
			t.Fatalf("waiting for %s: %v", what, b.ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}}

func (b *browser) resize(t *testing.T, v viewport) {
	t.Helper()
	var opts []chromedp.EmulateViewportOption
	if v.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(v.width, v.height, opts...)); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserPages drives the pages in headless chromium over a seeded
// store: each page loads with no console error at desktop and phone
// width, with nothing wider than a phone's screen but the tables' own
// scrolling; the tables hold what the store holds; the timeline's filters
// work; the home page refreshes its running deployments from the API.
// With DEPLOYBOT_SCREENSHOTS=DIR it writes each page's screenshots there
// (docs/ keeps them).
func TestBrowserPages(t *testing.T) {
	b := newBrowser(t)
	srv, db, prod30 := webSite(t)
	ctx := context.Background()
	all, err := db.FindDeployments(ctx, deploybot.DeploymentFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var rolledBack deploybot.Deployment
	for _, d := range all {
		if d.State == deploybot.StateRolledBack && d.Project == "shop" {
			rolledBack = d
		}
	}
	pages := []struct{ name, path string }{
		{"now", "/"},
		{"deployments", "/deployments"},
		{"deployment", fmt.Sprintf("/deployments/%d", rolledBack.ID)},
		{"calendar", "/calendar"},
		{"dora", "/dora"},
	}
	shots := os.Getenv("DEPLOYBOT_SCREENSHOTS")
	for _, v := range viewports {
		b.resize(t, v)
		for _, p := range pages {
			b.open(t, srv.URL+p.path)
			if errs := b.consoleErrors(); len(errs) > 0 {
				t.Errorf("%s at %s width: console errors:\n%s", p.path, v.name, strings.Join(errs, "\n"))
			}
			// Nothing makes the page wider than the screen: wide tables
			// scroll in their own box.
			if over := eval[int](t, b, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
				t.Errorf("%s at %s width: the page is %dpx wider than the screen", p.path, v.name, over)
			}
			if shots != "" {
				png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("web-%s-%s.png", p.name, v.name)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	b.resize(t, viewports[0])

	t.Run("now holds the store's current versions", func(t *testing.T) {
		b.open(t, srv.URL+"/")
		rows := eval[[][]string](t, b, `[...document.querySelectorAll('#environments tbody tr')].map(tr => [tr.dataset.project, tr.dataset.env, tr.cells[2].innerText.trim()])`)
		if len(rows) != 6 {
			t.Fatalf("%d environments, want 6: %v", len(rows), rows)
		}
		for _, r := range rows {
			runs, err := db.Runs(ctx, r[0], r[1])
			if err != nil {
				t.Fatal(err)
			}
			want := "—"
			if len(runs) > 0 {
				want = runs[len(runs)-1].Version
			}
			if r[2] != want {
				t.Errorf("%s/%s shows %q, the store %q", r[0], r[1], r[2], want)
			}
		}
		running := eval[[]string](t, b, `[...document.querySelectorAll('#running tbody tr td:nth-child(4)')].map(td => td.innerText)`)
		pending := eval[[]string](t, b, `[...document.querySelectorAll('#pending tbody tr td:nth-child(4)')].map(td => td.innerText)`)
		if !slices.Equal(running, []string{"v1.12.0"}) || !slices.Equal(pending, []string{"v2.6.0"}) {
			t.Errorf("running %v, waiting %v", running, pending)
		}
		// The running table refreshes from /api/v1/now.
		b.waitFor(t, "the live refresh", `!document.getElementById('live').hidden`)
		if errs := b.consoleErrors(); len(errs) > 0 {
			t.Errorf("console errors while refreshing: %v", errs)
		}
	})

	t.Run("the timeline holds the store's deployments", func(t *testing.T) {
		b.open(t, srv.URL+"/deployments")
		ids := eval[[]string](t, b, `[...document.querySelectorAll('#timeline tr.deployment td:first-child')].map(td => td.innerText)`)
		var want []string
		byTime := slices.Clone(all)
		slices.SortStableFunc(byTime, func(a, b deploybot.Deployment) int { return b.CreatedAt.Compare(a.CreatedAt) })
		for _, d := range byTime {
			want = append(want, fmt.Sprintf("#%d", d.ID))
		}
		if !slices.Equal(ids, want) {
			t.Errorf("timeline shows %v,\nthe store holds %v", ids, want)
		}
	})

	t.Run("filters", func(t *testing.T) {
		tests := []struct {
			field, value string
			keep         func(deploybot.Deployment) bool
			attr         string
		}{
			{"project", "api", func(d deploybot.Deployment) bool { return d.Project == "api" }, "project"},
			{"env", "production", func(d deploybot.Deployment) bool { return d.Env == "production" }, "env"},
			{"state", "rolled_back", func(d deploybot.Deployment) bool { return d.State == deploybot.StateRolledBack }, "state"},
		}
		for _, tt := range tests {
			b.open(t, srv.URL+"/deployments")
			// Choosing in the select submits the form (app.js), as a
			// person's choice does.
			eval[bool](t, b, fmt.Sprintf(`(() => { const s = document.querySelector('select[name=%q]'); s.value = %q;
				s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, tt.field, tt.value))
			b.waitFor(t, "the filtered page", fmt.Sprintf(`location.search.includes(%q) && document.readyState === 'complete' && !!document.getElementById('timeline')`, tt.field+"="+tt.value))
			got := eval[[]string](t, b, fmt.Sprintf(`[...document.querySelectorAll('#timeline tr.deployment')].map(tr => tr.dataset[%q])`, tt.attr))
			n := 0
			for _, d := range all {
				if tt.keep(d) {
					n++
				}
			}
			if len(got) != n || n == 0 {
				t.Errorf("%s=%s: %d rows, the store has %d", tt.field, tt.value, len(got), n)
			}
			for _, g := range got {
				if g != tt.value {
					t.Errorf("%s=%s shows a row of %s", tt.field, tt.value, g)
				}
			}
		}
	})

	t.Run("a deployment's page", func(t *testing.T) {
		b.open(t, fmt.Sprintf("%s/deployments/%d", srv.URL, rolledBack.ID))
		events, err := db.DeploymentEvents(ctx, rolledBack.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := eval[int](t, b, `document.querySelectorAll('#events tbody tr').length`); n != len(events) {
			t.Errorf("%d transitions shown, the store has %d", n, len(events))
		}
		plan := eval[string](t, b, `document.getElementById('plan').innerText`)
		if !strings.Contains(plan, fmt.Sprintf("(#%d)", rolledBack.ID)) || !strings.Contains(plan, "built-in practice") {
			t.Errorf("plan: %q", plan)
		}
	})

	t.Run("calendar and DORA", func(t *testing.T) {
		b.open(t, srv.URL+"/calendar")
		if n := eval[int](t, b, `document.querySelectorAll('.cal-day').length`); n != 28 {
			t.Errorf("%d days, want 28", n)
		}
		if !strings.Contains(eval[string](t, b, `document.getElementById('reminders').innerText`), "dora") {
			t.Error("the dora reminder is not listed")
		}
		b.open(t, srv.URL+"/dora")
		if got := eval[string](t, b, `document.querySelector('#dora tbody tr .deployments').innerText`); got != fmt.Sprint(prod30) {
			t.Errorf("agency deployments %s, want %d", got, prod30)
		}
		if n := eval[int](t, b, `document.querySelectorAll('#chart .bar').length`); n < 5 {
			t.Errorf("%d weeks in the chart", n)
		}
	})
}
