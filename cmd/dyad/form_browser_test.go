package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/dyadhq/dyad/timeline"
)

// The event form in the browser: rows added and removed in place, the
// focus after a failed save, the duplicate warning, and Enter.

const saveButton = `[data-testid=event-form] .actions button[type=submit]:not([name])`

// activeID is the id of the focused element.
func (b *browserTab) activeID() string {
	b.t.Helper()
	return eval[string](b, `document.activeElement ? document.activeElement.id : ''`)
}

// click clicks an element once the page has loaded: a click queued while
// a new page is still arriving can lose its node.
func (b *browserTab) click(what, selector string) {
	b.t.Helper()
	b.waitFor(what, fmt.Sprintf(`document.readyState === 'complete' && document.querySelector(%q) !== null`, selector))
	b.do(what, chromedp.Click(chromedp.CSS(selector)))
}

// TestBrowserFormRows: a fourth country and a third source are added with
// JavaScript, in place and focused; a source removed in place renumbers the
// rows after it; the event is saved with all of them.
func TestBrowserFormRows(t *testing.T) {
	b := newTab(t)
	b.account("desk", "editor")
	b.login("desk")
	b.open("/events/new?a=sy&b=ru")
	// A mark on the window survives only if the page is not loaded again.
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.samePage = true`))

	b.click("add a country", "#add-country")
	b.waitFor("the third country", `document.activeElement && document.activeElement.id === 'f-country-2'`)
	b.click("add another country", "#add-country")
	b.waitFor("the fourth country", `document.activeElement && document.activeElement.id === 'f-country-3'`)
	if got := eval[string](b, `document.getElementById('lb-country-3').textContent`); got != "Country 4 (optional)" {
		t.Fatalf("fourth country labelled %q", got)
	}
	b.do("countries", chromedp.SetValue(chromedp.ID("f-country-2"), "TR"), chromedp.SetValue(chromedp.ID("f-country-3"), "IR"))

	b.click("add a source", "#add-source")
	b.waitFor("the second source", `document.activeElement && document.activeElement.id === 'f-sources-1-url'`)
	b.click("add another source", "#add-source")
	b.waitFor("the third source", `document.activeElement && document.activeElement.id === 'f-sources-2-url'`)
	if got := eval[string](b, `document.getElementById('lb-sources-2').textContent`); got != "Source 3" {
		t.Fatalf("third source labelled %q", got)
	}
	if !eval[bool](b, `window.samePage === true`) {
		t.Fatal("adding rows loaded the page again")
	}

	b.shoot("form-rows-1280")
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1)))
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("with four countries and three sources the form is %d px wide at 390 px", w)
	}
	b.shoot("form-rows-390")
	b.do("desktop size", chromedp.EmulateViewport(1280, 800, chromedp.EmulateScale(1)))

	b.setValue("f-title", "Four-way talks in Moscow")
	b.setValue("f-date", "2025-11-20")
	b.do("kind", chromedp.SetValue(chromedp.ID("f-kind"), "consult"))
	b.setValue("f-sources-0-url", "https://example.org/one")
	b.setValue("f-sources-1-url", "https://example.org/two")
	b.setValue("f-sources-2-url", "https://example.org/three")

	// Removing the second source moves the third up, renumbered.
	b.click("remove source 2", "#rm-sources-1")
	b.waitFor("the source removed", `document.querySelectorAll('#rows-source > [data-row]').length === 2`)
	if got := eval[string](b, `document.getElementById('f-sources-1-url').value + ' ' + document.getElementById('lb-sources-1').textContent + ' ' + document.getElementById('rm-sources-1').value`); got != "https://example.org/three Source 2 sources-1" {
		t.Fatalf("after removing source 2, the second row is %q", got)
	}
	if got := b.activeID(); got != "f-sources-1-url" {
		t.Fatalf("focus after removing on %q, want the row that took its place", got)
	}
	if got := eval[string](b, `document.getElementById('rm-sources-1').getAttribute('aria-labelledby')`); got != "rm-sources-1 lb-sources-1" {
		t.Fatalf("remove button labelled by %q", got)
	}
	if !eval[bool](b, `window.samePage === true`) {
		t.Fatal("removing a row loaded the page again")
	}

	b.click("save", saveButton)
	b.waitFor("the event page", `document.querySelector('[data-testid=event-title]') !== null`)
	page := eval[string](b, `document.querySelector('main').textContent`)
	for _, want := range []string{timeline.Country("TR").Name(), timeline.Country("IR").Name(), "example.org/one", "example.org/three"} {
		if !strings.Contains(page, want) {
			t.Errorf("the saved event does not show %q", want)
		}
	}
	if strings.Contains(page, "example.org/two") {
		t.Errorf("the removed source was saved")
	}

	// Rows stop at the model's limit, and the add button goes.
	b.open("/events/new")
	got := eval[string](b, `(() => {
		const add = document.getElementById('add-country');
		for (let i = 0; i < 60 && getComputedStyle(add).display !== 'none'; i++) add.click();
		return document.querySelectorAll('#rows-country > [data-row]').length + ' ' + getComputedStyle(add).display;
	})()`)
	if want := fmt.Sprintf("%d none", timeline.MaxCountries); got != want {
		t.Fatalf("countries after pressing add until it goes: %q, want %q", got, want)
	}
	b.click("remove the last country", fmt.Sprintf("#rm-country-%d", timeline.MaxCountries-1))
	if !eval[bool](b, `getComputedStyle(document.getElementById('add-country')).display !== 'none'`) {
		t.Fatal("below the limit again, the add button stays hidden")
	}
}

// TestBrowserFormErrorSummary: after a failed save the focus is on the
// summary of problems, whose links take the focus to each field.
func TestBrowserFormErrorSummary(t *testing.T) {
	b := newTab(t)
	b.account("desk", "editor")
	b.login("desk")
	b.open("/events/new?a=sy&b=ru")
	b.setValue("f-title", "A visit")
	b.setValue("f-date", "24 Foo 2025")
	b.do("kind", chromedp.SetValue(chromedp.ID("f-kind"), "make_visit"))
	b.click("save", saveButton)
	b.waitFor("the summary, focused", `document.getElementById('form-errors') && document.activeElement.id === 'form-errors'`)
	b.click("follow the link to the date", `#form-errors a[href="#f-date"]`)
	b.waitFor("the date field, focused", `document.activeElement.id === 'f-date'`)
	if got := eval[string](b, `document.getElementById('f-date').getAttribute('aria-describedby')`); !strings.Contains(got, "e-f-date") {
		t.Fatalf("date described by %q", got)
	}
	b.shoot("form-error-summary-1280")
}

