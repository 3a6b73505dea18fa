// Command dyad serves and manages a dyad database of bilateral diplomatic
// events. Run "dyad help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/dyadhq/dyad/timeline"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// DYAD_CPUPROFILE names a file for a CPU profile of the whole run, to
	// look into the figures of .ci/bench-scale with "go tool pprof".
	if path := os.Getenv("DYAD_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "dyad:", describe(err))
		}
		os.Exit(exitCode(err))
	}
}

// usageError is a mistake in how dyad was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

type command struct {
	name, summary string
	run           func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch of the outside world.
type env struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
	// ready, when set, receives the address the server listens on.
	ready func(addr string)
}

var commands []command

func init() {
	commands = []command{
		{"serve", "serve the web application (the default)", serveCmd},
		{"import", "import events from a CSV file", importCmd},
		{"export", "write events as CSV, JSON, iCalendar, Atom or TimelineJS", exportCmd},
		{"extract", "find the dated events of a news article, as CSV", extractCmd},
		{"backup", "copy the database while the server runs", backupCmd},
		{"check", "verify the database and report what is wrong", checkCmd},
		{"generate", "add made-up events for benchmarks", generateCmd},
		{"user", "manage accounts: add, list, passwd, remove", userCmd},
		{"help", "say what each command does", nil},
	}
}

// run is the whole program, with its inputs and outputs as arguments so that
// tests can call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr})
}

func runEnv(ctx context.Context, args []string, e *env) error {
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	} else if len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		// "dyad --help" asks about dyad, not about serve, its default.
		name, args = "help", nil
	}
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 0 {
			return runEnv(ctx, []string{args[0], "--help"}, e)
		}
		usage(e.stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == name && c.run != nil {
			return c.run(ctx, e, args)
		}
	}
	usage(e.stderr)
	return usageError{fmt.Sprintf("unknown command %q", name)}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dyad records dated diplomatic events between pairs of countries, with their sources.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: dyad [command] [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "dyad COMMAND --help" for the flags of a command.`)
}

// newFlags returns a flag set whose usage names the command and whose --db
// flag every command shares, with DYAD_DB as its fallback.
func newFlags(e *env, name, summary string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("dyad "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: dyad %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	db := fs.String("db", envOr(e.getenv, "DYAD_DB", "dyad.db"), "SQLite database `file` (env DYAD_DB)")
	return fs, db
}

// parseFlags parses args; --help prints usage to stdout and returns flag.ErrHelp.
func parseFlags(e *env, fs *flag.FlagSet, args []string) error {
	_, err := parseFlagsAndArgs(e, fs, args, 0)
	return err
}

// parseFlagsAndArgs parses flags that may stand before or after up to max
// plain arguments, which it returns.
func parseFlagsAndArgs(e *env, fs *flag.FlagSet, args []string, max int) ([]string, error) {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
	}
	var plain []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return plain, nil
		}
		if len(plain) == max {
			return nil, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
		}
		plain = append(plain, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// describe is the message for an error that ends the program: a domain
// error's words for people, anything else as it is.
func describe(err error) string {
	var te *timeline.Error
	if errors.As(err, &te) {
		return timeline.Describe(err)
	}
	return err.Error()
}
