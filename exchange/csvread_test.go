package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/timeline"
)

// readCSV reads every record of in with the dialect its header shows.
func readCSV(in string) ([][]string, []int, error) {
	br := bufio.NewReaderSize(strings.NewReader(in), 16) // small, so lines outgrow the buffer
	head, _ := bufio.NewReader(strings.NewReader(in)).Peek(len(in))
	d := sniffDialect(head)
	r := newCSVReader(br, d.comma, d.cr, 1<<10)
	var recs [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, lines, nil
		}
		if err != nil {
			return recs, lines, err
		}
		recs = append(recs, rec)
		lines = append(lines, r.start)
	}
}

func TestCSVReader(t *testing.T) {
	for _, tt := range []struct {
		name  string
		in    string
		want  [][]string
		lines []int // where each record starts; nil to skip
	}{
		// The cases of csv-spectrum (github.com/max-mapper/csv-spectrum),
		// written out here.
		{"OKSpectrumCommaInQuotes", "first,last,address,city,zip\nJohn,Doe,120 any st.,\"Anytown, WW\",08123\n",
			[][]string{{"first", "last", "address", "city", "zip"}, {"John", "Doe", "120 any st.", "Anytown, WW", "08123"}}, nil},
		{"OKSpectrumEmpty", "a,b,c\n1,\"\",\"\"\n2,3,4\n",
			[][]string{{"a", "b", "c"}, {"1", "", ""}, {"2", "3", "4"}}, nil},
		{"OKSpectrumEmptyCRLF", "a,b,c\r\n1,\"\",\"\"\r\n2,3,4\r\n",
			[][]string{{"a", "b", "c"}, {"1", "", ""}, {"2", "3", "4"}}, nil},
		{"OKSpectrumEscapedQuotes", "a,b\n1,\"ha \"\"ha\"\" ha\"\n3,4\n",
			[][]string{{"a", "b"}, {"1", `ha "ha" ha`}, {"3", "4"}}, nil},
		{"OKSpectrumJSON", "key,val\n1,\"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [102.0, 0.5]}\"\n",
			[][]string{{"key", "val"}, {"1", `{"type": "Point", "coordinates": [102.0, 0.5]}`}}, nil},
		{"OKSpectrumLocationCoordinates", "Contact Phone Number,Cities,Latitude,Longitude\n(555) 123-4567,\"Dallas, TX\",32.7767,-96.7970\n",
			[][]string{{"Contact Phone Number", "Cities", "Latitude", "Longitude"}, {"(555) 123-4567", "Dallas, TX", "32.7767", "-96.7970"}}, nil},
		{"OKSpectrumNewlines", "a,b,c\n1,2,3\n\"Once upon \na time\",5,6\n7,8,9\n",
			[][]string{{"a", "b", "c"}, {"1", "2", "3"}, {"Once upon \na time", "5", "6"}, {"7", "8", "9"}}, []int{1, 2, 3, 5}},
		{"OKSpectrumNewlinesCRLF", "a,b,c\r\n1,2,3\r\n\"Once upon \r\na time\",5,6\r\n7,8,9\r\n",
			[][]string{{"a", "b", "c"}, {"1", "2", "3"}, {"Once upon \r\na time", "5", "6"}, {"7", "8", "9"}}, []int{1, 2, 3, 5}},
		{"OKSpectrumQuotesAndNewlines", "a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n",
			[][]string{{"a", "b"}, {"1", "ha \n\"ha\" \nha"}, {"3", "4"}}, []int{1, 2, 5}},
		{"OKSpectrumSimple", "a,b,c\n1,2,3\n", [][]string{{"a", "b", "c"}, {"1", "2", "3"}}, nil},
		{"OKSpectrumSimpleCRLF", "a,b,c\r\n1,2,3\r\n", [][]string{{"a", "b", "c"}, {"1", "2", "3"}}, nil},
		{"OKSpectrumUTF8", "a,b,c\n1,2,3\n4,5,ʤ\n", [][]string{{"a", "b", "c"}, {"1", "2", "3"}, {"4", "5", "ʤ"}}, nil},

		// What dyad adds.
		{"OKNoFinalLineEnd", "a,b\n1,2", [][]string{{"a", "b"}, {"1", "2"}}, nil},
		{"OKNoFinalLineEndQuoted", "a,b\n1,\"2\"", [][]string{{"a", "b"}, {"1", "2"}}, nil},
		{"OKFinalCROnly", "a,b\n1,2\r", [][]string{{"a", "b"}, {"1", "2"}}, nil},
		{"OKBlankLines", "a,b\n\n1,2\r\n\r\n\n3,4\n\n", [][]string{{"a", "b"}, {"1", "2"}, {"3", "4"}}, []int{1, 3, 6}},
		{"OKEmptyFields", "a,b,c\n,,\n", [][]string{{"a", "b", "c"}, {"", "", ""}}, nil},
		{"OKLoneCRInside", "a,b\n1,x\ry\n", [][]string{{"a", "b"}, {"1", "x\ry"}}, nil},
		{"OKCRLFInQuotesKept", "a,b\n\"x\r\ny\r\n\r\nz\",\"\r\n\"\n", [][]string{{"a", "b"}, {"x\r\ny\r\n\r\nz", "\r\n"}}, []int{1, 2}},
		{"OKCROnlyLines", "a,b,c\r1,2,3\r\"x\ry\",5,6\r7,8,9", [][]string{{"a", "b", "c"}, {"1", "2", "3"}, {"x\ry", "5", "6"}, {"7", "8", "9"}}, []int{1, 2, 3, 5}},
		{"OKCROnlyWithCRLF", "a,b\r1,2\r\n3,4\r", [][]string{{"a", "b"}, {"1", "2"}, {"3", "4"}}, nil},
		{"OKSemicolons", "date;title;countries\n2025;\"a; b, c\";SY,RU\n", [][]string{{"date", "title", "countries"}, {"2025", "a; b, c", "SY,RU"}}, nil},
		{"OKTabs", "date\ttitle\tcountries\r\n2025\ta, b; c\tSY;RU\r\n", [][]string{{"date", "title", "countries"}, {"2025", "a, b; c", "SY;RU"}}, nil},
		{"OKCommaWinsOverSemicolons", "date,title;x\n1,2;3\n", [][]string{{"date", "title;x"}, {"1", "2;3"}}, nil},
		{"OKQuotedSeparatorsInHeaderIgnored", "\"a,b\";c\n1;2\n", [][]string{{"a,b", "c"}, {"1", "2"}}, nil},
		{"OKLongLine", "a\n" + strings.Repeat("x", 500) + "\n", [][]string{{"a"}, {strings.Repeat("x", 500)}}, nil},
		{"OKArabic", "التاريخ,العنوان\n2025,\"زيارة، ثم \"\"لقاء\"\"\"\n", [][]string{{"التاريخ", "العنوان"}, {"2025", `زيارة، ثم "لقاء"`}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, lines, err := readCSV(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("records\n%q\nwant\n%q", got, tt.want)
			}
			if tt.lines != nil && !reflect.DeepEqual(lines, tt.lines) {
				t.Fatalf("records start on lines %v, want %v", lines, tt.lines)
			}
		})
	}

	for _, tt := range []struct {
		name      string
		in        string
		want      error
		line      int
		readAfter [][]string // the records read after the error, if it spoils one record only
	}{
		{"ErrBareQuote", "a,b\n1,x\"y\n2,z\n", errBareQuote, 2, [][]string{{"2", "z"}}},
		{"ErrBareQuoteAfterMultiline", "a,b\n\"1\n2\",x\"y\n3,z\n", errBareQuote, 2, [][]string{{"3", "z"}}},
		{"ErrQuoteAfter", "a,b\n\"x\"y,1\n2,3\n", errQuoteAfter, 2, nil},
		{"ErrOpenQuote", "a,b\n1,\"open\n2,3\n", errOpenQuote, 2, nil},
		{"ErrTooLongQuoted", "a,b\n1,\"" + strings.Repeat("x\n", 600) + "\"\n", errTooLong, 2, nil},
		{"ErrTooLongLine", "a\n" + strings.Repeat("x", 1100) + "\n", errTooLong, 2, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newCSVReader(bufio.NewReaderSize(strings.NewReader(tt.in), 16), ',', false, 1<<10)
			if _, err := r.Read(); err != nil {
				t.Fatalf("header: %v", err)
			}
			_, err := r.Read()
			var ce *csvError
			if !errors.Is(err, tt.want) || !errors.As(err, &ce) || ce.StartLine != tt.line {
				t.Fatalf("err %v, want %v on line %d", err, tt.want, tt.line)
			}
			if tt.readAfter != nil {
				var after [][]string
				for {
					rec, err := r.Read()
					if err != nil {
						break
					}
					after = append(after, rec)
				}
				if !reflect.DeepEqual(after, tt.readAfter) {
					t.Fatalf("after the error: %q, want %q", after, tt.readAfter)
				}
			}
		})
	}
}

