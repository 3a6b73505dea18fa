package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/extract"
	"github.com/dyadhq/dyad/fetch"
	"github.com/dyadhq/dyad/timeline"
)

// maxExtractBytes bounds the text dyad extract reads, as the web page does.
const maxExtractBytes = 1 << 20

func extractCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "extract", "Find the dated events of a news article and write them as dyad's CSV (the excerpt in source_excerpt), to check in a spreadsheet and import with dyad import.\n\nUsage: dyad extract [flags] FILE|-   or   dyad extract --url URL [flags]")
	published := fs.String("published", "", "the `date` the article was published (2025-12-24); dates such as \"15 October\" are worked out from it")
	lang := fs.String("lang", "", "the article's `language`: ar or en (found from the text when not given)")
	addr := fs.String("url", "", "the article's `address`: fetched (public addresses only) unless a FILE is given, and cited by every event")
	title := fs.String("title", "", "the article's `title`")
	publisher := fs.String("publisher", "", "the article's `publisher`")
	plain, err := parseFlagsAndArgs(e, fs, args, 1)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	var file string
	if len(plain) == 1 {
		file = plain[0]
	}
	if file == "" && *addr == "" {
		return usageError{"give the article: a FILE (or - for standard input), or --url URL"}
	}
	if *lang != "" && *lang != "ar" && *lang != "en" {
		return usageError{fmt.Sprintf("--lang %q: choose ar or en", *lang)}
	}
	a := extract.Article{Language: *lang, URL: *addr, Title: *title, Publisher: *publisher}
	if file != "" {
		var r io.Reader = e.stdin
		if file != "-" {
			f, err := os.Open(file)
			if err != nil {
				return err
			}
			defer f.Close()
			r = f
		}
		b, err := io.ReadAll(io.LimitReader(r, maxExtractBytes+1))
		if err != nil {
			return err
		}
		switch {
		case len(b) > maxExtractBytes:
			return fmt.Errorf("%s: the text is larger than 1 MiB; give one article", file)
		case !utf8.Valid(b) || strings.ContainsRune(string(b), 0):
			return fmt.Errorf("%s: the file is not UTF-8 text", file)
		}
		a.Text = strings.ReplaceAll(string(b), "\r\n", "\n")
	} else {
		page, err := fetch.New(fetch.Config{}).Fetch(ctx, *addr)
		if err != nil {
			return fmt.Errorf("%s: %s", *addr, fetch.New(fetch.Config{}).Message(err))
		}
		a.Text = page.Text
		a.URL = firstNonEmpty(page.Canonical, page.FinalURL)
		a.Title = firstNonEmpty(*title, page.Title)
		a.Publisher = firstNonEmpty(*publisher, page.Publisher)
		if a.Language == "" {
			a.Language = page.Language
		}
		if *published == "" && !page.Published.IsZero() {
			*published = page.Published.String()
		}
		fmt.Fprintf(e.stderr, "read %s: %q, %s, published %s\n", a.URL, a.Title, a.Publisher, *published)
	}
	if *published == "" {
		return usageError{"give --published DATE: the day the article was published, from which dates such as \"15 October\" are worked out"}
	}
	d, err := timeline.ParseDate(*published)
	if err != nil || d.Precision != timeline.Day {
		return usageError{fmt.Sprintf("--published %q: give the day, such as 2025-12-24", *published)}
	}
	a.Published = d
	var known []timeline.Actor
	if _, err := os.Stat(*dbPath); err == nil {
		store, err := db.Open(ctx, *dbPath)
		if err != nil {
			return err
		}
		known, err = store.KnownActors(ctx, 5000)
		store.Close()
		if err != nil {
			return err
		}
	}
	found := extract.Candidates(a, known)
	w := exchange.NewCSVWriter(e.stdout)
	for i := range found {
		if err := w.Write(found[i].Event(a)); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	switch len(found) {
	case 0:
		fmt.Fprintln(e.stderr, "no dated event was found in the text")
	case 1:
		fmt.Fprintln(e.stderr, "1 event found")
	default:
		fmt.Fprintf(e.stderr, "%d events found\n", len(found))
	}
	if a.URL == "" && len(found) > 0 {
		fmt.Fprintln(e.stderr, "note: no --url was given, so the events cite no address; fill in source_url before importing")
	}
	return nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
