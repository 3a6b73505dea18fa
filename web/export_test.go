package web_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

func TestExportFormats(t *testing.T) {
	a := newApp(t, true)
	arabic := ev("2025-11-02", "لقاء وزيري خارجية سوريا وروسيا", timeline.KindConsult, "SY")
	arabic.Description = "سطر\n\n<script>alert(1)</script> & more"
	a.addEvents(arabic)
	page := a.get("/pairs/sy/ru?kind=consult")
	links := map[string]string{}
	for _, id := range []string{"export-json", "export-ics", "export-atom", "export-timelinejs"} {
		links[id] = page.doc.Find(`[data-testid=`+id+`]`).AttrOr("href", "")
		if !strings.HasSuffix(withoutLang(links[id]), "?kind=consult") {
			t.Fatalf("%s link %q does not carry the filters", id, links[id])
		}
	}

	t.Run("JSON", func(t *testing.T) {
		res := a.get(links["export-json"])
		var doc struct {
			Meta   map[string]string    `json:"meta"`
			Events []exchange.JSONEvent `json:"events"`
		}
		if err := json.Unmarshal([]byte(res.body), &doc); err != nil {
			t.Fatalf("%v\n%s", err, res.body)
		}
		if len(doc.Events) != 1 || doc.Events[0].Title != arabic.Title || doc.Events[0].Description != arabic.Description {
			t.Fatalf("events %+v", doc.Events)
		}
		if !strings.HasPrefix(doc.Events[0].URL, a.srv.URL+"/events/") {
			t.Fatalf("event URL %q", doc.Events[0].URL)
		}
	})
	t.Run("ICS", func(t *testing.T) {
		res := a.get(links["export-ics"])
		if !strings.HasPrefix(res.header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("content type %q", res.header.Get("Content-Type"))
		}
		unfolded := strings.ReplaceAll(res.body, "\r\n ", "")
		if !strings.HasPrefix(res.body, "BEGIN:VCALENDAR\r\n") || strings.Count(unfolded, "BEGIN:VEVENT\r\n") != 1 ||
			!strings.Contains(unfolded, "DTSTART;VALUE=DATE:20251102\r\n") || !strings.Contains(unfolded, "DTEND;VALUE=DATE:20251103\r\n") {
			t.Fatalf("calendar:\n%s", res.body)
		}
		// The link keeps the page's language (English); the event is told
		// only in Arabic, which the summary says.
		if !strings.Contains(unfolded, "SUMMARY;LANGUAGE=ar:"+arabic.Title+"\r\n") {
			t.Fatalf("Arabic summary missing:\n%s", unfolded)
		}
	})
	t.Run("Atom", func(t *testing.T) {
		res := a.get("/pairs/sy/ru/feed.atom")
		var feed struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			Entries []struct {
				Title string `xml:"title"`
				ID    string `xml:"id"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(res.body), &feed); err != nil {
			t.Fatalf("%v\n%s", err, res.body)
		}
		// The latest added first, whatever its date: the Arabic event.
		if len(feed.Entries) != 7 || feed.Entries[0].Title != arabic.Title {
			t.Fatalf("feed has %d entries, first %q; want 7, the latest added first", len(feed.Entries), feed.Entries[0].Title)
		}
		if !strings.Contains(res.body, "&lt;script&gt;") || strings.Contains(res.body, "<script>") {
			t.Fatalf("description not escaped")
		}
		if page := a.get("/pairs/sy/ru"); page.doc.Find(`link[rel=alternate][type="application/atom+xml"]`).Length() != 1 {
			t.Fatalf("the pair page does not announce its feed")
		}
		// An event about 1950 added now reaches the feed's subscribers.
		a.addEvents(ev("1950-03-01", "Syria and the Soviet Union exchange envoys", timeline.KindAgreement, ""))
		feed.Entries = nil
		if err := xml.Unmarshal([]byte(a.get("/pairs/sy/ru/feed.atom").body), &feed); err != nil {
			t.Fatal(err)
		}
		if len(feed.Entries) != 8 || feed.Entries[0].Title != "Syria and the Soviet Union exchange envoys" {
			t.Fatalf("feed has %d entries, first %q; want the 1950 event just added", len(feed.Entries), feed.Entries[0].Title)
		}
	})
	t.Run("TimelineJS", func(t *testing.T) {
		res := a.get(links["export-timelinejs"])
		var doc struct {
			Title struct {
				Text struct{ Headline string } `json:"text"`
			} `json:"title"`
			Events []struct {
				StartDate map[string]string `json:"start_date"`
				Text      struct{ Headline, Text string }
			} `json:"events"`
		}
		if err := json.Unmarshal([]byte(res.body), &doc); err != nil {
			t.Fatalf("%v\n%s", err, res.body)
		}
		if doc.Title.Text.Headline != "Syria – Russia" || len(doc.Events) != 1 || doc.Events[0].StartDate["year"] != "2025" {
			t.Fatalf("%+v", doc)
		}
		if strings.Contains(doc.Events[0].Text.Text, "<script>") {
			t.Fatalf("TimelineJS text not escaped: %q", doc.Events[0].Text.Text)
		}
	})
	t.Run("AllEvents", func(t *testing.T) {
		for _, path := range []string{"/events.csv", "/events.json"} {
			if res := a.get(path); res.status != 200 || !strings.Contains(res.body, arabic.Title) {
				t.Fatalf("%s: %d", path, res.status)
			}
		}
	})
}

func TestAPI(t *testing.T) {
	a := newApp(t, true)
	res := a.get("/api/pairs/sy/ru/events?limit=4")
	var page struct {
		Total  int                  `json:"total"`
		Next   string               `json:"next"`
		Events []exchange.JSONEvent `json:"events"`
	}
	if err := json.Unmarshal([]byte(res.body), &page); err != nil {
		t.Fatal(err)
	}
	if page.Total != 6 || len(page.Events) != 4 || page.Next == "" {
		t.Fatalf("first page: total %d, %d events, next %q", page.Total, len(page.Events), page.Next)
	}
	// The page's keys are README's (next is there while more events follow).
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	api := string(readme)[strings.Index(string(readme), "GET /api/pairs/{a}/{b}/events"):]
	example := api[strings.Index(api, "```json")+len("```json") : strings.Index(api, "```\n\n")]
	got, gotValues := objectKeys(t, res.body)
	want, wantValues := objectKeys(t, example)
	if !slices.Equal(got, want) {
		t.Fatalf("the page has the keys %q; README shows %q", got, want)
	}
	got, _ = objectKeys(t, string(gotValues["pair"]))
	want, _ = objectKeys(t, string(wantValues["pair"]))
	if !slices.Equal(got, want) {
		t.Fatalf("the pair has the keys %q; README shows %q", got, want)
	}
	res = a.get(page.Next)
	var second struct {
		Next   string               `json:"next"`
		Events []exchange.JSONEvent `json:"events"`
	}
	json.Unmarshal([]byte(res.body), &second)
	if len(second.Events) != 2 || second.Next != "" || second.Events[1].Date != "2025-12-24" {
		t.Fatalf("second page %+v", second)
	}
	res = a.get("/api/pairs/sy/ru/events?side=b")
	json.Unmarshal([]byte(res.body), &page)
	if page.Total != 1 {
		t.Fatalf("side=b: %d events", page.Total)
	}
	for path, want := range map[string]int{
		"/api/pairs/sy/ru/events?limit=5000":    http.StatusBadRequest,
		"/api/pairs/sy/ru/events?from=tomorrow": http.StatusBadRequest,
		"/api/pairs/sy/zz/events":               http.StatusNotFound,
	} {
		res := a.get(path)
		var e struct{ Error string }
		if res.status != want || json.Unmarshal([]byte(res.body), &e) != nil || e.Error == "" {
			t.Errorf("%s: %d %s", path, res.status, res.body)
		}
	}
}

// objectKeys lists the keys of a JSON object in the order they come, and
// their values.
func objectKeys(t *testing.T, body string) ([]string, map[string]json.RawMessage) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", body)
	}
	var keys []string
	values := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		values[tok.(string)] = v
	}
	return keys, values
}

