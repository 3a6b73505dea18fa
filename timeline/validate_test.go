package timeline

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// validEvent returns an event that passes Validate unchanged.
func validEvent() *Event {
	return &Event{
		Date:        MustParseDate("2025-10-15"),
		Title:       "Al-Sharaa visits Putin at the Kremlin",
		Description: "President Vladimir Putin received Ahmed al-Sharaa.\n\nThey discussed wheat.",
		Kind:        KindVisit,
		Countries:   []Country{"SY", "RU"},
		Initiator:   "SY",
		Location:    "Kremlin, Moscow",
		Actors: []Actor{
			{Name: "Ahmed al-Sharaa", Role: "President", Country: "SY"},
			{Name: "Vladimir Putin", Role: "President", Country: "RU"},
		},
		Tags: []string{"politics", "economy"},
		Sources: []Citation{{
			Source: Source{
				URL:       "https://www.enabbaladi.net/archives/1",
				Title:     DemoSourceTitle,
				Publisher: "Enab Baladi",
				Language:  "ar",
				Published: MustParseDate("2025-12-24"),
			},
			Excerpt: "استقبل الرئيس الروسي",
		}},
	}
}

func TestEventValidate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		e := validEvent()
		if err := e.Validate(); err != nil {
			t.Fatalf("Validate: %v (fields %v)", err, FieldErrors(err))
		}
		if got, want := fmt.Sprint(e), fmt.Sprint(validEvent()); got != want {
			t.Fatalf("Validate changed a tidy event:\n got %s\nwant %s", got, want)
		}
	})

	t.Run("OKArabicTitleOf200Runes", func(t *testing.T) {
		e := validEvent()
		e.Title = strings.Repeat("س", MaxTitle)
		if got, want := len(e.Title), 2*MaxTitle; got != want {
			t.Fatalf("test title is %d bytes, want %d", got, want)
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("Validate: %v (fields %v)", err, FieldErrors(err))
		}
	})

	t.Run("OKOtherDates", func(t *testing.T) {
		for _, tt := range []struct{ date, end string }{
			{"1970s", ""},
			{"2025", "2025-12-31"},
			{"2025-10", "2025-10"},
			{"2025-10-15", "2025-10-17"},
			{"2025-10-15", "2025-10"}, // the end month covers the start day
			{"2025-10-15", "2025-10-15"},
		} {
			t.Run(tt.date+"_"+tt.end, func(t *testing.T) {
				e := validEvent()
				e.Date = MustParseDate(tt.date)
				if tt.end != "" {
					e.End = MustParseDate(tt.end)
				}
				if err := e.Validate(); err != nil {
					t.Fatalf("Validate: %v (fields %v)", err, FieldErrors(err))
				}
			})
		}
	})

	t.Run("OKEndEqualToStartDropped", func(t *testing.T) {
		e := validEvent()
		e.End = e.Date
		if err := e.Validate(); err != nil {
			t.Fatalf("Validate: %v", err)
		}
		if got, want := e.End, (Date{}); got != want {
			t.Fatalf("End = %#v, want the zero Date", got)
		}
	})

	t.Run("OKEveryKind", func(t *testing.T) {
		for _, k := range Kinds() {
			e := validEvent()
			e.Kind = k.Kind
			if err := e.Validate(); err != nil {
				t.Fatalf("Validate with kind %s: %v", k.Kind, err)
			}
		}
	})

	t.Run("OKTidies", func(t *testing.T) {
		e := validEvent()
		e.Title = "  Al-Sharaa \t visits\n  Putin\r\n "
		e.Description = "\r\n  First line\r\nsecond line\r\n\r\nThird\rfourth  \r\n"
		e.Location = "  Kremlin,\n   Moscow "
		e.Countries = []Country{" sy", "", "ru "}
		e.Initiator = " sy "
		e.Tags = []string{"Politics", " politics ", "ECONOMY", "", "   ", "Wheat  Exports", "economy"}
		e.Actors = []Actor{
			{},
			{Name: "  Vladimir   Putin ", Role: " President ", Country: " ru "},
			{Name: " ", Role: "\t", Country: " "},
			{Name: "Ahmed al-Sharaa"},
		}
		e.Sources = []Citation{
			{},
			{Source: Source{URL: " https://example.org/a ", Title: "  A \n title ", Publisher: " Enab  Baladi ", Language: " AR-sy ", ArchiveURL: " https://web.archive.org/x "}, Excerpt: "  one\r\ntwo  "},
			{Source: Source{Title: "   ", Publisher: "\n"}, Excerpt: " \r\n "},
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("Validate: %v (fields %v)", err, FieldErrors(err))
		}
		if got, want := e.Title, "Al-Sharaa visits Putin"; got != want {
			t.Fatalf("Title = %q, want %q", got, want)
		}
		if got, want := e.Description, "First line\nsecond line\n\nThird\nfourth"; got != want {
			t.Fatalf("Description = %q, want %q", got, want)
		}
		if got, want := e.Location, "Kremlin, Moscow"; got != want {
			t.Fatalf("Location = %q, want %q", got, want)
		}
		if got, want := e.Countries, []Country{"SY", "RU"}; !slices.Equal(got, want) {
			t.Fatalf("Countries = %q, want %q", got, want)
		}
		if got, want := e.Initiator, Country("SY"); got != want {
			t.Fatalf("Initiator = %q, want %q", got, want)
		}
		if got, want := e.Tags, []string{"politics", "economy", "wheat exports"}; !slices.Equal(got, want) {
			t.Fatalf("Tags = %q, want %q", got, want)
		}
		wantActors := []Actor{
			{Name: "Vladimir Putin", Role: "President", Country: "RU"},
			{Name: "Ahmed al-Sharaa"},
		}
		if got, want := e.Actors, wantActors; !slices.Equal(got, want) {
			t.Fatalf("Actors = %+v, want %+v", got, want)
		}
		wantSources := []Citation{{
			Source:  Source{URL: "https://example.org/a", Title: "A title", Publisher: "Enab Baladi", Language: "ar-SY", ArchiveURL: "https://web.archive.org/x"},
			Excerpt: "one\ntwo",
		}}
		if got, want := e.Sources, wantSources; !slices.Equal(got, want) {
			t.Fatalf("Sources = %+v, want %+v", got, want)
		}
	})

	long := func(n int) string { return strings.Repeat("a", n) }
	for _, tt := range []struct {
		name   string
		change func(e *Event)
		field  string
		msg    string // a part of the field's message
	}{
		{"ErrMissingTitle", func(e *Event) { e.Title = "" }, "title", "Give the event a title."},
		{"ErrBlankTitle", func(e *Event) { e.Title = " \t\n " }, "title", "Give the event a title."},
		{"ErrTitle201Runes", func(e *Event) { e.Title = long(MaxTitle + 1) }, "title", "The title is 201 characters long; the limit is 200."},
		{"ErrArabicTitle201Runes", func(e *Event) { e.Title = strings.Repeat("س", MaxTitle+1) }, "title", "201 characters"},
		{"ErrTitleNotUTF8", func(e *Event) { e.Title = "bad \xff title" }, "title", "not valid UTF-8"},
		{"ErrTitleControl", func(e *Event) { e.Title = "bell\x07title" }, "title", "control characters"},
		{"ErrTitleNUL", func(e *Event) { e.Title = "nul\x00title" }, "title", "control characters"},
		{"ErrTitleEscape", func(e *Event) { e.Title = "\x1b[31mred" }, "title", "control characters"},
		{"ErrDescriptionTooLong", func(e *Event) { e.Description = long(MaxDescription + 1) }, "description", "limit is 20000"},
		{"ErrDescriptionControl", func(e *Event) { e.Description = "a\x00b" }, "description", "control characters"},
		{"ErrLocationTooLong", func(e *Event) { e.Location = long(MaxLocation + 1) }, "location", "limit is 200"},
		{"ErrMissingDate", func(e *Event) { e.Date = Date{} }, "date", "Give the date"},
		{"ErrDateBadDecade", func(e *Event) { e.Date = Date{Year: 1975, Precision: Decade} }, "date", "not valid"},
		{"ErrDateNoPrecision", func(e *Event) { e.Date = Date{Year: 2025} }, "date", "not valid"},
		{"ErrDateFeb30", func(e *Event) { e.Date = Date{Year: 2025, Month: 2, Day: 30, Precision: Day} }, "date", "not valid"},
		{"ErrDateMonthWithDay", func(e *Event) { e.Date = Date{Year: 2025, Month: 10, Day: 15, Precision: Month} }, "date", "not valid"},
		{"ErrEndBeforeStart", func(e *Event) { e.End = MustParseDate("2025-10-14") }, "end", "The end (14 October 2025) is before the start (15 October 2025)."},
		{"ErrEndMonthBeforeStart", func(e *Event) { e.End = MustParseDate("2025-09") }, "end", "before the start"},
		{"ErrEndInvalid", func(e *Event) { e.End = Date{Year: 2025, Month: 13, Precision: Month} }, "end", "The end date is not valid."},
		{"ErrUnknownKind", func(e *Event) { e.Kind = "summit" }, "kind", "Choose what kind of event this is."},
		{"ErrMissingKind", func(e *Event) { e.Kind = "" }, "kind", "Choose what kind"},
		{"ErrOneCountry", func(e *Event) { e.Countries = []Country{"SY"}; e.Initiator = "" }, "countries", "at least two different countries"},
		{"ErrNoCountries", func(e *Event) { e.Countries = nil; e.Initiator = "" }, "countries", "at least two different countries"},
		{"ErrDuplicateCountry", func(e *Event) { e.Countries = []Country{"SY", "sy"} }, "countries", "Syria is listed twice."},
		{"ErrUnknownCountry", func(e *Event) { e.Countries = []Country{"SY", "RU", "XX"} }, "countries", `"XX" is not an ISO 3166-1 country code.`},
		{"ErrTooManyCountries", func(e *Event) { e.Countries = slices.Clone(Countries()[:MaxCountries+1]); e.Initiator = "" }, "countries", "At most 50 countries"},
		{"ErrInitiatorNotInvolved", func(e *Event) { e.Initiator = "US" }, "initiator", "The initiator must be one of the countries involved."},
		{"ErrInitiatorUnknown", func(e *Event) { e.Initiator = "XX" }, "initiator", "must be one of the countries"},
		{"ErrActorRoleNoName", func(e *Event) { e.Actors = []Actor{{}, {Role: "President"}} }, "actors.0.name", "Give the person's name, or clear the row."},
		{"ErrActorCountryNoName", func(e *Event) { e.Actors = []Actor{{Name: "Putin"}, {Country: "RU"}} }, "actors.1.name", "Give the person's name"},
		{"ErrActorNameTooLong", func(e *Event) { e.Actors = []Actor{{Name: long(MaxName + 1)}} }, "actors.0.name", "limit is 200"},
		{"ErrActorRoleControl", func(e *Event) { e.Actors = []Actor{{Name: "Putin", Role: "Pres\x00ident"}} }, "actors.0.role", "control characters"},
		{"ErrActorUnknownCountry", func(e *Event) { e.Actors = []Actor{{Name: "Putin", Country: "xx"}} }, "actors.0.country", `"XX" is not an ISO 3166-1 country code.`},
		{"ErrTooManyActors", func(e *Event) {
			e.Actors = nil
			for i := range MaxActors + 1 {
				e.Actors = append(e.Actors, Actor{Name: "Person " + strconv.Itoa(i)})
			}
		}, "actors", "At most 50 actors."},
		{"ErrSourceJavascriptURL", func(e *Event) { e.Sources[0].URL = "javascript:alert(1)" }, "sources.0.url", "http:// or https://"},
		{"ErrSourceFTPURL", func(e *Event) { e.Sources[0].URL = "ftp://x" }, "sources.0.url", "http:// or https://"},
		{"ErrSourceNoScheme", func(e *Event) { e.Sources[0].URL = "example.org" }, "sources.0.url", "http:// or https://"},
		{"ErrSourceNoHost", func(e *Event) { e.Sources[0].URL = "https:///path" }, "sources.0.url", "http:// or https://"},
		{"ErrSourceURLSpace", func(e *Event) { e.Sources[0].URL = "https://example.org/a b" }, "sources.0.url", "spaces"},
		{"ErrSourceURLTooLong", func(e *Event) { e.Sources[0].URL = "https://example.org/" + long(MaxURL) }, "sources.0.url", "longer than 2000"},
		{"ErrSourceEmptyURLWithTitle", func(e *Event) { e.Sources[0].URL = "" }, "sources.0.url", "Give the address (URL) of the source, or clear the row."},
		{"ErrSourceURLAfterEmptyRow", func(e *Event) {
			e.Sources = append([]Citation{{}}, e.Sources...)
			e.Sources = append(e.Sources, Citation{Source: Source{URL: "javascript:alert(1)", Title: "x"}})
		}, "sources.1.url", "http:// or https://"},
		{"ErrSourceOnlyTitle", func(e *Event) { e.Sources = append(e.Sources, Citation{Source: Source{Title: "A title"}}) }, "sources.1.url", "Give the address"},
		{"ErrSourceOnlyExcerpt", func(e *Event) { e.Sources = append(e.Sources, Citation{Excerpt: "a passage"}) }, "sources.1.url", "Give the address"},
		{"ErrSourceDuplicateURL", func(e *Event) { e.Sources = append(e.Sources, e.Sources[0]) }, "sources.1.url", "This source is already cited above."},
		{"ErrSourceBadLanguage", func(e *Event) { e.Sources[0].Language = "english" }, "sources.0.language", `"english" is not a language tag`},
		{"ErrSourceUnknownLanguage", func(e *Event) { e.Sources[0].Language = "xx" }, "sources.0.language", "not a language tag"},
		{"ErrSourceBadArchiveURL", func(e *Event) { e.Sources[0].ArchiveURL = "ftp://archive.org/x" }, "sources.0.archive_url", "http:// or https://"},
		{"ErrSourceArchiveJavascript", func(e *Event) { e.Sources[0].ArchiveURL = "javascript:alert(1)" }, "sources.0.archive_url", "http:// or https://"},
		{"ErrSourceTitleTooLong", func(e *Event) { e.Sources[0].Title = long(2*MaxTitle + 1) }, "sources.0.title", "limit is 400"},
		{"ErrSourcePublisherControl", func(e *Event) { e.Sources[0].Publisher = "Enab\x00Baladi" }, "sources.0.publisher", "control characters"},
		{"ErrSourceExcerptTooLong", func(e *Event) { e.Sources[0].Excerpt = long(MaxExcerpt + 1) }, "sources.0.excerpt", "limit is 5000"},
		{"ErrSourceBadPublished", func(e *Event) { e.Sources[0].Published = Date{Year: 2025, Month: 2, Day: 30, Precision: Day} }, "sources.0.published", "The publication date is not valid."},
		{"ErrSourceBadRetrieved", func(e *Event) { e.Sources[0].Retrieved = Date{Year: 1975, Precision: Decade} }, "sources.0.retrieved", "The retrieval date is not valid."},
		{"ErrTooManySources", func(e *Event) {
			e.Sources = nil
			for i := range MaxSources + 1 {
				e.Sources = append(e.Sources, Citation{Source: Source{URL: "https://example.org/" + strconv.Itoa(i)}})
			}
		}, "sources", "At most 50 sources."},
		{"ErrTagSemicolon", func(e *Event) { e.Tags = []string{"politics", "trade; aid"} }, "tags", `The tag "trade; aid" contains a comma, semicolon, bar or backslash`},
		{"ErrTagComma", func(e *Event) { e.Tags = []string{"a,b"} }, "tags", "comma"},
		{"ErrTagBar", func(e *Event) { e.Tags = []string{"a|b"} }, "tags", "bar"},
		{"ErrTagBackslash", func(e *Event) { e.Tags = []string{`a\b`} }, "tags", "backslash"},
		{"ErrTagTooLong", func(e *Event) { e.Tags = []string{long(MaxTag + 1)} }, "tags", "limit is 40"},
		{"ErrTagControl", func(e *Event) { e.Tags = []string{"a\x00b"} }, "tags", "control characters"},
		{"ErrTooManyTags", func(e *Event) {
			e.Tags = nil
			for i := range MaxTags + 1 {
				e.Tags = append(e.Tags, "tag"+strconv.Itoa(i))
			}
		}, "tags", "At most 20 tags."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := validEvent()
			tt.change(e)
			err := e.Validate()
			if err == nil {
				t.Fatalf("Validate() = nil, want an error on %q", tt.field)
			}
			if got, want := ErrorCode(err), EINVALID; got != want {
				t.Fatalf("ErrorCode = %q, want %q", got, want)
			}
			fields := FieldErrors(err)
			if got, want := len(fields), 1; got != want {
				t.Fatalf("%d field errors %v, want only %q", got, fields, tt.field)
			}
			msg, ok := fields[tt.field]
			if !ok {
				t.Fatalf("fields = %v, want a message for %q", fields, tt.field)
			}
			if !strings.Contains(msg, tt.msg) {
				t.Fatalf("fields[%q] = %q, want it to contain %q", tt.field, msg, tt.msg)
			}
			if got, want := ErrorMessage(err), "One field needs attention."; got != want {
				t.Fatalf("Message = %q, want %q", got, want)
			}
		})
	}

	t.Run("ErrManyFields", func(t *testing.T) {
		e := &Event{Initiator: "US"}
		err := e.Validate()
		if got, want := ErrorCode(err), EINVALID; got != want {
			t.Fatalf("ErrorCode = %q, want %q", got, want)
		}
		fields := FieldErrors(err)
		for _, f := range []string{"title", "date", "kind", "countries", "initiator"} {
			if fields[f] == "" {
				t.Fatalf("fields = %v, want a message for %q", fields, f)
			}
		}
		if got, want := len(fields), 5; got != want {
			t.Fatalf("%d field errors %v, want %d", got, fields, want)
		}
		if got, want := ErrorMessage(err), "5 fields need attention."; got != want {
			t.Fatalf("Message = %q, want %q", got, want)
		}
	})

	t.Run("ErrFirstMessageKept", func(t *testing.T) {
		e := validEvent()
		e.Countries = []Country{"XX", "SY", "SY"}
		err := e.Validate()
		if got, want := FieldErrors(err)["countries"], `"XX" is not an ISO 3166-1 country code.`; got != want {
			t.Fatalf("fields[countries] = %q, want %q", got, want)
		}
	})

	t.Run("ErrTagNotUTF8", func(t *testing.T) {
		e := validEvent()
		e.Tags = []string{"a\xffb"}
		if _, ok := FieldErrors(e.Validate())["tags"]; !ok {
			t.Fatalf("Validate accepted the tag %q as %q", "a\xffb", e.Tags)
		}
	})

	t.Run("OKExcerptOldMacLineBreaks", func(t *testing.T) {
		e := validEvent()
		e.Sources[0].Excerpt = "one\rtwo"
		if err := e.Validate(); err != nil {
			t.Fatalf("Validate: %v (fields %v)", err, FieldErrors(err))
		}
		if got, want := e.Sources[0].Excerpt, "one\ntwo"; got != want {
			t.Fatalf("Excerpt = %q, want %q", got, want)
		}
	})
}

