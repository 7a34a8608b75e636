// Command intbench compares the ways microservices integrate: it serves one
// orders service over a shared database, SOAP, REST, Thrift, gRPC and a raw
// TCP floor, and measures them.
//
// Usage:
//
//	intbench <command> [flags]
//
// Run "intbench help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	_ "github.com/intbench/intbench/evolution/all"
	_ "github.com/intbench/intbench/transports/all"
)

// command is one subcommand: a flag set built per call, so there are no
// flag globals, and the function that runs it.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, out, errOut io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"run":     {"compare patterns on scenarios and write a results document", runRun},
		"merge":   {"pool the runs of several results documents into one", runMerge},
		"report":  {"render results documents as text, md, csv, json, html, benchfmt or gab", runReport},
		"compare": {"compare two results documents; exit 1 on a significant regression", runCompare},
		"history": {"draw regression charts over a series of results documents, one point per commit", runHistory},
		"serve":   {"serve one pattern over the seeded data set until interrupted", runServe},
		"list":    {"list patterns, scenarios, faults, profiles, networks, contract changes and report formats", runList},
		"evolve":  {"which pattern survives which contract change: old clients against new servers and back", runEvolve},
	}
}

// errUsage marks an error whose message has already been printed with the
// usage; main exits 2 for it.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(errOut, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(errOut, "intbench: unknown command %q\n", args[0])
		usage(errOut, cmds)
		return 2
	}
	if err := cmd.run(ctx, args[1:], out, errOut); err != nil {
		if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintf(errOut, "intbench %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: intbench <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"intbench <command> -h\" for a command's flags.")
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints its usage to w.
func newFlagSet(name string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("intbench "+name, flag.ContinueOnError)
	fs.SetOutput(w)
	return fs
}

// parseFlags parses args, rejecting stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// parseInterleaved parses flags that may come before, between or after
// the positional arguments ("report r.json --format md"), and returns the
// positional ones; it prints the usage and fails when valid says the
// arguments (or the flags they go with) are not enough.
func parseInterleaved(fs *flag.FlagSet, args []string, valid func(pos []string) bool) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		rest := fs.Args()
		if rest[0] == "--" {
			pos = append(pos, rest[1:]...)
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	if !valid(pos) {
		fs.Usage()
		return nil, errUsage
	}
	return pos, nil
}