// dyad's CSV reads back cell for cell, and writes again byte for byte, with
// line breaks of every kind inside cells.
func TestCSVRoundTrip(t *testing.T) {
	events := []*timeline.Event{
		{ID: 1, Date: timeline.MustParseDate("2025-10-15"), Title: "=1+2", Description: "one\r\ntwo\r\n\r\nthree\rfour\nfive",
			Kind: timeline.KindVisit, Countries: []timeline.Country{"SY", "RU"}, Initiator: "SY", Location: "\r\nMoscow",
			Sources: []timeline.Citation{{Source: timeline.Source{URL: "https://example.org/a"}, Excerpt: "«قال»\r\n\"نعم\""}}},
		{ID: 2, Date: timeline.MustParseDate("1970s"), Title: "سوريا; \"روسيا\", تركيا", Kind: timeline.KindOther,
			Countries: []timeline.Country{"SY", "TR"}, Tags: []string{"a;b", "\tc"}},
	}
	var first bytes.Buffer
	cw := NewCSVWriter(&first)
	for _, e := range events {
		if err := cw.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	recs, _, err := readCSV(first.String())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], CSVHeader) {
		t.Fatalf("header %q", recs[0])
	}
	for i, e := range events {
		if want := EventRecord(e); !reflect.DeepEqual(recs[i+1], want) {
			t.Fatalf("event %d reads back as\n%q\nwant\n%q", e.ID, recs[i+1], want)
		}
	}
	var second bytes.Buffer
	cw = NewCSVWriter(&second)
	for _, rec := range recs {
		cw.writeRecord(rec)
	}
	cw.w.Flush()
	if second.String() != first.String() {
		t.Fatalf("written again:\n%q\nfirst:\n%q", second.String(), first.String())
	}
}

