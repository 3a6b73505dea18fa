package db

import (
	"strings"
	"unicode"

	"github.com/dyadhq/dyad/timeline"
)

// MaxSearchWords bounds the words of a search: each is a term the index
// must look up, so an endless query would be an endless request.
const MaxSearchWords = 10

// SearchTerms is the FTS5 query syntax of a search: it splits a folded query into the words FTS5 should find, each
// as a prefix, ANDed; words past MaxSearchWords are dropped. It returns ""
// when the query has no word.
func SearchTerms(q string) string {
	words := strings.FieldsFunc(timeline.Fold(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	if len(words) > MaxSearchWords {
		words = words[:MaxSearchWords]
	}
	for i, w := range words {
		if r := []rune(w); len(r) > 40 {
			w = string(r[:40])
		}
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}
