package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/intbench/intbench/results"
)

// errRegressed is returned when compare found a regression: the command
// exits 1, as for any error, after printing the comparison.
type errRegressed struct {
	n         int
	threshold float64
}

func (e errRegressed) Error() string {
	return fmt.Sprintf("%d regression(s) beyond %s", e.n, strconv.FormatFloat(100*e.threshold, 'f', -1, 64)+"%")
}

// thresholdFlag is a share given as "5%" or "0.05".
type thresholdFlag float64

func (t *thresholdFlag) String() string {
	return strconv.FormatFloat(100*float64(*t), 'f', -1, 64) + "%"
}

func (t *thresholdFlag) Set(s string) error {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil {
		return fmt.Errorf("%q: want a share such as 5%% or 0.05", s)
	}
	if pct {
		v /= 100
	}
	if v < 0 || v >= 10 {
		return fmt.Errorf("%q: want a share from 0%% to 1000%%", s)
	}
	*t = thresholdFlag(v)
	return nil
}

func runCompare(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("compare", errOut)
	threshold := thresholdFlag(0.05)
	fs.Var(&threshold, "threshold", "smallest change that counts as a regression, when significant")
	format := fs.String("format", "text", "text or md (Markdown, for a pull-request comment)")
	dst := fs.String("o", "", "write the comparison to this file instead of stdout")
	fs.Usage = func() {
		fmt.Fprintln(errOut, "usage: intbench compare BASE.json HEAD.json [--threshold 5%] [--format text|md] [-o OUT]\n\nExits 1 when a figure regressed beyond the threshold with significance (Mann-Whitney U over the runs), 0 otherwise.")
		fs.PrintDefaults()
	}
	files, err := parseInterleaved(fs, args, func(files []string) bool { return len(files) == 2 })
	if err != nil {
		return err
	}
	write, ok := map[string]func(*results.Comparison, io.Writer) error{
		"text": (*results.Comparison).WriteText,
		"md":   (*results.Comparison).WriteMarkdown,
	}[*format]
	if !ok {
		return fmt.Errorf("--format %q: want text or md", *format)
	}
	docs, err := readDocs(files)
	if err != nil {
		return err
	}
	c := results.Compare(docs[0], docs[1], results.CompareOptions{Threshold: float64(threshold)})
	if *dst == "" || *dst == "-" {
		err = write(c, out)
	} else {
		err = results.WriteFileAtomic(*dst, func(w io.Writer) error { return write(c, w) })
	}
	if err != nil {
		return err
	}
	if n := c.Regressions(); n > 0 {
		return errRegressed{n, float64(threshold)}
	}
	return nil
}
