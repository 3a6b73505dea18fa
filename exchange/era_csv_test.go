package exchange_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

func TestErasCSVRoundTrip(t *testing.T) {
	var first bytes.Buffer
	if err := exchange.WriteErasCSV(&first, timeline.DemoEras()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first.String(), "SY,1971-03,2000-06-10,Hafez al-Assad,حافظ الأسد,leader\n") {
		t.Errorf("unexpected CSV:\n%s", first.String())
	}
	eras, problems := exchange.ReadErasCSV(bytes.NewReader(first.Bytes()), "")
	if problems != nil {
		t.Fatalf("problems: %v", problems)
	}
	var second bytes.Buffer
	if err := exchange.WriteErasCSV(&second, eras); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("round trip differs:\n%s\n---\n%s", first.String(), second.String())
	}
}

func TestErasCSVProblems(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string // line:field of each problem
	}{
		{"header", "country,when,name_en\nSY,1971,x\n", []string{"1:header"}},
		{"no name column", "country,from\nSY,1971\n", []string{"1:header"}},
		{"lines", "\ufeffcountry,from,to,name_en,name_ar,kind\n" +
			"SY,1971,2000,Hafez al-Assad,حافظ الأسد,leader\n" +
			"ZZ,1971,,x,,\n" +
			"SY,soon,,x,,\n" +
			"SY,2000,1999,,,king\n" +
			"RU,1991,,Russian Federation,,state\n", []string{"3:country", "4:from", "5:to", "5:name", "5:kind", "6:other_country"}},
		{"not csv", "country,from,name_ar\nSY,\"1971,x\n", []string{"2:"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			eras, problems := exchange.ReadErasCSV(strings.NewReader(tt.in), "SY")
			if eras != nil {
				t.Errorf("eras returned with problems: %d", len(eras))
			}
			var got []string
			for _, p := range problems {
				got = append(got, strings.Join([]string{itoa(p.Line), p.Field}, ":"))
				if p.Message == "" {
					t.Errorf("line %d: no message", p.Line)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("problems %v, want %v", got, tt.want)
			}
		})
	}
}

func itoa(n int) string {
	var b []byte
	for n >= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(append([]byte{byte('0' + n)}, b...))
}