// The reader against encoding/csv on dyad's own CSV, and the encoding scan
// that now reads every file once more before the import.
func BenchmarkCSVReader(b *testing.B) {
	var buf bytes.Buffer
	cw := NewCSVWriter(&buf)
	e := &timeline.Event{ID: 1, Date: timeline.MustParseDate("2025-10-15"), Title: "لقاء وزيري الخارجية في موسكو",
		Description: strings.Repeat("بحث الوزيران العلاقات الثنائية، \"وسبل\" تطويرها.\n", 4), Kind: timeline.KindConsult,
		Countries: []timeline.Country{"SY", "RU"}, Initiator: "SY", Tags: []string{"politics", "economy"},
		Sources: []timeline.Citation{{Source: timeline.Source{URL: "https://example.org/a", Title: "عنوان", Publisher: "عنب بلدي"}}}}
	for range 5000 {
		cw.Write(e)
	}
	cw.Flush()
	data := buf.Bytes()
	b.Run("dyad", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r := newCSVReader(bufio.NewReaderSize(bytes.NewReader(data), 64<<10), ',', false, maxImportRecord)
			for {
				if _, err := r.Read(); err != nil {
					break
				}
			}
		}
	})
	b.Run("encoding-csv", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r := csv.NewReader(bufio.NewReaderSize(bytes.NewReader(data), 64<<10))
			for {
				if _, err := r.Read(); err != nil {
					break
				}
			}
		}
	})
	b.Run("sniff", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sniffAll(bytes.NewReader(data), newSniffer(), nil)
		}
	})
}
