// Package extract reads candidate events out of a news article's text, in
// Arabic or English, for an editor to review: the dates (FindDates), and
// for each sentence with a date, the countries, people, kind of event,
// initiator and place it names (Candidates).
//
// It is a reader of our own: go-dateparser's search misses most Arabic
// forms (Levantine month names, "15 تشرين الأول الماضي", a weekday that
// checks a date), and the rest is word lists and a few patterns over a
// tokenized text, linear in its length. It imports only timeline.
//
// Every guess says how it was made in Notes, each a message id with typed
// values (Note.English writes it in English, an interface's catalog in its
// reader's language), and every piece of text it reports carries its byte
// offsets in the article, to highlight it.
package extract
