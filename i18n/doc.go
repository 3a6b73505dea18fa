// Package i18n is dyad's interface language: which language a request reads
// in (Arabic or English), the message catalog every interface string goes
// through, with CLDR plural rules, and the formatting of dates, numbers,
// countries and kinds in that language.
//
// Pages get their Locale from the request's context (From); templates call
// its methods:
//
//	l := i18n.From(ctx)
//	l.T("NavPairs")                         // "Pairs", "الثنائيات"
//	l.N("EventCount", 11)                   // "11 events", "11 حدثًا"
//	l.Tf("VisitBy", "Guest", g, "Host", h)  // named template values
//	l.Date(d)                               // "23 كانون الأول 2025"
//	l.URL("/pairs/sy/ru")                   // "/pairs/sy/ru?lang=ar"
//
// The catalog is messages/en.toml and messages/ar.toml; a test fails when a
// message lacks its Arabic text or an Arabic plural form, and when code asks
// for a message the catalog does not have.
package i18n