func TestIsWebURL(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"https://example.org/", true},
		{"http://example.org/a?b=c#d", true},
		{"HTTPS://EXAMPLE.ORG/", true},
		{"https://www.enabbaladi.net/?s=%D8%B3", true},
		{"", false},
		{"javascript:alert(1)", false},
		{"ftp://x", false},
		{"example.org", false},
		{"//example.org/", false},
		{"https://", false},
		{"https://exa mple.org/", false},
		{"https://example.org/\n", false},
		{"https://example.org/\x00", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"https://example.org/" + strings.Repeat("a", MaxURL), false},
	} {
		t.Run(strconv.Quote(tt.in), func(t *testing.T) {
			if got, want := IsWebURL(tt.in), tt.want; got != want {
				t.Fatalf("IsWebURL(%q) = %v, want %v", tt.in, got, want)
			}
		})
	}
}

func TestKinds(t *testing.T) {
	wantCAMEO := map[Kind]string{
		"make_visit":                  "042",
		"host_visit":                  "043",
		"meet_third_location":         "044",
		"consult":                     "040",
		"discuss_by_telephone":        "041",
		"negotiate":                   "046",
		"sign_agreement":              "057",
		"make_statement":              "010",
		"express_intent_to_cooperate": "030",
		"cooperate_diplomatically":    "050",
		"cooperate_economically":      "061",
		"cooperate_militarily":        "062",
		"provide_aid":                 "070",
		"criticize_or_denounce":       "111",
		"reduce_or_break_relations":   "161",
		"impose_sanctions":            "163",
		"other":                       "",
	}
	kinds := Kinds()

	t.Run("OK", func(t *testing.T) {
		if got, want := len(kinds), len(wantCAMEO); got != want {
			t.Fatalf("len(Kinds()) = %d, want %d", got, want)
		}
		for _, k := range kinds {
			if !k.Kind.Valid() {
				t.Fatalf("%s.Valid() = false", k.Kind)
			}
			if k.Label == "" || k.Kind.Label() != k.Label || k.Label == string(k.Kind) {
				t.Fatalf("%s has label %q (Label() %q)", k.Kind, k.Label, k.Kind.Label())
			}
			want, ok := wantCAMEO[k.Kind]
			if !ok {
				t.Fatalf("unexpected kind %q", k.Kind)
			}
			if got := k.CAMEO; got != want {
				t.Fatalf("%s CAMEO = %q, want %q", k.Kind, got, want)
			}
			if k.Goldstein < -10 || k.Goldstein > 10 {
				t.Fatalf("%s Goldstein = %v, outside -10..10", k.Kind, k.Goldstein)
			}
			info, ok := k.Kind.Info()
			if !ok || info != k {
				t.Fatalf("%s.Info() = %+v, %v, want %+v, true", k.Kind, info, ok, k)
			}
		}
	})

	t.Run("UniqueAndOrdered", func(t *testing.T) {
		seenKind, seenCode, seenLabel := map[Kind]bool{}, map[string]bool{}, map[string]bool{}
		prev := ""
		for i, k := range kinds {
			if seenKind[k.Kind] || seenCode[k.CAMEO] || seenLabel[k.Label] {
				t.Fatalf("kind %d (%+v) repeats a kind, code or label", i, k)
			}
			seenKind[k.Kind], seenCode[k.CAMEO], seenLabel[k.Label] = true, true, true
			if k.CAMEO != "" && k.CAMEO <= prev {
				t.Fatalf("kind %s (%s) is out of CAMEO order after %s", k.Kind, k.CAMEO, prev)
			}
			if k.CAMEO != "" {
				prev = k.CAMEO
			}
		}
		if got, want := kinds[len(kinds)-1].Kind, KindOther; got != want {
			t.Fatalf("last kind = %s, want %s", got, want)
		}
	})

	t.Run("Copy", func(t *testing.T) {
		k := Kinds()
		k[0].Label = "changed"
		if got, want := Kinds()[0].Label, "Make statement"; got != want {
			t.Fatalf("Kinds()[0].Label after changing a copy = %q, want %q", got, want)
		}
	})

	t.Run("IsVisit", func(t *testing.T) {
		for _, k := range kinds {
			want := k.Kind == KindVisit || k.Kind == KindHostVisit
			if got := k.Kind.IsVisit(); got != want {
				t.Fatalf("%s.IsVisit() = %v, want %v", k.Kind, got, want)
			}
		}
	})

	t.Run("ErrUnknown", func(t *testing.T) {
		for _, k := range []Kind{"", "summit", "MAKE_VISIT", "042"} {
			if k.Valid() {
				t.Fatalf("%q.Valid() = true", k)
			}
			if info, ok := k.Info(); ok || info != (KindInfo{}) {
				t.Fatalf("%q.Info() = %+v, %v, want zero, false", k, info, ok)
			}
			if got, want := k.Label(), string(k); got != want {
				t.Fatalf("%q.Label() = %q, want %q", k, got, want)
			}
		}
	})
}