// TestBrowserFormDuplicate: an event like one stored is saved only after
// the warning, which has the focus and links to the other event.
func TestBrowserFormDuplicate(t *testing.T) {
	b := newTab(t)
	b.account("desk", "editor")
	b.login("desk")
	b.open("/events/new?a=sy&b=ru")
	b.setValue("f-title", "Al-Sharaa in Moscow")
	b.setValue("f-date", "2025-10-15")
	b.do("kind", chromedp.SetValue(chromedp.ID("f-kind"), "make_visit"))
	b.click("save", saveButton)
	b.waitFor("the warning, focused", `document.getElementById('form-duplicates') && document.activeElement.id === 'form-duplicates'`)
	warning := eval[string](b, `document.getElementById('form-duplicates').textContent`)
	if !strings.Contains(warning, "An event of this kind on this date already exists for Syria – Russia") ||
		!strings.Contains(warning, "Al-Sharaa visits Putin at the Kremlin") {
		t.Fatalf("warning says %q", warning)
	}
	if got := eval[string](b, `document.querySelector('[data-testid=duplicate]').getAttribute('href')`); got != "/events/2" {
		t.Fatalf("warning links to %q", got)
	}
	b.shoot("form-duplicate-1280")
	b.click("save anyway", "[data-testid=save-anyway]")
	b.waitFor("the new event", `location.pathname === '/events/7' && document.querySelector('[data-testid=flash]') !== null`)
}

// TestBrowserFormEnter: Enter in a field saves, although Remove buttons come
// before the Save button.
func TestBrowserFormEnter(t *testing.T) {
	b := newTab(t)
	b.account("desk", "editor")
	b.login("desk")
	b.open("/events/2/edit")
	if eval[int](b, `document.querySelectorAll('#rows-source button[name=remove]').length`) == 0 {
		t.Fatal("no remove button to stand in the way")
	}
	if !eval[bool](b, `getComputedStyle(document.querySelector('#event-form button')).display === 'none'`) {
		t.Fatal("the form's default button is shown")
	}
	b.setValue("f-title", "Al-Sharaa visits Putin")
	b.do("focus the title", chromedp.Focus(chromedp.ID("f-title")))
	b.key("enter", kb.Enter)
	b.waitFor("the saved event", `location.pathname === '/events/2' && document.querySelector('[data-testid=flash]') !== null`)
	if got := eval[string](b, `document.querySelector('[data-testid=event-title]').textContent`); got != "Al-Sharaa visits Putin" {
		t.Fatalf("title after Enter: %q", got)
	}
}

// TestBrowserFormWithoutJS: with scripts off, the add and remove buttons
// send the form, which comes back with what was typed, a row more or less,
// and the focus in the right place.
func TestBrowserFormWithoutJS(t *testing.T) {
	b := newTab(t)
	b.account("desk", "editor")
	b.login("desk")
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.open("/events/new?a=sy&b=ru")
	b.setValue("f-title", "Talks without scripts")
	b.setValue("f-sources-0-url", "https://example.org/one")
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.samePage = true`))
	b.click("add a source", "#add-source")
	b.waitFor("the second source, focused", `document.getElementById('f-sources-1-url') && document.activeElement.id === 'f-sources-1-url'`)
	if eval[bool](b, `window.samePage === true`) {
		t.Fatal("the row was added in place: scripts ran")
	}
	if got := eval[string](b, `document.getElementById('f-title').value + ' ' + document.getElementById('f-sources-0-url').value`); got != "Talks without scripts https://example.org/one" {
		t.Fatalf("after adding a row the form holds %q", got)
	}
	b.click("remove the first source", "#rm-sources-0")
	b.waitFor("one source left", `document.querySelectorAll('#rows-source > [data-row]').length === 1 && document.activeElement.id === 'f-sources-0-url'`)
	if got := eval[string](b, `document.getElementById('f-sources-0-url').value`); got != "" {
		t.Fatalf("the first source was not the one removed: the row left holds %q", got)
	}
}
