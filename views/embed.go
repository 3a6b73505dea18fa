package views

import "github.com/dyadhq/dyad/i18n"

func embedTitle(l i18n.Locale, p PairPage) string {
	return l.Tf("EmbedTitle", "A", l.Country(p.View.Pair.A), "B", l.Country(p.View.Pair.B))
}
