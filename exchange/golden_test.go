package exchange_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the writers' output")

// goldenEvents is the fixed set of events every export format is pinned
// with: Arabic and English, every precision, several countries and sources,
// an event of several days and one of several months, a description with
// CRLF line breaks, and cells a spreadsheet would run as formulas.
func goldenEvents() []*timeline.Event {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	enab := timeline.Citation{Source: timeline.Source{URL: "https://www.enabbaladi.net/archives/123456",
		Title: "الشيباني ولافروف: العلاقات تدخل مرحلة جديدة", Publisher: "عنب بلدي", Language: "ar",
		Published: timeline.MustParseDate("2025-12-24"), Retrieved: timeline.MustParseDate("2025-12-24"),
		ArchiveURL: "https://web.archive.org/web/20251224/https://www.enabbaladi.net/archives/123456"},
		Excerpt: "قال الشيباني إن \"العلاقات\" تدخل مرحلة جديدة؛ وأضاف: التعاون مستمر."}
	reuters := timeline.Citation{Source: timeline.Source{URL: "https://example.com/world/syria-russia?id=7&lang=en",
		Title: "Syria, Russia agree; talks go on", Publisher: "Example Wire", Language: "en",
		Published: timeline.MustParseDate("2025-10")}}
	return []*timeline.Event{
		{ID: 1, Date: timeline.MustParseDate("2025-12-23"), Title: "الشيباني يلتقي لافروف في موسكو",
			Description: "بحث الوزيران العلاقات الثنائية.\n\nوأكدا أهمية التعاون.", Kind: timeline.KindConsult,
			Countries: []timeline.Country{"SY", "RU"}, Initiator: "SY", Location: "موسكو",
			Actors: []timeline.Actor{{Name: "أسعد الشيباني", Role: "وزير الخارجية", Country: "SY"},
				{Name: "Sergey Lavrov", Role: "Foreign Minister", Country: "RU"}},
			Tags: []string{"سياسة", "diplomacy"}, Sources: []timeline.Citation{enab, reuters},
			CreatedAt: at("2025-12-24T08:00:00Z"), UpdatedAt: at("2025-12-24T09:30:00Z")},
		{ID: 2, Date: timeline.MustParseDate("2025-10-15"), End: timeline.MustParseDate("2025-10-17"),
			Title: "Astana talks on Syria", Description: "First line\r\nsecond line\r\n\r\nA new paragraph, after a blank line.",
			Kind: timeline.KindMeetThird, Countries: []timeline.Country{"SY", "RU", "TR", "IR"}, Initiator: "TR",
			Location: "Astana, Kazakhstan", Tags: []string{"multilateral"}, Sources: []timeline.Citation{reuters},
			CreatedAt: at("2025-10-18T10:00:00Z"), UpdatedAt: at("2025-10-18T10:00:00Z")},
		{ID: 3, Date: timeline.MustParseDate("2025-11"), Title: `=HYPERLINK("https://evil.example","click")`,
			Description: "+1 phone call; -details @later", Kind: timeline.KindTelephone,
			Countries: []timeline.Country{"RU", "SY"}, Initiator: "RU", Location: "@Kremlin",
			Actors: []timeline.Actor{{Name: "-Anon", Role: "=aide"}}, Tags: []string{"-2.0", "@tag"},
			Sources:   []timeline.Citation{{Source: timeline.Source{URL: "https://example.org/=x", Title: "+Headline"}, Excerpt: "'=quoted already"}},
			CreatedAt: at("2025-11-30T12:00:00Z"), UpdatedAt: at("2026-01-05T16:45:00Z")},
		{ID: 4, Date: timeline.MustParseDate("1990"), Title: "Sanctions after the invasion of Kuwait", Kind: timeline.KindSanction,
			Countries: []timeline.Country{"US", "IQ"}, Initiator: "US",
			Sources: []timeline.Citation{{Source: timeline.Source{URL: "https://example.org/un/661", Title: "Resolution 661",
				Publisher: "United Nations", Language: "en", Published: timeline.MustParseDate("1990-08-06")}}},
			CreatedAt: at("2025-01-02T03:04:05Z"), UpdatedAt: at("2025-01-02T03:04:05Z")},
		{ID: 5, Date: timeline.MustParseDate("1970s"), Title: "العلاقات السورية السوفيتية تتوطد", Kind: timeline.KindCooperate,
			Countries: []timeline.Country{"SY", "RU"},
			CreatedAt: at("2025-02-03T04:05:06Z"), UpdatedAt: at("2025-02-03T04:05:06Z")},
		{ID: 6, Date: timeline.MustParseDate("2025-11"), End: timeline.MustParseDate("2026-01"),
			Title: "شحنات قمح إلى سوريا | Wheat shipments to Syria", Description: "Over the winter; عبر البحر.",
			Kind: timeline.KindEconomic, Countries: []timeline.Country{"RU", "SY", "TR"}, Initiator: "RU",
			Location: "Tartus; Novorossiysk", Sources: []timeline.Citation{enab},
			CreatedAt: at("2026-01-10T00:00:00Z"), UpdatedAt: at("2026-01-10T00:00:00Z")},
	}
}

