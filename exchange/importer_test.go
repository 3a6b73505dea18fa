package exchange_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

// readImport reads every row of data through an importer.
func readImport(t *testing.T, src io.Reader) (*exchange.Importer, []timeline.ImportRow) {
	t.Helper()
	im, err := exchange.NewImporter(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { im.Close() })
	var rows []timeline.ImportRow
	for {
		row, err := im.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
	return im, rows
}

// streamOnly hides Seek, as a network body or a pipe would.
type streamOnly struct{ r io.Reader }

func (s streamOnly) Read(p []byte) (int, error) { return s.r.Read(p) }

// encode writes UTF-8 text in a legacy code page; it fails the test on a
// character the code page lacks.
func encode(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("%s cannot encode the text: %v", cm, err)
	}
	return b
}

// Both ways of reading (a file that can seek back, a stream that is
// spooled) must see the whole file before choosing its encoding.
var readers = []struct {
	name string
	wrap func([]byte) io.Reader
}{
	{"Seeker", func(b []byte) io.Reader { return bytes.NewReader(b) }},
	{"Stream", func(b []byte) io.Reader { return streamOnly{bytes.NewReader(b)} }},
}

func titles(t *testing.T, rows []timeline.ImportRow) []string {
	t.Helper()
	var out []string
	for _, r := range rows {
		if r.Event == nil {
			t.Fatalf("line %d rejected: %v", r.Line, r.Problems)
		}
		out = append(out, r.Event.Title)
	}
	return out
}

func TestImporterEncodingWholeFile(t *testing.T) {
	const arabic = "الشيباني في موسكو"
	// 1,500 French rows whose letters Windows-1252 and Windows-1256 share,
	// then one Arabic row: far past the first 64 KiB.
	var french strings.Builder
	french.WriteString("date,title,countries\n")
	for i := range 1500 {
		fmt.Fprintf(&french, "2024-01-%02d,Réunion à Genève n°%d : ça a été très long,FR;CH\n", i%28+1, i)
	}
	frenchThenArabic := encode(t, charmap.Windows1256, french.String()+"2025-10-15,"+arabic+",SY;RU\n")
	if len(frenchThenArabic) < 64<<10 {
		t.Fatalf("the fixture is %d bytes; it must be longer than the first look", len(frenchThenArabic))
	}
	var ascii strings.Builder
	ascii.WriteString("date,title,countries\n")
	for i := range 3000 {
		fmt.Fprintf(&ascii, "2024-02-%02d,Talks number %d,US;RU\n", i%28+1, i)
	}
	asciiThenArabic := encode(t, charmap.Windows1256, ascii.String()+"2025-10-15,"+arabic+",SY;RU\n2025-10-16,"+arabic+" (2),SY;RU\n")

	for _, rd := range readers {
		t.Run("OKFrenchThenArabic"+rd.name, func(t *testing.T) {
			im, rows := readImport(t, rd.wrap(frenchThenArabic))
			got := titles(t, rows)
			if len(got) != 1501 || got[0] != "Réunion à Genève n°0 : ça a été très long" || got[1500] != arabic {
				t.Fatalf("%d rows; first %q, last %q", len(got), got[0], got[len(got)-1])
			}
			if n := im.Notices(); len(n) != 1 || !strings.Contains(n[0], "Windows-1256") {
				t.Fatalf("notices %q", n)
			}
		})
		t.Run("OKASCIIThenArabic"+rd.name, func(t *testing.T) {
			im, rows := readImport(t, rd.wrap(asciiThenArabic))
			got := titles(t, rows)
			if len(got) != 3002 || got[3000] != arabic || got[3001] != arabic+" (2)" {
				t.Fatalf("%d rows; last %q", len(got), got[len(got)-1])
			}
			if n := im.Notices(); len(n) != 1 || n[0] != "Read as Windows-1256 (Arabic): the file is not UTF-8." {
				t.Fatalf("notices %q", n)
			}
		})
	}
}

