package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A newsroom's page on another site (another port) frames a timeline and
// loads its TimelineJS data: the embed renders, the full pair page refuses
// to be framed, and the export answers the cross-origin fetch.
func TestBrowserPublishOnAnotherSite(t *testing.T) {
	b := newTab(t)
	article := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><title>An article</title></head><body>
<h1>Syria and Russia</h1>
<iframe id="embed" src="%[1]s/pairs/sy/ru/embed?from=2025" width="600" height="420" title="timeline"></iframe>
<iframe id="full" src="%[1]s/pairs/sy/ru" width="300" height="200" title="full page"></iframe>
<script>
window.loaded = {};
for (const f of document.querySelectorAll("iframe")) f.addEventListener("load", () => { window.loaded[f.id] = true; });
fetch("%[1]s/pairs/sy/ru/timelinejs.json?lang=ar").then(r => r.json())
	.then(j => { window.tl = {events: j.events.length, language: j.language || ""}; })
	.catch(e => { window.tl = {error: String(e)}; });
</script></body></html>`, b.base)
	}))
	defer article.Close()

	b.do("open the article", chromedp.Navigate(article.URL))
	b.waitFor("the frames and the data", `window.tl !== undefined && window.loaded.embed && window.loaded.full`)
	if msg := eval[string](b, `window.tl.error || ""`); msg != "" {
		t.Fatalf("TimelineJS data from another site: %s", msg)
	}
	if n := eval[int64](b, `window.tl.events`); n < 5 {
		t.Errorf("TimelineJS data has %d events", n)
	}
	if l := eval[string](b, `window.tl.language`); l != "ar" {
		t.Errorf("TimelineJS language %q, want ar", l)
	}

	frames := childFrames(t, b, 2)
	var embedOK, fullBlocked bool
	for _, u := range frames {
		switch {
		case strings.Contains(u, "/embed"):
			embedOK = true
		case strings.HasPrefix(u, "chrome-error:"):
			fullBlocked = true
		}
	}
	if !embedOK {
		t.Errorf("the embed did not load in the other site's frame: %v", frames)
	}
	if !fullBlocked {
		t.Errorf("the full pair page let itself be framed: %v", frames)
	}
	b.shoot("iframe-on-another-site")
}

// childFrames waits up to 10 s for the page to have n frames, and returns
// their URLs (chrome-error:… for a frame that refused to load).
func childFrames(t *testing.T, b *browserTab, n int) map[string]string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		tree, err := chromedp.Call(b.ctx, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			t.Fatal(err)
		}
		frames := map[string]string{}
		for _, c := range tree.FrameTree.ChildFrames {
			frames[c.Frame.Name+c.Frame.URL] = c.Frame.URL
		}
		if len(frames) == n || time.Now().After(deadline) {
			return frames
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The embed snippet pasted into a page opened from a file, as a newsroom
// tries it first, shows the timeline.
func TestBrowserEmbedInAFile(t *testing.T) {
	b := newTab(t)
	path := filepath.Join(t.TempDir(), "article.html")
	html := fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><title>A draft</title></head><body>
<iframe id="embed" src="%s/pairs/sy/ru/embed" width="600" height="420" title="timeline"></iframe></body></html>`, b.base)
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do("open the draft", chromedp.Navigate("file://"+path))
	// The frame is of another site than the file: Chromium runs it as a
	// target of its own, with an error page's URL if it refused to load.
	deadline := time.Now().Add(10 * time.Second)
	var urls []string
	for {
		targets, err := chromedp.Targets(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		urls = urls[:0]
		loaded := false
		for _, tg := range targets {
			if tg.Type != "iframe" {
				continue
			}
			// Look inside: a frame that refused to load keeps its URL
			// but shows an error page, with no chart.
			// (Not cancelled here: that would close the frame; the tab's
			// end ends it.)
			fctx, _ := chromedp.NewContext(b.ctx, chromedp.WithTargetID(tg.TargetID))
			chart, err := chromedp.Run(fctx, chromedp.Evaluate[bool](`document.querySelector("figure svg") !== null`))
			urls = append(urls, fmt.Sprintf("%s (chart %v, %v)", tg.URL, chart, err))
			loaded = loaded || chart
		}
		if loaded {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the embed did not load in a page opened from a file: frames %v", urls)
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.shoot("embed-in-a-file")
}
