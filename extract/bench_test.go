package extract

import (
	"strings"
	"testing"
)

// BenchmarkCandidates reads the seed article and a 1 MB text made of it
// repeated (paragraphs with dates, countries and people throughout).
func BenchmarkCandidates(b *testing.B) {
	a := seed(b)
	big := a
	big.Text = strings.Repeat(a.Text+"\n", (1<<20)/len(a.Text)+1)[:1<<20]
	for _, bc := range []struct {
		name string
		a    Article
	}{{"Seed", a}, {"1MB", big}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.a.Text)))
			for b.Loop() {
				Candidates(bc.a, nil)
			}
		})
	}
}

func BenchmarkFindDates(b *testing.B) {
	a := seed(b)
	b.SetBytes(int64(len(a.Text)))
	for b.Loop() {
		FindDates(a.Text, a.Published, "")
	}
}
