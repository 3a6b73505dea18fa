package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
)

func exportCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "export", "Write events as CSV (the same file as /events.csv), to standard output or a file.")
	pair := fs.String("pair", "", "only the events of a `pair` of countries, such as sy-ru")
	out := fs.String("o", "", "write to `file` instead of standard output")
	if err := parseFlags(e, fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	var f timeline.EventFilter
	if *pair != "" {
		a, b, ok := strings.Cut(*pair, "-")
		p, err := timeline.ParsePair(a, b)
		if !ok || err != nil {
			return usageError{fmt.Sprintf("--pair %q: give two country codes joined by a hyphen, such as sy-ru", *pair)}
		}
		f.Pair = &p
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
	cw := timeline.NewCSVWriter(bw)
	if err := store.EachEvent(ctx, f, cw.Write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := cw.Flush(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %d events to %s\n", cw.Rows(), *out)
	}
	return nil
}
