package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
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

	deadline := time.Now().Add(10 * time.Second)
	var frames map[string]string
	for {
		tree, err := chromedp.Call(b.ctx, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			t.Fatal(err)
		}
		frames = map[string]string{}
		for _, c := range tree.FrameTree.ChildFrames {
			frames[c.Frame.Name+c.Frame.URL] = c.Frame.URL
		}
		if len(frames) == 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
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