func TestErrorHelpers(t *testing.T) {
	invalid := Errorf(EINVALID, "Bad %s.", "date")
	for _, tt := range []struct {
		name   string
		err    error
		code   string
		msg    string
		fields map[string]string
	}{
		{"OK", invalid, EINVALID, "Bad date.", nil},
		{"OKWrapped", fmt.Errorf("saving: %w", Errorf(ENOTFOUND, "No event %d.", 7)), ENOTFOUND, "No event 7.", nil},
		{"OKFields", &Error{Code: EINVALID, Message: "One field needs attention.", Fields: map[string]string{"title": "x"}}, EINVALID, "One field needs attention.", map[string]string{"title": "x"}},
		{"ErrInternal", io.ErrUnexpectedEOF, EINTERNAL, "Something went wrong on our side.", nil},
		{"Nil", nil, "", "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := ErrorCode(tt.err), tt.code; got != want {
				t.Fatalf("ErrorCode = %q, want %q", got, want)
			}
			if got, want := ErrorMessage(tt.err), tt.msg; got != want {
				t.Fatalf("ErrorMessage = %q, want %q", got, want)
			}
			if got, want := fmt.Sprint(FieldErrors(tt.err)), fmt.Sprint(tt.fields); got != want {
				t.Fatalf("FieldErrors = %s, want %s", got, want)
			}
		})
	}
	t.Run("ErrorString", func(t *testing.T) {
		if got, want := invalid.Error(), "dyad error: code=invalid message=Bad date."; got != want {
			t.Fatalf("Error() = %q, want %q", got, want)
		}
		var e *Error
		if !errors.As(error(invalid), &e) || e != invalid {
			t.Fatalf("errors.As did not find the *Error")
		}
	})
}

