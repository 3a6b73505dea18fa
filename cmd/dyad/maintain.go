package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/dyadhq/dyad/db"
)

func backupCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "backup", "Copy the database, consistently, while the server goes on reading and writing it.\n\nUsage: dyad backup [--db FILE] OUT")
	plain, err := parseFlagsAndArgs(e, fs, args, 1)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	var out string
	if len(plain) == 1 {
		out = plain[0]
	}
	if out == "" {
		return usageError{"give the file to write the copy to: dyad backup [--db FILE] OUT"}
	}
	start := time.Now()
	if err := db.Backup(ctx, *dbPath, out); err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s (%.1f MiB) in %s; check it with: dyad check --db %s\n",
		*dbPath, out, float64(st.Size())/(1<<20), time.Since(start).Round(time.Millisecond), out)
	return nil
}

func checkCmd(ctx context.Context, e *env, args []string) error {
	fs, dbPath := newFlags(e, "check", "Verify the database: SQLite's integrity and foreign keys, the search index, the pair rows and counts against a recount, the event keys and the history. Exit status 1 when anything is wrong.")
	if err := parseFlags(e, fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("database %s: %w", *dbPath, err)
	}
	store, err := db.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	findings, err := store.Check(ctx, func(step string) { fmt.Fprintf(e.stderr, "checking %s…\n", step) })
	if err != nil {
		return err
	}
	if len(findings) == 0 {
		fmt.Fprintf(e.stdout, "%s is sound (checked in %s)\n", *dbPath, time.Since(start).Round(time.Millisecond))
		return nil
	}
	for _, f := range findings {
		fmt.Fprintf(e.stdout, "%s: %s\n", f.Check, f.Message)
	}
	return fmt.Errorf("%s: %d problems found (listed above)", *dbPath, len(findings))
}