// lang=ar gives the demo events' Arabic titles in calendars, feeds and
// TimelineJS; without it they keep their main (English) text.
func TestExportLang(t *testing.T) {
	a := newApp(t, true)
	arabic := timeline.DemoEvents()[1].Texts[0].Title
	english := timeline.DemoEvents()[1].Title
	for _, file := range []string{"events.ics", "feed.atom", "timelinejs.json"} {
		t.Run(file, func(t *testing.T) {
			res := a.get("/pairs/sy/ru/" + file + "?lang=ar")
			if res.status != 200 || !strings.Contains(res.body, arabic) || strings.Contains(res.body, english) {
				t.Fatalf("lang=ar: %d, Arabic title %v, English title %v", res.status, strings.Contains(res.body, arabic), strings.Contains(res.body, english))
			}
			res = a.get("/pairs/sy/ru/" + file)
			if res.status != 200 || strings.Contains(res.body, arabic) || !strings.Contains(res.body, english) {
				t.Fatalf("no lang: %d, Arabic title %v, English title %v", res.status, strings.Contains(res.body, arabic), strings.Contains(res.body, english))
			}
		})
	}
	t.Run("TimelineJSLanguage", func(t *testing.T) {
		if res := a.get("/pairs/sy/ru/timelinejs.json?lang=AR"); !strings.HasPrefix(res.body, `{"language":"ar",`) {
			t.Fatalf("%.60s", res.body)
		}
	})
	t.Run("CSVHasEveryLanguage", func(t *testing.T) {
		res := a.get("/pairs/sy/ru/events.csv?lang=ar")
		head, _, _ := strings.Cut(res.body, "\n")
		if !strings.HasSuffix(head, ",title_ar,description_ar") || !strings.Contains(res.body, english) || !strings.Contains(res.body, arabic) {
			t.Fatalf("header %q", head)
		}
	})
	t.Run("ErrNotALanguage", func(t *testing.T) {
		if res := a.get("/pairs/sy/ru/events.ics?lang=x!"); res.status != http.StatusBadRequest {
			t.Fatalf("status %d", res.status)
		}
	})
}