// goldenFile names each format's golden file.
func goldenFile(f exchange.ExportFormat) string {
	switch f.Name {
	case "atom":
		return "events.atom"
	case "timelinejs":
		return "events.timelinejs.json"
	}
	return "events." + f.Name
}

// TestGolden compares each writer's output for goldenEvents with its file
// in testdata/golden, byte for byte; TestGoldenTexts does the same for
// events told in other languages, exported in Arabic. After a deliberate
// change to a format, rewrite them with: go test ./exchange -run TestGolden -update
func TestGolden(t *testing.T) {
	checkGolden(t, goldenEvents(), "", "")
}

// textEvents are goldenEvents with texts in other languages: an Arabic
// event told in English, an English one told in Arabic and French (with a
// cell a spreadsheet would run), and the rest with none, so that an Arabic
// export falls back to their main text.
func textEvents() []*timeline.Event {
	events := goldenEvents()
	events[0].Texts = []timeline.Text{{Lang: "en", Title: "Al-Shaibani meets Lavrov in Moscow",
		Description: "The ministers discussed bilateral relations.\n\nThey stressed cooperation."}}
	events[1].Texts = []timeline.Text{{Lang: "ar", Title: "محادثات أستانا بشأن سوريا", Description: "السطر الأول\nالسطر الثاني"},
		{Lang: "fr", Title: "=Pourparlers d'Astana"}}
	return events
}

func TestGoldenTexts(t *testing.T) {
	checkGolden(t, textEvents(), "ar", "texts-ar.")
}

func checkGolden(t *testing.T, events []*timeline.Event, lang, prefix string) {
	for _, f := range exchange.ExportFormats {
		t.Run(f.Name, func(t *testing.T) {
			var buf bytes.Buffer
			st := &fakeStore{events: events}
			if _, err := exchange.Export(context.Background(), st, f, timeline.EventFilter{},
				exchange.ExportMetaFor(exportBase, nil, f), &buf, exchange.ExportOptions{Lang: lang}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", prefix+goldenFile(f))
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (write the golden files with -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				got := buf.Bytes()
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Fatalf("%s differs from the output at byte %d:\n got %q\nwant %q\n(after a deliberate change: go test ./exchange -run TestGolden -update)",
					path, i, got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
			}
		})
	}
}

// The golden CSV imports back as the events it was written from, as the
// store would keep them (timeline.Validate makes line breaks LF), and those
// export again as the same bytes but for that.
func TestGoldenCSVImports(t *testing.T) {
	t.Run("OK", func(t *testing.T) { checkCSVImports(t, "events.csv", goldenEvents()) })
	t.Run("OKTexts", func(t *testing.T) { checkCSVImports(t, "texts-ar.events.csv", textEvents()) })
}

func checkCSVImports(t *testing.T, file string, want []*timeline.Event) {
	data, err := os.ReadFile(filepath.Join("testdata", "golden", file))
	if err != nil {
		t.Fatal(err)
	}
	im, err := exchange.NewImporter(bytes.NewReader(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer im.Close()
	if n := im.Notices(); len(n) != 0 {
		t.Fatalf("notices %q", n)
	}
	var got []*timeline.Event
	for {
		row, err := im.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if row.Event == nil {
			t.Fatalf("line %d rejected: %v", row.Line, row.Problems)
		}
		got = append(got, row.Event)
	}
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for i, w := range want {
		if err := w.Validate(); err != nil {
			t.Fatalf("event %d: %v", w.ID, err)
		}
		if g, w := exchange.EventRecord(got[i]), exchange.EventRecord(w); !slices.Equal(g, w) {
			t.Errorf("event %d reads back as\n%q\nwant\n%q", want[i].ID, g, w)
		}
		if !slices.Equal(got[i].Texts, w.Texts) {
			t.Errorf("event %d's texts read back as %q, want %q", want[i].ID, got[i].Texts, w.Texts)
		}
	}
	if want[1].Description != "First line\nsecond line\n\nA new paragraph, after a blank line." {
		t.Fatalf("the CRLF description is stored as %q", want[1].Description)
	}
}
