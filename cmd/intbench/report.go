package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/intbench/intbench/results"
)

func runReport(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("report", errOut)
	format := fs.String("format", "text", "output format: "+strings.Join(results.FormatNames(), ", "))
	dst := fs.String("o", "", "write to this file instead of stdout (a format with several files, gab, writes OUT-bigger.json and OUT-smaller.json)")
	allow := fs.Bool("allow-differences", false, "pool documents that are not comparable, listing the differences")
	fs.Usage = func() {
		fmt.Fprintln(errOut, "usage: intbench report [--format FORMAT] [-o OUT] RESULTS.json [...]\n\nSeveral documents are merged first, as \"intbench merge\" does. Formats:")
		for _, n := range results.FormatNames() {
			f, _ := results.LookupFormat(n)
			fmt.Fprintf(errOut, "  %-9s %s\n", n, f.Summary)
		}
		fmt.Fprintln(errOut, "\nflags:")
		fs.PrintDefaults()
	}
	files, err := parseInterleaved(fs, args, func(files []string) bool { return len(files) > 0 })
	if err != nil {
		return err
	}
	f, err := results.LookupFormat(*format)
	if err != nil {
		return err
	}
	doc, err := readMerged(files, *allow)
	if err != nil {
		return err
	}
	return render(f, doc, *dst, out)
}

// readMerged reads one document, or merges several as merge does.
func readMerged(files []string, allow bool) (*results.Document, error) {
	docs, err := readDocs(files)
	if err != nil {
		return nil, err
	}
	if len(docs) == 1 {
		return docs[0], nil
	}
	return results.MergeWith(results.MergeOptions{AllowDifferences: allow}, docs...)
}

// render writes doc in format f to path, atomically, or to stdout when
// path is "" or "-".
func render(f results.Format, doc *results.Document, path string, stdout io.Writer) error {
	if path == "" || path == "-" {
		if len(f.Parts) > 0 {
			return fmt.Errorf("format %s writes %d files (%s): give -o OUT", f.Name, len(f.Parts), strings.Join(f.Parts, ", "))
		}
		return results.Render(results.Writer(stdout), f.Name, doc)
	}
	sink := &results.FileSink{Path: path, Ext: f.Ext}
	if err := results.Render(sink, f.Name, doc); err != nil {
		sink.Abort()
		return err
	}
	paths, err := sink.Commit()
	for _, p := range paths {
		fmt.Fprintf(stdout, "%s written to %s\n", f.Name, p)
	}
	return err
}
