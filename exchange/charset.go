package exchange

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/dyadhq/dyad/timeline"
)

// An import's encoding is decided on the whole file, before the first row
// is read: a guess from the first rows, proved wrong by a later one, would
// have stored the earlier rows garbled already.

type charset int

const (
	charsetUTF8 charset = iota
	charsetUTF8BOM
	charsetUTF16
	charsetWindows1256
	charsetWindows1252
)

// Byte classes of the two legacy code pages dyad reads, from their tables.
var (
	arabic1256 [256]bool // Windows-1256 reads the byte as Arabic script (or a joiner or direction mark)
	letter1252 [256]bool // Windows-1252 reads the byte as a letter
	differs    [256]bool // the two code pages read the byte differently
)

func init() {
	for b := 0x80; b < 0x100; b++ {
		r56, r52 := charmap.Windows1256.DecodeByte(byte(b)), charmap.Windows1252.DecodeByte(byte(b))
		arabic1256[b] = (r56 >= 0x0600 && r56 <= 0x06FF) || (r56 >= 0x200C && r56 <= 0x200F)
		letter1252[b] = unicode.IsLetter(r52)
		differs[b] = r56 != r52
	}
}

// sniffer reads a file's bytes once and gathers what the choice of its
// encoding rests on.
type sniffer struct {
	size int64
	head []byte // the first bytes, for a byte-order mark
	nul  int    // line of the first zero byte, 0 if none

	// UTF-8: sequences that are valid and more than one byte, and bytes
	// that are not part of a valid sequence.
	multi, invalid int
	invalidLine    int

	line       int
	prevCR     bool
	prevLetter bool // the last byte was an ASCII letter

	// A run of bytes >= 0x80 between ASCII bytes. A run of two or more
	// bytes that Windows-1256 reads as Arabic, not touching an ASCII
	// letter, is an Arabic word; one or two bytes inside a Latin word
	// (next to an ASCII letter) that Windows-1256 reads otherwise than
	// Windows-1252 are Latin letters it would garble (ö, ß, É, ñ, …).
	run                          int
	runLine                      int
	runAfterLetter               bool
	runArabic, runLatin, runDiff bool

	arabicWords, latinLetters int
	arabicLine, latinLine     int
}

func newSniffer() *sniffer { return &sniffer{line: 1} }

// scan takes the next bytes of the file and returns how many it used: a
// character cut at the end of p waits for the next call, unless eof.
func (s *sniffer) scan(p []byte, eof bool) int {
	if len(s.head) < 3 {
		s.head = append(s.head, p[:min(len(p), 3-len(s.head))]...)
	}
	if fast := s.scanUTF8(p, eof); fast > 0 {
		return fast
	}
	i := 0
	for i < len(p) {
		b := p[i]
		if b < 0x80 {
			s.ascii(b)
			i++
			continue
		}
		if !eof && !utf8.FullRune(p[i:]) {
			break
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			s.invalid++
			if s.invalidLine == 0 {
				s.invalidLine = s.line
			}
		} else {
			s.multi++
		}
		for _, c := range p[i : i+size] {
			s.high(c)
		}
		i += size
	}
	s.size += int64(i)
	if eof && s.run > 0 {
		s.endRun(false)
	}
	return i
}

// scanUTF8 takes p whole, up to a character cut at its end, when that is
// valid UTF-8 without zero bytes, as nearly every file is: it only counts
// lines and characters, at the speed of utf8.Valid. It returns 0 when p
// needs the byte-by-byte look.
func (s *sniffer) scanUTF8(p []byte, eof bool) int {
	end := len(p)
	if !eof {
		for j := len(p) - 1; j >= 0 && j >= len(p)-3; j-- {
			if p[j] < 0x80 {
				break
			}
			if p[j] >= 0xC0 {
				if !utf8.FullRune(p[j:]) {
					end = j
				}
				break
			}
		}
	}
	p = p[:end]
	if len(p) == 0 || !utf8.Valid(p) || bytes.IndexByte(p, 0) >= 0 {
		return 0
	}
	if s.run > 0 {
		s.endRun(false)
	}
	lines := bytes.Count(p, []byte{'\n'}) + bytes.Count(p, []byte{'\r'}) - bytes.Count(p, []byte("\r\n"))
	if s.prevCR && p[0] == '\n' {
		lines--
	}
	s.line += lines
	for _, b := range p {
		if b >= 0xC0 {
			s.multi++
		}
	}
	last := p[len(p)-1]
	s.prevCR, s.prevLetter = last == '\r', (last|0x20) >= 'a' && (last|0x20) <= 'z'
	s.size += int64(len(p))
	return len(p)
}

