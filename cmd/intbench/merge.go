package main

import (
	"context"
	"fmt"
	"io"

	"github.com/intbench/intbench/results"
)

func runMerge(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("merge", errOut)
	dst := fs.String("o", "", "where to write the merged document (required; \"-\" for stdout)")
	allow := fs.Bool("allow-differences", false, "pool documents that are not comparable, listing the differences in the result")
	fs.Usage = func() {
		fmt.Fprintln(errOut, "usage: intbench merge -o OUT.json IN.json [IN.json ...]")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args, func(paths []string) bool { return *dst != "" && len(paths) > 0 })
	if err != nil {
		return err
	}
	docs, err := readDocs(paths)
	if err != nil {
		return err
	}
	merged, err := results.MergeWith(results.MergeOptions{AllowDifferences: *allow}, docs...)
	if err != nil {
		return err
	}
	return writeDoc(merged, *dst, out)
}

func readDocs(paths []string) ([]*results.Document, error) {
	docs := make([]*results.Document, 0, len(paths))
	for _, p := range paths {
		d, err := results.ReadFile(p)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}
