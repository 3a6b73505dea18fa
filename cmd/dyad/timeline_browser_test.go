package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The pair page as it reads on real data: the HistoryAtState visits
// between the United States and Russia and Syria, beside the demo's
// Syria–Russia events.

// realTab is a tab on a server that holds the demo and the visits of
// testdata/historyatstate.
func realTab(t *testing.T) *browserTab {
	t.Helper()
	b := newTab(t)
	b.forgetLanguage()
	b.importCSV(filepath.Join("testdata", "historyatstate", "us-ru-sy.csv"))
	return b
}

// forgetLanguage clears the browser's cookies when the test ends: a page
// opened with ?lang=ar remembers Arabic in a cookie, for 127.0.0.1 on
// every port, which would follow the next tests to their servers.
func (b *browserTab) forgetLanguage() {
	b.t.Cleanup(func() {
		if _, err := chromedp.Call(b.ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
			b.t.Logf("clearing cookies: %v", err)
		}
	})
}

func (b *browserTab) importCSV(file string) {
	b.t.Helper()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"import", "--db", b.db, file}, noEnv, nil, &out, &out); err != nil {
		b.t.Fatalf("import %s: %v\n%s", file, err, out.String())
	}
}

// shootScreen saves what the window shows, for reviewers: the first screen.
func (b *browserTab) shootScreen(name string) {
	b.t.Helper()
	dir := filepath.Join(artifactsDir(), "screens")
	os.MkdirAll(dir, 0o755)
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// chartLayout is where the shown chart and its labels are, in page pixels.
type chartLayout struct {
	Kind                     string // across or down
	Top, Bottom, Left, Right float64
	PageWidth                float64
	Labels                   []struct {
		Text           string
		X1, X2, Y1, Y2 float64
		Size           float64
	}
}

const chartLayoutJS = `(() => {
	const svg = document.querySelector('#chart svg.timeline');
	const box = svg.getBoundingClientRect();
	const across = getComputedStyle(svg.querySelector('g.h')).display !== 'none';
	const labels = [...svg.querySelectorAll('.label, .vlabel, .side-name')].filter(t => t.getClientRects().length).map(t => {
		const r = t.getBoundingClientRect();
		return {text: t.textContent.trim(), x1: r.left, x2: r.right, y1: r.top + scrollY, y2: r.bottom + scrollY,
			size: parseFloat(getComputedStyle(t).fontSize)};
	});
	return JSON.stringify({kind: across ? 'across' : 'down', top: box.top + scrollY, bottom: box.bottom + scrollY, left: box.left, right: box.right,
		pageWidth: document.documentElement.scrollWidth, labels});
})()`

func (b *browserTab) chartLayout() chartLayout {
	b.t.Helper()
	var l chartLayout
	if err := json.Unmarshal([]byte(eval[string](b, chartLayoutJS)), &l); err != nil {
		b.t.Fatal(err)
	}
	return l
}

// checkLabels checks the labels of the shown chart as drawn, and the names
// of its sides: at least 12 px, inside the chart, none over another, no
// two cut to the same text.
func checkLabels(t *testing.T, where string, l chartLayout) {
	t.Helper()
	if len(l.Labels) == 0 {
		t.Errorf("%s: no labels", where)
	}
	cut := map[string]bool{}
	for i, a := range l.Labels {
		if a.Size < 12 {
			t.Errorf("%s: label %q is %v px", where, a.Text, a.Size)
		}
		if a.X1 < l.Left-1 || a.X2 > l.Right+1 {
			t.Errorf("%s: label %q at [%.0f, %.0f] leaves the chart [%.0f, %.0f]", where, a.Text, a.X1, a.X2, l.Left, l.Right)
		}
		if strings.Contains(a.Text, "…") {
			if cut[a.Text] {
				t.Errorf("%s: two labels cut to %q", where, a.Text)
			}
			cut[a.Text] = true
		}
		for _, c := range l.Labels[i+1:] {
			// Glyph boxes reach a little above and below the lines.
			if a.X1 < c.X2-0.5 && c.X1 < a.X2-0.5 && a.Y1 < c.Y2-2.5 && c.Y1 < a.Y2-2.5 {
				t.Errorf("%s: labels %q [%.0f, %.0f]x[%.0f, %.0f] and %q [%.0f, %.0f]x[%.0f, %.0f] overlap", where,
					a.Text, a.X1, a.X2, a.Y1, a.Y2, c.Text, c.X1, c.X2, c.Y1, c.Y2)
			}
		}
	}
}

// TestBrowserPairOnScreen: at 1280x800 the whole chart is on the first
// screen; on a 390x844 phone it is vertical and starts in the top half;
// its labels are 12 px or more and never overlap, nor the names of the
// sides, beside the side panel too; in English and in Arabic. The
// screenshots are saved as screens/pair-us-ru-ar-1280.png and so on.
func TestBrowserPairOnScreen(t *testing.T) {
	b := realTab(t)
	for _, size := range []struct {
		name string
		w, h int64
	}{{"1280", 1280, 800}, {"390", 390, 844}} {
		b.do("size", chromedp.EmulateViewport(size.w, size.h))
		for _, view := range []struct{ pair, lang string }{
			{"us/ru", "en"}, {"us/sy", "en"}, {"sy/ru", "en"}, {"us/ru", "ar"}, {"us/sy", "ar"}, {"sy/ru", "ar"},
		} {
			pair := view.pair
			where := pair + " in " + view.lang + " at " + size.name
			b.open("/pairs/" + pair + "?lang=" + view.lang)
			b.do("see the chart", chromedp.WaitVisible(chromedp.ID("chart")))
			l := b.chartLayout()
			switch size.name {
			case "1280":
				if l.Kind != "across" || l.Bottom > float64(size.h) {
					t.Errorf("%s: the %s chart ends at %.0f px, below the first screen (%d)", where, l.Kind, l.Bottom, size.h)
				}
			case "390":
				if l.Kind != "down" || l.Top > float64(size.h)/2 {
					t.Errorf("%s: the %s chart starts at %.0f px, below the top half (%d)", where, l.Kind, l.Top, size.h/2)
				}
			}
			if l.PageWidth > float64(size.w) {
				t.Errorf("%s: the page is %.0f px wide: it scrolls sideways", where, l.PageWidth)
			}
			checkLabels(t, where, l)
			b.shootScreen("pair-" + strings.ReplaceAll(pair, "/", "-") + "-" + view.lang + "-" + size.name)
		}
		// Ten dense years of US–Russia visits, then beside the side panel;
		// the United States' name among ten years of its visits to Syria.
		baker := b.eventNamed("Secretary Baker visits the U.S.S.R.")
		for _, path := range []string{"/pairs/us/ru?from=1985&to=1994", "/pairs/us/ru?from=1985&to=1994&event=" + baker,
			"/pairs/us/sy?from=1994&to=2003", "/pairs/us/ru?lang=ar&from=1985&to=1994&event=" + baker, "/pairs/us/sy?lang=ar&from=1994&to=2003"} {
			b.open(path)
			b.do("see the chart", chromedp.WaitVisible(chromedp.ID("chart")))
			checkLabels(t, path+" at "+size.name, b.chartLayout())
		}
		b.shootScreen("us-ru-1985-1994-panel-" + size.name)
	}
}

// eventNamed is the id of the first event of US–Russia with a title.
func (b *browserTab) eventNamed(title string) string {
	b.t.Helper()
	b.open("/pairs/us/ru?from=1985&to=1994")
	id := eval[string](b, fmt.Sprintf(`[...document.querySelectorAll('[data-testid=marker]')].find(m => m.querySelector('title').textContent.endsWith(%q)).dataset.event`, title))
	if id == "" {
		b.t.Fatalf("no event %q", title)
	}
	return id
}

// TestBrowserSVGLinksInPlace: overview bars, clusters and buckets are SVG
// links; choosing one changes the view in place, without loading the page.
func TestBrowserSVGLinksInPlace(t *testing.T) {
	b := realTab(t)
	// A pair of more events than the chart draws one by one.
	var csv strings.Builder
	csv.WriteString("date,title,countries,initiator\n")
	for i := range 260 {
		fmt.Fprintf(&csv, "%d-%02d-%02d,Meeting %d,FR; DE,%s\n", 2000+i%20, 1+i%12, 1+i%28, i, []string{"FR", "DE", ""}[i%3])
	}
	file := filepath.Join(t.TempDir(), "fr-de.csv")
	os.WriteFile(file, []byte(csv.String()), 0o644)
	b.importCSV(file)

	for _, tt := range []struct{ name, path, selector, want string }{
		{"overview bar", "/pairs/us/ru", "#overview-svg a rect", "from="},
		{"cluster", "/pairs/us/ru", "a.cluster.h text", "from="},
		{"bucket", "/pairs/fr/de", "a.bucket rect", "from=2000s"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := b.on(t)
			b.open(tt.path)
			b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.samePage = true`))
			b.click("the "+tt.name, tt.selector)
			b.waitFor("the new view", fmt.Sprintf(`location.search.includes(%q) && !document.getElementById('view').hasAttribute('aria-busy')`, tt.want))
			if !eval[bool](b, `window.samePage === true`) {
				t.Fatalf("choosing %s loaded the whole page (%s)", tt.name, b.location())
			}
			if tt.name != "overview bar" && !eval[bool](b, `document.activeElement !== null && document.activeElement.id === 'chart'`) {
				t.Errorf("the focus is not on the chart after choosing %s", tt.name)
			}
		})
	}
}

// TestBrowserTypingReplacesHistory: typing a search adds one history
// entry, not one per pause; Back leaves the search.
func TestBrowserTypingReplacesHistory(t *testing.T) {
	b := newTab(t)
	b.open("/pairs/sy/ru")
	before := eval[int](b, `history.length`)
	for _, q := range []string{"k", "kr", "kre", "krem"} {
		b.do("type", chromedp.SendKeys(chromedp.ID("q"), q[len(q)-1:]))
		b.waitFor("the view for "+q, fmt.Sprintf(`new URLSearchParams(location.search).get('q') === %q && !document.getElementById('view').hasAttribute('aria-busy')`, q))
	}
	if n := eval[int](b, `history.length`) - before; n != 1 {
		t.Fatalf("typing added %d history entries, want 1", n)
	}
	b.do("go back", chromedp.NavigateBack())
	b.waitFor("the page before the search", `!location.search.includes('q=') && document.querySelectorAll('[data-testid=marker]').length === 6`)
}

// TestBrowserFailedFetchNavigates: when the view cannot be fetched (a 5xx),
// the link is followed as a plain link: no error page is swapped in.
func TestBrowserFailedFetchNavigates(t *testing.T) {
	b := newTab(t)
	b.open("/pairs/sy/ru")
	b.do("break the fetch", chromedp.Evaluate[chromedp.Void](`window.samePage = true;
		window.fetch = () => Promise.resolve(new Response('<p>Internal error</p>', {status: 500, headers: {'Content-Type': 'text/html; charset=utf-8'}}))`))
	b.do("choose 1 year", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('nav.zoom a.preset')].find(a => a.textContent === '1 year').click()`))
	b.waitFor("the page of the year", `location.search.includes('from=2025') && window.samePage === undefined && document.readyState === 'complete'`)
	if n := b.markers(); n == 0 || strings.Contains(eval[string](b, `document.getElementById('view').textContent`), "Internal error") {
		t.Fatalf("after a failed fetch the page shows %d markers", n)
	}
}

// TestBrowserLinksKeepFilters: after filtering in place, every link to a
// view of the pair carries the filters, "Show … first" included.
func TestBrowserLinksKeepFilters(t *testing.T) {
	b := realTab(t)
	b.open("/pairs/us/ru")
	b.do("search", chromedp.SendKeys(chromedp.ID("q"), "moscow"))
	b.waitFor("the search", `new URLSearchParams(location.search).get('q') === 'moscow' && !document.getElementById('view').hasAttribute('aria-busy')`)
	lost := eval[string](b, `[...document.querySelectorAll('a')].map(a => new URL(a.href.baseVal ?? a.href, location.href))
		.filter(u => u.pathname.startsWith('/pairs/') && u.pathname.split('/').length === 4 && u.searchParams.get('q') !== 'moscow')
		.map(u => u.pathname + u.search).join(' ')`)
	// Clear drops the filters on purpose, keeping only the language.
	if lost = strings.TrimSpace(strings.ReplaceAll(" "+lost+" ", " /pairs/us/ru?lang=en ", " ")); lost != "" {
		t.Fatalf("links without the search: %s", lost)
	}
	b.click("Show Russia first", `[data-testid=swap]`)
	b.waitFor("the pair the other way", `location.pathname === '/pairs/ru/us' && new URLSearchParams(location.search).get('q') === 'moscow'`)
}

// TestBrowserZoomGestures: Ctrl+wheel and a pinch zoom about where they
// are, a drag pans, + on a focused marker zooms about it; each lands on
// events.
func TestBrowserZoomGestures(t *testing.T) {
	b := realTab(t)
	const start = "/pairs/us/ru?from=1985&to=1994"
	// gorbachev is the 1990 visit, right of the middle of the view.
	gorbachev := func() string {
		return eval[string](b, `[...document.querySelectorAll('[data-testid=marker]')].find(m => m.querySelector('title').textContent.includes('30 May 1990')).dataset.event`)
	}
	at := func(id string) (x, y float64) {
		var p [2]float64
		json.Unmarshal([]byte(eval[string](b, `JSON.stringify((r => [r.left + r.width / 2, r.top + r.height / 2])(document.querySelector('[data-testid=marker][data-event="`+id+`"] use').getBoundingClientRect()))`)), &p)
		return p[0], p[1]
	}
	window := func() string { return b.location() }
	landed := func(what, id string) {
		t.Helper()
		b.waitFor(what, `location.search !== `+fmt.Sprintf("%q", "?from=1985&to=1994")+` && !document.getElementById('view').hasAttribute('aria-busy')`)
		if n := b.markers(); n == 0 {
			t.Fatalf("%s: %s shows no event", what, window())
		}
		if id != "" && eval[int](b, `document.querySelectorAll('[data-testid=marker][data-event="`+id+`"]').length`) != 1 {
			t.Fatalf("%s: %s does not show the event zoomed about", what, window())
		}
	}

	t.Run("CtrlWheel", func(t *testing.T) {
		b := b.on(t)
		b.open(start)
		id := gorbachev()
		x, y := at(id)
		b.do("ctrl+wheel", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('#chart svg.timeline').dispatchEvent(new WheelEvent('wheel',
			{ctrlKey: true, deltaY: -300, clientX: %f, clientY: %f, bubbles: true, cancelable: true}))`, x, y)))
		landed("the zoom", id)
		if loc := window(); !strings.Contains(loc, "from=1987") && !strings.Contains(loc, "from=1988") {
			t.Errorf("Ctrl+wheel over 1990 of 1985–1994 shows %s", loc)
		}
	})

	t.Run("Pinch", func(t *testing.T) {
		b := b.on(t)
		b.open(start)
		id := gorbachev()
		x, y := at(id)
		b.do("pinch", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const svg = document.querySelector('#chart svg.timeline');
			const p = (type, id, x) => svg.dispatchEvent(new PointerEvent(type, {pointerId: id, pointerType: 'touch', isPrimary: id === 1, clientX: x, clientY: %f, bubbles: true}));
			p('pointerdown', 1, %f - 40); p('pointerdown', 2, %f + 40);
			p('pointermove', 1, %f - 120); p('pointermove', 2, %f + 120);
			p('pointerup', 1, %f - 120); p('pointerup', 2, %f + 120);
		})()`, y, x, x, x, x, x, x)))
		landed("the pinch", id)
	})

	t.Run("DragToPan", func(t *testing.T) {
		b := b.on(t)
		b.open(start)
		box, err := chromedp.Run(b.ctx, chromedp.Dimensions(chromedp.CSS("#chart svg.timeline")))
		if err != nil {
			t.Fatal(err)
		}
		q := box.Content
		y := q[1] + 12 // the row of the country's name: no marker there
		b.do("drag", chromedp.DragAndDropXY(q[0]+700, y, q[0]+300, y, 12))
		landed("the pan", "")
		if loc := window(); !strings.Contains(loc, "from=1987") && !strings.Contains(loc, "from=1988") {
			t.Errorf("dragging 1985–1994 left by a third of its width shows %s", loc)
		}
	})

	t.Run("PlusOnAFocusedMarker", func(t *testing.T) {
		b := b.on(t)
		b.open(start)
		id := gorbachev()
		b.do("focus the marker", chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid=marker][data-event="`+id+`"]').focus()`))
		b.key("plus", "+")
		landed("the zoom", id)
		if got := b.activeEvent(); got != id {
			t.Errorf("the focus is on %q after +, want the marker zoomed about (%s)", got, id)
		}
		b.key("minus", "-")
		b.waitFor("the zoom out", `!document.getElementById('view').hasAttribute('aria-busy') && document.activeElement && document.activeElement.dataset.event === '`+id+`'`)
		b.key("arrow left", kb.ArrowLeft)
		b.waitFor("the pan", `!document.getElementById('view').hasAttribute('aria-busy') && document.querySelectorAll('[data-testid=marker]').length > 0`)
	})
}