func (s *sniffer) ascii(b byte) {
	letter := (b|0x20) >= 'a' && (b|0x20) <= 'z'
	if s.run > 0 {
		s.endRun(letter)
	}
	switch b {
	case '\n':
		if !s.prevCR {
			s.line++
		}
	case '\r':
		s.line++
	case 0:
		if s.nul == 0 {
			s.nul = s.line
		}
	}
	s.prevCR, s.prevLetter = b == '\r', letter
}

func (s *sniffer) high(b byte) {
	if s.run == 0 {
		s.runLine, s.runAfterLetter = s.line, s.prevLetter
		s.runArabic, s.runLatin, s.runDiff = true, true, false
	}
	s.run++
	s.runArabic = s.runArabic && arabic1256[b]
	s.runLatin = s.runLatin && letter1252[b]
	s.runDiff = s.runDiff || differs[b]
	s.prevCR, s.prevLetter = false, false
}

func (s *sniffer) endRun(beforeLetter bool) {
	inWord := s.runAfterLetter || beforeLetter
	switch {
	case s.runArabic && s.run >= 2 && !inWord:
		s.arabicWords++
		if s.arabicLine == 0 {
			s.arabicLine = s.runLine
		}
	case s.runLatin && s.runDiff && s.run <= 2 && inWord:
		s.latinLetters++
		if s.latinLine == 0 {
			s.latinLine = s.runLine
		}
	}
	s.run = 0
}

// decide names the file's encoding, with a notice for people when it is
// not plain UTF-8; an error when no one encoding reads the file right.
func (s *sniffer) decide() (charset, string, error) {
	switch {
	case s.size == 0:
		return 0, "", timeline.Errorf(timeline.EINVALID, "The file is empty: it has no header row and no events.")
	case bytes.HasPrefix(s.head, []byte{0xEF, 0xBB, 0xBF}):
		return charsetUTF8BOM, "", nil
	case bytes.HasPrefix(s.head, []byte{0xFF, 0xFE}), bytes.HasPrefix(s.head, []byte{0xFE, 0xFF}):
		return charsetUTF16, "Read as UTF-16: the file is not UTF-8.", nil
	case s.nul > 0:
		return 0, "", timeline.Errorf(timeline.EINVALID, "This is not a CSV text file (line %d contains a zero byte). Export it from your spreadsheet as CSV, UTF-8.", s.nul)
	case s.invalid == 0:
		return charsetUTF8, "", nil
	case s.multi > s.invalid:
		// UTF-8 with a few stray bytes: validation refuses the text
		// that holds them, row by row; guessing a code page would garble
		// every other row instead.
		return charsetUTF8, fmt.Sprintf("Read as UTF-8, but %d %s not UTF-8 (the first on line %d): a row with such bytes in a field is rejected.",
			s.invalid, plural(s.invalid, "byte is", "bytes are"), s.invalidLine), nil
	case s.arabicWords > 0 && s.latinLetters > 0:
		return 0, "", timeline.Errorf(timeline.EINVALID, "The file is not UTF-8, and no one code page reads it: line %d looks like Arabic in Windows-1256, "+
			"but line %d has Latin letters that Windows-1256 does not have. Save the file from your spreadsheet as CSV UTF-8 and import that.",
			s.arabicLine, s.latinLine)
	case s.arabicWords > 0:
		// Windows-1256 also has the accented letters of French at the
		// bytes Windows-1252 gives them, so French rows read right too.
		return charsetWindows1256, "Read as Windows-1256 (Arabic): the file is not UTF-8.", nil
	}
	return charsetWindows1252, "Read as Windows-1252 (Western European): the file is not UTF-8.", nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sniffAll reads r to its end through s, copying what it reads to tee
// when tee is not nil.
func sniffAll(r io.Reader, s *sniffer, tee io.Writer) error {
	buf := make([]byte, 64<<10)
	held := 0 // bytes of a character cut by the last read
	for {
		n, err := io.ReadFull(r, buf[held:])
		if tee != nil && n > 0 {
			if _, werr := tee.Write(buf[held : held+n]); werr != nil {
				return werr
			}
		}
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return err
		}
		data := buf[:held+n]
		used := s.scan(data, eof)
		if eof {
			return nil
		}
		held = copy(buf, data[used:])
	}
}

