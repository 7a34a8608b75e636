package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/internal/pgserver"
	"github.com/intbench/intbench/results"
)

func runEvolve(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("evolve", errOut)
	var pats, changes listFlag
	fs.Var(&pats, "transports", "comma-separated patterns (default: every pattern but rawtcp)")
	fs.Var(&changes, "changes", "comma-separated contract changes (default: all; see \"intbench list\")")
	dst := fs.String("o", "intbench-evolution.json", "where to write the results document (\"-\" for stdout)")
	quiet := fs.Bool("q", false, "no progress lines on stderr")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := pgserver.Check(); err != nil {
		return fmt.Errorf("the matrix serves every pattern over PostgreSQL: %w", err)
	}
	progress := func(line string) { fmt.Fprintln(errOut, line) }
	if *quiet {
		progress = nil
	}
	m, err := evolution.Run(ctx, evolution.Plan{Patterns: pats, Changes: changes}, progress)
	if m == nil {
		return err
	}
	doc := &results.Document{Schema: results.Schema, Created: time.Now().UTC(), Env: results.CurrentEnvironment(), Evolution: m,
		Incomplete: err != nil}
	if doc.Env.Commit == "" {
		doc.Env.Commit = gitCommit(ctx)
	}
	if werr := writeDoc(doc, *dst, out); werr != nil {
		return errors.Join(err, werr)
	}
	return errors.Join(err, results.WriteEvolution(out, m))
}
