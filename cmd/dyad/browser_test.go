package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests drive Debian's Chromium through chromedp against the
// real server, started by run on a random port with a temporary database.
// One browser serves the whole test binary; each test gets its own tab.

var (
	browserCtx  context.Context // nil when Chromium is missing
	browserSkip string
)

// artifactsDir is where failing browser tests leave a screenshot and the
// page's HTML, and where the page-type screenshots go.
func artifactsDir() string {
	if d := os.Getenv("DYAD_ARTIFACTS"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "dyad-artifacts")
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	path := findChromium()
	if path == "" {
		browserSkip = "Chromium is not installed: apt-get update && apt-get install -y chromium"
		if os.Getenv("CI") == "true" {
			fmt.Fprintln(os.Stderr, "browser tests: "+browserSkip+" (CI=true, so this is a failure)")
			return 1
		}
		return m.Run()
	}
	profile, err := os.MkdirTemp("", "dyad-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "en-GB"),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		fmt.Fprintln(os.Stderr, "browser tests: cannot start Chromium:", err)
		return 1
	}
	browserCtx = bctx
	return m.Run()
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserTab is one test's tab on a fresh server.
type browserTab struct {
	t    *testing.T
	ctx  context.Context
	base string
	db   string // the server's database file
}

// newTab starts a server with a new database (the demo data unless args say
// --no-demo) and opens a tab. On failure it saves a screenshot and the HTML.
func newTab(t *testing.T, args ...string) *browserTab {
	t.Helper()
	if browserCtx == nil {
		t.Skip(browserSkip)
	}
	dbPath := filepath.Join(t.TempDir(), "dyad.db")
	base, stop := startServer(t, append([]string{"--db", dbPath}, args...)...)
	t.Cleanup(func() { stop() })
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	b := &browserTab{t: t, ctx: ctx, base: base, db: dbPath}
	t.Cleanup(func() {
		if t.Failed() {
			b.saveArtifacts("failure")
		}
		cancelTimeout()
		cancel()
	})
	return b
}

// on returns the tab for use in a subtest, whose failures must be its own.
func (b *browserTab) on(t *testing.T) *browserTab {
	c := *b
	c.t = t
	return &c
}

// newTabOn opens another tab on the same server, as a person pasting a link.
func (b *browserTab) newTabOn() *browserTab {
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	b.t.Cleanup(func() { cancelTimeout(); cancel() })
	return &browserTab{t: b.t, ctx: ctx, base: b.base, db: b.db}
}

func (b *browserTab) saveArtifacts(kind string) {
	dir := filepath.Join(artifactsDir(), kind, strings.ReplaceAll(b.t.Name(), "/", "_"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(dir, "page.png"), png, 0o644)
	}
	if html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html"))); err == nil {
		os.WriteFile(filepath.Join(dir, "page.html"), []byte(html), 0o644)
	}
	b.t.Logf("screenshot and HTML of the page saved in %s", dir)
}

// do runs steps, failing the test with what was being done.
func (b *browserTab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browserTab) open(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path))
}

// eval evaluates a JavaScript expression.
func eval[T any](b *browserTab, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor waits until the expression is truthy.
func (b *browserTab) waitFor(what, expr string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		// A poll started on the page before a navigation ends with it;
		// poll again on the new page.
		if (strings.Contains(err.Error(), "navigated or closed") || strings.Contains(err.Error(), "Cannot find context")) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		b.t.Fatalf("waiting for %s (%s): %v\nURL now %s", what, expr, err, eval[string](b, "location.href"))
	}
}

func (b *browserTab) location() string {
	b.t.Helper()
	return strings.TrimPrefix(eval[string](b, "location.href"), b.base)
}

func (b *browserTab) markers() int {
	b.t.Helper()
	return eval[int](b, `document.querySelectorAll('[data-testid=marker]').length`)
}

// activeEvent is the data-event of the focused element, "" if none.
func (b *browserTab) activeEvent() string {
	b.t.Helper()
	return eval[string](b, `(document.activeElement && document.activeElement.getAttribute('data-event')) || ''`)
}

func (b *browserTab) key(what, keys string) {
	b.t.Helper()
	b.do(what, chromedp.KeyEvent(keys))
}

