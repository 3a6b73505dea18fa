package views

import (
	"context"

	"github.com/a-h/templ"

	"github.com/dyadhq/dyad/i18n"
	"github.com/dyadhq/dyad/timeline"
)

// loc is the reader's Locale: language, settings, and the page's address.
func loc(ctx context.Context) i18n.Locale { return i18n.From(ctx) }

// tr is interface message id in the reader's language.
func tr(ctx context.Context, id string) string { return i18n.From(ctx).T(id) }

// href is a link to one of dyad's pages that keeps the reader's language.
func href(ctx context.Context, path string) templ.SafeURL {
	return templ.SafeURL(i18n.From(ctx).URL(path))
}

// hrefString is href as a plain string, for attributes that are not URLs
// to templ (data-*, form actions built in Go).
func hrefString(ctx context.Context, path string) string { return i18n.From(ctx).URL(path) }

// settingsExampleDate is the seed article's date, shown as the settings
// would write it.
var settingsExampleDate = timeline.MustParseDate("2025-12-23")

// textLang is the language of the title and description a reader of the
// page's language is shown of e (Event.TextIn), for the lang attribute.
func textLang(ctx context.Context, e *timeline.Event) string {
	_, _, l, _ := e.TextIn(string(loc(ctx).Lang))
	return l
}