func TestImporterEncodings(t *testing.T) {
	utf16 := func(s string, bigEndian bool) []byte {
		out := []byte{0xFF, 0xFE}
		if bigEndian {
			out = []byte{0xFE, 0xFF}
		}
		for _, r := range s {
			if bigEndian {
				out = append(out, byte(r>>8), byte(r))
			} else {
				out = append(out, byte(r), byte(r>>8))
			}
		}
		return out
	}
	const csv = "date,title,countries\n2025,سوريا وروسيا,SY;RU\n"
	// A long UTF-8 file whose one bad byte comes late: UTF-8 it stays, and
	// only that row is refused.
	var mostly strings.Builder
	mostly.WriteString("date,title,countries\n")
	for i := range 2000 {
		fmt.Fprintf(&mostly, "2025,لقاء رقم %d,SY;RU\n", i)
	}
	mostly.WriteString("2025,caf\xE9,FR;CH\n")

	for _, tt := range []struct {
		name   string
		data   []byte
		want   []string // titles; "" for a rejected row
		notice string   // "" for none
	}{
		{"OKUTF8", []byte(csv), []string{"سوريا وروسيا"}, ""},
		{"OKUTF8BOM", append([]byte("\xEF\xBB\xBF"), csv...), []string{"سوريا وروسيا"}, ""},
		{"OKUTF16LE", utf16(csv, false), []string{"سوريا وروسيا"}, "Read as UTF-16: the file is not UTF-8."},
		{"OKUTF16BE", utf16(csv, true), []string{"سوريا وروسيا"}, "Read as UTF-16: the file is not UTF-8."},
		{"OKWindows1256", encode(t, charmap.Windows1256, csv), []string{"سوريا وروسيا"}, "Read as Windows-1256 (Arabic): the file is not UTF-8."},
		{"OKWindows1252", encode(t, charmap.Windows1252, "date,title,countries\n2025,Café talks in Genève,CH;FR\n"),
			[]string{"Café talks in Genève"}, "Read as Windows-1252 (Western European): the file is not UTF-8."},
		// ö and ß are Arabic marks and letters in Windows-1256, but inside a
		// Latin word they are German.
		{"OKWindows1252German", encode(t, charmap.Windows1252, "date,title,countries\n2025,Größere Gespräche über Öl,DE;RU\n2025,Ärger über Öl und Fußball,DE;RU\n"),
			[]string{"Größere Gespräche über Öl", "Ärger über Öl und Fußball"}, "Read as Windows-1252 (Western European): the file is not UTF-8."},
		{"OKMostlyUTF8", []byte(mostly.String()), nil,
			"Read as UTF-8, but 1 byte is not UTF-8 (the first on line 2002): a row with such bytes in a field is rejected."},
	} {
		for _, rd := range readers {
			t.Run(tt.name+rd.name, func(t *testing.T) {
				im, rows := readImport(t, rd.wrap(tt.data))
				if tt.want != nil {
					if got := titles(t, rows); strings.Join(got, "|") != strings.Join(tt.want, "|") {
						t.Fatalf("titles %q, want %q", got, tt.want)
					}
				}
				var notices []string
				if tt.notice != "" {
					notices = []string{tt.notice}
				}
				if got := im.Notices(); strings.Join(got, "|") != strings.Join(notices, "|") {
					t.Fatalf("notices %q, want %q", got, notices)
				}
				if tt.name == "OKMostlyUTF8" {
					last := rows[len(rows)-1]
					if len(rows) != 2001 || rows[0].Event == nil || rows[0].Event.Title != "لقاء رقم 0" || last.Event != nil || last.Line != 2002 {
						t.Fatalf("%d rows; the last: %+v", len(rows), last)
					}
				}
			})
		}
	}

	t.Run("OKSpooledToFile", func(t *testing.T) {
		// A stream larger than the memory spool goes to a temporary file,
		// which Close removes.
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		defer exchange.SetSpoolMemory(1 << 10)()
		data := encode(t, charmap.Windows1256, mostly.String()[:strings.LastIndex(mostly.String(), "2025,caf")]+"2025,الشيباني,SY;RU\n")
		im, err := exchange.NewImporter(streamOnly{bytes.NewReader(data)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if files, _ := os.ReadDir(tmp); len(files) != 1 {
			t.Fatalf("%d files in the temporary directory, want the spool", len(files))
		}
		var last timeline.ImportRow
		for n := 0; ; n++ {
			row, err := im.Next()
			if errors.Is(err, io.EOF) {
				if n != 2001 || last.Event == nil || last.Event.Title != "الشيباني" {
					t.Fatalf("%d rows, the last %+v", n, last)
				}
				break
			}
			last = row
		}
		im.Close()
		if files, _ := os.ReadDir(tmp); len(files) != 0 {
			t.Fatalf("the spool is left behind: %v", files)
		}
	})
	t.Run("OKSeekerFromItsOffset", func(t *testing.T) {
		// The file is read from where the reader stood, and back there.
		r := bytes.NewReader([]byte("junk\n" + csv))
		r.Seek(5, io.SeekStart)
		_, rows := readImport(t, r)
		if got := titles(t, rows); len(got) != 1 || got[0] != "سوريا وروسيا" {
			t.Fatalf("titles %q", got)
		}
	})
	t.Run("ErrMixedCodePages", func(t *testing.T) {
		// Arabic in Windows-1256 and Spanish in Windows-1252 in one file:
		// no one code page reads both, and guessing would garble one.
		data := append([]byte("date,title,countries\n2025,"), encode(t, charmap.Windows1256, "سوريا وروسيا")...)
		data = append(data, ",SY;RU\n2025,"...)
		data = append(data, encode(t, charmap.Windows1252, "España y Rusia")...)
		data = append(data, ",ES;RU\n"...)
		_, err := exchange.NewImporter(bytes.NewReader(data), nil)
		if timeline.ErrorCode(err) != timeline.EINVALID || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "line 3") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("ErrZeroBytes", func(t *testing.T) {
		// Far into the file, after lines ending in LF, CRLF and CR: the
		// message names the line.
		data := []byte(strings.Repeat("date,title,countries\n", 2000) + strings.Repeat("date,title,countries\r\n", 2000) +
			strings.Repeat("date,title,countries\r", 2000) + "2025,\x00,SY;RU\n")
		_, err := exchange.NewImporter(bytes.NewReader(data), nil)
		if timeline.ErrorCode(err) != timeline.EINVALID || !strings.Contains(err.Error(), "line 6001 ") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		for _, rd := range readers {
			if _, err := exchange.NewImporter(rd.wrap(nil), nil); timeline.ErrorCode(err) != timeline.EINVALID {
				t.Fatalf("%s: err %v", rd.name, err)
			}
		}
	})
}

func TestImporterDialects(t *testing.T) {
	utf16le := func(s string) []byte {
		out := []byte{0xFF, 0xFE}
		for _, r := range s {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}
	for _, tt := range []struct {
		name    string
		data    []byte
		want    []string // titles
		lines   []int
		notices []string
	}{
		{"OKCROnly", []byte("date,title,countries\r2025,Talks,SY;RU\r\"2024\",\"Two\rlines\",SY;RU\r2023,Last,SY;RU"),
			[]string{"Talks", "Two lines", "Last"}, []int{2, 3, 5},
			[]string{"Lines end in a carriage return alone, as older Mac spreadsheets write them."}},
		{"OKSemicolons", []byte("date;title;countries;description\n2025;Talks, in Moscow;SY,RU;\"a; b\"\n"),
			[]string{"Talks, in Moscow"}, []int{2}, []string{"Columns are separated by semicolons."}},
		{"OKSemicolonsWindows1256CRLF", encode(t, charmap.Windows1256, "date;title;countries\r\n2025;لقاء في موسكو;سوريا,روسيا\r\n"),
			[]string{"لقاء في موسكو"}, []int{2}, []string{"Read as Windows-1256 (Arabic): the file is not UTF-8.", "Columns are separated by semicolons."}},
		{"OKTabsUTF16", utf16le("date\ttitle\tcountries\r\n2025\tلقاء، في موسكو\tSY;RU\r\n"),
			[]string{"لقاء، في موسكو"}, []int{2}, []string{"Read as UTF-16: the file is not UTF-8.", "Columns are separated by tabs."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			im, rows := readImport(t, bytes.NewReader(tt.data))
			if strings.Join(im.Notices(), "|") != strings.Join(tt.notices, "|") {
				t.Fatalf("notices %q, want %q", im.Notices(), tt.notices)
			}
			if got := titles(t, rows); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("titles %q, want %q", got, tt.want)
			}
			for i, r := range rows {
				if r.Line != tt.lines[i] {
					t.Fatalf("row %d on line %d, want %d", i, r.Line, tt.lines[i])
				}
			}
		})
	}
}

// A file of hundreds of thousands of columns is refused at its header: the
// preview would list each (an attacker's 400,000 made a 522 MB page).
func TestImporterColumnLimit(t *testing.T) {
	header := strings.Repeat("c,", exchange.MaxColumns) + "c\n"
	_, err := exchange.NewImporter(strings.NewReader(header+strings.Repeat("x,", exchange.MaxColumns)+"x\n"), nil)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("at most %d", exchange.MaxColumns)) {
		t.Fatalf("a file of %d columns: %v", exchange.MaxColumns+1, err)
	}
	if _, err := exchange.NewImporter(strings.NewReader("date,title\n2025,x\n"), nil); err != nil {
		t.Fatal(err)
	}
}
