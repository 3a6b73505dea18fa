package web_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/dyadhq/dyad/timeline"
	"github.com/dyadhq/dyad/web"
)

// rows counts the rows of a list on the page, not those of its template.
func rows(doc *goquery.Document, list string) int {
	return doc.Find("#rows-" + list + " > [data-row]").Length()
}

func savedEvents(t *testing.T, a *testApp) int {
	t.Helper()
	_, n, err := a.store.FindEvents(context.Background(), timeline.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAddRowButtons(t *testing.T) {
	tests := []struct {
		add, list, field string
		before           int // rows in eventForm()
		focus            string
	}{
		{"country", "country", "country", 3, "f-country-3"},
		{"actor", "actor", "actor_name", 3, "f-actors-3-name"},
		{"source", "source", "source_url", 3, "f-sources-3-url"},
	}
	for _, tt := range tests {
		t.Run(tt.add, func(t *testing.T) {
			a := newApp(t, false)
			form := eventForm()
			form.Set("add", tt.add)
			res := a.post("/events", form)
			if res.status != 200 {
				t.Fatalf("status %d, want 200", res.status)
			}
			if got, want := rows(res.doc, tt.list), tt.before+1; got != want {
				t.Fatalf("%d %s rows, want %d", got, tt.list, want)
			}
			// What was typed stays, and the new row takes the focus.
			if got := res.doc.Find("#f-sources-1-url").AttrOr("value", ""); got != "https://example.org/lavrov" {
				t.Fatalf("second source url kept as %q", got)
			}
			if got := res.doc.Find("[autofocus]").AttrOr("id", ""); got != tt.focus {
				t.Fatalf("autofocus on %q, want %q", got, tt.focus)
			}
			if n := savedEvents(t, a); n != 0 {
				t.Fatalf("adding a row saved the event")
			}
		})
	}

	t.Run("UpToTheLimit", func(t *testing.T) {
		a := newApp(t, false)
		for _, tt := range []struct {
			add, list string
			max       int
			fill      func(url.Values, int)
		}{
			{"country", "country", timeline.MaxCountries, func(v url.Values, n int) { v["country"] = make([]string, n) }},
			{"actor", "actor", timeline.MaxActors, func(v url.Values, n int) { v["actor_name"] = make([]string, n) }},
			{"source", "source", timeline.MaxSources, func(v url.Values, n int) { v["source_url"] = make([]string, n) }},
		} {
			form := eventForm()
			tt.fill(form, tt.max-1)
			form.Set("add", tt.add)
			res := a.post("/events", form)
			if got := rows(res.doc, tt.list); got != tt.max {
				t.Fatalf("%s: %d rows, want %d", tt.add, got, tt.max)
			}
			if _, hidden := res.doc.Find("#add-" + tt.add).Attr("hidden"); !hidden {
				t.Fatalf("%s: the add button is offered at the limit of %d", tt.add, tt.max)
			}
			form = formValues(res.doc)
			form.Set("add", tt.add)
			res = a.post("/events", form)
			if got := rows(res.doc, tt.list); got != tt.max {
				t.Fatalf("%s: adding past the limit gives %d rows, want %d", tt.add, got, tt.max)
			}
		}
	})
}

func TestRemoveRowButtons(t *testing.T) {
	a := newApp(t, false)
	form := eventForm()
	form["country"] = []string{"SY", "RU", "TR", "IR"}
	form.Set("remove", "sources-0")
	res := a.post("/events", form)
	if res.status != 200 {
		t.Fatalf("status %d, want 200", res.status)
	}
	if got := rows(res.doc, "source"); got != 2 {
		t.Fatalf("%d source rows after removing one of 3, want 2", got)
	}
	// The second source moved up, numbered as the first.
	if got := res.doc.Find("#f-sources-0-url").AttrOr("value", ""); got != "https://example.org/lavrov" {
		t.Fatalf("first source now %q", got)
	}
	if got := strings.TrimSpace(res.doc.Find("#lb-sources-0").Text()); got != "Source 1" {
		t.Fatalf("first source row labelled %q", got)
	}
	if got := res.doc.Find("[autofocus]").AttrOr("id", ""); got != "f-sources-0-url" {
		t.Fatalf("autofocus on %q, want the row that took the removed one's place", got)
	}
	if n := savedEvents(t, a); n != 0 {
		t.Fatalf("removing a row saved the event")
	}

	// Countries: the third can go, the first two have no remove button.
	form.Set("remove", "country-2")
	res = a.post("/events", form)
	var got []string
	res.doc.Find(`#rows-country select[name=country]`).Each(func(_ int, s *goquery.Selection) {
		got = append(got, s.Find("option[selected]").AttrOr("value", ""))
	})
	if strings.Join(got, " ") != "SY RU IR" {
		t.Fatalf("countries after removing the third: %v", got)
	}
	if n := res.doc.Find(`#rows-country button[name=remove]`).Length(); n != 1 {
		t.Fatalf("%d remove buttons for 3 countries, want 1 (the optional third)", n)
	}
	// Each remove button names its row.
	if got := res.doc.Find("#rm-actors-1").AttrOr("aria-labelledby", ""); got != "rm-actors-1 lb-actors-1" {
		t.Fatalf("remove button of actor 2 labelled by %q", got)
	}

	// The last actor row can go; the add button takes the focus.
	form = eventForm()
	form["actor_name"], form["actor_role"], form["actor_country"] = []string{"Sergey Lavrov"}, []string{""}, []string{""}
	form.Set("remove", "actors-0")
	res = a.post("/events", form)
	if got := rows(res.doc, "actor"); got != 0 {
		t.Fatalf("%d actor rows after removing the only one", got)
	}
	if got := res.doc.Find("[autofocus]").AttrOr("id", ""); got != "add-actor" {
		t.Fatalf("autofocus on %q, want add-actor", got)
	}
}

// TestEnterSaves: Enter in a field presses the form's first submit button,
// which must save, not remove or add a row.
func TestEnterSaves(t *testing.T) {
	a := newApp(t, true)
	for _, path := range []string{"/events/new?a=sy&b=ru", "/events/2/edit"} {
		res := a.get(path)
		first := res.doc.Find(`[data-testid=event-form] button`).First()
		if first.AttrOr("type", "") != "submit" {
			t.Fatalf("%s: the first button is not a submit button", path)
		}
		if name, ok := first.Attr("name"); ok {
			t.Fatalf("%s: the first submit button is named %q: Enter would press it", path, name)
		}
	}
}

func TestFormMaxLength(t *testing.T) {
	a := newApp(t, true)
	res := a.get("/events/2/edit")
	form := res.doc.Find(`[data-testid=event-form]`)
	for _, tt := range []struct {
		selector string
		want     int
	}{
		{"#f-title", timeline.MaxTitle},
		{"#f-location", timeline.MaxLocation},
		{"#f-description", timeline.MaxDescription},
		{"#f-tags", timeline.MaxTags * (timeline.MaxTag + 2)},
		{"input[name=actor_name]", timeline.MaxName},
		{"input[name=actor_role]", timeline.MaxName},
		{"input[name=actor_country]", 60}, // a code or a name, in either language
		{"input[name=source_url]", timeline.MaxURL},
		{"input[name=source_title]", timeline.MaxSourceTitle},
		{"input[name=source_publisher]", timeline.MaxName},
		{"input[name=source_archive_url]", timeline.MaxURL},
		{"textarea[name=source_excerpt]", timeline.MaxExcerpt},
	} {
		t.Run(tt.selector, func(t *testing.T) {
			els := form.Find(tt.selector)
			if els.Length() == 0 {
				t.Fatalf("no %s on the form", tt.selector)
			}
			els.Each(func(_ int, s *goquery.Selection) {
				if got := s.AttrOr("maxlength", ""); got != strconv.Itoa(tt.want) {
					t.Errorf("%s#%s maxlength=%q, want %d", tt.selector, s.AttrOr("id", ""), got, tt.want)
				}
			})
		})
	}
	// The longest text the browser lets through is accepted.
	v := formValues(res.doc)
	v.Set("title", strings.Repeat("ع", timeline.MaxTitle))
	tags := make([]string, timeline.MaxTags)
	for i := range tags {
		tags[i] = fmt.Sprintf("%02d", i) + strings.Repeat("t", timeline.MaxTag-2)
	}
	v.Set("tags", strings.Join(tags, ", "))
	if got, max := len([]rune(v.Get("tags"))), timeline.MaxTags*(timeline.MaxTag+2); got > max {
		t.Fatalf("test tags are %d characters, over the field's %d", got, max)
	}
	if res := a.post("/events/2", v); res.status != 303 {
		t.Fatalf("title and tags at their limits: status %d: %s", res.status, res.doc.Find("#form-errors").Text())
	}
}

func TestErrorSummary(t *testing.T) {
	a := newApp(t, false)
	form := eventForm()
	form.Set("title", "")
	form.Set("date", "24 Foo 2025")
	form["country"] = []string{"SY", "QQ"}
	form["source_url"] = []string{"javascript:alert(1)", "https://example.org/x"}
	res := a.post("/events", form)
	if res.status != 422 {
		t.Fatalf("status %d, want 422", res.status)
	}
	summary := res.doc.Find("#form-errors")
	if summary.AttrOr("role", "") != "alert" || summary.AttrOr("tabindex", "") != "-1" {
		t.Fatalf("summary role=%q tabindex=%q", summary.AttrOr("role", ""), summary.AttrOr("tabindex", ""))
	}
	// The summary comes before the form, and its links lead to the fields.
	if res.doc.Find("#form-errors ~ form#event-form").Length() != 1 {
		t.Fatalf("the summary is not above the form")
	}
	var hrefs []string
	summary.Find("a").Each(func(_ int, s *goquery.Selection) { hrefs = append(hrefs, s.AttrOr("href", "")) })
	if got, want := strings.Join(hrefs, " "), "#f-title #f-date #f-country-0 #f-sources-0-url"; got != want {
		t.Fatalf("summary links %q, want %q", got, want)
	}
	for _, h := range hrefs {
		field := res.doc.Find(h)
		if field.Length() != 1 {
			t.Fatalf("summary link %s leads nowhere", h)
		}
		// Each field is described by its own message.
		msg := "e-" + strings.TrimPrefix(h, "#")
		if h == "#f-country-0" {
			msg = "e-f-countries"
		}
		if !strings.Contains(" "+field.AttrOr("aria-describedby", "")+" ", " "+msg+" ") || res.doc.Find("#"+msg).Length() != 1 {
			t.Fatalf("%s aria-describedby=%q, want it to name its message #%s", h, field.AttrOr("aria-describedby", ""), msg)
		}
	}
	if src := res.doc.Find(`script[src^="/static/"][src$="/form.js"]`); src.Length() != 1 {
		t.Fatalf("the form page does not load form.js")
	}
}

func TestDuplicateWarning(t *testing.T) {
	a := newApp(t, true)
	// The demo has "Al-Sharaa visits Putin at the Kremlin" (event 2): Syria
	// made a visit to Russia on 15 October 2025.
	form := eventForm()
	form.Set("title", "Al-Sharaa in Moscow")
	form.Set("date", "2025-10-15")
	form.Set("end", "")
	form.Set("kind", string(timeline.KindVisit))
	res := a.post("/events", form)
	if res.status != 409 {
		t.Fatalf("status %d, want 409 with the warning", res.status)
	}
	warn := res.doc.Find("[data-testid=duplicates]")
	if !strings.Contains(warn.Text(), "An event of this kind on this date already exists for Syria – Russia") {
		t.Fatalf("warning says %q", warn.Text())
	}
	// Links keep the reader's language.
	if href := warn.Find("a[data-testid=duplicate]").AttrOr("href", ""); href != "/events/2?lang=en" {
		t.Fatalf("warning links to %q, want /events/2?lang=en", href)
	}
	if n := savedEvents(t, a); n != 6 {
		t.Fatalf("%d events after the warning, want the 6 of the demo", n)
	}
	// What was typed is kept, and saving anyway saves.
	if got := res.doc.Find("#f-title").AttrOr("value", ""); got != "Al-Sharaa in Moscow" {
		t.Fatalf("title kept as %q", got)
	}
	again := formValues(res.doc)
	if again.Get("duplicates_seen") != "2" {
		t.Fatalf("duplicates_seen=%q, want 2", again.Get("duplicates_seen"))
	}
	if res := a.post("/events", again); res.status != 303 {
		t.Fatalf("save anyway: status %d", res.status)
	}
	if n := savedEvents(t, a); n != 7 {
		t.Fatalf("%d events after saving anyway, want 7", n)
	}

	t.Run("OtherKindOrDate", func(t *testing.T) {
		for _, change := range []func(url.Values){
			func(v url.Values) { v.Set("kind", string(timeline.KindTelephone)) },
			func(v url.Values) { v.Set("date", "2025-10-16") },
			func(v url.Values) { v["country"] = []string{"SY", "TR"} },
		} {
			v := eventForm()
			v.Set("date", "2025-10-15")
			v.Set("end", "")
			v.Set("kind", string(timeline.KindVisit))
			change(v)
			if res := a.post("/events", v); res.status != 303 {
				t.Fatalf("status %d, want 303: %s", res.status, res.doc.Find("[data-testid=duplicates]").Text())
			}
		}
	})

	t.Run("EditNotItself", func(t *testing.T) {
		edit := a.get("/events/2/edit")
		v := formValues(edit.doc)
		v.Set("title", "Al-Sharaa visits Putin")
		if res := a.post("/events/2", v); res.status != 303 {
			t.Fatalf("editing event 2: status %d: %s", res.status, res.doc.Find("[data-testid=duplicates]").Text())
		}
		// A coarser date is checked again, and finds event 2 itself and the
		// October visits added above (7 saved anyway, 9 on the 16th): only
		// the others are named.
		edit = a.get("/events/2/edit")
		v = formValues(edit.doc)
		v.Set("date", "2025-10")
		res := a.post("/events/2", v)
		var links []string
		res.doc.Find("a[data-testid=duplicate]").Each(func(_ int, s *goquery.Selection) { links = append(links, s.AttrOr("href", "")) })
		if res.status != 409 || strings.Join(links, " ") != "/events/7?lang=en /events/9?lang=en" {
			t.Fatalf("event 2 at October 2025: status %d, warning links %v; want 409 and /events/7 and 9", res.status, links)
		}
	})

	t.Run("EditOntoAnother", func(t *testing.T) {
		// Event 4 (a visit on 23 December) moved to 15 October meets
		// events 2 and the one saved anyway above.
		edit := a.get("/events/4/edit")
		v := formValues(edit.doc)
		v.Set("date", "2025-10-15")
		res := a.post("/events/4", v)
		if res.status != 409 {
			t.Fatalf("status %d, want 409", res.status)
		}
		var links []string
		res.doc.Find("a[data-testid=duplicate]").Each(func(_ int, s *goquery.Selection) { links = append(links, s.AttrOr("href", "")) })
		if len(links) != 2 || links[0] != "/events/2?lang=en" {
			t.Fatalf("warning links %v, want event 2 and the one saved anyway", links)
		}
		if strings.Contains(strings.Join(links, " "), "/events/4?") {
			t.Fatalf("the warning names the event being edited")
		}
	})

	t.Run("NewDuplicateWarnsAgain", func(t *testing.T) {
		// Having seen event 2 does not cover an event seen for the first time.
		v := eventForm()
		v.Set("date", "2025-12-24")
		v.Set("kind", string(timeline.KindStatement))
		v.Set("duplicates_seen", "2")
		res := a.post("/events", v)
		if res.status != 409 {
			t.Fatalf("status %d, want 409", res.status)
		}
		// Event 5 (24 December) and event 6 (December 2025) overlap the date.
		if n := res.doc.Find("a[data-testid=duplicate]").Length(); n != 2 {
			t.Fatalf("%d events in the warning, want 2", n)
		}
	})
}

func TestSharedSourceNote(t *testing.T) {
	a := newApp(t, true)
	// The six demo events cite the same article.
	res := a.get("/events/2/edit")
	note := res.doc.Find("[data-testid=shared-source]")
	if note.Length() != 1 {
		t.Fatalf("%d notes on the edit form, want 1", note.Length())
	}
	want := "This source is cited by 5 other events: changing its title, publisher, language, dates or archive changes what they show, and is recorded in their history."
	if got := strings.TrimSpace(note.Text()); got != want {
		t.Fatalf("note %q, want %q", got, want)
	}
	// The note describes the source's fields and sits in its row.
	if id := note.AttrOr("id", ""); id != "n-sources-0" || !strings.Contains(res.doc.Find("#f-sources-0-title").AttrOr("aria-describedby", ""), id) {
		t.Fatalf("note id %q; title described by %q", id, res.doc.Find("#f-sources-0-title").AttrOr("aria-describedby", ""))
	}

	// A new event citing it, sent back with an error, counts all six.
	v := eventForm()
	v["source_url"] = []string{timeline.DemoEvents()[0].Sources[0].URL, "https://example.org/lavrov"}
	v.Set("date", "not a date")
	res = a.post("/events", v)
	if got := res.doc.Find("#rows-source > [data-row]").First().Find("[data-testid=shared-source]").Text(); !strings.Contains(got, "cited by 6 other events") {
		t.Fatalf("note on the new event's first source: %q", got)
	}
	if n := res.doc.Find("[data-testid=shared-source]").Length(); n != 1 {
		t.Fatalf("%d notes, want 1: the second source is cited by nobody", n)
	}

	// One other event: the singular.
	e := timeline.DemoEvents()[1]
	e.Sources = []timeline.Citation{{Source: timeline.Source{URL: "https://example.org/once"}}}
	if err := a.store.CreateEvent(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	v["source_url"] = []string{"https://example.org/once"}
	res = a.post("/events", v)
	if got := strings.TrimSpace(res.doc.Find("[data-testid=shared-source]").Text()); !strings.HasPrefix(got, "This source is cited by 1 other event: ") {
		t.Fatalf("note %q", got)
	}
}

// TestFullestFormFitsTheLimit: an event with every list at its limit and
// every text at its longest, in Arabic (each letter is six bytes once
// percent-encoded), is within the default limits on a form's size and
// number of values.
func TestFullestFormFitsTheLimit(t *testing.T) {
	ar := func(n int) string { return strings.Repeat("ع", n) }
	longURL := "https://example.org/" + strings.Repeat("%D8%B9", (timeline.MaxURL-20)/6)
	v := url.Values{
		"title": {ar(timeline.MaxTitle)}, "date": {"2025-12-24"}, "end": {"2025-12-25"}, "kind": {"consult"},
		"initiator": {"SY"}, "location": {ar(timeline.MaxLocation)}, "description": {ar(timeline.MaxDescription)},
		"tags": {ar(timeline.MaxTags * (timeline.MaxTag + 2))}, "version": {"12"}, "duplicates_seen": {"1 2 3"},
	}
	for range timeline.MaxCountries {
		v.Add("country", "SY")
	}
	for range timeline.MaxActors {
		v.Add("actor_name", ar(timeline.MaxName))
		v.Add("actor_role", ar(timeline.MaxName))
		v.Add("actor_country", "SY")
	}
	for range timeline.MaxSources {
		v.Add("source_url", longURL)
		v.Add("source_title", ar(timeline.MaxSourceTitle))
		v.Add("source_publisher", ar(timeline.MaxName))
		v.Add("source_language", "ar")
		v.Add("source_published", "2025-12-24")
		v.Add("source_retrieved", "2025-12-24")
		v.Add("source_archive_url", longURL)
		v.Add("source_excerpt", ar(timeline.MaxExcerpt))
	}
	if size := len(v.Encode()); size > web.DefaultMaxFormBytes {
		t.Fatalf("the fullest form is %d bytes; the default limit is %d", size, web.DefaultMaxFormBytes)
	}
	n := 0
	for _, vs := range v {
		n += len(vs)
	}
	if n > 2000 {
		t.Fatalf("the fullest form has %d values; the limit is 2000", n)
	}
}

// The form's title_LANG and description_LANG fields are the event's texts
// in other languages; an edit from a form without them keeps the stored
// ones (the edit page does not show them yet).
func TestFormTexts(t *testing.T) {
	a := newApp(t, true)
	ctx := context.Background()
	arabic := timeline.DemoEvents()[1].Texts
	texts := func() []timeline.Text {
		t.Helper()
		e, err := a.store.FindEventByID(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		return e.Texts
	}
	t.Run("EditWithoutTextFieldsKeepsThem", func(t *testing.T) {
		v := formValues(a.get("/events/2/edit").doc)
		for k := range v {
			if strings.HasPrefix(k, "title_") || strings.HasPrefix(k, "description_") {
				v.Del(k)
			}
		}
		v.Set("title", "Al-Sharaa visits Putin")
		if res := a.post("/events/2", v); res.status != 303 {
			t.Fatalf("status %d", res.status)
		}
		if got := texts(); len(got) != 1 || got[0] != arabic[0] {
			t.Fatalf("texts after an edit without their fields: %+v", got)
		}
	})
	t.Run("OK", func(t *testing.T) {
		v := formValues(a.get("/events/2/edit").doc)
		v.Set("title_ar", "الشرع في الكرملين")
		v.Set("description_ar", "")
		v.Set("title_EN-gb", "Al-Sharaa at the Kremlin")
		if res := a.post("/events/2", v); res.status != 303 {
			t.Fatalf("status %d", res.status)
		}
		want := []timeline.Text{{Lang: "ar", Title: "الشرع في الكرملين"}, {Lang: "en-GB", Title: "Al-Sharaa at the Kremlin"}}
		if got := texts(); !slices.Equal(got, want) {
			t.Fatalf("texts %+v, want %+v", got, want)
		}
	})
	t.Run("ClearedFieldsRemove", func(t *testing.T) {
		v := formValues(a.get("/events/2/edit").doc)
		v.Set("title_ar", "")
		v.Set("description_ar", "")
		v.Set("title_en-GB", "Al-Sharaa at the Kremlin")
		if res := a.post("/events/2", v); res.status != 303 {
			t.Fatalf("status %d", res.status)
		}
		if got := texts(); len(got) != 1 || got[0].Lang != "en-GB" {
			t.Fatalf("texts %+v, want the English only", got)
		}
	})
	t.Run("ErrDescriptionWithoutTitle", func(t *testing.T) {
		v := eventForm()
		v.Set("description_ar", "وصف بلا عنوان")
		res := a.post("/events", v)
		if res.status != 422 {
			t.Fatalf("status %d, want 422", res.status)
		}
	})
}

// latinWords finds the words of Latin script in the interface text of an
// Arabic page: its visible text and labelling attributes, without user
// content (dir=auto, bdi, elements in another language) and without the
// names and codes that stay Latin in Arabic (format names, CAMEO, UTC).
func latinWords(doc *goquery.Document) []string {
	body := doc.Find("body").Clone()
	body.Find("script, template, [dir=auto], bdi, [lang]:not([lang=ar]), input[type=hidden], .langs, datalist").Remove()
	text := body.Text()
	body.Find("[aria-label], optgroup[label], [placeholder], [title]").Each(func(_ int, s *goquery.Selection) {
		for _, a := range []string{"aria-label", "label", "placeholder", "title"} {
			text += " " + s.AttrOr(a, "")
		}
	})
	allowed := map[string]bool{"dyad": true, "CSV": true, "URL": true, "CAMEO": true, "UTC": true, "ISO": true, "BCP": true,
		"http": true, "https": true, "host": true}
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
		if len(w) > 1 && !allowed[w] {
			out = append(out, w)
		}
	}
	return out
}

// TestEventPagesInArabic: the form (fresh, filled for editing, and after a
// failed save), the event's page and the delete confirmation speak Arabic
// through the real router, with no English interface text left.
func TestEventPagesInArabic(t *testing.T) {
	a := newApp(t, true)
	bad := eventForm()
	bad.Set("date", "٢٤ كانونن ٢٠٢٥")
	bad.Set("end", "")
	bad.Set("tags", "سياسة، اقتصاد")
	bad["source_url"][0] = "enabbaladi.net/x"
	for _, tt := range []struct {
		name, path string
		form       url.Values
		status     int
		want       []string
	}{
		{"New", "/events/new?lang=ar&a=sy&b=ru", nil, 200, []string{"إضافة حدث", "ما الذي جرى", "العنوان", "البلد الأول", "إضافة مصدر آخر", "حفظ الحدث", "سوريا", "اختر…", "القيام بزيارة", "لا مبادر بعينه"}},
		{"Edit", "/events/2/edit?lang=ar", nil, 200, []string{"تعديل الحدث", "15 تشرين الأول 2025", "المصدر 1", "الشخصية 1"}},
		{"Failed", "/events?lang=ar", bad, 422, []string{"لم يُحفظ شيء.", "حقلان يحتاجان إلى مراجعة.", "لم يُفهم التاريخ", "اكتب رابطًا كاملًا يبدأ بـ", "المصدر 1، الرابط", "٢٤ كانونن ٢٠٢٥"}},
		{"Show", "/events/2?lang=ar", nil, 200, []string{"15 تشرين الأول 2025", "بدقة اليوم", "القيام بزيارة", "زيارة من سوريا إلى روسيا", "المبادر", "الشخصيات", "المصادر", "(العربية)", "الخطوط الزمنية", "سوريا – روسيا", "تعديل", "سجل التعديلات"}},
		{"Delete", "/events/2/delete?lang=ar", nil, 200, []string{"أتحذف هذا الحدث؟", "احذف الحدث", "إلغاء", "15 تشرين الأول 2025"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var res response
			if tt.form != nil {
				res = a.post(tt.path, tt.form)
			} else {
				res = a.get(tt.path)
			}
			if res.status != tt.status {
				t.Fatalf("status %d, want %d", res.status, tt.status)
			}
			if got := res.doc.Find("html").AttrOr("lang", "") + " " + res.doc.Find("html").AttrOr("dir", ""); got != "ar rtl" {
				t.Fatalf("<html lang dir> = %q", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.body, w) {
					t.Errorf("the page does not say %q", w)
				}
			}
			if words := latinWords(res.doc); len(words) > 0 {
				t.Errorf("English interface text left: %q", words)
			}
		})
	}

	t.Run("InputKept", func(t *testing.T) {
		res := a.post("/events?lang=ar", bad)
		if got := res.doc.Find("#f-date").AttrOr("value", ""); got != "٢٤ كانونن ٢٠٢٥" {
			t.Fatalf("date kept as %q", got)
		}
		if got := res.doc.Find("#f-tags").AttrOr("value", ""); got != "سياسة، اقتصاد" {
			t.Fatalf("tags kept as %q", got)
		}
		if got := res.doc.Find(`#f-country-0 option[selected]`).Text(); got != "سوريا" {
			t.Fatalf("first country kept as %q", got)
		}
	})

	// The same pages in English keep their English.
	t.Run("English", func(t *testing.T) {
		res := a.post("/events?lang=en", bad)
		for _, w := range []string{"Nothing was saved.", "2 fields need attention.", "is not a date dyad understands", "Source 1, address: Give a full web address"} {
			if !strings.Contains(res.doc.Text(), w) {
				t.Errorf("the English form does not say %q", w)
			}
		}
		if len(latinWords(res.doc)) < 50 {
			t.Errorf("the check for English left finds little on the English form: %q", latinWords(res.doc))
		}
		show := a.get("/events/2?lang=en")
		if got := show.doc.Find("[data-testid=initiator]").Text(); got != "Visit by Syria to Russia" {
			t.Errorf("initiator %q", got)
		}
	})
}

// TestArabicTagsSplit: tags separated by the Arabic comma are separate tags.
func TestArabicTagsSplit(t *testing.T) {
	a := newApp(t, false)
	form := eventForm()
	form.Set("tags", "سياسة، اقتصاد,عسكري")
	res := a.post("/events?lang=ar", form)
	if res.status != 303 {
		t.Fatalf("status %d: %s", res.status, res.doc.Find("[data-testid=error-summary]").Text())
	}
	show := a.get(res.header.Get("Location"))
	var tags []string
	show.doc.Find(".facts .badge").Each(func(_ int, s *goquery.Selection) { tags = append(tags, s.Text()) })
	if got, want := strings.Join(tags, "|"), "سياسة|اقتصاد|عسكري"; got != want {
		t.Fatalf("tags %q, want %q", got, want)
	}
}
