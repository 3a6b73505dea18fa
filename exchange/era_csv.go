package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dyadhq/dyad/timeline"
)

// EraColumns are the columns of an eras CSV file, in order.
var EraColumns = []string{"country", "from", "to", "name_en", "name_ar", "kind"}

// WriteErasCSV writes eras as CSV: a header of EraColumns, then one row an
// era, dates in their canonical form (2000-07-17, 1971-03, 1971), an
// ongoing era with an empty to. UTF-8 without a byte order mark, so that
// what ReadErasCSV reads back writes the same bytes.
func WriteErasCSV(w io.Writer, eras []*timeline.Era) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(EraColumns); err != nil {
		return err
	}
	for _, e := range eras {
		if err := cw.Write([]string{string(e.Country), e.From.String(), e.To.String(), e.Name, e.NameAR, string(e.Kind)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// EraRowError is a problem with one line of an eras CSV file: Field is the
// column at fault ("" for the line or the file), Message says what is
// wrong, in English.
type EraRowError struct {
	Line    int
	Field   string // "other_country" when the era is of another country than the one asked for
	Message string
	Value   string // the value at fault, for other_country its code
}

func (e EraRowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// ReadErasCSV reads an eras CSV file as WriteErasCSV writes it (a byte
// order mark and columns in another order are accepted; name_en and
// name_ar may be missing, not both) and validates every era; when only is
// set, every era must be of that country. It returns the eras only when
// every line is good; otherwise the problems, one a field.
func ReadErasCSV(r io.Reader, only timeline.Country) ([]*timeline.Era, []EraRowError) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, []EraRowError{{Message: "The file could not be read."}}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, []EraRowError{{Line: 1, Message: "The file is not CSV with a header line: country,from,to,name_en,name_ar,kind."}}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"country", "from"} {
		if _, ok := col[need]; !ok {
			return nil, []EraRowError{{Line: 1, Field: "header", Message: "The header lacks the column " + need + "; the columns are country,from,to,name_en,name_ar,kind."}}
		}
	}
	_, en := col["name_en"]
	_, ar := col["name_ar"]
	if !en && !ar {
		return nil, []EraRowError{{Line: 1, Field: "header", Message: "The header lacks a name column: name_en or name_ar."}}
	}
	var eras []*timeline.Era
	var problems []EraRowError
	for {
		line, _ := cr.FieldPos(0)
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			problems = append(problems, EraRowError{Line: line, Message: "The line is not valid CSV."})
			break
		}
		line, _ = cr.FieldPos(0)
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		e := &timeline.Era{Name: get("name_en"), NameAR: get("name_ar"), Kind: timeline.EraKind(get("kind"))}
		bad := map[string]string{}
		if c, err := timeline.ParseCountry(get("country")); err != nil {
			bad["country"] = timeline.ErrorMessage(err)
		} else {
			e.Country = c
			if only != "" && c != only {
				bad["other_country"] = fmt.Sprintf("The era is of %s; this file imports the eras of %s.", c.Name(), only.Name())
			}
		}
		if s := get("from"); s != "" {
			if e.From, err = timeline.ParseDate(s); err != nil {
				bad["from"] = timeline.ErrorMessage(err)
			}
		}
		if s := get("to"); s != "" {
			if e.To, err = timeline.ParseDate(s); err != nil {
				bad["to"] = timeline.ErrorMessage(err)
			}
		}
		if err := e.Validate(); err != nil {
			for k, msg := range timeline.FieldErrors(err) {
				if _, ok := bad[k]; !ok {
					bad[k] = msg
				}
			}
		}
		for _, k := range []string{"country", "other_country", "from", "to", "name", "name_ar", "kind"} {
			if msg, ok := bad[k]; ok {
				problems = append(problems, EraRowError{Line: line, Field: k, Message: msg, Value: string(e.Country)})
			}
		}
		eras = append(eras, e)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return eras, nil
}
