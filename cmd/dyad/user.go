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

	"golang.org/x/term"

	"github.com/dyadhq/dyad/db"
	"github.com/dyadhq/dyad/timeline"
)

// userCmd manages accounts: add, list, passwd, remove.
func userCmd(ctx context.Context, e *env, args []string) error {
	const usage = "Manage accounts.\n\n" +
		"  dyad user add NAME --role editor|admin|viewer   add an account (asks for the password)\n" +
		"  dyad user list                                    list the accounts\n" +
		"  dyad user passwd NAME                             set a new password\n" +
		"  dyad user remove NAME                             remove an account\n\n" +
		"The password is typed twice at a prompt that does not echo, or read from the first line of\n" +
		"standard input when it is not a terminal."
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, "Usage: dyad user COMMAND [flags]\n\n"+usage)
		if len(args) == 0 {
			return usageError{"name a user command: add, list, passwd or remove"}
		}
		return nil
	}
	sub, rest := args[0], args[1:]
	fs, dbPath := newFlags(e, "user "+sub, usage)
	role := fs.String("role", "editor", "`role` of a new account: viewer, editor or admin")
	// The name may stand before or after the flags.
	plain, err := parseFlagsAndArgs(e, fs, rest, 1)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	var name string
	if len(plain) == 1 {
		name = plain[0]
	}
	if sub != "list" && name == "" {
		return usageError{"name the account: dyad user " + sub + " NAME"}
	}
	if _, err := os.Stat(*dbPath); err != nil && sub != "add" {
		return fmt.Errorf("database %s: %w", *dbPath, err)
	}
	store, err := db.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	switch sub {
	case "add":
		if err := timeline.ValidateUser(name, "", timeline.Role(*role), false); err != nil {
			return err
		}
		password, err := readNewPassword(e)
		if err != nil {
			return err
		}
		u, err := store.CreateUser(ctx, name, password, timeline.Role(*role))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s (%s)\n", u.Name, u.Role)
	case "list":
		users, err := store.ListUsers(ctx)
		if err != nil {
			return err
		}
		if len(users) == 0 {
			fmt.Fprintln(e.stdout, "no accounts")
		}
		for _, u := range users {
			fmt.Fprintf(e.stdout, "%-24s %-7s since %s\n", u.Name, u.Role, u.CreatedAt.Format("2006-01-02"))
		}
	case "passwd":
		password, err := readNewPassword(e)
		if err != nil {
			return err
		}
		if err := store.SetPassword(ctx, name, password); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "password of %s changed\n", name)
	case "remove":
		if err := store.DeleteUser(ctx, name); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %s\n", name)
	default:
		return usageError{fmt.Sprintf("unknown user command %q: add, list, passwd or remove", sub)}
	}
	return nil
}

// readNewPassword asks twice at a terminal, without echo; otherwise it reads
// the first line of standard input.
func readNewPassword(e *env) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Password: ")
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(e.stderr, "Password again: ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if string(p1) != string(p2) {
			return "", errors.New("the two passwords differ; nothing was changed")
		}
		return string(p1), timeline.ValidatePassword(string(p1))
	}
	if e.stdin == nil {
		return "", errors.New("no password: type it at a terminal, or give it on standard input")
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	p := strings.TrimRight(line, "\r\n")
	return p, timeline.ValidatePassword(p)
}
