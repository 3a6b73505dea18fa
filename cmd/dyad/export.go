package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/exchange"
	"github.com/dyadhq/dyad/timeline"
)

func exportCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "export", "Write events (the same files as the web exports), to standard output or a file.")
	pair := fs.String("pair", "", "only the events of a `pair` of countries, such as sy-ru")
	out := fs.String("o", "", "write to `file` instead of standard output")
	formatName := fs.String("format", "csv", "`format`: csv, json, ics, atom or timelinejs")
	langFlag := fs.String("lang", "", "titles and descriptions of ics, atom and timelinejs in this `language` where events have it (ar, en, …)")
	base := fs.String("base-url", envOr(e.getenv, "DYAD_BASE_URL", "http://127.0.0.1:8080"),
		"dyad's public `address`, for links inside feeds and calendars (env DYAD_BASE_URL, as for serve)")
	if err := parseFlags(e, fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	format, ok := exchange.ExportFormatByName(*formatName)
	if !ok {
		return usageError{fmt.Sprintf("--format %q: choose csv, json, ics, atom or timelinejs", *formatName)}
	}
	var lang string
	if *langFlag != "" {
		l, err := timeline.ParseLang(*langFlag)
		if err != nil {
			return usageError{fmt.Sprintf("--lang: %s", timeline.ErrorMessage(err))}
		}
		lang = l
	}
	var f timeline.EventFilter
	if *pair != "" {
		p, err := pairArg(*pair)
		if err != nil {
			return usageError{fmt.Sprintf("--pair %q: %s", *pair, err)}
		}
		f.Pair = &p
	}
	meta := exchange.ExportMetaFor(*base, f.Pair, format)
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("database %s: %w", *dbPath, err)
	}
	store, err := db.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()

	var w io.Writer = e.stdout
	var file *os.File
	if *out != "" {
		if file, err = os.Create(*out); err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	n, err := exchange.Export(ctx, store, format, f, meta, bw, exchange.ExportOptions{Lang: lang})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %d events to %s\n", n, *out)
	}
	return nil
}

// pairArg reads two countries joined by a hyphen, as codes (sy-ru, SYR-RUS)
// or names (syria-russia, saudi-arabia-egypt): every hyphen is tried as the
// join, as the pair pages read names.
func pairArg(s string) (timeline.Pair, error) {
	var last error = errors.New("give two countries joined by a hyphen, such as sy-ru or syria-russia")
	for i := 0; i < len(s); i++ {
		if s[i] != '-' {
			continue
		}
		p, err := timeline.ResolvePair(s[:i], s[i+1:])
		if err == nil {
			return p, nil
		}
		last = errors.New(describe(err))
	}
	return timeline.Pair{}, last
}