// Bidi embedding, override and isolate controls are dropped: one left open
// reverses what follows it wherever the text goes.
func TestValidateDropsBidiControls(t *testing.T) {
	e := DemoEvents()[1]
	e.Title = "Agreement signed \u202efdp.exe"
	e.Description = "Line \u2067one\u2069\nتم \u200fتوقيع"
	e.Actors[0].Name = "\u202bأحمد الشرع\u202c"
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if e.Title != "Agreement signed fdp.exe" || e.Description != "Line one\nتم \u200fتوقيع" || e.Actors[0].Name != "أحمد الشرع" {
		t.Fatalf("title %q, description %q, actor %q", e.Title, e.Description, e.Actors[0].Name)
	}
}

// TestValidateProblems checks that every field Validate finds wrong has its
// message by id too, and that its English is the text of Fields.
func TestValidateProblems(t *testing.T) {
	for i, e := range badEvents() {
		err := e.Validate()
		fields, problems := FieldErrors(err), FieldProblems(err)
		if len(fields) == 0 {
			t.Fatalf("event %d: no problem found", i)
		}
		for k, msg := range fields {
			p, ok := problems[k]
			if !ok {
				t.Fatalf("event %d: field %q has the English %q and no message id", i, k, msg)
			}
			if got := p.English(); got != msg {
				t.Fatalf("event %d: field %q: problem %s writes %q, Fields has %q", i, k, p.ID, got, msg)
			}
			if EnglishTemplate(p.ID) == "" {
				t.Fatalf("event %d: field %q: message id %q has no English", i, k, p.ID)
			}
		}
		if got, want := ErrorMsg(err).English(), ErrorMessage(err); got != want {
			t.Fatalf("event %d: summary %q, Message %q", i, got, want)
		}
	}
}