// TestBrowserPairArabic: in Arabic the chart reads right to left, as
// Arabic timelines do: the earliest event is right of the latest, the
// overview's window is where its years are, the arrow keys and a drag
// move the window the way they point.
func TestBrowserPairArabic(t *testing.T) {
	b := realTab(t)
	b.do("size", chromedp.EmulateViewport(1280, 800))
	const start = "/pairs/us/ru?lang=ar&from=1985&to=1994"
	b.open(start)
	b.do("see the chart", chromedp.WaitVisible(chromedp.ID("chart")))
	if dir := eval[string](b, `document.documentElement.dir`); dir != "rtl" {
		t.Fatalf("<html dir=%q>, want rtl", dir)
	}
	checkLabels(t, "Arabic 1985–1994", b.chartLayout())
	xs := eval[string](b, `JSON.stringify([...document.querySelectorAll('[data-testid=marker] g.h use')].map(u => u.getBoundingClientRect().left))`)
	var x []float64
	json.Unmarshal([]byte(xs), &x)
	if len(x) < 2 || !(x[0] > x[len(x)-1]) {
		t.Fatalf("markers at %v: want the earliest to the right of the latest", x)
	}
	// 1985–1994 of 1943–2019 lies left of the overview's middle.
	if brush := eval[float64](b, `(r => (r.left + r.right) / 2)(document.querySelector('[data-testid=brush]').getBoundingClientRect())`); brush > 640 {
		t.Errorf("the overview's window is centred at x=%.0f: want the left half, where the later years are", brush)
	}
	moved := func(what string) string {
		t.Helper()
		b.waitFor(what, `location.search !== '?lang=ar&from=1985&to=1994' && !document.getElementById('view').hasAttribute('aria-busy')`)
		return b.location()
	}
	from := func(loc string) int {
		u, err := url.Parse(loc)
		if err != nil {
			t.Fatal(err)
		}
		var y int
		fmt.Sscanf(u.Query().Get("from"), "%d", &y)
		if u.Query().Get("lang") != "ar" {
			t.Errorf("%s lost the language", loc)
		}
		return y
	}

	t.Run("ArrowLeftIsLater", func(t *testing.T) {
		b := b.on(t)
		b.open(start)
		b.do("focus the chart", chromedp.Evaluate[chromedp.Void](`document.getElementById("chart").focus()`))
		b.key("arrow left", kb.ArrowLeft)
		if got := from(moved("the pan")); got <= 1985 {
			t.Errorf("ArrowLeft in Arabic shows from=%d: want later than 1985, to the left", got)
		}
	})
	t.Run("ArrowRightIsEarlier", func(t *testing.T) {
		b := b.on(t)
		b.open(start)
		b.do("focus the chart", chromedp.Evaluate[chromedp.Void](`document.getElementById("chart").focus()`))
		b.key("arrow right", kb.ArrowRight)
		if got := from(moved("the pan")); got >= 1985 || got == 0 {
			t.Errorf("ArrowRight in Arabic shows from=%d: want earlier than 1985, to the right", got)
		}
	})
	t.Run("DragRightIsLater", func(t *testing.T) {
		b := b.on(t)
		b.open(start)
		box, err := chromedp.Run(b.ctx, chromedp.Dimensions(chromedp.CSS("#chart svg.timeline")))
		if err != nil {
			t.Fatal(err)
		}
		q := box.Content
		y := q[1] + 12 // the row of the country's name: no marker there
		// Dragging the drawing right brings what was left of it, later
		// days, into view.
		b.do("drag", chromedp.DragAndDropXY(q[0]+300, y, q[0]+700, y, 12))
		if got := from(moved("the pan")); got != 1987 && got != 1988 {
			t.Errorf("dragging 1985–1994 right by a third of its width in Arabic shows from=%d, want 1987 or 1988", got)
		}
	})
}
