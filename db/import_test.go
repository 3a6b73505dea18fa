package db

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

func exportCSV(t *testing.T, d *DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	csvFormat, _ := exchange.ExportFormatByName("csv")
	if _, err := exchange.Export(context.Background(), d, csvFormat, timeline.EventFilter{}, exchange.ExportMeta{}, &buf, exchange.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importCSV(t *testing.T, d *DB, data []byte, mapping map[string]string, dry bool) *timeline.ImportSummary {
	t.Helper()
	im, err := exchange.NewImporter(bytes.NewReader(data), mapping)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := d.Import(context.Background(), im, timeline.ImportOptions{DryRun: dry})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// roundTripEvents covers every precision, Arabic text, several countries
// and sources, and text that needs CSV quoting, list escaping and formula
// neutralising.
func roundTripEvents() []*timeline.Event {
	src := func(u, title, lang string) timeline.Citation {
		return timeline.Citation{Source: timeline.Source{URL: u, Title: title, Publisher: "عنب بلدي", Language: lang,
			Published: timeline.MustParseDate("2025-12"), Retrieved: timeline.MustParseDate("2025-12-24"),
			ArchiveURL: "https://web.archive.org/x"}, Excerpt: "قال; الشيباني | \"إن\" \\ العلاقات"}
	}
	events := timeline.DemoEvents()
	events = append(events,
		&timeline.Event{Date: timeline.MustParseDate("2024-02-29"), End: timeline.MustParseDate("2024-03-02"),
			Title: "=قمة أستانا, \"ثلاثية\"", Description: "سطر أول\n\n-second; line|x", Kind: timeline.KindMeetThird,
			Countries: []timeline.Country{"SY", "RU", "TR", "IR"}, Initiator: "TR", Location: "Astana, KZ",
			Actors: []timeline.Actor{{Name: "رجب طيب أردوغان", Role: "رئيس", Country: "TR"}, {Name: "A|B\\C; D", Role: "+role"}},
			Tags:   []string{"قمة", "multi-lateral"},
			Texts: []timeline.Text{{Lang: "en", Title: "=Astana summit, \"trilateral\"", Description: "First line\n\n-second; line|x"},
				{Lang: "fr", Title: "Sommet d'Astana"}},
			Sources: []timeline.Citation{src("https://example.org/1", "عنوان أول", "ar"), src("https://example.org/2", "", "en"),
				{Source: timeline.Source{URL: "https://example.org/3"}}}},
		&timeline.Event{Date: timeline.MustParseDate("1990"), Title: "Year only", Kind: timeline.KindSanction,
			Countries: []timeline.Country{"US", "IQ"}, Initiator: "US"},
	)
	return events
}

func TestImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := openTest(t)
	if err := a.CreateEvents(ctx, roundTripEvents()); err != nil {
		t.Fatal(err)
	}
	first := exportCSV(t, a)
	header := string(first[:bytes.IndexByte(first, '\n')])
	if !strings.HasSuffix(header, ",title_ar,description_ar,title_en,description_en,title_fr,description_fr") {
		t.Fatalf("header %q lacks the texts' columns", header)
	}

	b := openTest(t)
	sum := importCSV(t, b, first, nil, false)
	if sum.Added != 8 || sum.Rejected != 0 || sum.Duplicates != 0 {
		t.Fatalf("import into an empty database: %+v", sum)
	}
	second := exportCSV(t, b)
	if !bytes.Equal(first, second) {
		t.Fatalf("export, import, export is not byte-identical:\nfirst:\n%s\nsecond:\n%s", first, second)
	}
	// The same file again changes nothing.
	sum = importCSV(t, b, first, nil, false)
	if sum.Added != 0 || sum.Updated != 0 || sum.Duplicates != 8 {
		t.Fatalf("second import: %+v", sum)
	}
	// Without ids, identical rows are recognised by their content.
	noIDs := stripIDs(t, first)
	sum = importCSV(t, b, noIDs, nil, false)
	if sum.Added != 0 || sum.Duplicates != 8 {
		t.Fatalf("import without ids: %+v", sum)
	}
	// With a BOM (as exported for Excel) too.
	sum = importCSV(t, b, append([]byte("\xEF\xBB\xBF"), first...), nil, false)
	if sum.Duplicates != 8 || len(sum.Notices) != 0 {
		t.Fatalf("import with BOM: %+v", sum)
	}
}

func stripIDs(t *testing.T, data []byte) []byte {
	t.Helper()
	lines := strings.SplitAfter(string(data), "\n")
	var out strings.Builder
	for i, l := range lines {
		if i == 0 {
			out.WriteString(l)
			continue
		}
		// Rows start with the id; a row's continuation lines (inside quotes) do not start with digits and a comma.
		if j := strings.IndexByte(l, ','); j > 0 && strings.Trim(l[:j], "0123456789") == "" {
			l = l[j:]
		}
		out.WriteString(l)
	}
	return []byte(out.String())
}

func TestImportUpdatesByID(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	if err := d.CreateEvents(ctx, timeline.DemoEvents()); err != nil {
		t.Fatal(err)
	}
	data := exportCSV(t, d)
	changed := bytes.Replace(data, []byte("Al-Sharaa visits Putin at the Kremlin"), []byte("Al-Sharaa visits Putin in Moscow"), 1)
	sum := importCSV(t, d, changed, nil, false)
	if sum.Updated != 1 || sum.Duplicates != 5 || sum.Added != 0 {
		t.Fatalf("%+v", sum)
	}
	e, err := d.FindEventByID(ctx, 2)
	if err != nil || e.Title != "Al-Sharaa visits Putin in Moscow" {
		t.Fatalf("event 2 after update: %v %v", e, err)
	}
}

func TestImportHistoryAtState(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "historyatstate-events.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("test data not found beside the project: %v", err)
	}
	d := openTest(t)
	dry := importCSV(t, d, data, nil, true)
	if n, _ := d.CountEvents(context.Background(), timeline.EventFilter{}); n != 0 {
		t.Fatalf("dry run wrote %d events", n)
	}
	sum := importCSV(t, d, data, nil, false)
	for _, p := range sum.Problems {
		t.Log(p)
	}
	// 7,486 rows, two of which repeat the row before them to the letter
	// (Blinken in Tokyo and in Seoul, March 2021): 7,484 events.
	if sum.Rows != 7486 || sum.Added != 7484 || sum.Duplicates != 2 || sum.Rejected != 0 {
		t.Fatalf("summary %+v", sum)
	}
	if dry.Added != sum.Added || dry.Duplicates != sum.Duplicates {
		t.Fatalf("dry run counted %+v, the import %+v", dry, sum)
	}
	for _, tt := range []struct {
		a, b timeline.Country
		want int
	}{{"US", "RU", 130}, {"US", "SY", 76}} {
		p := timeline.Pair{A: tt.a, B: tt.b}
		if n, err := d.CountEvents(context.Background(), timeline.EventFilter{Pair: &p}); err != nil || n != tt.want {
			t.Errorf("%s-%s: %d events (%v), want %d", tt.a, tt.b, n, err, tt.want)
		}
	}
	again := importCSV(t, d, data, nil, false)
	if again.Added != 0 || again.Duplicates != 7486 {
		t.Fatalf("second import %+v", again)
	}
	// A visit abroad is made by the US; a hosted visit is hosted by it.
	p := timeline.Pair{A: "US", B: "SY"}
	st, err := d.FindPairStats(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if st.VisitsAB == 0 || st.VisitsBA == 0 || st.VisitsAB+st.VisitsBA != 76 {
		t.Fatalf("US-SY visits each way: %d and %d", st.VisitsAB, st.VisitsBA)
	}

	// Who went to whom: the 31 visits of Soviet and Russian leaders to the
	// US stand on Russia's side, the 99 trips to Moscow on the US side, and
	// the latest high-level visit is Pompeo's of May 2019.
	ru := timeline.Pair{A: "US", B: "RU"}
	st, err = d.FindPairStats(context.Background(), ru)
	if err != nil {
		t.Fatal(err)
	}
	if st.VisitsAB != 99 || st.VisitsBA != 31 {
		t.Fatalf("US-RU visits: %d by the US, %d by Russia; want 99 and 31", st.VisitsAB, st.VisitsBA)
	}
	if v := st.LastHighLevelVisit; v == nil || v.Title != "Secretary Pompeo visits Russia" {
		t.Fatalf("last high-level visit %+v", v)
	}
	for side, want := range map[timeline.Side]int{timeline.SideA: 99, timeline.SideB: 31, timeline.SideNone: 0} {
		if n, _ := d.CountEvents(context.Background(), timeline.EventFilter{Pair: &ru, Side: side}); n != want {
			t.Errorf("side %s: %d events, want %d", side, n, want)
		}
	}
	gorbachev, _, _ := d.FindEvents(context.Background(), timeline.EventFilter{Pair: &ru, Q: "gorbachev", Side: timeline.SideB})
	if len(gorbachev) == 0 {
		t.Fatal("Gorbachev's visits to the US are not on Russia's side")
	}
	if findings, err := d.Check(context.Background(), nil); err != nil || len(findings) != 0 {
		t.Fatalf("check after the import: %+v %v", findings, err)
	}
}

func TestImportProblems(t *testing.T) {
	d := openTest(t)
	data := "date,title,country_a,country_b,kind,url\n" +
		"2025-10-15,Good row,SY,RUS,visit,https://example.org/a\n" +
		"15 Foo 2025,Bad date,SY,RU,visit,\n" +
		"2025-10-16,Unknown country,SY,Atlantis,visit,\n" +
		"2025-10-17,Ragged row,SY\n" +
		"2025-10-18,Bad URL,SY,Russia,meeting,javascript:alert(1)\n" +
		"2025-10-19,,SY,RU,visit,\n" +
		"2025-10-20,Bad kind,SY,RU,invasion,\n" +
		"2025-10-21,Same country,SY,Syria,visit,\n"
	sum := importCSV(t, d, []byte(data), nil, false)
	if sum.Added != 1 || sum.Rejected != 7 {
		t.Fatalf("%+v", sum)
	}
	want := []string{
		`line 3, column "date"`, `line 4, column "country_b": "Atlantis"`, `line 5: The row has 3 cells`,
		`line 6, column "url"`, `line 7, column "title"`, `line 8, column "kind": "invasion"`, `line 9, column "country_a, country_b": An event involves at least two different countries`,
	}
	var got []string
	for _, p := range sum.Problems {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("problems do not mention %q:\n%s", w, all)
		}
	}
}

func TestImportEncodings(t *testing.T) {
	// "date,title,countries\n2025,سوريا وروسيا,SY;RU\n" in Windows-1256 and in UTF-16LE with BOM.
	cp1256 := []byte("date,title,countries\n2025,\xD3\xE6\xD1\xED\xC7 \xE6\xD1\xE6\xD3\xED\xC7,SY;RU\n")
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "date,title,countries\n2025,سوريا وروسيا,SY;RU\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	latin1 := []byte("date,title,countries\n2025,Caf\xE9 talks in Gen\xE8ve,CH;FR\n")
	for _, tt := range []struct {
		name, want, notice string
		data               []byte
	}{
		{"Windows1256", "سوريا وروسيا", "Windows-1256", cp1256},
		{"UTF16", "سوريا وروسيا", "UTF-16", utf16},
		{"Latin1", "Café talks in Genève", "Windows-1252", latin1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := openTest(t)
			sum := importCSV(t, d, tt.data, nil, false)
			if sum.Added != 1 || len(sum.Notices) != 1 || !strings.Contains(sum.Notices[0], tt.notice) {
				t.Fatalf("%+v", sum)
			}
			events, _, _ := d.FindEvents(context.Background(), timeline.EventFilter{})
			if events[0].Title != tt.want {
				t.Fatalf("title %q, want %q", events[0].Title, tt.want)
			}
		})
	}
	t.Run("ErrEmpty", func(t *testing.T) {
		if _, err := exchange.NewImporter(strings.NewReader(""), nil); timeline.ErrorCode(err) != timeline.EINVALID {
			t.Fatalf("empty file: %v", err)
		}
	})
	t.Run("ErrUnterminatedQuote", func(t *testing.T) {
		d := openTest(t)
		im, err := exchange.NewImporter(strings.NewReader("date,title,countries\n2025,\"open quote,SY;RU\n2024,x,SY;RU\n"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.Import(context.Background(), im, timeline.ImportOptions{}); timeline.ErrorCode(err) != timeline.EINVALID {
			t.Fatalf("unterminated quote: %v", err)
		}
		if n, _ := d.CountEvents(context.Background(), timeline.EventFilter{}); n != 0 {
			t.Fatalf("%d events written by a failed import", n)
		}
	})
}

// An import rebuilds the pair counts itself (its triggers are set aside
// while it runs); they must agree with the rows, and the triggers must be
// back for what follows.
func TestImportKeepsPairCounts(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	randomPair(t, d, 200, 3)
	data := exportCSV(t, d)
	changed := bytes.ReplaceAll(data, []byte(",SY,"), []byte(",RU,")) // initiators move to the other side
	sum := importCSV(t, d, changed, nil, false)
	if sum.Updated == 0 {
		t.Fatalf("nothing updated: %+v", sum)
	}
	check := func(when string) {
		t.Helper()
		p := timeline.Pair{A: "SY", B: "RU"}
		for _, g := range []timeline.Precision{timeline.Month, timeline.Year} {
			f := timeline.EventFilter{Pair: &p}
			fast, _ := d.CountBuckets(ctx, f, g)
			slow, _ := d.countBucketsByScan(ctx, f, g)
			if !reflect.DeepEqual(sortBuckets(fast), sortBuckets(slow)) {
				t.Fatalf("%s, %v: counts %v, rows %v", when, g, fast, slow)
			}
		}
		st, _ := d.FindPairStats(ctx, p)
		if n, _ := d.CountEvents(ctx, timeline.EventFilter{Pair: &p, Kinds: allKinds()}); st.Total != n {
			t.Fatalf("%s: stats total %d, rows %d", when, st.Total, n)
		}
	}
	check("after the import")
	if err := d.CreateEvent(ctx, &timeline.Event{Date: timeline.MustParseDate("1999-09-09"), Title: "after", Kind: timeline.KindVisit,
		Countries: []timeline.Country{"SY", "RU"}, Initiator: "SY"}); err != nil {
		t.Fatal(err)
	}
	check("after a create that the triggers count")
}

func allKinds() []timeline.Kind {
	var ks []timeline.Kind
	for _, k := range timeline.Kinds() {
		ks = append(ks, k.Kind)
	}
	return ks
}
