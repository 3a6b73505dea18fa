package exchange

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// csvReader reads CSV as RFC 4180 describes it and as spreadsheets write
// it: fields separated by commas, semicolons or tabs; records ending in LF,
// CRLF or, from older Mac spreadsheets, CR alone. Every byte inside a
// quoted field is kept as it is, CRLF included (encoding/csv turns it into
// LF, so a cell would not read back as it was written). Blank lines are
// skipped. A quote inside a field that is not quoted spoils that record
// only; a quoted field left open, or going on after its closing quote,
// leaves the rest of the file unreadable.
type csvReader struct {
	r     *bufio.Reader
	comma byte
	cr    bool // records end in CR alone
	max   int  // bytes one record may hold

	line  int // lines read so far
	start int // line where the last record began

	rec     []byte // the fields of the record being read, one after the other
	ends    []int  // where each field ends in rec
	longBuf []byte // a line longer than r's buffer
}

// csvError is a record that cannot be read.
type csvError struct {
	StartLine, Line int
	Err             error
}

func (e *csvError) Error() string {
	return fmt.Sprintf("record on line %d: line %d: %v", e.StartLine, e.Line, e.Err)
}

func (e *csvError) Unwrap() error { return e.Err }

var (
	errBareQuote  = errors.New("a quote appears inside a field that is not quoted (write it as two quotes inside a quoted field)")
	errQuoteAfter = errors.New("a quoted field goes on after its closing quote (write a quote inside a quoted field as two quotes)")
	errOpenQuote  = errors.New("a quote is left open: the quoted field never ends")
	errTooLong    = errors.New("the record is too long")
)

func newCSVReader(r *bufio.Reader, comma byte, cr bool, max int) *csvReader {
	return &csvReader{r: r, comma: comma, cr: cr, max: max}
}

// readLine returns the next line with its line end, if it has one.
func (c *csvReader) readLine() ([]byte, error) {
	delim := byte('\n')
	if c.cr {
		delim = '\r'
	}
	line, err := c.r.ReadSlice(delim)
	if errors.Is(err, bufio.ErrBufferFull) {
		c.longBuf = append(c.longBuf[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(c.longBuf) > c.max {
				return nil, errTooLong
			}
			line, err = c.r.ReadSlice(delim)
			c.longBuf = append(c.longBuf, line...)
		}
		line = c.longBuf
	}
	if c.cr && err == nil {
		// A CRLF in a file of CR line ends is one line end too.
		if next, perr := c.r.Peek(1); perr == nil && next[0] == '\n' {
			c.r.Discard(1)
			c.longBuf = append(append(c.longBuf[:0:0], line...), '\n')
			line = c.longBuf
		}
	}
	if len(line) > 0 {
		c.line++
		if errors.Is(err, io.EOF) {
			err = nil // the last line has no line end
		}
	}
	return line, err
}

// wrap places a record too long in the file.
func (c *csvReader) wrap(err error) error {
	if errors.Is(err, errTooLong) {
		return &csvError{c.start, c.line + 1, err}
	}
	return err
}

// lineEnd is the length of the line end that closes line: LF, CRLF, CR (a
// CR file, or the very last line), or none.
func lineEnd(line []byte) int {
	n := len(line)
	switch {
	case n >= 2 && line[n-2] == '\r' && line[n-1] == '\n':
		return 2
	case n >= 1 && (line[n-1] == '\n' || line[n-1] == '\r'):
		return 1
	}
	return 0
}

// Read returns the next record; io.EOF after the last one.
func (c *csvReader) Read() ([]string, error) {
	var line []byte
	var err error
	for {
		c.start = c.line + 1
		line, err = c.readLine()
		if err != nil {
			return nil, c.wrap(err) // io.EOF after the last record
		}
		if lineEnd(line) < len(line) {
			break
		}
	}
	c.start = c.line
	c.rec, c.ends = c.rec[:0], c.ends[:0]
	pos := 0
fields:
	for {
		if pos < len(line) && line[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i < 0 {
					// The field goes on past the line end, which it keeps.
					c.rec = append(c.rec, line[pos:]...)
					if len(c.rec) > c.max {
						return nil, &csvError{c.start, c.line, errTooLong}
					}
					line, err = c.readLine()
					if len(line) == 0 && (err == nil || errors.Is(err, io.EOF)) {
						return nil, &csvError{c.start, c.line, errOpenQuote}
					}
					if err != nil {
						return nil, c.wrap(err)
					}
					pos = 0
					continue
				}
				c.rec = append(c.rec, line[pos:pos+i]...)
				pos += i + 1
				switch {
				case pos < len(line) && line[pos] == '"':
					c.rec = append(c.rec, '"')
					pos++
				case pos < len(line) && line[pos] == c.comma:
					c.ends = append(c.ends, len(c.rec))
					pos++
					continue fields
				case len(line)-pos == lineEnd(line):
					c.ends = append(c.ends, len(c.rec))
					break fields
				default:
					return nil, &csvError{c.start, c.line, errQuoteAfter}
				}
			}
		}
		rest := line[pos : len(line)-lineEnd(line)]
		field := rest
		i := bytes.IndexByte(rest, c.comma)
		if i >= 0 {
			field = rest[:i]
		}
		if bytes.IndexByte(field, '"') >= 0 {
			return nil, &csvError{c.start, c.line, errBareQuote}
		}
		c.rec = append(c.rec, field...)
		c.ends = append(c.ends, len(c.rec))
		if i < 0 {
			break
		}
		pos += i + 1
	}
	if len(c.rec) > c.max {
		return nil, &csvError{c.start, c.line, errTooLong}
	}
	s := string(c.rec)
	out := make([]string, len(c.ends))
	prev := 0
	for i, end := range c.ends {
		out[i] = s[prev:end]
		prev = end
	}
	return out, nil
}

// csvDialect is how a file's records are written, found from its header.
type csvDialect struct {
	comma byte
	cr    bool // lines end in CR alone
}

// sniffDialect looks at the header line, the start of a file: the
// separator is a semicolon or a tab when the header has no comma but has
// those (spreadsheets in Arabic and European locales write them), and the
// lines end in CR alone when the header does.
func sniffDialect(head []byte) csvDialect {
	d := csvDialect{comma: ','}
	var commas, semis, tabs int
	quoted := false
scan:
	for i, b := range head {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == ',':
			commas++
		case b == ';':
			semis++
		case b == '\t':
			tabs++
		case b == '\n':
			break scan
		case b == '\r':
			d.cr = i+1 < len(head) && head[i+1] != '\n'
			break scan
		}
	}
	if commas == 0 && semis+tabs > 0 {
		d.comma = ';'
		if tabs > semis {
			d.comma = '\t'
		}
	}
	return d
}