// badEvents have a problem or many each, between them most of the messages
// Validate gives.
func badEvents() []*Event {
	with := func(f func(e *Event)) *Event {
		e := validEvent()
		f(e)
		return e
	}
	long := strings.Repeat("x", MaxDescription+1)
	return []*Event{
		{Initiator: "US"},
		with(func(e *Event) {
			e.Title = "\xff"
			e.Description = long
			e.Location = "a\x01b"
			e.End = MustParseDate("2025-10-01")
			e.HighLevel = "maybe"
			e.Countries = []Country{"XX", "SY", "SY"}
			e.Tags = []string{"a,b", strings.Repeat("t", MaxTag+1)}
			e.Actors = []Actor{{Role: "President"}, {Name: "A", Country: "ZZ"}, {Name: "B", Role: long}}
			e.Sources = []Citation{
				{Source: Source{Title: "no address"}},
				{Source: Source{URL: "ftp://example.org/"}},
				{Source: Source{URL: "https://a.example/ b"}},
				{Source: Source{URL: "https://u@a.example/"}},
				{Source: Source{URL: "https://a.example/" + strings.Repeat("p", MaxURL)}},
				{Source: Source{URL: "https://ok.example/1", Language: "not a tag!", ArchiveURL: "nope", Publisher: long}},
				{Excerpt: "\xff", Source: Source{URL: "https://ok.example/1", Published: Date{Year: 2025, Month: 2, Day: 30, Precision: Day}, Retrieved: Date{Year: 2025, Precision: 9}}},
			}
		}),
		with(func(e *Event) {
			e.Date = Date{Year: 2025, Month: 2, Day: 30, Precision: Day}
			e.End = Date{Year: 2025, Month: 13, Precision: Month}
			e.Kind = "nonsense"
			e.Countries = []Country{"SY"}
			e.Initiator = "FR"
			e.Tags = make([]string, MaxTags+1)
			for i := range e.Tags {
				e.Tags[i] = fmt.Sprint("t", i)
			}
			e.Actors = make([]Actor, MaxActors+1)
			for i := range e.Actors {
				e.Actors[i] = Actor{Name: fmt.Sprint("a", i)}
			}
			e.Sources = make([]Citation, MaxSources+1)
			for i := range e.Sources {
				e.Sources[i] = Citation{Source: Source{URL: fmt.Sprint("https://example.org/", i)}}
			}
		}),
		with(func(e *Event) {
			e.Texts = []Text{{Title: "no language"}, {Lang: "not a tag!", Title: "x"}, {Lang: "ar", Description: "بلا عنوان"},
				{Lang: "ar", Title: "ثانٍ"}, {Lang: "fr", Title: strings.Repeat("t", MaxTitle+1), Description: "\x01"}}
		}),
		with(func(e *Event) {
			for i := range MaxTexts + 1 {
				e.Texts = append(e.Texts, Text{Lang: Countries()[i].Name()[:2], Title: "t"})
			}
		}),
		with(func(e *Event) {
			e.Countries = make([]Country, 0, MaxCountries+1)
			for _, c := range Countries()[:MaxCountries+1] {
				e.Countries = append(e.Countries, c)
			}
		}),
	}
}
