package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/intbench/intbench/results"
)

func runHistory(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("history", errOut)
	dst := fs.String("o", "", "where to write the HTML page (required)")
	keys := fs.String("keys", "", "draw only the keys that match this regular expression, e.g. 'scenario=get-customer/' or 'transport=(grpc|rest)/'")
	fs.Usage = func() {
		fmt.Fprintln(errOut, "usage: intbench history -o OUT.html RESULTS.json|DIR [...]\n\nOne regression chart per key and headline metric over a series of results, one point per commit\n(documents of the same commit are pooled), ordered by when they were measured. A directory\ncontributes its *.json results documents; other JSON files in it are skipped.")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args, func(paths []string) bool { return *dst != "" && len(paths) > 0 })
	if err != nil {
		return err
	}
	opts := results.HistoryOptions{}
	if *keys != "" {
		re, err := regexp.Compile(*keys)
		if err != nil {
			fmt.Fprintf(errOut, "history: --keys: %v\n", err)
			return errUsage
		}
		opts.Keys = re
	}
	docs, err := readSeries(paths, errOut)
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return errors.New("no results documents found")
	}
	if err := results.WriteFileAtomic(*dst, func(w io.Writer) error { return results.WriteHistoryWith(w, docs, opts) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "history of %d documents written to %s\n", len(docs), *dst)
	return nil
}

// readSeries reads the documents named, and those of the directories
// named, skipping JSON files in a directory that are not results
// documents (say so on errOut).
func readSeries(paths []string, errOut io.Writer) ([]*results.Document, error) {
	var docs []*results.Document
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			d, err := results.ReadFile(p)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
			continue
		}
		files, err := filepath.Glob(filepath.Join(p, "*.json"))
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
		for _, f := range files {
			d, err := results.ReadFile(f)
			if errors.Is(err, results.ErrSchema) {
				fmt.Fprintf(errOut, "intbench history: skipping %s: not a %s document\n", f, results.Schema)
				continue
			}
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
	}
	return docs, nil
}
