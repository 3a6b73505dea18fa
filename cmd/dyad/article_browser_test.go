package main

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Journey: an editor pastes the seed article, gets its four dated events,
// corrects one, leaves one out, and saves; the timeline shows them with the
// article as their source and each sentence as the excerpt.
func TestJourneyArticleAssistant(t *testing.T) {
	text, err := os.ReadFile("../../extract/testdata/articles/enab-baladi-2025-12-24-sy-ru.txt")
	if err != nil {
		t.Fatal(err)
	}
	b := newTab(t, "--no-demo")
	b.account("desk", "editor")
	b.login("desk")
	b.open("/events/from-article")
	b.shoot("article-form-1280")
	b.do("paste the article", chromedp.SetValue(chromedp.ID("f-text"), string(text)))
	b.setValue("f-published", "٢٤ كانون الأول ٢٠٢٥")
	b.click("read", `[data-testid=read]`)
	b.waitFor("the candidates", `document.querySelectorAll('[data-testid=candidate]').length > 0`)
	// No address was given (this test fetches nothing): it is asked for
	// on the review page, since every event cites the article.
	b.setValue("f-url", "https://www.enabbaladi.net/archives/سوريا-تريد-نقل-العلاقة")
	b.setValue("f-title", "سوريا تريد نقل العلاقة مع روسيا إلى مستوى استراتيجي")
	b.setValue("f-publisher", "عنب بلدي")
	b.shoot("article-review-1280")
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1)))
	b.shoot("article-review-390")
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the review page scrolls sideways on a phone: %d px wide", w)
	}
	b.do("desktop size", chromedp.EmulateViewport(1280, 800))
	dates := eval[[]string](b, `[...document.querySelectorAll('[data-testid=candidate] input[name$=".date"]')].map(e => e.value)`)
	for _, want := range []string{"2025-10-15", "2025-12-23", "2025-12-24", "1970s"} {
		if !strings.Contains(strings.Join(dates, " "), want) {
			t.Fatalf("candidates' dates %v lack %s", dates, want)
		}
	}
	if n := eval[int](b, `document.querySelectorAll('[data-testid=article-text] mark').length`); n != len(dates) {
		t.Fatalf("%d excerpts marked in the text, want %d", n, len(dates))
	}
	if strings.Contains(strings.Join(dates, " "), "2025-12-24") && eval[bool](b, `[...document.querySelectorAll('[data-testid=candidate] textarea[name$=".excerpt"]')].some(e => e.value.includes('تم جلبه'))`) {
		t.Fatal("the republisher's line became an event")
	}
	// Leave out the 1970s, and correct the 23 December event's countries.
	b.do("untick the 1970s", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('[data-testid=candidate]')].find(c => c.querySelector('input[name$=".date"]').value === '1970s').querySelector('input[type=checkbox]').click()`))
	b.do("correct a country", chromedp.Evaluate[chromedp.Void](`(() => { const c = [...document.querySelectorAll('[data-testid=candidate]')].find(c => c.querySelector('input[name$=".date"]').value === '2025-12-23'); c.querySelector('input[name$=".countries"]').value = 'SY RU'; c.querySelector('input[name$=".title"]').value = 'الشيباني وأبو قصرة في موسكو'; })()`))
	b.click("save", `[data-testid=save-selected]`)
	b.waitFor("the pair page", `location.pathname === '/pairs/sy/ru' && document.querySelector('[data-testid=flash]') !== null`)
	b.shoot("article-saved-1280")
	if got := eval[string](b, `document.querySelector('[data-testid=flash]').textContent`); !strings.Contains(got, "Saved 3 events") {
		t.Fatalf("flash %q", got)
	}
	b.open("/events.json")
	body := eval[string](b, `document.body.innerText`)
	for _, want := range []string{"الشيباني وأبو قصرة في موسكو", "https://www.enabbaladi.net/archives/سوريا-تريد-نقل-العلاقة", "يوم الثلاثاء الموافق 23 كانون الأول"} {
		if !strings.Contains(body, want) {
			t.Fatalf("the saved events lack %q:\n%.2000s", want, body)
		}
	}
	if strings.Contains(body, `"1970s"`) {
		t.Fatal("the unticked 1970s event was saved")
	}
}