func TestBrowserTimeline(t *testing.T) {
	b := newTab(t)
	b.open("/pairs/sy/ru")
	b.do("see the chart", chromedp.WaitVisible(chromedp.ID("chart")))
	if n := b.markers(); n != 6 {
		t.Fatalf("%d markers, want the 6 demo events", n)
	}
	sides := eval[string](b, `[...document.querySelectorAll('[data-testid=marker]')].map(m => m.dataset.event + ':' + m.getAttribute('class').split(' ')[1]).join(' ')`)
	if !strings.Contains(sides, "side-a") || !strings.Contains(sides, "side-b") || !strings.Contains(sides, "side-none") {
		t.Fatalf("markers are not on both sides and the spine: %s", sides)
	}

	t.Run("FilterByKindAndText", func(t *testing.T) {
		b := b.on(t)
		b.do("open the filters", chromedp.Click(chromedp.CSS("#more-filters summary")))
		b.do("tick Make a visit", chromedp.Click(chromedp.CSS(`input[name=kind][value=make_visit]`)))
		b.waitFor("the visits", `location.search.includes('kind=make_visit') && document.querySelectorAll('[data-testid=marker]').length === 2`)
		if got := eval[string](b, `document.querySelector('fieldset.kinds legend').textContent`); !strings.Contains(got, "1 chosen") {
			t.Errorf("the kinds' legend says %q once one is ticked", got)
		}
		b.do("type a word", chromedp.SendKeys(chromedp.ID("q"), "kreml"))
		b.waitFor("the text filter", `location.search.includes('q=kreml') && document.querySelectorAll('[data-testid=marker]').length === 1`)
		if got := eval[string](b, `document.querySelector('[data-testid=count]').textContent`); !strings.Contains(got, "1 event match") {
			t.Fatalf("count says %q", got)
		}

		// The URL reproduces the view in a new tab.
		url := b.location()
		other := b.newTabOn()
		other.open(url)
		other.do("see the chart", chromedp.WaitVisible(chromedp.ID("chart")))
		if n := other.markers(); n != 1 {
			t.Fatalf("copied URL %s shows %d markers, want 1", url, n)
		}
		if v := eval[string](other, `document.getElementById('q').value`); v != "kreml" {
			t.Fatalf("copied URL's search box has %q", v)
		}

		// Back restores the previous state, form included.
		b.do("go back", chromedp.NavigateBack())
		b.waitFor("the visits again", `!location.search.includes('q=') && document.querySelectorAll('[data-testid=marker]').length === 2`)
		if v := eval[string](b, `document.getElementById('q').value`); v != "" {
			t.Fatalf("search box after back: %q", v)
		}
		b.open("/pairs/sy/ru")
	})

	t.Run("KeyboardMarkersAndPanel", func(t *testing.T) {
		b := b.on(t)
		b.open("/pairs/sy/ru?from=2025&to=2025")
		b.do("focus the chart", chromedp.Focus(chromedp.ID("chart")))
		// Tab reaches every marker, in time order.
		want := eval[string](b, `[...document.querySelectorAll('[data-testid=marker]')].map(m => m.dataset.event).join(',')`)
		var got []string
		for range strings.Count(want, ",") + 1 {
			b.key("tab", kb.Tab)
			got = append(got, b.activeEvent())
		}
		if strings.Join(got, ",") != want {
			t.Fatalf("Tab visits markers %v, want %s", got, want)
		}
		// Enter on the second marker opens its details in the panel.
		b.do("focus the second marker", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('[data-testid=marker]')[1].focus()`))
		first := b.activeEvent()
		if first == "" {
			t.Fatal("the second marker cannot take the focus")
		}
		b.key("enter", kb.Enter)
		b.waitFor("the panel", `document.querySelector('[data-testid=panel]') && document.activeElement.id === 'panel-title'`)
		if ev := eval[string](b, `document.querySelector('[data-testid=panel]').dataset.event`); ev != first {
			t.Fatalf("panel shows event %s, want %s", ev, first)
		}
		if !strings.Contains(b.location(), "event="+first) {
			t.Fatalf("URL %s does not hold the selected event", b.location())
		}
		// Escape closes it and gives the focus back to the marker.
		b.key("escape", kb.Escape)
		b.waitFor("the panel to close", `!document.querySelector('[data-testid=panel]')`)
		if got := b.activeEvent(); got != first {
			t.Fatalf("focus after Escape on %q, want marker %s", got, first)
		}
		// Arrow keys pan, over the empty years to the nearest events.
		before := b.location()
		b.do("focus the chart", chromedp.Focus(chromedp.ID("chart")))
		b.key("arrow left", kb.ArrowLeft)
		b.waitFor("the pan", fmt.Sprintf(`location.pathname + location.search !== %q`, before))
		if loc := b.location(); !strings.Contains(loc, "from=1970") || b.markers() != 1 {
			t.Fatalf("after ← the view is %s with %d markers, want the 1970s' event", loc, b.markers())
		}
		b.key("arrow right", kb.ArrowRight)
		b.waitFor("the pan back", `location.search.includes('from=2025')`)
	})

	t.Run("DragOverview", func(t *testing.T) {
		b := b.on(t)
		b.open("/pairs/sy/ru")
		box, err := chromedp.Run(b.ctx, chromedp.Dimensions(chromedp.ID("overview-svg")))
		if err != nil {
			t.Fatal(err)
		}
		q := box.Content
		x0, y, w := q[0], (q[1]+q[5])/2, q[2]-q[0]
		// Drag across the last fifth of the history (2014 to 2025).
		b.do("drag across the overview", chromedp.DragAndDropXY(x0+w*0.80, y, x0+w*0.995, y, 12))
		b.waitFor("the zoom", `location.search.includes('from=') && document.querySelector('[data-testid=brush]')`)
		loc := b.location()
		if !strings.Contains(loc, "to=2025") || strings.Contains(loc, "from=19") {
			t.Fatalf("after dragging over the recent years the view is %s", loc)
		}
		if n := b.markers(); n != 5 {
			t.Fatalf("%d markers after zooming to recent years, want 5", n)
		}
	})
}
