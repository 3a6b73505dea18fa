package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/dyadhq/dyad/exchange"
	"io"
	"os"
	"strings"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
)

func exportCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "export", "Write events (the same files as the web exports), to standard output or a file.")
	pair := fs.String("pair", "", "only the events of a `pair` of countries, such as sy-ru")
	out := fs.String("o", "", "write to `file` instead of standard output")
	formatName := fs.String("format", "csv", "`format`: csv, json, ics, atom or timelinejs")
	base := fs.String("base-url", "http://127.0.0.1:8080", "dyad's public `address`, for links inside feeds and calendars")
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
	var f timeline.EventFilter
	meta := exchange.ExportMeta{Title: "All events", BaseURL: strings.TrimSuffix(*base, "/"), PageURL: *base}
	if *pair != "" {
		a, b, ok := strings.Cut(*pair, "-")
		p, err := timeline.ParsePair(a, b)
		if !ok {
			return usageError{fmt.Sprintf("--pair %q: give two country codes joined by a hyphen, such as sy-ru", *pair)}
		}
		if err != nil {
			return usageError{fmt.Sprintf("--pair %q: %s", *pair, describe(err))}
		}
		f.Pair = &p
		meta.Title, meta.PageURL = p.Name(), meta.BaseURL+p.Path()
		meta.SelfURL = meta.PageURL + "/" + format.File
	}
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
	n := 0
	var events func(fn func(*timeline.Event) error) error
	if format.Newest {
		f.Newest, f.Limit = true, exchange.FeedSize
		feed, _, err := store.FindEvents(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range feed {
			if e.UpdatedAt.After(meta.Updated) {
				meta.Updated = e.UpdatedAt
			}
		}
		events = func(fn func(*timeline.Event) error) error {
			for _, e := range feed {
				if err := fn(e); err != nil {
					return err
				}
			}
			return nil
		}
	} else if f.Pair != nil {
		events = func(fn func(*timeline.Event) error) error { return store.EachEvent(ctx, f, fn) }
	} else {
		events = func(fn func(*timeline.Event) error) error { return store.EachEventByID(ctx, fn) }
	}
	ew, err := exchange.NewEventWriter(format, bw, meta)
	if err != nil {
		return err
	}
	if err := events(func(e *timeline.Event) error { n++; return ew.Write(e) }); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := ew.Close(); err != nil {
		return err
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