// spoolMemory is how much of a stream that cannot seek back is kept in
// memory while its encoding is decided; the rest goes to a temporary file.
var spoolMemory = 8 << 20

// spool keeps a stream for a second reading.
type spool struct {
	mem  []byte
	file *os.File
}

func (sp *spool) Write(p []byte) (int, error) {
	if sp.file == nil && len(sp.mem)+len(p) <= spoolMemory {
		sp.mem = append(sp.mem, p...)
		return len(p), nil
	}
	if sp.file == nil {
		f, err := os.CreateTemp("", "dyad-import-*.csv")
		if err != nil {
			return 0, err
		}
		sp.file = f
		if _, err := f.Write(sp.mem); err != nil {
			return 0, err
		}
		sp.mem = nil
	}
	return sp.file.Write(p)
}

// reader returns the spooled bytes from the start.
func (sp *spool) reader() (io.Reader, error) {
	if sp.file == nil {
		return bytes.NewReader(sp.mem), nil
	}
	if _, err := sp.file.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return sp.file, nil
}

func (sp *spool) close() {
	if sp.file != nil {
		sp.file.Close()
		os.Remove(sp.file.Name())
		sp.file = nil
	}
	sp.mem = nil
}

// decodeInput reads src to its end to decide its encoding, then returns it
// from the start again as UTF-8, without a byte-order mark. A reader that
// can seek (an *os.File) is read twice; any other is spooled. release
// frees the spool.
func decodeInput(src io.Reader) (text io.Reader, notice string, release func(), err error) {
	release = func() {}
	s := newSniffer()
	var raw io.Reader
	if rs, ok := src.(io.ReadSeeker); ok {
		if start, serr := rs.Seek(0, io.SeekCurrent); serr == nil {
			if err := sniffAll(rs, s, nil); err != nil {
				return nil, "", release, err
			}
			if _, err := rs.Seek(start, io.SeekStart); err != nil {
				return nil, "", release, err
			}
			raw = rs
		}
	}
	if raw == nil {
		sp := &spool{}
		release = sp.close
		if err := sniffAll(src, s, sp); err != nil {
			sp.close()
			return nil, "", func() {}, err
		}
		if raw, err = sp.reader(); err != nil {
			sp.close()
			return nil, "", func() {}, err
		}
	}
	cs, notice, err := s.decide()
	if err != nil {
		release()
		return nil, "", func() {}, err
	}
	switch cs {
	case charsetUTF8BOM:
		br := bufio.NewReaderSize(raw, 64<<10)
		br.Discard(3)
		return br, notice, release, nil
	case charsetUTF16:
		return transform.NewReader(raw, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()), notice, release, nil
	case charsetWindows1256:
		return transform.NewReader(raw, charmap.Windows1256.NewDecoder()), notice, release, nil
	case charsetWindows1252:
		return transform.NewReader(raw, charmap.Windows1252.NewDecoder()), notice, release, nil
	}
	return raw, notice, release, nil
}
